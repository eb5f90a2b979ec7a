/* The D06/D07 optimizer race figure (moved out of the landscape page so
 * the page and `dlnlab-cli export loss-landscape-race` draw the same
 * pixels; issue 6). */

#define G_LOG_DOMAIN "dln-figure-race"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-figure-race.h"

#include <glib.h>

#include <math.h>
#include <stdint.h>
#include <string.h>

static const char *const optim_titles[DLN_OPTIM_COUNT] = {
  "GD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam",
};
/* Okabe–Ito colours. Plain GD takes the foreground, as the course draws
 * its trajectory in greys: blue is the solutions' line and the start
 * marker's, red the end marker's (curriculum.md D06). */
static const int optim_colors[DLN_OPTIM_COUNT] = {
  DLN_COLOR_BLACK, DLN_COLOR_VERMILLION, DLN_COLOR_GREEN,
  DLN_COLOR_ORANGE, DLN_COLOR_PURPLE, DLN_COLOR_SKY_BLUE,
};
static const DlnMarker optim_markers[DLN_OPTIM_COUNT] = {
  DLN_MARKER_CIRCLE, DLN_MARKER_SQUARE, DLN_MARKER_TRIANGLE,
  DLN_MARKER_DIAMOND, DLN_MARKER_PLUS, DLN_MARKER_CROSS,
};

/* user units: the course's start dot and its X "of size 100" (points²
 * in matplotlib: a 10 pt wide cross) */
#define RACE_START_SIZE 10.0
#define RACE_END_SIZE   16.0

static double
product_field (double x,
               double y,
               void  *user)
{
  return x * y;
}

static void
draw_arrow (cairo_t *cr,
            double   x0,
            double   y0,
            double   dx,
            double   dy,
            DlnRgba  c)
{
  double len = hypot (dx, dy), ux, uy;

  if (!(len > 1.0) || !isfinite (len))
    return;
  ux = dx / len;
  uy = dy / len;
  dln_color_set_source (cr, c, 1);
  cairo_set_line_width (cr, 2.5);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x0 + dx - 6 * ux, y0 + dy - 6 * uy);
  cairo_stroke (cr);
  dln_path_arrowhead (cr, x0 + dx, y0 + dy, x0 + dx - 10 * ux,
                      y0 + dy - 10 * uy, -5 * uy, 5 * ux);
  cairo_fill (cr);
}

