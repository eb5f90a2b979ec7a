#pragma once

/* Tutorial 3 learning dynamics: D15 (loss + singular values on a twin
 * axis, optional theory overlays), D16 (the same with an epoch band and
 * the hidden-layer RSM beside it) and D17 (the tracked prediction in place
 * of the loss). */

#include "dln-figure.h"

/* The theory drawn over the curves: the exact discrete map (dashed),
 * the closed-form gradient flow (S14 eq. 12 / eq. 15), or both (the
 * closed form then dotted). */
typedef enum
{
  DLN_OVERLAY_NONE     = 0,
  DLN_OVERLAY_DISCRETE = 1,  /* docs/theory.md#discrete-map */
  DLN_OVERLAY_CLOSED   = 2,
  DLN_OVERLAY_BOTH     = 3,
} DlnOverlay;

/* A similarity matrix (D16's RSM, simulated or predicted). */
typedef struct
{
  const char        *name;            /* (nullable) panel id; "rsm" */
  const double      *rsm;             /* [n_items, n_items]; NULL: blank */
  double             scale;           /* divisor (max over all epochs) */
  size_t             n_items;
  const char *const *item_names;      /* [n_items] */
  const char        *title;           /* (nullable) */
  const char        *bar_label;       /* (nullable) colour bar label */
} DlnRsmData;

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
  const double      *dotted_primary;  /* (nullable) [n_epochs] a second
                                       * theory, dotted */
  const double      *dotted_sv;       /* (nullable) [n_epochs, n_modes] */
  const char        *dotted_legend;   /* (nullable) its legend entry */
  double             sv_scale;        /* divisor; 0: max over @sv */
  const char        *sv_label;        /* right y label (markup) */
  double             band_epoch;      /* NaN: none; else a band ±2 epochs */
  double             x_min, x_max;    /* both 0: autoscale */
  /* D16: the RSM at band_epoch, drawn as a right panel as
   * dln_figure_rsm_render () draws it, when rsm.rsm is not NULL */
  DlnRsmData         rsm;
} DlnDynamicsData;

/* dln_figure_dynamics_render:
 * Panel "dynamics" (twin y: @primary left in vermillion, singular values
 * right in the winter map, theory dashed, band in purple at alpha 0.2) and,
 * with @rsm.rsm, panel "rsm" (Purples 0 ... 1, width ratio 5 : 3, colour bar
 * without ticks). Renderer contract: dln-figure.h. */
DLN_FIGURE_DECLARE_RENDER (dynamics, DlnDynamicsData);

/* dln_figure_dynamics_init:
 * @prediction: (nullable) the tracked prediction's y label (D17), or
 *              NULL for the loss (D14-D16)
 * Clears @d and sets the course's titles, labels and legend entries and
 * the x range of @epochs epochs: the pages and the catalogue share them,
 * so an export reads as the screen. */
void      dln_figure_dynamics_init   (DlnDynamicsData       *d,
                                      size_t                 epochs,
                                      const char            *prediction);

/* dln_figure_dynamics_set_overlay:
 * @discrete_*: (nullable) the exact discrete map's curves
 * @closed_*:   (nullable) the closed form's
 * @legend:     (nullable) what the theory cannot see
 *              (dln_figure_dynamics_theory_legend ()), or NULL
 * Points @d's theory curves and legend entries at @overlay's: dashed for
 * the first theory, dotted for the closed form under BOTH; each entry
 * names its theory, in the figure's legend (never cut off). */
void      dln_figure_dynamics_set_overlay (DlnDynamicsData *d,
                                           DlnOverlay       overlay,
                                           const double    *discrete_primary,
                                           const double    *discrete_sv,
                                           const double    *closed_primary,
                                           const double    *closed_sv,
                                           const char      *legend);

/* dln_figure_rsm_scale:
 * Returns: the largest finite of @n values, or 1 when none is positive:
 * what the course divides an RSM by (docs/demos.md#recording). */
double    dln_figure_rsm_scale       (const double          *m,
                                      size_t                 n);

/* dln_figure_rsm_render:
 * One similarity matrix (panel @d->name, Purples 0 ... 1 after dividing
 * by @d->scale, item names on both axes, colour bar beside), as D16's
 * RSM panel; "all values about 0" when nothing is learned yet.
 * dln_figure_rsm_csv: "item,NAME..." then a row per item (raw values).
 * Renderer contract: dln-figure.h. */
DLN_FIGURE_DECLARE_RENDER (rsm, DlnRsmData);
DLN_FIGURE_DECLARE_CSV (rsm, DlnRsmData);

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
DLN_FIGURE_DECLARE_CSV (dynamics, DlnDynamicsData);
