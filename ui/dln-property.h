#pragma once

/* Properties declared once: a pspec, where its value lives (a field of
 * the instance, or a getter) and how it changes (stored in the field,
 * or through the class's typed setter). The class's get_property and
 * set_property are then dln_property_get () and dln_property_set (): no
 * switch over property ids in any class. */

#include <glib-object.h>

G_BEGIN_DECLS

/* The flags of a read-write property here: notified only when its value
 * changes (dln_property_set () and the typed setters notify), with
 * static names. */
#define DLN_PARAM_RW \
  (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

/* @field of a property whose value only a getter knows */
#define DLN_PROPERTY_NO_FIELD G_MINSSIZE

/* How one property is kept. */
typedef struct
{
  gssize    field;    /* offset in the instance, or DLN_PROPERTY_NO_FIELD */
  GCallback get;      /* T (*) (gpointer self); NULL: read @field */
  GCallback set;      /* void (*) (gpointer self, T value); NULL: store
                       * (a string: a copy the instance frees) */
  GCallback changed;  /* void (*) (gpointer self) after a store; nullable */
} DlnPropertyDecl;

typedef struct
{
  DlnPropertyDecl decl;
  gssize          control;  /* a demo page's control showing it (0: none) */
} DlnProperty;

/* dln_object_class_add_property:
 * @prop_id: the property's id in @klass
 * @pspec:   (transfer full) boolean, int, enum, uint, uint64, double,
 *           string, object, boxed or variant
 * @decl:    copied:
 *   field:   G_STRUCT_OFFSET (or G_PRIVATE_OFFSET) of the instance's
 *            field of the value's C type (gboolean, int, guint, guint64,
 *            double, char *, a GObject pointer), or DLN_PROPERTY_NO_FIELD
 *   get:     (nullable) the getter, used instead of reading the field: it
 *            returns the C type; a string, object or boxed value is
 *            borrowed, a GVariant floating (as g_variant_new () gives)
 *   set:     (nullable) the setter, which takes the C type and notifies;
 *            NULL: a scalar is stored in the field (a string is copied
 *            into it, and the instance frees it), then changed () runs
 *            and the property notifies (only when the value changed)
 *   changed: (nullable) void (*) (gpointer self), after a stored change
 * Installs @pspec on @klass and makes dln_property_get () / _set () the
 * class's get/set_property unless it set its own (which then chain to
 * them). Returns: (transfer none) the declaration, for callers that
 * keep more in it (a demo page's control). */
DlnProperty *dln_object_class_add_property      (GObjectClass          *klass,
                                                 guint                  prop_id,
                                                 GParamSpec            *pspec,
                                                 const DlnPropertyDecl *decl);

/* dln_object_class_install_properties:
 * @pspecs: @n_pspecs pspecs by property id; NULL ones are skipped
 * @decls:  how each is kept, by the same ids
 * dln_object_class_add_property () for each. */
void         dln_object_class_install_properties (GObjectClass          *klass,
                                                  guint                  n_pspecs,
                                                  GParamSpec           **pspecs,
                                                  const DlnPropertyDecl *decls);

/* dln_property_of:
 * Returns: (nullable) @pspec's declaration, or NULL when it was installed
 * otherwise. */
const DlnProperty *dln_property_of (GParamSpec *pspec);

/* dln_property_store:
 * Stores @value (of a scalar type) in @object's field for @pspec.
 * Returns: FALSE when the field held that value already. */
gboolean dln_property_store (GObject      *object,
                             GParamSpec   *pspec,
                             const GValue *value);

void dln_property_get (GObject      *object,
                       guint         prop_id,
                       GValue       *value,
                       GParamSpec   *pspec);
void dln_property_set (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec);

G_END_DECLS
