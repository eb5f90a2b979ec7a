/* 2-D loss surfaces: closed-form values, gradients and Hessians (each
 * derivation written next to its code and gradchecked in
 * tests/core/test-surface.c), grids, trajectories and the stability bound
 * of docs/theory.md#stability. (Over 800 lines: eight built-in surfaces,
 * each with its derivation beside its code.) */

#include "config.h"

#include "dln-surface.h"

#include "dln-core-private.h"
#include "dln-expr.h"
#include "dln-dataset.h"
#include "dln-linalg.h"
#include "dln-tape.h"
#include "dln-tensor.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* What each kind starts with. Shallow-net and quadratic write their
 * formula from their parameters (dln_surface_set_data, _set_quadratic),
 * which also place the shallow net's saddle; expr's is the user's text. */
static const struct
{
  const char *name;
  const char *formula;  /* NULL: written by the kind's setter */
  DlnViewBox  view;
  int         n_minima;
  DlnPoint    minima[DLN_SURFACE_MAX_POINTS];
  int         n_saddles;
  DlnPoint    saddles[DLN_SURFACE_MAX_POINTS];
} kinds[DLN_SURFACE_COUNT] = {
  /* D01: x, y in [−3, 3]. The origin is a local minimum (f ≈ r²); the
   * global minima are the rings x² + y² = 3π/2 + 2kπ (f = −1), not
   * isolated points, so they are not listed. */
  [DLN_SURFACE_RIPPLE] = { "ripple", "sin(x^2 + y^2)", { -3, 3, -3, 3 },
                           1, { { 0, 0 } } },
  /* D06's axes are ±1.9; users start anywhere in [−2, 2]² */
  [DLN_SURFACE_SHALLOW_NET] = { "shallow-net", NULL, { -2, 2, -2, 2 } },
  [DLN_SURFACE_QUADRATIC] = { "quadratic", NULL, { -2, 2, -2, 2 },
                              1, { { 0, 0 } } },
  [DLN_SURFACE_ROSENBROCK] = { "rosenbrock", "(1 - x)^2 + 100*(y - x^2)^2",
                               { -2, 2, -1, 3 }, 1, { { 1, 1 } } },
  /* four global minima, f = 0; the three irrational ones refined by
   * Newton's method in float64 (residual gradient < 1e-14) */
  [DLN_SURFACE_HIMMELBLAU] = {
    "himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", { -5, 5, -5, 5 },
    4, { { 3.0, 2.0 },
         { -2.805118086952745, 3.131312518250573 },
         { -3.779310253377747, -3.283185991286169 },
         { 3.5844283403304917, -1.8481265269644034 } } },
  [DLN_SURFACE_BEALE] = {
    "beale", "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2"
             " + (2.625 - x + x*y^3)^2", { -4.5, 4.5, -4.5, 4.5 },
    1, { { 3, 0.5 } } },
  [DLN_SURFACE_SADDLE] = { "saddle", "x^2 - y^2", { -2, 2, -2, 2 },
                           .n_saddles = 1, .saddles = { { 0, 0 } } },
  /* a well in a plateau: beyond r ≈ 2.5 the gradient is < 1e-2 */
  [DLN_SURFACE_PLATEAU] = { "plateau", "1 - exp(-(x^2 + y^2))",
                            { -3, 3, -3, 3 }, 1, { { 0, 0 } } },
  [DLN_SURFACE_EXPR] = { "expr", NULL, { -3, 3, -3, 3 } },
};

const char *
dln_surface_kind_name (DlnSurfaceKind kind)
{
  DLN_ASSERT (kind >= 0 && kind < DLN_SURFACE_COUNT);
  return kinds[kind].name;
}

DlnSurfaceKind
dln_surface_kind_from_name (const char *name)
{
  if (name == NULL)
    return DLN_SURFACE_COUNT;
  for (int k = 0; k < DLN_SURFACE_EXPR; k++)
    if (strcmp (name, kinds[k].name) == 0)
      return (DlnSurfaceKind) k;
  return DLN_SURFACE_COUNT;
}

/* Clears @s and gives it @kind's name, view box, known points and fixed
 * formula. */
