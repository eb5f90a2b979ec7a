#define G_LOG_DOMAIN "dln-rsa-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-rsa-page.h"

#include "dln-figure-dynamics.h"
#include "dln-figure-view.h"
#include "dln-param-row.h"
#include "dln-ui-error.h"

#include <math.h>

/* docs/demos.md#d16: η 20 … 200, γ = 10^k, k in −15 … 1, epoch
 * 10 … 241, the defaults and the epochs the course run's (dln-course.h);
 * the app adds depth (any hidden layer for deeper nets). */
/* the course goes from 20; the app reaches 1, where small imported data
 * (η < P·N/(2 s₁)) trains without diverging */
#define EPOCH_MIN   10
#define EPOCH_MAX   241
#define EPOCH_DEF   DLN_COURSE_RSM_EPOCH
#define DEPTH_MAX   5

struct _DlnRsaPage
{
  DlnDeepPage             parent_instance;

  /* template children */
  DlnFigureView          *predicted_view;
  DlnParamRow            *epoch_row;
  DlnParamRow            *depth_row;
  DlnParamRow            *layer_row;
  /* a check button: a GtkSwitch changes its value only after its 100 ms
   * slide, which the figure then waited for */
  GtkCheckButton         *per_epoch_check;

  /* owned */
  DlnRsmData              predicted;
  char                    rsm_title[96];
  char                    predicted_title[96];

  int                     epoch;
  int                     depth;
  int                     layer;
  gboolean                per_epoch;
};

G_DEFINE_FINAL_TYPE (DlnRsaPage, dln_rsa_page, DLN_TYPE_DEEP_PAGE)

enum
{
  PROP_EPOCH = DLN_DEEP_PAGE_N_PROPS,
  PROP_DEPTH,
  PROP_LAYER,
  PROP_PER_EPOCH,
};

static void
dln_rsa_page_update_figure (DlnDeepPage *page)
{
  DlnRsaPage *self = DLN_RSA_PAGE (page);
  DlnDynamicsData *f = dln_deep_page_get_dynamics (page);
  const DlnDeepSnapshot *snap;
  size_t P, e = (size_t) self->epoch;
  int layer;

  snap = dln_deep_page_show_run (page, self->epoch, DLN_OVERLAY_DISCRETE);
  if (snap == NULL)
    return;
  P = snap->n_items;
  f->rsm.n_items = P;
  /* the snapshot's names: the page's dataset may already be newer */
  f->rsm.item_names = (const char *const *) snap->item_names;
  f->rsm.rsm = NULL;
  self->predicted.rsm = NULL;
  layer = CLAMP (self->layer, 1, (int) MAX (snap->n_rsm, 1));
  if (snap->n_rsm > 0 && e < snap->n_epochs)
    {
      const double *rsm = dln_deep_snapshot_rsm (snap, e, (size_t) layer);

      f->rsm.rsm = rsm;
      /* the course divides by the maximum over all epochs and entries */
      f->rsm.scale = dln_deep_snapshot_rsm_scale (snap, (size_t) layer,
                                                  self->per_epoch ? (long) e
                                                                  : -1);
      g_snprintf (self->rsm_title, sizeof self->rsm_title,
                  _("RSM at epoch %zu (layer %d)"), e, layer);
      self->predicted.rsm = &snap->rsm_predicted[e * P * P];
      self->predicted.n_items = P;
      self->predicted.item_names = f->rsm.item_names;
      self->predicted.scale =
        dln_deep_snapshot_rsm_predicted_scale (snap, self->per_epoch ? (long) e
                                                                     : -1);
      g_snprintf (self->predicted_title, sizeof self->predicted_title,
                  _("Predicted RSM at epoch %zu (theory)"), e);
    }
  dln_demo_page_queue_render (DLN_DEMO_PAGE (page));
  dln_figure_view_queue_render (self->predicted_view);
}

