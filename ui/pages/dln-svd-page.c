#define G_LOG_DOMAIN "dln-svd-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-svd-page.h"

#include "dln-dataset.h"
#include "dln-figure-python.h"
#include "dln-figure-data-svd.h"
#include "dln-figure-view.h"
#include "dln-run.h"
#include "dln-ui-error.h"

#include <math.h>

/* An item weighs in a mode when |v_i| is at least this share of the
 * mode's largest |v|: the tree's modes are ±equal on the items they
 * split and ~0 elsewhere, so the split is clear-cut. */
#define MEMBER_SHARE 0.25
/* Singular values closer than this (relative) form a degenerate group,
 * whose basis LAPACK chooses arbitrarily (docs/theory.md#degenerate-modes). */
#define DEGENERATE_TOL 0.05

/* The course's hierarchy (docs/demos.md#tree-generator): name of each subtree
 * by the set of items (bit i = item i) it holds. */
static const struct { guint mask; const char *name; } groups[] = {
  { 0xff, N_("all items (living things)") },
  { 0x0f, N_("animals") }, { 0xf0, N_("plants") },
  { 0x03, N_("fish") }, { 0x0c, N_("birds") }, { 0x30, N_("flowers") }, { 0xc0, N_("trees") },
};

/* One decomposition and what the page shows of it, built whole on the
 * page's DlnRun worker (or at construction), then never changed; the
 * run's mailbox and the page share it by reference. */
typedef struct
{
  DlnDataset *dataset;   /* owned; NULL when building it failed */
  char       *error;     /* why, or NULL */
  DlnDataSvd  svd;       /* the figure's data (every feature column),
                          * pointing into this draw */
  char        title[96];
  char       *modes;     /* the modes in words */
  char       *status;    /* shape, source and the SVD's time */
} SvdDraw;

/* What a draw is made from: the page's settings at the change. */
typedef struct
{
  int         source;    /* 0: the tree draw or the user's data; 1: the
                          * named table */
  guint64     seed;
  DlnDataset *imported;  /* owned copy of the user's data, or NULL */
  char       *origin;    /* dln_data_source_describe (), or NULL */
} SvdJob;

struct _DlnSvdPage
{
  DlnDemoPage     parent_instance;

  /* template children */
  DlnFigureView  *view;
  GtkDropDown    *source_dropdown;
  GtkSpinButton  *seed_spin;
  GtkLabel       *modes_label;
  GtkLabel       *status_label;

  /* owned */
  DlnRun         *run;
  SvdDraw        *draw;   /* shown */
  DlnSvdData      data;   /* a copy of draw->data */

  int             source;
  guint64         seed;
  gboolean        constructed;
};

G_DEFINE_FINAL_TYPE (DlnSvdPage, dln_svd_page, DLN_TYPE_DEMO_PAGE)

enum
{
  PROP_0,
  PROP_SOURCE,
  PROP_SEED,
};

/* Names the items a mode puts on one side: a subtree's name when they
 * are exactly one, else the items themselves. */
static void
append_side (GString           *text,
             guint              mask,
             const DlnDataset  *ds,
             gboolean           course_tree)
{
  gboolean first = TRUE;

  if (course_tree)
    for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
      if (groups[g].mask == mask)
        {
          g_string_append (text, _(groups[g].name));
          return;
        }
  for (size_t i = 0; i < ds->n_items; i++)
    if (mask & (1u << i))
      {
        g_string_append_printf (text, "%s%s", first ? "" : ", ",
                                ds->item_names[i]);
        first = FALSE;
      }
}

