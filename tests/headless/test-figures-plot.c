/* The plotting foundation: ticks, transforms, pixels of axes and series on
 * image surfaces, colour maps, export to PNG / SVG / PDF / CSV. */

#include "config.h"

#include "dln-figure.h"
#include "dln-figure-curves.h"
#include "dln-test-figure.h"
#include "dln-test-util.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* Pixel positions are compared to within 1.5 px: cairo antialiasing
 * spreads a 1-unit line over two pixels, and we round once more. */
#define PX_TOL 1.5
/* Colour channel tolerance: antialiased edges and 8-bit quantisation. */
#define RGB_TOL 0.08

/* --- helpers --- */

static void
canvas_clear (DlnTestCanvas *c)
{
  cairo_destroy (c->cr);
  cairo_surface_destroy (c->surface);
}

/* Pixel (x, y) as straight RGB in 0 ... 1 (opaque surfaces only). */
static DlnRgba
pixel (DlnTestCanvas *c,
       int     x,
       int     y)
{
  DlnRgba p = { 0, 0, 0, 0 };
  unsigned char *d;
  uint32_t v;

  cairo_surface_flush (c->surface);
  if (x < 0 || y < 0 || x >= c->w || y >= c->h)
    return p;
  d = cairo_image_surface_get_data (c->surface);
  v = *(uint32_t *) (d + y * cairo_image_surface_get_stride (c->surface)
                     + 4 * x);
  p.a = ((v >> 24) & 0xff) / 255.0;
  p.r = ((v >> 16) & 0xff) / 255.0;
  p.g = ((v >> 8) & 0xff) / 255.0;
  p.b = (v & 0xff) / 255.0;
  return p;
}

static double
color_dist (DlnRgba a,
            DlnRgba b)
{
  return fmax (fabs (a.r - b.r), fmax (fabs (a.g - b.g), fabs (a.b - b.b)));
}

/* Darkness summed over the three pixels around x = @px in row @py of a
 * white canvas: a 1-unit black vertical line gives about 1 wherever
 * antialiasing splits it. */
static double
ink_across (DlnTestCanvas *c,
            double  px,
            double  py)
{
  double sum = 0;

  for (int dx = -1; dx <= 1; dx++)
    sum += 1.0 - pixel (c, (int) floor (px) + dx, (int) py).g;
  return sum;
}

/* --- ticks --- */

static void
test_ticks_linear (void)
{
  DlnTicks t;

  dln_ticks_linear (&t, 0.0, 1.0, 6);
  g_assert_cmpuint (t.n, ==, 6);
  g_assert_cmpfloat_with_epsilon (t.step, 0.2, 1e-15);
  g_assert_cmpfloat_with_epsilon (t.value[3], 0.6, 1e-12);
  g_assert_cmpstr (t.label[0], ==, "0.0");
  g_assert_cmpstr (t.label[5], ==, "1.0");

  /* 0 ... 600 with at most 7 ticks: step 100 (50 would give 13). */
  dln_ticks_linear (&t, 0.0, 600.0, 7);
  g_assert_cmpuint (t.n, ==, 7);
  g_assert_cmpfloat (t.step, ==, 100.0);
  g_assert_cmpstr (t.label[6], ==, "600");

  /* Negative labels use U+2212, and -0 is printed as 0. */
  dln_ticks_linear (&t, -3.0, 3.0, 7);
  g_assert_cmpuint (t.n, ==, 7);
  g_assert_cmpstr (t.label[0], ==, "−3");
  g_assert_cmpstr (t.label[3], ==, "0");

  /* Ends that only rounding moves off the grid are kept. */
  dln_ticks_linear (&t, 0.1 + 0.2, 0.9, 10);
  g_assert_cmpfloat_with_epsilon (t.value[0], 0.3, 1e-12);

  /* Tiny steps switch to a ×10ⁿ form. */
  dln_ticks_linear (&t, 0.0, 4e-5, 5);
  g_assert_cmpuint (t.n, ==, 5);
  g_assert_cmpstr (t.label[1], ==, "10⁻⁵");
  g_assert_cmpstr (t.label[2], ==, "2×10⁻⁵");
  g_assert_cmpstr (t.label[0], ==, "0");
}

