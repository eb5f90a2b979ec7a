/* dln-plot-bands: filled contours as one image (see header). */

#define G_LOG_DOMAIN "dln-plot-bands"

#include "config.h"

#include "dln-plot-bands.h"

#include <glib.h>

#include <math.h>
#include <stdint.h>

/* Image pixels per device pixel (per axis): 2 gives antialiased band
 * edges after cairo's downscale at 4× the work, still a few ms. */
#define OVERSAMPLE 2.0
/* Largest image side; a 16384-unit export at scale 8 would ask for far
 * more, and beyond this the eye cannot tell. */
#define MAX_SIDE 4096

static uint32_t
pack (DlnRgba c)
{
  /* cairo's ARGB32 is premultiplied */
  double a = CLAMP (c.a, 0.0, 1.0);

  return ((uint32_t) lround (a * 255) << 24)
         | ((uint32_t) lround (CLAMP (c.r, 0, 1) * a * 255) << 16)
         | ((uint32_t) lround (CLAMP (c.g, 0, 1) * a * 255) << 8)
         | (uint32_t) lround (CLAMP (c.b, 0, 1) * a * 255);
}

/* Index of the band holding @v: 0 … n − 2 (ends extended). */
static size_t
band_of (double        v,
         const double *levels,
         size_t        n)
{
  size_t lo = 0, hi = n - 1;

  if (v < levels[1])
    return 0;
  if (v >= levels[n - 2])
    return n - 2;
  /* invariant: levels[lo] <= v < levels[hi] */
  while (hi - lo > 1)
    {
      size_t mid = (lo + hi) / 2;

      if (v < levels[mid])
        hi = mid;
      else
        lo = mid;
    }
  return lo;
}

void
dln_axes_contour_filled_image (DlnAxes             *ax,
                               const DlnGrid       *grid,
                               const double        *levels,
                               size_t               n,
                               const DlnColorScale *cs)
{
  cairo_t *cr = ax->cr;
  g_autofree uint32_t *colors = NULL;
  cairo_surface_t *img;
  DlnPlotPanel panel;
  double dw, dh;
  int iw, ih, stride;
  unsigned char *pix;

  if (!ax->begun || n < 2 || grid->nx < 2 || grid->ny < 2
      || !(ax->plot.width > 0 && ax->plot.height > 0))
    return;
  for (size_t k = 0; k + 1 < n; k++)
    if (!(levels[k] <= levels[k + 1]))
      return;

  /* image size: the plot area in device pixels, oversampled */
  dw = ax->plot.width;
  dh = ax->plot.height;
  cairo_user_to_device_distance (cr, &dw, &dh);
  iw = (int) CLAMP (ceil (fabs (dw) * OVERSAMPLE), 2, MAX_SIDE);
  ih = (int) CLAMP (ceil (fabs (dh) * OVERSAMPLE), 2, MAX_SIDE);

  img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, iw, ih);
  if (cairo_surface_status (img) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (img);
      return;
    }
  colors = g_new (uint32_t, n - 1);
  for (size_t k = 0; k + 1 < n; k++)
    colors[k] = pack (dln_color_scale_eval (cs, 0.5 * (levels[k]
                                                        + levels[k + 1])));

  dln_axes_panel (ax, &panel);
  cairo_surface_flush (img);
  pix = cairo_image_surface_get_data (img);
  stride = cairo_image_surface_get_stride (img);
  for (int py = 0; py < ih; py++)
    {
      uint32_t *row = (uint32_t *) (pix + (size_t) py * stride);
      double uy = ax->plot.y + (py + 0.5) * ax->plot.height / ih;
      double y = dln_plot_panel_px_to_y (&panel, uy);
      double fy = (y - grid->y_min) / (grid->y_max - grid->y_min)
                  * (double) (grid->ny - 1);

      for (int px = 0; px < iw; px++)
        {
          double ux = ax->plot.x + (px + 0.5) * ax->plot.width / iw;
          double x = dln_plot_panel_px_to_x (&panel, ux);
          double fx = (x - grid->x_min) / (grid->x_max - grid->x_min)
                      * (double) (grid->nx - 1);
          size_t i, j;
          double tx, ty, v;
          const double *z = grid->z;

          row[px] = 0;  /* transparent: outside the grid or a hole */
          if (!(fx >= 0 && fy >= 0 && fx <= (double) (grid->nx - 1)
                && fy <= (double) (grid->ny - 1)))
            continue;
          i = MIN ((size_t) fx, grid->nx - 2);
          j = MIN ((size_t) fy, grid->ny - 2);
          tx = fx - (double) i;
          ty = fy - (double) j;
          /* bilinear: the interpolant marching squares approximates */
          v = (1 - ty) * ((1 - tx) * z[j * grid->nx + i]
                          + tx * z[j * grid->nx + i + 1])
              + ty * ((1 - tx) * z[(j + 1) * grid->nx + i]
                      + tx * z[(j + 1) * grid->nx + i + 1]);
          if (isfinite (v))
            row[px] = colors[band_of (v, levels, n)];
        }
    }
  cairo_surface_mark_dirty (img);

  cairo_save (cr);
  cairo_rectangle (cr, ax->plot.x, ax->plot.y, ax->plot.width,
                   ax->plot.height);
  cairo_clip (cr);
  cairo_translate (cr, ax->plot.x, ax->plot.y);
  cairo_scale (cr, ax->plot.width / iw, ax->plot.height / ih);
  cairo_set_source_surface (cr, img, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (img);
}
