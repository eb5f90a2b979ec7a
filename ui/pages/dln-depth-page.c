#define G_LOG_DOMAIN "dln-depth-page"

#include "config.h"

#include "dln-depth-page.h"

#include "dln-chain-common.h"
#include "dln-figure-view.h"
#include "dln-param-row.h"

#include <math.h>

/* docs/demos.md#d08: depth 0 … 50 in steps of 5, default 0; η 0.02 at
 * depth 0 and 0.01 otherwise; every weight starts at 0.9; 600 epochs. */
#define DEPTH_MAX     50
#define DEPTH_STEP    5
#define LR_SHALLOW    0.02
#define LR_DEEP       0.01
#define INIT_WEIGHT   0.9

struct _DlnDepthPage
{
  DlnDemoPage    parent_instance;

  /* template children */
  DlnFigureView *view;
  DlnParamRow   *depth_row;
  GtkSpinButton *seed_spin;
  GtkLabel      *status_label;

  /* owned */
  DlnChainPlot  *plot;

  int            depth;
  guint64        seed;
};

G_DEFINE_FINAL_TYPE (DlnDepthPage, dln_depth_page, DLN_TYPE_DEMO_PAGE)

enum
{
  PROP_0,
  PROP_DEPTH,
  PROP_SEED,
  PROP_WEIGHTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
retrain (DlnDepthPage *self)
{
  g_autofree char *status = NULL;

  dln_chain_plot_run (self->plot, self->seed,
                      (size_t) self->depth, DLN_CHAIN_COUNT_DEPTH_PLUS_ONE,
                      self->depth == 0 ? LR_SHALLOW : LR_DEEP, INIT_WEIGHT,
                      DLN_CHAIN_DEFAULT_EPOCHS);
  status = dln_chain_plot_describe (self->plot);
  gtk_label_set_text (self->status_label, status);
  dln_figure_view_queue_render (self->view);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHTS]);
}

static void
dln_depth_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DLN_TYPE_DEPTH_PAGE);

  G_OBJECT_CLASS (dln_depth_page_parent_class)->dispose (object);
}

static void
dln_depth_page_finalize (GObject *object)
{
  DlnDepthPage *self = DLN_DEPTH_PAGE (object);

  g_free (self->plot);

  G_OBJECT_CLASS (dln_depth_page_parent_class)->finalize (object);
}

