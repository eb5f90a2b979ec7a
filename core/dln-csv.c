/* The dataset CSV reader and writer (see dln-csv.h): a counting pass that
 * validates and sizes, one exact allocation, then a filling pass. */

#include "dln-csv.h"

#include "dln-core-private.h"
#include "dln-dataset-private.h"
#include "dln-file.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct
{
  const char *p;         /* cursor */
  const char *end;
  const char *line_start;
  size_t      line;      /* 1-based line of the cursor */
  size_t      column;    /* 1-based CSV field of the current field */
  const char *filename;
  DlnMessage *msg;
  char        field[1024];  /* unquoted text of the current field */
  int         truncated;    /* the field did not fit in @field */
} CsvReader;

#define CSV_FAIL(r, ...)                                                    \
  csv_fail ((r), (r)->line, (r)->column, __VA_ARGS__)

static DlnStatus __attribute__ ((format (printf, 4, 5)))
csv_fail (CsvReader  *r,
          size_t      line,
          size_t      column,
          const char *format,
          ...)
{
  char reason[200];
  va_list ap;

  va_start (ap, format);
  vsnprintf (reason, sizeof reason, format, ap);
  va_end (ap);
  dln_message_set (r->msg, (int) column, "%s:%zu:%zu: %s", r->filename, line,
                   column, reason);
  return DLN_STATUS_INVALID_INPUT;
}

/* Is the line at the cursor blank (spaces, tabs, CR) or a comment ('#' as
 * its first byte)? */
static int
csv_line_blank (const CsvReader *r)
{
  if (r->p < r->end && *r->p == '#')
    return 1;
  for (const char *q = r->p; q < r->end && *q != '\n'; q++)
    if (*q != ' ' && *q != '\t' && *q != '\r')
      return 0;
  return 1;
}

static void
csv_next_line (CsvReader *r)
{
  while (r->p < r->end && *r->p != '\n')
    r->p++;
  if (r->p < r->end)
    r->p++;
  r->line++;
  r->line_start = r->p;
  r->column = 1;
}

static void
field_put (CsvReader *r,
           size_t    *n,
           char       c)
{
  if (*n + 1 < sizeof r->field)
    r->field[(*n)++] = c;
  else
    r->truncated = 1;
}

/* Reads one field into r->field; *eol is set when it ended its line (or
 * the file). Returns DLN_STATUS_OK or an error naming line and column. */
static DlnStatus
csv_read_field (CsvReader *r,
                int       *eol)
{
  size_t n = 0;

  r->truncated = 0;
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t'))
    r->p++;
  if (r->p < r->end && *r->p == '"')
    {
      r->p++;
      for (;;)
        {
          if (r->p >= r->end || *r->p == '\n')
            return CSV_FAIL (r, _("unterminated quoted field"));
          if (*r->p == '\0')
            return CSV_FAIL (r, _("NUL byte (is this a text file?)"));
          if (*r->p == '"')
            {
              if (r->p + 1 < r->end && r->p[1] == '"')
                {
                  field_put (r, &n, '"');
                  r->p += 2;
                  continue;
                }
              r->p++;
              break;
            }
          field_put (r, &n, *r->p++);
        }
      while (r->p < r->end && (*r->p == ' ' || *r->p == '\t'))
        r->p++;
      if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r')
        return CSV_FAIL (r, _("text after a closing quote"));
    }
  else
    {
      while (r->p < r->end && *r->p != ',' && *r->p != '\n'
             && !(*r->p == '\r' && (r->p + 1 == r->end || r->p[1] == '\n')))
        {
          if (*r->p == '\0')
            return CSV_FAIL (r, _("NUL byte (is this a text file?)"));
          field_put (r, &n, *r->p++);
        }
      while (n > 0 && (r->field[n - 1] == ' ' || r->field[n - 1] == '\t'))
        n--;
    }
  r->field[n] = '\0';
  if (r->p < r->end && *r->p == ',')
    {
      r->p++;
      *eol = 0;
    }
  else
    {
      while (r->p < r->end && *r->p == '\r')
        r->p++;
      *eol = 1;
    }
  return DLN_STATUS_OK;
}

