/* dlnlab-cli commands on 2-D loss surfaces: surfaces, descend, hessian
 * (docs/cli.md). (Over 800 lines: three commands, their option tables
 * with the optimizer and schedule options descend shares with none, and
 * their --help texts.) */

#include "config.h"

#include "dln-cli.h"

#include "dln-core.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --steps beyond this would need gigabytes for the recorded trajectory */
#define MAX_STEPS 1000000

/* --- Parsing --- */

/* Arguments shared by descend and hessian, plus descend's own. */
typedef struct
{
  const char *surface;
  const char *expr;
  const char *cond;       /* quadratic */
  const char *rotation;   /* quadratic, degrees */
  const char *data_x;     /* shallow-net, comma lists */
  const char *data_y;
  const char *point;      /* --start or --at */
  int         json;
  int         help;
  /* descend */
  const char *optimizer;
  const char *steps;
  size_t      n_steps;    /* --steps, checked by the table */
  const char *schedule;
  DlnOptimParams params;
  const char *hyper[16];  /* raw values of the numeric options below */
  int         nesterov, centered, amsgrad;
  int         progress;   /* --progress */
  const char *sched_opt[7];
} SurfaceArgs;

/* Numeric optimizer options: flag name, the DlnOptimParams field (whose
 * name, torch's, is also descend's JSON key) and the kinds that read it
 * (bits 1 << DlnOptimKind), in the order the JSON lists them. */
typedef struct
{
  const char *flag;
  const char *key;
  size_t      offset;
  unsigned    kinds;
} HyperOption;

