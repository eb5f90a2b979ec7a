#pragma once

#include "dln-deep-page.h"

G_BEGIN_DECLS

/* --- D17 Illusory correlations (docs/demos.md) ---
 * The D14 run on the tree data with one extra feature column, tracking
 * one item's prediction for it over training, beside the normalised
 * singular values and the theory's prediction (exact discrete map; per
 * mode, the share a_k U_{f,k} V_{i,k}). Presets "sharks have bones" and
 * "non-human living things cannot speak"; a custom editor renames items,
 * sets the ±1 feature, its name and the tracked item. Properties (saved
 * in sessions): "preset" (0 shark, 1 parrot, 2 custom), "items",
 * "feature-name", "feature" (GVariant ad), "tracked", "lr", "log-gamma",
 * "seed", "init-seed" and the read-only "weights". */

#define DLN_TYPE_ILLUSORY_PAGE (dln_illusory_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnIllusoryPage, dln_illusory_page, DLN, ILLUSORY_PAGE,
                      DlnDeepPage)

#define DLN_ILLUSORY_N_ITEMS 8

void     dln_illusory_page_set_preset (DlnIllusoryPage *self,
                                       int              preset);

G_END_DECLS
