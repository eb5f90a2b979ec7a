#pragma once

/* dlnlab figures: a small plotting layer on cairo + PangoCairo (no GTK).
 *
 * A figure is a pure function of data, style and size
 * (docs/architecture.md#figures):
 *
 *   void dln_figure_<kind>_render (cairo_t                 *cr,
 *                                  const DlnFigureStyle    *style,
 *                                  const Dln<Kind>Data     *data,
 *                                  double                   width,
 *                                  double                   height,
 *                                  DlnFigureGeometry       *geom);
 *
 * (declared by DLN_FIGURE_DECLARE_RENDER (<kind>, Dln<Kind>Data), in
 * dln-figure-export.h). It draws into the rectangle (0, 0, width, height)
 * in user units, keeps no state, restores @cr, and fills @geom (nullable)
 * with every panel's plot area and data <-> pixel transforms, so widgets
 * can do hover readouts, clicks in data coordinates and zoom without
 * re-deriving the layout. The caller sets the scale (HiDPI, 2x PNG, points
 * for SVG/PDF).
 *
 * Renderers are built from the immediate-mode DlnAxes below:
 *
 *   DlnAxes ax;
 *   dln_axes_init (&ax, cr, style, x, y, w, h);       outer rectangle
 *   dln_axes_set_title (&ax, "Training loss");
 *   dln_axes_set_xlabel (&ax, "epoch");
 *   dln_axes_set_ylabel (&ax, "MSE");
 *   dln_axes_set_ylog (&ax, true);
 *   dln_axes_fit (&ax, xs, ys, n);                      autoscale (finite only)
 *   dln_axes_begin (&ax);                               layout, frame, ticks
 *   dln_axes_line (&ax, xs, ys, n, &series);            data
 *   dln_axes_legend (&ax, DLN_LEGEND_AUTO);
 *   dln_axes_end (&ax, geom);                           panel -> geometry
 *
 * Widgets keep the geometry of their last draw and map pointer events:
 *
 *   int i = dln_figure_geometry_hit (&geom, x, y);              -1: none
 *   if (i >= 0 && geom.panels[i].kind != DLN_PANEL_3D)
 *     {
 *       double dx = dln_plot_panel_px_to_x (&geom.panels[i], x);
 *       double dy = dln_plot_panel_px_to_y (&geom.panels[i], y);
 *       ...  IMAGE panels: round (dx) is the column, round (dy) the row
 *     }
 *
 * Panels are named (DlnPlotPanel.name: "curves", "loss", "rsm", ...) so a
 * widget can find "its" panel whatever the layout. Shared x across
 * stacked panels: give them the same x range and set x.no_tick_labels on
 * all but the lowest.
 *
 * Colours come only from DlnFigureStyle (Okabe-Ito categories, perceptual
 * sequential maps, a diverging map symmetric about 0); series also differ by
 * dash or marker so figures read in greyscale. */

#include "dln-figure-3d.h"
#include "dln-figure-export.h"
#include "dln-figure-field.h"
#include "dln-figure-style.h"
#include "dln-plot-axes.h"
#include "dln-plot-series.h"
#include "dln-status.h"
