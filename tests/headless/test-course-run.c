/* One experiment, three views: for the same parameters, what the GUI's
 * worker publishes (DlnRun + dln_deep_run_start, or the chain pages'
 * dln_chain_plot_run), what `dlnlab-cli` prints and what the figure
 * catalogue exports must be the same numbers, bit for bit (all three
 * write %.17g, which round-trips a double). No display is needed:
 * DlnRun is GIO only. */

#include "config.h"

#include "dln-chain-common.h"
#include "dln-course.h"
#include "dln-deep-run.h"
#include "dln-figure-catalogue.h"
#include "dln-linalg.h"
#include "dln-test-deep-run.h"
#include "dln-test-figure.h"
#include "dln-test-util.h"

#include <math.h>
#include <string.h>

#define EPOCHS     60   /* enough for the first modes to be learned */
#define EPOCHS_STR "60"

/* Bitwise equality of doubles, NaN equal to NaN. */
static void
assert_same (double      a,
             double      b,
             const char *what,
             size_t      row,
             size_t      col)
{
  if (isnan (a) && isnan (b))
    return;
  if (memcmp (&a, &b, sizeof a) != 0)
    g_error ("%s row %zu col %zu: %.17g != %.17g", what, row, col, a, b);
}

/* A CSV as rows of fields (header in row 0); numbers by strtod. */
typedef struct
{
  GStrv  lines;
  GStrv *fields;
  size_t n;
} Csv;

static void
csv_parse (Csv        *csv,
           const char *text)
{
  csv->lines = g_strsplit (text, "\n", -1);
  csv->n = g_strv_length (csv->lines);
  while (csv->n > 0 && csv->lines[csv->n - 1][0] == '\0')
    csv->n--;
  csv->fields = g_new0 (GStrv, csv->n + 1);
  for (size_t i = 0; i < csv->n; i++)
    csv->fields[i] = g_strsplit (csv->lines[i], ",", -1);
}

static void
csv_clear (Csv *csv)
{
  for (size_t i = 0; i < csv->n; i++)
    g_strfreev (csv->fields[i]);
  g_free (csv->fields);
  g_strfreev (csv->lines);
}

/* Column index of @name in the header, or fails. */
static size_t
csv_col (const Csv  *csv,
         const char *name)
{
  for (size_t j = 0; csv->fields[0][j] != NULL; j++)
    if (strcmp (csv->fields[0][j], name) == 0)
      return j;
  g_error ("no column %s in %s", name, csv->lines[0]);
  return 0;
}

static double
csv_num (const Csv *csv,
         size_t     row,
         size_t     col)
{
  const char *s = csv->fields[row][col];

  if (g_ascii_strcasecmp (s, "nan") == 0 || s[0] == '\0')
    return NAN;
  return g_ascii_strtod (s, NULL);
}

/* --- the GUI's worker --- */

/* Runs @params on a fresh DlnRun, as a page does; returns the run (which
 * owns *@snap). */
static DlnRun *
gui_run (const char            *dataset,
         const DlnCourseParams *params,
         DlnDeepSnapshot      **snap)
{
  DlnTestRunWait w = { 0 };
  DlnRun *run = dln_test_deep_run_new (&w);
  DlnDataset *ds = NULL;

  g_assert_cmpint (dln_dataset_new_builtin (dataset, params->init_seed, &ds,
                                            NULL), ==, DLN_STATUS_OK);
  dln_test_deep_run_wait (run, ds, params, &w);
  g_assert_cmpint (w.snap->status, ==, DLN_STATUS_OK);
  *snap = w.snap;
  return run;
}

/* D15: loss, singular values and the discrete theory of the standard run
 * (tree, seed 2021, η 100, γ 1e-12, H 30), 60 epochs. */
