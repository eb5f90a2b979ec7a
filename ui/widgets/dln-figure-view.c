/* DlnFigureView: every figure on screen. (Over 800 lines: drawing,
 * the GL/cairo renderer choice, pointer and keyboard readout, export and
 * the Python script hook share the view's one cached frame.) */

#define G_LOG_DOMAIN "dln-figure-view"

#include "config.h"

#include "dln-property.h"

#include <glib/gi18n-lib.h>

#include "dln-figure-view.h"

#include "dln-animation-dialog.h"
#include "dln-figure-animation.h"
#include "dln-figure-python.h"
#include "dln-figure-summary.h"
#include "dln-ui-error.h"
#include "dln-ui.h"

#include <adwaita.h>
#include <math.h>

struct _DlnFigureView
{
  GtkWidget                 parent_instance;

  /* owned */
  GtkWidget                *export_button;
  char                     *name;
  char                     *title;
  char                     *readout;
  DlnFigureGeometry         geometry;    /* from the last on-screen render */
  GdkTexture               *cache;       /* the last render; hover redraws
                                          * only the readout on top */
  int                       cache_w, cache_h, cache_scale;
  DlnFigureRenderFunc       render;
  DlnFigureCsvFunc          csv;
  GMenu                    *export_menu;
  const DlnCatalogueEntry  *python_entry;  /* NULL: no Python export */
  DlnFigureViewArgsFunc     python_args;
  gpointer                  python_data;
  DlnFigureViewReadoutFunc  readout_func;
  gpointer                  readout_data;
  GDestroyNotify            readout_destroy;

  /* borrowed */
  const void               *data;        /* the page's, drawn by render */
  GtkFileChooserNative     *chooser;
  double                    pointer_x, pointer_y;
  gboolean                  pointer_inside;
  gboolean                  keyboard;     /* the crosshair follows the
                                           * arrow keys (focus), not the
                                           * pointer */
  guint                     describe_id;  /* pending description update */
  DlnFigureView            *stand_in;     /* weak: shown in this view's
                                           * place while it is hidden */
  guint                     ahead_id;     /* pending render while hidden */
  char                     *description;  /* accessible: key numbers */
  char                     *fixed_description;  /* the page's, or NULL */
  int                       drag_panel;
  double                    drag_x0, drag_y0;  /* widget pixels */
  double                    type_scale;   /* dln_figure_style_scale () */
};

G_DEFINE_FINAL_TYPE (DlnFigureView, dln_figure_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_TITLE,
  PROP_READOUT,
  PROP_TYPE_SCALE,
  N_PROPS
};

enum { PRESSED, DRAGGED, RELEASED, RENDERED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_readout (DlnFigureView *self);

/* quiet time before the accessible description is rewritten */
#define DESCRIBE_DELAY_MS 300

/* a crosshair step: this fraction of the panel (Ctrl: ten times more) */
#define CROSSHAIR_STEPS 40.0

static void
dln_figure_view_dispose (GObject *object)
{
  DlnFigureView *self = DLN_FIGURE_VIEW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_handle_id (&self->describe_id, g_source_remove);
  g_clear_weak_pointer (&self->stand_in);
  g_clear_handle_id (&self->ahead_id, g_source_remove);
  g_clear_pointer (&self->export_button, gtk_widget_unparent);
  g_clear_object (&self->cache);
  g_clear_object (&self->export_menu);
  dln_figure_view_set_figure (self, NULL, NULL, NULL);
  dln_figure_view_set_readout_func (self, NULL, NULL, NULL);

  G_OBJECT_CLASS (dln_figure_view_parent_class)->dispose (object);
}

static void
dln_figure_view_finalize (GObject *object)
{
  DlnFigureView *self = DLN_FIGURE_VIEW (object);

  g_free (self->name);
  g_free (self->title);
  g_free (self->readout);
  g_free (self->description);
  g_free (self->fixed_description);

  G_OBJECT_CLASS (dln_figure_view_parent_class)->finalize (object);
}

/* The style on screen: the theme's (AdwStyleManager dark and high
 * contrast), at the view's type scale. */
static void
screen_style (DlnFigureView  *self,
              DlnFigureStyle *style)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  dln_figure_style_init (style, adw_style_manager_get_dark (manager)
                                ? DLN_THEME_DARK : DLN_THEME_LIGHT);
  if (adw_style_manager_get_high_contrast (manager))
    dln_figure_style_high_contrast (style);
  dln_figure_style_scale (style, self->type_scale);
}

static void
draw_readout (DlnFigureView *self,
              cairo_t       *cr,
              double         height)
{
  PangoLayout *layout;
  int tw, th;
  const double pad = 6.0;

  if (self->readout == NULL || *self->readout == '\0')
    return;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->readout);
  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_save (cr);
  cairo_rectangle (cr, 8, height - th - 2 * pad - 8, tw + 2 * pad, th + 2 * pad);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.78);
  cairo_fill (cr);
  cairo_move_to (cr, 8 + pad, height - th - pad - 8);
  cairo_set_source_rgb (cr, 1, 1, 1);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  g_object_unref (layout);
}

/* The keyboard's crosshair: a dark line under a light one, so it shows
 * on any figure, across the widget at the keyboard's point. */
