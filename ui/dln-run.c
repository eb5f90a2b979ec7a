#define G_LOG_DOMAIN "dln-run"

#include "config.h"

#include "dln-run.h"
#include "dln-ui-error.h"

struct _DlnRun
{
  GObject         parent_instance;

  /* owned */
  GCancellable   *cancellable;    /* of the current job; NULL when idle */
  gpointer        current;        /* last delivered snapshot (main thread) */
  GDestroyNotify  snapshot_free;

  /* guarded by lock: the mailboxes */
  GMutex          lock;
  gpointer        pending;        /* newest published, not yet delivered */
  guint           pending_gen;    /* job generation that published it */
  guint           idle_id;        /* 0 when no delivery is queued */
  guint           generation;     /* bumped by every start and cancel */
  guint           returned_gen;   /* generation of the last job to return */
  GCond           cond;           /* signalled on publish and on return */

  /* main thread */
  gint64          wait_until;     /* monotonic µs: end of the current job's
                                   * first-frame wait; 0: none */
};

/* How long dln_run_start () waits for a fast job's first snapshot, so the
 * frame that shows the new control value also shows its result: waiting
 * costs less than a second frame, which under a software GL renderer
 * repaints the whole window. Slower jobs show their result one frame
 * later. Only once a result is on screen. */
#define FIRST_FRAME_WAIT_US 40000

typedef struct
{
  DlnRunFunc     func;
  gpointer       data;
  GDestroyNotify data_free;
  guint          generation;
  GApplication  *app;    /* held until the job has returned; nullable */
} Job;

enum { SNAPSHOT, FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DlnRun, dln_run, G_TYPE_OBJECT)

/* Jobs not yet returned and released, across all runs (tests wait for 0
 * before exiting: OpenBLAS's exit handler must not race a worker). */
static gint n_active_jobs;

/* The worker thread keeps the job's generation in thread-local storage so
 * dln_run_publish () can drop snapshots of a superseded job. */
static GPrivate current_generation;

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->data_free != NULL)
    job->data_free (job->data);
  if (job->app != NULL)
    {
      g_application_release (job->app);
      g_object_unref (job->app);
    }
  g_free (job);
  g_atomic_int_dec_and_test (&n_active_jobs);
}

static void
dln_run_dispose (GObject *object)
{
  DlnRun *self = DLN_RUN (object);

  dln_run_cancel (self);
  g_mutex_lock (&self->lock);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_mutex_unlock (&self->lock);

  G_OBJECT_CLASS (dln_run_parent_class)->dispose (object);
}

static void
dln_run_finalize (GObject *object)
{
  DlnRun *self = DLN_RUN (object);

  if (self->pending != NULL && self->snapshot_free != NULL)
    self->snapshot_free (self->pending);
  if (self->current != NULL && self->snapshot_free != NULL)
    self->snapshot_free (self->current);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (dln_run_parent_class)->finalize (object);
}