static void
start_kind (DlnSurface     *s,
            DlnSurfaceKind  kind)
{
  memset (s, 0, sizeof *s);
  s->kind = kind;
  s->name = kinds[kind].name;
  s->view = kinds[kind].view;
  s->n_minima = kinds[kind].n_minima;
  memcpy (s->minima, kinds[kind].minima, sizeof s->minima);
  s->n_saddles = kinds[kind].n_saddles;
  memcpy (s->saddles, kinds[kind].saddles, sizeof s->saddles);
  if (kinds[kind].formula != NULL)
    strcpy (s->formula, kinds[kind].formula);
}

static void
add_saddle (DlnSurface *s,
            double      x,
            double      y)
{
  DLN_ASSERT (s->n_saddles < DLN_SURFACE_MAX_POINTS);
  s->saddles[s->n_saddles].x = x;
  s->saddles[s->n_saddles].y = y;
  s->n_saddles++;
}

static void
shallow_formula (DlnSurface *s)
{
  /* valid dln-expr text, x = w1 and y = w2; %.17g round-trips */
  snprintf (s->formula, sizeof s->formula,
            "%.17g - 2*%.17g*x*y + %.17g*(x*y)^2", s->syy, s->sxy, s->sxx);
}

static void
quadratic_formula (DlnSurface *s)
{
  double c = cos (s->theta), sn = sin (s->theta);

  if (s->theta == 0.0)
    snprintf (s->formula, sizeof s->formula, "0.5*(x^2 + %.17g*y^2)",
              s->cond);
  else
    /* u = c x + s y along the eigenvector of 1, v = c y − s x along that
     * of κ */
    snprintf (s->formula, sizeof s->formula,
              "0.5*((%.17g*x + %.17g*y)^2 + %.17g*(%.17g*y - %.17g*x)^2)",
              c, sn, s->cond, c, sn);
}

void
dln_surface_init (DlnSurface     *s,
                  DlnSurfaceKind  kind)
{
  DLN_ASSERT (s != NULL);
  DLN_ASSERT (kind >= 0 && kind < DLN_SURFACE_EXPR);

  start_kind (s, kind);
  if (kind == DLN_SURFACE_SHALLOW_NET)
    {
      /* gen_samples(10, 1.0, 0): x_i = i/9, y = x
       * (docs/demos.md#linear-samples) */
      double x[10];

      for (int i = 0; i < 10; i++)
        x[i] = i / 9.0;
      dln_surface_set_data (s, x, x, 10, NULL);
    }
  else if (kind == DLN_SURFACE_QUADRATIC)
    dln_surface_set_quadratic (s, 10.0, 0.0, NULL);
}

DlnStatus
dln_surface_init_by_name (DlnSurface *s,
                          const char *name,
                          DlnMessage *msg)
{
  DlnSurfaceKind kind = dln_surface_kind_from_name (name);

  DLN_ASSERT (s != NULL);
  if (kind == DLN_SURFACE_COUNT)
    {
      dln_message_set (msg, 0, _("unknown surface '%s' (known: ripple, "
                       "shallow-net, quadratic, rosenbrock, himmelblau, "
                       "beale, saddle, plateau)"), name ? name : "(null)");
      return DLN_STATUS_INVALID_INPUT;
    }
  dln_surface_init (s, kind);
  return DLN_STATUS_OK;
}

DlnStatus
dln_surface_init_expr (DlnSurface *s,
                       const char *text,
                       DlnArena   *arena,
                       DlnMessage *msg)
{
  static const char *const xy[] = { "x", "y" };
  DlnExpr *expr = NULL;
  DlnTape *tape = NULL;
  double *work = NULL;
  size_t mark;
  DlnStatus status;

  DLN_ASSERT (s != NULL);
  DLN_ASSERT (arena != NULL);

  mark = dln_arena_mark (arena);
  status = dln_expr_parse (text, arena, &expr, msg);
  if (status == DLN_STATUS_OK)
    status = dln_tape_new (expr, xy, 2, arena, &tape, msg);
  if (status == DLN_STATUS_OK)
    {
      work = dln_arena_alloc (arena, dln_tape_workspace_size (tape)
                                     * sizeof (double));
      if (work == NULL)
        {
          dln_message_set (msg, 0, _("arena full (expression workspace)"));
          status = DLN_STATUS_NO_MEMORY;
        }
    }
  if (status != DLN_STATUS_OK)
    {
      dln_arena_rewind (arena, mark);
      return status;
    }
  start_kind (s, DLN_SURFACE_EXPR);
  s->tape = tape;
  s->work = work;
  snprintf (s->formula, sizeof s->formula, "%s", dln_expr_text (expr));
  return DLN_STATUS_OK;
}

