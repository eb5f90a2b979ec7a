#define G_LOG_DOMAIN "dln-svd-page"

#include "config.h"

#include "dln-svd-page.h"


/* svd.resample: a new tree draw (the next seed). */
static void
resample_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  guint64 seed = 0;

  g_object_get (widget, "seed", &seed, NULL);
  g_object_set (widget, "seed", seed + 1, NULL);
}

void
dln_svd_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "svd.resample", NULL,
                                   resample_action);
}
