/* SVD modes of a dataset and the predictions built on them
 * (docs/theory.md#modes, (d), (e), (i)); closed-form regression
 * (docs/demos.md#d18). */

#include "dln-analysis.h"

#include "dln-core-private.h"
#include "dln-linalg.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Flips (u_k, v_k) so that v_k's largest-magnitude entry (first among
 * near-ties) is positive: see the banner of dln-analysis.h. */
static void
fix_signs (DlnTensor *u,
           DlnTensor *v)
{
  size_t r = v->cols;

  for (size_t k = 0; k < r; k++)
    {
      double big = 0.0;
      size_t pick = 0;

      for (size_t i = 0; i < v->rows; i++)
        big = DLN_MAX (big, fabs (v->data[i * r + k]));
      for (size_t i = 0; i < v->rows; i++)
        if (fabs (v->data[i * r + k]) >= big * (1.0 - DLN_ANALYSIS_SIGN_TIE))
          {
            pick = i;
            break;
          }
      if (v->data[pick * r + k] < 0.0)
        {
          for (size_t i = 0; i < v->rows; i++)
            v->data[i * r + k] = -v->data[i * r + k];
          for (size_t i = 0; i < u->rows; i++)
            u->data[i * r + k] = -u->data[i * r + k];
        }
    }
}

DlnStatus
dln_analysis_modes (const DlnTensor *x,
                    const DlnTensor *y,
                    DlnArena        *arena,
                    DlnModes        *modes,
                    DlnMessage      *msg)
{
  size_t p, n_in, n_out, r;
  DlnTensor *sxy, *sx, *u, *s, *vt, *v, *s_eff;
  double c, dev = 0.0, ty = 0.0;
  DlnStatus status;

  DLN_ASSERT (x != NULL && y != NULL && arena != NULL && modes != NULL);
  DLN_ASSERT (x->rows == y->rows && x->rows > 0);
  DLN_ASSERT (x->cols > 0 && y->cols > 0);
  p = x->rows;
  n_in = x->cols;
  n_out = y->cols;
  r = DLN_MIN (n_in, n_out);
  if (!dln_tensor_all_finite (x) || !dln_tensor_all_finite (y))
    {
      dln_message_set (msg, 0, "modes: the data have NaN or infinite values");
      return DLN_STATUS_INVALID_INPUT;
    }
  sxy = dln_tensor_new (arena, n_out, n_in);
  sx = dln_tensor_new (arena, n_in, n_in);
  s_eff = dln_tensor_new (arena, r, 1);
  if (sxy == NULL || sx == NULL || s_eff == NULL)
    goto no_memory;
  /* Sigma_yx = (1/P) Yᵀ X, Sigma_x = (1/P) Xᵀ X
   * (docs/theory.md#conventions). */
  dln_linalg_gemm (sxy, y, 1, x, 0, 1.0 / (double) p, 0.0);
  dln_linalg_gemm (sx, x, 1, x, 0, 1.0 / (double) p, 0.0);
  status = dln_linalg_svd (sxy, arena, &u, &s, &vt, msg);
  if (status != DLN_STATUS_OK)
    return status;
  v = dln_linalg_transpose (arena, vt);
  if (v == NULL)
    goto no_memory;
  fix_signs (u, v);

  c = 0.0;
  for (size_t i = 0; i < n_in; i++)
    c += sx->data[i * n_in + i];
  c /= (double) n_in;
  for (size_t i = 0; i < n_in; i++)
    for (size_t j = 0; j < n_in; j++)
      dev = DLN_MAX (dev, fabs (sx->data[i * n_in + j] - (i == j ? c : 0.0)));
  if (!(c > 0.0) || dev > DLN_ANALYSIS_ISO_TOL * c)
    c = 0.0;
  for (size_t k = 0; k < r; k++)
    s_eff->data[k] = c > 0.0 ? s->data[k] / c : NAN;
  for (size_t i = 0; i < dln_tensor_size (y); i++)
    ty += y->data[i] * y->data[i];

  modes->n_samples = p;
  modes->n_in = n_in;
  modes->n_out = n_out;
  modes->rank = r;
  modes->sigma_yx = sxy;
  modes->s = s;
  modes->u = u;
  modes->v = v;
  modes->s_eff = s_eff;
  modes->c = c;
  modes->tr_sigma_y = ty / (double) p;
  return DLN_STATUS_OK;

no_memory:
  dln_message_set (msg, 0, "modes of a %zu x %zu correlation: arena full",
                   n_out, n_in);
  return DLN_STATUS_NO_MEMORY;
}

