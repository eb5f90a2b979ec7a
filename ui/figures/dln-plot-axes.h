#pragma once

/* Axes: ticks, the series style, and DlnAxes, one immediate-mode panel
 * of a figure (dln-plot-axes.c). Series drawn on it: dln-plot-series.h. */

#include "dln-figure-layout.h"
#include "dln-figure-style.h"

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

/* --- Ticks --- */

#define DLN_TICKS_MAX 64

typedef struct
{
  size_t n;                        /* major ticks */
  double value[DLN_TICKS_MAX];     /* data values, ascending */
  char   label[DLN_TICKS_MAX][32]; /* UTF-8 ("" = unlabelled major tick) */
  size_t n_minor;
  double minor[DLN_TICKS_MAX];     /* minor tick values (log: 2..9 x 10^k) */
  double step;                     /* linear: spacing; log: decades/tick */
} DlnTicks;

/* dln_ticks_linear:
 * @lo, @hi:    finite data range, @lo < @hi
 * @max_ticks:  most major ticks wanted (>= 2)
 * "Nice" ticks: step = {1, 2, 5} x 10^k, the smallest such step giving at
 * most @max_ticks ticks inside [@lo, @hi] (with a tolerance of 1e-9 steps
 * so rounding does not drop an end tick). Labels use the fewest decimals
 * that tell ticks apart, a Unicode minus, and ×10ⁿ-free scientific form
 * ("1e-05" style is never used: "10⁻⁵" or "2×10⁻⁵") for |v| >= 1e5 or
 * step < 1e-4. */
void    dln_ticks_linear             (DlnTicks             *ticks,
                                      double                lo,
                                      double                hi,
                                      int                   max_ticks);

/* dln_ticks_log:
 * @lo, @hi: positive finite range, @lo < @hi
 * Major ticks at decades 10ᵏ (every m-th decade so at most @max_ticks),
 * labelled "10ᵏ" (or "1", "10", "0.1" ... when |k| <= 1); minor ticks at
 * 2..9 x 10ᵏ when the range spans fewer than 8 decades. A range inside one
 * decade falls back to linear ticks. */
void    dln_ticks_log                (DlnTicks             *ticks,
                                      double                lo,
                                      double                hi,
                                      int                   max_ticks);

/* dln_format_number:
 * Formats @v with @decimals (>= 0) decimals and a Unicode minus into @buf. */
char   *dln_format_number            (char                  buf[32],
                                      double                v,
                                      int                   decimals);

/* --- Axes: one panel of a figure --- */

typedef enum
{
  DLN_DASH_SOLID = 0,
  DLN_DASH_DASHED,     /* theory overlays */
  DLN_DASH_DOTTED,
  DLN_DASH_DASHDOT,
} DlnDash;

typedef enum
{
  DLN_MARKER_NONE = 0,
  DLN_MARKER_CIRCLE,
  DLN_MARKER_SQUARE,
  DLN_MARKER_TRIANGLE,
  DLN_MARKER_DIAMOND,
  DLN_MARKER_CROSS,    /* × (end of a trajectory) */
  DLN_MARKER_PLUS,
} DlnMarker;

typedef struct
{
  DlnRgba     color;
  double      line_width;   /* user units; 0: style->line_width; < 0: none */
  DlnDash     dash;
  DlnMarker   marker;       /* drawn at every point */
  double      marker_size;  /* user units (diameter); 0: style->marker_size */
  const char *label;        /* (nullable) legend entry, Pango markup */
  bool        y2;           /* against the twin right axis */
  bool        mark_start;   /* filled dot on the first finite point */
  bool        mark_end;     /* × on the last finite point */
  bool        no_diverged;  /* don't flag a trailing non-finite run */
} DlnSeriesStyle;

typedef enum
{
  DLN_LEGEND_AUTO = 0,  /* matplotlib's "best": of the corners, then the
                         * edge centres and the centre, the place covering
                         * the fewest drawn points; smaller text (to the
                         * floor) or more columns when every place covers
                         * some */
  DLN_LEGEND_UPPER_RIGHT,
  DLN_LEGEND_UPPER_LEFT,
  DLN_LEGEND_LOWER_LEFT,
  DLN_LEGEND_LOWER_RIGHT,
  DLN_LEGEND_OUTSIDE_RIGHT,  /* right of the plot area (reserve with
                              * dln_axes_reserve_right ()) */
  DLN_LEGEND_NONE,
  DLN_LEGEND_CENTER_RIGHT,
  DLN_LEGEND_CENTER_LEFT,
  DLN_LEGEND_LOWER_CENTER,
  DLN_LEGEND_UPPER_CENTER,
  DLN_LEGEND_CENTER,
  DLN_LEGEND_ABOVE,    /* in rows between the title and the plot area
                        * (reserve with dln_axes_reserve_legend_above ());
                        * AUTO goes there when reserved */
} DlnLegendPos;

