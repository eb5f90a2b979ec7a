/* Forward kernels of the autograd ops (their derivatives: dln-backward.c).
 * MATMUL goes through dln_linalg_gemm (CBLAS lives only in dln-linalg.c). */

#include "dln-ops.h"

#include "dln-core-private.h"
#include "dln-linalg.h"

#include <math.h>
#include <string.h>

static const DlnOpInfo op_infos[DLN_OP_COUNT] = {
  [DLN_OP_LEAF]      = { "leaf",      "",        0, 0 },
  [DLN_OP_ADD]       = { "add",       "+",       2, 1 },
  [DLN_OP_SUB]       = { "sub",       "\u2212",  2, 1 },
  [DLN_OP_MUL]       = { "mul",       "\u00b7",  2, 1 },
  [DLN_OP_DIV]       = { "div",       "/",       2, 1 },
  [DLN_OP_NEG]       = { "neg",       "\u2212",  1, 1 },
  [DLN_OP_POW]       = { "pow",       "^",       2, 1 },
  [DLN_OP_EXP]       = { "exp",       "exp",     1, 1 },
  [DLN_OP_LOG]       = { "log",       "ln",      1, 1 },
  [DLN_OP_SIN]       = { "sin",       "sin",     1, 1 },
  [DLN_OP_COS]       = { "cos",       "cos",     1, 1 },
  [DLN_OP_TANH]      = { "tanh",      "tanh",    1, 1 },
  [DLN_OP_SIGMOID]   = { "sigmoid",   "\u03c3",  1, 1 },
  [DLN_OP_RELU]      = { "relu",      "relu",    1, 1 },
  [DLN_OP_SQRT]      = { "sqrt",      "\u221a",  1, 1 },
  [DLN_OP_ABS]       = { "abs",       "|\u00b7|", 1, 1 },
  [DLN_OP_MATMUL]    = { "matmul",    "@",       2, 0 },
  [DLN_OP_SUM]       = { "sum",       "\u03a3",  1, 0 },
  [DLN_OP_MEAN]      = { "mean",      "mean",    1, 0 },
  [DLN_OP_BROADCAST] = { "broadcast", "bcast",   1, 0 },
  [DLN_OP_MSE]       = { "mse",       "mse",     2, 0 },
};

const DlnOpInfo *
dln_op_info (DlnOp op)
{
  DLN_ASSERT ((int) op >= 0 && op < DLN_OP_COUNT);
  return &op_infos[op];
}

DlnOp
dln_op_from_name (const char *name)
{
  DLN_ASSERT (name != NULL);
  for (int op = 0; op < DLN_OP_COUNT; op++)
    if (strcmp (op_infos[op].name, name) == 0)
      return (DlnOp) op;
  return DLN_OP_COUNT;
}

double
dln_op_forward_scalar (DlnOp  op,
                       double a,
                       double b)
{
  switch (op)
    {
    case DLN_OP_LEAF:      break;
    case DLN_OP_ADD:       return a + b;
    case DLN_OP_SUB:       return a - b;
    case DLN_OP_MUL:       return a * b;
    case DLN_OP_DIV:       return a / b;
    case DLN_OP_NEG:       return -a;
    /* Squares as PyTorch computes x**2 (a·a, not pow); also much faster. */
    case DLN_OP_POW:       return b == 2.0 ? a * a : pow (a, b);
    case DLN_OP_EXP:       return exp (a);
    case DLN_OP_LOG:       return log (a);
    case DLN_OP_SIN:       return sin (a);
    case DLN_OP_COS:       return cos (a);
    case DLN_OP_TANH:      return tanh (a);
    /* 1/(1 + e^-a) overflows harmlessly to 0 for a << 0; for a >> 0 it is
     * 1 exactly, as torch.sigmoid. */
    case DLN_OP_SIGMOID:   return 1.0 / (1.0 + exp (-a));
    /* PyTorch's relu propagates nan; a > 0 ? a : 0 would turn nan into 0. */
    case DLN_OP_RELU:      return isnan (a) ? a : (a > 0.0 ? a : 0.0);
    case DLN_OP_SQRT:      return sqrt (a);
    case DLN_OP_ABS:       return fabs (a);
    case DLN_OP_MATMUL:    return a * b;
    case DLN_OP_SUM:       return a;
    case DLN_OP_MEAN:      return a;
    case DLN_OP_BROADCAST: return a;
    case DLN_OP_MSE:       return (a - b) * (a - b);
    case DLN_OP_COUNT:     break;
    }
  DLN_ASSERT (!"dln_op_forward_scalar: not an op with inputs");
  return NAN;
}

