#define G_LOG_DOMAIN "dln-deep-run"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-deep-run.h"
#include "dln-cpu-time.h"

#include "dln-figure-dynamics.h"
#include "dln-train.h"

#include <math.h>
#include <string.h>

/* The course run's cache (the trainer, the initial weights, scratch) and
 * the lock that keeps one job at a time on it: a job superseded by a
 * newer one may still be finishing when that one starts. */
typedef struct
{
  GMutex          lock;
  DlnCourseCache *course;
} DeepCache;

#define DEEP_CACHE_KEY "dln-deep-run-cache"

/* A snapshot keeps every epoch's RSMs, E × D × P² values with the
 * predicted one; the user's data can have thousands of items, so past
 * this many values (256 MB) the run is refused in words instead of
 * aborting in g_new (): at 250 epochs, depth 2 takes up to 259 items. */
#define DEEP_MAX_RSM_VALUES ((size_t) 32 << 20)

struct _DlnDeepData
{
  DlnDataset *dataset;
};

typedef struct
{
  DlnCourseParams  params;
  DlnDeepData     *data;     /* a reference */
  DeepCache       *cache;    /* owned by the DlnRun, which outlives the job */
} Job;

/* dln_deep_data_new:
 * @dataset: (transfer full) never changed from now on
 * Returns: (transfer full) @dataset shared, read only, by a page and its
 * runs' jobs: a job takes a reference (dln_deep_run_start_shared ())
 * where a copy would cost every retrain a copy of the whole table. */
DlnDeepData *
dln_deep_data_new (DlnDataset *dataset)
{
  DlnDeepData *data = g_atomic_rc_box_new0 (DlnDeepData);

  data->dataset = dataset;
  return data;
}

DlnDeepData *
dln_deep_data_ref (DlnDeepData *data)
{
  return g_atomic_rc_box_acquire (data);
}

static void
deep_data_clear (gpointer data)
{
  dln_dataset_free (((DlnDeepData *) data)->dataset);
}

void
dln_deep_data_unref (DlnDeepData *data)
{
  if (data != NULL)
    g_atomic_rc_box_release_full (data, deep_data_clear);
}

/* Returns: (transfer none) the shared dataset. */
const DlnDataset *
dln_deep_data_get_dataset (const DlnDeepData *data)
{
  return data->dataset;
}

static void
deep_cache_free (gpointer data)
{
  DeepCache *cache = data;

  dln_course_cache_free (cache->course);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  dln_deep_data_unref (job->data);
  g_free (job);
}

/* dln_deep_snapshot_free:
 * Frees a DlnDeepSnapshot and its arrays (DlnRun's snapshot_free). */
void
dln_deep_snapshot_free (gpointer data)
{
  DlnDeepSnapshot *snap = data;

  if (snap == NULL)
    return;
  g_free (snap->loss);
  g_free (snap->sv);
  g_free (snap->strength);
  g_free (snap->rsm);
  g_free (snap->track);
  g_free (snap->s_eff);
  g_free (snap->u0);
  g_free (snap->theory_discrete);
  g_free (snap->theory_closed);
  g_free (snap->loss_discrete);
  g_free (snap->loss_closed);
  g_free (snap->track_discrete);
  g_free (snap->mode_track);
  g_free (snap->rsm_predicted);
  g_free (snap->v);
  g_strfreev (snap->item_names);
  for (size_t l = 0; l < snap->n_layers; l++)
    g_free (snap->weights[l]);
  g_free (snap->weights);
  g_free (snap->rows);
  g_free (snap->cols);
  g_free (snap);
}

static double *
nan_array (size_t n)
{
  double *a = g_new (double, MAX (n, 1));

  for (size_t i = 0; i < n; i++)
    a[i] = NAN;
  return a;
}

static bool
job_cancelled (void *data)
{
  return g_cancellable_is_cancelled (data);
}

/* Copies @n rows of @k values from row @first of @src (@n_src rows) on;
 * rows past its end stay as they are (NaN). */
