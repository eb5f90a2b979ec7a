#pragma once

#include "dln-chain-page.h"

G_BEGIN_DECLS

/* --- D12 Hyperparameter playground (docs/demos.md) ---
 * The chain with depth + 1 weights and every setting free: "depth"
 * (10 … 50 in steps of 5), "lr" (0.001 … 0.1), "init-weight" (0.1 … 3.0
 * in steps of 0.1) and "seed", plus the read-only "weights"; all saved in
 * sessions. */

#define DLN_TYPE_PLAYGROUND_PAGE (dln_playground_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnPlaygroundPage, dln_playground_page, DLN,
                      PLAYGROUND_PAGE, DlnChainPage)

G_END_DECLS
