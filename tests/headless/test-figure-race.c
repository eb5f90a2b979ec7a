/* The D06/D07 optimizer race figure (dln-figure-race.h) and its catalogue
 * entry `loss-landscape-race`: numbers, pixels in both themes, CLI export. */

#include "config.h"

#include "dln-figure-catalogue.h"
#include "dln-figure-race.h"
#include "dln-test-figure.h"
#include "dln-test-util.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* "Pixel has colour c": 8-bit quantisation plus antialiasing, far below
 * the distance between the Okabe-Ito colours of the optimizers. */
#define RGB_TOL 0.06
/* Hand-computed first GD step vs the engine: a few roundings of O(1). */
#define STEP_TOL 1e-12
/* A 5-px marker plus the 8-px end cross cover far more than this many
 * pixels of a 7 × 7 box around the last point; a background box has 0. */
#define MIN_MARK_PX 8

static cairo_surface_t *
render (const DlnFigureInstance *fig,
        const DlnFigureStyle    *style,
        DlnFigureGeometry       *geom)
{
  return dln_test_render_figure (fig->render, style, fig->data, 800, 700,
                                 geom);
}

/* Pixels of colour @c in the (2r+1)² box centred on (@cx, @cy). */
static int
count_near (cairo_surface_t *s,
            DlnRgba          c,
            double           cx,
            double           cy,
            int              r)
{
  int n = 0;

  for (int y = (int) lround (cy) - r; y <= (int) lround (cy) + r; y++)
    for (int x = (int) lround (cx) - r; x <= (int) lround (cx) + r; x++)
      {
        DlnRgba p = dln_test_surface_pixel (s, x, y);

        n += fabs (p.r - c.r) <= RGB_TOL && fabs (p.g - c.g) <= RGB_TOL
             && fabs (p.b - c.b) <= RGB_TOL;
      }
  return n;
}

/* The colour @path's optimizer is drawn in. */
static DlnRgba
path_color (const DlnFigureStyle *style,
            const DlnRacePath    *path)
{
  return dln_figure_style_color (style, dln_race_optim_color (path->optim));
}

static void
test_numbers (void)
{
  DlnFigureInstance fig;
  const DlnRaceData *d;
  double sxx = 0, r;

  dln_test_build (&fig, "loss-landscape-race", "optimizers", "adam,sgd",
                  "starts", "0.55,-0.45;-1.8,1.7", NULL);
  d = fig.data;
  /* per start, optimizers in enum order (the page's order) */
  g_assert_cmpint (d->n_paths, ==, 4);
  g_assert_cmpint (d->paths[0].optim, ==, DLN_OPTIM_SGD);
  g_assert_cmpint (d->paths[1].optim, ==, DLN_OPTIM_ADAM);
  g_assert_cmpint (d->paths[2].start, ==, 1);
  g_assert_cmpuint (d->paths[0].n, ==, 41);  /* start + 40 steps */
  g_assert_cmpfloat (d->paths[0].x[0], ==, 0.55);
  /* one GD step on L = mean((y − w1w2x)²), y = x on 10 points of [0, 1]:
   * g1 = 2·w2·(w1w2·Sxx − Sxy), Sxx = Sxy; by hand */
  for (int i = 0; i < 10; i++)
    sxx += (i / 9.0) * (i / 9.0) / 10.0;
  r = 0.55 * -0.45 * sxx - sxx;
  g_assert_cmpfloat_with_epsilon (d->paths[0].x[1], 0.55 - 0.15 * 2 * -0.45 * r,
                                  STEP_TOL);
  g_assert_cmpfloat_with_epsilon (d->paths[0].y[1], -0.45 - 0.15 * 2 * 0.55 * r,
                                  STEP_TOL);
  /* the grid is log(L + 0.001) at the box corners */
  g_assert_cmpfloat (d->box.xmin, ==, -1.9);
  {
    double w = -1.9 * -1.9, l = 0;

    for (int i = 0; i < 10; i++)
      l += pow (i / 9.0 - w * i / 9.0, 2) / 10.0;
    g_assert_cmpfloat_with_epsilon (d->z[0], log (l + DLN_RACE_LOG_OFFSET), 1e-9);
  }
  dln_figure_instance_clear (&fig);
}

/* Each optimizer's trajectory ends at the pixel of its last point (via the
 * returned geometry), in its colour; with the cursor at 0 it does not. */
