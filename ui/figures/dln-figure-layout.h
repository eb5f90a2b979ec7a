#pragma once

/* The panel layout engine of multi-panel figures, in the spirit of
 * matplotlib's constrained layout (dln-figure-layout.c).
 *
 * Each panel states what it needs: the smallest plot area that still
 * reads (a heatmap of 8 items wants cells of at least ~14 units), an
 * aspect ratio (square cells), the room its decorations take around the
 * plot area (tick labels, titles and colour bars, measured with Pango by
 * dln_axes_measure () before any space is shared) and a weight (the key
 * picture gets the most room). The engine tries several arrangements
 * (side by side, stacked, the key beside or above the others), gives the
 * spare room by weight within each, and keeps the one that meets every
 * minimum with the largest weighted log-area; when none does, the one
 * that comes closest, so a renderer can drop decorations and ask again.
 *
 *   DlnPanelSpec spec[2] = { { .weight = 1, .min_width = 200, ... },
 *                            { .weight = 2, .aspect = 1, ... } };
 *   DlnPanelLayout lay;
 *   dln_axes_measure (&ax_curves, &spec[0].deco);
 *   dln_axes_measure (&ax_rsm, &spec[1].deco);
 *   spec[1].deco.right += colour_bar_width;
 *   dln_panel_layout_solve (area, spec, 2, 1, DLN_ARRANGE_ALL, gap, &lay);
 *   ax_curves.outer = lay.outer[0];          decorations + plot area
 *
 * It is a pure function of its inputs, so the GUI and `dlnlab-cli export`
 * arrange a figure the same way at the same size. */

#include "dln-figure-style.h"

#include <stdbool.h>
#include <stddef.h>

#define DLN_LAYOUT_MAX_PANELS 8

/* The smallest heatmap cell that reads at a glance, user units (14 px on
 * screen: an 8 x 8 similarity matrix is then 112 px across). */
#define DLN_LAYOUT_MIN_CELL 14.0

/* Room around a plot area, user units. */
typedef struct
{
  double left, right, top, bottom;
} DlnInsets;

typedef struct
{
  double    weight;      /* > 0: share of the spare room */
  double    min_width;   /* smallest plot area that reads, user units */
  double    min_height;
  double    aspect;      /* plot width / height wanted; 0: any */
  DlnInsets deco;        /* decorations around the plot area */
} DlnPanelSpec;

typedef enum
{
  DLN_ARRANGE_ROW       = 1 << 0,  /* all side by side */
  DLN_ARRANGE_COLUMN    = 1 << 1,  /* all stacked */
  DLN_ARRANGE_KEY_LEFT  = 1 << 2,  /* the key panel left, others stacked */
  DLN_ARRANGE_KEY_TOP   = 1 << 3,  /* the key panel on top, others a row */
  DLN_ARRANGE_ALL       = 0xf,
} DlnArrangement;

typedef struct
{
  DlnArrangement arrangement;  /* the one chosen */
  bool           fits;         /* every panel got its minimum */
  double         score;        /* weighted log-area (higher is better) */
  DlnRect        plot[DLN_LAYOUT_MAX_PANELS];   /* plot areas */
  DlnRect        outer[DLN_LAYOUT_MAX_PANELS];  /* plot + decorations */
} DlnPanelLayout;

/* dln_panel_layout_solve:
 * @area:         the rectangle to share
 * @spec:         @n panels (1 <= n <= DLN_LAYOUT_MAX_PANELS)
 * @key:          index of the key panel (for the KEY_* arrangements)
 * @arrangements: DlnArrangement flags to try (0: DLN_ARRANGE_ROW)
 * @gap:          user units between neighbouring cells
 * @out:          receives the best arrangement
 * Returns @out->fits. Panels keep the order of @spec (left to right, top
 * to bottom); an aspect panel is centred in its cell. */
bool    dln_panel_layout_solve       (DlnRect               area,
                                      const DlnPanelSpec   *spec,
                                      size_t                n,
                                      size_t                key,
                                      unsigned              arrangements,
                                      double                gap,
                                      DlnPanelLayout       *out);

/* dln_panel_layout_share:
 * The fraction of the summed plot areas of @lay's @n panels that panel
 * @i holds (0 ... 1). */
double  dln_panel_layout_share       (const DlnPanelLayout *lay,
                                      size_t                n,
                                      size_t                i);
