#define G_LOG_DOMAIN "dln-playground-page"

#include "config.h"

#include "dln-playground-page.h"

#include "dln-session-ui.h"

/* playground.new-data: a fresh gen_samples draw (the next seed). */
static void
new_data_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  guint64 seed = 0;

  g_object_get (widget, "seed", &seed, NULL);
  g_object_set (widget, "seed", seed + 1, NULL);
}

void
dln_playground_page_class_actions_init (GtkWidgetClass *widget_class)
{
  dln_session_ui_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "playground.new-data", NULL,
                                   new_data_action);
}
