#define G_LOG_DOMAIN "dln-dynamics-page"

#include "config.h"

#include "dln-dynamics-page.h"

#include "dln-deep-run.h"
#include "dln-dynamics-overlay.h"
#include "dln-figure-view.h"
#include "dln-param-row.h"
#include "dln-run.h"
#include "dln-ui-error.h"

#include <math.h>

/* docs/demos.md#d14/D15: η 1 … 200 (default 100), γ = 10^k for k in
 * −15 … 1 (default −12), 250 epochs. Depth and width are the app's
 * extension (docs/demos.md#d14, "Earlier drafts"): D weight matrices of
 * hidden width H; the course's net is D = 2, H = 30. */
#define LR_MIN      1.0
#define LR_MAX      200.0
#define LR_DEF      100.0
#define LOG_G_MIN   (-15)
#define LOG_G_MAX   1
#define LOG_G_DEF   (-12)
#define DEPTH_MAX   6
#define HIDDEN_MAX  200
#define EPOCHS      250

struct _DlnDynamicsPage
{
  DlnDemoPage             parent_instance;

  /* template children */
  DlnFigureView          *view;
  DlnParamRow            *lr_row;
  DlnParamRow            *gamma_row;
  DlnParamRow            *epoch_row;
  GtkDropDown            *overlay_dropdown;
  DlnParamRow            *depth_row;
  DlnParamRow            *hidden_row;
  GtkSpinButton          *seed_spin;
  GtkSpinButton          *init_seed_spin;
  GtkLabel               *status_label;

  /* owned */
  DlnRun                 *run;
  DlnDataset             *dataset;
  DlnDynamicsOverlayData  data;
  char                    title[64];

  /* borrowed: the run's current snapshot */
  const DlnDeepSnapshot  *snap;

  double                  lr;
  int                     log_gamma;
  int                     depth;
  int                     hidden;
  int                     epoch;
  int                     overlay;
  guint64                 seed;
  guint64                 init_seed;
  gboolean                constructed;
};

G_DEFINE_FINAL_TYPE (DlnDynamicsPage, dln_dynamics_page, DLN_TYPE_DEMO_PAGE)

enum
{
  PROP_0,
  PROP_LR,
  PROP_LOG_GAMMA,
  PROP_DEPTH,
  PROP_HIDDEN,
  PROP_EPOCH,
  PROP_OVERLAY,
  PROP_SEED,
  PROP_INIT_SEED,
  PROP_WEIGHTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_figure (DlnDynamicsPage *self)
{
  const DlnDeepSnapshot *snap = self->snap;
  DlnDynamicsData *f = &self->data.fig;

  if (snap == NULL)
    return;
  f->n_epochs = snap->n_epochs;
  f->primary = snap->loss;
  f->n_modes = snap->n_modes;
  f->sv = snap->sv;
  f->sv_scale = dln_deep_snapshot_sv_max (snap);
  f->band_epoch = self->epoch;
  self->data.overlay = self->overlay;
  f->primary_theory = NULL;
  f->sv_theory = NULL;
  f->theory_legend = snap->theory_legend;
  switch (self->overlay)
    {
    case DLN_OVERLAY_DISCRETE:
    case DLN_OVERLAY_BOTH:
      f->primary_theory = snap->loss_discrete;
      f->sv_theory = snap->theory_discrete;
      break;
    case DLN_OVERLAY_CLOSED:
      f->primary_theory = snap->loss_closed;
      f->sv_theory = snap->theory_closed;
      break;
    default:
      break;
    }
  self->data.closed_sv = snap->theory_closed;
  self->data.closed_primary = snap->loss_closed;
  dln_figure_view_queue_render (self->view);
}

static void
update_status (DlnDynamicsPage *self)
{
  const DlnDeepSnapshot *snap = self->snap;
  g_autoptr(GString) text = g_string_new (NULL);
  size_t e = (size_t) self->epoch;
  double bound;

  if (snap == NULL)
    return;
  if (snap->status != DLN_STATUS_OK)
    {
      g_string_printf (text, "Cannot train: %s", snap->message);
      gtk_label_set_text (self->status_label, text->str);
      return;
    }
  {
    g_autofree char *data = dln_data_source_describe (
      dln_demo_page_get_data_source (DLN_DEMO_PAGE (self)));

    if (data != NULL)
      g_string_append_printf (text, "%s\n", data);
  }
  g_string_append_printf (text, "Trained %zu epochs in %.1f ms (%s path; "
                          "with theory %.1f ms).\n", snap->n_epochs,
                          snap->train_ms,
                          snap->reduced ? "exact reduced" : "direct",
                          snap->total_ms);
  if (snap->diverged_epoch >= 0)
    g_string_append_printf (text, "Diverged at epoch %ld: the loss became "
                            "non-finite; the curves stop there.\n",
                            snap->diverged_epoch);
  if (e < snap->n_epochs && isfinite (snap->loss[e]))
    g_string_append_printf (text, "Epoch %zu: loss %.4g (discrete map "
                            "predicts %.4g)\n", e, snap->loss[e],
                            snap->loss_discrete[e]);
  /* GD multiplies mode α's error by (1 − 2 s_α/τ) per epoch near the
   * end (docs/demos.md#d14): stable for η < P·N/(2 s₁) */
  bound = (double) snap->n_items * (double) snap->n_out
          / (2.0 * snap->s_eff[0]);
  if (isfinite (bound))
    {
      g_string_append_printf (text, "Stable for η < P·N/(2s₁) = %.1f; "
                              "τ = %.0f epochs", bound, snap->tau);
      dln_param_row_set_mark (self->lr_row, bound <= LR_MAX ? bound : NAN);
    }
  gtk_label_set_text (self->status_label, text->str);
}

static void
snapshot_cb (DlnDynamicsPage *self,
             gpointer         snapshot)
{
  self->snap = snapshot;
  update_figure (self);
  update_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHTS]);
}

