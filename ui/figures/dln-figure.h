#pragma once

/* dlnlab figures: a small plotting layer on cairo + PangoCairo (no GTK).
 *
 * A figure is a pure function of data, style and size
 * (docs/architecture.md#figures):
 *
 *   void dln_figure_<kind>_render (cairo_t                 *cr,
 *                                  const DlnFigureStyle    *style,
 *                                  const Dln<Kind>Data     *data,
 *                                  double                   width,
 *                                  double                   height,
 *                                  DlnFigureGeometry       *geom);
 *
 * It draws into the rectangle (0, 0, width, height) in user units, keeps no
 * state, restores @cr, and fills @geom (nullable) with every panel's plot
 * area and data <-> pixel transforms, so widgets can do hover readouts,
 * clicks in data coordinates and zoom without re-deriving the layout. The
 * caller sets the scale (HiDPI, 2x PNG, points for SVG/PDF).
 *
 * Renderers are built from the immediate-mode DlnAxes below:
 *
 *   DlnAxes ax;
 *   dln_axes_init (&ax, cr, style, x, y, w, h);       outer rectangle
 *   dln_axes_set_title (&ax, "Training loss");
 *   dln_axes_set_xlabel (&ax, "epoch");
 *   dln_axes_set_ylabel (&ax, "MSE");
 *   dln_axes_set_ylog (&ax, true);
 *   dln_axes_fit (&ax, xs, ys, n);                      autoscale (finite only)
 *   dln_axes_begin (&ax);                               layout, frame, ticks
 *   dln_axes_line (&ax, xs, ys, n, &series);            data
 *   dln_axes_legend (&ax, DLN_LEGEND_AUTO);
 *   dln_axes_end (&ax, geom);                           panel -> geometry
 *
 * Widgets keep the geometry of their last draw and map pointer events:
 *
 *   int i = dln_figure_geometry_hit (&geom, x, y);              -1: none
 *   if (i >= 0 && geom.panels[i].kind != DLN_PANEL_3D)
 *     {
 *       double dx = dln_plot_panel_px_to_x (&geom.panels[i], x);
 *       double dy = dln_plot_panel_px_to_y (&geom.panels[i], y);
 *       ...  IMAGE panels: round (dx) is the column, round (dy) the row
 *     }
 *
 * Panels are named (DlnPlotPanel.name: "curves", "loss", "rsm", ...) so a
 * widget can find "its" panel whatever the layout. Shared x across
 * stacked panels: give them the same x range and set x.no_tick_labels on
 * all but the lowest.
 *
 * Colours come only from DlnFigureStyle (Okabe-Ito categories, perceptual
 * sequential maps, a diverging map symmetric about 0); series also differ by
 * dash or marker so figures read in greyscale. */

#include "dln-status.h"

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* --- Colours, colour maps and themes --- */

typedef struct
{
  double r, g, b, a;  /* 0 ... 1 each, straight (not premultiplied) alpha */
} DlnRgba;

typedef enum
{
  DLN_THEME_LIGHT = 0,
  DLN_THEME_DARK  = 1,
} DlnTheme;

/* Okabe & Ito (2008), "Color Universal Design": eight colours that stay
 * distinct for protan-, deutan- and tritanopes. Index into
 * DlnFigureStyle.categorical; BLACK is the theme's foreground (light grey in
 * the dark theme). Course colours map to these: red -> VERMILLION,
 * magenta -> PURPLE, cyan -> SKY_BLUE, blue -> BLUE, yellow -> YELLOW. */
typedef enum
{
  DLN_COLOR_BLACK      = 0,
  DLN_COLOR_ORANGE     = 1,
  DLN_COLOR_SKY_BLUE   = 2,
  DLN_COLOR_GREEN      = 3,  /* bluish green */
  DLN_COLOR_YELLOW     = 4,
  DLN_COLOR_BLUE       = 5,
  DLN_COLOR_VERMILLION = 6,
  DLN_COLOR_PURPLE     = 7,  /* reddish purple */
  DLN_N_COLORS         = 8,
} DlnColorIndex;

