#define G_LOG_DOMAIN "dln-presentation"

#include "config.h"

#include "dln-presentation.h"

#include "dln-demo-page.h"
#include "dln-demos.h"
#include "dln-figure-view.h"
#include "dln-ui.h"
#include "dln-window-private.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

/* The size a presented figure is laid out at, user units: the figure is
 * drawn at the screen's size with its type scaled by the ratio, so at
 * 1920x1080 13 px tick labels become 26 px, readable from the back of a
 * room. 960x540 is about the figure of a 1400x800 window. */
#define LAYOUT_WIDTH  960.0
#define LAYOUT_HEIGHT 540.0
#define MAX_TYPE_SCALE 4.0

/* the overlay hides after the pointer has been still this long */
#define HIDE_DELAY_MS 2000

/* time the window manager has to make the window full screen */
#define FILL_DELAY_MS 300

/* width of the overlaid control pane, px: at least, at most, and what
 * it adds to its panel's width (scrollbar, margins) */
#define CONTROLS_WIDTH 380
#define CONTROLS_MAX_WIDTH 560
#define PANE_EXTRA 40

struct _DlnPresentation
{
  GObject             parent_instance;

  /* borrowed */
  DlnWindow          *window;       /* owns us */
  GSimpleAction      *toggle;       /* win.presentation (in the window) */
  GSimpleAction      *next, *previous, *leave;

  /* owned, while presenting */
  GtkWidget          *revealer;     /* over the page, in page_overlay */
  GtkWidget          *controls;     /* the revealer's box */
  GtkWidget          *title;        /* the demo's name in the overlay */
  GtkEventController *motion;       /* on the window */
  GtkEventController *inside;       /* on the revealer */
  guint               hide_id;
  guint               fill_id;      /* checks the window manager's work */
  gulong              demo_id;      /* window notify::demo */
  gulong              fullscreen_id;
  gboolean            was_fullscreened;  /* by us, this time */
  double              last_x, last_y;
  double              type_scale;
  gboolean            active;

  /* what entering changed, restored on leaving */
  gboolean            fullscreen_before;
  gboolean            maximized_before;
  int                 width_before, height_before;  /* default size */
  gboolean            sidebar_visible, separator_visible, header_visible;
  GtkWidget          *focus;          /* weak pointer */

  /* the page presented: its pane moved into the overlay, its other
   * figures hidden, its figures' type scaled */
  GtkWidget          *page;
  gulong              primary_id;   /* page notify::primary-view */
  GtkWidget          *pane;
  GtkWidget          *pane_parent;
  GtkWidget          *pane_before;  /* its previous sibling, or NULL */
  gboolean            pane_vexpand;
  GPtrArray          *hidden;       /* widgets we hid */
  GPtrArray          *scaled;       /* views whose type we scaled */
};

G_DEFINE_FINAL_TYPE (DlnPresentation, dln_presentation, G_TYPE_OBJECT)

static void restore_page (DlnPresentation *self);

static void
dln_presentation_dispose (GObject *object)
{
  DlnPresentation *self = DLN_PRESENTATION (object);

  /* The window is being destroyed: only give the page back its pane. */
  restore_page (self);
  g_clear_handle_id (&self->hide_id, g_source_remove);
  g_clear_handle_id (&self->fill_id, g_source_remove);
  if (self->focus != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->focus),
                                  (gpointer *) &self->focus);
  self->focus = NULL;
  g_clear_object (&self->revealer);
  g_clear_pointer (&self->hidden, g_ptr_array_unref);
  g_clear_pointer (&self->scaled, g_ptr_array_unref);
  self->window = NULL;

  G_OBJECT_CLASS (dln_presentation_parent_class)->dispose (object);
}

static void
dln_presentation_class_init (DlnPresentationClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dln_presentation_dispose;
}

static void
dln_presentation_init (DlnPresentation *self)
{
  self->hidden = g_ptr_array_new_with_free_func (g_object_unref);
  self->scaled = g_ptr_array_new_with_free_func (g_object_unref);
  self->type_scale = 1.0;
}