#define KIND(k)    (1u << DLN_OPTIM_ ## k)
#define SGD_FAMILY (KIND (SGD) | KIND (MOMENTUM) | KIND (NESTEROV))
#define ALL_KINDS  (SGD_FAMILY | KIND (ADAGRAD) | KIND (RMSPROP) | KIND (ADAM))
#define HYPER(flag, field, kinds) \
  { flag, #field, G_STRUCT_OFFSET (DlnOptimParams, field), kinds }

static const HyperOption hyper_options[] = {
  HYPER ("--lr", lr, ALL_KINDS),
  HYPER ("--weight-decay", weight_decay, ALL_KINDS),
  HYPER ("--alpha", alpha, KIND (RMSPROP)),
  HYPER ("--beta1", beta1, KIND (ADAM)),
  HYPER ("--beta2", beta2, KIND (ADAM)),
  HYPER ("--lr-decay", lr_decay, KIND (ADAGRAD)),
  HYPER ("--initial-accumulator", initial_accumulator_value, KIND (ADAGRAD)),
  HYPER ("--eps", eps, KIND (ADAGRAD) | KIND (RMSPROP) | KIND (ADAM)),
  HYPER ("--momentum", momentum, SGD_FAMILY | KIND (RMSPROP)),
  HYPER ("--dampening", dampening, SGD_FAMILY),
};

#undef HYPER

/* The field of @p that hyper_options[@k] names. */
static double *
hyper_field (DlnOptimParams *p,
             size_t          k)
{
  return (double *) ((char *) p + hyper_options[k].offset);
}

/* The raw value given for the hyper_options entry @flag, or NULL. */
static const char *
hyper_text (const SurfaceArgs *a,
            const char        *flag)
{
  for (size_t k = 0; k < G_N_ELEMENTS (hyper_options); k++)
    if (g_str_equal (hyper_options[k].flag, flag))
      return a->hyper[k];
  g_return_val_if_reached (NULL);
}

static const char *const sched_flags[] = {
  "--gamma", "--step-size", "--t-max", "--eta-min", "--warmup-start",
  "--warmup-iters", "--warmup-end",
};

/* The surface options descend and hessian share (written once). */
#define SURFACE_OPTIONS                                                       \
  { "--surface", DLN_CLI_TEXT, "NAME", NULL, 0, 0, 0, NULL,                   \
    "a built-in (see dlnlab-cli surfaces)", NULL },                           \
  { "--expr", DLN_CLI_TEXT, "EXPR", NULL, 0, 0, 0, NULL,                      \
    "any expression in x and y, e.g. 'x^2 + 3*sin(y)'\n"                      \
    "(instead of --surface)", NULL },                                         \
  { "--cond", DLN_CLI_NUMBER, "F", "10", 1, INFINITY, 0, NULL,                \
    "quadratic: condition number", "--surface quadratic" },                   \
  { "--rotation", DLN_CLI_NUMBER, "DEG", "0", -INFINITY, INFINITY, 0, NULL,   \
    "quadratic: rotation of its axes", "--surface quadratic" },               \
  { "--data-x", DLN_CLI_TEXT, "X1,X2,...", NULL, 0, 0, 0, NULL,               \
    "shallow-net: inputs (default 10 points on [0, 1])", NULL },              \
  { "--data-y", DLN_CLI_TEXT, "Y1,Y2,...", NULL, 0, 0, 0, NULL,               \
    "shallow-net: targets (default y = x)", NULL }

/* Defaults: PyTorch 1.13's torch.optim (dln_optim_params_init) and
 * schedules (dln_schedule_init), each under the optimizer or schedule
 * named in its last field; the option-table test runs each one. */
static const DlnCliOption descend_options[] = {
  SURFACE_OPTIONS,
  { "--optimizer", DLN_CLI_CHOICE, "OPT", NULL, 0, 0, DLN_CLI_REQUIRED,
    "sgd|momentum|nesterov|adagrad|rmsprop|adam",
    "PyTorch 1.13 torch.optim rules and defaults", NULL },
  { "--lr", DLN_CLI_NUMBER, "F", "0.01", 0, INFINITY, 0, NULL,
    "learning rate (adam: default 0.001)", "--optimizer sgd" },
  { "--momentum", DLN_CLI_NUMBER, "F", "0", 0, INFINITY, 0, NULL,
    "sgd, rmsprop (momentum, nesterov: default 0.9)", "--optimizer sgd" },
  { "--dampening", DLN_CLI_NUMBER, "F", "0", -INFINITY, INFINITY, 0, NULL,
    "sgd family", "--optimizer momentum" },
  { "--nesterov", DLN_CLI_FLAG, NULL, NULL, 0, 0, 0, NULL,
    "Nesterov momentum (sgd, momentum)", NULL },
  { "--weight-decay", DLN_CLI_NUMBER, "F", "0", 0, INFINITY, 0, NULL,
    "L2 penalty added to the gradient", "--optimizer sgd" },
  { "--lr-decay", DLN_CLI_NUMBER, "F", "0", 0, INFINITY, 0, NULL,
    "adagrad", "--optimizer adagrad" },
  { "--initial-accumulator", DLN_CLI_NUMBER, "F", "0", 0, INFINITY, 0, NULL,
    "adagrad", "--optimizer adagrad" },
  { "--alpha", DLN_CLI_NUMBER, "F", "0.99", 0, 1, DLN_CLI_OPEN_MAX, NULL,
    "rmsprop smoothing", "--optimizer rmsprop" },
  { "--centered", DLN_CLI_FLAG, NULL, NULL, 0, 0, 0, NULL,
    "rmsprop, centered", NULL },
  { "--beta1", DLN_CLI_NUMBER, "F", "0.9", 0, 1, DLN_CLI_OPEN_MAX, NULL,
    "adam", "--optimizer adam" },
  { "--beta2", DLN_CLI_NUMBER, "F", "0.999", 0, 1, DLN_CLI_OPEN_MAX, NULL,
    "adam", "--optimizer adam" },
  { "--amsgrad", DLN_CLI_FLAG, NULL, NULL, 0, 0, 0, NULL,
    "adam, AMSGrad", NULL },
  { "--eps", DLN_CLI_NUMBER, "F", "1e-8", 0, INFINITY, 0, NULL,
    "rmsprop and adam (adagrad: default 1e-10)", "--optimizer adam" },
  { "--schedule", DLN_CLI_CHOICE, "KIND", "constant", 0, 0, 0,
    "constant|step|exponential|cosine|warmup",
    "learning-rate schedule (epoch = step - 1)", NULL },
  { "--gamma", DLN_CLI_NUMBER, "F", "0.1", 0, INFINITY, 0, NULL,
    "step (exponential: default 0.95)", "--schedule step" },
  { "--step-size", DLN_CLI_INT, "N", "30", 1, 1e9, 0, NULL,
    "step", "--schedule step" },
  { "--t-max", DLN_CLI_INT, "N", "100", 1, 1e9, 0, NULL,
    "cosine: eta_min at epoch N, then on up along the\n"
    "cosine to lr at 2N, as torch's CosineAnnealingLR", "--schedule cosine" },
  { "--eta-min", DLN_CLI_NUMBER, "F", "0", 0, INFINITY, 0, NULL,
    "cosine", "--schedule cosine" },
  { "--warmup-start", DLN_CLI_NUMBER, "F", "0.33333333333333331", 0, 1,
    DLN_CLI_OPEN_MIN, NULL, "warmup: lr factor at the start (1/3)",
    "--schedule warmup" },
  { "--warmup-iters", DLN_CLI_INT, "N", "5", 1, 1e9, 0, NULL,
    "warmup: epochs to go from start to end", "--schedule warmup" },
  { "--warmup-end", DLN_CLI_NUMBER, "F", "1", 0, 1, 0, NULL,
    "warmup: lr factor at the end", "--schedule warmup" },
  { "--start", DLN_CLI_TEXT, "X,Y", NULL, 0, 0, DLN_CLI_REQUIRED, NULL,
    "start point (negative numbers are fine)", NULL },
  { "--steps", DLN_CLI_INT, "N", NULL, 0, MAX_STEPS, DLN_CLI_REQUIRED, NULL,
    "optimizer steps", NULL },
  { "--json", DLN_CLI_FLAG, NULL, NULL, 0, 0, 0, NULL,
    "JSON with the stability bound at the start", NULL },
  DLN_CLI_PROGRESS_OPTION,
};

const DlnCliCommandSpec dln_cli_descend_spec = {
  "descend", "(--surface NAME | --expr EXPR)\n"
  "         --optimizer OPT --start X,Y --steps N [options] [--json]\n"
  "         [--progress]",
  "Runs an optimizer on a 2-D surface and prints its trajectory as\n"
  "CSV step,x,y,loss; step 0 is the start. A run that diverges (NaN,\n"
  "Inf or |x|, |y| > 1e12) stops with a final row of nan/inf and a\n"
  "warning \"diverged at step N\" on stderr; the exit status is still 0.\n"
  "An --expr surface undefined at the start is refused, naming the\n"
  "operation (log of a negative number, division by zero, ...).\n",
  descend_options, G_N_ELEMENTS (descend_options),
  "JSON: {\"surface\", \"formula\", \"optimizer\" {kind and its\n"
  "hyperparameters}, [\"schedule\"], \"start\" {x, y, lambda_max, lr_crit},\n"
  "\"steps\", \"diverged\", \"diverged_step\", \"trajectory\" [{step, x, y,\n"
  "loss}]}; non-finite numbers as the strings \"nan\", \"inf\", \"-inf\".\n",
  0, "--surface quadratic --optimizer sgd --start 1,1 --steps 5",
};

static const DlnCliOption hessian_options[] = {
  SURFACE_OPTIONS,
  { "--at", DLN_CLI_TEXT, "X,Y", NULL, 0, 0, DLN_CLI_REQUIRED, NULL,
    "the point", NULL },
  DLN_CLI_JSON_OPTION,
};

const DlnCliCommandSpec dln_cli_hessian_spec = {
  "hessian", "(--surface NAME | --expr EXPR) --at X,Y [--json]",
  "Value, gradient and exact Hessian (closed form, or forward-over-\n"
  "reverse for expressions) at a point, its eigenvalues and unit\n"
  "eigenvectors (LAPACK dsyevr), and the local stability bound of\n"
  "gradient descent, lr < 2/lambda_max (\"unbounded\" when\n"
  "lambda_max <= 0).\n"
  "CSV columns: x,y,value,grad_x,grad_y,h_xx,h_xy,h_yy,lambda_1,\n"
  "lambda_2,v1_x,v1_y,v2_x,v2_y,lr_crit (eigenvalues ascending).\n",
  hessian_options, G_N_ELEMENTS (hessian_options),
  "Exit status: 0 success, 2 bad arguments or a surface undefined at the\n"
  "point (the message names the operation), 1 LAPACK did not converge.\n",
  0, "--surface quadratic --at 1,1",
};

static const DlnCliOption surfaces_options[] = {
  DLN_CLI_JSON_OPTION,
};

const DlnCliCommandSpec dln_cli_surfaces_spec = {
  "surfaces", "[--json]",
  "Lists the built-in 2-D surfaces, one per line: name,\n"
  "formula (valid --expr text in x and y), default view box\n"
  "and known minima (x y pairs separated by ';'; for\n"
  "shallow-net the solution hyperbola x*y = c).\n"
  "CSV columns: name,formula,xmin,xmax,ymin,ymax,minima\n",
  surfaces_options, G_N_ELEMENTS (surfaces_options), NULL, 0, "",
};

/* Fills @a from the command line of descend or hessian (@spec). Returns
 * 0 or an exit status after printing the error. */
static int
parse_args (int                      argc,
            char                   **argv,
            const DlnCliCommandSpec *spec,
            SurfaceArgs             *a)
{
  gboolean descend = spec == &dln_cli_descend_spec;
  DlnCliArgs c;
  int rc = dln_cli_args_parse (&c, spec, argc, argv);

  memset (a, 0, sizeof *a);
  a->help = c.help;
  if (rc != 0 || c.help)
    {
      dln_cli_args_clear (&c);
      return rc;
    }
  a->json = dln_cli_args_given (&c, "--json");
#define GIVEN_TEXT(name) \
  (dln_cli_args_given (&c, name) ? dln_cli_args_text (&c, name) : NULL)
  a->surface = GIVEN_TEXT ("--surface");
  a->expr = GIVEN_TEXT ("--expr");
  a->cond = GIVEN_TEXT ("--cond");
  a->rotation = GIVEN_TEXT ("--rotation");
  a->data_x = GIVEN_TEXT ("--data-x");
  a->data_y = GIVEN_TEXT ("--data-y");
  a->point = GIVEN_TEXT (descend ? "--start" : "--at");
  if (descend)
    {
      a->optimizer = GIVEN_TEXT ("--optimizer");
      a->steps = GIVEN_TEXT ("--steps");
      a->n_steps = dln_cli_args_size (&c, "--steps");
      a->schedule = GIVEN_TEXT ("--schedule");
      a->nesterov = dln_cli_args_given (&c, "--nesterov");
      a->centered = dln_cli_args_given (&c, "--centered");
      a->amsgrad = dln_cli_args_given (&c, "--amsgrad");
      a->progress = dln_cli_args_given (&c, "--progress");
      for (size_t k = 0; k < G_N_ELEMENTS (hyper_options); k++)
        a->hyper[k] = GIVEN_TEXT (hyper_options[k].flag);
      for (size_t k = 0; k < G_N_ELEMENTS (sched_flags); k++)
        a->sched_opt[k] = GIVEN_TEXT (sched_flags[k]);
    }
#undef GIVEN_TEXT
  dln_cli_args_clear (&c);
  return 0;
}

/* The required point "X,Y" (either may be negative) of option @flag, from
 * its @text (NULL when not given). Returns 0 or an exit status after
 * printing the error. */
static int
point_option (const char *flag,
              const char *text,
              double     *x,
              double     *y)
{
  char **parts;
  gboolean ok;

  if (text == NULL)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "missing %s X,Y", flag);
  parts = g_strsplit (text, ",", -1);
  ok = g_strv_length (parts) == 2
       && dln_cli_parse_double (g_strstrip (parts[0]), x)
       && dln_cli_parse_double (g_strstrip (parts[1]), y)
       && isfinite (*x) && isfinite (*y);
  g_strfreev (parts);
  if (!ok)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s: '%s' is not X,Y (two "
                          "finite numbers, e.g. -1.5,2)", flag, text);
  return 0;
}

