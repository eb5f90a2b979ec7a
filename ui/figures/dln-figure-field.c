/* Fields on an axes: matrix images and heatmaps, colour bars, contour
 * lines and filled contours (marching squares), quivers, implicit
 * curves. (Just over 800 lines: each of these is a short section.) */

#include "config.h"

#include "dln-figure-field.h"
#include "dln-plot-series.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- Images --- */

/* Starts stroking lines @lw wide with round caps, clipped to the plot
 * (the caller restores @cr); FALSE before dln_axes_begin (). */
static bool
stroke_begin (DlnAxes *ax,
              double   lw)
{
  if (!ax->begun)
    return false;
  cairo_save (ax->cr);
  dln_axes_clip_plot (ax);
  cairo_set_line_width (ax->cr, lw);
  cairo_set_line_cap (ax->cr, CAIRO_LINE_CAP_ROUND);
  return true;
}

static uint32_t
argb (DlnRgba c)
{
  /* Premultiplied, as cairo's ARGB32 wants. */
  double a = c.a;

  return ((uint32_t) lround (a * 255) << 24)
         | ((uint32_t) lround (c.r * a * 255) << 16)
         | ((uint32_t) lround (c.g * a * 255) << 8)
         | (uint32_t) lround (c.b * a * 255);
}

/* Paints a rows x cols colour image (row 0 at the top) onto the user
 * rectangle (x, y, w, h), nearest-neighbour so cells stay crisp in PNG,
 * SVG and PDF alike. */
static void
paint_cells (cairo_t       *cr,
             const double  *v,
             size_t         rows,
             size_t         cols,
             bool           flip_rows,
             const DlnColorScale *cs,
             double         x,
             double         y,
             double         w,
             double         h)
{
  cairo_surface_t *img;
  cairo_pattern_t *pat;
  cairo_matrix_t m;
  unsigned char *data;
  int stride;

  if (rows == 0 || cols == 0 || rows > 32767 || cols > 32767)
    return;
  img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) cols,
                                    (int) rows);
  if (cairo_surface_status (img) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (img);
      return;
    }
  cairo_surface_flush (img);
  data = cairo_image_surface_get_data (img);
  stride = cairo_image_surface_get_stride (img);
  for (size_t r = 0; r < rows; r++)
    {
      uint32_t *row = (uint32_t *) (data + (size_t) stride * r);
      size_t src = flip_rows ? rows - 1 - r : r;

      for (size_t c = 0; c < cols; c++)
        row[c] = argb (dln_color_scale_eval (cs, v[src * cols + c]));
    }
  cairo_surface_mark_dirty (img);
  cairo_save (cr);
  pat = cairo_pattern_create_for_surface (img);
  cairo_pattern_set_filter (pat, CAIRO_FILTER_NEAREST);
  cairo_matrix_init_scale (&m, (double) cols / w, (double) rows / h);
  cairo_matrix_translate (&m, -x, -y);
  cairo_pattern_set_matrix (pat, &m);
  cairo_set_source (cr, pat);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
  cairo_pattern_destroy (pat);
  cairo_restore (cr);
  cairo_surface_destroy (img);
}

void
dln_axes_matrix (DlnAxes             *ax,
                 const double        *m,
                 size_t               rows,
                 size_t               cols,
                 const DlnColorScale *cs)
{
  double x0, x1, y0, y1;

  if (!ax->begun)
    return;
  x0 = dln_axes_px (ax, -0.5);
  x1 = dln_axes_px (ax, (double) cols - 0.5);
  y0 = dln_axes_py (ax, -0.5, false);
  y1 = dln_axes_py (ax, (double) rows - 0.5, false);
  cairo_save (ax->cr);
  dln_axes_clip_plot (ax);
  /* IMAGE panels put row 0 on top (y0 < y1); XY panels the other way. */
  paint_cells (ax->cr, m, rows, cols, y0 > y1, cs, fmin (x0, x1),
               fmin (y0, y1), fabs (x1 - x0), fabs (y1 - y0));
  cairo_restore (ax->cr);
}

