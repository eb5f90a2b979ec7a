#define G_LOG_DOMAIN "dln-regression-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-regression-page.h"

#include "dln-analysis.h"
#include "dln-deep-run.h"
#include "dln-figure-map-compare.h"
#include "dln-figure-python.h"
#include "dln-figure-view.h"
#include "dln-run.h"
#include "dln-ui-error.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#define ARENA_BYTES   (1u << 20)

struct _DlnRegressionPage
{
  DlnDemoPage        parent_instance;

  /* template children */
  DlnFigureView     *view;
  GtkSpinButton     *seed_spin;
  GtkSpinButton     *data_seed_spin;
  GtkSpinButton     *init_seed_spin;
  GtkLabel          *result_label;
  GtkLabel          *status_label;

  /* owned */
  DlnRun            *deep_run;
  DlnRun            *zero_run;
  DlnDeepData       *dataset;   /* shared with both runs' jobs */
  DlnMapCompareData  data;
  double             w_true[9];
  double             w_est[9];

  /* borrowed */
  const DlnDeepSnapshot *deep;
  const DlnDeepSnapshot *zero;
  double             diff_deep;  /* max |W* − W₂W₁| of deep */

  guint64            seed;
  guint64            data_seed;
  guint64            init_seed;
  gboolean           constructed;
};

G_DEFINE_FINAL_TYPE (DlnRegressionPage, dln_regression_page, DLN_TYPE_DEMO_PAGE)

enum
{
  PROP_0,
  PROP_SEED,
  PROP_DATA_SEED,
  PROP_INIT_SEED,
  PROP_WEIGHTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* docs/demos.md#regression-example: W_true, X, noise from one stream; the
 * closed-form estimate. */
static void
small_example (DlnDemoPage *page)
{
  DlnRegressionPage *self = DLN_REGRESSION_PAGE (page);
  DlnArena *arena = dln_arena_new (ARENA_BYTES);
  DlnTensor *w = NULL, *x = NULL, *y = NULL, *w_est = NULL;
  DlnMessage msg = { { 0 }, 0 };
  DlnRng rng;

  dln_rng_init (&rng, self->seed);
  if (dln_dataset_regression_3x3 (&rng, DLN_MAP_COMPARE_SAMPLES, arena, &w,
                                  &x, &y)
        == DLN_STATUS_OK
      && dln_analysis_regression (x, y, arena, &w_est, &msg) == DLN_STATUS_OK)
    {
      memcpy (self->w_true, w->data, sizeof self->w_true);
      memcpy (self->w_est, w_est->data, sizeof self->w_est);
    }
  else
    gtk_label_set_text (self->status_label, msg.text);
  dln_arena_free (arena);
  dln_figure_view_queue_render (self->view);
}

/* max |Yᵀ − W| over every entry, W [n_out, P] given row-major. */
static double
max_diff (const DlnDataset *ds,
          const double     *w)
{
  double m = 0.0;

  for (size_t f = 0; f < ds->n_features; f++)
    for (size_t i = 0; i < ds->n_items; i++)
      {
        double d = fabs (dln_tensor_get (ds->y, i, f) - w[f * ds->n_items + i]);

        if (!isfinite (d))
          return INFINITY;
        m = MAX (m, d);
      }
  return m;
}

/* max |W* − W₂W₁| of the deep run's snapshot @d: the product is ~2.4 M
 * multiply-adds for the course, so it is formed once per snapshot. */
static double
deep_diff (const DlnDataset      *ds,
           const DlnDeepSnapshot *d)
{
  size_t N = d->rows[1], H = d->cols[1], P = d->cols[0];
  g_autofree double *w_deep = g_new0 (double, N * P);

  for (size_t f = 0; f < N; f++)
    for (size_t h = 0; h < H; h++)
      {
        double a = d->weights[1][f * H + h];

        for (size_t i = 0; i < P; i++)
          w_deep[f * P + i] += a * d->weights[0][h * P + i];
      }
  return max_diff (ds, w_deep);
}

static void
compare (DlnRegressionPage *self)
{
  g_autofree char *text = NULL;
  gboolean equal;

  self->data.diff_zero = NAN;
  self->data.diff_deep = NAN;
  if (self->zero != NULL && self->zero->n_layers == 1)
    {
      self->data.loss_zero = self->zero->loss;
      self->data.n_zero = self->zero->n_epochs;
      self->data.diff_zero = max_diff (dln_deep_data_get_dataset (self->dataset),
                                       self->zero->weights[0]);
    }
  if (self->deep != NULL && self->deep->n_layers == 2)
    {
      self->data.loss_deep = self->deep->loss;
      self->data.n_deep = self->deep->n_epochs;
      self->data.diff_deep = self->diff_deep;
    }
  equal = dln_figure_map_compare_all_equal (&self->data);
  text = g_strdup_printf (_("All approximately equal (every entry within "
                          "10⁻²): %s\nmax |W* − W_zero| = %.3g\n"
                          "max |W* − W₂W₁| = %.3g"),
                          equal ? _("yes") : _("no"), self->data.diff_zero,
                          self->data.diff_deep);
  gtk_label_set_text (self->result_label, text);
  dln_figure_view_queue_render (self->view);
}

static void
deep_cb (DlnRegressionPage *self,
         gpointer           snapshot)
{
  self->deep = snapshot;
  self->diff_deep = self->deep->n_layers == 2
                    ? deep_diff (dln_deep_data_get_dataset (self->dataset),
                                 self->deep)
                    : NAN;
  compare (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHTS]);
}

