#pragma once

#include "dln-arena.h"
#include "dln-status.h"

#include <stddef.h>

/* --- Optimizers ---
 * The six torch.optim update rules of PyTorch 1.13 (docs/theory.md#optimizers,
 * https://pytorch.org/docs/1.13/optim.html), with its defaults and
 * semantics exactly, over one flat parameter vector: the same code moves a
 * point on a 2-D surface and every weight of a network
 * (docs/architecture.md#core-conventions).
 *
 * Worked example (Adam, defaults, 100 steps on a 2-vector):
 *   DlnOptimParams p;
 *   DlnOptim opt;
 *   dln_optim_params_init (&p, DLN_OPTIM_ADAM);
 *   p.lr = 0.01;
 *   dln_optim_init (&opt, &p, NULL);     (2 parameters fit inline)
 *   for (int k = 0; k < 100; k++)
 *     {
 *       grad_of (x, g);
 *       if (dln_optim_step (&opt, x, g, 2, &msg) != DLN_STATUS_OK)
 *         break;                          (msg says why)
 *     }
 *
 * Letters (docs/theory.md#optimizers): p parameters, g gradient (+
 * weight_decay·p), t the step count from 1, b momentum buffer, S Adagrad's sum
 * of squares, v square average, gbar gradient average, m first moment. */

typedef enum
{
  DLN_OPTIM_SGD,       /* torch.optim.SGD (momentum 0 unless set) */
  DLN_OPTIM_MOMENTUM,  /* torch.optim.SGD, momentum 0.9 (heavy ball) */
  DLN_OPTIM_NESTEROV,  /* torch.optim.SGD, momentum 0.9, nesterov=True */
  DLN_OPTIM_ADAGRAD,   /* torch.optim.Adagrad */
  DLN_OPTIM_RMSPROP,   /* torch.optim.RMSprop */
  DLN_OPTIM_ADAM,      /* torch.optim.Adam */
  DLN_OPTIM_COUNT
} DlnOptimKind;

/* Every hyperparameter of every kind; a kind reads only its own (listed
 * after each field). dln_optim_params_init () fills PyTorch's defaults. */
typedef struct
{
  DlnOptimKind kind;
  double lr;                         /* all; > 0 (0 allowed: no motion) */
  double weight_decay;               /* all; L2 term added to g; >= 0 */
  double momentum;                   /* SGD family, RMSprop; >= 0 */
  double dampening;                  /* SGD family; 0 for Nesterov */
  double lr_decay;                   /* Adagrad; >= 0 */
  double initial_accumulator_value;  /* Adagrad; >= 0 */
  double alpha;                      /* RMSprop smoothing; in [0, 1) */
  int    centered;                   /* RMSprop; 0 or 1 */
  double beta1;                      /* Adam; in [0, 1) */
  double beta2;                      /* Adam; in [0, 1) */
  int    amsgrad;                    /* Adam; 0 or 1 */
  double eps;                        /* Adagrad, RMSprop, Adam; >= 0 */
} DlnOptimParams;

/* Inline state: enough doubles for every kind on a 2-D surface (3 slots x
 * 2 parameters), so trajectories need no arena. */
#define DLN_OPTIM_INLINE_STATE 6

/* An optimizer in use: parameters, step count and state. Plain data; the
 * state lives inline or in the arena given to dln_optim_init (). */
typedef struct
{
  DlnOptimParams params;   /* may change between steps (lr schedules) */
  long           t;        /* steps taken so far */
  size_t         n;        /* parameter count, fixed by the first step */
  int            slots;    /* state n-vectors, fixed by the first step */
  double        *state;    /* NULL until the first step; slots * n doubles */
  DlnArena      *arena;    /* borrowed; nullable; where large state goes */
  double         inline_state[DLN_OPTIM_INLINE_STATE];
} DlnOptim;

