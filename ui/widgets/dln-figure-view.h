#pragma once

#include <gtk/gtk.h>

#include "dln-figure.h"

G_BEGIN_DECLS

/* --- DlnFigureView: a canvas drawn by a figure renderer ---
 *
 * The page hands the view a ui/figures renderer and the data it draws
 * (dln_figure_view_set_figure); the view calls it with the style of the
 * current theme (AdwStyleManager:dark) and keeps the DlnFigureGeometry it
 * reports. From that geometry it shows a hover readout of the data under
 * the pointer, emits "pressed" / "dragged" / "released" in data
 * coordinates, and exports through dln_figure_export () (PNG at 2×, SVG,
 * PDF: the light style, the same renderer as the screen and dlnlab-cli)
 * or dln_figure_export_csv () after a GtkFileChooserNative, or straight
 * to a given path (dln_figure_view_export_to: the win.export-to action). */

#define DLN_TYPE_FIGURE_VIEW (dln_figure_view_get_type ())
G_DECLARE_FINAL_TYPE (DlnFigureView, dln_figure_view, DLN, FIGURE_VIEW, GtkWidget)

/* DlnFigureViewReadoutFunc:
 * @geom:   the geometry of the last on-screen render
 * @panel:  index of the panel under the pointer, or -1
 * @x, @y:  data coordinates under the pointer in that panel (XY and IMAGE
 *          panels; NaN otherwise)
 * @px, @py: widget pixels (hit-test graphs or 3-D views yourself)
 * Returns: (transfer full) (nullable) one or two lines of text. */
typedef char *(*DlnFigureViewReadoutFunc) (DlnFigureView           *view,
                                           const DlnFigureGeometry *geom,
                                           int                      panel,
                                           double                   x,
                                           double                   y,
                                           double                   px,
                                           double                   py,
                                           gpointer                 user_data);

GtkWidget  *dln_figure_view_new               (void);
void        dln_figure_view_set_figure        (DlnFigureView            *self,
                                               DlnFigureRenderFunc       render,
                                               DlnFigureCsvFunc          csv,
                                               const void               *data);
void        dln_figure_view_set_readout_func  (DlnFigureView            *self,
                                               DlnFigureViewReadoutFunc  func,
                                               gpointer                  user_data,
                                               GDestroyNotify            destroy);
void        dln_figure_view_queue_render      (DlnFigureView            *self);
const char *dln_figure_view_get_name          (DlnFigureView            *self);
void        dln_figure_view_set_name          (DlnFigureView            *self,
                                               const char               *name);
const char *dln_figure_view_get_title         (DlnFigureView            *self);
void        dln_figure_view_set_title         (DlnFigureView            *self,
                                               const char               *title);
const char *dln_figure_view_get_readout       (DlnFigureView            *self);
const DlnFigureGeometry *
            dln_figure_view_get_geometry      (DlnFigureView            *self);
gboolean    dln_figure_view_write             (DlnFigureView            *self,
                                               const char               *path,
                                               GError                  **error);
void        dln_figure_view_export_to         (DlnFigureView            *self,
                                               const char               *path);
void        dln_figure_view_export            (DlnFigureView            *self,
                                               const char               *format);

G_END_DECLS
