#pragma once

#include "dln-arena.h"
#include "dln-dataset.h"
#include "dln-model.h"
#include "dln-status.h"
#include "dln-tensor.h"
#include "dln-theory.h"

#include <stddef.h>

/* --- Analysis of a dataset and a network's end-to-end map ---
 * docs/theory.md#conventions, #modes, #loss-by-mode, #representations,
 * #simulation-vs-theory; P19 = Saxe, McClelland & Ganguli, PNAS 2019.
 *
 * Letters and shapes (rows are samples, as in DlnDataset):
 *   X [P, n_in]   inputs        Y [P, n_out]  targets
 *   Sigma_yx = (1/P) Yᵀ X [n_out, n_in] = U S Vᵀ (thin SVD, r = min dims)
 *   U [n_out, r]  feature (output) modes, columns
 *   V [n_in, r]   item (input) modes, columns
 *   Sigma_x = (1/P) Xᵀ X; when it is c I (one-hot items: c = 1/P) the mode
 *   strengths a_k = u_kᵀ W_tot v_k converge to s_eff = s / c.
 * Sign convention (deterministic): each pair (u_k, v_k) is flipped so that
 * the entry of v_k largest in magnitude is positive; among entries within
 * DLN_ANALYSIS_SIGN_TIE of that magnitude the first (lowest item index)
 * decides. So the tree's first mode is positive on all items and its
 * second positive on the animals. Degenerate singular values (the tree's
 * modes 3-4 and 5-8) leave the basis within a group arbitrary but
 * deterministic for given data (LAPACK dgesdd). */

#define DLN_ANALYSIS_SIGN_TIE 1e-9  /* relative; far above SVD rounding */
#define DLN_ANALYSIS_ISO_TOL  1e-12 /* Sigma_x = c I if max |Sigma_x - c I| <= this · c */

typedef struct
{
  size_t     n_samples;   /* P */
  size_t     n_in;
  size_t     n_out;
  size_t     rank;        /* r = min (n_in, n_out): modes returned */
  DlnTensor *sigma_yx;    /* [n_out, n_in] */
  DlnTensor *s;           /* [r, 1] singular values of Sigma_yx, descending */
  DlnTensor *u;           /* [n_out, r] */
  DlnTensor *v;           /* [n_in, r] */
  DlnTensor *s_eff;       /* [r, 1] s / c; NaN when Sigma_x is not c I */
  double     c;           /* Sigma_x = c I; 0 when it is not isotropic */
  double     tr_sigma_y;  /* (1/P) sum_mu ||y^mu||², for the loss (d) */
} DlnModes;

/* dln_analysis_modes:
 * @x:     [P, n_in]; @y: [P, n_out]; same P >= 1 (else a caller bug)
 * @arena: owns every tensor of @modes (and SVD workspace)
 * Sigma_yx by CBLAS, its thin SVD by LAPACK dgesdd (dln_linalg_svd), the
 * sign convention above, c and s_eff.
 * Returns DLN_STATUS_OK, DLN_STATUS_NO_MEMORY, DLN_STATUS_INVALID_INPUT
 * (non-finite data) or DLN_STATUS_NUMERIC (SVD did not converge). */
DlnStatus dln_analysis_modes            (const DlnTensor *x,
                                         const DlnTensor *y,
                                         DlnArena        *arena,
                                         DlnModes        *modes,
                                         DlnMessage      *msg);

/* dln_analysis_dataset_modes:
 * dln_analysis_modes (ds->x, ds->y, ...). */
DlnStatus dln_analysis_dataset_modes    (const DlnDataset *ds,
                                         DlnArena         *arena,
                                         DlnModes         *modes,
                                         DlnMessage       *msg);

/* dln_analysis_dataset_modes_budget:
 * The bytes of an arena that dln_analysis_dataset_modes (@ds) fits in,
 * sized from the data (every caller sizes its arena with this). */
size_t    dln_analysis_dataset_modes_budget (const DlnDataset *ds);

/* dln_analysis_mode_strengths:
 * @w_tot: end-to-end map [n_out, n_in]
 * @a:     receives r values a_k = u_kᵀ W_tot v_k (docs/theory.md#modes). */
