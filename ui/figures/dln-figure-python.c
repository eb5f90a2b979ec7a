/* Python scripts for catalogue entries: a generated header and settings
 * block, then the entry's fragments from ui/figures/python/ verbatim.
 * (Over 800 lines: a settings writer per figure family, the computational
 * graph's the longest, beside the shared header and file writing.) */

#include "config.h"

#include "dln-figure-python.h"

#include "dln-chain.h"
#include "dln-dataset.h"
#include "dln-expr-python.h"
#include "dln-figure-catalogue-private.h"
#include "dln-figure-graph.h"
#include "dln-figure-map-compare.h"
#include "dln-surface.h"
#include "dln-figure-python-fragments.h"

#include <inttypes.h>
#include <stdio.h>

#include <glib.h>
#include <math.h>
#include <string.h>

/* Extra constants an entry's fragments read besides its options. */
typedef void (*SettingsFunc) (GString             *out,
                              const DlnFigureArgs *args);

/* Refuses options the fragments cannot reproduce (@msg says why). */
typedef bool (*CheckFunc) (const DlnFigureArgs *args,
                           DlnMessage          *msg);

typedef struct
{
  const char   *name;      /* catalogue entry */
  SettingsFunc  settings;  /* (nullable) */
  CheckFunc     check;     /* (nullable) */
  const char   *parts[10]; /* fragments after the prelude, NULL-ended */
} PythonScript;

/* dln_figure_python_format_double:
 * Writes @v into @buf [G_ASCII_DTOSTR_BUF_SIZE] as the shortest %.Ng
 * (N = 15 ... 17) that reads back as @v, in the C locale. Returns @buf. */
char *
dln_figure_python_format_double (char   *buf,
                                 double  v)
{
  for (int digits = 15; digits <= 17; digits++)
    {
      char fmt[8];

      snprintf (fmt, sizeof fmt, "%%.%dg", digits);
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, fmt, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  return buf;
}

DlnStatus
dln_figure_python_set_run (DlnFigureArgs *args,
                           size_t         epochs,
                           uint64_t       seed,
                           DlnMessage    *msg)
{
  char text[32];
  DlnStatus status;

  snprintf (text, sizeof text, "%zu", epochs);
  status = dln_figure_args_set (args, "epochs", text, msg);
  snprintf (text, sizeof text, "%" PRIu64, seed);
  if (status == DLN_STATUS_OK)
    status = dln_figure_args_set (args, "seed", text, msg);
  return status;
}

DlnStatus
dln_figure_python_set_double (DlnFigureArgs *args,
                              const char    *name,
                              double         v,
                              DlnMessage    *msg)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  dln_figure_python_format_double (buf, v);
  return dln_figure_args_set (args, name, buf, msg);
}

DlnStatus
dln_figure_python_set_doubles (DlnFigureArgs      *args,
                               const char *const  *names,
                               const double       *values,
                               size_t              n,
                               DlnMessage         *msg)
{
  DlnStatus status = DLN_STATUS_OK;

  for (size_t i = 0; i < n && status == DLN_STATUS_OK; i++)
    status = dln_figure_python_set_double (args, names[i], values[i], msg);
  return status;
}

/* Appends @v as a Python float literal: the shortest %.Ng that reads back
 * as @v (like Python's repr), in the C locale whatever LC_NUMERIC says. */
static void
append_float (GString *out,
              double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    {
      g_string_append (out, isnan (v) ? "math.nan" : v < 0 ? "-math.inf"
                                                           : "math.inf");
      return;
    }
  dln_figure_python_format_double (buf, v);
  g_string_append (out, buf);
  if (strpbrk (buf, ".e") == NULL)
    g_string_append (out, ".0");
}

/* Appends @s as a double-quoted Python string literal. */
static void
append_string (GString    *out,
               const char *s)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p != '\0'; p++)
    if (*p == '\\' || *p == '"')
      g_string_append_printf (out, "\\%c", *p);
    else if (*p < 0x20 || *p == 0x7f)
      g_string_append_printf (out, "\\x%02x", *p);
    else
      g_string_append_c (out, (char) *p);
  g_string_append_c (out, '"');
}

/* The course's tree (dln_tree_params_init), which the built-in tree
 * datasets sample with the entry's seed; the named table
 * (docs/demos.md#tree-table) embedded when it is the dataset. */