DlnStatus
dln_surface_set_data (DlnSurface   *s,
                      const double *x,
                      const double *y,
                      size_t        n,
                      DlnMessage   *msg)
{
  double sxx = 0.0, sxy = 0.0, syy = 0.0;

  DLN_ASSERT (s != NULL && s->kind == DLN_SURFACE_SHALLOW_NET);
  DLN_ASSERT (x != NULL && y != NULL && n >= 1);

  for (size_t i = 0; i < n; i++)
    {
      if (!isfinite (x[i]) || !isfinite (y[i]))
        {
          dln_message_set (msg, 0, _("sample %zu is not finite"), i);
          return DLN_STATUS_INVALID_INPUT;
        }
      sxx += x[i] * x[i];
      sxy += x[i] * y[i];
      syy += y[i] * y[i];
    }
  if (sxx == 0.0)
    {
      dln_message_set (msg, 0, _("every x is 0: the loss does not depend "
                       "on the weights"));
      return DLN_STATUS_INVALID_INPUT;
    }
  s->sxx = sxx / (double) n;
  s->sxy = sxy / (double) n;
  s->syy = syy / (double) n;
  shallow_formula (s);
  /* the origin is a saddle (eigenvalues ±2|Sxy|) unless Sxy = 0, when it
   * lies on the (degenerate) solution set */
  s->n_saddles = 0;
  if (s->sxy != 0.0)
    add_saddle (s, 0, 0);
  return DLN_STATUS_OK;
}

DlnStatus
dln_surface_set_quadratic (DlnSurface *s,
                           double      cond,
                           double      theta,
                           DlnMessage *msg)
{
  double c, sn;

  DLN_ASSERT (s != NULL && s->kind == DLN_SURFACE_QUADRATIC);
  if (!isfinite (cond) || cond < 1.0 || !isfinite (theta))
    {
      dln_message_set (msg, 0, _("condition number must be finite and >= 1, "
                       "rotation finite (got %g, %g)"), cond, theta);
      return DLN_STATUS_INVALID_INPUT;
    }
  s->cond = cond;
  s->theta = theta;
  /* H = v1 v1ᵀ + κ v2 v2ᵀ, v1 = (c, s), v2 = (−s, c) */
  c = cos (theta);
  sn = sin (theta);
  s->q11 = c * c + cond * sn * sn;
  s->q12 = (1.0 - cond) * c * sn;
  s->q22 = sn * sn + cond * c * c;
  quadratic_formula (s);
  return DLN_STATUS_OK;
}

int
dln_surface_shallow_product (const DlnSurface *s,
                             double           *product,
                             double           *loss_min)
{
  DLN_ASSERT (s != NULL);
  if (s->kind != DLN_SURFACE_SHALLOW_NET)
    return 0;
  /* L = Syy − 2pSxy + p²Sxx is minimal at p = Sxy/Sxx
   * (docs/theory.md#stability) */
  if (product != NULL)
    *product = s->sxy / s->sxx;
  if (loss_min != NULL)
    *loss_min = s->syy - s->sxy * s->sxy / s->sxx;
  return 1;
}

/* --- Closed forms ---
 * One function per surface: value, and the gradient and Hessian when
 * their pointers are not NULL. */

/* A radial surface f = φ(r), r = x² + y², from φ, φ' and φ'' at r:
 * f_x = 2x φ', f_xx = 2φ' + 4x² φ'', f_xy = 4xy φ''. */
