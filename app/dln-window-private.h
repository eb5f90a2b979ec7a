#pragma once

#include "dln-window.h"

G_BEGIN_DECLS

/* dln_window_actions_init:
 * Adds the win.* actions and the window's shortcuts to @self
 * (dln-window-actions.c). */
void dln_window_actions_init       (DlnWindow      *self);

/* dln_window_step_demo:
 * Selects the demo @delta rows away in the sidebar (wrapping). */
void dln_window_step_demo          (DlnWindow      *self,
                                    int             delta);

/* dln_window_navigate_back:
 * Shows the demo list (over the page when the window is folded). */
void dln_window_navigate_back      (DlnWindow      *self);

/* dln_window_toggle_sidebar:
 * Shows the demo list if hidden, else hides it (F9). */
void dln_window_toggle_sidebar     (DlnWindow      *self);

G_END_DECLS