/* (the status does not depend on the epoch shown) */
static void
dln_rsa_page_update_status (DlnDeepPage *page)
{
  const DlnDeepSnapshot *snap = dln_deep_page_get_snapshot (page);
  g_autoptr(GString) text = g_string_new (NULL);

  if (snap == NULL)
    return;
  if (snap->status != DLN_STATUS_OK)
    g_string_printf (text, _("Cannot train: %s"), snap->message);
  else
    {
      g_autofree char *data = dln_data_source_describe (
        dln_demo_page_get_data_source (DLN_DEMO_PAGE (page)));

      if (data != NULL)
        g_string_append_printf (text, "%s\n", data);
      g_string_append_printf (text, _("Trained in %.1f ms; theory %.1f ms."),
                              snap->train_ms, snap->total_ms);
      if (snap->diverged_epoch >= 0)
        g_string_append_printf (text, _("\nDiverged at epoch %ld."),
                                snap->diverged_epoch);
      if (snap->n_rsm == 0)
        g_string_append (text, _("\nDepth 1 has no hidden layer: no "
                         "representation to compare (a look-up table)."));
    }
  gtk_label_set_text (dln_demo_page_get_status_label (DLN_DEMO_PAGE (page)),
                      text->str);
}

static void
dln_rsa_page_configure (DlnDeepPage     *page,
                        DlnCourseParams *params)
{
  DlnRsaPage *self = DLN_RSA_PAGE (page);

  params->depth = self->depth;
  params->rsm_layer = (size_t) self->layer;  /* the run keeps it in 1 … D − 1 */
}

/* a deeper net has more hidden layers to show */
/* A network of depth D has D − 1 hidden layers to choose from; with one
 * (D = 2, the default) there is no choice, and the row says so by being
 * insensitive rather than by a slider that moves nothing. */
static void
sync_layer_row (DlnRsaPage *self,
                int         depth)
{
  dln_param_row_set_range (self->layer_row, 1, MAX (depth - 1, 1));
  gtk_widget_set_sensitive (GTK_WIDGET (self->layer_row), depth > 2);
}

static void
depth_changed (DlnDemoPage *page)
{
  DlnRsaPage *self = DLN_RSA_PAGE (page);

  sync_layer_row (self, self->depth);
  dln_deep_page_retrain (DLN_DEEP_PAGE (page));
}

static char *
readout_cb (DlnFigureView           *view,
            const DlnFigureGeometry *geom,
            int                      panel,
            double                   x,
            double                   y,
            double                   px,
            double                   py,
            gpointer                 user_data)
{
  DlnRsaPage *self = user_data;
  const DlnDeepSnapshot *snap = dln_deep_page_get_snapshot (user_data);
  DlnFigureView *main_view = dln_demo_page_get_primary_view (user_data);
  const DlnDynamicsData *f = dln_deep_page_get_dynamics (user_data);
  long i, j, e;

  if (snap == NULL || panel < 0 || panel >= (int) geom->n_panels
      || !isfinite (x) || !isfinite (y))
    return NULL;
  if (geom->panels[panel].kind == DLN_PANEL_IMAGE)
    {
      const DlnRsmData *rsm = view == main_view ? &f->rsm : &self->predicted;
      const double *m = rsm->rsm;

      i = lround (y);
      j = lround (x);
      if (m == NULL || i < 0 || j < 0 || (size_t) i >= snap->n_items
          || (size_t) j >= snap->n_items)
        return NULL;
      return g_strdup_printf (_("%s · %s: %.3g (%.2f of the maximum)"),
                              snap->item_names[i], snap->item_names[j],
                              m[i * snap->n_items + j],
                              m[i * snap->n_items + j] / rsm->scale);
    }
  e = lround (x);
  if (e < 0 || (size_t) e >= snap->n_epochs)
    return NULL;
  return g_strdup_printf (_("epoch %ld: loss %.4g"), e, snap->loss[e]);
}

/* "Export as Python script": the catalogue's "rsm" options (the run and
 * the epoch shown; hidden width 30 as the page). */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnRsaPage *self = user_data;

  return dln_deep_page_python_args (DLN_DEEP_PAGE (self), args, self->depth,
                                    error)
         && dln_demo_page_python_printf (args, error, "epoch", "%d",
                                         self->epoch);
}

/* rsa.toggle-normalisation: course (all epochs) ↔ per-epoch maximum */
static void
toggle_normalisation (DlnRsaPage *self)
{
  g_object_set (self, "per-epoch", !self->per_epoch, NULL);
}

/* after the base has spanned the layer row over the setting's whole
 * range: the net's depth narrows it */
