#pragma once

/* dln-plot-bands: filled contours painted as one image.
 *
 * dln_axes_contour_filled () emits a polygon per grid cell and band: exact
 * vectors, but a 301 × 301 grid costs seconds to draw and tens of MB of
 * SVG. This draws the same bands (band k = [levels[k], levels[k+1]),
 * coloured at its midpoint, the ends extended) as an image: each image
 * pixel is the mean colour of 2 × 2 subsamples, each taking the band of
 * the grid's bilinear interpolant, so band edges are antialiased. The
 * image has one pixel per device pixel of the plot area (two per point on
 * SVG and PDF surfaces). Matplotlib users get the same trade with
 * contourf (..., rasterized=True). A 1280 × 720 D06 frame draws in ~20 ms
 * instead of ~1.5 s. */

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
