/* dln-dataset: the tree generator against the statistics it must have
 * (docs/demos.md#tree-generator, derived there from the definitions), the named
 * table against docs/demos.md#tree-table, the D17 variants, CSV import/export
 * and its errors. */

#include "dln-core.h"
#include "dln-dataset.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* The product of two ±1 features has variance 1 - rho²; the mean of N of
 * them has standard deviation sqrt ((1 - rho²) / N) (<= 0.01 at N = 10^4).
 * 4.5 sigma: a correct generator fails an entry with probability < 1e-5
 * for any seed, while a wrong level structure (0.7^2 vs 0.7^4 is 0.25 away)
 * fails by > 20 sigma. */
#define CORR_SIGMAS 4.5

/* Eigenvalues of a sample correlation of N nearly Gaussian features have
 * standard deviation about lambda sqrt (2 / N) (Anderson 1963); 4 sigma. */
#define EIG_SIGMAS 4.0

static DlnDataset *
tree_with (uint64_t seed,
           double   p_flip_root,
           size_t   n_features)
{
  DlnTreeParams p;
  DlnDataset *ds = NULL;
  DlnMessage msg;

  dln_tree_params_init (&p);
  p.seed = seed;
  p.p_flip_root = p_flip_root;
  p.n_features = n_features;
  g_assert_cmpint (dln_dataset_new_tree (&p, &ds, &msg), ==, DLN_STATUS_OK);
  return ds;
}

/* k = number of path nodes two leaves do not share (the table of
 * docs/demos.md#tree-generator). */
static int
unshared_nodes (size_t i,
                size_t j)
{
  if (i == j)
    return 0;
  if (i / 2 == j / 2)
    return 2;
  if (i / 4 == j / 4)
    return 4;
  return 6;
}

static void
test_tree_defaults (void)
{
  DlnDataset *ds = tree_with (2021, 0.5, 10000);
  const char *names[8] = { "Goldfish", "Tuna", "Robin", "Canary", "Rose",
                           "Daisy", "Pine", "Oak" };

  g_assert_cmpuint (ds->n_items, ==, 8);
  g_assert_cmpuint (ds->n_features, ==, 10000);
  g_assert_cmpuint (ds->n_inputs, ==, 8);
  g_assert_cmpstr (ds->name, ==, "tree");
  g_assert_cmpuint (ds->seed, ==, 2021);
  for (size_t i = 0; i < 8; i++)
    g_assert_cmpstr (ds->item_names[i], ==, names[i]);
  g_assert_cmpstr (ds->feature_names[0], ==, "f1");
  g_assert_cmpstr (ds->feature_names[9999], ==, "f10000");
  for (size_t i = 0; i < 8 * 10000; i++)
    g_assert_true (ds->y->data[i] == 1.0 || ds->y->data[i] == -1.0);
  for (size_t i = 0; i < 8; i++)
    for (size_t j = 0; j < 8; j++)
      g_assert_cmpfloat (ds->x->data[i * 8 + j], ==, i == j ? 1.0 : 0.0);
  dln_dataset_free (ds);
}

static void
test_tree_correlations (void)
{
  const uint64_t seeds[] = { 2021, 1, 777 };

  for (size_t si = 0; si < G_N_ELEMENTS (seeds); si++)
    {
      DlnDataset *ds = tree_with (seeds[si], 0.5, 10000);
      size_t n = ds->n_features;

      for (size_t i = 0; i < 8; i++)
        for (size_t j = 0; j < 8; j++)
          {
            double c = 0.0, rho = pow (0.7, unshared_nodes (i, j)), tol;

            for (size_t f = 0; f < n; f++)
              c += ds->y->data[i * n + f] * ds->y->data[j * n + f];
            c /= (double) n;
            tol = CORR_SIGMAS * sqrt ((1.0 - rho * rho) / (double) n);
            if (i == j)
              g_assert_cmpfloat (c, ==, 1.0);
            else
              g_assert_cmpfloat_with_epsilon (c, rho, tol);
          }
      dln_dataset_free (ds);
    }
}

/* With p_flip_root = 0.5 the distribution of Y cannot tell P(s = -1) from
 * P(s = +1) at the other nodes, and on the course's 4-node paths even a
 * global sign swap cancels. A 2-level tree (3-node paths) whose root never
 * flips exposes the convention: E[y] = +0.7^2 = 0.49, swapped -0.49. */
static void
test_tree_flip_convention (void)
{
  DlnTreeParams p;
  DlnDataset *ds = NULL;
  DlnMessage msg;
  double mean = 0.0;
  /* The mean over 4 items of one feature has variance <= 1; over 10^4
   * features the grand mean has sd <= 0.01. 5 sigma: */
  double tol = 5.0 * 0.01;

  dln_tree_params_init (&p);
  p.levels = 2;
  p.p_flip_root = 0.0;
  g_assert_cmpint (dln_dataset_new_tree (&p, &ds, &msg), ==, DLN_STATUS_OK);
  g_assert_cmpuint (ds->n_items, ==, 4);
  for (size_t i = 0; i < 4 * 10000; i++)
    mean += ds->y->data[i];
  mean /= 4.0 * 10000.0;
  g_assert_cmpfloat_with_epsilon (mean, 0.49, tol);
  dln_dataset_free (ds);
}

