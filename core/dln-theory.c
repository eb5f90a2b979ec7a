/* Scalar learning curves of deep linear networks (docs/theory.md#conventions to
 * #depth). */

#include "dln-theory.h"

#include "dln-core-private.h"

#include <math.h>

double
dln_theory_kappa (DlnReduction reduction,
                  int          half,
                  size_t       n_samples,
                  size_t       n_out)
{
  double d = 1.0;

  switch (reduction)
    {
    case DLN_REDUCTION_MEAN:
      d = (double) n_samples * (double) n_out;
      break;
    case DLN_REDUCTION_SUM:
      d = 1.0;
      break;
    case DLN_REDUCTION_SAMPLE_MEAN:
      d = (double) n_samples;
      break;
    }
  return (half ? 1.0 : 2.0) / d;
}

double
dln_theory_tau (double lr,
                double kappa,
                size_t n_samples)
{
  return 1.0 / (lr * kappa * (double) n_samples);
}

double
dln_theory_step_h (double lr,
                   double kappa,
                   size_t n_samples,
                   double c)
{
  return lr * kappa * (double) n_samples * c;
}

double
dln_theory_sigmoid (double s,
                    double u0,
                    double t,
                    double tau)
{
  if (!(s > 0.0 && u0 > 0.0 && tau > 0.0 && t >= 0.0))
    return NAN;
  /* e^{-2st/tau} underflows to 0 for late t: u -> s, never inf/inf. */
  return s / (1.0 + (s / u0 - 1.0) * exp (-2.0 * s * t / tau));
}

double
dln_theory_shallow (double s,
                    double a0,
                    double t,
                    double tau)
{
  if (!(tau > 0.0 && t >= 0.0))
    return NAN;
  return s + (a0 - s) * exp (-t / tau);
}

/* --- DOPRI5 on y = ln u ---
 * dy/dt = N e^{y (1 - 2/N)} (s - e^y) / tau, from du/dt / u. */

typedef struct
{
  double n;
  double s;
  double tau;
} DepthOde;

static double
ode_rhs (const DepthOde *o,
         double          y)
{
  double u = exp (y);

  return o->n * exp (y * (1.0 - 2.0 / o->n)) * (o->s - u) / o->tau;
}

/* Dormand & Prince (1980), "A family of embedded Runge-Kutta formulae",
 * J. Comp. Appl. Math. 6:19-26; the 5th-order solution is propagated
 * (local extrapolation); FSAL (k7 of a step is k1 of the next). */
static const double dp_c[7] = { 0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1 };
static const double dp_a[7][6] = {
  { 0 },
  { 1.0 / 5 },
  { 3.0 / 40, 9.0 / 40 },
  { 44.0 / 45, -56.0 / 15, 32.0 / 9 },
  { 19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729 },
  { 9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176,
    -5103.0 / 18656 },
  { 35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84 },
};
/* e = b5 - b4 (error weights). */
static const double dp_e[7] = {
  71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200,
  22.0 / 525, -1.0 / 40,
};

/* One DOPRI5 step of size h from y with k[0] = f (y); fills k[6] =
 * f (y_new) and returns y_new; *err gets the error estimate. */
static double
dp_step (const DepthOde *o,
         double          y,
         double          h,
         double          k[7],
         double         *err)
{
  double y_new, e = 0.0;

  (void) dp_c;  /* autonomous ODE: the nodes c_i are not needed */
  for (int i = 1; i < 7; i++)
    {
      double yi = y;

      for (int j = 0; j < i; j++)
        yi += h * dp_a[i][j] * k[j];
      k[i] = ode_rhs (o, yi);
    }
  /* Row 6 of a is b5, so the stage-7 argument is y_new itself. */
  y_new = y;
  for (int j = 0; j < 6; j++)
    y_new += h * dp_a[6][j] * k[j];
  for (int j = 0; j < 7; j++)
    e += dp_e[j] * k[j];
  *err = fabs (h * e);
  return y_new;
}

