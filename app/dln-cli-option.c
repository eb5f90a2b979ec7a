/* dlnlab-cli: parsing and --help from each command's option table
 * (dln-cli-option.h). */

#include "config.h"

#include "dln-cli.h"
#include "dln-cli-option.h"

#include <math.h>
#include <string.h>

/* A bound in words: integers without a fraction, others as %g. */
static void
append_bound (GString *s,
              double   v)
{
  char buf[32];

  if (v == floor (v) && fabs (v) < 1e15)
    g_string_append_printf (s, "%.0f", v);
  else
    g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%g", v));
}

/* "a, b or c" from "a|b|c" */
static char *
choices_in_words (const char *choices)
{
  g_auto (GStrv) names = g_strsplit (choices, "|", -1);
  guint n = g_strv_length (names);
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < n; k++)
    g_string_append_printf (s, "%s%s", k == 0 ? "" : k == n - 1 ? " or "
                            : ", ", names[k]);
  return g_string_free (s, FALSE);
}

char *
dln_cli_option_range (const DlnCliOption *o)
{
  GString *s;

  switch (o->kind)
    {
    case DLN_CLI_FLAG:
    case DLN_CLI_TEXT:
      return NULL;
    case DLN_CLI_CHOICE:
      return choices_in_words (o->choices);
    case DLN_CLI_SEED:
      return g_strdup ("an integer from 0 to 18446744073709551615");
    case DLN_CLI_INT:
      s = g_string_new ("an integer from ");
      append_bound (s, o->min);
      g_string_append (s, " to ");
      append_bound (s, o->max);
      return g_string_free (s, FALSE);
    case DLN_CLI_NUMBER:
      s = g_string_new ("a finite number");
      if (isfinite (o->min))
        {
          g_string_append (s, (o->flags & DLN_CLI_OPEN_MIN) ? " > " : " >= ");
          append_bound (s, o->min);
        }
      if (isfinite (o->max))
        {
          g_string_append (s, isfinite (o->min) ? " and " : " ");
          g_string_append (s, (o->flags & DLN_CLI_OPEN_MAX) ? "< " : "<= ");
          append_bound (s, o->max);
        }
      return g_string_free (s, FALSE);
    }
  return NULL;
}

DlnStatus
dln_cli_option_check (const DlnCliOption *o,
                      const char         *value,
                      DlnCliValue        *meaning,
                      DlnMessage         *msg)
{
  double v = 0;
  guint64 u = 0;
  gboolean ok = TRUE;

  switch (o->kind)
    {
    case DLN_CLI_FLAG:
    case DLN_CLI_TEXT:
      return DLN_STATUS_OK;
    case DLN_CLI_CHOICE:
      {
        g_auto (GStrv) names = g_strsplit (o->choices, "|", -1);

        for (int k = 0; names[k] != NULL; k++)
          if (strcmp (names[k], value) == 0)
            {
              if (meaning != NULL)
                meaning->choice = k;
              return DLN_STATUS_OK;
            }
        {
          g_autofree char *words = choices_in_words (o->choices);

          dln_message_set (msg, 0, "%s is %s, not '%s'", o->name, words,
                           value);
        }
        return DLN_STATUS_INVALID_INPUT;
      }
    case DLN_CLI_SEED:
      ok = dln_cli_parse_uint (value, 0, G_MAXUINT64, &u);
      break;
    case DLN_CLI_INT:
      ok = dln_cli_parse_uint (value, (guint64) o->min, (guint64) o->max,
                               &u);
      v = (double) u;
      break;
    case DLN_CLI_NUMBER:
      ok = dln_cli_parse_double (value, &v) && isfinite (v)
           && ((o->flags & DLN_CLI_OPEN_MIN) ? v > o->min : v >= o->min)
           && ((o->flags & DLN_CLI_OPEN_MAX) ? v < o->max : v <= o->max);
      break;
    }
  if (!ok)
    {
      g_autofree char *range = dln_cli_option_range (o);

      dln_message_set (msg, 0, "%s needs %s, got '%s'", o->name, range,
                       value);
      return DLN_STATUS_INVALID_INPUT;
    }
  if (meaning != NULL)
    {
      meaning->number = v;
      meaning->seed = u;
    }
  return DLN_STATUS_OK;
}