DlnStatus
dln_analysis_dataset_modes (const DlnDataset *ds,
                            DlnArena         *arena,
                            DlnModes         *modes,
                            DlnMessage       *msg)
{
  DLN_ASSERT (ds != NULL);
  return dln_analysis_modes (ds->x, ds->y, arena, modes, msg);
}

size_t
dln_analysis_dataset_modes_budget (const DlnDataset *ds)
{
  size_t n_in, n_out;

  DLN_ASSERT (ds != NULL);
  n_in = ds->n_inputs;
  n_out = ds->n_features;
  /* Sigma_yx, U, Sigma_x, a copy of Sigma_yx and dgesdd's workspace (at
   * most ~ 3 min² + 4 min + max doubles), and 1 MiB for the small ones */
  return sizeof (double) * (4 * n_out * n_in + 8 * n_in * n_in
                            + 8 * (n_out + n_in)) + (1u << 20);
}

void
dln_analysis_mode_strengths (const DlnModes  *modes,
                             const DlnTensor *w_tot,
                             double          *a)
{
  size_t r, n_in, n_out;

  DLN_ASSERT (modes != NULL && w_tot != NULL && a != NULL);
  DLN_ASSERT (w_tot->rows == modes->n_out && w_tot->cols == modes->n_in);
  r = modes->rank;
  n_in = modes->n_in;
  n_out = modes->n_out;
  /* r bilinear forms, O(n_out n_in r) without scratch memory; at the
   * course's 10000 x 8 x 8 that is 0.6 Mflop, so a BLAS call would not pay
   * for the temporary it needs. */
  for (size_t k = 0; k < r; k++)
    {
      double sum = 0.0;

      for (size_t i = 0; i < n_out; i++)
        {
          double wv = 0.0;

          for (size_t j = 0; j < n_in; j++)
            wv += w_tot->data[i * n_in + j] * modes->v->data[j * r + k];
          sum += modes->u->data[i * r + k] * wv;
        }
      a[k] = sum;
    }
}

double
dln_analysis_predicted_loss (const DlnModes *modes,
                             const double   *a,
                             double          kappa)
{
  double lin = 0.0, quad = 0.0;

  DLN_ASSERT (modes != NULL && a != NULL);
  if (!(modes->c > 0.0))
    return NAN;
  for (size_t k = 0; k < modes->rank; k++)
    {
      lin += modes->s->data[k] * a[k];
      quad += a[k] * a[k];
    }
  return 0.5 * kappa * (double) modes->n_samples
         * (modes->tr_sigma_y - 2.0 * lin + modes->c * quad);
}

DlnStatus
dln_analysis_theory_strengths (const DlnModes *modes,
                               int             depth,
                               double          lr,
                               DlnReduction    reduction,
                               int             half,
                               const double   *u0,
                               DlnTheoryCurve  curve,
                               size_t          n_epochs,
                               double         *out,
                               DlnMessage     *msg)
{
  size_t r, n = n_epochs + 1;
  double kappa, h;
  double *col, *t = NULL;
  DlnStatus status = DLN_STATUS_OK;

  DLN_ASSERT (modes != NULL && u0 != NULL && out != NULL);
  r = modes->rank;
  if (!(modes->c > 0.0))
    {
      dln_message_set (msg, 0, "theory curves need whitened inputs "
                       "(Sigma_x = c I), which these data do not have");
      return DLN_STATUS_INVALID_INPUT;
    }
  if (depth < 1 || !(lr > 0.0) || !isfinite (lr))
    {
      dln_message_set (msg, 0, "theory curves need depth >= 1 and a finite "
                       "lr > 0 (got %d, %g)", depth, lr);
      return DLN_STATUS_INVALID_INPUT;
    }
  for (size_t k = 0; k < r; k++)
    if (!(u0[k] >= 0.0) || !isfinite (u0[k]))
      {
        dln_message_set (msg, 0, "theory curves need u0 >= 0 (mode %zu has "
                         "%g)", k + 1, u0[k]);
        return DLN_STATUS_INVALID_INPUT;
      }
  kappa = dln_theory_kappa (reduction, half, modes->n_samples, modes->n_out);
  h = dln_theory_step_h (lr, kappa, modes->n_samples, modes->c);
  col = malloc (n * sizeof (double));  /* scratch, freed below */
  if (curve == DLN_THEORY_CURVE_CONTINUOUS)
    t = malloc (n * sizeof (double));
  if (col == NULL || (curve == DLN_THEORY_CURVE_CONTINUOUS && t == NULL))
    {
      free (col);
      free (t);
      dln_message_set (msg, 0, "theory curves: out of memory");
      return DLN_STATUS_NO_MEMORY;
    }
  for (size_t e = 0; t != NULL && e < n; e++)
    t[e] = (double) e;
  for (size_t k = 0; k < r && status == DLN_STATUS_OK; k++)
    {
      double s = DLN_MAX (modes->s_eff->data[k], 0.0);

      if (u0[k] == 0.0)  /* beyond the rank bound: never learned */
        memset (col, 0, n * sizeof (double));
      else if (curve == DLN_THEORY_CURVE_DISCRETE)
        dln_theory_discrete_curve (depth, s, u0[k], h, n_epochs, col);
      else
        status = dln_theory_depth_curve (depth, s, u0[k], 1.0 / h, t, n, col,
                                         msg);
      for (size_t e = 0; e < n; e++)
        out[e * r + k] = col[e];
    }
  free (col);
  free (t);
  return status;
}

