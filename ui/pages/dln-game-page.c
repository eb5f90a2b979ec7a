#define G_LOG_DOMAIN "dln-game-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-game-page.h"

#include "dln-chain-common.h"
#include "dln-figure-python.h"
#include "dln-figure-register.h"
#include "dln-figure-view.h"
#include "dln-ui-error.h"

#include <math.h>

/* docs/demos.md#d10: depths 10 … 60 (dln_chain_game_depth ()), exactly
 * depth weights at 0.9, 600 epochs; "eta" 0.005 … 0.105 in steps of 0.005
 * (default 0.005, shown to 3 decimals); η outside [0.001, 0.105] is
 * rejected. The numbers are core's DLN_CHAIN_GAME_ ones. */

struct _DlnGamePage
{
  DlnChainPage    parent_instance;

  /* template children */
  GtkButton      *register_button;
  GtkLabel       *stage_label;

  /* owned */
  DlnRegisterData data;
  char            title[192];
  double          reg_depth[DLN_GAME_N_DEPTHS];
  double          reg_lr[DLN_GAME_N_DEPTHS];
  double          reg_time[DLN_GAME_N_DEPTHS];

  int             stage;        /* 0 … 6 */
  long            time;         /* learning time of the current run, or −1 */
};

G_DEFINE_FINAL_TYPE (DlnGamePage, dln_game_page, DLN_TYPE_CHAIN_PAGE)

enum
{
  PROP_STAGE = DLN_CHAIN_PAGE_N_PROPS,
  PROP_REGISTERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
current_depth (DlnGamePage *self)
{
  return (int) dln_chain_game_depth (MIN (self->stage, DLN_GAME_N_DEPTHS - 1));
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
                        done ? _("Done!") : converged ? _("Register!")
                                                   : _("Explore!"));
  gtk_widget_remove_css_class (b, "success");
  gtk_widget_remove_css_class (b, "danger");
  gtk_widget_add_css_class (b, done || converged ? "success" : "danger");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "game.register",
                                 converged);
}

/* The run is at the stage's depth. */
static void
dln_game_page_configure_run (DlnChainPage   *page,
                             guint           run,
                             DlnChainCourse *course)
{
  DLN_CHAIN_PAGE_CLASS (dln_game_page_parent_class)->configure_run (page, run,
                                                                   course);
  course->depth = (size_t) current_depth (DLN_GAME_PAGE (page));
}

static void
dln_game_page_update_figure (DlnChainPage *page)
{
  DlnGamePage *self = DLN_GAME_PAGE (page);
  const DlnChainPlot *plot = dln_chain_page_get_run (page, 0);
  g_autofree char *status = NULL;
  g_autofree char *stage = NULL;

  self->time = dln_chain_learning_time (plot->loss, DLN_CHAIN_DEFAULT_EPOCHS,
                                        DLN_CHAIN_CONVERGED_LOSS);
  g_strlcpy (self->title, plot->title, sizeof self->title);
  self->data.loss = plot->loss;
  if (self->time >= 0)
    status = g_strdup_printf (_("Converged: loss below 0.01 from epoch %ld "
                              "on. Faster is better — try a larger η, "
                              "then register the best."), self->time);
  else if (plot->status == DLN_STATUS_DIVERGED)
    status = g_strdup_printf (_("Diverged at epoch %zu: η is too large for "
                              "depth %d."), plot->n_done,
                              current_depth (self));
  else
    status = g_strdup (_("Not converged: the loss does not stay below 0.01 "
                       "within 600 epochs."));
  gtk_label_set_text (dln_demo_page_get_status_label (DLN_DEMO_PAGE (page)),
                      status);
  if (self->stage < DLN_GAME_N_DEPTHS)
    stage = g_strdup_printf (_("Depth %d (%d of %d): %d weights"),
                             current_depth (self), self->stage + 1,
                             DLN_GAME_N_DEPTHS, current_depth (self));
  else
    stage = g_strdup (_("All six depths registered. Deeper nets need a "
                      "smaller η and take longer to learn."));
  gtk_label_set_text (self->stage_label, stage);
  self->data.n_points = MIN (self->stage, DLN_GAME_N_DEPTHS);
  update_button (self);
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

/* Moves to @stage: the lr row back to the course's 0.005 and a retrain
 * at the stage's depth. */
static void
set_stage (DlnGamePage *self,
           int          stage)
{
  DlnChainPage *page = DLN_CHAIN_PAGE (self);

  self->stage = stage;
  g_object_freeze_notify (G_OBJECT (self));
  if (dln_chain_page_get_input (page, DLN_CHAIN_INPUT_LR) != DLN_CHAIN_GAME_LR)
    dln_chain_page_set_input (page, DLN_CHAIN_INPUT_LR, DLN_CHAIN_GAME_LR);
  else
    dln_chain_page_retrain (page);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTERED]);
  g_object_thaw_notify (G_OBJECT (self));
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
          if ((int) d != (int) dln_chain_game_depth ((size_t) n))
            break;
          self->reg_depth[n] = d;
          self->reg_lr[n] = lr;
          self->reg_time[n] = t;
          n++;
        }
    }
  self->stage = n;
  dln_chain_page_retrain (DLN_CHAIN_PAGE (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTERED]);
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
  DlnChainPage *page = user_data;
  const DlnChainPlot *plot = dln_chain_page_get_run (page, 0);

  if (panel == 0)
    return dln_chain_readout (geom, panel, x, plot->loss, plot->epochs);
  if (panel > 0 && isfinite (x) && isfinite (y))
    return g_strdup_printf (_("depth %.0f, %s %.4g"), x,
                            panel == 1 ? _("learning time") : "η", y);
  return NULL;
}

