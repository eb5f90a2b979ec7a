/* Properties declared once (dln-property.h). The getters and setters
 * are the classes' own typed accessors, called through the C type of
 * the pspec's value, as GObject calls signal handlers. */

#define G_LOG_DOMAIN "dln-property"

#include "config.h"

#include "dln-property.h"

static GQuark
property_quark (void)
{
  return g_quark_from_static_string ("dln-property");
}

const DlnProperty *
dln_property_of (GParamSpec *pspec)
{
  return g_param_spec_get_qdata (pspec, property_quark ());
}

DlnProperty *
dln_object_class_add_property (GObjectClass          *klass,
                               guint                  prop_id,
                               GParamSpec            *pspec,
                               const DlnPropertyDecl *decl)
{
  DlnProperty *p;

  g_return_val_if_fail (decl->field != DLN_PROPERTY_NO_FIELD
                        || decl->get != NULL
                        || (pspec->flags & G_PARAM_READABLE) == 0, NULL);

  p = g_new0 (DlnProperty, 1);
  p->decl = *decl;
  g_param_spec_set_qdata_full (pspec, property_quark (), p, g_free);
  if (klass->get_property == NULL)
    klass->get_property = dln_property_get;
  if (klass->set_property == NULL)
    klass->set_property = dln_property_set;
  g_object_class_install_property (klass, prop_id, pspec);
  return p;
}

void
dln_object_class_install_properties (GObjectClass          *klass,
                                     guint                  n_pspecs,
                                     GParamSpec           **pspecs,
                                     const DlnPropertyDecl *decls)
{
  for (guint i = 1; i < n_pspecs; i++)
    if (pspecs[i] != NULL)
      dln_object_class_add_property (klass, i, pspecs[i], &decls[i]);
}

typedef gboolean    (*GetBoolean) (gpointer);
typedef int         (*GetInt)     (gpointer);
typedef guint       (*GetUint)    (gpointer);
typedef guint64     (*GetUint64)  (gpointer);
typedef double      (*GetDouble)  (gpointer);
typedef const char *(*GetString)  (gpointer);
typedef gpointer    (*GetPointer) (gpointer);
typedef GVariant   *(*GetVariant) (gpointer);

static void
call_getter (const DlnProperty *p,
             GObject           *object,
             GValue            *value)
{
  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value)))
    {
    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, ((GetBoolean) p->decl.get) (object));
      break;
    case G_TYPE_INT:
      g_value_set_int (value, ((GetInt) p->decl.get) (object));
      break;
    case G_TYPE_ENUM:
      g_value_set_enum (value, ((GetInt) p->decl.get) (object));
      break;
    case G_TYPE_UINT:
      g_value_set_uint (value, ((GetUint) p->decl.get) (object));
      break;
    case G_TYPE_UINT64:
      g_value_set_uint64 (value, ((GetUint64) p->decl.get) (object));
      break;
    case G_TYPE_DOUBLE:
      g_value_set_double (value, ((GetDouble) p->decl.get) (object));
      break;
    case G_TYPE_STRING:
      g_value_set_string (value, ((GetString) p->decl.get) (object));
      break;
    case G_TYPE_OBJECT:
      g_value_set_object (value, ((GetPointer) p->decl.get) (object));
      break;
    case G_TYPE_BOXED:
      g_value_set_boxed (value, ((GetPointer) p->decl.get) (object));
      break;
    case G_TYPE_VARIANT:
      g_value_take_variant (value, ((GetVariant) p->decl.get) (object));
      break;
    default:
      g_return_if_reached ();
    }
}

static void
read_field (gconstpointer  field,
            GValue        *value)
{
  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value)))
    {
    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, *(const gboolean *) field);
      break;
    case G_TYPE_INT:
      g_value_set_int (value, *(const int *) field);
      break;
    case G_TYPE_ENUM:
      g_value_set_enum (value, *(const int *) field);
      break;
    case G_TYPE_UINT:
      g_value_set_uint (value, *(const guint *) field);
      break;
    case G_TYPE_UINT64:
      g_value_set_uint64 (value, *(const guint64 *) field);
      break;
    case G_TYPE_DOUBLE:
      g_value_set_double (value, *(const double *) field);
      break;
    case G_TYPE_STRING:
      g_value_set_string (value, *(char *const *) field);
      break;
    case G_TYPE_OBJECT:
      g_value_set_object (value, *(gpointer const *) field);
      break;
    default:
      g_return_if_reached ();
    }
}