static inline double
radial (double  x,
        double  y,
        double  phi,
        double  dphi,
        double  d2phi,
        double *g,
        double *h)
{
  if (g != NULL)
    {
      g[0] = 2.0 * x * dphi;
      g[1] = 2.0 * y * dphi;
    }
  if (h != NULL)
    {
      h[0] = 2.0 * dphi + 4.0 * x * x * d2phi;
      h[1] = h[2] = 4.0 * x * y * d2phi;
      h[3] = 2.0 * dphi + 4.0 * y * y * d2phi;
    }
  return phi;
}

static inline double
eval_builtin (const DlnSurface *s,
              double            x,
              double            y,
              double           *g,
              double           *h)
{
  double f;

  switch (s->kind)
    {
    case DLN_SURFACE_RIPPLE:
      {
        /* f = sin r: φ' = cos r, φ'' = −sin r */
        double r = x * x + y * y, sr = sin (r);

        if (g == NULL && h == NULL)
          return sr;
        return radial (x, y, sr, cos (r), -sr, g, h);
      }
    case DLN_SURFACE_SHALLOW_NET:
      {
        /* p = xy: L = Syy − 2pSxy + p²Sxx; L_x = 2y(pSxx − Sxy);
         * L_xx = 2y²Sxx, L_xy = 2(2pSxx − Sxy) (docs/theory.md#stability) */
        double p = x * y, e = p * s->sxx - s->sxy;

        f = s->syy - 2.0 * p * s->sxy + p * p * s->sxx;
        if (g != NULL)
          {
            g[0] = 2.0 * y * e;
            g[1] = 2.0 * x * e;
          }
        if (h != NULL)
          {
            h[0] = 2.0 * y * y * s->sxx;
            h[1] = h[2] = 2.0 * (2.0 * p * s->sxx - s->sxy);
            h[3] = 2.0 * x * x * s->sxx;
          }
        return f;
      }
    case DLN_SURFACE_QUADRATIC:
      /* f = ½ wᵀQw: ∇f = Qw, H = Q */
      f = 0.5 * (s->q11 * x * x + 2.0 * s->q12 * x * y + s->q22 * y * y);
      if (g != NULL)
        {
          g[0] = s->q11 * x + s->q12 * y;
          g[1] = s->q12 * x + s->q22 * y;
        }
      if (h != NULL)
        {
          h[0] = s->q11;
          h[1] = h[2] = s->q12;
          h[3] = s->q22;
        }
      return f;
    case DLN_SURFACE_ROSENBROCK:
      {
        /* f = (1 − x)² + 100 (y − x²)²: f_x = −2(1 − x) − 400x(y − x²),
         * f_y = 200(y − x²); f_xx = 2 − 400y + 1200x², f_xy = −400x,
         * f_yy = 200 */
        double a = 1.0 - x, b = y - x * x;

        f = a * a + 100.0 * b * b;
        if (g != NULL)
          {
            g[0] = -2.0 * a - 400.0 * x * b;
            g[1] = 200.0 * b;
          }
        if (h != NULL)
          {
            h[0] = 2.0 - 400.0 * y + 1200.0 * x * x;
            h[1] = h[2] = -400.0 * x;
            h[3] = 200.0;
          }
        return f;
      }
    case DLN_SURFACE_HIMMELBLAU:
      {
        /* a = x² + y − 11, b = x + y² − 7, f = a² + b²:
         * f_x = 4xa + 2b, f_y = 2a + 4yb; f_xx = 4a + 8x² + 2,
         * f_xy = 4x + 4y, f_yy = 2 + 4b + 8y² */
        double a = x * x + y - 11.0, b = x + y * y - 7.0;

        f = a * a + b * b;
        if (g != NULL)
          {
            g[0] = 4.0 * x * a + 2.0 * b;
            g[1] = 2.0 * a + 4.0 * y * b;
          }
        if (h != NULL)
          {
            h[0] = 4.0 * a + 8.0 * x * x + 2.0;
            h[1] = h[2] = 4.0 * x + 4.0 * y;
            h[3] = 2.0 + 4.0 * b + 8.0 * y * y;
          }
        return f;
      }
    case DLN_SURFACE_BEALE:
      {
        /* e_k = c_k − x + x y^k (k = 1, 2, 3), f = Σ e_k²;
         * ∂e_k/∂x = y^k − 1 =: a_k, ∂e_k/∂y = k x y^(k−1) =: b_k;
         * f_x = 2Σ e_k a_k, f_y = 2Σ e_k b_k;
         * f_xx = 2Σ a_k², f_xy = 2Σ (b_k a_k + e_k k y^(k−1)),
         * f_yy = 2Σ (b_k² + e_k k(k−1) x y^(k−2)) */
        static const double c[3] = { 1.5, 2.25, 2.625 };
        double y1 = y, y2 = y * y, y3 = y2 * y;
        double yk[3] = { y1, y2, y3 };
        double ykm1[3] = { 1.0, y1, y2 };
        double ykm2[3] = { 0.0, 1.0, y1 };
        double gx = 0, gy = 0, hxx = 0, hxy = 0, hyy = 0;

        f = 0.0;
        for (int k = 0; k < 3; k++)
          {
            double kk = k + 1;
            double e = c[k] - x + x * yk[k];
            double a = yk[k] - 1.0, b = kk * x * ykm1[k];

            f += e * e;
            gx += e * a;
            gy += e * b;
            hxx += a * a;
            hxy += b * a + e * kk * ykm1[k];
            hyy += b * b + e * kk * (kk - 1.0) * x * ykm2[k];
          }
        if (g != NULL)
          {
            g[0] = 2.0 * gx;
            g[1] = 2.0 * gy;
          }
        if (h != NULL)
          {
            h[0] = 2.0 * hxx;
            h[1] = h[2] = 2.0 * hxy;
            h[3] = 2.0 * hyy;
          }
        return f;
      }
    case DLN_SURFACE_SADDLE:
      /* f = x² − y²: ∇f = (2x, −2y), H = diag(2, −2) */
      f = x * x - y * y;
      if (g != NULL)
        {
          g[0] = 2.0 * x;
          g[1] = -2.0 * y;
        }
      if (h != NULL)
        {
          h[0] = 2.0;
          h[1] = h[2] = 0.0;
          h[3] = -2.0;
        }
      return f;
    case DLN_SURFACE_PLATEAU:
      {
        /* f = 1 − e, e = exp(−r): φ' = e, φ'' = −e */
        double e = exp (-(x * x + y * y));

        return radial (x, y, 1.0 - e, e, -e, g, h);
      }
    case DLN_SURFACE_EXPR:
    case DLN_SURFACE_COUNT:
      break;
    }
  DLN_ASSERT (!"not a built-in surface");
  return NAN;
}

