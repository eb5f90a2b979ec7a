/* D02: the computational graph of a typed expression or program, its
 * variables, the step-through of forward and backward passes and the
 * chain-rule readout. (Over 800 lines: the step-through plan and the
 * chain-rule text read the page's graph state directly; they are one
 * feature with the editor.) */

#define G_LOG_DOMAIN "dln-graph-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-graph-page.h"

#include "dln-arena.h"
#include "dln-expr.h"
#include "dln-figure-graph.h"
#include "dln-figure-python.h"
#include "dln-graph.h"
#include "dln-param-row.h"
#include "dln-play-controls.h"
#include "dln-ui-error.h"
#include "dln-ui.h"

#include <math.h>
#include <string.h>

#define ARENA_BYTES     (4u << 20)  /* an expression's graph: far beyond any
                                     * formula DLN_EXPR_MAX_LENGTH allows */
#define VAR_RANGE       10.0        /* sliders span [-10, 10]; type beyond */
#define PLAY_INTERVAL   700         /* ms per step while playing */
/* Central differences with h = 6e-6·max(1, |x|) (≈ ∛ε: truncation against
 * rounding) agree with exact gradients to about 1e-9 relative;
 * docs/architecture.md#tests passes at 1e-6. */
#define FD_STEP         6e-6
#define FD_TOLERANCE    1e-6

typedef struct
{
  const char *title;
  const char *text;
  const char *values;   /* "name=value ..." */
} Preset;

static const Preset presets[] = {
  /* Typed as the course writes it, z·(2x / sin y), so the graph has the
   * course's nodes a = 2x, b = sin y, c = a/b, d = z·c
   * (docs/demos.md#d02); z*2*x/sin(y) would parse as ((z·2)·x)/sin y. */
  { N_("The course's f(x, y, z)"), "tanh(ln(1 + z * (2*x / sin(y))))", "x=0.5 y=1 z=1.5" },
  { N_("Single neuron loss (y − tanh(wx + b))²"), "(y - tanh(w*x + b))^2", "x=1 y=7 w=-0.5 b=0.5" },
  { N_("Single neuron tanh(wx + b)"), "tanh(w*x + b)", "x=1 w=-0.5 b=0.5" },
  { N_("Product and sine a·b + sin(a)"), "a*b + sin(a)", "a=1 b=-1" },
  { N_("Logistic unit σ(wx + b)"), "sigmoid(w*x + b)", "x=2 w=0.5 b=-1" },
  { N_("Squared distance (x − 3)² + (y + 1)²"), "(x - 3)^2 + (y + 1)^2", "x=0 y=0" },
  /* a program with named values, as in micrograd: z and q are each used
   * twice, so their gradients add up over the paths (docs/demos.md) */
  { N_("Program with named values (micrograd)"),
    "z = 2*x + 2 + x\nq = relu(z) + z*x\nh = relu(z*z)\ny = h + q + q*x",
    "x=2" },
};

struct _DlnGraphPage
{
  DlnDemoPage          parent_instance;

  /* template children */
  DlnFigureView       *view;
  GtkLabel            *step_label;
  GtkTextView         *expr_view;     /* the expression or program */
  GtkLabel            *error_label;
  GtkDropDown         *preset_dropdown;
  GtkBox              *vars_box;
  GtkLabel            *domain_label;
  DlnPlayControls     *controls;
  GtkCheckButton      *local_check;
  GtkLabel            *grad_label;
  GtkLabel            *chain_label;

  /* owned */
  DlnArena            *arena;         /* the last good expression + graph */
  DlnExpr             *expr;
  DlnGraph            *graph;
  DlnFigureGraphData  *fig;           /* what the view draws */
  DlnGraphLayoutCache *cache;
  uint64_t             fingerprint;   /* of the graph fig was built from */
  double               layout_scale;  /* the type scale fig was laid out at */
  GHashTable          *values;        /* variable name -> double[1] */
  GPtrArray           *rows;          /* DlnParamRow per variable */
  gboolean            *value_known;   /* [n_nodes] during a step-through */
  gboolean            *grad_known;
  int                 *plan;          /* forward op ids, then backward ids */
  int                  n_forward, n_plan;
  int                  stage;         /* -1: all computed; else steps done */
  guint                play_id;
  gboolean             applying_preset;
};

G_DEFINE_FINAL_TYPE (DlnGraphPage, dln_graph_page, DLN_TYPE_DEMO_PAGE)

static void refresh_figure (DlnGraphPage *self);
static void preset_selected_cb (DlnGraphPage *self);
static void update_chain_rule (DlnGraphPage *self);

static void
dln_graph_page_dispose (GObject *object)
{
  DlnGraphPage *self = DLN_GRAPH_PAGE (object);

  g_clear_handle_id (&self->play_id, g_source_remove);

  G_OBJECT_CLASS (dln_graph_page_parent_class)->dispose (object);
}

static void
dln_graph_page_finalize (GObject *object)
{
  DlnGraphPage *self = DLN_GRAPH_PAGE (object);

  g_clear_pointer (&self->fig, dln_figure_graph_data_free);
  g_clear_pointer (&self->cache, dln_graph_layout_cache_free);
  g_clear_pointer (&self->arena, dln_arena_free);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->value_known);
  g_free (self->grad_known);
  g_free (self->plan);

  G_OBJECT_CLASS (dln_graph_page_parent_class)->finalize (object);
}

