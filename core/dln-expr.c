/* The expression language: a recursive-descent parser with a depth limit,
 * producing a flat syntax graph in post-order (children before parents), so
 * building a graph or a tape is one loop over it. A named value is one
 * node that every later use shares, so a program's syntax is a DAG.
 * (Over 800 lines: the lexer, parser and located errors of one grammar
 * share their state.)
 *
 * Grammar (precedence as in mathematics; ^ right-associative and above
 * unary minus, so -x^2 = -(x^2) and 2^-1 = 0.5):
 *   program := statement (SEP statement)*     SEP: ';' or a line break
 *                                              outside parentheses
 *   statement := NAME '=' expr | expr         (a bare expr only last)
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := primary ('^' unary)?
 *   primary := NUMBER | CONSTANT | VARIABLE | FUNCTION '(' args ')'
 *              | '(' expr ')' */

#include "dln-expr.h"

#include "dln-core-private.h"
#include "dln-expr-private.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A syntax-tree node. Leaves: var >= 0 for a variable reference, else a
 * constant. */
typedef struct
{
  DlnOp  op;
  int    a, b;    /* child node indices, -1 when unused */
  int    var;     /* variable index for a variable leaf, else -1 */
  double value;   /* constant leaves */
  char   label[DLN_GRAPH_LABEL_SIZE]; /* constant leaves: "2", "π", "e";
                                     * a named value: its name */
} ExprNode;

struct DlnExpr
{
  char      *text;
  ExprNode  *nodes;        /* [n_nodes], post-order */
  int        n_nodes;
  int        root;         /* the output: the last statement's node */
  char     (*var_names)[DLN_EXPR_MAX_NAME + 1];  /* [n_vars] */
  int       *var_columns;  /* [n_vars], 1-based */
  int        n_vars;
};

typedef enum
{
  TOK_END,
  TOK_NUMBER,
  TOK_NAME,
  TOK_PLUS,
  TOK_MINUS,
  TOK_STAR,
  TOK_SLASH,
  TOK_CARET,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_COMMA,
  TOK_ASSIGN,
  TOK_SEP,     /* ';' or a line break outside parentheses */
  TOK_BAD,
} TokKind;

typedef struct
{
  TokKind     kind;
  const char *start;   /* into the text */
  size_t      len;     /* bytes */
  int         column;  /* 1-based, in characters, within its line */
  int         line;    /* 1-based */
} Token;

typedef struct
{
  const char *text;
  const char *pos;       /* next unread byte */
  int         column;    /* column of *pos within its line */
  int         line;      /* line of *pos */
  int         paren;     /* open parentheses: line breaks inside are blanks */
  int         multiline; /* the text has a line break: messages give lines */
  Token       tok;       /* the current token */
  DlnExpr    *expr;
  int         capacity;  /* nodes, variables and names allocated */
  int         depth;
  /* named values, in order of definition */
  char      (*def_names)[DLN_EXPR_MAX_NAME + 1];  /* [capacity] */
  int        *def_nodes;  /* [capacity] node of each name */
  int         n_defs;
  int        *var_lines;  /* [capacity] line of each variable's first use */
  DlnStatus   status;
  DlnMessage *msg;
} Parser;

static const struct
{
  const char *name;
  DlnOp       op;
  int         n_args;
} functions[] = {
  { "exp",     DLN_OP_EXP,     1 },
  { "log",     DLN_OP_LOG,     1 },
  { "ln",      DLN_OP_LOG,     1 },
  { "sin",     DLN_OP_SIN,     1 },
  { "cos",     DLN_OP_COS,     1 },
  { "tanh",    DLN_OP_TANH,    1 },
  { "sigmoid", DLN_OP_SIGMOID, 1 },
  { "relu",    DLN_OP_RELU,    1 },
  { "sqrt",    DLN_OP_SQRT,    1 },
  { "abs",     DLN_OP_ABS,     1 },
  { "pow",     DLN_OP_POW,     2 },
  { "mse",     DLN_OP_MSE,     2 },
};

#define UTF8_PI    "\xcf\x80"      /* π U+03C0 */
#define UTF8_DOT   "\xc2\xb7"      /* · U+00B7 */
#define UTF8_TIMES "\xc3\x97"      /* × U+00D7 */
#define UTF8_MINUS "\xe2\x88\x92"  /* − U+2212 */

