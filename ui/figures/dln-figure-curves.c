/* Learning curves against epochs (D08, D09, D11, D12, D14, D18). */

#include "config.h"

#include "dln-figure-curves.h"

#include <math.h>

/* Position colours for unlabelled multi-curve plots: Okabe-Ito without
 * yellow (too light on white for a thin line). */
static const int position_colors[] = {
  DLN_COLOR_BLUE, DLN_COLOR_VERMILLION, DLN_COLOR_GREEN, DLN_COLOR_PURPLE,
  DLN_COLOR_ORANGE, DLN_COLOR_SKY_BLUE, DLN_COLOR_BLACK, DLN_COLOR_YELLOW,
};

/* Dashes cycle with colours so eight curves stay apart in greyscale. */
static const DlnDash position_dashes[] = {
  DLN_DASH_SOLID, DLN_DASH_DASHED, DLN_DASH_DASHDOT, DLN_DASH_DOTTED,
};

DlnRgba
dln_figure_curves_color (const DlnFigureStyle *style,
                         const DlnCurvesData  *data,
                         size_t                i)
{
  const DlnCurve *c = &data->curves[i];

  if (c->color >= 0)
    return dln_figure_style_color (style, c->color);
  return dln_figure_style_color (style, position_colors[i % 8]);
}

void
dln_figure_curves_render (cairo_t              *cr,
                          const DlnFigureStyle *style,
                          const DlnCurvesData  *data,
                          double                width,
                          double                height,
                          DlnFigureGeometry    *geom)
{
  DlnRect outer = { 0, 0, width, height };
  DlnAxes ax;

  dln_figure_begin (cr, style, width, height, geom);
  dln_axes_init (&ax, cr, style, outer);
  snprintf (ax.name, sizeof ax.name, "curves");
  dln_axes_set_title (&ax, data->title);
  dln_axes_set_xlabel (&ax, data->xlabel);
  dln_axes_set_ylabel (&ax, data->ylabel);
  dln_axes_set_ylog (&ax, data->log_y);
  if (data->x_min != 0 || data->x_max != 0)
    dln_axes_set_xrange (&ax, data->x_min, data->x_max);
  if (data->y_min != 0 || data->y_max != 0)
    dln_axes_set_yrange (&ax, data->y_min, data->y_max);
  for (size_t i = 0; i < data->n_curves; i++)
    if (!data->curves[i].hidden)
      dln_axes_fit_run (&ax, data->curves[i].x, data->curves[i].y,
                        data->curves[i].n);
  ax.x.margin = 0.02;
  ax.legend_columns = data->legend_columns;
  dln_axes_begin (&ax);
  for (size_t i = 0; i < data->n_curves; i++)
    {
      const DlnCurve *c = &data->curves[i];
      DlnSeriesStyle s;

      if (c->hidden)
        continue;
      dln_series_style_init (&s, style, DLN_COLOR_BLACK);
      s.color = dln_figure_curves_color (style, data, i);
      s.dash = c->dash;
      if (c->color < 0 && c->dash == DLN_DASH_SOLID)
        s.dash = position_dashes[(i / 2) % 4];
      s.line_width = c->line_width;
      s.label = c->label;
      dln_axes_line (&ax, c->x, c->y, c->n, &s);
    }
  dln_axes_legend (&ax, data->legend);
  dln_axes_end (&ax, geom);
  cairo_restore (cr);
}

DlnStatus
dln_figure_curves_csv (FILE                *out,
                       const DlnCurvesData *data,
                       DlnMessage          *msg)
{
  fputs ("curve,label,x,y\n", out);
  for (size_t i = 0; i < data->n_curves; i++)
    {
      const DlnCurve *c = &data->curves[i];

      for (size_t k = 0; k < c->n; k++)
        {
          fprintf (out, "%zu,", i);
          dln_csv_write_string (out, c->label != NULL ? c->label : "");
          fputc (',', out);
          dln_csv_write_double (out, c->x != NULL ? c->x[k] : (double) k);
          fputc (',', out);
          dln_csv_write_double (out, c->y[k]);
          fputc ('\n', out);
        }
    }
  return dln_csv_finish (out, "curves", msg);
}
