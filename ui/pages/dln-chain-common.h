#pragma once

#include <glib.h>

#include "dln-chain.h"
#include "dln-figure-catalogue.h"
#include "dln-figure-curves.h"

G_BEGIN_DECLS

/* --- The deep narrow chain as the Tutorial 2 pages show it ---
 * Shared by the depth (D08), learning-rate (D09), game (D10),
 * initialisation (D11) and playground (D12) pages: one run of
 * dln_chain_train () on gen_samples (100, 2.0, 0.1) and the magenta loss
 * curve on a log axis from 0.001 to 1 with the course's title. A run of
 * at most 61 weights × 600 epochs × 100 samples is about 4 M multiply-adds
 * (well under a millisecond), so pages run it on the main thread. */

#define DLN_CHAIN_PLOT_MAX_EPOCHS 600

typedef struct
{
  /* inputs of the last run */
  size_t       depth;       /* the slider's value */
  size_t       n_weights;   /* depth + 1 or depth (docs/demos.md#narrow-nets) */
  double       lr;
  double       init_weight;
  size_t       epochs;
  guint64      seed;
  /* outputs */
  double       loss[DLN_CHAIN_PLOT_MAX_EPOCHS];  /* NaN where not reached */
  double       weights[DLN_CHAIN_MAX_WEIGHTS];   /* final weights */
  size_t       n_done;      /* epochs completed */
  DlnStatus    status;      /* OK or DIVERGED (or INVALID_INPUT) */
  DlnMessage   msg;
  /* the figure */
  char         title[192];
  DlnCurve     curve;
  DlnCurvesData data;
} DlnChainPlot;

void      dln_chain_plot_init        (DlnChainPlot  *plot);
void      dln_chain_plot_run         (DlnChainPlot  *plot,
                                      const DlnChainCourse *course);
void      dln_chain_plot_format_title (DlnChainPlot *plot);
char     *dln_chain_plot_describe    (const DlnChainPlot *plot);
gboolean  dln_chain_plot_python_args (const DlnChainPlot *plot,
                                      guint64        seed,
                                      DlnFigureArgs *args,
                                      GError       **error);
GVariant *dln_chain_weights_variant  (const double  *weights,
                                      size_t         n);
char     *dln_chain_readout          (const DlnFigureGeometry *geom,
                                      int            panel,
                                      double         x,
                                      const double  *loss,
                                      size_t         n);

G_END_DECLS

G_BEGIN_DECLS

/* dln_snap:
 * Returns @v rounded to the grid @lower + k·@step, to 12 significant
 * digits so 0.005·k prints as typed. */
double    dln_snap                   (double         v,
                                      double         lower,
                                      double         step);

G_END_DECLS
