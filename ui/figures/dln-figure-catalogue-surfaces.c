/* Catalogue entries built on the surface engines (core/dln-surface.h):
 * D01 gradient field of a user expression, D05 shallow-net training, D06
 * 2-D landscape and D07 3-D surface of the shallow net's loss. */

#define G_LOG_DOMAIN "dln-figure-catalogue-surfaces"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-figure-catalogue-private.h"
#include "dln-figure-catalogue.h"
#include "dln-figure-gradients.h"

#include "dln-dataset.h"
#include "dln-optim.h"
#include "dln-rng.h"
#include "dln-surface.h"

#include <glib.h>

#include <math.h>
#include <string.h>

DLN_CATALOGUE_WRAP (gradient_field, DlnGradientFieldData)
DLN_CATALOGUE_WRAP (shallow, DlnShallowData)
DLN_CATALOGUE_WRAP (landscape, DlnLandscapeData)
DLN_CATALOGUE_WRAP (surface3d, DlnSurface3DData)

static void free_gradient_field (void *d) { dln_gradient_field_data_free (d); }
static void free_shallow (void *d) { dln_shallow_data_free (d); }
static void free_landscape (void *d) { dln_landscape_data_free (d); }
static void free_surface3d (void *d) { dln_surface3d_data_free (d); }

/* --- D01: gradient field --- */

/* the defaults are the course's figure (dln-surface.h), as the page's */
static const DlnFigureOption gradient_field_options[] = {
  { "expr", DLN_OPTION_STRING, DLN_SURFACE_FIELD_EXPR, 0, 0, NULL,
    "surface z = h(x, y) in the variables x and y" },
  { "extent", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_SURFACE_FIELD_EXTENT), 0.1,
    1000, NULL, "contours over x, y in [-extent, extent]" },
  { "samples", DLN_OPTION_INT, G_STRINGIFY (DLN_SURFACE_FIELD_SAMPLES), 16,
    1001, NULL, "grid points per axis (the course: 301, step 0.02)" },
  { "levels", DLN_OPTION_INT, G_STRINGIFY (DLN_SURFACE_FIELD_LEVELS), 2, 200,
    NULL, "filled contour bands" },
  { "arrow-extent", DLN_OPTION_DOUBLE,
    G_STRINGIFY (DLN_SURFACE_FIELD_ARROW_EXTENT), 0, 1000, NULL,
    "arrows on [-arrow-extent, arrow-extent]²" },
  { "arrows", DLN_OPTION_INT, G_STRINGIFY (DLN_SURFACE_FIELD_ARROWS), 2, 60,
    NULL, "arrows per axis" },
  { "quiver-scale", DLN_OPTION_DOUBLE,
    G_STRINGIFY (DLN_SURFACE_FIELD_QUIVER_SCALE), 1e-6, 1e9, NULL,
    "an arrow is |grad z| / scale of the plot width" },
};

static DlnStatus
build_gradient_field (const DlnFigureArgs *args,
                      DlnFigureInstance   *out,
                      DlnMessage          *msg)
{
  const char *expr = dln_figure_args_string (args, "expr");
  double ext = dln_figure_args_double (args, "extent");
  double aext = dln_figure_args_double (args, "arrow-extent");
  size_t ns = (size_t) dln_figure_args_int (args, "samples");
  size_t na = (size_t) dln_figure_args_int (args, "arrows");
  DlnGradientFieldData *data;
  DlnArena *arena;
  DlnSurface s;
  DlnStatus st;
  DlnViewBox box = { -ext, ext, -ext, ext };

  if ((arena = dln_catalogue_build_arena (msg)) == NULL)
    return DLN_STATUS_NO_MEMORY;
  st = dln_surface_init_expr (&s, expr, arena, msg);
  if (st != DLN_STATUS_OK)
    {
      dln_arena_free (arena);
      return st;
    }

  data = dln_gradient_field_data_new (ns, ns, na * na);
  data->x_min = data->y_min = -ext;
  data->x_max = data->y_max = ext;
  data->n_levels = (size_t) dln_figure_args_int (args, "levels");
  data->quiver_scale = dln_figure_args_double (args, "quiver-scale");
  if (strcmp (expr, "sin(x^2 + y^2)") == 0)
    g_strlcpy (data->title, "Gradient vectors point towards steepest ascent",
               sizeof data->title);
  else
    {
      g_autofree char *esc = g_markup_escape_text (expr, -1);

      g_snprintf (data->title, sizeof data->title,
                  _("Gradient vectors of z = %s"), esc);
    }
  dln_surface_grid (&s, &box, ns, ns, data->z, NULL, NULL);
  for (size_t j = 0; j < na; j++)
    for (size_t i = 0; i < na; i++)
      {
        size_t k = j * na + i;
        double g[2];

        data->ax[k] = -aext + 2 * aext * (double) i / (double) (na - 1);
        data->ay[k] = -aext + 2 * aext * (double) j / (double) (na - 1);
        dln_surface_grad (&s, data->ax[k], data->ay[k], g);
        data->au[k] = g[0];
        data->av[k] = g[1];
      }
  dln_arena_free (arena);
  dln_catalogue_instance_set (out, args->entry, data, render_gradient_field,
                dln_figure_gradient_field_csv, free_gradient_field);
  return DLN_STATUS_OK;
}

