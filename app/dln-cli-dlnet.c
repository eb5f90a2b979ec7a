/* dlnlab-cli commands: svd, train and chain. (Over 800 lines: three
 * commands and their --help texts.) */

#include "config.h"

#include "dln-cli.h"
#include "dln-cli-weights.h"

#include "dln-core.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* --- svd --- */

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
  "  s,1,,,19.51...             singular value of mode 1 (the tree)\n"
  "  s_eff,1,,,156.1...         s / c, here c = 1/8\n"
  "  u,1,1,f1,0.0181...         U[feature 1, mode 1]\n"
  "  v,1,1,Goldfish,0.3516...   V[item 1, mode 1]\n"
  "JSON: {\"dataset\", \"seed\", \"n_items\", \"n_features\", \"c\", \"items\",\n"
  "  \"features\", \"singular_values\", \"s_eff\", \"U\" (n_features rows of\n"
  "  modes), \"V\" (n_items rows of modes)}; NaN (s_eff when Sigma_x is not\n"
  "  c I) is null. Values have 17 significant digits.\n"
  "\n"
  "Exit status: 0 success, 2 bad arguments or a bad dataset (the message\n"
  "names file:line:column), 1 a numerical failure.\n";

#define SVD_ARENA_SLACK (1u << 20)  /* bytes beyond the sized tensors */

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
      dln_cli_print_json_string (out, names[i]);
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
          dln_cli_print_json_number (out, t->data[i * t->cols + j]);
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
  dln_cli_print_json_string (out, ds->name);
  fprintf (out, ",\n  \"seed\": %llu,\n  \"n_items\": %zu,\n"
           "  \"n_features\": %zu,\n  \"c\": ",
           (unsigned long long) ds->seed, ds->n_items, ds->n_features);
  dln_cli_print_json_number (out, m->c);
  fputs (",\n  \"items\": ", out);
  print_json_names (out, ds->item_names, ds->n_items);
  fputs (",\n  \"features\": ", out);
  print_json_names (out, ds->feature_names, ds->n_features);
  fputs (",\n  \"singular_values\": [", out);
  for (size_t k = 0; k < m->rank; k++)
    {
      if (k > 0)
        fputs (", ", out);
      dln_cli_print_json_number (out, m->s->data[k]);
    }
  fputs ("],\n  \"s_eff\": [", out);
  for (size_t k = 0; k < m->rank; k++)
    {
      if (k > 0)
        fputs (", ", out);
      dln_cli_print_json_number (out, m->s_eff->data[k]);
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

              if (!dln_cli_parse_uint (v, 0, G_MAXUINT64, &seed))
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
    return dln_cli_error (dln_cli_input_exit_status (status), "%s",
                          msg.text);
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
    return dln_cli_error (dln_cli_exit_status (status), "%s", msg.text);
  if (fflush (stdout) != 0)
    return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "cannot write the output");
  return DLN_CLI_EXIT_OK;
}

/* --- train, chain --- */

