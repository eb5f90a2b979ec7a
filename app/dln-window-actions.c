#define G_LOG_DOMAIN "dln-window-actions"

#include "config.h"

#include "dln-window-private.h"

#include "dln-demo-page.h"
#include "dln-session-ui.h"

/* Window actions forward to the visible page's demo.* actions, so the
 * shortcuts work wherever the focus is (sidebar included). */
static void
forward (DlnWindow  *self,
         const char *action,
         GVariant   *param)
{
  GtkWidget *page = dln_window_get_page (self);

  if (page != NULL)
    gtk_widget_activate_action_variant (page, action, param);
}

static void
export_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  forward (DLN_WINDOW (user_data), "demo.export", param);
}

static void
play_pause_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  forward (DLN_WINDOW (user_data), "demo.play-pause", NULL);
}

static void
step_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  forward (DLN_WINDOW (user_data), "demo.step", NULL);
}

static void
step_back_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  forward (DLN_WINDOW (user_data), "demo.step-back", NULL);
}

static void
reset_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  forward (DLN_WINDOW (user_data), "demo.reset", NULL);
}

/* Sessions belong to the window: every page in it, whichever shows. */
static void
save_file (GFile    *file,
           gpointer  user_data)
{
  dln_window_save_session (DLN_WINDOW (user_data), file);
}

static void
open_file (GFile    *file,
           gpointer  user_data)
{
  dln_window_open_session (DLN_WINDOW (user_data), file);
}

static void
save_session_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  dln_session_ui_choose (GTK_WINDOW (user_data), TRUE, save_file, user_data);
}

static void
open_session_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  dln_session_ui_choose (GTK_WINDOW (user_data), FALSE, open_file, user_data);
}

/* win.save-session-to / win.open-session-from ("PATH"): the same without
 * a file chooser. */
static void
save_session_to_activated (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data)
{
  g_autoptr(GFile) file =
    g_file_new_for_path (g_variant_get_string (param, NULL));

  save_file (file, user_data);
}

static void
open_session_from_activated (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  g_autoptr(GFile) file =
    g_file_new_for_path (g_variant_get_string (param, NULL));

  open_file (file, user_data);
}

/* Path-taking actions: the same work as Export, Save, Open and Import
 * without a file chooser, for scripts and tests driving a running dlnlab
 * over D-Bus (org.gtk.Actions on the window's object path). The page
 * ones forward to the visible page's action of the same job; a page
 * without it ignores the call. */
static const struct
{
  const char *win;   /* win.NAME ("PATH") */
  const char *page;  /* the page action it forwards to */
} path_actions[] = {
  { "export-to", "demo.export-to" },
  { "import-csv-from", "tree.import-csv-from" },
};

static void
path_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  const char *name = g_action_get_name (G_ACTION (action));

  for (gsize i = 0; i < G_N_ELEMENTS (path_actions); i++)
    if (g_str_equal (name, path_actions[i].win))
      forward (DLN_WINDOW (user_data), path_actions[i].page, param);
}

static void
next_demo_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  dln_window_step_demo (DLN_WINDOW (user_data), +1);
}

static void
previous_demo_activated (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  dln_window_step_demo (DLN_WINDOW (user_data), -1);
}

static void
back_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  dln_window_navigate_back (DLN_WINDOW (user_data));
}

static const GActionEntry win_entries[] = {
  { "export", export_activated, "s" },
  { "play-pause", play_pause_activated },
  { "step", step_activated },
  { "step-back", step_back_activated },
  { "reset", reset_activated },
  { "save-session", save_session_activated },
  { "open-session", open_session_activated },
  { "next-demo", next_demo_activated },
  { "previous-demo", previous_demo_activated },
  { "back", back_activated },
  { "export-to", path_activated, "s" },
  { "save-session-to", save_session_to_activated, "s" },
  { "open-session-from", open_session_from_activated, "s" },
  { "import-csv-from", path_activated, "s" },
};

void
dln_window_actions_init (DlnWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);
}

/* Every binding here is listed in ui/gtk/help-overlay.ui. */
void
dln_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", "s", "png");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export", "s", "csv");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export", "s", "py");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, GDK_CONTROL_MASK,
                                       "win.play-pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK,
                                       "win.step-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save-session", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-session", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "win.next-demo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "win.previous-demo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.back", NULL);
}
