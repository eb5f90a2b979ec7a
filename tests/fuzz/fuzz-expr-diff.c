/* Differential fuzz target: the three evaluation paths of an expression,
 * the tree walk (dln_expr_eval), the autograd graph (dln_graph_forward /
 * dln_graph_backward) and the tape (dln_tape_value / _grad / _hvp /
 * _hessian), must agree.
 *
 * Tolerances:
 * - Values agree exactly (bit for bit, any NaN equal to any NaN): all
 *   three paths apply dln_op_forward_scalar () to the same operands in the
 *   same order (the tape's inlined + - * / are its exact expressions), so
 *   any difference is a bug, not rounding.
 * - Gradients agree in class (both NaN, or the same infinity) and within
 *   GRAD_REL_TOL of the largest term summed in the backward pass: both
 *   paths multiply the same dln_op_partials () by the adjoints, but they
 *   add a node's contributions in different orders, and a sum of n terms
 *   is only exact to about n·ε·Σ|term| (x·1e16 − x·1e16 + x: 16 vs 18).
 *   The scale is max (1, |a|, |b|, max |adjoint · local derivative|) over
 *   the graph's edges; n ≤ 4096 terms gives n·ε ≈ 5e-13, far inside it.
 *   One exception: the tape runs a^2 (constant 2) as a·a and so
 *   accumulates ȳ·a + ȳ·a, where the graph forms POW's ∂/∂a = 2a first;
 *   for |a| > DBL_MAX / 2 that partial overflows to inf and the graph's
 *   gradient is ±inf where the tape's is finite (and right). Gradients
 *   are not compared for such inputs (fuzz-expr still runs them).
 * - The gradient returned alongside a Hessian-vector product and a
 *   Hessian is the same reverse sweep as dln_tape_grad: exact. */

#include "fuzz-expr-input.h"

#include "dln-core.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GRAD_REL_TOL 1e-9
#define HESSIAN_MAX_VARS 32

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static int
same_exactly (double a,
              double b)
{
  return (isnan (a) && isnan (b)) || memcmp (&a, &b, sizeof a) == 0
         || (a == 0.0 && b == 0.0);
}

static int
same_within (double a,
             double b,
             double rel,
             double scale)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  if (isinf (a) || isinf (b))
    return a == b;
  scale = fmax (scale, fmax (1.0, fmax (fabs (a), fabs (b))));
  return fabs (a - b) <= rel * scale;
}

/* The largest finite |adjoint · local derivative| over the graph's edges:
 * the biggest term any gradient sum of the backward pass adds. */
static double
largest_term (const DlnGraph *g)
{
  double m = 0.0;

  for (int id = 0; id < dln_graph_n_nodes (g); id++)
    {
      const DlnNode *node = dln_graph_node (g, id);

      for (int k = 0; k < node->n_inputs; k++)
        {
          double t = fabs (node->grad->data[0] * node->local[k]);

          if (isfinite (t) && t > m)
            m = t;
        }
    }
  return m;
}

/* Does a square a^2 in @g have |a| > DBL_MAX / 2, where the graph's
 * partial 2a overflows and the tape's a·a does not (see above)? */
