#define G_LOG_DOMAIN "dln-rsa-page"

#include "config.h"

#include "dln-rsa-page.h"


/* rsa.scrub (i): move the epoch by i (Alt+Comma/Period ±1, Alt+Page
 * Up/Down ±10); the figures redraw, nothing retrains. */
static void
scrub_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  int epoch = 0;

  g_object_get (widget, "epoch", &epoch, NULL);
  g_object_set (widget, "epoch",
                CLAMP (epoch + g_variant_get_int32 (parameter), 10, 241),
                NULL);
}

/* rsa.toggle-normalisation: course (all epochs) ↔ per-epoch maximum. */
static void
toggle_norm_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gboolean per_epoch = FALSE;

  g_object_get (widget, "per-epoch", &per_epoch, NULL);
  g_object_set (widget, "per-epoch", !per_epoch, NULL);
}

void
dln_rsa_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "rsa.scrub", "i",
                                   scrub_action);
  gtk_widget_class_install_action (widget_class, "rsa.toggle-normalisation",
                                   NULL, toggle_norm_action);
}
