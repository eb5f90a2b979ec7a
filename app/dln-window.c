#define G_LOG_DOMAIN "dln-window"

#include "config.h"

#include "dln-property.h"

#include "dln-window.h"
#include "dln-window-private.h"

#include "dln-demo-page.h"
#include "dln-demos.h"
#include "dln-presentation.h"
#include "dln-ui.h"
#include "dln-session-ui.h"

#include <glib/gi18n.h>

#include <time.h>

struct _DlnWindow
{
  AdwApplicationWindow parent_instance;

  /* template children */
  AdwToastOverlay     *toast_overlay;
  GtkListBox          *sidebar;
  GtkWidget           *primary_menu_button;
  AdwWindowTitle      *content_title;
  GtkWidget           *sidebar_button;
  GtkStack            *stack;
  DlnWindowParts       parts;      /* the rest, for presentation mode too */

  /* owned */
  guint                fold_id;    /* idle that folds or unfolds the flap */
  DlnPresentation     *presentation;
};

G_DEFINE_FINAL_TYPE (DlnWindow, dln_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dln_window_dispose (GObject *object)
{
  DlnWindow *self = DLN_WINDOW (object);

  g_clear_handle_id (&self->fold_id, g_source_remove);
  g_clear_object (&self->presentation);
  gtk_widget_dispose_template (GTK_WIDGET (object), DLN_TYPE_WINDOW);

  G_OBJECT_CLASS (dln_window_parent_class)->dispose (object);
}

static const DlnDemoInfo *
row_info (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "dln-demo") : NULL;
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const DlnDemoInfo *info = row_info (row);
  const DlnDemoInfo *prev = row_info (before);
  GtkWidget *label;

  if (prev != NULL && prev->group == info->group)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  if (gtk_list_box_row_get_header (row) != NULL)
    return;
  label = gtk_label_new (dln_demo_group_title (info->group));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "sidebar-group");
  gtk_list_box_row_set_header (row, label);
}

/* Enter or a click opens the row's demo; arrows only move the cursor,
 * so walking the list loads nothing. Folded, activating the current demo
 * again shows it. */
static void
row_activated_cb (GtkListBox    *box,
                  GtkListBoxRow *row,
                  DlnWindow     *self)
{
  const DlnDemoInfo *info = row_info (row);

  if (info != NULL)
    dln_window_set_demo (self, info->id);
  if (adw_flap_get_folded (self->parts.flap))
    adw_flap_set_reveal_flap (self->parts.flap, FALSE);
}

/* Tab leaves the list for the page, Shift+Tab for the main menu: the
 * list is one stop in the focus chain (GtkListBox itself would move Tab
 * to the next row). */
static gboolean
sidebar_key_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                DlnWindow             *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    {
      /* folded, the page is hidden: the menu is the only way out */
      if ((state & GDK_SHIFT_MASK) != 0
          || adw_flap_get_folded (self->parts.flap)
          || !gtk_widget_child_focus (self->parts.content_box,
                                      GTK_DIR_TAB_FORWARD))
        return gtk_widget_grab_focus (self->primary_menu_button);
      return TRUE;
    }
  if (keyval == GDK_KEY_ISO_Left_Tab)
    return gtk_widget_grab_focus (self->primary_menu_button);
  return FALSE;
}

/* The open demo's row looks and reads as selected (the list's own
 * selection would follow the arrow keys). */
static void
mark_row (GtkWidget *row,
          gboolean   current)
{
  if (current)
    gtk_widget_set_state_flags (row, GTK_STATE_FLAG_SELECTED, FALSE);
  else
    gtk_widget_unset_state_flags (row, GTK_STATE_FLAG_SELECTED);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_SELECTED, current, -1);
}

/* Only the shown page is in the accessibility tree: GtkStack keeps the
 * others mapped out but still presents them to AT-SPI, so a screen
 * reader (and its user) would meet every page opened before. */
static void
hide_other_pages (DlnWindow *self)
{
  GtkWidget *shown = gtk_stack_get_visible_child (self->stack);

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       page != NULL;
       page = gtk_widget_get_next_sibling (page))
    gtk_accessible_update_state (GTK_ACCESSIBLE (page),
                                 GTK_ACCESSIBLE_STATE_HIDDEN, page != shown,
                                 -1);
}

