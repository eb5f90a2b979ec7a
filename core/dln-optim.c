/* The six torch.optim update rules (PyTorch 1.13) over a flat vector, and
 * closed-form learning-rate schedules. Every update line cites the rule of
 * docs/theory.md#optimizers and the torch 1.13 source it mirrors
 * (torch/optim/{sgd,adagrad,rmsprop,adam}.py, _single_tensor_*), in the
 * same order of operations so float64 results agree to rounding. */

#include "config.h"

#include "dln-optim.h"

#include "dln-core-private.h"

#include <math.h>
#include <string.h>

static const char *const optim_names[DLN_OPTIM_COUNT] = {
  "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam",
};

static const char *const schedule_names[DLN_SCHEDULE_COUNT] = {
  "constant", "step", "exponential", "cosine", "warmup",
};

/* The index of @name in @names[0 .. n-1], or n (the COUNT) for NULL or an
 * unknown name. */
static int
name_index (const char *const *names,
            int                n,
            const char        *name)
{
  int k = 0;

  while (name != NULL && k < n && strcmp (name, names[k]) != 0)
    k++;
  return name != NULL ? k : n;
}

const char *
dln_optim_kind_name (DlnOptimKind kind)
{
  DLN_ASSERT (kind >= 0 && kind < DLN_OPTIM_COUNT);
  return optim_names[kind];
}

DlnOptimKind
dln_optim_kind_from_name (const char *name)
{
  return (DlnOptimKind) name_index (optim_names, DLN_OPTIM_COUNT, name);
}

void
dln_optim_params_init (DlnOptimParams *params,
                       DlnOptimKind    kind)
{
  DLN_ASSERT (params != NULL);
  DLN_ASSERT (kind >= 0 && kind < DLN_OPTIM_COUNT);

  memset (params, 0, sizeof *params);
  params->kind = kind;
  params->lr = 0.01;
  params->alpha = 0.99;
  params->beta1 = 0.9;
  params->beta2 = 0.999;
  params->eps = 1e-8;
  switch (kind)
    {
    case DLN_OPTIM_SGD:
      break;
    case DLN_OPTIM_MOMENTUM:
    case DLN_OPTIM_NESTEROV:
      params->momentum = 0.9;
      break;
    case DLN_OPTIM_ADAGRAD:
      params->eps = 1e-10;
      break;
    case DLN_OPTIM_RMSPROP:
      break;
    case DLN_OPTIM_ADAM:
      params->lr = 0.001;
      break;
    case DLN_OPTIM_COUNT:
      DLN_ASSERT (!"not a kind");
      break;
    }
}

static int
nonneg (double v)
{
  return isfinite (v) && v >= 0.0;
}

static int
unit (double v)
{
  return isfinite (v) && v >= 0.0 && v < 1.0;
}

