/* dlnlab-cli train and chain: the CSV/JSON contract (row e = the network
 * after e updates), values against hand calculations, weights in/out, the
 * --theory overlay, divergence and the error contract (exit 2). */

#include "config.h"

#include "dln-core.h"
#include "dln-test-util.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

/* 17 significant digits round-trip; a few operations of rounding. */
#define CLI_TOL 1e-12
/* theory_a (exact discrete map from the effective u0,
 * docs/theory.md#effective-start) against the simulated strength of the
 * strongest mode, relative to s_1: the small random start is only near the
 * aligned manifold (observed ~1e-6). */
#define THEORY_TOL 1e-3

/* Column @col of CSV line @row, as a number. */
static double
field (const char *row,
       guint       col)
{
  return dln_test_csv_field (row, col);
}

static void
test_tree_shark_theory (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_auto (GStrv) rows = NULL;
  double s1 = 0;
  guint n = 0;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "train", "--dataset",
                                     "tree-shark", "--theory", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  rows = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (rows[0], ==,
                   "epoch,loss,sv1,sv2,sv3,sv4,sv5,sv6,sv7,sv8,a1,a2,a3,a4,"
                   "a5,a6,a7,a8,track,theory_a1,theory_a2,theory_a3,"
                   "theory_a4,theory_a5,theory_a6,theory_a7,theory_a8,"
                   "theory_loss");
  for (guint i = 1; rows[i] != NULL && rows[i][0] != '\0'; i++)
    n++;
  g_assert_cmpuint (n, ==, 251);  /* states 0 .. 250 */
  s1 = field (rows[251], 10);     /* a1 at the end: learned, = s_eff1 */
  for (guint i = 1; i <= 251; i++)
    {
      g_assert_cmpfloat (field (rows[i], 0), ==, (double) (i - 1));
      g_assert_cmpfloat (fabs (field (rows[i], 10) - field (rows[i], 19)), <=,
                         THEORY_TOL * s1);
    }
  /* shark has bones: positive on a plateau, then the true −1 */
  g_assert_cmpfloat (field (rows[126], 18), >, 0.3);
  g_assert_cmpfloat (fabs (field (rows[251], 18) + 1.0), <, 1e-6);
  /* loss: 1 at the start (tiny weights, targets ±1), ~0 at the end */
  g_assert_cmpfloat (fabs (field (rows[1], 1) - 1.0), <, 1e-9);
  g_assert_cmpfloat (field (rows[251], 1), <, 1e-12);
}

/* Depth 1 on a 2-item CSV, from given weights: the loss of row 0 and row 1
 * by hand. X = I, so Yhat = Wᵀ rows; L = ||W − Yᵀ||² / (P N);
 * dL/dW = 2 (W − Yᵀ) / (P N); W' = W − lr dL/dW. */
static void
test_rows_by_hand (void)
{
  g_autofree char *csv = dln_test_write_file ("two.csv", "item,f1,f2,f3\n"
                                              "a,1,-1,0.5\nb,0,2,1\n");
  g_autofree char *wj = dln_test_write_file ("w1.json",
                                             "{\"layers\": [[[2, 0], [0, 1], "
                                             "[0, 0]]]}");
  g_autofree char *out = NULL, *err = NULL;
  g_auto (GStrv) rows = NULL;
  /* Y [2 items, 3 features]; W [3, 2] diagonal-ish */
  const double y[2][3] = { { 1, -1, 0.5 }, { 0, 2, 1 } };
  const double w[3][2] = { { 2, 0 }, { 0, 1 }, { 0, 0 } };
  double l0 = 0, l1 = 0, lr = 0.75;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "train", "--dataset", csv,
                                     "--init-weights", wj, "--lr", "0.75",
                                     "--epochs", "1", NULL), ==, 0);
  rows = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (rows[0], ==, "epoch,loss,sv1,sv2,a1,a2");
  for (int f = 0; f < 3; f++)
    for (int i = 0; i < 2; i++)
      {
        double r = w[f][i] - y[i][f], w1;

        l0 += r * r / 6.0;
        w1 = w[f][i] - lr * 2.0 * r / 6.0;
        l1 += (w1 - y[i][f]) * (w1 - y[i][f]) / 6.0;
      }
  g_assert_cmpfloat_with_epsilon (field (rows[1], 1), l0, CLI_TOL);
  g_assert_cmpfloat_with_epsilon (field (rows[2], 1), l1, CLI_TOL);
  /* row 0 is the initial network: W = diag-like, singular values 2, 1 */
  g_assert_cmpfloat_with_epsilon (field (rows[1], 2), 2.0, CLI_TOL);
  g_assert_cmpfloat_with_epsilon (field (rows[1], 3), 1.0, CLI_TOL);
  g_assert_null (rows[3] == NULL ? NULL : (rows[3][0] ? rows[3] : NULL));
}

