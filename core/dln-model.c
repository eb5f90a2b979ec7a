/* Deep linear networks: weights, initialisation, forward and backward pass.
 *
 * Notation (dln-model.h): W_l [dims[l], dims[l-1]], l = 1 .. D; X [P, n_in];
 * H_0 = X, H_l = H_{l-1} W_lᵀ [P, dims[l]]; Yhat = H_D. */

#include "dln-model.h"

#include "dln-core-private.h"
#include "dln-linalg.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* The struct with its dims array (for the caller to fill) and its layers
 * array, allocated in the order dln_model_bytes () counts them. */
static DlnModel *
model_shell (DlnArena *arena,
             size_t    depth)
{
  DlnModel *m = dln_arena_alloc (arena, sizeof *m);

  if (m == NULL)
    return NULL;
  m->depth = depth;
  m->dims = dln_arena_alloc (arena, (depth + 1) * sizeof *m->dims);
  m->layers = dln_arena_alloc (arena, depth * sizeof *m->layers);
  return m->dims != NULL && m->layers != NULL ? m : NULL;
}

/* A model holding copies of @layers, whose shapes chain. */
static DlnModel *
model_copy_layers (DlnArena               *arena,
                   size_t                  depth,
                   const DlnTensor *const *layers)
{
  DlnModel *m = model_shell (arena, depth);

  if (m == NULL)
    return NULL;
  m->dims[0] = layers[0]->cols;
  for (size_t l = 0; l < depth; l++)
    {
      m->dims[l + 1] = layers[l]->rows;
      m->layers[l] = dln_tensor_copy (arena, layers[l]);
      if (m->layers[l] == NULL)
        return NULL;
    }
  return m;
}

DlnModel *
dln_model_new (DlnArena *arena,
               size_t    depth,
               size_t    n_in,
               size_t    hidden,
               size_t    n_out)
{
  DlnModel *m;

  DLN_ASSERT (arena != NULL && depth >= 1);
  DLN_ASSERT (n_in > 0 && n_out > 0 && (depth == 1 || hidden > 0));
  m = model_shell (arena, depth);
  if (m == NULL)
    return NULL;
  m->dims[0] = n_in;
  for (size_t l = 1; l < depth; l++)
    m->dims[l] = hidden;
  m->dims[depth] = n_out;
  for (size_t l = 0; l < depth; l++)
    {
      m->layers[l] = dln_tensor_new (arena, m->dims[l + 1], m->dims[l]);
      if (m->layers[l] == NULL)
        return NULL;
    }
  return m;
}

/* One arena block: rounded up to the arena's 64-byte alignment. */
static size_t
block_bytes (size_t n)
{
  return (n + 63) / 64 * 64;
}

size_t
dln_model_bytes (size_t depth,
                 size_t n_in,
                 size_t hidden,
                 size_t n_out)
{
  size_t total, prev = n_in;

  DLN_ASSERT (depth >= 1);
  total = block_bytes (sizeof (DlnModel))
          + block_bytes ((depth + 1) * sizeof (size_t))
          + block_bytes (depth * sizeof (DlnTensor *));
  for (size_t l = 0; l < depth; l++)
    {
      size_t rows = l + 1 == depth ? n_out : hidden;

      if (prev != 0 && rows > SIZE_MAX / sizeof (double) / prev / 2)
        return SIZE_MAX;
      total += block_bytes (sizeof (DlnTensor))
               + block_bytes (rows * prev * sizeof (double));
      if (total > SIZE_MAX / 2)
        return SIZE_MAX;
      prev = rows;
    }
  return total;
}

DlnStatus
dln_model_new_from_layers (DlnArena               *arena,
                           size_t                  n_layers,
                           const DlnTensor *const *layers,
                           DlnModel              **out,
                           DlnMessage             *msg)
{
  DlnModel *m;

  DLN_ASSERT (arena != NULL && out != NULL);
  if (n_layers == 0)
    {
      dln_message_set (msg, 0, _("a network needs at least one weight matrix"));
      return DLN_STATUS_INVALID_INPUT;
    }
  DLN_ASSERT (layers != NULL);
  for (size_t l = 0; l < n_layers; l++)
    {
      const DlnTensor *w = layers[l];

      DLN_ASSERT (w != NULL);
      if (w->rows == 0 || w->cols == 0)
        {
          dln_message_set (msg, 0, _("layer %zu is empty (%zux%zu)"), l + 1,
                           w->rows, w->cols);
          return DLN_STATUS_INVALID_INPUT;
        }
      if (l > 0 && w->cols != layers[l - 1]->rows)
        {
          dln_message_set (msg, 0,
                           _("layer %zu is %zux%zu but layer %zu has %zu "
                           "outputs: shapes must chain (n_out x n_in)"),
                           l + 1, w->rows, w->cols, l, layers[l - 1]->rows);
          return DLN_STATUS_INVALID_INPUT;
        }
      for (size_t i = 0; i < dln_tensor_size (w); i++)
        if (!isfinite (w->data[i]))
          {
            dln_message_set (msg, 0, _("layer %zu, row %zu, column %zu is not "
                             "finite"), l + 1, i / w->cols + 1,
                             i % w->cols + 1);
            return DLN_STATUS_INVALID_INPUT;
          }
    }
  m = model_copy_layers (arena, n_layers, layers);
  if (m == NULL)
    {
      dln_message_set (msg, 0, _("no memory for a %zu-layer network"),
                       n_layers);
      return DLN_STATUS_NO_MEMORY;
    }
  *out = m;
  return DLN_STATUS_OK;
}