static int
find_option (const DlnCliCommandSpec *spec,
             const char              *name,
             size_t                   len)
{
  for (size_t k = 0; k < spec->n_options; k++)
    if (strlen (spec->options[k].name) == len
        && strncmp (spec->options[k].name, name, len) == 0)
      return (int) k;
  return -1;
}

static int
option_index (const DlnCliArgs *args,
              const char       *name)
{
  int k = find_option (args->spec, name, strlen (name));

  g_assert (k >= 0);  /* a name missing from the table is a bug here */
  return k;
}

int
dln_cli_args_parse (DlnCliArgs              *args,
                    const DlnCliCommandSpec *spec,
                    int                      argc,
                    char                   **argv)
{
  gboolean only_positional = FALSE;

  g_assert (spec->n_options <= DLN_CLI_MAX_OPTIONS);
  memset (args, 0, sizeof *args);
  args->spec = spec;
  args->positional = g_new0 (const char *, argc > 0 ? argc : 1);
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i], *eq, *value;
      const DlnCliOption *o;
      DlnMessage msg;
      int k;

      if (!only_positional && strcmp (arg, "--") == 0 && spec->positional)
        {
          only_positional = TRUE;
          continue;
        }
      if (!only_positional && (strcmp (arg, "--help") == 0
                               || strcmp (arg, "-h") == 0))
        {
          args->help = TRUE;
          return 0;
        }
      if (only_positional || strncmp (arg, "--", 2) != 0)
        {
          if (spec->positional == 0)
            return dln_cli_error (DLN_CLI_EXIT_USAGE, "unexpected argument "
                                  "'%s' (see dlnlab-cli %s --help)", arg,
                                  spec->name);
          args->positional[args->n_positional++] = arg;
          continue;
        }
      eq = strchr (arg, '=');
      k = find_option (spec, arg, eq != NULL ? (size_t) (eq - arg)
                                             : strlen (arg));
      if (k < 0)
        return dln_cli_error (DLN_CLI_EXIT_USAGE, "unknown option '%.*s' "
                              "(see dlnlab-cli %s --help)",
                              eq != NULL ? (int) (eq - arg)
                                         : (int) strlen (arg), arg,
                              spec->name);
      o = &spec->options[k];
      if (o->kind == DLN_CLI_FLAG)
        {
          if (eq != NULL)
            return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s takes no value",
                                  o->name);
          args->given[k] = TRUE;
          continue;
        }
      value = dln_cli_option_value (argc, argv, &i, eq);
      if (value == NULL)
        return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s needs a value",
                              o->name);
      if (dln_cli_option_check (o, value, &args->value[k], &msg)
          != DLN_STATUS_OK)
        return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s", msg.text);
      args->given[k] = TRUE;
      args->text[k] = value;
    }
  for (size_t k = 0; k < spec->n_options; k++)
    if ((spec->options[k].flags & DLN_CLI_REQUIRED) && !args->given[k])
      return dln_cli_error (DLN_CLI_EXIT_USAGE, "missing %s%s%s (see "
                            "dlnlab-cli %s --help)", spec->options[k].name,
                            spec->options[k].metavar ? " " : "",
                            spec->options[k].metavar
                            ? spec->options[k].metavar : "", spec->name);
  return 0;
}

gboolean
dln_cli_args_parse_command (DlnCliArgs              *args,
                            const DlnCliCommandSpec *spec,
                            int                      argc,
                            char                   **argv,
                            int                     *rc)
{
  *rc = dln_cli_args_parse (args, spec, argc, argv);
  if (*rc == 0 && !args->help)
    return TRUE;
  if (*rc == 0)
    dln_cli_print_help (spec, stdout);
  dln_cli_args_clear (args);
  return FALSE;
}

void
dln_cli_args_clear (DlnCliArgs *args)
{
  g_clear_pointer (&args->positional, g_free);
}

gboolean
dln_cli_args_given (const DlnCliArgs *args,
                    const char       *name)
{
  return args->given[option_index (args, name)];
}

