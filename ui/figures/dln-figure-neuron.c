/* D03: the single neuron ŷ = tanh(w·x + b), L = (y − ŷ)²: its graph, a
 * readout, and hand-derived against reverse-mode gradients with a match
 * indicator per parameter. */

#define G_LOG_DOMAIN "dln-figure-neuron"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-figure-gradients.h"

#include <glib.h>

#include <math.h>

/* Narrowest layout in which the readout and table fit, in font sizes (640
 * user units at the usual 13): it grows with the type (presentation
 * mode's scale). */
#define MIN_WIDTH_EMS (640.0 / 13.0)

/* Lines of the numbers under the graph: three readout lines, the table's
 * head and two rows, the footnote, in line heights of the body text. */
#define NUMBERS_LINES 9.0

/* Analytic and reverse-mode gradients evaluate the same products in a
 * different order; they differ by a few ulps, so 1e−12 relative is
 * generous and still catches any real error (a dropped factor or a second
 * backward pass is O(1)). */
#define MATCH_TOLERANCE 1e-12

static double
node_value (const DlnGraph *g,
            int             id)
{
  return dln_graph_node (g, id)->value->data[0];
}

DlnNeuronCheckData *
dln_neuron_check_data_new (const DlnGraph       *g,
                           const DlnNeuronNodes *n)
{
  DlnNeuronCheckData *d = g_new0 (DlnNeuronCheckData, 1);
  double x = node_value (g, n->x), y = node_value (g, n->y);
  double yhat = node_value (g, n->yhat);
  /* the course's hand gradients (docs/demos.md#d03) */
  double dyhat = -2.0 * (y - yhat) * (1.0 - yhat * yhat);

  g_strlcpy (d->title, _("Single neuron: hand-derived vs reverse-mode "
                         "gradients"), sizeof d->title);
  d->x = x;
  d->y = y;
  d->w0 = node_value (g, n->w);
  d->b0 = node_value (g, n->b);
  d->yhat = yhat;
  d->loss = node_value (g, n->loss);
  d->n_grads = 2;
  g_strlcpy (d->grads[0].name, "w", sizeof d->grads[0].name);
  d->grads[0].analytic = x * dyhat;          /* −2x(y − ŷ)(1 − ŷ²) */
  d->grads[0].autograd = dln_graph_node (g, n->w)->grad->data[0];
  g_strlcpy (d->grads[1].name, "b", sizeof d->grads[1].name);
  d->grads[1].analytic = dyhat;              /* −2(y − ŷ)(1 − ŷ²) */
  d->grads[1].autograd = dln_graph_node (g, n->b)->grad->data[0];
  d->tolerance = MATCH_TOLERANCE;

  d->graph = dln_figure_graph_data_from_graph (g);
  /* the course tracks gradients of w and b only; x and y are data */
  d->graph->nodes[n->x].no_grad = d->graph->nodes[n->y].no_grad = true;
  d->graph->nodes[n->x].grad = d->graph->nodes[n->y].grad = NAN;
  /* top to bottom: the chain is six ranks deep, so in a tall figure it
   * keeps a readable size (left to right it was a thin strip) */
  d->graph->direction = DLN_GRAPH_LAYOUT_TOP_BOTTOM;
  d->graph->show_local = true;
  d->graph->legend = false;
  return d;
}

void
dln_neuron_check_data_free (DlnNeuronCheckData *data)
{
  if (data == NULL)
    return;
  dln_figure_graph_data_free (data->graph);
  dln_graph_layout_cache_free (data->cache);
  g_free (data);
}

bool
dln_neuron_grad_matches (const DlnNeuronGrad *g,
                         double               tolerance)
{
  double scale = MAX (1.0, MAX (fabs (g->analytic), fabs (g->autograd)));

  if (!isfinite (g->analytic) || !isfinite (g->autograd))
    return false;
  return fabs (g->analytic - g->autograd) <= tolerance * scale;
}

/* %.6g with a Unicode minus. */
static void
fmt (char   *buf,
     size_t  size,
     double  v)
{
  char raw[40];
  GString *s = g_string_new (NULL);

  if (isnan (v))
    g_strlcpy (raw, "nan", sizeof raw);
  else
    g_snprintf (raw, sizeof raw, "%.6g", v == 0.0 ? 0.0 : v);
  for (const char *p = raw; *p != '\0'; p++)
    if (*p == '-')
      g_string_append (s, "\xe2\x88\x92");
    else
      g_string_append_c (s, *p);
  g_strlcpy (buf, s->str, size);
  g_string_free (s, TRUE);
}