/* x -= its components along the n orthonormal rows of @basis [n, d]
 * (modified Gram-Schmidt, twice: "twice is enough", Giraud et al. 2005);
 * returns |x|². */
static double
deflate (double       *x,
         const double *basis,
         size_t        n,
         size_t        d)
{
  double norm2 = 0.0;

  for (int pass = 0; pass < 2; pass++)
    for (size_t j = 0; j < n; j++)
      {
        double dot = 0.0;

        for (size_t a = 0; a < d; a++)
          dot += basis[j * d + a] * x[a];
        for (size_t a = 0; a < d; a++)
          x[a] -= dot * basis[j * d + a];
      }
  for (size_t a = 0; a < d; a++)
    norm2 += x[a] * x[a];
  return norm2;
}

DlnStatus
dln_analysis_effective_u0 (const DlnModes  *modes,
                           const DlnTensor *w1,
                           const DlnTensor *w2,
                           DlnArena        *arena,
                           double          *u0,
                           DlnMessage      *msg)
{
  size_t r, h, n_in, n_out, mark, nq = 0;
  DlnTensor *wm;
  double *q, *w;

  DLN_ASSERT (modes != NULL && w1 != NULL && w2 != NULL && u0 != NULL);
  r = modes->rank;
  n_in = modes->n_in;
  n_out = modes->n_out;
  h = w1->rows;
  DLN_ASSERT (w1->cols == n_in && w2->rows == n_out && w2->cols == h);
  mark = dln_arena_mark (arena);
  q = dln_arena_alloc (arena, (r * h + 1) * sizeof (double));
  w = dln_arena_alloc (arena, (h + 1) * sizeof (double));
  wm = dln_tensor_new (arena, h, r);
  if (q == NULL || w == NULL || wm == NULL)
    {
      dln_arena_rewind (arena, mark);
      dln_message_set (msg, 0, "effective u0: arena full");
      return DLN_STATUS_NO_MEMORY;
    }
  /* Column k of Wm = W1 V + W2ᵀ U is w_k = W1 v_k + W2ᵀ u_k
   * (docs/theory.md#effective-start). Two GEMMs read W2 [n_out, h] once, row by
   * row; the loop they replace walked it by columns, r times (3.3 ms -> 0.21 ms
   * for the course's 8-30-10000 net, best of 20). */
  dln_linalg_gemm (wm, w1, 0, modes->v, 0, 1.0, 0.0);
  dln_linalg_gemm (wm, w2, 1, modes->u, 0, 1.0, 1.0);
  for (size_t k = 0; k < r; k++)
    {
      double norm2;

      for (size_t a = 0; a < h; a++)
        w[a] = wm->data[a * r + k];
      /* Against the orthonormal basis q of the stronger modes' w. */
      norm2 = deflate (w, q, nq, h);
      /* The rank bound: once h directions are taken, what is left of w is
       * rounding (~1e-88 for the course), and the mode cannot be learned. */
      u0[k] = nq < h ? norm2 / 4.0 : 0.0;
      if (norm2 > 0.0 && nq < h)
        {
          double inv = 1.0 / sqrt (norm2);

          for (size_t a = 0; a < h; a++)
            q[nq * h + a] = w[a] * inv;
          nq++;
        }
    }
  dln_arena_rewind (arena, mark);
  return DLN_STATUS_OK;
}