static void
dln_depth_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DlnDepthPage *self = DLN_DEPTH_PAGE (object);

  switch (prop_id)
    {
    case PROP_DEPTH:
      g_value_set_int (value, self->depth);
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
dln_depth_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DlnDepthPage *self = DLN_DEPTH_PAGE (object);

  switch (prop_id)
    {
    case PROP_DEPTH:
      dln_depth_page_set_depth (self, g_value_get_int (value));
      break;
    case PROP_SEED:
      dln_depth_page_set_seed (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dln_depth_page_reset (DlnDemoPage *page)
{
  DlnDepthPage *self = DLN_DEPTH_PAGE (page);

  g_object_freeze_notify (G_OBJECT (self));
  dln_depth_page_set_seed (self, DLN_CHAIN_DEFAULT_SEED);
  dln_depth_page_set_depth (self, 0);
  g_object_thaw_notify (G_OBJECT (self));
}

/* The row keeps to the course's steps of 5 (its "step" property). */
static void
depth_row_changed_cb (DlnDepthPage *self)
{
  dln_depth_page_set_depth (self, (int) dln_param_row_get_value (self->depth_row));
}

static void
seed_row_changed_cb (DlnDepthPage *self)
{
  dln_depth_page_set_seed (self,
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
  DlnDepthPage *self = user_data;

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
  DlnDepthPage *self = user_data;

  return dln_chain_plot_python_args (self->plot, self->seed, args, error);
}

static void
dln_depth_page_class_init (DlnDepthPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);

  object_class->dispose = dln_depth_page_dispose;
  object_class->finalize = dln_depth_page_finalize;
  object_class->get_property = dln_depth_page_get_property;
  object_class->set_property = dln_depth_page_set_property;
  page_class->reset = dln_depth_page_reset;

  properties[PROP_DEPTH] =
    g_param_spec_int ("depth", NULL, NULL, 0, DEPTH_MAX, 0,
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
    "/org/dlnlab/Dlnlab/pages/dln-depth-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlnDepthPage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnDepthPage, depth_row);
  gtk_widget_class_bind_template_child (widget_class, DlnDepthPage, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, DlnDepthPage,
                                        status_label);

  dln_depth_page_class_actions_init (widget_class);
}

static void
dln_depth_page_init (DlnDepthPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->plot = g_new (DlnChainPlot, 1);
  dln_chain_plot_init (self->plot);
  self->seed = DLN_CHAIN_DEFAULT_SEED;
  gtk_spin_button_set_value (self->seed_spin, DLN_CHAIN_DEFAULT_SEED);
  dln_figure_view_set_figure (self->view,
                              (DlnFigureRenderFunc) dln_figure_curves_render,
                              (DlnFigureCsvFunc) dln_figure_curves_csv,
                              &self->plot->data);
  dln_figure_view_set_readout_func (self->view, readout_cb, self, NULL);
  dln_figure_view_set_python (self->view, "depth-loss", python_args_cb, self);
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->view);

  g_signal_connect_swapped (self->depth_row, "notify::value",
                            G_CALLBACK (depth_row_changed_cb), self);
  g_signal_connect_swapped (self->seed_spin, "value-changed",
                            G_CALLBACK (seed_row_changed_cb), self);
  retrain (self);
}

/* dln_depth_page_get_depth:
 * Returns: the depth on the slider (the chain has depth + 1 weights). */
int
dln_depth_page_get_depth (DlnDepthPage *self)
{
  g_return_val_if_fail (DLN_IS_DEPTH_PAGE (self), 0);

  return self->depth;
}

/* dln_depth_page_set_depth:
 * @depth: 0 … 50; snapped to the course's steps of 5
 * Retrains and redraws when the depth changes. */
void
dln_depth_page_set_depth (DlnDepthPage *self,
                          int           depth)
{
  g_return_if_fail (DLN_IS_DEPTH_PAGE (self));

  depth = CLAMP (DEPTH_STEP * ((depth + DEPTH_STEP / 2) / DEPTH_STEP), 0,
                 DEPTH_MAX);
  if (dln_param_row_get_value (self->depth_row) != depth)
    dln_param_row_set_value (self->depth_row, depth);
  if (depth != self->depth)
    {
      self->depth = depth;
      retrain (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPTH]);
    }
}

/* dln_depth_page_get_seed:
 * Returns: the seed of the data draw gen_samples (100, 2.0, 0.1). */
guint64
dln_depth_page_get_seed (DlnDepthPage *self)
{
  g_return_val_if_fail (DLN_IS_DEPTH_PAGE (self), 0);

  return self->seed;
}

/* dln_depth_page_set_seed:
 * Draws new data from @seed and retrains. */
void
dln_depth_page_set_seed (DlnDepthPage *self,
                         guint64       seed)
{
  g_return_if_fail (DLN_IS_DEPTH_PAGE (self));

  if (gtk_spin_button_get_value (self->seed_spin) != (double) seed)
    gtk_spin_button_set_value (self->seed_spin, (double) seed);
  if (seed != self->seed)
    {
      self->seed = seed;
      retrain (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEED]);
    }
}

/* dln_depth_page_get_loss:
 * @n: (out) epochs in the curve
 * Returns: (transfer none) the loss before each update (NaN where the run
 * did not get to). */
const double *
dln_depth_page_get_loss (DlnDepthPage *self,
                         size_t       *n)
{
  g_return_val_if_fail (DLN_IS_DEPTH_PAGE (self), NULL);

  *n = self->plot->epochs;
  return self->plot->loss;
}
