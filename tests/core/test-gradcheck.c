/* Finite-difference checks of every autograd op (docs/architecture.md#tests).
 *
 * For each op, seeded random inputs away from kinks and poles, a random
 * upstream gradient dY, and the analytic input gradients of
 * φ = Σ dY ⊙ op (a, b) from dln_op_backward () against central
 * differences of φ computed with dln_op_forward (). The second partials
 * (used by the tapes' Hessians) are checked the same way against central
 * differences of the first partials. A guard test walks every DlnOp up to
 * DLN_OP_COUNT and fails when one has no case; the switch in setup_case ()
 * has no default, so a new op also fails to compile here until it gets
 * one. Kinks and poles (PyTorch's conventions, docs/theory.md#autograd) are
 * tested with exact expected values at the end. */

#include "dln-core.h"
#include "dln-test-util.h"

#include <glib.h>
#include <math.h>
#include <string.h>

/* Central differences: step h = FD_STEP·max(1, |x|) ≈ ∛ε balances the
 * O(h²) truncation against the O(ε/h) rounding error; the comparison
 * |a − n| / max(1, |a|, |n|) <= FD_TOL then leaves ~100x margin over the
 * ~1e-8..1e-10 error of a smooth double-precision difference. */
#define FD_STEP 6e-6
#define FD_TOL  1e-6

/* Inputs of relu and abs closer than this to their kink at 0 are
 * resampled: the difference quotient straddles the kink there. */
#define KINK_MARGIN 0.1

#define ROWS 3
#define COLS 4

typedef struct
{
  DlnArena  *arena;
  DlnTensor *a, *b;      /* inputs; b NULL for unary ops */
  DlnTensor *y, *dy;     /* output and a random upstream gradient */
  DlnTensor *da, *db;    /* analytic gradients */
} Case;

typedef enum
{
  DOMAIN_ANY,       /* uniform on [-2, 2] */
  DOMAIN_POSITIVE,  /* uniform on [0.5, 2] */
  DOMAIN_NONZERO,   /* ±[0.5, 2] */
  DOMAIN_AWAY_FROM_KINK, /* [-2, 2] minus (-KINK_MARGIN, KINK_MARGIN) */
} Domain;

static double
sample (DlnRng *rng,
        Domain  domain)
{
  double u = dln_rng_uniform (rng);

  switch (domain)
    {
    case DOMAIN_ANY:
      return -2.0 + 4.0 * u;
    case DOMAIN_POSITIVE:
      return 0.5 + 1.5 * u;
    case DOMAIN_NONZERO:
      return (dln_rng_uniform (rng) < 0.5 ? -1.0 : 1.0) * (0.5 + 1.5 * u);
    case DOMAIN_AWAY_FROM_KINK:
      {
        double x = -2.0 + 4.0 * u;

        while (fabs (x) < KINK_MARGIN)
          x = -2.0 + 4.0 * dln_rng_uniform (rng);
        return x;
      }
    }
  g_assert_not_reached ();
}

static DlnTensor *
random_tensor (DlnArena *arena,
               DlnRng   *rng,
               size_t    rows,
               size_t    cols,
               Domain    domain)
{
  DlnTensor *t = dln_tensor_new (arena, rows, cols);

  g_assert_nonnull (t);
  for (size_t i = 0; i < rows * cols; i++)
    t->data[i] = sample (rng, domain);
  return t;
}

/* Builds the inputs of @op's case. Returns FALSE for an op without inputs
 * (DLN_OP_LEAF, checked through a graph instead). No default: a new op
 * fails to compile here until it has a case. */
