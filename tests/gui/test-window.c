/* The main window driven by real keys, in process (run under Xvfb by the
 * gui suite): the sidebar's keyboard use, one meaning per shortcut
 * whatever has the focus, every shortcut in the shortcuts window, and
 * the session items of the main menu. Keys go through the X server
 * (xdotool, XTest) so they take GTK's real path: capture, focus widget,
 * bubble.
 * (Over 800 lines: one binary for the whole window, so the gui suite
 * starts Xvfb, GTK and the window once for all of these checks.) */

#include "config.h"

#include "dln-demos.h"
#include "dln-figure-view.h"
#include "dln-param-row.h"
#include "dln-run.h"
#include "dln-window.h"
#include "dln-test-gui.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include <math.h>
#include <string.h>

static DlnWindow *window;

static void
show_demo (const char *id)
{
  g_assert_true (dln_window_set_demo (window, id));
  dln_test_settle (100);
}

static GtkWidget *
focus (void)
{
  return gtk_window_get_focus (GTK_WINDOW (window));
}

/* The first shown descendant of @root of type @type, or NULL. */
static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  return dln_test_find_widget (root, dln_test_is_shown_type,
                               GSIZE_TO_POINTER (type));
}

/* The demo list: the window's first list box (the sidebar comes first). */
static GtkWidget *
sidebar (void)
{
  return find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX);
}

/* Defect: Tab inside the sidebar went to the next row and opened it, so
 * leaving the list loaded every demo below. Arrows move, Enter opens,
 * Tab leaves. */
static void
test_sidebar_keyboard (void)
{
  GtkWidget *list = sidebar ();
  GtkListBoxRow *row0, *row2;

  g_assert_nonnull (list);
  show_demo ("computational-graph");
  row0 = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  row2 = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2);
  dln_test_focus_window (GTK_WIDGET (window));
  gtk_widget_grab_focus (GTK_WIDGET (row0));
  dln_test_settle (50);

  dln_test_keys ("Down Down");
  g_assert_true (focus () == GTK_WIDGET (row2));
  g_assert_cmpstr (dln_window_get_demo (window), ==, "computational-graph");
  g_assert_true (gtk_widget_get_state_flags (GTK_WIDGET (row0))
                 & GTK_STATE_FLAG_SELECTED);

  dln_test_keys ("Return");
  g_assert_cmpstr (dln_window_get_demo (window), ==, "single-neuron");
  g_assert_false (gtk_widget_get_state_flags (GTK_WIDGET (row0))
                  & GTK_STATE_FLAG_SELECTED);
  g_assert_true (gtk_widget_get_state_flags (GTK_WIDGET (row2))
                 & GTK_STATE_FLAG_SELECTED);

  /* Tab leaves the list and opens nothing */
  gtk_widget_grab_focus (GTK_WIDGET (row2));
  dln_test_settle (50);
  dln_test_keys ("Tab");
  g_assert_nonnull (focus ());
  g_assert_false (gtk_widget_is_ancestor (focus (), list));
  g_assert_cmpstr (dln_window_get_demo (window), ==, "single-neuron");

  /* Shift+Tab leaves it the other way, to the main menu */
  gtk_widget_grab_focus (GTK_WIDGET (row2));
  dln_test_settle (50);
  dln_test_keys ("shift+Tab");
  g_assert_nonnull (focus ());
  g_assert_false (focus () == list || gtk_widget_is_ancestor (focus (), list));
  g_assert_cmpstr (dln_window_get_demo (window), ==, "single-neuron");
}

/* The first visible DlnParamRow's spin button in the page. */
static GtkWidget *
first_spin (void)
{
  GtkWidget *row = find_widget (dln_window_get_page (window),
                                DLN_TYPE_PARAM_ROW);

  g_assert_nonnull (row);
  return find_widget (row, GTK_TYPE_SPIN_BUTTON);
}

static int
page_int (const char *property)
{
  int v = 0;

  g_object_get (dln_window_get_page (window), property, &v, NULL);
  return v;
}

static double
page_double (const char *property)
{
  double v = 0;

  g_object_get (dln_window_get_page (window), property, &v, NULL);
  return v;
}

/* Defect: Ctrl+Page Up/Down meant next demo or step η depending on the
 * focus, Alt+Left back or scrub; Alt+Right on RSA did nothing until the
 * page had the focus. Each shortcut now means one thing wherever the
 * focus is. */
