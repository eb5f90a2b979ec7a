/* D15-D17: loss or prediction with the singular values of W_tot. */

#include "config.h"

#include "dln-figure-dynamics.h"

/* the titles the pages show in the app's language; dlnlab-cli draws
 * them in English (its messages are LC_MESSAGES=C) */
#include <glib/gi18n-lib.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double
sv_divisor (const DlnDynamicsData *d)
{
  double m = 0;

  if (d->sv_scale > 0)
    return d->sv_scale;
  /* docs/demos.md#recording: divided by the single maximum over epochs and
   * modes */
  for (size_t i = 0; i < d->n_epochs * d->n_modes; i++)
    if (isfinite (d->sv[i]))
      m = fmax (m, fabs (d->sv[i]));
  return m > 0 ? m : 1;
}

/* The curves panel's axes, configured but not begun. */
static void
dynamics_axes (DlnAxes               *ax,
               cairo_t               *cr,
               const DlnFigureStyle  *style,
               const DlnDynamicsData *d,
               DlnRect                r)
{
  dln_axes_init (ax, cr, style, r);
  snprintf (ax->name, sizeof ax->name, "dynamics");
  dln_axes_set_title (ax, d->title);
  dln_axes_set_xlabel (ax, N_("Epoch"));
  dln_axes_set_ylabel (ax, d->primary_label);
  dln_axes_set_y2label (ax, d->sv_label);
  dln_axes_set_ylog (ax, d->primary_log);
  if (d->x_min != 0 || d->x_max != 0)
    dln_axes_set_xrange (ax, d->x_min, d->x_max);
  if (d->primary_min != 0 || d->primary_max != 0)
    dln_axes_set_yrange (ax, d->primary_min, d->primary_max);
  /* a diverged run keeps the scale it had before (dln_axes_fit_run) */
  dln_axes_fit_run (ax, NULL, d->primary, d->n_epochs);
  if (d->primary_theory != NULL)
    dln_axes_fit_run (ax, NULL, d->primary_theory, d->n_epochs);
  /* Normalised singular values live in 0 ... 1 (theory may overshoot a
   * little at the start of a run; the axis keeps 0 ... 1.05). */
  dln_axes_set_y2range (ax, 0, 1.05);
  ax->x.margin = 0.01;
  /* The curves reach every corner and edge (loss from the top left down
   * to the bottom right, modes from the bottom left up to the top right),
   * so the legend gets rows of its own above the plot area. */
  {
    const char *labels[4];
    size_t n = 0;

    labels[n++] = N_("singular values");
    if (d->primary_legend != NULL)
      labels[n++] = d->primary_legend;
    if (d->primary_theory != NULL || d->sv_theory != NULL)
      labels[n++] = d->theory_legend != NULL ? d->theory_legend : N_("theory");
    if (d->dotted_primary != NULL || d->dotted_sv != NULL)
      labels[n++] = d->dotted_legend != NULL ? d->dotted_legend : N_("theory");
    dln_axes_reserve_legend_above (ax, labels, n);
  }
}

/* Draws mode @k of @sv ([n_epochs, n_modes]) divided by @div with @s;
 * @col holds one mode. */
static void
mode_line (DlnAxes               *ax,
           const DlnDynamicsData *d,
           const double          *sv,
           size_t                 k,
           double                 div,
           double                *col,
           const DlnSeriesStyle  *s)
{
  for (size_t e = 0; e < d->n_epochs; e++)
    col[e] = sv[e * d->n_modes + k] / div;
  dln_axes_line (ax, NULL, col, d->n_epochs, s);
}