static int
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static int
is_name_start (char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
is_name_char (char c)
{
  return is_name_start (c) || is_digit (c);
}

/* Length in bytes of the UTF-8 sequence starting with @c (1 for invalid
 * lead bytes, so the lexer always advances). */
static size_t
utf8_len (unsigned char c)
{
  if (c >= 0xF0 && c < 0xF8)
    return 4;
  if (c >= 0xE0)
    return c < 0xF0 ? 3 : 1;
  if (c >= 0xC0)
    return 2;
  return 1;
}

/* Advances p->pos by @n bytes; the column counts the characters (UTF-8
 * lead bytes) passed, and starts again at 1 after a line break. */
static void
advance (Parser *p,
         size_t  n)
{
  for (size_t i = 0; i < n && *p->pos != '\0'; i++)
    {
      if (*p->pos == '\n')
        {
          p->line++;
          p->column = 0;
        }
      if (((unsigned char) *p->pos & 0xC0) != 0x80)
        p->column++;
      p->pos++;
    }
}

static int
starts_with (const char *s,
             const char *prefix)
{
  return strncmp (s, prefix, strlen (prefix)) == 0;
}

static void
next_token (Parser *p)
{
  const char *s;
  Token *t = &p->tok;

  while (*p->pos == ' ' || *p->pos == '\t' || *p->pos == '\r'
         || (*p->pos == '\n' && p->paren > 0))
    advance (p, 1);
  s = p->pos;
  t->start = s;
  t->column = p->column;
  t->line = p->line;
  t->len = 1;

  if (*s == '\0')
    {
      t->kind = TOK_END;
      t->len = 0;
      return;
    }
  if (is_digit (*s) || (*s == '.' && is_digit (s[1])))
    {
      const char *q = s;

      while (is_digit (*q))
        q++;
      if (*q == '.')
        {
          q++;
          while (is_digit (*q))
            q++;
        }
      /* An exponent only when digits follow: "2e" is 2 followed by e. */
      if ((*q == 'e' || *q == 'E')
          && (is_digit (q[1])
              || ((q[1] == '+' || q[1] == '-') && is_digit (q[2]))))
        {
          q += 2;
          while (is_digit (*q))
            q++;
        }
      t->kind = TOK_NUMBER;
      t->len = (size_t) (q - s);
    }
  else if (is_name_start (*s))
    {
      const char *q = s;

      while (is_name_char (*q))
        q++;
      t->kind = TOK_NAME;
      t->len = (size_t) (q - s);
    }
  else if (starts_with (s, UTF8_PI))
    {
      t->kind = TOK_NAME;
      t->len = strlen (UTF8_PI);
    }
  else if (starts_with (s, UTF8_DOT) || starts_with (s, UTF8_TIMES))
    {
      t->kind = TOK_STAR;
      t->len = 2;
    }
  else if (starts_with (s, UTF8_MINUS))
    {
      t->kind = TOK_MINUS;
      t->len = 3;
    }
  else
    {
      switch (*s)
        {
        case '+': t->kind = TOK_PLUS; break;
        case '-': t->kind = TOK_MINUS; break;
        case '/': t->kind = TOK_SLASH; break;
        case '^': t->kind = TOK_CARET; break;
        case '(': t->kind = TOK_LPAREN; break;
        case ')': t->kind = TOK_RPAREN; break;
        case ',': t->kind = TOK_COMMA; break;
        case '=': t->kind = TOK_ASSIGN; break;
        case ';': case '\n': t->kind = TOK_SEP; break;
        case '*':
          t->kind = TOK_STAR;
          if (s[1] == '*')
            {
              t->kind = TOK_CARET;
              t->len = 2;
            }
          break;
        default:
          t->kind = TOK_BAD;
          t->len = utf8_len ((unsigned char) *s);
          /* Never step past the terminator of a truncated sequence. */
          for (size_t i = 1; i < t->len; i++)
            if (s[i] == '\0')
              t->len = i;
          break;
        }
    }
  advance (p, t->len);
}

/* Sets the parse error (the first one wins). Returns -1 for the callers'
 * convenience. */
static int __attribute__ ((format (printf, 4, 5)))
fail_at (Parser     *p,
         int         line,
         int         column,
         const char *format,
         ...)
{
  va_list ap;
  char text[sizeof p->msg->text];

  if (p->status != DLN_STATUS_OK)
    return -1;
  p->status = DLN_STATUS_INVALID_INPUT;
  va_start (ap, format);
  vsnprintf (text, sizeof text, format, ap);
  va_end (ap);
  dln_message_set (p->msg, column, "%s", text);
  if (p->msg != NULL && p->multiline && column > 0)
    p->msg->line = line;
  return -1;
}

/* Errors at a token of the current line (every caller but the program
 * loop reports where the current token is). */
#define fail(p, column, ...) fail_at ((p), (p)->tok.line, (column), __VA_ARGS__)

/* A short, printable description of the current token for messages. */
static void
describe_token (const Token *t,
                char        *buf,
                size_t       size)
{
  int len = (int) DLN_MIN (t->len, (size_t) 24);

  switch (t->kind)
    {
    case TOK_END:
      snprintf (buf, size, "%s", _("end of input"));
      break;
    case TOK_NUMBER:
      snprintf (buf, size, _("number '%.*s'"), len, t->start);
      break;
    case TOK_NAME:
      snprintf (buf, size, _("name '%.*s'"), len, t->start);
      break;
    case TOK_SEP:
      snprintf (buf, size, "%s",
                t->start[0] == '\n' ? _("end of line") : "';'");
      break;
    case TOK_PLUS: case TOK_MINUS: case TOK_STAR: case TOK_SLASH:
    case TOK_CARET: case TOK_LPAREN: case TOK_RPAREN: case TOK_COMMA:
    case TOK_ASSIGN: case TOK_BAD:
      snprintf (buf, size, "'%.*s'", len, t->start);
      break;
    }
}

static int
add_node (Parser     *p,
          DlnOp       op,
          int         a,
          int         b)
{
  ExprNode *n;

  if (p->status != DLN_STATUS_OK)
    return -1;
  /* The capacity is one node per token plus one, and every node consumes
   * a token; running out is a bug, not an input error. */
  DLN_ASSERT (p->expr->n_nodes < p->capacity);
  n = &p->expr->nodes[p->expr->n_nodes];
  n->op = op;
  n->a = a;
  n->b = b;
  n->var = -1;
  n->value = 0.0;
  n->label[0] = '\0';
  return p->expr->n_nodes++;
}

static int
add_constant (Parser     *p,
              double      value,
              const char *label,
              size_t      label_len)
{
  int id = add_node (p, DLN_OP_LEAF, -1, -1);

  if (id >= 0)
    {
      ExprNode *n = &p->expr->nodes[id];

      n->value = value;
      if (label_len >= sizeof n->label)
        snprintf (n->label, sizeof n->label, "%.6g", value);
      else
        {
          memcpy (n->label, label, label_len);
          n->label[label_len] = '\0';
        }
    }
  return id;
}

static int
add_variable (Parser     *p,
              const Token *t)
{
  DlnExpr *e = p->expr;
  int var = -1, id;

  for (int i = 0; i < e->n_vars; i++)
    if (strlen (e->var_names[i]) == t->len
        && strncmp (e->var_names[i], t->start, t->len) == 0)
      var = i;
  if (var < 0)
    {
      DLN_ASSERT (e->n_vars < p->capacity);
      var = e->n_vars++;
      memcpy (e->var_names[var], t->start, t->len);
      e->var_names[var][t->len] = '\0';
      e->var_columns[var] = t->column;
      p->var_lines[var] = t->line;
    }
  id = add_node (p, DLN_OP_LEAF, -1, -1);
  if (id >= 0)
    p->expr->nodes[id].var = var;
  return id;
}

/* Converts a number token without depending on the C locale's decimal
 * separator (the GUI runs under the user's locale, where strtod might want
 * a comma): the '.' is replaced by the locale's separator first. This only
 * reads the locale; programs set it once at start-up, before any thread
 * parses, so localeconv () does not race. */
static double
parse_number (const Token *t,
              int         *ok)
{
  char buf[128];
  const char *point = localeconv ()->decimal_point;
  size_t j = 0;
  double v;
  char *end;

  *ok = 0;
  if (t->len + strlen (point) >= sizeof buf)
    return 0.0;
  for (size_t i = 0; i < t->len; i++)
    {
      if (t->start[i] == '.')
        {
          memcpy (buf + j, point, strlen (point));
          j += strlen (point);
        }
      else
        buf[j++] = t->start[i];
    }
  buf[j] = '\0';
  v = strtod (buf, &end);
  *ok = *end == '\0' && isfinite (v);
  return v;
}

static int parse_expr (Parser *p);
static int parse_unary (Parser *p);

/* Index of the named value @t defines, or -1. */
static int
find_def (const Parser *p,
          const Token  *t)
{
  for (int i = 0; i < p->n_defs; i++)
    if (strlen (p->def_names[i]) == t->len
        && strncmp (p->def_names[i], t->start, t->len) == 0)
      return i;
  return -1;
}

static int
token_is_name (const Token *t,
               const char  *name)
{
  return t->kind == TOK_NAME && t->len == strlen (name)
         && strncmp (t->start, name, t->len) == 0;
}

static int
parse_call (Parser      *p,
            const Token *name)
{
  int index = -1, args[2] = { -1, -1 }, n_args = 0, open_column;
  char what[48];

  for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++)
    if (token_is_name (name, functions[i].name))
      index = (int) i;
  if (index < 0)
    return fail_at (p, name->line, name->column, _("unknown function '%.*s'"),
                    (int) DLN_MIN (name->len, (size_t) 32), name->start);

  open_column = p->tok.column;
  p->paren++;
  next_token (p);  /* '(' */
  if (p->tok.kind == TOK_RPAREN)
    return fail (p, p->tok.column,
                 dngettext (GETTEXT_PACKAGE, "%s takes %d argument, got none",
                            "%s takes %d arguments, got none",
                            (unsigned long) functions[index].n_args),
                 functions[index].name, functions[index].n_args);
  for (;;)
    {
      int arg = parse_expr (p);

      if (arg < 0)
        return -1;
      if (n_args < 2)
        args[n_args] = arg;
      n_args++;
      if (p->tok.kind != TOK_COMMA)
        break;
      next_token (p);
    }
  if (p->tok.kind != TOK_RPAREN)
    {
      describe_token (&p->tok, what, sizeof what);
      return fail (p, p->tok.column,
                   _("missing ')' to close '(' at column %d, found %s"),
                   open_column, what);
    }
  if (n_args != functions[index].n_args)
    return fail_at (p, name->line, name->column,
                    dngettext (GETTEXT_PACKAGE, "%s takes %d argument, got %d",
                               "%s takes %d arguments, got %d",
                               (unsigned long) functions[index].n_args),
                    functions[index].name, functions[index].n_args, n_args);
  p->paren--;
  next_token (p);
  return add_node (p, functions[index].op, args[0], args[1]);
}

