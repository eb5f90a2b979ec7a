#define G_LOG_DOMAIN "dln-deep-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-deep-page.h"

#include "dln-figure-python.h"
#include "dln-figure-view.h"
#include "dln-run.h"
#include "dln-ui-error.h"

#include <math.h>

/* docs/demos.md#d14: η 1 … 200 in the course's steps of 1, γ = 10^k
 * for k in −15 … 1; the defaults are the course run's (dln-course.h). */
#define LR_MIN      1.0
#define LR_MAX      200.0
#define LOG_G_MIN   (-15)
#define LOG_G_MAX   1

typedef struct
{
  /* template children (bound by dln_deep_page_class_set_template) */
  DlnParamRow           *lr_row;
  DlnParamRow           *gamma_row;
  GtkSpinButton         *seed_spin;
  GtkSpinButton         *init_seed_spin;

  /* owned */
  DlnRun                *run;
  DlnDeepData           *data;        /* shared with the run's jobs */
  DlnDynamicsData        dynamics;    /* the primary view's figure */

  /* borrowed: the run's current snapshot */
  const DlnDeepSnapshot *snap;

  double                 lr;
  int                    log_gamma;
  guint64                seed;
  guint64                init_seed;
  gboolean               built;       /* constructed ran */
} DlnDeepPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (DlnDeepPage, dln_deep_page, DLN_TYPE_DEMO_PAGE)

enum
{
  PROP_0,
  PROP_LR,
  PROP_LOG_GAMMA,
  PROP_SEED,
  PROP_INIT_SEED,
  PROP_WEIGHTS,
  N_PROPS
};

G_STATIC_ASSERT (N_PROPS <= DLN_DEEP_PAGE_N_PROPS);

static void
dln_deep_page_dispose (GObject *object)
{
  DlnDeepPage *self = DLN_DEEP_PAGE (object);
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);

  if (priv->run != NULL)
    dln_run_cancel (priv->run);
  priv->snap = NULL;
  g_clear_object (&priv->run);

  G_OBJECT_CLASS (dln_deep_page_parent_class)->dispose (object);
}

static void
dln_deep_page_finalize (GObject *object)
{
  DlnDeepPage *self = DLN_DEEP_PAGE (object);
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);

  dln_deep_data_unref (priv->data);

  G_OBJECT_CLASS (dln_deep_page_parent_class)->finalize (object);
}

/* "weights": the trained net, for scripts and tests */
static GVariant *
get_weights (DlnDeepPage *self)
{
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);

  return dln_deep_snapshot_weights (priv->snap);
}

/* The default build_dataset (): the window's source drawn from "seed";
 * on failure says why under the figure. */
static gboolean
real_build_dataset (DlnDeepPage  *self,
                    DlnDataset  **out)
{
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);
  DlnDataSource *source = dln_demo_page_get_data_source (DLN_DEMO_PAGE (self));
  DlnMessage msg = { { 0 }, 0 };

  if (dln_data_source_build (source, priv->seed, out, &msg) == DLN_STATUS_OK)
    return TRUE;
  gtk_label_set_text (dln_demo_page_get_status_label (DLN_DEMO_PAGE (self)),
                      msg.text);
  return FALSE;
}

/* dln_deep_page_rebuild:
 * Draws the training data again (the class's build_dataset ()) and
 * retrains on it; when the class refuses, keeps the last data and run.
 * Does nothing before the page is built. */
void
dln_deep_page_rebuild (DlnDeepPage *self)
{
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);
  DlnDataset *ds = NULL;

  g_return_if_fail (DLN_IS_DEEP_PAGE (self));

  if (!priv->built || !DLN_DEEP_PAGE_GET_CLASS (self)->build_dataset (self, &ds))
    return;
  dln_deep_data_unref (priv->data);
  priv->data = dln_deep_data_new (ds);
  dln_deep_page_retrain (self);
}

/* dln_deep_page_clear:
 * Stops the run and forgets the data and the snapshot (for a page that
 * cannot train on what it was given: its figures go blank, not stale). */
