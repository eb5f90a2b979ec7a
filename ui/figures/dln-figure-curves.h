#pragma once

/* Learning curves against epochs: D08 depth, D09 learning rate, D11
 * initialisation, D12 playground, D14 training loss, D18 zero-depth loss. */

#include "dln-figure.h"

typedef struct
{
  const double *x;           /* (nullable) n values; NULL: 0, 1, ..., n-1 */
  const double *y;           /* n values; NaN / Inf: not reached, diverged */
  size_t        n;
  const char   *label;       /* (nullable) legend entry, Pango markup */
  int           color;       /* DlnColorIndex; < 0: by position */
  DlnDash       dash;
  double        line_width;  /* user units; 0: style default */
  bool          hidden;      /* kept in CSV and colour order, not drawn */
} DlnCurve;

typedef struct
{
  const char     *title;     /* (nullable) Pango markup */
  const char     *xlabel;    /* (nullable) */
  const char     *ylabel;    /* (nullable) */
  const DlnCurve *curves;
  size_t          n_curves;
  bool            log_y;
  double          x_min, x_max;  /* both 0: autoscale */
  double          y_min, y_max;  /* both 0: autoscale */
  DlnLegendPos    legend;
  int             legend_columns;  /* 0: one column */
} DlnCurvesData;

/* dln_figure_curves_render:
 * One panel ("curves") of every visible curve; a curve ending in NaN/Inf
 * stops there with a "diverged" flag, and its blow-up before that does
 * not set the scale (dln_axes_fit_run). Renderer contract: dln-figure.h. */
DLN_FIGURE_DECLARE_RENDER (curves, DlnCurvesData);

/* dln_figure_curves_csv:
 * Long format, one row per point: curve,label,x,y (all curves, hidden
 * ones included). Returns DLN_STATUS_OK or DLN_STATUS_IO. */
DLN_FIGURE_DECLARE_CSV (curves, DlnCurvesData);

/* Colour of curve @i under @data's rules (for legends drawn by widgets). */
DlnRgba   dln_figure_curves_color  (const DlnFigureStyle *style,
                                    const DlnCurvesData  *data,
                                    size_t                i);
