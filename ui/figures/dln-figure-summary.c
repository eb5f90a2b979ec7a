#include "config.h"

#include "dln-figure-summary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One column of the CSV: numeric when every non-empty cell parses (nan and
 * inf included). */
typedef struct
{
  char    *name;
  gboolean numeric;
  gsize    n;          /* finite values */
  double   first, last, min, max;
} Column;

static gboolean
parse_cell (const char *s,
            double     *v)
{
  char *end;

  if (*s == '\0')
    return FALSE;
  *v = g_ascii_strtod (s, &end);
  return *end == '\0';
}

static void
add_value (Column *c,
           double  v)
{
  if (!isfinite (v))
    return;
  if (c->n == 0)
    c->first = c->min = c->max = v;
  c->min = MIN (c->min, v);
  c->max = MAX (c->max, v);
  c->last = v;
  c->n++;
}

/* A short, locale-independent number. */
static void
append_number (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.3g", v);
  g_string_append (s, buf);
}

static void
describe_column (GString      *s,
                 const Column *c)
{
  g_string_append_printf (s, " %s: ", c->name);
  if (c->min == c->max)
    {
      append_number (s, c->first);
      g_string_append (s, " throughout;");
      return;
    }
  append_number (s, c->first);
  if (c->last < c->first)
    g_string_append (s, " falling to ");
  else if (c->last > c->first)
    g_string_append (s, " rising to ");
  else
    g_string_append (s, " and back to ");
  append_number (s, c->last);
  g_string_append (s, " (lowest ");
  append_number (s, c->min);
  g_string_append (s, ", highest ");
  append_number (s, c->max);
  g_string_append (s, ");");
}

char *
dln_figure_summary (const char       *title,
                    DlnFigureCsvFunc  csv,
                    const void       *data,
                    guint             max_columns)
{
  GString *s = g_string_new (title != NULL && *title != '\0' ? title
                                                             : "A figure");
  char *text = NULL;
  size_t size = 0;
  FILE *out;
  DlnMessage msg = { { 0 }, 0 };
  gchar **lines = NULL;
  GArray *cols = NULL;
  gsize rows = 0;
  guint described = 0;

  if (s->str[s->len - 1] != '.')
    g_string_append_c (s, '.');
  if (csv == NULL || data == NULL)
    return g_string_free (s, FALSE);
  out = open_memstream (&text, &size);
  if (out == NULL)
    return g_string_free (s, FALSE);
  if (csv (out, data, &msg) != DLN_STATUS_OK)
    {
      fclose (out);
      free (text);
      g_string_append (s, " Its data cannot be read now.");
      return g_string_free (s, FALSE);
    }
  fclose (out);

  lines = g_strsplit (text, "\n", -1);
  free (text);
  cols = g_array_new (FALSE, TRUE, sizeof (Column));
  if (lines[0] != NULL)
    {
      gchar **head = g_strsplit (lines[0], ",", -1);

      for (guint k = 0; head[k] != NULL; k++)
        {
          Column c = { g_strdup (head[k]), TRUE, 0, 0, 0, 0, 0 };

          g_array_append_val (cols, c);
        }
      g_strfreev (head);
    }
  for (guint i = 1; lines[0] != NULL && lines[i] != NULL; i++)
    {
      gchar **cells;

      if (lines[i][0] == '\0')
        continue;
      cells = g_strsplit (lines[i], ",", -1);
      for (guint k = 0; k < cols->len && cells[k] != NULL; k++)
        {
          Column *c = &g_array_index (cols, Column, k);
          double v;

          if (cells[k][0] == '\0')
            continue;
          if (parse_cell (cells[k], &v))
            add_value (c, v);
          else
            c->numeric = FALSE;
        }
      g_strfreev (cells);
      rows++;
    }
  g_strfreev (lines);

  g_string_append_printf (s, " %" G_GSIZE_FORMAT " data rows.", rows);
  for (guint k = 0; k < cols->len && described < max_columns; k++)
    {
      Column *c = &g_array_index (cols, Column, k);

      if (!c->numeric || c->n == 0)
        continue;
      describe_column (s, c);
      described++;
    }
  if (s->str[s->len - 1] == ';')
    s->str[s->len - 1] = '.';
  for (guint k = 0; k < cols->len; k++)
    g_free (g_array_index (cols, Column, k).name);
  g_array_free (cols, TRUE);
  return g_string_free (s, FALSE);
}
