#define G_LOG_DOMAIN "dln-landscape-page-actions"

#include "config.h"

#include "dln-landscape-page-private.h"

static void
reset_view_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  dln_landscape_page_reset_view (DLN_LANDSCAPE_PAGE (widget));
}

/* landscape.reset-view: the 3-D view's "Reset 3-D view" button. */
void
dln_landscape_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "landscape.reset-view", NULL,
                                   reset_view_action);
}
