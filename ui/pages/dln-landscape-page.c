/* D06/D07: the optimizer race on a loss landscape, in 2-D and 3-D.
 * (Over 800 lines: six optimizers' trajectories, typed surfaces, the
 * step-by-step mode and the 3-D drag share the page's surface state.) */

#define G_LOG_DOMAIN "dln-landscape-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-landscape-page.h"

#include "dln-arena.h"
#include "dln-figure.h"
#include "dln-figure-catalogue.h"
#include "dln-figure-gradients.h"
#include "dln-figure-python.h"
#include "dln-figure-race.h"
#include "dln-optim.h"
#include "dln-param-row.h"
#include "dln-play-controls.h"
#include "dln-surface.h"
#include "dln-ui-error.h"
#include "dln-ui.h"

#include <math.h>
#include <string.h>

/* Sizes (dln-figure-race.h, shared with the catalogue's entries): a 161²
 * loss grid (shallow net: closed form, well under 1 ms), a 20 × 20 arrow
 * grid (the course's w = −1.9, −1.7, …, 1.9), a 48² grid for the 3-D
 * view. Trajectories: at most 4 starts × 6 optimizers × 2000 epochs of a
 * 2-D step, about 0.5 ms: recomputed on every slider move. The sliders
 * and starts begin at D06's course run (dln-surface.h). */
#define MAX_STARTS    DLN_RACE_MAX_STARTS
#define N_OPTIMS      DLN_OPTIM_COUNT
#define ARENA_BYTES   (1u << 20)
#define MIN_ARROW_PX  36.0    /* step arrows are scaled up to at least this */


/* --- The page --- */

struct _DlnLandscapePage
{
  DlnDemoPage      parent_instance;

  /* template children */
  DlnFigureView   *view;
  DlnFigureView   *view3d;
  GtkLabel        *step_label;
  GtkDropDown     *surface_dropdown;
  GtkDropDown     *view_dropdown;
  GtkEntry        *expr_entry;
  GtkLabel        *error_label;
  DlnParamRow     *lr_row;
  GtkLabel        *bound_label;
  DlnParamRow     *epochs_row;
  DlnParamRow     *momentum_row;
  GtkGrid         *optim_grid;
  GtkCheckButton  *loss_check;
  GtkCheckButton  *vectors_check;
  GtkCheckButton  *solutions_check;
  GtkCheckButton  *add_check;
  GtkEntry        *start_entry;
  DlnPlayControls *controls;

  /* owned */
  GtkCheckButton  *optim_checks[N_OPTIMS];
  DlnSurface       surface;
  DlnArena        *expr_arena;     /* the typed surface's tape */
  DlnArena        *scratch;        /* eigensolver workspace */
  double           fmin;           /* grid minimum of f */
  DlnRaceData     *race;
  DlnRace3DData   *s3d;
  DlnFigureInstance course3d;      /* D07: the course's two runs */
  gboolean         showing_course3d;
  double           starts[MAX_STARTS][2];
  int              n_starts;
  DlnView3D        drag_view0;     /* the 3-D view when a drag began */
};

G_DEFINE_FINAL_TYPE (DlnLandscapePage, dln_landscape_page, DLN_TYPE_DEMO_PAGE)

/* the course's 3-D view (docs/demos.md#d07) */
static const DlnView3D course_view = { DLN_RACE3D_AZIMUTH,
                                       DLN_RACE3D_ELEVATION };

static const char *const surface_titles[] = {
  N_("Shallow net w₁w₂x (D06)"), N_("Ripple sin(x² + y²)"), N_("Quadratic, κ = 10"),
  N_("Rosenbrock"), N_("Himmelblau"), N_("Beale"), N_("Saddle x² − y²"), N_("Plateau"),
  N_("Custom f(x, y)…"),
};
static const DlnSurfaceKind surface_kinds[] = {
  DLN_SURFACE_SHALLOW_NET, DLN_SURFACE_RIPPLE, DLN_SURFACE_QUADRATIC,
  DLN_SURFACE_ROSENBROCK, DLN_SURFACE_HIMMELBLAU, DLN_SURFACE_BEALE,
  DLN_SURFACE_SADDLE, DLN_SURFACE_PLATEAU, DLN_SURFACE_EXPR,
};

static void
dln_landscape_page_finalize (GObject *object)
{
  DlnLandscapePage *self = DLN_LANDSCAPE_PAGE (object);

  g_clear_pointer (&self->race, dln_race_data_free);
  g_free (self->s3d);
  dln_figure_instance_clear (&self->course3d);
  g_clear_pointer (&self->expr_arena, dln_arena_free);
  g_clear_pointer (&self->scratch, dln_arena_free);

  G_OBJECT_CLASS (dln_landscape_page_parent_class)->finalize (object);
}

