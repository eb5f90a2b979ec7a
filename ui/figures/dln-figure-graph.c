/* dln-figure-graph: the computational graph in cairo (see header).
 * (Over 800 lines: node shapes, edge routing from the graphviz layout,
 * the step-through's hidden values and the hit testing all read one
 * layout; they change together.) */

#define G_LOG_DOMAIN "dln-figure-graph"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-figure-graph.h"

#include "dln-ops.h"

#include <glib.h>

#include <math.h>
#include <string.h>

/* dln_role_name ()'s words: the legend shows them translated (drawn text
 * is, dln_figure_text ()); core itself knows no gettext. */
static const char *const role_words[] G_GNUC_UNUSED = {
  N_("input"), N_("parameter"), N_("constant"), N_("intermediate"),
  N_("output"),
};

/* Sizes in layout points at scale 1 (the renderer scales the whole graph,
 * text included, to fit). Every word is at the body size or larger and
 * nodes hold one line, so a deep chain still fits a small figure with
 * its text above the floor (DLN_FIGURE_MIN_TEXT). */
#define NODE_PAD       4.0   /* inner margin of a value node */
#define NODE_RADIUS    5.0   /* corner radius of a value node */
#define NUM_GAP        0.7   /* between value and gradient, × font size */
#define MAX_SCALE      1.6   /* never blow a small graph up further */
#define ARROW_HALF     0.38  /* arrowhead half-width / length */
/* The room for a number in a node: a signed 4-digit fraction (fmt_fit ()
 * drops digits from a longer one); sizes come from it, never from the
 * current value, so values cannot move nodes. */
#define NUM_TEMPLATE   "\xe2\x88\x92" "0.8888"
/* "∂ " before a gradient, as in ∂L/∂x */
#define GRAD_MARK      "\xe2\x88\x82\xe2\x80\x89"

/* --- Data --- */

/* @n rounded up to a multiple of @align */
static size_t
round_up (size_t n,
          size_t align)
{
  return (n + align - 1) / align * align;
}

DlnFigureGraphData *
dln_figure_graph_data_new (size_t n_nodes,
                           size_t n_edges)
{
  /* one block: the struct, the nodes, then the edges, each array at its
   * type's alignment (the struct itself holds no double) */
  size_t nodes_at = round_up (sizeof (DlnFigureGraphData),
                              G_ALIGNOF (DlnFigureGraphNode));
  size_t edges_at = round_up (nodes_at
                              + n_nodes * sizeof (DlnFigureGraphNode),
                              G_ALIGNOF (DlnFigureGraphEdge));
  DlnFigureGraphData *data = g_malloc0 (edges_at
                                        + n_edges
                                          * sizeof (DlnFigureGraphEdge));

  data->n_nodes = n_nodes;
  data->nodes = (DlnFigureGraphNode *) ((char *) data + nodes_at);
  data->n_edges = n_edges;
  data->edges = (DlnFigureGraphEdge *) ((char *) data + edges_at);
  data->direction = DLN_GRAPH_LAYOUT_TOP_BOTTOM;
  data->current = -1;
  data->legend = true;
  for (size_t i = 0; i < n_nodes; i++)
    {
      data->nodes[i].value = NAN;
      data->nodes[i].grad = NAN;
      data->nodes[i].rows = 1;
      data->nodes[i].cols = 1;
      data->nodes[i].source = -1;
    }
  for (size_t i = 0; i < n_edges; i++)
    data->edges[i].local = NAN;
  return data;
}

void
dln_figure_graph_data_free (DlnFigureGraphData *data)
{
  g_free (data);
}

static double
scalar_of (const DlnTensor *t)
{
  if (t == NULL || t->rows * t->cols != 1)
    return NAN;
  return t->data[0];
}

/* The op's display symbol; a multiplication dot is unreadable inside a
 * small ellipse, so it is drawn as ×. */
static const char *
op_symbol (DlnOp op)
{
  const char *s = dln_op_info (op)->symbol;

  return strcmp (s, "\xc2\xb7") == 0 ? "\xc3\x97" : s;
}

DlnFigureGraphData *
dln_figure_graph_data_from_graph (const DlnGraph *g)
{
  size_t n = (size_t) dln_graph_n_nodes (g);
  size_t n_ops = 0, n_edges = 0, op_i, e;
  DlnFigureGraphData *data;

  for (size_t i = 0; i < n; i++)
    {
      const DlnNode *node = dln_graph_node (g, (int) i);

      if (node->op != DLN_OP_LEAF)
        {
          n_ops++;
          n_edges += 1 + (size_t) node->n_inputs;
        }
    }

  data = dln_figure_graph_data_new (n + n_ops, n_edges);
  op_i = n;
  e = 0;
  for (size_t i = 0; i < n; i++)
    {
      const DlnNode *node = dln_graph_node (g, (int) i);
      DlnFigureGraphNode *v = &data->nodes[i];

      v->kind = DLN_FIGURE_GRAPH_VALUE;
      v->role = node->role;
      g_strlcpy (v->label, node->label, sizeof v->label);
      v->source = (int) i;
      if (node->value != NULL)
        {
          v->rows = node->value->rows;
          v->cols = node->value->cols;
        }
      if (node->op == DLN_OP_LEAF)
        continue;

      {
        DlnFigureGraphNode *o = &data->nodes[op_i];

        o->kind = DLN_FIGURE_GRAPH_OP;
        o->role = node->role;
        g_strlcpy (o->label, op_symbol (node->op), sizeof o->label);
        o->source = (int) i;
        for (int k = 0; k < node->n_inputs; k++)
          {
            data->edges[e].from = (size_t) node->inputs[k];
            data->edges[e].to = op_i;
            e++;
          }
        data->edges[e].from = op_i;
        data->edges[e].to = i;
        e++;
        op_i++;
      }
    }
  dln_figure_graph_data_update (data, g);
  return data;
}

