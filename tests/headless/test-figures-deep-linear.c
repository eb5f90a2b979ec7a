/* Tutorial 2 sec. 2 and Tutorial 3 figures: renderers on known data (pixel
 * checks), and catalogue entries against numbers core and theory predict.
 * Set DLN_TEST_DUMP_DIR to keep the rendered PNGs. */

#include "config.h"

#include "dln-analysis.h"
#include "dln-course.h"
#include "dln-dataset.h"
#include "dln-figure-catalogue.h"
#include "dln-figure-curves.h"
#include "dln-figure-dataset.h"
#include "dln-figure-dynamics.h"
#include "dln-figure-register.h"
#include "dln-figure-map-compare.h"
#include "dln-figure-svd.h"
#include "dln-test-figure.h"
#include "dln-test-util.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* 8-bit quantisation of flat fills. */
#define FLAT_TOL (1.5 / 255)

static double
near_color (DlnTestCanvas *c,
            double  x,
            double  y,
            int     r,
            DlnRgba col)
{
  double best = INFINITY;

  for (int dy = -r; dy <= r; dy++)
    for (int dx = -r; dx <= r; dx++)
      best = fmin (best, dln_test_color_dist (dln_test_pixel (c, x + dx, y + dy), col));
  return best;
}

/* The pixel at (@x, @y) of panel @p's data is @want, to 8-bit
 * quantisation. */
static void
assert_color_at (DlnTestCanvas      *c,
                 const DlnPlotPanel *p,
                 double              x,
                 double              y,
                 DlnRgba             want)
{
  g_assert_cmpfloat (dln_test_color_dist (dln_test_pixel (
                       c, dln_plot_panel_x_to_px (p, x),
                       dln_plot_panel_y_to_px (p, y)), want), <, FLAT_TOL);
}

/* --- renderers on known data --- */

/* Register: each point sits at its data position in both scatter panels,
 * in the course's red (vermillion). */
static void
test_register_points (void)
{
  DlnFigureStyle style;
  DlnFigureGeometry g;
  double loss[100], depth[2] = { 20, 50 }, lr[2] = { 0.08, 0.03 };
  double t[2] = { 12, 170 };
  DlnRegisterData d = { "Training", loss, 100, 2, depth, lr, t };
  DlnRgba red;
  DlnTestCanvas c;

  for (int i = 0; i < 100; i++)
    loss[i] = exp (-0.05 * i);
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  red = dln_figure_style_color (&style, DLN_COLOR_VERMILLION);
  dln_test_canvas_init (&c, NULL, 800, 640);
  dln_figure_register_render (c.cr, &style, &d, 800, 640, &g);
  g_assert_cmpuint (g.n_panels, ==, 3);
  for (int i = 0; i < 2; i++)
    {
      const DlnPlotPanel *pt = dln_test_panel (&g, "time");
      const DlnPlotPanel *pl = dln_test_panel (&g, "lr");

      assert_color_at (&c, pt, depth[i], t[i], red);
      assert_color_at (&c, pl, depth[i], lr[i], red);
    }
  /* The loss panel is the course's log axis 0.001 ... 1. */
  g_assert_true (dln_test_panel (&g, "loss")->y_log);
  g_assert_cmpfloat (dln_test_panel (&g, "loss")->y_min, ==, 0.001);
  dln_test_canvas_finish (&c, "register");
}

/* D13: yes is magenta, no is cyan, cell by cell. */
static void
test_dataset_cells (void)
{
  static const char *const items[2] = { "A", "B" };
  static const char *const feats[3] = { "f", "g", "h" };
  double labels[4] = { 1, -1, -1, 1 }, features[6] = { 1, -1, 1, -1, -1, 1 };
  DlnDatasetData d = { 2, items, labels, 3, features, feats, NULL, "Features" };
  DlnFigureStyle style;
  DlnFigureGeometry g;
  const DlnPlotPanel *p;
  DlnRgba yes = dln_colormap_eval (DLN_COLORMAP_NO_YES, 1);
  DlnRgba no = dln_colormap_eval (DLN_COLORMAP_NO_YES, 0);
  DlnTestCanvas c;

  dln_figure_style_init (&style, DLN_THEME_DARK);
  dln_test_canvas_init (&c, NULL, 700, 400);
  dln_figure_dataset_render (c.cr, &style, &d, 700, 400, &g);
  p = dln_test_panel (&g, "features");
  g_assert_cmpint (p->kind, ==, DLN_PANEL_IMAGE);
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 3; j++)
      assert_color_at (&c, p, j, i, features[i * 3 + j] > 0 ? yes : no);
  p = dln_test_panel (&g, "labels");
  assert_color_at (&c, p, 1, 1, yes);
  assert_color_at (&c, p, 0, 1, no);
  dln_test_canvas_finish (&c, "dataset");
}

