#define G_LOG_DOMAIN "dln-ui"

#include "config.h"

#include "dln-ui.h"

#include "dln-demo-page.h"
#include "dln-figure-view.h"
#include "dln-param-row.h"
#include "dln-play-controls.h"
#include "dln-ui-resources.h"

void
dln_ui_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* Registered by hand: a static library's constructor-only object
       * would be dropped by the linker. */
      dln_ui_register_resource ();
      g_type_ensure (DLN_TYPE_FIGURE_VIEW);
      g_type_ensure (DLN_TYPE_PARAM_ROW);
      g_type_ensure (DLN_TYPE_PLAY_CONTROLS);
      g_type_ensure (DLN_TYPE_DEMO_PAGE);
      g_once_init_leave (&initialized, 1);
    }
}

/* @text without mnemonic underscores ("__" stays one "_"). */
static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != '_')
      g_string_append_c (out, *p);
    else if (p[1] == '_')
      g_string_append_c (out, *++p);
  return g_string_free (out, FALSE);
}

static void
name_from (GtkWidget  *widget,
           const char *text)
{
  g_autofree char *name = strip_mnemonic (text);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

void
dln_ui_name_controls (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (c);

      gboolean icon_only =
        (GTK_IS_BUTTON (c) && gtk_button_get_label (GTK_BUTTON (c)) == NULL
         && (gtk_button_get_icon_name (GTK_BUTTON (c)) != NULL
             || GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (c)))))
        || (GTK_IS_MENU_BUTTON (c)
            && gtk_menu_button_get_label (GTK_MENU_BUTTON (c)) == NULL);

      if (GTK_IS_BUTTON (c) && gtk_button_get_label (GTK_BUTTON (c)) != NULL
          && gtk_button_get_use_underline (GTK_BUTTON (c)))
        name_from (c, gtk_button_get_label (GTK_BUTTON (c)));
      else if (GTK_IS_CHECK_BUTTON (c)
               && gtk_check_button_get_label (GTK_CHECK_BUTTON (c)) != NULL
               && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (c)))
        name_from (c, gtk_check_button_get_label (GTK_CHECK_BUTTON (c)));
      else if ((icon_only || GTK_IS_DROP_DOWN (c)) && tooltip != NULL)
        {
          name_from (c, tooltip);
          /* a drop-down's focus is on its own toggle button inside */
          if (GTK_IS_DROP_DOWN (c))
            for (GtkWidget *b = gtk_widget_get_first_child (c); b != NULL;
                 b = gtk_widget_get_next_sibling (b))
              if (GTK_IS_TOGGLE_BUTTON (b))
                name_from (b, tooltip);
        }
      dln_ui_name_controls (c);
    }
}
