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
 * Panels "labels" and "features" (square cells, shared by the layout
 * engine: side by side as the course, or stacked when the figure is tall)
 * and a colour bar reading "no" / "yes". Renderer contract: dln-figure.h. */
DLN_FIGURE_DECLARE_RENDER (dataset, DlnDatasetData);

/* --- Summary of a wide ±1 feature matrix ---
 * 10000 sampled features are far below a pixel each, and the first few
 * columns are a haphazard sample. Each column of the tree generator is
 * one ±1 pattern over the items, and the tree makes a few patterns
 * common (whole branches agreeing); grouping equal columns shows all of
 * them at once. */

#define DLN_PATTERN_MAX_ITEMS 64  /* a pattern is a bit mask over items */

typedef struct
{
  size_t n_columns;   /* columns summarised */
  size_t n_patterns;  /* distinct ±1 patterns among them */
  size_t n_shown;     /* patterns written out, most common first */
  size_t covered;     /* columns those patterns account for */
} DlnPatternSummary;

/* dln_dataset_pattern_summary:
 * @y:        [n_items, n_columns] row-major, every entry exactly ±1
 * @max_shown: patterns to write at most
 * @shown:    [n_items, max_shown] receives the @n_shown most common
 *            patterns as columns (ties: first seen first)
 * @counts:   [max_shown] receives how many columns each one stands for
 * Returns false (and writes nothing) when @n_items exceeds
 * DLN_PATTERN_MAX_ITEMS, @n_columns is 0 or an entry is not ±1. */
bool      dln_dataset_pattern_summary (const double      *y,
                                       size_t             n_items,
                                       size_t             n_columns,
                                       size_t             max_shown,
                                       double            *shown,
                                       size_t            *counts,
                                       DlnPatternSummary *summary);

/* dln_figure_dataset_csv:
 * "item,<feature names or f1..fn>" then one row per item. */
DLN_FIGURE_DECLARE_CSV (dataset, DlnDatasetData);
