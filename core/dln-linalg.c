/* The only LAPACKE/CBLAS user (docs/architecture.md#core-conventions).
 *
 * Layout trick used throughout: a row-major [m, n] buffer IS the
 * column-major [n, m] matrix Aᵀ. Factoring Aᵀ and reading the factors back
 * as row-major gives the factors of A without copies where possible. */

#include "dln-linalg.h"

#include "dln-core-private.h"

#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <string.h>

void
dln_linalg_gemm (DlnTensor       *c,
                 const DlnTensor *a,
                 int              trans_a,
                 const DlnTensor *b,
                 int              trans_b,
                 double           alpha,
                 double           beta)
{
  size_t m = trans_a ? a->cols : a->rows;
  size_t k = trans_a ? a->rows : a->cols;
  size_t kb = trans_b ? b->cols : b->rows;
  size_t n = trans_b ? b->rows : b->cols;

  DLN_ASSERT (c != NULL && a != NULL && b != NULL);
  DLN_ASSERT (k == kb && c->rows == m && c->cols == n);
  if (m == 0 || n == 0)
    return;
  cblas_dgemm (CblasRowMajor,
               trans_a ? CblasTrans : CblasNoTrans,
               trans_b ? CblasTrans : CblasNoTrans,
               (int) m, (int) n, (int) k, alpha,
               a->data, (int) (a->cols > 0 ? a->cols : 1),
               b->data, (int) (b->cols > 0 ? b->cols : 1),
               beta, c->data, (int) (n > 0 ? n : 1));
}

DlnStatus
dln_linalg_svd (const DlnTensor *a,
                DlnArena        *arena,
                DlnTensor      **u,
                DlnTensor      **s,
                DlnTensor      **vt,
                DlnMessage      *msg)
{
  /* Column-major view: At is [n, m]; At = U' S VT' gives A = VT'ᵀ S U'ᵀ, so
   * VT' (r x m, ld r) read row-major is U_A [m, r] and U' (n x r, ld n)
   * read row-major is VT_A [r, n]. */
  size_t m, n, r;
  DlnTensor *work_a, *ss, *ua = NULL, *vta = NULL;
  lapack_int *iwork;
  double wq, *work;
  lapack_int info, lwork;
  char jobz;

  DLN_ASSERT (a != NULL && arena != NULL && s != NULL);
  DLN_ASSERT ((u == NULL) == (vt == NULL));
  m = a->rows;
  n = a->cols;
  r = DLN_MIN (m, n);
  DLN_ASSERT (r > 0);
  if (!dln_tensor_all_finite (a))
    {
      dln_message_set (msg, 0, "SVD: the matrix has NaN or infinite entries");
      return DLN_STATUS_INVALID_INPUT;
    }
  jobz = u != NULL ? 'S' : 'N';
  work_a = dln_tensor_copy (arena, a);
  ss = dln_tensor_new (arena, r, 1);
  iwork = dln_arena_alloc (arena, 8 * r * sizeof (lapack_int));
  if (u != NULL)
    {
      ua = dln_tensor_new (arena, m, r);
      vta = dln_tensor_new (arena, r, n);
    }
  if (work_a == NULL || ss == NULL || iwork == NULL
      || (u != NULL && (ua == NULL || vta == NULL)))
    goto no_memory;

  /* dgesdd on At [n, m]: its U' is n x r -> our vta; its VT' is r x m ->
   * our ua. */
  info = LAPACKE_dgesdd_work (LAPACK_COL_MAJOR, jobz, (lapack_int) n,
                              (lapack_int) m, work_a->data, (lapack_int) n,
                              ss->data, vta ? vta->data : NULL,
                              (lapack_int) n, ua ? ua->data : NULL,
                              (lapack_int) r, &wq, -1, iwork);
  if (info != 0)
    goto lapack_failed;
  lwork = (lapack_int) wq;
  work = dln_arena_alloc (arena, (size_t) lwork * sizeof (double));
  if (work == NULL)
    goto no_memory;
  info = LAPACKE_dgesdd_work (LAPACK_COL_MAJOR, jobz, (lapack_int) n,
                              (lapack_int) m, work_a->data, (lapack_int) n,
                              ss->data, vta ? vta->data : NULL,
                              (lapack_int) n, ua ? ua->data : NULL,
                              (lapack_int) r, work, lwork, iwork);
  if (info != 0)
    goto lapack_failed;
  *s = ss;
  if (u != NULL)
    {
      *u = ua;
      *vt = vta;
    }
  return DLN_STATUS_OK;

no_memory:
  dln_message_set (msg, 0, "SVD of a %zux%zu matrix: arena full", m, n);
  return DLN_STATUS_NO_MEMORY;
lapack_failed:
  DLN_ASSERT (info > 0);  /* info < 0 is an argument bug */
  dln_message_set (msg, 0, "SVD did not converge (dgesdd info %d)", (int) info);
  return DLN_STATUS_NUMERIC;
}

