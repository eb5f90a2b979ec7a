#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* --- DlnParamRow: one numeric parameter ---
 * A label, a slider and a typed entry (GtkSpinButton) that always agree.
 * With log-scale the slider moves in log10 (for ranges spanning decades,
 * e.g. learning rates). An optional mark (e.g. the stability bound
 * 2/λmax) is drawn on the slider; with warn-above-mark the row turns to
 * the warning style and shows mark-warning while value > mark. The
 * entry accepts any number in [lower, upper] typed exactly; "value" is
 * the single source of truth (notify::value). */

#define DLN_TYPE_PARAM_ROW (dln_param_row_get_type ())
G_DECLARE_FINAL_TYPE (DlnParamRow, dln_param_row, DLN, PARAM_ROW, GtkWidget)

/* The settings a template gives (label, log-scale, digits, mark-label,
 * warn-above-mark, mark-warning, integer, step) are properties; C code
 * reads and moves the value, the range and the mark. */
GtkWidget  *dln_param_row_new              (const char  *label,
                                            double       lower,
                                            double       upper,
                                            double       value,
                                            gboolean     log_scale);
double      dln_param_row_get_value        (DlnParamRow *self);
void        dln_param_row_set_value        (DlnParamRow *self,
                                            double       value);
void        dln_param_row_set_range        (DlnParamRow *self,
                                            double       lower,
                                            double       upper);
double      dln_param_row_get_lower        (DlnParamRow *self);
double      dln_param_row_get_upper        (DlnParamRow *self);
const char *dln_param_row_get_label        (DlnParamRow *self);
void        dln_param_row_set_mark         (DlnParamRow *self,
                                            double       mark);
gboolean    dln_param_row_get_exceeded     (DlnParamRow *self);
gboolean    dln_param_row_get_integer      (DlnParamRow *self);
double      dln_param_row_get_step         (DlnParamRow *self);

G_END_DECLS
