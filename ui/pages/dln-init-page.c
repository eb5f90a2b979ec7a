#define G_LOG_DOMAIN "dln-init-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-init-page.h"

#include "dln-figure-view.h"

#include <math.h>

/* docs/demos.md#d11: depth 15 with exactly 15 weights, η = 0.02, 250
 * epochs, initial weights 0.70 … 1.05 in steps of 0.05 (core's
 * DLN_CHAIN_INIT_DEMO_ settings); log y 0.001 … 1; legend lower left in 4
 * columns; lines of width 3. */
#define DEPTH        DLN_CHAIN_INIT_DEMO_DEPTH
#define EPOCHS       DLN_CHAIN_INIT_DEMO_EPOCHS
#define ALL_SHOWN    ((1u << DLN_INIT_PAGE_N_CURVES) - 1)

struct _DlnInitPage
{
  DlnChainPage    parent_instance;

  /* template children */
  GtkBox         *toggle_box;

  /* owned */
  DlnCurve        curves[DLN_INIT_PAGE_N_CURVES];
  char            labels[DLN_INIT_PAGE_N_CURVES][48];
  char            title[96];
  DlnCurvesData   data;
  GtkCheckButton *toggles[DLN_INIT_PAGE_N_CURVES];

  guint           shown;
};

G_DEFINE_FINAL_TYPE (DlnInitPage, dln_init_page, DLN_TYPE_CHAIN_PAGE)

enum
{
  PROP_SHOWN = DLN_CHAIN_PAGE_N_PROPS,
  N_PROPS
};

static double
init_value (int i)
{
  return dln_chain_init_demo_weight ((size_t) i);
}

/* Run i starts every weight at the i-th initial value. */
static void
dln_init_page_configure_run (DlnChainPage   *page,
                             guint           run,
                             DlnChainCourse *course)
{
  DLN_CHAIN_PAGE_CLASS (dln_init_page_parent_class)->configure_run (page, run,
                                                                   course);
  course->init_weight = init_value ((int) run);
}

static void
dln_init_page_update_figure (DlnChainPage *page)
{
  DlnInitPage *self = DLN_INIT_PAGE (page);
  GString *status = g_string_new (_("wᵢ     product  learning\n"));

  for (int i = 0; i < DLN_INIT_PAGE_N_CURVES; i++)
    {
      const DlnChainPlot *run = dln_chain_page_get_run (page, i);
      long t;

      self->curves[i].y = run->loss;
      self->curves[i].n = EPOCHS;
      /* the course leaves out a start that overflows; the app keeps its
       * toggle and says so */
      if (run->status == DLN_STATUS_DIVERGED)
        g_string_append_printf (status, _("wᵢ = %.2f diverged at epoch %zu\n"),
                                init_value (i), run->n_done);
      t = dln_chain_learning_time (run->loss, EPOCHS,
                                   DLN_CHAIN_CONVERGED_LOSS);
      if (t >= 0)
        g_string_append_printf (status, _("%.2f  ∏ %-6.3g  < 0.01 from "
                                "epoch %ld\n"), init_value (i),
                                pow (init_value (i), DEPTH), t);
      else
        g_string_append_printf (status, _("%.2f  ∏ %-6.3g  not < 0.01 in "
                                "%d epochs\n"), init_value (i),
                                pow (init_value (i), DEPTH), EPOCHS);
    }
  g_string_truncate (status, status->len - 1);
  gtk_label_set_text (dln_demo_page_get_status_label (DLN_DEMO_PAGE (page)),
                      status->str);
  g_string_free (status, TRUE);
}

static void
toggled_cb (DlnInitPage *self)
{
  guint shown = 0;

  for (int i = 0; i < DLN_INIT_PAGE_N_CURVES; i++)
    if (gtk_check_button_get_active (self->toggles[i]))
      shown |= 1u << i;
  g_object_set (self, "shown", shown, NULL);
}

/* "shown" changed: the toggles (quietly) and the curves follow it */
static void
shown_changed_cb (DlnDemoPage *page)
{
  DlnInitPage *self = DLN_INIT_PAGE (page);

  for (int i = 0; i < DLN_INIT_PAGE_N_CURVES; i++)
    {
      gboolean shown = (self->shown & (1u << i)) != 0;

      g_signal_handlers_block_by_func (self->toggles[i], toggled_cb, self);
      gtk_check_button_set_active (self->toggles[i], shown);
      g_signal_handlers_unblock_by_func (self->toggles[i], toggled_cb, self);
      self->curves[i].hidden = !shown;
    }
  dln_demo_page_queue_render (page);
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
  DlnInitPage *self = user_data;
  GString *text;
  long e;

  if (panel < 0 || !isfinite (x))
    return NULL;
  e = lround (x);
  if (e < 0 || e >= EPOCHS)
    return NULL;
  text = g_string_new (NULL);
  g_string_append_printf (text, _("epoch %ld:"), e);
  for (int i = 0; i < DLN_INIT_PAGE_N_CURVES; i++)
    if (!self->curves[i].hidden)
      g_string_append_printf (text, " %.2f→%.3g%s", init_value (i),
                              self->curves[i].y[e], i == 3 ? "\n" : "");
  return g_string_free (text, FALSE);
}

