/* Training deep linear networks: the direct and the reduced path.
 * (Over 800 lines: both paths and the per-epoch record they fill in
 * common, one section each, so the recording convention lives once.)
 *
 * Letters (dln-model.h, dln-train.h, docs/theory.md#reduction):
 *   P items, n_in inputs, n_out outputs, D layers, H = dims[D-1] (the width
 *   feeding the last layer; H = n_in when D = 1), K = min (n_in, n_out)
 *   X [P, n_in], Y [P, n_out], W_l [dims[l], dims[l-1]]
 *   Pr_l = W_l ··· W_1 [dims[l], n_in] (prefix products), M = Pr_{D-1}
 *   (the identity when D = 1), W_tot = W_D M
 *   Whitened inputs: XᵀX = α I. Then with T = Yᵀ X / α [n_out, n_in]
 *     L = (α / (P n_out)) ||W_tot − T||² + L_irr,  cg = 2 α / (P n_out)
 *     dL/dW_tot = cg (W_tot − T)
 *   Reduced state: T = Q R, A = Qᵀ W_D [n_in, H], the rest of W_D is
 *   Q⊥ B with B evolving as B <- B (I − η cg M Mᵀ) =: B Kₑ; we keep
 *   C [rc, H] with CᵀC = BᵀB (C <- C Kₑ), Π = ∏ Kₑ (so W_D = Q A + Wp0 Π,
 *   Wp0 = (I − Q Qᵀ) W_D(0), rebuilt on demand) and one row
 *   b_f = (Wp0 Π)[f, :] per tracked feature. Then
 *     ||W_tot − T||² = ||A M − R||² + ||C M||²
 *     sv (W_tot) = sv ([A M; C M])        (Q, Q⊥ orthonormal)
 *     a_k = u_kᵀ W_tot v_k = Ur_kᵀ A M v_k  (u_k = Q Ur_k)
 *     Yhat[i, f] = (Q[f, :] A + b_f) M x_i
 *     dL/dA = cg (A M − R) Mᵀ,  W_Dᵀ dL/dW_tot = cg (Aᵀ (A M − R) + Cᵀ C M)
 *   The stacked SVD keeps sv accurate relative to ||W_tot|| (normwise, as
 *   the direct path's dgesdd), unlike eigenvalues of the Gram matrix
 *   Mᵀ (AᵀA + G) M, whose square roots lose half the digits of small
 *   values. */

#include "dln-train.h"

#include "dln-core-private.h"
#include "dln-linalg.h"

#include <math.h>
#include <string.h>

/* XᵀX counts as α I when every entry is within this of α I, relative to
 * α: sums of P products carry ~P ε rounding, far below this for P up to
 * the dataset limit (4096), while any real correlation between items is
 * orders of magnitude larger. */
#define WHITENED_RTOL 1e-10
/* The Gram route to C (setup_reduced) is taken when λ_min >= this λ_max,
 * i.e. cond (B) <= 100. */
#define GRAM_RCOND 1e-4

struct DlnTrainer
{
  DlnArena      *arena;   /* owned: everything below */
  DlnTrainParams params;
  DlnTrainPath   path;
  DlnModel      *model;   /* DIRECT: all layers; REDUCED: lower layers live,
                           * the last one is rebuilt on demand */
  DlnTensor     *x, *y;
  size_t         p, n_in, n_out, depth, h;
  DlnTrainModes  modes;
  DlnTrainRecord record;
  size_t         epoch;   /* updates made */
  DlnMessage     msg;
  double       **home;    /* [D] the model copy's own weight buffers */
  size_t         mark_path;  /* arena level after data and modes */
  DlnStatus      broken;  /* a failed reset: run () returns it */
  DlnProgressFunc progress;       /* (nullable) per update of run () */
  void          *progress_data;

  /* DIRECT */
  DlnTensor    **grads;   /* [D], views into flat_g */
  double        *flat_p;  /* all weights, layer by layer (the layers' data
                           * point into it) */
  double        *flat_g;
  size_t         n_par;
  DlnOptim       opt;

  /* REDUCED */
  double         alpha, cg, l_irr;
  DlnTensor     *q;       /* [n_out, n_in] */
  DlnTensor     *r;       /* [n_in, n_in] */
  DlnTensor     *ur;      /* [n_in, K] */
  DlnTensor     *a;       /* [n_in, H] */
  DlnTensor     *c;       /* [rc, H] */
  DlnTensor     *pi;      /* [H, H] */
  DlnTensor     *a0;      /* [n_in, H] A at set-up */
  DlnTensor     *btrack;  /* [n_track, H] */
  DlnTensor     *qtrack;  /* [n_track, n_in] */
  DlnTensor     *eye;     /* [n_in, n_in], M when D = 1 */
};

void
dln_train_params_init (DlnTrainParams *params)
{
  DLN_ASSERT (params != NULL);
  memset (params, 0, sizeof *params);
  params->lr = 100.0;  /* docs/demos.md#d14 */
  params->path = DLN_TRAIN_PATH_AUTO;
  dln_optim_params_init (&params->optim, DLN_OPTIM_SGD);
  params->optim.lr = params->lr;
}

/* --- helpers --- */

static double
frob2 (const DlnTensor *t)
{
  double acc = 0.0;
  size_t n = dln_tensor_size (t);

  for (size_t i = 0; i < n; i++)
    acc += t->data[i] * t->data[i];
  return acc;
}

/* a_k = Σ_i U[i, k] (W V)[i, k] for W [m, n], U [m, K], V [n, K]. */
static int
strengths (DlnArena        *arena,
           const DlnTensor *w,
           const DlnTensor *u,
           const DlnTensor *v,
           double          *out)
{
  size_t k = u->cols;
  DlnTensor *wv = dln_tensor_new (arena, w->rows, k);

  if (wv == NULL)
    return 0;
  dln_linalg_gemm (wv, w, 0, v, 0, 1.0, 0.0);
  for (size_t j = 0; j < k; j++)
    out[j] = 0.0;
  for (size_t i = 0; i < w->rows; i++)
    for (size_t j = 0; j < k; j++)
      out[j] += u->data[i * k + j] * wv->data[i * k + j];
  return 1;
}