DlnModel *
dln_model_copy (DlnArena       *arena,
                const DlnModel *model)
{
  DLN_ASSERT (arena != NULL && model != NULL);
  return model_copy_layers (arena, model->depth,
                            (const DlnTensor *const *) model->layers);
}

void
dln_model_init_normal (DlnModel *model,
                       double    init_scale,
                       DlnRng   *rng)
{
  DLN_ASSERT (model != NULL && rng != NULL && init_scale >= 0);
  for (size_t l = 0; l < model->depth; l++)
    {
      DlnTensor *w = model->layers[l];
      /* docs/demos.md#initialisation: σ = γ / sqrt (n_in + n_out) */
      double sd = init_scale / sqrt ((double) (w->rows + w->cols));
      size_t n = dln_tensor_size (w);

      for (size_t i = 0; i < n; i++)
        w->data[i] = dln_rng_normal (rng, 0.0, sd);
    }
}

void
dln_model_init_torch_default (DlnModel *model,
                              DlnRng   *rng)
{
  DLN_ASSERT (model != NULL && rng != NULL);
  for (size_t l = 0; l < model->depth; l++)
    {
      DlnTensor *w = model->layers[l];
      /* bound 1 / sqrt (fan_in): torch.nn.init.kaiming_uniform_ (a = √5) */
      double b = 1.0 / sqrt ((double) w->cols);
      size_t n = dln_tensor_size (w);

      for (size_t i = 0; i < n; i++)
        w->data[i] = 2.0 * b * dln_rng_uniform (rng) - b;
    }
}

/* Orthonormal [n, k] columns: Q of a Gaussian matrix, or the first k axes. */
static DlnStatus
random_frame (DlnArena    *arena,
              size_t       n,
              size_t       k,
              DlnRng      *rng,
              DlnTensor  **out,
              DlnMessage  *msg)
{
  DlnTensor *g, *r;

  g = dln_tensor_new (arena, n, k);
  if (g == NULL)
    return DLN_STATUS_NO_MEMORY;
  if (rng == NULL)
    {
      for (size_t i = 0; i < k; i++)
        dln_tensor_set (g, i, i, 1.0);
      *out = g;
      return DLN_STATUS_OK;
    }
  for (size_t i = 0; i < n * k; i++)
    g->data[i] = dln_rng_normal (rng, 0.0, 1.0);
  return dln_linalg_qr (g, arena, out, &r, msg);
}

/* W = L diag (a0) Rᵀ with L [rows, K], R [cols, K]. */
static void
set_scaled_outer (DlnTensor       *w,
                  const DlnTensor *left,
                  const double    *a0,
                  const DlnTensor *right)
{
  size_t k = left->cols;

  for (size_t i = 0; i < w->rows; i++)
    for (size_t j = 0; j < w->cols; j++)
      {
        double acc = 0.0;

        for (size_t m = 0; m < k; m++)
          acc += left->data[i * k + m] * a0[m] * right->data[j * k + m];
        w->data[i * w->cols + j] = acc;
      }
}

DlnStatus
dln_model_init_aligned (DlnModel        *model,
                        const DlnTensor *u,
                        const DlnTensor *v,
                        const double    *a0,
                        DlnRng          *rng,
                        DlnArena        *scratch,
                        DlnMessage      *msg)
{
  size_t depth, k, mark;
  const DlnTensor *prev;
  DlnStatus status = DLN_STATUS_OK;

  DLN_ASSERT (model != NULL && u != NULL && v != NULL && a0 != NULL);
  DLN_ASSERT (scratch != NULL);
  depth = model->depth;
  k = u->cols;
  DLN_ASSERT (v->cols == k && u->rows == model->dims[depth]
              && v->rows == model->dims[0]);
  for (size_t l = 0; l <= depth; l++)
    DLN_ASSERT (k <= model->dims[l]);

  mark = dln_arena_mark (scratch);
  prev = v;  /* the right frame of the current layer */
  for (size_t l = 0; l < depth; l++)
    {
      const DlnTensor *left;
      DlnTensor *frame = NULL;

      if (l + 1 == depth)
        left = u;
      else
        {
          status = random_frame (scratch, model->dims[l + 1], k, rng, &frame,
                                 msg);
          if (status != DLN_STATUS_OK)
            goto out;
          left = frame;
        }
      set_scaled_outer (model->layers[l], left, a0, prev);
      prev = left;
    }
out:
  dln_arena_rewind (scratch, mark);
  if (status == DLN_STATUS_NO_MEMORY)
    dln_message_set (msg, 0, _("aligned initialisation: scratch arena full"));
  return status;
}