void
dln_axes_heatmap (DlnAxes             *ax,
                  const DlnGrid       *grid,
                  const DlnColorScale *cs)
{
  double dx, dy, x0, x1, y0, y1;

  if (!ax->begun || grid->nx < 2 || grid->ny < 2)
    return;
  dx = (grid->x_max - grid->x_min) / (double) (grid->nx - 1);
  dy = (grid->y_max - grid->y_min) / (double) (grid->ny - 1);
  x0 = dln_axes_px (ax, grid->x_min - 0.5 * dx);
  x1 = dln_axes_px (ax, grid->x_max + 0.5 * dx);
  y0 = dln_axes_py (ax, grid->y_min - 0.5 * dy, false);
  y1 = dln_axes_py (ax, grid->y_max + 0.5 * dy, false);
  if (!(isfinite (x0) && isfinite (x1) && isfinite (y0) && isfinite (y1)))
    return;
  cairo_save (ax->cr);
  dln_axes_clip_plot (ax);
  /* Grid row j = 0 is y_min: at the bottom on an XY panel. */
  paint_cells (ax->cr, grid->z, grid->ny, grid->nx, y0 > y1, cs,
               fmin (x0, x1), fmin (y0, y1), fabs (x1 - x0), fabs (y1 - y0));
  cairo_restore (ax->cr);
}

/* --- Colour bars --- */

double
dln_colorbar_width (cairo_t              *cr,
                    const DlnFigureStyle *style,
                    double                figure_width,
                    const char           *sample,
                    bool                  has_label)
{
  /* The bar is 30 % of the width returned here, 10 ... 24 units. */
  double bar = fmax (10.0, fmin (0.04 * figure_width, 24.0)), tw = 0, th = 0;

  if (sample != NULL)
    dln_figure_text_size (cr, style, sample, false, style->font_size, false,
                          &tw, &th);
  if (has_label)
    dln_figure_text_size (cr, style, "Ag", false,
                          style->font_size * style->label_scale, false, NULL,
                          &th);
  else
    th = 0;
  return fmax (bar / 0.3, bar + style->tick_length + 0.4 * style->font_size
                             + tw + (has_label ? 0.6 * style->font_size + th : 0)
                             + style->padding);
}

double
dln_colorbar_value_y (const DlnFigureStyle *style,
                      DlnRect               r,
                      const DlnColorScale  *cs,
                      double                v)
{
  double top = r.y + style->padding, bottom = r.y + r.height - style->padding;
  double t = cs->log ? (log10 (v) - log10 (cs->vmin))
                           / (log10 (cs->vmax) - log10 (cs->vmin))
                     : (v - cs->vmin) / (cs->vmax - cs->vmin);

  return bottom - t * (bottom - top);
}

