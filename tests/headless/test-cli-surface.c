/* dlnlab-cli surfaces, descend and hessian: output format, numbers against
 * closed forms computed here, divergence, and every usage error. One file
 * per CLI module, as the other test-cli-* files; it is long because the
 * optimizer block of descend --json is checked for every optimizer against
 * torch's own arguments. */

#include "config.h"

#include "dln-test-util.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The CLI prints %.17g, which round-trips; closed forms here differ from
 * the engine's arithmetic only by rounding. */
#define CLOSED_FORM_TOL 1e-14

/* Splits CSV output into rows of fields (header included). */
static GPtrArray *
csv_rows (const char *out)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  char **lines = g_strsplit (out, "\n", -1);

  for (char **l = lines; *l != NULL; l++)
    if (**l != '\0')
      g_ptr_array_add (rows, g_strsplit (*l, ",", -1));
  g_strfreev (lines);
  return rows;
}

static double
num (const char *text)
{
  char *end;
  double v = g_ascii_strtod (text, &end);

  g_assert_true (end != text && *end == '\0');
  return v;
}

static void
assert_rel (double a,
            double b)
{
  if (!(fabs (a - b) <= CLOSED_FORM_TOL * fmax (1.0, fabs (b))))
    g_error ("%.17g vs expected %.17g", a, b);
}

static void
test_surfaces (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *jout = NULL, *jerr = NULL;
  GPtrArray *rows;
  static const char *const names[] = {
    "ripple", "shallow-net", "quadratic", "rosenbrock", "himmelblau",
    "beale", "saddle", "plateau",
  };

  g_assert_cmpint (dln_test_run_cli (&out, &err, "surfaces", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  rows = csv_rows (out);
  g_assert_cmpuint (rows->len, ==, 1 + G_N_ELEMENTS (names));
  g_assert_cmpstr (((char **) rows->pdata[0])[0], ==, "name");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      char **f = rows->pdata[i + 1];

      g_assert_cmpstr (f[0], ==, names[i]);
      g_assert_cmpuint (g_strv_length (f), ==, 7);
    }
  g_assert_nonnull (strstr (out, "rosenbrock,\"(1 - x)^2 + 100*(y - x^2)^2\","
                                 "-2,2,-1,3,1 1\n"));
  g_assert_nonnull (strstr (out, "ripple,\"sin(x^2 + y^2)\",-3,3,-3,3"));
  /* the default shallow net: y = x, so the hyperbola is x*y = 1 */
  g_assert_nonnull (strstr (out, ",x*y=1\n"));
  g_ptr_array_unref (rows);

  g_assert_cmpint (dln_test_run_cli (&jout, &jerr, "surfaces", "--json",
                                     NULL), ==, 0);
  {
    g_autoptr (JsonParser) parser = json_parser_new ();
    JsonArray *all, *m;
    JsonObject *beale = NULL, *shallow = NULL;

    g_assert_true (json_parser_load_from_data (parser, jout, -1, NULL));
    all = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (all), ==, G_N_ELEMENTS (names));
    for (guint i = 0; i < json_array_get_length (all); i++)
      {
        JsonObject *o = json_array_get_object_element (all, i);
        const char *name = json_object_get_string_member (o, "name");

        if (strcmp (name, "beale") == 0)
          beale = o;
        if (strcmp (name, "shallow-net") == 0)
          shallow = o;
      }
    g_assert_nonnull (beale);
    m = json_array_get_array_element (
      json_object_get_array_member (beale, "minima"), 0);
    g_assert_cmpfloat (json_array_get_double_element (m, 0), ==, 3);
    g_assert_cmpfloat (json_array_get_double_element (m, 1), ==, 0.5);
    g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (beale, "minima")), ==, 1);
    g_assert_nonnull (shallow);
    m = json_array_get_array_element (
      json_object_get_array_member (shallow, "saddles"), 0);
    g_assert_cmpfloat (json_array_get_double_element (m, 0), ==, 0);
    g_assert_cmpfloat (json_array_get_double_element (m, 1), ==, 0);
    g_assert_cmpfloat (json_object_get_double_member (shallow, "hyperbola"),
                       ==, 1);
  }
}

/* GD on 0.5 (x² + 10 y²) from (1, 1), lr 0.05: x_k = 0.95^k, y_k = 0.5^k. */
static void
test_descend_closed_form (void)
{
  g_autofree char *out = NULL, *err = NULL;
  GPtrArray *rows;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "descend", "--surface",
                                     "quadratic", "--optimizer", "sgd",
                                     "--lr", "0.05", "--start", "1,1",
                                     "--steps", "30", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  rows = csv_rows (out);
  g_assert_cmpuint (rows->len, ==, 32);
  g_assert_cmpstr (((char **) rows->pdata[0])[0], ==, "step");
  g_assert_true (g_str_has_prefix (out, "step,x,y,loss\n0,1,1,5.5\n"));
  for (int k = 0; k <= 30; k++)
    {
      char **f = rows->pdata[k + 1];
      double x = pow (0.95, k), y = pow (0.5, k);

      g_assert_cmpint ((int) num (f[0]), ==, k);
      assert_rel (num (f[1]), x);
      assert_rel (num (f[2]), y);
      assert_rel (num (f[3]), 0.5 * (x * x + 10 * y * y));
    }
  g_ptr_array_unref (rows);
}