DlnStatus
dln_optim_params_check (const DlnOptimParams *params,
                        DlnMessage           *msg)
{
  const DlnOptimParams *p = params;

  DLN_ASSERT (p != NULL);
  if (p->kind < 0 || p->kind >= DLN_OPTIM_COUNT)
    {
      dln_message_set (msg, 0, "unknown optimizer kind %d", (int) p->kind);
      return DLN_STATUS_INVALID_INPUT;
    }
#define BAD(cond, ...)                                   \
  if (cond)                                              \
    {                                                    \
      dln_message_set (msg, 0, __VA_ARGS__);             \
      return DLN_STATUS_INVALID_INPUT;                   \
    }
  BAD (!nonneg (p->lr), "invalid learning rate %g (must be >= 0)", p->lr);
  BAD (!nonneg (p->weight_decay),
       "invalid weight_decay %g (must be >= 0)", p->weight_decay);
  BAD (!nonneg (p->eps), "invalid eps %g (must be >= 0)", p->eps);
  switch (p->kind)
    {
    case DLN_OPTIM_SGD:
    case DLN_OPTIM_MOMENTUM:
    case DLN_OPTIM_NESTEROV:
      BAD (!nonneg (p->momentum),
           "invalid momentum %g (must be >= 0)", p->momentum);
      BAD (!isfinite (p->dampening), "invalid dampening %g", p->dampening);
      /* torch: "Nesterov momentum requires a momentum and zero dampening" */
      BAD (p->kind == DLN_OPTIM_NESTEROV
           && (p->momentum <= 0.0 || p->dampening != 0.0),
           "nesterov needs momentum > 0 and dampening 0 (momentum %g, "
           "dampening %g)", p->momentum, p->dampening);
      break;
    case DLN_OPTIM_ADAGRAD:
      BAD (!nonneg (p->lr_decay),
           "invalid lr_decay %g (must be >= 0)", p->lr_decay);
      BAD (!nonneg (p->initial_accumulator_value),
           "invalid initial_accumulator_value %g (must be >= 0)",
           p->initial_accumulator_value);
      break;
    case DLN_OPTIM_RMSPROP:
      BAD (!nonneg (p->momentum),
           "invalid momentum %g (must be >= 0)", p->momentum);
      /* torch accepts alpha = 1 too, but then v never moves from 0 */
      BAD (!unit (p->alpha), "invalid alpha %g (must be in [0, 1))",
           p->alpha);
      break;
    case DLN_OPTIM_ADAM:
      BAD (!unit (p->beta1), "invalid beta1 %g (must be in [0, 1))",
           p->beta1);
      BAD (!unit (p->beta2), "invalid beta2 %g (must be in [0, 1))",
           p->beta2);
      break;
    case DLN_OPTIM_COUNT:
      break;
    }
#undef BAD
  return DLN_STATUS_OK;
}

int
dln_optim_state_slots (const DlnOptimParams *params)
{
  const DlnOptimParams *p = params;

  DLN_ASSERT (p != NULL);
  switch (p->kind)
    {
    case DLN_OPTIM_SGD:
    case DLN_OPTIM_MOMENTUM:
    case DLN_OPTIM_NESTEROV:
      return p->momentum != 0.0 ? 1 : 0;            /* b */
    case DLN_OPTIM_ADAGRAD:
      return 1;                                     /* S */
    case DLN_OPTIM_RMSPROP:
      return 1 + (p->centered != 0) + (p->momentum > 0.0);  /* v, gbar, b */
    case DLN_OPTIM_ADAM:
      return 2 + (p->amsgrad != 0);                 /* m, v, vmax */
    case DLN_OPTIM_COUNT:
      break;
    }
  DLN_ASSERT (!"not a kind");
  return 0;
}

void
dln_optim_params_race (DlnOptimParams *params,
                       DlnOptimKind    kind,
                       double          lr,
                       double          mu)
{
  dln_optim_params_init (params, kind);
  params->lr = lr;
  if (kind == DLN_OPTIM_MOMENTUM || kind == DLN_OPTIM_NESTEROV)
    params->momentum = mu;
  if (kind == DLN_OPTIM_ADAM)
    params->beta1 = mu;
  if (kind == DLN_OPTIM_NESTEROV && mu == 0.0)
    params->kind = DLN_OPTIM_SGD;
}

double
dln_optim_moment (const DlnOptim *opt,
                  DlnOptimMoment  which,
                  size_t          i)
{
  int slot = -1;

  DLN_ASSERT (opt != NULL);
  if (opt->state == NULL || opt->t == 0)
    return NAN;
  DLN_ASSERT (i < opt->n);
  switch (opt->params.kind)
    {
    case DLN_OPTIM_SGD:
    case DLN_OPTIM_MOMENTUM:
    case DLN_OPTIM_NESTEROV:
      slot = which == DLN_OPTIM_MOMENT_FIRST && opt->slots > 0 ? 0 : -1;
      break;
    case DLN_OPTIM_ADAGRAD:
    case DLN_OPTIM_RMSPROP:
      slot = which == DLN_OPTIM_MOMENT_SECOND ? 0 : -1;
      break;
    case DLN_OPTIM_ADAM:
      slot = which == DLN_OPTIM_MOMENT_FIRST ? 0 : 1;
      break;
    case DLN_OPTIM_COUNT:
      break;
    }
  return slot >= 0 ? opt->state[(size_t) slot * opt->n + i] : NAN;
}

