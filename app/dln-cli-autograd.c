/* dlnlab-cli commands: grad and graph (docs/cli.md).
 *
 * Both parse an expression of the language in core/dln-expr.h, take
 * variable values as NAME=VALUE arguments and print machine-readable
 * output: grad evaluates through a tape (dln-tape.h), graph through the
 * inspectable autograd graph (dln-graph.h) the GUI draws. */

#include "config.h"

#include "dln-cli.h"

#include "dln-core.h"

#include <math.h>
#include <string.h>

#define CLI_ARENA_BYTES (8u << 20)  /* the longest expression (4096 bytes)
                                     * needs well under 2 MiB */

static const DlnCliOption grad_options[] = {
  { "--json", DLN_CLI_FLAG, NULL, NULL, 0, 0, 0, NULL,
    "{\"value\": v, \"grad\": {\"x\": gx, ...}} instead of CSV\n"
    "(nan and inf as null, since JSON has no such numbers)", NULL },
  { "--ieee", DLN_CLI_FLAG, NULL, NULL, 0, 0, 0, NULL,
    "outside the expression's domain, print the IEEE 754\n"
    "values PyTorch gives (log(0) = -inf, log(-1) = nan)\n"
    "instead of refusing it", NULL },
};

const DlnCliCommandSpec dln_cli_grad_spec = {
  "grad", "EXPR [NAME=VALUE ...] [--json] [--ieee]",
  "Value and gradient of a scalar expression, by reverse-mode autograd.\n"
  "Every variable of EXPR needs a value; variables are listed in order of\n"
  "first appearance.\n"
  "\n"
  "Output (CSV, default): a header row 'name,value', then the row 'f' with\n"
  "the value and one row 'df/dNAME' per variable, e.g.\n"
  "  name,value\n"
  "  f,0.96595003856727191\n"
  "  df/dx,0.058130821867924884\n"
  "Values have 17 significant digits.\n",
  grad_options, G_N_ELEMENTS (grad_options),
  "Expressions: numbers (1, 2.5, 1e-3), variables, + - * / ^ (also **;\n"
  "^ is right-associative and -x^2 = -(x^2)), parentheses, constants pi and\n"
  "e, functions exp log ln sin cos tanh sigmoid relu sqrt abs, pow(a, b) and\n"
  "mse(a, b) = (a - b)^2. Derivatives at kinks and poles follow PyTorch\n"
  "(relu'(0) = 0, |x|'(0) = 0, sqrt'(0) = inf).\n"
  "\n"
  "Outside its domain (log of zero or of a negative number, square root of\n"
  "a negative number, division by zero, zero to a negative power, a\n"
  "negative number to a non-integer power, overflow) an expression is\n"
  "refused with exit status 2, naming the operation and its inputs; with\n"
  "--ieee it prints the IEEE 754 values instead.\n"
  "\n"
  "Programs: statements separated by ';' or line breaks, 'NAME = expr'\n"
  "naming a value; the last statement is f. A named value is one node, so\n"
  "its gradient sums over every use (as in PyTorch); names never assigned\n"
  "are the variables.\n"
  "\n"
  "Examples:\n"
  "  dlnlab-cli grad 'tanh(ln(1 + z*2*x/sin(y)))' x=1 y=2 z=3\n"
  "  dlnlab-cli grad 'z = 2*x + 2 + x; q = relu(z) + z*x; h = relu(z*z);\n"
  "                  y = h + q + q*x' x=2\n"
  "\n"
  "Exit status: 0 success, 2 a malformed expression (the message shows the\n"
  "line and column), a variable without a value, a value outside the\n"
  "expression's domain, or bad arguments.\n",
  -1, "x*y x=2 y=3",
};

static const DlnCliOption graph_options[] = {
  { "--format", DLN_CLI_CHOICE, "FORMAT", "json", 0, 0, 0, "json|dot",
    "json, or dot for Graphviz (see below)", NULL },
  { "--ieee", DLN_CLI_FLAG, NULL, NULL, 0, 0, 0, NULL,
    "keep nan and inf outside the expression's domain\n"
    "(as grad --ieee)", NULL },
};