#define DLN_AXES_MAX_LEGEND 16
#define DLN_AXES_OCC 32          /* occupancy grid for legend placement */
#define DLN_AXES_MAX_CATEGORIES 64

typedef struct
{
  double       lo, hi;       /* data range (after fit/set) */
  bool         fixed;        /* set explicitly: no margins, no autoscale */
  bool         fitted;       /* at least one finite value seen */
  bool         log;
  double       margin;       /* autoscale margin, fraction of the span */
  char         label[128];   /* axis label, Pango markup */
  bool         hidden;       /* no ticks, labels or frame line */
  bool         no_tick_labels;
  int          max_ticks;    /* 0: from the panel size */
  bool         integer;      /* ticks on integers only (matrix cells) */
  const char *const *categories;  /* (nullable) labels at 0, 1, ..., n-1 */
  size_t       n_categories;
  double       category_angle;    /* degrees; 90: vertical labels */
  double       tick_font;    /* computed: tick-label size (0: the style's);
                              * category names shrink to fit */
  DlnTicks     ticks;        /* computed by dln_axes_begin () */
} DlnAxis;

typedef struct
{
  /* borrowed */
  cairo_t              *cr;
  const DlnFigureStyle *style;
  /* configuration (set before dln_axes_begin ()) */
  DlnRect      outer;       /* the panel's rectangle, labels included */
  char         title[160];  /* Pango markup */
  DlnAxis      x, y, y2;    /* y2 is used when has_y2 */
  bool         has_y2;
  bool         image;       /* matrix panel: y inverted, no grid */
  bool         frame;       /* draw the four-sided box (default true) */
  bool         equal_aspect;/* one data unit = same pixels on x and y */
  double       reserve_right;  /* extra user units kept free on the right */
  size_t       legend_above_n;      /* entries of the legend kept above
                                     * the plot area (0: none) ... */
  double       legend_above_text_w; /* ... and their widest text */
  int          legend_columns; /* 0 or 1: one column; n: entries row-major */
  double       index_origin;   /* x of a series' first point when it has
                                * no x values (0; 1 for epochs 1 … n) */
  char         name[32];    /* panel id for the geometry */
  /* state (computed) */
  DlnRect      plot;        /* plot area after dln_axes_begin () */
  bool         begun;
  size_t       n_legend;
  DlnSeriesStyle legend[DLN_AXES_MAX_LEGEND];
  char         legend_text[DLN_AXES_MAX_LEGEND][96];
  int          legend_kind[DLN_AXES_MAX_LEGEND];  /* 0 line, 1 band, 2 scatter */
  unsigned     occ[DLN_AXES_OCC][DLN_AXES_OCC];   /* drawn points per cell */
} DlnAxes;

/* dln_axes_init:
 * @ax: filled with defaults for the panel rectangle (@x, @y, @w, @h) on
 *      @cr; @cr and @style are borrowed until dln_axes_end ().
 * Linear axes, 5 % autoscale margins, frame on, no title or labels. */
void    dln_axes_init                (DlnAxes              *ax,
                                      cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      DlnRect               outer);

void    dln_axes_set_title           (DlnAxes              *ax,
                                      const char           *markup);
void    dln_axes_set_xlabel          (DlnAxes              *ax,
                                      const char           *markup);
void    dln_axes_set_ylabel          (DlnAxes              *ax,
                                      const char           *markup);
/* dln_axes_set_y2label:
 * Also enables the twin right axis. */
void    dln_axes_set_y2label         (DlnAxes              *ax,
                                      const char           *markup);
void    dln_axes_set_xlog            (DlnAxes              *ax,
                                      bool                  log);
void    dln_axes_set_ylog            (DlnAxes              *ax,
                                      bool                  log);

/* dln_axes_set_xrange / _yrange / _y2range:
 * Fixes the shown range exactly (no margin, no autoscale). @lo < @hi,
 * both positive on a log axis; anything else is ignored. */
void    dln_axes_set_xrange          (DlnAxes              *ax,
                                      double                lo,
                                      double                hi);
void    dln_axes_set_yrange          (DlnAxes              *ax,
                                      double                lo,
                                      double                hi);
void    dln_axes_set_y2range         (DlnAxes              *ax,
                                      double                lo,
                                      double                hi);

/* dln_axes_set_xcategories / _ycategories:
 * Tick labels @names[i] at data value i (i < @n, n <= 64; borrowed until
 * dln_axes_end ()), rotated by @angle degrees (x: 90 = vertical). */
void    dln_axes_set_xcategories     (DlnAxes              *ax,
                                      const char *const    *names,
                                      size_t                n,
                                      double                angle);
void    dln_axes_set_ycategories     (DlnAxes              *ax,
                                      const char *const    *names,
                                      size_t                n);

