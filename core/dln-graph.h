#pragma once

#include "dln-arena.h"
#include "dln-ops.h"
#include "dln-status.h"
#include "dln-tensor.h"

#include <stdint.h>

/* --- Autograd graphs ---
 * A graph is a list of nodes built by ops; node ids are 0, 1, 2, ... in
 * creation order, which is a topological order (inputs always have smaller
 * ids). Building a node computes its value at once (eager forward); after
 * changing leaf values with dln_graph_set_scalar (), dln_graph_forward ()
 * re-evaluates every node in place, without rebuilding or allocating (the
 * GUI does this on every slider movement). Backward is reverse-mode
 * accumulation from a scalar output: leaf gradients ACCUMULATE across
 * calls as in PyTorch (call dln_graph_zero_grad () between steps);
 * intermediate gradients hold the adjoints of the latest backward pass.
 *
 * Everything lives in the arena given to dln_graph_new () and dies with it.
 * A full arena or node budget makes builders return -1 and the graph's
 * status DLN_STATUS_NO_MEMORY (sticky, like cairo); builders given -1 as an
 * input return -1, so a chain of builders needs one check at the end.
 *
 * Worked example (the course's single neuron, D03):
 *   DlnGraph *g = dln_graph_new (arena, 64);
 *   int x = dln_graph_scalar (g, "x", DLN_ROLE_INPUT, 1.0);
 *   int y = dln_graph_scalar (g, "y", DLN_ROLE_INPUT, 7.0);
 *   int w = dln_graph_scalar (g, "w", DLN_ROLE_PARAMETER, -0.5);
 *   int b = dln_graph_scalar (g, "b", DLN_ROLE_PARAMETER, 0.5);
 *   int p = dln_graph_unary (g, DLN_OP_TANH,
 *             dln_graph_binary (g, DLN_OP_ADD,
 *               dln_graph_binary (g, DLN_OP_MUL, w, x), b));
 *   int L = dln_graph_binary (g, DLN_OP_POW,
 *             dln_graph_binary (g, DLN_OP_SUB, y, p),
 *             dln_graph_constant (g, 2.0));
 *   dln_graph_set_output (g, L);
 *   dln_graph_backward (g, L);
 *   double dLdw = dln_graph_node (g, w)->grad->data[0];
 *
 * Thread safety: a graph is plain data; one thread at a time may use it. */

typedef enum
{
  DLN_ROLE_INPUT,         /* a leaf variable the user sets (x, y, z) */
  DLN_ROLE_PARAMETER,     /* a leaf that is trained (w, b) */
  DLN_ROLE_CONSTANT,      /* a leaf number (2, π); gets no gradient */
  DLN_ROLE_INTERMEDIATE,  /* an op node */
  DLN_ROLE_OUTPUT,        /* the op node set by dln_graph_set_output () */
} DlnRole;

#define DLN_GRAPH_LABEL_SIZE 32  /* bytes of DlnNode.label, with the NUL */

/* One node, read-only for callers (change it only through the functions
 * below). The GUI draws exactly these fields. */
typedef struct
{
  int        id;         /* index in the graph, topological */
  DlnOp      op;
  DlnRole    role;
  char       label[DLN_GRAPH_LABEL_SIZE]; /* UTF-8: variable name, constant
                                           * ("2", "π") or intermediate
                                           * letter ("a", "b", ...) */
  int        n_inputs;   /* dln_op_info (op)->n_inputs */
  int        inputs[2];  /* node ids of the inputs; -1 when unused */
  DlnTensor *value;      /* the forward value */
  DlnTensor *grad;       /* ∂output/∂node after backward; same shape */
  double     local[2];   /* edge labels: ∂node/∂inputs[k] at the current
                          * values, for scalar node and scalar input
                          * (updated by every forward); nan otherwise */
} DlnNode;

typedef struct DlnGraph DlnGraph;

/* dln_graph_new:
 * @arena:     owns the graph, its nodes and their tensors; not NULL
 * @max_nodes: node budget (> 0); the node table is allocated up front
 * Returns an empty graph, or NULL when @arena is full. */
DlnGraph      *dln_graph_new          (DlnArena       *arena,
                                       int             max_nodes);

/* dln_graph_status:
 * Returns DLN_STATUS_OK, or DLN_STATUS_NO_MEMORY once a builder ran out of
 * arena or node budget (the graph is unusable then). */
DlnStatus      dln_graph_status       (const DlnGraph *g);

