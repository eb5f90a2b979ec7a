/* The panel layout engine (dln-figure-layout.c): sharing by weight,
 * aspect limits, the arrangement chosen for the size, and the panel sizes
 * it gives the multi-panel figures at the sizes the window shows them. */

#include "config.h"

#include "dln-figure-catalogue.h"
#include "dln-figure-layout.h"
#include "dln-figure-svd.h"
#include "dln-test-figure.h"

#include <glib.h>
#include <math.h>
#include <string.h>

/* Bisection and rounding: well under a pixel. */
#define LEN_TOL 1e-6

/* Lays @n panels out in a @w x @h area at the origin, in whichever
 * arrangement fits (no key, no gap), asserting every minimum is met;
 * returns the arrangement chosen. */
static DlnArrangement
solve_fitting (const DlnPanelSpec *spec,
               size_t              n,
               double              w,
               double              h,
               DlnPanelLayout     *lay)
{
  DlnRect area = { 0, 0, w, h };

  g_assert_true (dln_panel_layout_solve (area, spec, n, 0, DLN_ARRANGE_ALL,
                                         0, lay));
  return lay->arrangement;
}

/* Two free panels share a row by weight: 400 units, weights 1 and 3, no
 * decorations or gap: 100 and 300 (hand split). */
static void
test_row_by_weight (void)
{
  DlnPanelSpec spec[2] = { { .weight = 1 }, { .weight = 3 } };
  DlnPanelLayout lay;
  DlnRect area = { 0, 0, 400, 200 };

  g_assert_true (dln_panel_layout_solve (area, spec, 2, 1, DLN_ARRANGE_ROW,
                                         0, &lay));
  g_assert_cmpint (lay.arrangement, ==, DLN_ARRANGE_ROW);
  g_assert_cmpfloat_with_epsilon (lay.plot[0].width, 100, LEN_TOL);
  g_assert_cmpfloat_with_epsilon (lay.plot[1].width, 300, LEN_TOL);
  g_assert_cmpfloat_with_epsilon (lay.plot[1].x, 100, LEN_TOL);
  g_assert_cmpfloat_with_epsilon (lay.plot[0].height, 200, LEN_TOL);
  g_assert_cmpfloat_with_epsilon (dln_panel_layout_share (&lay, 2, 1), 0.75,
                                  LEN_TOL);
}

/* Decorations are kept out of the plot areas: 400 wide with 30 + 10 on
 * each panel's sides and a gap of 20 leaves 400 - 80 - 20 = 300 to share
 * equally; the outer box is the plot plus its insets. */
static void
test_decorations_and_gap (void)
{
  DlnPanelSpec spec[2] = {
    { .weight = 1, .deco = { 30, 10, 15, 25 } },
    { .weight = 1, .deco = { 30, 10, 15, 25 } },
  };
  DlnPanelLayout lay;
  DlnRect area = { 10, 20, 400, 200 };

  dln_panel_layout_solve (area, spec, 2, 0, DLN_ARRANGE_ROW, 20, &lay);
  g_assert_cmpfloat_with_epsilon (lay.plot[0].width, 150, LEN_TOL);
  g_assert_cmpfloat_with_epsilon (lay.plot[0].x, 10 + 30, LEN_TOL);
  g_assert_cmpfloat_with_epsilon (lay.plot[1].x, 10 + 190 + 20 + 30,
                                  LEN_TOL);
  g_assert_cmpfloat_with_epsilon (lay.plot[0].height, 200 - 40, LEN_TOL);
  g_assert_cmpfloat_with_epsilon (lay.plot[0].y, 20 + 15, LEN_TOL);
  g_assert_cmpfloat_with_epsilon (lay.outer[1].x, lay.plot[1].x - 30,
                                  LEN_TOL);
  g_assert_cmpfloat_with_epsilon (lay.outer[1].width, 150 + 40, LEN_TOL);
}

/* A square panel cannot use more width than its height: in 600 x 200 it
 * takes 200 even at weight 5, and the free panel gets the other 400. */
static void
test_aspect_caps (void)
{
  DlnPanelSpec spec[2] = { { .weight = 1 }, { .weight = 5, .aspect = 1 } };
  DlnPanelLayout lay;
  DlnRect area = { 0, 0, 600, 200 };

  dln_panel_layout_solve (area, spec, 2, 1, DLN_ARRANGE_ROW, 0, &lay);
  g_assert_cmpfloat_with_epsilon (lay.plot[1].width, 200, LEN_TOL);
  g_assert_cmpfloat_with_epsilon (lay.plot[1].height, 200, LEN_TOL);
  g_assert_cmpfloat_with_epsilon (lay.plot[0].width, 400, LEN_TOL);
}

