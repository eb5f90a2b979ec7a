/* The course's deep narrow linear chain (docs/demos.md#narrow-nets, D08–D12).
 * Letters: w [n] the weights, p = ∏ w, (x, y) [m] the samples, E = y − p x. */

#include "dln-chain.h"

#include "dln-core-private.h"
#include "dln-dataset.h"
#include "dln-rng.h"

#include <math.h>
#include <stdlib.h>

/* The course's guard against dividing by a zero weight
 * (docs/demos.md#narrow-nets). */
#define COURSE_GRAD_GUARD 1e-9

size_t
dln_chain_weight_count (size_t        depth,
                        DlnChainCount count)
{
  switch (count)
    {
    case DLN_CHAIN_COUNT_DEPTH_PLUS_ONE:
      return depth + 1;
    case DLN_CHAIN_COUNT_DEPTH:
      return depth;
    }
  DLN_ASSERT (!"unknown DlnChainCount");
  return 0;
}

void
dln_chain_params_init (DlnChainParams *params,
                       size_t          n_weights)
{
  DLN_ASSERT (params != NULL);
  *params = (DlnChainParams) { .n_weights = n_weights,
                               .init_weight = DLN_CHAIN_DEFAULT_INIT,
                               .lr = DLN_CHAIN_DEFAULT_LR,
                               .epochs = DLN_CHAIN_DEFAULT_EPOCHS,
                               .grad = DLN_CHAIN_GRAD_COURSE };
}

DlnStatus
dln_chain_train (const DlnChainParams *params,
                 const double         *x,
                 const double         *y,
                 size_t                m,
                 double               *loss,
                 double               *weights,
                 size_t               *n_done,
                 DlnMessage           *msg)
{
  /* Fixed-size arrays: n is bounded by DLN_CHAIN_MAX_WEIGHTS (no VLA). */
  double w[DLN_CHAIN_MAX_WEIGHTS], g[DLN_CHAIN_MAX_WEIGHTS];
  double suffix[DLN_CHAIN_MAX_WEIGHTS + 1];
  size_t n, e;
  DlnStatus status = DLN_STATUS_OK;

  DLN_ASSERT (params != NULL && loss != NULL);
  for (e = 0; e < params->epochs; e++)
    loss[e] = NAN;
  if (n_done != NULL)
    *n_done = 0;
  n = params->n_weights;
  if (n < 1 || n > DLN_CHAIN_MAX_WEIGHTS)
    {
      dln_message_set (msg, 0, _("the chain needs 1 to %d weights, not %zu"),
                       DLN_CHAIN_MAX_WEIGHTS, n);
      return DLN_STATUS_INVALID_INPUT;
    }
  if (m == 0)
    {
      dln_message_set (msg, 0, _("the chain needs at least one sample"));
      return DLN_STATUS_INVALID_INPUT;
    }
  if (!isfinite (params->lr) || !isfinite (params->init_weight))
    {
      dln_message_set (msg, 0, _("learning rate and initial weight must be "
                       "finite"));
      return DLN_STATUS_INVALID_INPUT;
    }
  DLN_ASSERT (x != NULL && y != NULL);
  for (size_t i = 0; i < n; i++)
    w[i] = params->init_weight;

  for (e = 0; e < params->epochs; e++)
    {
      double p = 1.0, sxe = 0.0, sse = 0.0, l, mxe;
      int finite = 1;

      for (size_t i = 0; i < n; i++)
        p *= w[i];
      for (size_t j = 0; j < m; j++)
        {
          double err = y[j] - p * x[j];

          sxe += x[j] * err;
          sse += err * err;
        }
      l = sse / (2.0 * (double) m);  /* mean ((y − yhat)² / 2) */
      mxe = sxe / (double) m;
      switch (params->grad)
        {
        case DLN_CHAIN_GRAD_COURSE:
          /* g_i = −mean (x E) p / (w_i + 1e−9), as the course */
          for (size_t i = 0; i < n; i++)
            g[i] = -mxe * p / (w[i] + COURSE_GRAD_GUARD);
          break;
        case DLN_CHAIN_GRAD_EXACT:
          {
            /* g_i = −mean (x E) ∏_{j<i} w_j ∏_{j>i} w_j */
            double prefix = 1.0;

            suffix[n] = 1.0;
            for (size_t i = n; i-- > 0;)
              suffix[i] = suffix[i + 1] * w[i];
            for (size_t i = 0; i < n; i++)
              {
                g[i] = -mxe * prefix * suffix[i + 1];
                prefix *= w[i];
              }
          }
          break;
        }
      if (!isfinite (l))
        finite = 0;
      for (size_t i = 0; i < n && finite; i++)
        if (!isfinite (g[i]))
          finite = 0;
      if (!finite)
        {
          dln_message_set (msg, 0, _("diverged at epoch %zu: non-finite "
                           "gradient or loss"), e);
          status = DLN_STATUS_DIVERGED;
          break;
        }
      for (size_t i = 0; i < n; i++)
        w[i] -= params->lr * g[i];
      loss[e] = l;
      if (params->progress != NULL)
        params->progress (e + 1, params->epochs, params->progress_data);
    }
  if (n_done != NULL)
    *n_done = e;
  if (weights != NULL)
    for (size_t i = 0; i < n; i++)
      weights[i] = w[i];
  return status;
}

