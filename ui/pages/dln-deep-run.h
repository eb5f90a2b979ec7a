#pragma once

#include <glib.h>

#include "dln-course.h"
#include "dln-dataset.h"
#include "dln-run.h"

G_BEGIN_DECLS

/* --- The Tutorial 3 course run on a worker thread ---
 * A job for DlnRun: dln_course_run () (core/dln-course.h, the one
 * definition of the experiment, shared with the CLI and the figure
 * catalogue) with its theory, published as one immutable DlnDeepSnapshot
 * in the course's epoch convention (docs/demos.md#recording): course epoch e
 * has the loss, RSM and tracked output of state e (before update e + 1)
 * and the singular values and mode strengths of state e + 1 (after the
 * update). The theory arrays follow the same convention. */

typedef struct
{
  DlnCourseParams params;   /* start is always NULL */
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
  char        **item_names;     /* [P + 1] the trained data's, NULL
                                 * terminated */
  size_t        n_layers;       /* trained weights kept: D, or 0 */
  size_t       *rows;           /* [n_layers] */
  size_t       *cols;           /* [n_layers] */
  double      **weights;        /* [n_layers][rows × cols] */
  double        train_ms;       /* wall time of set-up + training */
  double        total_ms;       /* including the theory */
  int           reduced;        /* the exact reduced path was used */
} DlnDeepSnapshot;

typedef struct _DlnDeepData DlnDeepData;

DlnDeepData     *dln_deep_data_new        (DlnDataset      *dataset);
DlnDeepData     *dln_deep_data_ref        (DlnDeepData     *data);
void             dln_deep_data_unref      (DlnDeepData     *data);
const DlnDataset *dln_deep_data_get_dataset (const DlnDeepData *data);

void             dln_deep_run_start       (DlnRun          *run,
                                           const DlnDataset *dataset,
                                           const DlnCourseParams *params);
void             dln_deep_run_start_shared (DlnRun         *run,
                                            DlnDeepData    *data,
                                            const DlnCourseParams *params);
void             dln_deep_snapshot_free   (gpointer         snapshot);
GVariant        *dln_deep_snapshot_weights (const DlnDeepSnapshot *snap);
GVariant        *dln_deep_snapshots_weights (const DlnDeepSnapshot *const *snaps,
                                             size_t                        n);
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
