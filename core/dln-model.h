#pragma once

#include "dln-arena.h"
#include "dln-rng.h"
#include "dln-status.h"
#include "dln-tensor.h"

#include <stddef.h>

/* --- Deep linear networks ---
 * yhat = W_D ··· W_2 W_1 x = W_tot x (docs/theory.md#conventions), D >= 1
 * weight matrices, no biases, no nonlinearity. Layer l (1-based in the maths,
 * layers[l - 1] in C) is W_l [dims[l], dims[l - 1]] (n_out × n_in, as
 * torch.nn.Linear stores it). dims[0] = n_in, dims[D] = n_out, the hidden
 * widths dims[1 .. D-1] (all H for the course's nets; any widths load).
 *
 * Data are row-major with one item per row (the course's convention):
 *   X [P, n_in], Y [P, n_out];  prediction Yhat = X W_1ᵀ ··· W_Dᵀ [P, n_out]
 * Loss (docs/demos.md#recording, D14–D17; torch nn.MSELoss 'mean'):
 *   L = (1 / (P n_out)) ||Yhat − Y||²_F   (no ½)
 *
 * A DlnModel and its tensors live in the arena it was created in. */

/* Limits on networks read from files (sessions, --init-weights) and asked
 * for on the command line. A teaching net has a handful of layers (the
 * course goes to 5; the depth demos to 50 scalar weights, stored as a
 * chain); no layer may hold more values than the largest dataset does
 * (DLN_DATASET_MAX_CELLS, 160 MB), nor have a side longer than its
 * longest (DLN_DATASET_MAX_FEATURES). With both sides capped, rows × cols
 * cannot wrap a 64-bit size. */
#define DLN_MODEL_MAX_DEPTH 64        /* weight matrices */
#define DLN_MODEL_MAX_SIDE  1000000   /* rows or columns of one layer */
#define DLN_MODEL_MAX_CELLS 20000000  /* values in one layer */

typedef struct
{
  size_t      depth;   /* D, number of weight matrices (>= 1) */
  size_t     *dims;    /* [D + 1] layer widths, dims[0] = n_in */
  DlnTensor **layers;  /* [D] W_l [dims[l], dims[l - 1]] */
} DlnModel;

/* dln_model_new:
 * @arena:  owns the model; not NULL
 * @depth:  D >= 1
 * @n_in, @hidden, @n_out: widths (> 0); @hidden is ignored when D = 1
 * Returns a model with every weight zero, or NULL when @arena is full. */
DlnModel  *dln_model_new            (DlnArena        *arena,
                                     size_t           depth,
                                     size_t           n_in,
                                     size_t           hidden,
                                     size_t           n_out);

/* dln_model_bytes:
 * Returns the arena bytes dln_model_new () takes for that shape
 * (weights plus bookkeeping, with the arena's alignment), or SIZE_MAX
 * when the size overflows. */
size_t     dln_model_bytes          (size_t           depth,
                                     size_t           n_in,
                                     size_t           hidden,
                                     size_t           n_out);

/* dln_model_new_from_layers:
 * @arena:    owns the model (the weights are copied into it)
 * @n_layers: D
 * @layers:   [D] W_1 .. W_D, each [n_out_l, n_in_l]; read only
 * Builds a model from given weights (e.g. the CLI's --init-weights).
 * Returns DLN_STATUS_OK, DLN_STATUS_INVALID_INPUT (D = 0, an empty layer,
 * consecutive shapes that do not chain: the message names the layer, or
 * non-finite weights) or DLN_STATUS_NO_MEMORY. */
DlnStatus  dln_model_new_from_layers (DlnArena               *arena,
                                      size_t                  n_layers,
                                      const DlnTensor *const *layers,
                                      DlnModel              **out,
                                      DlnMessage             *msg);

/* dln_model_copy:
 * Returns a deep copy of @model in @arena, or NULL when it is full. */
DlnModel  *dln_model_copy           (DlnArena        *arena,
                                     const DlnModel  *model);