size_t
dln_analysis_rank_bound (const DlnModel *model)
{
  size_t bound;

  DLN_ASSERT (model != NULL && model->depth >= 1);
  bound = model->dims[0];
  for (size_t l = 1; l <= model->depth; l++)
    bound = DLN_MIN (bound, model->dims[l]);
  return bound;
}

/* One mode's path for dln_analysis_path_u0: @r[l] (l = 1 .. N-1) are the
 * hidden unit vectors [dims[l], 1]; @p = W_1 v_k, @q = W_Nᵀ u_k. Returns
 * S = Σ_l r_lᵀ W_l r_{l-1} at the optimum, or 0 when a layer has no
 * direction left. */
static double
path_strength (const DlnModel  *model,
               const double    *p,
               const double    *q,
               double *const   *basis,  /* [N] per layer, rows n_basis[l] */
               const size_t    *n_basis,
               DlnTensor      **r,      /* [N + 1], r[0], r[N] unused */
               DlnTensor      **x)      /* [N + 1] scratch like r */
{
  size_t N = model->depth;
  double S = 0.0, prev = 0.0;

  for (size_t l = 1; l < N; l++)
    memset (r[l]->data, 0, model->dims[l] * sizeof (double));
  for (int sweep = 0; sweep < DLN_ANALYSIS_PATH_SWEEPS; sweep++)
    {
      /* Block coordinate ascent: given its neighbours, S is linear in r_l,
       * maximised by the unit vector along W_l r_{l-1} + W_{l+1}ᵀ r_{l+1}
       * (within the directions the stronger modes left). Alternate the
       * direction of the sweeps so information flows both ways. */
      for (size_t i = 1; i < N; i++)
        {
          size_t l = sweep % 2 == 0 ? i : N - i, d = model->dims[l];
          double norm2;

          if (l == 1)
            memcpy (x[l]->data, p, d * sizeof (double));
          else
            dln_linalg_gemm (x[l], model->layers[l - 1], 0, r[l - 1], 0,
                             1.0, 0.0);
          if (l == N - 1)
            for (size_t a = 0; a < d; a++)
              x[l]->data[a] += q[a];
          else
            dln_linalg_gemm (x[l], model->layers[l], 1, r[l + 1], 0, 1.0,
                             1.0);
          norm2 = deflate (x[l]->data, basis[l], n_basis[l], d);
          if (!(norm2 > 0.0))
            memset (r[l]->data, 0, d * sizeof (double));
          else
            for (size_t a = 0; a < d; a++)
              r[l]->data[a] = x[l]->data[a] / sqrt (norm2);
        }
      S = 0.0;
      for (size_t a = 0; a < model->dims[1]; a++)
        S += r[1]->data[a] * p[a];
      for (size_t a = 0; a < model->dims[N - 1]; a++)
        S += r[N - 1]->data[a] * q[a];
      for (size_t l = 2; l < N; l++)
        {
          dln_linalg_gemm (x[l], model->layers[l - 1], 0, r[l - 1], 0, 1.0,
                           0.0);
          for (size_t a = 0; a < model->dims[l]; a++)
            S += r[l]->data[a] * x[l]->data[a];
        }
      if (sweep > 0 && fabs (S - prev) <= DLN_ANALYSIS_PATH_TOL * fabs (S))
        break;
      prev = S;
    }
  for (size_t l = 1; l < N; l++)
    {
      double norm2 = 0.0;

      for (size_t a = 0; a < model->dims[l]; a++)
        norm2 += r[l]->data[a] * r[l]->data[a];
      if (norm2 == 0.0)
        return 0.0;  /* the path is cut: this mode cannot grow */
    }
  return S;
}