static void
copy_rows (double       *dst,
           const double *src,
           size_t        first,
           size_t        n,
           size_t        k,
           size_t        n_src)
{
  for (size_t e = 0; e < n; e++)
    if (first + e < n_src)
      memcpy (&dst[e * k], &src[(first + e) * k], k * sizeof (double));
}

/* The snapshot in the course's epoch convention (see the header). */
static void
fill_snapshot (DlnDeepSnapshot       *snap,
               const DlnCourseResult *r)
{
  const DlnTrainRecord *rec = r->record;
  const DlnCourseParams *p = &snap->params;
  size_t E = snap->n_epochs, K = snap->n_modes, P = snap->n_items;
  size_t rows = r->n_rows;

  if (rec->diverged_epoch >= 0)
    snap->diverged_epoch = rec->diverged_epoch;
  snap->n_valid = MIN (rec->n_states, E);
  snap->reduced = dln_trainer_get_path (r->trainer) == DLN_TRAIN_PATH_REDUCED;
  for (size_t e = 0; e < E; e++)
    {
      snap->loss[e] = dln_course_result_course_loss (r, e);
      if (e < rec->n_states)
        {
          if (snap->n_rsm > 0)
            memcpy (&snap->rsm[e * snap->n_rsm * P * P],
                    dln_train_record_rsm (rec, e, 1),
                    snap->n_rsm * P * P * sizeof (double));
          if (p->n_track > 0)
            snap->track[e] = rec->track[e * rec->n_track];
        }
      if (e + 1 < rec->n_states)
        {
          memcpy (&snap->sv[e * K], dln_train_record_sv (rec, e + 1),
                  K * sizeof (double));
          memcpy (&snap->strength[e * K],
                  dln_train_record_strength (rec, e + 1), K * sizeof (double));
        }
    }
  for (size_t k = 0; k < K; k++)
    {
      snap->s_eff[k] = r->modes->s_eff[k];
      for (size_t i = 0; i < P; i++)
        snap->v[i * K + k] = dln_tensor_get (r->modes->v, i, k);
    }
  memcpy (snap->u0, r->u0, K * sizeof (double));
  memcpy (snap->mode_track, r->mode_track, K * sizeof (double));
  snap->h = r->h;
  snap->tau = r->tau;
  if (!isnan (r->loss_floor))
    dln_figure_dynamics_theory_legend (snap->theory_legend,
                                       sizeof snap->theory_legend,
                                       (int) r->init->depth, r->rank_bound, K,
                                       r->loss_floor);
  /* strengths after the update: state e + 1; the rest: state e */
  copy_rows (snap->theory_discrete, r->theory_discrete, 1, E, K, rows);
  copy_rows (snap->theory_closed, r->theory_closed, 1, E, K, rows);
  copy_rows (snap->loss_discrete, r->loss_discrete, 0, E, 1, rows);
  copy_rows (snap->loss_closed, r->loss_closed, 0, E, 1, rows);
  copy_rows (snap->track_discrete, r->track_discrete, 0, E, 1, rows);
  copy_rows (snap->rsm_predicted, r->rsm_predicted, 0, E, P * P, rows);
  if (r->trained != NULL && r->status == DLN_STATUS_OK)
    {
      const DlnModel *m = r->trained;

      snap->n_layers = m->depth;
      snap->rows = g_new (size_t, m->depth);
      snap->cols = g_new (size_t, m->depth);
      snap->weights = g_new (double *, m->depth);
      for (size_t l = 0; l < m->depth; l++)
        {
          const DlnTensor *w = m->layers[l];

          snap->rows[l] = w->rows;
          snap->cols[l] = w->cols;
          snap->weights[l] = g_memdup2 (w->data, dln_tensor_size (w)
                                                 * sizeof (double));
        }
    }
}

