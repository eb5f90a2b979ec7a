#pragma once

/* Export of a rendered figure to PNG, SVG, PDF or CSV through a temporary
 * file and a rename (dln-figure-export.c). */

#include "dln-csv.h"
#include "dln-figure-style.h"
#include "dln-status.h"

#include <cairo.h>
#include <stdio.h>

/* --- Export --- */

typedef enum
{
  DLN_FIGURE_FORMAT_PNG = 0,
  DLN_FIGURE_FORMAT_SVG,
  DLN_FIGURE_FORMAT_PDF,
  DLN_FIGURE_FORMAT_CSV,
} DlnFigureFormat;

/* A type-erased renderer (what every dln_figure_<kind>_render () is, with
 * @data cast) and a CSV writer of the exact data behind it. */
typedef void      (*DlnFigureRenderFunc) (cairo_t              *cr,
                                          const DlnFigureStyle *style,
                                          const void           *data,
                                          double                width,
                                          double                height,
                                          DlnFigureGeometry    *geom);
typedef DlnStatus (*DlnFigureCsvFunc)    (FILE                 *out,
                                          const void           *data,
                                          DlnMessage           *msg);

/* DLN_FIGURE_DECLARE_RENDER:
 * Declares dln_figure_@kind_render (), the renderer contract of
 * dln-figure.h for data of type @Type: a DlnFigureRenderFunc but for
 * @data's type. Each figure header documents its renderer above it. */
#define DLN_FIGURE_DECLARE_RENDER(kind, Type)                            \
  void dln_figure_##kind##_render (cairo_t              *cr,             \
                                   const DlnFigureStyle *style,          \
                                   const Type           *data,           \
                                   double                width,          \
                                   double                height,         \
                                   DlnFigureGeometry    *geom)

/* DLN_FIGURE_DECLARE_CSV:
 * Declares dln_figure_@kind_csv (), which writes the figure's data as CSV
 * to @out (a DlnFigureCsvFunc when @Type is void). Each figure header
 * documents its columns above it. */
#define DLN_FIGURE_DECLARE_CSV(kind, Type)                               \
  DlnStatus dln_figure_##kind##_csv (FILE                 *out,          \
                                     const Type           *data,         \
                                     DlnMessage           *msg)

/* Largest width or height accepted (user units), so a typo cannot ask
 * for a multi-gigabyte image. */
#define DLN_FIGURE_MAX_SIZE 16384.0
/* Smallest: below this no axis fits. */
#define DLN_FIGURE_MIN_SIZE 32.0

/* dln_figure_format_from_path:
 * From @path's extension (.png .svg .pdf .csv, any case). Returns
 * DLN_STATUS_OK, or DLN_STATUS_INVALID_INPUT with a message naming the
 * extension. */
DlnStatus dln_figure_format_from_path (const char          *path,
                                       DlnFigureFormat     *out,
                                       DlnMessage          *msg);

/* dln_figure_export:
 * @path:   file to write; an existing file is replaced atomically (the
 *          figure is written to a temporary file in the same directory,
 *          then renamed over @path), so readers never see half a file
 * @format: PNG, SVG or PDF (CSV: use dln_figure_export_csv ())
 * @width, @height: figure size in user units (CSS px), within
 *          [DLN_FIGURE_MIN_SIZE, DLN_FIGURE_MAX_SIZE]
 * @scale:  PNG only: device pixels per user unit (1 = @width px wide; 2
 *          for HiDPI); in (0, 8]. SVG and PDF are written at 96 user
 *          units per inch (0.75 pt per unit), fonts embedded by cairo.
 * Calls @render once onto the file's surface. Returns DLN_STATUS_OK,
 * DLN_STATUS_INVALID_INPUT (bad size, scale or format) or DLN_STATUS_IO
 * (cannot create, write or rename; @msg says which and why). */
DlnStatus dln_figure_export          (const char           *path,
                                      DlnFigureFormat       format,
                                      double                width,
                                      double                height,
                                      double                scale,
                                      DlnFigureRenderFunc   render,
                                      const DlnFigureStyle *style,
                                      const void           *data,
                                      DlnMessage           *msg);

/* dln_figure_export_csv:
 * Writes @csv's output for @data to @path atomically (as above). Returns
 * DLN_STATUS_OK, DLN_STATUS_IO, or the writer's status. */
DlnStatus dln_figure_export_csv      (const char           *path,
                                      DlnFigureCsvFunc      csv,
                                      const void           *data,
                                      DlnMessage           *msg);

/* dln_csv_write_double:
 * Writes @v with 17 significant digits (round-trips), C locale, "nan",
 * "inf", "-inf" for non-finite values. */
void      dln_csv_write_double       (FILE                 *out,
                                      double                v);

/* dln_csv_write_doubles:
 * Writes @n values as dln_csv_write_double () does, separated by commas
 * (none before the first or after the last). */
void      dln_csv_write_doubles      (FILE                 *out,
                                      const double         *v,
                                      size_t                n);

/* dln_csv_finish:
 * How a CSV writer ends: DLN_STATUS_OK, or DLN_STATUS_IO with "@what CSV:
 * write failed" in @msg when @out has an error. */
DlnStatus dln_csv_finish             (FILE                 *out,
                                      const char           *what,
                                      DlnMessage           *msg);