static void
tree_settings (GString             *out,
               const DlnFigureArgs *args)
{
  DlnDataset *table = NULL;
  DlnTreeParams p;

  if (dln_figure_option_find (args->entry, "dataset") >= 0
      && strcmp (dln_figure_args_string (args, "dataset"), "tree-table") == 0
      && dln_dataset_new_tree_table (&table, NULL) == DLN_STATUS_OK)
    {
      g_string_append (out, "# The course's named table (D13), as printed "
                       "(1 yes, 0 no)\ntable_features = [");
      for (size_t j = 0; j < table->n_features; j++)
        {
          g_string_append (out, j > 0 ? ", " : "");
          if (j > 0 && j % 4 == 0)
            g_string_append (out, "\n                  ");
          append_string (out, table->feature_names[j]);
        }
      g_string_append (out, "]\ntable = [");
      for (size_t i = 0; i < table->n_items; i++)
        {
          g_string_append (out, i > 0 ? ",\n         [" : "[");
          for (size_t j = 0; j < table->n_features; j++)
            {
              g_string_append (out, j > 0 ? ", " : "");
              append_float (out, table->y->data[i * table->n_features + j]);
            }
          g_string_append (out, "]");
        }
      g_string_append (out, "]\n");
      dln_dataset_free (table);
    }
  dln_tree_params_init (&p);
  g_string_append_printf (out, "levels, branches = %d, %d"
                          "              # the course's tree generator\n",
                          p.levels, p.branches);
  g_string_append (out, "p_flip, p_flip_root = ");
  append_float (out, p.p_flip);
  g_string_append (out, ", ");
  append_float (out, p.p_flip_root);
  g_string_append_printf (out, "\nn_features = %zu\n", p.n_features);
}

/* The RSM script names the items: the tree through datasets.py. */
static void
rsm_settings (GString             *out,
              const DlnFigureArgs *args)
{
  g_string_append (out, "dataset = \"tree\"     # the course's sampled tree\n");
  tree_settings (out, args);
}

/* The course's samples of the narrow chain (docs/demos.md#narrow-nets), as the
 * catalogue draws them. */
static void
chain_settings (GString             *out,
                const DlnFigureArgs *args)
{
  g_string_append_printf (out, "n_samples = %d"
                          "                  # gen_samples (n, a, sigma)\n",
                          DLN_CHAIN_DEFAULT_SAMPLES);
  g_string_append (out, "slope, noise = ");
  append_float (out, DLN_CHAIN_SLOPE);
  g_string_append (out, ", ");
  append_float (out, DLN_CHAIN_NOISE);
  g_string_append_c (out, '\n');
}

/* D17 always draws its theory (it has no option for it). */
static void
illusory_settings (GString             *out,
                   const DlnFigureArgs *args)
{
  tree_settings (out, args);
  g_string_append (out, "theory = True                        "
                   "# D17 always draws its theory\n");
}

/* D18: the tree's settings, the 3 × 3 example's sample count and the
 * indicator's bound (dln-figure-map-compare.h). */
static void
map_compare_settings (GString             *out,
                      const DlnFigureArgs *args)
{
  tree_settings (out, args);
  g_string_append_printf (out, "samples = %d"
                          "                    # of the 3 x 3 example\n",
                          DLN_MAP_COMPARE_SAMPLES);
  g_string_append (out, "tolerance = ");
  append_float (out, DLN_MAP_COMPARE_TOLERANCE);
  g_string_append (out, "                # \"all approximately equal\": "
                   "every entry within it\n");
}

/* Appends "def h(x, y):" computing the surface @text (checked by
 * expr_check) with torch, from core's translation (dln-expr-python.h). */
static void
append_surface_function (GString    *out,
                         const char *text,
                         const char *doc)
{
  DlnArena *arena = dln_arena_new (DLN_EXPR_ARENA_BYTES (strlen (text)));
  DlnExpr *expr = NULL;
  size_t len;

  g_string_append_printf (out, "\n\ndef h(x, y):\n    \"\"\"%s ", doc);
  /* a docstring cannot hold a backslash or quote the language lacks */
  g_string_append (out, text);
  g_string_append (out, ", as torch code.\"\"\"\n");
  if (arena != NULL && dln_expr_parse (text, arena, &expr, NULL)
                       == DLN_STATUS_OK)
    {
      len = dln_expr_to_python (expr, "    ", NULL, 0);
      g_string_set_size (out, out->len + len);
      dln_expr_to_python (expr, "    ", out->str + out->len - len, len + 1);
    }
  dln_arena_free (arena);
}