void
dln_deep_page_clear (DlnDeepPage *self)
{
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);

  g_return_if_fail (DLN_IS_DEEP_PAGE (self));

  dln_run_cancel (priv->run);
  g_clear_pointer (&priv->data, dln_deep_data_unref);
  priv->snap = NULL;
}

/* "lr": the course's slider moves in steps of 1.0 */
static void
lr_changed (DlnDemoPage *page)
{
  DlnDeepPagePrivate *priv =
    dln_deep_page_get_instance_private (DLN_DEEP_PAGE (page));

  priv->lr = round (priv->lr);
  dln_deep_page_retrain (DLN_DEEP_PAGE (page));
}

/* dln_deep_page_retrain_cb:
 * The changed function (dln_demo_page_class_add_setting) of a setting
 * that retrains. */
void
dln_deep_page_retrain_cb (DlnDemoPage *page)
{
  dln_deep_page_retrain (DLN_DEEP_PAGE (page));
}

/* dln_deep_page_redraw_cb:
 * The changed function of a setting that only redraws. */
void
dln_deep_page_redraw_cb (DlnDemoPage *page)
{
  dln_deep_page_redraw (DLN_DEEP_PAGE (page));
}

/* new data from the window, or a new seed for the page's own */
static void
dln_deep_page_data_changed (DlnDemoPage *page)
{
  dln_deep_page_rebuild (DLN_DEEP_PAGE (page));
}

static void
snapshot_cb (DlnDeepPage *self,
             gpointer     snapshot)
{
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);

  priv->snap = snapshot;
  dln_deep_page_redraw (self);
  g_object_notify (G_OBJECT (self), "weights");
}

static void
dln_deep_page_constructed (GObject *object)
{
  DlnDeepPage *self = DLN_DEEP_PAGE (object);
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);

  G_OBJECT_CLASS (dln_deep_page_parent_class)->constructed (object);

  dln_figure_view_set_figure (
    dln_demo_page_get_primary_view (DLN_DEMO_PAGE (self)),
    (DlnFigureRenderFunc) dln_figure_dynamics_render,
    (DlnFigureCsvFunc) dln_figure_dynamics_csv, &priv->dynamics);
  priv->built = TRUE;
  dln_deep_page_rebuild (self);
}

static void
real_configure (DlnDeepPage     *self,
                DlnCourseParams *params)
{
}

static void
dln_deep_page_class_init (DlnDeepPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);

  object_class->constructed = dln_deep_page_constructed;
  object_class->dispose = dln_deep_page_dispose;
  object_class->finalize = dln_deep_page_finalize;
  /* back to each property's pspec default */
  page_class->reset = dln_demo_page_reset_properties;
  page_class->data_changed = dln_deep_page_data_changed;
  /* every control shows one of the page's properties */
  page_class->save_state = dln_demo_page_save_trained;
  page_class->load_state = dln_demo_page_load_trained;
  klass->configure = real_configure;
  klass->build_dataset = real_build_dataset;
}

static void
dln_deep_page_init (DlnDeepPage *self)
{
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);

  dln_figure_dynamics_init (&priv->dynamics, DLN_COURSE_EPOCHS, NULL);
  priv->run = dln_run_new (dln_deep_snapshot_free);
  g_signal_connect_swapped (priv->run, "snapshot", G_CALLBACK (snapshot_cb),
                            self);
}

/* dln_deep_page_class_set_template:
 * @ui_file:  the page's .ui (dln_demo_page_class_set_template ()),
 *            naming the base's children (see above)
 * Sets the page class's template and installs the shared properties on
 * it, so that a session sees them as the page's own. */