static void
draw_dynamics (DlnAxes               *axp,
               const DlnFigureStyle  *style,
               const DlnDynamicsData *d,
               DlnFigureGeometry     *geom)
{
  double div = sv_divisor (d);
  double *col = malloc ((d->n_epochs + 1) * sizeof *col);
  DlnSeriesStyle s;
  DlnAxes ax = *axp;

  if (col == NULL)
    return;
  dln_axes_begin (&ax);

  if (isfinite (d->band_epoch))
    dln_axes_band (&ax, d->band_epoch - 2, d->band_epoch + 2,
                   dln_figure_style_color (style, DLN_COLOR_PURPLE), 0.2,
                   NULL);

  for (size_t k = 0; k < d->n_modes; k++)
    {
      dln_series_style_init (&s, style, DLN_COLOR_BLUE);
      s.color = dln_colormap_eval (DLN_COLORMAP_WINTER,
                                   d->n_modes > 1 ? (double) k / (double) (d->n_modes - 1) : 0);
      if (style->theme == DLN_THEME_DARK)
        {
          /* Winter's pure blue end is too dark on a dark page. */
          s.color.r = 0.3 + 0.7 * s.color.r;
          s.color.g = 0.3 + 0.7 * s.color.g;
        }
      s.y2 = true;
      s.line_width = 0.75 * style->line_width;
      s.label = k == 0 ? N_("singular values") : NULL;
      /* the modes diverge together: one flag, not a pile of them */
      s.no_diverged = k > 0;
      mode_line (&ax, d, d->sv, k, div, col, &s);
      /* theory dashed, the reference dotted: unlabelled, never flagged */
      s.label = NULL;
      s.no_diverged = true;
      if (d->sv_theory != NULL)
        {
          s.dash = DLN_DASH_DASHED;
          s.line_width = 0.6 * style->line_width;
          mode_line (&ax, d, d->sv_theory, k, div, col, &s);
        }
      if (d->dotted_sv != NULL)
        {
          s.dash = DLN_DASH_DOTTED;
          s.line_width = 0.9 * style->line_width;
          mode_line (&ax, d, d->dotted_sv, k, div, col, &s);
        }
    }

  dln_series_style_init (&s, style, DLN_COLOR_VERMILLION);
  s.line_width = 1.5 * style->line_width;
  s.label = d->primary_legend;
  dln_axes_line (&ax, NULL, d->primary, d->n_epochs, &s);
  if (d->primary_theory != NULL)
    {
      s.dash = DLN_DASH_DASHED;
      s.line_width = 0.8 * style->line_width;
      s.color = style->foreground;
      s.label = d->theory_legend != NULL ? d->theory_legend : N_("theory");
      s.no_diverged = true;
      dln_axes_line (&ax, NULL, d->primary_theory, d->n_epochs, &s);
    }
  else if (d->sv_theory != NULL)
    {
      dln_series_style_init (&s, style, DLN_COLOR_BLUE);
      s.dash = DLN_DASH_DASHED;
      s.line_width = 0.6 * style->line_width;
      s.color = style->muted;
      s.label = d->theory_legend != NULL ? d->theory_legend : N_("theory");
      dln_axes_legend_add (&ax, &s, 0);
    }
  dln_series_style_init (&s, style, DLN_COLOR_VERMILLION);
  s.dash = DLN_DASH_DOTTED;
  s.line_width = 0.9 * style->line_width;
  s.color = style->foreground;
  s.label = d->dotted_legend != NULL ? d->dotted_legend : N_("theory");
  s.no_diverged = true;
  if (d->dotted_primary != NULL)
    dln_axes_line (&ax, NULL, d->dotted_primary, d->n_epochs, &s);
  else if (d->dotted_sv != NULL)
    dln_axes_legend_add (&ax, &s, 0);
  dln_axes_legend (&ax, DLN_LEGEND_AUTO);
  dln_axes_end (&ax, geom);
  free (col);
}

/* Below this fraction of the run's largest similarity, an RSM reads as
 * blank: one step of the 256-step colour bar is 0.4 %. */
#define NEARLY_ZERO 0.01