static inline double
eval_surface (const DlnSurface *s,
              double            x,
              double            y,
              double           *g,
              double           *h)
{
  if (s->kind == DLN_SURFACE_EXPR)
    {
      /* a workspace on the stack keeps evaluation reentrant (a GUI worker
       * drawing the grid while the main thread reads a hover value);
       * only very long expressions fall back to the surface's own */
      double p[2] = { x, y }, local[DLN_SURFACE_EXPR_STACK_WORK];
      double *work;

      DLN_ASSERT (s->tape != NULL);
      work = dln_tape_workspace_size (s->tape) <= DLN_SURFACE_EXPR_STACK_WORK
             ? local : s->work;
      if (h != NULL)
        return dln_tape_hessian (s->tape, p, g, h, work);
      if (g != NULL)
        return dln_tape_grad (s->tape, p, g, work);
      return dln_tape_value (s->tape, p, work);
    }
  return eval_builtin (s, x, y, g, h);
}

double
dln_surface_value (const DlnSurface *s,
                   double            x,
                   double            y)
{
  DLN_ASSERT (s != NULL);
  return eval_surface (s, x, y, NULL, NULL);
}

double
dln_surface_grad (const DlnSurface *s,
                  double            x,
                  double            y,
                  double            grad[2])
{
  DLN_ASSERT (s != NULL && grad != NULL);
  return eval_surface (s, x, y, grad, NULL);
}

double
dln_surface_hessian (const DlnSurface *s,
                     double            x,
                     double            y,
                     double            grad[2],
                     double            hess[4])
{
  double g[2];

  DLN_ASSERT (s != NULL && hess != NULL);
  return eval_surface (s, x, y, grad != NULL ? grad : g, hess);
}

