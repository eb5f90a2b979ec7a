/* Datasets of docs/demos.md#datasets: the tree generator, its illusory-
 * correlation variants, the named table, CSV import/export and the
 * regression generators of Tutorials 1-2. */

#include "dln-dataset.h"

#include "dln-core-private.h"
#include "dln-linalg.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN_UP(n) (((n) + 63u) / 64u * 64u)  /* dln-arena's alignment */

/* The course's items for the 2-branch, 3-level tree
 * (docs/demos.md#tree-generator), leaf order. */
static const char *const tree_items[8] = {
  "Goldfish", "Tuna", "Robin", "Canary", "Rose", "Daisy", "Pine", "Oak",
};

/* docs/demos.md#tree-table, as printed (1 yes, 0 no), oddities included. */
static const char *const table_features[10] = {
  "can_grow", "is_mammal", "has_leaves", "can_move", "has_trunk", "can_fly",
  "can_swim", "has_stem", "is_warmblooded", "can_flower",
};
static const double table_values[8][10] = {
  { 1, 0, 0, 1, 0, 0, 1, 0, 0, 0 },  /* Goldfish */
  { 1, 0, 0, 1, 0, 0, 1, 0, 1, 0 },  /* Tuna */
  { 1, 0, 0, 1, 0, 1, 0, 0, 1, 0 },  /* Robin */
  { 1, 0, 0, 1, 0, 1, 0, 0, 1, 0 },  /* Canary */
  { 1, 0, 1, 0, 0, 0, 0, 1, 0, 1 },  /* Rose */
  { 1, 0, 1, 0, 0, 0, 0, 1, 0, 1 },  /* Daisy */
  { 1, 0, 1, 0, 1, 0, 0, 0, 0, 0 },  /* Pine */
  { 1, 0, 1, 0, 1, 0, 0, 0, 0, 1 },  /* Oak */
};

/* D17 presets (docs/demos.md#d17). */
static const double has_bones[8] = { -1, 1, 1, 1, -1, -1, -1, -1 };
static const double cannot_speak[8] = { 1, 1, 1, -1, 1, 1, 1, 1 };

static const char *const builtin_names[] = {
  "tree", "tree-shark", "tree-parrot", "tree-table",
};

void
dln_tree_params_init (DlnTreeParams *params)
{
  DLN_ASSERT (params != NULL);
  params->levels = 3;
  params->branches = 2;
  params->p_flip = 0.15;
  params->p_flip_root = 0.5;
  params->n_features = 10000;
  params->seed = DLN_DATASET_DEFAULT_SEED;
}

/* --- Allocation --- */

/* Names of generated items/features: "item_<i+1>" / "f<i+1>". */
static size_t
generated_name (char       *buf,
                size_t      size,
                const char *prefix,
                size_t      i)
{
  return (size_t) snprintf (buf, size, "%s%zu", prefix, i + 1);
}

static size_t
names_bytes (size_t             n,
             const char *const *names,
             const char        *prefix)
{
  char buf[DLN_DATASET_NAME_MAX];
  size_t total = 0;

  for (size_t i = 0; i < n; i++)
    total += (names != NULL ? strlen (names[i])
                            : generated_name (buf, sizeof buf, prefix, i)) + 1;
  return total;
}

/* Allocates a dataset in its own arena, sized exactly: Y zeroed, X
 * one-hot, name pointer tables and name pools of @ib / @fb bytes left for
 * the caller to fill (*ipool, *fpool). */
static DlnStatus
dataset_alloc_raw (size_t       n_items,
                   size_t       n_features,
                   size_t       ib,
                   size_t       fb,
                   DlnDataset **out,
                   char       **ipool,
                   char       **fpool,
                   DlnMessage  *msg)
{
  size_t budget;
  DlnArena *arena;
  DlnDataset *ds;

  budget = 2 * ALIGN_UP (sizeof (DlnTensor))
           + ALIGN_UP (n_items * n_features * sizeof (double))
           + ALIGN_UP (n_items * n_items * sizeof (double))
           + ALIGN_UP ((n_items + 1) * sizeof (char *))
           + ALIGN_UP ((n_features + 1) * sizeof (char *))
           + ALIGN_UP (ib + 1) + ALIGN_UP (fb + 1) + 64;
  arena = dln_arena_new (budget);
  /* The struct itself is malloc'ed so that growing a dataset can swap in a
   * new arena and keep the caller's pointer (dln_dataset_append_feature). */
  ds = arena != NULL ? calloc (1, sizeof *ds) : NULL;
  if (ds == NULL)
    {
      dln_arena_free (arena);
      dln_message_set (msg, 0, "dataset of %zu items x %zu features: "
                       "cannot allocate %zu bytes", n_items, n_features,
                       budget);
      return DLN_STATUS_NO_MEMORY;
    }
  ds->arena = arena;
  ds->kind = DLN_DATASET_KIND_CUSTOM;
  ds->n_items = n_items;
  ds->n_features = n_features;
  ds->n_inputs = n_items;
  ds->y = dln_tensor_new (arena, n_items, n_features);
  ds->x = dln_tensor_new (arena, n_items, n_items);
  ds->item_names = dln_arena_alloc (arena, (n_items + 1) * sizeof (char *));
  ds->feature_names = dln_arena_alloc (arena,
                                       (n_features + 1) * sizeof (char *));
  *ipool = dln_arena_alloc (arena, ib + 1);
  *fpool = dln_arena_alloc (arena, fb + 1);
  /* The budget above covers every allocation exactly. */
  DLN_ASSERT (ds->y != NULL && ds->x != NULL && ds->item_names != NULL
              && ds->feature_names != NULL && *ipool != NULL
              && *fpool != NULL);
  for (size_t i = 0; i < n_items; i++)
    ds->x->data[i * n_items + i] = 1.0;
  ds->tracked_item = -1;
  ds->tracked_feature = -1;
  dln_tree_params_init (&ds->tree);
  *out = ds;
  return DLN_STATUS_OK;
}