/* "Export as Python script": the catalogue's "register" options, the
 * current run and the registered points as DEPTH:LR pairs. */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnGamePage *self = user_data;
  DlnChainPage *page = DLN_CHAIN_PAGE (self);
  g_autoptr (GString) reg = g_string_new (NULL);

  if (!dln_chain_plot_python_args (dln_chain_page_get_run (page, 0),
                                   dln_chain_page_get_seed (page), args,
                                   error))
    return FALSE;
  for (int i = 0; i < MIN (self->stage, DLN_GAME_N_DEPTHS); i++)
    {
      char lr[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (reg, "%s%.0f:%s", i > 0 ? "," : "",
                              self->reg_depth[i],
                              dln_figure_python_format_double (
                                lr, self->reg_lr[i]));
    }
  return dln_demo_page_python_printf (args, error, "registered", "%s",
                                      reg->len > 0 ? reg->str : "none");
}

static void
dln_game_page_setup_figure (DlnChainPage  *page,
                            DlnFigureView *view)
{
  DlnGamePage *self = DLN_GAME_PAGE (page);

  self->data.loss = dln_chain_page_get_run (page, 0)->loss;
  dln_figure_view_set_figure (view,
                              (DlnFigureRenderFunc) dln_figure_register_render,
                              (DlnFigureCsvFunc) dln_figure_register_csv,
                              &self->data);
  dln_figure_view_set_readout_func (view, readout_cb, self, NULL);
  dln_figure_view_set_python (view, "register", python_args_cb, self);
}

static void
dln_game_page_class_init (DlnGamePageClass *klass)
{
  static const DlnPropertyDecl decls[N_PROPS] = {
    [PROP_STAGE] = { G_STRUCT_OFFSET (DlnGamePage, stage) },
    [PROP_REGISTERED] = { DLN_PROPERTY_NO_FIELD,
                          G_CALLBACK (registered_variant),
                          G_CALLBACK (set_registered) },
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnChainPageClass *chain_class = DLN_CHAIN_PAGE_CLASS (klass);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  chain_class->configure_run = dln_game_page_configure_run;
  chain_class->setup_figure = dln_game_page_setup_figure;
  chain_class->update_figure = dln_game_page_update_figure;

  dln_chain_page_class_set_template (chain_class, "dln-game-page.ui",
    DLN_CHAIN_COUNT_DEPTH, DLN_CHAIN_DEFAULT_EPOCHS, 1, NULL);
  dln_chain_page_class_add_input (chain_class, DLN_CHAIN_INPUT_LR,
    g_param_spec_double ("lr", NULL, NULL, DLN_CHAIN_GAME_LR_MIN,
                         DLN_CHAIN_GAME_LR_MAX, DLN_CHAIN_GAME_LR,
                         DLN_PARAM_RW),
    "lr_row", DLN_CHAIN_GAME_LR, DLN_CHAIN_GAME_LR_STEP);
  dln_chain_page_class_fix_input (chain_class, DLN_CHAIN_INPUT_DEPTH,
                                  DLN_CHAIN_GAME_DEPTH);
  dln_chain_page_class_fix_input (chain_class, DLN_CHAIN_INPUT_INIT_WEIGHT,
                                  DLN_CHAIN_DEFAULT_INIT);

  /* "stage" follows from "registered"; kept as a readable record */
  properties[PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL, 0, DLN_GAME_N_DEPTHS, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGISTERED] =
    g_param_spec_variant ("registered", NULL, NULL, G_VARIANT_TYPE ("a(ddd)"),
                          NULL, DLN_PARAM_RW);
  dln_object_class_install_properties (object_class, N_PROPS, properties,
                                       decls);

  gtk_widget_class_bind_template_child (widget_class, DlnGamePage,
                                        register_button);
  gtk_widget_class_bind_template_child (widget_class, DlnGamePage,
                                        stage_label);

  /* the course's button colours: green "success", red "danger" */
  gtk_css_provider_load_from_resource (css,
    "/org/dlnlab/Dlnlab/pages/dln-game-page.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  /* game.register (Ctrl+Return; enabled only while the run converges)
   * and game.restart; η steps with chain.step (DlnChainPage) */
  dln_demo_page_class_install_method_action (DLN_DEMO_PAGE_CLASS (klass),
    "game.register", G_CALLBACK (dln_game_page_register));
  dln_demo_page_class_install_method_action (DLN_DEMO_PAGE_CLASS (klass),
    "game.restart", G_CALLBACK (dln_game_page_restart));
}

static void
dln_game_page_init (DlnGamePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->data.title = self->title;
  self->data.n_epochs = DLN_CHAIN_DEFAULT_EPOCHS;
  self->data.depth = self->reg_depth;
  self->data.lr = self->reg_lr;
  self->data.time = self->reg_time;
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
  self->reg_lr[self->stage] =
    dln_chain_page_get_input (DLN_CHAIN_PAGE (self), DLN_CHAIN_INPUT_LR);
  self->reg_time[self->stage] = (double) self->time;
  set_stage (self, self->stage + 1);
}

/* dln_game_page_restart:
 * Forgets every registered point and starts again at depth 10. */
void
dln_game_page_restart (DlnGamePage *self)
{
  g_return_if_fail (DLN_IS_GAME_PAGE (self));

  set_stage (self, 0);
}
