/* Series on an axes: lines that break at non-finite values, scatter,
 * markers, vertical bands, reference lines, text and the legend. (Over
 * 800 lines: the legend places itself against every series kind.) */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-plot-series.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Pixel coordinates are clamped to this distance from the plot area
 * before they reach cairo, whose 24.8 fixed point overflows near 2^23;
 * a point that far out only sets the direction of an already clipped
 * segment. */
#define PX_CLAMP 1.0e5

void
dln_series_style_init (DlnSeriesStyle       *s,
                       const DlnFigureStyle *style,
                       int                   color_index)
{
  memset (s, 0, sizeof *s);
  s->color = dln_figure_style_color (style, color_index);
}

void
dln_set_dash (cairo_t *cr,
              DlnDash  dash,
              double   line_width)
{
  double d[4];
  double u = fmax (line_width, 1.0);

  switch (dash)
    {
    case DLN_DASH_SOLID:
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    case DLN_DASH_DASHED:
      d[0] = 3.7 * u;
      d[1] = 1.6 * u;
      cairo_set_dash (cr, d, 2, 0);
      break;
    case DLN_DASH_DOTTED:
      d[0] = 1.0 * u;
      d[1] = 1.65 * u;
      cairo_set_dash (cr, d, 2, 0);
      break;
    case DLN_DASH_DASHDOT:
      d[0] = 6.4 * u;
      d[1] = 1.6 * u;
      d[2] = 1.0 * u;
      d[3] = 1.6 * u;
      cairo_set_dash (cr, d, 4, 0);
      break;
    }
}

void
dln_path_arrowhead (cairo_t *cr,
                    double   tip_x,
                    double   tip_y,
                    double   base_x,
                    double   base_y,
                    double   nx,
                    double   ny)
{
  cairo_move_to (cr, tip_x, tip_y);
  cairo_line_to (cr, base_x + nx, base_y + ny);
  cairo_line_to (cr, base_x - nx, base_y - ny);
  cairo_close_path (cr);
}

void
dln_figure_box (cairo_t              *cr,
                const DlnFigureStyle *style,
                double                x,
                double                y,
                double                w,
                double                h)
{
  dln_color_set_source (cr, style->legend_bg, 1.0);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill_preserve (cr);
  dln_color_set_source (cr, style->grid, 1.0);
  cairo_set_line_width (cr, style->axis_width);
  cairo_stroke (cr);
}

void
dln_draw_marker (cairo_t   *cr,
                 DlnMarker  kind,
                 double     px,
                 double     py,
                 double     size,
                 DlnRgba    c,
                 double     line_width)
{
  double r = 0.5 * size;

  if (kind == DLN_MARKER_NONE || !isfinite (px) || !isfinite (py))
    return;
  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  dln_color_set_source (cr, c, 1.0);
  cairo_new_path (cr);
  switch (kind)
    {
    case DLN_MARKER_NONE:
      break;
    case DLN_MARKER_CIRCLE:
      cairo_arc (cr, px, py, r, 0, 2 * M_PI);
      cairo_fill (cr);
      break;
    case DLN_MARKER_SQUARE:
      cairo_rectangle (cr, px - 0.85 * r, py - 0.85 * r, 1.7 * r, 1.7 * r);
      cairo_fill (cr);
      break;
    case DLN_MARKER_TRIANGLE:
      cairo_move_to (cr, px, py - 1.1 * r);
      cairo_line_to (cr, px + r, py + 0.7 * r);
      cairo_line_to (cr, px - r, py + 0.7 * r);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case DLN_MARKER_DIAMOND:
      cairo_move_to (cr, px, py - 1.15 * r);
      cairo_line_to (cr, px + 0.8 * r, py);
      cairo_line_to (cr, px, py + 1.15 * r);
      cairo_line_to (cr, px - 0.8 * r, py);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case DLN_MARKER_CROSS:
      cairo_set_line_width (cr, fmax (line_width, 0.3 * size));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_move_to (cr, px - r, py - r);
      cairo_line_to (cr, px + r, py + r);
      cairo_move_to (cr, px - r, py + r);
      cairo_line_to (cr, px + r, py - r);
      cairo_stroke (cr);
      break;
    case DLN_MARKER_PLUS:
      cairo_set_line_width (cr, fmax (line_width, 0.25 * size));
      cairo_move_to (cr, px - r, py);
      cairo_line_to (cr, px + r, py);
      cairo_move_to (cr, px, py - r);
      cairo_line_to (cr, px, py + r);
      cairo_stroke (cr);
      break;
    }
  cairo_restore (cr);
}