void
dln_figure_graph_data_update (DlnFigureGraphData *data,
                              const DlnGraph     *g)
{
  size_t n = (size_t) dln_graph_n_nodes (g);
  size_t e = 0;

  g_return_if_fail (data != NULL && data->n_nodes >= n);

  for (size_t i = 0; i < n; i++)
    {
      const DlnNode *node = dln_graph_node (g, (int) i);

      data->nodes[i].value = scalar_of (node->value);
      data->nodes[i].grad = node->role == DLN_ROLE_CONSTANT
                            ? NAN : scalar_of (node->grad);
      if (node->op == DLN_OP_LEAF)
        continue;
      for (int k = 0; k < node->n_inputs && e < data->n_edges; k++)
        data->edges[e++].local = node->local[k];
      e++;  /* op -> value: no label */
    }
}

void
dln_figure_graph_data_show_step (DlnFigureGraphData *data,
                                 const DlnGraph     *g,
                                 DlnFigureGraphPass  pass,
                                 int                 node)
{
  size_t n = (size_t) dln_graph_n_nodes (g);

  g_return_if_fail (data != NULL && data->n_nodes >= n);

  dln_figure_graph_data_update (data, g);
  for (size_t i = 0; i < data->n_nodes; i++)
    data->nodes[i].highlight = false;
  for (size_t k = 0; k < data->n_edges; k++)
    data->edges[k].highlight = false;
  data->current = -1;
  if (pass == DLN_FIGURE_GRAPH_PASS_NONE || node < 0 || (size_t) node >= n)
    return;
  data->current = node;

  /* values: forward has computed the leaves and the ops up to @node */
  for (size_t i = 0; i < data->n_nodes; i++)
    {
      DlnFigureGraphNode *v = &data->nodes[i];

      if (pass == DLN_FIGURE_GRAPH_PASS_FORWARD)
        {
          v->grad = NAN;
          if (v->source > node
              && dln_graph_node (g, v->source)->op != DLN_OP_LEAF)
            v->value = NAN;
        }
      v->highlight = v->source == node;
    }

  for (size_t k = 0; k < data->n_edges; k++)
    {
      DlnFigureGraphEdge *e = &data->edges[k];
      const DlnFigureGraphNode *to = &data->nodes[e->to];
      const DlnFigureGraphNode *from = &data->nodes[e->from];

      /* local derivatives label the backward pass, as the course shows
       * them: only edges whose op has propagated so far */
      if (pass == DLN_FIGURE_GRAPH_PASS_FORWARD
          || (to->kind == DLN_FIGURE_GRAPH_OP && to->source < node))
        e->local = NAN;
      /* this step's edges: the op's inputs and its output */
      e->highlight = (to->kind == DLN_FIGURE_GRAPH_OP && to->source == node)
                     || (from->kind == DLN_FIGURE_GRAPH_OP
                         && from->source == node);
      if (e->highlight)
        data->nodes[e->from].highlight = data->nodes[e->to].highlight = true;
    }
}

size_t
dln_figure_graph_highlight_path (DlnFigureGraphData *data,
                                 size_t              from,
                                 size_t              to)
{
  g_autofree bool *down = NULL, *up = NULL;
  gboolean changed = TRUE;
  size_t marked = 0;

  g_return_val_if_fail (data != NULL, 0);

  for (size_t i = 0; i < data->n_nodes; i++)
    data->nodes[i].highlight = false;
  for (size_t k = 0; k < data->n_edges; k++)
    data->edges[k].highlight = false;
  if (from >= data->n_nodes || to >= data->n_nodes)
    return 0;

  /* down: reachable from @from; up: reaches @to. The graphs are small
   * (≤ a few hundred nodes), so plain relaxation beats building adjacency. */
  down = g_new0 (bool, data->n_nodes);
  up = g_new0 (bool, data->n_nodes);
  down[from] = true;
  up[to] = true;
  while (changed)
    {
      changed = FALSE;
      for (size_t k = 0; k < data->n_edges; k++)
        {
          const DlnFigureGraphEdge *ed = &data->edges[k];

          if (down[ed->from] && !down[ed->to])
            {
              down[ed->to] = true;
              changed = TRUE;
            }
          if (up[ed->to] && !up[ed->from])
            {
              up[ed->from] = true;
              changed = TRUE;
            }
        }
    }
  if (!down[to])
    return 0;
  for (size_t i = 0; i < data->n_nodes; i++)
    data->nodes[i].highlight = down[i] && up[i];
  for (size_t k = 0; k < data->n_edges; k++)
    {
      DlnFigureGraphEdge *ed = &data->edges[k];

      ed->highlight = down[ed->from] && up[ed->to];
      marked += ed->highlight;
    }
  return marked;
}

/* --- Measuring --- */

typedef struct
{
  double line_h;  /* height of a node's line */
  double num_w;   /* width of the widest number (NUM_TEMPLATE) */
  double eq_w;    /* " = " between a label and its value */
  double mark_w;  /* GRAD_MARK */
} NodeMetrics;

static void
measure_rows (cairo_t              *cr,
              const DlnFigureStyle *style,
              NodeMetrics          *m)
{
  /* gradients are bold: the widest of the two */
  dln_figure_text_size (cr, style, NUM_TEMPLATE, false, style->font_size,
                        true, &m->num_w, &m->line_h);
  dln_figure_text_size (cr, style, " = ", false, style->font_size, false,
                        &m->eq_w, NULL);
  dln_figure_text_size (cr, style, GRAD_MARK, false, style->font_size, false,
                        &m->mark_w, NULL);
}

/* An operation's node: a circle round a one-letter symbol, an ellipse
 * round a name (tanh, ln) that just holds it. */