static void
fill_names (char             **out,
            char              *pool,
            size_t             n,
            const char *const *names,
            const char        *prefix)
{
  for (size_t i = 0; i < n; i++)
    {
      size_t len;

      if (names != NULL)
        {
          len = strlen (names[i]);
          memcpy (pool, names[i], len + 1);
        }
      else
        len = generated_name (pool, DLN_DATASET_NAME_MAX, prefix, i);
      out[i] = pool;
      pool += len + 1;
    }
}

/* dataset_alloc_raw, then names copied (or generated when NULL).
 * Validation is the caller's. */
static DlnStatus
dataset_alloc (size_t             n_items,
               size_t             n_features,
               const char *const *item_names,
               const char *const *feature_names,
               DlnDataset       **out,
               DlnMessage        *msg)
{
  size_t ib = names_bytes (n_items, item_names, "item_");
  size_t fb = names_bytes (n_features, feature_names, "f");
  char *ipool, *fpool;
  DlnStatus status;

  status = dataset_alloc_raw (n_items, n_features, ib, fb, out, &ipool,
                              &fpool, msg);
  if (status != DLN_STATUS_OK)
    return status;
  fill_names ((*out)->item_names, ipool, n_items, item_names, "item_");
  fill_names ((*out)->feature_names, fpool, n_features, feature_names, "f");
  return DLN_STATUS_OK;
}

void
dln_dataset_free (DlnDataset *ds)
{
  if (ds == NULL)
    return;
  dln_arena_free (ds->arena);
  free (ds);
}

/* --- Name checks --- */

typedef struct
{
  const char *name;
  size_t      index;
} NameRef;

