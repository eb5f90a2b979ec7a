#pragma once

#include <adwaita.h>

#include "dln-ui.h"

G_BEGIN_DECLS

/* --- Sessions of a window's demo pages ---
 * The window's win.save-session (Ctrl+S) and win.open-session (Ctrl+O),
 * and their path-taking forms win.save-session-to and
 * win.open-session-from, work through these on the window's GtkStack of
 * pages: saving captures every DlnDemoPage in it (its properties and its
 * own state, dln_demo_page_save_state ()); opening validates the whole
 * file against every page it names before changing anything, then
 * restores those pages and resets the others. */

gboolean dln_session_ui_save_to   (GtkStack              *stack,
                                   const char            *current_demo,
                                   GFile                 *file,
                                   GError               **error);
gboolean dln_session_ui_open_from (GtkStack              *stack,
                                   GFile                 *file,
                                   char                 **current_demo,
                                   GError               **error);
void     dln_session_ui_report    (GtkWindow             *window,
                                   AdwToastOverlay       *overlay,
                                   const char            *done,
                                   const char            *failed,
                                   const char            *path,
                                   const GError          *error);
void     dln_session_ui_choose    (GtkWindow             *parent,
                                   gboolean               saving,
                                   DlnUiFileFunc          func,
                                   gpointer               user_data);

G_END_DECLS
