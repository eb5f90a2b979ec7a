#pragma once

#include <gtk/gtk.h>

#include "dln-status.h"

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

/* dln_ui_find_css_class:
 * Returns: (transfer none) (nullable) the first widget under @root (not
 * @root itself, depth first) with style class @css_class. */
GtkWidget *dln_ui_find_css_class (GtkWidget  *root,
                                  const char *css_class);

typedef void (*DlnUiFileFunc) (GFile    *file,
                               gpointer  user_data);

/* What a file chooser asks for. */
typedef struct
{
  GtkFileChooserAction action;   /* OPEN or SAVE */
  const char          *title;    /* the dialog's title */
  const char          *accept;   /* its accept button (mnemonic) */
  const char          *filter;   /* the name of its one file filter */
  const char          *pattern;  /* that filter's glob */
  const char          *name;     /* (nullable) the file name offered */
} DlnUiFileChoice;

/* dln_ui_choose_file:
 * @widget: the dialog is modal over its window; @widget is kept alive
 *          until the dialog closes
 * @func:   called with the chosen file and @user_data (not when the
 *          dialog is cancelled)
 * Asks for a file with a GtkFileChooserNative. */
void dln_ui_choose_file    (GtkWidget             *widget,
                            const DlnUiFileChoice *choice,
                            DlnUiFileFunc          func,
                            gpointer               user_data);

/* dln_ui_show_error:
 * Tells the user that something failed: an AdwMessageDialog titled
 * @heading with @message over @widget's window (nothing when @widget is
 * not in one). */
void dln_ui_show_error     (GtkWidget             *widget,
                            const char            *heading,
                            const char            *message);

/* dln_ui_show_input_error:
 * @label: the label under @input that says what is wrong with it
 * @input: an entry or text view
 * @text:  (nullable) what is wrong; NULL: nothing (the label hides)
 * Shows @text in @label and marks @input with the "error" style class,
 * or hides the label and clears the mark. */
void dln_ui_show_input_error (GtkLabel              *label,
                              GtkWidget             *input,
                              const char            *text);

/* dln_ui_expr_error_text:
 * @text: the expression (or program) that failed to parse
 * @msg:  why, where (dln_expr_parse ())
 * Returns: (transfer full) where ("Line 2, column 5: " in a program,
 * "Column 5: " in one line) and why, then the line with a caret under
 * that column; just why when @msg has no column. */
char *dln_ui_expr_error_text (const char            *text,
                              const DlnMessage      *msg);

G_END_DECLS
