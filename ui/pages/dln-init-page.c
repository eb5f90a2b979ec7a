#define G_LOG_DOMAIN "dln-init-page"

#include "config.h"

#include "dln-init-page.h"

#include "dln-chain-common.h"
#include "dln-figure-view.h"
#include "dln-param-row.h"

#include <math.h>

/* docs/demos.md#d11: depth 15 with exactly 15 weights, η = 0.02, 250
 * epochs, initial weights 0.70 … 1.05 in steps of 0.05; log y 0.001 … 1;
 * legend lower left in 4 columns; lines of width 3. */
#define DEPTH        15
#define LR           0.02
#define EPOCHS       250
#define INIT_FIRST   0.70
#define INIT_STEP    0.05
#define ALL_SHOWN    ((1u << DLN_INIT_PAGE_N_CURVES) - 1)

struct _DlnInitPage
{
  DlnDemoPage    parent_instance;

  /* template children */
  DlnFigureView *view;
  GtkSpinButton *seed_spin;
  GtkBox        *toggle_box;
  GtkLabel      *status_label;

  /* owned */
  DlnChainPlot  *runs;      /* [DLN_INIT_PAGE_N_CURVES] */
  DlnCurve       curves[DLN_INIT_PAGE_N_CURVES];
  char           labels[DLN_INIT_PAGE_N_CURVES][48];
  DlnCurvesData  data;
  GtkCheckButton *toggles[DLN_INIT_PAGE_N_CURVES];

  guint64        seed;
  guint          shown;
};

G_DEFINE_FINAL_TYPE (DlnInitPage, dln_init_page, DLN_TYPE_DEMO_PAGE)

enum
{
  PROP_0,
  PROP_SEED,
  PROP_SHOWN,
  PROP_WEIGHTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
init_value (int i)
{
  return dln_snap (INIT_FIRST + INIT_STEP * i, 0, 0.01);
}

static void
retrain (DlnInitPage *self)
{
  GString *status = g_string_new ("wᵢ     product  learning\n");

  for (int i = 0; i < DLN_INIT_PAGE_N_CURVES; i++)
    {
      DlnChainPlot *run = &self->runs[i];
      long t;

      dln_chain_plot_run (run, self->seed,
                          DEPTH, DLN_CHAIN_COUNT_DEPTH, LR, init_value (i),
                          EPOCHS);
      self->curves[i].y = run->loss;
      self->curves[i].n = EPOCHS;
      /* the course leaves out a start that overflows; the app keeps its
       * toggle and says so */
      if (run->status == DLN_STATUS_DIVERGED)
        g_string_append_printf (status, "wᵢ = %.2f diverged at epoch %zu\n",
                                init_value (i), run->n_done);
      t = dln_chain_learning_time (run->loss, EPOCHS,
                                   DLN_CHAIN_CONVERGED_LOSS);
      if (t >= 0)
        g_string_append_printf (status, "%.2f  ∏ %-6.3g  < 0.01 from "
                                "epoch %ld\n", init_value (i),
                                pow (init_value (i), DEPTH), t);
      else
        g_string_append_printf (status, "%.2f  ∏ %-6.3g  not < 0.01 in "
                                "%d epochs\n", init_value (i),
                                pow (init_value (i), DEPTH), EPOCHS);
    }
  if (status->len > 0)
    g_string_truncate (status, status->len - 1);
  gtk_label_set_text (self->status_label, status->str);
  g_string_free (status, TRUE);
  dln_figure_view_queue_render (self->view);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHTS]);
}

static void
dln_init_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DLN_TYPE_INIT_PAGE);

  G_OBJECT_CLASS (dln_init_page_parent_class)->dispose (object);
}

static void
dln_init_page_finalize (GObject *object)
{
  DlnInitPage *self = DLN_INIT_PAGE (object);

  g_free (self->runs);

  G_OBJECT_CLASS (dln_init_page_parent_class)->finalize (object);
}

static GVariant *
weights_variant (DlnInitPage *self)
{
  GVariantBuilder layers;

  g_variant_builder_init (&layers, G_VARIANT_TYPE ("aaad"));
  for (int i = 0; i < DLN_INIT_PAGE_N_CURVES; i++)
    {
      GVariantBuilder rows;

      g_variant_builder_init (&rows, G_VARIANT_TYPE ("aad"));
      g_variant_builder_add_value (&rows,
        g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                   self->runs[i].weights,
                                   self->runs[i].n_weights, sizeof (double)));
      g_variant_builder_add_value (&layers, g_variant_builder_end (&rows));
    }
  return g_variant_builder_end (&layers);
}

static void
set_seed (DlnInitPage *self,
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

static void
set_shown (DlnInitPage *self,
           guint        shown)
{
  shown &= ALL_SHOWN;
  for (int i = 0; i < DLN_INIT_PAGE_N_CURVES; i++)
    if (gtk_check_button_get_active (self->toggles[i]) != !!(shown & (1u << i)))
      gtk_check_button_set_active (self->toggles[i], !!(shown & (1u << i)));
  if (shown != self->shown)
    {
      self->shown = shown;
      for (int i = 0; i < DLN_INIT_PAGE_N_CURVES; i++)
        self->curves[i].hidden = !(shown & (1u << i));
      dln_figure_view_queue_render (self->view);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN]);
    }
}