/* dln_presentation_type_scale:
 * Returns: the type scale for a figure shown at @width x @height px: it
 * lays out as at LAYOUT_WIDTH x LAYOUT_HEIGHT, never smaller than usual
 * (1) nor over MAX_TYPE_SCALE. */
double
dln_presentation_type_scale (int width,
                             int height)
{
  double k = fmin (width / LAYOUT_WIDTH, height / LAYOUT_HEIGHT);

  return isfinite (k) ? CLAMP (k, 1.0, MAX_TYPE_SCALE) : 1.0;
}

/* --- The page: figures and pane --- */

static void
collect_views (GtkWidget *root,
               GPtrArray *views)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      if (DLN_IS_FIGURE_VIEW (c))
        g_ptr_array_add (views, c);
      else
        collect_views (c, views);
    }
}

static gboolean
has_visible_child (GtkWidget *w)
{
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_get_visible (c))
      return TRUE;
  return FALSE;
}

static void
hide (DlnPresentation *self,
      GtkWidget       *w)
{
  if (!gtk_widget_get_visible (w))
    return;
  g_ptr_array_add (self->hidden, g_object_ref (w));
  gtk_widget_set_visible (w, FALSE);
}

/* The page's control pane: the scrolled window holding its
 * .control-panel, when that sits in a box (every page's layout). */
static GtkWidget *
find_pane (GtkWidget *page)
{
  GtkWidget *panel = dln_ui_find_css_class (page, "control-panel");
  GtkWidget *pane;

  if (panel == NULL)
    return NULL;
  pane = gtk_widget_get_ancestor (panel, GTK_TYPE_SCROLLED_WINDOW);
  if (pane == NULL || !gtk_widget_is_ancestor (pane, page))
    pane = panel;
  /* the clamp that keeps it one column (dln-demo-page.c) goes with it */
  if (ADW_IS_CLAMP (gtk_widget_get_parent (pane)))
    pane = gtk_widget_get_parent (pane);
  if (!GTK_IS_BOX (gtk_widget_get_parent (pane)))
    return NULL;
  return pane;
}

static void primary_changed_cb (DlnPresentation *self);

/* Shows the page's main figure alone at the type scale, its pane in the
 * overlay. */
static void
present_page (DlnPresentation *self)
{
  GtkWidget *page = dln_window_get_page (self->window);
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  DlnFigureView *primary;
  GtkWidget *pane;

  if (page == NULL || !DLN_IS_DEMO_PAGE (page))
    return;
  self->page = g_object_ref (page);
  primary = dln_demo_page_get_primary_view (DLN_DEMO_PAGE (page));
  collect_views (page, views);
  for (guint i = 0; i < views->len; i++)
    {
      GtkWidget *view = views->pdata[i];

      if (primary == NULL || view == GTK_WIDGET (primary))
        {
          g_ptr_array_add (self->scaled, g_object_ref (view));
          dln_figure_view_set_type_scale (DLN_FIGURE_VIEW (view),
                                          self->type_scale);
          continue;
        }
      hide (self, view);
      /* a box left empty would keep its share of the page */
      for (GtkWidget *w = gtk_widget_get_parent (view);
           w != NULL && w != page && !has_visible_child (w);
           w = gtk_widget_get_parent (w))
        hide (self, w);
    }

  pane = find_pane (page);
  if (pane != NULL)
    {
      GtkWidget *before = gtk_widget_get_prev_sibling (pane);

      self->pane = g_object_ref (pane);
      self->pane_parent = g_object_ref (gtk_widget_get_parent (pane));
      self->pane_before = before != NULL ? g_object_ref (before) : NULL;
      self->pane_vexpand = gtk_widget_get_vexpand (pane);
      gtk_box_remove (GTK_BOX (self->pane_parent), pane);
      gtk_widget_set_vexpand (pane, TRUE);
      gtk_box_append (GTK_BOX (self->controls), pane);
      /* as wide as the panel would like (its monospace tables), within
       * reason */
      {
        GtkWidget *panel = dln_ui_find_css_class (page, "control-panel");
        int nat = 0;

        if (panel == NULL)
          panel = dln_ui_find_css_class (pane, "control-panel");
        if (panel != NULL)
          gtk_widget_measure (panel, GTK_ORIENTATION_HORIZONTAL, -1, NULL,
                              &nat, NULL, NULL);
        gtk_widget_set_size_request (self->controls,
                                     CLAMP (nat + PANE_EXTRA, CONTROLS_WIDTH,
                                            CONTROLS_MAX_WIDTH), -1);
      }
    }
  self->primary_id = g_signal_connect_swapped (page, "notify::primary-view",
                                               G_CALLBACK (primary_changed_cb),
                                               self);
  /* the keys act on the demo, and a focused figure would draw its
   * keyboard crosshair over the picture */
  gtk_window_set_focus (GTK_WINDOW (self->window), NULL);
}

