#define G_LOG_DOMAIN "dln-param-row"

#include "config.h"

#include "dln-property.h"

#include "dln-param-row.h"

#include <locale.h>
#include <math.h>

struct _DlnParamRow
{
  GtkWidget      parent_instance;

  /* template children */
  GtkWidget     *grid;
  GtkLabel      *label;
  GtkSpinButton *spin;
  GtkAdjustment *spin_adjustment;
  GtkScale      *scale;
  GtkAdjustment *scale_adjustment;
  GtkLabel      *warning;

  /* owned */
  char          *mark_label;
  char          *mark_warning;
  double         value;
  double         lower, upper;
  double         mark;            /* NaN when none */
  double         step;            /* grid of multiples of step; 0: none */
  int            digits;          /* significant digits shown */
  gboolean       log_scale;
  gboolean       warn_above_mark;
  gboolean       exceeded;
  gboolean       integer;
  gboolean       updating;        /* guards adjustment feedback */
  guint          accessible_id;   /* idle: rewrite the accessible values */
};

G_DEFINE_FINAL_TYPE (DlnParamRow, dln_param_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_LABEL,
  PROP_VALUE,
  PROP_LOWER,
  PROP_UPPER,
  PROP_LOG_SCALE,
  PROP_DIGITS,
  PROP_MARK,
  PROP_MARK_LABEL,
  PROP_WARN_ABOVE_MARK,
  PROP_MARK_WARNING,
  PROP_EXCEEDED,
  PROP_INTEGER,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void sync_widgets (DlnParamRow *self);
static void update_marks (DlnParamRow *self);
static void update_exceeded (DlnParamRow *self);
static void queue_accessible_values (DlnParamRow *self);
static void set_label (DlnParamRow *self,
                       const char  *label);
static void set_step (DlnParamRow *self,
                      double       step);

static void
dln_param_row_dispose (GObject *object)
{
  DlnParamRow *self = DLN_PARAM_ROW (object);

  g_clear_handle_id (&self->accessible_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), DLN_TYPE_PARAM_ROW);

  G_OBJECT_CLASS (dln_param_row_parent_class)->dispose (object);
}

static void
dln_param_row_finalize (GObject *object)
{
  DlnParamRow *self = DLN_PARAM_ROW (object);

  g_free (self->mark_label);
  g_free (self->mark_warning);

  G_OBJECT_CLASS (dln_param_row_parent_class)->finalize (object);
}

/* The entry shows significant digits ("0.15", "1847", "0.0003"). */
static gboolean
spin_output_cb (GtkSpinButton *spin,
                DlnParamRow   *self)
{
  g_autofree char *text = NULL;
  double v = gtk_adjustment_get_value (self->spin_adjustment);

  if (self->integer)
    text = g_strdup_printf ("%.0f", v);
  else
    text = g_strdup_printf ("%.*g", self->digits, v);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
spin_input_cb (GtkSpinButton *spin,
               double        *new_value,
               DlnParamRow   *self)
{
  g_autofree char *typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin)));
  const char *point = localeconv ()->decimal_point;
  const char *text = typed;
  char *end = NULL;
  double v;

  /* the row shows the locale's decimal point ("0,005" in Spanish): read
   * that back, and a typed '.' too */
  if (point != NULL && point[0] != '.' && point[0] != '\0' && point[1] == '\0')
    for (char *c = typed; *c != '\0'; c++)
      if (*c == point[0])
        *c = '.';
  while (g_ascii_isspace (*text))
    text++;
  v = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (v))
    return GTK_INPUT_ERROR;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0')
    return GTK_INPUT_ERROR;
  *new_value = v;
  return TRUE;
}

/* An adjustment moved to a value that rounds back to the current one:
 * put it back so that it shows the value the row holds. */
static void
resync_if_rounded (DlnParamRow *self,
                   double       shown)
{
  if (shown != self->value)
    sync_widgets (self);
}

static void
spin_changed_cb (GtkAdjustment *adj,
                 DlnParamRow   *self)
{
  if (self->updating)
    return;
  dln_param_row_set_value (self, gtk_adjustment_get_value (adj));
  resync_if_rounded (self, gtk_adjustment_get_value (adj));
}

