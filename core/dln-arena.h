#pragma once

#include <stddef.h>

/* --- Arenas ---
 * One block of a fixed byte budget; everything carved from it is freed
 * together. A full arena never grows: allocation returns NULL and the
 * operation that asked reports DLN_STATUS_NO_MEMORY
 * (docs/architecture.md#core-conventions). */

typedef struct DlnArena DlnArena;

/* dln_arena_new:
 * @budget: bytes available for allocations (> 0)
 * Returns a new arena, or NULL when the block cannot be allocated.
 * Free with dln_arena_free (). */
DlnArena *dln_arena_new      (size_t budget);

/* dln_arena_free:
 * @arena: (nullable) arena to free with everything carved from it */
void      dln_arena_free     (DlnArena *arena);

/* dln_arena_alloc:
 * @arena: not NULL
 * @size:  bytes; 0 gives a valid, unique pointer
 * Returns zeroed memory aligned to 64 bytes, or NULL when the budget is
 * exhausted (the arena is unchanged then). */
void     *dln_arena_alloc    (DlnArena *arena,
                              size_t    size);

/* dln_arena_reset:
 * Forgets every allocation; the block is kept for reuse. */
void      dln_arena_reset    (DlnArena *arena);

/* dln_arena_mark / dln_arena_rewind:
 * A mark is the current fill level; rewinding to it frees everything
 * allocated after it (a scratch region inside a long-lived arena). */
size_t    dln_arena_mark     (const DlnArena *arena);
void      dln_arena_rewind   (DlnArena       *arena,
                              size_t          mark);

/* Bytes in use and the budget. */
size_t    dln_arena_used     (const DlnArena *arena);
size_t    dln_arena_budget   (const DlnArena *arena);