/* Refuses a surface expression the catalogue would refuse (syntax, or
 * variables other than x and y), with the same message. */
static bool
expr_check (const char *text,
            DlnMessage *msg)
{
  DlnArena *arena = dln_arena_new (DLN_EXPR_ARENA_BYTES (strlen (text)));
  DlnSurface s;
  DlnStatus status;

  if (arena == NULL)
    {
      dln_message_set (msg, 0, "out of memory");
      return false;
    }
  status = dln_surface_init_expr (&s, text, arena, msg);
  dln_arena_free (arena);
  return status == DLN_STATUS_OK;
}

static bool
gradient_field_check (const DlnFigureArgs *args,
                      DlnMessage          *msg)
{
  return expr_check (dln_figure_args_string (args, "expr"), msg);
}

static void
gradient_field_settings (GString             *out,
                         const DlnFigureArgs *args)
{
  append_surface_function (out, dln_figure_args_string (args, "expr"),
                           "z = h(x, y) =");
}


/* --- The computational graph (D02) ---
 * The script builds the typed expression one operation per line, named as
 * dlnlab's figure names its nodes, and lists the figure's nodes and
 * operations in dlnlab's order, so its table is the figure's CSV. */

/* Python names of the graph's nodes: the figure's label when it is an
 * identifier Python and the script leave free, else with '_' appended, or
 * v<id> for a label that is no identifier ("π", "ŷ"); NULL for constants
 * (free each of the n entries). */
