/* dln-linalg: every LAPACK call checked by reconstruction
 * (docs/architecture.md#tests: references never come from the code under
 * test). */

#include "dln-core.h"
#include "dln-linalg.h"

#include <glib.h>
#include <math.h>
#include <string.h>

/* Backward-stable LAPACK factorisations reconstruct to a few ulps times the
 * matrix size and norm; 1e-12 on O(1) entries of matrices up to 40 wide
 * leaves a margin of ~100x over the observed ~1e-14. */
#define RECON_TOL 1e-12

static DlnTensor *
random_matrix (DlnArena *arena,
               DlnRng   *rng,
               size_t    m,
               size_t    n)
{
  DlnTensor *a = dln_tensor_new (arena, m, n);

  for (size_t i = 0; i < m * n; i++)
    a->data[i] = dln_rng_normal (rng, 0.0, 1.0);
  return a;
}

/* Naive triple loop on purpose: an independent reference for gemm. */
static double
naive_entry (const DlnTensor *a,
             const DlnTensor *b,
             size_t           i,
             size_t           j)
{
  double s = 0.0;

  for (size_t k = 0; k < a->cols; k++)
    s += a->data[i * a->cols + k] * b->data[k * b->cols + j];
  return s;
}

static void
check_svd (size_t m,
           size_t n)
{
  DlnArena *arena = dln_arena_new (1 << 22);
  DlnRng rng;
  DlnTensor *a, *u, *s, *vt, *s2;
  DlnMessage msg;
  size_t r = MIN (m, n);

  dln_rng_init (&rng, 11 + m * 100 + n);
  a = random_matrix (arena, &rng, m, n);
  g_assert_cmpint (dln_linalg_svd (a, arena, &u, &s, &vt, &msg), ==,
                   DLN_STATUS_OK);
  g_assert_cmpuint (u->rows, ==, m);
  g_assert_cmpuint (u->cols, ==, r);
  g_assert_cmpuint (vt->rows, ==, r);
  g_assert_cmpuint (vt->cols, ==, n);
  for (size_t i = 0; i + 1 < r; i++)
    g_assert_cmpfloat (s->data[i], >=, s->data[i + 1]);
  /* A = U diag(s) Vᵀ entry by entry. */
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < n; j++)
      {
        double acc = 0.0;
        for (size_t k = 0; k < r; k++)
          acc += u->data[i * r + k] * s->data[k] * vt->data[k * n + j];
        g_assert_cmpfloat_with_epsilon (acc, a->data[i * n + j], RECON_TOL);
      }
  /* Uᵀ U = I and V Vᵀ = I. */
  for (size_t p = 0; p < r; p++)
    for (size_t q = 0; q < r; q++)
      {
        double uu = 0.0, vv = 0.0;
        for (size_t i = 0; i < m; i++)
          uu += u->data[i * r + p] * u->data[i * r + q];
        for (size_t j = 0; j < n; j++)
          vv += vt->data[p * n + j] * vt->data[q * n + j];
        g_assert_cmpfloat_with_epsilon (uu, p == q ? 1.0 : 0.0, RECON_TOL);
        g_assert_cmpfloat_with_epsilon (vv, p == q ? 1.0 : 0.0, RECON_TOL);
      }
  /* Values-only path agrees. */
  g_assert_cmpint (dln_linalg_svd (a, arena, NULL, &s2, NULL, NULL), ==,
                   DLN_STATUS_OK);
  for (size_t k = 0; k < r; k++)
    g_assert_cmpfloat_with_epsilon (s2->data[k], s->data[k], RECON_TOL);
  dln_arena_free (arena);
}

static void
test_svd_shapes (void)
{
  check_svd (5, 3);
  check_svd (3, 5);
  check_svd (4, 4);
  check_svd (40, 8);
  check_svd (1, 6);
}

