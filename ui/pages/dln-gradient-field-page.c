#define G_LOG_DOMAIN "dln-gradient-field-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-gradient-field-page.h"

#include "dln-arena.h"
#include "dln-expr.h"
#include "dln-figure-gradients.h"
#include "dln-figure-python.h"
#include "dln-param-row.h"
#include "dln-surface.h"
#include "dln-tape.h"
#include "dln-ui-error.h"
#include "dln-ui.h"

#include <math.h>

/* The course's figure (dln-surface.h, docs/demos.md#d01): 301 × 301
 * samples (step 0.02 over [−3, 3]), 20 filled levels, an 11 × 11 arrow
 * grid over ±2.5 (scaled with the range), quiver scale 50. */
#define GRID_N        DLN_SURFACE_FIELD_SAMPLES
#define ARROW_N       DLN_SURFACE_FIELD_ARROWS
#define ARROW_EXTENT  (DLN_SURFACE_FIELD_ARROW_EXTENT / DLN_SURFACE_FIELD_EXTENT)
#define N_LEVELS      DLN_SURFACE_FIELD_LEVELS
#define ARENA_BYTES   (1 << 20)     /* an expression and its tape */

struct _DlnGradientFieldPage
{
  DlnDemoPage           parent_instance;

  /* template children */
  DlnFigureView        *view;
  GtkEntry             *expr_entry;
  GtkLabel             *error_label;
  GtkDropDown          *preset_dropdown;
  GtkLabel             *domain_label;
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
  DLN_SURFACE_FIELD_EXPR,
  "x^2 + y^2",
  "x^2 - y^2",
  "x^2 + 10*y^2",
  "exp(-(x^2 + y^2)/2)",
  "sin(x)*cos(y)",
};

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
  size_t undefined = 0;

  if (self->tape == NULL)
    return;

  d->x_min = d->y_min = -r;
  d->x_max = d->y_max = r;
  for (size_t j = 0; j < d->ny; j++)
    for (size_t i = 0; i < d->nx; i++)
      {
        double f;

        p[0] = -r + 2 * r * (double) i / (double) (d->nx - 1);
        p[1] = -r + 2 * r * (double) j / (double) (d->ny - 1);
        f = dln_tape_value (self->tape, p, NULL);
        d->z[j * d->nx + i] = f;
        undefined += !isfinite (f);
      }
  for (size_t j = 0; j < ARROW_N; j++)
    for (size_t i = 0; i < ARROW_N; i++)
      {
        size_t k = j * ARROW_N + i;
        double f;

        p[0] = -ar + 2 * ar * (double) i / (ARROW_N - 1);
        p[1] = -ar + 2 * ar * (double) j / (ARROW_N - 1);
        f = dln_tape_grad (self->tape, p, g, NULL);
        d->ax[k] = p[0];
        d->ay[k] = p[1];
        /* where f is undefined (log(x) for x <= 0) its gradient rule may
         * still give a number (1/x): no arrow there (the figure skips
         * non-finite ones) */
        d->au[k] = isfinite (f) ? g[0] : NAN;
        d->av[k] = isfinite (f) ? g[1] : NAN;
        undefined += !isfinite (f);
      }
  gtk_widget_set_visible (GTK_WIDGET (self->domain_label), undefined > 0);
  d->quiver_scale = dln_param_row_get_value (self->scale_row);
  dln_figure_view_queue_render (self->view);
}

/* The drop-down names a preset only while the entry holds it (choosing
 * no item selects nothing in preset_selected_cb). */
