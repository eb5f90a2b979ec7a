/* dlnlab-cli commands: svd, train and chain. (Over 800 lines: three
 * commands, their option tables and --help texts.) */

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

static const DlnCliOption svd_options[] = {
  { "--dataset", DLN_CLI_TEXT, "NAME|FILE.csv", NULL, 0, 0, DLN_CLI_REQUIRED,
    NULL, "tree, tree-shark, tree-parrot, tree-table, or a CSV\n"
    "file: header row 'item,feature_1,...', then one row\n"
    "per item 'name,v_1,...' ('#' lines are comments)", NULL },
  { "--seed", DLN_CLI_SEED, "S", G_STRINGIFY (DLN_DATASET_DEFAULT_SEED), 0, 0,
    0, NULL, "seed of the tree draw", NULL },
  DLN_CLI_JSON_OPTION,
};

const DlnCliCommandSpec dln_cli_svd_spec = {
  "svd", "--dataset NAME|FILE.csv [--seed S] [--json]",
  "SVD of the dataset's input-output correlation Sigma_yx = (1/P) sum y x^T\n"
  "(LAPACK dgesdd): its singular values s, the feature modes U (columns,\n"
  "one row per feature), the item modes V (one row per item), and s_eff =\n"
  "s / c, the values the mode strengths u_k^T W_tot v_k converge to when\n"
  "Sigma_x = c I (one-hot items: c = 1/P, so s_eff are the singular values\n"
  "of Y). Signs: each mode is flipped so that its largest item entry is\n"
  "positive (first item among ties).\n",
  svd_options, G_N_ELEMENTS (svd_options),
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
  "names file:line:column), 1 a numerical failure (LAPACK did not\n"
  "converge).\n",
  0, "--dataset tree",
};


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

/* A seed as a JSON integer; one beyond what JSON readers take as a
 * signed 64-bit integer as text. */
static void
json_add_seed (JsonBuilder *b,
               guint64      seed)
{
  if (seed <= G_MAXINT64)
    json_builder_add_int_value (b, (gint64) seed);
  else
    {
      char buf[32];

      g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, seed);
      json_builder_add_string_value (b, buf);
    }
}

/* The rows of a [n, k] row-major array, as a list of lists. */
static void
json_add_rows (JsonBuilder  *b,
               const double *v,
               size_t        n,
               size_t        k)
{
  json_builder_begin_array (b);
  for (size_t e = 0; e < n; e++)
    dln_cli_json_add_numbers (b, v + e * k, k);
  json_builder_end_array (b);
}

/* Opens the JSON object of a command's output on @ds: every one starts
 * with the dataset's name and the seed the run used. */
static void
json_begin_dataset (JsonBuilder      *b,
                    const DlnDataset *ds,
                    guint64           seed)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "dataset");
  dln_cli_json_add_string (b, ds->name);
  json_builder_set_member_name (b, "seed");
  json_add_seed (b, seed);
}

static void
svd_print_json (const DlnDataset *ds,
                const DlnModes   *m)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_begin_dataset (b, ds, ds->seed);
  json_builder_set_member_name (b, "n_items");
  json_builder_add_int_value (b, (gint64) ds->n_items);
  json_builder_set_member_name (b, "n_features");
  json_builder_add_int_value (b, (gint64) ds->n_features);
  json_builder_set_member_name (b, "c");
  dln_cli_json_add_number (b, m->c);
  json_builder_set_member_name (b, "items");
  dln_cli_json_add_strings (b, ds->item_names, ds->n_items);
  json_builder_set_member_name (b, "features");
  dln_cli_json_add_strings (b, ds->feature_names, ds->n_features);
  json_builder_set_member_name (b, "singular_values");
  dln_cli_json_add_numbers (b, m->s->data, m->rank);
  json_builder_set_member_name (b, "s_eff");
  dln_cli_json_add_numbers (b, m->s_eff->data, m->rank);
  json_builder_set_member_name (b, "U");
  json_add_rows (b, m->u->data, m->u->rows, m->u->cols);
  json_builder_set_member_name (b, "V");
  json_add_rows (b, m->v->data, m->v->rows, m->v->cols);
  json_builder_end_object (b);
  dln_cli_json_print (b, TRUE);
}

