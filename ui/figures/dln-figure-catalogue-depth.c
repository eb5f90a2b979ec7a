/* Catalogue entries of Tutorial 2 sec. 2 (D08-D12): the deep narrow
 * linear chain's learning curves, and the D10 Register game. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-chain.h"
#include "dln-figure-catalogue.h"
#include "dln-figure-catalogue-private.h"
#include "dln-figure-curves.h"
#include "dln-figure-register.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The course's chain run with the options every entry has (depth, lr,
 * epochs, seed); the rest (init) at the course's values. */
static void
chain_course (const DlnFigureArgs *args,
              DlnChainCount        count,
              DlnChainCourse      *c)
{
  dln_chain_course_init (c);
  c->count = count;
  c->depth = (size_t) dln_figure_args_int (args, "depth");
  c->lr = dln_figure_args_double (args, "lr");
  c->epochs = (size_t) dln_figure_args_int (args, "epochs");
  c->seed = (uint64_t) dln_figure_args_int (args, "seed");
}

/* Every curve is the course's chain run (dln_chain_course_run ()), so
 * the curves match the pages and `dlnlab-cli chain` to the bit. A
 * diverged run is a result (its curve ends in NaN and is flagged), not an
 * error. */
static DlnStatus
chain_run (const DlnChainCourse *c,
           double               *loss,
           DlnMessage           *msg)
{
  DlnStatus status = dln_chain_course_run (c, loss, NULL, NULL, msg);

  return status == DLN_STATUS_DIVERGED ? DLN_STATUS_OK : status;
}

/* --- Figure data owned by an instance --- */

DLN_CATALOGUE_WRAP_DATA (curves, curves, DlnCatalogueCurves)

DlnStatus
dln_catalogue_curves_frame (void       *data,
                            long        value,
                            DlnMessage *msg)
{
  DlnCatalogueCurves *f = data;

  if (!dln_catalogue_frame_check (value, 1, f->n_run, msg))
    return DLN_STATUS_INVALID_INPUT;
  for (size_t k = 0; k < f->data.n_curves; k++)
    f->curves[k].n = (size_t) value;
  return DLN_STATUS_OK;
}

/* NULL with @msg set when out of memory. */
static DlnCatalogueCurves *
curves_figure_new (size_t      n_curves,
                   size_t      epochs,
                   DlnMessage *msg)
{
  DlnCatalogueCurves *f = calloc (1, sizeof *f + n_curves * epochs
                                           * sizeof (double));

  if (f == NULL)
    {
      dln_message_set (msg, 0, "out of memory for %zu epochs", epochs);
      return NULL;
    }
  f->data.curves = f->curves;
  f->data.n_curves = n_curves;
  f->data.title = f->title;
  f->data.xlabel = N_("epochs");
  f->data.ylabel = N_("Log mean squared error");
  f->data.log_y = true;
  f->data.y_min = 0.001;
  f->data.y_max = 1.0;
  f->data.legend = DLN_LEGEND_AUTO;
  return f;
}

/* D08, D09, D12: one chain with depth + 1 weights. */
static DlnStatus
build_chain_single (const DlnFigureArgs *args,
                    DlnFigureInstance   *out,
                    DlnMessage          *msg)
{
  DlnChainCourse c;
  char lr_text[32];
  DlnCatalogueCurves *f;
  DlnStatus status;

  chain_course (args, DLN_CHAIN_COUNT_DEPTH_PLUS_ONE, &c);
  c.init_weight = dln_figure_args_double (args, "init");
  /* 0 asks for D08's rule */
  if (c.lr == 0)
    c.lr = dln_chain_depth_lr (c.depth);
  if ((f = curves_figure_new (1, c.epochs, msg)) == NULL)
    return DLN_STATUS_NO_MEMORY;
  status = chain_run (&c, f->loss, msg);
  if (status != DLN_STATUS_OK)
    {
      free (f);
      return status;
    }
  snprintf (lr_text, sizeof lr_text, "%.3g", c.lr);
  snprintf (f->title, sizeof f->title,
            _("Training a %ld-layer LNN with η=%s initialized with w<sub>i</sub>=%g"
            " (%ld weights)"), (long) c.depth, lr_text, c.init_weight,
            (long) c.depth + 1);
  f->curves[0].y = f->loss;
  f->curves[0].n = c.epochs;
  f->curves[0].color = DLN_COLOR_PURPLE;  /* the course's magenta */
  f->curves[0].line_width = 3.0;
  f->n_run = c.epochs;
  dln_catalogue_instance_set (out, args->entry, f, render_curves, csv_curves,
                              free);
  out->frame = dln_catalogue_curves_frame;
  return DLN_STATUS_OK;
}

