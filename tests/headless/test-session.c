/* Sessions (ui/dln-session.c): round trip of every supported parameter
 * type and of trained weights, and the errors that must leave a page
 * unchanged (broken JSON, foreign file, newer version, unknown parameter,
 * wrong type, out of range, ragged weights). The page is a plain GObject
 * declaring properties the way the demo pages do (dln-property), so no
 * display is needed. */

#include "config.h"

#include "dln-chain.h"
#include "dln-property.h"
#include "dln-session.h"
#include "dln-ui-error.h"

#include "dln-test-util.h"

#include <math.h>

/* --- A stand-in page --- */

typedef enum
{
  TEST_NORM_GLOBAL,
  TEST_NORM_EPOCH,
} TestNorm;

#define TEST_TYPE_PAGE (test_page_get_type ())
G_DECLARE_FINAL_TYPE (TestPage, test_page, TEST, PAGE, GObject)

struct _TestPage
{
  GObject   parent_instance;
  int       depth;
  double    lr;
  guint64   seed;
  char     *title;
  gboolean  show_theory;
  TestNorm  norm;
  GStrv     items;
  GVariant *registered;  /* a(idi): depth, eta, learning time */
  GVariant *weights;     /* aaad */
  int       hidden;      /* read only: not a parameter */
};

G_DEFINE_FINAL_TYPE (TestPage, test_page, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DEPTH,
  PROP_LR,
  PROP_SEED,
  PROP_TITLE,
  PROP_SHOW_THEORY,
  PROP_NORM,
  PROP_ITEMS,
  PROP_REGISTERED,
  PROP_WEIGHTS,
  PROP_HIDDEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
test_norm_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    { TEST_NORM_GLOBAL, "TEST_NORM_GLOBAL", "global" },
    { TEST_NORM_EPOCH, "TEST_NORM_EPOCH", "per-epoch" },
    { 0, NULL, NULL },
  };

  if (type == 0)
    type = g_enum_register_static ("TestNorm", values);
  return type;
}

static void
test_page_finalize (GObject *object)
{
  TestPage *self = TEST_PAGE (object);

  g_free (self->title);
  g_strfreev (self->items);
  g_clear_pointer (&self->registered, g_variant_unref);
  g_clear_pointer (&self->weights, g_variant_unref);
  G_OBJECT_CLASS (test_page_parent_class)->finalize (object);
}

static void
test_page_set_title (TestPage   *self,
                     const char *title)
{
  g_free (self->title);
  self->title = g_strdup (title);
}

static void
test_page_set_items (TestPage *self,
                     GStrv     items)
{
  g_strfreev (self->items);
  self->items = g_strdupv (items);
}

static void
test_page_set_registered (TestPage *self,
                          GVariant *registered)
{
  g_clear_pointer (&self->registered, g_variant_unref);
  self->registered = registered != NULL ? g_variant_ref (registered) : NULL;
}

