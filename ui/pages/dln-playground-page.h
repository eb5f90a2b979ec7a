#pragma once

#include "dln-demo-page.h"

G_BEGIN_DECLS

/* --- D12 Hyperparameter playground (docs/demos.md) ---
 * The deep narrow chain (depth + 1 weights, 600 epochs, fresh data from
 * the seed) with depth, η and the initial weight free. Properties (saved
 * in sessions): "depth", "lr", "init-weight", "seed" and the read-only
 * "weights". */

#define DLN_TYPE_PLAYGROUND_PAGE (dln_playground_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnPlaygroundPage, dln_playground_page, DLN, PLAYGROUND_PAGE, DlnDemoPage)

/* --- Actions (dln-playground-page-actions.c) --- */
void     dln_playground_page_class_actions_init (GtkWidgetClass *widget_class);

G_END_DECLS
