/* dlnlab-cli: the headless face of the engine (docs/cli.md). It links core,
 * figures and GLib, never GTK. */

#include "config.h"

#include "dln-cli.h"
#include "dln-expr.h"
#include "dln-linalg.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct
{
  const DlnCliCommandSpec *spec;
  int       (*run) (int argc, char **argv);
  const char *summary;
} DlnCliCommand;

static const DlnCliCommand commands[] = {
  { &dln_cli_grad_spec,     dln_cli_grad,     "value and gradient of a scalar expression" },
  { &dln_cli_graph_spec,    dln_cli_graph,    "the autograd graph of an expression (json or dot)" },
  { &dln_cli_surfaces_spec, dln_cli_surfaces, "list the built-in 2-D loss surfaces" },
  { &dln_cli_descend_spec,  dln_cli_descend,  "run an optimizer on a 2-D surface" },
  { &dln_cli_hessian_spec,  dln_cli_hessian,  "Hessian, its eigenvalues and the stability bound" },
  { &dln_cli_svd_spec,      dln_cli_svd,      "SVD of a dataset's input-output correlation" },
  { &dln_cli_train_spec,    dln_cli_train,    "train a deep linear network" },
  { &dln_cli_chain_spec,    dln_cli_chain,    "train the deep narrow linear chain" },
  { &dln_cli_export_spec,   dln_cli_export,   "render a figure to PNG, SVG, PDF or CSV" },
};

const DlnCliCommandSpec *const *
dln_cli_commands (size_t *n)
{
  static const DlnCliCommandSpec *specs[G_N_ELEMENTS (commands)];

  for (size_t i = 0; i < G_N_ELEMENTS (commands); i++)
    specs[i] = commands[i].spec;
  *n = G_N_ELEMENTS (commands);
  return specs;
}

int
dln_cli_error (int         status,
               const char *format,
               ...)
{
  va_list ap;

  fputs ("dlnlab-cli: error: ", stderr);
  va_start (ap, format);
  vfprintf (stderr, format, ap);
  va_end (ap);
  fputc ('\n', stderr);
  return status;
}

int
dln_cli_exit_status (DlnStatus status)
{
  switch (status)
    {
    case DLN_STATUS_OK:
    case DLN_STATUS_DIVERGED:
      return DLN_CLI_EXIT_OK;
    case DLN_STATUS_INVALID_INPUT:
      return DLN_CLI_EXIT_USAGE;
    case DLN_STATUS_NO_MEMORY:
    case DLN_STATUS_IO:
    case DLN_STATUS_NUMERIC:
      return DLN_CLI_EXIT_RUNTIME;
    }
  return DLN_CLI_EXIT_RUNTIME;
}

int
dln_cli_input_exit_status (DlnStatus status)
{
  if (status == DLN_STATUS_IO)
    return DLN_CLI_EXIT_USAGE;
  return dln_cli_exit_status (status);
}

void
dln_cli_warning (const char *format,
                 ...)
{
  va_list ap;

  fputs ("dlnlab-cli: warning: ", stderr);
  va_start (ap, format);
  vfprintf (stderr, format, ap);
  va_end (ap);
  fputc ('\n', stderr);
}

char *
dln_cli_format_double (char   buf[32],
                       double value)
{
  if (isnan (value))
    strcpy (buf, "nan");
  else if (isinf (value))
    strcpy (buf, value > 0 ? "inf" : "-inf");
  else
    g_ascii_formatd (buf, 32, "%.17g", value);
  return buf;
}