/* SGD on 0.5 (x² + 10 y²) with a cosine schedule past --t-max: step k
 * uses epoch k - 1, so x_k = Π_{j<k} (1 - lr_j) with torch's
 * CosineAnnealingLR lr_j = eta_min + (lr - eta_min)(1 + cos(π j/T))/2,
 * which rises again after T (T = 4: lr_5 = lr_3, lr_8 = lr). A subnormal
 * --lr is a number too. */
static void
test_descend_cosine_after_t_max (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  const double lr = 0.1, eta_min = 0.02, T = 4;
  GPtrArray *rows;
  double x = 1;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "descend", "--surface",
                                     "quadratic", "--optimizer", "sgd",
                                     "--lr", "0.1", "--start", "1,0",
                                     "--schedule", "cosine", "--t-max", "4",
                                     "--eta-min", "0.02", "--steps", "12",
                                     NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  rows = csv_rows (out);
  g_assert_cmpuint (rows->len, ==, 14);
  for (int k = 0; k <= 12; k++)
    {
      char **f = rows->pdata[k + 1];

      assert_rel (num (f[1]), x);
      x *= 1 - (eta_min + (lr - eta_min) * (1 + cos (M_PI * k / T)) / 2);
    }
  g_ptr_array_unref (rows);

  g_assert_cmpint (dln_test_run_cli (&out2, &err2, "descend", "--surface",
                                     "quadratic", "--optimizer", "sgd",
                                     "--lr", "1e-310", "--start", "1,1",
                                     "--steps", "1", NULL), ==, 0);
  g_assert_cmpstr (err2, ==, "");
  g_assert_true (g_str_has_prefix (out2, "step,x,y,loss\n0,1,1,5.5\n1,1,1,5.5\n"));
}

static void
test_descend_negative_start (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "descend", "--surface",
                                     "rosenbrock", "--optimizer", "adam",
                                     "--start", "-1.5,2", "--steps", "2",
                                     NULL), ==, 0);
  /* (1 + 1.5)² + 100 (2 − 2.25)² = 6.25 + 6.25 */
  g_assert_true (g_str_has_prefix (out, "step,x,y,loss\n0,-1.5,2,12.5\n"));
  g_assert_cmpint (dln_test_run_cli (&out2, &err2, "descend", "--surface=saddle",
                                     "--optimizer=sgd", "--start=-0.5,-1",
                                     "--steps=1", NULL), ==, 0);
  /* one step of lr 0.01: (−0.5·0.98, −1·1.02) */
  g_assert_true (g_str_has_prefix (out2, "step,x,y,loss\n0,-0.5,-1,-0.75\n"
                                         "1,-0.48999999999999999,-1.02,"));
}

static void
test_descend_divergence (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *jout = NULL, *jerr = NULL;
  GPtrArray *rows;
  char **last;

  /* saddle, lr 0.5: y doubles each step, leaves the 1e12 box at step 40
   * (2^40 = 1.1e12): final row inf, loss −inf */
  g_assert_cmpint (dln_test_run_cli (&out, &err, "descend", "--surface",
                                     "saddle", "--optimizer", "sgd", "--lr",
                                     "0.5", "--start", "0.5,1", "--steps",
                                     "100", NULL), ==, 0);
  rows = csv_rows (out);
  g_assert_cmpuint (rows->len, ==, 1 + 41);
  last = rows->pdata[rows->len - 1];
  g_assert_cmpstr (last[0], ==, "40");
  g_assert_cmpstr (last[2], ==, "inf");
  g_assert_cmpstr (last[3], ==, "-inf");
  g_assert_cmpstr (((char **) rows->pdata[40])[2], ==, "549755813888");
  g_assert_true (g_str_has_prefix (err, "dlnlab-cli: warning: diverged at "
                                        "step 40"));
  g_ptr_array_unref (rows);

  /* Rosenbrock, lr 1: the position overflows, a nan/inf final row */
  g_assert_cmpint (dln_test_run_cli (&out2, &err2, "descend", "--surface",
                                     "rosenbrock", "--optimizer", "sgd",
                                     "--lr", "1", "--start", "-1.5,2",
                                     "--steps", "500", NULL), ==, 0);
  rows = csv_rows (out2);
  g_assert_cmpuint (rows->len, <, 500);
  last = rows->pdata[rows->len - 1];
  g_assert_true (strstr (last[1], "inf") || strstr (last[1], "nan")
                 || strstr (last[2], "inf") || strstr (last[2], "nan"));
  g_assert_nonnull (strstr (err2, "warning: diverged"));
  g_ptr_array_unref (rows);

  g_assert_cmpint (dln_test_run_cli (&jout, &jerr, "descend", "--surface",
                                     "saddle", "--optimizer", "sgd", "--lr",
                                     "0.5", "--start", "0.5,1", "--steps",
                                     "100", "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (jout, "\"diverged\": true, \"diverged_step\": 40"));
  g_assert_nonnull (strstr (jout, "\"y\": \"inf\", \"loss\": \"-inf\""));
  /* saddle: λmax = 2 → lr_crit = 1 */
  g_assert_nonnull (strstr (jout, "\"lambda_max\": 2, \"lr_crit\": 1}"));
}

