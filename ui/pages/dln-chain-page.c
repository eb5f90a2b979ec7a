#define G_LOG_DOMAIN "dln-chain-page"

#include "config.h"

#include "dln-chain-page.h"

#include "dln-figure-view.h"
#include "dln-param-row.h"
#include "dln-ui-error.h"

#include <math.h>

typedef struct
{
  /* template children (bound by dln_chain_page_class_set_template) */
  GtkSpinButton *seed_spin;
  DlnParamRow   *rows[DLN_CHAIN_N_INPUTS];   /* NULL where fixed */

  /* owned */
  DlnChainPlot  *runs;                       /* [class n_runs] */

  double         inputs[DLN_CHAIN_N_INPUTS];
  guint64        seed;
  gboolean       built;                      /* constructed ran */
} DlnChainPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (DlnChainPage, dln_chain_page, DLN_TYPE_DEMO_PAGE)

enum
{
  PROP_0,
  PROP_INPUT_FIRST,   /* + DlnChainInput */
  PROP_SEED = PROP_INPUT_FIRST + DLN_CHAIN_N_INPUTS,
  PROP_WEIGHTS,
  N_PROPS
};

G_STATIC_ASSERT (N_PROPS <= DLN_CHAIN_PAGE_N_PROPS);

/* The template is set on each subclass (dln_chain_page_class_set_template),
 * so its children are disposed for the instance's own type. */
static void
dln_chain_page_finalize (GObject *object)
{
  DlnChainPage *self = DLN_CHAIN_PAGE (object);
  DlnChainPagePrivate *priv = dln_chain_page_get_instance_private (self);

  g_free (priv->runs);

  G_OBJECT_CLASS (dln_chain_page_parent_class)->finalize (object);
}

/* The session's "aaad": one 1 × 1 layer per weight of a single run, or
 * one 1 × n layer per run when the page trains several. */
static GVariant *
weights_variant (DlnChainPage *self)
{
  DlnChainPagePrivate *priv = dln_chain_page_get_instance_private (self);
  guint n_runs = DLN_CHAIN_PAGE_GET_CLASS (self)->n_runs;
  GVariantBuilder layers;

  if (n_runs == 1)
    return dln_chain_weights_variant (priv->runs[0].weights,
                                      priv->runs[0].n_weights);
  g_variant_builder_init (&layers, G_VARIANT_TYPE ("aaad"));
  for (guint i = 0; i < n_runs; i++)
    {
      GVariantBuilder rows;

      g_variant_builder_init (&rows, G_VARIANT_TYPE ("aad"));
      g_variant_builder_add_value (&rows,
        g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                   priv->runs[i].weights,
                                   priv->runs[i].n_weights, sizeof (double)));
      g_variant_builder_add_value (&layers, g_variant_builder_end (&rows));
    }
  return g_variant_builder_end (&layers);
}

static GVariant *
get_weights (DlnChainPage *self)
{
  DlnChainPagePrivate *priv = dln_chain_page_get_instance_private (self);

  return priv->runs != NULL ? weights_variant (self) : NULL;
}

/* The inputs, a double each whatever their pspec's type; the rest are
 * declared properties (dln-property.h). */
static void
dln_chain_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DlnChainPage *self = DLN_CHAIN_PAGE (object);
  g_auto(GValue) v = G_VALUE_INIT;

  if (prop_id < PROP_INPUT_FIRST || prop_id >= PROP_SEED)
    {
      dln_property_get (object, prop_id, value, pspec);
      return;
    }
  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, dln_chain_page_get_input (self,
                                                    prop_id - PROP_INPUT_FIRST));
  g_value_transform (&v, value);
}

static void
dln_chain_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  g_auto(GValue) v = G_VALUE_INIT;

  if (prop_id < PROP_INPUT_FIRST || prop_id >= PROP_SEED)
    {
      dln_property_set (object, prop_id, value, pspec);
      return;
    }
  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_transform (value, &v);
  dln_chain_page_set_input (DLN_CHAIN_PAGE (object),
                            prop_id - PROP_INPUT_FIRST,
                            g_value_get_double (&v));
}

static void
real_configure_run (DlnChainPage   *self,
                    guint           run,
                    DlnChainCourse *course)
{
  DlnChainPagePrivate *priv = dln_chain_page_get_instance_private (self);
  DlnChainPageClass *klass = DLN_CHAIN_PAGE_GET_CLASS (self);

  dln_chain_course_init (course);
  course->depth = (size_t) priv->inputs[DLN_CHAIN_INPUT_DEPTH];
  course->lr = priv->inputs[DLN_CHAIN_INPUT_LR];
  course->init_weight = priv->inputs[DLN_CHAIN_INPUT_INIT_WEIGHT];
  course->count = klass->count;
  course->epochs = klass->epochs;
  course->seed = priv->seed;
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
  DlnChainPage *self = user_data;
  DlnChainPagePrivate *priv = dln_chain_page_get_instance_private (self);

  return dln_chain_readout (geom, panel, x, priv->runs[0].loss,
                            priv->runs[0].epochs);
}

