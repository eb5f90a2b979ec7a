/* A page's settings kept in its instance struct (dln-property.h):
 * defaults taken from the pspecs, controls bound by type, step actions. */

#define G_LOG_DOMAIN "dln-demo-page"

#include "config.h"

#include "dln-demo-page.h"
#include "dln-demo-page-private.h"
#include "dln-param-row.h"
#include "dln-property.h"

#include <stdarg.h>

/* dln_demo_page_class_add_setting:
 * @prop_id: the property's id in the page's class (its own numbering)
 * @pspec:   (transfer full) int, uint, uint64, double or boolean,
 *           read-write
 * @field:   G_STRUCT_OFFSET (or G_PRIVATE_OFFSET) of the page's field of
 *           that C type (int, guint, guint64, double, gboolean)
 * @control_name: (nullable) the template child that shows it (a
 *           DlnParamRow, GtkSpinButton, GtkDropDown, GtkSwitch or
 *           GtkCheckButton), bound to the page's pointer at @control;
 *           DLN_DEMO_PAGE_CONTROL () gives both; NULL, 0: none
 * @changed: (nullable) called after the value changed, before notify
 * Installs @pspec as a stored property (dln_object_class_add_property)
 * and binds the control's template child (set the template first).
 * The field starts at the pspec's default when the page is constructed
 * and the control is bound to it both ways, so a page writes each
 * default once, in its pspec. */
void
dln_demo_page_class_add_setting (DlnDemoPageClass       *klass,
                                 guint                   prop_id,
                                 GParamSpec             *pspec,
                                 gssize                  field,
                                 const char             *control_name,
                                 gssize                  control,
                                 DlnDemoPageChangedFunc  changed)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  DlnProperty *p;

  g_return_if_fail (type == G_TYPE_INT || type == G_TYPE_UINT
                    || type == G_TYPE_UINT64
                    || type == G_TYPE_DOUBLE || type == G_TYPE_BOOLEAN);

  p = dln_object_class_add_property (G_OBJECT_CLASS (klass), prop_id, pspec,
    &(DlnPropertyDecl) { .field = field, .changed = G_CALLBACK (changed) });
  p->control = control;
  if (control_name != NULL)
    gtk_widget_class_bind_template_child_full (GTK_WIDGET_CLASS (klass),
                                               control_name, FALSE, control);
}

/* dln_demo_page_seed_param:
 * Returns: (transfer floating) the pspec of a seed setting: 0 … 2³² − 1,
 * the course's seed by default. */
GParamSpec *
dln_demo_page_seed_param (const char *name)
{
  return g_param_spec_uint64 (name, NULL, NULL, 0, G_MAXUINT32,
                              DLN_DATASET_DEFAULT_SEED, DLN_PARAM_RW);
}

/* dln_demo_page_bind:
 * Binds @property of the page both ways to @control's value (a
 * DlnParamRow's or GtkSpinButton's "value", a GtkDropDown's "selected",
 * a GtkSwitch's or GtkCheckButton's "active"), the page's value first. */