static void
test_shortcuts_one_meaning (void)
{
  GtkWidget *list = sidebar ();
  GtkWidget *spin;
  double lr;
  int epoch;

  dln_test_focus_window (GTK_WIDGET (window));

  /* Ctrl+Page Down from a spin button of the game: the next demo, and η
   * unchanged */
  show_demo ("depth-lr-game");
  spin = first_spin ();
  gtk_widget_grab_focus (spin);
  dln_test_settle (50);
  lr = page_double ("lr");
  dln_test_keys ("ctrl+Page_Down");
  g_assert_cmpstr (dln_window_get_demo (window), ==, "initialisation");
  show_demo ("depth-lr-game");
  g_assert_cmpfloat (page_double ("lr"), ==, lr);
  /* and Ctrl+Plus steps η, from the sidebar too */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (
                                       GTK_LIST_BOX (list), 0)));
  dln_test_settle (50);
  dln_test_keys ("ctrl+plus");
  g_assert_cmpstr (dln_window_get_demo (window), ==, "depth-lr-game");
  g_assert_cmpfloat (page_double ("lr"), >, lr);

  /* Depth: Ctrl+Page Up from the depth spin button goes to the previous
   * demo and leaves the depth alone; Ctrl+Minus steps it */
  show_demo ("depth");
  spin = first_spin ();
  gtk_widget_grab_focus (spin);
  dln_test_settle (50);
  {
    int depth = page_int ("depth");

    dln_test_keys ("ctrl+Page_Up");
    g_assert_cmpstr (dln_window_get_demo (window), ==, "loss-landscape");
    show_demo ("depth");
    g_assert_cmpint (page_int ("depth"), ==, depth);
    gtk_widget_grab_focus (first_spin ());
    dln_test_keys ("ctrl+equal");
    g_assert_cmpint (page_int ("depth"), ==, depth + 5);
  }

  /* RSA: the epoch scrubs with the focus in the sidebar, and Alt+Left is
   * only "back" (it never scrubs) */
  show_demo ("rsa");
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (
                                       GTK_LIST_BOX (list), 0)));
  dln_test_settle (50);
  epoch = page_int ("epoch");
  dln_test_keys ("alt+period");
  g_assert_cmpint (page_int ("epoch"), ==, epoch + 1);
  dln_test_keys ("alt+comma");
  g_assert_cmpint (page_int ("epoch"), ==, epoch);
  gtk_widget_grab_focus (first_spin ());
  dln_test_settle (50);
  dln_test_keys ("alt+Left");
  g_assert_cmpint (page_int ("epoch"), ==, epoch);
  g_assert_cmpstr (dln_window_get_demo (window), ==, "rsa");

  /* Dynamics: the same scrub, the focus in its epoch row */
  show_demo ("dynamics");
  epoch = page_int ("epoch");
  gtk_widget_grab_focus (first_spin ());
  dln_test_settle (50);
  dln_test_keys ("alt+Page_Up");
  g_assert_cmpint (page_int ("epoch"), ==, epoch + 10);
  dln_test_keys ("alt+Left alt+Right");
  g_assert_cmpint (page_int ("epoch"), ==, epoch + 10);
}

/* The window's shortcut controller (dln-window-actions.c), or with
 * @name "dln-presentation-shortcuts" those of presentation mode
 * (dln-presentation.c). */
static GListModel *
window_shortcuts_named (const char *name)
{
  g_autoptr(GListModel) controllers =
    gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (c), name) == 0)
        return G_LIST_MODEL (c);
    }
  return NULL;
}

static GListModel *
window_shortcuts (void)
{
  return window_shortcuts_named ("dln-window-shortcuts");
}

/* Adds the shortcuts window's accelerators to @set ("a...b" ranges
 * expanded over digits), as GtkShortcutTrigger strings. */
static void
overlay_accels (GHashTable *set)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/org/dlnlab/Dlnlab/gtk/help-overlay.ui");
  GSList *objects = gtk_builder_get_objects (builder);

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accel = NULL;
      g_auto(GStrv) parts = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accel, NULL);
      if (accel == NULL)
        continue;
      parts = g_strsplit (accel, " ", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *dots = strstr (parts[i], "...");

          if (dots != NULL)
            {
              /* <Alt>1...<Alt>8: the digits in between */
              g_autofree char *first = g_strndup (parts[i], dots - parts[i]);
              const char *last = dots + 3;
              char lo = first[strlen (first) - 1];
              char hi = last[strlen (last) - 1];

              for (char c = lo; c <= hi; c++)
                {
                  g_autofree char *k = g_strndup (first, strlen (first) - 1);

                  g_hash_table_add (set, g_strdup_printf ("%s%c", k, c));
                }
            }
          else
            g_hash_table_add (set, g_strdup (parts[i]));
        }
    }
  g_slist_free (objects);
}

/* Normalises an accelerator to GTK's own spelling. */
static char *
accel_name (const char *accel)
{
  guint key = 0;
  GdkModifierType mods = 0;

  g_assert_true (gtk_accelerator_parse (accel, &key, &mods));
  return gtk_accelerator_name (key, mods);
}

