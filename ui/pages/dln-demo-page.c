#define G_LOG_DOMAIN "dln-demo-page"

#include "config.h"

#include "dln-demo-page.h"
#include "dln-ui.h"
#include "dln-demo-page-private.h"

#include "dln-figure-python.h"
#include "dln-param-row.h"
#include "dln-ui-error.h"
#include "dln-play-controls.h"

#include <adwaita.h>

typedef struct
{
  /* borrowed */
  DlnFigureView *primary_view;   /* a descendant of the page */
  GtkLabel      *status_label;   /* (nullable) dln_demo_page_class_bind_view */

  /* owned */
  DlnDataSource *source;         /* the window's, while rooted */
  gulong         source_id;      /* its "changed" handler */
  guint          source_serial;  /* the data the page last saw */
  guint          tick_id;
  double         speed;          /* steps per frame */
  gboolean       playing;
} DlnDemoPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (DlnDemoPage, dln_demo_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PLAYING,
  PROP_SPEED,
  PROP_PRIMARY_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
forget_source (DlnDemoPage *self)
{
  DlnDemoPagePrivate *priv = dln_demo_page_get_instance_private (self);

  if (priv->source != NULL)
    g_clear_signal_handler (&priv->source_id, priv->source);
  g_clear_object (&priv->source);
}

static GQuark
template_quark (void)
{
  return g_quark_from_static_string ("dln-demo-page-template");
}

static void
dln_demo_page_dispose (GObject *object)
{
  DlnDemoPage *self = DLN_DEMO_PAGE (object);
  DlnDemoPagePrivate *priv = dln_demo_page_get_instance_private (self);
  GType template_type = GPOINTER_TO_SIZE (
    g_type_get_qdata (G_OBJECT_TYPE (object), template_quark ()));
  GtkWidget *child;

  if (template_type != 0)
    gtk_widget_dispose_template (GTK_WIDGET (object), template_type);

  if (priv->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), priv->tick_id);
  priv->tick_id = 0;
  forget_source (self);
  priv->primary_view = NULL;
  priv->status_label = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dln_demo_page_parent_class)->dispose (object);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  DlnDemoPage *self = DLN_DEMO_PAGE (widget);
  DlnDemoPagePrivate *priv = dln_demo_page_get_instance_private (self);
  DlnDemoPageClass *klass = DLN_DEMO_PAGE_GET_CLASS (self);
  int n = (int) MAX (1.0, priv->speed);

  for (int i = 0; i < n && priv->playing && klass->step != NULL; i++)
    klass->step (self);
  return G_SOURCE_CONTINUE;
}

static void
real_set_playing (DlnDemoPage *self,
                  gboolean     playing)
{
  DlnDemoPagePrivate *priv = dln_demo_page_get_instance_private (self);

  priv->playing = playing;
  if (DLN_DEMO_PAGE_GET_CLASS (self)->set_playing != real_set_playing)
    return;
  if (playing && priv->tick_id == 0)
    priv->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb,
                                                  NULL, NULL);
  else if (!playing && priv->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), priv->tick_id);
      priv->tick_id = 0;
    }
}

/* Every scrolled panel of a page shows its scrollbar whenever there is
 * more below (an overlay scrollbar appears only while the pointer moves,
 * so text cut off by the window's edge gave no hint). */
static void
show_scrollbars (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_SCROLLED_WINDOW (c))
        gtk_scrolled_window_set_overlay_scrolling (GTK_SCROLLED_WINDOW (c),
                                                   FALSE);
      show_scrollbars (c);
    }
}

/* The most room a control pane asks for, its padding and scrollbar
 * included: one column of about 300 px of controls and wrapped text, so
 * that beside the demo list (200 px) the figure keeps 60 % of a 1366 px
 * window. */
#define CONTROL_PANE_WIDTH 332

/* Lets every text of a control pane wrap, so that the pane's minimum width
 * is its widest word or control rather than its longest line: a label, a
 * check button's or a button's text that is longer in another language
 * (Spanish runs a third longer than English) takes a second line instead
 * of widening the pane past its column, where the scrolled window would
 * clip it. Labels that already wrap or are ellipsized on purpose keep
 * their settings; so does what pops up (a drop-down's list may be wider
 * than the pane). The choice a drop-down shows wraps through its own
 * factory (dln_ui_fit_drop_downs). */
