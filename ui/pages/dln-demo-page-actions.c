#define G_LOG_DOMAIN "dln-demo-page-actions"

#include "config.h"

#include "dln-demo-page-private.h"

static void
play_pause_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  DlnDemoPage *self = DLN_DEMO_PAGE (widget);

  dln_demo_page_set_playing (self, !dln_demo_page_get_playing (self));
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  dln_demo_page_step (DLN_DEMO_PAGE (widget));
}

static void
step_back_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  dln_demo_page_step_back (DLN_DEMO_PAGE (widget));
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  dln_demo_page_reset (DLN_DEMO_PAGE (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  dln_demo_page_export (DLN_DEMO_PAGE (widget),
                        g_variant_get_string (param, NULL));
}

/* demo.export-to ("PATH"): no file chooser (win.export-to, scripts) */
static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  dln_demo_page_export_to (DLN_DEMO_PAGE (widget),
                           g_variant_get_string (param, NULL));
}

void
dln_demo_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "demo.play-pause", NULL,
                                   play_pause_action);
  gtk_widget_class_install_action (widget_class, "demo.step", NULL,
                                   step_action);
  gtk_widget_class_install_action (widget_class, "demo.step-back", NULL,
                                   step_back_action);
  gtk_widget_class_install_action (widget_class, "demo.reset", NULL,
                                   reset_action);
  gtk_widget_class_install_action (widget_class, "demo.export", "s",
                                   export_action);
  gtk_widget_class_install_action (widget_class, "demo.export-to", "s",
                                   export_to_action);
}
