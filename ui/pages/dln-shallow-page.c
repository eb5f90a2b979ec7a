#define G_LOG_DOMAIN "dln-shallow-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-shallow-page.h"

#include "dln-arena.h"
#include "dln-dataset.h"
#include "dln-figure-gradients.h"
#include "dln-figure-python.h"
#include "dln-param-row.h"
#include "dln-play-controls.h"
#include "dln-rng.h"
#include "dln-surface.h"
#include "dln-ui-error.h"

#include <math.h>

/* The whole run (at most 5000 epochs × 1000 samples, 10⁷ multiply-adds,
 * a few ms) is recomputed on the main thread at every change; playing
 * only reveals it epoch by epoch. */
#define MAX_EPOCHS  5000
#define MAX_SAMPLES 1000
#define N_EVAL      37     /* the course's evaluation inputs on [0, 1] */

struct _DlnShallowPage
{
  DlnDemoPage      parent_instance;

  /* template children */
  DlnFigureView   *view;
  DlnParamRow     *w1_row;
  DlnParamRow     *w2_row;
  DlnParamRow     *lr_row;
  DlnParamRow     *epochs_row;
  DlnParamRow     *n_row;
  DlnParamRow     *a_row;
  DlnParamRow     *sigma_row;
  DlnParamRow     *seed_row;
  DlnPlayControls *controls;
  GtkLabel        *status_label;

  /* owned */
  DlnShallowData  *data;          /* n_epochs = epochs shown */
  double          *loss, *w1, *w2;  /* [MAX_EPOCHS] the whole run */
  size_t           epochs;        /* of the run */
  size_t           shown;         /* epochs revealed (== epochs unless playing) */
  DlnStatus        status;
  char             message[256];
};

G_DEFINE_FINAL_TYPE (DlnShallowPage, dln_shallow_page, DLN_TYPE_DEMO_PAGE)

static void
dln_shallow_page_finalize (GObject *object)
{
  DlnShallowPage *self = DLN_SHALLOW_PAGE (object);

  g_clear_pointer (&self->data, dln_shallow_data_free);
  g_free (self->loss);
  g_free (self->w1);
  g_free (self->w2);

  G_OBJECT_CLASS (dln_shallow_page_parent_class)->finalize (object);
}

/* Shows the first @shown epochs: curves up to there and the fit with the
 * weights after epoch @shown (the initial weights when 0). */
static void
show_epochs (DlnShallowPage *self)
{
  DlnShallowData *d = self->data;
  size_t e = self->shown;
  double w1 = e > 0 ? self->w1[e - 1] : dln_param_row_get_value (self->w1_row);
  double w2 = e > 0 ? self->w2[e - 1] : dln_param_row_get_value (self->w2_row);
  g_autofree char *text = NULL;

  memcpy (d->loss, self->loss, e * sizeof (double));
  memcpy (d->w1, self->w1, e * sizeof (double));
  memcpy (d->w2, self->w2, e * sizeof (double));
  d->n_epochs = e;
  for (size_t i = 0; i < d->n_eval; i++)
    d->ey[i] = w1 * w2 * d->ex[i];
  g_snprintf (d->title, sizeof d->title, _("Epoch %zu of %zu"), e, self->epochs);

  text = g_strdup_printf (_("epoch %zu: w₁ = %.5g, w₂ = %.5g\nw₁w₂ = %.5g "
                          "(data slope %.5g)\nloss = %.5g%s%s"),
                          e, w1, w2, w1 * w2, d->slope,
                          e > 0 ? self->loss[e - 1] : NAN,
                          self->status != DLN_STATUS_OK ? "\n" : "",
                          self->status != DLN_STATUS_OK ? self->message : "");
  gtk_label_set_text (self->status_label, text);
  dln_figure_view_queue_render (self->view);
}

static void
recompute (DlnShallowPage *self)
{
  DlnArena *arena = dln_arena_new (1u << 20);
  DlnRng rng;
  DlnTensor *x = NULL, *y = NULL;
  DlnMessage msg = { { 0 }, 0 };
  size_t n = (size_t) dln_param_row_get_value (self->n_row);
  double sxx = 0, sxy = 0;

  /* docs/demos.md#linear-samples with the course's seed: draws happen after
   * seeding, in order. */
  dln_rng_init (&rng, (uint64_t) dln_param_row_get_value (self->seed_row));
  if (dln_dataset_gen_samples (&rng, n, dln_param_row_get_value (self->a_row),
                               dln_param_row_get_value (self->sigma_row),
                               arena, &x, &y) != DLN_STATUS_OK)
    {
      dln_arena_free (arena);
      return;
    }

  g_clear_pointer (&self->data, dln_shallow_data_free);
  self->data = dln_shallow_data_new (n, N_EVAL, MAX_EPOCHS);
  memcpy (self->data->x, x->data, n * sizeof (double));
  memcpy (self->data->y, y->data, n * sizeof (double));
  for (size_t i = 0; i < N_EVAL; i++)
    self->data->ex[i] = (double) i / (N_EVAL - 1);
  for (size_t i = 0; i < n; i++)
    {
      sxx += x->data[i] * x->data[i];
      sxy += x->data[i] * y->data[i];
    }
  self->data->slope = sxx > 0 ? sxy / sxx : NAN;  /* least squares through 0 */

  self->epochs = (size_t) dln_param_row_get_value (self->epochs_row);
  self->status = dln_narrow_train (x->data, y->data, n,
                                   dln_param_row_get_value (self->w1_row),
                                   dln_param_row_get_value (self->w2_row),
                                   dln_param_row_get_value (self->lr_row),
                                   self->epochs, self->loss, self->w1, self->w2,
                                   &msg);
  g_strlcpy (self->message, msg.text, sizeof self->message);
  dln_arena_free (arena);

  dln_figure_view_set_figure (self->view,
                              (DlnFigureRenderFunc) dln_figure_shallow_render,
                              dln_figure_shallow_csv, self->data);
  if (!dln_demo_page_get_playing (DLN_DEMO_PAGE (self)))
    self->shown = self->epochs;
  self->shown = MIN (self->shown, self->epochs);
  show_epochs (self);
}

