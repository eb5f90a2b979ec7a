/* Autograd graphs: nodes built by ops, eager forward, reverse-mode
 * backward (rules in dln-backward.c). */

#include "dln-graph.h"

#include "dln-core-private.h"
#include "dln-hash.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

struct DlnGraph
{
  DlnArena      *arena;      /* borrowed: owns this struct and the nodes */
  DlnNode       *nodes;      /* [max_nodes] */
  unsigned char *ancestor;   /* [max_nodes]: 1 = feeds the latest output */
  unsigned char *scalar;     /* [max_nodes]: 1 = node and inputs are [1, 1]
                              * (shapes never change after building) */
  int            n_nodes;
  int            max_nodes;
  int            output;     /* node id, -1 when unset */
  DlnStatus      status;     /* sticky: NO_MEMORY once a builder failed */
};

DlnGraph *
dln_graph_new (DlnArena *arena,
               int       max_nodes)
{
  DlnGraph *g;

  DLN_ASSERT (arena != NULL);
  DLN_ASSERT (max_nodes > 0);
  g = dln_arena_alloc (arena, sizeof *g);
  if (g == NULL)
    return NULL;
  g->nodes = dln_arena_alloc (arena, (size_t) max_nodes * sizeof (DlnNode));
  g->ancestor = dln_arena_alloc (arena, (size_t) max_nodes);
  g->scalar = dln_arena_alloc (arena, (size_t) max_nodes);
  if (g->nodes == NULL || g->ancestor == NULL || g->scalar == NULL)
    return NULL;
  g->arena = arena;
  g->max_nodes = max_nodes;
  g->output = -1;
  g->status = DLN_STATUS_OK;
  return g;
}

DlnStatus
dln_graph_status (const DlnGraph *g)
{
  DLN_ASSERT (g != NULL);
  return g->status;
}

static void
check_id (const DlnGraph *g,
          int             id)
{
  DLN_ASSERT (g != NULL);
  DLN_ASSERT (id >= 0 && id < g->n_nodes);
}

static void
copy_label (char       *dst,
            const char *src)
{
  size_t len;

  if (src == NULL)
    src = "";
  len = strlen (src);
  if (len >= DLN_GRAPH_LABEL_SIZE)
    {
      len = DLN_GRAPH_LABEL_SIZE - 1;
      /* Do not cut a UTF-8 sequence in half: back up over continuation
       * bytes. */
      while (len > 0 && ((unsigned char) src[len] & 0xC0) == 0x80)
        len--;
    }
  memcpy (dst, src, len);
  dst[len] = '\0';
}

/* Edge labels of a scalar node: ∂node/∂input at the current values. */
static void
update_local (DlnGraph *g,
              DlnNode  *node)
{
  DlnPartials p;
  double b;

  if (node->n_inputs == 0 || !g->scalar[node->id])
    {
      node->local[0] = NAN;
      node->local[1] = NAN;
      return;
    }
  b = node->n_inputs == 2 ? g->nodes[node->inputs[1]].value->data[0] : 0.0;
  dln_op_partials (node->op, g->nodes[node->inputs[0]].value->data[0], b,
                   node->value->data[0], 0, &p);
  node->local[0] = p.da;
  node->local[1] = node->n_inputs == 2 ? p.db : NAN;
}

/* 1 when the node and its inputs are all [1, 1]: the scalar fast path,
 * where the edge labels double as the backward's local derivatives. */
static int
is_scalar_node (const DlnGraph *g,
                const DlnNode  *node)
{
  if (node->value->rows != 1 || node->value->cols != 1)
    return 0;
  for (int k = 0; k < node->n_inputs; k++)
    {
      const DlnTensor *v = g->nodes[node->inputs[k]].value;

      if (v->rows != 1 || v->cols != 1)
        return 0;
    }
  return 1;
}

