/* The expression language and evaluation tapes: grammar and precedence,
 * every error kind with its column, the caret renderer, random input that
 * must never crash, tape against graph against tree walk, and Hessians
 * against closed forms.
 * (Over 800 lines: one test file per core module; the grammar's every
 * error kind is a case of its own.) */

#include "dln-core.h"
#include "dln-test-util.h"

#include <glib.h>
#include <math.h>
#include <string.h>

/* Tape, graph and tree walk evaluate the same instructions in the same
 * order: they agree exactly, except that the graph's reverse sweep may
 * add adjoints in another order (a few ulps). */
#define AGREE_TOL 1e-14

/* Hessians against closed forms: forward-over-reverse is exact up to
 * rounding in ~20 operations: 1e-12 relative leaves ample margin. */
#define HESS_TOL 1e-12

/* Hessians against central differences of the tape gradient: second
 * differences lose about half the digits (error ~ h² + ε/h with
 * h = 6e-6): 1e-6 as in docs/architecture.md#tests. */
#define FD_STEP 6e-6
#define FD_TOL  1e-6

static DlnArena *arena;

static DlnExpr *
parse_ok (const char *text)
{
  DlnExpr *expr = NULL;
  DlnMessage msg;
  DlnStatus status = dln_expr_parse (text, arena, &expr, &msg);

  if (status != DLN_STATUS_OK)
    g_error ("'%s' failed to parse: %s (column %d)", text, msg.text, msg.column);
  g_assert_nonnull (expr);
  return expr;
}

/* The tape of @expr over its own variables, in the test arena. */
static DlnTape *
tape_ok (const DlnExpr *expr)
{
  DlnTape *tape = NULL;
  DlnMessage msg;

  if (dln_tape_new (expr, NULL, 0, arena, &tape, &msg) != DLN_STATUS_OK)
    g_error ("no tape for '%s': %s", dln_expr_text (expr), msg.text);
  return tape;
}

/* Value of @text with variables given as name/value pairs in order of
 * first appearance. */
static double
eval1 (const char *text,
       double      x)
{
  DlnExpr *expr = parse_ok (text);

  g_assert_cmpint (dln_expr_n_vars (expr), <=, 1);
  return dln_expr_eval (expr, &x);
}

static void
test_numbers_and_precedence (void)
{
  g_assert_cmpfloat (eval1 ("1e-3", 0), ==, 0.001);
  g_assert_cmpfloat (eval1 ("6.02E+23", 0), ==, 6.02e23);
  g_assert_cmpfloat (eval1 (".5 + 2.", 0), ==, 2.5);
  g_assert_cmpfloat (eval1 ("2.5e2", 0), ==, 250.0);
  g_assert_cmpfloat (eval1 ("-x^2", 3), ==, -9.0);          /* -(x^2) */
  g_assert_cmpfloat (eval1 ("(-x)^2", 3), ==, 9.0);
  g_assert_cmpfloat (eval1 ("2^3^2", 0), ==, 512.0);        /* 2^(3^2) */
  g_assert_cmpfloat (eval1 ("2^-1", 0), ==, 0.5);
  g_assert_cmpfloat (eval1 ("-2^-2", 0), ==, -0.25);
  g_assert_cmpfloat (eval1 ("2**3", 0), ==, 8.0);
  g_assert_cmpfloat (eval1 ("1 - 2 - 3", 0), ==, -4.0);     /* left-assoc */
  g_assert_cmpfloat (eval1 ("8 / 4 / 2", 0), ==, 1.0);
  g_assert_cmpfloat (eval1 ("2 + 3 * 4", 0), ==, 14.0);
  g_assert_cmpfloat (eval1 ("(2 + 3) * 4", 0), ==, 20.0);
  g_assert_cmpfloat (eval1 ("2 * 3 ^ 2", 0), ==, 18.0);
  g_assert_cmpfloat (eval1 ("--x", 5), ==, 5.0);
  g_assert_cmpfloat (eval1 ("+x", 5), ==, 5.0);
  g_assert_cmpfloat (eval1 ("x - -x", 5), ==, 10.0);
  g_assert_cmpfloat (eval1 ("pi", 0), ==, M_PI);
  g_assert_cmpfloat (eval1 ("\xcf\x80", 0), ==, M_PI);      /* π */
  g_assert_cmpfloat (eval1 ("e", 0), ==, M_E);
  g_assert_cmpfloat (eval1 ("2\xc2\xb7x", 4), ==, 8.0);     /* 2·x */
  g_assert_cmpfloat (eval1 ("2\xc3\x97x", 4), ==, 8.0);     /* 2×x */
  g_assert_cmpfloat (eval1 ("2\xe2\x88\x92x", 4), ==, -2.0); /* 2−x */
  g_assert_cmpfloat (eval1 (" \t( x )\n", 4), ==, 4.0);
}

