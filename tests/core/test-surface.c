/* Tests of core/dln-surface: hand-derived gradients and Hessians against
 * finite differences, the verified numbers of docs/theory.md#stability,
 * built-ins against their own formula text run through the expression
 * tape, grids, trajectories and divergence, and the D05 trainer.
 * (Over 800 lines: one test file per core module, as for every module of
 * core; eight built-in surfaces each need their derivatives checked.) */

#include "dln-core.h"
#include "dln-surface.h"
#include "dln-test-util.h"

#include <glib.h>
#include <math.h>
#include <string.h>

/* Central differences, h = 6e-6·max(1, |x|) ≈ ∛ε (truncation vs
 * rounding), pass at |a − n| / max(1, |a|, |n|) <= 1e-6
 * (docs/architecture.md#tests). */
#define FD_STEP    6e-6
#define FD_TOL     1e-6
/* docs/theory.md#stability quotes four or five significant digits */
#define THEORY_TOL 5e-4

/* Gradient by central differences of the value, Hessian by central
 * differences of the exact gradient (not differences of differences). */
static void
check_point (const DlnSurface *s,
             double            x,
             double            y)
{
  double g[2], h[4], g2[2], hx = FD_STEP * fmax (1.0, fabs (x)),
         hy = FD_STEP * fmax (1.0, fabs (y));
  double f = dln_surface_hessian (s, x, y, g2, h);
  double fv = dln_surface_grad (s, x, y, g);
  double num[2], gp[2], gm[2], hnum[4];

  g_assert_cmpfloat (f, ==, fv);
  g_assert_cmpfloat (f, ==, dln_surface_value (s, x, y));
  g_assert_cmpfloat (g[0], ==, g2[0]);
  g_assert_cmpfloat (g[1], ==, g2[1]);

  num[0] = (dln_surface_value (s, x + hx, y)
            - dln_surface_value (s, x - hx, y)) / (2 * hx);
  num[1] = (dln_surface_value (s, x, y + hy)
            - dln_surface_value (s, x, y - hy)) / (2 * hy);

  dln_surface_grad (s, x + hx, y, gp);
  dln_surface_grad (s, x - hx, y, gm);
  hnum[0] = (gp[0] - gm[0]) / (2 * hx);
  hnum[2] = (gp[1] - gm[1]) / (2 * hx);
  dln_surface_grad (s, x, y + hy, gp);
  dln_surface_grad (s, x, y - hy, gm);
  hnum[1] = (gp[0] - gm[0]) / (2 * hy);
  hnum[3] = (gp[1] - gm[1]) / (2 * hy);

  for (int i = 0; i < 2; i++)
    if (dln_test_rel_error (g[i], num[i]) > FD_TOL)
      g_error ("%s: grad[%d] at (%g, %g): %.12g vs numeric %.12g", s->name,
               i, x, y, g[i], num[i]);
  for (int i = 0; i < 4; i++)
    if (dln_test_rel_error (h[i], hnum[i]) > FD_TOL)
      g_error ("%s: hess[%d] at (%g, %g): %.12g vs numeric %.12g", s->name,
               i, x, y, h[i], hnum[i]);
  g_assert_cmpfloat (h[1], ==, h[2]);
}

static void
test_gradcheck (void)
{
  DlnRng rng;

  dln_rng_init (&rng, 2021);
  for (int k = 0; k < DLN_SURFACE_EXPR; k++)
    {
      DlnSurface s;

      dln_surface_init (&s, (DlnSurfaceKind) k);
      /* 50 seeded points in the view box; the functions are smooth
       * everywhere, so no kinks to avoid */
      for (int i = 0; i < 50; i++)
        {
          double x = s.view.xmin + (s.view.xmax - s.view.xmin)
                                   * dln_rng_uniform (&rng);
          double y = s.view.ymin + (s.view.ymax - s.view.ymin)
                                   * dln_rng_uniform (&rng);
          check_point (&s, x, y);
        }
    }
  {
    DlnSurface q;

    dln_surface_init (&q, DLN_SURFACE_QUADRATIC);
    g_assert_cmpint (dln_surface_set_quadratic (&q, 25.0, 0.7, NULL), ==,
                     DLN_STATUS_OK);
    check_point (&q, 0.3, -1.2);
    check_point (&q, -1.7, 0.4);
  }
}

/* Each built-in's formula text is valid expression syntax: the expression
 * tape (its independent reverse and forward-over-reverse code) must give
 * the same value, gradient and Hessian. */