static void
test_pixels (void)
{
  DlnFigureInstance fig;
  DlnRaceData *d;

  dln_test_build (&fig, "loss-landscape-race", "optimizers",
                  "sgd,adagrad,adam", "starts", "-1.8,1.7", "lr", "0.1", NULL);
  d = fig.data;
  g_assert_cmpint (d->n_paths, ==, 3);
  /* layers off: the heatmap's coolwarm would contain the colours */
  d->show_loss = d->show_vectors = d->show_solutions = false;
  for (int theme = 0; theme < 2; theme++)
    {
      DlnFigureStyle style;
      DlnFigureGeometry geom;
      cairo_surface_t *s;
      const DlnPlotPanel *p;

      dln_figure_style_init (&style, theme);
      d->cursor = -1;
      s = render (&fig, &style, &geom);
      p = dln_test_panel (&geom, "landscape");
      for (int k = 0; k < d->n_paths; k++)
        {
          const DlnRacePath *path = &d->paths[k];
          DlnRgba c = path_color (&style, path);
          double lx = dln_plot_panel_x_to_px (p, path->x[path->n - 1]);
          double ly = dln_plot_panel_y_to_px (p, path->y[path->n - 1]);
          double fx = dln_plot_panel_x_to_px (p, path->x[0]);
          double fy = dln_plot_panel_y_to_px (p, path->y[0]);

          size_t mid = path->n / 2;

          g_assert_true (isfinite (path->x[path->n - 1]));
          /* far enough from the start that the two cannot be confused */
          g_assert_cmpfloat (hypot (lx - fx, ly - fy), >, 20);
          /* the course's red X at the end, the optimizer's colour on the
           * way (its marker at the middle point) */
          g_assert_cmpint (count_near (s, dln_figure_style_color (&style, DLN_COLOR_VERMILLION),
                                       lx, ly, 3), >=, MIN_MARK_PX);
          g_assert_cmpint (count_near (s, c, dln_plot_panel_x_to_px (p, path->x[mid]),
                                       dln_plot_panel_y_to_px (p, path->y[mid]), 3),
                           >, 0);
        }
      /* a corner of the plot far from every path: background */
      g_assert_cmpint (count_near (s, dln_figure_style_color (&style, DLN_COLOR_BLUE),
                                   dln_plot_panel_x_to_px (p, 1.8),
                                   dln_plot_panel_y_to_px (p, 1.8), 3), ==, 0);
      cairo_surface_destroy (s);

      /* cursor 0: only the start point of each path is drawn */
      d->cursor = 0;
      s = render (&fig, &style, &geom);
      p = dln_test_panel (&geom, "landscape");
      for (int k = 0; k < d->n_paths; k++)
        {
          const DlnRacePath *path = &d->paths[k];
          DlnRgba c = path_color (&style, path);

          g_assert_cmpint (count_near (s, c,
                                       dln_plot_panel_x_to_px (p, path->x[path->n - 1]),
                                       dln_plot_panel_y_to_px (p, path->y[path->n - 1]),
                                       3), ==, 0);
        }
      cairo_surface_destroy (s);
    }
  dln_figure_instance_clear (&fig);
}

/* D06 markers as the course draws them: the first point blue, the last a
 * red X, and plain GD's path is not in the solutions' blue. */
static void
test_course_markers (void)
{
  DlnFigureInstance fig;
  DlnRaceData *d;
  DlnFigureStyle style;
  DlnFigureGeometry geom;
  cairo_surface_t *s;
  const DlnPlotPanel *p;
  const DlnRacePath *path;
  DlnRgba blue, red;

  dln_test_build (&fig, "loss-landscape-race", "optimizers", "sgd",
                  "starts", "-1.8,1.7", NULL);
  d = fig.data;
  d->show_loss = d->show_vectors = d->show_solutions = false;
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  blue = dln_figure_style_color (&style, DLN_COLOR_BLUE);
  red = dln_figure_style_color (&style, DLN_COLOR_VERMILLION);
  g_assert_cmpint (dln_race_optim_color (DLN_OPTIM_SGD), !=, DLN_COLOR_BLUE);
  s = render (&fig, &style, &geom);
  p = dln_test_panel (&geom, "landscape");
  path = &d->paths[0];
  g_assert_cmpint (count_near (s, blue, dln_plot_panel_x_to_px (p, path->x[0]),
                               dln_plot_panel_y_to_px (p, path->y[0]), 3),
                   >=, MIN_MARK_PX);
  g_assert_cmpint (count_near (s, red, dln_plot_panel_x_to_px (p, path->x[path->n - 1]),
                               dln_plot_panel_y_to_px (p, path->y[path->n - 1]), 4),
                   >=, MIN_MARK_PX);
  /* neither marker at the other end */
  g_assert_cmpint (count_near (s, red, dln_plot_panel_x_to_px (p, path->x[0]),
                               dln_plot_panel_y_to_px (p, path->y[0]), 3), ==, 0);
  g_assert_cmpint (count_near (s, blue, dln_plot_panel_x_to_px (p, path->x[path->n - 1]),
                               dln_plot_panel_y_to_px (p, path->y[path->n - 1]), 3),
                   ==, 0);
  cairo_surface_destroy (s);
  dln_figure_instance_clear (&fig);
}

