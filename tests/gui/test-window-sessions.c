/* Sessions belong to the window: for every demo page (run under Xvfb by
 * the gui suite), in the real DlnWindow, driven by its win.save-session-to
 * and win.open-session-from actions as a script would:
 *   save the page as it opens (D), change it and save (A), change it
 *   again, open A and save (B);
 * A must differ from D (the change was captured: a page whose state is
 * not saved fails here) and B must equal A (the change was restored:
 * parameters, the page's own state and the retrained weights). */

#include "config.h"

#include "dln-demo-page.h"
#include "dln-demos.h"
#include "dln-param-row.h"
#include "dln-run.h"
#include "dln-test-gui.h"
#include "dln-test-util.h"
#include "dln-ui.h"
#include "dln-window.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>

/* The page's record in the session file at @path, as compact JSON. */
static char *
page_record (const char *path,
             const char *id)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *pages;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  pages = json_object_get_object_member (
            json_node_get_object (json_parser_get_root (parser)), "pages");
  g_assert_nonnull (pages);
  g_assert_true (json_object_has_member (pages, id));
  return json_to_string (json_object_get_member (pages, id), FALSE);
}

static void
win_action (DlnWindow  *window,
            const char *name,
            const char *path)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), name,
                                  g_variant_new_string (path));
}

typedef struct
{
  DlnWindow  *window;
  const char *id;
  const char *path;
} Save;

static char *
save (gpointer data)
{
  Save *s = data;

  win_action (s->window, "save-session-to", s->path);
  return page_record (s->path, s->id);
}

/* Saves the window to @path once the page's runs have settled, or as soon
 * as the page's record equals @expected. */
static char *
save_settled (DlnWindow  *window,
              const char *id,
              const char *path,
              const char *expected)
{
  Save s = { window, id, path };

  return dln_test_capture_settled (save, NULL, &s, expected);
}

/* The first named DlnParamRow below @widget, in template order. */
static DlnParamRow *
find_row (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (c));
      DlnParamRow *row;

      /* any row: a named one, or one the page made (a variable's) */
      if (DLN_IS_PARAM_ROW (c) && id != NULL && gtk_widget_get_sensitive (c))
        return DLN_PARAM_ROW (c);
      if ((row = find_row (c)) != NULL)
        return row;
    }
  return NULL;
}

/* Changes what a student would change first: the page's data seed when
 * it has one, else its first slider; @k picks one of two changes. */
static void
change_page (GtkWidget *page,
             int        k)
{
  GParamSpec *seed = g_object_class_find_property (G_OBJECT_GET_CLASS (page),
                                                   "seed");
  DlnParamRow *row;
  double lower, upper;

  if (seed != NULL && (seed->flags & G_PARAM_WRITABLE))
    {
      g_object_set (page, "seed", (guint64) (7 + k), NULL);
      return;
    }
  row = find_row (page);
  g_assert_nonnull (row);
  lower = dln_param_row_get_lower (row);
  upper = dln_param_row_get_upper (row);
  dln_param_row_set_value (row, lower + (upper - lower) * (0.3 + 0.4 * k));
}

static void
test_round_trip (gconstpointer data)
{
  const DlnDemoInfo *info = data;
  DlnWindow *window = g_object_new (DLN_TYPE_WINDOW, NULL);
  g_autofree char *dir = g_build_filename (dln_test_tmpdir (), info->id,
                                           NULL);
  g_autofree char *path_d = g_build_filename (dir, "opened.json", NULL);
  g_autofree char *path_a = g_build_filename (dir, "changed.json", NULL);
  g_autofree char *path_b = g_build_filename (dir, "reopened.json", NULL);
  g_autofree char *d = NULL, *a = NULL, *b = NULL;
  GtkWidget *page;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dln_window_set_demo (window, info->id));
  page = dln_window_get_page (window);
  g_assert_true (DLN_IS_DEMO_PAGE (page));

  d = save_settled (window, info->id, path_d, NULL);
  change_page (page, 0);
  a = save_settled (window, info->id, path_a, NULL);
  g_test_message ("%s changed: %.600s", info->id, a);
  g_assert_cmpstr (a, !=, d);

  change_page (page, 1);
  dln_test_settle (100);
  win_action (window, "open-session-from", path_a);
  g_assert_true (dln_window_get_page (window) == page);
  b = save_settled (window, info->id, path_b, a);
  g_assert_cmpstr (b, ==, a);

  gtk_window_destroy (GTK_WINDOW (window));
  dln_test_settle (50);
}

int
main (int   argc,
      char *argv[])
{
  const DlnDemoInfo *demos;
  guint n = 0;

  dln_test_ui_init (&argc, &argv);
  demos = dln_demos_get (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = NULL;

      /* the bonus lecture is a card with nothing to change */
      if (demos[i].group == DLN_DEMO_GROUP_BONUS)
        continue;
      path = g_strdup_printf ("/dln/gui/window-sessions/%s", demos[i].id);
      g_test_add_data_func (path, &demos[i], test_round_trip);
    }
  return g_test_run ();
}