void
dln_figure_race_render (cairo_t              *cr,
                        const DlnFigureStyle *style,
                        const DlnRaceData    *d,
                        double                width,
                        double                height,
                        DlnFigureGeometry    *geom)
{
  DlnAxes ax;
  DlnColorScale cs = { DLN_COLORMAP_COOLWARM, 0, 1, false };
  DlnGrid grid = { d->z, d->ng, d->ng, d->box.xmin, d->box.xmax,
                   d->box.ymin, d->box.ymax };
  double cbw = 0;
  bool labelled[DLN_OPTIM_COUNT] = { false };

  dln_figure_begin (cr, style, width, height, geom);
  dln_color_scale_fit (&cs, d->z, d->ng * d->ng, false);
  if (d->show_loss)
    cbw = dln_colorbar_width (cr, style, width, "−0.0", true);
  dln_axes_init (&ax, cr, style, (DlnRect) { 0, 0, width, height });
  dln_axes_set_title (&ax, d->title);
  dln_axes_set_xlabel (&ax, d->xlabel);
  dln_axes_set_ylabel (&ax, d->ylabel);
  dln_axes_set_xrange (&ax, d->box.xmin, d->box.xmax);
  dln_axes_set_yrange (&ax, d->box.ymin, d->box.ymax);
  g_strlcpy (ax.name, "landscape", sizeof ax.name);
  ax.reserve_right = cbw;
  dln_axes_begin (&ax);

  if (d->show_loss)
    dln_axes_heatmap (&ax, &grid, &cs);

  if (d->show_vectors)
    {
      /* The course: colour = plasma at |g|, saturating at |g| >= 1; every
       * arrow 1/40 of the width up to |g| = 1.25 (here: always). */
      DlnQuiverStyle q = { 0 };

      q.length = ax.plot.width / 40.0;
      q.normalise = true;
      q.use_map = true;
      q.cs = (DlnColorScale) { DLN_COLORMAP_PLASMA, 0.0, 1.0, false };
      dln_axes_quiver (&ax, d->ax, d->ay, d->au, d->av, d->n_arrows, &q);
    }

  if (d->show_solutions && d->has_solutions)
    {
      DlnSeriesStyle s;
      char label[64];

      dln_series_style_init (&s, style, DLN_COLOR_BLUE);
      s.line_width = 3;
      g_snprintf (label, sizeof label, _("solutions w₁w₂ = %.3g"), d->product);
      s.label = label;
      dln_axes_implicit (&ax, product_field, NULL, d->product, 200, &s);
    }
  for (int i = 0; i < d->n_saddles; i++)
    {
      dln_axes_marker (&ax, d->saddles[i].x, d->saddles[i].y, DLN_MARKER_DIAMOND,
                       12, style->foreground, false);
    }
  for (int i = 0; i < d->n_minima; i++)
    dln_axes_marker (&ax, d->minima[i].x, d->minima[i].y, DLN_MARKER_PLUS,
                     12, style->foreground, false);

  for (int k = 0; k < d->n_paths; k++)
    {
      const DlnRacePath *p = &d->paths[k];
      DlnSeriesStyle s;
      size_t n = p->n;

      if (d->cursor >= 0)
        n = MIN (n, (size_t) d->cursor + 1);
      dln_series_style_init (&s, style, optim_colors[p->optim]);
      s.marker = optim_markers[p->optim];
      s.marker_size = 5;
      s.line_width = 1.5;
      if (!labelled[p->optim])
        {
          s.label = optim_titles[p->optim];
          labelled[p->optim] = true;
        }
      dln_axes_line (&ax, p->x, p->y, n, &s);
    }
  /* The course's markers, on top of every path: the first point blue,
   * the last a large red X (only once the whole path is shown). */
  for (int k = 0; k < d->n_paths; k++)
    {
      const DlnRacePath *p = &d->paths[k];
      size_t n = p->n, last = SIZE_MAX;

      if (d->cursor >= 0)
        n = MIN (n, (size_t) d->cursor + 1);
      for (size_t i = 0; i < n; i++)
        if (isfinite (p->x[i]) && isfinite (p->y[i]))
          last = i;
      if (last == SIZE_MAX)
        continue;
      dln_axes_marker (&ax, p->x[0], p->y[0], DLN_MARKER_CIRCLE, RACE_START_SIZE,
                       dln_figure_style_color (style, DLN_COLOR_BLUE), false);
      if (d->cursor < 0)
        dln_axes_marker (&ax, p->x[last], p->y[last], DLN_MARKER_CROSS,
                         RACE_END_SIZE,
                         dln_figure_style_color (style, DLN_COLOR_VERMILLION),
                         false);
    }

  /* the saddle's name last, above the paths and their end markers (one
   * ends on it), up and left of it, on a halo */
  for (int i = 0; i < d->n_saddles; i++)
    dln_axes_text (&ax, d->saddles[i].x, d->saddles[i].y, N_("saddle  "),
                   DLN_ANCHOR_END, DLN_ANCHOR_END, style->foreground, true);

  if (d->arrows)
    {
      double x0 = dln_axes_px (&ax, d->px), y0 = dln_axes_py (&ax, d->py, false);
      double sx = ax.plot.width / (d->box.xmax - d->box.xmin) * d->arrow_scale;
      double sy = ax.plot.height / (d->box.ymax - d->box.ymin) * d->arrow_scale;

      draw_arrow (cr, x0, y0, d->gd[0] * sx, -d->gd[1] * sy,
                  dln_figure_style_color (style, DLN_COLOR_VERMILLION));
      if (d->has_mom)
        draw_arrow (cr, x0, y0, d->mom[0] * sx, -d->mom[1] * sy,
                    dln_figure_style_color (style, DLN_COLOR_ORANGE));
      draw_arrow (cr, x0, y0, d->step[0] * sx, -d->step[1] * sy,
                  style->foreground);
    }

  dln_axes_legend (&ax, DLN_LEGEND_AUTO);
  dln_axes_end (&ax, geom);
  if (d->show_loss)
    dln_axes_colorbar_right (&ax, 8, cbw - 8, &cs, d->zlabel);
  cairo_restore (cr);
}