/* "Export as Python script": the last run's settings (the runs of a
 * page share all the entry's options but the one each run varies). */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnChainPage *self = user_data;
  DlnChainPagePrivate *priv = dln_chain_page_get_instance_private (self);

  return dln_chain_plot_python_args (&priv->runs[0], priv->seed, args, error);
}

static void
real_setup_figure (DlnChainPage  *self,
                   DlnFigureView *view)
{
  DlnChainPagePrivate *priv = dln_chain_page_get_instance_private (self);

  dln_figure_view_set_figure (view,
                              (DlnFigureRenderFunc) dln_figure_curves_render,
                              (DlnFigureCsvFunc) dln_figure_curves_csv,
                              &priv->runs[0].data);
  dln_figure_view_set_readout_func (view, readout_cb, self, NULL);
}

static void
real_update_figure (DlnChainPage *self)
{
  DlnChainPagePrivate *priv = dln_chain_page_get_instance_private (self);
  g_autofree char *status = dln_chain_plot_describe (&priv->runs[0]);

  gtk_label_set_text (dln_demo_page_get_status_label (DLN_DEMO_PAGE (self)),
                      status);
}

/* The inputs snap to the course's grid (from grid_lower in grid_step);
 * below the grid a typed value stays as it is, within the range. */
static double
snap_input (DlnChainPageClass *klass,
            DlnChainInput      input,
            double             value)
{
  GParamSpec *pspec = klass->inputs[input];
  double lower, upper;

  if (G_IS_PARAM_SPEC_INT (pspec))
    {
      lower = G_PARAM_SPEC_INT (pspec)->minimum;
      upper = G_PARAM_SPEC_INT (pspec)->maximum;
    }
  else
    {
      lower = G_PARAM_SPEC_DOUBLE (pspec)->minimum;
      upper = G_PARAM_SPEC_DOUBLE (pspec)->maximum;
    }
  if (klass->grid_step[input] > 0
      && value >= klass->grid_lower[input] - 1e-12)
    value = dln_snap (value, klass->grid_lower[input],
                      klass->grid_step[input]);
  return CLAMP (value, lower, upper);
}

static double
default_input (DlnChainPageClass *klass,
               DlnChainInput      input)
{
  GParamSpec *pspec = klass->inputs[input];

  if (pspec == NULL)
    return klass->fixed[input];
  if (G_IS_PARAM_SPEC_INT (pspec))
    return G_PARAM_SPEC_INT (pspec)->default_value;
  return G_PARAM_SPEC_DOUBLE (pspec)->default_value;
}

static void
row_changed_cb (DlnParamRow  *row,
                GParamSpec   *pspec,
                DlnChainPage *self)
{
  DlnChainPagePrivate *priv = dln_chain_page_get_instance_private (self);

  for (int i = 0; i < DLN_CHAIN_N_INPUTS; i++)
    if (priv->rows[i] == row)
      dln_chain_page_set_input (self, i, dln_param_row_get_value (row));
}

/* a new seed draws new data */
static void
retrain_cb (DlnDemoPage *page)
{
  dln_chain_page_retrain (DLN_CHAIN_PAGE (page));
}

static void
dln_chain_page_constructed (GObject *object)
{
  DlnChainPage *self = DLN_CHAIN_PAGE (object);
  DlnChainPagePrivate *priv = dln_chain_page_get_instance_private (self);
  DlnChainPageClass *klass = DLN_CHAIN_PAGE_GET_CLASS (self);
  DlnFigureView *view;

  G_OBJECT_CLASS (dln_chain_page_parent_class)->constructed (object);

  view = dln_demo_page_get_primary_view (DLN_DEMO_PAGE (self));
  g_return_if_fail (klass->n_runs > 0 && view != NULL);

  priv->runs = g_new (DlnChainPlot, klass->n_runs);
  for (guint i = 0; i < klass->n_runs; i++)
    dln_chain_plot_init (&priv->runs[i]);
  for (int i = 0; i < DLN_CHAIN_N_INPUTS; i++)
    {
      priv->inputs[i] = default_input (klass, i);
      if (priv->rows[i] == NULL)
        continue;
      dln_param_row_set_value (priv->rows[i], priv->inputs[i]);
      g_signal_connect (priv->rows[i], "notify::value",
                        G_CALLBACK (row_changed_cb), self);
    }

  klass->setup_figure (self, view);
  if (klass->python_entry != NULL)
    dln_figure_view_set_python (view, klass->python_entry,
                                python_args_cb, self);
  priv->built = TRUE;
  dln_chain_page_retrain (self);
}

