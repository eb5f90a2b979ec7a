#pragma once

#include "dln-arena.h"
#include "dln-optim.h"
#include "dln-status.h"

#include <stddef.h>
#include <stdint.h>

/* --- 2-D loss surfaces ---
 * f(x, y) with value, hand-derived gradient and exact Hessian (closed form
 * for built-ins, forward-over-reverse on a tape for user expressions),
 * grids for contours and gradient fields, optimizer trajectories with
 * divergence detection, and the local stability bound lr < 2/λmax
 * (docs/theory.md#stability).
 *
 * For the shallow narrow net (docs/demos.md#narrow-nets, D05–D07) x is w1 and y
 * is w2: L(w1, w2) = mean((y_i − w1 w2 x_i)²) = Syy − 2 w1 w2 Sxy
 * + (w1 w2)² Sxx with Sxx = mean x², Sxy = mean xy, Syy = mean y².
 *
 * Threads: a surface is read only after it is set up, so it may be
 * evaluated from several threads at once. An expression surface evaluates
 * its tape in a workspace on the stack when the tape needs at most
 * DLN_SURFACE_EXPR_STACK_WORK doubles (about 200 operations); a longer
 * expression uses the surface's own workspace, one thread at a time (set
 * up one surface per thread then).
 *
 * Worked example (the D06 landscape and one GD trajectory):
 *   DlnSurface s;
 *   dln_surface_init (&s, DLN_SURFACE_SHALLOW_NET);  (y = x, 10 points)
 *   double *z = malloc (512 * 512 * sizeof (double));
 *   dln_surface_grid (&s, &s.view, 512, 512, z, NULL, NULL);
 *   DlnOptimParams p;
 *   dln_optim_params_init (&p, DLN_OPTIM_SGD);
 *   p.lr = 0.15;
 *   double xs[41], ys[41], ls[41];
 *   DlnTrajectory tr = { .x = xs, .y = ys, .loss = ls, .capacity = 41 };
 *   dln_surface_descend (&s, &p, NULL, 0.5, -0.5, 40, &tr, &msg); */

typedef struct DlnTape DlnTape;

typedef enum
{
  DLN_SURFACE_RIPPLE,       /* sin(x² + y²), D01 */
  DLN_SURFACE_SHALLOW_NET,  /* mean((y − w1 w2 x)²), D05–D07 */
  DLN_SURFACE_QUADRATIC,    /* ½ (u² + κ v²), axes rotated by θ */
  DLN_SURFACE_ROSENBROCK,   /* (1 − x)² + 100 (y − x²)² */
  DLN_SURFACE_HIMMELBLAU,   /* (x² + y − 11)² + (x + y² − 7)² */
  DLN_SURFACE_BEALE,        /* Σ (c_k − x + x y^k)², c = 1.5, 2.25, 2.625 */
  DLN_SURFACE_SADDLE,       /* x² − y² */
  DLN_SURFACE_PLATEAU,      /* 1 − exp(−(x² + y²)) */
  DLN_SURFACE_EXPR,         /* a user expression in x and y */
  DLN_SURFACE_COUNT
} DlnSurfaceKind;

typedef struct
{
  double xmin, xmax;
  double ymin, ymax;
} DlnViewBox;

typedef struct
{
  double x, y;
} DlnPoint;

#define DLN_SURFACE_MAX_POINTS 4     /* known minima or saddles per surface */
#define DLN_SURFACE_FORMULA_MAX 320  /* bytes of formula text, NUL included */
#define DLN_SURFACE_EXPR_STACK_WORK 2048  /* doubles (16 KiB of stack) */

/* Divergence: a trajectory stops when a position or loss is NaN/Inf, or
 * when |x| or |y| exceeds this box (far beyond every view box, far below
 * where polynomial losses overflow, so drawing code never sees a point it
 * cannot scale). */
#define DLN_SURFACE_DIVERGENCE_BOX 1e12