static void
draw_crosshair (DlnFigureView *self,
                GtkSnapshot   *snapshot,
                int            width,
                int            height)
{
  static const GdkRGBA dark = { 0.1, 0.1, 0.12, 0.85 };
  static const GdkRGBA light = { 1, 1, 1, 0.95 };
  float x = (float) floor (self->pointer_x), y = (float) floor (self->pointer_y);

  gtk_snapshot_append_color (snapshot, &dark,
                             &GRAPHENE_RECT_INIT (x - 1, 0, 3, height));
  gtk_snapshot_append_color (snapshot, &dark,
                             &GRAPHENE_RECT_INIT (0, y - 1, width, 3));
  gtk_snapshot_append_color (snapshot, &light,
                             &GRAPHENE_RECT_INIT (x, 0, 1, height));
  gtk_snapshot_append_color (snapshot, &light,
                             &GRAPHENE_RECT_INIT (0, y, width, 1));
}

/* The export button's margin from the widget's edges, px. */
#define BUTTON_MARGIN 6

/* Width the figure is drawn at: the widget's, less a strip on the right
 * kept for the export button, so the button never covers a title, a
 * label or data at any size. Exports use the same width, so a file
 * matches the screen. */
static int
figure_width_for (DlnFigureView *self,
                  int            width)
{
  GtkRequisition nat;

  if (self->export_button == NULL
      || !gtk_widget_get_visible (self->export_button))
    return width;
  gtk_widget_get_preferred_size (self->export_button, NULL, &nat);
  return MAX (0, width - nat.width - 2 * BUTTON_MARGIN);
}

static int
figure_width (DlnFigureView *self)
{
  return figure_width_for (self, gtk_widget_get_width (GTK_WIDGET (self)));
}

/* Renders the figure into a texture at device resolution. */
static GdkTexture *
render_texture (DlnFigureView *self,
                int            width,
                int            height,
                int            scale)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  DlnFigureStyle style;
  GBytes *bytes;
  GdkTexture *texture;
  int stride;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        width * scale, height * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  dln_figure_geometry_clear (&self->geometry, width, height);
  if (self->render != NULL)
    {
      screen_style (self, &style);
      self->render (cr, &style, self->data, width, height, &self->geometry);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height * scale,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      surface);
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 layout (premultiplied, native
   * endian). */
  texture = gdk_memory_texture_new (width * scale, height * scale,
                                    GDK_MEMORY_DEFAULT, bytes, stride);
  g_bytes_unref (bytes);
  return texture;
}

/* Renders the figure into the cache unless it holds this size's. */
static void
ensure_cache (DlnFigureView *self,
              int            width,
              int            height,
              int            scale)
{
  gint64 t0;

  if (self->cache != NULL && self->cache_w == width
      && self->cache_h == height && self->cache_scale == scale)
    return;
  t0 = g_get_monotonic_time ();
  g_clear_object (&self->cache);
  self->cache = render_texture (self, width, height, scale);
  /* G_MESSAGES_DEBUG=dln-figure-view prints every render's cost */
  g_debug ("render %s %dx%d: %.2f ms", self->name, width, height,
           (g_get_monotonic_time () - t0) / 1000.0);
  self->cache_w = width;
  self->cache_h = height;
  self->cache_scale = scale;
  g_signal_emit (self, signals[RENDERED], 0);
}

static void
dln_figure_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  DlnFigureView *self = DLN_FIGURE_VIEW (widget);
  int width = figure_width (self);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  ensure_cache (self, width, height, scale);
  gtk_snapshot_append_texture (snapshot, self->cache,
                               &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->keyboard && gtk_widget_has_focus (widget))
    draw_crosshair (self, snapshot, width, height);

  if (self->readout != NULL && *self->readout != '\0')
    {
      cr = gtk_snapshot_append_cairo (snapshot,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
      draw_readout (self, cr, height);
      cairo_destroy (cr);
    }

  if (self->export_button != NULL)
    gtk_widget_snapshot_child (widget, self->export_button, snapshot);
}

static void
dln_figure_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  DlnFigureView *self = DLN_FIGURE_VIEW (widget);
  int child_min = 0, child_nat = 0;

  if (self->export_button != NULL)
    gtk_widget_measure (self->export_button, orientation, -1,
                        &child_min, &child_nat, NULL, NULL);
  *minimum = MAX (child_min, orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 180);
  *natural = MAX (*minimum, orientation == GTK_ORIENTATION_HORIZONTAL ? 560 : 420);
}

static void
dln_figure_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  DlnFigureView *self = DLN_FIGURE_VIEW (widget);
  GtkRequisition nat;

  if (self->export_button == NULL)
    return;
  gtk_widget_get_preferred_size (self->export_button, NULL, &nat);
  gtk_widget_size_allocate (self->export_button,
                            &(GtkAllocation) {
                              MAX (0, width - nat.width - BUTTON_MARGIN),
                              BUTTON_MARGIN, nat.width, nat.height },
                            -1);
}

/* Data under widget pixel (@px, @py) in @panel (NaN off XY/IMAGE). */
static void
panel_to_data (const DlnPlotPanel *p,
               double              px,
               double              py,
               double             *x,
               double             *y)
{
  if (p->kind == DLN_PANEL_XY || p->kind == DLN_PANEL_IMAGE)
    {
      *x = dln_plot_panel_px_to_x (p, px);
      *y = dln_plot_panel_px_to_y (p, py);
    }
  else
    *x = *y = NAN;
}

static int
hit_panel (DlnFigureView *self,
           double         px,
           double         py)
{
  return dln_figure_geometry_hit (&self->geometry, px, py);
}