static int
parse_primary (Parser *p)
{
  Token t = p->tok;
  char what[48];

  switch (t.kind)
    {
    case TOK_NUMBER:
      {
        int ok;
        double v = parse_number (&t, &ok);

        if (!ok)
          return fail_at (p, t.line, t.column, _("number '%.*s' is out of range"),
                          (int) DLN_MIN (t.len, (size_t) 32), t.start);
        next_token (p);
        return add_constant (p, v, t.start, t.len);
      }

    case TOK_NAME:
      next_token (p);
      if (p->tok.kind == TOK_LPAREN)
        return parse_call (p, &t);
      for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++)
        if (token_is_name (&t, functions[i].name))
          return fail (p, p->tok.column,
                       _("function '%s' needs its argument in parentheses"),
                       functions[i].name);
      if (token_is_name (&t, "pi") || token_is_name (&t, UTF8_PI))
        return add_constant (p, M_PI, UTF8_PI, strlen (UTF8_PI));
      if (token_is_name (&t, "e"))
        return add_constant (p, M_E, "e", 1);
      if (t.len > DLN_EXPR_MAX_NAME)
        return fail_at (p, t.line, t.column,
                        _("name '%.20s...' is longer than %d bytes"),
                        t.start, DLN_EXPR_MAX_NAME);
      {
        int def = find_def (p, &t);

        if (def >= 0)
          return p->def_nodes[def];  /* a named value: its one node */
      }
      return add_variable (p, &t);

    case TOK_LPAREN:
      {
        int inner;

        p->paren++;
        next_token (p);
        inner = parse_expr (p);
        if (inner < 0)
          return -1;
        if (p->tok.kind != TOK_RPAREN)
          {
            describe_token (&p->tok, what, sizeof what);
            return fail (p, p->tok.column,
                         _("missing ')' to close '(' at column %d, found %s"),
                         t.column, what);
          }
        p->paren--;
        next_token (p);
        return inner;
      }

    case TOK_END:
      return fail (p, t.column,
                   _("unexpected end of input: expected a number, variable, "
                   "function or '('"));

    case TOK_BAD:
      return fail (p, t.column, _("unexpected character '%.*s'"), (int) t.len,
                   t.start);

    case TOK_PLUS: case TOK_MINUS: case TOK_STAR: case TOK_SLASH:
    case TOK_CARET: case TOK_RPAREN: case TOK_COMMA: case TOK_ASSIGN:
    case TOK_SEP:
      describe_token (&t, what, sizeof what);
      return fail (p, t.column,
                   _("unexpected %s: expected a number, variable, function "
                   "or '('"), what);
    }
  return fail (p, t.column, _("unexpected token"));
}