/* D06's course run on the shallow net (docs/demos.md#d06), written here
 * only: the landscape page's sliders and start points and the catalogue's
 * loss-landscape and loss-landscape-race options (through G_STRINGIFY;
 * the starts as the options' text "X,Y;X,Y;...") read them. */
#define DLN_SURFACE_COURSE_LR        0.15
#define DLN_SURFACE_COURSE_EPOCHS    40
#define DLN_SURFACE_COURSE_MOMENTUM  0.9  /* the race's one slider: μ and
                                           * Adam's β1 (dln_optim_params_race) */
#define DLN_SURFACE_COURSE_STARTS    "0.5,-0.5;0.55,-0.45;-1.8,1.7"

/* D01's course figure (docs/demos.md#d01): sin(x² + y²) over ±3 on a 301²
 * grid (step 0.02), 20 filled levels, 11 × 11 arrows over ±2.5, quiver
 * scale 50. Written here only: the gradient-field page and the
 * catalogue's "gradient-field" options (G_STRINGIFY) read them. */
#define DLN_SURFACE_FIELD_EXPR          "sin(x^2 + y^2)"
#define DLN_SURFACE_FIELD_EXTENT        3
#define DLN_SURFACE_FIELD_SAMPLES       301
#define DLN_SURFACE_FIELD_LEVELS        20
#define DLN_SURFACE_FIELD_ARROW_EXTENT  2.5
#define DLN_SURFACE_FIELD_ARROWS        11
#define DLN_SURFACE_FIELD_QUIVER_SCALE  50

/* A surface: plain data. Set it up with dln_surface_init () (+ the
 * setters), dln_surface_init_by_name () or dln_surface_init_expr (); read
 * the fields, change them only through the setters. */
typedef struct
{
  DlnSurfaceKind kind;
  const char    *name;       /* "ripple", "shallow-net", ..., "expr" */
  char           formula[DLN_SURFACE_FORMULA_MAX];  /* in x, y; built-ins
                              * are valid dln-expr text with their numbers */
  DlnViewBox     view;       /* default view box */
  int            n_minima;   /* isolated known minima (global or local) */
  DlnPoint       minima[DLN_SURFACE_MAX_POINTS];
  int            n_saddles;  /* known saddle points */
  DlnPoint       saddles[DLN_SURFACE_MAX_POINTS];
  /* SHALLOW_NET: sufficient statistics of the data (means) */
  double         sxx, sxy, syy;
  /* QUADRATIC: eigenvalues 1 and cond, eigenvector of 1 at angle theta;
   * f = ½ (q11 x² + 2 q12 x y + q22 y²) */
  double         cond, theta;  /* κ >= 1; radians */
  double         q11, q12, q22;
  /* EXPR: borrowed from the arena given to dln_surface_init_expr () */
  const DlnTape *tape;
  double        *work;         /* tape workspace for long expressions */
} DlnSurface;

/* dln_surface_kind_name / dln_surface_kind_from_name:
 * The CLI name of a kind, and back (DLN_SURFACE_COUNT when unknown or
 * NULL; "expr" is not accepted by from_name: use dln_surface_init_expr). */
const char    *dln_surface_kind_name      (DlnSurfaceKind     kind);
DlnSurfaceKind dln_surface_kind_from_name (const char        *name);

/* dln_surface_init:
 * @s:    not NULL
 * @kind: a built-in kind (not DLN_SURFACE_EXPR: caller bug)
 * Sets up @kind with its defaults: SHALLOW_NET on gen_samples(10, 1.0, 0)
 * (x = 10 evenly spaced points on [0, 1], y = x: Sxx = Sxy = Syy =
 * 0.35185185..., solutions w1 w2 = 1); QUADRATIC with cond 10 and theta 0
 * (H = diag(1, 10), docs/theory.md#stability). */
void           dln_surface_init           (DlnSurface        *s,
                                           DlnSurfaceKind     kind);

/* dln_surface_init_by_name:
 * As dln_surface_init () for the kind called @name.
 * Returns DLN_STATUS_OK or DLN_STATUS_INVALID_INPUT (unknown name; @msg
 * lists the valid ones). */
