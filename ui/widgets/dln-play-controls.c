#define G_LOG_DOMAIN "dln-play-controls"

#include "config.h"

#include "dln-property.h"

#include "dln-play-controls.h"

struct _DlnPlayControls
{
  GtkWidget      parent_instance;

  /* template children */
  GtkWidget     *buttons;
  GtkWidget     *speed_box;
  GtkButton     *play_button;
  GtkWidget     *step_back_button;
  GtkAdjustment *speed_adjustment;

  /* owned */
  gboolean       playing;
};

G_DEFINE_FINAL_TYPE (DlnPlayControls, dln_play_controls, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PLAYING,
  PROP_SPEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dln_play_controls_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DLN_TYPE_PLAY_CONTROLS);

  G_OBJECT_CLASS (dln_play_controls_parent_class)->dispose (object);
}

/* Between the buttons and the speed on one row, and between the rows. */
#define SPACING 8

/* Whether the buttons and the speed fit side by side in @width. */
static gboolean
fits_one_row (DlnPlayControls *self,
              int              width)
{
  int buttons = 0, speed = 0;

  gtk_widget_measure (self->buttons, GTK_ORIENTATION_HORIZONTAL, -1,
                      &buttons, NULL, NULL, NULL);
  gtk_widget_measure (self->speed_box, GTK_ORIENTATION_HORIZONTAL, -1,
                      &speed, NULL, NULL, NULL);
  return width < 0 || width >= buttons + SPACING + speed;
}

static GtkSizeRequestMode
dln_play_controls_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* One row where it fits; else the speed goes under the buttons, so the
 * controls never ask a narrow pane for more than the wider of the two. */
static void
dln_play_controls_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  DlnPlayControls *self = DLN_PLAY_CONTROLS (widget);
  int b_min, b_nat, s_min, s_nat;

  gtk_widget_measure (self->buttons, orientation, -1, &b_min, &b_nat, NULL,
                      NULL);
  gtk_widget_measure (self->speed_box, orientation, -1, &s_min, &s_nat,
                      NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (b_min, s_min);
      *natural = b_nat + SPACING + s_nat;
    }
  else if (fits_one_row (self, for_size))
    {
      *minimum = MAX (b_min, s_min);
      *natural = MAX (b_nat, s_nat);
    }
  else
    {
      *minimum = b_min + SPACING + s_min;
      *natural = b_nat + SPACING + s_nat;
    }
}

static void
dln_play_controls_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  DlnPlayControls *self = DLN_PLAY_CONTROLS (widget);
  int b_w, b_h, s_w, s_h;

  gtk_widget_measure (self->buttons, GTK_ORIENTATION_HORIZONTAL, -1, &b_w,
                      NULL, NULL, NULL);
  gtk_widget_measure (self->buttons, GTK_ORIENTATION_VERTICAL, -1, NULL,
                      &b_h, NULL, NULL);
  gtk_widget_measure (self->speed_box, GTK_ORIENTATION_HORIZONTAL, -1, &s_w,
                      NULL, NULL, NULL);
  gtk_widget_measure (self->speed_box, GTK_ORIENTATION_VERTICAL, -1, NULL,
                      &s_h, NULL, NULL);
  if (fits_one_row (self, width))
    {
      /* the speed takes the rest of the row, its label right-aligned */
      gtk_widget_size_allocate (self->buttons,
                                &(GtkAllocation) { 0, 0, b_w, height }, -1);
      gtk_widget_size_allocate (self->speed_box,
                                &(GtkAllocation) { b_w + SPACING, 0,
                                                   width - b_w - SPACING,
                                                   height }, -1);
    }
  else
    {
      gtk_widget_size_allocate (self->buttons,
                                &(GtkAllocation) { 0, 0, b_w, b_h }, -1);
      gtk_widget_size_allocate (self->speed_box,
                                &(GtkAllocation) { 0, b_h + SPACING, width,
                                                   MAX (s_h, height - b_h
                                                        - SPACING) }, -1);
    }
}

static void
speed_changed_cb (DlnPlayControls *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

static void
dln_play_controls_class_init (DlnPlayControlsClass *klass)
{
  static const DlnPropertyDecl decls[N_PROPS] = {
    [PROP_PLAYING] = { G_STRUCT_OFFSET (DlnPlayControls, playing), NULL,
                       G_CALLBACK (dln_play_controls_set_playing) },
    [PROP_SPEED] = { DLN_PROPERTY_NO_FIELD,
                     G_CALLBACK (dln_play_controls_get_speed),
                     G_CALLBACK (dln_play_controls_set_speed) },
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dln_play_controls_dispose;

  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE, DLN_PARAM_RW);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 1, 1000, 1, DLN_PARAM_RW);
  dln_object_class_install_properties (object_class, N_PROPS, properties,
                                       decls);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/dlnlab/Dlnlab/widgets/dln-play-controls.ui");
  gtk_widget_class_bind_template_child (widget_class, DlnPlayControls, buttons);
  gtk_widget_class_bind_template_child (widget_class, DlnPlayControls, speed_box);
  gtk_widget_class_bind_template_child (widget_class, DlnPlayControls, play_button);
  gtk_widget_class_bind_template_child (widget_class, DlnPlayControls, step_back_button);
  gtk_widget_class_bind_template_child (widget_class, DlnPlayControls, speed_adjustment);
  widget_class->get_request_mode = dln_play_controls_get_request_mode;
  widget_class->measure = dln_play_controls_measure;
  widget_class->size_allocate = dln_play_controls_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "dlnplaycontrols");
}

static void
dln_play_controls_init (DlnPlayControls *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* demo.step-back is enabled only on pages that can undo a step; the
   * others show no button for it. */
  g_object_bind_property (self->step_back_button, "sensitive",
                          self->step_back_button, "visible",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->speed_adjustment, "value-changed",
                            G_CALLBACK (speed_changed_cb), self);
}

/* dln_play_controls_new:
 * Returns: (transfer floating) the controls; put them inside a page. */
GtkWidget *
dln_play_controls_new (void)
{
  return g_object_new (DLN_TYPE_PLAY_CONTROLS, NULL);
}

gboolean
dln_play_controls_get_playing (DlnPlayControls *self)
{
  g_return_val_if_fail (DLN_IS_PLAY_CONTROLS (self), FALSE);
  return self->playing;
}

/* dln_play_controls_set_playing: shows the pause icon while @playing */
void
dln_play_controls_set_playing (DlnPlayControls *self,
                               gboolean         playing)
{
  g_return_if_fail (DLN_IS_PLAY_CONTROLS (self));

  if (self->playing != !!playing)
    {
      self->playing = !!playing;
      gtk_button_set_icon_name (self->play_button,
                                playing ? "media-playback-pause-symbolic"
                                        : "media-playback-start-symbolic");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
    }
}

double
dln_play_controls_get_speed (DlnPlayControls *self)
{
  g_return_val_if_fail (DLN_IS_PLAY_CONTROLS (self), 1.0);
  return gtk_adjustment_get_value (self->speed_adjustment);
}

/* dln_play_controls_set_speed: steps per frame, clamped to [1, 1000] */
void
dln_play_controls_set_speed (DlnPlayControls *self,
                             double           speed)
{
  g_return_if_fail (DLN_IS_PLAY_CONTROLS (self));

  gtk_adjustment_set_value (self->speed_adjustment, speed);
}
