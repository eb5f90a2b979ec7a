#define G_LOG_DOMAIN "dln-playground-page"

#include "config.h"

#include "dln-playground-page.h"

#include "dln-chain-common.h"
#include "dln-figure-view.h"
#include "dln-param-row.h"

#include <math.h>

/* docs/demos.md#d12. Depth 10 … 50 in steps of 5 (default 25); "eta"
 * 0.001 … 0.1 (default 0.005); "initial weights" 0.1 … 3.0 in steps of
 * 0.1 (default 0.9). The course's η slider steps by 0.005 from 0.001, so
 * its own default 0.005 is off that grid: the app allows every η in the
 * range (typed or dragged) and says so on the page. */
#define DEPTH_MIN    10
#define DEPTH_MAX    50
#define DEPTH_STEP   5
#define DEPTH_DEF    25
#define LR_MIN       0.001
#define LR_MAX       0.1
#define LR_DEF       0.005
#define INIT_MIN     0.1
#define INIT_MAX     3.0
#define INIT_STEP    0.1
#define INIT_DEF     0.9

struct _DlnPlaygroundPage
{
  DlnDemoPage    parent_instance;

  /* template children */
  DlnFigureView *view;
  DlnParamRow   *depth_row;
  DlnParamRow   *lr_row;
  DlnParamRow   *init_row;
  GtkSpinButton *seed_spin;
  GtkLabel      *status_label;

  /* owned */
  DlnChainPlot  *plot;

  int            depth;
  double         lr;
  double         init_weight;
  guint64        seed;
  gboolean       in_init;
};

G_DEFINE_FINAL_TYPE (DlnPlaygroundPage, dln_playground_page, DLN_TYPE_DEMO_PAGE)

enum
{
  PROP_0,
  PROP_DEPTH,
  PROP_LR,
  PROP_INIT_WEIGHT,
  PROP_SEED,
  PROP_WEIGHTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
retrain (DlnPlaygroundPage *self)
{
  g_autofree char *status = NULL;

  dln_chain_plot_run (self->plot, self->seed,
                      (size_t) self->depth, DLN_CHAIN_COUNT_DEPTH_PLUS_ONE,
                      self->lr, self->init_weight, DLN_CHAIN_DEFAULT_EPOCHS);
  status = dln_chain_plot_describe (self->plot);
  gtk_label_set_text (self->status_label, status);
  dln_figure_view_queue_render (self->view);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHTS]);
}

/* Reads every row (snapping to the course's grids) and retrains when
 * anything changed; notifies each changed property. */
static void
sync_from_rows (DlnPlaygroundPage *self)
{
  double depth = dln_param_row_get_value (self->depth_row);
  double lr = dln_param_row_get_value (self->lr_row);
  double init = dln_param_row_get_value (self->init_row);
  guint64 seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
  double depth_snapped = CLAMP (dln_snap (depth, 0, DEPTH_STEP), DEPTH_MIN,
                                DEPTH_MAX);
  double init_snapped = CLAMP (dln_snap (init, 0, INIT_STEP), INIT_MIN,
                               INIT_MAX);
  gboolean changed = FALSE;

  if (self->in_init)
    return;
  if (depth_snapped != depth)
    {
      dln_param_row_set_value (self->depth_row, depth_snapped);
      return;
    }
  if (init_snapped != init)
    {
      dln_param_row_set_value (self->init_row, init_snapped);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  if ((int) depth != self->depth)
    {
      self->depth = (int) depth;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPTH]);
      changed = TRUE;
    }
  if (lr != self->lr)
    {
      self->lr = lr;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LR]);
      changed = TRUE;
    }
  if (init != self->init_weight)
    {
      self->init_weight = init;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INIT_WEIGHT]);
      changed = TRUE;
    }
  if (seed != self->seed)
    {
      self->seed = seed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEED]);
      changed = TRUE;
    }
  if (changed)
    retrain (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
dln_playground_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DLN_TYPE_PLAYGROUND_PAGE);

  G_OBJECT_CLASS (dln_playground_page_parent_class)->dispose (object);
}

static void
dln_playground_page_finalize (GObject *object)
{
  DlnPlaygroundPage *self = DLN_PLAYGROUND_PAGE (object);

  g_free (self->plot);

  G_OBJECT_CLASS (dln_playground_page_parent_class)->finalize (object);
}