static gboolean
is_shallow (DlnLandscapePage *self)
{
  return self->surface.kind == DLN_SURFACE_SHALLOW_NET;
}

/* The race's parameters for @kind (dln_optim_params_race: one slider
 * drives momentum and Adam's beta1, as in the catalogue and the CLI). */
static void
fill_params (DlnLandscapePage *self,
             DlnOptimKind      kind,
             DlnOptimParams   *p)
{
  dln_optim_params_race (p, kind, dln_param_row_get_value (self->lr_row),
                         dln_param_row_get_value (self->momentum_row));
}

static int
primary_optim (DlnLandscapePage *self)
{
  for (int k = 0; k < N_OPTIMS; k++)
    if (gtk_check_button_get_active (self->optim_checks[k]))
      return k;
  return -1;
}

/* The stability bound 2/λmax: at the surface's first known minimum, else
 * where the first trajectory ends (near the minimum it approaches), else
 * at the first start. */
static void
update_bound (DlnLandscapePage *self)
{
  DlnCurvature c;
  DlnMessage msg = { { 0 }, 0 };
  double x = self->starts[0][0], y = self->starts[0][1];
  g_autofree char *text = NULL;
  const char *where = _("the first start");
  double prod = 0;

  if (is_shallow (self) && dln_surface_shallow_product (&self->surface, &prod, NULL))
    {
      /* Gradient flow conserves w₁² − w₂² (the balancedness of deep
       * linear nets), so from the first start it reaches the solution
       * with w₁w₂ = c and w₁² − w₂² = a² − b²: that minimum's curvature
       * is the bound that matters, whatever η does to the trajectory. */
      double a = self->starts[0][0], b = self->starts[0][1];
      double dd = a * a - b * b;
      double w1sq = 0.5 * (dd + sqrt (dd * dd + 4 * prod * prod));

      x = copysign (sqrt (w1sq), a != 0 ? a : 1.0);
      y = prod / x;
      where = _("the solution gradient flow from the first start reaches");
    }
  else if (self->surface.n_minima > 0)
    {
      x = self->surface.minima[0].x;
      y = self->surface.minima[0].y;
      where = _("the minimum");
    }
  else
    {
      /* the end of the trajectory that got lowest: near the minimum the
       * descent actually approaches (a saddle end would mislead) */
      double best = INFINITY;

      for (int k = 0; k < self->race->n_paths; k++)
        {
          const DlnRacePath *p = &self->race->paths[k];
          size_t last;
          double f;

          if (p->n < 2 || !isfinite (p->x[p->n - 1]))
            continue;
          last = p->n - 1;
          f = dln_surface_value (&self->surface, p->x[last], p->y[last]);
          if (f < best)
            {
              best = f;
              x = p->x[last];
              y = p->y[last];
              where = _("the lowest trajectory end");
            }
        }
    }

  if (dln_surface_curvature (&self->surface, x, y, self->scratch, &c, &msg) != DLN_STATUS_OK
      || !c.bounded)
    {
      dln_param_row_set_mark (self->lr_row, INFINITY);
      gtk_label_set_text (self->bound_label,
                          _("No stability bound here: the surface is not convex (λmax ≤ 0)."));
      return;
    }
  dln_param_row_set_mark (self->lr_row, c.lr_crit);
  text = g_strdup_printf (_("Stability bound 2/λmax = %.4g at %s (%.3g, %.3g); "
                          "λmax = %.4g."), c.lr_crit, where, x, y, c.lambda_max);
  gtk_label_set_text (self->bound_label, text);
  {
    g_autofree char *warning =
      g_strdup_printf (_("η = %.4g > 2/λmax = %.4g: gradient descent overshoots "
                       "there and oscillates or diverges."),
                       dln_param_row_get_value (self->lr_row), c.lr_crit);

    g_object_set (self->lr_row, "mark-warning", warning, NULL);
  }
}

/* Replays the primary optimizer from the first start for @cursor steps to
 * show its gradient, momentum and adaptive scale at that point. */
