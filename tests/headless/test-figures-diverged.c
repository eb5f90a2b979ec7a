/* Every catalogue figure with a learning rate, at the largest its option
 * allows (far beyond stability for most): the engine's divergence is a
 * result, so the figure builds, draws and writes its CSV without an error
 * or a crash, says "diverged", and its axes (read from the renderer's
 * geometry) stay on the run before the divergence instead of
 * autoscaling to the blow-up (1e154 and more). A figure that refused a
 * diverged run, or drew from a freed or non-finite buffer, fails here
 * (under ASan in make check-asan). */

#include "config.h"

#include "dln-figure-catalogue.h"
#include "dln-figure-style.h"

#include <cairo.h>
#include <math.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

/* The largest magnitude an axis of these figures may show: their
 * quantities (losses, weights, predictions, epochs) stay far below it
 * until a run diverges, and a diverged run grows to 1e154 and beyond
 * before it overflows. */
#define SANE_AXIS 1e6

static bool
sane (double lo,
      double hi)
{
  return isfinite (lo) && isfinite (hi) && fabs (lo) <= SANE_AXIS
         && fabs (hi) <= SANE_AXIS;
}

/* The figures whose run certainly diverges at the largest learning rate
 * (the others clamp, fix their axes or stay stable there). */
static const char *const diverging[] = {
  "wide-net-regression", "shallow-net", "training-loss", "dynamics", "rsm",
  "map-compare",
};

static bool
must_diverge (const char *name)
{
  for (size_t i = 0; i < G_N_ELEMENTS (diverging); i++)
    if (strcmp (diverging[i], name) == 0)
      return true;
  return false;
}

/* Every Cartesian panel's axes stay on the run before its divergence,
 * read from the renderer's geometry; where a curve's blow-up was cut, the
 * figure says "diverged". */
static void
check_axes (const DlnCatalogueEntry *e,
            const DlnFigureGeometry *geom,
            const DlnFigureRecord   *rec)
{
  bool marked = false;

  for (size_t i = 0; i < rec->n; i++)
    if (rec->marks[i].kind == DLN_MARK_TEXT
        && strstr (rec->marks[i].text, "diverged") != NULL)
      marked = true;
  for (size_t i = 0; i < geom->n_panels; i++)
    {
      const DlnPlotPanel *p = &geom->panels[i];

      if (p->kind != DLN_PANEL_XY)
        continue;
      if (!sane (p->x_min, p->x_max) || !sane (p->y_min, p->y_max)
          || (p->has_y2 && !sane (p->y2_min, p->y2_max)))
        {
          g_test_message ("%s, panel %s: x %g ... %g, y %g ... %g, y2 %g ... "
                          "%g: beyond +-%g", e->name, p->name, p->x_min,
                          p->x_max, p->y_min, p->y_max, p->y2_min, p->y2_max,
                          SANE_AXIS);
          g_test_fail ();
        }
    }
  g_test_message ("%s: %s", e->name, marked ? "marked diverged"
                                            : "not marked diverged");
  if (must_diverge (e->name) && !marked)
    {
      g_test_message ("%s: its run diverges at the largest lr, and the "
                      "figure does not say so", e->name);
      g_test_fail ();
    }
}

static void
test_entry (gconstpointer data)
{
  const DlnCatalogueEntry *e = data;
  const DlnFigureOption *lr = &e->options[dln_figure_option_find (e, "lr")];
  DlnFigureArgs args;
  DlnFigureInstance fig;
  DlnFigureStyle style;
  DlnFigureGeometry geom;
  DlnFigureRecord rec = { NULL, 0, 0 };
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
  dln_figure_record_attach (cr, &rec);
  fig.render (cr, &style, fig.data, e->width, e->height, &geom);
  dln_figure_record_detach (cr);
  check_axes (e, &geom, &rec);
  dln_figure_record_clear (&rec);
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