static void
test_functions (void)
{
  /* volatile: the compiler would fold tanh (0.7) with MPFR, correctly
   * rounded, while the parser calls libm at run time (1 ulp apart). */
  volatile double xv = 0.7;
  double x = xv;

  g_assert_cmpfloat (eval1 ("exp(x)", x), ==, exp (x));
  g_assert_cmpfloat (eval1 ("log(x)", x), ==, log (x));
  g_assert_cmpfloat (eval1 ("ln(x)", x), ==, log (x));
  g_assert_cmpfloat (eval1 ("sin(x)", x), ==, sin (x));
  g_assert_cmpfloat (eval1 ("cos(x)", x), ==, cos (x));
  g_assert_cmpfloat (eval1 ("tanh(x)", x), ==, tanh (x));
  g_assert_cmpfloat (eval1 ("sigmoid(x)", x), ==, 1 / (1 + exp (-x)));
  g_assert_cmpfloat (eval1 ("relu(x)", x), ==, x);
  g_assert_cmpfloat (eval1 ("relu(-x)", x), ==, 0.0);
  g_assert_cmpfloat (eval1 ("sqrt(x)", x), ==, sqrt (x));
  g_assert_cmpfloat (eval1 ("abs(-x)", x), ==, x);
  g_assert_cmpfloat (eval1 ("pow(x, 3)", x), ==, pow (x, 3));
  g_assert_cmpfloat (eval1 ("pow(2, -x)", x), ==, pow (2, -x));
  g_assert_cmpfloat (eval1 ("mse(x, 3)", x), ==, (x - 3) * (x - 3));
  g_assert_cmpfloat (eval1 ("sin(cos(tanh(x)))", x), ==, sin (cos (tanh (x))));
}

static void
test_variables (void)
{
  DlnExpr *expr = parse_ok ("(y - tanh(w*x + b))^2 + y*w");
  double v[4] = { 7, -0.5, 1, 0.5 };  /* y, w, x, b */

  g_assert_cmpint (dln_expr_n_vars (expr), ==, 4);
  g_assert_cmpstr (dln_expr_var_name (expr, 0), ==, "y");
  g_assert_cmpstr (dln_expr_var_name (expr, 1), ==, "w");
  g_assert_cmpstr (dln_expr_var_name (expr, 2), ==, "x");
  g_assert_cmpstr (dln_expr_var_name (expr, 3), ==, "b");
  g_assert_cmpint (dln_expr_var_column (expr, 0), ==, 2);
  g_assert_cmpint (dln_expr_var_column (expr, 3), ==, 17);
  g_assert_cmpint (dln_expr_find_var (expr, "x"), ==, 2);
  g_assert_cmpint (dln_expr_find_var (expr, "q"), ==, -1);
  g_assert_cmpfloat (dln_expr_eval (expr, v), ==, 49.0 - 3.5);
  g_assert_cmpstr (dln_expr_text (expr), ==, "(y - tanh(w*x + b))^2 + y*w");

  expr = parse_ok ("x_1 * Alpha2 + _t");
  g_assert_cmpint (dln_expr_n_vars (expr), ==, 3);
  g_assert_cmpstr (dln_expr_var_name (expr, 1), ==, "Alpha2");
}

typedef struct
{
  const char *text;
  int         column;
  const char *message;  /* a substring of the expected message */
} ErrorCase;

