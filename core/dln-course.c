/* The Tutorial 3 course run (dln-course.h): dataset -> model -> trainer ->
 * per-state record -> theory curves, once for every view.
 *
 * Letters: P items, K = min (n_in, n_out) modes, E epochs (updates),
 * D weight matrices, H hidden width; rows of the result are states
 * 0 … E. */

#include "dln-course.h"

#include "dln-analysis.h"
#include "dln-core-private.h"
#include "dln-rng.h"
#include "dln-theory.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Scratch beyond the sized tensors (the analysis' small workspaces). */
#define SCRATCH_SLACK ((size_t) 32 << 20)  /* bytes */

struct DlnCourseCache
{
  DlnDataset    *dataset;      /* copy of the trainer's data */
  DlnTrainer    *trainer;
  size_t         capacity;     /* the trainer's max_epochs */
  DlnArena      *init_arena;   /* holds @init only */
  DlnModel      *init;         /* weights drawn for the recipe below */
  bool           init_drawn;   /* @init came from the recipe (not start) */
  DlnCourseParams recipe;      /* the run @init was drawn for: its depth,
                                * hidden and init fields are read */
  DlnArena      *scratch;      /* reset by every run */
  size_t         n_rows, n_modes, n_items;  /* sizes of the arrays */
  double        *arrays;       /* one block for every result array */
};

void
dln_course_params_init (DlnCourseParams *params)
{
  DLN_ASSERT (params != NULL);
  /* every other field 0, NULL or false */
  *params = (DlnCourseParams) {
    .lr = DLN_COURSE_LR, .init_scale = DLN_COURSE_INIT_SCALE,
    .init = DLN_COURSE_INIT_NORMAL, .depth = DLN_COURSE_DEPTH,
    .hidden = DLN_COURSE_HIDDEN, .epochs = DLN_COURSE_EPOCHS,
    .init_seed = DLN_COURSE_SEED, .path = DLN_TRAIN_PATH_AUTO,
    .rsm_layer = 1 };
}

void
dln_course_params_zero_depth (DlnCourseParams *params)
{
  DLN_ASSERT (params != NULL);
  params->depth = 1;
  params->init = DLN_COURSE_INIT_TORCH_DEFAULT;
  params->lr = DLN_COURSE_ZERO_DEPTH_LR;
}

void
dln_course_params_track_dataset (DlnCourseParams  *params,
                                 const DlnDataset *ds)
{
  DLN_ASSERT (params != NULL && ds != NULL);
  if (ds->tracked_item >= 0 && ds->tracked_feature >= 0)
    {
      params->n_track = 1;
      params->track_item = (size_t) ds->tracked_item;
      params->track_feature = (size_t) ds->tracked_feature;
    }
}

DlnCourseCache *
dln_course_cache_new (void)
{
  return calloc (1, sizeof (DlnCourseCache));
}

void
dln_course_cache_free (DlnCourseCache *cache)
{
  if (cache == NULL)
    return;
  dln_trainer_free (cache->trainer);
  dln_dataset_free (cache->dataset);
  dln_arena_free (cache->init_arena);
  dln_arena_free (cache->scratch);
  free (cache->arrays);
  free (cache);
}

static bool
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

static bool
cancelled (const DlnCourseParams *p)
{
  return p->cancelled != NULL && p->cancelled (p->cancel_data);
}