void
dln_deep_page_class_set_template (DlnDeepPageClass *klass,
                                  const char       *ui_file)
{
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);

  dln_demo_page_class_set_template (page_class, ui_file);
  dln_demo_page_class_bind_view (page_class);

  dln_demo_page_class_add_setting (page_class, PROP_LR,
    g_param_spec_double ("lr", NULL, NULL, LR_MIN, LR_MAX, DLN_COURSE_LR,
                         DLN_PARAM_RW),
    G_PRIVATE_OFFSET (DlnDeepPage, lr),
    DLN_DEMO_PAGE_PRIVATE_CONTROL (DlnDeepPage, lr_row), lr_changed);
  dln_demo_page_class_add_setting (page_class, PROP_LOG_GAMMA,
    g_param_spec_int ("log-gamma", NULL, NULL, LOG_G_MIN, LOG_G_MAX,
                      (int) lround (log10 (DLN_COURSE_INIT_SCALE)),
                      DLN_PARAM_RW),
    G_PRIVATE_OFFSET (DlnDeepPage, log_gamma),
    DLN_DEMO_PAGE_PRIVATE_CONTROL (DlnDeepPage, gamma_row),
    dln_deep_page_retrain_cb);
  dln_demo_page_class_add_setting (page_class, PROP_SEED,
    dln_demo_page_seed_param ("seed"), G_PRIVATE_OFFSET (DlnDeepPage, seed),
    DLN_DEMO_PAGE_PRIVATE_CONTROL (DlnDeepPage, seed_spin),
    dln_deep_page_data_changed);
  dln_demo_page_class_add_setting (page_class, PROP_INIT_SEED,
    dln_demo_page_seed_param ("init-seed"),
    G_PRIVATE_OFFSET (DlnDeepPage, init_seed),
    DLN_DEMO_PAGE_PRIVATE_CONTROL (DlnDeepPage, init_seed_spin),
    dln_deep_page_retrain_cb);
  dln_demo_page_class_add_weights (page_class, PROP_WEIGHTS,
                                   G_CALLBACK (get_weights));
}

/* dln_deep_page_get_snapshot:
 * Returns: (transfer none) (nullable) what the run last published. */
const DlnDeepSnapshot *
dln_deep_page_get_snapshot (DlnDeepPage *self)
{
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);

  g_return_val_if_fail (DLN_IS_DEEP_PAGE (self), NULL);

  return priv->snap;
}

/* dln_deep_page_get_dataset:
 * Returns: (transfer none) (nullable) the data the page trains on. */
const DlnDataset *
dln_deep_page_get_dataset (DlnDeepPage *self)
{
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);

  g_return_val_if_fail (DLN_IS_DEEP_PAGE (self), NULL);

  return priv->data != NULL ? dln_deep_data_get_dataset (priv->data) : NULL;
}

guint64
dln_deep_page_get_seed (DlnDeepPage *self)
{
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);

  g_return_val_if_fail (DLN_IS_DEEP_PAGE (self), 0);

  return priv->seed;
}

/* dln_deep_page_get_dynamics:
 * Returns: (transfer none) the figure the primary view draws, the
 * learning dynamics of the course run (dln_figure_dynamics_init ());
 * a page may retitle it. */
DlnDynamicsData *
dln_deep_page_get_dynamics (DlnDeepPage *self)
{
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);

  g_return_val_if_fail (DLN_IS_DEEP_PAGE (self), NULL);

  return &priv->dynamics;
}

/* dln_deep_page_get_lr_row:
 * Returns: (transfer none) the template's "lr_row". */
DlnParamRow *
dln_deep_page_get_lr_row (DlnDeepPage *self)
{
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);

  g_return_val_if_fail (DLN_IS_DEEP_PAGE (self), NULL);

  return priv->lr_row;
}

/* dln_deep_page_retrain:
 * Starts a run from the page's settings (configure ()) on its data; the
 * snapshot arrives later. Does nothing before the page is built or
 * while it has no data. */
void
dln_deep_page_retrain (DlnDeepPage *self)
{
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);
  DlnCourseParams params;

  g_return_if_fail (DLN_IS_DEEP_PAGE (self));

  if (!priv->built || priv->data == NULL)
    return;
  dln_course_params_init (&params);
  params.lr = priv->lr;
  params.init_scale = pow (10.0, priv->log_gamma);
  params.init_seed = priv->init_seed;
  params.keep_weights = TRUE;
  DLN_DEEP_PAGE_GET_CLASS (self)->configure (self, &params);
  dln_deep_run_start_shared (priv->run, priv->data, &params);
  if (DLN_DEEP_PAGE_GET_CLASS (self)->while_training != NULL)
    DLN_DEEP_PAGE_GET_CLASS (self)->while_training (self);
  dln_run_wait_first (priv->run);
}

