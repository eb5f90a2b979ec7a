/* Tests of core/dln-mlp (the D04 wide tanh net): every gradient against
 * central differences, the initialisation's bounds and statistics, the
 * docs/demos.md#recording, and 300 training steps against PyTorch float64
 * (tests/data/mlp-reference.csv from tests/data/gen/gen-mlp-reference.py). */

#include "dln-core.h"
#include "dln-mlp.h"

#include <glib.h>
#include <math.h>
#include <string.h>

/* docs/architecture.md#tests: h = 6e-6·max(1, |p|), pass at 1e-6 relative to
 * max(1, ...) */
#define FD_STEP   6e-6
#define FD_TOL    1e-6
/* Against torch float64: the same sums in another order (torch uses BLAS
 * for the layer products), 300 momentum steps; measured ~1e-14, the
 * tolerance is the 1e-9 */
#define TORCH_TOL 1e-9

static void
make_data (double *x,
           double *y,
           size_t  n)
{
  for (size_t i = 0; i < n; i++)
    {
      x[i] = -1.0 + 2.0 * (double) i / (double) (n - 1);
      y[i] = sin (M_PI * x[i]) + 0.25 * sin (12.9 * (double) i + 0.4);
    }
}

static void
test_gradcheck (void)
{
  DlnArena *arena = dln_arena_new (1 << 16);
  DlnMlp m;
  DlnRng rng;
  double x[7], y[7], worst = 0;

  g_assert_cmpint (dln_mlp_init (&m, 16, arena, NULL), ==, DLN_STATUS_OK);
  dln_rng_init (&rng, 11);
  dln_mlp_reset (&m, &rng);
  make_data (x, y, 7);
  dln_mlp_loss_grad (&m, x, y, 7);
  for (size_t k = 0; k < dln_mlp_n_params (&m); k++)
    {
      double a = m.grad[k], p = m.params[k];
      double h = FD_STEP * fmax (1.0, fabs (p)), lp, lm, num, err;
      double save[64];

      memcpy (save, m.grad, dln_mlp_n_params (&m) * sizeof (double));
      m.params[k] = p + h;
      lp = dln_mlp_loss_grad (&m, x, y, 7);
      m.params[k] = p - h;
      lm = dln_mlp_loss_grad (&m, x, y, 7);
      m.params[k] = p;
      memcpy (m.grad, save, dln_mlp_n_params (&m) * sizeof (double));
      num = (lp - lm) / (2 * h);
      err = fabs (a - num) / fmax (1.0, fmax (fabs (a), fabs (num)));
      worst = fmax (worst, err);
      if (err > FD_TOL)
        g_error ("param %zu: analytic %.12g vs numeric %.12g", k, a, num);
    }
  g_test_message ("max gradcheck error %.3g", worst);
  dln_arena_free (arena);
}

/* Loss by hand for H = 1: ŷ = w2 tanh(w1 x + b1) + b2. */
static void
test_forward_by_hand (void)
{
  DlnArena *arena = dln_arena_new (4096);
  DlnMlp m;
  double x[2] = { 0.5, -1.0 }, y[2] = { 0.3, 0.1 }, yhat[2], l, e0, e1;

  dln_mlp_init (&m, 1, arena, NULL);
  m.params[0] = 0.8;    /* W1 */
  m.params[1] = -0.2;   /* b1 */
  m.params[2] = 1.5;    /* W2 */
  m.params[3] = 0.1;    /* b2 */
  dln_mlp_predict (&m, x, 2, yhat);
  g_assert_cmpfloat (yhat[0], ==, 1.5 * tanh (0.8 * 0.5 - 0.2) + 0.1);
  g_assert_cmpfloat (yhat[1], ==, 1.5 * tanh (-0.8 - 0.2) + 0.1);
  l = dln_mlp_loss_grad (&m, x, y, 2);
  e0 = yhat[0] - 0.3;
  e1 = yhat[1] - 0.1;
  g_assert_cmpfloat_with_epsilon (l, (e0 * e0 + e1 * e1) / 2, 1e-16);
  /* db2 = mean 2e */
  g_assert_cmpfloat_with_epsilon (m.grad[3], e0 + e1, 1e-16);
  dln_arena_free (arena);
}

