#define G_LOG_DOMAIN "dln-dynamics-page"

#include "config.h"

#include "dln-dynamics-page.h"


/* dynamics.scrub (i): move the epoch band by i epochs (Alt+Comma/Period:
 * ±1, Alt+Page Up/Down: ±10). */
static void
scrub_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  int epoch = 0;

  g_object_get (widget, "epoch", &epoch, NULL);
  epoch = CLAMP (epoch + g_variant_get_int32 (parameter), 0, 249);
  g_object_set (widget, "epoch", epoch, NULL);
}

/* dynamics.new-init: draw new initial weights (the next seed). */
static void
new_init_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  guint64 seed = 0;

  g_object_get (widget, "init-seed", &seed, NULL);
  g_object_set (widget, "init-seed", seed + 1, NULL);
}

void
dln_dynamics_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "dynamics.scrub", "i",
                                   scrub_action);
  gtk_widget_class_install_action (widget_class, "dynamics.new-init", NULL,
                                   new_init_action);
}