DlnStatus
dln_figure_race_csv (FILE       *out,
                     const void *data,
                     DlnMessage *msg)
{
  const DlnRaceData *d = data;

  fputs ("kind,optimizer,start,step,x,y,z\n", out);
  for (int k = 0; k < d->n_paths; k++)
    for (size_t i = 0; i < d->paths[k].n; i++)
      {
        fprintf (out, "path,%s,%d,%zu,", dln_optim_kind_name (d->paths[k].optim),
                 d->paths[k].start, i);
        dln_csv_write_doubles (out, (const double[]) { d->paths[k].x[i],
                                                       d->paths[k].y[i] }, 2);
        fputs (",\n", out);
      }
  for (size_t j = 0; j < d->ng; j++)
    for (size_t i = 0; i < d->ng; i++)
      {
        fputs ("grid_log_loss,,,,", out);
        dln_csv_write_doubles (out, (const double[]) {
          d->box.xmin + (d->box.xmax - d->box.xmin) * (double) i / (double) (d->ng - 1),
          d->box.ymin + (d->box.ymax - d->box.ymin) * (double) j / (double) (d->ng - 1),
          d->z[j * d->ng + i] }, 3);
        fputc ('\n', out);
      }
  return dln_csv_finish (out, "race", msg);
}


const char *
dln_race_optim_title (int kind)
{
  g_return_val_if_fail (kind >= 0 && kind < DLN_OPTIM_COUNT, "");
  return optim_titles[kind];
}

DlnColorIndex
dln_race_optim_color (int kind)
{
  g_return_val_if_fail (kind >= 0 && kind < DLN_OPTIM_COUNT, DLN_COLOR_BLUE);
  return optim_colors[kind];
}

/* its arrays follow the struct in one block, aligned by the struct's size */
G_STATIC_ASSERT (sizeof (DlnRaceData) % G_ALIGNOF (double) == 0);

DlnRaceData *
dln_race_data_new (size_t ng,
                   size_t n_arrows_side,
                   size_t path_capacity)
{
  size_t na = n_arrows_side * n_arrows_side;
  /* one block: the struct, the grid, the arrows' five arrays, then every
   * path (paths[k].x/y point into it) */
  DlnRaceData *d = g_malloc0 (sizeof *d
                              + (ng * ng + 5 * na
                                 + (size_t) DLN_RACE_MAX_PATHS * 2
                                   * path_capacity) * sizeof (double));

  g_return_val_if_fail (ng >= 2 && path_capacity >= 2, d);
  d->ng = ng;
  d->z = (double *) (d + 1);
  d->n_arrows = na;
  d->ax = d->z + ng * ng;
  d->ay = d->ax + na;
  d->au = d->ay + na;
  d->av = d->au + na;
  d->mag = d->av + na;
  d->path_capacity = path_capacity;
  for (int k = 0; k < DLN_RACE_MAX_PATHS; k++)
    {
      d->paths[k].x = d->mag + na + (size_t) k * 2 * path_capacity;
      d->paths[k].y = d->paths[k].x + path_capacity;
    }
  d->cursor = -1;
  d->show_loss = d->show_vectors = d->show_solutions = true;
  return d;
}

void
dln_race_data_free (DlnRaceData *d)
{
  g_free (d);
}

