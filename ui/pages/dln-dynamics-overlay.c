/* The D14–D17 dynamics figure with both theory overlays, labelled. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-dynamics-overlay.h"

#include <glib.h>

#include <math.h>
#include <string.h>

static DlnRgba
mode_color (const DlnFigureStyle *style,
            size_t                k,
            size_t                n)
{
  /* the dynamics figure's colour for mode k */
  DlnRgba c = dln_colormap_eval (DLN_COLORMAP_WINTER,
                                 n > 1 ? (double) k / (double) (n - 1) : 0);

  if (style->theme == DLN_THEME_DARK)
    {
      c.r = 0.3 + 0.7 * c.r;
      c.g = 0.3 + 0.7 * c.g;
    }
  return c;
}

/* Draws @y (n points, x = 0 … n − 1) dotted in panel @p; gaps at
 * non-finite values. */
static void
dotted_line (cairo_t            *cr,
             const DlnPlotPanel *p,
             const double       *y,
             size_t              n,
             size_t              stride,
             double              scale,
             gboolean            y2,
             DlnRgba             color,
             double              width)
{
  static const double dots[] = { 1.0, 3.0 };
  gboolean pen = FALSE;

  cairo_save (cr);
  cairo_rectangle (cr, p->x, p->y, p->width, p->height);
  cairo_clip (cr);
  dln_color_set_source (cr, color, 1.0);
  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_dash (cr, dots, 2, 0);
  for (size_t e = 0; e < n; e++)
    {
      double v = y[e * stride] / scale;
      double px = dln_plot_panel_x_to_px (p, (double) e);
      double py = y2 ? dln_plot_panel_y2_to_px (p, v)
                     : dln_plot_panel_y_to_px (p, v);

      if (!isfinite (py) || !isfinite (v))
        {
          pen = FALSE;
          continue;
        }
      py = CLAMP (py, p->y - 4, p->y + p->height + 4);
      if (pen)
        cairo_line_to (cr, px, py);
      else
        cairo_move_to (cr, px, py);
      pen = TRUE;
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
key_line (cairo_t              *cr,
          const DlnFigureStyle *style,
          double                x,
          double                y,
          gboolean              dotted,
          const char           *text)
{
  static const double dots[] = { 1.0, 3.0 };
  static const double dashes[] = { 6.0, 4.0 };

  cairo_save (cr);
  dln_color_set_source (cr, style->foreground, 1.0);
  cairo_set_line_width (cr, 0.8 * style->line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_dash (cr, dotted ? dots : dashes, 2, 0);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + 22, y);
  cairo_stroke (cr);
  cairo_restore (cr);
  dln_color_set_source (cr, style->foreground, 1.0);
  dln_figure_text (cr, style, text, false, 0.85 * style->font_size, false,
                   x + 28, y, DLN_ANCHOR_START, DLN_ANCHOR_CENTER, 0, true,
                   NULL, NULL);
}

/* dln_dynamics_overlay_render:
 * the dynamics figure, then the closed-form curves (dotted) when
 * @data->overlay is BOTH, then a key naming the overlays at the bottom
 * left of the dynamics panel. Renderer contract: dln-figure.h. */
void
dln_dynamics_overlay_render (cairo_t                      *cr,
                             const DlnFigureStyle         *style,
                             const DlnDynamicsOverlayData *data,
                             double                        width,
                             double                        height,
                             DlnFigureGeometry            *geom)
{
  const DlnDynamicsData *d = &data->fig;
  DlnFigureGeometry local;
  const DlnPlotPanel *p = NULL;
  double scale = d->sv_scale;

  if (geom == NULL)
    geom = &local;
  dln_figure_dynamics_render (cr, style, d, width, height, geom);
  for (size_t i = 0; i < geom->n_panels; i++)
    if (strcmp (geom->panels[i].name, "dynamics") == 0)
      p = &geom->panels[i];
  if (p == NULL || data->overlay == DLN_OVERLAY_NONE)
    return;

  cairo_save (cr);
  if (scale <= 0)
    {
      scale = 0;
      for (size_t i = 0; i < d->n_epochs * d->n_modes; i++)
        if (isfinite (d->sv[i]) && d->sv[i] > scale)
          scale = d->sv[i];
      if (scale <= 0)
        scale = 1;
    }
  if (data->overlay == DLN_OVERLAY_BOTH)
    {
      for (size_t k = 0; k < d->n_modes && data->closed_sv != NULL; k++)
        dotted_line (cr, p, data->closed_sv + k, d->n_epochs, d->n_modes,
                     scale, TRUE, mode_color (style, k, d->n_modes),
                     0.9 * style->line_width);
      if (data->closed_primary != NULL)
        dotted_line (cr, p, data->closed_primary, d->n_epochs, 1, 1.0,
                     FALSE, style->foreground, 0.9 * style->line_width);
    }

  /* the key, inside the plot at the bottom left, on a legend box */
  {
    const char *dashed = data->overlay == DLN_OVERLAY_CLOSED
                         ? _("theory: closed form, gradient flow (S14 eq. 12/15)")
                         : _("theory: exact discrete map (GD on the modes)");
    const char *dotted = _("theory: closed form, gradient flow (S14 eq. 12/15)");
    int lines = data->overlay == DLN_OVERLAY_BOTH ? 2 : 1;
    double w = 0, lh = 0, w2 = 0, bw, bh, bx, by;

    dln_figure_text_size (cr, style, dashed, false, 0.85 * style->font_size,
                          false, &w, &lh);
    if (lines == 2)
      dln_figure_text_size (cr, style, dotted, false,
                            0.85 * style->font_size, false, &w2, NULL);
    lh *= 1.15;
    bw = MAX (w, w2) + 40;
    bh = lines * lh + 6;
    bx = p->x + 6;
    by = p->y + p->height - bh - 6;
    dln_color_set_source (cr, style->legend_bg, 0.85);
    cairo_rectangle (cr, bx, by, bw, bh);
    cairo_fill (cr);
    key_line (cr, style, bx + 6, by + 3 + 0.5 * lh, FALSE, dashed);
    if (lines == 2)
      key_line (cr, style, bx + 6, by + 3 + 1.5 * lh, TRUE, dotted);
  }
  cairo_restore (cr);
}

/* dln_dynamics_overlay_csv:
 * the dynamics figure's CSV (the dashed overlay included as its theory columns). */
DlnStatus
dln_dynamics_overlay_csv (FILE                         *out,
                          const DlnDynamicsOverlayData *data,
                          DlnMessage                   *msg)
{
  return dln_figure_dynamics_csv (out, &data->fig, msg);
}
