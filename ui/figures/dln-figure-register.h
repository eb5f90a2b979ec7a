#pragma once

/* D10, the depth × learning-rate "Register" game: the current run's loss
 * (top, full width) and the registered points (bottom: learning time and
 * empirically optimal η against depth). */

#include "dln-figure-curves.h"

typedef struct
{
  const char   *title;      /* (nullable) top panel title, Pango markup */
  const double *loss;       /* [n_epochs] current run; NaN: not reached */
  size_t        n_epochs;
  size_t        n_points;   /* registered so far (course: up to 6) */
  const double *depth;      /* [n_points] */
  const double *lr;         /* [n_points] registered η */
  const double *time;       /* [n_points] learning time, epochs */
} DlnRegisterData;

/* dln_figure_register_render:
 * Three panels in @geom: "loss" (log y 0.001 ... 1), "time" (x 5 ... 65,
 * y −10 ... 600) and "lr" (x 5 ... 65, y 0.001 ... 0.105), red scatters as
 * the course. Renderer contract: dln-figure.h. */
DLN_FIGURE_DECLARE_RENDER (register, DlnRegisterData);

/* dln_figure_register_csv:
 * Two blocks: "epoch,loss" rows, a blank line, then "depth,lr,time". */
DLN_FIGURE_DECLARE_CSV (register, DlnRegisterData);
