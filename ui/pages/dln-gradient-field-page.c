#define G_LOG_DOMAIN "dln-gradient-field-page"

#include "config.h"

#include "dln-gradient-field-page.h"

#include "dln-arena.h"
#include "dln-expr.h"
#include "dln-figure.h"
#include "dln-param-row.h"
#include "dln-tape.h"

#include <math.h>
#include <stdint.h>

/* The course's figure: 301 × 301 samples (step 0.02 over [−3, 3]), 20
 * filled levels, an 11 × 11 arrow grid over ±2.5 (scaled with the range),
 * quiver scale 50 (curriculum.md D01). */
#define GRID_N        301
#define ARROW_N       11
#define ARROW_EXTENT  (2.5 / 3.0)   /* arrow grid half-width / range */
#define N_LEVELS      20
#define ARENA_BYTES   (1 << 20)     /* an expression and its tape */

/* TEMPORARY until h4b's dln-figure-t1.h lands on main: the same struct
 * and a small renderer on the figures foundation. Switch to
 * dln_figure_gradient_field_render () then. */
typedef struct
{
  char     title[160];
  char     xlabel[32];
  char     ylabel[32];
  char     cbar_label[96];
  double  *z;
  size_t   nx, ny;
  double   x_min, x_max, y_min, y_max;
  size_t   n_levels;
  DlnColormap map;
  double  *ax, *ay, *au, *av;
  size_t   n_arrows;
  double   quiver_scale;
} DlnGradientFieldData;

static DlnGradientFieldData *
dln_gradient_field_data_new (size_t nx,
                             size_t ny,
                             size_t n_arrows)
{
  DlnGradientFieldData *d = g_new0 (DlnGradientFieldData, 1);

  d->nx = nx;
  d->ny = ny;
  d->z = g_new0 (double, nx * ny);
  d->n_arrows = n_arrows;
  d->ax = g_new0 (double, n_arrows);
  d->ay = g_new0 (double, n_arrows);
  d->au = g_new0 (double, n_arrows);
  d->av = g_new0 (double, n_arrows);
  return d;
}

static void
dln_gradient_field_data_free (DlnGradientFieldData *d)
{
  if (d == NULL)
    return;
  g_free (d->z);
  g_free (d->ax);
  g_free (d->ay);
  g_free (d->au);
  g_free (d->av);
  g_free (d);
}

static void
dln_figure_gradient_field_render (cairo_t                    *cr,
                                  const DlnFigureStyle       *style,
                                  const DlnGradientFieldData *d,
                                  double                      width,
                                  double                      height,
                                  DlnFigureGeometry          *geom)
{
  DlnAxes ax;
  DlnColorScale cs = { d->map, 0, 1, false };
  cairo_surface_t *img;
  unsigned char *pix;
  int stride;
  double top, band;
  DlnRect r;

  cairo_save (cr);
  dln_figure_fill_background (cr, style, width, height);
  top = dln_figure_suptitle (cr, style, d->title, width);
  dln_color_scale_fit (&cs, d->z, d->nx * d->ny, false);
  r = (DlnRect) { 0, top, width, height - top };
  dln_axes_init (&ax, cr, style, r);
  dln_axes_set_xlabel (&ax, d->xlabel);
  dln_axes_set_ylabel (&ax, d->ylabel);
  dln_axes_set_xrange (&ax, d->x_min, d->x_max);
  dln_axes_set_yrange (&ax, d->y_min, d->y_max);
  ax.equal_aspect = true;
  dln_axes_begin (&ax);

  /* Filled bands: quantise z to n_levels steps. */
  img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) d->nx, (int) d->ny);
  pix = cairo_image_surface_get_data (img);
  stride = cairo_image_surface_get_stride (img);
  band = (cs.vmax - cs.vmin) / (double) MAX (d->n_levels, 1);
  for (size_t j = 0; j < d->ny; j++)
    for (size_t i = 0; i < d->nx; i++)
      {
        double z = d->z[j * d->nx + i];
        double q = cs.vmin + (floor ((z - cs.vmin) / band) + 0.5) * band;
        DlnRgba c = dln_color_scale_eval (&cs, q);
        uint32_t *px = (uint32_t *) (pix + (d->ny - 1 - j) * stride) + i;

        *px = ((uint32_t) (c.r * 255) << 16) | ((uint32_t) (c.g * 255) << 8)
              | (uint32_t) (c.b * 255);
      }
  cairo_surface_mark_dirty (img);
  cairo_save (cr);
  cairo_rectangle (cr, ax.plot.x, ax.plot.y, ax.plot.width, ax.plot.height);
  cairo_clip (cr);
  cairo_translate (cr, ax.plot.x, ax.plot.y);
  cairo_scale (cr, ax.plot.width / d->nx, ax.plot.height / d->ny);
  cairo_set_source_surface (cr, img, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (img);

  /* +∇f arrows: |∇f| / quiver_scale of the plot width. */
  dln_color_set_source (cr, dln_figure_style_color (style, DLN_COLOR_VERMILLION), 1);
  cairo_set_line_width (cr, 1.5);
  for (size_t k = 0; k < d->n_arrows; k++)
    {
      double x0 = dln_axes_px (&ax, d->ax[k]);
      double y0 = dln_axes_py (&ax, d->ay[k], false);
      double dx = d->au[k] / d->quiver_scale * ax.plot.width;
      double dy = -d->av[k] / d->quiver_scale * ax.plot.width;
      double len = hypot (dx, dy), ux, uy;

      if (!(len > 0.5))
        continue;
      ux = dx / len;
      uy = dy / len;
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x0 + dx, y0 + dy);
      cairo_stroke (cr);
      cairo_move_to (cr, x0 + dx, y0 + dy);
      cairo_line_to (cr, x0 + dx - 5 * ux - 3 * uy, y0 + dy - 5 * uy + 3 * ux);
      cairo_line_to (cr, x0 + dx - 5 * ux + 3 * uy, y0 + dy - 5 * uy - 3 * ux);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  dln_axes_end (&ax, geom);
  cairo_restore (cr);
}

