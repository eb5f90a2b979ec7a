/* D13: the hierarchical dataset and the user's CSV import. (Over 800
 * lines: the generator's settings, the import and its session record
 * (path and content) and three figures of one dataset.) */

#define G_LOG_DOMAIN "dln-tree-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-tree-page.h"

#include "dln-course.h"
#include "dln-csv.h"
#include "dln-data-source.h"
#include "dln-dataset.h"
#include "dln-figure-dataset.h"
#include "dln-figure-python.h"
#include "dln-figure-tree.h"
#include "dln-figure-view.h"
#include "dln-param-row.h"
#include "dln-run.h"
#include "dln-ui-error.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

/* 10000 sampled columns would be far below a pixel each: the view shows
 * the most common ±1 patterns among them, each labelled with how many
 * columns it stands for (dln_dataset_pattern_summary ()); data that is
 * not ±1 shows its first SAMPLED_COLS columns. */
#define SAMPLED_COLS 40
#define PATTERN_COLS 24
/* Imported files: at most this many named columns in the table view. */
#define CSV_COLS     40

/* What the page shows of one dataset: the data, the matrices its view
 * draws and the texts beside it. Built whole on either thread (the
 * generator's on the page's DlnRun worker, an import on the main
 * thread), then never changed; the run's mailbox and the page share it
 * by reference (g_atomic_rc_box_acquire / tree_draw_unref). */
typedef struct
{
  DlnDataset     *ds;            /* owned; NULL when the draw failed */
  char           *error;         /* why it failed, or NULL */
  gboolean        imported;      /* no generator: no diagram, no
                                  * expected correlation */
  int             levels;        /* the generator's, for the diagram */
  int             branches;
  DlnDatasetData  data;          /* the sampled view's figure data,
                                  * pointing into this draw */
  double         *labels;        /* [P, P] identity for the label panel */
  double         *shown;         /* [P, data.n_features] */
  char            title[160];
  char            pattern_names[PATTERN_COLS][24];
  const char     *pattern_name_ptrs[PATTERN_COLS];
  char           *status;        /* the dimensions line */
  char           *correlation;   /* Y·Yᵀ/N by distance, or why none */
} TreeDraw;

struct _DlnTreePage
{
  DlnDemoPage     parent_instance;

  /* template children */
  DlnFigureView  *view;
  DlnFigureView  *diagram_view;
  DlnFigureView  *sampled_view;
  DlnParamRow    *levels_row;
  DlnParamRow    *branches_row;
  DlnParamRow    *p_flip_row;
  DlnParamRow    *p_root_row;
  DlnParamRow    *features_row;
  GtkSpinButton  *seed_spin;
  GtkLabel       *source_label;
  GtkLabel       *error_label;
  GtkLabel       *corr_label;
  GtkLabel       *status_label;

  /* owned */
  DlnRun         *run;          /* draws the generator's data */
  TreeDraw       *draw;         /* shown: generator output or the import */
  DlnDataset     *table;        /* the named 8 × 10 table, ±1 */
  DlnDatasetData  table_data;
  DlnDatasetData  sampled_data; /* a copy of draw->data */
  DlnTreeDiagramData diagram;
  GStrv           leaf_names;   /* the generator's items, for the diagram */
  char            network[96];
  double         *table_labels; /* [8, 8] */

  int             levels;
  int             branches;
  double          p_flip;
  double          p_flip_root;
  int             n_features;
  guint64         seed;
  char           *csv_path;
  gboolean        constructed;
};

G_DEFINE_FINAL_TYPE (DlnTreePage, dln_tree_page, DLN_TYPE_DEMO_PAGE)