/* D11: DLN_CHAIN_INIT_DEMO_RUNS initial weights 0.70 ... 1.05 at depth
 * 15 (exactly 15 weights). */
static DlnStatus
build_init_loss (const DlnFigureArgs *args,
                 DlnFigureInstance   *out,
                 DlnMessage          *msg)
{
  DlnChainCourse c;
  size_t epochs;
  DlnCatalogueCurves *f;

  chain_course (args, DLN_CHAIN_COUNT_DEPTH, &c);
  epochs = c.epochs;
  if ((f = curves_figure_new (DLN_CHAIN_INIT_DEMO_RUNS, epochs, msg)) == NULL)
    return DLN_STATUS_NO_MEMORY;
  for (size_t k = 0; k < DLN_CHAIN_INIT_DEMO_RUNS; k++)
    {
      DlnStatus status;

      c.init_weight = dln_chain_init_demo_weight (k);
      status = chain_run (&c, f->loss + k * epochs, msg);
      if (status != DLN_STATUS_OK)
        {
          free (f);
          return status;
        }
      snprintf (f->labels[k], sizeof f->labels[k], _("initial weights %.2f"),
                c.init_weight);
      f->curves[k].y = f->loss + k * epochs;
      f->curves[k].n = epochs;
      f->curves[k].color = -1;
      f->curves[k].line_width = 3.0;
      f->curves[k].label = f->labels[k];
    }
  snprintf (f->title, sizeof f->title,
            _("Training a %ld-layer narrow LNN with η=%g (%ld weights)"),
            (long) c.depth, c.lr, (long) c.depth);
  f->data.legend = DLN_LEGEND_LOWER_LEFT;  /* as the course: 4 columns */
  f->data.legend_columns = 4;
  f->n_run = epochs;
  dln_catalogue_instance_set (out, args->entry, f, render_curves, csv_curves,
                              free);
  out->frame = dln_catalogue_curves_frame;
  return DLN_STATUS_OK;
}

/* --- Entries --- */

/* The defaults are the pages' (dln-chain.h), printed by G_STRINGIFY. */
#define SEED_OPTION \
  { "seed", DLN_OPTION_INT, G_STRINGIFY (DLN_CHAIN_DEFAULT_SEED), 0, \
    4294967295.0, NULL, "seed of the data generator" }
#define EPOCHS_OPTION(def) \
  { "epochs", DLN_OPTION_INT, G_STRINGIFY (def), 1, 100000, NULL, \
    "training epochs" }
#define DEPTH_OPTION(def, min, help) \
  { "depth", DLN_OPTION_INT, G_STRINGIFY (def), min, 100, NULL, help }
#define LR_OPTION(def, min, max, help) \
  { "lr", DLN_OPTION_DOUBLE, G_STRINGIFY (def), min, max, NULL, help }
/* D08, D09 and D12: one chain of depth + 1 weights, one figure and one
 * build; the entries differ in their defaults and the sliders their help
 * names. Defines @var's options and the entry dln_catalogue_@var. */
#define SINGLE_CHAIN_ENTRY(var, name, demo, description, depth, depth_help, \
                           lr, lr_help, init_help)                         \
  static const DlnFigureOption var##_options[] = {                        \
    DEPTH_OPTION (depth, 0, "depth; the chain has depth + 1 scalar "      \
                  "weights" depth_help),                                  \
    LR_OPTION (lr, 0, 10, "learning rate η" lr_help),                     \
    { "init", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_CHAIN_DEFAULT_INIT),    \
      -10, 10, NULL, "initial value of every weight" init_help },         \
    EPOCHS_OPTION (DLN_CHAIN_DEFAULT_EPOCHS),                             \
    SEED_OPTION,                                                          \
  };                                                                      \
  const DlnCatalogueEntry dln_catalogue_##var = {                         \
    name, demo, description, var##_options,                               \
    G_N_ELEMENTS (var##_options), 960, 480, build_chain_single,           \
  }