static const char train_help[] =
  "Usage: dlnlab-cli train --dataset NAME|FILE.csv [--depth D] [--hidden H]\n"
  "         [--lr F] [--init-scale G] [--epochs N] [--seed S]\n"
  "         [--init-weights FILE.json] [--save-weights FILE.json]\n"
  "         [--track ITEM,FEATURE] [--path auto|direct|reduced] [--theory]\n"
  "         [--init normal|torch-default] [--json]\n"
  "\n"
  "Full-batch gradient descent (plain SGD, W <- W - lr dL/dW) of a deep\n"
  "linear network yhat = W_D ... W_1 x with D weight matrices, hidden width\n"
  "H and no biases, on one-hot items; loss = mean over all P x N_out\n"
  "entries of (yhat - y)^2 (torch MSELoss, no 1/2). Defaults: the course's\n"
  "Tutorial 3 run (depth 2, hidden 30, lr 100, init scale 1e-12, 250\n"
  "epochs, seed 2021).\n"
  "\n"
  "  --dataset NAME     tree, tree-shark, tree-parrot, tree-table, or a CSV\n"
  "                     of items x features (header row of feature names,\n"
  "                     first column item names)\n"
  "  --depth D          weight matrices, 1 to 64 (default 2)\n"
  "  --hidden H         width of every hidden layer, 1 to 4096 (default 30)\n"
  "  --lr F             learning rate (default 100)\n"
  "  --init-scale G     W_l ~ N(0, (G / sqrt (n_in + n_out))^2) (default\n"
  "                     1e-12), drawn layer by layer, row-major, from the\n"
  "                     xoshiro256** stream seeded with S\n"
  "  --init K           normal (default, as above) or torch-default:\n"
  "                     torch.nn.Linear's U(-1/sqrt(n_in), 1/sqrt(n_in))\n"
  "                     (D18's zero-depth net; --init-scale is unused)\n"
  "  --epochs N         updates, 0 to 100000 (default 250)\n"
  "  --seed S           seed of the tree draw and of the initial weights\n"
  "                     (default 2021)\n"
  "  --init-weights F   start from these weights instead (JSON\n"
  "                     {\"layers\": [W_1, ...]}, each W a list of rows,\n"
  "                     n_out x n_in); depth and hidden come from the file;\n"
  "                     at most 64 layers of at most 2e7 values each\n"
  "  --save-weights F   write the final weights in that format\n"
  "  --track ITEM,FEATURE  also record yhat[ITEM, FEATURE] (names, or\n"
  "                     0-based indices); tree-shark and tree-parrot track\n"
  "                     their illusory pair unless told otherwise\n"
  "  --path P           auto (default): the exact reduced dynamics\n"
  "                     (docs/theory.md#reduction) when inputs are\n"
  "                     whitened, else direct\n"
  "  --theory           add theory_a1..theory_aK and theory_loss: the exact\n"
  "                     discrete map a <- a + h a^(D-1) (s_eff - a^D),\n"
  "                     u = a^D, from the analysis module (not the\n"
  "                     continuous sigmoid, which runs early at the course's\n"
  "                     step size), and the loss those strengths give.\n"
  "                     Start u0: a_k(0) at depth 1; at depth >= 2 the\n"
  "                     strength of the nearest balanced aligned path to the\n"
  "                     initial weights (docs/theory.md; at depth 2 the\n"
  "                     effective start |w_perp|^2/4). Modes beyond the\n"
  "                     narrowest layer (rank bound) start and stay at\n"
  "                     exactly 0, so theory_loss ends at their energy.\n"
  "                     nan when the inputs are not whitened\n"
  "  --json             one JSON object instead of CSV\n"
  "\n"
  "CSV: epoch,loss,sv1..svK,a1..aK[,track][,theory_a1..theory_aK,\n"
  "theory_loss]. Row e\n"
  "is the network after e updates (row 0 = the initial weights), every\n"
  "column at those weights: loss, the singular values of W_tot (descending)\n"
  "and the mode strengths a_k = u_k^T W_tot v_k on the data's SVD. (The\n"
  "course prints its epoch e with the loss before and the singular values\n"
  "after that epoch's step: course epoch e = our loss[e] with our sv[e+1].)\n"
  "JSON adds the hidden-layer RSMs (H H^T, plain dot products) per row.\n"
  "A run whose loss becomes NaN/Inf stops: rows end, a warning names the\n"
  "epoch, exit status 0.\n"
  "\n"
  "Exit status: 0 success, 2 bad arguments or input, 1 runtime failure.\n";

static const char chain_help[] =
  "Usage: dlnlab-cli chain --depth D --lr F --init-weight W [--epochs N]\n"
  "         [--seed S] [--samples N] [--count depth+1|depth]\n"
  "         [--gradient course|exact]\n"
  "\n"
  "The course's deep narrow linear chain (docs/demos.md, D08-D12): scalar\n"
  "weights w_i, all starting at W, yhat = (prod w_i) x, loss\n"
  "mean ((y - yhat)^2 / 2), full-batch gradient descent, on\n"
  "gen_samples (N, 2.0, 0.1): x ~ U[0, 1), y = 2 x + N(0, 0.1^2), drawn\n"
  "from the xoshiro256** stream seeded with S.\n"
  "\n"
  "  --depth D          depth; the weight count follows --count\n"
  "  --count C          depth+1 (default: D08, D09, D12) or depth (D10, D11)\n"
  "  --lr F             learning rate\n"
  "  --init-weight W    every weight's start\n"
  "  --epochs N         0 to 100000 (default 600)\n"
  "  --seed S           default 2021\n"
  "  --samples N        1 to 100000 (default 100); the work, epochs x\n"
  "                     (samples + weights), is at most 1e9 (about a\n"
  "                     second)\n"
  "  --gradient G       course (default): -mean(x E) prod(w) / (w_i + 1e-9),\n"
  "                     as the course computes it; exact: prod over j != i\n"
  "\n"
  "CSV: epoch,loss with the loss before each update. A non-finite gradient\n"
  "stops the run: rows end, a warning names the epoch, exit status 0.\n";

