/* Data SVD: U, S and Vᵀ panels. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-figure-svd.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MODES 64
/* Vᵀ draws at least this many named columns, cutting its first columns
 * to what fits rather than dropping their names. */
#define MIN_NAMED_COLUMNS 8

/* Draws a colour bar @bw wide at @x beside the plot area of @ax. */
static void
bar_beside (const DlnAxes        *ax,
            const DlnFigureStyle *style,
            const DlnColorScale  *cs,
            double                x,
            double                bw)
{
  DlnRect bar = { x, ax->plot.y - style->padding, bw,
                  ax->plot.height + 2 * style->padding };

  dln_colorbar (ax->cr, style, bar, cs, NULL, NULL, 0);
}

/* --- Thousands of columns, summarised honestly ---
 * Vᵀ of the sampled data has one column per feature (10000): drawn in
 * their order they are noise. Sorted by their sign across the modes
 * (mode 1 first, then mode 2, ...) and, within a pattern, by their
 * value on the first mode that varies, the columns fall into the blocks
 * the modes make of the features; the axis says so. Only the drawing is
 * sorted: the CSV keeps the data's order, and hover maps a drawn column
 * back with dln_figure_svd_drawn_column (). */

typedef struct
{
  const double *vt;
  size_t        k, n;
} SortContext;

static int
compare_columns (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const SortContext *c = user_data;
  size_t ja = *(const size_t *) a, jb = *(const size_t *) b;

  for (size_t i = 0; i < c->k; i++)
    {
      bool pa = c->vt[i * c->n + ja] > 0, pb = c->vt[i * c->n + jb] > 0;

      if (pa != pb)
        return pa ? -1 : 1;
    }
  for (size_t i = 0; i < c->k; i++)
    {
      double va = c->vt[i * c->n + ja], vb = c->vt[i * c->n + jb];

      if (va != vb)
        return va > vb ? -1 : 1;
    }
  return ja < jb ? -1 : ja > jb;
}

/* The data's columns in the order drawn (g_free () it; NULL when out of
 * memory). */
static size_t *
column_order (const double *vt,
              size_t        k,
              size_t        n)
{
  SortContext c = { vt, k, n };
  size_t *order = g_try_new (size_t, n);

  if (order == NULL)
    return NULL;
  for (size_t j = 0; j < n; j++)
    order[j] = j;
  g_qsort_with_data (order, (int) n, sizeof *order, compare_columns, &c);
  return order;
}

bool
dln_figure_svd_drawn_column (const DlnSvdData *data,
                             size_t            drawn,
                             size_t           *column)
{
  size_t k = data->k < MAX_MODES ? data->k : MAX_MODES;
  g_autofree size_t *order = NULL;

  if (drawn >= data->n)
    return false;
  *column = drawn;
  if (data->n <= DLN_AXES_MAX_CATEGORIES)
    return true;
  order = column_order (data->vt, k, data->n);
  if (order == NULL)
    return false;
  *column = order[drawn];
  return true;
}

/* A copy of @vt [k, n] with its columns sorted as above (NULL when out
 * of memory). */
static double *
sorted_columns (const double *vt,
                size_t        k,
                size_t        n)
{
  size_t *order = column_order (vt, k, n);
  double *out = g_try_new (double, k * n);

  if (order == NULL || out == NULL)
    {
      g_free (order);
      g_free (out);
      return NULL;
    }
  for (size_t i = 0; i < k; i++)
    for (size_t j = 0; j < n; j++)
      out[i * n + j] = vt[i * n + order[j]];
  g_free (order);
  return out;
}

