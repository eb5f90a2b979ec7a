/* The numbers behind the figures, asserted through the functions the
 * renderers call: tick counts and steps, contour levels, the automatic
 * legend corner, the colour bar's direction, and the optimizer race's
 * hyperparameters. A picture that looks right can hide every one of
 * these being off by one. The CSV writers are checked the same way:
 * every exported column holds the figure's numbers for that column. */

#include "config.h"

#include "dln-figure.h"
#include "dln-figure-curves.h"
#include "dln-figure-dynamics.h"
#include "dln-figure-race.h"
#include "dln-figure-register.h"
#include "dln-test-figure.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The 1-2-5 steps from 1e-6 to 1e6, in order. */
static double
nice_step (int k)
{
  static const double m[3] = { 1, 2, 5 };

  return m[((k % 3) + 3) % 3] * pow (10.0, floor (k / 3.0));
}

static size_t
ticks_in (double lo,
          double hi,
          double step)
{
  return (size_t) (floor (hi / step + 1e-9) - ceil (lo / step - 1e-9) + 1);
}

/* For every range and budget: at most max_ticks ticks, on multiples of a
 * 1-2-5 step, and the next finer 1-2-5 step would have given too many
 * (so the step is the smallest that fits). The count is recomputed here
 * from the step, not read back from the code. */
static void
test_ticks_budget (void)
{
  static const double ranges[][2] = {
    { 0, 1 }, { 0, 600 }, { -3, 3 }, { 0.3, 0.9 }, { 0, 4e-5 }, { -7, 13 },
    { 1, 2 }, { 0, 250 }, { -1e5, 3e5 }, { 0.001, 0.0179 }, { 17, 93 },
  };

  for (size_t r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (int max = 2; max <= 12; max++)
      {
        double lo = ranges[r][0], hi = ranges[r][1], finer = NAN;
        DlnTicks t;
        int k;

        dln_ticks_linear (&t, lo, hi, max);
        g_assert_cmpuint (t.n, >=, 1);
        g_assert_cmpuint (t.n, <=, (size_t) max);
        g_assert_cmpuint (t.n, ==, ticks_in (lo, hi, t.step));
        for (k = -30; k < 30; k++)
          if (fabs (nice_step (k) / t.step - 1) < 1e-9)
            break;
        g_assert_cmpint (k, <, 30);   /* the step is a 1-2-5 step */
        finer = nice_step (k - 1);
        g_assert_cmpuint (ticks_in (lo, hi, finer), >, (size_t) max);
        for (size_t i = 0; i < t.n; i++)
          g_assert_cmpfloat (fabs (t.value[i] / t.step
                                   - round (t.value[i] / t.step)), <, 1e-6);
      }
  /* 0 ... 600 with six: 100 would make seven ticks, so 200 (four). */
  {
    DlnTicks t;

    dln_ticks_linear (&t, 0, 600, 6);
    g_assert_cmpfloat (t.step, ==, 200.0);
    g_assert_cmpuint (t.n, ==, 4);
  }
}

/* Log axes: at most max_ticks labelled decades. */
static void
test_ticks_log_budget (void)
{
  for (int max = 2; max <= 10; max++)
    for (int span = 2; span <= 30; span++)
      {
        DlnTicks t;

        dln_ticks_log (&t, 1e-3, pow (10.0, span - 3), max);
        g_assert_cmpuint (t.n, <=, (size_t) max);
        g_assert_cmpuint (t.n, >=, 2);
      }
}

/* Contour levels span the whole range: first lo, last hi, equal steps. */
static void
test_levels (void)
{
  for (size_t n = 2; n <= 21; n++)
    {
      double out[32];

      dln_levels_linear (out, n, -2.0, 3.0);
      g_assert_cmpfloat (out[0], ==, -2.0);
      g_assert_cmpfloat_with_epsilon (out[n - 1], 3.0, 1e-12);
      for (size_t k = 1; k < n; k++)
        g_assert_cmpfloat_with_epsilon (out[k] - out[k - 1],
                                        5.0 / (double) (n - 1), 1e-12);
    }
}

/* Draws a 400 × 300 axes on [0, 1]² with @n points (x, y) and one legend
 * entry, and returns the corner AUTO picked. */
static DlnLegendPos
legend_corner (const double *x,
               const double *y,
               size_t        n)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400,
                                                   300);
  cairo_t *cr = cairo_create (s);
  DlnFigureStyle style;
  DlnRect outer = { 0, 0, 400, 300 };
  DlnSeriesStyle series = { 0 };
  DlnAxes ax;
  DlnLegendPos pos;

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  series.color = style.categorical[DLN_COLOR_BLUE];
  series.marker = DLN_MARKER_CIRCLE;
  series.line_width = -1;
  series.label = "data";
  dln_axes_init (&ax, cr, &style, outer);
  dln_axes_set_xrange (&ax, 0, 1);
  dln_axes_set_yrange (&ax, 0, 1);
  dln_axes_begin (&ax);
  if (n > 0)
    dln_axes_scatter (&ax, x, y, n, &series, NULL);
  else
    dln_axes_legend_add (&ax, &series, 2);
  pos = dln_axes_legend (&ax, DLN_LEGEND_AUTO);
  dln_axes_end (&ax, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  return pos;
}

