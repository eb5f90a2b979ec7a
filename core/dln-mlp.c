/* The D04 wide tanh network: hand-written full-batch forward and backward
 * (gradchecked in tests/core/test-mlp.c) trained by dln-optim. */

#include "config.h"

#include "dln-mlp.h"

#include "dln-core-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

size_t
dln_mlp_n_params (const DlnMlp *mlp)
{
  DLN_ASSERT (mlp != NULL);
  return 3 * mlp->hidden + 1;
}

size_t
dln_mlp_bytes (size_t hidden)
{
  size_t np = 3 * hidden + 1;

  DLN_ASSERT (hidden >= 1 && hidden < ((size_t) 1 << 40));
  /* params, grad, h, and at most 3 optimizer slots; 64-byte blocks */
  return (5 * np + hidden) * sizeof (double) + 6 * 64;
}

DlnStatus
dln_mlp_copy (DlnMlp       *dst,
              const DlnMlp *src,
              DlnArena     *arena)
{
  DLN_ASSERT (dst != NULL && src != NULL && dst->hidden == src->hidden);
  memcpy (dst->params, src->params, dln_mlp_n_params (src) * sizeof (double));
  dst->epoch = src->epoch;
  return dln_optim_copy (&dst->optim, &src->optim, arena);
}

DlnStatus
dln_mlp_init (DlnMlp     *mlp,
              size_t      hidden,
              DlnArena   *arena,
              DlnMessage *msg)
{
  DlnOptimParams p;
  size_t np;

  DLN_ASSERT (mlp != NULL && arena != NULL);
  DLN_ASSERT (hidden >= 1 && hidden < ((size_t) 1 << 40));

  memset (mlp, 0, sizeof *mlp);
  mlp->hidden = hidden;
  np = 3 * hidden + 1;
  mlp->params = dln_arena_alloc (arena, np * sizeof (double));
  mlp->grad = dln_arena_alloc (arena, np * sizeof (double));
  mlp->h = dln_arena_alloc (arena, hidden * sizeof (double));
  if (mlp->params == NULL || mlp->grad == NULL || mlp->h == NULL)
    {
      dln_message_set (msg, 0, "arena full: a %zu-unit network needs %zu "
                       "bytes", hidden, (2 * np + hidden) * sizeof (double));
      return DLN_STATUS_NO_MEMORY;
    }
  /* docs/demos.md#recording: SGD, lr 0.003, momentum 0.9 (torch semantics) */
  dln_optim_params_init (&p, DLN_OPTIM_MOMENTUM);
  p.lr = 0.003;
  p.momentum = 0.9;
  dln_optim_init (&mlp->optim, &p, arena);
  return DLN_STATUS_OK;
}

void
dln_mlp_reset (DlnMlp *mlp,
               DlnRng *rng)
{
  size_t H;
  double bound1, bound2, *w1, *b1, *w2, *b2;

  DLN_ASSERT (mlp != NULL && rng != NULL && mlp->params != NULL);
  H = mlp->hidden;
  /* torch.nn.Linear.reset_parameters: kaiming_uniform_(a = √5) gives
   * bound = √(1/3)·√(3/fan_in) = 1/√fan_in for the weight, and the bias
   * uses 1/√fan_in too; fan_in is 1 for layer 1 and H for layer 2 */
  bound1 = 1.0;
  bound2 = 1.0 / sqrt ((double) H);
  w1 = DLN_MLP_W1 (mlp);
  b1 = DLN_MLP_B1 (mlp);
  w2 = DLN_MLP_W2 (mlp);
  b2 = DLN_MLP_B2 (mlp);

  for (size_t j = 0; j < H; j++)
    w1[j] = bound1 * (2.0 * dln_rng_uniform (rng) - 1.0);
  for (size_t j = 0; j < H; j++)
    b1[j] = bound1 * (2.0 * dln_rng_uniform (rng) - 1.0);
  for (size_t j = 0; j < H; j++)
    w2[j] = bound2 * (2.0 * dln_rng_uniform (rng) - 1.0);
  b2[0] = bound2 * (2.0 * dln_rng_uniform (rng) - 1.0);
  memset (mlp->grad, 0, dln_mlp_n_params (mlp) * sizeof (double));
  dln_optim_reset (&mlp->optim);
  mlp->epoch = 0;
}

