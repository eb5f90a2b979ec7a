/* Expressions as PyTorch code: a printer over the expression's syntax
 * graph (dln-expr-private.h) that parenthesises by Python's precedence and
 * keeps dlnlab's order of evaluation. */

#include "dln-expr-python.h"

#include "dln-core-private.h"
#include "dln-expr-private.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_SIZE (DLN_EXPR_MAX_NAME + 8)

/* Python's binding strength of what a node prints as. */
enum
{
  PREC_ADD = 2,   /* + - */
  PREC_MUL = 3,   /* * / */
  PREC_NEG = 4,   /* unary - */
  PREC_POW = 5,   /* ** (right-associative, above a unary minus on its
                   * left, below one on its right) */
  PREC_ATOM = 6,  /* names, numbers, calls, parenthesised */
};

/* Keywords, and names the scripts use beside an expression's values. */
static const char *const reserved[] = {
  "False", "None", "True", "and", "as", "assert", "async", "await",
  "break", "class", "continue", "def", "del", "elif", "else", "except",
  "finally", "for", "from", "global", "if", "import", "in", "is",
  "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
  "while", "with", "yield",
  "torch", "math", "np", "nn", "args", "argparse", "plt", "print", "range",
  "len", "float", "int", "str", "zip", "open", "min", "max", "sum", "list",
  "dict", "tuple", "enumerate", "write_csv", "pyplot", "local", "grad",
  "value", "values", "node", "nodes", "edges", "rows", "out", "inputs",
  "output", "ops", "gradient", "local_derivatives", "parser",
  /* the graph script's settings */
  "stage", "expr", "at", "direction", "highlight", "current", "step",
};

static const char *const functions[DLN_OP_COUNT] = {
  [DLN_OP_EXP] = "torch.exp",         [DLN_OP_LOG] = "torch.log",
  [DLN_OP_SIN] = "torch.sin",         [DLN_OP_COS] = "torch.cos",
  [DLN_OP_TANH] = "torch.tanh",       [DLN_OP_SIGMOID] = "torch.sigmoid",
  [DLN_OP_RELU] = "torch.relu",       [DLN_OP_SQRT] = "torch.sqrt",
  [DLN_OP_ABS] = "torch.abs",
};

typedef struct
{
  char   *buf;
  size_t  size;
  size_t  len;     /* the whole text's length so far */
} Writer;

typedef struct
{
  const DlnExpr *expr;
  DlnExprStep   *steps;     /* [n_steps] */
  char         (*names)[NAME_SIZE];  /* [n_steps] a named value's Python
                                      * name, else "" */
  char         (*vars)[NAME_SIZE];   /* [n_vars] */
  unsigned char *tensor;    /* [n_steps] prints as a tensor */
  Writer         w;
} Printer;

static void
put (Writer     *w,
     const char *fmt,
     ...)
{
  va_list ap;
  size_t room = w->len < w->size ? w->size - w->len : 0;
  int n;

  va_start (ap, fmt);
  n = vsnprintf (room > 0 ? w->buf + w->len : NULL, room, fmt, ap);
  va_end (ap);
  if (n > 0)
    w->len += (size_t) n;
}

int
dln_expr_python_reserved (const char *name)
{
  for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
    if (strcmp (name, reserved[i]) == 0)
      return 1;
  return 0;
}

static int
is_named (const DlnExprStep *s)
{
  return s->op != DLN_OP_LEAF && s->label[0] != '\0';
}

/* Whether @name is one of the expression's own names or a Python name
 * given so far. */
static int
name_taken (const Printer *p,
            const char    *name)
{
  int n_vars = dln_expr_n_vars (p->expr), n = dln_expr_n_steps (p->expr);

  for (int i = 0; i < n_vars; i++)
    if (strcmp (dln_expr_var_name (p->expr, i), name) == 0
        || strcmp (p->vars[i], name) == 0)
      return 1;
  for (int i = 0; i < n; i++)
    if (is_named (&p->steps[i]) && (strcmp (p->steps[i].label, name) == 0
                                    || strcmp (p->names[i], name) == 0))
      return 1;
  return 0;
}

/* Gives @out the Python name of @name: itself, or with '_' appended until
 * it is neither reserved nor taken. */
