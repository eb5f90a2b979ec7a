/* dlnlab-cli export: sizes, formats, CSV contents, errors and atomic
 * replacement, through the real executable. */

#include "config.h"

#include "dln-rng.h"
#include "dln-test-util.h"

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

static void
assert_png_size (const char *path,
                 int         w,
                 int         h)
{
  cairo_surface_t *img = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (img), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (img), ==, h);
  cairo_surface_destroy (img);
}

static void
test_list (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (dln_test_run_cli (&out, &err, "export", "--list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "depth-loss\tD08\t"));
  g_assert_nonnull (strstr (out, "init-loss\tD11\t"));
  g_assert_nonnull (strstr (out, "  --depth INT (0 ... 100) default 0"));
}

static void
test_png_sizes (void)
{
  g_autofree char *a = dln_test_tmp_path ("d.png");
  g_autofree char *b = dln_test_tmp_path ("e.png");
  g_autofree char *c = dln_test_tmp_path ("f.png");
  g_autofree char *err = NULL;

  /* The figure's default size: 10 x 5 inches at 96 px. */
  g_assert_cmpint (dln_test_run_cli (NULL, &err, "export", "depth-loss",
                                     "--out", a, NULL), ==, 0);
  assert_png_size (a, 960, 480);
  g_assert_cmpint (dln_test_run_cli (NULL, NULL, "export", "depth-loss",
                                     "--out", b, "--width", "640", "--height",
                                     "360", "--theme", "dark", NULL), ==, 0);
  assert_png_size (b, 640, 360);
  g_assert_cmpint (dln_test_run_cli (NULL, NULL, "export", "lr-loss",
                                     "--out", c, "--width=640", "--height=360",
                                     "--scale", "2", "--lr", "0.04", NULL),
                   ==, 0);
  assert_png_size (c, 1280, 720);
}

static void
test_vector_formats (void)
{
  g_autofree char *svg = dln_test_tmp_path ("d.svg");
  g_autofree char *pdf = dln_test_tmp_path ("d.pdf");
  g_autofree char *cmd = NULL, *out = NULL;
  int status = -1;

  g_assert_cmpint (dln_test_run_cli (NULL, NULL, "export", "init-loss",
                                     "--out", svg, NULL), ==, 0);
  cmd = g_strdup_printf ("xmllint --noout '%s'", svg);
  g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_clear_pointer (&cmd, g_free);

  g_assert_cmpint (dln_test_run_cli (NULL, NULL, "export", "init-loss",
                                     "--out", pdf, "--width", "336",
                                     "--height", "240", NULL), ==, 0);
  cmd = g_strdup_printf ("pdfinfo '%s'", pdf);
  g_spawn_command_line_sync (cmd, &out, NULL, &status, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* 336 x 240 px = 3.5 x 2.5 in = 252 x 180 pt. */
  g_assert_true (g_regex_match_simple ("Page size: +252 x 180 pts", out, 0, 0));
}

/* Depth 0 is one weight w trained on ½·mean((y − w x)²): plain gradient
 * descent on a quadratic, so w_t − w* = (1 − η·m₂)ᵗ (w₀ − w*) with
 * m₂ = mean(x²), w* = mean(xy)/m₂, and
 * L_t = L* + ½·m₂·(w_t − w*)². The data are regenerated here from the
 * documented generator (docs/demos.md#linear-samples: 100 uniforms, then 100
 * normals, seed 2021). */
/* The 1e-9 guard of docs/demos.md#narrow-nets scales each step's gradient by 1
 * − 1e-9/w (w ≈ 0.9 ... 2), a relative 1.1e-9 per step; its effect on the loss
 * stays within a small multiple of that (measured 1.1e-9), plus rounding
 * of 600 steps (~1e-13). */
#define CHAIN_REL_TOL 1e-8

static void
test_csv_matches_closed_form (void)
{
  g_autofree char *csv = dln_test_tmp_path ("d.csv"), *text = NULL;
  g_auto (GStrv) lines = NULL;
  double x[100], y[100], sxx = 0, sxy = 0, syy = 0, ws, ls, w0 = 0.9;
  double eta = 0.02;
  DlnRng rng;

  g_assert_cmpint (dln_test_run_cli (NULL, NULL, "export", "depth-loss",
                                     "--out", csv, "--depth", "0", NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "curve,label,x,y");
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 600 + 1);

  dln_rng_init (&rng, 2021);
  for (int i = 0; i < 100; i++)
    x[i] = dln_rng_uniform (&rng);
  for (int i = 0; i < 100; i++)
    y[i] = 2.0 * x[i] + dln_rng_normal (&rng, 0.0, 0.1);
  for (int i = 0; i < 100; i++)
    {
      sxx += x[i] * x[i] / 100;
      sxy += x[i] * y[i] / 100;
      syy += y[i] * y[i] / 100;
    }
  ws = sxy / sxx;
  ls = 0.5 * (syy - sxy * sxy / sxx);
  for (int t = 0; t < 600; t += 37)
    {
      g_auto (GStrv) f = g_strsplit (lines[1 + t], ",", -1);
      double wt = ws + pow (1 - eta * sxx, t) * (w0 - ws);
      double expect = ls + 0.5 * sxx * (wt - ws) * (wt - ws);
      double got = g_ascii_strtod (f[3], NULL);

      g_assert_cmpfloat (g_ascii_strtod (f[2], NULL), ==, t);
      g_assert_cmpfloat (fabs (got - expect), <=, CHAIN_REL_TOL * expect);
    }
}

static void
test_errors (void)
{
  g_autofree char *png = dln_test_tmp_path ("err.png");
  g_autofree char *out = NULL, *err = NULL;
  struct
  {
    const char *args[10];
    const char *message;
  } cases[] = {
    { { "export", NULL }, "FIGURE" },
    { { "export", "nope", "--out", "x.png", NULL }, "unknown figure 'nope'" },
    { { "export", "depth-loss", NULL }, "--out" },
    { { "export", "depth-loss", "--out", "x.jpg", NULL }, "'.jpg'" },
    { { "export", "depth-loss", "--out", png, "--width", "0", NULL }, "--width needs a finite number >= 32" },
    { { "export", "depth-loss", "--out", png, "--width", "abc", NULL }, "--width" },
    { { "export", "depth-loss", "--out", png, "--height", "1e9", NULL }, "--height needs a finite number >= 32 and <= 16384" },
    { { "export", "depth-loss", "--out", png, "--theme", "blue", NULL }, "--theme" },
    { { "export", "depth-loss", "--out", png, "--depth", "2.5", NULL }, "integer" },
    { { "export", "depth-loss", "--out", png, "--depth", "500", NULL }, "outside" },
    { { "export", "depth-loss", "--out", png, "--frob", "1", NULL }, "unknown option '--frob'" },
    { { "export", "depth-loss", "--out", png, "--depth", NULL }, "needs a value" },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_test_message ("case %zu", i);
      g_assert_cmpint (dln_test_run_cliv (&out, &err, cases[i].args), ==, 2);
      g_assert_true (g_str_has_prefix (err, "dlnlab-cli: error: "));
      g_assert_nonnull (strstr (err, cases[i].message));
      g_assert_cmpstr (out, ==, "");
    }
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

/* An existing file is replaced whole; a failing export keeps it. */
static void
test_atomic_replace (void)
{
  g_autofree char *dir = dln_test_tmp_path ("replace");
  g_autofree char *path = g_build_filename (dir, "fig.svg", NULL);
  g_autofree char *text = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  g_assert_cmpint (dln_test_run_cli (NULL, NULL, "export", "depth-loss", "--out",
                                     path, "--width", "5", NULL), ==, 2);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "old contents");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (dln_test_run_cli (NULL, NULL, "export", "depth-loss", "--out",
                                     path, NULL), ==, 0);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  dln_test_assert_alone (path);
}

/* Every catalogue figure (all areas) exports in all four formats at its
 * default size: PNG of that size, valid SVG, a PDF pdfinfo opens, CSV
 * with a header row. */
static void
test_all_figures_all_formats (void)
{
  g_autofree char *list = NULL;
  g_auto (GStrv) lines = NULL;
  size_t n_figures = 0;

  list = dln_test_cli_stdout ("export", "--list", NULL);
  lines = g_strsplit (list, "\n", -1);
  for (size_t i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = NULL;
      g_autofree char *png = NULL, *svg = NULL, *pdf = NULL, *csv = NULL;
      g_autofree char *cmd = NULL, *text = NULL, *pdfout = NULL;
      double w, h;
      int status = -1;

      if (lines[i][0] == '\0' || lines[i][0] == ' ')
        continue;
      f = g_strsplit (lines[i], "\t", 3);
      g_assert_nonnull (f[1]);
      g_test_message ("%s", f[0]);
      /* "description (default WxH)" */
      g_assert_cmpint (sscanf (strrchr (f[2], '(') , "(default %lfx%lf)", &w, &h), ==, 2);
      png = g_strdup_printf ("%s/all-%s.png", dln_test_tmpdir (), f[0]);
      svg = g_strdup_printf ("%s/all-%s.svg", dln_test_tmpdir (), f[0]);
      pdf = g_strdup_printf ("%s/all-%s.pdf", dln_test_tmpdir (), f[0]);
      csv = g_strdup_printf ("%s/all-%s.csv", dln_test_tmpdir (), f[0]);
      g_assert_cmpint (dln_test_run_cli (NULL, NULL, "export", f[0], "--out", png, NULL), ==, 0);
      assert_png_size (png, (int) w, (int) h);
      g_assert_cmpint (dln_test_run_cli (NULL, NULL, "export", f[0], "--out", svg,
                                         "--theme", "dark", NULL), ==, 0);
      cmd = g_strdup_printf ("xmllint --noout '%s'", svg);
      g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_clear_pointer (&cmd, g_free);
      g_assert_cmpint (dln_test_run_cli (NULL, NULL, "export", f[0], "--out", pdf, NULL), ==, 0);
      cmd = g_strdup_printf ("pdfinfo '%s'", pdf);
      g_spawn_command_line_sync (cmd, &pdfout, NULL, &status, NULL);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_true (g_regex_match_simple ("Pages: +1\n", pdfout, 0, 0));
      g_assert_cmpint (dln_test_run_cli (NULL, NULL, "export", f[0], "--out", csv, NULL), ==, 0);
      g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
      g_assert_nonnull (strchr (text, '\n'));
      g_assert_nonnull (strchr (text, ','));
      n_figures++;
    }
  /* D02, D03 and D08-D18 at least */
  g_assert_cmpuint (n_figures, >=, 14);
}

/* D19: the bonus lecture's card names the talk, its speaker and where to
 * watch it, and draws them (text ink covers part of the card). */
static void
test_lecture_card (void)
{
  g_autofree char *csv = dln_test_tmp_path ("card.csv");
  g_autofree char *png = dln_test_tmp_path ("card.png");
  g_autofree char *text = NULL;
  cairo_surface_t *img;
  const unsigned char *px;
  int w, h, stride;
  size_t dark = 0;

  g_assert_cmpint (dln_test_run_cli (NULL, NULL, "export", "lecture-card",
                                     "--out", csv, NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "title,Deep Learning for AI\n"));
  g_assert_nonnull (strstr (text, "speakers,Yoshua Bengio\n"));
  g_assert_nonnull (strstr (text, ",https://youtube.com/watch?v=2CjHGdu29ec\n"));
  g_assert_nonnull (strstr (text, "summary,"));

  g_assert_cmpint (dln_test_run_cli (NULL, NULL, "export", "lecture-card",
                                     "--out", png, NULL), ==, 0);
  img = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
  w = cairo_image_surface_get_width (img);
  h = cairo_image_surface_get_height (img);
  stride = cairo_image_surface_get_stride (img);
  px = cairo_image_surface_get_data (img);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (px[y * stride + 4 * x + 1] < 128)  /* green channel: dark ink */
        dark++;
  cairo_surface_destroy (img);
  /* about 20 lines of text: well over 0.5 % of the pixels are glyph ink */
  g_assert_cmpuint (dark, >, (size_t) (w * h) / 200);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/cli/export/list", test_list);
  g_test_add_func ("/dln/headless/cli/export/png-sizes", test_png_sizes);
  g_test_add_func ("/dln/headless/cli/export/vector-formats", test_vector_formats);
  g_test_add_func ("/dln/headless/cli/export/csv-closed-form",
                   test_csv_matches_closed_form);
  g_test_add_func ("/dln/headless/cli/export/errors", test_errors);
  g_test_add_func ("/dln/headless/cli/export/atomic-replace", test_atomic_replace);
  g_test_add_func ("/dln/headless/cli/export/all-figures-all-formats",
                   test_all_figures_all_formats);
  g_test_add_func ("/dln/headless/cli/export/lecture-card", test_lecture_card);
  return g_test_run ();
}
