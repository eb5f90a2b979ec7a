#pragma once

/* dln-figure-graph: the computational graph, drawn as micrograd and
 * torchviz draw it. Value nodes (rounded boxes of one line: "label =
 * value | ∂ gradient") alternate with op nodes (circles: +, ×; ellipses:
 * tanh, ln); colours by role
 * (input, parameter, constant, intermediate, output); edges into an op can
 * carry their local derivative ∂op/∂input; a highlighted path and a
 * "current node" let the GUI animate forward and backward passes.
 *
 * Positions come from Graphviz (dln-graph-layout.h) once per structure:
 * dln_figure_graph_layout () fills DlnFigureGraphData.layout from a cache,
 * and the renderer only reads it, so stepping through values never re-runs
 * the layout. Node sizes do not depend on values (they are measured from
 * fixed-width number templates), only on labels, the style's font and
 * whether edge labels are shown. */

#include "dln-figure.h"
#include "dln-graph-layout.h"
#include "dln-graph.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum
{
  DLN_FIGURE_GRAPH_VALUE,  /* a tensor: label, value, gradient */
  DLN_FIGURE_GRAPH_OP,     /* an operation: its symbol */
} DlnFigureGraphNodeKind;

typedef struct
{
  DlnFigureGraphNodeKind kind;
  DlnRole                role;       /* core's roles; op nodes copy their
                                      * value node's role */
  char                   label[32];  /* UTF-8: "x", "a", "2"; op: "·", "tanh" */
  double                 value;      /* NaN: not computed yet ("–") */
  double                 grad;       /* NaN: not computed yet ("–") */
  size_t                 rows, cols; /* shape; value/grad shown when 1 × 1 */
  int                    source;     /* id of the DlnNode it draws, or -1 */
  bool                   highlight;  /* on the highlighted path */
  bool                   no_grad;    /* tracks no gradient (as requires_grad
                                      * = False): grad drawn "—" */
} DlnFigureGraphNode;

typedef struct
{
  size_t from;       /* node indices */
  size_t to;
  double local;      /* ∂to/∂from shown on the edge; NaN: no label */
  bool   highlight;  /* on the highlighted path */
} DlnFigureGraphEdge;

typedef struct
{
  size_t                  n_nodes;
  DlnFigureGraphNode     *nodes;       /* [n_nodes], in the data's block */
  size_t                  n_edges;
  DlnFigureGraphEdge     *edges;       /* [n_edges], in the data's block */
  DlnGraphLayoutDirection direction;
  bool                    show_local;  /* label edges with local derivatives */
  bool                    fold;        /* a long chain in two rows (or
                                        * columns), each from the start */
  int                     current;     /* node index drawn as "current", -1 */
  bool                    legend;      /* role legend under the graph */
  char                    title[160];  /* Pango markup; "" for none */
  /* borrowed, from dln_figure_graph_layout (); the renderer draws a notice
   * when it is NULL or belongs to another structure */
  const DlnGraphLayout   *layout;
} DlnFigureGraphData;

/* dln_figure_graph_data_new:
 * @n_nodes, @n_edges: sizes of the zeroed node and edge arrays
 * Returns data with TB direction, no current node, legend on. Free with
 * dln_figure_graph_data_free (). */
DlnFigureGraphData *dln_figure_graph_data_new          (size_t                n_nodes,
                                                        size_t                n_edges);

/* dln_figure_graph_data_from_graph:
 * @g: a graph; not NULL
 * One value node per DlnNode (same order, so node i draws DlnNode i), then
 * one op node per op DlnNode, fed by its inputs' value nodes (edges
 * labelled with DlnNode.local) and feeding its value node. Values and
 * gradients are copied (dln_figure_graph_data_update () refreshes them).
 * Returns new data, free with dln_figure_graph_data_free (). */
DlnFigureGraphData *dln_figure_graph_data_from_graph   (const DlnGraph       *g);

/* dln_figure_graph_data_update:
 * @data: from dln_figure_graph_data_from_graph (@g), same structure
 * Copies the current values, gradients and local derivatives of @g; the
 * structure, and so the layout, is untouched. */
void                dln_figure_graph_data_update       (DlnFigureGraphData   *data,
                                                        const DlnGraph       *g);

/* dln_figure_graph_data_free:
 * @data: (nullable) */
void                dln_figure_graph_data_free         (DlnFigureGraphData   *data);

