#define G_LOG_DOMAIN "dln-learning-rate-page"

#include "config.h"

#include "dln-learning-rate-page.h"

/* docs/demos.md#d09: depth 50 (51 weights), wᵢ = 0.9, 600 epochs; "eta"
 * in steps of 0.005, default 0.005. The course's slider stops at 0.045,
 * where no seed diverges although the page's point is that a large η
 * does: at 0.2 the default data diverges at epoch 32 (from 0.135 on, most
 * values of η diverge), so the slider reaches there. */
#define LR_MIN       0.005
#define LR_MAX       0.2
#define LR_STEP      0.005

struct _DlnLearningRatePage
{
  DlnChainPage parent_instance;
};

G_DEFINE_FINAL_TYPE (DlnLearningRatePage, dln_learning_rate_page,
                     DLN_TYPE_CHAIN_PAGE)

static void
dln_learning_rate_page_class_init (DlnLearningRatePageClass *klass)
{
  DlnChainPageClass *chain_class = DLN_CHAIN_PAGE_CLASS (klass);

  dln_chain_page_class_set_template (chain_class, "dln-learning-rate-page.ui",
    DLN_CHAIN_COUNT_DEPTH_PLUS_ONE, DLN_CHAIN_DEFAULT_EPOCHS, 1, "lr-loss");
  dln_chain_page_class_add_input (chain_class, DLN_CHAIN_INPUT_LR,
    g_param_spec_double ("lr", NULL, NULL, LR_MIN, LR_MAX,
                         DLN_CHAIN_LR_DEMO_LR, DLN_PARAM_RW),
    "lr_row", LR_MIN, LR_STEP);
  dln_chain_page_class_fix_input (chain_class, DLN_CHAIN_INPUT_DEPTH,
                                  DLN_CHAIN_LR_DEMO_DEPTH);
  dln_chain_page_class_fix_input (chain_class, DLN_CHAIN_INPUT_INIT_WEIGHT,
                                  DLN_CHAIN_DEFAULT_INIT);
}

static void
dln_learning_rate_page_init (DlnLearningRatePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
