/* Every page's control pane fits its column, in the language given on the
 * command line (--locale es_ES.UTF-8 or --locale C.UTF-8, the English
 * source strings): at 1024 x 700 and at 1280 x 800 no control, label or
 * text of the pane reaches past the part of the scrolled pane that shows,
 * and no slider mark is broken over lines.
 * The pane scrolls only vertically, so whatever is wider than its viewport
 * is clipped at the right edge, with no scrollbar to reach it; a long
 * translation has to wrap or the control has to shrink instead.
 *
 * Each mapped widget under a pane's scrolled window is measured against
 * the viewport with gtk_widget_compute_bounds; the report names the
 * innermost widgets that stick out, the pane's minimum width and the
 * rows that make it that wide.
 * Under es_ES the catalogue is the build tree's po/ (DLN_BUILD_ROOT). */

#include "config.h"

#include "dln-demos.h"
#include "dln-test-gui.h"
#include "dln-window.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

static DlnWindow *window;

/* Where a widget may be wider than what shows: the content of a scrolled
 * window that scrolls sideways (its scrollbar reaches the rest). */
static gboolean
scrolls_sideways (GtkWidget *widget)
{
  GtkPolicyType h;

  if (!GTK_IS_SCROLLED_WINDOW (widget))
    return FALSE;
  gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (widget), &h, NULL);
  return h != GTK_POLICY_NEVER;
}

/* What a reader of the report can find the widget by. */
static char *
describe (GtkWidget *widget)
{
  const char *text = NULL;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_BUTTON (widget))
    text = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget))
    text = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
  else if (GTK_IS_EDITABLE (widget))
    text = gtk_editable_get_text (GTK_EDITABLE (widget));
  if (text != NULL && text[0] != '\0')
    {
      g_autofree char *line = g_strndup (text, strcspn (text, "\n"));

      g_autofree char *start = g_utf8_substring (line, 0,
                                                 MIN (g_utf8_strlen (line, -1),
                                                      60));

      return g_strdup_printf ("%s \"%s\"", G_OBJECT_TYPE_NAME (widget),
                              start);
    }
  if (GTK_IS_BOX (widget) || GTK_IS_GRID (widget))
    {
      GString *s = g_string_new (G_OBJECT_TYPE_NAME (widget));
      const char *sep = " of ";

      for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        if (gtk_widget_get_mapped (c))
          {
            g_autofree char *part = describe (c);
            int min = 0;

            gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &min,
                                NULL, NULL, NULL);
            g_string_append_printf (s, "%s%s (%d px)", sep, part, min);
            sep = ", ";
          }
      return g_string_free (s, FALSE);
    }
  return g_strdup (G_OBJECT_TYPE_NAME (widget));
}

/* Appends to @report every innermost mapped widget under @root whose
 * bounds leave 0 .. @visible_width of @viewport; returns whether any
 * widget under @root (or @root itself) does. */
static gboolean
report_outside (GtkWidget  *root,
                GtkWidget  *viewport,
                double      visible_width,
                const char *where,
                GString    *report)
{
  gboolean inner = FALSE;
  graphene_rect_t r;

  if (!scrolls_sideways (root))
    for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
         c = gtk_widget_get_next_sibling (c))
      if (gtk_widget_get_mapped (c)
          && report_outside (c, viewport, visible_width, where, report))
        inner = TRUE;
  if (!gtk_widget_compute_bounds (root, viewport, &r))
    return inner;
  /* half a pixel: allocations are whole pixels, bounds may be rounded */
  if (r.origin.x >= -0.5
      && r.origin.x + r.size.width <= visible_width + 0.5)
    return inner;
  if (!inner)
    {
      g_autofree char *what = describe (root);

      g_string_append_printf (report,
                              "  %s: %s spans x %.0f .. %.0f of %.0f\n",
                              where, what, r.origin.x,
                              r.origin.x + r.size.width, visible_width);
    }
  return TRUE;
}

static guint
n_mapped_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n += gtk_widget_get_mapped (c);
  return n;
}

/* Appends to @report what keeps the pane wide: going down through
 * widgets stacked one above another (vertical boxes, single children),
 * the first one whose minimum width, from where it starts, reaches past
 * @visible_width of @viewport, with what it holds side by side. */
