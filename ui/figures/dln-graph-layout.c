/* dln-graph-layout: Graphviz dot layout into our own structs (see header). */

#define G_LOG_DOMAIN "dln-graph-layout"

#include "config.h"

#include "dln-graph-layout.h"

#include "dln-hash.h"

#include <glib.h>
#include <gvc.h>

#include <math.h>
#include <string.h>

/* Graphviz is not thread-safe (header comment): every libgvc and cgraph
 * call below happens with this lock held. */
static GMutex gvc_lock;
static char gvc_last_error[256];  /* guarded by gvc_lock */
/* One context for the process, made on first use and kept (guarded by
 * gvc_lock): Graphviz 2.43's gvContext () reads its plugin config each time
 * and leaks ~3.6 kB of it per context (LeakSanitizer, gvconfig), so one
 * context per layout would leak on every new graph structure. */
static GVC_t *gvc_context;
static guint gvc_runs;            /* atomic */

#define DEFAULT_NODE_SEP 18.0  /* points; dot's own default is 0.25 in */
#define DEFAULT_RANK_SEP 30.0  /* points; dot's default 0.5 in is airy for us */
#define CACHE_SLOTS      4

/* --- Fingerprint --- */

static uint64_t
fnv_u64 (uint64_t h,
         uint64_t v)
{
  return dln_hash_fnv1a (h, &v, sizeof v);
}

/* Sizes hash at 1/100 pt, so float noise in a caller's text measurement
 * cannot make two equal structures look different. */
static uint64_t
fnv_size (uint64_t h,
          double   v)
{
  return fnv_u64 (h, (uint64_t) (int64_t) llround (v * 100.0));
}

uint64_t
dln_graph_layout_fingerprint (const DlnGraphLayoutSpec *spec)
{
  uint64_t h = DLN_HASH_FNV1A_OFFSET;

  g_return_val_if_fail (spec != NULL, 0);

  h = fnv_u64 (h, (uint64_t) spec->direction);
  h = fnv_size (h, spec->node_sep);
  h = fnv_size (h, spec->rank_sep);
  h = fnv_u64 (h, spec->n_nodes);
  for (size_t i = 0; i < spec->n_nodes; i++)
    {
      h = fnv_u64 (h, (uint64_t) spec->nodes[i].shape);
      h = fnv_size (h, spec->nodes[i].width);
      h = fnv_size (h, spec->nodes[i].height);
    }
  h = fnv_u64 (h, spec->n_edges);
  for (size_t i = 0; i < spec->n_edges; i++)
    {
      h = fnv_u64 (h, spec->edges[i].from);
      h = fnv_u64 (h, spec->edges[i].to);
      h = fnv_size (h, spec->edges[i].label_width);
      h = fnv_size (h, spec->edges[i].label_height);
      h = fnv_u64 (h, spec->edges[i].loose);
    }
  return h;
}

/* --- Layout --- */

static gboolean
spec_is_valid (const DlnGraphLayoutSpec *spec,
               DlnMessage               *msg)
{
  if (spec->n_nodes > 0 && spec->nodes == NULL)
    {
      dln_message_set (msg, 0, "graph layout: %zu nodes but no node array",
                       spec->n_nodes);
      return FALSE;
    }
  if (spec->n_edges > 0 && spec->edges == NULL)
    {
      dln_message_set (msg, 0, "graph layout: %zu edges but no edge array",
                       spec->n_edges);
      return FALSE;
    }
  for (size_t i = 0; i < spec->n_nodes; i++)
    {
      const DlnGraphLayoutNodeSpec *n = &spec->nodes[i];

      if (!(n->width > 0.0 && n->height > 0.0 && isfinite (n->width)
            && isfinite (n->height)))
        {
          dln_message_set (msg, 0, "graph layout: node %zu has size %g × %g",
                           i, n->width, n->height);
          return FALSE;
        }
    }
  for (size_t i = 0; i < spec->n_edges; i++)
    {
      const DlnGraphLayoutEdgeSpec *e = &spec->edges[i];

      if (e->from >= spec->n_nodes || e->to >= spec->n_nodes)
        {
          dln_message_set (msg, 0,
                           "graph layout: edge %zu joins nodes %zu and %zu "
                           "of %zu", i, e->from, e->to, spec->n_nodes);
          return FALSE;
        }
      if (!(e->label_width >= 0.0 && e->label_height >= 0.0))
        {
          dln_message_set (msg, 0, "graph layout: edge %zu label size %g × %g",
                           i, e->label_width, e->label_height);
          return FALSE;
        }
    }
  return TRUE;
}

