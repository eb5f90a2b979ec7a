/* Export: one renderer onto PNG, SVG or PDF surfaces, or its data as CSV.
 * Files are written through core's atomic writer (dln-file.h), so an
 * existing file is replaced atomically and a failed export leaves it
 * untouched. */

#include "config.h"

#include "dln-figure-export.h"

#include "dln-file.h"
#include "dln-figure-summary.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* SVG and PDF measure in points; user units are CSS px (96 per inch). */
#define PT_PER_UNIT 0.75
#define MAX_PNG_SCALE 8.0

DlnStatus
dln_figure_format_from_path (const char      *path,
                             DlnFigureFormat *out,
                             DlnMessage      *msg)
{
  static const struct
  {
    const char     *ext;
    DlnFigureFormat format;
  } formats[] = {
    { ".png", DLN_FIGURE_FORMAT_PNG }, { ".svg", DLN_FIGURE_FORMAT_SVG },
    { ".pdf", DLN_FIGURE_FORMAT_PDF }, { ".csv", DLN_FIGURE_FORMAT_CSV },
  };
  const char *slash, *dot;

  if (path == NULL || *path == '\0')
    {
      dln_message_set (msg, 0, "no output file given");
      return DLN_STATUS_INVALID_INPUT;
    }
  slash = strrchr (path, '/');
  dot = strrchr (slash != NULL ? slash : path, '.');
  if (dot != NULL)
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
      if (strcasecmp (dot, formats[i].ext) == 0)
        {
          *out = formats[i].format;
          return DLN_STATUS_OK;
        }
  dln_message_set (msg, 0,
                   "unknown file type '%s' in '%s' (use .png, .svg, .pdf or "
                   ".csv)",
                   dot != NULL ? dot : "", path);
  return DLN_STATUS_INVALID_INPUT;
}

static cairo_status_t
write_stream (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  FILE *fp = closure;

  if (fwrite (data, 1, length, fp) != length)
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* --- Figures --- */

DlnStatus
dln_figure_export (const char           *path,
                   DlnFigureFormat       format,
                   double                width,
                   double                height,
                   double                scale,
                   DlnFigureRenderFunc   render,
                   const DlnFigureStyle *style,
                   const void           *data,
                   DlnMessage           *msg)
{
  cairo_surface_t *surface = NULL;
  cairo_status_t cs;
  cairo_t *cr;
  DlnAtomicFile t;
  DlnStatus status;

  if (!(width >= DLN_FIGURE_MIN_SIZE && width <= DLN_FIGURE_MAX_SIZE
        && height >= DLN_FIGURE_MIN_SIZE && height <= DLN_FIGURE_MAX_SIZE))
    {
      dln_message_set (msg, 0,
                       "bad figure size %gx%g (each side must be %g ... %g)",
                       width, height, DLN_FIGURE_MIN_SIZE,
                       DLN_FIGURE_MAX_SIZE);
      return DLN_STATUS_INVALID_INPUT;
    }
  if (format == DLN_FIGURE_FORMAT_PNG
      && !(scale > 0 && scale <= MAX_PNG_SCALE
           && width * scale <= DLN_FIGURE_MAX_SIZE
           && height * scale <= DLN_FIGURE_MAX_SIZE))
    {
      dln_message_set (msg, 0, "bad PNG scale %g (0 < scale <= %g, at most "
                       "%g pixels a side)", scale, MAX_PNG_SCALE,
                       DLN_FIGURE_MAX_SIZE);
      return DLN_STATUS_INVALID_INPUT;
    }
  if (format == DLN_FIGURE_FORMAT_CSV || (unsigned) format > 3)
    {
      dln_message_set (msg, 0, "dln_figure_export () writes PNG, SVG or PDF");
      return DLN_STATUS_INVALID_INPUT;
    }

  status = dln_atomic_file_open (&t, path, msg);
  if (status != DLN_STATUS_OK)
    return status;

  switch (format)
    {
    case DLN_FIGURE_FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) lround (width * scale),
                                            (int) lround (height * scale));
      break;
    case DLN_FIGURE_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_stream, t.fp,
                                                     width * PT_PER_UNIT,
                                                     height * PT_PER_UNIT);
      break;
    case DLN_FIGURE_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_stream, t.fp,
                                                     width * PT_PER_UNIT,
                                                     height * PT_PER_UNIT);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                      "dlnlab " PACKAGE_VERSION);
      break;
    case DLN_FIGURE_FORMAT_CSV:
      break;
    }
  cs = cairo_surface_status (surface);
  if (cs != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      dln_atomic_file_abort (&t);
      dln_message_set (msg, 0, "cannot create the %gx%g surface for '%s': %s",
                       width, height, path, cairo_status_to_string (cs));
      return cs == CAIRO_STATUS_NO_MEMORY ? DLN_STATUS_NO_MEMORY
                                          : DLN_STATUS_IO;
    }

  cr = cairo_create (surface);
  cairo_scale (cr, format == DLN_FIGURE_FORMAT_PNG ? scale : PT_PER_UNIT,
               format == DLN_FIGURE_FORMAT_PNG ? scale : PT_PER_UNIT);
  render (cr, style, data, width, height, NULL);
  cs = cairo_status (cr);
  cairo_destroy (cr);
  if (cs == CAIRO_STATUS_SUCCESS && format == DLN_FIGURE_FORMAT_PNG)
    cs = cairo_surface_write_to_png_stream (surface, write_stream, t.fp);
  cairo_surface_finish (surface);
  if (cs == CAIRO_STATUS_SUCCESS)
    cs = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (cs != CAIRO_STATUS_SUCCESS)
    {
      dln_atomic_file_abort (&t);
      dln_message_set (msg, 0, "cannot write '%s': %s", path,
                       cairo_status_to_string (cs));
      return cs == CAIRO_STATUS_NO_MEMORY ? DLN_STATUS_NO_MEMORY
                                          : DLN_STATUS_IO;
    }
  return dln_atomic_file_commit (&t, msg);
}