/* The eight curves in one figure; "Export as Python script" runs all
 * eight (hidden ones included) from run 0's shared settings. */
static void
dln_init_page_setup_figure (DlnChainPage  *page,
                            DlnFigureView *view)
{
  DlnInitPage *self = DLN_INIT_PAGE (page);

  dln_figure_view_set_figure (view,
                              (DlnFigureRenderFunc) dln_figure_curves_render,
                              (DlnFigureCsvFunc) dln_figure_curves_csv,
                              &self->data);
  dln_figure_view_set_readout_func (view, readout_cb, self, NULL);
}

/* init.toggle-curve (i): show or hide curve i (Alt+1 … Alt+8); new
 * data comes from chain.new-data (DlnChainPage). */
static void
toggle_curve_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DlnInitPage *self = DLN_INIT_PAGE (widget);
  int i = g_variant_get_int32 (parameter);

  if (i >= 0 && i < DLN_INIT_PAGE_N_CURVES)
    g_object_set (self, "shown", self->shown ^ (1u << i), NULL);
}

static void
dln_init_page_class_init (DlnInitPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnChainPageClass *chain_class = DLN_CHAIN_PAGE_CLASS (klass);

  chain_class->configure_run = dln_init_page_configure_run;
  chain_class->setup_figure = dln_init_page_setup_figure;
  chain_class->update_figure = dln_init_page_update_figure;

  dln_chain_page_class_set_template (chain_class, "dln-init-page.ui",
    DLN_CHAIN_COUNT_DEPTH, EPOCHS, DLN_INIT_PAGE_N_CURVES, "init-loss");
  dln_chain_page_class_fix_input (chain_class, DLN_CHAIN_INPUT_DEPTH, DEPTH);
  dln_chain_page_class_fix_input (chain_class, DLN_CHAIN_INPUT_LR,
                                  DLN_CHAIN_INIT_DEMO_LR);
  /* which curves show, a bit each */
  dln_demo_page_class_add_setting (DLN_DEMO_PAGE_CLASS (klass), PROP_SHOWN,
    g_param_spec_uint ("shown", NULL, NULL, 0, ALL_SHOWN, ALL_SHOWN,
                       DLN_PARAM_RW),
    G_STRUCT_OFFSET (DlnInitPage, shown),
    DLN_DEMO_PAGE_NO_CONTROL, shown_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, DlnInitPage,
                                        toggle_box);

  gtk_widget_class_install_action (widget_class, "init.toggle-curve", "i",
                                   toggle_curve_action);
}

static void
dln_init_page_init (DlnInitPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (int i = 0; i < DLN_INIT_PAGE_N_CURVES; i++)
    {
      g_autofree char *mnemonic = NULL;

      g_snprintf (self->labels[i], sizeof self->labels[i],
                  _("initial weights %.2f"), init_value (i));
      self->curves[i].label = self->labels[i];
      self->curves[i].color = -1;      /* Okabe-Ito by position */
      self->curves[i].line_width = 3.0;
      mnemonic = g_strdup_printf ("wᵢ = %.2f", init_value (i));
      self->toggles[i] = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (mnemonic));
      gtk_check_button_set_active (self->toggles[i], TRUE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->toggles[i]),
                                   _("Show or hide this curve"));
      gtk_box_append (self->toggle_box, GTK_WIDGET (self->toggles[i]));
      g_signal_connect_swapped (self->toggles[i], "toggled",
                                G_CALLBACK (toggled_cb), self);
    }
  g_snprintf (self->title, sizeof self->title,
              _("Training a %ld-layer narrow LNN with η=%g (%ld weights)"),
              (long) DEPTH, DLN_CHAIN_INIT_DEMO_LR, (long) DEPTH);
  self->data.title = self->title;
  self->data.xlabel = N_("epochs");
  self->data.ylabel = N_("Log mean squared error");
  self->data.curves = self->curves;
  self->data.n_curves = DLN_INIT_PAGE_N_CURVES;
  self->data.log_y = true;
  self->data.y_min = 1e-3;
  self->data.y_max = 1.0;
  self->data.legend = DLN_LEGEND_LOWER_LEFT;
  /* the course asks for 4 columns; at the page's width 4 columns of
   * "initial weights 0.70" overflow the plot, so 2 */
  self->data.legend_columns = 2;
}