/* Two panels wanting 300 units of width each cannot sit side by side in
 * 400: the engine stacks them, and both then fit. */
static void
test_stacks_when_narrow (void)
{
  DlnPanelSpec spec[2] = {
    { .weight = 1, .min_width = 300, .min_height = 150 },
    { .weight = 1, .min_width = 300, .min_height = 150 },
  };
  DlnPanelLayout lay;

  g_assert_cmpint (solve_fitting (spec, 2, 400, 800, &lay), ==,
                   DLN_ARRANGE_COLUMN);
  g_assert_cmpfloat_with_epsilon (lay.plot[0].height, 400, LEN_TOL);
  g_assert_cmpfloat_with_epsilon (lay.plot[1].y, 400, LEN_TOL);
  /* wide and short: side by side again */
  g_assert_cmpint (solve_fitting (spec, 2, 800, 250, &lay), ==,
                   DLN_ARRANGE_ROW);
}

/* Too small for both minimums (100 + 100 in 100): each keeps min·c^(1/w)
 * with 100 c + 100 c^(1/2) = 100, so c = ((√5 - 1) / 2)², and the key
 * (weight 2) keeps 61.8 against 38.2. */
static void
test_key_shrinks_least (void)
{
  DlnPanelSpec spec[2] = {
    { .weight = 1, .min_width = 100 },
    { .weight = 2, .min_width = 100 },
  };
  DlnPanelLayout lay;
  DlnRect area = { 0, 0, 100, 100 };
  double r = (sqrt (5) - 1) / 2;

  g_assert_false (dln_panel_layout_solve (area, spec, 2, 1, DLN_ARRANGE_ROW,
                                          0, &lay));
  g_assert_cmpfloat_with_epsilon (lay.plot[0].width, 100 * r * r, 1e-6);
  g_assert_cmpfloat_with_epsilon (lay.plot[1].width, 100 * r, 1e-6);
}

/* Three panels, the key square: in a wide, short area the key goes left
 * at full height and the other two stack beside it. */
static void
test_key_left (void)
{
  DlnPanelSpec spec[3] = {
    { .weight = 2, .aspect = 1, .min_width = 200, .min_height = 200 },
    { .weight = 1, .min_width = 250, .min_height = 100 },
    { .weight = 1, .min_width = 250, .min_height = 100 },
  };
  DlnPanelLayout lay;

  g_assert_cmpint (solve_fitting (spec, 3, 700, 300, &lay), ==,
                   DLN_ARRANGE_KEY_LEFT);
  g_assert_cmpfloat_with_epsilon (lay.plot[0].width, 300, LEN_TOL);
  g_assert_cmpfloat_with_epsilon (lay.plot[1].x, 300, LEN_TOL);
  g_assert_cmpfloat_with_epsilon (lay.plot[1].width, 400, LEN_TOL);
  g_assert_cmpfloat_with_epsilon (lay.plot[2].y, 150, LEN_TOL);
}

/* --- The engine in the figures --- */

typedef struct
{
  const char *figure;
  const char *panel;     /* the key picture */
  int         w, h;      /* figure size */
  size_t      cells;     /* its cells per side */
} KeyCase;

/* Sizes the window gives the figures (measured on the pages at 1280x800
 * and 1024x700) and the catalogue's defaults. Before the engine, the
 * RSA page's RSM was 90 units across at 670x360 and Data SVD's item modes
 * 60 at 700x730. */
static const KeyCase key_cases[] = {
  { "rsm", "rsm", 670, 360, 8 },
  { "rsm", "rsm", 1344, 480, 8 },
  { "rsm", "rsm", 960, 640, 8 },
  { "data-svd", "u", 700, 730, 8 },
  { "data-svd", "u", 1152, 480, 8 },
  { "data-svd", "u", 960, 640, 8 },
  { "data-svd", "u", 1600, 1000, 8 },
};