static DlnStatus
dln_figure_gradient_field_csv (FILE       *out,
                               const void *data,
                               DlnMessage *msg)
{
  const DlnGradientFieldData *d = data;

  fputs ("kind,x,y,z,dzdx,dzdy\n", out);
  for (size_t j = 0; j < d->ny; j++)
    for (size_t i = 0; i < d->nx; i++)
      {
        fputs ("grid,", out);
        dln_csv_write_double (out, d->x_min + (d->x_max - d->x_min) * i / (d->nx - 1));
        fputc (',', out);
        dln_csv_write_double (out, d->y_min + (d->y_max - d->y_min) * j / (d->ny - 1));
        fputc (',', out);
        dln_csv_write_double (out, d->z[j * d->nx + i]);
        fputs (",,\n", out);
      }
  for (size_t k = 0; k < d->n_arrows; k++)
    {
      fputs ("arrow,", out);
      dln_csv_write_double (out, d->ax[k]);
      fputc (',', out);
      dln_csv_write_double (out, d->ay[k]);
      fputs (",,", out);
      dln_csv_write_double (out, d->au[k]);
      fputc (',', out);
      dln_csv_write_double (out, d->av[k]);
      fputc ('\n', out);
    }
  return ferror (out) ? DLN_STATUS_IO : DLN_STATUS_OK;
}

struct _DlnGradientFieldPage
{
  DlnDemoPage           parent_instance;

  /* template children */
  DlnFigureView        *view;
  GtkEntry             *expr_entry;
  GtkLabel             *error_label;
  GtkDropDown          *preset_dropdown;
  DlnParamRow          *range_row;
  DlnParamRow          *scale_row;
  GtkLabel             *pointer_label;

  /* owned */
  DlnArena             *arena;     /* the last good expression and tape */
  DlnTape              *tape;      /* f(x, y); variables x, y */
  DlnGradientFieldData *data;      /* what the view draws */
};

G_DEFINE_FINAL_TYPE (DlnGradientFieldPage, dln_gradient_field_page, DLN_TYPE_DEMO_PAGE)

static const char *const presets[] = {
  "sin(x^2 + y^2)",
  "x^2 + y^2",
  "x^2 - y^2",
  "x^2 + 10*y^2",
  "exp(-(x^2 + y^2)/2)",
  "sin(x)*cos(y)",
};

static void
dln_gradient_field_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DLN_TYPE_GRADIENT_FIELD_PAGE);

  G_OBJECT_CLASS (dln_gradient_field_page_parent_class)->dispose (object);
}

static void
dln_gradient_field_page_finalize (GObject *object)
{
  DlnGradientFieldPage *self = DLN_GRADIENT_FIELD_PAGE (object);

  g_clear_pointer (&self->data, dln_gradient_field_data_free);
  g_clear_pointer (&self->arena, dln_arena_free);

  G_OBJECT_CLASS (dln_gradient_field_page_parent_class)->finalize (object);
}

/* Samples the last good tape into self->data. About 90 k tape
 * evaluations of a short expression: a few ms, fine on the main thread. */
static void
recompute (DlnGradientFieldPage *self)
{
  DlnGradientFieldData *d = self->data;
  double r = dln_param_row_get_value (self->range_row);
  double ar = r * ARROW_EXTENT;
  double p[2], g[2];

  if (self->tape == NULL)
    return;

  d->x_min = d->y_min = -r;
  d->x_max = d->y_max = r;
  for (size_t j = 0; j < d->ny; j++)
    for (size_t i = 0; i < d->nx; i++)
      {
        p[0] = -r + 2 * r * (double) i / (double) (d->nx - 1);
        p[1] = -r + 2 * r * (double) j / (double) (d->ny - 1);
        d->z[j * d->nx + i] = dln_tape_value (self->tape, p, NULL);
      }
  for (size_t j = 0; j < ARROW_N; j++)
    for (size_t i = 0; i < ARROW_N; i++)
      {
        size_t k = j * ARROW_N + i;

        p[0] = -ar + 2 * ar * (double) i / (ARROW_N - 1);
        p[1] = -ar + 2 * ar * (double) j / (ARROW_N - 1);
        dln_tape_grad (self->tape, p, g, NULL);
        d->ax[k] = p[0];
        d->ay[k] = p[1];
        d->au[k] = g[0];
        d->av[k] = g[1];
      }
  d->quiver_scale = dln_param_row_get_value (self->scale_row);
  dln_figure_view_queue_render (self->view);
}