DlnStatus      dln_surface_init_by_name   (DlnSurface        *s,
                                           const char        *name,
                                           DlnMessage        *msg);

/* dln_surface_init_expr:
 * @text:  expression in the variables x and y (either may be absent)
 * @arena: owns the parsed expression, tape and workspace; not NULL
 * Returns DLN_STATUS_OK, DLN_STATUS_INVALID_INPUT (syntax error or a
 * variable other than x and y; @msg->column points at it) or
 * DLN_STATUS_NO_MEMORY. */
DlnStatus      dln_surface_init_expr      (DlnSurface        *s,
                                           const char        *text,
                                           DlnArena          *arena,
                                           DlnMessage        *msg);

/* dln_surface_set_data:
 * @s: a SHALLOW_NET surface (caller bug otherwise)
 * @x, @y: @n >= 1 samples each; read only
 * Replaces the data by its sufficient statistics; updates the formula.
 * Returns DLN_STATUS_OK or DLN_STATUS_INVALID_INPUT (non-finite data, or
 * all x zero: no solution hyperbola). */
DlnStatus      dln_surface_set_data       (DlnSurface        *s,
                                           const double      *x,
                                           const double      *y,
                                           size_t             n,
                                           DlnMessage        *msg);

/* dln_surface_set_quadratic:
 * @s:     a QUADRATIC surface (caller bug otherwise)
 * @cond:  condition number κ, finite and >= 1
 * @theta: rotation of the eigenvector of eigenvalue 1, radians
 * Returns DLN_STATUS_OK or DLN_STATUS_INVALID_INPUT. */
DlnStatus      dln_surface_set_quadratic  (DlnSurface        *s,
                                           double             cond,
                                           double             theta,
                                           DlnMessage        *msg);

/* dln_surface_shallow_product:
 * For a SHALLOW_NET surface: the solution set is the hyperbola
 * x·y = Sxy/Sxx (both branches) with loss Syy − Sxy²/Sxx, and the origin
 * is a saddle (eigenvalues ±2|Sxy|). Returns 1 and fills @product and
 * @loss_min (both nullable); returns 0 for every other kind. */
int            dln_surface_shallow_product (const DlnSurface *s,
                                            double           *product,
                                            double           *loss_min);

/* dln_surface_value:
 * Returns f(x, y) (NaN/Inf where the surface is; never asserts on them). */
double         dln_surface_value          (const DlnSurface  *s,
                                           double             x,
                                           double             y);

/* dln_surface_grad:
 * @grad: receives (∂f/∂x, ∂f/∂y); not NULL
 * Returns f(x, y). */
double         dln_surface_grad           (const DlnSurface  *s,
                                           double             x,
                                           double             y,
                                           double             grad[2]);

/* dln_surface_hessian:
 * @grad: (nullable) receives the gradient
 * @hess: receives [[fxx, fxy], [fxy, fyy]] row-major; not NULL
 * Exact: closed form, or forward-over-reverse for expressions.
 * Returns f(x, y). */
double         dln_surface_hessian        (const DlnSurface  *s,
                                           double             x,
                                           double             y,
                                           double             grad[2],
                                           double             hess[4]);

/* dln_surface_grid:
 * @box:    region; xmin < xmax, ymin < ymax (caller bug otherwise)
 * @nx, @ny: samples per axis, >= 2 each; the ends of @box included
 * @values: (nullable) receives f, [ny, nx] row-major: row j is
 *          y = ymin + j (ymax − ymin)/(ny − 1), column i likewise in x
 * @gx, @gy: (nullable) receive ∂f/∂x and ∂f/∂y in the same layout
 * Evaluates the surface on the grid. Non-finite values are stored as they
 * are (drawing code skips them). */
void           dln_surface_grid           (const DlnSurface  *s,
                                           const DlnViewBox  *box,
                                           size_t             nx,
                                           size_t             ny,
                                           double            *values,
                                           double            *gx,
                                           double            *gy);