static void
test_init (void)
{
  DlnArena *arena = dln_arena_new (1 << 16);
  DlnMlp m;
  DlnRng rng;
  double s1 = 0, s2 = 0, lim2 = 1 / sqrt (512.0);
  char buf[128];

  g_assert_cmpint (dln_mlp_init (&m, 512, arena, NULL), ==, DLN_STATUS_OK);
  g_assert_cmpuint (dln_mlp_n_params (&m), ==, 1537);
  g_assert_cmpfloat (m.optim.params.lr, ==, 0.003);
  g_assert_cmpfloat (m.optim.params.momentum, ==, 0.9);
  g_assert_cmpint (m.optim.params.kind, ==, DLN_OPTIM_MOMENTUM);
  dln_rng_init (&rng, 2021);
  dln_mlp_reset (&m, &rng);
  for (int j = 0; j < 512; j++)
    {
      g_assert_cmpfloat (fabs (DLN_MLP_W1 (&m)[j]), <=, 1.0);
      g_assert_cmpfloat (fabs (DLN_MLP_B1 (&m)[j]), <=, 1.0);
      g_assert_cmpfloat (fabs (DLN_MLP_W2 (&m)[j]), <=, lim2);
      s1 += DLN_MLP_W1 (&m)[j] * DLN_MLP_W1 (&m)[j];
      s2 += DLN_MLP_W2 (&m)[j] * DLN_MLP_W2 (&m)[j];
    }
  g_assert_cmpfloat (fabs (DLN_MLP_B2 (&m)[0]), <=, lim2);
  /* U(−b, b) has variance b²/3; the sample variance of 512 draws has a
   * relative standard error of about sqrt(0.8/512) = 4 %: 5 sigma = 20 % */
  g_assert_cmpfloat (fabs (s1 / 512 / (1.0 / 3) - 1), <, 0.2);
  g_assert_cmpfloat (fabs (s2 / 512 / (lim2 * lim2 / 3) - 1), <, 0.2);
  /* same seed, same network */
  {
    double first = DLN_MLP_W2 (&m)[7];

    dln_rng_init (&rng, 2021);
    dln_mlp_reset (&m, &rng);
    g_assert_cmpfloat (DLN_MLP_W2 (&m)[7], ==, first);
  }
  dln_mlp_summary (&m, buf, sizeof buf);
  g_assert_cmpstr (buf, ==, "Linear(1, 512) + bias\ntanh\n"
                            "Linear(512, 1) + bias\n1537 parameters");
  /* too small an arena is a status */
  {
    DlnArena *tiny = dln_arena_new (1024);

    g_assert_cmpint (dln_mlp_init (&m, 512, tiny, NULL), ==,
                     DLN_STATUS_NO_MEMORY);
    dln_arena_free (tiny);
  }
  dln_arena_free (arena);
}

/* The step reports the loss before its update and counts the epoch
 * (docs/demos.md#recording); a huge learning rate diverges. */
static void
test_step (void)
{
  DlnArena *arena = dln_arena_new (1 << 16);
  DlnMlp a;
  DlnRng rng;
  DlnStatus st = DLN_STATUS_OK;
  double x[32], y[32], la, l0;
  int k;

  make_data (x, y, 32);
  dln_mlp_init (&a, 64, arena, NULL);
  dln_rng_init (&rng, 5);
  dln_mlp_reset (&a, &rng);

  l0 = dln_mlp_loss_grad (&a, x, y, 32);
  g_assert_cmpint (dln_mlp_step (&a, x, y, 32, &la, NULL), ==,
                   DLN_STATUS_OK);
  g_assert_cmpfloat (la, ==, l0);
  g_assert_cmpint (a.epoch, ==, 1);
  for (k = 0; k < 4; k++)
    g_assert_cmpint (dln_mlp_step (&a, x, y, 32, &la, NULL), ==,
                     DLN_STATUS_OK);
  g_assert_cmpint (a.epoch, ==, 5);
  g_assert_cmpfloat (la, <, l0);

  a.optim.params.lr = 1e6;
  for (k = 0; k < 50 && st == DLN_STATUS_OK; k++)
    st = dln_mlp_step (&a, x, y, 32, &la, NULL);
  g_assert_cmpint (st, ==, DLN_STATUS_DIVERGED);
  dln_arena_free (arena);
}