static void
op_size (cairo_t              *cr,
         const DlnFigureStyle *style,
         const char           *symbol,
         double               *width,
         double               *height)
{
  double w, h;

  dln_figure_text_size (cr, style, symbol, false, style->font_size, false,
                        &w, &h);
  *height = 1.2 * h;
  *width = MAX (w * 1.2 + 6.0, *height);
}

/* Chains shorter than this stay in one row when folding. */
#define FOLD_MIN_RANKS 6

/* Folds a long chain into two rows (presentation on a wide screen: a
 * dozen ranks in one row leave the text small). Ranks count back from
 * the outputs, so a source sits beside its first use as dot puts it; the
 * cut between two ranks balances the rows' lengths, with few edges
 * across it, and those edges are loose, so the second row starts again
 * at the left, under the first. A source across the cut has no other
 * edge: it stays with its head. */
static void
fold_rows (const DlnFigureGraphData     *data,
           const DlnGraphLayoutNodeSpec *nodes,
           DlnGraphLayoutEdgeSpec       *edges,
           double                        rank_sep)
{
  size_t n = data->n_nodes;
  g_autofree int *height = g_new0 (int, MAX (n, 1));
  g_autofree int *in = g_new0 (int, MAX (n, 1));
  g_autofree double *length = NULL;
  double total = 0.0, before = 0.0, best_cost = INFINITY;
  int ranks = 0, cut = -1;

  /* longest path to an output (a DAG: n passes at most) */
  for (size_t pass = 0; pass < n; pass++)
    {
      bool changed = false;

      for (size_t k = 0; k < data->n_edges; k++)
        if (height[data->edges[k].from] < height[data->edges[k].to] + 1)
          {
            height[data->edges[k].from] = height[data->edges[k].to] + 1;
            changed = true;
          }
      if (!changed)
        break;
    }
  for (size_t i = 0; i < n; i++)
    ranks = MAX (ranks, height[i] + 1);
  if (ranks < FOLD_MIN_RANKS)
    return;
  for (size_t k = 0; k < data->n_edges; k++)
    in[data->edges[k].to]++;

  /* each rank's length along the chain: its longest node, then the gap
   * after it with the longest label of an edge leaving it */
  length = g_new0 (double, ranks);
  for (size_t i = 0; i < n; i++)
    {
      int r = ranks - 1 - height[i];

      length[r] = MAX (length[r], nodes[i].width);
    }
  for (int r = 0; r < ranks; r++)
    {
      double label = 0.0;

      for (size_t k = 0; k < data->n_edges; k++)
        if (ranks - 1 - height[data->edges[k].from] == r)
          label = MAX (label, edges[k].label_width);
      length[r] += rank_sep + label;
      total += length[r];
    }

  for (int c = 1; c < ranks; c++)
    {
      int across = 0;
      bool labelled = false;
      double cost;

      before += length[c - 1];
      for (size_t k = 0; k < data->n_edges; k++)
        if (ranks - 1 - height[data->edges[k].from] < c
            && ranks - 1 - height[data->edges[k].to] >= c)
          {
            across++;
            labelled |= edges[k].label_width > 0.0;
          }
      /* the longer row sets the scale; each edge across costs a little,
       * and one with a label cannot cross (its label would float) */
      cost = MAX (before, total - before) * (1.0 + 0.1 * (across - 1));
      if (!labelled && cost < best_cost)
        {
          best_cost = cost;
          cut = c;
        }
    }
  for (size_t k = 0; k < data->n_edges; k++)
    {
      size_t from = data->edges[k].from;

      edges[k].loose = ranks - 1 - height[from] < cut
                       && ranks - 1 - height[data->edges[k].to] >= cut
                       && in[from] > 0;
    }
}

static void
layout_spec_with (cairo_t                  *cr,
                  const DlnFigureGraphData *data,
                  const DlnFigureStyle     *style,
                  DlnGraphLayoutSpec       *spec,
                  DlnGraphLayoutNodeSpec   *nodes,
                  DlnGraphLayoutEdgeSpec   *edges)
{
  NodeMetrics m;
  double edge_w = 0.0, edge_h = 0.0, fs = style->font_size;

  measure_rows (cr, style, &m);
  if (data->show_local)
    {
      /* Top to bottom, dot keeps about 8 pt free above and below an edge
       * label's box whatever the rank separation: a box half the text's
       * height lets the text reach into that free space (nothing else is
       * drawn there) instead of adding a third gap to every rank. */
      edge_w = m.num_w + 4.0;
      edge_h = m.line_h * (data->direction == DLN_GRAPH_LAYOUT_TOP_BOTTOM
                           ? 0.5 : 1.0);
    }

  for (size_t i = 0; i < data->n_nodes; i++)
    {
      const DlnFigureGraphNode *n = &data->nodes[i];
      double w;

      if (n->kind == DLN_FIGURE_GRAPH_OP)
        {
          nodes[i].shape = DLN_GRAPH_LAYOUT_ELLIPSE;
          op_size (cr, style, n->label, &nodes[i].width, &nodes[i].height);
        }
      else
        {
          /* one line: "label = value  ∂ gradient" */
          dln_figure_text_size (cr, style, n->label, false, fs, true, &w,
                                NULL);
          nodes[i].shape = DLN_GRAPH_LAYOUT_BOX;
          nodes[i].width = w + m.eq_w + m.num_w + NUM_GAP * fs + m.mark_w
                           + m.num_w + 2 * NODE_PAD;
          nodes[i].height = m.line_h + 2 * NODE_PAD;
        }
    }
  for (size_t k = 0; k < data->n_edges; k++)
    {
      bool labelled = data->show_local
                      && data->nodes[data->edges[k].to].kind
                         == DLN_FIGURE_GRAPH_OP;

      edges[k].from = data->edges[k].from;
      edges[k].to = data->edges[k].to;
      edges[k].label_width = labelled ? edge_w : 0.0;
      edges[k].label_height = labelled ? edge_h : 0.0;
      edges[k].loose = false;
    }
  if (data->fold && data->direction == DLN_GRAPH_LAYOUT_LEFT_RIGHT)
    fold_rows (data, nodes, edges, fs * (data->show_local ? 0.3 : 0.9));
  /* dot gives a labelled edge two rank gaps (its label sits between) */
  *spec = (DlnGraphLayoutSpec) {
    .direction = data->direction,
    .n_nodes = data->n_nodes,
    .nodes = nodes,
    .n_edges = data->n_edges,
    .edges = edges,
    .node_sep = fs * 0.9,
    .rank_sep = fs * (data->show_local ? 0.3 : 0.9),
  };
}

