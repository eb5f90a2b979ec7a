/* Helpers shared by the in-process GUI tests (dln-test-gui.h). */

#include "config.h"

#include "dln-test-gui.h"

#include "dln-application.h"
#include "dln-demos.h"
#include "dln-run.h"
#include "dln-ui.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <locale.h>
#include <string.h>

void
dln_test_ui_init (int    *argc,
                  char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  dln_ui_init ();
}

/* One round of pending events, bounded (see dln_test_settle). */
static void
drain (void)
{
  for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

void
dln_test_settle (guint ms)
{
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + (gint64) ms * 1000;
  gint64 limit = start + 60 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end
         || (dln_run_n_active_jobs () > 0 && g_get_monotonic_time () < limit))
    {
      drain ();
      g_usleep (5000);
    }
  g_usleep (20000);
  drain ();
}

char *
dln_test_capture_settled (DlnTestCapture  capture,
                          gboolean      (*ready) (gpointer data),
                          gpointer        data,
                          const char     *expected)
{
  g_autofree char *last = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  dln_test_settle (100);
  for (;;)
    {
      g_autofree char *now = capture (data);

      if (expected != NULL ? g_str_equal (now, expected)
          : last != NULL && g_str_equal (now, last)
            && (ready == NULL || ready (data)))
        return g_steal_pointer (&now);
      if (g_get_monotonic_time () > deadline)
        return g_steal_pointer (&now);
      g_free (last);
      last = g_steal_pointer (&now);
      dln_test_settle (300);
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

GtkWidget *
dln_test_page_new (const char  *id,
                   GtkWindow  **window)
{
  const DlnDemoInfo *info = dln_demos_find (id);
  GtkWidget *page;

  g_assert_nonnull (info);
  page = g_object_new (info->get_type (), NULL);
  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 1000, 700);
  gtk_window_set_child (*window, page);
  gtk_window_present (*window);
  g_object_ref (page);
  return page;
}

void
dln_test_page_close (GtkWidget *page,
                     GtkWindow *window)
{
  gtk_window_destroy (window);
  dln_test_settle (50);
  g_assert_finalize_object (page);
}

/* the application of dln_test_window_open () */
static DlnApplication *app;

DlnWindow *
dln_test_window_open (int    *argc,
                      char ***argv,
                      int     width,
                      int     height)
{
  DlnWindow *window;

  gtk_test_init (argc, argv, NULL);
  app = dln_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_activate (G_APPLICATION (app));
  window = DLN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  dln_test_settle (300);
  return window;
}

int
dln_test_window_run (DlnWindow *window)
{
  int status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  dln_test_settle (100);
  g_clear_object (&app);
  return status;
}

void
dln_test_wait_page (DlnWindow *window,
                    guint      ms)
{
  GtkWidget *stack = gtk_widget_get_parent (dln_window_get_page (window));

  g_assert_true (GTK_IS_STACK (stack));
  for (int i = 0; i < 200 && gtk_stack_get_transition_running (GTK_STACK (stack));
       i++)
    dln_test_settle (10);
  dln_test_settle (ms);
}

void
dln_test_show_demo (DlnWindow  *window,
                    const char *id)
{
  g_assert_true (dln_window_set_demo (window, id));
  dln_test_settle (150);
  dln_test_wait_page (window, 100);
}

GtkWidget *
dln_test_find_widget (GtkWidget     *root,
                      DlnTestMatch   match,
                      gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *hit = dln_test_find_widget (c, match, data);

      if (hit != NULL)
        return hit;
    }
  return NULL;
}

void
dln_test_collect_widgets (GtkWidget     *root,
                          DlnTestMatch   match,
                          gconstpointer  data,
                          GPtrArray     *out)
{
  if (match (root, data))
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    dln_test_collect_widgets (c, match, data, out);
}

GPtrArray *
dln_test_mapped_widgets (GtkWidget *root,
                         GType      type)
{
  GPtrArray *out = g_ptr_array_new ();

  dln_test_collect_widgets (root, dln_test_is_mapped_type,
                            GSIZE_TO_POINTER (type), out);
  return out;
}

gboolean
dln_test_is_type (GtkWidget     *w,
                  gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (w, GPOINTER_TO_SIZE (type));
}

gboolean
dln_test_is_shown_type (GtkWidget     *w,
                        gconstpointer  type)
{
  return dln_test_is_type (w, type) && gtk_widget_is_visible (w);
}

gboolean
dln_test_is_mapped_type (GtkWidget     *w,
                         gconstpointer  type)
{
  return dln_test_is_type (w, type) && gtk_widget_get_mapped (w);
}

gboolean
dln_test_has_css_class (GtkWidget     *w,
                        gconstpointer  name)
{
  return gtk_widget_has_css_class (w, name);
}

gboolean
dln_test_has_shown_css_class (GtkWidget     *w,
                              gconstpointer  name)
{
  return gtk_widget_has_css_class (w, name) && gtk_widget_is_visible (w);
}

GdkTexture *
dln_test_render_widget (GtkWidget *w)
{
  int width = gtk_widget_get_width (w), height = gtk_widget_get_height (w);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (w);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (w)),
                                      node,
                                      &GRAPHENE_RECT_INIT (0, 0, width,
                                                           height));
}

void
dln_test_save_png (GtkWidget  *w,
                   const char *path)
{
  g_autoptr(GdkTexture) texture = dln_test_render_widget (w);

  g_assert_true (gdk_texture_save_to_png (texture, path));
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
