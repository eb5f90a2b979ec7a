/* DlnAnimationDialog: length, frame rate and size of an animation, a
 * progress bar, and the recording on a worker thread. The worker only
 * touches its own copy of the options and two atomic counters; the
 * dialog polls them, so no GTK call leaves the main thread. */

#define G_LOG_DOMAIN "dln-animation-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-animation-dialog.h"

#include "dln-figure-animation.h"
#include "dln-ui-error.h"

#define PROGRESS_POLL_MS 100  /* progress bar refresh while recording */

/* The clip's numbers: one spin row each, in the dialog's order. */
enum { CLIP_SECONDS, CLIP_FPS, CLIP_WIDTH, CLIP_HEIGHT, N_CLIP };

typedef struct
{
  const char *title;
  const char *unit;    /* the row's subtitle */
  double      min, max, step;
  guint       digits;
} ClipRow;

static const ClipRow clip_rows[N_CLIP] = {
  [CLIP_SECONDS] = { N_("Length"), N_("seconds"), DLN_ANIMATION_MIN_SECONDS,
                     DLN_ANIMATION_MAX_SECONDS, 0.5, 1 },
  [CLIP_FPS] = { N_("Frame rate"), N_("frames per second"),
                 DLN_ANIMATION_MIN_FPS, DLN_ANIMATION_MAX_FPS, 1, 0 },
  [CLIP_WIDTH] = { N_("Width"), N_("pixels"), DLN_FIGURE_MIN_SIZE,
                   DLN_ANIMATION_MAX_SIDE, 10, 0 },
  [CLIP_HEIGHT] = { N_("Height"), N_("pixels"), DLN_FIGURE_MIN_SIZE,
                    DLN_ANIMATION_MAX_SIDE, 10, 0 },
};

struct _DlnAnimationDialog
{
  AdwWindow             parent_instance;

  /* owned */
  DlnFigureArgs         args;
  char                 *path;
  GCancellable         *cancellable;   /* the recording's; NULL when idle */
  GtkFileChooserNative *chooser;
  guint                 poll_id;
  struct Recording     *recording;     /* shared with the worker */
  gboolean              disposed;      /* a late record_done () returns */

  /* borrowed: children */
  AdwActionRow         *file_row;
  GtkSpinButton        *clip[N_CLIP];  /* the clip_rows, in order */
  GtkProgressBar       *progress;
  GtkButton            *record_button;
  GtkButton            *cancel_button;
  GtkLabel             *status;
};

G_DEFINE_FINAL_TYPE (DlnAnimationDialog, dln_animation_dialog,
                     ADW_TYPE_WINDOW)

enum { FINISHED, N_SIGNALS };

static guint signals[N_SIGNALS];

/* What the worker reads and writes: reference-counted, because the
 * dialog may be closed while the worker still runs. */
typedef struct Recording
{
  DlnFigureArgs       args;
  char               *path;
  DlnAnimationFormat  format;
  int                 width, height;
  double              fps, seconds;
  GCancellable       *cancellable;
  int                 frame;     /* atomic: frames encoded */
  int                 n_frames;  /* atomic */
  DlnStatus           status;
  DlnMessage          msg;
} Recording;

static void
recording_free (Recording *r)
{
  g_free (r->path);
  g_clear_object (&r->cancellable);
  g_free (r);
}

static void
recording_progress (unsigned  frame,
                    unsigned  n_frames,
                    void     *user_data)
{
  Recording *r = user_data;

  g_atomic_int_set (&r->n_frames, (int) n_frames);
  g_atomic_int_set (&r->frame, (int) frame);
}

static void
record_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Recording *r = task_data;
  DlnFigureStyle style;

  /* exports use the light style, as the still exports do */
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  r->status = dln_figure_animation_record (r->path, r->format, &r->args,
                                           r->width, r->height, r->fps,
                                           r->seconds, &style,
                                           recording_progress, r,
                                           r->cancellable, &r->msg);
  g_task_return_boolean (task, TRUE);
}

/* --- UI state --- */

static void
set_busy (DlnAnimationDialog *self,
          gboolean            busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->record_button), !busy);
  for (int i = 0; i < N_CLIP; i++)
    gtk_widget_set_sensitive (GTK_WIDGET (self->clip[i]), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->file_row), !busy);
}

static gboolean
poll_progress (gpointer user_data)
{
  DlnAnimationDialog *self = user_data;
  Recording *r = self->recording;
  int n, k;

  if (r == NULL)
    return G_SOURCE_CONTINUE;
  n = g_atomic_int_get (&r->n_frames);
  k = g_atomic_int_get (&r->frame);
  if (n > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Frame %d of %d"), k, n);

      gtk_progress_bar_set_fraction (self->progress, (double) k / n);
      gtk_progress_bar_set_text (self->progress, text);
    }
  return G_SOURCE_CONTINUE;
}

