#define G_LOG_DOMAIN "dln-wide-net-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-wide-net-page.h"

#include "dln-arena.h"
#include "dln-figure-gradients.h"
#include "dln-figure-python.h"
#include "dln-mlp.h"
#include "dln-param-row.h"
#include "dln-run.h"
#include "dln-ui-error.h"

#include <math.h>
#include <string.h>

#define MAX_LOSSES     200000  /* epochs kept in the loss curve */
#define PUBLISH_US     25000   /* the worker publishes up to 40 snapshots/s:
                                * at 33 ms (30/s) plus the step that
                                * crosses it, Train drew 29 fps */

/* --- The trainer: one network, its data and its loss history ---
 * The page owns one; a training run works on its own copy and publishes
 * copies, which the page adopts, so no trainer is ever shared between
 * threads. */
typedef struct
{
  DlnArena *arena;            /* the network, gradient, optimizer state */
  DlnMlp    net;
  double    x[DLN_WIDE_NET_SAMPLES], y[DLN_WIDE_NET_SAMPLES];
  double   *loss;             /* [n_loss] loss before each update */
  size_t    n_loss;
  DlnStatus status;
  char      message[256];
} Trainer;

static void
trainer_free (gpointer data)
{
  Trainer *t = data;

  if (t == NULL)
    return;
  dln_arena_free (t->arena);
  g_free (t->loss);
  g_free (t);
}

static Trainer *
trainer_new (const DlnWideNetParams *params)
{
  Trainer *t = g_new0 (Trainer, 1);
  DlnMessage msg = { { 0 }, 0 };

  t->arena = dln_arena_new (dln_mlp_bytes (params->hidden));
  t->loss = g_new0 (double, MAX_LOSSES);
  /* the rows keep H >= 1 and the arena is sized for it */
  if (dln_wide_net_setup (params, t->x, t->y, &t->net, t->arena, &msg)
      != DLN_STATUS_OK)
    g_critical ("wide net: %s", msg.text);
  return t;
}

/* Copies @src's network and optimizer state into @dst's arena (the same
 * hidden size: a new size resets the page and cancels its run). */
static void
copy_net (DlnMlp       *dst,
          DlnArena     *arena,
          const DlnMlp *src)
{
  dln_arena_reset (arena);
  dln_mlp_init (dst, src->hidden, arena, NULL);
  /* the arena holds the copy's state: dln_mlp_bytes () counts it */
  if (dln_mlp_copy (dst, src, arena) != DLN_STATUS_OK)
    g_critical ("a network copy does not fit its own budget");
}

static Trainer *
trainer_copy (const Trainer *src)
{
  Trainer *t = g_new0 (Trainer, 1);

  t->arena = dln_arena_new (dln_mlp_bytes (src->net.hidden));
  copy_net (&t->net, t->arena, &src->net);
  memcpy (t->x, src->x, sizeof t->x);
  memcpy (t->y, src->y, sizeof t->y);
  t->loss = g_new (double, MAX_LOSSES);
  memcpy (t->loss, src->loss, src->n_loss * sizeof (double));
  t->n_loss = src->n_loss;
  t->status = src->status;
  memcpy (t->message, src->message, sizeof t->message);
  return t;
}

/* --- What a run publishes ---
 * The network and the losses of the run's own epochs only: the page has
 * the ones before (the run started from a copy of its trainer), and a
 * whole history copied 40 times a second (1.6 MB each, in the worker's
 * malloc arena, which malloc_trim cannot shrink) kept megabytes of
 * freed memory resident. */
typedef struct
{
  DlnArena *arena;
  DlnMlp    net;
  double   *loss;             /* the losses of epochs first_loss + 1 ... */
  size_t    first_loss;
  size_t    n_loss;           /* ... to n_loss */
  DlnStatus status;
  char      message[256];
} Snapshot;

static void
snapshot_free (gpointer data)
{
  Snapshot *s = data;

  if (s == NULL)
    return;
  dln_arena_free (s->arena);
  g_free (s->loss);
  g_free (s);
}

