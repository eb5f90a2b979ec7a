/* Sessions as JSON: every property type a page may declare, both ways,
 * the exact weights encoding, the page state's typed text, and the
 * validation of a whole file before anything changes. (Over 800 lines:
 * the reader validates every member it meets with a message naming it,
 * which is most of the file; splitting the reader from the writer would
 * put the two halves of each encoding in different files.) */

#define G_LOG_DOMAIN "dln-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-session.h"

#include "dln-chain.h"
#include "dln-json.h"
#include "dln-model.h"
#include "dln-ui-error.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#define SESSION_ERROR_INVALID DLN_ERROR, DLN_ERROR_INVALID_INPUT
/* The chain pages store one 1 × 1 layer per scalar weight. */
#define SESSION_MAX_LAYERS DLN_CHAIN_MAX_WEIGHTS

struct _DlnSession
{
  GObject parent_instance;

  /* owned */
  char       *current_demo;
  JsonObject *pages;        /* demo id -> { type, params, weights } */
};

G_DEFINE_FINAL_TYPE (DlnSession, dln_session, G_TYPE_OBJECT)

static void
dln_session_finalize (GObject *object)
{
  DlnSession *self = DLN_SESSION (object);

  g_free (self->current_demo);
  g_clear_pointer (&self->pages, json_object_unref);

  G_OBJECT_CLASS (dln_session_parent_class)->finalize (object);
}

static void
dln_session_class_init (DlnSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dln_session_finalize;
}

static void
dln_session_init (DlnSession *self)
{
  self->pages = json_object_new ();
}

/* --- Property <-> JSON --- */

/* A parameter is a readable, writable, non-construct-only property that
 * the page's own class (or a project base class) declares: GtkWidget's
 * own properties (visible, margins, ...) are layout, not lecture state. */
static gboolean
is_page_param (GParamSpec *pspec,
               GType       page_type)
{
  if ((pspec->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE)
    return FALSE;
  if (pspec->flags & G_PARAM_CONSTRUCT_ONLY)
    return FALSE;
  return pspec->owner_type == page_type;
}

static GParamSpec **
list_params (GObject *page,
             guint   *n_out)
{
  g_autofree GParamSpec **all = NULL;
  GParamSpec **params;
  guint n_all = 0, n = 0;

  all = g_object_class_list_properties (G_OBJECT_GET_CLASS (page), &n_all);
  params = g_new0 (GParamSpec *, n_all + 1);
  for (guint i = 0; i < n_all; i++)
    if (is_page_param (all[i], G_OBJECT_TYPE (page)))
      params[n++] = all[i];
  *n_out = n;
  return params;
}

static JsonNode *
value_to_json (const GValue *value)
{
  GType type = G_VALUE_TYPE (value);
  GType fundamental = G_TYPE_FUNDAMENTAL (type);
  JsonNode *node = json_node_alloc ();

  switch (fundamental)
    {
    case G_TYPE_BOOLEAN:
      return json_node_init_boolean (node, g_value_get_boolean (value));
    case G_TYPE_INT:
      return json_node_init_int (node, g_value_get_int (value));
    case G_TYPE_UINT:
      return json_node_init_int (node, g_value_get_uint (value));
    case G_TYPE_INT64:
      return json_node_init_int (node, g_value_get_int64 (value));
    case G_TYPE_UINT64:
      /* JSON integers are int64 in json-glib; larger seeds go as strings */
      if (g_value_get_uint64 (value) <= G_MAXINT64)
        return json_node_init_int (node, (gint64) g_value_get_uint64 (value));
      else
        {
          g_autofree char *s = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                g_value_get_uint64 (value));
          return json_node_init_string (node, s);
        }
    case G_TYPE_DOUBLE:
      if (!isfinite (g_value_get_double (value)))
        return json_node_init_null (node);
      return json_node_init_double (node, g_value_get_double (value));
    case G_TYPE_FLOAT:
      return json_node_init_double (node, g_value_get_float (value));
    case G_TYPE_STRING:
      if (g_value_get_string (value) == NULL)
        return json_node_init_null (node);
      return json_node_init_string (node, g_value_get_string (value));
    case G_TYPE_ENUM:
      {
        GEnumClass *klass = g_type_class_peek (type);
        GEnumValue *ev = g_enum_get_value (klass, g_value_get_enum (value));

        return json_node_init_string (node, ev != NULL ? ev->value_nick : "");
      }
    case G_TYPE_VARIANT:
      json_node_free (node);
      if (g_value_get_variant (value) == NULL)
        return json_node_init_null (json_node_alloc ());
      return json_gvariant_serialize (g_value_get_variant (value));
    case G_TYPE_BOXED:
      if (type == G_TYPE_STRV)
        {
          JsonArray *array = json_array_new ();
          const char * const *strv = g_value_get_boxed (value);

          for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
            json_array_add_string_element (array, strv[i]);
          return json_node_init_array (node, array);
        }
      G_GNUC_FALLTHROUGH;
    default:
      json_node_free (node);
      return NULL;
    }
}