/* The result's arrays, one block in the cache, all NaN. */
static DlnStatus
result_arrays (DlnCourseCache  *cache,
               size_t           rows,
               size_t           K,
               size_t           P,
               DlnCourseResult *r,
               DlnMessage      *msg)
{
  size_t sizes[8] = { K, rows * K, rows * K, rows, rows, rows, K,
                      rows * P * P };
  double **slots[8] = { &r->u0, &r->theory_discrete, &r->theory_closed,
                        &r->loss_discrete, &r->loss_closed,
                        &r->track_discrete, &r->mode_track,
                        &r->rsm_predicted };
  size_t total = 0;
  double *at;

  for (int i = 0; i < 8; i++)
    {
      if (sizes[i] > SIZE_MAX / sizeof (double) / 16 - total)
        {
          dln_message_set (msg, 0, "the run is too large to record");
          return DLN_STATUS_NO_MEMORY;
        }
      total += sizes[i];
    }
  if (cache->arrays == NULL || cache->n_rows != rows || cache->n_modes != K
      || cache->n_items != P)
    {
      free (cache->arrays);
      cache->arrays = malloc ((total > 0 ? total : 1) * sizeof (double));
      cache->n_rows = rows;
      cache->n_modes = K;
      cache->n_items = P;
      if (cache->arrays == NULL)
        {
          dln_message_set (msg, 0, "out of memory for %zu epochs", rows);
          return DLN_STATUS_NO_MEMORY;
        }
    }
  for (size_t i = 0; i < total; i++)
    cache->arrays[i] = NAN;
  at = cache->arrays;
  for (int i = 0; i < 8; i++)
    {
      *slots[i] = at;
      at += sizes[i];
    }
  return DLN_STATUS_OK;
}

/* Initial weights: drawn again only when their recipe changed. */
static DlnStatus
course_init (const DlnCourseParams *p,
             const DlnDataset      *ds,
             DlnCourseCache        *cache,
             DlnMessage            *msg)
{
  size_t n_in = ds->n_inputs, n_out = ds->n_features, bytes;
  DlnRng rng;

  if (p->start != NULL)
    {
      const DlnModel *s = p->start;

      if (s->dims[0] != n_in || s->dims[s->depth] != n_out)
        {
          dln_message_set (msg, 0, "the network maps %zu inputs to %zu "
                           "outputs; the data have %zu inputs and %zu "
                           "features", s->dims[0], s->dims[s->depth], n_in,
                           n_out);
          return DLN_STATUS_INVALID_INPUT;
        }
      bytes = 0;
      for (size_t l = 0; l < s->depth; l++)
        bytes += dln_model_bytes (1, s->dims[l], 1, s->dims[l + 1]);
    }
  else
    {
      if (cache->init != NULL && cache->init_drawn
          && cache->recipe.depth == p->depth
          && cache->recipe.hidden == p->hidden
          && cache->init->dims[0] == n_in
          && cache->init->dims[cache->init->depth] == n_out
          && cache->recipe.init_seed == p->init_seed
          && cache->recipe.init == p->init
          && (p->init != DLN_COURSE_INIT_NORMAL
              || cache->recipe.init_scale == p->init_scale))
        return DLN_STATUS_OK;
      bytes = dln_model_bytes (p->depth, n_in, p->hidden, n_out);
    }

  dln_arena_free (cache->init_arena);
  cache->init = NULL;
  cache->init_arena = bytes < SIZE_MAX / 2 ? dln_arena_new (2 * bytes) : NULL;
  if (cache->init_arena != NULL)
    cache->init = p->start != NULL
                    ? dln_model_copy (cache->init_arena, p->start)
                    : dln_model_new (cache->init_arena, p->depth, n_in,
                                     p->hidden, n_out);
  if (cache->init == NULL)
    {
      dln_message_set (msg, 0, "the network does not fit in memory");
      return DLN_STATUS_NO_MEMORY;
    }
  cache->init_drawn = p->start == NULL;
  if (p->start != NULL)
    return DLN_STATUS_OK;
  /* The weights draw from their own generator, so one seed fixes them. */
  dln_rng_init (&rng, p->init_seed);
  if (p->init == DLN_COURSE_INIT_TORCH_DEFAULT)
    dln_model_init_torch_default (cache->init, &rng);
  else
    dln_model_init_normal (cache->init, p->init_scale, &rng);
  cache->recipe = *p;
  cache->recipe.start = NULL;   /* the caller's, gone after the run */
  return DLN_STATUS_OK;
}