typedef enum
{
  DLN_COLORMAP_VIRIDIS = 0,  /* sequential, perceptually uniform */
  DLN_COLORMAP_CIVIDIS,      /* sequential, optimised for CVD */
  DLN_COLORMAP_PLASMA,       /* sequential (quiver magnitude, D06) */
  DLN_COLORMAP_PURPLES,      /* sequential white -> purple (similarity) */
  DLN_COLORMAP_GREYS,        /* sequential light -> dark grey (epochs) */
  DLN_COLORMAP_WINTER,       /* blue -> green (singular values, D15) */
  DLN_COLORMAP_DIVERGING,    /* blue - white - red, for signed values */
  DLN_COLORMAP_COOLWARM,     /* blue - grey - red (loss landscapes) */
  DLN_COLORMAP_NO_YES,       /* cyan (no, -1) -> magenta (yes, +1), D13 */
  DLN_N_COLORMAPS,
} DlnColormap;

typedef struct
{
  DlnTheme theme;
  DlnRgba  background;       /* page */
  DlnRgba  foreground;       /* text, axes, ticks */
  DlnRgba  muted;            /* minor ticks, secondary text */
  DlnRgba  grid;             /* grid lines */
  DlnRgba  legend_bg;        /* legend box fill */
  DlnRgba  categorical[DLN_N_COLORS];
  char     font_family[64];  /* Pango family list, e.g. "DejaVu Sans, sans" */
  double   font_size;        /* user units (px at scale 1): tick labels */
  double   label_scale;      /* axis labels = font_size * label_scale */
  double   title_scale;      /* titles = font_size * title_scale */
  double   line_width;       /* user units: data lines */
  double   axis_width;       /* user units: frame and ticks */
  double   tick_length;      /* user units: major ticks (minor: half) */
  double   marker_size;      /* user units: marker diameter */
  double   padding;          /* user units: outer margin of a panel */
  bool     grid_lines;       /* draw major grid lines */
} DlnFigureStyle;

/* dln_figure_style_init:
 * @style: filled in; not NULL
 * The preset for @theme: white background and near-black text (light) or a
 * dark grey background and light grey text (dark). Sizes are chosen so a
 * 1280x720 figure reads on a slide and a 336x240 (3.5-inch column at 96
 * dpi) figure in a paper; callers may edit fields afterwards. */
void    dln_figure_style_init        (DlnFigureStyle       *style,
                                      DlnTheme              theme);

/* dln_figure_style_color:
 * Returns categorical colour @index (wraps modulo DLN_N_COLORS). */
DlnRgba dln_figure_style_color       (const DlnFigureStyle *style,
                                      int                   index);

/* dln_colormap_eval:
 * @t: position in the map, clamped to [0, 1]; NaN gives transparent black
 * Returns the map's colour at @t (linear interpolation of its anchors). */
DlnRgba dln_colormap_eval            (DlnColormap           map,
                                      double                t);

/* dln_colormap_name / dln_colormap_from_name:
 * Stable lower-case names ("viridis", "diverging", ...); from_name returns
 * false for an unknown name and leaves @out untouched. */
const char *dln_colormap_name        (DlnColormap           map);
bool        dln_colormap_from_name   (const char           *name,
                                      DlnColormap          *out);

/* dln_color_set_source:
 * Sets @c (with its alpha multiplied by @alpha) as @cr's source. */
void    dln_color_set_source         (cairo_t              *cr,
                                      DlnRgba               c,
                                      double                alpha);

/* dln_color_luminance:
 * Relative luminance (WCAG 2.x, sRGB) of @c, 0 ... 1. */
double  dln_color_luminance          (DlnRgba               c);

/* --- Text (PangoCairo) --- */

/* Anchors: which point of the text's ink box sits at (x, y). */
typedef enum
{
  DLN_ANCHOR_START  = 0,  /* left / top */
  DLN_ANCHOR_CENTER = 1,
  DLN_ANCHOR_END    = 2,  /* right / bottom */
} DlnAnchor;

