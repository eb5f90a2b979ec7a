/* Every option's default and range, table-driven.
 *
 * dlnlab-cli: for each row, the command without the option must print
 * exactly what it prints with the option set to its documented default
 * (so a changed default shows), a different value must change the output
 * (so the option is not ignored), the values listed as accepted must run
 * and the values listed as rejected must fail with exit status 2, an
 * error on stderr and nothing on stdout.
 *
 * Required options have no default: their rows override the base's value
 * (the last occurrence of an option wins).
 *
 * The figure catalogue (dlnlab-cli export and the GUI's export): every
 * option of every entry has a valid default, accepts its bounds and
 * rejects what lies beyond them, and the Tutorial 3 figures default to
 * the pages' own run (dln_course_params_init). */

#include "config.h"

#include "dln-course.h"
#include "dln-figure-catalogue.h"
#include "dln-test-util.h"

#include <glib.h>
#include <math.h>
#include <string.h>

typedef struct
{
  const char *base;     /* command and required arguments, space-separated */
  const char *option;   /* "--hidden" */
  const char *def;      /* the documented default (NULL: no default) */
  const char *alt;      /* a value that must change the output (nullable) */
  const char *accept;   /* space-separated values that must run */
  const char *reject;   /* space-separated values that must be refused */
} OptionRow;

#define TRAIN "train --dataset tree --epochs 3"
#define CHAIN "chain --depth 3 --lr 0.05 --init-weight 0.9 --epochs 20"
#define DESCEND "descend --surface quadratic --start 1,1 --steps 5"

static const OptionRow rows[] = {
  /* train: the Tutorial 3 course run (docs/demos.md#d14) */
  { TRAIN, "--depth", "2", "3", "1 64", "0 65 -1 2.5 two" },
  { TRAIN, "--hidden", "30", "16", "1", "0 4097 -3 1e3" },
  { TRAIN, "--lr", "100", "50", "1e-9", "0 -1 nan inf abc" },
  { TRAIN, "--init-scale", "1e-12", "1e-3", "0", "-1e-12 inf nan" },
  { "train --dataset tree", "--epochs", "250", "10", "0",
    "-1 1000001 1.5" },
  { TRAIN, "--seed", "2021", "7", "0 18446744073709551615",
    "-1 18446744073709551616" },
  { TRAIN, "--init", "normal", "torch-default", NULL, "uniform" },
  { TRAIN, "--path", "auto", "direct", "reduced", "fast" },
  /* chain: the deep narrow chain (D08-D12) */
  { "chain --depth 3 --lr 0.05 --init-weight 0.9", "--epochs", "600", "50",
    "0", "-1 1000001" },
  { CHAIN, "--seed", "2021", "5", NULL, "-5" },
  { CHAIN, "--samples", "100", "10", "1", "0 10000001" },
  { CHAIN, "--count", "depth+1", "depth", NULL, "both" },
  { CHAIN, "--gradient", "course", "exact", NULL, "sloppy" },
  { CHAIN, "--lr", NULL, "0.01", "0", "inf nan x" },
  { CHAIN, "--init-weight", NULL, "0.5", "0 -1", "inf nan" },
  { CHAIN, "--depth", NULL, "4", "0", "-1 x" },
  /* descend: PyTorch 1.13's defaults, per optimizer */
  { DESCEND " --optimizer sgd", "--lr", "0.01", "0.1", "0", "-1 inf" },
  { DESCEND " --optimizer adam", "--lr", "0.001", "0.01", NULL, "-1" },
  { DESCEND " --optimizer momentum", "--momentum", "0.9", "0.5", "0", "-0.5" },
  { DESCEND " --optimizer nesterov", "--momentum", "0.9", "0.5", NULL,
    "-0.5" },
  { DESCEND " --optimizer momentum", "--dampening", "0", "0.5", NULL, NULL },
  { DESCEND " --optimizer sgd", "--weight-decay", "0", "0.1", NULL, "-1" },
  { DESCEND " --optimizer adagrad", "--lr-decay", "0", "0.5", NULL, NULL },
  { DESCEND " --optimizer adagrad", "--initial-accumulator", "0", "0.5",
    NULL, NULL },
  { DESCEND " --optimizer adagrad", "--eps", "1e-10", "0.1", "0", "-1" },
  { DESCEND " --optimizer rmsprop", "--alpha", "0.99", "0.5", "0", "1 -0.1" },
  { DESCEND " --optimizer rmsprop", "--eps", "1e-8", "0.1", NULL, NULL },
  { DESCEND " --optimizer adam", "--beta1", "0.9", "0.5", "0", "1 -0.1" },
  { DESCEND " --optimizer adam", "--beta2", "0.999", "0.5", "0", "1 -0.1" },
  { DESCEND " --optimizer adam", "--eps", "1e-8", "0.1", NULL, "-1" },
  { DESCEND " --optimizer sgd", "--cond", "10", "3", "1", "0.5 inf" },
  { DESCEND " --optimizer sgd", "--rotation", "0", "30", NULL, "inf" },
  { DESCEND " --optimizer sgd", "--steps", NULL, "6", "0 1000000",
    "-1 1000001 2.5" },
  { DESCEND " --optimizer sgd --steps 40", "--schedule", "constant", "step",
    NULL, "foo" },
  { DESCEND " --optimizer sgd --steps 40 --schedule step", "--gamma", "0.1",
    "0.5", NULL, NULL },
  { DESCEND " --optimizer sgd --steps 40 --schedule step", "--step-size",
    "30", "10", NULL, NULL },
  { DESCEND " --optimizer sgd --steps 40 --schedule exponential", "--gamma",
    "0.95", "0.5", NULL, NULL },
  { DESCEND " --optimizer sgd --steps 40 --schedule cosine", "--t-max",
    "100", "10", NULL, NULL },
  { DESCEND " --optimizer sgd --steps 40 --schedule cosine", "--eta-min",
    "0", "0.001", NULL, NULL },
  { DESCEND " --optimizer sgd --steps 40 --schedule warmup", "--warmup-iters",
    "5", "10", NULL, NULL },
  { DESCEND " --optimizer sgd --steps 40 --schedule warmup", "--warmup-end",
    "1", "0.5", NULL, NULL },
};

