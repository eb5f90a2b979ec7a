#define G_LOG_DOMAIN "dln-data-source"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-data-source.h"

#include "dln-ui-error.h"

#include <string.h>

/* The key under which a window keeps its source. */
#define SOURCE_KEY "dln-data-source"

struct _DlnDataSource
{
  GObject     parent_instance;

  /* owned */
  DlnDataset *imported;  /* NULL: the tree generator */
  char       *origin;    /* where the data came from (a path), or NULL */
  guint       serial;    /* bumped on every change */
};

G_DEFINE_FINAL_TYPE (DlnDataSource, dln_data_source, G_TYPE_OBJECT)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
dln_data_source_finalize (GObject *object)
{
  DlnDataSource *self = DLN_DATA_SOURCE (object);

  dln_dataset_free (self->imported);
  g_free (self->origin);

  G_OBJECT_CLASS (dln_data_source_parent_class)->finalize (object);
}

static void
dln_data_source_class_init (DlnDataSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dln_data_source_finalize;

  /* DlnDataSource::changed: the training data changed (imported, or back
   * to the generator); readers rebuild their dataset and retrain. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dln_data_source_init (DlnDataSource *self)
{
}

/* dln_data_source_for_widget:
 * Returns: (transfer none) (nullable) the source shared by every page of
 * @widget's window (created empty, i.e. the generator, on first use), or
 * NULL while @widget has no root. */
DlnDataSource *
dln_data_source_for_widget (GtkWidget *widget)
{
  GtkRoot *root;
  DlnDataSource *source;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  if (root == NULL)
    return NULL;
  source = g_object_get_data (G_OBJECT (root), SOURCE_KEY);
  if (source == NULL)
    {
      source = g_object_new (DLN_TYPE_DATA_SOURCE, NULL);
      g_object_set_data_full (G_OBJECT (root), SOURCE_KEY, source,
                              g_object_unref);
    }
  return source;
}

/* dln_data_source_get_imported:
 * Returns: (transfer none) (nullable) the user's data, or NULL when the
 * pages use the tree generator. */
const DlnDataset *
dln_data_source_get_imported (DlnDataSource *self)
{
  g_return_val_if_fail (DLN_IS_DATA_SOURCE (self), NULL);

  return self->imported;
}

/* dln_data_source_get_serial:
 * Returns: a number that changes whenever the data does (0 at first), so
 * a page that was not listening can tell whether it is behind. */
guint
dln_data_source_get_serial (DlnDataSource *self)
{
  g_return_val_if_fail (DLN_IS_DATA_SOURCE (self), 0);

  return self->serial;
}

static gboolean
names_equal (char   **a,
             char   **b,
             size_t   n)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
same_data (const DlnDataset *a,
           const DlnDataset *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->n_items == b->n_items && a->n_features == b->n_features
         && names_equal (a->item_names, b->item_names, a->n_items)
         && names_equal (a->feature_names, b->feature_names, a->n_features)
         && memcmp (a->y->data, b->y->data,
                    a->n_items * a->n_features * sizeof (double)) == 0;
}

/* dln_data_source_set_imported:
 * @dataset: (nullable) the user's items × features, copied; NULL goes
 *           back to the tree generator
 * @origin:  (nullable) where it came from (a path), shown to the user
 * Emits "changed" when the data (names or values) really change.
 * Returns: TRUE, or FALSE with a DLN_ERROR (no memory for the copy) and
 * the source unchanged. */
gboolean
dln_data_source_set_imported (DlnDataSource    *self,
                              const DlnDataset *dataset,
                              const char       *origin,
                              GError          **error)
{
  DlnMessage msg = { { 0 }, 0 };
  DlnDataset *copy = NULL;

  g_return_val_if_fail (DLN_IS_DATA_SOURCE (self), FALSE);

  if (dataset != NULL)
    {
      DlnStatus status = dln_dataset_copy (dataset, &copy, &msg);

      if (!dln_ui_status_to_error (status, &msg, NULL, error))
        return FALSE;
    }
  if (g_strcmp0 (origin, self->origin) != 0)
    {
      g_free (self->origin);
      self->origin = dataset != NULL ? g_strdup (origin) : NULL;
    }
  if (same_data (copy, self->imported))
    {
      dln_dataset_free (copy);
      return TRUE;
    }
  dln_dataset_free (self->imported);
  self->imported = copy;
  self->serial++;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

/* dln_data_source_describe:
 * @self: (nullable)
 * Returns: (transfer full) (nullable) one line for a page's status saying
 * that it trains on the user's data (file, shape, and that the data seed
 * does not apply), or NULL for the generator. */
char *
dln_data_source_describe (DlnDataSource *self)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (self == NULL || DLN_IS_DATA_SOURCE (self), NULL);

  if (self == NULL || self->imported == NULL)
    return NULL;
  base = self->origin != NULL ? g_path_get_basename (self->origin)
                              : g_strdup (self->imported->name);
  return g_strdup_printf (_("Your data: %s, %zu items × %zu features (the "
                            "data seed does not apply)."), base,
                          self->imported->n_items,
                          self->imported->n_features);
}

/* dln_data_source_build:
 * @self: (nullable) the page's source; NULL means the generator
 * @seed: the page's data seed, used by the generator only
 * The training data of a Tutorial 3 page, the one definition shared by
 * them all: a copy of the imported data when there is some, else the
 * course's tree draw (dln_tree_params_init () with @seed).
 * Returns: what dln_dataset_copy () or dln_dataset_new_tree () returns;
 * free @out with dln_dataset_free (). */
DlnStatus
dln_data_source_build (DlnDataSource  *self,
                       guint64         seed,
                       DlnDataset    **out,
                       DlnMessage     *msg)
{
  DlnTreeParams tree;

  g_return_val_if_fail (self == NULL || DLN_IS_DATA_SOURCE (self),
                        DLN_STATUS_INVALID_INPUT);

  if (self != NULL && self->imported != NULL)
    return dln_dataset_copy (self->imported, out, msg);
  dln_tree_params_init (&tree);
  tree.seed = seed;
  return dln_dataset_new_tree (&tree, out, msg);
}