static void
scale_changed_cb (GtkAdjustment *adj,
                  DlnParamRow   *self)
{
  double v = gtk_adjustment_get_value (adj);
  double old = self->value;

  if (self->updating)
    return;
  v = self->log_scale ? pow (10.0, v) : v;
  dln_param_row_set_value (self, v);
  /* A log slider's step is a ratio: near the bottom of an integer row
   * (H = 1, 2, ...) it rounds back to where it started, so the arrow keys
   * would do nothing. Move to the next whole number that way instead. */
  if (self->integer && self->value == old && fabs (v - old) > 1e-9)
    dln_param_row_set_value (self, old + (v > old ? 1 : -1));
  resync_if_rounded (self, v);
}

/* digits: significant digits shown in the entry */
static void
digits_changed (DlnParamRow *self)
{
  gtk_spin_button_update (self->spin);
  spin_output_cb (self->spin, self);
}

/* mark-warning: (nullable) shown under the slider while exceeded */
static void
mark_warning_changed (DlnParamRow *self)
{
  gtk_label_set_label (self->warning,
                       self->mark_warning != NULL ? self->mark_warning : "");
  update_exceeded (self);
}

static void
set_lower (DlnParamRow *self,
           double       lower)
{
  dln_param_row_set_range (self, lower, self->upper);
}

static void
set_upper (DlnParamRow *self,
           double       upper)
{
  dln_param_row_set_range (self, self->lower, upper);
}

static void
dln_param_row_class_init (DlnParamRowClass *klass)
{
#define FIELD(name) G_STRUCT_OFFSET (DlnParamRow, name)
  static const DlnPropertyDecl decls[N_PROPS] = {
    [PROP_LABEL] = { DLN_PROPERTY_NO_FIELD,
                     G_CALLBACK (dln_param_row_get_label),
                     G_CALLBACK (set_label) },
    [PROP_VALUE] = { FIELD (value), NULL,
                     G_CALLBACK (dln_param_row_set_value) },
    [PROP_LOWER] = { FIELD (lower), NULL, G_CALLBACK (set_lower) },
    [PROP_UPPER] = { FIELD (upper), NULL, G_CALLBACK (set_upper) },
    [PROP_LOG_SCALE] = { FIELD (log_scale),
                         .changed = G_CALLBACK (sync_widgets) },
    [PROP_DIGITS] = { FIELD (digits), .changed = G_CALLBACK (digits_changed) },
    [PROP_MARK] = { FIELD (mark), NULL, G_CALLBACK (dln_param_row_set_mark) },
    [PROP_MARK_LABEL] = { FIELD (mark_label),
                          .changed = G_CALLBACK (update_marks) },
    [PROP_WARN_ABOVE_MARK] = { FIELD (warn_above_mark),
                               .changed = G_CALLBACK (update_exceeded) },
    [PROP_MARK_WARNING] = { FIELD (mark_warning),
                            .changed = G_CALLBACK (mark_warning_changed) },
    [PROP_EXCEEDED] = { FIELD (exceeded) },
    [PROP_INTEGER] = { FIELD (integer), .changed = G_CALLBACK (sync_widgets) },
    [PROP_STEP] = { FIELD (step), NULL, G_CALLBACK (set_step) },
  };
#undef FIELD
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dln_param_row_dispose;
  object_class->finalize = dln_param_row_finalize;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, DLN_PARAM_RW);
  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         DLN_PARAM_RW);
  properties[PROP_LOWER] =
    g_param_spec_double ("lower", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         DLN_PARAM_RW);
  properties[PROP_UPPER] =
    g_param_spec_double ("upper", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 1,
                         DLN_PARAM_RW);
  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL, FALSE, DLN_PARAM_RW);
  properties[PROP_DIGITS] =
    g_param_spec_int ("digits", NULL, NULL, 1, 17, 4, DLN_PARAM_RW);
  /* mark: a value marked on the slider (e.g. 2/λmax); ±inf or NaN: none */
  properties[PROP_MARK] =
    g_param_spec_double ("mark", NULL, NULL, -INFINITY, INFINITY, INFINITY,
                         DLN_PARAM_RW);
  properties[PROP_MARK_LABEL] =
    g_param_spec_string ("mark-label", NULL, NULL, NULL, DLN_PARAM_RW);
  properties[PROP_WARN_ABOVE_MARK] =
    g_param_spec_boolean ("warn-above-mark", NULL, NULL, FALSE, DLN_PARAM_RW);
  properties[PROP_MARK_WARNING] =
    g_param_spec_string ("mark-warning", NULL, NULL, NULL, DLN_PARAM_RW);
  /* exceeded: warn-above-mark is set and value > mark */
  properties[PROP_EXCEEDED] =
    g_param_spec_boolean ("exceeded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTEGER] =
    g_param_spec_boolean ("integer", NULL, NULL, FALSE, DLN_PARAM_RW);
  /* step: values are multiples of step ("steps of 0.005"), and +/-, the
   * arrow keys and the slider move one multiple; 0: any value */
  properties[PROP_STEP] =
    g_param_spec_double ("step", NULL, NULL, 0, G_MAXDOUBLE, 0, DLN_PARAM_RW);
  dln_object_class_install_properties (object_class, N_PROPS, properties,
                                       decls);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/dlnlab/Dlnlab/widgets/dln-param-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DlnParamRow, grid);
  gtk_widget_class_bind_template_child (widget_class, DlnParamRow, label);
  gtk_widget_class_bind_template_child (widget_class, DlnParamRow, spin);
  gtk_widget_class_bind_template_child (widget_class, DlnParamRow, spin_adjustment);
  gtk_widget_class_bind_template_child (widget_class, DlnParamRow, scale);
  gtk_widget_class_bind_template_child (widget_class, DlnParamRow, scale_adjustment);
  gtk_widget_class_bind_template_child (widget_class, DlnParamRow, warning);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dlnparamrow");
}