/* dln_deep_page_show_run:
 * @band_epoch: the epoch the dynamics figure's band marks
 * @overlay:    the theory drawn on it
 * Points the page's dynamics figure at the run's loss, singular values
 * and their scale, and at the theory of @overlay.
 * Returns: (transfer none) (nullable) the snapshot shown; NULL (and the
 * figure unchanged) before the first one. */
const DlnDeepSnapshot *
dln_deep_page_show_run (DlnDeepPage *self,
                        int          band_epoch,
                        DlnOverlay   overlay)
{
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);
  const DlnDeepSnapshot *snap = priv->snap;
  DlnDynamicsData *f = &priv->dynamics;

  g_return_val_if_fail (DLN_IS_DEEP_PAGE (self), NULL);

  if (snap == NULL)
    return NULL;
  f->n_epochs = snap->n_epochs;
  f->primary = snap->loss;
  f->n_modes = snap->n_modes;
  f->sv = snap->sv;
  f->sv_scale = dln_deep_snapshot_sv_max (snap);
  f->band_epoch = band_epoch;
  dln_figure_dynamics_set_overlay (f, overlay, snap->loss_discrete,
                                   snap->theory_discrete, snap->loss_closed,
                                   snap->theory_closed, snap->theory_legend);
  return snap;
}

/* dln_deep_page_redraw:
 * Calls update_figure () and update_status () (for settings that only
 * change the view). */
void
dln_deep_page_redraw (DlnDeepPage *self)
{
  DlnDeepPageClass *klass = DLN_DEEP_PAGE_GET_CLASS (self);

  g_return_if_fail (DLN_IS_DEEP_PAGE (self));

  klass->update_figure (self);
  if (klass->update_status != NULL)
    klass->update_status (self);
}

/* dln_deep_page_python_args:
 * @args:  options of the page's catalogue entry (dynamics, rsm, illusory)
 * @depth: the page's depth
 * Sets lr, gamma (from the page's log10 γ), epochs and seed for "Export
 * as Python script" (dln_figure_view_set_python). The scripts train the
 * course's two-layer net on the tree draw from one seed: imported data,
 * other depths or different data and weight seeds give FALSE and an
 * @error saying what to change. */
gboolean
dln_deep_page_python_args (DlnDeepPage    *self,
                           DlnFigureArgs  *args,
                           int             depth,
                           GError        **error)
{
  DlnDeepPagePrivate *priv = dln_deep_page_get_instance_private (self);
  DlnMessage msg = { { 0 }, 0 };
  DlnStatus status;

  g_return_val_if_fail (DLN_IS_DEEP_PAGE (self), FALSE);

  if (priv->data != NULL
      && dln_deep_data_get_dataset (priv->data)->kind
         != DLN_DATASET_KIND_TREE)
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   _("The Python script trains on the course's tree draw, "
                   "not on imported data: choose “Use the generator” on "
                   "the tree page to export it"));
      return FALSE;
    }
  if (depth != 2 || priv->seed != priv->init_seed)
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   _("The Python script trains the course's two-layer net "
                   "(depth 2) with one seed for data and weights: set depth "
                   "2 and equal seeds to export it"));
      return FALSE;
    }
  status = dln_figure_python_set_double (args, "lr", priv->lr, &msg);
  if (status == DLN_STATUS_OK)
    status = dln_figure_python_set_double (args, "gamma",
                                           pow (10.0, priv->log_gamma), &msg);
  if (status == DLN_STATUS_OK)
    status = dln_figure_python_set_run (args, DLN_COURSE_EPOCHS, priv->seed,
                                        &msg);
  return dln_ui_status_to_error (status, &msg, NULL, error);
}
