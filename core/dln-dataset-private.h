#pragma once

/* Shared by the dataset module and its CSV reader (dln-csv.c); not part of
 * core's API. */

#include "dln-dataset.h"

#include <stddef.h>

/* dln_dataset_alloc_raw:
 * Allocates a dataset in its own arena, sized exactly: Y zeroed, X
 * one-hot, name pointer tables and name pools of @ib / @fb bytes left for
 * the caller to fill (*ipool, *fpool). Sizes are the caller's to check.
 * Returns DLN_STATUS_OK or DLN_STATUS_NO_MEMORY. */
DlnStatus dln_dataset_alloc_raw    (size_t             n_items,
                                    size_t             n_features,
                                    size_t             ib,
                                    size_t             fb,
                                    DlnDataset       **out,
                                    char             **ipool,
                                    char             **fpool,
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
