/* Every derivative rule of the autograd ops.
 *
 * dln_op_partials () is the one switch with the maths: first (and second)
 * partial derivatives of y = op (a, b) for scalars. The tensor backward,
 * the graph's edge labels and the tapes' gradients and Hessians all call
 * it, so each rule is written once. dln_op_backward () adds the tensor
 * shapes: elementwise ops apply the scalar rule per element; MATMUL, SUM,
 * MEAN, BROADCAST and MSE have their own tensor rules. Neither switch has a
 * default, so -Werror=switch rejects an op without a rule.
 *
 * Kinks and poles follow PyTorch 1.13 (tools/autograd/derivatives.yaml and
 * torch/csrc/autograd/FunctionsManual.cpp), as docs/theory.md#autograd
 * records: relu'(0) = 0 (threshold_backward keeps y > 0 only), |x|'(0) = 0
 * (sgn), sqrt'(0) = 1/(2·0) = +inf, log'(0) = 1/0 = +inf, and pow's
 * masked cases below. */

#include "dln-ops.h"

#include "dln-core-private.h"
#include "dln-linalg.h"

#include <math.h>

/* sgn as torch.sgn for reals: -1, 0 or 1, and nan for nan. */
static double
sgn (double a)
{
  if (isnan (a))
    return a;
  return (a > 0.0) - (a < 0.0);
}