gboolean
dln_cli_parse_double (const char *text,
                      double     *out)
{
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0')
    return FALSE;
  errno = 0;
  v = g_ascii_strtod (text, &end);
  /* ERANGE also flags underflow: a subnormal such as 1e-310 (or 1e-400,
   * which rounds to 0) is a number, as it is in an expression or a CSV;
   * only overflow to ±HUGE_VAL is out of range. */
  if (end == text || *end != '\0'
      || (errno == ERANGE && fabs (v) == HUGE_VAL))
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
dln_cli_parse_uint (const char *text,
                    guint64     min,
                    guint64     max,
                    guint64    *out)
{
  char *end = NULL;
  guint64 v;

  /* strtoull alone would take a sign, spaces and an empty tail. */
  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;
  errno = 0;
  v = g_ascii_strtoull (text, &end, 10);
  if (errno != 0 || *end != '\0' || v < min || v > max)
    return FALSE;
  *out = v;
  return TRUE;
}

const char *
dln_cli_option_value (int         argc,
                      char      **argv,
                      int        *i,
                      const char *eq)
{
  if (eq != NULL)
    return eq + 1;
  if (*i + 1 >= argc)
    return NULL;
  (*i)++;
  return argv[*i];
}

int
dln_cli_expr_error (const char       *prefix,
                    const char       *text,
                    const DlnMessage *msg)
{
  size_t need;
  char *buf;

  if (msg->column <= 0)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s%s", prefix, msg->text);
  if (msg->line > 0)
    dln_cli_error (DLN_CLI_EXIT_USAGE, "%s%s (line %d, column %d)", prefix,
                   msg->text, msg->line, msg->column);
  else
    dln_cli_error (DLN_CLI_EXIT_USAGE, "%s%s (column %d)", prefix, msg->text,
                   msg->column);
  need = dln_expr_format_error (text, msg->line, msg->column, NULL, 0);
  buf = g_malloc (need + 1);
  dln_expr_format_error (text, msg->line, msg->column, buf, need + 1);
  fprintf (stderr, "%s\n", buf);
  g_free (buf);
  return DLN_CLI_EXIT_USAGE;
}

static void
json_string (GString    *s,
                     const char *text)
{
  g_autofree char *valid = NULL;

  /* JSON is UTF-8: loaders refuse other names, and anything that slips
   * through is repaired (U+FFFD) rather than written as invalid text. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  g_string_append_c (s, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (s, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (s, "\\u%04x", c);
      else
        g_string_append_c (s, (char) c);
    }
  g_string_append_c (s, '"');
}

void
dln_cli_print_json_string (FILE       *out,
                           const char *text)
{
  GString *s = g_string_new (NULL);

  json_string (s, text);
  fputs (s->str, out);
  g_string_free (s, TRUE);
}

void
dln_cli_json_add_number (JsonBuilder *b,
                         double       value)
{
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
dln_cli_json_add_string (JsonBuilder *b,
                         const char  *text)
{
  g_autofree char *valid = NULL;

  /* JSON is UTF-8: loaders refuse other names, and anything that slips
   * through is repaired (U+FFFD) rather than written as invalid text. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  json_builder_add_string_value (b, text);
}

void
dln_cli_json_add_numbers (JsonBuilder  *b,
                          const double *values,
                          size_t        n)
{
  json_builder_begin_array (b);
  for (size_t i = 0; i < n; i++)
    dln_cli_json_add_number (b, values[i]);
  json_builder_end_array (b);
}

void
dln_cli_json_add_strings (JsonBuilder *b,
                          char *const *texts,
                          size_t       n)
{
  json_builder_begin_array (b);
  for (size_t i = 0; i < n; i++)
    dln_cli_json_add_string (b, texts[i]);
  json_builder_end_array (b);
}

void
dln_cli_json_print (JsonBuilder *b,
                    gboolean     pretty)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, pretty);
  json_generator_set_indent (gen, 1);
  text = json_generator_to_data (gen, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

#define PROGRESS_DELAY    G_USEC_PER_SEC        /* quiet for the first second */
#define PROGRESS_INTERVAL (G_USEC_PER_SEC / 10) /* at most ten lines a second */

void
dln_cli_progress_init (DlnCliProgress *progress,
                       const char     *what,
                       const char     *unit,
                       gboolean        forced)
{
  memset (progress, 0, sizeof *progress);
  progress->what = what;
  progress->unit = unit;
  progress->forced = forced;
  progress->tty = isatty (fileno (stderr));
  progress->start = g_get_monotonic_time ();
}

void
dln_cli_progress_update (size_t  done,
                         size_t  total,
                         void   *data)
{
  DlnCliProgress *p = data;
  gint64 now;
  int percent;

  if (!p->forced && !p->tty)
    return;
  now = g_get_monotonic_time ();
  if (!p->forced && now - p->start < PROGRESS_DELAY)
    return;
  if (p->last != 0 && now - p->last < PROGRESS_INTERVAL && done < total)
    return;
  p->last = now;
  percent = total > 0 ? (int) (100.0 * (double) done / (double) total) : 100;
  if (p->forced)
    fprintf (stderr, "dlnlab-cli: progress: %s %s %zu of %zu (%d%%)\n",
             p->what, p->unit, done, total, percent);
  else
    {
      /* \r and erase-line: the line is rewritten in place */
      fprintf (stderr, "\r\033[Kdlnlab-cli: %s: %s %zu of %zu (%d%%)",
               p->what, p->unit, done, total, percent);
      p->in_place = TRUE;
    }
  fflush (stderr);
}

void
dln_cli_progress_end (DlnCliProgress *progress)
{
  if (progress->in_place)
    {
      fputs ("\r\033[K", stderr);
      fflush (stderr);
      progress->in_place = FALSE;
    }
}

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: dlnlab-cli COMMAND [ARGS...]\n"
           "       dlnlab-cli COMMAND --help\n"
           "\n"
           "The Deep Linear Network Lab, headless: the same engine and figures as\n"
           "the dlnlab window, for scripts, reproducible figures and tests.\n"
           "\n"
           "Commands:\n");
  for (size_t i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-9s %s\n", commands[i].spec->name,
             commands[i].summary);
  fprintf (out,
           "\n"
           "Options:\n"
           "  --help     show this help\n"
           "  --version  show the version\n"
           "\n"
           "Output is CSV with a header row, or JSON with --json. Errors go to\n"
           "stderr, naming the file when one is at fault. Exit status, for\n"
           "every command: 0 success (a diverged run included: a warning says\n"
           "so); 2 the input or the command line is wrong (an argument, a\n"
           "dataset or weights file that is missing or malformed); 1 the\n"
           "machine failed (out of memory, no convergence, an output file or\n"
           "stdout that cannot be written).\n");
}

