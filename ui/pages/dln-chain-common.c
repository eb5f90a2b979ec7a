#define G_LOG_DOMAIN "dln-chain-common"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-chain-common.h"

#include "dln-figure-python.h"
#include "dln-ui-error.h"

#include <math.h>
#include <string.h>

/* The course's figure (docs/demos.md#d08): a magenta line of width 3 on a
 * log axis from 0.001 to 1. Magenta maps to Okabe-Ito reddish purple
 * (dln-figure.h). */
#define CHAIN_Y_MIN      1e-3
#define CHAIN_Y_MAX      1.0
#define CHAIN_LINE_WIDTH 3.0
/* Against the data's slope 2, a product this small predicts ŷ ≈ 0, and
 * every weight's gradient is proportional to it: a run that started
 * above it and ends below it has collapsed (a step overshot, e.g. every
 * weight flipped sign) and its loss curve goes flat near mean (y²)/2. */
#define CHAIN_COLLAPSED  1e-3

/* dln_chain_plot_init:
 * @plot: filled with an empty run and the figure's fixed settings; the
 *        figure data points into @plot, so it must not move afterwards */
void
dln_chain_plot_init (DlnChainPlot *plot)
{
  memset (plot, 0, sizeof *plot);
  for (size_t e = 0; e < DLN_CHAIN_PLOT_MAX_EPOCHS; e++)
    plot->loss[e] = NAN;
  plot->curve.y = plot->loss;
  plot->curve.n = 0;
  plot->curve.color = DLN_COLOR_PURPLE;
  plot->curve.line_width = CHAIN_LINE_WIDTH;
  plot->data.title = plot->title;
  plot->data.xlabel = N_("epochs");
  plot->data.ylabel = N_("Log mean squared error");
  plot->data.curves = &plot->curve;
  plot->data.n_curves = 1;
  plot->data.log_y = true;
  plot->data.y_min = CHAIN_Y_MIN;
  plot->data.y_max = CHAIN_Y_MAX;
  plot->data.legend = DLN_LEGEND_NONE;
}

/* dln_chain_plot_format_title:
 * The course's title, "Training a {depth}-layer LNN with η={lr}
 * initialized with wᵢ={init}", from the plot's inputs. */
void
dln_chain_plot_format_title (DlnChainPlot *plot)
{
  g_snprintf (plot->title, sizeof plot->title,
              _("Training a %zu-layer LNN with η=%g initialized with wᵢ=%g"),
              plot->depth, plot->lr, plot->init_weight);
}

/* dln_chain_plot_run:
 * @course: the run (dln_chain_course_run ()); at most
 *          DLN_CHAIN_PLOT_MAX_EPOCHS epochs
 * Fills the loss curve (NaN after a divergence), the final weights and
 * the title. */
void
dln_chain_plot_run (DlnChainPlot         *plot,
                    const DlnChainCourse *course)
{
  g_return_if_fail (course->epochs <= DLN_CHAIN_PLOT_MAX_EPOCHS);

  plot->depth = course->depth;
  plot->n_weights = dln_chain_weight_count (course->depth, course->count);
  plot->lr = course->lr;
  plot->init_weight = course->init_weight;
  plot->epochs = course->epochs;
  dln_message_clear (&plot->msg);
  plot->n_done = 0;
  plot->status = dln_chain_course_run (course, plot->loss, plot->weights,
                                       &plot->n_done, &plot->msg);
  if (plot->status != DLN_STATUS_OK && plot->status != DLN_STATUS_DIVERGED)
    plot->n_done = 0;
  plot->curve.n = course->epochs;
  dln_chain_plot_format_title (plot);
}

/* dln_chain_plot_python_args:
 * @seed: the seed the page drew its samples from
 * @args: options of the page's catalogue entry (depth-loss, lr-loss,
 *        playground-loss, init-loss)
 * Sets those of depth, lr, init, epochs and seed the entry has from the
 * last run, for "Export as Python script" (dln_figure_view_set_python).
 * Returns FALSE with @error set when a value is outside the entry's
 * range. */
gboolean
dln_chain_plot_python_args (const DlnChainPlot *plot,
                            guint64             seed,
                            DlnFigureArgs      *args,
                            GError            **error)
{
  DlnMessage msg = { { 0 }, 0 };
  DlnStatus status = DLN_STATUS_OK;
  char text[32];

  g_snprintf (text, sizeof text, "%zu", plot->depth);
  if (dln_figure_option_find (args->entry, "depth") >= 0)
    status = dln_figure_args_set (args, "depth", text, &msg);
  if (status == DLN_STATUS_OK)
    status = dln_figure_python_set_double (args, "lr", plot->lr, &msg);
  if (status == DLN_STATUS_OK
      && dln_figure_option_find (args->entry, "init") >= 0)
    status = dln_figure_python_set_double (args, "init", plot->init_weight,
                                           &msg);
  if (status == DLN_STATUS_OK)
    status = dln_figure_python_set_run (args, plot->epochs, seed, &msg);
  return dln_ui_status_to_error (status, &msg, NULL, error);
}

