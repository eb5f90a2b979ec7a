/* Every dlnlab-cli option, from the commands' own option tables
 * (dln_cli_commands, app/dln-cli-option.h), against the running command:
 *
 *   default  the command without the option prints exactly what it prints
 *            with the option set to the table's default (under the
 *            arguments the row says it needs), so a default written in
 *            the table and the one the engine uses cannot drift apart;
 *   range    each finite bound runs (exit 0) and a value just beyond it is
 *            refused: exit 2, nothing on stdout, the option named on
 *            stderr; every choice runs, an unknown one is refused; a
 *            seed takes 0 .. 2^64 - 1;
 *   help     --help shows each option with its default and range.
 *
 * A new option is covered by adding it to its table: nothing to add here.
 * export writes files, so only its refusals run here (its figures'
 * options are checked by test-cli-options). */

#include "config.h"

#include "dln-cli-option.h"
#include "dln-test-util.h"

#include <glib.h>
#include <math.h>
#include <string.h>

typedef struct
{
  const DlnCliCommandSpec *spec;
  const DlnCliOption      *option;
} Case;

/* Bounds whose run is long (10^5 epochs, 10^6 steps, a hidden width of
 * 1024: seconds each): accepted by the table's own check here, not run. */
static gboolean
costly (const Case *c,
        double      v)
{
  return v == c->option->max
         && ((strcmp (c->spec->name, "train") == 0
              && (strcmp (c->option->name, "--epochs") == 0
                  || strcmp (c->option->name, "--hidden") == 0))
             || (strcmp (c->spec->name, "descend") == 0
                 && strcmp (c->option->name, "--steps") == 0));
}

/* The command, its example without @c's option (and its value), the
 * arguments the option needs, then @value when not NULL (a flag's
 * value is "" and adds the flag alone). */
static GPtrArray *
command_line (const Case *c,
              const char *value)
{
  GPtrArray *v = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) words = g_strsplit (c->spec->example, " ", -1);
  g_auto (GStrv) needs = g_strsplit (c->option->needs ? c->option->needs : "",
                                     " ", -1);

  g_ptr_array_add (v, g_strdup (c->spec->name));
  for (int i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (strcmp (words[i], c->option->name) == 0)
        {
          if (c->option->kind != DLN_CLI_FLAG && words[i + 1] != NULL)
            i++;
          continue;
        }
      g_ptr_array_add (v, g_strdup (words[i]));
    }
  for (int i = 0; needs[i] != NULL; i++)
    if (needs[i][0] != '\0')
      g_ptr_array_add (v, g_strdup (needs[i]));
  if (value != NULL)
    {
      g_ptr_array_add (v, g_strdup (c->option->name));
      if (c->option->kind != DLN_CLI_FLAG)
        g_ptr_array_add (v, g_strdup (value));
    }
  g_ptr_array_add (v, NULL);
  return v;
}

static int
run (const Case  *c,
     const char  *value,
     char       **out,
     char       **err)
{
  g_autoptr (GPtrArray) v = command_line (c, value);

  return dln_test_run_cliv (out, err, (const char *const *) v->pdata);
}

static void
expect_runs (const Case *c,
             const char *value)
{
  g_autofree char *out = NULL, *err = NULL;
  int st;

  if (c->spec->example == NULL)
    return;
  st = run (c, value, &out, &err);
  if (st != 0)
    g_error ("%s %s %s: exit %d: %s", c->spec->name, c->option->name, value,
             st, err);
  g_assert_cmpuint (strlen (out), >, 0);
}

