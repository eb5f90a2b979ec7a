#pragma once

/* dln-graph-layout: node positions and edge splines for a directed graph,
 * computed by Graphviz's dot engine (libgvc). This file is the only libgvc
 * user (docs/architecture.md#layers and 5); it computes geometry only, the
 * figures draw it with cairo.
 *
 * Units are points (1/72 inch), y grows downwards and the origin is the
 * top-left corner of the layout's bounding box, as in cairo.
 *
 * Thread safety: Graphviz keeps process-wide mutable state (cgraph's default
 * discipline and string dictionary, the agerr error buffer, the plugin
 * registry, dot's static rank tables), so two layouts running at once on two
 * threads corrupt each other. Every libgvc call here is serialised behind one
 * static mutex; a layout runs once per graph *structure* (a few ms), so the
 * lock is never contended in practice. Callers may use this module from any
 * thread; a DlnGraphLayoutCache itself is not locked and belongs to one
 * thread. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dln-status.h"

/* --- Input: the structure to lay out --- */

typedef enum
{
  DLN_GRAPH_LAYOUT_TOP_BOTTOM,  /* dot rankdir=TB: edges point down */
  DLN_GRAPH_LAYOUT_LEFT_RIGHT,  /* dot rankdir=LR: edges point right */
} DlnGraphLayoutDirection;

typedef enum
{
  DLN_GRAPH_LAYOUT_BOX,      /* rectangle; edges clip at its sides */
  DLN_GRAPH_LAYOUT_ELLIPSE,  /* ellipse inscribed in width × height */
} DlnGraphLayoutShape;

typedef struct
{
  DlnGraphLayoutShape shape;
  double              width;   /* points, > 0 */
  double              height;  /* points, > 0 */
} DlnGraphLayoutNodeSpec;

typedef struct
{
  size_t from;          /* tail node index */
  size_t to;            /* head node index */
  double label_width;   /* points; 0 = the edge has no label */
  double label_height;  /* points */
  bool   loose;         /* its head need not rank after its tail (dot's
                         * constraint=false): cut there, a chain folds
                         * into rows that each start at the left/top */
} DlnGraphLayoutEdgeSpec;

typedef struct
{
  DlnGraphLayoutDirection       direction;
  size_t                        n_nodes;
  const DlnGraphLayoutNodeSpec *nodes;     /* [n_nodes] */
  size_t                        n_edges;
  const DlnGraphLayoutEdgeSpec *edges;     /* [n_edges] */
  double                        node_sep;  /* points between nodes of a rank; 0 = 18 */
  double                        rank_sep;  /* points between ranks; 0 = 30 */
} DlnGraphLayoutSpec;

/* --- Output --- */

typedef struct
{
  double x;
  double y;
} DlnGraphPoint;

typedef struct
{
  DlnGraphPoint       centre;  /* points */
  double              width;   /* points, as requested */
  double              height;
  DlnGraphLayoutShape shape;
} DlnGraphLayoutNode;

typedef struct
{
  size_t         from;
  size_t         to;
  size_t         n_points;   /* 3k + 1 cubic Bézier control points, k ≥ 1 */
  DlnGraphPoint *points;     /* [n_points], from the tail's boundary */
  DlnGraphPoint  tip;        /* arrow tip, on the head's boundary */
  bool           has_label;
  DlnGraphPoint  label;      /* centre of the label box when has_label */
  bool           loose;      /* as in the spec */
} DlnGraphLayoutEdge;

typedef struct
{
  uint64_t                fingerprint;  /* dln_graph_layout_fingerprint (spec) */
  DlnGraphLayoutDirection direction;
  double                  width;        /* bounding box, points */
  double                  height;
  size_t                  n_nodes;
  DlnGraphLayoutNode     *nodes;        /* [n_nodes], same order as the spec */
  size_t                  n_edges;
  DlnGraphLayoutEdge     *edges;        /* [n_edges], same order as the spec */
} DlnGraphLayout;

/* dln_graph_layout_fingerprint:
 * @spec: structure to hash; not NULL
 * A 64-bit FNV-1a hash of everything that changes the layout: direction,
 * separations, node shapes and sizes (to 1/100 pt), edge endpoints, label
 * sizes and looseness. Values shown inside nodes are not part of a spec, so changing them
 * cannot change the fingerprint. */
uint64_t  dln_graph_layout_fingerprint (const DlnGraphLayoutSpec *spec);

/* dln_graph_layout_compute:
 * @spec: structure to lay out; not NULL; node indices of edges < n_nodes
 *        and sizes > 0 (else DLN_STATUS_INVALID_INPUT)
 * @out:  receives a new layout, free with dln_graph_layout_free ()
 * @msg:  (nullable) receives the reason when the result is not OK
 * Runs Graphviz dot on @spec (holding the module's mutex). Always runs the
 * layout; use a DlnGraphLayoutCache to run it once per structure.
 * Returns DLN_STATUS_OK, DLN_STATUS_INVALID_INPUT (bad spec) or
 * DLN_STATUS_NUMERIC (Graphviz failed). */
DlnStatus dln_graph_layout_compute     (const DlnGraphLayoutSpec *spec,
                                        DlnGraphLayout          **out,
                                        DlnMessage               *msg);

/* dln_graph_layout_free:
 * @layout: (nullable) layout from dln_graph_layout_compute () */
void      dln_graph_layout_free        (DlnGraphLayout           *layout);

/* dln_graph_layout_run_count:
 * Number of Graphviz layouts this process has run (all threads); tests use
 * it to prove that value changes do not re-run the layout. */
unsigned  dln_graph_layout_run_count   (void);

/* --- Cache: one layout per structure --- */

typedef struct DlnGraphLayoutCache DlnGraphLayoutCache;

/* dln_graph_layout_cache_new:
 * A cache holding the layouts of the last few (4) distinct structures, so
 * toggling TB/LR or between two graphs does not re-run Graphviz. Free with
 * dln_graph_layout_cache_free (). */
DlnGraphLayoutCache  *dln_graph_layout_cache_new      (void);

/* dln_graph_layout_cache_free:
 * @cache: (nullable) frees the cache and every layout it returned */
void                  dln_graph_layout_cache_free     (DlnGraphLayoutCache      *cache);

/* dln_graph_layout_cache_get:
 * @cache: not NULL
 * @spec:  structure; see dln_graph_layout_compute ()
 * @out:   receives a layout owned by @cache, valid until the cache is freed
 *         or evicts it (after 4 newer distinct structures)
 * @msg:   (nullable)
 * Returns the cached layout whose fingerprint matches @spec, computing it
 * only on a miss. Statuses as dln_graph_layout_compute (). */
DlnStatus             dln_graph_layout_cache_get      (DlnGraphLayoutCache      *cache,
                                                       const DlnGraphLayoutSpec *spec,
                                                       const DlnGraphLayout    **out,
                                                       DlnMessage               *msg);

/* dln_graph_layout_cache_n_computed:
 * How many layouts @cache has computed (misses) since it was created. */
unsigned              dln_graph_layout_cache_n_computed (const DlnGraphLayoutCache *cache);
