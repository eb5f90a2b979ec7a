#include "dln-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

const double dln_test_toy_y[4][7] = {
  { 1, 1, 0, 1, 0, 0, 0 },
  { 1, 1, 0, 0, 1, 0, 0 },
  { 1, 0, 1, 0, 0, 1, 0 },
  { 1, 0, 1, 0, 0, 0, 1 },
};

int
dln_test_run_cliv (char             **out,
                   char             **err,
                   const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *o = NULL, *e = NULL;
  const char *cli = g_getenv ("DLNLAB_CLI");
  int status = -1;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (size_t i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &o, &e, &status, &error);
  g_assert_no_error (error);
  if (out != NULL)
    {
      g_free (*out);
      *out = g_steal_pointer (&o);
    }
  if (err != NULL)
    {
      g_free (*err);
      *err = g_steal_pointer (&e);
    }
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return -1;
}

/* Appends @first and the arguments after it in @ap up to NULL, and the
 * NULL, to @args. */
static void
add_args (GPtrArray  *args,
          const char *first,
          va_list     ap)
{
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  g_ptr_array_add (args, NULL);
}

int
dln_test_run_cli (char       **out,
                  char       **err,
                  const char  *first,
                  ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  add_args (args, first, ap);
  va_end (ap);
  return dln_test_run_cliv (out, err, (const char *const *) args->pdata);
}

char *
dln_test_cli_stdout (const char *first,
                     ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  char *out = NULL;
  va_list ap;

  va_start (ap, first);
  add_args (args, first, ap);
  va_end (ap);
  g_assert_cmpint (dln_test_run_cliv (&out, NULL,
                                      (const char *const *) args->pdata),
                   ==, 0);
  return out;
}

char *
dln_test_cli_help (const char *command)
{
  g_autofree char *usage = g_strdup_printf ("Usage: dlnlab-cli %s ", command);
  g_autofree char *err = NULL;
  char *out = NULL;

  g_assert_cmpint (dln_test_run_cli (&out, &err, command, "--help", NULL), ==,
                   0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, usage));
  return out;
}

static char *tmpdir;

static void
remove_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) en = NULL;

  en = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                  G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                  NULL, NULL);
  if (en != NULL)
    {
      GFile *child;

      while (g_file_enumerator_iterate (en, NULL, &child, NULL, NULL)
             && child != NULL)
        remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

static void
cleanup_tmpdir (void)
{
  g_autoptr (GFile) dir = NULL;

  if (tmpdir == NULL)
    return;
  dir = g_file_new_for_path (tmpdir);
  remove_tree (dir);
  g_clear_pointer (&tmpdir, g_free);
}

const char *
dln_test_tmpdir (void)
{
  if (tmpdir == NULL)
    {
      g_autoptr (GError) error = NULL;

      tmpdir = g_dir_make_tmp ("dlnlab-test-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (cleanup_tmpdir);
    }
  return tmpdir;
}

char *
dln_test_tmp_path (const char *name)
{
  return g_build_filename (dln_test_tmpdir (), name, NULL);
}

char *
dln_test_write_file (const char *name,
                     const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = dln_test_tmp_path (name);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

void
dln_test_export_refused (const char *expect,
                         const char *entry,
                         const char *out,
                         ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *err = NULL;
  va_list ap;

  g_ptr_array_add (args, "export");
  g_ptr_array_add (args, (gpointer) entry);
  g_ptr_array_add (args, "--out");
  g_ptr_array_add (args, (gpointer) out);
  va_start (ap, out);
  add_args (args, va_arg (ap, const char *), ap);
  va_end (ap);
  g_assert_cmpint (dln_test_run_cliv (NULL, &err,
                                      (const char *const *) args->pdata),
                   ==, 2);
  g_assert_nonnull (strstr (err, expect));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

void
dln_test_assert_alone (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);

  g_assert_nonnull (d);
  g_assert_cmpstr (g_dir_read_name (d), ==, base);
  g_assert_null (g_dir_read_name (d));
}

char *
dln_test_write_csv (const char *name,
                    gsize       items,
                    gsize       features)
{
  g_autoptr (GString) s = g_string_new ("item");

  for (gsize j = 0; j < features; j++)
    g_string_append_printf (s, ",f%" G_GSIZE_FORMAT, j + 1);
  g_string_append_c (s, '\n');
  for (gsize i = 0; i < items; i++)
    {
      g_string_append_printf (s, "i%" G_GSIZE_FORMAT, i + 1);
      /* a diagonal plus a pattern: full rank, no two rows alike */
      for (gsize j = 0; j < features; j++)
        g_string_append_printf (s, ",%d.%d", i == j ? 2 : 0,
                                (int) ((i * 7 + j * 3) % 10));
      g_string_append_c (s, '\n');
    }
  return dln_test_write_file (name, s->str);
}

int
dln_test_cmp_double (const void *a,
                     const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
dln_test_median (double *v,
                 size_t  n)
{
  qsort (v, n, sizeof *v, dln_test_cmp_double);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double
dln_test_csv_field (const char *row,
                    guint       col)
{
  g_auto (GStrv) f = g_strsplit (row, ",", -1);

  g_assert_cmpuint (col, <, g_strv_length (f));
  return g_ascii_strtod (f[col], NULL);
}

double
dln_test_rel_error (double a,
                    double b)
{
  return fabs (a - b) / fmax (1.0, fmax (fabs (a), fabs (b)));
}

void
dln_test_course_by_hand (double  x,
                         double  y,
                         double  z,
                         double *f,
                         double  grad[3])
{
  double a = 2 * x, b = sin (y), c = a / b, d = c * z, e = log (d + 1);
  double dfde = 1 - tanh (e) * tanh (e), dedd = 1 / (d + 1);

  *f = tanh (e);
  grad[0] = dfde * dedd * z * (1 / b) * 2;
  grad[1] = dfde * dedd * z * (-a / (b * b)) * cos (y);
  grad[2] = dfde * dedd * c;
}