static double
var_value (DlnGraphPage *self,
           const char   *name)
{
  double *v = g_hash_table_lookup (self->values, name);

  return v != NULL ? *v : 1.0;
}

static void
set_var_value (DlnGraphPage *self,
               const char   *name,
               double        value)
{
  double *v = g_hash_table_lookup (self->values, name);

  if (v == NULL)
    {
      v = g_new (double, 1);
      g_hash_table_insert (self->values, g_strdup (name), v);
    }
  *v = value;
}

static double
output_value (DlnGraphPage *self)
{
  int out = dln_graph_output (self->graph);

  return out >= 0 ? dln_graph_node (self->graph, out)->value->data[0] : NAN;
}

/* Forward, zeroed gradients, backward: everything known. */
static void
evaluate_all (DlnGraphPage *self)
{
  int n = dln_graph_n_nodes (self->graph);
  int out = dln_graph_output (self->graph);

  dln_graph_forward (self->graph);
  dln_graph_zero_grad (self->graph);
  if (out >= 0)
    dln_graph_backward (self->graph, out);
  for (int i = 0; i < n; i++)
    {
      self->value_known[i] = TRUE;
      self->grad_known[i] = out >= 0 && dln_graph_is_ancestor (self->graph, i)
                            && dln_graph_node (self->graph, i)->role != DLN_ROLE_CONSTANT;
    }
}

/* The gradient table: autograd against central differences. */
static void
update_gradient_table (DlnGraphPage *self)
{
  g_autoptr (GString) s = g_string_new (NULL);
  int n_vars = dln_expr_n_vars (self->expr);

  g_string_append_printf (s, "f = %.10g\n\n%-3s %10s %10s %8s\n",
                          output_value (self), "", _("autograd"), _("finite diff"),
                          _("rel.diff"));
  for (int i = 0; i < n_vars; i++)
    {
      const DlnNode *node = dln_graph_node (self->graph, i);
      double x = node->value->data[0];
      double h = FD_STEP * MAX (1.0, fabs (x));
      double ad = node->grad->data[0];
      double fp, fm, fd, rel;

      dln_graph_set_scalar (self->graph, i, x + h);
      dln_graph_forward (self->graph);
      fp = output_value (self);
      dln_graph_set_scalar (self->graph, i, x - h);
      dln_graph_forward (self->graph);
      fm = output_value (self);
      dln_graph_set_scalar (self->graph, i, x);
      fd = (fp - fm) / (2 * h);
      rel = fabs (ad - fd) / MAX (1.0, MAX (fabs (ad), fabs (fd)));
      g_string_append_printf (s, "%-3.3s %10.5g %10.5g %8.1e %s\n",
                              node->label, ad, fd, rel,
                              rel <= FD_TOLERANCE ? "✓" : "✗");
    }
  dln_graph_forward (self->graph);
  if (s->len > 0 && s->str[s->len - 1] == '\n')
    g_string_truncate (s, s->len - 1);
  gtk_label_set_text (self->grad_label, s->str);
}

/* --- The chain rule, read off the graph ---
 * For each input, the product of the local derivatives along the path
 * from the output down to it, written with the graph's node names as the
 * course writes ∂f/∂x = (1 − tanh² e)·1/(1 + d)·z·(1/b)·2, then in
 * numbers. Several paths add up; beyond MAX_PATHS only the count shows. */

#define MAX_PATHS 4
#define MAX_PATH_LEN 64

/* The local derivative of a one-input function: a format of one name,
 * the input's, or the node's own (of_output) where the derivative is
 * written through the function's value (exp′ = exp). */
static const struct
{
  const char *format;
  gboolean    of_output;
} unary_symbols[DLN_OP_COUNT] = {
  [DLN_OP_EXP]  = { "%s", TRUE },
  [DLN_OP_LOG]  = { "1/%s", FALSE },
  [DLN_OP_SIN]  = { "cos %s", FALSE },
  [DLN_OP_COS]  = { "−sin %s", FALSE },
  [DLN_OP_TANH] = { "1 − tanh² %s", FALSE },
  [DLN_OP_RELU] = { "[%s > 0]", FALSE },
  [DLN_OP_SQRT] = { "1/(2%s)", TRUE },
  [DLN_OP_ABS]  = { "sign %s", FALSE },
};

