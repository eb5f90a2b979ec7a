/* The nesting pre-scan run before any JSON parse (see dln-json.h). */

#include "dln-json.h"

#include "dln-core-private.h"

DlnStatus
dln_json_check_nesting (const char *text,
                        size_t      len,
                        size_t      max_depth,
                        DlnMessage *msg)
{
  size_t depth = 0, line = 1, column = 0;
  int in_string = 0, escaped = 0;

  DLN_ASSERT (text != NULL || len == 0);
  for (size_t i = 0; i < len; i++)
    {
      char c = text[i];

      column++;
      if (c == '\n')
        {
          line++;
          column = 0;
        }
      if (in_string)
        {
          if (escaped)
            escaped = 0;
          else if (c == '\\')
            escaped = 1;
          else if (c == '"')
            in_string = 0;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = 1;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              dln_message_set (msg, (int) DLN_MIN (column, (size_t) 1 << 30),
                               _("line %zu, column %zu: JSON nested deeper "
                               "than %zu levels"), line, column, max_depth);
              return DLN_STATUS_INVALID_INPUT;
            }
          break;
        case ']':
        case '}':
          /* unbalanced closers are the parser's to report */
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return DLN_STATUS_OK;
}