static void
test_errors (void)
{
  static const ErrorCase cases[] = {
    { "",               1, "empty" },
    { "   ",            1, "empty" },
    { "tanh(x +)",      9, "unexpected ')'" },
    { "foo(x)",         1, "unknown function 'foo'" },
    { "x(2)",           1, "unknown function 'x'" },
    { "sin x",          5, "parentheses" },
    { "2 * sin",        8, "parentheses" },
    { "(x",             3, "missing ')'" },
    { "((x)",           5, "missing ')' to close '(' at column 1" },
    { "sin(x",          6, "missing ')'" },
    { "pow(x, 2",       9, "missing ')'" },
    { "x)",             2, "unmatched ')'" },
    { "2 3",            3, "after a complete expression" },
    { "2x",             2, "missing '*'" },
    { "x y",            3, "missing '*'" },
    { "x $ y",          3, "unexpected character '$'" },
    { "x + ",           5, "unexpected end" },
    { "* x",            1, "unexpected '*'" },
    { "x ^ ^ 2",        5, "unexpected '^'" },
    { "pow(x)",         1, "pow takes 2 arguments, got 1" },
    { "sin(x, y)",      1, "sin takes 1 argument, got 2" },
    { "sin()",          5, "got none" },
    { "1e999",          1, "out of range" },
    { ".",              1, "unexpected character '.'" },
    { "x,y",            2, "after a complete expression" },
    /* columns count characters: π and · are two bytes each */
    { "\xcf\x80 \xc2\xb7 x $", 7, "unexpected character '$'" },
    { "\xcf\x80 + \xe2\x82\xac", 5, "unexpected character '\xe2\x82\xac'" },
  };
  DlnMessage msg;

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DlnExpr *expr = (DlnExpr *) &msg;  /* must be reset to NULL */
      DlnStatus status = dln_expr_parse (cases[i].text, arena, &expr, &msg);

      g_test_message ("'%s' -> %s (column %d)", cases[i].text, msg.text,
                      msg.column);
      g_assert_cmpint (status, ==, DLN_STATUS_INVALID_INPUT);
      g_assert_null (expr);
      g_assert_cmpint (msg.column, ==, cases[i].column);
      g_assert_nonnull (strstr (msg.text, cases[i].message));
    }
  g_assert_cmpint (dln_expr_parse (NULL, arena, &(DlnExpr *) { NULL }, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpint (msg.column, ==, 1);
  /* a NULL message is allowed */
  g_assert_cmpint (dln_expr_parse ("(", arena, &(DlnExpr *) { NULL }, NULL), ==,
                   DLN_STATUS_INVALID_INPUT);
}

static void
test_limits (void)
{
  GString *s = g_string_new (NULL);
  DlnExpr *expr;
  DlnMessage msg;
  char name[DLN_EXPR_MAX_NAME + 2];

  /* nesting: exactly DLN_EXPR_MAX_DEPTH parentheses around x parse, one
   * more fails with the column of the x it could not reach */
  for (int i = 0; i < DLN_EXPR_MAX_DEPTH; i++)
    g_string_append_c (s, '(');
  g_string_append_c (s, 'x');
  for (int i = 0; i < DLN_EXPR_MAX_DEPTH; i++)
    g_string_append_c (s, ')');
  g_assert_cmpint (dln_expr_parse (s->str, arena, &expr, &msg), ==, DLN_STATUS_OK);
  g_string_insert_c (s, 0, '(');
  g_string_append_c (s, ')');
  g_assert_cmpint (dln_expr_parse (s->str, arena, &expr, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "nested deeper"));
  g_assert_cmpint (msg.column, ==, DLN_EXPR_MAX_DEPTH + 2);

  /* absurd depth in the other recursive forms: no stack overflow */
  g_string_assign (s, "");
  for (int i = 0; i < 100000 / 5; i++)
    g_string_append (s, "sin(");
  g_assert_cmpint (dln_expr_parse (s->str, arena, &expr, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);  /* too long, no recursion */
  g_assert_cmpint (msg.column, ==, 0);
  g_string_assign (s, "");
  for (int i = 0; i < 1000; i++)
    g_string_append (s, "-");
  g_string_append (s, "x");
  g_assert_cmpint (dln_expr_parse (s->str, arena, &expr, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "nested deeper"));
  g_string_assign (s, "2");
  for (int i = 0; i < 1000; i++)
    g_string_append (s, "^2");
  g_assert_cmpint (dln_expr_parse (s->str, arena, &expr, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "nested deeper"));

  /* a long flat sum is not deep: 1+1+...+1 up to the length limit */
  g_string_assign (s, "1");
  while (s->len + 2 <= DLN_EXPR_MAX_LENGTH)
    g_string_append (s, "+1");
  g_assert_cmpint (dln_expr_parse (s->str, arena, &expr, &msg), ==, DLN_STATUS_OK);
  g_assert_cmpfloat (dln_expr_eval (expr, NULL), ==, (double) (s->len + 1) / 2);
  g_string_append (s, "+1");
  g_assert_cmpint (dln_expr_parse (s->str, arena, &expr, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpint (msg.column, ==, 0);
  g_assert_nonnull (strstr (msg.text, "longer than"));

  /* names: DLN_EXPR_MAX_NAME bytes are fine, one more is an error */
  memset (name, 'v', sizeof name);
  name[DLN_EXPR_MAX_NAME] = '\0';
  g_assert_cmpint (dln_expr_parse (name, arena, &expr, &msg), ==, DLN_STATUS_OK);
  name[DLN_EXPR_MAX_NAME] = 'v';
  name[DLN_EXPR_MAX_NAME + 1] = '\0';
  g_assert_cmpint (dln_expr_parse (name, arena, &expr, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_cmpint (msg.column, ==, 1);

  /* a full arena is a status */
  {
    DlnArena *tiny = dln_arena_new (128);

    g_assert_cmpint (dln_expr_parse ("x + y", tiny, &expr, &msg), ==,
                     DLN_STATUS_NO_MEMORY);
    dln_arena_free (tiny);
  }
  g_string_free (s, TRUE);
}

/* DLN_EXPR_ARENA_BYTES holds parse + graph + tape of the worst inputs. */
static void
test_arena_bound (void)
{
  static const char *units[] = { "+1", "+x", "*x", "^x", "-1" };
  GString *s = g_string_new (NULL);

  for (size_t u = 0; u < G_N_ELEMENTS (units); u++)
    for (int full = 0; full < 2; full++)
      {
        DlnArena *a;
        DlnExpr *expr;
        DlnGraph *g;
        DlnTape *tape;
        DlnMessage msg;

        g_string_assign (s, "1");
        while (full && s->len + 2 <= DLN_EXPR_MAX_LENGTH)
          g_string_append (s, units[u]);
        /* ^ chains nest: stay under the depth limit */
        if (units[u][0] == '^' && s->len > 2 * (DLN_EXPR_MAX_DEPTH - 2))
          g_string_truncate (s, 2 * (DLN_EXPR_MAX_DEPTH - 2) + 1);
        a = dln_arena_new (DLN_EXPR_ARENA_BYTES (s->len));
        g_assert_cmpint (dln_expr_parse (s->str, a, &expr, &msg), ==, DLN_STATUS_OK);
        g_assert_cmpint (dln_expr_to_graph (expr, a, &g, &msg), ==, DLN_STATUS_OK);
        g_assert_cmpint (dln_tape_new (expr, NULL, 0, a, &tape, &msg), ==, DLN_STATUS_OK);
        dln_arena_free (a);
      }
  g_string_free (s, TRUE);
}

static void
test_caret (void)
{
  char buf[64];
  size_t n;

  n = dln_expr_format_error ("tanh(x +)", 0, 9, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "tanh(x +)\n        ^");
  g_assert_cmpuint (n, ==, strlen (buf));
  n = dln_expr_format_error ("x", 0, 0, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "x");
  /* one past the end points after the text */
  dln_expr_format_error ("x +", 0, 4, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "x +\n   ^");
  /* UTF-8 counts characters; tabs become spaces so the caret lines up */
  dln_expr_format_error ("\xcf\x80\t$", 0, 3, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "\xcf\x80 $\n  ^");
  /* truncation: NUL-terminated, returns the full length */
  n = dln_expr_format_error ("tanh(x +)", 0, 9, buf, 5);
  g_assert_cmpstr (buf, ==, "tanh");
  g_assert_cmpuint (n, ==, strlen ("tanh(x +)\n        ^"));
  g_assert_cmpuint (dln_expr_format_error (NULL, 0, 1, NULL, 0), ==, 2);
}

/* Random bytes and random token soup: never a crash, always OK or
 * INVALID_INPUT with a column inside the text (or 0). */
static void
test_fuzz (void)
{
  static const char *pieces[] = {
    "x", "y", "1", "2.5", "1e-3", "+", "-", "*", "/", "^", "(", ")", ",",
    "sin", "pow", "pi", "e", " ", "\xcf\x80", "\xc2\xb7", "$", "**", "tanh(",
  };
  DlnRng rng;
  char buf[64];

  dln_rng_init (&rng, 1234);
  for (int trial = 0; trial < 20000; trial++)
    {
      GString *s = g_string_new (NULL);
      int len = (int) dln_rng_below (&rng, 12);
      DlnExpr *expr;
      DlnMessage msg;
      DlnStatus status;

      for (int i = 0; i < len; i++)
        {
          if (trial % 2 == 0)
            g_string_append (s, pieces[dln_rng_below (&rng, G_N_ELEMENTS (pieces))]);
          else
            g_string_append_c (s, (char) (1 + dln_rng_below (&rng, 255)));
        }
      status = dln_expr_parse (s->str, arena, &expr, &msg);
      g_assert_true (status == DLN_STATUS_OK || status == DLN_STATUS_INVALID_INPUT);
      if (status == DLN_STATUS_INVALID_INPUT)
        {
          g_assert_cmpint (msg.column, >=, 1);
          g_assert_cmpint (msg.column, <=, (int) s->len + 1);
          dln_expr_format_error (s->str, msg.line, msg.column, buf, sizeof buf);
        }
      else
        {
          double v[16] = { 0.3, -0.7 };
          DlnTape *tape;
          double g[16];

          g_assert_cmpint (dln_expr_n_vars (expr), <=, 2);
          tape = tape_ok (expr);
          dln_tape_grad (tape, v, g, NULL);
        }
      g_string_free (s, TRUE);
      /* keep the arena from filling up over 20000 parses */
      if (dln_arena_used (arena) > (8u << 20))
        dln_arena_reset (arena);
    }
  dln_arena_reset (arena);
}

/* Expressions of up to four variables, smooth where the tests sample them
 * (every variable in [0.3, 1.8]): the tape-against-graph and the Hessian
 * tests use them all. */
static const char *const smooth_exprs[] = {
  "tanh(ln(1 + z*2*x/sin(y)))",
  "(y - tanh(w*x + b))^2",
  "x*x*x - 3*x*y + sigmoid(y)*exp(-x^2) + sqrt(1 + x^2)",
  "pow(abs(x) + 1, y) / (2 + cos(x*y)) + mse(x, y)",
};

/* Value and gradient of @src at ten random points: tape, graph and (for
 * values) the tree walk agree. */
static void
check_tape_vs_graph (const char *src,
                     DlnRng     *rng)
{
  DlnExpr *expr = parse_ok (src);
  int n = dln_expr_n_vars (expr);
  DlnTape *tape;
  DlnGraph *g;
  DlnMessage msg;
  double x[8], grad[8], *work;

  tape = tape_ok (expr);
  g_assert_cmpint (dln_expr_to_graph (expr, arena, &g, &msg), ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_tape_n_vars (tape), ==, n);
  work = g_new (double, dln_tape_workspace_size (tape));
  for (int trial = 0; trial < 10; trial++)
    {
      double f, f2;
      int out = dln_graph_output (g);

      for (int i = 0; i < n; i++)
        x[i] = 0.3 + 1.5 * dln_rng_uniform (rng);
      f = dln_tape_grad (tape, x, grad, NULL);
      for (int i = 0; i < n; i++)
        dln_graph_set_scalar (g, i, x[i]);
      dln_graph_forward (g);
      dln_graph_zero_grad (g);
      dln_graph_backward (g, out);
      g_assert_cmpfloat (f, ==, dln_graph_node (g, out)->value->data[0]);
      g_assert_cmpfloat (f, ==, dln_expr_eval (expr, x));
      g_assert_cmpfloat (f, ==, dln_tape_value (tape, x, NULL));
      for (int i = 0; i < n; i++)
        g_assert_cmpfloat (dln_test_rel_error (grad[i], dln_graph_node (g, i)->grad->data[0]),
                           <=, AGREE_TOL);
      /* a caller-provided workspace gives the same numbers */
      {
        double grad2[8];

        f2 = dln_tape_grad (tape, x, grad2, work);
        g_assert_cmpfloat (f2, ==, f);
        for (int i = 0; i < n; i++)
          g_assert_cmpfloat (grad2[i], ==, grad[i]);
      }
    }
  g_free (work);
}

/* check_tape_vs_graph on the smooth expressions, one with a kink (relu),
 * a single variable, a constant and a square. */
static void
test_tape_vs_graph (void)
{
  static const char *const others[] = {
    "pow(abs(x) + 1, y) / (2 + cos(x*y)) - relu(x - y) + mse(x, y)",
    "sin(x^2 + y^2)",
    "x",
    "2.5",
    "x*x",
  };
  DlnRng rng;

  dln_rng_init (&rng, 99);
  for (size_t k = 0; k < G_N_ELEMENTS (smooth_exprs); k++)
    check_tape_vs_graph (smooth_exprs[k], &rng);
  for (size_t k = 0; k < G_N_ELEMENTS (others); k++)
    check_tape_vs_graph (others[k], &rng);
}

/* Variables in the caller's order; unknown ones are an error with the
 * column of their first use; unused names get gradient 0. */
static void
test_tape_var_order (void)
{
  DlnExpr *expr = parse_ok ("y^2 + 3*x");
  const char *xy[] = { "x", "y" };
  const char *xyz[] = { "x", "y", "z" };
  const char *only_x[] = { "x" };
  DlnTape *tape;
  DlnMessage msg;
  double p[3] = { 2, 5, 9 }, g[3];

  g_assert_cmpint (dln_tape_new (expr, xy, 2, arena, &tape, &msg), ==, DLN_STATUS_OK);
  g_assert_cmpfloat (dln_tape_grad (tape, p, g, NULL), ==, 31.0);
  g_assert_cmpfloat (g[0], ==, 3.0);
  g_assert_cmpfloat (g[1], ==, 10.0);
  g_assert_cmpstr (dln_tape_var_name (tape, 1), ==, "y");
  g_assert_cmpint (dln_tape_new (expr, xyz, 3, arena, &tape, &msg), ==, DLN_STATUS_OK);
  dln_tape_grad (tape, p, g, NULL);
  g_assert_cmpfloat (g[2], ==, 0.0);
  g_assert_cmpint (dln_tape_new (expr, only_x, 1, arena, &tape, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_null (tape);
  g_assert_nonnull (strstr (msg.text, "unknown variable 'y'"));
  g_assert_cmpint (msg.column, ==, 1);
}

static void
hessian_at (const char *text,
            double      x,
            double      y,
            double     *f,
            double      g[2],
            double      h[4])
{
  const char *xy[] = { "x", "y" };
  DlnExpr *expr = parse_ok (text);
  DlnTape *tape;
  DlnMessage msg;
  double p[2] = { x, y };

  g_assert_cmpint (dln_tape_new (expr, xy, 2, arena, &tape, &msg), ==, DLN_STATUS_OK);
  *f = dln_tape_hessian (tape, p, g, h, NULL);
}

/* Hessians of f(x, y) against closed forms worked out by hand below. */
static void
test_hessian_closed_form (void)
{
  double f, g[2], h[4];
  double x = 0.7, y = -1.3;

  /* f = x²y + sin(xy): f_xx = 2y - y² sin(xy), f_xy = 2x + cos(xy) -
   * xy sin(xy), f_yy = -x² sin(xy) */
  hessian_at ("x^2*y + sin(x*y)", x, y, &f, g, h);
  g_assert_cmpfloat (dln_test_rel_error (f, x * x * y + sin (x * y)), <=, HESS_TOL);
  g_assert_cmpfloat (dln_test_rel_error (g[0], 2 * x * y + y * cos (x * y)), <=, HESS_TOL);
  g_assert_cmpfloat (dln_test_rel_error (g[1], x * x + x * cos (x * y)), <=, HESS_TOL);
  g_assert_cmpfloat (dln_test_rel_error (h[0], 2 * y - y * y * sin (x * y)), <=, HESS_TOL);
  g_assert_cmpfloat (dln_test_rel_error (h[1], 2 * x + cos (x * y) - x * y * sin (x * y)),
                     <=, HESS_TOL);
  g_assert_cmpfloat (h[1], ==, h[2]);
  g_assert_cmpfloat (dln_test_rel_error (h[3], -x * x * sin (x * y)), <=, HESS_TOL);

  /* Rosenbrock (1 - x)² + 100(y - x²)²: f_xx = 2 - 400(y - x²) + 800x²,
   * f_xy = -400x, f_yy = 200 */
  hessian_at ("(1 - x)^2 + 100*(y - x^2)^2", x, y, &f, g, h);
  g_assert_cmpfloat (dln_test_rel_error (h[0], 2 - 400 * (y - x * x) + 800 * x * x), <=, HESS_TOL);
  g_assert_cmpfloat (dln_test_rel_error (h[1], -400 * x), <=, HESS_TOL);
  g_assert_cmpfloat (dln_test_rel_error (h[3], 200), <=, HESS_TOL);

  /* f = exp(x)/y + ln(y): f_xx = e^x/y, f_xy = -e^x/y², f_yy = 2e^x/y³ - 1/y² */
  hessian_at ("exp(x)/y + ln(y)", x, 1.9, &f, g, h);
  g_assert_cmpfloat (dln_test_rel_error (h[0], exp (x) / 1.9), <=, HESS_TOL);
  g_assert_cmpfloat (dln_test_rel_error (h[1], -exp (x) / (1.9 * 1.9)), <=, HESS_TOL);
  g_assert_cmpfloat (dln_test_rel_error (h[3], 2 * exp (x) / pow (1.9, 3) - 1 / (1.9 * 1.9)),
                     <=, HESS_TOL);

  /* f = x^y (both variable): f_xx = y(y-1)x^(y-2), f_xy = x^(y-1)(1 + y ln x),
   * f_yy = x^y ln²x */
  hessian_at ("x^y", 1.7, 2.3, &f, g, h);
  g_assert_cmpfloat (dln_test_rel_error (h[0], 2.3 * 1.3 * pow (1.7, 0.3)), <=, HESS_TOL);
  g_assert_cmpfloat (dln_test_rel_error (h[1], pow (1.7, 1.3) * (1 + 2.3 * log (1.7))),
                     <=, HESS_TOL);
  g_assert_cmpfloat (dln_test_rel_error (h[3], pow (1.7, 2.3) * log (1.7) * log (1.7)),
                     <=, HESS_TOL);

  /* The bowl x² + y² at its minimum: [[2, 0], [0, 2]] (a constant exponent
   * is a structural zero, not 0·ln 0 = nan) */
  hessian_at ("x^2 + y^2", 0, 0, &f, g, h);
  g_assert_cmpfloat (f, ==, 0.0);
  g_assert_cmpfloat (g[0], ==, 0.0);
  g_assert_cmpfloat (h[0], ==, 2.0);
  g_assert_cmpfloat (h[1], ==, 0.0);
  g_assert_cmpfloat (h[3], ==, 2.0);

  /* The saddle x² - y² and sin(x² + y²) at the origin (D01) */
  hessian_at ("x^2 - y^2", 0, 0, &f, g, h);
  g_assert_cmpfloat (h[0], ==, 2.0);
  g_assert_cmpfloat (h[3], ==, -2.0);
  hessian_at ("sin(x^2 + y^2)", 0, 0, &f, g, h);
  g_assert_cmpfloat (h[0], ==, 2.0);
  g_assert_cmpfloat (h[1], ==, 0.0);
}

/* Hessians and Hessian-vector products against central differences of
 * the tape gradient, on smooth_exprs at random points. */
static void
test_hessian_vs_differences (void)
{
  DlnRng rng;

  dln_rng_init (&rng, 5);
  for (size_t k = 0; k < G_N_ELEMENTS (smooth_exprs); k++)
    {
      DlnExpr *expr = parse_ok (smooth_exprs[k]);
      DlnTape *tape = tape_ok (expr);
      int n = dln_expr_n_vars (expr);
      double x[4], g[4], gp[4], gm[4], H[16], v[4], hv[4];

      for (int i = 0; i < n; i++)
        {
          x[i] = 0.3 + dln_rng_uniform (&rng);
          v[i] = dln_rng_normal (&rng, 0, 1);
        }
      dln_tape_hessian (tape, x, g, H, NULL);
      for (int j = 0; j < n; j++)
        {
          double x0 = x[j], h = FD_STEP * fmax (1.0, fabs (x0));

          x[j] = x0 + h;
          dln_tape_grad (tape, x, gp, NULL);
          x[j] = x0 - h;
          dln_tape_grad (tape, x, gm, NULL);
          x[j] = x0;
          for (int i = 0; i < n; i++)
            g_assert_cmpfloat (dln_test_rel_error (H[i * n + j], (gp[i] - gm[i]) / (2 * h)),
                               <=, FD_TOL);
        }
      /* H·v from one sweep equals the product with the full Hessian */
      dln_tape_hvp (tape, x, v, NULL, hv, NULL);
      for (int i = 0; i < n; i++)
        {
          double s = 0;

          for (int j = 0; j < n; j++)
            s += H[i * n + j] * v[j];
          g_assert_cmpfloat (dln_test_rel_error (hv[i], s), <=, HESS_TOL);
        }
    }
}

typedef struct
{
  const DlnTape *tape;
  double         sum;  /* of f over the grid */
} ThreadJob;

static gpointer
thread_job (gpointer data)
{
  ThreadJob *job = data;
  double *work = g_new (double, dln_tape_workspace_size (job->tape));

  job->sum = 0;
  for (int i = 0; i < 200; i++)
    for (int j = 0; j < 200; j++)
      {
        double p[2] = { -2 + i * 0.02, -2 + j * 0.02 }, g[2], h[4];

        job->sum += dln_tape_hessian (job->tape, p, g, h, work) + g[0] + h[3];
      }
  g_free (work);
  return NULL;
}

/* One tape, two threads with their own workspaces: the same sums as one
 * thread (the tape itself is read only). */
static void
test_tape_threads (void)
{
  const char *xy[] = { "x", "y" };
  DlnExpr *expr = parse_ok ("sin(x^2 + y^2) * exp(-x*y/4)");
  DlnTape *tape;
  DlnMessage msg;
  ThreadJob a, b, c;
  GThread *ta, *tb;

  g_assert_cmpint (dln_tape_new (expr, xy, 2, arena, &tape, &msg), ==, DLN_STATUS_OK);
  a.tape = b.tape = c.tape = tape;
  thread_job (&c);
  ta = g_thread_new ("a", thread_job, &a);
  tb = g_thread_new ("b", thread_job, &b);
  g_thread_join (ta);
  g_thread_join (tb);
  g_assert_cmpfloat (a.sum, ==, c.sum);
  g_assert_cmpfloat (b.sum, ==, c.sum);
}

/* The program. By hand (z = 3x + 2, q = relu(z) + zx,
 * h = relu(z²), y = h + q + qx; relu' = [z > 0]):
 *   x = 2:  z = 8, q = 8 + 16 = 24, h = 64, y = 64 + 24 + 48 = 136;
 *           dz = 3, dq = 3 + (3x + z) = 17, dh = 2z·3 = 48,
 *           dy = dh + dq + (dq·x + q) = 48 + 17 + 58 = 123
 *   x = -4: z = -10, q = 0 + 40 = 40, h = 100, y = 100 + 40 - 160 = -20;
 *           dq = 0 + (-12 - 10) = -22, dh = 2(-10)·3 = -60,
 *           dy = -60 - 22 + (88 + 40) = 46 */
#define PROGRAM "z = 2*x + 2 + x; q = relu(z) + z*x; h = relu(z*z); " \
                "y = h + q + q*x"

static void
test_programs (void)
{
  static const struct { double x, y, dy; } by_hand[] = {
    { 2.0, 136.0, 123.0 },
    { -4.0, -20.0, 46.0 },
  };
  DlnExpr *expr = parse_ok (PROGRAM);
  DlnGraph *g = NULL;
  DlnTape *tape = NULL;
  DlnMessage msg;
  int z, q, n_z_out = 0, n_q_out = 0, steps = 0;
  double last = 0.0;

  /* only x is an input; z, q, h are named values, y the output */
  g_assert_cmpint (dln_expr_n_vars (expr), ==, 1);
  g_assert_cmpstr (dln_expr_var_name (expr, 0), ==, "x");
  g_assert_cmpint (dln_expr_to_graph (expr, arena, &g, &msg), ==,
                   DLN_STATUS_OK);
  tape = tape_ok (expr);
  for (size_t i = 0; i < G_N_ELEMENTS (by_hand); i++)
    {
      double grad = 0.0, f;

      g_assert_cmpfloat (dln_expr_eval (expr, &by_hand[i].x), ==,
                         by_hand[i].y);
      f = dln_tape_grad (tape, &by_hand[i].x, &grad, NULL);
      g_assert_cmpfloat (f, ==, by_hand[i].y);
      g_assert_cmpfloat (grad, ==, by_hand[i].dy);
      dln_graph_set_scalar (g, 0, by_hand[i].x);
      dln_graph_forward (g);
      dln_graph_zero_grad (g);
      dln_graph_backward (g, dln_graph_output (g));
      g_assert_cmpfloat (dln_graph_node (g, dln_graph_output (g))->value->data[0],
                         ==, by_hand[i].y);
      g_assert_cmpfloat (dln_graph_node (g, 0)->grad->data[0], ==,
                         by_hand[i].dy);
    }

  /* one node per name, labelled with it; the output is y */
  z = dln_graph_find (g, "z");
  q = dln_graph_find (g, "q");
  g_assert_cmpint (z, >=, 0);
  g_assert_cmpint (q, >=, 0);
  g_assert_cmpint (dln_graph_find (g, "h"), >=, 0);
  g_assert_cmpstr (dln_graph_node (g, dln_graph_output (g))->label, ==, "y");
  for (int id = 0; id < dln_graph_n_nodes (g); id++)
    for (int k = 0; k < dln_graph_node (g, id)->n_inputs; k++)
      {
        n_z_out += dln_graph_node (g, id)->inputs[k] == z;
        n_q_out += dln_graph_node (g, id)->inputs[k] == q;
      }
  /* z feeds relu(z), z*x and both sides of z*z; q feeds h + q and q*x */
  g_assert_cmpint (n_z_out, ==, 4);
  g_assert_cmpint (n_q_out, ==, 2);

  /* Backward step-through at x = 2: z's gradient accumulates, one += per
   * consumer (relu(z), z*x, z*z), to dy/dz = ∂y/∂h·2z + ∂y/∂q·(relu'(z)
   * + x) = 1·16 + (1 + x)·(1 + 2) = 25 by hand. */
  dln_graph_set_scalar (g, 0, 2.0);
  dln_graph_forward (g);
  dln_graph_zero_grad (g);
  dln_graph_backward_begin (g, dln_graph_output (g));
  for (int id = dln_graph_output (g); id >= 0; id--)
    {
      dln_graph_backward_node (g, id);
      if (dln_graph_node (g, z)->grad->data[0] != last)
        {
          steps++;
          last = dln_graph_node (g, z)->grad->data[0];
        }
    }
  g_assert_cmpint (steps, ==, 3);
  g_assert_cmpfloat (last, ==, 25.0);

  /* line breaks separate statements too; inside parentheses they are
   * blanks; the last statement may be bare; an alias names the same node */
  expr = parse_ok ("a = x*x\n\nb = (a +\n  1)\n  a*b;");
  g_assert_cmpfloat (dln_expr_eval (expr, (double[]) { 3.0 }), ==, 90.0);
  expr = parse_ok ("a = 2*x; b = a; b*b");
  g_assert_cmpfloat (dln_expr_eval (expr, (double[]) { 3.0 }), ==, 36.0);
  expr = parse_ok ("k = 2; y = k*x");
  g_assert_cmpint (dln_expr_n_vars (expr), ==, 1);
  g_assert_cmpfloat (dln_expr_eval (expr, (double[]) { 3.0 }), ==, 6.0);

  /* a chain of 60 squarings shares each value: linear, not 2^60 */
  {
    g_autoptr (GString) chain = g_string_new ("v0 = x");

    for (int i = 1; i <= 60; i++)
      g_string_append_printf (chain, "; v%d = v%d * v%d", i, i - 1, i - 1);
    expr = parse_ok (chain->str);
    g_assert_cmpfloat (dln_expr_eval (expr, (double[]) { 1.0 }), ==, 1.0);
  }
}

/* A statement the output never uses is not part of the derivative, as in
 * PyTorch, where `i = m + a**o; y = x` leaves o.grad None: every path
 * gives df/do = 0 even where the unused branch's own partial
 * d(a^o)/do = a^o ln a is nan (a < 0). Found by fuzz-expr-diff. */
static void
test_program_unused_statement (void)
{
  DlnExpr *expr = parse_ok ("i = m + a^o; y = x");
  const double values[] = { 0.5, -1.25, 2.0, 3.0 };  /* m, a, o, x */
  double tgrad[4], vgrad[4], hess[16], dir[4] = { 1, 1, 1, 1 }, hv[4];
  DlnGraph *g = NULL;
  DlnTape *tape = NULL;
  DlnMessage msg;

  g_assert_cmpint (dln_expr_n_vars (expr), ==, 4);
  g_assert_cmpstr (dln_expr_var_name (expr, 2), ==, "o");
  tape = tape_ok (expr);
  g_assert_cmpfloat (dln_tape_grad (tape, values, tgrad, NULL), ==, 3.0);
  g_assert_cmpfloat (dln_tape_hvp (tape, values, dir, vgrad, hv, NULL), ==,
                     3.0);
  g_assert_cmpfloat (dln_tape_hessian (tape, values, vgrad, hess, NULL), ==,
                     3.0);
  g_assert_cmpint (dln_expr_to_graph (expr, arena, &g, &msg), ==,
                   DLN_STATUS_OK);
  for (int i = 0; i < 4; i++)
    dln_graph_set_scalar (g, i, values[i]);
  dln_graph_forward (g);
  dln_graph_zero_grad (g);
  dln_graph_backward (g, dln_graph_output (g));
  for (int i = 0; i < 4; i++)
    {
      double expected = i == 3 ? 1.0 : 0.0;

      g_assert_cmpfloat (tgrad[i], ==, expected);
      g_assert_cmpfloat (vgrad[i], ==, expected);
      g_assert_cmpfloat (hv[i], ==, 0.0);
      g_assert_cmpfloat (dln_graph_node (g, i)->grad->data[0], ==, expected);
      for (int j = 0; j < 4; j++)
        g_assert_cmpfloat (hess[4 * i + j], ==, 0.0);
    }
}

/* Program errors keep their line and the column within it. */
static void
test_program_errors (void)
{
  static const struct
  {
    const char *text;
    int         line, column;
    const char *message;
  } cases[] = {
    { "z = 2*x\ny = z*z + * 3", 2, 11, "unexpected '*'" },
    { "z = 2*x\ny = z*z +\nq = 1", 2, 10, "unexpected end of line" },
    { "z = 2*x; z = 3", 0, 10, "'z' is already defined" },
    { "y = z; z = x", 0, 8, "'z' is already an input" },
    { "x + 1; y = 2", 0, 1, "only the last statement may be a bare" },
    { "sin = 3", 0, 1, "'sin' is a function" },
    { "pi = 3", 0, 1, "'pi' is a constant" },
    { "2 = x", 0, 3, "'=' needs a name on its left" },
    { "a = 1\n\n  b = foo(a)", 3, 7, "unknown function 'foo'" },
    { ";\n;", 0, 0, "empty expression" },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DlnExpr *expr = NULL;
      DlnMessage msg;
      char buf[256];

      g_assert_cmpint (dln_expr_parse (cases[i].text, arena, &expr, &msg), ==,
                       DLN_STATUS_INVALID_INPUT);
      g_test_message ("'%s': line %d column %d: %s", cases[i].text, msg.line,
                      msg.column, msg.text);
      g_assert_nonnull (strstr (msg.text, cases[i].message));
      if (cases[i].column > 0)
        {
          g_assert_cmpint (msg.line, ==, cases[i].line);
          g_assert_cmpint (msg.column, ==, cases[i].column);
        }
      dln_expr_format_error (cases[i].text, msg.line, msg.column, buf,
                             sizeof buf);
      if (msg.line > 0)
        g_assert_null (strchr (buf, '\n') == NULL ? NULL
                       : strchr (strchr (buf, '\n') + 1, '\n'));
    }
  /* the caret line shows the error's line only */
  {
    char buf[64];

    dln_expr_format_error ("a = 1\nb = a +", 2, 8, buf, sizeof buf);
    g_assert_cmpstr (buf, ==, "b = a +\n       ^");
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  arena = dln_arena_new (32u << 20);
  g_test_add_func ("/dln/core/expr/numbers-and-precedence", test_numbers_and_precedence);
  g_test_add_func ("/dln/core/expr/functions", test_functions);
  g_test_add_func ("/dln/core/expr/variables", test_variables);
  g_test_add_func ("/dln/core/expr/errors", test_errors);
  g_test_add_func ("/dln/core/expr/limits", test_limits);
  g_test_add_func ("/dln/core/expr/caret", test_caret);
  g_test_add_func ("/dln/core/expr/arena-bound", test_arena_bound);
  g_test_add_func ("/dln/core/expr/fuzz", test_fuzz);
  g_test_add_func ("/dln/core/expr/programs", test_programs);
  g_test_add_func ("/dln/core/expr/program-errors", test_program_errors);
  g_test_add_func ("/dln/core/expr/program-unused-statement",
                   test_program_unused_statement);
  g_test_add_func ("/dln/core/tape/vs-graph", test_tape_vs_graph);
  g_test_add_func ("/dln/core/tape/var-order", test_tape_var_order);
  g_test_add_func ("/dln/core/tape/hessian-closed-form", test_hessian_closed_form);
  g_test_add_func ("/dln/core/tape/hessian-vs-differences", test_hessian_vs_differences);
  g_test_add_func ("/dln/core/tape/threads", test_tape_threads);
  status = g_test_run ();
  dln_arena_free (arena);
  return status;
}