/* The RSM panel's axes (square cells), configured but not begun. */
static void
rsm_axes (DlnAxes               *ax,
          cairo_t               *cr,
          const DlnFigureStyle  *style,
          const DlnRsmData      *d,
          DlnRect                r)
{
  dln_axes_init_matrix (ax, cr, style, r, d->n_items, d->n_items);
  snprintf (ax->name, sizeof ax->name, "%s",
            d->name != NULL ? d->name : "rsm");
  dln_axes_set_title (ax, d->title);
  dln_axes_set_xcategories (ax, d->item_names, d->n_items, 90);
  dln_axes_set_ycategories (ax, d->item_names, d->n_items);
}

/* Draws the RSM in @ax (its outer set) and its colour bar @bw wide at
 * @bar_x, or beside the matrix when @bar_x < 0. */
static void
draw_rsm (DlnAxes               *ax,
          const DlnFigureStyle  *style,
          const DlnRsmData      *d,
          double                 bar_x,
          double                 bw,
          DlnFigureGeometry     *geom)
{
  DlnColorScale cs = { DLN_COLORMAP_PURPLES, 0, 1, false };
  double *m = malloc (d->n_items * d->n_items * sizeof *m), largest = 0;
  DlnRect bar;

  if (m == NULL)
    return;
  for (size_t i = 0; i < d->n_items * d->n_items; i++)
    m[i] = d->rsm[i] / (d->scale > 0 ? d->scale : 1);
  dln_axes_begin (ax);
  dln_axes_matrix (ax, m, d->n_items, d->n_items, &cs);
  for (size_t i = 0; i < d->n_items * d->n_items; i++)
    largest = fmax (largest, fabs (m[i]));
  if (largest < NEARLY_ZERO)
    {
      /* A blank matrix says why: nothing is learned yet (the scale is
       * the run's largest similarity). */
      dln_color_set_source (ax->cr, style->foreground, 1.0);
      dln_figure_text (ax->cr, style, N_("all values about 0"), false,
                       style->font_size, false,
                       ax->plot.x + 0.5 * ax->plot.width,
                       ax->plot.y + 0.5 * ax->plot.height, DLN_ANCHOR_CENTER,
                       DLN_ANCHOR_CENTER, 0, true, NULL, NULL);
    }
  dln_axes_end (ax, geom);
  bar.x = bar_x >= 0 ? bar_x : ax->plot.x + ax->plot.width + style->padding;
  bar.y = ax->plot.y - style->padding;
  bar.width = bw;
  bar.height = ax->plot.height + 2 * style->padding;
  dln_colorbar (ax->cr, style, bar, &cs, d->bar_label, NULL, 0);
  free (m);
}

void
dln_figure_dynamics_theory_legend (char   *buf,
                                   size_t  size,
                                   int     depth,
                                   size_t  rank_bound,
                                   size_t  n_modes,
                                   double  floor)
{
  char fl[48] = "";
  int n = 0;

  if (size == 0)
    return;
  if (isfinite (floor))
    snprintf (fl, sizeof fl, " %.3g", floor);
  if (rank_bound + 1 == n_modes)
    n = snprintf (buf, size, _("theory (mode %zu: beyond the %zu-wide "
                  "bottleneck, stays 0; loss floor%s = its energy)"),
                  n_modes, rank_bound, fl);
  else if (rank_bound < n_modes)
    n = snprintf (buf, size, _("theory (modes %zu–%zu: beyond the %zu-wide "
                  "bottleneck, stay 0; loss floor%s = their energy)"),
                  rank_bound + 1, n_modes, rank_bound, fl);
  else
    n = snprintf (buf, size, N_("theory"));
  if (depth >= 3 && n >= 0 && (size_t) n < size)
    snprintf (buf + n, size - (size_t) n, _("; depth %d from a random start: "
              "projected start, timing approximate"), depth);
}