/* Puts back what present_page () changed. */
static void
restore_page (DlnPresentation *self)
{
  if (self->page == NULL)
    return;
  g_clear_signal_handler (&self->primary_id, self->page);
  for (guint i = 0; i < self->hidden->len; i++)
    gtk_widget_set_visible (self->hidden->pdata[i], TRUE);
  g_ptr_array_set_size (self->hidden, 0);
  for (guint i = 0; i < self->scaled->len; i++)
    dln_figure_view_set_type_scale (self->scaled->pdata[i], 1.0);
  g_ptr_array_set_size (self->scaled, 0);
  if (self->pane != NULL)
    {
      GtkWidget *parent = gtk_widget_get_parent (self->pane);

      if (parent != NULL)
        gtk_box_remove (GTK_BOX (parent), self->pane);
      gtk_widget_set_vexpand (self->pane, self->pane_vexpand);
      gtk_box_insert_child_after (GTK_BOX (self->pane_parent), self->pane,
                                  self->pane_before);
    }
  g_clear_object (&self->pane);
  g_clear_object (&self->pane_parent);
  g_clear_object (&self->pane_before);
  g_clear_object (&self->page);
}

/* The landscape page swaps its main figure (2-D / 3-D) while shown. */
static void
primary_changed_cb (DlnPresentation *self)
{
  restore_page (self);
  present_page (self);
}

static void
update_title (DlnPresentation *self)
{
  const DlnDemoInfo *info = dln_demos_find (dln_window_get_demo (self->window));

  gtk_label_set_label (GTK_LABEL (self->title),
                       info != NULL ? info->title : "");
}

static void
demo_changed_cb (DlnPresentation *self)
{
  restore_page (self);
  present_page (self);
  update_title (self);
}

/* --- The overlay: shown while the pointer moves --- */

static void
show_controls (DlnPresentation *self,
               gboolean         shown)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), shown);
  /* no pointer over a still picture either */
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->window),
                                   shown ? NULL : "none");
}

