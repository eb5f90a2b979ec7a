#define G_LOG_DOMAIN "dln-session-ui"

#include "config.h"

#include "dln-session-ui.h"

#include "dln-demo-page.h"
#include "dln-demos.h"
#include "dln-session.h"
#include "dln-ui-error.h"

#include <adwaita.h>

static GtkStack *
find_stack (GtkWidget *page)
{
  return GTK_STACK (gtk_widget_get_ancestor (page, GTK_TYPE_STACK));
}

/* The visible demo: the window's "demo" property when it has one. */
static char *
current_demo (GtkWidget *page)
{
  GtkRoot *root = gtk_widget_get_root (page);
  GtkStack *stack = find_stack (page);
  char *demo = NULL;

  if (root != NULL
      && g_object_class_find_property (G_OBJECT_GET_CLASS (root), "demo"))
    g_object_get (root, "demo", &demo, NULL);
  if (demo == NULL && stack != NULL)
    demo = g_strdup (gtk_stack_get_visible_child_name (stack));
  return demo;
}

/* dln_session_ui_save_to:
 * @page: any page in the window
 * Captures every demo page of @page's window and writes @file.
 * Returns: TRUE, or FALSE with a DLN_ERROR. */
gboolean
dln_session_ui_save_to (GtkWidget  *page,
                        GFile      *file,
                        GError    **error)
{
  g_autoptr(DlnSession) session = dln_session_new ();
  g_autofree char *demo = current_demo (page);
  GtkStack *stack = find_stack (page);

  g_return_val_if_fail (GTK_IS_WIDGET (page), FALSE);

  dln_session_set_current_demo (session, demo);
  if (stack == NULL)
    dln_session_capture (session, demo != NULL ? demo : "page",
                         G_OBJECT (page));
  else
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack));
         child != NULL; child = gtk_widget_get_next_sibling (child))
      {
        const char *name = gtk_stack_page_get_name (gtk_stack_get_page (stack,
                                                                        child));

        if (name != NULL && DLN_IS_DEMO_PAGE (child))
          dln_session_capture (session, name, G_OBJECT (child));
      }
  return dln_session_save (session, file, error);
}

/* dln_session_ui_open_from:
 * @page: any page in the window
 * Reads @file and restores the window: every page it names (created when
 * not open yet), the others reset, its demo shown. Nothing changes when
 * the file, or any page record in it, is invalid.
 * Returns: TRUE, or FALSE with a DLN_ERROR naming the file and member. */
gboolean
dln_session_ui_open_from (GtkWidget  *page,
                          GFile      *file,
                          GError    **error)
{
  g_autoptr(DlnSession) session = NULL;
  g_autoptr(GPtrArray) created = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_auto(GStrv) ids = NULL;
  GtkStack *stack = find_stack (page);
  GtkRoot *root = gtk_widget_get_root (page);
  const char *demo;

  session = dln_session_load (file, error);
  if (session == NULL)
    return FALSE;
  if (stack == NULL)
    return dln_session_apply (session, "page", G_OBJECT (page), error);

  /* 1. find or create every page, and check every record: no change yet */
  ids = dln_session_list_pages (session);
  created = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      GtkWidget *child = gtk_stack_get_child_by_name (stack, ids[i]);
      const DlnDemoInfo *info = dln_demos_find (ids[i]);

      if (child == NULL && info == NULL)
        {
          g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                       "%s: pages.%s: this dlnlab has no such demo", name,
                       ids[i]);
          return FALSE;
        }
      if (child == NULL)
        {
          child = g_object_ref_sink (g_object_new (info->get_type (), NULL));
          g_object_set_data_full (G_OBJECT (child), "dln-session-id",
                                  g_strdup (ids[i]), g_free);
          g_ptr_array_add (created, child);
        }
      if (!dln_session_check (session, ids[i], G_OBJECT (child), &local))
        {
          g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT, "%s: %s",
                       name, local->message);
          return FALSE;
        }
    }
  demo = dln_session_get_current_demo (session);
  if (demo != NULL && dln_demos_find (demo) == NULL)
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   "%s: current-demo: this dlnlab has no demo “%s”", name,
                   demo);
      return FALSE;
    }

  /* 2. apply: checked above, so these cannot fail */
  for (guint i = 0; i < created->len; i++)
    {
      GtkWidget *child = g_ptr_array_index (created, i);

      gtk_stack_add_named (stack, child,
                           g_object_get_data (G_OBJECT (child),
                                              "dln-session-id"));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *id = gtk_stack_page_get_name (gtk_stack_get_page (stack,
                                                                    child));

      if (id == NULL || !DLN_IS_DEMO_PAGE (child))
        continue;
      if (dln_session_has_page (session, id))
        {
          if (!dln_session_apply (session, id, G_OBJECT (child), error))
            return FALSE;
        }
      else
        gtk_widget_activate_action (child, "demo.reset", NULL);
    }
  if (demo != NULL && root != NULL
      && g_object_class_find_property (G_OBJECT_GET_CLASS (root), "demo"))
    g_object_set (root, "demo", demo, NULL);
  return TRUE;
}

