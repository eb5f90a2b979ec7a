/* dlnlab-cli commands on 2-D loss surfaces: surfaces, descend, hessian
 * (docs/cli.md). (Over 800 lines: three commands, their --help texts and
 * the optimizer and schedule options descend shares with none.) */

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
  const char *schedule;
  DlnOptimParams params;
  const char *hyper[16];  /* raw values of the numeric options below */
  int         nesterov, centered, amsgrad;
  const char *sched_opt[7];
} SurfaceArgs;

/* Numeric optimizer options: flag name and the DlnOptimParams field. */
typedef struct
{
  const char *flag;
  size_t      offset;
} HyperOption;

static const HyperOption hyper_options[] = {
  { "--lr",                  G_STRUCT_OFFSET (DlnOptimParams, lr) },
  { "--momentum",            G_STRUCT_OFFSET (DlnOptimParams, momentum) },
  { "--dampening",           G_STRUCT_OFFSET (DlnOptimParams, dampening) },
  { "--weight-decay",        G_STRUCT_OFFSET (DlnOptimParams, weight_decay) },
  { "--lr-decay",            G_STRUCT_OFFSET (DlnOptimParams, lr_decay) },
  { "--initial-accumulator",
    G_STRUCT_OFFSET (DlnOptimParams, initial_accumulator_value) },
  { "--alpha",               G_STRUCT_OFFSET (DlnOptimParams, alpha) },
  { "--beta1",               G_STRUCT_OFFSET (DlnOptimParams, beta1) },
  { "--beta2",               G_STRUCT_OFFSET (DlnOptimParams, beta2) },
  { "--eps",                 G_STRUCT_OFFSET (DlnOptimParams, eps) },
};

static const char *const sched_flags[] = {
  "--gamma", "--step-size", "--t-max", "--eta-min", "--warmup-start",
  "--warmup-iters", "--warmup-end",
};

static const char surface_options_help[] =
  "Surface (one of):\n"
  "  --surface NAME      a built-in (see dlnlab-cli surfaces)\n"
  "  --expr EXPR         any expression in x and y, e.g. 'x^2 + 3*sin(y)'\n"
  "Surface parameters:\n"
  "  --cond F            quadratic: condition number (>= 1, default 10)\n"
  "  --rotation DEG      quadratic: rotation of its axes (default 0)\n"
  "  --data-x X1,X2,...  shallow-net: inputs (default 10 points on [0, 1])\n"
  "  --data-y Y1,Y2,...  shallow-net: targets (default y = x)\n";

static void
print_descend_help (void)
{
  printf ("Usage: dlnlab-cli descend (--surface NAME | --expr EXPR)\n"
          "         --optimizer OPT --start X,Y --steps N [options] [--json]\n"
          "\n"
          "Runs an optimizer on a 2-D surface and prints its trajectory as\n"
          "CSV step,x,y,loss; step 0 is the start. A run that diverges (NaN,\n"
          "Inf or |x|, |y| > 1e12) stops with a final row of nan/inf and a\n"
          "warning on stderr; the exit status is still 0.\n"
          "\n%s"
          "Optimizer (PyTorch 1.13 torch.optim rules and defaults):\n"
          "  --optimizer OPT     sgd | momentum | nesterov | adagrad | rmsprop | adam\n"
          "  --lr F              learning rate (default 0.01; adam 0.001)\n"
          "  --momentum F        sgd, rmsprop (default 0; momentum, nesterov 0.9)\n"
          "  --dampening F       sgd family (default 0)\n"
          "  --nesterov          Nesterov momentum (sgd, momentum)\n"
          "  --weight-decay F    L2 penalty added to the gradient (default 0)\n"
          "  --lr-decay F        adagrad (default 0)\n"
          "  --initial-accumulator F  adagrad (default 0)\n"
          "  --alpha F           rmsprop smoothing (default 0.99)\n"
          "  --centered          rmsprop, centered\n"
          "  --beta1 F, --beta2 F  adam (defaults 0.9, 0.999)\n"
          "  --amsgrad           adam, AMSGrad\n"
          "  --eps F             adagrad 1e-10, rmsprop and adam 1e-8\n"
          "Learning-rate schedule (epoch = step - 1):\n"
          "  --schedule KIND     constant | step | exponential | cosine | warmup\n"
          "  --gamma F           step (default 0.1), exponential (0.95)\n"
          "  --step-size N       step (default 30)\n"
          "  --t-max N, --eta-min F   cosine (defaults 100, 0): eta_min at epoch\n"
          "                      N, then on up along the cosine to lr at 2N,\n"
          "                      as torch's CosineAnnealingLR\n"
          "  --warmup-start F, --warmup-end F, --warmup-iters N\n"
          "                      warmup: lr factor from start to end over N\n"
          "                      epochs (defaults 1/3, 1, 5)\n"
          "Output:\n"
          "  --start X,Y         start point (negative numbers are fine)\n"
          "  --steps N           optimizer steps (0 .. %d)\n"
          "  --json              JSON with the stability bound at the start\n",
          surface_options_help, MAX_STEPS);
}