/* --- Building (each returns the new node id, or -1: see above) --- */

/* dln_graph_leaf:
 * @label:  (nullable) name shown in drawings, copied (truncated to fit)
 * @role:   DLN_ROLE_INPUT, DLN_ROLE_PARAMETER or DLN_ROLE_CONSTANT
 * @values: (nullable) rows * cols initial values, row-major; NULL = zeros */
int            dln_graph_leaf         (DlnGraph       *g,
                                       const char     *label,
                                       DlnRole         role,
                                       size_t          rows,
                                       size_t          cols,
                                       const double   *values);

/* dln_graph_scalar:
 * A [1, 1] leaf holding @value. */
int            dln_graph_scalar       (DlnGraph       *g,
                                       const char     *label,
                                       DlnRole         role,
                                       double          value);

/* dln_graph_constant:
 * A [1, 1] DLN_ROLE_CONSTANT leaf labelled with @value ("2", "0.5"). */
int            dln_graph_constant     (DlnGraph       *g,
                                       double          value);

/* dln_graph_unary:
 * @op: an op with one input (NEG, EXP, LOG, ..., SUM, MEAN); an op with
 *      another arity, or BROADCAST (use dln_graph_broadcast), is a caller
 *      bug */
int            dln_graph_unary        (DlnGraph       *g,
                                       DlnOp           op,
                                       int             a);

/* dln_graph_binary:
 * @op: an op with two inputs (ADD ... POW, MATMUL, MSE). Shapes must fit
 *      (dln-ops.h); a mismatch is a caller bug (DLN_ASSERT). */
int            dln_graph_binary       (DlnGraph       *g,
                                       DlnOp           op,
                                       int             a,
                                       int             b);

/* dln_graph_broadcast:
 * @a: a [1, 1] node, repeated to a [rows, cols] node */
int            dln_graph_broadcast    (DlnGraph       *g,
                                       int             a,
                                       size_t          rows,
                                       size_t          cols);

/* dln_graph_set_output:
 * Makes [1, 1] node @id the output; an op node gets DLN_ROLE_OUTPUT (a
 * previous output op becomes intermediate), a leaf keeps its role. */
void           dln_graph_set_output   (DlnGraph       *g,
                                       int             id);

/* dln_graph_set_label / dln_graph_set_role:
 * Rename a node; change a leaf's role (INPUT, PARAMETER, CONSTANT). Both
 * change the fingerprint. */
void           dln_graph_set_label    (DlnGraph       *g,
                                       int             id,
                                       const char     *label);
void           dln_graph_set_role     (DlnGraph       *g,
                                       int             id,
                                       DlnRole         role);

/* dln_graph_label_intermediates:
 * Names every unlabelled op node in topological order with a letter a, b,
 * c, ..., skipping letters already used as labels and 'f', which the
 * output gets (as in the course: x, y, z -> a ... e -> f); past 'z' the
 * labels are t1, t2, .... */
void           dln_graph_label_intermediates (DlnGraph *g);

/* --- D03: the course's single neuron (docs/demos.md#d03) ---
 * ŷ = tanh(w·x + b), L = (y − ŷ)², built as the course builds it, once
 * for the single-neuron page and the catalogue's "neuron-check". The
 * course's start values are written here only (the figure options print
 * them with G_STRINGIFY). */
#define DLN_NEURON_X  1
#define DLN_NEURON_Y  7
#define DLN_NEURON_W  -0.5
#define DLN_NEURON_B  0.5

typedef struct
{
  int x, y;        /* inputs */
  int w, b;        /* parameters */
  int yhat, loss;  /* "ŷ" and the output "L" */
} DlnNeuronNodes;

/* dln_graph_build_neuron:
 * @g:     an empty graph with room for 10 nodes
 * @nodes: receives the node ids
 * Builds the neuron from (@x, @y, @w, @b), labels ŷ and L (the output)
 * and letters the intermediates. Returns DLN_STATUS_OK, or
 * DLN_STATUS_NO_MEMORY when @g's budget or arena ran out. */
DlnStatus      dln_graph_build_neuron (DlnGraph       *g,
                                       double          x,
                                       double          y,
                                       double          w,
                                       double          b,
                                       DlnNeuronNodes *nodes);

/* --- Inspecting --- */

int            dln_graph_n_nodes      (const DlnGraph *g);
int            dln_graph_output       (const DlnGraph *g);  /* -1 if unset */