void
dln_property_get (GObject    *object,
                  guint       prop_id,
                  GValue     *value,
                  GParamSpec *pspec)
{
  const DlnProperty *p = dln_property_of (pspec);

  if (p == NULL)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else if (p->decl.get != NULL)
    call_getter (p, object, value);
  else
    read_field (G_STRUCT_MEMBER_P (object, p->decl.field), value);
}

gboolean
dln_property_store (GObject      *object,
                    GParamSpec   *pspec,
                    const GValue *value)
{
  const DlnProperty *p = dln_property_of (pspec);
  gpointer field;

  g_return_val_if_fail (p != NULL && p->decl.field != DLN_PROPERTY_NO_FIELD,
                        FALSE);

  field = G_STRUCT_MEMBER_P (object, p->decl.field);
#define STORE(CType, get)                    \
  G_STMT_START {                             \
    CType v = get (value);                   \
    if (*(CType *) field == v)               \
      return FALSE;                          \
    *(CType *) field = v;                    \
    return TRUE;                             \
  } G_STMT_END
  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value)))
    {
    case G_TYPE_BOOLEAN:
      STORE (gboolean, g_value_get_boolean);
    case G_TYPE_INT:
      STORE (int, g_value_get_int);
    case G_TYPE_ENUM:
      STORE (int, g_value_get_enum);
    case G_TYPE_UINT:
      STORE (guint, g_value_get_uint);
    case G_TYPE_UINT64:
      STORE (guint64, g_value_get_uint64);
    case G_TYPE_DOUBLE:
      STORE (double, g_value_get_double);
    default:
      g_return_val_if_reached (FALSE);
    }
#undef STORE
}

typedef void (*SetBoolean) (gpointer, gboolean);
typedef void (*SetInt)     (gpointer, int);
typedef void (*SetUint)    (gpointer, guint);
typedef void (*SetUint64)  (gpointer, guint64);
typedef void (*SetDouble)  (gpointer, double);
typedef void (*SetString)  (gpointer, const char *);
typedef void (*SetPointer) (gpointer, gpointer);
typedef void (*SetVariant) (gpointer, GVariant *);

static void
call_setter (const DlnProperty *p,
             GObject           *object,
             const GValue      *value)
{
  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value)))
    {
    case G_TYPE_BOOLEAN:
      ((SetBoolean) p->decl.set) (object, g_value_get_boolean (value));
      break;
    case G_TYPE_INT:
      ((SetInt) p->decl.set) (object, g_value_get_int (value));
      break;
    case G_TYPE_ENUM:
      ((SetInt) p->decl.set) (object, g_value_get_enum (value));
      break;
    case G_TYPE_UINT:
      ((SetUint) p->decl.set) (object, g_value_get_uint (value));
      break;
    case G_TYPE_UINT64:
      ((SetUint64) p->decl.set) (object, g_value_get_uint64 (value));
      break;
    case G_TYPE_DOUBLE:
      ((SetDouble) p->decl.set) (object, g_value_get_double (value));
      break;
    case G_TYPE_STRING:
      ((SetString) p->decl.set) (object, g_value_get_string (value));
      break;
    case G_TYPE_OBJECT:
      ((SetPointer) p->decl.set) (object, g_value_get_object (value));
      break;
    case G_TYPE_BOXED:
      ((SetPointer) p->decl.set) (object, g_value_get_boxed (value));
      break;
    case G_TYPE_VARIANT:
      ((SetVariant) p->decl.set) (object, g_value_get_variant (value));
      break;
    default:
      g_return_if_reached ();
    }
}

void
dln_property_set (GObject      *object,
                  guint         prop_id,
                  const GValue *value,
                  GParamSpec   *pspec)
{
  const DlnProperty *p = dln_property_of (pspec);

  if (p == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (p->decl.set != NULL)
    {
      call_setter (p, object, value);
      return;
    }
  if (!dln_property_store (object, pspec, value))
    return;
  if (p->decl.changed != NULL)
    ((void (*) (gpointer)) p->decl.changed) (object);
  g_object_notify_by_pspec (object, pspec);
}
