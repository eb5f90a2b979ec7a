#define G_LOG_DOMAIN "dln-window-actions"

#include "config.h"

#include "dln-window-private.h"

#include "dln-demo-page.h"
#include "dln-figure-view.h"
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

/* win.export-animation: "Export Animation…", enabled only while the
 * visible page's main figure changes over time (dln_window_actions_update) */
static void
export_animation_activated (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  forward (DLN_WINDOW (user_data), "demo.export",
           g_variant_new_string ("animation"));
}

/* win.NAME for the page's demo.NAME (export, play-pause, step, ...) */
static void
demo_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  g_autofree char *page_action =
    g_strconcat ("demo.", g_action_get_name (G_ACTION (action)), NULL);

  forward (DLN_WINDOW (user_data), page_action, param);
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

/* win.save-session / win.open-session: through a file chooser;
 * win.save-session-to / win.open-session-from ("PATH"): the same without
 * one. */
static void
session_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  gboolean save = g_str_has_prefix (g_action_get_name (G_ACTION (action)),
                                    "save-");
  DlnUiFileFunc job = save ? save_file : open_file;
  g_autoptr(GFile) file = NULL;

  if (param == NULL)
    {
      dln_session_ui_choose (GTK_WINDOW (user_data), save, job, user_data);
      return;
    }
  file = g_file_new_for_path (g_variant_get_string (param, NULL));
  job (file, user_data);
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

/* Page-specific jobs behind one shortcut each: the window action runs
 * the first of its page actions the visible page has, with its int
 * parameter times @scale. A page with none of
 * them ignores the shortcut (chain.step: DlnChainPage's stepped input,
 * depth or η, on its grid). */
static const struct
{
  const char *win;      /* win.NAME */
  int         scale;    /* multiplies win.NAME's int parameter; 0: none */
  const char *page[6];  /* page actions, in order; NULL after the last */
} page_actions[] = {
  { "step-value", 1, { "chain.step" } },
  { "scrub", 1, { "dynamics.scrub", "rsa.scrub" } },
  { "page-option", 1, { "illusory.preset", "init.toggle-curve" } },
  { "new-sample", 0, { "chain.new-data", "tree.resample", "dynamics.new-init",
                       "svd.resample", "regression.new-example" } },
  { "register", 0, { "game.register" } },
  { "import-csv", 0, { "tree.import-csv" } },
  { "toggle-normalisation", 0, { "rsa.toggle-normalisation" } },
};

static void
page_action_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  GtkWidget *page = dln_window_get_page (DLN_WINDOW (user_data));
  const char *name = g_action_get_name (G_ACTION (action));

  if (page == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (page_actions); i++)
    if (g_str_equal (name, page_actions[i].win))
      for (const char *const *p = page_actions[i].page; *p != NULL; p++)
        {
          GVariant *arg = NULL;

          if (param != NULL && page_actions[i].scale != 0)
            arg = g_variant_new_int32 (g_variant_get_int32 (param)
                                       * page_actions[i].scale);
          if (gtk_widget_activate_action_variant (page, *p, arg))
            return;
        }
}

/* win.next-demo / win.previous-demo */
static void
step_demo_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  gboolean next = g_str_equal (g_action_get_name (G_ACTION (action)),
                               "next-demo");

  dln_window_step_demo (DLN_WINDOW (user_data), next ? +1 : -1);
}

static void
back_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  dln_window_navigate_back (DLN_WINDOW (user_data));
}

static void
toggle_sidebar_activated (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  dln_window_toggle_sidebar (DLN_WINDOW (user_data));
}

static const GActionEntry win_entries[] = {
  { "export", demo_activated, "s" },
  { "export-animation", export_animation_activated },
  { "play-pause", demo_activated },
  { "step", demo_activated },
  { "step-back", demo_activated },
  { "reset", demo_activated },
  { "save-session", session_activated },
  { "open-session", session_activated },
  { "next-demo", step_demo_activated },
  { "previous-demo", step_demo_activated },
  { "back", back_activated },
  { "toggle-sidebar", toggle_sidebar_activated },
  { "step-value", page_action_activated, "i" },
  { "scrub", page_action_activated, "i" },
  { "page-option", page_action_activated, "i" },
  { "new-sample", page_action_activated },
  { "register", page_action_activated },
  { "import-csv", page_action_activated },
  { "toggle-normalisation", page_action_activated },
  { "export-to", path_activated, "s" },
  { "save-session-to", session_activated, "s" },
  { "open-session-from", session_activated, "s" },
  { "import-csv-from", path_activated, "s" },
};