/* Appends a node with fresh value and grad tensors; -1 when out of budget. */
static int
add_node (DlnGraph   *g,
          DlnOp       op,
          DlnRole     role,
          const char *label,
          int         a,
          int         b,
          size_t      rows,
          size_t      cols)
{
  DlnNode *node;

  if (g->n_nodes >= g->max_nodes)
    {
      g->status = DLN_STATUS_NO_MEMORY;
      return -1;
    }
  node = &g->nodes[g->n_nodes];
  memset (node, 0, sizeof *node);
  node->value = dln_tensor_new (g->arena, rows, cols);
  node->grad = dln_tensor_new (g->arena, rows, cols);
  if (node->value == NULL || node->grad == NULL)
    {
      g->status = DLN_STATUS_NO_MEMORY;
      return -1;
    }
  node->id = g->n_nodes;
  node->op = op;
  node->role = role;
  copy_label (node->label, label);
  node->n_inputs = dln_op_info (op)->n_inputs;
  node->inputs[0] = a;
  node->inputs[1] = b;
  node->local[0] = NAN;
  node->local[1] = NAN;
  g->ancestor[node->id] = 0;
  g->scalar[node->id] = is_scalar_node (g, node);
  g->n_nodes++;
  if (op != DLN_OP_LEAF)
    dln_graph_forward_node (g, node->id);
  return node->id;
}

/* Copies @values (the leaf's rows * cols) into leaf @id; dependent nodes
 * keep stale values until dln_graph_forward (). */
static void
set_leaf_value (DlnGraph     *g,
                int           id,
                const double *values)
{
  DlnTensor *v;

  check_id (g, id);
  DLN_ASSERT (g->nodes[id].op == DLN_OP_LEAF);
  DLN_ASSERT (values != NULL);
  v = g->nodes[id].value;
  memcpy (v->data, values, dln_tensor_size (v) * sizeof (double));
}

int
dln_graph_leaf (DlnGraph     *g,
                const char   *label,
                DlnRole       role,
                size_t        rows,
                size_t        cols,
                const double *values)
{
  int id;

  DLN_ASSERT (g != NULL);
  DLN_ASSERT (role == DLN_ROLE_INPUT || role == DLN_ROLE_PARAMETER
              || role == DLN_ROLE_CONSTANT);
  if (g->status != DLN_STATUS_OK)
    return -1;
  id = add_node (g, DLN_OP_LEAF, role, label, -1, -1, rows, cols);
  if (id >= 0 && values != NULL)
    set_leaf_value (g, id, values);
  return id;
}

int
dln_graph_scalar (DlnGraph   *g,
                  const char *label,
                  DlnRole     role,
                  double      value)
{
  return dln_graph_leaf (g, label, role, 1, 1, &value);
}

int
dln_graph_constant (DlnGraph *g,
                    double    value)
{
  char label[DLN_GRAPH_LABEL_SIZE];

  /* Six significant digits keep drawings short; the value itself is
   * exact. π is common enough in course formulas to get its symbol. */
  if (value == M_PI)
    strcpy (label, "\u03c0");
  else
    snprintf (label, sizeof label, "%.6g", value);
  return dln_graph_scalar (g, label, DLN_ROLE_CONSTANT, value);
}

int
dln_graph_unary (DlnGraph *g,
                 DlnOp     op,
                 int       a)
{
  const DlnTensor *va;
  size_t rows, cols;

  DLN_ASSERT (g != NULL);
  DLN_ASSERT (dln_op_info (op)->n_inputs == 1 && op != DLN_OP_BROADCAST);
  if (g->status != DLN_STATUS_OK || a < 0)
    return -1;
  check_id (g, a);
  va = g->nodes[a].value;
  rows = va->rows;
  cols = va->cols;
  if (op == DLN_OP_SUM || op == DLN_OP_MEAN)
    rows = cols = 1;
  return add_node (g, op, DLN_ROLE_INTERMEDIATE, NULL, a, -1, rows, cols);
}

