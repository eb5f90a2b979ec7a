/* D06: the 2-D loss landscape of ŷ = w₁w₂x (log-loss filled contours,
 * −∇L field, descent trajectories, the solution hyperbola w₁w₂ = c and the
 * saddle); D07: the same loss as a 3-D surface with descent paths. */

#define G_LOG_DOMAIN "dln-figure-landscape"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-figure-gradients.h"
#include "dln-plot-bands.h"

#include <glib.h>

#include <math.h>

/* D06 quiver rule (docs/demos.md): an arrow is |g| / min (40·|g|, 50) of the
 * plot width long, i.e. a constant 1/40 up to |g| = 50/40 and |g|/50 of
 * the width beyond; colour is plasma at |g|, saturating at 1. */
#define QUIVER_SHORT_FRACTION (1.0 / 40.0)
#define QUIVER_LONG_SCALE     50.0
#define QUIVER_KNEE           (QUIVER_LONG_SCALE / 40.0)
#define QUIVER_SATURATION     1.0
/* Smallest plot width (in font sizes) that still takes the legend. */
#define LEGEND_MIN_PLOT       28.0

/* --- Paths and grids of both figures --- */

/* Sets @p to a copy of the @n points (@w1[i], @w2[i]). */
static void
path_copy (DlnLandscapePath *p,
           const double     *w1,
           const double     *w2,
           size_t            n)
{
  p->n = n;
  p->w1 = g_memdup2 (w1, MAX (n, 1) * sizeof (double));
  p->w2 = g_memdup2 (w2, MAX (n, 1) * sizeof (double));
}

static void
paths_free (DlnLandscapePath *paths,
            size_t            n)
{
  for (size_t k = 0; k < n; k++)
    {
      g_free (paths[k].w1);
      g_free (paths[k].w2);
    }
}

/* Spacing of an @ng-point grid over [@lo, @hi]. */
static double
grid_step (double lo,
           double hi,
           size_t ng)
{
  return ng > 1 ? (hi - lo) / (double) (ng - 1) : 0.0;
}

/* --- D06 data --- */

/* its arrays follow the struct in one block, aligned by the struct's size */
G_STATIC_ASSERT (sizeof (DlnLandscapeData) % G_ALIGNOF (double) == 0);

DlnLandscapeData *
dln_landscape_data_new (size_t ng,
                        size_t n_arrows)
{
  /* one block: the struct, the loss grid, then the arrows' four arrays
   * (the trajectories, added later, are allocated apart) */
  DlnLandscapeData *data = g_malloc0 (sizeof *data
                                      + (ng * ng + 4 * n_arrows)
                                        * sizeof (double));

  data->ng = ng;
  data->loss = (double *) (data + 1);
  data->n_arrows = n_arrows;
  data->gx = data->loss + ng * ng;
  data->gy = data->gx + n_arrows;
  data->g1 = data->gy + n_arrows;
  data->g2 = data->g1 + n_arrows;
  data->lo = -1.9;
  data->hi = 1.9;
  data->log_offset = 0.001;
  data->n_levels = 100;
  data->c = NAN;
  data->saddle_w1 = NAN;
  data->saddle_w2 = NAN;
  data->lr = NAN;
  data->show_loss = data->show_vectors = true;
  data->show_trajectories = data->show_solutions = true;
  data->show_legend = true;
  return data;
}

bool
dln_landscape_data_add_trajectory (DlnLandscapeData *data,
                                   const double     *w1,
                                   const double     *w2,
                                   size_t            n)
{
  if (data->n_traj >= DLN_LANDSCAPE_MAX_TRAJECTORIES)
    return false;
  path_copy (&data->traj[data->n_traj++], w1, w2, n);
  return true;
}

void
dln_landscape_data_free (DlnLandscapeData *data)
{
  if (data == NULL)
    return;
  paths_free (data->traj, data->n_traj);
  g_free (data);
}

/* --- D06 rendering --- */

static double
product (double w1,
         double w2,
         void  *user)
{
  return w1 * w2;
}

