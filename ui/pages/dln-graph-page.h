#pragma once

#include "dln-demo-page.h"

G_BEGIN_DECLS

/* D02 (with D03's neuron as a preset): type any scalar expression, set
 * each variable with a slider, see its autograd graph with every value and
 * gradient, step forward and backward through it with a chain-rule caption,
 * and compare autograd's gradient with central finite differences. */

#define DLN_TYPE_GRAPH_PAGE (dln_graph_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnGraphPage, dln_graph_page, DLN, GRAPH_PAGE, DlnDemoPage)

G_END_DECLS