DlnStatus
dln_optim_copy (DlnOptim       *dst,
                const DlnOptim *src,
                DlnArena       *arena)
{
  size_t count;

  DLN_ASSERT (dst != NULL && src != NULL);
  *dst = *src;
  dst->arena = arena;
  if (src->state == NULL)
    return DLN_STATUS_OK;
  count = (size_t) src->slots * src->n;
  if (src->state == src->inline_state)
    dst->state = dst->inline_state;
  else
    {
      dst->state = arena != NULL
                     ? dln_arena_alloc (arena, count * sizeof (double)) : NULL;
      if (dst->state == NULL)
        {
          dln_optim_init (dst, &src->params, arena);
          return DLN_STATUS_NO_MEMORY;
        }
      memcpy (dst->state, src->state, count * sizeof (double));
    }
  return DLN_STATUS_OK;
}

void
dln_optim_init (DlnOptim             *opt,
                const DlnOptimParams *params,
                DlnArena             *arena)
{
  DLN_ASSERT (opt != NULL);
  DLN_ASSERT (params != NULL);

  memset (opt, 0, sizeof *opt);
  opt->params = *params;
  opt->arena = arena;
}

static void
fill_initial_state (DlnOptim *opt)
{
  memset (opt->state, 0, (size_t) opt->slots * opt->n * sizeof (double));
  /* torch Adagrad: state_sum = full_like(p, initial_accumulator_value) */
  if (opt->params.kind == DLN_OPTIM_ADAGRAD)
    for (size_t i = 0; i < opt->n; i++)
      opt->state[i] = opt->params.initial_accumulator_value;
}

void
dln_optim_reset (DlnOptim *opt)
{
  DLN_ASSERT (opt != NULL);

  opt->t = 0;
  if (opt->state != NULL)
    fill_initial_state (opt);
}

/* First step: size and place the state. Slots are fixed by the
 * hyperparameters of the first step; changing momentum, centered or
 * amsgrad later is a caller bug (torch would create the buffer lazily,
 * which we do not mimic). */
static DlnStatus
allocate_state (DlnOptim   *opt,
                size_t      n,
                DlnMessage *msg)
{
  int slots = dln_optim_state_slots (&opt->params);
  size_t count = (size_t) slots * n;

  opt->n = n;
  opt->slots = slots;
  if (count <= DLN_OPTIM_INLINE_STATE)
    opt->state = opt->inline_state;
  else
    {
      if (opt->arena == NULL || n > ((size_t) -1) / sizeof (double) / 3)
        opt->state = NULL;
      else
        opt->state = dln_arena_alloc (opt->arena, count * sizeof (double));
      if (opt->state == NULL)
        {
          opt->n = 0;
          dln_message_set (msg, 0,
                           "optimizer state of %zu doubles does not fit %s",
                           count, opt->arena == NULL ? "inline (no arena)"
                                                     : "the arena");
          return DLN_STATUS_NO_MEMORY;
        }
    }
  fill_initial_state (opt);
  return DLN_STATUS_OK;
}

/* g_i with L2 weight decay: torch `grad = grad.add(param, alpha=wd)` */
static inline double
decayed (double g,
         double p,
         double wd)
{
  return wd != 0.0 ? g + wd * p : g;
}