/* ∂node/∂inputs[k] in the names of the graph. */
static void
local_symbol (const DlnGraph *g,
              const DlnNode  *node,
              int             k,
              char           *buf,
              size_t          size)
{
  const char *a = dln_graph_node (g, node->inputs[0])->label;
  const char *b = node->n_inputs > 1 ? dln_graph_node (g, node->inputs[1])->label : "";
  const char *n = node->label;

  if (node->op < DLN_OP_COUNT && unary_symbols[node->op].format != NULL)
    {
      g_snprintf (buf, size, unary_symbols[node->op].format,
                  unary_symbols[node->op].of_output ? n : a);
      return;
    }
  switch (node->op)
    {
    case DLN_OP_ADD:
      g_snprintf (buf, size, "1");
      break;
    case DLN_OP_SUB:
      g_snprintf (buf, size, k == 0 ? "1" : "−1");
      break;
    case DLN_OP_MUL:
      g_snprintf (buf, size, "%s", k == 0 ? b : a);
      break;
    case DLN_OP_DIV:
      if (k == 0)
        g_snprintf (buf, size, "1/%s", b);
      else
        g_snprintf (buf, size, "−%s/%s²", a, b);
      break;
    case DLN_OP_NEG:
      g_snprintf (buf, size, "−1");
      break;
    case DLN_OP_POW:
      if (k == 0)
        g_snprintf (buf, size, "%s·%s^(%s − 1)", b, a, b);
      else
        g_snprintf (buf, size, "ln(%s)·%s", a, n);
      break;
    case DLN_OP_SIGMOID:
      g_snprintf (buf, size, "%s(1 − %s)", n, n);
      break;
    case DLN_OP_LEAF:
    case DLN_OP_MATMUL:
    case DLN_OP_SUM:
    case DLN_OP_MEAN:
    case DLN_OP_BROADCAST:
    case DLN_OP_MSE:
    case DLN_OP_COUNT:
    default:
      g_snprintf (buf, size, "∂%s/∂%s", n, k == 0 ? a : b);
      break;
    }
}

typedef struct
{
  int from[MAX_PATH_LEN];  /* node ids, output first */
  int k[MAX_PATH_LEN];     /* which input of from[i] the path takes */
  int len;
} ChainPath;

/* Depth-first from @id down to @target; stores up to MAX_PATHS paths and
 * counts them all (up to MAX_PATHS + 1). */
static void
find_paths (const DlnGraph *g,
            int             id,
            int             target,
            ChainPath      *cur,
            ChainPath      *paths,
            int            *n_paths)
{
  const DlnNode *node = dln_graph_node (g, id);

  if (*n_paths > MAX_PATHS || cur->len >= MAX_PATH_LEN)
    return;
  if (id == target)
    {
      if (*n_paths < MAX_PATHS)
        paths[*n_paths] = *cur;
      (*n_paths)++;
      return;
    }
  for (int k = 0; k < node->n_inputs; k++)
    {
      cur->from[cur->len] = id;
      cur->k[cur->len] = k;
      cur->len++;
      find_paths (g, node->inputs[k], target, cur, paths, n_paths);
      cur->len--;
    }
}

/* A factor joins a product bare when it is one name or number. */
static void
append_factor (GString    *s,
               const char *factor)
{
  gboolean bare = strpbrk (factor, " /·(") == NULL;

  if (s->len > 0 && s->str[s->len - 1] != ' ')
    g_string_append (s, " · ");
  g_string_append_printf (s, bare ? "%s" : "(%s)", factor);
}

static void
update_chain_rule (DlnGraphPage *self)
{
  const DlnGraph *g = self->graph;
  int out = dln_graph_output (g);
  int n_vars = dln_expr_n_vars (self->expr);
  g_autoptr (GString) s = g_string_new (NULL);

  for (int i = 0; i < n_vars && out >= 0; i++)
    {
      ChainPath paths[MAX_PATHS], cur = { { 0 }, { 0 }, 0 };
      int n_paths = 0;
      const char *f = dln_graph_node (g, out)->label;
      const char *x = dln_graph_node (g, i)->label;
      /* "∂f/∂x " is two ∂, a slash, both names and a space wide */
      int indent = (int) (g_utf8_strlen (f, -1) + g_utf8_strlen (x, -1)) + 4;

      find_paths (g, out, i, &cur, paths, &n_paths);
      if (s->len > 0)
        g_string_append (s, "\n");
      if (n_paths == 0)
        {
          g_string_append_printf (s, _("∂%s/∂%s = 0 (no path)"), f, x);
          continue;
        }
      if (n_paths > MAX_PATHS)
        {
          g_string_append_printf (s, _("∂%s/∂%s: a sum over more than %d paths"),
                                  f, x, MAX_PATHS);
          continue;
        }
      for (int p = 0; p < 2; p++)  /* 0: names, 1: numbers */
        {
          if (p == 0)
            g_string_append_printf (s, "∂%s/∂%s = ", f, x);
          else
            g_string_append_printf (s, "%*s= ", indent, "");
          for (int q = 0; q < n_paths; q++)
            {
              GString *term = g_string_new (NULL);

              for (int j = 0; j < paths[q].len; j++)
                {
                  const DlnNode *node = dln_graph_node (g, paths[q].from[j]);
                  char buf[96];

                  /* a factor that is identically 1 (a sum's) is left out */
                  local_symbol (g, node, paths[q].k[j], buf, sizeof buf);
                  if (g_str_equal (buf, "1"))
                    continue;
                  if (p == 1)
                    g_snprintf (buf, sizeof buf, "%.4g", node->local[paths[q].k[j]]);
                  append_factor (term, buf);
                }
              if (term->len == 0)
                g_string_append (term, "1");
              if (q > 0)
                g_string_append (s, " + ");
              g_string_append (s, term->str);
              g_string_free (term, TRUE);
            }
          g_string_append (s, "\n");
        }
      g_string_append_printf (s, "%*s= %.6g", indent, "",
                              dln_graph_node (g, i)->grad->data[0]);
    }
  gtk_label_set_text (self->chain_label, s->str);
}