/* An item or feature by name, else by 0-based index. */
static long
find_index (char *const *names,
            size_t       n,
            const char  *token)
{
  guint64 idx;

  for (size_t i = 0; i < n; i++)
    if (strcmp (names[i], token) == 0)
      return (long) i;
  if (dln_cli_parse_uint (token, 0, n - 1, &idx))
    return (long) idx;
  return -1;
}

/* --- weights JSON: {"layers": [W_1, ...]}, W a list of rows --- */

/* Written atomically (dln-file.h): a full disk or a crash leaves the
 * previous file whole. */
static DlnStatus
save_weights (const char     *path,
              const DlnModel *m,
              DlnMessage     *msg)
{
  DlnAtomicFile af;
  FILE *f;
  char buf[32];
  DlnStatus st = dln_atomic_file_open (&af, path, msg);

  if (st != DLN_STATUS_OK)
    return st;
  f = af.fp;
  fputs ("{\"layers\": [", f);
  for (size_t l = 0; l < m->depth; l++)
    {
      const DlnTensor *w = m->layers[l];

      fputs (l > 0 ? ",\n  [" : "\n  [", f);
      for (size_t r = 0; r < w->rows; r++)
        {
          fputs (r > 0 ? ",\n   [" : "[", f);
          for (size_t c = 0; c < w->cols; c++)
            {
              if (c > 0)
                fputs (", ", f);
              /* JSON has no NaN/Inf: a diverged net's entries become null,
               * which --init-weights rejects with a clear message */
              if (isfinite (w->data[r * w->cols + c]))
                fputs (dln_cli_format_double (buf, w->data[r * w->cols + c]),
                       f);
              else
                fputs ("null", f);
            }
          fputc (']', f);
        }
      fputc (']', f);
    }
  fputs ("\n]}\n", f);
  return dln_atomic_file_commit (&af, msg);
}

static void
print_json_array (FILE         *out,
                  const double *v,
                  size_t        n)
{
  fputc ('[', out);
  for (size_t i = 0; i < n; i++)
    {
      if (i > 0)
        fputs (", ", out);
      dln_cli_print_json_number (out, v[i]);
    }
  fputc (']', out);
}