/* --- CSV --- */

DlnStatus
dln_figure_export_csv (const char       *path,
                       DlnFigureCsvFunc  csv,
                       const void       *data,
                       DlnMessage       *msg)
{
  DlnAtomicFile t;
  DlnStatus status = dln_atomic_file_open (&t, path, msg);

  if (status != DLN_STATUS_OK)
    return status;
  status = csv (t.fp, data, msg);
  if (status != DLN_STATUS_OK)
    {
      dln_atomic_file_abort (&t);
      return status;
    }
  return dln_atomic_file_commit (&t, msg);
}

void
dln_csv_write_double (FILE   *out,
                      double  v)
{
  char buf[40];

  /* a summary being made takes the number as it is */
  if (dln_figure_summary_take_double (out, v))
    return;
  if (isnan (v))
    fputs ("nan", out);
  else if (isinf (v))
    fputs (v > 0 ? "inf" : "-inf", out);
  else
    {
      /* %.17g round-trips; the decimal point is forced to '.' in case a
       * caller runs under a locale with ',' (the CLI sets LC_NUMERIC=C,
       * the GUI may not). */
      snprintf (buf, sizeof buf, "%.17g", v);
      for (char *p = buf; *p != '\0'; p++)
        if (*p == ',')
          *p = '.';
      fputs (buf, out);
    }
}

void
dln_csv_write_doubles (FILE         *out,
                       const double *v,
                       size_t        n)
{
  for (size_t i = 0; i < n; i++)
    {
      if (i > 0)
        fputc (',', out);
      dln_csv_write_double (out, v[i]);
    }
}

DlnStatus
dln_csv_finish (FILE       *out,
                const char *what,
                DlnMessage *msg)
{
  if (ferror (out))
    {
      dln_message_set (msg, 0, "%s CSV: write failed", what);
      return DLN_STATUS_IO;
    }
  return DLN_STATUS_OK;
}