static DlnStatus
deep_job (DlnRun       *run,
          gpointer      job_data,
          GCancellable *cancellable,
          DlnMessage   *msg)
{
  Job *job = job_data;
  const DlnCourseParams *p = &job->params;
  const DlnDataset *ds = job->data->dataset;
  DlnDeepSnapshot *snap = g_new0 (DlnDeepSnapshot, 1);
  size_t P = ds->n_items, n_in = ds->n_inputs, n_out = ds->n_features;
  size_t K = MIN (n_in, n_out), E = p->epochs;
  gint64 t0 = g_get_monotonic_time ();
  gint64 cpu0 = dln_thread_cpu_us ();
  DeepCache *cache = job->cache;
  DlnCourseParams params = *p;
  DlnCourseResult result;
  DlnStatus status;

  snap->params = *p;
  if (E * ((p->depth >= 2 ? (size_t) p->depth - 1 : 0) + 1) * P * P
      > DEEP_MAX_RSM_VALUES)
    {
      size_t max_items = (size_t) sqrt ((double) DEEP_MAX_RSM_VALUES
                                        / (double) (MAX (E, 1)
                                                    * (size_t) MAX (p->depth,
                                                                    1)));

      dln_message_set (msg, 0, _("%zu items are too many for the per-epoch "
                       "similarity matrices of %zu epochs at depth %zu: "
                       "at most %zu items"), P, E, (size_t) p->depth,
                       max_items);
      E = K = P = n_out = 0;
    }
  snap->n_epochs = E;
  snap->n_modes = K;
  snap->n_items = P;
  snap->n_out = n_out;
  snap->n_rsm = p->depth >= 2 && P > 0 ? (size_t) p->depth - 1 : 0;
  snap->diverged_epoch = -1;
  snap->loss = nan_array (E);
  snap->sv = nan_array (E * K);
  snap->strength = nan_array (E * K);
  snap->rsm = nan_array (E * snap->n_rsm * P * P);
  snap->track = nan_array (E);
  snap->s_eff = nan_array (K);
  snap->u0 = g_new0 (double, K);
  snap->theory_discrete = nan_array (E * K);
  snap->theory_closed = nan_array (E * K);
  snap->loss_discrete = nan_array (E);
  snap->loss_closed = nan_array (E);
  snap->track_discrete = nan_array (E);
  snap->mode_track = nan_array (K);
  snap->rsm_predicted = nan_array (E * P * P);
  snap->v = nan_array (P * K);
  snap->h = snap->tau = NAN;
  snap->item_names = g_new0 (char *, P + 1);
  for (size_t i = 0; i < P; i++)
    snap->item_names[i] = g_strdup (ds->item_names[i]);

  if (P == 0)
    {
      /* refused above: an empty snapshot that says why */
      status = DLN_STATUS_INVALID_INPUT;
      g_mutex_lock (&cache->lock);
      goto out;
    }
  params.cancelled = job_cancelled;
  params.cancel_data = cancellable;
  g_mutex_lock (&cache->lock);
  if (g_cancellable_is_cancelled (cancellable))
    {
      status = DLN_STATUS_OK;
      goto out;
    }
  if (cache->course == NULL)
    cache->course = dln_course_cache_new ();
  if (cache->course == NULL)
    {
      status = DLN_STATUS_NO_MEMORY;
      dln_message_set (msg, 0, "out of memory");
      goto out;
    }
  status = dln_course_run (&params, ds, cache->course, &result, msg);
  snap->train_ms = (double) (g_get_monotonic_time () - t0) / 1000.0;
  if (status == DLN_STATUS_OK && !g_cancellable_is_cancelled (cancellable))
    {
      fill_snapshot (snap, &result);
      if (result.status == DLN_STATUS_DIVERGED && msg != NULL)
        g_strlcpy (snap->message, msg->text, sizeof snap->message);
    }
  snap->total_ms = (double) (g_get_monotonic_time () - t0) / 1000.0;
  /* G_MESSAGES_DEBUG=dln-deep-run: the worker's share of a step, in
   * wall time and in this thread's CPU time (which load does not
   * inflate) */
  g_debug ("run of %zu × %zu, depth %zu: train %.1f ms, total %.1f ms, "
           "CPU %.1f ms", P, n_out, (size_t) p->depth, snap->train_ms,
           snap->total_ms, (dln_thread_cpu_us () - cpu0) / 1000.0);

out:
  snap->status = status;
  if (status != DLN_STATUS_OK && msg != NULL)
    g_strlcpy (snap->message, msg->text, sizeof snap->message);
  g_mutex_unlock (&cache->lock);
  if (!g_cancellable_is_cancelled (cancellable))
    dln_run_publish (run, snap);
  else
    dln_deep_snapshot_free (snap);
  return status;
}