/* Every command's output is checked once, here: a full disk or a closed
 * pipe behind stdout must not pass for success (exit 1, the machine
 * failed). An earlier error keeps its own status. */
static int
finish_stdout (int status)
{
  int err = 0;

  if (ferror (stdout))
    err = EIO;
  if (fflush (stdout) != 0 && err == 0)
    err = errno;
  if (fclose (stdout) != 0 && err == 0)
    err = errno;
  if (err != 0 && status == DLN_CLI_EXIT_OK)
    return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "cannot write the output: "
                          "%s", g_strerror (err));
  return status;
}

int
dln_cli_main (int    argc,
              char **argv)
{
  /* Numbers are printed and parsed in the C locale whatever the user's is. */
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");
  /* A machine interface: its output, figures included, reads the same in
   * every language (the window is the translated face, po/). */
  setlocale (LC_MESSAGES, "C");
  /* Small matrices: one BLAS thread is faster and steadier (dln-linalg.h). */
  dln_linalg_set_num_threads (1);

  if (argc < 2)
    {
      print_usage (stderr);
      return DLN_CLI_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return finish_stdout (DLN_CLI_EXIT_OK);
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("dlnlab-cli %s\n", PACKAGE_VERSION);
      return finish_stdout (DLN_CLI_EXIT_OK);
    }
  for (size_t i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].spec->name) == 0)
      return finish_stdout (commands[i].run (argc - 1, argv + 1));

  return dln_cli_error (DLN_CLI_EXIT_USAGE,
                        "unknown command '%s' (see dlnlab-cli --help)",
                        argv[1]);
}