/* Names the node where the forward pass left the domain, if any. */
static void
update_domain (DlnGraphPage *self)
{
  int bad = dln_graph_first_nonfinite (self->graph);
  const DlnNode *node;
  g_autofree char *text = NULL;

  if (bad < 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->domain_label), FALSE);
      return;
    }
  node = dln_graph_node (self->graph, bad);
  if (node->n_inputs == 2)
    text = g_strdup_printf (_("Outside the domain: node %s = %s %s %s is %g here "
                            "(%s = %.4g, %s = %.4g). Move the sliders back."),
                            node->label,
                            dln_graph_node (self->graph, node->inputs[0])->label,
                            dln_op_info (node->op)->symbol,
                            dln_graph_node (self->graph, node->inputs[1])->label,
                            node->value->data[0],
                            dln_graph_node (self->graph, node->inputs[0])->label,
                            dln_graph_node (self->graph, node->inputs[0])->value->data[0],
                            dln_graph_node (self->graph, node->inputs[1])->label,
                            dln_graph_node (self->graph, node->inputs[1])->value->data[0]);
  else if (node->n_inputs == 1)
    text = g_strdup_printf (_("Outside the domain: node %s = %s(%s) is %g here "
                            "(%s = %.4g). Move the sliders back."),
                            node->label, dln_op_info (node->op)->symbol,
                            dln_graph_node (self->graph, node->inputs[0])->label,
                            node->value->data[0],
                            dln_graph_node (self->graph, node->inputs[0])->label,
                            dln_graph_node (self->graph, node->inputs[0])->value->data[0]);
  else
    text = g_strdup_printf (_("Input %s is not finite."), node->label);
  gtk_label_set_text (self->domain_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->domain_label), TRUE);
}

static void
recompute (DlnGraphPage *self)
{
  int n_vars;

  if (self->graph == NULL)
    return;
  n_vars = dln_expr_n_vars (self->expr);
  for (int i = 0; i < n_vars; i++)
    dln_graph_set_scalar (self->graph, i,
                          var_value (self, dln_expr_var_name (self->expr, i)));
  self->stage = -1;
  evaluate_all (self);
  update_gradient_table (self);
  evaluate_all (self);
  update_domain (self);
  update_chain_rule (self);
  gtk_label_set_text (self->step_label,
                      _("All values and gradients shown. Press ▶| (Ctrl+N) to "
                      "step through the forward pass, then the backward pass."));
  refresh_figure (self);
}

static void
row_value_cb (DlnParamRow  *row,
              GParamSpec   *pspec,
              DlnGraphPage *self)
{
  set_var_value (self, g_object_get_data (G_OBJECT (row), "dln-var"),
                 dln_param_row_get_value (row));
  recompute (self);
}

/* One DlnParamRow per variable, rebuilt only when the names change. */
static void
sync_rows (DlnGraphPage *self)
{
  int n_vars = dln_expr_n_vars (self->expr);
  gboolean same = (guint) n_vars == self->rows->len;
  GtkWidget *child;

  for (int i = 0; same && i < n_vars; i++)
    same = g_str_equal (g_object_get_data (g_ptr_array_index (self->rows, i), "dln-var"),
                        dln_expr_var_name (self->expr, i));
  if (same)
    {
      for (int i = 0; i < n_vars; i++)
        {
          DlnParamRow *row = g_ptr_array_index (self->rows, i);

          g_signal_handlers_block_by_func (row, row_value_cb, self);
          dln_param_row_set_value (row, var_value (self, dln_expr_var_name (self->expr, i)));
          g_signal_handlers_unblock_by_func (row, row_value_cb, self);
        }
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->vars_box))) != NULL)
    gtk_box_remove (self->vars_box, child);
  g_ptr_array_set_size (self->rows, 0);
  for (int i = 0; i < n_vars; i++)
    {
      const char *name = dln_expr_var_name (self->expr, i);
      double v = var_value (self, name);
      double range = MAX (VAR_RANGE, fabs (v));
      GtkWidget *row = dln_param_row_new (name, -range, range, v, FALSE);

      set_var_value (self, name, v);
      g_object_set_data_full (G_OBJECT (row), "dln-var", g_strdup (name), g_free);
      g_signal_connect (row, "notify::value", G_CALLBACK (row_value_cb), self);
      gtk_box_append (self->vars_box, row);
      g_ptr_array_add (self->rows, row);
    }
}

/* The drop-down names a preset only while the entry holds that preset's
 * expression; anything else typed shows no preset. */
static void
sync_preset_selection (DlnGraphPage *self,
                       const char   *text)
{
  guint match = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_str_equal (presets[i].text, text))
      match = i;
  if (gtk_drop_down_get_selected (self->preset_dropdown) == match)
    return;
  g_signal_handlers_block_by_func (self->preset_dropdown, preset_selected_cb, self);
  gtk_drop_down_set_selected (self->preset_dropdown, match);
  g_signal_handlers_unblock_by_func (self->preset_dropdown, preset_selected_cb, self);
}

