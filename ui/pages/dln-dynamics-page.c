#define G_LOG_DOMAIN "dln-dynamics-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-dynamics-page.h"

#include "dln-figure-dynamics.h"
#include "dln-figure-view.h"
#include "dln-param-row.h"
#include "dln-ui-error.h"

#include <math.h>

/* docs/demos.md#d14/D15: the course run's epochs; η and γ are
 * DlnDeepPage's. Depth and width are the app's extension
 * (docs/demos.md#d14, "Earlier drafts"): D weight matrices of hidden
 * width H, by default the course's net. */
#define DEPTH_MAX   6
#define HIDDEN_MAX  200
#define EPOCHS      DLN_COURSE_EPOCHS

struct _DlnDynamicsPage
{
  DlnDeepPage             parent_instance;

  /* template children */
  DlnParamRow            *epoch_row;
  GtkDropDown            *overlay_dropdown;
  DlnParamRow            *depth_row;
  DlnParamRow            *hidden_row;

  int                     depth;
  int                     hidden;
  int                     epoch;
  int                     overlay;
};

G_DEFINE_FINAL_TYPE (DlnDynamicsPage, dln_dynamics_page, DLN_TYPE_DEEP_PAGE)

enum
{
  PROP_DEPTH = DLN_DEEP_PAGE_N_PROPS,
  PROP_HIDDEN,
  PROP_EPOCH,
  PROP_OVERLAY,
};

static void
dln_dynamics_page_update_figure (DlnDeepPage *page)
{
  DlnDynamicsPage *self = DLN_DYNAMICS_PAGE (page);

  if (dln_deep_page_show_run (page, self->epoch, self->overlay) != NULL)
    dln_demo_page_queue_render (DLN_DEMO_PAGE (page));
}

static void
dln_dynamics_page_update_status (DlnDeepPage *page)
{
  DlnDynamicsPage *self = DLN_DYNAMICS_PAGE (page);
  const DlnDeepSnapshot *snap = dln_deep_page_get_snapshot (page);
  GtkLabel *label = dln_demo_page_get_status_label (DLN_DEMO_PAGE (page));
  g_autoptr(GString) text = g_string_new (NULL);
  size_t e = (size_t) self->epoch;
  double bound;

  if (snap == NULL)
    return;
  if (snap->status != DLN_STATUS_OK)
    {
      g_string_printf (text, _("Cannot train: %s"), snap->message);
      gtk_label_set_text (label, text->str);
      return;
    }
  {
    g_autofree char *data = dln_data_source_describe (
      dln_demo_page_get_data_source (DLN_DEMO_PAGE (self)));

    if (data != NULL)
      g_string_append_printf (text, "%s\n", data);
  }
  g_string_append_printf (text, _("Trained %zu epochs in %.1f ms (%s path; "
                          "with theory %.1f ms).\n"), snap->n_epochs,
                          snap->train_ms,
                          snap->reduced ? _("exact reduced") : _("direct"),
                          snap->total_ms);
  if (snap->diverged_epoch >= 0)
    g_string_append_printf (text, _("Diverged at epoch %ld: the loss became "
                            "non-finite; the curves stop there.\n"),
                            snap->diverged_epoch);
  if (e < snap->n_epochs && isfinite (snap->loss[e]))
    g_string_append_printf (text, _("Epoch %zu: loss %.4g (discrete map "
                            "predicts %.4g)\n"), e, snap->loss[e],
                            snap->loss_discrete[e]);
  /* GD multiplies mode α's error by (1 − 2 s_α/τ) per epoch near the
   * end (docs/demos.md#d14): stable for η < P·N/(2 s₁) */
  bound = (double) snap->n_items * (double) snap->n_out
          / (2.0 * snap->s_eff[0]);
  if (isfinite (bound))
    {
      DlnParamRow *lr_row = dln_deep_page_get_lr_row (page);

      g_string_append_printf (text, _("Stable for η < P·N/(2s₁) = %.1f; "
                              "τ = %.0f epochs"), bound, snap->tau);
      dln_param_row_set_mark (lr_row,
                              bound <= dln_param_row_get_upper (lr_row)
                              ? bound : NAN);
    }
  gtk_label_set_text (label, text->str);
}

static void
dln_dynamics_page_configure (DlnDeepPage     *page,
                             DlnCourseParams *params)
{
  DlnDynamicsPage *self = DLN_DYNAMICS_PAGE (page);

  params->depth = self->depth;
  params->hidden = self->hidden;
}

