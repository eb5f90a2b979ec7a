/* D04: the wide tanh net's fit and loss; D05: the shallow narrow linear
 * net's fit, loss and weights. */

#define G_LOG_DOMAIN "dln-figure-fit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-figure-gradients.h"

#include <glib.h>

#include <math.h>

/* Below this width per panel (user units) axes labels collide; smaller
 * figures are drawn at this size and scaled down as a whole (text then
 * shrinks with them: 3 panels at 640 keep the 9.33-unit floor;
 * tests/headless/test-figure-geometry checks both). */
#define MIN_PANEL_WIDTH 210.0

/* Begins the figure (dln_figure_begin_at_least) as a row of @n panels,
 * in @out, under the optional suptitle @title, laid out at least
 * @n·MIN_PANEL_WIDTH wide. Returns the scale from layout units to the
 * caller's (1 when none), for dln_figure_end_at_least (). */
static double
panels_begin (cairo_t              *cr,
              const DlnFigureStyle *style,
              double                width,
              double                height,
              DlnFigureGeometry    *geom,
              const char           *title,
              size_t                n,
              DlnRect              *out)
{
  double k = dln_figure_begin_at_least (cr, style, &width, &height,
                                        MIN_PANEL_WIDTH * (double) n, geom);
  double top = dln_figure_suptitle (cr, style, title, width);

  dln_layout_row ((DlnRect) { 0, top, width, height - top }, n, NULL,
                  style->padding, out);
  return k;
}

/* A series of a fit panel: its points, colour and legend label. */
typedef struct
{
  const double *x;
  const double *y;
  size_t        n;
  DlnColorIndex color;
  const char   *label;
} FitSeries;

/* Draws, in @r, the panel "fit" titled @title: @data as dots and @model
 * as a line @model_width wide (0: the style's), with a legend. The
 * model's values set the scale with the data's only if @fit_model. */
static void
fit_panel (cairo_t              *cr,
           const DlnFigureStyle *style,
           DlnRect               r,
           DlnFigureGeometry    *geom,
           const char           *title,
           const FitSeries      *data,
           const FitSeries      *model,
           bool                  fit_model,
           double                model_width)
{
  DlnAxes ax;
  DlnSeriesStyle s;

  dln_axes_init (&ax, cr, style, r);
  g_strlcpy (ax.name, "fit", sizeof ax.name);
  dln_axes_set_title (&ax, title);
  dln_axes_set_xlabel (&ax, "x");
  dln_axes_set_ylabel (&ax, "y");
  dln_axes_fit (&ax, data->x, data->y, data->n);
  if (fit_model)
    dln_axes_fit (&ax, model->x, model->y, model->n);
  dln_axes_begin (&ax);
  dln_series_style_init (&s, style, data->color);
  s.marker = DLN_MARKER_CIRCLE;
  s.line_width = -1;
  s.label = data->label;
  dln_axes_scatter (&ax, data->x, data->y, data->n, &s, NULL);
  dln_series_style_init (&s, style, model->color);
  s.line_width = model_width;
  s.label = model->label;
  dln_axes_line (&ax, model->x, model->y, model->n, &s);
  dln_axes_legend (&ax, DLN_LEGEND_AUTO);
  dln_axes_end (&ax, geom);
}

/* Draws, in @r, the panel "loss": @loss over epochs 1 … @n_epochs as
 * one line in @color. */
static void
loss_panel (cairo_t              *cr,
            const DlnFigureStyle *style,
            DlnRect               r,
            DlnFigureGeometry    *geom,
            const char           *title,
            const char           *xlabel,
            const char           *ylabel,
            const double         *loss,
            size_t                n_epochs,
            DlnColorIndex         color)
{
  DlnAxes ax;
  DlnSeriesStyle s;

  dln_axes_init (&ax, cr, style, r);
  ax.index_origin = 1;  /* epochs 1 … n, as the course numbers them */
  g_strlcpy (ax.name, "loss", sizeof ax.name);
  dln_axes_set_title (&ax, title);
  dln_axes_set_xlabel (&ax, xlabel);
  dln_axes_set_ylabel (&ax, ylabel);
  dln_axes_fit_run (&ax, NULL, loss, n_epochs);
  dln_axes_begin (&ax);
  dln_series_style_init (&s, style, color);
  dln_axes_line (&ax, NULL, loss, n_epochs, &s);
  dln_axes_end (&ax, geom);
}