/* The accessible name: the title, and while the keyboard moves the
 * crosshair the readout there, so a screen reader says it at each step
 * (GTK 4.8 has no announcements; the focused object's name change is
 * spoken). */
static void
update_label (DlnFigureView *self)
{
  const char *title = self->title != NULL ? self->title : _("Figure");
  g_autofree char *label = NULL;

  if (self->keyboard && self->readout != NULL && *self->readout != '\0')
    {
      g_autofree char *flat = g_strdup (self->readout);

      g_strdelimit (flat, "\n", ' ');
      label = g_strdup_printf ("%s: %s", title, flat);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : title, -1);
}

/* A hidden view with a stand-in draws itself at the stand-in's size once
 * the figure has been still for a moment, so that swapping the two (the
 * loss landscape's 2-D / 3-D switch) shows a drawing at once instead of
 * rendering in the frame the user waits for (the 3-D surface takes 30-60
 * ms on this machine). The moment is short (a click on another control
 * and then on the switch are further apart) but longer than a drag's
 * steps, so a drag does not draw the hidden view at every step. */
#define RENDER_AHEAD_DELAY_MS 100

static gboolean
render_ahead_cb (gpointer user_data)
{
  DlnFigureView *self = user_data;
  GtkWidget *in = GTK_WIDGET (self->stand_in);
  int width, height;

  self->ahead_id = 0;
  if (in == NULL || gtk_widget_get_visible (GTK_WIDGET (self))
      || !gtk_widget_get_mapped (in))
    return G_SOURCE_REMOVE;
  width = figure_width_for (self, gtk_widget_get_width (in));
  height = gtk_widget_get_height (in);
  if (width > 0 && height > 0)
    ensure_cache (self, width, height, gtk_widget_get_scale_factor (in));
  return G_SOURCE_REMOVE;
}

static void
queue_render_ahead (DlnFigureView *self)
{
  g_clear_handle_id (&self->ahead_id, g_source_remove);
  if (self->stand_in == NULL)
    return;
  /* low priority: keys, clicks and frames waiting go first */
  self->ahead_id = g_timeout_add_full (G_PRIORITY_LOW, RENDER_AHEAD_DELAY_MS,
                                       render_ahead_cb, self, NULL);
}

static gboolean
describe_cb (gpointer user_data)
{
  DlnFigureView *self = user_data;
  gint64 t0 = g_get_monotonic_time ();

  self->describe_id = 0;
  g_free (self->description);
  self->description = self->fixed_description != NULL
                      ? g_strdup (self->fixed_description)
                      : dln_figure_summary (self->title, self->csv,
                                            self->data, 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description, -1);
  g_debug ("describe %s: %.2f ms", self->name,
           (g_get_monotonic_time () - t0) / 1000.0);
  return G_SOURCE_REMOVE;
}

/* Rewrites the accessible description once the figure has been still for
 * a moment (a run or a slider drag changes it every frame; the summary
 * reads every number of the figure's data). */
static void
queue_describe (DlnFigureView *self)
{
  g_clear_handle_id (&self->describe_id, g_source_remove);
  /* low priority: keys, clicks and actions waiting go first */
  self->describe_id = g_timeout_add_full (G_PRIORITY_LOW, DESCRIBE_DELAY_MS,
                                          describe_cb, self, NULL);
}

static void
set_readout (DlnFigureView *self,
             char          *text)  /* transfer full */
{
  if (g_strcmp0 (self->readout, text) == 0)
    {
      g_free (text);
      return;
    }
  g_free (self->readout);
  self->readout = text;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->keyboard)
    update_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READOUT]);
}

static void
update_readout (DlnFigureView *self)
{
  int panel;
  double x = NAN, y = NAN;

  if (!self->pointer_inside)
    {
      set_readout (self, NULL);
      return;
    }
  panel = hit_panel (self, self->pointer_x, self->pointer_y);
  if (panel >= 0)
    panel_to_data (&self->geometry.panels[panel],
                   self->pointer_x, self->pointer_y, &x, &y);
  if (self->readout_func != NULL)
    set_readout (self, self->readout_func (self, &self->geometry, panel, x, y,
                                           self->pointer_x, self->pointer_y,
                                           self->readout_data));
  else if (panel >= 0 && isfinite (x) && isfinite (y))
    set_readout (self, g_strdup_printf ("x = %.4g   y = %.4g", x, y));
  else
    set_readout (self, NULL);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           DlnFigureView            *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  if (self->keyboard)
    {
      /* the pointer takes over: the name is the title again */
      self->keyboard = FALSE;
      update_label (self);
    }
  update_readout (self);
}

static void
leave_cb (GtkEventControllerMotion *motion,
          DlnFigureView            *self)
{
  if (self->keyboard)
    return;
  self->pointer_inside = FALSE;
  update_readout (self);
}

static void
emit_at (DlnFigureView *self,
         guint          signal_id,
         double         px,
         double         py,
         double         dx,
         double         dy)
{
  double x = NAN, y = NAN;
  int panel = self->drag_panel;

  if (panel >= 0 && (size_t) panel < self->geometry.n_panels)
    panel_to_data (&self->geometry.panels[panel], px, py, &x, &y);
  if (signal_id == signals[DRAGGED])
    g_signal_emit (self, signal_id, 0, panel, x, y, dx, dy);
  else
    g_signal_emit (self, signal_id, 0, panel, x, y);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          start_x,
               double          start_y,
               DlnFigureView  *self)
{
  self->drag_x0 = start_x;
  self->drag_y0 = start_y;
  self->drag_panel = hit_panel (self, start_x, start_y);
  emit_at (self, signals[PRESSED], start_x, start_y, 0, 0);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                DlnFigureView  *self)
{
  self->pointer_x = self->drag_x0 + dx;
  self->pointer_y = self->drag_y0 + dy;
  emit_at (self, signals[DRAGGED], self->pointer_x, self->pointer_y, dx, dy);
  update_readout (self);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             DlnFigureView  *self)
{
  emit_at (self, signals[RELEASED], self->drag_x0 + dx, self->drag_y0 + dy,
           dx, dy);
}