/* The grid loop is written once per "needs gradient" case and the kind
 * switch stays inside eval_builtin: with it inlined the compiler hoists
 * the switch (measured in tests/bench: 512 x 512 shallow-net values in
 * about 0.3 ms). */
void
dln_surface_grid (const DlnSurface *s,
                  const DlnViewBox *box,
                  size_t            nx,
                  size_t            ny,
                  double           *values,
                  double           *gx,
                  double           *gy)
{
  double dx, dy;
  int want_grad;

  DLN_ASSERT (s != NULL && box != NULL);
  DLN_ASSERT (nx >= 2 && ny >= 2);
  DLN_ASSERT (box->xmin < box->xmax && box->ymin < box->ymax);
  DLN_ASSERT ((gx == NULL) == (gy == NULL));

  dx = (box->xmax - box->xmin) / (double) (nx - 1);
  dy = (box->ymax - box->ymin) / (double) (ny - 1);
  want_grad = gx != NULL;
  for (size_t j = 0; j < ny; j++)
    {
      double y = box->ymin + (double) j * dy;

      for (size_t i = 0; i < nx; i++)
        {
          double x = box->xmin + (double) i * dx;
          double g[2];
          double f = eval_surface (s, x, y, want_grad ? g : NULL, NULL);

          if (values != NULL)
            values[j * nx + i] = f;
          if (want_grad)
            {
              gx[j * nx + i] = g[0];
              gy[j * nx + i] = g[1];
            }
        }
    }
}

DlnStatus
dln_surface_curvature (const DlnSurface *s,
                       double            x,
                       double            y,
                       DlnArena         *scratch,
                       DlnCurvature     *out,
                       DlnMessage       *msg)
{
  DlnTensor *h, *w = NULL, *v = NULL;
  size_t mark;
  DlnStatus status;

  DLN_ASSERT (s != NULL && scratch != NULL && out != NULL);

  memset (out, 0, sizeof *out);
  out->x = x;
  out->y = y;
  out->value = dln_surface_hessian (s, x, y, out->grad, out->hess);
  out->lr_crit = NAN;
  out->lambda_max = NAN;
  out->eig[0] = out->eig[1] = NAN;
  if (!isfinite (out->value) || !isfinite (out->grad[0])
      || !isfinite (out->grad[1]))
    {
      if (isfinite (out->value))
        dln_message_set (msg, 0, _("the surface is not finite at (%g, %g) "
                         "(its gradient is (%g, %g): a pole of a derivative)"),
                         x, y, out->grad[0], out->grad[1]);
      else
        dln_message_set (msg, 0, _("the surface is not finite at (%g, %g) "
                         "(value %s)"), x, y, isnan (out->value) ? "nan"
                         : out->value > 0 ? "inf" : "-inf");
      return DLN_STATUS_INVALID_INPUT;
    }
  for (int i = 0; i < 4; i++)
    if (!isfinite (out->hess[i]))
      {
        dln_message_set (msg, 0, _("the Hessian at (%g, %g) is not finite"),
                         x, y);
        return DLN_STATUS_INVALID_INPUT;
      }

  mark = dln_arena_mark (scratch);
  h = dln_tensor_new_from (scratch, 2, 2, out->hess);
  if (h == NULL)
    {
      dln_message_set (msg, 0, _("scratch arena full"));
      return DLN_STATUS_NO_MEMORY;
    }
  status = dln_linalg_eigh (h, scratch, &w, &v, msg);
  if (status == DLN_STATUS_OK)
    {
      out->eig[0] = w->data[0];
      out->eig[1] = w->data[1];
      memcpy (out->evec, v->data, sizeof out->evec);
      out->lambda_max = out->eig[1];
      /* GD is locally stable iff |1 − lr λ_i| < 1 for all i: lr < 2/λmax
       * (docs/theory.md#stability); with λmax <= 0 no lr makes it oscillate */
      out->bounded = out->lambda_max > 0.0;
      out->lr_crit = out->bounded ? 2.0 / out->lambda_max : INFINITY;
    }
  dln_arena_rewind (scratch, mark);
  return status;
}