static gboolean
setup_case (DlnOp   op,
            DlnRng *rng,
            Case   *c)
{
  size_t yr = ROWS, yc = COLS;
  Domain da = DOMAIN_ANY, db = DOMAIN_ANY;
  gboolean binary = dln_op_info (op)->n_inputs == 2;
  size_t ar = ROWS, ac = COLS, br = ROWS, bc = COLS;

  switch (op)
    {
    case DLN_OP_LEAF:
      return FALSE;
    case DLN_OP_ADD:
    case DLN_OP_SUB:
    case DLN_OP_MUL:
    case DLN_OP_NEG:
    case DLN_OP_EXP:
    case DLN_OP_SIN:
    case DLN_OP_COS:
    case DLN_OP_TANH:
    case DLN_OP_SIGMOID:
      break;
    case DLN_OP_DIV:
      db = DOMAIN_NONZERO;                  /* pole at b = 0 */
      break;
    case DLN_OP_POW:
      da = DOMAIN_POSITIVE;                 /* a^b is real for a > 0 */
      break;
    case DLN_OP_LOG:
    case DLN_OP_SQRT:
      da = DOMAIN_POSITIVE;                 /* poles / domain edge at 0 */
      break;
    case DLN_OP_RELU:
    case DLN_OP_ABS:
      da = DOMAIN_AWAY_FROM_KINK;           /* kink at 0, skipped here */
      break;
    case DLN_OP_MATMUL:
      ac = 5;                               /* [3, 5] · [5, 2] */
      br = 5;
      bc = 2;
      yc = 2;
      break;
    case DLN_OP_SUM:
    case DLN_OP_MEAN:
    case DLN_OP_MSE:
      yr = yc = 1;
      break;
    case DLN_OP_BROADCAST:
      ar = ac = 1;
      break;
    case DLN_OP_COUNT:
      g_assert_not_reached ();
    }
  c->a = random_tensor (c->arena, rng, ar, ac, da);
  c->b = binary ? random_tensor (c->arena, rng, br, bc, db) : NULL;
  c->y = dln_tensor_new (c->arena, yr, yc);
  c->dy = random_tensor (c->arena, rng, yr, yc, DOMAIN_ANY);
  c->da = dln_tensor_new (c->arena, ar, ac);
  c->db = binary ? dln_tensor_new (c->arena, br, bc) : NULL;
  return TRUE;
}

/* φ = Σ dY ⊙ op (a, b) */
static double
phi (DlnOp  op,
     Case  *c)
{
  double s = 0.0;

  dln_op_forward (op, c->y, c->a, c->b);
  for (size_t i = 0; i < dln_tensor_size (c->y); i++)
    s += c->dy->data[i] * c->y->data[i];
  return s;
}

/* Checks every entry of @grad against central differences of φ in @x. */
static int
check_input (DlnOp      op,
             Case      *c,
             DlnTensor *x,
             DlnTensor *grad,
             const char *which)
{
  int checked = 0;

  for (size_t i = 0; i < dln_tensor_size (x); i++)
    {
      double x0 = x->data[i], h = FD_STEP * fmax (1.0, fabs (x0));
      double fp, fm, numeric;

      x->data[i] = x0 + h;
      fp = phi (op, c);
      x->data[i] = x0 - h;
      fm = phi (op, c);
      x->data[i] = x0;
      numeric = (fp - fm) / (2.0 * h);
      if (dln_test_rel_error (grad->data[i], numeric) > FD_TOL)
        {
          /* Not fatal: the other ops' cases still run and report. */
          g_test_message ("%s: d%s[%zu]: analytic %.17g, numeric %.17g",
                          dln_op_info (op)->name, which, i, grad->data[i],
                          numeric);
          g_test_fail ();
        }
      checked++;
    }
  return checked;
}

/* Runs @op's case with @seed; returns the number of entries checked (0
 * when the op has no case). */
static int
run_case (DlnOp    op,
          guint64  seed)
{
  Case c = { 0 };
  DlnRng rng;
  int checked = 0;

  dln_rng_init (&rng, seed);
  c.arena = dln_arena_new (1 << 16);
  if (setup_case (op, &rng, &c))
    {
      dln_op_forward (op, c.y, c.a, c.b);
      dln_op_backward (op, c.dy, c.y, c.a, c.b, c.da, c.db);
      checked += check_input (op, &c, c.a, c.da, "a");
      if (c.b != NULL)
        checked += check_input (op, &c, c.b, c.db, "b");
    }
  else if (op == DLN_OP_LEAF)
    {
      /* A leaf is the identity on itself: output = leaf gives ∂x/∂x = 1,
       * the central difference ((x + h) - (x - h)) / 2h of the identity. */
      DlnGraph *g = dln_graph_new (c.arena, 4);
      double x0 = sample (&rng, DOMAIN_ANY), h = FD_STEP * fmax (1.0, fabs (x0));
      int x = dln_graph_scalar (g, "x", DLN_ROLE_INPUT, x0);

      dln_graph_set_output (g, x);
      dln_graph_backward (g, x);
      g_assert_cmpfloat (dln_test_rel_error (dln_graph_node (g, x)->grad->data[0],
                                    ((x0 + h) - (x0 - h)) / (2.0 * h)),
                         <=, FD_TOL);
      checked = 1;
    }
  dln_arena_free (c.arena);
  return checked;
}