/* dln_graph_node:
 * @id: 0 <= id < dln_graph_n_nodes () (else a caller bug)
 * Returns the node; valid as long as the graph. */
const DlnNode *dln_graph_node         (const DlnGraph *g,
                                       int             id);

/* dln_graph_find:
 * Returns the id of the first node labelled @label, or -1. */
int            dln_graph_find         (const DlnGraph *g,
                                       const char     *label);

/* dln_graph_node_formula:
 * @buf: receives the node's definition in terms of its inputs' labels,
 *       UTF-8, e.g. "c = a / b", "d = z · c", "g = ln(e)", "h = |a|",
 *       "L = mse(p, t)"; a leaf gives just its label. Always
 *       NUL-terminated when @size > 0.
 * Returns the length the whole text needs (as snprintf does). For hover
 * text and captions in drawings of the graph. */
size_t         dln_graph_node_formula (const DlnGraph *g,
                                       int             id,
                                       char           *buf,
                                       size_t          size);

/* dln_graph_fingerprint:
 * A 64-bit FNV-1a hash of the structure: ops, roles, inputs, shapes and
 * labels, not values or gradients. Equal fingerprints mean the layout of a
 * drawing can be kept; O(n), no allocation. */
uint64_t       dln_graph_fingerprint  (const DlnGraph *g);

/* dln_graph_first_nonfinite:
 * Returns the smallest node id whose value holds a nan or ±inf (the node
 * where a forward pass left the domain), or -1 when all are finite. */
int            dln_graph_first_nonfinite (const DlnGraph *g);

/* dln_graph_check_domain:
 * After a forward pass: DLN_STATUS_OK when every value is finite, else
 * DLN_STATUS_INVALID_INPUT with @msg naming the first node that left the
 * domain, what went wrong and its inputs' values, e.g. "log of a
 * negative number: a = ln(x) with x = -1" (dln_op_domain_fault), or
 * "x is not finite" for a leaf. Element-wise ops only look at their first
 * non-finite element. */
DlnStatus      dln_graph_check_domain (const DlnGraph *g,
                                       DlnMessage     *msg);

/* --- Evaluating --- */

/* dln_graph_set_scalar:
 * Sets [1, 1] leaf @id to @value. Dependent nodes keep stale values until
 * dln_graph_forward (). */
void           dln_graph_set_scalar   (DlnGraph       *g,
                                       int             id,
                                       double          value);

/* dln_graph_forward:
 * Recomputes every op node's value and edge labels in id order. No
 * allocation. Non-finite values propagate (see first_nonfinite). */
void           dln_graph_forward      (DlnGraph       *g);

/* dln_graph_forward_node:
 * Recomputes op node @id (and its edge labels) from its inputs' current
 * values: one step of a forward step-through. */
void           dln_graph_forward_node (DlnGraph       *g,
                                       int             id);

/* dln_graph_zero_grad:
 * Sets every node's gradient to 0 (PyTorch's zero_grad ()). */
void           dln_graph_zero_grad    (DlnGraph       *g);

/* dln_graph_backward:
 * @output: a [1, 1] node
 * Reverse-mode pass: zeroes the gradients of op nodes, adds 1 to
 * @output's gradient and propagates it to every ancestor of @output;
 * leaf gradients (except constants') accumulate. Equivalent to
 * dln_graph_backward_begin () followed by dln_graph_backward_node () for
 * ids from @output down to 0. No allocation. */
void           dln_graph_backward     (DlnGraph       *g,
                                       int             output);

/* dln_graph_backward_begin / dln_graph_backward_node:
 * A backward step-through: begin zeroes the op nodes' gradients, seeds
 * @output and marks its ancestors; each backward_node call then propagates
 * node @id's gradient to its inputs (nothing for leaves or nodes that are
 * not ancestors). Call backward_node in decreasing id order. */
void           dln_graph_backward_begin (DlnGraph     *g,
                                         int           output);
void           dln_graph_backward_node  (DlnGraph     *g,
                                         int           id);

/* dln_graph_is_ancestor:
 * Returns 1 when @id contributed to the output of the latest
 * dln_graph_backward_begin () (the output itself included), else 0. */
int            dln_graph_is_ancestor  (const DlnGraph *g,
                                       int             id);

/* dln_role_name:
 * Returns "input", "parameter", "constant", "intermediate" or "output". */
const char    *dln_role_name          (DlnRole         role);
