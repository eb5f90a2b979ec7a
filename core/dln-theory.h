#pragma once

#include "dln-status.h"

#include <stddef.h>

/* --- Learning-dynamics theory of deep linear networks (scalar curves) ---
 * docs/theory.md#conventions to #depth; equation numbers are Saxe, McClelland &
 * Ganguli 2014 (arXiv:1312.6120 v3, "S14").
 *
 * Letters: N = depth (number of weight matrices), s = a mode's singular
 * value in the units of the dynamics (s_eff = s/c for Sigma_x = c I), u =
 * composite mode strength uᵀ W_tot v (u = a^N on the balanced manifold,
 * a = per-layer strength), u0 = u at t = 0, tau = time constant in
 * epochs/steps, h = 1/tau_eff = per-step rate of the exact discrete map.
 * Curves need 0 < u0; the sigmoid/ODE run to s from either side.
 * Functions returning double give NaN outside their stated domain. */

typedef enum
{
  DLN_REDUCTION_MEAN,         /* sum / (P · n_out): torch nn.MSELoss */
  DLN_REDUCTION_SUM,          /* sum */
  DLN_REDUCTION_SAMPLE_MEAN,  /* sum / P */
} DlnReduction;

/* --- Loss conventions (docs/theory.md#conventions) --- */

/* dln_theory_kappa:
 * kappa = (1 if @half else 2) / D, D = 1, P or P · n_out by @reduction, so
 * that dL/dW_tot = -kappa P (Sigma_yx - W_tot Sigma_x). */
double    dln_theory_kappa          (DlnReduction reduction,
                                     int          half,
                                     size_t       n_samples,
                                     size_t       n_out);

/* dln_theory_tau:
 * tau = 1 / (lr kappa P): gradient descent at step @lr is, to first order,
 * gradient flow with this time constant (in steps). */
double    dln_theory_tau            (double lr,
                                     double kappa,
                                     size_t n_samples);

/* dln_theory_step_h:
 * h = lr kappa P c = 1 / tau_eff, the per-step rate with Sigma_x = c I
 * (course tree: lr 100, kappa 2/80000, P 8, c 1/8 -> h = 0.0025). */
double    dln_theory_step_h         (double lr,
                                     double kappa,
                                     size_t n_samples,
                                     double c);

/* --- Continuous-time curves --- */

/* dln_theory_sigmoid:
 * One hidden layer (N = 2), balanced aligned start, gradient flow (S14
 * eq. 12) in the overflow-safe form u(t) = s / (1 + (s/u0 - 1) e^{-2st/tau}).
 * Domain: s > 0, u0 > 0, tau > 0, t >= 0. */
double    dln_theory_sigmoid        (double s,
                                     double u0,
                                     double t,
                                     double tau);

/* dln_theory_shallow:
 * No hidden layer (N = 1): tau da/dt = s - a, a(t) = s + (a0 - s) e^{-t/tau}
 * (docs/theory.md#one-hidden-layer); any a0, tau > 0, t >= 0. */
double    dln_theory_shallow        (double s,
                                     double a0,
                                     double t,
                                     double tau);

/* dln_theory_depth_curve:
 * @depth:  N >= 1
 * @t:      @n output times, ascending, >= 0
 * @u:      receives u(t[i]), @n values
 * Integrates S14 eq. 15, tau du/dt = N u^{2-2/N} (s - u), numerically in
 * y = ln u (so tiny u0 keep full relative precision) with the Dormand-
 * Prince 5(4) pair (DOPRI5), adaptive steps holding the local error
 * estimate under DLN_THEORY_ODE_TOL (absolute in ln u, i.e. relative in
 * u); global relative error stays below ~1e-9 for the course's ranges
 * (tests: against eq. 12 for N = 2 and the shallow curve for N = 1).
 * s = 0 is allowed (u decays towards 0).
 * Returns DLN_STATUS_OK, or DLN_STATUS_INVALID_INPUT (N < 1, s < 0,
 * u0 <= 0, tau <= 0, times negative/unsorted/non-finite) or
 * DLN_STATUS_NUMERIC (the step size underflowed). */