void
dln_figure_graph_layout_spec (const DlnFigureGraphData *data,
                              const DlnFigureStyle     *style,
                              DlnGraphLayoutSpec       *spec,
                              DlnGraphLayoutNodeSpec   *nodes,
                              DlnGraphLayoutEdgeSpec   *edges)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (s);

  layout_spec_with (cr, data, style, spec, nodes, edges);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

DlnStatus
dln_figure_graph_layout (DlnGraphLayoutCache  *cache,
                         const DlnFigureStyle *style,
                         DlnFigureGraphData   *data,
                         DlnMessage           *msg)
{
  g_autofree DlnGraphLayoutNodeSpec *nodes = NULL;
  g_autofree DlnGraphLayoutEdgeSpec *edges = NULL;
  DlnGraphLayoutSpec spec;

  g_return_val_if_fail (cache != NULL && style != NULL && data != NULL,
                        DLN_STATUS_INVALID_INPUT);

  nodes = g_new0 (DlnGraphLayoutNodeSpec, MAX (data->n_nodes, 1));
  edges = g_new0 (DlnGraphLayoutEdgeSpec, MAX (data->n_edges, 1));
  dln_figure_graph_layout_spec (data, style, &spec, nodes, edges);
  data->layout = NULL;
  return dln_graph_layout_cache_get (cache, &spec, &data->layout, msg);
}

/* --- Drawing --- */

static DlnRgba
mix (DlnRgba a,
     DlnRgba b,
     double  t)
{
  return (DlnRgba) {
    a.r * t + b.r * (1 - t), a.g * t + b.g * (1 - t),
    a.b * t + b.b * (1 - t), 1.0,
  };
}

static DlnRgba
role_color (const DlnFigureStyle *style,
            DlnRole               role)
{
  switch (role)
    {
    case DLN_ROLE_INPUT:
      return dln_figure_style_color (style, DLN_COLOR_SKY_BLUE);
    case DLN_ROLE_PARAMETER:
      return dln_figure_style_color (style, DLN_COLOR_ORANGE);
    case DLN_ROLE_CONSTANT:
      return style->muted;
    case DLN_ROLE_INTERMEDIATE:
      return dln_figure_style_color (style, DLN_COLOR_GREEN);
    case DLN_ROLE_OUTPUT:
      return dln_figure_style_color (style, DLN_COLOR_VERMILLION);
    }
  return style->foreground;
}

/* %.*g (@digits significant) with a Unicode minus and a short exponent
 * (e−5, not e-05); "–" for not computed. */
static void
fmt_digits (char   *buf,
            size_t  size,
            double  v,
            int     digits)
{
  char raw[32];
  GString *s;

  if (isnan (v))
    {
      g_strlcpy (buf, "\xe2\x80\x93", size);
      return;
    }
  if (isinf (v))
    {
      g_strlcpy (buf, v > 0 ? "\xe2\x88\x9e" : "\xe2\x88\x92\xe2\x88\x9e",
                 size);
      return;
    }
  g_snprintf (raw, sizeof raw, "%.*g", digits, v == 0.0 ? 0.0 : v);
  s = g_string_new (NULL);
  for (const char *p = raw; *p != '\0'; p++)
    {
      if (*p == '-')
        g_string_append (s, "\xe2\x88\x92");
      else if (*p == '+')
        continue;
      else if (*p == '0' && p > raw && (p[-1] == '+' || p[-1] == '-')
               && p - 1 > raw && p[-2] == 'e' && g_ascii_isdigit (p[1]))
        continue;  /* the exponent's leading zero */
      else
        g_string_append_c (s, *p);
    }
  g_strlcpy (buf, s->str, size);
  g_string_free (s, TRUE);
}

/* @v with as many of 4 significant digits as fit in @slot (the node's
 * number width, NUM_TEMPLATE): nodes keep their size whatever the value,
 * and a rare long number (−1.235e4) loses digits, never its place. */
