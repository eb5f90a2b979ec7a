#pragma once

#include <glib.h>

#include "dln-dataset.h"
#include "dln-run.h"

G_BEGIN_DECLS

/* --- The Tutorial 3 standard run, as the D14–D18 pages show it ---
 * A job for DlnRun: build the course's net (D weight matrices, hidden
 * width H, N(0, (γ/√(n_in + n_out))²) weights from a seed), train it by
 * full-batch gradient descent for @epochs on the dataset (dln-train: the
 * exact reduced path when its premises hold, under a frame for the
 * course's 8-30-10000 net), and publish one immutable DlnDeepSnapshot
 * with everything the pages draw, in the course's epoch convention
 * (docs/demos.md#recording): course epoch e has the loss, RSM and tracked
 * output of state e (before update e + 1) and the singular values and
 * mode strengths of state e + 1 (after the update).
 *
 * Theory beside it (docs/theory.md#one-hidden-layer, #depth,
 * #simulation-vs-theory), per data mode k with s_eff[k], the starting strength
 * u0[k] and h = 1/τ_eff:
 *   discrete  the exact discrete map a ← a + h a^{D−1}(s_eff − a^D),
 *             u = a^D (what GD does on the balanced aligned manifold);
 *   closed    gradient flow: S14 eq. 12 for D = 2, eq. 15 integrated
 *             otherwise (runs early when h·s is not small);
 * and the loss each predicts (docs/theory.md#loss-by-mode). u0 is
 * dln_analysis_path_u0 (): a_k(0) for D = 1, the effective start
 * (docs/theory.md#effective-start) for D = 2, the nearest balanced
 * aligned path for D >= 3 (an approximate start:
 * docs/theory.md#starting-strengths-at-any-depth); exactly 0 beyond the
 * rank bound, where both curves stay 0. */

typedef struct
{
  double   lr;             /* η (> 0) */
  double   init_scale;     /* γ (>= 0) */
  int      depth;          /* D, weight matrices (>= 1) */
  int      hidden;         /* H (>= 1) */
  size_t   epochs;         /* course: 250 */
  guint64  init_seed;      /* DlnRng seed of the weights */
  size_t   n_track;        /* 0 or 1 */
  size_t   track_item;
  size_t   track_feature;
  gboolean keep_weights;   /* copy the trained weights into the snapshot */
  int      rsm_layer;      /* hidden layer (1 … D − 1) of rsm_predicted */
  gboolean init_uniform;   /* PyTorch's default Linear init U(±1/√n_in)
                            * instead of N(0, σ²) with γ (D18's
                            * zero-depth net; docs/demos.md#initialisation) */
} DlnDeepParams;

typedef struct
{
  DlnDeepParams params;
  DlnStatus     status;         /* OK, DIVERGED, or the failure */
  char          message[256];
  char          theory_legend[192]; /* the theory's legend entry
                                     * (dln_figure_dynamics_theory_legend) */
  long          diverged_epoch; /* course epoch whose loss was not finite,
                                 * or −1 */
  size_t        n_epochs;       /* rows below: course epochs 0 … n − 1 */
  size_t        n_valid;        /* epochs with finite values */
  size_t        n_modes;        /* K */
  size_t        n_items;        /* P */
  size_t        n_rsm;          /* hidden layers: D − 1 */
  size_t        n_out;
  double       *loss;           /* [n_epochs] */
  double       *sv;             /* [n_epochs, K] of W_tot after the step */
  double       *strength;       /* [n_epochs, K] u_kᵀ W_tot v_k, after */
  double       *rsm;            /* [n_epochs, n_rsm, P, P] */
  double       *track;          /* [n_epochs] (NaN when nothing tracked) */
  double       *s_eff;          /* [K] */
  double       *u0;             /* [K] theory's starting strengths */
  double        h;              /* per-epoch rate of the discrete map */
  double        tau;            /* 1/h, epochs */
  double       *theory_discrete;    /* [n_epochs, K], after the step */
  double       *theory_closed;      /* [n_epochs, K] */
  double       *loss_discrete;      /* [n_epochs] predicted loss */
  double       *loss_closed;        /* [n_epochs] */
  double       *track_discrete;     /* [n_epochs] predicted tracked output */
  double       *mode_track;         /* [K] U_{f,k} V_{i,k}: mode k's share
                                     * of the tracked output per unit a_k */
  double       *rsm_predicted;      /* [n_epochs, P, P] of params.rsm_layer,
                                     * from the
                                     * discrete map's strengths */
  double       *v;              /* [P, K] item modes (columns) */
  size_t        n_layers;       /* trained weights kept: D, or 0 */
  size_t       *rows;           /* [n_layers] */
  size_t       *cols;           /* [n_layers] */
  double      **weights;        /* [n_layers][rows × cols] */
  double        train_ms;       /* wall time of set-up + training */
  double        total_ms;       /* including the theory */
  int           reduced;        /* the exact reduced path was used */
} DlnDeepSnapshot;

void             dln_deep_params_init     (DlnDeepParams   *params);
void             dln_deep_run_start       (DlnRun          *run,
                                           const DlnDataset *dataset,
                                           const DlnDeepParams *params);
void             dln_deep_snapshot_free   (gpointer         snapshot);
GVariant        *dln_deep_snapshot_weights (const DlnDeepSnapshot *snap);
double           dln_deep_snapshot_sv_max (const DlnDeepSnapshot *snap);
const double    *dln_deep_snapshot_rsm    (const DlnDeepSnapshot *snap,
                                           size_t           epoch,
                                           size_t           layer);
double           dln_deep_snapshot_rsm_scale (const DlnDeepSnapshot *snap,
                                              size_t           layer,
                                              long             epoch);
double           dln_deep_snapshot_rsm_predicted_scale
                                          (const DlnDeepSnapshot *snap,
                                           long             epoch);

G_END_DECLS
