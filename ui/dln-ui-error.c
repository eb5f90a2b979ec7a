#define G_LOG_DOMAIN "dln-ui-error"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-ui-error.h"

G_DEFINE_QUARK (dln-error-quark, dln_error)

/* dln_ui_status_to_error:
 * @status:  outcome of a core call
 * @msg:     (nullable) its message; a non-zero column is appended
 * @context: (nullable) what was being done, e.g. "Parsing the expression"
 * @error:   (nullable) receives a DLN_ERROR with code @status when not OK
 * Returns TRUE when @status is DLN_STATUS_OK, FALSE (and sets @error)
 * otherwise. The message reads "context: text (column N)". */
gboolean
dln_ui_status_to_error (DlnStatus         status,
                        const DlnMessage *msg,
                        const char       *context,
                        GError          **error)
{
  g_autoptr (GString) text = NULL;

  if (status == DLN_STATUS_OK)
    return TRUE;

  text = g_string_new (NULL);
  if (context != NULL && *context != '\0')
    g_string_append_printf (text, "%s: ", context);
  if (msg != NULL && msg->text[0] != '\0')
    g_string_append (text, msg->text);
  else
    g_string_append (text, dln_status_name (status));
  if (msg != NULL && msg->line > 0 && msg->column > 0)
    g_string_append_printf (text, _(" (line %d, column %d)"), msg->line,
                            msg->column);
  else if (msg != NULL && msg->column > 0)
    g_string_append_printf (text, _(" (column %d)"), msg->column);

  g_set_error_literal (error, DLN_ERROR, (int) status, text->str);
  return FALSE;
}