static void
test_formula_matches_tape (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnRng rng;

  dln_rng_init (&rng, 7);
  for (int k = 0; k < DLN_SURFACE_EXPR; k++)
    {
      DlnSurface s, e;
      DlnMessage msg;

      dln_surface_init (&s, (DlnSurfaceKind) k);
      if (k == DLN_SURFACE_QUADRATIC)
        dln_surface_set_quadratic (&s, 7.0, 0.4, NULL);
      if (dln_surface_init_expr (&e, s.formula, arena, &msg)
          != DLN_STATUS_OK)
        g_error ("%s: formula '%s' does not parse: %s", s.name, s.formula,
                 msg.text);
      g_assert_cmpint (e.kind, ==, DLN_SURFACE_EXPR);
      g_assert_cmpstr (e.formula, ==, s.formula);
      for (int i = 0; i < 20; i++)
        {
          double x = s.view.xmin + (s.view.xmax - s.view.xmin)
                                   * dln_rng_uniform (&rng);
          double y = s.view.ymin + (s.view.ymax - s.view.ymin)
                                   * dln_rng_uniform (&rng);
          double g1[2], g2[2], h1[4], h2[4];
          double f1 = dln_surface_hessian (&s, x, y, g1, h1);
          double f2 = dln_surface_hessian (&e, x, y, g2, h2);

          /* two evaluation orders of the same formula: rounding only,
           * scaled by the largest term (1e-12 relative) */
          g_assert_cmpfloat (dln_test_rel_error (f1, f2), <=, 1e-12 * fmax (1, fabs (f1)));
          for (int j = 0; j < 2; j++)
            g_assert_cmpfloat (dln_test_rel_error (g1[j], g2[j]), <=,
                               1e-11 * fmax (1, fabs (f1)));
          for (int j = 0; j < 4; j++)
            g_assert_cmpfloat (dln_test_rel_error (h1[j], h2[j]), <=,
                               1e-11 * fmax (1, fabs (f1)));
        }
    }
  dln_arena_free (arena);
}

