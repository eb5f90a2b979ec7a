/* D13: labels and features of the Tutorial 3 items. */

#include "config.h"

#include "dln-figure-dataset.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

void
dln_figure_dataset_render (cairo_t              *cr,
                           const DlnFigureStyle *style,
                           const DlnDatasetData *data,
                           double                width,
                           double                height,
                           DlnFigureGeometry    *geom)
{
  static const char *const no_yes[] = { "no", "yes" };
  static const double ratios[2] = { 1.0, 1.35 };
  DlnColorScale cs = { DLN_COLORMAP_NO_YES, -1, 1, false };
  DlnRect outer = { 0, 0, width, height }, panels[2], bar;
  const char *one[DLN_AXES_MAX_CATEGORIES] = { NULL };
  double bw = dln_colorbar_width (cr, style, width, "yes", false);
  DlnAxes ax;

  dln_figure_geometry_clear (geom, width, height);
  cairo_save (cr);
  dln_figure_fill_background (cr, style, width, height);
  outer.width -= bw;
  dln_layout_row (outer, 2, ratios, 0, panels);

  dln_axes_init_matrix (&ax, cr, style, panels[0], data->n_items,
                        data->n_items);
  snprintf (ax.name, sizeof ax.name, "labels");
  dln_axes_set_title (&ax, "Labels");
  dln_axes_set_xcategories (&ax, data->item_names, data->n_items, 90);
  dln_axes_set_ycategories (&ax, data->item_names, data->n_items);
  dln_axes_begin (&ax);
  dln_axes_matrix (&ax, data->labels, data->n_items, data->n_items, &cs);
  dln_axes_end (&ax, geom);

  dln_axes_init_matrix (&ax, cr, style, panels[1], data->n_items,
                        data->n_features);
  snprintf (ax.name, sizeof ax.name, "features");
  dln_axes_set_title (&ax, data->features_title != NULL
                               ? data->features_title : "Features");
  if (data->last_feature != NULL && data->n_features > 0
      && data->n_features <= DLN_AXES_MAX_CATEGORIES)
    {
      /* D17: one tick, on the appended feature. */
      for (size_t i = 0; i < data->n_features; i++)
        one[i] = "";
      one[data->n_features - 1] = data->last_feature;
      dln_axes_set_xcategories (&ax, one, data->n_features, 90);
    }
  else if (data->feature_names != NULL)
    dln_axes_set_xcategories (&ax, data->feature_names, data->n_features, 90);
  else
    ax.x.no_tick_labels = data->n_features > DLN_AXES_MAX_CATEGORIES;
  dln_axes_set_ycategories (&ax, data->item_names, data->n_items);
  dln_axes_begin (&ax);
  dln_axes_matrix (&ax, data->features, data->n_items, data->n_features, &cs);
  dln_axes_end (&ax, geom);

  /* The bar spans the feature panel's plot area. */
  bar.x = width - bw;
  bar.y = ax.plot.y - style->padding;
  bar.width = bw;
  bar.height = ax.plot.height + 2 * style->padding;
  dln_colorbar (cr, style, bar, &cs, NULL, no_yes, 2);
  cairo_restore (cr);
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
  if (ferror (out))
    {
      dln_message_set (msg, 0, "write error");
      return DLN_STATUS_IO;
    }
  return DLN_STATUS_OK;
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
