#define G_LOG_DOMAIN "dln-application"

#include "config.h"

#include "dln-application.h"
#include "dln-window.h"

#include "dln-demos.h"
#include "dln-ui.h"

#include <epoxy/gl.h>
#ifdef GDK_WINDOWING_X11
#include <X11/Xlib.h>
#endif
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

struct _DlnApplication
{
  AdwApplication  parent_instance;

  /* owned */
  GSettings      *settings;      /* NULL when the schema is not found */
  char           *initial_demo;  /* from --demo */
};

G_DEFINE_FINAL_TYPE (DlnApplication, dln_application, ADW_TYPE_APPLICATION)

static void
dln_application_dispose (GObject *object)
{
  DlnApplication *self = DLN_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dln_application_parent_class)->dispose (object);
}

static void
dln_application_finalize (GObject *object)
{
  DlnApplication *self = DLN_APPLICATION (object);

  g_free (self->initial_demo);

  G_OBJECT_CLASS (dln_application_parent_class)->finalize (object);
}

/* The installed schema, else (development profile only) the one compiled
 * into the build tree so `make run` works uninstalled, else none: then
 * nothing is remembered. */
static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
#ifdef DLN_BUILD_SCHEMA_DIR
  if (schema == NULL)
    {
      g_autoptr (GSettingsSchemaSource) build_source = NULL;

      build_source = g_settings_schema_source_new_from_directory (DLN_BUILD_SCHEMA_DIR,
                                                                  source, FALSE,
                                                                  NULL);
      if (build_source != NULL)
        schema = g_settings_schema_source_lookup (build_source,
                                                  APPLICATION_ID, TRUE);
    }
#endif
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static void
theme_change_state (GSimpleAction *action,
                    GVariant      *state,
                    gpointer       user_data)
{
  const char *nick = g_variant_get_string (state, NULL);
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (nick, "force-light"))
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (nick, "force-dark"))
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
  g_simple_action_set_state (action, state);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { N_("The dlnlab team"), NULL };
  const char *translated_developers[] = { _(developers[0]), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Deep Linear Network Lab"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The dlnlab team"),
                        "developers", translated_developers,
                        /* TRANSLATORS: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Learn how networks learn, with the simplest "
                                    "ones: gradients and autograd, depth and "
                                    "learning rate, and the singular-mode "
                                    "dynamics of deep linear networks."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/dlnlab/dlnlab",
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing (not g_application_quit) lets pages cancel their runs. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }
}

/* app.show-demo ("ID"): shows that demo, opening the window if needed;
 * how `dlnlab --demo ID` reaches an instance that is already running. */
static void
show_demo_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  DlnApplication *self = DLN_APPLICATION (user_data);
  const char *id = g_variant_get_string (param, NULL);

  if (dln_demos_find (id) == NULL)
    {
      g_message ("No demo named “%s”", id);
      return;
    }
  g_free (self->initial_demo);
  self->initial_demo = g_strdup (id);
  g_application_activate (G_APPLICATION (self));
}

static const GActionEntry app_entries[] = {
  { "about", about_activated },
  { "quit", quit_activated },
  { "show-demo", show_demo_activated, "s" },
};

/* TRUE when GDK's OpenGL is a software rasterizer (Mesa's llvmpipe or
 * softpipe, as in a virtual machine or under Xvfb). */
static gboolean
gl_is_software (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr (GdkGLContext) context = NULL;
  const char *renderer;
  gboolean software;

  if (display == NULL || !gdk_display_prepare_gl (display, NULL))
    return FALSE;
  context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return FALSE;
  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  software = renderer != NULL && (strstr (renderer, "llvmpipe") != NULL
                                  || strstr (renderer, "softpipe") != NULL
                                  || strstr (renderer, "SWR") != NULL);
  g_debug ("OpenGL renderer: %s", renderer != NULL ? renderer : "(none)");
  gdk_gl_context_clear_current ();
  return software;
}

/* TRUE when GDK will open an X11 display whose server offers no direct
 * rendering (no DRI2 or DRI3, as Xvfb and VNC servers): OpenGL there can
 * only be Mesa's software rasterizer. One round trip, before GTK loads
 * the GL driver (LLVM) at display open. */
