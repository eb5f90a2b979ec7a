#pragma once

#include <glib.h>

#include "dln-status.h"

G_BEGIN_DECLS

/* --- The DLN_ERROR domain ---
 * Codes mirror DlnStatus one to one (docs/architecture.md#gtk-conventions);
 * only dln-ui-error.c converts between them. */

#define DLN_ERROR (dln_error_quark ())

typedef enum
{
  DLN_ERROR_NO_MEMORY     = DLN_STATUS_NO_MEMORY,
  DLN_ERROR_INVALID_INPUT = DLN_STATUS_INVALID_INPUT,
  DLN_ERROR_IO            = DLN_STATUS_IO,
  DLN_ERROR_NUMERIC       = DLN_STATUS_NUMERIC,
  DLN_ERROR_DIVERGED      = DLN_STATUS_DIVERGED,
} DlnError;

GQuark   dln_error_quark         (void);
gboolean dln_ui_status_to_error  (DlnStatus         status,
                                  const DlnMessage *msg,
                                  const char       *context,
                                  GError          **error);

G_END_DECLS