static void
python_name (const Printer *p,
             const char    *name,
             char          *out)
{
  char candidate[NAME_SIZE];
  size_t len = strlen (name);

  memcpy (candidate, name, len + 1);
  while (dln_expr_python_reserved (candidate)
         || (len > strlen (name) && name_taken (p, candidate)))
    {
      DLN_ASSERT (len + 1 < NAME_SIZE);
      candidate[len++] = '_';
      candidate[len] = '\0';
    }
  memcpy (out, candidate, len + 1);
}

static void
printer_clear (Printer *p)
{
  free (p->steps);
  free (p->names);
  free (p->vars);
  free (p->tensor);
}

/* Copies the steps, names everything, and marks what prints as a tensor.
 * Returns 0 when out of memory. */
static int
printer_init (Printer       *p,
              const DlnExpr *expr)
{
  int n = dln_expr_n_steps (expr), n_vars = dln_expr_n_vars (expr);

  memset (p, 0, sizeof *p);
  p->expr = expr;
  p->steps = calloc ((size_t) n, sizeof *p->steps);
  p->names = calloc ((size_t) n, sizeof *p->names);
  p->vars = calloc ((size_t) (n_vars > 0 ? n_vars : 1), sizeof *p->vars);
  p->tensor = calloc ((size_t) n, 1);
  if (p->steps == NULL || p->names == NULL || p->vars == NULL
      || p->tensor == NULL)
    {
      printer_clear (p);
      return 0;
    }
  for (int i = 0; i < n; i++)
    dln_expr_step (expr, i, &p->steps[i]);
  /* in order of appearance, so an earlier name keeps its spelling */
  for (int i = 0; i < n_vars; i++)
    python_name (p, dln_expr_var_name (expr, i), p->vars[i]);
  for (int i = 0; i < n; i++)
    if (is_named (&p->steps[i]))
      python_name (p, p->steps[i].label, p->names[i]);
  for (int i = 0; i < n; i++)
    {
      const DlnExprStep *s = &p->steps[i];

      if (s->op == DLN_OP_LEAF)
        p->tensor[i] = s->var >= 0;
      else if (s->op == DLN_OP_NEG)
        p->tensor[i] = p->tensor[s->a];
      else
        p->tensor[i] = 1;  /* a number operand is wrapped (print_operand) */
    }
  return 1;
}

/* How node @i prints where it is used (@define: its own definition). */
static int
precedence (const Printer *p,
            int            i,
            int            define)
{
  const DlnExprStep *s = &p->steps[i];

  if (!define && p->names[i][0] != '\0')
    return PREC_ATOM;
  switch (s->op)
    {
    case DLN_OP_ADD: case DLN_OP_SUB: return PREC_ADD;
    case DLN_OP_MUL: case DLN_OP_DIV: return PREC_MUL;
    case DLN_OP_NEG:                  return PREC_NEG;
    case DLN_OP_POW: case DLN_OP_MSE: return PREC_POW;
    default:                          return PREC_ATOM;
    }
}

static void print_node (Printer *p, int i, int define);

/* Prints operand @i, in parentheses when it binds less than @min; as
 * torch.tensor (...) when @wrap. */
static void
print_operand (Printer *p,
               int      i,
               int      min,
               int      wrap)
{
  if (wrap)
    {
      put (&p->w, "torch.tensor(");
      print_node (p, i, 0);
      put (&p->w, ")");
    }
  else if (precedence (p, i, 0) < min)
    {
      put (&p->w, "(");
      print_node (p, i, 0);
      put (&p->w, ")");
    }
  else
    print_node (p, i, 0);
}

static void
print_number (Printer *p,
              double   v)
{
  char text[40];

  if (v == M_PI)
    {
      put (&p->w, "math.pi");
      return;
    }
  if (v == M_E)
    {
      put (&p->w, "math.e");
      return;
    }
  if (isinf (v))
    {
      put (&p->w, "math.inf");  /* 1e999 parses as infinity */
      return;
    }
  for (int digits = 15; digits <= 17; digits++)
    {
      snprintf (text, sizeof text, "%.*g", digits, v);
      if (strtod (text, NULL) == v)
        break;
    }
  /* the C locale's '.' is guaranteed: core never calls setlocale, and a
   * GUI's LC_NUMERIC would only change it for printf after setlocale */
  for (char *c = text; *c != '\0'; c++)
    if (*c == ',')
      *c = '.';
  put (&p->w, "%s%s", text, strpbrk (text, ".e") == NULL ? ".0" : "");
}

