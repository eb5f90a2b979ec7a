/* D10: the Register game's loss curve and its two scatter plots. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-figure-register.h"

#include <math.h>

/* A scatter panel of @y (within @y_lo ... @y_hi) against the registered
 * depths. */
static void
depth_panel (cairo_t               *cr,
             const DlnFigureStyle  *style,
             DlnRect                r,
             const char            *name,
             const char            *title,
             const char            *ylabel,
             double                 y_lo,
             double                 y_hi,
             const DlnRegisterData *data,
             const double          *y,
             const DlnSeriesStyle  *s,
             DlnFigureGeometry     *geom)
{
  DlnAxes ax;

  dln_axes_init (&ax, cr, style, r);
  snprintf (ax.name, sizeof ax.name, "%s", name);
  dln_axes_set_title (&ax, title);
  dln_axes_set_xlabel (&ax, N_("Depth"));
  dln_axes_set_ylabel (&ax, ylabel);
  dln_axes_set_xrange (&ax, 5, 65);
  dln_axes_set_yrange (&ax, y_lo, y_hi);
  dln_axes_begin (&ax);
  dln_axes_scatter (&ax, data->depth, y, data->n_points, s, NULL);
  dln_axes_end (&ax, geom);
}

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

  dln_series_style_init (&s, style, DLN_COLOR_VERMILLION);
  s.marker = DLN_MARKER_CIRCLE;
  s.marker_size = 1.4 * style->marker_size;
  depth_panel (cr, style, cols[0], "time", N_("Learning time vs depth"),
               N_("Learning time (Epochs)"), -10, 600, data, data->time, &s,
               geom);
  depth_panel (cr, style, cols[1], "lr", N_("Empirically optimal η vs depth"),
               N_("Optimal learning rate"), 0.001, 0.105, data, data->lr, &s,
               geom);
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
  return dln_csv_finish (out, "register", msg);
}