double
dln_race_data_set_surface (DlnRaceData      *d,
                           const DlnSurface *s)
{
  bool shallow = s->kind == DLN_SURFACE_SHALLOW_NET;
  size_t ng = d->ng, side = (size_t) lround (sqrt ((double) d->n_arrows));
  double *f = g_new (double, ng * ng);
  double product = 0, fmin = INFINITY;

  d->box = s->view;
  if (shallow)
    d->box = (DlnViewBox) { -1.9, 1.9, -1.9, 1.9 };  /* the course's axes */
  dln_surface_grid (s, &d->box, ng, ng, f, NULL, NULL);
  for (size_t i = 0; i < ng * ng; i++)
    if (isfinite (f[i]))
      fmin = MIN (fmin, f[i]);
  if (!isfinite (fmin))
    fmin = 0;
  /* Loss surfaces have L >= 0 and the course plots log(L + 0.001); other
   * surfaces go negative, so shift by their grid minimum first. */
  if (fmin > 0)
    fmin = 0;
  for (size_t i = 0; i < ng * ng; i++)
    d->z[i] = log (f[i] - fmin + DLN_RACE_LOG_OFFSET);
  g_free (f);
  g_snprintf (d->zlabel, sizeof d->zlabel, fmin < 0 ? "log(L − L<sub>min</sub> + 0.001)"
                                                    : "log(L + 0.001)");

  for (size_t j = 0; j < side; j++)
    for (size_t i = 0; i < side; i++)
      {
        size_t k = j * side + i;
        double g[2];

        /* cell centres: for ±1.9 and 20 arrows these are −1.9, −1.7, …, 1.9 */
        d->ax[k] = d->box.xmin + (d->box.xmax - d->box.xmin) * ((double) i + 0.5) / (double) side;
        d->ay[k] = d->box.ymin + (d->box.ymax - d->box.ymin) * ((double) j + 0.5) / (double) side;
        if (shallow)
          {
            d->ax[k] = -1.9 + 0.2 * (double) i;
            d->ay[k] = -1.9 + 0.2 * (double) j;
          }
        dln_surface_grad (s, d->ax[k], d->ay[k], g);
        d->au[k] = -g[0];
        d->av[k] = -g[1];
        d->mag[k] = hypot (g[0], g[1]);
      }

  d->has_solutions = dln_surface_shallow_product (s, &product, NULL);
  d->product = product;
  d->n_saddles = s->n_saddles;
  memcpy (d->saddles, s->saddles, sizeof d->saddles);
  d->n_minima = s->n_minima;
  memcpy (d->minima, s->minima, sizeof d->minima);
  g_strlcpy (d->xlabel, shallow ? "w₁" : "x", sizeof d->xlabel);
  g_strlcpy (d->ylabel, shallow ? "w₂" : "y", sizeof d->ylabel);
  g_snprintf (d->title, sizeof d->title, "%s",
              shallow ? N_("Loss landscape of ŷ = w₁w₂x") : s->formula);
  return fmin;
}

bool
dln_race_data_add_path (DlnRaceData          *d,
                        const DlnSurface     *s,
                        const DlnOptimParams *params,
                        int                   start,
                        double                x0,
                        double                y0,
                        size_t                steps)
{
  size_t cap = d->path_capacity;
  DlnMessage msg = { { 0 }, 0 };
  DlnRacePath *p;
  DlnTrajectory tr;
  double *loss;

  if (d->n_paths >= DLN_RACE_MAX_PATHS)
    return false;
  g_return_val_if_fail (steps + 2 <= cap, false);
  p = &d->paths[d->n_paths];
  loss = g_new (double, cap);
  tr = (DlnTrajectory) { .x = p->x, .y = p->y, .loss = loss, .capacity = cap };
  /* divergence is drawn (the trailing NaN), not an error */
  dln_surface_descend (s, params, NULL, x0, y0, steps, &tr, &msg);
  g_free (loss);
  p->n = tr.n_points;
  p->optim = params->kind;
  p->start = start;
  if (tr.diverged && p->n < cap)
    {
      /* a trailing NaN makes the renderer mark "diverged" */
      p->x[p->n] = NAN;
      p->y[p->n] = NAN;
      p->n++;
    }
  d->n_paths++;
  return true;
}

/* --- D07: the race on the 3-D surface --- */