static void
test_deep_dynamics (void)
{
  static const char *const kv[] = { "epochs", EPOCHS_STR, NULL };
  g_autofree char *cli = NULL, *cat = NULL;
  DlnCourseParams params;
  DlnDeepSnapshot *snap;
  g_autoptr (DlnRun) run = NULL;
  Csv c, f;
  size_t K, loss_c, sv_c, th_c, sv_f, th_f, prim_f, prim_th_f;

  dln_course_params_init (&params);
  params.epochs = EPOCHS;
  run = gui_run ("tree", &params, &snap);
  K = snap->n_modes;

  cli = dln_test_cli_stdout ("train", "--dataset", "tree", "--epochs",
                             EPOCHS_STR, "--theory", NULL);
  cat = dln_test_entry_csv ("dynamics", kv);
  csv_parse (&c, cli);
  csv_parse (&f, cat);
  g_assert_cmpuint (c.n, ==, EPOCHS + 2);   /* header, states 0 … E */
  g_assert_cmpuint (f.n, ==, EPOCHS + 1);   /* header, course epochs */
  loss_c = csv_col (&c, "loss");
  sv_c = csv_col (&c, "sv1");
  th_c = csv_col (&c, "theory_a1");
  prim_f = csv_col (&f, "primary");
  prim_th_f = csv_col (&f, "primary_theory");
  sv_f = csv_col (&f, "sv1");
  th_f = csv_col (&f, "theory1");
  for (size_t e = 0; e < EPOCHS; e++)
    {
      /* course epoch e: the loss of state e, the values of state e + 1 */
      assert_same (snap->loss[e], csv_num (&c, e + 1, loss_c), "cli loss", e,
                   0);
      assert_same (snap->loss[e], csv_num (&f, e + 1, prim_f), "cat loss", e,
                   0);
      assert_same (snap->loss_discrete[e], csv_num (&f, e + 1, prim_th_f),
                   "cat loss theory", e, 0);
      for (size_t k = 0; k < K; k++)
        {
          double sv = snap->sv[e * K + k], th = snap->theory_discrete[e * K + k];

          assert_same (sv, csv_num (&c, e + 2, sv_c + k), "cli sv", e, k);
          assert_same (sv, csv_num (&f, e + 1, sv_f + k), "cat sv", e, k);
          assert_same (th, csv_num (&c, e + 2, th_c + k), "cli theory", e, k);
          assert_same (th, csv_num (&f, e + 1, th_f + k), "cat theory", e, k);
        }
    }
  csv_clear (&c);
  csv_clear (&f);
}

/* D17: the tracked illusory prediction (tree-shark's own pair). */
static void
test_deep_illusory (void)
{
  static const char *const kv[] = { "epochs", EPOCHS_STR,
                                    "dataset", "tree-shark", NULL };
  g_autofree char *cli = NULL, *cat = NULL;
  DlnCourseParams params;
  DlnDeepSnapshot *snap;
  g_autoptr (DlnRun) run = NULL;
  DlnDataset *ds = NULL;
  Csv c, f;
  size_t track_c, prim_f;

  g_assert_cmpint (dln_dataset_new_builtin ("tree-shark", 2021, &ds, NULL), ==,
                   DLN_STATUS_OK);
  dln_course_params_init (&params);
  params.epochs = EPOCHS;
  dln_course_params_track_dataset (&params, ds);
  g_assert_cmpuint (params.n_track, ==, 1);
  dln_dataset_free (ds);
  run = gui_run ("tree-shark", &params, &snap);

  cli = dln_test_cli_stdout ("train", "--dataset", "tree-shark", "--epochs",
                             EPOCHS_STR, NULL);
  cat = dln_test_entry_csv ("illusory", kv);
  csv_parse (&c, cli);
  csv_parse (&f, cat);
  track_c = csv_col (&c, "track");
  prim_f = csv_col (&f, "primary");
  for (size_t e = 0; e < EPOCHS; e++)
    {
      assert_same (snap->track[e], csv_num (&c, e + 1, track_c), "cli track",
                   e, 0);
      assert_same (snap->track[e], csv_num (&f, e + 1, prim_f), "cat track",
                   e, 0);
    }
  csv_clear (&c);
  csv_clear (&f);
}

/* D08: the chain at depth 5 (6 weights), η 0.01, w 0.9, 600 epochs. */
static void
test_chain (void)
{
  static const char *const kv[] = { "depth", "5", "lr", "0.01",
                                    "init", "0.9", NULL };
  g_autofree char *cli = NULL, *cat = NULL;
  g_autofree DlnChainPlot *plot = g_new (DlnChainPlot, 1);
  Csv c, f;
  DlnChainCourse course;
  size_t y_f;

  dln_chain_plot_init (plot);
  dln_chain_course_init (&course);
  course.depth = 5;
  course.count = DLN_CHAIN_COUNT_DEPTH_PLUS_ONE;
  course.lr = 0.01;
  course.init_weight = 0.9;
  dln_chain_plot_run (plot, &course);
  g_assert_cmpint (plot->status, ==, DLN_STATUS_OK);
  cli = dln_test_cli_stdout ("chain", "--depth", "5", "--lr", "0.01",
                             "--init-weight", "0.9", NULL);
  cat = dln_test_entry_csv ("depth-loss", kv);
  csv_parse (&c, cli);
  csv_parse (&f, cat);
  g_assert_cmpuint (c.n, ==, DLN_CHAIN_DEFAULT_EPOCHS + 1);
  g_assert_cmpuint (f.n, ==, DLN_CHAIN_DEFAULT_EPOCHS + 1);
  y_f = csv_col (&f, "y");
  for (size_t e = 0; e < DLN_CHAIN_DEFAULT_EPOCHS; e++)
    {
      assert_same (plot->loss[e], csv_num (&c, e + 1, 1), "cli chain", e, 0);
      assert_same (plot->loss[e], csv_num (&f, e + 1, y_f), "cat chain", e, 0);
    }
  csv_clear (&c);
  csv_clear (&f);
}

