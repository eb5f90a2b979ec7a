#pragma once

#include "dln-demo-page.h"

G_BEGIN_DECLS

/* D01: the gradient of sin(x² + y²), or of any typed f(x, y), as filled
 * contours with +∇f arrows; the gradient at the pointer. */

#define DLN_TYPE_GRADIENT_FIELD_PAGE (dln_gradient_field_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnGradientFieldPage, dln_gradient_field_page, DLN, GRADIENT_FIELD_PAGE, DlnDemoPage)

G_END_DECLS
