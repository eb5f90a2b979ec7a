#define G_LOG_DOMAIN "dln-illusory-page"

#include "config.h"

#include "dln-illusory-page.h"


/* illusory.preset (i): 0 sharks have bones (Alt+1), 1 parrots cannot
 * speak (Alt+2). */
static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  dln_illusory_page_set_preset (DLN_ILLUSORY_PAGE (widget),
                                CLAMP (g_variant_get_int32 (parameter), 0, 1));
}

void
dln_illusory_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "illusory.preset", "i",
                                   preset_action);
}