static void let_texts_wrap (GtkWidget *widget);

static void
let_texts_wrap (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      /* a popover may be wider than the pane; a slider's marks ("2/λ")
       * are placed by the slider and must stay whole */
      if (GTK_IS_POPOVER (c) || GTK_IS_SCALE (c))
        continue;
      if (GTK_IS_LABEL (c))
        {
          GtkLabel *label = GTK_LABEL (c);

          if (!gtk_label_get_wrap (label)
              && gtk_label_get_ellipsize (label) == PANGO_ELLIPSIZE_NONE)
            {
              gtk_label_set_wrap (label, TRUE);
              gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD);
              /* a centred text (a button's) stays centred on two lines */
              if (gtk_label_get_xalign (label) == 0.5f)
                gtk_label_set_justify (label, GTK_JUSTIFY_CENTER);
            }
        }
      let_texts_wrap (c);
    }
}

/* Every page's control pane gets the same column here: an AdwClamp around
 * its scrolled window gives it no more than CONTROL_PANE_WIDTH, and its
 * texts wrap to the column (let_texts_wrap) so that its minimum fits
 * inside. The pane itself asks for no width: the viewport gives it all
 * there is beside the scrollbar, whatever width the theme's scrollbar
 * takes. */
static void
narrow_control_pane (GtkWidget *page)
{
  GtkWidget *pane = dln_ui_find_css_class (page, "control-panel");
  GtkWidget *scrolled, *box, *clamp;

  if (pane == NULL)
    return;
  let_texts_wrap (pane);
  scrolled = gtk_widget_get_ancestor (pane, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL || !gtk_widget_is_ancestor (scrolled, page))
    return;
  /* a width the .ui file asks of the pane would be its minimum, wider
   * than what shows beside a thick scrollbar: the column decides */
  gtk_widget_set_size_request (pane, -1, -1);
  /* GTK leaves an automatic scrollbar out of the scrolled window's
   * minimum: asking for the column's full width keeps room for it (the
   * clamp below is the most it gets) */
  gtk_widget_set_size_request (scrolled, CONTROL_PANE_WIDTH, -1);
  box = gtk_widget_get_parent (scrolled);
  if (!GTK_IS_BOX (box))
    return;
  clamp = g_object_new (ADW_TYPE_CLAMP,
                        "maximum-size", CONTROL_PANE_WIDTH,
                        "tightening-threshold", CONTROL_PANE_WIDTH,
                        "hexpand", FALSE,
                        NULL);
  gtk_box_insert_child_after (GTK_BOX (box), clamp, scrolled);
  g_object_ref (scrolled);
  gtk_box_remove (GTK_BOX (box), scrolled);
  adw_clamp_set_child (ADW_CLAMP (clamp), scrolled);
  g_object_unref (scrolled);
}