static void
test_weights_round_trip (void)
{
  g_autofree char *wj = dln_test_tmp_path ("w.json");
  g_autofree char *out = NULL, *out2 = NULL;
  g_auto (GStrv) rows = NULL, rows2 = NULL;

  out = dln_test_cli_stdout ("train", "--dataset", "tree", "--epochs", "120",
                             "--depth", "3", "--hidden", "12", "--init-scale",
                             "1", "--lr", "30", "--save-weights", wj, NULL);
  out2 = dln_test_cli_stdout ("train", "--dataset", "tree", "--epochs", "0",
                              "--init-weights", wj, NULL);
  rows = g_strsplit (out, "\n", -1);
  rows2 = g_strsplit (out2, "\n", -1);
  g_assert_cmpstr (rows2[0], ==, rows[0]);
  /* the reloaded network's row 0 is the first run's last row */
  for (guint c = 1; c < 18; c++)
    g_assert_cmpfloat (fabs (field (rows2[1], c) - field (rows[121], c)), <=,
                       CLI_TOL * MAX (1.0, fabs (field (rows[121], c))) * 100);
  g_assert_null (rows2[2] != NULL && rows2[2][0] != '\0' ? rows2[2] : NULL);
}

/* D18's zero-depth net: one Linear (8, 10000) with torch's default init,
 * SGD lr 1000, 250 epochs reaches the regression solution W = Yᵀ (X = I):
 * every a_k equals s_eff_k, and the loss decays without plateaus
 * (docs/theory.md#one-hidden-layer: a_k − s_k shrinks by (1 − h) per epoch, h =
 * 2 lr / (P N) = 0.025). */
static void
test_zero_depth (void)
{
  g_autofree char *out = NULL;
  g_auto (GStrv) rows = NULL;
  double ratio;

  out = dln_test_cli_stdout ("train", "--dataset", "tree", "--depth", "1",
                             "--lr", "1000", "--init", "torch-default", NULL);
  rows = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (rows[0], ==, "epoch,loss,sv1,sv2,sv3,sv4,sv5,sv6,sv7,sv8,"
                   "a1,a2,a3,a4,a5,a6,a7,a8");
  /* the error in each mode shrinks by (1 − h)² per epoch in the loss */
  ratio = field (rows[101], 1) / field (rows[100], 1);
  g_assert_cmpfloat (fabs (ratio - 0.975 * 0.975), <, 1e-3);
  g_assert_cmpfloat (field (rows[251], 1), <, 1e-3 * field (rows[1], 1));
}

static void
test_json (void)
{
  g_autofree char *out = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *o;
  JsonArray *rsm;

  out = dln_test_cli_stdout ("train", "--dataset", "tree-parrot", "--epochs",
                             "20", "--json", "--theory", NULL);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "path"), ==, "reduced");
  g_assert_cmpuint (json_array_get_length (
                      json_object_get_array_member (o, "loss")), ==, 21);
  g_assert_cmpuint (json_array_get_length (
                      json_object_get_array_member (o, "theory_a")), ==, 21);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (o, "track"), "item"), ==,
                   "Parrot");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (o, "track"), "feature"),
                   ==, "cannot_speak");
  rsm = json_object_get_array_member (o, "rsm");
  g_assert_cmpuint (json_array_get_length (rsm), ==, 1);  /* one hidden layer */
  g_assert_cmpuint (json_array_get_length (json_array_get_array_element (rsm,
                                                                         0)),
                    ==, 21);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "h"),
                                  2.0 * 100 / 8 / 10001, 1e-15);
}

/* --theory keeps one start per mode: 300 modes once overflowed a
 * 64-entry stack array (a crash); every column is there and the depth-2
 * starts are finite numbers or nan, never garbage. */
