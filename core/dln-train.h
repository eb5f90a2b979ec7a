#pragma once

#include "dln-model.h"
#include "dln-optim.h"
#include "dln-status.h"
#include "dln-tensor.h"

#include <stddef.h>

/* --- Training deep linear networks (D14–D18, docs/demos.md#recording) ---
 * Full-batch gradient descent W_l <- W_l − η dL/dW_l on the course's loss
 * L = (1 / (P n_out)) ||X W_totᵀ − Y||² (dln-model.h), with everything the
 * Tutorial 3 demos show recorded at every epoch.
 *
 * Two paths give the same numbers to rounding:
 *   DIRECT   gemm-based forward/backward, any depth, any inputs, any
 *            dln-optim rule (all weights as one flat vector);
 *            O(P H n_out) per epoch plus an SVD of W_tot [n_out, n_in].
 *   REDUCED  the exact reduction of docs/theory.md#reduction, generalised to
 *   any depth:
 *            with whitened inputs (XᵀX = α I) the targets are
 *            T = Yᵀ X / α [n_out, n_in] = Q R (thin QR), W_D = Q A + Q⊥ B,
 *            and only A [n_in, H], a factor C [H, H] with CᵀC = BᵀB and one
 *            1 × H row per tracked feature evolve. O(n_in H² + H³) per
 *            epoch after an O(n_out H (n_in + H)) set-up. The singular
 *            values of W_tot come from an SVD of the stacked [A M; C M]
 *            (M = W_{D-1} ··· W_1), which keeps them accurate relative to
 *            ||W_tot|| like the direct path's, rather than from square
 *            roots of the eigenvalues of Mᵀ (AᵀA + BᵀB) M
 *            (docs/theory.md#reduction), which lose half the digits of small
 *            values.
 * AUTO picks REDUCED when its premises hold (XᵀX = α I to rounding,
 * n_out >= n_in, plain SGD), else DIRECT.
 *
 * Recording convention (two views of one array). State e is the network
 * after e updates (state 0 = the initial weights). Every per-epoch array has
 * one row per state, all columns computed at that state's weights:
 *   loss[e]     L at state e (the forward pass before update e + 1)
 *   sv[e]       singular values of W_tot at state e, descending
 *   strength[e] a_k = u_kᵀ W_tot v_k at state e (u_k, v_k: the data's modes)
 *   rsm[e]      hidden RSM H_l H_lᵀ of every hidden layer l = 1 .. D − 1,
 *               H_l = X W_1ᵀ ··· W_lᵀ [P, dims[l]] (plain dot product, not
 *               cosine: docs/demos.md#d16)
 *   track[e]    Yhat[item, feature] for every tracked pair at state e
 * docs/cli.md's train CSV row e is exactly state e. The course (NMA,
 * docs/demos.md#recording) labels its epoch e (0-based) with the loss, RSM and
 * tracked output of the forward pass before the step (state e) but the singular
 * values after the step (state e + 1): course epoch e = loss[e], rsm[e],
 * track[e], sv[e + 1] (dln_train_record_course_sv ()). */

typedef enum
{
  DLN_TRAIN_PATH_AUTO,     /* REDUCED when its premises hold, else DIRECT */
  DLN_TRAIN_PATH_DIRECT,
  DLN_TRAIN_PATH_REDUCED,  /* refused (INVALID_INPUT) when premises fail */
} DlnTrainPath;

#define DLN_TRAIN_MAX_TRACK 16  /* tracked (item, feature) pairs per run */

typedef struct
{
  double       lr;                                 /* η (> 0) */
  DlnTrainPath path;
  size_t       n_track;                            /* <= DLN_TRAIN_MAX_TRACK */
  size_t       track_item[DLN_TRAIN_MAX_TRACK];     /* row of Y (< P) */
  size_t       track_feature[DLN_TRAIN_MAX_TRACK];  /* column of Y (< n_out) */
  DlnOptimParams optim;  /* the update rule (dln-optim.h) over all weights
                          * as one flat vector; its lr is replaced by @lr.
                          * Default plain SGD (p −= lr g, torch.optim.SGD).
                          * Any other rule (momentum, weight decay, Adam...)
                          * breaks the reduction: AUTO trains directly,
                          * REDUCED is refused. */
} DlnTrainParams;