/* dln_optim_params_init:
 * @params: not NULL; filled for @kind with PyTorch 1.13's defaults:
 *   lr 0.01 (SGD family: torch has no default; 0.01 is the course's
 *   usual order), Adagrad lr 0.01, RMSprop lr 0.01, Adam lr 0.001;
 *   weight_decay 0; momentum 0.9 for MOMENTUM and NESTEROV (torch: 0,
 *   which would make them plain SGD), 0 otherwise; dampening 0; lr_decay 0;
 *   initial_accumulator_value 0; alpha 0.99; centered 0; betas 0.9 and
 *   0.999; amsgrad 0; eps 1e-10 (Adagrad) or 1e-8 (RMSprop, Adam). */
void         dln_optim_params_init   (DlnOptimParams     *params,
                                      DlnOptimKind        kind);

/* dln_optim_params_check:
 * Returns DLN_STATUS_OK, or DLN_STATUS_INVALID_INPUT with the reason in
 * @msg for what torch.optim rejects too (negative or non-finite lr, eps,
 * momentum, weight_decay, lr_decay or initial_accumulator_value; alpha or a
 * beta outside [0, 1); Nesterov without momentum or with dampening). */
DlnStatus    dln_optim_params_check  (const DlnOptimParams *params,
                                      DlnMessage         *msg);

/* Name of a kind ("sgd", "momentum", "nesterov", "adagrad", "rmsprop",
 * "adam"), and back; from_name returns DLN_OPTIM_COUNT for an unknown or
 * NULL name. */
const char  *dln_optim_kind_name     (DlnOptimKind        kind);
DlnOptimKind dln_optim_kind_from_name (const char        *name);

/* dln_optim_state_slots:
 * Returns how many n-vectors of state @params needs (0 .. 3). */
int          dln_optim_state_slots   (const DlnOptimParams *params);

/* dln_optim_init:
 * @opt:    not NULL; (re)initialised, with t = 0 and no state
 * @params: not NULL; copied
 * @arena:  (nullable) borrowed; state larger than the inline buffer is
 *          allocated here on the first step
 * Hyperparameters are checked on the first step, not here. */
void         dln_optim_init          (DlnOptim           *opt,
                                      const DlnOptimParams *params,
                                      DlnArena           *arena);

/* dln_optim_reset:
 * Forgets the step count and zeroes the state (kept allocated), as a new
 * torch optimizer over the same parameters would start. */
void         dln_optim_reset         (DlnOptim           *opt);

/* dln_optim_step:
 * @opt:  not NULL
 * @p:    parameters, @n values; updated in place
 * @grad: gradient of the loss at @p, @n values; read only; may not alias
 *        @p
 * @n:    > 0; must equal the first step's @n (caller bug otherwise)
 * @msg:  (nullable) receives the reason when the result is not OK
 * One torch.optim step. The first step checks the hyperparameters and
 * allocates the state (contiguous, zeroed or initial_accumulator_value).
 * Returns DLN_STATUS_OK, DLN_STATUS_INVALID_INPUT (bad hyperparameters,
 * nothing changed), DLN_STATUS_NO_MEMORY (state does not fit inline and
 * the arena is NULL or full; nothing changed) or DLN_STATUS_DIVERGED (a
 * gradient or an updated parameter is NaN or Inf; the step was applied,
 * so @p shows where it went). */
DlnStatus    dln_optim_step          (DlnOptim           *opt,
                                      double             *p,
                                      const double       *grad,
                                      size_t              n,
                                      DlnMessage         *msg);

/* dln_optim_params_race:
 * @params: filled for @kind with PyTorch's defaults, then @lr, and the
 *          one slider the D06/D07 optimizer race gives them (docs/demos.md,
 *          D06): @mu is the momentum of MOMENTUM and NESTEROV and Adam's
 *          beta1; NESTEROV with @mu = 0 becomes plain SGD (torch rejects
 *          Nesterov without momentum). */
void         dln_optim_params_race   (DlnOptimParams     *params,
                                      DlnOptimKind        kind,
                                      double              lr,
                                      double              mu);

typedef enum
{
  DLN_OPTIM_MOMENT_FIRST,   /* SGD family's buffer b; Adam's m */
  DLN_OPTIM_MOMENT_SECOND,  /* Adagrad's S; RMSprop's and Adam's v */
} DlnOptimMoment;