static gboolean
json_get_double (JsonNode *node,
                 double   *out)
{
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;
  return TRUE;
}

static gboolean
json_get_int64 (JsonNode *node,
                gint64   *out)
{
  double d;

  /* read exactly: a double holds integers only up to 2^53 */
  if (JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  /* 5.0 is an integer written by hand; 5.5 is not */
  if (!json_get_double (node, &d) || d != floor (d) || fabs (d) > 9.0e15)
    return FALSE;
  *out = (gint64) d;
  return TRUE;
}

/* Fills @value (initialised to the pspec's type) from @node; on a type or
 * range problem sets @error naming @where and returns FALSE. */
static gboolean
json_to_value (JsonNode    *node,
               GParamSpec  *pspec,
               GValue      *value,
               const char  *where,
               GError     **error)
{
  GType type = pspec->value_type;
  GType fundamental = G_TYPE_FUNDAMENTAL (type);
  gint64 i64 = 0;
  double d = 0.0;

  g_value_init (value, type);
  switch (fundamental)
    {
    case G_TYPE_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node)
          || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        goto wrong_type;
      g_value_set_boolean (value, json_node_get_boolean (node));
      break;
    case G_TYPE_INT:
      if (!json_get_int64 (node, &i64) || i64 < G_MININT || i64 > G_MAXINT)
        goto wrong_type;
      g_value_set_int (value, (int) i64);
      break;
    case G_TYPE_UINT:
      if (!json_get_int64 (node, &i64) || i64 < 0 || i64 > G_MAXUINT)
        goto wrong_type;
      g_value_set_uint (value, (guint) i64);
      break;
    case G_TYPE_INT64:
      if (!json_get_int64 (node, &i64))
        goto wrong_type;
      g_value_set_int64 (value, i64);
      break;
    case G_TYPE_UINT64:
      if (JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          guint64 u = 0;

          if (!g_ascii_string_to_unsigned (json_node_get_string (node), 10,
                                           0, G_MAXUINT64, &u, NULL))
            goto wrong_type;
          g_value_set_uint64 (value, u);
        }
      else
        {
          if (!json_get_int64 (node, &i64) || i64 < 0)
            goto wrong_type;
          g_value_set_uint64 (value, (guint64) i64);
        }
      break;
    case G_TYPE_DOUBLE:
      if (!json_get_double (node, &d))
        goto wrong_type;
      g_value_set_double (value, d);
      break;
    case G_TYPE_FLOAT:
      if (!json_get_double (node, &d))
        goto wrong_type;
      g_value_set_float (value, (float) d);
      break;
    case G_TYPE_STRING:
      if (JSON_NODE_HOLDS_NULL (node))
        g_value_set_string (value, NULL);
      else if (JSON_NODE_HOLDS_VALUE (node)
               && json_node_get_value_type (node) == G_TYPE_STRING)
        g_value_set_string (value, json_node_get_string (node));
      else
        goto wrong_type;
      break;
    case G_TYPE_ENUM:
      {
        GEnumClass *klass = g_type_class_peek (type);
        GEnumValue *ev;

        if (!JSON_NODE_HOLDS_VALUE (node)
            || json_node_get_value_type (node) != G_TYPE_STRING)
          goto wrong_type;
        ev = g_enum_get_value_by_nick (klass, json_node_get_string (node));
        if (ev == NULL)
          {
            g_set_error (error, SESSION_ERROR_INVALID,
                         _("%s: “%s” is not one of the choices"), where,
                         json_node_get_string (node));
            return FALSE;
          }
        g_value_set_enum (value, ev->value);
      }
      break;
    case G_TYPE_VARIANT:
      {
        GParamSpecVariant *vspec = G_PARAM_SPEC_VARIANT (pspec);
        g_autofree char *signature = g_variant_type_dup_string (vspec->type);
        g_autoptr(GError) local = NULL;
        GVariant *v;

        /* value_to_json () writes an unset variant as null */
        if (JSON_NODE_HOLDS_NULL (node))
          {
            g_value_set_variant (value, NULL);
            break;
          }
        v = json_gvariant_deserialize (node, signature, &local);
        if (v == NULL)
          {
            g_set_error (error, SESSION_ERROR_INVALID, "%s: %s", where,
                         local->message);
            return FALSE;
          }
        g_value_take_variant (value, v);
      }
      break;
    case G_TYPE_BOXED:
      if (type == G_TYPE_STRV && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint n = json_array_get_length (array);
          GStrv strv = g_new0 (char *, n + 1);

          for (guint i = 0; i < n; i++)
            {
              JsonNode *e = json_array_get_element (array, i);

              if (!JSON_NODE_HOLDS_VALUE (e)
                  || json_node_get_value_type (e) != G_TYPE_STRING)
                {
                  g_strfreev (strv);
                  goto wrong_type;
                }
              strv[i] = g_strdup (json_node_get_string (e));
            }
          g_value_take_boxed (value, strv);
          break;
        }
      goto wrong_type;
    default:
      goto wrong_type;
    }

  /* g_param_value_validate () clamps what is out of range and says so:
   * a value the page would not accept from its own controls is an error,
   * never silently changed. */
  {
    g_auto(GValue) copy = G_VALUE_INIT;

    g_value_init (&copy, type);
    g_value_copy (value, &copy);
    if (g_param_value_validate (pspec, &copy))
      {
        g_autofree char *text = g_strdup_value_contents (value);

        g_set_error (error, SESSION_ERROR_INVALID,
                     _("%s: %s is outside the allowed range"), where, text);
        return FALSE;
      }
  }
  return TRUE;

wrong_type:
  g_set_error (error, SESSION_ERROR_INVALID, _("%s: expected %s"), where,
               fundamental == G_TYPE_BOOLEAN ? _("true or false")
               : fundamental == G_TYPE_DOUBLE
                 || fundamental == G_TYPE_FLOAT ? _("a number")
               : fundamental == G_TYPE_STRING
                 || fundamental == G_TYPE_ENUM ? _("a string")
               : fundamental == G_TYPE_BOXED ? _("a list of strings")
               : _("an integer in range"));
  return FALSE;
}