/* RSM = H Hᵀ with H = X Prᵀ [P, width]. */
static int
rsm_of (DlnArena        *arena,
        const DlnTensor *x,
        const DlnTensor *pr,
        double          *out)
{
  size_t p = x->rows;
  DlnTensor *hl = dln_tensor_new (arena, p, pr->rows);
  DlnTensor view = { p, p, out };

  if (hl == NULL)
    return 0;
  dln_linalg_gemm (hl, x, 0, pr, 1, 1.0, 0.0);
  dln_linalg_gemm (&view, hl, 0, hl, 1, 1.0, 0.0);
  return 1;
}

/* Prefix products Pr_1 .. Pr_{upto} (pr[l - 1] = Pr_l). */
static int
prefix_products (DlnArena        *arena,
                 const DlnModel  *model,
                 size_t           upto,
                 DlnTensor      **pr)
{
  for (size_t l = 1; l <= upto; l++)
    {
      if (l == 1)
        {
          pr[0] = model->layers[0];
          continue;
        }
      pr[l - 1] = dln_tensor_new (arena, model->dims[l], model->dims[0]);
      if (pr[l - 1] == NULL)
        return 0;
      dln_linalg_gemm (pr[l - 1], model->layers[l - 1], 0, pr[l - 2], 0,
                       1.0, 0.0);
    }
  return 1;
}

static double *
row_ptr (double *base,
         size_t  row,
         size_t  width)
{
  return base + row * width;
}

/* --- set-up --- */

/* The reduction holds for p −= lr g only (docs/theory.md#reduction). */
static int
plain_sgd (const DlnOptimParams *o)
{
  return o->kind == DLN_OPTIM_SGD && o->momentum == 0
         && o->weight_decay == 0;
}

/* Bytes a run needs: its copies, one epoch's scratch (rewound every epoch)
 * and the record. hmax is the widest layer feeding another (never n_out),
 * so nothing here is quadratic in n_out. */
static size_t
budget_for (size_t          p,
            const DlnModel *m,
            size_t          epochs)
{
  size_t params = 0, acts = 0, hmax = 0, k, rows, n_in, n_out, small, big;

  n_in = m->dims[0];
  n_out = m->dims[m->depth];
  k = DLN_MIN (n_in, n_out);
  for (size_t l = 0; l < m->depth; l++)
    {
      params += m->dims[l] * m->dims[l + 1];
      hmax = DLN_MAX (hmax, m->dims[l]);
    }
  for (size_t l = 0; l <= m->depth; l++)
    acts += p * m->dims[l];
  rows = epochs + 1;
  small = (n_in + hmax) * (n_in + hmax);
  big = 7 * params                     /* model, flat weights, gradients,
                                        * optimizer state (<= 3 slots) */
        + 3 * acts                     /* forward + backward */
        + 2 * p * (n_in + n_out)       /* X, Y */
        + 8 * n_out * n_in             /* T, QR, Q, U, Σ_yx, W_tot, SVD */
        + 4 * n_out * hmax             /* the QR fallback of set-up */
        + 12 * small                   /* H x H and n_in x n_in work */
        + 4 * p * p * m->depth         /* RSMs */
        + rows * (1 + 2 * k + (m->depth - 1) * p * p
                  + DLN_TRAIN_MAX_TRACK);
  big *= sizeof (double);
  return big + big / 4 + (1u << 20);  /* LAPACK workspaces, slack */
}

static int
can_reduce (const DlnTrainer     *t,
            const DlnTrainParams *params)
{
  return t->modes.whitened && t->n_out >= t->n_in
         && plain_sgd (&params->optim);
}

static void
refuse_reduced (DlnMessage *msg)
{
  dln_message_set (msg, 0, _("the reduced path needs whitened inputs (XᵀX a "
                   "multiple of I), at least as many outputs as inputs and "
                   "plain SGD"));
}

static DlnStatus
check_inputs (const DlnModel       *init,
              const DlnTensor      *x,
              const DlnTensor      *y,
              const DlnTrainParams *params,
              DlnMessage           *msg)
{
  if (x->cols != init->dims[0] || y->cols != init->dims[init->depth]
      || x->rows != y->rows || x->rows == 0)
    {
      dln_message_set (msg, 0, _("shapes disagree: X is %zux%zu, Y %zux%zu, "
                       "the network maps %zu inputs to %zu outputs"),
                       x->rows, x->cols, y->rows, y->cols, init->dims[0],
                       init->dims[init->depth]);
      return DLN_STATUS_INVALID_INPUT;
    }
  if (!(isfinite (params->lr) && params->lr > 0))
    {
      dln_message_set (msg, 0, _("learning rate must be finite and > 0"));
      return DLN_STATUS_INVALID_INPUT;
    }
  {
    DlnOptimParams op = params->optim;

    op.lr = params->lr;
    if (dln_optim_params_check (&op, msg) != DLN_STATUS_OK)
      return DLN_STATUS_INVALID_INPUT;
  }
  if (params->n_track > DLN_TRAIN_MAX_TRACK)
    {
      dln_message_set (msg, 0, _("at most %d tracked outputs"),
                       DLN_TRAIN_MAX_TRACK);
      return DLN_STATUS_INVALID_INPUT;
    }
  for (size_t i = 0; i < params->n_track; i++)
    if (params->track_item[i] >= x->rows
        || params->track_feature[i] >= y->cols)
      {
        dln_message_set (msg, 0, _("tracked output (%zu, %zu) is outside the "
                         "%zu items x %zu features"), params->track_item[i],
                         params->track_feature[i], x->rows, y->cols);
        return DLN_STATUS_INVALID_INPUT;
      }
  if (!dln_tensor_all_finite (x) || !dln_tensor_all_finite (y))
    {
      dln_message_set (msg, 0, _("the data have NaN or infinite entries"));
      return DLN_STATUS_INVALID_INPUT;
    }
  for (size_t l = 0; l < init->depth; l++)
    if (!dln_tensor_all_finite (init->layers[l]))
      {
        dln_message_set (msg, 0, _("layer %zu has NaN or infinite weights"),
                         l + 1);
        return DLN_STATUS_INVALID_INPUT;
      }
  return DLN_STATUS_OK;
}