static void
sync_preset_selection (DlnGradientFieldPage *self,
                       const char           *text)
{
  guint match = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_str_equal (presets[i], text))
      match = i;
  if (gtk_drop_down_get_selected (self->preset_dropdown) != match)
    gtk_drop_down_set_selected (self->preset_dropdown, match);
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

  sync_preset_selection (self, text);
  status = dln_expr_parse (text, arena, &expr, &msg);
  if (status == DLN_STATUS_OK)
    status = dln_tape_new (expr, xy, 2, arena, &tape, &msg);

  if (status != DLN_STATUS_OK)
    {
      g_autofree char *shown = dln_ui_expr_error_text (text, &msg);

      dln_ui_show_input_error (self->error_label,
                               GTK_WIDGET (self->expr_entry), shown);
      dln_arena_free (arena);
      return;
    }

  dln_ui_show_input_error (self->error_label, GTK_WIDGET (self->expr_entry),
                           NULL);
  g_clear_pointer (&self->arena, dln_arena_free);
  self->arena = arena;
  self->tape = tape;
  g_snprintf (self->data->title, sizeof self->data->title,
              _("Gradient vectors point towards steepest ascent"));
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
  if (isfinite (f))
    text = g_strdup_printf (_("x = %.4g   y = %.4g\nf = %.6g   ∇f = (%.4g, %.4g)"),
                            x, y, f, g[0], g[1]);
  else
    text = g_strdup_printf (_("x = %.4g   y = %.4g\nf is undefined here"),
                            x, y);
  gtk_label_set_text (self->pointer_label, text);
  return text;
}

static void
dln_gradient_field_page_class_init (DlnGradientFieldPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dln_gradient_field_page_finalize;

  dln_demo_page_class_set_template (DLN_DEMO_PAGE_CLASS (klass),
                                    "dln-gradient-field-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlnGradientFieldPage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnGradientFieldPage, expr_entry);
  gtk_widget_class_bind_template_child (widget_class, DlnGradientFieldPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, DlnGradientFieldPage, preset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlnGradientFieldPage, domain_label);
  gtk_widget_class_bind_template_child (widget_class, DlnGradientFieldPage, range_row);
  gtk_widget_class_bind_template_child (widget_class, DlnGradientFieldPage, scale_row);
  gtk_widget_class_bind_template_child (widget_class, DlnGradientFieldPage, pointer_label);
}

/* "Export as Python script": the catalogue's "gradient-field" options,
 * the typed text (an invalid one is refused with the parser's message). */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnGradientFieldPage *self = user_data;
  double r = dln_param_row_get_value (self->range_row);
  const char *names[] = { "extent", "arrow-extent", "quiver-scale",
                          "samples", "arrows", "levels" };
  double values[] = { r, r * ARROW_EXTENT,
                      dln_param_row_get_value (self->scale_row), GRID_N,
                      ARROW_N, N_LEVELS };

  return dln_demo_page_python_printf (args, error, "expr", "%s",
           gtk_editable_get_text (GTK_EDITABLE (self->expr_entry)))
         && dln_demo_page_python_doubles (args, names, values,
                                          G_N_ELEMENTS (names), error);
}

static void
dln_gradient_field_page_init (DlnGradientFieldPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the course's figure, as the catalogue's options */
  gtk_editable_set_text (GTK_EDITABLE (self->expr_entry),
                         DLN_SURFACE_FIELD_EXPR);
  dln_param_row_set_value (self->range_row, DLN_SURFACE_FIELD_EXTENT);
  dln_param_row_set_value (self->scale_row, DLN_SURFACE_FIELD_QUIVER_SCALE);

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
  dln_figure_view_set_python (self->view, "gradient-field", python_args_cb,
                              self);

  dln_demo_page_connect_controls (DLN_DEMO_PAGE (self),
                                  G_CALLBACK (expr_changed_cb),
                                  self->expr_entry, NULL);
  dln_demo_page_connect_controls (DLN_DEMO_PAGE (self),
                                  G_CALLBACK (preset_selected_cb),
                                  self->preset_dropdown, NULL);
  dln_demo_page_connect_controls (DLN_DEMO_PAGE (self), G_CALLBACK (recompute),
                                  self->range_row, self->scale_row, NULL);
  expr_changed_cb (self);
}
