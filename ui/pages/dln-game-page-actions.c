#define G_LOG_DOMAIN "dln-game-page"

#include "config.h"

#include "dln-game-page.h"

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

/* η steps with chain.step (DlnChainPage; Ctrl+Plus/Minus). */
void
dln_game_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "game.register", NULL,
                                   register_action);
  gtk_widget_class_install_action (widget_class, "game.restart", NULL,
                                   restart_action);
}