/* Σ_x = XᵀX / P = c I? Sets alpha = c P. */
static int
is_whitened (DlnArena        *arena,
             const DlnTensor *x,
             double          *alpha)
{
  size_t n = x->cols, mark = dln_arena_mark (arena);
  DlnTensor *g = dln_tensor_new (arena, n, n);
  double tr = 0.0;
  int ok = 1;

  if (g == NULL)
    return 0;
  dln_linalg_gemm (g, x, 1, x, 0, 1.0, 0.0);
  for (size_t i = 0; i < n; i++)
    tr += g->data[i * n + i];
  *alpha = tr / (double) n;
  if (!(*alpha > 0))
    ok = 0;
  for (size_t i = 0; i < n && ok; i++)
    for (size_t j = 0; j < n; j++)
      if (fabs (g->data[i * n + j] - (i == j ? *alpha : 0.0))
          > WHITENED_RTOL * *alpha)
        ok = 0;
  dln_arena_rewind (arena, mark);
  return ok;
}

/* Data modes: by QR of T when whitened and n_out >= n_in (shared by both
 * paths so their a_k use one basis), else by SVD of Σ_yx. */
static DlnStatus
setup_modes (DlnTrainer *t)
{
  DlnArena *ar = t->arena;
  DlnTrainModes *md = &t->modes;
  size_t k = DLN_MIN (t->n_in, t->n_out);
  double alpha = NAN;
  DlnStatus st;

  md->n_modes = k;
  md->whitened = is_whitened (ar, t->x, &alpha);
  md->c = md->whitened ? alpha / (double) t->p : NAN;
  md->s = dln_arena_alloc (ar, k * sizeof (double));
  md->s_eff = dln_arena_alloc (ar, k * sizeof (double));
  if (md->s == NULL || md->s_eff == NULL)
    return DLN_STATUS_NO_MEMORY;
  t->alpha = alpha;

  if (md->whitened && t->n_out >= t->n_in)
    {
      DlnTensor *tt, *s, *vt, *v;

      tt = dln_tensor_new (ar, t->n_out, t->n_in);
      if (tt == NULL)
        return DLN_STATUS_NO_MEMORY;
      /* T = Yᵀ X / α */
      dln_linalg_gemm (tt, t->y, 1, t->x, 0, 1.0 / alpha, 0.0);
      st = dln_linalg_qr (tt, ar, &t->q, &t->r, &t->msg);
      if (st != DLN_STATUS_OK)
        return st;
      st = dln_linalg_svd (t->r, ar, &t->ur, &s, &vt, &t->msg);
      if (st != DLN_STATUS_OK)
        return st;
      v = dln_linalg_transpose (ar, vt);
      md->u = dln_tensor_new (ar, t->n_out, k);
      if (v == NULL || md->u == NULL)
        return DLN_STATUS_NO_MEMORY;
      dln_linalg_gemm (md->u, t->q, 0, t->ur, 0, 1.0, 0.0);
      md->v = v;
      for (size_t i = 0; i < k; i++)
        {
          md->s_eff[i] = s->data[i];
          md->s[i] = s->data[i] * alpha / (double) t->p;
        }
      /* L_irr = ||Y − X Tᵀ||² / (P n_out), the part no W_tot can fit;
       * zero when X is square (then invertible: one-hot items) */
      if (t->p != t->n_in)
      {
        size_t mark = dln_arena_mark (ar);
        DlnTensor *res = dln_tensor_copy (ar, t->y);

        if (res == NULL)
          return DLN_STATUS_NO_MEMORY;
        dln_linalg_gemm (res, t->x, 0, tt, 1, -1.0, 1.0);
        t->l_irr = frob2 (res) / ((double) t->p * (double) t->n_out);
        dln_arena_rewind (ar, mark);
      }
    }
  else
    {
      DlnTensor *syx, *s, *vt;

      syx = dln_tensor_new (ar, t->n_out, t->n_in);
      if (syx == NULL)
        return DLN_STATUS_NO_MEMORY;
      dln_linalg_gemm (syx, t->y, 1, t->x, 0, 1.0 / (double) t->p, 0.0);
      st = dln_linalg_svd (syx, ar, &md->u, &s, &vt, &t->msg);
      if (st != DLN_STATUS_OK)
        return st;
      md->v = dln_linalg_transpose (ar, vt);
      if (md->v == NULL)
        return DLN_STATUS_NO_MEMORY;
      for (size_t i = 0; i < k; i++)
        {
          md->s[i] = s->data[i];
          md->s_eff[i] = md->whitened ? s->data[i] / md->c : NAN;
        }
    }
  return DLN_STATUS_OK;
}