static void
train_print_json (FILE                 *out,
                  const DlnDataset     *ds,
                  const DlnModel       *init,
                  const DlnTrainer     *t,
                  const DlnCourseParams *params,
                  double                init_scale,
                  guint64               seed,
                  const double         *theory,
                  const double         *theory_loss)
{
  const DlnTrainRecord *rec = dln_trainer_get_record (t);
  const DlnTrainModes *md = dln_trainer_get_modes (t);
  size_t n = rec->n_states, k = rec->n_sv, p = rec->n_items;
  char buf[32];

  fputs ("{\n  \"dataset\": ", out);
  dln_cli_print_json_string (out, ds->name);
  fprintf (out, ",\n  \"seed\": %" G_GUINT64_FORMAT ",\n  \"depth\": %zu,\n"
           "  \"dims\": [", seed, init->depth);
  for (size_t l = 0; l <= init->depth; l++)
    fprintf (out, "%s%zu", l > 0 ? ", " : "", init->dims[l]);
  fprintf (out, "],\n  \"lr\": %s,\n", dln_cli_format_double (buf, params->lr));
  fputs ("  \"init_scale\": ", out);
  dln_cli_print_json_number (out, init_scale);
  fprintf (out, ",\n  \"path\": \"%s\",\n  \"epochs\": %zu,\n",
           dln_trainer_get_path (t) == DLN_TRAIN_PATH_REDUCED ? "reduced"
                                                              : "direct",
           dln_trainer_get_epoch (t));
  fputs ("  \"diverged_epoch\": ", out);
  if (rec->diverged_epoch >= 0)
    fprintf (out, "%ld", rec->diverged_epoch);
  else
    fputs ("null", out);
  fputs (",\n  \"rows\": \"row e = the network after e updates\",\n"
         "  \"items\": [", out);
  for (size_t i = 0; i < ds->n_items; i++)
    {
      if (i > 0)
        fputs (", ", out);
      dln_cli_print_json_string (out, ds->item_names[i]);
    }
  fputs ("],\n  \"s_eff\": ", out);
  print_json_array (out, md->s_eff, k);
  fputs (",\n  \"h\": ", out);
  dln_cli_print_json_number (out, md->h);
  fputs (",\n  \"loss\": ", out);
  print_json_array (out, rec->loss, n);
  fputs (",\n  \"sv\": [", out);
  for (size_t e = 0; e < n; e++)
    {
      fputs (e > 0 ? ",\n    " : "\n    ", out);
      print_json_array (out, dln_train_record_sv (rec, e), k);
    }
  fputs ("],\n  \"a\": [", out);
  for (size_t e = 0; e < n; e++)
    {
      fputs (e > 0 ? ",\n    " : "\n    ", out);
      print_json_array (out, dln_train_record_strength (rec, e), k);
    }
  fputs ("],\n  \"track\": ", out);
  if (params->n_track > 0)
    {
      double *v = g_new (double, n ? n : 1);

      for (size_t e = 0; e < n; e++)
        v[e] = rec->track[e];
      fputs ("{\"item\": ", out);
      dln_cli_print_json_string (out, ds->item_names[params->track_item]);
      fputs (", \"feature\": ", out);
      dln_cli_print_json_string (out, ds->feature_names[params->track_feature]);
      fputs (", \"values\": ", out);
      print_json_array (out, v, n);
      fputc ('}', out);
      g_free (v);
    }
  else
    fputs ("null", out);
  if (theory != NULL)
    {
      fputs (",\n  \"theory\": \"exact discrete map\",\n  \"theory_a\": [",
             out);
      for (size_t e = 0; e < n; e++)
        {
          fputs (e > 0 ? ",\n    " : "\n    ", out);
          print_json_array (out, theory + e * k, k);
        }
      fputs ("],\n  \"theory_loss\": ", out);
      print_json_array (out, theory_loss, n);
    }
  fputs (",\n  \"rsm\": [", out);
  for (size_t l = 1; l <= rec->n_rsm; l++)
    {
      fputs (l > 1 ? ",\n   [" : "\n   [", out);
      for (size_t e = 0; e < n; e++)
        {
          const double *r = dln_train_record_rsm (rec, e, l);

          fputs (e > 0 ? ",\n    [" : "\n    [", out);
          for (size_t i = 0; i < p; i++)
            {
              if (i > 0)
                fputs (", ", out);
              print_json_array (out, r + i * p, p);
            }
          fputc (']', out);
        }
      fputc (']', out);
    }
  fputs ("]\n}\n", out);
}

static void
train_print_csv (FILE                 *out,
                 const DlnTrainer     *t,
                 const DlnCourseParams *params,
                 const double         *theory,
                 const double         *theory_loss)
{
  const DlnTrainRecord *rec = dln_trainer_get_record (t);
  size_t k = rec->n_sv;
  char buf[32];

  fputs ("epoch,loss", out);
  for (size_t j = 1; j <= k; j++)
    fprintf (out, ",sv%zu", j);
  for (size_t j = 1; j <= k; j++)
    fprintf (out, ",a%zu", j);
  if (params->n_track > 0)
    fputs (",track", out);
  if (theory != NULL)
    {
      for (size_t j = 1; j <= k; j++)
        fprintf (out, ",theory_a%zu", j);
      fputs (",theory_loss", out);
    }
  fputc ('\n', out);
  for (size_t e = 0; e < rec->n_states; e++)
    {
      const double *sv = dln_train_record_sv (rec, e);
      const double *a = dln_train_record_strength (rec, e);

      fprintf (out, "%zu,%s", e, dln_cli_format_double (buf, rec->loss[e]));
      for (size_t j = 0; j < k; j++)
        fprintf (out, ",%s", dln_cli_format_double (buf, sv[j]));
      for (size_t j = 0; j < k; j++)
        fprintf (out, ",%s", dln_cli_format_double (buf, a[j]));
      if (params->n_track > 0)
        fprintf (out, ",%s", dln_cli_format_double (buf, rec->track[e]));
      if (theory != NULL)
        {
          for (size_t j = 0; j < k; j++)
            fprintf (out, ",%s",
                     dln_cli_format_double (buf, theory[e * k + j]));
          fprintf (out, ",%s", dln_cli_format_double (buf, theory_loss[e]));
        }
      fputc ('\n', out);
    }
}