static void
test_theory_many_modes (void)
{
  g_autofree char *csv = dln_test_write_csv ("modes300.csv", 300, 300);
  g_autofree char *out = NULL, *err = NULL;
  g_auto (GStrv) rows = NULL, head = NULL, last = NULL;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "train", "--dataset", csv,
                                     "--theory", "--epochs", "1", "--hidden",
                                     "4", NULL), ==, 0);
  rows = g_strsplit (out, "\n", -1);
  head = g_strsplit (rows[0], ",", -1);
  /* epoch, loss, 300 sv, 300 a, 300 theory_a, theory_loss */
  g_assert_cmpuint (g_strv_length (head), ==, 3 + 3 * 300);
  g_assert_cmpstr (head[2 + 2 * 300 + 299], ==, "theory_a300");
  last = g_strsplit (rows[2], ",", -1);
  g_assert_cmpuint (g_strv_length (last), ==, 3 + 3 * 300);
  g_assert_true (rows[3] == NULL || rows[3][0] == '\0');
}

/* In the child: files may not grow past 4 KiB (a stand-in for a full
 * disk: the same short write). */
static void
limit_file_size (gpointer data)
{
  struct rlimit lim = { 4096, 4096 };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &lim);
}

/* --save-weights writes atomically: when the write fails half-way the
 * previous file is intact (it was once truncated in place), and the error
 * names the file, exit 1 (the machine failed). */
static void
test_save_weights_atomic (void)
{
  const char *cli = g_getenv ("DLNLAB_CLI");
  g_autofree char *path = dln_test_tmp_path ("keep.json");
  g_autofree char *before = NULL, *after = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { cli, "train", "--dataset", "tree-table", "--epochs",
                         "3", "--seed", "7", "--save-weights", path, NULL };
  int status = 0;

  g_assert_cmpint (dln_test_run_cli (NULL, NULL, "train", "--dataset",
                                     "tree-table", "--epochs", "2",
                                     "--save-weights", path, NULL), ==, 0);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_assert_cmpuint (strlen (before), >, 4096);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                limit_file_size, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, path));
  g_assert_nonnull (strstr (err, g_strerror (EFBIG)));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
}

/* gen_samples from the dataset module (an independent implementation of
 * docs/demos.md#linear-samples): the chain's first row is mean ((y − w^n x)² /
 * 2). */
