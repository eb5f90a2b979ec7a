/* dlnlab-cli train --theory against the simulation over hidden widths
 * and depths: the rank bound (modes beyond the narrowest layer stay at
 * exactly 0, the loss floor is the energy of those modes), the exact
 * discrete map at depth 2 and on the balanced aligned manifold at any
 * depth, and a defined (approximate) prediction at depth >= 3 from a
 * random start. Issue 14 items 1 and 2; the sweep is in docs/theory.md. */

#include "config.h"

#include "dln-test-util.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

/* The tree's s_eff (svd CSV rows "s_eff,k,,,value"), for the loss floors
 * below; from the SVD, not from the theory code. */
static void
tree_s_eff (double s_eff[8])
{
  g_autofree char *out = NULL;
  g_auto (GStrv) rows = NULL;
  int n = 0;

  out = dln_test_cli_stdout ("svd", "--dataset", "tree", NULL);
  rows = g_strsplit (out, "\n", -1);
  for (int i = 0; rows[i] != NULL; i++)
    if (g_str_has_prefix (rows[i], "s_eff,"))
      s_eff[n++] = dln_test_csv_field (rows[i], 4);
  g_assert_cmpint (n, ==, 8);
}

/* The loss a network of rank bound @h ends at: with one-hot items
 * (Sigma_x = I/P, c = 1/8) and the mean loss (kappa = 2/(P n_out)),
 * docs/theory.md#loss-by-mode at a_k = s_eff_k for the h learnable modes and 0 beyond
 * gives L = (kappa P c / 2) Σ_{k>h} s_eff_k² = Σ_{k>h} s_eff_k² / (8 ·
 * 10000): the energy of the modes the bottleneck cannot carry. */
static double
tree_floor (const double s_eff[8],
            int          h)
{
  double sum = 0;

  for (int k = h; k < 8; k++)
    sum += s_eff[k] * s_eff[k];
  return sum / (8.0 * 10000.0);
}

typedef struct
{
  GPtrArray *rows;      /* of double[n_cols] */
  int        n_cols;
  int        loss, a1, theory_a1, theory_loss;  /* column indices */
} TrainTable;

static void
train_table_load (TrainTable *t,
                  const char *csv)
{
  g_auto (GStrv) lines = g_strsplit (csv, "\n", -1);
  g_auto (GStrv) head = g_strsplit (lines[0], ",", -1);

  t->n_cols = (int) g_strv_length (head);
  t->loss = t->a1 = t->theory_a1 = t->theory_loss = -1;
  for (int j = 0; j < t->n_cols; j++)
    {
      if (strcmp (head[j], "loss") == 0) t->loss = j;
      if (strcmp (head[j], "a1") == 0) t->a1 = j;
      if (strcmp (head[j], "theory_a1") == 0) t->theory_a1 = j;
      if (strcmp (head[j], "theory_loss") == 0) t->theory_loss = j;
    }
  g_assert_cmpint (t->theory_a1, >, 0);
  g_assert_cmpint (t->theory_loss, >, 0);
  t->rows = g_ptr_array_new_with_free_func (g_free);
  for (int i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], ",", -1);
      double *row = g_new (double, t->n_cols);

      g_assert_cmpint ((int) g_strv_length (f), ==, t->n_cols);
      for (int j = 0; j < t->n_cols; j++)
        row[j] = g_ascii_strtod (f[j], NULL);
      g_ptr_array_add (t->rows, row);
    }
}

#define CELL(t, e, j) (((double *) (t)->rows->pdata[(e)])[(j)])

/* First row whose column @j falls to the middle of its drop. */
static double
half_time (const TrainTable *t,
           int               j)
{
  guint n = t->rows->len;
  double mid = 0.5 * (CELL (t, 0, j) + CELL (t, n - 1, j));

  for (guint e = 0; e < n; e++)
    if (CELL (t, e, j) <= mid)
      return (double) e;
  return INFINITY;
}

/* Checks what holds for every run: the theory is defined (no NaN), modes
 * beyond the rank bound @h are exactly 0 at every epoch, and neither loss
 * goes below the floor of the rank bound; with @converged, the theory's
 * loss ends at that floor. Returns t_half(theory) / t_half(simulation). */