static const char *const train_value_flags[] = {
  "--dataset", "--depth", "--hidden", "--lr", "--init-scale", "--epochs",
  "--seed", "--init-weights", "--save-weights", "--track", "--path",
  "--init", NULL,
};

static const char *const chain_value_flags[] = {
  "--depth", "--lr", "--init-weight", "--epochs", "--seed", "--samples",
  "--count", "--gradient", NULL,
};

/* Bounds on the work one command may ask for. The course trains for 250
 * to 600 epochs on 100 samples; 10^5 of each is far beyond any lesson.
 * The chain's work, epochs x (samples + weights), is capped at 10^9:
 * about a second of CPU. */
#define TRAIN_MAX_EPOCHS  100000
#define TRAIN_MAX_DEPTH   DLN_MODEL_MAX_DEPTH
#define TRAIN_MAX_HIDDEN  4096
#define CHAIN_MAX_SAMPLES 100000
#define CHAIN_MAX_WORK    1000000000.0  /* epochs x (samples + weights) */

int
dln_cli_train (int    argc,
               char **argv)
{
  const char *dataset = NULL, *init_path = NULL, *save_path = NULL;
  const char *track = NULL;
  gboolean depth_set = FALSE, hidden_set = FALSE, theory = FALSE;
  gboolean json = FALSE, torch_init = FALSE;
  guint64 seed;
  DlnCourseParams course;
  DlnCourseResult result;
  DlnCourseCache *cache = NULL;
  DlnDataset *ds = NULL;
  DlnArena *arena = NULL;
  DlnModel *init = NULL;
  const DlnTrainer *t;
  DlnMessage msg = { 0 };
  DlnStatus st;
  const double *theory_u = NULL, *theory_loss = NULL;
  int rc = DLN_CLI_EXIT_OK;

  /* The defaults are the course run's (dln_course_params_init). */
  dln_course_params_init (&course);
  seed = course.init_seed;
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i], *v;

      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          fputs (train_help, stdout);
          return DLN_CLI_EXIT_OK;
        }
      if (strcmp (arg, "--json") == 0)
        {
          json = TRUE;
          continue;
        }
      if (strcmp (arg, "--theory") == 0)
        {
          theory = TRUE;
          continue;
        }
      if (!g_strv_contains (train_value_flags, arg))
        return dln_cli_error (DLN_CLI_EXIT_USAGE, "unknown argument '%s' "
                              "(see dlnlab-cli train --help)", arg);
      v = dln_cli_option_value (argc, argv, &i, NULL);
      if (v == NULL)
        return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s needs a value", arg);
      if (strcmp (arg, "--dataset") == 0)
        dataset = v;
      else if (strcmp (arg, "--depth") == 0)
        {
          if (dln_cli_size_option (arg, v, 1, TRAIN_MAX_DEPTH,
                                   &course.depth) != 0)
            return DLN_CLI_EXIT_USAGE;
          depth_set = TRUE;
        }
      else if (strcmp (arg, "--hidden") == 0)
        {
          if (dln_cli_size_option (arg, v, 1, TRAIN_MAX_HIDDEN,
                                   &course.hidden) != 0)
            return DLN_CLI_EXIT_USAGE;
          hidden_set = TRUE;
        }
      else if (strcmp (arg, "--epochs") == 0)
        {
          if (dln_cli_size_option (arg, v, 0, TRAIN_MAX_EPOCHS,
                                   &course.epochs) != 0)
            return DLN_CLI_EXIT_USAGE;
        }
      else if (strcmp (arg, "--lr") == 0)
        {
          if (!dln_cli_parse_double (v, &course.lr) || !isfinite (course.lr)
              || course.lr <= 0)
            return dln_cli_error (DLN_CLI_EXIT_USAGE, "--lr needs a finite "
                                  "number > 0, got '%s'", v);
        }
      else if (strcmp (arg, "--init-scale") == 0)
        {
          if (!dln_cli_parse_double (v, &course.init_scale)
              || !isfinite (course.init_scale) || course.init_scale < 0)
            return dln_cli_error (DLN_CLI_EXIT_USAGE, "--init-scale needs a "
                                  "finite number >= 0, got '%s'", v);
        }
      else if (strcmp (arg, "--seed") == 0)
        {
          if (!dln_cli_parse_uint (v, 0, G_MAXUINT64, &seed))
            return dln_cli_error (DLN_CLI_EXIT_USAGE, "--seed needs a "
                                  "non-negative integer, got '%s'", v);
        }
      else if (strcmp (arg, "--init-weights") == 0)
        init_path = v;
      else if (strcmp (arg, "--save-weights") == 0)
        save_path = v;
      else if (strcmp (arg, "--track") == 0)
        track = v;
      else if (strcmp (arg, "--init") == 0)
        {
          static const char *const names[] = { "normal", "torch-default",
                                               NULL };
          int k;

          if (dln_cli_choice_option (arg, v, names, &k) != 0)
            return DLN_CLI_EXIT_USAGE;
          torch_init = k == 1;
          course.init = torch_init ? DLN_COURSE_INIT_TORCH_DEFAULT
                                   : DLN_COURSE_INIT_NORMAL;
        }
      else if (strcmp (arg, "--path") == 0)
        {
          static const char *const names[] = { "auto", "direct", "reduced",
                                               NULL };
          static const DlnTrainPath paths[] = {
            DLN_TRAIN_PATH_AUTO, DLN_TRAIN_PATH_DIRECT, DLN_TRAIN_PATH_REDUCED,
          };
          int k;

          if (dln_cli_choice_option (arg, v, names, &k) != 0)
            return DLN_CLI_EXIT_USAGE;
          course.path = paths[k];
        }
      else
        return dln_cli_error (DLN_CLI_EXIT_USAGE, "unknown argument '%s' "
                              "(see dlnlab-cli train --help)", arg);
    }
  if (dataset == NULL)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "missing --dataset NAME|FILE.csv "
                          "(see dlnlab-cli train --help)");
  if (init_path != NULL && (depth_set || hidden_set))
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "--init-weights sets the shape; "
                          "drop --depth and --hidden");

  st = dln_dataset_open (dataset, seed, &ds, &msg);
  if (st != DLN_STATUS_OK)
    return dln_cli_error (dln_cli_input_exit_status (st), "%s", msg.text);

  if (track != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (track, ",", 2);
      long item, feat;

      if (g_strv_length (parts) != 2)
        {
          rc = dln_cli_error (DLN_CLI_EXIT_USAGE, "--track needs ITEM,FEATURE, "
                              "got '%s'", track);
          goto out;
        }
      item = find_index (ds->item_names, ds->n_items, parts[0]);
      feat = find_index (ds->feature_names, ds->n_features, parts[1]);
      if (item < 0 || feat < 0)
        {
          rc = dln_cli_error (DLN_CLI_EXIT_USAGE, "--track: no %s '%s' in "
                              "dataset %s", item < 0 ? "item" : "feature",
                              item < 0 ? parts[0] : parts[1], ds->name);
          goto out;
        }
      course.n_track = 1;
      course.track_item = (size_t) item;
      course.track_feature = (size_t) feat;
    }
  else
    dln_course_params_track_dataset (&course, ds);
  course.init_seed = seed;

  if (init_path != NULL)
    {
      GStatBuf sb;  /* parsed weights take ~8x less than their text */
      char *error = NULL;

      arena = dln_arena_new (g_stat (init_path, &sb) == 0
                             ? 8 * (size_t) sb.st_size + (1u << 20)
                             : (1u << 20));
      if (arena == NULL)
        {
          rc = dln_cli_error (DLN_CLI_EXIT_RUNTIME, "out of memory");
          goto out;
        }
      st = dln_cli_weights_load (init_path, arena, &init, &error);
      if (st != DLN_STATUS_OK)
        {
          rc = dln_cli_error (dln_cli_input_exit_status (st), "%s",
                              error ? error : "out of memory");
          g_free (error);
          goto out;
        }
      if (init->dims[0] != ds->n_inputs
          || init->dims[init->depth] != ds->n_features)
        {
          rc = dln_cli_error (DLN_CLI_EXIT_USAGE, "%s: the network maps %zu "
                              "inputs to %zu outputs, dataset %s has %zu items "
                              "and %zu features", init_path, init->dims[0],
                              init->dims[init->depth], ds->name, ds->n_inputs,
                              ds->n_features);
          goto out;
        }
      course.start = init;
    }

  cache = dln_course_cache_new ();
  if (cache == NULL)
    {
      rc = dln_cli_error (DLN_CLI_EXIT_RUNTIME, "out of memory");
      goto out;
    }
  course.theory = theory;
  course.keep_weights = save_path != NULL;
  st = dln_course_run (&course, ds, cache, &result, &msg);
  if (st != DLN_STATUS_OK)
    {
      rc = dln_cli_error (dln_cli_exit_status (st), "%s", msg.text);
      goto out;
    }
  st = result.status;
  t = result.trainer;
  init = (DlnModel *) result.init;
  if (theory)
    {
      theory_u = result.theory_discrete;
      theory_loss = result.loss_discrete;
      if (!result.modes->whitened)
        dln_cli_warning ("--theory needs whitened inputs (one-hot items); "
                         "the theory columns are nan");
    }
  if (json)
    train_print_json (stdout, ds, init, t, &course,
                      init_path != NULL || torch_init ? NAN
                                                      : course.init_scale,
                      seed, theory_u, theory_loss);
  else
    train_print_csv (stdout, t, &course, theory_u, theory_loss);
  if (st == DLN_STATUS_DIVERGED)
    {
      const DlnTrainRecord *rec = dln_trainer_get_record (t);

      dln_cli_warning ("diverged at epoch %ld: the loss became %s after %ld "
                       "updates (lr %g); rows stop there",
                       rec->diverged_epoch,
                       isnan (rec->loss[rec->diverged_epoch]) ? "NaN"
                       : "infinite", rec->diverged_epoch, course.lr);
    }
  if (save_path != NULL)
    {
      if (st == DLN_STATUS_DIVERGED)
        dln_cli_warning ("diverged: --save-weights writes the last weights, "
                         "which are not finite");
      if (result.trained == NULL)
        {
          rc = dln_cli_error (DLN_CLI_EXIT_RUNTIME, "%s: %s", save_path,
                              msg.text);
          goto out;
        }
      if (save_weights (save_path, result.trained, &msg) != DLN_STATUS_OK)
        {
          rc = dln_cli_error (DLN_CLI_EXIT_RUNTIME, "%s", msg.text);
          goto out;
        }
    }
  if (fflush (stdout) != 0)
    rc = dln_cli_error (DLN_CLI_EXIT_RUNTIME, "cannot write the output");