int
dln_cli_svd (int    argc,
             char **argv)
{
  DlnCliArgs args;
  const char *dataset;
  guint64 seed;
  gboolean json;
  DlnDataset *ds = NULL;
  DlnArena *arena;
  DlnModes modes;
  DlnMessage msg = { 0 };
  DlnStatus status;
  int rc;

  if (!dln_cli_args_parse_command (&args, &dln_cli_svd_spec, argc, argv,
                                   &rc))
    return rc;
  dataset = dln_cli_args_text (&args, "--dataset");
  seed = dln_cli_args_seed (&args, "--seed");
  json = dln_cli_args_given (&args, "--json");
  dln_cli_args_clear (&args);

  status = dln_dataset_open (dataset, seed, &ds, &msg);
  if (status != DLN_STATUS_OK)
    return dln_cli_error (dln_cli_input_exit_status (status), "%s",
                          msg.text);
  arena = dln_arena_new (dln_analysis_dataset_modes_budget (ds));
  if (arena == NULL)
    {
      dln_dataset_free (ds);
      return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "out of memory");
    }
  status = dln_analysis_dataset_modes (ds, arena, &modes, &msg);
  if (status == DLN_STATUS_OK)
    {
      if (json)
        svd_print_json (ds, &modes);
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

/* Bounds on the work one command may ask for. The course trains for 250
 * to 600 epochs on 100 samples; 10^5 of each is far beyond any lesson.
 * The course's hidden width is 30; the trainer's set-up grows as H^3
 * (6 s at 1024, over three minutes at 4096), so 1024 is the bound.
 * The chain's work, epochs x (samples + weights), is capped at 10^9:
 * about a second of CPU. */
#define TRAIN_MAX_EPOCHS  100000
#define TRAIN_MAX_DEPTH   DLN_MODEL_MAX_DEPTH
#define TRAIN_MAX_HIDDEN  1024
#define CHAIN_MAX_SAMPLES 100000
#define CHAIN_MAX_WORK    1000000000.0  /* epochs x (samples + weights) */

/* The defaults are the course run's (dln-course.h), printed; the
 * option-table test checks each against the running command. */
static const DlnCliOption train_options[] = {
  { "--dataset", DLN_CLI_TEXT, "NAME", NULL, 0, 0, DLN_CLI_REQUIRED, NULL,
    "tree, tree-shark, tree-parrot, tree-table, or a CSV\n"
    "of items x features (header row of feature names,\n"
    "first column item names)", NULL },
  { "--depth", DLN_CLI_INT, "D", G_STRINGIFY (DLN_COURSE_DEPTH), 1,
    TRAIN_MAX_DEPTH, 0, NULL, "weight matrices", NULL },
  { "--hidden", DLN_CLI_INT, "H", G_STRINGIFY (DLN_COURSE_HIDDEN), 1,
    TRAIN_MAX_HIDDEN, 0, NULL, "width of every hidden layer", NULL },
  { "--lr", DLN_CLI_NUMBER, "F", G_STRINGIFY (DLN_COURSE_LR), 0, INFINITY,
    DLN_CLI_OPEN_MIN, NULL, "learning rate", NULL },
  { "--init-scale", DLN_CLI_NUMBER, "G", G_STRINGIFY (DLN_COURSE_INIT_SCALE),
    0, INFINITY, 0, NULL,
    "W_l ~ N(0, (G / sqrt (n_in + n_out))^2), drawn\n"
    "layer by layer, row-major, from the xoshiro256**\n"
    "stream seeded with S", NULL },
  { "--init", DLN_CLI_CHOICE, "K", "normal", 0, 0, 0, "normal|torch-default",
    "normal (as above) or torch-default:\n"
    "torch.nn.Linear's U(-1/sqrt(n_in), 1/sqrt(n_in))\n"
    "(D18's zero-depth net; --init-scale is unused)", NULL },
  { "--epochs", DLN_CLI_INT, "N", G_STRINGIFY (DLN_COURSE_EPOCHS), 0,
    TRAIN_MAX_EPOCHS, 0, NULL, "updates", NULL },
  { "--seed", DLN_CLI_SEED, "S", G_STRINGIFY (DLN_COURSE_SEED), 0, 0, 0, NULL,
    "seed of the tree draw and of the initial weights", NULL },
  { "--init-weights", DLN_CLI_TEXT, "F", NULL, 0, 0, 0, NULL,
    "start from these weights instead (JSON\n"
    "{\"layers\": [W_1, ...]}, each W a list of rows,\n"
    "n_out x n_in); depth and hidden come from the file;\n"
    "at most 64 layers of at most 2e7 values each", NULL },
  { "--save-weights", DLN_CLI_TEXT, "F", NULL, 0, 0, 0, NULL,
    "write the final weights in that format", NULL },
  { "--track", DLN_CLI_TEXT, "ITEM,FEATURE", NULL, 0, 0, 0, NULL,
    "also record yhat[ITEM, FEATURE] (names, or\n"
    "0-based indices); tree-shark and tree-parrot track\n"
    "their illusory pair unless told otherwise", NULL },
  { "--path", DLN_CLI_CHOICE, "P", "auto", 0, 0, 0, "auto|direct|reduced",
    "auto: the exact reduced dynamics\n"
    "(docs/theory.md#reduction) when inputs are\n"
    "whitened, else direct", NULL },
  { "--theory", DLN_CLI_FLAG, NULL, NULL, 0, 0, 0, NULL,
    "add theory_a1..theory_aK and theory_loss: the exact\n"
    "discrete map a <- a + h a^(D-1) (s_eff - a^D),\n"
    "u = a^D, from the analysis module (not the\n"
    "continuous sigmoid, which runs early at the course's\n"
    "step size), and the loss those strengths give.\n"
    "Start u0: a_k(0) at depth 1; at depth >= 2 the\n"
    "strength of the nearest balanced aligned path to the\n"
    "initial weights (docs/theory.md; at depth 2 the\n"
    "effective start |w_perp|^2/4). Modes beyond the\n"
    "narrowest layer (rank bound) start and stay at\n"
    "exactly 0, so theory_loss ends at their energy.\n"
    "nan when the inputs are not whitened", NULL },
  { "--json", DLN_CLI_FLAG, NULL, NULL, 0, 0, 0, NULL,
    "one JSON object instead of CSV", NULL },
  DLN_CLI_PROGRESS_OPTION,
};

const DlnCliCommandSpec dln_cli_train_spec = {
  "train", "--dataset NAME|FILE.csv [--depth D] [--hidden H]\n"
  "         [--lr F] [--init-scale G] [--epochs N] [--seed S]\n"
  "         [--init-weights FILE.json] [--save-weights FILE.json]\n"
  "         [--track ITEM,FEATURE] [--path auto|direct|reduced] [--theory]\n"
  "         [--init normal|torch-default] [--json] [--progress]",
  "Full-batch gradient descent (plain SGD, W <- W - lr dL/dW) of a deep\n"
  "linear network yhat = W_D ... W_1 x with D weight matrices, hidden width\n"
  "H and no biases, on one-hot items; loss = mean over all P x N_out\n"
  "entries of (yhat - y)^2 (torch MSELoss, no 1/2). The defaults are the\n"
  "course's Tutorial 3 run.\n",
  train_options, G_N_ELEMENTS (train_options),
  "CSV: epoch,loss,sv1..svK,a1..aK[,track][,theory_a1..theory_aK,\n"
  "theory_loss]. Row e\n"
  "is the network after e updates (row 0 = the initial weights), every\n"
  "column at those weights: loss, the singular values of W_tot (descending)\n"
  "and the mode strengths a_k = u_k^T W_tot v_k on the data's SVD. (The\n"
  "course prints its epoch e with the loss before and the singular values\n"
  "after that epoch's step: course epoch e = our loss[e] with our sv[e+1].)\n"
  "JSON adds the hidden-layer RSMs (H H^T, plain dot products) per row.\n"
  "A run whose loss becomes NaN/Inf stops: rows end, a warning \"diverged\n"
  "at epoch N\" names the first state that is not finite, exit status 0.\n"
  "\n"
  "Exit status: 0 success (a diverged run included), 2 bad arguments or\n"
  "input, 1 runtime failure (out of memory, LAPACK did not converge, an\n"
  "output that cannot be written).\n",
  0, "--dataset tree --epochs 3",
};

/* The defaults are the course's chain run (dln-chain.h's macros, those of
 * dln_chain_course_init ()). */
static const DlnCliOption chain_options[] = {
  { "--depth", DLN_CLI_INT, "D", NULL, 0, DLN_CHAIN_MAX_WEIGHTS - 1,
    DLN_CLI_REQUIRED, NULL, "depth; the weight count follows --count", NULL },
  { "--count", DLN_CLI_CHOICE, "C", "depth+1", 0, 0, 0, "depth+1|depth",
    "depth+1 (D08, D09, D12) or depth (D10, D11)", NULL },
  { "--lr", DLN_CLI_NUMBER, "F", NULL, -INFINITY, INFINITY, DLN_CLI_REQUIRED,
    NULL, "learning rate", NULL },
  { "--init-weight", DLN_CLI_NUMBER, "W", NULL, -INFINITY, INFINITY,
    DLN_CLI_REQUIRED, NULL, "every weight's start", NULL },
  { "--epochs", DLN_CLI_INT, "N", G_STRINGIFY (DLN_CHAIN_DEFAULT_EPOCHS), 0,
    TRAIN_MAX_EPOCHS, 0, NULL, "updates", NULL },
  { "--seed", DLN_CLI_SEED, "S", G_STRINGIFY (DLN_CHAIN_DEFAULT_SEED), 0, 0,
    0, NULL, "seed of the samples", NULL },
  { "--samples", DLN_CLI_INT, "N", G_STRINGIFY (DLN_CHAIN_DEFAULT_SAMPLES), 1,
    CHAIN_MAX_SAMPLES, 0, NULL,
    "samples; the work, epochs x (samples + weights),\n"
    "is at most 1e9 (about a second)", NULL },
  { "--gradient", DLN_CLI_CHOICE, "G", "course", 0, 0, 0, "course|exact",
    "course: -mean(x E) prod(w) / (w_i + 1e-9), as the\n"
    "course computes it; exact: prod over j != i", NULL },
  DLN_CLI_PROGRESS_OPTION,
};

const DlnCliCommandSpec dln_cli_chain_spec = {
  "chain", "--depth D --lr F --init-weight W [--epochs N]\n"
  "         [--seed S] [--samples N] [--count depth+1|depth]\n"
  "         [--gradient course|exact] [--progress]",
  "The course's deep narrow linear chain (docs/demos.md, D08-D12): scalar\n"
  "weights w_i, all starting at W, yhat = (prod w_i) x, loss\n"
  "mean ((y - yhat)^2 / 2), full-batch gradient descent, on\n"
  "gen_samples (N, 2.0, 0.1): x ~ U[0, 1), y = 2 x + N(0, 0.1^2), drawn\n"
  "from the xoshiro256** stream seeded with S.\n",
  chain_options, G_N_ELEMENTS (chain_options),
  "CSV: epoch,loss with the loss before each update. A non-finite gradient\n"
  "stops the run: rows end, a warning \"diverged at epoch N\" names it,\n"
  "exit status 0.\n",
  0, "--depth 3 --lr 0.05 --init-weight 0.9 --epochs 20",
};

/* An item or feature: @by_name (dln_dataset_find_item () or _feature ()
 * of @token), else @token as a 0-based index below @n; -1 if neither. */
static long
name_or_index (long        by_name,
               size_t      n,
               const char *token)
{
  guint64 idx;

  if (by_name >= 0)
    return by_name;
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
train_print_json (const DlnDataset      *ds,
                  const DlnCourseResult *result,
                  const DlnCourseParams *params,
                  double                 init_scale,
                  gboolean               theory)
{
  const DlnTrainRecord *rec = result->record;
  const DlnTrainModes *md = result->modes;
  const DlnModel *init = result->init;
  size_t n = rec->n_states, k = rec->n_sv, p = rec->n_items;
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_begin_dataset (b, ds, params->init_seed);
  json_builder_set_member_name (b, "depth");
  json_builder_add_int_value (b, (gint64) init->depth);
  json_builder_set_member_name (b, "dims");
  json_builder_begin_array (b);
  for (size_t l = 0; l <= init->depth; l++)
    json_builder_add_int_value (b, (gint64) init->dims[l]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "lr");
  dln_cli_json_add_number (b, params->lr);
  json_builder_set_member_name (b, "init_scale");
  dln_cli_json_add_number (b, init_scale);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, dln_trainer_get_path (result->trainer)
                                    == DLN_TRAIN_PATH_REDUCED ? "reduced"
                                                              : "direct");
  json_builder_set_member_name (b, "epochs");
  json_builder_add_int_value (b, (gint64) dln_trainer_get_epoch (
                                            result->trainer));
  json_builder_set_member_name (b, "diverged_epoch");
  if (rec->diverged_epoch >= 0)
    json_builder_add_int_value (b, rec->diverged_epoch);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "rows");
  json_builder_add_string_value (b, "row e = the network after e updates");
  json_builder_set_member_name (b, "items");
  dln_cli_json_add_strings (b, ds->item_names, ds->n_items);
  json_builder_set_member_name (b, "s_eff");
  dln_cli_json_add_numbers (b, md->s_eff, k);
  json_builder_set_member_name (b, "h");
  dln_cli_json_add_number (b, md->h);
  json_builder_set_member_name (b, "loss");
  dln_cli_json_add_numbers (b, rec->loss, n);
  /* the record keeps each state's row after the previous one */
  json_builder_set_member_name (b, "sv");
  json_add_rows (b, dln_train_record_sv (rec, 0), n, k);
  json_builder_set_member_name (b, "a");
  json_add_rows (b, dln_train_record_strength (rec, 0), n, k);
  json_builder_set_member_name (b, "track");
  if (params->n_track > 0)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "item");
      dln_cli_json_add_string (b, ds->item_names[params->track_item]);
      json_builder_set_member_name (b, "feature");
      dln_cli_json_add_string (b, ds->feature_names[params->track_feature]);
      json_builder_set_member_name (b, "values");
      /* one tracked pair: the record's track column is the values */
      dln_cli_json_add_numbers (b, rec->track, n);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  if (theory)
    {
      json_builder_set_member_name (b, "theory");
      json_builder_add_string_value (b, "exact discrete map");
      json_builder_set_member_name (b, "theory_a");
      json_add_rows (b, result->theory_discrete, n, k);
      json_builder_set_member_name (b, "theory_loss");
      dln_cli_json_add_numbers (b, result->loss_discrete, n);
    }
  json_builder_set_member_name (b, "rsm");
  json_builder_begin_array (b);
  for (size_t l = 1; l <= rec->n_rsm; l++)
    {
      json_builder_begin_array (b);
      for (size_t e = 0; e < n; e++)
        json_add_rows (b, dln_train_record_rsm (rec, e, l), p, p);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  /* one line: thousands of numbers per run */
  dln_cli_json_print (b, FALSE);
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

/* --- train, in steps: options, data, start, run, report --- */

typedef struct
{
  DlnCourseParams course;
  const char     *dataset;
  const char     *init_path;   /* --init-weights */
  const char     *save_path;   /* --save-weights */
  const char     *track;
  gboolean        json;
  gboolean        progress;
} TrainOptions;

/* The course run's parameters with what the command line changes. Returns
 * 0, an exit status, or -1 after printing --help. */
static int
train_options_parse (TrainOptions  *o,
                     int            argc,
                     char         **argv)
{
  static const DlnTrainPath paths[] = {
    DLN_TRAIN_PATH_AUTO, DLN_TRAIN_PATH_DIRECT, DLN_TRAIN_PATH_REDUCED,
  };
  DlnCliArgs a;
  int rc;

  memset (o, 0, sizeof *o);
  if (!dln_cli_args_parse_command (&a, &dln_cli_train_spec, argc, argv, &rc))
    return rc != 0 ? rc : -1;
  /* The course run's defaults (dln_course_params_init); only what was
   * given changes them. */
  dln_course_params_init (&o->course);
  dln_cli_args_update_size (&a, "--depth", &o->course.depth);
  dln_cli_args_update_size (&a, "--hidden", &o->course.hidden);
  dln_cli_args_update_size (&a, "--epochs", &o->course.epochs);
  dln_cli_args_update_number (&a, "--lr", &o->course.lr);
  dln_cli_args_update_number (&a, "--init-scale", &o->course.init_scale);
  dln_cli_args_update_seed (&a, "--seed", &o->course.init_seed);
  if (dln_cli_args_given (&a, "--init"))
    o->course.init = dln_cli_args_choice (&a, "--init") == 1
                     ? DLN_COURSE_INIT_TORCH_DEFAULT : DLN_COURSE_INIT_NORMAL;
  if (dln_cli_args_given (&a, "--path"))
    o->course.path = paths[dln_cli_args_choice (&a, "--path")];
  o->course.theory = dln_cli_args_given (&a, "--theory");
  o->dataset = dln_cli_args_text (&a, "--dataset");
  o->init_path = dln_cli_args_text (&a, "--init-weights");
  o->save_path = dln_cli_args_text (&a, "--save-weights");
  o->track = dln_cli_args_text (&a, "--track");
  o->json = dln_cli_args_given (&a, "--json");
  o->progress = dln_cli_args_given (&a, "--progress");
  o->course.keep_weights = o->save_path != NULL;
  if (o->init_path != NULL && (dln_cli_args_given (&a, "--depth")
                               || dln_cli_args_given (&a, "--hidden")))
    rc = dln_cli_error (DLN_CLI_EXIT_USAGE, "--init-weights sets the shape; "
                        "drop --depth and --hidden");
  dln_cli_args_clear (&a);
  return rc;
}

/* The tracked pair: --track ITEM,FEATURE, else the dataset's own. */
static int
train_track (TrainOptions     *o,
             const DlnDataset *ds)
{
  g_auto (GStrv) parts = NULL;
  long item, feat;

  if (o->track == NULL)
    {
      dln_course_params_track_dataset (&o->course, ds);
      return 0;
    }
  parts = g_strsplit (o->track, ",", 2);
  if (g_strv_length (parts) != 2)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "--track needs ITEM,FEATURE, "
                          "got '%s'", o->track);
  item = name_or_index (dln_dataset_find_item (ds, parts[0]), ds->n_items,
                        parts[0]);
  feat = name_or_index (dln_dataset_find_feature (ds, parts[1]),
                        ds->n_features, parts[1]);
  if (item < 0 || feat < 0)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "--track: no %s '%s' in "
                          "dataset %s", item < 0 ? "item" : "feature",
                          item < 0 ? parts[0] : parts[1], ds->name);
  o->course.n_track = 1;
  o->course.track_item = (size_t) item;
  o->course.track_feature = (size_t) feat;
  return 0;
}