const DlnCliCommandSpec dln_cli_graph_spec = {
  "graph", "EXPR [NAME=VALUE ...] [--format json|dot] [--ieee]",
  "The autograd graph of a scalar expression after one forward and one\n"
  "backward pass: the graph the dlnlab window draws. EXPR may be a program\n"
  "of named values (see dlnlab-cli grad --help); every variable needs a\n"
  "value. Node ids are in evaluation (topological) order; variables come\n"
  "first, then constants and operations; named values keep their names, the\n"
  "output is labelled f (or its name) and other intermediates a, b, c, ...\n"
  "A value used twice is one node with several outgoing edges. Outside its\n"
  "domain an expression is refused as by grad.\n",
  graph_options, G_N_ELEMENTS (graph_options),
  "--format json:\n"
  "  {\"expression\": \"...\", \"fingerprint\": \"<16 hex digits>\",\n"
  "   \"output\": id,\n"
  "   \"nodes\": [{\"id\": 0, \"op\": \"leaf\", \"symbol\": \"\", \"role\": \"input\",\n"
  "              \"label\": \"x\", \"value\": v, \"grad\": g}, ...],\n"
  "   \"edges\": [{\"from\": input id, \"to\": node id, \"input\": 0 or 1,\n"
  "              \"local\": d node / d input at these values}, ...]}\n"
  "  op is one of leaf add sub mul div neg pow exp log sin cos tanh sigmoid\n"
  "  relu sqrt abs; role is input, constant, intermediate or output; grad is\n"
  "  d f / d node (constants get none: 0); nan and inf are written as null.\n"
  "--format dot: the same graph for Graphviz (dot -Tsvg), nodes labelled\n"
  "  with label, operation, value and gradient, edges with the local\n"
  "  derivative.\n"
  "Values have 17 significant digits.\n"
  "\n"
  "Example:\n"
  "  dlnlab-cli graph '(y - tanh(w*x + b))^2' x=1 y=7 w=-0.5 b=0.5\n"
  "\n"
  "Exit status: 0 success, 2 a malformed expression (the message shows the\n"
  "line and column), a variable without a value, a value outside the\n"
  "expression's domain, or bad arguments.\n",
  -1, "x*y x=2 y=3",
};

typedef struct
{
  const char  *expr_text;
  const char **assign;     /* NAME=VALUE arguments */
  int          n_assign;
  int          json;       /* grad: --json */
  int          dot;        /* graph: --format dot */
  int          ieee;       /* --ieee: print nan/inf outside the domain */
  int          help;
} CliArgs;

/* Parses the command line of grad or graph (@spec). Returns 0 or an exit
 * status after printing the error. */
static int
parse_args (int                      argc,
            char                   **argv,
            const DlnCliCommandSpec *spec,
            CliArgs                 *args)
{
  DlnCliArgs a;
  int rc = dln_cli_args_parse (&a, spec, argc, argv);

  memset (args, 0, sizeof *args);
  args->assign = g_new0 (const char *, argc);
  if (rc == 0 && !a.help)
    {
      if (spec == &dln_cli_grad_spec)
        args->json = dln_cli_args_given (&a, "--json");
      else
        args->dot = dln_cli_args_choice (&a, "--format") == 1;
      args->ieee = dln_cli_args_given (&a, "--ieee");
      /* EXPR first (it may start with '-': "-x^2"), then NAME=VALUE */
      for (int k = 0; k < a.n_positional; k++)
        if (k == 0)
          args->expr_text = a.positional[0];
        else
          args->assign[args->n_assign++] = a.positional[k];
      if (args->expr_text == NULL)
        rc = dln_cli_error (DLN_CLI_EXIT_USAGE, "missing expression (see "
                            "dlnlab-cli %s --help)", spec->name);
    }
  args->help = a.help;
  dln_cli_args_clear (&a);
  return rc;
}

