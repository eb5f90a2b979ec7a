/* Catalogue entries of Tutorial 2 sec. 2 (D08-D12): the deep narrow
 * linear chain's learning curves. */

#include "config.h"

#include "dln-figure-catalogue.h"
#include "dln-figure-curves.h"
#include "dln-rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --- The deep narrow chain (curriculum B.1) ---
 * Private stand-in until core's chain trainer lands; it follows B.1
 * literally: ŷ = (∏W)·x, L = mean((y − ŷ)²/2), g_i = −mean(x·E)·∏W /
 * (W_i + 1e-9), loss recorded before each update, training stops at the
 * first non-finite gradient and the rest of the curve stays NaN. */

#define CHAIN_SAMPLES 100
#define CHAIN_SLOPE   2.0
#define CHAIN_NOISE   0.1
#define CHAIN_GUARD   1e-9   /* B.1: stands in for the product without W_i */
#define CHAIN_MAX_WEIGHTS 128

/* gen_samples (n, a, σ > 0), curriculum A.1: n uniforms, then n normals. */
static void
gen_samples (DlnRng *rng,
             size_t  n,
             double  a,
             double  sigma,
             double *x,
             double *y)
{
  for (size_t i = 0; i < n; i++)
    x[i] = dln_rng_uniform (rng);
  for (size_t i = 0; i < n; i++)
    y[i] = a * x[i] + dln_rng_normal (rng, 0.0, sigma);
}

static void
chain_train (size_t        n_weights,
             double        lr,
             double        init,
             const double *x,
             const double *y,
             size_t        n,
             size_t        epochs,
             double       *loss)
{
  double w[CHAIN_MAX_WEIGHTS];

  for (size_t e = 0; e < epochs; e++)
    loss[e] = NAN;
  for (size_t i = 0; i < n_weights; i++)
    w[i] = init;
  for (size_t e = 0; e < epochs; e++)
    {
      double prod = 1.0, l = 0.0, xe = 0.0;
      bool finite = true;

      for (size_t i = 0; i < n_weights; i++)
        prod *= w[i];
      for (size_t k = 0; k < n; k++)
        {
          double err = y[k] - prod * x[k];

          l += 0.5 * err * err;
          xe += x[k] * err;
        }
      loss[e] = l / (double) n;
      xe /= (double) n;
      for (size_t i = 0; i < n_weights; i++)
        {
          double g = -xe * prod / (w[i] + CHAIN_GUARD);

          if (!isfinite (g))
            finite = false;
          w[i] -= lr * g;
        }
      if (!finite)
        break;
    }
}

/* --- Figure data owned by an instance --- */

#define MAX_CURVES 8

typedef struct
{
  DlnCurvesData data;
  DlnCurve      curves[MAX_CURVES];
  char          title[192];
  char          labels[MAX_CURVES][64];
  double       *loss;   /* MAX_CURVES * epochs */
} CurvesFigure;

static void
curves_figure_free (void *p)
{
  CurvesFigure *f = p;

  free (f->loss);
  free (f);
}

static void
render_curves (cairo_t              *cr,
               const DlnFigureStyle *style,
               const void           *data,
               double                w,
               double                h,
               DlnFigureGeometry    *geom)
{
  dln_figure_curves_render (cr, style, &((const CurvesFigure *) data)->data,
                            w, h, geom);
}

static DlnStatus
csv_curves (FILE       *out,
            const void *data,
            DlnMessage *msg)
{
  return dln_figure_curves_csv (out, &((const CurvesFigure *) data)->data,
                                msg);
}

static CurvesFigure *
curves_figure_new (size_t n_curves,
                   size_t epochs)
{
  CurvesFigure *f = calloc (1, sizeof *f);

  if (f == NULL)
    return NULL;
  f->loss = malloc (n_curves * epochs * sizeof (double));
  if (f->loss == NULL)
    {
      free (f);
      return NULL;
    }
  f->data.curves = f->curves;
  f->data.n_curves = n_curves;
  f->data.title = f->title;
  f->data.xlabel = "epochs";
  f->data.ylabel = "Log mean squared error";
  f->data.log_y = true;
  f->data.y_min = 0.001;
  f->data.y_max = 1.0;
  f->data.legend = DLN_LEGEND_AUTO;
  return f;
}