void
dln_figure_race3d_render (cairo_t              *cr,
                          const DlnFigureStyle *style,
                          const DlnRace3DData  *d,
                          double                width,
                          double                height,
                          DlnFigureGeometry    *geom)
{
  DlnAxes3D ax;
  DlnGrid grid = { d->z, DLN_RACE3D_GRID_N, DLN_RACE3D_GRID_N, d->lo, d->hi, d->lo, d->hi };
  DlnColorScale cs = { DLN_COLORMAP_COOLWARM, d->zlo, d->zhi, false };
  double top;

  dln_figure_begin (cr, style, width, height, geom);
  top = dln_figure_suptitle (cr, style, "log(L + 0.5): drag to rotate", width);
  dln_axes3d_init (&ax, cr, style, (DlnRect) { 0, top, width, height - top },
                   d->view, d->lo, d->hi, d->lo, d->hi, d->zlo, d->zhi);
  dln_axes3d_box (&ax);
  dln_axes3d_surface (&ax, &grid, &cs, 0.5);
  for (int k = 0; k < d->race->n_paths; k++)
    {
      const DlnRacePath *p = &d->race->paths[k];
      DlnSeriesStyle s;
      size_t n = p->n;
      double *z = g_new (double, MAX (n, 1));

      if (d->race->cursor >= 0)
        n = MIN (n, (size_t) d->race->cursor + 1);
      for (size_t i = 0; i < n; i++)
        z[i] = log (dln_surface_value (d->surface, p->x[i], p->y[i]) - d->fmin
                    + DLN_RACE3D_LOG_OFFSET);
      dln_series_style_init (&s, style, dln_race_optim_color (p->optim));
      s.marker = DLN_MARKER_CIRCLE;
      s.marker_size = 5;
      dln_axes3d_series (&ax, p->x, p->y, z, n, &s, true);
      g_free (z);
    }
  dln_axes3d_end (&ax, geom);
  cairo_restore (cr);
}

void
dln_race3d_data_set_surface (DlnRace3DData    *s3,
                             const DlnSurface *s,
                             const DlnViewBox *box,
                             double            fmin)
{
  const int n = DLN_RACE3D_GRID_N;

  /* a square box around the view */
  s3->surface = s;
  s3->fmin = fmin;
  s3->lo = MIN (box->xmin, box->ymin);
  s3->hi = MAX (box->xmax, box->ymax);
  s3->zlo = INFINITY;
  s3->zhi = -INFINITY;
  for (int j = 0; j < n; j++)
    for (int i = 0; i < n; i++)
      {
        double x = s3->lo + (s3->hi - s3->lo) * i / (n - 1);
        double y = s3->lo + (s3->hi - s3->lo) * j / (n - 1);
        double z = log (dln_surface_value (s, x, y) - fmin + DLN_RACE3D_LOG_OFFSET);

        s3->z[j * n + i] = z;
        if (isfinite (z))
          {
            s3->zlo = MIN (s3->zlo, z);
            s3->zhi = MAX (s3->zhi, z);
          }
      }
  if (!(s3->zhi > s3->zlo))
    {
      s3->zlo = 0;
      s3->zhi = 1;
    }
}

DlnStatus
dln_figure_race3d_csv (FILE       *out,
                       const void *data,
                       DlnMessage *msg)
{
  const DlnRace3DData *d = data;
  const DlnRaceData *r = d->race;
  const int n3 = DLN_RACE3D_GRID_N;

  fputs ("kind,optimizer,start,step,x,y,z\n", out);
  for (int k = 0; k < r->n_paths; k++)
    {
      const DlnRacePath *p = &r->paths[k];
      size_t n = p->n;

      if (r->cursor >= 0)
        n = MIN (n, (size_t) r->cursor + 1);
      for (size_t i = 0; i < n; i++)
        {
          fprintf (out, "path,%s,%d,%zu,", dln_optim_kind_name (p->optim),
                   p->start, i);
          dln_csv_write_doubles (out, (const double[]) {
            p->x[i], p->y[i],
            log (dln_surface_value (d->surface, p->x[i], p->y[i]) - d->fmin
                 + DLN_RACE3D_LOG_OFFSET) }, 3);
          fputc ('\n', out);
        }
    }
  for (int j = 0; j < n3; j++)
    for (int i = 0; i < n3; i++)
      {
        fputs ("grid_log_loss,,,,", out);
        dln_csv_write_doubles (out, (const double[]) {
          d->lo + (d->hi - d->lo) * i / (n3 - 1),
          d->lo + (d->hi - d->lo) * j / (n3 - 1), d->z[j * n3 + i] }, 3);
        fputc ('\n', out);
      }
  return dln_csv_finish (out, "race 3D", msg);
}
