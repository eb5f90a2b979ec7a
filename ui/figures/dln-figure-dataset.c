/* D13: labels and features of the Tutorial 3 items. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-figure-dataset.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The smallest cell of a table whose rows are named: a name's line at
 * the text floor, and the tenth of a font size the axes keep between
 * names (dln-plot-axes.c thin_categories), measured with Pango. */
static double
min_named_cell (cairo_t              *cr,
                const DlnFigureStyle *style)
{
  double h = 0;

  dln_figure_text_size (cr, style, "Ag", false, DLN_FIGURE_MIN_TEXT, false,
                        NULL, &h);
  return h + 0.1 * DLN_FIGURE_MIN_TEXT + 0.05;
}

/* The outer rectangle that puts @ax's plot area exactly on @plot. */
static DlnRect
outer_around (const DlnAxes *ax,
              DlnRect        plot)
{
  DlnInsets d;

  dln_axes_measure (ax, &d);
  return (DlnRect) { plot.x - d.left, plot.y - d.top,
                     plot.width + d.left + d.right,
                     plot.height + d.top + d.bottom };
}

/* Side by side, as the course draws them, the two tables share their
 * rows: the item names are written once, on the left, and both tables
 * get the same square cells, the largest the area holds, row against
 * row. FALSE (@ax unchanged) when those cells would be too small for
 * the names. */
static bool
shared_rows_layout (DlnAxes              *ax,
                    const DlnDatasetData *data,
                    DlnRect               area,
                    double                bar_width,
                    double                gap)
{
  DlnAxes left = ax[0], right = ax[1];
  DlnInsets d0, d1;
  double n_items = (double) data->n_items;
  double n_features = (double) data->n_features;
  double top, bottom, cell = 0, total, x;
  DlnRect p0 = area, p1 = area;

  if (data->n_items == 0 || data->n_features == 0)
    return false;
  right.y.categories = NULL;
  right.y.n_categories = 0;
  right.y.no_tick_labels = true;
  /* The names' room depends on the cells: column names too long for a
   * narrow column shrink (to the text floor) and so take less height,
   * which leaves taller cells. A few rounds settle it, starting from
   * the whole area (the largest names). */
  for (int round = 0; round < 4; round++)
    {
      dln_axes_measure (&left, &d0);
      dln_axes_measure (&right, &d1);
      top = fmax (d0.top, d1.top);
      bottom = fmax (d0.bottom, d1.bottom);
      cell = (area.height - top - bottom) / n_items;
      cell = fmin (cell, (area.width - d0.left - d0.right - d1.left
                          - d1.right - bar_width - gap)
                         / (n_items + n_features));
      if (!(cell > 0))
        return false;
      total = d0.left + n_items * cell + d0.right + gap + d1.left
              + n_features * cell + d1.right + bar_width;
      x = area.x + 0.5 * (area.width - total);
      p0 = (DlnRect) { x + d0.left, area.y + top
                       + 0.5 * (area.height - top - bottom - n_items * cell),
                       n_items * cell, n_items * cell };
      p1 = (DlnRect) { p0.x + p0.width + d0.right + gap + d1.left, p0.y,
                       n_features * cell, n_items * cell };
      left.equal_aspect = false;
      right.equal_aspect = false;
      left.outer = outer_around (&left, p0);
      right.outer = outer_around (&right, p1);
    }
  if (!(cell >= min_named_cell (left.cr, left.style)))
    return false;
  ax[0] = left;
  ax[1] = right;
  return true;
}

/* Do the cells of @lay's panel @i (@rows x @cols) hold a name each? */
static bool
names_fit (const DlnPanelLayout *lay,
           size_t                i,
           double                rows,
           double                cols,
           double                min_cell)
{
  return fmin (lay->plot[i].width / cols, lay->plot[i].height / rows)
         >= min_cell;
}

/* Stacked (D17's side panel), each table with its item names: the
 * engine gives each square cells, the feature table (the task's
 * content) the larger share. Where the cells would be too small for
 * the names, fewer decorations: the labels table (the identity, one
 * item per input) first loses its column names, which repeat its row
 * names, then gives its room to the feature table, which names the
 * items on its rows. Returns whether the labels table is drawn. */