static gboolean
hide_cb (gpointer user_data)
{
  DlnPresentation *self = user_data;

  /* the teacher is working the controls */
  if (gtk_event_controller_motion_contains_pointer (
        GTK_EVENT_CONTROLLER_MOTION (self->inside)))
    return G_SOURCE_CONTINUE;
  self->hide_id = 0;
  show_controls (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
wake (DlnPresentation *self)
{
  show_controls (self, TRUE);
  g_clear_handle_id (&self->hide_id, g_source_remove);
  self->hide_id = g_timeout_add (HIDE_DELAY_MS, hide_cb, self);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           DlnPresentation          *self)
{
  /* X repeats the pointer's position after a resize or a crossing; only
   * a real move counts */
  if (fabs (x - self->last_x) + fabs (y - self->last_y) < 2.0)
    return;
  self->last_x = x;
  self->last_y = y;
  wake (self);
}

static GtkWidget *
icon_button (const char *icon,
             const char *action,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* The slim overlay: a row of buttons and the demo's name, then the
 * page's own control pane. */
static void
build_overlay (DlnPresentation *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);

  self->controls = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->controls, "presentation-controls");
  gtk_box_append (GTK_BOX (bar),
                  icon_button ("go-previous-symbolic",
                               "win.presentation-previous",
                               _("Previous demo (Page Up)")));
  gtk_box_append (GTK_BOX (bar),
                  icon_button ("go-next-symbolic", "win.presentation-next",
                               _("Next demo (Page Down)")));
  gtk_box_append (GTK_BOX (bar),
                  icon_button ("media-playback-start-symbolic",
                               "win.play-pause", _("Play / pause (Space)")));
  self->title = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0.0);
  gtk_widget_set_hexpand (self->title, TRUE);
  gtk_widget_set_margin_start (self->title, 6);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_box_append (GTK_BOX (bar), self->title);
  gtk_box_append (GTK_BOX (bar),
                  icon_button ("view-restore-symbolic",
                               "win.presentation-leave",
                               _("Leave presentation mode (Escape)")));
  gtk_widget_add_css_class (bar, "presentation-bar");
  gtk_box_append (GTK_BOX (self->controls), bar);

  self->revealer = g_object_ref_sink (gtk_revealer_new ());
  gtk_revealer_set_transition_type (GTK_REVEALER (self->revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_CROSSFADE);
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), self->controls);
  gtk_widget_set_halign (self->revealer, GTK_ALIGN_END);
  gtk_widget_set_valign (self->revealer, GTK_ALIGN_FILL);
  self->inside = gtk_event_controller_motion_new ();
  gtk_widget_add_controller (self->revealer, self->inside);
}

/* --- Entering and leaving --- */

static void
fullscreened_cb (DlnPresentation *self)
{
  /* leaving full screen by other means (the window manager) leaves
   * presentation mode too */
  if (gtk_window_is_fullscreen (GTK_WINDOW (self->window)))
    self->was_fullscreened = TRUE;
  else if (self->was_fullscreened && !self->fullscreen_before)
    dln_presentation_set_active (self, FALSE);
}

/* The monitor the window is on: FALSE when unknown. */
static gboolean
monitor_area (DlnPresentation *self,
              GdkRectangle    *area)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self->window));
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self->window));
  GdkMonitor *monitor = NULL;

  if (surface != NULL)
    monitor = gdk_display_get_monitor_at_surface (display, surface);
  if (monitor == NULL)
    return FALSE;
  gdk_monitor_get_geometry (monitor, area);
  return TRUE;
}

/* Without a window manager (a kiosk X session, Xvfb) nobody makes the
 * window full screen: it then fills the monitor itself. */
static gboolean
fill_cb (gpointer user_data)
{
  DlnPresentation *self = user_data;
  GdkRectangle area;

  self->fill_id = 0;
  if (!gtk_window_is_fullscreen (GTK_WINDOW (self->window))
      && monitor_area (self, &area))
    gtk_window_set_default_size (GTK_WINDOW (self->window), area.width,
                                 area.height);
  return G_SOURCE_REMOVE;
}

