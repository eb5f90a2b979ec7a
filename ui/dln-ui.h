#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* dln_ui_init:
 * Registers the dln-ui resources (templates, style.css, shortcuts) and
 * the widget types templates name. Call once before building any widget
 * (DlnApplication does); later calls do nothing. */
void dln_ui_init (void);

G_END_DECLS
