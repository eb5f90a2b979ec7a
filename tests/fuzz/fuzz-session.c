/* Fuzz target: the session loader (ui/dln-session.h) on arbitrary bytes,
 * as the window's Open does: load and validate, then check and apply every
 * page record to a page object, read the stored weights, capture the page
 * again and reload what the writer wrote. The page is a plain GObject with
 * one property of every type sessions store (the real pages need GTK and
 * a display; the loader sees only their GParamSpecs). */

#include "fuzz-fail.h"

#include "dln-session.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

typedef enum
{
  FUZZ_MODE_LINEAR,
  FUZZ_MODE_RELU,
  FUZZ_MODE_TANH,
} FuzzMode;

GType fuzz_mode_get_type (void);

#define FUZZ_TYPE_PAGE (fuzz_page_get_type ())
G_DECLARE_FINAL_TYPE (FuzzPage, fuzz_page, FUZZ, PAGE, GObject)

enum
{
  PROP_0,
  PROP_FLAG,
  PROP_DEPTH,
  PROP_WIDTH,
  PROP_OFFSET,
  PROP_SEED,
  PROP_LR,
  PROP_RATIO,
  PROP_NAME,
  PROP_MODE,
  PROP_ITEMS,
  PROP_CELLS,    /* a(sd): named values, as the game page's results */
  PROP_WEIGHTS,  /* aaad, read only */
  N_PROPS
};

/* The page only holds a value for each of its properties: one GValue per
 * property, starting at its GParamSpec's default. */
struct _FuzzPage
{
  GObject parent_instance;

  GValue  values[N_PROPS];
};

G_DEFINE_FINAL_TYPE (FuzzPage, fuzz_page, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (FuzzMode, fuzz_mode,
  G_DEFINE_ENUM_VALUE (FUZZ_MODE_LINEAR, "linear"),
  G_DEFINE_ENUM_VALUE (FUZZ_MODE_RELU, "relu"),
  G_DEFINE_ENUM_VALUE (FUZZ_MODE_TANH, "tanh"))

static void
fuzz_page_finalize (GObject *object)
{
  FuzzPage *self = FUZZ_PAGE (object);

  for (guint i = 1; i < N_PROPS; i++)
    g_value_unset (&self->values[i]);
  G_OBJECT_CLASS (fuzz_page_parent_class)->finalize (object);
}

static void
fuzz_page_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FuzzPage *self = FUZZ_PAGE (object);

  if (prop_id == 0 || prop_id >= N_PROPS)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    g_value_copy (&self->values[prop_id], value);
}

static void
fuzz_page_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  FuzzPage *self = FUZZ_PAGE (object);

  if (prop_id == 0 || prop_id >= N_PROPS)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    g_value_copy (value, &self->values[prop_id]);
}

static void
fuzz_page_class_init (FuzzPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = fuzz_page_finalize;
  object_class->get_property = fuzz_page_get_property;
  object_class->set_property = fuzz_page_set_property;

  properties[PROP_FLAG] = g_param_spec_boolean ("flag", NULL, NULL, FALSE, rw);
  properties[PROP_DEPTH] = g_param_spec_int ("depth", NULL, NULL, 1, 50, 2,
                                             rw);
  properties[PROP_WIDTH] = g_param_spec_uint ("width", NULL, NULL, 0, 1000,
                                              16, rw);
  properties[PROP_OFFSET] = g_param_spec_int64 ("offset", NULL, NULL,
                                                G_MININT64, G_MAXINT64, 0, rw);
  properties[PROP_SEED] = g_param_spec_uint64 ("seed", NULL, NULL, 0,
                                               G_MAXUINT64, 2021, rw);
  properties[PROP_LR] = g_param_spec_double ("lr", NULL, NULL, 0.0, 10.0,
                                             0.1, rw);
  properties[PROP_RATIO] = g_param_spec_float ("ratio", NULL, NULL, -1.0f,
                                               1.0f, 0.5f, rw);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_MODE] = g_param_spec_enum ("mode", NULL, NULL,
                                             fuzz_mode_get_type (),
                                             FUZZ_MODE_LINEAR, rw);
  properties[PROP_ITEMS] = g_param_spec_boxed ("items", NULL, NULL,
                                               G_TYPE_STRV, rw);
  properties[PROP_CELLS] = g_param_spec_variant ("cells", NULL, NULL,
                                                 G_VARIANT_TYPE ("a(sd)"),
                                                 NULL, rw);
  properties[PROP_WEIGHTS] = g_param_spec_variant ("weights", NULL, NULL,
                                                   G_VARIANT_TYPE ("aaad"),
                                                   NULL,
                                                   G_PARAM_READABLE
                                                   | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fuzz_page_init (FuzzPage *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    {
      g_value_init (&self->values[i], G_PARAM_SPEC_VALUE_TYPE (properties[i]));
      g_param_value_set_default (properties[i], &self->values[i]);
    }
}

/* Capture @page into a new session and read the result back: what the
 * writer writes, the reader must accept. */
static void
check_round_trip (const char *demo_id,
                  GObject    *page)
{
  g_autoptr(DlnSession) out = dln_session_new ();
  g_autoptr(DlnSession) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  dln_session_set_current_demo (out, demo_id);
  g_auto(GVariantDict) state;
  GVariant *weights = NULL;

  g_variant_dict_init (&state, NULL);
  g_object_get (page, "weights", &weights, NULL);
  if (weights != NULL)
    g_variant_dict_insert_value (&state, "weights", weights);
  g_clear_pointer (&weights, g_variant_unref);
  dln_session_capture (out, demo_id, page, g_variant_dict_end (&state));
  text = dln_session_to_data (out, &length);
  back = dln_session_load_from_data (text, (gssize) length, &error);
  if (back == NULL)
    fuzz_fail ("the reader refused what the writer wrote", error->message);
  if (!dln_session_apply (back, demo_id, page, &error))
    fuzz_fail ("a captured page does not apply to itself", error->message);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(DlnSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  session = dln_session_load_from_data ((const char *) data, (gssize) size,
                                        &error);
  if (session == NULL)
    {
      if (error == NULL || error->message[0] == '\0')
        fuzz_fail ("a refused session without a message", NULL);
      return 0;
    }
  (void) dln_session_get_current_demo (session);
  ids = dln_session_list_pages (session);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(FuzzPage) page = g_object_new (FUZZ_TYPE_PAGE, NULL);
      g_autoptr(GError) local = NULL;
      gboolean checked;

      if (!dln_session_has_page (session, ids[i]))
        fuzz_fail ("a listed page is missing", ids[i]);
      checked = dln_session_check (session, ids[i], G_OBJECT (page), &local);
      g_clear_error (&local);
      if (dln_session_apply (session, ids[i], G_OBJECT (page), &local)
          != checked)
        fuzz_fail ("check and apply disagree", ids[i]);
      g_value_take_variant (&page->values[PROP_WEIGHTS],
                            dln_session_get_weights (session, ids[i]));
      check_round_trip (ids[i], G_OBJECT (page));
    }
  return 0;
}