/* --- Weights ---
 * Each layer is {"rows": R, "cols": C, "float64-le": "<base64>"}: the
 * R × C doubles row-major as IEEE 754 little-endian bytes. Exact (NaN
 * and ±Inf included, which JSON numbers cannot hold) and about a tenth
 * of the time and half the size of number arrays for the course's
 * 10000 × 30 layers (measured: 0.9 s and 6.5 MB per page as numbers). */

static JsonNode *
weights_to_json (GVariant *weights)
{
  JsonArray *layers = json_array_new ();
  GVariantIter layer_iter;
  GVariant *layer;

  g_variant_iter_init (&layer_iter, weights);
  while ((layer = g_variant_iter_next_value (&layer_iter)) != NULL)
    {
      JsonObject *obj = json_object_new ();
      gsize rows = g_variant_n_children (layer), cols = 0, k = 0;
      g_autofree guint64 *bits = NULL;
      g_autofree char *text = NULL;

      if (rows > 0)
        {
          g_autoptr(GVariant) first = g_variant_get_child_value (layer, 0);

          cols = g_variant_n_children (first);
        }
      bits = g_new0 (guint64, MAX (rows * cols, 1));
      for (gsize r = 0; r < rows; r++)
        {
          g_autoptr(GVariant) row = g_variant_get_child_value (layer, r);
          gsize n = 0;
          const double *v = g_variant_get_fixed_array (row, &n,
                                                       sizeof (double));

          for (gsize j = 0; j < cols; j++)
            {
              guint64 b = 0;
              double d = j < n ? v[j] : NAN;

              memcpy (&b, &d, sizeof b);
              bits[k++] = GUINT64_TO_LE (b);
            }
        }
      text = g_base64_encode ((const guchar *) bits,
                              rows * cols * sizeof (guint64));
      json_object_set_int_member (obj, "rows", (gint64) rows);
      json_object_set_int_member (obj, "cols", (gint64) cols);
      json_object_set_string_member (obj, "float64-le", text);
      json_array_add_object_element (layers, obj);
      g_variant_unref (layer);
    }
  return json_node_init_array (json_node_alloc (), layers);
}

/* Parses "weights" (see above). Returns a full reference, or NULL with
 * @error set. */