static void
update_step_arrows (DlnLandscapePage *self)
{
  DlnRaceData *d = self->race;
  int k = primary_optim (self);
  DlnOptimParams params;
  DlnOptim opt;
  DlnMessage msg = { { 0 }, 0 };
  double p[2], g[2], before[2];
  g_autoptr (GString) s = g_string_new (NULL);
  double len_px, scale_px;

  d->arrows = FALSE;
  if (d->cursor < 0 || k < 0 || self->n_starts == 0)
    return;

  fill_params (self, k, &params);
  dln_optim_init (&opt, &params, NULL);
  p[0] = self->starts[0][0];
  p[1] = self->starts[0][1];
  for (long t = 0; t < d->cursor; t++)
    {
      dln_surface_grad (&self->surface, p[0], p[1], g);
      if (dln_optim_step (&opt, p, g, 2, &msg) != DLN_STATUS_OK)
        {
          g_string_printf (s, _("Step %ld: %s"), t + 1, msg.text);
          gtk_label_set_text (self->step_label, s->str);
          return;
        }
    }

  /* The next step, taken on a copy, shows what the optimizer does here. */
  before[0] = p[0];
  before[1] = p[1];
  dln_surface_grad (&self->surface, p[0], p[1], g);
  d->px = p[0];
  d->py = p[1];
  d->gd[0] = -params.lr * g[0];
  d->gd[1] = -params.lr * g[1];
  if (dln_optim_step (&opt, p, g, 2, &msg) != DLN_STATUS_OK)
    {
      g_string_printf (s, _("Step %ld: %s"), d->cursor + 1, msg.text);
      gtk_label_set_text (self->step_label, s->str);
      return;
    }
  d->step[0] = p[0] - before[0];
  d->step[1] = p[1] - before[1];
  d->has_mom = FALSE;

  g_string_printf (s, _("Step %ld → %ld (%s, η = %.3g) at (%.4g, %.4g), L = %.4g\n"
                      "∇L = (%.4g, %.4g)   −η∇L = (%.4g, %.4g) [red]\n"),
                   d->cursor, d->cursor + 1, dln_race_optim_title (k), params.lr,
                   before[0], before[1],
                   dln_surface_value (&self->surface, before[0], before[1]),
                   g[0], g[1], d->gd[0], d->gd[1]);
  {
    /* the optimizer's own state after this step (core's accessors) */
    double m0 = dln_optim_moment (&opt, DLN_OPTIM_MOMENT_FIRST, 0);
    double m1 = dln_optim_moment (&opt, DLN_OPTIM_MOMENT_FIRST, 1);
    double v0 = dln_optim_moment (&opt, DLN_OPTIM_MOMENT_SECOND, 0);
    double v1 = dln_optim_moment (&opt, DLN_OPTIM_MOMENT_SECOND, 1);

    switch (opt.params.kind)
      {
      case DLN_OPTIM_SGD:
      case DLN_OPTIM_MOMENTUM:
      case DLN_OPTIM_NESTEROV:
        if (isfinite (m0))
          {
            d->has_mom = TRUE;
            d->mom[0] = -params.lr * m0;
            d->mom[1] = -params.lr * m1;
            g_string_append_printf (s, _("momentum buffer b = μb + ∇L = (%.4g, %.4g); "
                                    "−ηb = (%.4g, %.4g) [orange]\n"),
                                    m0, m1, d->mom[0], d->mom[1]);
          }
        break;
      case DLN_OPTIM_ADAGRAD:
        g_string_append_printf (s, _("adaptive scale: √S = (%.4g, %.4g), so each "
                                "coordinate moves η/(√S + ε) = (%.4g, %.4g) per unit gradient\n"),
                                sqrt (v0), sqrt (v1),
                                params.lr / (sqrt (v0) + params.eps),
                                params.lr / (sqrt (v1) + params.eps));
        break;
      case DLN_OPTIM_RMSPROP:
        g_string_append_printf (s, _("adaptive scale: √v = (%.4g, %.4g), η/(√v + ε) = (%.4g, %.4g)\n"),
                                sqrt (v0), sqrt (v1),
                                params.lr / (sqrt (v0) + params.eps),
                                params.lr / (sqrt (v1) + params.eps));
        break;
      case DLN_OPTIM_ADAM:
        {
          double bc1 = 1 - pow (params.beta1, (double) opt.t);
          double bc2 = 1 - pow (params.beta2, (double) opt.t);

          d->has_mom = TRUE;
          d->mom[0] = -params.lr * m0 / bc1;
          d->mom[1] = -params.lr * m1 / bc1;
          g_string_append_printf (s, _("m̂ = (%.4g, %.4g) [orange: −ηm̂]; adaptive scale "
                                  "√v̂ = (%.4g, %.4g)\n"),
                                  m0 / bc1, m1 / bc1,
                                  sqrt (v0 / bc2), sqrt (v1 / bc2));
        }
        break;
      case DLN_OPTIM_COUNT:
        break;
      }
  }
  /* Arrows at true scale would be invisible late in a run: scale them so
   * the actual step is at least MIN_ARROW_PX pixels (about), and say so. */
  len_px = hypot (d->step[0], d->step[1]) / (d->box.xmax - d->box.xmin) * 500.0;
  scale_px = len_px > 0 ? MAX (1.0, MIN_ARROW_PX / len_px) : 1.0;
  d->arrow_scale = scale_px;
  g_string_append_printf (s, _("actual step = (%.4g, %.4g) [black]; arrows drawn ×%.3g"),
                          d->step[0], d->step[1], scale_px);
  d->arrows = TRUE;
  gtk_label_set_text (self->step_label, s->str);
}