static double
text (cairo_t              *cr,
      const DlnFigureStyle *style,
      const char           *markup,
      double                size,
      bool                  bold,
      double                x,
      double                y,
      DlnAnchor             ax)
{
  double h = 0;

  dln_figure_text (cr, style, markup, true, size, bold, x, y, ax,
                   DLN_ANCHOR_START, 0, true, NULL, &h);
  return h;
}

/* One row of the comparison table at @y: @cells in columns @col_w wide
 * from @x0, the first left-aligned, the others right-aligned. */
static void
table_row (cairo_t              *cr,
           const DlnFigureStyle *style,
           const char *const    *cells,
           size_t                n,
           const double         *col_w,
           double                fs,
           bool                  bold,
           double                x0,
           double                y)
{
  double x = x0;

  for (size_t k = 0; k < n; k++)
    {
      dln_color_set_source (cr, style->foreground, 1.0);
      dln_figure_text (cr, style, cells[k], false, fs, bold,
                       k == 0 ? x : x + col_w[k] - fs, y,
                       k == 0 ? DLN_ANCHOR_START : DLN_ANCHOR_END,
                       DLN_ANCHOR_START, 0, true, NULL, NULL);
      x += col_w[k];
    }
}

/* The scale at which @g's layout fits @r (at most 1.6, as drawn). */
static double
fit_scale (const DlnFigureGraphData *g,
           DlnRect                   r)
{
  const DlnGraphLayout *l = g->layout;

  if (l == NULL || l->width <= 0 || l->height <= 0)
    return 0;
  return MIN (MIN (r.width / l->width, r.height / l->height), 1.6);
}

/* @data's graph as @variant of it: laid out in @direction, with or
 * without its edges' local derivatives (from the data's cache). */
static bool
graph_variant (const DlnNeuronCheckData *data,
               const DlnFigureStyle     *style,
               DlnGraphLayoutDirection   direction,
               bool                      show_local,
               DlnFigureGraphData       *variant)
{
  *variant = *data->graph;
  if (direction == data->graph->direction
      && show_local == data->graph->show_local)
    return data->graph->layout != NULL;
  variant->direction = direction;
  variant->show_local = show_local;
  variant->layout = NULL;
  return dln_figure_graph_layout (data->cache, style, variant, NULL)
         == DLN_STATUS_OK && variant->layout != NULL;
}

/* The graph as it reads best in @r, into @best; returns its scale. The
 * chain is six ranks deep, so top to bottom suits a tall box, left to
 * right a wide and short one (the larger scale wins, by a margin so that
 * the layout does not flip back and forth at equal sizes). When neither
 * puts the text at the floor (@k: layout units to the caller's pixels),
 * the edges' local derivatives give way: fewer words, larger ones (the
 * table under the graph has the gradients). */
static double
graph_for_box (const DlnNeuronCheckData *data,
               const DlnFigureStyle     *style,
               DlnRect                   r,
               double                    k,
               DlnFigureGraphData       *best)
{
  double best_s = 0;
  bool labels = data->graph->show_local;

  *best = *data->graph;
  if (data->cache == NULL || data->graph->layout == NULL)
    return fit_scale (best, r);
  for (int pass = 0; pass < (labels ? 2 : 1); pass++)
    {
      bool show_local = labels && pass == 0;

      for (int d = 0; d < 2; d++)
        {
          DlnFigureGraphData v;
          double s;

          if (!graph_variant (data, style, d == 0 ? DLN_GRAPH_LAYOUT_TOP_BOTTOM
                                                  : DLN_GRAPH_LAYOUT_LEFT_RIGHT,
                              show_local, &v))
            continue;
          s = fit_scale (&v, r);
          if (s > 1.2 * best_s)
            {
              *best = v;
              best_s = s;
            }
        }
      if (best_s * style->font_size * k >= DLN_FIGURE_MIN_TEXT)
        break;
    }
  return best_s;
}