static void
print_hessian_help (void)
{
  printf ("Usage: dlnlab-cli hessian (--surface NAME | --expr EXPR) --at X,Y "
          "[--json]\n"
          "\n"
          "Value, gradient and exact Hessian (closed form, or forward-over-\n"
          "reverse for expressions) at a point, its eigenvalues and unit\n"
          "eigenvectors (LAPACK dsyevr), and the local stability bound of\n"
          "gradient descent, lr < 2/lambda_max (\"unbounded\" when\n"
          "lambda_max <= 0).\n"
          "CSV columns: x,y,value,grad_x,grad_y,h_xx,h_xy,h_yy,lambda_1,\n"
          "lambda_2,v1_x,v1_y,v2_x,v2_y,lr_crit (eigenvalues ascending).\n"
          "\n%s"
          "  --at X,Y            the point\n"
          "  --json              JSON instead of CSV\n",
          surface_options_help);
}

static int
parse_args (int          argc,
            char       **argv,
            int          descend,
            SurfaceArgs *a)
{
  memset (a, 0, sizeof *a);
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *eq = strchr (arg, '=');
      size_t len = eq != NULL ? (size_t) (eq - arg) : strlen (arg);
      const char **slot = NULL;
      int *flag = NULL;
      char name[40];

      if (strncmp (arg, "--", 2) != 0 || len >= sizeof name)
        return dln_cli_error (DLN_CLI_EXIT_USAGE,
                              "unexpected argument '%s' (see dlnlab-cli %s "
                              "--help)", arg, argv[0]);
      memcpy (name, arg, len);
      name[len] = '\0';

      if (strcmp (name, "--help") == 0)
        {
          a->help = 1;
          continue;
        }
      if (strcmp (name, "--json") == 0)
        flag = &a->json;
      else if (strcmp (name, "--surface") == 0)
        slot = &a->surface;
      else if (strcmp (name, "--expr") == 0)
        slot = &a->expr;
      else if (strcmp (name, "--cond") == 0)
        slot = &a->cond;
      else if (strcmp (name, "--rotation") == 0)
        slot = &a->rotation;
      else if (strcmp (name, "--data-x") == 0)
        slot = &a->data_x;
      else if (strcmp (name, "--data-y") == 0)
        slot = &a->data_y;
      else if (!descend && strcmp (name, "--at") == 0)
        slot = &a->point;
      else if (descend && strcmp (name, "--start") == 0)
        slot = &a->point;
      else if (descend && strcmp (name, "--optimizer") == 0)
        slot = &a->optimizer;
      else if (descend && strcmp (name, "--steps") == 0)
        slot = &a->steps;
      else if (descend && strcmp (name, "--schedule") == 0)
        slot = &a->schedule;
      else if (descend && strcmp (name, "--nesterov") == 0)
        flag = &a->nesterov;
      else if (descend && strcmp (name, "--centered") == 0)
        flag = &a->centered;
      else if (descend && strcmp (name, "--amsgrad") == 0)
        flag = &a->amsgrad;
      if (descend && slot == NULL && flag == NULL)
        {
          for (size_t k = 0; k < G_N_ELEMENTS (hyper_options); k++)
            if (strcmp (name, hyper_options[k].flag) == 0)
              slot = &a->hyper[k];
          for (size_t k = 0; k < G_N_ELEMENTS (sched_flags); k++)
            if (strcmp (name, sched_flags[k]) == 0)
              slot = &a->sched_opt[k];
        }

      if (flag != NULL)
        {
          if (eq != NULL)
            return dln_cli_error (DLN_CLI_EXIT_USAGE,
                                  "%s takes no value", name);
          *flag = 1;
        }
      else if (slot != NULL)
        {
          *slot = dln_cli_option_value (argc, argv, &i, eq);
          if (*slot == NULL)
            return dln_cli_error (DLN_CLI_EXIT_USAGE, "%s needs a value",
                                  name);
        }
      else
        return dln_cli_error (DLN_CLI_EXIT_USAGE,
                              "unknown option '%s' (see dlnlab-cli %s "
                              "--help)", name, argv[0]);
    }
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

