#pragma once

#include "dln-neuron-page.h"

G_BEGIN_DECLS

void dln_neuron_page_class_actions_init (GtkWidgetClass *widget_class);
void dln_neuron_page_forward            (DlnNeuronPage  *self);
void dln_neuron_page_backward           (DlnNeuronPage  *self);
void dln_neuron_page_zero_grad          (DlnNeuronPage  *self);

G_END_DECLS