static void
dln_demo_page_constructed (GObject *object)
{
  DlnDemoPage *self = DLN_DEMO_PAGE (object);
  DlnDemoPageClass *klass = DLN_DEMO_PAGE_GET_CLASS (self);

  G_OBJECT_CLASS (dln_demo_page_parent_class)->constructed (object);

  dln_demo_page_init_settings (self);
  show_scrollbars (GTK_WIDGET (self));
  narrow_control_pane (GTK_WIDGET (self));
  dln_ui_name_controls (GTK_WIDGET (self));
  dln_ui_fit_drop_downs (GTK_WIDGET (self));
  /* Only now is the final class known (not in the base's init). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "demo.play-pause",
                                 klass->step != NULL
                                 || klass->set_playing != real_set_playing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "demo.step",
                                 klass->step != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "demo.step-back",
                                 klass->step_back != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "demo.reset",
                                 klass->reset != NULL);
}

static void
source_changed_cb (DlnDemoPage   *self,
                   DlnDataSource *source)
{
  DlnDemoPagePrivate *priv = dln_demo_page_get_instance_private (self);

  priv->source_serial = dln_data_source_get_serial (source);
  DLN_DEMO_PAGE_GET_CLASS (self)->data_changed (self);
}

/* Joining a window: follow its data, catching up when they differ from
 * what the page was built with. */
static void
dln_demo_page_root (GtkWidget *widget)
{
  DlnDemoPage *self = DLN_DEMO_PAGE (widget);
  DlnDemoPagePrivate *priv = dln_demo_page_get_instance_private (self);

  GTK_WIDGET_CLASS (dln_demo_page_parent_class)->root (widget);

  if (DLN_DEMO_PAGE_GET_CLASS (self)->data_changed == NULL)
    return;
  forget_source (self);
  priv->source = g_object_ref (dln_data_source_for_widget (widget));
  priv->source_id = g_signal_connect_swapped (priv->source, "changed",
                                              G_CALLBACK (source_changed_cb),
                                              self);
  if (dln_data_source_get_serial (priv->source) != priv->source_serial)
    source_changed_cb (self, priv->source);
}

static void
dln_demo_page_unroot (GtkWidget *widget)
{
  forget_source (DLN_DEMO_PAGE (widget));

  GTK_WIDGET_CLASS (dln_demo_page_parent_class)->unroot (widget);
}

static void
dln_demo_page_unmap (GtkWidget *widget)
{
  dln_demo_page_set_playing (DLN_DEMO_PAGE (widget), FALSE);

  GTK_WIDGET_CLASS (dln_demo_page_parent_class)->unmap (widget);
}

static void
dln_demo_page_class_init (DlnDemoPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dln_demo_page_dispose;
  object_class->constructed = dln_demo_page_constructed;
  widget_class->unmap = dln_demo_page_unmap;
  widget_class->root = dln_demo_page_root;
  widget_class->unroot = dln_demo_page_unroot;
  klass->set_playing = real_set_playing;
  klass->save_state = dln_demo_page_save_controls;
  klass->load_state = dln_demo_page_load_controls;

  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE, DLN_PARAM_RW);
  /* speed: steps per frame while playing */
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 1, 1000, 1, DLN_PARAM_RW);
  /* primary-view: the figure Ctrl+E exports */
  properties[PROP_PRIMARY_VIEW] =
    g_param_spec_object ("primary-view", NULL, NULL, DLN_TYPE_FIGURE_VIEW,
                         DLN_PARAM_RW);
  {
    /* private offsets are known only now */
    const DlnPropertyDecl decls[N_PROPS] = {
      [PROP_PLAYING] = { G_PRIVATE_OFFSET (DlnDemoPage, playing), NULL,
                         G_CALLBACK (dln_demo_page_set_playing) },
      [PROP_SPEED] = { G_PRIVATE_OFFSET (DlnDemoPage, speed) },
      [PROP_PRIMARY_VIEW] = { G_PRIVATE_OFFSET (DlnDemoPage, primary_view),
                              NULL,
                              G_CALLBACK (dln_demo_page_set_primary_view) },
    };

    dln_object_class_install_properties (object_class, N_PROPS, properties,
                                         decls);
  }

  dln_demo_page_class_actions_init (klass);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dlndemopage");

  /* Page templates use these types by name. */
  g_type_ensure (DLN_TYPE_FIGURE_VIEW);
  g_type_ensure (DLN_TYPE_PARAM_ROW);
  g_type_ensure (DLN_TYPE_PLAY_CONTROLS);
}

static void
dln_demo_page_init (DlnDemoPage *self)
{
  DlnDemoPagePrivate *priv = dln_demo_page_get_instance_private (self);

  priv->speed = 1.0;
}

/* dln_demo_page_class_set_template:
 * @ui_file: the page's .ui, a file name in the resources' pages/ folder
 * Sets the class's template, whose children the base disposes, so the
 * page needs no dispose () of its own for them. */
void
dln_demo_page_class_set_template (DlnDemoPageClass *klass,
                                  const char       *ui_file)
{
  GType type = G_TYPE_FROM_CLASS (klass);
  g_autofree char *resource = g_strconcat ("/org/dlnlab/Dlnlab/pages/",
                                           ui_file, NULL);

  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               resource);
  g_type_set_qdata (type, template_quark (), GSIZE_TO_POINTER (type));
}