/* Fills values[i] for every variable of @expr from the NAME=VALUE
 * arguments. Returns 0 or an exit status after printing the error. */
static int
assign_values (const DlnExpr *expr,
               const CliArgs *args,
               double        *values)
{
  int n = dln_expr_n_vars (expr);
  gboolean *set = g_new0 (gboolean, n > 0 ? n : 1);
  int status = 0;

  for (int k = 0; k < args->n_assign && status == 0; k++)
    {
      const char *arg = args->assign[k];
      const char *eq = strchr (arg, '=');
      char *name;
      int i;

      if (eq == NULL || eq == arg)
        {
          status = dln_cli_error (DLN_CLI_EXIT_USAGE,
                                  "expected NAME=VALUE, got '%s'", arg);
          break;
        }
      name = g_strndup (arg, (gsize) (eq - arg));
      i = dln_expr_find_var (expr, name);
      if (i < 0)
        status = dln_cli_error (DLN_CLI_EXIT_USAGE,
                                "'%s' is not a variable of the expression",
                                name);
      else if (set[i])
        status = dln_cli_error (DLN_CLI_EXIT_USAGE,
                                "variable '%s' is given twice", name);
      else if (!dln_cli_parse_double (eq + 1, &values[i]))
        status = dln_cli_error (DLN_CLI_EXIT_USAGE,
                                "'%s' is not a number (in %s)", eq + 1, arg);
      else
        set[i] = TRUE;
      g_free (name);
    }
  for (int i = 0; i < n && status == 0; i++)
    if (!set[i])
      status = dln_cli_error (DLN_CLI_EXIT_USAGE,
                              "variable '%s' has no value (add %s=VALUE)",
                              dln_expr_var_name (expr, i),
                              dln_expr_var_name (expr, i));
  g_free (set);
  return status;
}

/* Parses EXPR and the values; on success *expr and values are set. */
static int
load_expression (const CliArgs  *args,
                 DlnArena       *arena,
                 DlnExpr       **expr,
                 double        **values)
{
  DlnMessage msg;
  DlnStatus status;
  int n;

  status = dln_expr_parse (args->expr_text, arena, expr, &msg);
  if (status == DLN_STATUS_NO_MEMORY)
    return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "%s", msg.text);
  if (status != DLN_STATUS_OK)
    return dln_cli_expr_error ("", args->expr_text, &msg);
  n = dln_expr_n_vars (*expr);
  *values = g_new0 (double, n > 0 ? n : 1);
  return assign_values (*expr, args, *values);
}

/* An expression evaluated outside its domain (log of a negative number,
 * division by zero, ...) is refused, naming the operation, unless --ieee
 * asks for the IEEE 754 values PyTorch would give. Returns 0 or an exit
 * status after printing the error. */
static int
check_domain (const CliArgs *args,
              DlnGraph      *g,
              const char    *command)
{
  DlnMessage msg;

  if (args->ieee
      || dln_graph_check_domain (g, &msg) == DLN_STATUS_OK)
    return 0;
  return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s (the expression is undefined "
                        "there; dlnlab-cli %s --ieee prints nan and inf "
                        "instead)", msg.text, command);
}

/* The expression's graph after a forward pass at @values. */
static int
forward_graph (const DlnExpr  *expr,
               const double   *values,
               DlnArena       *arena,
               DlnGraph      **g)
{
  DlnMessage msg;
  DlnStatus st = dln_expr_to_graph (expr, arena, g, &msg);

  if (st != DLN_STATUS_OK)
    return dln_cli_error (dln_cli_exit_status (st), "%s", msg.text);
  /* Nodes 0 .. n_vars-1 are the variables, in the expression's order. */
  for (int i = 0; i < dln_expr_n_vars (expr); i++)
    dln_graph_set_scalar (*g, i, values[i]);
  dln_graph_forward (*g);
  return 0;
}