static void
fmt_fit (cairo_t              *cr,
         const DlnFigureStyle *style,
         bool                  bold,
         double                slot,
         double                v,
         char                 *buf,
         size_t                size)
{
  for (int digits = 4; digits >= 1; digits--)
    {
      int n_digits = 0;
      double w;

      fmt_digits (buf, size, v, digits);
      /* no exponent and at most the template's five digits: it fits
       * (digits share one width), no need to measure */
      for (const char *p = buf; *p != '\0'; p++)
        n_digits += g_ascii_isdigit (*p) ? 1 : *p == 'e' ? 99 : 0;
      if (n_digits <= 5)
        return;
      dln_figure_text_size (cr, style, buf, false, style->font_size, bold,
                            &w, NULL);
      if (w <= slot + 0.5)
        return;
    }
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
node_path (cairo_t                  *cr,
           const DlnGraphLayoutNode *ln,
           double                    grow)
{
  double w = ln->width + 2 * grow, h = ln->height + 2 * grow;

  if (ln->shape == DLN_GRAPH_LAYOUT_ELLIPSE)
    {
      cairo_save (cr);
      cairo_translate (cr, ln->centre.x, ln->centre.y);
      cairo_scale (cr, w / 2, h / 2);
      cairo_new_sub_path (cr);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
    }
  else
    rounded_rect (cr, ln->centre.x - w / 2, ln->centre.y - h / 2, w, h,
                  NODE_RADIUS + grow);
}

/* The gap between the rows of a folded layout (fold_rows): the second
 * row is what the loose edges' heads connect to without them. Returns
 * FALSE when the rows overlap (dot's own spline is drawn then). */
static bool
fold_gap (const DlnGraphLayout *l,
          double               *gap_y)
{
  g_autofree bool *second = g_new0 (bool, MAX (l->n_nodes, 1));
  double first_bottom = -INFINITY, second_top = INFINITY;
  bool changed = false;

  for (size_t k = 0; k < l->n_edges; k++)
    if (l->edges[k].loose)
      second[l->edges[k].to] = changed = true;
  while (changed)
    {
      changed = false;
      for (size_t k = 0; k < l->n_edges; k++)
        if (!l->edges[k].loose
            && second[l->edges[k].from] != second[l->edges[k].to])
          second[l->edges[k].from] = second[l->edges[k].to] = changed = true;
    }
  for (size_t i = 0; i < l->n_nodes; i++)
    {
      const DlnGraphLayoutNode *n = &l->nodes[i];

      if (second[i])
        second_top = MIN (second_top, n->centre.y - n->height / 2);
      else
        first_bottom = MAX (first_bottom, n->centre.y + n->height / 2);
    }
  *gap_y = (first_bottom + second_top) / 2;
  return second_top > first_bottom;
}

/* An edge and its label: purple on the highlighted path. */
static DlnRgba
edge_color (const DlnFigureStyle     *style,
            const DlnFigureGraphEdge *e)
{
  return e->highlight ? dln_figure_style_color (style, DLN_COLOR_PURPLE)
                      : style->foreground;
}

static void
draw_edge (cairo_t                  *cr,
           const DlnFigureStyle     *style,
           const DlnGraphLayout     *l,
           const DlnGraphLayoutEdge *le,
           const DlnFigureGraphEdge *e)
{
  const DlnGraphPoint *p = le->points;
  DlnGraphPoint last = p[le->n_points - 1], tip = le->tip;
  double dx, dy, len, gap_y;
  double arrow = hypot (tip.x - last.x, tip.y - last.y);  /* dot's */

  dln_color_set_source (cr, edge_color (style, e), e->highlight ? 1.0 : 0.7);
  cairo_set_line_width (cr, e->highlight ? 2.6 : 1.2);
  if (le->loose && fold_gap (l, &gap_y))
    {
      /* from the end of the first row down to the gap, back along it and
       * down into the head of the second row */
      const DlnGraphLayoutNode *a = &l->nodes[le->from];
      const DlnGraphLayoutNode *b = &l->nodes[le->to];

      tip = (DlnGraphPoint) { b->centre.x, b->centre.y - b->height / 2 };
      last = (DlnGraphPoint) { tip.x, tip.y - arrow };
      cairo_move_to (cr, a->centre.x, a->centre.y + a->height / 2);
      cairo_line_to (cr, a->centre.x, gap_y);
      cairo_line_to (cr, tip.x, gap_y);
      cairo_line_to (cr, last.x, last.y);
    }
  else
    {
      cairo_move_to (cr, p[0].x, p[0].y);
      for (size_t j = 1; j + 2 < le->n_points; j += 3)
        cairo_curve_to (cr, p[j].x, p[j].y, p[j + 1].x, p[j + 1].y,
                        p[j + 2].x, p[j + 2].y);
    }
  cairo_stroke (cr);
  dx = tip.x - last.x;
  dy = tip.y - last.y;
  len = hypot (dx, dy);

  if (len > 0.5)
    {
      /* the arrowhead fills the gap dot left between spline and node */
      double nx = -dy / len * ARROW_HALF * len;
      double ny = dx / len * ARROW_HALF * len;

      dln_path_arrowhead (cr, tip.x, tip.y, last.x, last.y, nx, ny);
      cairo_fill (cr);
    }
}

static void
draw_edge_label (cairo_t                  *cr,
                 const DlnFigureStyle     *style,
                 const DlnGraphLayoutEdge *le,
                 const DlnFigureGraphEdge *e,
                 double                    slot)
{
  char text[32];
  double w, h, fs = style->font_size;

  fmt_fit (cr, style, e->highlight, slot, e->local, text, sizeof text);
  dln_figure_text_size (cr, style, text, false, fs, e->highlight, &w, &h);
  dln_color_set_source (cr, style->background, 0.85);
  rounded_rect (cr, le->label.x - w / 2 - 3, le->label.y - h / 2 - 1,
                w + 6, h + 2, 3);
  cairo_fill (cr);
  dln_color_set_source (cr, edge_color (style, e), 1.0);
  dln_figure_text (cr, style, text, false, fs, e->highlight, le->label.x,
                   le->label.y, DLN_ANCHOR_CENTER, DLN_ANCHOR_CENTER, 0, true,
                   NULL, NULL);
}

static void
draw_node (cairo_t                  *cr,
           const DlnFigureStyle     *style,
           const DlnGraphLayoutNode *ln,
           const DlnFigureGraphNode *n,
           const NodeMetrics        *m,
           bool                      current)
{
  DlnRgba rc = role_color (style, n->role);
  DlnRgba fill = mix (rc, style->background,
                      n->kind == DLN_FIGURE_GRAPH_OP ? 0.12 : 0.22);

  if (current)
    {
      /* a wide soft halo plus a strong ring: visible on both themes and
       * in greyscale */
      node_path (cr, ln, 5.0);
      dln_color_set_source (cr, dln_figure_style_color (style, DLN_COLOR_BLUE),
                            0.25);
      cairo_fill (cr);
    }

  node_path (cr, ln, 0.0);
  dln_color_set_source (cr, fill, 1.0);
  cairo_fill_preserve (cr);
  if (current)
    {
      dln_color_set_source (cr, dln_figure_style_color (style, DLN_COLOR_BLUE),
                            1.0);
      cairo_set_line_width (cr, 3.2);
    }
  else if (n->highlight)
    {
      dln_color_set_source (cr,
                            dln_figure_style_color (style, DLN_COLOR_PURPLE),
                            1.0);
      cairo_set_line_width (cr, 2.6);
    }
  else
    {
      dln_color_set_source (cr, n->kind == DLN_FIGURE_GRAPH_OP
                                ? style->foreground : rc,
                            n->kind == DLN_FIGURE_GRAPH_OP ? 0.7 : 1.0);
      cairo_set_line_width (cr, n->kind == DLN_FIGURE_GRAPH_OP ? 1.0 : 1.6);
    }
  cairo_stroke (cr);

  dln_color_set_source (cr, style->foreground, 1.0);
  if (n->kind == DLN_FIGURE_GRAPH_OP)
    {
      dln_figure_text (cr, style, n->label, false, style->font_size, false,
                       ln->centre.x, ln->centre.y, DLN_ANCHOR_CENTER,
                       DLN_ANCHOR_CENTER, 0, true, NULL, NULL);
      return;
    }

  {
    double left = ln->centre.x - ln->width / 2 + NODE_PAD;
    double right = ln->centre.x + ln->width / 2 - NODE_PAD;
    double fs = style->font_size;
    double grad_x = right - m->num_w - m->mark_w;
    double label_w = 0;
    char v[48], g[48];

    if (n->rows * n->cols == 1)
      fmt_fit (cr, style, false, m->num_w, n->value, v, sizeof v);
    else
      g_snprintf (v, sizeof v, "%zu\xc3\x97%zu", n->rows, n->cols);
    if (n->role == DLN_ROLE_CONSTANT || n->no_grad)
      g_strlcpy (g, "\xe2\x80\x94", sizeof g);  /* tracks none */
    else if (n->rows * n->cols == 1)
      fmt_fit (cr, style, true, m->num_w, n->grad, g, sizeof g);
    else
      g_strlcpy (g, "\xe2\x80\x93", sizeof g);

    dln_figure_text (cr, style, n->label, false, fs, true, left,
                     ln->centre.y, DLN_ANCHOR_START, DLN_ANCHOR_CENTER, 0,
                     true, &label_w, NULL);
    /* a constant named by its value ("2") says it once */
    if (strcmp (n->label, v) != 0)
      {
        dln_color_set_source (cr, style->muted, 1.0);
        dln_figure_text (cr, style, " = ", false, fs, false, left + label_w,
                         ln->centre.y, DLN_ANCHOR_START, DLN_ANCHOR_CENTER,
                         0, true, NULL, NULL);
        dln_color_set_source (cr, style->foreground, 1.0);
        dln_figure_text (cr, style, v, false, fs, false,
                         left + label_w + m->eq_w, ln->centre.y,
                         DLN_ANCHOR_START, DLN_ANCHOR_CENTER, 0, true, NULL,
                         NULL);
      }
    /* the gradient's half, set off by a rule in the role's colour */
    dln_color_set_source (cr, rc, 0.6);
    cairo_set_line_width (cr, 0.8);
    cairo_move_to (cr, grad_x - NUM_GAP * fs / 2, ln->centre.y - m->line_h / 2);
    cairo_line_to (cr, grad_x - NUM_GAP * fs / 2, ln->centre.y + m->line_h / 2);
    cairo_stroke (cr);
    dln_color_set_source (cr, style->muted, 1.0);
    dln_figure_text (cr, style, GRAD_MARK, false, fs, false, grad_x,
                     ln->centre.y, DLN_ANCHOR_START, DLN_ANCHOR_CENTER, 0,
                     true, NULL, NULL);
    dln_color_set_source (cr, style->foreground, 1.0);
    dln_figure_text (cr, style, g, false, fs, true, grad_x + m->mark_w,
                     ln->centre.y, DLN_ANCHOR_START, DLN_ANCHOR_CENTER, 0,
                     true, NULL, NULL);
  }
}

/* TRUE when @data->layout was computed for @data's structure. */
static gboolean
layout_matches (cairo_t                  *cr,
                const DlnFigureGraphData *data,
                const DlnFigureStyle     *style)
{
  g_autofree DlnGraphLayoutNodeSpec *nodes = NULL;
  g_autofree DlnGraphLayoutEdgeSpec *edges = NULL;
  DlnGraphLayoutSpec spec;

  cairo_surface_t *scratch;
  cairo_t *unscaled;
  cairo_font_options_t *options;
  gboolean match;

  if (data->layout == NULL || data->layout->n_nodes != data->n_nodes
      || data->layout->n_edges != data->n_edges)
    return FALSE;
  nodes = g_new0 (DlnGraphLayoutNodeSpec, MAX (data->n_nodes, 1));
  edges = g_new0 (DlnGraphLayoutEdgeSpec, MAX (data->n_edges, 1));
  /* Measured as the layout was (dln_figure_graph_layout_spec: identity
   * transform) with the target's font options: under a scaled @cr (D03
   * below its minimum width) hinted metrics differ in user space and the
   * graph went undrawn at some widths. */
  scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  unscaled = cairo_create (scratch);
  options = cairo_font_options_create ();
  cairo_surface_get_font_options (cairo_get_target (cr), options);
  cairo_set_font_options (unscaled, options);
  layout_spec_with (unscaled, data, style, &spec, nodes, edges);
  match = dln_graph_layout_fingerprint (&spec) == data->layout->fingerprint;
  cairo_font_options_destroy (options);
  cairo_destroy (unscaled);
  cairo_surface_destroy (scratch);
  return match;
}

void
dln_figure_graph_draw (cairo_t                  *cr,
                       const DlnFigureStyle     *style,
                       const DlnFigureGraphData *data,
                       DlnRect                   r,
                       DlnPlotPanel             *panel)
{
  const DlnGraphLayout *l = data->layout;
  NodeMetrics m;
  double s, ox, oy;

  if (panel != NULL)
    memset (panel, 0, sizeof *panel);
  if (!layout_matches (cr, data, style) || l->n_nodes == 0)
    {
      dln_color_set_source (cr, style->muted, 1.0);
      dln_figure_text (cr, style,
                       data->n_nodes == 0 ? "empty graph"
                                          : "graph layout not computed",
                       false, style->font_size, false, r.x + r.width / 2,
                       r.y + r.height / 2, DLN_ANCHOR_CENTER,
                       DLN_ANCHOR_CENTER, 0, true, NULL, NULL);
      return;
    }

  s = MIN (MIN (r.width / l->width, r.height / l->height), MAX_SCALE);
  ox = r.x + (r.width - s * l->width) / 2;
  oy = r.y + (r.height - s * l->height) / 2;

  cairo_save (cr);
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, s, s);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  measure_rows (cr, style, &m);

  /* highlighted edges last, so they read on top where splines cross */
  for (int pass = 0; pass < 2; pass++)
    for (size_t k = 0; k < l->n_edges; k++)
      if (data->edges[k].highlight == (pass == 1))
        draw_edge (cr, style, l, &l->edges[k], &data->edges[k]);
  /* a NaN local derivative is "not computed yet": its space stays free */
  if (data->show_local)
    for (size_t k = 0; k < l->n_edges; k++)
      if (l->edges[k].has_label && !isnan (data->edges[k].local))
        draw_edge_label (cr, style, &l->edges[k], &data->edges[k], m.num_w);
  for (size_t i = 0; i < l->n_nodes; i++)
    draw_node (cr, style, &l->nodes[i], &data->nodes[i], &m,
               data->current >= 0 && (size_t) data->current == i);
  cairo_restore (cr);

  if (panel != NULL)
    {
      panel->kind = DLN_PANEL_GRAPH;
      g_strlcpy (panel->name, "graph", sizeof panel->name);
      panel->x = ox;
      panel->y = oy;
      panel->width = s * l->width;
      panel->height = s * l->height;
      panel->x_min = 0;
      panel->x_max = l->width;
      panel->y_min = l->height;  /* bottom edge: layout y grows downwards */
      panel->y_max = 0;
    }
}