int
dln_graph_binary (DlnGraph *g,
                  DlnOp     op,
                  int       a,
                  int       b)
{
  const DlnTensor *va, *vb;
  size_t rows, cols;

  DLN_ASSERT (g != NULL);
  DLN_ASSERT (dln_op_info (op)->n_inputs == 2);
  if (g->status != DLN_STATUS_OK || a < 0 || b < 0)
    return -1;
  check_id (g, a);
  check_id (g, b);
  va = g->nodes[a].value;
  vb = g->nodes[b].value;
  if (op == DLN_OP_MATMUL)
    {
      DLN_ASSERT (va->cols == vb->rows);
      rows = va->rows;
      cols = vb->cols;
    }
  else
    {
      DLN_ASSERT (dln_tensor_same_shape (va, vb));
      rows = va->rows;
      cols = va->cols;
      if (op == DLN_OP_MSE)
        rows = cols = 1;
    }
  return add_node (g, op, DLN_ROLE_INTERMEDIATE, NULL, a, b, rows, cols);
}

int
dln_graph_broadcast (DlnGraph *g,
                     int       a,
                     size_t    rows,
                     size_t    cols)
{
  DLN_ASSERT (g != NULL);
  if (g->status != DLN_STATUS_OK || a < 0)
    return -1;
  check_id (g, a);
  DLN_ASSERT (dln_tensor_size (g->nodes[a].value) == 1);
  return add_node (g, DLN_OP_BROADCAST, DLN_ROLE_INTERMEDIATE, NULL, a, -1,
                   rows, cols);
}

void
dln_graph_set_output (DlnGraph *g,
                      int       id)
{
  DlnNode *node;

  check_id (g, id);
  node = &g->nodes[id];
  DLN_ASSERT (dln_tensor_size (node->value) == 1);
  if (g->output >= 0 && g->nodes[g->output].role == DLN_ROLE_OUTPUT)
    g->nodes[g->output].role = DLN_ROLE_INTERMEDIATE;
  g->output = id;
  if (node->op != DLN_OP_LEAF)
    node->role = DLN_ROLE_OUTPUT;
}

void
dln_graph_set_label (DlnGraph   *g,
                     int         id,
                     const char *label)
{
  check_id (g, id);
  copy_label (g->nodes[id].label, label);
}

void
dln_graph_set_role (DlnGraph *g,
                    int       id,
                    DlnRole   role)
{
  check_id (g, id);
  DLN_ASSERT (g->nodes[id].op == DLN_OP_LEAF);
  DLN_ASSERT (role == DLN_ROLE_INPUT || role == DLN_ROLE_PARAMETER
              || role == DLN_ROLE_CONSTANT);
  g->nodes[id].role = role;
}

static int
label_used (const DlnGraph *g,
            const char     *label)
{
  return dln_graph_find (g, label) >= 0;
}

void
dln_graph_label_intermediates (DlnGraph *g)
{
  char next = 'a';
  int counter = 1;

  DLN_ASSERT (g != NULL);
  for (int id = 0; id < g->n_nodes; id++)
    {
      DlnNode *node = &g->nodes[id];
      char label[DLN_GRAPH_LABEL_SIZE];

      if (node->op == DLN_OP_LEAF || node->label[0] != '\0')
        continue;
      if (node->role == DLN_ROLE_OUTPUT && !label_used (g, "f"))
        {
          strcpy (node->label, "f");
          continue;
        }
      label[0] = '\0';
      while (next <= 'z' && label[0] == '\0')
        {
          char candidate[2] = { next++, '\0' };

          if (candidate[0] != 'f' && !label_used (g, candidate))
            strcpy (label, candidate);
        }
      while (label[0] == '\0')
        {
          snprintf (label, sizeof label, "t%d", counter++);
          if (label_used (g, label))
            label[0] = '\0';
        }
      strcpy (node->label, label);
    }
}

int
dln_graph_n_nodes (const DlnGraph *g)
{
  DLN_ASSERT (g != NULL);
  return g->n_nodes;
}

