/* Shared input splitting of the expression fuzzers (see the header). */

#include "fuzz-expr-input.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Values a byte after the NUL picks: ordinary points first, then the
 * points where the ops have kinks, poles or overflow. */
static const double value_table[] = {
  0.5, -1.25, 2.0, 3.0, -0.75, 1.5, 0.1, -2.5,
  0.0, -0.0, 1.0, -1.0, M_PI / 2, M_PI, 1e-300, -1e-300,
  1e300, -1e300, 710.0, -746.0, 4.9e-324, 1.7976931348623157e308,
  INFINITY, -INFINITY, NAN, 1e-8, 36.0, -36.0, 0.999999, 1e16,
};

#define N_VALUES (sizeof value_table / sizeof value_table[0])
#define N_ORDINARY 8  /* the first entries, used for unpicked variables */

int
fuzz_expr_input_init (FuzzExprInput *in,
                      const uint8_t *data,
                      size_t         size)
{
  const uint8_t *nul = memchr (data, 0, size);

  in->len = nul != NULL ? (size_t) (nul - data) : size;
  in->text = malloc (in->len + 1);
  if (in->text == NULL)
    return 0;
  memcpy (in->text, data, in->len);
  in->text[in->len] = '\0';
  in->picks = nul != NULL ? nul + 1 : NULL;
  in->n_picks = nul != NULL ? size - in->len - 1 : 0;
  in->arena = dln_arena_new (DLN_EXPR_ARENA_BYTES (in->len));
  if (in->arena == NULL)
    abort ();
  memset (&in->msg, 0, sizeof in->msg);
  in->parsed = dln_expr_parse (in->text, in->arena, &in->expr, &in->msg);
  return 1;
}

void
fuzz_expr_input_clear (FuzzExprInput *in)
{
  dln_arena_free (in->arena);
  in->arena = NULL;
  free (in->text);
  in->text = NULL;
}

void
fuzz_expr_input_values (const FuzzExprInput *in,
                        double              *values,
                        int                  n)
{
  for (int i = 0; i < n; i++)
    values[i] = (size_t) i < in->n_picks
                ? value_table[in->picks[i] % N_VALUES]
                : value_table[i % N_ORDINARY];
}

