/* Catalogue entry `loss-landscape-race` (D06/D07): the landscape page's
 * optimizer race, built from core's surfaces and optimizers with the
 * page's defaults, drawn by the same renderer (dln-figure-race.h). */

#define G_LOG_DOMAIN "dln-figure-catalogue-race"

#include "config.h"

#include "dln-figure-catalogue-private.h"
#include "dln-figure-catalogue.h"
#include "dln-figure-race.h"

#include "dln-optim.h"
#include "dln-surface.h"

#include <glib.h>

#include <string.h>

DLN_CATALOGUE_WRAP (race, DlnRaceData)

static void free_race (void *d) { dln_race_data_free (d); }

/* the options both entries share (the 3-D one adds the view); the
 * defaults are the page's, D06's course run (dln-surface.h) */
#define RACE_COMMON_OPTIONS \
  { "surface", DLN_OPTION_STRING, "shallow-net", 0, 0, NULL,                  \
    "built-in surface: shallow-net, ripple, quadratic, rosenbrock, "          \
    "himmelblau, beale, saddle, plateau" },                                   \
  { "expr", DLN_OPTION_STRING, "", 0, 0, NULL,                                \
    "custom surface f(x, y) (overrides --surface)" },                         \
  { "optimizers", DLN_OPTION_STRING, "sgd", 0, 0, NULL,                       \
    "comma-separated: sgd,momentum,nesterov,adagrad,rmsprop,adam" },          \
  { "lr", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_SURFACE_COURSE_LR), 0.0001,   \
    10, NULL, "learning rate" },                                              \
  { "momentum", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_SURFACE_COURSE_MOMENTUM), \
    0, 0.99, NULL, "momentum / Nesterov mu, Adam beta1 (as the page)" },      \
  { "epochs", DLN_OPTION_INT, G_STRINGIFY (DLN_SURFACE_COURSE_EPOCHS), 1,     \
    DLN_RACE_MAX_EPOCHS, NULL, "steps per trajectory" },                      \
  { "starts", DLN_OPTION_STRING, DLN_SURFACE_COURSE_STARTS, 0, 0, NULL,       \
    "start points X,Y;X,Y;... (at most 4)" },                                 \

static const DlnFigureOption race_options[] = {
  RACE_COMMON_OPTIONS
};

static const DlnFigureOption race3d_options[] = {
  RACE_COMMON_OPTIONS
  { "azimuth", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_RACE3D_AZIMUTH), 0, 360,
    NULL, "view azimuth, degrees" },
  { "elevation", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_RACE3D_ELEVATION), -10,
    90, NULL, "view elevation, degrees" },
};

/* What both entries build: the race, its surface and the expression's
 * arena (the surface's tape lives there). */
typedef struct
{
  DlnRaceData   *race;
  DlnSurface     surface;
  DlnArena      *arena;      /* nullable */
  DlnRace3DData  d3;         /* the 3-D entry only */
} RaceBuild;

static void
race_build_free (void *p)
{
  RaceBuild *b = p;

  dln_race_data_free (b->race);
  if (b->arena != NULL)
    dln_arena_free (b->arena);
  g_free (b);
}