static void draw_legend_row (cairo_t *cr, const DlnFigureStyle *style,
                             size_t n, const char *const *names,
                             const DlnRgba *colors, const bool *op,
                             bool any_path, double fs, double sw, double gap,
                             double h, double x, double y_bottom);

static double
draw_legend (cairo_t              *cr,
             const DlnFigureStyle *style,
             const DlnFigureGraphData *data,
             double                width,
             double                y_bottom,
             bool                  draw)
{
  static const DlnRole roles[] = {
    DLN_ROLE_INPUT, DLN_ROLE_PARAMETER, DLN_ROLE_CONSTANT,
    DLN_ROLE_INTERMEDIATE, DLN_ROLE_OUTPUT,
  };
  const char *names[G_N_ELEMENTS (roles) + 2];
  DlnRgba colors[G_N_ELEMENTS (roles) + 2];
  bool op[G_N_ELEMENTS (roles) + 2];
  size_t n = 0;
  double fs = style->font_size * 0.92, sw = fs * 1.6, gap = fs * 1.2;
  double total = 0, h = 0;
  bool any_op = false, any_path = false;

  for (size_t r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      bool used = false;

      for (size_t i = 0; i < data->n_nodes; i++)
        used |= data->nodes[i].kind == DLN_FIGURE_GRAPH_VALUE
                && data->nodes[i].role == roles[r];
      if (!used)
        continue;
      names[n] = dln_role_name (roles[r]);
      colors[n] = role_color (style, roles[r]);
      op[n] = false;
      n++;
    }
  for (size_t i = 0; i < data->n_nodes; i++)
    any_op |= data->nodes[i].kind == DLN_FIGURE_GRAPH_OP;
  for (size_t k = 0; k < data->n_edges; k++)
    any_path |= data->edges[k].highlight;
  if (any_op)
    {
      names[n] = N_("operation");
      colors[n] = style->foreground;
      op[n] = true;
      n++;
    }
  if (any_path)
    {
      names[n] = data->current >= 0 ? "this step" : "chain-rule path";
      colors[n] = dln_figure_style_color (style, DLN_COLOR_PURPLE);
      op[n] = false;
      n++;
    }
  if (n == 0)
    return 0.0;

  for (size_t i = 0; i < n; i++)
    {
      double w, th;

      dln_figure_text_size (cr, style, names[i], false, fs, false, &w, &th);
      total += sw + 5 + w + (i + 1 < n ? gap : 0);
      h = MAX (h, th);
    }
  if (total > width - 2 * style->padding)
    {
      /* too wide for the figure: shrink the legend, not the graph */
      double k = (width - 2 * style->padding) / total;

      if (!draw)
        return h * k + style->padding;
      cairo_save (cr);
      cairo_translate (cr, style->padding, y_bottom - style->padding);
      cairo_scale (cr, k, k);
      cairo_translate (cr, -style->padding, -(y_bottom - style->padding));
      draw_legend_row (cr, style, n, names, colors, op, any_path, fs, sw,
                       gap, h, style->padding, y_bottom);
      cairo_restore (cr);
      return h * k + style->padding;
    }
  if (!draw)
    return h + style->padding;
  draw_legend_row (cr, style, n, names, colors, op, any_path, fs, sw, gap, h,
                   MAX ((width - total) / 2, style->padding), y_bottom);
  return h + style->padding;
}