static GVariant *
weights_from_json (JsonNode    *node,
                   const char  *where,
                   GError     **error)
{
  g_autoptr(GVariantBuilder) layers = NULL;
  JsonArray *larray;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  larray = json_node_get_array (node);
  if (json_array_get_length (larray) > SESSION_MAX_LAYERS)
    {
      g_set_error (error, SESSION_ERROR_INVALID,
                   _("%s: %u layers is over the limit of %d"), where,
                   json_array_get_length (larray), SESSION_MAX_LAYERS);
      return NULL;
    }
  layers = g_variant_builder_new (G_VARIANT_TYPE ("aaad"));
  for (guint l = 0; l < json_array_get_length (larray); l++)
    {
      JsonNode *lnode = json_array_get_element (larray, l);
      JsonObject *obj;
      JsonNode *rnode, *cnode, *dnode;
      gint64 rows = -1, cols = -1;
      g_autofree guchar *bytes = NULL;
      gsize len = 0;
      GVariantBuilder rowsb;

      if (!JSON_NODE_HOLDS_OBJECT (lnode))
        goto bad;
      obj = json_node_get_object (lnode);
      rnode = json_object_get_member (obj, "rows");
      cnode = json_object_get_member (obj, "cols");
      dnode = json_object_get_member (obj, "float64-le");
      if (rnode == NULL || cnode == NULL || dnode == NULL
          || !json_get_int64 (rnode, &rows) || !json_get_int64 (cnode, &cols)
          || !JSON_NODE_HOLDS_VALUE (dnode)
          || json_node_get_value_type (dnode) != G_TYPE_STRING)
        goto bad;
      /* Sizes are checked before they are multiplied or allocated: each
       * side capped, so rows × cols × 8 cannot wrap; an empty layer is
       * 0 × 0 (a huge row count of empty rows would still allocate). */
      if (rows < 0 || cols < 0 || rows > DLN_MODEL_MAX_SIDE
          || cols > DLN_MODEL_MAX_SIDE || (rows == 0) != (cols == 0)
          || rows * cols > DLN_MODEL_MAX_CELLS)
        {
          g_set_error (error, SESSION_ERROR_INVALID,
                       "%s: layer %u is %" G_GINT64_FORMAT " × %"
                       G_GINT64_FORMAT "; a layer has 1 to %d rows and "
                       "columns and at most %d values, or is 0 × 0", where,
                       l + 1, rows, cols, DLN_MODEL_MAX_SIDE,
                       DLN_MODEL_MAX_CELLS);
          return NULL;
        }
      bytes = g_base64_decode (json_node_get_string (dnode), &len);
      if (len != (gsize) rows * (gsize) cols * sizeof (double))
        {
          g_set_error (error, SESSION_ERROR_INVALID,
                       "%s: layer %u holds %" G_GSIZE_FORMAT " bytes, not "
                       "%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT " doubles",
                       where, l + 1, len, rows, cols);
          return NULL;
        }
      g_variant_builder_init (&rowsb, G_VARIANT_TYPE ("aad"));
      for (gint64 r = 0; r < rows; r++)
        {
          g_autofree double *v = g_new (double, MAX (cols, 1));

          for (gint64 j = 0; j < cols; j++)
            {
              guint64 b;

              memcpy (&b, bytes + ((gsize) (r * cols + j)) * sizeof b,
                      sizeof b);
              b = GUINT64_FROM_LE (b);
              memcpy (&v[j], &b, sizeof b);
            }
          g_variant_builder_add_value (&rowsb,
            g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, v, (gsize) cols,
                                       sizeof (double)));
        }
      g_variant_builder_add_value (layers, g_variant_builder_end (&rowsb));
    }
  return g_variant_ref_sink (g_variant_builder_end (layers));

bad:
  g_set_error (error, SESSION_ERROR_INVALID,
               _("%s: expected layers of {rows, cols, float64-le}"), where);
  return NULL;
}

/* --- Loading --- */

static JsonObject *
get_object_member (JsonObject  *object,
                   const char  *member,
                   const char  *where,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SESSION_ERROR_INVALID,
                   _("%s%s%s: missing or not an object"), where,
                   *where ? "." : "", member);
      return NULL;
    }
  return json_node_get_object (node);
}

/* A record's "state": an object of GVariant texts (with types). */
static gboolean
state_check (JsonNode    *node,
             const char  *where,
             GError     **error)
{
  g_autoptr(GList) keys = NULL;
  JsonObject *entries;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SESSION_ERROR_INVALID,
                   _("%s.state: expected an object"), where);
      return FALSE;
    }
  entries = json_node_get_object (node);
  keys = json_object_get_members (entries);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *entry = json_object_get_member (entries, l->data);
      g_autoptr(GVariant) value = NULL;
      g_autoptr(GError) local = NULL;

      if (JSON_NODE_HOLDS_VALUE (entry)
          && json_node_get_value_type (entry) == G_TYPE_STRING)
        value = g_variant_parse (NULL, json_node_get_string (entry), NULL,
                                 NULL, &local);
      if (value == NULL)
        {
          g_set_error (error, SESSION_ERROR_INVALID,
                       _("%s.state.%s: expected a typed GVariant text%s%s"),
                       where, (const char *) l->data,
                       local != NULL ? ": " : "",
                       local != NULL ? local->message : "");
          return FALSE;
        }
    }
  return TRUE;
}

/* Structural validation of a parsed file: what can be checked without
 * the pages (format, version, member types, weight shapes). */