const DlnCatalogueEntry dln_catalogue_gradient_field = {
  "gradient-field", "D01",
  "filled contours of z = h(x, y) with +grad z arrows and a colour bar",
  gradient_field_options, G_N_ELEMENTS (gradient_field_options),
  800, 700, build_gradient_field,
};

/* --- D05: shallow narrow linear net --- */

static const DlnFigureOption shallow_options[] = {
  { "w1", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_NARROW_W1), -100, 100, NULL,
    "initial w1" },
  { "w2", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_NARROW_W2), -100, 100, NULL,
    "initial w2" },
  { "lr", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_NARROW_LR), 0, 100, NULL,
    "learning rate" },
  { "epochs", DLN_OPTION_INT, G_STRINGIFY (DLN_NARROW_EPOCHS), 1, 100000,
    NULL, "updates" },
  { "seed", DLN_OPTION_INT, G_STRINGIFY (DLN_NARROW_SEED), 0, 4294967295.0,
    NULL, "data seed" },
  { "samples", DLN_OPTION_INT, G_STRINGIFY (DLN_NARROW_SAMPLES), 1, 1000,
    NULL, "data points (the course's gen_samples: 73)" },
  { "slope", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_NARROW_SLOPE), -5, 5, NULL,
    "slope a of y = a x + noise" },
  { "noise", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_NARROW_NOISE), 0, 2, NULL,
    "noise sigma" },
};

static DlnStatus
build_shallow (const DlnFigureArgs *args,
               DlnFigureInstance   *out,
               DlnMessage          *msg)
{
  DlnNarrowParams p;
  DlnNarrowResult r;
  DlnShallowData *data;
  DlnStatus st;
  double w1 = NAN, w2 = NAN;

  dln_narrow_params_init (&p);
  p.w1 = dln_figure_args_double (args, "w1");
  p.w2 = dln_figure_args_double (args, "w2");
  p.lr = dln_figure_args_double (args, "lr");
  p.epochs = (size_t) dln_figure_args_int (args, "epochs");
  p.seed = (uint64_t) dln_figure_args_int (args, "seed");
  p.samples = (size_t) dln_figure_args_int (args, "samples");
  p.slope = dln_figure_args_double (args, "slope");
  p.noise = dln_figure_args_double (args, "noise");
  data = dln_shallow_data_new (p.samples, DLN_NARROW_N_EVAL, p.epochs);
  r = (DlnNarrowResult) { .x = data->x, .y = data->y, .loss = data->loss,
                          .w1 = data->w1, .w2 = data->w2, .eval_x = data->ex };
  st = dln_narrow_run (&p, &r, msg);
  if (st == DLN_STATUS_DIVERGED)
    g_snprintf (data->title, sizeof data->title, _("diverged: %s"), msg->text);
  else if (st != DLN_STATUS_OK)
    {
      dln_shallow_data_free (data);
      return st;
    }
  data->slope = r.slope;
  for (size_t e = 0; e < p.epochs; e++)
    if (isfinite (data->w1[e]) && isfinite (data->w2[e]))
      {
        w1 = data->w1[e];
        w2 = data->w2[e];
      }
  for (size_t i = 0; i < data->n_eval; i++)
    data->ey[i] = w1 * w2 * data->ex[i];
  dln_catalogue_instance_set (out, args->entry, data, render_shallow,
                dln_figure_shallow_csv, free_shallow);
  return DLN_STATUS_OK;
}