static void
test_shortcuts_listed (void)
{
  GListModel *model = window_shortcuts ();
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash,
                                                        g_str_equal,
                                                        g_free, NULL);
  g_autoptr(GHashTable) bound = g_hash_table_new_full (g_str_hash,
                                                       g_str_equal,
                                                       g_free, g_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash,
                                                       g_str_equal,
                                                       g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  GListModel *models[] = {
    model, window_shortcuts_named ("dln-presentation-shortcuts")
  };

  g_assert_nonnull (model);
  g_assert_nonnull (models[1]);
  {
    g_autoptr(GHashTable) raw = g_hash_table_new_full (g_str_hash,
                                                       g_str_equal,
                                                       g_free, NULL);

    overlay_accels (raw);
    g_hash_table_iter_init (&iter, raw);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_hash_table_add (listed, accel_name (key));
  }

  /* one action per trigger, and every trigger listed (its first
   * alternative; the others are the same key elsewhere); the window's
   * and presentation mode's keys together */
  for (guint k = 0; k < G_N_ELEMENTS (models); k++)
    for (guint i = 0; i < g_list_model_get_n_items (models[k]); i++)
      {
        g_autoptr(GtkShortcut) s = g_list_model_get_item (models[k], i);
        g_autofree char *trigger =
          gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (s));
        g_auto(GStrv) alternatives = g_strsplit (trigger, "|", -1);
        g_autofree char *action =
          gtk_shortcut_action_to_string (gtk_shortcut_get_action (s));
        GVariant *args = gtk_shortcut_get_arguments (s);
        g_autofree char *args_text = args != NULL
                                     ? g_variant_print (args, FALSE) : NULL;
        g_autofree char *meaning = g_strdup_printf ("%s(%s)", action,
                                                    args_text != NULL
                                                    ? args_text : "");

        for (guint a = 0; alternatives[a] != NULL; a++)
          {
            g_autofree char *name = accel_name (alternatives[a]);
            const char *before = g_hash_table_lookup (bound, name);

            if (before != NULL)
              g_error ("%s means both %s and %s", name, before, meaning);
            g_hash_table_insert (bound, g_strdup (name), g_strdup (meaning));
            if (a == 0 && !g_hash_table_contains (listed, name))
              g_error ("shortcut %s (%s) is not in the shortcuts window", name,
                       meaning);
            g_hash_table_add (names, g_steal_pointer (&name));
          }
      }

  /* every listed accelerator does something: a window shortcut, an
   * application accelerator, or a key of the focused control that the
   * window leaves alone */
  {
    static const char *const widget_keys[] = {
      "Tab", "Return", "Left", "Right", "Up", "Down", "F10",
      "<Control>question", NULL
    };
    GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

    g_hash_table_iter_init (&iter, listed);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_autofree char *action = NULL;
        gboolean widget_key = FALSE;

        for (guint i = 0; widget_keys[i] != NULL; i++)
          {
            g_autofree char *k = accel_name (widget_keys[i]);

            widget_key |= g_str_equal (k, key);
          }
        if (widget_key || g_hash_table_contains (names, key))
          continue;
        {
          g_auto(GStrv) actions =
            gtk_application_get_actions_for_accel (app, key);

          if (actions != NULL && actions[0] != NULL)
            continue;
        }
        g_error ("the shortcuts window lists %s, which nothing handles",
                 (const char *) key);
      }
  }
}

/* The shortcuts window opens without a warning (G_DEBUG makes them
 * fatal; a crowded section once gave a label a negative width). */
static void
test_shortcuts_window_opens (void)
{
  GtkWindow *overlay;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window),
                                             "win.show-help-overlay", NULL));
  dln_test_settle (300);
  overlay = gtk_application_window_get_help_overlay (
              GTK_APPLICATION_WINDOW (window)) != NULL
            ? GTK_WINDOW (gtk_application_window_get_help_overlay (
                            GTK_APPLICATION_WINDOW (window)))
            : NULL;
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
  dln_test_settle (50);
}

/* Defect: Ctrl+S and Ctrl+O were not in the main menu. They are there
 * with their accelerators, and on every page with a session Ctrl+S opens
 * the save dialog whatever has the focus. */
/* @accel NULL: any or none. */
static gboolean
menu_has (GMenuModel *menu,
          const char *action,
          const char *accel)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *a = NULL;
      g_autofree char *k = NULL;
      GMenuModel *sub;

      if (g_menu_model_get_item_attribute (menu, i, "action", "s", &a)
          && g_str_equal (a, action)
          && (accel == NULL
              || (g_menu_model_get_item_attribute (menu, i, "accel", "s", &k)
                  && g_str_equal (k, accel))))
        return TRUE;
      sub = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      if (sub == NULL)
        sub = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);
      if (sub != NULL)
        {
          gboolean found = menu_has (sub, action, accel);

          g_object_unref (sub);
          if (found)
            return TRUE;
        }
    }
  return FALSE;
}

static GtkWindow *
other_toplevel (void)
{
  /* not owned: GTK's list of toplevels keeps each window */
  GListModel *tops = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      GtkWindow *w = g_list_model_get_item (tops, i);

      g_object_unref (w);
      if (w != GTK_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (w))
          && GTK_IS_FILE_CHOOSER (w))
        return w;
    }
  return NULL;
}

/* The main menu: the menu button that F10 opens. */
static gboolean
is_primary_menu_button (GtkWidget     *w,
                        gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (w)
         && gtk_menu_button_get_primary (GTK_MENU_BUTTON (w));
}