/* --- JSON helpers (no json-glib needed for flat output) --- */

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
  int json = 0;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--help") == 0)
        {
          printf ("Usage: dlnlab-cli surfaces [--json]\n"
                  "\n"
                  "Lists the built-in 2-D surfaces, one per line: name,\n"
                  "formula (valid --expr text in x and y), default view box\n"
                  "and known minima (x y pairs separated by ';'; for\n"
                  "shallow-net the solution hyperbola x*y = c).\n"
                  "CSV columns: name,formula,xmin,xmax,ymin,ymax,minima\n");
          return DLN_CLI_EXIT_OK;
        }
      else if (strcmp (argv[i], "--json") == 0)
        json = 1;
      else
        return dln_cli_error (DLN_CLI_EXIT_USAGE,
                              "unexpected argument '%s' (see dlnlab-cli "
                              "surfaces --help)", argv[i]);
    }

  if (json)
    printf ("[");
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
          printf ("%s\n  {\"name\": ", k > 0 ? "," : "");
          dln_cli_print_json_string (stdout, s.name);
          printf (", \"formula\": ");
          dln_cli_print_json_string (stdout, s.formula);
          printf (", \"view\": [%s, %s, %s, %s], \"minima\": [",
                  dln_cli_format_double (b[0], s.view.xmin),
                  dln_cli_format_double (b[1], s.view.xmax),
                  dln_cli_format_double (b[2], s.view.ymin),
                  dln_cli_format_double (b[3], s.view.ymax));
          for (int i = 0; i < s.n_minima; i++)
            printf ("%s[%s, %s]", i > 0 ? ", " : "",
                    dln_cli_format_double (b[0], s.minima[i].x),
                    dln_cli_format_double (b[1], s.minima[i].y));
          printf ("], \"saddles\": [");
          for (int i = 0; i < s.n_saddles; i++)
            printf ("%s[%s, %s]", i > 0 ? ", " : "",
                    dln_cli_format_double (b[0], s.saddles[i].x),
                    dln_cli_format_double (b[1], s.saddles[i].y));
          printf ("]");
          if (dln_surface_shallow_product (&s, &product, NULL))
            printf (", \"hyperbola\": %s",
                    dln_cli_format_double (b[0], product));
          printf ("}");
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
    printf ("\n]\n");
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
      if (kind == DLN_OPTIM_SGD && a->hyper[1] == NULL)
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
        *(double *) ((char *) p + hyper_options[k].offset) = v;
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

