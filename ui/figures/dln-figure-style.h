#pragma once

/* Figure styles (light and dark themes), colours and colour maps, text
 * through PangoCairo, the geometry renderers report, and panel layout
 * (dln-figure-style.c). See dln-figure.h for how figures use them. */

#include "dln-figure-record.h"

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

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

/* The smallest text a figure draws, user units: 7 pt at the exports' 96
 * units per inch is 9.33 units, and it is over 9 px on screen. */
#define DLN_FIGURE_MIN_TEXT (28.0 / 3.0)

/* dln_figure_style_init:
 * @style: filled in; not NULL
 * The preset for @theme: white background and near-black text (light) or a
 * dark grey background and light grey text (dark). Sizes are chosen so a
 * 1280x720 figure reads on a slide and a 336x240 (3.5-inch column at 96
 * dpi) figure in a paper; callers may edit fields afterwards. */
void    dln_figure_style_init        (DlnFigureStyle       *style,
                                      DlnTheme              theme);

/* dln_figure_style_scale:
 * @factor: > 0; 1 changes nothing
 * Multiplies every size of @style (text, lines, ticks, markers, padding)
 * by @factor, so a figure lays out as it would at 1 / @factor of its
 * size and is drawn @factor times larger: presentation mode's type scale
 * (a figure read from the back of a room). Colours are untouched. */
void    dln_figure_style_scale       (DlnFigureStyle       *style,
                                      double                factor);

/* dln_figure_style_high_contrast:
 * Strengthens @style for the high-contrast setting: pure black (light)
 * or white (dark) text and axes, secondary text as strong as the
 * primary, darker grid lines and wider axis strokes. */
void    dln_figure_style_high_contrast (DlnFigureStyle     *style);

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
 * the current source colour, translated when @text is a msgid of po/. Nothing is drawn when @cr is in an error
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

typedef struct DlnFigureGeometry DlnFigureGeometry;

/* dln_figure_begin:
 * How a renderer starts: clears @geom (nullable) for a @w x @h figure,
 * saves @cr (the renderer ends with cairo_restore ()) and paints the
 * background. */
void    dln_figure_begin             (cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      double                w,
                                      double                h,
                                      DlnFigureGeometry    *geom);

/* dln_figure_begin_at_least:
 * dln_figure_begin () for a figure whose layout needs @min_width: a
 * narrower one (*@w > 0) is laid out @min_width wide, *@h grown in
 * proportion, and drawn scaled down as a whole (its text shrinks with
 * it). Sets *@w x *@h to the layout's size and returns the scale from
 * layout units to the caller's (1 when none), for
 * dln_figure_end_at_least (). */
double  dln_figure_begin_at_least    (cairo_t              *cr,
                                      const DlnFigureStyle *style,
                                      double               *w,
                                      double               *h,
                                      double                min_width,
                                      DlnFigureGeometry    *geom);

/* dln_figure_end_at_least:
 * Ends a dln_figure_begin_at_least () figure at scale @k: restores @cr
 * and brings the plot areas in @geom (nullable), recorded in layout
 * units, back to the caller's pixels, where hover and clicks arrive. */
void    dln_figure_end_at_least      (cairo_t              *cr,
                                      DlnFigureGeometry    *geom,
                                      double                k);

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

struct DlnFigureGeometry
{
  double       width, height;  /* the whole figure, user units */
  size_t       n_panels;
  DlnPlotPanel panels[DLN_FIGURE_MAX_PANELS];
};

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

/* --- Colour scales (maps a value range onto a colour map) --- */

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