void
dln_colorbar (cairo_t              *cr,
              const DlnFigureStyle *style,
              DlnRect               r,
              const DlnColorScale  *cs,
              const char           *label,
              const char *const    *tick_labels,
              int                   n_ticks)
{
  double fs = style->font_size, lfs = fs * style->label_scale;
  double bar = fmax (10.0, fmin (0.3 * r.width, 24.0));
  double top = r.y + style->padding, bottom = r.y + r.height - style->padding;
  double h = bottom - top, x = r.x, lab_right = x + bar;
  double v[256];
  DlnTicks ticks;

  if (h <= 0)
    return;
  /* 256 steps from vmax (top row) down to vmin. */
  for (int i = 0; i < 256; i++)
    {
      double t = 1.0 - i / 255.0;

      v[i] = cs->log ? pow (10.0, log10 (cs->vmin)
                                      + t * (log10 (cs->vmax) - log10 (cs->vmin)))
                     : cs->vmin + t * (cs->vmax - cs->vmin);
    }
  cairo_save (cr);
  paint_cells (cr, v, 256, 1, false, cs, x, top, bar, h);
  dln_color_set_source (cr, style->foreground, 1.0);
  cairo_set_line_width (cr, style->axis_width);
  cairo_rectangle (cr, x, top, bar, h);
  cairo_stroke (cr);

  if (n_ticks > 0 && tick_labels != NULL)
    {
      /* Categories: n flat blocks (the map's ends for two) instead of a
       * gradient, each labelled at its centre. */
      for (int i = 0; i < n_ticks; i++)
        {
          double t = n_ticks > 1 ? (double) i / (n_ticks - 1) : 0.5;

          dln_color_set_source (cr, dln_colormap_eval (cs->map, t), 1.0);
          cairo_rectangle (cr, x, bottom - (i + 1.0) / n_ticks * h, bar,
                           h / n_ticks);
          cairo_fill (cr);
        }
      dln_color_set_source (cr, style->foreground, 1.0);
      cairo_rectangle (cr, x, top, bar, h);
      cairo_stroke (cr);
      for (int i = 0; i < n_ticks; i++)
        {
          /* Custom labels sit at the centres of n equal bands (D13's no /
           * yes read at the two halves of a two-colour bar). */
          double py = bottom - (i + 0.5) / n_ticks * h;
          double tw;

          cairo_move_to (cr, x + bar, py);
          cairo_line_to (cr, x + bar + style->tick_length, py);
          cairo_stroke (cr);
          dln_figure_text (cr, style, tick_labels[i], true, fs, false,
                           x + bar + style->tick_length + 0.3 * fs, py,
                           DLN_ANCHOR_START, DLN_ANCHOR_CENTER, 0, true, &tw,
                           NULL);
          lab_right = fmax (lab_right, x + bar + style->tick_length
                                           + 0.3 * fs + tw);
        }
    }
  else if (n_ticks == 0)
    {
      int max_ticks = (int) (h / (2.6 * fs)) + 1;

      if (cs->log)
        dln_ticks_log (&ticks, cs->vmin, cs->vmax, max_ticks);
      else
        dln_ticks_linear (&ticks, cs->vmin, cs->vmax, max_ticks);
      for (size_t i = 0; i < ticks.n; i++)
        {
          double py = dln_colorbar_value_y (style, r, cs, ticks.value[i]), tw;

          cairo_move_to (cr, x + bar, py);
          cairo_line_to (cr, x + bar + style->tick_length, py);
          cairo_stroke (cr);
          dln_figure_text (cr, style, ticks.label[i], false, fs, false,
                           x + bar + style->tick_length + 0.3 * fs, py,
                           DLN_ANCHOR_START, DLN_ANCHOR_CENTER, 0, true, &tw,
                           NULL);
          lab_right = fmax (lab_right, x + bar + style->tick_length
                                           + 0.3 * fs + tw);
        }
    }
  if (label != NULL && label[0] != '\0')
    dln_figure_text (cr, style, label, true, lfs, false,
                     lab_right + 0.4 * fs, top + 0.5 * h, DLN_ANCHOR_CENTER,
                     DLN_ANCHOR_START, 90, true, NULL, NULL);
  cairo_restore (cr);
}

void
dln_axes_colorbar_right (const DlnAxes       *ax,
                         double               gap,
                         double               width,
                         const DlnColorScale *cs,
                         const char          *label)
{
  dln_colorbar (ax->cr, ax->style,
                (DlnRect) { ax->plot.x + ax->plot.width + gap, ax->plot.y,
                            width, ax->plot.height },
                cs, label, NULL, 0);
}

/* --- Marching squares --- */

static double
grid_x (const DlnGrid *g,
        double         i)
{
  return g->x_min + i * (g->x_max - g->x_min) / (double) (g->nx - 1);
}

static double
grid_y (const DlnGrid *g,
        double         j)
{
  return g->y_min + j * (g->y_max - g->y_min) / (double) (g->ny - 1);
}

/* The crossing on edge e of cell (i, j): 0 bottom (v0-v1), 1 right
 * (v1-v2), 2 top (v3-v2), 3 left (v0-v3). */