static char **
graph_node_names (const DlnGraph *g)
{
  int n = dln_graph_n_nodes (g);
  char **names = g_new0 (char *, (size_t) n + 1);
  g_autoptr (GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  for (int i = 0; i < n; i++)
    {
      const DlnNode *node = dln_graph_node (g, i);
      const char *label = node->label;
      bool ident = g_ascii_isalpha (label[0]) || label[0] == '_';
      GString *name;

      for (const char *c = label; *c != '\0' && ident; c++)
        ident = g_ascii_isalnum (*c) || *c == '_';
      if (node->role == DLN_ROLE_CONSTANT)
        continue;  /* written as numbers */
      name = ident ? g_string_new (label) : g_string_new (NULL);
      if (!ident)
        g_string_printf (name, "v%d", i);
      while (dln_expr_python_reserved (name->str)
             || g_hash_table_contains (used, name->str))
        g_string_append_c (name, '_');
      names[i] = g_string_free (name, FALSE);
      g_hash_table_add (used, names[i]);
    }
  return names;
}

/* Appends a constant of the graph: pi and e by name, as typed. */
static void
append_constant (GString *out,
                 double   v)
{
  if (v == G_PI)
    g_string_append (out, "math.pi");
  else if (v == G_E)
    g_string_append (out, "math.e");
  else
    append_float (out, v);
}

/* Appends input @j of an operation: its name, or a constant's number
 * (as a leaf that requires a gradient when @leaf: an operation on
 * numbers only then still has a gradient, as in dlnlab). */
static void
append_graph_operand (GString        *out,
                      const DlnGraph *g,
                      char          **names,
                      int             j,
                      bool            leaf)
{
  const DlnNode *node = dln_graph_node (g, j);

  if (names[j] != NULL)
    g_string_append (out, names[j]);
  else if (leaf)
    {
      g_string_append (out, "torch.tensor(");
      append_constant (out, node->value->data[0]);
      g_string_append (out, ", requires_grad=True)");
    }
  else
    append_constant (out, node->value->data[0]);
}

/* Python for operation @op of inputs "p" and "q" as @fmt prints them. */
static const char *
graph_op_format (DlnOp op)
{
  switch (op)
    {
    case DLN_OP_ADD:     return "%s + %s";
    case DLN_OP_SUB:     return "%s - %s";
    case DLN_OP_MUL:     return "%s * %s";
    case DLN_OP_DIV:     return "%s / %s";
    case DLN_OP_POW:     return "%s ** %s";
    case DLN_OP_MSE:     return "(%s - %s) ** 2";
    case DLN_OP_NEG:     return "-%s";
    case DLN_OP_EXP:     return "torch.exp(%s)";
    case DLN_OP_LOG:     return "torch.log(%s)";
    case DLN_OP_SIN:     return "torch.sin(%s)";
    case DLN_OP_COS:     return "torch.cos(%s)";
    case DLN_OP_TANH:    return "torch.tanh(%s)";
    case DLN_OP_SIGMOID: return "torch.sigmoid(%s)";
    case DLN_OP_RELU:    return "torch.relu(%s)";
    case DLN_OP_SQRT:    return "torch.sqrt(%s)";
    case DLN_OP_ABS:     return "torch.abs(%s)";
    default:             return NULL;
    }
}

/* Appends operation @node with its operands printed by @operand. */
static void
append_graph_op (GString        *out,
                 const DlnGraph *g,
                 char          **names,
                 const DlnNode  *node,
                 bool            lambda)
{
  const char *fmt = graph_op_format (node->op);
  GString *a = g_string_new (NULL), *b = g_string_new (NULL);
  bool numbers = true;

  for (int k = 0; k < node->n_inputs; k++)
    numbers &= names[node->inputs[k]] == NULL;
  if (lambda)
    {
      g_string_append (a, "p");
      g_string_append (b, "q");
    }
  else
    {
      append_graph_operand (a, g, names, node->inputs[0], numbers);
      if (node->n_inputs > 1)
        append_graph_operand (b, g, names, node->inputs[1], false);
    }
  g_string_append_printf (out, fmt, a->str, b->str);
  g_string_free (a, TRUE);
  g_string_free (b, TRUE);
}

/* Refuses what the figure refuses (an expression, a value, a start point),
 * with its message: the figure's own build is the check. */
static bool
build_check (const DlnFigureArgs *args,
             DlnMessage          *msg)
{
  DlnFigureInstance inst = { 0 };
  DlnStatus status = dln_figure_build (args->entry, args, &inst, msg);

  dln_figure_instance_clear (&inst);
  return status == DLN_STATUS_OK;
}

/* ... and the stepper's partial passes, which the script does not run. */
static bool
graph_check (const DlnFigureArgs *args,
             DlnMessage          *msg)
{
  if (*dln_figure_args_string (args, "step") != '\0'
      && strcmp (dln_figure_args_string (args, "stage"), "structure") != 0)
    {
      dln_message_set (msg, 0, "the Python script runs whole forward and "
                       "backward passes: export it without --step");
      return false;
    }
  return build_check (args, msg);
}

static void
graph_settings (GString             *out,
                const DlnFigureArgs *args)
{
  const char *text = dln_figure_args_string (args, "expr");
  char at_names[64][DLN_EXPR_MAX_NAME + 1];
  double at[64];
  DlnArena *arena = dln_arena_new (DLN_EXPR_ARENA_BYTES (strlen (text)));
  DlnExpr *expr = NULL;
  DlnGraph *g = NULL;
  DlnFigureGraphData *data;
  char **names;
  int n_at, n, out_id;

  n_at = dln_catalogue_parse_assignments (dln_figure_args_string (args, "at"),
                                          "at", at_names, at, 64, NULL);
  if (arena == NULL || dln_expr_parse (text, arena, &expr, NULL)
                       != DLN_STATUS_OK
      || dln_expr_to_graph (expr, arena, &g, NULL) != DLN_STATUS_OK)
    {
      dln_arena_free (arena);
      return;  /* graph_check refused it */
    }
  for (int i = 0; i < n_at; i++)
    if (dln_expr_find_var (expr, at_names[i]) >= 0)
      dln_graph_set_scalar (g, dln_expr_find_var (expr, at_names[i]), at[i]);
  dln_graph_forward (g);
  n = dln_graph_n_nodes (g);
  out_id = dln_graph_output (g);
  names = graph_node_names (g);
  data = dln_figure_graph_data_from_graph (g);

  g_string_append (out, "\n# --- The graph as a student builds it: the "
                   "inputs are leaves that require\n# gradients, then one "
                   "line per operation, named as in the figure ---\n");
  for (int i = 0; i < n; i++)
    {
      const DlnNode *node = dln_graph_node (g, i);

      if (node->op == DLN_OP_LEAF && names[i] != NULL)
        {
          g_string_append_printf (out, "%s = torch.tensor(", names[i]);
          append_float (out, node->value->data[0]);
          g_string_append (out, ", requires_grad=True)\n");
        }
      else if (node->op != DLN_OP_LEAF)
        {
          g_string_append_printf (out, "%s = ", names[i]);
          append_graph_op (out, g, names, node, false);
          g_string_append_c (out, '\n');
        }
    }
  g_string_append (out, "output = ");
  append_graph_operand (out, g, names, out_id, false);
  g_string_append (out, "\n\n# The figure's value nodes in dlnlab's order: "
                   "(role, label, value)\nnodes = [\n");
  for (int i = 0; i < n; i++)
    {
      const DlnNode *node = dln_graph_node (g, i);

      g_string_append (out, "    (");
      append_string (out, dln_role_name (node->role));
      g_string_append (out, ", ");
      append_string (out, node->label);
      g_string_append (out, ", ");
      if (names[i] != NULL)
        g_string_append (out, names[i]);
      else
        {
          g_string_append (out, "torch.tensor(");
          append_constant (out, node->value->data[0]);
          g_string_append (out, ")");
        }
      g_string_append (out, "),\n");
    }
  g_string_append (out, "]\n# ... and its operations: (symbol, input nodes, "
                   "output node, function)\nops = [\n");
  for (size_t k = (size_t) n; k < data->n_nodes; k++)
    {
      const DlnNode *node = dln_graph_node (g, data->nodes[k].source);

      g_string_append (out, "    (");
      append_string (out, data->nodes[k].label);
      g_string_append_printf (out, ", (%d%s", node->inputs[0],
                              node->n_inputs > 1 ? ", " : ",");
      if (node->n_inputs > 1)
        g_string_append_printf (out, "%d", node->inputs[1]);
      g_string_append_printf (out, "), %d, lambda %s: ", node->id,
                              node->n_inputs > 1 ? "p, q" : "p");
      append_graph_op (out, g, names, node, true);
      g_string_append (out, "),\n");
    }
  g_string_append (out, "]\n");
  dln_figure_graph_data_free (data);
  /* not g_strfreev: constants leave NULL holes (ASan caught the leak) */
  for (int i = 0; i < n; i++)
    g_free (names[i]);
  g_free (names);
  dln_arena_free (arena);
}

#define DEEP_LINEAR(...) \
  { dln_python_output, dln_python_rng, dln_python_tree, __VA_ARGS__, NULL }

#define CHAIN_SINGLE \
  { dln_python_output, dln_python_rng, dln_python_chain, \
    dln_python_chain_single, NULL }

/* The race runs a built-in surface or a typed one (translated). */
static bool
race_check (const DlnFigureArgs *args,
            DlnMessage          *msg)
{
  DlnSurface s;

  if (*dln_figure_args_string (args, "expr") != '\0')
    return expr_check (dln_figure_args_string (args, "expr"), msg);
  return dln_surface_init_by_name (&s, dln_figure_args_string (args,
                                                               "surface"),
                                   msg) == DLN_STATUS_OK;
}

static void
race_settings (GString             *out,
               const DlnFigureArgs *args)
{
  if (*dln_figure_args_string (args, "expr") != '\0')
    append_surface_function (out, dln_figure_args_string (args, "expr"),
                             "The typed surface f(x, y) =");
}

static const PythonScript scripts[] = {
  { "graph", graph_settings, graph_check,
    { dln_python_output, dln_python_graph, NULL } },
  { "gradient-field", gradient_field_settings, gradient_field_check,
    { dln_python_output, dln_python_gradient_field, NULL } },
  { "neuron-check", NULL, NULL,
    { dln_python_output, dln_python_neuron, NULL } },
  { "wide-net-regression", NULL, NULL,
    { dln_python_output, dln_python_rng, dln_python_wide_net, NULL } },
  { "shallow-net", NULL, NULL,
    { dln_python_output, dln_python_rng, dln_python_shallow_net, NULL } },
  { "loss-landscape-race", race_settings, race_check,
    { dln_python_output, dln_python_race, dln_python_race_2d, NULL } },
  { "loss-landscape-race-3d", race_settings, race_check,
    { dln_python_output, dln_python_race, dln_python_race_3d, NULL } },
  { "loss-landscape", NULL, build_check,
    { dln_python_output, dln_python_shallow_surface, dln_python_landscape,
      NULL } },
  { "loss-surface-3d", NULL, build_check,
    { dln_python_output, dln_python_shallow_surface, dln_python_surface_3d,
      NULL } },
  { "register", chain_settings, build_check,
    { dln_python_output, dln_python_rng, dln_python_chain,
      dln_python_register, NULL } },
  { "depth-loss", chain_settings, NULL, CHAIN_SINGLE },
  { "lr-loss", chain_settings, NULL, CHAIN_SINGLE },
  { "playground-loss", chain_settings, NULL, CHAIN_SINGLE },
  { "init-loss", chain_settings, NULL,
    { dln_python_output, dln_python_rng, dln_python_chain,
      dln_python_chain_init, NULL } },
  { "tree-data", tree_settings, NULL,
    DEEP_LINEAR (dln_python_datasets, dln_python_tree_figure) },
  { "data-svd", tree_settings, NULL,
    DEEP_LINEAR (dln_python_datasets, dln_python_data_svd) },
  { "training-loss", tree_settings, NULL,
    DEEP_LINEAR (dln_python_data_tree, dln_python_deep_linear,
                 dln_python_training_loss) },
  { "dynamics", tree_settings, NULL,
    DEEP_LINEAR (dln_python_data_tree, dln_python_deep_linear,
                 dln_python_theory, dln_python_dynamics_table,
                 dln_python_dynamics) },
  { "rsm", rsm_settings, NULL,
    DEEP_LINEAR (dln_python_datasets, dln_python_deep_linear,
                 dln_python_theory, dln_python_dynamics_table,
                 dln_python_rsm) },
  { "map-compare", map_compare_settings, NULL,
    DEEP_LINEAR (dln_python_data_tree, dln_python_deep_linear,
                 dln_python_map_compare) },
  { "illusory", illusory_settings, NULL,
    DEEP_LINEAR (dln_python_datasets,
                 dln_python_deep_linear, dln_python_theory,
                 dln_python_dynamics_table, dln_python_illusory) },
};

static const PythonScript *
find_script (const DlnCatalogueEntry *entry)
{
  for (size_t i = 0; entry != NULL && i < G_N_ELEMENTS (scripts); i++)
    if (strcmp (scripts[i].name, entry->name) == 0)
      return &scripts[i];
  return NULL;
}

bool
dln_figure_python_supported (const DlnCatalogueEntry *entry)
{
  return find_script (entry) != NULL;
}

/* Whether @s can stand unquoted in a shell command. */
static bool
shell_plain (const char *s)
{
  if (*s == '\0')
    return false;
  for (; *s != '\0'; s++)
    if (!g_ascii_isalnum (*s) && strchr ("._,:=+-/", *s) == NULL)
      return false;
  return true;
}

/* The docstring: what made the script and how to run it. */
static void
append_header (GString                 *out,
               const DlnCatalogueEntry *entry,
               const DlnFigureArgs     *args)
{
  GString *cmd = g_string_new (NULL);
  char *doc;

  size_t line = 0;

  g_string_append_printf (cmd, "dlnlab-cli export %s --out run.py",
                          entry->name);
  for (size_t i = 0; i < entry->n_options; i++)
    {
      const char *v = args->values[i];
      char *quoted = shell_plain (v) ? g_strdup (v) : g_shell_quote (v);
      size_t len = strlen (entry->options[i].name) + strlen (quoted) + 4;

      /* wrapped, without backslashes: the docstring is read, not run */
      if (cmd->len - line + len > 68)
        {
          g_string_append (cmd, "\n       ");
          line = cmd->len - 4;
        }
      g_string_append_printf (cmd, " --%s %s", entry->options[i].name,
                              quoted);
      g_free (quoted);
    }
  doc = g_strdup_printf (
    "%s (%s): %s.\n"
    "\n"
    "Written by dlnlab %s for\n"
    "    %s\n"
    "and rerun here with PyTorch (CPU, float64): `python3 run.py --csv\n"
    "out.csv` writes the CSV of `--out out.csv`; matplotlib draws the figure.\n",
    entry->name, entry->demo, entry->description, PACKAGE_VERSION, cmd->str);
  g_string_append (out, "#!/usr/bin/env python3\n\"\"\"");
  /* A docstring ends at the first unescaped triple quote. */
  for (const char *p = doc; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == '"')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append (out, "\"\"\"\n");
  g_free (doc);
  g_string_free (cmd, TRUE);
}

/* One assignment per option, named like the option ('-' as '_'). */
static void
append_settings (GString                 *out,
                 const DlnCatalogueEntry *entry,
                 const DlnFigureArgs     *args)
{
  g_string_append (out, "\n# --- Settings: the options above ---\n");
  for (size_t i = 0; i < entry->n_options; i++)
    {
      const DlnFigureOption *o = &entry->options[i];
      const char *v = args->values[i];
      size_t start = out->len;

      for (const char *p = o->name; *p != '\0'; p++)
        g_string_append_c (out, *p == '-' ? '_' : *p);
      g_string_append (out, " = ");
      switch (o->type)
        {
        case DLN_OPTION_DOUBLE:
          append_float (out, dln_figure_args_double (args, o->name));
          break;
        case DLN_OPTION_INT:
          g_string_append_printf (out, "%ld",
                                  dln_figure_args_int (args, o->name));
          break;
        case DLN_OPTION_CHOICE:
          if (strcmp (o->choices, "yes|no") == 0
              || strcmp (o->choices, "no|yes") == 0)
            g_string_append (out, strcmp (v, "yes") == 0 ? "True" : "False");
          else
            append_string (out, v);
          break;
        case DLN_OPTION_STRING:
          append_string (out, v);
          break;
        }
      /* the option's help as a comment, aligned where it fits */
      while (out->len - start < 20)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "  # %s\n", o->help);
    }
}