static int
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* [+-] (digits [. digits] | . digits) [(e|E) [+-] digits]: what strtod
 * reads beyond this (hex such as 0x10, inf, nan, infinity) is refused. */
static int
is_decimal (const char *s)
{
  int digits = 0;

  if (*s == '+' || *s == '-')
    s++;
  for (; is_digit (*s); s++)
    digits++;
  if (*s == '.')
    for (s++; is_digit (*s); s++)
      digits++;
  if (digits == 0)
    return 0;
  if (*s == 'e' || *s == 'E')
    {
      s++;
      if (*s == '+' || *s == '-')
        s++;
      if (!is_digit (*s))
        return 0;
      while (is_digit (*s))
        s++;
    }
  return *s == '\0';
}

/* Parses r->field as a finite decimal double in the C locale whatever the
 * process's locale is (the GUI calls setlocale): uselocale is per thread. */
static DlnStatus
csv_number (CsvReader *r,
            locale_t   c_locale,
            double    *out)
{
  const char *word = r->field;
  locale_t old;
  char *end;
  double v;

  if (r->field[0] == '\0')
    return CSV_FAIL (r, _("empty value"));
  if (r->truncated)
    return CSV_FAIL (r, _("'%.20s...' is not a number"), r->field);
  if (!is_decimal (r->field))
    {
      if (*word == '+' || *word == '-')
        word++;
      if (strcasecmp (word, "nan") == 0)
        return CSV_FAIL (r, _("NaN is not allowed (finite decimal numbers "
                         "only)"));
      if (strcasecmp (word, "inf") == 0 || strcasecmp (word, "infinity") == 0)
        return CSV_FAIL (r, _("'%.40s' is infinite (finite decimal numbers "
                         "only)"), r->field);
      return CSV_FAIL (r, _("'%.40s' is not a number (decimal numbers only)"),
                       r->field);
    }
  old = uselocale (c_locale);
  errno = 0;
  v = strtod (r->field, &end);
  uselocale (old);
  if (end == r->field || *end != '\0')
    return CSV_FAIL (r, _("'%.40s' is not a number"), r->field);
  if (!isfinite (v))
    return CSV_FAIL (r, _("'%.40s' is infinite or out of range"), r->field);
  *out = v;
  return DLN_STATUS_OK;
}

static DlnStatus
csv_name (CsvReader  *r,
          const char *what)
{
  size_t len = strlen (r->field), bad;

  if (r->field[0] == '\0')
    return CSV_FAIL (r, _("empty %s name"), what);
  if (r->truncated || len >= DLN_DATASET_NAME_MAX)
    return CSV_FAIL (r, _("%s name '%.20s...' is longer than %d bytes"), what,
                     r->field, DLN_DATASET_NAME_MAX - 1);
  bad = dln_utf8_invalid_at (r->field, len);
  if (bad < len)
    return CSV_FAIL (r, _("%s name is not valid UTF-8 (byte %zu); save the "
                     "file as UTF-8"), what, bad + 1);
  return DLN_STATUS_OK;
}

/* What the counting pass learns, and the fill pass's cursors. */
typedef struct
{
  DlnDatasetLayout layout;  /* fill pass: with the name pools */
  size_t           header_line;
  size_t          *item_line;  /* fill pass: [n_items] line of each row */
} CsvShape;

/* One pass over the text. With @ds NULL it validates and counts into
 * @shape; with @ds (allocated from those counts) it fills names, values
 * and item lines. */
