/* Fuzz target: the expression language end to end (core/dln-expr.h,
 * dln-graph.h, dln-tape.h): parse, the caret error text, the tree-walk
 * value, the autograd graph (forward, backward, the GUI's step-through,
 * formulas, fingerprint), and the tape's value, gradient, Hessian-vector
 * product and Hessian. A crash, a sanitizer report or a broken contract
 * (checked below) is a finding. Input layout: fuzz-expr-input.h. */

#include "fuzz-expr-input.h"

#include "dln-core.h"

#include <stdlib.h>
#include <string.h>

/* Hessians cost n_vars products of n_vars each; the GUI and CLI use two. */
#define HESSIAN_MAX_VARS 32

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_parse_error (const FuzzExprInput *in)
{
  const DlnMessage *msg = &in->msg;
  char buf[64];
  size_t need;

  if (msg->text[0] == '\0')
    fuzz_fail ("a parse error without a message", in->text);
  if (msg->column < 0 || (size_t) msg->column > in->len + 1)
    fuzz_fail ("a parse error column outside the text", in->text);
  if (msg->line < 0 || (size_t) msg->line > in->len + 1)
    fuzz_fail ("a parse error line outside the text", in->text);
  need = dln_expr_format_error (in->text, msg->line, msg->column, buf,
                                sizeof buf);
  if (strlen (buf) != (need < sizeof buf ? need : sizeof buf - 1))
    fuzz_fail ("format_error's length disagrees with its text", in->text);
}

static void
run_graph (const FuzzExprInput *in,
           const double        *values)
{
  DlnGraph *g;
  DlnMessage msg;
  int n_vars = dln_expr_n_vars (in->expr), out, n;
  char buf[128];

  /* DLN_EXPR_ARENA_BYTES promises room for the graph and one tape. */
  if (dln_expr_to_graph (in->expr, in->arena, &g, &msg) != DLN_STATUS_OK)
    fuzz_fail ("to_graph ran out of an arena of DLN_EXPR_ARENA_BYTES",
               in->text);
  n = dln_graph_n_nodes (g);
  out = dln_graph_output (g);
  if (out < 0 || out >= n)
    fuzz_fail ("the graph has no output node", in->text);
  for (int i = 0; i < n_vars; i++)
    {
      if (strcmp (dln_graph_node (g, i)->label,
                  dln_expr_var_name (in->expr, i)) != 0)
        fuzz_fail ("graph leaf i is not variable i", in->text);
      dln_graph_set_scalar (g, i, values[i]);
    }
  dln_graph_forward (g);
  (void) dln_graph_first_nonfinite (g);
  (void) dln_graph_fingerprint (g);
  for (int id = 0; id < n; id++)
    {
      const DlnNode *node = dln_graph_node (g, id);

      (void) dln_graph_node_formula (g, id, buf, sizeof buf);
      (void) dln_role_name (node->role);
      for (int k = 0; k < node->n_inputs; k++)
        if (node->inputs[k] < 0 || node->inputs[k] >= id)
          fuzz_fail ("a node input is not an earlier node", in->text);
    }
  dln_graph_zero_grad (g);
  dln_graph_backward (g, out);
  /* The GUI's step-through: forward node by node, backward node by node. */
  for (int id = n_vars; id < n; id++)
    if (dln_graph_node (g, id)->n_inputs > 0)
      dln_graph_forward_node (g, id);
  dln_graph_backward_begin (g, out);
  for (int id = out; id >= 0; id--)
    {
      (void) dln_graph_is_ancestor (g, id);
      dln_graph_backward_node (g, id);
    }
}

static void
run_tape (const FuzzExprInput *in,
          const double        *values)
{
  DlnTape *tape;
  DlnMessage msg;
  int n;
  double *grad, *hv, *v, *hess = NULL, *work;

  if (dln_tape_new (in->expr, NULL, 0, in->arena, &tape, &msg)
      != DLN_STATUS_OK)
    fuzz_fail ("tape_new ran out of an arena of DLN_EXPR_ARENA_BYTES",
               in->text);
  n = dln_tape_n_vars (tape);
  if (n != dln_expr_n_vars (in->expr))
    fuzz_fail ("the tape's variables are not the expression's", in->text);
  (void) dln_tape_n_instructions (tape);
  grad = calloc ((size_t) n + 1, sizeof *grad);
  hv = calloc ((size_t) n + 1, sizeof *hv);
  v = calloc ((size_t) n + 1, sizeof *v);
  work = calloc (dln_tape_workspace_size (tape) + 1, sizeof *work);
  if (n <= HESSIAN_MAX_VARS)
    hess = calloc ((size_t) n * n + 1, sizeof *hess);
  if (grad == NULL || hv == NULL || v == NULL || work == NULL
      || (n <= HESSIAN_MAX_VARS && hess == NULL))
    abort ();
  for (int i = 0; i < n; i++)
    v[i] = values[n - 1 - i];
  (void) dln_tape_value (tape, values, NULL);
  (void) dln_tape_grad (tape, values, grad, NULL);
  /* A caller's own workspace (the threaded surface renderer's way). */
  (void) dln_tape_hvp (tape, values, v, grad, hv, work);
  (void) dln_tape_hvp (tape, values, v, NULL, hv, NULL);
  if (hess != NULL)
    {
      (void) dln_tape_hessian (tape, values, grad, hess, NULL);
      for (int i = 0; i < n; i++)
        for (int j = 0; j < i; j++)
          if (memcmp (&hess[i * n + j], &hess[j * n + i], sizeof (double)))
            fuzz_fail ("the Hessian is not symmetric", in->text);
    }
  free (grad);
  free (hv);
  free (v);
  free (work);
  free (hess);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FuzzExprInput in;
  DlnExpr *expr;
  double *values;
  int n_vars;

  if (!fuzz_expr_input_init (&in, data, size))
    return 0;
  expr = in.expr;
  if (in.parsed != DLN_STATUS_OK)
    {
      if (expr != NULL)
        fuzz_fail ("a failed parse returned an expression", in.text);
      check_parse_error (&in);
      goto out;
    }
  if (strcmp (dln_expr_text (expr), in.text) != 0)
    fuzz_fail ("the expression's text is not its source", in.text);
  n_vars = dln_expr_n_vars (expr);
  for (int i = 0; i < n_vars; i++)
    {
      const char *name = dln_expr_var_name (expr, i);

      if (dln_expr_find_var (expr, name) != i
          || strlen (name) > DLN_EXPR_MAX_NAME
          || dln_expr_var_column (expr, i) < 1)
        fuzz_fail ("variable table inconsistent", in.text);
    }
  values = calloc ((size_t) n_vars + 1, sizeof *values);
  if (values == NULL)
    abort ();
  fuzz_expr_input_values (&in, values, n_vars);
  (void) dln_expr_eval (expr, values);
  run_graph (&in, values);
  run_tape (&in, values);
  free (values);

out:
  fuzz_expr_input_clear (&in);
  return 0;
}