/* dln_demo_page_class_bind_view:
 * For a page class whose template (just set) names its figure "view" and
 * the line under it "status_label", as the chain and deep families' do:
 * binds the view as the page's primary view and the label as
 * dln_demo_page_get_status_label ()'s. */
void
dln_demo_page_class_bind_view (DlnDemoPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_child_full (widget_class, "view", FALSE,
    G_PRIVATE_OFFSET (DlnDemoPage, primary_view));
  gtk_widget_class_bind_template_child_full (widget_class, "status_label",
    FALSE, G_PRIVATE_OFFSET (DlnDemoPage, status_label));
}

gboolean
dln_demo_page_get_playing (DlnDemoPage *self)
{
  DlnDemoPagePrivate *priv = dln_demo_page_get_instance_private (self);

  g_return_val_if_fail (DLN_IS_DEMO_PAGE (self), FALSE);
  return priv->playing;
}

/* dln_demo_page_set_playing:
 * Starts or stops playing (through the class's set_playing). Ignored
 * when the page can neither step nor play. */
void
dln_demo_page_set_playing (DlnDemoPage *self,
                           gboolean     playing)
{
  DlnDemoPagePrivate *priv = dln_demo_page_get_instance_private (self);
  DlnDemoPageClass *klass;

  g_return_if_fail (DLN_IS_DEMO_PAGE (self));

  klass = DLN_DEMO_PAGE_GET_CLASS (self);
  playing = !!playing;
  if (playing && klass->step == NULL && klass->set_playing == real_set_playing)
    return;
  if (priv->playing != playing)
    {
      klass->set_playing (self, playing);
      priv->playing = playing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
    }
}

/* dln_demo_page_get_primary_view:
 * Returns: (transfer none) (nullable) the figure Ctrl+E exports. */
DlnFigureView *
dln_demo_page_get_primary_view (DlnDemoPage *self)
{
  DlnDemoPagePrivate *priv = dln_demo_page_get_instance_private (self);

  g_return_val_if_fail (DLN_IS_DEMO_PAGE (self), NULL);
  return priv->primary_view;
}

/* dln_demo_page_set_primary_view:
 * @view: (nullable) a descendant of the page (not referenced) */
void
dln_demo_page_set_primary_view (DlnDemoPage   *self,
                                DlnFigureView *view)
{
  DlnDemoPagePrivate *priv = dln_demo_page_get_instance_private (self);

  g_return_if_fail (DLN_IS_DEMO_PAGE (self));

  if (priv->primary_view != view)
    {
      priv->primary_view = view;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIMARY_VIEW]);
    }
}

/* dln_demo_page_get_status_label:
 * Returns: (transfer none) (nullable) the line under the figure, where
 * the class bound one (dln_demo_page_class_bind_view). */
GtkLabel *
dln_demo_page_get_status_label (DlnDemoPage *self)
{
  DlnDemoPagePrivate *priv = dln_demo_page_get_instance_private (self);

  g_return_val_if_fail (DLN_IS_DEMO_PAGE (self), NULL);
  return priv->status_label;
}

/* dln_demo_page_queue_render:
 * Redraws the primary view after the page's data changed (see
 * dln_figure_view_queue_render); does nothing when the page has none. */
void
dln_demo_page_queue_render (DlnDemoPage *self)
{
  DlnDemoPagePrivate *priv = dln_demo_page_get_instance_private (self);

  g_return_if_fail (DLN_IS_DEMO_PAGE (self));

  if (priv->primary_view != NULL)
    dln_figure_view_queue_render (priv->primary_view);
}

/* dln_demo_page_export:
 * @format: "png", "svg", "pdf" or "csv"
 * Exports the primary view (see dln_figure_view_export); does nothing
 * when the page has none. */
void
dln_demo_page_export (DlnDemoPage *self,
                      const char  *format)
{
  DlnDemoPagePrivate *priv = dln_demo_page_get_instance_private (self);

  g_return_if_fail (DLN_IS_DEMO_PAGE (self));

  if (priv->primary_view != NULL)
    dln_figure_view_export (priv->primary_view, format);
}

/* dln_demo_page_export_to:
 * @path: the file to write; its extension picks the format
 * Writes the primary view to @path without asking (see
 * dln_figure_view_export_to); does nothing when the page has none. */