static DlnStatus
setup_reduced (DlnTrainer *t)
{
  DlnArena *ar = t->arena;
  DlnTensor *wd = t->model->layers[t->depth - 1];
  DlnTensor *g0, *lam, *vec;
  size_t h = t->h, n_track = t->params.n_track, mark;
  DlnStatus st;

  t->cg = 2.0 * t->alpha / ((double) t->p * (double) t->n_out);
  t->a = dln_tensor_new (ar, t->n_in, h);
  t->a0 = dln_tensor_new (ar, t->n_in, h);
  t->pi = dln_tensor_new (ar, h, h);
  t->eye = dln_tensor_new (ar, t->n_in, t->n_in);
  t->btrack = dln_tensor_new (ar, n_track > 0 ? n_track : 1, h);
  t->qtrack = dln_tensor_new (ar, n_track > 0 ? n_track : 1, t->n_in);
  t->c = dln_tensor_new (ar, h, h);
  if (t->a == NULL || t->a0 == NULL || t->pi == NULL || t->eye == NULL
      || t->btrack == NULL || t->qtrack == NULL || t->c == NULL)
    return DLN_STATUS_NO_MEMORY;
  for (size_t i = 0; i < h; i++)
    dln_tensor_set (t->pi, i, i, 1.0);
  for (size_t i = 0; i < t->n_in; i++)
    dln_tensor_set (t->eye, i, i, 1.0);
  /* A = Qᵀ W_D */
  dln_linalg_gemm (t->a, t->q, 1, wd, 0, 1.0, 0.0);
  memcpy (t->a0->data, t->a->data, t->n_in * h * sizeof (double));

  /* C with CᵀC = BᵀB = W_Dᵀ W_D − AᵀA. Through the H × H Gram matrix when
   * it is well conditioned (a random W_D: cond ~ 1.2), C = Λ^{1/2} Vᵀ from
   * its eigenpairs: one [H, n_out] gemm instead of a QR of
   * [n_out, H]; the Gram's rounding (~ε ||W_D||² per entry) then moves C
   * by at most ~ε cond (B) ||B||, rounding level for cond (B) <= 100.
   * Otherwise (W_D near span Q, e.g. an aligned init, or n_out − n_in < H)
   * C is the R of a thin QR of (I − Q Qᵀ) W_D, or that matrix itself when
   * it is wide. */
  mark = dln_arena_mark (ar);
  g0 = dln_tensor_new (ar, h, h);
  if (g0 == NULL)
    return DLN_STATUS_NO_MEMORY;
  dln_linalg_gemm (g0, wd, 1, wd, 0, 1.0, 0.0);
  dln_linalg_gemm (g0, t->a, 1, t->a, 0, -1.0, 1.0);
  st = dln_linalg_eigh (g0, ar, &lam, &vec, &t->msg);
  if (st != DLN_STATUS_OK)
    return st;
  if (lam->data[h - 1] > 0
      && lam->data[0] >= GRAM_RCOND * lam->data[h - 1])
    {
      for (size_t i = 0; i < h; i++)
        {
          double sq = sqrt (lam->data[i]);

          for (size_t j = 0; j < h; j++)
            t->c->data[i * h + j] = sq * vec->data[j * h + i];
        }
      dln_arena_rewind (ar, mark);
    }
  else
    {
      DlnTensor *wp0 = dln_tensor_copy (ar, wd), *qq, *rr;

      if (wp0 == NULL)
        return DLN_STATUS_NO_MEMORY;
      dln_linalg_gemm (wp0, t->q, 0, t->a, 0, -1.0, 1.0);
      if (t->n_out >= h)
        {
          st = dln_linalg_qr (wp0, ar, &qq, &rr, &t->msg);
          if (st != DLN_STATUS_OK)
            return st;
          t->c = rr;
        }
      else
        t->c = wp0;
    }
  /* b_f = W_D[f, :] − Q[f, :] A */
  for (size_t i = 0; i < n_track; i++)
    {
      size_t f = t->params.track_feature[i];
      double *b = row_ptr (t->btrack->data, i, h);
      const double *qf = row_ptr (t->q->data, f, t->n_in);

      memcpy (b, row_ptr (wd->data, f, h), h * sizeof (double));
      memcpy (row_ptr (t->qtrack->data, i, t->n_in), qf,
              t->n_in * sizeof (double));
      for (size_t k = 0; k < t->n_in; k++)
        for (size_t j = 0; j < h; j++)
          b[j] -= qf[k] * t->a->data[k * h + j];
    }
  return DLN_STATUS_OK;
}

/* Sets up the path for t->params on the data and modes of @t, whose model
 * holds the initial weights in its own buffers and whose arena stands at
 * t->mark_path. Everything here depends on the weights or the params. */
static DlnStatus
setup_path (DlnTrainer *t)
{
  const DlnTrainParams *params = &t->params;
  DlnTrainRecord *rec = &t->record;
  DlnArena *ar = t->arena;
  DlnStatus st;

  t->epoch = 0;
  t->broken = DLN_STATUS_OK;
  dln_message_clear (&t->msg);
  rec->n_states = 0;
  rec->n_track = params->n_track;
  rec->diverged_epoch = -1;
  for (size_t i = 0; i <= rec->capacity; i++)
    rec->loss[i] = NAN;
  /* h = lr κ P c with κ = 2 / (P n_out) (docs/theory.md#conventions) */
  t->modes.h = t->modes.whitened
    ? 2.0 * params->lr * t->modes.c / (double) t->n_out : NAN;
  t->path = params->path == DLN_TRAIN_PATH_DIRECT || !can_reduce (t, params)
    ? DLN_TRAIN_PATH_DIRECT : DLN_TRAIN_PATH_REDUCED;

  if (t->path == DLN_TRAIN_PATH_REDUCED)
    {
      size_t mark = dln_arena_mark (ar);

      st = setup_reduced (t);
      /* Finite weights can still overflow the set-up's Gram matrix; AUTO
       * then trains directly, where the loss reports the divergence. */
      if (st != DLN_STATUS_OK && st != DLN_STATUS_NO_MEMORY
          && params->path == DLN_TRAIN_PATH_AUTO)
        {
          dln_arena_rewind (ar, mark);
          dln_message_clear (&t->msg);
          t->path = DLN_TRAIN_PATH_DIRECT;
        }
      else if (st != DLN_STATUS_OK)
        return st;
    }
  if (t->path == DLN_TRAIN_PATH_DIRECT)
    {
      DlnOptimParams op = params->optim;
      size_t off = 0;

      t->grads = dln_arena_alloc (ar, t->depth * sizeof *t->grads);
      t->n_par = 0;
      for (size_t l = 0; l < t->depth; l++)
        t->n_par += dln_tensor_size (t->model->layers[l]);
      t->flat_p = dln_arena_alloc (ar, t->n_par * sizeof (double));
      t->flat_g = dln_arena_alloc (ar, t->n_par * sizeof (double));
      if (t->grads == NULL || t->flat_p == NULL || t->flat_g == NULL)
        return DLN_STATUS_NO_MEMORY;
      /* one flat vector, so one optimizer step moves every weight */
      for (size_t l = 0; l < t->depth; l++)
        {
          DlnTensor *w = t->model->layers[l];
          size_t n = dln_tensor_size (w);

          t->grads[l] = dln_arena_alloc (ar, sizeof (DlnTensor));
          if (t->grads[l] == NULL)
            return DLN_STATUS_NO_MEMORY;
          *t->grads[l] = (DlnTensor) { w->rows, w->cols, t->flat_g + off };
          memcpy (t->flat_p + off, w->data, n * sizeof (double));
          w->data = t->flat_p + off;
          off += n;
        }
      op.lr = params->lr;
      dln_optim_init (&t->opt, &op, ar);
    }
  return DLN_STATUS_OK;
}

