/* dlnlab-cli commands: svd, train, chain (placeholder until implemented). */

#include "config.h"

#include "dln-cli.h"

#include "dln-core.h"

#include <errno.h>
#include <math.h>
#include <string.h>

/* --- svd (h3) --- */

static const char svd_help[] =
  "Usage: dlnlab-cli svd --dataset NAME|FILE.csv [--seed S] [--json]\n"
  "\n"
  "SVD of the dataset's input-output correlation Sigma_yx = (1/P) sum y x^T\n"
  "(LAPACK dgesdd): its singular values s, the feature modes U (columns,\n"
  "one row per feature), the item modes V (one row per item), and s_eff =\n"
  "s / c, the values the mode strengths u_k^T W_tot v_k converge to when\n"
  "Sigma_x = c I (one-hot items: c = 1/P, so s_eff are the singular values\n"
  "of Y). Signs: each mode is flipped so that its largest item entry is\n"
  "positive (first item among ties).\n"
  "\n"
  "  --dataset NAME   tree, tree-shark, tree-parrot, tree-table, or a CSV\n"
  "                   file: header row 'item,feature_1,...', then one row\n"
  "                   per item 'name,v_1,...' ('#' lines are comments)\n"
  "  --seed S         seed of the tree draw (default 2021)\n"
  "  --json           JSON instead of CSV\n"
  "\n"
  "CSV (default), one value per row:\n"
  "  quantity,mode,index,name,value\n"
  "  s,1,,,0.0195...            singular value of mode 1\n"
  "  s_eff,1,,,156.1...\n"
  "  u,1,1,f1,-0.0097...        U[feature 1, mode 1]\n"
  "  v,1,1,Goldfish,0.35...     V[item 1, mode 1]\n"
  "JSON: {\"dataset\", \"seed\", \"n_items\", \"n_features\", \"c\", \"items\",\n"
  "  \"features\", \"singular_values\", \"s_eff\", \"U\" (n_features rows of\n"
  "  modes), \"V\" (n_items rows of modes)}; NaN (s_eff when Sigma_x is not\n"
  "  c I) is null. Values have 17 significant digits.\n"
  "\n"
  "Exit status: 0 success, 2 bad arguments or a bad dataset (the message\n"
  "names file:line:column), 1 a numerical failure.\n";

#define SVD_ARENA_SLACK (1u << 20)  /* bytes beyond the sized tensors */

static void
print_json_string (FILE       *out,
                   const char *text)
{
  fputc ('"', out);
  for (const unsigned char *c = (const unsigned char *) text; *c; c++)
    {
      if (*c == '"' || *c == '\\')
        fprintf (out, "\\%c", *c);
      else if (*c < 0x20)
        fprintf (out, "\\u%04x", *c);
      else
        fputc (*c, out);
    }
  fputc ('"', out);
}

static void
print_json_number (FILE   *out,
                   double  value)
{
  char buf[32];

  if (!isfinite (value))
    fputs ("null", out);
  else
    fputs (dln_cli_format_double (buf, value), out);
}

/* A CSV name field, quoted when it holds a comma, quote or line end. */
static void
print_csv_name (FILE       *out,
                const char *name)
{
  if (strpbrk (name, ",\"\r\n") == NULL)
    {
      fputs (name, out);
      return;
    }
  fputc ('"', out);
  for (const char *c = name; *c; c++)
    {
      if (*c == '"')
        fputc ('"', out);
      fputc (*c, out);
    }
  fputc ('"', out);
}

static void
svd_print_csv (FILE             *out,
               const DlnDataset *ds,
               const DlnModes   *m)
{
  char buf[32];
  size_t r = m->rank;

  fputs ("quantity,mode,index,name,value\n", out);
  for (size_t k = 0; k < r; k++)
    fprintf (out, "s,%zu,,,%s\n", k + 1,
             dln_cli_format_double (buf, m->s->data[k]));
  for (size_t k = 0; k < r; k++)
    fprintf (out, "s_eff,%zu,,,%s\n", k + 1,
             dln_cli_format_double (buf, m->s_eff->data[k]));
  for (size_t k = 0; k < r; k++)
    for (size_t f = 0; f < m->n_out; f++)
      {
        fprintf (out, "u,%zu,%zu,", k + 1, f + 1);
        print_csv_name (out, ds->feature_names[f]);
        fprintf (out, ",%s\n", dln_cli_format_double (buf, m->u->data[f * r + k]));
      }
  for (size_t k = 0; k < r; k++)
    for (size_t i = 0; i < m->n_in; i++)
      {
        fprintf (out, "v,%zu,%zu,", k + 1, i + 1);
        print_csv_name (out, ds->item_names[i]);
        fprintf (out, ",%s\n", dln_cli_format_double (buf, m->v->data[i * r + k]));
      }
}

static void
print_json_names (FILE       *out,
                  char      **names,
                  size_t      n)
{
  fputc ('[', out);
  for (size_t i = 0; i < n; i++)
    {
      if (i > 0)
        fputs (", ", out);
      print_json_string (out, names[i]);
    }
  fputc (']', out);
}