int
dln_graph_output (const DlnGraph *g)
{
  DLN_ASSERT (g != NULL);
  return g->output;
}

const DlnNode *
dln_graph_node (const DlnGraph *g,
                int             id)
{
  check_id (g, id);
  return &g->nodes[id];
}

int
dln_graph_find (const DlnGraph *g,
                const char     *label)
{
  DLN_ASSERT (g != NULL && label != NULL);
  for (int id = 0; id < g->n_nodes; id++)
    if (strcmp (g->nodes[id].label, label) == 0)
      return id;
  return -1;
}

size_t
dln_graph_node_formula (const DlnGraph *g,
                        int             id,
                        char           *buf,
                        size_t          size)
{
  const DlnNode *node;
  const char *a, *b, *sym;
  int n = 0;

  check_id (g, id);
  DLN_ASSERT (buf != NULL || size == 0);
  node = &g->nodes[id];
  if (node->op == DLN_OP_LEAF)
    return (size_t) snprintf (buf, size, "%s", node->label);
  sym = dln_op_info (node->op)->symbol;
  a = g->nodes[node->inputs[0]].label;
  b = node->n_inputs == 2 ? g->nodes[node->inputs[1]].label : "";
  switch (node->op)
    {
    case DLN_OP_ADD:
    case DLN_OP_SUB:
    case DLN_OP_MUL:
    case DLN_OP_DIV:
    case DLN_OP_POW:
    case DLN_OP_MATMUL:
      n = snprintf (buf, size, "%s = %s %s %s", node->label, a, sym, b);
      break;
    case DLN_OP_NEG:
    case DLN_OP_SUM:
      n = snprintf (buf, size, "%s = %s%s", node->label, sym, a);
      break;
    case DLN_OP_ABS:
      n = snprintf (buf, size, "%s = |%s|", node->label, a);
      break;
    case DLN_OP_MSE:
      n = snprintf (buf, size, "%s = %s(%s, %s)", node->label, sym, a, b);
      break;
    default:  /* functions: exp, ln, …, mean, broadcast */
      n = snprintf (buf, size, "%s = %s(%s)", node->label, sym, a);
      break;
    }
  return n < 0 ? 0 : (size_t) n;
}

uint64_t
dln_graph_fingerprint (const DlnGraph *g)
{
  uint64_t h = DLN_HASH_FNV1A_OFFSET;

  DLN_ASSERT (g != NULL);
  h = dln_hash_fnv1a (h, &g->n_nodes, sizeof g->n_nodes);
  for (int id = 0; id < g->n_nodes; id++)
    {
      const DlnNode *node = &g->nodes[id];
      int fields[4] = { (int) node->op, (int) node->role,
                        node->inputs[0], node->inputs[1] };
      size_t shape[2] = { node->value->rows, node->value->cols };

      h = dln_hash_fnv1a (h, fields, sizeof fields);
      h = dln_hash_fnv1a (h, shape, sizeof shape);
      h = dln_hash_fnv1a (h, node->label, strlen (node->label) + 1);
    }
  return h;
}

int
dln_graph_first_nonfinite (const DlnGraph *g)
{
  DLN_ASSERT (g != NULL);
  for (int id = 0; id < g->n_nodes; id++)
    {
      const DlnTensor *v = g->nodes[id].value;
      size_t n = dln_tensor_size (v);

      for (size_t i = 0; i < n; i++)
        if (!isfinite (v->data[i]))
          return id;
    }
  return -1;
}

void
dln_graph_set_scalar (DlnGraph *g,
                      int       id,
                      double    value)
{
  check_id (g, id);
  DLN_ASSERT (dln_tensor_size (g->nodes[id].value) == 1);
  set_leaf_value (g, id, &value);
}

