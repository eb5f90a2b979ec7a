#define G_LOG_DOMAIN "dln-depth-page"

#include "config.h"

#include "dln-depth-page.h"

#include "dln-session-ui.h"

/* depth.new-data: draw a fresh gen_samples (100, 2.0, 0.1) (the next
 * seed); the course draws new data on every run. */
static void
new_data_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DlnDepthPage *self = DLN_DEPTH_PAGE (widget);

  dln_depth_page_set_seed (self, dln_depth_page_get_seed (self) + 1);
}

/* depth.deeper / depth.shallower: one slider step (5 layers). */
static void
step_depth_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DlnDepthPage *self = DLN_DEPTH_PAGE (widget);

  dln_depth_page_set_depth (self, dln_depth_page_get_depth (self)
                                  + g_variant_get_int32 (parameter));
}

void
dln_depth_page_class_actions_init (GtkWidgetClass *widget_class)
{
  dln_session_ui_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "depth.new-data", NULL,
                                   new_data_action);
  gtk_widget_class_install_action (widget_class, "depth.step", "i",
                                   step_depth_action);
}