/* --- D04 --- */

DlnRegressionData *
dln_regression_data_new (size_t n,
                         size_t n_epochs)
{
  /* one block: the struct, the samples' three arrays, then the losses */
  DlnRegressionData *data = g_malloc0 (sizeof *data + (3 * n + n_epochs + 1)
                                                      * sizeof (double));

  data->n = n;
  data->n_epochs = n_epochs;
  data->x = (double *) (data + 1);
  data->y = data->x + n;
  data->pred = data->y + n;
  data->loss = data->pred + n;
  return data;
}

void
dln_regression_data_free (DlnRegressionData *data)
{
  g_free (data);
}

void
dln_figure_regression_render (cairo_t                 *cr,
                              const DlnFigureStyle    *style,
                              const DlnRegressionData *data,
                              double                   width,
                              double                   height,
                              DlnFigureGeometry       *geom)
{
  bool diverged = isfinite (dln_axes_run_fit_cap (data->loss,
                                                  data->n_epochs));
  DlnRect r[2];
  double k;

  k = panels_begin (cr, style, width, height, geom, data->title, 2, r);

  /* left: targets and the network's prediction; after a divergence the
   * prediction is that of the last finite weights (up to 1e154): the
   * targets keep the scale and the line leaves it */
  fit_panel (cr, style, r[0], geom,
             diverged ? N_("Regression (diverged)") : N_("Regression"),
             &(FitSeries) { data->x, data->y, data->n, DLN_COLOR_SKY_BLUE,
                            N_("targets") },
             &(FitSeries) { data->x, data->pred, data->n,
                            DLN_COLOR_VERMILLION, N_("prediction") },
             !diverged, 0);

  /* right: the training loss per epoch (the course's yellow is Okabe-Ito
   * orange here: yellow on white fails contrast) */
  loss_panel (cr, style, r[1], geom, N_("Training loss"), N_("Epoch"),
              N_("MSE"), data->loss, data->n_epochs, DLN_COLOR_ORANGE);

  dln_figure_end_at_least (cr, geom, k);
}

DlnStatus
dln_figure_regression_csv (FILE       *out,
                           const void *data_,
                           DlnMessage *msg)
{
  const DlnRegressionData *data = data_;

  fputs ("kind,index,x,y,prediction,loss\n", out);
  for (size_t i = 0; i < data->n; i++)
    {
      fprintf (out, "sample,%zu,", i);
      dln_csv_write_doubles (out, (const double[]) { data->x[i], data->y[i],
                                                     data->pred[i] }, 3);
      fputs (",\n", out);
    }
  for (size_t e = 0; e < data->n_epochs; e++)
    {
      fprintf (out, "epoch,%zu,,,,", e + 1);
      dln_csv_write_double (out, data->loss[e]);
      fputc ('\n', out);
    }
  return dln_csv_finish (out, "regression", msg);
}

/* --- D05 --- */

DlnShallowData *
dln_shallow_data_new (size_t n,
                      size_t n_eval,
                      size_t n_epochs)
{
  /* one block: the struct, samples, evaluation points, then the epochs'
   * three arrays */
  DlnShallowData *data = g_malloc0 (sizeof *data
                                    + (2 * n + 2 * n_eval + 3 * n_epochs + 1)
                                      * sizeof (double));

  data->n = n;
  data->n_eval = n_eval;
  data->n_epochs = n_epochs;
  data->x = (double *) (data + 1);
  data->y = data->x + n;
  data->ex = data->y + n;
  data->ey = data->ex + n_eval;
  data->loss = data->ey + n_eval;
  data->w1 = data->loss + n_epochs;
  data->w2 = data->w1 + n_epochs;
  data->slope = NAN;
  return data;
}

void
dln_shallow_data_free (DlnShallowData *data)
{
  g_free (data);
}

