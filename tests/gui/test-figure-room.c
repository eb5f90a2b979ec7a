/* The window gives the figure the room (run under Xvfb by the gui suite):
 * at 1024 x 700 and 1366 x 768, the common small screens of students'
 * laptops, every page's figures get at least 60 % of the window's
 * width. The sidebar folds away behind its toggle below about 1200 px
 * and the control pane keeps to a narrow column, so the figure is not
 * squeezed between them. */

#include "config.h"

#include "dln-demos.h"
#include "dln-figure-view.h"
#include "dln-run.h"
#include "dln-window.h"
#include "dln-test-gui.h"

#include <adwaita.h>

static DlnWindow *window;

/* the share of the window's width a page's figures get at least */
#define FIGURE_SHARE 0.60

/* Widens [*x0, *x1] to every mapped figure view under @root, in window
 * coordinates. */
static void
figure_extent (GtkWidget *root,
               double    *x0,
               double    *x1)
{
  g_autoptr(GPtrArray) views = dln_test_mapped_widgets (root,
                                                        DLN_TYPE_FIGURE_VIEW);

  for (guint k = 0; k < views->len; k++)
    {
      GtkWidget *view = views->pdata[k];
      graphene_rect_t r;

      if (gtk_widget_compute_bounds (view, GTK_WIDGET (window), &r))
        {
          /* the sizes the figures get, for the headless figure tests */
          g_test_message ("  figure %s: %.0f x %.0f",
                          dln_figure_view_get_name (DLN_FIGURE_VIEW (view)),
                          r.size.width, r.size.height);
          *x0 = MIN (*x0, r.origin.x);
          *x1 = MAX (*x1, r.origin.x + r.size.width);
        }
    }
}

static gboolean
sidebar_shown (void)
{
  /* the demo list: the window's first list box */
  GtkWidget *list = dln_test_find_widget (GTK_WIDGET (window),
                                          dln_test_is_type,
                                          GSIZE_TO_POINTER (GTK_TYPE_LIST_BOX));
  graphene_rect_t r;

  g_assert_nonnull (list);
  return gtk_widget_get_mapped (list)
         && gtk_widget_compute_bounds (list, GTK_WIDGET (window), &r)
         && r.origin.x + r.size.width > 0;
}

/* Waits (5 s at most, the machine may be loaded) for the flap to show or
 * hide the demo list, and says whether it did. */
static gboolean
sidebar_becomes (gboolean shown)
{
  for (int i = 0; i < 100 && sidebar_shown () != shown; i++)
    dln_test_settle (50);
  dln_test_settle (300);  /* the slide's end */
  return sidebar_shown () == shown;
}

/* The demo list's toggle: a named button and F9 (win.toggle-sidebar). */
static void
check_toggle (gboolean shown)
{
  g_assert_true (sidebar_becomes (shown));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window),
                                             "win.toggle-sidebar", NULL));
  g_assert_true (sidebar_becomes (!shown));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window),
                                             "win.toggle-sidebar", NULL));
  g_assert_true (sidebar_becomes (shown));
}

static void
check_size (int      asked,
            int      height,
            GString *report)
{
  int width;
  guint n;
  const DlnDemoInfo *demos = dln_demos_get (&n);

  gtk_window_set_default_size (GTK_WINDOW (window), asked, height);
  dln_test_settle (400);
  /* the window is that wide, less its client-side border at most */
  width = gtk_widget_get_width (GTK_WIDGET (window));
  g_assert_cmpint (width, >, asked - 24);
  g_assert_cmpint (width, <=, asked);
  /* folded below about 1200 px, beside the page above */
  check_toggle (width >= 1200);
  for (guint i = 0; i < n; i++)
    {
      double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE;
      GtkWidget *pane, *scrolled, *bar;
      graphene_rect_t inner, outer;
      GtkBorder padding;
      double visible_end;

      g_assert_true (dln_window_set_demo (window, demos[i].id));
      dln_test_settle (150);
      figure_extent (dln_window_get_page (window), &x0, &x1);
      g_test_message ("%s at %d x %d: figures %.0f px wide (%.0f %%)",
                      demos[i].id, asked, height, MAX (0.0, x1 - x0),
                      100.0 * MAX (0.0, x1 - x0) / width);
      /* and the narrower control pane cuts off none of its controls: its
       * content (inside its padding) ends left of its scrollbar, inside
       * the window */
      pane = dln_test_find_widget (dln_window_get_page (window),
                                   dln_test_has_css_class, "control-panel");
      g_assert_nonnull (pane);
      scrolled = gtk_widget_get_ancestor (pane, GTK_TYPE_SCROLLED_WINDOW);
      g_assert_true (gtk_widget_compute_bounds (pane, GTK_WIDGET (window),
                                                &inner));
      gtk_style_context_get_padding (gtk_widget_get_style_context (pane),
                                     &padding);
      inner.size.width -= padding.right;
      visible_end = width;
      if (scrolled != NULL)
        {
          bar = gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (scrolled));
          g_assert_true (gtk_widget_compute_bounds (scrolled,
                                                    GTK_WIDGET (window),
                                                    &outer));
          visible_end = MIN (outer.origin.x + outer.size.width, width);
          if (gtk_widget_get_mapped (bar))
            visible_end -= gtk_widget_get_width (bar);
        }
      if (inner.origin.x + inner.size.width > visible_end + 0.5)
        g_string_append_printf (report, "  %s at %d x %d: controls cut, "
                                "%.0f px of them hidden\n", demos[i].id,
                                asked, height,
                                inner.origin.x + inner.size.width
                                - visible_end);
      if (x1 - x0 < FIGURE_SHARE * width)
        g_string_append_printf (report, "  %s at %d x %d: %.0f px of %d\n",
                                demos[i].id, asked, height,
                                MAX (0.0, x1 - x0), width);
    }
}

static void
test_figure_room (void)
{
  g_autoptr(GString) report = g_string_new (NULL);

  check_size (1024, 700, report);
  check_size (1366, 768, report);
  if (report->len > 0)
    g_error ("figures under %.0f %% of the window's width, or controls "
             "cut:\n%s", 100 * FIGURE_SHARE, report->str);
}

int
main (int    argc,
      char **argv)
{
  window = dln_test_window_open (&argc, &argv, 0, 0);

  g_test_add_func ("/dln/gui/window/figure-room", test_figure_room);
  return dln_test_window_run (window);
}