static void
append_double (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* C locale whatever setlocale () says: DOT wants '.' */
  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.4f", v));
}

/* The spec as DOT text. Nodes have fixed sizes and no text (we draw the
 * text); edge labels are empty fixed-size HTML cells, so dot reserves
 * exactly the space we will draw into and tells us where. */
static char *
spec_to_dot (const DlnGraphLayoutSpec *spec)
{
  GString *s = g_string_new ("digraph G {\n  graph [rankdir=");
  double node_sep = spec->node_sep > 0.0 ? spec->node_sep : DEFAULT_NODE_SEP;
  double rank_sep = spec->rank_sep > 0.0 ? spec->rank_sep : DEFAULT_RANK_SEP;

  g_string_append (s, spec->direction == DLN_GRAPH_LAYOUT_LEFT_RIGHT
                      ? "LR" : "TB");
  g_string_append (s, ", nodesep=");
  append_double (s, node_sep / 72.0);
  g_string_append (s, ", ranksep=");
  append_double (s, rank_sep / 72.0);
  g_string_append (s, ", splines=spline];\n"
                      "  node [fixedsize=true, label=\"\", margin=0];\n"
                      "  edge [arrowsize=0.8];\n");
  for (size_t i = 0; i < spec->n_nodes; i++)
    {
      const DlnGraphLayoutNodeSpec *n = &spec->nodes[i];

      g_string_append_printf (s, "  n%zu [shape=%s, width=", i,
                              n->shape == DLN_GRAPH_LAYOUT_ELLIPSE
                              ? "ellipse" : "box");
      append_double (s, n->width / 72.0);
      g_string_append (s, ", height=");
      append_double (s, n->height / 72.0);
      g_string_append (s, "];\n");
    }
  for (size_t i = 0; i < spec->n_edges; i++)
    {
      const DlnGraphLayoutEdgeSpec *e = &spec->edges[i];

      g_string_append_printf (s, "  n%zu -> n%zu [dlnid=%zu", e->from, e->to, i);
      if (e->loose)
        g_string_append (s, ", constraint=false");
      if (e->label_width > 0.0 && e->label_height > 0.0)
        g_string_append_printf (s,
                                ", label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                                "CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>"
                                "<TD FIXEDSIZE=\"TRUE\" WIDTH=\"%d\" "
                                "HEIGHT=\"%d\"></TD></TR></TABLE>>",
                                (int) ceil (e->label_width),
                                (int) ceil (e->label_height));
      g_string_append (s, "];\n");
    }
  g_string_append (s, "}\n");
  return g_string_free (s, FALSE);
}

static int
capture_error (char *text)
{
  /* Called by cgraph with gvc_lock held: keep the first line. */
  g_strlcpy (gvc_last_error, text, sizeof gvc_last_error);
  gvc_last_error[strcspn (gvc_last_error, "\n")] = '\0';
  return 0;
}

/* Copies dot's result, flipping y (dot's origin is bottom-left). Returns
 * FALSE if an edge came back without a spline. Lock held. */
