#pragma once

#include "dln-figure-dynamics.h"

/* --- The D14–D17 dynamics figure with both theory overlays ---
 * dln_figure_dynamics_render () draws one theory curve per series,
 * dashed, labelled "theory". The pages overlay the exact discrete map
 * there (dashed) and, on request, the closed-form gradient-flow curves
 * on top (dotted, same mode colours), then name both in a key inside the
 * plot, so the figure (and its export) says which curve is which. */

typedef enum
{
  DLN_OVERLAY_NONE     = 0,
  DLN_OVERLAY_DISCRETE = 1,  /* docs/theory.md#discrete-map */
  DLN_OVERLAY_CLOSED   = 2,  /* gradient flow, S14 eq. 12 / eq. 15 */
  DLN_OVERLAY_BOTH     = 3,
} DlnOverlay;

typedef struct
{
  DlnDynamicsData  fig;           /* fig.sv_theory / primary_theory: the
                                   * dashed overlay */
  DlnOverlay       overlay;
  const double    *closed_sv;     /* [n_epochs, n_modes] dotted (BOTH) */
  const double    *closed_primary;/* [n_epochs] dotted (BOTH) */
} DlnDynamicsOverlayData;

void      dln_dynamics_overlay_render (cairo_t                      *cr,
                                       const DlnFigureStyle         *style,
                                       const DlnDynamicsOverlayData *data,
                                       double                        width,
                                       double                        height,
                                       DlnFigureGeometry            *geom);
DlnStatus dln_dynamics_overlay_csv    (FILE                         *out,
                                       const DlnDynamicsOverlayData *data,
                                       DlnMessage                   *msg);
