#pragma once

/* dlnlab-cli: the weights JSON that train --init-weights reads,
 * {"layers": [W_1, ...]} with each W a list of rows of numbers. Split from
 * the train command so the fuzzer (tests/fuzz) can feed it bytes. */

#include "dln-arena.h"
#include "dln-model.h"
#include "dln-status.h"

#include <glib.h>
#include <json-glib/json-glib.h>

/* dln_cli_weights_from_json:
 * @root:  (nullable) the parsed document
 * @name:  file name for messages; not NULL
 * @arena: owns the model; not NULL
 * @out:   receives the model; not NULL
 * @error: receives a newly allocated "NAME: reason" on failure (NULL when
 *         the arena is full); not NULL
 * Returns DLN_STATUS_OK, DLN_STATUS_INVALID_INPUT (not that shape, an
 * empty layer, a ragged row, a non-number, layers that do not chain, more
 * than DLN_MODEL_MAX_DEPTH layers or DLN_MODEL_MAX_CELLS values in one) or
 * DLN_STATUS_NO_MEMORY (@arena full). */
DlnStatus dln_cli_weights_from_json (JsonNode    *root,
                                     const char  *name,
                                     DlnArena    *arena,
                                     DlnModel   **out,
                                     char       **error);

/* dln_cli_weights_from_data:
 * @data:   @length bytes of JSON (-1: NUL-terminated); need not be valid
 * Refuses JSON nested deeper than DLN_JSON_MAX_DEPTH (json-glib recurses),
 * parses @data with json-glib (syntax errors read "NAME:LINE:COLUMN: ..."),
 * then as dln_cli_weights_from_json (). */
DlnStatus dln_cli_weights_from_data (const char  *data,
                                     gssize       length,
                                     const char  *name,
                                     DlnArena    *arena,
                                     DlnModel   **out,
                                     char       **error);

/* dln_cli_weights_load:
 * Reads the file @path, then as dln_cli_weights_from_data (); a file that
 * cannot be read is DLN_STATUS_INVALID_INPUT too ("PATH: cannot read: ..."). */
DlnStatus dln_cli_weights_load      (const char  *path,
                                     DlnArena    *arena,
                                     DlnModel   **out,
                                     char       **error);