void
dln_figure_dynamics_render (cairo_t               *cr,
                            const DlnFigureStyle  *style,
                            const DlnDynamicsData *data,
                            double                 width,
                            double                 height,
                            DlnFigureGeometry     *geom)
{
  DlnRect outer = { 0, 0, width, height };
  DlnAxes *ax = malloc (2 * sizeof *ax);

  if (ax == NULL)
    return;
  dln_figure_begin (cr, style, width, height, geom);
  dynamics_axes (&ax[0], cr, style, data, outer);
  if (data->rsm.rsm != NULL && data->rsm.n_items > 0)
    {
      /* docs/demos.md#d16: the curves and the RSM (the key picture, so
       * twice the weight) share the figure; the RSM keeps square cells
       * of a readable size and moves below the curves when that reads
       * better. The curves' staircase still reads ten font sizes wide,
       * which leaves a small figure's RSM half the plot area. */
      double bw = dln_colorbar_width (cr, style, width, "0.0", true);
      DlnPanelSpec spec[2] = {
        { .weight = 1, .min_width = 10 * style->font_size,
          .min_height = 8 * style->font_size },
        { .weight = 2, .aspect = 1,
          .min_width = DLN_LAYOUT_MIN_CELL * (double) data->rsm.n_items,
          .min_height = DLN_LAYOUT_MIN_CELL * (double) data->rsm.n_items },
      };
      DlnPanelLayout lay;

      rsm_axes (&ax[1], cr, style, &data->rsm, outer);
      dln_axes_measure (&ax[0], &spec[0].deco);
      dln_axes_measure (&ax[1], &spec[1].deco);
      spec[1].deco.right += bw;
      dln_panel_layout_solve (outer, spec, 2, 1,
                              DLN_ARRANGE_ROW | DLN_ARRANGE_COLUMN, 0, &lay);
      ax[0].outer = lay.outer[0];
      ax[1].outer = lay.outer[1];
      ax[1].outer.width -= bw;
      draw_dynamics (&ax[0], style, data, geom);
      draw_rsm (&ax[1], style, &data->rsm, lay.outer[1].x + lay.outer[1].width - bw,
                bw, geom);
    }
  else
    draw_dynamics (&ax[0], style, data, geom);
  cairo_restore (cr);
  free (ax);
}

/* Writes ",v" for each of row @e's @n values of @m (nothing when NULL). */
static void
write_row (FILE         *out,
           const double *m,
           size_t        e,
           size_t        n)
{
  if (m == NULL)
    return;
  for (size_t k = 0; k < n; k++)
    {
      fputc (',', out);
      dln_csv_write_double (out, m[e * n + k]);
    }
}

DlnStatus
dln_figure_dynamics_csv (FILE                  *out,
                         const DlnDynamicsData *d,
                         DlnMessage            *msg)
{
  fputs ("epoch,primary", out);
  if (d->primary_theory != NULL)
    fputs (",primary_theory", out);
  if (d->dotted_primary != NULL)
    fputs (",primary_dotted", out);
  for (size_t k = 0; k < d->n_modes; k++)
    fprintf (out, ",sv%zu", k + 1);
  if (d->sv_theory != NULL)
    for (size_t k = 0; k < d->n_modes; k++)
      fprintf (out, ",theory%zu", k + 1);
  if (d->dotted_sv != NULL)
    for (size_t k = 0; k < d->n_modes; k++)
      fprintf (out, ",dotted%zu", k + 1);
  fputc ('\n', out);
  for (size_t e = 0; e < d->n_epochs; e++)
    {
      fprintf (out, "%zu,", e);
      dln_csv_write_double (out, d->primary[e]);
      if (d->primary_theory != NULL)
        {
          fputc (',', out);
          dln_csv_write_double (out, d->primary_theory[e]);
        }
      if (d->dotted_primary != NULL)
        {
          fputc (',', out);
          dln_csv_write_double (out, d->dotted_primary[e]);
        }
      write_row (out, d->sv, e, d->n_modes);
      write_row (out, d->sv_theory, e, d->n_modes);
      write_row (out, d->dotted_sv, e, d->n_modes);
      fputc ('\n', out);
    }
  if (d->rsm.rsm != NULL)
    {
      fputc ('\n', out);
      return dln_figure_rsm_csv (out, &d->rsm, msg);
    }
  return dln_csv_finish (out, "dynamics", msg);
}