static void
step_sgd (DlnOptim     *opt,
          double       *p,
          const double *grad,
          size_t        n)
{
  const DlnOptimParams *h = &opt->params;
  const double lr = h->lr, mu = h->momentum, wd = h->weight_decay;
  const int nesterov = h->kind == DLN_OPTIM_NESTEROV;
  double *b = opt->state;

  for (size_t i = 0; i < n; i++)
    {
      double d = decayed (grad[i], p[i], wd);

      if (mu != 0.0)
        {
          /* b_1 = g_1 (torch clones d_p, no dampening on the first step);
           * b_t = mu b_{t-1} + (1 - dampening) g_t  (torch mul_ then add_) */
          if (opt->t == 1)
            b[i] = d;
          else
            b[i] = b[i] * mu + (1.0 - h->dampening) * d;
          /* Nesterov: d = g_t + mu b_t; heavy ball: d = b_t */
          d = nesterov ? d + mu * b[i] : b[i];
        }
      /* p -= lr d  (torch param.add_(d_p, alpha=-lr)) */
      p[i] = p[i] + (-lr) * d;
    }
}

static void
step_adagrad (DlnOptim     *opt,
              double       *p,
              const double *grad,
              size_t        n)
{
  const DlnOptimParams *h = &opt->params;
  /* clr = lr / (1 + (t - 1) lr_decay) */
  const double clr = h->lr / (1.0 + (double) (opt->t - 1) * h->lr_decay);
  double *S = opt->state;

  for (size_t i = 0; i < n; i++)
    {
      double g = decayed (grad[i], p[i], h->weight_decay);

      /* S += g^2  (state_sum.addcmul_(grad, grad, value=1)) */
      S[i] = S[i] + g * g;
      /* p -= clr g / (sqrt(S) + eps)  (addcdiv_ with value=-clr) */
      p[i] = p[i] + (-clr) * (g / (sqrt (S[i]) + h->eps));
    }
}

static void
step_rmsprop (DlnOptim     *opt,
              double       *p,
              const double *grad,
              size_t        n)
{
  const DlnOptimParams *h = &opt->params;
  const double a = h->alpha, mu = h->momentum;
  double *v = opt->state;
  double *gbar = h->centered ? opt->state + n : NULL;
  double *b = mu > 0.0 ? opt->state + n * (h->centered ? 2 : 1) : NULL;

  for (size_t i = 0; i < n; i++)
    {
      double g = decayed (grad[i], p[i], h->weight_decay);
      double avg;

      /* v = alpha v + (1 - alpha) g^2  (mul_(alpha).addcmul_) */
      v[i] = v[i] * a + (1.0 - a) * (g * g);
      if (gbar != NULL)
        {
          /* centered: gbar = alpha gbar + (1 - alpha) g;
           * avg = sqrt(v - gbar^2) + eps  (addcmul(value=-1).sqrt_()) */
          gbar[i] = gbar[i] * a + (1.0 - a) * g;
          avg = sqrt (v[i] + (-1.0) * (gbar[i] * gbar[i])) + h->eps;
        }
      else
        avg = sqrt (v[i]) + h->eps;       /* avg = sqrt(v) + eps */
      if (b != NULL)
        {
          /* buf = mu buf + g/avg; p -= lr buf */
          b[i] = b[i] * mu + g / avg;
          p[i] = p[i] + (-h->lr) * b[i];
        }
      else
        p[i] = p[i] + (-h->lr) * (g / avg);   /* p -= lr g/avg */
    }
}

static void
step_adam (DlnOptim     *opt,
           double       *p,
           const double *grad,
           size_t        n)
{
  const DlnOptimParams *h = &opt->params;
  const double b1 = h->beta1, b2 = h->beta2, t = (double) opt->t;
  /* bias corrections 1 - b1^t, sqrt(1 - b2^t); step size lr/(1 - b1^t) */
  const double bc1 = 1.0 - pow (b1, t);
  const double bc2_sqrt = sqrt (1.0 - pow (b2, t));
  const double step_size = h->lr / bc1;
  double *m = opt->state, *v = opt->state + n;
  double *vmax = h->amsgrad ? opt->state + 2 * n : NULL;

  for (size_t i = 0; i < n; i++)
    {
      double g = decayed (grad[i], p[i], h->weight_decay);
      double denom;

      m[i] = m[i] * b1 + (1.0 - b1) * g;         /* m = b1 m + (1-b1) g */
      v[i] = v[i] * b2 + (1.0 - b2) * (g * g);   /* v = b2 v + (1-b2) g^2 */
      if (vmax != NULL)
        {
          /* amsgrad: vmax = max(vmax, v) replaces v in the denominator */
          vmax[i] = fmax (vmax[i], v[i]);
          denom = sqrt (vmax[i]) / bc2_sqrt + h->eps;
        }
      else
        denom = sqrt (v[i]) / bc2_sqrt + h->eps;   /* sqrt(v)/sqrt(bc2)+eps */
      /* p -= (lr/(1 - b1^t)) m / denom  (addcdiv_ value=-step_size) */
      p[i] = p[i] + (-step_size) * (m[i] / denom);
    }
}