static void
dln_init_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DlnInitPage *self = DLN_INIT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;
    case PROP_SHOWN:
      g_value_set_uint (value, self->shown);
      break;
    case PROP_WEIGHTS:
      g_value_set_variant (value, weights_variant (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dln_init_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DlnInitPage *self = DLN_INIT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SEED:
      set_seed (self, g_value_get_uint64 (value));
      break;
    case PROP_SHOWN:
      set_shown (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dln_init_page_reset (DlnDemoPage *page)
{
  g_object_set (page, "seed", (guint64) DLN_CHAIN_DEFAULT_SEED,
                "shown", ALL_SHOWN, NULL);
}

static void
toggled_cb (DlnInitPage *self)
{
  guint shown = 0;

  for (int i = 0; i < DLN_INIT_PAGE_N_CURVES; i++)
    if (gtk_check_button_get_active (self->toggles[i]))
      shown |= 1u << i;
  set_shown (self, shown);
}

static void
seed_row_changed_cb (DlnInitPage *self)
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
  DlnInitPage *self = user_data;
  GString *text;
  long e;

  if (panel < 0 || !isfinite (x))
    return NULL;
  e = lround (x);
  if (e < 0 || e >= EPOCHS)
    return NULL;
  text = g_string_new (NULL);
  g_string_append_printf (text, "epoch %ld:", e);
  for (int i = 0; i < DLN_INIT_PAGE_N_CURVES; i++)
    if (!self->curves[i].hidden)
      g_string_append_printf (text, " %.2f→%.3g%s", init_value (i),
                              self->runs[i].loss[e],
                              i == 3 ? "\n" : "");
  return g_string_free (text, FALSE);
}

/* "Export as Python script": the eight runs share depth, η, epochs and
 * the samples' seed; the script runs all eight (hidden ones included). */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnInitPage *self = user_data;

  return dln_chain_plot_python_args (&self->runs[0], self->seed, args,
                                     error);
}

static void
dln_init_page_class_init (DlnInitPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                   | G_PARAM_STATIC_STRINGS;

  object_class->dispose = dln_init_page_dispose;
  object_class->finalize = dln_init_page_finalize;
  object_class->get_property = dln_init_page_get_property;
  object_class->set_property = dln_init_page_set_property;
  page_class->reset = dln_init_page_reset;

  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT32,
                         DLN_CHAIN_DEFAULT_SEED, rw);
  properties[PROP_SHOWN] =
    g_param_spec_uint ("shown", NULL, NULL, 0, ALL_SHOWN, ALL_SHOWN, rw);
  properties[PROP_WEIGHTS] =
    g_param_spec_variant ("weights", NULL, NULL, G_VARIANT_TYPE ("aaad"),
                          NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/org/dlnlab/Dlnlab/pages/dln-init-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlnInitPage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnInitPage, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, DlnInitPage,
                                        toggle_box);
  gtk_widget_class_bind_template_child (widget_class, DlnInitPage,
                                        status_label);

  dln_init_page_class_actions_init (widget_class);
}

static void
dln_init_page_init (DlnInitPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->runs = g_new (DlnChainPlot, DLN_INIT_PAGE_N_CURVES);
  self->seed = DLN_CHAIN_DEFAULT_SEED;
  gtk_spin_button_set_value (self->seed_spin, DLN_CHAIN_DEFAULT_SEED);
  self->shown = ALL_SHOWN;
  for (int i = 0; i < DLN_INIT_PAGE_N_CURVES; i++)
    {
      g_autofree char *mnemonic = NULL;

      dln_chain_plot_init (&self->runs[i]);
      g_snprintf (self->labels[i], sizeof self->labels[i],
                  "initial weights %.2f", init_value (i));
      self->curves[i].label = self->labels[i];
      self->curves[i].color = -1;      /* Okabe-Ito by position */
      self->curves[i].line_width = 3.0;
      mnemonic = g_strdup_printf ("wᵢ = %.2f", init_value (i));
      self->toggles[i] = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (mnemonic));
      gtk_check_button_set_active (self->toggles[i], TRUE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->toggles[i]),
                                   "Show or hide this curve");
      gtk_box_append (self->toggle_box, GTK_WIDGET (self->toggles[i]));
      g_signal_connect_swapped (self->toggles[i], "toggled",
                                G_CALLBACK (toggled_cb), self);
    }
  self->data.title = "Training a 15-layer narrow LNN with η=0.02";
  self->data.xlabel = "epochs";
  self->data.ylabel = "Log mean squared error";
  self->data.curves = self->curves;
  self->data.n_curves = DLN_INIT_PAGE_N_CURVES;
  self->data.log_y = true;
  self->data.y_min = 1e-3;
  self->data.y_max = 1.0;
  self->data.legend = DLN_LEGEND_LOWER_LEFT;
  /* the course asks for 4 columns; at the page's width 4 columns of
   * "initial weights 0.70" overflow the plot, so 2 */
  self->data.legend_columns = 2;

  dln_figure_view_set_figure (self->view,
                              (DlnFigureRenderFunc) dln_figure_curves_render,
                              (DlnFigureCsvFunc) dln_figure_curves_csv,
                              &self->data);
  dln_figure_view_set_readout_func (self->view, readout_cb, self, NULL);
  dln_figure_view_set_python (self->view, "init-loss", python_args_cb, self);
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->view);
  g_signal_connect_swapped (self->seed_spin, "value-changed",
                            G_CALLBACK (seed_row_changed_cb), self);
  retrain (self);
}
