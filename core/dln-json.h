#pragma once

#include "dln-status.h"

#include <stddef.h>

/* --- JSON nesting check ---
 * json-glib parses (and frees) nested arrays and objects by recursion, so
 * a small file nested tens of thousands of levels deep exhausts the stack.
 * Every JSON reader (sessions, --init-weights) runs this scan over the
 * raw text first and hands the text to the parser only when it passes.
 * It tracks strings and their escapes and counts '[' and '{' outside
 * them; it checks nothing else (the parser does). */

/* Our files nest at most 7 levels (a session's page parameters holding
 * GVariant arrays); 64 leaves room and stays far below the ~10^4 levels
 * at which the parser's recursion overflows an 8 MiB stack. */
#define DLN_JSON_MAX_DEPTH 64

/* dln_json_check_nesting:
 * @text:      the JSON text, @len bytes (need not be NUL-terminated); may
 *             be NULL when @len is 0
 * @max_depth: deepest nesting allowed (DLN_JSON_MAX_DEPTH)
 * @msg:       (nullable) receives "line L, column C: JSON nested deeper
 *             than N levels" (C counted in bytes, both 1-based); callers
 *             put the file name in front
 * Returns DLN_STATUS_OK or DLN_STATUS_INVALID_INPUT. */
DlnStatus dln_json_check_nesting (const char *text,
                                  size_t      len,
                                  size_t      max_depth,
                                  DlnMessage *msg);