static void
test_op (gconstpointer data)
{
  DlnOp op = (DlnOp) GPOINTER_TO_INT (data);

  /* Three seeds: different points, shapes' entries all exercised. */
  for (guint64 seed = 1; seed <= 3; seed++)
    g_assert_cmpint (run_case (op, seed * 7919 + (guint64) op), >, 0);
}

/* The guard: every op below DLN_OP_COUNT has a gradcheck case. */
static void
test_guard (void)
{
  for (int op = 0; op < DLN_OP_COUNT; op++)
    {
      if (run_case ((DlnOp) op, 42) == 0)
        {
          g_test_message ("op %d (%s) has no gradcheck case", op,
                          dln_op_info ((DlnOp) op)->name);
          g_test_fail ();
        }
    }
}

/* Second partials against central differences of the first partials, for
 * scalars (the rules the tapes' Hessians use). */
static void
test_second_partials (void)
{
  DlnRng rng;

  dln_rng_init (&rng, 2718);
  for (int op = 1; op < DLN_OP_COUNT; op++)
    for (int trial = 0; trial < 5; trial++)
      {
        Domain da = DOMAIN_ANY, db = DOMAIN_ANY;
        double a, b, h, y;
        DlnPartials p, pp, pm;

        if (op == DLN_OP_DIV)
          db = DOMAIN_NONZERO;
        if (op == DLN_OP_POW || op == DLN_OP_LOG || op == DLN_OP_SQRT)
          da = DOMAIN_POSITIVE;
        if (op == DLN_OP_RELU || op == DLN_OP_ABS)
          da = DOMAIN_AWAY_FROM_KINK;
        a = sample (&rng, da);
        b = dln_op_info ((DlnOp) op)->n_inputs == 2 ? sample (&rng, db) : 0.0;
        y = dln_op_forward_scalar ((DlnOp) op, a, b);
        dln_op_partials ((DlnOp) op, a, b, y, 1, &p);

        /* ∂/∂a of (da, db) */
        h = FD_STEP * fmax (1.0, fabs (a));
        dln_op_partials ((DlnOp) op, a + h, b,
                         dln_op_forward_scalar ((DlnOp) op, a + h, b), 0, &pp);
        dln_op_partials ((DlnOp) op, a - h, b,
                         dln_op_forward_scalar ((DlnOp) op, a - h, b), 0, &pm);
        g_assert_cmpfloat (dln_test_rel_error (p.daa, (pp.da - pm.da) / (2 * h)), <=, FD_TOL);
        g_assert_cmpfloat (dln_test_rel_error (p.dab, (pp.db - pm.db) / (2 * h)), <=, FD_TOL);
        /* ∂/∂b of db, and the first partials themselves (scalar rules vs
         * differences of the scalar forward). */
        g_assert_cmpfloat (dln_test_rel_error (p.da,
                                      (dln_op_forward_scalar ((DlnOp) op, a + h, b)
                                       - dln_op_forward_scalar ((DlnOp) op, a - h, b))
                                      / (2 * h)), <=, FD_TOL);
        if (dln_op_info ((DlnOp) op)->n_inputs == 2)
          {
            h = FD_STEP * fmax (1.0, fabs (b));
            dln_op_partials ((DlnOp) op, a, b + h,
                             dln_op_forward_scalar ((DlnOp) op, a, b + h), 0, &pp);
            dln_op_partials ((DlnOp) op, a, b - h,
                             dln_op_forward_scalar ((DlnOp) op, a, b - h), 0, &pm);
            g_assert_cmpfloat (dln_test_rel_error (p.dbb, (pp.db - pm.db) / (2 * h)), <=, FD_TOL);
            g_assert_cmpfloat (dln_test_rel_error (p.dab, (pp.da - pm.da) / (2 * h)), <=, FD_TOL);
          }
      }
}