/* dln_model_init_normal:
 * @init_scale: the course's γ (>= 0)
 * @rng:        not NULL; advanced
 * The course's initialisation (docs/demos.md#initialisation): every entry of
 * W_l is drawn from N(0, σ_l²), σ_l = γ / sqrt (n_in_l + n_out_l). Draw order:
 * layer 1 first, each layer row-major with dln_rng_normal (), so one seed
 * fixes every weight (it cannot reproduce torch's stream, and does not
 * try). */
void       dln_model_init_normal    (DlnModel        *model,
                                     double           init_scale,
                                     DlnRng          *rng);

/* dln_model_init_torch_default:
 * @rng: not NULL; advanced
 * torch.nn.Linear's default weights (docs/demos.md#initialisation, D18's
 * zero-depth net): every entry of W_l uniform on [−1/sqrt (n_in_l), +1/sqrt
 * (n_in_l)) (kaiming_uniform_ with a = sqrt 5), drawn as 2b·dln_rng_uniform ()
 * − b, layer 1 first, row-major. */
void       dln_model_init_torch_default (DlnModel    *model,
                                         DlnRng      *rng);

/* dln_model_init_aligned:
 * @u:     [n_out, K] orthonormal columns (output modes); read only
 * @v:     [n_in, K] orthonormal columns (input modes); read only
 * @a0:    [K] per-layer scalars (mode k's strength is a0[k]^D)
 * @rng:   (nullable) draws the hidden rotations R_l; NULL uses the first
 *         K coordinate axes
 * @scratch: workspace (rewound before returning)
 * Aligned, balanced initialisation of docs/theory.md#one-hidden-layer,
 * #simulation-vs-theory: with D0 = diag (a0) and R_l [dims[l], K] orthonormal
 * (Q of a Gaussian matrix),
 *   W_1 = R_1 D0 Vᵀ,  W_l = R_l D0 R_{l-1}ᵀ,  W_D = U D0 R_{D-1}ᵀ
 * (D = 1: W_1 = U D0 Vᵀ), so W_tot = U diag (a0^D) Vᵀ and every mode is a
 * scalar chain. K must not exceed any width (caller bug otherwise).
 * Returns DLN_STATUS_OK, DLN_STATUS_NO_MEMORY or DLN_STATUS_NUMERIC. */
DlnStatus  dln_model_init_aligned   (DlnModel        *model,
                                     const DlnTensor *u,
                                     const DlnTensor *v,
                                     const double    *a0,
                                     DlnRng          *rng,
                                     DlnArena        *scratch,
                                     DlnMessage      *msg);

/* dln_model_product:
 * @wtot: output [n_out, n_in], W_tot = W_D ··· W_1
 * @scratch: workspace for the partial products (rewound before returning)
 * Returns DLN_STATUS_OK or DLN_STATUS_NO_MEMORY. */
DlnStatus  dln_model_product        (const DlnModel  *model,
                                     DlnTensor       *wtot,
                                     DlnArena        *scratch);

/* dln_model_loss_grad:
 * @x:     [P, n_in]; @y: [P, n_out]; read only
 * @grads: (nullable) [D] tensors shaped like the layers; receive dL/dW_l
 * @scratch: activations (rewound before returning)
 * @loss:  receives L = (1 / (P n_out)) ||X W_totᵀ − Y||² (the course's loss)
 * Forward and backward pass of the loss above:
 *   dL/dYhat = 2 (Yhat − Y) / (P n_out),  dL/dW_l = dH_lᵀ H_{l-1}.
 * Returns DLN_STATUS_OK or DLN_STATUS_NO_MEMORY. A non-finite loss is
 * reported through @loss, not as a status. */
DlnStatus  dln_model_loss_grad      (const DlnModel  *model,
                                     const DlnTensor *x,
                                     const DlnTensor *y,
                                     DlnTensor      **grads,
                                     DlnArena        *scratch,
                                     double          *loss);
