#include "dln-status.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *
dln_status_name (DlnStatus status)
{
  switch (status)
    {
    case DLN_STATUS_OK:            return "ok";
    case DLN_STATUS_NO_MEMORY:     return "out of memory";
    case DLN_STATUS_INVALID_INPUT: return "invalid input";
    case DLN_STATUS_IO:            return "input/output error";
    case DLN_STATUS_NUMERIC:       return "numerical failure";
    case DLN_STATUS_DIVERGED:      return "diverged";
    }
  return "unknown status";
}

void
dln_message_set (DlnMessage *msg,
                 int         column,
                 const char *format,
                 ...)
{
  va_list ap;
  char *nl;

  if (msg == NULL)
    return;

  va_start (ap, format);
  vsnprintf (msg->text, sizeof msg->text, format, ap);
  va_end (ap);
  /* A message is one line: anything after a newline would break CLI output. */
  nl = strchr (msg->text, '\n');
  if (nl != NULL)
    *nl = '\0';
  msg->column = column;
  msg->line = 0;
}

void
dln_message_clear (DlnMessage *msg)
{
  if (msg == NULL)
    return;
  msg->text[0] = '\0';
  msg->column = 0;
  msg->line = 0;
}
