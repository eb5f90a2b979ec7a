/* Data SVD: U, S and Vᵀ panels. */

#include "config.h"

#include "dln-figure-svd.h"

#include <math.h>
#include <stdio.h>

#define MAX_MODES 64

void
dln_figure_svd_render (cairo_t              *cr,
                       const DlnFigureStyle *style,
                       const DlnSvdData     *data,
                       double                width,
                       double                height,
                       DlnFigureGeometry    *geom)
{
  static const double ratios[3] = { 1.6, 0.8, 2.1 };
  DlnColorScale cs_u = { DLN_COLORMAP_DIVERGING, -1, 1, false };
  DlnColorScale cs = { DLN_COLORMAP_DIVERGING, -1, 1, false };
  DlnRect outer = { 0, 0, width, height }, panels[3], bar;
  char mode_text[MAX_MODES][8];
  const char *modes[MAX_MODES];
  double bw = dln_colorbar_width (cr, style, width, "−0.00", false);
  double top;
  size_t k = data->k < MAX_MODES ? data->k : MAX_MODES;
  DlnSeriesStyle s;
  DlnAxes ax;

  dln_figure_geometry_clear (geom, width, height);
  cairo_save (cr);
  dln_figure_fill_background (cr, style, width, height);
  dln_color_set_source (cr, style->foreground, 1.0);
  top = dln_figure_suptitle (cr, style, data->title, width);
  outer.y += top;
  outer.height -= top;
  outer.width -= bw;
  dln_layout_row (outer, 3, ratios, 0, panels);
  /* U and Vᵀ have unit columns / rows of very different lengths (8 vs N
   * entries), so each gets its own range, symmetric about 0, and bar. */
  dln_color_scale_fit (&cs_u, data->u, data->m * k, true);
  dln_color_scale_fit (&cs, data->vt, k * data->n, true);
  for (size_t i = 0; i < k; i++)
    {
      snprintf (mode_text[i], sizeof mode_text[i], "%zu", i + 1);
      modes[i] = mode_text[i];
    }

  /* U [m, k]: rows are the data's rows (items). */
  panels[0].width -= bw;
  dln_axes_init_matrix (&ax, cr, style, panels[0], data->m, k);
  snprintf (ax.name, sizeof ax.name, "u");
  dln_axes_set_title (&ax, data->u_title != NULL ? data->u_title : "U");
  dln_axes_set_xlabel (&ax, "mode");
  dln_axes_set_xcategories (&ax, modes, k, 0);
  if (data->row_names != NULL)
    dln_axes_set_ycategories (&ax, data->row_names, data->m);
  dln_axes_begin (&ax);
  dln_axes_matrix (&ax, data->u, data->m, k, &cs_u);
  dln_axes_end (&ax, geom);
  bar.x = panels[0].x + panels[0].width;
  bar.y = ax.plot.y - style->padding;
  bar.width = bw;
  bar.height = ax.plot.height + 2 * style->padding;
  dln_colorbar (cr, style, bar, &cs_u, NULL, NULL, 0);

  /* S: stems from 0, circles, optional reference crosses. */
  dln_axes_init (&ax, cr, style, panels[1]);
  snprintf (ax.name, sizeof ax.name, "s");
  dln_axes_set_title (&ax, "S");
  dln_axes_set_xlabel (&ax, "mode");
  dln_axes_set_ylabel (&ax, "singular value");
  dln_axes_set_xrange (&ax, -0.6, (double) k - 0.4);
  dln_axes_set_xcategories (&ax, modes, k, 0);
  {
    double zero = 0;

    dln_axes_fit (&ax, NULL, &zero, 1);
  }
  for (size_t i = 0; i < k; i++)
    {
      double x = (double) i;

      dln_axes_fit (&ax, &x, &data->s[i], 1);
      if (data->s_reference != NULL)
        dln_axes_fit (&ax, &x, &data->s_reference[i], 1);
    }
  ax.y.margin = 0.08;
  dln_axes_begin (&ax);
  dln_series_style_init (&s, style, DLN_COLOR_BLUE);
  for (size_t i = 0; i < k; i++)
    {
      double xs[2] = { (double) i, (double) i }, ys[2] = { 0, data->s[i] };

      s.label = NULL;
      dln_axes_line (&ax, xs, ys, 2, &s);
      dln_axes_marker (&ax, xs[0], data->s[i], DLN_MARKER_CIRCLE,
                       1.3 * style->marker_size, s.color, false);
      if (data->s_reference != NULL)
        dln_axes_marker (&ax, xs[0], data->s_reference[i], DLN_MARKER_CROSS,
                         1.3 * style->marker_size,
                         dln_figure_style_color (style, DLN_COLOR_VERMILLION),
                         false);
    }
  s.marker = DLN_MARKER_CIRCLE;
  s.label = "data";
  s.line_width = -1;
  dln_axes_legend_add (&ax, &s, 2);
  if (data->s_reference != NULL)
    {
      s.color = dln_figure_style_color (style, DLN_COLOR_VERMILLION);
      s.marker = DLN_MARKER_CROSS;
      s.label = "expected";
      dln_axes_legend_add (&ax, &s, 2);
    }
  dln_axes_legend (&ax, DLN_LEGEND_UPPER_RIGHT);
  dln_axes_end (&ax, geom);

  /* Vᵀ [k, n]: wide, not square cells. */
  dln_axes_init_matrix (&ax, cr, style, panels[2], k, data->n);
  ax.equal_aspect = false;
  snprintf (ax.name, sizeof ax.name, "vt");
  dln_axes_set_title (&ax, data->vt_title != NULL ? data->vt_title : "Vᵀ");
  dln_axes_set_ylabel (&ax, "mode");
  dln_axes_set_ycategories (&ax, modes, k);
  if (data->col_names != NULL && data->n <= DLN_AXES_MAX_CATEGORIES)
    dln_axes_set_xcategories (&ax, data->col_names, data->n, 90);
  else
    dln_axes_set_xlabel (&ax, "column");
  dln_axes_begin (&ax);
  dln_axes_matrix (&ax, data->vt, k, data->n, &cs);
  dln_axes_end (&ax, geom);

  bar.x = width - bw;
  bar.y = ax.plot.y - style->padding;
  bar.width = bw;
  bar.height = ax.plot.height + 2 * style->padding;
  dln_colorbar (cr, style, bar, &cs, NULL, NULL, 0);
  cairo_restore (cr);
}