/* Every optimizer on every surface and on an expression: exit 0, steps + 1
 * rows, start row first. */
static void
test_descend_all (void)
{
  static const char *const surfaces[] = {
    "ripple", "shallow-net", "quadratic", "rosenbrock", "himmelblau",
    "beale", "saddle", "plateau", NULL,
  };
  static const char *const optims[] = {
    "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam",
  };

  for (int i = 0; i < 9; i++)
    for (guint o = 0; o < G_N_ELEMENTS (optims); o++)
      {
        g_autofree char *out = NULL, *err = NULL;
        const char *args[] = {
          "descend", surfaces[i] ? "--surface" : "--expr",
          surfaces[i] ? surfaces[i] : "x^2 + 2*sin(y) + 0.1*y^2",
          "--optimizer", optims[o], "--lr", "0.001", "--start", "0.3,-0.4",
          "--steps", "5",
          NULL,
        };
        GPtrArray *rows;

        g_assert_cmpint (dln_test_run_cliv (&out, &err, args), ==, 0);
        g_assert_cmpstr (err, ==, "");
        rows = csv_rows (out);
        g_assert_cmpuint (rows->len, ==, 7);
        g_assert_cmpstr (((char **) rows->pdata[1])[1], ==, "0.29999999999999999");
        g_ptr_array_unref (rows);
      }
}

static void
test_descend_options (void)
{
  g_autofree char *a = NULL, *b = NULL, *e1 = NULL, *e2 = NULL;
  g_autofree char *c = NULL, *e3 = NULL;

  /* --optimizer momentum --nesterov is --optimizer nesterov */
  g_assert_cmpint (dln_test_run_cli (&a, &e1, "descend", "--surface", "beale",
                                     "--optimizer", "momentum", "--nesterov",
                                     "--lr", "0.001", "--start", "1,1",
                                     "--steps", "20", NULL), ==, 0);
  g_assert_cmpint (dln_test_run_cli (&b, &e2, "descend", "--surface", "beale",
                                     "--optimizer", "nesterov", "--lr",
                                     "0.001", "--start", "1,1", "--steps",
                                     "20", NULL), ==, 0);
  g_assert_cmpstr (a, ==, b);
  /* a schedule changes the run */
  g_assert_cmpint (dln_test_run_cli (&c, &e3, "descend", "--surface", "beale",
                                     "--optimizer", "nesterov", "--lr",
                                     "0.001", "--start", "1,1", "--steps",
                                     "20", "--schedule", "step",
                                     "--step-size", "5", NULL), ==, 0);
  g_assert_cmpstr (c, !=, b);
  /* warmup from 0.5 to 0.8 over 2 epochs on the saddle's x part:
   * x ← x (1 − 2 lr_k), lr_k = 0.1·(0.5, 0.65, 0.8, 0.8, ...) */
  {
    g_autofree char *o = NULL, *e = NULL;
    double x = 1;

    g_assert_cmpint (dln_test_run_cli (&o, &e, "descend", "--surface",
                                       "saddle", "--optimizer", "sgd",
                                       "--lr", "0.1", "--start", "1,0",
                                       "--steps", "4", "--schedule",
                                       "warmup", "--warmup-start", "0.5",
                                       "--warmup-end", "0.8",
                                       "--warmup-iters", "2", "--json",
                                       NULL), ==, 0);
    g_assert_nonnull (strstr (o, "\"kind\": \"warmup\""));
    g_assert_nonnull (strstr (o, "\"start_factor\": 0.5"));
    x *= 1 - 2 * 0.05;
    x *= 1 - 2 * 0.065;
    x *= 1 - 2 * 0.08;
    x *= 1 - 2 * 0.08;
    {
      const char *key = "{\"step\": 4, \"x\": ";
      char *got = strstr (o, key);

      g_assert_nonnull (got);
      assert_rel (g_ascii_strtod (got + strlen (key), NULL), x);
    }
  }
  /* steps 0: just the start */
  {
    g_autofree char *o = NULL, *e = NULL;

    g_assert_cmpint (dln_test_run_cli (&o, &e, "descend", "--surface",
                                       "plateau", "--optimizer", "adam",
                                       "--start", "0,0", "--steps", "0",
                                       NULL), ==, 0);
    g_assert_cmpstr (o, ==, "step,x,y,loss\n0,0,0,0\n");
  }
}

