#define G_LOG_DOMAIN "dln-init-page"

#include "config.h"

#include "dln-init-page.h"

/* init.toggle-curve (i): show or hide curve i (Alt+1 … Alt+8). */
static void
toggle_curve_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  int i = g_variant_get_int32 (parameter);
  guint shown = 0;

  if (i < 0 || i >= DLN_INIT_PAGE_N_CURVES)
    return;
  g_object_get (widget, "shown", &shown, NULL);
  g_object_set (widget, "shown", shown ^ (1u << i), NULL);
}

/* New data comes from chain.new-data (DlnChainPage). */
void
dln_init_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "init.toggle-curve", "i",
                                   toggle_curve_action);
}
