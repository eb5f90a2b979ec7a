/* D10: the Register game's loss curve and its two scatter plots. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-figure-register.h"

#include <math.h>

void
dln_figure_register_render (cairo_t               *cr,
                            const DlnFigureStyle  *style,
                            const DlnRegisterData *data,
                            double                 width,
                            double                 height,
                            DlnFigureGeometry     *geom)
{
  DlnRect outer = { 0, 0, width, height }, rows[2], cols[2];
  DlnSeriesStyle s;
  DlnAxes ax;

  dln_figure_begin (cr, style, width, height, geom);
  dln_layout_column (outer, 2, NULL, 0, rows);
  dln_layout_row (rows[1], 2, NULL, 0, cols);

  dln_axes_init (&ax, cr, style, rows[0]);
  snprintf (ax.name, sizeof ax.name, "loss");
  dln_axes_set_title (&ax, data->title);
  dln_axes_set_xlabel (&ax, N_("epochs"));
  dln_axes_set_ylabel (&ax, "Log MSE");
  dln_axes_set_ylog (&ax, true);
  dln_axes_set_yrange (&ax, 0.001, 1.0);
  dln_axes_fit_run (&ax, NULL, data->loss, data->n_epochs);
  ax.x.margin = 0.02;
  dln_axes_begin (&ax);
  dln_series_style_init (&s, style, DLN_COLOR_PURPLE);
  s.line_width = 3;
  dln_axes_line (&ax, NULL, data->loss, data->n_epochs, &s);
  dln_axes_end (&ax, geom);

  dln_axes_init (&ax, cr, style, cols[0]);
  snprintf (ax.name, sizeof ax.name, "time");
  dln_axes_set_title (&ax, N_("Learning time vs depth"));
  dln_axes_set_xlabel (&ax, N_("Depth"));
  dln_axes_set_ylabel (&ax, N_("Learning time (Epochs)"));
  dln_axes_set_xrange (&ax, 5, 65);
  dln_axes_set_yrange (&ax, -10, 600);
  dln_axes_begin (&ax);
  dln_series_style_init (&s, style, DLN_COLOR_VERMILLION);
  s.marker = DLN_MARKER_CIRCLE;
  s.marker_size = 1.4 * style->marker_size;
  dln_axes_scatter (&ax, data->depth, data->time, data->n_points, &s, NULL);
  dln_axes_end (&ax, geom);

  dln_axes_init (&ax, cr, style, cols[1]);
  snprintf (ax.name, sizeof ax.name, "lr");
  dln_axes_set_title (&ax, N_("Empirically optimal η vs depth"));
  dln_axes_set_xlabel (&ax, N_("Depth"));
  dln_axes_set_ylabel (&ax, N_("Optimal learning rate"));
  dln_axes_set_xrange (&ax, 5, 65);
  dln_axes_set_yrange (&ax, 0.001, 0.105);
  dln_axes_begin (&ax);
  dln_axes_scatter (&ax, data->depth, data->lr, data->n_points, &s, NULL);
  dln_axes_end (&ax, geom);
  cairo_restore (cr);
}

DlnStatus
dln_figure_register_csv (FILE                  *out,
                         const DlnRegisterData *data,
                         DlnMessage            *msg)
{
  fputs ("epoch,loss\n", out);
  for (size_t e = 0; e < data->n_epochs; e++)
    {
      fprintf (out, "%zu,", e);
      dln_csv_write_double (out, data->loss[e]);
      fputc ('\n', out);
    }
  fputs ("\ndepth,lr,time\n", out);
  for (size_t i = 0; i < data->n_points; i++)
    {
      dln_csv_write_doubles (out, (const double[]) {
        data->depth[i], data->lr[i], data->time[i] }, 3);
      fputc ('\n', out);
    }
  if (ferror (out))
    {
      dln_message_set (msg, 0, "write error");
      return DLN_STATUS_IO;
    }
  return DLN_STATUS_OK;
}
