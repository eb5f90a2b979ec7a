/* dln-model: gradients against central differences, the course's
 * initialisation statistics, the aligned-balanced initialisation against
 * its defining product, loading weights and their errors. */

#include "dln-core.h"
#include "dln-model.h"

#include <glib.h>
#include <math.h>
#include <string.h>

/* docs/architecture.md#tests: h = 6e-6 · max (1, |w|) (≈ ∛ε balances truncation
 * against rounding), pass at |a − n| / max (1, |a|, |n|) <= 1e-6. */
#define FD_STEP    6e-6
#define FD_RTOL    1e-6
/* Products of a few O(1) matrices reconstruct to ~1e-15; 1e-12 leaves a
 * margin of ~1000x. */
#define PRODUCT_TOL 1e-12

static DlnTensor *
random_matrix (DlnArena *arena,
               DlnRng   *rng,
               size_t    m,
               size_t    n,
               double    sd)
{
  DlnTensor *a = dln_tensor_new (arena, m, n);

  for (size_t i = 0; i < m * n; i++)
    a->data[i] = dln_rng_normal (rng, 0.0, sd);
  return a;
}

/* The loss written out independently: Yhat by naive loops layer by layer. */
static double
naive_loss (const DlnModel  *m,
            const DlnTensor *x,
            const DlnTensor *y)
{
  size_t p = x->rows, width = x->cols;
  double *cur = g_memdup2 (x->data, p * width * sizeof (double));
  double sse = 0.0;

  for (size_t l = 0; l < m->depth; l++)
    {
      const DlnTensor *w = m->layers[l];
      double *next = g_new0 (double, p * w->rows);

      for (size_t i = 0; i < p; i++)
        for (size_t o = 0; o < w->rows; o++)
          for (size_t k = 0; k < w->cols; k++)
            next[i * w->rows + o] += cur[i * width + k]
                                     * w->data[o * w->cols + k];
      g_free (cur);
      cur = next;
      width = w->rows;
    }
  for (size_t i = 0; i < p * width; i++)
    sse += (cur[i] - y->data[i]) * (cur[i] - y->data[i]);
  g_free (cur);
  return sse / (double) (p * width);
}

static void
test_gradcheck (void)
{
  for (size_t depth = 1; depth <= 4; depth++)
    {
      DlnArena *arena = dln_arena_new (1 << 22);
      DlnRng rng;
      DlnModel *m;
      DlnTensor *x, *y, **grads;
      double loss;

      dln_rng_init (&rng, 100 + depth);
      m = dln_model_new (arena, depth, 3, 4, 5);
      dln_model_init_normal (m, 2.0, &rng);
      x = random_matrix (arena, &rng, 6, 3, 1.0);
      y = random_matrix (arena, &rng, 6, 5, 1.0);
      grads = dln_arena_alloc (arena, depth * sizeof *grads);
      for (size_t l = 0; l < depth; l++)
        grads[l] = dln_tensor_new (arena, m->dims[l + 1], m->dims[l]);
      g_assert_cmpint (dln_model_loss_grad (m, x, y, grads, arena, &loss),
                       ==, DLN_STATUS_OK);
      g_assert_cmpfloat_with_epsilon (loss, naive_loss (m, x, y),
                                      1e-12 * MAX (1.0, loss));
      for (size_t l = 0; l < depth; l++)
        {
          DlnTensor *w = m->layers[l];

          for (size_t i = 0; i < dln_tensor_size (w); i++)
            {
              double w0 = w->data[i], hh = FD_STEP * MAX (1.0, fabs (w0));
              double lp, lm, num, ana = grads[l]->data[i];

              w->data[i] = w0 + hh;
              lp = naive_loss (m, x, y);
              w->data[i] = w0 - hh;
              lm = naive_loss (m, x, y);
              w->data[i] = w0;
              num = (lp - lm) / (2 * hh);
              g_assert_cmpfloat (fabs (ana - num)
                                 / MAX (1.0, MAX (fabs (ana), fabs (num))),
                                 <=, FD_RTOL);
            }
        }
      dln_arena_free (arena);
    }
}

