/* The D14–D18 pages' run (ui/pages/dln-deep-run.c) on its DlnRun worker:
 * the course's conventions (docs/demos.md#recording), the theory beside the
 * simulation where docs/theory.md says it should sit, divergence, weights
 * for sessions, and the time a run takes (printed, never asserted). No
 * display is needed: DlnRun is GIO only. */

#include "config.h"

#include "dln-test-deep-run.h"

#include <math.h>
#include <string.h>

/* The discrete map from the effective starting strengths
 * (docs/theory.md#discrete-map, #effective-start) against the course's run:
 * random (not aligned) small initial weights make it approximate; the loss it
 * predicts stays within this of the simulated loss (which runs from 1 to
 * ~1e-10) at every epoch. Measured: 2e-3 at seed 2021; the closed form
 * (gradient flow) is off by ~0.3 around the drops, so the bound separates
 * them. */
#define DISCRETE_LOSS_TOL 2e-2
/* The closed form must be visibly worse than the discrete map there. */
#define CLOSED_LOSS_MIN_ERR 0.05

/* Runs @params on @run with the course's tree (seed 2021) and waits for
 * its snapshot (valid until the run's next snapshot or its end). */
static void
run_on (DlnRun                *run,
        const DlnCourseParams *params,
        DlnTestRunWait        *w)
{
  DlnDataset *ds = NULL;

  g_assert_cmpint (dln_dataset_new_builtin ("tree", 2021, &ds, NULL), ==,
                   DLN_STATUS_OK);
  dln_test_deep_run_wait (run, ds, params, w);
}

/* Runs @params on a new run and returns the run (its snapshot stays valid
 * while the run lives). */
static DlnRun *
run_course (const DlnCourseParams *params,
            DlnTestRunWait        *w)
{
  DlnRun *run = dln_test_deep_run_new (w);

  run_on (run, params, w);
  return run;
}

/* Most tests make one course run: the fixture holds the course's
 * parameters, which the test changes, and the run, which keeps the last
 * snapshot alive until the test ends. */
typedef struct
{
  DlnCourseParams params;
  DlnTestRunWait  w;
  DlnRun         *run;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  dln_course_params_init (&f->params);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->run);
}

/* Runs the fixture's parameters on a fresh run, on @ds (taken) or, when
 * NULL, the course's tree, and returns the snapshot. */
static const DlnDeepSnapshot *
fixture_run (Fixture    *f,
             DlnDataset *ds)
{
  g_clear_object (&f->run);
  f->run = dln_test_deep_run_new (&f->w);
  if (ds == NULL)
    run_on (f->run, &f->params, &f->w);
  else
    dln_test_deep_run_wait (f->run, ds, &f->params, &f->w);
  return f->w.snap;
}

/* A run that reuses the previous run's trainer, weights and memory (an η
 * or γ slider move) gives exactly what a fresh run gives. */
static void
check_same_run (const DlnDeepSnapshot *a,
                const DlnDeepSnapshot *b)
{
  size_t E = a->n_epochs, K = a->n_modes;

  g_assert_cmpuint (b->n_epochs, ==, E);
  g_assert_cmpmem (a->loss, E * sizeof (double), b->loss, E * sizeof (double));
  g_assert_cmpmem (a->sv, E * K * sizeof (double), b->sv,
                   E * K * sizeof (double));
  g_assert_cmpmem (a->theory_discrete, E * K * sizeof (double),
                   b->theory_discrete, E * K * sizeof (double));
  g_assert_cmpmem (a->u0, K * sizeof (double), b->u0, K * sizeof (double));
}

