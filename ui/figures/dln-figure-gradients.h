#pragma once

/* Figures of Tutorial 1 and Tutorial 2 section 1 (docs/demos.md, D01-D07):
 * gradient field, single-neuron check, wide-net regression, shallow-net
 * training, 2-D loss landscape and 3-D loss surface. (D02, the graph, is
 * dln-figure-graph.h.)
 *
 * Every renderer follows dln-figure.h's contract: a pure function of data,
 * style and size that restores @cr and fills @geom (nullable). Data structs
 * own their arrays (g_malloc); free them with their _free () function.
 * Each has a CSV writer of the exact numbers drawn (a DlnFigureCsvFunc). */

#include "dln-figure.h"
#include "dln-figure-graph.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* --- D01: gradient field --- */

typedef struct
{
  char     title[160];      /* Pango markup */
  char     xlabel[32];
  char     ylabel[32];
  char     cbar_label[96];  /* "z = h(x, y)" */
  /* the surface, filled contours */
  double  *z;               /* [ny * nx], z[j * nx + i] at (x_i, y_j) */
  size_t   nx, ny;
  double   x_min, x_max, y_min, y_max;
  size_t   n_levels;        /* filled bands (the course: 20) */
  DlnColormap map;
  /* +∇z arrows (pivot at the tail) */
  double  *ax, *ay;         /* [n_arrows] arrow tails */
  double  *au, *av;         /* [n_arrows] ∂z/∂x, ∂z/∂y */
  size_t   n_arrows;
  double   quiver_scale;    /* matplotlib's scale with scale_units
                             * 'width': an arrow is |∇z| / scale of the
                             * plot width long (the course: 50) */
} DlnGradientFieldData;

DlnGradientFieldData *dln_gradient_field_data_new    (size_t nx,
                                                      size_t ny,
                                                      size_t n_arrows);
void                  dln_gradient_field_data_free   (DlnGradientFieldData *data);
DLN_FIGURE_DECLARE_RENDER (gradient_field, DlnGradientFieldData);
/* CSV: kind,x,y,z,dzdx,dzdy — "grid" rows (z) then "arrow" rows. */
DLN_FIGURE_DECLARE_CSV (gradient_field, void);

/* --- D03: single-neuron autodiff check --- */

typedef struct
{
  char                name[16];   /* "w", "b" */
  double              analytic;   /* hand-derived ∂L/∂name */
  double              autograd;   /* reverse-mode ∂L/∂name */
} DlnNeuronGrad;

typedef struct
{
  char                title[160];
  DlnFigureGraphData *graph;      /* owned: the neuron's graph, laid out */
  DlnGraphLayoutCache *cache;     /* owned (nullable): holds graph->layout */
  double              x, y;       /* sample */
  double              w0, b0;     /* initial parameters */
  double              yhat, loss;
  DlnNeuronGrad       grads[4];
  size_t              n_grads;
  double              tolerance;  /* match when |a − r| ≤ tol·max(1, |a|, |r|) */
} DlnNeuronCheckData;

/* dln_neuron_check_data_new:
 * @g:     the neuron of dln_graph_build_neuron (), after its backward
 *         pass(es)
 * @nodes: its node ids
 * The figure at @g's values and gradients, as the page and the catalogue
 * both draw it: the course's hand gradients of w and b beside autograd's,
 * x and y as data (no gradient), the graph top to bottom with local
 * derivatives, not yet laid out (graph->layout and cache are the
 * caller's). Free with dln_neuron_check_data_free (). */
DlnNeuronCheckData *dln_neuron_check_data_new (const DlnGraph       *g,
                                               const DlnNeuronNodes *nodes);
void       dln_neuron_check_data_free      (DlnNeuronCheckData *data);
/* dln_neuron_grad_matches:
 * The match rule drawn as ✓ / ✗: relative difference within @tolerance;
 * any NaN is a mismatch. */
bool       dln_neuron_grad_matches         (const DlnNeuronGrad *g,
                                            double               tolerance);
DLN_FIGURE_DECLARE_RENDER (neuron_check, DlnNeuronCheckData);
/* CSV: parameter,analytic,autograd,abs_diff,match, then x,y,yhat,loss. */
DLN_FIGURE_DECLARE_CSV (neuron_check, void);

/* --- D04: wide tanh net regression (fit + loss) --- */

typedef struct
{
  char     title[160];  /* (suptitle; "" none) */
  double  *x;           /* [n] inputs */
  double  *y;           /* [n] targets */
  double  *pred;        /* [n] network output at x */
  size_t   n;
  double  *loss;        /* [n_epochs] loss of epoch 1 … n_epochs */
  size_t   n_epochs;
} DlnRegressionData;

DlnRegressionData *dln_regression_data_new     (size_t n,
                                                size_t n_epochs);
void               dln_regression_data_free    (DlnRegressionData *data);
/* Two panels: "fit" (targets scatter, prediction line) and "loss". */
DLN_FIGURE_DECLARE_RENDER (regression, DlnRegressionData);
/* CSV: kind,index,x,y,prediction,loss — "sample" then "epoch" rows. */
DLN_FIGURE_DECLARE_CSV (regression, void);

/* --- D05: shallow narrow linear net (fit, loss, weights) --- */