/* AUTO takes the emptiest corner; ties go upper right, upper left, lower
 * left, lower right. */
static void
test_legend_corner (void)
{
  double x[40], y[40];

  /* nothing drawn: all four tie, upper right wins */
  g_assert_cmpint (legend_corner (NULL, NULL, 0), ==, DLN_LEGEND_UPPER_RIGHT);
  /* a rising diagonal fills lower left and upper right: upper left and
   * lower right tie, upper left wins */
  for (int i = 0; i < 40; i++)
    x[i] = y[i] = 0.01 + 0.98 * i / 39.0;
  g_assert_cmpint (legend_corner (x, y, 40), ==, DLN_LEGEND_UPPER_LEFT);
  /* points along the top edge: the lower corners tie, lower left wins */
  for (int i = 0; i < 40; i++)
    {
      x[i] = i / 39.0;
      y[i] = 0.98;
    }
  g_assert_cmpint (legend_corner (x, y, 40), ==, DLN_LEGEND_LOWER_LEFT);
  /* points on the left half and in the upper right: lower right is the
   * only empty corner, so it wins although it comes last on ties */
  for (int i = 0; i < 20; i++)
    {
      x[i] = 0.02 + (i % 4) * 0.14;
      y[i] = 0.02 + (i / 4) * 0.24;
      x[20 + i] = 0.55 + (i % 4) * 0.15;
      y[20 + i] = 0.6 + (i / 4) * 0.1;
    }
  g_assert_cmpint (legend_corner (x, y, 40), ==, DLN_LEGEND_LOWER_RIGHT);
  /* an explicit corner is kept */
  {
    cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 100,
                                                     100);
    cairo_t *cr = cairo_create (s);
    DlnFigureStyle style;
    DlnRect outer = { 0, 0, 100, 100 };
    DlnAxes ax;

    dln_figure_style_init (&style, DLN_THEME_LIGHT);
    dln_axes_init (&ax, cr, &style, outer);
    dln_axes_begin (&ax);
    /* no entries: nothing drawn */
    g_assert_cmpint (dln_axes_legend (&ax, DLN_LEGEND_LOWER_LEFT), ==,
                     DLN_LEGEND_NONE);
    dln_axes_end (&ax, NULL);
    cairo_destroy (cr);
    cairo_surface_destroy (s);
  }
}

/* The colour bar puts vmax at the top and vmin at the bottom of its
 * padded rectangle, linearly (log scales: decades evenly). */
