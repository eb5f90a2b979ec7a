#pragma once

/* Series on a DlnAxes: lines, scatters, bands, reference lines, markers,
 * text and the legend (dln-plot-series.c). */

#include "dln-plot-axes.h"

#include <cairo.h>
#include <stddef.h>

/* dln_series_style_init:
 * A solid line in categorical colour @color_index with default width, no
 * markers and no label. */
void    dln_series_style_init        (DlnSeriesStyle       *s,
                                      const DlnFigureStyle *style,
                                      int                   color_index);

/* dln_axes_line:
 * @x: (nullable) NULL means 0, 1, ..., n-1
 * A polyline through the points; a non-finite point (or non-positive on
 * a log axis) breaks it, and when the series ends in non-finite values
 * (training diverged) the last finite point gets a "diverged" marker
 * unless @s->no_diverged. Markers, start dot and end × per @s. */
void    dln_axes_line                (DlnAxes              *ax,
                                      const double         *x,
                                      const double         *y,
                                      size_t                n,
                                      const DlnSeriesStyle *s);

/* dln_axes_scatter:
 * Markers only (@s->marker, CIRCLE if NONE); non-finite points skipped.
 * @colors (nullable): one colour per point (overrides @s->color). */
void    dln_axes_scatter             (DlnAxes              *ax,
                                      const double         *x,
                                      const double         *y,
                                      size_t                n,
                                      const DlnSeriesStyle *s,
                                      const DlnRgba        *colors);

/* dln_axes_band:
 * A shaded vertical band from x = @x0 to @x1 over the full height
 * (@label nullable: legend entry). */
void    dln_axes_band                (DlnAxes              *ax,
                                      double                x0,
                                      double                x1,
                                      DlnRgba               color,
                                      double                alpha,
                                      const char           *label);

/* dln_axes_hline / dln_axes_vline:
 * A reference line across the plot area at y = @v (or x = @v). */
void    dln_axes_hline               (DlnAxes              *ax,
                                      double                v,
                                      const DlnSeriesStyle *s);
void    dln_axes_vline               (DlnAxes              *ax,
                                      double                v,
                                      const DlnSeriesStyle *s);

/* dln_axes_marker:
 * One marker of @kind, @size (user units), colour @c at data (@x, @y). */
void    dln_axes_marker              (DlnAxes              *ax,
                                      double                x,
                                      double                y,
                                      DlnMarker             kind,
                                      double                size,
                                      DlnRgba               c,
                                      bool                  y2);

/* dln_axes_text:
 * Text (Pango markup) at data point (@x, @y), anchored per @hx, @hy; with
 * @halo on a box of the background (80 % opaque), so an annotation
 * ("saddle") reads over a colour map and the curves crossing it. */
void    dln_axes_text                (DlnAxes              *ax,
                                      double                x,
                                      double                y,
                                      const char           *markup,
                                      DlnAnchor             hx,
                                      DlnAnchor             hy,
                                      DlnRgba               c,
                                      bool                  halo);

/* dln_axes_legend:
 * Draws the legend of every labelled series so far at @pos. AUTO picks
 * the inside corner whose box covers the fewest drawn points; ties go to
 * upper right, upper left, lower left, lower right, in that order.
 * Returns: the position drawn (never AUTO), or DLN_LEGEND_NONE when there
 * was nothing to draw. */
DlnLegendPos dln_axes_legend         (DlnAxes              *ax,
                                      DlnLegendPos          pos);

/* dln_axes_legend_add:
 * Adds a legend entry without drawing a series (kind: 0 line, 1 band,
 * 2 marker). */
void    dln_axes_legend_add          (DlnAxes              *ax,
                                      const DlnSeriesStyle *s,
                                      int                   kind);

/* dln_draw_marker:
 * Draws marker @kind of diameter @size centred at (@px, @py) in @c. */
void    dln_draw_marker              (cairo_t              *cr,
                                      DlnMarker             kind,
                                      double                px,
                                      double                py,
                                      double                size,
                                      DlnRgba               c,
                                      double                line_width);

/* dln_path_arrowhead:
 * Adds a closed triangle to @cr's path: its point at (@tip_x, @tip_y),
 * its base centred on (@base_x, @base_y), (@nx, @ny) from the centre to
 * one corner of the base (the other corner opposite). */
void    dln_path_arrowhead           (cairo_t              *cr,
                                      double                tip_x,
                                      double                tip_y,
                                      double                base_x,
                                      double                base_y,
                                      double                nx,
                                      double                ny);

/* dln_figure_box:
 * Fills (@x, @y, @w, @h) with the legend background and outlines it in
 * the grid colour, axis_width wide: how legends and cards are boxed. */
void    dln_figure_box               (cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      double                x,
                                      double                y,
                                      double                w,
                                      double                h);

/* dln_set_dash:
 * Applies @dash scaled to @line_width on @cr. */
void    dln_set_dash                 (cairo_t              *cr,
                                      DlnDash               dash,
                                      double                line_width);