static void
edge_point (const DlnGrid *g,
            size_t         i,
            size_t         j,
            const double   v[4],
            int            e,
            double         level,
            double        *x,
            double        *y)
{
  double a, b, t;

  switch (e)
    {
    case 0:
      a = v[0], b = v[1];
      t = (level - a) / (b - a);
      *x = grid_x (g, (double) i + t);
      *y = grid_y (g, (double) j);
      break;
    case 1:
      a = v[1], b = v[2];
      t = (level - a) / (b - a);
      *x = grid_x (g, (double) i + 1);
      *y = grid_y (g, (double) j + t);
      break;
    case 2:
      a = v[3], b = v[2];
      t = (level - a) / (b - a);
      *x = grid_x (g, (double) i + t);
      *y = grid_y (g, (double) j + 1);
      break;
    default:
      a = v[0], b = v[3];
      t = (level - a) / (b - a);
      *x = grid_x (g, (double) i);
      *y = grid_y (g, (double) j + t);
      break;
    }
}

size_t
dln_contour_segments (const DlnGrid  *grid,
                      double          level,
                      DlnSegmentFunc  fn,
                      void           *user)
{
  /* Edge pairs per case (bit k set when corner k is above the level;
   * corners 0 (i, j), 1 (i+1, j), 2 (i+1, j+1), 3 (i, j+1)). Saddles 5
   * and 10 are resolved below. */
  static const int pairs[16][4] = {
    { -1, -1, -1, -1 }, { 3, 0, -1, -1 }, { 0, 1, -1, -1 }, { 3, 1, -1, -1 },
    { 1, 2, -1, -1 },   { -1, -1, -1, -1 }, { 0, 2, -1, -1 }, { 3, 2, -1, -1 },
    { 2, 3, -1, -1 },   { 0, 2, -1, -1 }, { -1, -1, -1, -1 }, { 1, 2, -1, -1 },
    { 1, 3, -1, -1 },   { 0, 1, -1, -1 }, { 3, 0, -1, -1 }, { -1, -1, -1, -1 },
  };
  size_t count = 0;

  if (grid->nx < 2 || grid->ny < 2 || !isfinite (level))
    return 0;
  for (size_t j = 0; j + 1 < grid->ny; j++)
    for (size_t i = 0; i + 1 < grid->nx; i++)
      {
        double v[4] = {
          grid->z[j * grid->nx + i], grid->z[j * grid->nx + i + 1],
          grid->z[(j + 1) * grid->nx + i + 1], grid->z[(j + 1) * grid->nx + i],
        };
        int c = 0, seg[4];

        if (!(isfinite (v[0]) && isfinite (v[1]) && isfinite (v[2])
              && isfinite (v[3])))
          continue;
        for (int k = 0; k < 4; k++)
          if (v[k] > level)
            c |= 1 << k;
        memcpy (seg, pairs[c], sizeof seg);
        if (c == 5 || c == 10)
          {
            /* Saddle: the centre (mean of the corners, the bilinear value
             * there) decides whether the above corners connect through
             * the middle; the segments then enclose the other pair. */
            bool centre_above = 0.25 * (v[0] + v[1] + v[2] + v[3]) > level;

            if ((c == 5) == centre_above)
              {
                /* segments around corners 1 and 3 */
                seg[0] = 0, seg[1] = 1, seg[2] = 2, seg[3] = 3;
              }
            else
              {
                /* segments around corners 0 and 2 */
                seg[0] = 3, seg[1] = 0, seg[2] = 1, seg[3] = 2;
              }
          }
        for (int s = 0; s < 4 && seg[s] >= 0; s += 2)
          {
            double x0, y0, x1, y1;

            edge_point (grid, i, j, v, seg[s], level, &x0, &y0);
            edge_point (grid, i, j, v, seg[s + 1], level, &x1, &y1);
            if (fn != NULL)
              fn (x0, y0, x1, y1, user);
            count++;
          }
      }
  return count;
}

typedef struct
{
  DlnAxes *ax;
  size_t   n;
  double   lx, ly;    /* label anchor: a segment near the middle */
  size_t   target;
} SegCtx;