/* Trajectories for every start × checked optimizer. */
static void
recompute_paths (DlnLandscapePage *self)
{
  DlnRaceData *d = self->race;
  size_t epochs = (size_t) dln_param_row_get_value (self->epochs_row);
  d->n_paths = 0;
  for (int s = 0; s < self->n_starts; s++)
    for (int k = 0; k < N_OPTIMS; k++)
      {
        DlnOptimParams params;

        if (!gtk_check_button_get_active (self->optim_checks[k]))
          continue;
        fill_params (self, k, &params);
        dln_race_data_add_path (d, &self->surface, &params, s,
                                self->starts[s][0], self->starts[s][1], epochs);
      }
  if (d->cursor > (long) epochs)
    d->cursor = (long) epochs;
  update_bound (self);
  update_step_arrows (self);
  dln_figure_view_queue_render (self->view);
  dln_figure_view_queue_render (self->view3d);
}

static gboolean python3d_args_cb (DlnFigureView *view, DlnFigureArgs *args,
                                  gpointer user_data, GError **error);
static gboolean course3d_args_cb (DlnFigureView *view, DlnFigureArgs *args,
                                  gpointer user_data, GError **error);

/* On the shallow net the 3-D view is the course's D07: its own two runs
 * (η = 0.02, 240 epochs, the catalogue's loss-surface-3d defaults), not
 * the race; on other surfaces it shows the race in 3-D. */
static void
update_view3d_figure (DlnLandscapePage *self)
{
  gboolean course = is_shallow (self) && self->course3d.data != NULL;

  if (course == self->showing_course3d)
    return;
  self->showing_course3d = course;
  dln_figure_view_set_python (self->view3d,
                              course ? "loss-surface-3d"
                                     : "loss-landscape-race-3d",
                              course ? course3d_args_cb : python3d_args_cb,
                              self);
  if (course)
    dln_figure_view_set_figure (self->view3d, self->course3d.render,
                                self->course3d.csv, self->course3d.data);
  else
    dln_figure_view_set_figure (self->view3d,
                                (DlnFigureRenderFunc) dln_figure_race3d_render,
                                dln_figure_race3d_csv, self->s3d);
}

/* Both 3-D figures follow one view. */
static void
set_view3d (DlnLandscapePage *self,
            DlnView3D         view)
{
  self->s3d->view = view;
  if (self->course3d.data != NULL)
    ((DlnSurface3DData *) self->course3d.data)->view = view;
  dln_figure_view_queue_render (self->view3d);
}

/* The grids, field, solutions and saddles of the current surface. */
static void
recompute_surface (DlnLandscapePage *self)
{
  DlnRaceData *d = self->race;
  DlnRace3DData *s3 = self->s3d;
  double fmin;

  /* the 2-D figure's grid, field, solutions and labels */
  fmin = dln_race_data_set_surface (d, &self->surface);
  self->fmin = fmin;

  /* 3-D: a square box around the view, log(f − fmin + 0.5). */
  dln_race3d_data_set_surface (s3, &self->surface, &d->box, fmin);
  update_view3d_figure (self);
  recompute_paths (self);
}

/* Parses a start point "x, y" into @xy; FALSE if it is not one. */
static gboolean
parse_point (const char *text,
             double      xy[2])
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  gboolean ok = g_strv_length (parts) == 2;

  for (guint i = 0; ok && i < 2; i++)
    {
      char *end;

      g_strstrip (parts[i]);
      xy[i] = g_ascii_strtod (parts[i], &end);
      ok = *parts[i] != '\0' && *end == '\0' && isfinite (xy[i]);
    }
  return ok;
}