/* descend --json's optimizer block against PyTorch 1.13's signatures,
 * written here: the keys are torch's argument names (Adam's betas split
 * into beta1 and beta2), the switch is the kind's boolean argument, and
 * each value is the one given or torch's default. Torch's switches that
 * change neither the rule nor the numbers (foreach, differentiable, ...)
 * are left out. */
typedef struct
{
  const char *key;
  double      value;
} KeyValue;

typedef struct
{
  const char *args[16];   /* after descend's surface, start and steps */
  const char *kind;
  KeyValue    values[8];  /* ends at a NULL key */
  const char *sw;         /* nesterov, centered, amsgrad or NULL */
  gboolean    sw_on;
} DescendJsonCase;

/* The numeric optimizer options and the key each sets. */
static const struct
{
  const char *flag;
  const char *key;
} hyper_flags[] = {
  { "--lr", "lr" }, { "--weight-decay", "weight_decay" },
  { "--momentum", "momentum" }, { "--dampening", "dampening" },
  { "--lr-decay", "lr_decay" },
  { "--initial-accumulator", "initial_accumulator_value" },
  { "--alpha", "alpha" }, { "--beta1", "beta1" }, { "--beta2", "beta2" },
  { "--eps", "eps" },
};

/* The first case of each kind is its defaults. */
static const DescendJsonCase optimizer_cases[] = {
  /* torch.optim.SGD (lr=required, momentum=0, dampening=0,
   * weight_decay=0, nesterov=False); lr has no torch default, the CLI's
   * is 0.01 */
  { { "--optimizer", "sgd" }, "sgd",
    { { "lr", 0.01 }, { "weight_decay", 0 }, { "momentum", 0 },
      { "dampening", 0 } }, "nesterov", FALSE },
  { { "--optimizer", "sgd", "--lr", "0.05", "--momentum", "0.5",
      "--dampening", "0.25", "--weight-decay", "0.125" }, "sgd",
    { { "lr", 0.05 }, { "weight_decay", 0.125 }, { "momentum", 0.5 },
      { "dampening", 0.25 } }, "nesterov", FALSE },
  /* momentum and nesterov: torch.optim.SGD with the course's momentum
   * 0.9 (torch's 0 would make them plain SGD) */
  { { "--optimizer", "momentum" }, "momentum",
    { { "lr", 0.01 }, { "weight_decay", 0 }, { "momentum", 0.9 },
      { "dampening", 0 } }, "nesterov", FALSE },
  { { "--optimizer", "momentum", "--lr", "0.02", "--momentum", "0.75",
      "--dampening", "0.375" }, "momentum",
    { { "lr", 0.02 }, { "weight_decay", 0 }, { "momentum", 0.75 },
      { "dampening", 0.375 } }, "nesterov", FALSE },
  { { "--optimizer", "nesterov" }, "nesterov",
    { { "lr", 0.01 }, { "weight_decay", 0 }, { "momentum", 0.9 },
      { "dampening", 0 } }, "nesterov", TRUE },
  { { "--optimizer", "momentum", "--nesterov" }, "nesterov",
    { { "lr", 0.01 }, { "weight_decay", 0 }, { "momentum", 0.9 },
      { "dampening", 0 } }, "nesterov", TRUE },
  { { "--optimizer", "sgd", "--momentum", "0.5", "--nesterov",
      "--weight-decay", "0.125" }, "nesterov",
    { { "lr", 0.01 }, { "weight_decay", 0.125 }, { "momentum", 0.5 },
      { "dampening", 0 } }, "nesterov", TRUE },
  /* torch.optim.Adagrad (lr=0.01, lr_decay=0, weight_decay=0,
   * initial_accumulator_value=0, eps=1e-10) */
  { { "--optimizer", "adagrad" }, "adagrad",
    { { "lr", 0.01 }, { "weight_decay", 0 }, { "lr_decay", 0 },
      { "initial_accumulator_value", 0 }, { "eps", 1e-10 } }, NULL, FALSE },
  { { "--optimizer", "adagrad", "--lr", "0.2", "--lr-decay", "0.01",
      "--weight-decay", "0.003", "--initial-accumulator", "0.1", "--eps",
      "1e-6" }, "adagrad",
    { { "lr", 0.2 }, { "weight_decay", 0.003 }, { "lr_decay", 0.01 },
      { "initial_accumulator_value", 0.1 }, { "eps", 1e-6 } }, NULL, FALSE },
  /* torch.optim.RMSprop (lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0,
   * momentum=0, centered=False) */
  { { "--optimizer", "rmsprop" }, "rmsprop",
    { { "lr", 0.01 }, { "weight_decay", 0 }, { "alpha", 0.99 },
      { "eps", 1e-8 }, { "momentum", 0 } }, "centered", FALSE },
  { { "--optimizer", "rmsprop", "--lr", "0.002", "--alpha", "0.9", "--eps",
      "1e-7", "--weight-decay", "0.01", "--momentum", "0.3", "--centered" },
    "rmsprop",
    { { "lr", 0.002 }, { "weight_decay", 0.01 }, { "alpha", 0.9 },
      { "eps", 1e-7 }, { "momentum", 0.3 } }, "centered", TRUE },
  /* torch.optim.Adam (lr=0.001, betas=(0.9, 0.999), eps=1e-08,
   * weight_decay=0, amsgrad=False) */
  { { "--optimizer", "adam" }, "adam",
    { { "lr", 0.001 }, { "weight_decay", 0 }, { "beta1", 0.9 },
      { "beta2", 0.999 }, { "eps", 1e-8 } }, "amsgrad", FALSE },
  { { "--optimizer", "adam", "--lr", "0.02", "--beta1", "0.8", "--beta2",
      "0.99", "--eps", "1e-6", "--weight-decay", "0.1", "--amsgrad" },
    "adam",
    { { "lr", 0.02 }, { "weight_decay", 0.1 }, { "beta1", 0.8 },
      { "beta2", 0.99 }, { "eps", 1e-6 } }, "amsgrad", TRUE },
};