void
dln_graph_forward_node (DlnGraph *g,
                        int       id)
{
  DlnNode *node;

  check_id (g, id);
  node = &g->nodes[id];
  if (node->op == DLN_OP_LEAF)
    return;
  if (g->scalar[id])
    node->value->data[0] =
      dln_op_forward_scalar (node->op, g->nodes[node->inputs[0]].value->data[0],
                             node->n_inputs == 2
                             ? g->nodes[node->inputs[1]].value->data[0] : 0.0);
  else
    dln_op_forward (node->op, node->value, g->nodes[node->inputs[0]].value,
                    node->n_inputs == 2 ? g->nodes[node->inputs[1]].value : NULL);
  update_local (g, node);
}

void
dln_graph_forward (DlnGraph *g)
{
  DLN_ASSERT (g != NULL);
  for (int id = 0; id < g->n_nodes; id++)
    dln_graph_forward_node (g, id);
}

void
dln_graph_zero_grad (DlnGraph *g)
{
  DLN_ASSERT (g != NULL);
  for (int id = 0; id < g->n_nodes; id++)
    {
      DlnTensor *t = g->nodes[id].grad;

      memset (t->data, 0, t->rows * t->cols * sizeof (double));
    }
}

void
dln_graph_backward_begin (DlnGraph *g,
                          int       output)
{
  check_id (g, output);
  DLN_ASSERT (dln_tensor_size (g->nodes[output].value) == 1);

  /* Ancestors of the output, found by one reverse sweep (ids are
   * topological). Only they take part, as in PyTorch: an unrelated node's
   * inf edge must not turn 0·inf into nan elsewhere. */
  memset (g->ancestor, 0, (size_t) g->n_nodes);
  g->ancestor[output] = 1;
  for (int id = output; id >= 0; id--)
    {
      const DlnNode *node = &g->nodes[id];

      if (!g->ancestor[id])
        continue;
      for (int k = 0; k < node->n_inputs; k++)
        g->ancestor[node->inputs[k]] = 1;
    }
  for (int id = 0; id < g->n_nodes; id++)
    if (g->nodes[id].op != DLN_OP_LEAF)
      {
        DlnTensor *t = g->nodes[id].grad;

        memset (t->data, 0, t->rows * t->cols * sizeof (double));
      }
  if (g->nodes[output].role != DLN_ROLE_CONSTANT)
    g->nodes[output].grad->data[0] += 1.0;
}

void
dln_graph_backward_node (DlnGraph *g,
                         int       id)
{
  DlnNode *node;
  DlnTensor *grads[2] = { NULL, NULL };

  check_id (g, id);
  node = &g->nodes[id];
  if (node->op == DLN_OP_LEAF || !g->ancestor[id])
    return;
  for (int k = 0; k < node->n_inputs; k++)
    {
      DlnNode *in = &g->nodes[node->inputs[k]];

      /* Constants get no gradient (requires_grad=False in PyTorch). */
      if (in->role != DLN_ROLE_CONSTANT)
        grads[k] = in->grad;
    }
  if (g->scalar[id])
    {
      /* Scalar chain rule with the edge labels from the forward pass (the
       * same dln_op_partials () numbers dln_op_backward () would use). */
      for (int k = 0; k < node->n_inputs; k++)
        if (grads[k] != NULL)
          grads[k]->data[0] += node->grad->data[0] * node->local[k];
      return;
    }
  dln_op_backward (node->op, node->grad, node->value,
                   g->nodes[node->inputs[0]].value,
                   node->n_inputs == 2 ? g->nodes[node->inputs[1]].value : NULL,
                   grads[0], grads[1]);
}

void
dln_graph_backward (DlnGraph *g,
                    int       output)
{
  dln_graph_backward_begin (g, output);
  for (int id = output; id >= 0; id--)
    dln_graph_backward_node (g, id);
}

int
dln_graph_is_ancestor (const DlnGraph *g,
                       int             id)
{
  check_id (g, id);
  return g->ancestor[id];
}

const char *
dln_role_name (DlnRole role)
{
  switch (role)
    {
    case DLN_ROLE_INPUT:        return "input";
    case DLN_ROLE_PARAMETER:    return "parameter";
    case DLN_ROLE_CONSTANT:     return "constant";
    case DLN_ROLE_INTERMEDIATE: return "intermediate";
    case DLN_ROLE_OUTPUT:       return "output";
    }
  return "unknown";
}