DlnStatus
dln_theory_depth_curve (int           depth,
                        double        s,
                        double        u0,
                        double        tau,
                        const double *t,
                        size_t        n,
                        double       *u,
                        DlnMessage   *msg)
{
  DepthOde o = { (double) depth, s, tau };
  double y, time = 0.0, h, k[7];

  DLN_ASSERT (n == 0 || (t != NULL && u != NULL));
  if (depth < 1 || !(s >= 0.0) || !(u0 > 0.0) || !(tau > 0.0)
      || !isfinite (s) || !isfinite (u0) || !isfinite (tau))
    {
      dln_message_set (msg, 0, "depth curve needs depth >= 1, finite s >= 0 "
                       "and u0, tau > 0 (got %d, %g, %g, %g)", depth, s, u0,
                       tau);
      return DLN_STATUS_INVALID_INPUT;
    }
  for (size_t i = 0; i < n; i++)
    if (!isfinite (t[i]) || t[i] < 0.0 || (i > 0 && t[i] < t[i - 1]))
      {
        dln_message_set (msg, 0, "depth curve: time %zu (%g) is negative, "
                         "not finite or out of order", i + 1, t[i]);
        return DLN_STATUS_INVALID_INPUT;
      }
  y = log (u0);
  k[0] = ode_rhs (&o, y);
  /* First step: a small fraction of the fastest time scale. */
  h = 1e-3 * tau / (o.n * pow (DLN_MAX (s, u0), 2.0 - 2.0 / o.n) + 1e-300);
  for (size_t i = 0; i < n; i++)
    {
      while (time < t[i])
        {
          double step = DLN_MIN (h, t[i] - time), err, y_new, k_try[7];
          int last = step == t[i] - time;

          k_try[0] = k[0];
          y_new = dp_step (&o, y, step, k_try, &err);
          if (err <= DLN_THEORY_ODE_TOL || step < 1e-15 * tau)
            {
              if (step < 1e-15 * tau && err > DLN_THEORY_ODE_TOL)
                {
                  dln_message_set (msg, 0, "depth curve: step size "
                                   "underflow at t = %g", time);
                  return DLN_STATUS_NUMERIC;
                }
              y = y_new;
              time = last ? t[i] : time + step;
              k[0] = k_try[6];
            }
          /* Standard controller, exponent 1/5 for the 4th-order error. */
          {
            double fac = err > 0.0
                         ? 0.9 * pow (DLN_THEORY_ODE_TOL / err, 0.2) : 5.0;

            fac = DLN_MIN (5.0, DLN_MAX (0.2, fac));
            if (!last || err > DLN_THEORY_ODE_TOL)
              h = step * fac;
          }
        }
      u[i] = exp (y);
    }
  return DLN_STATUS_OK;
}

double
dln_theory_discrete_step (int    depth,
                          double a,
                          double s_eff,
                          double h)
{
  double an1 = pow (a, depth - 1);

  DLN_ASSERT (depth >= 1);
  return a + h * an1 * (s_eff - an1 * a);
}

void
dln_theory_discrete_curve (int     depth,
                           double  s_eff,
                           double  u0,
                           double  h,
                           size_t  n_steps,
                           double *u)
{
  double a;

  DLN_ASSERT (depth >= 1 && u != NULL);
  a = pow (u0, 1.0 / depth);
  u[0] = u0;
  for (size_t k = 1; k <= n_steps; k++)
    {
      a = dln_theory_discrete_step (depth, a, s_eff, h);
      u[k] = pow (a, depth);
    }
}

double
dln_theory_time_n2 (double s,
                    double u0,
                    double uf,
                    double tau)
{
  if (!(s > 0.0 && u0 > 0.0 && u0 < s && uf > 0.0 && uf < s && tau > 0.0))
    return NAN;
  return tau / (2.0 * s) * log (uf * (s - u0) / (u0 * (s - uf)));
}

