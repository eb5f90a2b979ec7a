/* Catalogue entries of Tutorial 1 built on the autograd graph (D02 graph,
 * D03 single neuron) and the wide tanh net (D04), and the option helpers every Tutorial 1-2 builder
 * shares. Each builder runs the core engines with the entry's options and
 * hands the figure its data. */

#define G_LOG_DOMAIN "dln-figure-catalogue-gradients"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-figure-catalogue-private.h"
#include "dln-figure-catalogue.h"
#include "dln-figure-graph.h"
#include "dln-figure-gradients.h"

#include "dln-dataset.h"
#include "dln-expr.h"
#include "dln-graph.h"
#include "dln-mlp.h"
#include "dln-rng.h"

#include <glib.h>

#include <math.h>
#include <string.h>

/* --- Helpers (contracts in dln-figure-catalogue-private.h) --- */

int
dln_catalogue_parse_assignments (const char *text,
                                 const char *option,
                                 char        names[][DLN_EXPR_MAX_NAME + 1],
                                 double     *values,
                                 int         max,
                                 DlnMessage *msg)
{
  g_auto (GStrv) parts = NULL;
  int n = 0;

  if (text == NULL || *text == '\0')
    return 0;
  parts = g_strsplit (text, ",", -1);
  for (int i = 0; parts[i] != NULL; i++)
    {
      char *eq = strchr (parts[i], '=');
      char *name, *end = NULL;
      double v;

      if (eq == NULL)
        {
          dln_message_set (msg, 0, "--%s: '%s' is not NAME=VALUE", option,
                           parts[i]);
          return -1;
        }
      *eq = '\0';
      name = g_strstrip (parts[i]);
      v = g_ascii_strtod (g_strstrip (eq + 1), &end);
      if (*name == '\0' || strlen (name) > DLN_EXPR_MAX_NAME || end == eq + 1
          || *end != '\0' || !isfinite (v))
        {
          dln_message_set (msg, 0, "--%s: bad assignment '%s=%s'", option,
                           name, eq + 1);
          return -1;
        }
      if (n >= max)
        {
          dln_message_set (msg, 0, "--%s: more than %d assignments", option,
                           max);
          return -1;
        }
      g_strlcpy (names[n], name, DLN_EXPR_MAX_NAME + 1);
      values[n++] = v;
    }
  return n;
}

int
dln_catalogue_parse_points (const char *text,
                            const char *option,
                            double     *px,
                            double     *py,
                            int         max,
                            DlnMessage *msg)
{
  g_auto (GStrv) parts = NULL;
  int n = 0;

  if (text == NULL || *text == '\0')
    return 0;
  parts = g_strsplit (text, ";", -1);
  for (int i = 0; parts[i] != NULL; i++)
    {
      char *s = g_strstrip (parts[i]), *end = NULL, *end2 = NULL;
      double x, y;

      if (*s == '\0')
        continue;
      x = g_ascii_strtod (s, &end);
      while (*end == ' ')
        end++;
      if (end == s || *end != ',')
        goto bad;
      y = g_ascii_strtod (end + 1, &end2);
      while (*end2 == ' ')
        end2++;
      if (end2 == end + 1 || *end2 != '\0' || !isfinite (x) || !isfinite (y))
        goto bad;
      if (n >= max)
        {
          dln_message_set (msg, 0, "--%s: at most %d points", option, max);
          return -1;
        }
      px[n] = x;
      py[n] = y;
      n++;
      continue;
    bad:
      dln_message_set (msg, 0, "--%s: '%s' is not a point X,Y", option, s);
      return -1;
    }
  return n;
}

DlnArena *
dln_catalogue_build_arena (DlnMessage *msg)
{
  DlnArena *arena = dln_arena_new (DLN_CATALOGUE_ARENA_BYTES);

  if (arena == NULL)
    dln_message_set (msg, 0, "out of memory for the figure's engine");
  return arena;
}

bool
dln_catalogue_frame_check (long        value,
                           long        first,
                           size_t      last,
                           DlnMessage *msg)
{
  if (value >= first && (size_t) value <= last)
    return true;
  dln_message_set (msg, 0, "option 'epochs': frame %ld is outside the run's "
                   "%ld ... %zu", value, first, last);
  return false;
}