void
dln_figure_svd_render (cairo_t              *cr,
                       const DlnFigureStyle *style,
                       const DlnSvdData     *data,
                       double                width,
                       double                height,
                       DlnFigureGeometry    *geom)
{
  DlnColorScale cs_u = { DLN_COLORMAP_DIVERGING, -1, 1, false };
  DlnColorScale cs = { DLN_COLORMAP_DIVERGING, -1, 1, false };
  DlnRect outer = { 0, 0, width, height };
  char mode_text[MAX_MODES][8];
  const char *modes[MAX_MODES];
  double bw = dln_colorbar_width (cr, style, width, "−0.00", false);
  double fs = style->font_size, top;
  size_t k = data->k < MAX_MODES ? data->k : MAX_MODES;
  DlnPanelSpec spec[3];
  DlnPanelLayout lay;
  DlnSeriesStyle s;
  DlnAxes *ax = malloc (3 * sizeof *ax);
  double *vt_sorted = NULL;  /* owned: Vᵀ's columns as drawn */
  size_t n_drawn = data->n;   /* Vᵀ's columns drawn (the first ones) */

  if (ax == NULL)
    return;
  dln_figure_begin (cr, style, width, height, geom);
  dln_color_set_source (cr, style->foreground, 1.0);
  top = dln_figure_suptitle (cr, style, data->title, width);
  outer.y += top;
  outer.height -= top;
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
  dln_axes_init_matrix (&ax[0], cr, style, outer, data->m, k);
  snprintf (ax[0].name, sizeof ax[0].name, "u");
  dln_axes_set_title (&ax[0], data->u_title != NULL ? data->u_title : "U");
  dln_axes_set_xlabel (&ax[0], N_("mode"));
  dln_axes_set_xcategories (&ax[0], modes, k, 0);
  if (data->row_names != NULL)
    dln_axes_set_ycategories (&ax[0], data->row_names, data->m);

  /* S: stems from 0, circles, optional reference crosses. */
  dln_axes_init (&ax[1], cr, style, outer);
  snprintf (ax[1].name, sizeof ax[1].name, "s");
  dln_axes_set_title (&ax[1], "S");
  dln_axes_set_xlabel (&ax[1], N_("mode"));
  dln_axes_set_ylabel (&ax[1], N_("singular value"));
  dln_axes_set_xrange (&ax[1], -0.6, (double) k - 0.4);
  dln_axes_set_xcategories (&ax[1], modes, k, 0);
  {
    double zero = 0;

    dln_axes_fit (&ax[1], NULL, &zero, 1);
  }
  for (size_t i = 0; i < k; i++)
    {
      double x = (double) i;

      dln_axes_fit (&ax[1], &x, &data->s[i], 1);
      if (data->s_reference != NULL)
        dln_axes_fit (&ax[1], &x, &data->s_reference[i], 1);
    }
  ax[1].y.margin = 0.08;
  /* stems rise in every column: the legend gets a row above them */
  {
    static const char *const labels[2] = { N_("data"), N_("expected") };

    dln_axes_reserve_legend_above (&ax[1], labels,
                                   data->s_reference != NULL ? 2 : 1);
  }

  /* Vᵀ [k, n]: wide, not square cells. */
  dln_axes_init_matrix (&ax[2], cr, style, outer, k, data->n);
  ax[2].equal_aspect = false;
  snprintf (ax[2].name, sizeof ax[2].name, "vt");
  dln_axes_set_title (&ax[2], data->vt_title != NULL ? data->vt_title : "Vᵀ");
  dln_axes_set_ylabel (&ax[2], N_("mode"));
  dln_axes_set_ycategories (&ax[2], modes, k);
  if (data->col_names != NULL && data->n <= DLN_AXES_MAX_CATEGORIES)
    dln_axes_set_xcategories (&ax[2], data->col_names, data->n, 90);
  else if (data->n > DLN_AXES_MAX_CATEGORIES
           && (vt_sorted = sorted_columns (data->vt, k, data->n)) != NULL)
    dln_axes_set_xlabel (&ax[2], N_("columns, sorted by sign on modes 1, 2, …"));
  else
    dln_axes_set_xlabel (&ax[2], N_("column"));

  /* The item modes are the key picture: square cells of a readable size
   * and twice the weight; S needs room for one stem per mode, Vᵀ a
   * readable row per mode. */
  memset (spec, 0, sizeof spec);
  spec[0] = (DlnPanelSpec) {
    .weight = 2, .aspect = (double) k / (double) (data->m > 0 ? data->m : 1),
    .min_width = DLN_LAYOUT_MIN_CELL * (double) k,
    .min_height = DLN_LAYOUT_MIN_CELL * (double) data->m };
  spec[1] = (DlnPanelSpec) {
    .weight = 1, .min_width = fmax (8 * fs, 1.2 * fs * (double) k),
    .min_height = 6 * fs };
  spec[2] = (DlnPanelSpec) {
    .weight = 1.5, .min_width = 10 * fs,
    .min_height = DLN_LAYOUT_MIN_CELL * (double) k };
  if (data->n <= DLN_AXES_MAX_CATEGORIES)
    {
      /* named columns: square cells too */
      spec[2].aspect = (double) data->n / (double) (k > 0 ? k : 1);
      spec[2].min_width = DLN_LAYOUT_MIN_CELL * (double) data->n;
    }
  for (int i = 0; i < 3; i++)
    dln_axes_measure (&ax[i], &spec[i].deco);
  spec[0].deco.right += bw;
  spec[2].deco.right += bw;
  if (!dln_panel_layout_solve (outer, spec, 3, 0, DLN_ARRANGE_ALL, 0, &lay)
      && ax[2].x.categories != NULL)
    {
      /* Too many names for square cells: lay Vᵀ out as a free strip,
       * unnamed, then name as many of its first columns as that width
       * holds (the title says "first columns"; the CSV keeps them all). */
      const char *const *names = ax[2].x.categories;

      ax[2].x.categories = NULL;
      ax[2].x.n_categories = 0;
      spec[2].aspect = 0;
      spec[2].min_width = 10 * fs;
      dln_axes_measure (&ax[2], &spec[2].deco);
      spec[2].deco.right += bw;
      dln_panel_layout_solve (outer, spec, 3, 0, DLN_ARRANGE_ALL, 0, &lay);
      n_drawn = (size_t) floor (lay.plot[2].width / DLN_LAYOUT_MIN_CELL);
      n_drawn = MIN (data->n, MAX (MIN_NAMED_COLUMNS, n_drawn));
      dln_axes_set_xcategories (&ax[2], names, n_drawn, 90);
      dln_axes_set_xrange (&ax[2], -0.5, (double) n_drawn - 0.5);
      spec[2].min_width = DLN_LAYOUT_MIN_CELL * (double) n_drawn;
      dln_axes_measure (&ax[2], &spec[2].deco);
      spec[2].deco.right += bw;
      dln_panel_layout_solve (outer, spec, 3, 0, DLN_ARRANGE_ALL, 0, &lay);
    }
  for (int i = 0; i < 3; i++)
    ax[i].outer = lay.outer[i];
  ax[0].outer.width -= bw;
  ax[2].outer.width -= bw;

  dln_axes_begin (&ax[0]);
  dln_axes_matrix (&ax[0], data->u, data->m, k, &cs_u);
  dln_axes_end (&ax[0], geom);
  bar_beside (&ax[0], style, &cs_u, lay.outer[0].x + lay.outer[0].width - bw,
              bw);

  dln_axes_begin (&ax[1]);
  dln_series_style_init (&s, style, DLN_COLOR_BLUE);
  for (size_t i = 0; i < k; i++)
    {
      double xs[2] = { (double) i, (double) i }, ys[2] = { 0, data->s[i] };

      s.label = NULL;
      dln_axes_line (&ax[1], xs, ys, 2, &s);
      dln_axes_marker (&ax[1], xs[0], data->s[i], DLN_MARKER_CIRCLE,
                       1.3 * style->marker_size, s.color, false);
      if (data->s_reference != NULL)
        dln_axes_marker (&ax[1], xs[0], data->s_reference[i],
                         DLN_MARKER_CROSS, 1.3 * style->marker_size,
                         dln_figure_style_color (style, DLN_COLOR_VERMILLION),
                         false);
    }
  s.marker = DLN_MARKER_CIRCLE;
  s.label = N_("data");
  s.line_width = -1;
  dln_axes_legend_add (&ax[1], &s, 2);
  if (data->s_reference != NULL)
    {
      s.color = dln_figure_style_color (style, DLN_COLOR_VERMILLION);
      s.marker = DLN_MARKER_CROSS;
      s.label = N_("expected");
      dln_axes_legend_add (&ax[1], &s, 2);
    }
  dln_axes_legend (&ax[1], DLN_LEGEND_AUTO);
  dln_axes_end (&ax[1], geom);

  if (n_drawn < data->n)
    {
      /* the first n_drawn columns of each mode's row */
      vt_sorted = g_new (double, k * n_drawn);
      for (size_t i = 0; i < k; i++)
        memcpy (vt_sorted + i * n_drawn, data->vt + i * data->n,
                n_drawn * sizeof (double));
    }
  dln_axes_begin (&ax[2]);
  dln_axes_matrix (&ax[2], vt_sorted != NULL ? vt_sorted : data->vt, k,
                   n_drawn, &cs);
  dln_axes_end (&ax[2], geom);
  bar_beside (&ax[2], style, &cs, lay.outer[2].x + lay.outer[2].width - bw,
              bw);
  cairo_restore (cr);
  g_free (vt_sorted);
  free (ax);
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
  return dln_csv_finish (out, "SVD", msg);
}