/* D06: the race's Adam path with the page's one slider (μ = 0.8 drives
 * beta1) against `dlnlab-cli descend` given that beta1 explicitly. */
static void
test_race_adam (void)
{
  static const char *const kv[] = { "surface", "rosenbrock",
                                    "optimizers", "adam", "lr", "0.05",
                                    "momentum", "0.8", "epochs", "40",
                                    "starts", "-1.5,2", NULL };
  g_autofree char *cli = NULL, *cat = NULL;
  Csv c, f;
  size_t n = 0;

  cli = dln_test_cli_stdout ("descend", "--surface", "rosenbrock",
                             "--optimizer", "adam", "--start", "-1.5,2",
                             "--steps", "40", "--lr", "0.05", "--beta1", "0.8",
                             NULL);
  cat = dln_test_entry_csv ("loss-landscape-race", kv);
  csv_parse (&c, cli);
  csv_parse (&f, cat);
  for (size_t i = 1; i < f.n; i++)
    {
      size_t step;

      if (strcmp (f.fields[i][0], "path") != 0)
        continue;
      step = (size_t) g_ascii_strtoull (f.fields[i][3], NULL, 10);
      g_assert_cmpuint (step + 1, <, c.n);
      assert_same (csv_num (&f, i, 4), csv_num (&c, step + 1, 1), "race x",
                   step, 0);
      assert_same (csv_num (&f, i, 5), csv_num (&c, step + 1, 2), "race y",
                   step, 0);
      n++;
    }
  g_assert_cmpuint (n, >=, 41);
  csv_clear (&c);
  csv_clear (&f);
}

/* D18: the page's two runs (the standard deep net and the zero-depth
 * net of dln_course_params_zero_depth, both on the tree from seed 2021)
 * against `dlnlab-cli train` and the map-compare figure at its own
 * defaults (so its zero-lr must be the page's). */
static void
test_map_compare (void)
{
  static const char *const kv[] = { "epochs", EPOCHS_STR,
                                    "zero-epochs", EPOCHS_STR, NULL };
  const char *lr = G_STRINGIFY (DLN_COURSE_ZERO_DEPTH_LR);
  g_autofree char *cli = NULL, *cat = NULL;
  DlnCourseParams params;
  DlnDeepSnapshot *deep, *zero;
  g_autoptr (DlnRun) deep_run = NULL;
  g_autoptr (DlnRun) zero_run = NULL;
  Csv c, f;
  size_t loss_c, head = 0, zero_f, deep_f;

  dln_course_params_init (&params);
  params.epochs = EPOCHS;
  params.keep_weights = TRUE;   /* as the page: it compares the maps */
  deep_run = gui_run ("tree", &params, &deep);
  dln_course_params_zero_depth (&params);
  g_assert_cmpint (params.depth, ==, 1);
  zero_run = gui_run ("tree", &params, &zero);
  g_assert_cmpuint (zero->n_layers, ==, 1);

  cli = dln_test_cli_stdout ("train", "--dataset", "tree", "--epochs",
                             EPOCHS_STR, "--depth", "1", "--init",
                             "torch-default", "--lr", lr, NULL);
  cat = dln_test_entry_csv ("map-compare", kv);
  csv_parse (&c, cli);
  csv_parse (&f, cat);
  loss_c = csv_col (&c, "loss");
  /* the figure's CSV holds three tables: the loss table follows the 3 × 3
   * matrices */
  while (head < f.n && strcmp (f.lines[head], "epoch,zero_depth,deep") != 0)
    head++;
  g_assert_cmpuint (head + EPOCHS, <, f.n);
  zero_f = 1;
  deep_f = 2;
  for (size_t e = 0; e < EPOCHS; e++)
    {
      assert_same (zero->loss[e], csv_num (&c, e + 1, loss_c), "cli zero",
                   e, 0);
      assert_same (zero->loss[e], csv_num (&f, head + 1 + e, zero_f),
                   "cat zero", e, 0);
      assert_same (deep->loss[e], csv_num (&f, head + 1 + e, deep_f),
                   "cat deep", e, 0);
    }
  csv_clear (&c);
  csv_clear (&f);
}