static double
check_theory_run (const TrainTable *t,
                  const double      s_eff[8],
                  int               h,
                  gboolean          converged)
{
  guint n = t->rows->len;
  double floor = tree_floor (s_eff, h);

  for (guint e = 0; e < n; e++)
    {
      for (int k = 0; k < 8; k++)
        {
          double a = CELL (t, e, t->theory_a1 + k);

          g_assert_false (isnan (a));
          if (k >= h)
            g_assert_cmpfloat (a, ==, 0.0);
        }
      g_assert_false (isnan (CELL (t, e, t->theory_loss)));
      g_assert_cmpfloat (CELL (t, e, t->theory_loss), >=,
                         floor - 1e-9 * CELL (t, 0, t->loss));
      g_assert_cmpfloat (CELL (t, e, t->loss), >=,
                         floor - 1e-9 * CELL (t, 0, t->loss));
    }
  /* the theory's strengths end at s_eff exactly (the discrete map's fixed
   * point), so its loss is the floor to rounding */
  if (converged)
    g_assert_cmpfloat (fabs (CELL (t, n - 1, t->theory_loss) - floor), <=,
                       1e-9 * CELL (t, 0, t->loss));
  return half_time (t, t->theory_loss) / half_time (t, t->loss);
}

/* The tree's near-degenerate groups of modes (docs/theory.md#degenerate-
 * modes): single strengths inside a group depend on LAPACK's choice of
 * basis, their sum does not. */
static const int mode_groups[][2] = { { 0, 1 }, { 1, 2 }, { 2, 4 }, { 4, 8 } };

/* One row of the sweep table (printed as a TAP comment, docs/theory.md
 * #starting-strengths-at-any-depth): how far the theory is from the
 * simulation over every epoch, in the loss (relative to L(0)) and in the
 * mode strengths (relative to s_eff_1), single modes and degenerate
 * groups summed. @agreement receives the group error over every epoch
 * and at the last one. */
static void
report_agreement (const TrainTable *t,
                  const double      s_eff[8],
                  const char       *depth,
                  int               h,
                  double            agreement[2])
{
  guint n = t->rows->len;
  double L0 = CELL (t, 0, t->loss);
  double dl = 0, da = 0, dg = 0, dg_end = 0;

  for (guint e = 0; e < n; e++)
    {
      dl = fmax (dl, fabs (CELL (t, e, t->theory_loss) - CELL (t, e, t->loss)));
      for (int k = 0; k < 8; k++)
        da = fmax (da, fabs (CELL (t, e, t->theory_a1 + k)
                             - CELL (t, e, t->a1 + k)));
      for (guint g = 0; g < G_N_ELEMENTS (mode_groups); g++)
        {
          double sum = 0;

          for (int k = mode_groups[g][0]; k < mode_groups[g][1]; k++)
            sum += CELL (t, e, t->theory_a1 + k) - CELL (t, e, t->a1 + k);
          dg = fmax (dg, fabs (sum));
          if (e + 1 == n)
            dg_end = fmax (dg_end, fabs (sum));
        }
    }
  g_test_message ("sweep | %s | %d | %.6f | %.6f | %.6f | %.3f | %.3f | "
                  "%.3f | %.1e", depth, h, CELL (t, n - 1, t->loss),
                  CELL (t, n - 1, t->theory_loss), tree_floor (s_eff, h),
                  dl / L0, da / s_eff[0], dg / s_eff[0], dg_end / s_eff[0]);
  agreement[0] = dg / s_eff[0];
  agreement[1] = dg_end / s_eff[0];
}

/* Depth 2, the course's run (lr 100, init scale 1e-12), hidden 1 .. 8:
 * the exact discrete map from the effective start follows the simulated
 * loss, and narrow nets end at the floor of their rank bound. Measured
 * (docs/theory.md#starting-strengths-at-any-depth): floors agree to 3e-5 of L(0) by epoch 1500 (the last
 * degenerate group is still converging), half-drop times to 1.4%; the
 * tolerances are 1e-4 and 3%. Before the rank bound, hidden 2 gave
 * theory_a3 = 101 and a theory loss of 0 against a real 0.508. */