static DlnSession *
session_from_root (JsonNode  *root,
                   GError   **error)
{
  g_autoptr(DlnSession) self = NULL;
  JsonObject *object, *pages;
  JsonNode *node;
  gint64 version = 0;
  g_autoptr(GList) ids = NULL;

  if (root == NULL)
    {
      g_set_error (error, SESSION_ERROR_INVALID,
                   _("not a dlnlab session (the file is empty)"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SESSION_ERROR_INVALID,
                   _("not a dlnlab session (the file is not a JSON object)"));
      return NULL;
    }
  object = json_node_get_object (root);
  node = json_object_get_member (object, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING
      || g_strcmp0 (json_node_get_string (node), DLN_SESSION_FORMAT) != 0)
    {
      g_set_error (error, SESSION_ERROR_INVALID,
                   _("not a dlnlab session (no \"format\": \"%s\")"),
                   DLN_SESSION_FORMAT);
      return NULL;
    }
  node = json_object_get_member (object, "version");
  if (node == NULL || !json_get_int64 (node, &version) || version < 1)
    {
      g_set_error (error, SESSION_ERROR_INVALID,
                   _("the session has no valid \"version\""));
      return NULL;
    }
  if (version > DLN_SESSION_VERSION)
    {
      node = json_object_get_member (object, "generator");
      g_set_error (error, SESSION_ERROR_INVALID,
                   "the session was written by a newer dlnlab%s%s (session "
                   "version %" G_GINT64_FORMAT "); this dlnlab %s reads "
                   "version %d and older",
                   node != NULL && JSON_NODE_HOLDS_VALUE (node)
                   && json_node_get_value_type (node) == G_TYPE_STRING
                   ? ", " : "",
                   node != NULL && JSON_NODE_HOLDS_VALUE (node)
                   && json_node_get_value_type (node) == G_TYPE_STRING
                   ? json_node_get_string (node) : "",
                   version, PACKAGE_VERSION, DLN_SESSION_VERSION);
      return NULL;
    }

  self = dln_session_new ();
  node = json_object_get_member (object, "current-demo");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node)
          || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_set_error (error, SESSION_ERROR_INVALID,
                       _("current-demo: expected a string"));
          return NULL;
        }
      self->current_demo = g_strdup (json_node_get_string (node));
    }

  pages = get_object_member (object, "pages", "", error);
  if (pages == NULL)
    return NULL;
  ids = json_object_get_members (pages);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      const char *id = l->data;
      g_autofree char *where = g_strdup_printf ("pages.%s", id);
      JsonObject *page, *copy;
      JsonNode *wnode;

      page = get_object_member (pages, id, "pages", error);
      if (page == NULL)
        return NULL;
      if (get_object_member (page, "params", where, error) == NULL)
        return NULL;
      copy = json_object_new ();
      json_object_set_member (copy, "params",
                              json_node_copy (json_object_get_member (page,
                                                                      "params")));
      node = json_object_get_member (page, "type");
      if (node != NULL)
        json_object_set_member (copy, "type", json_node_copy (node));
      wnode = json_object_get_member (page, "weights");
      if (wnode != NULL && !JSON_NODE_HOLDS_NULL (wnode))
        {
          g_autofree char *wwhere = g_strdup_printf ("%s.weights", where);
          g_autoptr(GVariant) w = weights_from_json (wnode, wwhere, error);

          if (w == NULL)
            {
              json_object_unref (copy);
              return NULL;
            }
          json_object_set_member (copy, "weights", json_node_copy (wnode));
        }
      node = json_object_get_member (page, "state");
      if (node != NULL && !state_check (node, where, error))
        {
          json_object_unref (copy);
          return NULL;
        }
      if (node != NULL)
        json_object_set_member (copy, "state", json_node_copy (node));
      json_object_set_object_member (self->pages, id, copy);
    }
  return g_steal_pointer (&self);
}

/* json-glib decodes an unpaired \uD800-\uDFFF escape into bytes that are
 * not UTF-8, and a session holding them would be written back as a file
 * that no JSON reader accepts (found by tests/fuzz). The walk is bounded:
 * dln_json_check_nesting () ran first. Returns the first bad string, or
 * NULL. */
static const char *
json_find_invalid_utf8 (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name, *bad;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          if (!g_utf8_validate (name, -1, NULL))
            return name;
          if ((bad = json_find_invalid_utf8 (member)) != NULL)
            return bad;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);
      const char *bad;

      for (guint i = 0; i < n; i++)
        if ((bad = json_find_invalid_utf8 (json_array_get_element (array, i)))
            != NULL)
          return bad;
    }
  else if (JSON_NODE_HOLDS_VALUE (node)
           && json_node_get_value_type (node) == G_TYPE_STRING
           && !g_utf8_validate (json_node_get_string (node), -1, NULL))
    return json_node_get_string (node);
  return NULL;
}