static void
stroke_segment (double x0,
                double y0,
                double x1,
                double y1,
                void  *user)
{
  SegCtx *ctx = user;
  double a = dln_axes_px (ctx->ax, x0), b = dln_axes_py (ctx->ax, y0, false);
  double c = dln_axes_px (ctx->ax, x1), d = dln_axes_py (ctx->ax, y1, false);

  if (!(isfinite (a) && isfinite (b) && isfinite (c) && isfinite (d)))
    return;
  cairo_move_to (ctx->ax->cr, a, b);
  cairo_line_to (ctx->ax->cr, c, d);
  if (ctx->n == ctx->target)
    {
      ctx->lx = 0.5 * (a + c);
      ctx->ly = 0.5 * (b + d);
    }
  ctx->n++;
}

void
dln_axes_contour (DlnAxes              *ax,
                  const DlnGrid        *grid,
                  const double         *levels,
                  size_t                n,
                  const DlnSeriesStyle *s,
                  const DlnColorScale  *cs,
                  bool                  labelled)
{
  cairo_t *cr = ax->cr;
  double lw = s->line_width == 0 ? 0.6 * ax->style->line_width : s->line_width;

  if (!stroke_begin (ax, lw))
    return;
  dln_set_dash (cr, s->dash, lw);
  for (size_t k = 0; k < n; k++)
    {
      size_t total = dln_contour_segments (grid, levels[k], NULL, NULL);
      SegCtx ctx = { ax, 0, NAN, NAN, total / 2 };

      cairo_new_path (cr);
      dln_contour_segments (grid, levels[k], stroke_segment, &ctx);
      dln_color_set_source (cr, cs != NULL ? dln_color_scale_eval (cs, levels[k])
                                           : s->color, 1.0);
      cairo_stroke (cr);
      if (labelled && isfinite (ctx.lx))
        {
          char buf[32];
          double tw, th;

          snprintf (buf, sizeof buf, "%.3g", levels[k]);
          dln_figure_text_size (cr, ax->style, buf, false,
                                0.85 * ax->style->font_size, false, &tw, &th);
          dln_color_set_source (cr, ax->style->background, 0.8);
          cairo_rectangle (cr, ctx.lx - 0.5 * tw - 1, ctx.ly - 0.5 * th,
                           tw + 2, th);
          cairo_fill (cr);
          dln_color_set_source (cr, ax->style->foreground, 1.0);
          dln_figure_text (cr, ax->style, buf, false,
                           0.85 * ax->style->font_size, false, ctx.lx, ctx.ly,
                           DLN_ANCHOR_CENTER, DLN_ANCHOR_CENTER, 0, true, NULL,
                           NULL);
        }
    }
  cairo_restore (cr);
}

/* --- Filled contours ---
 * Each cell is split into four triangles meeting at its centre, whose
 * value is the corner mean (the bilinear interpolant's value there), the
 * same rule that resolves saddles in dln_contour_segments (). On a
 * triangle the field is linear, so a band [lo, hi) is an exact convex
 * polygon (Sutherland-Hodgman clipping in value). All polygons of one band
 * go into one path and are filled at once, so no seams show between cells
 * of a band; between two bands antialiasing can leave a faint hairline, as
 * matplotlib's contourf does. We measured stroking the band edges to hide
 * it at 5x the time (1.2 s for a 301 x 301 grid with 20 levels against
 * 0.25 s), so we don't; widgets wanting speed rasterise instead
 * (dln-plot-bands.h). */

typedef struct
{
  double x, y, v;
} Vtx;

/* Clips polygon @in (n vertices) to v >= t (@keep_above) or v < t. */
static size_t
clip_poly (const Vtx *in,
           size_t     n,
           double     t,
           bool       keep_above,
           Vtx       *out)
{
  size_t m = 0;

  for (size_t k = 0; k < n; k++)
    {
      const Vtx *a = &in[k], *b = &in[(k + 1) % n];
      bool ina = keep_above ? a->v >= t : a->v < t;
      bool inb = keep_above ? b->v >= t : b->v < t;

      if (ina)
        out[m++] = *a;
      if (ina != inb)
        {
          double f = (t - a->v) / (b->v - a->v);

          out[m].x = a->x + f * (b->x - a->x);
          out[m].y = a->y + f * (b->y - a->y);
          out[m].v = t;
          m++;
        }
    }
  return m;
}