/* --init-weights: the start, in an arena of its own (@arena). */
static int
train_load_start (TrainOptions     *o,
                  const DlnDataset *ds,
                  DlnArena        **arena)
{
  GStatBuf sb;  /* parsed weights take ~8x less than their text */
  g_autofree char *error = NULL;
  DlnModel *init = NULL;
  DlnStatus st;

  if (o->init_path == NULL)
    return 0;
  *arena = dln_arena_new (g_stat (o->init_path, &sb) == 0
                          ? 8 * (size_t) sb.st_size + (1u << 20)
                          : (1u << 20));
  if (*arena == NULL)
    return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "out of memory");
  st = dln_cli_weights_load (o->init_path, *arena, &init, &error);
  if (st != DLN_STATUS_OK)
    return dln_cli_error (dln_cli_input_exit_status (st), "%s",
                          error ? error : "out of memory");
  if (init->dims[0] != ds->n_inputs
      || init->dims[init->depth] != ds->n_features)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s: the network maps %zu "
                          "inputs to %zu outputs, dataset %s has %zu items "
                          "and %zu features", o->init_path, init->dims[0],
                          init->dims[init->depth], ds->name, ds->n_inputs,
                          ds->n_features);
  o->course.start = init;
  return 0;
}

/* Prints the run (CSV or JSON), warns about a divergence, writes
 * --save-weights. */