/* The theory beside the simulation; needs whitened inputs. */
static DlnStatus
course_theory (const DlnCourseParams *p,
               const DlnDataset      *ds,
               DlnArena              *arena,
               DlnCourseResult       *r,
               DlnMessage            *msg)
{
  const DlnTrainModes *tm = r->modes;
  size_t K = r->n_modes, P = r->n_items, rows = r->n_rows, E = rows - 1;
  size_t n_in = ds->n_inputs, n_out = ds->n_features;
  int D = (int) r->init->depth;
  double kappa, *u, *t, *a;
  DlnModes modes;
  DlnStatus status = DLN_STATUS_OK;

  /* The trainer has already decomposed the data (its basis is the one the
   * strengths are measured in); the analysis functions below read n_*,
   * rank, s, u, v, s_eff, c and tr_sigma_y, never sigma_yx. */
  if (!tm->whitened || !(tm->c > 0.0) || !(tm->h > 0.0))
    return DLN_STATUS_OK;
  memset (&modes, 0, sizeof modes);
  modes.n_samples = P;
  modes.n_in = n_in;
  modes.n_out = n_out;
  modes.rank = K;
  modes.u = tm->u;
  modes.v = tm->v;
  modes.c = tm->c;
  modes.s = dln_tensor_new_from (arena, K, 1, tm->s);
  modes.s_eff = dln_tensor_new_from (arena, K, 1, tm->s_eff);
  u = dln_arena_alloc (arena, rows * sizeof (double));
  t = dln_arena_alloc (arena, rows * sizeof (double));
  a = dln_arena_alloc (arena, K * sizeof (double));
  if (modes.s == NULL || modes.s_eff == NULL || u == NULL || t == NULL
      || a == NULL)
    {
      dln_message_set (msg, 0, "out of memory for the theory curves");
      return DLN_STATUS_NO_MEMORY;
    }
  for (size_t i = 0; i < dln_tensor_size (ds->y); i++)
    modes.tr_sigma_y += ds->y->data[i] * ds->y->data[i];
  modes.tr_sigma_y /= (double) P;
  kappa = dln_theory_kappa (DLN_REDUCTION_MEAN, 0, P, n_out);
  r->h = tm->h;
  r->tau = 1.0 / tm->h;

  /* Starting strengths at any depth
   * (docs/theory.md#starting-strengths-at-any-depth): exactly 0 beyond
   * the rank bound, where the curves stay 0 and the predicted loss keeps
   * the energy of those modes as its floor. */
  status = dln_analysis_path_u0 (&modes, r->init, arena, r->u0, msg);
  if (status != DLN_STATUS_OK)
    return status;
  r->rank_bound = dln_analysis_rank_bound (r->init);
  for (size_t k = 0; k < K; k++)
    a[k] = k < r->rank_bound && tm->s_eff[k] > 0.0 ? tm->s_eff[k] : 0.0;
  r->loss_floor = dln_analysis_predicted_loss (&modes, a, kappa);

  for (size_t e = 0; e < rows; e++)
    t[e] = (double) e;
  for (size_t k = 0; k < K; k++)
    {
      double s = tm->s_eff[k], u0 = r->u0[k];

      if (u0 == 0.0 && D >= 2)
        {
          for (size_t e = 0; e < rows; e++)
            r->theory_discrete[e * K + k] = r->theory_closed[e * K + k] = 0.0;
          continue;  /* never learned */
        }
      if (!(s > 0.0) || !isfinite (u0) || u0 >= s || (D >= 2 && u0 < 0.0))
        continue;    /* NaN: the theory does not apply */
      dln_theory_discrete_curve (D, s, u0, r->h, E, u);
      for (size_t e = 0; e < rows; e++)
        r->theory_discrete[e * K + k] = u[e];
      if (D == 1)
        for (size_t e = 0; e < rows; e++)
          u[e] = dln_theory_shallow (s, u0, t[e], r->tau);
      else if (D == 2)
        for (size_t e = 0; e < rows; e++)
          u[e] = dln_theory_sigmoid (s, u0, t[e], r->tau);
      else if (dln_theory_depth_curve (D, s, u0, r->tau, t, rows, u, NULL)
               != DLN_STATUS_OK)
        for (size_t e = 0; e < rows; e++)
          u[e] = NAN;
      for (size_t e = 0; e < rows; e++)
        r->theory_closed[e * K + k] = u[e];
    }
  if (cancelled (p))
    return DLN_STATUS_OK;

  if (p->n_track == 1)
    for (size_t k = 0; k < K; k++)
      {
        double vx = 0.0;

        for (size_t j = 0; j < n_in; j++)
          vx += dln_tensor_get (modes.v, j, k)
                * dln_tensor_get (ds->x, p->track_item, j);
        r->mode_track[k] = dln_tensor_get (modes.u, p->track_feature, k) * vx;
      }

  for (size_t e = 0; e < rows; e++)
    {
      const double *ad = &r->theory_discrete[e * K];
      const double *ac = &r->theory_closed[e * K];

      /* a mode theory cannot follow counts as not learned */
      for (size_t k = 0; k < K; k++)
        a[k] = isfinite (ac[k]) ? ac[k] : 0.0;
      r->loss_closed[e] = dln_analysis_predicted_loss (&modes, a, kappa);
      /* ... but a mode the discrete map followed and then overflowed
       * diverged: its Inf or NaN makes the loss (and the tracked
       * prediction) non-finite from there on, as the simulation's */
      for (size_t k = 0; k < K; k++)
        if (isfinite (ad[k]))
          a[k] = ad[k];
        else if (isnan (r->theory_discrete[k]))
          a[k] = 0.0;    /* never followed (its first row is NaN) */
        else
          a[k] = ad[k];  /* followed, then overflowed */
      r->loss_discrete[e] = dln_analysis_predicted_loss (&modes, a, kappa);
      if (p->n_track == 1)
        r->track_discrete[e] =
          dln_analysis_predict_output (&modes,
                                       &ds->x->data[p->track_item * n_in],
                                       p->track_feature, a, K);
      if (D >= 2)
        {
          size_t mark = dln_arena_mark (arena);
          size_t layer = p->rsm_layer < 1 ? 1
                         : p->rsm_layer > (size_t) D - 1 ? (size_t) D - 1
                         : p->rsm_layer;
          DlnTensor *k_pred = NULL;

          if (dln_analysis_rsm_predict (&modes, ds->x, a, D, (int) layer,
                                        arena, &k_pred, NULL)
              == DLN_STATUS_OK)
            memcpy (&r->rsm_predicted[e * P * P], k_pred->data,
                    P * P * sizeof (double));
          dln_arena_rewind (arena, mark);
        }
    }
  return DLN_STATUS_OK;
}