static DlnStatus
csv_pass (const char *text,
          size_t      len,
          const char *filename,
          locale_t    c_locale,
          DlnDataset *ds,
          CsvShape   *shape,
          DlnMessage *msg)
{
  CsvReader r = { 0 };
  size_t nf = 0, p = 0;
  DlnStatus status;
  int eol = 0;

  r.p = text;
  r.end = text + len;
  r.line = 1;
  r.column = 1;
  r.line_start = text;
  r.filename = filename;
  r.msg = msg;
  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    r.p += 3;  /* UTF-8 byte order mark */
  while (r.p < r.end && csv_line_blank (&r))
    csv_next_line (&r);
  if (r.p >= r.end)
    return csv_fail (&r, 1, 1, _("empty file (expected a header row of "
                     "feature names)"));
  shape->header_line = r.line;

  /* Header: corner cell, then feature names. */
  status = csv_read_field (&r, &eol);
  while (status == DLN_STATUS_OK && !eol)
    {
      size_t l;

      r.column++;
      status = csv_read_field (&r, &eol);
      if (status == DLN_STATUS_OK)
        status = csv_name (&r, _("feature"));
      if (status != DLN_STATUS_OK)
        break;
      if (nf >= DLN_DATASET_MAX_FEATURES)
        return CSV_FAIL (&r, _("more than %d feature columns"),
                         DLN_DATASET_MAX_FEATURES);
      l = strlen (r.field) + 1;
      if (ds != NULL)
        {
          memcpy (shape->layout.feature_pool, r.field, l);
          ds->feature_names[nf] = shape->layout.feature_pool;
          shape->layout.feature_pool += l;
        }
      else
        shape->layout.feature_bytes += l;
      nf++;
    }
  if (status != DLN_STATUS_OK)
    return status;
  if (nf == 0)
    return csv_fail (&r, r.line, 2, _("no feature columns in the header "
                     "(expected: item,feature_1,feature_2,...)"));
  csv_next_line (&r);

  /* Rows: item name, then nf numbers. */
  for (;;)
    {
      size_t l;

      while (r.p < r.end && csv_line_blank (&r))
        csv_next_line (&r);
      if (r.p >= r.end)
        break;
      if (p >= DLN_DATASET_MAX_ITEMS)
        return csv_fail (&r, r.line, 1, _("more than %d item rows"),
                         DLN_DATASET_MAX_ITEMS);
      if ((p + 1) * nf > DLN_DATASET_MAX_CELLS)
        return csv_fail (&r, r.line, 1, _("more than %d values in all"),
                         DLN_DATASET_MAX_CELLS);
      r.column = 1;
      status = csv_read_field (&r, &eol);
      if (status == DLN_STATUS_OK)
        status = csv_name (&r, _("item"));
      if (status != DLN_STATUS_OK)
        return status;
      l = strlen (r.field) + 1;
      if (ds != NULL)
        {
          memcpy (shape->layout.item_pool, r.field, l);
          ds->item_names[p] = shape->layout.item_pool;
          shape->layout.item_pool += l;
          shape->item_line[p] = r.line;
        }
      else
        shape->layout.item_bytes += l;
      for (size_t j = 0; j < nf; j++)
        {
          double v = 0.0;

          if (eol)
            return csv_fail (&r, r.line, j + 2, _("row has %zu values, the "
                             "header has %zu features"), j, nf);
          r.column = j + 2;
          status = csv_read_field (&r, &eol);
          if (status == DLN_STATUS_OK)
            status = csv_number (&r, c_locale, &v);
          if (status != DLN_STATUS_OK)
            return status;
          if (ds != NULL)
            ds->y->data[p * nf + j] = v;
        }
      if (!eol)
        {
          size_t extra = 0;

          while (!eol)
            {
              status = csv_read_field (&r, &eol);
              if (status != DLN_STATUS_OK)
                return status;
              extra++;
            }
          return csv_fail (&r, r.line, nf + 2, _("row has %zu values, the "
                           "header has %zu features"), nf + extra, nf);
        }
      p++;
      csv_next_line (&r);
    }
  if (p == 0)
    return csv_fail (&r, r.line, 1, _("no item rows after the header"));
  shape->layout.n_items = p;
  shape->layout.n_features = nf;
  return DLN_STATUS_OK;
}