static void
instance_set (DlnFigureInstance *out,
              CurvesFigure      *f)
{
  out->data = f;
  out->render = render_curves;
  out->csv = csv_curves;
  out->free = curves_figure_free;
}

/* D08, D09, D12: one chain with depth + 1 weights. */
static DlnStatus
build_chain_single (const DlnFigureArgs *args,
                    DlnFigureInstance   *out,
                    DlnMessage          *msg)
{
  long depth = dln_figure_args_int (args, "depth");
  double lr = dln_figure_args_double (args, "lr");
  double init = dln_figure_args_double (args, "init");
  size_t epochs = (size_t) dln_figure_args_int (args, "epochs");
  DlnRng rng;
  double x[CHAIN_SAMPLES], y[CHAIN_SAMPLES];
  char lr_text[32];
  CurvesFigure *f;

  /* D08: η is 0.02 at depth 0 and 0.01 otherwise; 0 asks for that rule. */
  if (lr == 0)
    lr = depth == 0 ? 0.02 : 0.01;
  f = curves_figure_new (1, epochs);
  if (f == NULL)
    {
      dln_message_set (msg, 0, "out of memory for %zu epochs", epochs);
      return DLN_STATUS_NO_MEMORY;
    }
  dln_rng_init (&rng, (uint64_t) dln_figure_args_int (args, "seed"));
  gen_samples (&rng, CHAIN_SAMPLES, CHAIN_SLOPE, CHAIN_NOISE, x, y);
  chain_train ((size_t) depth + 1, lr, init, x, y, CHAIN_SAMPLES, epochs,
               f->loss);
  snprintf (lr_text, sizeof lr_text, "%.3g", lr);
  snprintf (f->title, sizeof f->title,
            "Training a %ld-layer LNN with η=%s initialized with w<sub>i</sub>=%g"
            " (%ld weights)", depth, lr_text, init, depth + 1);
  f->curves[0].y = f->loss;
  f->curves[0].n = epochs;
  f->curves[0].color = DLN_COLOR_PURPLE;  /* the course's magenta */
  f->curves[0].line_width = 3.0;
  instance_set (out, f);
  return DLN_STATUS_OK;
}

/* D11: eight initial weights 0.70 ... 1.05 at depth 15 (exactly 15
 * weights). */
static DlnStatus
build_init_loss (const DlnFigureArgs *args,
                 DlnFigureInstance   *out,
                 DlnMessage          *msg)
{
  long depth = dln_figure_args_int (args, "depth");
  double lr = dln_figure_args_double (args, "lr");
  size_t epochs = (size_t) dln_figure_args_int (args, "epochs");
  DlnRng rng;
  double x[CHAIN_SAMPLES], y[CHAIN_SAMPLES];
  CurvesFigure *f = curves_figure_new (8, epochs);

  if (f == NULL)
    {
      dln_message_set (msg, 0, "out of memory for %zu epochs", epochs);
      return DLN_STATUS_NO_MEMORY;
    }
  dln_rng_init (&rng, (uint64_t) dln_figure_args_int (args, "seed"));
  gen_samples (&rng, CHAIN_SAMPLES, CHAIN_SLOPE, CHAIN_NOISE, x, y);
  for (size_t k = 0; k < 8; k++)
    {
      double init = 0.70 + 0.05 * (double) k;

      chain_train ((size_t) depth, lr, init, x, y, CHAIN_SAMPLES, epochs,
                   f->loss + k * epochs);
      snprintf (f->labels[k], sizeof f->labels[k], "initial weights %.2f",
                init);
      f->curves[k].y = f->loss + k * epochs;
      f->curves[k].n = epochs;
      f->curves[k].color = -1;
      f->curves[k].line_width = 3.0;
      f->curves[k].label = f->labels[k];
    }
  snprintf (f->title, sizeof f->title,
            "Training a %ld-layer narrow LNN with η=%g (%ld weights)", depth,
            lr, depth);
  f->data.legend = DLN_LEGEND_LOWER_LEFT;  /* as the course: 4 columns */
  f->data.legend_columns = 4;
  instance_set (out, f);
  return DLN_STATUS_OK;
}