/* --- Curvature and the stability bound --- */

typedef struct
{
  double x, y;
  double value;
  double grad[2];
  double hess[4];       /* row-major [2, 2] */
  double eig[2];        /* eigenvalues, ascending */
  double evec[4];       /* row-major; column i is the unit eigenvector of
                         * eig[i] */
  double lambda_max;    /* eig[1] */
  int    bounded;       /* 1 when λmax > 0 */
  double lr_crit;       /* 2/λmax when bounded, else INFINITY: GD is
                         * locally stable for lr < lr_crit */
} DlnCurvature;

/* dln_surface_curvature:
 * @scratch: arena for the eigensolver's workspace (rewound before
 *           returning); not NULL
 * @out:     not NULL
 * Hessian at (x, y), its eigenpairs (dln_linalg_eigh) and lr < 2/λmax.
 * Returns DLN_STATUS_OK, DLN_STATUS_INVALID_INPUT (non-finite value,
 * gradient or Hessian: @out keeps them, eigenvalues and lr_crit NaN),
 * DLN_STATUS_NO_MEMORY or DLN_STATUS_NUMERIC. */
DlnStatus      dln_surface_curvature      (const DlnSurface  *s,
                                           double             x,
                                           double             y,
                                           DlnArena          *scratch,
                                           DlnCurvature      *out,
                                           DlnMessage        *msg);

/* --- Trajectories ---
 * Point k is the position after k optimizer steps (point 0 is the start)
 * and loss[k] = f(point k). The course's D05–D07 record (loss before each
 * update, weights after it) is epoch e = 1..N: weights = point e,
 * loss = loss[e − 1]. */

typedef struct
{
  double *x, *y, *loss;   /* caller-owned, @capacity values each */
  size_t  capacity;       /* >= steps + 1 for a full run */
  size_t  n_points;       /* finite, in-box points recorded (>= 1) */
  int     diverged;       /* 1 when the run stopped early */
  size_t  diverged_step;  /* the step whose result diverged (>= 1) */
  double  div_x, div_y;   /* that step's position; a finite coordinate
                           * beyond the box is stored as ±INFINITY */
  double  div_loss;       /* f at (div_x, div_y) as stored: NaN or ±Inf */
  DlnProgressFunc progress; /* (nullable) after every step: (steps made,
                             * steps); leave zero when not wanted */
  void   *progress_data;
} DlnTrajectory;

/* dln_surface_descend:
 * @params:   optimizer; checked first
 * @schedule: (nullable) lr schedule over steps (epoch = step − 1), the base
 *            lr being params->lr; NULL is constant
 * @x0, @y0:  start
 * @steps:    optimizer steps to take; @traj->capacity must be >= steps + 1
 *            (caller bug otherwise)
 * @traj:     not NULL; its arrays are filled and the counters set
 * Runs @steps steps of the optimizer on f. A step whose position or loss
 * is NaN/Inf, or whose position leaves the DLN_SURFACE_DIVERGENCE_BOX,
 * stops the run: it is not among the points, diverged_step names it and
 * div_* hold it.
 * Returns DLN_STATUS_OK, DLN_STATUS_DIVERGED (@msg says at which step and
 * why) or DLN_STATUS_INVALID_INPUT (bad hyperparameters or schedule, or a
 * start that is not finite or outside the box: no points then; or a loss
 * that is not finite at the start: the start is the only point). */
DlnStatus      dln_surface_descend        (const DlnSurface     *s,
                                           const DlnOptimParams *params,
                                           const DlnSchedule    *schedule,
                                           double                x0,
                                           double                y0,
                                           size_t                steps,
                                           DlnTrajectory        *traj,
                                           DlnMessage           *msg);

