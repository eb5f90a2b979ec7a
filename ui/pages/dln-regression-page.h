#pragma once

#include "dln-demo-page.h"

G_BEGIN_DECLS

/* --- D18 Linear regression vs zero-depth net vs deep net (bonus) ---
 * The closed form W* = Y Xᵀ (X Xᵀ)⁻¹ on the random 3 × 3 example
 * (docs/demos.md#regression-example), then, on a tree draw, the analytic map (X
 * = I, so W* = Yᵀ), a zero-depth Linear(8, N) (PyTorch's default init, SGD η =
 * 1000, 250 epochs; the course's unused γ is not applied) and the D14 deep net,
 * with the "all approximately equal" indicator (every entry within
 * 10⁻²) and the largest differences. Properties (saved in sessions):
 * "seed" (the 3 × 3 example), "data-seed", "init-seed" and the
 * read-only "weights" (the deep net's W₁, W₂ then the zero-depth W). */

#define DLN_TYPE_REGRESSION_PAGE (dln_regression_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnRegressionPage, dln_regression_page, DLN, REGRESSION_PAGE, DlnDemoPage)


G_END_DECLS
