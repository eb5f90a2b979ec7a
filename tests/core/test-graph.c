/* Autograd graphs: the course's worked examples against the hand-derived
 * chain rule, accumulation, re-evaluation, inspection (edges, labels,
 * fingerprints, step-through) and budgets. Reference values are computed
 * here from the hand formulas (docs/demos.md#d02, D03), never by the code
 * under test. */

#include "dln-core.h"
#include "dln-test-util.h"

#include <glib.h>
#include <math.h>
#include <string.h>

/* Graph and hand formula associate products differently (z*2*x/sin y vs
 * 2x/b·z), so they agree to a few ulps, not bitwise: 1e-14 relative is
 * ~50 ulps, far below any real error. */
#define CHAIN_TOL 1e-14


static DlnGraph *
graph_of (DlnArena   *arena,
          const char *text)
{
  DlnExpr *expr;
  DlnGraph *g;
  DlnMessage msg;

  g_assert_cmpint (dln_expr_parse (text, arena, &expr, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpint (dln_expr_to_graph (expr, arena, &g, &msg), ==,
                   DLN_STATUS_OK);
  return g;
}

static double
grad_of (const DlnGraph *g,
         const char     *label)
{
  int id = dln_graph_find (g, label);

  g_assert_cmpint (id, >=, 0);
  return dln_graph_node (g, id)->grad->data[0];
}

static void
set_var (DlnGraph   *g,
         const char *label,
         double      value)
{
  int id = dln_graph_find (g, label);

  g_assert_cmpint (id, >=, 0);
  dln_graph_set_scalar (g, id, value);
}

static void
check_course_at (DlnGraph *g,
                 double    x,
                 double    y,
                 double    z)
{
  double f, grad[3];
  int out = dln_graph_output (g);

  set_var (g, "x", x);
  set_var (g, "y", y);
  set_var (g, "z", z);
  dln_graph_forward (g);
  dln_graph_zero_grad (g);
  dln_graph_backward (g, out);
  dln_test_course_by_hand (x, y, z, &f, grad);
  g_assert_cmpfloat (dln_test_rel_error (dln_graph_node (g, out)->value->data[0], f),
                     <=, CHAIN_TOL);
  g_assert_cmpfloat (dln_test_rel_error (grad_of (g, "x"), grad[0]), <=, CHAIN_TOL);
  g_assert_cmpfloat (dln_test_rel_error (grad_of (g, "y"), grad[1]), <=, CHAIN_TOL);
  g_assert_cmpfloat (dln_test_rel_error (grad_of (g, "z"), grad[2]), <=, CHAIN_TOL);
}

static void
test_course_expression (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnGraph *g = graph_of (arena, DLN_TEST_COURSE_F);
  int out = dln_graph_output (g);

  check_course_at (g, 1.0, 2.0, 3.0);
  /* docs/theory.md#autograd, verified there against torch float64 */
  g_assert_cmpfloat (dln_test_rel_error (dln_graph_node (g, out)->value->data[0],
                                0.965950038567272), <=, 1e-14);
  g_assert_cmpfloat (dln_test_rel_error (grad_of (g, "x"), 0.0581308218679247), <=, 1e-14);
  g_assert_cmpfloat (dln_test_rel_error (grad_of (g, "y"), 0.0266040097690278), <=, 1e-14);
  g_assert_cmpfloat (dln_test_rel_error (grad_of (g, "z"), 0.0193769406226416), <=, 1e-14);
  /* At y = π/2 the path through cos y vanishes: ∂f/∂y = 0 up to
   * cos(π/2) ≈ 6e-17 in double. */
  check_course_at (g, 1.0, M_PI / 2, 1.0);
  g_assert_cmpfloat (fabs (grad_of (g, "y")), <, 1e-15);
  dln_arena_free (arena);
}

/* The course's own graph, built node by node, with the local derivatives
 * of its table on the edges. */
static void
test_course_nodes_and_edges (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnGraph *g = dln_graph_new (arena, 32);
  double x = 1, y = 2, z = 3;
  int nx = dln_graph_scalar (g, "x", DLN_ROLE_INPUT, x);
  int ny = dln_graph_scalar (g, "y", DLN_ROLE_INPUT, y);
  int nz = dln_graph_scalar (g, "z", DLN_ROLE_INPUT, z);
  int a = dln_graph_binary (g, DLN_OP_MUL, dln_graph_constant (g, 2), nx);
  int b = dln_graph_unary (g, DLN_OP_SIN, ny);
  int c = dln_graph_binary (g, DLN_OP_DIV, a, b);
  int d = dln_graph_binary (g, DLN_OP_MUL, nz, c);
  int e = dln_graph_unary (g, DLN_OP_LOG,
                           dln_graph_binary (g, DLN_OP_ADD,
                                             dln_graph_constant (g, 1), d));
  int f = dln_graph_unary (g, DLN_OP_TANH, e);
  double va = 2 * x, vb = sin (y), vc = va / vb, vd = vc * z;
  double ve = log (1 + vd), f_hand, grad[3];
  const DlnNode *node;

  g_assert_cmpint (dln_graph_status (g), ==, DLN_STATUS_OK);
  dln_graph_set_output (g, f);
  dln_graph_backward (g, f);
  /* local derivatives, docs/demos.md#d02's table */
  g_assert_cmpfloat (dln_graph_node (g, a)->local[1], ==, 2.0);          /* ∂a/∂x */
  g_assert_cmpfloat (dln_test_rel_error (dln_graph_node (g, b)->local[0], cos (y)), <=, CHAIN_TOL);
  node = dln_graph_node (g, c);
  g_assert_cmpfloat (dln_test_rel_error (node->local[0], 1 / vb), <=, CHAIN_TOL);  /* ∂c/∂a */
  g_assert_cmpfloat (dln_test_rel_error (node->local[1], -va / (vb * vb)), <=, CHAIN_TOL);
  node = dln_graph_node (g, d);
  g_assert_cmpfloat (node->local[0], ==, vc);                           /* ∂d/∂z */
  g_assert_cmpfloat (node->local[1], ==, z);                            /* ∂d/∂c */
  g_assert_cmpfloat (dln_test_rel_error (dln_graph_node (g, e)->local[0], 1 / (1 + vd)),
                     <=, CHAIN_TOL);
  g_assert_cmpfloat (dln_test_rel_error (dln_graph_node (g, f)->local[0],
                                1 - tanh (ve) * tanh (ve)), <=, CHAIN_TOL);
  /* a non-scalar edge has no number */
  g_assert_true (isnan (dln_graph_node (g, f)->local[1]));
  /* the chain rule along the course's paths */
  dln_test_course_by_hand (x, y, z, &f_hand, grad);
  g_assert_cmpfloat (dln_test_rel_error (dln_graph_node (g, nx)->grad->data[0], grad[0]),
                     <=, CHAIN_TOL);
  g_assert_cmpfloat (dln_test_rel_error (dln_graph_node (g, ny)->grad->data[0], grad[1]),
                     <=, CHAIN_TOL);
  g_assert_cmpfloat (dln_test_rel_error (dln_graph_node (g, nz)->grad->data[0], grad[2]),
                     <=, CHAIN_TOL);
  /* ∂f/∂a is the product of the local derivatives from f back to a */
  g_assert_cmpfloat (dln_test_rel_error (dln_graph_node (g, a)->grad->data[0],
                                (1 - tanh (ve) * tanh (ve)) / (1 + vd) * z / vb),
                     <=, CHAIN_TOL);
  dln_arena_free (arena);
}

/* D03: L = (y - tanh(w x + b))², x = 1, y = 7, w = -0.5, b = 0.5;
 * ∂L/∂w = -2x(y - ŷ)(1 - ŷ²), ∂L/∂b = -2(y - ŷ)(1 - ŷ²). */
static void
neuron_by_hand (double  x,
                double  y,
                double  w,
                double  b,
                double *L,
                double *dw,
                double *db)
{
  double yhat = tanh (w * x + b);

  *L = (y - yhat) * (y - yhat);
  *dw = -2 * x * (y - yhat) * (1 - yhat * yhat);
  *db = -2 * (y - yhat) * (1 - yhat * yhat);
}

static void
test_single_neuron (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnGraph *g = graph_of (arena, "(y - tanh(w*x + b))^2");
  int out = dln_graph_output (g);
  double L, dw, db;
  const double points[][4] = { { 1, 7, -0.5, 0.5 }, { 0.3, -1.2, 0.8, -0.1 } };

  for (size_t k = 0; k < G_N_ELEMENTS (points); k++)
    {
      set_var (g, "x", points[k][0]);
      set_var (g, "y", points[k][1]);
      set_var (g, "w", points[k][2]);
      set_var (g, "b", points[k][3]);
      dln_graph_forward (g);
      dln_graph_zero_grad (g);
      dln_graph_backward (g, out);
      neuron_by_hand (points[k][0], points[k][1], points[k][2], points[k][3],
                      &L, &dw, &db);
      g_assert_cmpfloat (dln_test_rel_error (dln_graph_node (g, out)->value->data[0], L),
                         <=, CHAIN_TOL);
      g_assert_cmpfloat (dln_test_rel_error (grad_of (g, "w"), dw), <=, CHAIN_TOL);
      g_assert_cmpfloat (dln_test_rel_error (grad_of (g, "b"), db), <=, CHAIN_TOL);
    }
  /* At the course's point ŷ = tanh(0) = 0, so L = 49 and both gradients
   * are -14 exactly. */
  set_var (g, "x", 1);
  set_var (g, "y", 7);
  set_var (g, "w", -0.5);
  set_var (g, "b", 0.5);
  dln_graph_forward (g);
  dln_graph_zero_grad (g);
  dln_graph_backward (g, out);
  g_assert_cmpfloat (dln_graph_node (g, out)->value->data[0], ==, 49.0);
  g_assert_cmpfloat (grad_of (g, "w"), ==, -14.0);
  g_assert_cmpfloat (grad_of (g, "b"), ==, -14.0);
  dln_arena_free (arena);
}

/* PyTorch semantics: leaf gradients add up over backward passes until
 * zero_grad; intermediate adjoints are those of the latest pass. */
static void
test_accumulation (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnGraph *g = graph_of (arena, "(y - tanh(w*x + b))^2");
  int out = dln_graph_output (g);
  int tanh_id = -1;

  set_var (g, "x", 1);
  set_var (g, "y", 7);
  set_var (g, "w", -0.5);
  set_var (g, "b", 0.5);
  dln_graph_forward (g);
  for (int id = 0; id < dln_graph_n_nodes (g); id++)
    if (dln_graph_node (g, id)->op == DLN_OP_TANH)
      tanh_id = id;
  dln_graph_backward (g, out);
  g_assert_cmpfloat (grad_of (g, "w"), ==, -14.0);
  dln_graph_backward (g, out);
  g_assert_cmpfloat (grad_of (g, "w"), ==, -28.0);
  g_assert_cmpfloat (grad_of (g, "b"), ==, -28.0);
  /* ∂L/∂ŷ = -2(y - ŷ) = -14, not accumulated */
  g_assert_cmpfloat (dln_graph_node (g, tanh_id)->grad->data[0], ==, -14.0);
  g_assert_cmpfloat (dln_graph_node (g, out)->grad->data[0], ==, 1.0);
  dln_graph_zero_grad (g);
  g_assert_cmpfloat (grad_of (g, "w"), ==, 0.0);
  dln_graph_backward (g, out);
  g_assert_cmpfloat (grad_of (g, "w"), ==, -14.0);
  /* constants get no gradient */
  g_assert_cmpfloat (grad_of (g, "2"), ==, 0.0);
  dln_arena_free (arena);
}

/* New values, same graph: no rebuilding, no allocation, same numbers as a
 * fresh graph. */
static void
test_reevaluate_without_allocation (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnGraph *g = graph_of (arena, DLN_TEST_COURSE_F);
  size_t used = dln_arena_used (arena);
  uint64_t fp = dln_graph_fingerprint (g);
  DlnRng rng;

  dln_rng_init (&rng, 7);
  for (int k = 0; k < 20; k++)
    {
      double x = dln_rng_uniform (&rng) * 2, y = 0.5 + dln_rng_uniform (&rng) * 2;
      double z = dln_rng_uniform (&rng) * 3;

      check_course_at (g, x, y, z);
    }
  g_assert_cmpuint (dln_arena_used (arena), ==, used);
  g_assert_cmpuint (dln_graph_fingerprint (g), ==, fp);
  dln_arena_free (arena);
}

static void
test_structure (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnGraph *g = graph_of (arena, DLN_TEST_COURSE_F);
  DlnGraph *g2 = graph_of (arena, DLN_TEST_COURSE_F);
  DlnGraph *g3 = graph_of (arena, "tanh(ln(1 + z*2*x/cos(y)))");
  int n = dln_graph_n_nodes (g), out = dln_graph_output (g);
  uint64_t fp = dln_graph_fingerprint (g);

  /* z*2*x/sin(y): variables z, x, y (first appearance) are nodes 0..2 */
  g_assert_cmpstr (dln_graph_node (g, 0)->label, ==, "z");
  g_assert_cmpstr (dln_graph_node (g, 1)->label, ==, "x");
  g_assert_cmpstr (dln_graph_node (g, 2)->label, ==, "y");
  g_assert_cmpint (out, ==, n - 1);
  g_assert_cmpint (dln_graph_node (g, out)->role, ==, DLN_ROLE_OUTPUT);
  g_assert_cmpstr (dln_graph_node (g, out)->label, ==, "f");
  g_assert_cmpint (dln_graph_node (g, out)->op, ==, DLN_OP_TANH);
  /* ids are topological; every node is labelled; letters skip f */
  for (int id = 0; id < n; id++)
    {
      const DlnNode *node = dln_graph_node (g, id);

      g_assert_cmpint (node->id, ==, id);
      g_assert_cmpint (node->n_inputs, ==, dln_op_info (node->op)->n_inputs);
      for (int k = 0; k < node->n_inputs; k++)
        g_assert_cmpint (node->inputs[k], <, id);
      g_assert_cmpstr (node->label, !=, "");
      if (node->role == DLN_ROLE_INTERMEDIATE)
        g_assert_cmpstr (node->label, !=, "f");
    }
  g_assert_cmpint (dln_graph_find (g, "a"), >=, 0);
  /* fingerprints: structure only */
  g_assert_cmpuint (dln_graph_fingerprint (g2), ==, fp);
  dln_graph_set_scalar (g2, 0, 42.0);
  dln_graph_forward (g2);
  dln_graph_backward (g2, out);
  g_assert_cmpuint (dln_graph_fingerprint (g2), ==, fp);
  g_assert_cmpuint (dln_graph_fingerprint (g3), !=, fp);
  dln_graph_set_role (g2, 0, DLN_ROLE_PARAMETER);
  g_assert_cmpuint (dln_graph_fingerprint (g2), !=, fp);
  dln_graph_set_role (g2, 0, DLN_ROLE_INPUT);
  dln_graph_set_label (g2, 3, "k");
  g_assert_cmpuint (dln_graph_fingerprint (g2), !=, fp);
  g_assert_cmpstr (dln_role_name (DLN_ROLE_CONSTANT), ==, "constant");
  dln_arena_free (arena);
}

/* begin + node-by-node steps equal one backward call; a node that does not
 * feed the output takes no part (its inf edge cannot poison anything). */
static void
test_step_through (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnGraph *g = graph_of (arena, DLN_TEST_COURSE_F);
  DlnGraph *h = graph_of (arena, DLN_TEST_COURSE_F);
  int out = dln_graph_output (g);

  for (int i = 0; i < 3; i++)
    {
      dln_graph_set_scalar (g, i, 1.0 + i);
      dln_graph_set_scalar (h, i, 1.0 + i);
    }
  dln_graph_forward (g);
  for (int id = 0; id < dln_graph_n_nodes (h); id++)
    dln_graph_forward_node (h, id);
  dln_graph_backward (g, out);
  dln_graph_backward_begin (h, out);
  g_assert_cmpfloat (dln_graph_node (h, out)->grad->data[0], ==, 1.0);
  g_assert_cmpfloat (dln_graph_node (h, 0)->grad->data[0], ==, 0.0);
  for (int id = out; id >= 0; id--)
    {
      g_assert_true (dln_graph_is_ancestor (h, id));
      dln_graph_backward_node (h, id);
    }
  for (int id = 0; id < dln_graph_n_nodes (g); id++)
    {
      g_assert_cmpfloat (dln_graph_node (g, id)->value->data[0], ==,
                         dln_graph_node (h, id)->value->data[0]);
      g_assert_cmpfloat (dln_graph_node (g, id)->grad->data[0], ==,
                         dln_graph_node (h, id)->grad->data[0]);
    }
  dln_arena_free (arena);

  arena = dln_arena_new (1 << 16);
  g = dln_graph_new (arena, 8);
  {
    int x = dln_graph_scalar (g, "x", DLN_ROLE_INPUT, 0.0);
    int side = dln_graph_unary (g, DLN_OP_SQRT, x);   /* sqrt'(0) = inf */
    int f = dln_graph_binary (g, DLN_OP_MUL, x, x);

    dln_graph_set_output (g, f);
    dln_graph_backward (g, f);
    g_assert_false (dln_graph_is_ancestor (g, side));
    g_assert_cmpfloat (dln_graph_node (g, x)->grad->data[0], ==, 0.0);
  }
  dln_arena_free (arena);
}

static void
test_nonfinite (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnGraph *g = graph_of (arena, DLN_TEST_COURSE_F);
  int e_log = -1;

  for (int id = 0; id < dln_graph_n_nodes (g); id++)
    if (dln_graph_node (g, id)->op == DLN_OP_LOG)
      e_log = id;
  set_var (g, "x", 1);
  set_var (g, "y", 2);
  set_var (g, "z", 3);
  dln_graph_forward (g);
  g_assert_cmpint (dln_graph_first_nonfinite (g), ==, -1);
  /* 1 + d < 0: the log node is where the domain ends */
  set_var (g, "z", -3);
  dln_graph_forward (g);
  g_assert_cmpint (dln_graph_first_nonfinite (g), ==, e_log);
  dln_arena_free (arena);
}

/* Each scalar fault by name (dln_op_domain_fault), and the graph's check
 * naming the first node that left the domain with its inputs. */
static void
test_domain_fault (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnGraph *g = dln_graph_new (arena, 16);
  DlnMessage msg = { { 0 }, 0, 0 };
  int x = dln_graph_scalar (g, "x", DLN_ROLE_INPUT, 2.0);
  int y = dln_graph_scalar (g, "y", DLN_ROLE_INPUT, 3.0);
  int q = dln_graph_binary (g, DLN_OP_DIV, x, y);
  int l = dln_graph_unary (g, DLN_OP_LOG, q);

  g_assert_null (dln_op_domain_fault (DLN_OP_LOG, 2, 0, log (2)));
  g_assert_cmpstr (dln_op_domain_fault (DLN_OP_LOG, -1, 0, NAN), ==,
                   "log of a negative number");
  g_assert_cmpstr (dln_op_domain_fault (DLN_OP_LOG, 0, 0, -INFINITY), ==,
                   "log of zero");
  g_assert_cmpstr (dln_op_domain_fault (DLN_OP_SQRT, -4, 0, NAN), ==,
                   "square root of a negative number");
  g_assert_cmpstr (dln_op_domain_fault (DLN_OP_DIV, 1, 0, INFINITY), ==,
                   "division by zero");
  g_assert_cmpstr (dln_op_domain_fault (DLN_OP_POW, 0, -2, INFINITY), ==,
                   "zero to a negative power");
  g_assert_cmpstr (dln_op_domain_fault (DLN_OP_POW, -8, 0.5, NAN), ==,
                   "a negative number to a non-integer power");
  g_assert_cmpstr (dln_op_domain_fault (DLN_OP_EXP, 1000, 0, INFINITY), ==,
                   "overflow");

  dln_graph_set_output (g, l);
  dln_graph_label_intermediates (g);
  g_assert_cmpint (dln_graph_check_domain (g, &msg), ==, DLN_STATUS_OK);
  dln_graph_set_scalar (g, x, -2.0);
  dln_graph_forward (g);
  g_assert_cmpint (dln_graph_check_domain (g, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpstr (msg.text, ==, "log of a negative number: f = ln(a) with "
                                 "a = -0.666667");
  dln_graph_set_scalar (g, x, 2.0);
  dln_graph_set_scalar (g, y, 0.0);
  dln_graph_forward (g);
  g_assert_cmpint (dln_graph_check_domain (g, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpint (q, <, l);
  g_assert_cmpstr (msg.text, ==, "division by zero: a = x / y with x = 2, "
                                 "y = 0");
  dln_arena_free (arena);
}

/* Tensors through a graph: L = mse(W·X, Y), the hand gradient
 * dL/dW = (2/N)(W·X - Y)·Xᵀ, N = entries of Y. */
static void
test_linear_regression (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnGraph *g = dln_graph_new (arena, 16);
  DlnRng rng;
  double Wv[2 * 3], Xv[3 * 4], Yv[2 * 4], R[2 * 4];
  int W, X, Y, L;
  const DlnTensor *dW;

  dln_rng_init (&rng, 11);
  for (int i = 0; i < 6; i++)
    Wv[i] = dln_rng_normal (&rng, 0, 1);
  for (int i = 0; i < 12; i++)
    Xv[i] = dln_rng_normal (&rng, 0, 1);
  for (int i = 0; i < 8; i++)
    Yv[i] = dln_rng_normal (&rng, 0, 1);
  W = dln_graph_leaf (g, "W", DLN_ROLE_PARAMETER, 2, 3, Wv);
  X = dln_graph_leaf (g, "X", DLN_ROLE_INPUT, 3, 4, Xv);
  Y = dln_graph_leaf (g, "Y", DLN_ROLE_INPUT, 2, 4, Yv);
  L = dln_graph_binary (g, DLN_OP_MSE, dln_graph_binary (g, DLN_OP_MATMUL, W, X), Y);
  g_assert_cmpint (dln_graph_status (g), ==, DLN_STATUS_OK);
  dln_graph_set_output (g, L);
  dln_graph_backward (g, L);
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 4; j++)
      {
        R[i * 4 + j] = -Yv[i * 4 + j];
        for (int k = 0; k < 3; k++)
          R[i * 4 + j] += Wv[i * 3 + k] * Xv[k * 4 + j];
      }
  dW = dln_graph_node (g, W)->grad;
  for (int i = 0; i < 2; i++)
    for (int k = 0; k < 3; k++)
      {
        double s = 0;

        for (int j = 0; j < 4; j++)
          s += R[i * 4 + j] * Xv[k * 4 + j];
        g_assert_cmpfloat (dln_test_rel_error (dW->data[i * 3 + k], 2.0 / 8.0 * s), <=, CHAIN_TOL);
      }
  /* and the broadcast/sum/mean shapes */
  {
    int s = dln_graph_scalar (g, "s", DLN_ROLE_PARAMETER, 1.5);
    int B = dln_graph_broadcast (g, s, 2, 4);
    int M = dln_graph_unary (g, DLN_OP_MEAN, dln_graph_binary (g, DLN_OP_MUL, B, Y));

    dln_graph_set_output (g, M);
    dln_graph_backward (g, M);
    {
      double mean_y = 0;

      for (int i = 0; i < 8; i++)
        mean_y += Yv[i] / 8;
      /* d mean(s·Y)/ds = mean(Y) */
      g_assert_cmpfloat (dln_test_rel_error (dln_graph_node (g, s)->grad->data[0], mean_y),
                         <=, CHAIN_TOL);
    }
  }
  dln_arena_free (arena);
}

/* A full arena or node budget is a status, not a crash. */
static void
test_budget (void)
{
  DlnArena *arena = dln_arena_new (1 << 16);
  DlnGraph *g = dln_graph_new (arena, 3);
  int x = dln_graph_scalar (g, "x", DLN_ROLE_INPUT, 1);
  int y = dln_graph_unary (g, DLN_OP_EXP, x);
  int z = dln_graph_unary (g, DLN_OP_EXP, y);
  int w = dln_graph_unary (g, DLN_OP_EXP, z);

  g_assert_cmpint (z, ==, 2);
  g_assert_cmpint (w, ==, -1);
  g_assert_cmpint (dln_graph_status (g), ==, DLN_STATUS_NO_MEMORY);
  g_assert_cmpint (dln_graph_unary (g, DLN_OP_EXP, w), ==, -1);
  dln_arena_free (arena);

  arena = dln_arena_new (4096);
  g = dln_graph_new (arena, 8);
  g_assert_nonnull (g);
  g_assert_cmpint (dln_graph_leaf (g, "big", DLN_ROLE_INPUT, 100, 100, NULL), ==, -1);
  g_assert_cmpint (dln_graph_status (g), ==, DLN_STATUS_NO_MEMORY);
  dln_arena_free (arena);
}

/* A shape mismatch is a caller bug: DLN_ASSERT aborts. */
static void
test_shape_mismatch_asserts (void)
{
  if (g_test_subprocess ())
    {
      DlnArena *arena = dln_arena_new (1 << 16);
      DlnGraph *g = dln_graph_new (arena, 8);
      int a = dln_graph_leaf (g, "a", DLN_ROLE_INPUT, 2, 3, NULL);
      int b = dln_graph_leaf (g, "b", DLN_ROLE_INPUT, 2, 3, NULL);

      dln_graph_binary (g, DLN_OP_MATMUL, a, b);
      return;
    }
  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*assertion failed*");
}

static void
test_formula (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnGraph *g = graph_of (arena, "tanh(ln(1 + z*(2*x/sin(y)))) + abs(-x)");
  char buf[64];
  int n = dln_graph_n_nodes (g);
  GString *all = g_string_new (NULL);

  for (int id = 0; id < n; id++)
    {
      g_assert_cmpuint (dln_graph_node_formula (g, id, buf, sizeof buf), ==,
                        strlen (buf));
      g_string_append_printf (all, "%s;", buf);
    }
  /* the course's nodes, lettered in evaluation order (variables z, x, y;
   * constants 1 and 2 keep their values as labels) */
  g_assert_cmpstr (all->str, ==,
                   "z;x;y;1;2;a = 2 \u00b7 x;b = sin(y);c = a / b;"
                   "d = z \u00b7 c;e = 1 + d;g = ln(e);h = tanh(g);"
                   "i = \u2212x;j = |i|;f = h + j;");
  /* truncation reports the full length */
  g_assert_cmpuint (dln_graph_node_formula (g, 7, buf, 4), ==, strlen ("c = a / b"));
  g_assert_cmpstr (buf, ==, "c =");
  g_string_free (all, TRUE);
  dln_arena_free (arena);
}

static void
test_op_info (void)
{
  for (int op = 0; op < DLN_OP_COUNT; op++)
    {
      const DlnOpInfo *info = dln_op_info ((DlnOp) op);

      g_assert_nonnull (info->name);
      g_assert_nonnull (info->symbol);
      g_assert_cmpint (dln_op_from_name (info->name), ==, op);
    }
  g_assert_cmpint (dln_op_from_name ("frobnicate"), ==, DLN_OP_COUNT);
  g_assert_cmpstr (dln_op_info (DLN_OP_LOG)->symbol, ==, "ln");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/core/graph/course-expression", test_course_expression);
  g_test_add_func ("/dln/core/graph/course-nodes-and-edges", test_course_nodes_and_edges);
  g_test_add_func ("/dln/core/graph/single-neuron", test_single_neuron);
  g_test_add_func ("/dln/core/graph/accumulation", test_accumulation);
  g_test_add_func ("/dln/core/graph/reevaluate", test_reevaluate_without_allocation);
  g_test_add_func ("/dln/core/graph/structure", test_structure);
  g_test_add_func ("/dln/core/graph/step-through", test_step_through);
  g_test_add_func ("/dln/core/graph/nonfinite", test_nonfinite);
  g_test_add_func ("/dln/core/graph/linear-regression", test_linear_regression);
  g_test_add_func ("/dln/core/graph/budget", test_budget);
  g_test_add_func ("/dln/core/graph/shape-mismatch-asserts", test_shape_mismatch_asserts);
  g_test_add_func ("/dln/core/graph/op-info", test_op_info);
  g_test_add_func ("/dln/core/graph/formula", test_formula);
  g_test_add_func ("/dln/core/graph/domain-fault", test_domain_fault);
  return g_test_run ();
}