static int
parse_power (Parser *p)
{
  int base = parse_primary (p), exponent;

  if (base < 0 || p->tok.kind != TOK_CARET)
    return base;
  next_token (p);
  /* Right operand through unary: right-associative, and 2^-1 works. */
  exponent = parse_unary (p);
  if (exponent < 0)
    return -1;
  return add_node (p, DLN_OP_POW, base, exponent);
}

static int
parse_unary (Parser *p)
{
  int result;

  /* The outermost unary is level 0, so DLN_EXPR_MAX_DEPTH nested levels
   * (200 parentheses around x) are allowed and one more is not. */
  if (++p->depth > DLN_EXPR_MAX_DEPTH + 1)
    return fail (p, p->tok.column, _("expression nested deeper than %d levels"),
                 DLN_EXPR_MAX_DEPTH);
  if (p->tok.kind == TOK_MINUS || p->tok.kind == TOK_PLUS)
    {
      int negate = p->tok.kind == TOK_MINUS, operand;

      next_token (p);
      operand = parse_unary (p);
      if (operand < 0)
        result = -1;
      else if (negate)
        result = add_node (p, DLN_OP_NEG, operand, -1);
      else
        result = operand;
    }
  else
    result = parse_power (p);
  p->depth--;
  return result;
}

static int
parse_term (Parser *p)
{
  int left = parse_unary (p);

  while (left >= 0 && (p->tok.kind == TOK_STAR || p->tok.kind == TOK_SLASH))
    {
      DlnOp op = p->tok.kind == TOK_STAR ? DLN_OP_MUL : DLN_OP_DIV;
      int right;

      next_token (p);
      right = parse_unary (p);
      if (right < 0)
        return -1;
      left = add_node (p, op, left, right);
    }
  return left;
}