/* "Export as Python script": the current settings as the catalogue's
 * "dynamics" options; the script overlays the exact discrete theory. */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnDynamicsPage *self = user_data;

  if (self->overlay == DLN_OVERLAY_CLOSED || self->overlay == DLN_OVERLAY_BOTH)
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   _("The Python script draws the exact discrete theory or "
                   "none: choose that overlay to export it"));
      return FALSE;
    }
  return dln_deep_page_python_args (DLN_DEEP_PAGE (self), args, self->depth,
                                    error)
         && dln_demo_page_python_printf (args, error, "hidden", "%d",
                                         self->hidden)
         && dln_demo_page_python_printf (args, error, "theory", "%s",
                                         self->overlay == DLN_OVERLAY_NONE
                                         ? "no" : "yes");
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
  const DlnDeepSnapshot *snap = dln_deep_page_get_snapshot (user_data);
  GString *text;
  long e;

  if (snap == NULL || panel < 0 || !isfinite (x))
    return NULL;
  e = lround (x);
  if (e < 0 || (size_t) e >= snap->n_epochs)
    return NULL;
  text = g_string_new (NULL);
  g_string_append_printf (text, _("epoch %ld: loss %.4g (theory %.4g)\nσ/σmax:"),
                          e, snap->loss[e], snap->loss_discrete[e]);
  for (size_t k = 0; k < snap->n_modes; k++)
    g_string_append_printf (text, " %.2f",
                            snap->sv[e * snap->n_modes + k]
                            / dln_deep_snapshot_sv_max (snap));
  return g_string_free (text, FALSE);
}

static void
dln_dynamics_page_constructed (GObject *object)
{
  DlnDynamicsPage *self = DLN_DYNAMICS_PAGE (object);
  DlnFigureView *view;

  G_OBJECT_CLASS (dln_dynamics_page_parent_class)->constructed (object);

  view = dln_demo_page_get_primary_view (DLN_DEMO_PAGE (self));
  dln_figure_view_set_readout_func (view, readout_cb, self, NULL);
  dln_figure_view_set_python (view, "dynamics", python_args_cb, self);
}

static void
dln_dynamics_page_class_init (DlnDynamicsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DlnDeepPageClass *deep_class = DLN_DEEP_PAGE_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);

  object_class->constructed = dln_dynamics_page_constructed;
  deep_class->configure = dln_dynamics_page_configure;
  deep_class->update_figure = dln_dynamics_page_update_figure;
  deep_class->update_status = dln_dynamics_page_update_status;

  dln_deep_page_class_set_template (deep_class, "dln-dynamics-page.ui");
  dln_demo_page_class_add_setting (page_class, PROP_DEPTH,
    g_param_spec_int ("depth", NULL, NULL, 1, DEPTH_MAX, DLN_COURSE_DEPTH,
                      DLN_PARAM_RW),
    G_STRUCT_OFFSET (DlnDynamicsPage, depth),
    DLN_DEMO_PAGE_CONTROL (DlnDynamicsPage, depth_row),
    dln_deep_page_retrain_cb);
  dln_demo_page_class_add_setting (page_class, PROP_HIDDEN,
    g_param_spec_int ("hidden", NULL, NULL, 1, HIDDEN_MAX, DLN_COURSE_HIDDEN,
                      DLN_PARAM_RW),
    G_STRUCT_OFFSET (DlnDynamicsPage, hidden),
    DLN_DEMO_PAGE_CONTROL (DlnDynamicsPage, hidden_row),
    dln_deep_page_retrain_cb);
  dln_demo_page_class_add_setting (page_class, PROP_EPOCH,
    g_param_spec_int ("epoch", NULL, NULL, 0, EPOCHS - 1, 61, DLN_PARAM_RW),
    G_STRUCT_OFFSET (DlnDynamicsPage, epoch),
    DLN_DEMO_PAGE_CONTROL (DlnDynamicsPage, epoch_row),
    dln_deep_page_redraw_cb);  /* the scrubber and the overlay redraw */
  dln_demo_page_class_add_setting (page_class, PROP_OVERLAY,
    g_param_spec_int ("overlay", NULL, NULL, DLN_OVERLAY_NONE,
                      DLN_OVERLAY_BOTH, DLN_OVERLAY_DISCRETE, DLN_PARAM_RW),
    G_STRUCT_OFFSET (DlnDynamicsPage, overlay),
    DLN_DEMO_PAGE_CONTROL (DlnDynamicsPage, overlay_dropdown),
    dln_deep_page_redraw_cb);


  /* dynamics.scrub (i): the epoch band by i epochs (Alt+Comma/Period:
   * ±1, Alt+Page Up/Down: ±10); dynamics.new-init: new initial weights
   * (the next seed) */
  dln_demo_page_class_install_step_action (page_class, "dynamics.scrub",
                                           "epoch", TRUE);
  dln_demo_page_class_install_step_action (page_class, "dynamics.new-init",
                                           "init-seed", FALSE);
}

static void
dln_dynamics_page_init (DlnDynamicsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
