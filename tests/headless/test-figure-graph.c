/* Graph layout (Graphviz dot) and the computational-graph figure.
 * (Over 800 lines: one test file for the graph figure, the layout module
 * it draws from, its export and its CLI command.) */

#include "config.h"

#include "dln-arena.h"
#include "dln-expr.h"
#include "dln-figure-catalogue.h"
#include "dln-figure-graph.h"
#include "dln-graph-layout.h"
#include "dln-test-figure.h"
#include "dln-test-util.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* dot places node centres and spline points on a 1/72 in grid after
 * rounding; endpoints land on the node boundary within that rounding plus
 * the arrowhead's clipping slack. 2 pt is well under any node size (≥ 20). */
#define BOUNDARY_TOL_PT 2.0
/* Node boxes may touch but not overlap by more than dot's rounding. */
#define OVERLAP_TOL_PT  0.5
/* Colour channel tolerance for "this pixel is colour c": 8-bit
 * quantisation plus a little antialiasing, well below the distance between
 * any two Okabe-Ito colours (≥ 0.3 in some channel). */
#define RGB_TOL         0.06

/* The D02 graph as micrograd draws it: value nodes (boxes) fed by op nodes
 * (ellipses). x, y, z; a = 2x; b = sin y; c = a / b; d = z·c;
 * e = ln(1 + d); f = tanh e. */
enum { X, Y, Z, OP_A, A, OP_B, B, OP_C, C, OP_D, D, OP_E, E, OP_F, F, N_D02 };

static const size_t d02_edges[][2] = {
  { X, OP_A }, { OP_A, A }, { Y, OP_B }, { OP_B, B },
  { A, OP_C }, { B, OP_C }, { OP_C, C }, { Z, OP_D }, { C, OP_D },
  { OP_D, D }, { D, OP_E }, { OP_E, E }, { E, OP_F }, { OP_F, F },
};
#define N_D02_EDGES G_N_ELEMENTS (d02_edges)

typedef struct
{
  DlnGraphLayoutNodeSpec nodes[N_D02];
  DlnGraphLayoutEdgeSpec edges[N_D02_EDGES];
  DlnGraphLayoutSpec     spec;
} D02Spec;

static void
d02_spec_init (D02Spec                *s,
               DlnGraphLayoutDirection dir,
               double                  label_w)
{
  for (size_t i = 0; i < N_D02; i++)
    {
      gboolean op = i == OP_A || i == OP_B || i == OP_C || i == OP_D
                    || i == OP_E || i == OP_F;

      s->nodes[i].shape = op ? DLN_GRAPH_LAYOUT_ELLIPSE : DLN_GRAPH_LAYOUT_BOX;
      s->nodes[i].width = op ? 36.0 : 96.0;
      s->nodes[i].height = op ? 28.0 : 44.0;
    }
  for (size_t i = 0; i < N_D02_EDGES; i++)
    {
      s->edges[i].from = d02_edges[i][0];
      s->edges[i].to = d02_edges[i][1];
      s->edges[i].label_width = label_w;
      s->edges[i].label_height = label_w > 0.0 ? 14.0 : 0.0;
      s->edges[i].loose = false;
    }
  s->spec = (DlnGraphLayoutSpec) {
    .direction = dir,
    .n_nodes = N_D02, .nodes = s->nodes,
    .n_edges = N_D02_EDGES, .edges = s->edges,
  };
}

/* Distance from @p to the boundary of @n's shape. */
static double
boundary_distance (const DlnGraphLayoutNode *n,
                   DlnGraphPoint             p)
{
  double dx = p.x - n->centre.x, dy = p.y - n->centre.y;
  double hw = n->width / 2, hh = n->height / 2;

  if (n->shape == DLN_GRAPH_LAYOUT_ELLIPSE)
    {
      /* along the ray from the centre through p */
      double r = sqrt (dx * dx / (hw * hw) + dy * dy / (hh * hh));

      return r == 0.0 ? MIN (hw, hh) : fabs (1.0 - 1.0 / r) * hypot (dx, dy);
    }
  if (fabs (dx) <= hw && fabs (dy) <= hh)
    return MIN (hw - fabs (dx), hh - fabs (dy));
  return hypot (MAX (fabs (dx) - hw, 0.0), MAX (fabs (dy) - hh, 0.0));
}