/* Parses a comma list of finite numbers into a new array. */
static double *
parse_list (const char *text,
            size_t     *n,
            const char *what)
{
  char **parts = g_strsplit (text, ",", -1);
  size_t count = g_strv_length (parts);
  double *v;

  if (count == 0)
    {
      g_strfreev (parts);
      dln_cli_error (DLN_CLI_EXIT_USAGE, "%s: empty list", what);
      return NULL;
    }
  v = g_new (double, count);

  for (size_t i = 0; i < count; i++)
    if (!dln_cli_parse_double (g_strstrip (parts[i]), &v[i])
        || !isfinite (v[i]))
      {
        dln_cli_error (DLN_CLI_EXIT_USAGE, "%s: item %zu ('%s') is not a "
                       "finite number", what, i + 1, parts[i]);
        g_strfreev (parts);
        g_free (v);
        return NULL;
      }
  g_strfreev (parts);
  *n = count;
  return v;
}

/* Sets up the surface named by the arguments. Returns 0 or an exit status
 * after printing the error. */
static int
make_surface (const SurfaceArgs *a,
              DlnArena          *arena,
              DlnSurface        *s)
{
  DlnMessage msg;

  if (a->surface != NULL && a->expr != NULL)
    return dln_cli_error (DLN_CLI_EXIT_USAGE,
                          "give either --surface or --expr, not both");
  if (a->surface == NULL && a->expr == NULL)
    return dln_cli_error (DLN_CLI_EXIT_USAGE,
                          "missing --surface NAME or --expr EXPR (see "
                          "dlnlab-cli surfaces)");
  if (a->expr != NULL)
    {
      DlnStatus st = dln_surface_init_expr (s, a->expr, arena, &msg);

      if (st == DLN_STATUS_INVALID_INPUT)
        return dln_cli_expr_error ("--expr: ", a->expr, &msg);
      if (st != DLN_STATUS_OK)
        return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "%s", msg.text);
    }
  else if (dln_surface_init_by_name (s, a->surface, &msg) != DLN_STATUS_OK)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s", msg.text);

  if ((a->cond != NULL || a->rotation != NULL)
      && s->kind != DLN_SURFACE_QUADRATIC)
    return dln_cli_error (DLN_CLI_EXIT_USAGE,
                          "--cond and --rotation apply to the quadratic "
                          "surface only");
  if ((a->data_x != NULL || a->data_y != NULL)
      && s->kind != DLN_SURFACE_SHALLOW_NET)
    return dln_cli_error (DLN_CLI_EXIT_USAGE,
                          "--data-x and --data-y apply to the shallow-net "
                          "surface only");
  if (a->cond != NULL || a->rotation != NULL)
    {
      double cond = s->cond, deg = 0.0;

      if ((a->cond != NULL && !dln_cli_parse_double (a->cond, &cond))
          || (a->rotation != NULL
              && !dln_cli_parse_double (a->rotation, &deg)))
        return dln_cli_error (DLN_CLI_EXIT_USAGE,
                              "--cond and --rotation take numbers");
      if (dln_surface_set_quadratic (s, cond, deg * M_PI / 180.0, &msg)
          != DLN_STATUS_OK)
        return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s", msg.text);
    }
  if (a->data_x != NULL || a->data_y != NULL)
    {
      size_t nx = 0, ny = 0;
      double *x, *y;
      int status = 0;

      if (a->data_x == NULL || a->data_y == NULL)
        return dln_cli_error (DLN_CLI_EXIT_USAGE,
                              "--data-x and --data-y go together");
      x = parse_list (a->data_x, &nx, "--data-x");
      if (x == NULL)
        return DLN_CLI_EXIT_USAGE;
      y = parse_list (a->data_y, &ny, "--data-y");
      if (y == NULL)
        status = DLN_CLI_EXIT_USAGE;
      else if (nx != ny)
        status = dln_cli_error (DLN_CLI_EXIT_USAGE, "--data-x has %zu "
                                "values, --data-y %zu", nx, ny);
      else if (dln_surface_set_data (s, x, y, nx, &msg) != DLN_STATUS_OK)
        status = dln_cli_error (DLN_CLI_EXIT_USAGE, "%s", msg.text);
      g_free (x);
      g_free (y);
      if (status != 0)
        return status;
    }
  return 0;
}