static void
test_chain (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_auto (GStrv) rows = NULL;
  DlnArena *arena = dln_arena_new (1 << 16);
  DlnTensor *x, *y;
  DlnRng rng;
  double l0 = 0, p = pow (0.9, 6.0);
  guint n = 0;

  dln_rng_init (&rng, 7);
  g_assert_cmpint (dln_dataset_gen_samples (&rng, 100, 2.0, 0.1, arena, &x,
                                            &y), ==, 0);
  for (int j = 0; j < 100; j++)
    l0 += pow (y->data[j] - p * x->data[j], 2) / 2.0 / 100.0;
  g_assert_cmpint (dln_test_run_cli (&out, &err, "chain", "--depth", "5",
                                     "--lr", "0.01", "--init-weight", "0.9",
                                     "--seed", "7", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  rows = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (rows[0], ==, "epoch,loss");
  g_assert_cmpfloat_with_epsilon (field (rows[1], 1), l0, CLI_TOL);
  for (guint i = 1; rows[i] != NULL && rows[i][0] != '\0'; i++)
    n++;
  g_assert_cmpuint (n, ==, 600);
  g_assert_cmpfloat (field (rows[600], 1), <, 1e-2);  /* learned */
  dln_arena_free (arena);
}

static void
test_chain_diverges (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_auto (GStrv) rows = NULL;
  guint n = 0;

  /* D12's overflow: 51 weights of 2 */
  g_assert_cmpint (dln_test_run_cli (&out, &err, "chain", "--depth", "50",
                                     "--lr", "0.1", "--init-weight", "2",
                                     NULL), ==, 0);
  g_assert_nonnull (strstr (err, "warning: diverged at epoch"));
  rows = g_strsplit (out, "\n", -1);
  for (guint i = 1; rows[i] != NULL && rows[i][0] != '\0'; i++)
    {
      g_assert_true (isfinite (field (rows[i], 1)));
      n++;
    }
  g_assert_cmpuint (n, <, 600);
}

static void
test_train_diverges (void)
{
  g_autofree char *out = NULL, *err = NULL;

  /* lr far above P N / (2 s1) ~ 256 (docs/demos.md#d14 theory note) */
  g_assert_cmpint (dln_test_run_cli (&out, &err, "train", "--dataset", "tree",
                                     "--lr", "1e5", "--init-scale", "1",
                                     NULL), ==, 0);
  g_assert_nonnull (strstr (err, "warning: diverged"));
  g_assert_null (strstr (out, "nan"));
  g_assert_null (strstr (out, "inf"));
  {
    /* "diverged at epoch N": N finite rows (states 0 .. N - 1) precede it */
    const char *at = strstr (err, "warning: diverged at epoch ");
    g_auto (GStrv) rows = g_strsplit (out, "\n", -1);
    guint n = 0;

    g_assert_nonnull (at);
    for (guint i = 1; rows[i] != NULL && rows[i][0] != '\0'; i++)
      n++;
    g_assert_cmpuint (n, >, 0);
    g_assert_cmpuint (g_ascii_strtoull (at + strlen ("warning: diverged at "
                                                     "epoch "), NULL, 10),
                      ==, n);
  }
}

static void
expect_usage_error (const char *needle,
                    const char *first,
                    ...)
{
  GPtrArray *args = g_ptr_array_new ();
  g_autofree char *out = NULL, *err = NULL;
  const char *a;
  va_list ap;

  g_ptr_array_add (args, (char *) first);
  va_start (ap, first);
  while ((a = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_assert_cmpint (dln_test_run_cliv (&out, &err,
                                      (const char *const *) args->pdata), ==,
                   2);
  g_assert_nonnull (strstr (err, "dlnlab-cli: error: "));
  if (strstr (err, needle) == NULL)
    g_error ("expected '%s' in: %s", needle, err);
  g_ptr_array_free (args, TRUE);
}

static void
test_errors (void)
{
  g_autofree char *bad = dln_test_write_file ("bad.json",
                                              "{\"layers\": [[[1, 2]],");
  g_autofree char *ragged =
    dln_test_write_file ("ragged.json", "{\"layers\": [[[1, 2], [3]]]}");
  g_autofree char *shape = dln_test_write_file ("shape.json",
                                                "{\"layers\": [[[1, 2]]]}");
  g_autofree char *deep = NULL, *many = NULL;
  g_autoptr (GString) text = g_string_new ("{\"layers\": ");

  /* 100,000 levels once overflowed the stack inside json-glib */
  for (int i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  for (int i = 0; i < 100000; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  deep = dln_test_write_file ("deep.json", text->str);
  g_string_assign (text, "{\"layers\": [[[1]]");
  for (int l = 1; l < 65; l++)
    g_string_append (text, ", [[1]]");
  g_string_append (text, "]}");
  many = dln_test_write_file ("many.json", text->str);
  expect_usage_error ("missing --dataset", "train", NULL);
  expect_usage_error ("unknown dataset", "train", "--dataset", "nope", NULL);
  expect_usage_error ("--depth needs", "train", "--dataset", "tree",
                      "--depth", "0", NULL);
  expect_usage_error ("--lr needs", "train", "--dataset", "tree", "--lr",
                      "-1", NULL);
  expect_usage_error ("--lr needs a value", "train", "--dataset", "tree",
                      "--lr", NULL);
  expect_usage_error ("unknown option '--bogus'", "train", "--bogus", NULL);
  expect_usage_error ("no item 'Shark'", "train", "--dataset", "tree",
                      "--track", "Shark,f1", NULL);
  expect_usage_error ("ITEM,FEATURE", "train", "--dataset", "tree",
                      "--track", "Oak", NULL);
  expect_usage_error ("bad.json", "train", "--dataset", "tree",
                      "--init-weights", bad, NULL);
  expect_usage_error ("row 1 has 1 values", "train", "--dataset", "tree",
                      "--init-weights", ragged, NULL);
  expect_usage_error ("dataset tree has 8 items", "train", "--dataset", "tree",
                      "--init-weights", shape, NULL);
  expect_usage_error ("JSON nested deeper than 64 levels", "train",
                      "--dataset", "tree", "--init-weights", deep, NULL);
  expect_usage_error ("65 layers is over the limit of 64", "train",
                      "--dataset", "tree", "--init-weights", many, NULL);
  expect_usage_error ("drop --depth", "train", "--dataset", "tree",
                      "--init-weights", shape, "--depth", "3", NULL);
  expect_usage_error ("--path is auto", "train", "--dataset", "tree",
                      "--path", "fast", NULL);
  expect_usage_error ("missing --init-weight", "chain", "--depth", "5",
                      "--lr", "0.01", NULL);
  expect_usage_error ("--count is", "chain", "--depth", "5", "--lr", "0.01",
                      "--init-weight", "1", "--count", "two", NULL);
  expect_usage_error ("no weights", "chain", "--depth", "0", "--lr", "0.01",
                      "--init-weight", "1", "--count", "depth", NULL);
  expect_usage_error ("unexpected argument 'extra'", "chain", "extra", NULL);
}

/* Work is bounded by what a teaching tool needs, and --help says so. */
static void
test_limits (void)
{
  g_autofree char *help = dln_test_cli_help ("train");
  g_autofree char *chain_help = dln_test_cli_help ("chain");

  expect_usage_error ("--epochs needs an integer from 0 to 100000", "train",
                      "--dataset", "tree-table", "--epochs", "100001", NULL);
  expect_usage_error ("--samples needs an integer from 1 to 100000", "chain",
                      "--depth", "2", "--lr", "0.01", "--init-weight", "1",
                      "--samples", "100001", NULL);
  expect_usage_error ("is more work than the limit of 1e+09", "chain",
                      "--depth", "2", "--lr", "0.01", "--init-weight", "1",
                      "--samples", "20000", "--epochs", "60000", NULL);
  g_assert_nonnull (strstr (help, "0 to 100000"));
  g_assert_nonnull (strstr (help, "at most 64 layers"));
  g_assert_nonnull (strstr (chain_help, "at most 1e9"));
}

/* --progress: lines on stderr ending with the whole run, stdout as without
 * it; without it (stderr not a terminal, as here) stderr stays empty. */
static void
test_progress (void)
{
  static const char *const runs[][12] = {
    { "chain", "--depth", "3", "--lr", "0.05", "--init-weight", "0.9",
      "--epochs", "400", NULL },
    { "train", "--dataset", "tree", "--epochs", "40", NULL },
  };
  static const char *const last[] = {
    "dlnlab-cli: progress: chain epoch 400 of 400 (100%)\n",
    "dlnlab-cli: progress: train epoch 40 of 40 (100%)\n",
  };

  for (size_t r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
      const char *args[13];
      size_t n = 0;

      while (runs[r][n] != NULL)
        {
          args[n] = runs[r][n];
          n++;
        }
      args[n] = NULL;
      g_assert_cmpint (dln_test_run_cliv (&out, &err, args), ==, 0);
      g_assert_cmpstr (err, ==, "");
      args[n] = "--progress";
      args[n + 1] = NULL;
      g_assert_cmpint (dln_test_run_cliv (&out2, &err2, args), ==, 0);
      g_assert_cmpstr (out2, ==, out);
      g_assert_true (g_str_has_prefix (err2, "dlnlab-cli: progress: "));
      g_assert_true (g_str_has_suffix (err2, last[r]));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/cli/train/progress", test_progress);
  g_test_add_func ("/dln/headless/cli-train/tree-shark-theory",
                   test_tree_shark_theory);
  g_test_add_func ("/dln/headless/cli-train/rows-by-hand", test_rows_by_hand);
  g_test_add_func ("/dln/headless/cli-train/weights-round-trip",
                   test_weights_round_trip);
  g_test_add_func ("/dln/headless/cli-train/json", test_json);
  g_test_add_func ("/dln/headless/cli-train/zero-depth", test_zero_depth);
  g_test_add_func ("/dln/headless/cli-train/chain", test_chain);
  g_test_add_func ("/dln/headless/cli-train/chain-diverges",
                   test_chain_diverges);
  g_test_add_func ("/dln/headless/cli-train/train-diverges",
                   test_train_diverges);
  g_test_add_func ("/dln/headless/cli-train/errors", test_errors);
  g_test_add_func ("/dln/headless/cli-train/save-weights-atomic",
                   test_save_weights_atomic);
  g_test_add_func ("/dln/headless/cli-train/limits", test_limits);
  g_test_add_func ("/dln/headless/cli-train/theory-many-modes",
                   test_theory_many_modes);
  return g_test_run ();
}
