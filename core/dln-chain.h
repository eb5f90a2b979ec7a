#pragma once

#include "dln-status.h"

#include <stddef.h>
#include <stdint.h>

/* --- The course's deep narrow linear chain (D08–D12) ---
 * docs/demos.md#narrow-nets.
 * n scalar weights w_1 .. w_n in a row, yhat = (∏ w_i) x, on 1-D samples
 * (x_j, y_j), j < m. Loss (with the ½, as the course):
 *   L = mean_j ((y_j − yhat_j)² / 2)
 * Gradient, with E_j = y_j − yhat_j and p = ∏ w_i:
 *   COURSE  g_i = −mean_j (x_j E_j) · p / (w_i + 1e−9)   (the course's
 *           division standing in for ∏_{j≠i} w_j; use it to compare with
 *           the course: it differs from the exact one by O(1e−9 / w_i))
 *   EXACT   g_i = −mean_j (x_j E_j) · ∏_{j≠i} w_j        (prefix/suffix
 *           products, no division)
 * Routine (docs/demos.md#recording): full-batch GD w <- w − η g for each epoch;
 * loss[e] is the loss before update e, in an array pre-filled with NaN. A
 * non-finite gradient (or loss) at epoch e ends the run before recording
 * loss[e]: loss[e ..] stay NaN and the run reports DLN_STATUS_DIVERGED at epoch
 * e.
 *
 * Weight counts: the course's D08, D09 and D12 use depth + 1 weights, D10
 * and D11 exactly depth; dln_chain_weight_count () makes the choice
 * explicit at every call site. */

typedef enum
{
  DLN_CHAIN_GRAD_COURSE,  /* p / (w_i + 1e-9), as the course computes it */
  DLN_CHAIN_GRAD_EXACT,   /* ∏_{j≠i} w_j */
} DlnChainGrad;

typedef enum
{
  DLN_CHAIN_COUNT_DEPTH_PLUS_ONE,  /* D08, D09, D12 */
  DLN_CHAIN_COUNT_DEPTH,           /* D10, D11 */
} DlnChainCount;

#define DLN_CHAIN_MAX_WEIGHTS     4096  /* the course goes up to 61 */
#define DLN_CHAIN_DEFAULT_EPOCHS  600
#define DLN_CHAIN_DEFAULT_INIT    0.9   /* every weight's start */
#define DLN_CHAIN_DEFAULT_LR      0.01
#define DLN_CHAIN_DEFAULT_SAMPLES 100   /* gen_samples (100, 2.0, 0.1) */
#define DLN_CHAIN_SLOPE           2.0
#define DLN_CHAIN_NOISE           0.1
#define DLN_CHAIN_CONVERGED_LOSS  1e-2  /* D10's rule */
#define DLN_CHAIN_DEFAULT_SEED    2021  /* docs/demos.md#seeds */

/* Each Tutorial 2 page's own course settings (docs/demos.md#d08 ..
 * #d12), written here only: the pages' property defaults, the figure
 * catalogue's options (through G_STRINGIFY, so plain numbers only) and
 * the tests read them. Unnamed settings are the DLN_CHAIN_DEFAULT_ ones. */
#define DLN_CHAIN_DEPTH_DEMO_DEPTH    0      /* D08: the depth slider's start */
#define DLN_CHAIN_LR_DEMO_DEPTH       50     /* D09: 51 weights */
#define DLN_CHAIN_LR_DEMO_LR          0.005  /* D09: the η slider's start */
#define DLN_CHAIN_GAME_DEPTHS         6      /* D10: depths 10, 20, .. 60 */
#define DLN_CHAIN_GAME_DEPTH          10     /* D10: the first depth */
#define DLN_CHAIN_GAME_LR             0.005  /* D10: the η slider's start */
#define DLN_CHAIN_GAME_LR_STEP        0.005  /* .. and its step */
#define DLN_CHAIN_GAME_LR_STEPS       21     /* the slider: 0.005 .. 0.105 */
#define DLN_CHAIN_GAME_LR_MIN         0.001  /* typed values from here */
#define DLN_CHAIN_GAME_LR_MAX         0.105
#define DLN_CHAIN_INIT_DEMO_DEPTH     15     /* D11: exactly 15 weights */
#define DLN_CHAIN_INIT_DEMO_LR        0.02
#define DLN_CHAIN_INIT_DEMO_EPOCHS    250
#define DLN_CHAIN_INIT_DEMO_RUNS      8      /* starts 0.70, 0.75, .. 1.05 */
#define DLN_CHAIN_PLAYGROUND_DEPTH    25     /* D12 */
#define DLN_CHAIN_PLAYGROUND_LR       0.005

