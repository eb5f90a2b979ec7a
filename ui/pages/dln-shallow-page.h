#pragma once

#include "dln-demo-page.h"

G_BEGIN_DECLS

/* D05: the shallow narrow linear net ŷ = w₁w₂x trained by plain gradient
 * descent: the fit, the loss and both weights over epochs. */

#define DLN_TYPE_SHALLOW_PAGE (dln_shallow_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnShallowPage, dln_shallow_page, DLN, SHALLOW_PAGE, DlnDemoPage)

G_END_DECLS