static void
enter (DlnPresentation *self)
{
  GtkWindow *window = GTK_WINDOW (self->window);
  DlnWindowParts parts;
  GtkWidget *focus = gtk_window_get_focus (window);

  dln_window_get_parts (self->window, &parts);
  self->fullscreen_before = gtk_window_is_fullscreen (window);
  self->maximized_before = gtk_window_is_maximized (window);
  gtk_window_get_default_size (window, &self->width_before,
                               &self->height_before);
  self->sidebar_visible = gtk_widget_get_visible (parts.sidebar_box);
  self->separator_visible = gtk_widget_get_visible (parts.sidebar_separator);
  self->header_visible = gtk_widget_get_visible (parts.content_header);
  self->focus = focus;
  if (focus != NULL)
    g_object_add_weak_pointer (G_OBJECT (focus), (gpointer *) &self->focus);
  /* let go of it first: a flap that folds away with the focus inside
   * hands it to the page, whose figure would draw its keyboard crosshair */
  gtk_window_set_focus (window, NULL);

  gtk_widget_set_visible (parts.sidebar_box, FALSE);
  gtk_widget_set_visible (parts.sidebar_separator, FALSE);
  gtk_widget_set_visible (parts.content_header, FALSE);
  /* the flap's reveal state is left alone: a hidden flap takes no room
   * either way, and animating it open again while its child reappears
   * made AdwFlap 1.2 now and then allocate a box G_MININT wide on leaving
   * (a GTK warning, fatal in the tests) */
  gtk_widget_add_css_class (GTK_WIDGET (window), "presenting");

  {
    GdkRectangle area;

    self->type_scale = monitor_area (self, &area)
                       ? dln_presentation_type_scale (area.width, area.height)
                       : 1.0;
  }
  build_overlay (self);
  gtk_overlay_add_overlay (parts.page_overlay, self->revealer);
  present_page (self);
  update_title (self);
  self->demo_id = g_signal_connect_swapped (self->window, "notify::demo",
                                            G_CALLBACK (demo_changed_cb),
                                            self);

  self->motion = gtk_event_controller_motion_new ();
  g_signal_connect (self->motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (window), self->motion);
  self->last_x = self->last_y = -1000;

  self->was_fullscreened = FALSE;
  self->fullscreen_id = g_signal_connect_swapped (window, "notify::fullscreened",
                                                  G_CALLBACK (fullscreened_cb),
                                                  self);
  gtk_window_fullscreen (window);
  self->fill_id = g_timeout_add (FILL_DELAY_MS, fill_cb, self);
  /* shown at first, so the teacher sees where the controls are */
  wake (self);
}

static void
leave (DlnPresentation *self)
{
  GtkWindow *window = GTK_WINDOW (self->window);
  DlnWindowParts parts;

  dln_window_get_parts (self->window, &parts);
  g_clear_signal_handler (&self->fullscreen_id, window);
  g_clear_signal_handler (&self->demo_id, self->window);
  g_clear_handle_id (&self->hide_id, g_source_remove);
  g_clear_handle_id (&self->fill_id, g_source_remove);
  gtk_widget_remove_controller (GTK_WIDGET (window), self->motion);
  self->motion = NULL;
  gtk_widget_set_cursor (GTK_WIDGET (window), NULL);

  restore_page (self);
  gtk_overlay_remove_overlay (parts.page_overlay, self->revealer);
  g_clear_object (&self->revealer);
  self->controls = self->title = NULL;
  self->inside = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (window), "presenting");
  if (!self->fullscreen_before)
    gtk_window_unfullscreen (window);
  if (self->maximized_before)
    gtk_window_maximize (window);
  gtk_window_set_default_size (window, self->width_before,
                               self->height_before);
  gtk_widget_set_visible (parts.sidebar_box, self->sidebar_visible);
  gtk_widget_set_visible (parts.sidebar_separator, self->separator_visible);
  gtk_widget_set_visible (parts.content_header, self->header_visible);
  if (self->focus != NULL)
    {
      gtk_widget_grab_focus (self->focus);
      g_object_remove_weak_pointer (G_OBJECT (self->focus),
                                    (gpointer *) &self->focus);
      self->focus = NULL;
    }
}

/* dln_presentation_get_active:
 * Returns: whether the window is presenting. */
gboolean
dln_presentation_get_active (DlnPresentation *self)
{
  g_return_val_if_fail (DLN_IS_PRESENTATION (self), FALSE);

  return self->active;
}

/* dln_presentation_set_active:
 * Enters or leaves presentation mode (see the header); the state of
 * win.presentation follows. */