static void
draw_arrows (DlnAxes                *ax,
             const DlnFigureStyle   *style,
             const DlnLandscapeData *data)
{
  g_autofree double *x = g_new (double, MAX (data->n_arrows, 1));
  g_autofree double *y = g_new (double, MAX (data->n_arrows, 1));
  g_autofree double *u = g_new (double, MAX (data->n_arrows, 1));
  g_autofree double *v = g_new (double, MAX (data->n_arrows, 1));

  /* two passes, one per branch of the length rule */
  for (int pass = 0; pass < 2; pass++)
    {
      DlnQuiverStyle q = { 0 };
      size_t n = 0;

      for (size_t k = 0; k < data->n_arrows; k++)
        {
          double g = hypot (data->g1[k], data->g2[k]);

          if (!isfinite (g) || (pass == 0) != (g <= QUIVER_KNEE))
            continue;
          x[n] = data->gx[k];
          y[n] = data->gy[k];
          u[n] = -data->g1[k];  /* descent direction */
          v[n] = -data->g2[k];
          n++;
        }
      if (n == 0)
        continue;
      q.use_map = true;
      q.halo = true;  /* plasma's yellow vanishes on the map's pale band */
      q.cs = (DlnColorScale) { DLN_COLORMAP_PLASMA, 0.0, QUIVER_SATURATION,
                               false };
      if (pass == 0)
        {
          q.normalise = true;
          q.ref = 0.0;
          q.length = QUIVER_SHORT_FRACTION * ax->plot.width;
        }
      else
        {
          q.normalise = false;
          q.ref = QUIVER_LONG_SCALE;
          q.length = ax->plot.width;
        }
      dln_axes_quiver (ax, x, y, u, v, n, &q);
    }
}

static void
draw_trajectory (DlnAxes              *ax,
                 const DlnFigureStyle *style,
                 const DlnLandscapePath  *t,
                 bool                  legend)
{
  g_autofree DlnRgba *colors = g_new (DlnRgba, MAX (t->n, 1));
  DlnSeriesStyle line, dots;
  ssize_t first = -1, last = -1;

  for (size_t i = 0; i < t->n; i++)
    {
      /* epochs on a grey ramp, light (early) to dark (late); the ramp
       * starts at 0.25 so the first dots still show on a pale background */
      double tt = t->n > 1 ? (double) i / (double) (t->n - 1) : 1.0;

      colors[i] = dln_colormap_eval (DLN_COLORMAP_GREYS, 0.25 + 0.75 * tt);
      if (isfinite (t->w1[i]) && isfinite (t->w2[i]))
        {
          if (first < 0)
            first = (ssize_t) i;
          last = (ssize_t) i;
        }
    }
  if (first < 0)
    return;

  /* a faint connecting line, broken at non-finite points */
  dln_series_style_init (&line, style, DLN_COLOR_BLACK);
  line.line_width = 0.8;
  line.color.a = 0.45;
  line.no_diverged = false;
  dln_axes_line (ax, t->w1, t->w2, t->n, &line);

  dln_series_style_init (&dots, style, DLN_COLOR_BLACK);
  dots.marker = DLN_MARKER_CIRCLE;
  dots.marker_size = style->marker_size * 0.75;
  dots.line_width = -1;
  if (legend)
    dots.label = N_("epochs (light \xe2\x86\x92 dark)");
  dln_axes_scatter (ax, t->w1, t->w2, t->n, &dots, colors);

  /* start on top in blue, end as a red × */
  dln_axes_marker (ax, t->w1[first], t->w2[first], DLN_MARKER_CIRCLE,
                   style->marker_size * 1.3,
                   dln_figure_style_color (style, DLN_COLOR_BLUE), false);
  dln_axes_marker (ax, t->w1[last], t->w2[last], DLN_MARKER_CROSS,
                   style->marker_size * 1.8,
                   dln_figure_style_color (style, DLN_COLOR_VERMILLION),
                   false);
}

