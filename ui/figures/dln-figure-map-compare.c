/* D18: three routes to one linear map. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-figure-map-compare.h"
#include "dln-figure-layout.h"

#include <math.h>
#include <stdio.h>

bool
dln_figure_map_compare_all_equal (const DlnMapCompareData *d)
{
  if (!(isfinite (d->diff_zero) && d->diff_zero <= d->tolerance))
    return false;
  return isnan (d->diff_deep) || d->diff_deep <= d->tolerance;
}

static void
matrix_axes (DlnAxes              *ax,
             cairo_t              *cr,
             const DlnFigureStyle *style,
             DlnRect               r,
             const char           *name,
             const char           *title,
             size_t                rows,
             size_t                cols)
{
  dln_axes_init_matrix (ax, cr, style, r, rows, cols);
  snprintf (ax->name, sizeof ax->name, "%s", name);
  dln_axes_set_title (ax, title);
  dln_axes_set_xlabel (ax, N_("input"));
  dln_axes_set_ylabel (ax, N_("output"));
}

static void
draw_matrix (DlnAxes           *ax,
             const double      *m,
             size_t             rows,
             size_t             cols,
             DlnFigureGeometry *geom)
{
  DlnColorScale cs = { DLN_COLORMAP_CIVIDIS, 0, 9, false };

  dln_axes_begin (ax);
  dln_axes_matrix (ax, m, rows, cols, &cs);
  for (size_t i = 0; i < rows; i++)
    for (size_t j = 0; j < cols; j++)
      {
        DlnRgba c = dln_color_scale_eval (&cs, m[i * cols + j]);
        DlnRgba ink = { 0, 0, 0, 1 };
        char buf[32];

        if (dln_color_luminance (c) < 0.3)
          ink.r = ink.g = ink.b = 1;
        dln_format_number (buf, m[i * cols + j], 1);
        dln_axes_text (ax, (double) j, (double) i, buf, DLN_ANCHOR_CENTER,
                       DLN_ANCHOR_CENTER, ink, false);
      }
  dln_axes_end (ax, geom);
}

void
dln_figure_map_compare_render (cairo_t                 *cr,
                              const DlnFigureStyle    *style,
                              const DlnMapCompareData *data,
                              double                   width,
                              double                   height,
                              DlnFigureGeometry       *geom)
{
  DlnRect outer = { 0, 0, width, height };
  double rows = (double) (data->rows > 0 ? data->rows : 1);
  double cols = (double) (data->cols > 0 ? data->cols : 1);
  DlnPanelSpec spec[2];
  DlnInsets d[2];
  DlnPanelLayout lay;
  DlnAxes mat[2];
  char line[256], a[32], b[32];
  double fs = style->font_size, th;
  bool equal = dln_figure_map_compare_all_equal (data);
  DlnSeriesStyle s;
  DlnAxes ax;

  dln_figure_begin (cr, style, width, height, geom);

  /* Indicator line first, to know the height left for the panels. */
  snprintf (a, sizeof a, "%.2e", data->diff_zero);
  if (isnan (data->diff_deep))
    snprintf (b, sizeof b, "%s", _("not compared"));
  else
    snprintf (b, sizeof b, "%.2e", data->diff_deep);
  snprintf (line, sizeof line,
            _("<b>All approximately equal (|Δ| ≤ %g): %s</b>   max |W* − W<sub>zero</sub>| = %s,"
              "   max |W* − W<sub>deep</sub>| = %s"), data->tolerance,
            equal ? _("yes ✓") : _("no ✗"), a, b);
  dln_color_set_source (cr, equal ? dln_figure_style_color (style, DLN_COLOR_GREEN)
                                  : dln_figure_style_color (style, DLN_COLOR_VERMILLION),
                        1.0);
  dln_figure_text_size (cr, style, line, true, fs, false, NULL, &th);
  {
    double tw, size = fs;

    dln_figure_text_size (cr, style, line, true, fs, false, &tw, NULL);
    if (tw > width - 2 * style->padding && tw > 0)
      size = fs * (width - 2 * style->padding) / tw;
    dln_figure_text (cr, style, line, true, size, false, 0.5 * width,
                     height - style->padding, DLN_ANCHOR_CENTER,
                     DLN_ANCHOR_END, 0, true, NULL, NULL);
  }
  outer.height -= th + style->padding;

  /* The two maps are the comparison the page is about: side by side,
   * square cells wide enough for their numbers, and each more weight
   * than the loss curve, which keeps a plot area that still shows its
   * fall, beside them or below. The engine places the pair as one panel
   * (the room between the two plots counted with its left decoration). */
  matrix_axes (&mat[0], cr, style, outer, "true", N_("True weights"),
               data->rows, data->cols);
  matrix_axes (&mat[1], cr, style, outer, "estimate",
               N_("Estimated (closed form)"), data->rows, data->cols);
  dln_axes_init (&ax, cr, style, outer);
  spec[0] = (DlnPanelSpec) { .weight = 3, .aspect = 2 * cols / rows,
                             .min_width = 2 * 2.6 * fs * cols,
                             .min_height = 2.6 * fs * rows };
  spec[1] = (DlnPanelSpec) { .weight = 1, .min_width = 10 * fs,
                             .min_height = 6 * fs };
  snprintf (ax.name, sizeof ax.name, "loss");
  dln_axes_set_title (&ax, N_("Training loss for zero depth LNN"));
  dln_axes_set_xlabel (&ax, N_("Epoch"));
  dln_axes_set_ylabel (&ax, "MSE");
  dln_axes_set_ylog (&ax, true);
  dln_axes_fit_run (&ax, NULL, data->loss_zero, data->n_zero);
  if (data->loss_deep != NULL)
    dln_axes_fit_run (&ax, NULL, data->loss_deep, data->n_deep);
  ax.x.margin = 0.02;
  dln_axes_measure (&mat[0], &d[0]);
  dln_axes_measure (&mat[1], &d[1]);
  spec[0].deco = (DlnInsets) { d[0].left + d[0].right + d[1].left, d[1].right,
                               fmax (d[0].top, d[1].top),
                               fmax (d[0].bottom, d[1].bottom) };
  dln_axes_measure (&ax, &spec[1].deco);
  dln_panel_layout_solve (outer, spec, 2, 0,
                          DLN_ARRANGE_ROW | DLN_ARRANGE_COLUMN, 0, &lay);
  {
    double w = 0.5 * lay.plot[0].width, x = lay.outer[0].x;

    for (int i = 0; i < 2; i++)
      {
        mat[i].outer = (DlnRect) { x, lay.plot[0].y - d[i].top,
                                   d[i].left + w + d[i].right,
                                   d[i].top + lay.plot[0].height
                                   + d[i].bottom };
        x += mat[i].outer.width;
      }
  }
  ax.outer = lay.outer[1];
  draw_matrix (&mat[0], data->w_true, data->rows, data->cols, geom);
  draw_matrix (&mat[1], data->w_est, data->rows, data->cols, geom);
  dln_axes_begin (&ax);
  dln_series_style_init (&s, style, DLN_COLOR_BLUE);
  s.label = N_("zero depth");
  dln_axes_line (&ax, NULL, data->loss_zero, data->n_zero, &s);
  if (data->loss_deep != NULL)
    {
      dln_series_style_init (&s, style, DLN_COLOR_VERMILLION);
      s.dash = DLN_DASH_DASHED;
      s.label = N_("deep (8-30-N)");
      dln_axes_line (&ax, NULL, data->loss_deep, data->n_deep, &s);
    }
  dln_axes_legend (&ax, DLN_LEGEND_AUTO);
  dln_axes_end (&ax, geom);
  cairo_restore (cr);
}