/* dln_figure_text:
 * @text:   UTF-8; Pango markup when @markup (e.g. "w<sub>1</sub>"), plain
 *          text otherwise (Unicode w₁, η, σ² need no markup)
 * @size:   font size in user units
 * @angle:  rotation in degrees, counter-clockwise (90: reads bottom-up)
 * @bold:   bold weight
 * @w, @h:  (nullable) receive the unrotated logical width and height
 * Draws one line (or several, separated by "\n") anchored at (@x, @y) in
 * the current source colour. Nothing is drawn when @cr is in an error
 * state; with @draw false only measures. */
void    dln_figure_text              (cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      const char           *text,
                                      bool                  markup,
                                      double                size,
                                      bool                  bold,
                                      double                x,
                                      double                y,
                                      DlnAnchor             ax,
                                      DlnAnchor             ay,
                                      double                angle,
                                      bool                  draw,
                                      double               *w,
                                      double               *h);

/* dln_figure_text_size:
 * Measures like dln_figure_text () without drawing. */
void    dln_figure_text_size         (cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      const char           *text,
                                      bool                  markup,
                                      double                size,
                                      bool                  bold,
                                      double               *w,
                                      double               *h);

/* dln_figure_fill_background:
 * Paints (0, 0, @w, @h) with the style's background. */
void    dln_figure_fill_background   (cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      double                w,
                                      double                h);

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

/* --- Geometry returned by renderers --- */

typedef enum
{
  DLN_PANEL_XY    = 0,  /* Cartesian axes (possibly log, possibly twin y) */
  DLN_PANEL_IMAGE = 1,  /* matrix image: x = column, y = row (row 0 on top) */
  DLN_PANEL_3D    = 2,  /* orthographic 3-D view: use dln_plot_panel_project3 */
  DLN_PANEL_GRAPH = 3,  /* node-link diagram; coordinates are pixels */
} DlnPanelKind;

typedef struct
{
  DlnPanelKind kind;
  char   name[32];        /* panel id: "loss", "rsm", ... */
  double x, y;            /* plot area, user units (top-left corner) */
  double width, height;   /* plot area, user units */
  double x_min, x_max;    /* data at the left / right edge */
  double y_min, y_max;    /* data at the bottom / top edge (IMAGE: y grows
                           * downwards, so y_min is the top row's edge) */
  bool   x_log, y_log;    /* log10 axes */
  bool   has_y2;          /* twin right axis */
  double y2_min, y2_max;
  bool   y2_log;
  /* DLN_PANEL_3D: pixel = centre + scale * (M · (p - centre3) normalised) */
  double m[2][3];         /* projection rows (x right, y up), unit box */
  double depth[3];        /* view direction, for depth sorting */
  double c3[3], s3[3];    /* data centre and half-extent per axis */
  double cx, cy, scale;   /* pixel centre and scale of the unit box */
} DlnPlotPanel;

#define DLN_FIGURE_MAX_PANELS 8

typedef struct
{
  double       width, height;  /* the whole figure, user units */
  size_t       n_panels;
  DlnPlotPanel panels[DLN_FIGURE_MAX_PANELS];
} DlnFigureGeometry;

/* dln_figure_geometry_clear:
 * @geom: (nullable) set to an empty geometry of size @w x @h */
void    dln_figure_geometry_clear    (DlnFigureGeometry    *geom,
                                      double                w,
                                      double                h);

/* dln_figure_geometry_hit:
 * Returns the index of the panel whose plot area contains (@px, @py), or
 * -1 when none does. */
int     dln_figure_geometry_hit      (const DlnFigureGeometry *geom,
                                      double                px,
                                      double                py);

/* Data <-> pixel transforms of one XY or IMAGE panel. Log axes map log10
 * linearly; a non-positive value on a log axis gives NaN. */
double  dln_plot_panel_x_to_px       (const DlnPlotPanel   *p,
                                      double                x);
double  dln_plot_panel_y_to_px       (const DlnPlotPanel   *p,
                                      double                y);
double  dln_plot_panel_y2_to_px      (const DlnPlotPanel   *p,
                                      double                y2);
double  dln_plot_panel_px_to_x       (const DlnPlotPanel   *p,
                                      double                px);
double  dln_plot_panel_px_to_y       (const DlnPlotPanel   *p,
                                      double                py);
double  dln_plot_panel_px_to_y2      (const DlnPlotPanel   *p,
                                      double                py);