typedef struct
{
  size_t  capacity;  /* epochs the record can hold; it has capacity + 1 rows */
  size_t  n_states;  /* valid rows: states 0 .. n_states − 1 */
  size_t  n_sv;      /* K = min (n_in, n_out) */
  size_t  n_items;   /* P: each RSM is [P, P] */
  size_t  n_rsm;     /* hidden layers recorded, D − 1 */
  size_t  n_track;
  double *loss;      /* [capacity + 1] */
  double *sv;        /* [capacity + 1][n_sv] */
  double *strength;  /* [capacity + 1][n_sv] */
  double *rsm;       /* [capacity + 1][n_rsm][P][P] */
  double *track;     /* [capacity + 1][n_track] */
  long    diverged_epoch;  /* updates done when L became non-finite, or −1;
                            * that state is not counted in n_states (its
                            * loss is kept in loss[diverged_epoch]) */
} DlnTrainRecord;

/* The data's singular modes (docs/theory.md#conventions, #modes), as the
 * trainer measures its strengths a_k in them.
 * Why not DlnModes (dln-analysis.h)? Both hold the SVD of Σ_yx, but this
 * one is the trainer's own basis: when the data are whitened it comes from
 * the QR factors of T = Yᵀ X / α that the reduced path trains in, so both
 * paths report a_k in one basis. The tree's singular values are degenerate
 * (modes 3-4 and 5-8), so any other SVD (dln_analysis_modes: SVD of Σ_yx,
 * then its sign rule) may pick a different basis inside a group, and the
 * per-mode a_k and the tracked curves would change, not only their signs.
 * It also carries h, and c is NaN (not 0) when the data are not whitened.
 * Use DlnModes for analysis (u0, RSA, predictions) and this for what the
 * trainer recorded; s and s_eff agree to rounding. */
typedef struct
{
  size_t     n_modes;  /* K = min (n_in, n_out) */
  DlnTensor *u;        /* [n_out, K] output (feature) modes */
  DlnTensor *v;        /* [n_in, K] input (item) modes */
  double    *s;        /* [K] singular values of Σ_yx = (1/P) Yᵀ X, descending */
  int        whitened; /* 1 when Σ_x = XᵀX / P = c I (to rounding) */
  double     c;        /* that c (1/P for one-hot items); NaN if !whitened */
  double    *s_eff;    /* [K] s / c: the values a_k converge to (NaN if
                        * !whitened); for one-hot items the singular values
                        * of Yᵀ (158, 122, ... for the course's tree) */
  double     h;        /* per-epoch rate of the exact discrete map
                        * a <- a + h a^{D-1} (s_eff − a^D): h = 2 η c / n_out
                        * (docs/theory.md#one-hidden-layer,
                        * #simulation-vs-theory; 0.0025 for the course's run) */
} DlnTrainModes;

typedef struct DlnTrainer DlnTrainer;

/* dln_train_params_init:
 * The course's standard run (D14): η = 100, plain SGD, path AUTO, nothing
 * tracked. */
void        dln_train_params_init   (DlnTrainParams *params);

/* dln_trainer_new:
 * @init:       initial weights; copied; read only
 * @x:          [P, n_in] inputs (one item per row); copied
 * @y:          [P, n_out] targets; copied
 * @params:     read only; copied
 * @max_epochs: capacity of the record (updates the trainer may make)
 * @out:        receives the trainer (free with dln_trainer_free); it owns
 *              one arena sized for the run, so training never allocates
 * Sets up the run (the data's modes, the path's state); nothing is
 * recorded until dln_trainer_run () (run (trainer, 0) records state 0).
 * Returns DLN_STATUS_OK; DLN_STATUS_INVALID_INPUT (shapes of @x, @y and
 * @init disagree, η not finite and > 0, a tracked pair out of range, too
 * many tracks, non-finite data or weights, optimizer hyperparameters that
 * torch.optim rejects, or REDUCED requested but XᵀX is not a multiple of I,
 * n_out < n_in or the rule is not plain SGD: the message says which);
 * DLN_STATUS_NO_MEMORY; or DLN_STATUS_NUMERIC (LAPACK failed). */
DlnStatus   dln_trainer_new         (const DlnModel       *init,
                                     const DlnTensor      *x,
                                     const DlnTensor      *y,
                                     const DlnTrainParams *params,
                                     size_t                max_epochs,
                                     DlnTrainer          **out,
                                     DlnMessage           *msg);

