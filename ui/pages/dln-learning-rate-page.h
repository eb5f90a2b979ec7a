#pragma once

#include "dln-chain-page.h"

G_BEGIN_DECLS

/* --- D09 Learning-rate slider (docs/demos.md) ---
 * The chain of depth 50 (51 weights, all 0.9) trained for 600 epochs on
 * gen_samples (100, 2.0, 0.1) with η from the slider. Properties (saved
 * in sessions): "lr" (0.005 … 0.2 in steps of 0.005), "seed" and the
 * read-only "weights". */

#define DLN_TYPE_LEARNING_RATE_PAGE (dln_learning_rate_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnLearningRatePage, dln_learning_rate_page, DLN,
                      LEARNING_RATE_PAGE, DlnChainPage)

G_END_DECLS