static void
test_reuse (void)
{
  DlnCourseParams params;
  DlnTestRunWait wf = { 0 }, wr = { 0 };
  DlnRun *fresh, *reused;
  double gamma_ms;

  dln_course_params_init (&params);
  reused = run_course (&params, &wr);          /* the course's run first */

  params.lr = 80.0;                            /* an η move */
  fresh = run_course (&params, &wf);
  run_on (reused, &params, &wr);
  g_test_message ("eta move: %.1f ms (fresh run %.1f ms)", wr.snap->train_ms,
                  wf.snap->train_ms);
  check_same_run (wf.snap, wr.snap);
  g_object_unref (fresh);

  params.init_scale = 1e-6;                    /* a γ move */
  fresh = run_course (&params, &wf);
  run_on (reused, &params, &wr);
  gamma_ms = wr.snap->train_ms;
  g_test_message ("gamma move: %.1f ms", gamma_ms);
  check_same_run (wf.snap, wr.snap);
  g_object_unref (fresh);

  params.hidden = 12;                          /* a new shape */
  params.depth = 3;
  fresh = run_course (&params, &wf);
  run_on (reused, &params, &wr);
  check_same_run (wf.snap, wr.snap);
  g_object_unref (fresh);
  g_object_unref (reused);
}

static void
test_course_run (Fixture       *f,
                 gconstpointer  data)
{
  const DlnDeepSnapshot *s;
  double err_d = 0.0, err_c = 0.0;
  g_autoptr(GVariant) weights = NULL;

  f->params.keep_weights = TRUE;
  s = fixture_run (f, NULL);
  g_test_message ("course run: set-up + 250 epochs %.1f ms, with theory "
                  "%.1f ms, %s path", s->train_ms, s->total_ms,
                  s->reduced ? "reduced" : "direct");
  g_assert_cmpint (s->status, ==, DLN_STATUS_OK);
  g_assert_cmpint (s->diverged_epoch, ==, -1);
  g_assert_cmpuint (s->n_epochs, ==, 250);
  g_assert_cmpuint (s->n_modes, ==, 8);
  g_assert_cmpuint (s->n_rsm, ==, 1);
  /* the net starts at ~0: the loss is mean (Y²) = 1 for ±1 data */
  g_assert_cmpfloat_with_epsilon (s->loss[0], 1.0, 1e-12);
  /* τ_eff = 400 epochs at η = 100 (docs/theory.md#conventions) */
  g_assert_cmpfloat_with_epsilon (s->tau, 400.0, 1e-9);
  /* s_eff: the singular values of Yᵀ, ≈ 100·√λ of
   * docs/demos.md#tree-generator */
  g_assert_cmpfloat_with_epsilon (s->s_eff[0], 156.2, 3.0);
  for (size_t e = 0; e < s->n_epochs; e++)
    {
      err_d = MAX (err_d, fabs (s->loss[e] - s->loss_discrete[e]));
      err_c = MAX (err_c, fabs (s->loss[e] - s->loss_closed[e]));
    }
  g_test_message ("max |loss − theory|: discrete map %.3g, closed form %.3g",
                  err_d, err_c);
  g_assert_cmpfloat (err_d, <=, DISCRETE_LOSS_TOL);
  g_assert_cmpfloat (err_c, >=, CLOSED_LOSS_MIN_ERR);
  /* converged: every strength near its data value, loss ~0 */
  g_assert_cmpfloat (s->loss[249], <, 1e-6);
  for (size_t k = 0; k < 8; k++)
    g_assert_cmpfloat_with_epsilon (s->strength[249 * 8 + k] / s->s_eff[k],
                                    1.0, 1e-3);
  /* the sessions' weights: W₁ [30, 8], W₂ [10000, 30] */
  weights = dln_deep_snapshot_weights (s);
  g_variant_ref_sink (weights);
  g_assert_cmpuint (g_variant_n_children (weights), ==, 2);
  {
    g_autoptr(GVariant) w1 = g_variant_get_child_value (weights, 0);
    g_autoptr(GVariant) w2 = g_variant_get_child_value (weights, 1);
    g_autoptr(GVariant) row = g_variant_get_child_value (w2, 0);

    g_assert_cmpuint (g_variant_n_children (w1), ==, 30);
    g_assert_cmpuint (g_variant_n_children (w2), ==, 10000);
    g_assert_cmpuint (g_variant_n_children (row), ==, 30);
  }
}