static Snapshot *
snapshot_new (const Trainer *t,
              size_t         first_loss)
{
  Snapshot *s = g_new0 (Snapshot, 1);

  s->arena = dln_arena_new (dln_mlp_bytes (t->net.hidden));
  copy_net (&s->net, s->arena, &t->net);
  s->first_loss = MIN (first_loss, t->n_loss);
  s->n_loss = t->n_loss;
  s->loss = g_memdup2 (t->loss + s->first_loss,
                       (s->n_loss - s->first_loss) * sizeof (double));
  s->status = t->status;
  memcpy (s->message, t->message, sizeof t->message);
  return s;
}

/* Brings the page's trainer to @s, in place (no allocation). */
static void
trainer_adopt (Trainer        *t,
               const Snapshot *s)
{
  copy_net (&t->net, t->arena, &s->net);
  if (s->n_loss > s->first_loss)
    memcpy (t->loss + s->first_loss, s->loss,
            (s->n_loss - s->first_loss) * sizeof (double));
  t->n_loss = s->n_loss;
  t->status = s->status;
  memcpy (t->message, s->message, sizeof t->message);
}

/* One step; records the loss of the forward pass before the update. */
static DlnStatus
trainer_step (Trainer    *t,
              DlnMessage *msg)
{
  double loss = NAN;
  DlnStatus st = dln_mlp_step (&t->net, t->x, t->y, DLN_WIDE_NET_SAMPLES,
                               &loss, msg);

  if (t->n_loss < MAX_LOSSES)
    t->loss[t->n_loss++] = loss;
  t->status = st;
  g_strlcpy (t->message, msg->text, sizeof t->message);
  return st;
}

typedef struct
{
  Trainer *trainer;     /* the job's own copy */
  size_t   epochs;
  size_t   first_loss;  /* the losses the page had at the start */
} TrainJob;

static void
train_job_free (gpointer data)
{
  TrainJob *job = data;

  trainer_free (job->trainer);
  g_free (job);
}

/* Worker thread: only this touches job->trainer. */
static DlnStatus
train_job (DlnRun       *run,
           gpointer      data,
           GCancellable *cancellable,
           DlnMessage   *msg)
{
  TrainJob *job = data;
  gint64 last = g_get_monotonic_time ();
  DlnStatus st = DLN_STATUS_OK;

  for (size_t e = 0; e < job->epochs; e++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return DLN_STATUS_OK;
      st = trainer_step (job->trainer, msg);
      if (st != DLN_STATUS_OK)
        break;
      if (g_get_monotonic_time () - last > PUBLISH_US)
        {
          if (!dln_run_publish (run, snapshot_new (job->trainer,
                                                   job->first_loss)))
            return DLN_STATUS_OK;
          last = g_get_monotonic_time ();
        }
    }
  dln_run_publish (run, snapshot_new (job->trainer, job->first_loss));
  return st;
}

struct _DlnWideNetPage
{
  DlnDemoPage        parent_instance;

  /* template children */
  DlnFigureView     *view;
  GtkLabel          *summary_label;
  DlnParamRow       *hidden_row;
  DlnParamRow       *lr_row;
  DlnParamRow       *momentum_row;
  DlnParamRow       *epochs_row;
  DlnParamRow       *seed_row;
  GtkButton         *train_button;
  GtkLabel          *status_label;

  /* owned */
  Trainer           *trainer;   /* main thread's; replaced by snapshots */
  DlnRun            *run;
  DlnRegressionData *data;
};

G_DEFINE_FINAL_TYPE (DlnWideNetPage, dln_wide_net_page, DLN_TYPE_DEMO_PAGE)

static void
dln_wide_net_page_dispose (GObject *object)
{
  DlnWideNetPage *self = DLN_WIDE_NET_PAGE (object);

  /* Closing mid-run: the job sees its cancellable and ends; it holds the
   * application until then (DlnRun). */
  if (self->run != NULL)
    g_signal_handlers_disconnect_by_data (self->run, self);
  dln_run_clear (&self->run);

  G_OBJECT_CLASS (dln_wide_net_page_parent_class)->dispose (object);
}

static void
dln_wide_net_page_finalize (GObject *object)
{
  DlnWideNetPage *self = DLN_WIDE_NET_PAGE (object);

  g_clear_pointer (&self->trainer, trainer_free);
  g_clear_pointer (&self->data, dln_regression_data_free);

  G_OBJECT_CLASS (dln_wide_net_page_parent_class)->finalize (object);
}

