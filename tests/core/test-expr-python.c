/* Expressions as PyTorch code (dln-expr-python): the text of chosen
 * expressions, and hundreds of expressions and programs run by Python
 * against dln_expr_eval at several points (expr-python-check.py). The
 * core suite runs them with Python floats standing in for tensors (no
 * torch needed); `test-expr-python --torch` (the reference suite) with
 * torch's float64 tensors. */

#include "dln-core.h"
#include "dln-expr-python.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

static gboolean use_torch;

/* The translation of @text, as a function body indented by 4. */
static char *
translate (const char *text)
{
  DlnArena *arena = dln_arena_new (DLN_EXPR_ARENA_BYTES (strlen (text)));
  DlnExpr *expr = NULL;
  DlnMessage msg = { { 0 }, 0 };
  size_t len;
  char *out;

  g_assert_cmpint (dln_expr_parse (text, arena, &expr, &msg), ==,
                   DLN_STATUS_OK);
  len = dln_expr_to_python (expr, "    ", NULL, 0);
  out = g_malloc (len + 1);
  g_assert_cmpuint (dln_expr_to_python (expr, "    ", out, len + 1), ==, len);
  g_assert_cmpuint (strlen (out), ==, len);
  dln_arena_free (arena);
  return out;
}

/* Written out: precedence, order of evaluation, numbers, names. */
static void
test_text (void)
{
  static const struct { const char *expr, *python; } cases[] = {
    { "tanh(ln(1 + z*(2*x/sin(y))))",
      "    return torch.tanh(torch.log(1.0 + z * (2.0 * x / torch.sin(y))))\n" },
    { "(y - tanh(w*x + b))^2",
      "    return (y - torch.tanh(w * x + b)) ** 2.0\n" },
    /* a + (b + c) and a - (b - c) keep their order */
    { "a + (b + c) - (d - f)", "    return a + (b + c) - (d - f)\n" },
    { "a*b/c/(d*f)", "    return a * b / c / (d * f)\n" },
    /* ^ is right-associative and binds above a unary minus on its left */
    { "-x^2 + 2^3^y + (-x)^2 + 2^-x", "    return -x ** 2.0 + 2.0 ** 3.0 ** y"
      " + (-x) ** 2.0 + 2.0 ** -x\n" },
    { "(a^b)^c - -a * -b", "    return (a ** b) ** c - -a * (-b)\n" },
    /* a number-only operation is a tensor: 1/0 is inf */
    { "x + 1/0 + sin(2) + pi*e", "    return x + torch.tensor(1.0) / 0.0"
      " + torch.sin(torch.tensor(2.0)) + torch.tensor(math.pi) * math.e\n" },
    { "2.5", "    return torch.tensor(2.5)\n" },
    { "-1e-3 * x + 6.02E+23", "    return -0.001 * x + 6.02e+23\n" },
    { "sigmoid(relu(abs(x))) + sqrt(exp(cos(x))) + pow(x, 3) + mse(x, y)",
      "    return torch.sigmoid(torch.relu(torch.abs(x))) + "
      "torch.sqrt(torch.exp(torch.cos(x))) + x ** 3.0 + (x - y) ** 2\n" },
    /* a program: one line per named value, in order */
    { "z = 2*x + 2 + x; q = relu(z) + z*x; h = relu(z*z); y = h + q + q*x",
      "    z = 2.0 * x + 2.0 + x\n"
      "    q = torch.relu(z) + z * x\n"
      "    h = torch.relu(z * z)\n"
      "    y = h + q + q * x\n"
      "    return y\n" },
    /* names Python reserves, and a renamed name that would collide */
    { "lambda = 2*in; torch_ = lambda + torch; lambda * torch_",
      "    lambda_ = 2.0 * in_\n"
      "    torch_ = lambda_ + torch__\n"
      "    return lambda_ * torch_\n" },
    { "c = -2\nd = c * c\nsin(c) + d",
      "    c = -2.0\n"
      "    d = torch.tensor(c) * c\n"
      "    return torch.sin(torch.tensor(c)) + d\n" },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = translate (cases[i].expr);

      g_test_message ("%s", cases[i].expr);
      g_assert_cmpstr (got, ==, cases[i].python);
    }
}

