/* dln-file: atomic writes. A commit replaces the target; an abort, a write
 * that fails half-way (a file-size limit stands in for a full disk: the
 * same short write, EFBIG instead of ENOSPC) and an unwritable place all
 * leave the previous file whole, remove the temporary and name the
 * file. */

#include "dln-file.h"

#include "dln-test-util.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#define OLD_TEXT "the previous, good file\n"

static char *
fresh_target (const char *name)
{
  g_autofree char *dir = g_build_filename (dln_test_tmpdir (), name, NULL);
  char *path = g_build_filename (dir, "target.txt", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, OLD_TEXT, -1, NULL));
  return path;
}

static void
assert_old_and_alone (const char *path)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, OLD_TEXT);
  dln_test_assert_alone (path);
}

static void
test_commit (void)
{
  g_autofree char *path = fresh_target ("commit");
  g_autofree char *text = NULL;
  DlnAtomicFile f;
  DlnMessage msg = { 0 };

  g_assert_cmpint (dln_atomic_file_open (&f, path, &msg), ==, DLN_STATUS_OK);
  /* until the commit, the target is the old file */
  fputs ("new\n", f.fp);
  fflush (f.fp);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, OLD_TEXT);
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (dln_atomic_file_commit (&f, &msg), ==, DLN_STATUS_OK);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "new\n");
}

static void
test_abort (void)
{
  g_autofree char *path = fresh_target ("abort");
  DlnAtomicFile f;
  DlnMessage msg = { 0 };

  g_assert_cmpint (dln_atomic_file_open (&f, path, &msg), ==, DLN_STATUS_OK);
  fputs ("half a file", f.fp);
  dln_atomic_file_abort (&f);
  assert_old_and_alone (path);
}

/* In a child: files may not grow past 1 KiB, so writing 1 MiB fails
 * half-way as on a full disk. */
static void
test_write_fails (void)
{
  g_autofree char *path = fresh_target ("full");

  if (g_test_subprocess ())
    {
      struct rlimit lim = { 1024, 1024 };
      DlnAtomicFile f;
      DlnMessage msg = { 0 };
      g_autofree char *expect = g_strdup_printf ("cannot write '%s': ", path);

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &lim), ==, 0);
      g_assert_cmpint (dln_atomic_file_open (&f, path, &msg), ==,
                       DLN_STATUS_OK);
      for (int i = 0; i < 1 << 14; i++)
        fputs ("0123456789abcdef0123456789abcdef0123456789abcdef012345678\n",
               f.fp);
      g_assert_cmpint (dln_atomic_file_commit (&f, &msg), ==, DLN_STATUS_IO);
      g_assert_true (g_str_has_prefix (msg.text, expect));
      g_assert_nonnull (strstr (msg.text, g_strerror (EFBIG)));
      dln_atomic_file_abort (&f);
      assert_old_and_alone (path);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  assert_old_and_alone (path);
}

static void
test_unwritable (void)
{
  g_autofree char *path = fresh_target ("unwritable");
  g_autofree char *under_file = g_build_filename (path, "x.txt", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  DlnAtomicFile f;
  DlnMessage msg = { 0 };

  /* a directory that is a file, no such directory, a directory target */
  g_assert_cmpint (dln_atomic_file_open (&f, under_file, &msg), ==,
                   DLN_STATUS_IO);
  g_assert_true (g_str_has_prefix (msg.text, "cannot write '"));
  g_assert_nonnull (strstr (msg.text, under_file));
  g_assert_cmpint (dln_atomic_file_open (&f, "/nonexistent-dir/a.txt", &msg),
                   ==, DLN_STATUS_IO);
  g_assert_cmpstr (msg.text, ==, "cannot write '/nonexistent-dir/a.txt': "
                   "No such file or directory");
  g_assert_cmpint (dln_atomic_file_open (&f, dir, &msg), ==, DLN_STATUS_IO);
  g_assert_nonnull (strstr (msg.text, "it is a directory"));
  assert_old_and_alone (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/core/file/commit", test_commit);
  g_test_add_func ("/dln/core/file/abort", test_abort);
  g_test_add_func ("/dln/core/file/write-fails", test_write_fails);
  g_test_add_func ("/dln/core/file/unwritable", test_unwritable);
  return g_test_run ();
}