static int
band_of (double        v,
         const double *levels,
         size_t        n)
{
  /* Band k covers [levels[k], levels[k+1]); below the first level is band
   * 0 and at or above the last is band n - 2. */
  int k = 0;

  while ((size_t) k + 2 < n && v >= levels[k + 1])
    k++;
  return k;
}

/* Adds the polygon of cell (i, j)'s part in band [lo, hi) to the path
 * (the four triangles around its centre, each clipped). */
static void
cell_band_path (DlnAxes       *ax,
                const DlnGrid *grid,
                size_t         i,
                size_t         j,
                double         lo,
                double         hi)
{
  cairo_t *cr = ax->cr;
  Vtx corner[4], centre, tri[3], a[8], b[8];

  for (int q = 0; q < 4; q++)
    {
      size_t ii = i + (q == 1 || q == 2), jj = j + (q >= 2);

      corner[q].x = dln_axes_px (ax, grid_x (grid, (double) ii));
      corner[q].y = dln_axes_py (ax, grid_y (grid, (double) jj), false);
      corner[q].v = grid->z[jj * grid->nx + ii];
    }
  centre.x = 0.25 * (corner[0].x + corner[1].x + corner[2].x + corner[3].x);
  centre.y = 0.25 * (corner[0].y + corner[1].y + corner[2].y + corner[3].y);
  centre.v = 0.25 * (corner[0].v + corner[1].v + corner[2].v + corner[3].v);
  for (int q = 0; q < 4; q++)
    {
      size_t m;

      tri[0] = corner[q];
      tri[1] = corner[(q + 1) % 4];
      tri[2] = centre;
      if (isfinite (lo))
        m = clip_poly (tri, 3, lo, true, a);
      else
        {
          memcpy (a, tri, sizeof tri);
          m = 3;
        }
      if (m < 3)
        continue;
      if (isfinite (hi))
        m = clip_poly (a, m, hi, false, b);
      else
        memcpy (b, a, m * sizeof *a);
      if (m < 3)
        continue;
      cairo_move_to (cr, b[0].x, b[0].y);
      for (size_t p = 1; p < m; p++)
        cairo_line_to (cr, b[p].x, b[p].y);
      cairo_close_path (cr);
    }
}

