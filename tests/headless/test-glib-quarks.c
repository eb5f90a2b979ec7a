/* GLib's first quark table, leaked on purpose by GLib once a process has
 * more than 2048 quarks, is marked as kept (app/dln-sanitizer.c), so that
 * LeakSanitizer in make check-asan needs no suppression for it. In a
 * sanitizer build this process ends with a LeakSanitizer report (and
 * fails) if the mark misses the table; elsewhere it only checks that the
 * call is harmless. */

#include "config.h"

#include "dln-sanitizer.h"

#include <glib.h>

static void
test_quarks (void)
{
  dln_sanitizer_keep_glib_quark_table ();
  /* as many quarks as the GTK file chooser's types bring, and more: GLib
   * replaces its first table */
  for (int i = 0; i < 3000; i++)
    {
      g_autofree char *name = g_strdup_printf ("dln-test-quark-%d", i);

      g_assert_cmpuint (g_quark_from_string (name), !=, 0);
    }
  g_assert_cmpstr (g_quark_to_string (g_quark_try_string ("dln-test-quark-2999")),
                   ==, "dln-test-quark-2999");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/sanitizer/glib-quark-table", test_quarks);
  return g_test_run ();
}