/* torch.optim.lr_scheduler: StepLR (step_size, gamma=0.1), ExponentialLR
 * (gamma), CosineAnnealingLR (T_max, eta_min=0), LinearLR
 * (start_factor=1/3, end_factor=1.0, total_iters=5); each kind's own
 * members (the block lists every schedule's). */
static const DescendJsonCase schedule_cases[] = {
  { { "--optimizer", "sgd", "--schedule", "step", "--step-size", "7" },
    "step", { { "gamma", 0.1 }, { "step_size", 7 } }, NULL, FALSE },
  { { "--optimizer", "sgd", "--schedule", "step", "--step-size", "3",
      "--gamma", "0.5" }, "step", { { "gamma", 0.5 }, { "step_size", 3 } },
    NULL, FALSE },
  { { "--optimizer", "adam", "--schedule", "exponential", "--gamma",
      "0.75" }, "exponential", { { "gamma", 0.75 } }, NULL, FALSE },
  { { "--optimizer", "rmsprop", "--schedule", "cosine", "--t-max", "9" },
    "cosine", { { "t_max", 9 }, { "eta_min", 0 } }, NULL, FALSE },
  { { "--optimizer", "sgd", "--schedule", "cosine", "--t-max", "9",
      "--eta-min", "0.001" }, "cosine",
    { { "t_max", 9 }, { "eta_min", 0.001 } }, NULL, FALSE },
  { { "--optimizer", "adagrad", "--schedule", "warmup" }, "warmup",
    { { "start_factor", 1.0 / 3 }, { "end_factor", 1 },
      { "total_iters", 5 } }, NULL, FALSE },
  { { "--optimizer", "sgd", "--schedule", "warmup", "--warmup-start",
      "0.5", "--warmup-end", "0.8", "--warmup-iters", "2" }, "warmup",
    { { "start_factor", 0.5 }, { "end_factor", 0.8 },
      { "total_iters", 2 } }, NULL, FALSE },
};

/* Runs descend on the quadratic with @extra (NULL-terminated, at most 16)
 * and its status; the output into @out, the error into @err. */
static int
run_descend (char             **out,
             char             **err,
             const char *const *extra)
{
  const char *args[32] = {
    "descend", "--surface", "quadratic", "--start", "1,1", "--steps", "3",
  };
  guint n = 7;

  while (*extra != NULL)
    args[n++] = *extra++;
  args[n++] = "--json";
  return dln_test_run_cliv (out, err, args);
}

static gboolean
values_has_key (const KeyValue *values,
                const char     *key)
{
  for (; values->key != NULL; values++)
    if (g_str_equal (values->key, key))
      return TRUE;
  return FALSE;
}

/* Runs @c, which must succeed quietly; its JSON's @member holds the
 * case's kind and values and, with @exact, nothing else but the case's
 * switch. Returns the output. */