void
dln_op_forward (DlnOp            op,
                DlnTensor       *y,
                const DlnTensor *a,
                const DlnTensor *b)
{
  const DlnOpInfo *info = dln_op_info (op);
  size_t n;

  DLN_ASSERT (op != DLN_OP_LEAF);
  DLN_ASSERT (y != NULL && a != NULL);
  DLN_ASSERT ((info->n_inputs == 2) == (b != NULL));

  if (info->elementwise)
    {
      DLN_ASSERT (dln_tensor_same_shape (y, a));
      DLN_ASSERT (b == NULL || dln_tensor_same_shape (y, b));
      n = dln_tensor_size (y);
      if (b != NULL)
        for (size_t i = 0; i < n; i++)
          y->data[i] = dln_op_forward_scalar (op, a->data[i], b->data[i]);
      else
        for (size_t i = 0; i < n; i++)
          y->data[i] = dln_op_forward_scalar (op, a->data[i], 0.0);
      return;
    }

  switch (op)
    {
    case DLN_OP_MATMUL:
      /* Y = A·B */
      dln_linalg_gemm (y, a, 0, b, 0, 1.0, 0.0);
      return;
    case DLN_OP_SUM:
    case DLN_OP_MEAN:
      {
        double s = 0.0;

        DLN_ASSERT (y->rows == 1 && y->cols == 1);
        n = dln_tensor_size (a);
        for (size_t i = 0; i < n; i++)
          s += a->data[i];
        /* The mean of no elements is nan, as torch.mean of an empty tensor. */
        y->data[0] = op == DLN_OP_SUM ? s : s / (double) n;
      }
      return;
    case DLN_OP_BROADCAST:
      DLN_ASSERT (a->rows == 1 && a->cols == 1);
      dln_tensor_fill (y, a->data[0]);
      return;
    case DLN_OP_MSE:
      {
        double s = 0.0;

        DLN_ASSERT (dln_tensor_same_shape (a, b));
        DLN_ASSERT (y->rows == 1 && y->cols == 1);
        n = dln_tensor_size (a);
        for (size_t i = 0; i < n; i++)
          {
            double d = a->data[i] - b->data[i];

            s += d * d;
          }
        y->data[0] = s / (double) n;
      }
      return;
    default:
      /* elementwise ops above; a leaf has no inputs (asserted above) */
      break;
    }
  DLN_ASSERT (!"dln_op_forward: unhandled op");
}

const char *
dln_op_domain_fault (DlnOp  op,
                     double a,
                     double b,
                     double y)
{
  if (isfinite (y))
    return NULL;
  switch (op)
    {
    case DLN_OP_LOG:
      if (a < 0)
        return "log of a negative number";
      if (a == 0)
        return "log of zero";
      break;
    case DLN_OP_SQRT:
      if (a < 0)
        return "square root of a negative number";
      break;
    case DLN_OP_DIV:
      if (b == 0)
        return "division by zero";
      break;
    case DLN_OP_POW:
      if (a == 0 && b < 0)
        return "zero to a negative power";
      if (a < 0 && b != floor (b))
        return "a negative number to a non-integer power";
      break;
    default:
      break;
    }
  return "overflow";
}
