#pragma once

/* Input layout of the expression fuzzers (fuzz-expr, fuzz-expr-diff):
 * the bytes up to the first NUL are the expression; each byte after it
 * picks the value of one variable (in order of first appearance) from a
 * table of ordinary and awkward numbers (0, ±1, kinks, poles, huge, tiny,
 * ±inf, nan). Variables without a byte get ordinary nonzero values, so a
 * plain-text corpus file is already a complete input. */

#include "fuzz-fail.h"

#include "dln-core.h"

#include <stddef.h>
#include <stdint.h>

typedef struct
{
  char         *text;      /* owned, NUL-terminated expression */
  size_t        len;       /* bytes of text */
  const uint8_t *picks;    /* value picks after the NUL (borrowed) */
  size_t        n_picks;
  DlnArena     *arena;     /* DLN_EXPR_ARENA_BYTES (len), the CLI's budget:
                            * the expression, its graph and one tape */
  DlnExpr      *expr;      /* the parse in @arena */
  DlnStatus     parsed;    /* the parse's status, its error in @msg */
  DlnMessage    msg;
} FuzzExprInput;

/* Splits @data and parses the expression; returns 0 when out of memory.
 * Free with fuzz_expr_input_clear. */
int    fuzz_expr_input_init  (FuzzExprInput *in,
                              const uint8_t *data,
                              size_t         size);
void   fuzz_expr_input_clear (FuzzExprInput *in);

/* Fills @values[0 .. n - 1] for the variables of the expression. */
void   fuzz_expr_input_values (const FuzzExprInput *in,
                               double              *values,
                               int                  n);