/* Runs base + extra (both space-separated, extra nullable); returns the
 * exit status and fills @out and @err. */
static int
run (const char  *base,
     const char  *option,
     const char  *value,
     char       **out,
     char       **err)
{
  g_auto (GStrv) args = g_strsplit (base, " ", -1);
  g_autoptr (GPtrArray) v = g_ptr_array_new ();

  for (int i = 0; args[i] != NULL; i++)
    g_ptr_array_add (v, args[i]);
  if (option != NULL)
    {
      g_ptr_array_add (v, (gpointer) option);
      g_ptr_array_add (v, (gpointer) value);
    }
  g_ptr_array_add (v, NULL);
  return dln_test_run_cliv (out, err, (const char *const *) v->pdata);
}

/* Runs @r's command with each of the space-separated @values (nullable)
 * for its option: each must exit with @want; a refusal (2) also says why
 * on stderr, naming the option, and prints nothing. */
static void
check_values (const OptionRow *r,
              const char      *values,
              int              want)
{
  g_auto (GStrv) vals = values != NULL ? g_strsplit (values, " ", -1) : NULL;

  for (int i = 0; vals != NULL && vals[i] != NULL; i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      int st = run (r->base, r->option, vals[i], &out, &err);

      if (st != want)
        g_test_message ("%s %s %s: exit status %d: %s", r->base, r->option,
                        vals[i], st, err);
      g_assert_cmpint (st, ==, want);
      if (want != 2)
        continue;
      g_assert_true (g_str_has_prefix (err, "dlnlab-cli: error: "));
      /* train and chain check their own options, and the message names
       * the option, so a refusal that only the engine further down makes
       * fails here; descend hands its hyperparameters to core's optimizer
       * check, whose message names them in words */
      if (!g_str_has_prefix (r->base, "descend ")
          && strstr (err, r->option) == NULL)
        {
          g_test_message ("%s %s %s: %s", r->base, r->option, vals[i], err);
          g_assert_nonnull (strstr (err, r->option));
        }
      g_assert_cmpstr (out, ==, "");
    }
}

static void
test_option (gconstpointer data)
{
  const OptionRow *r = data;
  g_autofree char *plain = NULL, *perr = NULL;

  g_assert_cmpint (run (r->base, NULL, NULL, &plain, &perr), ==, 0);
  g_assert_cmpuint (strlen (plain), >, 0);
  if (r->def != NULL)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run (r->base, r->option, r->def, &out, &err), ==, 0);
      /* same numbers with and without the documented default */
      g_assert_cmpstr (out, ==, plain);
    }
  if (r->alt != NULL)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run (r->base, r->option, r->alt, &out, &err), ==, 0);
      g_assert_cmpstr (out, !=, plain);
    }
  check_values (r, r->accept, 0);
  check_values (r, r->reject, 2);
}