/* --- Public API --- */

/* dln_session_new:
 * Returns: (transfer full) an empty session (no demo, no pages). */
DlnSession *
dln_session_new (void)
{
  return g_object_new (DLN_TYPE_SESSION, NULL);
}

/* dln_session_load_from_data:
 * @data:   JSON text; not NULL
 * @length: bytes, or -1 when NUL-terminated
 * Parses and validates a session (format, version, member types, weight
 * shapes). Parameter names and ranges are checked against the pages by
 * dln_session_check () and dln_session_apply ().
 * Returns: (transfer full) (nullable) the session, or NULL with @error set
 * (DLN_ERROR_INVALID_INPUT; syntax errors carry json-glib's line:column). */
DlnSession *
dln_session_load_from_data (const char  *data,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  DlnMessage msg = { 0 };
  JsonNode *root;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (data);
  if (dln_json_check_nesting (data, (size_t) length, DLN_JSON_MAX_DEPTH, &msg)
      != DLN_STATUS_OK)
    {
      g_set_error (error, SESSION_ERROR_INVALID,
                   _("the session cannot be read: %s"), msg.text);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      g_set_error (error, SESSION_ERROR_INVALID,
                   _("the session is not valid JSON: %s"), local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root != NULL && json_find_invalid_utf8 (root) != NULL)
    {
      g_set_error (error, SESSION_ERROR_INVALID,
                   _("the session is not valid JSON: a string holds an "
                   "unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF)"));
      return NULL;
    }
  return session_from_root (root, error);
}

/* dln_session_load:
 * @file: the session file; not NULL
 * Returns: (transfer full) (nullable) the session, or NULL with @error set
 * (DLN_ERROR_IO when the file cannot be read; see
 * dln_session_load_from_data () for contents). The message starts with
 * the file's name. */
DlnSession *
dln_session_load (GFile   *file,
                  GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local = NULL;
  gsize length = 0;
  DlnSession *session;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local))
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_IO, "%s: %s", name,
                   local->message);
      return NULL;
    }
  session = dln_session_load_from_data (contents, (gssize) length, &local);
  if (session == NULL)
    g_set_error (error, local->domain, local->code, "%s: %s", name,
                 local->message);
  return session;
}

/* dln_session_to_data:
 * @length: (out) (optional) bytes written
 * Returns: (transfer full) the session as compact JSON. */
char *
dln_session_to_data (DlnSession *self,
                     gsize      *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (DLN_IS_SESSION (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, DLN_SESSION_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DLN_SESSION_VERSION);
  json_builder_set_member_name (builder, "generator");
  json_builder_add_string_value (builder, "dlnlab " PACKAGE_VERSION);
  json_builder_set_member_name (builder, "current-demo");
  if (self->current_demo != NULL)
    json_builder_add_string_value (builder, self->current_demo);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "pages");
  json_builder_add_value (builder,
                          json_node_init_object (json_node_alloc (),
                                                 self->pages));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  /* compact: a session with the course's deep nets holds ~10⁶ weights */
  json_generator_set_pretty (generator, FALSE);
  return json_generator_to_data (generator, length);
}

/* dln_session_save:
 * @file: destination, replaced atomically (a failed save leaves any old
 *        file intact)
 * Returns: TRUE, or FALSE with DLN_ERROR_IO in @error naming the file. */
gboolean
dln_session_save (DlnSession  *self,
                  GFile       *file,
                  GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local = NULL;
  gsize length = 0;

  g_return_val_if_fail (DLN_IS_SESSION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = dln_session_to_data (self, &length);
  if (!g_file_replace_contents (file, data, length, NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, &local))
    {
      name = g_file_get_parse_name (file);
      g_set_error (error, DLN_ERROR, DLN_ERROR_IO, "%s: %s", name,
                   local->message);
      return FALSE;
    }
  return TRUE;
}

/* dln_session_get_current_demo:
 * Returns: (nullable) the demo that was showing, as its registry id. */
const char *
dln_session_get_current_demo (DlnSession *self)
{
  g_return_val_if_fail (DLN_IS_SESSION (self), NULL);

  return self->current_demo;
}

/* dln_session_set_current_demo:
 * @demo_id: (nullable) registry id of the demo showing */
void
dln_session_set_current_demo (DlnSession *self,
                              const char *demo_id)
{
  g_return_if_fail (DLN_IS_SESSION (self));

  g_free (self->current_demo);
  self->current_demo = g_strdup (demo_id);
}

/* Writes @state (a{sv}) into @record: an "aaad" entry "weights" as the
 * exact "weights" member, every other entry under "state" in GVariant's
 * text form with its type, so that it reads back as it was. */
static void
state_to_record (JsonObject *record,
                 GVariant   *state)
{
  JsonObject *entries = json_object_new ();
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, state);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (g_str_equal (key, "weights")
          && g_variant_is_of_type (value, G_VARIANT_TYPE ("aaad")))
        json_object_set_member (record, "weights", weights_to_json (value));
      else
        {
          g_autofree char *text = g_variant_print (value, TRUE);

          json_object_set_string_member (entries, key, text);
        }
      g_variant_unref (value);
    }
  if (json_object_get_size (entries) > 0)
    json_object_set_object_member (record, "state", entries);
  else
    json_object_unref (entries);
}

