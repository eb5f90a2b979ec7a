/* In-process checks of the D08–D18 pages (run under Xvfb by the gui
 * suite): each page builds from its template, trains, survives a
 * session round trip of all its parameters (capture → apply to a fresh
 * page → capture again gives the same record, trained weights included),
 * rejects an out-of-range record without changing, and is finalized
 * when its window goes (g_assert_finalize_object: no reference cycles,
 * no run left holding it). Each page also starts with every numeric
 * setting at its pspec default and returns there on demo.reset. */

#include "config.h"

#include "dln-demo-page.h"
#include "dln-demos.h"
#include "dln-run.h"
#include "dln-session.h"
#include "dln-test-gui.h"
#include "dln-ui.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

static const char *const pages[] = {
  "depth", "learning-rate", "depth-lr-game", "initialisation", "playground",
  "tree-dataset", "dynamics", "data-svd", "rsa", "illusory", "regression",
};

static char *
params_json (DlnSession *session)
{
  g_autofree char *data = dln_session_to_data (session, NULL);
  g_autoptr(DlnSession) copy = dln_session_load_from_data (data, -1, NULL);

  g_assert_nonnull (copy);
  return g_steal_pointer (&data);
}

typedef struct
{
  DlnSession *session;
  const char *id;
  GObject    *page;
} Capture;

/* Whether the page holds trained weights (pages without any always do). */
static gboolean
has_weights (gpointer data)
{
  Capture *c = data;
  g_autoptr(GVariant) weights = NULL;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (c->page),
                                    "weights") == NULL)
    return TRUE;
  g_object_get (c->page, "weights", &weights, NULL);
  return weights != NULL;
}

static char *
capture (gpointer data)
{
  Capture *c = data;

  dln_session_capture (c->session, c->id, c->page,
                       dln_demo_page_save_state (DLN_DEMO_PAGE (c->page)));
  return params_json (c->session);
}

/* Captures @page into @session once its run has finished (it has weights
 * then), or as soon as the capture equals @expected. */
static char *
capture_settled (DlnSession *session,
                 const char *id,
                 GObject    *page,
                 const char *expected)
{
  Capture c = { session, id, page };

  return dln_test_capture_settled (capture, has_weights, &c, expected);
}