static void
print_node (Printer *p,
            int      i,
            int      define)
{
  const DlnExprStep *s = &p->steps[i];
  int wrap = s->op != DLN_OP_LEAF && s->op != DLN_OP_NEG
             && !p->tensor[s->a] && (s->b < 0 || !p->tensor[s->b]);
  const char *sym;

  if (!define && p->names[i][0] != '\0')
    {
      put (&p->w, "%s", p->names[i]);
      return;
    }
  switch (s->op)
    {
    case DLN_OP_LEAF:
      if (s->var >= 0)
        put (&p->w, "%s", p->vars[s->var]);
      else
        print_number (p, s->value);
      return;
    case DLN_OP_NEG:
      put (&p->w, "-");
      print_operand (p, s->a, PREC_NEG + 1, 0);
      return;
    case DLN_OP_POW:
      print_operand (p, s->a, PREC_ATOM, wrap);
      put (&p->w, " ** ");
      print_operand (p, s->b, PREC_NEG, 0);
      return;
    case DLN_OP_MSE:
      /* (a - b)², squared as dlnlab does: (a - b)·(a - b) */
      put (&p->w, "(");
      print_operand (p, s->a, PREC_ADD, wrap);
      put (&p->w, " - ");
      print_operand (p, s->b, PREC_ADD + 1, 0);
      put (&p->w, ") ** 2");
      return;
    case DLN_OP_ADD: sym = "+"; goto binary;
    case DLN_OP_SUB: sym = "-"; goto binary;
    case DLN_OP_MUL: sym = "*"; goto binary;
    case DLN_OP_DIV: sym = "/"; goto binary;
    default:
      DLN_ASSERT (functions[s->op] != NULL);
      put (&p->w, "%s(", functions[s->op]);
      print_operand (p, s->a, 0, wrap);
      put (&p->w, ")");
      return;
    }

binary:
  {
    int prec = precedence (p, i, 1), right = precedence (p, s->b, 0);

    print_operand (p, s->a, prec, wrap);
    put (&p->w, " %s ", sym);
    /* a + (b + c) keeps its order; x - (-y) reads better than x - -y */
    print_operand (p, s->b, right == PREC_NEG ? PREC_ATOM : prec + 1, 0);
  }
}

char *
dln_expr_python_var_name (const DlnExpr *expr,
                          int            i,
                          char          *buf,
                          size_t         size)
{
  Printer p;

  DLN_ASSERT (expr != NULL && buf != NULL && size > 0);
  DLN_ASSERT (i >= 0 && i < dln_expr_n_vars (expr));
  if (!printer_init (&p, expr))
    snprintf (buf, size, "%s", dln_expr_var_name (expr, i));
  else
    {
      snprintf (buf, size, "%s", p.vars[i]);
      printer_clear (&p);
    }
  return buf;
}

size_t
dln_expr_to_python (const DlnExpr *expr,
                    const char    *indent,
                    char          *buf,
                    size_t         size)
{
  Printer p;
  int n, root;

  DLN_ASSERT (expr != NULL && indent != NULL);
  DLN_ASSERT (buf != NULL || size == 0);
  if (size > 0)
    buf[0] = '\0';
  if (!printer_init (&p, expr))
    return 0;
  p.w.buf = buf;
  p.w.size = size;
  n = dln_expr_n_steps (expr);
  root = dln_expr_root (expr);
  for (int i = 0; i < n; i++)
    if (p.names[i][0] != '\0')
      {
        put (&p.w, "%s%s = ", indent, p.names[i]);
        print_node (&p, i, 1);
        put (&p.w, "\n");
      }
  put (&p.w, "%sreturn ", indent);
  print_operand (&p, root, 0, !p.tensor[root]);
  put (&p.w, "\n");
  printer_clear (&p);
  return p.w.len;
}
