#pragma once

#include "dln-demo-page.h"

G_BEGIN_DECLS

/* --- D08 Depth slider (docs/demos.md) ---
 * The deep narrow chain with depth + 1 scalar weights, all starting at
 * 0.9, trained for 600 epochs on gen_samples (100, 2.0, 0.1); η is 0.02
 * at depth 0 and 0.01 otherwise. Properties (saved in sessions): "depth"
 * (0 … 50 in steps of 5), "seed" (the data draw) and the read-only
 * "weights" (the trained chain). */

#define DLN_TYPE_DEPTH_PAGE (dln_depth_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnDepthPage, dln_depth_page, DLN, DEPTH_PAGE, DlnDemoPage)

int      dln_depth_page_get_depth (DlnDepthPage *self);
void     dln_depth_page_set_depth (DlnDepthPage *self,
                                   int           depth);
guint64  dln_depth_page_get_seed  (DlnDepthPage *self);
void     dln_depth_page_set_seed  (DlnDepthPage *self,
                                   guint64       seed);
const double *
         dln_depth_page_get_loss  (DlnDepthPage *self,
                                   size_t       *n);

/* --- Actions (dln-depth-page-actions.c) --- */
void     dln_depth_page_class_actions_init (GtkWidgetClass *widget_class);

G_END_DECLS