/* Dynamics: singular values are normalised by their maximum (the top one
 * reaches y2 = 1 at the end), the band tints the chosen epoch, and the RSM
 * cell (0, 0) is Purples at rsm / scale. */
static void
test_dynamics_pixels (void)
{
  enum { N = 200, K = 2 };
  static const char *const items[2] = { "x", "y" };
  double loss[N], sv[N * K], rsm[4] = { 3, 1, 1, 2 };
  DlnDynamicsData d = { 0 };
  DlnFigureStyle style;
  DlnFigureGeometry g;
  const DlnPlotPanel *p;
  DlnRgba band, bg;
  DlnTestCanvas c;

  for (int e = 0; e < N; e++)
    {
      loss[e] = 1.0 / (1 + exp (0.1 * (e - 100)));
      sv[e * K] = 50.0 / (1 + exp (-0.1 * (e - 80)));  /* max 50 */
      sv[e * K + 1] = 20.0 / (1 + exp (-0.1 * (e - 140)));
    }
  d.title = "Learning Dynamics";
  d.n_epochs = N;
  d.primary = loss;
  d.primary_label = "Mean Squared Error";
  d.n_modes = K;
  d.sv = sv;
  d.sv_label = "Singular values (modes)";
  d.band_epoch = 30;
  d.rsm.rsm = rsm;
  d.rsm.scale = 4;
  d.rsm.n_items = 2;
  d.rsm.item_names = items;
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  dln_test_canvas_init (&c, NULL, 1000, 400);
  dln_figure_dynamics_render (c.cr, &style, &d, 1000, 400, &g);
  g_assert_cmpuint (g.n_panels, ==, 2);
  p = dln_test_panel (&g, "dynamics");
  g_assert_true (p->has_y2);
  /* Normalised by the maximum 50: mode 1 at epoch 120 is
   * 50 / (1 + e⁻⁴) / 50 on the right axis, in winter's first colour;
   * mode 2 at epoch 160 is 20 / (1 + e⁻²) / 50, in its last. (Points away
   * from the legend.) */
  g_assert_cmpfloat (near_color (&c, dln_plot_panel_x_to_px (p, 120),
                                 dln_plot_panel_y2_to_px (p, 1 / (1 + exp (-4.0))),
                                 1, dln_colormap_eval (DLN_COLORMAP_WINTER, 0)),
                     <, 0.1);
  g_assert_cmpfloat (near_color (&c, dln_plot_panel_x_to_px (p, 160),
                                 dln_plot_panel_y2_to_px (p, 0.4 / (1 + exp (-2.0))),
                                 1, dln_colormap_eval (DLN_COLORMAP_WINTER, 1)),
                     <, 0.1);
  /* the band: purple at alpha 0.2 over the background at epoch 30, clear
   * at epoch 40 (grid lines avoided: sampled at y = 0.45 of the axis) */
  bg = style.background;
  band = dln_figure_style_color (&style, DLN_COLOR_PURPLE);
  band.r = 0.8 * bg.r + 0.2 * band.r;
  band.g = 0.8 * bg.g + 0.2 * band.g;
  band.b = 0.8 * bg.b + 0.2 * band.b;
  g_assert_cmpfloat (dln_test_color_dist (dln_test_pixel (&c, dln_plot_panel_x_to_px (p, 30),
                                        p->y + 0.53 * p->height), band),
                     <, 2.5 / 255);
  g_assert_cmpfloat (dln_test_color_dist (dln_test_pixel (&c, dln_plot_panel_x_to_px (p, 40),
                                        p->y + 0.53 * p->height), bg),
                     <, FLAT_TOL);
  p = dln_test_panel (&g, "rsm");
  assert_color_at (&c, p, 0, 0,
                   dln_colormap_eval (DLN_COLORMAP_PURPLES, 0.75));
  assert_color_at (&c, p, 1, 1, dln_colormap_eval (DLN_COLORMAP_PURPLES, 0.5));
  dln_test_canvas_finish (&c, "dynamics");
}