static char *
assert_descend_block (const DescendJsonCase *c,
                      const char            *member,
                      gboolean               exact)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *err = NULL;
  g_autoptr (GList) members = NULL;
  char *out = NULL;
  JsonObject *block;
  guint n = 0;

  g_assert_cmpint (run_descend (&out, &err, c->args), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  block = json_object_get_object_member (
    json_node_get_object (json_parser_get_root (parser)), member);
  members = json_object_get_members (block);
  g_assert_cmpstr (json_object_get_string_member (block, "kind"), ==,
                   c->kind);
  for (const KeyValue *v = c->values; v->key != NULL; v++, n++)
    {
      JsonNode *node = json_object_get_member (block, v->key);

      if (node == NULL)
        g_error ("%s: no \"%s\"", c->kind, v->key);
      g_assert_true (json_node_get_value_type (node) == G_TYPE_DOUBLE
                     || json_node_get_value_type (node) == G_TYPE_INT64);
      if (json_node_get_double (node) != v->value)
        g_error ("%s: \"%s\" is %.17g, torch's %.17g", c->kind, v->key,
                 json_node_get_double (node), v->value);
    }
  if (c->sw != NULL)
    {
      g_assert_true (json_object_has_member (block, c->sw));
      g_assert_cmpint (json_object_get_boolean_member (block, c->sw), ==,
                       c->sw_on);
    }
  if (!exact)
    return out;
  for (GList *m = members; m != NULL; m = m->next)
    if (!g_str_equal (m->data, "kind") && !values_has_key (c->values, m->data)
        && g_strcmp0 (m->data, c->sw) != 0)
      g_error ("%s: \"%s\" is not one of torch's arguments", c->kind,
               (char *) m->data);
  g_assert_cmpuint (g_list_length (members), ==, 1 + n + (c->sw != NULL));
  return out;
}