void
dln_chain_gen_samples (uint64_t  seed,
                       size_t    m,
                       double    a,
                       double    sigma,
                       double   *x,
                       double   *y)
{
  DlnRng rng;

  dln_rng_init (&rng, seed);
  dln_gen_samples (&rng, m, a, sigma, x, y);
}

long
dln_chain_learning_time (const double *loss,
                         size_t        n,
                         double        threshold)
{
  long first = -1;

  DLN_ASSERT (loss != NULL || n == 0);
  /* Walk back from the end while the loss stays below the threshold. */
  for (size_t e = n; e-- > 0;)
    {
      if (!(loss[e] < threshold))  /* NaN is not below */
        break;
      first = (long) e;
    }
  return first;
}

double
dln_chain_depth_lr (size_t depth)
{
  return depth == 0 ? 0.02 : DLN_CHAIN_DEFAULT_LR;
}

double
dln_chain_init_demo_weight (size_t run)
{
  return round (70.0 + 5.0 * (double) run) / 100.0;
}

size_t
dln_chain_game_depth (size_t stage)
{
  return DLN_CHAIN_GAME_DEPTH * (stage + 1);
}

void
dln_chain_course_init (DlnChainCourse *course)
{
  DlnChainParams p;

  DLN_ASSERT (course != NULL);
  /* the training defaults are the chain's (dln_chain_params_init) */
  dln_chain_params_init (&p, 0);
  *course = (DlnChainCourse) { .depth = 1,
                               .count = DLN_CHAIN_COUNT_DEPTH_PLUS_ONE,
                               .init_weight = p.init_weight, .lr = p.lr,
                               .epochs = p.epochs, .grad = p.grad,
                               .seed = DLN_CHAIN_DEFAULT_SEED,
                               .samples = DLN_CHAIN_DEFAULT_SAMPLES };
}

DlnStatus
dln_chain_course_run (const DlnChainCourse *course,
                      double               *loss,
                      double               *weights,
                      size_t               *n_done,
                      DlnMessage           *msg)
{
  DlnChainParams params;
  DlnStatus status;
  double *x, *y;

  DLN_ASSERT (course != NULL && loss != NULL);
  params.n_weights = dln_chain_weight_count (course->depth, course->count);
  params.init_weight = course->init_weight;
  params.lr = course->lr;
  params.epochs = course->epochs;
  params.grad = course->grad;
  params.progress = course->progress;
  params.progress_data = course->progress_data;
  if (course->samples == 0 || course->samples > SIZE_MAX / 2 / sizeof *x)
    {
      dln_message_set (msg, 0, _("the chain needs 1 or more samples"));
      return DLN_STATUS_INVALID_INPUT;
    }
  x = malloc (course->samples * sizeof *x);
  y = malloc (course->samples * sizeof *y);
  if (x == NULL || y == NULL)
    {
      free (x);
      free (y);
      dln_message_set (msg, 0, _("out of memory for %zu samples"),
                       course->samples);
      return DLN_STATUS_NO_MEMORY;
    }
  dln_chain_gen_samples (course->seed, course->samples, DLN_CHAIN_SLOPE,
                         DLN_CHAIN_NOISE, x, y);
  status = dln_chain_train (&params, x, y, course->samples, loss, weights,
                            n_done, msg);
  free (x);
  free (y);
  return status;
}