/* docs/demos.md#initialisation: σ = γ / sqrt (n_in + n_out). With n entries the
 * sample standard deviation has relative standard error 1/sqrt (2n); we
 * allow 5 of those. */
static void
test_init_normal (void)
{
  DlnArena *arena = dln_arena_new (1 << 24);
  DlnRng rng;
  DlnModel *m;
  double gamma = 3.0;

  dln_rng_init (&rng, 2021);
  m = dln_model_new (arena, 2, 150, 250, 50);
  dln_model_init_normal (m, gamma, &rng);
  for (size_t l = 0; l < 2; l++)
    {
      DlnTensor *w = m->layers[l];
      size_t n = dln_tensor_size (w);
      double mean = 0.0, var = 0.0, sd;
      double want = gamma / sqrt ((double) (w->rows + w->cols));

      for (size_t i = 0; i < n; i++)
        mean += w->data[i];
      mean /= (double) n;
      for (size_t i = 0; i < n; i++)
        var += (w->data[i] - mean) * (w->data[i] - mean);
      sd = sqrt (var / (double) (n - 1));
      g_assert_cmpfloat (fabs (sd / want - 1.0), <=,
                         5.0 / sqrt (2.0 * (double) n));
      g_assert_cmpfloat (fabs (mean), <=, 5.0 * want / sqrt ((double) n));
    }
  /* The same seed gives the same weights. */
  {
    DlnModel *m2 = dln_model_new (arena, 2, 150, 250, 50);

    dln_rng_init (&rng, 2021);
    dln_model_init_normal (m2, gamma, &rng);
    g_assert_cmpmem (m->layers[1]->data, 50 * 250 * sizeof (double),
                     m2->layers[1]->data, 50 * 250 * sizeof (double));
  }
  dln_arena_free (arena);
}

/* U(−b, b), b = 1/sqrt (fan_in): inside the bound, mean 0 and variance
 * b²/3 within 5 standard errors (var of x² is b⁴ (1/5 − 1/9)). */
static void
test_init_torch_default (void)
{
  DlnArena *arena = dln_arena_new (1 << 22);
  DlnRng rng;
  DlnModel *m;
  DlnTensor *w;
  double b = 1.0 / sqrt (8.0), mean = 0, var = 0;
  size_t n;

  dln_rng_init (&rng, 2021);
  m = dln_model_new (arena, 1, 8, 0, 10000);
  dln_model_init_torch_default (m, &rng);
  w = m->layers[0];
  n = dln_tensor_size (w);
  for (size_t i = 0; i < n; i++)
    {
      g_assert_cmpfloat (w->data[i], >=, -b);
      g_assert_cmpfloat (w->data[i], <, b);
      mean += w->data[i] / (double) n;
      var += w->data[i] * w->data[i] / (double) n;
    }
  g_assert_cmpfloat (fabs (mean), <, 5 * b / sqrt (3.0 * (double) n));
  g_assert_cmpfloat (fabs (var - b * b / 3), <,
                     5 * b * b * sqrt ((1.0 / 5 - 1.0 / 9) / (double) n));
  dln_arena_free (arena);
}

/* W_tot = U diag (a0^D) Vᵀ and the net is balanced:
 * W_{l+1}ᵀ W_{l+1} = W_l W_lᵀ (docs/theory.md#representations). */