void
dln_demo_page_export_to (DlnDemoPage *self,
                         const char  *path)
{
  DlnDemoPagePrivate *priv = dln_demo_page_get_instance_private (self);

  g_return_if_fail (DLN_IS_DEMO_PAGE (self));

  if (priv->primary_view != NULL)
    dln_figure_view_export_to (priv->primary_view, path);
}

/* Stops playing, then runs @method of the page's class (if it has one). */
static void
stop_and_run (DlnDemoPage *self,
              void       (*method) (DlnDemoPage *self))
{
  dln_demo_page_set_playing (self, FALSE);
  if (method != NULL)
    method (self);
}

/* dln_demo_page_step:
 * Stops playing and takes one step (no-op for pages without steps). */
void
dln_demo_page_step (DlnDemoPage *self)
{
  g_return_if_fail (DLN_IS_DEMO_PAGE (self));
  stop_and_run (self, DLN_DEMO_PAGE_GET_CLASS (self)->step);
}

/* dln_demo_page_step_back:
 * Stops playing and undoes one step (no-op for pages that cannot). */
void
dln_demo_page_step_back (DlnDemoPage *self)
{
  g_return_if_fail (DLN_IS_DEMO_PAGE (self));
  stop_and_run (self, DLN_DEMO_PAGE_GET_CLASS (self)->step_back);
}

/* dln_demo_page_reset:
 * Stops playing and resets (no-op for pages without a reset). */
void
dln_demo_page_reset (DlnDemoPage *self)
{
  g_return_if_fail (DLN_IS_DEMO_PAGE (self));
  stop_and_run (self, DLN_DEMO_PAGE_GET_CLASS (self)->reset);
}

/* dln_demo_page_reset_properties:
 * Sets every parameter the page's own class declares (readable and
 * writable, not construct-only) back to its pspec default, so that a
 * page writes each default once; a class's reset () may be just this. */
void
dln_demo_page_reset_properties (DlnDemoPage *self)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n = 0;

  g_return_if_fail (DLN_IS_DEMO_PAGE (self));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n);
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (pspecs[i]->owner_type != G_OBJECT_TYPE (self)
          || (pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE
          || (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;
      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_param_value_set_default (pspecs[i], &value);
      g_object_set_property (G_OBJECT (self), pspecs[i]->name, &value);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* dln_demo_page_get_data_source:
 * Returns: (transfer none) (nullable) the training data the page follows
 * (its window's), or NULL when the page is in no window or its class
 * has no data_changed (). */
DlnDataSource *
dln_demo_page_get_data_source (DlnDemoPage *self)
{
  DlnDemoPagePrivate *priv = dln_demo_page_get_instance_private (self);

  g_return_val_if_fail (DLN_IS_DEMO_PAGE (self), NULL);
  return priv->source;
}

/* dln_demo_page_python_doubles:
 * For a page's "Export as Python script" arguments: options @names[0 ..
 * n-1] of @args set to @values (dln_figure_python_set_doubles ()), a
 * refusal as @error. */
gboolean
dln_demo_page_python_doubles (DlnFigureArgs       *args,
                              const char *const   *names,
                              const double        *values,
                              size_t               n,
                              GError             **error)
{
  DlnMessage msg = { { 0 }, 0 };
  DlnStatus status = dln_figure_python_set_doubles (args, names, values, n,
                                                    &msg);

  return dln_ui_status_to_error (status, &msg, NULL, error);
}

/* dln_demo_page_python_printf:
 * @format: printf format of a string or integer value (g_strdup_printf
 *          writes doubles in the locale's way: use
 *          dln_demo_page_python_doubles () for them)
 * For a page's "Export as Python script" arguments: option @name of
 * @args set to the formatted value, a refusal as @error. */
gboolean
dln_demo_page_python_printf (DlnFigureArgs  *args,
                             GError        **error,
                             const char     *name,
                             const char     *format,
                             ...)
{
  DlnMessage msg = { { 0 }, 0 };
  g_autofree char *value = NULL;
  va_list ap;

  va_start (ap, format);
  value = g_strdup_vprintf (format, ap);
  va_end (ap);
  return dln_ui_status_to_error (dln_figure_args_set (args, name, value, &msg),
                                 &msg, NULL, error);
}
