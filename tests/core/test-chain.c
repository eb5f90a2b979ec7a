/* dln-chain: the course's deep narrow chain. Gradients against central
 * differences, the NaN-prefilled record and divergence, D10's convergence
 * rule by hand, and docs/theory.md#depth: at a fixed initial weight < 1 the
 * plateau grows with depth, as the gradient-flow integral of eq. 15
 * predicts. */

#include "dln-chain.h"
#include "dln-core.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#define FD_STEP 6e-6  /* docs/architecture.md#tests */
#define FD_RTOL 1e-6
/* The course's gradient divides p by (w_i + 1e-9) instead of leaving w_i
 * out: relative difference 1e-9 / w_i, so 1e-8 covers w_i >= 0.1. */
#define COURSE_VS_EXACT_RTOL 1e-8

static double
chain_loss (const double *w,
            size_t        n,
            const double *x,
            const double *y,
            size_t        m)
{
  double p = 1.0, acc = 0.0;

  for (size_t i = 0; i < n; i++)
    p *= w[i];
  for (size_t j = 0; j < m; j++)
    acc += (y[j] - p * x[j]) * (y[j] - p * x[j]) / 2.0;
  return acc / (double) m;
}

/* One epoch at η = 1 moves w by −g: compare with central differences. */
static void
test_gradient (void)
{
  double x[20], y[20], loss[1], w1[8], wc[8], w[8];
  size_t n = 8;
  DlnChainParams params;

  dln_chain_gen_samples (5, 20, 2.0, 0.1, x, y);
  for (int g = 0; g < 2; g++)
    {
      dln_chain_params_init (&params, n);
      params.init_weight = 1.07;
      params.lr = 1.0;
      params.epochs = 1;
      params.grad = g == 0 ? DLN_CHAIN_GRAD_EXACT : DLN_CHAIN_GRAD_COURSE;
      g_assert_cmpint (dln_chain_train (&params, x, y, 20, loss,
                                        g == 0 ? w1 : wc, NULL, NULL),
                       ==, DLN_STATUS_OK);
      for (size_t i = 0; i < n; i++)
        w[i] = 1.07;
      g_assert_cmpfloat_with_epsilon (loss[0], chain_loss (w, n, x, y, 20),
                                      1e-15);
    }
  for (size_t i = 0; i < n; i++)
    {
      double hh = FD_STEP * 1.07, lp, lm, num, ana = 1.07 - w1[i];

      w[i] = 1.07 + hh;
      lp = chain_loss (w, n, x, y, 20);
      w[i] = 1.07 - hh;
      lm = chain_loss (w, n, x, y, 20);
      w[i] = 1.07;
      num = (lp - lm) / (2 * hh);
      g_assert_cmpfloat (fabs (ana - num) / MAX (1.0, fabs (num)), <=,
                         FD_RTOL);
      g_assert_cmpfloat (fabs ((1.07 - wc[i]) - ana), <=,
                         COURSE_VS_EXACT_RTOL * fabs (ana));
    }
}

static void
test_divergence (void)
{
  double x[100], y[100], loss[600];
  size_t done = 0;
  DlnChainParams params;
  DlnMessage msg;

  dln_chain_gen_samples (2021, 100, DLN_CHAIN_SLOPE, DLN_CHAIN_NOISE, x, y);
  dln_chain_params_init (&params, dln_chain_weight_count (
                                    50, DLN_CHAIN_COUNT_DEPTH_PLUS_ONE));
  params.init_weight = 2.0;  /* 2^51: explodes (docs/demos.md#d08, D12) */
  params.lr = 0.1;
  g_assert_cmpuint (params.n_weights, ==, 51);
  g_assert_cmpint (dln_chain_train (&params, x, y, 100, loss, NULL, &done,
                                    &msg), ==, DLN_STATUS_DIVERGED);
  g_assert_cmpuint (done, <, 600);
  g_assert_nonnull (strstr (msg.text, "epoch"));
  for (size_t e = 0; e < done; e++)
    g_assert_true (isfinite (loss[e]));
  for (size_t e = done; e < 600; e++)
    g_assert_true (isnan (loss[e]));
  g_assert_cmpint (dln_chain_learning_time (loss, 600, 1e-2), ==, -1);

  params.n_weights = 0;
  g_assert_cmpint (dln_chain_train (&params, x, y, 100, loss, NULL, &done,
                                    &msg), ==, DLN_STATUS_INVALID_INPUT);
}