void
dln_axes_contour_filled (DlnAxes             *ax,
                         const DlnGrid       *grid,
                         const double        *levels,
                         size_t               n,
                         const DlnColorScale *cs)
{
  cairo_t *cr = ax->cr;
  size_t cells, total = 0, nb;
  int *kmin = NULL, *kmax = NULL;
  size_t *start = NULL, *fill = NULL, *list = NULL;

  if (!ax->begun || n < 2 || n > 30000 || grid->nx < 2 || grid->ny < 2)
    return;
  nb = n - 1;
  cells = (grid->nx - 1) * (grid->ny - 1);
  kmin = malloc (cells * sizeof *kmin);
  kmax = malloc (cells * sizeof *kmax);
  start = calloc (nb + 1, sizeof *start);
  fill = calloc (nb, sizeof *fill);
  if (kmin == NULL || kmax == NULL || start == NULL || fill == NULL)
    goto out;

  /* Each cell's band range, then the cells of every band in row-major
   * order (a counting sort), so drawing costs the number of (cell, band)
   * pairs, not bands x cells. */
  for (size_t j = 0; j + 1 < grid->ny; j++)
    for (size_t i = 0; i + 1 < grid->nx; i++)
      {
        size_t c = j * (grid->nx - 1) + i;
        double v[4] = {
          grid->z[j * grid->nx + i], grid->z[j * grid->nx + i + 1],
          grid->z[(j + 1) * grid->nx + i + 1], grid->z[(j + 1) * grid->nx + i],
        };

        if (!(isfinite (v[0]) && isfinite (v[1]) && isfinite (v[2])
              && isfinite (v[3])))
          {
            kmin[c] = 1;  /* empty range: skipped */
            kmax[c] = 0;
            continue;
          }
        kmin[c] = band_of (fmin (fmin (v[0], v[1]), fmin (v[2], v[3])),
                           levels, n);
        kmax[c] = band_of (fmax (fmax (v[0], v[1]), fmax (v[2], v[3])),
                           levels, n);
        for (int k = kmin[c]; k <= kmax[c]; k++)
          start[k + 1]++;
      }
  for (size_t k = 0; k < nb; k++)
    start[k + 1] += start[k];
  total = start[nb];
  list = malloc ((total > 0 ? total : 1) * sizeof *list);
  if (list == NULL)
    goto out;
  for (size_t c = 0; c < cells; c++)
    for (int k = kmin[c]; k <= kmax[c]; k++)
      list[start[k] + fill[k]++] = c;

  cairo_save (cr);
  dln_axes_clip_plot (ax);
  for (size_t k = 0; k < nb; k++)
    {
      double lo = k == 0 ? -INFINITY : levels[k];
      double hi = k + 1 == nb ? INFINITY : levels[k + 1];
      size_t p = start[k];

      if (p == start[k + 1])
        continue;
      cairo_new_path (cr);
      while (p < start[k + 1])
        {
          size_t c = list[p], i = c % (grid->nx - 1), j = c / (grid->nx - 1);

          if (kmin[c] == kmax[c])
            {
              /* A run of whole cells in this band along the row is one
               * rectangle: far fewer edges for cairo to rasterise. */
              size_t q = p + 1, i1;
              double x0, x1, y0, y1;

              while (q < start[k + 1] && list[q] == list[q - 1] + 1
                     && list[q] / (grid->nx - 1) == j
                     && kmin[list[q]] == kmax[list[q]])
                q++;
              i1 = i + (q - p);
              x0 = dln_axes_px (ax, grid_x (grid, (double) i));
              x1 = dln_axes_px (ax, grid_x (grid, (double) i1));
              y0 = dln_axes_py (ax, grid_y (grid, (double) j), false);
              y1 = dln_axes_py (ax, grid_y (grid, (double) j + 1), false);
              cairo_move_to (cr, x0, y0);
              cairo_line_to (cr, x1, y0);
              cairo_line_to (cr, x1, y1);
              cairo_line_to (cr, x0, y1);
              cairo_close_path (cr);
              p = q;
              continue;
            }
          cell_band_path (ax, grid, i, j, lo, hi);
          p++;
        }
      dln_color_set_source (cr, dln_color_scale_eval (cs, 0.5 * (levels[k]
                                                                 + levels[k + 1])),
                            1.0);
      cairo_fill (cr);
    }
  cairo_restore (cr);
out:
  free (kmin);
  free (kmax);
  free (start);
  free (fill);
  free (list);
}

void
dln_levels_linear (double *out,
                   size_t  n,
                   double  lo,
                   double  hi)
{
  for (size_t k = 0; k < n; k++)
    out[k] = n > 1 ? lo + (hi - lo) * (double) k / (double) (n - 1) : lo;
}

/* --- Quiver --- */

/* A quiver arrow's halo: this much wider on each side, user units, at
 * this opacity, dark under arrows of a luminance above HALO_LIGHT. */
#define HALO_WIDTH 0.9
#define HALO_ALPHA 0.8
#define HALO_LIGHT 0.15

/* Parts of an arrow's path. */
enum
{
  ARROW_SHAFT = 1 << 0,
  ARROW_HEAD  = 1 << 1,
};

/* @parts of an arrow from (@px, @py) along (@dx, @dy), @len long with a
 * head @head long, as one path (both parts: the halo's outline). */