static void
test_regression_indicator (void)
{
  double w[9] = { 0, 1, 2, 3, 4, 5, 6, 7, 8 }, loss[3] = { 1, 0.1, 0.01 };
  DlnMapCompareData d = { 3, 3, w, w, loss, 3, NULL, 0, 1e-3, NAN, 1e-2 };
  DlnFigureStyle style;
  DlnFigureGeometry g;
  DlnTestCanvas c;

  g_assert_true (dln_figure_map_compare_all_equal (&d));
  d.diff_deep = 2e-2;
  g_assert_false (dln_figure_map_compare_all_equal (&d));
  d.diff_deep = 1e-2;
  g_assert_true (dln_figure_map_compare_all_equal (&d));
  d.diff_zero = NAN;
  g_assert_false (dln_figure_map_compare_all_equal (&d));
  d.diff_zero = 1e-3;
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  dln_test_canvas_init (&c, NULL, 900, 360);
  dln_figure_map_compare_render (c.cr, &style, &d, 900, 360, &g);
  g_assert_cmpuint (g.n_panels, ==, 3);
  /* cell (2, 2) = 8 is near the top of cividis 0 ... 9 */
  {
    const DlnPlotPanel *p = dln_test_panel (&g, "true");

    g_assert_cmpfloat (near_color (&c, dln_plot_panel_x_to_px (p, 2) - 0.4 * p->width / 3,
                                   dln_plot_panel_y_to_px (p, 2), 0,
                                   dln_colormap_eval (DLN_COLORMAP_CIVIDIS, 8.0 / 9)),
                       <, FLAT_TOL);
  }
  dln_test_canvas_finish (&c, "regression");
}

static void
test_svd_panels (void)
{
  double u[4] = { 0.6, -0.8, 0.8, 0.6 }, s[2] = { 3, 1 };
  double vt[6] = { 1, 0, 0, 0, 0.6, -0.8 };
  DlnSvdData d = { "SVD", 2, 3, 2, u, s, vt, NULL, NULL, NULL, NULL, NULL };
  DlnFigureStyle style;
  DlnFigureGeometry g;
  const DlnPlotPanel *p;
  DlnTestCanvas c;

  dln_figure_style_init (&style, DLN_THEME_DARK);
  dln_test_canvas_init (&c, NULL, 900, 360);
  dln_figure_svd_render (c.cr, &style, &d, 900, 360, &g);
  g_assert_cmpuint (g.n_panels, ==, 3);
  /* U: symmetric range ±0.8, so −0.8 is the map's blue end */
  p = dln_test_panel (&g, "u");
  assert_color_at (&c, p, 1, 0, dln_colormap_eval (DLN_COLORMAP_DIVERGING, 0));
  /* Vᵀ: 0 is the centre (white) */
  p = dln_test_panel (&g, "vt");
  assert_color_at (&c, p, 1, 0,
                   dln_colormap_eval (DLN_COLORMAP_DIVERGING, 0.5));
  dln_test_canvas_finish (&c, "svd");
}

/* --- catalogue entries --- */

/* The run's singular values converge to the data's (s_eff, the singular
 * values of Y, from core's SVD of the same draw): after 250 epochs at the
 * course's defaults every mode has learned, to within 1e-3 relative (the
 * slowest mode's remaining gap (1 − h s)^t is far below that). */
#define SV_CONVERGED_TOL 1e-3