static GtkMenuButton *
primary_menu_button (GtkWidget *root)
{
  GtkWidget *found = dln_test_find_widget (root, is_primary_menu_button,
                                           NULL);

  return found != NULL ? GTK_MENU_BUTTON (found) : NULL;
}

static void
test_session_menu (void)
{
  GtkMenuButton *button;
  guint n;
  const DlnDemoInfo *demos = dln_demos_get (&n);
  g_autoptr(GString) missing = g_string_new (NULL);

  button = primary_menu_button (GTK_WIDGET (window));
  g_assert_nonnull (button);
  g_assert_true (menu_has (gtk_menu_button_get_menu_model (button),
                           "win.save-session", "<Control>s"));
  g_assert_true (menu_has (gtk_menu_button_get_menu_model (button),
                           "win.open-session", "<Control>o"));
  /* presentation mode is in the menu too (tests/gui/test-presentation) */
  g_assert_true (menu_has (gtk_menu_button_get_menu_model (button),
                           "win.presentation", "F5"));

  dln_test_focus_window (GTK_WIDGET (window));
  for (guint i = 0; i < n; i++)
    {
      GtkWindow *dialog;
      gboolean enabled;

      show_demo (demos[i].id);
      enabled = g_action_group_get_action_enabled (G_ACTION_GROUP (window),
                                                   "save-session");
      if (!enabled)
        {
          g_string_append_printf (missing, " %s", demos[i].id);
          continue;
        }
      gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (
                                           GTK_LIST_BOX (sidebar ()), 0)));
      dln_test_keys ("ctrl+s");
      dialog = other_toplevel ();
      g_assert_nonnull (dialog);
      gtk_window_close (dialog);
      dln_test_settle (100);
      g_assert_null (other_toplevel ());
    }
  /* The pages that keep no session yet (Tutorial 1 and D19) get theirs
   * from the window's session work; until then their menu items are
   * disabled rather than silent. */
  if (missing->len > 0)
    {
      g_autofree char *msg = g_strdup_printf ("no session on:%s",
                                              missing->str);

      g_test_incomplete (msg);
    }
}

/* The demos whose main figure changes over time (tests/gui/
 * test-animation-export.c records some of them). */
static const char *const animated_demos[] = {
  "computational-graph", "wide-net", "shallow-net", "loss-landscape",
  "depth", "learning-rate", "initialisation", "playground", "dynamics",
  "rsa", "illusory",
};

/* Whether @w is an open menu's item whose text is @text without its
 * mnemonic underscore (GtkPopoverMenu's items are private GtkModelButtons
 * with a "text"). */
static gboolean
is_menu_item (GtkWidget     *w,
              gconstpointer  text)
{
  g_autofree char *t = NULL;

  if (!g_str_equal (G_OBJECT_TYPE_NAME (w), "GtkModelButton"))
    return FALSE;
  g_object_get (w, "text", &t, NULL);
  return g_strcmp0 (t, text) == 0;
}

/* Whether @w is a menu button whose menu has an item for @action. */
static gboolean
is_menu_button_with (GtkWidget     *w,
                     gconstpointer  action)
{
  GMenuModel *menu = GTK_IS_MENU_BUTTON (w)
                     ? gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (w))
                     : NULL;

  return menu != NULL && menu_has (menu, action, NULL);
}

/* The header's "Export Animation…" is enabled, and shown in the export
 * menu, exactly on the pages whose figure changes over time. */
static void
test_export_animation_item (void)
{
  guint n;
  const DlnDemoInfo *demos = dln_demos_get (&n);
  GtkWidget *button = NULL;
  g_auto(GStrv) parts = g_strsplit (g_dgettext (GETTEXT_PACKAGE,
                                                "Export _Animation…"),
                                    "_", -1);
  g_autofree char *text = g_strjoinv ("", parts);

  button = dln_test_find_widget (GTK_WIDGET (window), is_menu_button_with,
                                 "win.export-animation");
  g_assert_nonnull (button);

  for (guint i = 0; i < n; i++)
    {
      gboolean animated = FALSE, enabled;
      GtkWidget *item;

      for (gsize k = 0; k < G_N_ELEMENTS (animated_demos); k++)
        animated |= g_str_equal (demos[i].id, animated_demos[k]);
      show_demo (demos[i].id);
      enabled = g_action_group_get_action_enabled (G_ACTION_GROUP (window),
                                                   "export-animation");
      if (enabled != animated)
        g_error ("%s: Export Animation is %s", demos[i].id,
                 enabled ? "enabled" : "disabled");
      /* and the open menu shows the item only then */
      gtk_menu_button_popup (GTK_MENU_BUTTON (button));
      dln_test_settle (50);
      /* (a hidden item has no widget) */
      item = dln_test_find_widget (button, is_menu_item, text);
      if ((item != NULL && gtk_widget_get_visible (item)) != animated)
        g_error ("%s: Export Animation is %s in the menu", demos[i].id,
                 animated ? "missing" : "shown");
      gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
      dln_test_settle (20);
    }
}