void
dln_figure_landscape_render (cairo_t                *cr,
                             const DlnFigureStyle   *style,
                             const DlnLandscapeData *data,
                             double                  width,
                             double                  height,
                             DlnFigureGeometry      *geom)
{
  DlnColorScale cs = { .map = DLN_COLORMAP_COOLWARM };
  DlnAxes ax;
  double cbw = 0.0, gap = style->padding * 1.5;
  bool loss = data->show_loss && data->ng >= 2;
  g_autofree double *logl = NULL;

  dln_figure_begin (cr, style, width, height, geom);

  if (loss)
    {
      double lo = INFINITY, hi = -INFINITY;

      logl = g_new (double, data->ng * data->ng);
      for (size_t i = 0; i < data->ng * data->ng; i++)
        {
          logl[i] = log (data->loss[i] + data->log_offset);
          if (isfinite (logl[i]))
            {
              lo = MIN (lo, logl[i]);
              hi = MAX (hi, logl[i]);
            }
        }
      loss = lo < hi;
      cs.vmin = lo;
      cs.vmax = hi;
      if (loss)
        cbw = dln_colorbar_width (cr, style, width, "\xe2\x88\x92" "6", true);
    }

  dln_axes_init_square (&ax, cr, style, width, height,
                        loss ? cbw + gap : 0.0);
  g_strlcpy (ax.name, "landscape", sizeof ax.name);
  if (data->title[0] != '\0')
    dln_axes_set_title (&ax, data->title);
  dln_axes_set_xlabel (&ax, "w\xe2\x82\x81");
  dln_axes_set_ylabel (&ax, "w\xe2\x82\x82");
  dln_axes_set_xrange (&ax, data->lo, data->hi);
  dln_axes_set_yrange (&ax, data->lo, data->hi);
  dln_axes_begin (&ax);

  if (loss)
    {
      g_autofree double *levels = g_new (double, data->n_levels + 1);
      DlnGrid grid = {
        .z = logl, .nx = data->ng, .ny = data->ng,
        .x_min = data->lo, .x_max = data->hi,
        .y_min = data->lo, .y_max = data->hi,
      };

      dln_levels_linear (levels, data->n_levels + 1, cs.vmin, cs.vmax);
      dln_axes_contour_filled_image (&ax, &grid, levels, data->n_levels + 1, &cs);
    }

  if (data->show_vectors && data->n_arrows > 0)
    {
      DlnSeriesStyle s;

      draw_arrows (&ax, style, data);
      dln_series_style_init (&s, style, DLN_COLOR_ORANGE);
      s.color = dln_colormap_eval (DLN_COLORMAP_PLASMA, 0.5);
      s.label = N_("\xe2\x88\x92\xe2\x88\x87L (colour: |\xe2\x88\x87L|)");
      dln_axes_legend_add (&ax, &s, 0);
    }

  if (data->show_solutions && isfinite (data->c))
    {
      DlnSeriesStyle halo, s;
      char label[96];

      /* a background-coloured halo keeps the blue curve readable on the
       * blue (low-loss) valley it runs along */
      dln_series_style_init (&halo, style, DLN_COLOR_BLACK);
      halo.color = style->background;
      halo.line_width = style->line_width * 2.6;
      dln_axes_implicit (&ax, product, NULL, data->c, 240, &halo);
      dln_series_style_init (&s, style, DLN_COLOR_BLUE);
      s.line_width = style->line_width * 1.25;
      g_snprintf (label, sizeof label,
                  "solutions w\xe2\x82\x81w\xe2\x82\x82 = %g", data->c);
      s.label = label;
      dln_axes_implicit (&ax, product, NULL, data->c, 240, &s);
    }

  if (data->show_trajectories)
    {
      for (size_t k = 0; k < data->n_traj; k++)
        draw_trajectory (&ax, style, &data->traj[k], k == 0);
      if (data->n_traj > 0)
        {
          DlnSeriesStyle s;

          dln_series_style_init (&s, style, DLN_COLOR_BLUE);
          s.marker = DLN_MARKER_CIRCLE;
          s.line_width = -1;
          s.label = N_("start");
          dln_axes_legend_add (&ax, &s, 2);
          dln_series_style_init (&s, style, DLN_COLOR_VERMILLION);
          s.marker = DLN_MARKER_CROSS;
          s.line_width = -1;
          s.label = N_("end");
          dln_axes_legend_add (&ax, &s, 2);
        }
    }

  if (isfinite (data->saddle_w1) && isfinite (data->saddle_w2))
    {
      DlnSeriesStyle s;

      dln_axes_marker (&ax, data->saddle_w1, data->saddle_w2,
                       DLN_MARKER_DIAMOND, style->marker_size * 1.7,
                       style->foreground, false);
      dln_series_style_init (&s, style, DLN_COLOR_BLACK);
      s.marker = DLN_MARKER_DIAMOND;
      s.line_width = -1;
      s.label = N_("saddle");
      dln_axes_legend_add (&ax, &s, 2);
    }

  /* six entries cover a small plot (a 3.5-inch column) entirely: there
   * the caption has to carry them */
  dln_axes_legend (&ax, data->show_legend
                        && ax.plot.width >= LEGEND_MIN_PLOT * style->font_size
                        ? DLN_LEGEND_AUTO : DLN_LEGEND_NONE);
  dln_axes_end (&ax, geom);

  if (loss)
    dln_axes_colorbar_right (&ax, gap, cbw, &cs, "log (Loss)");
  cairo_restore (cr);
}