static double
clampd (double v,
        double lo,
        double hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

/* Point @i's x: @x[@i], or its index counted from ax->index_origin when
 * the series has no x values. */
static double
series_x (const DlnAxes *ax,
          const double  *x,
          size_t         i)
{
  return x != NULL ? x[i] : ax->index_origin + (double) i;
}

/* Maps a data point; false when it cannot be drawn (non-finite, or
 * non-positive on a log axis). */
static bool
map_point (const DlnAxes *ax,
           double         x,
           double         y,
           bool           y2,
           double        *px,
           double        *py)
{
  double a, b;

  if (!isfinite (x) || !isfinite (y))
    return false;
  a = dln_axes_px (ax, x);
  b = dln_axes_py (ax, y, y2);
  if (!isfinite (a) || !isfinite (b))
    return false;
  *px = clampd (a, ax->plot.x - PX_CLAMP, ax->plot.x + PX_CLAMP);
  *py = clampd (b, ax->plot.y - PX_CLAMP, ax->plot.y + PX_CLAMP);
  return true;
}

/* Records a drawn point in the legend-placement occupancy grid. */
static void
occupy (DlnAxes *ax,
        double   px,
        double   py)
{
  int i, j;

  if (ax->plot.width <= 0 || ax->plot.height <= 0)
    return;
  i = (int) floor ((px - ax->plot.x) / ax->plot.width * DLN_AXES_OCC);
  j = (int) floor ((py - ax->plot.y) / ax->plot.height * DLN_AXES_OCC);
  if (i < 0 || j < 0 || i >= DLN_AXES_OCC || j >= DLN_AXES_OCC)
    return;
  ax->occ[j][i]++;
}

/* Occupies cells along a segment (a line crossing an empty corner must
 * keep the legend out of it even when its points are sparse). */
static void
occupy_segment (DlnAxes *ax,
                double   x0,
                double   y0,
                double   x1,
                double   y1)
{
  double cell = fmin (ax->plot.width, ax->plot.height) / DLN_AXES_OCC;
  double len = hypot (x1 - x0, y1 - y0);
  int n = cell > 0 ? (int) ceil (2 * len / cell) : 1;

  if (n > 4 * DLN_AXES_OCC)
    n = 4 * DLN_AXES_OCC;
  for (int k = 1; k <= n; k++)
    {
      double t = (double) k / n;

      occupy (ax, x0 + t * (x1 - x0), y0 + t * (y1 - y0));
    }
}

/* Records a drawn segment (or a point of radius @half_width) inside the
 * plot area for geometry tests (dln_figure_record_attach ()). */
static void
record_segment (DlnAxes *ax,
                double   x0,
                double   y0,
                double   x1,
                double   y1,
                double   half_width)
{
  DlnMark m = { DLN_MARK_SERIES };
  DlnRect p = ax->plot;

  /* wholly outside the plot area: clipped away, never seen */
  if (fmax (x0, x1) < p.x || fmin (x0, x1) > p.x + p.width
      || fmax (y0, y1) < p.y || fmin (y0, y1) > p.y + p.height)
    return;
  m.x0 = x0;
  m.y0 = y0;
  m.x1 = x1;
  m.y1 = y1;
  m.half_width = half_width;
  dln_figure_record_mark (ax->cr, &m);
}

static void
legend_push (DlnAxes              *ax,
             const DlnSeriesStyle *s,
             int                   kind)
{
  if (s->label == NULL || s->label[0] == '\0'
      || ax->n_legend >= DLN_AXES_MAX_LEGEND)
    return;
  ax->legend[ax->n_legend] = *s;
  /* translated whole, before the legend measures or wraps it */
  snprintf (ax->legend_text[ax->n_legend], sizeof ax->legend_text[0], "%s",
            g_dgettext (GETTEXT_PACKAGE, s->label));
  ax->legend[ax->n_legend].label = ax->legend_text[ax->n_legend];
  ax->legend_kind[ax->n_legend] = kind;
  ax->n_legend++;
}

void
dln_axes_legend_add (DlnAxes              *ax,
                     const DlnSeriesStyle *s,
                     int                   kind)
{
  legend_push (ax, s, kind);
}

static double
series_width (const DlnAxes        *ax,
              const DlnSeriesStyle *s)
{
  return s->line_width == 0 ? ax->style->line_width : s->line_width;
}

static double
series_marker (const DlnAxes        *ax,
               const DlnSeriesStyle *s)
{
  return s->marker_size > 0 ? s->marker_size : ax->style->marker_size;
}

/* The "diverged" flag: a ring with a cross at the last finite point and
 * the word beside it, inside the plot area. */
static void
draw_diverged (DlnAxes *ax,
               double   px,
               double   py,
               DlnRgba  c)
{
  const DlnFigureStyle *st = ax->style;
  double r = 0.6 * st->marker_size + 1;
  double tw, th;
  bool left;

  cairo_save (ax->cr);
  cairo_set_dash (ax->cr, NULL, 0, 0);
  dln_color_set_source (ax->cr, st->background, 1.0);
  cairo_arc (ax->cr, px, py, r, 0, 2 * M_PI);
  cairo_fill_preserve (ax->cr);
  dln_color_set_source (ax->cr, c, 1.0);
  cairo_set_line_width (ax->cr, 1.5 * st->axis_width);
  cairo_stroke (ax->cr);
  dln_draw_marker (ax->cr, DLN_MARKER_CROSS, px, py, 0.9 * r, c,
                   1.5 * st->axis_width);
  dln_figure_text_size (ax->cr, st, N_("diverged"), false, 0.9 * st->font_size,
                        false, &tw, &th);
  left = px + r + 4 + tw > ax->plot.x + ax->plot.width;
  py = clampd (py, ax->plot.y + 0.6 * th, ax->plot.y + ax->plot.height
                                              - 0.6 * th);
  /* a halo of the background keeps the word readable over a colour map */
  dln_color_set_source (ax->cr, st->background, 0.8);
  cairo_rectangle (ax->cr, left ? px - r - 5 - tw : px + r + 1,
                   py - 0.5 * th - 1, tw + 4, th + 2);
  cairo_fill (ax->cr);
  dln_color_set_source (ax->cr, c, 1.0);
  dln_figure_text (ax->cr, st, N_("diverged"), false, 0.9 * st->font_size, false,
                   left ? px - r - 3 : px + r + 3, py,
                   left ? DLN_ANCHOR_END : DLN_ANCHOR_START,
                   DLN_ANCHOR_CENTER, 0, true, NULL, NULL);
  cairo_restore (ax->cr);
}

void
dln_axes_line (DlnAxes              *ax,
               const double         *x,
               const double         *y,
               size_t                n,
               const DlnSeriesStyle *s)
{
  cairo_t *cr = ax->cr;
  double lw = series_width (ax, s), ms = series_marker (ax, s);
  double px = 0, py = 0, lx = NAN, ly = NAN, fx = NAN, fy = NAN;
  bool pen = false, any = false;
  size_t last_finite = n;

  if (!ax->begun || y == NULL)
    return;
  cairo_save (cr);
  dln_axes_clip_plot (ax);
  cairo_new_path (cr);
  for (size_t i = 0; i < n; i++)
    {
      double xv = series_x (ax, x, i);

      if (!map_point (ax, xv, y[i], s->y2, &px, &py))
        {
          pen = false;
          continue;
        }
      if (isfinite (y[i]) && isfinite (xv))
        last_finite = i;
      if (pen)
        {
          cairo_line_to (cr, px, py);
          occupy_segment (ax, lx, ly, px, py);
          record_segment (ax, lx, ly, px, py, 0.5 * fmax (lw, 0));
        }
      else
        {
          cairo_move_to (cr, px, py);
          occupy (ax, px, py);
        }
      if (s->marker != DLN_MARKER_NONE)
        record_segment (ax, px, py, px, py, 0.5 * ms);
      if (!any)
        {
          fx = px;
          fy = py;
        }
      pen = true;
      any = true;
      lx = px;
      ly = py;
    }
  if (lw > 0)
    {
      dln_color_set_source (cr, s->color, 1.0);
      cairo_set_line_width (cr, lw);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, s->dash == DLN_DASH_SOLID ? CAIRO_LINE_CAP_ROUND
                                                        : CAIRO_LINE_CAP_BUTT);
      dln_set_dash (cr, s->dash, lw);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
  if (s->marker != DLN_MARKER_NONE)
    for (size_t i = 0; i < n; i++)
      {
        double xv = series_x (ax, x, i);

        if (map_point (ax, xv, y[i], s->y2, &px, &py))
          dln_draw_marker (cr, s->marker, px, py, ms, s->color, lw);
      }
  if (any && s->mark_start)
    dln_draw_marker (cr, DLN_MARKER_CIRCLE, fx, fy, 1.4 * ms, s->color, lw);
  if (any && s->mark_end)
    dln_draw_marker (cr, DLN_MARKER_CROSS, lx, ly, 1.6 * ms, s->color, lw);
  cairo_restore (cr);

  /* A run that ends in non-finite values diverged: flag where it left. */
  if (any && !s->no_diverged && last_finite + 1 < n)
    {
      bool trailing = true;

      for (size_t i = last_finite + 1; i < n; i++)
        if (isfinite (y[i]))
          trailing = false;
      if (trailing)
        {
          double xv = series_x (ax, x, last_finite);

          if (map_point (ax, xv, y[last_finite], s->y2, &px, &py))
            {
              cairo_save (cr);
              cairo_rectangle (cr, ax->outer.x, ax->outer.y, ax->outer.width,
                               ax->outer.height);
              cairo_clip (cr);
              draw_diverged (ax, clampd (px, ax->plot.x,
                                         ax->plot.x + ax->plot.width),
                             clampd (py, ax->plot.y,
                                     ax->plot.y + ax->plot.height),
                             s->color);
              cairo_restore (cr);
            }
        }
    }
  legend_push (ax, s, s->marker != DLN_MARKER_NONE && lw < 0 ? 2 : 0);
}

void
dln_axes_scatter (DlnAxes              *ax,
                  const double         *x,
                  const double         *y,
                  size_t                n,
                  const DlnSeriesStyle *s,
                  const DlnRgba        *colors)
{
  DlnMarker m = s->marker == DLN_MARKER_NONE ? DLN_MARKER_CIRCLE : s->marker;
  double ms = series_marker (ax, s), px, py;
  DlnSeriesStyle leg = *s;

  if (!ax->begun || y == NULL)
    return;
  cairo_save (ax->cr);
  dln_axes_clip_plot (ax);
  for (size_t i = 0; i < n; i++)
    {
      double xv = series_x (ax, x, i);

      if (!map_point (ax, xv, y[i], s->y2, &px, &py))
        continue;
      occupy (ax, px, py);
      dln_draw_marker (ax->cr, m, px, py, ms,
                       colors != NULL ? colors[i] : s->color,
                       series_width (ax, s));
    }
  cairo_restore (ax->cr);
  leg.marker = m;
  legend_push (ax, &leg, 2);
}

void
dln_axes_band (DlnAxes    *ax,
               double      x0,
               double      x1,
               DlnRgba     color,
               double      alpha,
               const char *label)
{
  double a, b;
  DlnSeriesStyle s = { 0 };

  if (!ax->begun)
    return;
  a = dln_axes_px (ax, fmin (x0, x1));
  b = dln_axes_px (ax, fmax (x0, x1));
  if (!isfinite (a) || !isfinite (b))
    return;
  a = clampd (a, ax->plot.x - 1, ax->plot.x + ax->plot.width + 1);
  b = clampd (b, ax->plot.x - 1, ax->plot.x + ax->plot.width + 1);
  cairo_save (ax->cr);
  dln_axes_clip_plot (ax);
  dln_color_set_source (ax->cr, color, alpha);
  /* At least one pixel wide, so a band narrower than a pixel still shows. */
  cairo_rectangle (ax->cr, a, ax->plot.y, fmax (b - a, 1.0),
                   ax->plot.height);
  cairo_fill (ax->cr);
  cairo_restore (ax->cr);
  s.color = color;
  s.color.a *= alpha;
  s.label = label;
  legend_push (ax, &s, 1);
}

/* A reference line across the plot at x = @v (@vertical) or y = @v. */
static void
ref_line (DlnAxes              *ax,
          double                v,
          bool                  vertical,
          const DlnSeriesStyle *s)
{
  double lw = series_width (ax, s), p;

  if (!ax->begun)
    return;
  p = vertical ? dln_axes_px (ax, v) : dln_axes_py (ax, v, s->y2);
  if (!isfinite (p))
    return;
  cairo_save (ax->cr);
  dln_axes_clip_plot (ax);
  dln_color_set_source (ax->cr, s->color, 1.0);
  cairo_set_line_width (ax->cr, lw);
  dln_set_dash (ax->cr, s->dash, lw);
  if (vertical)
    {
      cairo_move_to (ax->cr, p, ax->plot.y);
      cairo_line_to (ax->cr, p, ax->plot.y + ax->plot.height);
    }
  else
    {
      cairo_move_to (ax->cr, ax->plot.x, p);
      cairo_line_to (ax->cr, ax->plot.x + ax->plot.width, p);
    }
  cairo_stroke (ax->cr);
  cairo_restore (ax->cr);
  legend_push (ax, s, 0);
}

void
dln_axes_hline (DlnAxes              *ax,
                double                v,
                const DlnSeriesStyle *s)
{
  ref_line (ax, v, false, s);
}

void
dln_axes_vline (DlnAxes              *ax,
                double                v,
                const DlnSeriesStyle *s)
{
  ref_line (ax, v, true, s);
}

void
dln_axes_marker (DlnAxes   *ax,
                 double     x,
                 double     y,
                 DlnMarker  kind,
                 double     size,
                 DlnRgba    c,
                 bool       y2)
{
  double px, py;

  if (!ax->begun || !map_point (ax, x, y, y2, &px, &py))
    return;
  cairo_save (ax->cr);
  dln_axes_clip_plot (ax);
  occupy (ax, px, py);
  record_segment (ax, px, py, px, py, 0.5 * size);
  dln_draw_marker (ax->cr, kind, px, py, size, c, ax->style->line_width);
  cairo_restore (ax->cr);
}

void
dln_axes_text (DlnAxes    *ax,
               double      x,
               double      y,
               const char *markup,
               DlnAnchor   hx,
               DlnAnchor   hy,
               DlnRgba     c,
               bool        halo)
{
  double px, py, w = 0, h = 0, x0, y0, pad = 2;

  if (!ax->begun || !map_point (ax, x, y, false, &px, &py))
    return;
  cairo_save (ax->cr);
  if (halo)
    {
      dln_figure_text_size (ax->cr, ax->style, markup, true,
                            ax->style->font_size, false, &w, &h);
      x0 = px - 0.5 * (double) hx * w;
      y0 = py - 0.5 * (double) hy * h;
      dln_color_set_source (ax->cr, ax->style->background, 0.8);
      cairo_rectangle (ax->cr, x0 - pad, y0 - pad, w + 2 * pad, h + 2 * pad);
      cairo_fill (ax->cr);
    }
  dln_color_set_source (ax->cr, c, 1.0);
  dln_figure_text (ax->cr, ax->style, markup, true, ax->style->font_size,
                   false, px, py, hx, hy, 0, true, NULL, NULL);
  cairo_restore (ax->cr);
}

/* --- Legend --- */

/* Points drawn in cells touching the box (x, y, w, h), grown by a
 * marker's radius so a marker just outside a cell's edge still counts. */
static unsigned
occupancy_in (const DlnAxes *ax,
              double         x,
              double         y,
              double         w,
              double         h)
{
  unsigned sum = 0;
  double cw = ax->plot.width / DLN_AXES_OCC;
  double ch = ax->plot.height / DLN_AXES_OCC;
  double grow = 0.6 * ax->style->marker_size + ax->style->line_width;

  x -= grow;
  y -= grow;
  w += 2 * grow;
  h += 2 * grow;
  for (int j = 0; j < DLN_AXES_OCC; j++)
    for (int i = 0; i < DLN_AXES_OCC; i++)
      {
        double cx0 = ax->plot.x + i * cw, cy0 = ax->plot.y + j * ch;

        if (cx0 + cw > x && cx0 < x + w && cy0 + ch > y && cy0 < y + h)
          sum += ax->occ[j][i];
      }
  return sum;
}

/* The box's top-left corner for @pos, @inset inside the plot area. */
static void
legend_place (const DlnAxes *ax,
              DlnLegendPos   pos,
              double         bw,
              double         bh,
              double         inset,
              double         fs,
              double        *bx,
              double        *by)
{
  DlnRect p = ax->plot;
  double left = p.x + inset, right = p.x + p.width - inset - bw;
  double top = p.y + inset, bottom = p.y + p.height - inset - bh;
  double cx = p.x + 0.5 * (p.width - bw), cy = p.y + 0.5 * (p.height - bh);

  switch (pos)
    {
    case DLN_LEGEND_AUTO:
    case DLN_LEGEND_NONE:
    case DLN_LEGEND_ABOVE:  /* not reserved: the first corner */
    case DLN_LEGEND_UPPER_RIGHT:
      *bx = right;
      *by = top;
      break;
    case DLN_LEGEND_UPPER_LEFT:
      *bx = left;
      *by = top;
      break;
    case DLN_LEGEND_LOWER_LEFT:
      *bx = left;
      *by = bottom;
      break;
    case DLN_LEGEND_LOWER_RIGHT:
      *bx = right;
      *by = bottom;
      break;
    case DLN_LEGEND_CENTER_RIGHT:
      *bx = right;
      *by = cy;
      break;
    case DLN_LEGEND_CENTER_LEFT:
      *bx = left;
      *by = cy;
      break;
    case DLN_LEGEND_LOWER_CENTER:
      *bx = cx;
      *by = bottom;
      break;
    case DLN_LEGEND_UPPER_CENTER:
      *bx = cx;
      *by = top;
      break;
    case DLN_LEGEND_CENTER:
      *bx = cx;
      *by = cy;
      break;
    case DLN_LEGEND_OUTSIDE_RIGHT:
      *bx = p.x + p.width + 0.5 * fs
            + (ax->has_y2 ? ax->outer.x + ax->outer.width - ax->reserve_right
                                - p.x - p.width
                          : 0);
      *by = p.y;
      break;
    }
}

static void draw_legend (DlnAxes *ax, double fs, double bx, double by,
                         double bw, double bh, size_t cols, double col_w,
                         double row_h);

/* The legend in its reserved rows above the plot area: as many columns
 * as fit the plot's width, entries row-major, text shrunk (to the floor)
 * when the rows cannot hold them all. */
static DlnLegendPos
legend_above (DlnAxes *ax)
{
  const DlnFigureStyle *st = ax->style;
  double fs0 = fmax (0.92 * st->font_size, DLN_FIGURE_MIN_TEXT), fs;
  double text_w = 0, h, col_w, row_h, bw, bh;
  size_t rows, cols;

  fs = dln_axes_legend_above_grid (ax, ax->plot.width, &cols, &rows);
  /* the entries drawn may differ from those reserved: fit them */
  if (ax->n_legend != ax->legend_above_n)
    rows = (ax->n_legend + cols - 1) / cols;
  dln_figure_text_size (ax->cr, st, "Ag", false, fs, false, NULL, &h);
  for (size_t i = 0; i < ax->n_legend; i++)
    {
      double w;

      dln_figure_text_size (ax->cr, st, ax->legend_text[i], true, fs, false,
                            &w, NULL);
      text_w = fmax (text_w, w);
    }
  col_w = 2.7 * fs + text_w + 0.45 * fs;
  row_h = 1.15 * h;
  bw = 0.45 * fs + col_w * (double) cols;
  bh = 0.9 * fs + row_h * (double) rows;
  draw_legend (ax, fs, ax->plot.x + 0.5 * (ax->plot.width - bw),
               ax->plot.y - 0.3 * fs0 - bh, bw, bh, cols, col_w, row_h);
  return DLN_LEGEND_ABOVE;
}

DlnLegendPos
dln_axes_legend (DlnAxes      *ax,
                 DlnLegendPos  pos)
{
  /* AUTO's places, in the order preferred on ties (matplotlib's "best"
   * tries the same nine). */
  static const DlnLegendPos order[] = {
    DLN_LEGEND_UPPER_RIGHT, DLN_LEGEND_UPPER_LEFT, DLN_LEGEND_LOWER_LEFT,
    DLN_LEGEND_LOWER_RIGHT, DLN_LEGEND_CENTER_RIGHT, DLN_LEGEND_CENTER_LEFT,
    DLN_LEGEND_LOWER_CENTER, DLN_LEGEND_UPPER_CENTER, DLN_LEGEND_CENTER,
  };
  const DlnFigureStyle *st = ax->style;
  cairo_t *cr = ax->cr;
  double fs0 = fmax (0.92 * st->font_size, DLN_FIGURE_MIN_TEXT);
  double row_h0 = 0, text_w0 = 0, bw = 0, bh = 0, bx = 0, by = 0, col_w = 0;
  double fs = fs0, row_h, inset = 0.5 * fs0;
  size_t cols0 = ax->legend_columns > 1 ? (size_t) ax->legend_columns : 1;
  size_t cols = cols0;
  unsigned best = ~0u;
  bool found = false;
  DlnLegendPos placed = DLN_LEGEND_UPPER_RIGHT;

  if (!ax->begun || ax->n_legend == 0 || pos == DLN_LEGEND_NONE)
    return DLN_LEGEND_NONE;
  if (ax->legend_above_n > 0
      && (pos == DLN_LEGEND_AUTO || pos == DLN_LEGEND_ABOVE))
    return legend_above (ax);
  for (size_t i = 0; i < ax->n_legend; i++)
    {
      double w, h;

      dln_figure_text_size (cr, st, ax->legend_text[i], true, fs0, false, &w,
                            &h);
      text_w0 = fmax (text_w0, w);
      row_h0 = fmax (row_h0, h);
    }
  if (cols0 > ax->n_legend)
    cols0 = ax->n_legend;
  row_h0 *= 1.15;  /* leading between entries */

  /* Sizes from the full font down to the text floor; at each, the
   * configured columns, then one row, then two columns; at each of
   * those, every place (AUTO) or the one asked for. The first box that
   * fits the plot area and covers nothing wins; else the one covering
   * least. */
  for (double k = 1.0; !found; k *= 0.9)
    {
      size_t col_options[3] = { cols0, ax->n_legend, 2 };
      bool last = fs0 * k <= DLN_FIGURE_MIN_TEXT + 1e-9;

      if (last)
        k = DLN_FIGURE_MIN_TEXT / fs0;
      for (int c = 0; c < 3 && !found; c++)
        {
          size_t nc = col_options[c] < 1 ? 1 : col_options[c];
          double f = fs0 * k, sm = 2.2 * f, pd = 0.45 * f, rh = row_h0 * k;
          double cw, w, h;
          size_t rows;

          if (nc > ax->n_legend)
            nc = ax->n_legend;
          if (c > 0 && nc == cols0)
            continue;
          rows = (ax->n_legend + nc - 1) / nc;
          cw = sm + 0.5 * f + text_w0 * k + pd;
          w = pd + cw * (double) nc;
          h = 2 * pd + rh * (double) rows;
          if ((w > ax->plot.width - 2 * inset
               || h > ax->plot.height - 2 * inset)
              && pos != DLN_LEGEND_OUTSIDE_RIGHT)
            continue;
          for (size_t o = 0; o < sizeof order / sizeof order[0] && !found; o++)
            {
              DlnLegendPos cand = pos == DLN_LEGEND_AUTO ? order[o] : pos;
              double x, y;
              unsigned occ;

              if (pos != DLN_LEGEND_AUTO && o > 0)
                break;
              legend_place (ax, cand, w, h, inset, f, &x, &y);
              occ = pos == DLN_LEGEND_AUTO ? occupancy_in (ax, x, y, w, h)
                                           : 0;
              if (occ < best)
                {
                  best = occ;
                  fs = f;
                  cols = nc;
                  col_w = cw;
                  bw = w;
                  bh = h;
                  bx = x;
                  by = y;
                  found = occ == 0;
                  placed = cand;
                }
            }
        }
      if (last)
        break;
    }
  if (best == ~0u)
    {
      /* nothing fits the plot area: the first place at the floor */
      fs = DLN_FIGURE_MIN_TEXT;
      cols = 1;
      col_w = 2.2 * fs + 0.5 * fs + text_w0 * fs / fs0 + 0.45 * fs;
      bw = 0.45 * fs + col_w;
      bh = 0.9 * fs + row_h0 * fs / fs0 * (double) ax->n_legend;
      placed = pos == DLN_LEGEND_AUTO ? DLN_LEGEND_UPPER_RIGHT : pos;
      legend_place (ax, placed, bw, bh, inset, fs, &bx, &by);
    }
  row_h = row_h0 * fs / fs0;
  draw_legend (ax, fs, bx, by, bw, bh, cols, col_w, row_h);
  return placed;
}

/* Draws the legend box at (@bx, @by), @bw x @bh, entries row-major in
 * @cols columns @col_w wide and rows @row_h tall, text at @fs. */
static void
draw_legend (DlnAxes *ax,
             double   fs,
             double   bx,
             double   by,
             double   bw,
             double   bh,
             size_t   cols,
             double   col_w,
             double   row_h)
{
  const DlnFigureStyle *st = ax->style;
  cairo_t *cr = ax->cr;
  double sample = 2.2 * fs, pad = 0.45 * fs;

  {
    DlnMark m = { DLN_MARK_LEGEND };

    m.x0 = bx;
    m.y0 = by;
    m.x1 = bx + bw;
    m.y1 = by + bh;
    dln_figure_record_mark (cr, &m);
  }
  cairo_save (cr);
  dln_figure_box (cr, st, bx, by, bw, bh);
  for (size_t i = 0; i < ax->n_legend; i++)
    {
      const DlnSeriesStyle *s = &ax->legend[i];
      double cy = by + pad + ((double) (i / cols) + 0.5) * row_h;
      double x0 = bx + pad + col_w * (double) (i % cols);
      double lw = series_width (ax, s);

      switch (ax->legend_kind[i])
        {
        case 1:
          dln_color_set_source (cr, s->color, 1.0);
          cairo_rectangle (cr, x0, cy - 0.35 * row_h, sample, 0.7 * row_h);
          cairo_fill (cr);
          break;
        case 2:
          dln_draw_marker (cr, s->marker, x0 + 0.5 * sample, cy,
                           series_marker (ax, s), s->color, lw);
          break;
        default:
          if (lw > 0)
            {
              dln_color_set_source (cr, s->color, 1.0);
              cairo_set_line_width (cr, lw);
              dln_set_dash (cr, s->dash, lw);
              cairo_move_to (cr, x0, cy);
              cairo_line_to (cr, x0 + sample, cy);
              cairo_stroke (cr);
              cairo_set_dash (cr, NULL, 0, 0);
            }
          if (s->marker != DLN_MARKER_NONE)
            dln_draw_marker (cr, s->marker, x0 + 0.5 * sample, cy,
                             series_marker (ax, s), s->color, lw);
          break;
        }
      dln_color_set_source (cr, st->foreground, 1.0);
      dln_figure_text (cr, st, ax->legend_text[i], true, fs, false,
                       x0 + sample + 0.5 * fs, cy, DLN_ANCHOR_START,
                       DLN_ANCHOR_CENTER, 0, true, NULL, NULL);
    }
  cairo_restore (cr);
}