void      dln_analysis_mode_strengths   (const DlnModes  *modes,
                                         const DlnTensor *w_tot,
                                         double          *a);

typedef enum
{
  /* the exact GD map (docs/theory.md#discrete-map) */
  DLN_THEORY_CURVE_DISCRETE,
  DLN_THEORY_CURVE_CONTINUOUS,  /* gradient flow, eq. 15 (eq. 12 at N = 2) */
} DlnTheoryCurve;

/* dln_analysis_theory_strengths:
 * @depth:     N >= 1 weight matrices
 * @lr:        the GD step (> 0)
 * @reduction, @half: the loss convention (dln_theory_kappa); the course's
 *             is DLN_REDUCTION_MEAN, half 0
 * @u0:        r initial composite strengths (>= 0; a mode at 0, beyond
 *             the rank bound, stays exactly 0), e.g. from
 *             dln_analysis_path_u0 or dln_theory_expected_u0
 * @out:       receives (n_epochs + 1) · r values, row e = epoch e (after e
 *             updates), column k = mode k
 * Predicted mode strengths for every epoch: per mode, the exact discrete
 * map with s_eff_k and h = lr kappa P c, or the gradient-flow curve with
 * tau_eff = 1/h. Modes with s_eff_k = 0 (rank-deficient data; negative
 * rounding noise counts as 0) decay from u0 towards 0 under both.
 * Returns DLN_STATUS_OK, DLN_STATUS_INVALID_INPUT (Sigma_x is not c I, so
 * the modes do not decouple; depth < 1; lr not > 0, a u0 < 0) or what
 * dln_theory_depth_curve returns. */
DlnStatus dln_analysis_theory_strengths (const DlnModes *modes,
                                         int             depth,
                                         double          lr,
                                         DlnReduction    reduction,
                                         int             half,
                                         const double   *u0,
                                         DlnTheoryCurve  curve,
                                         size_t          n_epochs,
                                         double         *out,
                                         DlnMessage     *msg);

/* dln_analysis_predicted_loss:
 * docs/theory.md#loss-by-mode: for W_tot = U diag (a) Vᵀ and Sigma_x = c I,
 * L = (kappa P / 2) [tr Sigma_y - 2 sum s_k a_k + c sum a_k²]
 * (kappa from dln_theory_kappa; a has r values). NaN if c = 0. */
double    dln_analysis_predicted_loss   (const DlnModes *modes,
                                         const double   *a,
                                         double          kappa);

/* dln_analysis_effective_u0:
 * @w1: [H, n_in] first layer; @w2: [n_out, H] second layer (two-layer net)
 * @u0: receives r effective initial strengths, docs/theory.md#effective-start:
 * with
 *      w_k = W1 v_k + W2ᵀ u_k, Gram-Schmidt w_k against the w of all
 *      stronger modes (k' < k), u0_k = |w_k,perp|² / 4 (exact, = d_k², for
 *      an aligned balanced start W1 = R D Vᵀ, W2 = U D Rᵀ).
 * The rank bound: modes beyond H (k > H, no hidden direction left) get
 * exactly 0, never a rounding residual, so their theory stays at 0.
 * Returns DLN_STATUS_OK or DLN_STATUS_NO_MEMORY (scratch from @arena,
 * rewound before returning). */
DlnStatus dln_analysis_effective_u0     (const DlnModes  *modes,
                                         const DlnTensor *w1,
                                         const DlnTensor *w2,
                                         DlnArena        *arena,
                                         double          *u0,
                                         DlnMessage      *msg);

/* dln_analysis_rank_bound:
 * @model: a network whose dims[0] and dims[depth] are n_in and n_out
 * Returns how many modes the network can learn: its narrowest width,
 * min (dims[0], ..., dims[depth]) (W_tot has at most that rank). Modes
 * k > this bound stay unlearned, and the loss cannot fall below the
 * energy of their targets (docs/theory.md#rank-bound). */
size_t    dln_analysis_rank_bound       (const DlnModel  *model);