static void
test_dynamics_converges_to_data (void)
{
  g_autofree char *csv = dln_test_entry_csv ("dynamics", NULL);
  g_auto (GStrv) lines = g_strsplit (csv, "\n", -1);
  g_auto (GStrv) last = NULL;
  DlnDataset *ds = NULL;
  DlnArena *arena = dln_arena_new (64u << 20);
  DlnModes modes;
  DlnMessage msg = { 0 };
  double max = 0;

  g_assert_true (g_str_has_prefix (lines[0], "epoch,primary,primary_theory,sv1,"));
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 250 + 1);
  last = g_strsplit (lines[250], ",", -1);
  g_assert_cmpint (dln_dataset_new_builtin ("tree", 2021, &ds, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpint (dln_analysis_dataset_modes (ds, arena, &modes, &msg), ==,
                   DLN_STATUS_OK);
  for (int k = 0; k < 8; k++)
    {
      double got = g_ascii_strtod (last[3 + k], NULL);
      double want = modes.s_eff->data[k];
      double theory = g_ascii_strtod (last[3 + 8 + k], NULL);

      g_assert_cmpfloat (fabs (got - want), <=, SV_CONVERGED_TOL * want);
      /* the theory overlay converges to the same values */
      g_assert_cmpfloat (fabs (theory - want), <=, SV_CONVERGED_TOL * want);
      max = fmax (max, want);
    }
  /* and the data's values are the expected (docs/demos.md#tree-generator) √(N
   * λ₁) = 156.2 to within sampling noise (a few per cent) */
  g_assert_cmpfloat (fabs (max - 156.23) / 156.23, <, 0.05);
  dln_dataset_free (ds);
  dln_arena_free (arena);
}

/* D17: the tracked prediction starts near 0, swings to the illusion (a
 * positive has_bones for Shark) and ends at the truth −1. */
static void
test_illusory_swing (void)
{
  g_autofree char *csv = dln_test_entry_csv ("illusory", NULL);
  g_auto (GStrv) lines = g_strsplit (csv, "\n", -1);
  double first, peak = -INFINITY, end;

  first = g_ascii_strtod (strchr (lines[1], ',') + 1, NULL);
  for (int e = 0; e < 250; e++)
    peak = fmax (peak, g_ascii_strtod (strchr (lines[1 + e], ',') + 1, NULL));
  end = g_ascii_strtod (strchr (lines[250], ',') + 1, NULL);
  g_assert_cmpfloat (fabs (first), <, 1e-6);
  g_assert_cmpfloat (peak, >, 0.2);
  /* the net fits the training data, where Shark's has_bones is −1 */
  g_assert_cmpfloat (fabs (end + 1), <, 1e-3);
}

/* D18: the three maps agree to the course's 1e-2. */
static void
test_regression_agrees (void)
{
  const char *kv[] = { "epochs", "250", NULL };
  g_autofree char *csv = dln_test_entry_csv ("map-compare", kv);
  const char *tail = strstr (csv, "diff_zero,diff_deep,tolerance,all_equal\n");

  g_assert_nonnull (tail);
  g_assert_true (g_str_has_suffix (csv, ",0.01,1\n"));
}

/* D11: eight labelled curves; the start closest to the target slope
 * (0.95¹⁵ ... 1.05¹⁵ vs 2) learns first. */
static void
test_init_curves (void)
{
  g_autofree char *csv = dln_test_entry_csv ("init-loss", NULL);

  g_assert_nonnull (strstr (csv, "\n7,initial weights 1.05,249,"));
  g_assert_nonnull (strstr (csv, "\n0,initial weights 0.70,0,"));
}

/* Every entry of this area builds and renders in both themes: the corner
 * is the background and a fair share of pixels carry ink (the sparse
 * tree diagram has its own test). */
static void
test_all_entries_render (void)
{
  static const char *const names[] = {
    "depth-loss", "lr-loss", "init-loss", "playground-loss", "register",
    "tree-data", "training-loss", "dynamics", "rsm", "rsm-predicted",
    "illusory", "data-svd", "map-compare",
  };

  for (size_t i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const DlnCatalogueEntry *e = dln_figure_catalogue_find (names[i]);
      DlnFigureArgs args;
      DlnFigureInstance fig;
      DlnMessage msg = { 0 };

      g_test_message ("%s", names[i]);
      g_assert_nonnull (e);
      dln_figure_args_init (&args, e);
      g_assert_cmpint (dln_figure_build (e, &args, &fig, &msg), ==,
                       DLN_STATUS_OK);
      for (int t = 0; t < 2; t++)
        {
          DlnFigureStyle style;
          DlnFigureGeometry g;
          g_autofree char *dump = g_strdup_printf ("%s-%s", names[i],
                                                   t ? "dark" : "light");
          DlnTestCanvas c;
          int ink = 0, total = 0;

          dln_figure_style_init (&style, t ? DLN_THEME_DARK : DLN_THEME_LIGHT);
          dln_test_canvas_init (&c, NULL, (int) fig.width, (int) fig.height);
          fig.render (c.cr, &style, fig.data, fig.width, fig.height, &g);
          g_assert_cmpuint (g.n_panels, >=, 1);
          g_assert_cmpfloat (dln_test_color_dist (dln_test_pixel (&c, 0, 0), style.background),
                             <, 1e-9);
          for (int y = 0; y < c.h; y += 3)
            for (int x = 0; x < c.w; x += 3)
              {
                total++;
                if (dln_test_color_dist (dln_test_pixel (&c, x, y), style.background) > 0.15)
                  ink++;
              }
          g_assert_cmpint (ink, >, total / 50);
          dln_test_canvas_finish (&c, dump);
        }
      dln_figure_instance_clear (&fig);
    }
}

/* Renders @fig at @w x @h with a record; the caller clears @rec. */
static void
render_recorded (const DlnFigureInstance *fig,
                 int                      w,
                 int                      h,
                 DlnFigureRecord         *rec)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (s);
  DlnFigureStyle style;

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  dln_figure_record_attach (cr, rec);
  fig->render (cr, &style, fig->data, w, h, NULL);
  dln_figure_record_detach (cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

/* Whether @rec holds text @text; every text must lie inside the figure. */
static gboolean
has_text (const DlnFigureRecord *rec,
          const char            *text,
          int                    w,
          int                    h)
{
  gboolean found = FALSE;

  for (size_t i = 0; i < rec->n; i++)
    {
      const DlnMark *m = &rec->marks[i];

      if (m->kind != DLN_MARK_TEXT)
        continue;
      if (m->x0 < -0.5 || m->y0 < -0.5 || m->x1 > w + 0.5 || m->y1 > h + 0.5)
        g_error ("\"%s\" [%.1f %.1f %.1f %.1f] runs past the %dx%d figure",
                 m->text, m->x0, m->y0, m->x1, m->y1, w, h);
      found |= strcmp (m->text, text) == 0;
    }
  return found;
}

/* D14: both theories over the curves, each named in the figure's legend
 * (which the layout keeps inside the figure: the RSA page's narrow view
 * once cut the key off at "GD on the mode"), the closed form dotted and
 * in the CSV. */
static void
test_overlay_legend (void)
{
  enum { E = 60, K = 3 };
  double primary[E], sv[E * K], discrete[E], discrete_sv[E * K];
  double closed[E], closed_sv[E * K];
  DlnDynamicsData d;
  DlnFigureInstance fig = { 0 };
  DlnFigureRecord rec = { 0 };
  DlnMessage msg = { 0 };
  char *csv = NULL;
  size_t len = 0;
  FILE *fp;

  for (int e = 0; e < E; e++)
    {
      primary[e] = discrete[e] = exp (-0.05 * e);
      closed[e] = exp (-0.06 * e);
      for (int k = 0; k < K; k++)
        sv[e * K + k] = discrete_sv[e * K + k] = closed_sv[e * K + k]
          = (k + 1) * (1 - exp (-0.1 * e / (k + 1)));
    }
  dln_figure_dynamics_init (&d, E, NULL);
  d.n_epochs = E;
  d.primary = primary;
  d.n_modes = K;
  d.sv = sv;
  dln_figure_dynamics_set_overlay (&d, DLN_OVERLAY_BOTH, discrete,
                                   discrete_sv, closed, closed_sv, "theory");
  fig.data = &d;
  fig.render = (DlnFigureRenderFunc) dln_figure_dynamics_render;
  for (int w = 360; w <= 960; w += 300)
    {
      render_recorded (&fig, w, 3 * w / 4, &rec);
      g_assert_true (has_text (&rec, "theory: exact discrete map", w,
                               3 * w / 4));
      g_assert_true (has_text (&rec, "theory: closed form (gradient flow)",
                               w, 3 * w / 4));
      dln_figure_record_clear (&rec);
    }
  fp = open_memstream (&csv, &len);
  g_assert_cmpint (dln_figure_dynamics_csv (fp, &d, &msg), ==, DLN_STATUS_OK);
  fclose (fp);
  g_assert_true (g_str_has_prefix (csv, "epoch,primary,primary_theory,"
                                        "primary_dotted,sv1,"));
  free (csv);
}

/* D13: the tree page's diagram from the catalogue: the generator's eight
 * items, the course's seven categories and the network line. */
static void
test_tree_diagram (void)
{
  static const char *const names[] = {
    "Goldfish", "Tuna", "Robin", "Canary", "Rose", "Daisy", "Pine", "Oak",
    "living things", "animals", "plants", "fish", "birds", "flowers",
    "trees", "Network from D14 on: 8 → 30 → 10000",
  };
  const DlnCatalogueEntry *e = dln_figure_catalogue_find ("tree-diagram");
  DlnFigureArgs args;
  DlnFigureInstance fig;
  DlnFigureRecord rec = { 0 };
  DlnMessage msg = { 0 };

  g_assert_nonnull (e);
  dln_figure_args_init (&args, e);
  g_assert_cmpint (dln_figure_build (e, &args, &fig, &msg), ==, DLN_STATUS_OK);
  render_recorded (&fig, (int) fig.width, (int) fig.height, &rec);
  for (size_t i = 0; i < G_N_ELEMENTS (names); i++)
    if (!has_text (&rec, names[i], (int) fig.width, (int) fig.height))
      g_error ("the tree diagram lacks \"%s\"", names[i]);
  dln_figure_record_clear (&rec);
  dln_figure_instance_clear (&fig);
}

/* D16: the predicted RSM of the catalogue is core's theory to the bit, at
 * the chosen epoch. */
static void
test_rsm_predicted (void)
{
  const char *kv[] = { "epoch", "100", NULL };
  g_autofree char *csv = dln_test_entry_csv ("rsm-predicted", kv);
  g_auto (GStrv) lines = g_strsplit (csv, "\n", -1);
  DlnCourseParams params;
  DlnCourseResult res;
  DlnCourseCache *cache = dln_course_cache_new ();
  DlnDataset *ds = NULL;
  DlnMessage msg = { 0 };
  size_t P;

  dln_course_params_init (&params);
  params.theory = true;
  g_assert_cmpint (dln_dataset_new_builtin ("tree", params.init_seed, &ds,
                                            &msg), ==, DLN_STATUS_OK);
  dln_course_params_track_dataset (&params, ds);
  g_assert_cmpint (dln_course_run (&params, ds, cache, &res, &msg), ==,
                   DLN_STATUS_OK);
  P = ds->n_items;
  g_assert_true (g_str_has_prefix (lines[0], "item,Goldfish,"));
  for (size_t i = 0; i < P; i++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[1 + i], ",", -1);

      g_assert_cmpstr (cells[0], ==, ds->item_names[i]);
      for (size_t j = 0; j < P; j++)
        g_assert_cmpfloat (g_ascii_strtod (cells[1 + j], NULL), ==,
                           res.rsm_predicted[100 * P * P + i * P + j]);
    }
  dln_course_cache_free (cache);
  dln_dataset_free (ds);
}

/* D13: equal ±1 columns are grouped, most common first, with counts.
 * 3 items × 7 columns, by hand: (+,+,+) ×3, (−,+,−) ×2, (+,−,−) ×1 and
 * (−,−,−) ×1 (first seen first among the singles). */
static void
test_pattern_summary (void)
{
  static const double y[3 * 7] = {
     1, -1,  1,  1, -1,  1, -1,
     1,  1,  1, -1,  1,  1, -1,
     1, -1,  1, -1, -1,  1, -1,
  };
  double shown[3 * 3];
  size_t counts[3];
  DlnPatternSummary sum;
  double bad[2] = { 1, 0.5 };

  g_assert_true (dln_dataset_pattern_summary (y, 3, 7, 3, shown, counts, &sum));
  g_assert_cmpuint (sum.n_columns, ==, 7);
  g_assert_cmpuint (sum.n_patterns, ==, 4);
  g_assert_cmpuint (sum.n_shown, ==, 3);
  g_assert_cmpuint (sum.covered, ==, 6);
  g_assert_cmpuint (counts[0], ==, 3);
  g_assert_cmpuint (counts[1], ==, 2);
  g_assert_cmpuint (counts[2], ==, 1);
  /* columns: (+,+,+), (−,+,−), (+,−,−); rows are items */
  g_assert_cmpfloat (shown[0 * 3 + 0], ==, 1);
  g_assert_cmpfloat (shown[1 * 3 + 0], ==, 1);
  g_assert_cmpfloat (shown[2 * 3 + 0], ==, 1);
  g_assert_cmpfloat (shown[0 * 3 + 1], ==, -1);
  g_assert_cmpfloat (shown[1 * 3 + 1], ==, 1);
  g_assert_cmpfloat (shown[2 * 3 + 1], ==, -1);
  g_assert_cmpfloat (shown[0 * 3 + 2], ==, 1);
  g_assert_cmpfloat (shown[1 * 3 + 2], ==, -1);
  g_assert_cmpfloat (shown[2 * 3 + 2], ==, -1);
  /* not ±1: refused */
  g_assert_false (dln_dataset_pattern_summary (bad, 1, 2, 2, shown, counts, &sum));
}

/* The tree generator's 10000 columns: the counts of all patterns add up
 * to N, and the most common ones are the tree's (all items equal, or
 * split along a branch) rather than a haphazard first few columns. */
static void
test_pattern_summary_tree (void)
{
  DlnTreeParams tree;
  DlnDataset *ds = NULL;
  double *shown = g_new (double, 8 * 256);
  size_t counts[256], total = 0;
  DlnPatternSummary sum;

  dln_tree_params_init (&tree);
  g_assert_cmpint (dln_dataset_new_tree (&tree, &ds, NULL), ==, DLN_STATUS_OK);
  g_assert_true (dln_dataset_pattern_summary (ds->y->data, 8, ds->n_features,
                                              256, shown, counts, &sum));
  g_assert_cmpuint (sum.n_shown, ==, sum.n_patterns);
  g_assert_cmpuint (sum.n_patterns, <=, 256);
  for (size_t k = 0; k < sum.n_shown; k++)
    {
      total += counts[k];
      if (k > 0)
        g_assert_cmpuint (counts[k], <=, counts[k - 1]);
    }
  g_assert_cmpuint (total, ==, ds->n_features);
  g_assert_cmpuint (sum.covered, ==, ds->n_features);
  dln_dataset_free (ds);
  g_free (shown);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/figures-deep-linear/register-points", test_register_points);
  g_test_add_func ("/dln/headless/figures-deep-linear/dataset-cells", test_dataset_cells);
  g_test_add_func ("/dln/headless/figures-deep-linear/dynamics-pixels", test_dynamics_pixels);
  g_test_add_func ("/dln/headless/figures-deep-linear/regression-indicator", test_regression_indicator);
  g_test_add_func ("/dln/headless/figures-deep-linear/svd-panels", test_svd_panels);
  g_test_add_func ("/dln/headless/figures-deep-linear/dynamics-converges", test_dynamics_converges_to_data);
  g_test_add_func ("/dln/headless/figures-deep-linear/illusory-swing", test_illusory_swing);
  g_test_add_func ("/dln/headless/figures-deep-linear/regression-agrees", test_regression_agrees);
  g_test_add_func ("/dln/headless/figures-deep-linear/init-curves", test_init_curves);
  g_test_add_func ("/dln/headless/figures-deep-linear/overlay-legend", test_overlay_legend);
  g_test_add_func ("/dln/headless/figures-deep-linear/tree-diagram", test_tree_diagram);
  g_test_add_func ("/dln/headless/figures-deep-linear/rsm-predicted", test_rsm_predicted);
  g_test_add_func ("/dln/headless/figures-deep-linear/all-entries-render", test_all_entries_render);
  g_test_add_func ("/dln/headless/figures-deep-linear/pattern-summary", test_pattern_summary);
  g_test_add_func ("/dln/headless/figures-deep-linear/pattern-summary-tree",
                   test_pattern_summary_tree);
  return g_test_run ();
}
