#include "config.h"

#include "dln-test-figure.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

void
dln_test_canvas_init (DlnTestCanvas        *c,
                      const DlnFigureStyle *style,
                      int                   w,
                      int                   h)
{
  c->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  c->cr = cairo_create (c->surface);
  c->w = w;
  c->h = h;
  if (style != NULL)
    dln_figure_fill_background (c->cr, style, w, h);
}

void
dln_test_canvas_finish (DlnTestCanvas *c,
                        const char    *name)
{
  const char *dir = g_getenv ("DLN_TEST_DUMP_DIR");

  g_assert_cmpint (cairo_status (c->cr), ==, CAIRO_STATUS_SUCCESS);
  if (dir != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.png", dir, name);

      cairo_surface_write_to_png (c->surface, path);
    }
  cairo_destroy (c->cr);
  cairo_surface_destroy (c->surface);
}

DlnRgba
dln_test_pixel (DlnTestCanvas *c,
                double         x,
                double         y)
{
  DlnRgba p = { 0, 0, 0, 1 };
  unsigned char *d;
  uint32_t v;
  int xi = (int) floor (x), yi = (int) floor (y);

  cairo_surface_flush (c->surface);
  g_assert_true (xi >= 0 && yi >= 0 && xi < c->w && yi < c->h);
  d = cairo_image_surface_get_data (c->surface);
  v = *(uint32_t *) (d + yi * cairo_image_surface_get_stride (c->surface)
                     + 4 * xi);
  p.r = ((v >> 16) & 0xff) / 255.0;
  p.g = ((v >> 8) & 0xff) / 255.0;
  p.b = (v & 0xff) / 255.0;
  return p;
}

cairo_surface_t *
dln_test_render_figure (DlnFigureRenderFunc   fn,
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

DlnRgba
dln_test_surface_pixel (cairo_surface_t *s,
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

double
dln_test_color_dist (DlnRgba a,
                     DlnRgba b)
{
  return fmax (fabs (a.r - b.r), fmax (fabs (a.g - b.g), fabs (a.b - b.b)));
}

/* Builds @name into @fig with the NAME, VALUE pairs of @kv (nullable). */
static void
build_kv (DlnFigureInstance *fig,
          const char        *name,
          const char *const *kv)
{
  const DlnCatalogueEntry *e = dln_figure_catalogue_find (name);
  DlnFigureArgs args;
  DlnMessage msg = { 0 };

  if (e == NULL)
    g_error ("no catalogue entry %s", name);
  dln_figure_args_init (&args, e);
  for (size_t i = 0; kv != NULL && kv[i] != NULL; i += 2)
    if (dln_figure_args_set (&args, kv[i], kv[i + 1], &msg) != DLN_STATUS_OK)
      g_error ("--%s %s: %s", kv[i], kv[i + 1], msg.text);
  memset (fig, 0, sizeof *fig);
  if (dln_figure_build (e, &args, fig, &msg) != DLN_STATUS_OK)
    g_error ("%s: %s", name, msg.text);
}

void
dln_test_build (DlnFigureInstance *fig,
                const char        *name,
                ...)
{
  g_autoptr(GPtrArray) kv = g_ptr_array_new ();
  const char *k;
  va_list ap;

  va_start (ap, name);
  while ((k = va_arg (ap, const char *)) != NULL)
    {
      g_ptr_array_add (kv, (gpointer) k);
      g_ptr_array_add (kv, va_arg (ap, char *));
    }
  va_end (ap);
  g_ptr_array_add (kv, NULL);
  build_kv (fig, name, (const char *const *) kv->pdata);
}

char *
dln_test_entry_csv (const char        *name,
                    const char *const *kv)
{
  DlnFigureInstance fig;
  DlnMessage msg = { 0 };
  char *buf = NULL;
  size_t len = 0;
  FILE *fp;

  build_kv (&fig, name, kv);
  fp = open_memstream (&buf, &len);
  g_assert_cmpint (fig.csv (fp, fig.data, &msg), ==, DLN_STATUS_OK);
  fclose (fp);
  dln_figure_instance_clear (&fig);
  return buf;
}

const DlnPlotPanel *
dln_test_panel (const DlnFigureGeometry *geom,
                const char              *name)
{
  for (size_t i = 0; i < geom->n_panels; i++)
    if (strcmp (geom->panels[i].name, name) == 0)
      return &geom->panels[i];
  g_error ("no panel '%s'", name);
  return NULL;
}