/* dln_analysis_path_u0:
 * @model: the initial network (depth N >= 1), dims[0] = modes->n_in and
 *         dims[N] = modes->n_out
 * @u0:    receives r starting strengths for the theory curves
 *         (docs/theory.md#starting-strengths-at-any-depth):
 *   N = 1: a_k(0) = u_kᵀ W_1 v_k, any sign (nothing to project);
 *   N = 2: dln_analysis_effective_u0 (docs/theory.md#effective-start);
 *   N >= 3: the nearest balanced aligned path in least squares: unit
 *     vectors r_l in each hidden layer (r_0 = v_k, r_N = u_k), orthogonal
 *     to the stronger modes' r_l, maximising S = Σ_l r_lᵀ W_l r_{l-1} by
 *     block coordinate ascent (at most DLN_ANALYSIS_PATH_SWEEPS sweeps,
 *     until S changes by under DLN_ANALYSIS_PATH_TOL relative); then a_k =
 *     S / N minimises Σ_l ‖W_l − a r_l r_{l-1}ᵀ‖² and u0_k = a_k^N (0 when
 *     S <= 0). At N = 2 the same construction gives (i).3's |w⊥|²/4;
 *     for an aligned balanced start it gives the exact strength.
 * Modes beyond dln_analysis_rank_bound () get exactly 0 (depth >= 2).
 * Returns DLN_STATUS_OK or DLN_STATUS_NO_MEMORY (scratch from @arena,
 * rewound before returning). */
#define DLN_ANALYSIS_PATH_SWEEPS 1000
#define DLN_ANALYSIS_PATH_TOL    1e-14  /* a few ulps of S */
DlnStatus dln_analysis_path_u0          (const DlnModes  *modes,
                                         const DlnModel  *model,
                                         DlnArena        *arena,
                                         double          *u0,
                                         DlnMessage      *msg);

/* dln_analysis_rsm_predict:
 * @x:      [P, n_in] inputs whose hidden representations are compared
 * @a:      r composite mode strengths (negative values count as 0: a
 *          balanced net's similarity matrix is positive semidefinite)
 * @depth:  N >= 1; @layer: l in 1 .. N - 1 (hidden layer after W_l)
 * @k:      receives the predicted RSM [P, P] (in @arena):
 *          K = X V A^{2l/N} Vᵀ Xᵀ (docs/theory.md#representations; N = 2, l =
 *          1: X V A Vᵀ Xᵀ), a plain dot product (not a cosine), as the course's
 *          H Hᵀ.
 * Returns DLN_STATUS_OK or DLN_STATUS_NO_MEMORY. */
DlnStatus dln_analysis_rsm_predict      (const DlnModes  *modes,
                                         const DlnTensor *x,
                                         const double    *a,
                                         int              depth,
                                         int              layer,
                                         DlnArena        *arena,
                                         DlnTensor      **k,
                                         DlnMessage      *msg);

/* dln_analysis_predict_output:
 * Illusory-correlation prediction (docs/theory.md#representations): output
 * @feature for input row @x_row (n_in values; one-hot item i gives V_{i,k}):
 * yhat = sum_k a_k U_{feature,k} (v_k · x_row), over the first @n_modes
 * modes (<= r; pass r for all). */
double    dln_analysis_predict_output   (const DlnModes *modes,
                                         const double   *x_row,
                                         size_t          feature,
                                         const double   *a,
                                         size_t          n_modes);

/* dln_analysis_regression:
 * Closed-form least squares with samples as COLUMNS (docs/demos.md#d18):
 * @x [M, D], @y [Nout, D] -> @w [Nout, M] = Y Xᵀ (X Xᵀ)^{-1}, computed by
 * solving (X Xᵀ) Wᵀ = X Yᵀ with LAPACK dgesv (no explicit inverse).
 * Returns DLN_STATUS_OK, DLN_STATUS_INVALID_INPUT (different sample
 * counts, non-finite data), DLN_STATUS_NUMERIC (X has rank < M: the
 * message gives the numerical rank, with tolerance max (M, D) · eps ·
 * s_max as numpy.linalg.matrix_rank) or DLN_STATUS_NO_MEMORY. */
DlnStatus dln_analysis_regression       (const DlnTensor *x,
                                         const DlnTensor *y,
                                         DlnArena        *arena,
                                         DlnTensor      **w,
                                         DlnMessage      *msg);
