/* The Data SVD figure's data, for the Data SVD page and the catalogue. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-figure-data-svd.h"

#include "dln-analysis.h"
#include "dln-arena.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The course's tree (3 levels, 2 branches: 8 items): E[Y Yᵀ] = N C with
 * C's eigenvalues from q = 1 − 2p (p the flip probability), so the
 * expected singular values are √(N λ_k) (docs/demos.md#tree-generator).
 * Returns false for other data. */
static bool
expected_values (const DlnDataset *ds,
                 size_t            k,
                 double           *ref)
{
  double q, q2, q4, n = (double) ds->n_features;

  if (ds->kind != DLN_DATASET_KIND_TREE || ds->tracked_item >= 0
      || ds->tree.levels != 3 || ds->tree.branches != 2
      || ds->n_items != 8 || k != 8)
    return false;
  q = 1 - 2 * ds->tree.p_flip;
  q2 = q * q;
  q4 = q2 * q2;
  ref[0] = sqrt (n * (1 + q2 + 2 * q4 + 4 * q4 * q2));
  ref[1] = sqrt (n * (1 + q2 + 2 * q4 - 4 * q4 * q2));
  ref[2] = ref[3] = sqrt (n * (1 + q2 - 2 * q4));
  ref[4] = ref[5] = ref[6] = ref[7] = sqrt (n * (1 - q2));
  return true;
}

DlnStatus
dln_figure_data_svd_init (DlnDataSvd       *svd,
                          const DlnDataset *ds,
                          size_t            n_shown,
                          DlnMessage       *msg)
{
  DlnArena *arena;
  DlnModes modes;
  DlnStatus status;
  size_t p, k;

  memset (svd, 0, sizeof *svd);
  arena = dln_arena_new (dln_analysis_dataset_modes_budget (ds));
  if (arena == NULL)
    {
      dln_message_set (msg, 0, _("%s: out of memory"), "SVD");
      return DLN_STATUS_NO_MEMORY;
    }
  status = dln_analysis_dataset_modes (ds, arena, &modes, msg);
  if (status != DLN_STATUS_OK)
    {
      dln_arena_free (arena);
      return status;
    }
  p = ds->n_items;
  k = modes.rank;
  if (n_shown > ds->n_features)
    n_shown = ds->n_features;
  /* U, s, Vᵀ and the expected values in one block */
  svd->u = malloc ((p * k + 2 * k + k * n_shown) * sizeof (double));
  if (svd->u == NULL)
    {
      dln_arena_free (arena);
      dln_message_set (msg, 0, _("%s: out of memory"), "SVD");
      return DLN_STATUS_NO_MEMORY;
    }
  svd->s = svd->u + p * k;
  svd->vt = svd->s + k;
  svd->ref = svd->vt + k * n_shown;
  for (size_t j = 0; j < k; j++)
    {
      svd->s[j] = dln_tensor_get (modes.s, j, 0) * (double) p;
      for (size_t i = 0; i < p; i++)
        svd->u[i * k + j] = dln_tensor_get (modes.v, i, j);
      for (size_t c = 0; c < n_shown; c++)
        svd->vt[j * n_shown + c] = dln_tensor_get (modes.u, c, j);
    }
  dln_arena_free (arena);
  if (!expected_values (ds, k, svd->ref))
    svd->ref = NULL;

  svd->data.m = p;
  svd->data.n = n_shown;
  svd->data.k = k;
  svd->data.u = svd->u;
  svd->data.s = svd->s;
  svd->data.vt = svd->vt;
  svd->data.s_reference = svd->ref;
  svd->data.row_names = (const char *const *) ds->item_names;
  svd->data.col_names = (const char *const *) ds->feature_names;
  svd->data.u_title = _("Item modes (V)");
  svd->data.vt_title = n_shown < ds->n_features
                         ? _("Feature modes (Uᵀ, first columns)")
                         : _("Feature modes (Uᵀ)");
  return DLN_STATUS_OK;
}

void
dln_figure_data_svd_clear (DlnDataSvd *svd)
{
  free (svd->u);
  memset (svd, 0, sizeof *svd);
}