static void
test_colorbar_direction (void)
{
  DlnFigureStyle style;
  DlnRect r = { 10, 20, 60, 200 };
  DlnColorScale lin = { DLN_COLORMAP_VIRIDIS, -3, 7, false };
  DlnColorScale lg = { DLN_COLORMAP_VIRIDIS, 1, 100, true };
  double top, bottom;

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  top = r.y + style.padding;
  bottom = r.y + r.height - style.padding;
  g_assert_cmpfloat_with_epsilon (dln_colorbar_value_y (&style, r, &lin, 7),
                                  top, 1e-9);
  g_assert_cmpfloat_with_epsilon (dln_colorbar_value_y (&style, r, &lin, -3),
                                  bottom, 1e-9);
  g_assert_cmpfloat_with_epsilon (dln_colorbar_value_y (&style, r, &lin, 2),
                                  0.5 * (top + bottom), 1e-9);
  g_assert_cmpfloat_with_epsilon (dln_colorbar_value_y (&style, r, &lg, 10),
                                  0.5 * (top + bottom), 1e-9);
  g_assert_cmpfloat_with_epsilon (dln_colorbar_value_y (&style, r, &lg, 100),
                                  top, 1e-9);
}

/* The race's two sliders: η for all, μ as momentum (SGD family) and as
 * Adam's beta1 only; beta2 and the rest stay PyTorch's defaults. */
static void
test_race_params (void)
{
  for (int k = 0; k < DLN_OPTIM_COUNT; k++)
    {
      DlnOptimParams p, d;

      dln_optim_params_init (&d, (DlnOptimKind) k);
      dln_optim_params_race (&p, (DlnOptimKind) k, 0.03, 0.7);
      g_assert_cmpint (p.kind, ==, k);
      g_assert_cmpfloat (p.lr, ==, 0.03);
      g_assert_cmpfloat (p.beta1, ==, k == DLN_OPTIM_ADAM ? 0.7 : d.beta1);
      g_assert_cmpfloat (p.beta2, ==, d.beta2);
      g_assert_cmpfloat (p.momentum, ==,
                         k == DLN_OPTIM_MOMENTUM || k == DLN_OPTIM_NESTEROV
                         ? 0.7 : d.momentum);
      g_assert_cmpfloat (p.alpha, ==, d.alpha);
      g_assert_cmpfloat (p.eps, ==, d.eps);
    }
  /* Nesterov without momentum is plain SGD (PyTorch refuses it). */
  {
    DlnOptimParams p;

    dln_optim_params_race (&p, DLN_OPTIM_NESTEROV, 0.1, 0.0);
    g_assert_cmpint (p.kind, ==, DLN_OPTIM_SGD);
    dln_optim_params_race (&p, DLN_OPTIM_MOMENTUM, 0.1, 0.0);
    g_assert_cmpint (p.kind, ==, DLN_OPTIM_MOMENTUM);
  }
}

/* A diverging scale is symmetric about 0 whichever sign dominates. */
static void
test_symmetric_scale (void)
{
  static const double mostly_negative[] = { -3.0, -1.0, 0.5, 1.0 };
  static const double mostly_positive[] = { -0.5, 2.0, 4.0 };
  DlnColorScale cs = { DLN_COLORMAP_DIVERGING, 0, 1, false };

  dln_color_scale_fit (&cs, mostly_negative, 4, true);
  g_assert_cmpfloat (cs.vmin, ==, -3.0);
  g_assert_cmpfloat (cs.vmax, ==, 3.0);
  dln_color_scale_fit (&cs, mostly_positive, 3, true);
  g_assert_cmpfloat (cs.vmin, ==, -4.0);
  g_assert_cmpfloat (cs.vmax, ==, 4.0);
}

/* Writes @csv's output for @data into a string (freed by the caller). */
static char *
csv_text (DlnFigureCsvFunc  csv,
          const void       *data)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream (&buf, &len);
  DlnMessage msg = { { 0 }, 0 };

  g_assert_nonnull (f);
  g_assert_cmpint (csv (f, data, &msg), ==, DLN_STATUS_OK);
  fclose (f);
  return buf;
}

/* The value in column @col (by header name) of data row @row (0-based)
 * of the first table of @text. */
