/* Properties declared once (dln-property.h). The getters and setters
 * are the classes' own typed accessors, called through the C type of
 * the pspec's value, as GObject calls signal handlers. */

#define G_LOG_DOMAIN "dln-property"

#include "config.h"

#include "dln-property.h"
#include "dln-cpu-time.h"


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

/* The value types: GType, GValue accessors' suffix, C type and whether
 * a field of it may be stored (a pointer is borrowed; a GVariant from a
 * getter is floating). */
#define VALUE_TYPES(X)                               \
  X (G_TYPE_BOOLEAN, boolean, gboolean,     TRUE)    \
  X (G_TYPE_INT,     int,     int,          TRUE)    \
  X (G_TYPE_ENUM,    enum,    int,          TRUE)    \
  X (G_TYPE_UINT,    uint,    guint,        TRUE)    \
  X (G_TYPE_UINT64,  uint64,  guint64,      TRUE)    \
  X (G_TYPE_DOUBLE,  double,  double,       TRUE)    \
  X (G_TYPE_STRING,  string,  const char *, FALSE)   \
  X (G_TYPE_OBJECT,  object,  gpointer,     FALSE)   \
  X (G_TYPE_BOXED,   boxed,   gpointer,     FALSE)   \
  X (G_TYPE_VARIANT, variant, GVariant *,   FALSE)

void
dln_property_get (GObject    *object,
                  guint       prop_id,
                  GValue     *value,
                  GParamSpec *pspec)
{
  const DlnProperty *p = dln_property_of (pspec);
  gpointer field;

  if (p == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  field = p->decl.get == NULL ? G_STRUCT_MEMBER_P (object, p->decl.field)
                              : NULL;
#define GET(type, suffix, CType, storable)                              \
    case type:                                                          \
      g_value_set_##suffix (value, field != NULL                        \
        ? *(CType const *) field                                        \
        : ((CType (*) (gpointer)) p->decl.get) (object));               \
      break;
  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value)))
    {
      VALUE_TYPES (GET)
    default:
      g_return_if_reached ();
    }
#undef GET
}

/* Passes @value to the setter (FALSE: it notifies), or stores it in the
 * field: TRUE when that changed it. */
static gboolean
put (const DlnProperty *p,
     GObject           *object,
     const GValue      *value)
{
  gpointer field = p->decl.field != DLN_PROPERTY_NO_FIELD
                   ? G_STRUCT_MEMBER_P (object, p->decl.field) : NULL;

  /* a string field owns a copy */
  if (G_VALUE_HOLDS_STRING (value) && p->decl.set == NULL)
    {
      char **str = field;
      const char *v = g_value_get_string (value);

      g_return_val_if_fail (str != NULL, FALSE);
      if (g_strcmp0 (*str, v) == 0)
        return FALSE;
      g_free (*str);
      *str = g_strdup (v);
      return TRUE;
    }

#define PUT(type, suffix, CType, storable)                              \
    case type:                                                          \
      {                                                                 \
        CType v = g_value_get_##suffix (value);                         \
                                                                        \
        if (p->decl.set != NULL)                                        \
          {                                                             \
            ((void (*) (gpointer, CType)) p->decl.set) (object, v);     \
            return FALSE;                                               \
          }                                                             \
        g_return_val_if_fail (storable && field != NULL, FALSE);        \
        if (*(CType *) field == v)                                      \
          return FALSE;                                                 \
        *(CType *) field = v;                                           \
        return TRUE;                                                    \
      }
  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value)))
    {
      VALUE_TYPES (PUT)
    default:
      g_return_val_if_reached (FALSE);
    }
#undef PUT
}

gboolean
dln_property_store (GObject      *object,
                    GParamSpec   *pspec,
                    const GValue *value)
{
  const DlnProperty *p = dln_property_of (pspec);

  g_return_val_if_fail (p != NULL && p->decl.field != DLN_PROPERTY_NO_FIELD
                        && p->decl.set == NULL, FALSE);

  return put (p, object, value);
}

void
dln_property_set (GObject      *object,
                  guint         prop_id,
                  const GValue *value,
                  GParamSpec   *pspec)
{
  const DlnProperty *p = dln_property_of (pspec);

  if (p == NULL)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else if (put (p, object, value))
    {
      gint64 t0 = g_get_monotonic_time (), cpu0 = dln_thread_cpu_us ();

      if (p->decl.changed != NULL)
        ((void (*) (gpointer)) p->decl.changed) (object);
      g_object_notify_by_pspec (object, pspec);
      /* G_MESSAGES_DEBUG=dln-property prints what each change costs the
       * main thread (its handler and the notify's, bindings included),
       * in wall time and in CPU time, which load does not inflate */
      g_debug ("%s::%s: %.2f ms (CPU %.2f ms)", G_OBJECT_TYPE_NAME (object),
               pspec->name, (g_get_monotonic_time () - t0) / 1000.0,
               (dln_thread_cpu_us () - cpu0) / 1000.0);
    }
}