DlnArena *
dln_catalogue_expr_graph (const char  *text,
                          DlnExpr    **expr,
                          DlnGraph   **g,
                          DlnStatus   *status,
                          DlnMessage  *msg)
{
  DlnArena *arena = dln_catalogue_build_arena (msg);

  if (arena == NULL)
    {
      *status = DLN_STATUS_NO_MEMORY;
      return NULL;
    }
  *status = dln_expr_parse (text, arena, expr, msg);
  if (*status == DLN_STATUS_OK)
    *status = dln_expr_to_graph (*expr, arena, g, msg);
  if (*status != DLN_STATUS_OK)
    {
      dln_arena_free (arena);
      return NULL;
    }
  return arena;
}

void
dln_catalogue_instance_set (DlnFigureInstance       *out,
                            const DlnCatalogueEntry *entry,
                            void                    *data,
                            DlnFigureRenderFunc      render,
                            DlnFigureCsvFunc         csv,
                            void                   (*free_fn) (void *))
{
  out->data = data;
  out->render = render;
  out->csv = csv;
  out->free = free_fn;
  out->width = entry->width;
  out->height = entry->height;
}


DLN_CATALOGUE_WRAP (neuron_check, DlnNeuronCheckData)

static void free_neuron_check (void *d) { dln_neuron_check_data_free (d); }

/* --- D02: computational graph --- */

typedef struct
{
  DlnFigureGraphData  *graph;
  DlnGraphLayoutCache *cache;
} GraphFigure;

static void
render_graph (cairo_t              *cr,
              const DlnFigureStyle *style,
              const void           *data,
              double                w,
              double                h,
              DlnFigureGeometry    *geom)
{
  /* The layout was computed with the light style; the themes share their
   * metrics, so it fits both (the renderer checks the fingerprint). */
  dln_figure_graph_render (cr, style, ((const GraphFigure *) data)->graph,
                           w, h, geom);
}

static DlnStatus
csv_graph (FILE       *out,
           const void *data,
           DlnMessage *msg)
{
  return dln_figure_graph_csv (out, ((const GraphFigure *) data)->graph, msg);
}

static void
free_graph (void *data)
{
  GraphFigure *f = data;

  dln_figure_graph_data_free (f->graph);
  dln_graph_layout_cache_free (f->cache);
  g_free (f);
}

static const DlnFigureOption graph_options[] = {
  { "expr", DLN_OPTION_STRING, "tanh(ln(1 + z*(2*x/sin(y))))", 0, 0, NULL,
    "scalar expression to split into nodes" },
  { "at", DLN_OPTION_STRING, "x=1,y=1,z=0.5", 0, 0, NULL,
    "variable values NAME=VALUE,... (every variable needs one)" },
  { "stage", DLN_OPTION_CHOICE, "backward", 0, 0,
    "structure|forward|backward",
    "structure only, forward values, or values + gradients + local "
    "derivatives" },
  { "direction", DLN_OPTION_CHOICE, "tb", 0, 0, "tb|lr",
    "top-to-bottom or left-to-right" },
  { "highlight", DLN_OPTION_STRING, "", 0, 0, NULL,
    "variable whose chain-rule path to the output is highlighted" },
  { "current", DLN_OPTION_STRING, "", 0, 0, NULL,
    "node label drawn as the current step" },
  { "step", DLN_OPTION_STRING, "", 0, 0, NULL,
    "step-through state: the node just computed (forward stage) or just "
    "propagated (backward stage)" },
};

/* Lays out @data with the light style (themes share metrics). */
static DlnStatus
layout_with_default_style (DlnGraphLayoutCache *cache,
                           DlnFigureGraphData  *data,
                           DlnMessage          *msg)
{
  DlnFigureStyle style;

  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  return dln_figure_graph_layout (cache, &style, data, msg);
}