void
dln_figure_neuron_check_render (cairo_t                  *cr,
                                const DlnFigureStyle     *style,
                                const DlnNeuronCheckData *data,
                                double                    width,
                                double                    height,
                                DlnFigureGeometry        *geom)
{
  static const char *const head[] = {
    N_("parameter"), N_("analytic"), "autograd", N_("|difference|"), N_("match"),
  };
  double top, fs = style->font_size, pad = style->padding;
  double col_w[G_N_ELEMENTS (head)], x0, y, row_h, table_w = 0;
  DlnRect graph_r, side;
  DlnPlotPanel panel;
  char a[48], b[48], c[48], line[256];
  double min_width = MIN_WIDTH_EMS * style->font_size;
  const DlnFigureGraphData *graph = NULL;
  DlnFigureGraphData variant;
  /* the table needs its width: narrower figures are laid out at
   * min_width and scaled down; k takes layout units to the caller's */
  double k = dln_figure_begin_at_least (cr, style, &width, &height,
                                        min_width, geom);

  top = dln_figure_suptitle (cr, style, data->title, width);

  /* Wide figures may put the numbers beside the graph (they need
   * min_width), others stack them below it, in the height they need:
   * whichever draws the graph larger. */
  {
    DlnRect stacked = { 2 * pad, top + pad, width - 4 * pad,
                        MAX (height - top - NUMBERS_LINES * 1.45 * fs
                             - 3 * pad, (height - top) * 0.4) };
    DlnRect beside = { 2 * pad, top + pad, width - min_width - 3 * pad,
                       height - top - 2 * pad };
    double s_stacked = 0, s_beside = 0;
    DlnFigureGraphData g_beside;

    if (data->graph != NULL)
      s_stacked = graph_for_box (data, style, stacked, k, &variant);
    if (data->graph != NULL && width >= 1.4 * height
        && width - min_width >= 0.3 * width)
      s_beside = graph_for_box (data, style, beside, k, &g_beside);
    if (s_beside > 0 && s_beside >= s_stacked)
      {
        variant = g_beside;
        graph_r = beside;
        side = (DlnRect) { width - min_width + pad, top + pad,
                           min_width - 3 * pad, height - top - 2 * pad };
      }
    else
      {
        graph_r = stacked;
        if (s_stacked > 0)
          graph_r.height = s_stacked * variant.layout->height + 2 * pad;
        side = (DlnRect) { 2 * pad, graph_r.y + graph_r.height + pad,
                           width - 4 * pad,
                           height - graph_r.y - graph_r.height - 2 * pad };
      }
    if (data->graph != NULL)
      graph = &variant;
  }

  if (graph != NULL)
    {
      dln_figure_graph_draw (cr, style, graph, graph_r, &panel);
      if (geom != NULL && panel.kind == DLN_PANEL_GRAPH
          && geom->n_panels < DLN_FIGURE_MAX_PANELS)
        geom->panels[geom->n_panels++] = panel;
    }

  /* separator */
  dln_color_set_source (cr, style->grid, 1.0);
  cairo_set_line_width (cr, style->axis_width);
  cairo_move_to (cr, side.x, side.y - pad / 2);
  cairo_line_to (cr, side.x + side.width, side.y - pad / 2);
  cairo_stroke (cr);

  /* readout: the sample, the parameters, the prediction and the loss */
  dln_color_set_source (cr, style->foreground, 1.0);
  y = side.y + pad;
  fmt (a, sizeof a, data->x);
  fmt (b, sizeof b, data->y);
  g_snprintf (line, sizeof line, _("sample  <i>x</i> = %s,  <i>y</i> = %s"), a, b);
  y += text (cr, style, line, fs, false, side.x, y, DLN_ANCHOR_START) * 1.25;
  fmt (a, sizeof a, data->w0);
  fmt (b, sizeof b, data->b0);
  g_snprintf (line, sizeof line, _("parameters  <i>w</i> = %s,  <i>b</i> = %s"),
              a, b);
  y += text (cr, style, line, fs, false, side.x, y, DLN_ANCHOR_START) * 1.25;
  fmt (a, sizeof a, data->yhat);
  fmt (b, sizeof b, data->loss);
  g_snprintf (line, sizeof line,
              _("prediction  \xc5\xb7 = tanh(<i>w</i>\xc2\xb7<i>x</i> + <i>b</i>)"
              " = %s,   loss  <i>L</i> = (<i>y</i> \xe2\x88\x92 \xc5\xb7)"
              "\xc2\xb2 = %s"), a, b);
  y += text (cr, style, line, fs, false, side.x, y, DLN_ANCHOR_START) * 1.6;

  /* the comparison table */
  for (size_t k = 0; k < G_N_ELEMENTS (head); k++)
    {
      dln_figure_text_size (cr, style, head[k], false, fs, true, &col_w[k],
                            &row_h);
      col_w[k] = MAX (col_w[k], fs * 5.5) + 2 * fs;
      table_w += col_w[k];
    }
  row_h *= 1.45;
  x0 = side.x;
  table_row (cr, style, head, G_N_ELEMENTS (head), col_w, fs, true, x0, y);
  y += row_h;
  dln_color_set_source (cr, style->foreground, 1.0);
  cairo_set_line_width (cr, style->axis_width);
  cairo_move_to (cr, x0, y - row_h * 0.15);
  cairo_line_to (cr, x0 + table_w, y - row_h * 0.15);
  cairo_stroke (cr);

  for (size_t i = 0; i < data->n_grads; i++)
    {
      const DlnNeuronGrad *g = &data->grads[i];
      bool ok = dln_neuron_grad_matches (g, data->tolerance);
      char name[64], diff[48];
      const char *cells[4] = { name, a, b, diff };
      double x = x0 + col_w[0] + col_w[1] + col_w[2] + col_w[3];

      g_snprintf (name, sizeof name, "\xe2\x88\x82L/\xe2\x88\x82%s", g->name);
      fmt (a, sizeof a, g->analytic);
      fmt (b, sizeof b, g->autograd);
      fmt (diff, sizeof diff, fabs (g->analytic - g->autograd));
      table_row (cr, style, cells, 4, col_w, fs, false, x0, y);
      /* a symbol and a word, so it reads without colour */
      dln_color_set_source (cr, dln_figure_style_color (style, ok
                                                        ? DLN_COLOR_GREEN
                                                        : DLN_COLOR_VERMILLION),
                            1.0);
      dln_figure_text (cr, style, ok ? N_("\xe2\x9c\x93 match") : N_("\xe2\x9c\x97 differs"),
                       false, fs, true, x + col_w[4] - fs, y, DLN_ANCHOR_END,
                       DLN_ANCHOR_START, 0, true, NULL, NULL);
      y += row_h;
    }

  dln_color_set_source (cr, style->muted, 1.0);
  fmt (c, sizeof c, data->tolerance);
  g_snprintf (line, sizeof line,
              _("analytic: \xe2\x88\x82L/\xe2\x88\x82w = \xe2\x88\x92" "2<i>x</i>(<i>y</i> \xe2\x88\x92 \xc5\xb7)(1 \xe2\x88\x92 \xc5\xb7\xc2\xb2),"
              "  \xe2\x88\x82L/\xe2\x88\x82<i>b</i> = \xe2\x88\x92" "2(<i>y</i> \xe2\x88\x92 \xc5\xb7)(1 \xe2\x88\x92 \xc5\xb7\xc2\xb2);"
              "  match: relative difference \xe2\x89\xa4 %s"), c);
  text (cr, style, line, fs * 0.85, false, x0, y + row_h * 0.2,
        DLN_ANCHOR_START);
  dln_figure_end_at_least (cr, geom, k);
}

DlnStatus
dln_figure_neuron_check_csv (FILE       *out,
                             const void *data_,
                             DlnMessage *msg)
{
  const DlnNeuronCheckData *data = data_;
  const double v[] = { data->x, data->y, data->w0, data->b0, data->yhat,
                       data->loss };
  static const char *const names[] = { "x", "y", "w", "b", "yhat", "loss" };

  fputs ("quantity,analytic,autograd,abs_diff,match\n", out);
  for (size_t i = 0; i < data->n_grads; i++)
    {
      const DlnNeuronGrad *g = &data->grads[i];

      fprintf (out, "dL/d%s,", g->name);
      dln_csv_write_doubles (out, (const double[]) {
        g->analytic, g->autograd, fabs (g->analytic - g->autograd) }, 3);
      fprintf (out, ",%d\n", dln_neuron_grad_matches (g, data->tolerance));
    }
  for (size_t i = 0; i < G_N_ELEMENTS (v); i++)
    {
      fprintf (out, "%s,", names[i]);
      dln_csv_write_double (out, v[i]);
      fputs (",,,\n", out);
    }
  return dln_csv_finish (out, "neuron", msg);
}