void
dln_op_partials (DlnOp        op,
                 double       a,
                 double       b,
                 double       y,
                 int          second,
                 DlnPartials *out)
{
  DlnPartials p = { 0.0, 0.0, 0.0, 0.0, 0.0 };

  DLN_ASSERT (out != NULL);
  switch (op)
    {
    case DLN_OP_LEAF:
      /* A leaf has no inputs: nothing to differentiate. */
      break;

    case DLN_OP_ADD:
      /* y = a + b: ∂y/∂a = 1, ∂y/∂b = 1; second partials 0. */
      p.da = 1.0;
      p.db = 1.0;
      break;

    case DLN_OP_SUB:
      /* y = a - b: ∂y/∂a = 1, ∂y/∂b = -1; second partials 0. */
      p.da = 1.0;
      p.db = -1.0;
      break;

    case DLN_OP_MUL:
    case DLN_OP_MATMUL:
      /* y = a·b (for MATMUL, of [1, 1] operands; the tensor rule is in
       * dln_op_backward): ∂y/∂a = b, ∂y/∂b = a; ∂²y/∂a∂b = 1. */
      p.da = b;
      p.db = a;
      p.dab = 1.0;
      break;

    case DLN_OP_DIV:
      /* y = a/b: ∂y/∂a = 1/b, ∂y/∂b = -a/b²; ∂²y/∂a∂b = -1/b²,
       * ∂²y/∂b² = 2a/b³. At b = 0 these are ±inf (or nan for a = 0), as
       * PyTorch's div_tensor_other_backward computes them. */
      p.da = 1.0 / b;
      p.db = -a / (b * b);
      if (second)
        {
          p.dab = -1.0 / (b * b);
          p.dbb = 2.0 * a / (b * b * b);
        }
      break;

    case DLN_OP_NEG:
      /* y = -a: ∂y/∂a = -1. */
      p.da = -1.0;
      break;

    case DLN_OP_POW:
      /* y = a^b: ∂y/∂a = b·a^(b-1), ∂y/∂b = a^b·ln a.
       * PyTorch's pow_backward_self masks ∂y/∂a to 0 where b = 0 (so
       * 0^0's base derivative is 0, not 0·inf), and pow_backward_exponent
       * masks ∂y/∂b to 0 where a = 0 and b >= 0; for a < 0, ln a makes
       * ∂y/∂b nan.
       * Second: ∂²y/∂a² = b(b-1)·a^(b-2), ∂²y/∂a∂b = a^(b-1)·(1 + b ln a),
       * ∂²y/∂b² = a^b·ln²a, with the same masks and their limits at
       * a = 0 (a^(b-1)·b ln a -> 0 for b > 1). */
      p.da = b == 0.0 ? 0.0 : b * pow (a, b - 1.0);
      p.db = (a == 0.0 && b >= 0.0) ? 0.0 : y * log (a);
      if (second)
        {
          p.daa = (b == 0.0 || b == 1.0) ? 0.0 : b * (b - 1.0) * pow (a, b - 2.0);
          if (a == 0.0 && b > 1.0)
            p.dab = 0.0;
          else
            p.dab = pow (a, b - 1.0) * (1.0 + b * log (a));
          p.dbb = (a == 0.0 && b >= 0.0) ? 0.0 : y * log (a) * log (a);
        }
      break;

    case DLN_OP_EXP:
      /* y = e^a: ∂y/∂a = e^a = y; ∂²y/∂a² = y. */
      p.da = y;
      p.daa = y;
      break;

    case DLN_OP_LOG:
      /* y = ln a: ∂y/∂a = 1/a (+inf at 0, -1 at -1 although y is nan, as
       * PyTorch); ∂²y/∂a² = -1/a². */
      p.da = 1.0 / a;
      if (second)
        p.daa = -1.0 / (a * a);
      break;

    case DLN_OP_SIN:
      /* y = sin a: ∂y/∂a = cos a; ∂²y/∂a² = -sin a = -y. */
      p.da = cos (a);
      p.daa = -y;
      break;

    case DLN_OP_COS:
      /* y = cos a: ∂y/∂a = -sin a; ∂²y/∂a² = -cos a = -y. */
      p.da = -sin (a);
      p.daa = -y;
      break;

    case DLN_OP_TANH:
      /* y = tanh a: ∂y/∂a = 1 - y² (PyTorch's tanh_backward);
       * ∂²y/∂a² = -2y(1 - y²). */
      p.da = 1.0 - y * y;
      p.daa = -2.0 * y * (1.0 - y * y);
      break;

    case DLN_OP_SIGMOID:
      /* y = σ(a) = 1/(1 + e^-a): ∂y/∂a = y(1 - y);
       * ∂²y/∂a² = y(1 - y)(1 - 2y). */
      p.da = y * (1.0 - y);
      p.daa = y * (1.0 - y) * (1.0 - 2.0 * y);
      break;

    case DLN_OP_RELU:
      /* y = max(a, 0): ∂y/∂a = 1 where y > 0, else 0 (so 0 at the kink,
       * PyTorch's threshold_backward); ∂²y/∂a² = 0. */
      p.da = y > 0.0 ? 1.0 : 0.0;
      break;

    case DLN_OP_SQRT:
      /* y = √a: ∂y/∂a = 1/(2y) (+inf at 0, PyTorch's grad / (2 * result));
       * ∂²y/∂a² = -1/(4y³). */
      p.da = 1.0 / (2.0 * y);
      if (second)
        p.daa = -1.0 / (4.0 * y * y * y);
      break;

    case DLN_OP_ABS:
      /* y = |a|: ∂y/∂a = sgn a (0 at the kink, PyTorch's abs_backward);
       * ∂²y/∂a² = 0 away from it. */
      p.da = sgn (a);
      break;

    case DLN_OP_SUM:
    case DLN_OP_MEAN:
    case DLN_OP_BROADCAST:
      /* For a [1, 1] input (BROADCAST: output) y = a: ∂y/∂a = 1. */
      p.da = 1.0;
      break;

    case DLN_OP_MSE:
      /* For [1, 1] operands y = (a - b)²: ∂y/∂a = 2(a - b) = -∂y/∂b;
       * ∂²y/∂a² = ∂²y/∂b² = 2, ∂²y/∂a∂b = -2. */
      p.da = 2.0 * (a - b);
      p.db = -p.da;
      p.daa = 2.0;
      p.dab = -2.0;
      p.dbb = 2.0;
      break;

    case DLN_OP_COUNT:
      DLN_ASSERT (!"dln_op_partials: DLN_OP_COUNT is not an op");
      break;
    }
  if (!second)
    p.daa = p.dab = p.dbb = 0.0;
  *out = p;
}