out:
  dln_course_cache_free (cache);
  dln_arena_free (arena);
  dln_dataset_free (ds);
  return rc;
}

int
dln_cli_chain (int    argc,
               char **argv)
{
  size_t done = 0, n_weights;
  gboolean have_depth = FALSE, have_lr = FALSE, have_init = FALSE;
  DlnChainCourse course;
  DlnMessage msg = { 0 };
  DlnStatus st;
  double *loss;
  char buf[32];

  /* The defaults are the course's chain run (dln_chain_course_init). */
  dln_chain_course_init (&course);
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i], *v;

      if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0)
        {
          fputs (chain_help, stdout);
          return DLN_CLI_EXIT_OK;
        }
      if (!g_strv_contains (chain_value_flags, arg))
        return dln_cli_error (DLN_CLI_EXIT_USAGE, "unknown argument '%s' "
                              "(see dlnlab-cli chain --help)", arg);
      v = dln_cli_option_value (argc, argv, &i, NULL);
      if (v == NULL)
        return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s needs a value", arg);
      if (strcmp (arg, "--depth") == 0)
        {
          if (dln_cli_size_option (arg, v, 0, DLN_CHAIN_MAX_WEIGHTS - 1,
                                   &course.depth) != 0)
            return DLN_CLI_EXIT_USAGE;
          have_depth = TRUE;
        }
      else if (strcmp (arg, "--lr") == 0)
        {
          if (!dln_cli_parse_double (v, &course.lr) || !isfinite (course.lr))
            return dln_cli_error (DLN_CLI_EXIT_USAGE, "--lr needs a finite "
                                  "number, got '%s'", v);
          have_lr = TRUE;
        }
      else if (strcmp (arg, "--init-weight") == 0)
        {
          if (!dln_cli_parse_double (v, &course.init_weight)
              || !isfinite (course.init_weight))
            return dln_cli_error (DLN_CLI_EXIT_USAGE, "--init-weight needs a "
                                  "finite number, got '%s'", v);
          have_init = TRUE;
        }
      else if (strcmp (arg, "--epochs") == 0)
        {
          if (dln_cli_size_option (arg, v, 0, TRAIN_MAX_EPOCHS,
                                   &course.epochs) != 0)
            return DLN_CLI_EXIT_USAGE;
        }
      else if (strcmp (arg, "--samples") == 0)
        {
          if (dln_cli_size_option (arg, v, 1, CHAIN_MAX_SAMPLES,
                                   &course.samples) != 0)
            return DLN_CLI_EXIT_USAGE;
        }
      else if (strcmp (arg, "--seed") == 0)
        {
          if (!dln_cli_parse_uint (v, 0, G_MAXUINT64, &course.seed))
            return dln_cli_error (DLN_CLI_EXIT_USAGE, "--seed needs a "
                                  "non-negative integer, got '%s'", v);
        }
      else if (strcmp (arg, "--count") == 0)
        {
          static const char *const names[] = { "depth+1", "depth", NULL };
          int k;

          if (dln_cli_choice_option (arg, v, names, &k) != 0)
            return DLN_CLI_EXIT_USAGE;
          course.count = k == 0 ? DLN_CHAIN_COUNT_DEPTH_PLUS_ONE
                                : DLN_CHAIN_COUNT_DEPTH;
        }
      else if (strcmp (arg, "--gradient") == 0)
        {
          static const char *const names[] = { "course", "exact", NULL };
          int k;

          if (dln_cli_choice_option (arg, v, names, &k) != 0)
            return DLN_CLI_EXIT_USAGE;
          course.grad = k == 0 ? DLN_CHAIN_GRAD_COURSE : DLN_CHAIN_GRAD_EXACT;
        }
    }
  if (!have_depth || !have_lr || !have_init)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "missing %s (see dlnlab-cli "
                          "chain --help)", !have_depth ? "--depth D"
                          : !have_lr ? "--lr F" : "--init-weight W");
  n_weights = dln_chain_weight_count (course.depth, course.count);
  if (n_weights < 1)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "--depth 0 with --count depth "
                          "leaves no weights");
  if ((double) course.epochs * (double) (course.samples + n_weights)
      > CHAIN_MAX_WORK)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "--epochs %zu x (--samples %zu "
                          "+ %zu weights) is more work than the limit of "
                          "%.0e; use fewer epochs or samples", course.epochs,
                          course.samples, n_weights, CHAIN_MAX_WORK);
  loss = g_new (double, course.epochs ? course.epochs : 1);
  st = dln_chain_course_run (&course, loss, NULL, &done, &msg);
  if (st == DLN_STATUS_OK || st == DLN_STATUS_DIVERGED)
    {
      fputs ("epoch,loss\n", stdout);
      for (size_t e = 0; e < done; e++)
        printf ("%zu,%s\n", e, dln_cli_format_double (buf, loss[e]));
    }
  g_free (loss);
  if (st == DLN_STATUS_DIVERGED)
    dln_cli_warning ("%s (%zu weights); rows stop there", msg.text,
                     n_weights);
  else if (st != DLN_STATUS_OK)
    return dln_cli_error (dln_cli_exit_status (st), "%s", msg.text);
  if (fflush (stdout) != 0)
    return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "cannot write the output");
  return DLN_CLI_EXIT_OK;
}