enum
{
  PROP_0,
  PROP_LEVELS,
  PROP_BRANCHES,
  PROP_P_FLIP,
  PROP_P_FLIP_ROOT,
  PROP_N_FEATURES,
  PROP_SEED,
  PROP_CSV_PATH,
  PROP_CSV_DATA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Number of path nodes items @i and @j (leaves) do not share, in the
 * complete tree with @branches children per node, numbered breadth first
 * (docs/demos.md#tree-generator). */
static int
unshared_nodes (size_t i,
                size_t j,
                int    levels,
                int    branches)
{
  size_t first_leaf = 0, width = 1;
  size_t a, b;
  int k = 0;

  for (int l = 0; l < levels; l++)
    {
      first_leaf += width;
      width *= (size_t) branches;
    }
  a = first_leaf + i;
  b = first_leaf + j;
  while (a != b)
    {
      a = (a - 1) / (size_t) branches;
      b = (b - 1) / (size_t) branches;
      k += 2;
    }
  return k;
}

static void
tree_draw_clear (gpointer data)
{
  TreeDraw *draw = data;

  dln_dataset_free (draw->ds);
  g_free (draw->error);
  g_free (draw->labels);
  g_free (draw->shown);
  g_free (draw->status);
  g_free (draw->correlation);
}

/* The DlnRun's snapshot_free. */
static void
tree_draw_unref (gpointer draw)
{
  g_atomic_rc_box_release_full (draw, tree_draw_clear);
}

/* Y·Yᵀ/N grouped by how far apart two items sit in the tree, against
 * E[yᵢyⱼ] = (1 − 2p)^k (docs/demos.md#tree-generator; the root is shared by
 * all). */
static char *
correlation_text (const DlnDataset *ds,
                  gboolean          imported,
                  int               levels,
                  int               branches,
                  double            p_flip)
{
  GString *text = g_string_new (NULL);
  size_t P = ds->n_items, N = ds->n_features;
  double sum[64] = { 0 };
  int count[64] = { 0 };

  if (imported)
    {
      g_string_append_printf (text, _("Imported data: %zu items × %zu "
                              "features; no generator, so no expected "
                              "correlation."), P, N);
      return g_string_free (text, FALSE);
    }
  for (size_t i = 0; i < P; i++)
    for (size_t j = i; j < P; j++)
      {
        int k = unshared_nodes (i, j, levels, branches);
        const double *yi = &ds->y->data[i * N], *yj = &ds->y->data[j * N];
        double c = 0.0;

        for (size_t f = 0; f < N; f++)
          c += yi[f] * yj[f];
        if (k < 64)
          {
            sum[k] += c / (double) N;
            count[k]++;
          }
      }
  g_string_append (text, _("Y·Yᵀ/N by distance k (path nodes not shared), "
                           "against the expected (1−2p)^k:\n"
                           " k  pairs  empirical  expected\n"));
  for (int k = 0; k < 64; k += 2)
    if (count[k] > 0)
      g_string_append_printf (text, "%2d  %5d  %9.4f  %8.4f\n", k,
                              count[k], sum[k] / count[k],
                              pow (1.0 - 2.0 * p_flip, k));
  return g_string_free (text, FALSE);
}

/* A draw showing @ds (taken): the imported file @import_name, or (NULL)
 * the generator's output under @tree. Reads every value of @ds (the
 * pattern summary, the correlation), which at the largest generator
 * settings takes tens of milliseconds: any thread. */
static TreeDraw *
tree_draw_new (DlnDataset          *ds,
               const char          *import_name,
               const DlnTreeParams *tree)
{
  TreeDraw *draw = g_atomic_rc_box_new0 (TreeDraw);
  size_t P = ds->n_items;
  size_t cols = MIN (ds->n_features, import_name != NULL ? CSV_COLS
                                                         : SAMPLED_COLS);
  DlnDatasetData *d = &draw->data;

  draw->ds = ds;
  draw->imported = import_name != NULL;
  draw->levels = tree->levels;
  draw->branches = tree->branches;
  draw->labels = g_new0 (double, P * P);
  for (size_t i = 0; i < P; i++)
    draw->labels[i * P + i] = 1.0;
  draw->shown = g_new (double, P * cols);
  for (size_t i = 0; i < P; i++)
    for (size_t j = 0; j < cols; j++)
      {
        double v = dln_tensor_get (ds->y, i, j);

        /* the no/yes map spans −1 … +1; other values are clamped for
         * display only */
        draw->shown[i * cols + j] = CLAMP (v, -1.0, 1.0);
      }
  d->n_items = P;
  d->item_names = (const char *const *) ds->item_names;
  d->labels = draw->labels;
  d->n_features = cols;
  d->features = draw->shown;
  d->feature_names = cols <= 12 ? (const char *const *) ds->feature_names
                                : NULL;
  g_snprintf (draw->title, sizeof draw->title,
              _("%s: first %zu of %zu features"),
              import_name != NULL ? import_name : _("Sampled training data"),
              cols, ds->n_features);
  if (ds->n_features > SAMPLED_COLS)
    {
      double *patterns = g_new (double, P * PATTERN_COLS);
      size_t counts[PATTERN_COLS];
      DlnPatternSummary sum;

      if (dln_dataset_pattern_summary (ds->y->data, P, ds->n_features,
                                       PATTERN_COLS, patterns, counts, &sum))
        {
          g_free (draw->shown);
          draw->shown = patterns;
          for (size_t k = 0; k < sum.n_shown; k++)
            {
              g_snprintf (draw->pattern_names[k],
                          sizeof draw->pattern_names[k], "%zu×", counts[k]);
              draw->pattern_name_ptrs[k] = draw->pattern_names[k];
            }
          d->features = draw->shown;
          d->n_features = sum.n_shown;
          d->feature_names = draw->pattern_name_ptrs;
          g_snprintf (draw->title, sizeof draw->title,
                      _("Top %zu of %zu patterns (%.0f %% of %zu)"),
                      sum.n_shown, sum.n_patterns,
                      100.0 * (double) sum.covered / (double) sum.n_columns,
                      sum.n_columns);
        }
      else
        g_free (patterns);
    }
  d->features_title = draw->title;
  draw->status = g_strdup_printf (_("Input dimension %zu, output dimension "
                                  "%zu, number of samples %zu."),
                                  ds->n_inputs, ds->n_features, P);
  draw->correlation = correlation_text (ds, draw->imported, tree->levels,
                                        tree->branches, tree->p_flip);
  return draw;
}

/* The generator's output under @job_data (the DlnTreeParams to draw
 * with), or a draw that says why there is none. Any thread (a
 * DlnRunSnapshotFunc). */
static gpointer
tree_draw_generate (gpointer job_data)
{
  const DlnTreeParams *tree = job_data;
  DlnMessage msg = { { 0 }, 0 };
  DlnDataset *ds = NULL;
  TreeDraw *draw;

  if (dln_dataset_new_tree (tree, &ds, &msg) == DLN_STATUS_OK)
    return tree_draw_new (ds, NULL, tree);
  draw = g_atomic_rc_box_new0 (TreeDraw);
  draw->error = g_strdup (msg.text);
  return draw;
}

static void
tree_params (DlnTreePage   *self,
             DlnTreeParams *tree)
{
  dln_tree_params_init (tree);
  tree->levels = self->levels;
  tree->branches = self->branches;
  tree->p_flip = self->p_flip;
  tree->p_flip_root = self->p_flip_root;
  tree->n_features = (size_t) self->n_features;
  tree->seed = self->seed;
}

static void
show_error (DlnTreePage *self,
            const char  *text)
{
  gtk_label_set_text (self->error_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* Shows @draw (a reference is taken); one that failed only shows its
 * error, keeping the data on screen. The named table never changes, so
 * its view is left alone. */
static void
show_draw (DlnTreePage *self,
           TreeDraw    *draw)
{
  if (draw->ds == NULL)
    {
      show_error (self, draw->error);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_atomic_rc_box_acquire (draw);
  g_clear_pointer (&self->draw, tree_draw_unref);
  self->draw = draw;
  self->sampled_data = draw->data;
  gtk_label_set_text (self->status_label, draw->status);
  gtk_label_set_text (self->corr_label, draw->correlation);
  if (!draw->imported)
    {
      gtk_label_set_text (self->source_label, _("Source: the tree generator"));
      g_strfreev (self->leaf_names);
      self->leaf_names = g_strdupv (draw->ds->item_names);
      dln_figure_tree_fill (&self->diagram, draw->levels, draw->branches,
                            (const char *const *) self->leaf_names,
                            draw->ds->n_features, DLN_COURSE_HIDDEN,
                            self->network, sizeof self->network);
      dln_figure_view_queue_render (self->diagram_view);
    }
  dln_figure_view_queue_render (self->sampled_view);
}

static gboolean
has_import (DlnTreePage *self)
{
  return self->csv_path != NULL && *self->csv_path != '\0';
}

/* A generator draw arrived from the worker. */
static void
snapshot_cb (DlnTreePage *self,
             gpointer     snapshot)
{
  /* an import cancels the run, so this is the generator's */
  if (!has_import (self))
    show_draw (self, snapshot);
}

/* Draws the generator's data again on the worker (newest settings win);
 * the page shows it when it arrives. */
static void
resample (DlnDemoPage *page)
{
  DlnTreePage *self = DLN_TREE_PAGE (page);
  DlnTreeParams tree;

  if (!self->constructed || has_import (self))
    return;
  tree_params (self, &tree);
  dln_run_start_snapshot (self->run, tree_draw_generate,
                          g_memdup2 (&tree, sizeof tree), g_free);
}

/* Tells the window's Tutorial 3 pages what to train on: the imported
 * data, or the generator (each page's own draw). */
static void
publish (DlnTreePage *self)
{
  DlnDataSource *source = dln_data_source_for_widget (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;

  if (source == NULL)
    return;
  if (!dln_data_source_set_imported (source,
                                     has_import (self) ? self->draw->ds : NULL,
                                     self->csv_path, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

/* Shows and publishes @ds (taken), imported from @path. */
static void
use_imported (DlnTreePage *self,
              DlnDataset  *ds,
              const char  *path)
{
  g_autofree char *text = g_strdup_printf (_("Source: %s"), path);
  g_autofree char *base = g_path_get_basename (path);
  DlnTreeParams tree;
  TreeDraw *draw;

  /* a generator draw still in flight must not replace the import */
  dln_run_cancel (self->run);
  tree_params (self, &tree);
  draw = tree_draw_new (ds, base, &tree);
  if (g_strcmp0 (self->csv_path, path) != 0)
    {
      g_free (self->csv_path);
      self->csv_path = g_strdup (path);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CSV_PATH]);
    }
  gtk_label_set_text (self->source_label, text);
  show_draw (self, draw);
  tree_draw_unref (draw);
  publish (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CSV_DATA]);
}

/* dln_tree_page_import_csv:
 * @path: (nullable) a CSV of items × features (dln-dataset.h); NULL or
 *        "" goes back to the generator
 * Loads the file, shows it, and makes it the training data of every
 * Tutorial 3 page in the window (DlnDataSource). On an error the page
 * keeps its data and @error (DLN_ERROR) reads "FILE:LINE:COLUMN: reason".
 * Returns: TRUE on success. */
gboolean
dln_tree_page_import_csv (DlnTreePage *self,
                          const char  *path,
                          GError     **error)
{
  DlnMessage msg = { { 0 }, 0 };
  DlnDataset *ds = NULL;
  DlnStatus status;

  g_return_val_if_fail (DLN_IS_TREE_PAGE (self), FALSE);

  if (path == NULL || *path == '\0')
    {
      if (has_import (self))
        {
          g_clear_pointer (&self->csv_path, g_free);
          resample (DLN_DEMO_PAGE (self));
          publish (self);
          g_object_notify_by_pspec (G_OBJECT (self),
                                    properties[PROP_CSV_PATH]);
          g_object_notify_by_pspec (G_OBJECT (self),
                                    properties[PROP_CSV_DATA]);
        }
      return TRUE;
    }
  status = dln_dataset_load_csv (path, &ds, &msg);
  if (!dln_ui_status_to_error (status, &msg, NULL, error))
    {
      show_error (self, msg.text);
      return FALSE;
    }
  use_imported (self, ds, path);
  return TRUE;
}

/* "csv-data": the imported file's content, so that a session reopens
 * it where the file is gone: (path, item names, feature names, rows of
 * values), or NULL for the generator. */
static GVariant *
csv_data_variant (DlnTreePage *self)
{
  const DlnDataset *ds = self->draw->ds;
  GVariantBuilder rows;

  if (!has_import (self))
    return NULL;
  g_variant_builder_init (&rows, G_VARIANT_TYPE ("aad"));
  for (size_t i = 0; i < ds->n_items; i++)
    g_variant_builder_add_value (&rows,
      g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                 &ds->y->data[i * ds->n_features],
                                 ds->n_features, sizeof (double)));
  return g_variant_new ("(s^as^as@aad)", self->csv_path,
                        (const char *const *) ds->item_names,
                        (const char *const *) ds->feature_names,
                        g_variant_builder_end (&rows));
}

/* Restores "csv-data"; bad content (a hand-edited session) is refused
 * under the import button, keeping the page's data. */
static void
set_csv_data (DlnTreePage *self,
              GVariant    *data)
{
  g_autofree const char **items = NULL;
  g_autofree const char **features = NULL;
  g_autoptr(GVariant) rows = NULL;
  g_autofree double *y = NULL;
  DlnMessage msg = { { 0 }, 0 };
  DlnDataset *ds = NULL;
  const char *path = NULL;
  gsize n_items = 0, n_features = 0, n_rows;

  if (data == NULL)
    {
      dln_tree_page_import_csv (self, NULL, NULL);
      return;
    }
  g_variant_get (data, "(&s^a&s^a&s@aad)", &path, &items, &features, &rows);
  n_items = items != NULL ? g_strv_length ((char **) items) : 0;
  n_features = features != NULL ? g_strv_length ((char **) features) : 0;
  n_rows = g_variant_n_children (rows);
  if (n_items == 0 || n_features == 0 || n_rows != n_items
      || n_features > DLN_DATASET_MAX_CELLS / n_items)
    {
      show_error (self, _("The session's imported data is malformed: "
                        "names and rows do not match"));
      return;
    }
  y = g_new (double, n_items * n_features);
  for (gsize i = 0; i < n_items; i++)
    {
      g_autoptr(GVariant) row = g_variant_get_child_value (rows, i);
      gsize n = 0;
      const double *v = g_variant_get_fixed_array (row, &n, sizeof (double));

      if (n != n_features)
        {
          show_error (self, _("The session's imported data is malformed: "
                            "a row has the wrong length"));
          return;
        }
      memcpy (&y[i * n_features], v, n * sizeof (double));
    }
  if (dln_dataset_new_from (n_items, n_features, y, items, features, &ds,
                            &msg) != DLN_STATUS_OK)
    {
      g_autofree char *text =
        g_strdup_printf (_("The session's imported data is refused: %s"),
                         msg.text);

      show_error (self, text);
      return;
    }
  use_imported (self, ds, *path != '\0' ? path : _("imported data"));
}

/* A page given data before it joined its window hands it on now. */
static void
dln_tree_page_root (GtkWidget *widget)
{
  DlnTreePage *self = DLN_TREE_PAGE (widget);

  GTK_WIDGET_CLASS (dln_tree_page_parent_class)->root (widget);

  if (has_import (self))
    publish (self);
}

static void
dln_tree_page_finalize (GObject *object)
{
  DlnTreePage *self = DLN_TREE_PAGE (object);

  dln_dataset_free (self->table);
  g_clear_pointer (&self->draw, tree_draw_unref);
  g_free (self->table_labels);
  g_free (self->csv_path);
  g_strfreev (self->leaf_names);

  G_OBJECT_CLASS (dln_tree_page_parent_class)->finalize (object);
}

static void
dln_tree_page_dispose (GObject *object)
{
  DlnTreePage *self = DLN_TREE_PAGE (object);

  dln_run_clear (&self->run);

  G_OBJECT_CLASS (dln_tree_page_parent_class)->dispose (object);
}

/* "csv-path": the path "csv-data" restored is that data already; a
 * session naming a file that has gone (and no data) keeps the generator
 * and says so under the import button */
static void
set_csv_path (DlnTreePage *self,
              const char  *path)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (path, self->csv_path) != 0)
    dln_tree_page_import_csv (self, path, &error);
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
  DlnTreePage *self = user_data;
  const DlnDatasetData *d = view == self->view ? &self->table_data
                                               : &self->sampled_data;
  const DlnDataset *ds = view == self->view ? self->table : self->draw->ds;
  long i = lround (y), j = lround (x);

  if (panel < 0 || panel >= (int) geom->n_panels || !isfinite (x)
      || !isfinite (y) || i < 0 || j < 0 || (size_t) i >= d->n_items)
    return NULL;
  if (g_strcmp0 (geom->panels[panel].name, "features") == 0
      && (size_t) j < d->n_features)
    return g_strdup_printf ("%s, %s: %g", d->item_names[i],
                            ds->feature_names[j],
                            dln_tensor_get (ds->y, (size_t) i, (size_t) j));
  if ((size_t) j < d->n_items)
    return g_strdup_printf ("input %s → label %s", d->item_names[i],
                            d->item_names[j]);
  return NULL;
}

static void
dln_tree_page_constructed (GObject *object)
{
  DlnTreePage *self = DLN_TREE_PAGE (object);

  G_OBJECT_CLASS (dln_tree_page_parent_class)->constructed (object);

  self->constructed = TRUE;
  /* The first draw is made here, so the page is never empty: later ones
   * (every slider step) run on the worker. It is the run's result on
   * screen (snapshot_cb shows it), so the first step waits for its job
   * as later ones do. */
  if (!has_import (self))
    {
      DlnTreeParams tree;

      tree_params (self, &tree);
      dln_run_set_snapshot (self->run, tree_draw_generate (&tree));
    }
}

/* The generator's settings: the course's (docs/demos.md#tree-generator),
 * with ranges that keep the items on screen (at most 64 leaves). */
typedef struct
{
  guint       prop_id;
  const char *name;
  gboolean    integer;
  double      min, max, def;
  gssize      field;
  const char *control_name;
  gssize      control;
} GeneratorSetting;

/* the page's field and the control that shows it */
#define FIELD(member, control) \
  G_STRUCT_OFFSET (DlnTreePage, member), \
  DLN_DEMO_PAGE_CONTROL (DlnTreePage, control)

static const GeneratorSetting generator[] = {
  { PROP_LEVELS, "levels", TRUE, 1, 6, DLN_TREE_LEVELS,
    FIELD (levels, levels_row) },
  { PROP_BRANCHES, "branches", TRUE, 2, 4, DLN_TREE_BRANCHES,
    FIELD (branches, branches_row) },
  { PROP_P_FLIP, "p-flip", FALSE, 0, 1, DLN_TREE_P_FLIP,
    FIELD (p_flip, p_flip_row) },
  { PROP_P_FLIP_ROOT, "p-flip-root", FALSE, 0, 1, DLN_TREE_P_FLIP_ROOT,
    FIELD (p_flip_root, p_root_row) },
  { PROP_N_FEATURES, "n-features", TRUE, 10, 100000, DLN_TREE_N_FEATURES,
    FIELD (n_features, features_row) },
};

#undef FIELD

static void
dln_tree_page_class_init (DlnTreePageClass *klass)
{
  static const DlnPropertyDecl decls[N_PROPS] = {
    [PROP_CSV_PATH] = { G_STRUCT_OFFSET (DlnTreePage, csv_path), NULL,
                        G_CALLBACK (set_csv_path) },
    [PROP_CSV_DATA] = { DLN_PROPERTY_NO_FIELD, G_CALLBACK (csv_data_variant),
                        G_CALLBACK (set_csv_data) },
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);

  object_class->dispose = dln_tree_page_dispose;
  object_class->finalize = dln_tree_page_finalize;
  object_class->constructed = dln_tree_page_constructed;
  widget_class->root = dln_tree_page_root;
  /* back to each property's pspec default, the generator's data */
  page_class->reset = dln_demo_page_reset_properties;

  dln_demo_page_class_set_template (page_class, "dln-tree-page.ui");
  for (guint i = 0; i < G_N_ELEMENTS (generator); i++)
    {
      const GeneratorSetting *g = &generator[i];
      GParamSpec *pspec = g->integer
        ? g_param_spec_int (g->name, NULL, NULL, (int) g->min, (int) g->max,
                            (int) g->def, DLN_PARAM_RW)
        : g_param_spec_double (g->name, NULL, NULL, g->min, g->max, g->def,
                               DLN_PARAM_RW);

      dln_demo_page_class_add_setting (page_class, g->prop_id, pspec,
                                       g->field, g->control_name, g->control,
                                       resample);
    }
  dln_demo_page_class_add_setting (page_class, PROP_SEED,
    dln_demo_page_seed_param ("seed"), G_STRUCT_OFFSET (DlnTreePage, seed),
    DLN_DEMO_PAGE_CONTROL (DlnTreePage, seed_spin), resample);
  properties[PROP_CSV_PATH] =
    g_param_spec_string ("csv-path", NULL, NULL, NULL, DLN_PARAM_RW);
  properties[PROP_CSV_DATA] =
    g_param_spec_variant ("csv-data", NULL, NULL,
                          G_VARIANT_TYPE ("(sasasaad)"), NULL, DLN_PARAM_RW);
  dln_object_class_install_properties (object_class, N_PROPS, properties,
                                       decls);

  gtk_widget_class_bind_template_child (widget_class, DlnTreePage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnTreePage,
                                        sampled_view);
  gtk_widget_class_bind_template_child (widget_class, DlnTreePage,
                                        diagram_view);
  gtk_widget_class_bind_template_child (widget_class, DlnTreePage,
                                        source_label);
  gtk_widget_class_bind_template_child (widget_class, DlnTreePage,
                                        error_label);
  gtk_widget_class_bind_template_child (widget_class, DlnTreePage,
                                        corr_label);
  gtk_widget_class_bind_template_child (widget_class, DlnTreePage,
                                        status_label);

  /* tree.resample: a new draw (the next seed) */
  dln_demo_page_class_install_step_action (page_class, "tree.resample", "seed",
                                           FALSE);
  dln_tree_page_class_actions_init (widget_class);
}

/* "Export as Python script": the catalogue's "tree-data" options, the
 * course's sampled tree at the page's seed; the script's generator is the
 * course's, so other tree settings or an imported file are refused. */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnTreePage *self = user_data;
  DlnTreeParams course;

  dln_tree_params_init (&course);
  if (self->csv_path != NULL && *self->csv_path != '\0')
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   _("The Python script samples the course's tree; an "
                   "imported file is not part of it"));
      return FALSE;
    }
  if (self->levels != course.levels || self->branches != course.branches
      || self->p_flip != course.p_flip
      || self->p_flip_root != course.p_flip_root
      || (size_t) self->n_features != course.n_features)
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   _("The Python script samples the course's tree (%d levels, "
                   "%d branches, flip %g, root flip %g, %zu features): "
                   "reset the generator to export it"), course.levels,
                   course.branches, course.p_flip, course.p_flip_root,
                   course.n_features);
      return FALSE;
    }
  return dln_demo_page_python_printf (args, error, "dataset", "tree")
         && dln_demo_page_python_printf (args, error, "seed",
                                         "%" G_GUINT64_FORMAT, self->seed);
}