/* dln_plot_panel_project3:
 * For a DLN_PANEL_3D panel: projects data point (@x, @y, @z) to pixels
 * (@px, @py) and returns its depth (larger = nearer the viewer). */
double  dln_plot_panel_project3      (const DlnPlotPanel   *p,
                                      double                x,
                                      double                y,
                                      double                z,
                                      double               *px,
                                      double               *py);

/* --- Layout --- */

typedef struct
{
  double x, y, width, height;
} DlnRect;

/* dln_layout_row:
 * Splits @outer into @n side-by-side rectangles with widths proportional
 * to @ratios (nullable: equal) and @gap user units between them. */
void    dln_layout_row               (DlnRect               outer,
                                      size_t                n,
                                      const double         *ratios,
                                      double                gap,
                                      DlnRect              *out);

/* dln_layout_column:
 * As dln_layout_row (), stacked top to bottom with heights by @ratios. */
void    dln_layout_column            (DlnRect               outer,
                                      size_t                n,
                                      const double         *ratios,
                                      double                gap,
                                      DlnRect              *out);

/* dln_figure_suptitle:
 * Draws a figure title centred at the top of (0, 0, @w, ...) and returns
 * the height it used (0 when @title is NULL or empty). */
double  dln_figure_suptitle          (cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      const char           *title,
                                      double                w);

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

/* dln_series_style_init:
 * A solid line in categorical colour @color_index with default width, no
 * markers and no label. */
void    dln_series_style_init        (DlnSeriesStyle       *s,
                                      const DlnFigureStyle *style,
                                      int                   color_index);

typedef enum
{
  DLN_LEGEND_AUTO = 0,  /* the corner covering the fewest drawn points */
  DLN_LEGEND_UPPER_RIGHT,
  DLN_LEGEND_UPPER_LEFT,
  DLN_LEGEND_LOWER_LEFT,
  DLN_LEGEND_LOWER_RIGHT,
  DLN_LEGEND_OUTSIDE_RIGHT,  /* right of the plot area (reserve with
                              * dln_axes_reserve_right ()) */
  DLN_LEGEND_NONE,
} DlnLegendPos;

#define DLN_AXES_MAX_LEGEND 16
#define DLN_AXES_OCC 12          /* occupancy grid for legend placement */
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
  int          legend_columns; /* 0 or 1: one column; n: entries row-major */
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

/* dln_axes_begin:
 * Finalises ranges (an empty axis shows 0 ... 1, log 1 ... 10; a zero-span
 * one is widened), measures tick labels, lays out the plot area, then
 * draws title, grid, frame, ticks and labels. After it, series may be
 * drawn; they are clipped to the plot area. */
void    dln_axes_begin               (DlnAxes              *ax);

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

/* dln_axes_line:
 * @x: (nullable) NULL means 0, 1, ..., n-1
 * A polyline through the points; a non-finite point (or non-positive on
 * a log axis) breaks it, and when the series ends in non-finite values
 * (training diverged) the last finite point gets a "diverged" marker
 * unless @s->no_diverged. Markers, start dot and end × per @s. */
void    dln_axes_line                (DlnAxes              *ax,
                                      const double         *x,
                                      const double         *y,
                                      size_t                n,
                                      const DlnSeriesStyle *s);

/* dln_axes_scatter:
 * Markers only (@s->marker, CIRCLE if NONE); non-finite points skipped.
 * @colors (nullable): one colour per point (overrides @s->color). */
void    dln_axes_scatter             (DlnAxes              *ax,
                                      const double         *x,
                                      const double         *y,
                                      size_t                n,
                                      const DlnSeriesStyle *s,
                                      const DlnRgba        *colors);

/* dln_axes_band:
 * A shaded vertical band from x = @x0 to @x1 over the full height
 * (@label nullable: legend entry). */
void    dln_axes_band                (DlnAxes              *ax,
                                      double                x0,
                                      double                x1,
                                      DlnRgba               color,
                                      double                alpha,
                                      const char           *label);

/* dln_axes_hline / dln_axes_vline:
 * A reference line across the plot area at y = @v (or x = @v). */
void    dln_axes_hline               (DlnAxes              *ax,
                                      double                v,
                                      const DlnSeriesStyle *s);