static void
zero_cb (DlnRegressionPage *self,
         gpointer           snapshot)
{
  self->zero = snapshot;
  compare (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHTS]);
}

static void
retrain (DlnDemoPage *page)
{
  DlnRegressionPage *self = DLN_REGRESSION_PAGE (page);
  DlnTreeParams tree;
  DlnCourseParams params;
  DlnMessage msg = { { 0 }, 0 };
  DlnDataset *ds = NULL;

  if (!self->constructed)
    return;
  dln_tree_params_init (&tree);
  tree.seed = self->data_seed;
  if (dln_dataset_new_tree (&tree, &ds, &msg) != DLN_STATUS_OK)
    {
      gtk_label_set_text (self->status_label, msg.text);
      return;
    }
  g_clear_pointer (&self->dataset, dln_deep_data_unref);
  self->dataset = dln_deep_data_new (ds);
  self->deep = self->zero = NULL;
  self->data.loss_zero = self->data.loss_deep = NULL;
  self->data.n_zero = self->data.n_deep = 0;

  /* both jobs start before either is waited for, so the frame after
   * this change can show both results */
  dln_course_params_init (&params);   /* the D14 standard run */
  params.init_seed = self->init_seed;
  params.keep_weights = TRUE;
  dln_deep_run_start_shared (self->deep_run, self->dataset, &params);
  dln_course_params_zero_depth (&params);
  dln_deep_run_start_shared (self->zero_run, self->dataset, &params);
  dln_run_wait_first (self->zero_run);
  dln_run_wait_first (self->deep_run);
}

static void
dln_regression_page_dispose (GObject *object)
{
  DlnRegressionPage *self = DLN_REGRESSION_PAGE (object);

  if (self->deep_run != NULL)
    dln_run_cancel (self->deep_run);
  if (self->zero_run != NULL)
    dln_run_cancel (self->zero_run);
  self->deep = self->zero = NULL;
  g_clear_object (&self->deep_run);
  g_clear_object (&self->zero_run);

  G_OBJECT_CLASS (dln_regression_page_parent_class)->dispose (object);
}

static void
dln_regression_page_finalize (GObject *object)
{
  DlnRegressionPage *self = DLN_REGRESSION_PAGE (object);

  g_clear_pointer (&self->dataset, dln_deep_data_unref);

  G_OBJECT_CLASS (dln_regression_page_parent_class)->finalize (object);
}

static GVariant *
weights_variant (DlnRegressionPage *self)
{
  const DlnDeepSnapshot *snaps[2] = { self->deep, self->zero };

  return dln_deep_snapshots_weights (snaps, 2);
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
  DlnRegressionPage *self = user_data;
  long e;

  if (panel < 0 || panel >= (int) geom->n_panels || !isfinite (x))
    return NULL;
  if (g_strcmp0 (geom->panels[panel].name, "loss") != 0
      || self->zero == NULL)
    return NULL;
  e = lround (x);
  if (e < 0 || (size_t) e >= self->zero->n_epochs)
    return NULL;
  return g_strdup_printf (_("epoch %ld: zero-depth loss %.4g, deep %.4g"), e,
                          self->zero->loss[e],
                          self->deep != NULL ? self->deep->loss[e] : NAN);
}

