/* Figures of Tutorial 1 and Tutorial 2 section 1 (D01, D03-D07): rendered
 * from the catalogue's engines to image surfaces in both themes, checked
 * pixel by pixel against the maths they show.
 * (Over 800 lines: one test file per figure family, as for the other
 * catalogue families; six demos' figures.) */

#include "config.h"

#include "dln-figure-catalogue.h"
#include "dln-figure-gradients.h"
#include "dln-plot-bands.h"
#include "dln-test-figure.h"
#include "dln-test-util.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* "Pixel has colour c": 8-bit quantisation plus a little antialiasing,
 * far below the distance between the Okabe-Ito colours we look for. */
#define RGB_TOL 0.06

/* --- helpers --- */

static gboolean
same_color (DlnRgba a,
            DlnRgba b,
            double  tol)
{
  return dln_test_color_dist (a, b) <= tol;
}

static size_t
count_color (cairo_surface_t *s,
             DlnRgba          c,
             double           tol)
{
  size_t n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (s); y++)
    for (int x = 0; x < cairo_image_surface_get_width (s); x++)
      n += same_color (dln_test_surface_pixel (s, x, y), c, tol);
  return n;
}

static size_t
count_drawn (cairo_surface_t      *s,
             const DlnFigureStyle *style)
{
  size_t all = (size_t) cairo_image_surface_get_width (s)
               * (size_t) cairo_image_surface_get_height (s);

  return all - count_color (s, style->background, 0.02);
}

/* Renders @fig in both themes, checks it is not blank, and exports it as
 * SVG (valid XML) and PDF (pdfinfo opens it). */