static void
test_svd_known (void)
{
  /* diag(3, 2) embedded in a 3x2: singular values 3 and 2 exactly. */
  const double v[6] = { 0, 2, 3, 0, 0, 0 };
  DlnArena *arena = dln_arena_new (1 << 16);
  DlnTensor *a = dln_tensor_new_from (arena, 3, 2, v), *s;

  g_assert_cmpint (dln_linalg_svd (a, arena, NULL, &s, NULL, NULL), ==,
                   DLN_STATUS_OK);
  g_assert_cmpfloat_with_epsilon (s->data[0], 3.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (s->data[1], 2.0, 1e-15);
  dln_arena_free (arena);
}

static void
test_svd_bad_input (void)
{
  const double v[4] = { 1, NAN, 0, 1 };
  DlnArena *arena = dln_arena_new (1 << 16);
  DlnTensor *a = dln_tensor_new_from (arena, 2, 2, v), *s;
  DlnArena *tiny = dln_arena_new (64);
  DlnMessage msg;

  g_assert_cmpint (dln_linalg_svd (a, arena, NULL, &s, NULL, &msg), ==,
                   DLN_STATUS_INVALID_INPUT);
  g_assert_nonnull (strstr (msg.text, "NaN"));
  a->data[1] = 0.5;
  g_assert_cmpint (dln_linalg_svd (a, tiny, NULL, &s, NULL, &msg), ==,
                   DLN_STATUS_NO_MEMORY);
  dln_arena_free (tiny);
  dln_arena_free (arena);
}

static void
test_eigh (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnRng rng;
  DlnTensor *b, *a, *w, *v;
  const size_t n = 6;
  const double d[4] = { 2, 1, 1, 2 };

  dln_rng_init (&rng, 5);
  b = random_matrix (arena, &rng, n, n);
  a = dln_tensor_new (arena, n, n);
  dln_linalg_gemm (a, b, 1, b, 0, 1.0, 0.0);  /* A = BᵀB, symmetric */
  g_assert_cmpint (dln_linalg_eigh (a, arena, &w, &v, NULL), ==, DLN_STATUS_OK);
  for (size_t i = 0; i + 1 < n; i++)
    g_assert_cmpfloat (w->data[i], <=, w->data[i + 1]);
  /* A v_i = w_i v_i, column i of v. */
  for (size_t i = 0; i < n; i++)
    for (size_t r = 0; r < n; r++)
      {
        double av = 0.0;
        for (size_t c = 0; c < n; c++)
          av += a->data[r * n + c] * v->data[c * n + i];
        g_assert_cmpfloat_with_epsilon (av, w->data[i] * v->data[r * n + i],
                                        RECON_TOL * 10);
      }
  /* [[2,1],[1,2]]: eigenvalues 1 and 3 by hand. */
  a = dln_tensor_new_from (arena, 2, 2, d);
  g_assert_cmpint (dln_linalg_eigh (a, arena, &w, NULL, NULL), ==, DLN_STATUS_OK);
  g_assert_cmpfloat_with_epsilon (w->data[0], 1.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (w->data[1], 3.0, 1e-15);
  dln_arena_free (arena);
}

static void
test_solve_qr_gemm (void)
{
  DlnArena *arena = dln_arena_new (1 << 20);
  DlnRng rng;
  DlnTensor *a, *b, *x, *q, *r, *c;
  const double sing[4] = { 1, 2, 2, 4 };
  DlnMessage msg;

  dln_rng_init (&rng, 9);
  a = random_matrix (arena, &rng, 5, 5);
  b = random_matrix (arena, &rng, 5, 2);
  g_assert_cmpint (dln_linalg_solve (a, b, arena, &x, NULL), ==, DLN_STATUS_OK);
  for (size_t i = 0; i < 5; i++)
    for (size_t j = 0; j < 2; j++)
      g_assert_cmpfloat_with_epsilon (naive_entry (a, x, i, j),
                                      b->data[i * 2 + j], RECON_TOL);
  a = dln_tensor_new_from (arena, 2, 2, sing);
  b = dln_tensor_new (arena, 2, 1);
  g_assert_cmpint (dln_linalg_solve (a, b, arena, &x, &msg), ==,
                   DLN_STATUS_NUMERIC);
  g_assert_nonnull (strstr (msg.text, "singular"));

  a = random_matrix (arena, &rng, 7, 3);
  g_assert_cmpint (dln_linalg_qr (a, arena, &q, &r, NULL), ==, DLN_STATUS_OK);
  for (size_t i = 0; i < 7; i++)
    for (size_t j = 0; j < 3; j++)
      g_assert_cmpfloat_with_epsilon (naive_entry (q, r, i, j),
                                      a->data[i * 3 + j], RECON_TOL);
  for (size_t i = 1; i < 3; i++)
    for (size_t j = 0; j < i; j++)
      g_assert_cmpfloat (r->data[i * 3 + j], ==, 0.0);

  /* gemm with both transposes against the naive loop on explicit copies. */
  a = random_matrix (arena, &rng, 4, 3);
  b = random_matrix (arena, &rng, 5, 4);
  c = dln_tensor_new (arena, 3, 5);
  dln_linalg_gemm (c, a, 1, b, 1, 2.0, 0.0);
  {
    DlnTensor *at = dln_linalg_transpose (arena, a);
    DlnTensor *bt = dln_linalg_transpose (arena, b);
    for (size_t i = 0; i < 3; i++)
      for (size_t j = 0; j < 5; j++)
        g_assert_cmpfloat_with_epsilon (c->data[i * 5 + j],
                                        2.0 * naive_entry (at, bt, i, j), 1e-13);
  }
  dln_arena_free (arena);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/core/linalg/svd-shapes", test_svd_shapes);
  g_test_add_func ("/dln/core/linalg/svd-known", test_svd_known);
  g_test_add_func ("/dln/core/linalg/svd-bad-input", test_svd_bad_input);
  g_test_add_func ("/dln/core/linalg/eigh", test_eigh);
  g_test_add_func ("/dln/core/linalg/solve-qr-gemm", test_solve_qr_gemm);
  return g_test_run ();
}