/* Parses the entry; on success swaps in the new tape, on failure shows
 * the error under the entry at its column and keeps the last good field. */
static void
expr_changed_cb (DlnGradientFieldPage *self)
{
  static const char *const xy[] = { "x", "y" };
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->expr_entry));
  DlnArena *arena = dln_arena_new (ARENA_BYTES);
  DlnMessage msg = { { 0 }, 0 };
  DlnExpr *expr = NULL;
  DlnTape *tape = NULL;
  DlnStatus status;

  status = dln_expr_parse (text, arena, &expr, &msg);
  if (status == DLN_STATUS_OK)
    status = dln_tape_new (expr, xy, 2, arena, &tape, &msg);

  if (status != DLN_STATUS_OK)
    {
      char caret[DLN_EXPR_MAX_LENGTH + 512];
      g_autofree char *markup = NULL;
      g_autofree char *escaped = NULL;

      dln_expr_format_error (text, msg.column, caret, sizeof caret);
      escaped = g_markup_escape_text (caret, -1);
      if (msg.column > 0)
        markup = g_strdup_printf ("Column %d: %s\n%s", msg.column,
                                  msg.text, escaped);
      else
        markup = g_strdup_printf ("%s", msg.text);
      gtk_label_set_text (self->error_label, markup);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->expr_entry), "error");
      dln_arena_free (arena);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->expr_entry), "error");
  g_clear_pointer (&self->arena, dln_arena_free);
  self->arena = arena;
  self->tape = tape;
  g_snprintf (self->data->title, sizeof self->data->title,
              "Gradient vectors point towards steepest ascent");
  recompute (self);
}

static void
preset_selected_cb (DlnGradientFieldPage *self)
{
  guint i = gtk_drop_down_get_selected (self->preset_dropdown);

  if (i < G_N_ELEMENTS (presets)
      && g_strcmp0 (presets[i], gtk_editable_get_text (GTK_EDITABLE (self->expr_entry))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->expr_entry), presets[i]);
}

static char *
readout_cb (DlnFigureView           *view,
            const DlnFigureGeometry *geom,
            int                      panel,
            double                   x,
            double                   y,
            double                   px,
            double                   py,
            gpointer                 user_data)
{
  DlnGradientFieldPage *self = user_data;
  double p[2] = { x, y }, g[2];
  double f;
  char *text;

  if (panel < 0 || self->tape == NULL || !isfinite (x) || !isfinite (y))
    return NULL;
  f = dln_tape_grad (self->tape, p, g, NULL);
  text = g_strdup_printf ("x = %.4g   y = %.4g\nf = %.6g   ∇f = (%.4g, %.4g)",
                          x, y, f, g[0], g[1]);
  gtk_label_set_text (self->pointer_label, text);
  return text;
}

static void
dln_gradient_field_page_class_init (DlnGradientFieldPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dln_gradient_field_page_dispose;
  object_class->finalize = dln_gradient_field_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/dlnlab/Dlnlab/pages/dln-gradient-field-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlnGradientFieldPage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnGradientFieldPage, expr_entry);
  gtk_widget_class_bind_template_child (widget_class, DlnGradientFieldPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, DlnGradientFieldPage, preset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlnGradientFieldPage, range_row);
  gtk_widget_class_bind_template_child (widget_class, DlnGradientFieldPage, scale_row);
  gtk_widget_class_bind_template_child (widget_class, DlnGradientFieldPage, pointer_label);
}

static void
dln_gradient_field_page_init (DlnGradientFieldPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->data = dln_gradient_field_data_new (GRID_N, GRID_N, ARROW_N * ARROW_N);
  self->data->n_levels = N_LEVELS;
  self->data->map = DLN_COLORMAP_VIRIDIS;
  g_strlcpy (self->data->xlabel, "x", sizeof self->data->xlabel);
  g_strlcpy (self->data->ylabel, "y", sizeof self->data->ylabel);
  g_strlcpy (self->data->cbar_label, "z = f(x, y)", sizeof self->data->cbar_label);

  dln_figure_view_set_figure (self->view,
                              (DlnFigureRenderFunc) dln_figure_gradient_field_render,
                              dln_figure_gradient_field_csv, self->data);
  dln_figure_view_set_readout_func (self->view, readout_cb, self, NULL);
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->view);

  g_signal_connect_swapped (self->expr_entry, "changed",
                            G_CALLBACK (expr_changed_cb), self);
  g_signal_connect_swapped (self->preset_dropdown, "notify::selected",
                            G_CALLBACK (preset_selected_cb), self);
  g_signal_connect_swapped (self->range_row, "notify::value",
                            G_CALLBACK (recompute), self);
  g_signal_connect_swapped (self->scale_row, "notify::value",
                            G_CALLBACK (recompute), self);
  expr_changed_cb (self);
}
