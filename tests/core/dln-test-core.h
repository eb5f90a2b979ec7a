#pragma once

/* Helpers shared by the core tests (not part of any product). */

#include "dln-dataset.h"

/* dln_test_tree:
 * The tree generator's dataset with @seed, @p_flip_root and @n_features
 * and every other parameter at its default (free with dln_dataset_free);
 * asserts that it builds. */
DlnDataset *dln_test_tree (uint64_t seed,
                           double   p_flip_root,
                           size_t   n_features);