/* Sets up a trainer in @ar (reset, sized by budget_for ()); on failure
 * the caller frees @ar. */
static DlnStatus
trainer_build (DlnArena             *ar,
               const DlnModel       *init,
               const DlnTensor      *x,
               const DlnTensor      *y,
               const DlnTrainParams *params,
               size_t                max_epochs,
               DlnTrainer          **out,
               DlnMessage           *msg)
{
  DlnTrainer *t;
  DlnTrainRecord *rec;
  size_t rows, k, p;
  DlnStatus st;

  p = x->rows;
  t = dln_arena_alloc (ar, sizeof *t);
  if (t == NULL)
    goto no_memory;
  t->arena = ar;
  t->params = *params;
  t->model = dln_model_copy (ar, init);
  t->x = dln_tensor_copy (ar, x);
  t->y = dln_tensor_copy (ar, y);
  if (t->model == NULL || t->x == NULL || t->y == NULL)
    goto no_memory;
  t->home = dln_arena_alloc (ar, init->depth * sizeof *t->home);
  if (t->home == NULL)
    goto no_memory;
  for (size_t l = 0; l < init->depth; l++)
    t->home[l] = t->model->layers[l]->data;
  t->p = p;
  t->depth = init->depth;
  t->n_in = init->dims[0];
  t->n_out = init->dims[init->depth];
  t->h = init->dims[init->depth - 1];
  k = DLN_MIN (t->n_in, t->n_out);

  rec = &t->record;
  rows = max_epochs + 1;
  rec->capacity = max_epochs;
  rec->n_sv = k;
  rec->n_items = p;
  rec->n_rsm = t->depth - 1;
  rec->loss = dln_arena_alloc (ar, rows * sizeof (double));
  rec->sv = dln_arena_alloc (ar, rows * k * sizeof (double));
  rec->strength = dln_arena_alloc (ar, rows * k * sizeof (double));
  rec->rsm = dln_arena_alloc (ar, rows * rec->n_rsm * p * p
                                  * sizeof (double));
  rec->track = dln_arena_alloc (ar, rows * DLN_TRAIN_MAX_TRACK
                                    * sizeof (double));
  if (rec->loss == NULL || rec->sv == NULL || rec->strength == NULL
      || rec->rsm == NULL || rec->track == NULL)
    goto no_memory;

  st = setup_modes (t);
  if (st != DLN_STATUS_OK)
    goto failed;
  if (params->path == DLN_TRAIN_PATH_REDUCED && !can_reduce (t, params))
    {
      refuse_reduced (msg);
      return DLN_STATUS_INVALID_INPUT;
    }
  t->mark_path = dln_arena_mark (ar);
  st = setup_path (t);
  if (st == DLN_STATUS_NO_MEMORY)
    goto no_memory;
  if (st != DLN_STATUS_OK)
    goto failed;
  *out = t;
  return DLN_STATUS_OK;

no_memory:
  dln_message_set (msg, 0, _("training run: arena full during set-up"));
  return DLN_STATUS_NO_MEMORY;
failed:
  if (msg != NULL)
    *msg = t->msg;
  return st;
}

DlnStatus
dln_trainer_new (const DlnModel       *init,
                 const DlnTensor      *x,
                 const DlnTensor      *y,
                 const DlnTrainParams *params,
                 size_t                max_epochs,
                 DlnTrainer          **out,
                 DlnMessage           *msg)
{
  DLN_ASSERT (out != NULL);
  *out = NULL;
  return dln_trainer_renew (out, init, x, y, params, max_epochs, msg);
}

/* Keeps the old arena when the new run fits and needs at least half of
 * it, so a run on much smaller data gives the memory back. */
#define RENEW_MIN_SHARE 2

DlnStatus
dln_trainer_renew (DlnTrainer          **trainer,
                   const DlnModel       *init,
                   const DlnTensor      *x,
                   const DlnTensor      *y,
                   const DlnTrainParams *params,
                   size_t                max_epochs,
                   DlnMessage           *msg)
{
  DlnTrainer *old;
  DlnArena *ar = NULL;
  size_t budget;
  DlnStatus st;

  DLN_ASSERT (init != NULL && x != NULL && y != NULL && params != NULL);
  DLN_ASSERT (trainer != NULL);
  old = *trainer;
  *trainer = NULL;
  st = check_inputs (init, x, y, params, msg);
  if (st != DLN_STATUS_OK)
    {
      dln_trainer_free (old);
      return st;
    }
  budget = budget_for (x->rows, init, max_epochs);
  /* The old arena's pages are mapped already: a new run in them costs
   * no page faults (half the set-up of a run on new data), where a fresh
   * arena of this size is mapped anew by malloc. */
  if (old != NULL && dln_arena_budget (old->arena) >= budget
      && dln_arena_budget (old->arena) / RENEW_MIN_SHARE <= budget)
    {
      ar = old->arena;
      dln_arena_reset (ar);
    }
  else
    {
      dln_trainer_free (old);
      ar = dln_arena_new (budget);
    }
  if (ar == NULL)
    {
      dln_message_set (msg, 0, _("no memory for a training run"));
      return DLN_STATUS_NO_MEMORY;
    }
  st = trainer_build (ar, init, x, y, params, max_epochs, trainer, msg);
  if (st != DLN_STATUS_OK)
    dln_arena_free (ar);
  return st;
}