typedef struct
{
  size_t       n_weights;    /* 1 .. DLN_CHAIN_MAX_WEIGHTS */
  double       init_weight;  /* every w_i starts here */
  double       lr;           /* η */
  size_t       epochs;       /* course: 600 */
  DlnChainGrad grad;
  DlnProgressFunc progress;  /* (nullable) after every update:
                              * (updates made, epochs) */
  void        *progress_data;
} DlnChainParams;

/* dln_chain_weight_count:
 * Returns depth + 1 or depth, as @count says. */
size_t     dln_chain_weight_count   (size_t        depth,
                                     DlnChainCount count);

/* dln_chain_params_init:
 * @n_weights: the count from dln_chain_weight_count ()
 * D08's defaults: init 0.9, η 0.01, 600 epochs, the course's gradient. */
void       dln_chain_params_init    (DlnChainParams *params,
                                     size_t          n_weights);

/* dln_chain_train:
 * @x, @y:     [m] samples (m >= 1); read only
 * @loss:      [params->epochs] output; filled with NaN first, then loss[e]
 *             for every completed epoch
 * @weights:   (nullable) [n_weights] final weights
 * @n_done:    (nullable) receives the number of completed epochs
 * Returns DLN_STATUS_OK, DLN_STATUS_DIVERGED (non-finite gradient or loss;
 * @msg names the epoch, *n_done is that epoch) or DLN_STATUS_INVALID_INPUT
 * (n_weights out of range, m = 0, non-finite η or init: the message says
 * which). */
DlnStatus  dln_chain_train          (const DlnChainParams *params,
                                     const double         *x,
                                     const double         *y,
                                     size_t                m,
                                     double               *loss,
                                     double               *weights,
                                     size_t               *n_done,
                                     DlnMessage           *msg);

/* dln_chain_gen_samples:
 * @x, @y: [m] outputs
 * dln_gen_samples (m, a, σ) drawn from a DlnRng seeded with @seed. */
void       dln_chain_gen_samples    (uint64_t  seed,
                                     size_t    m,
                                     double    a,
                                     double    sigma,
                                     double   *x,
                                     double   *y);

/* --- The course's chain run (D08-D12) ---
 * One experiment for the Tutorial 2 pages, the figure catalogue and
 * `dlnlab-cli chain`: draw gen_samples (samples, 2.0, 0.1) from @seed,
 * then train dln_weight_count (depth, count) weights, all starting at
 * init_weight. */
typedef struct
{
  size_t        depth;        /* the slider's depth */
  DlnChainCount count;        /* what that depth means in weights */
  double        init_weight;
  double        lr;
  size_t        epochs;
  uint64_t      seed;         /* of the samples */
  size_t        samples;      /* m >= 1 */
  DlnChainGrad  grad;
  DlnProgressFunc progress;   /* (nullable) as DlnChainParams.progress */
  void         *progress_data;
} DlnChainCourse;

/* dln_chain_depth_lr:
 * D08's η at @depth: 0.02 for the single weight of depth 0, else
 * DLN_CHAIN_DEFAULT_LR. */
double     dln_chain_depth_lr       (size_t          depth);

/* dln_chain_init_demo_weight:
 * @run: 0 .. DLN_CHAIN_INIT_DEMO_RUNS - 1
 * D11's start of run @run: 0.70 + 0.05 @run, rounded to two decimals so
 * that it is the double nearest to the number the course prints. */
double     dln_chain_init_demo_weight (size_t        run);

/* dln_chain_game_depth:
 * @stage: 0 .. DLN_CHAIN_GAME_DEPTHS - 1
 * D10's depth (and weight count) at @stage: 10, 20, .., 60. */
size_t     dln_chain_game_depth     (size_t        stage);

/* dln_chain_course_init:
 * D08's run: depth 1 with depth + 1 weights, init 0.9, η 0.01, 600
 * epochs, seed 2021, 100 samples, the course's gradient. */
void       dln_chain_course_init    (DlnChainCourse *course);

/* dln_chain_course_run:
 * @loss, @weights, @n_done: as dln_chain_train (); @loss has
 *          course->epochs entries
 * Returns what dln_chain_train () returns, DLN_STATUS_INVALID_INPUT when
 * the count leaves no weights or too many, or DLN_STATUS_NO_MEMORY. */
DlnStatus  dln_chain_course_run     (const DlnChainCourse *course,
                                     double               *loss,
                                     double               *weights,
                                     size_t               *n_done,
                                     DlnMessage           *msg);

/* dln_chain_learning_time:
 * @loss: [n] a run's losses (NaN where not recorded)
 * D10's convergence rule: the run converged when some epoch has loss below
 * @threshold (course: DLN_CHAIN_CONVERGED_LOSS) and every later epoch stays
 * below it (a NaN tail counts as not below). Returns that first epoch, or
 * −1 when the run did not converge. */
long       dln_chain_learning_time  (const double *loss,
                                     size_t        n,
                                     double        threshold);
