#pragma once

#include "dln-arena.h"
#include "dln-graph.h"
#include "dln-status.h"

#include <stddef.h>

/* --- The expression language ---
 * Scalar expressions such as tanh(ln(1 + z*2*x/sin(y))) or
 * (y - tanh(w*x + b))^2, and short programs of named values as students
 * write them in micrograd or PyTorch:
 *   z = 2*x + 2 + x; q = relu(z) + z*x; h = relu(z*z); y = h + q + q*x
 *   statements  separated by ';' or line breaks (a line break inside
 *               parentheses is a blank); "NAME = expr" names a value, and
 *               the last statement (named or bare) is the output
 *   named values  every later use of a name is the same node, so a value
 *               used twice feeds two edges and its gradient sums over them;
 *               a name is defined once, before it is used (otherwise it is
 *               an input variable), and cannot be a function or constant
 *   numbers     1, 2.5, .5, 1e-3, 6.02E+23
 *   variables   identifiers [A-Za-z_][A-Za-z0-9_]*, at most
 *               DLN_EXPR_MAX_NAME bytes; listed in order of first appearance
 *   constants   pi (also π) and e
 *   operators   + - * / and ^ (also ** ; · × − as UTF-8 alternatives)
 *               precedence as in mathematics: ^ binds tightest and is
 *               right-associative (2^3^2 = 2^9), then unary minus
 *               (-x^2 = -(x^2), 2^-1 = 0.5), then * /, then + -
 *   functions   exp log ln sin cos tanh sigmoid relu sqrt abs (one
 *               argument), pow(a, b) and mse(a, b) = (a - b)^2
 *   parentheses and blanks anywhere between tokens
 * Errors (DLN_STATUS_INVALID_INPUT, with DlnMessage.column the 1-based
 * column in characters within its line, and DlnMessage.line its 1-based
 * line when the text has more than one, else 0): empty input, unexpected or unknown character,
 * unknown function, a function name without '(' or with the wrong number of
 * arguments, missing ')', trailing text after a complete statement, a
 * name defined twice or after its use as an input, a bare expression
 * before the last statement, '=' without a name on its left, names
 * longer than DLN_EXPR_MAX_NAME, nesting deeper than DLN_EXPR_MAX_DEPTH
 * (a limit, so no stack overflow) and input longer than
 * DLN_EXPR_MAX_LENGTH bytes (column 0 then). */

#define DLN_EXPR_MAX_LENGTH 4096  /* bytes of input text */
#define DLN_EXPR_MAX_DEPTH  200   /* nested parentheses, calls, unary signs
                                   * and powers; far beyond any hand-written
                                   * formula, far below the C stack */
#define DLN_EXPR_MAX_NAME   31    /* bytes of a variable name (fits the
                                   * graph's node labels) */

/* DLN_EXPR_ARENA_BYTES:
 * An arena budget that holds the parse, the graph (dln_expr_to_graph ())
 * and one tape (dln_tape_new ()) of any expression of @len bytes. Measured
 * worst case (1+1+...+1, every token a node) is ~550 bytes per byte of
 * text plus ~1.5 KiB; this doubles it. Test-checked at the length limit. */
#define DLN_EXPR_ARENA_BYTES(len) (4096 + 1024 * ((size_t) (len) + 1))

typedef struct DlnExpr DlnExpr;

/* dln_expr_parse:
 * @text:  (nullable) UTF-8 expression; NULL is parsed as empty
 * @arena: owns the result; not NULL
 * @out:   receives the expression, or NULL on failure; not NULL
 * @msg:   (nullable) receives the error and its column
 * Returns DLN_STATUS_OK, DLN_STATUS_INVALID_INPUT (see above) or
 * DLN_STATUS_NO_MEMORY (@arena full). Never crashes on any input. */
DlnStatus    dln_expr_parse        (const char     *text,
                                    DlnArena       *arena,
                                    DlnExpr       **out,
                                    DlnMessage     *msg);

/* The source text (a copy owned by the expression). */
const char  *dln_expr_text         (const DlnExpr  *expr);

/* Variables in order of first appearance: their count, names (owned by
 * the expression), the 1-based column of the first occurrence, and the
 * index of a name (-1 when the expression does not use it). */
int          dln_expr_n_vars       (const DlnExpr  *expr);
const char  *dln_expr_var_name     (const DlnExpr  *expr,
                                    int             i);
int          dln_expr_var_column   (const DlnExpr  *expr,
                                    int             i);
int          dln_expr_find_var     (const DlnExpr  *expr,
                                    const char     *name);

/* dln_expr_eval:
 * @vars: dln_expr_n_vars () values in the order above (nullable if none)
 * Returns the value (a slow tree walk for tests; use a DlnTape for speed). */
double       dln_expr_eval         (const DlnExpr  *expr,
                                    const double   *vars);

/* dln_expr_to_graph:
 * @arena: owns the graph; not NULL
 * @out:   receives the graph; not NULL
 * Builds the autograd graph of @expr: nodes 0 .. n_vars-1 are the
 * variables (DLN_ROLE_INPUT, value 0, labelled with their names, in order
 * of first appearance; dln_graph_set_role () makes parameters of them),
 * then constants and ops in evaluation order; each use of a variable or
 * of a named value shares its node, each constant is a node of its own.
 * The last statement's node is the output (DLN_ROLE_OUTPUT); named values
 * are labelled with their names, other intermediates are lettered with
 * dln_graph_label_intermediates (). When the output is a bare variable or
 * constant ("x"), that leaf is the output and keeps its role.
 * Returns DLN_STATUS_OK or DLN_STATUS_NO_MEMORY. */
DlnStatus    dln_expr_to_graph     (const DlnExpr  *expr,
                                    DlnArena       *arena,
                                    DlnGraph      **out,
                                    DlnMessage     *msg);

/* dln_expr_format_error:
 * @text:   the source text that failed (nullable = empty)
 * @line:   the error's 1-based line (DlnMessage.line) for a multi-line
 *          program, of which only that line is shown; 0 shows all of @text
 * @column: the error's 1-based column in that line; 0 gives just the text
 * @buf:    receives "<text>\n<spaces>^" (columns counted in characters, so
 *          UTF-8 text lines up); always NUL-terminated when @size > 0
 * Returns the length the whole result needs (as snprintf does). */
size_t       dln_expr_format_error (const char     *text,
                                    int             line,
                                    int             column,
                                    char           *buf,
                                    size_t          size);
