#pragma once

#include "dln-chain-page.h"

G_BEGIN_DECLS

/* --- D11 Initialisation comparison (docs/demos.md) ---
 * Eight deep narrow chains of exactly 15 weights, η = 0.02, 250 epochs,
 * one per initial weight 0.70, 0.75, …, 1.05, on one gen_samples
 * (100, 2.0, 0.1) draw. Properties (saved in sessions): "seed", "shown"
 * (bit i set: curve i is drawn) and the read-only "weights" (eight
 * entries, each the 1 × 15 row of one trained chain). */

#define DLN_TYPE_INIT_PAGE (dln_init_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnInitPage, dln_init_page, DLN, INIT_PAGE, DlnChainPage)

#define DLN_INIT_PAGE_N_CURVES DLN_CHAIN_INIT_DEMO_RUNS

G_END_DECLS
