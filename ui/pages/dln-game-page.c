#define G_LOG_DOMAIN "dln-game-page"

#include "config.h"

#include "dln-game-page.h"

#include "dln-chain-common.h"
#include "dln-figure-register.h"
#include "dln-figure-view.h"
#include "dln-param-row.h"

#include <math.h>

/* docs/demos.md#d10: depths 10 … 60, exactly depth weights at 0.9, 600
 * epochs; "eta" 0.005 … 0.105 in steps of 0.005 (default 0.005, shown to
 * 3 decimals); η outside [0.001, 0.105] is rejected. */
#define LR_MIN       0.001
#define LR_SLIDER    0.005
#define LR_MAX       0.105
#define LR_STEP      0.005
#define INIT_WEIGHT  0.9

static const int depths[DLN_GAME_N_DEPTHS] = { 10, 20, 30, 40, 50, 60 };

struct _DlnGamePage
{
  DlnDemoPage     parent_instance;

  /* template children */
  DlnFigureView  *view;
  DlnParamRow    *lr_row;
  GtkSpinButton  *seed_spin;
  GtkButton      *register_button;
  GtkLabel       *stage_label;
  GtkLabel       *status_label;

  /* owned */
  DlnChainPlot   *plot;
  DlnRegisterData data;
  char            title[192];
  double          reg_depth[DLN_GAME_N_DEPTHS];
  double          reg_lr[DLN_GAME_N_DEPTHS];
  double          reg_time[DLN_GAME_N_DEPTHS];

  double          lr;
  guint64         seed;
  int             stage;        /* 0 … 6 */
  long            time;         /* learning time of the current run, or −1 */
};

G_DEFINE_FINAL_TYPE (DlnGamePage, dln_game_page, DLN_TYPE_DEMO_PAGE)

enum
{
  PROP_0,
  PROP_LR,
  PROP_SEED,
  PROP_STAGE,
  PROP_REGISTERED,
  PROP_WEIGHTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
current_depth (DlnGamePage *self)
{
  return depths[MIN (self->stage, DLN_GAME_N_DEPTHS - 1)];
}

/* The button's three states (docs/demos.md#d10): converged → enabled,
 * green, "Register!"; not converged → disabled, red, "Explore!"; all six
 * registered → "Done!". */
static void
update_button (DlnGamePage *self)
{
  GtkWidget *b = GTK_WIDGET (self->register_button);
  gboolean done = self->stage >= DLN_GAME_N_DEPTHS;
  gboolean converged = !done && self->time >= 0;

  gtk_button_set_label (self->register_button,
                        done ? "Done!" : converged ? "Register!"
                                                   : "Explore!");
  gtk_widget_remove_css_class (b, "success");
  gtk_widget_remove_css_class (b, "danger");
  gtk_widget_add_css_class (b, done || converged ? "success" : "danger");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "game.register",
                                 converged);
}

static void
retrain (DlnGamePage *self)
{
  g_autofree char *status = NULL;
  g_autofree char *stage = NULL;

  dln_chain_plot_run (self->plot, self->seed,
                      (size_t) current_depth (self), DLN_CHAIN_COUNT_DEPTH,
                      self->lr, INIT_WEIGHT, DLN_CHAIN_DEFAULT_EPOCHS);
  self->time = dln_chain_learning_time (self->plot->loss,
                                        DLN_CHAIN_DEFAULT_EPOCHS,
                                        DLN_CHAIN_CONVERGED_LOSS);
  g_strlcpy (self->title, self->plot->title, sizeof self->title);
  if (self->time >= 0)
    status = g_strdup_printf ("Converged: loss below 0.01 from epoch %ld "
                              "on. Faster is better — try a larger η, "
                              "then register the best.", self->time);
  else if (self->plot->status == DLN_STATUS_DIVERGED)
    status = g_strdup_printf ("Diverged at epoch %zu: η is too large for "
                              "depth %d.", self->plot->n_done,
                              current_depth (self));
  else
    status = g_strdup ("Not converged: the loss does not stay below 0.01 "
                       "within 600 epochs.");
  gtk_label_set_text (self->status_label, status);
  if (self->stage < DLN_GAME_N_DEPTHS)
    stage = g_strdup_printf ("Depth %d (%d of %d): %d weights",
                             current_depth (self), self->stage + 1,
                             DLN_GAME_N_DEPTHS, current_depth (self));
  else
    stage = g_strdup ("All six depths registered. Deeper nets need a "
                      "smaller η and take longer to learn.");
  gtk_label_set_text (self->stage_label, stage);
  self->data.n_points = MIN (self->stage, DLN_GAME_N_DEPTHS);
  update_button (self);
  dln_figure_view_queue_render (self->view);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHTS]);
}

