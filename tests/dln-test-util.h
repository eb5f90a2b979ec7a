#pragma once

/* Helpers shared by the test executables (not part of any product). */

#include <glib.h>

/* dln_test_run_cli:
 * Runs $DLNLAB_CLI with the NULL-terminated arguments after @first,
 * capturing stdout into @out and stderr into @err (both nullable; free
 * with g_free). What they held (NULL, or an earlier run's output) is
 * freed first, so a test may run the CLI again into the same two. Returns
 * the exit status, or -1 when killed by a signal. */
int  dln_test_run_cli   (char       **out,
                         char       **err,
                         const char  *first,
                         ...) G_GNUC_NULL_TERMINATED;

/* dln_test_run_cliv:
 * As dln_test_run_cli with a NULL-terminated argument vector. */
int  dln_test_run_cliv  (char             **out,
                         char             **err,
                         const char *const *args);

/* dln_test_cli_stdout:
 * The stdout of $DLNLAB_CLI run with the NULL-terminated arguments from
 * @first, asserting it exits 0; its stderr goes to the test's (free with
 * g_free). */
char *dln_test_cli_stdout (const char *first,
                           ...) G_GNUC_NULL_TERMINATED;

/* dln_test_cli_help:
 * The text of `dlnlab-cli COMMAND --help`, asserting it exits 0, writes
 * nothing on stderr and starts with the command's usage line (free with
 * g_free). */
char *dln_test_cli_help (const char *command);

/* dln_test_tmpdir:
 * Returns a fresh temporary directory for this test process; removed
 * recursively at exit. */
const char *dln_test_tmpdir (void);

/* dln_test_tmp_path:
 * The path of @name in dln_test_tmpdir () (free with g_free). */
char *dln_test_tmp_path (const char *name);

/* dln_test_write_file:
 * Writes @contents to @name in dln_test_tmpdir () and returns its path
 * (free with g_free). */
char *dln_test_write_file (const char *name,
                           const char *contents);

/* dln_test_export_refused:
 * Runs `dlnlab-cli export ENTRY --out OUT` and the NULL-terminated
 * options after @out, and asserts the CLI refuses them as bad input (exit
 * 2) with @expect in its error and writes nothing to @out. */
void  dln_test_export_refused (const char *expect,
                               const char *entry,
                               const char *out,
                               ...) G_GNUC_NULL_TERMINATED;

/* dln_test_assert_alone:
 * The directory of @path holds @path and nothing else: a write left no
 * temporary behind. */
void dln_test_assert_alone (const char *path);

/* dln_test_write_csv:
 * Writes an @items x @features dataset CSV named @name into
 * dln_test_tmpdir () (header "item,f1,...", rows "i1,v,..." with small
 * distinct values) and returns its path (free with g_free). */
char *dln_test_write_csv (const char *name,
                          gsize       items,
                          gsize       features);

/* dln_test_cmp_double:
 * qsort () order of doubles, ascending. */
int    dln_test_cmp_double (const void *a,
                            const void *b);

/* dln_test_median:
 * The median of the @n values @v (sorted in place; the mean of the middle
 * two when @n is even). */
double dln_test_median     (double     *v,
                            size_t      n);

/* dln_test_csv_field:
 * Column @col (from 0) of the CSV line @row as a number; the column must
 * exist. */
double dln_test_csv_field  (const char *row,
                            guint       col);

/* dln_test_rel_error:
 * |@a - @b| relative to the larger magnitude, absolute below 1. */
double dln_test_rel_error  (double      a,
                            double      b);

/* dln_test_toy_y:
 * The P19 toy (docs/theory.md#representations): items Canary, Salmon,
 * Oak, Rose; features Grow, Move, Roots, Fly, Swim, Leaves, Petals. */
extern const double dln_test_toy_y[4][7];

/* DLN_TEST_COURSE_F: the course's function in the expression language. */
#define DLN_TEST_COURSE_F "tanh(ln(1 + z*2*x/sin(y)))"

/* dln_test_course_by_hand:
 * The course's function f(x, y, z) = tanh (ln (1 + 2 x z / sin y)) and its
 * gradient by the course's hand derivation (docs/demos.md#d02,
 * docs/theory.md#autograd): a = 2x, b = sin y, c = a/b, d = c z,
 * e = ln(d + 1), f = tanh e. */
void   dln_test_course_by_hand (double  x,
                                double  y,
                                double  z,
                                double *f,
                                double  grad[3]);