static void
draw_legend_row (cairo_t              *cr,
                 const DlnFigureStyle *style,
                 size_t                n,
                 const char *const    *names,
                 const DlnRgba        *colors,
                 const bool           *op,
                 bool                  any_path,
                 double                fs,
                 double                sw,
                 double                gap,
                 double                h,
                 double                x,
                 double                y_bottom)
{
  for (size_t i = 0; i < n; i++)
    {
      double w, yc = y_bottom - style->padding - h / 2;
      bool path = i == n - 1 && any_path;

      if (path)
        {
          dln_color_set_source (cr, colors[i], 1.0);
          cairo_set_line_width (cr, 2.6);
          cairo_move_to (cr, x, yc);
          cairo_line_to (cr, x + sw, yc);
          cairo_stroke (cr);
        }
      else if (op[i])
        {
          cairo_new_path (cr);
          cairo_save (cr);
          cairo_translate (cr, x + sw / 2, yc);
          cairo_scale (cr, sw / 2, h * 0.4);
          cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
          cairo_restore (cr);
          dln_color_set_source (cr, mix (style->muted, style->background,
                                         0.12), 1.0);
          cairo_fill_preserve (cr);
          dln_color_set_source (cr, style->foreground, 0.7);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
        }
      else
        {
          rounded_rect (cr, x, yc - h * 0.4, sw, h * 0.8, 3);
          dln_color_set_source (cr, mix (colors[i], style->background, 0.22),
                                1.0);
          cairo_fill_preserve (cr);
          dln_color_set_source (cr, colors[i], 1.0);
          cairo_set_line_width (cr, 1.6);
          cairo_stroke (cr);
        }
      dln_color_set_source (cr, style->foreground, 1.0);
      dln_figure_text (cr, style, names[i], false, fs, false, x + sw + 5, yc,
                       DLN_ANCHOR_START, DLN_ANCHOR_CENTER, 0, true, &w,
                       NULL);
      x += sw + 5 + w + gap;
    }
}

