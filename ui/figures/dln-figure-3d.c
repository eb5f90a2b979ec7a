/* Orthographic 3-D view: a surface of depth-sorted, shaded quads and
 * points / lines on it (the D07 loss landscape). */

#include "config.h"

#include "dln-figure-3d.h"
#include "dln-plot-series.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* z is squashed so a landscape reads as a landscape, not a tower
 * (matplotlib's default box aspect is 4:4:3). */
#define Z_ASPECT 0.8
/* Lambert shading: ambient share of the colour under a headlight. */
#define AMBIENT 0.35

void
dln_axes3d_init (DlnAxes3D            *ax,
                 cairo_t              *cr,
                 const DlnFigureStyle *style,
                 DlnRect               outer,
                 DlnView3D             view,
                 double                x_lo,
                 double                x_hi,
                 double                y_lo,
                 double                y_hi,
                 double                z_lo,
                 double                z_hi)
{
  DlnPlotPanel *p = &ax->panel;
  double az = view.azimuth * M_PI / 180, el = view.elevation * M_PI / 180;
  double maxx = 0, maxy = 0;

  memset (ax, 0, sizeof *ax);
  ax->cr = cr;
  ax->style = style;
  ax->outer = outer;
  ax->z_min = z_lo;
  ax->z_max = z_hi;
  p->kind = DLN_PANEL_3D;
  snprintf (p->name, sizeof p->name, "surface");
  p->x = outer.x;
  p->y = outer.y;
  p->width = outer.width;
  p->height = outer.height;
  p->x_min = x_lo;
  p->x_max = x_hi;
  p->y_min = y_lo;
  p->y_max = y_hi;
  p->c3[0] = 0.5 * (x_lo + x_hi);
  p->c3[1] = 0.5 * (y_lo + y_hi);
  p->c3[2] = 0.5 * (z_lo + z_hi);
  p->s3[0] = x_hi > x_lo ? 0.5 * (x_hi - x_lo) : 1;
  p->s3[1] = y_hi > y_lo ? 0.5 * (y_hi - y_lo) : 1;
  p->s3[2] = z_hi > z_lo ? 0.5 * (z_hi - z_lo) : 1;
  /* Camera on the unit sphere at (azimuth, elevation), as matplotlib's
   * view_init: right = (−sin az, cos az, 0), up = eye × right. */
  p->depth[0] = cos (el) * cos (az);
  p->depth[1] = cos (el) * sin (az);
  p->depth[2] = sin (el);
  p->m[0][0] = -sin (az);
  p->m[0][1] = cos (az);
  p->m[0][2] = 0;
  p->m[1][0] = -sin (el) * cos (az);
  p->m[1][1] = -sin (el) * sin (az);
  p->m[1][2] = cos (el);
  /* Scale so the whole box fits the rectangle with a margin. */
  for (int k = 0; k < 8; k++)
    {
      double u[3] = { k & 1 ? 1 : -1, k & 2 ? 1 : -1,
                      (k & 4 ? 1 : -1) * Z_ASPECT };
      double sx = 0, sy = 0;

      for (int d = 0; d < 3; d++)
        {
          sx += p->m[0][d] * u[d];
          sy += p->m[1][d] * u[d];
        }
      maxx = fmax (maxx, fabs (sx));
      maxy = fmax (maxy, fabs (sy));
    }
  p->cx = outer.x + 0.5 * outer.width;
  p->cy = outer.y + 0.5 * outer.height;
  p->scale = 0.92 * fmin (0.5 * outer.width / fmax (maxx, 1e-9),
                          0.5 * outer.height / fmax (maxy, 1e-9));
}

typedef struct
{
  double  depth;
  double  px[4], py[4];
  DlnRgba color;
  int     point;    /* -1: a quad; else the index of a DlnPoint3D */
} Quad;

static int
quad_cmp (const void *a,
          const void *b)
{
  double da = ((const Quad *) a)->depth, db = ((const Quad *) b)->depth;

  return da < db ? -1 : da > db ? 1 : 0;
}

void
dln_axes3d_surface (DlnAxes3D           *ax,
                    const DlnGrid       *grid,
                    const DlnColorScale *cs,
                    double               alpha)
{
  dln_axes3d_surface_points (ax, grid, cs, alpha, NULL, 0);
}

void
dln_axes3d_surface_points (DlnAxes3D           *ax,
                           const DlnGrid       *grid,
                           const DlnColorScale *cs,
                           double               alpha,
                           const DlnPoint3D    *points,
                           size_t               n_points)
{
  const DlnPlotPanel *p = &ax->panel;
  size_t nq, k = 0;
  double max_span = 0;
  Quad *quads;

  if (grid->nx < 2 || grid->ny < 2)
    return;
  nq = (grid->nx - 1) * (grid->ny - 1);
  quads = malloc ((nq + n_points) * sizeof *quads);
  if (quads == NULL)
    return;
  for (size_t j = 0; j + 1 < grid->ny; j++)
    for (size_t i = 0; i + 1 < grid->nx; i++)
      {
        Quad *q = &quads[k];
        double pts[4][3], n[3], a[3], b[3], nn, lam, zmean = 0, d = 0, dc[4];
        bool ok = true;

        for (int c = 0; c < 4; c++)
          {
            size_t ii = i + (c == 1 || c == 2), jj = j + (c >= 2);
            double z = grid->z[jj * grid->nx + ii];

            if (!isfinite (z))
              ok = false;
            pts[c][0] = grid->x_min + (double) ii * (grid->x_max - grid->x_min)
                                          / (double) (grid->nx - 1);
            pts[c][1] = grid->y_min + (double) jj * (grid->y_max - grid->y_min)
                                          / (double) (grid->ny - 1);
            pts[c][2] = z;
            zmean += 0.25 * z;
            dc[c] = dln_plot_panel_project3 (p, pts[c][0], pts[c][1], z,
                                             &q->px[c], &q->py[c]);
            d += 0.25 * dc[c];
          }
        if (!ok)
          continue;
        for (int c = 0; c < 4; c++)
          max_span = fmax (max_span, fabs (dc[c] - d));
        /* Normal in the normalised box (where shading is seen), from the
         * diagonals. */
        for (int c = 0; c < 3; c++)
          {
            double sc = c == 2 ? p->s3[2] / Z_ASPECT : p->s3[c];

            a[c] = (pts[2][c] - pts[0][c]) / sc;
            b[c] = (pts[3][c] - pts[1][c]) / sc;
          }
        n[0] = a[1] * b[2] - a[2] * b[1];
        n[1] = a[2] * b[0] - a[0] * b[2];
        n[2] = a[0] * b[1] - a[1] * b[0];
        nn = sqrt (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        lam = nn > 0 ? fabs (n[0] * p->depth[0] + n[1] * p->depth[1]
                             + n[2] * p->depth[2]) / nn
                     : 1;
        q->depth = d;
        q->point = -1;
        q->color = dln_color_scale_eval (cs, zmean);
        q->color.r *= AMBIENT + (1 - AMBIENT) * lam;
        q->color.g *= AMBIENT + (1 - AMBIENT) * lam;
        q->color.b *= AMBIENT + (1 - AMBIENT) * lam;
        k++;
      }
  /* Points join the quads, nudged towards the eye by the largest
   * corner-to-centre depth of a quad so a point on a visible quad is not
   * painted over by that quad itself. */
  for (size_t i = 0; i < n_points; i++)
    {
      Quad *q = &quads[k];

      if (!(isfinite (points[i].x) && isfinite (points[i].y)
            && isfinite (points[i].z)))
        continue;
      q->depth = dln_plot_panel_project3 (p, points[i].x, points[i].y,
                                          points[i].z, &q->px[0], &q->py[0])
                 + max_span;
      q->point = (int) i;
      k++;
    }
  /* Painter's algorithm: far quads first. */
  qsort (quads, k, sizeof *quads, quad_cmp);
  cairo_save (ax->cr);
  cairo_rectangle (ax->cr, ax->outer.x, ax->outer.y, ax->outer.width,
                   ax->outer.height);
  cairo_clip (ax->cr);
  cairo_set_line_width (ax->cr, 0.5);
  cairo_set_line_join (ax->cr, CAIRO_LINE_JOIN_BEVEL);
  for (size_t q = 0; q < k; q++)
    {
      if (quads[q].point >= 0)
        {
          const DlnPoint3D *pt = &points[quads[q].point];

          dln_draw_marker (ax->cr, pt->marker == DLN_MARKER_NONE
                                   ? DLN_MARKER_CIRCLE : pt->marker,
                           quads[q].px[0], quads[q].py[0],
                           pt->size > 0 ? pt->size : ax->style->marker_size,
                           pt->color, ax->style->line_width);
          continue;
        }
      cairo_move_to (ax->cr, quads[q].px[0], quads[q].py[0]);
      for (int c = 1; c < 4; c++)
        cairo_line_to (ax->cr, quads[q].px[c], quads[q].py[c]);
      cairo_close_path (ax->cr);
      dln_color_set_source (ax->cr, quads[q].color, alpha);
      /* Opaque surfaces get a hairline of their own colour to hide the
       * antialiasing seams between quads; translucent ones cannot
       * (the overlap would show darker). */
      if (alpha >= 0.999)
        {
          cairo_fill_preserve (ax->cr);
          cairo_stroke (ax->cr);
        }
      else
        cairo_fill (ax->cr);
    }
  cairo_restore (ax->cr);
  free (quads);
}

void
dln_axes3d_series (DlnAxes3D            *ax,
                   const double         *x,
                   const double         *y,
                   const double         *z,
                   size_t                n,
                   const DlnSeriesStyle *s,
                   bool                  line)
{
  DlnMarker m = s->marker == DLN_MARKER_NONE ? DLN_MARKER_CIRCLE : s->marker;
  double size = s->marker_size > 0 ? s->marker_size : ax->style->marker_size;
  double lw = s->line_width == 0 ? ax->style->line_width : s->line_width;
  bool pen = false;

  if (line)
    {
      cairo_save (ax->cr);
      cairo_new_path (ax->cr);
      for (size_t i = 0; i < n; i++)
        {
          double px, py;

          if (!(isfinite (x[i]) && isfinite (y[i]) && isfinite (z[i])))
            {
              pen = false;
              continue;
            }
          dln_plot_panel_project3 (&ax->panel, x[i], y[i], z[i], &px, &py);
          if (pen)
            cairo_line_to (ax->cr, px, py);
          else
            cairo_move_to (ax->cr, px, py);
          pen = true;
        }
      dln_color_set_source (ax->cr, s->color, 1.0);
      cairo_set_line_width (ax->cr, lw);
      cairo_set_line_join (ax->cr, CAIRO_LINE_JOIN_ROUND);
      dln_set_dash (ax->cr, s->dash, lw);
      cairo_stroke (ax->cr);
      cairo_restore (ax->cr);
    }
  for (size_t i = 0; i < n; i++)
    {
      double px, py;

      if (!(isfinite (x[i]) && isfinite (y[i]) && isfinite (z[i])))
        continue;
      dln_plot_panel_project3 (&ax->panel, x[i], y[i], z[i], &px, &py);
      dln_draw_marker (ax->cr, m, px, py, size, s->color,
                       ax->style->line_width);
    }
}

void
dln_axes3d_box (DlnAxes3D *ax)
{
  const DlnPlotPanel *p = &ax->panel;
  double c[3][2] = {
    { p->x_min, p->x_max }, { p->y_min, p->y_max }, { ax->z_min, ax->z_max },
  };
  double far_d = INFINITY;
  int far = 0;

  /* The floor rectangle, and the vertical edge at the farthest corner. */
  for (int k = 0; k < 4; k++)
    {
      double d = dln_plot_panel_project3 (p, c[0][k & 1], c[1][k >> 1],
                                          c[2][0], NULL, NULL);

      if (d < far_d)
        {
          far_d = d;
          far = k;
        }
    }
  cairo_save (ax->cr);
  dln_color_set_source (ax->cr, ax->style->muted, 0.7);
  cairo_set_line_width (ax->cr, ax->style->axis_width);
  for (int e = 0; e < 4; e++)
    {
      static const int order[5] = { 0, 1, 3, 2, 0 };
      double x0, y0, x1, y1;
      int a = order[e], b = order[e + 1];

      dln_plot_panel_project3 (p, c[0][a & 1], c[1][a >> 1], c[2][0], &x0, &y0);
      dln_plot_panel_project3 (p, c[0][b & 1], c[1][b >> 1], c[2][0], &x1, &y1);
      cairo_move_to (ax->cr, x0, y0);
      cairo_line_to (ax->cr, x1, y1);
    }
  {
    double x0, y0, x1, y1;

    dln_plot_panel_project3 (p, c[0][far & 1], c[1][far >> 1], c[2][0], &x0,
                             &y0);
    dln_plot_panel_project3 (p, c[0][far & 1], c[1][far >> 1], c[2][1], &x1,
                             &y1);
    cairo_move_to (ax->cr, x0, y0);
    cairo_line_to (ax->cr, x1, y1);
  }
  cairo_stroke (ax->cr);
  cairo_restore (ax->cr);
}

void
dln_axes3d_end (DlnAxes3D         *ax,
                DlnFigureGeometry *geom)
{
  if (geom != NULL && geom->n_panels < DLN_FIGURE_MAX_PANELS)
    geom->panels[geom->n_panels++] = ax->panel;
}