static void
record_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  DlnAnimationDialog *self = user_data;  /* a reference held by the task */
  Recording *r = g_task_get_task_data (G_TASK (result));
  gboolean cancelled = g_cancellable_is_cancelled (r->cancellable);
  g_autoptr (GError) error = NULL;

  if (self->disposed)
    return;
  g_clear_handle_id (&self->poll_id, g_source_remove);
  self->recording = NULL;
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (r->status == DLN_STATUS_OK)
    {
      gtk_progress_bar_set_fraction (self->progress, 1);
      g_signal_emit (self, signals[FINISHED], 0, r->path, NULL);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_progress_bar_set_text (self->progress, NULL);
  if (cancelled)
    gtk_label_set_text (self->status, _("Cancelled: no file was written."));
  else
    {
      dln_ui_status_to_error (r->status, &r->msg, NULL, &error);
      gtk_label_set_text (self->status, error->message);
      g_signal_emit (self, signals[FINISHED], 0, r->path, error);
    }
}

/* --- File --- */

static void
show_path (DlnAnimationDialog *self)
{
  adw_action_row_set_subtitle (self->file_row, self->path);
}

static void
chooser_response_cb (GtkNativeDialog    *dialog,
                     int                 response,
                     DlnAnimationDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file =
        gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        {
          g_free (self->path);
          self->path = g_file_get_path (file);
          show_path (self);
        }
    }
  g_clear_object (&self->chooser);
}

static void
choose_clicked (DlnAnimationDialog *self)
{
  g_autoptr (GtkFileFilter) webm = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) gif = gtk_file_filter_new ();
  g_autofree char *base = g_path_get_basename (self->path);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Animation"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (webm, _("WebM video"));
  gtk_file_filter_add_pattern (webm, "*.webm");
  gtk_file_filter_set_name (gif, _("GIF animation"));
  gtk_file_filter_add_pattern (gif, "*.gif");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), webm);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), gif);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), base);
  g_signal_connect (self->chooser, "response",
                    G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- Type --- */

static void
dln_animation_dialog_dispose (GObject *object)
{
  DlnAnimationDialog *self = DLN_ANIMATION_DIALOG (object);

  /* a recording still running is stopped; its task finishes alone */
  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (dln_animation_dialog_parent_class)->dispose (object);
}

static void
dln_animation_dialog_finalize (GObject *object)
{
  DlnAnimationDialog *self = DLN_ANIMATION_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->path);
  G_OBJECT_CLASS (dln_animation_dialog_parent_class)->finalize (object);
}

static void
dln_animation_dialog_class_init (DlnAnimationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dln_animation_dialog_dispose;
  object_class->finalize = dln_animation_dialog_finalize;

  /* finished (path, error): a recording ended; @error is NULL when the
   * file was written (the dialog then closes itself). Not emitted for a
   * cancelled recording. */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 2, G_TYPE_STRING,
                                    G_TYPE_ERROR);
}

static GtkSpinButton *
spin_row (AdwPreferencesGroup *group,
          const ClipRow       *clip)
{
  const char *title = _(clip->title);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (clip->min, clip->max,
                                                    clip->step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(clip->unit));
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), clip->digits);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

static void
cancel_clicked (DlnAnimationDialog *self)
{
  dln_animation_dialog_cancel (self);
}

static void
dln_animation_dialog_init (DlnAnimationDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *choose = gtk_button_new_with_mnemonic (_("_Choose…"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_window_set_title (GTK_WINDOW (self), _("Export Animation"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 460, -1);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_box_append (GTK_BOX (box), content);

  self->file_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row),
                                 _("File (.webm or .gif)"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (choose_clicked),
                            self);
  adw_action_row_add_suffix (self->file_row, choose);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             GTK_WIDGET (self->file_row));
  for (int i = 0; i < N_CLIP; i++)
    self->clip[i] = spin_row (ADW_PREFERENCES_GROUP (group), &clip_rows[i]);
  gtk_spin_button_set_value (self->clip[CLIP_SECONDS],
                             DLN_ANIMATION_DEFAULT_SECONDS);
  gtk_spin_button_set_value (self->clip[CLIP_FPS], DLN_ANIMATION_DEFAULT_FPS);
  gtk_box_append (GTK_BOX (content), group);

  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->progress));
  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_xalign (self->status, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->status));

  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  self->record_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Record")));
  gtk_widget_add_css_class (GTK_WIDGET (self->record_button),
                            "suggested-action");
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->cancel_button));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->record_button));
  gtk_box_append (GTK_BOX (content), buttons);
  g_signal_connect_swapped (self->record_button, "clicked",
                            G_CALLBACK (dln_animation_dialog_record), self);
  g_signal_connect_swapped (self->cancel_button, "clicked",
                            G_CALLBACK (cancel_clicked), self);
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 GTK_WIDGET (self->record_button));
  adw_window_set_content (ADW_WINDOW (self), box);
}

