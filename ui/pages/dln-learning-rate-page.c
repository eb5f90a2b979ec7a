#define G_LOG_DOMAIN "dln-learning-rate-page"

#include "config.h"

#include "dln-learning-rate-page.h"

#include "dln-chain-common.h"
#include "dln-figure-view.h"
#include "dln-param-row.h"

#include <math.h>

/* docs/demos.md#d09: depth 50 (51 weights), wᵢ = 0.9, 600 epochs; "eta"
 * in steps of 0.005, default 0.005. The course's slider stops at 0.045,
 * where no seed diverges although the page's point is that a large η
 * does: at 0.2 the default data diverges at epoch 32 (from 0.135 on, most
 * values of η diverge), so the slider reaches there. */
#define DEPTH        50
#define INIT_WEIGHT  0.9
#define LR_MIN       0.005
#define LR_MAX       0.2
#define LR_STEP      0.005

struct _DlnLearningRatePage
{
  DlnDemoPage    parent_instance;

  /* template children */
  DlnFigureView *view;
  DlnParamRow   *lr_row;
  GtkSpinButton *seed_spin;
  GtkLabel      *status_label;

  /* owned */
  DlnChainPlot  *plot;

  double         lr;
  guint64        seed;
};

G_DEFINE_FINAL_TYPE (DlnLearningRatePage, dln_learning_rate_page, DLN_TYPE_DEMO_PAGE)

enum
{
  PROP_0,
  PROP_LR,
  PROP_SEED,
  PROP_WEIGHTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
retrain (DlnLearningRatePage *self)
{
  g_autofree char *status = NULL;

  dln_chain_plot_run (self->plot, self->seed,
                      DEPTH, DLN_CHAIN_COUNT_DEPTH_PLUS_ONE, self->lr,
                      INIT_WEIGHT, DLN_CHAIN_DEFAULT_EPOCHS);
  status = dln_chain_plot_describe (self->plot);
  gtk_label_set_text (self->status_label, status);
  dln_figure_view_queue_render (self->view);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHTS]);
}

static void
dln_learning_rate_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object),
                               DLN_TYPE_LEARNING_RATE_PAGE);

  G_OBJECT_CLASS (dln_learning_rate_page_parent_class)->dispose (object);
}

static void
dln_learning_rate_page_finalize (GObject *object)
{
  DlnLearningRatePage *self = DLN_LEARNING_RATE_PAGE (object);

  g_free (self->plot);

  G_OBJECT_CLASS (dln_learning_rate_page_parent_class)->finalize (object);
}

static void
dln_learning_rate_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  DlnLearningRatePage *self = DLN_LEARNING_RATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_LR:
      g_value_set_double (value, self->lr);
      break;
    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;
    case PROP_WEIGHTS:
      g_value_set_variant (value,
                           dln_chain_weights_variant (self->plot->weights,
                                                      self->plot->n_weights));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dln_learning_rate_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  DlnLearningRatePage *self = DLN_LEARNING_RATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_LR:
      dln_learning_rate_page_set_lr (self, g_value_get_double (value));
      break;
    case PROP_SEED:
      dln_learning_rate_page_set_seed (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dln_learning_rate_page_reset (DlnDemoPage *page)
{
  DlnLearningRatePage *self = DLN_LEARNING_RATE_PAGE (page);

  g_object_freeze_notify (G_OBJECT (self));
  dln_learning_rate_page_set_seed (self, DLN_CHAIN_DEFAULT_SEED);
  dln_learning_rate_page_set_lr (self, LR_MIN);
  g_object_thaw_notify (G_OBJECT (self));
}

/* The row keeps to the course's steps of 0.005 (its "step" property). */
static void
lr_row_changed_cb (DlnLearningRatePage *self)
{
  dln_learning_rate_page_set_lr (self, dln_param_row_get_value (self->lr_row));
}

static void
seed_row_changed_cb (DlnLearningRatePage *self)
{
  dln_learning_rate_page_set_seed (self,
    (guint64) gtk_spin_button_get_value (self->seed_spin));
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
  DlnLearningRatePage *self = user_data;

  return dln_chain_readout (geom, panel, x, self->plot->loss,
                            self->plot->epochs);
}

/* "Export as Python script": the last run's settings. */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnLearningRatePage *self = user_data;

  return dln_chain_plot_python_args (self->plot, self->seed, args, error);
}