static void
test_descend_optimizer_json (void)
{
  static const char *const switches[] = {
    "--nesterov", "--centered", "--amsgrad",
  };

  for (guint i = 0; i < G_N_ELEMENTS (optimizer_cases); i++)
    {
      const DescendJsonCase *c = &optimizer_cases[i];
      g_autofree char *out = assert_descend_block (c, "optimizer", TRUE);

      /* no schedule asked for, none shown */
      g_assert_null (strstr (out, "\"schedule\""));
      if (c->args[2] != NULL)
        continue;

      /* a kind's defaults: every numeric option it does not read is
       * ignored (the run is the same), every switch but its own refused */
      {
        const char *ignored[32] = { "--optimizer", c->args[1] };
        g_autofree char *out2 = NULL, *err2 = NULL;
        guint n = 2;

        for (guint k = 0; k < G_N_ELEMENTS (hyper_flags); k++)
          if (!values_has_key (c->values, hyper_flags[k].key))
            {
              ignored[n++] = hyper_flags[k].flag;
              ignored[n++] = "0.5";
            }
        g_assert_cmpuint (n, >, 2);
        g_assert_cmpint (run_descend (&out2, &err2, ignored), ==, 0);
        g_assert_cmpstr (err2, ==, "");
        g_assert_cmpstr (out2, ==, out);
      }
      for (guint k = 0; k < G_N_ELEMENTS (switches); k++)
        if (c->sw == NULL || !g_str_equal (switches[k] + 2, c->sw))
          {
            const char *args[] = { "--optimizer", c->args[1], switches[k],
                                   NULL };
            g_autofree char *out2 = NULL, *err2 = NULL;

            g_assert_cmpint (run_descend (&out2, &err2, args), ==, 2);
            g_assert_cmpstr (out2, ==, "");
            g_assert_true (g_str_has_prefix (err2, "dlnlab-cli: error: "));
            g_assert_nonnull (strstr (err2, switches[k]));
          }
    }

  /* refused as torch.optim.SGD refuses them: Nesterov without momentum
   * or with dampening */
  {
    const char *no_momentum[] = { "--optimizer", "sgd", "--nesterov", NULL };
    const char *dampened[] = { "--optimizer", "nesterov", "--dampening",
                               "0.25", NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run_descend (&out, &err, no_momentum), ==, 2);
    g_assert_nonnull (strstr (err, "--nesterov needs a momentum"));
    g_assert_cmpint (run_descend (&out, &err, dampened), ==, 2);
    g_assert_nonnull (strstr (err, "dampening 0"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (schedule_cases); i++)
    g_free (assert_descend_block (&schedule_cases[i], "schedule", FALSE));
  /* a constant schedule has no parameters to show */
  {
    const char *constant[] = { "--optimizer", "sgd", "--schedule",
                               "constant", NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run_descend (&out, &err, constant), ==, 0);
    g_assert_null (strstr (out, "\"schedule\""));
  }
}

static void
test_hessian (void)
{
  g_autofree char *out = NULL, *err = NULL;
  GPtrArray *rows;
  char **f;
  /* default shallow net: Sxx = Sxy = Σ(i/9)²/10 = 285/810; at (1, 1)
   * every Hessian entry is 2·Sxx (2(2pSxx − Sxy) = 2Sxx at p = 1), so the
   * eigenvalues are 0 and 4 Sxx and lr_crit = 2/(4 Sxx) = 810/570 */
  const double sxx = 285.0 / 810.0;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "hessian", "--surface",
                                     "shallow-net", "--at", "1,1", NULL),
                   ==, 0);
  rows = csv_rows (out);
  g_assert_cmpuint (rows->len, ==, 2);
  f = rows->pdata[1];
  g_assert_cmpuint (g_strv_length (f), ==, 15);
  assert_rel (num (f[5]), 2 * sxx);
  assert_rel (num (f[6]), 2 * sxx);
  assert_rel (num (f[7]), 2 * sxx);
  g_assert_cmpfloat (fabs (num (f[8])), <, 1e-15);
  assert_rel (num (f[9]), 4 * sxx);
  assert_rel (num (f[14]), 810.0 / 570.0);
  g_ptr_array_unref (rows);

  /* docs/theory.md#stability example data at the balanced minimum:
   * λmax = 4|Sxy| = 10.52, lr_crit = 0.1901 */
  {
    double w = sqrt (2.63 / 1.3);
    g_autofree char *at = g_strdup_printf ("%.17g,%.17g", w, w);

    g_assert_cmpint (dln_test_run_cli (&out, &err, "hessian", "--surface",
                                       "shallow-net", "--data-x",
                                       "-1,-0.5,0.5,1,2", "--data-y",
                                       "-2.1,-0.9,1.2,1.9,4.05", "--at", at,
                                       NULL), ==, 0);
    rows = csv_rows (out);
    f = rows->pdata[1];
    g_assert_cmpfloat_with_epsilon (num (f[9]), 10.52, 1e-12);
    g_assert_cmpfloat_with_epsilon (num (f[14]), 0.1901, 5e-4);
    g_ptr_array_unref (rows);
  }

  /* concave expression: unbounded */
  g_assert_cmpint (dln_test_run_cli (&out, &err, "hessian", "--expr",
                                     "-(x^2 + 3*y^2)", "--at", "-1,2",
                                     "--json", NULL), ==, 0);
  {
    g_autoptr (JsonParser) parser = json_parser_new ();
    JsonObject *o;
    JsonArray *h, *e;

    g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
    o = json_node_get_object (json_parser_get_root (parser));
    h = json_object_get_array_member (o, "hessian");
    g_assert_cmpfloat (json_array_get_double_element (
                         json_array_get_array_element (h, 0), 0), ==, -2);
    g_assert_cmpfloat (json_array_get_double_element (
                         json_array_get_array_element (h, 0), 1), ==, 0);
    g_assert_cmpfloat (json_array_get_double_element (
                         json_array_get_array_element (h, 1), 0), ==, 0);
    g_assert_cmpfloat (json_array_get_double_element (
                         json_array_get_array_element (h, 1), 1), ==, -6);
    e = json_object_get_array_member (o, "eigenvalues");
    g_assert_cmpfloat (json_array_get_double_element (e, 0), ==, -6);
    g_assert_cmpfloat (json_array_get_double_element (e, 1), ==, -2);
    g_assert_cmpstr (json_object_get_string_member (o, "lr_crit"), ==,
                     "unbounded");
  }
  g_assert_cmpint (dln_test_run_cli (&out, &err, "hessian", "--expr",
                                     "-(x^2 + 3*y^2)", "--at", "-1,2", NULL),
                   ==, 0);
  g_assert_true (g_str_has_suffix (out, ",unbounded\n"));
}

typedef struct
{
  const char *args[16];
  const char *message;  /* expected in stderr */
} UsageCase;

