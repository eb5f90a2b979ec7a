#pragma once

#include <gio/gio.h>

#include "dln-status.h"

G_BEGIN_DECLS

/* --- DlnRun: one worker thread and a snapshot mailbox ---
 * docs/architecture.md#how-a-frame-is-produced.
 *
 * The page starts a job with dln_run_start (). The job runs in a GTask
 * thread and is the only code touching its trainer and arenas. It calls
 * dln_run_publish () with immutable snapshots (plain heap blocks freed
 * with the DlnRun's snapshot_free); the newest one wins a one-slot
 * mailbox and at most one idle is queued to deliver it on the main
 * thread through the "snapshot" signal. Starting again or disposing
 * cancels the previous job; its late snapshots are dropped.
 * A job that returns has its last snapshot delivered before "finished",
 * so a "finished" handler that cancels never loses the result.
 * Each job holds the default GApplication until it has returned, so
 * closing the window (whose pages cancel their runs in dispose) lets
 * the job see its cancellable and end before the process exits. The
 * job keeps a reference on its DlnRun: owners drop theirs with
 * dln_run_clear () in their dispose. */

#define DLN_TYPE_RUN (dln_run_get_type ())
G_DECLARE_FINAL_TYPE (DlnRun, dln_run, DLN, RUN, GObject)

/* DlnRunFunc:
 * @run:         the run; call dln_run_publish on it
 * @job_data:    the data given to dln_run_start
 * @cancellable: check it between steps and return promptly once set
 * @msg:         fill it when returning a non-OK status
 * Runs on the worker thread. Returns the job's outcome. */
typedef DlnStatus (*DlnRunFunc) (DlnRun       *run,
                                 gpointer      job_data,
                                 GCancellable *cancellable,
                                 DlnMessage   *msg);

/* DlnRunSnapshotFunc:
 * @job_data: the data given to dln_run_start_snapshot
 * Runs on the worker thread: a job whose whole work is one snapshot.
 * Returns: (transfer full) the snapshot to publish. */
typedef gpointer (*DlnRunSnapshotFunc) (gpointer job_data);

DlnRun   *dln_run_new          (GDestroyNotify  snapshot_free);
void      dln_run_clear        (DlnRun        **run);
void      dln_run_start        (DlnRun         *self,
                                DlnRunFunc      func,
                                gpointer        job_data,
                                GDestroyNotify  job_data_free);
void      dln_run_start_async  (DlnRun         *self,
                                DlnRunFunc      func,
                                gpointer        job_data,
                                GDestroyNotify  job_data_free);
void      dln_run_start_snapshot (DlnRun             *self,
                                  DlnRunSnapshotFunc  make,
                                  gpointer            job_data,
                                  GDestroyNotify      job_data_free);
void      dln_run_wait_first   (DlnRun         *self);
void      dln_run_cancel       (DlnRun         *self);
gboolean  dln_run_is_running   (DlnRun         *self);
gpointer  dln_run_get_snapshot (DlnRun         *self);
void      dln_run_set_snapshot (DlnRun         *self,
                                gpointer        snapshot);
guint     dln_run_n_active_jobs (void);

/* Worker side (any thread). */
gboolean  dln_run_publish      (DlnRun         *self,
                                gpointer        snapshot);

G_END_DECLS
