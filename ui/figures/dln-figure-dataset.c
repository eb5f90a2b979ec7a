/* D13: labels and features of the Tutorial 3 items. */

#include "config.h"

#include "dln-figure-dataset.h"

#include <math.h>

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
