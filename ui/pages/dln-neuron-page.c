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
  DlnNeuronNodes       n;         /* node ids */
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

/* Rebuilds the figure data from the graph's current values and grads. */
static void
refresh (DlnNeuronPage *self)
{
  DlnNeuronCheckData *d = dln_neuron_check_data_new (self->graph, &self->n);
  DlnFigureStyle style;
  DlnMessage msg = { { 0 }, 0 };
  g_autoptr (GString) s = g_string_new (NULL);
  g_autoptr (GString) ops = g_string_new (_("Operation tags:\n"));

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
                   d->yhat, d->loss, self->backwards);
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
  dln_graph_set_scalar (self->graph, self->n.x, dln_param_row_get_value (self->x_row));
  dln_graph_set_scalar (self->graph, self->n.y, dln_param_row_get_value (self->y_row));
  dln_graph_set_scalar (self->graph, self->n.w, dln_param_row_get_value (self->w_row));
  dln_graph_set_scalar (self->graph, self->n.b, dln_param_row_get_value (self->b_row));
  dln_graph_forward (self->graph);
}

/* A slider moved: a fresh forward, zero_grad and one backward pass. */
static void
params_changed_cb (DlnNeuronPage *self)
{
  forward (self);
  dln_graph_zero_grad (self->graph);
  dln_graph_backward (self->graph, self->n.loss);
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

  dln_graph_backward (self->graph, self->n.loss);
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
  /* the sliders start at the course's values, as the catalogue's options */
  dln_param_row_set_value (self->x_row, DLN_NEURON_X);
  dln_param_row_set_value (self->y_row, DLN_NEURON_Y);
  dln_param_row_set_value (self->w_row, DLN_NEURON_W);
  dln_param_row_set_value (self->b_row, DLN_NEURON_B);
  if (dln_graph_build_neuron (g, DLN_NEURON_X, DLN_NEURON_Y, DLN_NEURON_W,
                              DLN_NEURON_B, &self->n) != DLN_STATUS_OK)
    g_error ("the neuron's graph does not fit its arena");
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
