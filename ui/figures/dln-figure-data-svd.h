#pragma once

/* The Data SVD figure of a dataset (D15's app addition), set up once for
 * the Data SVD page and the figure catalogue's "data-svd" entry (so the
 * page, dlnlab-cli export and the GUI's export draw the same numbers):
 * with one-hot items (X = I) Σ_yx = Yᵀ/P = U S Vᵀ, so Y = V (P S) Uᵀ:
 * the item modes V on the left, the singular values P s of Y, the
 * feature modes Uᵀ on the right, and for the course's generator the
 * values those are expected to take. */

#include "dln-dataset.h"
#include "dln-figure-svd.h"
#include "dln-status.h"

#include <stddef.h>

typedef struct
{
  DlnSvdData data;   /* the figure's data: points into this struct and
                      * into the dataset's names; title left NULL */
  double    *u;      /* [P, K] item modes; owns the block of s, vt, ref */
  double    *s;      /* [K] singular values of Y, descending */
  double    *vt;     /* [K, n_shown] feature modes, the first columns */
  double    *ref;    /* [K] expected values, or NULL (data.s_reference) */
} DlnDataSvd;

/* dln_figure_data_svd_init:
 * @svd:     receives the figure's data (free with
 *           dln_figure_data_svd_clear, also after an error)
 * @ds:      the data; must outlive @svd (its names are borrowed)
 * @n_shown: feature columns of Uᵀ kept (clamped to the features)
 * Decomposes @ds (dln_analysis_dataset_modes) into the panels above; the
 * expected values √(N λ_k) are given for a draw of the course's tree
 * generator (3 levels, 2 branches, docs/demos.md#tree-generator) that
 * nothing was appended to.
 * Returns DLN_STATUS_OK, DLN_STATUS_NO_MEMORY, DLN_STATUS_INVALID_INPUT
 * (non-finite data) or DLN_STATUS_NUMERIC (LAPACK did not converge). */
DlnStatus  dln_figure_data_svd_init  (DlnDataSvd       *svd,
                                      const DlnDataset *ds,
                                      size_t            n_shown,
                                      DlnMessage       *msg);

/* dln_figure_data_svd_clear:
 * Frees what @svd holds (not @svd) and empties it. */
void       dln_figure_data_svd_clear (DlnDataSvd       *svd);