/* The RSM the theory predicts (V A Vᵀ, docs/theory.md#representations) against
 * H Hᵀ of the simulation, at the end of training where both are V S Vᵀ:
 * relative to the largest entry. A net trained from a tiny start stays balanced
 * to rounding, so they agree to ~1e-12 (measured); 1e-6 leaves room for
 * other BLAS builds. */
#define RSM_END_TOL 1e-6

static void
test_rsm_prediction (Fixture       *f,
                     gconstpointer  data)
{
  const DlnDeepSnapshot *s = fixture_run (f, NULL);
  const double *sim, *pred;
  double m = 0.0, err = 0.0;

  sim = dln_deep_snapshot_rsm (s, 249, 1);
  pred = &s->rsm_predicted[249 * 64];
  for (int i = 0; i < 64; i++)
    {
      m = MAX (m, fabs (sim[i]));
      err = MAX (err, fabs (sim[i] - pred[i]));
    }
  g_test_message ("RSM at epoch 249: max |H Hᵀ − V A Vᵀ| / max = %.3g",
                  err / m);
  g_assert_cmpfloat (err / m, <=, RSM_END_TOL);
}

/* The RSA page's normalisers (dln_deep_snapshot_rsm_scale and
 * _predicted_scale, which the page calls): the largest entry over every
 * valid epoch (the course), or at the one epoch when switched; checked
 * against a scan of the snapshot written out here. */
static void
test_rsm_scales (Fixture       *f,
                 gconstpointer  data)
{
  const DlnDeepSnapshot *s = fixture_run (f, NULL);
  double all = 0.0, all_pred = 0.0, at = 0.0, at_pred = 0.0;
  size_t P2 = s->n_items * s->n_items, e = 61;

  g_assert_cmpuint (s->n_valid, ==, 250);
  for (size_t t = 0; t < s->n_valid; t++)
    for (size_t i = 0; i < P2; i++)
      {
        double v = dln_deep_snapshot_rsm (s, t, 1)[i];
        double vp = s->rsm_predicted[t * P2 + i];

        all = MAX (all, v);
        all_pred = MAX (all_pred, vp);
        if (t == e)
          {
            at = MAX (at, v);
            at_pred = MAX (at_pred, vp);
          }
      }
  /* learning grows the similarities: the last epochs hold the maximum,
   * far above epoch 61's, so a scale from one epoch cannot pass */
  g_assert_cmpfloat (at_pred, <, 0.5 * all_pred);
  g_assert_cmpfloat (dln_deep_snapshot_rsm_scale (s, 1, -1), ==, all);
  g_assert_cmpfloat (dln_deep_snapshot_rsm_scale (s, 1, (long) e), ==, at);
  g_assert_cmpfloat (dln_deep_snapshot_rsm_predicted_scale (s, -1), ==,
                     all_pred);
  g_assert_cmpfloat (dln_deep_snapshot_rsm_predicted_scale (s, (long) e), ==,
                     at_pred);
}

/* PyTorch's default Linear init (D18's zero-depth net): every weight of a
 * layer [fan_out, fan_in] lies in ±1/√fan_in, and with 80 000 draws the
 * largest comes within 1 % of the bound. A bound from fan_out (10 000 for
 * the tree's features) would be 28 times smaller. */
