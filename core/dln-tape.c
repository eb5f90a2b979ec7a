/* Evaluation tapes: an expression as a flat list of scalar instructions
 * over slots, evaluated without allocation.
 *
 * Slots: [0, n_vars) variables, [n_vars, n_vars + n_consts) constants,
 * then one slot per instruction's result. The workspace holds, per slot,
 * the value, the adjoint (∂f/∂slot), the tangent (directional derivative
 * along v) and the tangent of the adjoint, then the partials of every
 * instruction (kept from the forward sweep for the reverse one).
 *
 * Hessian-vector products are forward-over-reverse (Griewank & Walther,
 * "Evaluating Derivatives", 2nd ed., section 5.4): the forward sweep
 * carries tangents ṫ = Σ ∂y/∂u·u̇; the reverse sweep carries adjoints
 * ū += ȳ·∂y/∂u and their tangents
 *   u̇̄ += ẏ̄·∂y/∂u + ȳ·(∂²y/∂u∂a·ȧ + ∂²y/∂u∂b·ḃ). */

#include "dln-tape.h"

#include "dln-core-private.h"
#include "dln-expr-private.h"
#include "dln-ops.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct
{
  DlnOp op;
  int   a, b;  /* input slots (b = -1 for unary ops) */
  int   y;     /* output slot */
} Instr;

struct DlnTape
{
  int      n_vars;
  int      n_consts;
  int      n_instr;
  int      n_slots;
  int      out;          /* slot of f */
  Instr   *instr;        /* [n_instr] */
  double  *consts;       /* [n_consts], copied to their slots each sweep */
  char   (*names)[DLN_EXPR_MAX_NAME + 1];  /* [n_vars] */
  double  *work;         /* built-in workspace */
};

/* 1 when step @i of @expr is the constant @value. */
static int
is_constant (const DlnExpr *expr,
             int            i,
             double         value)
{
  DlnExprStep s;

  dln_expr_step (expr, i, &s);
  return s.op == DLN_OP_LEAF && s.var < 0 && s.value == value;
}

size_t
dln_tape_workspace_size (const DlnTape *tape)
{
  DLN_ASSERT (tape != NULL);
  return 4 * (size_t) tape->n_slots
         + (sizeof (DlnPartials) / sizeof (double)) * (size_t) tape->n_instr;
}