/* The editor's whole text (a program may span lines). */
static char *
expr_text (DlnGraphPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->expr_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Parses the editor's text; a failure is shown under it at its line and
 * column, and the last good graph stays on screen. */
static void
expr_changed_cb (DlnGraphPage *self)
{
  g_autofree char *text = expr_text (self);
  DlnArena *arena = dln_arena_new (ARENA_BYTES);
  DlnMessage msg = { { 0 }, 0 };
  DlnExpr *expr = NULL;
  DlnGraph *graph = NULL;
  DlnStatus status;
  int n;

  status = dln_expr_parse (text, arena, &expr, &msg);
  if (status == DLN_STATUS_OK)
    status = dln_expr_to_graph (expr, arena, &graph, &msg);
  if (status == DLN_STATUS_OK && dln_graph_output (graph) < 0)
    {
      status = DLN_STATUS_INVALID_INPUT;
      dln_message_set (&msg, 0, _("the expression has no output"));
    }

  if (status != DLN_STATUS_OK)
    {
      g_autofree char *shown = dln_ui_expr_error_text (text, &msg);

      dln_ui_show_input_error (self->error_label,
                               GTK_WIDGET (self->expr_view), shown);
      if (!self->applying_preset)
        sync_preset_selection (self, text);
      dln_arena_free (arena);
      return;
    }

  dln_ui_show_input_error (self->error_label, GTK_WIDGET (self->expr_view),
                           NULL);
  dln_demo_page_set_playing (DLN_DEMO_PAGE (self), FALSE);

  /* The figure data points into the old graph only through copies, so the
   * old arena can go once the new graph is in. */
  self->expr = expr;
  self->graph = graph;
  g_clear_pointer (&self->arena, dln_arena_free);
  self->arena = arena;
  n = dln_graph_n_nodes (graph);
  self->value_known = g_renew (gboolean, self->value_known, n);
  self->grad_known = g_renew (gboolean, self->grad_known, n);
  self->plan = g_renew (int, self->plan, 2 * n);
  self->fingerprint = 0;

  if (!self->applying_preset)
    sync_preset_selection (self, text);
  sync_rows (self);
  recompute (self);
}

/* Rebuilds the figure data on a structure change, else updates values;
 * then hides what the step-through has not computed yet. */
static void
refresh_figure (DlnGraphPage *self)
{
  uint64_t fp = dln_graph_fingerprint (self->graph);
  gboolean show_local = gtk_check_button_get_active (self->local_check);
  int n = dln_graph_n_nodes (self->graph);
  int current = -1;

  double type_scale = dln_figure_view_get_type_scale (self->view);

  if (self->fig == NULL || fp != self->fingerprint
      || self->fig->show_local != show_local
      || self->layout_scale != type_scale)
    {
      DlnFigureStyle style;
      DlnMessage msg = { { 0 }, 0 };

      g_clear_pointer (&self->fig, dln_figure_graph_data_free);
      self->fig = dln_figure_graph_data_from_graph (self->graph);
      /* presented on a wide screen (a larger type scale), the chain
       * runs left to right, where there is room for it, in two rows so
       * its text is as large as the rest of the presentation's */
      self->fig->direction = type_scale > 1.0 ? DLN_GRAPH_LAYOUT_LEFT_RIGHT
                                              : DLN_GRAPH_LAYOUT_TOP_BOTTOM;
      self->fig->fold = type_scale > 1.0;
      self->fig->show_local = show_local;
      self->fingerprint = fp;
      /* Node sizes depend on fonts, not colours: measure with light, at
       * the view's type scale (presentation mode). */
      dln_figure_style_init (&style, DLN_THEME_LIGHT);
      dln_figure_style_scale (&style, type_scale);
      self->layout_scale = type_scale;
      if (dln_figure_graph_layout (self->cache, &style, self->fig, &msg) != DLN_STATUS_OK)
        g_message ("graph layout failed: %s", msg.text);
      dln_figure_view_set_figure (self->view,
                                  (DlnFigureRenderFunc) dln_figure_graph_render,
                                  dln_figure_graph_csv, self->fig);
    }
  else
    dln_figure_graph_data_update (self->fig, self->graph);

  for (size_t i = 0; i < self->fig->n_nodes; i++)
    {
      DlnFigureGraphNode *fn = &self->fig->nodes[i];
      int src = fn->source;

      fn->highlight = FALSE;
      if (src < 0 || src >= n)
        continue;
      if (!self->value_known[src])
        fn->value = NAN;
      if (!self->grad_known[src])
        fn->grad = NAN;
    }
  for (size_t e = 0; e < self->fig->n_edges; e++)
    {
      DlnFigureGraphEdge *edge = &self->fig->edges[e];
      int src = self->fig->nodes[edge->to].source;

      edge->highlight = FALSE;
      if (src >= 0 && src < n && !self->value_known[src])
        edge->local = NAN;
    }
  if (self->stage > 0)
    {
      current = self->plan[self->stage - 1];
      if (self->stage > self->n_forward && dln_graph_output (self->graph) >= 0)
        dln_figure_graph_highlight_path (self->fig, (size_t) current,
                                         (size_t) dln_graph_output (self->graph));
    }
  self->fig->current = current;
  dln_figure_view_queue_render (self->view);
}

static void
format_forward (DlnGraphPage *self,
                GString      *s,
                int           id)
{
  const DlnNode *node = dln_graph_node (self->graph, id);
  const DlnOpInfo *info = dln_op_info (node->op);
  const DlnNode *a = dln_graph_node (self->graph, node->inputs[0]);

  if (node->n_inputs == 2 && node->op != DLN_OP_MSE && node->op != DLN_OP_MATMUL)
    {
      const DlnNode *b = dln_graph_node (self->graph, node->inputs[1]);

      g_string_append_printf (s, _("Forward: %s = %s %s %s = %.6g %s %.6g = %.6g"),
                              node->label, a->label, info->symbol, b->label,
                              a->value->data[0], info->symbol, b->value->data[0],
                              node->value->data[0]);
    }
  else if (node->n_inputs == 2)
    {
      const DlnNode *b = dln_graph_node (self->graph, node->inputs[1]);

      g_string_append_printf (s, _("Forward: %s = %s(%s, %s) = %s(%.6g, %.6g) = %.6g"),
                              node->label, info->symbol, a->label, b->label,
                              info->symbol, a->value->data[0], b->value->data[0],
                              node->value->data[0]);
    }
  else
    g_string_append_printf (s, _("Forward: %s = %s(%s) = %s(%.6g) = %.6g"),
                            node->label, info->symbol, a->label, info->symbol,
                            a->value->data[0], node->value->data[0]);
}

static void
format_backward (DlnGraphPage *self,
                 GString      *s,
                 int           id)
{
  const DlnNode *node = dln_graph_node (self->graph, id);
  const char *out = dln_graph_node (self->graph, dln_graph_output (self->graph))->label;
  double g = node->grad->data[0];

  g_string_append_printf (s, _("Backward through %s (∂%s/∂%s = %.6g):"),
                          node->label, out, node->label, g);
  for (int k = 0; k < node->n_inputs; k++)
    {
      const DlnNode *in = dln_graph_node (self->graph, node->inputs[k]);
      double running = in->grad->data[0];

      if (in->role == DLN_ROLE_CONSTANT)
        continue;
      /* A value used twice here (z·z) gets both additions in this step:
       * show the running sum after each, not the final one twice. */
      for (int j = k + 1; j < node->n_inputs; j++)
        if (node->inputs[j] == node->inputs[k])
          running -= g * node->local[j];
      g_string_append_printf (s, _("\n  ∂%s/∂%s += ∂%s/∂%s · ∂%s/∂%s = %.6g × %.6g = %.6g"
                                 "   (∂%s/∂%s is now %.6g)"),
                              out, in->label, out, node->label, node->label, in->label,
                              g, node->local[k], g * node->local[k],
                              out, in->label, running);
    }
}

/* Builds the step plan: op ids ascending (forward), then the output's op
 * ancestors descending (backward). */
static void
make_plan (DlnGraphPage *self)
{
  int n = dln_graph_n_nodes (self->graph);
  int out = dln_graph_output (self->graph);

  self->n_plan = 0;
  for (int i = 0; i < n; i++)
    if (dln_graph_node (self->graph, i)->op != DLN_OP_LEAF)
      self->plan[self->n_plan++] = i;
  self->n_forward = self->n_plan;
  dln_graph_backward_begin (self->graph, out);
  for (int i = out; i >= 0; i--)
    if (dln_graph_node (self->graph, i)->op != DLN_OP_LEAF
        && dln_graph_is_ancestor (self->graph, i))
      self->plan[self->n_plan++] = i;
}

/* Stage 0: only the leaves are known. */
static void
begin_steps (DlnGraphPage *self)
{
  int n = dln_graph_n_nodes (self->graph);

  make_plan (self);
  dln_graph_zero_grad (self->graph);
  for (int i = 0; i < n; i++)
    {
      self->value_known[i] = dln_graph_node (self->graph, i)->op == DLN_OP_LEAF;
      self->grad_known[i] = FALSE;
    }
  self->stage = 0;
  gtk_label_set_text (self->step_label,
                      _("Step-through: only the inputs are known. Each step "
                      "computes one node (forward), then propagates one "
                      "node's gradient to its inputs (backward)."));
  refresh_figure (self);
}

/* Takes step number self->stage of the plan, describing it in @s. */
static void
take_step (DlnGraphPage *self,
           GString      *s)
{
  int id = self->plan[self->stage];

  if (self->stage < self->n_forward)
    {
      dln_graph_forward_node (self->graph, id);
      self->value_known[id] = TRUE;
      format_forward (self, s, id);
    }
  else
    {
      int out = dln_graph_output (self->graph);

      if (self->stage == self->n_forward)
        {
          dln_graph_zero_grad (self->graph);
          dln_graph_backward_begin (self->graph, out);
          self->grad_known[out] = TRUE;
          g_string_append_printf (s, _("Seed: ∂%s/∂%s = 1.  "),
                                  dln_graph_node (self->graph, out)->label,
                                  dln_graph_node (self->graph, out)->label);
        }
      dln_graph_backward_node (self->graph, id);
      for (int k = 0; k < dln_graph_node (self->graph, id)->n_inputs; k++)
        {
          int in = dln_graph_node (self->graph, id)->inputs[k];

          if (dln_graph_node (self->graph, in)->role != DLN_ROLE_CONSTANT)
            self->grad_known[in] = TRUE;
        }
      format_backward (self, s, id);
    }
  self->stage++;
  if (self->stage == self->n_plan)
    g_string_append (s, _("\nDone: every gradient is a sum, over the paths "
                        "to the output, of products of local derivatives "
                        "(a value used twice adds up both paths: +=)."));
}

/* Takes the plan's steps up to number @target, showing what the last
 * one did. */
static void
steps_to (DlnGraphPage *self,
          int           target)
{
  g_autoptr (GString) s = g_string_new (NULL);

  while (self->stage < target)
    {
      g_string_truncate (s, 0);
      take_step (self, s);
    }
  gtk_label_set_text (self->step_label, s->str);
  refresh_figure (self);
}

static void
dln_graph_page_step (DlnDemoPage *page)
{
  DlnGraphPage *self = DLN_GRAPH_PAGE (page);

  if (self->graph == NULL)
    return;
  if (self->stage < 0 || self->stage >= self->n_plan)
    {
      begin_steps (self);
      return;
    }
  steps_to (self, self->stage + 1);
  if (self->stage == self->n_plan)
    dln_demo_page_set_playing (page, FALSE);
}

/* Undoes the last step by replaying the ones before it from the inputs:
 * a backward step accumulates (+=) into several gradients, so replaying
 * is simpler and exact where subtracting would not be. */
static void
dln_graph_page_step_back (DlnDemoPage *page)
{
  DlnGraphPage *self = DLN_GRAPH_PAGE (page);
  int target;

  if (self->graph == NULL || self->stage <= 0)
    return;
  target = self->stage - 1;
  begin_steps (self);
  if (target > 0)
    steps_to (self, target);
}

static void
dln_graph_page_reset (DlnDemoPage *page)
{
  DlnGraphPage *self = DLN_GRAPH_PAGE (page);

  if (self->graph != NULL)
    begin_steps (self);
}

static gboolean
play_tick (gpointer user_data)
{
  dln_graph_page_step (DLN_DEMO_PAGE (user_data));
  return G_SOURCE_CONTINUE;
}

static void
dln_graph_page_set_playing (DlnDemoPage *page,
                            gboolean     playing)
{
  DlnGraphPage *self = DLN_GRAPH_PAGE (page);

  g_clear_handle_id (&self->play_id, g_source_remove);
  if (playing)
    {
      if (self->stage < 0 || self->stage >= self->n_plan)
        begin_steps (self);
      self->play_id = g_timeout_add (PLAY_INTERVAL, play_tick, self);
    }
  DLN_DEMO_PAGE_CLASS (dln_graph_page_parent_class)->set_playing (page, playing);
}

static void
apply_preset (DlnGraphPage *self,
              guint         i)
{
  g_auto (GStrv) pairs = NULL;

  if (i >= G_N_ELEMENTS (presets))
    return;
  pairs = g_strsplit (presets[i].values, " ", -1);
  for (int k = 0; pairs[k] != NULL; k++)
    {
      char *eq = strchr (pairs[k], '=');

      if (eq == NULL)
        continue;
      *eq = '\0';
      set_var_value (self, pairs[k], g_ascii_strtod (eq + 1, NULL));
    }
  self->applying_preset = TRUE;
  {
    g_autofree char *now = expr_text (self);

    if (g_strcmp0 (now, presets[i].text) == 0)
      expr_changed_cb (self);
    else
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->expr_view),
                                presets[i].text, -1);
  }
  self->applying_preset = FALSE;
}

