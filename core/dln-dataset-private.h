#pragma once

/* Shared by the dataset module and its CSV reader (dln-csv.c); not part of
 * core's API. */

#include "dln-dataset.h"

#include <stddef.h>

/* A dataset's sizes and, once it is allocated, its name pools. */
typedef struct
{
  size_t  n_items;
  size_t  n_features;
  size_t  item_bytes;     /* the names' bytes, NULs included */
  size_t  feature_bytes;
  char   *item_pool;      /* set by dln_dataset_alloc_raw () */
  char   *feature_pool;
} DlnDatasetLayout;

/* dln_dataset_alloc_raw:
 * Allocates a dataset in its own arena, sized exactly by @layout: Y zeroed,
 * X one-hot, name pointer tables and the name pools (layout->item_pool,
 * layout->feature_pool) left for the caller to fill. Sizes are the
 * caller's to check. Returns DLN_STATUS_OK or DLN_STATUS_NO_MEMORY. */
DlnStatus dln_dataset_alloc_raw    (DlnDatasetLayout  *layout,
                                    DlnDataset       **out,
                                    DlnMessage        *msg);

/* dln_names_find_duplicate:
 * Returns the smallest index whose name already occurs at a lower index
 * (*first gets that lower index), @n when all names are unique, or
 * @n + 1 when scratch memory cannot be had. */
size_t    dln_names_find_duplicate (const char *const *names,
                                    size_t             n,
                                    size_t            *first);

/* dln_utf8_invalid_at:
 * Returns the offset of the first byte of @text (@len bytes) that does
 * not start a valid UTF-8 sequence (RFC 3629), or @len when all do. */
size_t    dln_utf8_invalid_at      (const char        *text,
                                    size_t             len);