static void
dln_param_row_init (DlnParamRow *self)
{
  self->lower = 0;
  self->upper = 1;
  self->digits = 4;
  self->mark = INFINITY;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_spin_button_set_digits (self->spin, 10);
  g_signal_connect (self->spin, "output", G_CALLBACK (spin_output_cb), self);
  g_signal_connect (self->spin, "input", G_CALLBACK (spin_input_cb), self);
  g_signal_connect (self->spin_adjustment, "value-changed",
                    G_CALLBACK (spin_changed_cb), self);
  g_signal_connect (self->scale_adjustment, "value-changed",
                    G_CALLBACK (scale_changed_cb), self);
  /* the slider's keys and drags write its accessible value (a log10)
   * once they have moved it, after every signal: write ours again then */
  g_signal_connect_object (self->scale, "value-changed",
                           G_CALLBACK (queue_accessible_values), self,
                           G_CONNECT_SWAPPED);
  sync_widgets (self);
}

/* dln_param_row_new:
 * Returns: (transfer floating) a row for a parameter in [@lower, @upper]
 * (both > 0 when @log_scale). */
GtkWidget *
dln_param_row_new (const char *label,
                   double      lower,
                   double      upper,
                   double      value,
                   gboolean    log_scale)
{
  return g_object_new (DLN_TYPE_PARAM_ROW,
                       "label", label,
                       "log-scale", log_scale,
                       "lower", lower,
                       "upper", upper,
                       "value", value,
                       NULL);
}

static double
to_scale (DlnParamRow *self,
          double       v)
{
  return self->log_scale ? log10 (MAX (v, 1e-300)) : v;
}

static void
update_marks (DlnParamRow *self)
{
  gtk_scale_clear_marks (self->scale);
  if (isfinite (self->mark)
      && (!self->log_scale || self->mark > 0)
      && self->mark >= self->lower && self->mark <= self->upper)
    gtk_scale_add_mark (self->scale, to_scale (self, self->mark),
                        GTK_POS_BOTTOM, self->mark_label);
}