static bool
stacked_layout (DlnAxes              *ax,
                const DlnDatasetData *data,
                DlnRect               outer,
                double                bar_width)
{
  double n_items = (double) (data->n_items > 0 ? data->n_items : 1);
  double n_features = (double) (data->n_features > 0 ? data->n_features : 1);
  double min_cell = min_named_cell (ax[0].cr, ax[0].style);
  DlnPanelSpec spec[2];
  DlnPanelLayout lay;

  spec[0] = (DlnPanelSpec) {
    .weight = 1, .aspect = 1, .min_width = DLN_LAYOUT_MIN_CELL * n_items,
    .min_height = DLN_LAYOUT_MIN_CELL * n_items };
  spec[1] = (DlnPanelSpec) {
    .weight = 1.5, .aspect = n_features / n_items,
    .min_width = DLN_LAYOUT_MIN_CELL * fmin (n_features, 64),
    .min_height = DLN_LAYOUT_MIN_CELL * n_items };
  for (int drop = 0; drop < 2; drop++)
    {
      if (drop == 1)
        {
          ax[0].x.categories = NULL;
          ax[0].x.n_categories = 0;
          ax[0].x.no_tick_labels = true;
        }
      dln_axes_measure (&ax[0], &spec[0].deco);
      dln_axes_measure (&ax[1], &spec[1].deco);
      spec[1].deco.right += bar_width;
      dln_panel_layout_solve (outer, spec, 2, 1,
                              DLN_ARRANGE_ROW | DLN_ARRANGE_COLUMN, 0, &lay);
      if (names_fit (&lay, 0, n_items, n_items, min_cell)
          && names_fit (&lay, 1, n_items, n_features, min_cell))
        break;
      if (drop == 1)
        {
          dln_panel_layout_solve (outer, &spec[1], 1, 0, DLN_ARRANGE_ROW, 0,
                                  &lay);
          ax[1].outer = lay.outer[0];
          ax[1].outer.width -= bar_width;
          return false;
        }
    }
  ax[0].outer = lay.outer[0];
  ax[1].outer = lay.outer[1];
  ax[1].outer.width -= bar_width;
  return true;
}

void
dln_figure_dataset_render (cairo_t              *cr,
                           const DlnFigureStyle *style,
                           const DlnDatasetData *data,
                           double                width,
                           double                height,
                           DlnFigureGeometry    *geom)
{
  static const char *const no_yes[] = { N_("no"), N_("yes") };
  DlnColorScale cs = { DLN_COLORMAP_NO_YES, -1, 1, false };
  DlnRect outer = { 0, 0, width, height }, bar;
  const char *one[DLN_AXES_MAX_CATEGORIES] = { NULL };
  double bw = dln_colorbar_width (cr, style, width, N_("yes"), false);
  bool labels_shown = true;
  DlnAxes *ax = malloc (2 * sizeof *ax);

  if (ax == NULL)
    return;
  dln_figure_begin (cr, style, width, height, geom);

  dln_axes_init_matrix (&ax[0], cr, style, outer, data->n_items,
                        data->n_items);
  snprintf (ax[0].name, sizeof ax[0].name, "labels");
  dln_axes_set_title (&ax[0], N_("Labels"));
  dln_axes_set_xcategories (&ax[0], data->item_names, data->n_items, 90);
  dln_axes_set_ycategories (&ax[0], data->item_names, data->n_items);

  dln_axes_init_matrix (&ax[1], cr, style, outer, data->n_items,
                        data->n_features);
  snprintf (ax[1].name, sizeof ax[1].name, "features");
  dln_axes_set_title (&ax[1], data->features_title != NULL
                                  ? data->features_title : N_("Features"));
  if (data->last_feature != NULL && data->n_features > 0
      && data->n_features <= DLN_AXES_MAX_CATEGORIES)
    {
      /* D17: one tick, on the appended feature. */
      for (size_t i = 0; i < data->n_features; i++)
        one[i] = "";
      one[data->n_features - 1] = data->last_feature;
      dln_axes_set_xcategories (&ax[1], one, data->n_features, 90);
    }
  else if (data->feature_names != NULL)
    dln_axes_set_xcategories (&ax[1], data->feature_names, data->n_features,
                              90);
  else
    ax[1].x.no_tick_labels = data->n_features > DLN_AXES_MAX_CATEGORIES;
  dln_axes_set_ycategories (&ax[1], data->item_names, data->n_items);

  if (!shared_rows_layout (ax, data, outer, bw, style->padding))
    labels_shown = stacked_layout (ax, data, outer, bw);

  if (labels_shown)
    {
      dln_axes_begin (&ax[0]);
      dln_axes_matrix (&ax[0], data->labels, data->n_items, data->n_items,
                       &cs);
      dln_axes_end (&ax[0], geom);
    }

  dln_axes_begin (&ax[1]);
  dln_axes_matrix (&ax[1], data->features, data->n_items, data->n_features,
                   &cs);
  dln_axes_end (&ax[1], geom);

  /* The bar spans the feature panel's plot area, beside it. */
  bar.x = ax[1].plot.x + ax[1].plot.width + style->padding;
  bar.y = ax[1].plot.y - style->padding;
  bar.width = bw;
  bar.height = ax[1].plot.height + 2 * style->padding;
  dln_colorbar (cr, style, bar, &cs, NULL, no_yes, 2);
  cairo_restore (cr);
  free (ax);
}

