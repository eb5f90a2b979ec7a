#pragma once

/* dlnlab-cli: shared declarations of the command files (app/dln-cli-*.c).
 * Every command returns the process exit status: 0 success, 1 runtime
 * failure, 2 bad usage or input (DESIGN.md, "The CLI contract"). */

#include <glib.h>
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

/* --- Commands: argv[0] is the command name --- */
int dln_cli_grad     (int argc, char **argv);
int dln_cli_graph    (int argc, char **argv);
int dln_cli_surfaces (int argc, char **argv);
int dln_cli_descend  (int argc, char **argv);
int dln_cli_hessian  (int argc, char **argv);
int dln_cli_svd      (int argc, char **argv);
int dln_cli_train    (int argc, char **argv);
int dln_cli_chain    (int argc, char **argv);
int dln_cli_export   (int argc, char **argv);