static void
preset_selected_cb (DlnGraphPage *self)
{
  apply_preset (self, gtk_drop_down_get_selected (self->preset_dropdown));
}

static char *
readout_cb (DlnFigureView           *view,
            const DlnFigureGeometry *geom,
            int                      panel,
            double                   x,
            double                   y,
            double                   px,
            double                   py,
            gpointer                 user_data)
{
  DlnGraphPage *self = user_data;
  const DlnFigureGraphNode *fn;
  const DlnNode *node;
  int hit;

  if (panel < 0 || self->fig == NULL || self->graph == NULL)
    return NULL;
  hit = dln_figure_graph_hit (self->fig, &geom->panels[panel], px, py);
  if (hit < 0)
    return NULL;
  fn = &self->fig->nodes[hit];
  if (fn->source < 0 || fn->source >= dln_graph_n_nodes (self->graph))
    return NULL;
  node = dln_graph_node (self->graph, fn->source);
  if (fn->kind == DLN_FIGURE_GRAPH_OP)
    return g_strdup_printf (_("operation %s → %s (%s)"), dln_op_info (node->op)->symbol,
                            node->label, dln_op_info (node->op)->name);
  return g_strdup_printf (_("%s (%s)   value = %.10g\n∂%s/∂%s = %.10g"),
                          node->label, _(dln_role_name (node->role)),
                          node->value->data[0],
                          dln_graph_node (self->graph, dln_graph_output (self->graph))->label,
                          node->label, node->grad->data[0]);
}