static void
test_page_class_init (TestPageClass *klass)
{
#define FIELD(name) G_STRUCT_OFFSET (TestPage, name)
  static const DlnPropertyDecl decls[N_PROPS] = {
    [PROP_DEPTH] = { FIELD (depth) },
    [PROP_LR] = { FIELD (lr) },
    [PROP_SEED] = { FIELD (seed) },
    [PROP_TITLE] = { FIELD (title), NULL, G_CALLBACK (test_page_set_title) },
    [PROP_SHOW_THEORY] = { FIELD (show_theory) },
    [PROP_NORM] = { FIELD (norm) },
    [PROP_ITEMS] = { FIELD (items), NULL, G_CALLBACK (test_page_set_items) },
    [PROP_REGISTERED] = { FIELD (registered), NULL,
                          G_CALLBACK (test_page_set_registered) },
    [PROP_WEIGHTS] = { FIELD (weights) },
    [PROP_HIDDEN] = { FIELD (hidden) },
  };
#undef FIELD
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = test_page_finalize;
  properties[PROP_DEPTH] = g_param_spec_int ("depth", NULL, NULL,
                                             0, 50, 0, rw);
  properties[PROP_LR] = g_param_spec_double ("lr", NULL, NULL,
                                             0.001, 0.105, 0.005, rw);
  properties[PROP_SEED] = g_param_spec_uint64 ("seed", NULL, NULL,
                                               0, G_MAXUINT64, 2021, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL,
                                                NULL, rw);
  properties[PROP_SHOW_THEORY] = g_param_spec_boolean ("show-theory", NULL,
                                                       NULL, TRUE, rw);
  properties[PROP_NORM] = g_param_spec_enum ("norm", NULL, NULL,
                                             test_norm_get_type (),
                                             TEST_NORM_GLOBAL, rw);
  properties[PROP_ITEMS] = g_param_spec_boxed ("items", NULL, NULL,
                                               G_TYPE_STRV, rw);
  properties[PROP_REGISTERED] =
    g_param_spec_variant ("registered", NULL, NULL,
                          G_VARIANT_TYPE ("a(idi)"), NULL, rw);
  properties[PROP_WEIGHTS] =
    g_param_spec_variant ("weights", NULL, NULL, G_VARIANT_TYPE ("aaad"),
                          NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIDDEN] = g_param_spec_int ("hidden", NULL, NULL,
                                              0, 100, 30,
                                              G_PARAM_READABLE
                                              | G_PARAM_STATIC_STRINGS);
  dln_object_class_install_properties (object_class, N_PROPS, properties,
                                       decls);
}

static void
test_page_init (TestPage *self)
{
  self->lr = 0.005;
  self->seed = 2021;
  self->show_theory = TRUE;
  self->hidden = 30;
}

/* A page with every parameter off its default, and a 2-layer net with a
 * diverged (NaN) and an infinite entry. */
static TestPage *
new_edited_page (void)
{
  TestPage *page = g_object_new (TEST_TYPE_PAGE, NULL);
  const char *items[] = { "Shark", "Tuna", "Robin", NULL };
  GVariantBuilder layers, rows;
  const double w1[2][3] = { { 0.1, -2.5e-13, 1.0 / 3.0 }, { NAN, 7.0, -0.0 } };
  const double w2[1][2] = { { INFINITY, 1e300 } };

  g_variant_builder_init (&layers, G_VARIANT_TYPE ("aaad"));
  g_variant_builder_init (&rows, G_VARIANT_TYPE ("aad"));
  for (int r = 0; r < 2; r++)
    g_variant_builder_add_value (&rows,
      g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, w1[r], 3,
                                 sizeof (double)));
  g_variant_builder_add_value (&layers, g_variant_builder_end (&rows));
  g_variant_builder_init (&rows, G_VARIANT_TYPE ("aad"));
  g_variant_builder_add_value (&rows,
    g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, w2[0], 2,
                               sizeof (double)));
  g_variant_builder_add_value (&layers, g_variant_builder_end (&rows));
  page->weights = g_variant_ref_sink (g_variant_builder_end (&layers));

  g_object_set (page,
                "depth", 35,
                "lr", 0.01 + 0.02,     /* not representable: tests %.17g */
                "seed", G_MAXUINT64, /* beyond JSON's int64 */
                "title", "Prédiction “Shark” has_bones",
                "show-theory", FALSE,
                "norm", TEST_NORM_EPOCH,
                "items", items,
                "registered", g_variant_new_parsed ("[(10, 0.045, 212), "
                                                    "(20, 0.02, 345)]"),
                NULL);
  return page;
}