DlnStatus
dln_tape_new (const DlnExpr      *expr,
              const char *const  *var_names,
              int                 n_vars,
              DlnArena           *arena,
              DlnTape           **out,
              DlnMessage         *msg)
{
  DlnTape *t;
  int *var_slot, *step_slot, n_steps, n_expr_vars;
  unsigned char *live;

  DLN_ASSERT (expr != NULL && arena != NULL && out != NULL);
  DLN_ASSERT (var_names == NULL || n_vars >= 0);
  *out = NULL;
  dln_message_clear (msg);
  n_expr_vars = dln_expr_n_vars (expr);
  n_steps = dln_expr_n_steps (expr);
  if (var_names == NULL)
    n_vars = n_expr_vars;

  t = dln_arena_alloc (arena, sizeof *t);
  if (t == NULL)
    goto no_memory;
  t->n_vars = n_vars;
  t->names = dln_arena_alloc (arena, (size_t) n_vars * sizeof *t->names);
  var_slot = dln_arena_alloc (arena, (size_t) n_expr_vars * sizeof (int));
  step_slot = dln_arena_alloc (arena, (size_t) n_steps * sizeof (int));
  t->instr = dln_arena_alloc (arena, (size_t) n_steps * sizeof (Instr));
  t->consts = dln_arena_alloc (arena, (size_t) n_steps * sizeof (double));
  if (t->names == NULL || var_slot == NULL || step_slot == NULL
      || t->instr == NULL || t->consts == NULL)
    goto no_memory;

  for (int i = 0; i < n_vars; i++)
    {
      const char *name = var_names != NULL ? var_names[i]
                                           : dln_expr_var_name (expr, i);

      DLN_ASSERT (name != NULL);
      snprintf (t->names[i], sizeof t->names[i], "%s", name);
    }
  /* Map the expression's variables to the caller's order. */
  for (int j = 0; j < n_expr_vars; j++)
    {
      var_slot[j] = -1;
      for (int i = 0; i < n_vars; i++)
        if (strcmp (t->names[i], dln_expr_var_name (expr, j)) == 0)
          {
            var_slot[j] = i;
            break;
          }
      if (var_slot[j] < 0)
        {
          dln_message_set (msg, dln_expr_var_column (expr, j),
                           "unknown variable '%s'",
                           dln_expr_var_name (expr, j));
          return DLN_STATUS_INVALID_INPUT;
        }
    }

  /* Constants first (their slots follow the variables), then
   * instructions, whose slots follow the constants. */
  t->n_consts = 0;
  for (int i = 0; i < n_steps; i++)
    {
      DlnExprStep s;

      dln_expr_step (expr, i, &s);
      if (s.op == DLN_OP_LEAF && s.var < 0)
        {
          step_slot[i] = n_vars + t->n_consts;
          t->consts[t->n_consts++] = s.value;
        }
    }
  /* Only steps the output depends on are recorded. A program may assign
   * a name it never uses; PyTorch leaves such a branch out of backward,
   * and so must we: its adjoint is 0, but 0 times a partial that is nan
   * (d(a^b)/db for a < 0) would still reach the inputs. Steps come in
   * post-order, inputs first, so one backward pass marks them. */
  live = dln_arena_alloc (arena, (size_t) n_steps);
  if (live == NULL)
    goto no_memory;
  for (int i = 0; i < n_steps; i++)
    live[i] = 0;
  live[dln_expr_root (expr)] = 1;
  for (int i = n_steps - 1; i >= 0; i--)
    {
      DlnExprStep s;

      dln_expr_step (expr, i, &s);
      if (!live[i] || s.op == DLN_OP_LEAF)
        continue;
      DLN_ASSERT (s.a < i && s.b < i);
      live[s.a] = 1;
      if (s.b >= 0)
        live[s.b] = 1;
    }
  t->n_instr = 0;
  for (int i = 0; i < n_steps; i++)
    {
      DlnExprStep s;

      dln_expr_step (expr, i, &s);
      if (s.op == DLN_OP_LEAF)
        {
          if (s.var >= 0)
            step_slot[i] = var_slot[s.var];
          continue;
        }
      if (!live[i])
        continue;
      step_slot[i] = n_vars + t->n_consts + t->n_instr;
      t->instr[t->n_instr].op = s.op;
      t->instr[t->n_instr].a = step_slot[s.a];
      t->instr[t->n_instr].b = s.b >= 0 ? step_slot[s.b] : -1;
      /* a^2 with a constant 2 runs as a·a: the same value (POW squares
       * by multiplying), the same gradient 2a and second derivative 2 via
       * MUL's rules, without pow's ∂/∂b = a²·ln a (a log per step) that a
       * constant exponent never needs. */
      if (s.op == DLN_OP_POW && is_constant (expr, s.b, 2.0))
        {
          t->instr[t->n_instr].op = DLN_OP_MUL;
          t->instr[t->n_instr].b = t->instr[t->n_instr].a;
        }
      t->instr[t->n_instr].y = step_slot[i];
      t->n_instr++;
    }
  t->n_slots = n_vars + t->n_consts + t->n_instr;
  t->out = step_slot[dln_expr_root (expr)];
  t->work = dln_arena_alloc (arena,
                             dln_tape_workspace_size (t) * sizeof (double));
  if (t->work == NULL)
    goto no_memory;
  *out = t;
  return DLN_STATUS_OK;

no_memory:
  dln_message_set (msg, 0, "out of memory compiling '%.64s'",
                   dln_expr_text (expr));
  return DLN_STATUS_NO_MEMORY;
}

