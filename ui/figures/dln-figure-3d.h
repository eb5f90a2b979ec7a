#pragma once

/* 3-D surfaces, points and lines under an orthographic view
 * (dln-figure-3d.c). */

#include "dln-figure-field.h"
#include "dln-figure-style.h"
#include "dln-plot-axes.h"

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

/* --- 3-D surfaces (orthographic) --- */

typedef struct
{
  double azimuth;    /* degrees, about z; matplotlib's convention */
  double elevation;  /* degrees above the x-y plane */
} DlnView3D;

typedef struct
{
  /* borrowed */
  cairo_t              *cr;
  const DlnFigureStyle *style;
  DlnRect       outer;
  DlnPlotPanel  panel;        /* kind DLN_PANEL_3D after dln_axes3d_init */
  double        z_min, z_max;
} DlnAxes3D;

/* dln_axes3d_init:
 * Sets up an orthographic view of the data box [@x_lo, @x_hi] x [@y_lo,
 * @y_hi] x [@z_lo, @z_hi] (each normalised to a unit cube, z squashed to
 * 0.8) inside @outer, seen from @view. Draws nothing. */
void    dln_axes3d_init              (DlnAxes3D            *ax,
                                      cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      DlnRect               outer,
                                      DlnView3D             view,
                                      double                x_lo,
                                      double                x_hi,
                                      double                y_lo,
                                      double                y_hi,
                                      double                z_lo,
                                      double                z_hi);

/* dln_axes3d_surface:
 * Draws @grid as quads sorted back to front (painter's algorithm),
 * coloured by height under @cs, shaded by a headlight (Lambert, 35 %
 * ambient), with @alpha. Quads with a non-finite corner are skipped. */
void    dln_axes3d_surface           (DlnAxes3D            *ax,
                                      const DlnGrid        *grid,
                                      const DlnColorScale  *cs,
                                      double                alpha);

/* A marker in 3-D, drawn in depth order with a surface's quads. */
typedef struct
{
  double    x, y, z;   /* data coordinates */
  DlnRgba   color;
  DlnMarker marker;    /* DLN_MARKER_NONE: a circle */
  double    size;      /* user units; <= 0: the style's marker size */
} DlnPoint3D;

/* dln_axes3d_surface_points:
 * As dln_axes3d_surface (), with @points [@n_points] sorted into the same
 * back-to-front order, so the parts of a path behind a hill are painted
 * before the hill (and hidden when @alpha is 1). A point lies on its
 * quad: it is drawn just in front of it (half a quad's depth). */
void    dln_axes3d_surface_points    (DlnAxes3D            *ax,
                                      const DlnGrid        *grid,
                                      const DlnColorScale  *cs,
                                      double                alpha,
                                      const DlnPoint3D     *points,
                                      size_t                n_points);

/* dln_axes3d_series:
 * With @line a polyline through the 3-D points, then markers on them
 * (@s->marker, CIRCLE if NONE); non-finite points skipped. */
void    dln_axes3d_series            (DlnAxes3D            *ax,
                                      const double         *x,
                                      const double         *y,
                                      const double         *z,
                                      size_t                n,
                                      const DlnSeriesStyle *s,
                                      bool                  line);

/* dln_axes3d_box:
 * Draws the back edges of the data box faintly (depth cue). */
void    dln_axes3d_box               (DlnAxes3D            *ax);

/* dln_axes3d_end:
 * Stores the 3-D panel in @geom (nullable). */
void    dln_axes3d_end               (DlnAxes3D            *ax,
                                      DlnFigureGeometry    *geom);
