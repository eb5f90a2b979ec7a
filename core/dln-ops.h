#pragma once

#include "dln-tensor.h"

/* --- Autograd operations ---
 * Every node of an autograd graph (dln-graph.h) records one DlnOp and up to
 * two inputs. The forward kernels live in dln-ops.c; every derivative rule
 * lives in dln-backward.c (one switch, no default, so -Werror=switch flags
 * an op without a rule). Adding an op: docs/architecture.md#adding.
 *
 * Shapes (row-major [rows, cols], dln-tensor.h):
 *   unary elementwise    y = f(a)      y, a: same shape
 *   binary elementwise   y = a ∘ b     y, a, b: same shape (no implicit
 *                                      broadcasting: use DLN_OP_BROADCAST)
 *   MATMUL               Y = A·B       A [m, k], B [k, n], Y [m, n]
 *   SUM, MEAN            y = Σ a (/N)  a any shape, y [1, 1]
 *   BROADCAST            Y = a·1       a [1, 1], Y any shape
 *   MSE                  y = mean ((a - b)²)  a, b same shape, y [1, 1]
 *                        (PyTorch MSELoss, reduction 'mean', no 1/2)
 *
 * Conventions at kinks and poles follow PyTorch (docs/theory.md#autograd):
 * relu'(0) = 0, |x|'(0) = 0, sqrt'(0) = +inf, ∂pow(a, b)/∂b = 0 at a = 0
 * (b ≥ 0) and nan at a < 0, ∂pow(a, b)/∂a = 0 when b = 0, log(0) = -inf
 * with derivative +inf, log(-1) = nan with derivative -1, 1/0 = inf. */

typedef enum
{
  DLN_OP_LEAF,       /* no inputs: a variable, parameter or constant */
  DLN_OP_ADD,
  DLN_OP_SUB,
  DLN_OP_MUL,
  DLN_OP_DIV,
  DLN_OP_NEG,
  DLN_OP_POW,
  DLN_OP_EXP,
  DLN_OP_LOG,        /* natural logarithm; the expression language's ln */
  DLN_OP_SIN,
  DLN_OP_COS,
  DLN_OP_TANH,
  DLN_OP_SIGMOID,
  DLN_OP_RELU,
  DLN_OP_SQRT,
  DLN_OP_ABS,
  DLN_OP_MATMUL,
  DLN_OP_SUM,
  DLN_OP_MEAN,
  DLN_OP_BROADCAST,  /* a [1, 1] scalar repeated to the node's shape */
  DLN_OP_MSE,
  DLN_OP_COUNT
} DlnOp;

typedef struct
{
  const char *name;      /* ASCII identifier: "add", "tanh", "matmul" */
  const char *symbol;    /* UTF-8 display form for graph drawings: "+",
                          * "·", "tanh", "ln", "Σ" */
  int         n_inputs;  /* 0, 1 or 2 */
  int         elementwise; /* 1 when y[i] depends on a[i] (and b[i]) only */
} DlnOpInfo;

/* First and second partial derivatives of a scalar op y = f(a, b) at one
 * point. Unused inputs have zero partials. */
typedef struct
{
  double da;   /* ∂y/∂a */
  double db;   /* ∂y/∂b */
  double daa;  /* ∂²y/∂a² */
  double dab;  /* ∂²y/∂a∂b */
  double dbb;  /* ∂²y/∂b² */
} DlnPartials;

/* dln_op_info:
 * @op: an op below DLN_OP_COUNT (else a caller bug: DLN_ASSERT)
 * Returns static, never-NULL information about @op. */
const DlnOpInfo *dln_op_info           (DlnOp            op);

/* dln_op_from_name:
 * @name: not NULL; an op name as in DlnOpInfo.name
 * Returns the op, or DLN_OP_COUNT when no op has that name. */
DlnOp            dln_op_from_name      (const char      *name);

/* dln_op_forward_scalar:
 * @op: any op except DLN_OP_LEAF (a caller bug)
 * @a, @b: the inputs as [1, 1] values; @b is ignored by unary ops
 * Returns y = op (a, b) for scalars (MATMUL is a·b, SUM, MEAN and
 * BROADCAST are the identity, MSE is (a - b)²). Never fails: poles give
 * ±inf or nan as IEEE 754 and PyTorch do. */
double           dln_op_forward_scalar (DlnOp            op,
                                        double           a,
                                        double           b);

/* dln_op_domain_fault:
 * @op:     any op except DLN_OP_LEAF
 * @a, @b:  finite scalar inputs (@b ignored by unary ops)
 * @y:      the output, dln_op_forward_scalar (op, a, b)
 * Why @y is not finite although its inputs are, as one lower-case phrase:
 * "log of a negative number", "log of zero", "square root of a negative
 * number", "division by zero", "zero to a negative power", "a negative
 * number to a non-integer power", or "overflow" for a result too large
 * for a double (exp (800), 1e300 * 1e300). Returns NULL when @y is
 * finite. Static strings. */
const char      *dln_op_domain_fault   (DlnOp            op,
                                        double           a,
                                        double           b,
                                        double           y);

/* dln_op_forward:
 * @op: any op except DLN_OP_LEAF (a caller bug)
 * @y:  output, preallocated with the shape the op produces (see above)
 * @a:  first input; not NULL
 * @b:  second input for binary ops, else NULL
 * Computes @y from the inputs without allocating. Shape mismatches are
 * caller bugs (DLN_ASSERT). */
void             dln_op_forward        (DlnOp            op,
                                        DlnTensor       *y,
                                        const DlnTensor *a,
                                        const DlnTensor *b);

/* --- Derivative rules (dln-backward.c) --- */

/* dln_op_partials:
 * @op:     any op (DLN_OP_LEAF has all-zero partials)
 * @a, @b:  the inputs as scalars (@b ignored by unary ops)
 * @y:      the output, dln_op_forward_scalar (op, a, b) (rules reuse it)
 * @second: when 0, only @out->da and @out->db are computed (faster)
 * @out:    receives the partials; not NULL
 * The scalar derivative rules: every elementwise op's backward, the edge
 * labels of a scalar graph and the tapes' gradients and Hessians all use
 * these, so there is one place with the maths. */
void             dln_op_partials       (DlnOp            op,
                                        double           a,
                                        double           b,
                                        double           y,
                                        int              second,
                                        DlnPartials     *out);

/* dln_op_backward:
 * @op:      any op except DLN_OP_LEAF (a caller bug)
 * @dy:      gradient of the loss w.r.t. the op's output, shape of @y
 * @y, @a, @b: the forward output and inputs (@b NULL for unary ops)
 * @da, @db: (nullable) gradients of @a and @b; the op's contribution is
 *           ADDED (reverse-mode accumulation). NULL skips that input.
 * No allocation. Shape mismatches are caller bugs. */
void             dln_op_backward       (DlnOp            op,
                                        const DlnTensor *dy,
                                        const DlnTensor *y,
                                        const DlnTensor *a,
                                        const DlnTensor *b,
                                        DlnTensor       *da,
                                        DlnTensor       *db);