static void
dln_run_class_init (DlnRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dln_run_dispose;
  object_class->finalize = dln_run_finalize;

  /**
   * DlnRun::snapshot:
   * @snapshot: the newest snapshot, borrowed; it stays valid (and is
   *            returned by dln_run_get_snapshot) until the next one.
   */
  signals[SNAPSHOT] =
    g_signal_new ("snapshot", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * DlnRun::finished:
   * @error: (nullable) NULL on success, a DLN_ERROR otherwise; a
   *         cancelled job emits nothing.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
dln_run_init (DlnRun *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
}

/* dln_run_new:
 * @snapshot_free: (nullable) frees a published snapshot
 * Returns: (transfer full) an idle run. */
DlnRun *
dln_run_new (GDestroyNotify snapshot_free)
{
  DlnRun *self = g_object_new (DLN_TYPE_RUN, NULL);

  self->snapshot_free = snapshot_free;
  return self;
}

/* Emits "snapshot" for the undelivered snapshot, if any. @from_idle: the
 * queued delivery itself is running (otherwise it is removed). */
static void
deliver_pending (DlnRun   *self,
                 gboolean  from_idle)
{
  gpointer snap;

  g_mutex_lock (&self->lock);
  snap = g_steal_pointer (&self->pending);
  if (from_idle)
    self->idle_id = 0;
  else
    g_clear_handle_id (&self->idle_id, g_source_remove);
  g_mutex_unlock (&self->lock);

  if (snap != NULL)
    {
      if (self->current != NULL && self->snapshot_free != NULL)
        self->snapshot_free (self->current);
      self->current = snap;
      g_signal_emit (self, signals[SNAPSHOT], 0, snap);
    }
}

static gboolean
deliver_idle (gpointer user_data)
{
  deliver_pending (user_data, TRUE);
  return G_SOURCE_REMOVE;
}

/* dln_run_publish:
 * @snapshot: (transfer full) immutable data for the main thread
 * Called by the job (any thread). Replaces an undelivered snapshot and
 * queues one delivery. Returns FALSE (and frees @snapshot) when the job
 * has been superseded or cancelled: the job should then stop. */
gboolean
dln_run_publish (DlnRun   *self,
                 gpointer  snapshot)
{
  gpointer old = NULL;
  gboolean accepted;
  guint gen = GPOINTER_TO_UINT (g_private_get (&current_generation));

  g_return_val_if_fail (DLN_IS_RUN (self), FALSE);

  g_mutex_lock (&self->lock);
  accepted = (gen == self->generation);
  if (accepted)
    {
      old = self->pending;
      self->pending = snapshot;
      self->pending_gen = gen;
      /* Before the next frame's layout and paint (GDK_PRIORITY_REDRAW),
       * so the frame that follows a publish draws it. */
      if (self->idle_id == 0)
        self->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE,
                                         deliver_idle,
                                         g_object_ref (self),
                                         g_object_unref);
    }
  else
    old = snapshot;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  if (old != NULL && self->snapshot_free != NULL)
    self->snapshot_free (old);
  return accepted;
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  DlnMessage msg = { { 0 }, 0 };
  DlnStatus status;
  GError *error = NULL;

  g_private_set (&current_generation, GUINT_TO_POINTER (job->generation));
  status = job->func (DLN_RUN (source), job->data, cancellable, &msg);
  g_private_set (&current_generation, NULL);
  g_mutex_lock (&DLN_RUN (source)->lock);
  DLN_RUN (source)->returned_gen = job->generation;
  g_cond_broadcast (&DLN_RUN (source)->cond);
  g_mutex_unlock (&DLN_RUN (source)->lock);

  if (dln_ui_status_to_error (status, &msg, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
job_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  DlnRun *self = DLN_RUN (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gboolean current = (job->generation == self->generation);

  g_task_propagate_boolean (G_TASK (result), &error);
  if (!current)
    return;

  /* The job's last snapshot is its result: deliver it now, before
   * "finished", whose handlers may cancel the run (which drops anything
   * undelivered). The GTask's completion outranks the idle delivery. */
  deliver_pending (self, FALSE);
  if (job->generation != self->generation)
    return;  /* a "snapshot" handler started or cancelled a job */

  g_clear_object (&self->cancellable);
  g_signal_emit (self, signals[FINISHED], 0, error);
}

/* Waits until self->wait_until (FIRST_FRAME_WAIT_US after the job
 * started) for job @gen to publish or return, and delivers its snapshot
 * at once: the input that started the job is often handled inside the
 * frame clock's paint cycle (GDK flushes events there), where no idle
 * runs before the frame is drawn. */
static void
wait_first_snapshot (DlnRun *self,
                     guint   gen)
{
  gint64 deadline = self->wait_until;
  gint64 t0 = g_get_monotonic_time ();
  gboolean published;

  self->wait_until = 0;
  g_mutex_lock (&self->lock);
  while (self->generation == gen && self->pending == NULL
         && self->returned_gen != gen)
    if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
      break;
  published = self->generation == gen && self->pending != NULL;
  g_mutex_unlock (&self->lock);
  g_debug ("job %u: %s after waiting %.1f ms", gen,
           published ? "published" : "still running",
           (g_get_monotonic_time () - t0) / 1000.0);
  if (published)
    deliver_pending (self, FALSE);
}

/* dln_run_start:
 * @func:          the job, run on a worker thread
 * @job_data:      (transfer full) its input, owned by the job
 * @job_data_free: (nullable) frees @job_data after the job ends
 * Cancels any running job (without waiting) and starts @func; then, once
 * a result is on screen, waits briefly for the job's first snapshot (see
 * dln_run_wait_first). */
void
dln_run_start (DlnRun         *self,
               DlnRunFunc      func,
               gpointer        job_data,
               GDestroyNotify  job_data_free)
{
  dln_run_start_async (self, func, job_data, job_data_free);
  dln_run_wait_first (self);
}

/* dln_run_start_async:
 * As dln_run_start (), without the wait: a page that starts several runs
 * for one input starts them all, then calls dln_run_wait_first () on
 * each, so their jobs share one wait instead of queueing behind it. */
void
dln_run_start_async (DlnRun         *self,
                     DlnRunFunc      func,
                     gpointer        job_data,
                     GDestroyNotify  job_data_free)
{
  g_autoptr (GTask) task = NULL;
  Job *job;
  GApplication *app = g_application_get_default ();

  g_return_if_fail (DLN_IS_RUN (self));
  g_return_if_fail (func != NULL);

  dln_run_cancel (self);

  g_atomic_int_inc (&n_active_jobs);
  job = g_new0 (Job, 1);
  job->func = func;
  job->data = job_data;
  job->data_free = job_data_free;
  g_mutex_lock (&self->lock);
  /* Generation 0 marks "no job" in thread-local storage, so skip it. */
  if (++self->generation == 0)
    self->generation = 1;
  job->generation = self->generation;
  g_mutex_unlock (&self->lock);

  self->cancellable = g_cancellable_new ();
  if (app != NULL)
    {
      job->app = g_object_ref (app);
      g_application_hold (app);
    }

  task = g_task_new (self, self->cancellable, job_done, NULL);
  g_task_set_task_data (task, job, job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, job_thread);
  self->wait_until = g_get_monotonic_time () + FIRST_FRAME_WAIT_US;
}

/* What dln_run_start_snapshot () gives its job. */
typedef struct
{
  DlnRunSnapshotFunc make;
  gpointer           data;
  GDestroyNotify     data_free;
} SnapshotJob;

static void
snapshot_job_free (gpointer data)
{
  SnapshotJob *job = data;

  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

/* DlnRunFunc: @job_data is a SnapshotJob. */
static DlnStatus
snapshot_job (DlnRun       *run,
              gpointer      job_data,
              GCancellable *cancellable,
              DlnMessage   *msg)
{
  SnapshotJob *job = job_data;

  /* dln_run_publish () drops (and frees) a cancelled job's snapshot */
  dln_run_publish (run, job->make (job->data));
  return DLN_STATUS_OK;
}

/* dln_run_start_snapshot:
 * @make:          makes the job's one snapshot, on a worker thread
 * @job_data:      (transfer full) its input, owned by the job
 * @job_data_free: (nullable) frees @job_data after the job ends
 * dln_run_start () for a job that only computes one snapshot from
 * @job_data and publishes it. */
void
dln_run_start_snapshot (DlnRun             *self,
                        DlnRunSnapshotFunc  make,
                        gpointer            job_data,
                        GDestroyNotify      job_data_free)
{
  SnapshotJob *job;

  g_return_if_fail (make != NULL);

  job = g_new (SnapshotJob, 1);
  job->make = make;
  job->data = job_data;
  job->data_free = job_data_free;
  dln_run_start (self, snapshot_job, job, snapshot_job_free);
}

/* dln_run_wait_first:
 * Main thread. Waits for the first snapshot of the job last started
 * until FIRST_FRAME_WAIT_US after its start, delivering it at once, so
 * the frame that shows the new control value also shows its result.
 * Does nothing when the job's wait is over or was already spent, or while
 * no result is on screen (a page being built, the window not yet shown:
 * there is no frame to catch, and the job overlaps the window's set-up;
 * dln_run_set_snapshot () puts one there). */
void
dln_run_wait_first (DlnRun *self)
{
  g_return_if_fail (DLN_IS_RUN (self));

  if (self->wait_until == 0)
    return;
  if (self->current == NULL)
    {
      self->wait_until = 0;
      return;
    }
  wait_first_snapshot (self, self->generation);
}

/* dln_run_set_snapshot:
 * @snapshot: (transfer full) a result made on the main thread
 * Main thread. Cancels any running job and makes @snapshot the current
 * one, emitting "snapshot" as a delivered job's would. For a page that
 * makes its first result while it is built, so it is never empty: that
 * result is then on screen, and the next job (the first change) gets the
 * first-snapshot wait as every later one does, instead of taking a
 * second frame. */
void
dln_run_set_snapshot (DlnRun   *self,
                      gpointer  snapshot)
{
  g_return_if_fail (DLN_IS_RUN (self));
  g_return_if_fail (snapshot != NULL);

  dln_run_cancel (self);
  if (self->current != NULL && self->snapshot_free != NULL)
    self->snapshot_free (self->current);
  self->current = snapshot;
  g_signal_emit (self, signals[SNAPSHOT], 0, snapshot);
}

/* dln_run_cancel:
 * Asks the running job (if any) to stop; never waits. Its undelivered
 * snapshot and those it publishes from now on are dropped, and neither
 * "snapshot" nor "finished" is emitted for it. */
void
dln_run_cancel (DlnRun *self)
{
  gpointer pending;

  g_return_if_fail (DLN_IS_RUN (self));

  /* An undelivered snapshot belongs to the cancelled job: drop it with
   * its queued delivery, so nothing reaches the owner after this. */
  g_mutex_lock (&self->lock);
  if (++self->generation == 0)
    self->generation = 1;
  pending = g_steal_pointer (&self->pending);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_mutex_unlock (&self->lock);
  if (pending != NULL && self->snapshot_free != NULL)
    self->snapshot_free (pending);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->wait_until = 0;
}

/* dln_run_clear:
 * @run: (inout) (nullable) where an owner keeps its run
 * Cancels *@run's job (see dln_run_cancel) and drops the owner's
 * reference, setting *@run to NULL, as g_clear_object () does; for an
 * owner's dispose, so nothing it started is left running for it. */
void
dln_run_clear (DlnRun **run)
{
  g_return_if_fail (run != NULL);

  if (*run != NULL)
    dln_run_cancel (*run);
  g_clear_object (run);
}

/* dln_run_is_running:
 * Returns TRUE while a job started here has not finished or been
 * cancelled. */
gboolean
dln_run_is_running (DlnRun *self)
{
  g_return_val_if_fail (DLN_IS_RUN (self), FALSE);

  return self->cancellable != NULL;
}

/* dln_run_get_snapshot:
 * Returns: (transfer none) (nullable) the last delivered snapshot. */
gpointer
dln_run_get_snapshot (DlnRun *self)
{
  g_return_val_if_fail (DLN_IS_RUN (self), NULL);

  return self->current;
}

/* dln_run_n_active_jobs:
 * Returns the number of jobs started by any DlnRun that have not yet
 * returned and been released (cancelled ones included). Main thread. */
guint
dln_run_n_active_jobs (void)
{
  return (guint) g_atomic_int_get (&n_active_jobs);
}