static int
compare_names (const void *a,
               const void *b)
{
  const NameRef *x = a, *y = b;
  int c = strcmp (x->name, y->name);

  if (c != 0)
    return c;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Returns the smallest index whose name already occurs at a lower index,
 * or n when all names are unique; *first gets that lower index.
 * O(n log n): CSV headers may have a million names. Returns n + 1 when
 * scratch memory cannot be had. */
static size_t
find_duplicate (const char *const *names,
                size_t             n,
                size_t            *first)
{
  NameRef *refs;
  size_t dup = n;

  if (n < 2)
    return n;
  refs = malloc (n * sizeof *refs);  /* scratch, freed below */
  if (refs == NULL)
    return n + 1;
  for (size_t i = 0; i < n; i++)
    {
      refs[i].name = names[i];
      refs[i].index = i;
    }
  qsort (refs, n, sizeof *refs, compare_names);
  for (size_t i = 1; i < n; i++)
    if (strcmp (refs[i].name, refs[i - 1].name) == 0 && refs[i].index < dup)
      {
        /* Sorted by (name, index): refs[i - 1] is an earlier occurrence;
         * the run's first element is the earliest. */
        size_t j = i - 1;

        while (j > 0 && strcmp (refs[j - 1].name, refs[i].name) == 0)
          j--;
        dup = refs[i].index;
        *first = refs[j].index;
      }
  free (refs);
  return dup;
}

static int
name_ok (const char *name,
         const char *what,
         DlnMessage *msg)
{
  size_t len = strlen (name);

  if (len == 0)
    {
      dln_message_set (msg, 0, "%s name is empty", what);
      return 0;
    }
  if (len >= DLN_DATASET_NAME_MAX)
    {
      dln_message_set (msg, 0, "%s name '%.20s...' is longer than %d bytes",
                       what, name, DLN_DATASET_NAME_MAX - 1);
      return 0;
    }
  return 1;
}

static int
sizes_ok (size_t      n_items,
          size_t      n_features,
          DlnMessage *msg)
{
  if (n_items == 0 || n_features == 0)
    {
      dln_message_set (msg, 0, "a dataset needs at least one item and one "
                       "feature (got %zu x %zu)", n_items, n_features);
      return 0;
    }
  if (n_items > DLN_DATASET_MAX_ITEMS)
    {
      dln_message_set (msg, 0, "%zu items is over the limit of %d", n_items,
                       DLN_DATASET_MAX_ITEMS);
      return 0;
    }
  if (n_features > DLN_DATASET_MAX_FEATURES)
    {
      dln_message_set (msg, 0, "%zu features is over the limit of %d",
                       n_features, DLN_DATASET_MAX_FEATURES);
      return 0;
    }
  if (n_items * n_features > DLN_DATASET_MAX_CELLS)
    {
      dln_message_set (msg, 0, "%zu x %zu values is over the limit of %d",
                       n_items, n_features, DLN_DATASET_MAX_CELLS);
      return 0;
    }
  return 1;
}

/* --- Tree generator (docs/demos.md#tree-generator) --- */

DlnStatus
dln_dataset_new_tree (const DlnTreeParams *params,
                      DlnDataset         **out,
                      DlnMessage          *msg)
{
  size_t n_items = 1, n_nodes = 1, first_leaf, nf;
  const char *const *names = NULL;
  double *value;
  DlnDataset *ds;
  DlnStatus status;
  DlnRng rng;

  DLN_ASSERT (params != NULL && out != NULL);
  if (params->levels < 1 || params->branches < 2)
    {
      dln_message_set (msg, 0, "tree: need levels >= 1 and branches >= 2 "
                       "(got %d and %d)", params->levels, params->branches);
      return DLN_STATUS_INVALID_INPUT;
    }
  if (!(params->p_flip >= 0.0 && params->p_flip <= 1.0
        && params->p_flip_root >= 0.0 && params->p_flip_root <= 1.0))
    {
      dln_message_set (msg, 0, "tree: flip probabilities must lie in [0, 1] "
                       "(got %g and root %g)", params->p_flip,
                       params->p_flip_root);
      return DLN_STATUS_INVALID_INPUT;
    }
  for (int l = 0; l < params->levels; l++)
    {
      n_items *= (size_t) params->branches;
      n_nodes += n_items;
      if (n_items > DLN_DATASET_MAX_ITEMS)
        {
          dln_message_set (msg, 0, "tree: %d branches over %d levels give "
                           "more than %d items", params->branches,
                           params->levels, DLN_DATASET_MAX_ITEMS);
          return DLN_STATUS_INVALID_INPUT;
        }
    }
  nf = params->n_features;
  if (!sizes_ok (n_items, nf, msg))
    return DLN_STATUS_INVALID_INPUT;
  if (params->branches == 2 && params->levels == 3)
    names = tree_items;
  status = dataset_alloc (n_items, nf, names, NULL, &ds, msg);
  if (status != DLN_STATUS_OK)
    return status;
  value = malloc (n_nodes * sizeof *value);  /* scratch, freed below */
  if (value == NULL)
    {
      dln_dataset_free (ds);
      dln_message_set (msg, 0, "tree: out of memory");
      return DLN_STATUS_NO_MEMORY;
    }

  /* Draw order (documented in dln-dataset.h): feature-major, nodes breadth
   * first, one uniform each; value[k] = s_k · value[parent (k)] is the
   * product along the path, and the leaves are the last n_items nodes. */
  first_leaf = n_nodes - n_items;
  dln_rng_init (&rng, params->seed);
  for (size_t f = 0; f < nf; f++)
    {
      for (size_t k = 0; k < n_nodes; k++)
        {
          double p = k == 0 ? params->p_flip_root : params->p_flip;
          double s = dln_rng_uniform (&rng) > p ? 1.0 : -1.0;

          value[k] = k == 0 ? s
                            : s * value[(k - 1) / (size_t) params->branches];
        }
      for (size_t i = 0; i < n_items; i++)
        ds->y->data[i * nf + f] = value[first_leaf + i];
    }
  free (value);

  snprintf (ds->name, sizeof ds->name, "tree");
  ds->kind = DLN_DATASET_KIND_TREE;
  ds->tree = *params;
  ds->seed = params->seed;
  *out = ds;
  return DLN_STATUS_OK;
}

DlnStatus
dln_tree_expected_correlation (const DlnTreeParams *params,
                               DlnArena            *arena,
                               DlnTensor          **c,
                               DlnMessage          *msg)
{
  size_t n_items = 1, b;
  double es;
  DlnTensor *cc;

  DLN_ASSERT (params != NULL && arena != NULL && c != NULL);
  if (params->levels < 1 || params->branches < 2
      || !(params->p_flip >= 0.0 && params->p_flip <= 1.0))
    {
      dln_message_set (msg, 0, "tree: need levels >= 1, branches >= 2 and "
                       "p_flip in [0, 1]");
      return DLN_STATUS_INVALID_INPUT;
    }
  for (int l = 0; l < params->levels; l++)
    {
      n_items *= (size_t) params->branches;
      if (n_items > DLN_DATASET_MAX_ITEMS)
        {
          dln_message_set (msg, 0, "tree: more than %d items",
                           DLN_DATASET_MAX_ITEMS);
          return DLN_STATUS_INVALID_INPUT;
        }
    }
  cc = dln_tensor_new (arena, n_items, n_items);
  if (cc == NULL)
    {
      dln_message_set (msg, 0, "expected correlation: arena full");
      return DLN_STATUS_NO_MEMORY;
    }
  b = (size_t) params->branches;
  es = 1.0 - 2.0 * params->p_flip;  /* E[s] at a non-root node */
  for (size_t i = 0; i < n_items; i++)
    for (size_t j = 0; j < n_items; j++)
      {
        /* Leaves i and j share their ancestors above the level where
         * their indices first agree (leaf index / b^d = ancestor d up). */
        size_t ai = i, aj = j;
        int d = 0;

        while (ai != aj)
          {
            ai /= b;
            aj /= b;
            d++;
          }
        cc->data[i * n_items + j] = pow (es, 2 * d);
      }
  *c = cc;
  return DLN_STATUS_OK;
}

DlnStatus
dln_dataset_item_correlation (const DlnDataset *ds,
                              DlnArena         *arena,
                              DlnTensor       **c,
                              DlnMessage       *msg)
{
  DlnTensor *cc;

  DLN_ASSERT (ds != NULL && arena != NULL && c != NULL);
  cc = dln_tensor_new (arena, ds->n_items, ds->n_items);
  if (cc == NULL)
    {
      dln_message_set (msg, 0, "item correlation: arena full");
      return DLN_STATUS_NO_MEMORY;
    }
  dln_linalg_gemm (cc, ds->y, 0, ds->y, 1, 1.0 / (double) ds->n_features,
                   0.0);
  *c = cc;
  return DLN_STATUS_OK;
}

DlnStatus
dln_dataset_new_tree_table (DlnDataset **out,
                            DlnMessage  *msg)
{
  DlnDataset *ds;
  DlnStatus status;

  DLN_ASSERT (out != NULL);
  status = dataset_alloc (8, 10, tree_items, table_features, &ds, msg);
  if (status != DLN_STATUS_OK)
    return status;
  memcpy (ds->y->data, table_values, sizeof table_values);
  snprintf (ds->name, sizeof ds->name, "tree-table");
  ds->kind = DLN_DATASET_KIND_TREE_TABLE;
  *out = ds;
  return DLN_STATUS_OK;
}

int
dln_dataset_is_builtin (const char *name)
{
  DLN_ASSERT (name != NULL);
  for (size_t i = 0; i < sizeof builtin_names / sizeof builtin_names[0]; i++)
    if (strcmp (name, builtin_names[i]) == 0)
      return 1;
  return 0;
}

static DlnStatus
tree_variant (uint64_t     seed,
              size_t       item,
              const char  *item_name,
              const char  *feature,
              const double values[8],
              const char  *name,
              DlnDataset **out,
              DlnMessage  *msg)
{
  DlnTreeParams params;
  DlnDataset *ds;
  DlnStatus status;

  dln_tree_params_init (&params);
  params.seed = seed;
  status = dln_dataset_new_tree (&params, &ds, msg);
  if (status == DLN_STATUS_OK)
    status = dln_dataset_rename_item (ds, item, item_name, msg);
  if (status == DLN_STATUS_OK)
    status = dln_dataset_append_feature (ds, feature, values, msg);
  if (status != DLN_STATUS_OK)
    {
      dln_dataset_free (ds);
      return status;
    }
  snprintf (ds->name, sizeof ds->name, "%s", name);
  ds->tracked_item = (long) item;
  *out = ds;
  return DLN_STATUS_OK;
}

DlnStatus
dln_dataset_new_builtin (const char  *name,
                         uint64_t     seed,
                         DlnDataset **out,
                         DlnMessage  *msg)
{
  DLN_ASSERT (name != NULL && out != NULL);
  if (strcmp (name, "tree") == 0)
    {
      DlnTreeParams params;

      dln_tree_params_init (&params);
      params.seed = seed;
      return dln_dataset_new_tree (&params, out, msg);
    }
  if (strcmp (name, "tree-shark") == 0)
    return tree_variant (seed, 0, "Shark", "has_bones", has_bones, name, out,
                         msg);
  if (strcmp (name, "tree-parrot") == 0)
    return tree_variant (seed, 3, "Parrot", "cannot_speak", cannot_speak,
                         name, out, msg);
  if (strcmp (name, "tree-table") == 0)
    return dln_dataset_new_tree_table (out, msg);
  dln_message_set (msg, 0, "unknown dataset '%s' (built-in: tree, tree-shark, "
                   "tree-parrot, tree-table; or a .csv file)", name);
  return DLN_STATUS_INVALID_INPUT;
}

DlnStatus
dln_dataset_open (const char  *name_or_path,
                  uint64_t     seed,
                  DlnDataset **out,
                  DlnMessage  *msg)
{
  DlnStatus status;
  size_t len;

  DLN_ASSERT (name_or_path != NULL && out != NULL);
  len = strlen (name_or_path);
  if (dln_dataset_is_builtin (name_or_path))
    return dln_dataset_new_builtin (name_or_path, seed, out, msg);
  status = dln_dataset_load_csv (name_or_path, out, msg);
  /* "forest" that is no file was most likely meant as a built-in name. */
  if (status == DLN_STATUS_IO && strchr (name_or_path, '/') == NULL
      && (len < 4 || strcmp (name_or_path + len - 4, ".csv") != 0))
    return dln_dataset_new_builtin (name_or_path, seed, out, msg);
  return status;
}

/* --- Custom datasets and editing --- */

static int
names_valid (size_t             n,
             const char *const *names,
             const char        *what,
             DlnMessage        *msg)
{
  size_t first = 0, dup;

  if (names == NULL)
    return 1;
  for (size_t i = 0; i < n; i++)
    if (!name_ok (names[i], what, msg))
      return 0;
  dup = find_duplicate (names, n, &first);
  if (dup == n + 1)
    {
      dln_message_set (msg, 0, "out of memory checking %s names", what);
      return 0;
    }
  if (dup < n)
    {
      dln_message_set (msg, 0, "duplicate %s name '%s' (%s %zu and %zu)",
                       what, names[dup], what, first + 1, dup + 1);
      return 0;
    }
  return 1;
}

DlnStatus
dln_dataset_new_from (size_t             n_items,
                      size_t             n_features,
                      const double      *y,
                      const char *const *item_names,
                      const char *const *feature_names,
                      DlnDataset       **out,
                      DlnMessage        *msg)
{
  DlnDataset *ds;
  DlnStatus status;

  DLN_ASSERT (out != NULL);
  if (!sizes_ok (n_items, n_features, msg))
    return DLN_STATUS_INVALID_INPUT;
  DLN_ASSERT (y != NULL);
  for (size_t i = 0; i < n_items * n_features; i++)
    if (!isfinite (y[i]))
      {
        dln_message_set (msg, 0, "value of item %zu, feature %zu is not "
                         "finite", i / n_features + 1, i % n_features + 1);
        return DLN_STATUS_INVALID_INPUT;
      }
  if (!names_valid (n_items, item_names, "item", msg)
      || !names_valid (n_features, feature_names, "feature", msg))
    return DLN_STATUS_INVALID_INPUT;
  status = dataset_alloc (n_items, n_features, item_names, feature_names, &ds,
                          msg);
  if (status != DLN_STATUS_OK)
    return status;
  memcpy (ds->y->data, y, n_items * n_features * sizeof (double));
  snprintf (ds->name, sizeof ds->name, "custom");
  *out = ds;
  return DLN_STATUS_OK;
}

/* Rebuilds @ds with one more feature column called @extra_name (zero;
 * the caller fills it), or an exact copy when @extra_name is NULL. */
static DlnStatus
dataset_regrow (const DlnDataset *ds,
                const char       *extra_name,
                size_t            rename_item,
                const char       *rename_to,
                DlnDataset      **out,
                DlnMessage       *msg)
{
  size_t nf = ds->n_features + (extra_name != NULL), p = ds->n_items;
  const char **fnames, **inames;
  DlnDataset *copy;
  DlnStatus status;

  fnames = malloc (nf * sizeof *fnames);  /* scratch name tables */
  inames = malloc (p * sizeof *inames);
  if (fnames == NULL || inames == NULL)
    {
      free (fnames);
      free (inames);
      dln_message_set (msg, 0, "out of memory copying the dataset");
      return DLN_STATUS_NO_MEMORY;
    }
  memcpy (fnames, ds->feature_names, ds->n_features * sizeof *fnames);
  memcpy (inames, ds->item_names, p * sizeof *inames);
  if (extra_name != NULL)
    fnames[nf - 1] = extra_name;
  if (rename_to != NULL)
    inames[rename_item] = rename_to;
  status = dataset_alloc (p, nf, inames, fnames, &copy, msg);
  free (fnames);
  free (inames);
  if (status != DLN_STATUS_OK)
    return status;
  for (size_t i = 0; i < p; i++)
    memcpy (copy->y->data + i * nf, ds->y->data + i * ds->n_features,
            ds->n_features * sizeof (double));
  memcpy (copy->x->data, ds->x->data, p * ds->n_inputs * sizeof (double));
  memcpy (copy->name, ds->name, sizeof copy->name);
  copy->kind = ds->kind;
  copy->tree = ds->tree;
  copy->seed = ds->seed;
  copy->tracked_item = ds->tracked_item;
  copy->tracked_feature = ds->tracked_feature;
  *out = copy;
  return DLN_STATUS_OK;
}

/* Moves @grown's contents into @ds (keeping the caller's pointer) and frees
 * @ds's old arena and @grown's struct. */
static void
swap_into (DlnDataset *ds,
           DlnDataset *grown)
{
  DlnArena *old = ds->arena;

  *ds = *grown;
  free (grown);
  dln_arena_free (old);
}

DlnStatus
dln_dataset_copy (const DlnDataset *ds,
                  DlnDataset      **out,
                  DlnMessage       *msg)
{
  DLN_ASSERT (ds != NULL && out != NULL);
  return dataset_regrow (ds, NULL, 0, NULL, out, msg);
}

DlnStatus
dln_dataset_append_feature (DlnDataset   *ds,
                            const char   *name,
                            const double *values,
                            DlnMessage   *msg)
{
  DlnDataset *grown;
  DlnStatus status;
  size_t nf;

  DLN_ASSERT (ds != NULL && name != NULL && values != NULL);
  if (!name_ok (name, "feature", msg))
    return DLN_STATUS_INVALID_INPUT;
  if (dln_dataset_find_feature (ds, name) >= 0)
    {
      dln_message_set (msg, 0, "feature '%s' already exists", name);
      return DLN_STATUS_INVALID_INPUT;
    }
  for (size_t i = 0; i < ds->n_items; i++)
    if (!isfinite (values[i]))
      {
        dln_message_set (msg, 0, "value %zu of feature '%s' is not finite",
                         i + 1, name);
        return DLN_STATUS_INVALID_INPUT;
      }
  if (!sizes_ok (ds->n_items, ds->n_features + 1, msg))
    return DLN_STATUS_INVALID_INPUT;
  status = dataset_regrow (ds, name, 0, NULL, &grown, msg);
  if (status != DLN_STATUS_OK)
    return status;
  nf = grown->n_features;
  for (size_t i = 0; i < ds->n_items; i++)
    grown->y->data[i * nf + nf - 1] = values[i];
  grown->tracked_feature = (long) (nf - 1);
  swap_into (ds, grown);
  return DLN_STATUS_OK;
}

DlnStatus
dln_dataset_rename_item (DlnDataset *ds,
                         size_t      item,
                         const char *name,
                         DlnMessage *msg)
{
  DlnDataset *grown;
  DlnStatus status;
  long other;

  DLN_ASSERT (ds != NULL && name != NULL && item < ds->n_items);
  if (!name_ok (name, "item", msg))
    return DLN_STATUS_INVALID_INPUT;
  other = dln_dataset_find_item (ds, name);
  if (other >= 0 && (size_t) other != item)
    {
      dln_message_set (msg, 0, "item name '%s' is already used by item %ld",
                       name, other + 1);
      return DLN_STATUS_INVALID_INPUT;
    }
  /* Names live packed in the arena, so a rename rebuilds the dataset. */
  status = dataset_regrow (ds, NULL, item, name, &grown, msg);
  if (status != DLN_STATUS_OK)
    return status;
  swap_into (ds, grown);
  return DLN_STATUS_OK;
}

void
dln_dataset_set_tracked (DlnDataset *ds,
                         long        item,
                         long        feature)
{
  DLN_ASSERT (ds != NULL);
  DLN_ASSERT (item >= -1 && item < (long) ds->n_items);
  DLN_ASSERT (feature >= -1 && feature < (long) ds->n_features);
  ds->tracked_item = item;
  ds->tracked_feature = feature;
}

void
dln_dataset_binary_to_pm1 (DlnDataset *ds)
{
  size_t n;

  DLN_ASSERT (ds != NULL);
  n = dln_tensor_size (ds->y);
  for (size_t i = 0; i < n; i++)
    if (ds->y->data[i] == 0.0)
      ds->y->data[i] = -1.0;
}

long
dln_dataset_find_item (const DlnDataset *ds,
                       const char       *name)
{
  DLN_ASSERT (ds != NULL && name != NULL);
  for (size_t i = 0; i < ds->n_items; i++)
    if (strcmp (ds->item_names[i], name) == 0)
      return (long) i;
  return -1;
}

long
dln_dataset_find_feature (const DlnDataset *ds,
                          const char       *name)
{
  DLN_ASSERT (ds != NULL && name != NULL);
  for (size_t j = 0; j < ds->n_features; j++)
    if (strcmp (ds->feature_names[j], name) == 0)
      return (long) j;
  return -1;
}

/* --- CSV --- */

typedef struct
{
  const char *p;         /* cursor */
  const char *end;
  const char *line_start;
  size_t      line;      /* 1-based line of the cursor */
  size_t      column;    /* 1-based CSV field of the current field */
  const char *filename;
  DlnMessage *msg;
  char        field[1024];  /* unquoted text of the current field */
  int         truncated;    /* the field did not fit in @field */
} CsvReader;

#define CSV_FAIL(r, ...)                                                    \
  csv_fail ((r), (r)->line, (r)->column, __VA_ARGS__)

static DlnStatus csv_fail (CsvReader  *r,
                           size_t      line,
                           size_t      column,
                           const char *format,
                           ...) __attribute__ ((format (printf, 4, 5)));

static DlnStatus
csv_fail (CsvReader  *r,
          size_t      line,
          size_t      column,
          const char *format,
          ...)
{
  char reason[200];
  va_list ap;

  va_start (ap, format);
  vsnprintf (reason, sizeof reason, format, ap);
  va_end (ap);
  dln_message_set (r->msg, (int) column, "%s:%zu:%zu: %s", r->filename, line,
                   column, reason);
  return DLN_STATUS_INVALID_INPUT;
}

/* Is the line at the cursor blank (spaces, tabs, CR) or a comment ('#' as
 * its first byte)? */
static int
csv_line_blank (const CsvReader *r)
{
  if (r->p < r->end && *r->p == '#')
    return 1;
  for (const char *q = r->p; q < r->end && *q != '\n'; q++)
    if (*q != ' ' && *q != '\t' && *q != '\r')
      return 0;
  return 1;
}

static void
csv_next_line (CsvReader *r)
{
  while (r->p < r->end && *r->p != '\n')
    r->p++;
  if (r->p < r->end)
    r->p++;
  r->line++;
  r->line_start = r->p;
  r->column = 1;
}

static void
field_put (CsvReader *r,
           size_t    *n,
           char       c)
{
  if (*n + 1 < sizeof r->field)
    r->field[(*n)++] = c;
  else
    r->truncated = 1;
}

/* Reads one field into r->field; *eol is set when it ended its line (or
 * the file). Returns DLN_STATUS_OK or an error naming line and column. */
static DlnStatus
csv_read_field (CsvReader *r,
                int       *eol)
{
  size_t n = 0;

  r->truncated = 0;
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t'))
    r->p++;
  if (r->p < r->end && *r->p == '"')
    {
      r->p++;
      for (;;)
        {
          if (r->p >= r->end || *r->p == '\n')
            return CSV_FAIL (r, "unterminated quoted field");
          if (*r->p == '\0')
            return CSV_FAIL (r, "NUL byte (is this a text file?)");
          if (*r->p == '"')
            {
              if (r->p + 1 < r->end && r->p[1] == '"')
                {
                  field_put (r, &n, '"');
                  r->p += 2;
                  continue;
                }
              r->p++;
              break;
            }
          field_put (r, &n, *r->p++);
        }
      while (r->p < r->end && (*r->p == ' ' || *r->p == '\t'))
        r->p++;
      if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r')
        return CSV_FAIL (r, "text after a closing quote");
    }
  else
    {
      while (r->p < r->end && *r->p != ',' && *r->p != '\n'
             && !(*r->p == '\r' && (r->p + 1 == r->end || r->p[1] == '\n')))
        {
          if (*r->p == '\0')
            return CSV_FAIL (r, "NUL byte (is this a text file?)");
          field_put (r, &n, *r->p++);
        }
      while (n > 0 && (r->field[n - 1] == ' ' || r->field[n - 1] == '\t'))
        n--;
    }
  r->field[n] = '\0';
  if (r->p < r->end && *r->p == ',')
    {
      r->p++;
      *eol = 0;
    }
  else
    {
      while (r->p < r->end && *r->p == '\r')
        r->p++;
      *eol = 1;
    }
  return DLN_STATUS_OK;
}

/* Parses r->field as a finite double in the C locale whatever the
 * process's locale is (the GUI calls setlocale): uselocale is per thread. */
static DlnStatus
csv_number (CsvReader *r,
            locale_t   c_locale,
            double    *out)
{
  locale_t old;
  char *end;
  double v;

  if (r->field[0] == '\0')
    return CSV_FAIL (r, "empty value");
  if (r->truncated)
    return CSV_FAIL (r, "'%.20s...' is not a number", r->field);
  old = uselocale (c_locale);
  errno = 0;
  v = strtod (r->field, &end);
  uselocale (old);
  if (end == r->field || *end != '\0')
    return CSV_FAIL (r, "'%.40s' is not a number", r->field);
  if (isnan (v))
    return CSV_FAIL (r, "NaN is not allowed");
  if (isinf (v))
    return CSV_FAIL (r, "'%.40s' is infinite or out of range", r->field);
  *out = v;
  return DLN_STATUS_OK;
}

static DlnStatus
csv_name (CsvReader  *r,
          const char *what)
{
  if (r->field[0] == '\0')
    return CSV_FAIL (r, "empty %s name", what);
  if (r->truncated || strlen (r->field) >= DLN_DATASET_NAME_MAX)
    return CSV_FAIL (r, "%s name '%.20s...' is longer than %d bytes", what,
                     r->field, DLN_DATASET_NAME_MAX - 1);
  return DLN_STATUS_OK;
}

/* What the counting pass learns, and the fill pass's cursors. */
typedef struct
{
  size_t  n_items;
  size_t  n_features;
  size_t  item_bytes;     /* names, NUL included */
  size_t  feature_bytes;
  size_t  header_line;
  size_t *item_line;      /* fill pass: [n_items] line of each row */
  char   *ipool;          /* fill pass: name pools */
  char   *fpool;
} CsvShape;

/* One pass over the text. With @ds NULL it validates and counts into
 * @shape; with @ds (allocated from those counts) it fills names, values
 * and item lines. */
static DlnStatus
csv_pass (const char *text,
          size_t      len,
          const char *filename,
          locale_t    c_locale,
          DlnDataset *ds,
          CsvShape   *shape,
          DlnMessage *msg)
{
  CsvReader r = { 0 };
  size_t nf = 0, p = 0;
  DlnStatus status;
  int eol = 0;

  r.p = text;
  r.end = text + len;
  r.line = 1;
  r.column = 1;
  r.line_start = text;
  r.filename = filename;
  r.msg = msg;
  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    r.p += 3;  /* UTF-8 byte order mark */
  while (r.p < r.end && csv_line_blank (&r))
    csv_next_line (&r);
  if (r.p >= r.end)
    return csv_fail (&r, 1, 1, "empty file (expected a header row of "
                     "feature names)");
  shape->header_line = r.line;

  /* Header: corner cell, then feature names. */
  status = csv_read_field (&r, &eol);
  while (status == DLN_STATUS_OK && !eol)
    {
      size_t l;

      r.column++;
      status = csv_read_field (&r, &eol);
      if (status == DLN_STATUS_OK)
        status = csv_name (&r, "feature");
      if (status != DLN_STATUS_OK)
        break;
      if (nf >= DLN_DATASET_MAX_FEATURES)
        return CSV_FAIL (&r, "more than %d feature columns",
                         DLN_DATASET_MAX_FEATURES);
      l = strlen (r.field) + 1;
      if (ds != NULL)
        {
          memcpy (shape->fpool, r.field, l);
          ds->feature_names[nf] = shape->fpool;
          shape->fpool += l;
        }
      else
        shape->feature_bytes += l;
      nf++;
    }
  if (status != DLN_STATUS_OK)
    return status;
  if (nf == 0)
    return csv_fail (&r, r.line, 2, "no feature columns in the header "
                     "(expected: item,feature_1,feature_2,...)");
  csv_next_line (&r);

  /* Rows: item name, then nf numbers. */
  for (;;)
    {
      size_t l;

      while (r.p < r.end && csv_line_blank (&r))
        csv_next_line (&r);
      if (r.p >= r.end)
        break;
      if (p >= DLN_DATASET_MAX_ITEMS)
        return csv_fail (&r, r.line, 1, "more than %d item rows",
                         DLN_DATASET_MAX_ITEMS);
      if ((p + 1) * nf > DLN_DATASET_MAX_CELLS)
        return csv_fail (&r, r.line, 1, "more than %d values in all",
                         DLN_DATASET_MAX_CELLS);
      r.column = 1;
      status = csv_read_field (&r, &eol);
      if (status == DLN_STATUS_OK)
        status = csv_name (&r, "item");
      if (status != DLN_STATUS_OK)
        return status;
      l = strlen (r.field) + 1;
      if (ds != NULL)
        {
          memcpy (shape->ipool, r.field, l);
          ds->item_names[p] = shape->ipool;
          shape->ipool += l;
          shape->item_line[p] = r.line;
        }
      else
        shape->item_bytes += l;
      for (size_t j = 0; j < nf; j++)
        {
          double v = 0.0;

          if (eol)
            return csv_fail (&r, r.line, j + 2, "row has %zu values, the "
                             "header has %zu features", j, nf);
          r.column = j + 2;
          status = csv_read_field (&r, &eol);
          if (status == DLN_STATUS_OK)
            status = csv_number (&r, c_locale, &v);
          if (status != DLN_STATUS_OK)
            return status;
          if (ds != NULL)
            ds->y->data[p * nf + j] = v;
        }
      if (!eol)
        {
          size_t extra = 0;

          while (!eol)
            {
              status = csv_read_field (&r, &eol);
              if (status != DLN_STATUS_OK)
                return status;
              extra++;
            }
          return csv_fail (&r, r.line, nf + 2, "row has %zu values, the "
                           "header has %zu features", nf + extra, nf);
        }
      p++;
      csv_next_line (&r);
    }
  if (p == 0)
    return csv_fail (&r, r.line, 1, "no item rows after the header");
  shape->n_items = p;
  shape->n_features = nf;
  return DLN_STATUS_OK;
}

DlnStatus
dln_dataset_parse_csv (const char  *text,
                       size_t       len,
                       const char  *filename,
                       DlnDataset **out,
                       DlnMessage  *msg)
{
  CsvShape shape = { 0 };
  DlnDataset *ds = NULL;
  DlnStatus status;
  locale_t c_locale;
  size_t first = 0, dup;
  CsvReader r = { 0 };
  const char *base;

  DLN_ASSERT ((text != NULL || len == 0) && filename != NULL && out != NULL);
  r.filename = filename;
  r.msg = msg;
  if (len > DLN_DATASET_MAX_FILE)
    return csv_fail (&r, 1, 1, "file is larger than the limit of %u bytes",
                     DLN_DATASET_MAX_FILE);
  c_locale = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  if (c_locale == (locale_t) 0)
    {
      dln_message_set (msg, 0, "%s: cannot create the C locale", filename);
      return DLN_STATUS_NO_MEMORY;
    }
  status = csv_pass (text, len, filename, c_locale, NULL, &shape, msg);
  if (status == DLN_STATUS_OK)
    status = dataset_alloc_raw (shape.n_items, shape.n_features,
                                shape.item_bytes, shape.feature_bytes, &ds,
                                &shape.ipool, &shape.fpool, msg);
  if (status == DLN_STATUS_OK)
    {
      shape.item_line = malloc (shape.n_items * sizeof (size_t));
      if (shape.item_line == NULL)
        {
          dln_message_set (msg, 0, "%s: out of memory", filename);
          status = DLN_STATUS_NO_MEMORY;
        }
    }
  if (status == DLN_STATUS_OK)
    status = csv_pass (text, len, filename, c_locale, ds, &shape, msg);
  freelocale (c_locale);

  if (status == DLN_STATUS_OK)
    {
      dup = find_duplicate ((const char *const *) ds->feature_names,
                            ds->n_features, &first);
      if (dup < ds->n_features)
        status = csv_fail (&r, shape.header_line, dup + 2,
                           "duplicate feature name '%s' (also column %zu)",
                           ds->feature_names[dup], first + 2);
    }
  if (status == DLN_STATUS_OK)
    {
      dup = find_duplicate ((const char *const *) ds->item_names,
                            ds->n_items, &first);
      if (dup < ds->n_items)
        status = csv_fail (&r, shape.item_line[dup], 1,
                           "duplicate item name '%s' (also line %zu)",
                           ds->item_names[dup], shape.item_line[first]);
    }
  if (status == DLN_STATUS_OK
      && (dup == ds->n_items + 1 || dup == ds->n_features + 1))
    {
      dln_message_set (msg, 0, "%s: out of memory", filename);
      status = DLN_STATUS_NO_MEMORY;
    }
  free (shape.item_line);
  if (status != DLN_STATUS_OK)
    {
      dln_dataset_free (ds);
      return status;
    }
  base = strrchr (filename, '/');
  snprintf (ds->name, sizeof ds->name, "%s", base != NULL ? base + 1 : filename);
  ds->kind = DLN_DATASET_KIND_CSV;
  ds->seed = 0;
  *out = ds;
  return DLN_STATUS_OK;
}

DlnStatus
dln_dataset_load_csv (const char  *path,
                      DlnDataset **out,
                      DlnMessage  *msg)
{
  FILE *f;
  char *buf;
  size_t len = 0, cap = 1 << 16;
  DlnStatus status;

  DLN_ASSERT (path != NULL && out != NULL);
  f = fopen (path, "rb");
  if (f == NULL)
    {
      dln_message_set (msg, 0, "%s: cannot open: %s", path, strerror (errno));
      return DLN_STATUS_IO;
    }
  /* Read in growing chunks: works for pipes too, and stops at the limit. */
  buf = malloc (cap);
  while (buf != NULL)
    {
      size_t got = fread (buf + len, 1, cap - len, f);

      len += got;
      if (len < cap || cap > DLN_DATASET_MAX_FILE)
        break;  /* end of file, or one byte over the limit: enough to say so */
      cap = DLN_MIN (2 * cap, (size_t) DLN_DATASET_MAX_FILE + 1);
      {
        char *grown = realloc (buf, cap);

        if (grown == NULL)
          {
            free (buf);
            buf = NULL;
          }
        else
          buf = grown;
      }
    }
  if (buf == NULL)
    {
      fclose (f);
      dln_message_set (msg, 0, "%s: out of memory reading the file", path);
      return DLN_STATUS_NO_MEMORY;
    }
  if (ferror (f))
    {
      int e = errno;

      fclose (f);
      free (buf);
      dln_message_set (msg, 0, "%s: read error: %s", path, strerror (e));
      return DLN_STATUS_IO;
    }
  fclose (f);
  status = dln_dataset_parse_csv (buf, len, path, out, msg);
  free (buf);
  return status;
}

/* Writes a name, quoted when it holds a comma, quote, space or line end. */
static void
write_name (FILE       *f,
            const char *name)
{
  if (strpbrk (name, ",\"\r\n \t") == NULL)
    {
      fputs (name, f);
      return;
    }
  fputc ('"', f);
  for (const char *c = name; *c != '\0'; c++)
    {
      if (*c == '"')
        fputc ('"', f);
      fputc (*c, f);
    }
  fputc ('"', f);
}

DlnStatus
dln_dataset_save_csv (const DlnDataset *ds,
                      const char       *path,
                      DlnMessage       *msg)
{
  locale_t c_locale, old;
  FILE *f;
  int bad;

  DLN_ASSERT (ds != NULL && path != NULL);
  f = fopen (path, "w");
  if (f == NULL)
    {
      dln_message_set (msg, 0, "%s: cannot write: %s", path, strerror (errno));
      return DLN_STATUS_IO;
    }
  c_locale = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  old = c_locale != (locale_t) 0 ? uselocale (c_locale) : (locale_t) 0;
  fputs ("item", f);
  for (size_t j = 0; j < ds->n_features; j++)
    {
      fputc (',', f);
      write_name (f, ds->feature_names[j]);
    }
  fputc ('\n', f);
  for (size_t i = 0; i < ds->n_items; i++)
    {
      write_name (f, ds->item_names[i]);
      for (size_t j = 0; j < ds->n_features; j++)
        fprintf (f, ",%.17g", ds->y->data[i * ds->n_features + j]);
      fputc ('\n', f);
    }
  if (c_locale != (locale_t) 0)
    {
      uselocale (old);
      freelocale (c_locale);
    }
  bad = ferror (f);
  if (fclose (f) != 0 || bad)
    {
      dln_message_set (msg, 0, "%s: write error: %s", path, strerror (errno));
      return DLN_STATUS_IO;
    }
  return DLN_STATUS_OK;
}

/* --- Regression data (docs/demos.md#linear-samples, #noisy-sine,
 * #regression-example) --- */

DlnStatus
dln_dataset_gen_samples (DlnRng     *rng,
                         size_t      n,
                         double      a,
                         double      sigma,
                         DlnArena   *arena,
                         DlnTensor **x,
                         DlnTensor **y)
{
  DlnTensor *xs, *ys;

  DLN_ASSERT (rng != NULL && arena != NULL && x != NULL && y != NULL);
  DLN_ASSERT (n >= 1);
  xs = dln_tensor_new (arena, n, 1);
  ys = dln_tensor_new (arena, n, 1);
  if (xs == NULL || ys == NULL)
    return DLN_STATUS_NO_MEMORY;
  if (sigma > 0.0)
    {
      for (size_t i = 0; i < n; i++)
        xs->data[i] = dln_rng_uniform (rng);
      for (size_t i = 0; i < n; i++)
        ys->data[i] = a * xs->data[i] + dln_rng_normal (rng, 0.0, sigma);
    }
  else
    for (size_t i = 0; i < n; i++)
      {
        xs->data[i] = n > 1 ? (double) i / (double) (n - 1) : 0.0;
        ys->data[i] = a * xs->data[i];
      }
  *x = xs;
  *y = ys;
  return DLN_STATUS_OK;
}

DlnStatus
dln_dataset_noisy_sine (DlnRng     *rng,
                        size_t      n,
                        double      sigma,
                        DlnArena   *arena,
                        DlnTensor **x,
                        DlnTensor **y)
{
  DlnTensor *xs, *ys;

  DLN_ASSERT (rng != NULL && arena != NULL && x != NULL && y != NULL);
  DLN_ASSERT (n >= 2 && sigma >= 0.0);
  xs = dln_tensor_new (arena, n, 1);
  ys = dln_tensor_new (arena, n, 1);
  if (xs == NULL || ys == NULL)
    return DLN_STATUS_NO_MEMORY;
  for (size_t i = 0; i < n; i++)
    xs->data[i] = -1.0 + 2.0 * (double) i / (double) (n - 1);
  for (size_t i = 0; i < n; i++)
    ys->data[i] = sin (M_PI * xs->data[i]) + dln_rng_normal (rng, 0.0, sigma);
  *x = xs;
  *y = ys;
  return DLN_STATUS_OK;
}

DlnStatus
dln_dataset_regression_3x3 (DlnRng     *rng,
                            size_t      n,
                            DlnArena   *arena,
                            DlnTensor **w_true,
                            DlnTensor **x,
                            DlnTensor **y)
{
  DlnTensor *w, *xs, *ys;

  DLN_ASSERT (rng != NULL && arena != NULL && w_true != NULL && x != NULL
              && y != NULL && n >= 1);
  w = dln_tensor_new (arena, 3, 3);
  xs = dln_tensor_new (arena, 3, n);
  ys = dln_tensor_new (arena, 3, n);
  if (w == NULL || xs == NULL || ys == NULL)
    return DLN_STATUS_NO_MEMORY;
  for (size_t i = 0; i < 9; i++)
    w->data[i] = (double) dln_rng_below (rng, 10);
  for (size_t i = 0; i < 3 * n; i++)
    xs->data[i] = dln_rng_uniform (rng);
  for (size_t i = 0; i < 3 * n; i++)
    ys->data[i] = dln_rng_normal (rng, 0.0, 0.01);
  /* Y = W X + noise: 3 x 3 times 3 x n, a loop is clearer than a gemm. */
  for (size_t r = 0; r < 3; r++)
    for (size_t c = 0; c < n; c++)
      for (size_t k = 0; k < 3; k++)
        ys->data[r * n + c] += w->data[r * 3 + k] * xs->data[k * n + c];
  *w_true = w;
  *x = xs;
  *y = ys;
  return DLN_STATUS_OK;
}
