#define G_LOG_DOMAIN "dln-regression-page"

#include "config.h"

#include "dln-regression-page.h"


/* regression.new-example: a new random 3 × 3 example (the next seed). */
static void
new_example_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  guint64 seed = 0;

  g_object_get (widget, "seed", &seed, NULL);
  g_object_set (widget, "seed", seed + 1, NULL);
}

void
dln_regression_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "regression.new-example",
                                   NULL, new_example_action);
}