static int
parse_expr (Parser *p)
{
  int left = parse_term (p);

  while (left >= 0 && (p->tok.kind == TOK_PLUS || p->tok.kind == TOK_MINUS))
    {
      DlnOp op = p->tok.kind == TOK_PLUS ? DLN_OP_ADD : DLN_OP_SUB;
      int right;

      next_token (p);
      right = parse_term (p);
      if (right < 0)
        return -1;
      left = add_node (p, op, left, right);
    }
  return left;
}

/* 1 when the current token is a name followed by '=': an assignment. */
static int
at_assignment (Parser *p)
{
  Parser saved = *p;
  int is_assign;

  if (p->tok.kind != TOK_NAME)
    return 0;
  next_token (p);
  is_assign = p->tok.kind == TOK_ASSIGN;
  *p = saved;
  return is_assign;
}

/* NAME '=' expr: checks the name, parses the value and names its node.
 * Returns the node, or -1. */
static int
parse_assignment (Parser *p)
{
  Token name = p->tok;
  DlnExpr *e = p->expr;
  int node;

  for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++)
    if (token_is_name (&name, functions[i].name))
      return fail (p, name.column, _("'%s' is a function and cannot be "
                   "assigned"), functions[i].name);
  if (token_is_name (&name, "pi") || token_is_name (&name, UTF8_PI)
      || token_is_name (&name, "e"))
    return fail (p, name.column, _("'%.*s' is a constant and cannot be "
                 "assigned"), (int) name.len, name.start);
  if (name.len > DLN_EXPR_MAX_NAME)
    return fail (p, name.column, _("name '%.20s...' is longer than %d bytes"),
                 name.start, DLN_EXPR_MAX_NAME);
  if (find_def (p, &name) >= 0)
    return fail (p, name.column, _("'%.*s' is already defined; a name has "
                 "one value"), (int) name.len, name.start);
  for (int i = 0; i < e->n_vars; i++)
    if (strlen (e->var_names[i]) == name.len
        && strncmp (e->var_names[i], name.start, name.len) == 0)
      return fail (p, name.column, _("'%s' is already an input (first used "
                   "on line %d, column %d); define a name before using it"),
                   e->var_names[i], p->var_lines[i], e->var_columns[i]);
  next_token (p);  /* the name */
  next_token (p);  /* '=' */
  node = parse_expr (p);
  if (node < 0)
    return -1;
  DLN_ASSERT (p->n_defs < p->capacity);
  memcpy (p->def_names[p->n_defs], name.start, name.len);
  p->def_names[p->n_defs][name.len] = '\0';
  p->def_nodes[p->n_defs++] = node;
  /* The node shows the name, unless it already has one (an input, or a
   * value named before: "y = z" makes y another name for z's node). */
  if (e->nodes[node].var < 0
      && (e->nodes[node].op == DLN_OP_LEAF || e->nodes[node].label[0] == '\0'))
    snprintf (e->nodes[node].label, sizeof e->nodes[node].label, "%s",
              p->def_names[p->n_defs - 1]);
  return node;
}

