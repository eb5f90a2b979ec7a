/* dlnlab-cli basics: --help, --version, unknown commands. */

#include "config.h"

#include "dln-test-util.h"

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/cli/help-version", test_help_version);
  g_test_add_func ("/dln/headless/cli/unknown-command", test_unknown_command);
  return g_test_run ();
}