/* A random expression of at most @depth levels over x, y, z. */
static void
random_expr (GString *out,
             DlnRng  *rng,
             int      depth)
{
  static const char *const unary[] = {
    "exp", "ln", "sin", "cos", "tanh", "sigmoid", "relu", "sqrt", "abs",
  };
  static const char *const leaves[] = {
    "x", "y", "z", "x", "y", "z", "2", "0.5", "3", "pi", "e", "1.25",
  };
  static const char *const binary[] = { " + ", " - ", "*", " / ", "^" };
  uint64_t k = depth <= 0 ? 0 : dln_rng_below (rng, 6);

  switch (k)
    {
    case 0:
      g_string_append (out, leaves[dln_rng_below (rng, G_N_ELEMENTS (leaves))]);
      break;
    case 1:
      g_string_append_printf (out, "%s(",
                              unary[dln_rng_below (rng, G_N_ELEMENTS (unary))]);
      random_expr (out, rng, depth - 1);
      g_string_append (out, ")");
      break;
    case 2:
      g_string_append (out, "-");
      random_expr (out, rng, depth - 1);
      break;
    case 3:
      g_string_append (out, "(");
      random_expr (out, rng, depth - 1);
      g_string_append (out, ")");
      break;
    case 4:
      g_string_append (out, dln_rng_below (rng, 2) ? "pow(" : "mse(");
      random_expr (out, rng, depth - 1);
      g_string_append (out, ", ");
      random_expr (out, rng, depth - 1);
      g_string_append (out, ")");
      break;
    default:
      random_expr (out, rng, depth - 1);
      g_string_append (out, binary[dln_rng_below (rng, G_N_ELEMENTS (binary))]);
      random_expr (out, rng, depth - 1);
      break;
    }
}

/* Appends @text as a Python case: its function and dln_expr_eval's value
 * at each point of @points (each point sets every variable it names). */
static void
append_case (GString    *py,
             const char *text,
             int         index)
{
  static const double points[][3] = {
    { 1.0, 2.0, 0.5 }, { -0.7, 0.3, 1.9 }, { 2.5, -1.5, -0.25 },
    { 0.0, 1.0, -3.0 },
  };
  DlnArena *arena = dln_arena_new (DLN_EXPR_ARENA_BYTES (strlen (text)));
  DlnExpr *expr = NULL;
  DlnMessage msg = { { 0 }, 0 };
  g_autofree char *body = NULL, *comment = NULL;
  g_autoptr (GString) params = g_string_new (NULL);
  size_t len;

  g_assert_cmpint (dln_expr_parse (text, arena, &expr, &msg), ==,
                   DLN_STATUS_OK);
  for (int v = 0; v < dln_expr_n_vars (expr); v++)
    {
      char name[64];

      g_string_append_printf (params, "%s%s", v > 0 ? ", " : "",
                              dln_expr_python_var_name (expr, v, name,
                                                        sizeof name));
    }
  len = dln_expr_to_python (expr, "    ", NULL, 0);
  body = g_malloc (len + 1);
  dln_expr_to_python (expr, "    ", body, len + 1);
  comment = g_strdelimit (g_strdup (text), "\n", ';');
  g_string_append_printf (py, "\n\ndef f%d(%s):\n    \"\"\"%s\"\"\"\n%s", index,
                          params->str, comment, body);
  g_string_append_printf (py, "CASES.append((f%d, %d, [", index,
                          dln_expr_n_vars (expr));
  for (size_t p = 0; p < G_N_ELEMENTS (points); p++)
    {
      double vars[16];
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      double value;

      /* variables in order of appearance take the point's values by
       * name: x, y, z (others: 0.75); every variable gets one (ASan
       * caught a read past the first three) */
      g_assert_cmpint (dln_expr_n_vars (expr), <=, (int) G_N_ELEMENTS (vars));
      for (int v = 0; v < dln_expr_n_vars (expr); v++)
        {
          const char *name = dln_expr_var_name (expr, v);

          vars[v] = strcmp (name, "x") == 0 ? points[p][0]
                  : strcmp (name, "y") == 0 ? points[p][1]
                  : strcmp (name, "z") == 0 ? points[p][2] : 0.75;
        }
      value = dln_expr_eval (expr, vars);
      g_string_append (py, "([");
      for (int v = 0; v < dln_expr_n_vars (expr); v++)
        g_string_append_printf (py, "%s%s", v > 0 ? ", " : "",
                                g_ascii_dtostr (buf, sizeof buf, vars[v]));
      /* repr-able specials for the checker */
      if (isnan (value))
        g_string_append (py, "], math.nan), ");
      else if (isinf (value))
        g_string_append_printf (py, "], %smath.inf), ", value < 0 ? "-" : "");
      else
        g_string_append_printf (py, "], %s), ",
                                g_ascii_dtostr (buf, sizeof buf, value));
    }
  g_string_append (py, "]))\n");
  dln_arena_free (arena);
}