void    dln_axes_vline               (DlnAxes              *ax,
                                      double                v,
                                      const DlnSeriesStyle *s);

/* dln_axes_marker:
 * One marker of @kind, @size (user units), colour @c at data (@x, @y). */
void    dln_axes_marker              (DlnAxes              *ax,
                                      double                x,
                                      double                y,
                                      DlnMarker             kind,
                                      double                size,
                                      DlnRgba               c,
                                      bool                  y2);

/* dln_axes_text:
 * Text (Pango markup) at data point (@x, @y), anchored per @hx, @hy. */
void    dln_axes_text                (DlnAxes              *ax,
                                      double                x,
                                      double                y,
                                      const char           *markup,
                                      DlnAnchor             hx,
                                      DlnAnchor             hy,
                                      DlnRgba               c);

/* dln_axes_legend:
 * Draws the legend of every labelled series so far at @pos. AUTO picks
 * the inside corner whose box covers the fewest drawn points; ties go to
 * upper right, upper left, lower left, lower right, in that order.
 * Returns: the position drawn (never AUTO), or DLN_LEGEND_NONE when there
 * was nothing to draw. */
DlnLegendPos dln_axes_legend         (DlnAxes              *ax,
                                      DlnLegendPos          pos);

/* dln_axes_legend_add:
 * Adds a legend entry without drawing a series (kind: 0 line, 1 band,
 * 2 marker). */
void    dln_axes_legend_add          (DlnAxes              *ax,
                                      const DlnSeriesStyle *s,
                                      int                   kind);

/* dln_draw_marker:
 * Draws marker @kind of diameter @size centred at (@px, @py) in @c. */
void    dln_draw_marker              (cairo_t              *cr,
                                      DlnMarker             kind,
                                      double                px,
                                      double                py,
                                      double                size,
                                      DlnRgba               c,
                                      double                line_width);

/* dln_set_dash:
 * Applies @dash scaled to @line_width on @cr. */
void    dln_set_dash                 (cairo_t              *cr,
                                      DlnDash               dash,
                                      double                line_width);

/* --- Fields: images, colour bars, contours, quivers --- */

/* A scalar field on a regular grid: z[j * nx + i] is the value at
 * x = x_min + i (x_max - x_min) / (nx - 1), y = y_min + j (...) / (ny - 1).
 * nx, ny >= 2. Non-finite values are holes. */
typedef struct
{
  const double *z;
  size_t        nx, ny;
  double        x_min, x_max;
  double        y_min, y_max;
} DlnGrid;

typedef struct
{
  DlnColormap map;
  double      vmin, vmax;  /* colour range; vmin < vmax (log: both > 0) */
  bool        log;         /* log10 colour scale */
} DlnColorScale;

/* dln_color_scale_eval:
 * The colour of value @v under @cs (clamped; NaN: transparent). */
DlnRgba dln_color_scale_eval         (const DlnColorScale  *cs,
                                      double                v);

/* dln_color_scale_fit:
 * Sets @cs->vmin / vmax to the finite range of @v[0 .. n) (positive values
 * only when @cs->log); symmetric about 0 when @symmetric. A constant field
 * gets a unit-wide range around its value. */
void    dln_color_scale_fit          (DlnColorScale        *cs,
                                      const double         *v,
                                      size_t                n,
                                      bool                  symmetric);

/* dln_axes_matrix:
 * Draws matrix @m [rows, cols] (row-major) as cells: column j spans x in
 * [j - 0.5, j + 0.5], row i spans y in [i - 0.5, i + 0.5] (row 0 on top).
 * Use on an axes with image = true and ranges -0.5 ... cols-0.5 and
 * -0.5 ... rows-0.5 (dln_axes_init_matrix () sets all that). */
void    dln_axes_matrix              (DlnAxes              *ax,
                                      const double         *m,
                                      size_t                rows,
                                      size_t                cols,
                                      const DlnColorScale  *cs);

/* dln_axes_init_matrix:
 * dln_axes_init () for a matrix image of @rows x @cols cells. */
void    dln_axes_init_matrix         (DlnAxes              *ax,
                                      cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      DlnRect               outer,
                                      size_t                rows,
                                      size_t                cols);