static void
build_sidebar (DlnWindow *self)
{
  guint n;
  const DlnDemoInfo *demos = dln_demos_get (&n);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      /* the icon only decorates: the row is named by its title */
      GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                      "icon-name", demos[i].icon_name,
                                      "accessible-role",
                                      GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                      NULL);
      GtkWidget *label = gtk_label_new (_(demos[i].title));
      g_autofree char *tooltip = NULL;

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      /* long titles wrap rather than lose their end */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_widget_set_name (row, demos[i].id);
      tooltip = g_strdup_printf (_("Course demos %s"), demos[i].curriculum);
      gtk_widget_set_tooltip_text (row, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(demos[i].title), -1);
      g_object_set_data (G_OBJECT (row), "dln-demo", (gpointer) &demos[i]);
      gtk_list_box_append (self->sidebar, row);
    }
  gtk_list_box_set_header_func (self->sidebar, header_func, NULL, NULL);
}

/* Below this width the demo list folds away behind its toggle: beside a
 * control pane it would leave the figure under 60 % of the window (at
 * 1024 px, 450 of them), and a small figure cannot be read. */
#define FOLD_WIDTH 1200

static gboolean
apply_fold_cb (gpointer user_data)
{
  DlnWindow *self = DLN_WINDOW (user_data);
  gboolean fold = gtk_widget_get_width (GTK_WIDGET (self)) < FOLD_WIDTH;

  self->fold_id = 0;
  adw_flap_set_fold_policy (self->parts.flap,
                            fold ? ADW_FLAP_FOLD_POLICY_ALWAYS
                                 : ADW_FLAP_FOLD_POLICY_NEVER);
  return G_SOURCE_REMOVE;
}

/* The flap is folded from the window's width, after the allocation
 * (changing it during one would lay the window out again inside). */
static void
dln_window_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  DlnWindow *self = DLN_WINDOW (widget);
  gboolean fold = width < FOLD_WIDTH;

  GTK_WIDGET_CLASS (dln_window_parent_class)->size_allocate (widget, width,
                                                             height, baseline);
  if (fold != adw_flap_get_folded (self->parts.flap) && self->fold_id == 0)
    self->fold_id = g_idle_add (apply_fold_cb, self);
}

/* G_MESSAGES_DEBUG=dln-window prints each frame's start (monotonic
 * clock), its update and layout phases and its paint phase (snapshot,
 * render, swap): what a frame costs the renderer. */
typedef struct
{
  gint64 begin;   /* before-paint, µs */
  gint64 layout;  /* end of the layout phase, µs */
  double cpu;     /* the process's CPU time at the layout's end, ms */
} FrameTimes;

/* CPU time of the whole process (the renderer's threads too), ms */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* the end of the layout phase, or (before it) of the update phase */
static void
frame_layout_cb (GdkFrameClock *clock,
                 GtkWidget     *window)
{
  FrameTimes *times = g_object_get_data (G_OBJECT (window),
                                         "dln-frame-times");

  times->layout = g_get_monotonic_time ();
  times->cpu = process_cpu_ms ();
}

static void
frame_begin_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  FrameTimes *times = g_object_get_data (G_OBJECT (window),
                                         "dln-frame-times");

  frame_layout_cb (clock, window);
  times->begin = times->layout;
}

static void
frame_end_cb (GdkFrameClock *clock,
              GtkWidget     *window)
{
  FrameTimes *times = g_object_get_data (G_OBJECT (window),
                                         "dln-frame-times");
  gint64 end = g_get_monotonic_time ();

  g_debug ("frame %" G_GINT64_FORMAT " at %.1f ms: update and layout "
           "%.1f ms, paint %.1f ms (%.1f ms CPU)",
           gdk_frame_clock_get_frame_counter (clock), times->begin / 1000.0,
           (times->layout - times->begin) / 1000.0,
           (end - times->layout) / 1000.0, process_cpu_ms () - times->cpu);
}

