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

GtkWidget  *dln_param_row_new             (const char  *label,
                                           double       lower,
                                           double       upper,
                                           double       value,
                                           gboolean     log_scale);
double      dln_param_row_get_value       (DlnParamRow *self);
void        dln_param_row_set_value       (DlnParamRow *self,
                                           double       value);
void        dln_param_row_set_range       (DlnParamRow *self,
                                           double       lower,
                                           double       upper);
double      dln_param_row_get_lower       (DlnParamRow *self);
double      dln_param_row_get_upper       (DlnParamRow *self);
gboolean    dln_param_row_get_log_scale   (DlnParamRow *self);
void        dln_param_row_set_log_scale   (DlnParamRow *self,
                                           gboolean     log_scale);
const char *dln_param_row_get_label       (DlnParamRow *self);
void        dln_param_row_set_label       (DlnParamRow *self,
                                           const char  *label);
int         dln_param_row_get_digits      (DlnParamRow *self);
void        dln_param_row_set_digits      (DlnParamRow *self,
                                           int          digits);
double      dln_param_row_get_mark        (DlnParamRow *self);
void        dln_param_row_set_mark        (DlnParamRow *self,
                                           double       mark);
const char *dln_param_row_get_mark_label  (DlnParamRow *self);
void        dln_param_row_set_mark_label  (DlnParamRow *self,
                                           const char  *mark_label);
gboolean    dln_param_row_get_warn_above_mark (DlnParamRow *self);
void        dln_param_row_set_warn_above_mark (DlnParamRow *self,
                                               gboolean     warn);
const char *dln_param_row_get_mark_warning (DlnParamRow *self);
void        dln_param_row_set_mark_warning (DlnParamRow *self,
                                            const char  *text);
gboolean    dln_param_row_get_exceeded    (DlnParamRow *self);
gboolean    dln_param_row_get_integer     (DlnParamRow *self);
void        dln_param_row_set_integer     (DlnParamRow *self,
                                           gboolean     integer);
double      dln_param_row_get_step        (DlnParamRow *self);
void        dln_param_row_set_step        (DlnParamRow *self,
                                           double       step);

G_END_DECLS
