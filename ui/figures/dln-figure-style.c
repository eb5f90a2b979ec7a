/* Figure style: themes, the categorical palette, colour maps, text,
 * layout helpers and the geometry returned to widgets. One module because
 * every figure begins, colours, writes its text and reports its geometry
 * through these together; the text section (Pango layouts, measuring,
 * markup) is the longest. */

#include "config.h"

#include "dln-figure-style.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- Themes --- */

static DlnRgba
hex (unsigned rgb)
{
  DlnRgba c = { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                (rgb & 0xff) / 255.0, 1.0 };
  return c;
}

/* Okabe & Ito (2008), "Color Universal Design (CUD): how to make figures
 * and presentations that are friendly to colorblind people", the eight
 * colours in their order; black is replaced by the theme's foreground. */
static const unsigned okabe_ito[DLN_N_COLORS] = {
  0x000000, 0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00,
  0xCC79A7,
};

void
dln_figure_style_init (DlnFigureStyle *style,
                       DlnTheme        theme)
{
  memset (style, 0, sizeof *style);
  style->theme = theme;
  for (int i = 0; i < DLN_N_COLORS; i++)
    style->categorical[i] = hex (okabe_ito[i]);
  if (theme == DLN_THEME_DARK)
    {
      style->background = hex (0x1e1e1e);
      style->foreground = hex (0xdedede);
      style->muted = hex (0x9a9a9a);
      style->grid = hex (0x3a3a3a);
      style->legend_bg = hex (0x262626);
      style->legend_bg.a = 0.85;
      /* Black becomes light grey; Okabe-Ito blue (#0072B2) is too dark on a
       * dark page (contrast 2.6:1), so it is lifted to keep its hue. */
      style->categorical[DLN_COLOR_BLACK] = style->foreground;
      style->categorical[DLN_COLOR_BLUE] = hex (0x3d9ee0);
    }
  else
    {
      style->background = hex (0xffffff);
      style->foreground = hex (0x1a1a1a);
      style->muted = hex (0x6e6e6e);
      style->grid = hex (0xe6e6e6);
      style->legend_bg = hex (0xffffff);
      style->legend_bg.a = 0.85;
      style->categorical[DLN_COLOR_BLACK] = style->foreground;
    }
  strcpy (style->font_family, "DejaVu Sans, Noto Sans, sans-serif");
  /* Sized for a 1280x720 slide at scale 1 (13 px ticks ~ 10 pt) while
   * still legible when a 336 px column is exported. */
  style->font_size = 13.0;
  style->label_scale = 1.1;
  style->title_scale = 1.25;
  style->line_width = 2.0;
  style->axis_width = 1.0;
  style->tick_length = 5.0;
  style->marker_size = 7.0;
  style->padding = 8.0;
  style->grid_lines = true;
}

void
dln_figure_style_scale (DlnFigureStyle *style,
                        double          factor)
{
  if (!(factor > 0) || !isfinite (factor))
    return;
  style->font_size *= factor;
  style->line_width *= factor;
  style->axis_width *= factor;
  style->tick_length *= factor;
  style->marker_size *= factor;
  style->padding *= factor;
}

void
dln_figure_style_high_contrast (DlnFigureStyle *style)
{
  bool dark = style->theme == DLN_THEME_DARK;

  style->foreground = dark ? hex (0xffffff) : hex (0x000000);
  style->muted = style->foreground;
  style->grid = dark ? hex (0x6a6a6a) : hex (0xa0a0a0);
  style->legend_bg.a = 1.0;
  style->categorical[DLN_COLOR_BLACK] = style->foreground;
  style->axis_width *= 1.5;
}

DlnRgba
dln_figure_style_color (const DlnFigureStyle *style,
                        int                   index)
{
  int i = index % DLN_N_COLORS;

  if (i < 0)
    i += DLN_N_COLORS;
  return style->categorical[i];
}

void
dln_color_set_source (cairo_t *cr,
                      DlnRgba  c,
                      double   alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, c.a * alpha);
}

static double
srgb_to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

