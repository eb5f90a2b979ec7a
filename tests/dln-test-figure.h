#pragma once

/* Helpers shared by the figure tests: an image surface to render on, its
 * pixels, and a catalogue entry's CSV (not part of any product). */

#include "dln-figure-catalogue.h"

#include <glib.h>

/* DLN_TEST_RENDER_ANY, DLN_TEST_CSV_ANY:
 * Define a static DlnFigureRenderFunc (DlnFigureCsvFunc) @name that calls
 * @typed, the renderer (CSV writer) of one figure's data type, so that no
 * function pointer is called through another type. */
#define DLN_TEST_RENDER_ANY(name, typed)                                \
  static void                                                           \
  name (cairo_t *cr, const DlnFigureStyle *style, const void *data,     \
        double w, double h, DlnFigureGeometry *geom)                    \
  {                                                                     \
    typed (cr, style, data, w, h, geom);                                \
  }
#define DLN_TEST_CSV_ANY(name, typed)                                   \
  static DlnStatus                                                      \
  name (FILE *out, const void *data, DlnMessage *msg)                   \
  {                                                                     \
    return typed (out, data, msg);                                      \
  }

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  int              w, h;
} DlnTestCanvas;

/* dln_test_canvas_init:
 * A @w x @h ARGB surface and its context, filled with @style's
 * background (nullable: left transparent). */
void     dln_test_canvas_init   (DlnTestCanvas        *c,
                                 const DlnFigureStyle *style,
                                 int                   w,
                                 int                   h);

/* dln_test_canvas_finish:
 * Asserts the context drew without error, keeps the image as @name.png
 * in $DLN_TEST_DUMP_DIR when that is set, and frees the canvas. */
void     dln_test_canvas_finish (DlnTestCanvas        *c,
                                 const char           *name);

/* dln_test_pixel:
 * The straight RGB of pixel (@x, @y) in 0 ... 1 (opaque surfaces); the
 * pixel must lie on the canvas. */
DlnRgba  dln_test_pixel         (DlnTestCanvas        *c,
                                 double                x,
                                 double                y);

/* dln_test_render_figure:
 * A new @w x @h ARGB surface with @fn's drawing of @data in @style on it
 * (cairo's status asserted), flushed for reading. */
cairo_surface_t *dln_test_render_figure (DlnFigureRenderFunc   fn,
                                         const DlnFigureStyle *style,
                                         const void           *data,
                                         int                   w,
                                         int                   h,
                                         DlnFigureGeometry    *geom);

/* dln_test_surface_pixel:
 * The straight RGB of pixel (@x, @y) of the opaque image surface @s in
 * 0 ... 1; off the surface { -1, -1, -1, 0 }, no colour's. */
DlnRgba  dln_test_surface_pixel (cairo_surface_t      *s,
                                 int                   x,
                                 int                   y);

/* dln_test_color_dist:
 * The largest channel difference of @a and @b. */
double   dln_test_color_dist    (DlnRgba               a,
                                 DlnRgba               b);

/* dln_test_build:
 * Builds catalogue figure @name into @fig with the options given as
 * NULL-terminated NAME, VALUE pairs after @name; an unknown name, a bad
 * option or a failed build is an error (free with
 * dln_figure_instance_clear). */
void     dln_test_build         (DlnFigureInstance    *fig,
                                 const char           *name,
                                 ...) G_GNUC_NULL_TERMINATED;

/* dln_test_panel:
 * The panel named @name in @geom (as the renderer filled it); a missing
 * panel is an error. */
const DlnPlotPanel *dln_test_panel (const DlnFigureGeometry *geom,
                                    const char              *name);

/* dln_test_entry_csv:
 * Builds catalogue entry @name with the options @kv (NULL-terminated
 * name, value pairs; nullable) and returns its CSV (free with free ()),
 * asserting every step succeeds. */
char    *dln_test_entry_csv     (const char           *name,
                                 const char *const    *kv);