typedef struct
{
  char     title[160];
  double  *x, *y;       /* [n] training data */
  size_t   n;
  double  *ex, *ey;     /* [n_eval] model on the evaluation inputs */
  size_t   n_eval;
  double  *loss;        /* [n_epochs] loss before update e */
  double  *w1, *w2;     /* [n_epochs] weights after update e */
  size_t   n_epochs;
  double   slope;       /* least-squares data slope (dashed in panel 3);
                         * NaN: not drawn */
} DlnShallowData;

DlnShallowData *dln_shallow_data_new     (size_t n,
                                          size_t n_eval,
                                          size_t n_epochs);
void            dln_shallow_data_free    (DlnShallowData *data);
/* Three panels: "fit", "loss", "weights". */
DLN_FIGURE_DECLARE_RENDER (shallow, DlnShallowData);
/* CSV: kind,index,x,y,loss,w1,w2 — "train", "eval", "epoch" rows. */
DLN_FIGURE_DECLARE_CSV (shallow, void);

/* --- D06: 2-D loss landscape --- */

#define DLN_LANDSCAPE_MAX_TRAJECTORIES 8

typedef struct
{
  double  *w1, *w2;  /* [n] weights after each epoch; NaN = diverged */
  size_t   n;
} DlnLandscapePath;

typedef struct
{
  char     title[160];
  /* the loss on a grid over [lo, hi]² (w₁ along x, w₂ along y) */
  double  *loss;            /* [ng * ng], loss[j * ng + i] at (w1_i, w2_j) */
  size_t   ng;
  double   lo, hi;          /* view and grid limits (the course: ±1.9) */
  double   log_offset;      /* filled contours of log(L + offset): 0.001 */
  size_t   n_levels;        /* filled bands (the course: 100) */
  /* −∇L field on a coarser grid */
  double  *gx, *gy;         /* [n_arrows] arrow tails */
  double  *g1, *g2;         /* [n_arrows] ∇L (drawn negated) */
  size_t   n_arrows;
  /* descent trajectories */
  DlnLandscapePath traj[DLN_LANDSCAPE_MAX_TRAJECTORIES];
  size_t   n_traj;
  double   lr;              /* for the legend */
  /* the solutions w₁w₂ = c, and the saddle */
  double   c;               /* NaN: no solutions drawn */
  double   saddle_w1, saddle_w2;  /* NaN: not marked */
  /* layers (the course's modes; the GUI's check boxes) */
  bool     show_loss, show_vectors, show_trajectories, show_solutions;
  bool     show_legend;
} DlnLandscapeData;

DlnLandscapeData *dln_landscape_data_new       (size_t ng,
                                                size_t n_arrows);
/* dln_landscape_data_add_trajectory:
 * Appends a trajectory of @n points (copied). Returns false when full. */
bool              dln_landscape_data_add_trajectory (DlnLandscapeData *data,
                                                     const double     *w1,
                                                     const double     *w2,
                                                     size_t            n);
void              dln_landscape_data_free      (DlnLandscapeData *data);
/* One panel "landscape" (data coordinates w₁, w₂) plus a colour bar. */
DLN_FIGURE_DECLARE_RENDER (landscape, DlnLandscapeData);
/* CSV: kind,index,w1,w2,loss,g1,g2 — "grid", "arrow", "trajN" rows. */
DLN_FIGURE_DECLARE_CSV (landscape, void);

/* --- D07: 3-D loss surface --- */

typedef struct
{
  char      title[160];
  double   *z;              /* [ng * ng] log(L + 0.5) at (w1_i, w2_j) */
  size_t    ng;
  double    lo, hi;
  DlnLandscapePath path[DLN_LANDSCAPE_MAX_TRAJECTORIES];  /* z from the surface */
  double   *path_z[DLN_LANDSCAPE_MAX_TRAJECTORIES];     /* [path[k].n] */
  size_t    n_paths;
  DlnView3D view;           /* the course: elevation 45°, azimuth 260° */
  double    alpha;          /* surface opacity (the course: 0.5) */
} DlnSurface3DData;

DlnSurface3DData *dln_surface3d_data_new       (size_t ng);
/* Appends a path (copied, with its heights). Returns false when full. */
bool              dln_surface3d_data_add_path  (DlnSurface3DData *data,
                                                const double     *w1,
                                                const double     *w2,
                                                const double     *z,
                                                size_t            n);
void              dln_surface3d_data_free      (DlnSurface3DData *data);
/* dln_surface3d_data_course_runs:
 * The shallow net's log(L + 0.5) over an @ng² grid and one gradient-
 * descent path (η = @lr, @epochs updates, the weights after each) from
 * each of the @n_starts starts (≤ DLN_LANDSCAPE_MAX_TRAJECTORIES); the
 * course's D07 is 0.02, 240, (−1.8, 1.7) and (1.5, −1.5). Sets @out
 * (free with dln_surface3d_data_free ()). Returns DLN_STATUS_OK or the
 * descent's failure. */
DlnStatus         dln_surface3d_data_course_runs (size_t          ng,
                                                  double          lr,
                                                  size_t          epochs,
                                                  const double   *x0,
                                                  const double   *y0,
                                                  int             n_starts,
                                                  DlnSurface3DData **out,
                                                  DlnMessage     *msg);
/* One DLN_PANEL_3D panel "surface"; no axes (as the course). */
DLN_FIGURE_DECLARE_RENDER (surface3d, DlnSurface3DData);
/* CSV: kind,index,w1,w2,z — "grid" then "pathN" rows. */
DLN_FIGURE_DECLARE_CSV (surface3d, void);