#define DLN_THEORY_ODE_TOL 1e-12
DlnStatus dln_theory_depth_curve    (int           depth,
                                     double        s,
                                     double        u0,
                                     double        tau,
                                     const double *t,
                                     size_t        n,
                                     double       *u,
                                     DlnMessage   *msg);

/* --- The exact discrete map (docs/theory.md#discrete-map) --- */

/* dln_theory_discrete_step:
 * One full-batch GD step on the balanced aligned manifold:
 * a <- a + h a^{N-1} (s_eff - a^N), a = per-layer strength. */
double    dln_theory_discrete_step  (int    depth,
                                     double a,
                                     double s_eff,
                                     double h);

/* dln_theory_discrete_curve:
 * @u: receives n_steps + 1 values, u[k] = a_k^N after k steps, a_0 =
 *     u0^{1/N} (u0 > 0). Values past a divergence are whatever the map
 *     gives (inf/nan), so callers can show it. */
void      dln_theory_discrete_curve (int     depth,
                                     double  s_eff,
                                     double  u0,
                                     double  h,
                                     size_t  n_steps,
                                     double *u);

/* --- Learning times --- */

/* dln_theory_time_n2:
 * S14 eq. 11: t(u0 -> uf) = (tau / 2s) ln[uf (s - u0) / (u0 (s - uf))],
 * exact for N = 2. Domain 0 < u0, uf < s. */
double    dln_theory_time_n2        (double s,
                                     double u0,
                                     double uf,
                                     double tau);

/* dln_theory_time:
 * Any depth N >= 1: t(u0 -> uf) = (tau/N) Int_{u0}^{uf} du / (u^{2-2/N}
 * (s - u)) (docs/theory.md#depth), by adaptive Simpson quadrature in the logit
 * z = ln (u / (s - u)), where dt = tau u^{2/N - 1} / (N s) dz is smooth
 * (relative tolerance DLN_THEORY_QUAD_TOL). Domain 0 < u0, uf < s. */
#define DLN_THEORY_QUAD_TOL 1e-12
double    dln_theory_time           (int    depth,
                                     double s,
                                     double u0,
                                     double uf,
                                     double tau);

/* dln_theory_time_deep_limit:
 * S14 eq. 17 (N -> infinity, tau du/dt = N u^2 (s - u)):
 * t = (tau/N) [ (1/s²) ln (uf (u0 - s) / (u0 (uf - s))) + 1/(s u0)
 * - 1/(s uf) ]. Domain 0 < u0, uf < s. */
double    dln_theory_time_deep_limit (int    depth,
                                      double s,
                                      double u0,
                                      double uf,
                                      double tau);

/* dln_theory_half_time:
 * Time for u to go from u0 to s/2 at depth N (0 < u0 < s/2). */
double    dln_theory_half_time      (int    depth,
                                     double s,
                                     double u0,
                                     double tau);

/* --- Initial strengths from random weights --- */

/* dln_theory_expected_u0:
 * @gamma:  init scale G: W_l ~ N(0, (G / sqrt (n_in + n_out))²)
 * (docs/demos.md#initialisation)
 * @mode:   k = 1, 2, ... (in order of decreasing singular value)
 * Expected effective initial strength of mode k of a two-layer net
 * (n_in -> hidden -> n_out) under docs/theory.md#effective-start's definition:
 * w_k = W1 v_k + W2ᵀ u_k has i.i.d. N(0, sw²) entries, sw² = G² (1/(n_in + H) +
 * 1/(H + n_out)), independent across modes (orthonormal u, v); removing
 * the k - 1 stronger modes' directions leaves H - k + 1 of them, so
 * E[u0_k] = (H - k + 1) sw² / 4 (0 for k > H). For the course (G = 1e-12,
 * 8-30-10000) mode 1 gives 30·1e-24·(1/38 + 1/10030)/4 ≈ 1.98e-25; the
 * course's rough a(0) ≈ H G² / (n_in + H) / 4 (D15) keeps only the first
 * term and ignores the orthogonalisation. */
double    dln_theory_expected_u0    (double gamma,
                                     size_t n_in,
                                     size_t hidden,
                                     size_t n_out,
                                     size_t mode);