DlnStatus
dln_linalg_eigh (const DlnTensor *a,
                 DlnArena        *arena,
                 DlnTensor      **w,
                 DlnTensor      **v,
                 DlnMessage      *msg)
{
  size_t n;
  DlnTensor *work_a, *ww, *z = NULL;
  lapack_int *isuppz, *iwork, m_found, info, lwork, liwork, iwq;
  double wq, *work;
  char jobz;

  DLN_ASSERT (a != NULL && arena != NULL && w != NULL);
  DLN_ASSERT (a->rows == a->cols && a->rows > 0);
  n = a->rows;
  if (!dln_tensor_all_finite (a))
    {
      dln_message_set (msg, 0,
                       "eigendecomposition: the matrix has NaN or infinite entries");
      return DLN_STATUS_INVALID_INPUT;
    }
  jobz = v != NULL ? 'V' : 'N';
  /* A symmetric matrix is its own transpose, so the row-major buffer can be
   * handed to LAPACK as is; 'L' in column-major reads our upper triangle. */
  work_a = dln_tensor_copy (arena, a);
  ww = dln_tensor_new (arena, n, 1);
  isuppz = dln_arena_alloc (arena, 2 * n * sizeof (lapack_int));
  if (v != NULL)
    z = dln_tensor_new (arena, n, n);
  if (work_a == NULL || ww == NULL || isuppz == NULL || (v != NULL && z == NULL))
    goto no_memory;
  info = LAPACKE_dsyevr_work (LAPACK_COL_MAJOR, jobz, 'A', 'L', (lapack_int) n,
                              work_a->data, (lapack_int) n, 0.0, 0.0, 0, 0,
                              0.0, &m_found, ww->data, z ? z->data : NULL,
                              (lapack_int) n, isuppz, &wq, -1, &iwq, -1);
  if (info != 0)
    goto lapack_failed;
  lwork = (lapack_int) wq;
  liwork = iwq;
  work = dln_arena_alloc (arena, (size_t) lwork * sizeof (double));
  iwork = dln_arena_alloc (arena, (size_t) liwork * sizeof (lapack_int));
  if (work == NULL || iwork == NULL)
    goto no_memory;
  info = LAPACKE_dsyevr_work (LAPACK_COL_MAJOR, jobz, 'A', 'L', (lapack_int) n,
                              work_a->data, (lapack_int) n, 0.0, 0.0, 0, 0,
                              0.0, &m_found, ww->data, z ? z->data : NULL,
                              (lapack_int) n, isuppz, work, lwork, iwork,
                              liwork);
  if (info != 0)
    goto lapack_failed;
  *w = ww;
  if (v != NULL)
    {
      /* Z is column-major: eigenvector i is contiguous; transpose in place
       * so that column i of the row-major result is that vector. */
      for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
          {
            double t = z->data[i * n + j];
            z->data[i * n + j] = z->data[j * n + i];
            z->data[j * n + i] = t;
          }
      *v = z;
    }
  return DLN_STATUS_OK;

no_memory:
  dln_message_set (msg, 0, "eigendecomposition of a %zux%zu matrix: arena full",
                   n, n);
  return DLN_STATUS_NO_MEMORY;
lapack_failed:
  DLN_ASSERT (info > 0);
  dln_message_set (msg, 0, "eigendecomposition did not converge (dsyevr info %d)",
                   (int) info);
  return DLN_STATUS_NUMERIC;
}

