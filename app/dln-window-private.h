#pragma once

#include "dln-window.h"

G_BEGIN_DECLS

/* dln_window_actions_init:
 * Adds the win.* actions and the window's shortcuts to @self
 * (dln-window-actions.c). */
void dln_window_actions_init       (DlnWindow      *self);

/* dln_window_actions_update:
 * Enables the win.* actions that depend on the visible page. */
void dln_window_actions_update     (DlnWindow      *self);

/* dln_window_step_demo:
 * Selects the demo @delta rows away in the sidebar (wrapping). */
void dln_window_step_demo          (DlnWindow      *self,
                                    int             delta);

/* The window's parts presentation mode rearranges (dln-presentation.c);
 * all borrowed from the window's template. */
typedef struct
{
  AdwFlap    *flap;               /* the demo list folds behind it */
  GtkWidget  *sidebar_box;        /* the demo list with its header bar */
  GtkWidget  *sidebar_separator;
  GtkWidget  *content_box;        /* the page's header bar and overlay */
  GtkWidget  *content_header;
  GtkOverlay *page_overlay;       /* its child is the stack of pages */
} DlnWindowParts;

/* dln_window_get_parts:
 * Fills @parts with the window's own widgets. */
void dln_window_get_parts          (DlnWindow      *self,
                                    DlnWindowParts *parts);

/* dln_window_navigate_back:
 * Shows the demo list (over the page when the window is folded). */
void dln_window_navigate_back      (DlnWindow      *self);

/* dln_window_toggle_sidebar:
 * Shows the demo list if hidden, else hides it (F9). */
void dln_window_toggle_sidebar     (DlnWindow      *self);

G_END_DECLS