static void
set_default_starts (DlnLandscapePage *self)
{
  if (is_shallow (self))
    {
      /* the course's D06 starts, as the catalogue's --starts default */
      g_auto(GStrv) points = g_strsplit (DLN_SURFACE_COURSE_STARTS, ";", -1);

      self->n_starts = 0;
      for (guint i = 0; points[i] != NULL && i < MAX_STARTS; i++)
        if (parse_point (points[i], self->starts[self->n_starts]))
          self->n_starts++;
    }
  else
    {
      /* a quarter of the way in from the top-left corner */
      const DlnViewBox *b = &self->surface.view;

      self->n_starts = 1;
      self->starts[0][0] = b->xmin + 0.2 * (b->xmax - b->xmin);
      self->starts[0][1] = b->ymin + 0.8 * (b->ymax - b->ymin);
    }
}

static void
surface_changed_cb (DlnLandscapePage *self)
{
  guint i = gtk_drop_down_get_selected (self->surface_dropdown);
  DlnSurfaceKind kind = i < G_N_ELEMENTS (surface_kinds) ? surface_kinds[i]
                                                          : DLN_SURFACE_SHALLOW_NET;

  gtk_widget_set_visible (GTK_WIDGET (self->expr_entry), kind == DLN_SURFACE_EXPR);
  if (kind == DLN_SURFACE_EXPR)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->expr_entry));
      DlnArena *arena = dln_arena_new (ARENA_BYTES);
      DlnSurface s;
      DlnMessage msg = { { 0 }, 0 };

      if (dln_surface_init_expr (&s, text, arena, &msg) != DLN_STATUS_OK)
        {
          g_autofree char *shown =
            msg.column > 0
            ? g_strdup_printf (_("Column %d: %s"), msg.column, msg.text)
            : g_strdup (msg.text);

          dln_ui_show_input_error (self->error_label,
                                   GTK_WIDGET (self->expr_entry), shown);
          dln_arena_free (arena);
          return;  /* the last good surface stays */
        }
      dln_ui_show_input_error (self->error_label,
                               GTK_WIDGET (self->expr_entry), NULL);
      g_clear_pointer (&self->expr_arena, dln_arena_free);
      self->expr_arena = arena;
      self->surface = s;
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      dln_surface_init (&self->surface, kind);
    }
  set_default_starts (self);
  recompute_surface (self);
}

static void
layers_changed_cb (DlnLandscapePage *self)
{
  self->race->show_loss = gtk_check_button_get_active (self->loss_check);
  self->race->show_vectors = gtk_check_button_get_active (self->vectors_check);
  self->race->show_solutions = gtk_check_button_get_active (self->solutions_check);
  dln_figure_view_queue_render (self->view);
}

static void
view_mode_cb (DlnLandscapePage *self)
{
  guint mode = gtk_drop_down_get_selected (self->view_dropdown);

  gtk_widget_set_visible (GTK_WIDGET (self->view), mode != 1);
  gtk_widget_set_visible (GTK_WIDGET (self->view3d), mode != 0);
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self),
                                  mode == 1 ? self->view3d : self->view);
}

/* A click sets the start point (or adds one with "add starts"); a drag
 * moves it, recomputing every trajectory on every motion event. */
static void
move_start (DlnLandscapePage *self,
            int               panel,
            double            x,
            double            y,
            gboolean          press)
{
  if (panel != 0 || !isfinite (x) || !isfinite (y))
    return;
  if (press && gtk_check_button_get_active (self->add_check))
    {
      /* Newest first (the step-by-step mode follows starts[0]); the
       * oldest drops off when full. */
      int n = MIN (self->n_starts + 1, MAX_STARTS);

      memmove (self->starts[1], self->starts[0], sizeof self->starts[0] * (n - 1));
      self->n_starts = n;
    }
  else if (press)
    self->n_starts = 1;
  self->starts[0][0] = x;
  self->starts[0][1] = y;
  recompute_paths (self);
}

/* A typed start point "x, y" (the keyboard's click): Enter in the
 * entry; anything else marks the entry as an error. */
static void
start_activated_cb (DlnLandscapePage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->start_entry));
  double xy[2];

  if (!parse_point (text, xy))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->start_entry), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->start_entry), "error");
  move_start (self, 0, xy[0], xy[1], TRUE);
}

static void
pressed_cb (DlnFigureView    *view,
            int               panel,
            double            x,
            double            y,
            DlnLandscapePage *self)
{
  move_start (self, panel, x, y, TRUE);
}

static void
dragged_cb (DlnFigureView    *view,
            int               panel,
            double            x,
            double            y,
            double            dx,
            double            dy,
            DlnLandscapePage *self)
{
  move_start (self, panel, x, y, FALSE);
}

static void
pressed3d_cb (DlnFigureView    *view,
              int               panel,
              double            x,
              double            y,
              DlnLandscapePage *self)
{
  self->drag_view0 = self->s3d->view;
}