void
dln_figure_shallow_render (cairo_t              *cr,
                           const DlnFigureStyle *style,
                           const DlnShallowData *data,
                           double                width,
                           double                height,
                           DlnFigureGeometry    *geom)
{
  g_autofree double *prod = g_new (double, MAX (data->n_epochs, 1));
  DlnRect r[3];
  DlnAxes ax;
  DlnSeriesStyle s;
  double k;

  for (size_t e = 0; e < data->n_epochs; e++)
    prod[e] = data->w1[e] * data->w2[e];

  k = panels_begin (cr, style, width, height, geom, data->title, 3, r);

  /* 1: data and the trained model */
  fit_panel (cr, style, r[0], geom, N_("Fit"),
             &(FitSeries) { data->x, data->y, data->n, DLN_COLOR_VERMILLION,
                            N_("training data") },
             &(FitSeries) { data->ex, data->ey, data->n_eval,
                            DLN_COLOR_BLUE, N_("test results") },
             true, 2.0 * style->line_width / 1.5);

  /* 2: loss before each update */
  loss_panel (cr, style, r[1], geom, N_("Loss"), N_("epochs"),
              N_("mean squared error"), data->loss, data->n_epochs,
              DLN_COLOR_VERMILLION);

  /* 3: both weights; their product goes to the data slope, neither weight
   * has a target of its own */
  dln_axes_init (&ax, cr, style, r[2]);
  ax.index_origin = 1;
  g_strlcpy (ax.name, "weights", sizeof ax.name);
  dln_axes_set_title (&ax, N_("Weights"));
  dln_axes_set_xlabel (&ax, N_("epochs"));
  dln_axes_set_ylabel (&ax, N_("weights"));
  dln_axes_fit_run (&ax, NULL, data->w1, data->n_epochs);
  dln_axes_fit_run (&ax, NULL, data->w2, data->n_epochs);
  dln_axes_fit_run (&ax, NULL, prod, data->n_epochs);
  if (isfinite (data->slope))
    dln_axes_fit (&ax, NULL, &data->slope, 1);
  /* four entries over curves that cross the whole panel: rows of their
   * own above it */
  {
    static const char *const labels[4] = { N_("data slope"), "w₁", "w₂",
                                           "w₁w₂" };

    dln_axes_reserve_legend_above (&ax, labels, isfinite (data->slope)
                                                ? 4 : 3);
  }
  dln_axes_begin (&ax);
  if (isfinite (data->slope))
    {
      dln_series_style_init (&s, style, DLN_COLOR_BLACK);
      s.dash = DLN_DASH_DOTTED;
      s.line_width = style->line_width * 0.6;
      s.color = style->muted;
      s.label = N_("data slope");
      dln_axes_hline (&ax, data->slope, &s);
    }
  dln_series_style_init (&s, style, DLN_COLOR_BLUE);
  s.label = "w\xe2\x82\x81";
  dln_axes_line (&ax, NULL, data->w1, data->n_epochs, &s);
  dln_series_style_init (&s, style, DLN_COLOR_ORANGE);
  s.dash = DLN_DASH_DASHED;
  s.label = "w\xe2\x82\x82";
  dln_axes_line (&ax, NULL, data->w2, data->n_epochs, &s);
  dln_series_style_init (&s, style, DLN_COLOR_GREEN);
  s.dash = DLN_DASH_DASHDOT;
  s.label = "w\xe2\x82\x81w\xe2\x82\x82";
  dln_axes_line (&ax, NULL, prod, data->n_epochs, &s);
  dln_axes_legend (&ax, DLN_LEGEND_AUTO);
  dln_axes_end (&ax, geom);

  dln_figure_end_at_least (cr, geom, k);
}

DlnStatus
dln_figure_shallow_csv (FILE       *out,
                        const void *data_,
                        DlnMessage *msg)
{
  const DlnShallowData *data = data_;

  fputs ("kind,index,x,y,loss,w1,w2\n", out);
  for (size_t i = 0; i < data->n; i++)
    {
      fprintf (out, "train,%zu,", i);
      dln_csv_write_doubles (out, (const double[]) { data->x[i], data->y[i] },
                             2);
      fputs (",,,\n", out);
    }
  for (size_t i = 0; i < data->n_eval; i++)
    {
      fprintf (out, "eval,%zu,", i);
      dln_csv_write_doubles (out, (const double[]) { data->ex[i],
                                                     data->ey[i] }, 2);
      fputs (",,,\n", out);
    }
  for (size_t e = 0; e < data->n_epochs; e++)
    {
      fprintf (out, "epoch,%zu,,,", e + 1);
      dln_csv_write_doubles (out, (const double[]) { data->loss[e],
                                                     data->w1[e],
                                                     data->w2[e] }, 3);
      fputc ('\n', out);
    }
  return dln_csv_finish (out, "shallow-net", msg);
}