double
dln_color_luminance (DlnRgba c)
{
  return 0.2126 * srgb_to_linear (c.r) + 0.7152 * srgb_to_linear (c.g)
         + 0.0722 * srgb_to_linear (c.b);
}

/* --- Colour maps ---
 * Anchors are evenly spaced samples of the published maps; between them we
 * interpolate linearly in sRGB (the maps are smooth enough that 9 anchors
 * keep lightness monotone). Sources: matplotlib's viridis, cividis
 * (Nuñez et al. 2018) and plasma (van der Walt & Smith 2015) at 9 points;
 * ColorBrewer Purples-9 and Greys-9 (Brewer 2003); matplotlib winter
 * (linear blue -> spring green); ColorBrewer RdBu-11 reversed for the
 * diverging map (blue negative, red positive); Moreland's (2009) cool-warm;
 * matplotlib "cool" (cyan -> magenta) as the course's no/yes map. */

typedef struct
{
  const char     *name;
  size_t          n;
  const unsigned *anchors;
} Colormap;

static const unsigned viridis[] = {
  0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962,
  0xaddc30, 0xfde725,
};
static const unsigned cividis[] = {
  0x00224e, 0x123570, 0x3b496c, 0x575d6d, 0x707173, 0x8a8779, 0xa69d75,
  0xc4b56c, 0xfee838,
};
static const unsigned plasma[] = {
  0x0d0887, 0x4c02a1, 0x7e03a8, 0xa92395, 0xcc4778, 0xe56b5d, 0xf89540,
  0xfdc527, 0xf0f921,
};
static const unsigned purples[] = {
  0xfcfbfd, 0xefedf5, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x807dba, 0x6a51a3,
  0x54278f, 0x3f007d,
};
static const unsigned greys[] = {
  0xf0f0f0, 0xd9d9d9, 0xbdbdbd, 0x969696, 0x737373, 0x525252, 0x252525,
};
static const unsigned winter[] = { 0x0000ff, 0x00ff80 };
static const unsigned diverging[] = {
  0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7,
  0xf4a582, 0xd6604d, 0xb2182b, 0x67001f,
};
static const unsigned coolwarm[] = {
  0x3b4cc0, 0x6282ea, 0x8db0fe, 0xb8d0f9, 0xdddcdc, 0xf5c4ad, 0xf49a7b,
  0xde604d, 0xb40426,
};
static const unsigned no_yes[] = { 0x00ffff, 0xff00ff };

/* The anchor count comes from the table, so it cannot drift from it. */
#define COLORMAP(name, anchors) \
  { name, sizeof anchors / sizeof anchors[0], anchors }

static const Colormap colormaps[DLN_N_COLORMAPS] = {
  [DLN_COLORMAP_VIRIDIS]   = COLORMAP ("viridis", viridis),
  [DLN_COLORMAP_CIVIDIS]   = COLORMAP ("cividis", cividis),
  [DLN_COLORMAP_PLASMA]    = COLORMAP ("plasma", plasma),
  [DLN_COLORMAP_PURPLES]   = COLORMAP ("purples", purples),
  [DLN_COLORMAP_GREYS]     = COLORMAP ("greys", greys),
  [DLN_COLORMAP_WINTER]    = COLORMAP ("winter", winter),
  [DLN_COLORMAP_DIVERGING] = COLORMAP ("diverging", diverging),
  [DLN_COLORMAP_COOLWARM]  = COLORMAP ("coolwarm", coolwarm),
  [DLN_COLORMAP_NO_YES]    = COLORMAP ("no-yes", no_yes),
};

#undef COLORMAP

DlnRgba
dln_colormap_eval (DlnColormap map,
                   double      t)
{
  const Colormap *cm;
  DlnRgba a, b, c;
  double f;
  size_t i;

  if (isnan (t) || (unsigned) map >= DLN_N_COLORMAPS)
    {
      DlnRgba none = { 0, 0, 0, 0 };
      return none;
    }
  cm = &colormaps[map];
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  f = t * (double) (cm->n - 1);
  i = (size_t) floor (f);
  if (i >= cm->n - 1)
    i = cm->n - 2;
  f -= (double) i;
  a = hex (cm->anchors[i]);
  b = hex (cm->anchors[i + 1]);
  c.r = a.r + f * (b.r - a.r);
  c.g = a.g + f * (b.g - a.g);
  c.b = a.b + f * (b.b - a.b);
  c.a = 1.0;
  return c;
}

