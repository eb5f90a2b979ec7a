#pragma once

#include "dln-deep-page.h"

G_BEGIN_DECLS

/* --- D14 Training the deep linear network, D15 Learning dynamics ---
 * The course's LNNet(8, 30, 10000) on the tree data, retrained on every
 * movement of η (1 … 200) and log₁₀ γ (−15 … 1, whole decades), with the
 * loss, the singular values of W_tot normalised by their maximum, the
 * theory overlays (exact discrete map, closed form) and an epoch band.
 * Depth (weight matrices) and hidden width are adjustable. Properties
 * (saved in sessions): "lr", "log-gamma", "depth", "hidden", "epoch",
 * "overlay", "seed" (data) and "init-seed" (weights); the trained
 * weights go with them (DlnDeepPage). */

#define DLN_TYPE_DYNAMICS_PAGE (dln_dynamics_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnDynamicsPage, dln_dynamics_page, DLN, DYNAMICS_PAGE, DlnDeepPage)


G_END_DECLS
