#define G_LOG_DOMAIN "dln-neuron-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-neuron-page.h"

#include "dln-arena.h"
#include "dln-figure-gradients.h"
#include "dln-figure-python.h"
#include "dln-graph.h"
#include "dln-param-row.h"
#include "dln-ui-error.h"

#include <math.h>

/* Analytic and reverse-mode gradients evaluate the same products in a
 * different order: they differ by a few ulps, so 1e-12 relative still
 * flags any real error (a missing factor or a second backward is O(1)). */
#define MATCH_TOLERANCE 1e-12

struct _DlnNeuronPage
{
  DlnDemoPage          parent_instance;

  /* template children */
  DlnFigureView       *view;
  DlnParamRow         *x_row;
  DlnParamRow         *y_row;
  DlnParamRow         *w_row;
  DlnParamRow         *b_row;
  GtkLabel            *status_label;
  GtkLabel            *ops_label;

  /* owned */
  DlnArena            *arena;
  DlnGraph            *graph;
  int                  nx, ny, nw, nb, np, nl;  /* node ids */
  DlnNeuronCheckData  *data;
  DlnGraphLayoutCache *cache;     /* kept across data rebuilds */
  int                  backwards; /* backward passes since zero_grad */
};

G_DEFINE_FINAL_TYPE (DlnNeuronPage, dln_neuron_page, DLN_TYPE_DEMO_PAGE)

static void
free_data (DlnNeuronCheckData *data)
{
  if (data != NULL)
    data->cache = NULL;  /* the page's, not the data's */
  dln_neuron_check_data_free (data);
}

static void
dln_neuron_page_finalize (GObject *object)
{
  DlnNeuronPage *self = DLN_NEURON_PAGE (object);

  g_clear_pointer (&self->data, free_data);
  g_clear_pointer (&self->cache, dln_graph_layout_cache_free);
  g_clear_pointer (&self->arena, dln_arena_free);

  G_OBJECT_CLASS (dln_neuron_page_parent_class)->finalize (object);
}

static double
node_value (DlnNeuronPage *self,
            int            id)
{
  return dln_graph_node (self->graph, id)->value->data[0];
}

static double
node_grad (DlnNeuronPage *self,
           int            id)
{
  return dln_graph_node (self->graph, id)->grad->data[0];
}

/* Rebuilds the figure data from the graph's current values and grads. */
static void
refresh (DlnNeuronPage *self)
{
  DlnNeuronCheckData *d = g_new0 (DlnNeuronCheckData, 1);
  DlnFigureStyle style;
  DlnMessage msg = { { 0 }, 0 };
  double x = node_value (self, self->nx), y = node_value (self, self->ny);
  double yhat = node_value (self, self->np);
  double dyhat = -2.0 * (y - yhat) * (1.0 - yhat * yhat);
  g_autoptr (GString) s = g_string_new (NULL);
  g_autoptr (GString) ops = g_string_new (_("Operation tags:\n"));

  g_strlcpy (d->title, _("Single neuron: hand-derived vs reverse-mode gradients"),
             sizeof d->title);
  d->x = x;
  d->y = y;
  d->w0 = node_value (self, self->nw);
  d->b0 = node_value (self, self->nb);
  d->yhat = yhat;
  d->loss = node_value (self, self->nl);
  d->n_grads = 2;
  g_strlcpy (d->grads[0].name, "w", sizeof d->grads[0].name);
  d->grads[0].analytic = x * dyhat;          /* −2x(y − ŷ)(1 − ŷ²) */
  d->grads[0].autograd = node_grad (self, self->nw);
  g_strlcpy (d->grads[1].name, "b", sizeof d->grads[1].name);
  d->grads[1].analytic = dyhat;              /* −2(y − ŷ)(1 − ŷ²) */
  d->grads[1].autograd = node_grad (self, self->nb);
  d->tolerance = MATCH_TOLERANCE;
  d->graph = dln_figure_graph_data_from_graph (self->graph);
  /* top to bottom: the chain is six ranks deep, so in the tall figure
   * it keeps a readable size (left to right it was a thin strip) */
  d->graph->direction = DLN_GRAPH_LAYOUT_TOP_BOTTOM;
  d->graph->show_local = true;
  d->graph->legend = false;
  /* measured at the size the view draws its text (presentation mode) */
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  dln_figure_style_scale (&style, dln_figure_view_get_type_scale (self->view));
  dln_figure_graph_layout (self->cache, &style, d->graph, &msg);
  d->cache = self->cache;

  dln_figure_view_set_figure (self->view,
                              (DlnFigureRenderFunc) dln_figure_neuron_check_render,
                              dln_figure_neuron_check_csv, d);
  g_clear_pointer (&self->data, free_data);
  self->data = d;

  g_string_printf (s, _("ŷ = %.10g\nL = %.10g\nbackward passes since zero: %d"),
                   yhat, d->loss, self->backwards);
  if (self->backwards > 1)
    g_string_append_printf (s, _("\nGradients accumulated %d times: autograd shows "
                               "%d× the hand value."), self->backwards, self->backwards);
  else if (self->backwards == 0)
    g_string_append (s, _("\nNo backward pass yet: autograd's gradients are 0."));
  gtk_label_set_text (self->status_label, s->str);

  for (int i = 0; i < dln_graph_n_nodes (self->graph); i++)
    {
      const DlnNode *n = dln_graph_node (self->graph, i);

      if (n->op == DLN_OP_LEAF)
        g_string_append_printf (ops, _("%s: leaf (%s)\n"), n->label, _(dln_role_name (n->role)));
      else
        g_string_append_printf (ops, _("%s: %s node\n"), n->label, dln_op_info (n->op)->name);
    }
  g_string_truncate (ops, ops->len - 1);
  gtk_label_set_text (self->ops_label, ops->str);
}

