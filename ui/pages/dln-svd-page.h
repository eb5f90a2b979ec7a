#pragma once

#include "dln-demo-page.h"

G_BEGIN_DECLS

/* --- Data SVD (the app's addition to D15) ---
 * The SVD of the training data Y = V S Uᵀ (items × features; Σ_yx =
 * Yᵀ/P for one-hot items, so these are the modes the network learns):
 * the item modes with item names, the singular values beside their
 * expected values, the feature modes, and what each mode separates (all
 * items / animals vs plants / fish vs birds …). Properties (saved in
 * sessions): "source" (0 the tree draw, 1 the named 8 × 10 table) and
 * "seed". */

#define DLN_TYPE_SVD_PAGE (dln_svd_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnSvdPage, dln_svd_page, DLN, SVD_PAGE, DlnDemoPage)


G_END_DECLS
