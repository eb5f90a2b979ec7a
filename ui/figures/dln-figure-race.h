#pragma once

/* D06/D07 optimizer race on a 2-D surface (docs/demos.md): log-loss
 * heatmap, −∇f arrows, solution curve, saddles/minima, one trajectory per
 * start × optimizer, and (when stepping) the gradient / momentum / actual
 * step arrows at the current point.
 *
 * Follows dln-figure.h's contract: the renderer is a pure function of
 * data, style and size that restores @cr and fills @geom (nullable).
 * The data owns its arrays; free it with dln_race_data_free (). Used by
 * the landscape page and by `dlnlab-cli export loss-landscape-race`. */

#include "dln-figure.h"
#include "dln-optim.h"
#include "dln-surface.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define DLN_RACE_MAX_STARTS  4
#define DLN_RACE_MAX_PATHS   (DLN_RACE_MAX_STARTS * DLN_OPTIM_COUNT)
#define DLN_RACE_LOG_OFFSET  0.001  /* log(L + 0.001), the course's colours */
/* the page's (and its catalogue entries') sizes: a 161² loss grid, 20 × 20
 * arrows (the course's −1.9, −1.7, …, 1.9), at most 2000 steps a path */
#define DLN_RACE_GRID_N      161
#define DLN_RACE_ARROW_N     20
#define DLN_RACE_MAX_EPOCHS  2000

typedef struct
{
  double  *x, *y;     /* [n] points 0 .. n-1; a trailing NaN if diverged */
  size_t   n;
  int      optim;     /* DlnOptimKind: colour, marker and legend */
  int      start;     /* index of the start point */
} DlnRacePath;

typedef struct
{
  char        title[160];
  char        xlabel[16], ylabel[16];
  char        zlabel[64];             /* colour bar label (Pango markup) */
  DlnViewBox  box;
  double     *z;                      /* [ng²] log(f − fmin + offset) */
  size_t      ng;
  double     *ax, *ay;                /* [n_arrows] arrow tails */
  double     *au, *av;                /* [n_arrows] −∇f */
  double     *mag;                    /* [n_arrows] |∇f| */
  size_t      n_arrows;
  bool        has_solutions;
  double      product;                /* solutions x·y = product */
  int         n_saddles, n_minima;
  DlnPoint    saddles[DLN_SURFACE_MAX_POINTS], minima[DLN_SURFACE_MAX_POINTS];
  DlnRacePath paths[DLN_RACE_MAX_PATHS];  /* x, y point into owned storage */
  int         n_paths;
  size_t      path_capacity;          /* points per path (steps + 2) */
  long        cursor;                 /* < 0: whole paths; else points shown */
  bool        show_loss, show_vectors, show_solutions;
  /* step arrows at the primary path's current point (cursor >= 0) */
  bool        arrows;
  double      px, py;
  double      gd[2], step[2], mom[2]; /* −η∇f, the actual step, momentum */
  bool        has_mom;
  double      arrow_scale;
} DlnRaceData;

/* dln_race_data_new:
 * A race over an @ng² grid with a @n_arrows_side² arrow grid and room for
 * DLN_RACE_MAX_PATHS paths of @path_capacity points each. cursor = -1,
 * all layers shown, no paths. */
DlnRaceData *dln_race_data_new          (size_t ng,
                                         size_t n_arrows_side,
                                         size_t path_capacity);
void         dln_race_data_free         (DlnRaceData      *data);

/* dln_race_data_set_surface:
 * Fills the grid, arrows, solutions, saddles, minima, labels and box from
 * @s (the shallow net: the course's ±1.9 box and arrows at −1.9, −1.7, …).
 * Returns the shift fmin (<= 0) used in z = log(f − fmin + 0.001). */
double       dln_race_data_set_surface  (DlnRaceData      *data,
                                         const DlnSurface *s);

/* dln_race_data_add_path:
 * Runs @params for @steps steps (<= path_capacity − 2) from (@x0, @y0) on
 * @s and appends the path (a trailing NaN if it diverged). Returns false
 * when full. */
bool         dln_race_data_add_path     (DlnRaceData          *data,
                                         const DlnSurface     *s,
                                         const DlnOptimParams *params,
                                         int                   start,
                                         double                x0,
                                         double                y0,
                                         size_t                steps);

/* The legend title ("GD", "Adam", …) and colour of optimizer @kind. */
const char  *dln_race_optim_title       (int               kind);
DlnColorIndex dln_race_optim_color      (int               kind);

/* One panel "landscape" (data coordinates) plus a colour bar. */
DLN_FIGURE_DECLARE_RENDER (race, DlnRaceData);

/* CSV: kind,optimizer,start,step,x,y — "path" rows, then "grid_log_loss"
 * rows (x, y, z in the step, x, y columns as before). */
DLN_FIGURE_DECLARE_CSV (race, void);

/* --- D07: the same race on the 3-D surface --- */

#define DLN_RACE3D_GRID_N    48
#define DLN_RACE3D_LOG_OFFSET 0.5  /* log(L + 0.5), the course's 3-D surface */
#define DLN_RACE3D_AZIMUTH   260    /* the course's view, degrees */
#define DLN_RACE3D_ELEVATION 45

typedef struct
{
  double             z[DLN_RACE3D_GRID_N * DLN_RACE3D_GRID_N];  /* log(f − fmin + 0.5) */
  double             lo, hi;        /* square box */
  double             zlo, zhi;
  const DlnRaceData *race;          /* borrowed: the paths (and cursor) */
  const DlnSurface  *surface;       /* borrowed: path heights */
  double             fmin;
  DlnView3D          view;          /* the course: DLN_RACE3D_AZIMUTH, _ELEVATION */
} DlnRace3DData;

/* dln_race3d_data_set_surface:
 * Fills the grid over the square around @box with log(f − @fmin + 0.5)
 * (fmin from dln_race_data_set_surface ()) and remembers @s (borrowed). */
void         dln_race3d_data_set_surface (DlnRace3DData    *data,
                                          const DlnSurface *s,
                                          const DlnViewBox *box,
                                          double            fmin);

/* One DLN_PANEL_3D panel; paths coloured per optimizer, heights on f. */
DLN_FIGURE_DECLARE_RENDER (race3d, DlnRace3DData);

/* CSV: kind,optimizer,start,step,x,y,z — "path" rows (z on the surface,
 * up to the cursor as drawn), then "grid_log_loss" rows. */
DLN_FIGURE_DECLARE_CSV (race3d, void);