/* A session keeps the variables' values beside the named controls (the
 * preset and the typed program): the rows are made per program. */
static void
dln_graph_page_save_state (DlnDemoPage  *page,
                           GVariantDict *state)
{
  DlnGraphPage *self = DLN_GRAPH_PAGE (page);
  GVariantBuilder vars;

  g_variant_builder_init (&vars, G_VARIANT_TYPE ("a{sd}"));
  for (int i = 0; self->expr != NULL && i < dln_expr_n_vars (self->expr); i++)
    {
      const char *name = dln_expr_var_name (self->expr, i);

      g_variant_builder_add (&vars, "{sd}", name, var_value (self, name));
    }
  g_variant_dict_insert_value (state, "variables",
                               g_variant_builder_end (&vars));
  DLN_DEMO_PAGE_CLASS (dln_graph_page_parent_class)->save_state (page, state);
}

/* The program first (a preset brings its own values), then the values. */
static gboolean
dln_graph_page_load_state (DlnDemoPage   *page,
                           GVariantDict  *state,
                           gboolean       apply,
                           GError       **error)
{
  DlnGraphPage *self = DLN_GRAPH_PAGE (page);
  g_autoptr(GVariant) vars = g_variant_dict_lookup_value (state, "variables",
                                                          NULL);
  GVariantIter iter;
  const char *name;
  double v;

  if (vars != NULL && !g_variant_is_of_type (vars, G_VARIANT_TYPE ("a{sd}")))
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   "state.variables: expected names and values (a{sd})");
      return FALSE;
    }
  g_variant_dict_remove (state, "variables");
  if (!DLN_DEMO_PAGE_CLASS (dln_graph_page_parent_class)->load_state (page,
                                                                      state,
                                                                      apply,
                                                                      error))
    return FALSE;
  if (!apply || vars == NULL)
    return TRUE;
  g_variant_iter_init (&iter, vars);
  while (g_variant_iter_next (&iter, "{&sd}", &name, &v))
    if (isfinite (v))
      set_var_value (self, name, v);
  if (self->expr != NULL)
    {
      sync_rows (self);
      recompute (self);
    }
  return TRUE;
}

