#pragma once

#include <stddef.h>
#include <stdint.h>

/* --- Fingerprints ---
 * 64-bit FNV-1a (Fowler, Noll, Vo; offset basis and prime from their
 * specification): the cheap hash that tells a cache whether an
 * expression graph or a graph layout changed. Not for security. */

#define DLN_HASH_FNV1A_OFFSET UINT64_C (0xcbf29ce484222325)

/* Folds @size bytes at @data into the running hash @h; start from
 * DLN_HASH_FNV1A_OFFSET. */
uint64_t dln_hash_fnv1a (uint64_t    h,
                         const void *data,
                         size_t      size);