/* The start of grad and graph: the command's options, the expression
 * and its graph after a forward pass at the given values, checked for
 * the domain unless --ieee. Returns the exit status: 0 with args->help
 * set after printing the help. */
static int
start_graph (int                      argc,
             char                   **argv,
             const DlnCliCommandSpec *spec,
             const char              *command,
             CliArgs                 *args,
             DlnArena               **arena,
             DlnExpr                **expr,
             double                 **values,
             DlnGraph               **g)
{
  int status = parse_args (argc, argv, spec, args);

  if (status != 0 || args->help)
    {
      if (status == 0)
        dln_cli_print_help (spec, stdout);
      return status;
    }
  *arena = dln_arena_new (CLI_ARENA_BYTES);
  if (*arena == NULL)
    return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "out of memory");
  status = load_expression (args, *arena, expr, values);
  if (status == 0)
    status = forward_graph (*expr, *values, *arena, g);
  if (status == 0)
    status = check_domain (args, *g, command);
  return status;
}

int
dln_cli_grad (int    argc,
              char **argv)
{
  CliArgs args;
  DlnArena *arena = NULL;
  DlnExpr *expr;
  DlnGraph *g;
  DlnTape *tape;
  DlnMessage msg;
  double *values = NULL, *grad = NULL, f;
  int status, n;
  char buf[32];

  status = start_graph (argc, argv, &dln_cli_grad_spec, "grad", &args, &arena,
                        &expr, &values, &g);
  if (status != 0 || args.help)
    goto out;
  if (dln_tape_new (expr, NULL, 0, arena, &tape, &msg) != DLN_STATUS_OK)
    {
      status = dln_cli_error (DLN_CLI_EXIT_RUNTIME, "%s", msg.text);
      goto out;
    }
  n = dln_tape_n_vars (tape);
  grad = g_new0 (double, n > 0 ? n : 1);
  f = dln_tape_grad (tape, values, grad, NULL);

  if (args.json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "value");
      dln_cli_json_add_number (b, f);
      json_builder_set_member_name (b, "grad");
      json_builder_begin_object (b);
      for (int i = 0; i < n; i++)
        {
          json_builder_set_member_name (b, dln_tape_var_name (tape, i));
          dln_cli_json_add_number (b, grad[i]);
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
      dln_cli_json_print (b, TRUE);
    }
  else
    {
      printf ("name,value\n");
      printf ("f,%s\n", dln_cli_format_double (buf, f));
      for (int i = 0; i < n; i++)
        printf ("df/d%s,%s\n", dln_tape_var_name (tape, i),
                dln_cli_format_double (buf, grad[i]));
    }
  status = DLN_CLI_EXIT_OK;

out:
  g_free (grad);
  g_free (values);
  g_free (args.assign);
  dln_arena_free (arena);
  return status;
}

static void
print_graph_json (const DlnGraph *g,
                  const char     *text)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  int n = dln_graph_n_nodes (g);
  char fingerprint[17];

  g_snprintf (fingerprint, sizeof fingerprint, "%016" G_GINT64_MODIFIER "x",
              (guint64) dln_graph_fingerprint (g));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "expression");
  dln_cli_json_add_string (b, text);
  json_builder_set_member_name (b, "fingerprint");
  json_builder_add_string_value (b, fingerprint);
  json_builder_set_member_name (b, "output");
  json_builder_add_int_value (b, dln_graph_output (g));
  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  for (int id = 0; id < n; id++)
    {
      const DlnNode *node = dln_graph_node (g, id);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, id);
      json_builder_set_member_name (b, "op");
      json_builder_add_string_value (b, dln_op_info (node->op)->name);
      json_builder_set_member_name (b, "symbol");
      json_builder_add_string_value (b, dln_op_info (node->op)->symbol);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, dln_role_name (node->role));
      json_builder_set_member_name (b, "label");
      dln_cli_json_add_string (b, node->label);
      json_builder_set_member_name (b, "value");
      dln_cli_json_add_number (b, node->value->data[0]);
      json_builder_set_member_name (b, "grad");
      dln_cli_json_add_number (b, node->grad->data[0]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "edges");
  json_builder_begin_array (b);
  for (int id = 0; id < n; id++)
    {
      const DlnNode *node = dln_graph_node (g, id);

      for (int k = 0; k < node->n_inputs; k++)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "from");
          json_builder_add_int_value (b, node->inputs[k]);
          json_builder_set_member_name (b, "to");
          json_builder_add_int_value (b, id);
          json_builder_set_member_name (b, "input");
          json_builder_add_int_value (b, k);
          json_builder_set_member_name (b, "local");
          dln_cli_json_add_number (b, node->local[k]);
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  dln_cli_json_print (b, TRUE);
}