static DlnStatus
build_graph (const DlnFigureArgs *args,
             DlnFigureInstance   *out,
             DlnMessage          *msg)
{
  const char *text = dln_figure_args_string (args, "expr");
  const char *stage = dln_figure_args_string (args, "stage");
  const char *hl = dln_figure_args_string (args, "highlight");
  const char *cur = dln_figure_args_string (args, "current");
  const char *step_label = dln_figure_args_string (args, "step");
  int step = -1;
  char names[64][DLN_EXPR_MAX_NAME + 1];
  double values[64];
  int n_at, bad;
  DlnArena *arena;
  DlnExpr *expr;
  DlnGraph *g;
  GraphFigure *f;
  DlnStatus st;

  n_at = dln_catalogue_parse_assignments (dln_figure_args_string (args, "at"), "at", names,
                            values, 64, msg);
  if (n_at < 0)
    return DLN_STATUS_INVALID_INPUT;
  arena = dln_catalogue_expr_graph (text, &expr, &g, &st, msg);
  if (arena == NULL)
    return st;

  for (int i = 0; i < n_at; i++)
    {
      int v = dln_expr_find_var (expr, names[i]);

      if (v < 0)
        {
          dln_message_set (msg, 0, "--at: '%s' is not a variable of %s",
                           names[i], text);
          dln_arena_free (arena);
          return DLN_STATUS_INVALID_INPUT;
        }
      dln_graph_set_scalar (g, v, values[i]);
    }
  for (int v = 0; v < dln_expr_n_vars (expr); v++)
    {
      gboolean given = FALSE;

      for (int i = 0; i < n_at; i++)
        given |= strcmp (names[i], dln_expr_var_name (expr, v)) == 0;
      if (!given)
        {
          dln_message_set (msg, 0, "--at: no value for '%s' (add %s=...)",
                           dln_expr_var_name (expr, v),
                           dln_expr_var_name (expr, v));
          dln_arena_free (arena);
          return DLN_STATUS_INVALID_INPUT;
        }
    }
  dln_graph_forward (g);
  if (step_label[0] != '\0' && strcmp (stage, "structure") != 0)
    {
      step = dln_graph_find (g, step_label);
      if (step < 0)
        {
          dln_message_set (msg, 0, "--step: no node labelled '%s' in the "
                           "graph", step_label);
          dln_arena_free (arena);
          return DLN_STATUS_INVALID_INPUT;
        }
    }
  if (strcmp (stage, "backward") == 0 && dln_graph_output (g) >= 0)
    {
      int out_id = dln_graph_output (g);

      if (step < 0)
        dln_graph_backward (g, out_id);
      else
        {
          /* the course's stepper: propagate from the output down to @step */
          dln_graph_backward_begin (g, out_id);
          for (int id = out_id; id >= step; id--)
            dln_graph_backward_node (g, id);
        }
    }

  f = g_new0 (GraphFigure, 1);
  f->graph = dln_figure_graph_data_from_graph (g);
  f->cache = dln_graph_layout_cache_new ();
  f->graph->direction = strcmp (dln_figure_args_string (args, "direction"),
                                "lr") == 0
                        ? DLN_GRAPH_LAYOUT_LEFT_RIGHT
                        : DLN_GRAPH_LAYOUT_TOP_BOTTOM;
  f->graph->show_local = strcmp (stage, "backward") == 0;
  if (strcmp (stage, "backward") != 0)
    for (size_t i = 0; i < f->graph->n_nodes; i++)
      {
        f->graph->nodes[i].grad = NAN;
        if (strcmp (stage, "structure") == 0)
          f->graph->nodes[i].value = NAN;
      }

  {
    /* typeset the typed text: * as ·, ** as ^ */
    GString *pretty = g_string_new (NULL);
    g_autofree char *esc = NULL;

    for (const char *p = text; *p != '\0'; p++)
      if (p[0] == '*' && p[1] == '*')
        {
          g_string_append_c (pretty, '^');
          p++;
        }
      else if (*p == '*')
        g_string_append (pretty, "\xc2\xb7");
      else
        g_string_append_c (pretty, *p);
    esc = g_markup_escape_text (pretty->str, -1);
    g_string_free (pretty, TRUE);
    g_snprintf (f->graph->title, sizeof f->graph->title, "f = %s", esc);
  }
  /* Outside the domain, name the node that fails rather than only
   * showing NaN (docs/demos.md#d02). */
  bad = dln_graph_first_nonfinite (g);
  if (bad >= 0 && strcmp (stage, "structure") != 0)
    {
      g_autofree char *esc = g_markup_escape_text (
        dln_graph_node (g, bad)->label, -1);
      size_t len = strlen (f->graph->title);

      g_snprintf (f->graph->title + len, sizeof f->graph->title - len,
                  _("   (undefined from node <b>%s</b>)"), esc);
    }

  if (hl[0] != '\0' || cur[0] != '\0')
    {
      int from = hl[0] != '\0' ? dln_graph_find (g, hl) : -1;
      int c = cur[0] != '\0' ? dln_graph_find (g, cur) : -1;

      if ((hl[0] != '\0' && from < 0) || (cur[0] != '\0' && c < 0))
        {
          dln_message_set (msg, 0, "no node labelled '%s' in the graph",
                           from < 0 && hl[0] != '\0' ? hl : cur);
          free_graph (f);
          dln_arena_free (arena);
          return DLN_STATUS_INVALID_INPUT;
        }
      if (from >= 0 && dln_graph_output (g) >= 0)
        dln_figure_graph_highlight_path (f->graph, (size_t) from,
                                         (size_t) dln_graph_output (g));
      f->graph->current = c;
    }
  if (step >= 0)
    dln_figure_graph_data_show_step (f->graph, g,
                                     strcmp (stage, "forward") == 0
                                     ? DLN_FIGURE_GRAPH_PASS_FORWARD
                                     : DLN_FIGURE_GRAPH_PASS_BACKWARD,
                                     step);
  dln_arena_free (arena);

  st = layout_with_default_style (f->cache, f->graph, msg);
  if (st != DLN_STATUS_OK)
    {
      free_graph (f);
      return st;
    }
  dln_catalogue_instance_set (out, args->entry, f, render_graph, csv_graph, free_graph);
  return DLN_STATUS_OK;
}