static int
train_report (const TrainOptions    *o,
              const DlnDataset      *ds,
              const DlnCourseResult *result,
              DlnMessage            *msg)
{
  const DlnTrainRecord *rec = result->record;
  gboolean theory = o->course.theory;

  if (theory && !result->modes->whitened)
    dln_cli_warning ("--theory needs whitened inputs (one-hot items); "
                     "the theory columns are nan");
  if (o->json)
    train_print_json (ds, result, &o->course,
                      o->init_path != NULL
                      || o->course.init == DLN_COURSE_INIT_TORCH_DEFAULT
                      ? NAN : o->course.init_scale, theory);
  else
    train_print_csv (stdout, result->trainer, &o->course,
                     theory ? result->theory_discrete : NULL,
                     theory ? result->loss_discrete : NULL);
  if (result->status == DLN_STATUS_DIVERGED)
    dln_cli_warning ("diverged at epoch %ld: the loss became %s after %ld "
                     "updates (lr %g); rows stop there",
                     rec->diverged_epoch,
                     isnan (rec->loss[rec->diverged_epoch]) ? "NaN"
                     : "infinite", rec->diverged_epoch, o->course.lr);
  if (o->save_path == NULL)
    return DLN_CLI_EXIT_OK;
  if (result->status == DLN_STATUS_DIVERGED)
    dln_cli_warning ("diverged: --save-weights writes the last weights, "
                     "which are not finite");
  if (result->trained == NULL)
    return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "%s: %s", o->save_path,
                          msg->text);
  if (save_weights (o->save_path, result->trained, msg) != DLN_STATUS_OK)
    return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "%s", msg->text);
  return DLN_CLI_EXIT_OK;
}