const DlnCatalogueEntry dln_catalogue_shallow = {
  "shallow-net", "D05",
  "shallow narrow linear net: fit, loss and both weights",
  shallow_options, G_N_ELEMENTS (shallow_options), 1200, 420, build_shallow,
};

/* --- D06 / D07: loss landscape --- */

/* Runs plain GD from (@x0, @y0) and stores the weights after each of
 * @epochs updates in @w1 / @w2 (docs/demos.md#recording: no point for the
 * start); after a divergence the rest is NaN. */
static DlnStatus
descend (const DlnSurface *s,
         double            lr,
         double            x0,
         double            y0,
         size_t            epochs,
         double           *w1,
         double           *w2,
         DlnMessage       *msg)
{
  g_autofree double *px = g_new (double, epochs + 1);
  g_autofree double *py = g_new (double, epochs + 1);
  g_autofree double *pl = g_new (double, epochs + 1);
  DlnTrajectory tr = { .x = px, .y = py, .loss = pl,
                       .capacity = epochs + 1 };
  DlnOptimParams p;
  DlnStatus st;

  dln_optim_params_init (&p, DLN_OPTIM_SGD);
  p.lr = lr;
  st = dln_surface_descend (s, &p, NULL, x0, y0, epochs, &tr, NULL);
  if (st != DLN_STATUS_OK && st != DLN_STATUS_DIVERGED)
    {
      dln_message_set (msg, 0, "descent from (%g, %g) failed", x0, y0);
      return st;
    }
  for (size_t e = 0; e < epochs; e++)
    {
      w1[e] = e + 1 < tr.n_points ? px[e + 1] : NAN;
      w2[e] = e + 1 < tr.n_points ? py[e + 1] : NAN;
    }
  return DLN_STATUS_OK;
}

/* Parses --starts into @x0 / @y0; returns the count or -1. */
static int
starts_option (const DlnFigureArgs *args,
               double              *x0,
               double              *y0,
               DlnMessage          *msg)
{
  int n = dln_catalogue_parse_points (dln_figure_args_string (args, "starts"), "starts",
                        x0, y0, DLN_LANDSCAPE_MAX_TRAJECTORIES, msg);

  if (n == 0)
    dln_message_set (msg, 0, "--starts: give at least one point X,Y");
  return n > 0 ? n : -1;
}

/* the defaults are D06's course run (dln-surface.h), as the page's */
static const DlnFigureOption landscape_options[] = {
  { "lr", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_SURFACE_COURSE_LR), 0, 100,
    NULL, "learning rate" },
  { "epochs", DLN_OPTION_INT, G_STRINGIFY (DLN_SURFACE_COURSE_EPOCHS), 1,
    100000, NULL, "GD updates per start" },
  { "starts", DLN_OPTION_STRING, DLN_SURFACE_COURSE_STARTS, 0, 0, NULL,
    "start points W1,W2;W1,W2;... (at most 8)" },
  { "layers", DLN_OPTION_STRING, "loss,vectors,trajectories,solutions", 0, 0,
    NULL, "comma-separated subset of loss,vectors,trajectories,solutions" },
  { "samples", DLN_OPTION_INT, "201", 8, 1001, NULL,
    "loss grid points per axis" },
  { "levels", DLN_OPTION_INT, "100", 2, 400, NULL, "filled contour bands" },
};