static int
square_overflows (const DlnGraph *g)
{
  for (int id = 0; id < dln_graph_n_nodes (g); id++)
    {
      const DlnNode *node = dln_graph_node (g, id), *base, *expo;

      if (node->op != DLN_OP_POW)
        continue;
      base = dln_graph_node (g, node->inputs[0]);
      expo = dln_graph_node (g, node->inputs[1]);
      if (expo->role == DLN_ROLE_CONSTANT && expo->value->data[0] == 2.0
          && fabs (base->value->data[0]) > DBL_MAX / 2)
        return 1;
    }
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FuzzExprInput in;
  DlnExpr *expr;
  DlnGraph *g;
  DlnTape *tape;
  DlnMessage msg;
  double *values, *tgrad, *hgrad, *vgrad, *hv, *hess = NULL;
  double ve, vg, vt, scale;
  int n;

  if (!fuzz_expr_input_init (&in, data, size))
    return 0;
  if (in.parsed != DLN_STATUS_OK)
    goto out;
  expr = in.expr;
  if (dln_expr_to_graph (expr, in.arena, &g, &msg) != DLN_STATUS_OK
      || dln_tape_new (expr, NULL, 0, in.arena, &tape, &msg) != DLN_STATUS_OK)
    fuzz_fail ("an arena of DLN_EXPR_ARENA_BYTES was too small", in.text);
  n = dln_expr_n_vars (expr);
  values = calloc ((size_t) n + 1, sizeof *values);
  tgrad = calloc ((size_t) n + 1, sizeof *tgrad);
  hgrad = calloc ((size_t) n + 1, sizeof *hgrad);
  vgrad = calloc ((size_t) n + 1, sizeof *vgrad);
  hv = calloc ((size_t) n + 1, sizeof *hv);
  if (n <= HESSIAN_MAX_VARS)
    hess = calloc ((size_t) n * n + 1, sizeof *hess);
  if (values == NULL || tgrad == NULL || hgrad == NULL || vgrad == NULL
      || hv == NULL || (n <= HESSIAN_MAX_VARS && hess == NULL))
    abort ();

  /* The graph is built with every variable 0: its eager values are the
   * tree walk's at 0. */
  vg = dln_graph_node (g, dln_graph_output (g))->value->data[0];
  if (!same_exactly (dln_expr_eval (expr, values), vg))
    fuzz_fail ("tree walk and graph disagree at 0", in.text);

  fuzz_expr_input_values (&in, values, n);
  for (int i = 0; i < n; i++)
    dln_graph_set_scalar (g, i, values[i]);
  dln_graph_forward (g);
  dln_graph_zero_grad (g);
  dln_graph_backward (g, dln_graph_output (g));

  ve = dln_expr_eval (expr, values);
  vg = dln_graph_node (g, dln_graph_output (g))->value->data[0];
  vt = dln_tape_grad (tape, values, tgrad, NULL);
  if (!same_exactly (ve, vg))
    fuzz_fail ("tree walk and graph values disagree", in.text);
  if (!same_exactly (ve, vt))
    fuzz_fail ("tree walk and tape values disagree", in.text);
  if (!same_exactly (ve, dln_tape_value (tape, values, NULL)))
    fuzz_fail ("tape value and tape grad's value disagree", in.text);

  scale = largest_term (g);
  for (int i = 0; i < n && !square_overflows (g); i++)
    {
      /* A bare variable is its own output: the graph seeds its gradient
       * with 1 as the tape does. */
      const DlnTensor *gg = dln_graph_node (g, i)->grad;

      if (!same_within (gg->data[0], tgrad[i], GRAD_REL_TOL, scale))
        fuzz_fail ("graph and tape gradients disagree", in.text);
    }

  for (int i = 0; i < n; i++)
    hv[i] = 1.0;
  if (!same_exactly (vt, dln_tape_hvp (tape, values, hv, vgrad, hv, NULL)))
    fuzz_fail ("the Hessian-vector product's value differs", in.text);
  for (int i = 0; i < n; i++)
    if (!same_exactly (tgrad[i], vgrad[i]))
      fuzz_fail ("the Hessian-vector product's gradient differs", in.text);
  if (hess != NULL)
    {
      if (!same_exactly (vt, dln_tape_hessian (tape, values, hgrad, hess,
                                               NULL)))
        fuzz_fail ("the Hessian's value differs", in.text);
      for (int i = 0; i < n; i++)
        if (!same_exactly (tgrad[i], hgrad[i]))
          fuzz_fail ("the Hessian's gradient differs", in.text);
    }

  free (values);
  free (tgrad);
  free (hgrad);
  free (vgrad);
  free (hv);
  free (hess);

out:
  fuzz_expr_input_clear (&in);
  return 0;
}
