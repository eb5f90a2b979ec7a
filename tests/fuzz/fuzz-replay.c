/* A plain main () for the fuzz targets, so `make check` replays their
 * corpus and every crash reproducer without clang or libFuzzer: each
 * argument is a file or a directory of files, and each file is passed
 * once to LLVMFuzzerTestOneInput (). A target reports a finding by
 * crashing (abort, a sanitizer report), which fails the test.
 * Prints TAP: one line per file. */

#include <glib.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static int n_run;

static void
replay_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  uint8_t *copy;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      printf ("not ok %d - %s: %s\n", ++n_run, path, error->message);
      fflush (stdout);
      exit (1);
    }
  /* An exact-size copy, as libFuzzer passes it, so an over-read by one
   * byte is an invalid read under Valgrind or ASan here too. */
  copy = malloc (length > 0 ? length : 1);
  if (copy == NULL)
    abort ();
  memcpy (copy, contents, length);
  LLVMFuzzerTestOneInput (copy, length);
  free (copy);
  printf ("ok %d - %s\n", ++n_run, path);
  fflush (stdout);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
replay_path (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      replay_file (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      printf ("not ok %d - cannot open %s\n", ++n_run, path);
      exit (1);
    }
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  /* a fixed order, so a failure reproduces in the same place */
  qsort (names->pdata, names->len, sizeof (char *), compare_strings);
  for (guint i = 0; i < names->len; i++)
    replay_path (g_ptr_array_index (names, i));
}

int
main (int    argc,
      char **argv)
{
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE|DIR ...\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    replay_path (argv[i]);
  if (n_run == 0)
    {
      printf ("1..0 # no inputs\nBail out! an empty corpus replays nothing\n");
      return 1;
    }
  printf ("1..%d\n", n_run);
  return 0;
}