static gboolean
x11_gl_is_software (void)
{
#ifdef GDK_WINDOWING_X11
  const char *backend = g_getenv ("GDK_BACKEND");
  Display *display;
  int opcode, event, error;
  gboolean direct;

  if (backend != NULL ? !g_str_has_prefix (backend, "x11")
                      : g_getenv ("WAYLAND_DISPLAY") != NULL)
    return FALSE;
  display = XOpenDisplay (NULL);
  if (display == NULL)
    return FALSE;
  direct = XQueryExtension (display, "DRI3", &opcode, &event, &error)
           || XQueryExtension (display, "DRI2", &opcode, &event, &error);
  XCloseDisplay (display);
  return !direct;
#else
  return FALSE;
#endif
}

/* GTK 4.8 draws with its GL renderer whenever OpenGL works. On a software
 * rasterizer that repaints the whole window every frame (llvmpipe has no
 * buffer age), several times the cost of the cairo renderer, which
 * repaints only what changed: a slider step took 100-1000 ms instead of
 * 20-50. GTK 4.14 makes the same choice itself. Must run before the first
 * window is realized (GSK reads GSK_RENDERER once); an explicit
 * GSK_RENDERER is kept. */
static void
prefer_cairo_on_software_gl (void)
{
  const char *renderer = g_getenv ("GSK_RENDERER");

  if (renderer != NULL && !g_str_equal (renderer, "gl")
      && !g_str_equal (renderer, "ngl") && !g_str_equal (renderer, "opengl"))
    return;
  /* an X server without direct rendering is answer enough: a GL context
   * made only to ask cost GL start-ups 10-40 ms */
  if (!x11_gl_is_software () && !gl_is_software ())
    return;
  if (renderer == NULL)
    {
      g_setenv ("GSK_RENDERER", "cairo", TRUE);
      g_debug ("software OpenGL: drawing with the cairo renderer");
      return;
    }
  /* GL asked for on a software rasterizer: every frame repaints the whole
   * window (12-15 ms of CPU here), and GTK fades a text cursor in and out
   * over several frames each second, so a focused spin button alone
   * repainted the window 4-6 times a second and each of its steps took 3-4
   * frames. The cursor then stays on, without blinking. Transitions go
   * too, as GNOME Shell turns its own off without hardware rendering:
   * Adwaita animates each focus ring for 200 ms, so a Tab cost 3-5 whole
   * frames instead of one, and a key pressed just after it waited behind
   * them. */
  g_object_set (gtk_settings_get_default (),
                "gtk-cursor-blink", FALSE,
                "gtk-enable-animations", FALSE,
                NULL);
  g_debug ("software OpenGL asked for: no blinking cursor, no animations");
}

/* Before GTK opens the display. Where OpenGL is known to be software
 * without loading it, draw with cairo (as prefer_cairo_on_software_gl ()
 * would decide later). And whenever cairo draws, keep GDK from loading the
 * GL driver at display open: a fifth to a third of the start-up time on
 * this kind of machine, for nothing. Explicit GSK_RENDERER and GDK_DEBUG
 * are kept. */
static void
choose_renderer_early (void)
{
  if (g_getenv ("GSK_RENDERER") == NULL && x11_gl_is_software ())
    {
      g_setenv ("GSK_RENDERER", "cairo", TRUE);
      g_debug ("no direct rendering: drawing with the cairo renderer");
    }
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0
      && g_getenv ("GDK_DEBUG") == NULL)
    g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
}

static void
dln_application_startup (GApplication *app)
{
  DlnApplication *self = DLN_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };

  choose_renderer_early ();
  G_APPLICATION_CLASS (dln_application_parent_class)->startup (app);
  prefer_cairo_on_software_gl ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries,
                                   G_N_ELEMENTS (app_entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         quit_accels);

  self->settings = load_settings ();
  if (self->settings != NULL)
    {
      g_autoptr (GAction) theme = g_settings_create_action (self->settings, "theme");

      g_action_map_add_action (G_ACTION_MAP (app), theme);
      g_settings_bind (self->settings, "theme",
                       adw_style_manager_get_default (), "color-scheme",
                       G_SETTINGS_BIND_GET);
    }
  else
    {
      g_autoptr (GSimpleAction) theme =
        g_simple_action_new_stateful ("theme", G_VARIANT_TYPE_STRING,
                                      g_variant_new_string ("default"));

      g_signal_connect (theme, "change-state", G_CALLBACK (theme_change_state), NULL);
      g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (theme));
    }
}