static gboolean
read_layout (Agraph_t                 *g,
             const DlnGraphLayoutSpec *spec,
             DlnGraphLayout           *layout,
             DlnMessage               *msg)
{
  boxf bb = GD_bb (g);
  double x0 = bb.LL.x;
  double y1 = bb.UR.y;

  layout->width = bb.UR.x - bb.LL.x;
  layout->height = bb.UR.y - bb.LL.y;

  for (size_t i = 0; i < spec->n_nodes; i++)
    {
      char name[32];
      Agnode_t *n;

      g_snprintf (name, sizeof name, "n%zu", i);
      n = agnode (g, name, 0);
      if (n == NULL)
        {
          dln_message_set (msg, 0, "graph layout: dot lost node %zu", i);
          return FALSE;
        }
      layout->nodes[i].centre.x = ND_coord (n).x - x0;
      layout->nodes[i].centre.y = y1 - ND_coord (n).y;
      layout->nodes[i].width = spec->nodes[i].width;
      layout->nodes[i].height = spec->nodes[i].height;
      layout->nodes[i].shape = spec->nodes[i].shape;
    }

  for (Agnode_t *n = agfstnode (g); n != NULL; n = agnxtnode (g, n))
    for (Agedge_t *e = agfstout (g, n); e != NULL; e = agnxtout (g, e))
      {
        const char *id = agget (e, (char *) "dlnid");
        guint64 k;
        DlnGraphLayoutEdge *out;
        bezier *bz;

        if (id == NULL || !g_ascii_string_to_unsigned (id, 10, 0,
                                                       spec->n_edges - 1,
                                                       &k, NULL))
          continue;
        out = &layout->edges[k];
        out->from = spec->edges[k].from;
        out->to = spec->edges[k].to;
        out->loose = spec->edges[k].loose;
        if (ED_spl (e) == NULL || ED_spl (e)->size < 1
            || ED_spl (e)->list[0].size < 4)
          {
            dln_message_set (msg, 0, "graph layout: edge %u has no spline",
                             (unsigned) k);
            return FALSE;
          }
        /* dot splits an edge into several Béziers only for concentrate=true,
         * which we never set: list[0] is the whole edge. */
        bz = &ED_spl (e)->list[0];
        out->n_points = (size_t) bz->size;
        out->points = g_new (DlnGraphPoint, out->n_points);
        for (size_t j = 0; j < out->n_points; j++)
          {
            out->points[j].x = bz->list[j].x - x0;
            out->points[j].y = y1 - bz->list[j].y;
          }
        if (bz->eflag)
          {
            out->tip.x = bz->ep.x - x0;
            out->tip.y = y1 - bz->ep.y;
          }
        else
          out->tip = out->points[out->n_points - 1];
        if (bz->sflag)
          {
            /* an arrow at the tail (never requested): start on the boundary */
            out->points[0].x = bz->sp.x - x0;
            out->points[0].y = y1 - bz->sp.y;
          }
        out->has_label = ED_label (e) != NULL && ED_label (e)->set;
        if (out->has_label)
          {
            out->label.x = ED_label (e)->pos.x - x0;
            out->label.y = y1 - ED_label (e)->pos.y;
          }
      }

  for (size_t i = 0; i < spec->n_edges; i++)
    if (layout->edges[i].points == NULL)
      {
        dln_message_set (msg, 0, "graph layout: dot lost edge %zu", i);
        return FALSE;
      }
  return TRUE;
}

DlnStatus
dln_graph_layout_compute (const DlnGraphLayoutSpec *spec,
                          DlnGraphLayout          **out,
                          DlnMessage               *msg)
{
  g_autofree char *dot = NULL;
  DlnGraphLayout *layout;
  GVC_t *gvc;
  Agraph_t *g;
  gboolean ok;

  g_return_val_if_fail (spec != NULL, DLN_STATUS_INVALID_INPUT);
  g_return_val_if_fail (out != NULL, DLN_STATUS_INVALID_INPUT);

  *out = NULL;
  if (!spec_is_valid (spec, msg))
    return DLN_STATUS_INVALID_INPUT;

  layout = g_new0 (DlnGraphLayout, 1);
  layout->fingerprint = dln_graph_layout_fingerprint (spec);
  layout->direction = spec->direction;
  layout->n_nodes = spec->n_nodes;
  layout->n_edges = spec->n_edges;
  layout->nodes = g_new0 (DlnGraphLayoutNode, MAX (spec->n_nodes, 1));
  layout->edges = g_new0 (DlnGraphLayoutEdge, MAX (spec->n_edges, 1));
  if (spec->n_nodes == 0)
    {
      *out = layout;
      return DLN_STATUS_OK;
    }

  dot = spec_to_dot (spec);

  g_mutex_lock (&gvc_lock);
  gvc_last_error[0] = '\0';
  agseterrf (capture_error);
  agseterr (AGERR);  /* warnings (none expected) stay silent */
  if (gvc_context == NULL)
    gvc_context = gvContext ();
  gvc = gvc_context;
  g = agmemread (dot);
  ok = g != NULL && gvLayout (gvc, g, "dot") == 0;
  if (ok)
    ok = read_layout (g, spec, layout, msg);
  else
    dln_message_set (msg, 0, "graph layout: Graphviz dot failed: %s",
                     gvc_last_error[0] != '\0' ? gvc_last_error : "no reason");
  if (g != NULL)
    {
      gvFreeLayout (gvc, g);
      agclose (g);
    }
  agseterrf (NULL);
  g_mutex_unlock (&gvc_lock);
  g_atomic_int_inc (&gvc_runs);

  if (!ok)
    {
      dln_graph_layout_free (layout);
      return DLN_STATUS_NUMERIC;
    }
  *out = layout;
  return DLN_STATUS_OK;
}

