/* Fields: marching squares (incl. saddles), filled contours, heatmaps and
 * matrices, colour bars, quivers, implicit curves and the 3-D view. Set
 * DLN_TEST_DUMP_DIR to keep the rendered PNGs for a look. */

#include "config.h"

#include "dln-figure.h"
#include "dln-test-figure.h"
#include "dln-test-util.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* Colour tolerance for flat fills: 8-bit quantisation only. */
#define FLAT_TOL (1.5 / 255)

/* --- marching squares --- */

typedef struct
{
  size_t n;
  double seg[64][4];
  double length;
  double max_radius_err;
} Collect;

static void
collect (double x0,
         double y0,
         double x1,
         double y1,
         void  *user)
{
  Collect *c = user;

  if (c->n < 64)
    {
      c->seg[c->n][0] = x0;
      c->seg[c->n][1] = y0;
      c->seg[c->n][2] = x1;
      c->seg[c->n][3] = y1;
    }
  c->n++;
  c->length += hypot (x1 - x0, y1 - y0);
  c->max_radius_err = fmax (c->max_radius_err,
                            fmax (fabs (hypot (x0, y0) - 1),
                                  fabs (hypot (x1, y1) - 1)));
}

/* The plane f = x (f = y with @along_y) on an @n x @n grid over [0, 1]². */
static void
fill_plane (double *z,
            int     n,
            bool    along_y)
{
  for (int j = 0; j < n; j++)
    for (int i = 0; i < n; i++)
      z[j * n + i] = (along_y ? j : i) / (double) (n - 1);
}

/* f = x on [0, 1]²: the level set x = 0.3 is one vertical segment per
 * cell row, exactly at x = 0.3 (linear interpolation is exact). */
static void
test_contour_plane (void)
{
  double z[11 * 11];
  DlnGrid g = { z, 11, 11, 0, 1, 0, 1 };
  Collect c = { 0 };

  fill_plane (z, 11, false);
  g_assert_cmpuint (dln_contour_segments (&g, 0.3, collect, &c), ==, 10);
  for (size_t k = 0; k < 10; k++)
    {
      g_assert_cmpfloat_with_epsilon (c.seg[k][0], 0.3, 1e-12);
      g_assert_cmpfloat_with_epsilon (c.seg[k][2], 0.3, 1e-12);
    }
  g_assert_cmpfloat_with_epsilon (c.length, 1.0, 1e-12);
}

/* f = x² + y² at level 1 on [−2, 2]² with h = 0.05: crossings lie on the
 * unit circle to within the secant error of linear interpolation of a
 * quadratic, ≤ h²/4 / (2 r) ≈ 3e-4 (we allow 1e-3), and the polygon's
 * length approaches 2π from below to within the chord error, O(h²). */
static void
test_contour_circle (void)
{
  enum { N = 81 };
  static double z[N * N];
  DlnGrid g = { z, N, N, -2, 2, -2, 2 };
  Collect c = { 0 };

  for (int j = 0; j < N; j++)
    for (int i = 0; i < N; i++)
      {
        double x = -2 + 4.0 * i / (N - 1), y = -2 + 4.0 * j / (N - 1);

        z[j * N + i] = x * x + y * y;
      }
  dln_contour_segments (&g, 1.0, collect, &c);
  g_assert_cmpuint (c.n, >, 40);
  g_assert_cmpfloat (c.max_radius_err, <, 1e-3);
  g_assert_cmpfloat (fabs (c.length - 2 * M_PI), <, 0.01);
}

/* One saddle cell, corners (0,0)=1, (1,0)=−1, (1,1)=1, (0,1)=−1; its
 * bilinear centre value is 0. Above 0 (level 0.5), the level set cuts off
 * the high corners (0,0) and (1,1); below it (level −0.5) it cuts off
 * the low corners (1,0) and (0,1). Either way the two segments must not
 * cross, and each sits next to the corner it cuts off. */