static gboolean
is_shown_label_with (GtkWidget     *w,
                     gconstpointer  needle)
{
  return GTK_IS_LABEL (w) && gtk_widget_is_visible (w)
         && strstr (gtk_label_get_text (GTK_LABEL (w)), needle) != NULL;
}

/* A shown label of @root whose text contains @needle, or NULL. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *needle)
{
  return dln_test_find_widget (root, is_shown_label_with, needle);
}

/* Counts the arrows of the gradient field's CSV by where they sit and
 * whether they have a direction. */
static void
count_arrows (GtkWidget *page,
              guint     *left_drawn,
              guint     *right_drawn)
{
  g_autofree char *dir = g_dir_make_tmp ("dln-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "field.csv", NULL);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  *left_drawn = *right_drawn = 0;
  g_assert_true (gtk_widget_activate_action (page, "demo.export-to", "s",
                                             path));
  dln_test_settle (100);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  lines = g_strsplit (csv, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      double x;

      if (g_strv_length (f) < 6 || !g_str_equal (f[0], "arrow"))
        continue;
      x = g_ascii_strtod (f[1], NULL);
      if (!g_str_equal (f[4], "nan") && !g_str_equal (f[5], "nan"))
        (*(x <= 0 ? left_drawn : right_drawn))++;
    }
  g_unlink (path);
  g_rmdir (dir);
}

/* Defect: typing log(x) drew arrows where f is undefined (x <= 0; the
 * gradient rule 1/x still gives a number), with no word about it. The
 * preset drop-down naming no preset after a custom expression is
 * test-course-fidelity's /dln/gui/course/graph/preset-follows-entry. */
static void
test_gradient_field_domain (void)
{
  GtkWidget *page, *entry;
  guint left, right;

  show_demo ("gradient-field");
  page = dln_window_get_page (window);
  entry = find_widget (page, GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  g_assert_null (find_label (page, "undefined"));
  count_arrows (page, &left, &right);
  g_assert_cmpuint (left, >, 0);
  g_assert_cmpuint (right, >, 0);

  gtk_editable_set_text (GTK_EDITABLE (entry), "log(x)");
  dln_test_settle (100);
  count_arrows (page, &left, &right);
  g_assert_cmpuint (left, ==, 0);
  g_assert_cmpuint (right, >, 0);
  g_assert_nonnull (find_label (page, "undefined"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "x^2 + y^2");
  dln_test_settle (100);
  g_assert_null (find_label (page, "undefined"));
}

/* Whether @name resolves, in the window's icon theme, to an icon the app
 * ships in its resources (not one a system theme may or may not have). */
static gboolean
icon_from_resources (const char *name,
                     gboolean    symbolic)
{
  GtkIconTheme *theme =
    gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (!gtk_icon_theme_has_icon (theme, name))
    return FALSE;
  icon = gtk_icon_theme_lookup_icon (theme, name, NULL, 16, 1,
                                     GTK_TEXT_DIR_LTR, 0);
  file = gtk_icon_paintable_get_file (icon);
  if (file == NULL)
    return FALSE;
  uri = g_file_get_uri (file);
  return g_str_has_prefix (uri, "resource:///org/dlnlab/Dlnlab/icons/")
         && (!symbolic || gtk_icon_paintable_is_symbolic (icon));
}

/* Defect: speedometer-symbolic is not on Debian 12 (a broken image for
 * Learning Rate), two icons each served two demos, and About showed
 * image-missing under `make run`. Every demo has its own symbolic icon
 * from the app's resources, and so does the app. */
static void
test_icons (void)
{
  guint n;
  const DlnDemoInfo *demos = dln_demos_get (&n);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      if (!icon_from_resources (demos[i].icon_name, TRUE))
        g_error ("%s: icon %s is not a symbolic icon of the app's resources",
                 demos[i].id, demos[i].icon_name);
      if (!g_hash_table_add (seen, (gpointer) demos[i].icon_name))
        g_error ("%s: icon %s serves another demo too", demos[i].id,
                 demos[i].icon_name);
    }
  /* the About window's and the window's icon (application-icon) */
  g_assert_true (icon_from_resources (APPLICATION_ID, FALSE));
}

/* --- Contrast, measured on the rendered window --- */

/* WCAG 2.1 relative luminance of an sRGB colour (0..255 channels). */
static double
luminance (const guint8 rgb[3])
{
  double l[3];

  for (int i = 0; i < 3; i++)
    {
      double c = rgb[i] / 255.0;

      l[i] = c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
    }
  return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}

static double
contrast (const guint8 a[3],
          const guint8 b[3])
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

typedef struct
{
  guchar *pixels;  /* cairo ARGB32 (B, G, R, A in memory), opaque */
  int     width;
  int     height;
  gsize   stride;
} Shot;

/* The window as GTK draws it (its own renderer, the same CSS). */
static Shot
render_window (void)
{
  GtkWidget *w = GTK_WIDGET (window);
  Shot shot = { NULL, gtk_widget_get_width (w), gtk_widget_get_height (w), 0 };
  g_autoptr(GdkTexture) texture = dln_test_render_widget (w);

  if (g_getenv ("DLN_TEST_SHOTS") != NULL)
    {
      g_autofree char *path =
        g_strdup_printf ("%s/%s-%s.png", g_getenv ("DLN_TEST_SHOTS"),
                         dln_window_get_demo (window),
                         adw_style_manager_get_dark (adw_style_manager_get_default ())
                         ? "dark" : "light");

      gdk_texture_save_to_png (texture, path);
    }
  shot.stride = (gsize) shot.width * 4;
  shot.pixels = g_malloc (shot.stride * shot.height);
  gdk_texture_download (texture, shot.pixels, shot.stride);
  return shot;
}

static void
pixel (const Shot *shot,
       int         x,
       int         y,
       guint8      rgb[3])
{
  const guchar *p = shot->pixels + (gsize) y * shot->stride + (gsize) x * 4;

  rgb[0] = p[2];
  rgb[1] = p[1];
  rgb[2] = p[0];
}

/* Whether @w is drawn whole: mapped and inside every scrolled window and
 * the window around it. */
static gboolean
fully_shown (GtkWidget       *w,
             graphene_rect_t *bounds)
{
  if (!gtk_widget_get_mapped (w) || gtk_widget_get_width (w) < 2
      || gtk_widget_get_height (w) < 2
      || !gtk_widget_compute_bounds (w, GTK_WIDGET (window), bounds))
    return FALSE;
  for (GtkWidget *a = gtk_widget_get_parent (w); a != NULL;
       a = gtk_widget_get_parent (a))
    {
      graphene_rect_t ab;

      if (!(GTK_IS_SCROLLED_WINDOW (a) || GTK_IS_WINDOW (a)
            || GTK_IS_VIEWPORT (a)))
        continue;
      if (!gtk_widget_compute_bounds (a, GTK_WIDGET (window), &ab)
          || !graphene_rect_contains_rect (&ab, bounds))
        return FALSE;
    }
  return TRUE;
}

/* The highest contrast between a pixel of @label and its background (its
 * most common colour). Anti-aliasing only blends the text colour towards
 * the background, so this never overstates the text's contrast. */
static double
label_contrast (const Shot      *shot,
                graphene_rect_t *b)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  int x0 = (int) ceil (b->origin.x), y0 = (int) ceil (b->origin.y);
  int x1 = MIN ((int) floor (b->origin.x + b->size.width), shot->width);
  int y1 = MIN ((int) floor (b->origin.y + b->size.height), shot->height);
  guint best = 0;
  guint8 bg[3] = { 0 };
  double most = 1.0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint8 c[3];
        guint key, n;

        pixel (shot, x, y, c);
        key = (c[0] << 16 | c[1] << 8 | c[2]) + 1;
        n = GPOINTER_TO_UINT (g_hash_table_lookup (counts,
                                                   GUINT_TO_POINTER (key))) + 1;
        g_hash_table_insert (counts, GUINT_TO_POINTER (key),
                             GUINT_TO_POINTER (n));
        if (n > best)
          {
            best = n;
            memcpy (bg, c, 3);
          }
      }
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint8 c[3];

        pixel (shot, x, y, c);
        most = MAX (most, contrast (c, bg));
      }
  return most;
}