DlnStatus
dln_trainer_reset (DlnTrainer           *trainer,
                   const DlnModel       *init,
                   const DlnTrainParams *params,
                   DlnMessage           *msg)
{
  DlnTrainer *t = trainer;
  DlnStatus st;

  DLN_ASSERT (t != NULL && init != NULL && params != NULL);
  if (init->depth != t->depth)
    goto shape;
  for (size_t l = 0; l <= init->depth; l++)
    if (init->dims[l] != t->model->dims[l])
      goto shape;
  st = check_inputs (init, t->x, t->y, params, msg);
  if (st != DLN_STATUS_OK)
    return st;
  if (params->path == DLN_TRAIN_PATH_REDUCED && !can_reduce (t, params))
    {
      refuse_reduced (msg);
      return DLN_STATUS_INVALID_INPUT;
    }
  /* From here on the old run is gone: the set-up is redone in place. */
  dln_arena_rewind (t->arena, t->mark_path);
  for (size_t l = 0; l < t->depth; l++)
    {
      t->model->layers[l]->data = t->home[l];
      memcpy (t->home[l], init->layers[l]->data,
              dln_tensor_size (init->layers[l]) * sizeof (double));
    }
  t->params = *params;
  st = setup_path (t);
  if (st != DLN_STATUS_OK)
    {
      if (st == DLN_STATUS_NO_MEMORY)
        dln_message_set (&t->msg, 0, _("training run: arena full during "
                         "set-up"));
      t->broken = st;
      if (msg != NULL)
        *msg = t->msg;
    }
  return st;

shape:
  dln_message_set (msg, 0, _("reset: the new weights must have the trainer's "
                   "shape"));
  return DLN_STATUS_INVALID_INPUT;
}

void
dln_trainer_free (DlnTrainer *trainer)
{
  if (trainer != NULL)
    dln_arena_free (trainer->arena);
}

/* --- one pass: record state e (when @record) and step (when @step) --- */

static DlnStatus
diverged (DlnTrainer *t,
          double      loss)
{
  t->record.loss[t->epoch] = loss;
  t->record.diverged_epoch = (long) t->epoch;
  dln_message_set (&t->msg, 0, _("diverged after %zu updates: the loss is %g"),
                   t->epoch, loss);
  return DLN_STATUS_DIVERGED;
}

static DlnStatus
store_sv (DlnTrainer      *t,
          const DlnTensor *mat)
{
  DlnTensor *s;
  DlnStatus st;

  st = dln_linalg_svd (mat, t->arena, NULL, &s, NULL, &t->msg);
  if (st == DLN_STATUS_INVALID_INPUT)
    return diverged (t, INFINITY);
  if (st != DLN_STATUS_OK)
    return st;
  memcpy (row_ptr (t->record.sv, t->epoch, t->record.n_sv), s->data,
          t->record.n_sv * sizeof (double));
  return DLN_STATUS_OK;
}

static DlnStatus
pass_direct (DlnTrainer *t,
             int         record,
             int         step)
{
  DlnTrainRecord *rec = &t->record;
  DlnModel *m = t->model;
  size_t d = t->depth, e = t->epoch;
  DlnTensor **pr;
  double loss;
  DlnStatus st;

  st = dln_model_loss_grad (m, t->x, t->y, step ? t->grads : NULL, t->arena,
                            &loss);
  if (st != DLN_STATUS_OK)
    return st;
  if (!isfinite (loss))
    return diverged (t, loss);
  if (record)
    {
      DlnTensor *wtot;

      rec->loss[e] = loss;
      pr = dln_arena_alloc (t->arena, d * sizeof *pr);
      if (pr == NULL || !prefix_products (t->arena, m, d, pr))
        return DLN_STATUS_NO_MEMORY;
      wtot = pr[d - 1];
      st = store_sv (t, wtot);
      if (st != DLN_STATUS_OK)
        return st;
      if (!strengths (t->arena, wtot, t->modes.u, t->modes.v,
                      row_ptr (rec->strength, e, rec->n_sv)))
        return DLN_STATUS_NO_MEMORY;
      for (size_t l = 1; l < d; l++)
        if (!rsm_of (t->arena, t->x, pr[l - 1],
                     rec->rsm + (e * rec->n_rsm + (l - 1)) * t->p * t->p))
          return DLN_STATUS_NO_MEMORY;
      for (size_t i = 0; i < rec->n_track; i++)
        {
          const double *xi = row_ptr (t->x->data, t->params.track_item[i],
                                      t->n_in);
          const double *wf = row_ptr (wtot->data,
                                      t->params.track_feature[i], t->n_in);
          double acc = 0.0;

          for (size_t j = 0; j < t->n_in; j++)
            acc += wf[j] * xi[j];
          rec->track[e * rec->n_track + i] = acc;
        }
      rec->n_states = e + 1;
    }
  if (step)
    {
      /* the optimizer's rule (plain SGD: p −= lr g); a non-finite result
       * shows up as the next state's loss */
      st = dln_optim_step (&t->opt, t->flat_p, t->flat_g, t->n_par, &t->msg);
      if (st != DLN_STATUS_OK && st != DLN_STATUS_DIVERGED)
        return st;
      t->epoch++;
    }
  return DLN_STATUS_OK;
}