static int
in_box (double x,
        double y)
{
  return fabs (x) <= DLN_SURFACE_DIVERGENCE_BOX
         && fabs (y) <= DLN_SURFACE_DIVERGENCE_BOX;
}

static double
to_infinity (double v)
{
  /* a finite coordinate beyond the box counts as having gone to ±Inf */
  if (isfinite (v) && fabs (v) > DLN_SURFACE_DIVERGENCE_BOX)
    return v > 0 ? INFINITY : -INFINITY;
  return v;
}

DlnStatus
dln_surface_descend (const DlnSurface     *s,
                     const DlnOptimParams *params,
                     const DlnSchedule    *schedule,
                     double                x0,
                     double                y0,
                     size_t                steps,
                     DlnTrajectory        *traj,
                     DlnMessage           *msg)
{
  DlnOptim opt;
  double p[2] = { x0, y0 }, g[2], f;
  DlnStatus status;

  DLN_ASSERT (s != NULL && params != NULL && traj != NULL);
  DLN_ASSERT (traj->x != NULL && traj->y != NULL && traj->loss != NULL);
  DLN_ASSERT (traj->capacity >= steps + 1 && steps + 1 > steps);

  traj->n_points = 0;
  traj->diverged = 0;
  traj->diverged_step = 0;
  traj->div_x = traj->div_y = traj->div_loss = NAN;

  status = dln_optim_params_check (params, msg);
  if (status == DLN_STATUS_OK && schedule != NULL)
    status = dln_schedule_check (schedule, msg);
  if (status != DLN_STATUS_OK)
    return status;
  if (!isfinite (x0) || !isfinite (y0) || !in_box (x0, y0))
    {
      dln_message_set (msg, 0, _("the start (%g, %g) is not finite or "
                       "outside |x|, |y| <= %g"), x0, y0,
                       DLN_SURFACE_DIVERGENCE_BOX);
      return DLN_STATUS_INVALID_INPUT;
    }

  f = eval_surface (s, p[0], p[1], g, NULL);
  traj->x[0] = p[0];
  traj->y[0] = p[1];
  traj->loss[0] = f;
  traj->n_points = 1;
  if (!isfinite (f))
    {
      dln_message_set (msg, 0, _("the loss at the start (%g, %g) is %s"),
                       x0, y0, isnan (f) ? "nan" : f > 0 ? "inf" : "-inf");
      return DLN_STATUS_INVALID_INPUT;
    }

  dln_optim_init (&opt, params, NULL);
  for (size_t k = 1; k <= steps; k++)
    {
      const char *why = NULL;

      opt.params.lr = dln_schedule_lr (schedule, params->lr, (long) k - 1);
      status = dln_optim_step (&opt, p, g, 2, NULL);
      DLN_ASSERT (status == DLN_STATUS_OK || status == DLN_STATUS_DIVERGED);
      if (status == DLN_STATUS_DIVERGED)
        why = "the position became NaN or Inf";
      else if (!in_box (p[0], p[1]))
        why = "the position left the divergence box";
      else
        {
          f = eval_surface (s, p[0], p[1], g, NULL);
          if (!isfinite (f))
            why = "the loss became NaN or Inf";
        }
      if (why != NULL)
        {
          traj->diverged = 1;
          traj->diverged_step = k;
          traj->div_x = to_infinity (p[0]);
          traj->div_y = to_infinity (p[1]);
          traj->div_loss = eval_surface (s, traj->div_x, traj->div_y,
                                         NULL, NULL);
          dln_message_set (msg, 0, _("diverged at step %zu: %s (x = %g, "
                           "y = %g)"), k, why, p[0], p[1]);
          return DLN_STATUS_DIVERGED;
        }
      traj->x[k] = p[0];
      traj->y[k] = p[1];
      traj->loss[k] = f;
      traj->n_points = k + 1;
      if (traj->progress != NULL)
        traj->progress (k, steps, traj->progress_data);
    }
  return DLN_STATUS_OK;
}

/* Epoch @e's loss and weights, into those of the arrays that are given. */
static void
narrow_record (double *loss,
               double *w1_out,
               double *w2_out,
               size_t  e,
               double  l,
               double  w1,
               double  w2)
{
  if (loss != NULL)
    loss[e] = l;
  if (w1_out != NULL)
    w1_out[e] = w1;
  if (w2_out != NULL)
    w2_out[e] = w2;
}

