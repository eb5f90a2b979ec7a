#pragma once

/* D13 (and D17's variant): the Tutorial 3 task as two matrices, the
 * one-hot labels and a feature table, in the no (cyan, −1) / yes
 * (magenta, +1) map. */

#include "dln-figure.h"

typedef struct
{
  size_t             n_items;
  const char *const *item_names;     /* [n_items] */
  const double      *labels;         /* [n_items, n_items] (one-hot: I) */
  size_t             n_features;     /* columns shown */
  const double      *features;       /* [n_items, n_features], −1 ... +1;
                                      * 0/1 tables must be mapped to ±1 */
  const char *const *feature_names;  /* (nullable) [n_features] x labels */
  const char        *last_feature;   /* (nullable) D17: only the last
                                      * column is labelled, with this */
  const char        *features_title; /* (nullable) "10 random Features" */
} DlnDatasetData;

/* dln_figure_dataset_render:
 * Panels "labels" and "features" (width ratio 1 : 1.35 as the course)
 * and a colour bar reading "no" / "yes". Renderer contract: dln-figure.h. */
void      dln_figure_dataset_render (cairo_t              *cr,
                                     const DlnFigureStyle *style,
                                     const DlnDatasetData *data,
                                     double                width,
                                     double                height,
                                     DlnFigureGeometry    *geom);

/* dln_figure_dataset_csv:
 * "item,<feature names or f1..fn>" then one row per item. */
DlnStatus dln_figure_dataset_csv    (FILE                 *out,
                                     const DlnDatasetData *data,
                                     DlnMessage           *msg);