static void
test_learning_time_rule (void)
{
  double a[6] = { 1, 0.005, 0.02, 0.009, 0.001, 0.0 };
  double b[4] = { 1, 0.001, 0.002, NAN };
  double c[3] = { 0.001, 0.001, 0.001 };

  g_assert_cmpint (dln_chain_learning_time (a, 6, 1e-2), ==, 3);
  g_assert_cmpint (dln_chain_learning_time (b, 4, 1e-2), ==, -1);
  g_assert_cmpint (dln_chain_learning_time (c, 3, 1e-2), ==, 0);
  g_assert_cmpint (dln_chain_learning_time (a, 0, 1e-2), ==, -1);
  g_assert_cmpuint (dln_chain_weight_count (10, DLN_CHAIN_COUNT_DEPTH), ==,
                    10);
  g_assert_cmpuint (dln_chain_weight_count (10,
                                            DLN_CHAIN_COUNT_DEPTH_PLUS_ONE),
                    ==, 11);
}

/* docs/theory.md#depth, eq. 15 for the balanced scalar chain: with all w_i = a,
 * u = a^N, L = Syy/2 − u Sxy + u² Sxx/2, gradient flow in epochs gives
 * du/dt = lr Sxx N u^{2−2/N} (s − u), s = Sxy/Sxx. Time from u0 to uf:
 * t = (1/(lr Sxx N)) ∫ du / (u^{2−2/N} (s − u)), integrated here in
 * ln u by the midpoint rule. */
static double
flow_time (double u0,
           double uf,
           double s,
           double lr,
           double sxx,
           size_t n)
{
  const size_t steps = 200000;
  double lo = log (u0), hi = log (uf), dz = (hi - lo) / (double) steps;
  double acc = 0.0, nn = (double) n;

  for (size_t k = 0; k < steps; k++)
    {
      double u = exp (lo + (k + 0.5) * dz);

      acc += u / (pow (u, 2.0 - 2.0 / nn) * (s - u)) * dz;
    }
  return acc / (lr * sxx * nn);
}

/* GD's learning time tracks the flow's to within this fraction at lr 0.01:
 * the discrete map's per-step error is O(lr · Sxx · N u^{..}) relative
 * (docs/theory.md#continuous-limit) — a few percent over these runs. */
#define FLOW_TIME_RTOL 0.1

static void
test_plateau_grows_with_depth (void)
{
  /* t ~ w0^{-(N-2)} / (s (N - 2)) (docs/theory.md#depth): with w0 = 0.9 the
   * 1/(N-2) factor wins below N ~ 12 (shallower plateaus), the exponential
   * above; these depths are all on the growing side and converge within
   * 600 epochs at lr 0.01 (stable: lr < 2 / (N s^{2-2/N} Sxx)). */
  const size_t depths[] = { 15, 20, 25, 30, 35, 40 };
  double prev_pred = 0;
  double x[100], y[100], loss[600];
  double sxx = 0, sxy = 0, syy = 0, s, uf;
  long prev = -1;
  DlnChainParams params;

  dln_chain_gen_samples (2021, 100, DLN_CHAIN_SLOPE, DLN_CHAIN_NOISE, x, y);
  for (size_t j = 0; j < 100; j++)
    {
      sxx += x[j] * x[j] / 100;
      sxy += x[j] * y[j] / 100;
      syy += y[j] * y[j] / 100;
    }
  s = sxy / sxx;
  /* loss(u) = L_min + Sxx (s − u)² / 2 drops below 1e-2 at uf */
  uf = s - sqrt (2.0 * (1e-2 - (syy - sxy * sxy / sxx) / 2.0) / sxx);
  for (size_t k = 0; k < G_N_ELEMENTS (depths); k++)
    {
      long t;
      double predicted;

      dln_chain_params_init (&params, depths[k]);
      params.init_weight = 0.9;
      params.lr = 0.01;
      g_assert_cmpint (dln_chain_train (&params, x, y, 100, loss, NULL, NULL,
                                        NULL), ==, DLN_STATUS_OK);
      t = dln_chain_learning_time (loss, 600, DLN_CHAIN_CONVERGED_LOSS);
      predicted = flow_time (pow (0.9, (double) depths[k]), uf, s, 0.01,
                             sxx, depths[k]);
      g_test_message ("depth %zu: learning time %ld epochs, flow %.1f",
                      depths[k], t, predicted);
      g_assert_cmpint (t, >, prev);
      g_assert_cmpfloat (predicted, >, prev_pred);
      prev_pred = predicted;
      g_assert_cmpfloat (fabs ((double) t - predicted), <=,
                         FLOW_TIME_RTOL * predicted + 1.0);
      prev = t;
    }
}