static void
dln_learning_rate_page_class_init (DlnLearningRatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);

  object_class->dispose = dln_learning_rate_page_dispose;
  object_class->finalize = dln_learning_rate_page_finalize;
  object_class->get_property = dln_learning_rate_page_get_property;
  object_class->set_property = dln_learning_rate_page_set_property;
  page_class->reset = dln_learning_rate_page_reset;

  properties[PROP_LR] =
    g_param_spec_double ("lr", NULL, NULL, LR_MIN, LR_MAX, LR_MIN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT32,
                         DLN_CHAIN_DEFAULT_SEED,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  properties[PROP_WEIGHTS] =
    g_param_spec_variant ("weights", NULL, NULL, G_VARIANT_TYPE ("aaad"),
                          NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/org/dlnlab/Dlnlab/pages/dln-learning-rate-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlnLearningRatePage,
                                        view);
  gtk_widget_class_bind_template_child (widget_class, DlnLearningRatePage,
                                        lr_row);
  gtk_widget_class_bind_template_child (widget_class, DlnLearningRatePage,
                                        seed_spin);
  gtk_widget_class_bind_template_child (widget_class, DlnLearningRatePage,
                                        status_label);

  dln_learning_rate_page_class_actions_init (widget_class);
}

static void
dln_learning_rate_page_init (DlnLearningRatePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->plot = g_new (DlnChainPlot, 1);
  dln_chain_plot_init (self->plot);
  self->lr = LR_MIN;
  self->seed = DLN_CHAIN_DEFAULT_SEED;
  gtk_spin_button_set_value (self->seed_spin, DLN_CHAIN_DEFAULT_SEED);
  dln_figure_view_set_figure (self->view,
                              (DlnFigureRenderFunc) dln_figure_curves_render,
                              (DlnFigureCsvFunc) dln_figure_curves_csv,
                              &self->plot->data);
  dln_figure_view_set_readout_func (self->view, readout_cb, self, NULL);
  dln_figure_view_set_python (self->view, "lr-loss", python_args_cb, self);
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->view);

  g_signal_connect_swapped (self->lr_row, "notify::value",
                            G_CALLBACK (lr_row_changed_cb), self);
  g_signal_connect_swapped (self->seed_spin, "value-changed",
                            G_CALLBACK (seed_row_changed_cb), self);
  retrain (self);
}

/* dln_learning_rate_page_get_lr:
 * Returns: η on the slider. */
double
dln_learning_rate_page_get_lr (DlnLearningRatePage *self)
{
  g_return_val_if_fail (DLN_IS_LEARNING_RATE_PAGE (self), 0.0);

  return self->lr;
}

/* dln_learning_rate_page_set_lr:
 * @lr: 0.005 … 0.2, snapped to the course's steps of 0.005
 * Retrains and redraws when η changes. */
void
dln_learning_rate_page_set_lr (DlnLearningRatePage *self,
                               double               lr)
{
  g_return_if_fail (DLN_IS_LEARNING_RATE_PAGE (self));

  lr = CLAMP (dln_snap (lr, LR_MIN, LR_STEP), LR_MIN, LR_MAX);
  if (dln_param_row_get_value (self->lr_row) != lr)
    dln_param_row_set_value (self->lr_row, lr);
  if (lr != self->lr)
    {
      self->lr = lr;
      retrain (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LR]);
    }
}

/* dln_learning_rate_page_get_seed:
 * Returns: the seed of the data draw. */
guint64
dln_learning_rate_page_get_seed (DlnLearningRatePage *self)
{
  g_return_val_if_fail (DLN_IS_LEARNING_RATE_PAGE (self), 0);

  return self->seed;
}

/* dln_learning_rate_page_set_seed:
 * Draws new data from @seed and retrains. */
void
dln_learning_rate_page_set_seed (DlnLearningRatePage *self,
                                 guint64              seed)
{
  g_return_if_fail (DLN_IS_LEARNING_RATE_PAGE (self));

  if (gtk_spin_button_get_value (self->seed_spin) != (double) seed)
    gtk_spin_button_set_value (self->seed_spin, (double) seed);
  if (seed != self->seed)
    {
      self->seed = seed;
      retrain (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEED]);
    }
}

/* dln_learning_rate_page_get_loss:
 * @n:      (out) epochs in the curve
 * @n_done: (out) epochs completed before any divergence
 * Returns: (transfer none) the loss curve (NaN after a divergence). */
const double *
dln_learning_rate_page_get_loss (DlnLearningRatePage *self,
                                 size_t              *n,
                                 size_t              *n_done)
{
  g_return_val_if_fail (DLN_IS_LEARNING_RATE_PAGE (self), NULL);

  *n = self->plot->epochs;
  *n_done = self->plot->n_done;
  return self->plot->loss;
}