/* dln_axes_fit / dln_axes_fit_y2:
 * Extends the autoscaled range to the finite points (x[i], y[i]) (y
 * may be NULL: x only; x may be NULL: y only). Non-finite values, and
 * non-positive ones on a log axis, are ignored. Fixed axes are untouched. */
void    dln_axes_fit                 (DlnAxes              *ax,
                                      const double         *x,
                                      const double         *y,
                                      size_t                n);
void    dln_axes_fit_y2              (DlnAxes              *ax,
                                      const double         *x,
                                      const double         *y2,
                                      size_t                n);

/* dln_axes_run_fit_cap:
 * A training run's curve (a loss, a weight or a prediction per epoch)
 * that diverged grows in magnitude until it overflows, then ends in NaN
 * or ±Inf. Its head is what comes before that final monotone growth in
 * |v|. When the run ends non-finite and its last finite point exceeds
 * 10³ × the head's largest magnitude, returns 10 × that magnitude (the
 * axis keeps the run before its divergence; the blow-up leaves the plot
 * and the "diverged" flag sits on its edge); else +Inf (fit everything).
 * Only for runs: a curve that may rise a thousandfold and then stop
 * (not reached) is not one. */
double  dln_axes_run_fit_cap         (const double         *v,
                                      size_t                n);

/* dln_axes_fit_run:
 * dln_axes_fit () for a run's curve: each of @x and @y is fitted only
 * within its dln_axes_run_fit_cap (). */
void    dln_axes_fit_run             (DlnAxes              *ax,
                                      const double         *x,
                                      const double         *y,
                                      size_t                n);

/* dln_axes_begin:
 * Finalises ranges (an empty axis shows 0 ... 1, log 1 ... 10; a zero-span
 * one is widened), measures tick labels, lays out the plot area, then
 * draws title, grid, frame, ticks and labels. After it, series may be
 * drawn; they are clipped to the plot area. */
void    dln_axes_begin               (DlnAxes              *ax);

/* dln_axes_reserve_legend_above:
 * Keeps rows between the title and the plot area for a legend of the @n
 * entries @labels (Pango markup; measured now, not kept): as many columns
 * as the plot area's width holds, so the legend (AUTO or ABOVE) never
 * covers data. For figures whose curves reach every corner. Call before
 * dln_axes_begin ().
 * dln_axes_legend_above_grid:
 * The columns and rows that legend takes over a plot area @plot_width
 * wide, and its font size (shrunk to the text floor when one column is
 * too wide). */
void    dln_axes_reserve_legend_above (DlnAxes             *ax,
                                       const char *const   *labels,
                                       size_t               n);
double  dln_axes_legend_above_grid    (const DlnAxes       *ax,
                                       double               plot_width,
                                       size_t              *cols,
                                       size_t              *rows);

/* dln_axes_measure:
 * The room the decorations (title, tick labels, axis labels, twin axis)
 * take around the plot area when the panel fills @ax->outer, measured
 * with Pango exactly as dln_axes_begin () will lay it out, for
 * dln_panel_layout_solve (). Draws nothing and leaves @ax unchanged. */
void    dln_axes_measure             (const DlnAxes        *ax,
                                      DlnInsets            *insets);

/* dln_axes_end:
 * Draws nothing more; stores the panel in @geom (nullable; ignored when it
 * already holds DLN_FIGURE_MAX_PANELS panels) and restores @cr. */
void    dln_axes_end                 (DlnAxes              *ax,
                                      DlnFigureGeometry    *geom);

/* dln_axes_panel:
 * The panel (plot area and transforms) as dln_axes_end () would store it;
 * valid after dln_axes_begin (). */
void    dln_axes_panel               (const DlnAxes        *ax,
                                      DlnPlotPanel         *panel);

/* Data -> user units, after dln_axes_begin (); NaN when not mappable. */
double  dln_axes_px                  (const DlnAxes        *ax,
                                      double                x);
double  dln_axes_py                  (const DlnAxes        *ax,
                                      double                y,
                                      bool                  y2);

/* dln_axes_clip_plot:
 * Clips @ax's cairo context to its plot area (the caller saves and
 * restores around it). */
void    dln_axes_clip_plot           (const DlnAxes        *ax);

/* dln_axes_init_square:
 * dln_axes_init () for a square plot (equal aspect) in a @width x @height
 * figure, @reserve_right kept right of it (a colour bar): the panel only
 * as wide as the plot needs, centred, so the y label stays by its axis on
 * wide canvases. */
void    dln_axes_init_square         (DlnAxes              *ax,
                                      cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      double                width,
                                      double                height,
                                      double                reserve_right);

/* dln_axes_init_matrix:
 * dln_axes_init () for a matrix image of @rows x @cols cells. */
void    dln_axes_init_matrix         (DlnAxes              *ax,
                                      cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      DlnRect               outer,
                                      size_t                rows,
                                      size_t                cols);