/* dln_chain_gen_samples promises the stream of dln_dataset_gen_samples
 * (docs/demos.md#linear-samples, the dataset module's independent
 * implementation). */
static void
test_samples_match_dataset (void)
{
  DlnArena *arena = dln_arena_new (1 << 16);
  DlnTensor *xt, *yt;
  DlnRng rng;
  double x[100], y[100];

  dln_rng_init (&rng, 2021);
  g_assert_cmpint (dln_dataset_gen_samples (&rng, 100, 2.0, 0.1, arena, &xt,
                                            &yt), ==, 0);
  dln_chain_gen_samples (2021, 100, 2.0, 0.1, x, y);
  g_assert_cmpmem (x, sizeof x, xt->data, sizeof x);
  g_assert_cmpmem (y, sizeof y, yt->data, sizeof y);
  dln_arena_free (arena);
}

typedef struct
{
  size_t calls, last_done, total;
  gboolean in_order;
} ProgressLog;

static void
log_progress (size_t done,
              size_t total,
              void  *data)
{
  ProgressLog *log = data;

  log->in_order = log->in_order && done == log->last_done + 1;
  log->calls++;
  log->last_done = done;
  log->total = total;
}

/* The progress callback sees every update, 1 .. epochs in order, and
 * leaves the run's numbers as they are; a diverged run stops it there. */
static void
test_progress (void)
{
  DlnChainCourse c;
  ProgressLog log = { 0, 0, 0, TRUE };
  double plain[300], watched[300];
  size_t done = 0;

  dln_chain_course_init (&c);
  c.depth = 4;
  c.epochs = 300;
  g_assert_cmpint (dln_chain_course_run (&c, plain, NULL, NULL, NULL), ==,
                   DLN_STATUS_OK);
  c.progress = log_progress;
  c.progress_data = &log;
  g_assert_cmpint (dln_chain_course_run (&c, watched, NULL, NULL, NULL), ==,
                   DLN_STATUS_OK);
  g_assert_true (log.in_order);
  g_assert_cmpuint (log.calls, ==, 300);
  g_assert_cmpuint (log.total, ==, 300);
  g_assert_cmpmem (plain, sizeof plain, watched, sizeof watched);

  /* D12's overflow: the callback stops with the run */
  memset (&log, 0, sizeof log);
  log.in_order = TRUE;
  c.depth = 50;
  c.init_weight = 2.0;
  c.lr = 0.1;
  g_assert_cmpint (dln_chain_course_run (&c, watched, NULL, &done, NULL), ==,
                   DLN_STATUS_DIVERGED);
  g_assert_true (log.in_order);
  g_assert_cmpuint (log.calls, ==, done);
  g_assert_cmpuint (done, <, 300);
}

/* The course's sweeps, as docs/demos.md states them: D11 starts at 0.70,
 * 0.75, .., 1.05 (each the double the course's two decimals name) and
 * D10 plays depths 10, 20, .., 60. */
static void
test_course_sweeps (void)
{
  static const double starts[] = { 0.70, 0.75, 0.80, 0.85, 0.90, 0.95, 1.00,
                                   1.05 };
  static const size_t depths[] = { 10, 20, 30, 40, 50, 60 };

  g_assert_cmpuint (DLN_CHAIN_INIT_DEMO_RUNS, ==, G_N_ELEMENTS (starts));
  for (size_t k = 0; k < G_N_ELEMENTS (starts); k++)
    g_assert_cmpfloat (dln_chain_init_demo_weight (k), ==, starts[k]);
  g_assert_cmpuint (DLN_CHAIN_GAME_DEPTHS, ==, G_N_ELEMENTS (depths));
  for (size_t k = 0; k < G_N_ELEMENTS (depths); k++)
    g_assert_cmpuint (dln_chain_game_depth (k), ==, depths[k]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/core/chain/gradient", test_gradient);
  g_test_add_func ("/dln/core/chain/divergence", test_divergence);
  g_test_add_func ("/dln/core/chain/progress", test_progress);
  g_test_add_func ("/dln/core/chain/samples-match-dataset",
                   test_samples_match_dataset);
  g_test_add_func ("/dln/core/chain/learning-time-rule",
                   test_learning_time_rule);
  g_test_add_func ("/dln/core/chain/plateau-grows-with-depth",
                   test_plateau_grows_with_depth);
  g_test_add_func ("/dln/core/chain/course-sweeps", test_course_sweeps);
  return g_test_run ();
}