static void
csv_row (FILE       *out,
         const char *kind,
         size_t      index,
         double      w1,
         double      w2,
         double      loss,
         double      g1,
         double      g2)
{
  const double v[] = { w1, w2, loss, g1, g2 };

  fprintf (out, "%s,%zu", kind, index);
  for (size_t i = 0; i < G_N_ELEMENTS (v); i++)
    {
      fputc (',', out);
      if (!isnan (v[i]) || i < 2)
        dln_csv_write_double (out, v[i]);
    }
  fputc ('\n', out);
}

DlnStatus
dln_figure_landscape_csv (FILE       *out,
                          const void *data_,
                          DlnMessage *msg)
{
  const DlnLandscapeData *data = data_;
  double step = grid_step (data->lo, data->hi, data->ng);

  fputs ("kind,index,w1,w2,loss,g1,g2\n", out);
  for (size_t j = 0; j < data->ng; j++)
    for (size_t i = 0; i < data->ng; i++)
      csv_row (out, "grid", j * data->ng + i, data->lo + step * (double) i,
               data->lo + step * (double) j, data->loss[j * data->ng + i],
               NAN, NAN);
  for (size_t k = 0; k < data->n_arrows; k++)
    csv_row (out, "arrow", k, data->gx[k], data->gy[k], NAN, data->g1[k],
             data->g2[k]);
  for (size_t t = 0; t < data->n_traj; t++)
    {
      char kind[16];

      g_snprintf (kind, sizeof kind, "traj%zu", t);
      for (size_t i = 0; i < data->traj[t].n; i++)
        csv_row (out, kind, i, data->traj[t].w1[i], data->traj[t].w2[i],
                 NAN, NAN, NAN);
    }
  return dln_csv_finish (out, "landscape", msg);
}

/* --- D07 --- */

/* its arrays follow the struct in one block, aligned by the struct's size */
G_STATIC_ASSERT (sizeof (DlnSurface3DData) % G_ALIGNOF (double) == 0);

DlnSurface3DData *
dln_surface3d_data_new (size_t ng)
{
  /* one block: the struct, then the surface (the paths, added later, are
   * allocated apart) */
  DlnSurface3DData *data = g_malloc0 (sizeof *data
                                      + ng * ng * sizeof (double));

  data->ng = ng;
  data->z = (double *) (data + 1);
  data->lo = -1.9;
  data->hi = 1.9;
  data->view = (DlnView3D) { .azimuth = 260.0, .elevation = 45.0 };
  data->alpha = 0.5;
  return data;
}

bool
dln_surface3d_data_add_path (DlnSurface3DData *data,
                             const double     *w1,
                             const double     *w2,
                             const double     *z,
                             size_t            n)
{
  size_t k = data->n_paths;

  if (k >= DLN_LANDSCAPE_MAX_TRAJECTORIES)
    return false;
  path_copy (&data->path[k], w1, w2, n);
  data->path_z[k] = g_memdup2 (z, MAX (n, 1) * sizeof (double));
  data->n_paths++;
  return true;
}

