#pragma once

#include "dln-dataset.h"
#include "dln-status.h"

#include <stddef.h>
#include <stdio.h>

/* --- CSV: items × features ---
 * Format: the first line is a header "corner,feat_1,...,feat_F" (the corner
 * cell is ignored, e.g. "item"); each further line is "item_name,v_1,...,
 * v_F" with finite decimal numbers ([+-]digits[.digits][e[+-]digits], '.'
 * the decimal point whatever the locale; no hex, no inf or nan). Fields may
 * be double-quoted ("" for a quote) to hold commas. A UTF-8 BOM, CRLF line
 * ends, spaces around fields and blank lines are accepted; lines whose
 * first byte is '#' are comments (provenance notes). Limits: file
 * DLN_DATASET_MAX_FILE bytes, DLN_DATASET_MAX_ITEMS rows, DLN_DATASET_MAX_
 * FEATURES columns, DLN_DATASET_MAX_CELLS values, names under
 * DLN_DATASET_NAME_MAX bytes. Names must be valid UTF-8 (they are shown,
 * drawn and written to JSON as text).
 * Errors read "FILE:LINE:COLUMN: reason", LINE 1-based in the file and
 * COLUMN the 1-based CSV field (also stored in msg->column): ragged rows,
 * non-numbers, empty fields, NaN/Inf, names that are not UTF-8, duplicate
 * item or feature names,
 * empty file, no data rows, over the limits. */

/* dln_dataset_parse_csv:
 * @text:     file contents, @len bytes (need not be NUL-terminated)
 * @filename: name used in messages; not NULL
 * Returns DLN_STATUS_OK, DLN_STATUS_INVALID_INPUT or DLN_STATUS_NO_MEMORY. */
DlnStatus   dln_dataset_parse_csv        (const char  *text,
                                          size_t       len,
                                          const char  *filename,
                                          DlnDataset **out,
                                          DlnMessage  *msg);

/* dln_dataset_load_csv:
 * Reads @path and parses it as above; the dataset's name is the file's
 * base name. Returns DLN_STATUS_IO (cannot open/read: the message has the
 * reason) or what dln_dataset_parse_csv () returns. */
DlnStatus   dln_dataset_load_csv         (const char  *path,
                                          DlnDataset **out,
                                          DlnMessage  *msg);

/* dln_dataset_save_csv:
 * Writes @ds in the format above (values with 17 significant digits, so a
 * reload gives the same doubles; names quoted when they need it),
 * atomically (dln-file.h): a failed save leaves @path as it was.
 * Returns DLN_STATUS_OK or DLN_STATUS_IO ("cannot write 'PATH': reason"). */
DlnStatus   dln_dataset_save_csv         (const DlnDataset *ds,
                                          const char       *path,
                                          DlnMessage       *msg);

/* dln_csv_write_string:
 * Writes @s (nothing when NULL) as a CSV field, quoted (RFC 4180) when it
 * holds , " or a newline. */
void        dln_csv_write_string         (FILE        *out,
                                          const char  *s);