static void
dragged3d_cb (DlnFigureView    *view,
              int               panel,
              double            x,
              double            y,
              double            dx,
              double            dy,
              DlnLandscapePage *self)
{
  set_view3d (self, (DlnView3D) {
    fmod (self->drag_view0.azimuth - 0.5 * dx + 360.0, 360.0),
    CLAMP (self->drag_view0.elevation + 0.4 * dy, -10.0, 90.0) });
}

/* landscape.reset-view, the "Reset 3-D view" button: back to the
 * course's 3-D view (course_view). */
static void
dln_landscape_page_reset_view (DlnLandscapePage *self)
{
  set_view3d (self, course_view);
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
  DlnLandscapePage *self = user_data;
  double g[2], f;

  if (panel < 0 || !isfinite (x) || !isfinite (y))
    return NULL;
  f = dln_surface_grad (&self->surface, x, y, g);
  if (is_shallow (self))
    return g_strdup_printf ("w₁ = %.4g   w₂ = %.4g   w₁w₂ = %.4g\n"
                            "L = %.5g   ∇L = (%.4g, %.4g)", x, y, x * y, f, g[0], g[1]);
  return g_strdup_printf (_("x = %.4g   y = %.4g\nf = %.5g   ∇f = (%.4g, %.4g)"),
                          x, y, f, g[0], g[1]);
}

static char *
readout3d_cb (DlnFigureView           *view,
              const DlnFigureGeometry *geom,
              int                      panel,
              double                   x,
              double                   y,
              double                   px,
              double                   py,
              gpointer                 user_data)
{
  DlnLandscapePage *self = user_data;

  return g_strdup_printf (_("azimuth %.0f°, elevation %.0f°: drag to rotate"),
                          self->s3d->view.azimuth, self->s3d->view.elevation);
}

static void
dln_landscape_page_step (DlnDemoPage *page)
{
  DlnLandscapePage *self = DLN_LANDSCAPE_PAGE (page);
  long epochs = (long) dln_param_row_get_value (self->epochs_row);

  if (self->race->cursor < 0 || self->race->cursor >= epochs)
    self->race->cursor = 0;
  else
    self->race->cursor++;
  if (self->race->cursor >= epochs)
    dln_demo_page_set_playing (page, FALSE);
  update_step_arrows (self);
  dln_figure_view_queue_render (self->view);
  dln_figure_view_queue_render (self->view3d);
}

static void
dln_landscape_page_reset (DlnDemoPage *page)
{
  DlnLandscapePage *self = DLN_LANDSCAPE_PAGE (page);

  set_default_starts (self);
  self->race->cursor = -1;
  gtk_label_set_text (self->step_label,
                      _("Click or drag on the landscape to set a start point. "
                      "Press ▶| (Ctrl+N) to walk through the descent one step at a time."));
  recompute_paths (self);
}

/* "Export as Python script": the catalogue's "loss-landscape-race"
 * options from the page: surface (or typed formula), optimizers, starts,
 * sliders. */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnLandscapePage *self = user_data;
  const char *names[] = { "lr", "momentum", "epochs" };
  double values[] = { dln_param_row_get_value (self->lr_row),
                      dln_param_row_get_value (self->momentum_row),
                      dln_param_row_get_value (self->epochs_row) };
  g_autoptr (GString) optims = g_string_new (NULL);
  g_autoptr (GString) starts = g_string_new (NULL);
  gboolean expr = self->surface.kind == DLN_SURFACE_EXPR;

  for (int k = 0; k < N_OPTIMS; k++)
    if (gtk_check_button_get_active (self->optim_checks[k]))
      g_string_append_printf (optims, "%s%s", optims->len > 0 ? "," : "",
                              dln_optim_kind_name (k));
  for (int i = 0; i < self->n_starts; i++)
    {
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (starts, "%s%s,%s", i > 0 ? ";" : "",
                              dln_figure_python_format_double (x, self->starts[i][0]),
                              dln_figure_python_format_double (y, self->starts[i][1]));
    }
  return dln_demo_page_python_printf (args, error, expr ? "expr" : "surface",
                                      "%s", expr ? self->surface.formula
                                                 : self->surface.name)
         && dln_demo_page_python_printf (args, error, "optimizers", "%s",
                                         optims->str)
         && dln_demo_page_python_printf (args, error, "starts", "%s",
                                         starts->str)
         && dln_demo_page_python_doubles (args, names, values,
                                          G_N_ELEMENTS (names), error);
}