/* dln_trainer_renew:
 * @trainer: (inout) a trainer or NULL; replaced by the new one, or NULL
 *           on failure (the old one is always gone)
 * As dln_trainer_new () (the same arguments, checks and results), set up
 * in the old trainer's memory when the new run fits in it: new data of
 * the same size costs no fresh pages. */
DlnStatus   dln_trainer_renew       (DlnTrainer          **trainer,
                                     const DlnModel       *init,
                                     const DlnTensor      *x,
                                     const DlnTensor      *y,
                                     const DlnTrainParams *params,
                                     size_t                max_epochs,
                                     DlnMessage           *msg);

/* dln_trainer_reset:
 * @init:   new initial weights, shaped like the trainer's; copied
 * @params: new parameters (lr, optimizer, path, tracks); copied
 * Starts a new run on the same data in the same memory: the data's modes
 * (QR and SVD of the targets) are kept and nothing is allocated, so a GUI
 * can retrain on every slider movement. The record is emptied (capacity
 * unchanged). Returns DLN_STATUS_OK; DLN_STATUS_INVALID_INPUT (a shape
 * differs, or what dln_trainer_new () refuses; the trainer is unchanged);
 * or DLN_STATUS_NUMERIC / DLN_STATUS_NO_MEMORY from the set-up, after
 * which dln_trainer_run () returns that status until a reset succeeds. */
DlnStatus   dln_trainer_reset       (DlnTrainer           *trainer,
                                     const DlnModel       *init,
                                     const DlnTrainParams *params,
                                     DlnMessage           *msg);

/* dln_trainer_free:
 * @trainer: (nullable) */
void        dln_trainer_free        (DlnTrainer *trainer);

/* dln_trainer_run:
 * Makes up to @n_epochs more updates (never past the capacity), recording
 * every state. Returns DLN_STATUS_OK, DLN_STATUS_DIVERGED (the loss became
 * non-finite: the record's diverged_epoch says after how many updates, and
 * further calls return DIVERGED at once) or DLN_STATUS_NUMERIC (an SVD did
 * not converge). The message is kept (dln_trainer_get_message ()). */
DlnStatus   dln_trainer_run         (DlnTrainer *trainer,
                                     size_t      n_epochs);

/* dln_trainer_set_progress:
 * @progress: (nullable) called by dln_trainer_run () after every update
 *            with (updates made in this call, updates asked for)
 * Replaces the previous callback. */
void        dln_trainer_set_progress (DlnTrainer      *trainer,
                                      DlnProgressFunc  progress,
                                      void            *data);

/* Updates made so far. */
size_t      dln_trainer_get_epoch   (const DlnTrainer *trainer);

/* The path in use (DIRECT or REDUCED, never AUTO). */
DlnTrainPath dln_trainer_get_path   (const DlnTrainer *trainer);

/* The record; owned by @trainer, valid until it is freed. */
const DlnTrainRecord *dln_trainer_get_record (const DlnTrainer *trainer);

/* The data's modes; owned by @trainer. */
const DlnTrainModes  *dln_trainer_get_modes  (const DlnTrainer *trainer);

/* The last non-OK outcome's message (empty text when none). */
const DlnMessage     *dln_trainer_get_message (const DlnTrainer *trainer);

/* dln_trainer_get_model:
 * @arena: owns the copy
 * Returns in @out the current weights (REDUCED rebuilds W_D = Q A + Q⊥ B
 * from the set-up's projection and the accumulated H × H factor: one
 * [n_out, H] gemm). Returns DLN_STATUS_OK or DLN_STATUS_NO_MEMORY. */
DlnStatus   dln_trainer_get_model   (const DlnTrainer *trainer,
                                     DlnArena         *arena,
                                     DlnModel        **out,
                                     DlnMessage       *msg);

/* dln_train_record_course_sv:
 * The singular values the course records for its epoch @epoch (0-based,
 * taken after that epoch's step): row @epoch + 1. Returns NULL when that
 * state was not reached. */
const double *dln_train_record_course_sv (const DlnTrainRecord *record,
                                          size_t                epoch);

/* Row accessors (no bounds beyond DLN_ASSERT (state < capacity + 1)). */
const double *dln_train_record_sv       (const DlnTrainRecord *record,
                                         size_t                state);
const double *dln_train_record_strength (const DlnTrainRecord *record,
                                         size_t                state);
/* RSM of hidden layer @layer (1 .. D − 1) at @state: [P, P] row-major. */
const double *dln_train_record_rsm      (const DlnTrainRecord *record,
                                         size_t                state,
                                         size_t                layer);