/* dln_axes_heatmap:
 * Draws @grid as a smooth image (one cell per grid point, centred on it). */
void    dln_axes_heatmap             (DlnAxes              *ax,
                                      const DlnGrid        *grid,
                                      const DlnColorScale  *cs);

/* dln_colorbar:
 * A vertical colour bar at the left of @r (bar 30 % of @r's width, 10 ...
 * 24 units; ticks and @label, rotated, to its right; @r's top and bottom
 * padded by style->padding: pass the plot area's y and height plus and
 * minus padding to align with a panel).
 * @tick_labels (nullable): @n_ticks custom labels spread evenly from
 * vmin to vmax (D13's "no" / "yes"); @n_ticks = 0 with NULL labels: the
 * default nice ticks; @n_ticks < 0: no ticks (D16). */
void    dln_colorbar                 (cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      DlnRect               r,
                                      const DlnColorScale  *cs,
                                      const char           *label,
                                      const char *const    *tick_labels,
                                      int                   n_ticks);

/* dln_colorbar_value_y:
 * The y of value @v along the bar dln_colorbar () draws in @r: @cs's vmax
 * at the top of the bar, vmin at the bottom, linear (or, for a log scale,
 * logarithmic) in between. Ticks are placed with it. */
double  dln_colorbar_value_y         (const DlnFigureStyle *style,
                                      DlnRect               r,
                                      const DlnColorScale  *cs,
                                      double                v);

/* dln_colorbar_width:
 * The width @r should have for a colour bar with tick labels like @sample
 * and a label (the bar itself 4 % of @figure_width, 10 ... 24 units). */
double  dln_colorbar_width           (cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      double                figure_width,
                                      const char           *sample,
                                      bool                  has_label);

/* Segment callback of the contour tracer: one straight piece of the level
 * set from (x0, y0) to (x1, y1), in data coordinates. */
typedef void (*DlnSegmentFunc) (double x0,
                                double y0,
                                double x1,
                                double y1,
                                void  *user);

/* dln_contour_segments:
 * Marching squares on @grid at @level: linear interpolation along cell
 * edges; in saddle cells (corners alternate above / below) the centre
 * value (mean of the four corners) decides which pairs connect, so level
 * sets never cross. Cells with a non-finite corner are skipped. Calls @fn
 * once per segment and returns the number of segments. */
size_t  dln_contour_segments         (const DlnGrid        *grid,
                                      double                level,
                                      DlnSegmentFunc        fn,
                                      void                 *user);

/* dln_axes_contour:
 * Contour lines of @grid at @levels[0 .. n) in @s (colour per level from
 * @cs when not NULL). Labels each level with its value when @labelled. */
void    dln_axes_contour             (DlnAxes              *ax,
                                      const DlnGrid        *grid,
                                      const double         *levels,
                                      size_t                n,
                                      const DlnSeriesStyle *s,
                                      const DlnColorScale  *cs,
                                      bool                  labelled);

/* dln_axes_contour_filled:
 * Filled contours: each grid cell is split along the @levels (ascending,
 * n >= 2) into polygons of constant band colour (band k = [levels[k],
 * levels[k+1]), coloured at its midpoint by @cs); values below the first
 * / above the last level take the end colours. Saddles are consistent
 * with dln_contour_segments (). */
void    dln_axes_contour_filled      (DlnAxes              *ax,
                                      const DlnGrid        *grid,
                                      const double         *levels,
                                      size_t                n,
                                      const DlnColorScale  *cs);

/* dln_levels_linear / dln_levels_log:
 * Fills @out[0 .. n) with n >= 2 evenly spaced (log: geometrically spaced)
 * levels from @lo to @hi. */
void    dln_levels_linear            (double               *out,
                                      size_t                n,
                                      double                lo,
                                      double                hi);

typedef struct
{
  double      length;      /* user units of an arrow with |v| = ref */
  double      ref;         /* magnitude drawn at @length (> 0) */
  double      min_length;  /* user units; shorter arrows are lengthened to
                            * this (D06: max (1/40, |g|/50) of the width) */
  bool        normalise;   /* all arrows exactly @length (direction only) */
  DlnRgba     color;       /* used when !use_map */
  bool        use_map;     /* colour by magnitude under @cs */
  DlnColorScale cs;
  double      line_width;  /* 0: style default */
} DlnQuiverStyle;

