/* Presentation mode driven by real dln_test_keys (xdotool, XTest) on a 1920x1080
 * screen (run under Xvfb by the gui suite with XVFB_SCREEN): F5 enters,
 * Page Down steps through every demo (each one screenshot, its main
 * figure filling the screen with axis text of at least 24 px measured
 * from the figure's own record, and the computational graph's node text
 * not much smaller), the controls overlay shows on a pointer
 * move and hides when it is still, Space plays and pauses, dark style
 * applies, and Escape puts the window back exactly as it was.
 * DLN_TEST_SHOTS=DIR keeps the screenshots there (look at them). */

#include "config.h"

#include "dln-demo-page.h"
#include "dln-demos.h"
#include "dln-figure-view.h"
#include "dln-run.h"
#include "dln-window.h"
#include "dln-test-gui.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include <math.h>
#include <string.h>

/* The screen the gui suite gives this test (meson.build: XVFB_SCREEN). */
#define SCREEN_WIDTH  1920
#define SCREEN_HEIGHT 1080

/* Axis text a room can read at 1920x1080 (issue: "at least ~24 px"). */
#define MIN_AXIS_TEXT 24.0
/* Any other text: names on a crowded category axis shrink to fit, in
 * steps of 8 % (ui/figures/dln-plot-axes.c), two steps at most. */
#define MIN_OTHER_TEXT (0.92 * 0.92 * MIN_AXIS_TEXT)

static DlnWindow *window;
static char *shots;  /* where screenshots go */

static gboolean
presenting (void)
{
  g_autoptr(GVariant) state =
    g_action_group_get_action_state (G_ACTION_GROUP (window), "presentation");

  g_assert_nonnull (state);
  return g_variant_get_boolean (state);
}

/* The first shown descendant of @root with style class @name. */
static GtkWidget *
find_class (GtkWidget  *root,
            const char *name)
{
  return dln_test_find_widget (root, dln_test_has_shown_css_class, name);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  return dln_test_find_widget (root, dln_test_is_type,
                               GSIZE_TO_POINTER (type));
}

/* --- The layout, to compare before and after --- */

typedef struct
{
  int             width, height;      /* the window */
  graphene_rect_t sidebar, page, view, panel;
  gboolean        sidebar_mapped, panel_in_page;
  GtkWidget      *panel_parent;
  GtkWidget      *focus;
} Layout;

static void
bounds (GtkWidget       *w,
        graphene_rect_t *r)
{
  if (w == NULL || !gtk_widget_get_mapped (w)
      || !gtk_widget_compute_bounds (w, GTK_WIDGET (window), r))
    *r = GRAPHENE_RECT_INIT (-1, -1, 0, 0);
}

static Layout
layout_now (void)
{
  GtkWidget *page = dln_window_get_page (window);
  GtkWidget *list = find_type (GTK_WIDGET (window), GTK_TYPE_LIST_BOX);
  GtkWidget *panel = find_class (GTK_WIDGET (window), "control-panel");
  Layout l = { gtk_widget_get_width (GTK_WIDGET (window)),
               gtk_widget_get_height (GTK_WIDGET (window)) };

  bounds (list, &l.sidebar);
  l.sidebar_mapped = list != NULL && gtk_widget_get_mapped (list);
  bounds (page, &l.page);
  bounds (GTK_WIDGET (dln_demo_page_get_primary_view (DLN_DEMO_PAGE (page))),
          &l.view);
  bounds (panel, &l.panel);
  l.panel_in_page = panel != NULL && gtk_widget_is_ancestor (panel, page);
  l.panel_parent = panel != NULL ? gtk_widget_get_parent (panel) : NULL;
  l.focus = gtk_window_get_focus (GTK_WINDOW (window));
  return l;
}

static void
assert_same_rect (const char            *what,
                  const graphene_rect_t *a,
                  const graphene_rect_t *b)
{
  if (!graphene_rect_equal (a, b))
    g_error ("%s moved: %g,%g %gx%g before, %g,%g %gx%g after", what,
             a->origin.x, a->origin.y, a->size.width, a->size.height,
             b->origin.x, b->origin.y, b->size.width, b->size.height);
}