/* dln_session_capture:
 * @demo_id: registry id of @page; not NULL
 * @page:    the page; not NULL; read only
 * @state:   (nullable): what the page keeps beyond its properties, an
 *           a{sv} (dln_demo_page_save_state ()); an "aaad" entry
 *           "weights" is the trained network, stored exactly
 * Records (replacing any earlier record) every parameter of @page and
 * @state. Properties of unsupported types are a bug in the page
 * (g_critical). */
void
dln_session_capture (DlnSession *self,
                     const char *demo_id,
                     GObject    *page,
                     GVariant   *state)
{
  g_autofree GParamSpec **params = NULL;
  g_autoptr(GVariant) owned_state = NULL;
  JsonObject *record, *values;
  guint n = 0;

  g_return_if_fail (DLN_IS_SESSION (self));
  g_return_if_fail (demo_id != NULL);
  g_return_if_fail (G_IS_OBJECT (page));
  g_return_if_fail (state == NULL
                    || g_variant_is_of_type (state, G_VARIANT_TYPE_VARDICT));

  if (state != NULL)
    owned_state = g_variant_ref_sink (state);
  record = json_object_new ();
  values = json_object_new ();
  json_object_set_string_member (record, "type", G_OBJECT_TYPE_NAME (page));
  params = list_params (page, &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      JsonNode *node;

      g_value_init (&value, params[i]->value_type);
      g_object_get_property (page, params[i]->name, &value);
      node = value_to_json (&value);
      if (node == NULL)
        {
          g_critical ("%s:%s has a type sessions cannot store (%s)",
                      G_OBJECT_TYPE_NAME (page), params[i]->name,
                      g_type_name (params[i]->value_type));
          continue;
        }
      json_object_set_member (values, params[i]->name, node);
    }
  json_object_set_object_member (record, "params", values);
  if (owned_state != NULL)
    state_to_record (record, owned_state);
  json_object_set_object_member (self->pages, demo_id, record);
}

/* dln_session_get_state:
 * Returns: (transfer full) (nullable) the state stored for @demo_id as
 * the a{sv} dln_session_capture () took ("weights" included), or NULL
 * when the session has no record for it. */
GVariant *
dln_session_get_state (DlnSession *self,
                       const char *demo_id)
{
  g_auto(GVariantDict) dict;
  JsonObject *record, *entries;
  JsonNode *node;

  g_return_val_if_fail (DLN_IS_SESSION (self), NULL);

  node = json_object_get_member (self->pages, demo_id);
  if (node == NULL)
    return NULL;
  record = json_node_get_object (node);
  g_variant_dict_init (&dict, NULL);
  node = json_object_get_member (record, "weights");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    g_variant_dict_insert_value (&dict, "weights",
                                 weights_from_json (node, demo_id, NULL));
  node = json_object_get_member (record, "state");
  entries = node != NULL ? json_node_get_object (node) : NULL;
  if (entries != NULL)
    {
      g_autoptr(GList) keys = json_object_get_members (entries);

      /* every entry was parsed when the session was loaded */
      for (GList *l = keys; l != NULL; l = l->next)
        g_variant_dict_insert_value (&dict, l->data,
          g_variant_parse (NULL, json_object_get_string_member (entries,
                                                                l->data),
                           NULL, NULL, NULL));
    }
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

/* dln_session_has_page:
 * Returns: whether the session holds a record for @demo_id. */
gboolean
dln_session_has_page (DlnSession *self,
                      const char *demo_id)
{
  g_return_val_if_fail (DLN_IS_SESSION (self), FALSE);

  return json_object_has_member (self->pages, demo_id);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* dln_session_list_pages:
 * Returns: (transfer full) the demo ids the session holds, sorted. */
GStrv
dln_session_list_pages (DlnSession *self)
{
  g_autoptr(GList) ids = NULL;
  GPtrArray *array = g_ptr_array_new ();

  g_return_val_if_fail (DLN_IS_SESSION (self), NULL);

  ids = json_object_get_members (self->pages);
  for (GList *l = ids; l != NULL; l = l->next)
    g_ptr_array_add (array, g_strdup (l->data));
  g_ptr_array_sort (array, compare_strings);
  g_ptr_array_add (array, NULL);
  return (GStrv) g_ptr_array_free (array, FALSE);
}

/* Converts every stored parameter of @demo_id for @page into @values (in
 * the order of @specs); no property is set. */
static gboolean
collect (DlnSession   *self,
         const char   *demo_id,
         GObject      *page,
         GPtrArray    *specs,
         GArray       *values,
         GError      **error)
{
  JsonObject *record, *params;
  JsonNode *node;
  g_autoptr(GList) names = NULL;

  node = json_object_get_member (self->pages, demo_id);
  if (node == NULL)
    return TRUE;
  record = json_node_get_object (node);
  params = json_node_get_object (json_object_get_member (record, "params"));
  names = json_object_get_members (params);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *where = g_strdup_printf ("pages.%s.params.%s",
                                                demo_id, name);
      GParamSpec *pspec;
      GValue value = G_VALUE_INIT;

      pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (page), name);
      if (pspec == NULL || !is_page_param (pspec, G_OBJECT_TYPE (page)))
        {
          g_set_error (error, SESSION_ERROR_INVALID,
                       _("%s: this dlnlab has no such parameter"), where);
          return FALSE;
        }
      if (!json_to_value (json_object_get_member (params, name), pspec,
                          &value, where, error))
        {
          g_value_unset (&value);
          return FALSE;
        }
      g_ptr_array_add (specs, pspec);
      g_array_append_val (values, value);
    }
  return TRUE;
}