/* An --expr surface that is undefined at (x, y): names the operation
 * (dln_graph_check_domain), e.g. "log of a negative number: f = ln(x)
 * with x = -1". Returns an exit status after printing @what and that. */
static int
surface_domain_error (const SurfaceArgs *a,
                      const char        *what,
                      double             x,
                      double             y)
{
  DlnArena *arena = a->expr != NULL ? dln_arena_new (1 << 20) : NULL;
  DlnExpr *expr;
  DlnGraph *g;
  DlnMessage dm;
  int status;

  if (arena == NULL
      || dln_expr_parse (a->expr, arena, &expr, &dm) != DLN_STATUS_OK
      || dln_expr_to_graph (expr, arena, &g, &dm) != DLN_STATUS_OK)
    {
      dln_arena_free (arena);
      return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s", what);
    }
  for (int i = 0; i < dln_expr_n_vars (expr); i++)
    dln_graph_set_scalar (g, i, strcmp (dln_expr_var_name (expr, i), "x") == 0
                                ? x : y);
  dln_graph_forward (g);
  if (dln_graph_check_domain (g, &dm) == DLN_STATUS_OK)
    status = dln_cli_error (DLN_CLI_EXIT_USAGE, "%s", what);
  else
    status = dln_cli_error (DLN_CLI_EXIT_USAGE, "%s: %s", what, dm.text);
  dln_arena_free (arena);
  return status;
}