/* --- Entries --- */

#define SEED_OPTION \
  { "seed", DLN_OPTION_INT, "2021", 0, 4294967295.0, NULL, \
    "seed of the data generator (curriculum A.6)" }
#define EPOCHS_OPTION(def) \
  { "epochs", DLN_OPTION_INT, def, 1, 100000, NULL, "training epochs" }

static const DlnFigureOption depth_options[] = {
  { "depth", DLN_OPTION_INT, "0", 0, 100, NULL,
    "depth; the chain has depth + 1 scalar weights (slider: 0, 5, ..., 50)" },
  { "lr", DLN_OPTION_DOUBLE, "0", 0, 10, NULL,
    "learning rate η; 0: the course's rule (0.02 at depth 0, else 0.01)" },
  { "init", DLN_OPTION_DOUBLE, "0.9", -10, 10, NULL,
    "initial value of every weight" },
  EPOCHS_OPTION ("600"),
  SEED_OPTION,
};

const DlnCatalogueEntry dln_catalogue_depth_loss = {
  "depth-loss", "D08", "loss of the deep narrow chain at a chosen depth (log y)",
  depth_options, 5, 960, 480, build_chain_single,
};

static const DlnFigureOption lr_options[] = {
  { "lr", DLN_OPTION_DOUBLE, "0.005", 0, 10, NULL,
    "learning rate η (slider: 0.005 ... 0.045 in steps of 0.005)" },
  { "depth", DLN_OPTION_INT, "50", 0, 100, NULL,
    "depth; the chain has depth + 1 scalar weights" },
  { "init", DLN_OPTION_DOUBLE, "0.9", -10, 10, NULL,
    "initial value of every weight" },
  EPOCHS_OPTION ("600"),
  SEED_OPTION,
};

const DlnCatalogueEntry dln_catalogue_lr_loss = {
  "lr-loss", "D09", "loss of the 50-layer narrow chain at a chosen η (log y)",
  lr_options, 5, 960, 480, build_chain_single,
};

static const DlnFigureOption playground_options[] = {
  { "depth", DLN_OPTION_INT, "25", 0, 100, NULL,
    "depth; the chain has depth + 1 scalar weights (slider: 10 ... 50)" },
  { "lr", DLN_OPTION_DOUBLE, "0.005", 0, 10, NULL, "learning rate η" },
  { "init", DLN_OPTION_DOUBLE, "0.9", -10, 10, NULL,
    "initial value of every weight (slider: 0.1 ... 3.0)" },
  EPOCHS_OPTION ("600"),
  SEED_OPTION,
};

const DlnCatalogueEntry dln_catalogue_playground_loss = {
  "playground-loss", "D12",
  "loss of the narrow chain for any depth, η and initial weight (log y)",
  playground_options, 5, 960, 480, build_chain_single,
};

static const DlnFigureOption init_options[] = {
  { "depth", DLN_OPTION_INT, "15", 1, 100, NULL,
    "depth = number of scalar weights" },
  { "lr", DLN_OPTION_DOUBLE, "0.02", 0, 10, NULL, "learning rate η" },
  EPOCHS_OPTION ("250"),
  SEED_OPTION,
};

const DlnCatalogueEntry dln_catalogue_init_loss = {
  "init-loss", "D11",
  "loss curves for initial weights 0.70, 0.75, ..., 1.05 (log y)",
  init_options, 4, 1152, 576, build_init_loss,
};
