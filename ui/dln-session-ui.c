#define G_LOG_DOMAIN "dln-session-ui"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-session-ui.h"

#include "dln-demo-page.h"
#include "dln-demos.h"
#include "dln-session.h"
#include "dln-ui.h"
#include "dln-ui-error.h"

#include <adwaita.h>

/* dln_session_ui_save_to:
 * @stack:        the window's pages, named by demo id
 * @current_demo: (nullable) the visible demo
 * Captures every DlnDemoPage in @stack (its properties and
 * dln_demo_page_save_state ()) and writes @file.
 * Returns: TRUE, or FALSE with a DLN_ERROR. */
gboolean
dln_session_ui_save_to (GtkStack    *stack,
                        const char  *current_demo,
                        GFile       *file,
                        GError     **error)
{
  g_autoptr(DlnSession) session = dln_session_new ();

  g_return_val_if_fail (GTK_IS_STACK (stack), FALSE);

  dln_session_set_current_demo (session, current_demo);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *name = gtk_stack_page_get_name (gtk_stack_get_page (stack,
                                                                      child));

      if (name != NULL && DLN_IS_DEMO_PAGE (child))
        dln_session_capture (session, name, G_OBJECT (child),
                             dln_demo_page_save_state (DLN_DEMO_PAGE (child)));
    }
  return dln_session_save (session, file, error);
}

/* Checks, or applies, the record of @id: parameters first, then the
 * page's own state. */
static gboolean
restore_page (DlnSession  *session,
              const char  *id,
              GtkWidget   *page,
              gboolean     apply,
              GError     **error)
{
  g_autoptr(GVariant) state = dln_session_get_state (session, id);
  g_autoptr(GError) local = NULL;

  if (!(apply ? dln_session_apply (session, id, G_OBJECT (page), error)
              : dln_session_check (session, id, G_OBJECT (page), error)))
    return FALSE;
  if (state != NULL
      && !dln_demo_page_load_state (DLN_DEMO_PAGE (page), state, apply,
                                    &local))
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   "pages.%s.%s", id, local->message);
      return FALSE;
    }
  return TRUE;
}

/* dln_session_ui_open_from:
 * @stack:        the window's pages, named by demo id
 * @current_demo: (out) (transfer full) (optional) (nullable): the demo
 *                the session shows
 * Reads @file and restores the window's pages: every page it names
 * (created when not open yet), the others reset. Nothing changes when
 * the file, or any page record in it, is invalid.
 * Returns: TRUE, or FALSE with a DLN_ERROR naming the file and member. */
gboolean
dln_session_ui_open_from (GtkStack    *stack,
                          GFile       *file,
                          char       **current_demo,
                          GError     **error)
{
  g_autoptr(DlnSession) session = NULL;
  g_autoptr(GPtrArray) created = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_auto(GStrv) ids = NULL;
  const char *demo;

  g_return_val_if_fail (GTK_IS_STACK (stack), FALSE);

  session = dln_session_load (file, error);
  if (session == NULL)
    return FALSE;

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
                       _("%s: pages.%s: this dlnlab has no such demo"), name,
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
      if (!restore_page (session, ids[i], child, FALSE, &local))
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
                   _("%s: current-demo: this dlnlab has no demo “%s”"), name,
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
          if (!restore_page (session, id, child, TRUE, error))
            return FALSE;
        }
      else
        gtk_widget_activate_action (child, "demo.reset", NULL);
    }
  if (current_demo != NULL)
    *current_demo = g_strdup (demo);
  return TRUE;
}

/* dln_session_ui_report:
 * @overlay: (nullable) shows a toast on success
 * Tells the user how saving or opening @path went: a toast (and a log
 * line) when @error is NULL, else an AdwMessageDialog over @window
 * titled @failed. */
void
dln_session_ui_report (GtkWindow       *window,
                       AdwToastOverlay *overlay,
                       const char      *done,
                       const char      *failed,
                       const char      *path,
                       const GError    *error)
{
  if (error == NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", done, path);

      if (overlay != NULL)
        {
          AdwToast *toast = adw_toast_new (text);

          adw_toast_set_timeout (toast, 4);
          adw_toast_overlay_add_toast (overlay, toast);
        }
      g_message ("%s", text);
      return;
    }
  g_message ("%s: %s", failed, error->message);
  dln_ui_show_error (GTK_WIDGET (window), failed, error->message);
}

/* dln_session_ui_choose:
 * @saving: TRUE for _("Save Session"), FALSE for _("Open Session")
 * @func:   called with the chosen file (not when cancelled)
 * Asks for a session file over @parent (dln_ui_choose_file ()). */
void
dln_session_ui_choose (GtkWindow            *parent,
                       gboolean              saving,
                       DlnUiFileFunc         func,
                       gpointer              user_data)
{
  DlnUiFileChoice choice = {
    GTK_FILE_CHOOSER_ACTION_OPEN, _("Open Session"), _("_Open"),
    _("dlnlab sessions (*.json)"), "*.json", NULL
  };

  if (saving)
    {
      choice.action = GTK_FILE_CHOOSER_ACTION_SAVE;
      choice.title = _("Save Session");
      choice.accept = _("_Save");
      choice.name = "lecture.dlnlab.json";
    }
  dln_ui_choose_file (GTK_WIDGET (parent), &choice, func, user_data);
}