/* --- JSON helpers ---
 * descend's trajectory (up to 10^6 steps) is streamed with printf rather
 * than held in a JsonBuilder; the other documents go through json-glib. */

/* A number, or "nan" / "inf" / "-inf" as strings (JSON has no such
 * numbers; the descend/hessian output contract keeps them readable where
 * dln_cli_json_number writes null). */
static void
json_number (double v)
{
  char buf[32];

  dln_cli_format_double (buf, v);
  if (isfinite (v))
    fputs (buf, stdout);
  else
    printf ("\"%s\"", buf);
}

/* As json_number, into a JsonBuilder. */
static void
json_add_number_text (JsonBuilder *b,
                      double       v)
{
  char buf[32];

  if (isfinite (v))
    json_builder_add_double_value (b, v);
  else
    json_builder_add_string_value (b, dln_cli_format_double (buf, v));
}

static void
json_add_pair (JsonBuilder *b,
               double       x,
               double       y)
{
  json_builder_begin_array (b);
  json_add_number_text (b, x);
  json_add_number_text (b, y);
  json_builder_end_array (b);
}

/* "name": [x, y] */
static void
json_member_pair (JsonBuilder *b,
                  const char  *name,
                  double       x,
                  double       y)
{
  json_builder_set_member_name (b, name);
  json_add_pair (b, x, y);
}

/* "name": [[x0, y0], [x1, y1]] (a 2 x 2 matrix by rows) */
static void
json_member_rows (JsonBuilder *b,
                  const char  *name,
                  double       x0,
                  double       y0,
                  double       x1,
                  double       y1)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  json_add_pair (b, x0, y0);
  json_add_pair (b, x1, y1);
  json_builder_end_array (b);
}

/* "name": [[x, y], ...] */
static void
json_member_points (JsonBuilder    *b,
                    const char     *name,
                    const DlnPoint *points,
                    int             n)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (int i = 0; i < n; i++)
    json_add_pair (b, points[i].x, points[i].y);
  json_builder_end_array (b);
}

static void
csv_number (double v)
{
  char buf[32];

  fputs (dln_cli_format_double (buf, v), stdout);
}

/* --- surfaces --- */

int
dln_cli_surfaces (int    argc,
                  char **argv)
{
  DlnCliArgs c;
  g_autoptr (JsonBuilder) jb = NULL;
  int json, rc;

  if (!dln_cli_args_parse_command (&c, &dln_cli_surfaces_spec, argc, argv,
                                   &rc))
    return rc;
  json = dln_cli_args_given (&c, "--json");
  dln_cli_args_clear (&c);
  jb = json_builder_new ();

  if (json)
    json_builder_begin_array (jb);
  else
    printf ("name,formula,xmin,xmax,ymin,ymax,minima\n");
  for (int k = 0; k < DLN_SURFACE_EXPR; k++)
    {
      DlnSurface s;
      double product;
      GString *minima = g_string_new (NULL);
      char b[4][32];

      dln_surface_init (&s, (DlnSurfaceKind) k);
      if (dln_surface_shallow_product (&s, &product, NULL))
        g_string_append_printf (minima, "x*y=%s",
                                dln_cli_format_double (b[0], product));
      for (int i = 0; i < s.n_minima; i++)
        g_string_append_printf (minima, "%s%s %s", i > 0 ? ";" : "",
                                dln_cli_format_double (b[0], s.minima[i].x),
                                dln_cli_format_double (b[1], s.minima[i].y));
      if (json)
        {
          json_builder_begin_object (jb);
          json_builder_set_member_name (jb, "name");
          dln_cli_json_add_string (jb, s.name);
          json_builder_set_member_name (jb, "formula");
          dln_cli_json_add_string (jb, s.formula);
          json_builder_set_member_name (jb, "view");
          json_builder_begin_array (jb);
          json_add_number_text (jb, s.view.xmin);
          json_add_number_text (jb, s.view.xmax);
          json_add_number_text (jb, s.view.ymin);
          json_add_number_text (jb, s.view.ymax);
          json_builder_end_array (jb);
          json_member_points (jb, "minima", s.minima, s.n_minima);
          json_member_points (jb, "saddles", s.saddles, s.n_saddles);
          if (dln_surface_shallow_product (&s, &product, NULL))
            {
              json_builder_set_member_name (jb, "hyperbola");
              json_add_number_text (jb, product);
            }
          json_builder_end_object (jb);
        }
      else
        /* formulas contain no commas or quotes; quoted anyway for CSV
         * readers */
        printf ("%s,\"%s\",%s,%s,%s,%s,%s\n", s.name, s.formula,
                dln_cli_format_double (b[0], s.view.xmin),
                dln_cli_format_double (b[1], s.view.xmax),
                dln_cli_format_double (b[2], s.view.ymin),
                dln_cli_format_double (b[3], s.view.ymax), minima->str);
      g_string_free (minima, TRUE);
    }
  if (json)
    {
      json_builder_end_array (jb);
      dln_cli_json_print (jb, TRUE);
    }
  return DLN_CLI_EXIT_OK;
}