static void
forward (DlnNeuronPage *self)
{
  dln_graph_set_scalar (self->graph, self->nx, dln_param_row_get_value (self->x_row));
  dln_graph_set_scalar (self->graph, self->ny, dln_param_row_get_value (self->y_row));
  dln_graph_set_scalar (self->graph, self->nw, dln_param_row_get_value (self->w_row));
  dln_graph_set_scalar (self->graph, self->nb, dln_param_row_get_value (self->b_row));
  dln_graph_forward (self->graph);
}

/* A slider moved: a fresh forward, zero_grad and one backward pass. */
static void
params_changed_cb (DlnNeuronPage *self)
{
  forward (self);
  dln_graph_zero_grad (self->graph);
  dln_graph_backward (self->graph, self->nl);
  self->backwards = 1;
  refresh (self);
}

/* forward / backward / zero_grad: the page's three buttons' actions */
static void
dln_neuron_page_forward (DlnNeuronPage *self)
{
  forward (self);
  refresh (self);
}

/* backward is also demo.step (Ctrl+N), zero_grad also demo.reset
 * (Ctrl+R) */
static void
dln_neuron_page_backward (DlnDemoPage *page)
{
  DlnNeuronPage *self = DLN_NEURON_PAGE (page);

  dln_graph_backward (self->graph, self->nl);
  self->backwards++;
  refresh (self);
}

static void
dln_neuron_page_zero_grad (DlnDemoPage *page)
{
  DlnNeuronPage *self = DLN_NEURON_PAGE (page);

  dln_graph_zero_grad (self->graph);
  self->backwards = 0;
  refresh (self);
}

/* "Export as Python script": the catalogue's "neuron-check" options, the
 * values the figure shows (the script runs one backward pass). */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnNeuronPage *self = user_data;
  const char *names[] = { "x", "y", "w", "b" };
  double values[] = { self->data->x, self->data->y, self->data->w0,
                      self->data->b0 };

  return dln_demo_page_python_doubles (args, names, values,
                                       G_N_ELEMENTS (names), error);
}

static void
dln_neuron_page_class_init (DlnNeuronPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);

  object_class->finalize = dln_neuron_page_finalize;
  page_class->step = dln_neuron_page_backward;
  page_class->reset = dln_neuron_page_zero_grad;

  dln_demo_page_class_set_template (page_class, "dln-neuron-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlnNeuronPage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnNeuronPage, x_row);
  gtk_widget_class_bind_template_child (widget_class, DlnNeuronPage, y_row);
  gtk_widget_class_bind_template_child (widget_class, DlnNeuronPage, w_row);
  gtk_widget_class_bind_template_child (widget_class, DlnNeuronPage, b_row);
  gtk_widget_class_bind_template_child (widget_class, DlnNeuronPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, DlnNeuronPage, ops_label);

  /* neuron.forward, neuron.backward (also demo.step, Ctrl+N) and
   * neuron.zero-grad (also demo.reset, Ctrl+R) */
  dln_demo_page_class_install_method_action (page_class, "neuron.forward",
    G_CALLBACK (dln_neuron_page_forward));
  dln_demo_page_class_install_method_action (page_class, "neuron.backward",
    G_CALLBACK (dln_neuron_page_backward));
  dln_demo_page_class_install_method_action (page_class, "neuron.zero-grad",
    G_CALLBACK (dln_neuron_page_zero_grad));
}

static void
dln_neuron_page_init (DlnNeuronPage *self)
{
  DlnGraph *g;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* ŷ = tanh(w·x + b), L = (y − ŷ)², as the course builds it */
  self->arena = dln_arena_new (1u << 18);
  self->graph = g = dln_graph_new (self->arena, 32);
  self->nx = dln_graph_scalar (g, "x", DLN_ROLE_INPUT, 1.0);
  self->ny = dln_graph_scalar (g, "y", DLN_ROLE_INPUT, 7.0);
  self->nw = dln_graph_scalar (g, "w", DLN_ROLE_PARAMETER, -0.5);
  self->nb = dln_graph_scalar (g, "b", DLN_ROLE_PARAMETER, 0.5);
  self->np = dln_graph_unary (g, DLN_OP_TANH,
                              dln_graph_binary (g, DLN_OP_ADD,
                                                dln_graph_binary (g, DLN_OP_MUL,
                                                                  self->nw, self->nx),
                                                self->nb));
  self->nl = dln_graph_binary (g, DLN_OP_POW,
                               dln_graph_binary (g, DLN_OP_SUB, self->ny, self->np),
                               dln_graph_constant (g, 2.0));
  g_assert (self->nl >= 0 && dln_graph_status (g) == DLN_STATUS_OK);
  dln_graph_set_label (g, self->np, "ŷ");
  dln_graph_set_label (g, self->nl, "L");
  dln_graph_set_output (g, self->nl);
  dln_graph_label_intermediates (g);
  self->cache = dln_graph_layout_cache_new ();

  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->view);
  dln_figure_view_set_python (self->view, "neuron-check", python_args_cb, self);
  g_signal_connect_swapped (self->view, "notify::type-scale",
                            G_CALLBACK (params_changed_cb), self);
  dln_demo_page_connect_controls (DLN_DEMO_PAGE (self),
                                  G_CALLBACK (params_changed_cb), self->x_row,
                                  self->y_row, self->w_row, self->b_row, NULL);
  params_changed_cb (self);
}