static void
test_page (gconstpointer data)
{
  const char *id = data;
  GtkWindow *wa = NULL, *wb = NULL;
  GtkWidget *a = dln_test_page_new (id, &wa);
  GtkWidget *b;
  g_autoptr(DlnSession) sa = dln_session_new ();
  g_autoptr(DlnSession) sb = dln_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ja = NULL, *jb = NULL, *bad = NULL;
  g_autoptr(DlnSession) broken = NULL;

  ja = capture_settled (sa, id, G_OBJECT (a), NULL);

  /* apply to a fresh page: the same parameters and, once retrained from
   * the same seeds, the same weights */
  b = dln_test_page_new (id, &wb);
  dln_test_settle (100);
  g_assert_true (dln_session_check (sa, id, G_OBJECT (b), &error));
  g_assert_no_error (error);
  g_assert_true (dln_session_apply (sa, id, G_OBJECT (b), &error));
  g_assert_no_error (error);
  jb = capture_settled (sb, id, G_OBJECT (b), ja);
  if (!g_str_equal (ja, jb))
    {
      size_t at = 0;

      while (ja[at] != '\0' && ja[at] == jb[at])
        at++;
      at = at > 80 ? at - 80 : 0;
      g_test_message ("records differ from byte %zu: %.300s … vs %.300s …",
                      at, ja + at, jb + at);
      g_test_fail ();
    }

  /* a record naming a parameter this page lacks is refused */
  bad = g_strdup_printf ("{\"format\": \"dlnlab-session\", \"version\": 1, "
                         "\"pages\": {\"%s\": {\"params\": "
                         "{\"no-such-knob\": 1}}}}", id);
  broken = dln_session_load_from_data (bad, -1, NULL);
  g_assert_nonnull (broken);
  g_assert_false (dln_session_apply (broken, id, G_OBJECT (b), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  gtk_window_destroy (wa);
  gtk_window_destroy (wb);
  dln_test_settle (50);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

/* The page's own read-write numeric settings (what reset restores). */
static GPtrArray *
own_settings (GObject *page)
{
  g_autofree GParamSpec **pspecs = NULL;
  GPtrArray *out = g_ptr_array_new ();
  guint n = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (page), &n);
  for (guint i = 0; i < n; i++)
    {
      GType t = G_PARAM_SPEC_VALUE_TYPE (pspecs[i]);

      if (pspecs[i]->owner_type == G_OBJECT_TYPE (page)
          && (pspecs[i]->flags & G_PARAM_READWRITE) == G_PARAM_READWRITE
          && (t == G_TYPE_INT || t == G_TYPE_UINT64 || t == G_TYPE_DOUBLE))
        g_ptr_array_add (out, pspecs[i]);
    }
  return out;
}

/* Whether every setting of @page holds its pspec default; names the
 * first that does not. */
static gboolean
at_defaults (GObject *page)
{
  g_autoptr(GPtrArray) settings = own_settings (page);

  for (guint i = 0; i < settings->len; i++)
    {
      GParamSpec *pspec = settings->pdata[i];
      g_auto(GValue) value = G_VALUE_INIT;
      g_auto(GValue) def = G_VALUE_INIT;

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_value_init (&def, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (page, pspec->name, &value);
      g_param_value_set_default (pspec, &def);
      if (g_param_values_cmp (pspec, &value, &def) != 0)
        {
          g_autofree char *text = g_strdup_value_contents (&value);

          g_test_message ("%s is %s, not its default", pspec->name, text);
          return FALSE;
        }
    }
  return TRUE;
}

/* Moves @pspec's value away from its default, within its range. */
static void
move_off_default (GObject    *page,
                  GParamSpec *pspec)
{
  switch (G_PARAM_SPEC_VALUE_TYPE (pspec))
    {
    case G_TYPE_INT:
      {
        GParamSpecInt *p = G_PARAM_SPEC_INT (pspec);

        g_object_set (page, pspec->name, p->default_value < p->maximum
                      ? p->default_value + 1 : p->default_value - 1, NULL);
      }
      break;
    case G_TYPE_UINT64:
      g_object_set (page, pspec->name,
                    G_PARAM_SPEC_UINT64 (pspec)->default_value + 1, NULL);
      break;
    default:
      {
        GParamSpecDouble *p = G_PARAM_SPEC_DOUBLE (pspec);

        g_object_set (page, pspec->name, p->default_value < p->maximum
                      ? (p->default_value + p->maximum) / 2
                      : (p->default_value + p->minimum) / 2, NULL);
      }
    }
}

static void
test_reset (gconstpointer data)
{
  GtkWindow *window = NULL;
  GtkWidget *page = dln_test_page_new (data, &window);
  g_autoptr(GPtrArray) settings = own_settings (G_OBJECT (page));

  dln_test_settle (50);
  g_assert_cmpuint (settings->len, >, 0);
  g_assert_true (at_defaults (G_OBJECT (page)));
  for (guint i = 0; i < settings->len; i++)
    move_off_default (G_OBJECT (page), settings->pdata[i]);
  g_assert_false (at_defaults (G_OBJECT (page)));
  g_assert_true (gtk_widget_activate_action (page, "demo.reset", NULL));
  dln_test_settle (50);
  g_assert_true (at_defaults (G_OBJECT (page)));

  dln_test_page_close (page, window);
}

/* Step actions move a setting by their step within its range: a new
 * draw is the next seed, a scrub stops at the slider's ends. */
static void
test_step_actions (void)
{
  static const struct
  {
    const char *demo, *action, *property;
    int         by;        /* 0: no parameter */
    gint64      expected;  /* after one activation from the default */
  } steps[] = {
    { "data-svd", "svd.resample", "seed", 0, 2022 },
    { "regression", "regression.new-example", "seed", 0, 2022 },
    { "dynamics", "dynamics.new-init", "init-seed", 0, 2022 },
    { "dynamics", "dynamics.scrub", "epoch", 10, 71 },
    { "dynamics", "dynamics.scrub", "epoch", -1000, 0 },
    { "rsa", "rsa.scrub", "epoch", 1000, 241 },
    { "rsa", "rsa.scrub", "epoch", -1000, 10 },
    { "tree-dataset", "tree.resample", "seed", 0, 2022 },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      GtkWindow *window = NULL;
      GtkWidget *page = dln_test_page_new (steps[i].demo, &window);
      GParamSpec *pspec = g_object_class_find_property (
        G_OBJECT_GET_CLASS (page), steps[i].property);
      g_auto(GValue) value = G_VALUE_INIT;
      gint64 got;

      dln_test_settle (20);
      g_assert_true (gtk_widget_activate_action (page, steps[i].action,
                                                 steps[i].by != 0 ? "i"
                                                                  : NULL,
                                                 steps[i].by));
      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (G_OBJECT (page), steps[i].property, &value);
      got = G_VALUE_HOLDS_INT (&value) ? g_value_get_int (&value)
                                       : (gint64) g_value_get_uint64 (&value);
      g_test_message ("%s %s: %" G_GINT64_FORMAT, steps[i].demo,
                      steps[i].action, got);
      g_assert_cmpint (got, ==, steps[i].expected);
      dln_test_page_close (page, window);
    }
}

/* The page's trained net ("weights"), or NULL before it has one. */
static GVariant *
page_weights (GObject *page)
{
  GVariant *weights = NULL;

  g_object_get (page, "weights", &weights, NULL);
  return weights;
}

static char *
capture_weights (gpointer data)
{
  g_autoptr(GVariant) weights = page_weights (data);

  return weights != NULL ? g_variant_print (weights, FALSE) : g_strdup ("");
}

static gboolean
holds_weights (gpointer data)
{
  g_autoptr(GVariant) weights = page_weights (data);

  return weights != NULL;
}

/* @page's weights once its run has finished (or once they print as
 * @expected). */
static GVariant *
settled_weights (GObject    *page,
                 const char *expected)
{
  g_autofree char *text = dln_test_capture_settled (capture_weights,
                                                    holds_weights, page,
                                                    expected);

  return page_weights (page);
}

/* Whether two "aaad" nets have the same shapes and the same bits in every
 * entry (NaN included); names the first difference. */
static gboolean
same_weight_bits (GVariant *a,
                  GVariant *b)
{
  gsize n_layers = g_variant_n_children (a);

  if (g_variant_n_children (b) != n_layers)
    {
      g_test_message ("%zu layers vs %zu", n_layers, g_variant_n_children (b));
      return FALSE;
    }
  for (gsize l = 0; l < n_layers; l++)
    {
      g_autoptr(GVariant) la = g_variant_get_child_value (a, l);
      g_autoptr(GVariant) lb = g_variant_get_child_value (b, l);
      gsize n_rows = g_variant_n_children (la);

      if (g_variant_n_children (lb) != n_rows)
        {
          g_test_message ("layer %zu: %zu rows vs %zu", l, n_rows,
                          g_variant_n_children (lb));
          return FALSE;
        }
      for (gsize r = 0; r < n_rows; r++)
        {
          g_autoptr(GVariant) ra = g_variant_get_child_value (la, r);
          g_autoptr(GVariant) rb = g_variant_get_child_value (lb, r);
          gsize na = 0, nb = 0;
          const double *da = g_variant_get_fixed_array (ra, &na, sizeof (double));
          const double *db = g_variant_get_fixed_array (rb, &nb, sizeof (double));

          if (na != nb)
            {
              g_test_message ("layer %zu row %zu: %zu entries vs %zu", l, r,
                              na, nb);
              return FALSE;
            }
          for (gsize c = 0; c < na; c++)
            if (memcmp (&da[c], &db[c], sizeof (double)) != 0)
              {
                g_test_message ("layer %zu row %zu col %zu: %.17g vs %.17g",
                                l, r, c, da[c], db[c]);
                return FALSE;
              }
        }
    }
  return TRUE;
}

typedef struct
{
  const char *id;
  const char *action;    /* trains the page off its defaults, or NULL */
  const char *property;  /* else: this setting moves off its default */
} TrainedCase;

/* A page trained off its defaults is saved to a session file with its
 * weights, bit for bit as the page held them, and a fresh page opened from
 * that file trains back to them. The page retrains on open rather than
 * reading the weights back, so the file's own weights are checked too:
 * only they tell whether the session kept the net. */
static void
test_trained_weights (gconstpointer data)
{
  const TrainedCase *tc = data;
  GtkWindow *wa = NULL, *wb = NULL;
  GtkWidget *a = dln_test_page_new (tc->id, &wa);
  GtkWidget *b;
  g_autoptr(DlnSession) saved = dln_session_new ();
  g_autoptr(DlnSession) opened = NULL;
  g_autoptr(GVariant) trained = NULL, fresh = NULL, stored = NULL;
  g_autoptr(GVariant) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL, *path = NULL, *expected = NULL;

  dln_test_settle (100);
  if (tc->action != NULL)
    g_assert_true (gtk_widget_activate_action (a, tc->action, NULL));
  else
    move_off_default (G_OBJECT (a),
                      g_object_class_find_property (G_OBJECT_GET_CLASS (a),
                                                    tc->property));
  dln_test_settle (100);
  trained = settled_weights (G_OBJECT (a), NULL);
  g_assert_nonnull (trained);

  dir = g_dir_make_tmp ("dlnlab-weights-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "session.json", NULL);
  file = g_file_new_for_path (path);
  dln_session_capture (saved, tc->id, G_OBJECT (a),
                       dln_demo_page_save_state (DLN_DEMO_PAGE (a)));
  g_assert_true (dln_session_save (saved, file, &error));
  g_assert_no_error (error);
  opened = dln_session_load (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (opened);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  /* the file holds the net the page had */
  stored = dln_session_get_weights (opened, tc->id);
  g_assert_nonnull (stored);
  g_assert_true (same_weight_bits (stored, trained));

  /* a fresh page trains another net, so the restore below shows
   * something */
  b = dln_test_page_new (tc->id, &wb);
  dln_test_settle (100);
  fresh = settled_weights (G_OBJECT (b), NULL);
  g_assert_nonnull (fresh);
  g_assert_false (same_weight_bits (fresh, trained));

  g_assert_true (dln_session_apply (opened, tc->id, G_OBJECT (b), &error));
  g_assert_no_error (error);
  dln_test_settle (100);
  expected = g_variant_print (trained, FALSE);
  restored = settled_weights (G_OBJECT (b), expected);
  g_assert_nonnull (restored);
  g_assert_true (same_weight_bits (restored, trained));

  gtk_window_destroy (wa);
  gtk_window_destroy (wb);
  dln_test_settle (50);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

/* a chain page, a deep page and the regression page, each driven off
 * its defaults the way a student would */
static const TrainedCase trained_cases[] = {
  { "depth", "chain.new-data", NULL },
  { "dynamics", "dynamics.new-init", NULL },
  { "regression", NULL, "init-seed" },
};

int
main (int   argc,
      char *argv[])
{
  dln_test_ui_init (&argc, &argv);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dln/gui/pages-session/%s",
                                               pages[i]);

      g_autofree char *reset = g_strdup_printf ("/dln/gui/pages-reset/%s",
                                                pages[i]);

      g_test_add_data_func (path, pages[i], test_page);
      g_test_add_data_func (reset, pages[i], test_reset);
    }
  g_test_add_func ("/dln/gui/pages-actions/steps", test_step_actions);
  for (guint i = 0; i < G_N_ELEMENTS (trained_cases); i++)
    {
      g_autofree char *path =
        g_strdup_printf ("/dln/gui/pages-session/trained-weights/%s",
                         trained_cases[i].id);

      g_test_add_data_func (path, &trained_cases[i], test_trained_weights);
    }
  return g_test_run ();
}