static void
dln_graph_page_class_init (DlnGraphPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);

  object_class->dispose = dln_graph_page_dispose;
  object_class->finalize = dln_graph_page_finalize;
  page_class->step = dln_graph_page_step;
  page_class->step_back = dln_graph_page_step_back;
  page_class->reset = dln_graph_page_reset;
  page_class->set_playing = dln_graph_page_set_playing;
  page_class->save_state = dln_graph_page_save_state;
  page_class->load_state = dln_graph_page_load_state;

  dln_demo_page_class_set_template (page_class, "dln-graph-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlnGraphPage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnGraphPage, step_label);
  gtk_widget_class_bind_template_child (widget_class, DlnGraphPage, expr_view);
  gtk_widget_class_bind_template_child (widget_class, DlnGraphPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, DlnGraphPage, preset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlnGraphPage, vars_box);
  gtk_widget_class_bind_template_child (widget_class, DlnGraphPage, domain_label);
  gtk_widget_class_bind_template_child (widget_class, DlnGraphPage, controls);
  gtk_widget_class_bind_template_child (widget_class, DlnGraphPage, local_check);
  gtk_widget_class_bind_template_child (widget_class, DlnGraphPage, grad_label);
  gtk_widget_class_bind_template_child (widget_class, DlnGraphPage, chain_label);
}

/* "Export as Python script": the catalogue's "graph" options, the last
 * good expression at the sliders' values (the script runs both passes). */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnGraphPage *self = user_data;
  g_autoptr (GString) at = g_string_new (NULL);
  DlnMessage msg = { { 0 }, 0 };
  DlnStatus status;

  if (self->expr == NULL)
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   _("Type an expression first"));
      return FALSE;
    }
  for (int i = 0; i < dln_expr_n_vars (self->expr); i++)
    {
      const char *name = dln_expr_var_name (self->expr, i);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (at, "%s%s=%s", i > 0 ? "," : "", name,
                              dln_figure_python_format_double (
                                buf, var_value (self, name)));
    }
  status = dln_figure_args_set (args, "expr", dln_expr_text (self->expr),
                                &msg);
  if (status == DLN_STATUS_OK)
    status = dln_figure_args_set (args, "at", at->str, &msg);
  return dln_ui_status_to_error (status, &msg, NULL, error);
}

static void
dln_graph_page_init (DlnGraphPage *self)
{
  g_autoptr (GtkStringList) titles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rows = g_ptr_array_new ();
  self->cache = dln_graph_layout_cache_new ();
  self->stage = -1;

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    gtk_string_list_append (titles, _(presets[i].title));
  gtk_drop_down_set_model (self->preset_dropdown, G_LIST_MODEL (titles));

  dln_figure_view_set_readout_func (self->view, readout_cb, self, NULL);
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->view);
  dln_figure_view_set_python (self->view, "graph", python_args_cb, self);
  g_object_bind_property (self, "playing", self->controls, "playing",
                          G_BINDING_SYNC_CREATE);

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->expr_view),
                            "changed", G_CALLBACK (expr_changed_cb), self);
  /* the layout measures text at the size the view draws it */
  g_signal_connect_swapped (self->view, "notify::type-scale",
                            G_CALLBACK (refresh_figure), self);
  g_signal_connect_swapped (self->preset_dropdown, "notify::selected",
                            G_CALLBACK (preset_selected_cb), self);
  g_signal_connect_swapped (self->local_check, "toggled",
                            G_CALLBACK (refresh_figure), self);
  apply_preset (self, 0);
}
