/* D01: filled contours of z = h(x, y) with +∇z arrows and a colour bar. */

#define G_LOG_DOMAIN "dln-figure-gradient-field"

#include "config.h"

#include "dln-figure-gradients.h"
#include "dln-plot-bands.h"

#include <glib.h>

#include <math.h>

/* its arrays follow the struct in one block, aligned by the struct's size */
G_STATIC_ASSERT (sizeof (DlnGradientFieldData) % G_ALIGNOF (double) == 0);

DlnGradientFieldData *
dln_gradient_field_data_new (size_t nx,
                             size_t ny,
                             size_t n_arrows)
{
  /* one block: the struct, the surface, then the arrows' four arrays */
  DlnGradientFieldData *data = g_malloc0 (sizeof *data
                                          + (nx * ny + 4 * n_arrows)
                                            * sizeof (double));

  data->nx = nx;
  data->ny = ny;
  data->z = (double *) (data + 1);
  data->n_arrows = n_arrows;
  data->ax = data->z + nx * ny;
  data->ay = data->ax + n_arrows;
  data->au = data->ay + n_arrows;
  data->av = data->au + n_arrows;
  data->n_levels = 20;
  data->map = DLN_COLORMAP_VIRIDIS;
  data->quiver_scale = 50.0;
  g_strlcpy (data->xlabel, "x", sizeof data->xlabel);
  g_strlcpy (data->ylabel, "y", sizeof data->ylabel);
  g_strlcpy (data->cbar_label, "z = h(x, y)", sizeof data->cbar_label);
  return data;
}

void
dln_gradient_field_data_free (DlnGradientFieldData *data)
{
  g_free (data);
}

/* Finite range of @v; FALSE when nothing is finite. */
static gboolean
finite_range (const double *v,
              size_t        n,
              double       *lo,
              double       *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (size_t i = 0; i < n; i++)
    if (isfinite (v[i]))
      {
        *lo = MIN (*lo, v[i]);
        *hi = MAX (*hi, v[i]);
      }
  if (!(*lo <= *hi))
    return FALSE;
  if (*hi - *lo < 1e-12 * MAX (1.0, fabs (*hi)))
    {
      /* a constant surface still gets a colour bar */
      *lo -= 0.5;
      *hi += 0.5;
    }
  return TRUE;
}

void
dln_figure_gradient_field_render (cairo_t                    *cr,
                                  const DlnFigureStyle       *style,
                                  const DlnGradientFieldData *data,
                                  double                      width,
                                  double                      height,
                                  DlnFigureGeometry          *geom)
{
  g_autofree double *levels = NULL;
  DlnColorScale cs = { .map = data->map };
  DlnQuiverStyle q = { 0 };
  DlnAxes ax;
  double zlo = 0.0, zhi = 1.0, cbw, gap = style->padding * 1.5;
  gboolean has_z;
  size_t n_levels = MAX (data->n_levels, 1);

  dln_figure_begin (cr, style, width, height, geom);

  has_z = data->nx >= 2 && data->ny >= 2
          && finite_range (data->z, data->nx * data->ny, &zlo, &zhi);
  cbw = has_z ? dln_colorbar_width (cr, style, width, "\xe2\x88\x92" "0.75",
                                    data->cbar_label[0] != '\0')
              : 0.0;

  dln_axes_init_square (&ax, cr, style, width, height,
                        has_z ? cbw + gap : 0.0);
  g_strlcpy (ax.name, "field", sizeof ax.name);
  if (data->title[0] != '\0')
    dln_axes_set_title (&ax, data->title);
  dln_axes_set_xlabel (&ax, data->xlabel);
  dln_axes_set_ylabel (&ax, data->ylabel);
  dln_axes_set_xrange (&ax, data->x_min, data->x_max);
  dln_axes_set_yrange (&ax, data->y_min, data->y_max);
  dln_axes_begin (&ax);

  if (has_z)
    {
      DlnGrid grid = {
        .z = data->z, .nx = data->nx, .ny = data->ny,
        .x_min = data->x_min, .x_max = data->x_max,
        .y_min = data->y_min, .y_max = data->y_max,
      };

      /* n bands need n + 1 boundaries spanning the data */
      levels = g_new (double, n_levels + 1);
      dln_levels_linear (levels, n_levels + 1, zlo, zhi);
      cs.vmin = zlo;
      cs.vmax = zhi;
      dln_axes_contour_filled_image (&ax, &grid, levels, n_levels + 1, &cs);
    }

  if (data->n_arrows > 0 && data->quiver_scale > 0)
    {
      /* matplotlib quiver (scale_units 'width', pivot 'tail'): an arrow
       * with |∇z| = scale spans the whole plot width */
      q.length = ax.plot.width;
      q.ref = data->quiver_scale;
      q.normalise = false;
      q.color = dln_figure_style_color (style, DLN_COLOR_VERMILLION);
      q.use_map = false;
      q.line_width = 0.0;
      dln_axes_quiver (&ax, data->ax, data->ay, data->au, data->av,
                       data->n_arrows, &q);
    }
  dln_axes_end (&ax, geom);

  if (has_z)
    dln_axes_colorbar_right (&ax, gap, cbw, &cs, data->cbar_label);
  cairo_restore (cr);
}

DlnStatus
dln_figure_gradient_field_csv (FILE       *out,
                               const void *data_,
                               DlnMessage *msg)
{
  const DlnGradientFieldData *data = data_;

  fputs ("kind,x,y,z,dzdx,dzdy\n", out);
  for (size_t j = 0; j < data->ny; j++)
    for (size_t i = 0; i < data->nx; i++)
      {
        double x = data->x_min + (data->x_max - data->x_min) * (double) i
                                 / (double) (data->nx - 1);
        double y = data->y_min + (data->y_max - data->y_min) * (double) j
                                 / (double) (data->ny - 1);

        fputs ("grid,", out);
        dln_csv_write_doubles (out, (const double[]) {
          x, y, data->z[j * data->nx + i] }, 3);
        fputs (",,\n", out);
      }
  for (size_t k = 0; k < data->n_arrows; k++)
    {
      fputs ("arrow,", out);
      dln_csv_write_doubles (out, (const double[]) { data->ax[k],
                                                     data->ay[k] }, 2);
      fputs (",,", out);
      dln_csv_write_doubles (out, (const double[]) { data->au[k],
                                                     data->av[k] }, 2);
      fputc ('\n', out);
    }
  return dln_csv_finish (out, "gradient-field", msg);
}
