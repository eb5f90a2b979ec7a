#pragma once

#include "dln-expr.h"

#include <stddef.h>

/* --- Expressions as PyTorch code ---
 * The exported Python scripts (docs/python-export.md) compute a typed
 * expression the way a student would write it in a notebook:
 *   tanh(ln(1 + z*(2*x/sin(y))))
 *     -> torch.tanh(torch.log(1.0 + z * (2.0 * x / torch.sin(y))))
 * and a program's named values become assignments:
 *   z = 2*x + 2 + x; q = relu(z) + z*x; q*y
 *     -> z = 2.0 * x + 2.0 + x
 *        q = torch.relu(z) + z * x
 *        return q * y
 * Numbers are float literals (pi and e: math.pi, math.e); every operation
 * happens in dlnlab's order (parentheses where Python's grouping would
 * differ, so a + (b + c) stays as typed), so with float64 tensors each
 * value is the double dln_expr_eval () gives, up to the last bit of the
 * elementary functions. An operation whose operands are all numbers gets
 * one of them as torch.tensor (...), so it has IEEE semantics (1/0 is inf,
 * not a Python ZeroDivisionError). Names that Python or the scripts
 * reserve (keywords, torch, math, np, nn, print, ...) get a trailing '_'
 * until they are free (dln_expr_python_var_name). */

/* dln_expr_python_var_name:
 * @i: a variable index, 0 <= i < dln_expr_n_vars (@expr)
 * @buf: receives the Python name of variable @i (at most
 *       DLN_EXPR_MAX_NAME + 8 bytes with the NUL)
 * Returns @buf. */
char   *dln_expr_python_var_name (const DlnExpr *expr,
                                  int            i,
                                  char          *buf,
                                  size_t         size);

/* dln_expr_to_python:
 * @expr:   a parsed expression; not NULL
 * @indent: prefix of every line ("    " for a function body); not NULL
 * @buf:    (nullable when @size is 0) receives the text, NUL-terminated
 *          when @size > 0
 * Writes the body of a Python function of the variables (named by
 * dln_expr_python_var_name), holding float64 tensors, that returns the
 * expression's value: one "NAME = ..." line per named value, in the
 * program's order, then "return ...". A result that is a plain number is
 * returned as torch.tensor (...).
 * Returns the length the whole text needs without the NUL (as snprintf);
 * the text is complete when that is below @size. */
size_t  dln_expr_to_python       (const DlnExpr *expr,
                                  const char    *indent,
                                  char          *buf,
                                  size_t         size);

/* dln_expr_python_reserved:
 * Whether @name is a Python keyword or a name the scripts use beside an
 * expression's values (torch, math, print, ...): such a variable is
 * renamed. */
int     dln_expr_python_reserved (const char    *name);