static void
dln_regression_page_constructed (GObject *object)
{
  DlnRegressionPage *self = DLN_REGRESSION_PAGE (object);

  G_OBJECT_CLASS (dln_regression_page_parent_class)->constructed (object);

  self->constructed = TRUE;
  small_example (DLN_DEMO_PAGE (self));
  retrain (DLN_DEMO_PAGE (self));
}

/* A session keeps the trained weights beside the named controls. */
static void
dln_regression_page_save_state (DlnDemoPage  *page,
                               GVariantDict *state)
{
  dln_demo_page_save_trained (page, state);
  DLN_DEMO_PAGE_CLASS (dln_regression_page_parent_class)->save_state (page, state);
}

static void
dln_regression_page_class_init (DlnRegressionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);

  object_class->dispose = dln_regression_page_dispose;
  object_class->finalize = dln_regression_page_finalize;
  object_class->constructed = dln_regression_page_constructed;
  /* back to each property's pspec default */
  page_class->reset = dln_demo_page_reset_properties;
  page_class->save_state = dln_regression_page_save_state;
  page_class->load_state = dln_demo_page_load_trained;

  dln_demo_page_class_set_template (page_class, "dln-regression-page.ui");
  /* seed: the small 3 × 3 example's; data-seed, init-seed: the runs' */
  dln_demo_page_class_add_setting (page_class, PROP_SEED,
    dln_demo_page_seed_param ("seed"),
    G_STRUCT_OFFSET (DlnRegressionPage, seed),
    DLN_DEMO_PAGE_CONTROL (DlnRegressionPage, seed_spin), small_example);
  dln_demo_page_class_add_setting (page_class, PROP_DATA_SEED,
    dln_demo_page_seed_param ("data-seed"),
    G_STRUCT_OFFSET (DlnRegressionPage, data_seed),
    DLN_DEMO_PAGE_CONTROL (DlnRegressionPage, data_seed_spin), retrain);
  dln_demo_page_class_add_setting (page_class, PROP_INIT_SEED,
    dln_demo_page_seed_param ("init-seed"),
    G_STRUCT_OFFSET (DlnRegressionPage, init_seed),
    DLN_DEMO_PAGE_CONTROL (DlnRegressionPage, init_seed_spin), retrain);
  properties[PROP_WEIGHTS] =
    dln_demo_page_class_add_weights (page_class, PROP_WEIGHTS,
                                     G_CALLBACK (weights_variant));
  gtk_widget_class_bind_template_child (widget_class, DlnRegressionPage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnRegressionPage,
                                        result_label);
  gtk_widget_class_bind_template_child (widget_class, DlnRegressionPage,
                                        status_label);

  /* regression.new-example: a new random 3 × 3 example (the next seed) */
  dln_demo_page_class_install_step_action (page_class, "regression.new-example",
                                           "seed", FALSE);
}

/* "Export as Python script": the catalogue's "map-compare", whose one seed
 * draws the 3 × 3 example, the tree and the initial weights; the page's
 * runs are its defaults (the D14 run, the zero-depth net at
 * DLN_COURSE_ZERO_DEPTH_LR). */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnRegressionPage *self = user_data;

  if (self->seed != self->data_seed || self->seed != self->init_seed)
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   _("The Python script draws the example, the tree and "
                     "the initial weights from one seed: set the three "
                     "seeds to the same value to export it"));
      return FALSE;
    }
  return dln_demo_page_python_printf (args, error, "seed",
                                      "%" G_GUINT64_FORMAT, self->seed);
}

static void
dln_regression_page_init (DlnRegressionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->deep_run = dln_run_new (dln_deep_snapshot_free);
  self->zero_run = dln_run_new (dln_deep_snapshot_free);
  g_signal_connect_swapped (self->deep_run, "snapshot", G_CALLBACK (deep_cb),
                            self);
  g_signal_connect_swapped (self->zero_run, "snapshot", G_CALLBACK (zero_cb),
                            self);
  self->data.rows = 3;
  self->data.cols = 3;
  self->data.w_true = self->w_true;
  self->data.w_est = self->w_est;
  self->data.tolerance = DLN_MAP_COMPARE_TOLERANCE;
  self->data.diff_zero = self->data.diff_deep = NAN;
  dln_figure_view_set_figure (self->view,
                              (DlnFigureRenderFunc) dln_figure_map_compare_render,
                              (DlnFigureCsvFunc) dln_figure_map_compare_csv,
                              &self->data);
  dln_figure_view_set_readout_func (self->view, readout_cb, self, NULL);
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->view);
  dln_figure_view_set_python (self->view, "map-compare", python_args_cb,
                              self);
}
