#pragma once

/* Fields on a DlnAxes: matrix images, heatmaps, colour bars, contours,
 * quivers and implicit curves (dln-figure-field.c; the colour scale is
 * evaluated in dln-figure-style.c). */

#include "dln-plot-axes.h"

#include <stdbool.h>
#include <stddef.h>

/* --- Fields: images, colour bars, contours, quivers --- */

/* A scalar field on a regular grid: z[j * nx + i] is the value at
 * x = x_min + i (x_max - x_min) / (nx - 1), y = y_min + j (...) / (ny - 1).
 * nx, ny >= 2. Non-finite values are holes. */
typedef struct
{
  const double *z;
  size_t        nx, ny;
  double        x_min, x_max;
  double        y_min, y_max;
} DlnGrid;

/* dln_axes_matrix:
 * Draws matrix @m [rows, cols] (row-major) as cells: column j spans x in
 * [j - 0.5, j + 0.5], row i spans y in [i - 0.5, i + 0.5] (row 0 on top).
 * Use on an axes with image = true and ranges -0.5 ... cols-0.5 and
 * -0.5 ... rows-0.5 (dln_axes_init_matrix () sets all that). */
void    dln_axes_matrix              (DlnAxes              *ax,
                                      const double         *m,
                                      size_t                rows,
                                      size_t                cols,
                                      const DlnColorScale  *cs);

/* dln_axes_heatmap:
 * Draws @grid as a smooth image (one cell per grid point, centred on it). */
void    dln_axes_heatmap             (DlnAxes              *ax,
                                      const DlnGrid        *grid,
                                      const DlnColorScale  *cs);

/* dln_colorbar:
 * A vertical colour bar at the left of @r (bar 30 % of @r's width, 10 ...
 * 24 units; ticks and @label, rotated, to its right; @r's top and bottom
 * padded by style->padding: pass the plot area's y and height plus and
 * minus padding to align with a panel).
 * @tick_labels (nullable): @n_ticks custom labels spread evenly from
 * vmin to vmax (D13's "no" / "yes"); @n_ticks = 0 with NULL labels: the
 * default nice ticks; @n_ticks < 0: no ticks (D16). */
void    dln_colorbar                 (cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      DlnRect               r,
                                      const DlnColorScale  *cs,
                                      const char           *label,
                                      const char *const    *tick_labels,
                                      int                   n_ticks);

/* dln_axes_colorbar_right:
 * dln_colorbar () in the rectangle @width wide, @gap right of @ax's plot
 * area and as tall as it (the room a renderer kept with reserve_right). */
void    dln_axes_colorbar_right      (const DlnAxes        *ax,
                                      double                gap,
                                      double                width,
                                      const DlnColorScale  *cs,
                                      const char           *label);

/* dln_colorbar_value_y:
 * The y of value @v along the bar dln_colorbar () draws in @r: @cs's vmax
 * at the top of the bar, vmin at the bottom, linear (or, for a log scale,
 * logarithmic) in between. Ticks are placed with it. */
double  dln_colorbar_value_y         (const DlnFigureStyle *style,
                                      DlnRect               r,
                                      const DlnColorScale  *cs,
                                      double                v);

/* dln_colorbar_width:
 * The width @r should have for a colour bar with tick labels like @sample
 * and a label (the bar itself 4 % of @figure_width, 10 ... 24 units). */
double  dln_colorbar_width           (cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      double                figure_width,
                                      const char           *sample,
                                      bool                  has_label);

/* Segment callback of the contour tracer: one straight piece of the level
 * set from (x0, y0) to (x1, y1), in data coordinates. */
typedef void (*DlnSegmentFunc) (double x0,
                                double y0,
                                double x1,
                                double y1,
                                void  *user);

/* dln_contour_segments:
 * Marching squares on @grid at @level: linear interpolation along cell
 * edges; in saddle cells (corners alternate above / below) the centre
 * value (mean of the four corners) decides which pairs connect, so level
 * sets never cross. Cells with a non-finite corner are skipped. Calls @fn
 * once per segment and returns the number of segments. */
size_t  dln_contour_segments         (const DlnGrid        *grid,
                                      double                level,
                                      DlnSegmentFunc        fn,
                                      void                 *user);

/* dln_axes_contour:
 * Contour lines of @grid at @levels[0 .. n) in @s (colour per level from
 * @cs when not NULL). Labels each level with its value when @labelled. */
void    dln_axes_contour             (DlnAxes              *ax,
                                      const DlnGrid        *grid,
                                      const double         *levels,
                                      size_t                n,
                                      const DlnSeriesStyle *s,
                                      const DlnColorScale  *cs,
                                      bool                  labelled);

/* dln_axes_contour_filled:
 * Filled contours: each grid cell is split along the @levels (ascending,
 * n >= 2) into polygons of constant band colour (band k = [levels[k],
 * levels[k+1]), coloured at its midpoint by @cs); values below the first
 * / above the last level take the end colours. Saddles are consistent
 * with dln_contour_segments (). */
void    dln_axes_contour_filled      (DlnAxes              *ax,
                                      const DlnGrid        *grid,
                                      const double         *levels,
                                      size_t                n,
                                      const DlnColorScale  *cs);

/* dln_levels_linear / dln_levels_log:
 * Fills @out[0 .. n) with n >= 2 evenly spaced (log: geometrically spaced)
 * levels from @lo to @hi. */
void    dln_levels_linear            (double               *out,
                                      size_t                n,
                                      double                lo,
                                      double                hi);

typedef struct
{
  double      length;      /* user units of an arrow with |v| = ref */
  double      ref;         /* magnitude drawn at @length (> 0) */
  double      min_length;  /* user units; shorter arrows are lengthened to
                            * this (D06: max (1/40, |g|/50) of the width) */
  bool        normalise;   /* all arrows exactly @length (direction only) */
  DlnRgba     color;       /* used when !use_map */
  bool        use_map;     /* colour by magnitude under @cs */
  DlnColorScale cs;
  double      line_width;  /* 0: style default */
  bool        halo;        /* outline each arrow in a contrasting shade
                            * (dark under light arrows, light under dark
                            * ones), so it reads on any colour map */
} DlnQuiverStyle;

/* dln_axes_quiver:
 * Arrows from (x[i], y[i]) along (u[i], v[i]) (data units of direction;
 * lengths per @q, in user units so they read the same on any aspect).
 * Non-finite or zero vectors draw nothing. */
void    dln_axes_quiver              (DlnAxes              *ax,
                                      const double         *x,
                                      const double         *y,
                                      const double         *u,
                                      const double         *v,
                                      size_t                n,
                                      const DlnQuiverStyle *q);

/* A scalar function of the plane for implicit curves. */
typedef double (*DlnFieldFunc) (double x,
                                double y,
                                void  *user);

/* dln_axes_implicit:
 * Draws the curve f(x, y) = @level over the visible range by sampling f
 * on a (@res x @res) grid (res >= 8) of the plot area and contouring it;
 * every branch (e.g. both of w₁w₂ = 1) is drawn. Cells with a
 * non-finite sample (poles) are skipped. */
void    dln_axes_implicit            (DlnAxes              *ax,
                                      DlnFieldFunc          f,
                                      void                 *user,
                                      double                level,
                                      size_t                res,
                                      const DlnSeriesStyle *s);