/* --- descend --- */

static int
make_optimizer (SurfaceArgs     *a,
                DlnOptimParams  *p,
                DlnSchedule     *sch,
                int             *has_schedule)
{
  DlnOptimKind kind;
  DlnMessage msg;

  if (a->optimizer == NULL)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "missing --optimizer OPT (sgd, "
                          "momentum, nesterov, adagrad, rmsprop, adam)");
  kind = dln_optim_kind_from_name (a->optimizer);
  if (kind == DLN_OPTIM_COUNT)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "unknown optimizer '%s' (sgd, "
                          "momentum, nesterov, adagrad, rmsprop, adam)",
                          a->optimizer);
  if (a->nesterov)
    {
      if (kind != DLN_OPTIM_SGD && kind != DLN_OPTIM_MOMENTUM
          && kind != DLN_OPTIM_NESTEROV)
        return dln_cli_error (DLN_CLI_EXIT_USAGE, "--nesterov applies to "
                              "sgd and momentum only");
      if (kind == DLN_OPTIM_SGD && hyper_text (a, "--momentum") == NULL)
        return dln_cli_error (DLN_CLI_EXIT_USAGE, "--nesterov needs a "
                              "momentum: give --momentum F or use "
                              "--optimizer nesterov");
      kind = DLN_OPTIM_NESTEROV;
    }
  if (a->centered && kind != DLN_OPTIM_RMSPROP)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "--centered applies to "
                          "rmsprop only");
  if (a->amsgrad && kind != DLN_OPTIM_ADAM)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "--amsgrad applies to adam "
                          "only");
  dln_optim_params_init (p, kind);
  p->centered = a->centered;
  p->amsgrad = a->amsgrad;
  for (size_t k = 0; k < G_N_ELEMENTS (hyper_options); k++)
    if (a->hyper[k] != NULL)
      {
        double v;

        if (!dln_cli_parse_double (a->hyper[k], &v))
          return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s: '%s' is not a "
                                "number", hyper_options[k].flag,
                                a->hyper[k]);
        *hyper_field (p, k) = v;
      }
  if (dln_optim_params_check (p, &msg) != DLN_STATUS_OK)
    return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s", msg.text);

  *has_schedule = 0;
  if (a->schedule != NULL)
    {
      DlnScheduleKind sk = dln_schedule_kind_from_name (a->schedule);
      double v[7];

      if (sk == DLN_SCHEDULE_COUNT)
        return dln_cli_error (DLN_CLI_EXIT_USAGE, "unknown schedule '%s' "
                              "(constant, step, exponential, cosine, "
                              "warmup)", a->schedule);
      dln_schedule_init (sch, sk);
      for (size_t k = 0; k < G_N_ELEMENTS (sched_flags); k++)
        if (a->sched_opt[k] != NULL
            && !dln_cli_parse_double (a->sched_opt[k], &v[k]))
          return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s: '%s' is not a "
                                "number", sched_flags[k], a->sched_opt[k]);
      /* step-size, t-max and warmup-iters are epoch counts */
      for (size_t k = 1; k < G_N_ELEMENTS (sched_flags); k++)
        if ((k == 1 || k == 2 || k == 5) && a->sched_opt[k] != NULL
            && !(v[k] == floor (v[k]) && v[k] >= 1 && v[k] <= 1e9))
          return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s must be a whole "
                                "number in 1 .. 1e9 (got %s)",
                                sched_flags[k], a->sched_opt[k]);
      if (a->sched_opt[0] != NULL)
        sch->gamma = v[0];
      if (a->sched_opt[1] != NULL)
        sch->step_size = (long) v[1];
      if (a->sched_opt[2] != NULL)
        sch->t_max = (long) v[2];
      if (a->sched_opt[3] != NULL)
        sch->eta_min = v[3];
      if (a->sched_opt[4] != NULL)
        sch->start_factor = v[4];
      if (a->sched_opt[5] != NULL)
        sch->total_iters = (long) v[5];
      if (a->sched_opt[6] != NULL)
        sch->end_factor = v[6];
      if (dln_schedule_check (sch, &msg) != DLN_STATUS_OK)
        return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s", msg.text);
      *has_schedule = sk != DLN_SCHEDULE_CONSTANT;
    }
  else
    for (size_t k = 0; k < G_N_ELEMENTS (sched_flags); k++)
      if (a->sched_opt[k] != NULL)
        return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s needs --schedule",
                              sched_flags[k]);
  return 0;
}