DlnStatus
dln_analysis_path_u0 (const DlnModes *modes,
                      const DlnModel *model,
                      DlnArena       *arena,
                      double         *u0,
                      DlnMessage     *msg)
{
  size_t r, N, mark;
  DlnTensor *pm, *qm, **rv, **xv;
  double **basis, *p, *q;
  size_t *n_basis;
  int ok = 1;

  DLN_ASSERT (modes != NULL && model != NULL && u0 != NULL);
  N = model->depth;
  r = modes->rank;
  DLN_ASSERT (N >= 1 && model->dims[0] == modes->n_in
              && model->dims[N] == modes->n_out);
  if (N == 1)
    {
      /* no hidden layer: the strength itself, any sign */
      mark = dln_arena_mark (arena);
      pm = dln_tensor_new (arena, modes->n_out, r);
      if (pm == NULL)
        goto no_memory;
      dln_linalg_gemm (pm, model->layers[0], 0, modes->v, 0, 1.0, 0.0);
      for (size_t k = 0; k < r; k++)
        {
          u0[k] = 0.0;
          for (size_t i = 0; i < modes->n_out; i++)
            u0[k] += modes->u->data[i * r + k] * pm->data[i * r + k];
        }
      dln_arena_rewind (arena, mark);
      return DLN_STATUS_OK;
    }
  if (N == 2)
    return dln_analysis_effective_u0 (modes, model->layers[0],
                                      model->layers[1], arena, u0, msg);

  mark = dln_arena_mark (arena);
  pm = dln_tensor_new (arena, model->dims[1], r);      /* W_1 V */
  qm = dln_tensor_new (arena, model->dims[N - 1], r);  /* W_Nᵀ U */
  rv = dln_arena_alloc (arena, (N + 1) * sizeof *rv);
  xv = dln_arena_alloc (arena, (N + 1) * sizeof *xv);
  basis = dln_arena_alloc (arena, (N + 1) * sizeof *basis);
  n_basis = dln_arena_alloc (arena, (N + 1) * sizeof *n_basis);
  p = dln_arena_alloc (arena, model->dims[1] * sizeof *p);
  q = dln_arena_alloc (arena, model->dims[N - 1] * sizeof *q);
  if (pm == NULL || qm == NULL || rv == NULL || xv == NULL || basis == NULL
      || n_basis == NULL || p == NULL || q == NULL)
    goto no_memory;
  for (size_t l = 1; l < N && ok; l++)
    {
      rv[l] = dln_tensor_new (arena, model->dims[l], 1);
      xv[l] = dln_tensor_new (arena, model->dims[l], 1);
      basis[l] = dln_arena_alloc (arena,
                                  (r * model->dims[l] + 1) * sizeof (double));
      n_basis[l] = 0;
      ok = rv[l] != NULL && xv[l] != NULL && basis[l] != NULL;
    }
  if (!ok)
    goto no_memory;
  dln_linalg_gemm (pm, model->layers[0], 0, modes->v, 0, 1.0, 0.0);
  dln_linalg_gemm (qm, model->layers[N - 1], 1, modes->u, 0, 1.0, 0.0);

  for (size_t k = 0; k < r; k++)
    {
      int room = 1;
      double S, a;

      for (size_t l = 1; l < N; l++)
        room &= n_basis[l] < model->dims[l];
      u0[k] = 0.0;
      if (!room)
        continue;  /* the rank bound: a hidden layer is full */
      for (size_t i = 0; i < model->dims[1]; i++)
        p[i] = pm->data[i * r + k];
      for (size_t i = 0; i < model->dims[N - 1]; i++)
        q[i] = qm->data[i * r + k];
      S = path_strength (model, p, q, basis, n_basis, rv, xv);
      a = S / (double) N;
      if (!(a > 0.0))
        continue;
      u0[k] = pow (a, (double) N);
      for (size_t l = 1; l < N; l++)
        {
          memcpy (basis[l] + n_basis[l] * model->dims[l], rv[l]->data,
                  model->dims[l] * sizeof (double));
          n_basis[l]++;
        }
    }
  dln_arena_rewind (arena, mark);
  return DLN_STATUS_OK;

no_memory:
  dln_arena_rewind (arena, mark);
  dln_message_set (msg, 0, "starting strengths: arena full");
  return DLN_STATUS_NO_MEMORY;
}

DlnStatus
dln_analysis_rsm_predict (const DlnModes  *modes,
                          const DlnTensor *x,
                          const double    *a,
                          int              depth,
                          int              layer,
                          DlnArena        *arena,
                          DlnTensor      **k,
                          DlnMessage      *msg)
{
  size_t r, p, n_in;
  DlnTensor *xv, *kk;
  double *pw;
  double expo;

  DLN_ASSERT (modes != NULL && x != NULL && a != NULL && k != NULL);
  DLN_ASSERT (x->cols == modes->n_in);
  DLN_ASSERT (depth >= 1 && layer >= 1 && layer < depth);
  r = modes->rank;
  p = x->rows;
  n_in = modes->n_in;
  xv = dln_tensor_new (arena, p, r);
  kk = dln_tensor_new (arena, p, p);
  pw = dln_arena_alloc (arena, (r + 1) * sizeof (double));
  if (xv == NULL || kk == NULL || pw == NULL)
    {
      dln_message_set (msg, 0, "RSM prediction: arena full");
      return DLN_STATUS_NO_MEMORY;
    }
  dln_linalg_gemm (xv, x, 0, modes->v, 0, 1.0, 0.0);
  expo = 2.0 * layer / (double) depth;
  for (size_t m = 0; m < r; m++)
    pw[m] = a[m] > 0.0 ? pow (a[m], expo) : 0.0;
  /* K = (XV) diag (a^{2l/N}) (XV)ᵀ: P² r terms (8 x 8 x 8 for the tree). */
  for (size_t i = 0; i < p; i++)
    for (size_t j = 0; j < p; j++)
      {
        double sum = 0.0;

        for (size_t m = 0; m < r; m++)
          sum += xv->data[i * r + m] * pw[m] * xv->data[j * r + m];
        kk->data[i * p + j] = sum;
      }
  (void) n_in;
  *k = kk;
  return DLN_STATUS_OK;
}