/* dln_axes_quiver:
 * Arrows from (x[i], y[i]) along (u[i], v[i]) (data units of direction;
 * lengths per @q, in user units so they read the same on any aspect).
 * Non-finite or zero vectors draw nothing. */
void    dln_axes_quiver              (DlnAxes              *ax,
                                      const double         *x,
                                      const double         *y,
                                      const double         *u,
                                      const double         *v,
                                      size_t                n,
                                      const DlnQuiverStyle *q);

/* A scalar function of the plane for implicit curves. */
typedef double (*DlnFieldFunc) (double x,
                                double y,
                                void  *user);

/* dln_axes_implicit:
 * Draws the curve f(x, y) = @level over the visible range by sampling f
 * on a (@res x @res) grid (res >= 8) of the plot area and contouring it;
 * every branch (e.g. both of w₁w₂ = 1) is drawn. Cells with a
 * non-finite sample (poles) are skipped. */
void    dln_axes_implicit            (DlnAxes              *ax,
                                      DlnFieldFunc          f,
                                      void                 *user,
                                      double                level,
                                      size_t                res,
                                      const DlnSeriesStyle *s);

/* --- 3-D surfaces (orthographic) --- */

typedef struct
{
  double azimuth;    /* degrees, about z; matplotlib's convention */
  double elevation;  /* degrees above the x-y plane */
} DlnView3D;

typedef struct
{
  /* borrowed */
  cairo_t              *cr;
  const DlnFigureStyle *style;
  DlnRect       outer;
  DlnPlotPanel  panel;        /* kind DLN_PANEL_3D after dln_axes3d_init */
  double        z_min, z_max;
} DlnAxes3D;

/* dln_axes3d_init:
 * Sets up an orthographic view of the data box [@x_lo, @x_hi] x [@y_lo,
 * @y_hi] x [@z_lo, @z_hi] (each normalised to a unit cube, z squashed to
 * 0.8) inside @outer, seen from @view. Draws nothing. */
void    dln_axes3d_init              (DlnAxes3D            *ax,
                                      cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      DlnRect               outer,
                                      DlnView3D             view,
                                      double                x_lo,
                                      double                x_hi,
                                      double                y_lo,
                                      double                y_hi,
                                      double                z_lo,
                                      double                z_hi);

/* dln_axes3d_surface:
 * Draws @grid as quads sorted back to front (painter's algorithm),
 * coloured by height under @cs, shaded by a headlight (Lambert, 35 %
 * ambient), with @alpha. Quads with a non-finite corner are skipped. */
void    dln_axes3d_surface           (DlnAxes3D            *ax,
                                      const DlnGrid        *grid,
                                      const DlnColorScale  *cs,
                                      double                alpha);

/* A marker in 3-D, drawn in depth order with a surface's quads. */
typedef struct
{
  double    x, y, z;   /* data coordinates */
  DlnRgba   color;
  DlnMarker marker;    /* DLN_MARKER_NONE: a circle */
  double    size;      /* user units; <= 0: the style's marker size */
} DlnPoint3D;

/* dln_axes3d_surface_points:
 * As dln_axes3d_surface (), with @points [@n_points] sorted into the same
 * back-to-front order, so the parts of a path behind a hill are painted
 * before the hill (and hidden when @alpha is 1). A point lies on its
 * quad: it is drawn just in front of it (half a quad's depth). */
void    dln_axes3d_surface_points    (DlnAxes3D            *ax,
                                      const DlnGrid        *grid,
                                      const DlnColorScale  *cs,
                                      double                alpha,
                                      const DlnPoint3D     *points,
                                      size_t                n_points);

/* dln_axes3d_points / dln_axes3d_line:
 * Markers / a polyline through the 3-D points (non-finite skipped). */
void    dln_axes3d_points            (DlnAxes3D            *ax,
                                      const double         *x,
                                      const double         *y,
                                      const double         *z,
                                      size_t                n,
                                      const DlnSeriesStyle *s);
