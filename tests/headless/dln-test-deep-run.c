/* Running the course's experiment on a DlnRun in tests
 * (dln-test-deep-run.h). */

#include "config.h"

#include "dln-test-deep-run.h"

static void
snapshot_cb (DlnRun         *run,
             gpointer        snapshot,
             DlnTestRunWait *w)
{
  w->snap = snapshot;
}

static void
finished_cb (DlnRun         *run,
             GError         *error,
             DlnTestRunWait *w)
{
  w->finished = TRUE;
  if (w->loop != NULL)
    g_main_loop_quit (w->loop);
}

static gboolean
timeout_cb (gpointer data)
{
  g_error ("the run did not finish within 60 s");
  return G_SOURCE_REMOVE;
}

DlnRun *
dln_test_deep_run_new (DlnTestRunWait *w)
{
  DlnRun *run = dln_run_new (dln_deep_snapshot_free);

  g_signal_connect (run, "snapshot", G_CALLBACK (snapshot_cb), w);
  g_signal_connect (run, "finished", G_CALLBACK (finished_cb), w);
  return run;
}

void
dln_test_deep_run_wait (DlnRun                *run,
                        DlnDataset            *ds,
                        const DlnCourseParams *params,
                        DlnTestRunWait        *w)
{
  guint timeout;

  w->loop = g_main_loop_new (NULL, FALSE);
  w->snap = NULL;
  w->finished = FALSE;
  timeout = g_timeout_add_seconds (60, timeout_cb, NULL);
  dln_deep_run_start (run, ds, params);
  dln_dataset_free (ds);
  g_main_loop_run (w->loop);
  /* the snapshot arrives in an idle queued before "finished" returns */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (timeout);
  g_clear_pointer (&w->loop, g_main_loop_unref);
  g_assert_nonnull (w->snap);
}