static char *
describe_modes (const SvdDraw *draw,
                size_t         P,
                size_t         K)
{
  GString *text = g_string_new (NULL);
  const double *s = draw->svd.s;
  /* the user's data has items of its own, not the course's groups */
  gboolean course_tree = P == 8
                         && (draw->dataset->kind == DLN_DATASET_KIND_TREE
                             || draw->dataset->kind
                                == DLN_DATASET_KIND_TREE_TABLE);

  for (size_t k = 0; k < K; k++)
    {
      guint pos = 0, neg = 0;
      double m = 0.0;

      for (size_t i = 0; i < P; i++)
        m = MAX (m, fabs (draw->svd.u[i * K + k]));
      for (size_t i = 0; i < P && i < 32; i++)
        {
          double v = draw->svd.u[i * K + k];

          if (fabs (v) < MEMBER_SHARE * m)
            continue;
          if (v > 0)
            pos |= 1u << i;
          else
            neg |= 1u << i;
        }
      g_string_append_printf (text, _("Mode %zu  s = %.1f"), k + 1, s[k]);
      if (draw->svd.ref != NULL)
        g_string_append_printf (text, _(" (expected %.1f)"), draw->svd.ref[k]);
      g_string_append (text, "\n   ");
      if (neg == 0 || pos == 0)
        {
          g_string_append (text, _("same sign on "));
          append_side (text, pos | neg, draw->dataset, course_tree);
        }
      else
        {
          append_side (text, pos, draw->dataset, course_tree);
          g_string_append (text, _(" vs "));
          append_side (text, neg, draw->dataset, course_tree);
        }
      if ((k > 0 && fabs (s[k] - s[k - 1]) <= DEGENERATE_TOL * s[k])
          || (k + 1 < K && fabs (s[k] - s[k + 1]) <= DEGENERATE_TOL * s[k]))
        g_string_append (text, _("\n   (near-degenerate: any mix within its "
                         "group is equally valid)"));
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static void
svd_draw_clear (gpointer data)
{
  SvdDraw *draw = data;

  dln_figure_data_svd_clear (&draw->svd);
  dln_dataset_free (draw->dataset);
  g_free (draw->error);
  g_free (draw->modes);
  g_free (draw->status);
}

/* The DlnRun's snapshot_free. */
static void
svd_draw_unref (gpointer draw)
{
  g_atomic_rc_box_release_full (draw, svd_draw_clear);
}

static void
svd_job_free (gpointer data)
{
  SvdJob *job = data;

  dln_dataset_free (job->imported);
  g_free (job->origin);
  g_free (job);
}

/* Builds the data @job names and decomposes it (LAPACK's dgesdd on
 * Y, 8 × 10000 for the course: milliseconds), with the words beside
 * the figure. Any thread (a DlnRunSnapshotFunc: @job_data is an SvdJob);
 * consumes its imported data. */
static gpointer
svd_draw_new (gpointer job_data)
{
  SvdJob *job = job_data;
  SvdDraw *draw = g_atomic_rc_box_new0 (SvdDraw);
  DlnMessage msg = { { 0 }, 0 };
  DlnDataset *ds = NULL;
  DlnStatus status;
  gint64 t0 = g_get_monotonic_time ();

  if (job->source == 1)
    {
      status = dln_dataset_new_tree_table (&ds, &msg);
      if (status == DLN_STATUS_OK)
        dln_dataset_binary_to_pm1 (ds);
    }
  else if (job->imported != NULL)
    {
      ds = g_steal_pointer (&job->imported);
      status = DLN_STATUS_OK;
    }
  else
    status = dln_data_source_build (NULL, job->seed, &ds, &msg);
  if (status == DLN_STATUS_OK)
    status = dln_figure_data_svd_init (&draw->svd, ds, ds->n_features, &msg);
  if (status != DLN_STATUS_OK)
    {
      draw->error = g_strdup (msg.text);
      dln_dataset_free (ds);
      return draw;
    }
  draw->dataset = ds;
  draw->svd.data.title = draw->title;
  g_snprintf (draw->title, sizeof draw->title, _("SVD of the %s: Y = V S Uᵀ"),
              job->source == 1 ? _("named 8 × 10 table")
              : ds->kind == DLN_DATASET_KIND_TREE ? _("training data")
              : _("your data"));
  draw->modes = describe_modes (draw, ds->n_items, draw->svd.data.k);
  draw->status = g_strdup_printf (_("%s%sY is %zu items × %zu features; SVD "
                                  "in %.1f ms (LAPACK dgesdd)."),
                                  job->origin != NULL ? job->origin : "",
                                  job->origin != NULL ? "\n" : "",
                                  ds->n_items, ds->n_features,
                                  (double) (g_get_monotonic_time () - t0)
                                  / 1000.0);
  return draw;
}

/* Shows @draw (a reference is taken); one that failed only says why,
 * keeping the last decomposition on screen. */
static void
show_draw (DlnSvdPage *self,
           SvdDraw    *draw)
{
  if (draw->dataset == NULL)
    {
      gtk_label_set_text (self->status_label, draw->error);
      return;
    }
  g_atomic_rc_box_acquire (draw);
  g_clear_pointer (&self->draw, svd_draw_unref);
  self->draw = draw;
  self->data = draw->svd.data;
  gtk_label_set_text (self->modes_label, draw->modes);
  gtk_label_set_text (self->status_label, draw->status);
  dln_figure_view_queue_render (self->view);
}

static void
snapshot_cb (DlnSvdPage *self,
             gpointer    snapshot)
{
  show_draw (self, snapshot);
}

/* The draw for the page's settings now; the user's data is copied here,
 * on the main thread that owns it. */
static SvdJob *
svd_job_new (DlnSvdPage *self)
{
  DlnDataSource *source = dln_demo_page_get_data_source (DLN_DEMO_PAGE (self));
  SvdJob *job = g_new0 (SvdJob, 1);

  job->source = self->source;
  job->seed = self->seed;
  if (self->source == 0 && source != NULL
      && dln_data_source_get_imported (source) != NULL)
    {
      DlnMessage msg = { { 0 }, 0 };

      if (dln_data_source_build (source, self->seed, &job->imported, &msg)
          != DLN_STATUS_OK)
        {
          svd_job_free (job);
          gtk_label_set_text (self->status_label, msg.text);
          return NULL;
        }
      job->origin = dln_data_source_describe (source);
    }
  return job;
}

/* Decomposes the data again on the worker (newest settings win). */
static void
recompute (DlnDemoPage *page)
{
  DlnSvdPage *self = DLN_SVD_PAGE (page);
  SvdJob *job;

  if (!self->constructed)
    return;
  job = svd_job_new (self);
  if (job != NULL)
    dln_run_start_snapshot (self->run, svd_draw_new, job, svd_job_free);
}

static void
dln_svd_page_finalize (GObject *object)
{
  DlnSvdPage *self = DLN_SVD_PAGE (object);

  g_clear_pointer (&self->draw, svd_draw_unref);

  G_OBJECT_CLASS (dln_svd_page_parent_class)->finalize (object);
}

static void
dln_svd_page_dispose (GObject *object)
{
  DlnSvdPage *self = DLN_SVD_PAGE (object);

  dln_run_clear (&self->run);

  G_OBJECT_CLASS (dln_svd_page_parent_class)->dispose (object);
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
  DlnSvdPage *self = user_data;
  const char *name;
  long i = lround (y), j = lround (x);
  size_t column;

  if (self->draw == NULL || panel < 0 || panel >= (int) geom->n_panels
      || !isfinite (x) || !isfinite (y) || i < 0 || j < 0)
    return NULL;
  name = geom->panels[panel].name;
  if (g_strcmp0 (name, "u") == 0 && (size_t) i < self->data.m
      && (size_t) j < self->data.k)
    return g_strdup_printf (_("%s, mode %ld: %+.3f"), self->data.row_names[i],
                            j + 1, self->draw->svd.u[i * self->data.k + j]);
  /* the panel draws thousands of columns sorted: read the one under
   * the pointer */
  if (g_strcmp0 (name, "vt") == 0 && (size_t) i < self->data.k
      && dln_figure_svd_drawn_column (&self->data, (size_t) j, &column))
    return g_strdup_printf (_("mode %ld, %s: %+.4f"), i + 1,
                            self->data.col_names[column],
                            self->draw->svd.vt[i * self->data.n + column]);
  return NULL;
}

static void
dln_svd_page_constructed (GObject *object)
{
  DlnSvdPage *self = DLN_SVD_PAGE (object);
  SvdJob *job;

  G_OBJECT_CLASS (dln_svd_page_parent_class)->constructed (object);

  self->constructed = TRUE;
  /* The first decomposition is made here, so the page is never empty:
   * later ones (every control's change) run on the worker. It is the
   * run's result on screen (snapshot_cb shows it), so the first change
   * waits for its job as later ones do. */
  job = svd_job_new (self);
  if (job != NULL)
    {
      dln_run_set_snapshot (self->run, svd_draw_new (job));
      svd_job_free (job);
    }
}

static void
dln_svd_page_class_init (DlnSvdPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);

  object_class->dispose = dln_svd_page_dispose;
  object_class->finalize = dln_svd_page_finalize;
  object_class->constructed = dln_svd_page_constructed;
  /* back to each property's pspec default */
  page_class->reset = dln_demo_page_reset_properties;
  page_class->data_changed = recompute;

  dln_demo_page_class_set_template (page_class, "dln-svd-page.ui");
  /* 0: the tree draw (or the user's data), 1: the named table */
  dln_demo_page_class_add_setting (page_class, PROP_SOURCE,
    g_param_spec_int ("source", NULL, NULL, 0, 1, 0, DLN_PARAM_RW),
    G_STRUCT_OFFSET (DlnSvdPage, source),
    DLN_DEMO_PAGE_CONTROL (DlnSvdPage, source_dropdown), recompute);
  dln_demo_page_class_add_setting (page_class, PROP_SEED,
    dln_demo_page_seed_param ("seed"), G_STRUCT_OFFSET (DlnSvdPage, seed),
    DLN_DEMO_PAGE_CONTROL (DlnSvdPage, seed_spin), recompute);
  gtk_widget_class_bind_template_child (widget_class, DlnSvdPage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnSvdPage,
                                        modes_label);
  gtk_widget_class_bind_template_child (widget_class, DlnSvdPage,
                                        status_label);

  /* svd.resample: a new tree draw (the next seed) */
  dln_demo_page_class_install_step_action (page_class, "svd.resample", "seed",
                                           FALSE);
}

/* "Export as Python script": the catalogue's "data-svd" options. */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnSvdPage *self = user_data;

  if (self->source == 0 && self->draw != NULL
      && self->draw->dataset->kind != DLN_DATASET_KIND_TREE)
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   _("The Python script decomposes the course's tree draw or "
                   "named table, not imported data: choose “Use the "
                   "generator” on the tree page to export it"));
      return FALSE;
    }
  return dln_demo_page_python_printf (args, error, "dataset", "%s",
                                      self->source == 1 ? "tree-table"
                                                        : "tree")
         && dln_demo_page_python_printf (args, error, "seed",
                                         "%" G_GUINT64_FORMAT, self->seed);
}

static void
dln_svd_page_init (DlnSvdPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->run = dln_run_new (svd_draw_unref);
  g_signal_connect_swapped (self->run, "snapshot", G_CALLBACK (snapshot_cb),
                            self);
  self->data.title = "";
  dln_figure_view_set_figure (self->view,
                              (DlnFigureRenderFunc) dln_figure_svd_render,
                              (DlnFigureCsvFunc) dln_figure_svd_csv,
                              &self->data);
  dln_figure_view_set_readout_func (self->view, readout_cb, self, NULL);
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->view);
  dln_figure_view_set_python (self->view, "data-svd", python_args_cb, self);
}
