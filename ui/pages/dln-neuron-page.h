#pragma once

#include "dln-demo-page.h"

G_BEGIN_DECLS

/* D03: one neuron ŷ = tanh(w·x + b) with L = (y − ŷ)²: its graph, the
 * prediction and loss, and hand-derived against reverse-mode gradients,
 * with Forward, Backward (which accumulates) and Zero gradients. */

#define DLN_TYPE_NEURON_PAGE (dln_neuron_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnNeuronPage, dln_neuron_page, DLN, NEURON_PAGE, DlnDemoPage)

G_END_DECLS