void
dln_demo_page_bind (DlnDemoPage *self,
                    const char  *property,
                    gpointer     control)
{
  const char *target = "value";

  g_return_if_fail (DLN_IS_DEMO_PAGE (self));
  g_return_if_fail (G_IS_OBJECT (control));

  if (GTK_IS_SPIN_BUTTON (control))
    control = gtk_spin_button_get_adjustment (control);
  else if (GTK_IS_DROP_DOWN (control))
    target = "selected";
  else if (GTK_IS_SWITCH (control) || GTK_IS_CHECK_BUTTON (control))
    target = "active";
  g_object_bind_property (self, property, control, target,
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* dln_demo_page_connect_controls:
 * @changed: called as changed (@self) when one of the controls changes
 * @...:     the controls, NULL-terminated: DlnParamRow ("value"),
 *           GtkDropDown ("selected"), GtkCheckButton ("toggled"),
 *           GtkSpinButton ("value-changed") or another GtkEditable
 *           ("changed")
 * For controls that are no property's: each change runs @changed. */
void
dln_demo_page_connect_controls (DlnDemoPage *self,
                                GCallback    changed,
                                ...)
{
  va_list ap;
  gpointer control;

  g_return_if_fail (DLN_IS_DEMO_PAGE (self));

  va_start (ap, changed);
  while ((control = va_arg (ap, gpointer)) != NULL)
    {
      const char *signal = "changed";

      if (DLN_IS_PARAM_ROW (control))
        signal = "notify::value";
      else if (GTK_IS_DROP_DOWN (control))
        signal = "notify::selected";
      else if (GTK_IS_CHECK_BUTTON (control))
        signal = "toggled";
      else if (GTK_IS_SPIN_BUTTON (control))
        signal = "value-changed";
      else
        g_warn_if_fail (GTK_IS_EDITABLE (control));
      g_signal_connect_swapped (control, signal, changed, self);
    }
  va_end (ap);
}

/* A slider row spans its setting's range: the pspec says it once, and a
 * range written again in the .ui drifts from it. */
static void
set_row_range (DlnParamRow *row,
               GParamSpec  *pspec)
{
  if (G_IS_PARAM_SPEC_INT (pspec))
    dln_param_row_set_range (row, G_PARAM_SPEC_INT (pspec)->minimum,
                             G_PARAM_SPEC_INT (pspec)->maximum);
  else if (G_IS_PARAM_SPEC_DOUBLE (pspec))
    dln_param_row_set_range (row, G_PARAM_SPEC_DOUBLE (pspec)->minimum,
                             G_PARAM_SPEC_DOUBLE (pspec)->maximum);
}

/* Called by the base's constructed (): every setting of the page's
 * classes starts at its default, then shows in its control (a slider
 * row over the setting's range). */
void
dln_demo_page_init_settings (DlnDemoPage *self)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n);
  for (guint i = 0; i < n; i++)
    {
      const DlnProperty *p = dln_property_of (pspecs[i]);
      g_auto(GValue) value = G_VALUE_INIT;

      if (p == NULL || p->decl.field == DLN_PROPERTY_NO_FIELD
          || p->decl.set != NULL
          || (pspecs[i]->flags & G_PARAM_WRITABLE) == 0)
        continue;
      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_param_value_set_default (pspecs[i], &value);
      dln_property_store (G_OBJECT (self), pspecs[i], &value);
    }
  for (guint i = 0; i < n; i++)
    {
      const DlnProperty *p = dln_property_of (pspecs[i]);
      gpointer control;

      if (p == NULL || p->control == 0)
        continue;
      control = G_STRUCT_MEMBER (gpointer, self, p->control);
      if (DLN_IS_PARAM_ROW (control))
        set_row_range (control, pspecs[i]);
      dln_demo_page_bind (self, pspecs[i]->name, control);
    }
}

/* action name -> the property it steps (names are unique: each page's
 * actions carry the page's prefix) */
static GHashTable *step_actions;

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  const char *property = g_hash_table_lookup (step_actions, action_name);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (widget),
                                                    property);
  gint64 by = parameter != NULL ? g_variant_get_int32 (parameter) : 1;

  g_return_if_fail (pspec != NULL);

  if (G_IS_PARAM_SPEC_INT (pspec))
    {
      GParamSpecInt *p = G_PARAM_SPEC_INT (pspec);
      int v = 0;

      g_object_get (widget, property, &v, NULL);
      g_object_set (widget, property,
                    (int) CLAMP (v + by, p->minimum, p->maximum), NULL);
    }
  else
    {
      GParamSpecUInt64 *p = G_PARAM_SPEC_UINT64 (pspec);
      guint64 v = 0;

      g_object_get (widget, property, &v, NULL);
      if (by < 0)
        v = (guint64) -by > v - p->minimum ? p->minimum : v - (guint64) -by;
      else
        v = (guint64) by > p->maximum - v ? p->maximum : v + (guint64) by;
      g_object_set (widget, property, v, NULL);
    }
}

/* action name -> the page method it calls */
static GHashTable *method_actions;

static void
method_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  void (*method) (gpointer) = (void (*) (gpointer))
    g_hash_table_lookup (method_actions, action_name);

  g_return_if_fail (method != NULL);

  method (widget);
}

/* dln_demo_page_class_install_method_action:
 * @action: "prefix.name"
 * @method: void (*) (the page)
 * Installs an action without parameter that calls @method: a page's
 * button, also reachable from the keyboard and D-Bus. */
void
dln_demo_page_class_install_method_action (DlnDemoPageClass *klass,
                                           const char       *action,
                                           GCallback         method)
{
  if (method_actions == NULL)
    method_actions = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (method_actions, (gpointer) action, (gpointer) method);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), action, NULL,
                                   method_action);
}

/* dln_demo_page_class_install_step_action:
 * @action:       "prefix.name"
 * @property:     an int or guint64 property of the page
 * @by_parameter: the action takes an "i" step; else it steps by 1
 * Installs an action that moves @property by its step, within the
 * pspec's range: the next seed of a "new draw" button, an epoch
 * scrubbed from the keyboard. */
void
dln_demo_page_class_install_step_action (DlnDemoPageClass *klass,
                                         const char       *action,
                                         const char       *property,
                                         gboolean          by_parameter)
{
  if (step_actions == NULL)
    step_actions = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (step_actions, (gpointer) action, (gpointer) property);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), action,
                                   by_parameter ? "i" : NULL, step_action);
}