/* dln_chain_plot_describe:
 * Returns: (transfer full) one or two lines for the page's status label:
 * the weight count and the final loss, or where and why the run
 * diverged. */
char *
dln_chain_plot_describe (const DlnChainPlot *plot)
{
  const char *rule = "";
  double product = 1.0, start;
  const char *noun = g_dngettext (GETTEXT_PACKAGE, "weight", "weights",
                                  plot->n_weights);

  if (plot->n_weights == plot->depth + 1)
    rule = _(" (depth + 1)");
  else if (plot->n_weights == plot->depth)
    rule = _(" (= depth)");
  if (plot->status == DLN_STATUS_DIVERGED)
    return g_strdup_printf (_("%zu %s%s, product %g at start.\n"
                            "Diverged at epoch %zu: the product of the "
                            "weights overflowed, so the rest of the curve "
                            "is empty."),
                            plot->n_weights, noun, rule,
                            pow (plot->init_weight, (double) plot->n_weights),
                            plot->n_done);
  if (plot->status != DLN_STATUS_OK)
    return g_strdup_printf (_("Cannot train: %s"), plot->msg.text);
  for (size_t i = 0; i < plot->n_weights; i++)
    product *= plot->weights[i];
  start = pow (plot->init_weight, (double) plot->n_weights);
  if (plot->epochs > 0 && fabs (product) < CHAIN_COLLAPSED
      && fabs (start) >= CHAIN_COLLAPSED)
    return g_strdup_printf (_("%zu %s%s, product %.3g at start.\n"
                            "Loss after %zu epochs: %.3g\n"
                            "The product of the weights collapsed to %.2g "
                            "(a step overshot): ŷ ≈ 0, the gradients vanish "
                            "with it and the loss stays flat."),
                            plot->n_weights, noun, rule, start, plot->epochs,
                            plot->loss[plot->epochs - 1], product);
  return g_strdup_printf (_("%zu %s%s, product %.3g at start.\n"
                          "Loss after %zu epochs: %.3g"),
                          plot->n_weights, noun, rule,
                          pow (plot->init_weight, (double) plot->n_weights),
                          plot->epochs,
                          plot->epochs > 0 ? plot->loss[plot->epochs - 1]
                                           : NAN);
}

/* dln_chain_weights_variant:
 * Returns: (transfer floating) the chain as a session's "aaad": @n layers
 * of one 1 × 1 weight each (NaN stays NaN). */
GVariant *
dln_chain_weights_variant (const double *weights,
                           size_t        n)
{
  GVariantBuilder layers;

  g_variant_builder_init (&layers, G_VARIANT_TYPE ("aaad"));
  for (size_t i = 0; i < n; i++)
    {
      GVariantBuilder rows;

      g_variant_builder_init (&rows, G_VARIANT_TYPE ("aad"));
      g_variant_builder_add_value (&rows,
        g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, &weights[i], 1,
                                   sizeof (double)));
      g_variant_builder_add_value (&layers, g_variant_builder_end (&rows));
    }
  return g_variant_builder_end (&layers);
}

/* dln_chain_readout:
 * Returns: (transfer full) (nullable) "epoch e: loss L" for the epoch
 * under the pointer. */
char *
dln_chain_readout (const DlnFigureGeometry *geom,
                   int                      panel,
                   double                   x,
                   const double            *loss,
                   size_t                   n)
{
  long e;

  if (panel < 0 || !isfinite (x))
    return NULL;
  e = lround (x);
  if (e < 0 || (size_t) e >= n)
    return NULL;
  if (!isfinite (loss[e]))
    return g_strdup_printf (_("epoch %ld: not reached (diverged)"), e);
  return g_strdup_printf (_("epoch %ld: loss %.4g"), e, loss[e]);
}

/* dln_snap:
 * Returns @v rounded to the nearest @lower + k·@step (the course's slider
 * grids), cleaned to 12 significant digits so that 0.005·3 is 0.015. */
double
dln_snap (double v,
          double lower,
          double step)
{
  double k = round ((v - lower) / step);
  char buf[32];

  /* printed and read back in the C format: under a locale with a decimal
   * comma, "%g" would write "0,7" and this would read 0 */
  g_ascii_formatd (buf, sizeof buf, "%.12g", lower + k * step);
  return g_ascii_strtod (buf, NULL);
}