SINGLE_CHAIN_ENTRY (depth_loss, "depth-loss", "D08",
                    "loss of the deep narrow chain at a chosen depth (log y)",
                    DLN_CHAIN_DEPTH_DEMO_DEPTH, " (slider: 0, 5, ..., 50)",
                    0, "; 0: the course's rule (0.02 at depth 0, else 0.01)",
                    "");

SINGLE_CHAIN_ENTRY (lr_loss, "lr-loss", "D09",
                    "loss of the 50-layer narrow chain at a chosen η (log y)",
                    DLN_CHAIN_LR_DEMO_DEPTH, "", DLN_CHAIN_LR_DEMO_LR,
                    " (slider: 0.005 ... 0.2 in steps of 0.005)", "");

SINGLE_CHAIN_ENTRY (playground_loss, "playground-loss", "D12",
                    "loss of the narrow chain for any depth, η and initial "
                    "weight (log y)",
                    DLN_CHAIN_PLAYGROUND_DEPTH, " (slider: 10 ... 50)",
                    DLN_CHAIN_PLAYGROUND_LR, "", " (slider: 0.1 ... 3.0)");

static const DlnFigureOption init_options[] = {
  DEPTH_OPTION (DLN_CHAIN_INIT_DEMO_DEPTH, 1,
                "depth = number of scalar weights"),
  LR_OPTION (DLN_CHAIN_INIT_DEMO_LR, 0, 10, "learning rate η"),
  EPOCHS_OPTION (DLN_CHAIN_INIT_DEMO_EPOCHS),
  SEED_OPTION,
};

const DlnCatalogueEntry dln_catalogue_init_loss = {
  "init-loss", "D11",
  "loss curves for initial weights 0.70, 0.75, ..., 1.05 (log y)",
  init_options, 4, 1152, 576, build_init_loss,
};

/* --- D10: the Register game --- */

typedef struct
{
  DlnRegisterData data;
  char            title[192];
  double          depth[DLN_CHAIN_GAME_DEPTHS], lr[DLN_CHAIN_GAME_DEPTHS];
  double          time[DLN_CHAIN_GAME_DEPTHS];
  double          loss[];  /* [epochs], in the figure's block */
} RegisterFigure;

DLN_CATALOGUE_WRAP_DATA (register, register, RegisterFigure)

/* Learning time (D10's rule) of a chain with exactly @depth weights, or
 * −1 when it does not converge. */
static DlnStatus
game_time (const DlnChainCourse *game,
           size_t                depth,
           double                lr,
           double               *scratch,
           long                 *time,
           DlnMessage           *msg)
{
  DlnChainCourse c = *game;
  DlnStatus status;

  c.depth = depth;
  c.lr = lr;
  status = chain_run (&c, scratch, msg);
  if (status != DLN_STATUS_OK)
    return status;
  *time = dln_chain_learning_time (scratch, c.epochs,
                                   DLN_CHAIN_CONVERGED_LOSS);
  return DLN_STATUS_OK;
}

