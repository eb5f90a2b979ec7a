#define G_LOG_DOMAIN "dln-neuron-page-actions"

#include "config.h"

#include "dln-neuron-page-private.h"

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  dln_neuron_page_forward (DLN_NEURON_PAGE (widget));
}

static void
backward_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  dln_neuron_page_backward (DLN_NEURON_PAGE (widget));
}

static void
zero_grad_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  dln_neuron_page_zero_grad (DLN_NEURON_PAGE (widget));
}

/* neuron.forward, neuron.backward (also demo.step, Ctrl+N) and
 * neuron.zero-grad (also demo.reset, Ctrl+R): the page's three buttons. */
void
dln_neuron_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "neuron.forward", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "neuron.backward", NULL, backward_action);
  gtk_widget_class_install_action (widget_class, "neuron.zero-grad", NULL, zero_grad_action);
}