/* kind, then the hyperparameters it reads, its switch last */
static void
json_optimizer (const DlnOptimParams *p)
{
  DlnOptimParams values = *p;
  char b[32];

  printf ("{\"kind\": \"%s\"", dln_optim_kind_name (p->kind));
  for (size_t k = 0; k < G_N_ELEMENTS (hyper_options); k++)
    if (hyper_options[k].kinds & (1u << p->kind))
      printf (", \"%s\": %s", hyper_options[k].key,
              dln_cli_format_double (b, *hyper_field (&values, k)));
  if (p->kind == DLN_OPTIM_RMSPROP)
    printf (", \"centered\": %s", p->centered ? "true" : "false");
  else if (p->kind == DLN_OPTIM_ADAM)
    printf (", \"amsgrad\": %s", p->amsgrad ? "true" : "false");
  else if (SGD_FAMILY & (1u << p->kind))
    printf (", \"nesterov\": %s",
            p->kind == DLN_OPTIM_NESTEROV ? "true" : "false");
  printf ("}");
}

/* The start of descend and hessian: the command's options, a 1 MiB
 * arena and the surface. FALSE when the command ends here, with
 * *@status its exit status (after the help, or an error; nothing is
 * left to free). */
static bool
start_surface (int                      argc,
               char                   **argv,
               const DlnCliCommandSpec *spec,
               SurfaceArgs             *a,
               DlnArena               **arena,
               DlnSurface              *s,
               int                     *status)
{
  *arena = NULL;
  *status = parse_args (argc, argv, spec, a);
  if (*status != 0)
    return false;
  if (a->help)
    {
      dln_cli_print_help (spec, stdout);
      return false;
    }
  *arena = dln_arena_new (1 << 20);
  if (*arena == NULL)
    {
      *status = dln_cli_error (DLN_CLI_EXIT_RUNTIME, "out of memory");
      return false;
    }
  *status = make_surface (a, *arena, s);
  if (*status != 0)
    {
      dln_arena_free (*arena);
      *arena = NULL;
      return false;
    }
  return true;
}

/* A point the surface refuses: outside an expression's domain, or a
 * usage error. Returns the exit status after printing it. */
static int
surface_input_error (const SurfaceArgs *a,
                     const char        *what,
                     double             x,
                     double             y)
{
  if (a->expr != NULL)
    return surface_domain_error (a, what, x, y);
  return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s", what);
}

int
dln_cli_descend (int    argc,
                 char **argv)
{
  SurfaceArgs a;
  DlnArena *arena = NULL;
  DlnSurface s;
  DlnOptimParams p;
  DlnSchedule sch;
  DlnTrajectory tr = { 0 };
  DlnCliProgress progress;
  DlnCurvature curv;
  DlnMessage msg;
  DlnStatus st;
  double x0, y0;
  size_t steps;
  int has_schedule, status, curv_ok;

  if (!start_surface (argc, argv, &dln_cli_descend_spec, &a, &arena, &s,
                      &status))
    return status;
  status = make_optimizer (&a, &p, &sch, &has_schedule);
  if (status == 0)
    status = point_option ("--start", a.point, &x0, &y0);
  if (status != 0)
    {
      dln_arena_free (arena);
      return status;
    }

  steps = a.n_steps;  /* required, 0 .. MAX_STEPS: the option table */
  tr.capacity = steps + 1;
  tr.x = g_new (double, steps + 1);
  tr.y = g_new (double, steps + 1);
  tr.loss = g_new (double, steps + 1);
  dln_cli_progress_init (&progress, "descend", "step", a.progress);
  tr.progress = dln_cli_progress_update;
  tr.progress_data = &progress;
  st = dln_surface_descend (&s, &p, has_schedule ? &sch : NULL, x0, y0,
                            steps, &tr, &msg);
  dln_cli_progress_end (&progress);
  if (st == DLN_STATUS_INVALID_INPUT)
    status = surface_input_error (&a, msg.text, x0, y0);
  else
    {
      curv_ok = dln_surface_curvature (&s, x0, y0, arena, &curv, NULL)
                == DLN_STATUS_OK;
      if (a.json)
        {
          printf ("{\"surface\": ");
          dln_cli_print_json_string (stdout, s.name);
          printf (", \"formula\": ");
          dln_cli_print_json_string (stdout, s.formula);
          printf (", \"optimizer\": ");
          json_optimizer (&p);
          if (has_schedule)
            {
              char b[4][32];

              printf (", \"schedule\": {\"kind\": \"%s\", \"gamma\": %s, "
                      "\"step_size\": %ld, \"t_max\": %ld, \"eta_min\": %s, "
                      "\"start_factor\": %s, \"end_factor\": %s, "
                      "\"total_iters\": %ld}",
                      dln_schedule_kind_name (sch.kind),
                      dln_cli_format_double (b[0], sch.gamma), sch.step_size,
                      sch.t_max, dln_cli_format_double (b[1], sch.eta_min),
                      dln_cli_format_double (b[2], sch.start_factor),
                      dln_cli_format_double (b[3], sch.end_factor),
                      sch.total_iters);
            }
          printf (",\n \"start\": {\"x\": ");
          json_number (x0);
          printf (", \"y\": ");
          json_number (y0);
          printf (", \"lambda_max\": ");
          if (curv_ok)
            json_number (curv.lambda_max);
          else
            printf ("null");
          printf (", \"lr_crit\": ");
          if (curv_ok && curv.bounded)
            json_number (curv.lr_crit);
          else
            printf (curv_ok ? "\"unbounded\"" : "null");
          printf ("},\n \"steps\": %zu, \"diverged\": %s, "
                  "\"diverged_step\": ", steps,
                  tr.diverged ? "true" : "false");
          if (tr.diverged)
            printf ("%zu", tr.diverged_step);
          else
            printf ("null");
          printf (",\n \"trajectory\": [");
        }
      else
        printf ("step,x,y,loss\n");
      for (size_t k = 0; k <= tr.n_points; k++)
        {
          double x, y, l;
          size_t step = k;

          if (k == tr.n_points)
            {
              if (!tr.diverged)
                break;
              x = tr.div_x;
              y = tr.div_y;
              l = tr.div_loss;
              step = tr.diverged_step;
            }
          else
            {
              x = tr.x[k];
              y = tr.y[k];
              l = tr.loss[k];
            }
          if (a.json)
            {
              printf ("%s\n  {\"step\": %zu, \"x\": ", k > 0 ? "," : "",
                      step);
              json_number (x);
              printf (", \"y\": ");
              json_number (y);
              printf (", \"loss\": ");
              json_number (l);
              printf ("}");
            }
          else
            {
              printf ("%zu,", step);
              csv_number (x);
              putchar (',');
              csv_number (y);
              putchar (',');
              csv_number (l);
              putchar ('\n');
            }
        }
      if (a.json)
        printf ("\n ]}\n");
      if (tr.diverged)
        {
          char b[32];

          dln_cli_warning ("%s (%s, lr %g; at the start %s%s)", msg.text,
                           dln_optim_kind_name (p.kind), p.lr,
                           curv_ok && curv.bounded
                           ? "GD is stable for lr < 2/lambda_max = "
                           : "the stability bound is unbounded",
                           curv_ok && curv.bounded
                           ? dln_cli_format_double (b, curv.lr_crit) : "");
        }
      status = DLN_CLI_EXIT_OK;
    }
  g_free (tr.x);
  g_free (tr.y);
  g_free (tr.loss);
  dln_arena_free (arena);
  return status;
}