/* The job of the standard run on @data (a reference is taken). */
static Job *
deep_job_new (DlnRun                *run,
              DlnDeepData           *data,
              const DlnCourseParams *params)
{
  Job *job = g_new0 (Job, 1);

  job->params = *params;
  job->params.theory = TRUE;  /* every page draws the theory beside it */
  job->cache = g_object_get_data (G_OBJECT (run), DEEP_CACHE_KEY);
  if (job->cache == NULL)
    {
      job->cache = g_new0 (DeepCache, 1);
      g_mutex_init (&job->cache->lock);
      g_object_set_data_full (G_OBJECT (run), DEEP_CACHE_KEY, job->cache,
                              deep_cache_free);
    }
  job->data = dln_deep_data_ref (data);
  return job;
}

/* dln_deep_run_start_shared:
 * Starts (restarting) the standard run on the worker thread, on @data's
 * dataset without a copy (the job takes a reference), and returns
 * without waiting for the first snapshot (dln_run_start_async): the
 * caller calls dln_run_wait_first (), after starting its other runs. */
void
dln_deep_run_start_shared (DlnRun                *run,
                           DlnDeepData           *data,
                           const DlnCourseParams *params)
{
  g_return_if_fail (params->start == NULL);
  dln_run_start_async (run, deep_job, deep_job_new (run, data, params),
                       job_free);
}

/* dln_deep_run_start:
 * @run:     the page's DlnRun (created with dln_deep_snapshot_free)
 * @dataset: copied; the job owns the copy
 * As dln_deep_run_start_shared () on a copy of @dataset, waiting for the
 * first snapshot; the page receives one DlnDeepSnapshot through
 * DlnRun::snapshot. A failed copy (no memory) starts nothing and warns:
 * it is a bug at these sizes. */
void
dln_deep_run_start (DlnRun                *run,
                    const DlnDataset      *dataset,
                    const DlnCourseParams *params)
{
  DlnDataset *copy = NULL;
  DlnDeepData *data;

  if (dln_dataset_copy (dataset, &copy, NULL) != DLN_STATUS_OK)
    {
      g_critical ("cannot copy the dataset for a run");
      return;
    }
  data = dln_deep_data_new (copy);
  dln_deep_run_start_shared (run, data, params);
  dln_deep_data_unref (data);
  dln_run_wait_first (run);
}

/* dln_deep_snapshot_weights:
 * Returns: (transfer floating) (nullable) the trained layers as a
 * session's "aaad" (W_1 first, each n_out × n_in), or NULL when the
 * snapshot kept none. */
GVariant *
dln_deep_snapshot_weights (const DlnDeepSnapshot *snap)
{
  return dln_deep_snapshots_weights (&snap, 1);
}

/* dln_deep_snapshots_weights:
 * @snaps: @n snapshots, each nullable
 * Returns: (transfer floating) (nullable) the layers of every snapshot
 * in turn, as dln_deep_snapshot_weights (), or NULL when one of them
 * kept none. */