DlnStatus
dln_optim_step (DlnOptim     *opt,
                double       *p,
                const double *grad,
                size_t        n,
                DlnMessage   *msg)
{
  DlnStatus status;

  DLN_ASSERT (opt != NULL);
  DLN_ASSERT (p != NULL && grad != NULL);
  DLN_ASSERT (n > 0);

  if (opt->t == 0)
    {
      status = dln_optim_params_check (&opt->params, msg);
      if (status != DLN_STATUS_OK)
        return status;
      if (opt->state == NULL)
        {
          status = allocate_state (opt, n, msg);
          if (status != DLN_STATUS_OK)
            return status;
        }
    }
  DLN_ASSERT (opt->n == n);
  /* the slots are fixed by the first step (see allocate_state) */
  DLN_ASSERT (dln_optim_state_slots (&opt->params) == opt->slots);
  opt->t++;

  switch (opt->params.kind)
    {
    case DLN_OPTIM_SGD:
    case DLN_OPTIM_MOMENTUM:
    case DLN_OPTIM_NESTEROV:
      step_sgd (opt, p, grad, n);
      break;
    case DLN_OPTIM_ADAGRAD:
      step_adagrad (opt, p, grad, n);
      break;
    case DLN_OPTIM_RMSPROP:
      step_rmsprop (opt, p, grad, n);
      break;
    case DLN_OPTIM_ADAM:
      step_adam (opt, p, grad, n);
      break;
    case DLN_OPTIM_COUNT:
      DLN_ASSERT (!"not a kind");
      break;
    }

  /* The step is applied either way, so the caller sees where it went. */
  for (size_t i = 0; i < n; i++)
    if (!isfinite (grad[i]))
      {
        dln_message_set (msg, 0, "gradient %zu is %g at step %ld",
                         i, grad[i], opt->t);
        return DLN_STATUS_DIVERGED;
      }
  for (size_t i = 0; i < n; i++)
    if (!isfinite (p[i]))
      {
        dln_message_set (msg, 0, "parameter %zu became %g at step %ld",
                         i, p[i], opt->t);
        return DLN_STATUS_DIVERGED;
      }
  return DLN_STATUS_OK;
}

/* --- Schedules --- */

const char *
dln_schedule_kind_name (DlnScheduleKind kind)
{
  DLN_ASSERT (kind >= 0 && kind < DLN_SCHEDULE_COUNT);
  return schedule_names[kind];
}

DlnScheduleKind
dln_schedule_kind_from_name (const char *name)
{
  return (DlnScheduleKind) name_index (schedule_names, DLN_SCHEDULE_COUNT,
                                      name);
}

void
dln_schedule_init (DlnSchedule     *schedule,
                   DlnScheduleKind  kind)
{
  DLN_ASSERT (schedule != NULL);
  DLN_ASSERT (kind >= 0 && kind < DLN_SCHEDULE_COUNT);

  memset (schedule, 0, sizeof *schedule);
  schedule->kind = kind;
  schedule->gamma = kind == DLN_SCHEDULE_EXPONENTIAL ? 0.95 : 0.1;
  schedule->step_size = 30;
  schedule->t_max = 100;
  schedule->eta_min = 0.0;
  schedule->start_factor = 1.0 / 3.0;
  schedule->end_factor = 1.0;
  schedule->total_iters = 5;
}

