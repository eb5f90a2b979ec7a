#pragma once

#include "dln-demo-page.h"

G_BEGIN_DECLS

/* D06 + D07: the shallow net's (w₁, w₂) loss landscape — or any built-in
 * or typed 2-D surface — with log-loss colours, the −∇L field, the
 * solution hyperbola and the saddle; start points set by clicking or
 * dragging; several optimizers racing; a log learning-rate slider with
 * the stability bound 2/λmax marked; a step-by-step mode with gradient,
 * momentum and adaptive-scale arrows; and a rotatable 3-D view. */

#define DLN_TYPE_LANDSCAPE_PAGE (dln_landscape_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnLandscapePage, dln_landscape_page, DLN, LANDSCAPE_PAGE, DlnDemoPage)

G_END_DECLS