static DlnStatus
build_register (const DlnFigureArgs *args,
                DlnFigureInstance   *out,
                DlnMessage          *msg)
{
  const char *reg = dln_figure_args_string (args, "registered");
  DlnChainCourse c;
  RegisterFigure *f;
  double *scratch;
  size_t epochs;
  DlnStatus status;
  size_t n = 0;

  chain_course (args, DLN_CHAIN_COUNT_DEPTH, &c);
  epochs = c.epochs;
  f = calloc (1, sizeof *f + epochs * sizeof (double));
  scratch = malloc (epochs * sizeof *scratch);
  if (f == NULL || scratch == NULL)
    {
      free (scratch);
      free (f);
      dln_message_set (msg, 0, "out of memory for %zu epochs", epochs);
      return DLN_STATUS_NO_MEMORY;
    }
  /* Drawn once when the game starts, reused for every run (D10). */
  status = chain_run (&c, f->loss, msg);

  if (status == DLN_STATUS_OK && strcmp (reg, "auto") == 0)
    {
      /* What a careful player registers: for each depth the slider η with
       * the shortest learning time. */
      for (size_t d = 0; d < DLN_CHAIN_GAME_DEPTHS && status == DLN_STATUS_OK;
           d++)
        {
          long best = -1;
          double best_lr = NAN;

          for (int k = 1; k <= DLN_CHAIN_GAME_LR_STEPS; k++)
            {
              long t;

              status = game_time (&c, dln_chain_game_depth (d),
                                  DLN_CHAIN_GAME_LR_STEP * k, scratch, &t,
                                  msg);
              if (status != DLN_STATUS_OK)
                break;
              if (t >= 0 && (best < 0 || t <= best))
                {
                  best = t;
                  best_lr = DLN_CHAIN_GAME_LR_STEP * k;
                }
            }
          if (best >= 0)
            {
              f->depth[n] = (double) dln_chain_game_depth (d);
              f->lr[n] = best_lr;
              f->time[n] = (double) best;
              n++;
            }
        }
    }
  else if (status == DLN_STATUS_OK && strcmp (reg, "none") != 0)
    {
      /* "depth:lr,depth:lr,...", as registered in the window. */
      const char *p = reg;

      while (*p != '\0' && status == DLN_STATUS_OK)
        {
          char *end;
          long dd = strtol (p, &end, 10), t;
          double ll;

          if (end == p || *end != ':' || dd < 1 || dd > 100
              || n >= DLN_CHAIN_GAME_DEPTHS)
            {
              dln_message_set (msg, (int) (p - reg) + 1,
                               "--registered: expected DEPTH:LR pairs (at "
                               "most %d, depth 1 ... 100) at column %d of "
                               "'%s', or 'auto' or 'none'",
                               DLN_CHAIN_GAME_DEPTHS,
                               (int) (p - reg) + 1, reg);
              status = DLN_STATUS_INVALID_INPUT;
              break;
            }
          p = end + 1;
          ll = g_ascii_strtod (p, &end);
          if (end == p || !(ll > 0 && ll <= 1) || (*end != ',' && *end != '\0'))
            {
              dln_message_set (msg, (int) (p - reg) + 1,
                               "--registered: bad learning rate at column %d "
                               "of '%s' (0 < lr <= 1)", (int) (p - reg) + 1,
                               reg);
              status = DLN_STATUS_INVALID_INPUT;
              break;
            }
          p = *end == ',' ? end + 1 : end;
          status = game_time (&c, (size_t) dd, ll, scratch, &t, msg);
          if (status == DLN_STATUS_OK && t < 0)
            {
              dln_message_set (msg, 0,
                               "--registered: η=%g does not converge at "
                               "depth %ld, so it cannot be registered", ll,
                               dd);
              status = DLN_STATUS_INVALID_INPUT;
            }
          if (status == DLN_STATUS_OK)
            {
              f->depth[n] = (double) dd;
              f->lr[n] = ll;
              f->time[n] = (double) t;
              n++;
            }
        }
    }
  free (scratch);
  if (status != DLN_STATUS_OK)
    {
      free (f);
      return status;
    }
  snprintf (f->title, sizeof f->title,
            _("Training a %ld-layer LNN with η=%.3f (%ld weights)"),
            (long) c.depth, c.lr, (long) c.depth);
  f->data.title = f->title;
  f->data.loss = f->loss;
  f->data.n_epochs = epochs;
  f->data.n_points = n;
  f->data.depth = f->depth;
  f->data.lr = f->lr;
  f->data.time = f->time;
  dln_catalogue_instance_set (out, args->entry, f, render_register,
                              csv_register, free);
  return DLN_STATUS_OK;
}

static const DlnFigureOption register_options[] = {
  DEPTH_OPTION (DLN_CHAIN_GAME_DEPTH, 1, "depth of the current run = number "
                "of weights (game: 10, 20, ..., 60)"),
  LR_OPTION (DLN_CHAIN_GAME_LR, DLN_CHAIN_GAME_LR_MIN, DLN_CHAIN_GAME_LR_MAX,
             "η of the current run (slider 0.005 ... 0.105)"),
  { "registered", DLN_OPTION_STRING, "auto", 0, 0, NULL,
    "registered points: DEPTH:LR,... ; 'auto' = the fastest slider η per "
    "depth; 'none'" },
  EPOCHS_OPTION (DLN_CHAIN_DEFAULT_EPOCHS),
  SEED_OPTION,
};

const DlnCatalogueEntry dln_catalogue_register = {
  "register", "D10",
  "the Register game: current loss, learning time and best η vs depth",
  register_options, 5, 960, 768, build_register,
};