static void
dln_shallow_page_step (DlnDemoPage *page)
{
  DlnShallowPage *self = DLN_SHALLOW_PAGE (page);

  if (self->shown >= self->epochs)
    self->shown = 0;
  else
    self->shown++;
  if (self->shown >= self->epochs)
    dln_demo_page_set_playing (page, FALSE);
  show_epochs (self);
}

static void
dln_shallow_page_reset (DlnDemoPage *page)
{
  DlnShallowPage *self = DLN_SHALLOW_PAGE (page);

  self->shown = 0;
  show_epochs (self);
}

static void
dln_shallow_page_set_playing (DlnDemoPage *page,
                              gboolean     playing)
{
  DlnShallowPage *self = DLN_SHALLOW_PAGE (page);

  /* Playing from the end replays from the start. */
  if (playing && self->shown >= self->epochs)
    self->shown = 0;
  DLN_DEMO_PAGE_CLASS (dln_shallow_page_parent_class)->set_playing (page, playing);
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
  DlnShallowPage *self = user_data;
  const char *name;
  size_t e;

  if (panel < 0 || !isfinite (x) || !isfinite (y))
    return NULL;
  name = geom->panels[panel].name;
  if (g_str_equal (name, "fit"))
    return g_strdup_printf ("x = %.4g   y = %.4g", x, y);
  e = (size_t) CLAMP (round (x), 1, (double) MAX (self->shown, 1));
  if (self->shown == 0)
    return NULL;
  return g_strdup_printf (_("epoch %zu: loss = %.5g\nw₁ = %.5g   w₂ = %.5g   w₁w₂ = %.5g"),
                          e, self->loss[e - 1], self->w1[e - 1], self->w2[e - 1],
                          self->w1[e - 1] * self->w2[e - 1]);
}

/* "Export as Python script": the catalogue's "shallow-net" options from
 * the page's rows. */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnShallowPage *self = user_data;
  const char *names[] = { "w1", "w2", "lr", "epochs", "seed", "samples",
                          "slope", "noise" };
  DlnParamRow *rows[] = { self->w1_row, self->w2_row, self->lr_row,
                          self->epochs_row, self->seed_row, self->n_row,
                          self->a_row, self->sigma_row };
  double values[G_N_ELEMENTS (rows)];

  for (size_t i = 0; i < G_N_ELEMENTS (rows); i++)
    values[i] = dln_param_row_get_value (rows[i]);
  return dln_demo_page_python_doubles (args, names, values,
                                       G_N_ELEMENTS (names), error);
}

static void
dln_shallow_page_class_init (DlnShallowPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);

  object_class->finalize = dln_shallow_page_finalize;
  page_class->step = dln_shallow_page_step;
  page_class->reset = dln_shallow_page_reset;
  page_class->set_playing = dln_shallow_page_set_playing;

  dln_demo_page_class_set_template (page_class, "dln-shallow-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlnShallowPage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnShallowPage, w1_row);
  gtk_widget_class_bind_template_child (widget_class, DlnShallowPage, w2_row);
  gtk_widget_class_bind_template_child (widget_class, DlnShallowPage, lr_row);
  gtk_widget_class_bind_template_child (widget_class, DlnShallowPage, epochs_row);
  gtk_widget_class_bind_template_child (widget_class, DlnShallowPage, n_row);
  gtk_widget_class_bind_template_child (widget_class, DlnShallowPage, a_row);
  gtk_widget_class_bind_template_child (widget_class, DlnShallowPage, sigma_row);
  gtk_widget_class_bind_template_child (widget_class, DlnShallowPage, seed_row);
  gtk_widget_class_bind_template_child (widget_class, DlnShallowPage, controls);
  gtk_widget_class_bind_template_child (widget_class, DlnShallowPage, status_label);
}

static void
dln_shallow_page_init (DlnShallowPage *self)
{

  gtk_widget_init_template (GTK_WIDGET (self));

  self->loss = g_new0 (double, MAX_EPOCHS);
  self->w1 = g_new0 (double, MAX_EPOCHS);
  self->w2 = g_new0 (double, MAX_EPOCHS);

  dln_figure_view_set_readout_func (self->view, readout_cb, self, NULL);
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->view);
  dln_figure_view_set_python (self->view, "shallow-net", python_args_cb, self);
  g_object_bind_property (self, "playing", self->controls, "playing",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->controls, "speed", self, "speed",
                          G_BINDING_SYNC_CREATE);

  dln_demo_page_connect_controls (DLN_DEMO_PAGE (self), G_CALLBACK (recompute),
                                  self->w1_row, self->w2_row, self->lr_row,
                                  self->epochs_row, self->n_row, self->a_row,
                                  self->sigma_row, self->seed_row, NULL);
  recompute (self);
}