DlnStatus
dln_narrow_train (const double *x,
                  const double *y,
                  size_t        n,
                  double        w1,
                  double        w2,
                  double        lr,
                  size_t        epochs,
                  double       *loss,
                  double       *w1_out,
                  double       *w2_out,
                  DlnMessage   *msg)
{
  DLN_ASSERT (x != NULL && y != NULL && n >= 1);

  for (size_t e = 0; e < epochs; e++)
    {
      double l = 0.0, s1 = 0.0, s2 = 0.0;

      for (size_t i = 0; i < n; i++)
        {
          /* E = y − w1 w2 x; L = mean E²; g1 = −mean(2 w2 x E),
           * g2 = −mean(2 w1 x E) (docs/demos.md#narrow-nets) */
          double err = y[i] - w1 * w2 * x[i];

          l += err * err;
          s1 += 2.0 * w2 * x[i] * err;
          s2 += 2.0 * w1 * x[i] * err;
        }
      l /= (double) n;
      /* both gradients at the old weights, then the update */
      w1 = w1 - lr * (-s1 / (double) n);
      w2 = w2 - lr * (-s2 / (double) n);
      narrow_record (loss, w1_out, w2_out, e, l, w1, w2);
      if (!isfinite (l) || !isfinite (w1) || !isfinite (w2))
        {
          for (size_t r = e + 1; r < epochs; r++)
            narrow_record (loss, w1_out, w2_out, r, NAN, NAN, NAN);
          dln_message_set (msg, 0, _("diverged at epoch %zu (loss %g, "
                           "w1 %g, w2 %g)"), e + 1, l, w1, w2);
          return DLN_STATUS_DIVERGED;
        }
    }
  return DLN_STATUS_OK;
}

void
dln_narrow_params_init (DlnNarrowParams *params)
{
  DLN_ASSERT (params != NULL);
  *params = (DlnNarrowParams) {
    .w1 = DLN_NARROW_W1, .w2 = DLN_NARROW_W2, .lr = DLN_NARROW_LR,
    .epochs = DLN_NARROW_EPOCHS, .seed = DLN_NARROW_SEED,
    .samples = DLN_NARROW_SAMPLES, .slope = DLN_NARROW_SLOPE,
    .noise = DLN_NARROW_NOISE,
  };
}

DlnStatus
dln_narrow_run (const DlnNarrowParams *params,
                DlnNarrowResult       *result,
                DlnMessage            *msg)
{
  DlnRng rng;
  double sxx = 0.0, sxy = 0.0;

  DLN_ASSERT (params != NULL && result != NULL);
  DLN_ASSERT (result->x != NULL && result->y != NULL);
  if (result->eval_x != NULL)
    for (size_t i = 0; i < DLN_NARROW_N_EVAL; i++)
      result->eval_x[i] = (double) i / (DLN_NARROW_N_EVAL - 1);
  if (params->samples < 1 || params->epochs < 1
      || !isfinite (params->w1) || !isfinite (params->w2)
      || !isfinite (params->lr) || !isfinite (params->slope)
      || !isfinite (params->noise))
    {
      result->slope = NAN;
      dln_message_set (msg, 0, _("the shallow net needs samples and epochs "
                                 ">= 1 and finite weights, rate, slope and "
                                 "noise"));
      return DLN_STATUS_INVALID_INPUT;
    }
  /* the course's seed, then the draws in order */
  dln_rng_init (&rng, params->seed);
  dln_gen_samples (&rng, params->samples, params->slope, params->noise,
                   result->x, result->y);
  for (size_t i = 0; i < params->samples; i++)
    {
      sxx += result->x[i] * result->x[i];
      sxy += result->x[i] * result->y[i];
    }
  result->slope = sxx > 0 ? sxy / sxx : NAN;  /* least squares through 0 */
  return dln_narrow_train (result->x, result->y, params->samples, params->w1,
                           params->w2, params->lr, params->epochs,
                           result->loss, result->w1, result->w2, msg);
}