void
dln_figure_rsm_render (cairo_t               *cr,
                       const DlnFigureStyle  *style,
                       const DlnRsmData      *d,
                       double                 width,
                       double                 height,
                       DlnFigureGeometry     *geom)
{
  DlnRect outer = { 0, 0, width, height };
  DlnAxes *ax;
  double bw;

  dln_figure_begin (cr, style, width, height, geom);
  ax = d->rsm != NULL && d->n_items > 0 ? malloc (sizeof *ax) : NULL;
  if (ax != NULL)
    {
      bw = dln_colorbar_width (cr, style, width, "0.0", true);
      outer.width -= bw;
      rsm_axes (ax, cr, style, d, outer);
      draw_rsm (ax, style, d, -1, bw, geom);
      free (ax);
    }
  cairo_restore (cr);
}

DlnStatus
dln_figure_rsm_csv (FILE             *out,
                    const DlnRsmData *d,
                    DlnMessage       *msg)
{
  if (d->rsm != NULL)
    {
      fputs ("item", out);
      for (size_t j = 0; j < d->n_items; j++)
        {
          fputc (',', out);
          dln_csv_write_string (out, d->item_names[j]);
        }
      fputc ('\n', out);
      for (size_t i = 0; i < d->n_items; i++)
        {
          dln_csv_write_string (out, d->item_names[i]);
          write_row (out, d->rsm, i, d->n_items);
          fputc ('\n', out);
        }
    }
  return dln_csv_finish (out, "RSM", msg);
}

void
dln_figure_dynamics_init (DlnDynamicsData *d,
                          size_t           epochs,
                          const char      *prediction)
{
  memset (d, 0, sizeof *d);
  d->title = prediction != NULL
             ? N_("Network training and the Illusory Correlations")
             : _("Learning Dynamics");
  d->primary_label = prediction != NULL ? prediction
                                        : _("Mean Squared Error");
  d->primary_legend = prediction != NULL ? N_("network's prediction")
                                         : _("loss (MSE)");
  if (prediction != NULL)
    {
      d->primary_min = -1.05;
      d->primary_max = 1.05;
    }
  d->sv_label = _("Singular values (modes)");
  d->band_epoch = NAN;
  d->x_min = -1;
  d->x_max = (double) epochs + 1;
}

void
dln_figure_dynamics_set_overlay (DlnDynamicsData *d,
                                 DlnOverlay       overlay,
                                 const double    *discrete_primary,
                                 const double    *discrete_sv,
                                 const double    *closed_primary,
                                 const double    *closed_sv,
                                 const char      *legend)
{
  /* a theory that cannot see every mode says so in its own entry */
  bool caveat = legend != NULL && strcmp (legend, "theory") != 0;

  d->primary_theory = d->sv_theory = NULL;
  d->dotted_primary = d->dotted_sv = NULL;
  d->theory_legend = d->dotted_legend = NULL;
  switch (overlay)
    {
    case DLN_OVERLAY_DISCRETE:
    case DLN_OVERLAY_BOTH:
      d->primary_theory = discrete_primary;
      d->sv_theory = discrete_sv;
      d->theory_legend = caveat ? legend : N_("theory: exact discrete map");
      if (overlay == DLN_OVERLAY_BOTH)
        {
          d->dotted_primary = closed_primary;
          d->dotted_sv = closed_sv;
          d->dotted_legend = N_("theory: closed form (gradient flow)");
        }
      break;
    case DLN_OVERLAY_CLOSED:
      d->primary_theory = closed_primary;
      d->sv_theory = closed_sv;
      d->theory_legend = N_("theory: closed form (gradient flow)");
      break;
    case DLN_OVERLAY_NONE:
    default:
      break;
    }
}

double
dln_figure_rsm_scale (const double *m,
                      size_t        n)
{
  double largest = 0.0;

  for (size_t i = 0; i < n; i++)
    if (isfinite (m[i]) && m[i] > largest)
      largest = m[i];
  return largest > 0.0 ? largest : 1.0;
}