static void
check_themes_and_vectors (const char        *name,
                          DlnFigureInstance *fig)
{
  for (int theme = 0; theme < 2; theme++)
    {
      DlnFigureStyle style;
      cairo_surface_t *s;
      size_t drawn;

      dln_figure_style_init (&style, theme);
      s = dln_test_render_figure (fig->render, &style, fig->data, (int) fig->width,
                  (int) fig->height, NULL);
      drawn = count_drawn (s, &style);
      /* a real figure inks well over 2 % of its pixels */
      if (drawn < (size_t) (fig->width * fig->height / 50))
        g_error ("%s (theme %d): only %zu pixels drawn", name, theme, drawn);
      cairo_surface_destroy (s);
    }

  {
    DlnFigureStyle style;
    DlnMessage msg = { 0 };
    g_autofree char *base = g_build_filename (dln_test_tmpdir (), name, NULL);
    g_autofree char *svg = g_strconcat (base, ".svg", NULL);
    g_autofree char *pdf = g_strconcat (base, ".pdf", NULL);
    g_autofree char *csv = g_strconcat (base, ".csv", NULL);
    g_autofree char *c1 = g_strdup_printf ("xmllint --noout '%s'", svg);
    g_autofree char *c2 = g_strdup_printf ("pdfinfo '%s'", pdf);
    g_autofree char *o1 = NULL, *e1 = NULL, *o2 = NULL, *e2 = NULL;
    int status;

    dln_figure_style_init (&style, DLN_THEME_LIGHT);
    g_assert_cmpint (dln_figure_export (svg, DLN_FIGURE_FORMAT_SVG, fig->width,
                                        fig->height, 1, fig->render, &style,
                                        fig->data, &msg), ==, DLN_STATUS_OK);
    g_assert_cmpint (dln_figure_export (pdf, DLN_FIGURE_FORMAT_PDF, fig->width,
                                        fig->height, 1, fig->render, &style,
                                        fig->data, &msg), ==, DLN_STATUS_OK);
    g_assert_cmpint (dln_figure_export_csv (csv, fig->csv, fig->data, &msg),
                     ==, DLN_STATUS_OK);
    g_assert_true (g_spawn_command_line_sync (c1, &o1, &e1, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_spawn_command_line_sync (c2, &o2, &e2, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
}

/* --- D03 --- */

static void
test_neuron_check (void)
{
  DlnFigureInstance fig;
  const DlnNeuronCheckData *d;
  DlnNeuronCheckData *wrong;
  DlnFigureStyle style;
  cairo_surface_t *s;
  DlnRgba green, red;

  dln_test_build (&fig, "neuron-check", NULL);
  d = fig.data;
  /* By hand at the course's x = 1, y = 7, w = −0.5, b = 0.5: w·x + b = 0,
   * ŷ = tanh 0 = 0, L = 49, ∂L/∂ŷ·(1 − ŷ²) = −2·7 = −14, so
   * ∂L/∂w = x·(−14) = −14 and ∂L/∂b = −14, all exact in double. */
  g_assert_cmpfloat (d->yhat, ==, 0.0);
  g_assert_cmpfloat (d->loss, ==, 49.0);
  g_assert_cmpuint (d->n_grads, ==, 2);
  g_assert_cmpfloat (d->grads[0].analytic, ==, -14.0);
  g_assert_cmpfloat (d->grads[0].autograd, ==, -14.0);
  g_assert_cmpfloat (d->grads[1].analytic, ==, -14.0);
  g_assert_cmpfloat (d->grads[1].autograd, ==, -14.0);
  g_assert_true (dln_neuron_grad_matches (&d->grads[0], d->tolerance));
  check_themes_and_vectors ("neuron-check", &fig);

  /* the indicator: green ✓ when they match, vermillion ✗ when not */
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  green = dln_figure_style_color (&style, DLN_COLOR_GREEN);
  red = dln_figure_style_color (&style, DLN_COLOR_VERMILLION);
  s = dln_test_render_figure (fig.render, &style, fig.data, 1200, 500, NULL);
  /* the table's ✓ text is bold green; green also borders intermediate
   * nodes, so compare against a sabotaged copy instead of a fixed count */
  {
    size_t g_ok = count_color (s, green, RGB_TOL);
    size_t r_ok = count_color (s, red, RGB_TOL);
    size_t g_bad, r_bad;
    cairo_surface_t *t;

    wrong = g_memdup2 (d, sizeof *d);
    wrong->grads[1].autograd = -13.0;  /* a wrong gradient */
    wrong->graph = d->graph;
    t = dln_test_render_figure (fig.render, &style, wrong, 1200, 500, NULL);
    g_bad = count_color (t, green, RGB_TOL);
    r_bad = count_color (t, red, RGB_TOL);
    g_assert_cmpuint (g_bad, <, g_ok);   /* one ✓ match fewer */
    g_assert_cmpuint (r_bad, >, r_ok + 30);  /* a ✗ differs more */
    g_assert_false (dln_neuron_grad_matches (&wrong->grads[1],
                                             wrong->tolerance));
    cairo_surface_destroy (t);
    g_free (wrong);
  }
  cairo_surface_destroy (s);
  dln_figure_instance_clear (&fig);

  /* a NaN gradient never matches */
  {
    DlnNeuronGrad g = { "w", NAN, 1.0 };

    g_assert_false (dln_neuron_grad_matches (&g, 1.0));
  }
}

/* Pixels of colour @c (within @tol) in a rectangle, and their centroid. */
static size_t
count_in (cairo_surface_t *s,
          DlnRgba          c,
          double           tol,
          double           x0,
          double           y0,
          double           w,
          double           h,
          double          *cx,
          double          *cy)
{
  size_t n = 0;
  double sx = 0, sy = 0;

  for (int y = (int) floor (y0); y < (int) ceil (y0 + h); y++)
    for (int x = (int) floor (x0); x < (int) ceil (x0 + w); x++)
      if (same_color (dln_test_surface_pixel (s, x, y), c, tol))
        {
          n++;
          sx += x + 0.5;
          sy += y + 0.5;
        }
  if (cx != NULL)
    *cx = n > 0 ? sx / (double) n : NAN;
  if (cy != NULL)
    *cy = n > 0 ? sy / (double) n : NAN;
  return n;
}

/* --- Filled contours as an image (dln-plot-bands) --- */

static void
test_bands (void)
{
  /* z = x on [0, 1]²: the band at a pixel is the band of its x */
  static const double z[4] = { 0, 1, 0, 1 };
  DlnGrid grid = { z, 2, 2, 0, 1, 0, 1 };
  static const double uneven[] = { 0, 0.1, 0.5, 1 };
  static const double squares[] = { 0, 0.01, 0.04, 0.09, 0.16, 0.25, 0.36,
                                    0.49, 0.64, 0.81, 1 };
  double even[6];
  const double *levels[3] = { uneven, even, squares };
  size_t n[3] = { 4, 6, 11 };
  DlnColorScale cs = { DLN_COLORMAP_VIRIDIS, 0, 1, false };
  DlnFigureStyle style;

  dln_levels_linear (even, 6, 0, 1);
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  for (int k = 0; k < 3; k++)
    for (int scale = 1; scale <= 2; scale++)
      {
        cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         400 * scale,
                                                         300 * scale);
        cairo_t *cr = cairo_create (s);
        DlnAxes ax;
        DlnPlotPanel p;

        cairo_scale (cr, scale, scale);
        dln_figure_fill_background (cr, &style, 400, 300);
        dln_axes_init (&ax, cr, &style, (DlnRect) { 0, 0, 400, 300 });
        dln_axes_set_xrange (&ax, 0, 1);
        dln_axes_set_yrange (&ax, 0, 1);
        dln_axes_begin (&ax);
        dln_axes_contour_filled_image (&ax, &grid, levels[k], n[k], &cs);
        dln_axes_panel (&ax, &p);
        dln_axes_end (&ax, NULL);
        cairo_destroy (cr);
        cairo_surface_flush (s);
        /* probe x values away from band edges (≥ 3 px) */
        for (double x = 0.02; x < 0.99; x += 0.013)
          {
            size_t b = 0;
            double mid, px = dln_plot_panel_x_to_px (&p, x);
            gboolean near_edge = FALSE;

            for (size_t j = 0; j < n[k]; j++)
              near_edge |= fabs (dln_plot_panel_x_to_px (&p, levels[k][j])
                                 - px) < 3;
            if (near_edge)
              continue;
            while (b + 2 < n[k] && x >= levels[k][b + 1])
              b++;
            mid = 0.5 * (levels[k][b] + levels[k][b + 1]);
            if (!same_color (dln_test_surface_pixel (s, (int) (px * scale),
                                       (int) (dln_plot_panel_y_to_px (&p, 0.5)
                                              * scale)),
                             dln_color_scale_eval (&cs, mid), RGB_TOL))
              g_error ("levels %d, scale %d: x = %g is not in band %zu", k,
                       scale, x, b);
          }
        cairo_surface_destroy (s);
      }
}

/* --- D01 --- */

/* Antialiased arrow pixels blend with the field behind them; vermillion
 * stays far from every viridis colour (its green channel is 0.37, the
 * nearest viridis colours with red > 0.7 have green > 0.8). */
#define ARROW_TOL 0.15

static void
test_gradient_field (void)
{
  DlnFigureInstance fig;
  const DlnGradientFieldData *d;
  DlnFigureStyle style;
  DlnFigureGeometry geom;
  const DlnPlotPanel *p;
  cairo_surface_t *s;
  DlnRgba red;
  /* tails where ∇z = 2(x, y)·cos(x² + y²) has a clear direction:
   * (0.5, 0): +x; (1.5, 0): −x (cos 2.25 < 0); (0, 1): +y; (−1, 0): −x */
  static const double tails[][2] = { { 0.5, 0 }, { 1.5, 0 }, { 0, 1 },
                                     { -1, 0 }, { 0, -1.5 } };

  dln_test_build (&fig, "gradient-field", NULL);
  d = fig.data;
  g_assert_cmpuint (d->nx, ==, 301);
  g_assert_cmpuint (d->n_arrows, ==, 121);
  g_assert_cmpuint (d->n_levels, ==, 20);
  /* the engine's gradient is the chain rule of the course, to rounding */
  for (size_t k = 0; k < d->n_arrows; k++)
    {
      double x = d->ax[k], y = d->ay[k], c = cos (x * x + y * y);

      g_assert_cmpfloat_with_epsilon (d->au[k], 2 * x * c, 1e-14);
      g_assert_cmpfloat_with_epsilon (d->av[k], 2 * y * c, 1e-14);
    }
  check_themes_and_vectors ("gradient-field", &fig);

  for (int theme = 0; theme < 2; theme++)
    {
      dln_figure_style_init (&style, theme);
      red = dln_figure_style_color (&style, DLN_COLOR_VERMILLION);
      s = dln_test_render_figure (fig.render, &style, fig.data, 800, 700, &geom);
      p = dln_test_panel (&geom, "field");

      for (size_t t = 0; t < G_N_ELEMENTS (tails); t++)
        {
          double x = tails[t][0], y = tails[t][1], c = cos (x * x + y * y);
          double gx = 2 * x * c, gy = 2 * y * c, g = hypot (gx, gy);
          double tx = dln_plot_panel_x_to_px (p, x);
          double ty = dln_plot_panel_y_to_px (p, y);
          /* quiver scale 50 with 'width' units: |g|/50 of the plot width;
           * pixel y grows downwards */
          double len = g / 50.0 * p->width;
          double ux = gx / g, uy = -gy / g;
          double ahead, behind, cx, cy;

          g_assert_cmpfloat (len, >, 10.0);
          /* a box over the arrow's far half, and the same box behind it */
          ahead = (double) count_in (s, red, ARROW_TOL,
                                     tx + ux * len * 0.75 - 4,
                                     ty + uy * len * 0.75 - 4, 8, 8,
                                     &cx, &cy);
          /* behind: half a length back (neighbours' tips stop short) */
          behind = (double) count_in (s, red, ARROW_TOL,
                                      tx - ux * len * 0.5 - 3,
                                      ty - uy * len * 0.5 - 3, 6, 6,
                                      NULL, NULL);
          if (!(ahead >= 4 && behind == 0))
            g_error ("arrow at (%g, %g), theme %d: %g red pixels ahead, "
                     "%g behind", x, y, theme, ahead, behind);
        }

      /* The filled contours: at r² = 3π/2, z = −1 lies in the lowest
       * band, coloured at that band's midpoint. (2.0056, 0.8307) is that
       * radius at 22.5°, clear of every arrow. */
      {
        double lv = d->z[0], hv = d->z[0], band_mid;
        DlnColorScale cs = { d->map, 0, 0, false };
        DlnRgba want, got;

        for (size_t i = 0; i < d->nx * d->ny; i++)
          {
            lv = MIN (lv, d->z[i]);
            hv = MAX (hv, d->z[i]);
          }
        cs.vmin = lv;
        cs.vmax = hv;
        band_mid = lv + 0.5 * (hv - lv) / (double) d->n_levels;
        want = dln_color_scale_eval (&cs, band_mid);
        got = dln_test_surface_pixel (s, (int) dln_plot_panel_x_to_px (p, 2.0056),
                        (int) dln_plot_panel_y_to_px (p, 0.8307));
        g_assert_true (same_color (got, want, RGB_TOL));
        /* and at the centre, z = 0 is mid-map, not the lowest band */
        got = dln_test_surface_pixel (s, (int) dln_plot_panel_x_to_px (p, 0.1),
                        (int) dln_plot_panel_y_to_px (p, 0.1));
        g_assert_false (same_color (got, want, RGB_TOL));
      }
      cairo_surface_destroy (s);
    }
  dln_figure_instance_clear (&fig);
}

/* --- D04 --- */

static void
test_regression (void)
{
  DlnFigureInstance fig;
  const DlnRegressionData *d;
  DlnFigureStyle style;
  DlnFigureGeometry geom;
  cairo_surface_t *s;
  const DlnPlotPanel *p;
  double mse = 0;

  dln_test_build (&fig, "wide-net-regression", NULL);
  d = fig.data;
  g_assert_cmpuint (d->n, ==, 32);
  g_assert_cmpuint (d->n_epochs, ==, 1847);
  /* docs/demos.md#noisy-sine: 32 evenly spaced inputs on [−1, 1] */
  for (size_t i = 0; i < d->n; i++)
    g_assert_cmpfloat_with_epsilon (d->x[i], -1.0 + 2.0 * (double) i / 31.0,
                                    1e-15);
  for (size_t i = 0; i < d->n; i++)
    mse += (d->pred[i] - d->y[i]) * (d->pred[i] - d->y[i]) / (double) d->n;
  /* trained: the fit's error is a small fraction of the first epoch's and
   * near the noise floor σ² = 0.0625 (not far below: 513 + 1024 weights
   * on 32 points could overfit, the course's 1847 epochs do not) */
  g_assert_cmpfloat (mse, <, 0.25 * d->loss[0]);
  g_assert_cmpfloat (mse, <, 0.1);
  for (size_t e = 0; e < d->n_epochs; e++)
    g_assert_true (isfinite (d->loss[e]));
  check_themes_and_vectors ("wide-net-regression", &fig);

  /* the red prediction line passes through its own points */
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  s = dln_test_render_figure (fig.render, &style, fig.data, 1200, 450, &geom);
  g_assert_cmpuint (geom.n_panels, ==, 2);
  p = dln_test_panel (&geom, "fit");
  for (size_t i = 4; i < d->n; i += 9)
    g_assert_cmpuint (count_in (s, dln_figure_style_color (&style,
                                                           DLN_COLOR_VERMILLION),
                                RGB_TOL, dln_plot_panel_x_to_px (p, d->x[i]) - 2,
                                dln_plot_panel_y_to_px (p, d->pred[i]) - 2, 5, 5,
                                NULL, NULL), >, 2);
  cairo_surface_destroy (s);
  dln_figure_instance_clear (&fig);
}

/* A run's figure is redrawn at every frame as its history grows (by one,
 * far beyond, and short again after a reset), its epochs counted from 1
 * by the axes (index_origin) without an array of them: at each length,
 * the loss panel spans epochs 1 ... n and the orange curve passes where
 * the geometry puts an epoch late in it. */
static void
test_regression_growing_history (void)
{
  static const size_t lengths[] = { 10, 100, 101, 150, 3000, 50, 4000 };
  DlnRegressionData *d = dln_regression_data_new (4, 4000);
  DlnFigureStyle style;
  DlnFigureGeometry geom;
  DlnRgba orange;

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  orange = dln_figure_style_color (&style, DLN_COLOR_ORANGE);
  for (size_t i = 0; i < d->n; i++)
    {
      d->x[i] = (double) i;
      d->y[i] = d->pred[i] = 0.5 * (double) i;
    }
  for (size_t e = 0; e < 4000; e++)
    d->loss[e] = 1.0 / sqrt (1.0 + (double) e);
  for (size_t i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      size_t n = lengths[i], e = n - n / 4;
      cairo_surface_t *s;
      const DlnPlotPanel *p;

      d->n_epochs = n;
      s = dln_test_render_figure ((DlnFigureRenderFunc) dln_figure_regression_render,
                                  &style, d, 1200, 450, &geom);
      p = dln_test_panel (&geom, "loss");
      g_assert_cmpfloat (p->x_min, <=, 1);
      g_assert_cmpfloat (p->x_max, >=, (double) n);
      g_assert_cmpfloat (p->x_max, <=, 1.5 * (double) n);
      g_assert_cmpuint (count_in (s, orange, RGB_TOL,
                                  dln_plot_panel_x_to_px (p, (double) e) - 2,
                                  dln_plot_panel_y_to_px (p, d->loss[e - 1]) - 2,
                                  5, 5, NULL, NULL), >, 2);
      cairo_surface_destroy (s);
    }
  dln_regression_data_free (d);
}

/* --- D05 --- */

static void
test_shallow (void)
{
  DlnFigureInstance fig;
  const DlnShallowData *d;
  DlnFigureStyle style;
  DlnFigureGeometry geom;
  cairo_surface_t *s;
  const DlnPlotPanel *p;
  double prod;

  dln_test_build (&fig, "shallow-net", NULL);
  d = fig.data;
  g_assert_cmpuint (d->n, ==, 73);
  g_assert_cmpuint (d->n_eval, ==, 37);
  g_assert_cmpuint (d->n_epochs, ==, 211);
  /* docs/demos.md#narrow-nets by hand: the first recorded loss is L(1.4, −1.6)
   * on the data */
  {
    double l = 0;

    for (size_t i = 0; i < d->n; i++)
      {
        double e = d->y[i] - 1.4 * -1.6 * d->x[i];

        l += e * e;
      }
    g_assert_cmpfloat_with_epsilon (d->loss[0], l / (double) d->n, 1e-12);
  }
  /* trained: w1·w2 closes in on the least-squares slope (the figure's
   * point): within 1 % at the end, and ten times closer than at epoch 100
   * (GD converges geometrically there) */
  prod = d->w1[d->n_epochs - 1] * d->w2[d->n_epochs - 1];
  g_assert_cmpfloat (fabs (prod - d->slope), <, 0.01 * fabs (d->slope));
  g_assert_cmpfloat (fabs (prod - d->slope), <,
                     0.1 * fabs (d->w1[99] * d->w2[99] - d->slope));
  check_themes_and_vectors ("shallow-net", &fig);

  /* the blue model line passes through (0.5, w1·w2·0.5) */
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  s = dln_test_render_figure (fig.render, &style, fig.data, 1200, 420, &geom);
  g_assert_cmpuint (geom.n_panels, ==, 3);
  p = dln_test_panel (&geom, "fit");
  g_assert_cmpuint (count_in (s, dln_figure_style_color (&style, DLN_COLOR_BLUE),
                              RGB_TOL, dln_plot_panel_x_to_px (p, 0.5) - 2,
                              dln_plot_panel_y_to_px (p, prod * 0.5) - 2, 5, 5,
                              NULL, NULL), >, 3);
  cairo_surface_destroy (s);
  dln_figure_instance_clear (&fig);
}

/* Drawn narrower than its three panels need, the figure is laid out wide
 * and scaled down: its geometry must still be in the caller's pixels, or
 * hover readouts are offset (the epoch-100 tick read "epoch 3"). */
static void
test_shallow_narrow_geometry (void)
{
  DlnFigureInstance fig;
  const DlnShallowData *d;
  DlnFigureStyle style;
  DlnFigureGeometry geom;
  cairo_surface_t *s;
  const DlnPlotPanel *p;
  DlnRgba vermillion;

  dln_test_build (&fig, "shallow-net", NULL);
  d = fig.data;
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  vermillion = dln_figure_style_color (&style, DLN_COLOR_VERMILLION);
  s = dln_test_render_figure (fig.render, &style, fig.data, 600, 300, &geom);
  g_assert_cmpuint (geom.n_panels, ==, 3);
  for (size_t i = 0; i < geom.n_panels; i++)
    {
      g_assert_cmpfloat (geom.panels[i].x, >=, 0);
      g_assert_cmpfloat (geom.panels[i].x + geom.panels[i].width, <=, 600);
      g_assert_cmpfloat (geom.panels[i].y + geom.panels[i].height, <=, 300);
    }
  /* the loss curve is drawn where the geometry puts epoch 100 */
  p = dln_test_panel (&geom, "loss");
  g_assert_cmpuint (count_in (s, vermillion, RGB_TOL,
                              dln_plot_panel_x_to_px (p, 100) - 2,
                              dln_plot_panel_y_to_px (p, d->loss[99]) - 2, 5, 5,
                              NULL, NULL), >, 2);
  cairo_surface_destroy (s);
  dln_figure_instance_clear (&fig);
}

/* D03 scales its layout down below 640 px wide (its MIN_WIDTH), as D04
 * and D05 do: its graph panel (where hovering names a node) must be in
 * the caller's pixels, the layout's panel shrunk by the same factor. */
static void
test_neuron_narrow_geometry (void)
{
  /* heights 3/4 of the widths, exact in integers, so every size has the
   * layout's aspect */
  static const int widths[] = { 392, 452, 600 };
  DlnFigureInstance fig;
  DlnFigureStyle style;
  DlnFigureGeometry wide, narrow;
  cairo_surface_t *s;
  const DlnPlotPanel *pw, *pn;

  dln_test_build (&fig, "neuron-check", NULL);
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  s = dln_test_render_figure (fig.render, &style, fig.data, 640, 480, &wide);
  cairo_surface_destroy (s);
  pw = dln_test_panel (&wide, "graph");
  for (size_t i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      double k = widths[i] / 640.0;

      s = dln_test_render_figure (fig.render, &style, fig.data, widths[i], widths[i] * 3 / 4,
                  &narrow);
      cairo_surface_destroy (s);
      /* drawn at every width (not "graph layout not computed"), where
       * hover arrives; hinted text may move it by a fraction of a pixel */
      pn = dln_test_panel (&narrow, "graph");
      g_assert_cmpfloat_with_epsilon (pn->x, pw->x * k, 0.5);
      g_assert_cmpfloat_with_epsilon (pn->y, pw->y * k, 0.5);
      g_assert_cmpfloat_with_epsilon (pn->width, pw->width * k, 0.5);
      g_assert_cmpfloat_with_epsilon (pn->height, pw->height * k, 0.5);
      g_assert_cmpfloat (pn->x + pn->width, <=, widths[i]);
    }
  dln_figure_instance_clear (&fig);
}

/* --- D06 --- */

static void
test_landscape_hyperbola (void)
{
  DlnFigureInstance fig;
  const DlnLandscapeData *d;
  DlnFigureStyle style;
  DlnFigureGeometry geom;
  const DlnPlotPanel *p;
  cairo_surface_t *s;
  DlnRgba blue;
  size_t n = 0, pos = 0, neg = 0;
  double worst = 0;

  dln_test_build (&fig, "loss-landscape", "layers", "solutions", NULL);
  d = fig.data;
  ((DlnLandscapeData *) fig.data)->show_legend = false;  /* its blue sample */
  /* gen_samples (10, 1, 0): y = x, so the solutions are w1·w2 = 1 */
  g_assert_cmpfloat_with_epsilon (d->c, 1.0, 1e-12);
  g_assert_cmpfloat (d->saddle_w1, ==, 0.0);
  g_assert_cmpfloat (d->saddle_w2, ==, 0.0);

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  blue = dln_figure_style_color (&style, DLN_COLOR_BLUE);
  s = dln_test_render_figure (fig.render, &style, fig.data, 800, 700, &geom);
  p = dln_test_panel (&geom, "landscape");
  for (int y = (int) p->y; y < (int) (p->y + p->height); y++)
    for (int x = (int) p->x; x < (int) (p->x + p->width); x++)
      if (same_color (dln_test_surface_pixel (s, x, y), blue, RGB_TOL))
        {
          double w1 = dln_plot_panel_px_to_x (p, x + 0.5);
          double w2 = dln_plot_panel_px_to_y (p, y + 0.5);
          /* the line is 2.5 px wide: a pixel centre is within 1.25 +
           * 0.71 px of the curve; w1·w2 changes by (|w1| + |w2|) per data
           * unit of distance (its gradient is (w2, w1)) */
          double px_per_unit = p->width / (p->x_max - p->x_min);
          double tol = 2.0 / px_per_unit * hypot (w1, w2);
          double err = fabs (w1 * w2 - 1.0);

          n++;
          pos += w1 > 0;
          neg += w1 < 0;
          worst = MAX (worst, err / tol);
        }
  /* both branches, each a long curve of pixels, all on w1·w2 = 1 */
  g_assert_cmpuint (pos, >, 300);
  g_assert_cmpuint (neg, >, 300);
  g_assert_cmpuint (n, ==, pos + neg);
  g_assert_cmpfloat (worst, <=, 1.0);
  cairo_surface_destroy (s);
  dln_figure_instance_clear (&fig);
}

/* WCAG contrast ratio of two colours (1 ... 21). */
static double
contrast (DlnRgba a,
          DlnRgba b)
{
  double la = dln_color_luminance (a), lb = dln_color_luminance (b);

  return (fmax (la, lb) + 0.05) / (fmin (la, lb) + 0.05);
}

/* The −∇L arrows read on every colour of the map under them (the pale
 * band between the red slopes and the blue valleys included): the ink
 * each arrow adds, compared pixel by pixel with the figure drawn
 * without arrows, somewhere reaches the 3:1 contrast WCAG asks of
 * graphics. Each changed pixel counts for the arrow whose tail is
 * nearest. */
static void
test_landscape_arrows_contrast (void)
{
  DlnFigureInstance fig;
  DlnLandscapeData *d;
  DlnFigureStyle style;
  DlnFigureGeometry geom;
  const DlnPlotPanel *p;
  cairo_surface_t *with, *without;
  g_autofree double *best = NULL;
  size_t weak = 0;

  dln_test_build (&fig, "loss-landscape", NULL);
  d = fig.data;
  g_assert_true (d->show_vectors);
  g_assert_cmpuint (d->n_arrows, >, 20);
  d->show_trajectories = false;
  d->show_solutions = false;
  d->show_legend = false;
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  with = dln_test_render_figure (fig.render, &style, fig.data, 800, 700, &geom);
  d->show_vectors = false;
  without = dln_test_render_figure (fig.render, &style, fig.data, 800, 700, NULL);
  p = dln_test_panel (&geom, "landscape");
  best = g_new0 (double, d->n_arrows);
  for (int y = (int) p->y + 1; y < (int) (p->y + p->height) - 1; y++)
    for (int x = (int) p->x + 1; x < (int) (p->x + p->width) - 1; x++)
      {
        DlnRgba a = dln_test_surface_pixel (with, x, y);
        DlnRgba b = dln_test_surface_pixel (without, x, y);
        double near = INFINITY;
        size_t k_near = 0;

        if (same_color (a, b, 1.5 / 255))
          continue;
        for (size_t k = 0; k < d->n_arrows; k++)
          {
            double dist = hypot (dln_plot_panel_x_to_px (p, d->gx[k]) - x,
                                 dln_plot_panel_y_to_px (p, d->gy[k]) - y);

            if (dist < near)
              {
                near = dist;
                k_near = k;
              }
          }
        best[k_near] = fmax (best[k_near], contrast (a, b));
      }
  for (size_t k = 0; k < d->n_arrows; k++)
    if (best[k] > 0 && best[k] < 3.0
        /* a tail on the frame: the clip cuts the arrow, and its halo */
        && d->gx[k] > p->x_min + 1e-9 && d->gx[k] < p->x_max - 1e-9
        && d->gy[k] > p->y_min + 1e-9 && d->gy[k] < p->y_max - 1e-9)
      {
        if (weak++ < 5)
          g_test_message ("arrow at (%.2f, %.2f): best contrast %.2f:1",
                          d->gx[k], d->gy[k], best[k]);
      }
  g_assert_cmpuint (weak, ==, 0);
  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
  dln_figure_instance_clear (&fig);
}

static void
test_landscape_trajectory (void)
{
  DlnFigureInstance fig;
  const DlnLandscapeData *d;
  DlnFigureStyle style;
  DlnFigureGeometry geom;
  const DlnPlotPanel *p;
  cairo_surface_t *s;
  double ex, ey, cx, cy;
  size_t last;

  dln_test_build (&fig, "loss-landscape", "layers", "trajectories",
                  "starts", "0.55,-0.45", NULL);
  d = fig.data;
  g_assert_cmpuint (d->n_traj, ==, 1);
  g_assert_cmpuint (d->traj[0].n, ==, 40);
  /* the first recorded point is one GD step from the start
   * (docs/demos.md#recording), by hand: g1 = 2·w2·(w1w2·Sxx − Sxy), g2 =
   * 2·w1·(...), Sxx = Sxy */
  {
    double sxx = 0;

    for (int i = 0; i < 10; i++)
      sxx += (i / 9.0) * (i / 9.0) / 10.0;
    {
      double r = 0.55 * -0.45 * sxx - sxx;

      g_assert_cmpfloat_with_epsilon (d->traj[0].w1[0],
                                      0.55 - 0.15 * 2 * -0.45 * r, 1e-12);
      g_assert_cmpfloat_with_epsilon (d->traj[0].w2[0],
                                      -0.45 - 0.15 * 2 * 0.55 * r, 1e-12);
    }
  }
  last = d->traj[0].n - 1;

  for (int theme = 0; theme < 2; theme++)
    {
      dln_figure_style_init (&style, theme);
      s = dln_test_render_figure (fig.render, &style, fig.data, 800, 700, &geom);
      p = dln_test_panel (&geom, "landscape");
      ex = dln_plot_panel_x_to_px (p, d->traj[0].w1[last]);
      ey = dln_plot_panel_y_to_px (p, d->traj[0].w2[last]);
      /* the red × is centred on the last point (its centroid within
       * 1.5 px), the blue start dot on the first */
      g_assert_cmpuint (count_in (s, dln_figure_style_color (&style,
                                                             DLN_COLOR_VERMILLION),
                                  RGB_TOL, ex - 15, ey - 15, 30, 30, &cx,
                                  &cy), >, 20);
      g_assert_cmpfloat (hypot (cx - ex, cy - ey), <=, 1.5);
      g_assert_cmpuint (count_in (s, dln_figure_style_color (&style,
                                                             DLN_COLOR_BLUE),
                                  RGB_TOL,
                                  dln_plot_panel_x_to_px (p, d->traj[0].w1[0]) - 6,
                                  dln_plot_panel_y_to_px (p, d->traj[0].w2[0]) - 6,
                                  12, 12, NULL, NULL), >, 20);
      cairo_surface_destroy (s);
    }
  dln_figure_instance_clear (&fig);
}

static void
test_landscape_nan_gap (void)
{
  DlnLandscapeData *d = dln_landscape_data_new (2, 0);
  const double w1[] = { -1.5, -1.0, NAN, 1.0, 1.5 };
  const double w2[] = { 1.5, 1.5, NAN, 1.5, 1.5 };
  DlnFigureStyle style;
  DlnFigureGeometry geom;
  const DlnPlotPanel *p;
  cairo_surface_t *s;
  DlnRgba bg;

  d->show_loss = d->show_vectors = d->show_solutions = false;
  d->show_legend = false;
  g_assert_true (dln_landscape_data_add_trajectory (d, w1, w2, 5));
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  bg = style.background;
  s = dln_test_render_figure ((DlnFigureRenderFunc) dln_figure_landscape_render, &style, d,
              800, 700, &geom);
  p = dln_test_panel (&geom, "landscape");
  /* drawn between two finite neighbours ... */
  g_assert_false (same_color (dln_test_surface_pixel (s, (int) dln_plot_panel_x_to_px (p, -1.25),
                                        (int) dln_plot_panel_y_to_px (p, 1.5)),
                              bg, 0.02));
  /* ... and a gap across the non-finite point: the whole stretch from
   * w1 = −0.8 to 0.8 on that row is background (or a grid line) */
  for (double w = -0.8; w <= 0.8; w += 0.01)
    {
      DlnRgba c = dln_test_surface_pixel (s, (int) dln_plot_panel_x_to_px (p, w),
                            (int) dln_plot_panel_y_to_px (p, 1.5));

      if (!same_color (c, bg, 0.02) && !same_color (c, style.grid, 0.05))
        g_error ("pixel at w1 = %g is drawn (%g, %g, %g)", w, c.r, c.g, c.b);
    }
  cairo_surface_destroy (s);
  dln_landscape_data_free (d);
}

static void
test_landscape_full (void)
{
  DlnFigureInstance fig;

  dln_test_build (&fig, "loss-landscape", NULL);
  g_assert_cmpuint (((const DlnLandscapeData *) fig.data)->n_traj, ==, 3);
  g_assert_cmpuint (((const DlnLandscapeData *) fig.data)->n_arrows, ==, 400);
  check_themes_and_vectors ("loss-landscape", &fig);
  dln_figure_instance_clear (&fig);
}

/* --- D07 --- */

static void
test_surface3d (void)
{
  DlnFigureInstance fig;
  const DlnSurface3DData *d;
  DlnFigureStyle style;
  DlnFigureGeometry geom;
  cairo_surface_t *s;

  dln_test_build (&fig, "loss-surface-3d", NULL);
  d = fig.data;
  g_assert_cmpuint (d->n_paths, ==, 2);
  g_assert_cmpuint (d->path[0].n, ==, 240);
  g_assert_cmpfloat (d->view.elevation, ==, 45.0);
  g_assert_cmpfloat (d->view.azimuth, ==, 260.0);
  check_themes_and_vectors ("loss-surface-3d", &fig);

  /* every path dot is drawn where the view projects it: the pixel under
   * the last point of each path has the foreground (dot) colour */
  for (int theme = 0; theme < 2; theme++)
    {
      dln_figure_style_init (&style, theme);
      s = dln_test_render_figure (fig.render, &style, fig.data, 1000, 700, &geom);
      g_assert_cmpuint (geom.n_panels, ==, 1);
      g_assert_cmpint (geom.panels[0].kind, ==, DLN_PANEL_3D);
      for (size_t k = 0; k < d->n_paths; k++)
        {
          size_t i = d->path[k].n - 1;
          double px, py;

          dln_plot_panel_project3 (&geom.panels[0], d->path[k].w1[i],
                                   d->path[k].w2[i], d->path_z[k][i], &px,
                                   &py);
          g_assert_true (same_color (dln_test_surface_pixel (s, (int) px, (int) py),
                                     style.foreground, 0.1));
        }
      cairo_surface_destroy (s);
    }
  dln_figure_instance_clear (&fig);
}

/* --- CLI --- */

static void
test_cli_export (void)
{
  static const char *const names[] = {
    "gradient-field", "neuron-check", "wide-net-regression", "shallow-net",
    "loss-landscape", "loss-surface-3d",
  };
  g_autofree char *bad = dln_test_tmp_path ("bad.png");

  for (size_t i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *png = g_strdup_printf ("%s/cli-%s.png",
                                              dln_test_tmpdir (), names[i]);
      g_autofree char *csv = g_strdup_printf ("%s/cli-%s.csv",
                                              dln_test_tmpdir (), names[i]);
      g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
      g_autofree char *text = NULL;
      cairo_surface_t *s;

      g_assert_cmpint (dln_test_run_cli (&out, &err, "export", names[i],
                                         "--out", png, "--width", "480",
                                         "--height", "360", NULL), ==, 0);
      s = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (s), ==, 480);
      g_assert_cmpint (cairo_image_surface_get_height (s), ==, 360);
      cairo_surface_destroy (s);
      g_assert_cmpint (dln_test_run_cli (&out2, &err2, "export", names[i],
                                         "--out", csv, NULL), ==, 0);
      g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
      g_assert_true (strchr (text, '\n') != NULL && strchr (text, ',') != NULL);
    }

  dln_test_export_refused ("--starts", "loss-landscape", bad, "--starts",
                           "1,2;x", NULL);
  dln_test_export_refused ("foo", "loss-landscape", bad, "--layers",
                           "loss,foo", NULL);
  dln_test_export_refused ("unknown variable 'q'", "gradient-field", bad,
                           "--expr", "sin(x*q)", NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/figures-gradients/bands", test_bands);
  g_test_add_func ("/dln/headless/figures-gradients/gradient-field", test_gradient_field);
  g_test_add_func ("/dln/headless/figures-gradients/neuron-check", test_neuron_check);
  g_test_add_func ("/dln/headless/figures-gradients/wide-net-regression",
                   test_regression);
  g_test_add_func ("/dln/headless/figures-gradients/regression-growing-history",
                   test_regression_growing_history);
  g_test_add_func ("/dln/headless/figures-gradients/shallow-net", test_shallow);
  g_test_add_func ("/dln/headless/figures-gradients/landscape-hyperbola",
                   test_landscape_hyperbola);
  g_test_add_func ("/dln/headless/figures-gradients/landscape-arrows-contrast",
                   test_landscape_arrows_contrast);
  g_test_add_func ("/dln/headless/figures-gradients/landscape-trajectory",
                   test_landscape_trajectory);
  g_test_add_func ("/dln/headless/figures-gradients/landscape-nan-gap",
                   test_landscape_nan_gap);
  g_test_add_func ("/dln/headless/figures-gradients/neuron-narrow-geometry",
                   test_neuron_narrow_geometry);
  g_test_add_func ("/dln/headless/figures-gradients/shallow-narrow-geometry",
                   test_shallow_narrow_geometry);
  g_test_add_func ("/dln/headless/figures-gradients/landscape-full", test_landscape_full);
  g_test_add_func ("/dln/headless/figures-gradients/surface-3d", test_surface3d);
  g_test_add_func ("/dln/headless/figures-gradients/cli-export", test_cli_export);
  return g_test_run ();
}
