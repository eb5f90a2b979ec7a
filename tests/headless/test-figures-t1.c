/* Figures of Tutorial 1 and Tutorial 2 section 1 (D01, D03-D07): rendered
 * from the catalogue's engines to image surfaces in both themes, checked
 * pixel by pixel against the maths they show. */

#include "config.h"

#include "dln-figure-catalogue.h"
#include "dln-figure-t1.h"
#include "dln-test-util.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

/* "Pixel has colour c": 8-bit quantisation plus a little antialiasing,
 * far below the distance between the Okabe-Ito colours we look for. */
#define RGB_TOL 0.06

/* --- helpers --- */

static cairo_surface_t *
render (DlnFigureRenderFunc   fn,
        const DlnFigureStyle *style,
        const void           *data,
        int                   w,
        int                   h,
        DlnFigureGeometry    *geom)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (s);

  fn (cr, style, data, w, h, geom);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static DlnRgba
pixel_at (cairo_surface_t *s,
          int              x,
          int              y)
{
  unsigned char *d = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  uint32_t v;

  if (x < 0 || y < 0 || x >= cairo_image_surface_get_width (s)
      || y >= cairo_image_surface_get_height (s))
    return (DlnRgba) { -1, -1, -1, 0 };
  v = *(uint32_t *) (d + (size_t) y * stride + 4 * (size_t) x);
  return (DlnRgba) { ((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0,
                     (v & 255) / 255.0, 1.0 };
}

static gboolean
same_color (DlnRgba a,
            DlnRgba b,
            double  tol)
{
  return fabs (a.r - b.r) <= tol && fabs (a.g - b.g) <= tol
         && fabs (a.b - b.b) <= tol;
}

static size_t
count_color (cairo_surface_t *s,
             DlnRgba          c,
             double           tol)
{
  size_t n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (s); y++)
    for (int x = 0; x < cairo_image_surface_get_width (s); x++)
      n += same_color (pixel_at (s, x, y), c, tol);
  return n;
}

static size_t
count_drawn (cairo_surface_t      *s,
             const DlnFigureStyle *style)
{
  size_t all = (size_t) cairo_image_surface_get_width (s)
               * (size_t) cairo_image_surface_get_height (s);

  return all - count_color (s, style->background, 0.02);
}

/* Builds catalogue figure @name with NULL-terminated NAME, VALUE pairs. */
static void
build (const char        *name,
       DlnFigureInstance *fig,
       ...)
{
  const DlnCatalogueEntry *e = dln_figure_catalogue_find (name);
  DlnFigureArgs args;
  DlnMessage msg = { 0 };
  va_list ap;
  const char *k;

  g_assert_nonnull (e);
  dln_figure_args_init (&args, e);
  va_start (ap, fig);
  while ((k = va_arg (ap, const char *)) != NULL)
    {
      const char *v = va_arg (ap, const char *);

      if (dln_figure_args_set (&args, k, v, &msg) != DLN_STATUS_OK)
        g_error ("--%s %s: %s", k, v, msg.text);
    }
  va_end (ap);
  memset (fig, 0, sizeof *fig);
  if (dln_figure_build (e, &args, fig, &msg) != DLN_STATUS_OK)
    g_error ("%s: %s", name, msg.text);
}

/* Renders @fig in both themes, checks it is not blank, and exports it as
 * SVG (valid XML) and PDF (pdfinfo opens it). */
static void
check_themes_and_vectors (const char        *name,
                          DlnFigureInstance *fig)
{
  for (int theme = 0; theme < 2; theme++)
    {
      DlnFigureStyle style;
      cairo_surface_t *s;
      size_t drawn;

      dln_figure_style_init (&style, theme);
      s = render (fig->render, &style, fig->data, (int) fig->width,
                  (int) fig->height, NULL);
      drawn = count_drawn (s, &style);
      /* a real figure inks well over 2 % of its pixels */
      if (drawn < (size_t) (fig->width * fig->height / 50))
        g_error ("%s (theme %d): only %zu pixels drawn", name, theme, drawn);
      cairo_surface_destroy (s);
    }

  {
    DlnFigureStyle style;
    DlnMessage msg = { 0 };
    g_autofree char *base = g_build_filename (dln_test_tmpdir (), name, NULL);
    g_autofree char *svg = g_strconcat (base, ".svg", NULL);
    g_autofree char *pdf = g_strconcat (base, ".pdf", NULL);
    g_autofree char *csv = g_strconcat (base, ".csv", NULL);
    g_autofree char *c1 = g_strdup_printf ("xmllint --noout '%s'", svg);
    g_autofree char *c2 = g_strdup_printf ("pdfinfo '%s'", pdf);
    g_autofree char *o1 = NULL, *e1 = NULL, *o2 = NULL, *e2 = NULL;
    int status;

    dln_figure_style_init (&style, DLN_THEME_LIGHT);
    g_assert_cmpint (dln_figure_export (svg, DLN_FIGURE_FORMAT_SVG, fig->width,
                                        fig->height, 1, fig->render, &style,
                                        fig->data, &msg), ==, DLN_STATUS_OK);
    g_assert_cmpint (dln_figure_export (pdf, DLN_FIGURE_FORMAT_PDF, fig->width,
                                        fig->height, 1, fig->render, &style,
                                        fig->data, &msg), ==, DLN_STATUS_OK);
    g_assert_cmpint (dln_figure_export_csv (csv, fig->csv, fig->data, &msg),
                     ==, DLN_STATUS_OK);
    g_assert_true (g_spawn_command_line_sync (c1, &o1, &e1, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_spawn_command_line_sync (c2, &o2, &e2, &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
}

/* --- D03 --- */

static void
test_neuron_check (void)
{
  DlnFigureInstance fig;
  const DlnNeuronCheckData *d;
  DlnNeuronCheckData *wrong;
  DlnFigureStyle style;
  cairo_surface_t *s;
  DlnRgba green, red;

  build ("neuron-check", &fig, NULL);
  d = fig.data;
  /* By hand at the course's x = 1, y = 7, w = −0.5, b = 0.5: w·x + b = 0,
   * ŷ = tanh 0 = 0, L = 49, ∂L/∂ŷ·(1 − ŷ²) = −2·7 = −14, so
   * ∂L/∂w = x·(−14) = −14 and ∂L/∂b = −14, all exact in double. */
  g_assert_cmpfloat (d->yhat, ==, 0.0);
  g_assert_cmpfloat (d->loss, ==, 49.0);
  g_assert_cmpuint (d->n_grads, ==, 2);
  g_assert_cmpfloat (d->grads[0].analytic, ==, -14.0);
  g_assert_cmpfloat (d->grads[0].autograd, ==, -14.0);
  g_assert_cmpfloat (d->grads[1].analytic, ==, -14.0);
  g_assert_cmpfloat (d->grads[1].autograd, ==, -14.0);
  g_assert_true (dln_neuron_grad_matches (&d->grads[0], d->tolerance));
  check_themes_and_vectors ("neuron-check", &fig);

  /* the indicator: green ✓ when they match, vermillion ✗ when not */
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  green = dln_figure_style_color (&style, DLN_COLOR_GREEN);
  red = dln_figure_style_color (&style, DLN_COLOR_VERMILLION);
  s = render (fig.render, &style, fig.data, 1200, 580, NULL);
  /* the table's ✓ text is bold green; green also borders intermediate
   * nodes, so compare against a sabotaged copy instead of a fixed count */
  {
    size_t g_ok = count_color (s, green, RGB_TOL);
    size_t r_ok = count_color (s, red, RGB_TOL);
    size_t g_bad, r_bad;
    cairo_surface_t *t;

    wrong = g_memdup2 (d, sizeof *d);
    wrong->grads[1].autograd = -13.0;  /* a wrong gradient */
    wrong->graph = d->graph;
    t = render (fig.render, &style, wrong, 1200, 580, NULL);
    g_bad = count_color (t, green, RGB_TOL);
    r_bad = count_color (t, red, RGB_TOL);
    g_assert_cmpuint (g_bad, <, g_ok);   /* one ✓ match fewer */
    g_assert_cmpuint (r_bad, >, r_ok + 30);  /* a ✗ differs more */
    g_assert_false (dln_neuron_grad_matches (&wrong->grads[1],
                                             wrong->tolerance));
    cairo_surface_destroy (t);
    g_free (wrong);
  }
  cairo_surface_destroy (s);
  dln_figure_instance_clear (&fig);

  /* a NaN gradient never matches */
  {
    DlnNeuronGrad g = { "w", NAN, 1.0 };

    g_assert_false (dln_neuron_grad_matches (&g, 1.0));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dln/headless/figures-t1/neuron-check", test_neuron_check);
  return g_test_run ();
}