static void
expect_refused (const Case *c,
                const char *value)
{
  g_autofree char *out = NULL, *err = NULL;
  DlnMessage msg = { { 0 }, 0, 0 };
  int st;

  /* the table's own check, then the running command */
  g_assert_cmpint (dln_cli_option_check (c->option, value, NULL, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  if (c->spec->example == NULL)
    {
      /* export: its own options come before FIGURE's */
      const char *args[] = { "export", "depth-loss", "--out", "never.png",
                             c->option->name, value, NULL };

      st = dln_test_run_cliv (&out, &err, args);
    }
  else
    st = run (c, value, &out, &err);
  if (st != 2 || strstr (err, c->option->name) == NULL)
    g_error ("%s %s %s: exit %d, expected 2 naming the option: %s",
             c->spec->name, c->option->name, value, st, err);
  g_assert_true (g_str_has_prefix (err, "dlnlab-cli: error: "));
  g_assert_cmpstr (out, ==, "");
}

static char *
format_number (double v,
               gboolean integer)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (integer)
    return g_strdup_printf ("%.0f", v);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.17g", v));
}

static void
test_option (gconstpointer data)
{
  const Case *c = data;
  const DlnCliOption *o = c->option;

  /* the default: valid by the table's own rule, and the command's own */
  if (o->def != NULL)
    {
      g_autofree char *plain = NULL, *perr = NULL, *out = NULL, *err = NULL;

      g_assert_cmpint (dln_cli_option_check (o, o->def, NULL, NULL), ==,
                       DLN_STATUS_OK);
      if (c->spec->example != NULL)
        {
          g_assert_cmpint (run (c, NULL, &plain, &perr), ==, 0);
          g_assert_cmpint (run (c, o->def, &out, &err), ==, 0);
          if (strcmp (out, plain) != 0)
            g_error ("%s: %s %s is not what the command does without it",
                     c->spec->name, o->name, o->def);
        }
    }

  switch (o->kind)
    {
    case DLN_CLI_INT:
    case DLN_CLI_NUMBER:
      {
        gboolean integer = o->kind == DLN_CLI_INT;
        double step_min = integer ? 1 : fmax (1e-9, 1e-6 * fabs (o->min));
        double step_max = integer ? 1 : fmax (1e-9, 1e-6 * fabs (o->max));

        g_assert_cmpfloat (o->min, <, o->max);
        if (isfinite (o->min))
          {
            g_autofree char *at = format_number (o->min, integer);
            g_autofree char *below = format_number (o->min - step_min,
                                                    integer);

            if (o->flags & DLN_CLI_OPEN_MIN)
              expect_refused (c, at);
            else
              expect_runs (c, at);
            expect_refused (c, below);
          }
        if (isfinite (o->max))
          {
            g_autofree char *at = format_number (o->max, integer);
            g_autofree char *above = format_number (o->max + step_max,
                                                    integer);

            if (o->flags & DLN_CLI_OPEN_MAX)
              expect_refused (c, at);
            else if (costly (c, o->max))
              g_assert_cmpint (dln_cli_option_check (o, at, NULL, NULL), ==,
                               DLN_STATUS_OK);
            else
              expect_runs (c, at);
            expect_refused (c, above);
          }
        if (integer)
          expect_refused (c, "1.5");
        expect_refused (c, "nan");
        expect_refused (c, "x");
      }
      break;
    case DLN_CLI_SEED:
      expect_runs (c, "0");
      expect_runs (c, "18446744073709551615");
      expect_refused (c, "18446744073709551616");
      expect_refused (c, "-1");
      break;
    case DLN_CLI_CHOICE:
      {
        g_auto (GStrv) names = g_strsplit (o->choices, "|", -1);

        for (int k = 0; names[k] != NULL; k++)
          if (c->spec->example != NULL)
            expect_runs (c, names[k]);
        expect_refused (c, "no-such-choice");
      }
      break;
    case DLN_CLI_FLAG:
    case DLN_CLI_TEXT:
      break;
    }
}

/* --help shows every option with its default and its range in words. */
static void
test_help (gconstpointer data)
{
  const DlnCliCommandSpec *spec = data;
  g_autofree char *out = dln_test_cli_help (spec->name);

  for (size_t k = 0; k < spec->n_options; k++)
    {
      const DlnCliOption *o = &spec->options[k];
      g_autofree char *range = dln_cli_option_range (o);
      g_autofree char *line = g_strdup_printf ("\n  %s ", o->name);
      g_autofree char *alone = g_strdup_printf ("\n  %s\n", o->name);
      const char *at = strstr (out, line);
      const char *next;
      g_autofree char *entry = NULL;

      /* "--init " is not "--init-scale" */
      if (at == NULL)
        at = strstr (out, alone);
      g_assert_nonnull (at);
      next = strstr (at + 1, "\n  --");
      entry = g_strndup (at, next ? (gsize) (next - at) : strlen (at));
      if (o->def != NULL)
        {
          g_autofree char *def = g_strdup_printf ("default %s", o->def);

          g_assert_nonnull (strstr (entry, def));
        }
      if (range != NULL)
        g_assert_nonnull (strstr (entry, range));
    }
}

int
main (int    argc,
      char **argv)
{
  size_t n, n_options = 0;
  const DlnCliCommandSpec *const *specs = dln_cli_commands (&n);
  GPtrArray *cases = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);
  for (size_t i = 0; i < n; i++)
    {
      g_autofree char *help = g_strdup_printf ("/dln/headless/cli/option-"
                                               "table/%s/help",
                                               specs[i]->name);

      g_test_add_data_func (help, specs[i], test_help);
      for (size_t k = 0; k < specs[i]->n_options; k++)
        {
          Case *c = g_new0 (Case, 1);
          g_autofree char *path = NULL;

          c->spec = specs[i];
          c->option = &specs[i]->options[k];
          g_ptr_array_add (cases, c);
          path = g_strdup_printf ("/dln/headless/cli/option-table/%s/%s",
                                  specs[i]->name, c->option->name + 2);
          g_test_add_data_func (path, c, test_option);
          n_options++;
        }
    }
  /* every command of dlnlab-cli --help, with its table */
  g_assert_cmpuint (n, ==, 9);
  g_assert_cmpuint (n_options, >, 60);
  return g_test_run ();
}