const DlnCatalogueEntry dln_catalogue_graph = {
  "graph", "D02",
  "the computational graph: value and op nodes, gradients, local "
  "derivatives",
  graph_options, G_N_ELEMENTS (graph_options), 900, 800, build_graph,
};

/* --- D03: single-neuron check --- */

/* the course's start values, as the page's (dln-graph.h) */
static const DlnFigureOption neuron_options[] = {
  { "x", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_NEURON_X), -1e6, 1e6, NULL,
    "input" },
  { "y", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_NEURON_Y), -1e6, 1e6, NULL,
    "target" },
  { "w", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_NEURON_W), -1e6, 1e6, NULL,
    "weight" },
  { "b", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_NEURON_B), -1e6, 1e6, NULL,
    "bias" },
};

static DlnStatus
build_neuron (const DlnFigureArgs *args,
              DlnFigureInstance   *out,
              DlnMessage          *msg)
{
  double x = dln_figure_args_double (args, "x");
  double y = dln_figure_args_double (args, "y");
  double w0 = dln_figure_args_double (args, "w");
  double b0 = dln_figure_args_double (args, "b");
  DlnNeuronCheckData *data;
  DlnNeuronNodes n;
  DlnArena *arena;
  DlnGraph *g;
  DlnStatus st;

  if ((arena = dln_catalogue_build_arena (msg)) == NULL)
    return DLN_STATUS_NO_MEMORY;
  g = dln_graph_new (arena, 32);
  if (dln_graph_build_neuron (g, x, y, w0, b0, &n) != DLN_STATUS_OK)
    {
      dln_message_set (msg, 0, "out of memory building the neuron's graph");
      dln_arena_free (arena);
      return DLN_STATUS_NO_MEMORY;
    }
  dln_graph_backward (g, n.loss);
  data = dln_neuron_check_data_new (g, &n);
  data->cache = dln_graph_layout_cache_new ();
  dln_arena_free (arena);

  st = layout_with_default_style (data->cache, data->graph, msg);
  if (st != DLN_STATUS_OK)
    {
      dln_neuron_check_data_free (data);
      return st;
    }
  dln_catalogue_instance_set (out, args->entry, data, render_neuron_check,
                dln_figure_neuron_check_csv, free_neuron_check);
  return DLN_STATUS_OK;
}