static void
collect_labels (GtkWidget *root,
                GPtrArray *out)
{
  dln_test_collect_widgets (root, dln_test_is_shown_type,
                            GSIZE_TO_POINTER (GTK_TYPE_LABEL), out);
}

/* A label's contrast failures on the visible page, appended to @report. */
static void
check_contrast (const char *scheme,
                GString    *report)
{
  Shot shot = render_window ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (GTK_WIDGET (window), labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *l = labels->pdata[i];
      const char *text = gtk_label_get_text (GTK_LABEL (l));
      graphene_rect_t b;
      double c;

      /* WCAG 1.4.3 exempts inactive controls */
      if (text == NULL || g_utf8_strlen (text, -1) < 2
          || !gtk_widget_is_sensitive (l) || !fully_shown (l, &b))
        continue;
      c = label_contrast (&shot, &b);
      if (c < 4.5)
        g_string_append_printf (report, "  %s, %s: \"%.40s\" %.2f:1 at "
                                "%.0f,%.0f %.0fx%.0f\n",
                                dln_window_get_demo (window), scheme, text, c,
                                b.origin.x, b.origin.y, b.size.width,
                                b.size.height);
    }
  g_free (shot.pixels);
}

static void
set_scheme (AdwColorScheme scheme)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      scheme);
  dln_test_settle (150);
}

/* Defect: the teaching text was #8c8c8c on #fafafa (about 3.2:1) and, in
 * the dark style, Register! white on light green (about 1.3:1). Every
 * label of every page, in both styles and at 1024 x 700, has 4.5:1. The
 * game's button is measured in both of its colours. */