static void
update_exceeded (DlnParamRow *self)
{
  gboolean exceeded = self->warn_above_mark && isfinite (self->mark)
                      && self->value > self->mark;

  gtk_widget_set_visible (GTK_WIDGET (self->warning),
                          exceeded && self->mark_warning != NULL);
  if (exceeded)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "exceeded");
      gtk_widget_add_css_class (GTK_WIDGET (self->spin), "warning");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "exceeded");
      gtk_widget_remove_css_class (GTK_WIDGET (self->spin), "warning");
    }
  if (exceeded != self->exceeded)
    {
      self->exceeded = exceeded;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXCEEDED]);
    }
}

/* What assistive technologies read: the value the row holds, on the
 * slider too. A log slider's position is log10 of it, meaningless read
 * aloud, and GTK 4.8 drops accessible number changes under 0.001, so
 * +1 on H = 512 (log10 moves by 0.0008) would leave the slider silent.
 * (GTK 4.8 writes an assistive technology's value straight into the
 * slider's adjustment; on a log slider that lands at an end. Orca moves
 * sliders with keys, which work.) */
static void
update_accessible_values (DlnParamRow *self)
{
  g_autofree char *text = NULL;

  if (self->integer)
    text = g_strdup_printf ("%.0f", self->value);
  else
    text = g_strdup_printf ("%.*g", self->digits, self->value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, self->lower,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, self->upper,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, self->value,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                  gtk_adjustment_get_value (self->spin_adjustment),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static gboolean
accessible_values_cb (gpointer user_data)
{
  DlnParamRow *self = user_data;

  self->accessible_id = 0;
  update_accessible_values (self);
  return G_SOURCE_REMOVE;
}

static void
queue_accessible_values (DlnParamRow *self)
{
  if (self->accessible_id == 0)
    self->accessible_id = g_idle_add (accessible_values_cb, self);
}

/* Push lower/upper/value into both adjustments without feedback. */
static void
sync_widgets (DlnParamRow *self)
{
  double span;
  double slo = to_scale (self, self->lower);
  double shi = to_scale (self, self->upper);

  self->updating = TRUE;
  span = shi - slo;
  if (self->step > 0)
    {
      /* one grid value per step (the slider's too, when linear): a smaller
       * increment would round back to where it started */
      double page = self->step * MAX (2, round ((self->upper - self->lower)
                                                / self->step / 10));

      gtk_adjustment_configure (self->scale_adjustment,
                                to_scale (self, self->value), slo, shi,
                                self->log_scale ? span / 200 : self->step,
                                self->log_scale ? span / 20 : page, 0);
      gtk_adjustment_configure (self->spin_adjustment, self->value,
                                self->lower, self->upper, self->step, page, 0);
      self->updating = FALSE;
      update_marks (self);
      update_exceeded (self);
      update_accessible_values (self);
      return;
    }
  /* a whole-number step only on a linear slider: on a log one it is a
   * factor of ten */
  if (self->integer && !self->log_scale)
    gtk_adjustment_configure (self->scale_adjustment, self->value, slo, shi,
                              1, MAX (1, span / 10), 0);
  else
    gtk_adjustment_configure (self->scale_adjustment,
                              to_scale (self, self->value), slo, shi,
                              span / 200, span / 20, 0);
  if (self->integer)
    span = 1;
  else if (self->log_scale)
    span = pow (10.0, floor (log10 (MAX (self->value, 1e-300)))) * 10;
  else
    span = self->upper - self->lower;
  gtk_adjustment_configure (self->spin_adjustment, self->value,
                            self->lower, self->upper,
                            self->integer ? 1 : span / 100,
                            self->integer ? 10 : span / 10, 0);
  self->updating = FALSE;
  update_marks (self);
  update_exceeded (self);
  update_accessible_values (self);
}

double
dln_param_row_get_value (DlnParamRow *self)
{
  g_return_val_if_fail (DLN_IS_PARAM_ROW (self), 0.0);

  return self->value;
}

/* Rounds @v to the nearest multiple of step, cleaned to 12 significant
 * digits so that 3 × 0.005 is 0.015 and repeated steps never drift. Values
 * between lower and the first multiple above it (a typed 0.001 when the
 * grid starts at 0.005) are kept. */
static double
snap_to_step (DlnParamRow *self,
              double       v)
{
  double first, k;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (self->step <= 0)
    return v;
  first = self->step * ceil (self->lower / self->step - 1e-9);
  if (v < first - self->step * 1e-9)
    return v;
  k = round (v / self->step);
  /* the C format both ways, whatever LC_NUMERIC says (see dln_snap ()) */
  g_ascii_formatd (buf, sizeof buf, "%.12g", k * self->step);
  return g_ascii_strtod (buf, NULL);
}

/* dln_param_row_set_value:
 * Snaps @value to the step grid (when step is set), clamps it into
 * [lower, upper] (rounds it when integer); non-finite values are ignored. */
void
dln_param_row_set_value (DlnParamRow *self,
                         double       value)
{
  g_return_if_fail (DLN_IS_PARAM_ROW (self));

  if (!isfinite (value))
    return;
  value = CLAMP (snap_to_step (self, value), self->lower, self->upper);
  if (self->integer)
    value = round (value);
  if (value != self->value)
    {
      self->value = value;
      sync_widgets (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
    }
}

/* dln_param_row_set_range:
 * Sets [@lower, @upper] (@lower < @upper; both > 0 with log-scale) and
 * clamps the value into it. */
void
dln_param_row_set_range (DlnParamRow *self,
                         double       lower,
                         double       upper)
{
  double old = self->value;

  g_return_if_fail (DLN_IS_PARAM_ROW (self));

  if (lower == self->lower && upper == self->upper)
    return;
  self->lower = lower;
  self->upper = MAX (upper, lower);
  self->value = CLAMP (self->value, self->lower, self->upper);
  sync_widgets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOWER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPPER]);
  if (old != self->value)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

double
dln_param_row_get_lower (DlnParamRow *self)
{
  g_return_val_if_fail (DLN_IS_PARAM_ROW (self), 0.0);
  return self->lower;
}

double
dln_param_row_get_upper (DlnParamRow *self)
{
  g_return_val_if_fail (DLN_IS_PARAM_ROW (self), 0.0);
  return self->upper;
}

const char *
dln_param_row_get_label (DlnParamRow *self)
{
  g_return_val_if_fail (DLN_IS_PARAM_ROW (self), NULL);
  return gtk_label_get_label (self->label);
}

/* label: (nullable) mnemonic text, e.g. "_Learning rate η" */
static void
set_label (DlnParamRow *self,
           const char  *label)
{
  if (g_strcmp0 (label, gtk_label_get_label (self->label)) != 0)
    {
      gtk_label_set_label (self->label, label != NULL ? label : "");
      /* the slider's name is the label as read, without its mnemonic */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_label_get_text (self->label), -1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
    }
}

/* dln_param_row_set_mark: @mark: value to mark, or NaN for none */
void
dln_param_row_set_mark (DlnParamRow *self,
                        double       mark)
{
  g_return_if_fail (DLN_IS_PARAM_ROW (self));

  if (mark == self->mark || (isnan (mark) && isnan (self->mark)))
    return;
  self->mark = mark;
  update_marks (self);
  update_exceeded (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARK]);
}

gboolean
dln_param_row_get_exceeded (DlnParamRow *self)
{
  g_return_val_if_fail (DLN_IS_PARAM_ROW (self), FALSE);
  return self->exceeded;
}

gboolean
dln_param_row_get_integer (DlnParamRow *self)
{
  g_return_val_if_fail (DLN_IS_PARAM_ROW (self), FALSE);
  return self->integer;
}

double
dln_param_row_get_step (DlnParamRow *self)
{
  g_return_val_if_fail (DLN_IS_PARAM_ROW (self), 0.0);
  return self->step;
}

/* step: values become multiples of @step and every step control moves
 * one multiple; 0 for any value. */
static void
set_step (DlnParamRow *self,
          double       step)
{
  if (!isfinite (step) || step < 0)
    step = 0;
  if (step != self->step)
    {
      self->step = step;
      sync_widgets (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
      dln_param_row_set_value (self, self->value);
    }
}