static void
test_contour_saddle (void)
{
  double z[4] = { 1, -1, -1, 1 };  /* row j=0: (0,0), (1,0); j=1: (0,1), (1,1) */
  DlnGrid g = { z, 2, 2, 0, 1, 0, 1 };
  Collect hi = { 0 }, lo = { 0 };

  g_assert_cmpuint (dln_contour_segments (&g, 0.5, collect, &hi), ==, 2);
  g_assert_cmpuint (dln_contour_segments (&g, -0.5, collect, &lo), ==, 2);
  for (size_t k = 0; k < 2; k++)
    {
      double mx = 0.5 * (hi.seg[k][0] + hi.seg[k][2]);
      double my = 0.5 * (hi.seg[k][1] + hi.seg[k][3]);

      /* midpoints near (0,0) or (1,1): x and y on the same side of 0.5 */
      g_assert_cmpfloat ((mx - 0.5) * (my - 0.5), >, 0);
      mx = 0.5 * (lo.seg[k][0] + lo.seg[k][2]);
      my = 0.5 * (lo.seg[k][1] + lo.seg[k][3]);
      /* near (1,0) or (0,1) */
      g_assert_cmpfloat ((mx - 0.5) * (my - 0.5), <, 0);
    }
  /* Crossing points at level 0.5 along the bottom edge: 1 − 2t = 0.5. */
  g_assert_true (fabs (hi.seg[0][0] - 0.25) < 1e-12
                 || fabs (hi.seg[0][2] - 0.25) < 1e-12
                 || fabs (hi.seg[1][0] - 0.25) < 1e-12
                 || fabs (hi.seg[1][2] - 0.25) < 1e-12);
}

/* Non-finite corners skip their cells. */
static void
test_contour_holes (void)
{
  double z[9] = { 0, 1, 2, 0, NAN, 2, 0, 1, 2 };
  DlnGrid g = { z, 3, 3, 0, 2, 0, 2 };

  g_assert_cmpuint (dln_contour_segments (&g, 0.5, NULL, NULL), ==, 0);
  z[4] = 1;
  g_assert_cmpuint (dln_contour_segments (&g, 0.5, NULL, NULL), ==, 2);
}

/* --- drawing --- */

/* A @size x @size canvas in @style, its axes spanning [@lo, @hi]² in
 * w₁ and w₂. */
static void
setup_axes (DlnAxes              *ax,
            DlnTestCanvas        *c,
            const DlnFigureStyle *style,
            int                   size,
            double                lo,
            double                hi)
{
  DlnRect r = { 0, 0, size, size };

  dln_test_canvas_init (c, style, size, size);
  dln_axes_init (ax, c->cr, style, r);
  dln_axes_set_xrange (ax, lo, hi);
  dln_axes_set_yrange (ax, lo, hi);
  dln_axes_set_xlabel (ax, "w<sub>1</sub>");
  dln_axes_set_ylabel (ax, "w<sub>2</sub>");
  dln_axes_begin (ax);
}

/* The pixel at (@x, @y) of @ax's data is @want, to 8-bit quantisation. */
static void
assert_color_at (DlnTestCanvas *c,
                 DlnAxes       *ax,
                 double         x,
                 double         y,
                 DlnRgba        want)
{
  g_assert_cmpfloat (dln_test_color_dist (dln_test_pixel (c, dln_axes_px (ax, x),
                                                          dln_axes_py (ax, y,
                                                                       false)),
                                          want), <, FLAT_TOL);
}

/* A contour of f = x at 0.5 is drawn through the pixel column of x = 0.5
 * and nowhere near x = 0.25. */
static void
test_contour_pixels (void)
{
  DlnFigureStyle style;
  double z[21 * 21];
  DlnGrid g = { z, 21, 21, 0, 1, 0, 1 };
  DlnSeriesStyle s;
  double level = 0.5;
  DlnAxes ax;
  DlnTestCanvas c;

  fill_plane (z, 21, false);
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  style.grid_lines = false;
  setup_axes (&ax, &c, &style, 400, 0, 1);
  dln_series_style_init (&s, &style, DLN_COLOR_VERMILLION);
  s.line_width = 3;
  dln_axes_contour (&ax, &g, &level, 1, &s, NULL, false);
  for (double y = 0.1; y < 0.95; y += 0.2)
    {
      g_assert_cmpfloat (dln_test_color_dist (dln_test_pixel (&c, dln_axes_px (&ax, 0.5),
                                            dln_axes_py (&ax, y, false)),
                                     s.color), <, 0.1);
      assert_color_at (&c, &ax, 0.25, y, style.background);
    }
  dln_test_canvas_finish (&c, "contour-pixels");
}

