#pragma once

#include "dln-dataset.h"
#include "dln-model.h"
#include "dln-status.h"
#include "dln-train.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* --- The Tutorial 3 course run ---
 * One experiment, written once and used by the D14-D18 pages (through
 * DlnRun), the figure catalogue and `dlnlab-cli train`: build the course's
 * deep linear net (D weight matrices, hidden width H), draw its weights
 * from a seed, train it by full-batch gradient descent on a dataset
 * (dln-train: the exact reduced path when its premises hold) and compute
 * the theory beside it.
 *
 * Every array of the result is indexed by *state*: row e is the network
 * after e updates (row 0 = the initial weights), as dln-train records it.
 * The course prints its epoch e with the loss of state e and the singular
 * values of state e + 1; views that follow the course do that mapping.
 *
 * Theory (per data mode k, with s_eff[k], the starting strength u0[k] and
 * the trainer's per-epoch rate h = 1/τ):
 *   discrete  the exact discrete map a ← a + h a^{D−1}(s_eff − a^D),
 *             u = a^D (what gradient descent does on the balanced
 *             aligned manifold);
 *   closed    gradient flow: the sigmoid for D = 2, the integrated depth
 *             curve otherwise (it runs early when h·s is not small);
 * and the loss, the tracked output and the hidden-layer RSM each
 * predicts. u0 is dln_analysis_path_u0 (): a_k(0) for D = 1, the
 * effective start (docs/theory.md#effective-start) for D = 2, the nearest
 * balanced aligned path for D >= 3; exactly 0 beyond the rank bound,
 * where both curves stay 0. A mode whose start is not below s_eff (or
 * negative, D >= 2) has no curve (NaN). Theory needs whitened inputs
 * (Σ_x = c I); otherwise its arrays stay NaN. */

typedef enum
{
  DLN_COURSE_INIT_NORMAL,         /* N(0, (γ/√(n_in + n_out))²), the course */
  DLN_COURSE_INIT_TORCH_DEFAULT,  /* torch.nn.Linear's U(±1/√fan_in) (D18) */
} DlnCourseInit;

/* Asked between stages; returns true to stop (the result is then
 * incomplete and must not be shown). */
typedef bool (*DlnCourseCancelled) (void *data);

typedef struct
{
  double          lr;           /* η (> 0) */
  double          init_scale;   /* γ (>= 0); INIT_NORMAL only */
  DlnCourseInit   init;
  size_t          depth;        /* D, weight matrices (>= 1) */
  size_t          hidden;       /* H (>= 1) */
  size_t          epochs;       /* updates (DLN_COURSE_EPOCHS) */
  uint64_t        init_seed;    /* DlnRng seed of the initial weights */
  const DlnModel *start;        /* (nullable) start from these weights
                                 * instead (depth, hidden, init ignored);
                                 * read during dln_course_run () only */
  DlnTrainPath    path;
  size_t          n_track;      /* 0 or 1 */
  size_t          track_item;   /* row of the dataset */
  size_t          track_feature;
  bool            theory;       /* compute the theory arrays */
  size_t          rsm_layer;    /* hidden layer (1 … D − 1) of
                                 * rsm_predicted; clamped */
  bool            keep_weights; /* fill result->trained */
  DlnCourseCancelled cancelled; /* (nullable) */
  void           *cancel_data;
  DlnProgressFunc progress;     /* (nullable) after every epoch of the
                                 * training: (epochs done, epochs) */
  void           *progress_data;
} DlnCourseParams;

typedef struct
{
  DlnStatus              status;   /* OK or DIVERGED (a result, drawn) */
  const DlnTrainer      *trainer;  /* the run's trainer */
  const DlnTrainRecord  *record;   /* its record (states 0 … n_states − 1) */
  const DlnTrainModes   *modes;    /* the data's modes as the trainer
                                    * measures strengths in them */
  const DlnModel        *init;     /* the initial weights */
  const DlnModel        *trained;  /* final weights if keep_weights (not
                                    * finite if the run diverged), else
                                    * NULL */
  size_t                 n_modes;  /* K */
  size_t                 n_items;  /* P */
  size_t                 n_rows;   /* epochs + 1: rows of the arrays below */
  double                 h;        /* the discrete map's rate (NaN if no
                                    * theory) */
  double                 tau;      /* 1/h, epochs */
  size_t                 rank_bound; /* modes the net can learn
                                      * (dln_analysis_rank_bound) */
  double                 loss_floor; /* the loss with those modes learned
                                      * (NaN if no theory) */
  double                *u0;             /* [K] theory's starts */
  double                *theory_discrete;/* [n_rows, K] */
  double                *theory_closed;  /* [n_rows, K] */
  double                *loss_discrete;  /* [n_rows] */
  double                *loss_closed;    /* [n_rows] */
  double                *track_discrete; /* [n_rows] (NaN if not tracked) */
  double                *mode_track;     /* [K] U_{f,k} (v_k · x_item) */
  double                *rsm_predicted;  /* [n_rows, P, P] of rsm_layer */
} DlnCourseResult;

/* What one run leaves for the next on the same cache, so a slider move
 * retrains without redoing what did not change: the trainer (the data's
 * QR and SVD), the initial weights and the scratch memory. The result of
 * a run lives in the cache until its next run or its end. Not
 * thread-safe: one run at a time per cache. */
typedef struct DlnCourseCache DlnCourseCache;

/* The course's standard run (docs/demos.md#d14), written here only: the
 * pages' pspec defaults, the figure catalogue's options and
 * `dlnlab-cli train`'s table use these (the tables print them with
 * G_STRINGIFY, so each is written as its option's text). */
#define DLN_COURSE_LR         100     /* η */
#define DLN_COURSE_INIT_SCALE 1e-12   /* γ, a power of ten (the pages
                                       * move it in decades) */
#define DLN_COURSE_DEPTH      2       /* D, weight matrices */
#define DLN_COURSE_HIDDEN     30      /* H */
#define DLN_COURSE_EPOCHS     250
#define DLN_COURSE_SEED       DLN_DATASET_DEFAULT_SEED /* data and weights */

/* D16: the epoch whose hidden-layer RSM is shown first (two modes
 * learned; the course opens at 61, before anything is). */
#define DLN_COURSE_RSM_EPOCH  130

/* The zero-depth net of docs/demos.md#d18: its SGD step. */
#define DLN_COURSE_ZERO_DEPTH_LR 1000

/* dln_course_params_init:
 * The course's standard run (the DLN_COURSE_ values above): normal init,
 * weights from DLN_COURSE_SEED, path AUTO, nothing tracked, no theory,
 * RSM prediction of hidden layer 1. */
void             dln_course_params_init  (DlnCourseParams *params);

/* dln_course_params_zero_depth:
 * Turns @params into D18's zero-depth net, trained beside the course's
 * deep one on the same data: one Linear layer (D = 1) from PyTorch's
 * default init (the course's γ is not used), SGD at
 * DLN_COURSE_ZERO_DEPTH_LR; seed, epochs and the rest are kept. */
void             dln_course_params_zero_depth (DlnCourseParams *params);

/* dln_course_params_track_dataset:
 * Tracks @ds's own illusory pair (tree-shark, tree-parrot), if it has
 * one; otherwise leaves @params as it is. */
void             dln_course_params_track_dataset (DlnCourseParams *params,
                                                  const DlnDataset *ds);

/* dln_course_cache_new:
 * Returns an empty cache (free with dln_course_cache_free), or NULL when
 * memory is exhausted. */
DlnCourseCache  *dln_course_cache_new    (void);

/* dln_course_cache_free:
 * @cache: (nullable) */
void             dln_course_cache_free   (DlnCourseCache *cache);

/* dln_course_run:
 * @params: read only
 * @ds:     the data; copied into @cache when it changed
 * @cache:  reused between runs; owns what @result points to
 * @result: receives the run (valid until the next run on @cache)
 * Returns DLN_STATUS_OK (result->status says whether the loss diverged:
 * the record then stops there and the theory still covers every row);
 * DLN_STATUS_INVALID_INPUT (parameters or shapes the trainer refuses, a
 * tracked pair out of range, @start shaped unlike @ds); DLN_STATUS_NUMERIC
 * (LAPACK failed); or DLN_STATUS_NO_MEMORY. A cancelled run returns OK
 * with a partial result. */
DlnStatus        dln_course_run          (const DlnCourseParams *params,
                                          const DlnDataset      *ds,
                                          DlnCourseCache        *cache,
                                          DlnCourseResult       *result,
                                          DlnMessage            *msg);

/* dln_course_result_course_loss:
 * The course's epoch @epoch (0-based): the loss of state @epoch (the
 * forward pass before that epoch's update), including the non-finite loss
 * of the state where the run diverged; NaN when not reached. */
double           dln_course_result_course_loss (const DlnCourseResult *result,
                                                size_t                 epoch);