DlnStatus
dln_linalg_solve (const DlnTensor *a,
                  const DlnTensor *b,
                  DlnArena        *arena,
                  DlnTensor      **x,
                  DlnMessage      *msg)
{
  size_t n, k;
  DlnTensor *lu, *xx;
  lapack_int *ipiv, info;

  DLN_ASSERT (a != NULL && b != NULL && arena != NULL && x != NULL);
  DLN_ASSERT (a->rows == a->cols && b->rows == a->rows);
  n = a->rows;
  k = b->cols;
  lu = dln_tensor_copy (arena, a);
  xx = dln_tensor_copy (arena, b);
  ipiv = dln_arena_alloc (arena, n * sizeof (lapack_int));
  if (lu == NULL || xx == NULL || ipiv == NULL)
    {
      dln_message_set (msg, 0, "solve: arena full");
      return DLN_STATUS_NO_MEMORY;
    }
  /* The row-major layout of LAPACKE transposes into its own buffers; this
   * is the one place that accepts that, for clarity over a few copies. */
  info = LAPACKE_dgesv (LAPACK_ROW_MAJOR, (lapack_int) n, (lapack_int) k,
                        lu->data, (lapack_int) n, ipiv, xx->data,
                        (lapack_int) (k > 0 ? k : 1));
  if (info > 0)
    {
      dln_message_set (msg, 0, "solve: the matrix is singular (U(%d,%d) = 0)",
                       (int) info, (int) info);
      return DLN_STATUS_NUMERIC;
    }
  if (info < 0)
    {
      dln_message_set (msg, 0, "solve: LAPACK could not allocate (info %d)",
                       (int) info);
      return DLN_STATUS_NO_MEMORY;
    }
  *x = xx;
  return DLN_STATUS_OK;
}

DlnStatus
dln_linalg_qr (const DlnTensor *a,
               DlnArena        *arena,
               DlnTensor      **q,
               DlnTensor      **r,
               DlnMessage      *msg)
{
  size_t m, n;
  DlnTensor *qq, *rr;
  double *tau;
  lapack_int info;

  DLN_ASSERT (a != NULL && arena != NULL && q != NULL && r != NULL);
  m = a->rows;
  n = a->cols;
  DLN_ASSERT (m >= n && n > 0);
  qq = dln_tensor_copy (arena, a);
  rr = dln_tensor_new (arena, n, n);
  tau = dln_arena_alloc (arena, n * sizeof (double));
  if (qq == NULL || rr == NULL || tau == NULL)
    {
      dln_message_set (msg, 0, "QR: arena full");
      return DLN_STATUS_NO_MEMORY;
    }
  info = LAPACKE_dgeqrf (LAPACK_ROW_MAJOR, (lapack_int) m, (lapack_int) n,
                         qq->data, (lapack_int) n, tau);
  if (info == 0)
    {
      for (size_t i = 0; i < n; i++)
        for (size_t j = i; j < n; j++)
          rr->data[i * n + j] = qq->data[i * n + j];
      info = LAPACKE_dorgqr (LAPACK_ROW_MAJOR, (lapack_int) m, (lapack_int) n,
                             (lapack_int) n, qq->data, (lapack_int) n, tau);
    }
  if (info != 0)
    {
      dln_message_set (msg, 0, "QR failed (LAPACK info %d)", (int) info);
      return info < 0 ? DLN_STATUS_NO_MEMORY : DLN_STATUS_NUMERIC;
    }
  *q = qq;
  *r = rr;
  return DLN_STATUS_OK;
}

DlnTensor *
dln_linalg_transpose (DlnArena        *arena,
                      const DlnTensor *a)
{
  DlnTensor *t;

  DLN_ASSERT (a != NULL);
  t = dln_tensor_new (arena, a->cols, a->rows);
  if (t == NULL)
    return NULL;
  for (size_t i = 0; i < a->rows; i++)
    for (size_t j = 0; j < a->cols; j++)
      t->data[j * a->rows + i] = a->data[i * a->cols + j];
  return t;
}

void
dln_linalg_set_num_threads (int n)
{
  DLN_ASSERT (n >= 1);
  openblas_set_num_threads (n);
}