/* Whether the Python line at @line is a function or class definition. */
static bool
is_definition (const char *line)
{
  return g_str_has_prefix (line, "def ") || g_str_has_prefix (line, "class ");
}

/* Whether @part's first statement (after its comments) is a definition. */
static bool
starts_with_definition (const char *part)
{
  while (*part == '#' || *part == '\n')
    part = strchr (part, '\n') != NULL ? strchr (part, '\n') + 1 : "";
  return is_definition (part);
}

/* Whether the last top-level statement of @text is a definition (whose
 * body ends the text). */
static bool
ends_with_definition (const char *text)
{
  const char *last = NULL;

  for (const char *line = text; *line != '\0';
       line = strchr (line, '\n') != NULL ? strchr (line, '\n') + 1 : "")
    if (*line != ' ' && *line != '#' && *line != '\n' && *line != ')'
        && *line != ']')
      last = line;
  return last != NULL && is_definition (last);
}

char *
dln_figure_python_script (const DlnCatalogueEntry *entry,
                          const DlnFigureArgs     *args,
                          DlnMessage              *msg)
{
  const PythonScript *script = find_script (entry);
  GString *out;

  if (script == NULL || args->entry != entry)
    {
      dln_message_set (msg, 0, "figure '%s' has no Python script",
                       entry != NULL ? entry->name : "");
      return NULL;
    }
  if (script->check != NULL && !script->check (args, msg))
    return NULL;
  out = g_string_new (NULL);
  append_header (out, entry, args);
  g_string_append_c (out, '\n');
  g_string_append (out, dln_python_prelude);
  append_settings (out, entry, args);
  if (script->settings != NULL)
    script->settings (out, args);
  /* PEP 8: two blank lines around a definition, one between sections */
  for (size_t i = 0; script->parts[i] != NULL; i++)
    {
      g_string_append (out, ends_with_definition (out->str)
                            || starts_with_definition (script->parts[i])
                            ? "\n\n" : "\n");
      g_string_append (out, script->parts[i]);
    }
  return g_string_free (out, FALSE);
}

static DlnStatus
write_text (FILE       *out,
            const void *text,
            DlnMessage *msg)
{
  if (fputs (text, out) == EOF)
    {
      dln_message_set (msg, 0, "write error");
      return DLN_STATUS_IO;
    }
  return DLN_STATUS_OK;
}

DlnStatus
dln_figure_python_export (const char              *path,
                          const DlnCatalogueEntry *entry,
                          const DlnFigureArgs     *args,
                          DlnMessage              *msg)
{
  char *text = dln_figure_python_script (entry, args, msg);
  DlnStatus status;

  if (text == NULL)
    return DLN_STATUS_INVALID_INPUT;
  /* The CSV writer's temporary-and-rename, for any text. */
  status = dln_figure_export_csv (path, write_text, text, msg);
  g_free (text);
  return status;
}