DlnStatus
dln_figure_dataset_csv (FILE                 *out,
                        const DlnDatasetData *data,
                        DlnMessage           *msg)
{
  fputs ("item", out);
  for (size_t j = 0; j < data->n_features; j++)
    {
      fputc (',', out);
      if (data->feature_names != NULL)
        dln_csv_write_string (out, data->feature_names[j]);
      else if (data->last_feature != NULL && j + 1 == data->n_features)
        dln_csv_write_string (out, data->last_feature);
      else
        fprintf (out, "f%zu", j + 1);
    }
  fputc ('\n', out);
  for (size_t i = 0; i < data->n_items; i++)
    {
      dln_csv_write_string (out, data->item_names[i]);
      for (size_t j = 0; j < data->n_features; j++)
        {
          fputc (',', out);
          dln_csv_write_double (out, data->features[i * data->n_features + j]);
        }
      fputc ('\n', out);
    }
  return dln_csv_finish (out, "dataset", msg);
}

typedef struct
{
  uint64_t mask;    /* bit i set: item i is +1 */
  size_t   count;
  size_t   first;   /* first column with it */
} Pattern;

static int
pattern_cmp (const void *a,
             const void *b)
{
  const Pattern *pa = a, *pb = b;

  if (pa->count != pb->count)
    return pa->count > pb->count ? -1 : 1;
  return pa->first < pb->first ? -1 : pa->first > pb->first;
}

static int
mask_cmp (const void *a,
          const void *b)
{
  const Pattern *pa = a, *pb = b;

  if (pa->mask != pb->mask)
    return pa->mask < pb->mask ? -1 : 1;
  return pa->first < pb->first ? -1 : pa->first > pb->first;
}

bool
dln_dataset_pattern_summary (const double      *y,
                             size_t             n_items,
                             size_t             n_columns,
                             size_t             max_shown,
                             double            *shown,
                             size_t            *counts,
                             DlnPatternSummary *summary)
{
  Pattern *cols;
  size_t n_distinct = 0;

  if (n_items == 0 || n_items > DLN_PATTERN_MAX_ITEMS || n_columns == 0)
    return false;
  cols = g_new (Pattern, n_columns);
  for (size_t j = 0; j < n_columns; j++)
    {
      uint64_t m = 0;

      for (size_t i = 0; i < n_items; i++)
        {
          double v = y[i * n_columns + j];

          if (v != 1.0 && v != -1.0)
            {
              g_free (cols);
              return false;
            }
          if (v > 0)
            m |= (uint64_t) 1 << i;
        }
      cols[j] = (Pattern) { m, 1, j };
    }
  /* equal masks next to each other (first column first), then merged */
  qsort (cols, n_columns, sizeof *cols, mask_cmp);
  for (size_t j = 0; j < n_columns; j++)
    if (n_distinct > 0 && cols[n_distinct - 1].mask == cols[j].mask)
      cols[n_distinct - 1].count++;
    else
      cols[n_distinct++] = cols[j];
  qsort (cols, n_distinct, sizeof *cols, pattern_cmp);
  summary->n_columns = n_columns;
  summary->n_patterns = n_distinct;
  summary->n_shown = MIN (n_distinct, max_shown);
  summary->covered = 0;
  for (size_t k = 0; k < summary->n_shown; k++)
    {
      for (size_t i = 0; i < n_items; i++)
        shown[i * summary->n_shown + k] = cols[k].mask >> i & 1 ? 1.0 : -1.0;
      counts[k] = cols[k].count;
      summary->covered += cols[k].count;
    }
  g_free (cols);
  return true;
}