DlnStatus
dln_figure_map_compare_csv (FILE                    *out,
                           const DlnMapCompareData *d,
                           DlnMessage              *msg)
{
  size_t n = d->n_zero > d->n_deep ? d->n_zero : d->n_deep;

  fputs ("matrix,row,col,value\n", out);
  for (int which = 0; which < 2; which++)
    for (size_t i = 0; i < d->rows; i++)
      for (size_t j = 0; j < d->cols; j++)
        {
          fprintf (out, "%s,%zu,%zu,", which == 0 ? "true" : "estimate", i, j);
          dln_csv_write_double (out, (which == 0 ? d->w_true : d->w_est)[i * d->cols + j]);
          fputc ('\n', out);
        }
  fputs (d->loss_deep != NULL ? "\nepoch,zero_depth,deep\n" : "\nepoch,zero_depth\n", out);
  for (size_t e = 0; e < n; e++)
    {
      fprintf (out, "%zu,", e);
      dln_csv_write_double (out, e < d->n_zero ? d->loss_zero[e] : NAN);
      if (d->loss_deep != NULL)
        {
          fputc (',', out);
          dln_csv_write_double (out, e < d->n_deep ? d->loss_deep[e] : NAN);
        }
      fputc ('\n', out);
    }
  fputs ("\ndiff_zero,diff_deep,tolerance,all_equal\n", out);
  dln_csv_write_doubles (out, (const double[]) { d->diff_zero, d->diff_deep,
                                                 d->tolerance }, 3);
  fprintf (out, ",%d\n", dln_figure_map_compare_all_equal (d) ? 1 : 0);
  return dln_csv_finish (out, "map-compare", msg);
}
