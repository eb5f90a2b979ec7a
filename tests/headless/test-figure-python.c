/* Python scripts of the catalogue (dln-figure-python): the CLI writes the
 * generator's bytes, every script compiles (python3 -m py_compile, no
 * torch needed), settings reach the script, bad requests fail clearly.
 * Whether the scripts reproduce dlnlab's numbers is the reference suite's
 * job (tests/reference, needs python3-torch). */

#include "config.h"

#include "dln-figure-python.h"
#include "dln-test-util.h"

#include <glib.h>
#include <string.h>

/* Runs `python3 -m py_compile PATH`; returns its exit status. */
static int
py_compile (const char *path,
            char      **err)
{
  const char *argv[] = { "/usr/bin/python3", "-m", "py_compile", path, NULL };
  g_autoptr (GError) error = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                               err, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static void
test_every_script_compiles (void)
{
  size_t n, n_scripts = 0;
  const DlnCatalogueEntry *const *entries = dln_figure_catalogue (&n);

  for (size_t i = 0; i < n; i++)
    {
      const DlnCatalogueEntry *e = entries[i];
      g_autofree char *name = g_strdup_printf ("%s.py", e->name);
      g_autofree char *path = dln_test_tmp_path (name);
      g_autofree char *text = NULL, *file = NULL, *err = NULL;
      DlnFigureArgs args;
      DlnMessage msg = { 0 };
      gsize len;

      if (!dln_figure_python_supported (e))
        continue;
      n_scripts++;
      dln_figure_args_init (&args, e);
      text = dln_figure_python_script (e, &args, &msg);
      g_assert_nonnull (text);
      /* The CLI writes exactly the generator's text (the GUI calls the
       * generator with the page's options). */
      g_assert_cmpint (dln_test_run_cli (NULL, &err, "export", e->name,
                                         "--out", path, NULL), ==, 0);
      g_assert_true (g_file_get_contents (path, &file, &len, NULL));
      g_assert_cmpstr (file, ==, text);
      g_clear_pointer (&err, g_free);
      if (py_compile (path, &err) != 0)
        g_error ("%s: %s", e->name, err);
      g_assert_nonnull (strstr (text, "--csv"));
      g_assert_nonnull (strstr (text, "import torch"));
    }
  g_assert_cmpuint (n_scripts, >=, 1);
}

static void
test_settings_reach_the_script (void)
{
  const DlnCatalogueEntry *e = dln_figure_catalogue_find ("dynamics");
  g_autofree char *text = NULL;
  DlnFigureArgs args;
  DlnMessage msg = { 0 };

  dln_figure_args_init (&args, e);
  g_assert_cmpint (dln_figure_args_set (&args, "lr", "50", &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpint (dln_figure_args_set (&args, "gamma", "0.001", &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpint (dln_figure_args_set (&args, "theory", "no", &msg), ==,
                   DLN_STATUS_OK);
  text = dln_figure_python_script (e, &args, &msg);
  g_assert_nonnull (text);
  /* floats as Python floats, choices yes/no as booleans */
  g_assert_nonnull (strstr (text, "\nlr = 50.0 "));
  g_assert_nonnull (strstr (text, "\ngamma = 0.001 "));
  g_assert_nonnull (strstr (text, "\ntheory = False "));
  g_assert_nonnull (strstr (text, "\nepochs = 250 "));
  g_assert_nonnull (strstr (text, "--lr 50 --gamma 0.001"));
  g_assert_nonnull (strstr (text, "dlnlab " PACKAGE_VERSION));
  /* the tree's parameters come from core's defaults */
  g_assert_nonnull (strstr (text, "\nn_features = 10000\n"));
}

/* A typed surface reaches the script as torch code (dln-expr-python). */
static void
test_typed_surface (void)
{
  g_autofree char *path = dln_test_tmp_path ("typed.py");
  g_autofree char *text = NULL;

  g_assert_cmpint (dln_test_run_cli (NULL, NULL, "export",
                                     "loss-landscape-race", "--out", path,
                                     "--expr", "a = x^2; a*y - sin(y)",
                                     NULL), ==, 0);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\ndef h(x, y):\n"));
  g_assert_nonnull (strstr (text, "\n    a = x ** 2.0\n"
                                  "    return a * y - torch.sin(y)\n"));
  g_assert_nonnull (strstr (text, "expr = \"a = x^2; a*y - sin(y)\""));
}

static void
test_errors (void)
{
  g_autofree char *path = dln_test_tmp_path ("no-script.py");
  g_autofree char *err = NULL;
  const DlnCatalogueEntry *e = dln_figure_catalogue_find ("dynamics");
  DlnFigureArgs args;
  DlnMessage msg = { 0 };

  /* an entry without a script: the title card computes nothing */
  g_assert_false (dln_figure_python_supported (
    dln_figure_catalogue_find ("lecture-card")));
  dln_test_export_refused ("has no Python script", "lecture-card", path,
                           NULL);
  /* an unwritable path: a clear error, exit 1 (as every output file) */
  g_assert_cmpint (dln_test_run_cli (NULL, &err, "export", "dynamics",
                                     "--out", "/nonexistent-dir/run.py", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "/nonexistent-dir/run.py"));
  dln_figure_args_init (&args, e);
  g_assert_cmpint (dln_figure_python_export ("/nonexistent-dir/run.py", e,
                                             &args, &msg), ==, DLN_STATUS_IO);
  /* options a script cannot reproduce: refused, nothing written */
  dln_test_export_refused ("'w'", "loss-landscape-race", path, "--expr",
                           "x^2 + w", NULL);
  dln_test_export_refused ("missing ')'", "gradient-field", path, "--expr",
                           "sin(x", NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/python/every-script-compiles",
                   test_every_script_compiles);
  g_test_add_func ("/dln/headless/python/settings", test_settings_reach_the_script);
  g_test_add_func ("/dln/headless/python/errors", test_errors);
  g_test_add_func ("/dln/headless/python/typed-surface", test_typed_surface);
  return g_test_run ();
}