static void
show_trainer (DlnWideNetPage *self)
{
  Trainer *t = self->trainer;
  DlnRegressionData *d = self->data;
  char summary[512];
  g_autoptr (GString) s = g_string_new (NULL);

  /* the figure's data is updated in place (the view draws and reads it
   * on this thread): room for every loss is set aside once, not the
   * growing history allocated anew at each snapshot */
  if (d == NULL)
    d = self->data = dln_regression_data_new (DLN_WIDE_NET_SAMPLES,
                                              MAX_LOSSES);
  memcpy (d->x, t->x, sizeof t->x);
  memcpy (d->y, t->y, sizeof t->y);
  dln_mlp_predict (&t->net, t->x, DLN_WIDE_NET_SAMPLES, d->pred);
  memcpy (d->loss, t->loss, t->n_loss * sizeof (double));
  d->n_epochs = t->n_loss;
  dln_figure_view_set_figure (self->view,
                              (DlnFigureRenderFunc) dln_figure_regression_render,
                              dln_figure_regression_csv, d);
  dln_figure_view_queue_render (self->view);

  dln_mlp_summary (&t->net, summary, sizeof summary);
  /* the layers read as PyTorch prints them; the count is in words */
  {
    char *count = strrchr (summary, '\n');
    g_autofree char *shown = NULL;

    if (count != NULL)
      *count = '\0';
    shown = g_strdup_printf (_("%s\n%zu parameters"), summary,
                             dln_mlp_n_params (&t->net));
    gtk_label_set_text (self->summary_label, shown);
  }
  g_string_printf (s, _("epoch %ld"), t->net.epoch);
  if (t->n_loss > 0)
    g_string_append_printf (s, _(": loss of the last step %.6g"), t->loss[t->n_loss - 1]);
  if (dln_run_is_running (self->run))
    g_string_append (s, _("\ntraining…"));
  if (t->status != DLN_STATUS_OK)
    g_string_append_printf (s, "\n%s", t->message);
  gtk_label_set_text (self->status_label, s->str);
}

/* a new trainer from the settings: also what a new width or seed does */
static void
dln_wide_net_page_reset (DlnDemoPage *page)
{
  DlnWideNetPage *self = DLN_WIDE_NET_PAGE (page);
  DlnWideNetParams params;

  dln_demo_page_set_playing (page, FALSE);
  dln_wide_net_params_init (&params);
  params.hidden = (size_t) dln_param_row_get_value (self->hidden_row);
  params.lr = dln_param_row_get_value (self->lr_row);
  params.momentum = dln_param_row_get_value (self->momentum_row);
  params.seed = (uint64_t) dln_param_row_get_value (self->seed_row);
  g_clear_pointer (&self->trainer, trainer_free);
  self->trainer = trainer_new (&params);
  show_trainer (self);
}

static void
optim_changed_cb (DlnWideNetPage *self)
{
  /* Hyperparameters may change between steps (dln-optim.h); a running
   * job picks them up at the next Train. */
  self->trainer->net.optim.params.lr = dln_param_row_get_value (self->lr_row);
  self->trainer->net.optim.params.momentum = dln_param_row_get_value (self->momentum_row);
}

static void
snapshot_cb (DlnRun         *run,
             gpointer        snapshot,
             DlnWideNetPage *self)
{
  trainer_adopt (self->trainer, snapshot);
  optim_changed_cb (self);
  show_trainer (self);
}

static void
finished_cb (DlnRun         *run,
             GError         *error,
             DlnWideNetPage *self)
{
  dln_demo_page_set_playing (DLN_DEMO_PAGE (self), FALSE);
  show_trainer (self);
}

static void
dln_wide_net_page_step (DlnDemoPage *page)
{
  DlnWideNetPage *self = DLN_WIDE_NET_PAGE (page);
  DlnMessage msg = { { 0 }, 0 };

  trainer_step (self->trainer, &msg);
  show_trainer (self);
}

