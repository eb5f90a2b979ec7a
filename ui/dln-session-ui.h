#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* --- Sessions in the window ---
 * The session.save (Ctrl+S) and session.open (Ctrl+O) actions, installed
 * on every Tutorial 2 sec. 2 / Tutorial 3 page class, work on the whole
 * window: they capture (or restore) every demo page in the window's
 * GtkStack and the visible demo. Saving asks for a file with a
 * GtkFileChooserNative; opening validates the whole file against every
 * page it names before changing anything, then restores those pages,
 * resets the pages it does not name and shows its demo. Errors appear in
 * an AdwMessageDialog and change nothing. session.save-to and
 * session.open-from take the path as their parameter instead of asking
 * (the window's win.save-session-to / win.open-session-from). */

void     dln_session_ui_class_init  (GtkWidgetClass *widget_class);
gboolean dln_session_ui_save_to     (GtkWidget      *page,
                                     GFile          *file,
                                     GError        **error);
gboolean dln_session_ui_open_from   (GtkWidget      *page,
                                     GFile          *file,
                                     GError        **error);

G_END_DECLS