/* --- Screenshots and text sizes --- */

/* Saves the window as GTK draws it to shots/NN-DEMO-STYLE.png. */
static void
screenshot (int         index,
            const char *style)
{
  g_autofree char *path = NULL;

  path = g_strdup_printf ("%s/%02d-%s-%s.png", shots, index,
                          dln_window_get_demo (window), style);
  dln_test_save_png (GTK_WIDGET (window), path);
}

/* A tick label: a number as an axis prints it ("0.5", "−2", "10⁻³",
 * "1e+04", "150"). */
static gboolean
is_number (const char *text)
{
  gboolean digit = FALSE;

  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        digit = TRUE;
      else if (!(c < 128 && strchr (".-+e", (int) c) != NULL)
               && c != 0x2212 /* − */
               && !(c >= 0x2070 && c <= 0x207f) /* superscripts */
               && c != 0x00b9 && c != 0x00b2 && c != 0x00b3)
        return FALSE;
    }
  return digit;
}

static gboolean
has_axes (const DlnFigureGeometry *geom)
{
  for (size_t i = 0; i < geom->n_panels; i++)
    if (geom->panels[i].kind != DLN_PANEL_GRAPH)
      return TRUE;
  return FALSE;
}

/* Checks the main figure's text from what its renderer drew, at the size
 * and style of the screen: numbers on its axes (tick labels) at least
 * MIN_AXIS_TEXT, and no other text (names on a crowded category axis,
 * which shrink to fit, legends, notes) under MIN_OTHER_TEXT. */
static void
check_axis_text (DlnFigureView *view)
{
  DlnFigureRecord rec = { 0 };
  size_t n_ticks = 0;
  double smallest = INFINITY, smallest_other = INFINITY, largest = 0;
  char small_text[64] = "", small_other[64] = "";
  const DlnFigureGeometry *geom = dln_figure_view_get_geometry (view);
  int width = (int) geom->width, height = (int) geom->height;

  g_assert_true (dln_figure_view_record (view, &rec));
  for (size_t i = 0; i < rec.n; i++)
    {
      const DlnMark *m = &rec.marks[i];

      if (m->kind != DLN_MARK_TEXT)
        continue;
      /* every word whole on the screen, and every diagram laid out at
       * the size it is drawn */
      if (m->x0 < -0.5 || m->y0 < -0.5 || m->x1 > width + 0.5
          || m->y1 > height + 0.5)
        g_error ("%s: \"%s\" is cut off (%g,%g to %g,%g in %dx%d)",
                 dln_window_get_demo (window), m->text, m->x0, m->y0, m->x1,
                 m->y1, width, height);
      if (strstr (m->text, "not computed") != NULL)
        g_error ("%s: \"%s\"", dln_window_get_demo (window), m->text);
      largest = fmax (largest, m->size);
      if (is_number (m->text))
        {
          n_ticks++;
          if (m->size < smallest)
            {
              smallest = m->size;
              g_strlcpy (small_text, m->text, sizeof small_text);
            }
        }
      else if (m->size < smallest_other)
        {
          smallest_other = m->size;
          g_strlcpy (small_other, m->text, sizeof small_other);
        }
    }
  dln_figure_record_clear (&rec);
  g_test_message ("%s: %zu numbers, smallest %.1f px (%s); other text "
                  "from %.1f px (%s) to %.1f px",
                  dln_window_get_demo (window), n_ticks, smallest,
                  small_text, smallest_other, small_other, largest);
  /* every figure writes something (an empty record is a broken
   * recorder) */
  g_assert_cmpfloat (largest, >, 0);
  /* a node-link diagram has no axes: the computational graph's numbers
   * are node values and edge labels, read from the back of a lecture
   * hall as any other text (the single neuron's small graph beside its
   * table is not held to this yet) */
  if (!has_axes (dln_figure_view_get_geometry (view)))
    {
      if (g_str_equal (dln_window_get_demo (window), "computational-graph")
          && fmin (smallest, smallest_other) < MIN_OTHER_TEXT)
        g_error ("%s: node text %s is %.1f px, under %.0f px",
                 dln_window_get_demo (window),
                 smallest < smallest_other ? small_text : small_other,
                 fmin (smallest, smallest_other), MIN_OTHER_TEXT);
      return;
    }
  if (n_ticks > 0 && smallest < MIN_AXIS_TEXT)
    g_error ("%s: tick label %s is %.1f px, under %.0f px",
             dln_window_get_demo (window), small_text, smallest,
             MIN_AXIS_TEXT);
  if (smallest_other < MIN_OTHER_TEXT)
    g_error ("%s: text %s is %.1f px, under %.0f px",
             dln_window_get_demo (window), small_other, smallest_other,
             MIN_OTHER_TEXT);
}