void
dln_op_backward (DlnOp            op,
                 const DlnTensor *dy,
                 const DlnTensor *y,
                 const DlnTensor *a,
                 const DlnTensor *b,
                 DlnTensor       *da,
                 DlnTensor       *db)
{
  const DlnOpInfo *info = dln_op_info (op);
  size_t n;

  DLN_ASSERT (op != DLN_OP_LEAF);
  DLN_ASSERT (dy != NULL && y != NULL && a != NULL);
  DLN_ASSERT ((info->n_inputs == 2) == (b != NULL));
  DLN_ASSERT (dln_tensor_same_shape (dy, y));
  DLN_ASSERT (da == NULL || dln_tensor_same_shape (da, a));
  DLN_ASSERT (db == NULL || (b != NULL && dln_tensor_same_shape (db, b)));

  if (info->elementwise)
    {
      /* Elementwise y_i = f(a_i, b_i): dA_i += dY_i·∂f/∂a, dB_i += dY_i·∂f/∂b
       * with the scalar rules of dln_op_partials () above. */
      n = dln_tensor_size (y);
      for (size_t i = 0; i < n; i++)
        {
          DlnPartials p;

          dln_op_partials (op, a->data[i], b != NULL ? b->data[i] : 0.0,
                           y->data[i], 0, &p);
          if (da != NULL)
            da->data[i] += dy->data[i] * p.da;
          if (db != NULL)
            db->data[i] += dy->data[i] * p.db;
        }
      return;
    }

  switch (op)
    {
    case DLN_OP_MATMUL:
      /* Y = A·B, A [m, k], B [k, n]: dA += dY·Bᵀ [m, k], dB += Aᵀ·dY [k, n]
       * (gemm with beta = 1 accumulates). */
      if (da != NULL)
        dln_linalg_gemm (da, dy, 0, b, 1, 1.0, 1.0);
      if (db != NULL)
        dln_linalg_gemm (db, a, 1, dy, 0, 1.0, 1.0);
      return;

    case DLN_OP_SUM:
      /* y = Σ_i a_i: dA_i += dy. */
      n = dln_tensor_size (a);
      if (da != NULL)
        for (size_t i = 0; i < n; i++)
          da->data[i] += dy->data[0];
      return;

    case DLN_OP_MEAN:
      /* y = (1/N) Σ_i a_i: dA_i += dy/N. */
      n = dln_tensor_size (a);
      if (da != NULL)
        for (size_t i = 0; i < n; i++)
          da->data[i] += dy->data[0] / (double) n;
      return;

    case DLN_OP_BROADCAST:
      /* Y_ij = a: da += Σ_ij dY_ij. */
      if (da != NULL)
        {
          double s = 0.0;

          n = dln_tensor_size (y);
          for (size_t i = 0; i < n; i++)
            s += dy->data[i];
          da->data[0] += s;
        }
      return;

    case DLN_OP_MSE:
      /* y = (1/N) Σ_i (a_i - b_i)²: dA_i += dy·2(a_i - b_i)/N,
       * dB_i -= the same. */
      n = dln_tensor_size (a);
      for (size_t i = 0; i < n; i++)
        {
          double g = dy->data[0] * 2.0 * (a->data[i] - b->data[i]) / (double) n;

          if (da != NULL)
            da->data[i] += g;
          if (db != NULL)
            db->data[i] -= g;
        }
      return;

    default:
      /* elementwise ops above; a leaf has no inputs (asserted above) */
      break;
    }
  DLN_ASSERT (!"dln_op_backward: not an op with inputs");
}