static DlnStatus
build_common (const DlnFigureArgs *args,
              RaceBuild          **out_build,
              DlnMessage          *msg)
{
  const char *expr = dln_figure_args_string (args, "expr");
  size_t epochs = (size_t) dln_figure_args_int (args, "epochs");
  double lr = dln_figure_args_double (args, "lr");
  double mu = dln_figure_args_double (args, "momentum");
  double x0[DLN_RACE_MAX_STARTS], y0[DLN_RACE_MAX_STARTS];
  bool use[DLN_OPTIM_COUNT] = { false };
  g_auto (GStrv) names = g_strsplit (dln_figure_args_string (args, "optimizers"), ",", -1);
  RaceBuild *b;
  DlnStatus st;
  int n_starts, n_used = 0;

  n_starts = dln_catalogue_parse_points (dln_figure_args_string (args, "starts"),
                                         "starts", x0, y0, DLN_RACE_MAX_STARTS, msg);
  if (n_starts < 0)
    return DLN_STATUS_INVALID_INPUT;
  if (n_starts == 0)
    {
      dln_message_set (msg, 0, "--starts: give at least one point X,Y");
      return DLN_STATUS_INVALID_INPUT;
    }
  for (int i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      DlnOptimKind k;

      if (*name == '\0')
        continue;
      k = dln_optim_kind_from_name (name);
      if (k == DLN_OPTIM_COUNT)
        {
          dln_message_set (msg, 0, "--optimizers: unknown optimizer '%s' (use "
                           "sgd, momentum, nesterov, adagrad, rmsprop, adam)", name);
          return DLN_STATUS_INVALID_INPUT;
        }
      n_used += !use[k];
      use[k] = true;
    }
  if (n_used == 0)
    {
      dln_message_set (msg, 0, "--optimizers: name at least one optimizer");
      return DLN_STATUS_INVALID_INPUT;
    }

  b = g_new0 (RaceBuild, 1);
  if (*expr != '\0')
    {
      if ((b->arena = dln_catalogue_build_arena (msg)) == NULL)
        {
          g_free (b);
          return DLN_STATUS_NO_MEMORY;
        }
      st = dln_surface_init_expr (&b->surface, expr, b->arena, msg);
    }
  else
    st = dln_surface_init_by_name (&b->surface, dln_figure_args_string (args, "surface"),
                                   msg);
  if (st != DLN_STATUS_OK)
    {
      race_build_free (b);
      return st;
    }

  b->race = dln_race_data_new (DLN_RACE_GRID_N, DLN_RACE_ARROW_N,
                               DLN_RACE_MAX_EPOCHS + 2);
  b->d3.fmin = dln_race_data_set_surface (b->race, &b->surface);
  /* the page's order: per start, optimizers in enum order */
  for (int i = 0; i < n_starts; i++)
    for (int k = 0; k < DLN_OPTIM_COUNT; k++)
      if (use[k])
        {
          DlnOptimParams p;

          dln_optim_params_race (&p, k, lr, mu);
          dln_race_data_add_path (b->race, &b->surface, &p, i, x0[i], y0[i], epochs);
        }
  *out_build = b;
  return DLN_STATUS_OK;
}

static DlnStatus
build_race (const DlnFigureArgs *args,
            DlnFigureInstance   *out,
            DlnMessage          *msg)
{
  RaceBuild *b;
  DlnRaceData *data;
  DlnStatus st = build_common (args, &b, msg);

  if (st != DLN_STATUS_OK)
    return st;
  /* the 2-D figure needs only the race: keep it, drop the rest */
  data = b->race;
  b->race = NULL;
  race_build_free (b);
  dln_catalogue_instance_set (out, args->entry, data, render_race,
                              dln_figure_race_csv, free_race);
  return DLN_STATUS_OK;
}

static void
render_race3d (cairo_t              *cr,
               const DlnFigureStyle *style,
               const void           *data,
               double                w,
               double                h,
               DlnFigureGeometry    *geom)
{
  dln_figure_race3d_render (cr, style, &((const RaceBuild *) data)->d3, w, h, geom);
}

static DlnStatus
race3d_csv (FILE       *out,
            const void *data,
            DlnMessage *msg)
{
  return dln_figure_race3d_csv (out, &((const RaceBuild *) data)->d3, msg);
}

static DlnStatus
build_race3d (const DlnFigureArgs *args,
              DlnFigureInstance   *out,
              DlnMessage          *msg)
{
  RaceBuild *b;
  DlnStatus st = build_common (args, &b, msg);

  if (st != DLN_STATUS_OK)
    return st;
  b->d3.race = b->race;
  b->d3.view = (DlnView3D) { dln_figure_args_double (args, "azimuth"),
                             dln_figure_args_double (args, "elevation") };
  dln_race3d_data_set_surface (&b->d3, &b->surface, &b->race->box, b->d3.fmin);
  dln_catalogue_instance_set (out, args->entry, b, render_race3d, race3d_csv,
                              race_build_free);
  return DLN_STATUS_OK;
}

const DlnCatalogueEntry dln_catalogue_race = {
  "loss-landscape-race", "D06",
  "optimizer race on a 2-D surface: log-loss heatmap, descent field, one "
  "trajectory per start and optimizer (the landscape page's figure)",
  race_options, G_N_ELEMENTS (race_options), 800, 700, build_race,
};

const DlnCatalogueEntry dln_catalogue_race3d = {
  "loss-landscape-race-3d", "D07",
  "the optimizer race on the 3-D surface log(L + 0.5) (the landscape "
  "page's 3-D view)",
  race3d_options, G_N_ELEMENTS (race3d_options), 800, 700, build_race3d,
};
