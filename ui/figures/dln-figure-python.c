/* Python scripts for catalogue entries: a generated header and settings
 * block, then the entry's fragments from ui/figures/python/ verbatim. */

#include "config.h"

#include "dln-figure-python.h"

#include "dln-chain.h"
#include "dln-dataset.h"
#include "dln-expr-python.h"
#include "dln-surface.h"
#include "dln-figure-python-fragments.h"

#include <glib.h>
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

  dln_figure_python_format_double (buf, v);
  g_string_append (out, buf);
  if (strpbrk (buf, ".eni") == NULL)
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

  if (dln_figure_option_find (args->entry, "dataset") < 0)
    g_string_append (out, "dataset = \"tree\"     # the course's sampled tree\n");
  else if (strcmp (dln_figure_args_string (args, "dataset"), "tree-table") == 0
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

/* D17 has no theory overlay. */
static void
illusory_settings (GString             *out,
                   const DlnFigureArgs *args)
{
  tree_settings (out, args);
  g_string_append (out, "theory = False\n");
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
  { "gradient-field", gradient_field_settings, gradient_field_check,
    { dln_python_output, dln_python_gradient_field, NULL } },
  { "neuron-check", NULL, NULL,
    { dln_python_output, dln_python_neuron, NULL } },
  { "wide-net-regression", NULL, NULL,
    { dln_python_output, dln_python_rng, dln_python_wide_net, NULL } },
  { "shallow-net", NULL, NULL,
    { dln_python_output, dln_python_rng, dln_python_shallow_net, NULL } },
  { "loss-landscape-race", race_settings, race_check,
    { dln_python_output, dln_python_race, NULL } },
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
    DEEP_LINEAR (dln_python_datasets, dln_python_deep_linear,
                 dln_python_training_loss) },
  { "dynamics", tree_settings, NULL,
    DEEP_LINEAR (dln_python_datasets, dln_python_deep_linear,
                 dln_python_theory, dln_python_dynamics_table,
                 dln_python_dynamics) },
  { "rsm", tree_settings, NULL,
    DEEP_LINEAR (dln_python_datasets, dln_python_deep_linear,
                 dln_python_theory, dln_python_dynamics_table,
                 dln_python_rsm) },
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
    "Written by dlnlab %s, as by\n"
    "    %s\n"
    "It reruns that computation with PyTorch on the CPU in float64.\n"
    "    python3 run.py --csv out.csv\n"
    "writes the columns of `dlnlab-cli export %s --out out.csv` with the\n"
    "same options; matplotlib, when it is installed, draws the figure.\n",
    entry->name, entry->demo, entry->description, PACKAGE_VERSION, cmd->str,
    entry->name);
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
  for (size_t i = 0; script->parts[i] != NULL; i++)
    {
      g_string_append (out, "\n\n");
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