/* Filled bands of f = x with levels 0, 0.5, 1: the left half has band 0's
 * colour (the map at 0.25), the right half band 1's (at 0.75). */
static void
test_filled_bands (void)
{
  DlnFigureStyle style;
  double z[11 * 11], levels[3] = { 0, 0.5, 1 };
  DlnGrid g = { z, 11, 11, 0, 1, 0, 1 };
  DlnColorScale cs = { DLN_COLORMAP_VIRIDIS, 0, 1, false };
  DlnAxes ax;
  DlnTestCanvas c;

  fill_plane (z, 11, false);
  dln_figure_style_init (&style, DLN_THEME_DARK);
  setup_axes (&ax, &c, &style, 400, 0, 1);
  dln_axes_contour_filled (&ax, &g, levels, 3, &cs);
  assert_color_at (&c, &ax, 0.3, 0.33,
                   dln_colormap_eval (DLN_COLORMAP_VIRIDIS, 0.25));
  assert_color_at (&c, &ax, 0.7, 0.77,
                   dln_colormap_eval (DLN_COLORMAP_VIRIDIS, 0.75));
  dln_test_canvas_finish (&c, "filled-bands");
}

/* A saddle field z = x·y: filled bands around 0 keep opposite quadrants
 * apart (the positive band covers (½, ½) and (−½, −½), not (½, −½)). */
static void
test_filled_saddle (void)
{
  enum { N = 41 };
  DlnFigureStyle style;
  static double z[N * N];
  double levels[3] = { -1, 0, 1 };
  DlnGrid g = { z, N, N, -1, 1, -1, 1 };
  DlnColorScale cs = { DLN_COLORMAP_DIVERGING, -1, 1, false };
  DlnRgba pos = dln_colormap_eval (DLN_COLORMAP_DIVERGING, 0.75);
  DlnRgba neg = dln_colormap_eval (DLN_COLORMAP_DIVERGING, 0.25);
  DlnAxes ax;
  DlnTestCanvas c;

  for (int j = 0; j < N; j++)
    for (int i = 0; i < N; i++)
      z[j * N + i] = (-1 + 2.0 * i / (N - 1)) * (-1 + 2.0 * j / (N - 1));
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  setup_axes (&ax, &c, &style, 400, -1, 1);
  dln_axes_contour_filled (&ax, &g, levels, 3, &cs);
  assert_color_at (&c, &ax, 0.5, 0.5, pos);
  assert_color_at (&c, &ax, -0.5, -0.5, pos);
  assert_color_at (&c, &ax, 0.5, -0.5, neg);
  assert_color_at (&c, &ax, -0.5, 0.5, neg);
  dln_test_canvas_finish (&c, "filled-saddle");
}

/* Heatmap rows: z = y puts the map's low end at the bottom of an XY
 * panel; a matrix puts row 0 at the top of an IMAGE panel. */
static void
test_heatmap_and_matrix (void)
{
  DlnFigureStyle style;
  double z[5 * 5], m[2 * 3] = { 0, 0, 0, 1, 1, 1 };
  DlnGrid g = { z, 5, 5, 0, 1, 0, 1 };
  DlnColorScale cs = { DLN_COLORMAP_CIVIDIS, 0, 1, false };
  DlnRect r = { 0, 0, 300, 300 };
  DlnAxes ax;
  DlnTestCanvas c;

  fill_plane (z, 5, true);
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  setup_axes (&ax, &c, &style, 300, -0.125, 1.125);
  dln_axes_heatmap (&ax, &g, &cs);
  assert_color_at (&c, &ax, 0.5, 0.02, dln_colormap_eval (cs.map, 0));
  assert_color_at (&c, &ax, 0.5, 0.98, dln_colormap_eval (cs.map, 1));
  dln_test_canvas_finish (&c, "heatmap");

  dln_test_canvas_init (&c, &style, 300, 300);
  dln_axes_init_matrix (&ax, c.cr, &style, r, 2, 3);
  dln_axes_begin (&ax);
  dln_axes_matrix (&ax, m, 2, 3, &cs);
  /* row 0 (zeros) above row 1 (ones) */
  g_assert_cmpfloat (dln_axes_py (&ax, 0, false), <, dln_axes_py (&ax, 1, false));
  assert_color_at (&c, &ax, 1, 0, dln_colormap_eval (cs.map, 0));
  assert_color_at (&c, &ax, 2, 1, dln_colormap_eval (cs.map, 1));
  dln_test_canvas_finish (&c, "matrix");
}

