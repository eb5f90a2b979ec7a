#define G_LOG_DOMAIN "dln-playground-page"

#include "config.h"

#include "dln-playground-page.h"

/* docs/demos.md#d12. Depth 10 … 50 in steps of 5 (default
 * DLN_CHAIN_PLAYGROUND_DEPTH); "eta" 0.001 … 0.1 (default
 * DLN_CHAIN_PLAYGROUND_LR); "initial weights" 0.1 … 3.0 in steps of 0.1
 * (default DLN_CHAIN_DEFAULT_INIT). The course's η slider steps by 0.005
 * from 0.001, so its own default 0.005 is off that grid: the app allows
 * every η in the range (typed or dragged) and says so on the page. */
#define DEPTH_MIN    10
#define DEPTH_MAX    50
#define DEPTH_STEP   5
#define LR_MIN       0.001
#define LR_MAX       0.1
#define INIT_MIN     0.1
#define INIT_MAX     3.0
#define INIT_STEP    0.1

struct _DlnPlaygroundPage
{
  DlnChainPage parent_instance;
};

G_DEFINE_FINAL_TYPE (DlnPlaygroundPage, dln_playground_page,
                     DLN_TYPE_CHAIN_PAGE)

static void
dln_playground_page_class_init (DlnPlaygroundPageClass *klass)
{
  DlnChainPageClass *chain_class = DLN_CHAIN_PAGE_CLASS (klass);

  dln_chain_page_class_set_template (chain_class, "dln-playground-page.ui",
    DLN_CHAIN_COUNT_DEPTH_PLUS_ONE, DLN_CHAIN_DEFAULT_EPOCHS, 1,
    "playground-loss");
  dln_chain_page_class_add_input (chain_class, DLN_CHAIN_INPUT_DEPTH,
    g_param_spec_int ("depth", NULL, NULL, DEPTH_MIN, DEPTH_MAX,
                      DLN_CHAIN_PLAYGROUND_DEPTH, DLN_PARAM_RW),
    "depth_row", DEPTH_MIN, DEPTH_STEP);
  dln_chain_page_class_add_input (chain_class, DLN_CHAIN_INPUT_LR,
    g_param_spec_double ("lr", NULL, NULL, LR_MIN, LR_MAX,
                         DLN_CHAIN_PLAYGROUND_LR, DLN_PARAM_RW),
    "lr_row", LR_MIN, 0);
  dln_chain_page_class_add_input (chain_class, DLN_CHAIN_INPUT_INIT_WEIGHT,
    g_param_spec_double ("init-weight", NULL, NULL, INIT_MIN, INIT_MAX,
                         DLN_CHAIN_DEFAULT_INIT, DLN_PARAM_RW),
    "init_row", INIT_MIN, INIT_STEP);
}

static void
dln_playground_page_init (DlnPlaygroundPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
