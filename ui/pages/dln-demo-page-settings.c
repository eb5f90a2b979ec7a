/* A page's settings kept in its instance struct: one get/set pair for
 * every page, defaults taken from the pspecs, controls bound by type. */

#define G_LOG_DOMAIN "dln-demo-page"

#include "config.h"

#include "dln-demo-page.h"
#include "dln-demo-page-private.h"

typedef struct
{
  gssize                 field;     /* offset in the instance */
  gssize                 control;   /* offset of the control's pointer; 0: none */
  DlnDemoPageChangedFunc changed;   /* nullable */
} Setting;

static GQuark
setting_quark (void)
{
  return g_quark_from_static_string ("dln-demo-page-setting");
}

static const Setting *
setting_of (GParamSpec *pspec)
{
  return g_param_spec_get_qdata (pspec, setting_quark ());
}

/* dln_demo_page_class_add_setting:
 * @prop_id: the property's id in the page's class (its own numbering)
 * @pspec:   (transfer full) int, uint, uint64, double or boolean,
 *           read-write
 * @field:   G_STRUCT_OFFSET (or G_PRIVATE_OFFSET) of the page's field of
 *           that C type (int, guint, guint64, double, gboolean)
 * @control: offset of the template child that shows it (a DlnParamRow,
 *           GtkSpinButton, GtkDropDown, GtkSwitch or GtkCheckButton),
 *           or 0 for none
 * @changed: (nullable) called after the value changed, before notify
 * Installs @pspec on the class with dln_demo_page_get_setting () /
 * _set_setting () as its get/set_property unless the class set its own
 * (which then chain up to them for these ids). The field starts at the
 * pspec's default when the page is constructed and the control is bound
 * to it both ways, so a page writes each default once, in its pspec. */
void
dln_demo_page_class_add_setting (DlnDemoPageClass       *klass,
                                 guint                   prop_id,
                                 GParamSpec             *pspec,
                                 gssize                  field,
                                 gssize                  control,
                                 DlnDemoPageChangedFunc  changed)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  Setting *s = g_new0 (Setting, 1);
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_return_if_fail (type == G_TYPE_INT || type == G_TYPE_UINT
                    || type == G_TYPE_UINT64
                    || type == G_TYPE_DOUBLE || type == G_TYPE_BOOLEAN);

  s->field = field;
  s->control = control;
  s->changed = changed;
  g_param_spec_set_qdata_full (pspec, setting_quark (), s, g_free);
  if (object_class->get_property == NULL)
    object_class->get_property = dln_demo_page_get_setting;
  if (object_class->set_property == NULL)
    object_class->set_property = dln_demo_page_set_setting;
  g_object_class_install_property (object_class, prop_id, pspec);
}

/* dln_demo_page_seed_param:
 * Returns: (transfer floating) the pspec of a seed setting: 0 … 2³² − 1,
 * the course's seed by default. */
GParamSpec *
dln_demo_page_seed_param (const char *name)
{
  return g_param_spec_uint64 (name, NULL, NULL, 0, G_MAXUINT32,
                              DLN_DATASET_DEFAULT_SEED,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                              | G_PARAM_STATIC_STRINGS);
}

void
dln_demo_page_get_setting (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  const Setting *s = setting_of (pspec);
  gpointer field;

  if (s == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  field = G_STRUCT_MEMBER_P (object, s->field);
  switch (G_PARAM_SPEC_VALUE_TYPE (pspec))
    {
    case G_TYPE_INT:
      g_value_set_int (value, *(int *) field);
      break;
    case G_TYPE_UINT:
      g_value_set_uint (value, *(guint *) field);
      break;
    case G_TYPE_UINT64:
      g_value_set_uint64 (value, *(guint64 *) field);
      break;
    case G_TYPE_DOUBLE:
      g_value_set_double (value, *(double *) field);
      break;
    default:
      g_value_set_boolean (value, *(gboolean *) field);
      break;
    }
}

/* Stores @value in @field; FALSE when it held that value already. */
static gboolean
store (gpointer      field,
       const GValue *value)
{
  switch (G_VALUE_TYPE (value))
    {
    case G_TYPE_INT:
      if (*(int *) field == g_value_get_int (value))
        return FALSE;
      *(int *) field = g_value_get_int (value);
      return TRUE;
    case G_TYPE_UINT:
      if (*(guint *) field == g_value_get_uint (value))
        return FALSE;
      *(guint *) field = g_value_get_uint (value);
      return TRUE;
    case G_TYPE_UINT64:
      if (*(guint64 *) field == g_value_get_uint64 (value))
        return FALSE;
      *(guint64 *) field = g_value_get_uint64 (value);
      return TRUE;
    case G_TYPE_DOUBLE:
      if (*(double *) field == g_value_get_double (value))
        return FALSE;
      *(double *) field = g_value_get_double (value);
      return TRUE;
    default:
      if (*(gboolean *) field == g_value_get_boolean (value))
        return FALSE;
      *(gboolean *) field = g_value_get_boolean (value);
      return TRUE;
    }
}

void
dln_demo_page_set_setting (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  const Setting *s = setting_of (pspec);

  if (s == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (!store (G_STRUCT_MEMBER_P (object, s->field), value))
    return;
  if (s->changed != NULL)
    s->changed (DLN_DEMO_PAGE (object));
  g_object_notify_by_pspec (object, pspec);
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

/* Called by the base's constructed (): every setting of the page's
 * classes starts at its default, then shows in its control. */
void
dln_demo_page_init_settings (DlnDemoPage *self)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n);
  for (guint i = 0; i < n; i++)
    {
      const Setting *s = setting_of (pspecs[i]);
      g_auto(GValue) value = G_VALUE_INIT;

      if (s == NULL)
        continue;
      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_param_value_set_default (pspecs[i], &value);
      store (G_STRUCT_MEMBER_P (self, s->field), &value);
    }
  for (guint i = 0; i < n; i++)
    {
      const Setting *s = setting_of (pspecs[i]);

      if (s != NULL && s->control != 0)
        dln_demo_page_bind (self, pspecs[i]->name,
                            G_STRUCT_MEMBER (gpointer, self, s->control));
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
