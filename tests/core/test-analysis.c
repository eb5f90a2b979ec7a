/* dln-theory and dln-analysis against closed forms, independent numerical
 * methods and the (checked) numbers of docs/theory.md.
 * (Over 800 lines: one test file for the two theory modules, dln-analysis
 * being built on dln-theory's closed forms.) */

#include "dln-core.h"
#include "dln-test-util.h"

#include <glib.h>
#include <math.h>
#include <string.h>

/* DOPRI5 at a local tolerance of 1e-12 in ln u: the global error over a
 * sigmoid's ~10^3 steps stays near 1e-10; 1e-8 leaves 100x margin. */
#define ODE_VS_CLOSED_TOL 1e-8
/* Simpson at 1e-12 relative: compare closed forms to 1e-9. */
#define QUAD_VS_CLOSED_TOL 1e-9
/* Factorisations reconstruct to a few ulps times the size. */
#define LINALG_TOL 1e-12

/* --- Conventions --- */

static void
test_conventions (void)
{
  /* docs/theory.md#conventions, NMA tree: mean over 8 x 10000, no 1/2, lr
   * 100. */
  double kappa = dln_theory_kappa (DLN_REDUCTION_MEAN, 0, 8, 10000);
  double tau = dln_theory_tau (100.0, kappa, 8);
  double h = dln_theory_step_h (100.0, kappa, 8, 1.0 / 8.0);

  g_assert_cmpfloat_with_epsilon (kappa, 2.0 / 80000.0, 1e-20);
  g_assert_cmpfloat_with_epsilon (h, 0.0025, 1e-15);
  g_assert_cmpfloat_with_epsilon (tau / 0.125, 400.0, 1e-10);  /* tau_eff */
  /* S14: half, sum -> tau = 1/(lr P) in average-correlation units. */
  g_assert_cmpfloat_with_epsilon (dln_theory_tau (0.5, dln_theory_kappa
                                  (DLN_REDUCTION_SUM, 1, 4, 7), 4), 0.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (dln_theory_kappa (DLN_REDUCTION_SAMPLE_MEAN,
                                                    1, 4, 7), 0.25, 1e-15);
}

/* --- Continuous curves --- */

static void
check_sigmoid_vs_ode (double s,
                      double u0,
                      double tau)
{
  double t[60], u[60];
  DlnMessage msg;

  for (int i = 0; i < 60; i++)
    t[i] = i * (12.0 * tau / s) / 59.0;
  g_assert_cmpint (dln_theory_depth_curve (2, s, u0, tau, t, 60, u, &msg), ==,
                   DLN_STATUS_OK);
  for (int i = 0; i < 60; i++)
    {
      double want = dln_theory_sigmoid (s, u0, t[i], tau);

      if (fabs (u[i] - want) > ODE_VS_CLOSED_TOL * want)
        g_error ("s %g u0 %g t %g: ode %.17g closed %.17g", s, u0, t[i], u[i],
                 want);
    }
}

static void
test_sigmoid_vs_ode (void)
{
  check_sigmoid_vs_ode (1.0, 1e-4, 1.0);
  check_sigmoid_vs_ode (3.0, 0.5, 2.0);
  check_sigmoid_vs_ode (3.0, 4.0, 1.0);       /* from above: decays to s */
  check_sigmoid_vs_ode (158.0, 1e-12, 400.0); /* course-sized */
}

static void
test_shallow_vs_ode (void)
{
  double t[40], u[40];
  DlnMessage msg;

  for (int i = 0; i < 40; i++)
    t[i] = 0.25 * i;
  g_assert_cmpint (dln_theory_depth_curve (1, 2.0, 1e-3, 1.5, t, 40, u, &msg),
                   ==, DLN_STATUS_OK);
  for (int i = 0; i < 40; i++)
    g_assert_cmpfloat_with_epsilon (u[i], dln_theory_shallow (2.0, 1e-3, t[i],
                                                              1.5),
                                    ODE_VS_CLOSED_TOL * 2.0);
  /* Hand values: a(tau) = s + (a0 - s)/e. */
  g_assert_cmpfloat_with_epsilon (dln_theory_shallow (2.0, 0.0, 1.5, 1.5),
                                  2.0 - 2.0 / M_E, 1e-15);
  g_assert_true (isnan (dln_theory_sigmoid (1.0, 0.0, 1.0, 1.0)));
}

/* The closed form's overflow-safe form stays finite where eq. 12 as
 * printed (e^{2st/tau} / (e^{2st/tau} - 1 + s/u0)) gives inf/inf. */
static void
test_sigmoid_overflow (void)
{
  double u = dln_theory_sigmoid (158.0, 1e-12, 1e6, 1.0);

  g_assert_cmpfloat (u, ==, 158.0);
  g_assert_cmpfloat_with_epsilon (dln_theory_sigmoid (1.0, 1e-300, 1.0, 1.0),
                                  exp (2.0) * 1e-300, 1e-310);
}

static void
test_depth_curve_errors (void)
{
  double t[3] = { 0, 2, 1 }, u[3];
  DlnMessage msg;

  g_assert_cmpint (dln_theory_depth_curve (0, 1, 0.1, 1, t, 1, u, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpint (dln_theory_depth_curve (3, 1, 0.0, 1, t, 1, u, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpint (dln_theory_depth_curve (3, 1, 0.1, 1, t, 3, u, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "out of order"));
}

/* --- Learning times --- */

static void
test_time_closed_forms (void)
{
  /* N = 2: quadrature against eq. 11. */
  g_assert_cmpfloat_with_epsilon (dln_theory_time (2, 1.0, 1e-4, 1 - 1e-4, 1.0),
                                  dln_theory_time_n2 (1.0, 1e-4, 1 - 1e-4, 1.0),
                                  QUAD_VS_CLOSED_TOL * 10);
  g_assert_cmpfloat_with_epsilon (dln_theory_time (2, 3.0, 0.2, 1.5, 7.0),
                                  dln_theory_time_n2 (3.0, 0.2, 1.5, 7.0),
                                  QUAD_VS_CLOSED_TOL);
  /* N = 1: t = tau ln ((s - u0) / (s - uf)). */
  g_assert_cmpfloat_with_epsilon (dln_theory_time (1, 2.0, 0.5, 1.5, 3.0),
                                  3.0 * log (1.5 / 0.5), QUAD_VS_CLOSED_TOL);
  /* eq. 11 by hand: s = 1, u0 = 0.01, uf = 0.99: ln (99²) / 2 = ln 99. */
  g_assert_cmpfloat_with_epsilon (dln_theory_time_n2 (1.0, 0.01, 0.99, 1.0),
                                  log (99.0), 1e-14);
  g_assert_true (isnan (dln_theory_time (3, 1.0, 1.0, 0.5, 1.0)));
}

/* docs/theory.md#depth (checked): s = 1, tau = 1, u0 -> s - u0. Tolerance: half
 * a unit of the last digit docs/theory.md prints. */
static void
test_time_verified_numbers (void)
{
  const int depth[5] = { 2, 3, 4, 6, 10 };
  const double want_small[5] = { 9.21, 23.9, 52.1, 118, 199 };
  const double tol_small[5] = { 0.005, 0.05, 0.05, 0.5, 0.5 };
  const double want_big[5] = { 4.6, 5.4, 5.9, 6.2, 5.6 };

  for (int i = 0; i < 5; i++)
    {
      double t1 = dln_theory_time (depth[i], 1.0, 1e-4, 1.0 - 1e-4, 1.0);
      double t2 = dln_theory_time (depth[i], 1.0, 1e-2, 1.0 - 1e-2, 1.0);

      g_test_message ("N = %d: %.4f, %.4f", depth[i], t1, t2);
      g_assert_cmpfloat_with_epsilon (t1, want_small[i], tol_small[i]);
      g_assert_cmpfloat_with_epsilon (t2, want_big[i], 0.05);
    }
}

/* Two independent methods: the ODE, stopped at the quadrature's half
 * time, must sit at s/2. */
static void
test_time_vs_ode (void)
{
  for (int n = 1; n <= 6; n++)
    {
      double th = dln_theory_half_time (n, 2.0, 1e-3, 3.0), u;
      DlnMessage msg;

      g_assert_cmpint (dln_theory_depth_curve (n, 2.0, 1e-3, 3.0, &th, 1, &u,
                                               &msg), ==, DLN_STATUS_OK);
      g_assert_cmpfloat_with_epsilon (u, 1.0, 1e-8);
    }
}

/* eq. 17 is the N -> infinity limit of the eq. 15 integral: their relative
 * difference is O(ln (1/u0) / N); it must shrink tenfold per decade of N. */
static void
test_time_deep_limit (void)
{
  double d4, d5;

  d4 = fabs (dln_theory_time (10000, 1.0, 0.01, 0.99, 1.0)
             / dln_theory_time_deep_limit (10000, 1.0, 0.01, 0.99, 1.0) - 1);
  d5 = fabs (dln_theory_time (100000, 1.0, 0.01, 0.99, 1.0)
             / dln_theory_time_deep_limit (100000, 1.0, 0.01, 0.99, 1.0) - 1);
  g_test_message ("eq. 17 vs integral: %.3g at N = 1e4, %.3g at 1e5", d4, d5);
  g_assert_cmpfloat (d4, <, 2e-3);
  g_assert_cmpfloat_with_epsilon (d4 / d5, 10.0, 0.5);
}

/* --- Discrete map --- */

static void
test_discrete_step_by_hand (void)
{
  /* a = 0.5, s = 2, h = 0.1, N = 3: 0.5 + 0.1 · 0.25 · (2 - 0.125). */
  g_assert_cmpfloat_with_epsilon (dln_theory_discrete_step (3, 0.5, 2.0, 0.1),
                                  0.546875, 1e-16);
  /* N = 1: a + h (s - a). */
  g_assert_cmpfloat_with_epsilon (dln_theory_discrete_step (1, 0.5, 2.0, 0.1),
                                  0.65, 1e-16);
}

/* Max |u_k - u(t = k)| over a whole sigmoid with tau = 1/h. */
static double
discrete_error (int    depth,
                double h)
{
  size_t n = (size_t) (12.0 / h);
  double *u = g_new (double, n + 1), *t = g_new (double, n + 1);
  double *c = g_new (double, n + 1), err = 0.0;
  DlnMessage msg;

  dln_theory_discrete_curve (depth, 1.0, 1e-3, h, n, u);
  for (size_t k = 0; k <= n; k++)
    t[k] = (double) k;
  g_assert_cmpint (dln_theory_depth_curve (depth, 1.0, 1e-3, 1.0 / h, t,
                                           n + 1, c, &msg), ==, DLN_STATUS_OK);
  for (size_t k = 0; k <= n; k++)
    err = MAX (err, fabs (u[k] - c[k]));
  g_free (u);
  g_free (t);
  g_free (c);
  return err;
}

/* docs/theory.md#continuous-limit: the continuous curve is the lr -> 0 limit,
 * its error O(h s): halving h must halve the error (ratio 2 within 10%). */
static void
test_discrete_linear_in_h (void)
{
  for (int depth = 2; depth <= 3; depth++)
    {
      double e1 = discrete_error (depth, 0.02), e2 = discrete_error (depth, 0.01);
      double e3 = discrete_error (depth, 0.005);

      g_test_message ("N = %d: max error %.3g, %.3g, %.3g", depth, e1, e2, e3);
      g_assert_cmpfloat_with_epsilon (e1 / e2, 2.0, 0.2);
      g_assert_cmpfloat_with_epsilon (e2 / e3, 2.0, 0.2);
      g_assert_cmpfloat (e3, <, 0.01);
    }
}

/* --- Modes --- */

static DlnTensor *random_orthonormal (DlnArena *arena,
                                      DlnRng   *rng,
                                      size_t    n,
                                      size_t    r);
static DlnTensor *adbt (DlnArena        *arena,
                        const DlnTensor *a,
                        const double    *d,
                        const DlnTensor *b);
/* A dataset and its modes, the set-up most analysis tests share. */
typedef struct
{
  DlnDataset *ds;
  DlnArena   *arena;
  DlnModes    m;
  DlnMessage  msg;
} DatasetModes;

static void toy_open (DatasetModes *t);
static void modes_close (DatasetModes *t);

/* w[hi] w[hi - 1] ... w[lo], multiplied from the left; NULL when
 * hi < lo (an empty product). */
static DlnTensor *
chain_product (DlnArena         *arena,
               DlnTensor *const *w,
               int               hi,
               int               lo)
{
  DlnTensor *p = NULL;

  for (int j = hi; j >= lo; j--)
    if (p == NULL)
      p = dln_tensor_copy (arena, w[j]);
    else
      {
        DlnTensor *nt = dln_tensor_new (arena, p->rows, w[j]->cols);

        dln_linalg_gemm (nt, p, 0, w[j], 0, 1.0, 0.0);
        p = nt;
      }
  return p;
}

/* Full-matrix gradient descent written out here (gemm only), on the
 * course's loss (mean over P x n_out, no 1/2), from an aligned balanced
 * start W_l = R_{l+1} D R_lᵀ (R_1 = V, R_{N+1} = U):
 * docs/theory.md#discrete-map says every mode follows the exact discrete map
 * with h = lr kappa P c. Holds dln_theory_discrete_curve and
 * dln_theory_step_h/kappa to rounding. */
static void
check_discrete_vs_gd (int depth)
{
  DatasetModes t;
  DlnRng rng;
  DlnTensor *w[4], *r[5], *g, *e, *wtot, *left, *right, *tmp, *grad;
  const double u0[4] = { 1e-3, 2e-3, 5e-4, 1e-3 };
  double d[4], kappa, h, lr = 0.7;
  enum { STEPS = 300 };
  double want[4][STEPS + 1];

  toy_open (&t);
  kappa = dln_theory_kappa (DLN_REDUCTION_MEAN, 0, 4, 7);
  h = dln_theory_step_h (lr, kappa, 4, t.m.c);
  g_assert_cmpfloat_with_epsilon (h, 0.05, 1e-15);
  dln_rng_init (&rng, 17);
  r[0] = t.m.v;
  for (int l = 1; l < depth; l++)
    r[l] = random_orthonormal (t.arena, &rng, 4, 4);
  r[depth] = t.m.u;
  for (int k = 0; k < 4; k++)
    {
      d[k] = pow (u0[k], 1.0 / depth);
      dln_theory_discrete_curve (depth, t.m.s_eff->data[k], u0[k], h, STEPS,
                                 want[k]);
    }
  for (int l = 0; l < depth; l++)
    w[l] = adbt (t.arena, r[l + 1], d, r[l]);

  wtot = dln_tensor_new (t.arena, 7, 4);
  e = dln_tensor_new (t.arena, 4, 7);
  g = dln_tensor_new (t.arena, 7, 4);
  for (int step = 0; step <= STEPS; step++)
    {
      double a[4];

      /* W_tot = W_N ... W_1. */
      tmp = dln_tensor_copy (t.arena, w[0]);
      for (int l = 1; l < depth; l++)
        {
          DlnTensor *nt = dln_tensor_new (t.arena, w[l]->rows, tmp->cols);

          dln_linalg_gemm (nt, w[l], 0, tmp, 0, 1.0, 0.0);
          tmp = nt;
        }
      memcpy (wtot->data, tmp->data, 28 * sizeof (double));
      dln_analysis_mode_strengths (&t.m, wtot, a);
      for (int k = 0; k < 4; k++)
        if (fabs (a[k] - want[k][step]) > 1e-12 * MAX (1.0, want[k][step]))
          g_error ("depth %d step %d mode %d: GD %.17g map %.17g", depth,
                   step, k, a[k], want[k][step]);
      /* E = X W_totᵀ - Y [P, n_out]; dL/dW_tot = (2/(P n_out)) Eᵀ X. */
      dln_linalg_gemm (e, t.ds->x, 0, wtot, 1, 1.0, 0.0);
      for (int i = 0; i < 28; i++)
        e->data[i] -= t.ds->y->data[i];
      dln_linalg_gemm (g, e, 1, t.ds->x, 0, 2.0 / 28.0, 0.0);
      /* dL/dW_l = (W_N..W_{l+1})ᵀ G (W_{l-1}..W_1)ᵀ, all from the old
       * weights: compute every gradient before stepping. */
      {
        DlnTensor *grads[4];

        for (int l = 0; l < depth; l++)
          {
            left = chain_product (t.arena, w, depth - 1, l + 1);
            right = chain_product (t.arena, w, l - 1, 0);
            tmp = g;
            if (left != NULL)
              {
                DlnTensor *nt = dln_tensor_new (t.arena, left->cols, g->cols);

                dln_linalg_gemm (nt, left, 1, g, 0, 1.0, 0.0);
                tmp = nt;
              }
            if (right != NULL)
              {
                DlnTensor *nt = dln_tensor_new (t.arena, tmp->rows,
                                                right->rows);

                dln_linalg_gemm (nt, tmp, 0, right, 1, 1.0, 0.0);
                tmp = nt;
              }
            grads[l] = tmp;
          }
        for (int l = 0; l < depth; l++)
          {
            grad = grads[l];
            for (size_t i = 0; i < dln_tensor_size (w[l]); i++)
              w[l]->data[i] -= lr * grad->data[i];
          }
      }
    }
  modes_close (&t);
}

static void
test_discrete_vs_gd (void)
{
  for (int depth = 1; depth <= 4; depth++)
    check_discrete_vs_gd (depth);
}

static DlnDataset *
toy_dataset (void)
{
  DlnDataset *ds = NULL;
  DlnMessage msg;

  g_assert_cmpint (dln_dataset_new_from (4, 7, &dln_test_toy_y[0][0], NULL,
                                         NULL, &ds, &msg), ==, DLN_STATUS_OK);
  return ds;
}

/* Takes @ds. */
static void
modes_open (DatasetModes *t,
            DlnDataset   *ds)
{
  t->ds = ds;
  t->arena = dln_arena_new (1 << 24);
  g_assert_cmpint (dln_analysis_dataset_modes (t->ds, t->arena, &t->m,
                                               &t->msg), ==, DLN_STATUS_OK);
}

static void
toy_open (DatasetModes *t)
{
  modes_open (t, toy_dataset ());
}

static void
modes_close (DatasetModes *t)
{
  dln_arena_free (t->arena);
  dln_dataset_free (t->ds);
}

static void
test_modes_toy (void)
{
  DatasetModes t;
  const double want[4] = { sqrt (7.0), sqrt (3.0), 1.0, 1.0 };

  toy_open (&t);
  g_assert_cmpuint (t.m.rank, ==, 4);
  g_assert_cmpfloat_with_epsilon (t.m.c, 0.25, 1e-15);
  for (int k = 0; k < 4; k++)
    {
      g_assert_cmpfloat_with_epsilon (t.m.s_eff->data[k], want[k], LINALG_TOL);
      g_assert_cmpfloat_with_epsilon (t.m.s->data[k], want[k] / 4, LINALG_TOL);
    }
  /* docs/theory.md#representations: s = 0.661, 0.433, 0.25, 0.25. */
  g_assert_cmpfloat_with_epsilon (t.m.s->data[0], 0.661, 0.0005);
  g_assert_cmpfloat_with_epsilon (t.m.s->data[1], 0.433, 0.0005);
  /* Sign convention: mode 1 positive on all items, mode 2 on the animals. */
  for (int i = 0; i < 4; i++)
    {
      g_assert_cmpfloat_with_epsilon (t.m.v->data[i * 4 + 0], 0.5, LINALG_TOL);
      g_assert_cmpfloat_with_epsilon (t.m.v->data[i * 4 + 1],
                                      i < 2 ? 0.5 : -0.5, LINALG_TOL);
    }
  /* Reconstruction U S Vᵀ = Sigma_yx = Yᵀ / 4. */
  for (int f = 0; f < 7; f++)
    for (int i = 0; i < 4; i++)
      {
        double sum = 0.0;

        for (int k = 0; k < 4; k++)
          sum += t.m.u->data[f * 4 + k] * t.m.s->data[k]
                 * t.m.v->data[i * 4 + k];
        g_assert_cmpfloat_with_epsilon (sum, dln_test_toy_y[i][f] / 4.0,
                                        LINALG_TOL);
        g_assert_cmpfloat_with_epsilon (t.m.sigma_yx->data[f * 4 + i],
                                        dln_test_toy_y[i][f] / 4.0, 1e-15);
      }
  /* tr Sigma_y = (1/4) · 12. */
  g_assert_cmpfloat_with_epsilon (t.m.tr_sigma_y, 3.0, 1e-15);
  modes_close (&t);
}

static void
test_modes_not_isotropic (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  const double xv[6] = { 1, 0, 0, 2, 0, 0 };
  const double yv[3] = { 1, 2, 3 };
  DlnTensor *x = dln_tensor_new_from (arena, 3, 2, xv);
  DlnTensor *y = dln_tensor_new_from (arena, 3, 1, yv);
  DlnModes m;
  DlnMessage msg;

  g_assert_cmpint (dln_analysis_modes (x, y, arena, &m, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpfloat (m.c, ==, 0.0);
  g_assert_true (isnan (m.s_eff->data[0]));
  y->data[1] = NAN;
  g_assert_cmpint (dln_analysis_modes (x, y, arena, &m, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  dln_arena_free (arena);
}

static void
test_mode_strengths_and_loss (void)
{
  DatasetModes t;
  DlnDataset *ds = NULL;
  double a[8], back[8], direct = 0.0, kappa;
  DlnTensor *w;

  g_assert_cmpint (dln_dataset_new_tree_table (&ds, &t.msg), ==,
                   DLN_STATUS_OK);
  dln_dataset_binary_to_pm1 (ds);
  modes_open (&t, ds);
  for (int k = 0; k < 8; k++)
    a[k] = 0.3 * k - 0.7;
  w = adbt (t.arena, t.m.u, a, t.m.v);   /* U diag (a) Vᵀ by hand */
  dln_analysis_mode_strengths (&t.m, w, back);
  for (int k = 0; k < 8; k++)
    g_assert_cmpfloat_with_epsilon (back[k], a[k], LINALG_TOL);
  /* Direct MSE (mean over 8 x 10 entries, no 1/2) of yhat_i = W x_i with
   * one-hot x_i: column i of W against row i of Y. */
  for (int i = 0; i < 8; i++)
    for (int f = 0; f < 10; f++)
      direct += pow (t.ds->y->data[i * 10 + f] - w->data[f * 8 + i], 2);
  direct /= 80.0;
  kappa = dln_theory_kappa (DLN_REDUCTION_MEAN, 0, 8, 10);
  g_assert_cmpfloat_with_epsilon (dln_analysis_predicted_loss (&t.m, a, kappa),
                                  direct, LINALG_TOL);
  /* At a = s_eff the loss is the irreducible part, 0 for square one-hot. */
  g_assert_cmpfloat_with_epsilon (dln_analysis_predicted_loss
                                  (&t.m, t.m.s_eff->data, kappa), 0.0, 1e-12);
  modes_close (&t);
}

/* docs/theory.md#loss-by-mode (checked): s = (3, 2, 1), whitened (X = sqrt3 I,
 * so Sigma_x = I), half sample-mean loss, a = 0.001 each: L = 6.994. */
static void
test_loss_verified (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnTensor *x = dln_tensor_new (arena, 3, 3), *y = dln_tensor_new (arena, 3, 3);
  const double s[3] = { 3, 2, 1 }, a[3] = { 1e-3, 1e-3, 1e-3 };
  DlnModes m;
  DlnMessage msg;

  for (int i = 0; i < 3; i++)
    {
      x->data[i * 3 + i] = sqrt (3.0);
      y->data[i * 3 + i] = sqrt (3.0) * s[i];
    }
  g_assert_cmpint (dln_analysis_modes (x, y, arena, &m, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpfloat_with_epsilon (m.c, 1.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (dln_analysis_predicted_loss
                                  (&m, a, dln_theory_kappa
                                   (DLN_REDUCTION_SAMPLE_MEAN, 1, 3, 3)),
                                  6.994, 0.0005);
  dln_arena_free (arena);
}

/* Random orthonormal [n, r] from the QR of a Gaussian matrix. */
static DlnTensor *
random_orthonormal (DlnArena *arena,
                    DlnRng   *rng,
                    size_t    n,
                    size_t    r)
{
  DlnTensor *g = dln_tensor_new (arena, n, r), *q, *rr;
  DlnMessage msg;

  for (size_t i = 0; i < n * r; i++)
    g->data[i] = dln_rng_normal (rng, 0.0, 1.0);
  g_assert_cmpint (dln_linalg_qr (g, arena, &q, &rr, &msg), ==, DLN_STATUS_OK);
  return q;
}

/* M = A · diag (d) · Bᵀ for A [m, r], B [n, r]. */
static DlnTensor *
adbt (DlnArena        *arena,
      const DlnTensor *a,
      const double    *d,
      const DlnTensor *b)
{
  DlnTensor *out = dln_tensor_new (arena, a->rows, b->rows);
  size_t r = a->cols;

  for (size_t i = 0; i < a->rows; i++)
    for (size_t j = 0; j < b->rows; j++)
      for (size_t k = 0; k < r; k++)
        out->data[i * b->rows + j] += a->data[i * r + k] * d[k]
                                      * b->data[j * r + k];
  return out;
}

static void
test_effective_u0_aligned (void)
{
  DatasetModes t;
  DlnRng rng;
  DlnTensor *r, *w1, *w2;
  const double d[4] = { 0.03, 0.02, 0.011, 0.01 };
  double u0[4];

  toy_open (&t);
  dln_rng_init (&rng, 3);
  r = random_orthonormal (t.arena, &rng, 6, 4);  /* H = 6 */
  w1 = adbt (t.arena, r, d, t.m.v);                /* R D Vᵀ  [6, 4] */
  w2 = adbt (t.arena, t.m.u, d, r);                /* U D Rᵀ  [7, 6] */
  g_assert_cmpint (dln_analysis_effective_u0 (&t.m, w1, w2, t.arena, u0,
                                              &t.msg), ==, DLN_STATUS_OK);
  for (int k = 0; k < 4; k++)
    g_assert_cmpfloat_with_epsilon (u0[k], d[k] * d[k], 1e-15);
  modes_close (&t);
}

/* Random small weights: the Gram-Schmidt residuals must equal |R_kk| of a
 * Householder QR (LAPACK) of the matrix whose columns are w_1 .. w_r, an
 * independent route to the same orthogonal complements. */
static void
test_effective_u0_random (void)
{
  DatasetModes t;
  DlnRng rng;
  DlnTensor *w1, *w2, *wm, *q, *rr;
  double u0[4];

  toy_open (&t);
  dln_rng_init (&rng, 8);
  w1 = dln_tensor_new (t.arena, 6, 4);
  w2 = dln_tensor_new (t.arena, 7, 6);
  for (int i = 0; i < 24; i++)
    w1->data[i] = dln_rng_normal (&rng, 0.0, 0.01);
  for (int i = 0; i < 42; i++)
    w2->data[i] = dln_rng_normal (&rng, 0.0, 0.01);
  g_assert_cmpint (dln_analysis_effective_u0 (&t.m, w1, w2, t.arena, u0,
                                              &t.msg), ==, DLN_STATUS_OK);
  /* wm [6, 4]: column k = W1 v_k + W2ᵀ u_k, by explicit loops. */
  wm = dln_tensor_new (t.arena, 6, 4);
  for (int a = 0; a < 6; a++)
    for (int k = 0; k < 4; k++)
      {
        double sum = 0.0;

        for (int j = 0; j < 4; j++)
          sum += w1->data[a * 4 + j] * t.m.v->data[j * 4 + k];
        for (int i = 0; i < 7; i++)
          sum += w2->data[i * 6 + a] * t.m.u->data[i * 4 + k];
        wm->data[a * 4 + k] = sum;
      }
  g_assert_cmpint (dln_linalg_qr (wm, t.arena, &q, &rr, &t.msg), ==,
                   DLN_STATUS_OK);
  for (int k = 0; k < 4; k++)
    {
      double want = rr->data[k * 4 + k] * rr->data[k * 4 + k] / 4.0;

      g_assert_cmpfloat_with_epsilon (u0[k], want, 1e-10 * want);
    }
  /* Without the orthogonalisation mode 4 would differ
   * (docs/theory.md#effective-start). */
  {
    double raw = 0.0;

    for (int a = 0; a < 6; a++)
      raw += wm->data[a * 4 + 3] * wm->data[a * 4 + 3];
    g_assert_cmpfloat (fabs (raw / 4.0 - u0[3]), >, 0.05 * u0[3]);
  }
  modes_close (&t);
}

/* dln_theory_expected_u0 against the Gram-Schmidt u0 of 4000 random
 * course-style initialisations (P19 toy, 4 -> 6 -> 7, G = 1): each u0_k
 * is sw²/4 times a chi-square with H - k + 1 degrees of freedom, so the
 * mean of 4000 has relative sd sqrt (2 / (4000 (H - k + 1))); 4.5 sigma. */
static void
test_expected_u0 (void)
{
  DatasetModes t;
  DlnRng rng;
  double mean[4] = { 0 };
  const int runs = 4000;
  const double s1 = 1.0 / sqrt (4.0 + 6.0), s2 = 1.0 / sqrt (6.0 + 7.0);

  toy_open (&t);
  dln_rng_init (&rng, 2021);
  for (int run = 0; run < runs; run++)
    {
      size_t mark = dln_arena_mark (t.arena);
      DlnTensor *w1 = dln_tensor_new (t.arena, 6, 4);
      DlnTensor *w2 = dln_tensor_new (t.arena, 7, 6);
      double u0[4];

      for (int i = 0; i < 24; i++)
        w1->data[i] = dln_rng_normal (&rng, 0.0, s1);
      for (int i = 0; i < 42; i++)
        w2->data[i] = dln_rng_normal (&rng, 0.0, s2);
      g_assert_cmpint (dln_analysis_effective_u0 (&t.m, w1, w2, t.arena, u0,
                                                  &t.msg), ==, DLN_STATUS_OK);
      for (int k = 0; k < 4; k++)
        mean[k] += u0[k] / runs;
      dln_arena_rewind (t.arena, mark);
    }
  for (int k = 0; k < 4; k++)
    {
      double want = dln_theory_expected_u0 (1.0, 4, 6, 7, k + 1);
      double tol = 4.5 * want * sqrt (2.0 / (runs * (6.0 - k)));

      g_test_message ("mode %d: mean u0 %.5f, expected %.5f", k + 1, mean[k],
                      want);
      g_assert_cmpfloat_with_epsilon (mean[k], want, tol);
    }
  /* Hand value: (6 - 1 + 1) (1/10 + 1/13) / 4. */
  g_assert_cmpfloat_with_epsilon (dln_theory_expected_u0 (1.0, 4, 6, 7, 1),
                                  6.0 * (0.1 + 1.0 / 13.0) / 4.0, 1e-15);
  g_assert_cmpfloat (dln_theory_expected_u0 (1.0, 4, 6, 7, 7), ==, 0.0);
  modes_close (&t);
}

/* The overlay for the course's run (tree, 8-30-10000, lr 100, mean loss,
 * G = 1e-12): h = 0.0025 by hand (docs/theory.md#conventions), each column the
 * map from dln_theory_expected_u0, modes learned in order of s_eff. */
static void
test_theory_strengths_course (void)
{
  DatasetModes t;
  DlnDataset *ds = NULL;
  double u0[8], *out = g_new (double, 251 * 8), col[251];
  size_t half[8];

  g_assert_cmpint (dln_dataset_new_builtin ("tree", 2021, &ds, &t.msg), ==,
                   DLN_STATUS_OK);
  modes_open (&t, ds);
  for (int k = 0; k < 8; k++)
    u0[k] = dln_theory_expected_u0 (1e-12, 8, 30, 10000, k + 1);
  g_assert_cmpint (dln_analysis_theory_strengths (&t.m, 2, 100.0,
                                                  DLN_REDUCTION_MEAN, 0, u0,
                                                  DLN_THEORY_CURVE_DISCRETE,
                                                  250, out, &t.msg), ==,
                   DLN_STATUS_OK);
  for (int k = 0; k < 8; k++)
    {
      dln_theory_discrete_curve (2, t.m.s_eff->data[k], u0[k], 0.0025, 250,
                                 col);
      half[k] = 251;
      for (int e = 0; e <= 250; e++)
        {
          g_assert_cmpfloat (out[e * 8 + k], ==, col[e]);
          if (half[k] == 251 && col[e] >= t.m.s_eff->data[k] / 2)
            half[k] = e;
        }
      g_test_message ("mode %d: s_eff %.2f, half-way at epoch %zu", k + 1,
                      t.m.s_eff->data[k], half[k]);
      if (k > 0)
        g_assert_cmpuint (half[k], >=, half[k - 1]);
    }
  g_assert_cmpuint (half[0], <, half[7]);
  g_free (out);
  modes_close (&t);
}

/* Continuous against discrete overlay at a small step (h = 5e-4 on the
 * toy): differ by O(h s) (docs/theory.md#continuous-limit), here below 2e-3 of
 * s. */
static void
test_theory_strengths_continuous (void)
{
  DatasetModes t;
  const double u0[4] = { 1e-3, 1e-3, 1e-3, 1e-3 };
  enum { EPOCHS = 20000 };
  double *a = g_new (double, (EPOCHS + 1) * 4);
  double *b = g_new (double, (EPOCHS + 1) * 4), worst = 0.0;

  toy_open (&t);
  /* mean loss: kappa = 2 / (4 · 7), P c = 1, so h = lr / 14 = 5e-4. */
  g_assert_cmpint (dln_analysis_theory_strengths (&t.m, 2, 0.007,
                                                  DLN_REDUCTION_MEAN, 0, u0,
                                                  DLN_THEORY_CURVE_DISCRETE,
                                                  EPOCHS, a, &t.msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpint (dln_analysis_theory_strengths (&t.m, 2, 0.007,
                                                  DLN_REDUCTION_MEAN, 0, u0,
                                                  DLN_THEORY_CURVE_CONTINUOUS,
                                                  EPOCHS, b, &t.msg), ==,
                   DLN_STATUS_OK);
  for (int e = 0; e <= EPOCHS; e++)
    for (int k = 0; k < 4; k++)
      worst = MAX (worst, fabs (a[e * 4 + k] - b[e * 4 + k])
                          / t.m.s_eff->data[k]);
  g_test_message ("continuous vs discrete: %.3g of s", worst);
  g_assert_cmpfloat (worst, <, 2e-3);
  /* Converged: both at s_eff; the exact continuous value from eq. 12. */
  g_assert_cmpfloat_with_epsilon (b[EPOCHS * 4 + 0], dln_theory_sigmoid
                                  (sqrt (7.0), 1e-3, EPOCHS, 1.0 / 5e-4),
                                  1e-8);
  g_free (a);
  g_free (b);
  modes_close (&t);
}

static void
test_theory_strengths_errors (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  const double xv[6] = { 1, 0, 0, 2, 0, 0 }, yv[3] = { 1, 2, 3 };
  DlnTensor *x = dln_tensor_new_from (arena, 3, 2, xv);
  DlnTensor *y = dln_tensor_new_from (arena, 3, 1, yv);
  DlnModes m;
  DlnMessage msg;
  double u0[1] = { 1e-3 }, out[11];

  g_assert_cmpint (dln_analysis_modes (x, y, arena, &m, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpint (dln_analysis_theory_strengths (&m, 2, 0.1,
                                                  DLN_REDUCTION_MEAN, 0, u0,
                                                  DLN_THEORY_CURVE_DISCRETE,
                                                  10, out, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "whitened"));
  dln_arena_free (arena);
}

/* Balanced aligned nets built layer by layer; RSM = H Hᵀ computed from the
 * weights against the prediction X V A^{2l/N} Vᵀ Xᵀ. */
static void
test_rsm_prediction (void)
{
  DatasetModes t;
  DlnRng rng;
  const double a[4] = { 2.0, 0.7, 0.3, -1e-3 };
  double apos[4], root[4];

  toy_open (&t);
  dln_rng_init (&rng, 5);
  for (int k = 0; k < 4; k++)
    apos[k] = MAX (a[k], 0.0);
  for (int depth = 2; depth <= 3; depth++)
    for (int layer = 1; layer < depth; layer++)
      {
        DlnTensor *k, *h, *r;

        /* Hidden activity after W_l: R_{l+1} A^{l/N} Vᵀ x; H rows = items. */
        for (int q = 0; q < 4; q++)
          root[q] = pow (apos[q], (double) layer / depth);
        r = random_orthonormal (t.arena, &rng, 5, 4);
        h = adbt (t.arena, t.ds->x, (double[4]) { 1, 1, 1, 1 },
                 dln_linalg_transpose (t.arena, t.m.v));        /* X V */
        h = adbt (t.arena, h, root, r);                         /* [P, 5] */
        g_assert_cmpint (dln_analysis_rsm_predict (&t.m, t.ds->x, a, depth,
                                                   layer, t.arena, &k, &t.msg),
                         ==,
                         DLN_STATUS_OK);
        for (size_t i = 0; i < 4; i++)
          for (size_t j = 0; j < 4; j++)
            {
              double hh = 0.0;

              for (size_t c = 0; c < 5; c++)
                hh += h->data[i * 5 + c] * h->data[j * 5 + c];
              g_assert_cmpfloat_with_epsilon (k->data[i * 4 + j], hh,
                                              LINALG_TOL);
            }
      }
  modes_close (&t);
}

/* Illusory correlation (docs/theory.md#representations, NMA "sharks have
 * bones"): with the two strongest modes learned the net says Shark has bones (>
 * 0); with all modes at s_eff the map is Yᵀ and the prediction is the true
 * -1. */
static void
test_illusory_shark (void)
{
  DatasetModes t;
  DlnDataset *ds = NULL;
  double x0[8] = { 1, 0, 0, 0, 0, 0, 0, 0 }, partial, full;

  g_assert_cmpint (dln_dataset_new_builtin ("tree-shark", 2021, &ds, &t.msg),
                   ==, DLN_STATUS_OK);
  modes_open (&t, ds);
  partial = dln_analysis_predict_output (&t.m, x0, 10000, t.m.s_eff->data, 2);
  full = dln_analysis_predict_output (&t.m, x0, 10000, t.m.s_eff->data, 8);
  g_test_message ("shark has_bones: %.4f with 2 modes, %.12f with 8",
                  partial, full);
  g_assert_cmpfloat (partial, >, 0.2);
  g_assert_cmpfloat_with_epsilon (full, -1.0, LINALG_TOL);
  /* Every entry of the full prediction is Y (one-hot, square). */
  g_assert_cmpfloat_with_epsilon (dln_analysis_predict_output
                                  (&t.m, x0, 17, t.m.s_eff->data, 8),
                                  t.ds->y->data[17], LINALG_TOL);
  modes_close (&t);
}

/* --- Regression (D18) --- */

static void
test_regression_exact (void)
{
  DlnArena *arena = dln_arena_new (1 << 22);
  DlnRng rng;
  DlnTensor *wt, *x, *y, *w;
  DlnMessage msg;

  /* Noise-free regression-example-shaped data: W recovered to rounding. */
  dln_rng_init (&rng, 11);
  wt = dln_tensor_new (arena, 3, 3);
  x = dln_tensor_new (arena, 3, 37);
  for (int i = 0; i < 9; i++)
    wt->data[i] = (double) dln_rng_below (&rng, 10);
  for (int i = 0; i < 3 * 37; i++)
    x->data[i] = dln_rng_uniform (&rng);
  y = dln_tensor_new (arena, 3, 37);
  dln_linalg_gemm (y, wt, 0, x, 0, 1.0, 0.0);
  g_assert_cmpint (dln_analysis_regression (x, y, arena, &w, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpuint (w->rows, ==, 3);
  g_assert_cmpuint (w->cols, ==, 3);
  for (int i = 0; i < 9; i++)
    g_assert_cmpfloat_with_epsilon (w->data[i], wt->data[i], 1e-10);

  /* The course's regression-example draw (docs/demos.md#regression-example)
   * with noise: estimate within 0.1 (1 decimal). */
  {
    DlnTensor *wtrue, *xn, *yn, *we;

    dln_rng_init (&rng, 2021);
    g_assert_cmpint (dln_dataset_regression_3x3 (&rng, 37, arena, &wtrue, &xn,
                                                 &yn), ==, DLN_STATUS_OK);
    g_assert_cmpint (dln_analysis_regression (xn, yn, arena, &we, &msg), ==,
                     DLN_STATUS_OK);
    for (int i = 0; i < 9; i++)
      g_assert_cmpfloat_with_epsilon (we->data[i], wtrue->data[i], 0.1);
  }

  /* Rank-deficient X: row 3 = row 1 + row 2. */
  for (int j = 0; j < 37; j++)
    x->data[2 * 37 + j] = x->data[j] + x->data[37 + j];
  g_assert_cmpint (dln_analysis_regression (x, y, arena, &w, &msg), ==,
                   DLN_STATUS_NUMERIC);
  g_assert_nonnull (strstr (msg.text, "rank 2 < 3"));
  /* Different sample counts. */
  g_assert_cmpint (dln_analysis_regression (x, wt, arena, &w, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "37 samples"));
  dln_arena_free (arena);
}

/* D18 analytic route: X = I_8 (items as columns), Y = features -> W = Y. */
static void
test_regression_identity (void)
{
  DlnDataset *ds = NULL;
  DlnArena *arena = dln_arena_new (1 << 24);
  DlnTensor *yt, *w;
  DlnMessage msg;

  g_assert_cmpint (dln_dataset_new_builtin ("tree", 2021, &ds, &msg), ==,
                   DLN_STATUS_OK);
  yt = dln_linalg_transpose (arena, ds->y);  /* [10000, 8] */
  g_assert_cmpint (dln_analysis_regression (ds->x, yt, arena, &w, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpmem (w->data, 80000 * sizeof (double), yt->data,
                   80000 * sizeof (double));
  dln_arena_free (arena);
  dln_dataset_free (ds);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/core/theory/conventions", test_conventions);
  g_test_add_func ("/dln/core/theory/sigmoid-vs-ode", test_sigmoid_vs_ode);
  g_test_add_func ("/dln/core/theory/shallow-vs-ode", test_shallow_vs_ode);
  g_test_add_func ("/dln/core/theory/sigmoid-overflow", test_sigmoid_overflow);
  g_test_add_func ("/dln/core/theory/depth-curve-errors",
                   test_depth_curve_errors);
  g_test_add_func ("/dln/core/theory/time-closed-forms",
                   test_time_closed_forms);
  g_test_add_func ("/dln/core/theory/time-verified", test_time_verified_numbers);
  g_test_add_func ("/dln/core/theory/time-vs-ode", test_time_vs_ode);
  g_test_add_func ("/dln/core/theory/time-deep-limit", test_time_deep_limit);
  g_test_add_func ("/dln/core/theory/discrete-step", test_discrete_step_by_hand);
  g_test_add_func ("/dln/core/theory/discrete-linear-in-h",
                   test_discrete_linear_in_h);
  g_test_add_func ("/dln/core/theory/discrete-vs-gd", test_discrete_vs_gd);
  g_test_add_func ("/dln/core/analysis/modes-toy", test_modes_toy);
  g_test_add_func ("/dln/core/analysis/modes-not-isotropic",
                   test_modes_not_isotropic);
  g_test_add_func ("/dln/core/analysis/strengths-and-loss",
                   test_mode_strengths_and_loss);
  g_test_add_func ("/dln/core/analysis/loss-verified", test_loss_verified);
  g_test_add_func ("/dln/core/analysis/effective-u0",
                   test_effective_u0_aligned);
  g_test_add_func ("/dln/core/analysis/effective-u0-random",
                   test_effective_u0_random);
  g_test_add_func ("/dln/core/analysis/expected-u0", test_expected_u0);
  g_test_add_func ("/dln/core/analysis/theory-strengths-course",
                   test_theory_strengths_course);
  g_test_add_func ("/dln/core/analysis/theory-strengths-continuous",
                   test_theory_strengths_continuous);
  g_test_add_func ("/dln/core/analysis/theory-strengths-errors",
                   test_theory_strengths_errors);
  g_test_add_func ("/dln/core/analysis/rsm-prediction", test_rsm_prediction);
  g_test_add_func ("/dln/core/analysis/illusory-shark", test_illusory_shark);
  g_test_add_func ("/dln/core/analysis/regression-exact",
                   test_regression_exact);
  g_test_add_func ("/dln/core/analysis/regression-identity",
                   test_regression_identity);
  return g_test_run ();
}