void
dln_graph_layout_free (DlnGraphLayout *layout)
{
  if (layout == NULL)
    return;
  for (size_t i = 0; i < layout->n_edges; i++)
    g_free (layout->edges[i].points);
  g_free (layout->edges);
  g_free (layout->nodes);
  g_free (layout);
}

unsigned
dln_graph_layout_run_count (void)
{
  return (unsigned) g_atomic_int_get (&gvc_runs);
}

/* --- Cache --- */

struct DlnGraphLayoutCache
{
  DlnGraphLayout *slots[CACHE_SLOTS];
  guint64         used[CACHE_SLOTS];  /* tick of last use, for LRU */
  guint64         tick;
  unsigned        n_computed;
};

DlnGraphLayoutCache *
dln_graph_layout_cache_new (void)
{
  return g_new0 (DlnGraphLayoutCache, 1);
}

void
dln_graph_layout_cache_free (DlnGraphLayoutCache *cache)
{
  if (cache == NULL)
    return;
  for (int i = 0; i < CACHE_SLOTS; i++)
    dln_graph_layout_free (cache->slots[i]);
  g_free (cache);
}

DlnStatus
dln_graph_layout_cache_get (DlnGraphLayoutCache      *cache,
                            const DlnGraphLayoutSpec *spec,
                            const DlnGraphLayout    **out,
                            DlnMessage               *msg)
{
  uint64_t fp;
  int victim = 0;
  DlnGraphLayout *layout = NULL;
  DlnStatus status;

  g_return_val_if_fail (cache != NULL, DLN_STATUS_INVALID_INPUT);
  g_return_val_if_fail (spec != NULL, DLN_STATUS_INVALID_INPUT);
  g_return_val_if_fail (out != NULL, DLN_STATUS_INVALID_INPUT);

  fp = dln_graph_layout_fingerprint (spec);
  cache->tick++;
  for (int i = 0; i < CACHE_SLOTS; i++)
    {
      if (cache->slots[i] != NULL && cache->slots[i]->fingerprint == fp
          && cache->slots[i]->n_nodes == spec->n_nodes
          && cache->slots[i]->n_edges == spec->n_edges)
        {
          cache->used[i] = cache->tick;
          *out = cache->slots[i];
          return DLN_STATUS_OK;
        }
      if (cache->used[i] < cache->used[victim])
        victim = i;
    }

  *out = NULL;
  status = dln_graph_layout_compute (spec, &layout, msg);
  if (status != DLN_STATUS_OK)
    return status;
  cache->n_computed++;
  dln_graph_layout_free (cache->slots[victim]);
  cache->slots[victim] = layout;
  cache->used[victim] = cache->tick;
  *out = layout;
  return DLN_STATUS_OK;
}

unsigned
dln_graph_layout_cache_n_computed (const DlnGraphLayoutCache *cache)
{
  g_return_val_if_fail (cache != NULL, 0);
  return cache->n_computed;
}
