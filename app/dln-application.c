#define G_LOG_DOMAIN "dln-application"

#include "config.h"

#include "dln-application.h"
#include "dln-window.h"

struct _DlnApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (DlnApplication, dln_application, ADW_TYPE_APPLICATION)

static void
dln_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (dln_window_new (DLN_APPLICATION (app)));
  gtk_window_present (window);
}

static void
dln_application_class_init (DlnApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = dln_application_activate;
}

static void
dln_application_init (DlnApplication *self)
{
}

/* dln_application_new:
 * Returns: (transfer full) the application, unique per session. */
DlnApplication *
dln_application_new (void)
{
  return g_object_new (DLN_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}