DlnStatus
dln_schedule_check (const DlnSchedule *schedule,
                    DlnMessage        *msg)
{
  const DlnSchedule *s = schedule;

  DLN_ASSERT (s != NULL);
  switch (s->kind)
    {
    case DLN_SCHEDULE_CONSTANT:
      return DLN_STATUS_OK;
    case DLN_SCHEDULE_STEP:
      if (s->step_size <= 0)
        {
          dln_message_set (msg, 0, "step_size must be > 0 (got %ld)",
                           s->step_size);
          return DLN_STATUS_INVALID_INPUT;
        }
      /* fall through: gamma as for EXPONENTIAL */
      __attribute__ ((fallthrough));
    case DLN_SCHEDULE_EXPONENTIAL:
      if (!nonneg (s->gamma))
        {
          dln_message_set (msg, 0, "gamma must be >= 0 (got %g)", s->gamma);
          return DLN_STATUS_INVALID_INPUT;
        }
      return DLN_STATUS_OK;
    case DLN_SCHEDULE_COSINE:
      if (s->t_max <= 0 || !nonneg (s->eta_min))
        {
          dln_message_set (msg, 0, "cosine needs t_max > 0 and eta_min >= 0 "
                           "(got %ld, %g)", s->t_max, s->eta_min);
          return DLN_STATUS_INVALID_INPUT;
        }
      return DLN_STATUS_OK;
    case DLN_SCHEDULE_WARMUP:
      /* torch LinearLR: 0 < start_factor <= 1, 0 <= end_factor <= 1 */
      if (!(s->start_factor > 0.0 && s->start_factor <= 1.0)
          || !(s->end_factor >= 0.0 && s->end_factor <= 1.0)
          || s->total_iters <= 0)
        {
          dln_message_set (msg, 0, "warmup needs start_factor in (0, 1], "
                           "end_factor in [0, 1] and total_iters > 0");
          return DLN_STATUS_INVALID_INPUT;
        }
      return DLN_STATUS_OK;
    case DLN_SCHEDULE_COUNT:
      break;
    }
  dln_message_set (msg, 0, "unknown schedule kind %d", (int) s->kind);
  return DLN_STATUS_INVALID_INPUT;
}

double
dln_schedule_lr (const DlnSchedule *schedule,
                 double             base_lr,
                 long               epoch)
{
  const DlnSchedule *s = schedule;

  DLN_ASSERT (epoch >= 0);
  if (s == NULL)
    return base_lr;
  switch (s->kind)
    {
    case DLN_SCHEDULE_CONSTANT:
      return base_lr;
    case DLN_SCHEDULE_STEP:
      DLN_ASSERT (s->step_size > 0);
      return base_lr * pow (s->gamma, (double) (epoch / s->step_size));
    case DLN_SCHEDULE_EXPONENTIAL:
      return base_lr * pow (s->gamma, (double) epoch);
    case DLN_SCHEDULE_COSINE:
      DLN_ASSERT (s->t_max > 0);
      /* Past T_max the cosine goes on (back up to base at 2 T_max), as
       * torch's recursion does: its special case at e = T_max + 1 adds
       * (base − eta_min)(1 − cos(π/T_max))/2, which is this form there. */
      return s->eta_min + (base_lr - s->eta_min)
             * (1.0 + cos (M_PI * (double) epoch / (double) s->t_max)) / 2.0;
    case DLN_SCHEDULE_WARMUP:
      {
        long e = DLN_MIN (epoch, s->total_iters);

        DLN_ASSERT (s->total_iters > 0);
        return base_lr * (s->start_factor + (s->end_factor - s->start_factor)
                          * (double) e / (double) s->total_iters);
      }
    case DLN_SCHEDULE_COUNT:
      break;
    }
  DLN_ASSERT (!"not a schedule kind");
  return base_lr;
}