/* The colour bar runs from vmax at the top to vmin at the bottom: viridis
 * luminance falls monotonically down the bar's centre column. */
static void
test_colorbar_monotone (void)
{
  DlnFigureStyle style;
  DlnColorScale cs = { DLN_COLORMAP_VIRIDIS, -3, 7, false };
  DlnRect r = { 10, 0, 90, 400 };
  DlnTestCanvas c;
  double prev = INFINITY, first = NAN, last = NAN;
  double bx = 10 + 0.5 * fmax (10.0, fmin (0.3 * 90, 24.0));

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  dln_test_canvas_init (&c, &style, 120, 400);
  dln_colorbar (c.cr, &style, r, &cs, "z = h(x, y)", NULL, 0);
  for (double y = style.padding + 2; y < 400 - style.padding - 2; y += 1)
    {
      double l = dln_color_luminance (dln_test_pixel (&c, bx, y));

      g_assert_cmpfloat (l, <=, prev + 1e-3);
      prev = l;
      if (isnan (first))
        first = l;
      last = l;
    }
  g_assert_cmpfloat (first - last, >, 0.5);
  dln_test_canvas_finish (&c, "colorbar");
}

/* A log colour scale puts 10 at the middle of 1 ... 100 (the map at 0.5)
 * and its colour bar labels decades. */
static void
test_log_colour (void)
{
  DlnColorScale cs = { DLN_COLORMAP_VIRIDIS, 1, 100, true };
  double v[3] = { 3, 0, 300 };
  DlnFigureStyle style;
  DlnRect r = { 0, 0, 90, 300 };
  DlnTestCanvas c;

  g_assert_cmpfloat (dln_test_color_dist (dln_color_scale_eval (&cs, 10),
                                 dln_colormap_eval (cs.map, 0.5)), <, 1e-12);
  g_assert_cmpfloat (dln_color_scale_eval (&cs, 0).a, ==, 0);  /* no log of 0 */
  /* fit ignores non-positive values on a log scale */
  dln_color_scale_fit (&cs, v, 3, false);
  g_assert_cmpfloat (cs.vmin, ==, 3);
  g_assert_cmpfloat (cs.vmax, ==, 300);
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  dln_test_canvas_init (&c, &style, 90, 300);
  cs.vmin = 1;
  cs.vmax = 100;
  dln_colorbar (c.cr, &style, r, &cs, NULL, NULL, 0);
  /* the bar's middle row is the map's middle */
  g_assert_cmpfloat (dln_test_color_dist (dln_test_pixel (&c, 10 + 5, 150),
                                 dln_colormap_eval (cs.map, 0.5)), <, 0.02);
  dln_test_canvas_finish (&c, "colorbar-log");
}

/* One arrow from (0, 0) along +x, 60 units long: ink to its right, none
 * to its left; a zero vector draws nothing. */