const DlnCatalogueEntry dln_catalogue_neuron_check = {
  "neuron-check", "D03",
  "single neuron tanh(wx + b): graph, analytic vs autograd gradients",
  neuron_options, G_N_ELEMENTS (neuron_options), 1200, 500, build_neuron,
};


/* --- D04: wide tanh net regression --- */

/* The run behind the figure: every epoch's predictions, so that an
 * animation draws any epoch of one run (DlnFigureFrameFunc). */
typedef struct
{
  DlnRegressionData  data;       /* what is drawn: the first n_epochs;
                                  * first, so the instance's data reads as
                                  * a DlnRegressionData */
  DlnRegressionData *block;      /* dln_regression_data_new (), whose
                                  * arrays @data points into */
  double            *pred_all;   /* [n_states, n] after 0, 1, ... updates */
  size_t             n_states;
  size_t             n_run;      /* epochs of the run */
  long               diverged;   /* the update whose loss was not finite,
                                  * or -1 */
  char               model[128];
  char               diverged_title[160];
  double             lr, momentum;
} RegressionRun;

DLN_CATALOGUE_WRAP_DATA (regression, regression, RegressionRun)

static void
free_regression (void *d)
{
  RegressionRun *r = d;

  dln_regression_data_free (r->block);
  g_free (r->pred_all);
  g_free (r);
}

/* Shows the run as a run of @value epochs: the same seed and steps, so
 * its first @value losses, its predictions after @value updates (or at
 * the divergence) and its title. */
static DlnStatus
frame_regression (void       *d,
                  long        value,
                  DlnMessage *msg)
{
  RegressionRun *r = d;
  DlnRegressionData *data = &r->data;
  size_t state;

  if (!dln_catalogue_frame_check (value, 0, r->n_run, msg))
    return DLN_STATUS_INVALID_INPUT;
  data->n_epochs = (size_t) value;
  if (r->diverged >= 0 && value > r->diverged)
    {
      state = r->n_states - 1;
      g_strlcpy (data->title, r->diverged_title, sizeof data->title);
    }
  else
    {
      state = (size_t) value;
      g_snprintf (data->title, sizeof data->title,
                  _("%s;  SGD \xce\xb7 = %g, momentum %g, %ld epochs"), r->model,
                  r->lr, r->momentum, value);
    }
  memcpy (data->pred, r->pred_all + state * data->n,
          data->n * sizeof (double));
  return DLN_STATUS_OK;
}

static const DlnFigureOption regression_options[] = {
  { "epochs", DLN_OPTION_INT, G_STRINGIFY (DLN_WIDE_NET_EPOCHS), 0, 100000,
    NULL, "full-batch training epochs (the course: 1847)" },
  { "lr", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_WIDE_NET_LR), 0, 10, NULL,
    "SGD learning rate" },
  { "momentum", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_WIDE_NET_MOMENTUM), 0,
    0.999, NULL, "SGD momentum" },
  { "hidden", DLN_OPTION_INT, G_STRINGIFY (DLN_WIDE_NET_HIDDEN), 1, 4096,
    NULL, "hidden tanh units" },
  { "seed", DLN_OPTION_INT, G_STRINGIFY (DLN_WIDE_NET_SEED), 0, 4294967295.0,
    NULL, "seed of the data, of the weights and of the run" },
};