const char *
dln_colormap_name (DlnColormap map)
{
  if ((unsigned) map >= DLN_N_COLORMAPS)
    return "unknown";
  return colormaps[map].name;
}

bool
dln_colormap_from_name (const char  *name,
                        DlnColormap *out)
{
  for (int i = 0; i < DLN_N_COLORMAPS; i++)
    if (name != NULL && strcmp (name, colormaps[i].name) == 0)
      {
        *out = (DlnColormap) i;
        return true;
      }
  return false;
}

DlnRgba
dln_color_scale_eval (const DlnColorScale *cs,
                      double               v)
{
  double t;

  if (!isfinite (v) || (cs->log && v <= 0))
    return dln_colormap_eval (cs->map, NAN);
  if (cs->log)
    t = (log10 (v) - log10 (cs->vmin)) / (log10 (cs->vmax) - log10 (cs->vmin));
  else
    t = (v - cs->vmin) / (cs->vmax - cs->vmin);
  return dln_colormap_eval (cs->map, t);
}

void
dln_color_scale_fit (DlnColorScale *cs,
                     const double  *v,
                     size_t         n,
                     bool           symmetric)
{
  double lo = INFINITY, hi = -INFINITY;

  for (size_t i = 0; i < n; i++)
    {
      if (!isfinite (v[i]) || (cs->log && v[i] <= 0))
        continue;
      lo = fmin (lo, v[i]);
      hi = fmax (hi, v[i]);
    }
  if (lo > hi)
    {
      lo = cs->log ? 1.0 : 0.0;
      hi = cs->log ? 10.0 : 1.0;
    }
  if (symmetric && !cs->log)
    {
      double m = fmax (fabs (lo), fabs (hi));

      lo = -m;
      hi = m;
    }
  if (!(hi > lo))
    {
      if (cs->log)
        {
          lo /= 10.0;
          hi *= 10.0;
        }
      else
        {
          lo -= 0.5;
          hi += 0.5;
        }
    }
  cs->vmin = lo;
  cs->vmax = hi;
}

/* --- Text --- */

