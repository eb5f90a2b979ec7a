/* Helpers shared by the core tests (dln-test-core.h). */

#include "config.h"

#include "dln-test-core.h"

#include <glib.h>

DlnDataset *
dln_test_tree (uint64_t seed,
               double   p_flip_root,
               size_t   n_features)
{
  DlnTreeParams p;
  DlnDataset *ds = NULL;
  DlnMessage msg;

  dln_tree_params_init (&p);
  p.seed = seed;
  p.p_flip_root = p_flip_root;
  p.n_features = n_features;
  g_assert_cmpint (dln_dataset_new_tree (&p, &ds, &msg), ==, DLN_STATUS_OK);
  return ds;
}
