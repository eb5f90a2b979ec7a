/* dlnlab-cli basics: --help, --version, unknown commands. */

#include "config.h"

#include "dln-test-util.h"

#include <gio/gio.h>
#include <glib.h>
#include <string.h>

static void
test_help_version (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "--help", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Usage: dlnlab-cli"));
  g_assert_nonnull (strstr (out, "descend"));
  g_assert_cmpint (dln_test_run_cli (&out2, &err2, "--version", NULL), ==, 0);
  g_assert_cmpstr (out2, ==, "dlnlab-cli " PACKAGE_VERSION "\n");
}

static void
test_unknown_command (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "frobnicate", NULL), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "dlnlab-cli: error: unknown command 'frobnicate'"));
}

/* Output that cannot be written is a failure of the machine (exit 1) with
 * a message, for every command: stdout is /dev/full here. */
static void
test_stdout_full (void)
{
  static const char *const cases[][14] = {
    { "--help" },
    { "--version" },
    { "grad", "x*y", "x=1", "y=2" },
    { "grad", "--help" },
    { "graph", "x*y", "x=1", "y=2" },
    { "surfaces" },
    { "descend", "--surface", "rosenbrock", "--optimizer", "sgd",
      "--start", "-1.5,2", "--steps",
      "5", "--lr", "0.001" },
    { "hessian", "--surface", "shallow-net", "--at", "1,1" },
    { "svd", "--dataset", "tree" },
    { "train", "--dataset", "tree", "--epochs", "2" },
    { "chain", "--depth", "2", "--lr", "0.01", "--init-weight", "0.9",
      "--epochs", "3" },
    { "export", "--list" },
  };
  const char *cli = g_getenv ("DLNLAB_CLI");

  g_assert_nonnull (cli);
  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full on this system");
      return;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GSubprocessLauncher) launcher = NULL;
      g_autoptr (GSubprocess) proc = NULL;
      g_autoptr (GPtrArray) argv = g_ptr_array_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *err = NULL;

      g_ptr_array_add (argv, (gpointer) cli);
      for (gsize j = 0; j < G_N_ELEMENTS (cases[i]) && cases[i][j]; j++)
        g_ptr_array_add (argv, (gpointer) cases[i][j]);
      g_ptr_array_add (argv, NULL);
      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_subprocess_launcher_set_stdout_file_path (launcher, "/dev/full");
      proc = g_subprocess_launcher_spawnv (launcher,
                                           (const char *const *) argv->pdata,
                                           &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
      g_assert_no_error (error);
      if (!g_subprocess_get_if_exited (proc)
          || g_subprocess_get_exit_status (proc) != 1
          || strstr (err, "dlnlab-cli: error: cannot write the output") == NULL)
        g_error ("'%s' > /dev/full: exit %d, stderr: %s", cases[i][0],
                 g_subprocess_get_if_exited (proc)
                 ? g_subprocess_get_exit_status (proc) : -1, err);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/cli/help-version", test_help_version);
  g_test_add_func ("/dln/headless/cli/unknown-command", test_unknown_command);
  g_test_add_func ("/dln/headless/cli/stdout-full", test_stdout_full);
  return g_test_run ();
}