double
dln_analysis_predict_output (const DlnModes *modes,
                             const double   *x_row,
                             size_t          feature,
                             const double   *a,
                             size_t          n_modes)
{
  size_t r, n_in;
  double sum = 0.0;

  DLN_ASSERT (modes != NULL && x_row != NULL && a != NULL);
  DLN_ASSERT (feature < modes->n_out && n_modes <= modes->rank);
  r = modes->rank;
  n_in = modes->n_in;
  for (size_t k = 0; k < n_modes; k++)
    {
      double vx = 0.0;

      for (size_t j = 0; j < n_in; j++)
        vx += modes->v->data[j * r + k] * x_row[j];
      sum += a[k] * modes->u->data[feature * r + k] * vx;
    }
  return sum;
}

DlnStatus
dln_analysis_regression (const DlnTensor *x,
                         const DlnTensor *y,
                         DlnArena        *arena,
                         DlnTensor      **w,
                         DlnMessage      *msg)
{
  size_t m, d, nout, rank = 0, mark;
  DlnTensor *s, *xxt, *xyt, *wt, *ww;
  double tol;
  DlnStatus status;

  DLN_ASSERT (x != NULL && y != NULL && arena != NULL && w != NULL);
  m = x->rows;
  d = x->cols;
  nout = y->rows;
  if (y->cols != d)
    {
      dln_message_set (msg, 0, "regression: X has %zu samples (columns) but "
                       "Y has %zu", d, y->cols);
      return DLN_STATUS_INVALID_INPUT;
    }
  if (m == 0 || d == 0 || nout == 0)
    {
      dln_message_set (msg, 0, "regression: empty data");
      return DLN_STATUS_INVALID_INPUT;
    }
  if (!dln_tensor_all_finite (x) || !dln_tensor_all_finite (y))
    {
      dln_message_set (msg, 0, "regression: the data have NaN or infinite "
                       "values");
      return DLN_STATUS_INVALID_INPUT;
    }
  /* Rank of X by its singular values (numpy.linalg.matrix_rank's rule);
   * dgesv alone only notices an exactly zero pivot. */
  mark = dln_arena_mark (arena);
  status = dln_linalg_svd (x, arena, NULL, &s, NULL, msg);
  if (status != DLN_STATUS_OK)
    return status;
  tol = (double) DLN_MAX (m, d) * DBL_EPSILON * s->data[0];
  for (size_t i = 0; i < s->rows; i++)
    rank += s->data[i] > tol;
  dln_arena_rewind (arena, mark);
  if (rank < m)
    {
      dln_message_set (msg, 0, "regression: X X^T is singular: X (%zu x %zu) "
                       "has rank %zu < %zu", m, d, rank, m);
      return DLN_STATUS_NUMERIC;
    }
  xxt = dln_tensor_new (arena, m, m);
  xyt = dln_tensor_new (arena, m, nout);
  if (xxt == NULL || xyt == NULL)
    goto no_memory;
  dln_linalg_gemm (xxt, x, 0, x, 1, 1.0, 0.0);
  dln_linalg_gemm (xyt, x, 0, y, 1, 1.0, 0.0);
  /* (X Xᵀ) Wᵀ = X Yᵀ, since (X Xᵀ) is symmetric. */
  status = dln_linalg_solve (xxt, xyt, arena, &wt, msg);
  if (status != DLN_STATUS_OK)
    return status;
  ww = dln_linalg_transpose (arena, wt);
  if (ww == NULL)
    goto no_memory;
  *w = ww;
  return DLN_STATUS_OK;

no_memory:
  dln_message_set (msg, 0, "regression: arena full");
  return DLN_STATUS_NO_MEMORY;
}