static DlnStatus
pass_reduced (DlnTrainer *t,
              int         record,
              int         step)
{
  DlnTrainRecord *rec = &t->record;
  DlnModel *m = t->model;
  DlnArena *ar = t->arena;
  size_t d = t->depth, e = t->epoch, h = t->h, n_in = t->n_in;
  size_t rc = t->c->rows;
  DlnTensor **pr = NULL, *mm, *am, *cm, *stack, *kmat, *tmp;
  double loss, lr = t->params.lr;

  if (d > 1)
    {
      pr = dln_arena_alloc (ar, (d - 1) * sizeof *pr);
      if (pr == NULL || !prefix_products (ar, m, d - 1, pr))
        return DLN_STATUS_NO_MEMORY;
      mm = pr[d - 2];
    }
  else
    mm = t->eye;
  /* stack = [A M; C M]; am and cm are views of its two blocks */
  stack = dln_tensor_new (ar, n_in + rc, n_in);
  if (stack == NULL)
    return DLN_STATUS_NO_MEMORY;
  am = &(DlnTensor) { n_in, n_in, stack->data };
  cm = &(DlnTensor) { rc, n_in, stack->data + n_in * n_in };
  dln_linalg_gemm (am, t->a, 0, mm, 0, 1.0, 0.0);
  dln_linalg_gemm (cm, t->c, 0, mm, 0, 1.0, 0.0);
  {
    double fit = 0.0;

    for (size_t i = 0; i < n_in * n_in; i++)
      {
        double r = am->data[i] - t->r->data[i];

        fit += r * r;
      }
    loss = 0.5 * t->cg * (fit + frob2 (cm)) + t->l_irr;
  }
  if (!isfinite (loss))
    return diverged (t, loss);

  if (record)
    {
      DlnStatus st;

      rec->loss[e] = loss;
      if (!strengths (ar, am, t->ur, t->modes.v,
                      row_ptr (rec->strength, e, rec->n_sv)))
        return DLN_STATUS_NO_MEMORY;
      for (size_t l = 1; l < d; l++)
        if (!rsm_of (ar, t->x, pr[l - 1],
                     rec->rsm + (e * rec->n_rsm + (l - 1)) * t->p * t->p))
          return DLN_STATUS_NO_MEMORY;
      if (rec->n_track > 0)
        {
          /* rows (Q[f, :] A + b_f) M, then · x_i */
          DlnTensor *rowsf = dln_tensor_copy (ar, t->btrack);
          DlnTensor *out;

          if (rowsf == NULL)
            return DLN_STATUS_NO_MEMORY;
          out = dln_tensor_new (ar, rowsf->rows, n_in);
          if (out == NULL)
            return DLN_STATUS_NO_MEMORY;
          dln_linalg_gemm (rowsf, t->qtrack, 0, t->a, 0, 1.0, 1.0);
          dln_linalg_gemm (out, rowsf, 0, mm, 0, 1.0, 0.0);
          for (size_t i = 0; i < rec->n_track; i++)
            {
              const double *xi = row_ptr (t->x->data,
                                          t->params.track_item[i], n_in);
              double acc = 0.0;

              for (size_t j = 0; j < n_in; j++)
                acc += out->data[i * n_in + j] * xi[j];
              rec->track[e * rec->n_track + i] = acc;
            }
        }
      /* last: the SVD overwrites nothing of ours but needs the stack */
      st = store_sv (t, stack);
      if (st != DLN_STATUS_OK)
        return st;
      rec->n_states = e + 1;
    }

  if (step)
    {
      DlnTensor *er, *gh, *da;

      /* Er = A M − R (in place in the stack: the record is done) */
      er = am;
      for (size_t i = 0; i < n_in * n_in; i++)
        er->data[i] -= t->r->data[i];
      da = dln_tensor_new (ar, n_in, h);
      gh = dln_tensor_new (ar, h, n_in);
      kmat = dln_tensor_new (ar, h, h);
      tmp = dln_tensor_new (ar, DLN_MAX (rc, DLN_MAX (h, t->btrack->rows)),
                            h);
      if (da == NULL || gh == NULL || kmat == NULL || tmp == NULL)
        return DLN_STATUS_NO_MEMORY;
      /* dL/dA = cg Er Mᵀ; W_Dᵀ dL/dW_tot = cg (Aᵀ Er + Cᵀ C M) */
      dln_linalg_gemm (da, er, 0, mm, 1, t->cg, 0.0);
      dln_linalg_gemm (gh, t->a, 1, er, 0, t->cg, 0.0);
      dln_linalg_gemm (gh, t->c, 1, cm, 0, t->cg, 1.0);
      /* K = I − η cg M Mᵀ */
      dln_linalg_gemm (kmat, mm, 0, mm, 1, -lr * t->cg, 0.0);
      for (size_t i = 0; i < h; i++)
        kmat->data[i * h + i] += 1.0;

      /* lower layers, top down: dW_l = Gh_l Pr_{l-1}ᵀ, Gh_{l-1} = W_lᵀ Gh_l;
       * all gradients are taken before any weight moves */
      if (d > 1)
        {
          DlnTensor **gl = dln_arena_alloc (ar, (d - 1) * sizeof *gl);
          DlnTensor *ghl = gh;

          if (gl == NULL)
            return DLN_STATUS_NO_MEMORY;
          for (size_t l = d - 1; l >= 1; l--)
            {
              DlnTensor *w = m->layers[l - 1];

              gl[l - 1] = dln_tensor_new (ar, w->rows, w->cols);
              if (gl[l - 1] == NULL)
                return DLN_STATUS_NO_MEMORY;
              if (l == 1)
                memcpy (gl[0]->data, ghl->data,
                        dln_tensor_size (w) * sizeof (double));
              else
                {
                  DlnTensor *next = dln_tensor_new (ar, w->cols, n_in);

                  if (next == NULL)
                    return DLN_STATUS_NO_MEMORY;
                  dln_linalg_gemm (gl[l - 1], ghl, 0, pr[l - 2], 1, 1.0,
                                   0.0);
                  dln_linalg_gemm (next, w, 1, ghl, 0, 1.0, 0.0);
                  ghl = next;
                }
            }
          for (size_t l = 0; l + 1 < d; l++)
            {
              DlnTensor *w = m->layers[l];
              size_t n = dln_tensor_size (w);

              /* plain SGD: p -= lr g */
              for (size_t i = 0; i < n; i++)
                w->data[i] -= lr * gl[l]->data[i];
            }
        }
      for (size_t i = 0; i < n_in * h; i++)
        t->a->data[i] -= lr * da->data[i];
      /* B <- B K acts on C, Π and the tracked rows alike */
      {
        DlnTensor *targets[3] = { t->c, t->pi, t->btrack };

        for (size_t j = 0; j < 3; j++)
          {
            DlnTensor *src = targets[j];
            DlnTensor view = { src->rows, h, tmp->data };

            if (j == 2 && rec->n_track == 0)
              continue;
            dln_linalg_gemm (&view, src, 0, kmat, 0, 1.0, 0.0);
            memcpy (src->data, view.data, src->rows * h * sizeof (double));
          }
      }
      t->epoch++;
    }
  return DLN_STATUS_OK;
}