static void
test_init_aligned (void)
{
  for (size_t depth = 1; depth <= 4; depth++)
    {
      DlnArena *arena = dln_arena_new (1 << 22);
      DlnRng rng;
      DlnModel *m;
      DlnTensor *u, *v, *r, *wtot;
      double a0[3] = { 1.3, 0.7, 0.4 };
      DlnMessage msg;

      dln_rng_init (&rng, 7 + depth);
      g_assert_cmpint (dln_linalg_qr (random_matrix (arena, &rng, 9, 3, 1),
                                      arena, &u, &r, NULL), ==, 0);
      g_assert_cmpint (dln_linalg_qr (random_matrix (arena, &rng, 4, 3, 1),
                                      arena, &v, &r, NULL), ==, 0);
      m = dln_model_new (arena, depth, 4, 5, 9);
      g_assert_cmpint (dln_model_init_aligned (m, u, v, a0, &rng, arena,
                                               &msg), ==, DLN_STATUS_OK);
      wtot = dln_tensor_new (arena, 9, 4);
      g_assert_cmpint (dln_model_product (m, wtot, arena), ==, 0);
      for (size_t i = 0; i < 9; i++)
        for (size_t j = 0; j < 4; j++)
          {
            double want = 0.0;

            for (size_t k = 0; k < 3; k++)
              want += u->data[i * 3 + k] * pow (a0[k], (double) depth)
                      * v->data[j * 3 + k];
            g_assert_cmpfloat_with_epsilon (wtot->data[i * 4 + j], want,
                                            PRODUCT_TOL);
          }
      for (size_t l = 0; l + 1 < depth; l++)
        {
          const DlnTensor *wl = m->layers[l], *wn = m->layers[l + 1];
          size_t k = wl->rows;

          for (size_t i = 0; i < k; i++)
            for (size_t j = 0; j < k; j++)
              {
                double lhs = 0.0, rhs = 0.0;

                for (size_t c = 0; c < wl->cols; c++)
                  lhs += wl->data[i * wl->cols + c] * wl->data[j * wl->cols + c];
                for (size_t o = 0; o < wn->rows; o++)
                  rhs += wn->data[o * k + i] * wn->data[o * k + j];
                g_assert_cmpfloat_with_epsilon (lhs, rhs, PRODUCT_TOL);
              }
        }
      dln_arena_free (arena);
    }
}

static void
test_from_layers (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  double w1[6] = { 1, 2, 3, 4, 5, 6 }, w2[6] = { 1, 0, 0, 1, 2, 2 };
  const DlnTensor *layers[2];
  DlnModel *m = NULL;
  DlnMessage msg;
  DlnTensor *wtot;

  layers[0] = dln_tensor_new_from (arena, 2, 3, w1);
  layers[1] = dln_tensor_new_from (arena, 3, 2, w2);
  g_assert_cmpint (dln_model_new_from_layers (arena, 2, layers, &m, &msg),
                   ==, DLN_STATUS_OK);
  g_assert_cmpuint (m->depth, ==, 2);
  g_assert_cmpuint (m->dims[0], ==, 3);
  g_assert_cmpuint (m->dims[1], ==, 2);
  g_assert_cmpuint (m->dims[2], ==, 3);
  /* W2 W1 by hand: rows (1,2,3), (4,5,6), (10,14,18) */
  wtot = dln_tensor_new (arena, 3, 3);
  dln_model_product (m, wtot, arena);
  g_assert_cmpfloat (dln_tensor_get (wtot, 2, 0), ==, 10.0);
  g_assert_cmpfloat (dln_tensor_get (wtot, 2, 2), ==, 18.0);
  g_assert_cmpfloat (dln_tensor_get (wtot, 1, 1), ==, 5.0);

  /* shapes that do not chain */
  layers[1] = dln_tensor_new_from (arena, 2, 3, w2);
  g_assert_cmpint (dln_model_new_from_layers (arena, 2, layers, &m, &msg),
                   ==, DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "layer 2"));
  /* non-finite */
  layers[1] = dln_tensor_new_from (arena, 3, 2, w2);
  ((DlnTensor *) layers[1])->data[3] = NAN;
  g_assert_cmpint (dln_model_new_from_layers (arena, 2, layers, &m, &msg),
                   ==, DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "not finite"));
  g_assert_cmpint (dln_model_new_from_layers (arena, 0, layers, &m, &msg),
                   ==, DLN_STATUS_INVALID_INPUT);
  dln_arena_free (arena);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/core/model/gradcheck", test_gradcheck);
  g_test_add_func ("/dln/core/model/init-normal", test_init_normal);
  g_test_add_func ("/dln/core/model/init-aligned", test_init_aligned);
  g_test_add_func ("/dln/core/model/init-torch-default",
                   test_init_torch_default);
  g_test_add_func ("/dln/core/model/from-layers", test_from_layers);
  return g_test_run ();
}