/* Reports what follows a complete statement when it is not a separator. */
static void
fail_trailing (Parser *p)
{
  char what[48];

  describe_token (&p->tok, what, sizeof what);
  if (p->tok.kind == TOK_RPAREN)
    fail (p, p->tok.column, _("unmatched ')'"));
  else if (p->tok.kind == TOK_BAD)
    fail (p, p->tok.column, _("unexpected character %s"), what);
  else if (p->tok.kind == TOK_ASSIGN)
    fail (p, p->tok.column, _("'=' needs a name on its left (NAME = "
          "expression)"));
  else if (p->tok.kind == TOK_NAME || p->tok.kind == TOK_NUMBER
           || p->tok.kind == TOK_LPAREN)
    fail (p, p->tok.column,
          _("unexpected %s after a complete expression (missing '*'?)"), what);
  else
    fail (p, p->tok.column, _("unexpected %s after a complete expression"),
          what);
}

/* program := statement (SEP statement)*; the last statement is the
 * output. Returns its node, or -1. */
static int
parse_program (Parser *p)
{
  int root = -1, bare_line = 0, bare_column = 0;

  for (;;)
    {
      int node;

      while (p->tok.kind == TOK_SEP)
        next_token (p);
      if (p->tok.kind == TOK_END)
        break;
      if (bare_line > 0)
        return fail_at (p, bare_line, bare_column,
                        _("only the last statement may be a bare expression; "
                        "name this one (NAME = ...)"));
      if (at_assignment (p))
        node = parse_assignment (p);
      else
        {
          bare_line = p->tok.line;
          bare_column = p->tok.column;
          node = parse_expr (p);
        }
      if (node < 0)
        return -1;
      if (p->tok.kind != TOK_SEP && p->tok.kind != TOK_END)
        {
          fail_trailing (p);
          return -1;
        }
      root = node;
    }
  if (root < 0)
    return fail_at (p, 1, 1, _("empty expression"));
  return root;
}

/* Upper bound of the tokens in @text: every token starts at a byte that
 * is not a blank or a UTF-8 continuation byte. */
static int
count_token_bound (const char *text)
{
  int n = 1;  /* TOK_END */

  for (const char *s = text; *s != '\0'; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r'
        && ((unsigned char) *s & 0xC0) != 0x80)
      n++;
  return n;
}