/* Points are depth-sorted with the surface: on an opaque flat sheet at
 * z = 0 seen from above, a point below the sheet is hidden and a point
 * above it shows (drawn after the surface, both would show). */
static void
test_3d_occlusion (void)
{
  double z[4 * 4];
  DlnGrid grid = { z, 4, 4, -1, 1, -1, 1 };
  DlnColorScale cs = { DLN_COLORMAP_VIRIDIS, -1, 1, false };
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 400);
  cairo_t *cr = cairo_create (s);
  DlnFigureStyle style;
  DlnAxes3D ax;
  DlnRgba red;
  DlnPoint3D pts[2];
  double bx, by, ax_, ay_;

  for (int i = 0; i < 16; i++)
    z[i] = 0;
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  red = dln_figure_style_color (&style, DLN_COLOR_VERMILLION);
  dln_figure_fill_background (cr, &style, 400, 400);
  dln_axes3d_init (&ax, cr, &style, (DlnRect) { 0, 0, 400, 400 },
                   (DlnView3D) { 260, 45 }, -1, 1, -1, 1, -1, 1);
  /* below the sheet near one side, above it near the other */
  pts[0] = (DlnPoint3D) { -0.4, 0.3, -0.8, red, DLN_MARKER_CIRCLE, 12 };
  pts[1] = (DlnPoint3D) { 0.4, -0.3, 0.8, red, DLN_MARKER_CIRCLE, 12 };
  dln_axes3d_surface_points (&ax, &grid, &cs, 1.0, pts, 2);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  dln_plot_panel_project3 (&ax.panel, pts[0].x, pts[0].y, pts[0].z, &bx, &by);
  dln_plot_panel_project3 (&ax.panel, pts[1].x, pts[1].y, pts[1].z, &ax_, &ay_);
  g_assert_cmpint (count_near (s, red, ax_, ay_, 3), >=, 20);
  g_assert_cmpint (count_near (s, red, bx, by, 3), ==, 0);
  cairo_surface_destroy (s);
}

/* The exported image @path is what its extension @ext names: a PNG of
 * @w x @h pixels, an SVG or a PDF. */
static void
check_image (const char *ext,
             const char *path,
             int         w,
             int         h)
{
  g_autofree char *text = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  if (strcmp (ext, "svg") == 0)
    g_assert_nonnull (strstr (text, "<svg"));
  else if (strcmp (ext, "pdf") == 0)
    g_assert_true (len > 4 && memcmp (text, "%PDF", 4) == 0);
  else
    {
      cairo_surface_t *s = cairo_image_surface_create_from_png (path);

      g_assert_cmpstr (ext, ==, "png");
      g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (s), ==, w);
      g_assert_cmpint (cairo_image_surface_get_height (s), ==, h);
      cairo_surface_destroy (s);
    }
}

/* Exports @figure with @args (NULL-terminated) at @w x @h through
 * dlnlab-cli to PNG, SVG, PDF and CSV; checks the images and returns the
 * CSV's lines. */