#define DEPTH2_FLOOR_TOL  1e-4
/* Mode strengths, degenerate groups summed, against the simulation's
 * (docs/theory.md#starting-strengths-at-any-depth): over every epoch
 * measured at most 0.24 s_eff_1 (hidden 5, where the bottleneck cuts the
 * near-degenerate group 5-8: the net learns the group's strongest initial
 * direction, the theory mode 5's own, a few epochs later), 0.09 without a
 * bottleneck (a rise of a few epochs' difference on steep curves); at
 * epoch 1500, at most 1.2e-4 s_eff_1 (the last group still converging). */
#define DEPTH2_MODES_TOL     0.3
#define DEPTH2_MODES_END_TOL 1e-3
#define DEPTH2_TIMING_TOL 0.03

static void
test_theory_rank_bound_depth2 (void)
{
  double s_eff[8];

  tree_s_eff (s_eff);
  for (int h = 1; h <= 8; h++)
    {
      g_autofree char *out = NULL, *err = NULL;
      g_autofree char *hidden = g_strdup_printf ("%d", h);
      TrainTable t;
      double ratio, agreement[2];

      g_assert_cmpint (dln_test_run_cli (&out, &err, "train", "--dataset",
                                         "tree", "--hidden", hidden,
                                         "--epochs", "1500", "--theory",
                                         NULL), ==, 0);
      g_assert_cmpstr (err, ==, "");
      train_table_load (&t, out);
      ratio = check_theory_run (&t, s_eff, h, TRUE);
      report_agreement (&t, s_eff, "2", h, agreement);
      g_assert_cmpfloat (agreement[0], <=, DEPTH2_MODES_TOL);
      g_assert_cmpfloat (agreement[1], <=, DEPTH2_MODES_END_TOL);
      g_test_message ("hidden %d: final loss %.6f, floor %.6f, theory/sim "
                      "half-time %.4f", h,
                      CELL (&t, t.rows->len - 1, t.loss),
                      tree_floor (s_eff, h), ratio);
      g_assert_cmpfloat (fabs (CELL (&t, t.rows->len - 1, t.loss)
                               - tree_floor (s_eff, h)), <=,
                         DEPTH2_FLOOR_TOL * CELL (&t, 0, t.loss));
      g_assert_cmpfloat (fabs (ratio - 1.0), <=, DEPTH2_TIMING_TOL);
      g_ptr_array_unref (t.rows);
    }
}

/* Depth 3 .. 5 from a random start: the theory starts from the nearest
 * balanced aligned path (docs/theory.md#starting-strengths-at-any-depth); a defined prediction that keeps
 * the rank bound exactly, but only approximate in time: the random layers
 * are far from balanced (the init shrinks the last layer by 1/sqrt(n_out))
 * and turn while they learn, which the fixed projected path cannot.
 * Measured over hidden 1 .. 8 (docs/theory.md#starting-strengths-at-any-depth): the theory's half-drop
 * time is 0.24 .. 1.7 times the simulation's; the test allows a factor of
 * 5 either way, a guard against a missing or wildly wrong start, not a
 * claim of accuracy. */
#define DEEP_TIMING_FACTOR 5.0