/* --- The figure catalogue's option table --- */

static void
check_value (const DlnCatalogueEntry *e,
             const DlnFigureOption   *o,
             double                   v,
             gboolean                 valid)
{
  DlnFigureArgs args;
  DlnMessage msg = { { 0 }, 0 };
  char text[64];

  if (!isfinite (v))
    return;
  g_ascii_formatd (text, sizeof text, "%.17g", v);
  dln_figure_args_init (&args, e);
  if ((dln_figure_args_set (&args, o->name, text, &msg) == DLN_STATUS_OK)
      != valid)
    g_error ("%s --%s %s: expected %s", e->name, o->name, text,
             valid ? "accepted" : "refused");
}

static void
test_catalogue_ranges (void)
{
  size_t n;
  const DlnCatalogueEntry *const *all = dln_figure_catalogue (&n);

  g_assert_cmpuint (n, >, 10);
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < all[i]->n_options; k++)
      {
        const DlnCatalogueEntry *e = all[i];
        const DlnFigureOption *o = &e->options[k];
        DlnFigureArgs args;
        DlnMessage msg = { { 0 }, 0 };

        /* the default passes the option's own validation */
        dln_figure_args_init (&args, e);
        g_assert_cmpint (dln_figure_args_set (&args, o->name,
                                              o->default_value, &msg), ==,
                         DLN_STATUS_OK);
        switch (o->type)
          {
          case DLN_OPTION_DOUBLE:
          case DLN_OPTION_INT:
            {
              double step = o->type == DLN_OPTION_INT
                            ? 1 : fmax (1e-9, 1e-6 * fabs (o->max - o->min));

              g_assert_cmpfloat (o->min, <=, o->max);
              check_value (e, o, o->min, TRUE);
              check_value (e, o, o->max, TRUE);
              check_value (e, o, o->min - step, FALSE);
              check_value (e, o, o->max + step, FALSE);
              if (o->type == DLN_OPTION_INT && o->max > o->min)
                check_value (e, o, o->min + 0.5, FALSE);
            }
            break;
          case DLN_OPTION_CHOICE:
            g_assert_cmpint (dln_figure_args_set (&args, o->name,
                                                  "no-such-choice", &msg),
                             ==, DLN_STATUS_INVALID_INPUT);
            break;
          case DLN_OPTION_STRING:
            break;
          }
      }
}

/* The Tutorial 3 figures train the run the pages train: same defaults. */
static void
test_catalogue_course_defaults (void)
{
  size_t n, checked = 0;
  const DlnCatalogueEntry *const *all = dln_figure_catalogue (&n);
  DlnCourseParams p;

  dln_course_params_init (&p);
  for (size_t i = 0; i < n; i++)
    {
      DlnFigureArgs args;

      if (dln_figure_option_find (all[i], "hidden") < 0
          || dln_figure_option_find (all[i], "gamma") < 0)
        continue;
      dln_figure_args_init (&args, all[i]);
      g_assert_cmpint (dln_figure_args_int (&args, "hidden"), ==, p.hidden);
      g_assert_cmpfloat (dln_figure_args_double (&args, "lr"), ==, p.lr);
      g_assert_cmpfloat (dln_figure_args_double (&args, "gamma"), ==,
                         p.init_scale);
      g_assert_cmpint (dln_figure_args_int (&args, "epochs"), ==,
                       (long) p.epochs);
      g_assert_cmpint (dln_figure_args_int (&args, "seed"), ==,
                       (long) p.init_seed);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (size_t i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_auto (GStrv) words = g_strsplit (rows[i].base, " ", -1);
      g_autofree char *path = NULL;

      /* row numbers keep the paths apart (descend's --lr per optimizer) */
      path = g_strdup_printf ("/dln/cli/options/%s/%s-%zu", words[0],
                              rows[i].option + 2, i);
      g_test_add_data_func (path, &rows[i], test_option);
    }
  g_test_add_func ("/dln/cli/options/catalogue-ranges", test_catalogue_ranges);
  g_test_add_func ("/dln/cli/options/catalogue-course-defaults",
                   test_catalogue_course_defaults);
  return g_test_run ();
}