/* --- The test --- */

static void
test_present_every_demo (void)
{
  guint n;
  const DlnDemoInfo *demos = dln_demos_get (&n);
  GtkWidget *page;
  GtkWidget *revealer;
  Layout before, after;
  guint8 bg[20 * 20 * 4];

  g_assert_cmpuint (n, >, 1);
  g_assert_true (dln_window_set_demo (window, demos[0].id));
  dln_test_wait_page (window, 300);
  dln_test_focus_window (GTK_WIDGET (window));
  dln_test_xdotool ("mousemove 5 5");
  before = layout_now ();
  g_assert_true (before.sidebar_mapped);
  g_assert_true (before.panel_in_page);
  g_assert_cmpint (before.width, <, SCREEN_WIDTH);
  g_assert_false (presenting ());

  dln_test_keys ("F5");
  dln_test_settle (600);
  g_assert_true (presenting ());
  /* the whole screen (less the client-side frame's few pixels: without
   * a window manager the window fills the monitor itself), no sidebar */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=,
                   SCREEN_WIDTH - 24);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), >=,
                   SCREEN_HEIGHT - 24);
  g_assert_false (layout_now ().sidebar_mapped);
  revealer = find_type (GTK_WIDGET (window), GTK_TYPE_REVEALER);
  g_assert_nonnull (revealer);

  /* the controls show at first, then hide while the pointer is still */
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  dln_test_settle (2600);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  dln_test_xdotool ("mousemove 900 500");
  dln_test_xdotool ("mousemove 960 540");
  dln_test_settle (200);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  {
    Layout shown = layout_now ();

    /* the pane is in the overlay now, slim, on the right */
    g_assert_false (shown.panel_in_page);
    g_assert_true (gtk_widget_is_ancestor (
                     find_class (GTK_WIDGET (window), "control-panel"),
                     revealer));
    g_assert_cmpfloat (shown.panel.size.width, <=, 0.25 * SCREEN_WIDTH);
    g_assert_cmpfloat (shown.panel.origin.x, >=, 0.7 * SCREEN_WIDTH);
  }
  screenshot (0, "controls");
  dln_test_xdotool ("mousemove 2 1078");
  dln_test_settle (2600);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  for (guint i = 0; i < n; i++)
    {
      DlnFigureView *view;
      graphene_rect_t r;

      dln_test_wait_page (window, 300);
      g_assert_cmpstr (dln_window_get_demo (window), ==, demos[i].id);
      g_assert_true (presenting ());
      page = dln_window_get_page (window);
      view = dln_demo_page_get_primary_view (DLN_DEMO_PAGE (page));
      g_assert_nonnull (view);
      /* the main figure fills the screen */
      bounds (GTK_WIDGET (view), &r);
      if (r.size.width < 0.9 * SCREEN_WIDTH
          || r.size.height < 0.75 * SCREEN_HEIGHT)
        g_error ("%s: the figure is %gx%g on a %dx%d screen", demos[i].id,
                 r.size.width, r.size.height, SCREEN_WIDTH, SCREEN_HEIGHT);
      g_assert_cmpfloat (dln_figure_view_get_type_scale (view), >, 1.0);
      /* no figure has the focus, so none draws its keyboard crosshair */
      if (gtk_widget_has_focus (GTK_WIDGET (view)))
        g_error ("%s: the figure has the keyboard focus", demos[i].id);
      screenshot ((int) i + 1, "light");
      check_axis_text (view);
      dln_test_keys ("Page_Down");
    }
  /* Page Down wraps; Page Up goes back */
  dln_test_wait_page (window, 300);
  g_assert_cmpstr (dln_window_get_demo (window), ==, demos[0].id);
  dln_test_keys ("Page_Up");
  g_assert_cmpstr (dln_window_get_demo (window), ==, demos[n - 1].id);
  dln_test_keys ("Page_Down");
  g_assert_cmpstr (dln_window_get_demo (window), ==, demos[0].id);

  /* Space plays and pauses where the page has play */
  g_assert_true (dln_window_set_demo (window, "single-neuron"));
  dln_test_wait_page (window, 300);
  page = dln_window_get_page (window);
  g_assert_false (dln_demo_page_get_playing (DLN_DEMO_PAGE (page)));
  dln_test_keys ("space");
  g_assert_true (dln_demo_page_get_playing (DLN_DEMO_PAGE (page)));
  dln_test_keys ("space");
  g_assert_false (dln_demo_page_get_playing (DLN_DEMO_PAGE (page)));

  /* the dark style reaches the figure */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (dln_window_set_demo (window, "dynamics"));
  dln_test_wait_page (window, 300);
  screenshot ((int) n + 1, "dark");
  {
    GtkWidget *w = GTK_WIDGET (dln_demo_page_get_primary_view (
                                 DLN_DEMO_PAGE (dln_window_get_page (window))));
    g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (w);
    GtkSnapshot *snapshot = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) node = NULL;
    g_autoptr(GdkTexture) texture = NULL;

    gdk_paintable_snapshot (paintable, snapshot, 20, 20);
    node = gtk_snapshot_free_to_node (snapshot);
    texture = gsk_renderer_render_texture (
                gtk_native_get_renderer (GTK_NATIVE (window)), node,
                &GRAPHENE_RECT_INIT (0, 0, 20, 20));
    gdk_texture_download (texture, bg, 20 * 4);
    /* the figure's top-left corner is its page: dark grey */
    g_assert_cmpint (bg[0] + bg[1] + bg[2], <, 3 * 80);
  }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_true (dln_window_set_demo (window, demos[0].id));
  dln_test_wait_page (window, 300);

  /* Escape leaves: everything back where it was */
  dln_test_keys ("Escape");
  dln_test_settle (600);
  g_assert_false (presenting ());
  after = layout_now ();
  g_assert_cmpint (after.width, ==, before.width);
  g_assert_cmpint (after.height, ==, before.height);
  g_assert_true (after.sidebar_mapped);
  g_assert_true (after.panel_in_page);
  g_assert_true (after.panel_parent == before.panel_parent);
  assert_same_rect ("the sidebar", &before.sidebar, &after.sidebar);
  assert_same_rect ("the page", &before.page, &after.page);
  assert_same_rect ("the figure", &before.view, &after.view);
  assert_same_rect ("the control pane", &before.panel, &after.panel);
  g_assert_null (find_type (GTK_WIDGET (window), GTK_TYPE_REVEALER));
  g_assert_cmpfloat (dln_figure_view_get_type_scale (
                       dln_demo_page_get_primary_view (
                         DLN_DEMO_PAGE (dln_window_get_page (window)))),
                     ==, 1.0);
  /* and the keys mean nothing special any more */
  dln_test_keys ("Page_Down");
  g_assert_cmpstr (dln_window_get_demo (window), ==, demos[0].id);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  int status;

  if (g_getenv ("DLN_TEST_SHOTS") != NULL)
    {
      shots = g_strdup (g_getenv ("DLN_TEST_SHOTS"));
      g_mkdir_with_parents (shots, 0755);
    }
  else
    {
      tmp = g_dir_make_tmp ("dln-presentation-XXXXXX", &error);
      g_assert_no_error (error);
      shots = g_strdup (tmp);
    }
  window = dln_test_window_open (&argc, &argv, 1280, 800);

  g_test_add_func ("/dln/gui/presentation/every-demo",
                   test_present_every_demo);
  status = dln_test_window_run (window);
  if (tmp != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (tmp, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (tmp, name, NULL);

          g_unlink (path);
        }
      g_rmdir (tmp);
    }
  g_free (shots);
  return status;
}