typedef enum
{
  DLN_FIGURE_GRAPH_PASS_NONE,      /* all values, gradients and labels */
  DLN_FIGURE_GRAPH_PASS_FORWARD,   /* forward step-through */
  DLN_FIGURE_GRAPH_PASS_BACKWARD,  /* backward step-through */
} DlnFigureGraphPass;

/* dln_figure_graph_data_show_step:
 * @data: from dln_figure_graph_data_from_graph (@g)
 * @pass: which step-through the GUI animates
 * @node: the DlnNode id of the step just taken: FORWARD, the last op node
 *        dln_graph_forward_node () computed (ids run upwards); BACKWARD,
 *        the last node dln_graph_backward_node () propagated (ids run
 *        downwards)
 * Refreshes @data from @g for that moment, as the course shows it:
 * forward shows the leaves' and computed ops' values, "–" elsewhere and
 * no gradients or edge labels; backward shows every value, the gradients
 * as accumulated so far and the local derivatives of the ops already
 * propagated. @node is the current node and its op's edges are
 * highlighted (replacing any path). Structure untouched: no re-layout.
 * NONE (or @node out of range) shows everything with nothing current. */
void                dln_figure_graph_data_show_step    (DlnFigureGraphData   *data,
                                                        const DlnGraph       *g,
                                                        DlnFigureGraphPass    pass,
                                                        int                   node);

/* dln_figure_graph_highlight_path:
 * @from: a node index; @to: a node index
 * Marks every node and edge on a directed path from @from to @to (the
 * chain-rule path of ∂to/∂from) and clears all other marks. Returns the
 * number of edges marked (0 when @to is unreachable). */
size_t              dln_figure_graph_highlight_path    (DlnFigureGraphData   *data,
                                                        size_t                from,
                                                        size_t                to);

/* dln_figure_graph_layout_spec:
 * @spec, @nodes, @edges: filled; @nodes [data->n_nodes] and @edges
 *                        [data->n_edges] are caller-allocated
 * The layout structure of @data under @style: node sizes measured from
 * labels and fixed number templates with PangoCairo. */
void                dln_figure_graph_layout_spec       (const DlnFigureGraphData *data,
                                                        const DlnFigureStyle *style,
                                                        DlnGraphLayoutSpec   *spec,
                                                        DlnGraphLayoutNodeSpec *nodes,
                                                        DlnGraphLayoutEdgeSpec *edges);

/* dln_figure_graph_layout:
 * @cache: the caller's layout cache; not NULL
 * Sets @data->layout to the cached layout of @data's structure, running
 * Graphviz only when the structure is new. Returns the statuses of
 * dln_graph_layout_cache_get (). */
DlnStatus           dln_figure_graph_layout            (DlnGraphLayoutCache  *cache,
                                                        const DlnFigureStyle *style,
                                                        DlnFigureGraphData   *data,
                                                        DlnMessage           *msg);

/* dln_figure_graph_render:
 * Draws @data in (0, 0, @width, @height): title, the graph scaled to fit
 * (never above 1.6×, centred) and the role legend. @geom (nullable) gets
 * one DLN_PANEL_GRAPH panel whose transforms map layout points to user
 * units (x_min .. x_max = 0 .. layout width, y_max .. y_min = 0 ..
 * layout height, y down). Restores @cr. */
DLN_FIGURE_DECLARE_RENDER (graph, DlnFigureGraphData);

/* dln_figure_graph_draw:
 * As dln_figure_graph_render () into the rectangle @r of a larger figure
 * (no title, no background); the single-neuron figure uses it. */
void                dln_figure_graph_draw              (cairo_t              *cr,
                                                        const DlnFigureStyle *style,
                                                        const DlnFigureGraphData *data,
                                                        DlnRect               r,
                                                        DlnPlotPanel         *panel);

/* dln_figure_graph_hit:
 * @panel: the DLN_PANEL_GRAPH panel the renderer stored
 * Returns the index of the node under (@px, @py) (user units), or -1. */
int                 dln_figure_graph_hit               (const DlnFigureGraphData *data,
                                                        const DlnPlotPanel   *panel,
                                                        double                px,
                                                        double                py);

/* dln_figure_graph_csv:
 * Writes one row per node (index, kind, role, label, value, grad) and one
 * per edge (from, to, local) as CSV: "kind,index,from,to,role,label,
 * value,grad,local". A DlnFigureCsvFunc. */
DLN_FIGURE_DECLARE_CSV (graph, void);