/* The panel under the crosshair, or the first one that has axes or a
 * graph; NULL when none (the whole widget then). */
static const DlnPlotPanel *
crosshair_panel (DlnFigureView *self)
{
  int hit = hit_panel (self, self->pointer_x, self->pointer_y);

  if (hit >= 0)
    return &self->geometry.panels[hit];
  for (size_t i = 0; i < self->geometry.n_panels; i++)
    if (self->geometry.panels[i].width > 0)
      return &self->geometry.panels[i];
  return NULL;
}

/* Puts the crosshair in the middle of panel @i (or of the widget). */
static void
crosshair_home (DlnFigureView *self,
                size_t         i)
{
  if (i < self->geometry.n_panels && self->geometry.panels[i].width > 0)
    {
      const DlnPlotPanel *p = &self->geometry.panels[i];

      self->pointer_x = p->x + p->width / 2;
      self->pointer_y = p->y + p->height / 2;
    }
  else
    {
      self->pointer_x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      self->pointer_y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
}

static void
focus_enter_cb (GtkEventControllerFocus *focus,
                DlnFigureView           *self)
{
  if (!self->keyboard && !self->pointer_inside)
    crosshair_home (self, 0);
  self->keyboard = TRUE;
  self->pointer_inside = TRUE;
  update_readout (self);
  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_leave_cb (GtkEventControllerFocus *focus,
                DlnFigureView           *self)
{
  if (!self->keyboard)
    return;
  self->keyboard = FALSE;
  self->pointer_inside = FALSE;
  update_readout (self);
  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Arrows move the crosshair (Ctrl: in bigger steps), Page Up/Down go to
 * the previous/next panel, Home to this panel's middle, and Enter or
 * Space clicks there (on the loss landscape: start the descent there). */
static gboolean
key_pressed_cb (GtkEventControllerKey *keys,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                DlnFigureView         *self)
{
  const DlnPlotPanel *p = crosshair_panel (self);
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double steps = (state & GDK_CONTROL_MASK) ? CROSSHAIR_STEPS / 10
                                            : CROSSHAIR_STEPS;
  double dx = (p != NULL ? p->width : w) / steps;
  double dy = (p != NULL ? p->height : h) / steps;
  int hit;

  if ((state & GDK_ALT_MASK) != 0)
    return FALSE;
  self->keyboard = TRUE;
  self->pointer_inside = TRUE;
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      self->pointer_x -= dx;
      break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      self->pointer_x += dx;
      break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      self->pointer_y -= dy;
      break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      self->pointer_y += dy;
      break;
    case GDK_KEY_Home: case GDK_KEY_KP_Home:
    case GDK_KEY_Page_Up: case GDK_KEY_Page_Down:
      {
        size_t n = self->geometry.n_panels;
        size_t i = 0;

        hit = hit_panel (self, self->pointer_x, self->pointer_y);
        if (hit >= 0)
          i = (size_t) hit;
        if (n > 0 && keyval == GDK_KEY_Page_Down)
          i = (i + 1) % n;
        else if (n > 0 && keyval == GDK_KEY_Page_Up)
          i = (i + n - 1) % n;
        crosshair_home (self, i);
      }
      break;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
    case GDK_KEY_space: case GDK_KEY_KP_Space:
      if ((state & GDK_CONTROL_MASK) != 0)
        return FALSE;
      self->drag_panel = hit_panel (self, self->pointer_x, self->pointer_y);
      self->drag_x0 = self->pointer_x;
      self->drag_y0 = self->pointer_y;
      emit_at (self, signals[PRESSED], self->pointer_x, self->pointer_y, 0, 0);
      emit_at (self, signals[RELEASED], self->pointer_x, self->pointer_y, 0, 0);
      return TRUE;
    default:
      return FALSE;
    }
  self->pointer_x = CLAMP (self->pointer_x, 0, MAX (w - 1, 0));
  self->pointer_y = CLAMP (self->pointer_y, 0, MAX (h - 1, 0));
  update_readout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  dln_figure_view_export (DLN_FIGURE_VIEW (widget),
                          g_variant_get_string (param, NULL));
}

/* name: file stem for exports ("loss-landscape"); NULL means "figure" */
static void
name_changed (DlnFigureView *self)
{
  if (self->name == NULL)
    self->name = g_strdup ("figure");
}

/* title: (nullable) what the figure shows; also its accessible label */
static void
title_changed (DlnFigureView *self)
{
  update_label (self);
  queue_describe (self);
}

static void
dln_figure_view_class_init (DlnFigureViewClass *klass)
{
  static const DlnPropertyDecl decls[N_PROPS] = {
    [PROP_NAME] = { G_STRUCT_OFFSET (DlnFigureView, name),
                    .changed = G_CALLBACK (name_changed) },
    [PROP_TITLE] = { G_STRUCT_OFFSET (DlnFigureView, title),
                     .changed = G_CALLBACK (title_changed) },
    [PROP_READOUT] = { G_STRUCT_OFFSET (DlnFigureView, readout) },
    [PROP_TYPE_SCALE] = { G_STRUCT_OFFSET (DlnFigureView, type_scale), NULL,
                          G_CALLBACK (dln_figure_view_set_type_scale) },
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dln_figure_view_dispose;
  object_class->finalize = dln_figure_view_finalize;
  widget_class->snapshot = dln_figure_view_snapshot;
  widget_class->measure = dln_figure_view_measure;
  widget_class->size_allocate = dln_figure_view_size_allocate;

  /* name: file stem for exports, e.g. "gradient-field" */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "figure", DLN_PARAM_RW);
  /* title: accessible label and export dialog title */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, DLN_PARAM_RW);
  /* readout: the hover text shown now (NULL when the pointer is away) */
  properties[PROP_READOUT] =
    g_param_spec_string ("readout", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* type-scale: text, lines and margins are drawn this many times their
   * usual size (presentation mode) */
  properties[PROP_TYPE_SCALE] =
    g_param_spec_double ("type-scale", NULL, NULL, 0.25, 8.0, 1.0,
                         DLN_PARAM_RW);
  dln_object_class_install_properties (object_class, N_PROPS, properties,
                                       decls);

  /**
   * DlnFigureView::pressed:
   * @panel: panel under the press (-1 outside every panel)
   * @x, @y: data coordinates in that panel
   */
  signals[PRESSED] =
    g_signal_new ("pressed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_INT, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  /**
   * DlnFigureView::dragged:
   * @panel:  the panel the drag started in (-1 outside every panel)
   * @x, @y:  data coordinates of the pointer, in that panel's mapping
   * @dx, @dy: pixels moved since the press (for rotating 3-D views)
   */
  signals[DRAGGED] =
    g_signal_new ("dragged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 5,
                  G_TYPE_INT, G_TYPE_DOUBLE, G_TYPE_DOUBLE,
                  G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  signals[RELEASED] =
    g_signal_new ("released", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_INT, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  /**
   * DlnFigureView::rendered:
   * The figure was drawn anew for the frame being painted (new data, size
   * or theme); hover redraws do not count. Handlers must not queue draws.
   */
  signals[RENDERED] =
    g_signal_new ("rendered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* figure.export("png" | "svg" | "pdf" | "csv" | "py") */
  gtk_widget_class_install_action (widget_class, "figure.export", "s",
                                   export_action);
  gtk_widget_class_set_css_name (widget_class, "dlnfigureview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dark_changed_cb (DlnFigureView *self)
{
  dln_figure_view_queue_render (self);
}

static void
dln_figure_view_init (DlnFigureView *self)
{
  GtkEventController *motion, *keys, *focus;
  GtkGesture *drag;
  GMenu *menu = self->export_menu = g_menu_new ();

  self->name = g_strdup ("figure");
  self->drag_panel = -1;
  self->type_scale = 1.0;

  g_menu_append (menu, _("Export as _PNG…"), "figure.export::png");
  g_menu_append (menu, _("Export as _SVG…"), "figure.export::svg");
  g_menu_append (menu, _("Export as P_DF…"), "figure.export::pdf");
  g_menu_append (menu, _("Export data as _CSV…"), "figure.export::csv");
  self->export_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->export_button),
                                 "document-save-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->export_button),
                                  G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (self->export_button, _("Export this figure"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->export_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Export this figure"), -1);
  gtk_widget_add_css_class (self->export_button, "osd");
  gtk_widget_add_css_class (self->export_button, "figure-export");
  gtk_widget_set_parent (self->export_button, GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "figure.export", TRUE);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  /* focusable: the keyboard's crosshair (key_pressed_cb) */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  dln_figure_geometry_clear (&self->geometry, 0, 0);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (),
                           "notify::high-contrast",
                           G_CALLBACK (dark_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* dln_figure_view_new:
 * Returns: (transfer floating) an empty canvas; set a render function. */
GtkWidget *
dln_figure_view_new (void)
{
  return g_object_new (DLN_TYPE_FIGURE_VIEW, NULL);
}

/* dln_figure_view_set_figure:
 * @render: (nullable) a dln_figure_<kind>_render (), type-erased
 * @csv:    (nullable) writes the data behind it; NULL disables CSV export
 * @data:   (nullable) what @render and @csv draw and write; borrowed: it
 *          must stay valid until the next call (pages own it and free it
 *          in finalize, after their children are gone)
 * Call dln_figure_view_queue_render () after changing @data in place. */
void
dln_figure_view_set_figure (DlnFigureView       *self,
                            DlnFigureRenderFunc  render,
                            DlnFigureCsvFunc     csv,
                            const void          *data)
{
  g_return_if_fail (DLN_IS_FIGURE_VIEW (self));

  self->render = render;
  self->csv = csv;
  self->data = data;
  g_clear_object (&self->cache);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (data != NULL)
    queue_describe (self);
}

/* dln_figure_view_set_python:
 * @entry: the catalogue entry the view draws (dln_figure_catalogue_find)
 * @func:  fills the entry's options from the page's current settings;
 *         called at export time with @user_data (which must outlive the
 *         view: the page that owns it)
 * Adds "Export as Python script…" to the view's export menu; exporting to
 * a .py path then writes the entry's script (dln_figure_python_export),
 * the bytes `dlnlab-cli export ENTRY --out run.py` writes for the same
 * options. */
void
dln_figure_view_set_python (DlnFigureView         *self,
                            const char            *entry,
                            DlnFigureViewArgsFunc  func,
                            gpointer               user_data)
{
  g_return_if_fail (DLN_IS_FIGURE_VIEW (self));
  g_return_if_fail (func != NULL);

  self->python_entry = dln_figure_catalogue_find (entry);
  g_return_if_fail (dln_figure_python_supported (self->python_entry));
  if (self->python_args == NULL)
    {
      g_menu_append (self->export_menu, _("Export as P_ython Script…"),
                     "figure.export::py");
      if (dln_figure_animation_option (self->python_entry) != NULL)
        g_menu_append (self->export_menu, _("Export _Animation…"),
                       "figure.export::animation");
    }
  self->python_args = func;
  self->python_data = user_data;
}

/* dln_figure_view_get_animated:
 * Returns: whether the view's figure changes over time, so it can be
 * recorded ("Export Animation…"): the same test as `dlnlab-cli export`'s
 * (dln_figure_animation_option). */
gboolean
dln_figure_view_get_animated (DlnFigureView *self)
{
  g_return_val_if_fail (DLN_IS_FIGURE_VIEW (self), FALSE);

  return self->python_entry != NULL
         && dln_figure_animation_option (self->python_entry) != NULL;
}

/* Writes the Python script of the page's current settings to @path. */
static gboolean
write_python (DlnFigureView  *self,
              const char     *path,
              GError        **error)
{
  DlnMessage msg = { { 0 }, 0 };
  DlnFigureArgs args;
  DlnStatus status;

  if (self->python_entry == NULL)
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   _("This figure has no Python script"));
      return FALSE;
    }
  dln_figure_args_init (&args, self->python_entry);
  if (!self->python_args (self, &args, self->python_data, error))
    return FALSE;
  status = dln_figure_python_export (path, self->python_entry, &args, &msg);
  return dln_ui_status_to_error (status, &msg, NULL, error);
}

/* dln_figure_view_set_readout_func:
 * @func: (nullable) formats the hover text; NULL shows "x = …  y = …" */
void
dln_figure_view_set_readout_func (DlnFigureView            *self,
                                  DlnFigureViewReadoutFunc  func,
                                  gpointer                  user_data,
                                  GDestroyNotify            destroy)
{
  g_return_if_fail (DLN_IS_FIGURE_VIEW (self));

  if (self->readout_destroy != NULL)
    self->readout_destroy (self->readout_data);
  self->readout_func = func;
  self->readout_data = user_data;
  self->readout_destroy = destroy;
}

/* dln_figure_view_queue_render:
 * Redraws after the page's data changed, and refreshes the hover text. */
void
dln_figure_view_queue_render (DlnFigureView *self)
{
  g_return_if_fail (DLN_IS_FIGURE_VIEW (self));

  g_clear_object (&self->cache);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->pointer_inside)
    update_readout (self);
  queue_describe (self);
  queue_render_ahead (self);
}

/* dln_figure_view_render_now:
 * Renders a queued figure now, at the size the view has, instead of in
 * the next frame: for a page that is about to wait for a job, whose
 * figures that do not need the job's result can be drawn meanwhile.
 * Does nothing for a view not yet allocated or whose drawing is
 * current. */
void
dln_figure_view_render_now (DlnFigureView *self)
{
  int width, height;

  g_return_if_fail (DLN_IS_FIGURE_VIEW (self));

  width = figure_width (self);
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width > 0 && height > 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_cache (self, width, height,
                  gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

/* dln_figure_view_set_stand_in:
 * @stand_in: (nullable) the view shown in @self's place while @self is
 *            hidden, at the size @self gets when shown
 * While hidden, @self draws itself at @stand_in's size a moment after its
 * figure last changed, so that showing it costs no render. */
void
dln_figure_view_set_stand_in (DlnFigureView *self,
                              DlnFigureView *stand_in)
{
  g_return_if_fail (DLN_IS_FIGURE_VIEW (self));
  g_return_if_fail (stand_in == NULL || DLN_IS_FIGURE_VIEW (stand_in));

  g_set_weak_pointer (&self->stand_in, stand_in);
  queue_render_ahead (self);
}

const char *
dln_figure_view_get_name (DlnFigureView *self)
{
  g_return_val_if_fail (DLN_IS_FIGURE_VIEW (self), NULL);

  return self->name;
}

/* dln_figure_view_get_description:
 * Returns: (nullable) the accessible description: the title and the
 * figure's key numbers (dln_figure_summary), rewritten a moment after the
 * figure last changed. */
const char *
dln_figure_view_get_description (DlnFigureView *self)
{
  g_return_val_if_fail (DLN_IS_FIGURE_VIEW (self), NULL);

  return self->description;
}

/* dln_figure_view_set_description:
 * @description: (nullable) what a screen reader says about the figure,
 *               for figures whose data are words, not numbers (a lecture
 *               card); NULL: the figure's key numbers (the default)
 * Otherwise the description summarises the figure's CSV data
 * (dln_figure_summary) a moment after each change. */
void
dln_figure_view_set_description (DlnFigureView *self,
                                 const char    *description)
{
  g_return_if_fail (DLN_IS_FIGURE_VIEW (self));

  g_free (self->fixed_description);
  self->fixed_description = g_strdup (description);
  queue_describe (self);
}

/* dln_figure_view_get_readout:
 * Returns: (nullable) the hover text currently shown. */
const char *
dln_figure_view_get_readout (DlnFigureView *self)
{
  g_return_val_if_fail (DLN_IS_FIGURE_VIEW (self), NULL);

  return self->readout;
}

/* dln_figure_view_get_geometry:
 * Returns: the panels reported by the last on-screen render. */
const DlnFigureGeometry *
dln_figure_view_get_geometry (DlnFigureView *self)
{
  g_return_val_if_fail (DLN_IS_FIGURE_VIEW (self), NULL);

  return &self->geometry;
}

/* dln_figure_view_get_type_scale:
 * Returns: how many times its usual size the figure's text is drawn. */
double
dln_figure_view_get_type_scale (DlnFigureView *self)
{
  g_return_val_if_fail (DLN_IS_FIGURE_VIEW (self), 1.0);

  return self->type_scale;
}

/* dln_figure_view_set_type_scale:
 * @scale: 0.25 ... 8 (clamped); 1 is the usual size
 * Draws text, lines, markers and margins @scale times larger on screen
 * (dln_figure_style_scale ()): presentation mode's large type. Exports
 * keep the usual size. */
void
dln_figure_view_set_type_scale (DlnFigureView *self,
                                double         scale)
{
  g_return_if_fail (DLN_IS_FIGURE_VIEW (self));

  scale = CLAMP (scale, 0.25, 8.0);
  if (scale != self->type_scale)
    {
      self->type_scale = scale;
      /* presented (a larger type), the figure takes the whole width; the
       * window's export menu and Ctrl+E still export it */
      if (self->export_button != NULL)
        gtk_widget_set_visible (self->export_button, scale == 1.0);
      dln_figure_view_queue_render (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TYPE_SCALE]);
    }
}

/* dln_figure_view_record:
 * @rec: receives what the figure draws (text with its size, legends,
 *       series) in device pixels; borrowed, cleared by the caller
 * Draws the figure again, off screen, at the size and with the style it
 * has on screen, recording it (dln_figure_record_attach ()): how tests
 * read the text sizes a viewer sees. Returns FALSE when nothing is drawn
 * yet (no renderer, or not allocated). */
gboolean
dln_figure_view_record (DlnFigureView   *self,
                        DlnFigureRecord *rec)
{
  DlnFigureStyle style;
  DlnFigureGeometry geom;
  cairo_surface_t *surface;
  cairo_t *cr;
  int width, height;

  g_return_val_if_fail (DLN_IS_FIGURE_VIEW (self), FALSE);
  g_return_val_if_fail (rec != NULL, FALSE);

  width = figure_width (self);
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (self->render == NULL || width <= 0 || height <= 0)
    return FALSE;
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  dln_figure_record_attach (cr, rec);
  dln_figure_geometry_clear (&geom, width, height);
  screen_style (self, &style);
  self->render (cr, &style, self->data, width, height, &geom);
  dln_figure_record_detach (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return TRUE;
}

/* dln_figure_view_write:
 * @path: destination; its extension (.png, .svg, .pdf, .csv) picks the
 *        format
 * Writes the figure with the light style at the widget's size (PNG at 2×)
 * through dln_figure_export (), or its data through
 * dln_figure_export_csv (). Returns FALSE and sets @error (a DLN_ERROR:
 * unwritable path, unknown extension, nothing drawn) on failure. */
gboolean
dln_figure_view_write (DlnFigureView *self,
                       const char    *path,
                       GError       **error)
{
  DlnFigureStyle style;
  DlnFigureFormat format;
  DlnMessage msg = { { 0 }, 0 };
  DlnStatus status;
  double w = figure_width (self);
  double h = gtk_widget_get_height (GTK_WIDGET (self));

  g_return_val_if_fail (DLN_IS_FIGURE_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Not on screen yet (or tiny): the size of a slide. */
  if (w < DLN_FIGURE_MIN_SIZE || h < DLN_FIGURE_MIN_SIZE)
    {
      w = 960;
      h = 640;
    }

  if (g_str_has_suffix (path, ".py"))
    return write_python (self, path, error);
  status = dln_figure_format_from_path (path, &format, &msg);
  if (status == DLN_STATUS_OK && format == DLN_FIGURE_FORMAT_CSV)
    {
      if (self->csv == NULL)
        {
          g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                       _("This figure has no data table to export"));
          return FALSE;
        }
      status = dln_figure_export_csv (path, self->csv, self->data, &msg);
    }
  else if (status == DLN_STATUS_OK)
    {
      if (self->render == NULL)
        {
          g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                       _("Nothing is drawn yet"));
          return FALSE;
        }
      /* Exports use the light style unless asked
       * (docs/architecture.md#figures). */
      dln_figure_style_init (&style, DLN_THEME_LIGHT);
      status = dln_figure_export (path, format, w, h, 2.0, self->render,
                                  &style, self->data, &msg);
    }
  return dln_ui_status_to_error (status, &msg, NULL, error);
}

static void
report (DlnFigureView *self,
        const char    *path,
        GError        *error)
{
  GtkWidget *overlay;

  if (error == NULL)
    {
      g_autofree char *text = g_strdup_printf ("Exported to %s", path);

      overlay = gtk_widget_get_ancestor (GTK_WIDGET (self),
                                         ADW_TYPE_TOAST_OVERLAY);
      if (overlay != NULL)
        {
          AdwToast *toast = adw_toast_new (text);

          adw_toast_set_timeout (toast, 4);
          adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
        }
      g_message ("%s", text);
      return;
    }

  g_message ("Export failed: %s", error->message);
  dln_ui_show_error (GTK_WIDGET (self), _("Export Failed"), error->message);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     DlnFigureView   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr (GError) error = NULL;
      DlnAnimationFormat format;

      if (path != NULL
          && dln_figure_animation_format_from_path (path, &format, NULL)
          == DLN_STATUS_OK)
        dln_figure_view_export_animation_to (self, path);
      else
        {
          if (path == NULL)
            g_set_error (&error, DLN_ERROR, DLN_ERROR_IO,
                         _("Only local files can be written"));
          else
            dln_figure_view_write (self, path, &error);
          report (self, path, error);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
animation_finished_cb (DlnAnimationDialog *dialog,
                       const char         *path,
                       const GError       *error,
                       DlnFigureView      *self)
{
  report (self, path, (GError *) error);
}

/* dln_figure_view_export_animation_to:
 * @path: the .webm or .gif to record
 * Opens the "Export Animation" dialog for @path with the page's current
 * settings (the options its Python script would get) and the view's size;
 * the dialog records when asked, and a toast or an error dialog reports
 * as Export does. Returns: (transfer none) (nullable) the dialog, or NULL
 * (reported) when the figure does not change over time. */
DlnAnimationDialog *
dln_figure_view_export_animation_to (DlnFigureView *self,
                                     const char    *path)
{
  g_autoptr (GError) error = NULL;
  DlnAnimationDialog *dialog;
  DlnFigureArgs args;
  GtkRoot *root;
  int w, h;

  g_return_val_if_fail (DLN_IS_FIGURE_VIEW (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!dln_figure_view_get_animated (self))
    {
      g_set_error (&error, DLN_ERROR, DLN_ERROR_INVALID_INPUT, "%s",
                   _("This figure does not change over time, so it has no "
                     "animation"));
      report (self, NULL, error);
      return NULL;
    }
  dln_figure_args_init (&args, self->python_entry);
  if (!self->python_args (self, &args, self->python_data, &error))
    {
      report (self, NULL, error);
      return NULL;
    }
  /* the size on screen, in whole pixels, even for the encoder's 4:2:0 */
  w = gtk_widget_get_width (GTK_WIDGET (self)) & ~1;
  h = gtk_widget_get_height (GTK_WIDGET (self)) & ~1;
  if (w < DLN_FIGURE_MIN_SIZE || h < DLN_FIGURE_MIN_SIZE)
    {
      w = (int) self->python_entry->width;
      h = (int) self->python_entry->height;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = dln_animation_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                          : NULL,
                                     &args, path, w, h);
  g_signal_connect_object (dialog, "finished",
                           G_CALLBACK (animation_finished_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern,
            gboolean        select)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
  if (select)
    gtk_file_chooser_set_filter (chooser, filter);
}

/* dln_figure_view_export_to:
 * @path: the file to write; its extension picks the format
 * Writes the figure (dln_figure_view_write) and reports as Export does: a
 * toast says where it went, a dialog shows any error. The win.export-to
 * action (scripts, tests over D-Bus) ends here. */
void
dln_figure_view_export_to (DlnFigureView *self,
                           const char    *path)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (DLN_IS_FIGURE_VIEW (self));
  g_return_if_fail (path != NULL);

  dln_figure_view_write (self, path, &error);
  report (self, path, error);
}

/* dln_figure_view_export:
 * @format: "png", "svg", "pdf" or "csv": the suggested file type
 * Asks for a file with a GtkFileChooserNative and writes it; a toast says
 * where it went and a dialog shows any error. */
void
dln_figure_view_export (DlnFigureView *self,
                        const char    *format)
{
  g_autofree char *file_name = NULL;
  GtkRoot *root;

  g_return_if_fail (DLN_IS_FIGURE_VIEW (self));

  if (format == NULL || *format == '\0')
    format = "png";
  if (g_str_equal (format, "animation"))
    {
      if (!dln_figure_view_get_animated (self))
        {
          /* names the refusal */
          dln_figure_view_export_animation_to (self, "");
          return;
        }
      format = "webm";
    }
  file_name = g_strdup_printf ("%s.%s", self->name, format);
  if (g_str_equal (format, "py") && self->python_entry == NULL)
    {
      g_autoptr (GError) error = NULL;

      g_set_error (&error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   _("This demo's figure has no Python script yet"));
      report (self, NULL, error);
      return;
    }

  if (self->chooser != NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->chooser = gtk_file_chooser_native_new ("Export Figure",
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), file_name);
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("PNG image"), "*.png",
              g_str_equal (format, "png"));
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("SVG drawing"), "*.svg",
              g_str_equal (format, "svg"));
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("PDF document"), "*.pdf",
              g_str_equal (format, "pdf"));
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("CSV data"), "*.csv",
              g_str_equal (format, "csv"));
  if (self->python_entry != NULL)
    add_filter (GTK_FILE_CHOOSER (self->chooser), _("Python script"), "*.py",
                g_str_equal (format, "py"));
  if (dln_figure_view_get_animated (self))
    {
      add_filter (GTK_FILE_CHOOSER (self->chooser), _("WebM video"),
                  "*.webm", g_str_equal (format, "webm"));
      add_filter (GTK_FILE_CHOOSER (self->chooser), _("GIF animation"),
                  "*.gif", g_str_equal (format, "gif"));
    }
  g_signal_connect (self->chooser, "response",
                    G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}
