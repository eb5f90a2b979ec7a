#pragma once

/* Helpers shared by the test executables (not part of any product). */

#include <glib.h>

/* dln_test_run_cli:
 * Runs $DLNLAB_CLI with the NULL-terminated arguments after @first,
 * capturing stdout into @out and stderr into @err (both nullable; free
 * with g_free). Returns the exit status, or -1 when killed by a signal. */
int  dln_test_run_cli   (char       **out,
                         char       **err,
                         const char  *first,
                         ...) G_GNUC_NULL_TERMINATED;

/* dln_test_run_cliv:
 * As dln_test_run_cli with a NULL-terminated argument vector. */
int  dln_test_run_cliv  (char             **out,
                         char             **err,
                         const char *const *args);

/* dln_test_tmpdir:
 * Returns a fresh temporary directory for this test process; removed
 * recursively at exit. */
const char *dln_test_tmpdir (void);

/* dln_test_write_csv:
 * Writes an @items x @features dataset CSV named @name into
 * dln_test_tmpdir () (header "item,f1,...", rows "i1,v,..." with small
 * distinct values) and returns its path (free with g_free). */
char *dln_test_write_csv (const char *name,
                          gsize       items,
                          gsize       features);