int
dln_tape_n_vars (const DlnTape *tape)
{
  DLN_ASSERT (tape != NULL);
  return tape->n_vars;
}

int
dln_tape_n_instructions (const DlnTape *tape)
{
  DLN_ASSERT (tape != NULL);
  return tape->n_instr;
}

const char *
dln_tape_var_name (const DlnTape *tape,
                   int            i)
{
  DLN_ASSERT (tape != NULL && i >= 0 && i < tape->n_vars);
  return tape->names[i];
}

/* Values of every slot into val[]. */
static void
sweep_forward (const DlnTape *t,
               const double  *x,
               double        *val)
{
  DLN_ASSERT (x != NULL || t->n_vars == 0);
  if (t->n_vars > 0)
    memcpy (val, x, (size_t) t->n_vars * sizeof (double));
  if (t->n_consts > 0)
    memcpy (val + t->n_vars, t->consts, (size_t) t->n_consts * sizeof (double));
  for (int i = 0; i < t->n_instr; i++)
    {
      const Instr *in = &t->instr[i];
      double a = val[in->a], b = in->b >= 0 ? val[in->b] : 0.0;

      /* The four arithmetic ops inline (exactly dln_op_forward_scalar's
       * expressions): surfaces evaluate tapes on 512 x 512 grids, and a
       * call per + or · doubled the time of polynomial formulas. */
      switch (in->op)
        {
        case DLN_OP_ADD: val[in->y] = a + b; break;
        case DLN_OP_SUB: val[in->y] = a - b; break;
        case DLN_OP_MUL: val[in->y] = a * b; break;
        case DLN_OP_DIV: val[in->y] = a / b; break;
        case DLN_OP_LEAF: case DLN_OP_NEG: case DLN_OP_POW: case DLN_OP_EXP:
        case DLN_OP_LOG: case DLN_OP_SIN: case DLN_OP_COS: case DLN_OP_TANH:
        case DLN_OP_SIGMOID: case DLN_OP_RELU: case DLN_OP_SQRT:
        case DLN_OP_ABS: case DLN_OP_MATMUL: case DLN_OP_SUM: case DLN_OP_MEAN:
        case DLN_OP_BROADCAST: case DLN_OP_MSE: case DLN_OP_COUNT:
          val[in->y] = dln_op_forward_scalar (in->op, a, b);
          break;
        }
    }
}

double
dln_tape_value (const DlnTape *tape,
                const double  *x,
                double        *work)
{
  DLN_ASSERT (tape != NULL);
  if (work == NULL)
    work = tape->work;
  sweep_forward (tape, x, work);
  return work[tape->out];
}

double
dln_tape_grad (const DlnTape *tape,
               const double  *x,
               double        *grad,
               double        *work)
{
  const DlnTape *t = tape;
  double *val, *adj;

  DLN_ASSERT (tape != NULL);
  DLN_ASSERT (grad != NULL || t->n_vars == 0);
  if (work == NULL)
    work = t->work;
  val = work;
  adj = work + t->n_slots;
  sweep_forward (t, x, val);
  memset (adj, 0, (size_t) t->n_slots * sizeof (double));
  adj[t->out] = 1.0;
  for (int i = t->n_instr - 1; i >= 0; i--)
    {
      const Instr *in = &t->instr[i];
      double ybar = adj[in->y];
      DlnPartials p;

      dln_op_partials (in->op, val[in->a], in->b >= 0 ? val[in->b] : 0.0,
                       val[in->y], 0, &p);
      adj[in->a] += ybar * p.da;
      if (in->b >= 0)
        adj[in->b] += ybar * p.db;
    }
  if (t->n_vars > 0)
    memcpy (grad, adj, (size_t) t->n_vars * sizeof (double));
  return val[t->out];
}

/* p·q where q is a tangent quantity: an exactly zero tangent is a
 * structural zero and contributes nothing, even when p is ±inf or nan
 * (see dln-tape.h). */
