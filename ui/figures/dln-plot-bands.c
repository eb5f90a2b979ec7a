/* dln-plot-bands: filled contours as one image (see header). */

#define G_LOG_DOMAIN "dln-plot-bands"

#include "config.h"

#include "dln-plot-bands.h"

#include <glib.h>

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

/* Subsamples per image pixel and axis: 2 × 2 averaged give antialiased
 * band edges. */
#define OVERSAMPLE 2.0
#define SAMPLES    4u   /* OVERSAMPLE² */
/* Image pixels per device unit on SVG and PDF surfaces. */
#define VECTOR_DENSITY 2.0
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

/* Band of @v: direct for evenly spaced levels (@step > 0), else a binary
 * search. */
static inline size_t
band_fast (double        v,
           const double *levels,
           size_t        n,
           double        step)
{
  if (step > 0)
    {
      double k = floor ((v - levels[0]) / step);

      return (size_t) CLAMP (k, 0.0, (double) (n - 2));
    }
  return band_of (v, levels, n);
}

/* Grid coordinate (cell index and fraction) of each image column or row;
 * *ok false outside the grid. */
typedef struct
{
  size_t cell;
  double t;
  bool   ok;
} Coord;

static void
coords (Coord        *out,
        int           count,
        double        lo_px,
        double        span_px,
        const DlnPlotPanel *panel,
        bool          is_x,
        double        g_min,
        double        g_max,
        size_t        g_n)
{
  for (int k = 0; k < count; k++)
    {
      double u = lo_px + (k + 0.5) * span_px / count;
      double d = is_x ? dln_plot_panel_px_to_x (panel, u)
                      : dln_plot_panel_px_to_y (panel, u);
      double f = (d - g_min) / (g_max - g_min) * (double) (g_n - 1);

      out[k].ok = f >= 0 && f <= (double) (g_n - 1);
      out[k].cell = out[k].ok ? MIN ((size_t) f, g_n - 2) : 0;
      out[k].t = out[k].ok ? f - (double) out[k].cell : 0;
    }
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
  g_autofree Coord *cx = NULL, *cy = NULL;
  g_autofree uint32_t *sub = NULL;
  cairo_surface_t *img;
  DlnPlotPanel panel;
  double dw, dh, step;
  bool vector;
  int iw, ih, sw, sh, stride;
  unsigned char *pix;
  const double *z = grid->z;

  if (!ax->begun || n < 2 || grid->nx < 2 || grid->ny < 2
      || !(ax->plot.width > 0 && ax->plot.height > 0))
    return;
  for (size_t k = 0; k + 1 < n; k++)
    if (!(levels[k] <= levels[k + 1]))
      return;

  /* evenly spaced levels (dln_levels_linear) take the direct band index */
  step = (levels[n - 1] - levels[0]) / (double) (n - 1);
  for (size_t k = 0; k < n && step > 0; k++)
    if (fabs (levels[k] - (levels[0] + step * (double) k)) > 1e-9 * step)
      step = 0;

  /* the image has one pixel per device pixel of the plot area; each is
   * the mean of OVERSAMPLE² subsamples */
  dw = ax->plot.width;
  dh = ax->plot.height;
  cairo_user_to_device_distance (cr, &dw, &dh);
  vector = cairo_surface_get_type (cairo_get_target (cr))
           != CAIRO_SURFACE_TYPE_IMAGE;
  if (vector)
    {
      /* SVG / PDF: device units are points; embed at 2 px per unit so a
       * zoomed page stays smooth (the viewer interpolates) */
      dw *= VECTOR_DENSITY;
      dh *= VECTOR_DENSITY;
    }
  iw = (int) CLAMP (ceil (fabs (dw)), 2, MAX_SIDE);
  ih = (int) CLAMP (ceil (fabs (dh)), 2, MAX_SIDE);
  sw = iw * (int) OVERSAMPLE;
  sh = ih * (int) OVERSAMPLE;

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
  cx = g_new (Coord, sw);
  cy = g_new (Coord, sh);
  coords (cx, sw, ax->plot.x, ax->plot.width, &panel, true, grid->x_min,
          grid->x_max, grid->nx);
  coords (cy, sh, ax->plot.y, ax->plot.height, &panel, false, grid->y_min,
          grid->y_max, grid->ny);

  /* one row of subsamples at a time */
  sub = g_new (uint32_t, (size_t) sw * (size_t) OVERSAMPLE);
  cairo_surface_flush (img);
  pix = cairo_image_surface_get_data (img);
  stride = cairo_image_surface_get_stride (img);
  for (int py = 0; py < ih; py++)
    {
      uint32_t *row = (uint32_t *) (pix + (size_t) py * stride);

      for (int r = 0; r < (int) OVERSAMPLE; r++)
        {
          const Coord *y = &cy[py * (int) OVERSAMPLE + r];
          const double *z0 = z + y->cell * grid->nx;
          const double *z1 = z0 + grid->nx;

          for (int sx = 0; sx < sw; sx++)
            {
              const Coord *x = &cx[sx];
              double v;

              if (!x->ok || !y->ok)
                {
                  sub[r * sw + sx] = 0;  /* transparent: off the grid */
                  continue;
                }
              /* bilinear: the interpolant marching squares approximates */
              v = (1 - y->t) * ((1 - x->t) * z0[x->cell]
                                + x->t * z0[x->cell + 1])
                  + y->t * ((1 - x->t) * z1[x->cell]
                            + x->t * z1[x->cell + 1]);
              sub[r * sw + sx] = isfinite (v)
                                 ? colors[band_fast (v, levels, n, step)] : 0;
            }
        }
      for (int px = 0; px < iw; px++)
        {
          unsigned a = 0, rr = 0, gg = 0, bb = 0;

          for (int r = 0; r < (int) OVERSAMPLE; r++)
            for (int q = 0; q < (int) OVERSAMPLE; q++)
              {
                uint32_t c = sub[r * sw + px * (int) OVERSAMPLE + q];

                a += c >> 24;
                rr += (c >> 16) & 255;
                gg += (c >> 8) & 255;
                bb += c & 255;
              }
          /* a box filter of premultiplied colours: exact coverage blend */
#define AVG(s) ((uint32_t) (((s) + SAMPLES / 2) / SAMPLES))
          row[px] = (AVG (a) << 24) | (AVG (rr) << 16) | (AVG (gg) << 8)
                    | AVG (bb);
#undef AVG
        }
    }
  cairo_surface_mark_dirty (img);

  cairo_save (cr);
  dln_axes_clip_plot (ax);
  cairo_translate (cr, ax->plot.x, ax->plot.y);
  cairo_scale (cr, ax->plot.width / iw, ax->plot.height / ih);
  cairo_set_source_surface (cr, img, 0, 0);
  /* one image pixel per device pixel: no resampling wanted on screen;
   * vector viewers may interpolate when zooming */
  cairo_pattern_set_filter (cairo_get_source (cr), vector ? CAIRO_FILTER_GOOD
                                                          : CAIRO_FILTER_FAST);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (img);
}
