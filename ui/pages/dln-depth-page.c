#define G_LOG_DOMAIN "dln-depth-page"

#include "config.h"

#include "dln-depth-page.h"

/* docs/demos.md#d08: depth 0 … 50 in steps of 5, default 0; η by
 * dln_chain_depth_lr (); every weight starts at 0.9; 600 epochs. */
#define DEPTH_MAX     50
#define DEPTH_STEP    5

struct _DlnDepthPage
{
  DlnChainPage parent_instance;
};

G_DEFINE_FINAL_TYPE (DlnDepthPage, dln_depth_page, DLN_TYPE_CHAIN_PAGE)

/* η follows the depth: a single weight takes the larger step. */
static void
dln_depth_page_configure_run (DlnChainPage   *page,
                              guint           run,
                              DlnChainCourse *course)
{
  DLN_CHAIN_PAGE_CLASS (dln_depth_page_parent_class)->configure_run (page, run,
                                                                    course);
  course->lr = dln_chain_depth_lr (course->depth);
}

static void
dln_depth_page_class_init (DlnDepthPageClass *klass)
{
  DlnChainPageClass *chain_class = DLN_CHAIN_PAGE_CLASS (klass);

  chain_class->configure_run = dln_depth_page_configure_run;
  dln_chain_page_class_set_template (chain_class, "dln-depth-page.ui",
    DLN_CHAIN_COUNT_DEPTH_PLUS_ONE, DLN_CHAIN_DEFAULT_EPOCHS, 1,
    "depth-loss");
  dln_chain_page_class_add_input (chain_class, DLN_CHAIN_INPUT_DEPTH,
    g_param_spec_int ("depth", NULL, NULL, 0, DEPTH_MAX,
                      DLN_CHAIN_DEPTH_DEMO_DEPTH, DLN_PARAM_RW),
    "depth_row", 0, DEPTH_STEP);
  dln_chain_page_class_fix_input (chain_class, DLN_CHAIN_INPUT_LR,
                                  DLN_CHAIN_DEFAULT_LR);
  dln_chain_page_class_fix_input (chain_class, DLN_CHAIN_INPUT_INIT_WEIGHT,
                                  DLN_CHAIN_DEFAULT_INIT);
}

static void
dln_depth_page_init (DlnDepthPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