static DlnStatus
build_regression (const DlnFigureArgs *args,
                  DlnFigureInstance   *out,
                  DlnMessage          *msg)
{
  size_t epochs = (size_t) dln_figure_args_int (args, "epochs");
  double x[DLN_WIDE_NET_SAMPLES], y[DLN_WIDE_NET_SAMPLES];
  DlnWideNetParams p;
  DlnRegressionData *data;
  RegressionRun *run;
  DlnArena *arena;
  DlnMlp net;
  DlnStatus st = DLN_STATUS_OK;

  dln_wide_net_params_init (&p);
  p.hidden = (size_t) dln_figure_args_int (args, "hidden");
  p.lr = dln_figure_args_double (args, "lr");
  p.momentum = dln_figure_args_double (args, "momentum");
  p.seed = (uint64_t) dln_figure_args_int (args, "seed");
  if ((arena = dln_catalogue_build_arena (msg)) == NULL)
    return DLN_STATUS_NO_MEMORY;
  st = dln_wide_net_setup (&p, x, y, &net, arena, msg);
  if (st != DLN_STATUS_OK)
    {
      dln_arena_free (arena);
      return st;
    }

  data = dln_regression_data_new (DLN_WIDE_NET_SAMPLES, epochs);
  run = g_new0 (RegressionRun, 1);
  run->data = *data;
  run->block = data;
  data = &run->data;
  run->n_run = epochs;
  run->diverged = -1;
  run->lr = net.optim.params.lr;
  run->momentum = net.optim.params.momentum;
  run->pred_all = g_try_malloc ((epochs + 1) * DLN_WIDE_NET_SAMPLES
                               * sizeof (double));
  if (run->pred_all == NULL)
    {
      free_regression (run);
      dln_arena_free (arena);
      dln_message_set (msg, 0, "out of memory for %zu epochs", epochs);
      return DLN_STATUS_NO_MEMORY;
    }
  memcpy (data->x, x, sizeof x);
  memcpy (data->y, y, sizeof y);
  /* one update at a time, keeping each state's fit; after a divergence
   * the rest of the curve is NaN */
  dln_mlp_predict (&net, data->x, DLN_WIDE_NET_SAMPLES, run->pred_all);
  run->n_states = 1;
  for (size_t e = 0; e < epochs && st == DLN_STATUS_OK; e++)
    {
      st = dln_mlp_step (&net, data->x, data->y, DLN_WIDE_NET_SAMPLES,
                         &data->loss[e], msg);
      dln_mlp_predict (&net, data->x, DLN_WIDE_NET_SAMPLES,
                       run->pred_all + run->n_states++ * DLN_WIDE_NET_SAMPLES);
      if (st != DLN_STATUS_OK)
        {
          for (size_t r = e + 1; r < epochs; r++)
            data->loss[r] = NAN;
          run->diverged = (long) e;
        }
    }
  if (st == DLN_STATUS_DIVERGED)
    {
      g_autofree char *esc = g_markup_escape_text (msg->text, -1);

      g_snprintf (run->diverged_title, sizeof run->diverged_title,
                  _("diverged: %s"), esc);
    }
  else if (st != DLN_STATUS_OK)
    {
      free_regression (run);
      dln_arena_free (arena);
      return st;
    }
  {
    /* the course prints the model one layer per line; a figure title
     * carries it on one */
    char summary[256];
    g_auto (GStrv) lines = NULL;
    GString *t = g_string_new (NULL);

    dln_mlp_summary (&net, summary, sizeof summary);
    lines = g_strsplit (g_strstrip (summary), "\n", -1);
    for (int i = 0; lines[i] != NULL; i++)
      {
        if (strstr (lines[i], "parameters") != NULL)
          g_string_append_printf (t, " (%s)", g_strstrip (lines[i]));
        else
          g_string_append_printf (t, "%s%s", i > 0 ? " \xe2\x86\x92 " : "",
                                  g_strstrip (lines[i]));
      }
    g_strlcpy (run->model, t->str, sizeof run->model);
    g_string_free (t, TRUE);
  }
  dln_arena_free (arena);
  frame_regression (run, (long) epochs, msg);
  dln_catalogue_instance_set (out, args->entry, run, render_regression,
                              csv_regression, free_regression);
  out->frame = frame_regression;
  return DLN_STATUS_OK;
}

const DlnCatalogueEntry dln_catalogue_regression = {
  "wide-net-regression", "D04",
  "wide tanh net on noisy sine: fit and training loss",
  regression_options, G_N_ELEMENTS (regression_options), 1200, 450,
  build_regression,
};