static void
dln_application_activate (GApplication *app)
{
  DlnApplication *self = DLN_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (dln_window_new (self));
      if (self->settings != NULL)
        {
          g_settings_bind (self->settings, "window-width", window,
                           "default-width", G_SETTINGS_BIND_DEFAULT);
          g_settings_bind (self->settings, "window-height", window,
                           "default-height", G_SETTINGS_BIND_DEFAULT);
          g_settings_bind (self->settings, "window-maximized", window,
                           "maximized", G_SETTINGS_BIND_DEFAULT);
          /* --demo wins over the last demo: set first, so binding does not
           * build the last demo's page only to hide it */
          if (self->initial_demo != NULL)
            g_settings_set_string (self->settings, "last-demo",
                                   self->initial_demo);
          g_settings_bind (self->settings, "last-demo", window,
                           "demo", G_SETTINGS_BIND_DEFAULT);
        }
      if (self->initial_demo != NULL)
        dln_window_set_demo (DLN_WINDOW (window), self->initial_demo);
      else if (dln_window_get_demo (DLN_WINDOW (window)) == NULL)
        dln_window_set_demo (DLN_WINDOW (window), NULL);
    }
  else if (self->initial_demo != NULL)
    dln_window_set_demo (DLN_WINDOW (window), self->initial_demo);
  g_clear_pointer (&self->initial_demo, g_free);

  gtk_window_present (window);
}

/* --list-demos prints and exits; --demo NAME is checked here so a typo
 * fails at once with status 2 instead of opening a window. */
static int
dln_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  DlnApplication *self = DLN_APPLICATION (app);
  const char *demo = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      printf ("dlnlab %s\n", PACKAGE_VERSION);
      fflush (stdout);
      return 0;
    }
  if (g_variant_dict_contains (options, "list-demos"))
    {
      guint n;
      const DlnDemoInfo *demos = dln_demos_get (&n);

      for (guint i = 0; i < n; i++)
        printf ("%s\n", demos[i].id);
      fflush (stdout);
      return 0;
    }
  if (g_variant_dict_lookup (options, "demo", "&s", &demo))
    {
      if (dln_demos_find (demo) == NULL)
        {
          fprintf (stderr, _("dlnlab: unknown demo “%s”; "
                             "`dlnlab --list-demos` names them all\n"), demo);
          return 2;
        }
      /* a running instance shows it; this process then ends */
      if (g_application_register (app, NULL, NULL)
          && g_application_get_is_remote (app))
        {
          g_action_group_activate_action (G_ACTION_GROUP (app), "show-demo",
                                          g_variant_new_string (demo));
          return 0;
        }
      g_free (self->initial_demo);
      self->initial_demo = g_strdup (demo);
    }
  return -1;
}

static void
dln_application_class_init (DlnApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = dln_application_dispose;
  object_class->finalize = dln_application_finalize;
  app_class->startup = dln_application_startup;
  app_class->activate = dln_application_activate;
  app_class->handle_local_options = dln_application_handle_local_options;
}

static const GOptionEntry option_entries[] = {
  { "demo", 'd', 0, G_OPTION_ARG_STRING, NULL,
    N_("Open the demo NAME (see --list-demos)"), N_("NAME") },
  { "list-demos", 'l', 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the demo names, one per line, and exit"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static void
dln_application_init (DlnApplication *self)
{
  dln_ui_init ();
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The Deep Linear Network Lab: "
                                            "interactive demos of how "
                                            "networks learn."));
}

/* dln_application_new:
 * Returns: (transfer full) the application. It is unique on the session
 * bus: a second launch raises the running window (and shows its --demo);
 * tests drive a running instance through its D-Bus actions
 * (win.export-to, win.save-session-to, ...). */
DlnApplication *
dln_application_new (void)
{
  return g_object_new (DLN_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/org/dlnlab/Dlnlab",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/* dln_application_get_settings:
 * Returns: (transfer none) (nullable) the app's settings, or NULL when
 * the schema is not installed or built. */
GSettings *
dln_application_get_settings (DlnApplication *self)
{
  g_return_val_if_fail (DLN_IS_APPLICATION (self), NULL);

  return self->settings;
}
