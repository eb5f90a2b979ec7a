#define G_LOG_DOMAIN "dln-learning-rate-page"

#include "config.h"

#include "dln-learning-rate-page.h"

#include "dln-session-ui.h"

/* learning-rate.new-data: a fresh gen_samples draw (the next seed). */
static void
new_data_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DlnLearningRatePage *self = DLN_LEARNING_RATE_PAGE (widget);

  dln_learning_rate_page_set_seed (self,
                                   dln_learning_rate_page_get_seed (self) + 1);
}

/* learning-rate.step: η up or down one slider step (0.005). */
static void
step_lr_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DlnLearningRatePage *self = DLN_LEARNING_RATE_PAGE (widget);

  dln_learning_rate_page_set_lr (self, dln_learning_rate_page_get_lr (self)
                                       + 0.005 * g_variant_get_int32 (parameter));
}

void
dln_learning_rate_page_class_actions_init (GtkWidgetClass *widget_class)
{
  dln_session_ui_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "learning-rate.new-data",
                                   NULL, new_data_action);
  gtk_widget_class_install_action (widget_class, "learning-rate.step", "i",
                                   step_lr_action);
}