static void
test_expr_errors (void)
{
  DlnArena *arena = dln_arena_new (1 << 16);
  DlnSurface s;
  DlnMessage msg;
  size_t used = dln_arena_used (arena);

  g_assert_cmpint (dln_surface_init_expr (&s, "x +* y", arena, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpint (msg.column, >, 0);
  g_assert_cmpint (dln_arena_used (arena), ==, used);
  /* only x and y are coordinates */
  g_assert_cmpint (dln_surface_init_expr (&s, "x + z", arena, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "z"));
  g_assert_cmpint (msg.column, ==, 5);
  /* a constant surface is fine: zero gradient */
  g_assert_cmpint (dln_surface_init_expr (&s, "3", arena, &msg), ==,
                   DLN_STATUS_OK);
  {
    double g[2];

    g_assert_cmpfloat (dln_surface_grad (&s, 1, 2, g), ==, 3.0);
    g_assert_cmpfloat (g[0], ==, 0.0);
    g_assert_cmpfloat (g[1], ==, 0.0);
  }
  dln_arena_free (arena);
}

/* Expression surfaces evaluated from two threads at once (on different
 * boxes, so a shared workspace would mix their numbers) give the numbers
 * of a single thread; a long expression (over the stack workspace) still
 * evaluates correctly. */
typedef struct
{
  const DlnSurface *s;
  DlnViewBox        box;
  double           *out;
} GridJob;

#define TG 64

static gpointer
grid_thread (gpointer data)
{
  GridJob *job = data;

  /* long enough for the threads to overlap on 2 shared cores */
  for (int r = 0; r < 100; r++)
    dln_surface_grid (job->s, &job->box, TG, TG, job->out,
                      job->out + TG * TG, job->out + 2 * TG * TG);
  return NULL;
}

static void
test_expr_threads (void)
{
  DlnArena *arena = dln_arena_new (1 << 22);
  DlnSurface s;
  GString *text = g_string_new ("0");
  const size_t bytes = 3 * TG * TG * sizeof (double);
  double *ref_a = g_malloc (bytes), *ref_b = g_malloc (bytes);
  double *a = g_malloc (bytes), *b = g_malloc (bytes);
  GridJob ja, jb;
  GThread *ta, *tb;

  g_assert_cmpint (dln_surface_init_expr (&s, "sin(x*y) + (x - y)^2/(1 + x^2)",
                                          arena, NULL), ==, DLN_STATUS_OK);
  ja = (GridJob) { &s, { -3, 3, -3, 3 }, a };
  jb = (GridJob) { &s, { 1, 5, -7, 2 }, b };
  dln_surface_grid (&s, &ja.box, TG, TG, ref_a, ref_a + TG * TG,
                    ref_a + 2 * TG * TG);
  dln_surface_grid (&s, &jb.box, TG, TG, ref_b, ref_b + TG * TG,
                    ref_b + 2 * TG * TG);
  ta = g_thread_new ("a", grid_thread, &ja);
  tb = g_thread_new ("b", grid_thread, &jb);
  g_thread_join (ta);
  g_thread_join (tb);
  g_assert_cmpmem (a, bytes, ref_a, bytes);
  g_assert_cmpmem (b, bytes, ref_b, bytes);
  /* deterministic form of the same property: a short expression never
   * touches the surface's shared workspace */
  {
    double *sentinel = g_new (double, DLN_SURFACE_EXPR_STACK_WORK), g[2],
           h[4];
    double *own = s.work;

    for (int i = 0; i < DLN_SURFACE_EXPR_STACK_WORK; i++)
      sentinel[i] = 7;
    s.work = sentinel;
    dln_surface_hessian (&s, 0.3, 0.2, g, h);
    dln_surface_grid (&s, &ja.box, 4, 4, a, a + 16, a + 32);
    for (int i = 0; i < DLN_SURFACE_EXPR_STACK_WORK; i++)
      g_assert_cmpfloat (sentinel[i], ==, 7);
    s.work = own;
    g_free (sentinel);
  }

  /* 400 terms: the tape needs more than the stack workspace */
  for (int k = 1; k <= 400; k++)
    g_string_append_printf (text, " + %d*x*y", k);
  g_assert_cmpint (dln_surface_init_expr (&s, text->str, arena, NULL), ==,
                   DLN_STATUS_OK);
  {
    double g[2], h[4];
    /* Σk = 80200: f = 80200 xy */
    double f = dln_surface_hessian (&s, 0.5, 2, g, h);

    g_assert_cmpfloat (f, ==, 80200.0);
    g_assert_cmpfloat (g[0], ==, 160400.0);
    g_assert_cmpfloat (g[1], ==, 40100.0);
    g_assert_cmpfloat (h[1], ==, 80200.0);
    g_assert_cmpfloat (h[0], ==, 0.0);
  }
  g_string_free (text, TRUE);
  g_free (ref_a);
  g_free (ref_b);
  g_free (a);
  g_free (b);
  dln_arena_free (arena);
}

static void
test_names (void)
{
  DlnSurface s;
  DlnMessage msg;

  for (int k = 0; k < DLN_SURFACE_EXPR; k++)
    {
      const char *name = dln_surface_kind_name ((DlnSurfaceKind) k);

      g_assert_cmpint (dln_surface_kind_from_name (name), ==, k);
      g_assert_cmpint (dln_surface_init_by_name (&s, name, &msg), ==,
                       DLN_STATUS_OK);
      g_assert_cmpstr (s.name, ==, name);
      g_assert_cmpuint (strlen (s.formula), >, 0);
      g_assert_cmpfloat (s.view.xmin, <, s.view.xmax);
      g_assert_cmpfloat (s.view.ymin, <, s.view.ymax);
      /* every listed minimum is a stationary point with a PSD Hessian */
      for (int i = 0; i < s.n_minima; i++)
        {
          double g[2], h[4];

          dln_surface_hessian (&s, s.minima[i].x, s.minima[i].y, g, h);
          g_assert_cmpfloat (fabs (g[0]) + fabs (g[1]), <, 1e-12);
          g_assert_cmpfloat (h[0], >=, 0);
          g_assert_cmpfloat (h[0] * h[3] - h[1] * h[2], >=, 0);
        }
      for (int i = 0; i < s.n_saddles; i++)
        {
          double g[2], h[4];

          dln_surface_hessian (&s, s.saddles[i].x, s.saddles[i].y, g, h);
          g_assert_cmpfloat (fabs (g[0]) + fabs (g[1]), <, 1e-12);
          g_assert_cmpfloat (h[0] * h[3] - h[1] * h[2], <, 0);
        }
    }
  g_assert_cmpint (dln_surface_kind_from_name ("expr"), ==,
                   DLN_SURFACE_COUNT);
  g_assert_cmpint (dln_surface_init_by_name (&s, "nope", &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "nope"));
  g_assert_nonnull (strstr (msg.text, "rosenbrock"));
}

/* docs/theory.md#stability, the shallow net's example data. */
static const double ex_x[5] = { -1, -0.5, 0.5, 1, 2 };
static const double ex_y[5] = { -2.1, -0.9, 1.2, 1.9, 4.05 };

static void
test_shallow_theory (void)
{
  DlnArena *scratch = dln_arena_new (1 << 16);
  DlnSurface s;
  DlnCurvature c;
  double prod, lmin, w;

  dln_surface_init (&s, DLN_SURFACE_SHALLOW_NET);
  g_assert_cmpint (dln_surface_set_data (&s, ex_x, ex_y, 5, NULL), ==,
                   DLN_STATUS_OK);
  /* Sxx = 6.5/5, Sxy = 13.15/5 by hand */
  g_assert_cmpfloat_with_epsilon (s.sxx, 1.3, 1e-15);
  g_assert_cmpfloat_with_epsilon (s.sxy, 2.63, 1e-15);
  g_assert_true (dln_surface_shallow_product (&s, &prod, &lmin));
  g_assert_cmpfloat_with_epsilon (prod, 2.0231, THEORY_TOL);
  g_assert_cmpfloat_with_epsilon (lmin, 0.01381, 1e-5);

  /* balanced minimum w1 = w2 = sqrt(Sxy/Sxx): λ = 0 and 4|Sxy| = 10.52 */
  w = sqrt (prod);
  g_assert_cmpint (dln_surface_curvature (&s, w, w, scratch, &c, NULL), ==,
                   DLN_STATUS_OK);
  g_assert_cmpfloat_with_epsilon (c.eig[0], 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c.lambda_max, 10.52, 1e-12);
  g_assert_cmpfloat_with_epsilon (c.lr_crit, 0.1901, THEORY_TOL);
  g_assert_true (c.bounded);
  /* the zero mode runs along the hyperbola: tangent (w, −w)/|.|, i.e. the
   * eigenvector of 0 is orthogonal to the gradient of x·y = (w, w) */
  g_assert_cmpfloat_with_epsilon (c.evec[0] * w + c.evec[2] * w, 0.0,
                                  1e-12);

  /* unbalanced minimum w1 = 2|w2|: λ = 13.15, lr_crit = 0.152 */
  {
    double w2 = sqrt (prod / 2), w1 = 2 * w2;

    dln_surface_curvature (&s, w1, w2, scratch, &c, NULL);
    g_assert_cmpfloat_with_epsilon (c.lambda_max, 13.15, 1e-12);
    g_assert_cmpfloat_with_epsilon (c.lr_crit, 0.152, THEORY_TOL);
  }
  /* saddle at the origin: ±2|Sxy| = ±5.26 */
  dln_surface_curvature (&s, 0, 0, scratch, &c, NULL);
  g_assert_cmpfloat_with_epsilon (c.eig[0], -5.26, 1e-12);
  g_assert_cmpfloat_with_epsilon (c.eig[1], 5.26, 1e-12);

  /* GD at 0.9 lr_crit converges to L_min; at 1.1 lr_crit it leaves the
   * minimum for a 2-cycle: the loss before the 300th update is 0.616 */
  {
    double xs[301], ys[301], ls[301];
    DlnTrajectory tr = { .x = xs, .y = ys, .loss = ls, .capacity = 301 };
    DlnOptimParams p;
    double crit = 2.0 / 10.52;

    dln_optim_params_init (&p, DLN_OPTIM_SGD);
    p.lr = 0.9 * crit;
    g_assert_cmpint (dln_surface_descend (&s, &p, NULL, w + 1e-3, w, 300,
                                          &tr, NULL), ==, DLN_STATUS_OK);
    g_assert_cmpfloat_with_epsilon (ls[300], 0.01381, 1e-5);
    p.lr = 1.1 * crit;
    g_assert_cmpint (dln_surface_descend (&s, &p, NULL, w + 1e-3, w, 300,
                                          &tr, NULL), ==, DLN_STATUS_OK);
    g_assert_cmpfloat_with_epsilon (ls[299], 0.616, THEORY_TOL);
  }
  dln_arena_free (scratch);
}

/* docs/theory.md#stability: H = diag(1, 10): lr_crit = 0.2; 0.19 converges,
 * 0.21 diverges (distance 61 after 60 steps). */
static void
test_quadratic_theory (void)
{
  DlnArena *scratch = dln_arena_new (1 << 16);
  DlnSurface s;
  DlnCurvature c;
  double xs[61], ys[61], ls[61];
  DlnTrajectory tr = { .x = xs, .y = ys, .loss = ls, .capacity = 61 };
  DlnOptimParams p;

  dln_surface_init (&s, DLN_SURFACE_QUADRATIC);
  g_assert_cmpint (dln_surface_curvature (&s, 0.3, 0.7, scratch, &c, NULL),
                   ==, DLN_STATUS_OK);
  g_assert_cmpfloat (c.eig[0], ==, 1.0);
  g_assert_cmpfloat (c.eig[1], ==, 10.0);
  g_assert_cmpfloat_with_epsilon (c.lr_crit, 0.2, 1e-15);

  /* rotation keeps the spectrum and turns the eigenvector of 1 */
  dln_surface_set_quadratic (&s, 10.0, M_PI / 6, NULL);
  dln_surface_curvature (&s, 0, 0, scratch, &c, NULL);
  g_assert_cmpfloat_with_epsilon (c.eig[0], 1.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (c.eig[1], 10.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (fabs (c.evec[0]), cos (M_PI / 6), 1e-14);
  g_assert_cmpfloat_with_epsilon (fabs (c.evec[2]), sin (M_PI / 6), 1e-14);

  /* from (1, 1): GD multiplies the y error by (1 − 10 lr) each step */
  dln_surface_set_quadratic (&s, 10.0, 0.0, NULL);
  dln_optim_params_init (&p, DLN_OPTIM_SGD);
  p.lr = 0.19;
  dln_surface_descend (&s, &p, NULL, 1, 1, 60, &tr, NULL);
  g_assert_cmpfloat (hypot (xs[60], ys[60]), <, 1e-2);
  p.lr = 0.21;
  dln_surface_descend (&s, &p, NULL, 1, 1, 60, &tr, NULL);
  /* |1 − 2.1|^60 = 1.1^60 = 304.48, so check the closed form: from
   * (1, 1), y_60 = (−1.1)^60 exactly to rounding, x_60 = 0.79^60 */
  g_assert_cmpfloat_with_epsilon (ys[60] / pow (1.1, 60), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (xs[60] / pow (0.79, 60), 1.0, 1e-12);
  dln_arena_free (scratch);
}

/* docs/theory.md#stability: the best fixed lr 2/(λmax + λmin) contracts both
 * modes by (κ − 1)/(κ + 1); the deep narrow chain's E = ½ (s − a1 a2)² at the
 * balanced optimum a = √s has λmax = N s^(2 − 2/N) = 4.00 for N = 2,
 * s = 2 (verified numbers). */
static void
test_best_lr_and_chain (void)
{
  DlnArena *scratch = dln_arena_new (1 << 16);
  DlnSurface s;
  DlnCurvature c;
  DlnOptimParams p;
  double xs[11], ys[11], ls[11];
  DlnTrajectory tr = { .x = xs, .y = ys, .loss = ls, .capacity = 11 };

  dln_surface_init (&s, DLN_SURFACE_QUADRATIC);
  dln_optim_params_init (&p, DLN_OPTIM_SGD);
  p.lr = 2.0 / 11.0;
  dln_surface_descend (&s, &p, NULL, 1, 1, 10, &tr, NULL);
  /* x: 1 − 2/11 = 9/11; y: 1 − 20/11 = −9/11 */
  g_assert_cmpfloat_with_epsilon (xs[10], pow (9.0 / 11, 10), 1e-15);
  g_assert_cmpfloat_with_epsilon (ys[10], pow (-9.0 / 11, 10), 1e-15);

  g_assert_cmpint (dln_surface_init_expr (&s, "0.5*(2 - x*y)^2", scratch,
                                          NULL), ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_surface_curvature (&s, sqrt (2), sqrt (2), scratch,
                                          &c, NULL), ==, DLN_STATUS_OK);
  g_assert_cmpfloat_with_epsilon (c.eig[0], 0.0, 1e-14);
  g_assert_cmpfloat_with_epsilon (c.lambda_max, 4.00, 1e-14);
  g_assert_cmpfloat_with_epsilon (c.lr_crit, 0.5, 1e-15);
  dln_arena_free (scratch);
}

static void
test_curvature_unbounded (void)
{
  DlnArena *scratch = dln_arena_new (1 << 16);
  DlnSurface s;
  DlnCurvature c;
  DlnMessage msg;

  /* concave: λmax <= 0, no bound */
  g_assert_cmpint (dln_surface_init_expr (&s, "-(x^2 + 3*y^2)", scratch,
                                          &msg), ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_surface_curvature (&s, 1, 1, scratch, &c, NULL), ==,
                   DLN_STATUS_OK);
  g_assert_cmpfloat (c.eig[0], ==, -6.0);
  g_assert_cmpfloat (c.eig[1], ==, -2.0);
  g_assert_false (c.bounded);
  g_assert_true (isinf (c.lr_crit));
  /* a non-finite Hessian is a status, not a crash */
  g_assert_cmpint (dln_surface_init_expr (&s, "sqrt(x) + y", scratch,
                                          &msg), ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_surface_curvature (&s, 0, 1, scratch, &c, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "not finite"));
  /* outside the domain: the value itself is NaN */
  g_assert_cmpint (dln_surface_init_expr (&s, "log(x) + y", scratch, &msg),
                   ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_surface_curvature (&s, -1, 1, scratch, &c, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_true (isnan (c.value) && isnan (c.lr_crit));
  dln_arena_free (scratch);
}

static void
test_grid (void)
{
  DlnSurface s;
  DlnViewBox box = { -1, 2, -3, 1 };
  double v[5 * 4], gx[5 * 4], gy[5 * 4];

  dln_surface_init (&s, DLN_SURFACE_ROSENBROCK);
  dln_surface_grid (&s, &box, 4, 5, v, gx, gy);
  for (int j = 0; j < 5; j++)
    for (int i = 0; i < 4; i++)
      {
        double x = -1 + i * 1.0, y = -3 + j * 1.0, g[2];
        double f = dln_surface_grad (&s, x, y, g);

        g_assert_cmpfloat (v[j * 4 + i], ==, f);
        g_assert_cmpfloat (gx[j * 4 + i], ==, g[0]);
        g_assert_cmpfloat (gy[j * 4 + i], ==, g[1]);
      }
  /* corners exactly: (2, 1): (1 − 2)² + 100 (1 − 4)² = 901 */
  g_assert_cmpfloat (v[4 * 4 + 3], ==, 901.0);
  /* values only */
  memset (v, 0, sizeof v);
  dln_surface_grid (&s, &box, 4, 5, v, NULL, NULL);
  g_assert_cmpfloat (v[0], ==, 4.0 + 100.0 * 16.0);
}

static void
test_descend_divergence (void)
{
  DlnSurface s;
  DlnOptimParams p;
  DlnMessage msg;
  double xs[501], ys[501], ls[501];
  DlnTrajectory tr = { .x = xs, .y = ys, .loss = ls, .capacity = 501 };

  /* Rosenbrock with a huge lr overflows to Inf/NaN within a few steps */
  dln_surface_init (&s, DLN_SURFACE_ROSENBROCK);
  dln_optim_params_init (&p, DLN_OPTIM_SGD);
  p.lr = 0.1;
  g_assert_cmpint (dln_surface_descend (&s, &p, NULL, -1.5, 2, 500, &tr,
                                        &msg), ==, DLN_STATUS_DIVERGED);
  g_assert_true (tr.diverged);
  g_assert_cmpuint (tr.diverged_step, >=, 1);
  g_assert_cmpuint (tr.n_points, ==, tr.diverged_step);
  g_assert_nonnull (strstr (msg.text, "diverged at step"));
  for (size_t k = 0; k < tr.n_points; k++)
    {
      g_assert_true (isfinite (xs[k]) && isfinite (ys[k]));
      g_assert_true (isfinite (ls[k]));
      g_assert_cmpfloat (fabs (xs[k]), <=, DLN_SURFACE_DIVERGENCE_BOX);
    }
  g_assert_false (isfinite (tr.div_x) && isfinite (tr.div_y)
                  && isfinite (tr.div_loss));

  /* the saddle with SGD grows y by 1 + 2 lr = 1.2 per step: it leaves the
   * box 1e12 at the first k with 1.2^k > 1e12, k = 152 */
  dln_surface_init (&s, DLN_SURFACE_SADDLE);
  g_assert_cmpint (dln_surface_descend (&s, &p, NULL, 0.5, 1, 500, &tr,
                                        &msg), ==, DLN_STATUS_DIVERGED);
  g_assert_cmpuint (tr.diverged_step, ==,
                    (size_t) ceil (12 * log (10) / log (1.2)));
  g_assert_true (isinf (tr.div_y) && tr.div_y > 0);
  g_assert_true (isinf (tr.div_loss) && tr.div_loss < 0);
  g_assert_cmpfloat (dln_test_rel_error (ys[tr.n_points - 1] / pow (1.2, tr.n_points - 1),
                              1.0), <, 1e-12);

  /* a later run on the same arrays starts clean */
  g_assert_cmpint (dln_surface_descend (&s, &p, NULL, 0.5, 0, 10, &tr,
                                        NULL), ==, DLN_STATUS_OK);
  g_assert_false (tr.diverged);
  g_assert_cmpuint (tr.n_points, ==, 11);

  /* bad input */
  g_assert_cmpint (dln_surface_descend (&s, &p, NULL, NAN, 0, 10, &tr,
                                        &msg), ==, DLN_STATUS_INVALID_INPUT);
  p.lr = -1;
  g_assert_cmpint (dln_surface_descend (&s, &p, NULL, 0, 0, 10, &tr,
                                        &msg), ==, DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "learning rate"));
}

static void
test_descend_schedule (void)
{
  DlnSurface s;
  DlnOptimParams p;
  DlnSchedule sch;
  double xs[6], ys[6], ls[6];
  DlnTrajectory tr = { .x = xs, .y = ys, .loss = ls, .capacity = 6 };
  double x = 1.0;

  /* saddle x-part: x ← x − lr_k 2x = x (1 − 2 lr_k), lr_k = 0.1·0.5^k */
  dln_surface_init (&s, DLN_SURFACE_SADDLE);
  dln_optim_params_init (&p, DLN_OPTIM_SGD);
  p.lr = 0.1;
  dln_schedule_init (&sch, DLN_SCHEDULE_EXPONENTIAL);
  sch.gamma = 0.5;
  g_assert_cmpint (dln_surface_descend (&s, &p, &sch, 1, 0, 5, &tr, NULL),
                   ==, DLN_STATUS_OK);
  for (int k = 1; k <= 5; k++)
    {
      x = x * (1 - 2 * 0.1 * pow (0.5, k - 1));
      g_assert_cmpfloat_with_epsilon (xs[k], x, 1e-15);
    }
}

/* D05's trainer against the sufficient-statistics surface: same maths,
 * different summation, and the docs/demos.md#recording record (loss before,
 * weights after). */
static void
test_narrow_train (void)
{
  DlnSurface s;
  DlnOptimParams p;
  double loss[50], w1[50], w2[50];
  double xs[51], ys[51], ls[51];
  DlnTrajectory tr = { .x = xs, .y = ys, .loss = ls, .capacity = 51 };

  g_assert_cmpint (dln_narrow_train (ex_x, ex_y, 5, 1.4, -1.6, 0.02, 50,
                                     loss, w1, w2, NULL), ==, DLN_STATUS_OK);
  dln_surface_init (&s, DLN_SURFACE_SHALLOW_NET);
  dln_surface_set_data (&s, ex_x, ex_y, 5, NULL);
  dln_optim_params_init (&p, DLN_OPTIM_SGD);
  p.lr = 0.02;
  dln_surface_descend (&s, &p, NULL, 1.4, -1.6, 50, &tr, NULL);
  for (int e = 0; e < 50; e++)
    {
      g_assert_cmpfloat (dln_test_rel_error (loss[e], ls[e]), <, 1e-13);
      g_assert_cmpfloat (dln_test_rel_error (w1[e], xs[e + 1]), <, 1e-13);
      g_assert_cmpfloat (dln_test_rel_error (w2[e], ys[e + 1]), <, 1e-13);
    }
  /* first epoch by hand: E_i = y_i + 2.24 x_i;
   * g1 = −mean(2·(−1.6)·x·E) = 3.2 mean(xE), mean(xE) = Sxy + 2.24 Sxx */
  {
    double mxe = 2.63 + 2.24 * 1.3;

    g_assert_cmpfloat_with_epsilon (w1[0], 1.4 - 0.02 * 3.2 * mxe, 1e-14);
    g_assert_cmpfloat_with_epsilon (w2[0], -1.6 - 0.02 * (-2.8) * mxe,
                                    1e-14);
  }
  /* divergence fills the rest with NaN */
  g_assert_cmpint (dln_narrow_train (ex_x, ex_y, 5, 1.4, -1.6, 5.0, 50,
                                     loss, w1, w2, NULL), ==,
                   DLN_STATUS_DIVERGED);
  g_assert_true (isnan (loss[49]) && isnan (w1[49]) && isnan (w2[49]));
}

/* D05's experiment: its data and slope by hand, then the trainer on
 * that data; bad parameters are refused. */
static void
test_narrow_run (void)
{
  double x[73], y[73], loss[211], w1[211], w2[211];
  double tl[211], t1[211], t2[211], mx2 = 0, ex[37];
  DlnNarrowParams p;
  DlnNarrowResult r = { .x = x, .y = y, .loss = loss, .w1 = w1, .w2 = w2,
                        .eval_x = ex };
  DlnMessage msg = { { 0 }, 0 };

  /* no noise: x_i = i/9, y = x, so the slope is exactly 1 and the first
   * loss mean(((1 + 2.24) x)²) */
  dln_narrow_params_init (&p);
  p.samples = 10;
  p.slope = 1;
  p.noise = 0;
  g_assert_cmpint (dln_narrow_run (&p, &r, NULL), ==, DLN_STATUS_OK);
  for (int i = 0; i < 10; i++)
    {
      g_assert_cmpfloat (x[i], ==, i / 9.0);
      g_assert_cmpfloat (y[i], ==, x[i]);
      mx2 += (i / 9.0) * (i / 9.0) / 10;
    }
  g_assert_cmpfloat (r.slope, ==, 1.0);
  g_assert_cmpfloat (dln_test_rel_error (loss[0], 3.24 * 3.24 * mx2), <,
                     1e-14);
  g_assert_cmpint (dln_narrow_train (x, y, 10, 1.4, -1.6, 0.02, 211, tl, t1,
                                     t2, NULL), ==, DLN_STATUS_OK);
  g_assert_cmpmem (loss, sizeof loss, tl, sizeof tl);
  g_assert_cmpmem (w1, sizeof w1, t1, sizeof t1);
  g_assert_cmpmem (w2, sizeof w2, t2, sizeof t2);
  /* the fitted line at the course's 37 inputs, evenly on [0, 1] */
  g_assert_cmpuint (DLN_NARROW_N_EVAL, ==, G_N_ELEMENTS (ex));
  for (int i = 0; i < 37; i++)
    g_assert_cmpfloat (ex[i], ==, i / 36.0);

  /* the course's noisy draw: x in [0, 1), a slope near a = 2 */
  dln_narrow_params_init (&p);
  g_assert_cmpint (dln_narrow_run (&p, &r, NULL), ==, DLN_STATUS_OK);
  for (int i = 0; i < 73; i++)
    g_assert_true (x[i] >= 0 && x[i] < 1);
  g_assert_cmpfloat (fabs (r.slope - 2), <, 0.2);

  p.lr = 5;
  g_assert_cmpint (dln_narrow_run (&p, &r, &msg), ==, DLN_STATUS_DIVERGED);
  g_assert_nonnull (strstr (msg.text, "diverged"));
  p.lr = NAN;
  g_assert_cmpint (dln_narrow_run (&p, &r, NULL), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_true (isnan (r.slope));
  dln_narrow_params_init (&p);
  p.samples = 0;
  g_assert_cmpint (dln_narrow_run (&p, &r, NULL), ==,
                   DLN_STATUS_INVALID_INPUT);
}

/* Closed forms against PyTorch float64 autograd (value, gradient,
 * Hessian) at five points per built-in: tests/data/surface-reference.csv
 * from tests/data/gen/gen-surface-reference.py. Different evaluation
 * order (the shallow net per sample in torch): 1e-12 relative to the
 * function's size, as for the tape comparison. */
#define TORCH_TOL 1e-12

static void
test_torch_reference (void)
{
  const char *path = g_getenv ("DLN_SURFACE_REFERENCE");
  char *text = NULL, **lines;
  int rows = 0;
  double worst = 0;
  GError *error = NULL;

  if (path == NULL || *path == '\0')
    path = g_test_get_filename (G_TEST_DIST, "data",
                                "surface-reference.csv", NULL);
  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  g_assert_true (g_str_has_prefix (text, "# dlnlab-reference "
                                         "surface-derivatives v1"));
  lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      char **f;
      DlnSurface s;
      double x, y, want[7], got[7];

      if (**l == '\0' || **l == '#' || g_str_has_prefix (*l, "surface,"))
        continue;
      f = g_strsplit (*l, ",", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 10);
      g_assert_cmpint (dln_surface_init_by_name (&s, f[0], NULL), ==,
                       DLN_STATUS_OK);
      if (s.kind == DLN_SURFACE_QUADRATIC)
        dln_surface_set_quadratic (&s, 7.0, 0.4, NULL);
      x = g_ascii_strtod (f[1], NULL);
      y = g_ascii_strtod (f[2], NULL);
      for (int i = 0; i < 7; i++)
        want[i] = g_ascii_strtod (f[3 + i], NULL);
      got[0] = dln_surface_hessian (&s, x, y, got + 1, got + 3);
      /* got, like the file: value, gx, gy, hxx, hxy, hyx, hyy */
      for (int i = 0; i < 7; i++)
        {
          double scale = fmax (fmax (1, fabs (want[0])), fabs (want[i]));

          worst = fmax (worst, fabs (got[i] - want[i]) / scale);
          if (!(fabs (got[i] - want[i]) <= TORCH_TOL * scale))
            g_error ("%s at (%g, %g), quantity %d: %.17g vs torch %.17g",
                     f[0], x, y, i, got[i], want[i]);
        }
      rows++;
      g_strfreev (f);
    }
  g_assert_cmpint (rows, ==, 8 * 5);
  g_test_message ("40 points, max scaled difference to torch %.3g", worst);
  g_strfreev (lines);
  g_free (text);
}

static void
count_steps (size_t done,
             size_t total,
             void  *data)
{
  size_t *seen = data;

  g_assert_cmpuint (done, ==, seen[0] + 1);  /* every step, in order */
  seen[0] = done;
  seen[1] = total;
}

/* The trajectory's progress callback sees each step and changes nothing;
 * a diverging run stops it where it stops. */
static void
test_descend_progress (void)
{
  DlnSurface s;
  DlnOptimParams p;
  double xs[2][41], ys[2][41], ls[2][41];
  DlnTrajectory plain = { .x = xs[0], .y = ys[0], .loss = ls[0],
                          .capacity = 41 };
  DlnTrajectory watched = { .x = xs[1], .y = ys[1], .loss = ls[1],
                            .capacity = 41 };
  size_t seen[2] = { 0, 0 };

  dln_surface_init (&s, DLN_SURFACE_QUADRATIC);
  dln_optim_params_init (&p, DLN_OPTIM_ADAM);
  p.lr = 0.1;
  watched.progress = count_steps;
  watched.progress_data = seen;
  g_assert_cmpint (dln_surface_descend (&s, &p, NULL, 1, 1, 40, &plain, NULL),
                   ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_surface_descend (&s, &p, NULL, 1, 1, 40, &watched,
                                        NULL), ==, DLN_STATUS_OK);
  g_assert_cmpuint (seen[0], ==, 40);
  g_assert_cmpuint (seen[1], ==, 40);
  g_assert_cmpmem (xs[0], sizeof xs[0], xs[1], sizeof xs[1]);
  g_assert_cmpmem (ls[0], sizeof ls[0], ls[1], sizeof ls[1]);

  /* GD far above 2/lambda_max: the callback stops with the run */
  dln_optim_params_init (&p, DLN_OPTIM_SGD);
  p.lr = 5;
  seen[0] = 0;
  g_assert_cmpint (dln_surface_descend (&s, &p, NULL, 1, 1, 40, &watched,
                                        NULL), ==, DLN_STATUS_DIVERGED);
  g_assert_cmpuint (seen[0], ==, watched.diverged_step - 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/core/surface/gradcheck", test_gradcheck);
  g_test_add_func ("/dln/core/surface/formula-matches-tape",
                   test_formula_matches_tape);
  g_test_add_func ("/dln/core/surface/expr-errors", test_expr_errors);
  g_test_add_func ("/dln/core/surface/expr-threads", test_expr_threads);
  g_test_add_func ("/dln/core/surface/names", test_names);
  g_test_add_func ("/dln/core/surface/shallow-theory", test_shallow_theory);
  g_test_add_func ("/dln/core/surface/quadratic-theory",
                   test_quadratic_theory);
  g_test_add_func ("/dln/core/surface/best-lr-and-chain",
                   test_best_lr_and_chain);
  g_test_add_func ("/dln/core/surface/curvature-unbounded",
                   test_curvature_unbounded);
  g_test_add_func ("/dln/core/surface/grid", test_grid);
  g_test_add_func ("/dln/core/surface/divergence", test_descend_divergence);
  g_test_add_func ("/dln/core/surface/schedule", test_descend_schedule);
  g_test_add_func ("/dln/core/surface/narrow-train", test_narrow_train);
  g_test_add_func ("/dln/core/surface/narrow-run", test_narrow_run);
  g_test_add_func ("/dln/core/surface/descend-progress",
                   test_descend_progress);
  g_test_add_func ("/dln/core/surface/torch-reference",
                   test_torch_reference);
  return g_test_run ();
}