static void
clear_value (gpointer data)
{
  g_value_unset (data);
}

/* collect () for @page, then (when @apply) every stored parameter set on
 * @page in one notification batch; on an error nothing is set. */
static gboolean
check_and_apply (DlnSession  *self,
                 const char  *demo_id,
                 GObject     *page,
                 gboolean     apply,
                 GError     **error)
{
  g_autoptr(GPtrArray) specs = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));

  g_return_val_if_fail (DLN_IS_SESSION (self), FALSE);
  g_return_val_if_fail (demo_id != NULL, FALSE);
  g_return_val_if_fail (G_IS_OBJECT (page), FALSE);

  g_array_set_clear_func (values, clear_value);
  if (!collect (self, demo_id, page, specs, values, error))
    return FALSE;
  if (!apply)
    return TRUE;

  g_object_freeze_notify (page);
  for (guint i = 0; i < specs->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (specs, i);

      g_object_set_property (page, pspec->name,
                             &g_array_index (values, GValue, i));
    }
  g_object_thaw_notify (page);
  return TRUE;
}

/* dln_session_check:
 * @demo_id: registry id of @page
 * @page:    the page the record would be applied to; not changed
 * Validates the record for @demo_id against @page: every parameter must
 * exist on the page, have the right type and lie in its range. A session
 * without a record for @demo_id passes.
 * Returns: TRUE, or FALSE with @error (DLN_ERROR_INVALID_INPUT) naming
 * the member, e.g. "pages.depth.params.depth: 70 is outside the allowed
 * range". */
gboolean
dln_session_check (DlnSession  *self,
                   const char  *demo_id,
                   GObject     *page,
                   GError     **error)
{
  return check_and_apply (self, demo_id, page, FALSE, error);
}

/* dln_session_apply:
 * As dln_session_check (), then sets every stored parameter on @page, in
 * one notification batch. On an error nothing is set. Callers restoring
 * a whole window check every page first, then apply. Weights are not
 * set: pages retrain from the restored parameters and seeds, which
 * reproduces them exactly; see dln_session_get_weights () to compare.
 * Returns: TRUE, or FALSE with @error set and @page unchanged. */
gboolean
dln_session_apply (DlnSession  *self,
                   const char  *demo_id,
                   GObject     *page,
                   GError     **error)
{
  return check_and_apply (self, demo_id, page, TRUE, error);
}

/* dln_session_get_weights:
 * Returns: (transfer full) (nullable) the stored weights of @demo_id as a
 * GVariant "aaad" (layers, rows, columns; NaN for a diverged entry), or
 * NULL when none were stored. */
GVariant *
dln_session_get_weights (DlnSession *self,
                         const char *demo_id)
{
  JsonNode *node;

  g_return_val_if_fail (DLN_IS_SESSION (self), NULL);

  node = json_object_get_member (self->pages, demo_id);
  if (node == NULL)
    return NULL;
  node = json_object_get_member (json_node_get_object (node), "weights");
  if (node == NULL)
    return NULL;
  /* shapes were validated when the session was loaded or captured */
  return weights_from_json (node, demo_id, NULL);
}