static void
check_layout_geometry (const DlnGraphLayout *l)
{
  g_assert_cmpfloat (l->width, >, 0.0);
  g_assert_cmpfloat (l->height, >, 0.0);

  for (size_t i = 0; i < l->n_nodes; i++)
    {
      const DlnGraphLayoutNode *n = &l->nodes[i];

      /* inside the canvas */
      g_assert_cmpfloat (n->centre.x - n->width / 2, >=, -OVERLAP_TOL_PT);
      g_assert_cmpfloat (n->centre.y - n->height / 2, >=, -OVERLAP_TOL_PT);
      g_assert_cmpfloat (n->centre.x + n->width / 2, <=,
                         l->width + OVERLAP_TOL_PT);
      g_assert_cmpfloat (n->centre.y + n->height / 2, <=,
                         l->height + OVERLAP_TOL_PT);
      /* no two boxes overlap */
      for (size_t j = i + 1; j < l->n_nodes; j++)
        {
          const DlnGraphLayoutNode *m = &l->nodes[j];
          double ox = (n->width + m->width) / 2
                      - fabs (n->centre.x - m->centre.x);
          double oy = (n->height + m->height) / 2
                      - fabs (n->centre.y - m->centre.y);

          if (ox > OVERLAP_TOL_PT && oy > OVERLAP_TOL_PT)
            g_error ("nodes %zu and %zu overlap by %.1f × %.1f pt", i, j,
                     ox, oy);
        }
    }

  for (size_t k = 0; k < l->n_edges; k++)
    {
      const DlnGraphLayoutEdge *e = &l->edges[k];

      g_assert_cmpuint (e->n_points, >=, 4);
      g_assert_cmpuint ((e->n_points - 1) % 3, ==, 0);
      g_assert_cmpfloat (boundary_distance (&l->nodes[e->from], e->points[0]),
                         <=, BOUNDARY_TOL_PT);
      g_assert_cmpfloat (boundary_distance (&l->nodes[e->to], e->tip),
                         <=, BOUNDARY_TOL_PT);
    }
}

static void
test_layout_geometry (void)
{
  for (int dir = 0; dir < 2; dir++)
    for (int labelled = 0; labelled < 2; labelled++)
      {
        D02Spec s;
        DlnGraphLayout *l = NULL;
        DlnMessage msg = { 0 };

        d02_spec_init (&s, dir, labelled ? 48.0 : 0.0);
        g_assert_cmpint (dln_graph_layout_compute (&s.spec, &l, &msg), ==,
                         DLN_STATUS_OK);
        g_assert_cmpuint (l->n_nodes, ==, N_D02);
        g_assert_cmpuint (l->n_edges, ==, N_D02_EDGES);
        check_layout_geometry (l);

        for (size_t k = 0; k < l->n_edges; k++)
          {
            const DlnGraphLayoutEdge *e = &l->edges[k];

            g_assert_cmpint (e->has_label, ==, labelled);
            if (labelled)
              /* a label sits off every node box */
              for (size_t i = 0; i < l->n_nodes; i++)
                g_assert_false (fabs (e->label.x - l->nodes[i].centre.x)
                                < l->nodes[i].width / 2 - OVERLAP_TOL_PT
                                && fabs (e->label.y - l->nodes[i].centre.y)
                                < l->nodes[i].height / 2 - OVERLAP_TOL_PT);
          }
        dln_graph_layout_free (l);
      }
}

static void
test_layout_direction (void)
{
  D02Spec tb, lr;
  DlnGraphLayout *ltb = NULL, *llr = NULL;

  d02_spec_init (&tb, DLN_GRAPH_LAYOUT_TOP_BOTTOM, 0.0);
  d02_spec_init (&lr, DLN_GRAPH_LAYOUT_LEFT_RIGHT, 0.0);
  g_assert_cmpint (dln_graph_layout_compute (&tb.spec, &ltb, NULL), ==, 0);
  g_assert_cmpint (dln_graph_layout_compute (&lr.spec, &llr, NULL), ==, 0);

  /* Every edge goes down in TB and right in LR: the ranks are the flow. */
  for (size_t k = 0; k < N_D02_EDGES; k++)
    {
      size_t a = d02_edges[k][0], b = d02_edges[k][1];

      g_assert_cmpfloat (ltb->nodes[b].centre.y, >, ltb->nodes[a].centre.y);
      g_assert_cmpfloat (llr->nodes[b].centre.x, >, llr->nodes[a].centre.x);
    }
  /* The chain x → … → f has 11 ranks: TB is tall, LR is wide. */
  g_assert_cmpfloat (ltb->height, >, ltb->width);
  g_assert_cmpfloat (llr->width, >, llr->height);
  g_assert_cmpuint (ltb->fingerprint, !=, llr->fingerprint);

  dln_graph_layout_free (ltb);
  dln_graph_layout_free (llr);
}