void
dln_surface3d_data_free (DlnSurface3DData *data)
{
  if (data == NULL)
    return;
  paths_free (data->path, data->n_paths);
  for (size_t k = 0; k < data->n_paths; k++)
    g_free (data->path_z[k]);
  g_free (data);
}

void
dln_figure_surface3d_render (cairo_t                *cr,
                             const DlnFigureStyle   *style,
                             const DlnSurface3DData *data,
                             double                  width,
                             double                  height,
                             DlnFigureGeometry      *geom)
{
  DlnColorScale cs = { .map = DLN_COLORMAP_COOLWARM };
  DlnAxes3D ax;
  double zlo = INFINITY, zhi = -INFINITY, top;
  DlnGrid grid = {
    .z = data->z, .nx = data->ng, .ny = data->ng,
    .x_min = data->lo, .x_max = data->hi,
    .y_min = data->lo, .y_max = data->hi,
  };

  dln_figure_begin (cr, style, width, height, geom);
  top = dln_figure_suptitle (cr, style, data->title, width);

  for (size_t i = 0; i < data->ng * data->ng; i++)
    if (isfinite (data->z[i]))
      {
        zlo = MIN (zlo, data->z[i]);
        zhi = MAX (zhi, data->z[i]);
      }
  if (!(zlo < zhi))
    {
      zlo = 0.0;
      zhi = 1.0;
    }
  cs.vmin = zlo;
  cs.vmax = zhi;

  dln_axes3d_init (&ax, cr, style,
                   (DlnRect) { style->padding, top + style->padding,
                               width - 2 * style->padding,
                               height - top - 2 * style->padding },
                   data->view, data->lo, data->hi, data->lo, data->hi,
                   zlo, zhi);
  g_strlcpy (ax.panel.name, "surface", sizeof ax.panel.name);
  if (data->ng >= 2)
    {
      size_t n_points = 0, m = 0;
      DlnPoint3D *points;

      for (size_t k = 0; k < data->n_paths; k++)
        n_points += data->path[k].n;
      points = g_new (DlnPoint3D, MAX (n_points, 1));
      /* the course's black dots (foreground: light grey on dark), in
       * depth order with the surface so what a hill hides stays hidden */
      for (size_t k = 0; k < data->n_paths; k++)
        for (size_t i = 0; i < data->path[k].n; i++)
          points[m++] = (DlnPoint3D) {
            data->path[k].w1[i], data->path[k].w2[i], data->path_z[k][i],
            style->foreground, DLN_MARKER_CIRCLE, style->marker_size * 0.9,
          };
      dln_axes3d_surface_points (&ax, &grid, &cs, data->alpha, points, m);
      g_free (points);
    }
  dln_axes3d_end (&ax, geom);
  cairo_restore (cr);
}

DlnStatus
dln_figure_surface3d_csv (FILE       *out,
                          const void *data_,
                          DlnMessage *msg)
{
  const DlnSurface3DData *data = data_;
  double step = grid_step (data->lo, data->hi, data->ng);

  fputs ("kind,index,w1,w2,z\n", out);
  for (size_t j = 0; j < data->ng; j++)
    for (size_t i = 0; i < data->ng; i++)
      {
        fprintf (out, "grid,%zu,", j * data->ng + i);
        dln_csv_write_doubles (out, (const double[]) {
          data->lo + step * (double) i, data->lo + step * (double) j,
          data->z[j * data->ng + i] }, 3);
        fputc ('\n', out);
      }
  for (size_t k = 0; k < data->n_paths; k++)
    for (size_t i = 0; i < data->path[k].n; i++)
      {
        fprintf (out, "path%zu,%zu,", k, i);
        dln_csv_write_doubles (out, (const double[]) {
          data->path[k].w1[i], data->path[k].w2[i], data->path_z[k][i] }, 3);
        fputc ('\n', out);
      }
  return dln_csv_finish (out, "surface", msg);
}
