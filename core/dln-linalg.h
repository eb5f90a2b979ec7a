#pragma once

#include "dln-arena.h"
#include "dln-status.h"
#include "dln-tensor.h"

/* --- Linear algebra: the only LAPACKE/CBLAS user ---
 * Tensors are row-major; LAPACK is column-major. Only dln-linalg.c knows
 * that: it converts layouts, sizes workspaces (from @arena, so nothing is
 * malloc'ed behind the caller's back) and maps LAPACK's info to a status. */

/* dln_linalg_gemm:
 * @c:       output [m, n]; not NULL; may not alias @a or @b
 * @a:       [m, k], or [k, m] when @trans_a
 * @b:       [k, n], or [n, k] when @trans_b
 * C = alpha · op(A) · op(B) + beta · C (cblas_dgemm). Shape mismatch is a
 * caller bug (DLN_ASSERT). */
void      dln_linalg_gemm       (DlnTensor       *c,
                                 const DlnTensor *a,
                                 int              trans_a,
                                 const DlnTensor *b,
                                 int              trans_b,
                                 double           alpha,
                                 double           beta);

/* dln_linalg_svd:
 * @a:     matrix to factor, shape [m, n]; not NULL; read only
 * @arena: owns the outputs @u [m, r], @s [r, 1], @vt [r, n], r = min (m, n),
 *         and the workspace (left allocated; rewind a mark to reclaim it)
 * @u, @vt: (nullable) pass NULL for singular values only (cheaper)
 * @msg:   (nullable) receives the reason when the result is not OK
 * Thin SVD by divide and conquer (dgesdd), singular values descending.
 * Returns DLN_STATUS_OK, DLN_STATUS_NO_MEMORY (@arena full),
 * DLN_STATUS_INVALID_INPUT (non-finite entries) or DLN_STATUS_NUMERIC
 * (LAPACK did not converge). */
DlnStatus dln_linalg_svd        (const DlnTensor *a,
                                 DlnArena        *arena,
                                 DlnTensor      **u,
                                 DlnTensor      **s,
                                 DlnTensor      **vt,
                                 DlnMessage      *msg);

/* dln_linalg_eigh:
 * @a:     symmetric [n, n]; only its upper triangle is read
 * @arena: owns @w [n, 1] (ascending) and @v [n, n] (column i is the unit
 *         eigenvector of w[i]); @v nullable for eigenvalues only
 * Symmetric eigendecomposition (dsyevr).
 * Returns DLN_STATUS_OK, DLN_STATUS_NO_MEMORY, DLN_STATUS_INVALID_INPUT
 * (non-finite entries) or DLN_STATUS_NUMERIC. */
DlnStatus dln_linalg_eigh       (const DlnTensor *a,
                                 DlnArena        *arena,
                                 DlnTensor      **w,
                                 DlnTensor      **v,
                                 DlnMessage      *msg);

/* dln_linalg_solve:
 * @a:     square [n, n]; read only
 * @b:     right-hand sides [n, k]; read only
 * @arena: owns @x [n, k] and the LU factors
 * Solves A X = B by LU with partial pivoting (dgesv); no explicit inverse.
 * Returns DLN_STATUS_OK, DLN_STATUS_NO_MEMORY or DLN_STATUS_NUMERIC
 * (A exactly singular: the message names the zero pivot). */
DlnStatus dln_linalg_solve      (const DlnTensor *a,
                                 const DlnTensor *b,
                                 DlnArena        *arena,
                                 DlnTensor      **x,
                                 DlnMessage      *msg);

/* dln_linalg_qr:
 * @a:     [m, n] with m >= n; read only
 * @arena: owns @q [m, n] (orthonormal columns) and @r [n, n] (upper
 *         triangular)
 * Thin QR (dgeqrf + dorgqr): A = Q R.
 * Returns DLN_STATUS_OK, DLN_STATUS_NO_MEMORY or DLN_STATUS_NUMERIC. */
DlnStatus dln_linalg_qr         (const DlnTensor *a,
                                 DlnArena        *arena,
                                 DlnTensor      **q,
                                 DlnTensor      **r,
                                 DlnMessage      *msg);

/* dln_linalg_transpose:
 * Returns Aᵀ [n, m] in @arena, or NULL when it is full. */
DlnTensor *dln_linalg_transpose (DlnArena        *arena,
                                 const DlnTensor *a);

/* dln_linalg_set_num_threads:
 * @n: threads OpenBLAS may use (>= 1)
 * A process-wide setting, so only the programs' main () call it, never
 * core: the matrices here are small (at most 10,000 x 30), where OpenBLAS's
 * threads cost more in hand-off than they save and make timings erratic on
 * a busy 2-core machine (bench-train: 3-16 ms set-up threaded, steady when
 * single-threaded). */
void      dln_linalg_set_num_threads (int n);