static DlnStatus
no_scratch (const char *filename,
            DlnMessage *msg)
{
  dln_message_set (msg, 0, _("%s: out of memory"), filename);
  return DLN_STATUS_NO_MEMORY;
}

/* Refuses the first repeated name among the @n feature (@items = 0) or
 * item names, at its column or line. The search is judged against its own
 * @n: n + 1 means no scratch memory (comparing an item search with
 * n_features + 1 once refused every CSV with one more item than
 * features). */
static DlnStatus
csv_check_unique (CsvReader      *r,
                  const CsvShape *shape,
                  char *const    *names,
                  size_t          n,
                  int             items)
{
  size_t first = 0;
  size_t dup = dln_names_find_duplicate ((const char *const *) names, n,
                                         &first);

  if (dup == n + 1)
    return no_scratch (r->filename, r->msg);
  if (dup == n)
    return DLN_STATUS_OK;
  if (items)
    return csv_fail (r, shape->item_line[dup], 1,
                     _("duplicate item name '%s' (also line %zu)"),
                     names[dup], shape->item_line[first]);
  return csv_fail (r, shape->header_line, dup + 2,
                   _("duplicate feature name '%s' (also column %zu)"),
                   names[dup], first + 2);
}

DlnStatus
dln_dataset_parse_csv (const char  *text,
                       size_t       len,
                       const char  *filename,
                       DlnDataset **out,
                       DlnMessage  *msg)
{
  CsvShape shape = { 0 };
  DlnDataset *ds = NULL;
  DlnStatus status;
  locale_t c_locale;
  CsvReader r = { 0 };
  const char *base;

  DLN_ASSERT ((text != NULL || len == 0) && filename != NULL && out != NULL);
  r.filename = filename;
  r.msg = msg;
  if (len > DLN_DATASET_MAX_FILE)
    return csv_fail (&r, 1, 1, _("file is larger than the limit of %u bytes"),
                     DLN_DATASET_MAX_FILE);
  c_locale = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  if (c_locale == (locale_t) 0)
    {
      dln_message_set (msg, 0, _("%s: cannot create the C locale"), filename);
      return DLN_STATUS_NO_MEMORY;
    }
  status = csv_pass (text, len, filename, c_locale, NULL, &shape, msg);
  if (status == DLN_STATUS_OK)
    status = dln_dataset_alloc_raw (&shape.layout, &ds, msg);
  if (status == DLN_STATUS_OK)
    {
      shape.item_line = malloc (shape.layout.n_items * sizeof (size_t));
      if (shape.item_line == NULL)
        {
          dln_message_set (msg, 0, _("%s: out of memory"), filename);
          status = DLN_STATUS_NO_MEMORY;
        }
    }
  if (status == DLN_STATUS_OK)
    status = csv_pass (text, len, filename, c_locale, ds, &shape, msg);
  freelocale (c_locale);

  if (status == DLN_STATUS_OK)
    status = csv_check_unique (&r, &shape, ds->feature_names, ds->n_features,
                               0);
  if (status == DLN_STATUS_OK)
    status = csv_check_unique (&r, &shape, ds->item_names, ds->n_items, 1);
  free (shape.item_line);
  if (status != DLN_STATUS_OK)
    {
      dln_dataset_free (ds);
      return status;
    }
  base = strrchr (filename, '/');
  snprintf (ds->name, sizeof ds->name, "%s", base != NULL ? base + 1 : filename);
  ds->kind = DLN_DATASET_KIND_CSV;
  ds->seed = 0;
  *out = ds;
  return DLN_STATUS_OK;
}