/* --- hessian --- */

int
dln_cli_hessian (int    argc,
                 char **argv)
{
  SurfaceArgs a;
  DlnArena *arena;
  DlnSurface s;
  DlnCurvature c;
  DlnMessage msg;
  DlnStatus st;
  double x, y;
  int status;

  if (!start_surface (argc, argv, &dln_cli_hessian_spec, &a, &arena, &s,
                      &status))
    return status;
  status = point_option ("--at", a.point, &x, &y);
  if (status != 0)
    {
      dln_arena_free (arena);
      return status;
    }

  st = dln_surface_curvature (&s, x, y, arena, &c, &msg);
  if (st == DLN_STATUS_INVALID_INPUT)
    status = surface_input_error (&a, msg.text, x, y);
  else if (st != DLN_STATUS_OK)
    status = dln_cli_error (DLN_CLI_EXIT_RUNTIME, "%s", msg.text);
  else if (a.json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "surface");
      dln_cli_json_add_string (b, s.name);
      json_builder_set_member_name (b, "formula");
      dln_cli_json_add_string (b, s.formula);
      json_member_pair (b, "at", x, y);
      json_builder_set_member_name (b, "value");
      json_add_number_text (b, c.value);
      json_member_pair (b, "gradient", c.grad[0], c.grad[1]);
      json_member_rows (b, "hessian", c.hess[0], c.hess[1], c.hess[2],
                        c.hess[3]);
      json_member_pair (b, "eigenvalues", c.eig[0], c.eig[1]);
      /* eigenvectors as a list of vectors (columns of evec) */
      json_member_rows (b, "eigenvectors", c.evec[0], c.evec[2], c.evec[1],
                        c.evec[3]);
      json_builder_set_member_name (b, "lambda_max");
      json_add_number_text (b, c.lambda_max);
      json_builder_set_member_name (b, "lr_crit");
      if (c.bounded)
        json_add_number_text (b, c.lr_crit);
      else
        json_builder_add_string_value (b, "unbounded");
      json_builder_end_object (b);
      dln_cli_json_print (b, TRUE);
    }
  else
    {
      const double cols[14] = {
        x, y, c.value, c.grad[0], c.grad[1], c.hess[0], c.hess[1],
        c.hess[3], c.eig[0], c.eig[1], c.evec[0], c.evec[2], c.evec[1],
        c.evec[3],
      };

      printf ("x,y,value,grad_x,grad_y,h_xx,h_xy,h_yy,lambda_1,lambda_2,"
              "v1_x,v1_y,v2_x,v2_y,lr_crit\n");
      for (int i = 0; i < 14; i++)
        {
          csv_number (cols[i]);
          putchar (',');
        }
      if (c.bounded)
        csv_number (c.lr_crit);
      else
        fputs ("unbounded", stdout);
      putchar ('\n');
    }
  dln_arena_free (arena);
  return status;
}