DlnStatus
dln_figure_svd_csv (FILE             *out,
                    const DlnSvdData *d,
                    DlnMessage       *msg)
{
  fputs (d->s_reference != NULL ? "mode,s,reference\n" : "mode,s\n", out);
  for (size_t i = 0; i < d->k; i++)
    {
      fprintf (out, "%zu,", i + 1);
      dln_csv_write_double (out, d->s[i]);
      if (d->s_reference != NULL)
        {
          fputc (',', out);
          dln_csv_write_double (out, d->s_reference[i]);
        }
      fputc ('\n', out);
    }
  fputs ("\nrow", out);
  for (size_t i = 0; i < d->k; i++)
    fprintf (out, ",u%zu", i + 1);
  fputc ('\n', out);
  for (size_t r = 0; r < d->m; r++)
    {
      if (d->row_names != NULL)
        dln_csv_write_string (out, d->row_names[r]);
      else
        fprintf (out, "%zu", r + 1);
      for (size_t i = 0; i < d->k; i++)
        {
          fputc (',', out);
          dln_csv_write_double (out, d->u[r * d->k + i]);
        }
      fputc ('\n', out);
    }
  fputs ("\nmode", out);
  for (size_t c = 0; c < d->n; c++)
    {
      fputc (',', out);
      if (d->col_names != NULL)
        dln_csv_write_string (out, d->col_names[c]);
      else
        fprintf (out, "c%zu", c + 1);
    }
  fputc ('\n', out);
  for (size_t i = 0; i < d->k; i++)
    {
      fprintf (out, "%zu", i + 1);
      for (size_t c = 0; c < d->n; c++)
        {
          fputc (',', out);
          dln_csv_write_double (out, d->vt[i * d->n + c]);
        }
      fputc ('\n', out);
    }
  if (ferror (out))
    {
      dln_message_set (msg, 0, "write error");
      return DLN_STATUS_IO;
    }
  return DLN_STATUS_OK;
}