static void
dln_wide_net_page_set_playing (DlnDemoPage *page,
                               gboolean     playing)
{
  DlnWideNetPage *self = DLN_WIDE_NET_PAGE (page);

  if (playing)
    {
      TrainJob *job = g_new0 (TrainJob, 1);

      job->trainer = trainer_copy (self->trainer);
      job->first_loss = self->trainer->n_loss;
      job->epochs = (size_t) dln_param_row_get_value (self->epochs_row);
      dln_run_start (self->run, train_job, job, train_job_free);
    }
  else
    dln_run_cancel (self->run);
  gtk_button_set_label (self->train_button, playing ? _("_Pause") : _("_Train"));
  DLN_DEMO_PAGE_CLASS (dln_wide_net_page_parent_class)->set_playing (page, playing);
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
  DlnWideNetPage *self = user_data;
  size_t e;

  if (panel < 0 || !isfinite (x) || !isfinite (y))
    return NULL;
  if (g_str_equal (geom->panels[panel].name, "fit"))
    {
      double yhat;

      dln_mlp_predict (&self->trainer->net, &x, 1, &yhat);
      return g_strdup_printf (_("x = %.4g   y = %.4g\nnetwork ŷ(x) = %.5g, sin(πx) = %.5g"),
                              x, y, yhat, sin (G_PI * x));
    }
  if (self->trainer->n_loss == 0)
    return NULL;
  e = (size_t) CLAMP (round (x), 1, (double) self->trainer->n_loss);
  return g_strdup_printf (_("epoch %zu: MSE = %.6g"), e, self->trainer->loss[e - 1]);
}

/* "Export as Python script": the catalogue's "wide-net-regression"
 * options; the epochs trained so far, or those Train would run. */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnWideNetPage *self = user_data;
  const Trainer *t = self->trainer;
  const char *names[] = { "epochs", "lr", "momentum", "hidden", "seed" };
  double values[] = {
    t->n_loss > 0 ? (double) t->n_loss
                  : dln_param_row_get_value (self->epochs_row),
    t->net.optim.params.lr, t->net.optim.params.momentum,
    dln_param_row_get_value (self->hidden_row),
    dln_param_row_get_value (self->seed_row) };

  return dln_demo_page_python_doubles (args, names, values,
                                       G_N_ELEMENTS (names), error);
}

static void
dln_wide_net_page_class_init (DlnWideNetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);

  object_class->dispose = dln_wide_net_page_dispose;
  object_class->finalize = dln_wide_net_page_finalize;
  page_class->step = dln_wide_net_page_step;
  page_class->reset = dln_wide_net_page_reset;
  page_class->set_playing = dln_wide_net_page_set_playing;

  dln_demo_page_class_set_template (page_class, "dln-wide-net-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlnWideNetPage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnWideNetPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DlnWideNetPage, hidden_row);
  gtk_widget_class_bind_template_child (widget_class, DlnWideNetPage, lr_row);
  gtk_widget_class_bind_template_child (widget_class, DlnWideNetPage, momentum_row);
  gtk_widget_class_bind_template_child (widget_class, DlnWideNetPage, epochs_row);
  gtk_widget_class_bind_template_child (widget_class, DlnWideNetPage, seed_row);
  gtk_widget_class_bind_template_child (widget_class, DlnWideNetPage, train_button);
  gtk_widget_class_bind_template_child (widget_class, DlnWideNetPage, status_label);
}

static void
dln_wide_net_page_init (DlnWideNetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the course's run (dln-mlp.h), as the catalogue's options */
  dln_param_row_set_value (self->hidden_row, DLN_WIDE_NET_HIDDEN);
  dln_param_row_set_value (self->lr_row, DLN_WIDE_NET_LR);
  dln_param_row_set_value (self->momentum_row, DLN_WIDE_NET_MOMENTUM);
  dln_param_row_set_value (self->epochs_row, DLN_WIDE_NET_EPOCHS);
  dln_param_row_set_value (self->seed_row, DLN_WIDE_NET_SEED);

  self->run = dln_run_new (snapshot_free);
  g_signal_connect (self->run, "snapshot", G_CALLBACK (snapshot_cb), self);
  g_signal_connect (self->run, "finished", G_CALLBACK (finished_cb), self);
  dln_figure_view_set_readout_func (self->view, readout_cb, self, NULL);
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->view);
  dln_figure_view_set_python (self->view, "wide-net-regression",
                              python_args_cb, self);

  dln_demo_page_connect_controls (DLN_DEMO_PAGE (self),
                                  G_CALLBACK (dln_wide_net_page_reset),
                                  self->hidden_row, self->seed_row, NULL);
  dln_demo_page_connect_controls (DLN_DEMO_PAGE (self),
                                  G_CALLBACK (optim_changed_cb), self->lr_row,
                                  self->momentum_row, NULL);
  dln_wide_net_page_reset (DLN_DEMO_PAGE (self));
}