static void
test_quiver (void)
{
  DlnFigureStyle style;
  double x[2] = { 0, 0.5 }, y[2] = { 0, 0.5 }, u[2] = { 1, 0 }, v[2] = { 0, 0 };
  DlnQuiverStyle q = { 0 };
  DlnAxes ax;
  DlnTestCanvas c;
  double px, py;

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  style.grid_lines = false;
  setup_axes (&ax, &c, &style, 400, -1, 1);
  q.length = 60;
  q.ref = 1;
  q.color = dln_figure_style_color (&style, DLN_COLOR_VERMILLION);
  q.line_width = 3;
  dln_axes_quiver (&ax, x, y, u, v, 2, &q);
  px = dln_axes_px (&ax, 0);
  py = dln_axes_py (&ax, 0, false);
  g_assert_cmpfloat (dln_test_color_dist (dln_test_pixel (&c, px + 20, py), q.color), <, 0.1);
  g_assert_cmpfloat (dln_test_color_dist (dln_test_pixel (&c, px + 55, py), q.color), <, 0.1);
  g_assert_cmpfloat (dln_test_color_dist (dln_test_pixel (&c, px - 20, py), style.background), <, FLAT_TOL);
  g_assert_cmpfloat (dln_test_color_dist (dln_test_pixel (&c, px + 75, py), style.background), <, FLAT_TOL);
  assert_color_at (&c, &ax, 0.5, 0.5, style.background);
  dln_test_canvas_finish (&c, "quiver");
}

static double
hyperbola (double x,
           double y,
           void  *user)
{
  return x * y;
}

/* w₁w₂ = 1 has two branches: both (1, 1) and (−1, −1) are on the drawn
 * curve; (1, −1) and (0, 0) are not. */
static void
test_implicit_hyperbola (void)
{
  DlnFigureStyle style;
  DlnSeriesStyle s;
  DlnAxes ax;
  DlnTestCanvas c;

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  style.grid_lines = false;
  setup_axes (&ax, &c, &style, 400, -1.9, 1.9);
  dln_series_style_init (&s, &style, DLN_COLOR_BLUE);
  s.line_width = 3;
  dln_axes_implicit (&ax, hyperbola, NULL, 1.0, 200, &s);
  g_assert_cmpfloat (dln_test_color_dist (dln_test_pixel (&c, dln_axes_px (&ax, 1), dln_axes_py (&ax, 1, false)), s.color), <, 0.12);
  g_assert_cmpfloat (dln_test_color_dist (dln_test_pixel (&c, dln_axes_px (&ax, -1), dln_axes_py (&ax, -1, false)), s.color), <, 0.12);
  assert_color_at (&c, &ax, 1, -1, style.background);
  assert_color_at (&c, &ax, 0, 0, style.background);
  dln_test_canvas_finish (&c, "hyperbola");
}

/* --- 3-D --- */