DlnStatus
dln_expr_parse (const char  *text,
                DlnArena    *arena,
                DlnExpr    **out,
                DlnMessage  *msg)
{
  Parser p;
  DlnExpr *e;
  size_t len;
  int root;

  DLN_ASSERT (arena != NULL && out != NULL);
  *out = NULL;
  dln_message_clear (msg);
  if (text == NULL)
    text = "";
  len = strnlen (text, DLN_EXPR_MAX_LENGTH + 1);
  if (len > DLN_EXPR_MAX_LENGTH)
    {
      dln_message_set (msg, 0, _("expression longer than %d bytes"),
                       DLN_EXPR_MAX_LENGTH);
      return DLN_STATUS_INVALID_INPUT;
    }

  memset (&p, 0, sizeof p);
  p.text = text;
  p.pos = text;
  p.column = 1;
  p.line = 1;
  p.multiline = strchr (text, '\n') != NULL;
  p.msg = msg;
  p.status = DLN_STATUS_OK;
  p.capacity = count_token_bound (text);

  e = dln_arena_alloc (arena, sizeof *e);
  if (e != NULL)
    {
      e->text = dln_arena_alloc (arena, len + 1);
      e->nodes = dln_arena_alloc (arena, (size_t) p.capacity * sizeof *e->nodes);
      e->var_names = dln_arena_alloc (arena,
                                      (size_t) p.capacity * sizeof *e->var_names);
      e->var_columns = dln_arena_alloc (arena,
                                        (size_t) p.capacity * sizeof (int));
    }
  /* The parser's own tables die with the arena like the expression. */
  p.def_names = dln_arena_alloc (arena,
                                 (size_t) p.capacity * sizeof *p.def_names);
  p.def_nodes = dln_arena_alloc (arena, (size_t) p.capacity * sizeof (int));
  p.var_lines = dln_arena_alloc (arena, (size_t) p.capacity * sizeof (int));
  if (e == NULL || e->text == NULL || e->nodes == NULL
      || e->var_names == NULL || e->var_columns == NULL
      || p.def_names == NULL || p.def_nodes == NULL || p.var_lines == NULL)
    {
      dln_message_set (msg, 0, _("out of memory parsing a %zu-byte expression"),
                       len);
      return DLN_STATUS_NO_MEMORY;
    }
  memcpy (e->text, text, len + 1);
  p.expr = e;

  e->n_nodes = 0;
  e->n_vars = 0;
  next_token (&p);
  root = parse_program (&p);
  if (p.status != DLN_STATUS_OK)
    return p.status;
  DLN_ASSERT (root >= 0 && root < e->n_nodes);
  e->root = root;
  *out = e;
  return DLN_STATUS_OK;
}

const char *
dln_expr_text (const DlnExpr *expr)
{
  DLN_ASSERT (expr != NULL);
  return expr->text;
}

int
dln_expr_n_vars (const DlnExpr *expr)
{
  DLN_ASSERT (expr != NULL);
  return expr->n_vars;
}

const char *
dln_expr_var_name (const DlnExpr *expr,
                   int            i)
{
  DLN_ASSERT (expr != NULL && i >= 0 && i < expr->n_vars);
  return expr->var_names[i];
}

int
dln_expr_var_column (const DlnExpr *expr,
                     int            i)
{
  DLN_ASSERT (expr != NULL && i >= 0 && i < expr->n_vars);
  return expr->var_columns[i];
}

int
dln_expr_find_var (const DlnExpr *expr,
                   const char    *name)
{
  DLN_ASSERT (expr != NULL && name != NULL);
  for (int i = 0; i < expr->n_vars; i++)
    if (strcmp (expr->var_names[i], name) == 0)
      return i;
  return -1;
}

int
dln_expr_n_steps (const DlnExpr *expr)
{
  DLN_ASSERT (expr != NULL);
  return expr->n_nodes;
}

int
dln_expr_root (const DlnExpr *expr)
{
  DLN_ASSERT (expr != NULL);
  return expr->root;
}

void
dln_expr_step (const DlnExpr *expr,
               int            i,
               DlnExprStep   *step)
{
  const ExprNode *n;

  DLN_ASSERT (expr != NULL && step != NULL);
  DLN_ASSERT (i >= 0 && i < expr->n_nodes);
  n = &expr->nodes[i];
  step->op = n->op;
  step->a = n->a;
  step->b = n->b;
  step->var = n->var;
  step->value = n->value;
  step->label = n->label;
}

