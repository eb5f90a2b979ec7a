#pragma once

#include <gtk/gtk.h>

#include "dln-window.h"

G_BEGIN_DECLS

/* --- DlnPresentation: the window's presentation mode ---
 *
 * F5 (win.presentation, also in the main menu) shows the current demo
 * full screen for a lecture hall: the sidebar and header bars go, the
 * page's main figure fills the screen at a larger type scale
 * (DlnFigureView:type-scale), and the page's control pane becomes a slim
 * overlay on the right that shows while the pointer moves and hides when
 * it is still. Page Down / Page Up show the next / previous demo, Space
 * plays or pauses where the page has play, Escape (or F5 again) leaves
 * and puts every widget back where it was. The window creates one and
 * owns it; it installs its actions and keys on the window. */

#define DLN_TYPE_PRESENTATION (dln_presentation_get_type ())
G_DECLARE_FINAL_TYPE (DlnPresentation, dln_presentation, DLN, PRESENTATION, GObject)

DlnPresentation *dln_presentation_new        (DlnWindow       *window);
gboolean         dln_presentation_get_active (DlnPresentation *self);
void             dln_presentation_set_active (DlnPresentation *self,
                                              gboolean         active);
double           dln_presentation_type_scale (int              width,
                                              int              height);

G_END_DECLS