/* Scalar partials of op at (a, b). */
static DlnPartials
partials (DlnOp  op,
          double a,
          double b)
{
  DlnPartials p;

  dln_op_partials (op, a, b, dln_op_forward_scalar (op, a, b), 0, &p);
  return p;
}

/* Kinks and poles: PyTorch 1.13's values as docs/theory.md#autograd lists them
 * (verified there against torch float64). */
static void
test_kinks_and_poles (void)
{
  /* relu'(0) = 0, relu'(-0.0) = 0 */
  g_assert_cmpfloat (partials (DLN_OP_RELU, 0.0, 0).da, ==, 0.0);
  g_assert_cmpfloat (partials (DLN_OP_RELU, -0.0, 0).da, ==, 0.0);
  g_assert_cmpfloat (dln_op_forward_scalar (DLN_OP_RELU, -3.0, 0), ==, 0.0);
  g_assert_true (isnan (dln_op_forward_scalar (DLN_OP_RELU, NAN, 0)));
  /* |x|'(0) = 0 */
  g_assert_cmpfloat (partials (DLN_OP_ABS, 0.0, 0).da, ==, 0.0);
  g_assert_cmpfloat (partials (DLN_OP_ABS, -2.0, 0).da, ==, -1.0);
  /* sqrt'(0) = +inf */
  g_assert_true (isinf (partials (DLN_OP_SQRT, 0.0, 0).da));
  g_assert_cmpfloat (partials (DLN_OP_SQRT, 0.0, 0).da, >, 0.0);
  /* log(0) = -inf with derivative +inf; log(-1) = nan with derivative -1 */
  g_assert_true (isinf (dln_op_forward_scalar (DLN_OP_LOG, 0.0, 0)));
  g_assert_cmpfloat (dln_op_forward_scalar (DLN_OP_LOG, 0.0, 0), <, 0.0);
  g_assert_true (isinf (partials (DLN_OP_LOG, 0.0, 0).da));
  g_assert_cmpfloat (partials (DLN_OP_LOG, 0.0, 0).da, >, 0.0);
  g_assert_true (isnan (dln_op_forward_scalar (DLN_OP_LOG, -1.0, 0)));
  g_assert_cmpfloat (partials (DLN_OP_LOG, -1.0, 0).da, ==, -1.0);
  /* 1/0 = inf; ∂(a/b)/∂a at b = 0 is inf, ∂(1/b)/∂b at 0 is -inf */
  g_assert_true (isinf (dln_op_forward_scalar (DLN_OP_DIV, 1.0, 0.0)));
  g_assert_true (isinf (partials (DLN_OP_DIV, 1.0, 0.0).da));
  g_assert_cmpfloat (partials (DLN_OP_DIV, 1.0, 0.0).db, ==, -INFINITY);
  /* ∂pow(x, y)/∂y at x = 0 is 0 (y >= 0), at x < 0 nan */
  g_assert_cmpfloat (partials (DLN_OP_POW, 0.0, 2.0).db, ==, 0.0);
  g_assert_cmpfloat (partials (DLN_OP_POW, 0.0, 0.0).db, ==, 0.0);
  g_assert_true (isnan (partials (DLN_OP_POW, -1.0, 2.0).db));
  /* ∂pow(x, y)/∂x where y = 0 is 0, even at x = 0 (not 0·inf) */
  g_assert_cmpfloat (partials (DLN_OP_POW, 0.0, 0.0).da, ==, 0.0);
  g_assert_cmpfloat (partials (DLN_OP_POW, 0.0, 2.0).da, ==, 0.0);
  g_assert_cmpfloat (partials (DLN_OP_POW, -3.0, 2.0).da, ==, -6.0);
  /* sigmoid saturates without nan: σ(-1000) = 0, σ'(±1000) = 0 */
  g_assert_cmpfloat (dln_op_forward_scalar (DLN_OP_SIGMOID, -1000.0, 0), ==, 0.0);
  g_assert_cmpfloat (partials (DLN_OP_SIGMOID, 1000.0, 0).da, ==, 0.0);
  g_assert_cmpfloat (partials (DLN_OP_SIGMOID, -1000.0, 0).da, ==, 0.0);
}