/* Hand-picked expressions and programs, then random ones: Python's value
 * of each translation is dln_expr_eval's. */
static void
test_against_eval (void)
{
  static const char *const chosen[] = {
    "tanh(ln(1 + z*(2*x/sin(y))))",
    "(y - tanh(w*x + b))^2",
    "sin(x^2 + y^2)",
    "x^2 - y^2",
    "-x^2",
    "2^-x",
    "2^3^x",
    "(x - y) - (z - x) + (x + (y + z))",
    "x / y / z - x / (y / z)",
    "1/0 + x",
    "0/0 * x",
    "ln(0) + x",
    "sqrt(-1) + x",
    "relu(-x) + relu(x) + abs(-x)",
    "sigmoid(-800*x) + sigmoid(800*x)",
    "pow(x, y) + mse(x, y)",
    "pi * e * x",
    "z = 2*x + 2 + x; q = relu(z) + z*x; h = relu(z*z); y2 = h + q + q*x",
    "a = x*y\nb = a + x\nc = a*b\nd = c - a/b\nd^2",
    "u = sin(x); v = cos(x); u*u + v*v",
    "s = x + y; t = s; t*s",
    "k = -2; m = k*x; sin(k) + m",
    "lambda = x*2; import = lambda + y; import*lambda",
    "torch = x; math = y; np = torch*math; nn = np - torch; nn/math",
    "x_ = 1 + x; x_*x",
  };
  g_autoptr (GString) py = g_string_new ("import math\nCASES = []\n");
  g_autofree char *path = NULL, *script = NULL, *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  int n = 0, status = 0;
  DlnRng rng;

  for (size_t i = 0; i < G_N_ELEMENTS (chosen); i++)
    append_case (py, chosen[i], n++);
  dln_rng_init (&rng, 20261204);
  for (int i = 0; i < 400; i++)
    {
      g_autoptr (GString) text = g_string_new (NULL);

      random_expr (text, &rng, 1 + i % 5);
      append_case (py, text->str, n++);
    }
  /* random programs: named values built from earlier ones */
  for (int i = 0; i < 100; i++)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      int defs = 1 + i % 4;

      for (int d = 0; d < defs; d++)
        {
          g_autoptr (GString) rhs = g_string_new (NULL);

          random_expr (rhs, &rng, 2);
          g_string_append_printf (text, "v%d = %s%s%s; ", d, rhs->str,
                                  d > 0 ? " * v" : "",
                                  d > 0 ? "" : "");
          if (d > 0)
            g_string_append_printf (text, "w%d = v%d + v%d; ", d, d - 1, d);
        }
      g_string_append_printf (text, "v%d * x + w%d", defs - 1,
                              defs > 1 ? defs - 1 : 0);
      if (defs == 1)
        g_string_truncate (text, text->len - strlen (" + w0"));
      append_case (py, text->str, n++);
    }

  {
    int fd = g_file_open_tmp ("dln-expr-python-XXXXXX.py", &path, &error);

    g_assert_no_error (error);
    g_close (fd, NULL);
  }
  g_assert_true (g_file_set_contents (path, py->str, -1, &error));
  script = g_test_build_filename (G_TEST_DIST, "core", "expr-python-check.py",
                                  NULL);
  {
    const char *argv[] = { "/usr/bin/python3", script, path,
                           use_torch ? "torch" : "floats", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL,
                                 &out, &err, &status, &error));
  }
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  g_remove (path);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

int
main (int    argc,
      char **argv)
{
  if (argc > 1 && strcmp (argv[1], "--torch") == 0)
    {
      use_torch = TRUE;
      argv[1] = argv[0];
      argc--;
      argv++;
    }
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/expr-python/text", test_text);
  g_test_add_func ("/dln/expr-python/against-eval", test_against_eval);
  return g_test_run ();
}