DlnStatus
dln_model_product (const DlnModel *model,
                   DlnTensor      *wtot,
                   DlnArena       *scratch)
{
  size_t mark;
  DlnTensor *acc;

  DLN_ASSERT (model != NULL && wtot != NULL && scratch != NULL);
  DLN_ASSERT (wtot->rows == model->dims[model->depth]
              && wtot->cols == model->dims[0]);
  if (model->depth == 1)
    {
      memcpy (wtot->data, model->layers[0]->data,
              dln_tensor_size (wtot) * sizeof (double));
      return DLN_STATUS_OK;
    }
  mark = dln_arena_mark (scratch);
  acc = model->layers[0];
  for (size_t l = 1; l < model->depth; l++)
    {
      DlnTensor *next = l + 1 == model->depth
        ? wtot
        : dln_tensor_new (scratch, model->dims[l + 1], model->dims[0]);

      if (next == NULL)
        {
          dln_arena_rewind (scratch, mark);
          return DLN_STATUS_NO_MEMORY;
        }
      dln_linalg_gemm (next, model->layers[l], 0, acc, 0, 1.0, 0.0);
      acc = next;
    }
  dln_arena_rewind (scratch, mark);
  return DLN_STATUS_OK;
}

DlnStatus
dln_model_loss_grad (const DlnModel  *model,
                     const DlnTensor *x,
                     const DlnTensor *y,
                     DlnTensor      **grads,
                     DlnArena        *scratch,
                     double          *loss)
{
  size_t depth, p, n_out, mark;
  const DlnTensor **h;
  DlnTensor *e, *dh;
  double sse = 0.0;
  DlnStatus status = DLN_STATUS_NO_MEMORY;

  DLN_ASSERT (model != NULL && x != NULL && y != NULL && scratch != NULL);
  DLN_ASSERT (loss != NULL);
  depth = model->depth;
  p = x->rows;
  n_out = model->dims[depth];
  DLN_ASSERT (x->cols == model->dims[0] && y->rows == p && y->cols == n_out);
  DLN_ASSERT (p > 0);

  mark = dln_arena_mark (scratch);
  h = dln_arena_alloc (scratch, (depth + 1) * sizeof *h);
  if (h == NULL)
    goto out;
  h[0] = x;
  for (size_t l = 1; l <= depth; l++)
    {
      DlnTensor *hl = dln_tensor_new (scratch, p, model->dims[l]);

      if (hl == NULL)
        goto out;
      /* H_l = H_{l-1} W_lᵀ */
      dln_linalg_gemm (hl, h[l - 1], 0, model->layers[l - 1], 1, 1.0, 0.0);
      h[l] = hl;
    }
  /* E = Yhat − Y (in place: H_D is ours) */
  e = (DlnTensor *) h[depth];
  for (size_t i = 0; i < p * n_out; i++)
    {
      e->data[i] -= y->data[i];
      sse += e->data[i] * e->data[i];
    }
  *loss = sse / ((double) p * (double) n_out);

  if (grads != NULL)
    {
      /* dL/dYhat = 2 E / (P n_out); dW_l = dH_lᵀ H_{l-1};
       * dH_{l-1} = dH_l W_l */
      double scale = 2.0 / ((double) p * (double) n_out);

      dh = e;
      for (size_t i = 0; i < p * n_out; i++)
        dh->data[i] *= scale;
      for (size_t l = depth; l >= 1; l--)
        {
          DLN_ASSERT (grads[l - 1] != NULL);
          DLN_ASSERT (dln_tensor_same_shape (grads[l - 1],
                                             model->layers[l - 1]));
          dln_linalg_gemm (grads[l - 1], dh, 1, h[l - 1], 0, 1.0, 0.0);
          if (l > 1)
            {
              DlnTensor *next = dln_tensor_new (scratch, p,
                                                model->dims[l - 1]);

              if (next == NULL)
                goto out;
              dln_linalg_gemm (next, dh, 0, model->layers[l - 1], 0, 1.0,
                               0.0);
              dh = next;
            }
        }
    }
  status = DLN_STATUS_OK;
out:
  dln_arena_rewind (scratch, mark);
  return status;
}