static PangoLayout *
make_layout (cairo_t              *cr,
             const DlnFigureStyle *style,
             const char           *text,
             bool                  markup,
             double                size,
             bool                  bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *fd = pango_font_description_from_string (style->font_family);
  PangoContext *ctx = pango_layout_get_context (layout);
  cairo_font_options_t *fo = cairo_font_options_create ();

  /* Metrics independent of the device scale, so a PNG at 2x and a PDF in
   * points lay out exactly like the widget. */
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (ctx, fo);
  cairo_font_options_destroy (fo);
  pango_cairo_context_set_resolution (ctx, 72.0);  /* size is in user units */
  pango_layout_context_changed (layout);

  pango_font_description_set_absolute_size (fd, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (fd, PANGO_WEIGHT_SEMIBOLD);
  pango_layout_set_font_description (layout, fd);
  pango_font_description_free (fd);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Measuring is most of a figure's cost: the layout engine measures the
 * same labels for every candidate font size and arrangement, and each
 * measure shapes the text with Pango. The sizes found are kept on the
 * cairo context, so they last one render (a figure stays a function of
 * its arguments), keyed by everything a size depends on: the font, the
 * text and the context's linear transformation. */
static const cairo_user_data_key_t sizes_key;

typedef struct
{
  double w;
  double h;
} TextSize;

/* The size cache of @cr, created on first use; NULL when cairo cannot
 * keep it (out of memory), then every measure shapes its text. */
static GHashTable *
sizes_of (cairo_t *cr)
{
  GHashTable *sizes = cairo_get_user_data (cr, &sizes_key);

  if (sizes != NULL)
    return sizes;
  sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (cairo_set_user_data (cr, &sizes_key, sizes,
                           (cairo_destroy_func_t) g_hash_table_unref)
      != CAIRO_STATUS_SUCCESS)
    {
      g_hash_table_unref (sizes);
      return NULL;
    }
  return sizes;
}

static char *
size_key (cairo_t              *cr,
          const DlnFigureStyle *style,
          const char           *text,
          bool                  markup,
          double                size,
          bool                  bold)
{
  cairo_matrix_t m;

  cairo_get_matrix (cr, &m);
  /* %a: exact, so two sizes one rounding apart never share an entry */
  return g_strdup_printf ("%s\x1f%a %d %d %a %a %a %a\x1f%s",
                          style->font_family, size, markup, bold, m.xx, m.yx,
                          m.xy, m.yy, text);
}

void
dln_figure_text (cairo_t              *cr,
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
                 double               *h)
{
  PangoLayout *layout;
  PangoRectangle logical;
  double lw, lh;

  if (text == NULL || *text == '\0')
    {
      if (w != NULL)
        *w = 0;
      if (h != NULL)
        *h = 0;
      return;
    }
  /* Every label reaches the page through here, so this is where a figure
   * speaks the user's language: literal titles, axis labels and legends
   * are marked N_() where they are written. The CLI runs with
   * LC_MESSAGES=C, so its exports read the same everywhere. */
  text = g_dgettext (GETTEXT_PACKAGE, text);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      /* Estimate so layouts stay sane; nothing is drawn. */
      if (w != NULL)
        *w = 0.6 * size * (double) strlen (text);
      if (h != NULL)
        *h = 1.2 * size;
      return;
    }
  if (!draw)
    {
      GHashTable *sizes = sizes_of (cr);
      g_autofree char *key = sizes != NULL ? size_key (cr, style, text,
                                                       markup, size, bold)
                                           : NULL;
      const TextSize *known = key != NULL ? g_hash_table_lookup (sizes, key)
                                          : NULL;
      TextSize found;

      if (known != NULL)
        found = *known;
      else
        {
          layout = make_layout (cr, style, text, markup, size, bold);
          pango_layout_get_extents (layout, NULL, &logical);
          g_object_unref (layout);
          found.w = (double) logical.width / PANGO_SCALE;
          found.h = (double) logical.height / PANGO_SCALE;
          if (key != NULL)
            g_hash_table_insert (sizes, g_steal_pointer (&key),
                                 g_memdup2 (&found, sizeof found));
        }
      if (w != NULL)
        *w = found.w;
      if (h != NULL)
        *h = found.h;
      return;
    }
  layout = make_layout (cr, style, text, markup, size, bold);
  pango_layout_get_extents (layout, NULL, &logical);
  lw = (double) logical.width / PANGO_SCALE;
  lh = (double) logical.height / PANGO_SCALE;
  if (w != NULL)
    *w = lw;
  if (h != NULL)
    *h = lh;
  if (draw)
    {
      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_rotate (cr, -angle * M_PI / 180.0);
      cairo_move_to (cr, -0.5 * (double) ax * lw
                         - (double) logical.x / PANGO_SCALE,
                     -0.5 * (double) ay * lh
                         - (double) logical.y / PANGO_SCALE);
      pango_cairo_update_layout (cr, layout);
      dln_figure_record_layout (cr, layout, size);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
  g_object_unref (layout);
}

void
dln_figure_text_size (cairo_t              *cr,
                      const DlnFigureStyle *style,
                      const char           *text,
                      bool                  markup,
                      double                size,
                      bool                  bold,
                      double               *w,
                      double               *h)
{
  dln_figure_text (cr, style, text, markup, size, bold, 0, 0,
                   DLN_ANCHOR_START, DLN_ANCHOR_START, 0, false, w, h);
}

void
dln_figure_fill_background (cairo_t              *cr,
                            const DlnFigureStyle *style,
                            double                w,
                            double                h)
{
  cairo_save (cr);
  dln_color_set_source (cr, style->background, 1.0);
  cairo_rectangle (cr, 0, 0, w, h);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
dln_figure_begin (cairo_t              *cr,
                  const DlnFigureStyle *style,
                  double                w,
                  double                h,
                  DlnFigureGeometry    *geom)
{
  dln_figure_geometry_clear (geom, w, h);
  cairo_save (cr);
  dln_figure_fill_background (cr, style, w, h);
}

double
dln_figure_begin_at_least (cairo_t              *cr,
                           const DlnFigureStyle *style,
                           double               *w,
                           double               *h,
                           double                min_width,
                           DlnFigureGeometry    *geom)
{
  double k = 1;

  dln_figure_begin (cr, style, *w, *h, geom);
  if (*w < min_width && *w > 0)
    {
      k = *w / min_width;
      cairo_scale (cr, k, k);
      *w = min_width;
      *h /= k;
    }
  return k;
}

void
dln_figure_end_at_least (cairo_t           *cr,
                         DlnFigureGeometry *geom,
                         double             k)
{
  cairo_restore (cr);
  if (geom == NULL || k == 1)
    return;
  for (size_t i = 0; i < geom->n_panels; i++)
    {
      DlnPlotPanel *p = &geom->panels[i];

      p->x *= k;
      p->y *= k;
      p->width *= k;
      p->height *= k;
    }
}

double
dln_figure_suptitle (cairo_t              *cr,
                     const DlnFigureStyle *style,
                     const char           *title,
                     double                w)
{
  double tw, th;
  double size = style->font_size * style->title_scale;
  char broken[512];

  if (title == NULL || *title == '\0')
    return 0.0;
  cairo_save (cr);
  dln_color_set_source (cr, style->foreground, 1.0);
  dln_figure_text_size (cr, style, title, true, size, true, &tw, &th);
  /* Shrink a title wider than the figure rather than clip it, down to
   * the text floor; beyond that, break it in two at the space nearest
   * its middle (outside markup tags). */
  if (tw > w - 2 * style->padding && tw > 0)
    size = fmax (size * (w - 2 * style->padding) / tw,
                 fmin (DLN_FIGURE_MIN_TEXT, size));
  if (tw * size / (style->font_size * style->title_scale)
      > w - 2 * style->padding)
    {
      size_t len = strlen (title), best = 0;
      int depth = 0;

      if (len < sizeof broken)
        {
          memcpy (broken, title, len + 1);
          for (size_t i = 0; i < len; i++)
            {
              depth += title[i] == '<' ? 1 : title[i] == '>' ? -1 : 0;
              if (title[i] == ' ' && depth == 0
                  && (best == 0
                      || fabs ((double) i - 0.5 * (double) len)
                         < fabs ((double) best - 0.5 * (double) len)))
                best = i;
            }
          if (best > 0)
            {
              broken[best] = '\n';
              title = broken;
              size = style->font_size * style->title_scale;
              dln_figure_text_size (cr, style, title, true, size, true, &tw,
                                    &th);
              if (tw > w - 2 * style->padding && tw > 0)
                size = fmax (size * (w - 2 * style->padding) / tw,
                             fmin (DLN_FIGURE_MIN_TEXT, size));
            }
        }
    }
  dln_figure_text (cr, style, title, true, size, true, 0.5 * w,
                   style->padding, DLN_ANCHOR_CENTER, DLN_ANCHOR_START, 0,
                   true, &tw, &th);
  cairo_restore (cr);
  return style->padding + th;
}

/* --- Layout --- */

void
dln_layout_row (DlnRect       outer,
                size_t        n,
                const double *ratios,
                double        gap,
                DlnRect      *out)
{
  double total = 0, x = outer.x, avail;

  if (n == 0)
    return;
  for (size_t i = 0; i < n; i++)
    total += ratios != NULL ? ratios[i] : 1.0;
  avail = fmax (0.0, outer.width - gap * (double) (n - 1));
  for (size_t i = 0; i < n; i++)
    {
      double r = ratios != NULL ? ratios[i] : 1.0;

      out[i].x = x;
      out[i].y = outer.y;
      out[i].width = total > 0 ? avail * r / total : 0;
      out[i].height = outer.height;
      x += out[i].width + gap;
    }
}

/* @r with its axes swapped: a column is a row of the transposed box. */
static DlnRect
rect_transpose (DlnRect r)
{
  return (DlnRect) { r.y, r.x, r.height, r.width };
}

void
dln_layout_column (DlnRect       outer,
                   size_t        n,
                   const double *ratios,
                   double        gap,
                   DlnRect      *out)
{
  dln_layout_row (rect_transpose (outer), n, ratios, gap, out);
  for (size_t i = 0; i < n; i++)
    out[i] = rect_transpose (out[i]);
}

/* --- Geometry --- */

void
dln_figure_geometry_clear (DlnFigureGeometry *geom,
                           double             w,
                           double             h)
{
  if (geom == NULL)
    return;
  memset (geom, 0, sizeof *geom);
  geom->width = w;
  geom->height = h;
}

int
dln_figure_geometry_hit (const DlnFigureGeometry *geom,
                         double                   px,
                         double                   py)
{
  for (size_t i = 0; i < geom->n_panels; i++)
    {
      const DlnPlotPanel *p = &geom->panels[i];

      if (px >= p->x && px <= p->x + p->width && py >= p->y
          && py <= p->y + p->height)
        return (int) i;
    }
  return -1;
}

static double
fwd (double v,
     bool   lg)
{
  if (!lg)
    return v;
  return v > 0 ? log10 (v) : NAN;
}

static double
inv (double v,
     bool   lg)
{
  return lg ? pow (10.0, v) : v;
}

double
dln_plot_panel_x_to_px (const DlnPlotPanel *p,
                        double              x)
{
  double a = fwd (p->x_min, p->x_log), b = fwd (p->x_max, p->x_log);

  return p->x + (fwd (x, p->x_log) - a) / (b - a) * p->width;
}

static double
y_to_px (const DlnPlotPanel *p,
         double              y,
         double              lo,
         double              hi,
         bool                lg)
{
  double a = fwd (lo, lg), b = fwd (hi, lg);
  double t = (fwd (y, lg) - a) / (b - a);

  if (p->kind == DLN_PANEL_IMAGE)
    return p->y + t * p->height;
  return p->y + p->height - t * p->height;
}

double
dln_plot_panel_y_to_px (const DlnPlotPanel *p,
                        double              y)
{
  return y_to_px (p, y, p->y_min, p->y_max, p->y_log);
}

double
dln_plot_panel_y2_to_px (const DlnPlotPanel *p,
                         double              y2)
{
  return y_to_px (p, y2, p->y2_min, p->y2_max, p->y2_log);
}

double
dln_plot_panel_px_to_x (const DlnPlotPanel *p,
                        double              px)
{
  double a = fwd (p->x_min, p->x_log), b = fwd (p->x_max, p->x_log);

  return inv (a + (px - p->x) / p->width * (b - a), p->x_log);
}

double
dln_plot_panel_px_to_y (const DlnPlotPanel *p,
                        double              py)
{
  double a = fwd (p->y_min, p->y_log), b = fwd (p->y_max, p->y_log);
  double t = (py - p->y) / p->height;

  if (p->kind != DLN_PANEL_IMAGE)
    t = 1.0 - t;
  return inv (a + t * (b - a), p->y_log);
}

double
dln_plot_panel_project3 (const DlnPlotPanel *p,
                         double              x,
                         double              y,
                         double              z,
                         double             *px,
                         double             *py)
{
  double u[3] = { (x - p->c3[0]) / p->s3[0], (y - p->c3[1]) / p->s3[1],
                  (z - p->c3[2]) / p->s3[2] * 0.8 };
  double sx = 0, sy = 0, d = 0;

  for (int k = 0; k < 3; k++)
    {
      sx += p->m[0][k] * u[k];
      sy += p->m[1][k] * u[k];
      d += p->depth[k] * u[k];
    }
  if (px != NULL)
    *px = p->cx + p->scale * sx;
  if (py != NULL)
    *py = p->cy - p->scale * sy;
  return d;
}