static void
test_contrast (void)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK
  };
  static const char *const names[] = { "light", "dark" };
  guint n;
  const DlnDemoInfo *demos = dln_demos_get (&n);
  g_autoptr(GString) report = g_string_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      set_scheme (schemes[s]);
      for (guint i = 0; i < n; i++)
        {
          dln_test_show_demo (window, demos[i].id);
          if (g_str_equal (demos[i].id, "depth-lr-game"))
            {
              GtkWidget *button =
                dln_test_find_widget (dln_window_get_page (window),
                                      dln_test_has_shown_css_class,
                                      "game-register");
              static const char *const states[] = { "success", "danger" };

              g_assert_nonnull (button);
              for (guint k = 0; k < G_N_ELEMENTS (states); k++)
                {
                  gtk_widget_remove_css_class (button, states[1 - k]);
                  gtk_widget_add_css_class (button, states[k]);
                  gtk_widget_set_sensitive (button, TRUE);
                  dln_test_settle (50);
                  check_contrast (names[s], report);
                }
              continue;
            }
          check_contrast (names[s], report);
        }
    }
  set_scheme (ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  dln_test_settle (100);
  if (report->len > 0)
    g_error ("text below 4.5:1 contrast:\n%s", report->str);
}

/* Defect: at 1024 x 700 the sidebar and the parameter rows cut labels
 * short ("Hyperparameter Playgro...", "Arrow scale (quiv..."). No label
 * of any page, sidebar included, is ellipsized there. */
static void
report_ellipsized (GtkWidget  *root,
                   const char *where,
                   GString    *report)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (root, labels);
  for (guint k = 0; k < labels->len; k++)
    {
      GtkLabel *l = labels->pdata[k];

      if (gtk_widget_get_mapped (GTK_WIDGET (l))
          && pango_layout_is_ellipsized (gtk_label_get_layout (l)))
        g_string_append_printf (report, "  %s: \"%s\"\n", where,
                                gtk_label_get_text (l));
    }
}

static void
test_no_truncated_labels (void)
{
  guint n;
  const DlnDemoInfo *demos = dln_demos_get (&n);
  g_autoptr(GString) report = g_string_new (NULL);
  guint mapped_rows = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  dln_test_settle (200);
  for (guint i = 0; i < n; i++)
    {
      show_demo (demos[i].id);
      report_ellipsized (GTK_WIDGET (window), demos[i].id, report);
    }
  /* the sidebar: folded at this size (shown alone), and beside the page
   * in a wider window */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back",
                                             NULL));
  dln_test_settle (400);
  report_ellipsized (sidebar (), "sidebar at 1024 x 700", report);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  dln_test_settle (400);
  report_ellipsized (sidebar (), "sidebar at 1280 x 800", report);
  for (guint i = 0; i < n; i++)
    mapped_rows += gtk_widget_get_mapped (GTK_WIDGET (
                     gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar ()),
                                                    (int) i)));
  g_assert_cmpuint (mapped_rows, >, 0);
  if (report->len > 0)
    g_error ("labels cut short:\n%s", report->str);
}

/* The teaching text at the bottom of a page's controls could be cut off
 * by the window's edge with nothing to say there is more: wherever a
 * page's panel overflows at 1024 x 700, its scrollbar is shown. */
static void
test_scroll_hint (void)
{
  guint n, overflowing = 0;
  const DlnDemoInfo *demos = dln_demos_get (&n);
  g_autoptr(GString) report = g_string_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  dln_test_settle (200);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) scrolled = NULL;

      show_demo (demos[i].id);
      scrolled = dln_test_mapped_widgets (dln_window_get_page (window),
                                          GTK_TYPE_SCROLLED_WINDOW);
      for (guint k = 0; k < scrolled->len; k++)
        {
          GtkScrolledWindow *sw = scrolled->pdata[k];
          GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (sw);
          GtkWidget *bar = gtk_scrolled_window_get_vscrollbar (sw);

          if (gtk_adjustment_get_upper (v) - gtk_adjustment_get_lower (v)
              <= gtk_adjustment_get_page_size (v) + 1)
            continue;
          overflowing++;
          /* an overlay scrollbar shows only while the pointer moves */
          if (gtk_scrolled_window_get_overlay_scrolling (sw)
              || !gtk_widget_get_mapped (bar) || gtk_widget_get_width (bar) < 4)
            g_string_append_printf (report, "  %s\n", demos[i].id);
        }
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  dln_test_settle (100);
  /* the check means something only if some page overflows */
  g_assert_cmpuint (overflowing, >, 0);
  if (report->len > 0)
    g_error ("overflowing panels without a scrollbar:\n%s", report->str);
}