static void
test_torch_reference (void)
{
  const char *path = g_getenv ("DLN_MLP_REFERENCE");
  DlnArena *arena = dln_arena_new (1 << 16);
  DlnMlp m;
  double x[32], y[32], loss[300], grad0[1537];
  char *text = NULL, **lines;
  int n_loss = 0, n_param = 0, n_grad = 0;
  double worst = 0;
  GError *error = NULL;

  if (path == NULL || *path == '\0')
    path = g_test_get_filename (G_TEST_DIST, "data", "mlp-reference.csv",
                                NULL);
  dln_mlp_init (&m, 512, arena, NULL);
  /* the generator's closed-form weights and data */
  for (int j = 0; j < 512; j++)
    {
      DLN_MLP_W1 (&m)[j] = sin (0.37 * j + 0.1);
      DLN_MLP_B1 (&m)[j] = 0.9 * cos (0.53 * j + 0.2);
      DLN_MLP_W2 (&m)[j] = sin (1.7 * j + 0.3) / sqrt (512.0);
    }
  DLN_MLP_B2 (&m)[0] = 0.02;
  make_data (x, y, 32);
  dln_mlp_loss_grad (&m, x, y, 32);
  memcpy (grad0, m.grad, sizeof grad0);
  for (int e = 0; e < 300; e++)
    g_assert_cmpint (dln_mlp_step (&m, x, y, 32, &loss[e], NULL), ==,
                     DLN_STATUS_OK);

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  g_assert_true (g_str_has_prefix (text, "# dlnlab-reference mlp-d04 v1"));
  lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      char **f;
      double want, got;
      long i;

      if (**l == '\0' || **l == '#' || g_str_has_prefix (*l, "quantity"))
        continue;
      f = g_strsplit (*l, ",", 3);
      g_assert_cmpuint (g_strv_length (f), ==, 3);
      i = strtol (f[1], NULL, 10);
      want = g_ascii_strtod (f[2], NULL);
      if (strcmp (f[0], "loss") == 0)
        {
          g_assert_cmpint (i, <, 300);
          got = loss[i];
          n_loss++;
        }
      else if (g_str_has_prefix (f[0], "grad_"))
        {
          const char *q = f[0] + 5;
          size_t off = strcmp (q, "W1") == 0 ? 0 : strcmp (q, "b1") == 0
                       ? 512 : strcmp (q, "W2") == 0 ? 1024 : 1536;

          got = grad0[off + (size_t) i];
          n_grad++;
        }
      else
        {
          size_t off = strcmp (f[0], "W1") == 0 ? 0 : strcmp (f[0], "b1") == 0
                       ? 512 : strcmp (f[0], "W2") == 0 ? 1024 : 1536;

          got = m.params[off + (size_t) i];
          n_param++;
        }
      worst = fmax (worst, fabs (got - want) / fmax (1, fabs (want)));
      if (!(fabs (got - want) <= TORCH_TOL * fmax (1, fabs (want))))
        g_error ("%s[%ld]: %.17g vs torch %.17g", f[0], i, got, want);
      g_strfreev (f);
    }
  g_assert_cmpint (n_loss, ==, 300);
  g_assert_cmpint (n_grad, ==, 13);
  g_assert_cmpint (n_param, ==, 13);
  g_test_message ("max relative difference to torch %.3g", worst);
  g_strfreev (lines);
  g_free (text);
  dln_arena_free (arena);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/core/mlp/gradcheck", test_gradcheck);
  g_test_add_func ("/dln/core/mlp/forward-by-hand", test_forward_by_hand);
  g_test_add_func ("/dln/core/mlp/init", test_init);
  g_test_add_func ("/dln/core/mlp/step", test_step);
  g_test_add_func ("/dln/core/mlp/torch-reference", test_torch_reference);
  return g_test_run ();
}
