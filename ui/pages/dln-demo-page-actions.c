#define G_LOG_DOMAIN "dln-demo-page-actions"

#include "config.h"

#include "dln-demo-page-private.h"

static void
play_pause (DlnDemoPage *self)
{
  dln_demo_page_set_playing (self, !dln_demo_page_get_playing (self));
}

/* demo.export ("png" ...): through the primary view's file chooser;
 * demo.export-to ("PATH"): none (win.export-to, scripts) */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  const char *arg = g_variant_get_string (param, NULL);

  if (g_str_equal (action_name, "demo.export-to"))
    dln_demo_page_export_to (DLN_DEMO_PAGE (widget), arg);
  else
    dln_demo_page_export (DLN_DEMO_PAGE (widget), arg);
}

void
dln_demo_page_class_actions_init (DlnDemoPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  dln_demo_page_class_install_method_action (klass, "demo.play-pause",
                                             G_CALLBACK (play_pause));
  dln_demo_page_class_install_method_action (klass, "demo.step",
                                             G_CALLBACK (dln_demo_page_step));
  dln_demo_page_class_install_method_action (klass, "demo.step-back",
    G_CALLBACK (dln_demo_page_step_back));
  dln_demo_page_class_install_method_action (klass, "demo.reset",
                                             G_CALLBACK (dln_demo_page_reset));
  gtk_widget_class_install_action (widget_class, "demo.export", "s",
                                   export_action);
  gtk_widget_class_install_action (widget_class, "demo.export-to", "s",
                                   export_action);
}