/* chain.step (n): the class's stepped input n grid steps on, kept on
 * the grid. */
static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlnChainPage *self = DLN_CHAIN_PAGE (widget);
  DlnChainPageClass *klass = DLN_CHAIN_PAGE_GET_CLASS (self);
  int input = klass->stepped_input;
  double v;

  if (input < 0)
    return;
  v = dln_chain_page_get_input (self, input)
      + klass->grid_step[input] * g_variant_get_int32 (parameter);
  dln_chain_page_set_input (self, input, MAX (v, klass->grid_lower[input]));
}

static void
dln_chain_page_class_init (DlnChainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);

  object_class->constructed = dln_chain_page_constructed;
  object_class->finalize = dln_chain_page_finalize;
  /* back to each property's pspec default */
  page_class->reset = dln_demo_page_reset_properties;
  /* every control shows one of the page's properties */
  page_class->save_state = dln_demo_page_save_trained;
  page_class->load_state = dln_demo_page_load_trained;
  klass->configure_run = real_configure_run;
  klass->setup_figure = real_setup_figure;
  klass->update_figure = real_update_figure;
  klass->count = DLN_CHAIN_COUNT_DEPTH_PLUS_ONE;
  klass->epochs = DLN_CHAIN_DEFAULT_EPOCHS;
  klass->n_runs = 1;
  klass->stepped_input = -1;

  /* chain.new-data: a fresh gen_samples draw (the next seed); the course
   * draws new data on every run */
  dln_demo_page_class_install_step_action (page_class, "chain.new-data",
                                           "seed", FALSE);
  gtk_widget_class_install_action (widget_class, "chain.step", "i",
                                   step_action);
  /* their keys (Ctrl+Shift+N, Ctrl+Plus/Minus) are the window's
   * (app/dln-window-actions.c) */
}

static void
dln_chain_page_init (DlnChainPage *self)
{
}

/* dln_chain_page_class_set_template:
 * @ui_file:      the page's .ui (dln_demo_page_class_set_template ()),
 *                naming view, seed_spin and status_label
 * @count:        what the depth means in weights
 * @epochs:       of every run, at most DLN_CHAIN_PLOT_MAX_EPOCHS
 * @n_runs:       runs per retrain (configure_run () tells them apart)
 * @python_entry: (nullable) the catalogue entry "Export as Python
 *                script" writes, from run 0's settings
 * Sets the page class's template and the course it runs; also installs
 * the page's "seed" and "weights" properties. Call in class_init before
 * adding the page's own settings (dln_demo_page_class_add_setting). */
void
dln_chain_page_class_set_template (DlnChainPageClass *klass,
                                   const char        *ui_file,
                                   DlnChainCount      count,
                                   size_t             epochs,
                                   guint              n_runs,
                                   const char        *python_entry)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  g_return_if_fail (epochs <= DLN_CHAIN_PLOT_MAX_EPOCHS && n_runs > 0);

  /* GObject does not inherit these; a page with properties of its own
   * has set its own, which chain up */
  if (object_class->get_property == NULL)
    object_class->get_property = dln_chain_page_get_property;
  if (object_class->set_property == NULL)
    object_class->set_property = dln_chain_page_set_property;
  klass->count = count;
  klass->epochs = epochs;
  klass->n_runs = n_runs;
  klass->python_entry = python_entry;
  dln_demo_page_class_set_template (DLN_DEMO_PAGE_CLASS (klass), ui_file);
  dln_demo_page_class_bind_view (DLN_DEMO_PAGE_CLASS (klass));

  /* installed on the page class so that a session sees them as the
   * page's own parameters */
  dln_demo_page_class_add_setting (DLN_DEMO_PAGE_CLASS (klass), PROP_SEED,
    g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT32,
                         DLN_CHAIN_DEFAULT_SEED, DLN_PARAM_RW),
    G_PRIVATE_OFFSET (DlnChainPage, seed),
    DLN_DEMO_PAGE_PRIVATE_CONTROL (DlnChainPage, seed_spin), retrain_cb);
  dln_demo_page_class_add_weights (DLN_DEMO_PAGE_CLASS (klass), PROP_WEIGHTS,
                                   G_CALLBACK (get_weights));
}

/* dln_chain_page_class_add_input:
 * @pspec:      (transfer floating) an int or double property (READWRITE
 *              | EXPLICIT_NOTIFY); its range and default are the input's
 * @row_name:   the template's DlnParamRow for it
 * @grid_step:  the course's slider step from @grid_lower (0: any value)
 * Lets the student change @input: installs @pspec and binds the row, the
 * first added input being the one chain.step moves. */
