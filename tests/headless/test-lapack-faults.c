/* LAPACK that does not converge is reported as what it is, from core up
 * to dlnlab-cli's exit status 1 (the machine's failure, docs/cli.md).
 *
 * No input makes dgesdd or dsyevr fail to converge on demand, so this
 * binary is linked with -Wl,--wrap for both: while a fault is armed the
 * wrapper answers as LAPACK does when its iteration fails (info > 0);
 * otherwise it calls the real routine. Nothing in the shipped code
 * changes. The commands run in this process, with stderr captured. A
 * NaN matrix, for contrast, never reaches LAPACK: it is refused as bad
 * input. */

#include "config.h"

#include "dln-cli.h"
#include "dln-core.h"
#include "dln-test-util.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <lapacke.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

static gboolean fail_dgesdd, fail_dsyevr;

/* the linker's names for the real routines and their wrappers, with
 * lapacke.h's own signatures */
__typeof__ (LAPACKE_dgesdd_work) __real_LAPACKE_dgesdd_work,
  __wrap_LAPACKE_dgesdd_work;
__typeof__ (LAPACKE_dsyevr_work) __real_LAPACKE_dsyevr_work,
  __wrap_LAPACKE_dsyevr_work;

/* dbdsdc did not converge: info > 0 (the workspace query still works) */
lapack_int
__wrap_LAPACKE_dgesdd_work (int layout, char jobz, lapack_int m,
                            lapack_int n, double *a, lapack_int lda,
                            double *s, double *u, lapack_int ldu, double *vt,
                            lapack_int ldvt, double *work, lapack_int lwork,
                            lapack_int *iwork)
{
  if (fail_dgesdd && lwork != -1)
    return 1;
  return __real_LAPACKE_dgesdd_work (layout, jobz, m, n, a, lda, s, u, ldu,
                                     vt, ldvt, work, lwork, iwork);
}

/* dsyevr: an internal error, info > 0 */
lapack_int
__wrap_LAPACKE_dsyevr_work (int layout, char jobz, char range, char uplo,
                            lapack_int n, double *a, lapack_int lda,
                            double vl, double vu, lapack_int il,
                            lapack_int iu, double abstol, lapack_int *m,
                            double *w, double *z, lapack_int ldz,
                            lapack_int *isuppz, double *work,
                            lapack_int lwork, lapack_int *iwork,
                            lapack_int liwork)
{
  if (fail_dsyevr && lwork != -1)
    return 1;
  return __real_LAPACKE_dsyevr_work (layout, jobz, range, uplo, n, a, lda,
                                     vl, vu, il, iu, abstol, m, w, z, ldz,
                                     isuppz, work, lwork, iwork, liwork);
}

/* Runs a command in this process; returns its status and its stderr. */
static int
run_command (int        (*command) (int, char **),
             const char  *const *args,
             char       **err)
{
  g_autofree char *path = g_build_filename (dln_test_tmpdir (), "stderr.txt",
                                            NULL);
  int argc = (int) g_strv_length ((char **) args);
  int saved, fd, rc;

  fflush (stderr);
  saved = dup (STDERR_FILENO);
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  dup2 (fd, STDERR_FILENO);
  close (fd);
  rc = command (argc, (char **) args);
  fflush (stderr);
  dup2 (saved, STDERR_FILENO);
  close (saved);
  g_assert_true (g_file_get_contents (path, err, NULL, NULL));
  return rc;
}

static void
test_svd_core (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  double v[6] = { 1, 2, 3, 4, 5, 7 };
  DlnTensor *a = dln_tensor_new_from (arena, 3, 2, v), *s;
  DlnMessage msg = { { 0 }, 0, 0 };

  fail_dgesdd = TRUE;
  g_assert_cmpint (dln_linalg_svd (a, arena, NULL, &s, NULL, &msg), ==,
                   DLN_STATUS_NUMERIC);
  g_assert_nonnull (strstr (msg.text, "SVD did not converge (dgesdd info "));
  fail_dgesdd = FALSE;
  g_assert_cmpint (dln_linalg_svd (a, arena, NULL, &s, NULL, &msg), ==,
                   DLN_STATUS_OK);
  /* a NaN never reaches LAPACK: bad input, not a numerical failure */
  a->data[3] = NAN;
  g_assert_cmpint (dln_linalg_svd (a, arena, NULL, &s, NULL, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "NaN"));
  dln_arena_free (arena);
}

/* svd and train: exit 1, "did not converge" on stderr, and nothing on
 * stdout (the run's rows are not printed half-way). */
static void
test_commands_dgesdd (void)
{
  static const char *const svd[] = { "svd", "--dataset", "tree", NULL };
  static const char *const train[] = { "train", "--dataset", "tree",
                                       "--epochs", "3", NULL };
  g_autofree char *err = NULL, *err2 = NULL;

  fail_dgesdd = TRUE;
  g_assert_cmpint (run_command (dln_cli_svd, svd, &err), ==,
                   DLN_CLI_EXIT_RUNTIME);
  g_assert_cmpint (run_command (dln_cli_train, train, &err2), ==,
                   DLN_CLI_EXIT_RUNTIME);
  fail_dgesdd = FALSE;
  g_assert_true (g_str_has_prefix (err, "dlnlab-cli: error: SVD did not "
                                        "converge"));
  g_assert_true (g_str_has_prefix (err2, "dlnlab-cli: error: "));
  g_assert_nonnull (strstr (err2, "did not converge"));
}

static void
test_commands_dsyevr (void)
{
  static const char *const hessian[] = { "hessian", "--surface", "quadratic",
                                         "--at", "1,1", NULL };
  g_autofree char *err = NULL;

  fail_dsyevr = TRUE;
  g_assert_cmpint (run_command (dln_cli_hessian, hessian, &err), ==,
                   DLN_CLI_EXIT_RUNTIME);
  fail_dsyevr = FALSE;
  g_assert_true (g_str_has_prefix (err, "dlnlab-cli: error: "));
  g_assert_nonnull (strstr (err, "eigendecomposition did not converge"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/lapack-faults/svd-core", test_svd_core);
  g_test_add_func ("/dln/headless/lapack-faults/dgesdd-commands",
                   test_commands_dgesdd);
  g_test_add_func ("/dln/headless/lapack-faults/dsyevr-commands",
                   test_commands_dsyevr);
  return g_test_run ();
}