static void
rebuild_dataset (DlnDynamicsPage *self)
{
  DlnDataSource *source = dln_demo_page_get_data_source (DLN_DEMO_PAGE (self));
  DlnMessage msg = { { 0 }, 0 };
  DlnDataset *ds = NULL;

  if (dln_data_source_build (source, self->seed, &ds, &msg) != DLN_STATUS_OK)
    {
      gtk_label_set_text (self->status_label, msg.text);
      return;
    }
  dln_dataset_free (self->dataset);
  self->dataset = ds;
}

static void
retrain (DlnDynamicsPage *self)
{
  DlnCourseParams params;

  if (!self->constructed || self->dataset == NULL)
    return;
  dln_course_params_init (&params);
  params.lr = self->lr;
  params.init_scale = pow (10.0, self->log_gamma);
  params.depth = self->depth;
  params.hidden = self->hidden;
  params.epochs = EPOCHS;
  params.init_seed = self->init_seed;
  params.keep_weights = TRUE;
  dln_deep_run_start (self->run, self->dataset, &params);
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
  DlnMessage msg = { { 0 }, 0 };
  char text[32];
  DlnStatus status;

  if (self->overlay == DLN_OVERLAY_CLOSED || self->overlay == DLN_OVERLAY_BOTH)
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   "The Python script draws the exact discrete theory or "
                   "none: choose that overlay to export it");
      return FALSE;
    }
  if (!dln_deep_python_args (args, self->dataset, self->lr, self->log_gamma,
                             EPOCHS, self->depth, self->seed,
                             self->init_seed, error))
    return FALSE;
  g_snprintf (text, sizeof text, "%d", self->hidden);
  status = dln_figure_args_set (args, "hidden", text, &msg);
  if (status == DLN_STATUS_OK)
    status = dln_figure_args_set (args, "theory",
                                  self->overlay == DLN_OVERLAY_NONE ? "no"
                                                                    : "yes",
                                  &msg);
  return dln_ui_status_to_error (status, &msg, NULL, error);
}

static void
dln_dynamics_page_dispose (GObject *object)
{
  DlnDynamicsPage *self = DLN_DYNAMICS_PAGE (object);

  if (self->run != NULL)
    dln_run_cancel (self->run);
  self->snap = NULL;
  g_clear_object (&self->run);
  gtk_widget_dispose_template (GTK_WIDGET (object), DLN_TYPE_DYNAMICS_PAGE);

  G_OBJECT_CLASS (dln_dynamics_page_parent_class)->dispose (object);
}

static void
dln_dynamics_page_finalize (GObject *object)
{
  DlnDynamicsPage *self = DLN_DYNAMICS_PAGE (object);

  dln_dataset_free (self->dataset);

  G_OBJECT_CLASS (dln_dynamics_page_parent_class)->finalize (object);
}

static void
dln_dynamics_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DlnDynamicsPage *self = DLN_DYNAMICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_LR: g_value_set_double (value, self->lr); break;
    case PROP_LOG_GAMMA: g_value_set_int (value, self->log_gamma); break;
    case PROP_DEPTH: g_value_set_int (value, self->depth); break;
    case PROP_HIDDEN: g_value_set_int (value, self->hidden); break;
    case PROP_EPOCH: g_value_set_int (value, self->epoch); break;
    case PROP_OVERLAY: g_value_set_int (value, self->overlay); break;
    case PROP_SEED: g_value_set_uint64 (value, self->seed); break;
    case PROP_INIT_SEED: g_value_set_uint64 (value, self->init_seed); break;
    case PROP_WEIGHTS:
      g_value_set_variant (value, dln_deep_snapshot_weights (self->snap));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Stores @v into @field and notifies when it changes; returns whether it
 * did. */