/* The 3-D view's angles, azimuth in [0, 360). */
static DlnStatus
set_view_angles (DlnLandscapePage *self,
                 DlnFigureArgs    *args,
                 DlnMessage       *msg)
{
  const char *names[] = { "azimuth", "elevation" };
  double values[] = { fmod (fmod (self->s3d->view.azimuth, 360.0) + 360.0,
                            360.0),
                      self->s3d->view.elevation };

  return dln_figure_python_set_doubles (args, names, values,
                                        G_N_ELEMENTS (names), msg);
}

/* The 3-D view's script on other surfaces: the race's options and the
 * view's angles. */
static gboolean
python3d_args_cb (DlnFigureView  *view,
                  DlnFigureArgs  *args,
                  gpointer        user_data,
                  GError        **error)
{
  DlnMessage msg = { { 0 }, 0 };

  if (!python_args_cb (view, args, user_data, error))
    return FALSE;
  return dln_ui_status_to_error (set_view_angles (user_data, args, &msg),
                                 &msg, NULL, error);
}

/* ... and on the shallow net, the course's D07 runs ("loss-surface-3d" at
 * its defaults) from the view's angles. */
static gboolean
course3d_args_cb (DlnFigureView  *view,
                  DlnFigureArgs  *args,
                  gpointer        user_data,
                  GError        **error)
{
  DlnMessage msg = { { 0 }, 0 };

  return dln_ui_status_to_error (set_view_angles (user_data, args, &msg),
                                 &msg, NULL, error);
}

/* A session keeps the start points beside the named controls. */
static void
dln_landscape_page_save_state (DlnDemoPage  *page,
                               GVariantDict *state)
{
  DlnLandscapePage *self = DLN_LANDSCAPE_PAGE (page);
  GVariantBuilder starts;

  g_variant_builder_init (&starts, G_VARIANT_TYPE ("a(dd)"));
  for (int s = 0; s < self->n_starts; s++)
    g_variant_builder_add (&starts, "(dd)", self->starts[s][0],
                           self->starts[s][1]);
  g_variant_dict_insert_value (state, "starts",
                               g_variant_builder_end (&starts));
  DLN_DEMO_PAGE_CLASS (dln_landscape_page_parent_class)->save_state (page,
                                                                     state);
}

/* The surface first (choosing one resets the starts), then the starts. */
static gboolean
dln_landscape_page_load_state (DlnDemoPage   *page,
                               GVariantDict  *state,
                               gboolean       apply,
                               GError       **error)
{
  DlnLandscapePage *self = DLN_LANDSCAPE_PAGE (page);
  g_autoptr(GVariant) starts = g_variant_dict_lookup_value (state, "starts",
                                                            NULL);
  gsize n = 0;

  if (starts != NULL)
    {
      gboolean ok = g_variant_is_of_type (starts, G_VARIANT_TYPE ("a(dd)"));

      n = ok ? g_variant_n_children (starts) : 0;
      ok = ok && n >= 1 && n <= MAX_STARTS;
      for (gsize s = 0; ok && s < n; s++)
        {
          double x, y;

          g_variant_get_child (starts, s, "(dd)", &x, &y);
          ok = isfinite (x) && isfinite (y);
        }
      if (!ok)
        {
          g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                       "state.starts: expected 1 to %d finite points "
                       "(a(dd))", MAX_STARTS);
          return FALSE;
        }
    }
  g_variant_dict_remove (state, "starts");
  if (!DLN_DEMO_PAGE_CLASS (dln_landscape_page_parent_class)->load_state (page,
                                                                          state,
                                                                          apply,
                                                                          error))
    return FALSE;
  if (!apply || starts == NULL)
    return TRUE;
  for (gsize s = 0; s < n; s++)
    g_variant_get_child (starts, s, "(dd)", &self->starts[s][0],
                         &self->starts[s][1]);
  self->n_starts = (int) n;
  recompute_paths (self);
  return TRUE;
}

static void
dln_landscape_page_class_init (DlnLandscapePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);

  object_class->finalize = dln_landscape_page_finalize;
  page_class->step = dln_landscape_page_step;
  page_class->reset = dln_landscape_page_reset;
  page_class->save_state = dln_landscape_page_save_state;
  page_class->load_state = dln_landscape_page_load_state;

  dln_demo_page_class_set_template (page_class, "dln-landscape-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, view3d);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, step_label);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, surface_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, view_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, expr_entry);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, lr_row);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, bound_label);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, epochs_row);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, momentum_row);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, optim_grid);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, loss_check);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, vectors_check);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, solutions_check);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, add_check);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, start_entry);
  gtk_widget_class_bind_template_child (widget_class, DlnLandscapePage, controls);

  dln_demo_page_class_install_method_action (page_class,
    "landscape.reset-view", G_CALLBACK (dln_landscape_page_reset_view));
}