static double
snap_lr (double v)
{
  /* the slider's grid 0.005, 0.010, …; below it (typed, ≥ 0.001) as is */
  if (v >= LR_SLIDER - 1e-12)
    return MIN (dln_snap (v, LR_SLIDER, LR_STEP), LR_MAX);
  return MAX (v, LR_MIN);
}

static void
set_lr (DlnGamePage *self,
        double       lr)
{
  lr = snap_lr (lr);
  if (dln_param_row_get_value (self->lr_row) != lr)
    dln_param_row_set_value (self->lr_row, lr);
  if (lr != self->lr)
    {
      self->lr = lr;
      retrain (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LR]);
    }
}

static void
set_seed (DlnGamePage *self,
          guint64      seed)
{
  if (gtk_spin_button_get_value (self->seed_spin) != (double) seed)
    gtk_spin_button_set_value (self->seed_spin, (double) seed);
  if (seed != self->seed)
    {
      self->seed = seed;
      retrain (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEED]);
    }
}

static GVariant *
registered_variant (DlnGamePage *self)
{
  GVariantBuilder b;

  g_variant_builder_init (&b, G_VARIANT_TYPE ("a(ddd)"));
  for (int i = 0; i < MIN (self->stage, DLN_GAME_N_DEPTHS); i++)
    g_variant_builder_add (&b, "(ddd)", self->reg_depth[i], self->reg_lr[i],
                           self->reg_time[i]);
  return g_variant_builder_end (&b);
}

/* Restores a game: @registered must hold the depths in the course's
 * order (a session from another order is taken as far as it agrees). */
static void
set_registered (DlnGamePage *self,
                GVariant    *registered)
{
  GVariantIter iter;
  double d, lr, t;
  int n = 0;

  if (registered != NULL)
    {
      g_variant_iter_init (&iter, registered);
      while (n < DLN_GAME_N_DEPTHS
             && g_variant_iter_next (&iter, "(ddd)", &d, &lr, &t))
        {
          if ((int) d != depths[n])
            break;
          self->reg_depth[n] = d;
          self->reg_lr[n] = lr;
          self->reg_time[n] = t;
          n++;
        }
    }
  self->stage = n;
  retrain (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTERED]);
}

static void
dln_game_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DLN_TYPE_GAME_PAGE);

  G_OBJECT_CLASS (dln_game_page_parent_class)->dispose (object);
}

static void
dln_game_page_finalize (GObject *object)
{
  DlnGamePage *self = DLN_GAME_PAGE (object);

  g_free (self->plot);

  G_OBJECT_CLASS (dln_game_page_parent_class)->finalize (object);
}