DlnStatus
dln_dataset_load_csv (const char  *path,
                      DlnDataset **out,
                      DlnMessage  *msg)
{
  FILE *f;
  char *buf;
  size_t len = 0, cap = 1 << 16;
  DlnStatus status;

  DLN_ASSERT (path != NULL && out != NULL);
  f = fopen (path, "rb");
  if (f == NULL)
    {
      dln_message_set (msg, 0, _("%s: cannot open: %s"), path, strerror (errno));
      return DLN_STATUS_IO;
    }
  /* Read in growing chunks: works for pipes too, and stops at the limit. */
  buf = malloc (cap);
  while (buf != NULL)
    {
      size_t got = fread (buf + len, 1, cap - len, f);

      len += got;
      if (len < cap || cap > DLN_DATASET_MAX_FILE)
        break;  /* end of file, or one byte over the limit: enough to say so */
      cap = DLN_MIN (2 * cap, (size_t) DLN_DATASET_MAX_FILE + 1);
      {
        char *grown = realloc (buf, cap);

        if (grown == NULL)
          {
            free (buf);
            buf = NULL;
          }
        else
          buf = grown;
      }
    }
  if (buf == NULL)
    {
      fclose (f);
      dln_message_set (msg, 0, _("%s: out of memory reading the file"), path);
      return DLN_STATUS_NO_MEMORY;
    }
  if (ferror (f))
    {
      int e = errno;

      fclose (f);
      free (buf);
      dln_message_set (msg, 0, _("%s: read error: %s"), path, strerror (e));
      return DLN_STATUS_IO;
    }
  fclose (f);
  status = dln_dataset_parse_csv (buf, len, path, out, msg);
  free (buf);
  return status;
}

/* Writes @s, within double quotes ("" for a quote) when @quote. */
static void
write_field (FILE       *out,
             const char *s,
             int         quote)
{
  if (!quote)
    {
      fputs (s, out);
      return;
    }
  fputc ('"', out);
  for (const char *c = s; *c != '\0'; c++)
    {
      if (*c == '"')
        fputc ('"', out);
      fputc (*c, out);
    }
  fputc ('"', out);
}

void
dln_csv_write_string (FILE       *out,
                      const char *s)
{
  if (s != NULL)
    write_field (out, s, strpbrk (s, ",\"\n\r") != NULL);
}

/* A dataset name is also quoted when it holds a space or tab (which the
 * reader trims) or starts with '#' (unquoted, an item's row would read
 * back as a comment line and vanish). */
static void
write_name (FILE       *f,
            const char *name)
{
  write_field (f, name,
               name[0] == '#' || strpbrk (name, ",\"\r\n \t") != NULL);
}

DlnStatus
dln_dataset_save_csv (const DlnDataset *ds,
                      const char       *path,
                      DlnMessage       *msg)
{
  locale_t c_locale, old;
  DlnAtomicFile af;
  DlnStatus status;
  FILE *f;

  DLN_ASSERT (ds != NULL && path != NULL);
  status = dln_atomic_file_open (&af, path, msg);
  if (status != DLN_STATUS_OK)
    return status;
  f = af.fp;
  c_locale = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  old = c_locale != (locale_t) 0 ? uselocale (c_locale) : (locale_t) 0;
  fputs ("item", f);
  for (size_t j = 0; j < ds->n_features; j++)
    {
      fputc (',', f);
      write_name (f, ds->feature_names[j]);
    }
  fputc ('\n', f);
  for (size_t i = 0; i < ds->n_items; i++)
    {
      write_name (f, ds->item_names[i]);
      for (size_t j = 0; j < ds->n_features; j++)
        fprintf (f, ",%.17g", ds->y->data[i * ds->n_features + j]);
      fputc ('\n', f);
    }
  if (c_locale != (locale_t) 0)
    {
      uselocale (old);
      freelocale (c_locale);
    }
  return dln_atomic_file_commit (&af, msg);
}
