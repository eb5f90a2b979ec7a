#pragma once

#include "dln-arena.h"
#include "dln-optim.h"
#include "dln-rng.h"
#include "dln-status.h"

#include <stddef.h>

/* --- The course's wide tanh network (D04) ---
 * ŷ = W2·tanh(W1·x + b1) + b2: Linear(1, H) with bias → tanh →
 * Linear(H, 1) with bias, H = 512 in the course. Loss: mean over the n
 * samples of (ŷ − y)², no ½ (docs/demos.md#recording). Forward and backward are
 * written by hand (full batch) and gradchecked in tests/core/test-mlp.c;
 * training uses dln-optim (SGD, lr 0.003, momentum 0.9, torch semantics),
 * and the loss of each step is the one from the forward pass before the
 * update (docs/demos.md#recording). One 1-D input, so each layer is an
 * elementwise loop, not a BLAS call.
 *
 * Letters: H hidden width, n samples; W1, b1, W2 [H]; b2 scalar; z = W1 x
 * + b1, h = tanh z per sample.
 *
 * Worked example (D04: one step, then 1847 epochs):
 *   DlnArena *arena = dln_arena_new (1 << 20);
 *   DlnMlp net;
 *   DlnRng rng;
 *   double loss, curve[1847];
 *   dln_mlp_init (&net, 512, arena, NULL);
 *   dln_rng_init (&rng, 2021);
 *   dln_mlp_reset (&net, &rng);
 *   dln_mlp_step (&net, x, y, 32, &loss, NULL);
 *   for (size_t e = 0; e < 1847; e++)
 *     dln_mlp_step (&net, x, y, 32, &curve[e], NULL); */

typedef struct
{
  size_t   hidden;   /* H */
  double  *params;   /* [3H + 1]: W1 [H], b1 [H], W2 [H], b2 — owned by
                      * the arena given to dln_mlp_init () */
  double  *grad;     /* dL/dparams, same layout; valid after a gradient */
  double  *h;        /* scratch [H]: one sample's hidden activity */
  DlnOptim optim;    /* SGD, lr 0.003, momentum 0.9; change optim.params
                      * before the first step (or dln_optim_reset after) */
  long     epoch;    /* optimizer steps taken since the last reset */
} DlnMlp;

/* Offsets of the blocks in params/grad. */
#define DLN_MLP_W1(m) ((m)->params)
#define DLN_MLP_B1(m) ((m)->params + (m)->hidden)
#define DLN_MLP_W2(m) ((m)->params + 2 * (m)->hidden)
#define DLN_MLP_B2(m) ((m)->params + 3 * (m)->hidden)

/* dln_mlp_bytes:
 * Returns the arena bytes a @hidden-unit network takes: dln_mlp_init ()'s
 * buffers plus the optimizer's state (up to three slots), each rounded up
 * to the arena's alignment. */
size_t    dln_mlp_bytes     (size_t         hidden);

/* dln_mlp_copy:
 * @dst:   initialised by dln_mlp_init () with @src's hidden width in
 *         @arena; receives @src's parameters, epoch and optimizer state
 * Returns DLN_STATUS_OK or DLN_STATUS_NO_MEMORY (@arena full). */
DlnStatus dln_mlp_copy      (DlnMlp        *dst,
                             const DlnMlp  *src,
                             DlnArena      *arena);

/* Number of parameters, 3H + 1 (1537 for H = 512). */
size_t    dln_mlp_n_params  (const DlnMlp  *mlp);

/* dln_mlp_init:
 * @mlp:    not NULL
 * @hidden: H >= 1
 * @arena:  owns parameters, gradient, scratch and optimizer state
 *          (about 7H doubles); not NULL
 * Allocates a zeroed network and sets the optimizer to the course's SGD
 * (lr 0.003, momentum 0.9). Call dln_mlp_reset () to initialise it.
 * Returns DLN_STATUS_OK or DLN_STATUS_NO_MEMORY. */
DlnStatus dln_mlp_init      (DlnMlp        *mlp,
                             size_t         hidden,
                             DlnArena      *arena,
                             DlnMessage    *msg);

/* dln_mlp_reset:
 * @rng: not NULL; advanced by 3H + 1 uniforms
 * PyTorch's default Linear initialisation (docs/demos.md#initialisation): every
 * weight and bias of a layer ~ U(−1/√fan_in, +1/√fan_in), i.e. U(−1, 1) for
 * layer 1 and U(±1/√H) for layer 2, drawn in torch's order W1, b1, W2,
 * b2. The numbers come from DlnRng (xoshiro256**), so they differ from
 * torch's Mersenne-Twister stream for the same seed: same distribution,
 * not the same draws. Restarts the optimizer (epoch 0, zero momentum). */
void      dln_mlp_reset     (DlnMlp        *mlp,
                             DlnRng        *rng);

/* dln_mlp_predict:
 * @x:    n inputs; @yhat: receives n outputs (may alias @x)
 * Forward pass only. */
void      dln_mlp_predict   (const DlnMlp  *mlp,
                             const double  *x,
                             size_t         n,
                             double        *yhat);

/* dln_mlp_loss_grad:
 * @x, @y: n >= 1 samples each
 * Full-batch forward and backward: returns L = mean (ŷ − y)² and fills
 * mlp->grad with dL/dparams. */
double    dln_mlp_loss_grad (DlnMlp        *mlp,
                             const double  *x,
                             const double  *y,
                             size_t         n);

/* dln_mlp_step:
 * @loss: (nullable) receives the loss of the forward pass before the
 *        update (what the course's "One step" button reports)
 * One full-batch iteration: forward, loss, backward, optimizer step.
 * Returns DLN_STATUS_OK, DLN_STATUS_DIVERGED (non-finite loss: nothing
 * updated; or a non-finite parameter after the update) or the optimizer's
 * DLN_STATUS_INVALID_INPUT / DLN_STATUS_NO_MEMORY. */
DlnStatus dln_mlp_step      (DlnMlp        *mlp,
                             const double  *x,
                             const double  *y,
                             size_t         n,
                             double        *loss,
                             DlnMessage    *msg);

/* dln_mlp_summary:
 * Writes one line per layer ("Linear(1, 512) + bias", "tanh",
 * "Linear(512, 1) + bias") and the parameter count into @buf (always
 * NUL-terminated when @size > 0). Returns the length needed. */
size_t    dln_mlp_summary   (const DlnMlp  *mlp,
                             char          *buf,
                             size_t         size);
