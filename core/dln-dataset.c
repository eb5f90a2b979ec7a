/* Datasets of docs/demos.md#datasets: the tree generator, its illusory-
 * correlation variants, the named table, CSV import/export and the
 * regression generators of Tutorials 1-2. (Over 800 lines: each
 * generator is short, but they share the dataset's allocation and name
 * checks; the CSV reader lives in dln-csv.c.) */

#include "dln-dataset.h"

#include "dln-core-private.h"
#include "dln-csv.h"
#include "dln-dataset-private.h"
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
  *params = (DlnTreeParams) {
    .levels = DLN_TREE_LEVELS, .branches = DLN_TREE_BRANCHES,
    .p_flip = DLN_TREE_P_FLIP, .p_flip_root = DLN_TREE_P_FLIP_ROOT,
    .n_features = DLN_TREE_N_FEATURES, .seed = DLN_DATASET_DEFAULT_SEED };
}

/* --- Allocation --- */

/* Names of generated items/features: "item_<i+1>" / "f<i+1>". The
 * number is written digit by digit: the tree page names 10000 features
 * on every slider step, and snprintf's format parsing was half the
 * generator's time. */
static size_t
generated_name (char       *buf,
                size_t      size,
                const char *prefix,
                size_t      i)
{
  char digits[24];
  size_t n = 0, len = strlen (prefix), v = i + 1;

  do
    {
      digits[n++] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v > 0);
  if (len + n + 1 > size)
    return (size_t) snprintf (buf, size, "%s%zu", prefix, i + 1);
  memcpy (buf, prefix, len);
  for (size_t k = 0; k < n; k++)
    buf[len + k] = digits[n - 1 - k];
  buf[len + n] = '\0';
  return len + n;
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

DlnStatus
dln_dataset_alloc_raw (DlnDatasetLayout  *layout,
                       DlnDataset       **out,
                       DlnMessage        *msg)
{
  size_t n_items = layout->n_items, n_features = layout->n_features;
  size_t ib = layout->item_bytes, fb = layout->feature_bytes;
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
      dln_message_set (msg, 0, _("dataset of %zu items x %zu features: "
                       "cannot allocate %zu bytes"), n_items, n_features,
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
  layout->item_pool = dln_arena_alloc (arena, ib + 1);
  layout->feature_pool = dln_arena_alloc (arena, fb + 1);
  /* The budget above covers every allocation exactly. */
  DLN_ASSERT (ds->y != NULL && ds->x != NULL && ds->item_names != NULL
              && ds->feature_names != NULL && layout->item_pool != NULL
              && layout->feature_pool != NULL);
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
  DlnDatasetLayout layout = {
    .n_items = n_items,
    .n_features = n_features,
    .item_bytes = names_bytes (n_items, item_names, "item_"),
    .feature_bytes = names_bytes (n_features, feature_names, "f"),
  };
  DlnStatus status = dln_dataset_alloc_raw (&layout, out, msg);

  if (status != DLN_STATUS_OK)
    return status;
  fill_names ((*out)->item_names, layout.item_pool, n_items, item_names,
              "item_");
  fill_names ((*out)->feature_names, layout.feature_pool, n_features,
              feature_names, "f");
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

/* O(n log n): CSV headers may have a million names. */
size_t
dln_names_find_duplicate (const char *const *names,
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

/* Hand-written because core links no GLib (g_utf8_validate), and the C
 * library's mbrtowc needs a UTF-8 locale that may not be installed.
 * Follows RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF. */
size_t
dln_utf8_invalid_at (const char *text,
                     size_t      len)
{
  const unsigned char *s = (const unsigned char *) text;
  size_t i = 0;

  while (i < len)
    {
      unsigned char c = s[i];
      size_t n;
      unsigned lo = 0x80, hi = 0xbf;  /* range of the first continuation */

      if (c < 0x80)
        {
          i++;
          continue;
        }
      if (c >= 0xc2 && c <= 0xdf)
        n = 1;
      else if (c >= 0xe0 && c <= 0xef)
        {
          n = 2;
          if (c == 0xe0)
            lo = 0xa0;  /* overlong */
          else if (c == 0xed)
            hi = 0x9f;  /* surrogates */
        }
      else if (c >= 0xf0 && c <= 0xf4)
        {
          n = 3;
          if (c == 0xf0)
            lo = 0x90;  /* overlong */
          else if (c == 0xf4)
            hi = 0x8f;  /* above U+10FFFF */
        }
      else
        return i;
      if (n >= len - i)
        return i;  /* truncated sequence */
      if (s[i + 1] < lo || s[i + 1] > hi)
        return i;
      for (size_t k = 2; k <= n; k++)
        if (s[i + k] < 0x80 || s[i + k] > 0xbf)
          return i;
      i += n + 1;
    }
  return len;
}

static int
name_ok (const char *name,
         const char *what,
         DlnMessage *msg)
{
  size_t len = strlen (name), bad;

  if (len == 0)
    {
      dln_message_set (msg, 0, _("%s name is empty"), what);
      return 0;
    }
  if (len >= DLN_DATASET_NAME_MAX)
    {
      dln_message_set (msg, 0, _("%s name '%.20s...' is longer than %d bytes"),
                       what, name, DLN_DATASET_NAME_MAX - 1);
      return 0;
    }
  bad = dln_utf8_invalid_at (name, len);
  if (bad < len)
    {
      dln_message_set (msg, 0, _("%s name is not valid UTF-8 (byte %zu of "
                       "'%.*s...'); save the file as UTF-8"), what, bad + 1,
                       (int) bad, name);
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
      dln_message_set (msg, 0, _("a dataset needs at least one item and one "
                       "feature (got %zu x %zu)"), n_items, n_features);
      return 0;
    }
  if (n_items > DLN_DATASET_MAX_ITEMS)
    {
      dln_message_set (msg, 0, _("%zu items is over the limit of %d"), n_items,
                       DLN_DATASET_MAX_ITEMS);
      return 0;
    }
  if (n_features > DLN_DATASET_MAX_FEATURES)
    {
      dln_message_set (msg, 0, _("%zu features is over the limit of %d"),
                       n_features, DLN_DATASET_MAX_FEATURES);
      return 0;
    }
  if (n_items * n_features > DLN_DATASET_MAX_CELLS)
    {
      dln_message_set (msg, 0, _("%zu x %zu values is over the limit of %d"),
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
      dln_message_set (msg, 0, _("tree: need levels >= 1 and branches >= 2 "
                       "(got %d and %d)"), params->levels, params->branches);
      return DLN_STATUS_INVALID_INPUT;
    }
  if (!(params->p_flip >= 0.0 && params->p_flip <= 1.0
        && params->p_flip_root >= 0.0 && params->p_flip_root <= 1.0))
    {
      dln_message_set (msg, 0, _("tree: flip probabilities must lie in [0, 1] "
                       "(got %g and root %g)"), params->p_flip,
                       params->p_flip_root);
      return DLN_STATUS_INVALID_INPUT;
    }
  for (int l = 0; l < params->levels; l++)
    {
      n_items *= (size_t) params->branches;
      n_nodes += n_items;
      if (n_items > DLN_DATASET_MAX_ITEMS)
        {
          dln_message_set (msg, 0, _("tree: %d branches over %d levels give "
                           "more than %d items"), params->branches,
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
      dln_message_set (msg, 0, _("tree: out of memory"));
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
      dln_message_set (msg, 0, _("tree: need levels >= 1, branches >= 2 and "
                       "p_flip in [0, 1]"));
      return DLN_STATUS_INVALID_INPUT;
    }
  for (int l = 0; l < params->levels; l++)
    {
      n_items *= (size_t) params->branches;
      if (n_items > DLN_DATASET_MAX_ITEMS)
        {
          dln_message_set (msg, 0, _("tree: more than %d items"),
                           DLN_DATASET_MAX_ITEMS);
          return DLN_STATUS_INVALID_INPUT;
        }
    }
  cc = dln_tensor_new (arena, n_items, n_items);
  if (cc == NULL)
    {
      dln_message_set (msg, 0, _("expected correlation: arena full"));
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
      dln_message_set (msg, 0, _("item correlation: arena full"));
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
  dln_message_set (msg, 0, _("unknown dataset '%s' (built-in: tree, tree-shark, "
                   "tree-parrot, tree-table; or a .csv file)"), name);
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
  dup = dln_names_find_duplicate (names, n, &first);
  if (dup == n + 1)
    {
      dln_message_set (msg, 0, _("out of memory checking %s names"), what);
      return 0;
    }
  if (dup < n)
    {
      dln_message_set (msg, 0, _("duplicate %s name '%s' (%s %zu and %zu)"),
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
        dln_message_set (msg, 0, _("value of item %zu, feature %zu is not "
                         "finite"), i / n_features + 1, i % n_features + 1);
        return DLN_STATUS_INVALID_INPUT;
      }
  if (!names_valid (n_items, item_names, _("item"), msg)
      || !names_valid (n_features, feature_names, _("feature"), msg))
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
 * the caller fills it), or an exact copy when @extra_name is NULL; with
 * @item_names (n_items, nullable) as its items' names. */
static DlnStatus
dataset_regrow (const DlnDataset  *ds,
                const char        *extra_name,
                const char *const *item_names,
                DlnDataset       **out,
                DlnMessage        *msg)
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
      dln_message_set (msg, 0, _("out of memory copying the dataset"));
      return DLN_STATUS_NO_MEMORY;
    }
  memcpy (fnames, ds->feature_names, ds->n_features * sizeof *fnames);
  memcpy (inames, item_names != NULL ? (const char **) item_names
                                      : (const char **) ds->item_names,
          p * sizeof *inames);
  if (extra_name != NULL)
    fnames[nf - 1] = extra_name;
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
  return dataset_regrow (ds, NULL, NULL, out, msg);
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
  if (!name_ok (name, _("feature"), msg))
    return DLN_STATUS_INVALID_INPUT;
  if (dln_dataset_find_feature (ds, name) >= 0)
    {
      dln_message_set (msg, 0, _("feature '%s' already exists"), name);
      return DLN_STATUS_INVALID_INPUT;
    }
  for (size_t i = 0; i < ds->n_items; i++)
    if (!isfinite (values[i]))
      {
        dln_message_set (msg, 0, _("value %zu of feature '%s' is not finite"),
                         i + 1, name);
        return DLN_STATUS_INVALID_INPUT;
      }
  if (!sizes_ok (ds->n_items, ds->n_features + 1, msg))
    return DLN_STATUS_INVALID_INPUT;
  status = dataset_regrow (ds, name, NULL, &grown, msg);
  if (status != DLN_STATUS_OK)
    return status;
  nf = grown->n_features;
  for (size_t i = 0; i < ds->n_items; i++)
    grown->y->data[i * nf + nf - 1] = values[i];
  grown->tracked_feature = (long) (nf - 1);
  swap_into (ds, grown);
  return DLN_STATUS_OK;
}

/* Gives @ds's items @names (checked by the caller). Names live packed in
 * the arena, so a rename rebuilds the dataset: once for all of them. */
static DlnStatus
rename_all (DlnDataset        *ds,
            const char *const *names,
            DlnMessage        *msg)
{
  DlnDataset *grown;
  DlnStatus status = dataset_regrow (ds, NULL, names, &grown, msg);

  if (status == DLN_STATUS_OK)
    swap_into (ds, grown);
  return status;
}

DlnStatus
dln_dataset_rename_item (DlnDataset *ds,
                         size_t      item,
                         const char *name,
                         DlnMessage *msg)
{
  const char **names;
  DlnStatus status;
  long other;

  DLN_ASSERT (ds != NULL && name != NULL && item < ds->n_items);
  if (!name_ok (name, _("item"), msg))
    return DLN_STATUS_INVALID_INPUT;
  other = dln_dataset_find_item (ds, name);
  if (other >= 0 && (size_t) other != item)
    {
      dln_message_set (msg, 0, _("item name '%s' is already used by item %ld"),
                       name, other + 1);
      return DLN_STATUS_INVALID_INPUT;
    }
  names = malloc (ds->n_items * sizeof *names);
  if (names == NULL)
    {
      dln_message_set (msg, 0, _("out of memory copying the dataset"));
      return DLN_STATUS_NO_MEMORY;
    }
  memcpy (names, ds->item_names, ds->n_items * sizeof *names);
  names[item] = name;
  status = rename_all (ds, names, msg);
  free (names);
  return status;
}

DlnStatus
dln_dataset_rename_items (DlnDataset        *ds,
                          const char *const *names,
                          DlnMessage        *msg)
{
  size_t p, dup, first = 0;

  DLN_ASSERT (ds != NULL && names != NULL);
  p = ds->n_items;
  for (size_t i = 0; i < p; i++)
    DLN_ASSERT (names[i] != NULL);
  /* the first item whose name an earlier item already has */
  dup = dln_names_find_duplicate (names, p, &first);
  if (dup == p + 1)
    {
      dln_message_set (msg, 0, _("out of memory copying the dataset"));
      return DLN_STATUS_NO_MEMORY;
    }
  /* in item order, as renaming them one by one would find them */
  for (size_t i = 0; i < p; i++)
    {
      if (!name_ok (names[i], _("item"), msg))
        return DLN_STATUS_INVALID_INPUT;
      if (i == dup)
        {
          dln_message_set (msg, 0, _("item name '%s' is already used by item %ld"),
                           names[i], (long) first + 1);
          return DLN_STATUS_INVALID_INPUT;
        }
    }
  return rename_all (ds, names, msg);
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

/* The index of @name among @n @names, or -1. */
static long
find_name (char *const *names,
           size_t       n,
           const char  *name)
{
  DLN_ASSERT (name != NULL);
  for (size_t i = 0; i < n; i++)
    if (strcmp (names[i], name) == 0)
      return (long) i;
  return -1;
}

long
dln_dataset_find_item (const DlnDataset *ds,
                       const char       *name)
{
  DLN_ASSERT (ds != NULL);
  return find_name (ds->item_names, ds->n_items, name);
}

long
dln_dataset_find_feature (const DlnDataset *ds,
                          const char       *name)
{
  DLN_ASSERT (ds != NULL);
  return find_name (ds->feature_names, ds->n_features, name);
}

/* --- Regression data (docs/demos.md#linear-samples, #noisy-sine,
 * #regression-example) --- */

void
dln_gen_samples (DlnRng *rng,
                 size_t  n,
                 double  a,
                 double  sigma,
                 double *x,
                 double *y)
{
  DLN_ASSERT (rng != NULL && x != NULL && y != NULL && n >= 1);
  if (sigma > 0.0)
    {
      for (size_t i = 0; i < n; i++)
        x[i] = dln_rng_uniform (rng);
      for (size_t i = 0; i < n; i++)
        y[i] = a * x[i] + dln_rng_normal (rng, 0.0, sigma);
    }
  else
    for (size_t i = 0; i < n; i++)
      {
        x[i] = n > 1 ? (double) i / (double) (n - 1) : 0.0;
        y[i] = a * x[i];
      }
}

/* New [n, 1] tensors in *@x, *@y (untouched on failure). */
static DlnStatus
new_columns (DlnArena   *arena,
             size_t      n,
             DlnTensor **x,
             DlnTensor **y)
{
  DlnTensor *xs = dln_tensor_new (arena, n, 1);
  DlnTensor *ys = dln_tensor_new (arena, n, 1);

  if (xs == NULL || ys == NULL)
    return DLN_STATUS_NO_MEMORY;
  *x = xs;
  *y = ys;
  return DLN_STATUS_OK;
}

DlnStatus
dln_dataset_gen_samples (DlnRng     *rng,
                         size_t      n,
                         double      a,
                         double      sigma,
                         DlnArena   *arena,
                         DlnTensor **x,
                         DlnTensor **y)
{
  DLN_ASSERT (arena != NULL && x != NULL && y != NULL);
  if (new_columns (arena, n, x, y) != DLN_STATUS_OK)
    return DLN_STATUS_NO_MEMORY;
  dln_gen_samples (rng, n, a, sigma, (*x)->data, (*y)->data);
  return DLN_STATUS_OK;
}

void
dln_noisy_sine (DlnRng *rng,
                size_t  n,
                double  sigma,
                double *x,
                double *y)
{
  DLN_ASSERT (rng != NULL && x != NULL && y != NULL);
  DLN_ASSERT (n >= 2 && sigma >= 0.0);
  for (size_t i = 0; i < n; i++)
    x[i] = -1.0 + 2.0 * (double) i / (double) (n - 1);
  for (size_t i = 0; i < n; i++)
    y[i] = sin (M_PI * x[i]) + dln_rng_normal (rng, 0.0, sigma);
}

DlnStatus
dln_dataset_noisy_sine (DlnRng     *rng,
                        size_t      n,
                        double      sigma,
                        DlnArena   *arena,
                        DlnTensor **x,
                        DlnTensor **y)
{
  DLN_ASSERT (rng != NULL && arena != NULL && x != NULL && y != NULL);
  DLN_ASSERT (n >= 2 && sigma >= 0.0);
  if (new_columns (arena, n, x, y) != DLN_STATUS_OK)
    return DLN_STATUS_NO_MEMORY;
  dln_noisy_sine (rng, n, sigma, (*x)->data, (*y)->data);
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