static void
dln_landscape_page_init (DlnLandscapePage *self)
{
  DlnDemoPage *page = DLN_DEMO_PAGE (self);
  g_autoptr (GtkStringList) titles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* D06's course run (dln-surface.h), as the catalogue's options */
  dln_param_row_set_value (self->lr_row, DLN_SURFACE_COURSE_LR);
  dln_param_row_set_value (self->epochs_row, DLN_SURFACE_COURSE_EPOCHS);
  dln_param_row_set_value (self->momentum_row, DLN_SURFACE_COURSE_MOMENTUM);

  self->race = dln_race_data_new (DLN_RACE_GRID_N, DLN_RACE_ARROW_N,
                                  DLN_RACE_MAX_EPOCHS + 2);
  self->s3d = g_new0 (DlnRace3DData, 1);
  self->s3d->race = self->race;
  self->s3d->surface = &self->surface;
  self->s3d->view = course_view;
  self->scratch = dln_arena_new (1u << 16);
  {
    const DlnCatalogueEntry *entry = dln_figure_catalogue_find ("loss-surface-3d");
    DlnFigureArgs args;
    DlnMessage msg = { { 0 }, 0 };

    dln_figure_args_init (&args, entry);
    if (dln_figure_build (entry, &args, &self->course3d, &msg) != DLN_STATUS_OK)
      g_message ("the course's 3-D runs failed: %s", msg.text);
    else
      {
        DlnSurface3DData *c3 = self->course3d.data;

        /* opaque, so the path behind a hill is hidden, not dimmed */
        c3->alpha = 1.0;
        c3->view = self->s3d->view;
      }
  }

  for (guint i = 0; i < G_N_ELEMENTS (surface_titles); i++)
    gtk_string_list_append (titles, _(surface_titles[i]));
  gtk_drop_down_set_model (self->surface_dropdown, G_LIST_MODEL (titles));

  for (int k = 0; k < N_OPTIMS; k++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (dln_race_optim_title (k));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), k == DLN_OPTIM_SGD);
      /* two columns: three would make the pane too wide at 1024 px */
      gtk_grid_attach (self->optim_grid, check, k % 2, k / 2, 1, 1);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (recompute_paths), self);
      self->optim_checks[k] = GTK_CHECK_BUTTON (check);
    }
  layers_changed_cb (self);

  dln_figure_view_set_figure (self->view, (DlnFigureRenderFunc) dln_figure_race_render,
                              dln_figure_race_csv, self->race);
  dln_figure_view_set_figure (self->view3d, (DlnFigureRenderFunc) dln_figure_race3d_render,
                              dln_figure_race3d_csv, self->s3d);
  dln_figure_view_set_readout_func (self->view, readout_cb, self, NULL);
  dln_figure_view_set_readout_func (self->view3d, readout3d_cb, self, NULL);
  /* "2-D" and "3-D" show one view in the other's place: the hidden one is
   * drawn ahead, so the switch does not wait for a render */
  dln_figure_view_set_stand_in (self->view3d, self->view);
  dln_figure_view_set_stand_in (self->view, self->view3d);
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->view);
  dln_figure_view_set_python (self->view, "loss-landscape-race",
                              python_args_cb, self);
  dln_figure_view_set_python (self->view3d, "loss-landscape-race-3d",
                              python3d_args_cb, self);
  g_object_bind_property (self, "playing", self->controls, "playing",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->controls, "speed", self, "speed",
                          G_BINDING_SYNC_CREATE);

  g_signal_connect (self->view, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect_swapped (self->start_entry, "activate",
                            G_CALLBACK (start_activated_cb), self);
  g_signal_connect (self->view, "dragged", G_CALLBACK (dragged_cb), self);
  g_signal_connect (self->view3d, "pressed", G_CALLBACK (pressed3d_cb), self);
  g_signal_connect (self->view3d, "dragged", G_CALLBACK (dragged3d_cb), self);
  dln_demo_page_connect_controls (page, G_CALLBACK (surface_changed_cb),
                                  self->surface_dropdown, self->expr_entry,
                                  NULL);
  dln_demo_page_connect_controls (page, G_CALLBACK (view_mode_cb),
                                  self->view_dropdown, NULL);
  dln_demo_page_connect_controls (page, G_CALLBACK (recompute_paths),
                                  self->lr_row, self->epochs_row,
                                  self->momentum_row, NULL);
  dln_demo_page_connect_controls (page, G_CALLBACK (layers_changed_cb),
                                  self->loss_check, self->vectors_check,
                                  self->solutions_check, NULL);

  surface_changed_cb (self);
}