double
dln_expr_eval (const DlnExpr *expr,
               const double  *vars)
{
  double *v, result;

  DLN_ASSERT (expr != NULL);
  DLN_ASSERT (vars != NULL || expr->n_vars == 0);
  /* One pass in post-order: a named value shared by many uses is computed
   * once (a recursive walk would redo it for every path). */
  v = malloc ((size_t) expr->n_nodes * sizeof *v);
  if (v == NULL)
    return NAN;
  for (int i = 0; i < expr->n_nodes; i++)
    {
      const ExprNode *n = &expr->nodes[i];

      if (n->op == DLN_OP_LEAF)
        v[i] = n->var >= 0 ? vars[n->var] : n->value;
      else
        v[i] = dln_op_forward_scalar (n->op, v[n->a],
                                      n->b >= 0 ? v[n->b] : 0.0);
    }
  result = v[expr->root];
  free (v);
  return result;
}

DlnStatus
dln_expr_to_graph (const DlnExpr  *expr,
                   DlnArena       *arena,
                   DlnGraph      **out,
                   DlnMessage     *msg)
{
  DlnGraph *g;
  int *map;

  DLN_ASSERT (expr != NULL && arena != NULL && out != NULL);
  *out = NULL;
  g = dln_graph_new (arena, expr->n_vars + expr->n_nodes);
  map = dln_arena_alloc (arena, (size_t) expr->n_nodes * sizeof (int));
  if (g == NULL || map == NULL)
    goto no_memory;

  for (int i = 0; i < expr->n_vars; i++)
    dln_graph_scalar (g, expr->var_names[i], DLN_ROLE_INPUT, 0.0);
  for (int i = 0; i < expr->n_nodes; i++)
    {
      const ExprNode *n = &expr->nodes[i];

      if (n->op == DLN_OP_LEAF && n->var >= 0)
        map[i] = n->var;
      else if (n->op == DLN_OP_LEAF)
        {
          map[i] = dln_graph_scalar (g, n->label, DLN_ROLE_CONSTANT, n->value);
        }
      else if (dln_op_info (n->op)->n_inputs == 2)
        map[i] = dln_graph_binary (g, n->op, map[n->a], map[n->b]);
      else
        map[i] = dln_graph_unary (g, n->op, map[n->a]);
      if (n->op != DLN_OP_LEAF && n->label[0] != '\0' && map[i] >= 0)
        dln_graph_set_label (g, map[i], n->label);  /* a named value */
    }
  if (dln_graph_status (g) != DLN_STATUS_OK)
    goto no_memory;
  dln_graph_set_output (g, map[expr->root]);
  dln_graph_label_intermediates (g);
  *out = g;
  return DLN_STATUS_OK;

no_memory:
  dln_message_set (msg, 0, _("out of memory building the graph of '%.64s'"),
                   expr->text);
  return DLN_STATUS_NO_MEMORY;
}

size_t
dln_expr_format_error (const char *text,
                       int         line,
                       int         column,
                       char       *buf,
                       size_t      size)
{
  size_t len, need, j = 0;

  if (text == NULL)
    text = "";
  /* A multi-line program shows only the line the error is on. */
  for (int l = 1; l < line; l++)
    {
      const char *nl = strchr (text, '\n');

      if (nl == NULL)
        break;
      text = nl + 1;
    }
  len = line > 0 ? strcspn (text, "\n") : strlen (text);
  need = len + (column > 0 ? 1 + (size_t) column : 0);

#define PUT(c) do { if (j + 1 < size) buf[j] = (c); j++; } while (0)
  /* Blanks other than spaces would move the caret off its column. */
  for (size_t i = 0; i < len; i++)
    PUT ((text[i] == '\t' || text[i] == '\n' || text[i] == '\r')
         ? ' ' : text[i]);
  if (column > 0)
    {
      PUT ('\n');
      for (int c = 1; c < column; c++)
        PUT (' ');
      PUT ('^');
    }
#undef PUT
  if (size > 0)
    buf[DLN_MIN (j, size - 1)] = '\0';
  return need;
}
