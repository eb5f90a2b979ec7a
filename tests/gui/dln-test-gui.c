/* Helpers shared by the in-process GUI tests (dln-test-gui.h). */

#include "config.h"

#include "dln-test-gui.h"

#include "dln-run.h"

#include <gdk/x11/gdkx.h>

void
dln_test_settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  gint64 limit = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end
         || (dln_run_n_active_jobs () > 0 && g_get_monotonic_time () < limit))
    {
      for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
        ;
      g_usleep (5000);
    }
}

void
dln_test_xdotool (const char *args)
{
  g_autofree char *cmd = g_strdup_printf ("xdotool %s", args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, &status,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

void
dln_test_focus_window (GtkWidget *window)
{
  GdkSurface *surface;
  g_autofree char *args = NULL;

  dln_test_settle (50);
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_assert_true (GDK_IS_X11_SURFACE (surface));
  args = g_strdup_printf ("windowfocus --sync %lu",
                          (unsigned long) gdk_x11_surface_get_xid (surface));
  dln_test_xdotool (args);
  dln_test_settle (100);
}

void
dln_test_keys (const char *keys)
{
  g_autofree char *args = g_strdup_printf ("key --clearmodifiers %s", keys);

  dln_test_xdotool (args);
  dln_test_settle (250);
}