static void
test_layout_cache (void)
{
  DlnGraphLayoutCache *cache = dln_graph_layout_cache_new ();
  const DlnGraphLayout *l1 = NULL, *l2 = NULL, *l3 = NULL;
  D02Spec s;
  unsigned runs0 = dln_graph_layout_run_count ();

  d02_spec_init (&s, DLN_GRAPH_LAYOUT_TOP_BOTTOM, 0.0);
  g_assert_cmpint (dln_graph_layout_cache_get (cache, &s.spec, &l1, NULL),
                   ==, DLN_STATUS_OK);
  g_assert_cmpuint (dln_graph_layout_cache_n_computed (cache), ==, 1);

  /* A value change rebuilds the spec from scratch, structure equal: the
   * same layout comes back and Graphviz does not run. */
  for (int i = 0; i < 50; i++)
    {
      D02Spec again;

      d02_spec_init (&again, DLN_GRAPH_LAYOUT_TOP_BOTTOM, 0.0);
      g_assert_cmpint (dln_graph_layout_cache_get (cache, &again.spec, &l2,
                                                   NULL), ==, DLN_STATUS_OK);
      g_assert_true (l2 == l1);
    }
  g_assert_cmpuint (dln_graph_layout_cache_n_computed (cache), ==, 1);
  g_assert_cmpuint (dln_graph_layout_run_count () - runs0, ==, 1);

  /* A structural change (direction, a node size, an edge) does re-run. */
  s.spec.direction = DLN_GRAPH_LAYOUT_LEFT_RIGHT;
  g_assert_cmpint (dln_graph_layout_cache_get (cache, &s.spec, &l3, NULL),
                   ==, DLN_STATUS_OK);
  g_assert_true (l3 != l1);
  g_assert_cmpuint (dln_graph_layout_cache_n_computed (cache), ==, 2);
  s.nodes[X].width += 10.0;
  g_assert_cmpint (dln_graph_layout_cache_get (cache, &s.spec, &l3, NULL),
                   ==, DLN_STATUS_OK);
  g_assert_cmpuint (dln_graph_layout_cache_n_computed (cache), ==, 3);
  s.edges[0].to = OP_B;
  g_assert_cmpint (dln_graph_layout_cache_get (cache, &s.spec, &l3, NULL),
                   ==, DLN_STATUS_OK);
  g_assert_cmpuint (dln_graph_layout_cache_n_computed (cache), ==, 4);

  /* The first TB layout is still cached (4 slots). */
  d02_spec_init (&s, DLN_GRAPH_LAYOUT_TOP_BOTTOM, 0.0);
  g_assert_cmpint (dln_graph_layout_cache_get (cache, &s.spec, &l2, NULL),
                   ==, DLN_STATUS_OK);
  g_assert_true (l2 == l1);
  g_assert_cmpuint (dln_graph_layout_cache_n_computed (cache), ==, 4);

  dln_graph_layout_cache_free (cache);
}