static char *
save_to_tmp (TestPage   *page,
             const char *name)
{
  g_autoptr(DlnSession) session = dln_session_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dln_test_tmpdir (), name, NULL);

  g_auto(GVariantDict) state;

  /* the page's own state: its network, and a typed expression that only
   * GVariant's typed text keeps apart from an int (1.0, not 1) */
  g_variant_dict_init (&state, NULL);
  g_variant_dict_insert_value (&state, "weights", page->weights);
  g_variant_dict_insert (&state, "expr_entry", "s", "x * “y”");
  g_variant_dict_insert (&state, "start", "(dd)", 1.0, -0.0);
  dln_session_set_current_demo (session, "depth-lr-game");
  dln_session_capture (session, "depth-lr-game", G_OBJECT (page),
                       g_variant_dict_end (&state));
  file = g_file_new_for_path (path);
  g_assert_true (dln_session_save (session, file, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_round_trip (void)
{
  g_autoptr(TestPage) page = new_edited_page ();
  g_autoptr(TestPage) fresh = g_object_new (TEST_TYPE_PAGE, NULL);
  g_autofree char *path = save_to_tmp (page, "round-trip.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlnSession) loaded = NULL;
  g_autoptr(GVariant) weights = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *contents = NULL;
  double v = 0.0;

  loaded = dln_session_load (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (dln_session_get_current_demo (loaded), ==,
                   "depth-lr-game");
  ids = dln_session_list_pages (loaded);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, "depth-lr-game");

  g_assert_true (dln_session_apply (loaded, "depth-lr-game",
                                    G_OBJECT (fresh), &error));
  g_assert_no_error (error);
  g_assert_cmpint (fresh->depth, ==, 35);
  /* bit-exact: %.17g round-trips every double */
  g_assert_true (fresh->lr == 0.01 + 0.02);
  g_assert_true (fresh->seed == G_MAXUINT64);
  g_assert_cmpstr (fresh->title, ==, "Prédiction “Shark” has_bones");
  g_assert_false (fresh->show_theory);
  g_assert_cmpint (fresh->norm, ==, TEST_NORM_EPOCH);
  g_assert_cmpuint (g_strv_length (fresh->items), ==, 3);
  g_assert_cmpstr (fresh->items[0], ==, "Shark");
  g_assert_true (g_variant_equal (fresh->registered, page->registered));
  /* a read-only property is not a parameter and is not saved */
  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_null (strstr (contents, "\"hidden\""));

  {
    g_autoptr(GVariant) state = dln_session_get_state (loaded,
                                                       "depth-lr-game");
    g_autoptr(GVariant) start = NULL;
    const char *expr = NULL;
    double x = 0.0, y = 1.0;

    g_assert_nonnull (state);
    g_assert_true (g_variant_lookup (state, "expr_entry", "&s", &expr));
    g_assert_cmpstr (expr, ==, "x * “y”");
    start = g_variant_lookup_value (state, "start", G_VARIANT_TYPE ("(dd)"));
    g_assert_nonnull (start);
    g_variant_get (start, "(dd)", &x, &y);
    g_assert_true (x == 1.0 && y == 0.0 && signbit (y));
    g_assert_nonnull (g_variant_lookup_value (state, "weights",
                                              G_VARIANT_TYPE ("aaad")));
  }
  weights = dln_session_get_weights (loaded, "depth-lr-game");
  g_assert_nonnull (weights);
  g_assert_cmpuint (g_variant_n_children (weights), ==, 2);
  {
    g_autoptr(GVariant) l0 = g_variant_get_child_value (weights, 0);
    g_autoptr(GVariant) r0 = g_variant_get_child_value (l0, 0);
    g_autoptr(GVariant) r1 = g_variant_get_child_value (l0, 1);
    g_autoptr(GVariant) l1 = g_variant_get_child_value (weights, 1);
    g_autoptr(GVariant) s0 = g_variant_get_child_value (l1, 0);
    gsize n = 0;
    const double *a = g_variant_get_fixed_array (r0, &n, sizeof (double));

    g_assert_cmpuint (n, ==, 3);
    g_assert_true (a[0] == 0.1 && a[1] == -2.5e-13 && a[2] == 1.0 / 3.0);
    a = g_variant_get_fixed_array (r1, &n, sizeof (double));
    /* non-finite entries come back exactly (base64 float64 bytes) */
    g_assert_true (isnan (a[0]));
    g_assert_true (a[1] == 7.0);
    a = g_variant_get_fixed_array (s0, &n, sizeof (double));
    g_assert_cmpuint (n, ==, 2);
    g_assert_true (isinf (a[0]) && a[0] > 0);
    v = a[1];
    g_assert_true (v == 1e300);
  }
}

/* Every failure must leave @page exactly as new_edited_page () made it. */
static void
assert_unchanged (TestPage *page)
{
  g_autoptr(TestPage) ref = new_edited_page ();

  g_assert_cmpint (page->depth, ==, ref->depth);
  g_assert_true (page->lr == ref->lr);
  g_assert_true (page->seed == ref->seed);
  g_assert_cmpstr (page->title, ==, ref->title);
  g_assert_cmpint (page->show_theory, ==, ref->show_theory);
  g_assert_cmpint (page->norm, ==, ref->norm);
  g_assert_true (g_variant_equal (page->registered, ref->registered));
}

/* Loads @json and applies it to an edited page; the load or the apply
 * must fail with a message containing @expect, and the page must not
 * change. */
static void
expect_rejected (const char *json,
                 const char *expect)
{
  g_autoptr(TestPage) page = new_edited_page ();
  g_autoptr(DlnSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = dln_session_load_from_data (json, -1, &error);
  if (session != NULL)
    {
      g_assert_no_error (error);
      g_assert_false (dln_session_check (session, "p", G_OBJECT (page),
                                         &error));
      g_assert_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT);
      g_clear_error (&error);
      g_assert_false (dln_session_apply (session, "p", G_OBJECT (page),
                                         &error));
    }
  g_assert_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT);
  g_test_message ("rejected: %s", error->message);
  g_assert_nonnull (strstr (error->message, expect));
  assert_unchanged (page);
}

#define HEAD "{\"format\": \"dlnlab-session\", \"version\": 1, "

static void
test_rejects_newer_version (void)
{
  expect_rejected ("{\"format\": \"dlnlab-session\", \"version\": 2, "
                   "\"generator\": \"dlnlab 9.0\", \"pages\": {}}",
                   "written by a newer dlnlab, dlnlab 9.0 (session version 2)");
}

static void
test_rejects_broken_json (void)
{
  /* json-glib reports the line and column of a syntax error */
  expect_rejected (HEAD "\"pages\": {\n \"p\": {\"params\": {\"depth\": 3,}}}}",
                   "not valid JSON: <data>:2:");
  expect_rejected ("", "the file is empty");
}

static void
test_rejects_foreign (void)
{
  expect_rejected ("[1, 2, 3]", "not a dlnlab session");
  expect_rejected ("{\"format\": \"other\", \"version\": 1}",
                   "not a dlnlab session");
  expect_rejected ("{\"format\": \"dlnlab-session\", \"version\": \"one\"}",
                   "no valid \"version\"");
  expect_rejected (HEAD "\"pages\": []}", "pages: missing or not an object");
  expect_rejected (HEAD "\"pages\": {\"p\": {}}}",
                   "pages.p.params: missing or not an object");
}

static void
test_rejects_bad_params (void)
{
  /* depth 70 is out of range; lr 0.05 is valid but must not be set
   * either: a page is restored whole or not at all */
  expect_rejected (HEAD "\"pages\": {\"p\": {\"params\": "
                   "{\"lr\": 0.05, \"depth\": 70}}}}",
                   "pages.p.params.depth: 70 is outside the allowed range");
  expect_rejected (HEAD "\"pages\": {\"p\": {\"params\": {\"lr\": \"fast\"}}}}",
                   "pages.p.params.lr: expected a number");
  expect_rejected (HEAD "\"pages\": {\"p\": {\"params\": {\"depth\": 2.5}}}}",
                   "pages.p.params.depth: expected an integer");
  expect_rejected (HEAD "\"pages\": {\"p\": {\"params\": {\"width\": 3}}}}",
                   "pages.p.params.width: this dlnlab has no such parameter");
  expect_rejected (HEAD "\"pages\": {\"p\": {\"params\": {\"hidden\": 3}}}}",
                   "pages.p.params.hidden: this dlnlab has no such parameter");
  expect_rejected (HEAD "\"pages\": {\"p\": {\"params\": {\"norm\": \"x\"}}}}",
                   "pages.p.params.norm: “x” is not one of the choices");
  expect_rejected (HEAD "\"pages\": {\"p\": {\"params\": "
                   "{\"registered\": [[10, 0.1]]}}}}",
                   "pages.p.params.registered:");
}

static void
test_rejects_ragged_weights (void)
{
  /* 8 bytes of data (one double) for a 1 × 2 layer */
  expect_rejected (HEAD "\"pages\": {\"p\": {\"params\": {}, "
                   "\"weights\": [{\"rows\": 1, \"cols\": 2, "
                   "\"float64-le\": \"AAAAAAAA8D8=\"}]}}}",
                   "pages.p.weights: layer 1 holds 8 bytes, not 1 × 2 doubles");
  /* 16 bytes (two doubles) for a 1 × 1 layer: too many is as wrong */
  expect_rejected (HEAD "\"pages\": {\"p\": {\"params\": {}, "
                   "\"weights\": [{\"rows\": 1, \"cols\": 1, "
                   "\"float64-le\": \"AAAAAAAA8D8AAAAAAAAAQA==\"}]}}}",
                   "pages.p.weights: layer 1 holds 16 bytes, not 1 × 1 doubles");
  expect_rejected (HEAD "\"pages\": {\"p\": {\"params\": {}, "
                   "\"weights\": [[[1, 2]]]}}}",
                   "pages.p.weights: expected layers of {rows, cols, float64-le}");
}

/* Sizes are checked before they are multiplied: 1565199712 × 1473194118
 * × 8 wraps to 512 in 64 bits, and 512 bytes once passed the length check
 * (then the loop read far past them: a crash). */
static void
test_rejects_overflowing_weights (void)
{
  g_autofree guchar *zeros = g_malloc0 (512);
  g_autofree char *b64 = g_base64_encode (zeros, 512);
  g_autofree char *json = NULL;

  g_assert_cmpuint ((guint64) 1565199712 * 1473194118 * 8, ==, 512);
  json = g_strdup_printf (HEAD "\"pages\": {\"p\": {\"params\": {}, "
                          "\"weights\": [{\"rows\": 1565199712, "
                          "\"cols\": 1473194118, \"float64-le\": \"%s\"}]}}}",
                          b64);
  expect_rejected (json, "pages.p.weights: layer 1 is 1565199712 × "
                   "1473194118");
}

/* Rows of nothing once allocated one empty row each, without limit. */
static void
test_rejects_empty_rows (void)
{
  expect_rejected (HEAD "\"pages\": {\"p\": {\"params\": {}, "
                   "\"weights\": [{\"rows\": 2000000, \"cols\": 0, "
                   "\"float64-le\": \"\"}]}}}",
                   "pages.p.weights: layer 1 is 2000000 × 0");
}

static void
test_rejects_too_many_layers (void)
{
  g_autoptr(GString) json = g_string_new (HEAD "\"pages\": {\"p\": "
                                          "{\"params\": {}, \"weights\": [");

  for (int l = 0; l <= DLN_CHAIN_MAX_WEIGHTS; l++)
    g_string_append_printf (json, "%s{\"rows\": 1, \"cols\": 1, "
                            "\"float64-le\": \"AAAAAAAA8D8=\"}",
                            l > 0 ? ", " : "");
  g_string_append (json, "]}}}");
  expect_rejected (json->str, "pages.p.weights: 4097 layers is over the "
                   "limit of 4096");
}

/* 100,000 nested arrays once overflowed the stack inside json-glib; the
 * nesting pre-scan refuses them first, and the message names the file. */
static void
test_rejects_deep_nesting (void)
{
  g_autofree char *path = g_build_filename (dln_test_tmpdir (), "deep.json",
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) json = g_string_new (HEAD "\"pages\": {\"p\": "
                                          "{\"params\": {\"x\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(DlnSession) session = NULL;
  g_autofree char *expect = NULL;

  /* the 65th opening bracket: 4 are the objects before the arrays */
  expect = g_strdup_printf ("line 1, column %" G_GSIZE_FORMAT ": JSON nested "
                            "deeper than 64 levels", json->len + 61);
  for (int i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  for (int i = 0; i < 100000; i++)
    g_string_append_c (json, ']');
  g_string_append (json, "}}}}");
  expect_rejected (json->str, expect);
  g_assert_true (g_file_set_contents (path, json->str, (gssize) json->len,
                                      NULL));
  session = dln_session_load (file, &error);
  g_assert_null (session);
  g_assert_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, path));
}

/* A page whose parent class is not its own and declares a writable
 * property, as GtkWidget does ("margin-start", "visible"): layout, not
 * lecture state, so a session leaves it out. */
#define TEST_TYPE_FRAME (test_frame_get_type ())
G_DECLARE_DERIVABLE_TYPE (TestFrame, test_frame, TEST, FRAME, GObject)

struct _TestFrameClass
{
  GObjectClass parent_class;
};

typedef struct
{
  int margin;
} TestFramePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (TestFrame, test_frame, G_TYPE_OBJECT)

static void
test_frame_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TestFramePrivate *priv = test_frame_get_instance_private (TEST_FRAME (object));

  g_value_set_int (value, priv->margin);
}

static void
test_frame_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TestFramePrivate *priv = test_frame_get_instance_private (TEST_FRAME (object));

  priv->margin = g_value_get_int (value);
}