static double
csv_value (const char *text,
           const char *col,
           guint       row)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_auto (GStrv) head = g_strsplit (lines[0], ",", -1);
  g_auto (GStrv) cells = NULL;
  int k = -1;

  for (int i = 0; head[i] != NULL; i++)
    if (strcmp (head[i], col) == 0)
      k = i;
  if (k < 0)
    g_error ("no column %s in %s", col, lines[0]);
  g_assert_cmpuint (g_strv_length (lines), >, row + 1);
  cells = g_strsplit (lines[row + 1], ",", -1);
  g_assert_cmpuint (g_strv_length (cells), >, (guint) k);
  return g_ascii_strtod (cells[k], NULL);
}

DLN_TEST_CSV_ANY (dynamics_csv, dln_figure_dynamics_csv)
DLN_TEST_CSV_ANY (curves_csv, dln_figure_curves_csv)
DLN_TEST_CSV_ANY (register_csv, dln_figure_register_csv)

/* Distinct numbers everywhere, so a column written from the wrong array
 * cannot match by accident. */
static void
test_csv_columns (void)
{
  double loss[3] = { 1.0, 0.5, 0.25 }, theory[3] = { 0.9, 0.45, 0.2 };
  double sv[6] = { 1, 2, 3, 4, 5, 6 }, svt[6] = { 11, 12, 13, 14, 15, 16 };
  double x[3] = { 10, 20, 30 };
  double depth[2] = { 10, 20 }, lr[2] = { 0.005, 0.025 }, t[2] = { 300, 150 };
  DlnDynamicsData d = { 0 };
  DlnCurve curve = { 0 };
  DlnCurvesData c = { 0 };
  DlnRegisterData r = { 0 };
  g_autofree char *dt = NULL, *ct = NULL, *rt = NULL;

  d.n_epochs = 3;
  d.primary = loss;
  d.primary_theory = theory;
  d.n_modes = 2;
  d.sv = sv;
  d.sv_theory = svt;
  dt = csv_text (dynamics_csv, &d);
  for (guint e = 0; e < 3; e++)
    {
      g_assert_cmpfloat (csv_value (dt, "primary", e), ==, loss[e]);
      g_assert_cmpfloat (csv_value (dt, "primary_theory", e), ==, theory[e]);
      g_assert_cmpfloat (csv_value (dt, "sv2", e), ==, sv[e * 2 + 1]);
      g_assert_cmpfloat (csv_value (dt, "theory1", e), ==, svt[e * 2]);
      g_assert_cmpfloat (csv_value (dt, "theory2", e), ==, svt[e * 2 + 1]);
    }

  curve.x = x;
  curve.y = loss;
  curve.n = 3;
  c.curves = &curve;
  c.n_curves = 1;
  ct = csv_text (curves_csv, &c);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpfloat (csv_value (ct, "x", i), ==, x[i]);
      g_assert_cmpfloat (csv_value (ct, "y", i), ==, loss[i]);
    }

  r.loss = loss;
  r.n_epochs = 3;
  r.n_points = 2;
  r.depth = depth;
  r.lr = lr;
  r.time = t;
  rt = csv_text (register_csv, &r);
  {
    /* the second table (after the blank line): depth,lr,time */
    const char *second = strstr (rt, "\n\n");

    g_assert_nonnull (second);
    for (guint i = 0; i < 2; i++)
      {
        g_assert_cmpfloat (csv_value (second + 2, "depth", i), ==, depth[i]);
        g_assert_cmpfloat (csv_value (second + 2, "lr", i), ==, lr[i]);
        g_assert_cmpfloat (csv_value (second + 2, "time", i), ==, t[i]);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/figures/numbers/ticks-budget", test_ticks_budget);
  g_test_add_func ("/dln/figures/numbers/ticks-log-budget",
                   test_ticks_log_budget);
  g_test_add_func ("/dln/figures/numbers/levels", test_levels);
  g_test_add_func ("/dln/figures/numbers/legend-corner", test_legend_corner);
  g_test_add_func ("/dln/figures/numbers/colorbar-direction",
                   test_colorbar_direction);
  g_test_add_func ("/dln/figures/numbers/race-params", test_race_params);
  g_test_add_func ("/dln/figures/numbers/symmetric-scale",
                   test_symmetric_scale);
  g_test_add_func ("/dln/figures/numbers/csv-columns", test_csv_columns);
  return g_test_run ();
}
