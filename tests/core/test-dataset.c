/* dln-dataset: the tree generator against the statistics it must have
 * (docs/demos.md#tree-generator, derived there from the definitions), the named
 * table against docs/demos.md#tree-table, the D17 variants, custom datasets
 * and the regression data (CSV import/export: test-csv.c). */

#include "dln-core.h"
#include "dln-dataset.h"
#include "dln-test-core.h"

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
  DlnDataset *ds = dln_test_tree (2021, 0.5, 10000);
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
      DlnDataset *ds = dln_test_tree (seeds[si], 0.5, 10000);
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
  DlnDataset *a = dln_test_tree (42, 0.5, 1000), *b = dln_test_tree (42, 0.5, 1000);
  DlnDataset *c = dln_test_tree (43, 0.5, 1000);

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
  DlnDataset *ds = dln_test_tree (2021, 0.5, 10000);
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

  ds = dln_test_tree (2021, 0.5, 10000);
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
  DlnDataset *tree = dln_test_tree (2021, 0.5, 10000), *shark = NULL, *parrot = NULL;
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

/* All items renamed at once: a swap needs no placeholder, the first
 * repeated name (in item order) is refused naming its first use, and a
 * refused rename leaves the data as it was. */
static void
test_rename_items (void)
{
  const char *swapped[8] = { "Tuna", "Goldfish", "Robin", "Canary", "Rose",
                             "Daisy", "Pine", "Oak" };
  const char *repeated[8] = { "a", "b", "c", "b", "a", "x", "y", "c" };
  const char *empty[8] = { "a", "b", "", "b", "e", "f", "g", "h" };
  DlnDataset *ds = NULL;
  DlnMessage msg;
  double tuna;

  g_assert_cmpint (dln_dataset_new_tree_table (&ds, &msg), ==, DLN_STATUS_OK);
  tuna = dln_tensor_get (ds->y, 1, 0);
  g_assert_cmpint (dln_dataset_rename_items (ds, swapped, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpstr (ds->item_names[0], ==, "Tuna");
  g_assert_cmpstr (ds->item_names[1], ==, "Goldfish");
  g_assert_cmpstr (ds->item_names[7], ==, "Oak");
  g_assert_cmpfloat (dln_tensor_get (ds->y, 1, 0), ==, tuna);
  g_assert_cmpint (dln_dataset_find_item (ds, "Goldfish"), ==, 1);

  g_assert_cmpint (dln_dataset_rename_items (ds, repeated, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpstr (msg.text, ==, "item name 'b' is already used by item 2");
  g_assert_cmpint (dln_dataset_rename_items (ds, empty, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "empty"));
  g_assert_cmpstr (ds->item_names[0], ==, "Tuna");
  g_assert_cmpstr (ds->item_names[3], ==, "Canary");
  dln_dataset_free (ds);
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
  g_test_add_func ("/dln/core/dataset/rename-items", test_rename_items);
  g_test_add_func ("/dln/core/dataset/new-from", test_new_from);
  g_test_add_func ("/dln/core/dataset/regression-data", test_regression_data);
  return g_test_run ();
}