static void
dln_rsa_page_constructed (GObject *object)
{
  DlnRsaPage *self = DLN_RSA_PAGE (object);

  G_OBJECT_CLASS (dln_rsa_page_parent_class)->constructed (object);
  sync_layer_row (self, self->depth);
}

static void
dln_rsa_page_class_init (DlnRsaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDeepPageClass *deep_class = DLN_DEEP_PAGE_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);

  object_class->constructed = dln_rsa_page_constructed;
  deep_class->configure = dln_rsa_page_configure;
  deep_class->update_figure = dln_rsa_page_update_figure;
  deep_class->update_status = dln_rsa_page_update_status;

  dln_deep_page_class_set_template (deep_class, "dln-rsa-page.ui");
  /* the epoch slider and the scale only redraw (the app's improvement on
   * the course, which retrained on every change) */
  dln_demo_page_class_add_setting (page_class, PROP_EPOCH,
    g_param_spec_int ("epoch", NULL, NULL, EPOCH_MIN, EPOCH_MAX, EPOCH_DEF,
                      DLN_PARAM_RW),
    G_STRUCT_OFFSET (DlnRsaPage, epoch),
    DLN_DEMO_PAGE_CONTROL (DlnRsaPage, epoch_row),
    dln_deep_page_redraw_cb);
  dln_demo_page_class_add_setting (page_class, PROP_DEPTH,
    g_param_spec_int ("depth", NULL, NULL, 1, DEPTH_MAX, DLN_COURSE_DEPTH,
                      DLN_PARAM_RW),
    G_STRUCT_OFFSET (DlnRsaPage, depth),
    DLN_DEMO_PAGE_CONTROL (DlnRsaPage, depth_row),
    depth_changed);
  dln_demo_page_class_add_setting (page_class, PROP_LAYER,
    g_param_spec_int ("layer", NULL, NULL, 1, DEPTH_MAX - 1, 1, DLN_PARAM_RW),
    G_STRUCT_OFFSET (DlnRsaPage, layer),
    DLN_DEMO_PAGE_CONTROL (DlnRsaPage, layer_row),
    dln_deep_page_retrain_cb);
  dln_demo_page_class_add_setting (page_class, PROP_PER_EPOCH,
    g_param_spec_boolean ("per-epoch", NULL, NULL, FALSE, DLN_PARAM_RW),
    G_STRUCT_OFFSET (DlnRsaPage, per_epoch),
    DLN_DEMO_PAGE_CONTROL (DlnRsaPage, per_epoch_check),
    dln_deep_page_redraw_cb);

  gtk_widget_class_bind_template_child (widget_class, DlnRsaPage,
                                        predicted_view);

  /* rsa.scrub (i): the epoch by i (Alt+Comma/Period ±1, Alt+Page Up/Down
   * ±10); the figures redraw, nothing retrains */
  dln_demo_page_class_install_step_action (page_class, "rsa.scrub", "epoch",
                                           TRUE);
  dln_demo_page_class_install_method_action (page_class,
    "rsa.toggle-normalisation", G_CALLBACK (toggle_normalisation));
}

static void
dln_rsa_page_init (DlnRsaPage *self)
{
  DlnDynamicsData *f = dln_deep_page_get_dynamics (DLN_DEEP_PAGE (self));
  DlnFigureView *view;

  gtk_widget_init_template (GTK_WIDGET (self));

  f->rsm.title = self->rsm_title;
  f->rsm.bar_label = _("Similarity");
  self->predicted.name = "predicted";
  self->predicted.title = self->predicted_title;
  self->predicted.bar_label = _("Similarity");
  view = dln_demo_page_get_primary_view (DLN_DEMO_PAGE (self));
  dln_figure_view_set_figure (self->predicted_view,
                              (DlnFigureRenderFunc) dln_figure_rsm_render,
                              (DlnFigureCsvFunc) dln_figure_rsm_csv,
                              &self->predicted);
  dln_figure_view_set_readout_func (view, readout_cb, self, NULL);
  dln_figure_view_set_readout_func (self->predicted_view, readout_cb, self,
                                    NULL);
  dln_figure_view_set_python (view, "rsm", python_args_cb, self);
}
