/* In-process checks of the D08–D18 pages (run under Xvfb by the gui
 * suite): each page builds from its template, trains, survives a
 * session round trip of all its parameters (capture → apply to a fresh
 * page → capture again gives the same record, trained weights included),
 * rejects an out-of-range record without changing, and is finalized
 * when its window goes (g_assert_finalize_object: no reference cycles,
 * no run left holding it). */

#include "config.h"

#include "dln-demo-page.h"
#include "dln-demos.h"
#include "dln-run.h"
#include "dln-session.h"
#include "dln-ui.h"

#include <adwaita.h>

static const char *const pages[] = {
  "depth", "learning-rate", "depth-lr-game", "initialisation", "playground",
  "tree-dataset", "dynamics", "data-svd", "rsa", "illusory", "regression",
};

/* Lets runs finish and their snapshots arrive (DlnRun delivers in an
 * idle): at least @ms, then until no run's job is still working (the
 * course's run takes ~10–60 ms alone, seconds on a loaded machine; 30 s
 * at most), then one more round for the last idle. */
static void
settle (guint ms)
{
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + (gint64) ms * 1000;
  gint64 limit = start + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end
         || (dln_run_n_active_jobs () > 0 && g_get_monotonic_time () < limit))
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
  g_usleep (20000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
new_page (const char  *id,
          GtkWindow  **window)
{
  const DlnDemoInfo *info = dln_demos_find (id);
  GtkWidget *page;

  g_assert_nonnull (info);
  page = g_object_new (info->get_type (), NULL);
  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 1000, 700);
  gtk_window_set_child (*window, page);
  gtk_window_present (*window);
  g_object_ref (page);
  return page;
}

static char *
params_json (DlnSession *session)
{
  g_autofree char *data = dln_session_to_data (session, NULL);
  g_autoptr(DlnSession) copy = dln_session_load_from_data (data, -1, NULL);

  g_assert_nonnull (copy);
  return g_steal_pointer (&data);
}

/* Whether @page holds trained weights (pages without any always do). */
static gboolean
has_weights (GObject *page)
{
  g_autoptr(GVariant) weights = NULL;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (page),
                                    "weights") == NULL)
    return TRUE;
  g_object_get (page, "weights", &weights, NULL);
  return weights != NULL;
}

/* Captures @page into @session once its run has finished: it has weights
 * and two captures 300 ms apart agree; or, when @expected is given, as
 * soon as the capture equals it. A run retrains on a worker thread, and
 * its time depends on the build (several times longer under ASan) and on
 * the machine's load, so a fixed wait is not enough. Gives up after 60 s
 * and returns the last capture (the caller's comparison reports it). */
static char *
capture_settled (DlnSession *session,
                 const char *id,
                 GObject    *page,
                 const char *expected)
{
  g_autofree char *last = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  settle (100);
  for (;;)
    {
      g_autofree char *now = NULL;

      dln_session_capture (session, id, page,
                           dln_demo_page_save_state (DLN_DEMO_PAGE (page)));
      now = params_json (session);
      if (expected != NULL ? g_str_equal (now, expected)
          : last != NULL && g_str_equal (now, last) && has_weights (page))
        return g_steal_pointer (&now);
      if (g_get_monotonic_time () > deadline)
        return g_steal_pointer (&now);
      g_free (last);
      last = g_steal_pointer (&now);
      settle (300);
    }
}

static void
test_page (gconstpointer data)
{
  const char *id = data;
  GtkWindow *wa = NULL, *wb = NULL;
  GtkWidget *a = new_page (id, &wa);
  GtkWidget *b;
  g_autoptr(DlnSession) sa = dln_session_new ();
  g_autoptr(DlnSession) sb = dln_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ja = NULL, *jb = NULL, *bad = NULL;
  g_autoptr(DlnSession) broken = NULL;

  ja = capture_settled (sa, id, G_OBJECT (a), NULL);

  /* apply to a fresh page: the same parameters and, once retrained from
   * the same seeds, the same weights */
  b = new_page (id, &wb);
  settle (100);
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
  settle (50);
  g_assert_finalize_object (a);
  g_assert_finalize_object (b);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dln_ui_init ();
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dln/gui/pages-session/%s",
                                               pages[i]);

      g_test_add_data_func (path, pages[i], test_page);
    }
  return g_test_run ();
}
