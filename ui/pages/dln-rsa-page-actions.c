#define G_LOG_DOMAIN "dln-rsa-page"

#include "config.h"

#include "dln-rsa-page.h"


/* rsa.toggle-normalisation: course (all epochs) ↔ per-epoch maximum. */
static void
toggle_norm_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gboolean per_epoch = FALSE;

  g_object_get (widget, "per-epoch", &per_epoch, NULL);
  g_object_set (widget, "per-epoch", !per_epoch, NULL);
}

void
dln_rsa_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "rsa.toggle-normalisation",
                                   NULL, toggle_norm_action);
}