static void
dln_tree_page_init (DlnTreePage *self)
{
  DlnMessage msg = { { 0 }, 0 };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->run = dln_run_new (tree_draw_unref);
  g_signal_connect_swapped (self->run, "snapshot", G_CALLBACK (snapshot_cb),
                            self);

  /* the named table (docs/demos.md#tree-table), 0 drawn as −1
   * (docs/demos.md#d13) */
  if (dln_dataset_new_tree_table (&self->table, &msg) != DLN_STATUS_OK)
    g_error ("the built-in table failed: %s", msg.text);
  dln_dataset_binary_to_pm1 (self->table);
  self->table_labels = g_new0 (double, 64);
  for (int i = 0; i < 8; i++)
    self->table_labels[i * 8 + i] = 1.0;
  self->table_data.n_items = self->table->n_items;
  self->table_data.item_names = (const char *const *) self->table->item_names;
  self->table_data.labels = self->table_labels;
  self->table_data.n_features = self->table->n_features;
  self->table_data.features = self->table->y->data;
  self->table_data.feature_names =
    (const char *const *) self->table->feature_names;
  self->table_data.features_title = _("10 random Features");

  dln_figure_view_set_figure (self->view,
                              (DlnFigureRenderFunc) dln_figure_dataset_render,
                              (DlnFigureCsvFunc) dln_figure_dataset_csv,
                              &self->table_data);
  dln_figure_view_set_figure (self->diagram_view,
                              (DlnFigureRenderFunc) dln_figure_tree_render,
                              (DlnFigureCsvFunc) dln_figure_tree_csv,
                              &self->diagram);
  dln_figure_view_set_figure (self->sampled_view,
                              (DlnFigureRenderFunc) dln_figure_dataset_render,
                              (DlnFigureCsvFunc) dln_figure_dataset_csv,
                              &self->sampled_data);
  dln_figure_view_set_readout_func (self->view, readout_cb, self, NULL);
  dln_figure_view_set_readout_func (self->sampled_view, readout_cb, self,
                                    NULL);
  /* Ctrl+E exports the data the page is about: the sampled (or
   * imported) training matrix; the named table has its own button */
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->sampled_view);
  dln_figure_view_set_python (self->sampled_view, "tree-data",
                              python_args_cb, self);
}