static void
json_optimizer (const DlnOptimParams *p)
{
  char b[32];

  printf ("{\"kind\": \"%s\", \"lr\": %s", dln_optim_kind_name (p->kind),
          dln_cli_format_double (b, p->lr));
  printf (", \"weight_decay\": %s", dln_cli_format_double (b,
                                                          p->weight_decay));
  switch (p->kind)
    {
    case DLN_OPTIM_SGD:
    case DLN_OPTIM_MOMENTUM:
    case DLN_OPTIM_NESTEROV:
      printf (", \"momentum\": %s", dln_cli_format_double (b, p->momentum));
      printf (", \"dampening\": %s", dln_cli_format_double (b, p->dampening));
      printf (", \"nesterov\": %s",
              p->kind == DLN_OPTIM_NESTEROV ? "true" : "false");
      break;
    case DLN_OPTIM_ADAGRAD:
      printf (", \"lr_decay\": %s", dln_cli_format_double (b, p->lr_decay));
      printf (", \"initial_accumulator_value\": %s",
              dln_cli_format_double (b, p->initial_accumulator_value));
      printf (", \"eps\": %s", dln_cli_format_double (b, p->eps));
      break;
    case DLN_OPTIM_RMSPROP:
      printf (", \"alpha\": %s", dln_cli_format_double (b, p->alpha));
      printf (", \"eps\": %s", dln_cli_format_double (b, p->eps));
      printf (", \"momentum\": %s", dln_cli_format_double (b, p->momentum));
      printf (", \"centered\": %s", p->centered ? "true" : "false");
      break;
    case DLN_OPTIM_ADAM:
      printf (", \"beta1\": %s", dln_cli_format_double (b, p->beta1));
      printf (", \"beta2\": %s", dln_cli_format_double (b, p->beta2));
      printf (", \"eps\": %s", dln_cli_format_double (b, p->eps));
      printf (", \"amsgrad\": %s", p->amsgrad ? "true" : "false");
      break;
    case DLN_OPTIM_COUNT:
      break;
    }
  printf ("}");
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
  DlnCurvature curv;
  DlnMessage msg;
  DlnStatus st;
  double x0, y0, steps_d;
  size_t steps;
  int has_schedule, status, curv_ok;

  status = parse_args (argc, argv, 1, &a);
  if (status != 0)
    return status;
  if (a.help)
    {
      print_descend_help ();
      return DLN_CLI_EXIT_OK;
    }
  arena = dln_arena_new (1 << 20);
  if (arena == NULL)
    return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "out of memory");
  status = make_surface (&a, arena, &s);
  if (status == 0)
    status = make_optimizer (&a, &p, &sch, &has_schedule);
  if (status == 0)
    status = point_option ("--start", a.point, &x0, &y0);
  if (status == 0 && a.steps == NULL)
    status = dln_cli_error (DLN_CLI_EXIT_USAGE, "missing --steps N");
  if (status == 0
      && (!dln_cli_parse_double (a.steps, &steps_d)
          || steps_d != floor (steps_d)))
    status = dln_cli_error (DLN_CLI_EXIT_USAGE, "--steps: '%s' is not a "
                            "whole number", a.steps);
  if (status == 0 && (steps_d < 0 || steps_d > MAX_STEPS))
    status = dln_cli_error (DLN_CLI_EXIT_USAGE, "--steps must be in 0 .. %d "
                            "(got %s)", MAX_STEPS, a.steps);
  if (status != 0)
    {
      dln_arena_free (arena);
      return status;
    }

  steps = (size_t) steps_d;
  tr.capacity = steps + 1;
  tr.x = g_new (double, steps + 1);
  tr.y = g_new (double, steps + 1);
  tr.loss = g_new (double, steps + 1);
  st = dln_surface_descend (&s, &p, has_schedule ? &sch : NULL, x0, y0,
                            steps, &tr, &msg);
  if (st == DLN_STATUS_INVALID_INPUT && a.expr != NULL)
    status = surface_domain_error (&a, msg.text, x0, y0);
  else if (st == DLN_STATUS_INVALID_INPUT)
    status = dln_cli_error (DLN_CLI_EXIT_USAGE, "%s", msg.text);
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

  status = parse_args (argc, argv, 0, &a);
  if (status != 0)
    return status;
  if (a.help)
    {
      print_hessian_help ();
      return DLN_CLI_EXIT_OK;
    }
  arena = dln_arena_new (1 << 20);
  if (arena == NULL)
    return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "out of memory");
  status = make_surface (&a, arena, &s);
  if (status == 0)
    status = point_option ("--at", a.point, &x, &y);
  if (status != 0)
    {
      dln_arena_free (arena);
      return status;
    }

  st = dln_surface_curvature (&s, x, y, arena, &c, &msg);
  if (st == DLN_STATUS_INVALID_INPUT && a.expr != NULL)
    status = surface_domain_error (&a, msg.text, x, y);
  else if (st == DLN_STATUS_INVALID_INPUT)
    status = dln_cli_error (DLN_CLI_EXIT_USAGE, "%s", msg.text);
  else if (st != DLN_STATUS_OK)
    status = dln_cli_error (DLN_CLI_EXIT_RUNTIME, "%s", msg.text);
  else if (a.json)
    {
      printf ("{\"surface\": ");
      dln_cli_print_json_string (stdout, s.name);
      printf (", \"formula\": ");
      dln_cli_print_json_string (stdout, s.formula);
      printf (",\n \"at\": [");
      json_number (x);
      printf (", ");
      json_number (y);
      printf ("], \"value\": ");
      json_number (c.value);
      printf (", \"gradient\": [");
      json_number (c.grad[0]);
      printf (", ");
      json_number (c.grad[1]);
      printf ("],\n \"hessian\": [[");
      json_number (c.hess[0]);
      printf (", ");
      json_number (c.hess[1]);
      printf ("], [");
      json_number (c.hess[2]);
      printf (", ");
      json_number (c.hess[3]);
      printf ("]],\n \"eigenvalues\": [");
      json_number (c.eig[0]);
      printf (", ");
      json_number (c.eig[1]);
      /* eigenvectors as a list of vectors (columns of evec) */
      printf ("],\n \"eigenvectors\": [[");
      json_number (c.evec[0]);
      printf (", ");
      json_number (c.evec[2]);
      printf ("], [");
      json_number (c.evec[1]);
      printf (", ");
      json_number (c.evec[3]);
      printf ("]],\n \"lambda_max\": ");
      json_number (c.lambda_max);
      printf (", \"lr_crit\": ");
      if (c.bounded)
        json_number (c.lr_crit);
      else
        printf ("\"unbounded\"");
      printf ("}\n");
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