static void
test_key_cells (gconstpointer user_data)
{
  const KeyCase *c = user_data;
  DlnFigureInstance fig;
  DlnFigureStyle style;
  DlnFigureGeometry geom;
  cairo_surface_t *surface;
  bool found = false;

  if (strcmp (c->figure, "rsm") == 0)
    dln_test_build (&fig, c->figure, "epoch", "150", NULL);
  else
    dln_test_build (&fig, c->figure, NULL);
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  surface = dln_test_render_figure (fig.render, &style, fig.data, c->w, c->h,
                                    &geom);
  for (size_t i = 0; i < geom.n_panels; i++)
    {
      const DlnPlotPanel *p = &geom.panels[i];

      if (strcmp (p->name, c->panel) != 0)
        continue;
      found = true;
      g_test_message ("%s at %dx%d: %s panel %.0f x %.0f", c->figure, c->w,
                      c->h, p->name, p->width, p->height);
      g_assert_cmpfloat (fmin (p->width, p->height) / (double) c->cells, >=,
                         DLN_LAYOUT_MIN_CELL - 0.5);
      g_assert_cmpfloat (p->x, >=, 0);
      g_assert_cmpfloat (p->y, >=, 0);
      g_assert_cmpfloat (p->x + p->width, <=, c->w);
      g_assert_cmpfloat (p->y + p->height, <=, c->h);
    }
  g_assert_true (found);
  cairo_surface_destroy (surface);
  dln_figure_instance_clear (&fig);
}

/* D13 side by side: the feature table's rows are the label table's rows
 * (the item names written once, on the left), cell for cell. */
static void
test_dataset_shared_rows (void)
{
  DlnFigureInstance fig;
  DlnFigureStyle style;
  DlnFigureGeometry geom;
  cairo_surface_t *surface;
  const DlnPlotPanel *labels, *features;

  dln_test_build (&fig, "tree-data", NULL);
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  surface = dln_test_render_figure (fig.render, &style, fig.data, 960, 640,
                                    &geom);
  labels = dln_test_panel (&geom, "labels");
  features = dln_test_panel (&geom, "features");
  g_assert_cmpfloat_with_epsilon (features->y, labels->y, 0.5);
  g_assert_cmpfloat_with_epsilon (features->height, labels->height, 0.5);
  /* square cells of one size: 8 x 8 and 8 x 10 */
  g_assert_cmpfloat_with_epsilon (labels->width / 8, labels->height / 8, 0.5);
  g_assert_cmpfloat_with_epsilon (features->width / 10, labels->width / 8,
                                  0.5);
  g_assert_cmpfloat (labels->height / 8, >=, DLN_LAYOUT_MIN_CELL);
  cairo_surface_destroy (surface);
  dln_figure_instance_clear (&fig);
}

/* Vᵀ with thousands of columns is drawn sorted by sign on the modes:
 * the mapping back is a permutation, positive first on mode 1, then on
 * mode 2 within each mode-1 block; a few columns are drawn in order. */
static void
test_svd_sorted_columns (void)
{
  enum { K = 2, N = 500 };
  double vt[K * N];
  DlnSvdData d = { .m = 1, .n = N, .k = K, .vt = vt };
  g_autofree bool *seen = g_new0 (bool, N);
  guint32 state = 12345;
  int prev = 4;
  size_t col;

  for (size_t i = 0; i < K * N; i++)
    {
      state = state * 1664525u + 1013904223u;
      vt[i] = (double) (state >> 8) / (double) (1u << 24) - 0.5;
    }
  for (size_t j = 0; j < N; j++)
    {
      int pattern;

      g_assert_true (dln_figure_svd_drawn_column (&d, j, &col));
      g_assert_cmpuint (col, <, N);
      g_assert_false (seen[col]);
      seen[col] = true;
      pattern = 2 * (vt[col] > 0) + (vt[N + col] > 0);
      g_assert_cmpint (pattern, <=, prev);
      prev = pattern;
    }
  g_assert_false (dln_figure_svd_drawn_column (&d, N, &col));
  d.n = 40;
  g_assert_true (dln_figure_svd_drawn_column (&d, 7, &col));
  g_assert_cmpuint (col, ==, 7);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/figures/layout/row-by-weight", test_row_by_weight);
  g_test_add_func ("/dln/figures/layout/decorations-and-gap",
                   test_decorations_and_gap);
  g_test_add_func ("/dln/figures/layout/aspect-caps", test_aspect_caps);
  g_test_add_func ("/dln/figures/layout/stacks-when-narrow",
                   test_stacks_when_narrow);
  g_test_add_func ("/dln/figures/layout/key-shrinks-least",
                   test_key_shrinks_least);
  g_test_add_func ("/dln/figures/layout/key-left", test_key_left);
  g_test_add_func ("/dln/figures/layout/dataset-shared-rows",
                   test_dataset_shared_rows);
  g_test_add_func ("/dln/figures/layout/svd-sorted-columns",
                   test_svd_sorted_columns);
  for (size_t i = 0; i < G_N_ELEMENTS (key_cases); i++)
    {
      const KeyCase *c = &key_cases[i];
      g_autofree char *path = g_strdup_printf (
        "/dln/figures/layout/key-cells/%s-%dx%d", c->figure, c->w, c->h);

      g_test_add_data_func (path, c, test_key_cells);
    }
  return g_test_run ();
}
