/* Helpers shared by the in-process GUI tests (dln-test-gui.h). */

#include "config.h"

#include "dln-test-gui.h"

#include "dln-run.h"

#include <gdk/x11/gdkx.h>
#include <locale.h>
#include <string.h>

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

void
dln_test_use_locale (const char *locale,
                     const char *tmpdir)
{
  g_autofree char *language = g_strndup (locale, strcspn (locale, "_."));

  g_setenv ("LANGUAGE", language, TRUE);
  g_setenv ("LC_ALL", locale, TRUE);
  if (setlocale (LC_ALL, "") == NULL)
    {
      g_autofree char *locpath = g_build_filename (tmpdir, "locale", NULL);
      g_autofree char *target = g_build_filename (locpath, locale, NULL);
      g_autofree char *source = g_strndup (locale, strcspn (locale, "."));
      const char *argv[] = { "localedef", "-i", source, "-f", "UTF-8",
                             target, NULL };
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_assert_cmpint (g_mkdir_with_parents (locpath, 0700), ==, 0);
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                         NULL, NULL, NULL, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, NULL))
        g_error ("%s is not installed and localedef could not build it "
                 "(install Debian's locales or locales-all): %s", locale,
                 error != NULL ? error->message : "localedef failed");
      g_setenv ("LOCPATH", locpath, TRUE);
      if (setlocale (LC_ALL, "") == NULL)
        g_error ("%s does not load even from %s", locale, locpath);
    }
}