static char **
export_all (const char        *figure,
            int                w,
            int                h,
            const char *const *args)
{
  static const char *const exts[] = { "png", "svg", "pdf", "csv" };
  g_autofree char *ws = g_strdup_printf ("%d", w);
  g_autofree char *hs = g_strdup_printf ("%d", h);
  g_autofree char *csv = NULL;

  for (size_t i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.%s", dln_test_tmpdir (),
                                               figure, exts[i]);
      g_autoptr (GPtrArray) argv = g_ptr_array_new ();
      const char *const head[] = { "export", figure, "--out", path,
                                   "--width", ws, "--height", hs };

      for (size_t k = 0; k < G_N_ELEMENTS (head); k++)
        g_ptr_array_add (argv, (gpointer) head[k]);
      for (size_t k = 0; args[k] != NULL; k++)
        g_ptr_array_add (argv, (gpointer) args[k]);
      g_ptr_array_add (argv, NULL);
      g_assert_cmpint (dln_test_run_cliv (NULL, NULL,
                                          (const char *const *) argv->pdata),
                       ==, 0);
      if (i < 3)
        check_image (exts[i], path, w, h);
      else
        g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
    }
  return g_strsplit (csv, "\n", -1);
}

/* The 3-D view: not blank in either theme, one 3-D panel, and its CSV's
 * path heights are log(L + 0.5) by hand at the start (0.5, −0.5):
 * L = mean((x − w₁w₂x)²) = (1 − w₁w₂)² Sxx on y = x. */
static void
test_3d (void)
{
  static const char *const args_3d[] = { "--starts", "0.5,-0.5", NULL };
  DlnFigureInstance fig;
  g_auto (GStrv) lines = NULL, f = NULL;
  double sxx = 0;

  dln_test_build (&fig, "loss-landscape-race-3d", NULL);
  for (int theme = 0; theme < 2; theme++)
    {
      DlnFigureStyle style;
      DlnFigureGeometry geom;
      cairo_surface_t *s;
      size_t drawn = 0;

      dln_figure_style_init (&style, theme);
      s = render (&fig, &style, &geom);
      {
        int n3 = 0;

        for (size_t k = 0; k < geom.n_panels; k++)
          n3 += geom.panels[k].kind == DLN_PANEL_3D;
        g_assert_cmpint (n3, ==, 1);
      }
      for (int y = 0; y < 700; y += 2)
        for (int x = 0; x < 800; x += 2)
          {
            DlnRgba p = dln_test_surface_pixel (s, x, y);

            drawn += fabs (p.r - style.background.r) + fabs (p.g - style.background.g)
                     + fabs (p.b - style.background.b) > 0.05;
          }
      /* the surface alone covers a third of the canvas */
      g_assert_cmpuint (drawn, >, 800 * 700 / 4 / 10);
      cairo_surface_destroy (s);
    }
  dln_figure_instance_clear (&fig);

  for (int i = 0; i < 10; i++)
    sxx += (i / 9.0) * (i / 9.0) / 10.0;
  lines = export_all ("loss-landscape-race-3d", 400, 300, args_3d);
  g_assert_cmpstr (lines[0], ==, "kind,optimizer,start,step,x,y,z");
  g_assert_true (g_str_has_prefix (lines[1], "path,sgd,0,0,"));
  f = g_strsplit (lines[1], ",", -1);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (f[6], NULL),
                                  log (1.25 * 1.25 * sxx + 0.5), 1e-12);
}

static void
test_cli_export (void)
{
  static const char *const args[] = {
    "--surface", "rosenbrock", "--optimizers", "sgd,momentum,adam",
    "--lr", "0.001", "--epochs", "50", "--starts", "-1,1;0.5,-0.5", NULL,
  };
  g_auto (GStrv) lines = export_all ("loss-landscape-race", 480, 360, args);
  g_autofree char *bad = dln_test_tmp_path ("bad.png");
  int n_path = 0;

  g_assert_cmpstr (lines[0], ==, "kind,optimizer,start,step,x,y,z");
  for (int l = 1; lines[l] != NULL; l++)
    if (g_str_has_prefix (lines[l], "path,momentum,1,"))
      n_path++;
  g_assert_cmpint (n_path, ==, 51);  /* start + 50 steps */
  dln_test_export_refused ("foo", "loss-landscape-race", bad, "--optimizers",
                           "sgd,foo", NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/figure-race/numbers", test_numbers);
  g_test_add_func ("/dln/headless/figure-race/pixels", test_pixels);
  g_test_add_func ("/dln/headless/figure-race/cli-export", test_cli_export);
  g_test_add_func ("/dln/headless/figure-race/3d", test_3d);
  g_test_add_func ("/dln/headless/figure-race/course-markers", test_course_markers);
  g_test_add_func ("/dln/headless/figure-race/3d-occlusion", test_3d_occlusion);
  return g_test_run ();
}