void
dln_presentation_set_active (DlnPresentation *self,
                             gboolean         active)
{
  g_return_if_fail (DLN_IS_PRESENTATION (self));

  active = !!active;
  if (active == self->active || self->window == NULL)
    return;
  self->active = active;
  if (active)
    enter (self);
  else
    leave (self);
  g_simple_action_set_enabled (self->next, active);
  g_simple_action_set_enabled (self->previous, active);
  g_simple_action_set_enabled (self->leave, active);
  g_simple_action_set_state (self->toggle, g_variant_new_boolean (active));
}

/* --- Actions and keys --- */

static void
toggle_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  DlnPresentation *self = user_data;

  dln_presentation_set_active (self, !self->active);
}

static void
toggle_change_state (GSimpleAction *action,
                     GVariant      *state,
                     gpointer       user_data)
{
  dln_presentation_set_active (user_data, g_variant_get_boolean (state));
}

/* presentation-next / presentation-previous: the window's next or
 * previous demo */
static void
step_demo_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  DlnPresentation *self = user_data;
  gboolean next = g_str_equal (g_action_get_name (G_ACTION (action)),
                               "presentation-next");

  dln_window_step_demo (self->window, next ? +1 : -1);
}

static void
leave_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  dln_presentation_set_active (user_data, FALSE);
}

/* Space plays or pauses, unless the teacher is typing in a control of
 * the overlay. */
static gboolean
space_cb (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  DlnPresentation *self = user_data;
  GtkWidget *focus;

  if (!self->active)
    return FALSE;
  focus = gtk_window_get_focus (GTK_WINDOW (self->window));
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT (focus)))
    return FALSE;
  gtk_widget_activate_action (widget, "win.play-pause", NULL);
  return TRUE;
}

static const GActionEntry entries[] = {
  { "presentation", toggle_activated, NULL, "false", toggle_change_state },
  { "presentation-next", step_demo_activated },
  { "presentation-previous", step_demo_activated },
  { "presentation-leave", leave_activated },
};

/* Keys that mean something only while presenting (F5 is among the
 * window's shortcuts): the actions are disabled otherwise, so the keys
 * go on to the focused control. Listed in ui/gtk/help-overlay.ui. */
static const struct
{
  const char *trigger;
  const char *action;  /* NULL: Space */
} keys[] = {
  { "Page_Down|KP_Page_Down", "win.presentation-next" },
  { "Page_Up|KP_Page_Up", "win.presentation-previous" },
  { "Escape", "win.presentation-leave" },
  { "space", NULL },
};

/* dln_presentation_new:
 * @window: the window to present (borrowed; it owns the result)
 * Adds win.presentation (a boolean state), win.presentation-next,
 * -previous and -leave, and the presentation keys to @window.
 * Returns: (transfer full) the window's presentation mode, inactive. */
DlnPresentation *
dln_presentation_new (DlnWindow *window)
{
  DlnPresentation *self = g_object_new (DLN_TYPE_PRESENTATION, NULL);
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GActionMap *map = G_ACTION_MAP (window);

  self->window = window;
  g_action_map_add_action_entries (map, entries, G_N_ELEMENTS (entries),
                                   self);
  self->toggle = G_SIMPLE_ACTION (g_action_map_lookup_action (map,
                                                              "presentation"));
  self->next = G_SIMPLE_ACTION (g_action_map_lookup_action (
                                  map, "presentation-next"));
  self->previous = G_SIMPLE_ACTION (g_action_map_lookup_action (
                                      map, "presentation-previous"));
  self->leave = G_SIMPLE_ACTION (g_action_map_lookup_action (
                                   map, "presentation-leave"));
  g_simple_action_set_enabled (self->next, FALSE);
  g_simple_action_set_enabled (self->previous, FALSE);
  g_simple_action_set_enabled (self->leave, FALSE);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "dln-presentation-shortcuts");
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcutAction *action =
        keys[i].action != NULL
        ? gtk_named_action_new (keys[i].action)
        : gtk_callback_action_new (space_cb, self, NULL);

      gtk_shortcut_controller_add_shortcut (
        GTK_SHORTCUT_CONTROLLER (controller),
        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (keys[i].trigger),
                          action));
    }
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
  return self;
}