static DlnStatus
pass (DlnTrainer *t,
      int         record,
      int         step)
{
  size_t mark = dln_arena_mark (t->arena);
  DlnStatus st;

  st = t->path == DLN_TRAIN_PATH_REDUCED ? pass_reduced (t, record, step)
                                         : pass_direct (t, record, step);
  dln_arena_rewind (t->arena, mark);
  if (st == DLN_STATUS_NO_MEMORY)
    dln_message_set (&t->msg, 0, _("training run: scratch arena full"));
  return st;
}

DlnStatus
dln_trainer_run (DlnTrainer *trainer,
                 size_t      n_epochs)
{
  DlnTrainer *t = trainer;
  DlnStatus st;

  DLN_ASSERT (t != NULL);
  if (t->broken != DLN_STATUS_OK)
    return t->broken;
  if (t->record.diverged_epoch >= 0)
    return DLN_STATUS_DIVERGED;
  if (n_epochs > t->record.capacity - t->epoch)
    n_epochs = t->record.capacity - t->epoch;
  for (size_t i = 0; i < n_epochs; i++)
    {
      st = pass (t, t->epoch >= t->record.n_states, 1);
      if (st != DLN_STATUS_OK)
        return st;
      if (t->progress != NULL)
        t->progress (i + 1, n_epochs, t->progress_data);
    }
  if (t->epoch >= t->record.n_states)
    return pass (t, 1, 0);
  return DLN_STATUS_OK;
}

void
dln_trainer_set_progress (DlnTrainer      *trainer,
                          DlnProgressFunc  progress,
                          void            *data)
{
  DLN_ASSERT (trainer != NULL);
  trainer->progress = progress;
  trainer->progress_data = data;
}

size_t
dln_trainer_get_epoch (const DlnTrainer *trainer)
{
  DLN_ASSERT (trainer != NULL);
  return trainer->epoch;
}

DlnTrainPath
dln_trainer_get_path (const DlnTrainer *trainer)
{
  DLN_ASSERT (trainer != NULL);
  return trainer->path;
}

const DlnTrainRecord *
dln_trainer_get_record (const DlnTrainer *trainer)
{
  DLN_ASSERT (trainer != NULL);
  return &trainer->record;
}

const DlnTrainModes *
dln_trainer_get_modes (const DlnTrainer *trainer)
{
  DLN_ASSERT (trainer != NULL);
  return &trainer->modes;
}

const DlnMessage *
dln_trainer_get_message (const DlnTrainer *trainer)
{
  DLN_ASSERT (trainer != NULL);
  return &trainer->msg;
}

DlnStatus
dln_trainer_get_model (const DlnTrainer *trainer,
                       DlnArena         *arena,
                       DlnModel        **out,
                       DlnMessage       *msg)
{
  DlnModel *copy;

  DLN_ASSERT (trainer != NULL && arena != NULL && out != NULL);
  copy = dln_model_copy (arena, trainer->model);
  if (copy == NULL)
    {
      dln_message_set (msg, 0, _("no memory for a copy of the weights"));
      return DLN_STATUS_NO_MEMORY;
    }
  if (trainer->path == DLN_TRAIN_PATH_REDUCED)
    {
      /* W_D = Q A + (I − Q Qᵀ) W_D(0) Π = Q (A − A0 Π) + W_D(0) Π */
      const DlnTensor *wd0 = trainer->model->layers[copy->depth - 1];
      DlnTensor *wd = copy->layers[copy->depth - 1];
      size_t mark = dln_arena_mark (arena);
      DlnTensor *diff = dln_tensor_copy (arena, trainer->a);

      if (diff == NULL)
        {
          dln_message_set (msg, 0, _("no memory for a copy of the weights"));
          return DLN_STATUS_NO_MEMORY;
        }
      dln_linalg_gemm (diff, trainer->a0, 0, trainer->pi, 0, -1.0, 1.0);
      dln_linalg_gemm (wd, wd0, 0, trainer->pi, 0, 1.0, 0.0);
      dln_linalg_gemm (wd, trainer->q, 0, diff, 0, 1.0, 1.0);
      dln_arena_rewind (arena, mark);
    }
  *out = copy;
  return DLN_STATUS_OK;
}

const double *
dln_train_record_course_sv (const DlnTrainRecord *record,
                            size_t                epoch)
{
  DLN_ASSERT (record != NULL);
  if (epoch + 1 >= record->n_states)
    return NULL;
  return record->sv + (epoch + 1) * record->n_sv;
}

const double *
dln_train_record_sv (const DlnTrainRecord *record,
                     size_t                state)
{
  DLN_ASSERT (record != NULL && state <= record->capacity);
  return record->sv + state * record->n_sv;
}

const double *
dln_train_record_strength (const DlnTrainRecord *record,
                           size_t                state)
{
  DLN_ASSERT (record != NULL && state <= record->capacity);
  return record->strength + state * record->n_sv;
}

const double *
dln_train_record_rsm (const DlnTrainRecord *record,
                      size_t                state,
                      size_t                layer)
{
  DLN_ASSERT (record != NULL && state <= record->capacity);
  DLN_ASSERT (layer >= 1 && layer <= record->n_rsm);
  return record->rsm
    + (state * record->n_rsm + (layer - 1)) * record->n_items
      * record->n_items;
}
