#pragma once

#include "dln-chain-common.h"
#include "dln-demo-page.h"

G_BEGIN_DECLS

/* --- DlnChainPage: the base of the Tutorial 2 chain pages (D08-D12) ---
 *
 * Each page trains the deep narrow chain on gen_samples (100, 2.0, 0.1)
 * one or more times (dln_chain_course_run () through DlnChainPlot) and
 * shows the loss. The base owns the runs, the inputs (depth, η, initial
 * weight), the data seed and the trained weights, with one get/set
 * property pair for all of them; reset returns every property the page
 * declares to its pspec default. A page's class_init calls
 * dln_chain_page_class_set_template (), then declares each input the
 * student changes with dln_chain_page_class_add_input () (a property and
 * the DlnParamRow that shows it) and fixes the others with
 * dln_chain_page_class_fix_input (). The template names the shared
 * children "view" (DlnFigureView, the primary view), "seed_spin"
 * (GtkSpinButton) and "status_label" (GtkLabel, the demo page's
 * status label), and each added input's row.
 *
 * Actions (installed by the base): chain.new-data (Ctrl+Shift+N, the
 * next seed) and chain.step ("i", Ctrl+Plus/Minus: the class's stepped
 * input by that many grid steps). */

#define DLN_TYPE_CHAIN_PAGE (dln_chain_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (DlnChainPage, dln_chain_page, DLN, CHAIN_PAGE,
                          DlnDemoPage)

typedef enum
{
  DLN_CHAIN_INPUT_DEPTH,
  DLN_CHAIN_INPUT_LR,
  DLN_CHAIN_INPUT_INIT_WEIGHT,
  DLN_CHAIN_N_INPUTS
} DlnChainInput;

/* The base's property ids; a page's own properties start here. */
#define DLN_CHAIN_PAGE_N_PROPS 8

struct _DlnChainPageClass
{
  DlnDemoPageClass parent_class;

  /* Fills @course for run @run (0 … n_runs − 1) from the page's state;
   * the default copies the inputs, the seed, the class's count and
   * epochs. */
  void (*configure_run) (DlnChainPage   *self,
                         guint           run,
                         DlnChainCourse *course);
  /* Once, when the page is built: points the view at the figure's data;
   * the default shows run 0's loss curve with its readout and the
   * class's Python entry. */
  void (*setup_figure)  (DlnChainPage   *self,
                         DlnFigureView  *view);
  /* After every retrain: labels and figure data; the default describes
   * run 0 in the status label. The base then redraws. */
  void (*update_figure) (DlnChainPage   *self);

  /*< private: set through dln_chain_page_class_* () >*/
  DlnChainCount count;
  size_t        epochs;
  guint         n_runs;
  const char   *python_entry;
  int           stepped_input;                     /* −1: none */
  GParamSpec   *inputs[DLN_CHAIN_N_INPUTS];        /* NULL: fixed */
  double        fixed[DLN_CHAIN_N_INPUTS];
  double        grid_lower[DLN_CHAIN_N_INPUTS];
  double        grid_step[DLN_CHAIN_N_INPUTS];     /* 0: any value */

  gpointer padding[8];
};

void          dln_chain_page_class_set_template (DlnChainPageClass *klass,
                                                 const char        *ui_file,
                                                 DlnChainCount      count,
                                                 size_t             epochs,
                                                 guint              n_runs,
                                                 const char        *python_entry);
void          dln_chain_page_class_add_input    (DlnChainPageClass *klass,
                                                 DlnChainInput      input,
                                                 GParamSpec        *pspec,
                                                 const char        *row_name,
                                                 double             grid_lower,
                                                 double             grid_step);
void          dln_chain_page_class_fix_input    (DlnChainPageClass *klass,
                                                 DlnChainInput      input,
                                                 double             value);

double        dln_chain_page_get_input          (DlnChainPage      *self,
                                                 DlnChainInput      input);
void          dln_chain_page_set_input          (DlnChainPage      *self,
                                                 DlnChainInput      input,
                                                 double             value);
guint64       dln_chain_page_get_seed           (DlnChainPage      *self);
const DlnChainPlot *
              dln_chain_page_get_run            (DlnChainPage      *self,
                                                 guint              run);
void          dln_chain_page_retrain            (DlnChainPage      *self);

G_END_DECLS
