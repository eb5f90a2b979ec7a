#pragma once

#include <adwaita.h>

#include "dln-application.h"

G_BEGIN_DECLS

#define DLN_TYPE_WINDOW (dln_window_get_type ())
G_DECLARE_FINAL_TYPE (DlnWindow, dln_window, DLN, WINDOW, AdwApplicationWindow)

DlnWindow *dln_window_new (DlnApplication *app);

G_END_DECLS