/* An independent re-reading of the documented draw order: feature-major,
 * one uniform per node breadth first, s = +1 iff u > p, leaf value =
 * product along the path. Holds the generator to its documentation bit for
 * bit, on the course's tree and on a 3-node-path one (where a sign swap
 * does not cancel). */
static void
check_draw_order (int levels)
{
  DlnTreeParams p;
  DlnDataset *ds = NULL;
  DlnMessage msg;
  DlnRng rng;
  int n_nodes = (1 << (levels + 1)) - 1, first_leaf = (1 << levels) - 1;

  dln_tree_params_init (&p);
  p.levels = levels;
  p.seed = 99;
  p.n_features = 50;
  g_assert_cmpint (dln_dataset_new_tree (&p, &ds, &msg), ==, DLN_STATUS_OK);
  dln_rng_init (&rng, 99);
  for (size_t f = 0; f < 50; f++)
    {
      double s[64];

      for (int k = 0; k < n_nodes; k++)
        s[k] = dln_rng_uniform (&rng) > (k == 0 ? 0.5 : 0.15) ? 1.0 : -1.0;
      for (int leaf = first_leaf; leaf < n_nodes; leaf++)
        {
          double v = 1.0;

          for (int k = leaf; ; k = (k - 1) / 2)
            {
              v *= s[k];
              if (k == 0)
                break;
            }
          g_assert_cmpfloat (ds->y->data[(leaf - first_leaf) * 50 + f], ==, v);
        }
    }
  dln_dataset_free (ds);
}

static void
test_tree_draw_order (void)
{
  check_draw_order (3);
  check_draw_order (2);
}

static void
test_tree_reproducible (void)
{
  DlnDataset *a = tree_with (42, 0.5, 1000), *b = tree_with (42, 0.5, 1000);
  DlnDataset *c = tree_with (43, 0.5, 1000);

  g_assert_cmpmem (a->y->data, 8000 * sizeof (double), b->y->data,
                   8000 * sizeof (double));
  g_assert_true (memcmp (a->y->data, c->y->data, 8000 * sizeof (double)) != 0);
  dln_dataset_free (a);
  dln_dataset_free (b);
  dln_dataset_free (c);
}

/* Expected eigenvalues of C (the table of docs/demos.md#tree-generator, from
 * 0.7^k) against the sample correlation Y Yᵀ / N; degenerate groups compared by
 * their mean. */
