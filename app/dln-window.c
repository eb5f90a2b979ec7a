#define G_LOG_DOMAIN "dln-window"

#include "config.h"

#include "dln-window.h"

struct _DlnWindow
{
  AdwApplicationWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (DlnWindow, dln_window, ADW_TYPE_APPLICATION_WINDOW)

static void
dln_window_class_init (DlnWindowClass *klass)
{
}

static void
dln_window_init (DlnWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *status = adw_status_page_new ();

  gtk_window_set_title (GTK_WINDOW (self), "Deep Linear Network Lab");
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Deep Linear Network Lab");
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   "Learn how networks learn, with the simplest ones.");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), box);
}

/* dln_window_new:
 * Returns: (transfer none) a new main window owned by @app. */
DlnWindow *
dln_window_new (DlnApplication *app)
{
  return g_object_new (DLN_TYPE_WINDOW, "application", app, NULL);
}
