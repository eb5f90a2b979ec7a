/* Every catalogue figure with a learning rate, at the largest its option
 * allows (far beyond stability for most): the engine's divergence is a
 * result, so the figure builds, draws and writes its CSV without an error
 * or a crash (the renderers flag the run "diverged": test-figures-plot).
 * A figure that refused a diverged run, or drew from a freed or
 * non-finite buffer, fails here (under ASan in make check-asan). */

#include "config.h"

#include "dln-figure-catalogue.h"
#include "dln-figure-style.h"

#include <cairo.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

static void
test_entry (gconstpointer data)
{
  const DlnCatalogueEntry *e = data;
  const DlnFigureOption *lr = &e->options[dln_figure_option_find (e, "lr")];
  DlnFigureArgs args;
  DlnFigureInstance fig;
  DlnFigureStyle style;
  DlnMessage msg = { { 0 }, 0, 0 };
  cairo_surface_t *surface;
  cairo_t *cr;
  char value[32], *text = NULL;
  size_t len = 0;
  FILE *out;

  g_ascii_formatd (value, sizeof value, "%.17g", lr->max);
  dln_figure_args_init (&args, e);
  g_assert_cmpint (dln_figure_args_set (&args, "lr", value, &msg), ==,
                   DLN_STATUS_OK);
  if (dln_figure_build (e, &args, &fig, &msg) != DLN_STATUS_OK)
    g_error ("%s --lr %s: %s", e->name, value, msg.text);
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) e->width,
                                        (int) e->height);
  cr = cairo_create (surface);
  fig.render (cr, &style, fig.data, e->width, e->height, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  out = open_memstream (&text, &len);
  g_assert_cmpint (fig.csv (out, fig.data, &msg), ==, DLN_STATUS_OK);
  fclose (out);
  g_assert_cmpuint (len, >, 0);
  free (text);
  dln_figure_instance_clear (&fig);
}

int
main (int    argc,
      char **argv)
{
  size_t n, n_lr = 0;
  const DlnCatalogueEntry *const *all = dln_figure_catalogue (&n);

  g_test_init (&argc, &argv, NULL);
  for (size_t i = 0; i < n; i++)
    if (dln_figure_option_find (all[i], "lr") >= 0)
      {
        g_autofree char *path = g_strdup_printf ("/dln/headless/figures/"
                                                 "largest-lr/%s",
                                                 all[i]->name);

        g_test_add_data_func (path, all[i], test_entry);
        n_lr++;
      }
  g_assert_cmpuint (n_lr, >=, 10);
  return g_test_run ();
}