static void
test_ticks_log (void)
{
  DlnTicks t;

  dln_ticks_log (&t, 1e-3, 1.0, 10);
  g_assert_cmpuint (t.n, ==, 4);
  g_assert_cmpstr (t.label[0], ==, "10⁻³");
  g_assert_cmpstr (t.label[1], ==, "10⁻²");
  g_assert_cmpstr (t.label[2], ==, "0.1");
  g_assert_cmpstr (t.label[3], ==, "1");
  /* 2..9 in each of three decades. */
  g_assert_cmpuint (t.n_minor, ==, 24);

  /* 30 decades with at most 6 labels: every 5th decade is labelled. */
  dln_ticks_log (&t, 1e-15, 1e15, 6);
  g_assert_cmpfloat (t.step, ==, 6.0);
  g_assert_cmpuint (t.n, <=, 6);
  g_assert_cmpstr (t.label[0], ==, "10⁻¹⁵");
}

/* --- geometry --- */

static void
test_transforms (void)
{
  DlnPlotPanel p = { 0 };

  p.kind = DLN_PANEL_XY;
  p.x = 100;
  p.y = 50;
  p.width = 400;
  p.height = 200;
  p.x_min = 0;
  p.x_max = 10;
  p.y_min = 1e-3;
  p.y_max = 1;
  p.y_log = true;
  g_assert_cmpfloat_with_epsilon (dln_plot_panel_x_to_px (&p, 5), 300, 1e-9);
  /* 0.01 is one third down from 1 on a 3-decade axis. */
  g_assert_cmpfloat_with_epsilon (dln_plot_panel_y_to_px (&p, 0.1), 50 + 200.0 / 3,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (dln_plot_panel_px_to_y (&p, 250), 1e-3,
                                  1e-15);
  g_assert_cmpfloat_with_epsilon (dln_plot_panel_px_to_x (&p, 140), 1.0,
                                  1e-12);
  g_assert_true (isnan (dln_plot_panel_y_to_px (&p, -1)));
}

/* Axes with known ranges: every x tick is a 1-2-5 multiple drawn where
 * the linear map puts it (hand formula below), as a foreground-coloured
 * mark right below the frame, with background between ticks. */
static void
test_axes_tick_pixels (void)
{
  DlnFigureStyle style;
  DlnFigureGeometry geom;
  DlnRect outer = { 0, 0, 640, 400 };
  DlnAxes ax;
  DlnTestCanvas c;
  const DlnPlotPanel *p;
  double px, mant;

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  dln_test_canvas_init (&c, NULL, 640, 400);
  dln_figure_geometry_clear (&geom, 640, 400);
  dln_figure_fill_background (c.cr, &style, 640, 400);
  dln_axes_init (&ax, c.cr, &style, outer);
  dln_axes_set_xlabel (&ax, "w<sub>1</sub>");
  dln_axes_set_ylabel (&ax, "loss");
  dln_axes_set_xrange (&ax, 0, 10);
  dln_axes_set_yrange (&ax, 0, 1);
  dln_axes_begin (&ax);
  dln_axes_end (&ax, &geom);
  g_assert_cmpuint (geom.n_panels, ==, 1);
  p = &geom.panels[0];
  g_assert_cmpuint (ax.x.ticks.n, >=, 3);
  mant = ax.x.ticks.step / pow (10, floor (log10 (ax.x.ticks.step)));
  g_assert_true (fabs (mant - 1) < 1e-9 || fabs (mant - 2) < 1e-9
                 || fabs (mant - 5) < 1e-9);
  for (size_t i = 0; i < ax.x.ticks.n; i++)
    {
      double v = ax.x.ticks.value[i];

      px = p->x + v / 10.0 * p->width;
      g_assert_cmpfloat (fabs (dln_plot_panel_x_to_px (p, v) - px), <, 1e-9);
      g_assert_cmpfloat (ink_across (&c, px, p->y + p->height + 3), >, 0.7);
    }
  /* Halfway between the first two ticks it is background. */
  px = dln_plot_panel_x_to_px (p, 0.5 * ax.x.ticks.step);
  g_assert_cmpfloat (ink_across (&c, px, p->y + p->height + 3), <, 0.05);
  /* The panel is inside the figure and leaves room for the labels. */
  g_assert_cmpfloat (p->x, >, 20);
  g_assert_cmpfloat (p->y + p->height, <, 400 - 20);
  g_assert_cmpint (dln_figure_geometry_hit (&geom, px, p->y + 10), ==, 0);
  g_assert_cmpint (dln_figure_geometry_hit (&geom, 1, 1), ==, -1);
  canvas_clear (&c);
}

/* A horizontal line at y = 0.5 with NaN for 4 < x < 6: series colour at
 * x = 2 and x = 8, a gap (background) at x = 5. */
static void
test_nan_gap (void)
{
  DlnFigureStyle style;
  DlnRect outer = { 0, 0, 500, 300 };
  DlnSeriesStyle s;
  DlnAxes ax;
  DlnTestCanvas c;
  double x[101], y[101], py;

  dln_figure_style_init (&style, DLN_THEME_DARK);
  style.grid_lines = false;
  for (int i = 0; i <= 100; i++)
    {
      x[i] = 0.1 * i;
      y[i] = x[i] > 4 && x[i] < 6 ? NAN : 0.5;
    }
  dln_test_canvas_init (&c, NULL, 500, 300);
  dln_figure_fill_background (c.cr, &style, 500, 300);
  dln_axes_init (&ax, c.cr, &style, outer);
  dln_axes_set_xrange (&ax, 0, 10);
  dln_axes_set_yrange (&ax, 0, 1);
  dln_axes_begin (&ax);
  dln_series_style_init (&s, &style, DLN_COLOR_ORANGE);
  s.line_width = 4;
  dln_axes_line (&ax, x, y, 101, &s);
  py = dln_axes_py (&ax, 0.5, false);
  g_assert_cmpfloat (color_dist (pixel (&c, (int) dln_axes_px (&ax, 2), (int) py),
                                 s.color), <, RGB_TOL);
  g_assert_cmpfloat (color_dist (pixel (&c, (int) dln_axes_px (&ax, 8), (int) py),
                                 s.color), <, RGB_TOL);
  g_assert_cmpfloat (color_dist (pixel (&c, (int) dln_axes_px (&ax, 5), (int) py),
                                 style.background), <, RGB_TOL);
  canvas_clear (&c);
}

/* A curve that diverges stops at its last finite point: nothing of its
 * colour is drawn to the right of the "diverged" flag. */
static void
test_diverged_stops (void)
{
  DlnFigureStyle style;
  DlnCurve curve = { 0 };
  DlnCurvesData data = { 0 };
  DlnFigureGeometry geom;
  DlnTestCanvas c;
  double y[100];
  DlnRgba col;
  const DlnPlotPanel *p;
  int hits_right = 0, hits_left = 0;

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  for (int i = 0; i < 100; i++)
    y[i] = i < 40 ? 0.5 : NAN;
  curve.y = y;
  curve.n = 100;
  curve.color = DLN_COLOR_VERMILLION;
  data.curves = &curve;
  data.n_curves = 1;
  data.x_min = 0;
  data.x_max = 99;
  data.y_min = 0;
  data.y_max = 1;
  dln_test_canvas_init (&c, NULL, 600, 400);
  dln_figure_curves_render (c.cr, &style, &data, 600, 400, &geom);
  p = &geom.panels[0];
  col = dln_figure_style_color (&style, DLN_COLOR_VERMILLION);
  for (int xx = (int) p->x + 2; xx < (int) (p->x + p->width) - 2; xx++)
    for (int yy = (int) p->y + 2; yy < (int) (p->y + p->height) - 2; yy++)
      if (color_dist (pixel (&c, xx, yy), col) < RGB_TOL)
        {
          if (xx < dln_plot_panel_x_to_px (p, 39) + 20)
            hits_left++;
          else if (xx > dln_plot_panel_x_to_px (p, 39) + 120)
            hits_right++;
        }
  g_assert_cmpint (hits_left, >, 100);
  g_assert_cmpint (hits_right, ==, 0);
  canvas_clear (&c);
}

/* Category names are all drawn when they can be: with room at the style's
 * size; in less room smaller (not under the text floor) and turned
 * vertical; only a span too short even for that thins them to every k-th
 * name, ticks kept. */
static void
test_category_thinning (void)
{
  static char names[40][16];
  const char *ptr[40];
  static const double spans[3] = { 4000, 700, 300 };
  DlnFigureStyle style;
  DlnTestCanvas c;

  for (int i = 0; i < 40; i++)
    {
      snprintf (names[i], sizeof names[i], "feature_%02d", i);
      ptr[i] = names[i];
    }
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  dln_test_canvas_init (&c, NULL, 4000, 300);
  for (int k = 0; k < 3; k++)
    {
      DlnRect r = { 0, 0, spans[k], 300 };
      DlnAxes ax;
      size_t shown = 0;

      dln_axes_init (&ax, c.cr, &style, r);
      dln_axes_set_xrange (&ax, -0.5, 39.5);
      dln_axes_set_xcategories (&ax, ptr, 40, 0);
      dln_axes_begin (&ax);
      g_assert_cmpuint (ax.x.ticks.n, ==, 40);
      for (size_t i = 0; i < 40; i++)
        if (ax.x.ticks.label[i][0] != '\0')
          shown++;
      g_assert_cmpfloat (ax.x.tick_font, >=, DLN_FIGURE_MIN_TEXT);
      if (k == 0)
        {
          /* ~100 units per name: all, level, full size */
          g_assert_cmpuint (shown, ==, 40);
          g_assert_cmpfloat (ax.x.category_angle, ==, 0);
          g_assert_cmpfloat (ax.x.tick_font, ==, style.font_size);
        }
      else if (k == 1)
        {
          /* ~16 units per name: all, vertical (a level name is ~60) */
          g_assert_cmpuint (shown, ==, 40);
          g_assert_cmpfloat (ax.x.category_angle, ==, 90);
        }
      else
        {
          /* ~6 units per name, under one line at the floor: thinned */
          g_assert_cmpuint (shown, >=, 2);
          g_assert_cmpuint (shown, <, 40);
          g_assert_cmpstr (ax.x.ticks.label[0], ==, "feature_00");
        }
    }
  canvas_clear (&c);
}

/* --- colour --- */

static void
test_colormaps (void)
{
  const DlnColormap sequential[] = {
    DLN_COLORMAP_VIRIDIS, DLN_COLORMAP_CIVIDIS, DLN_COLORMAP_PLASMA,
  };
  DlnRgba mid, lo, hi;
  DlnColormap m;

  /* Perceptual sequential maps brighten monotonically. */
  for (size_t k = 0; k < G_N_ELEMENTS (sequential); k++)
    {
      double prev = -1;

      for (int i = 0; i <= 64; i++)
        {
          double l = dln_color_luminance (dln_colormap_eval (sequential[k],
                                                             i / 64.0));

          g_assert_cmpfloat (l, >, prev);
          prev = l;
        }
    }
  /* Purples and greys darken with the value (similarity = dark). */
  g_assert_cmpfloat (dln_color_luminance (dln_colormap_eval (DLN_COLORMAP_PURPLES, 0)),
                     >, dln_color_luminance (dln_colormap_eval (DLN_COLORMAP_PURPLES, 1)));
  /* Diverging: white-ish at the centre, blue low, red high, symmetric
   * in lightness. */
  mid = dln_colormap_eval (DLN_COLORMAP_DIVERGING, 0.5);
  lo = dln_colormap_eval (DLN_COLORMAP_DIVERGING, 0.1);
  hi = dln_colormap_eval (DLN_COLORMAP_DIVERGING, 0.9);
  g_assert_cmpfloat (mid.r, >, 0.9);
  g_assert_cmpfloat (mid.b, >, 0.9);
  g_assert_cmpfloat (lo.b, >, lo.r);
  g_assert_cmpfloat (hi.r, >, hi.b);
  g_assert_cmpfloat (fabs (dln_color_luminance (lo) - dln_color_luminance (hi)),
                     <, 0.06);
  g_assert_true (dln_colormap_from_name ("purples", &m));
  g_assert_cmpint (m, ==, DLN_COLORMAP_PURPLES);
  g_assert_false (dln_colormap_from_name ("jet", &m));
  g_assert_cmpfloat (dln_colormap_eval (DLN_COLORMAP_VIRIDIS, NAN).a, ==, 0);
}

static void
test_themes (void)
{
  DlnFigureStyle light, dark;

  dln_figure_style_init (&light, DLN_THEME_LIGHT);
  dln_figure_style_init (&dark, DLN_THEME_DARK);
  /* Text contrasts with the page in both themes (WCAG: >= 7:1). */
  g_assert_cmpfloat ((dln_color_luminance (light.background) + 0.05)
                     / (dln_color_luminance (light.foreground) + 0.05), >=, 7);
  g_assert_cmpfloat ((dln_color_luminance (dark.foreground) + 0.05)
                     / (dln_color_luminance (dark.background) + 0.05), >=, 7);
  /* Dark swaps black for light grey. */
  g_assert_cmpfloat (dln_color_luminance (dark.categorical[DLN_COLOR_BLACK]),
                     >, 0.5);
  g_assert_cmpfloat (dln_color_luminance (light.categorical[DLN_COLOR_BLACK]),
                     <, 0.05);

  /* High contrast (AdwStyleManager): text and secondary text at over
   * 15:1 on the page in both themes, grid lines darker than usual. */
  for (int t = 0; t < 2; t++)
    {
      DlnFigureStyle hc, usual;
      double fg, bg, muted;

      dln_figure_style_init (&usual, t == 0 ? DLN_THEME_LIGHT : DLN_THEME_DARK);
      hc = usual;
      dln_figure_style_high_contrast (&hc);
      fg = dln_color_luminance (hc.foreground);
      muted = dln_color_luminance (hc.muted);
      bg = dln_color_luminance (hc.background);
      g_assert_cmpfloat ((MAX (fg, bg) + 0.05) / (MIN (fg, bg) + 0.05), >, 15);
      g_assert_cmpfloat ((MAX (muted, bg) + 0.05) / (MIN (muted, bg) + 0.05),
                         >, 15);
      g_assert_cmpfloat (fabs (dln_color_luminance (hc.grid) - bg), >,
                         fabs (dln_color_luminance (usual.grid) - bg));
      g_assert_cmpfloat (hc.axis_width, >, usual.axis_width);
    }
}

/* --- export --- */

static double curve_y[50];

DLN_TEST_RENDER_ANY (render_sample, dln_figure_curves_render)
DLN_TEST_CSV_ANY (csv_sample, dln_figure_curves_csv)

/* A sample figure: one curve, in a theme's style. */
typedef struct
{
  DlnFigureStyle style;
  DlnCurvesData  data;
  DlnCurve       curve;
} Sample;

static void
sample_init (Sample   *s,
             DlnTheme  theme)
{
  DlnCurvesData *data = &s->data;
  DlnCurve *curve = &s->curve;

  dln_figure_style_init (&s->style, theme);
  memset (data, 0, sizeof *data);
  memset (curve, 0, sizeof *curve);
  for (int i = 0; i < 50; i++)
    curve_y[i] = exp (-0.1 * i);
  curve->y = curve_y;
  curve->n = 50;
  curve->color = DLN_COLOR_PURPLE;
  curve->label = "e<sup>−t/10</sup>";
  data->curves = curve;
  data->n_curves = 1;
  data->log_y = true;
  data->title = "Sample: σ², η, w₁";
  data->xlabel = "epoch";
  data->ylabel = "loss";
}

/* Exports the sample figure to @path (dln_figure_export). */
static DlnStatus
export_sample (const char      *path,
               DlnFigureFormat  format,
               double           w,
               double           h,
               double           scale,
               const Sample    *s,
               DlnMessage      *msg)
{
  return dln_figure_export (path, format, w, h, scale, render_sample,
                            &s->style, &s->data, msg);
}

static bool
run_ok (const char *cmd)
{
  int status = -1;
  g_autoptr (GError) error = NULL;

  g_spawn_command_line_sync (cmd, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_export_formats (void)
{
  Sample s;
  DlnMessage msg = { 0 };
  g_autofree char *png = dln_test_tmp_path ("a.png");
  g_autofree char *svg = dln_test_tmp_path ("a.svg");
  g_autofree char *pdf = dln_test_tmp_path ("a.pdf");
  g_autofree char *csv = dln_test_tmp_path ("a.csv");
  g_autofree char *cmd = NULL, *out = NULL, *text = NULL;
  cairo_surface_t *img;
  DlnFigureFormat f;
  int status = -1;

  sample_init (&s, DLN_THEME_LIGHT);

  g_assert_cmpint (export_sample (png, DLN_FIGURE_FORMAT_PNG, 400, 300, 2, &s,
                                  &msg), ==, DLN_STATUS_OK);
  img = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (img), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (img), ==, 600);
  cairo_surface_destroy (img);

  g_assert_cmpint (export_sample (svg, DLN_FIGURE_FORMAT_SVG, 400, 300, 1, &s,
                                  &msg), ==, DLN_STATUS_OK);
  cmd = g_strdup_printf ("xmllint --noout '%s'", svg);
  g_assert_true (run_ok (cmd));
  g_clear_pointer (&cmd, g_free);

  g_assert_cmpint (export_sample (pdf, DLN_FIGURE_FORMAT_PDF, 400, 300, 1, &s,
                                  &msg), ==, DLN_STATUS_OK);
  cmd = g_strdup_printf ("pdfinfo '%s'", pdf);
  g_spawn_command_line_sync (cmd, &out, NULL, &status, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* 400x300 CSS px at 96 dpi = 300x225 pt. */
  g_assert_true (g_regex_match_simple ("Page size: +300 x 225 pts", out, 0, 0));

  g_assert_cmpint (dln_figure_export_csv (csv, csv_sample, &s.data, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "curve,label,x,y\n0,e<sup>−t/10</sup>,0,1\n"));
  g_assert_nonnull (strstr (text, "\n0,e<sup>−t/10</sup>,49,0.0074465830709243"));

  g_assert_cmpint (dln_figure_format_from_path ("x/y.PDF", &f, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpint (f, ==, DLN_FIGURE_FORMAT_PDF);
  g_assert_cmpint (dln_figure_format_from_path ("x.jpg", &f, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, ".jpg"));
  g_assert_cmpint (dln_figure_format_from_path ("dir.png/x", &f, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
}

/* A failed export (bad size, missing directory) leaves an existing file
 * untouched; a good one replaces it and leaves no temporary behind. */
static void
test_export_atomic (void)
{
  Sample s;
  DlnMessage msg = { 0 };
  g_autofree char *dir = dln_test_tmp_path ("atomic");
  g_autofree char *path = g_build_filename (dir, "fig.png", NULL);
  g_autofree char *text = NULL;

  sample_init (&s, DLN_THEME_DARK);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));

  g_assert_cmpint (export_sample (path, DLN_FIGURE_FORMAT_PNG, 0, 300, 1, &s,
                                  &msg), ==, DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "size"));
  g_assert_cmpint (export_sample (path, DLN_FIGURE_FORMAT_PNG, 300, 1e6, 1, &s,
                                  &msg), ==, DLN_STATUS_INVALID_INPUT);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "old");
  g_clear_pointer (&text, g_free);

  g_assert_cmpint (export_sample ("/nonexistent-dir/x.png",
                                  DLN_FIGURE_FORMAT_PNG, 300, 200, 1, &s,
                                  &msg), ==, DLN_STATUS_IO);
  g_assert_nonnull (strstr (msg.text, "/nonexistent-dir/x.png"));

  g_assert_cmpint (export_sample (path, DLN_FIGURE_FORMAT_PNG, 300, 200, 1, &s,
                                  &msg), ==, DLN_STATUS_OK);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (memcmp (text, "\x89PNG", 4) == 0);
  dln_test_assert_alone (path);
}

/* The figure fills its page in both themes: corners are the theme's
 * background and a good share of pixels differ from it (axes, text,
 * data). */
static void
test_not_blank_both_themes (void)
{
  for (int t = 0; t < 2; t++)
    {
      Sample s;
      DlnTestCanvas c;
      int ink = 0;

      sample_init (&s, t == 0 ? DLN_THEME_LIGHT : DLN_THEME_DARK);
      dln_test_canvas_init (&c, NULL, 480, 320);
      dln_figure_curves_render (c.cr, &s.style, &s.data, 480, 320, NULL);
      g_assert_cmpint (cairo_status (c.cr), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpfloat (color_dist (pixel (&c, 1, 1), s.style.background), <,
                         1e-9);
      for (int y = 0; y < 320; y++)
        for (int x = 0; x < 480; x++)
          if (color_dist (pixel (&c, x, y), s.style.background) > 0.2)
            ink++;
      g_assert_cmpint (ink, >, 480 * 320 / 100);
      canvas_clear (&c);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/plot/ticks-linear", test_ticks_linear);
  g_test_add_func ("/dln/headless/plot/ticks-log", test_ticks_log);
  g_test_add_func ("/dln/headless/plot/transforms", test_transforms);
  g_test_add_func ("/dln/headless/plot/axes-tick-pixels", test_axes_tick_pixels);
  g_test_add_func ("/dln/headless/plot/nan-gap", test_nan_gap);
  g_test_add_func ("/dln/headless/plot/diverged-stops", test_diverged_stops);
  g_test_add_func ("/dln/headless/plot/category-thinning", test_category_thinning);
  g_test_add_func ("/dln/headless/plot/colormaps", test_colormaps);
  g_test_add_func ("/dln/headless/plot/themes", test_themes);
  g_test_add_func ("/dln/headless/plot/not-blank", test_not_blank_both_themes);
  g_test_add_func ("/dln/headless/figure-export/formats", test_export_formats);
  g_test_add_func ("/dln/headless/figure-export/atomic", test_export_atomic);
  return g_test_run ();
}
