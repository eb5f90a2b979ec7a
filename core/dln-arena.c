#include "dln-arena.h"

#include "dln-core-private.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DLN_ARENA_ALIGN 64  /* bytes: one cache line, enough for AVX-512 */

struct DlnArena
{
  unsigned char *base;
  size_t         budget;  /* bytes */
  size_t         used;    /* bytes, a multiple of DLN_ARENA_ALIGN */
};

/* The header takes the first aligned block and the budget follows it:
 * one allocation, freed at once. */
#define HEADER_BYTES \
  ((sizeof (DlnArena) + DLN_ARENA_ALIGN - 1) / DLN_ARENA_ALIGN * DLN_ARENA_ALIGN)

DlnArena *
dln_arena_new (size_t budget)
{
  DlnArena *arena;

  DLN_ASSERT (budget > 0);
  /* Round the budget up so the last aligned block fits. */
  budget = (budget + DLN_ARENA_ALIGN - 1) / DLN_ARENA_ALIGN * DLN_ARENA_ALIGN;
  if (budget > SIZE_MAX - HEADER_BYTES)
    return NULL;
  arena = aligned_alloc (DLN_ARENA_ALIGN, HEADER_BYTES + budget);
  if (arena == NULL)
    return NULL;
  arena->base = (unsigned char *) arena + HEADER_BYTES;
  arena->budget = budget;
  arena->used = 0;
  return arena;
}

void
dln_arena_free (DlnArena *arena)
{
  free (arena);
}

void *
dln_arena_alloc (DlnArena *arena,
                 size_t    size)
{
  size_t rounded;
  void *p;

  DLN_ASSERT (arena != NULL);
  if (size == 0)
    size = 1;
  if (size > SIZE_MAX - DLN_ARENA_ALIGN)
    return NULL;
  rounded = (size + DLN_ARENA_ALIGN - 1) / DLN_ARENA_ALIGN * DLN_ARENA_ALIGN;
  if (rounded > arena->budget - arena->used)
    return NULL;
  p = arena->base + arena->used;
  arena->used += rounded;
  memset (p, 0, size);
  return p;
}

void
dln_arena_reset (DlnArena *arena)
{
  DLN_ASSERT (arena != NULL);
  arena->used = 0;
}

size_t
dln_arena_mark (const DlnArena *arena)
{
  DLN_ASSERT (arena != NULL);
  return arena->used;
}

void
dln_arena_rewind (DlnArena *arena,
                  size_t    mark)
{
  DLN_ASSERT (arena != NULL);
  DLN_ASSERT (mark <= arena->used);
  arena->used = mark;
}

size_t
dln_arena_used (const DlnArena *arena)
{
  DLN_ASSERT (arena != NULL);
  return arena->used;
}

size_t
dln_arena_budget (const DlnArena *arena)
{
  DLN_ASSERT (arena != NULL);
  return arena->budget;
}