static void
dln_window_realize (GtkWidget *widget)
{
  GdkFrameClock *clock;
  FrameTimes *times;

  GTK_WIDGET_CLASS (dln_window_parent_class)->realize (widget);
  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return;
  clock = gtk_widget_get_frame_clock (widget);
  times = g_new0 (FrameTimes, 1);
  g_object_set_data_full (G_OBJECT (widget), "dln-frame-times", times,
                          g_free);
  g_signal_connect_object (clock, "before-paint",
                           G_CALLBACK (frame_begin_cb), widget, 0);
  g_signal_connect_object (clock, "layout", G_CALLBACK (frame_layout_cb),
                           widget, G_CONNECT_AFTER);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (frame_end_cb),
                           widget, 0);
}

static void
dln_window_class_init (DlnWindowClass *klass)
{
  static const DlnPropertyDecl decls[N_PROPS] = {
    [PROP_DEMO] = { DLN_PROPERTY_NO_FIELD, G_CALLBACK (dln_window_get_demo),
                    G_CALLBACK (dln_window_set_demo) },
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dln_window_dispose;
  widget_class->size_allocate = dln_window_size_allocate;
  widget_class->realize = dln_window_realize;

  /* demo: id of the visible demo (bound to GSettings last-demo) */
  properties[PROP_DEMO] =
    g_param_spec_string ("demo", NULL, NULL, NULL, DLN_PARAM_RW);
  dln_object_class_install_properties (object_class, N_PROPS, properties,
                                       decls);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/dlnlab/Dlnlab/dln-window.ui");
  /* the DlnWindowParts members, as gtk_widget_class_bind_template_child ()
   * binds the others */
#define BIND_PART(member)                                                     \
  gtk_widget_class_bind_template_child_full (widget_class, #member, FALSE,    \
                                             G_STRUCT_OFFSET (DlnWindow,      \
                                                              parts.member))
  gtk_widget_class_bind_template_child (widget_class, DlnWindow, toast_overlay);
  BIND_PART (flap);
  gtk_widget_class_bind_template_child (widget_class, DlnWindow, sidebar_button);
  BIND_PART (sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, DlnWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, DlnWindow, primary_menu_button);
  BIND_PART (content_box);
  gtk_widget_class_bind_template_child (widget_class, DlnWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, DlnWindow, stack);
  BIND_PART (sidebar_separator);
  BIND_PART (content_header);
  BIND_PART (page_overlay);
#undef BIND_PART
}

static void
dln_window_init (DlnWindow *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  dln_window_actions_init (self);
  self->presentation = dln_presentation_new (self);
  build_sidebar (self);
  dln_ui_name_controls (GTK_WIDGET (self));
  g_signal_connect_swapped (self->stack, "notify::visible-child",
                            G_CALLBACK (hide_other_pages), self);
  g_signal_connect_swapped (self->stack, "notify::visible-child",
                            G_CALLBACK (dln_window_actions_update), self);
  g_signal_connect (self->sidebar, "row-activated",
                    G_CALLBACK (row_activated_cb), self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (sidebar_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar), keys);
}

/* dln_window_new:
 * Returns: (transfer none) a new main window owned by @app, showing no
 * demo until dln_window_set_demo () (or GSettings) picks one. */
DlnWindow *
dln_window_new (DlnApplication *app)
{
  return g_object_new (DLN_TYPE_WINDOW, "application", app, NULL);
}

/* dln_window_get_demo:
 * Returns: (nullable) the id of the visible demo: its page's name in the
 * stack. */
const char *
dln_window_get_demo (DlnWindow *self)
{
  g_return_val_if_fail (DLN_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* dln_window_set_demo:
 * @id: (nullable) a registry id; NULL, "" or an unknown id (e.g. a stale
 *      GSettings value) shows the first demo
 * Creates the page on first use, shows it and selects its sidebar row.
 * Returns TRUE when @id itself was found. */
gboolean
dln_window_set_demo (DlnWindow  *self,
                     const char *id)
{
  const DlnDemoInfo *info;
  GtkWidget *page;
  GtkWidget *row;
  guint n;
  gboolean found;

  g_return_val_if_fail (DLN_IS_WINDOW (self), FALSE);

  info = dln_demos_find (id);
  found = info != NULL;
  if (info == NULL)
    {
      const DlnDemoInfo *demos = dln_demos_get (&n);

      if (n == 0)
        return FALSE;
      info = &demos[0];
    }
  if (g_strcmp0 (dln_window_get_demo (self), info->id) == 0)
    return found;

  page = gtk_stack_get_child_by_name (self->stack, info->id);
  if (page == NULL)
    {
      page = g_object_new (info->get_type (), NULL);
      g_return_val_if_fail (DLN_IS_DEMO_PAGE (page), FALSE);
      gtk_stack_add_named (self->stack, page, info->id);
      /* a page may change which figure is its main one */
      g_signal_connect_object (page, "notify::primary-view",
                               G_CALLBACK (dln_window_actions_update), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_stack_set_visible_child (self->stack, page);
  adw_window_title_set_title (self->content_title, _(info->title));
  adw_window_title_set_subtitle (self->content_title,
                                 dln_demo_group_title (info->group));

  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      mark_row (row, row_info (GTK_LIST_BOX_ROW (row)) == info);

  if (adw_flap_get_folded (self->parts.flap))
    adw_flap_set_reveal_flap (self->parts.flap, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
  return found;
}

/* dln_window_get_page:
 * Returns: (transfer none) (nullable) the visible DlnDemoPage. */
GtkWidget *
dln_window_get_page (DlnWindow *self)
{
  g_return_val_if_fail (DLN_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child (self->stack);
}

/* dln_window_add_toast:
 * Shows @text briefly at the bottom of the window. */
void
dln_window_add_toast (DlnWindow  *self,
                      const char *text)
{
  g_return_if_fail (DLN_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

void
dln_window_step_demo (DlnWindow *self,
                      int        delta)
{
  guint n;
  const DlnDemoInfo *demos = dln_demos_get (&n);
  int current = 0;

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (demos[i].id, dln_window_get_demo (self)) == 0)
      current = (int) i;
  current = ((current + delta) % (int) n + (int) n) % (int) n;
  dln_window_set_demo (self, demos[current].id);
}

void
dln_window_get_parts (DlnWindow      *self,
                      DlnWindowParts *parts)
{
  *parts = self->parts;
}

void
dln_window_navigate_back (DlnWindow *self)
{
  adw_flap_set_reveal_flap (self->parts.flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->sidebar));
}

/* The demo list shown or hidden; the focus goes with the list when it
 * opens, and back to the page when the list it was in closes. */
void
dln_window_toggle_sidebar (DlnWindow *self)
{
  gboolean reveal = !adw_flap_get_reveal_flap (self->parts.flap);
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  adw_flap_set_reveal_flap (self->parts.flap, reveal);
  if (reveal)
    gtk_widget_grab_focus (GTK_WIDGET (self->sidebar));
  else if (focus != NULL
           && gtk_widget_is_ancestor (focus, self->parts.sidebar_box)
           && !gtk_widget_child_focus (self->parts.content_box,
                                       GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (self->sidebar_button);
}

/* dln_window_save_session:
 * Saves every page of the window and the visible demo to @file, and
 * tells the user how it went (a toast, or a dialog with the reason).
 * Returns: whether the file was written. */
gboolean
dln_window_save_session (DlnWindow *self,
                         GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_parse_name (file);
  gboolean ok;

  g_return_val_if_fail (DLN_IS_WINDOW (self), FALSE);

  ok = dln_session_ui_save_to (self->stack, dln_window_get_demo (self),
                               file, &error);
  dln_session_ui_report (GTK_WINDOW (self), self->toast_overlay,
                         _("Session saved to"), _("Session Not Saved"), path,
                         error);
  return ok;
}

/* dln_window_open_session:
 * Restores the window from @file (every page it names, the others reset,
 * its demo shown) and tells the user how it went; a file that does not
 * fit changes nothing.
 * Returns: whether the session was opened. */
gboolean
dln_window_open_session (DlnWindow *self,
                         GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_parse_name (file);
  g_autofree char *demo = NULL;
  gboolean ok;

  g_return_val_if_fail (DLN_IS_WINDOW (self), FALSE);

  ok = dln_session_ui_open_from (self->stack, file, &demo, &error);
  if (ok && demo != NULL)
    dln_window_set_demo (self, demo);
  hide_other_pages (self);  /* the pages the session added */
  dln_session_ui_report (GTK_WINDOW (self), self->toast_overlay,
                         _("Session opened from"), _("Session Not Opened"), path,
                         error);
  return ok;
}