static void
test_torch_init_bound (Fixture       *f,
                       gconstpointer  data)
{
  const DlnDeepSnapshot *s;

  f->params.depth = 1;
  f->params.init = DLN_COURSE_INIT_TORCH_DEFAULT;
  f->params.keep_weights = TRUE;
  f->params.lr = 1e-9;   /* the trained weights stay the initial ones */
  f->params.epochs = 1;
  s = fixture_run (f, NULL);
  g_assert_cmpuint (s->n_layers, ==, 1);
  for (size_t l = 0; l < s->n_layers; l++)
    {
      double bound = 1.0 / sqrt ((double) s->cols[l]), m = 0.0;

      g_assert_cmpuint (s->cols[l], ==, 8);
      for (size_t i = 0; i < s->rows[l] * s->cols[l]; i++)
        m = MAX (m, fabs (s->weights[l][i]));
      g_assert_cmpfloat (m, <=, bound * (1 + 1e-9));
      g_assert_cmpfloat (m, >=, 0.99 * bound);
    }
}

/* η far above the stability bound P·N/(2 s₁) ≈ 256: the run diverges;
 * the snapshot says when, and the curve stops there. */
static void
test_divergence (Fixture       *f,
                 gconstpointer  data)
{
  const DlnDeepSnapshot *s;

  f->params.lr = 2000.0;
  f->params.init_scale = 1.0;
  s = fixture_run (f, NULL);
  g_assert_cmpint (s->status, ==, DLN_STATUS_OK);
  g_assert_cmpint (s->diverged_epoch, >=, 0);
  g_assert_cmpint (s->diverged_epoch, <, 250);
  g_assert_false (isfinite (s->loss[s->diverged_epoch]));
  for (size_t e = (size_t) s->diverged_epoch + 1; e < 250; e++)
    g_assert_true (isnan (s->loss[e]));
  g_test_message ("η = 2000 diverged at epoch %ld", s->diverged_epoch);
}

/* The user's data may hold thousands of items, whose per-epoch RSMs
 * (250 × P² values per layer) would not fit in memory: the run is
 * refused with a message and an empty snapshot, not an abort. */
static void
test_too_many_items (Fixture       *f,
                     gconstpointer  data)
{
  const size_t P = 4096;
  g_autofree double *y = g_new (double, P * 2);
  DlnDataset *ds = NULL;
  const DlnDeepSnapshot *s;

  for (size_t i = 0; i < P * 2; i++)
    y[i] = (i * 7919 % 13) < 6 ? 1.0 : -1.0;
  g_assert_cmpint (dln_dataset_new_from (P, 2, y, NULL, NULL, &ds, NULL), ==,
                   DLN_STATUS_OK);
  f->params.lr = 1.0;
  s = fixture_run (f, ds);
  g_assert_cmpint (s->status, ==, DLN_STATUS_INVALID_INPUT);
  g_assert_cmpuint (s->n_epochs, ==, 0);
  g_assert_cmpuint (s->n_items, ==, 0);
  g_assert_nonnull (strstr (s->message, "4096 items are too many"));
  g_assert_nonnull (strstr (s->message, "at most 259 items"));
}

/* D17: the shark's has_bones prediction first swings to the animals'
 * value (> 0), then settles on the truth −1 (docs/demos.md#d17). */
static void
test_illusory_trace (Fixture       *f,
                     gconstpointer  data)
{
  DlnDataset *ds = NULL;
  const DlnDeepSnapshot *s;
  double peak = -2.0;

  g_assert_cmpint (dln_dataset_new_builtin ("tree-shark", 2021, &ds, NULL),
                   ==, DLN_STATUS_OK);
  f->params.n_track = 1;
  f->params.track_item = (size_t) ds->tracked_item;
  f->params.track_feature = (size_t) ds->tracked_feature;
  s = fixture_run (f, ds);
  for (size_t e = 0; e < 250; e++)
    peak = MAX (peak, s->track[e]);
  g_test_message ("shark has_bones: peak %+.3f, end %+.3f", peak,
                  s->track[249]);
  g_assert_cmpfloat (peak, >, 0.2);
  g_assert_cmpfloat_with_epsilon (s->track[249], -1.0, 1e-2);
  /* the per-mode shares at convergence add up to the data value */
  {
    double sum = 0.0;

    for (size_t k = 0; k < 8; k++)
      sum += s->s_eff[k] * s->mode_track[k];
    g_assert_cmpfloat_with_epsilon (sum, -1.0, 1e-9);
  }
}

