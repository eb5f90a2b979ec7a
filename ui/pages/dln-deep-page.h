#pragma once

#include "dln-deep-run.h"
#include "dln-demo-page.h"
#include "dln-figure-dynamics.h"
#include "dln-param-row.h"

G_BEGIN_DECLS

/* --- DlnDeepPage: the base of the Tutorial 3 pages that train the deep
 * linear net on the window's data (D14-D17) ---
 *
 * The base owns the run (dln_deep_run_start_shared () on a DlnRun
 * worker), the dataset it trains on (the window's DlnDataSource drawn
 * from "seed"), the snapshot the run last published, the learning-
 * dynamics figure the primary view draws (dln_deep_page_get_dynamics (),
 * filled by dln_deep_page_show_run ()), and the settings every such page
 * has: "lr" (η, 1 … 200 in steps of 1), "log-gamma" (log₁₀ of the
 * initial scale γ, −15 … 1), "seed", "init-seed" and the read-only
 * "weights" (the trained net, "aaad"), with one get/set
 * property pair; reset returns every property the page declares to its
 * pspec default, and a session keeps the trained weights. A page's
 * class_init calls dln_deep_page_class_set_template (); the template
 * names "view" (the primary view), "status_label" (the demo page's
 * status label), "lr_row", "gamma_row", "seed_spin" and
 * "init_seed_spin". Pages add their own settings in configure () and
 * draw in update_figure () and update_status (). */

#define DLN_TYPE_DEEP_PAGE (dln_deep_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (DlnDeepPage, dln_deep_page, DLN, DEEP_PAGE,
                          DlnDemoPage)

/* The base's property ids; a page's own properties start here. */
#define DLN_DEEP_PAGE_N_PROPS 8

struct _DlnDeepPageClass
{
  DlnDemoPageClass parent_class;

  /* Adds the page's own settings to @params: the course run
   * (dln_course_params_init (), its DLN_COURSE_EPOCHS) with the base's
   * lr, init_scale, init_seed and keep_weights. */
  void (*configure)     (DlnDeepPage     *self,
                         DlnCourseParams *params);
  /* A snapshot arrived, or a setting that only redraws changed: update
   * the figures, then (nullable) the status (the snapshot may still be
   * NULL). */
  void (*update_figure) (DlnDeepPage     *self);
  void (*update_status) (DlnDeepPage     *self);
  /* Draws the data to train on into @out; FALSE (after saying why under
   * the figure) keeps the last. The default draws the window's
   * DlnDataSource from "seed". */
  gboolean (*build_dataset) (DlnDeepPage  *self,
                             DlnDataset  **out);
  /* (nullable) A run has just started: the page's main-thread work that
   * does not need its result (drawing the data, say) runs here, while
   * the worker trains, before the wait for the first result
   * (dln_run_wait_first ()). */
  void (*while_training) (DlnDeepPage     *self);

  gpointer padding[7];
};

void                   dln_deep_page_class_set_template (DlnDeepPageClass *klass,
                                                         const char       *ui_file);

const DlnDeepSnapshot *dln_deep_page_show_run           (DlnDeepPage      *self,
                                                         int               band_epoch,
                                                         DlnOverlay        overlay);

const DlnDeepSnapshot *dln_deep_page_get_snapshot       (DlnDeepPage      *self);
const DlnDataset      *dln_deep_page_get_dataset        (DlnDeepPage      *self);
guint64                dln_deep_page_get_seed           (DlnDeepPage      *self);
DlnDynamicsData       *dln_deep_page_get_dynamics       (DlnDeepPage      *self);
DlnParamRow           *dln_deep_page_get_lr_row         (DlnDeepPage      *self);
void                   dln_deep_page_retrain            (DlnDeepPage      *self);
void                   dln_deep_page_redraw             (DlnDeepPage      *self);
void                   dln_deep_page_retrain_cb         (DlnDemoPage      *page);
void                   dln_deep_page_redraw_cb          (DlnDemoPage      *page);
void                   dln_deep_page_rebuild            (DlnDeepPage      *self);
void                   dln_deep_page_clear              (DlnDeepPage      *self);
gboolean               dln_deep_page_python_args        (DlnDeepPage      *self,
                                                         DlnFigureArgs    *args,
                                                         int               depth,
                                                         GError          **error);

G_END_DECLS