static void
test_3d_projection (void)
{
  DlnFigureStyle style;
  DlnRect r = { 0, 0, 400, 300 };
  DlnView3D top = { 0, 90 }, side = { 0, 0 };
  DlnAxes3D ax;
  double px, py, d0, d1;
  DlnTestCanvas c;

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  dln_test_canvas_init (&c, &style, 400, 300);
  /* From straight above (elevation 90°, azimuth 0°), +y points right and
   * +x points down the screen (matplotlib's view_init convention). */
  dln_axes3d_init (&ax, c.cr, &style, r, top, -1, 1, -1, 1, 0, 1);
  dln_plot_panel_project3 (&ax.panel, 0, 0, 0.5, &px, &py);
  g_assert_cmpfloat_with_epsilon (px, 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (py, 150, 1e-9);
  dln_plot_panel_project3 (&ax.panel, 0, 1, 0.5, &px, &py);
  g_assert_cmpfloat (px, >, 250);
  g_assert_cmpfloat_with_epsilon (py, 150, 1e-9);
  dln_plot_panel_project3 (&ax.panel, 1, 0, 0.5, &px, &py);
  g_assert_cmpfloat (py, >, 190);
  /* Higher points are nearer the eye from above. */
  d0 = dln_plot_panel_project3 (&ax.panel, 0, 0, 0, NULL, NULL);
  d1 = dln_plot_panel_project3 (&ax.panel, 0, 0, 1, NULL, NULL);
  g_assert_cmpfloat (d1, >, d0);
  /* From the side (+x), higher z is up the screen. */
  dln_axes3d_init (&ax, c.cr, &style, r, side, -1, 1, -1, 1, 0, 1);
  dln_plot_panel_project3 (&ax.panel, 0, 0, 1, &px, &py);
  g_assert_cmpfloat (py, <, 150);
  dln_test_canvas_finish (&c, "projection");
}

/* The D07-like surface renders in both themes, covers the middle of the
 * frame, and a point drawn on top shows its colour. */
static void
test_3d_surface (void)
{
  enum { N = 30 };
  static double z[N * N];
  DlnGrid g = { z, N, N, -1.9, 1.9, -1.9, 1.9 };
  DlnView3D view = { 260, 45 };

  for (int j = 0; j < N; j++)
    for (int i = 0; i < N; i++)
      {
        double w1 = -1.9 + 3.8 * i / (N - 1), w2 = -1.9 + 3.8 * j / (N - 1);
        double e = 1 - w1 * w2;

        z[j * N + i] = log (e * e / 3 + 0.5);
      }
  for (int t = 0; t < 2; t++)
    {
      DlnFigureStyle style;
      DlnColorScale cs = { DLN_COLORMAP_COOLWARM, 0, 0, false };
      DlnRect r = { 0, 0, 480, 360 };
      DlnSeriesStyle s;
      DlnFigureGeometry geom;
      DlnAxes3D ax;
      DlnTestCanvas c;
      double px, py, x0 = -1.8, y0 = 1.7, z0;
      int ink = 0;

      dln_figure_style_init (&style, t ? DLN_THEME_DARK : DLN_THEME_LIGHT);
      dln_figure_geometry_clear (&geom, 480, 360);
      dln_test_canvas_init (&c, &style, 480, 360);
      dln_color_scale_fit (&cs, z, N * N, false);
      dln_axes3d_init (&ax, c.cr, &style, r, view, -1.9, 1.9, -1.9, 1.9,
                       cs.vmin, cs.vmax);
      dln_axes3d_box (&ax);
      dln_axes3d_surface (&ax, &g, &cs, 0.9);
      dln_series_style_init (&s, &style, DLN_COLOR_BLACK);
      s.marker_size = 10;
      z0 = log ((1 - x0 * y0) * (1 - x0 * y0) / 3 + 0.5);
      dln_axes3d_series (&ax, &x0, &y0, &z0, 1, &s, false);
      dln_axes3d_end (&ax, &geom);
      g_assert_cmpuint (geom.n_panels, ==, 1);
      g_assert_cmpint (geom.panels[0].kind, ==, DLN_PANEL_3D);
      dln_plot_panel_project3 (&geom.panels[0], x0, y0, z0, &px, &py);
      g_assert_cmpfloat (dln_test_color_dist (dln_test_pixel (&c, px, py), s.color), <, 0.05);
      for (int y = 100; y < 260; y += 4)
        for (int x = 140; x < 340; x += 4)
          if (dln_test_color_dist (dln_test_pixel (&c, x, y), style.background) > 0.1)
            ink++;
      g_assert_cmpint (ink, >, 40 * 50 / 2);
      dln_test_canvas_finish (&c, t ? "surface-dark" : "surface-light");
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/figure-field/contour-plane", test_contour_plane);
  g_test_add_func ("/dln/headless/figure-field/contour-circle", test_contour_circle);
  g_test_add_func ("/dln/headless/figure-field/contour-saddle", test_contour_saddle);
  g_test_add_func ("/dln/headless/figure-field/contour-holes", test_contour_holes);
  g_test_add_func ("/dln/headless/figure-field/contour-pixels", test_contour_pixels);
  g_test_add_func ("/dln/headless/figure-field/filled-bands", test_filled_bands);
  g_test_add_func ("/dln/headless/figure-field/filled-saddle", test_filled_saddle);
  g_test_add_func ("/dln/headless/figure-field/heatmap-matrix", test_heatmap_and_matrix);
  g_test_add_func ("/dln/headless/figure-field/colorbar-monotone", test_colorbar_monotone);
  g_test_add_func ("/dln/headless/figure-field/log-colour", test_log_colour);
  g_test_add_func ("/dln/headless/figure-field/quiver", test_quiver);
  g_test_add_func ("/dln/headless/figure-field/implicit-hyperbola", test_implicit_hyperbola);
  g_test_add_func ("/dln/headless/figure-3d/projection", test_3d_projection);
  g_test_add_func ("/dln/headless/figure-3d/surface", test_3d_surface);
  return g_test_run ();
}