static void
print_json_matrix (FILE            *out,
                   const DlnTensor *t)
{
  fputc ('[', out);
  for (size_t i = 0; i < t->rows; i++)
    {
      fputs (i > 0 ? ",\n    [" : "\n    [", out);
      for (size_t j = 0; j < t->cols; j++)
        {
          if (j > 0)
            fputs (", ", out);
          print_json_number (out, t->data[i * t->cols + j]);
        }
      fputc (']', out);
    }
  fputs ("]", out);
}

static void
svd_print_json (FILE             *out,
                const DlnDataset *ds,
                const DlnModes   *m)
{
  fputs ("{\n  \"dataset\": ", out);
  print_json_string (out, ds->name);
  fprintf (out, ",\n  \"seed\": %llu,\n  \"n_items\": %zu,\n"
           "  \"n_features\": %zu,\n  \"c\": ",
           (unsigned long long) ds->seed, ds->n_items, ds->n_features);
  print_json_number (out, m->c);
  fputs (",\n  \"items\": ", out);
  print_json_names (out, ds->item_names, ds->n_items);
  fputs (",\n  \"features\": ", out);
  print_json_names (out, ds->feature_names, ds->n_features);
  fputs (",\n  \"singular_values\": [", out);
  for (size_t k = 0; k < m->rank; k++)
    {
      if (k > 0)
        fputs (", ", out);
      print_json_number (out, m->s->data[k]);
    }
  fputs ("],\n  \"s_eff\": [", out);
  for (size_t k = 0; k < m->rank; k++)
    {
      if (k > 0)
        fputs (", ", out);
      print_json_number (out, m->s_eff->data[k]);
    }
  fputs ("],\n  \"U\": ", out);
  print_json_matrix (out, m->u);
  fputs (",\n  \"V\": ", out);
  print_json_matrix (out, m->v);
  fputs ("\n}\n", out);
}

int
dln_cli_svd (int    argc,
             char **argv)
{
  const char *dataset = NULL;
  guint64 seed = DLN_DATASET_DEFAULT_SEED;
  int json = 0;
  DlnDataset *ds = NULL;
  DlnArena *arena;
  DlnModes modes;
  DlnMessage msg = { 0 };
  DlnStatus status;
  size_t budget;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          fputs (svd_help, stdout);
          return DLN_CLI_EXIT_OK;
        }
      else if (strcmp (arg, "--json") == 0)
        json = 1;
      else if (strcmp (arg, "--dataset") == 0 || strcmp (arg, "--seed") == 0)
        {
          if (i + 1 >= argc)
            return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s needs a value", arg);
          if (strcmp (arg, "--dataset") == 0)
            dataset = argv[++i];
          else
            {
              const char *v = argv[++i];
              char *end = NULL;

              if (!g_ascii_isdigit (v[0]))
                return dln_cli_error (DLN_CLI_EXIT_USAGE, "--seed needs a "
                                      "non-negative integer, got '%s'", v);
              errno = 0;
              seed = g_ascii_strtoull (v, &end, 10);
              if (errno != 0 || *end != '\0')
                return dln_cli_error (DLN_CLI_EXIT_USAGE, "--seed needs a "
                                      "non-negative integer, got '%s'", v);
            }
        }
      else
        return dln_cli_error (DLN_CLI_EXIT_USAGE, "unknown argument '%s' (see "
                              "dlnlab-cli svd --help)", arg);
    }
  if (dataset == NULL)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "missing --dataset NAME|FILE.csv "
                          "(see dlnlab-cli svd --help)");

  status = dln_dataset_open (dataset, seed, &ds, &msg);
  if (status != DLN_STATUS_OK)
    return dln_cli_error (status == DLN_STATUS_NO_MEMORY
                          ? DLN_CLI_EXIT_RUNTIME : DLN_CLI_EXIT_USAGE,
                          "%s", msg.text);
  /* Sigma_yx, U, Sigma_x, a copy of Sigma_yx and dgesdd's workspace (at
   * most ~ 3 min² + 4 min + max, doubles) sized from the data. */
  budget = sizeof (double)
           * (4 * ds->n_features * ds->n_inputs
              + 8 * ds->n_inputs * ds->n_inputs
              + 8 * (ds->n_features + ds->n_inputs)) + SVD_ARENA_SLACK;
  arena = dln_arena_new (budget);
  if (arena == NULL)
    {
      dln_dataset_free (ds);
      return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "out of memory");
    }
  status = dln_analysis_dataset_modes (ds, arena, &modes, &msg);
  if (status == DLN_STATUS_OK)
    {
      if (json)
        svd_print_json (stdout, ds, &modes);
      else
        svd_print_csv (stdout, ds, &modes);
    }
  dln_arena_free (arena);
  dln_dataset_free (ds);
  if (status != DLN_STATUS_OK)
    return dln_cli_error (status == DLN_STATUS_INVALID_INPUT
                          ? DLN_CLI_EXIT_USAGE : DLN_CLI_EXIT_RUNTIME,
                          "%s", msg.text);
  if (fflush (stdout) != 0)
    return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "cannot write the output");
  return DLN_CLI_EXIT_OK;
}

int
dln_cli_train (int    argc,
            char **argv)
{
  return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "'train' is not implemented yet");
}

int
dln_cli_chain (int    argc,
            char **argv)
{
  return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "'chain' is not implemented yet");
}