static void
test_theory_rank_bound_deep (void)
{
  static const struct { const char *depth, *lr, *scale, *epochs; } runs[] = {
    { "3", "10", "0.3", "4000" },
    { "4", "4", "0.5", "6000" },
    { "5", "2", "1", "8000" },
  };
  static const int widths[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  double s_eff[8];

  tree_s_eff (s_eff);
  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      {
        g_autofree char *out = NULL, *err = NULL;
        g_autofree char *hidden = g_strdup_printf ("%d", widths[w]);
        TrainTable t;
        double ratio, agreement[2];

        g_assert_cmpint (dln_test_run_cli (&out, &err, "train", "--dataset",
                                           "tree", "--depth", runs[r].depth,
                                           "--hidden", hidden, "--lr",
                                           runs[r].lr, "--init-scale",
                                           runs[r].scale, "--epochs",
                                           runs[r].epochs, "--theory", NULL),
                         ==, 0);
        train_table_load (&t, out);
        ratio = check_theory_run (&t, s_eff, widths[w], FALSE);
        report_agreement (&t, s_eff, runs[r].depth, widths[w], agreement);
        g_test_message ("depth %s hidden %d: theory/sim half-time %.3f",
                        runs[r].depth, widths[w], ratio);
        g_assert_cmpfloat (ratio, <=, DEEP_TIMING_FACTOR);
        g_assert_cmpfloat (ratio, >=, 1.0 / DEEP_TIMING_FACTOR);
        g_ptr_array_unref (t.rows);
      }
}

/* On the balanced aligned manifold the theory is exact at any depth:
 * W_1 = E diag(b) V_3ᵀ, W_l = E diag(b) Eᵀ, W_N = U_3 diag(b) Eᵀ with E
 * the first 3 unit vectors of the hidden layer and b_k = 0.4 (per layer),
 * 3 hidden units. Full-matrix GD keeps this form, so mode k follows the
 * scalar map a <- a + h a^{N-1} (s_eff - a^N) to rounding (theory.md
 * (i).1), and modes 4 .. 8 stay 0 in both. */
static void
test_theory_aligned_deep (void)
{
  g_autofree char *svd = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *U, *V;
  const int H = 3;

  svd = dln_test_cli_stdout ("svd", "--dataset", "tree", "--json", NULL);
  json_parser_load_from_data (parser, svd, -1, &error);
  g_assert_no_error (error);
  U = json_object_get_array_member (json_node_get_object (
        json_parser_get_root (parser)), "U");
  V = json_object_get_array_member (json_node_get_object (
        json_parser_get_root (parser)), "V");
  for (int depth = 3; depth <= 4; depth++)
    {
      g_autofree char *path = g_strdup_printf ("%s/aligned-%d.json",
                                               dln_test_tmpdir (), depth);
      g_autofree char *out = NULL, *err = NULL;
      g_autoptr (GString) js = g_string_new ("{\"layers\": [");
      const double b = 0.4;
      TrainTable t;
      double s1 = 0;

      for (int l = 1; l <= depth; l++)
        {
          guint rows = l == depth ? json_array_get_length (U) : (guint) H;
          guint cols = l == 1 ? json_array_get_length (V) : (guint) H;

          g_string_append (js, l > 1 ? ", [" : "[");
          for (guint i = 0; i < rows; i++)
            {
              g_string_append (js, i > 0 ? ", [" : "[");
              for (guint j = 0; j < cols; j++)
                {
                  double w;

                  if (l == 1)  /* row i of diag(b) V_3ᵀ */
                    w = b * json_array_get_double_element (
                          json_array_get_array_element (V, j), i);
                  else if (l == depth)  /* U_3 diag(b) */
                    w = b * json_array_get_double_element (
                          json_array_get_array_element (U, i), j);
                  else
                    w = i == j ? b : 0.0;
                  g_string_append_printf (js, "%s%.17g", j > 0 ? ", " : "", w);
                }
              g_string_append (js, "]");
            }
          g_string_append (js, "]");
        }
      g_string_append (js, "]}\n");
      g_assert_true (g_file_set_contents (path, js->str, -1, NULL));
      g_assert_cmpint (dln_test_run_cli (&out, &err, "train", "--dataset",
                                         "tree", "--init-weights", path,
                                         "--lr", depth == 3 ? "10" : "4",
                                         "--epochs", "3000", "--theory",
                                         NULL), ==, 0);
      train_table_load (&t, out);
      s1 = CELL (&t, t.rows->len - 1, t.a1);
      g_assert_cmpfloat (s1, >, 150.0);  /* learned */
      for (guint e = 0; e < t.rows->len; e++)
        for (int k = 0; k < 8; k++)
          {
            double sim = CELL (&t, e, t.a1 + k);
            double th = CELL (&t, e, t.theory_a1 + k);

            /* the path start is b^N exactly; rounding over 3000 steps */
            if (fabs (sim - th) > 1e-9 * s1)
              g_error ("depth %d epoch %u mode %d: sim %.17g theory %.17g",
                       depth, e, k + 1, sim, th);
            if (k >= H)
              g_assert_cmpfloat (th, ==, 0.0);
          }
      g_ptr_array_unref (t.rows);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/cli-theory/rank-bound-depth2",
                   test_theory_rank_bound_depth2);
  g_test_add_func ("/dln/headless/cli-theory/rank-bound-deep",
                   test_theory_rank_bound_deep);
  g_test_add_func ("/dln/headless/cli-theory/aligned-deep",
                   test_theory_aligned_deep);
  return g_test_run ();
}