/* The page's main figure as CSV text. */
static char *
page_csv (GtkWidget *page)
{
  g_autofree char *dir = g_dir_make_tmp ("dln-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "figure.csv", NULL);
  char *csv = NULL;

  g_assert_true (gtk_widget_activate_action (page, "demo.export-to", "s",
                                             path));
  dln_test_settle (100);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_unlink (path);
  g_rmdir (dir);
  return csv;
}

/* The figure canvas takes the focus; the arrows move a crosshair whose
 * readout follows (and names the figure for a screen reader), and on the
 * loss landscape Enter starts the descent there. */
static void
test_figure_keyboard (void)
{
  GtkWidget *page, *view;
  g_autofree char *csv0 = NULL;
  g_autofree char *csv1 = NULL;
  g_autofree char *readout0 = NULL;

  dln_test_show_demo (window, "loss-landscape");
  page = dln_window_get_page (window);
  view = find_widget (page, DLN_TYPE_FIGURE_VIEW);
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_focusable (view));
  dln_test_focus_window (GTK_WIDGET (window));
  g_assert_true (gtk_widget_grab_focus (view));
  dln_test_settle (100);
  /* focused: the crosshair is on the figure and reads out */
  g_assert_nonnull (dln_figure_view_get_readout (DLN_FIGURE_VIEW (view)));
  readout0 = g_strdup (dln_figure_view_get_readout (DLN_FIGURE_VIEW (view)));
  dln_test_keys ("Left Left Left Left Up Up");
  g_assert_true (focus () == view);
  g_assert_cmpstr (dln_figure_view_get_readout (DLN_FIGURE_VIEW (view)), !=,
                   readout0);
  csv0 = page_csv (page);
  dln_test_keys ("Return");
  csv1 = page_csv (page);
  g_assert_cmpstr (csv0, !=, csv1);
  /* Tab goes on to the figure's export button, then out: the crosshair
   * goes with the focus */
  dln_test_keys ("Tab");
  if (focus () != NULL && gtk_widget_is_ancestor (focus (), view))
    dln_test_keys ("Tab");
  g_assert_false (focus () == view || gtk_widget_is_ancestor (focus (), view));
  g_assert_null (dln_figure_view_get_readout (DLN_FIGURE_VIEW (view)));

  /* a typed start point "x, y" does what Enter on the figure does */
  {
    /* the first shown entry (the custom-surface one is hidden) */
    GtkWidget *entry = find_widget (page, GTK_TYPE_ENTRY);
    g_autofree char *csv2 = NULL;

    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "-1.5, 2");
    gtk_widget_grab_focus (entry);
    dln_test_keys ("Return");
    csv2 = page_csv (page);
    g_assert_nonnull (strstr (csv2, ",0,0,-1.5,2,"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "x, 2");
    dln_test_keys ("Return");
    g_assert_true (gtk_widget_has_css_class (entry, "error"));
  }
}

/* Every figure describes itself (its key numbers) for a screen reader,
 * and the description follows the figure. */
static void
test_figure_description (void)
{
  GtkWidget *page, *view, *spin;
  g_autofree char *before = NULL;

  dln_test_show_demo (window, "depth");
  page = dln_window_get_page (window);
  view = find_widget (page, DLN_TYPE_FIGURE_VIEW);
  dln_test_settle (500);
  g_assert_nonnull (dln_figure_view_get_description (DLN_FIGURE_VIEW (view)));
  before = g_strdup (dln_figure_view_get_description (DLN_FIGURE_VIEW (view)));
  /* sentences about its numbers: the loss falls (dln_figure_summary) */
  g_assert_nonnull (strstr (before, " falls "));
  spin = first_spin ();
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                             gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin))
                             + 10);
  dln_test_settle (800);
  g_assert_cmpstr (dln_figure_view_get_description (DLN_FIGURE_VIEW (view)),
                   !=, before);
}

int
main (int    argc,
      char **argv)
{
  window = dln_test_window_open (&argc, &argv, 1280, 800);

  g_test_add_func ("/dln/gui/window/sidebar-keyboard", test_sidebar_keyboard);
  g_test_add_func ("/dln/gui/window/shortcuts-one-meaning",
                   test_shortcuts_one_meaning);
  g_test_add_func ("/dln/gui/window/shortcuts-listed", test_shortcuts_listed);
  g_test_add_func ("/dln/gui/window/shortcuts-window-opens",
                   test_shortcuts_window_opens);
  g_test_add_func ("/dln/gui/window/session-menu", test_session_menu);
  g_test_add_func ("/dln/gui/window/export-animation-item",
                   test_export_animation_item);
  g_test_add_func ("/dln/gui/window/icons", test_icons);
  g_test_add_func ("/dln/gui/window/contrast", test_contrast);
  g_test_add_func ("/dln/gui/window/scroll-hint", test_scroll_hint);
  g_test_add_func ("/dln/gui/window/no-truncated-labels",
                   test_no_truncated_labels);
  g_test_add_func ("/dln/gui/figure/keyboard-crosshair", test_figure_keyboard);
  g_test_add_func ("/dln/gui/figure/description", test_figure_description);
  g_test_add_func ("/dln/gui/gradient-field/undefined-domain",
                   test_gradient_field_domain);
  return dln_test_window_run (window);
}