int
dln_cli_train (int    argc,
               char **argv)
{
  TrainOptions o;
  DlnCourseResult result;
  DlnCourseCache *cache = NULL;
  DlnDataset *ds = NULL;
  DlnArena *arena = NULL;
  DlnCliProgress progress;
  DlnMessage msg = { 0 };
  DlnStatus st;
  int rc = train_options_parse (&o, argc, argv);

  if (rc != 0)
    return rc < 0 ? DLN_CLI_EXIT_OK : rc;
  st = dln_dataset_open (o.dataset, o.course.init_seed, &ds, &msg);
  if (st != DLN_STATUS_OK)
    return dln_cli_error (dln_cli_input_exit_status (st), "%s", msg.text);
  rc = train_track (&o, ds);
  if (rc == 0)
    rc = train_load_start (&o, ds, &arena);
  if (rc == 0 && (cache = dln_course_cache_new ()) == NULL)
    rc = dln_cli_error (DLN_CLI_EXIT_RUNTIME, "out of memory");
  if (rc == 0)
    {
      dln_cli_progress_init (&progress, "train", "epoch", o.progress);
      o.course.progress = dln_cli_progress_update;
      o.course.progress_data = &progress;
      st = dln_course_run (&o.course, ds, cache, &result, &msg);
      dln_cli_progress_end (&progress);
      if (st != DLN_STATUS_OK)
        rc = dln_cli_error (dln_cli_exit_status (st), "%s", msg.text);
      else
        rc = train_report (&o, ds, &result, &msg);
    }
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
  DlnCliArgs a;
  DlnCliProgress progress;
  DlnChainCourse course;
  DlnMessage msg = { 0 };
  DlnStatus st;
  double *loss;
  char buf[32];
  int rc;

  if (!dln_cli_args_parse_command (&a, &dln_cli_chain_spec, argc, argv,
                                   &rc))
    return rc;
  /* The defaults are the course's chain run (dln_chain_course_init). */
  dln_chain_course_init (&course);
  course.depth = dln_cli_args_size (&a, "--depth");
  course.lr = dln_cli_args_number (&a, "--lr");
  course.init_weight = dln_cli_args_number (&a, "--init-weight");
  dln_cli_args_update_size (&a, "--epochs", &course.epochs);
  dln_cli_args_update_size (&a, "--samples", &course.samples);
  dln_cli_args_update_seed (&a, "--seed", &course.seed);
  if (dln_cli_args_given (&a, "--count"))
    course.count = dln_cli_args_choice (&a, "--count") == 0
                   ? DLN_CHAIN_COUNT_DEPTH_PLUS_ONE : DLN_CHAIN_COUNT_DEPTH;
  if (dln_cli_args_given (&a, "--gradient"))
    course.grad = dln_cli_args_choice (&a, "--gradient") == 0
                  ? DLN_CHAIN_GRAD_COURSE : DLN_CHAIN_GRAD_EXACT;
  dln_cli_progress_init (&progress, "chain", "epoch",
                         dln_cli_args_given (&a, "--progress"));
  dln_cli_args_clear (&a);

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
  course.progress = dln_cli_progress_update;
  course.progress_data = &progress;
  st = dln_chain_course_run (&course, loss, NULL, &done, &msg);
  dln_cli_progress_end (&progress);
  if (st == DLN_STATUS_OK || st == DLN_STATUS_DIVERGED)
    {
      /* CSV is streamed row by row (printf with %.17g) */
      fputs ("epoch,loss\n", stdout);
      for (size_t e = 0; e < done; e++)
        printf ("%zu,%s\n", e, dln_cli_format_double (buf, loss[e]));
    }
  g_free (loss);
  if (st == DLN_STATUS_DIVERGED)
    dln_cli_warning ("%s (%zu weights, lr %g); rows stop there", msg.text,
                     n_weights, course.lr);
  else if (st != DLN_STATUS_OK)
    return dln_cli_error (dln_cli_exit_status (st), "%s", msg.text);
  return DLN_CLI_EXIT_OK;
}
