#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* dln_ui_init:
 * Registers the dln-ui resources (templates, style.css, shortcuts) and
 * the widget types templates name. Call once before building any widget
 * (DlnApplication does); later calls do nothing. */
void dln_ui_init          (void);

/* dln_ui_name_controls:
 * Gives every control under @root that GTK 4.8 leaves without a proper
 * accessible name one: a button or check button with a mnemonic label
 * its read text
 * (GTK says "_Save session… Save session…"), and an icon-only button or
 * a drop-down without a label its tooltip (GTK says "GtkMenuButton").
 * Call once the widgets exist (after the template). */
void dln_ui_name_controls (GtkWidget *root);

/* dln_ui_fit_drop_downs:
 * Every drop-down under @root shows its chosen item wrapped to the
 * column's width (the list shows each item on one line), so choosing a
 * long item neither widens the control pane nor resizes the figure beside
 * it, and no item is cut. Items are GtkStringObjects or read through the
 * drop-down's expression. */
void dln_ui_fit_drop_downs (GtkWidget *root);

G_END_DECLS