/* --- Public API --- */

/* dln_animation_dialog_new:
 * @parent: (nullable) the window it belongs to
 * @args:   the figure and its options (the page's current settings); the
 *          figure must change over time (dln_figure_animation_option)
 * @path:   the suggested file; its extension picks the format
 * @width, @height: the suggested frame size in pixels
 * Returns: (transfer none) the dialog, not yet shown; it destroys itself
 * when a recording succeeds or Cancel is pressed while idle. */
DlnAnimationDialog *
dln_animation_dialog_new (GtkWindow           *parent,
                          const DlnFigureArgs *args,
                          const char          *path,
                          int                  width,
                          int                  height)
{
  DlnAnimationDialog *self;

  g_return_val_if_fail (args != NULL && path != NULL, NULL);
  g_return_val_if_fail (dln_figure_animation_option (args->entry) != NULL,
                        NULL);

  self = g_object_new (DLN_TYPE_ANIMATION_DIALOG, NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  self->args = *args;
  self->path = g_strdup (path);
  show_path (self);
  gtk_spin_button_set_value (self->clip[CLIP_WIDTH], width);
  gtk_spin_button_set_value (self->clip[CLIP_HEIGHT], height);
  return self;
}

/* dln_animation_dialog_set_clip:
 * Sets the length (s), frame rate and size fields, as a user would. */
void
dln_animation_dialog_set_clip (DlnAnimationDialog *self,
                               double              seconds,
                               double              fps,
                               int                 width,
                               int                 height)
{
  g_return_if_fail (DLN_IS_ANIMATION_DIALOG (self));

  gtk_spin_button_set_value (self->clip[CLIP_SECONDS], seconds);
  gtk_spin_button_set_value (self->clip[CLIP_FPS], fps);
  gtk_spin_button_set_value (self->clip[CLIP_WIDTH], width);
  gtk_spin_button_set_value (self->clip[CLIP_HEIGHT], height);
}

/* dln_animation_dialog_record:
 * Starts recording (the Record button): a file name without .webm or .gif
 * is refused in the status line; otherwise the worker starts and the
 * progress bar follows it. Does nothing while a recording runs. */
void
dln_animation_dialog_record (DlnAnimationDialog *self)
{
  g_autoptr (GTask) task = NULL;
  DlnMessage msg = { { 0 }, 0 };
  Recording *r;

  g_return_if_fail (DLN_IS_ANIMATION_DIALOG (self));

  if (self->cancellable != NULL)
    return;
  r = g_new0 (Recording, 1);
  if (dln_figure_animation_format_from_path (self->path, &r->format, &msg)
      != DLN_STATUS_OK)
    {
      gtk_label_set_text (self->status, msg.text);
      g_free (r);
      return;
    }
  r->args = self->args;
  r->path = g_strdup (self->path);
  r->seconds = gtk_spin_button_get_value (self->clip[CLIP_SECONDS]);
  r->fps = gtk_spin_button_get_value (self->clip[CLIP_FPS]);
  r->width = gtk_spin_button_get_value_as_int (self->clip[CLIP_WIDTH]);
  r->height = gtk_spin_button_get_value_as_int (self->clip[CLIP_HEIGHT]);
  r->cancellable = g_cancellable_new ();
  self->cancellable = g_object_ref (r->cancellable);
  self->recording = r;

  gtk_label_set_text (self->status, "");
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_progress_bar_set_text (self->progress, _("Running the demo…"));
  set_busy (self, TRUE);
  self->poll_id = g_timeout_add (PROGRESS_POLL_MS, poll_progress, self);
  /* the task holds the dialog until record_done () has run */
  task = g_task_new (NULL, NULL, record_done, g_object_ref (self));
  g_task_set_task_data (task, r, (GDestroyNotify) recording_free);
  g_signal_connect_swapped (task, "notify::completed",
                            G_CALLBACK (g_object_unref), self);
  g_task_run_in_thread (task, record_thread);
}

/* dln_animation_dialog_cancel:
 * The Cancel button: stops a running recording (no file is left), or
 * closes the dialog when none runs. */
void
dln_animation_dialog_cancel (DlnAnimationDialog *self)
{
  g_return_if_fail (DLN_IS_ANIMATION_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
dln_animation_dialog_is_recording (DlnAnimationDialog *self)
{
  g_return_val_if_fail (DLN_IS_ANIMATION_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

double
dln_animation_dialog_get_fraction (DlnAnimationDialog *self)
{
  g_return_val_if_fail (DLN_IS_ANIMATION_DIALOG (self), 0);

  return gtk_progress_bar_get_fraction (self->progress);
}
