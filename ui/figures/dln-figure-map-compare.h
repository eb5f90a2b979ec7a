#pragma once

/* D18: linear regression vs a zero-depth net vs the deep net. The 3 × 3
 * example's true and estimated weights (numbers in the cells), the
 * zero-depth loss curve (the deep one optional, dashed), and the "all
 * approximately equal" indicator with the largest differences. */

#include "dln-figure.h"

/* docs/demos.md#d18: the indicator's bound (absolute, every entry) and
 * the 3 × 3 example's sample count (docs/demos.md#regression-example),
 * shared by the page and the catalogue's map-compare. */
#define DLN_MAP_COMPARE_TOLERANCE 1e-2
#define DLN_MAP_COMPARE_SAMPLES   37

typedef struct
{
  size_t        rows, cols;   /* the small example (course: 3 × 3) */
  const double *w_true;       /* [rows, cols] */
  const double *w_est;        /* [rows, cols] closed-form estimate */
  const double *loss_zero;    /* [n_zero] zero-depth training loss */
  size_t        n_zero;
  const double *loss_deep;    /* (nullable) [n_deep] the D14 run */
  size_t        n_deep;
  double        diff_zero;    /* max |W* − W_zero| over entries */
  double        diff_deep;    /* max |W* − W_deep| (NaN: not computed) */
  double        tolerance;    /* the indicator's bound (course: 1e-2) */
} DlnMapCompareData;

/* dln_figure_map_compare_render:
 * Panels "true", "estimate" (matrices, 1 decimal in each cell, cividis
 * 0 ... 9) and "loss" (log y), and the indicator line at the bottom.
 * Renderer contract: dln-figure.h. */
DLN_FIGURE_DECLARE_RENDER (map_compare, DlnMapCompareData);

/* dln_figure_map_compare_csv:
 * "matrix,row,col,value" rows for true / estimate, a blank line,
 * "epoch,zero_depth[,deep]", a blank line, "diff_zero,diff_deep,
 * tolerance,all_equal". */
DLN_FIGURE_DECLARE_CSV (map_compare, DlnMapCompareData);

/* dln_figure_map_compare_all_equal:
 * The indicator: both differences finite and <= @data->tolerance (a NaN
 * deep difference means the deep map was not compared: zero-depth only). */
bool      dln_figure_map_compare_all_equal (const DlnMapCompareData *data);
