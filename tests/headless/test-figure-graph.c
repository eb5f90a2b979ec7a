/* Graph layout (Graphviz dot) and the computational-graph figure. */

#include "config.h"

#include "dln-graph-layout.h"

#include <glib.h>
#include <math.h>
#include <string.h>

/* dot places node centres and spline points on a 1/72 in grid after
 * rounding; endpoints land on the node boundary within that rounding plus
 * the arrowhead's clipping slack. 2 pt is well under any node size (≥ 20). */
#define BOUNDARY_TOL_PT 2.0
/* Node boxes may touch but not overlap by more than dot's rounding. */
#define OVERLAP_TOL_PT  0.5

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/graph-layout/geometry", test_layout_geometry);
  g_test_add_func ("/dln/headless/graph-layout/direction", test_layout_direction);
  g_test_add_func ("/dln/headless/graph-layout/cache", test_layout_cache);
  g_test_add_func ("/dln/headless/graph-layout/invalid", test_layout_invalid);
  g_test_add_func ("/dln/headless/graph-layout/threads", test_layout_threads);
  return g_test_run ();
}
