#define G_LOG_DOMAIN "dln-shallow-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-shallow-page.h"

#include "dln-figure-gradients.h"
#include "dln-figure-python.h"
#include "dln-param-row.h"
#include "dln-play-controls.h"
#include "dln-surface.h"
#include "dln-ui-error.h"

#include <math.h>

/* The whole run (at most 5000 epochs × 1000 samples, 10⁷ multiply-adds,
 * a few ms) is recomputed on the main thread at every change; playing
 * only reveals it epoch by epoch. */
#define MAX_EPOCHS  5000
#define MAX_SAMPLES 1000

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
  DlnNarrowParams p;
  DlnNarrowResult r;
  DlnMessage msg = { { 0 }, 0 };

  dln_narrow_params_init (&p);
  p.w1 = dln_param_row_get_value (self->w1_row);
  p.w2 = dln_param_row_get_value (self->w2_row);
  p.lr = dln_param_row_get_value (self->lr_row);
  p.epochs = (size_t) dln_param_row_get_value (self->epochs_row);
  p.seed = (uint64_t) dln_param_row_get_value (self->seed_row);
  p.samples = (size_t) dln_param_row_get_value (self->n_row);
  p.slope = dln_param_row_get_value (self->a_row);
  p.noise = dln_param_row_get_value (self->sigma_row);

  g_clear_pointer (&self->data, dln_shallow_data_free);
  self->data = dln_shallow_data_new (p.samples, DLN_NARROW_N_EVAL, MAX_EPOCHS);
  r = (DlnNarrowResult) { .x = self->data->x, .y = self->data->y,
                          .loss = self->loss, .w1 = self->w1, .w2 = self->w2,
                          .eval_x = self->data->ex };
  self->epochs = p.epochs;
  self->status = dln_narrow_run (&p, &r, &msg);
  self->data->slope = r.slope;
  g_strlcpy (self->message, msg.text, sizeof self->message);

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

/* The rows in the order of the catalogue's "shallow-net" options, with
 * their names there and their course values (dln-surface.h). */
#define N_ROWS 8
static const char *const row_names[N_ROWS] = {
  "w1", "w2", "lr", "epochs", "seed", "samples", "slope", "noise"
};
static const double row_defaults[N_ROWS] = {
  DLN_NARROW_W1, DLN_NARROW_W2, DLN_NARROW_LR, DLN_NARROW_EPOCHS,
  DLN_NARROW_SEED, DLN_NARROW_SAMPLES, DLN_NARROW_SLOPE, DLN_NARROW_NOISE
};

static void
get_rows (DlnShallowPage *self,
          DlnParamRow    *rows[N_ROWS])
{
  DlnParamRow *r[N_ROWS] = { self->w1_row, self->w2_row, self->lr_row,
                             self->epochs_row, self->seed_row, self->n_row,
                             self->a_row, self->sigma_row };

  memcpy (rows, r, sizeof r);
}

/* "Export as Python script": the catalogue's "shallow-net" options from
 * the page's rows. */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnParamRow *rows[N_ROWS];
  double values[N_ROWS];

  get_rows (user_data, rows);
  for (size_t i = 0; i < N_ROWS; i++)
    values[i] = dln_param_row_get_value (rows[i]);
  return dln_demo_page_python_doubles (args, row_names, values, N_ROWS,
                                       error);
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
  DlnParamRow *rows[N_ROWS];

  gtk_widget_init_template (GTK_WIDGET (self));
  /* the course's run, as the catalogue's options */
  get_rows (self, rows);
  for (size_t i = 0; i < N_ROWS; i++)
    dln_param_row_set_value (rows[i], row_defaults[i]);

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