static void
test_layout_invalid (void)
{
  D02Spec s;
  DlnGraphLayout *l = NULL;
  DlnMessage msg = { 0 };

  d02_spec_init (&s, DLN_GRAPH_LAYOUT_TOP_BOTTOM, 0.0);
  s.edges[3].to = 99;
  g_assert_cmpint (dln_graph_layout_compute (&s.spec, &l, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_null (l);
  g_assert_nonnull (strstr (msg.text, "edge 3"));

  d02_spec_init (&s, DLN_GRAPH_LAYOUT_TOP_BOTTOM, 0.0);
  s.nodes[2].height = NAN;
  g_assert_cmpint (dln_graph_layout_compute (&s.spec, &l, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "node 2"));

  /* The empty graph is valid and empty. */
  s.spec.n_nodes = 0;
  s.spec.n_edges = 0;
  g_assert_cmpint (dln_graph_layout_compute (&s.spec, &l, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpuint (l->n_nodes, ==, 0);
  dln_graph_layout_free (l);
}

static gpointer
layout_thread (gpointer data)
{
  for (int i = 0; i < 10; i++)
    {
      D02Spec s;
      DlnGraphLayout *l = NULL;

      d02_spec_init (&s, (i + GPOINTER_TO_INT (data)) % 2, i % 3 ? 40.0 : 0);
      if (dln_graph_layout_compute (&s.spec, &l, NULL) != DLN_STATUS_OK)
        return GINT_TO_POINTER (1);
      check_layout_geometry (l);
      dln_graph_layout_free (l);
    }
  return NULL;
}

static void
test_layout_threads (void)
{
  /* Graphviz is not thread-safe; the module's lock must make concurrent
   * callers safe (without it this crashes or corrupts within a few runs). */
  GThread *t[3];

  for (int i = 0; i < 3; i++)
    t[i] = g_thread_new ("layout", layout_thread, GINT_TO_POINTER (i));
  for (int i = 0; i < 3; i++)
    g_assert_null (g_thread_join (t[i]));
}


/* --- The graph figure --- */

#define D02_EXPR "tanh(ln(1 + z*(2*x/sin(y))))"

typedef struct
{
  DlnArena           *arena;
  DlnExpr            *expr;
  DlnGraph           *g;
  DlnFigureGraphData *data;
} D02Figure;

static void
d02_figure_init (D02Figure *f,
                 double     x,
                 double     y,
                 double     z)
{
  DlnMessage msg = { 0 };

  f->arena = dln_arena_new (1 << 20);
  g_assert_cmpint (dln_expr_parse (D02_EXPR, f->arena, &f->expr, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpint (dln_expr_to_graph (f->expr, f->arena, &f->g, &msg), ==,
                   DLN_STATUS_OK);
  dln_graph_set_scalar (f->g, dln_expr_find_var (f->expr, "x"), x);
  dln_graph_set_scalar (f->g, dln_expr_find_var (f->expr, "y"), y);
  dln_graph_set_scalar (f->g, dln_expr_find_var (f->expr, "z"), z);
  dln_graph_forward (f->g);
  dln_graph_backward (f->g, dln_graph_output (f->g));
  f->data = dln_figure_graph_data_from_graph (f->g);
  f->data->show_local = true;
}

static void
d02_figure_clear (D02Figure *f)
{
  dln_figure_graph_data_free (f->data);
  dln_arena_free (f->arena);
}

DLN_TEST_RENDER_ANY (render_graph_any, dln_figure_graph_render)

static cairo_surface_t *
render_graph (const DlnFigureStyle     *style,
              const DlnFigureGraphData *data,
              int                       w,
              int                       h,
              DlnFigureGeometry        *geom)
{
  return dln_test_render_figure (render_graph_any, style, data, w, h, geom);
}

/* Pixels of colour @c in the rectangle (whole surface when w = 0). */
static size_t
count_color (cairo_surface_t *s,
             DlnRgba          c,
             int              x0,
             int              y0,
             int              w,
             int              h)
{
  size_t n = 0;

  if (w == 0)
    {
      w = cairo_image_surface_get_width (s);
      h = cairo_image_surface_get_height (s);
    }
  for (int y = MAX (y0, 0); y < MIN (y0 + h, cairo_image_surface_get_height (s)); y++)
    for (int x = MAX (x0, 0); x < MIN (x0 + w, cairo_image_surface_get_width (s)); x++)
      n += dln_test_color_dist (dln_test_surface_pixel (s, x, y), c)
           <= RGB_TOL;
  return n;
}

static size_t
count_not_color (cairo_surface_t *s,
                 DlnRgba          c)
{
  int w = cairo_image_surface_get_width (s);
  int h = cairo_image_surface_get_height (s);

  return (size_t) w * (size_t) h - count_color (s, c, 0, 0, w, h);
}

/* Node i's box in user units through the stored panel. */
static void
node_px (const DlnFigureGraphData *data,
         const DlnPlotPanel       *p,
         size_t                    i,
         double                   *cx,
         double                   *cy,
         double                   *hw,
         double                   *hh)
{
  const DlnGraphLayoutNode *n = &data->layout->nodes[i];
  double sx = p->width / (p->x_max - p->x_min);
  double sy = p->height / (p->y_min - p->y_max);

  *cx = p->x + (n->centre.x - p->x_min) * sx;
  *cy = p->y + (n->centre.y - p->y_max) * sy;
  *hw = n->width / 2 * sx;
  *hh = n->height / 2 * sy;
}

static void
test_figure_render_themes (void)
{
  for (int theme = 0; theme < 2; theme++)
    {
      DlnFigureStyle style;
      DlnGraphLayoutCache *cache = dln_graph_layout_cache_new ();
      DlnFigureGeometry geom;
      D02Figure f;
      cairo_surface_t *s;

      dln_figure_style_init (&style, theme);
      d02_figure_init (&f, 1.0, 1.0, 0.5);
      g_assert_cmpint (dln_figure_graph_layout (cache, &style, f.data, NULL),
                       ==, DLN_STATUS_OK);
      s = render_graph (&style, f.data, 900, 800, &geom);

      /* not blank: well over 2 % of the pixels are drawn */
      g_assert_cmpuint (count_not_color (s, style.background), >,
                        900 * 800 / 50);
      g_assert_cmpuint (geom.n_panels, ==, 1);
      g_assert_cmpint (geom.panels[0].kind, ==, DLN_PANEL_GRAPH);

      /* every value node's border shows its role colour: the left edge of
       * input x is sky blue, of the output f vermillion */
      {
        int ix = dln_graph_find (f.g, "x"), io = dln_graph_output (f.g);
        const int ids[2] = { ix, io };
        const int colors[2] = { DLN_COLOR_SKY_BLUE, DLN_COLOR_VERMILLION };

        for (int k = 0; k < 2; k++)
          {
            double cx, cy, hw, hh;

            node_px (f.data, &geom.panels[0], (size_t) ids[k], &cx, &cy, &hw,
                     &hh);
            g_assert_cmpuint (count_color (s, dln_figure_style_color (&style,
                                                                      colors[k]),
                                           (int) (cx - hw - 2), (int) cy - 2,
                                           5, 5), >, 0);
            /* and the hit test finds it */
            g_assert_cmpint (dln_figure_graph_hit (f.data, &geom.panels[0],
                                                   cx, cy), ==, ids[k]);
          }
        g_assert_cmpint (dln_figure_graph_hit (f.data, &geom.panels[0], 1, 1),
                         ==, -1);
      }
      cairo_surface_destroy (s);
      d02_figure_clear (&f);
      dln_graph_layout_cache_free (cache);
    }
}

/* Folded (presentation on a wide screen): the long left-to-right chain
 * in two rows, the second from the left again under the first, joined by
 * loose edges; in a 16:9 frame it draws at least 1.5 times as large. */
static void
test_figure_fold (void)
{
  DlnFigureStyle style;
  DlnGraphLayoutCache *cache = dln_graph_layout_cache_new ();
  double scale[2];
  size_t n_loose = 0;
  D02Figure f;

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  d02_figure_init (&f, 1.0, 1.0, 0.5);
  f.data->direction = DLN_GRAPH_LAYOUT_LEFT_RIGHT;
  for (int fold = 0; fold < 2; fold++)
    {
      DlnFigureGeometry geom;
      cairo_surface_t *s;

      f.data->fold = fold;
      g_assert_cmpint (dln_figure_graph_layout (cache, &style, f.data, NULL),
                       ==, DLN_STATUS_OK);
      s = render_graph (&style, f.data, 960, 540, &geom);
      scale[fold] = geom.panels[0].width / f.data->layout->width;
      cairo_surface_destroy (s);
    }
  for (size_t k = 0; k < f.data->layout->n_edges; k++)
    {
      const DlnGraphLayoutEdge *e = &f.data->layout->edges[k];
      const DlnGraphLayoutNode *a = &f.data->layout->nodes[e->from];
      const DlnGraphLayoutNode *b = &f.data->layout->nodes[e->to];

      if (!e->loose)
        continue;
      n_loose++;
      /* the second row starts at the left, under the first */
      g_assert_cmpfloat (b->centre.x - b->width / 2, <,
                         0.25 * f.data->layout->width);
      g_assert_cmpfloat (b->centre.y - b->height / 2, >,
                         a->centre.y + a->height / 2);
    }
  g_assert_cmpuint (n_loose, >=, 1);
  g_test_message ("graph scale in 960x540: %.2f in one row, %.2f folded",
                  scale[0], scale[1]);
  g_assert_cmpfloat (scale[1], >, 1.5 * scale[0]);
  d02_figure_clear (&f);
  dln_graph_layout_cache_free (cache);
}

static void
test_figure_values_keep_layout (void)
{
  DlnFigureStyle style;
  DlnGraphLayoutCache *cache = dln_graph_layout_cache_new ();
  const DlnGraphLayout *first;
  D02Figure f;
  unsigned runs0;

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  d02_figure_init (&f, 1.0, 1.0, 0.5);
  g_assert_cmpint (dln_figure_graph_layout (cache, &style, f.data, NULL), ==,
                   DLN_STATUS_OK);
  first = f.data->layout;
  runs0 = dln_graph_layout_run_count ();

  /* a forward/backward step-through: 40 value changes, each followed by
   * the GUI's "lay out and draw"; values with very different widths
   * (0.001, −12345.6) must not resize nodes */
  for (int k = 0; k < 40; k++)
    {
      double x = k % 2 ? 1e-3 * k : -12345.6 * k;
      cairo_surface_t *s;

      dln_graph_set_scalar (f.g, dln_expr_find_var (f.expr, "x"), x);
      dln_graph_forward (f.g);
      dln_graph_zero_grad (f.g);
      dln_graph_backward (f.g, dln_graph_output (f.g));
      dln_figure_graph_data_update (f.data, f.g);
      f.data->current = k % (int) f.data->n_nodes;
      g_assert_cmpint (dln_figure_graph_layout (cache, &style, f.data, NULL),
                       ==, DLN_STATUS_OK);
      g_assert_true (f.data->layout == first);
      g_assert_cmpfloat (f.data->nodes[dln_graph_find (f.g, "x")].value, ==, x);
      s = render_graph (&style, f.data, 400, 400, NULL);
      cairo_surface_destroy (s);
    }
  g_assert_cmpuint (dln_graph_layout_run_count (), ==, runs0);
  g_assert_cmpuint (dln_graph_layout_cache_n_computed (cache), ==, 1);

  /* toggling edge labels is a structural change (labels take space) */
  f.data->show_local = false;
  g_assert_cmpint (dln_figure_graph_layout (cache, &style, f.data, NULL), ==,
                   DLN_STATUS_OK);
  g_assert_cmpuint (dln_graph_layout_cache_n_computed (cache), ==, 2);

  d02_figure_clear (&f);
  dln_graph_layout_cache_free (cache);
}

static void
test_figure_highlight_current (void)
{
  DlnFigureStyle style;
  DlnGraphLayoutCache *cache = dln_graph_layout_cache_new ();
  DlnFigureGeometry geom;
  D02Figure f;
  cairo_surface_t *plain, *lit;
  DlnRgba purple, blue;
  size_t nx, nz, out, c;
  double cx, cy, hw, hh;

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  purple = dln_figure_style_color (&style, DLN_COLOR_PURPLE);
  blue = dln_figure_style_color (&style, DLN_COLOR_BLUE);
  d02_figure_init (&f, 1.0, 1.0, 0.5);
  nx = (size_t) dln_graph_find (f.g, "x");
  nz = (size_t) dln_graph_find (f.g, "z");
  out = (size_t) dln_graph_output (f.g);
  g_assert_cmpint (dln_figure_graph_layout (cache, &style, f.data, NULL), ==,
                   DLN_STATUS_OK);
  plain = render_graph (&style, f.data, 900, 800, NULL);

  /* x → ×2 → a → ÷ → c → ×z → d → +1 → e → ln → g → tanh → f: 12 edges
   * (each op adds an op node and an op → value edge) */
  g_assert_cmpuint (dln_figure_graph_highlight_path (f.data, nx, out), ==, 12);
  /* z enters at d: z → × → d → + → e → ln → g → tanh → f: 8 edges */
  g_assert_cmpuint (dln_figure_graph_highlight_path (f.data, nz, out), ==, 8);
  g_assert_false (f.data->nodes[nx].highlight);
  /* nothing flows from the output back to x */
  g_assert_cmpuint (dln_figure_graph_highlight_path (f.data, out, nx), ==, 0);
  g_assert_cmpuint (dln_figure_graph_highlight_path (f.data, nx, out), ==, 12);
  c = (size_t) dln_graph_find (f.g, "c");
  f.data->current = (int) c;
  lit = render_graph (&style, f.data, 900, 800, &geom);

  /* the path colour appears only when a path is highlighted */
  g_assert_cmpuint (count_color (plain, purple, 0, 0, 0, 0), <, 20);
  g_assert_cmpuint (count_color (lit, purple, 0, 0, 0, 0), >, 500);
  /* the current node's ring is blue on all four sides */
  node_px (f.data, &geom.panels[0], c, &cx, &cy, &hw, &hh);
  g_assert_cmpuint (count_color (lit, blue, (int) (cx - hw) - 2, (int) cy - 3,
                                 5, 7), >, 0);
  g_assert_cmpuint (count_color (lit, blue, (int) (cx + hw) - 2, (int) cy - 3,
                                 5, 7), >, 0);
  g_assert_cmpuint (count_color (lit, blue, (int) cx - 3, (int) (cy - hh) - 2,
                                 7, 5), >, 0);
  g_assert_cmpuint (count_color (plain, blue, (int) (cx - hw) - 2,
                                 (int) cy - 3, 5, 7), ==, 0);

  cairo_surface_destroy (plain);
  cairo_surface_destroy (lit);
  d02_figure_clear (&f);
  dln_graph_layout_cache_free (cache);
}

static void
test_figure_step_through (void)
{
  D02Figure full, f;
  int a, c, d, x, out;
  size_t lit;

  d02_figure_init (&full, 1.0, 1.0, 0.5);  /* complete forward + backward */
  d02_figure_init (&f, 1.0, 1.0, 0.5);
  a = dln_graph_find (f.g, "a");
  c = dln_graph_find (f.g, "c");
  d = dln_graph_find (f.g, "d");
  x = dln_graph_find (f.g, "x");
  out = dln_graph_output (f.g);

  /* forward, just computed c: values up to c, "–" after, no gradients or
   * local derivatives; c is current with its op's three edges lit */
  dln_figure_graph_data_show_step (f.data, f.g, DLN_FIGURE_GRAPH_PASS_FORWARD,
                                   c);
  g_assert_cmpint (f.data->current, ==, c);
  g_assert_cmpfloat (f.data->nodes[c].value, ==, full.data->nodes[c].value);
  g_assert_cmpfloat (f.data->nodes[x].value, ==, 1.0);
  g_assert_true (isnan (f.data->nodes[d].value));
  g_assert_true (isnan (f.data->nodes[out].value));
  lit = 0;
  for (size_t k = 0; k < f.data->n_edges; k++)
    {
      g_assert_true (isnan (f.data->edges[k].local));
      lit += f.data->edges[k].highlight;
    }
  for (size_t i = 0; i < f.data->n_nodes; i++)
    g_assert_true (isnan (f.data->nodes[i].grad));
  g_assert_cmpuint (lit, ==, 3);  /* a → ÷, b → ÷, ÷ → c */

  /* backward, propagated from f down to c: a has its final gradient
   * (it feeds only c), x has none yet; ops at or after c show their local
   * derivatives, the ×2 op before a does not */
  dln_graph_zero_grad (f.g);  /* leaf gradients accumulate otherwise */
  dln_graph_backward_begin (f.g, out);
  for (int id = out; id >= c; id--)
    dln_graph_backward_node (f.g, id);
  dln_figure_graph_data_show_step (f.data, f.g,
                                   DLN_FIGURE_GRAPH_PASS_BACKWARD, c);
  g_assert_cmpfloat_with_epsilon (f.data->nodes[a].grad,
                                  full.data->nodes[a].grad, 1e-15);
  g_assert_cmpfloat (f.data->nodes[x].grad, ==, 0.0);
  g_assert_cmpfloat (f.data->nodes[d].value, ==, full.data->nodes[d].value);
  for (size_t k = 0; k < f.data->n_edges; k++)
    {
      const DlnFigureGraphNode *to = &f.data->nodes[f.data->edges[k].to];

      if (to->kind != DLN_FIGURE_GRAPH_OP)
        continue;
      if (to->source >= c)
        g_assert_cmpfloat (f.data->edges[k].local, ==,
                           full.data->edges[k].local);
      else
        g_assert_true (isnan (f.data->edges[k].local));
    }

  /* NONE: everything, nothing current */
  dln_figure_graph_data_show_step (f.data, f.g, DLN_FIGURE_GRAPH_PASS_NONE, c);
  g_assert_cmpint (f.data->current, ==, -1);
  g_assert_false (isnan (f.data->nodes[out].value));

  d02_figure_clear (&f);
  d02_figure_clear (&full);
}

static void
test_figure_no_layout (void)
{
  DlnFigureStyle style;
  D02Figure f;
  cairo_surface_t *s;
  DlnGraphLayoutCache *cache = dln_graph_layout_cache_new ();
  DlnFigureGraphData *other;

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  d02_figure_init (&f, 1.0, 1.0, 0.5);
  /* no layout: a notice, no crash */
  s = render_graph (&style, f.data, 300, 200, NULL);
  g_assert_cmpuint (count_not_color (s, style.background), >, 50);
  cairo_surface_destroy (s);

  /* a layout of another structure is refused, not drawn wrongly */
  other = dln_figure_graph_data_new (2, 1);
  other->edges[0].to = 1;
  g_assert_cmpint (dln_figure_graph_layout (cache, &style, other, NULL), ==,
                   DLN_STATUS_OK);
  f.data->layout = other->layout;
  s = render_graph (&style, f.data, 300, 200, NULL);
  cairo_surface_destroy (s);
  dln_figure_graph_data_free (other);
  dln_graph_layout_cache_free (cache);
  d02_figure_clear (&f);
}

static void
test_figure_vector_export (void)
{
  DlnFigureStyle style;
  DlnGraphLayoutCache *cache = dln_graph_layout_cache_new ();
  D02Figure f;
  g_autofree char *svg = g_build_filename (dln_test_tmpdir (), "g.svg", NULL);
  g_autofree char *pdf = g_build_filename (dln_test_tmpdir (), "g.pdf", NULL);
  g_autofree char *csv = g_build_filename (dln_test_tmpdir (), "g.csv", NULL);
  g_autofree char *cmd1 = NULL, *cmd2 = NULL, *text = NULL;
  g_autofree char *so = NULL, *se = NULL;
  int status;
  DlnMessage msg = { 0 };
  g_auto (GStrv) lines = NULL;

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  d02_figure_init (&f, 1.0, 1.0, 0.5);
  g_assert_cmpint (dln_figure_graph_layout (cache, &style, f.data, NULL), ==,
                   DLN_STATUS_OK);
  g_assert_cmpint (dln_figure_export (svg, DLN_FIGURE_FORMAT_SVG, 900, 800, 1,
                                      render_graph_any, &style, f.data, &msg),
                   ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_figure_export (pdf, DLN_FIGURE_FORMAT_PDF, 900, 800, 1,
                                      render_graph_any, &style, f.data, &msg),
                   ==, DLN_STATUS_OK);
  cmd1 = g_strdup_printf ("xmllint --noout '%s'", svg);
  g_assert_true (g_spawn_command_line_sync (cmd1, &so, &se, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  cmd2 = g_strdup_printf ("pdfinfo '%s'", pdf);
  g_clear_pointer (&so, g_free);
  g_clear_pointer (&se, g_free);
  g_assert_true (g_spawn_command_line_sync (cmd2, &so, &se, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* CSV: a header, one row per node, one per edge; x's value is exact */
  g_assert_cmpint (dln_figure_export_csv (csv, dln_figure_graph_csv, f.data,
                                          &msg), ==, DLN_STATUS_OK);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "kind,index,from,to,role,label,value,grad,local");
  g_assert_cmpuint (g_strv_length (lines), ==,
                    1 + f.data->n_nodes + f.data->n_edges + 1);
  g_assert_nonnull (strstr (text, ",input,x,1,"));

  dln_graph_layout_cache_free (cache);
  d02_figure_clear (&f);
}

static void
test_cli_graph (void)
{
  g_autofree char *png = g_build_filename (dln_test_tmpdir (), "cli-graph.png",
                                           NULL);
  g_autofree char *csv = g_build_filename (dln_test_tmpdir (), "cli-graph.csv",
                                           NULL);
  g_autofree char *out = NULL, *err = NULL, *text = NULL;
  cairo_surface_t *s;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "export", "graph", "--out",
                                     png, "--width", "640", "--height", "480",
                                     "--direction", "lr", "--highlight", "x",
                                     NULL), ==, 0);
  s = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 480);
  cairo_surface_destroy (s);

  /* the values in the CSV are the engine's: f(1, 1, 0.5) by hand is
   * tanh(ln(1 + 0.5·2/sin 1)) */
  g_assert_cmpint (dln_test_run_cli (&out, &err, "export", "graph", "--out",
                                     csv, "--at", "x=1,y=1,z=0.5", NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  {
    const char *row = strstr (text, ",output,f,");
    double v;

    g_assert_nonnull (row);
    v = g_ascii_strtod (row + strlen (",output,f,"), NULL);
    /* same operations up to a power-of-two regrouping: a few ulps */
    g_assert_cmpfloat_with_epsilon (v, tanh (log (1 + 0.5 * 2 / sin (1.0))),
                                    1e-15);
  }

  /* errors: a missing variable, an unknown node, a bad assignment */
  g_assert_cmpint (dln_test_run_cli (&out, &err, "export", "graph", "--out",
                                     png, "--at", "x=1,y=2", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "no value for 'z'"));
  g_assert_cmpint (dln_test_run_cli (&out, &err, "export", "graph", "--out",
                                     png, "--highlight", "q", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "'q'"));
  g_assert_cmpint (dln_test_run_cli (&out, &err, "export", "graph", "--out",
                                     png, "--at", "x=1,y,z=2", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "NAME=VALUE"));
  g_assert_cmpint (dln_test_run_cli (&out, &err, "export", "graph", "--out",
                                     png, "--expr", "sin(x", "--at", "x=1",
                                     NULL), ==, 2);
  g_assert_nonnull (strstr (err, "(column 6)\nsin(x\n     ^\n"));
  /* a program: its error names the line and shows only that line */
  g_assert_cmpint (dln_test_run_cli (&out, &err, "export", "graph", "--out",
                                     png, "--expr", "z = 2*x\ny = z*z + * 3",
                                     "--at", "x=1", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "(line 2, column 11)\ny = z*z + * 3\n"
                                 "          ^\n"));
  g_assert_cmpint (dln_test_run_cli (&out, &err, "export", "graph", "--out",
                                     png, "--stage", "backward", "--step",
                                     "c", NULL), ==, 0);
  g_assert_cmpint (dln_test_run_cli (&out, &err, "export", "graph", "--out",
                                     png, "--step", "nope", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--step"));
}

/* The program exported: one node per name with the values and
 * gradients derived by hand in tests/core/test-expr.c (x = 2: z = 8 with
 * dy/dz = 25, q = 24 with 3, h = 64, y = 136; dy/dx = 123). */
static void
test_export_program (void)
{
  g_autofree char *csv = g_build_filename (dln_test_tmpdir (),
                                           "program.csv", NULL);
  g_autofree char *out = NULL, *err = NULL, *text = NULL;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "export", "graph", "--out",
                                     csv, "--expr",
                                     "z = 2*x + 2 + x\nq = relu(z) + z*x\n"
                                     "h = relu(z*z)\ny = h + q + q*x",
                                     "--at", "x=2", NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, ",input,x,2,123,"));
  g_assert_nonnull (strstr (text, ",intermediate,z,8,25,"));
  g_assert_nonnull (strstr (text, ",intermediate,q,24,3,"));
  g_assert_nonnull (strstr (text, ",intermediate,h,64,1,"));
  g_assert_nonnull (strstr (text, ",output,y,136,1,"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/figure-graph/export-program",
                   test_export_program);
  g_test_add_func ("/dln/headless/graph-layout/geometry", test_layout_geometry);
  g_test_add_func ("/dln/headless/graph-layout/direction", test_layout_direction);
  g_test_add_func ("/dln/headless/graph-layout/cache", test_layout_cache);
  g_test_add_func ("/dln/headless/graph-layout/invalid", test_layout_invalid);
  g_test_add_func ("/dln/headless/graph-layout/threads", test_layout_threads);
  g_test_add_func ("/dln/headless/figure-graph/themes", test_figure_render_themes);
  g_test_add_func ("/dln/headless/figure-graph/fold", test_figure_fold);
  g_test_add_func ("/dln/headless/figure-graph/values-keep-layout",
                   test_figure_values_keep_layout);
  g_test_add_func ("/dln/headless/figure-graph/highlight-current",
                   test_figure_highlight_current);
  g_test_add_func ("/dln/headless/figure-graph/step-through",
                   test_figure_step_through);
  g_test_add_func ("/dln/headless/figure-graph/no-layout", test_figure_no_layout);
  g_test_add_func ("/dln/headless/figure-graph/vector-export",
                   test_figure_vector_export);
  g_test_add_func ("/dln/headless/figure-graph/cli", test_cli_graph);
  return g_test_run ();
}