static DlnStatus
build_landscape (const DlnFigureArgs *args,
                 DlnFigureInstance   *out,
                 DlnMessage          *msg)
{
  const char *layers = dln_figure_args_string (args, "layers");
  size_t ng = (size_t) dln_figure_args_int (args, "samples");
  size_t epochs = (size_t) dln_figure_args_int (args, "epochs");
  double lr = dln_figure_args_double (args, "lr");
  double x0[DLN_LANDSCAPE_MAX_TRAJECTORIES], y0[DLN_LANDSCAPE_MAX_TRAJECTORIES];
  g_autofree double *w1 = g_new (double, epochs);
  g_autofree double *w2 = g_new (double, epochs);
  g_auto (GStrv) parts = g_strsplit (layers, ",", -1);
  DlnLandscapeData *data;
  DlnSurface s;
  int n_starts;
  /* the course's arrow grid: -1.9, -1.7, ..., 1.9 (20 values) */
  DlnViewBox arrow_box = { -1.9, 1.9, -1.9, 1.9 };

  if ((n_starts = starts_option (args, x0, y0, msg)) < 0)
    return DLN_STATUS_INVALID_INPUT;

  dln_surface_init (&s, DLN_SURFACE_SHALLOW_NET);
  data = dln_landscape_data_new (ng, 20 * 20);
  data->show_loss = data->show_vectors = false;
  data->show_trajectories = data->show_solutions = false;
  for (int i = 0; parts[i] != NULL; i++)
    {
      const char *l = g_strstrip (parts[i]);

      if (strcmp (l, "loss") == 0)
        data->show_loss = true;
      else if (strcmp (l, "vectors") == 0)
        data->show_vectors = true;
      else if (strcmp (l, "trajectories") == 0)
        data->show_trajectories = true;
      else if (strcmp (l, "solutions") == 0)
        data->show_solutions = true;
      else if (strcmp (l, "all") == 0)
        data->show_loss = data->show_vectors = data->show_trajectories =
          data->show_solutions = true;
      else if (*l != '\0')
        {
          dln_message_set (msg, 0, "--layers: unknown layer '%s' (use loss, "
                           "vectors, trajectories, solutions)", l);
          dln_landscape_data_free (data);
          return DLN_STATUS_INVALID_INPUT;
        }
    }
  data->n_levels = (size_t) dln_figure_args_int (args, "levels");
  data->lr = lr;
  g_snprintf (data->title, sizeof data->title,
              _("Loss of \xc5\xb7 = w\xe2\x82\x81w\xe2\x82\x82x, "
              "GD \xce\xb7 = %g, %zu epochs"), lr, epochs);
  {
    DlnViewBox box = { data->lo, data->hi, data->lo, data->hi };

    dln_surface_grid (&s, &box, ng, ng, data->loss, NULL, NULL);
  }
  {
    g_autofree double *gx = g_new (double, 400);
    g_autofree double *gy = g_new (double, 400);

    dln_surface_grid (&s, &arrow_box, 20, 20, NULL, gx, gy);
    for (size_t j = 0; j < 20; j++)
      for (size_t i = 0; i < 20; i++)
        {
          data->gx[j * 20 + i] = -1.9 + 0.2 * (double) i;
          data->gy[j * 20 + i] = -1.9 + 0.2 * (double) j;
          data->g1[j * 20 + i] = gx[j * 20 + i];
          data->g2[j * 20 + i] = gy[j * 20 + i];
        }
  }
  if (!dln_surface_shallow_product (&s, &data->c, NULL))
    data->c = NAN;
  if (s.n_saddles > 0)
    {
      data->saddle_w1 = s.saddles[0].x;
      data->saddle_w2 = s.saddles[0].y;
    }
  for (int k = 0; k < n_starts; k++)
    {
      DlnStatus st = descend (&s, lr, x0[k], y0[k], epochs, w1, w2, msg);

      if (st != DLN_STATUS_OK)
        {
          dln_landscape_data_free (data);
          return st;
        }
      dln_landscape_data_add_trajectory (data, w1, w2, epochs);
    }
  dln_catalogue_instance_set (out, args->entry, data, render_landscape,
                dln_figure_landscape_csv, free_landscape);
  return DLN_STATUS_OK;
}

const DlnCatalogueEntry dln_catalogue_landscape = {
  "loss-landscape", "D06",
  "2-D loss landscape: log-loss contours, descent field, trajectories, "
  "solution hyperbola, saddle",
  landscape_options, G_N_ELEMENTS (landscape_options), 800, 700,
  build_landscape,
};

