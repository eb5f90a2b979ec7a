#pragma once

#include "dln-chain-page.h"

G_BEGIN_DECLS

/* --- D08 Depth slider (docs/demos.md) ---
 * The deep narrow chain with depth + 1 scalar weights, all starting at
 * 0.9, trained for 600 epochs on gen_samples (100, 2.0, 0.1); η is 0.02
 * at depth 0 and 0.01 otherwise. Properties (saved in sessions): "depth"
 * (0 … 50 in steps of 5), "seed" (the data draw) and the read-only
 * "weights" (the trained chain). */

#define DLN_TYPE_DEPTH_PAGE (dln_depth_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnDepthPage, dln_depth_page, DLN, DEPTH_PAGE,
                      DlnChainPage)

G_END_DECLS
