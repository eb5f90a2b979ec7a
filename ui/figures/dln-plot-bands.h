#pragma once

/* dln-plot-bands: filled contours painted as one image.
 *
 * dln_axes_contour_filled () emits a polygon per grid cell and band: exact
 * vectors, but a 301 × 301 grid costs seconds to draw and tens of MB of
 * SVG. This draws the same bands (band k = [levels[k], levels[k+1]),
 * coloured at its midpoint, the ends extended) as an image: each image
 * pixel takes the band of the grid's bilinear interpolant at its centre.
 * The image is computed at twice the device resolution of the plot area
 * (user units × 2 for vector surfaces) and smoothed down by cairo, so band
 * edges are antialiased. Matplotlib users get the same trade with
 * contourf (..., rasterized=True). */

#include "dln-figure.h"

/* dln_axes_contour_filled_image:
 * @ax:     an axes after dln_axes_begin ()
 * @grid:   the field; nx, ny ≥ 2; non-finite values leave holes
 * @levels: @n ≥ 2 ascending band boundaries
 * @cs:     colour scale of the band midpoints
 * Paints the bands over the plot area (clipped to it). Returns nothing;
 * draws nothing when the inputs are degenerate or memory runs out. */
void dln_axes_contour_filled_image (DlnAxes             *ax,
                                    const DlnGrid       *grid,
                                    const double        *levels,
                                    size_t               n,
                                    const DlnColorScale *cs);