void
dln_mlp_predict (const DlnMlp *mlp,
                 const double *x,
                 size_t        n,
                 double       *yhat)
{
  const size_t H = mlp->hidden;
  const double *w1 = DLN_MLP_W1 (mlp), *b1 = DLN_MLP_B1 (mlp),
               *w2 = DLN_MLP_W2 (mlp), *b2 = DLN_MLP_B2 (mlp);

  DLN_ASSERT (x != NULL && yhat != NULL);
  for (size_t i = 0; i < n; i++)
    {
      double xi = x[i], out = 0.0;

      /* ŷ = Σ_j W2_j tanh(W1_j x + b1_j) + b2 */
      for (size_t j = 0; j < H; j++)
        out += w2[j] * tanh (w1[j] * xi + b1[j]);
      yhat[i] = out + b2[0];
    }
}

double
dln_mlp_loss_grad (DlnMlp       *mlp,
                   const double *x,
                   const double *y,
                   size_t        n)
{
  const size_t H = mlp->hidden;
  const double *w1 = DLN_MLP_W1 (mlp), *b1 = DLN_MLP_B1 (mlp),
               *w2 = DLN_MLP_W2 (mlp), *b2 = DLN_MLP_B2 (mlp);
  double *dw1 = mlp->grad, *db1 = mlp->grad + H, *dw2 = mlp->grad + 2 * H,
         *db2 = mlp->grad + 3 * H;
  double *h = mlp->h, loss = 0.0;

  DLN_ASSERT (x != NULL && y != NULL && n >= 1);

  memset (mlp->grad, 0, dln_mlp_n_params (mlp) * sizeof (double));
  for (size_t i = 0; i < n; i++)
    {
      double out = 0.0, e, d;

      /* forward: h = tanh(W1 x + b1), ŷ = W2·h + b2 */
      for (size_t j = 0; j < H; j++)
        {
          h[j] = tanh (w1[j] * x[i] + b1[j]);
          out += w2[j] * h[j];
        }
      e = out + b2[0] - y[i];
      loss += e * e;
      /* backward of L = (1/n) Σ e²: d = dL/dŷ = 2e/n;
       * dW2 += d h, db2 += d; dz = d W2 (1 − h²); dW1 += dz x, db1 += dz */
      d = 2.0 * e / (double) n;
      db2[0] += d;
      for (size_t j = 0; j < H; j++)
        {
          double dz = d * w2[j] * (1.0 - h[j] * h[j]);

          dw2[j] += d * h[j];
          dw1[j] += dz * x[i];
          db1[j] += dz;
        }
    }
  return loss / (double) n;
}

DlnStatus
dln_mlp_step (DlnMlp       *mlp,
              const double *x,
              const double *y,
              size_t        n,
              double       *loss,
              DlnMessage   *msg)
{
  double l;
  DlnStatus st;

  DLN_ASSERT (mlp != NULL);
  l = dln_mlp_loss_grad (mlp, x, y, n);
  if (loss != NULL)
    *loss = l;
  if (!isfinite (l))
    {
      dln_message_set (msg, 0, "the loss is %g at epoch %ld", l,
                       mlp->epoch + 1);
      return DLN_STATUS_DIVERGED;
    }
  st = dln_optim_step (&mlp->optim, mlp->params, mlp->grad,
                       dln_mlp_n_params (mlp), msg);
  if (st == DLN_STATUS_OK || st == DLN_STATUS_DIVERGED)
    mlp->epoch++;
  return st;
}

size_t
dln_mlp_summary (const DlnMlp *mlp,
                 char         *buf,
                 size_t        size)
{
  int len;

  DLN_ASSERT (mlp != NULL);
  len = snprintf (buf, size,
                  "Linear(1, %zu) + bias\ntanh\nLinear(%zu, 1) + bias\n"
                  "%zu parameters", mlp->hidden, mlp->hidden,
                  dln_mlp_n_params (mlp));
  return len < 0 ? 0 : (size_t) len;
}