static void
dln_playground_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DlnPlaygroundPage *self = DLN_PLAYGROUND_PAGE (object);

  switch (prop_id)
    {
    case PROP_DEPTH:
      g_value_set_int (value, self->depth);
      break;
    case PROP_LR:
      g_value_set_double (value, self->lr);
      break;
    case PROP_INIT_WEIGHT:
      g_value_set_double (value, self->init_weight);
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

/* Properties go through the rows, which are the single source of truth;
 * their notify handler retrains. */
static void
dln_playground_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DlnPlaygroundPage *self = DLN_PLAYGROUND_PAGE (object);

  switch (prop_id)
    {
    case PROP_DEPTH:
      dln_param_row_set_value (self->depth_row, g_value_get_int (value));
      break;
    case PROP_LR:
      dln_param_row_set_value (self->lr_row, g_value_get_double (value));
      break;
    case PROP_INIT_WEIGHT:
      dln_param_row_set_value (self->init_row, g_value_get_double (value));
      break;
    case PROP_SEED:
      gtk_spin_button_set_value (self->seed_spin,
                               (double) g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dln_playground_page_reset (DlnDemoPage *page)
{
  DlnPlaygroundPage *self = DLN_PLAYGROUND_PAGE (page);

  g_object_set (self, "depth", DEPTH_DEF, "lr", LR_DEF,
                "init-weight", INIT_DEF, "seed",
                (guint64) DLN_CHAIN_DEFAULT_SEED, NULL);
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
  DlnPlaygroundPage *self = user_data;

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
  DlnPlaygroundPage *self = user_data;

  return dln_chain_plot_python_args (self->plot, self->seed, args, error);
}

static void
dln_playground_page_class_init (DlnPlaygroundPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                   | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dln_playground_page_dispose;
  object_class->finalize = dln_playground_page_finalize;
  object_class->get_property = dln_playground_page_get_property;
  object_class->set_property = dln_playground_page_set_property;
  page_class->reset = dln_playground_page_reset;

  properties[PROP_DEPTH] =
    g_param_spec_int ("depth", NULL, NULL, DEPTH_MIN, DEPTH_MAX, DEPTH_DEF,
                      rw);
  properties[PROP_LR] =
    g_param_spec_double ("lr", NULL, NULL, LR_MIN, LR_MAX, LR_DEF, rw);
  properties[PROP_INIT_WEIGHT] =
    g_param_spec_double ("init-weight", NULL, NULL, INIT_MIN, INIT_MAX,
                         INIT_DEF, rw);
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT32,
                         DLN_CHAIN_DEFAULT_SEED, rw);
  properties[PROP_WEIGHTS] =
    g_param_spec_variant ("weights", NULL, NULL, G_VARIANT_TYPE ("aaad"),
                          NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/org/dlnlab/Dlnlab/pages/dln-playground-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlnPlaygroundPage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnPlaygroundPage,
                                        depth_row);
  gtk_widget_class_bind_template_child (widget_class, DlnPlaygroundPage,
                                        lr_row);
  gtk_widget_class_bind_template_child (widget_class, DlnPlaygroundPage,
                                        init_row);
  gtk_widget_class_bind_template_child (widget_class, DlnPlaygroundPage,
                                        seed_spin);
  gtk_widget_class_bind_template_child (widget_class, DlnPlaygroundPage,
                                        status_label);

  dln_playground_page_class_actions_init (widget_class);
}

static void
dln_playground_page_init (DlnPlaygroundPage *self)
{
  self->in_init = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->plot = g_new (DlnChainPlot, 1);
  dln_chain_plot_init (self->plot);
  self->depth = DEPTH_DEF;
  self->lr = LR_DEF;
  self->init_weight = INIT_DEF;
  self->seed = DLN_CHAIN_DEFAULT_SEED;
  gtk_spin_button_set_value (self->seed_spin, DLN_CHAIN_DEFAULT_SEED);
  dln_param_row_set_value (self->depth_row, DEPTH_DEF);
  dln_param_row_set_value (self->lr_row, LR_DEF);
  dln_param_row_set_value (self->init_row, INIT_DEF);
  gtk_spin_button_set_value (self->seed_spin, DLN_CHAIN_DEFAULT_SEED);
  dln_figure_view_set_figure (self->view,
                              (DlnFigureRenderFunc) dln_figure_curves_render,
                              (DlnFigureCsvFunc) dln_figure_curves_csv,
                              &self->plot->data);
  dln_figure_view_set_readout_func (self->view, readout_cb, self, NULL);
  dln_figure_view_set_python (self->view, "playground-loss", python_args_cb, self);
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->view);

  g_signal_connect_swapped (self->depth_row, "notify::value",
                            G_CALLBACK (sync_from_rows), self);
  g_signal_connect_swapped (self->lr_row, "notify::value",
                            G_CALLBACK (sync_from_rows), self);
  g_signal_connect_swapped (self->init_row, "notify::value",
                            G_CALLBACK (sync_from_rows), self);
  g_signal_connect_swapped (self->seed_spin, "value-changed",
                            G_CALLBACK (sync_from_rows), self);
  self->in_init = FALSE;
  retrain (self);
}