static const DlnFigureOption surface3d_options[] = {
  { "lr", DLN_OPTION_DOUBLE, "0.02", 0, 100, NULL, "learning rate" },
  { "epochs", DLN_OPTION_INT, "240", 1, 100000, NULL, "GD updates per path" },
  { "starts", DLN_OPTION_STRING, "-1.8,1.7;1.5,-1.5", 0, 0, NULL,
    "start points W1,W2;W1,W2;... (at most 8)" },
  { "elevation", DLN_OPTION_DOUBLE, "45", -90, 90, NULL, "view elevation, degrees" },
  { "azimuth", DLN_OPTION_DOUBLE, "260", -360, 360, NULL, "view azimuth, degrees" },
  { "samples", DLN_OPTION_INT, "60", 8, 400, NULL, "surface grid per axis" },
};

/* D07 draws log(L + 0.5) (docs/demos.md). */
#define SURFACE3D_LOG_OFFSET 0.5

/* dln_surface3d_data_course_runs:
 * The D07 figure: the shallow net's log(L + 0.5) on an @ng² grid and one
 * plain gradient-descent path (η = @lr, @epochs updates) per start, as
 * the catalogue entry and the landscape page both draw it. */
DlnStatus
dln_surface3d_data_course_runs (size_t             ng,
                                double             lr,
                                size_t             epochs,
                                const double      *x0,
                                const double      *y0,
                                int                n_starts,
                                DlnSurface3DData **out,
                                DlnMessage        *msg)
{
  g_autofree double *w1 = g_new (double, MAX (epochs, 1));
  g_autofree double *w2 = g_new (double, MAX (epochs, 1));
  g_autofree double *z = g_new (double, MAX (epochs, 1));
  DlnSurface3DData *data;
  DlnSurface s;

  dln_surface_init (&s, DLN_SURFACE_SHALLOW_NET);
  data = dln_surface3d_data_new (ng);
  g_snprintf (data->title, sizeof data->title,
              _("log(L + 0.5) over (w\xe2\x82\x81, w\xe2\x82\x82), "
              "GD \xce\xb7 = %g, %zu epochs"), lr, epochs);
  {
    DlnViewBox box = { data->lo, data->hi, data->lo, data->hi };

    dln_surface_grid (&s, &box, ng, ng, data->z, NULL, NULL);
    for (size_t i = 0; i < ng * ng; i++)
      data->z[i] = log (data->z[i] + SURFACE3D_LOG_OFFSET);
  }
  for (int k = 0; k < n_starts; k++)
    {
      DlnStatus st = descend (&s, lr, x0[k], y0[k], epochs, w1, w2, msg);

      if (st != DLN_STATUS_OK)
        {
          dln_surface3d_data_free (data);
          return st;
        }
      for (size_t e = 0; e < epochs; e++)
        z[e] = log (dln_surface_value (&s, w1[e], w2[e])
                    + SURFACE3D_LOG_OFFSET);
      dln_surface3d_data_add_path (data, w1, w2, z, epochs);
    }
  *out = data;
  return DLN_STATUS_OK;
}

static DlnStatus
build_surface3d (const DlnFigureArgs *args,
                 DlnFigureInstance   *out,
                 DlnMessage          *msg)
{
  double x0[DLN_LANDSCAPE_MAX_TRAJECTORIES], y0[DLN_LANDSCAPE_MAX_TRAJECTORIES];
  DlnSurface3DData *data = NULL;
  DlnStatus st;
  int n_starts;

  if ((n_starts = starts_option (args, x0, y0, msg)) < 0)
    return DLN_STATUS_INVALID_INPUT;
  st = dln_surface3d_data_course_runs ((size_t) dln_figure_args_int (args, "samples"),
                                       dln_figure_args_double (args, "lr"),
                                       (size_t) dln_figure_args_int (args, "epochs"),
                                       x0, y0, n_starts, &data, msg);
  if (st != DLN_STATUS_OK)
    return st;
  data->view.elevation = dln_figure_args_double (args, "elevation");
  data->view.azimuth = dln_figure_args_double (args, "azimuth");
  dln_catalogue_instance_set (out, args->entry, data, render_surface3d,
                dln_figure_surface3d_csv, free_surface3d);
  return DLN_STATUS_OK;
}

const DlnCatalogueEntry dln_catalogue_surface3d = {
  "loss-surface-3d", "D07",
  "3-D surface log(L + 0.5) with two gradient-descent paths",
  surface3d_options, G_N_ELEMENTS (surface3d_options), 1000, 700,
  build_surface3d,
};