DlnStatus
dln_course_run (const DlnCourseParams *params,
                const DlnDataset      *ds,
                DlnCourseCache        *cache,
                DlnCourseResult       *result,
                DlnMessage            *msg)
{
  const DlnCourseParams *p = params;
  size_t P, n_in, n_out, K, E, depth, hidden, n_weights, budget;
  DlnTrainParams tp;
  DlnStatus status;

  DLN_ASSERT (params != NULL && ds != NULL && cache != NULL);
  DLN_ASSERT (result != NULL);
  memset (result, 0, sizeof *result);
  result->h = result->tau = result->loss_floor = NAN;
  P = ds->n_items;
  n_in = ds->n_inputs;
  n_out = ds->n_features;
  K = n_in < n_out ? n_in : n_out;
  E = p->epochs;
  depth = p->start != NULL ? p->start->depth : p->depth;
  hidden = p->start != NULL ? p->start->dims[depth > 1 ? 1 : 0] : p->hidden;
  if (depth < 1 || hidden < 1)
    {
      dln_message_set (msg, 0, "a network needs depth >= 1 and hidden "
                       "width >= 1 (got %zu and %zu)", depth, hidden);
      return DLN_STATUS_INVALID_INPUT;
    }
  if (p->n_track > 1 || (p->n_track == 1 && (p->track_item >= P
                                             || p->track_feature >= n_out)))
    {
      dln_message_set (msg, 0, "the tracked output (item %zu, feature %zu) "
                       "is not in the data (%zu items, %zu features)",
                       p->track_item, p->track_feature, P, n_out);
      return DLN_STATUS_INVALID_INPUT;
    }
  if (E >= SIZE_MAX / 2)
    {
      dln_message_set (msg, 0, "too many epochs (%zu)", E);
      return DLN_STATUS_INVALID_INPUT;
    }

  /* Scratch: the trained copy and the theory's workspaces (a few
   * [n_out, n_in] for u0, one RSM prediction at a time). */
  n_weights = dln_model_bytes (depth, n_in, hidden, n_out);
  if (n_weights >= SIZE_MAX / 4 || n_out * n_in >= SIZE_MAX / 128
      || P * P >= SIZE_MAX / 128)
    {
      dln_message_set (msg, 0, "the network is too large");
      return DLN_STATUS_NO_MEMORY;
    }
  budget = 2 * n_weights
           + sizeof (double) * (8 * n_out * n_in + 4 * P * P + 2 * E + 2)
           + SCRATCH_SLACK;
  if (cache->scratch != NULL && dln_arena_budget (cache->scratch) < budget)
    {
      dln_arena_free (cache->scratch);
      cache->scratch = NULL;
    }
  if (cache->scratch == NULL)
    cache->scratch = dln_arena_new (budget);
  if (cache->scratch == NULL)
    {
      dln_message_set (msg, 0, "cannot allocate %zu MB for the run",
                       budget >> 20);
      return DLN_STATUS_NO_MEMORY;
    }
  dln_arena_reset (cache->scratch);

  status = course_init (p, ds, cache, msg);
  if (status != DLN_STATUS_OK)
    return status;

  dln_train_params_init (&tp);
  tp.lr = p->lr;
  tp.path = p->path;
  tp.n_track = p->n_track;
  tp.track_item[0] = p->track_item;
  tp.track_feature[0] = p->track_feature;
  /* Same data and capacity: restart the trainer in place (it keeps the
   * data's modes); otherwise build a new one. */
  status = DLN_STATUS_INVALID_INPUT;
  if (cache->trainer != NULL && cache->capacity >= E
      && same_data (cache->dataset, ds))
    status = dln_trainer_reset (cache->trainer, cache->init, &tp, NULL);
  if (status != DLN_STATUS_OK)
    {
      /* new data: set up in the old trainer's memory when it fits */
      dln_dataset_free (cache->dataset);
      cache->dataset = NULL;
      status = dln_trainer_renew (&cache->trainer, cache->init, ds->x, ds->y,
                                  &tp, E, msg);
      if (status != DLN_STATUS_OK)
        return status;
      cache->capacity = E;
      status = dln_dataset_copy (ds, &cache->dataset, msg);
      if (status != DLN_STATUS_OK)
        return status;
    }
  result->trainer = cache->trainer;
  result->init = cache->init;
  result->modes = dln_trainer_get_modes (cache->trainer);
  result->n_modes = K;
  result->n_items = P;
  result->n_rows = E + 1;
  status = result_arrays (cache, E + 1, K, P, result, msg);
  if (status != DLN_STATUS_OK)
    return status;
  if (cancelled (p))
    return DLN_STATUS_OK;

  dln_trainer_set_progress (cache->trainer, p->progress, p->progress_data);
  result->status = dln_trainer_run (cache->trainer, E);
  dln_trainer_set_progress (cache->trainer, NULL, NULL);
  result->record = dln_trainer_get_record (cache->trainer);
  if (result->status != DLN_STATUS_OK
      && result->status != DLN_STATUS_DIVERGED)
    {
      dln_message_set (msg, 0, "%s",
                       dln_trainer_get_message (cache->trainer)->text);
      return result->status;
    }
  if (result->status == DLN_STATUS_DIVERGED)
    dln_message_set (msg, 0, "%s",
                     dln_trainer_get_message (cache->trainer)->text);
  if (p->keep_weights)
    {
      DlnModel *trained = NULL;

      status = dln_trainer_get_model (cache->trainer, cache->scratch,
                                      &trained, msg);
      if (status != DLN_STATUS_OK)
        return status;
      result->trained = trained;
    }
  if (!p->theory || cancelled (p))
    return DLN_STATUS_OK;
  return course_theory (p, ds, cache->scratch, result, msg);
}

double
dln_course_result_course_loss (const DlnCourseResult *result,
                               size_t                 epoch)
{
  const DlnTrainRecord *rec = result->record;

  if (rec == NULL)
    return NAN;
  if (epoch < rec->n_states
      || (rec->diverged_epoch >= 0 && (long) epoch == rec->diverged_epoch))
    return rec->loss[epoch];
  return NAN;
}