/* dln_optim_moment:
 * @i: parameter index (< the first step's n)
 * Returns the state the last step left for parameter @i (raw, without
 * Adam's bias correction), or NaN when @opt keeps no such moment or has
 * taken no step yet. */
double       dln_optim_moment        (const DlnOptim     *opt,
                                      DlnOptimMoment      which,
                                      size_t              i);

/* dln_optim_copy:
 * @dst:   receives a copy of @src (parameters, step count, state)
 * @arena: (nullable) where @dst's state goes when it does not fit inline
 * Returns DLN_STATUS_OK or DLN_STATUS_NO_MEMORY (@dst is then a fresh,
 * stateless optimizer with @src's parameters). */
DlnStatus    dln_optim_copy          (DlnOptim           *dst,
                                      const DlnOptim     *src,
                                      DlnArena           *arena);

/* --- Learning-rate schedules ---
 * lr(e) for epoch e = 0, 1, 2, ... (the number of scheduler steps taken,
 * torch's last_epoch), in closed form; each equals its
 * torch.optim.lr_scheduler class to rounding (torch computes some of them
 * recursively):
 *   CONSTANT     base
 *   STEP         base · gamma^floor(e / step_size)           (StepLR)
 *   EXPONENTIAL  base · gamma^e                              (ExponentialLR)
 *   COSINE       eta_min + (base − eta_min)(1 + cos(π e/T_max))/2 for
 *                every e (CosineAnnealingLR: after T_max the cosine goes
 *                on, back up to base at 2 T_max, as torch computes it;
 *                torch's recursive form equals this closed form up to
 *                rounding, about 1e-15 relative over 1000 epochs)
 *   WARMUP       base · (start + (end − start) · min(e, total)/total)
 *                (LinearLR; torch defaults start 1/3, end 1, total 5) */

typedef enum
{
  DLN_SCHEDULE_CONSTANT,
  DLN_SCHEDULE_STEP,
  DLN_SCHEDULE_EXPONENTIAL,
  DLN_SCHEDULE_COSINE,
  DLN_SCHEDULE_WARMUP,
  DLN_SCHEDULE_COUNT
} DlnScheduleKind;

typedef struct
{
  DlnScheduleKind kind;
  double gamma;         /* STEP, EXPONENTIAL; default 0.1 / 0.95 */
  long   step_size;     /* STEP; epochs per decay; > 0; default 30 */
  long   t_max;         /* COSINE; epochs to eta_min (a half period);
                         * > 0; default 100 */
  double eta_min;       /* COSINE; default 0 */
  double start_factor;  /* WARMUP; in (0, 1]; default 1/3 */
  double end_factor;    /* WARMUP; in (0, 1]; default 1 */
  long   total_iters;   /* WARMUP; > 0; default 5 */
} DlnSchedule;

/* dln_schedule_init:
 * @schedule: not NULL; filled with @kind and the defaults above */
void            dln_schedule_init      (DlnSchedule       *schedule,
                                        DlnScheduleKind    kind);

/* dln_schedule_lr:
 * @schedule: (nullable) NULL means constant
 * @epoch:    >= 0
 * Returns the learning rate for @epoch given @base_lr. */
double          dln_schedule_lr        (const DlnSchedule *schedule,
                                        double             base_lr,
                                        long               epoch);

/* dln_schedule_check:
 * Returns DLN_STATUS_OK or DLN_STATUS_INVALID_INPUT (a field out of the
 * range above, with the reason in @msg). */
DlnStatus       dln_schedule_check     (const DlnSchedule *schedule,
                                        DlnMessage        *msg);

/* Name of a kind ("constant", "step", "exponential", "cosine", "warmup")
 * and back (DLN_SCHEDULE_COUNT when unknown or NULL). */
const char     *dln_schedule_kind_name (DlnScheduleKind    kind);
DlnScheduleKind dln_schedule_kind_from_name (const char   *name);