void
dln_chain_page_class_add_input (DlnChainPageClass *klass,
                                DlnChainInput      input,
                                GParamSpec        *pspec,
                                const char        *row_name,
                                double             grid_lower,
                                double             grid_step)
{
  g_return_if_fail (input < DLN_CHAIN_N_INPUTS);
  g_return_if_fail (G_IS_PARAM_SPEC_INT (pspec)
                    || G_IS_PARAM_SPEC_DOUBLE (pspec));

  klass->inputs[input] = pspec;
  klass->grid_lower[input] = grid_lower;
  klass->grid_step[input] = grid_step;
  if (klass->stepped_input < 0)
    klass->stepped_input = input;
  g_object_class_install_property (G_OBJECT_CLASS (klass),
                                   PROP_INPUT_FIRST + input, pspec);
  gtk_widget_class_bind_template_child_full (GTK_WIDGET_CLASS (klass),
    row_name, FALSE,
    G_PRIVATE_OFFSET (DlnChainPage, rows) + input * sizeof (gpointer));
}

/* dln_chain_page_class_fix_input:
 * @input's value on this page, which the student does not change. */
void
dln_chain_page_class_fix_input (DlnChainPageClass *klass,
                                DlnChainInput      input,
                                double             value)
{
  g_return_if_fail (input < DLN_CHAIN_N_INPUTS);

  klass->inputs[input] = NULL;
  klass->fixed[input] = value;
}

/* dln_chain_page_get_input:
 * Returns: @input's current value. */
double
dln_chain_page_get_input (DlnChainPage  *self,
                          DlnChainInput  input)
{
  DlnChainPagePrivate *priv = dln_chain_page_get_instance_private (self);

  g_return_val_if_fail (DLN_IS_CHAIN_PAGE (self), NAN);
  g_return_val_if_fail (input < DLN_CHAIN_N_INPUTS, NAN);

  return priv->inputs[input];
}

/* dln_chain_page_set_input:
 * Snaps @value to the course's grid and range, shows it in the row, and
 * retrains and notifies when it changed. A fixed input is left alone. */
void
dln_chain_page_set_input (DlnChainPage  *self,
                          DlnChainInput  input,
                          double         value)
{
  DlnChainPagePrivate *priv = dln_chain_page_get_instance_private (self);
  DlnChainPageClass *klass = DLN_CHAIN_PAGE_GET_CLASS (self);

  g_return_if_fail (DLN_IS_CHAIN_PAGE (self));
  g_return_if_fail (input < DLN_CHAIN_N_INPUTS);

  if (klass->inputs[input] == NULL || !priv->built)
    return;
  value = snap_input (klass, input, value);
  if (dln_param_row_get_value (priv->rows[input]) != value)
    dln_param_row_set_value (priv->rows[input], value);
  if (value != priv->inputs[input])
    {
      priv->inputs[input] = value;
      dln_chain_page_retrain (self);
      g_object_notify_by_pspec (G_OBJECT (self), klass->inputs[input]);
    }
}

/* dln_chain_page_get_seed:
 * Returns: the seed of the data draw gen_samples (100, 2.0, 0.1). */
guint64
dln_chain_page_get_seed (DlnChainPage *self)
{
  DlnChainPagePrivate *priv = dln_chain_page_get_instance_private (self);

  g_return_val_if_fail (DLN_IS_CHAIN_PAGE (self), 0);

  return priv->seed;
}

/* dln_chain_page_get_run:
 * Returns: (transfer none) run @run of the last retrain: its loss (NaN
 * where not reached), final weights and status. */
const DlnChainPlot *
dln_chain_page_get_run (DlnChainPage *self,
                        guint         run)
{
  DlnChainPagePrivate *priv = dln_chain_page_get_instance_private (self);

  g_return_val_if_fail (DLN_IS_CHAIN_PAGE (self), NULL);
  g_return_val_if_fail (run < DLN_CHAIN_PAGE_GET_CLASS (self)->n_runs, NULL);

  return &priv->runs[run];
}

/* dln_chain_page_retrain:
 * Runs every run from configure_run (), calls update_figure (), redraws
 * and notifies "weights". Pages call it when state the base does not
 * know about (a game's stage) changes the runs. */
void
dln_chain_page_retrain (DlnChainPage *self)
{
  DlnChainPagePrivate *priv = dln_chain_page_get_instance_private (self);
  DlnChainPageClass *klass = DLN_CHAIN_PAGE_GET_CLASS (self);

  g_return_if_fail (DLN_IS_CHAIN_PAGE (self));

  if (!priv->built)
    return;
  for (guint i = 0; i < klass->n_runs; i++)
    {
      DlnChainCourse course;

      klass->configure_run (self, i, &course);
      dln_chain_plot_run (&priv->runs[i], &course);
    }
  klass->update_figure (self);
  dln_demo_page_queue_render (DLN_DEMO_PAGE (self));
  g_object_notify (G_OBJECT (self), "weights");
}