DlnStatus
dln_graph_check_domain (const DlnGraph *g,
                        DlnMessage     *msg)
{
  int id = dln_graph_first_nonfinite (g);
  const DlnNode *node, *in[2] = { NULL, NULL };
  const char *fault = "overflow";
  char formula[128], with[128];
  size_t n, i = 0;
  double a = NAN, b = NAN;

  if (id < 0)
    return DLN_STATUS_OK;
  node = &g->nodes[id];
  if (node->op == DLN_OP_LEAF)
    {
      dln_message_set (msg, 0, "%s is not finite", node->label);
      return DLN_STATUS_INVALID_INPUT;
    }
  n = dln_tensor_size (node->value);
  while (i < n && isfinite (node->value->data[i]))
    i++;
  for (int k = 0; k < node->n_inputs; k++)
    in[k] = &g->nodes[node->inputs[k]];
  /* the inputs at the failing element: element-wise ops read element i,
   * a scalar input (broadcast) its only one */
  if (dln_op_info (node->op)->elementwise)
    {
      a = in[0]->value->data[dln_tensor_size (in[0]->value) == n ? i : 0];
      if (in[1] != NULL)
        b = in[1]->value->data[dln_tensor_size (in[1]->value) == n ? i : 0];
      fault = dln_op_domain_fault (node->op, a, b, node->value->data[i]);
    }
  dln_graph_node_formula (g, id, formula, sizeof formula);
  /* the inputs' values, constants and a repeated input left out */
  with[0] = '\0';
  for (int k = 0; k < node->n_inputs && dln_op_info (node->op)->elementwise;
       k++)
    {
      size_t len = strlen (with);

      if (in[k]->role == DLN_ROLE_CONSTANT
          || (k == 1 && strcmp (in[0]->label, in[1]->label) == 0))
        continue;
      snprintf (with + len, sizeof with - len, "%s%s = %g",
                len > 0 ? ", " : " with ", in[k]->label, k == 0 ? a : b);
    }
  dln_message_set (msg, 0, "%s: %s%s", fault, formula, with);
  return DLN_STATUS_INVALID_INPUT;
}

DlnStatus
dln_graph_build_neuron (DlnGraph       *g,
                        double          x,
                        double          y,
                        double          w,
                        double          b,
                        DlnNeuronNodes *nodes)
{
  DlnNeuronNodes n;

  DLN_ASSERT (nodes != NULL);
  if (g == NULL)
    return DLN_STATUS_NO_MEMORY;
  n.x = dln_graph_scalar (g, "x", DLN_ROLE_INPUT, x);
  n.y = dln_graph_scalar (g, "y", DLN_ROLE_INPUT, y);
  n.w = dln_graph_scalar (g, "w", DLN_ROLE_PARAMETER, w);
  n.b = dln_graph_scalar (g, "b", DLN_ROLE_PARAMETER, b);
  n.yhat = dln_graph_unary (g, DLN_OP_TANH,
                            dln_graph_binary (g, DLN_OP_ADD,
                                              dln_graph_binary (g, DLN_OP_MUL,
                                                                n.w, n.x),
                                              n.b));
  n.loss = dln_graph_binary (g, DLN_OP_POW,
                             dln_graph_binary (g, DLN_OP_SUB, n.y, n.yhat),
                             dln_graph_constant (g, 2.0));
  if (n.loss < 0 || dln_graph_status (g) != DLN_STATUS_OK)
    return DLN_STATUS_NO_MEMORY;
  dln_graph_set_label (g, n.yhat, "\xc5\xb7");  /* ŷ */
  dln_graph_set_label (g, n.loss, "L");
  dln_graph_set_output (g, n.loss);
  dln_graph_label_intermediates (g);
  *nodes = n;
  return DLN_STATUS_OK;
}
