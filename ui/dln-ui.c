#define G_LOG_DOMAIN "dln-ui"

#include "config.h"

#include "dln-ui.h"

#include "dln-demo-page.h"
#include "dln-expr.h"
#include "dln-figure-view.h"
#include "dln-param-row.h"
#include "dln-play-controls.h"
#include "dln-ui-resources.h"

#include <glib/gi18n-lib.h>

#include <adwaita.h>

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

/* The text of a drop-down's item: its string, or its expression's. */
static char *
drop_down_item_text (GtkDropDown *drop_down,
                     gpointer     item)
{
  GtkExpression *expression = gtk_drop_down_get_expression (drop_down);
  GValue value = G_VALUE_INIT;
  char *text = NULL;

  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (item));
  if (expression != NULL && gtk_expression_evaluate (expression, item, &value))
    {
      if (G_VALUE_HOLDS_STRING (&value))
        text = g_value_dup_string (&value);
      g_value_unset (&value);
    }
  return text;
}

static void
item_label_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap != NULL)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  gtk_list_item_set_child (item, label);
}

static void
item_label_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  wrap)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  GtkWidget *drop_down = gtk_widget_get_ancestor (label, GTK_TYPE_DROP_DOWN);
  g_autofree char *text = NULL;

  /* the list's rows are in a popover: its parent is the drop-down */
  if (drop_down == NULL)
    {
      GtkWidget *popover = gtk_widget_get_ancestor (label, GTK_TYPE_POPOVER);

      drop_down = popover != NULL ? gtk_widget_get_parent (popover) : NULL;
    }
  if (GTK_IS_DROP_DOWN (drop_down))
    text = drop_down_item_text (GTK_DROP_DOWN (drop_down),
                                gtk_list_item_get_item (item));
  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "");
}

static GtkListItemFactory *
item_label_factory (gboolean wrap)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (item_label_setup),
                    wrap ? GINT_TO_POINTER (1) : NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (item_label_bind),
                    wrap ? GINT_TO_POINTER (1) : NULL);
  return factory;
}

void
dln_ui_fit_drop_downs (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_DROP_DOWN (c))
        {
          g_autoptr (GtkListItemFactory) button = item_label_factory (TRUE);
          g_autoptr (GtkListItemFactory) list = item_label_factory (FALSE);

          gtk_drop_down_set_factory (GTK_DROP_DOWN (c), button);
          gtk_drop_down_set_list_factory (GTK_DROP_DOWN (c), list);
          continue;
        }
      dln_ui_fit_drop_downs (c);
    }
}

typedef struct
{
  DlnUiFileFunc func;
  gpointer      user_data;
  GtkWidget    *widget;     /* owned: kept while the dialog runs */
} Chooser;

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  Chooser *chooser = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        chooser->func (file, chooser->user_data);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (chooser->widget);
  g_free (chooser);
}

void
dln_ui_choose_file (GtkWidget             *widget,
                    const DlnUiFileChoice *choice,
                    DlnUiFileFunc          func,
                    gpointer               user_data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) file_filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;
  Chooser *chooser = g_new (Chooser, 1);

  chooser->func = func;
  chooser->user_data = user_data;
  chooser->widget = g_object_ref (widget);
  native = gtk_file_chooser_native_new (choice->title,
                                        GTK_IS_WINDOW (root)
                                        ? GTK_WINDOW (root) : NULL,
                                        choice->action, choice->accept,
                                        _("_Cancel"));
  gtk_file_filter_set_name (file_filter, choice->filter);
  gtk_file_filter_add_pattern (file_filter, choice->pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), file_filter);
  if (choice->name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native),
                                       choice->name);
  g_signal_connect (native, "response", G_CALLBACK (chooser_response_cb),
                    chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

GtkWidget *
dln_ui_find_css_class (GtkWidget  *root,
                       const char *css_class)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (gtk_widget_has_css_class (c, css_class))
        return c;
      if ((found = dln_ui_find_css_class (c, css_class)) != NULL)
        return found;
    }
  return NULL;
}

void
dln_ui_show_error (GtkWidget  *widget,
                   const char *heading,
                   const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (!GTK_IS_WINDOW (root))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close",
                                   _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
dln_ui_show_input_error (GtkLabel   *label,
                         GtkWidget  *input,
                         const char *text)
{
  if (text != NULL)
    {
      gtk_label_set_text (label, text);
      gtk_widget_add_css_class (input, "error");
    }
  else
    gtk_widget_remove_css_class (input, "error");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

char *
dln_ui_expr_error_text (const char       *text,
                        const DlnMessage *msg)
{
  char caret[DLN_EXPR_MAX_LENGTH + 512];

  if (msg->column <= 0)
    return g_strdup (msg->text);
  dln_expr_format_error (text, msg->line, msg->column, caret, sizeof caret);
  if (msg->line > 0)
    return g_strdup_printf (_("Line %d, column %d: %s\n%s"), msg->line,
                            msg->column, msg->text, caret);
  return g_strdup_printf (_("Column %d: %s\n%s"), msg->column, msg->text,
                          caret);
}