static void
test_usage_errors (void)
{
  static const UsageCase cases[] = {
    { { "descend", "--surface", "nope", "--optimizer", "sgd", "--start",
        "1,1", "--steps", "3" }, "unknown surface 'nope'" },
    { { "descend", "--expr", "x^2 + * y", "--optimizer", "sgd", "--start",
        "1,1", "--steps", "3" }, "(column 7)" },
    { { "descend", "--expr", "x + z", "--optimizer", "sgd", "--start",
        "1,1", "--steps", "3" }, "'z'" },
    { { "descend", "--surface", "beale", "--optimizer", "sgd", "--steps",
        "3" }, "missing --start" },
    { { "descend", "--surface", "beale", "--optimizer", "sgd", "--start",
        "1,1", "--steps", "-1" }, "--steps needs an integer from 0 to 1000000" },
    { { "descend", "--surface", "beale", "--optimizer", "sgd", "--start",
        "1,1" }, "missing --steps" },
    { { "descend", "--surface", "beale", "--optimizer", "sgd", "--start",
        "1", "--steps", "3" }, "--start: '1' is not X,Y" },
    { { "descend", "--surface", "beale", "--optimizer", "adamw",
        "--start", "1,1", "--steps", "3" }, "--optimizer is sgd, momentum" },
    { { "descend", "--surface", "beale", "--expr", "x", "--optimizer",
        "sgd", "--start", "1,1", "--steps", "3" }, "not both" },
    { { "descend", "--surface", "beale", "--optimizer", "sgd", "--lr",
        "-1", "--start", "1,1", "--steps", "3" }, "--lr needs a finite number >= 0" },
    { { "descend", "--surface", "beale", "--optimizer", "sgd", "--start",
        "1,1", "--steps", "3", "--frob" }, "unknown option '--frob'" },
    { { "descend", "--surface", "beale", "--optimizer", "adam",
        "--centered", "--start", "1,1", "--steps", "3" }, "rmsprop only" },
    { { "descend", "--surface", "beale", "--cond", "3", "--optimizer",
        "sgd", "--start", "1,1", "--steps", "3" }, "quadratic surface only" },
    { { "hessian", "--surface", "beale" }, "missing --at" },
    { { "hessian", "--expr", "sqrt(x)", "--at", "0,0" }, "not finite" },
    { { "hessian", "--surface", "shallow-net", "--data-x", "1,2",
        "--data-y", "1", "--at", "0,0" }, "--data-x has 2 values" },
    { { "hessian", "--surface", "shallow-net", "--data-x", "",
        "--data-y", "", "--at", "0,0" }, "--data-x: empty list" },
    { { "hessian", "--expr", "log(x)", "--at", "-1,1" },
      "not finite at (-1, 1)" },
    { { "descend", "--expr", "log(x)", "--optimizer", "sgd", "--start",
        "-1,1", "--steps", "3" }, "loss at the start" },
    /* an undefined expression names the operation that left the domain */
    { { "hessian", "--expr", "x + log(y)", "--at", "1,0" },
      "log of zero: a = ln(y) with y = 0" },
    { { "descend", "--expr", "x^2 + y/(x - 1)", "--optimizer", "sgd",
        "--start", "1,1", "--steps", "3" }, "division by zero: " },
    { { "descend", "--surface", "beale", "--optimizer", "sgd", "--start",
        "1,1", "--steps", "3", "--schedule", "cosine", "--t-max", "1e30" },
      "--t-max needs an integer from 1 to" },
    { { "surfaces", "--frob" }, "unknown option '--frob'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (dln_test_run_cliv (&out, &err, cases[i].args), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "dlnlab-cli: error: "));
      if (strstr (err, cases[i].message) == NULL)
        g_error ("case %u: '%s' not in stderr '%s'", i, cases[i].message,
                 err);
    }
}

static void
test_help (void)
{
  static const char *const commands[] = { "surfaces", "descend", "hessian" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_free (dln_test_cli_help (commands[i]));
}

/* descend --progress: lines on stderr ending with the whole run, stdout
 * as without it; without it (stderr not a terminal here) stderr is
 * empty. */
static void
test_descend_progress (void)
{
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "descend", "--surface",
                                     "beale", "--optimizer", "adam",
                                     "--start", "1,1", "--steps", "300",
                                     NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (dln_test_run_cli (&out2, &err2, "descend", "--surface",
                                     "beale", "--optimizer", "adam",
                                     "--start", "1,1", "--steps", "300",
                                     "--progress", NULL), ==, 0);
  g_assert_cmpstr (out2, ==, out);
  g_assert_true (g_str_has_prefix (err2, "dlnlab-cli: progress: descend "
                                         "step "));
  g_assert_true (g_str_has_suffix (err2, "dlnlab-cli: progress: descend "
                                         "step 300 of 300 (100%)\n"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/cli/surfaces", test_surfaces);
  g_test_add_func ("/dln/headless/cli/descend/cosine-after-t-max",
                   test_descend_cosine_after_t_max);
  g_test_add_func ("/dln/headless/cli/descend/closed-form",
                   test_descend_closed_form);
  g_test_add_func ("/dln/headless/cli/descend/negative-start",
                   test_descend_negative_start);
  g_test_add_func ("/dln/headless/cli/descend/divergence",
                   test_descend_divergence);
  g_test_add_func ("/dln/headless/cli/descend/all", test_descend_all);
  g_test_add_func ("/dln/headless/cli/descend/options", test_descend_options);
  g_test_add_func ("/dln/headless/cli/descend/optimizer-json",
                   test_descend_optimizer_json);
  g_test_add_func ("/dln/headless/cli/hessian", test_hessian);
  g_test_add_func ("/dln/headless/cli/surface-usage-errors",
                   test_usage_errors);
  g_test_add_func ("/dln/headless/cli/surface-help", test_help);
  g_test_add_func ("/dln/headless/cli/descend-progress",
                   test_descend_progress);
  return g_test_run ();
}