/* A DOT string: quotes and backslashes escaped; with @line_breaks, '\n'
 * written as DOT's \n (a line break inside a node label). */
static void
dot_string (GString    *s,
            const char *text,
            gboolean    line_breaks)
{
  g_string_append_c (s, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (line_breaks && *p == '\n')
        {
          g_string_append (s, "\\n");
          continue;
        }
      if (*p == '"' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

static void
print_graph_dot (const DlnGraph *g,
                 const char     *text)
{
  GString *s = g_string_new ("digraph autograd {\n  rankdir=LR;\n  label=");
  int n = dln_graph_n_nodes (g);
  char v[32], gr[32];

  dot_string (s, text, FALSE);
  g_string_append (s, ";\n  node [shape=box, fontname=\"sans\"];\n");
  for (int id = 0; id < n; id++)
    {
      const DlnNode *node = dln_graph_node (g, id);
      const DlnOpInfo *info = dln_op_info (node->op);
      char *label;

      dln_cli_format_double (v, node->value->data[0]);
      dln_cli_format_double (gr, node->grad->data[0]);
      if (node->op == DLN_OP_LEAF)
        label = g_strdup_printf ("%s (%s)\nvalue %s\ngrad %s", node->label,
                                 dln_role_name (node->role), v, gr);
      else
        {
          size_t need = dln_graph_node_formula (g, id, NULL, 0);
          char *formula = g_malloc (need + 1);

          dln_graph_node_formula (g, id, formula, need + 1);
          label = g_strdup_printf ("%s\nvalue %s\ngrad %s", formula, v, gr);
          g_free (formula);
        }
      g_string_append_printf (s, "  n%d [label=", id);
      dot_string (s, label, TRUE);
      g_string_append_printf (s, ", role=\"%s\", op=\"%s\"%s];\n",
                              dln_role_name (node->role), info->name,
                              node->role == DLN_ROLE_OUTPUT ? ", peripheries=2"
                              : node->op == DLN_OP_LEAF ? ", shape=ellipse"
                              : "");
      g_free (label);
    }
  for (int id = 0; id < n; id++)
    {
      const DlnNode *node = dln_graph_node (g, id);

      for (int k = 0; k < node->n_inputs; k++)
        g_string_append_printf (s, "  n%d -> n%d [label=\"%s\"];\n",
                                node->inputs[k], id,
                                dln_cli_format_double (v, node->local[k]));
    }
  g_string_append (s, "}\n");
  fputs (s->str, stdout);
  g_string_free (s, TRUE);
}

int
dln_cli_graph (int    argc,
               char **argv)
{
  CliArgs args;
  DlnArena *arena = NULL;
  DlnExpr *expr;
  DlnGraph *g;
  double *values = NULL;
  int status;

  status = start_graph (argc, argv, &dln_cli_graph_spec, "graph", &args, &arena,
                        &expr, &values, &g);
  if (status != 0 || args.help)
    goto out;
  dln_graph_backward (g, dln_graph_output (g));
  if (args.dot)
    print_graph_dot (g, args.expr_text);
  else
    print_graph_json (g, args.expr_text);
  status = DLN_CLI_EXIT_OK;

out:
  g_free (values);
  g_free (args.assign);
  dln_arena_free (arena);
  return status;
}
