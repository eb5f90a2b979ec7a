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

  g_assert_cmpint (dln_test_run_cli (&out, &err, "--help", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Usage: dlnlab-cli"));
  g_assert_nonnull (strstr (out, "descend"));
  g_assert_cmpint (dln_test_run_cli (&out, &err, "--version", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "dlnlab-cli " PACKAGE_VERSION "\n");
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

/* One exit-status rule for every command (dln-cli.h): 2 when the input or
 * the command line is wrong, 1 when the machine failed (here: a file that
 * cannot be written); every file error names its file. */
static void
test_exit_statuses (void)
{
  const char *dir = dln_test_tmpdir ();
  g_autofree char *csv = dln_test_write_file ("bad.csv", "item,a\nx,0x10\n");
  g_autofree char *json = dln_test_write_file ("bad.json", "{\"layers\": [");
  g_autofree char *deep = dln_test_write_file (
    "deep.json", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                 "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                 "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
                 "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
  g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
  g_autofree char *nodir = g_build_filename (dir, "no-such-dir", "out.png",
                                             NULL);
  g_autofree char *nodir_csv = g_build_filename (dir, "no-such-dir",
                                                 "out.csv", NULL);
  g_autofree char *nodir_py = g_build_filename (dir, "no-such-dir", "out.py",
                                                NULL);
  g_autofree char *nodir_w = g_build_filename (dir, "no-such-dir", "w.json",
                                               NULL);
  g_autofree char *dir_png = g_build_filename (dir, "a-directory.png", NULL);
  const struct
  {
    int         status;
    const char *expect;  /* in stderr */
    const char *args[12];
  } cases[] = {
    /* the command line is wrong */
    { 2, "unknown command", { "frobnicate" } },
    { 2, "--steps", { "descend", "--surface", "rosenbrock", "--optimizer",
                      "sgd", "--start", "0,0", "--steps", "-3" } },
    { 2, "'.bmp'", { "export", "depth-loss", "--out", "x.bmp" } },
    { 2, "column 3", { "grad", "x+*y", "x=1", "y=1" } },
    /* the input is wrong: missing or malformed files, named */
    { 2, missing, { "svd", "--dataset", missing } },
    { 2, "bad.csv:2:2:", { "svd", "--dataset", csv } },
    { 2, "bad.csv:2:2:", { "train", "--dataset", csv } },
    { 2, "bad.json:1:", { "train", "--dataset", "tree-table",
                          "--init-weights", json } },
    { 2, "deep.json: line 1", { "train", "--dataset", "tree-table",
                                "--init-weights", deep } },
    { 2, missing, { "train", "--dataset", "tree-table", "--init-weights",
                    missing } },
    /* the machine failed: outputs that cannot be written, named */
    { 1, nodir, { "export", "depth-loss", "--out", nodir } },
    { 1, nodir_csv, { "export", "depth-loss", "--out", nodir_csv } },
    { 1, nodir_py, { "export", "depth-loss", "--out", nodir_py } },
    { 1, nodir_w, { "train", "--dataset", "tree-table", "--epochs", "1",
                    "--save-weights", nodir_w } },
    { 1, dir_png, { "export", "depth-loss", "--out", dir_png } },
  };

  g_assert_cmpint (g_mkdir_with_parents (dir_png, 0755), ==, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      int st = dln_test_run_cliv (&out, &err, cases[i].args);

      if (st != cases[i].status
          || !g_str_has_prefix (err, "dlnlab-cli: error: ")
          || strstr (err, cases[i].expect) == NULL)
        g_error ("dlnlab-cli %s %s ...: exit %d (want %d), stderr: %s "
                 "(want '%s')", cases[i].args[0],
                 cases[i].args[1] ? cases[i].args[1] : "", st,
                 cases[i].status, err, cases[i].expect);
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
  g_test_add_func ("/dln/headless/cli/exit-statuses", test_exit_statuses);
  return g_test_run ();
}