static void
dln_game_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DlnGamePage *self = DLN_GAME_PAGE (object);

  switch (prop_id)
    {
    case PROP_LR: g_value_set_double (value, self->lr); break;
    case PROP_SEED: g_value_set_uint64 (value, self->seed); break;
    case PROP_STAGE: g_value_set_int (value, self->stage); break;
    case PROP_REGISTERED:
      g_value_set_variant (value, registered_variant (self));
      break;
    case PROP_WEIGHTS:
      g_value_set_variant (value,
                           dln_chain_weights_variant (self->plot->weights,
                                                      self->plot->n_weights));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dln_game_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DlnGamePage *self = DLN_GAME_PAGE (object);

  switch (prop_id)
    {
    case PROP_LR: set_lr (self, g_value_get_double (value)); break;
    case PROP_SEED: set_seed (self, g_value_get_uint64 (value)); break;
    case PROP_STAGE:
      /* the stage follows from "registered"; kept as a readable record */
      break;
    case PROP_REGISTERED:
      set_registered (self, g_value_get_variant (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dln_game_page_reset (DlnDemoPage *page)
{
  DlnGamePage *self = DLN_GAME_PAGE (page);

  set_seed (self, DLN_CHAIN_DEFAULT_SEED);
  dln_game_page_restart (self);
}

static void
lr_row_changed_cb (DlnGamePage *self)
{
  double v = dln_param_row_get_value (self->lr_row);

  if (snap_lr (v) != v)
    dln_param_row_set_value (self->lr_row, snap_lr (v));
  else
    set_lr (self, v);
}

static void
seed_changed_cb (DlnGamePage *self)
{
  set_seed (self, (guint64) gtk_spin_button_get_value (self->seed_spin));
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
  DlnGamePage *self = user_data;

  if (panel == 0)
    return dln_chain_readout (geom, panel, x, self->plot->loss,
                              self->plot->epochs);
  if (panel > 0 && isfinite (x) && isfinite (y))
    return g_strdup_printf ("depth %.0f, %s %.4g", x,
                            panel == 1 ? "learning time" : "η", y);
  return NULL;
}

static void
dln_game_page_class_init (DlnGamePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                   | G_PARAM_STATIC_STRINGS;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  object_class->dispose = dln_game_page_dispose;
  object_class->finalize = dln_game_page_finalize;
  object_class->get_property = dln_game_page_get_property;
  object_class->set_property = dln_game_page_set_property;
  page_class->reset = dln_game_page_reset;

  properties[PROP_LR] =
    g_param_spec_double ("lr", NULL, NULL, LR_MIN, LR_MAX, LR_SLIDER, rw);
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT32,
                         DLN_CHAIN_DEFAULT_SEED, rw);
  properties[PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL, 0, DLN_GAME_N_DEPTHS, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGISTERED] =
    g_param_spec_variant ("registered", NULL, NULL, G_VARIANT_TYPE ("a(ddd)"),
                          NULL, rw);
  properties[PROP_WEIGHTS] =
    g_param_spec_variant ("weights", NULL, NULL, G_VARIANT_TYPE ("aaad"),
                          NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/org/dlnlab/Dlnlab/pages/dln-game-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlnGamePage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnGamePage, lr_row);
  gtk_widget_class_bind_template_child (widget_class, DlnGamePage, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, DlnGamePage,
                                        register_button);
  gtk_widget_class_bind_template_child (widget_class, DlnGamePage,
                                        stage_label);
  gtk_widget_class_bind_template_child (widget_class, DlnGamePage,
                                        status_label);

  /* the course's button colours: green "success", red "danger" */
  gtk_css_provider_load_from_resource (css,
    "/org/dlnlab/Dlnlab/pages/dln-game-page.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  dln_game_page_class_actions_init (widget_class);
}

static void
dln_game_page_init (DlnGamePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->plot = g_new (DlnChainPlot, 1);
  dln_chain_plot_init (self->plot);
  self->lr = LR_SLIDER;
  self->seed = DLN_CHAIN_DEFAULT_SEED;
  gtk_spin_button_set_value (self->seed_spin, DLN_CHAIN_DEFAULT_SEED);
  dln_param_row_set_value (self->lr_row, LR_SLIDER);
  self->data.title = self->title;
  self->data.loss = self->plot->loss;
  self->data.n_epochs = DLN_CHAIN_DEFAULT_EPOCHS;
  self->data.depth = self->reg_depth;
  self->data.lr = self->reg_lr;
  self->data.time = self->reg_time;
  dln_figure_view_set_figure (self->view,
                              (DlnFigureRenderFunc) dln_figure_register_render,
                              (DlnFigureCsvFunc) dln_figure_register_csv,
                              &self->data);
  dln_figure_view_set_readout_func (self->view, readout_cb, self, NULL);
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->view);
  g_signal_connect_swapped (self->lr_row, "notify::value",
                            G_CALLBACK (lr_row_changed_cb), self);
  g_signal_connect_swapped (self->seed_spin, "value-changed",
                            G_CALLBACK (seed_changed_cb), self);
  retrain (self);
}

/* dln_game_page_register:
 * Stores (depth, η, learning time) of the current converged run, moves
 * to the next depth and resets η to 0.005. Does nothing when the run has
 * not converged or the game is done. */
void
dln_game_page_register (DlnGamePage *self)
{
  g_return_if_fail (DLN_IS_GAME_PAGE (self));

  if (self->stage >= DLN_GAME_N_DEPTHS || self->time < 0)
    return;
  self->reg_depth[self->stage] = current_depth (self);
  self->reg_lr[self->stage] = self->lr;
  self->reg_time[self->stage] = (double) self->time;
  self->stage++;
  self->lr = -1.0;   /* force the retrain at the new depth */
  set_lr (self, LR_SLIDER);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTERED]);
}

/* dln_game_page_restart:
 * Forgets every registered point and starts again at depth 10. */
void
dln_game_page_restart (DlnGamePage *self)
{
  g_return_if_fail (DLN_IS_GAME_PAGE (self));

  self->stage = 0;
  self->lr = -1.0;
  set_lr (self, LR_SLIDER);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTERED]);
}