static inline double
tmul (double p,
      double q)
{
  return q == 0.0 ? 0.0 : p * q;
}

double
dln_tape_hvp (const DlnTape *tape,
              const double  *x,
              const double  *v,
              double        *grad,
              double        *hv,
              double        *work)
{
  const DlnTape *t = tape;
  double *val, *adj, *tan, *tadj;
  DlnPartials *part;

  DLN_ASSERT (tape != NULL);
  DLN_ASSERT ((v != NULL && hv != NULL) || t->n_vars == 0);
  if (work == NULL)
    work = t->work;
  val = work;
  adj = val + t->n_slots;
  tan = adj + t->n_slots;
  tadj = tan + t->n_slots;
  part = (DlnPartials *) (tadj + t->n_slots);

  /* Forward: values and tangents along v. */
  sweep_forward (t, x, val);
  memset (tan, 0, (size_t) t->n_slots * sizeof (double));
  if (t->n_vars > 0)
    memcpy (tan, v, (size_t) t->n_vars * sizeof (double));
  for (int i = 0; i < t->n_instr; i++)
    {
      const Instr *in = &t->instr[i];
      DlnPartials *p = &part[i];

      dln_op_partials (in->op, val[in->a], in->b >= 0 ? val[in->b] : 0.0,
                       val[in->y], 1, p);
      tan[in->y] = tmul (p->da, tan[in->a])
                   + (in->b >= 0 ? tmul (p->db, tan[in->b]) : 0.0);
    }

  /* Reverse: adjoints and their tangents. */
  memset (adj, 0, (size_t) t->n_slots * sizeof (double));
  memset (tadj, 0, (size_t) t->n_slots * sizeof (double));
  adj[t->out] = 1.0;
  for (int i = t->n_instr - 1; i >= 0; i--)
    {
      const Instr *in = &t->instr[i];
      const DlnPartials *p = &part[i];
      double ybar = adj[in->y], ybar_dot = tadj[in->y];
      double ta = tan[in->a], tb = in->b >= 0 ? tan[in->b] : 0.0;

      adj[in->a] += ybar * p->da;
      tadj[in->a] += tmul (p->da, ybar_dot)
                     + ybar * (tmul (p->daa, ta) + tmul (p->dab, tb));
      if (in->b >= 0)
        {
          adj[in->b] += ybar * p->db;
          tadj[in->b] += tmul (p->db, ybar_dot)
                         + ybar * (tmul (p->dab, ta) + tmul (p->dbb, tb));
        }
    }
  if (grad != NULL && t->n_vars > 0)
    memcpy (grad, adj, (size_t) t->n_vars * sizeof (double));
  if (t->n_vars > 0)
    memcpy (hv, tadj, (size_t) t->n_vars * sizeof (double));
  return val[t->out];
}

double
dln_tape_hessian (const DlnTape *tape,
                  const double  *x,
                  double        *grad,
                  double        *hess,
                  double        *work)
{
  const DlnTape *t = tape;
  int n;
  double f = NAN;

  DLN_ASSERT (tape != NULL);
  n = t->n_vars;
  DLN_ASSERT (hess != NULL || n == 0);
  if (n == 0)
    return dln_tape_value (t, x, work);
  /* Row j of hess first holds the direction e_j, then H·e_j (the
   * product reads its direction before it writes its result). */
  for (int j = 0; j < n; j++)
    {
      double *col = hess + (size_t) j * n;

      for (int i = 0; i < n; i++)
        col[i] = i == j ? 1.0 : 0.0;
      f = dln_tape_hvp (t, x, col, j == 0 ? grad : NULL, col, work);
    }
  /* Forward-over-reverse gives H e_j up to rounding; average the two
   * triangles so the result is exactly symmetric. */
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      {
        double s = 0.5 * (hess[i * n + j] + hess[j * n + i]);

        hess[i * n + j] = s;
        hess[j * n + i] = s;
      }
  return f;
}