static void
report_widest (GtkWidget  *root,
               GtkWidget  *viewport,
               double      visible_width,
               const char *where,
               GString    *report)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      graphene_rect_t r;
      int min = 0;

      if (!gtk_widget_get_mapped (c)
          || !gtk_widget_compute_bounds (c, viewport, &r))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL,
                          NULL, NULL);
      if (r.origin.x + min <= visible_width + 0.5)
        continue;
      if ((GTK_IS_BOX (c)
           && gtk_orientable_get_orientation (GTK_ORIENTABLE (c))
              == GTK_ORIENTATION_VERTICAL)
          || n_mapped_children (c) == 1)
        report_widest (c, viewport, visible_width, where, report);
      else
        {
          g_autofree char *what = describe (c);

          g_string_append_printf (report,
                                  "  %s: %s needs %d px from x %.0f\n",
                                  where, what, min, r.origin.x);
        }
    }
}

/* Appends to @report every slider mark under @root ("2/λ") broken over
 * lines: the slider places a mark by its whole text. */
static void
report_broken_marks (GtkWidget  *root,
                     const char *where,
                     GString    *report)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c) && gtk_widget_get_mapped (c)
          && gtk_widget_get_ancestor (c, GTK_TYPE_SCALE) != NULL
          && pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (c))) > 1)
        g_string_append_printf (report, "  %s: slider mark \"%s\" broken "
                                "over lines\n", where,
                                gtk_label_get_text (GTK_LABEL (c)));
      report_broken_marks (c, where, report);
    }
}

/* One page at the window's present size: returns FALSE when the page has
 * no scrolled control pane. */
static gboolean
check_page (const char *where,
            GString    *report)
{
  GtkWidget *pane = dln_test_find_widget (dln_window_get_page (window),
                                         dln_test_has_css_class,
                                         "control-panel");
  GtkWidget *scrolled, *viewport;
  double visible;
  int min = 0;

  if (pane == NULL)
    return FALSE;
  scrolled = gtk_widget_get_ancestor (pane, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL)
    return FALSE;
  viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_nonnull (viewport);
  /* the viewport clips its child to its own allocation */
  visible = gtk_widget_get_width (viewport);
  g_assert_cmpfloat (visible, >, 100);
  gtk_widget_measure (pane, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL,
                      NULL);
  if (report_outside (viewport, viewport, visible, where, report))
    {
      g_string_append_printf (report,
                              "  %s: the pane needs %d px, %0.f px show\n",
                              where, min, visible);
      report_widest (pane, viewport, visible, where, report);
    }
  report_broken_marks (pane, where, report);
  return TRUE;
}

static void
test_panes_fit (gconstpointer data)
{
  const int *size = data;
  guint n, n_panes = 0;
  const DlnDemoInfo *demos = dln_demos_get (&n);
  g_autoptr(GString) report = g_string_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), size[0], size[1]);
  dln_test_settle (300);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *where = NULL;

      dln_test_show_demo (window, demos[i].id);
      /* the default size includes the frame around the window */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=,
                       size[0]);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=,
                       size[0] - 20);
      where = g_strdup_printf ("%s at %d x %d", demos[i].id, size[0],
                               size[1]);
      n_panes += check_page (where, report);
    }
  g_test_message ("%u control panes measured in %s", n_panes,
                  setlocale (LC_MESSAGES, NULL));
  /* every page but the lecture has one */
  g_assert_cmpuint (n_panes, >=, n - 1);
  if (report->len > 0)
    {
      g_auto(GStrv) lines = g_strsplit (report->str, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          g_test_message ("%s", lines[i]);
      g_test_fail_printf ("controls past the visible width of their pane, "
                          "or slider marks broken, in %s (listed above)",
                          setlocale (LC_MESSAGES, NULL));
    }
}

int
main (int    argc,
      char **argv)
{
  static const int small[2] = { 1024, 700 };
  static const int medium[2] = { 1280, 800 };
  g_autofree char *po_dir = NULL;
  const char *build_root = g_getenv ("DLN_BUILD_ROOT");
  const char *locale = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *rm = NULL;
  int status;

  for (int i = 1; i + 1 < argc; i++)
    if (g_str_equal (argv[i], "--locale"))
      locale = argv[i + 1];
  g_assert_nonnull (locale);
  g_assert_nonnull (build_root);
  tmpdir = g_dir_make_tmp ("dlnlab-pane-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  dln_test_use_locale (locale, tmpdir);
  po_dir = g_build_filename (build_root, "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, po_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  window = dln_test_window_open (&argc, &argv, 0, 0);
  g_test_add_data_func ("/dln/gui/control-pane/fits-1024x700", small,
                        test_panes_fit);
  g_test_add_data_func ("/dln/gui/control-pane/fits-1280x800", medium,
                        test_panes_fit);
  status = dln_test_window_run (window);
  rm = g_strdup_printf ("rm -rf %s", tmpdir);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
  return status;
}
