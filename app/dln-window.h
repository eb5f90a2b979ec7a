#pragma once

#include <adwaita.h>

#include "dln-application.h"

G_BEGIN_DECLS

#define DLN_TYPE_WINDOW (dln_window_get_type ())
G_DECLARE_FINAL_TYPE (DlnWindow, dln_window, DLN, WINDOW, AdwApplicationWindow)

DlnWindow  *dln_window_new          (DlnApplication *app);
const char *dln_window_get_demo     (DlnWindow      *self);
gboolean    dln_window_set_demo     (DlnWindow      *self,
                                     const char     *id);
GtkWidget  *dln_window_get_page     (DlnWindow      *self);
void        dln_window_add_toast    (DlnWindow      *self,
                                     const char     *text);
gboolean    dln_window_save_session (DlnWindow      *self,
                                     GFile          *file);
gboolean    dln_window_open_session (DlnWindow      *self,
                                     GFile          *file);

G_END_DECLS