static void
test_tree_eigen (void)
{
  DlnDataset *ds = tree_with (2021, 0.5, 10000);
  DlnArena *arena = dln_arena_new (1 << 24);
  DlnTensor *c = dln_tensor_new (arena, 8, 8), *w, *s, *u, *vt;
  DlnMessage msg;
  const double want[4] = { 2.440796, 1.499604, 1.0098, 0.51 };
  const size_t first[4] = { 0, 1, 2, 4 }, count[4] = { 1, 1, 2, 4 };

  g_assert_cmpfloat_with_epsilon (1 + 0.49 + 2 * pow (0.7, 4) + 4 * pow (0.7, 6),
                                  2.440796, 1e-12);
  dln_linalg_gemm (c, ds->y, 0, ds->y, 1, 1.0 / 10000.0, 0.0);
  g_assert_cmpint (dln_linalg_eigh (c, arena, &w, NULL, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpint (dln_linalg_svd (ds->y, arena, &u, &s, &vt, &msg), ==,
                   DLN_STATUS_OK);
  for (size_t g = 0; g < 4; g++)
    {
      double mean = 0.0, smean = 0.0;
      double tol = EIG_SIGMAS * want[g] * sqrt (2.0 / 10000.0);

      for (size_t k = first[g]; k < first[g] + count[g]; k++)
        {
          mean += w->data[7 - k];  /* eigh is ascending */
          smean += s->data[k];
        }
      mean /= (double) count[g];
      smean /= (double) count[g];
      g_test_message ("group %zu: eigenvalue %.6f (expected %.6f), singular "
                      "value %.3f (100 sqrt = %.3f)", g, mean, want[g], smean,
                      100.0 * sqrt (want[g]));
      g_assert_cmpfloat_with_epsilon (mean, want[g], tol);
      /* s = sqrt (N lambda_hat) exactly: Y Yᵀ = N C. */
      g_assert_cmpfloat_with_epsilon (smean, 100.0 * sqrt (want[g]),
                                      100.0 * tol / (2.0 * sqrt (want[g])) * 1.01);
    }
  dln_arena_free (arena);
  dln_dataset_free (ds);
}

/* The expected correlation C of docs/demos.md#tree-generator and its
 * eigenvalues, exactly: the table's 0.7^k entries and 2.440796, 1.499604,
 * 1.0098 (x2), 0.51 (x4) (hand sums shown in docs/demos.md#tree-generator).
 * Then the sample Y Yᵀ / N of a draw lies within the sampling tolerance of
 * it. */
static void
test_tree_expected (void)
{
  DlnArena *arena = dln_arena_new (1 << 22);
  DlnTreeParams p;
  DlnTensor *c, *w, *emp;
  DlnMessage msg;
  DlnDataset *ds;
  const double eig[8] = { 0.51, 0.51, 0.51, 0.51, 1 + 0.49 - 2 * 0.2401,
                          1 + 0.49 - 2 * 0.2401,
                          1 + 0.49 + 2 * 0.2401 - 4 * 0.117649,
                          1 + 0.49 + 2 * 0.2401 + 4 * 0.117649 };

  dln_tree_params_init (&p);
  g_assert_cmpint (dln_tree_expected_correlation (&p, arena, &c, &msg), ==,
                   DLN_STATUS_OK);
  for (size_t i = 0; i < 8; i++)
    for (size_t j = 0; j < 8; j++)
      g_assert_cmpfloat_with_epsilon (c->data[i * 8 + j],
                                      pow (0.7, unshared_nodes (i, j)), 1e-15);
  g_assert_cmpfloat_with_epsilon (c->data[0 * 8 + 7], 0.117649, 1e-15);
  g_assert_cmpint (dln_linalg_eigh (c, arena, &w, NULL, &msg), ==,
                   DLN_STATUS_OK);
  for (size_t k = 0; k < 8; k++)
    g_assert_cmpfloat_with_epsilon (w->data[k], eig[k], 1e-12);
  g_assert_cmpfloat_with_epsilon (eig[7], 2.440796, 1e-12);
  g_assert_cmpfloat_with_epsilon (eig[6], 1.499604, 1e-12);

  ds = tree_with (2021, 0.5, 10000);
  g_assert_cmpint (dln_dataset_item_correlation (ds, arena, &emp, &msg), ==,
                   DLN_STATUS_OK);
  for (size_t i = 0; i < 64; i++)
    {
      double rho = c->data[i];

      g_assert_cmpfloat_with_epsilon (emp->data[i], rho, CORR_SIGMAS
                                      * sqrt ((1 - rho * rho) / 1e4) + 1e-15);
    }
  dln_dataset_free (ds);

  /* 3 branches, 2 levels, p_flip 0.25: siblings 0.5^2, cousins 0.5^4. */
  p.branches = 3;
  p.levels = 2;
  p.p_flip = 0.25;
  g_assert_cmpint (dln_tree_expected_correlation (&p, arena, &c, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpuint (c->rows, ==, 9);
  g_assert_cmpfloat_with_epsilon (c->data[0 * 9 + 2], 0.25, 1e-15);
  g_assert_cmpfloat_with_epsilon (c->data[0 * 9 + 3], 0.0625, 1e-15);
  g_assert_cmpfloat_with_epsilon (c->data[4 * 9 + 5], 0.25, 1e-15);
  g_assert_cmpfloat (c->data[4 * 9 + 4], ==, 1.0);
  dln_arena_free (arena);
}

static void
test_tree_params_invalid (void)
{
  DlnTreeParams p;
  DlnDataset *ds = NULL;
  DlnMessage msg;

  dln_tree_params_init (&p);
  p.branches = 1;
  g_assert_cmpint (dln_dataset_new_tree (&p, &ds, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "branches"));
  dln_tree_params_init (&p);
  p.p_flip = 1.5;
  g_assert_cmpint (dln_dataset_new_tree (&p, &ds, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  dln_tree_params_init (&p);
  p.p_flip_root = NAN;
  g_assert_cmpint (dln_dataset_new_tree (&p, &ds, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  dln_tree_params_init (&p);
  p.levels = 13;  /* 8192 items */
  g_assert_cmpint (dln_dataset_new_tree (&p, &ds, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  dln_tree_params_init (&p);
  p.n_features = 0;
  g_assert_cmpint (dln_dataset_new_tree (&p, &ds, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_null (ds);
  /* A non-default shape works and gets generated names. */
  dln_tree_params_init (&p);
  p.branches = 3;
  p.levels = 2;
  p.n_features = 20;
  g_assert_cmpint (dln_dataset_new_tree (&p, &ds, &msg), ==, DLN_STATUS_OK);
  g_assert_cmpuint (ds->n_items, ==, 9);
  g_assert_cmpstr (ds->item_names[8], ==, "item_9");
  dln_dataset_free (ds);
}

static void
test_tree_table (void)
{
  DlnDataset *ds = NULL;
  DlnMessage msg;
  long oak, pine, flower, tuna, warm, mammal;

  g_assert_cmpint (dln_dataset_new_builtin ("tree-table", 0, &ds, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpuint (ds->n_items, ==, 8);
  g_assert_cmpuint (ds->n_features, ==, 10);
  g_assert_cmpstr (ds->feature_names[0], ==, "can_grow");
  g_assert_cmpstr (ds->feature_names[9], ==, "can_flower");
  /* the named table's oddities (docs/demos.md#tree-table), read from the
   * printed table by hand. */
  oak = dln_dataset_find_item (ds, "Oak");
  pine = dln_dataset_find_item (ds, "Pine");
  tuna = dln_dataset_find_item (ds, "Tuna");
  flower = dln_dataset_find_feature (ds, "can_flower");
  warm = dln_dataset_find_feature (ds, "is_warmblooded");
  mammal = dln_dataset_find_feature (ds, "is_mammal");
  g_assert_cmpfloat (dln_tensor_get (ds->y, oak, flower), ==, 1.0);
  g_assert_cmpfloat (dln_tensor_get (ds->y, pine, flower), ==, 0.0);
  g_assert_cmpfloat (dln_tensor_get (ds->y, tuna, warm), ==, 1.0);
  for (size_t i = 0; i < 8; i++)
    {
      g_assert_cmpfloat (dln_tensor_get (ds->y, i, mammal), ==, 0.0);
      g_assert_cmpfloat (dln_tensor_get (ds->y, i, 0), ==, 1.0);
    }
  /* Row sums of the printed table: 3 4 4 4 4 4 3 4. */
  {
    const double sums[8] = { 3, 4, 4, 4, 4, 4, 3, 4 };

    for (size_t i = 0; i < 8; i++)
      {
        double t = 0;

        for (size_t j = 0; j < 10; j++)
          t += dln_tensor_get (ds->y, i, j);
        g_assert_cmpfloat (t, ==, sums[i]);
      }
  }
  dln_dataset_binary_to_pm1 (ds);
  g_assert_cmpfloat (dln_tensor_get (ds->y, pine, flower), ==, -1.0);
  g_assert_cmpfloat (dln_tensor_get (ds->y, oak, flower), ==, 1.0);
  dln_dataset_free (ds);
}

static void
test_variants (void)
{
  DlnDataset *tree = tree_with (2021, 0.5, 10000), *shark = NULL, *parrot = NULL;
  DlnMessage msg;
  const double bones[8] = { -1, 1, 1, 1, -1, -1, -1, -1 };
  const double speak[8] = { 1, 1, 1, -1, 1, 1, 1, 1 };

  g_assert_cmpint (dln_dataset_new_builtin ("tree-shark", 2021, &shark, &msg),
                   ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_dataset_new_builtin ("tree-parrot", 2021, &parrot,
                                            &msg), ==, DLN_STATUS_OK);
  g_assert_cmpuint (shark->n_features, ==, 10001);
  g_assert_cmpstr (shark->item_names[0], ==, "Shark");
  g_assert_cmpstr (shark->item_names[1], ==, "Tuna");
  g_assert_cmpstr (shark->feature_names[10000], ==, "has_bones");
  g_assert_cmpint (shark->tracked_item, ==, 0);
  g_assert_cmpint (shark->tracked_feature, ==, 10000);
  g_assert_cmpstr (parrot->item_names[3], ==, "Parrot");
  g_assert_cmpstr (parrot->feature_names[10000], ==, "cannot_speak");
  g_assert_cmpint (parrot->tracked_item, ==, 3);
  for (size_t i = 0; i < 8; i++)
    {
      g_assert_cmpfloat (dln_tensor_get (shark->y, i, 10000), ==, bones[i]);
      g_assert_cmpfloat (dln_tensor_get (parrot->y, i, 10000), ==, speak[i]);
      /* The first 10000 columns are the same draw as "tree". */
      g_assert_cmpmem (shark->y->data + i * 10001, 10000 * sizeof (double),
                       tree->y->data + i * 10000, 10000 * sizeof (double));
    }
  g_assert_cmpuint (shark->x->rows, ==, 8);
  g_assert_cmpfloat (dln_tensor_get (shark->x, 3, 3), ==, 1.0);
  dln_dataset_free (tree);
  dln_dataset_free (shark);
  dln_dataset_free (parrot);
}

static void
test_append_rename (void)
{
  DlnDataset *ds = NULL;
  DlnMessage msg;
  const double v[8] = { 1, -1, 1, -1, 1, -1, 1, -1 };
  const double bad[8] = { 1, NAN, 1, 1, 1, 1, 1, 1 };

  g_assert_cmpint (dln_dataset_new_tree_table (&ds, &msg), ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_dataset_append_feature (ds, "alternates", v, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpint (dln_dataset_append_feature (ds, "more", v, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpuint (ds->n_features, ==, 12);
  g_assert_cmpint (ds->tracked_feature, ==, 11);
  g_assert_cmpfloat (dln_tensor_get (ds->y, 1, 10), ==, -1.0);
  g_assert_cmpfloat (dln_tensor_get (ds->y, 7, 9), ==, 1.0);  /* Oak flowers */
  g_assert_cmpint (dln_dataset_append_feature (ds, "more", v, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "already exists"));
  g_assert_cmpint (dln_dataset_append_feature (ds, "", v, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpint (dln_dataset_append_feature (ds, "nan", bad, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpuint (ds->n_features, ==, 12);
  g_assert_cmpint (dln_dataset_rename_item (ds, 0, "A much longer goldfish "
                                            "name", &msg), ==, DLN_STATUS_OK);
  g_assert_cmpstr (ds->item_names[0], ==, "A much longer goldfish name");
  g_assert_cmpstr (ds->item_names[1], ==, "Tuna");
  g_assert_cmpint (dln_dataset_rename_item (ds, 0, "Tuna", &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpfloat (dln_tensor_get (ds->y, 1, 10), ==, -1.0);
  dln_dataset_set_tracked (ds, 5, 3);
  g_assert_cmpint (ds->tracked_item, ==, 5);
  g_assert_cmpint (ds->tracked_feature, ==, 3);
  dln_dataset_free (ds);
}

/* --- CSV --- */

static DlnStatus
parse (const char *text,
       DlnDataset **ds,
       DlnMessage  *msg)
{
  *ds = NULL;
  return dln_dataset_parse_csv (text, strlen (text), "t.csv", ds, msg);
}

static void
test_csv_ok (void)
{
  DlnDataset *ds;
  DlnMessage msg;

  g_assert_cmpint (parse ("\xef\xbb\xbf# provenance: a comment line\n"
                          "item, a ,\"b,c\",d\r\n"
                          "\r\n"
                          "# another comment, between rows\n"
                          "x,1,2.5,-3e2\r\n"
                          "\"y \"\"q\"\"\",  0 ,1e-400,4\n"
                          "   \n", &ds, &msg), ==, DLN_STATUS_OK);
  g_assert_cmpuint (ds->n_items, ==, 2);
  g_assert_cmpuint (ds->n_features, ==, 3);
  g_assert_cmpstr (ds->feature_names[0], ==, "a");
  g_assert_cmpstr (ds->feature_names[1], ==, "b,c");
  g_assert_cmpstr (ds->item_names[1], ==, "y \"q\"");
  g_assert_cmpfloat (dln_tensor_get (ds->y, 0, 2), ==, -300.0);
  g_assert_cmpfloat (dln_tensor_get (ds->y, 1, 1), ==, 0.0);  /* underflow */
  g_assert_cmpstr (ds->name, ==, "t.csv");
  g_assert_cmpint (ds->kind, ==, DLN_DATASET_KIND_CSV);
  dln_dataset_free (ds);
}

typedef struct
{
  const char *text;
  const char *prefix;  /* expected message start: file:line:column: */
  const char *reason;  /* a word the reason must contain */
} BadCsv;

static void
test_csv_errors (void)
{
  const BadCsv cases[] = {
    { "", "t.csv:1:1:", "empty" },
    { "  \n\n", "t.csv:1:1:", "empty" },
    { "item\nx\n", "t.csv:1:2:", "no feature" },
    { "item,a,b\n", "t.csv:2:1:", "no item rows" },
    { "item,a,b\nx,1\n", "t.csv:2:3:", "1 values" },
    { "item,a,b\nx,1,2\ny,1,2,3\n", "t.csv:3:4:", "3 values" },
    { "item,a,b\nx,1,two\n", "t.csv:2:3:", "not a number" },
    { "item,a,b\nx,1,2x\n", "t.csv:2:3:", "not a number" },
    { "item,a,b\nx,,2\n", "t.csv:2:2:", "empty value" },
    { "item,a,b\nx,nan,2\n", "t.csv:2:2:", "NaN" },
    { "item,a,b\nx,1,inf\n", "t.csv:2:3:", "infinite" },
    { "item,a,b\nx,1,1e999\n", "t.csv:2:3:", "infinite" },
    { "item,a,a\nx,1,2\n", "t.csv:1:3:", "duplicate feature" },
    { "item,a,b\nx,1,2\n\ny,1,2\nx,3,4\n", "t.csv:5:1:", "duplicate item" },
    { "item,a,\nx,1,2\n", "t.csv:1:3:", "empty feature" },
    { "item,a,b\n,1,2\n", "t.csv:2:1:", "empty item" },
    { "item,\"a\nb\n", "t.csv:1:2:", "unterminated" },
    { "item,\"a\"x,b\n", "t.csv:1:2:", "closing quote" },
    { "item,a\nx,1\0,2\n", "t.csv:2:2:", "NUL byte" },
    { "item,a,b\nx,1,2\ny 1 2\n", "t.csv:3:2:", "0 values" },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DlnDataset *ds = NULL;
      DlnMessage msg = { 0 };
      size_t len = strlen (cases[i].text);

      if (i == 18)
        len = 16;  /* holds a NUL byte */
      g_assert_cmpint (dln_dataset_parse_csv (cases[i].text, len, "t.csv",
                                              &ds, &msg), ==,
                       DLN_STATUS_INVALID_INPUT);
      g_test_message ("case %zu: %s", i, msg.text);
      g_assert_null (ds);
      if (!g_str_has_prefix (msg.text, cases[i].prefix)
          || strstr (msg.text, cases[i].reason) == NULL)
        g_error ("case %zu: got '%s', want '%s ...%s...'", i, msg.text,
                 cases[i].prefix, cases[i].reason);
      g_assert_cmpint (msg.column, >, 0);
    }
}

static void
test_csv_limits (void)
{
  GString *s = g_string_new ("item");
  DlnDataset *ds = NULL;
  DlnMessage msg;
  char name[100];

  /* A name of 64 bytes is one over the limit. */
  memset (name, 'n', 64);
  name[64] = '\0';
  g_string_append_printf (s, ",%s\nx,1\n", name);
  g_assert_cmpint (parse (s->str, &ds, &msg), ==, DLN_STATUS_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (msg.text, "t.csv:1:2:"));
  g_assert_nonnull (strstr (msg.text, "longer than 63"));
  /* Too many rows: 4097 items. */
  g_string_assign (s, "item,a\n");
  for (int i = 0; i <= DLN_DATASET_MAX_ITEMS; i++)
    g_string_append_printf (s, "i%d,1\n", i);
  g_assert_cmpint (parse (s->str, &ds, &msg), ==, DLN_STATUS_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (msg.text, "t.csv:4098:1:"));
  g_assert_nonnull (strstr (msg.text, "4096"));
  /* A file over the byte limit is refused before parsing. */
  g_assert_cmpint (dln_dataset_parse_csv (s->str, (size_t) DLN_DATASET_MAX_FILE
                                          + 1, "t.csv", &ds, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "larger than"));
  g_string_free (s, TRUE);
}

/* Fuzz: mutate a valid file (byte flips, insertions of CSV punctuation,
 * truncations) and require a clean OK or INVALID_INPUT with a located
 * message every time; under ASan/MALLOC_CHECK_ this catches overreads. */
static void
test_csv_fuzz (void)
{
  const char *good = "item,a,b,\"c,d\"\nx,1,2,3\ny,-1.5,2e3,0\nz,4,5,6\n";
  const char punct[] = { ',', '"', '\n', '\r', ' ', '\0', 'e', '-', '.' };
  DlnRng rng;
  int ok = 0, bad = 0;

  dln_rng_init (&rng, 7);
  for (int it = 0; it < 3000; it++)
    {
      char buf[128];
      size_t len = strlen (good);
      int edits = 1 + (int) dln_rng_below (&rng, 4);
      char *heap;
      DlnDataset *ds = NULL;
      DlnMessage msg = { 0 };
      DlnStatus st;

      memcpy (buf, good, len);
      for (int e = 0; e < edits; e++)
        {
          size_t at;

          if (len == 0)
            break;
          at = dln_rng_below (&rng, len);

          switch (dln_rng_below (&rng, 3))
            {
            case 0:
              buf[at] = punct[dln_rng_below (&rng, sizeof punct)];
              break;
            case 1:
              if (len + 1 < sizeof buf)
                {
                  memmove (buf + at + 1, buf + at, len - at);
                  buf[at] = punct[dln_rng_below (&rng, sizeof punct)];
                  len++;
                }
              break;
            default:
              len = at;
              break;
            }
        }
      /* Exact-size heap copy so any read past the end is caught. */
      heap = g_memdup2 (buf, len > 0 ? len : 1);
      st = dln_dataset_parse_csv (heap, len, "f.csv", &ds, &msg);
      g_free (heap);
      if (st == DLN_STATUS_OK)
        {
          ok++;
          g_assert_cmpuint (ds->n_items, >=, 1);
          dln_dataset_free (ds);
        }
      else
        {
          bad++;
          g_assert_cmpint (st, ==, DLN_STATUS_INVALID_INPUT);
          g_assert_true (g_str_has_prefix (msg.text, "f.csv:"));
        }
    }
  g_test_message ("fuzz: %d parsed, %d rejected", ok, bad);
  g_assert_cmpint (ok, >, 0);
  g_assert_cmpint (bad, >, 0);
}

static void
test_csv_roundtrip (void)
{
  DlnDataset *ds = tree_with (3, 0.5, 40), *back = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dln-dataset-XXXXXX", NULL);
  DlnMessage msg;
  const double odd[8] = { 0.1, 1.0 / 3.0, -2e-300, 5, 6, 7, 8, 1e300 };

  g_assert_nonnull (dir);
  path = g_build_filename (dir, "tree.csv", NULL);
  g_assert_cmpint (dln_dataset_rename_item (ds, 2, "Robin, the \"red\"",
                                            &msg), ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_dataset_append_feature (ds, "odd values", odd, &msg),
                   ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_dataset_save_csv (ds, path, &msg), ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_dataset_load_csv (path, &back, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpuint (back->n_items, ==, 8);
  g_assert_cmpuint (back->n_features, ==, 41);
  g_assert_cmpmem (back->y->data, 8 * 41 * sizeof (double), ds->y->data,
                   8 * 41 * sizeof (double));
  for (size_t i = 0; i < 8; i++)
    g_assert_cmpstr (back->item_names[i], ==, ds->item_names[i]);
  g_assert_cmpstr (back->feature_names[40], ==, "odd values");
  g_assert_cmpstr (back->name, ==, "tree.csv");
  dln_dataset_free (back);
  /* dln_dataset_open: built-in names first, then files. */
  g_assert_cmpint (dln_dataset_open (path, 0, &back, &msg), ==, DLN_STATUS_OK);
  dln_dataset_free (back);
  g_assert_cmpint (dln_dataset_load_csv ("/nonexistent/x.csv", &back, &msg),
                   ==, DLN_STATUS_IO);
  g_assert_true (g_str_has_prefix (msg.text, "/nonexistent/x.csv: cannot open"));
  g_assert_cmpint (dln_dataset_new_builtin ("forest", 1, &back, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "tree-shark"));
  g_assert_cmpint (dln_dataset_save_csv (ds, "/nonexistent/y.csv", &msg), ==,
                   DLN_STATUS_IO);
  g_remove (path);
  g_rmdir (dir);
  dln_dataset_free (ds);
}

/* The shipped files (data/datasets) load and equal their references. */
static void
test_shipped_files (void)
{
  const char *root = g_getenv ("DLN_SOURCE_ROOT");
  g_autofree char *table = NULL, *toy = NULL;
  DlnDataset *file = NULL, *builtin = NULL;
  DlnMessage msg;

  g_assert_nonnull (root);
  table = g_build_filename (root, "data", "datasets", "tree-table.csv", NULL);
  toy = g_build_filename (root, "data", "datasets", "p19-toy.csv", NULL);
  g_assert_cmpint (dln_dataset_load_csv (table, &file, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpint (dln_dataset_new_tree_table (&builtin, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpuint (file->n_items, ==, 8);
  g_assert_cmpuint (file->n_features, ==, 10);
  g_assert_cmpmem (file->y->data, 80 * sizeof (double), builtin->y->data,
                   80 * sizeof (double));
  for (size_t i = 0; i < 8; i++)
    g_assert_cmpstr (file->item_names[i], ==, builtin->item_names[i]);
  for (size_t j = 0; j < 10; j++)
    g_assert_cmpstr (file->feature_names[j], ==, builtin->feature_names[j]);
  dln_dataset_free (file);
  dln_dataset_free (builtin);

  g_assert_cmpint (dln_dataset_load_csv (toy, &file, &msg), ==, DLN_STATUS_OK);
  {
    DlnArena *arena = dln_arena_new (1 << 20);
    DlnTensor *u, *s, *vt;

    g_assert_cmpint (dln_linalg_svd (file->y, arena, &u, &s, &vt, &msg), ==,
                     DLN_STATUS_OK);
    g_assert_cmpfloat_with_epsilon (s->data[0], sqrt (7.0), 1e-12);
    g_assert_cmpfloat_with_epsilon (s->data[1], sqrt (3.0), 1e-12);
    g_assert_cmpfloat_with_epsilon (s->data[2], 1.0, 1e-12);
    g_assert_cmpfloat_with_epsilon (s->data[3], 1.0, 1e-12);
    dln_arena_free (arena);
  }
  dln_dataset_free (file);
}

static void
test_new_from (void)
{
  const double y[6] = { 1, 2, 3, 4, 5, 6 };
  const char *items[2] = { "p", "q" };
  const char *dup[3] = { "a", "b", "a" };
  DlnDataset *ds = NULL;
  DlnMessage msg;

  g_assert_cmpint (dln_dataset_new_from (2, 3, y, items, NULL, &ds, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpstr (ds->feature_names[2], ==, "f3");
  g_assert_cmpfloat (dln_tensor_get (ds->y, 1, 0), ==, 4.0);
  dln_dataset_free (ds);
  ds = NULL;
  g_assert_cmpint (dln_dataset_new_from (2, 3, y, NULL, dup, &ds, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "duplicate feature name 'a' (feature 1 "
                            "and 3)"));
  g_assert_null (ds);
}

/* --- Regression generators (docs/demos.md#linear-samples, #noisy-sine,
 * #regression-example) --- */

static void
test_regression_data (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnTensor *x, *y, *w;
  DlnRng rng, ref;

  /* sigma <= 0: evenly spaced on [0, 1], exact line. */
  dln_rng_init (&rng, 2021);
  g_assert_cmpint (dln_dataset_gen_samples (&rng, 10, 1.0, 0.0, arena, &x, &y),
                   ==, DLN_STATUS_OK);
  g_assert_cmpfloat (x->data[0], ==, 0.0);
  g_assert_cmpfloat (x->data[9], ==, 1.0);
  g_assert_cmpfloat_with_epsilon (x->data[3], 1.0 / 3.0, 1e-15);
  g_assert_cmpfloat (y->data[3], ==, x->data[3]);
  /* sigma > 0: n uniforms, then n normals (documented order). */
  dln_rng_init (&rng, 2021);
  dln_rng_init (&ref, 2021);
  g_assert_cmpint (dln_dataset_gen_samples (&rng, 73, 2.0, 0.2, arena, &x, &y),
                   ==, DLN_STATUS_OK);
  for (int i = 0; i < 73; i++)
    g_assert_cmpfloat (x->data[i], ==, dln_rng_uniform (&ref));
  for (int i = 0; i < 73; i++)
    g_assert_cmpfloat_with_epsilon (y->data[i], 2.0 * x->data[i]
                                    + dln_rng_normal (&ref, 0.0, 0.2), 1e-15);
  /* Noisy sine: 32 points on [-1, 1], residuals with sd ~ 0.25. */
  dln_rng_init (&rng, 2021);
  g_assert_cmpint (dln_dataset_noisy_sine (&rng, 32, 0.25, arena, &x, &y), ==,
                   DLN_STATUS_OK);
  g_assert_cmpfloat (x->data[0], ==, -1.0);
  g_assert_cmpfloat (x->data[31], ==, 1.0);
  {
    double ss = 0.0;

    for (int i = 0; i < 32; i++)
      ss += pow (y->data[i] - sin (M_PI * x->data[i]), 2);
    /* chi-square with 32 dof: sd of ss/32 is sqrt (2/32) = 0.25 relative;
     * 4 sigma around 0.0625. */
    g_assert_cmpfloat_with_epsilon (ss / 32.0, 0.0625, 4 * 0.25 * 0.0625);
  }
  /* docs/demos.md#regression-example: integers 0..9, X in [0, 1), Y = W X +
   * N(0, 0.01²). */
  dln_rng_init (&rng, 2021);
  g_assert_cmpint (dln_dataset_regression_3x3 (&rng, 37, arena, &w, &x, &y),
                   ==, DLN_STATUS_OK);
  for (int i = 0; i < 9; i++)
    g_assert_true (w->data[i] >= 0 && w->data[i] <= 9
                   && w->data[i] == floor (w->data[i]));
  for (int c = 0; c < 37; c++)
    for (int r = 0; r < 3; r++)
      {
        double clean = 0.0;

        for (int k = 0; k < 3; k++)
          clean += w->data[r * 3 + k] * x->data[k * 37 + c];
        /* 6 sigma of N(0, 0.01²). */
        g_assert_cmpfloat_with_epsilon (y->data[r * 37 + c], clean, 0.06);
      }
  dln_arena_free (arena);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/core/dataset/tree-defaults", test_tree_defaults);
  g_test_add_func ("/dln/core/dataset/tree-correlations",
                   test_tree_correlations);
  g_test_add_func ("/dln/core/dataset/tree-flip-convention",
                   test_tree_flip_convention);
  g_test_add_func ("/dln/core/dataset/tree-draw-order", test_tree_draw_order);
  g_test_add_func ("/dln/core/dataset/tree-reproducible",
                   test_tree_reproducible);
  g_test_add_func ("/dln/core/dataset/tree-eigen", test_tree_eigen);
  g_test_add_func ("/dln/core/dataset/tree-expected", test_tree_expected);
  g_test_add_func ("/dln/core/dataset/tree-params-invalid",
                   test_tree_params_invalid);
  g_test_add_func ("/dln/core/dataset/tree-table", test_tree_table);
  g_test_add_func ("/dln/core/dataset/variants", test_variants);
  g_test_add_func ("/dln/core/dataset/append-rename", test_append_rename);
  g_test_add_func ("/dln/core/dataset/csv-ok", test_csv_ok);
  g_test_add_func ("/dln/core/dataset/csv-errors", test_csv_errors);
  g_test_add_func ("/dln/core/dataset/csv-limits", test_csv_limits);
  g_test_add_func ("/dln/core/dataset/csv-fuzz", test_csv_fuzz);
  g_test_add_func ("/dln/core/dataset/csv-roundtrip", test_csv_roundtrip);
  g_test_add_func ("/dln/core/dataset/shipped-files", test_shipped_files);
  g_test_add_func ("/dln/core/dataset/new-from", test_new_from);
  g_test_add_func ("/dln/core/dataset/regression-data", test_regression_data);
  return g_test_run ();
}