/* The option's value, or its default through its own check, so that a
 * default and a given value mean the same thing. */
static DlnCliValue
value_of (const DlnCliArgs *args,
          const char       *name)
{
  int k = option_index (args, name);
  const DlnCliOption *o = &args->spec->options[k];
  DlnCliValue v = { 0, 0, -1 };

  if (args->given[k])
    v = args->value[k];
  else if (o->def == NULL
           || dln_cli_option_check (o, o->def, &v, NULL) != DLN_STATUS_OK)
    {
      v.number = 0;
      v.seed = 0;
      v.choice = -1;
    }
  return v;
}

double
dln_cli_args_number (const DlnCliArgs *args,
                     const char       *name)
{
  return value_of (args, name).number;
}

size_t
dln_cli_args_size (const DlnCliArgs *args,
                   const char       *name)
{
  return (size_t) dln_cli_args_number (args, name);
}

guint64
dln_cli_args_seed (const DlnCliArgs *args,
                   const char       *name)
{
  return value_of (args, name).seed;
}

int
dln_cli_args_choice (const DlnCliArgs *args,
                     const char       *name)
{
  return value_of (args, name).choice;
}

const char *
dln_cli_args_text (const DlnCliArgs *args,
                   const char       *name)
{
  int k = option_index (args, name);

  return args->given[k] ? args->text[k] : args->spec->options[k].def;
}

void
dln_cli_args_update_number (const DlnCliArgs *args,
                            const char       *name,
                            double           *value)
{
  if (dln_cli_args_given (args, name))
    *value = dln_cli_args_number (args, name);
}

void
dln_cli_args_update_size (const DlnCliArgs *args,
                          const char       *name,
                          size_t           *value)
{
  if (dln_cli_args_given (args, name))
    *value = dln_cli_args_size (args, name);
}

void
dln_cli_args_update_seed (const DlnCliArgs *args,
                          const char       *name,
                          guint64          *value)
{
  if (dln_cli_args_given (args, name))
    *value = dln_cli_args_seed (args, name);
}

#define HELP_COLUMN 21  /* where an option's help text starts */

void
dln_cli_print_help (const DlnCliCommandSpec *spec,
                    FILE                    *out)
{
  fprintf (out, "Usage: dlnlab-cli %s %s\n\n%s", spec->name, spec->synopsis,
           spec->intro);
  if (spec->n_options > 0)
    fputs ("\nOptions:\n", out);
  for (size_t k = 0; k < spec->n_options; k++)
    {
      const DlnCliOption *o = &spec->options[k];
      g_autofree char *head = g_strdup_printf ("  %s%s%s", o->name,
                                               o->metavar ? " " : "",
                                               o->metavar ? o->metavar : "");
      g_autofree char *range = dln_cli_option_range (o);
      g_auto (GStrv) lines = g_strsplit (o->help, "\n", -1);
      GString *tail = g_string_new (NULL);

      /* the default and range come from the table, never from the text */
      if (o->flags & DLN_CLI_REQUIRED)
        g_string_append (tail, "required");
      if (o->def != NULL)
        g_string_append_printf (tail, "%sdefault %s", tail->len ? "; " : "",
                                o->def);
      if (range != NULL)
        g_string_append_printf (tail, "%s%s", tail->len ? "; " : "", range);
      if ((int) strlen (head) < HELP_COLUMN - 1)
        fprintf (out, "%-*s%s\n", HELP_COLUMN, head, lines[0]);
      else
        fprintf (out, "%s\n%*s%s\n", head, HELP_COLUMN, "", lines[0]);
      for (int l = 1; lines[l] != NULL; l++)
        fprintf (out, "%*s%s\n", HELP_COLUMN, "", lines[l]);
      if (tail->len > 0)
        fprintf (out, "%*s(%s)\n", HELP_COLUMN, "", tail->str);
      g_string_free (tail, TRUE);
    }
  fputs ("  --help             this help\n", out);
  if (spec->details != NULL && spec->details[0] != '\0')
    fprintf (out, "\n%s", spec->details);
}