GVariant *
dln_deep_snapshots_weights (const DlnDeepSnapshot *const *snaps,
                            size_t                        n)
{
  GVariantBuilder layers;

  for (size_t s = 0; s < n; s++)
    if (snaps[s] == NULL || snaps[s]->n_layers == 0)
      return NULL;
  g_variant_builder_init (&layers, G_VARIANT_TYPE ("aaad"));
  for (size_t s = 0; s < n; s++)
    for (size_t l = 0; l < snaps[s]->n_layers; l++)
      {
        const DlnDeepSnapshot *snap = snaps[s];
        GVariantBuilder rows;

        g_variant_builder_init (&rows, G_VARIANT_TYPE ("aad"));
        for (size_t r = 0; r < snap->rows[l]; r++)
          g_variant_builder_add_value (&rows,
            g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                       &snap->weights[l][r * snap->cols[l]],
                                       snap->cols[l], sizeof (double)));
        g_variant_builder_add_value (&layers, g_variant_builder_end (&rows));
      }
  return g_variant_builder_end (&layers);
}

/* dln_deep_snapshot_sv_max:
 * Returns: the course's normaliser, the largest singular value over all
 * epochs and modes (finite ones), or 1 when there is none. */
double
dln_deep_snapshot_sv_max (const DlnDeepSnapshot *snap)
{
  double m = 0.0;

  for (size_t i = 0; i < snap->n_epochs * snap->n_modes; i++)
    if (isfinite (snap->sv[i]) && snap->sv[i] > m)
      m = snap->sv[i];
  return m > 0.0 ? m : 1.0;
}

/* dln_deep_snapshot_rsm:
 * Returns: (transfer none) the [P, P] RSM of hidden layer @layer (1 …
 * D − 1) at course epoch @epoch. */
const double *
dln_deep_snapshot_rsm (const DlnDeepSnapshot *snap,
                       size_t                 epoch,
                       size_t                 layer)
{
  g_return_val_if_fail (epoch < snap->n_epochs, NULL);
  g_return_val_if_fail (layer >= 1 && layer <= snap->n_rsm, NULL);

  return &snap->rsm[(epoch * snap->n_rsm + layer - 1) * snap->n_items
                    * snap->n_items];
}

/* The largest finite entry of @n values, or 1 when none is positive. */
static double
max_entry (const double *v,
           size_t        n)
{
  return dln_figure_rsm_scale (v, n);
}

/* dln_deep_snapshot_rsm_scale:
 * @layer: hidden layer 1 … D − 1
 * @epoch: a course epoch (< n_epochs), or −1 for every valid epoch
 * Returns: what the RSA page divides the layer's RSM by: the largest entry
 * at @epoch, or over all valid epochs and entries (the course,
 * docs/demos.md#d16); 1 when no entry is positive. */
double
dln_deep_snapshot_rsm_scale (const DlnDeepSnapshot *snap,
                             size_t                 layer,
                             long                   epoch)
{
  size_t P2 = snap->n_items * snap->n_items;
  double m = 0.0;

  g_return_val_if_fail (layer >= 1 && layer <= snap->n_rsm, 1.0);
  g_return_val_if_fail (epoch < (long) snap->n_epochs, 1.0);

  if (epoch >= 0)
    return max_entry (dln_deep_snapshot_rsm (snap, (size_t) epoch, layer), P2);
  for (size_t t = 0; t < snap->n_valid; t++)
    m = fmax (m, max_entry (dln_deep_snapshot_rsm (snap, t, layer), P2));
  return m;
}

/* dln_deep_snapshot_rsm_predicted_scale:
 * @epoch: a course epoch (< n_epochs), or −1 for every valid epoch
 * Returns: the same normaliser for the predicted RSM (rsm_predicted). */
double
dln_deep_snapshot_rsm_predicted_scale (const DlnDeepSnapshot *snap,
                                       long                   epoch)
{
  size_t P2 = snap->n_items * snap->n_items;

  g_return_val_if_fail (epoch < (long) snap->n_epochs, 1.0);

  if (epoch >= 0)
    return max_entry (&snap->rsm_predicted[(size_t) epoch * P2], P2);
  return max_entry (snap->rsm_predicted, snap->n_valid * P2);
}