/* Every shortcut of the window and its pages: one meaning each, whatever
 * has the focus, because the window sees the key first (capture phase),
 * before a focused spin button, slider, scrolled window or the flap
 * can give it another. So none of these may be a key a control needs
 * for itself (plain arrows, Ctrl+arrows, Ctrl+A/C/V/X/Z, Tab).
 * Every one is listed in ui/gtk/help-overlay.ui (a test checks it); a
 * trigger's alternatives after "|" are the same key on other keyboards. */
static const struct
{
  const char *trigger;  /* gtk_shortcut_trigger_parse_string () */
  const char *action;   /* a win.* action */
  const char *arg;      /* its parameter as GVariant text, or NULL */
} shortcuts[] = {
  { "<Control>e", "win.export", "'png'" },
  { "<Control><Shift>e", "win.export", "'csv'" },
  { "<Control><Shift>p", "win.export", "'py'" },
  { "<Control>space", "win.play-pause", NULL },
  { "<Control>n", "win.step", NULL },
  { "<Control>b", "win.step-back", NULL },
  { "<Control>r", "win.reset", NULL },
  { "<Control>s", "win.save-session", NULL },
  { "<Control>o", "win.open-session", NULL },
  { "<Control>Page_Down", "win.next-demo", NULL },
  { "<Control>Page_Up", "win.previous-demo", NULL },
  { "<Alt>Left", "win.back", NULL },
  { "F9", "win.toggle-sidebar", NULL },
  { "F5", "win.presentation", NULL },
  { "<Control>plus|<Control>equal|<Control>KP_Add", "win.step-value", "1" },
  { "<Control>minus|<Control>KP_Subtract", "win.step-value", "-1" },
  { "<Alt>period", "win.scrub", "1" },
  { "<Alt>comma", "win.scrub", "-1" },
  { "<Alt>Page_Up", "win.scrub", "10" },
  { "<Alt>Page_Down", "win.scrub", "-10" },
  { "<Alt>1", "win.page-option", "0" },
  { "<Alt>2", "win.page-option", "1" },
  { "<Alt>3", "win.page-option", "2" },
  { "<Alt>4", "win.page-option", "3" },
  { "<Alt>5", "win.page-option", "4" },
  { "<Alt>6", "win.page-option", "5" },
  { "<Alt>7", "win.page-option", "6" },
  { "<Alt>8", "win.page-option", "7" },
  { "<Control><Shift>n", "win.new-sample", NULL },
  { "<Control>Return", "win.register", NULL },
  { "<Control>i", "win.import-csv", NULL },
  { "<Control><Shift>m", "win.toggle-normalisation", NULL },
};

/* dln_window_actions_update:
 * Enables the actions that depend on the visible page: win.export-animation
 * on the pages whose main figure can be recorded, by the same test as
 * `dlnlab-cli export`'s (dln_figure_view_get_animated). */
void
dln_window_actions_update (DlnWindow *self)
{
  GtkWidget *page = dln_window_get_page (self);
  DlnFigureView *view = NULL;
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self),
                                                "export-animation");

  if (page != NULL && DLN_IS_DEMO_PAGE (page))
    view = dln_demo_page_get_primary_view (DLN_DEMO_PAGE (page));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               view != NULL
                               && dln_figure_view_get_animated (view));
}

void
dln_window_actions_init (DlnWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);
  dln_window_actions_update (self);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "dln-window-shortcuts");
  for (gsize i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      GtkShortcutTrigger *trigger =
        gtk_shortcut_trigger_parse_string (shortcuts[i].trigger);
      GtkShortcut *shortcut;

      g_assert (trigger != NULL);
      shortcut = gtk_shortcut_new (trigger,
                                   gtk_named_action_new (shortcuts[i].action));
      if (shortcuts[i].arg != NULL)
        gtk_shortcut_set_arguments (shortcut,
                                    g_variant_new_parsed (shortcuts[i].arg));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
