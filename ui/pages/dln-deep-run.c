#define G_LOG_DOMAIN "dln-deep-run"

#include "config.h"

#include "dln-deep-run.h"

#include "dln-analysis.h"
#include "dln-figure-dynamics.h"
#include "dln-model.h"
#include "dln-rng.h"
#include "dln-theory.h"
#include "dln-train.h"

#include <math.h>
#include <string.h>

/* What one run leaves for the next on the same DlnRun, so a slider move
 * retrains without redoing what did not change: the trainer (the data's
 * QR and SVD; dln_trainer_reset () reuses its memory), the initial
 * weights (300,000 normals for the course's net) and the scratch arena
 * (no fresh pages to fault in). Only jobs touch it, under @lock: a job
 * superseded by a newer one may still be finishing when that one starts. */
typedef struct
{
  GMutex         lock;
  DlnDataset    *dataset;      /* the trainer's data (owned copy) */
  DlnTrainer    *trainer;
  size_t         capacity;     /* the trainer's max_epochs */
  int            depth, hidden;
  DlnArena      *init_arena;   /* holds @init only */
  DlnModel      *init;         /* weights drawn for the fields below */
  guint64        init_seed;
  double         init_scale;
  gboolean       init_uniform;
  DlnArena      *scratch;      /* reset by every job */
} DeepCache;

#define DEEP_CACHE_KEY "dln-deep-run-cache"

typedef struct
{
  DlnDeepParams  params;
  DlnDataset    *dataset;  /* owned copy */
  DeepCache     *cache;    /* owned by the DlnRun, which outlives the job */
} Job;

