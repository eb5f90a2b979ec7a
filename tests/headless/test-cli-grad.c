/* dlnlab-cli grad and graph: outputs against the hand-derived chain rule
 * and docs/theory.md#autograd, exit statuses and located error messages. */

#include "config.h"

#include "dln-test-util.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/* Printed with 17 significant digits, so the CLI's numbers round-trip;
 * graph and hand formula associate differently, hence a few ulps. */
#define CHAIN_TOL 1e-14


/* The value of the CSV row starting with "@name," in @csv. */
static double
csv_value (const char *csv,
           const char *name)
{
  g_auto (GStrv) lines = g_strsplit (csv, "\n", -1);
  g_autofree char *prefix = g_strconcat (name, ",", NULL);

  for (int i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_ascii_strtod (lines[i] + strlen (prefix), NULL);
  g_error ("no row '%s' in:\n%s", name, csv);
}

/* The number after "\"@key\": " in @json (first occurrence after @from). */
static double
json_value (const char *json,
            const char *key)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\" : ", key);
  const char *p = strstr (json, needle);

  g_assert_nonnull (p);
  return g_ascii_strtod (p + strlen (needle), NULL);
}

static void
test_grad_course (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *y_arg = g_strdup_printf ("y=%.17g", M_PI / 2);
  double f, grad[3];

  g_assert_cmpint (dln_test_run_cli (&out, &err, "grad", DLN_TEST_COURSE_F,
                                     "x=1", "y=2", "z=3", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  /* header, then f, then the variables in order of first appearance */
  g_assert_true (g_str_has_prefix (out, "name,value\nf,"));
  g_assert_nonnull (strstr (out, "\ndf/dz,"));
  g_assert_true (strstr (out, "df/dz") < strstr (out, "df/dx"));
  g_assert_true (strstr (out, "df/dx") < strstr (out, "df/dy"));
  dln_test_course_by_hand (1, 2, 3, &f, grad);
  g_assert_cmpfloat (dln_test_rel_error (csv_value (out, "f"), f), <=, CHAIN_TOL);
  g_assert_cmpfloat (dln_test_rel_error (csv_value (out, "df/dx"), grad[0]), <=, CHAIN_TOL);
  g_assert_cmpfloat (dln_test_rel_error (csv_value (out, "df/dy"), grad[1]), <=, CHAIN_TOL);
  g_assert_cmpfloat (dln_test_rel_error (csv_value (out, "df/dz"), grad[2]), <=, CHAIN_TOL);
  /* docs/theory.md#autograd, torch float64 */
  g_assert_cmpfloat (dln_test_rel_error (csv_value (out, "f"), 0.965950038567272), <=, 1e-14);
  g_assert_cmpfloat (dln_test_rel_error (csv_value (out, "df/dx"), 0.0581308218679247), <=, 1e-14);

  g_assert_cmpint (dln_test_run_cli (&out2, &err2, "grad", DLN_TEST_COURSE_F, "x=1",
                                     y_arg, "z=1", NULL), ==, 0);
  dln_test_course_by_hand (1, M_PI / 2, 1, &f, grad);
  g_assert_cmpfloat (dln_test_rel_error (csv_value (out2, "f"), f), <=, CHAIN_TOL);
  g_assert_cmpfloat (dln_test_rel_error (csv_value (out2, "df/dx"), grad[0]), <=, CHAIN_TOL);
  g_assert_cmpfloat (fabs (csv_value (out2, "df/dy")), <=, 1e-15);
  g_assert_cmpfloat (dln_test_rel_error (csv_value (out2, "df/dz"), grad[2]), <=, CHAIN_TOL);
}

static void
test_grad_neuron_json (void)
{
  g_autofree char *out = NULL, *err = NULL;
  double x = 1, y = 7, w = 0.25, b = -0.1;
  double yhat = tanh (w * x + b);

  g_assert_cmpint (dln_test_run_cli (&out, &err, "grad", "--json",
                                     "(y - tanh(w*x + b))^2",
                                     "x=1", "y=7", "w=0.25", "b=-0.1", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "{\n \"value\" : "));
  g_assert_nonnull (strstr (out, "\"grad\" : {\n  \"y\" : "));
  g_assert_cmpfloat (dln_test_rel_error (json_value (out, "value"),
                                (y - yhat) * (y - yhat)), <=, CHAIN_TOL);
  g_assert_cmpfloat (dln_test_rel_error (json_value (out, "w"),
                                -2 * x * (y - yhat) * (1 - yhat * yhat)), <=, CHAIN_TOL);
  g_assert_cmpfloat (dln_test_rel_error (json_value (out, "b"),
                                -2 * (y - yhat) * (1 - yhat * yhat)), <=, CHAIN_TOL);
}

static void
test_grad_digits_and_poles (void)
{
  g_autofree char *out = NULL, *err = NULL;

  /* 17 significant digits: 0.1 prints as its exact double */
  g_assert_cmpint (dln_test_run_cli (&out, &err, "grad", "x", "x=0.1", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "name,value\nf,0.10000000000000001\ndf/dx,1\n");
  /* with --ieee, poles print as inf/nan in CSV, null in JSON; the exit
   * status is 0 */
  g_assert_cmpint (dln_test_run_cli (&out, &err, "grad", "log(x) + sqrt(y)",
                                     "x=0", "y=0", "--ieee", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "name,value\nf,-inf\ndf/dx,inf\ndf/dy,inf\n");
  g_assert_cmpint (dln_test_run_cli (&out, &err, "grad", "log(x)", "x=-1",
                                     "--json", "--ieee", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "{\n \"value\" : null,\n \"grad\" : {\n  "
                         "\"x\" : -1.0\n }\n}\n");
}

static void
test_grad_errors (void)
{
  g_autofree char *out = NULL, *err = NULL;

  /* a variable without a value: named */
  g_assert_cmpint (dln_test_run_cli (&out, &err, "grad", DLN_TEST_COURSE_F, "x=1",
                                     "z=3", NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "dlnlab-cli: error: variable 'y' has no value "
                            "(add y=VALUE)\n");
  /* malformed: message with column, the expression and a caret */
  g_assert_cmpint (dln_test_run_cli (&out, &err, "grad", "tanh(x +)", "x=1",
                                     NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==,
                   "dlnlab-cli: error: unexpected ')': expected a number, "
                   "variable, function or '(' (column 9)\n"
                   "tanh(x +)\n"
                   "        ^\n");
  g_assert_cmpint (dln_test_run_cli (&out, &err, "grad", "foo(x)", "x=1",
                                     NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err, "dlnlab-cli: error: unknown function 'foo' (column 1)\nfoo(x)\n^\n"));
  /* bad assignments */
  g_assert_cmpint (dln_test_run_cli (&out, &err, "grad", "x", "x=abc", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "'abc' is not a number"));
  g_assert_cmpint (dln_test_run_cli (&out, &err, "grad", "x", "x=1", "q=2", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "'q' is not a variable"));
  g_assert_cmpint (dln_test_run_cli (&out, &err, "grad", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "missing expression"));
}

/* Subnormal values are numbers on the command line as in an expression:
 * strtod flags their underflow with ERANGE, which is not an error. */
static void
test_grad_subnormal (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "grad", "2*x", "x=1e-310",
                                     NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpfloat (csv_value (out, "f"), ==, 2e-310);
  g_assert_cmpfloat (csv_value (out, "df/dx"), ==, 2.0);
  /* the same literal inside the expression gives the same value */
  g_assert_cmpint (dln_test_run_cli (&out2, &err2, "grad", "2*1e-310 + 0*x",
                                     "x=1", NULL), ==, 0);
  g_assert_cmpfloat (csv_value (out2, "f"), ==, csv_value (out, "f"));
  /* overflow is still out of range */
  g_assert_cmpint (dln_test_run_cli (&out3, &err3, "grad", "x", "x=1e400",
                                     NULL), ==, 2);
  g_assert_nonnull (strstr (err3, "'1e400' is not a number"));
}

/* DLN_EXPR_MAX_DEPTH (200) nested levels are allowed, 201 are not. */
static void
test_grad_nesting_limit (void)
{
  g_autoptr (GString) text = g_string_new ("x");
  g_autofree char *out = NULL, *err = NULL;

  for (int i = 0; i < 200; i++)
    {
      g_string_prepend_c (text, '(');
      g_string_append_c (text, ')');
    }
  g_assert_cmpint (dln_test_run_cli (&out, &err, "grad", text->str, "x=3",
                                     NULL), ==, 0);
  g_assert_cmpfloat (csv_value (out, "f"), ==, 3.0);
  g_string_prepend_c (text, '(');
  g_string_append_c (text, ')');
  g_assert_cmpint (dln_test_run_cli (&out, &err, "grad", text->str, "x=3",
                                     NULL), ==, 2);
  g_assert_nonnull (strstr (err, "nested deeper than 200 levels"));
}

/* Non-finite values must match in kind; finite ones to TORCH_TOL: both
 * evaluate the same formula in double, but libm and PyTorch's kernels may
 * differ by an ulp per operation, ~10 operations deep. */
#define TORCH_TOL 1e-13

static gboolean
same_number (double a,
             double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  if (isinf (a) || isinf (b))
    return a == b;
  return dln_test_rel_error (a, b) <= TORCH_TOL;
}

/* Value and gradient against PyTorch float64 autograd, for the course's
 * examples, every function, and the kinks and poles of
 * docs/theory.md#autograd. */
static void
test_grad_vs_torch (void)
{
  static const char *const cases[][5] = {
    { "tanh(ln(1 + z*2*x/sin(y)))", "x=1", "y=2", "z=3" },
    { "tanh(ln(1 + z*2*x/sin(y)))", "x=0.3", "y=-1.1", "z=2.5" },
    { "(y - tanh(w*x + b))^2", "x=1", "y=7", "w=-0.5", "b=0.5" },
    { "exp(x)*sigmoid(y) - cos(x*y)/sqrt(1 + y^2)", "x=0.7", "y=-0.4", NULL },
    { "pow(abs(x) + 1, y) + mse(x, y) - relu(y - x)", "x=-0.8", "y=1.3", NULL },
    { "-x^2 + 2^-y + x^y^2", "x=1.2", "y=0.9", NULL },
    { "log(x) + ln(y) + e*pi", "x=3", "y=0.25", NULL },
    { "relu(x)", "x=0", NULL, NULL },
    { "abs(x)", "x=0", NULL, NULL },
    { "sqrt(x)", "x=0", NULL, NULL },
    { "log(x)", "x=0", NULL, NULL },
    { "log(x)", "x=-1", NULL, NULL },
    { "1/x", "x=0", NULL, NULL },
    { "pow(x, y)", "x=0", "y=2", NULL },
    { "pow(x, y)", "x=-1", "y=2", NULL },
    { "x^y", "x=0", "y=0", NULL },
    { "sigmoid(x)", "x=-800", NULL, NULL },
    /* programs with named values (issue 14): a name used twice is one
     * tensor in torch too, so the gradients sum over its uses */
    { "z = 2*x + 2 + x; q = relu(z) + z*x; h = relu(z*z); y = h + q + q*x",
      "x=2", NULL, NULL },
    { "z = 2*x + 2 + x; q = relu(z) + z*x; h = relu(z*z); y = h + q + q*x",
      "x=-4", NULL, NULL },
    { "z = 2*x + 2 + x; q = relu(z) + z*x; h = relu(z*z); y = h + q + q*x",
      "x=0.37", NULL, NULL },
    { "a = x*y\nb = (a +\n  sin(a))\nc = tanh(b)*a - exp(-b)\nc*c + a/b",
      "x=0.3", "y=-1.7", NULL },
    { "u = w*x + b; p = sigmoid(u); L = -(t*log(p) + (1 - t)*log(1 - p))",
      "w=0.8", "x=-1.3", "b=0.2", "t=1" },
  };
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "headless",
                                                    "grad-vs-torch.py", NULL);
  const char *py_argv[] = { "/usr/bin/python3", script, NULL };
  g_autoptr (GString) input = g_string_new (NULL);
  g_autofree char *py_out = NULL, *py_err = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  int wait_status;

  for (size_t c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      /* one case per line: a program's line breaks travel as \n */
      for (const char *ch = cases[c][0]; *ch != '\0'; ch++)
        if (*ch == '\n')
          g_string_append (input, "\\n");
        else
          g_string_append_c (input, *ch);
      for (int k = 1; k < 5 && cases[c][k] != NULL; k++)
        g_string_append_printf (input, "\t%s", cases[c][k]);
      g_string_append_c (input, '\n');
    }
  {
    /* g_spawn_sync has no stdin: feed the cases through a file. */
    g_autofree char *path = g_build_filename (dln_test_tmpdir (), "cases.txt", NULL);
    g_autofree char *cmd = NULL;

    g_assert_true (g_file_set_contents (path, input->str, -1, NULL));
    cmd = g_strdup_printf ("%s %s < %s", py_argv[0], script, path);
    g_assert_true (g_spawn_sync (NULL, (char *[]) { (char *) "/bin/sh", (char *) "-c", cmd, NULL },
                                 NULL, G_SPAWN_DEFAULT, NULL, NULL, &py_out,
                                 &py_err, &wait_status, &error));
  }
  if (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 77)
    {
      g_test_skip ("PyTorch is not installed for /usr/bin/python3 "
                   "(Debian python3-torch); the cross-check needs it");
      return;
    }
  g_test_message ("PyTorch stderr: %s", py_err);
  g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);
  lines = g_strsplit (py_out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (cases) + 1);

  for (size_t c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_auto (GStrv) ref = g_strsplit (lines[c], " ", -1);
      g_autofree char *out = NULL, *err = NULL;
      const char *args[8] = { "grad", cases[c][0], "--ieee", NULL, NULL,
                              NULL, NULL, NULL };

      /* --ieee: the poles and domain errors compare as PyTorch's values */
      for (int k = 1; k < 5 && cases[c][k] != NULL; k++)
        args[k + 2] = cases[c][k];
      g_assert_cmpint (dln_test_run_cliv (&out, &err, args), ==, 0);
      g_test_message ("%s: ours\n%storch %s", cases[c][0], out, lines[c]);
      g_assert_true (same_number (csv_value (out, "f"),
                                  g_ascii_strtod (ref[0], NULL)));
      for (int k = 1; k < 5 && cases[c][k] != NULL; k++)
        {
          g_autofree char *name = g_strndup (cases[c][k],
                                             strchr (cases[c][k], '=') - cases[c][k]);
          g_autofree char *row = g_strconcat ("df/d", name, NULL);

          g_assert_true (same_number (csv_value (out, row),
                                      g_ascii_strtod (ref[k], NULL)));
        }
    }
}

/* The program, by hand (tests/core/test-expr.c derives it):
 * x = 2 gives y = 136, dy/dx = 123; the graph has one node per name, and
 * z, used four times, has four outgoing edges. Multi-line errors name
 * the line and show only it. */
static void
test_grad_program (void)
{
  const char *program = "z = 2*x + 2 + x; q = relu(z) + z*x; "
                        "h = relu(z*z); y = h + q + q*x";
  g_autofree char *out = NULL, *err = NULL;
  int z_id = -1, z_edges = 0;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "grad", program, "x=2",
                                     NULL), ==, 0);
  g_assert_cmpstr (out, ==, "name,value\nf,136\ndf/dx,123\n");

  g_assert_cmpint (dln_test_run_cli (&out, &err, "graph", program, "x=2",
                                     NULL), ==, 0);
  {
    g_autoptr (JsonParser) parser = json_parser_new ();
    JsonObject *o;
    JsonArray *nodes, *edges;
    static const struct { const char *label; double value, grad; } want[] = {
      { "q", 24, 3 }, { "h", 64, 1 }, { "y", 136, 1 }, { "z", 8, 25 },
    };

    g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
    o = json_node_get_object (json_parser_get_root (parser));
    nodes = json_object_get_array_member (o, "nodes");
    edges = json_object_get_array_member (o, "edges");
    for (size_t w = 0; w < G_N_ELEMENTS (want); w++)
      {
        gboolean found = FALSE;

        for (guint i = 0; i < json_array_get_length (nodes); i++)
          {
            JsonObject *n = json_array_get_object_element (nodes, i);

            if (strcmp (json_object_get_string_member (n, "label"),
                        want[w].label) != 0)
              continue;
            found = TRUE;
            g_assert_cmpfloat (json_object_get_double_member (n, "value"), ==,
                               want[w].value);
            g_assert_cmpfloat (json_object_get_double_member (n, "grad"), ==,
                               want[w].grad);
            if (strcmp (want[w].label, "y") == 0)
              g_assert_cmpstr (json_object_get_string_member (n, "role"), ==,
                               "output");
            if (strcmp (want[w].label, "z") == 0)
              z_id = (int) json_object_get_int_member (n, "id");
          }
        g_assert_true (found);
      }
    /* z is one node used four times */
    for (guint i = 0; i < json_array_get_length (edges); i++)
      if (json_object_get_int_member (json_array_get_object_element (edges, i),
                                      "from") == z_id)
        z_edges++;
  }
  g_assert_cmpint (z_edges, ==, 4);

  g_assert_cmpint (dln_test_run_cli (&out, &err, "graph", program, "x=2",
                                     "--format", "dot", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "q = "));

  g_assert_cmpint (dln_test_run_cli (&out, &err, "grad",
                                     "z = 2*x\ny = z*z + * 3", "x=1",
                                     NULL), ==, 2);
  g_assert_cmpstr (err, ==, "dlnlab-cli: error: unexpected '*': expected a "
                             "number, variable, function or '(' (line 2, "
                             "column 11)\ny = z*z + * 3\n          ^\n");
}

static void
test_help (void)
{
  g_autofree char *grad = dln_test_cli_help ("grad");
  g_autofree char *graph = dln_test_cli_help ("graph");

  g_assert_true (g_str_has_prefix (grad, "Usage: dlnlab-cli grad EXPR"));
  g_assert_nonnull (strstr (grad, "df/dNAME"));
  g_assert_true (g_str_has_prefix (graph, "Usage: dlnlab-cli graph EXPR"));
}

static void
test_graph_json (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "graph",
                                     "(y - tanh(w*x + b))^2", "x=1", "y=7",
                                     "w=-0.5", "b=0.5", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  /* y w x b leaves, w*x, +b, tanh, y - ., the constant 2 and ^: 10 nodes,
   * edges: 2 inputs for 4 binary ops + 1 unary = 9 */
  {
    g_autoptr (JsonParser) parser = json_parser_new ();
    JsonObject *o, *node;
    JsonArray *nodes, *edges;
    guint w = G_MAXUINT;

    g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
    o = json_node_get_object (json_parser_get_root (parser));
    nodes = json_object_get_array_member (o, "nodes");
    edges = json_object_get_array_member (o, "edges");
    g_assert_cmpuint (json_array_get_length (nodes), ==, 10);
    g_assert_cmpuint (json_array_get_length (edges), ==, 9);
    g_assert_cmpuint (strlen (json_object_get_string_member (o, "fingerprint")),
                      ==, 16);
    /* the parameter w: value -0.5, ∂L/∂w = -2x(y - ŷ)(1 - ŷ²) = -14 at
     * ŷ = 0 */
    for (guint i = 0; i < json_array_get_length (nodes); i++)
      if (strcmp (json_object_get_string_member (
                    json_array_get_object_element (nodes, i), "label"),
                  "w") == 0)
        w = i;
    g_assert_cmpuint (w, <, 10);
    node = json_array_get_object_element (nodes, w);
    g_assert_cmpfloat (json_object_get_double_member (node, "value"), ==,
                       -0.5);
    g_assert_cmpfloat (json_object_get_double_member (node, "grad"), ==, -14);
    node = json_array_get_object_element (
      nodes, (guint) json_object_get_int_member (o, "output"));
    g_assert_cmpstr (json_object_get_string_member (node, "role"), ==,
                     "output");
    g_assert_cmpstr (json_object_get_string_member (node, "label"), ==, "f");
    g_assert_cmpfloat (json_object_get_double_member (node, "value"), ==, 49);
    g_assert_cmpfloat (json_object_get_double_member (node, "grad"), ==, 1);
    /* edge from y - ŷ (node 7) into the square: local derivative
     * 2(y - ŷ) = 14 */
    node = NULL;
    for (guint i = 0; i < json_array_get_length (edges); i++)
      {
        JsonObject *e = json_array_get_object_element (edges, i);

        if (json_object_get_int_member (e, "to") == 9
            && json_object_get_int_member (e, "input") == 0)
          node = e;
      }
    g_assert_nonnull (node);
    g_assert_cmpint (json_object_get_int_member (node, "from"), ==, 7);
    g_assert_cmpint (json_object_get_int_member (node, "to"), ==, 9);
    g_assert_cmpint (json_object_get_int_member (node, "input"), ==, 0);
    g_assert_cmpfloat (json_object_get_double_member (node, "local"), ==, 14);
  }

  g_assert_cmpint (dln_test_run_cli (&out2, &err2, "graph", "x*sin(x)", "x=1",
                                     "--format", "dot", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out2, "digraph autograd {"));
  g_assert_nonnull (strstr (out2, "n0 -> n1 [label=\"0.54030230586813977\"]"));  /* cos 1 */
  g_assert_true (g_str_has_suffix (out2, "}\n"));
}

static void
test_graph_errors (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "graph", "x + y", "x=1", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "dlnlab-cli: error: variable 'y' has no value (add y=VALUE)\n");
  g_assert_cmpint (dln_test_run_cli (&out, &err, "graph", "x", "x=1",
                                     "--format", "png", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--format is json or dot, not 'png'"));
  g_assert_cmpint (dln_test_run_cli (&out, &err, "graph", "(x", "x=1", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "dlnlab-cli: error: missing ')' to close '(' at "
                             "column 1, found end of input (column 3)\n(x\n  ^\n");
}

/* An expression evaluated outside its domain is refused (exit 2, nothing
 * on stdout), the message naming the operation, the node and its inputs;
 * --ieee gives the IEEE values instead. One row per kind of fault. */
static void
test_domain_errors (void)
{
  static const struct
  {
    const char *expr, *x, *y, *fault, *where;
  } cases[] = {
    { "ln(x) + y", "x=-1", "y=0", "log of a negative number: ",
      "= ln(x) with x = -1" },
    { "log(x*y)", "x=0", "y=3", "log of zero: ", "f = ln(a) with a = 0" },
    { "sqrt(x - y)", "x=1", "y=2", "square root of a negative number: ",
      "f = √(a) with a = -1" },
    { "x / y", "x=1", "y=0", "division by zero: ", "f = x / y with x = 1, "
      "y = 0" },
    { "pow(x, y)", "x=0", "y=-1", "zero to a negative power: ", "x = 0, "
      "y = -1" },
    { "x^y", "x=-8", "y=0.5", "a negative number to a non-integer power: ",
      "x = -8, y = 0.5" },
    { "exp(x) + y", "x=1000", "y=1", "overflow: ", "= exp(x) with x = 1000" },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    for (int graph = 0; graph < 2; graph++)
      {
        g_autofree char *out = NULL, *err = NULL;
        g_autofree char *out2 = NULL, *err2 = NULL;
        const char *cmd = graph ? "graph" : "grad";

        g_test_message ("%s %s %s %s", cmd, cases[i].expr, cases[i].x,
                        cases[i].y);
        g_assert_cmpint (dln_test_run_cli (&out, &err, cmd, cases[i].expr,
                                           cases[i].x, cases[i].y, NULL),
                         ==, 2);
        g_assert_cmpstr (out, ==, "");
        g_assert_true (g_str_has_prefix (err, "dlnlab-cli: error: "));
        g_assert_nonnull (strstr (err, cases[i].fault));
        g_assert_nonnull (strstr (err, cases[i].where));
        g_assert_cmpint (dln_test_run_cli (&out2, &err2, cmd, cases[i].expr,
                                           cases[i].x, cases[i].y, "--ieee",
                                           NULL), ==, 0);
        g_assert_cmpuint (strlen (out2), >, 0);
      }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/cli/grad/course", test_grad_course);
  g_test_add_func ("/dln/headless/cli/grad/neuron-json", test_grad_neuron_json);
  g_test_add_func ("/dln/headless/cli/grad/digits-and-poles", test_grad_digits_and_poles);
  g_test_add_func ("/dln/headless/cli/grad/errors", test_grad_errors);
  g_test_add_func ("/dln/headless/cli/grad/domain-errors", test_domain_errors);
  g_test_add_func ("/dln/headless/cli/grad/subnormal", test_grad_subnormal);
  g_test_add_func ("/dln/headless/cli/grad/nesting-limit", test_grad_nesting_limit);
  g_test_add_func ("/dln/headless/cli/grad/help", test_help);
  g_test_add_func ("/dln/headless/cli/grad/vs-torch", test_grad_vs_torch);
  g_test_add_func ("/dln/headless/cli/grad/program", test_grad_program);
  g_test_add_func ("/dln/headless/cli/graph/json-and-dot", test_graph_json);
  g_test_add_func ("/dln/headless/cli/graph/errors", test_graph_errors);
  return g_test_run ();
}
