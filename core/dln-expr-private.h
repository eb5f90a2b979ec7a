#pragma once

/* The syntax tree of dln-expr.c, walked by dln-tape.c (a sibling) to
 * compile tapes; nothing outside core includes this. */

#include "dln-expr.h"
#include "dln-ops.h"

/* One node of the post-order syntax graph (inputs come first). */
typedef struct
{
  DlnOp  op;     /* DLN_OP_LEAF for variables and constants */
  int    a, b;   /* child step indices, -1 when unused */
  int    var;    /* variable index for a variable leaf, else -1 */
  double value;  /* a constant leaf's value */
  const char *label;  /* a named value's name; a constant's text ("2",
                       * "π") or name; "" otherwise (owned by the
                       * expression) */
} DlnExprStep;

/* Number of steps (a step may feed several later ones: a named value). */
int  dln_expr_n_steps (const DlnExpr *expr);

/* The output step: the last statement's value (not always the last step:
 * "y = z" names an earlier one). */
int  dln_expr_root    (const DlnExpr *expr);

/* Copies step @i (0 <= i < n_steps) into @step. */
void dln_expr_step    (const DlnExpr *expr,
                       int            i,
                       DlnExprStep   *step);