/* dt/dz in the logit z = ln (u / (s - u)): tau u^{2/N - 1} / (N s). */
static double
time_integrand (double n,
                double s,
                double tau,
                double z)
{
  /* u = s / (1 + e^{-z}), written to stay finite for large |z|. */
  double u = z >= 0.0 ? s / (1.0 + exp (-z)) : s * exp (z) / (1.0 + exp (z));

  return tau * pow (u, 2.0 / n - 1.0) / (n * s);
}

static double
simpson_rec (double n,
             double s,
             double tau,
             double a,
             double b,
             double fa,
             double fm,
             double fb,
             double whole,
             double tol,
             int    depth)
{
  double m = 0.5 * (a + b), lm = 0.5 * (a + m), rm = 0.5 * (m + b);
  double flm = time_integrand (n, s, tau, lm);
  double frm = time_integrand (n, s, tau, rm);
  double left = (m - a) / 6.0 * (fa + 4.0 * flm + fm);
  double right = (b - m) / 6.0 * (fm + 4.0 * frm + fb);
  double diff = left + right - whole;

  if (depth <= 0 || fabs (diff) <= 15.0 * tol)
    return left + right + diff / 15.0;  /* Richardson */
  return simpson_rec (n, s, tau, a, m, fa, flm, fm, left, 0.5 * tol, depth - 1)
         + simpson_rec (n, s, tau, m, b, fm, frm, fb, right, 0.5 * tol,
                        depth - 1);
}

double
dln_theory_time (int    depth,
                 double s,
                 double u0,
                 double uf,
                 double tau)
{
  double n = depth, z0, zf, f0, fm, ff, whole, scale;

  if (depth < 1 || !(s > 0.0 && u0 > 0.0 && u0 < s && uf > 0.0 && uf < s
                     && tau > 0.0))
    return NAN;
  z0 = log (u0 / (s - u0));
  zf = log (uf / (s - uf));
  if (z0 == zf)
    return 0.0;
  f0 = time_integrand (n, s, tau, z0);
  ff = time_integrand (n, s, tau, zf);
  fm = time_integrand (n, s, tau, 0.5 * (z0 + zf));
  whole = (zf - z0) / 6.0 * (f0 + 4.0 * fm + ff);
  /* The tolerance is relative to the size of the answer; the integrand is
   * positive, so |zf - z0| · max f bounds it from above. */
  scale = fabs (zf - z0) * DLN_MAX (f0, ff);
  return simpson_rec (n, s, tau, z0, zf, f0, fm, ff, whole,
                      DLN_THEORY_QUAD_TOL * scale, 50);
}

double
dln_theory_time_deep_limit (int    depth,
                            double s,
                            double u0,
                            double uf,
                            double tau)
{
  if (depth < 1 || !(s > 0.0 && u0 > 0.0 && u0 < s && uf > 0.0 && uf < s
                     && tau > 0.0))
    return NAN;
  return tau / depth * (log (uf * (u0 - s) / (u0 * (uf - s))) / (s * s)
                        + 1.0 / (s * u0) - 1.0 / (s * uf));
}

double
dln_theory_half_time (int    depth,
                      double s,
                      double u0,
                      double tau)
{
  return dln_theory_time (depth, s, u0, 0.5 * s, tau);
}

double
dln_theory_expected_u0 (double gamma,
                        size_t n_in,
                        size_t hidden,
                        size_t n_out,
                        size_t mode)
{
  double sw2;

  DLN_ASSERT (mode >= 1 && hidden >= 1);
  if (mode > hidden)
    return 0.0;
  sw2 = gamma * gamma * (1.0 / (double) (n_in + hidden)
                         + 1.0 / (double) (hidden + n_out));
  return (double) (hidden - mode + 1) * sw2 / 4.0;
}
