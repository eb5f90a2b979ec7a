#pragma once

#include "dln-arena.h"
#include "dln-expr.h"
#include "dln-status.h"

#include <stddef.h>

/* --- Evaluation tapes ---
 * An expression compiled to a flat list of scalar instructions: value,
 * gradient (reverse mode) and Hessian (forward-over-reverse) with no
 * allocation per evaluation. For 2-D surfaces and optimizers on user
 * expressions f(x, y) (dln-surface, dln-optim) and for the CLI.
 *
 * Workspace and threads: every evaluation needs dln_tape_workspace_size ()
 * doubles of scratch. Pass your own @work to evaluate one tape from several
 * threads at once (one workspace per thread; the tape itself is read
 * only); passing NULL uses the tape's built-in workspace, which is then
 * one thread at a time.
 *
 * Worked example (Hessian of a user surface, variables in a fixed order):
 *   const char *xy[] = { "x", "y" };
 *   DlnTape *tape;
 *   if (dln_tape_new (expr, xy, 2, arena, &tape, &msg) != DLN_STATUS_OK)
 *     ... msg says which variable is neither x nor y, and its column
 *   double p[2] = { 1.0, 2.0 }, g[2], h[4];
 *   double f = dln_tape_hessian (tape, p, g, h, NULL);
 *
 * Numbers at kinks and poles are the scalar rules of dln_op_partials ()
 * (PyTorch's conventions). In Hessians a product with an exactly zero
 * tangent is skipped (structural zero), so constant exponents give the
 * expected second derivative of x^2 at x = 0 instead of 0·(-inf) = nan. */

typedef struct DlnTape DlnTape;

/* dln_tape_new:
 * @expr:      a parsed expression; not NULL
 * @var_names: (nullable) the tape's variables, in the order callers will
 *             pass values; NULL means the expression's own variables in
 *             order of first appearance. Names the expression does not use
 *             get a zero gradient.
 * @n_vars:    length of @var_names (ignored when it is NULL)
 * @arena:     owns the tape and its built-in workspace; not NULL
 * @out:       receives the tape, or NULL on failure; not NULL
 * @msg:       (nullable) the reason on failure
 * Returns DLN_STATUS_OK, DLN_STATUS_INVALID_INPUT (the expression uses a
 * variable missing from @var_names; @msg names it, with its column) or
 * DLN_STATUS_NO_MEMORY (@arena full). */
DlnStatus  dln_tape_new            (const DlnExpr      *expr,
                                    const char *const  *var_names,
                                    int                 n_vars,
                                    DlnArena           *arena,
                                    DlnTape           **out,
                                    DlnMessage         *msg);

/* Number of variables (the length of every @x, @grad, @v below) and of
 * scalar instructions. */
int        dln_tape_n_vars         (const DlnTape      *tape);
int        dln_tape_n_instructions (const DlnTape      *tape);

/* The i-th variable's name (owned by the tape). */
const char *dln_tape_var_name      (const DlnTape      *tape,
                                    int                 i);

/* dln_tape_workspace_size:
 * Returns the number of doubles a caller-provided @work must hold. */
size_t     dln_tape_workspace_size (const DlnTape      *tape);

/* dln_tape_value:
 * @x:    n_vars values; nullable when n_vars is 0
 * @work: (nullable) workspace, see above
 * Returns f(x). */
double     dln_tape_value          (const DlnTape      *tape,
                                    const double       *x,
                                    double             *work);

/* dln_tape_grad:
 * @grad: receives ∂f/∂x, n_vars values; not NULL unless n_vars is 0
 * Returns f(x). One forward and one reverse sweep. */
double     dln_tape_grad           (const DlnTape      *tape,
                                    const double       *x,
                                    double             *grad,
                                    double             *work);

/* dln_tape_hvp:
 * @v:    direction, n_vars values
 * @grad: (nullable) receives ∂f/∂x
 * @hv:   receives the Hessian-vector product H·v, n_vars values
 * Returns f(x). One forward-over-reverse sweep (about 3x a gradient). */
double     dln_tape_hvp            (const DlnTape      *tape,
                                    const double       *x,
                                    const double       *v,
                                    double             *grad,
                                    double             *hv,
                                    double             *work);

/* dln_tape_hessian:
 * @grad: (nullable) receives ∂f/∂x
 * @hess: receives the n_vars x n_vars Hessian, row-major, symmetrised
 * Returns f(x). n_vars Hessian-vector products (two for f(x, y)). */
double     dln_tape_hessian        (const DlnTape      *tape,
                                    const double       *x,
                                    double             *grad,
                                    double             *hess,
                                    double             *work);
