#pragma once

#include <stddef.h>

/* --- Status codes and messages ---
 * Runtime outcomes a user can cause come back as a DlnStatus; the details
 * go into an optional DlnMessage (docs/architecture.md#core-conventions). */

typedef enum
{
  DLN_STATUS_OK            =  0,
  DLN_STATUS_NO_MEMORY     = -1,  /* arena budget or malloc exhausted */
  DLN_STATUS_INVALID_INPUT = -2,  /* expression, CSV or file contents */
  DLN_STATUS_IO            = -3,
  DLN_STATUS_NUMERIC       = -4,  /* LAPACK info > 0, singular system */
  DLN_STATUS_DIVERGED      = -5,  /* the loss became NaN or Inf */
} DlnStatus;

typedef struct
{
  char text[256];  /* one line, no trailing newline */
  int  column;     /* 1-based column in the source (in its line); 0 if none */
  int  line;       /* 1-based line of a multi-line source; 0 if the source
                    * is one line or has no position */
} DlnMessage;

/* DlnProgressFunc:
 * Progress of a long run (training epochs, chain updates): called after
 * each step with the steps done so far in this run and the steps it will
 * make at most (a diverged run stops early). Runs on the caller's thread;
 * must not call back into the run. Optional wherever it appears (NULL:
 * not called). */
typedef void (*DlnProgressFunc) (size_t done,
                                 size_t total,
                                 void  *data);

/* dln_status_name:
 * Returns a static, lower-case name for @status ("ok", "no memory", ...). */
const char *dln_status_name (DlnStatus status);

/* dln_message_set:
 * @msg:    (nullable) message to fill; nothing happens when NULL
 * @column: 1-based column, or 0
 * Formats printf-style into @msg->text, truncating to one line; sets
 * @msg->line to 0 (callers with a multi-line source set it after). */
void        dln_message_set (DlnMessage *msg,
                             int         column,
                             const char *format,
                             ...) __attribute__ ((format (printf, 3, 4)));

/* dln_message_clear:
 * @msg: (nullable) message to empty */
void        dln_message_clear (DlnMessage *msg);
