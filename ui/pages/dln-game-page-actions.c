#define G_LOG_DOMAIN "dln-game-page"

#include "config.h"

#include "dln-game-page.h"

#include "dln-session-ui.h"

/* game.register: register the current η (Ctrl+Return); enabled only
 * while the run converges. */
static void
register_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  dln_game_page_register (DLN_GAME_PAGE (widget));
}

/* game.restart: forget every point and start at depth 10. */
static void
restart_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dln_game_page_restart (DLN_GAME_PAGE (widget));
}

/* game.step: η one slider step up or down (Ctrl+Plus/Minus). */
static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  double lr = 0;

  g_object_get (widget, "lr", &lr, NULL);
  lr = CLAMP (lr + 0.005 * g_variant_get_int32 (parameter), 0.005, 0.105);
  g_object_set (widget, "lr", lr, NULL);
}

void
dln_game_page_class_actions_init (GtkWidgetClass *widget_class)
{
  dln_session_ui_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "game.register", NULL,
                                   register_action);
  gtk_widget_class_install_action (widget_class, "game.restart", NULL,
                                   restart_action);
  gtk_widget_class_install_action (widget_class, "game.step", "i",
                                   step_action);
}