static void
test_frame_class_init (TestFrameClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_frame_get_property;
  object_class->set_property = test_frame_set_property;
  g_object_class_install_property (object_class, 1,
    g_param_spec_int ("margin", NULL, NULL, 0, 100, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
}

static void
test_frame_init (TestFrame *self)
{
}

#define TEST_TYPE_FRAMED_PAGE (test_framed_page_get_type ())
G_DECLARE_FINAL_TYPE (TestFramedPage, test_framed_page, TEST, FRAMED_PAGE,
                      TestFrame)

struct _TestFramedPage
{
  TestFrame parent_instance;
  int       depth;
};

G_DEFINE_FINAL_TYPE (TestFramedPage, test_framed_page, TEST_TYPE_FRAME)

/* its own parameter declared as the demo pages declare theirs */
static void
test_framed_page_class_init (TestFramedPageClass *klass)
{
  const DlnPropertyDecl depth = {
    .field = G_STRUCT_OFFSET (TestFramedPage, depth),
  };

  dln_object_class_add_property (G_OBJECT_CLASS (klass), 1,
    g_param_spec_int ("depth", NULL, NULL, 0, 50, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS), &depth);
}

static void
test_framed_page_init (TestFramedPage *self)
{
}

static void
test_layout_not_saved (void)
{
  g_autoptr(GObject) page = g_object_new (TEST_TYPE_FRAMED_PAGE, "depth", 7,
                                          "margin", 12, NULL);
  g_autoptr(DlnSession) session = dln_session_new ();
  g_autofree char *path = g_build_filename (dln_test_tmpdir (), "layout.json",
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  dln_session_capture (session, "p", page, NULL);
  g_assert_true (dln_session_save (session, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"depth\""));
  g_assert_null (strstr (contents, "\"margin\""));
}

static void
test_unreadable_file (void)
{
  g_autofree char *path = g_build_filename (dln_test_tmpdir (), "absent.json",
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlnSession) session = dln_session_load (file, &error);

  g_assert_null (session);
  g_assert_error (error, DLN_ERROR, DLN_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, path));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/session/round-trip", test_round_trip);
  g_test_add_func ("/dln/headless/session/newer-version", test_rejects_newer_version);
  g_test_add_func ("/dln/headless/session/broken-json", test_rejects_broken_json);
  g_test_add_func ("/dln/headless/session/foreign", test_rejects_foreign);
  g_test_add_func ("/dln/headless/session/bad-params", test_rejects_bad_params);
  g_test_add_func ("/dln/headless/session/ragged-weights",
                   test_rejects_ragged_weights);
  g_test_add_func ("/dln/headless/session/unreadable", test_unreadable_file);
  g_test_add_func ("/dln/headless/session/layout-not-saved",
                   test_layout_not_saved);
  g_test_add_func ("/dln/headless/session/overflowing-weights",
                   test_rejects_overflowing_weights);
  g_test_add_func ("/dln/headless/session/empty-rows", test_rejects_empty_rows);
  g_test_add_func ("/dln/headless/session/too-many-layers",
                   test_rejects_too_many_layers);
  g_test_add_func ("/dln/headless/session/deep-nesting", test_rejects_deep_nesting);
  return g_test_run ();
}