static void
arrow_path (cairo_t  *cr,
            double    px,
            double    py,
            double    dx,
            double    dy,
            double    len,
            double    head,
            unsigned  parts)
{
  if (parts & ARROW_SHAFT)
    {
      cairo_move_to (cr, px, py);
      cairo_line_to (cr, px + dx * (len - 0.6 * head),
                     py + dy * (len - 0.6 * head));
    }
  if (parts & ARROW_HEAD)
    {
      dln_path_arrowhead (cr, px + dx * len, py + dy * len,
                          px + dx * (len - head), py + dy * (len - head),
                          -dy * 0.45 * head, dx * 0.45 * head);
    }
}

void
dln_axes_quiver (DlnAxes              *ax,
                 const double         *x,
                 const double         *y,
                 const double         *u,
                 const double         *v,
                 size_t                n,
                 const DlnQuiverStyle *q)
{
  cairo_t *cr = ax->cr;
  double lw = q->line_width > 0 ? q->line_width : 0.6 * ax->style->line_width;

  if (!stroke_begin (ax, lw))
    return;
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  for (size_t i = 0; i < n; i++)
    {
      double px = dln_axes_px (ax, x[i]), py = dln_axes_py (ax, y[i], false);
      /* Direction in pixels: a data step (u, v) from the base point. */
      double ex = dln_axes_px (ax, x[i] + u[i] * 1e-6) - px;
      double ey = dln_axes_py (ax, y[i] + v[i] * 1e-6, false) - py;
      double mag = hypot (u[i], v[i]), norm = hypot (ex, ey), len, head;
      double dx, dy;
      DlnRgba color;

      if (!(isfinite (px) && isfinite (py) && isfinite (mag) && mag > 0
            && norm > 0))
        continue;
      dx = ex / norm;
      dy = ey / norm;
      len = q->normalise || q->ref <= 0 ? q->length : q->length * mag / q->ref;
      len = fmax (len, q->min_length);
      head = fmin (fmax (0.3 * len, 2.5 * lw), 4 * lw + 4);
      color = q->use_map ? dln_color_scale_eval (&q->cs, mag) : q->color;
      if (q->halo)
        {
          /* under the arrow, its outline a little wider; a light arrow
           * (plasma's yellow on a pale band) gets a dark one */
          DlnRgba halo = dln_color_luminance (color) > HALO_LIGHT
                         ? (DlnRgba) { 0, 0, 0, 1 }
                         : (DlnRgba) { 1, 1, 1, 1 };

          dln_color_set_source (cr, halo, HALO_ALPHA);
          arrow_path (cr, px, py, dx, dy, len, head,
                      ARROW_SHAFT | ARROW_HEAD);
          cairo_set_line_width (cr, lw + 2 * HALO_WIDTH);
          cairo_stroke (cr);
          cairo_set_line_width (cr, lw);
        }
      dln_color_set_source (cr, color, 1.0);
      arrow_path (cr, px, py, dx, dy, len, head, ARROW_SHAFT);
      cairo_stroke (cr);
      arrow_path (cr, px, py, dx, dy, len, head, ARROW_HEAD);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

/* --- Implicit curves --- */

void
dln_axes_implicit (DlnAxes              *ax,
                   DlnFieldFunc          f,
                   void                 *user,
                   double                level,
                   size_t                res,
                   const DlnSeriesStyle *s)
{
  DlnSeriesStyle st = *s;
  DlnGrid g;
  double *z;

  if (!ax->begun || res < 8 || res > 4096)
    return;
  z = malloc (res * res * sizeof *z);
  if (z == NULL)
    return;
  /* Sampled uniformly in data units over the visible range. */
  g.nx = res;
  g.ny = res;
  g.x_min = ax->x.lo;
  g.x_max = ax->x.hi;
  g.y_min = ax->y.lo;
  g.y_max = ax->y.hi;
  for (size_t j = 0; j < res; j++)
    for (size_t i = 0; i < res; i++)
      z[j * res + i] = f (grid_x (&g, (double) i), grid_y (&g, (double) j),
                          user);
  g.z = z;
  if (st.line_width == 0)
    st.line_width = ax->style->line_width;
  dln_axes_contour (ax, &g, &level, 1, &st, NULL, false);
  dln_axes_legend_add (ax, s, 0);
  free (z);
}