/* The pages' theory keeps the rank bound: with 2 hidden units, modes
 * 3 .. 8 stay exactly 0 in both overlays, the predicted loss ends at the
 * energy of those modes (Σ_{k>2} s_eff_k² / (P n_out), docs/theory.md#rank-bound),
 * as the simulation does, and the legend says so. At depth 3 the theory
 * is defined (no NaN) and the legend says its start is a projection. */
static void
test_rank_bound_and_depth (Fixture       *f,
                           gconstpointer  data)
{
  const DlnDeepSnapshot *s;
  double floor = 0.0;
  size_t E, K;

  f->params.hidden = 2;
  f->params.epochs = 1500;
  s = fixture_run (f, NULL);
  E = s->n_epochs;
  K = s->n_modes;
  g_assert_cmpint (s->status, ==, DLN_STATUS_OK);
  for (size_t k = 2; k < K; k++)
    {
      floor += s->s_eff[k] * s->s_eff[k] / (8.0 * 10000.0);
      g_assert_cmpfloat (s->u0[k], ==, 0.0);
      for (size_t e = 0; e < E; e++)
        {
          g_assert_cmpfloat (s->theory_discrete[e * K + k], ==, 0.0);
          g_assert_cmpfloat (s->theory_closed[e * K + k], ==, 0.0);
        }
    }
  g_test_message ("hidden 2: loss %.6f, discrete theory %.6f, floor %.6f",
                  s->loss[E - 1], s->loss_discrete[E - 1], floor);
  g_assert_cmpfloat (fabs (s->loss_discrete[E - 1] - floor), <=, 1e-9);
  g_assert_cmpfloat (fabs (s->loss[E - 1] - floor), <=, 1e-4);
  g_assert_nonnull (strstr (s->theory_legend, "modes 3–8"));
  g_assert_nonnull (strstr (s->theory_legend, "loss floor 0.508"));

  dln_course_params_init (&f->params);
  f->params.depth = 3;
  f->params.hidden = 4;
  f->params.lr = 10;
  f->params.init_scale = 0.3;
  f->params.epochs = 500;
  s = fixture_run (f, NULL);
  for (size_t i = 0; i < s->n_epochs * s->n_modes; i++)
    g_assert_false (isnan (s->theory_discrete[i]));
  for (size_t e = 0; e < s->n_epochs; e++)
    g_assert_false (isnan (s->loss_discrete[e]));
  g_assert_nonnull (strstr (s->theory_legend, "depth 3 from a random start"));
}

int
main (int   argc,
      char *argv[])
{
  static const struct
  {
    const char *path;
    void      (*test) (Fixture *, gconstpointer);
  } tests[] = {
    { "/dln/headless/deep-run/course", test_course_run },
    { "/dln/headless/deep-run/rsm-prediction", test_rsm_prediction },
    { "/dln/headless/deep-run/rsm-scales", test_rsm_scales },
    { "/dln/headless/deep-run/torch-init-bound", test_torch_init_bound },
    { "/dln/headless/deep-run/divergence", test_divergence },
    { "/dln/headless/deep-run/illusory", test_illusory_trace },
    { "/dln/headless/deep-run/too-many-items", test_too_many_items },
    { "/dln/headless/deep-run/rank-bound-and-depth",
      test_rank_bound_and_depth },
  };

  g_test_init (&argc, &argv, NULL);
  for (size_t k = 0; k < G_N_ELEMENTS (tests); k++)
    g_test_add (tests[k].path, Fixture, NULL, fixture_setup, tests[k].test,
                fixture_teardown);
  g_test_add_func ("/dln/headless/deep-run/reuse", test_reuse);
  return g_test_run ();
}