static void
deep_cache_free (gpointer data)
{
  DeepCache *cache = data;

  dln_trainer_free (cache->trainer);
  dln_dataset_free (cache->dataset);
  dln_arena_free (cache->init_arena);
  dln_arena_free (cache->scratch);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

static gboolean
same_data (const DlnDataset *a,
           const DlnDataset *b)
{
  return a != NULL && b != NULL
         && dln_tensor_same_shape (a->x, b->x)
         && dln_tensor_same_shape (a->y, b->y)
         && memcmp (a->x->data, b->x->data,
                    dln_tensor_size (a->x) * sizeof (double)) == 0
         && memcmp (a->y->data, b->y->data,
                    dln_tensor_size (a->y) * sizeof (double)) == 0;
}

static void
job_free (gpointer data)
{
  Job *job = data;

  dln_dataset_free (job->dataset);
  g_free (job);
}

/* dln_deep_params_init:
 * The course's standard run (docs/demos.md#d14): η = 100, γ = 1e-12,
 * one hidden layer of 30 (D = 2), 250 epochs, weights from seed 2021,
 * nothing tracked, no weights kept, RSM prediction for hidden layer 1. */
void
dln_deep_params_init (DlnDeepParams *params)
{
  memset (params, 0, sizeof *params);
  params->lr = 100.0;
  params->init_scale = 1e-12;
  params->depth = 2;
  params->hidden = 30;
  params->epochs = 250;
  params->init_seed = DLN_DATASET_DEFAULT_SEED;
  params->rsm_layer = 1;
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

/* The theory beside the simulation: needs whitened inputs (s_eff finite). */
static DlnStatus
compute_theory (DlnDeepSnapshot     *snap,
                const DlnDataset    *ds,
                const DlnModel      *init,
                const DlnTrainModes *tm,
                DlnArena            *arena,
                GCancellable        *cancellable,
                DlnMessage          *msg)
{
  const DlnDeepParams *p = &snap->params;
  size_t K = snap->n_modes, E = snap->n_epochs, P = snap->n_items;
  int D = p->depth;
  DlnModes modes;
  DlnStatus status;
  double kappa;
  g_autofree double *u = NULL;   /* [E + 1] one mode's discrete curve */
  g_autofree double *t = NULL;   /* [E + 1] times 0 … E */
  g_autofree double *uc = NULL;  /* [E + 1] one mode's closed curve */
  g_autofree double *ad = NULL;  /* [(E + 1) K] discrete, by state */
  g_autofree double *ac = NULL;  /* [(E + 1) K] closed, by state */
  g_autofree double *x_row = NULL;

  /* The trainer has already decomposed the data (the same Σ_yx = U S Vᵀ);
   * reuse it rather than a second SVD of [n_out, n_in] (~5 ms for the
   * course's data). The analysis functions below read n_*, rank, s, u,
   * v, s_eff, c and tr_sigma_y, never sigma_yx. */
  if (!tm->whitened || !(tm->c > 0.0))
    return DLN_STATUS_OK;  /* not whitened: no theory, NaN curves stay */
  memset (&modes, 0, sizeof modes);
  modes.n_samples = P;
  modes.n_in = ds->n_inputs;
  modes.n_out = ds->n_features;
  modes.rank = K;
  modes.u = tm->u;
  modes.v = tm->v;
  modes.c = tm->c;
  modes.s = dln_tensor_new_from (arena, K, 1, tm->s);
  modes.s_eff = dln_tensor_new_from (arena, K, 1, tm->s_eff);
  if (modes.s == NULL || modes.s_eff == NULL)
    return DLN_STATUS_NO_MEMORY;
  modes.tr_sigma_y = 0.0;
  for (size_t i = 0; i < dln_tensor_size (ds->y); i++)
    modes.tr_sigma_y += ds->y->data[i] * ds->y->data[i];
  modes.tr_sigma_y /= (double) P;
  kappa = dln_theory_kappa (DLN_REDUCTION_MEAN, 0, P, snap->n_out);
  snap->h = dln_theory_step_h (p->lr, kappa, P, modes.c);
  snap->tau = 1.0 / snap->h;
  for (size_t k = 0; k < K; k++)
    {
      snap->s_eff[k] = dln_tensor_get (modes.s_eff, k, 0);
      for (size_t i = 0; i < P; i++)
        snap->v[i * K + k] = dln_tensor_get (modes.v, i, k);
    }

  /* Starting strengths at any depth
   * (docs/theory.md#starting-strengths-at-any-depth): exactly 0 beyond
   * the rank bound, where the curves stay 0 and the predicted loss keeps
   * the energy of those modes. */
  status = dln_analysis_path_u0 (&modes, init, arena, snap->u0, msg);
  if (status != DLN_STATUS_OK)
    return status;
  {
    size_t bound = dln_analysis_rank_bound (init);
    g_autofree double *learned = g_new0 (double, K);

    for (size_t k = 0; k < K && k < bound; k++)
      learned[k] = MAX (snap->s_eff[k], 0.0);
    dln_figure_dynamics_theory_legend (snap->theory_legend,
                                       sizeof snap->theory_legend, D, bound,
                                       K, dln_analysis_predicted_loss (&modes,
                                                                       learned,
                                                                       kappa));
  }

  u = g_new (double, E + 1);
  uc = g_new (double, E + 1);
  t = g_new (double, E + 1);
  ad = g_new (double, (E + 1) * K);
  ac = g_new (double, (E + 1) * K);
  for (size_t e = 0; e <= E; e++)
    t[e] = (double) e;
  for (size_t k = 0; k < K; k++)
    {
      double s = snap->s_eff[k];

      if (snap->u0[k] == 0.0 && D >= 2)
        {
          for (size_t e = 0; e <= E; e++)
            ad[e * K + k] = ac[e * K + k] = 0.0;  /* never learned */
          continue;
        }
      if (!(s > 0.0) || snap->u0[k] >= s || (D >= 2 && snap->u0[k] < 0.0))
        {
          for (size_t e = 0; e <= E; e++)
            ad[e * K + k] = ac[e * K + k] = NAN;
          continue;
        }
      dln_theory_discrete_curve (D, s, snap->u0[k], snap->h, E, u);
      if (D == 1)
        for (size_t e = 0; e <= E; e++)
          uc[e] = dln_theory_shallow (s, snap->u0[k], t[e], snap->tau);
      else if (D == 2)
        for (size_t e = 0; e <= E; e++)
          uc[e] = dln_theory_sigmoid (s, snap->u0[k], t[e], snap->tau);
      else if (dln_theory_depth_curve (D, s, snap->u0[k], snap->tau, t, E + 1,
                                       uc, NULL) != DLN_STATUS_OK)
        for (size_t e = 0; e <= E; e++)
          uc[e] = NAN;
      for (size_t e = 0; e <= E; e++)
        {
          ad[e * K + k] = u[e];
          ac[e * K + k] = uc[e];
        }
    }
  if (g_cancellable_is_cancelled (cancellable))
    return DLN_STATUS_OK;

  x_row = g_new0 (double, ds->n_inputs);
  if (p->n_track == 1)
    {
      for (size_t j = 0; j < ds->n_inputs; j++)
        x_row[j] = dln_tensor_get (ds->x, p->track_item, j);
      for (size_t k = 0; k < K; k++)
        {
          double vx = 0.0;

          for (size_t j = 0; j < ds->n_inputs; j++)
            vx += dln_tensor_get (modes.v, j, k) * x_row[j];
          snap->mode_track[k] = dln_tensor_get (modes.u, p->track_feature, k)
                                * vx;
        }
    }

  for (size_t e = 0; e < E; e++)
    {
      /* course epoch e: loss, track, RSM of state e; strengths after */
      const double *a_before_d = &ad[e * K];
      const double *a_before_c = &ac[e * K];

      memcpy (&snap->theory_discrete[e * K], &ad[(e + 1) * K],
              K * sizeof (double));
      memcpy (&snap->theory_closed[e * K], &ac[(e + 1) * K],
              K * sizeof (double));
      snap->loss_discrete[e] = dln_analysis_predicted_loss (&modes, a_before_d,
                                                            kappa);
      snap->loss_closed[e] = dln_analysis_predicted_loss (&modes, a_before_c,
                                                          kappa);
      if (p->n_track == 1)
        snap->track_discrete[e] =
          dln_analysis_predict_output (&modes, x_row, p->track_feature,
                                       a_before_d, K);
      if (D >= 2)
        {
          size_t mark = dln_arena_mark (arena);
          DlnTensor *k_pred = NULL;

          int layer = CLAMP (p->rsm_layer, 1, D - 1);

          if (dln_analysis_rsm_predict (&modes, ds->x, a_before_d, D, layer,
                                        arena, &k_pred, NULL) == DLN_STATUS_OK)
            memcpy (&snap->rsm_predicted[e * P * P], k_pred->data,
                    P * P * sizeof (double));
          dln_arena_rewind (arena, mark);
        }
    }
  return DLN_STATUS_OK;
}

static DlnStatus
deep_job (DlnRun       *run,
          gpointer      job_data,
          GCancellable *cancellable,
          DlnMessage   *msg)
{
  Job *job = job_data;
  const DlnDeepParams *p = &job->params;
  const DlnDataset *ds = job->dataset;
  DlnDeepSnapshot *snap = g_new0 (DlnDeepSnapshot, 1);
  size_t P = ds->n_items, n_in = ds->n_inputs, n_out = ds->n_features;
  size_t K = MIN (n_in, n_out), E = p->epochs, n_weights, budget;
  gint64 t0 = g_get_monotonic_time ();
  DeepCache *cache = job->cache;
  DlnArena *arena = NULL;
  DlnModel *model, *trained = NULL;
  DlnTrainer *trainer = NULL;
  DlnTrainParams tp;
  const DlnTrainRecord *rec;
  DlnRng rng;
  DlnStatus status;

  snap->params = *p;
  snap->n_epochs = E;
  snap->n_modes = K;
  snap->n_items = P;
  snap->n_out = n_out;
  snap->n_rsm = p->depth >= 2 ? (size_t) p->depth - 1 : 0;
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

  g_mutex_lock (&cache->lock);
  if (g_cancellable_is_cancelled (cancellable))
    {
      status = DLN_STATUS_OK;
      goto out;
    }

  /* The scratch arena: the trained copy plus the analysis' workspaces. */
  n_weights = n_in * (size_t) p->hidden + (size_t) p->hidden * n_out
              + (size_t) MAX (p->depth - 2, 0) * p->hidden * p->hidden;
  budget = 8 * (2 * n_weights + 8 * n_out * n_in + 4 * P * P * E)
           + (32u << 20);
  if (cache->scratch != NULL && dln_arena_budget (cache->scratch) < budget)
    g_clear_pointer (&cache->scratch, dln_arena_free);
  if (cache->scratch == NULL)
    cache->scratch = dln_arena_new (budget);
  arena = cache->scratch;
  if (arena == NULL)
    {
      status = DLN_STATUS_NO_MEMORY;
      dln_message_set (msg, 0, "cannot allocate %zu MB for the run",
                       budget >> 20);
      goto out;
    }
  dln_arena_reset (arena);

  /* Initial weights: drawn again only when their recipe changed. */
  if (cache->init == NULL || cache->depth != p->depth
      || cache->hidden != p->hidden || cache->init->dims[0] != n_in
      || cache->init->dims[cache->init->depth] != n_out
      || cache->init_seed != p->init_seed
      || cache->init_scale != p->init_scale
      || cache->init_uniform != p->init_uniform)
    {
      /* The trainer stays: dln_trainer_reset () copies the new weights and
       * refuses (so a new trainer is built) only when the shapes differ. */
      g_clear_pointer (&cache->init_arena, dln_arena_free);
      cache->init = NULL;
      cache->init_arena = dln_arena_new (8 * n_weights + (1u << 16));
      if (cache->init_arena != NULL)
        cache->init = dln_model_new (cache->init_arena, (size_t) p->depth,
                                     n_in, (size_t) p->hidden, n_out);
      if (cache->init == NULL)
        {
          status = DLN_STATUS_NO_MEMORY;
          dln_message_set (msg, 0, "the network does not fit in memory");
          goto out;
        }
      model = cache->init;
      dln_rng_init (&rng, p->init_seed);
      if (p->init_uniform)
        for (size_t l = 0; l < model->depth; l++)
          {
            DlnTensor *w = model->layers[l];
            double bound = 1.0 / sqrt ((double) w->cols);

            /* torch.nn.Linear's default: U(−1/√fan_in, 1/√fan_in), drawn
             * row-major from our seeded stream */
            for (size_t i = 0; i < dln_tensor_size (w); i++)
              w->data[i] = bound * (2.0 * dln_rng_uniform (&rng) - 1.0);
          }
      else
        dln_model_init_normal (model, p->init_scale, &rng);
      cache->depth = p->depth;
      cache->hidden = p->hidden;
      cache->init_seed = p->init_seed;
      cache->init_scale = p->init_scale;
      cache->init_uniform = p->init_uniform;
    }
  model = cache->init;

  dln_train_params_init (&tp);
  tp.lr = p->lr;
  tp.n_track = p->n_track;
  tp.track_item[0] = p->track_item;
  tp.track_feature[0] = p->track_feature;
  /* Same data and capacity: restart the trainer in place (it keeps the
   * data's modes); otherwise build a new one. */
  status = DLN_STATUS_INVALID_INPUT;
  if (cache->trainer != NULL && cache->capacity >= E
      && same_data (cache->dataset, ds))
    status = dln_trainer_reset (cache->trainer, model, &tp, msg);
  if (status != DLN_STATUS_OK)
    {
      g_clear_pointer (&cache->trainer, dln_trainer_free);
      g_clear_pointer (&cache->dataset, dln_dataset_free);
      status = dln_trainer_new (model, ds->x, ds->y, &tp, E, &cache->trainer,
                                msg);
      if (status != DLN_STATUS_OK)
        goto out;
      cache->capacity = E;
      cache->dataset = g_steal_pointer (&job->dataset);
      ds = cache->dataset;
    }
  trainer = cache->trainer;
  snap->reduced = dln_trainer_get_path (trainer) == DLN_TRAIN_PATH_REDUCED;
  status = dln_trainer_run (trainer, E);
  rec = dln_trainer_get_record (trainer);
  snap->train_ms = (double) (g_get_monotonic_time () - t0) / 1000.0;
  if (status == DLN_STATUS_DIVERGED)
    {
      snap->diverged_epoch = rec->diverged_epoch;
      g_strlcpy (snap->message, dln_trainer_get_message (trainer)->text,
                 sizeof snap->message);
    }
  else if (status != DLN_STATUS_OK)
    {
      dln_message_set (msg, 0, "%s", dln_trainer_get_message (trainer)->text);
      goto out;
    }

  snap->n_valid = MIN (rec->n_states, E);
  for (size_t e = 0; e < E; e++)
    {
      if (e < rec->n_states
          || (snap->diverged_epoch >= 0 && e == (size_t) snap->diverged_epoch))
        snap->loss[e] = rec->loss[e];
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
  if (p->keep_weights && status == DLN_STATUS_OK
      && dln_trainer_get_model (trainer, arena, &trained, NULL)
         == DLN_STATUS_OK)
    {
      snap->n_layers = trained->depth;
      snap->rows = g_new (size_t, trained->depth);
      snap->cols = g_new (size_t, trained->depth);
      snap->weights = g_new (double *, trained->depth);
      for (size_t l = 0; l < trained->depth; l++)
        {
          const DlnTensor *w = trained->layers[l];

          snap->rows[l] = w->rows;
          snap->cols[l] = w->cols;
          snap->weights[l] = g_memdup2 (w->data, dln_tensor_size (w)
                                                 * sizeof (double));
        }
    }
  if (g_cancellable_is_cancelled (cancellable))
    goto out;

  {
    DlnStatus theory = compute_theory (snap, ds, model,
                                       dln_trainer_get_modes (trainer), arena,
                                       cancellable, NULL);

    if (theory != DLN_STATUS_OK)
      g_strlcpy (snap->message, "the theory curves could not be computed",
                 sizeof snap->message);
  }
  if (status == DLN_STATUS_DIVERGED)
    status = DLN_STATUS_OK;   /* shown in the snapshot, not an error */
  snap->total_ms = (double) (g_get_monotonic_time () - t0) / 1000.0;

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

/* dln_deep_run_start:
 * @run:     the page's DlnRun (created with dln_deep_snapshot_free)
 * @dataset: copied; the job owns the copy
 * Starts (restarting) the standard run on the worker thread; the page
 * receives one DlnDeepSnapshot through DlnRun::snapshot. A failed copy
 * (no memory) starts nothing and warns: it is a bug at these sizes. */
void
dln_deep_run_start (DlnRun              *run,
                    const DlnDataset    *dataset,
                    const DlnDeepParams *params)
{
  Job *job = g_new0 (Job, 1);

  job->params = *params;
  job->cache = g_object_get_data (G_OBJECT (run), DEEP_CACHE_KEY);
  if (job->cache == NULL)
    {
      job->cache = g_new0 (DeepCache, 1);
      g_mutex_init (&job->cache->lock);
      g_object_set_data_full (G_OBJECT (run), DEEP_CACHE_KEY, job->cache,
                              deep_cache_free);
    }
  if (dln_dataset_copy (dataset, &job->dataset, NULL) != DLN_STATUS_OK)
    {
      g_free (job);
      g_critical ("cannot copy the dataset for a run");
      return;
    }
  dln_run_start (run, deep_job, job, job_free);
}

/* dln_deep_snapshot_weights:
 * Returns: (transfer floating) (nullable) the trained layers as a
 * session's "aaad" (W_1 first, each n_out × n_in), or NULL when the
 * snapshot kept none. */
GVariant *
dln_deep_snapshot_weights (const DlnDeepSnapshot *snap)
{
  GVariantBuilder layers;

  if (snap == NULL || snap->n_layers == 0)
    return NULL;
  g_variant_builder_init (&layers, G_VARIANT_TYPE ("aaad"));
  for (size_t l = 0; l < snap->n_layers; l++)
    {
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
  double m = 0.0;

  for (size_t i = 0; i < n; i++)
    if (isfinite (v[i]) && v[i] > m)
      m = v[i];
  return m > 0.0 ? m : 1.0;
}

/* dln_deep_snapshot_rsm_scale:
 * @layer: hidden layer 1 … D − 1
 * @epoch: a course epoch (< n_epochs), or −1 for every valid epoch
 * Returns: what the RSA page divides the layer's RSM by: the largest entry
 * at @epoch, or over all valid epochs and entries (the course,
 * curriculum.md D16); 1 when no entry is positive. */
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
