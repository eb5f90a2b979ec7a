#pragma once

#include "dln-demo-page.h"

G_BEGIN_DECLS

/* --- D09 Learning-rate slider (docs/demos.md) ---
 * The deep narrow chain at depth 50 (51 weights, all starting at 0.9),
 * 600 epochs on gen_samples (100, 2.0, 0.1), with η from 0.005 to 0.045
 * in steps of 0.005. Properties (saved in sessions): "lr", "seed" and the
 * read-only "weights". */

#define DLN_TYPE_LEARNING_RATE_PAGE (dln_learning_rate_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnLearningRatePage, dln_learning_rate_page, DLN, LEARNING_RATE_PAGE, DlnDemoPage)

double   dln_learning_rate_page_get_lr   (DlnLearningRatePage *self);
void     dln_learning_rate_page_set_lr   (DlnLearningRatePage *self,
                                          double               lr);
guint64  dln_learning_rate_page_get_seed (DlnLearningRatePage *self);
void     dln_learning_rate_page_set_seed (DlnLearningRatePage *self,
                                          guint64              seed);
const double *
         dln_learning_rate_page_get_loss (DlnLearningRatePage *self,
                                          size_t              *n,
                                          size_t              *n_done);

/* --- Actions (dln-learning-rate-page-actions.c) --- */
void     dln_learning_rate_page_class_actions_init (GtkWidgetClass *widget_class);

G_END_DECLS
