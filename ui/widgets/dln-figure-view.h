#pragma once

#include <gtk/gtk.h>

#include "dln-animation-dialog.h"
#include "dln-figure-catalogue.h"

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
 * to a given path (dln_figure_view_export_to: the win.export-to action).
 * A page whose figure is a catalogue entry with a Python script
 * (dln-figure-python.h) hands the view a function filling that entry's
 * options from its current settings (dln_figure_view_set_python); the
 * view then also offers "Export as Python script" and writes the script
 * .py paths ask for. */

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

/* DlnFigureViewArgsFunc:
 * @args: initialised with the entry's defaults; set the page's values
 *        (dln_figure_args_set)
 * Returns: FALSE with @error set when the page's settings have no
 * equivalent among the entry's options. */
typedef gboolean (*DlnFigureViewArgsFunc) (DlnFigureView  *view,
                                           DlnFigureArgs  *args,
                                           gpointer        user_data,
                                           GError        **error);

GtkWidget  *dln_figure_view_new               (void);
void        dln_figure_view_set_figure        (DlnFigureView            *self,
                                               DlnFigureRenderFunc       render,
                                               DlnFigureCsvFunc          csv,
                                               const void               *data);
void        dln_figure_view_set_readout_func  (DlnFigureView            *self,
                                               DlnFigureViewReadoutFunc  func,
                                               gpointer                  user_data,
                                               GDestroyNotify            destroy);
void        dln_figure_view_set_python        (DlnFigureView            *self,
                                               const char               *entry,
                                               DlnFigureViewArgsFunc     func,
                                               gpointer                  user_data);
gboolean    dln_figure_view_get_animated      (DlnFigureView            *self);
void        dln_figure_view_queue_render      (DlnFigureView            *self);
void        dln_figure_view_render_now        (DlnFigureView            *self);
void        dln_figure_view_set_stand_in      (DlnFigureView            *self,
                                               DlnFigureView            *stand_in);
const char *dln_figure_view_get_name          (DlnFigureView            *self);
const char *dln_figure_view_get_readout       (DlnFigureView            *self);
const char *dln_figure_view_get_description   (DlnFigureView            *self);
void        dln_figure_view_set_description   (DlnFigureView            *self,
                                               const char               *description);
const DlnFigureGeometry *
            dln_figure_view_get_geometry      (DlnFigureView            *self);
double      dln_figure_view_get_type_scale    (DlnFigureView            *self);
void        dln_figure_view_set_type_scale    (DlnFigureView            *self,
                                               double                    scale);
gboolean    dln_figure_view_record            (DlnFigureView            *self,
                                               DlnFigureRecord          *rec);
gboolean    dln_figure_view_write             (DlnFigureView            *self,
                                               const char               *path,
                                               GError                  **error);
void        dln_figure_view_export_to         (DlnFigureView            *self,
                                               const char               *path);
void        dln_figure_view_export            (DlnFigureView            *self,
                                               const char               *format);
DlnAnimationDialog *dln_figure_view_export_animation_to (DlnFigureView *self,
                                                         const char    *path);

G_END_DECLS
