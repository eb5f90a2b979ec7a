#pragma once

/* Tutorial 3 learning dynamics: D15 (loss + singular values on a twin
 * axis, optional theory overlays), D16 (the same with an epoch band and
 * the hidden-layer RSM beside it) and D17 (the tracked prediction in place
 * of the loss). */

#include "dln-figure.h"

typedef struct
{
  const char        *title;           /* (nullable) left panel title */
  size_t             n_epochs;        /* x = 0 ... n_epochs − 1 */
  const double      *primary;         /* [n_epochs] loss or prediction */
  const double      *primary_theory;  /* (nullable) [n_epochs], dashed */
  const char        *primary_label;   /* y label (markup) */
  const char        *primary_legend;  /* (nullable) legend entry */
  bool               primary_log;
  double             primary_min, primary_max;  /* both 0: autoscale */
  size_t             n_modes;
  const double      *sv;              /* [n_epochs, n_modes] row-major */
  const double      *sv_theory;       /* (nullable) [n_epochs, n_modes] */
  const char        *theory_legend;   /* (nullable) the theory's legend
                                       * entry; NULL: "theory" */
  double             sv_scale;        /* divisor; 0: max over @sv */
  const char        *sv_label;        /* right y label (markup) */
  double             band_epoch;      /* NaN: none; else a band ±2 epochs */
  double             x_min, x_max;    /* both 0: autoscale */
  /* D16: the RSM at band_epoch, drawn as a right panel when not NULL */
  const double      *rsm;             /* [n_items, n_items] */
  double             rsm_scale;       /* divisor (max over all epochs) */
  size_t             n_items;
  const char *const *item_names;      /* [n_items] */
  const char        *rsm_title;       /* (nullable) */
  const char        *rsm_bar_label;   /* (nullable) colour bar label */
} DlnDynamicsData;

/* dln_figure_dynamics_render:
 * Panel "dynamics" (twin y: @primary left in vermillion, singular values
 * right in the winter map, theory dashed, band in purple at alpha 0.2) and,
 * with @rsm, panel "rsm" (Purples 0 ... 1, width ratio 5 : 3, colour bar
 * without ticks). Renderer contract: dln-figure.h. */
void      dln_figure_dynamics_render (cairo_t               *cr,
                                      const DlnFigureStyle  *style,
                                      const DlnDynamicsData *data,
                                      double                 width,
                                      double                 height,
                                      DlnFigureGeometry     *geom);

/* dln_figure_dynamics_theory_legend:
 * @depth:      the net's weight matrices
 * @rank_bound: its narrowest width (dln_analysis_rank_bound ())
 * @n_modes:    modes drawn
 * @floor:      the loss the theory ends at with the unlearnable modes at 0
 *              (NaN: not shown)
 * @buf:        receives the theory's legend entry, which says what the
 *              theory cannot see: modes beyond a bottleneck stay at 0 and
 *              the loss floor is their energy; at depth >= 3 from a random
 *              start the start is a projection, approximate in time
 *              (docs/theory.md#rank-bound). Just "theory" otherwise. */
void      dln_figure_dynamics_theory_legend (char   *buf,
                                             size_t  size,
                                             int     depth,
                                             size_t  rank_bound,
                                             size_t  n_modes,
                                             double  floor);

/* dln_figure_dynamics_csv:
 * "epoch,primary[,primary_theory],sv1..svK[,theory1..theoryK]" (raw, not
 * normalised), then with an RSM a blank line and the RSM with item names. */
DlnStatus dln_figure_dynamics_csv    (FILE                  *out,
                                      const DlnDynamicsData *data,
                                      DlnMessage            *msg);