/* The predicted RSM is of a hidden layer: a layer past the last hidden
 * one (the RSA page's slider after the depth went down) or below the first
 * is the nearest hidden layer, never the output. */
static void
test_rsm_layer_clamped (void)
{
  static const size_t asked[] = { 0, 2, 5 };
  static const size_t meant[] = { 1, 1, 2 };
  static const int depth[] = { 2, 2, 3 };
  DlnDataset *ds = NULL;

  g_assert_cmpint (dln_dataset_open ("tree", DLN_DATASET_DEFAULT_SEED, &ds,
                                     NULL), ==, DLN_STATUS_OK);
  for (size_t i = 0; i < G_N_ELEMENTS (asked); i++)
    {
      DlnCourseCache *ca = dln_course_cache_new ();
      DlnCourseCache *cb = dln_course_cache_new ();
      DlnCourseParams params;
      DlnCourseResult a, b;
      size_t n;

      dln_course_params_init (&params);
      params.epochs = 30;
      params.depth = depth[i];
      params.theory = true;
      params.rsm_layer = asked[i];
      g_assert_cmpint (dln_course_run (&params, ds, ca, &a, NULL), ==,
                       DLN_STATUS_OK);
      params.rsm_layer = meant[i];
      g_assert_cmpint (dln_course_run (&params, ds, cb, &b, NULL), ==,
                       DLN_STATUS_OK);
      n = a.n_rows * a.n_items * a.n_items;
      g_assert_cmpuint (n, >, 0);
      /* the theory has started (an all-NaN array would compare equal) */
      g_assert_true (isfinite (b.rsm_predicted[n - 1]));
      g_assert_cmpmem (a.rsm_predicted, n * sizeof (double), b.rsm_predicted,
                       n * sizeof (double));
      dln_course_cache_free (ca);
      dln_course_cache_free (cb);
    }
  dln_dataset_free (ds);
}

static void
count_progress (size_t done,
                size_t total,
                void  *data)
{
  size_t *seen = data;

  /* called once per epoch, in order, out of the run's epochs */
  g_assert_cmpuint (done, ==, seen[0] + 1);
  seen[0] = done;
  seen[1] = total;
}

/* The course run's per-epoch progress callback: every epoch, in order,
 * and the record bit-identical to a run without it. */
static void
test_progress (void)
{
  DlnCourseParams params;
  DlnCourseCache *plain = dln_course_cache_new ();
  DlnCourseCache *watched = dln_course_cache_new ();
  DlnCourseResult a, b;
  DlnDataset *ds = NULL;
  size_t seen[2] = { 0, 0 };

  g_assert_cmpint (dln_dataset_open ("tree", DLN_DATASET_DEFAULT_SEED, &ds,
                                     NULL), ==, DLN_STATUS_OK);
  dln_course_params_init (&params);
  params.epochs = 120;
  params.path = DLN_TRAIN_PATH_DIRECT;
  g_assert_cmpint (dln_course_run (&params, ds, plain, &a, NULL), ==,
                   DLN_STATUS_OK);
  params.progress = count_progress;
  params.progress_data = seen;
  g_assert_cmpint (dln_course_run (&params, ds, watched, &b, NULL), ==,
                   DLN_STATUS_OK);
  g_assert_cmpuint (seen[0], ==, 120);
  g_assert_cmpuint (seen[1], ==, 120);
  g_assert_cmpuint (a.record->n_states, ==, 121);
  g_assert_cmpuint (b.record->n_states, ==, 121);
  g_assert_cmpmem (a.record->loss, 121 * sizeof (double), b.record->loss,
                   121 * sizeof (double));
  dln_course_cache_free (plain);
  dln_course_cache_free (watched);
  dln_dataset_free (ds);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* as both programs' main () do: sums then do not depend on the thread */
  dln_linalg_set_num_threads (1);
  g_test_add_func ("/dln/headless/course-run/deep-dynamics",
                   test_deep_dynamics);
  g_test_add_func ("/dln/headless/course-run/deep-illusory",
                   test_deep_illusory);
  g_test_add_func ("/dln/headless/course-run/map-compare", test_map_compare);
  g_test_add_func ("/dln/headless/course-run/chain", test_chain);
  g_test_add_func ("/dln/headless/course-run/progress", test_progress);
  g_test_add_func ("/dln/headless/course-run/rsm-layer-clamped",
                   test_rsm_layer_clamped);
  g_test_add_func ("/dln/headless/course-run/race-adam", test_race_adam);
  return g_test_run ();
}