void
dln_figure_graph_render (cairo_t                  *cr,
                         const DlnFigureStyle     *style,
                         const DlnFigureGraphData *data,
                         double                    width,
                         double                    height,
                         DlnFigureGeometry        *geom)
{
  double top, bottom = 0.0;
  DlnPlotPanel panel;
  DlnRect r;

  dln_figure_begin (cr, style, width, height, geom);
  top = dln_figure_suptitle (cr, style, data->title, width);
  if (data->legend)
    bottom = draw_legend (cr, style, data, width, height, false);
  r = (DlnRect) {
    style->padding * 2, top + style->padding,
    width - style->padding * 4,
    height - top - bottom - style->padding * 3,
  };
  dln_figure_graph_draw (cr, style, data, r, &panel);
  if (data->legend)
    draw_legend (cr, style, data, width, height, true);
  cairo_restore (cr);

  if (geom != NULL && panel.kind == DLN_PANEL_GRAPH
      && geom->n_panels < DLN_FIGURE_MAX_PANELS)
    geom->panels[geom->n_panels++] = panel;
}

int
dln_figure_graph_hit (const DlnFigureGraphData *data,
                      const DlnPlotPanel       *panel,
                      double                    px,
                      double                    py)
{
  const DlnGraphLayout *l = data->layout;
  double x, y;

  if (l == NULL || panel == NULL || panel->kind != DLN_PANEL_GRAPH
      || panel->width <= 0 || panel->height <= 0)
    return -1;
  x = (px - panel->x) / panel->width * (panel->x_max - panel->x_min)
      + panel->x_min;
  y = (py - panel->y) / panel->height * (panel->y_min - panel->y_max)
      + panel->y_max;
  for (size_t i = 0; i < l->n_nodes; i++)
    {
      const DlnGraphLayoutNode *n = &l->nodes[i];
      double dx = (x - n->centre.x) / (n->width / 2);
      double dy = (y - n->centre.y) / (n->height / 2);

      if (n->shape == DLN_GRAPH_LAYOUT_ELLIPSE ? dx * dx + dy * dy <= 1.0
                                               : fabs (dx) <= 1 && fabs (dy) <= 1)
        return (int) i;
    }
  return -1;
}

DlnStatus
dln_figure_graph_csv (FILE       *out,
                      const void *data_,
                      DlnMessage *msg)
{
  const DlnFigureGraphData *data = data_;

  fputs ("kind,index,from,to,role,label,value,grad,local\n", out);
  for (size_t i = 0; i < data->n_nodes; i++)
    {
      const DlnFigureGraphNode *n = &data->nodes[i];

      fprintf (out, "%s,%zu,,,%s,",
               n->kind == DLN_FIGURE_GRAPH_OP ? "op" : "value", i,
               dln_role_name (n->role));
      dln_csv_write_string (out, n->label);
      fputc (',', out);
      dln_csv_write_doubles (out, (const double[]) { n->value, n->grad }, 2);
      fputs (",\n", out);
    }
  for (size_t k = 0; k < data->n_edges; k++)
    {
      fprintf (out, "edge,%zu,%zu,%zu,,,,,", k, data->edges[k].from,
               data->edges[k].to);
      dln_csv_write_double (out, data->edges[k].local);
      fputc ('\n', out);
    }
  return dln_csv_finish (out, "graph", msg);
}
