#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DLN_TYPE_APPLICATION (dln_application_get_type ())
G_DECLARE_FINAL_TYPE (DlnApplication, dln_application, DLN, APPLICATION, AdwApplication)

DlnApplication *dln_application_new          (void);
GSettings      *dln_application_get_settings (DlnApplication *self);

G_END_DECLS