static void
report (GtkWidget  *page,
        const char *done,
        const char *failed,
        const char *path,
        GError     *error)
{
  GtkRoot *root = gtk_widget_get_root (page);

  if (error == NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", done, path);
      GtkWidget *overlay = gtk_widget_get_ancestor (page,
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
  g_message ("%s: %s", failed, error->message);
  if (GTK_IS_WINDOW (root))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (root), failed,
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close",
                                       "_Close");
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
do_save (GtkWidget *page,
         GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_parse_name (file);

  dln_session_ui_save_to (page, file, &error);
  report (page, "Session saved to", "Session Not Saved", path, error);
}

static void
do_open (GtkWidget *page,
         GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_parse_name (file);

  dln_session_ui_open_from (page, file, &error);
  report (page, "Session opened from", "Session Not Opened", path, error);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  GtkWidget *page = user_data;
  gboolean saving = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog),
                                                        "dln-saving"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        {
          if (saving)
            do_save (page, file);
          else
            do_open (page, file);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (page);
}

static void
run_chooser (GtkWidget *page,
             gboolean   saving)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  GtkRoot *root = gtk_widget_get_root (page);

  chooser = gtk_file_chooser_native_new (saving ? "Save Session"
                                                : "Open Session",
                                         GTK_IS_WINDOW (root)
                                         ? GTK_WINDOW (root) : NULL,
                                         saving ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         saving ? "_Save" : "_Open",
                                         "_Cancel");
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, "dlnlab sessions (*.json)");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  if (saving)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                       "lecture.dlnlab.json");
  g_object_set_data (G_OBJECT (chooser), "dln-saving",
                     GINT_TO_POINTER (saving));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb),
                    g_object_ref (page));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  run_chooser (widget, TRUE);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  run_chooser (widget, FALSE);
}

/* session.save-to / session.open-from ("PATH"): no file chooser (the
 * window's save-session-to / open-session-from, scripts, tests) */
static void
save_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_autoptr(GFile) file =
    g_file_new_for_path (g_variant_get_string (parameter, NULL));

  do_save (widget, file);
}

static void
open_from_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(GFile) file =
    g_file_new_for_path (g_variant_get_string (parameter, NULL));

  do_open (widget, file);
}

/* dln_session_ui_class_init:
 * Installs session.save (Ctrl+S), session.open (Ctrl+O) and their
 * path-taking forms session.save-to and session.open-from on a page
 * class; call from its class_init (its -actions.c). */
void
dln_session_ui_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "session.save", NULL,
                                   save_action);
  gtk_widget_class_install_action (widget_class, "session.open", NULL,
                                   open_action);
  gtk_widget_class_install_action (widget_class, "session.save-to", "s",
                                   save_to_action);
  gtk_widget_class_install_action (widget_class, "session.open-from", "s",
                                   open_from_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK, "session.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o,
                                       GDK_CONTROL_MASK, "session.open",
                                       NULL);
}