void    dln_axes3d_line              (DlnAxes3D            *ax,
                                      const double         *x,
                                      const double         *y,
                                      const double         *z,
                                      size_t                n,
                                      const DlnSeriesStyle *s);

/* dln_axes3d_box:
 * Draws the back edges of the data box faintly (depth cue). */
void    dln_axes3d_box               (DlnAxes3D            *ax);

/* dln_axes3d_end:
 * Stores the 3-D panel in @geom (nullable). */
void    dln_axes3d_end               (DlnAxes3D            *ax,
                                      DlnFigureGeometry    *geom);

/* --- Export --- */

typedef enum
{
  DLN_FIGURE_FORMAT_PNG = 0,
  DLN_FIGURE_FORMAT_SVG,
  DLN_FIGURE_FORMAT_PDF,
  DLN_FIGURE_FORMAT_CSV,
} DlnFigureFormat;

/* A type-erased renderer (what every dln_figure_<kind>_render () is, with
 * @data cast) and a CSV writer of the exact data behind it. */
typedef void      (*DlnFigureRenderFunc) (cairo_t              *cr,
                                          const DlnFigureStyle *style,
                                          const void           *data,
                                          double                width,
                                          double                height,
                                          DlnFigureGeometry    *geom);
typedef DlnStatus (*DlnFigureCsvFunc)    (FILE                 *out,
                                          const void           *data,
                                          DlnMessage           *msg);

/* Largest width or height accepted (user units), so a typo cannot ask
 * for a multi-gigabyte image. */
#define DLN_FIGURE_MAX_SIZE 16384.0
/* Smallest: below this no axis fits. */
#define DLN_FIGURE_MIN_SIZE 32.0

/* dln_figure_format_from_path:
 * From @path's extension (.png .svg .pdf .csv, any case). Returns
 * DLN_STATUS_OK, or DLN_STATUS_INVALID_INPUT with a message naming the
 * extension. */
DlnStatus dln_figure_format_from_path (const char          *path,
                                       DlnFigureFormat     *out,
                                       DlnMessage          *msg);

/* dln_figure_export:
 * @path:   file to write; an existing file is replaced atomically (the
 *          figure is written to a temporary file in the same directory,
 *          then renamed over @path), so readers never see half a file
 * @format: PNG, SVG or PDF (CSV: use dln_figure_export_csv ())
 * @width, @height: figure size in user units (CSS px), within
 *          [DLN_FIGURE_MIN_SIZE, DLN_FIGURE_MAX_SIZE]
 * @scale:  PNG only: device pixels per user unit (1 = @width px wide; 2
 *          for HiDPI); in (0, 8]. SVG and PDF are written at 96 user
 *          units per inch (0.75 pt per unit), fonts embedded by cairo.
 * Calls @render once onto the file's surface. Returns DLN_STATUS_OK,
 * DLN_STATUS_INVALID_INPUT (bad size, scale or format) or DLN_STATUS_IO
 * (cannot create, write or rename; @msg says which and why). */
DlnStatus dln_figure_export          (const char           *path,
                                      DlnFigureFormat       format,
                                      double                width,
                                      double                height,
                                      double                scale,
                                      DlnFigureRenderFunc   render,
                                      const DlnFigureStyle *style,
                                      const void           *data,
                                      DlnMessage           *msg);

/* dln_figure_export_csv:
 * Writes @csv's output for @data to @path atomically (as above). Returns
 * DLN_STATUS_OK, DLN_STATUS_IO, or the writer's status. */
DlnStatus dln_figure_export_csv      (const char           *path,
                                      DlnFigureCsvFunc      csv,
                                      const void           *data,
                                      DlnMessage           *msg);

/* dln_csv_write_double:
 * Writes @v with 17 significant digits (round-trips), C locale, "nan",
 * "inf", "-inf" for non-finite values. */
void      dln_csv_write_double       (FILE                 *out,
                                      double                v);

/* dln_csv_write_string:
 * Writes @s as a CSV field, quoted (RFC 4180) when it holds , " or a
 * newline. */
void      dln_csv_write_string       (FILE                 *out,
                                      const char           *s);
