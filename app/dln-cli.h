#pragma once

/* dlnlab-cli: shared declarations of the command files (app/dln-cli-*.c).
 * Every command returns the process exit status: 0 success, 1 runtime
 * failure, 2 bad usage or input (docs/cli.md). */

#include "dln-cli-option.h"
#include "dln-status.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#define DLN_CLI_EXIT_OK      0
#define DLN_CLI_EXIT_RUNTIME 1
#define DLN_CLI_EXIT_USAGE   2

/* dln_cli_error:
 * Prints "dlnlab-cli: error: <message>" on stderr and returns @status, so a
 * command can `return dln_cli_error (2, "...")`. */
int  dln_cli_error   (int         status,
                      const char *format,
                      ...) G_GNUC_PRINTF (2, 3);

/* dln_cli_exit_status:
 * The one exit-status rule of every command: DLN_CLI_EXIT_USAGE (2) when
 * the input or the command line is wrong (DLN_STATUS_INVALID_INPUT),
 * DLN_CLI_EXIT_RUNTIME (1) when the machine failed: no memory, LAPACK
 * did not converge, an output file or stdout that cannot be written
 * (DLN_STATUS_NO_MEMORY, _NUMERIC, _IO); 0 for OK and for a run that
 * diverged (a result, reported by a warning). */
int  dln_cli_exit_status       (DlnStatus   status);

/* dln_cli_input_exit_status:
 * As dln_cli_exit_status () for reading a file named on the command line
 * (a dataset, --init-weights): one that is missing or unreadable is a
 * wrong command line (2); only running out of memory is the machine's
 * (1). */
int  dln_cli_input_exit_status (DlnStatus   status);

/* dln_cli_warning:
 * Prints "dlnlab-cli: warning: <message>" on stderr. */
void dln_cli_warning (const char *format,
                      ...) G_GNUC_PRINTF (1, 2);

/* dln_cli_format_double:
 * Writes @value with 17 significant digits (round-trips every double) into
 * @buf; NaN and infinities as nan, inf, -inf. Returns @buf. */
char *dln_cli_format_double (char   buf[32],
                             double value);

/* dln_cli_parse_double:
 * Parses the whole of @text as a double (C locale). Returns TRUE on success. */
gboolean dln_cli_parse_double (const char *text,
                               double     *out);

/* dln_cli_parse_uint:
 * Parses the whole of @text as a decimal integer in @min .. @max (no sign,
 * no space). Returns TRUE on success; @out is untouched on failure. */
gboolean dln_cli_parse_uint (const char *text,
                             guint64     min,
                             guint64     max,
                             guint64    *out);

/* dln_cli_option_value:
 * The value of option argv[*i]: the text after @eq when the option came as
 * "--opt=value" (@eq points at its '='), else the next argument, which may
 * start with '-' ("--start -1.5,2"); *i then moves onto it. Returns NULL
 * when there is no next argument (the caller says "--opt needs a value"). */
const char *dln_cli_option_value (int         argc,
                                  char      **argv,
                                  int        *i,
                                  const char *eq);

/* dln_cli_expr_error:
 * Reports an expression parse error from core/dln-expr.h: "<prefix><text>
 * (column N)" and, when the column is known, the expression with a caret
 * under it. Returns DLN_CLI_EXIT_USAGE. */
int dln_cli_expr_error (const char       *prefix,
                        const char       *text,
                        const DlnMessage *msg);

/* dln_cli_print_json_string:
 * Writes @text as a JSON string on @out (quote, backslash and control
 * characters escaped; bytes that are not UTF-8 become U+FFFD), for the
 * JSON that is streamed (descend's trajectory). */
void dln_cli_print_json_string (FILE       *out,
                                const char *text);

/* --- JSON output: json-glib's JsonBuilder and JsonGenerator ---
 * Numbers are written with 17 significant digits (json-glib's own
 * formatting), non-finite ones as null (JSON has no nan or inf); text is
 * repaired to UTF-8 first. Only CSV is streamed with printf ("%.17g"). */
void dln_cli_json_add_number  (JsonBuilder  *b,
                               double        value);
void dln_cli_json_add_string  (JsonBuilder  *b,
                               const char   *text);
void dln_cli_json_add_numbers (JsonBuilder  *b,
                               const double *values,
                               size_t        n);
void dln_cli_json_add_strings (JsonBuilder  *b,
                               char *const  *texts,
                               size_t        n);
/* Writes the builder's document on stdout with a final newline; @pretty
 * indents it (small documents), else one line. */
void dln_cli_json_print       (JsonBuilder  *b,
                               gboolean      pretty);

/* --- Progress on stderr (docs/cli.md#progress) ---
 * A run that has gone on for more than a second shows its progress when
 * stderr is a terminal: one line, rewritten in place at most ten times a
 * second and erased when the run ends, so the terminal keeps only the
 * output and the warnings. --progress asks for it whatever stderr is and
 * from the start: plain lines at most ten a second, the last one at the
 * end of the run. stdout never changes. */
typedef struct
{
  const char *what;     /* "train" */
  const char *unit;     /* "epoch" */
  gboolean    forced;   /* --progress */
  gboolean    tty;      /* stderr is a terminal */
  gint64      start;    /* g_get_monotonic_time () at init */
  gint64      last;     /* of the last line, 0 before the first */
  gboolean    in_place; /* a line on the terminal to erase */
} DlnCliProgress;

void dln_cli_progress_init   (DlnCliProgress *progress,
                              const char     *what,
                              const char     *unit,
                              gboolean        forced);
/* A DlnProgressFunc; @data is the DlnCliProgress. */
void dln_cli_progress_update (size_t          done,
                              size_t          total,
                              void           *data);
void dln_cli_progress_end    (DlnCliProgress *progress);

/* dln_cli_main:
 * The whole of dlnlab-cli (app/dln-cli-main.c calls it); returns the exit
 * status. */
int dln_cli_main (int argc, char **argv);

/* --- Commands: argv[0] is the command name; each has its option table
 * (dln-cli-option.h) --- */
extern const DlnCliCommandSpec dln_cli_grad_spec;
extern const DlnCliCommandSpec dln_cli_graph_spec;
extern const DlnCliCommandSpec dln_cli_surfaces_spec;
extern const DlnCliCommandSpec dln_cli_descend_spec;
extern const DlnCliCommandSpec dln_cli_hessian_spec;
extern const DlnCliCommandSpec dln_cli_svd_spec;
extern const DlnCliCommandSpec dln_cli_train_spec;
extern const DlnCliCommandSpec dln_cli_chain_spec;
extern const DlnCliCommandSpec dln_cli_export_spec;

int dln_cli_grad     (int argc, char **argv);
int dln_cli_graph    (int argc, char **argv);
int dln_cli_surfaces (int argc, char **argv);
int dln_cli_descend  (int argc, char **argv);
int dln_cli_hessian  (int argc, char **argv);
int dln_cli_svd      (int argc, char **argv);
int dln_cli_train    (int argc, char **argv);
int dln_cli_chain    (int argc, char **argv);
int dln_cli_export   (int argc, char **argv);