/* --- The D05 trainer: shallow narrow net by plain gradient descent ---
 * ŷ = w1·w2·x, L = mean((y − ŷ)²) (no ½; docs/demos.md#narrow-nets), per-sample
 * gradients g1 = −mean(2 w2 x E), g2 = −mean(2 w1 x E), E = y − ŷ,
 * evaluated over the data as the course does (not through the sufficient
 * statistics, so the numbers follow its rounding).
 * @x, @y:   @n >= 1 samples; read only
 * @w1, @w2: initial weights
 * @lr:      learning rate
 * @epochs:  updates
 * @loss:    (nullable) receives @epochs values: the loss before update e
 * @w1_out, @w2_out: (nullable) receive @epochs values: weights after
 *           update e (docs/demos.md#recording)
 * Returns DLN_STATUS_OK or DLN_STATUS_DIVERGED (a non-finite loss or
 * weight; the arrays after it hold NaN, as the course's pre-filled
 * arrays do); @msg names the epoch. */
DlnStatus      dln_narrow_train           (const double      *x,
                                           const double      *y,
                                           size_t             n,
                                           double             w1,
                                           double             w2,
                                           double             lr,
                                           size_t             epochs,
                                           double            *loss,
                                           double            *w1_out,
                                           double            *w2_out,
                                           DlnMessage        *msg);

/* --- The D05 experiment: the course's shallow net on its own data ---
 * One run, written once for the shallow-net page, the figure catalogue
 * ("shallow-net") and `dlnlab-cli export`: seed, gen_samples (n, a, σ)
 * (docs/demos.md#linear-samples), dln_narrow_train () from (w1, w2), and
 * the least-squares slope the product w1·w2 should reach. The defaults
 * are the course's (docs/demos.md#narrow-nets); the figure options print
 * them with G_STRINGIFY, so each is written here only. */

#define DLN_NARROW_W1      1.4
#define DLN_NARROW_W2      -1.6
#define DLN_NARROW_LR      0.02
#define DLN_NARROW_EPOCHS  211
#define DLN_NARROW_SEED    2021
#define DLN_NARROW_SAMPLES 73
#define DLN_NARROW_SLOPE   2
#define DLN_NARROW_NOISE   0.2
/* the course's evaluation inputs of the fitted line, evenly on [0, 1] */
#define DLN_NARROW_N_EVAL  37

typedef struct
{
  double   w1, w2;    /* initial weights */
  double   lr;        /* learning rate */
  size_t   epochs;    /* updates (>= 1) */
  uint64_t seed;      /* DlnRng seed of the data draw */
  size_t   samples;   /* n (>= 1) */
  double   slope;     /* a of y = a x + noise */
  double   noise;     /* σ (<= 0: no noise, evenly spaced x) */
} DlnNarrowParams;

typedef struct
{
  double *x, *y;      /* [samples] the data, filled by the run */
  double *loss;       /* (nullable) [epochs] as dln_narrow_train () */
  double *w1, *w2;    /* (nullable) [epochs] as dln_narrow_train () */
  double  slope;      /* the best w1·w2: Σxy / Σxx (NaN if Σxx = 0) */
  double *eval_x;     /* (nullable) [DLN_NARROW_N_EVAL] the fitted line's
                       * inputs, evenly on [0, 1] */
} DlnNarrowResult;

/* dln_narrow_params_init:
 * The course's run: w = (1.4, −1.6), η = 0.02, 211 epochs, seed 2021,
 * gen_samples (73, 2, 0.2). */
void           dln_narrow_params_init     (DlnNarrowParams   *params);

/* dln_narrow_run:
 * @params: read only
 * @result: its arrays are the caller's, sized as stated; receives the
 *          data, the run, the slope and the evaluation inputs
 * Returns DLN_STATUS_OK, DLN_STATUS_DIVERGED (drawn: @msg names the epoch,
 * the rest of the arrays is NaN) or DLN_STATUS_INVALID_INPUT (no samples
 * or epochs, or a non-finite parameter). */
DlnStatus      dln_narrow_run             (const DlnNarrowParams *params,
                                           DlnNarrowResult   *result,
                                           DlnMessage        *msg);
