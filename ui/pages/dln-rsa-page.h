#pragma once

#include "dln-deep-page.h"

G_BEGIN_DECLS

/* --- D16 Representational similarity (docs/demos.md) ---
 * The D14 run; left, the learning dynamics with a band at the scrubbed
 * epoch and the hidden layer's RSM H Hᵀ there (a plain dot product, not a
 * cosine); right, the RSM the theory predicts for that epoch
 * (docs/theory.md#representations, from the exact discrete map's mode
 * strengths). Both are divided by their maximum over all epochs and entries
 * (the course) or, switched, by the maximum at the epoch. η and γ retrain; the
 * epoch only redraws. Properties (saved in sessions): "lr", "log-gamma",
 * "epoch", "depth", "layer", "per-epoch", "seed" and "init-seed"; the
 * trained weights go with them (DlnDeepPage). */

#define DLN_TYPE_RSA_PAGE (dln_rsa_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnRsaPage, dln_rsa_page, DLN, RSA_PAGE, DlnDeepPage)

G_END_DECLS