/* The same conventions reach the user through a graph: relu(x) + |x| +
 * sqrt(x) at x = 0 has gradient 0 + 0 + inf = inf. */
static void
test_kinks_through_graph (void)
{
  DlnArena *arena = dln_arena_new (1 << 16);
  DlnGraph *g = dln_graph_new (arena, 16);
  int x = dln_graph_scalar (g, "x", DLN_ROLE_INPUT, 0.0);
  int r = dln_graph_unary (g, DLN_OP_RELU, x);
  int a = dln_graph_unary (g, DLN_OP_ABS, x);
  int f = dln_graph_binary (g, DLN_OP_ADD, r, a);

  dln_graph_set_output (g, f);
  dln_graph_backward (g, f);
  g_assert_cmpfloat (dln_graph_node (g, x)->grad->data[0], ==, 0.0);
  f = dln_graph_binary (g, DLN_OP_ADD, f, dln_graph_unary (g, DLN_OP_SQRT, x));
  dln_graph_zero_grad (g);
  dln_graph_set_output (g, f);
  dln_graph_backward (g, f);
  g_assert_cmpfloat (dln_graph_node (g, x)->grad->data[0], ==, INFINITY);
  dln_arena_free (arena);
}

/* dln_op_backward ADDS its contribution (an input used twice gets both):
 * a second call into the same buffers doubles every gradient entry. */
static void
test_accumulates (void)
{
  for (int op = 0; op < DLN_OP_COUNT; op++)
    {
      Case c = { 0 };
      DlnRng rng;

      dln_rng_init (&rng, 4242 + (guint64) op);
      c.arena = dln_arena_new (1 << 16);
      if (setup_case ((DlnOp) op, &rng, &c))
        {
          DlnTensor *grads[2] = { c.da, c.db };

          dln_op_forward ((DlnOp) op, c.y, c.a, c.b);
          dln_op_backward ((DlnOp) op, c.dy, c.y, c.a, c.b, c.da, c.db);
          for (int k = 0; k < 2; k++)
            {
              DlnTensor *g = grads[k];
              g_autofree double *once = NULL;

              if (g == NULL)
                continue;
              once = g_memdup2 (g->data, dln_tensor_size (g) * sizeof (double));
              if (k == 0)
                dln_op_backward ((DlnOp) op, c.dy, c.y, c.a, c.b, c.da, NULL);
              else
                dln_op_backward ((DlnOp) op, c.dy, c.y, c.a, c.b, NULL, c.db);
              for (size_t i = 0; i < dln_tensor_size (g); i++)
                if (fabs (g->data[i] - 2.0 * once[i])
                    > 1e-12 * fmax (1.0, fabs (once[i])))
                  {
                    g_test_message ("%s: d%c[%zu] = %g after two calls, "
                                    "%g after one", dln_op_info ((DlnOp) op)->name,
                                    k == 0 ? 'a' : 'b', i, g->data[i], once[i]);
                    g_test_fail ();
                    break;
                  }
            }
        }
      dln_arena_free (c.arena);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* Report every failing second partial, not just the first. */
  g_test_set_nonfatal_assertions ();
  for (int op = 0; op < DLN_OP_COUNT; op++)
    {
      char *path = g_strdup_printf ("/dln/core/gradcheck/%s",
                                    dln_op_info ((DlnOp) op)->name);

      g_test_add_data_func (path, GINT_TO_POINTER (op), test_op);
      g_free (path);
    }
  g_test_add_func ("/dln/core/gradcheck/guard", test_guard);
  g_test_add_func ("/dln/core/gradcheck/accumulates", test_accumulates);
  g_test_add_func ("/dln/core/gradcheck/second-partials", test_second_partials);
  g_test_add_func ("/dln/core/gradcheck/kinks-and-poles", test_kinks_and_poles);
  g_test_add_func ("/dln/core/gradcheck/kinks-through-graph", test_kinks_through_graph);
  return g_test_run ();
}