static gboolean
set_int (DlnDynamicsPage *self,
         int             *field,
         int              v,
         guint            prop)
{
  if (*field == v)
    return FALSE;
  *field = v;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

static void
dln_dynamics_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DlnDynamicsPage *self = DLN_DYNAMICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_LR:
      /* the course's slider moves in steps of 1.0 */
      if (self->lr != round (g_value_get_double (value)))
        {
          self->lr = round (g_value_get_double (value));
          g_object_notify_by_pspec (object, pspec);
          retrain (self);
        }
      break;
    case PROP_LOG_GAMMA:
      if (set_int (self, &self->log_gamma, g_value_get_int (value), prop_id))
        retrain (self);
      break;
    case PROP_DEPTH:
      if (set_int (self, &self->depth, g_value_get_int (value), prop_id))
        retrain (self);
      break;
    case PROP_HIDDEN:
      if (set_int (self, &self->hidden, g_value_get_int (value), prop_id))
        retrain (self);
      break;
    case PROP_EPOCH:
      /* the scrubber only moves the band: no retraining */
      if (set_int (self, &self->epoch, g_value_get_int (value), prop_id))
        {
          update_figure (self);
          update_status (self);
        }
      break;
    case PROP_OVERLAY:
      if (set_int (self, &self->overlay, g_value_get_int (value), prop_id))
        update_figure (self);
      break;
    case PROP_SEED:
      if (self->seed != g_value_get_uint64 (value))
        {
          self->seed = g_value_get_uint64 (value);
          g_object_notify_by_pspec (object, pspec);
          rebuild_dataset (self);
          retrain (self);
        }
      break;
    case PROP_INIT_SEED:
      if (self->init_seed != g_value_get_uint64 (value))
        {
          self->init_seed = g_value_get_uint64 (value);
          g_object_notify_by_pspec (object, pspec);
          retrain (self);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dln_dynamics_page_data_changed (DlnDemoPage *page)
{
  DlnDynamicsPage *self = DLN_DYNAMICS_PAGE (page);

  rebuild_dataset (self);
  retrain (self);
}

static void
dln_dynamics_page_reset (DlnDemoPage *page)
{
  g_object_set (page, "lr", LR_DEF, "log-gamma", LOG_G_DEF, "depth", 2,
                "hidden", 30, "epoch", 61, "overlay", DLN_OVERLAY_DISCRETE,
                "seed", (guint64) DLN_DATASET_DEFAULT_SEED,
                "init-seed", (guint64) DLN_DATASET_DEFAULT_SEED, NULL);
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
  DlnDynamicsPage *self = user_data;
  const DlnDeepSnapshot *snap = self->snap;
  GString *text;
  long e;

  if (snap == NULL || panel < 0 || !isfinite (x))
    return NULL;
  e = lround (x);
  if (e < 0 || (size_t) e >= snap->n_epochs)
    return NULL;
  text = g_string_new (NULL);
  g_string_append_printf (text, "epoch %ld: loss %.4g (theory %.4g)\nσ/σmax:",
                          e, snap->loss[e], snap->loss_discrete[e]);
  for (size_t k = 0; k < snap->n_modes; k++)
    g_string_append_printf (text, " %.2f",
                            snap->sv[e * snap->n_modes + k]
                            / dln_deep_snapshot_sv_max (snap));
  return g_string_free (text, FALSE);
}

/* GObject bindings between the page's int properties and the rows'
 * double "value". */
static void
bind_row (DlnDynamicsPage *self,
          const char      *property,
          gpointer         row,
          const char      *row_property)
{
  g_object_bind_property (self, property, row, row_property,
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

static void
dln_dynamics_page_constructed (GObject *object)
{
  DlnDynamicsPage *self = DLN_DYNAMICS_PAGE (object);

  G_OBJECT_CLASS (dln_dynamics_page_parent_class)->constructed (object);

  bind_row (self, "lr", self->lr_row, "value");
  bind_row (self, "log-gamma", self->gamma_row, "value");
  bind_row (self, "epoch", self->epoch_row, "value");
  bind_row (self, "depth", self->depth_row, "value");
  bind_row (self, "hidden", self->hidden_row, "value");
  bind_row (self, "overlay", self->overlay_dropdown, "selected");
  bind_row (self, "seed", gtk_spin_button_get_adjustment (self->seed_spin),
            "value");
  bind_row (self, "init-seed",
            gtk_spin_button_get_adjustment (self->init_seed_spin), "value");
  self->constructed = TRUE;
  rebuild_dataset (self);
  retrain (self);
}

static void
dln_dynamics_page_class_init (DlnDynamicsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                   | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dln_dynamics_page_dispose;
  object_class->finalize = dln_dynamics_page_finalize;
  object_class->get_property = dln_dynamics_page_get_property;
  object_class->set_property = dln_dynamics_page_set_property;
  object_class->constructed = dln_dynamics_page_constructed;
  page_class->reset = dln_dynamics_page_reset;
  page_class->data_changed = dln_dynamics_page_data_changed;

  properties[PROP_LR] =
    g_param_spec_double ("lr", NULL, NULL, LR_MIN, LR_MAX, LR_DEF, rw);
  properties[PROP_LOG_GAMMA] =
    g_param_spec_int ("log-gamma", NULL, NULL, LOG_G_MIN, LOG_G_MAX,
                      LOG_G_DEF, rw);
  properties[PROP_DEPTH] =
    g_param_spec_int ("depth", NULL, NULL, 1, DEPTH_MAX, 2, rw);
  properties[PROP_HIDDEN] =
    g_param_spec_int ("hidden", NULL, NULL, 1, HIDDEN_MAX, 30, rw);
  properties[PROP_EPOCH] =
    g_param_spec_int ("epoch", NULL, NULL, 0, EPOCHS - 1, 61, rw);
  properties[PROP_OVERLAY] =
    g_param_spec_int ("overlay", NULL, NULL, DLN_OVERLAY_NONE,
                      DLN_OVERLAY_BOTH, DLN_OVERLAY_DISCRETE, rw);
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT32,
                         DLN_DATASET_DEFAULT_SEED, rw);
  properties[PROP_INIT_SEED] =
    g_param_spec_uint64 ("init-seed", NULL, NULL, 0, G_MAXUINT32,
                         DLN_DATASET_DEFAULT_SEED, rw);
  properties[PROP_WEIGHTS] =
    g_param_spec_variant ("weights", NULL, NULL, G_VARIANT_TYPE ("aaad"),
                          NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/org/dlnlab/Dlnlab/pages/dln-dynamics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlnDynamicsPage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnDynamicsPage, lr_row);
  gtk_widget_class_bind_template_child (widget_class, DlnDynamicsPage,
                                        gamma_row);
  gtk_widget_class_bind_template_child (widget_class, DlnDynamicsPage,
                                        epoch_row);
  gtk_widget_class_bind_template_child (widget_class, DlnDynamicsPage,
                                        overlay_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlnDynamicsPage,
                                        depth_row);
  gtk_widget_class_bind_template_child (widget_class, DlnDynamicsPage,
                                        hidden_row);
  gtk_widget_class_bind_template_child (widget_class, DlnDynamicsPage,
                                        seed_spin);
  gtk_widget_class_bind_template_child (widget_class, DlnDynamicsPage,
                                        init_seed_spin);
  gtk_widget_class_bind_template_child (widget_class, DlnDynamicsPage,
                                        status_label);

  dln_dynamics_page_class_actions_init (widget_class);
}

static void
dln_dynamics_page_init (DlnDynamicsPage *self)
{
  DlnDynamicsData *f = &self->data.fig;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->lr = LR_DEF;
  self->log_gamma = LOG_G_DEF;
  self->depth = 2;
  self->hidden = 30;
  self->epoch = 61;
  self->overlay = DLN_OVERLAY_DISCRETE;
  self->seed = DLN_DATASET_DEFAULT_SEED;
  self->init_seed = DLN_DATASET_DEFAULT_SEED;
  self->run = dln_run_new (dln_deep_snapshot_free);
  g_signal_connect_swapped (self->run, "snapshot", G_CALLBACK (snapshot_cb),
                            self);

  f->title = "Learning Dynamics";
  f->primary_label = "Mean Squared Error";
  f->primary_legend = "loss (MSE)";
  f->sv_label = "Singular values (modes)";
  f->band_epoch = NAN;
  f->x_min = -1;
  f->x_max = EPOCHS + 1;
  dln_figure_view_set_figure (self->view,
                              (DlnFigureRenderFunc) dln_dynamics_overlay_render,
                              (DlnFigureCsvFunc) dln_dynamics_overlay_csv,
                              &self->data);
  dln_figure_view_set_readout_func (self->view, readout_cb, self, NULL);
  dln_figure_view_set_python (self->view, "dynamics", python_args_cb, self);
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->view);
}
