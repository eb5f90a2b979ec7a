#define G_LOG_DOMAIN "dln-tree-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-tree-page.h"


#include <adwaita.h>

static void
import_path (DlnTreePage *self,
             const char  *path)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (dln_tree_page_import_csv (self, path, &error))
    {
      g_message ("Imported %s", path);
      return;
    }
  g_message ("Import failed: %s", error->message);
  if (GTK_IS_WINDOW (root))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (root),
                                                  _("Import Failed"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close",
                                       _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  DlnTreePage *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        import_path (self, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

/* tree.import-csv-from ("PATH"): no file chooser (win.import-csv-from,
 * scripts, tests) */
static void
import_from_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  import_path (DLN_TREE_PAGE (widget), g_variant_get_string (parameter, NULL));
}

/* tree.import-csv (Ctrl+I): a GtkFileChooserNative. */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  chooser = gtk_file_chooser_native_new (_("Import a Dataset"),
                                         GTK_IS_WINDOW (root)
                                         ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("CSV: items × features (*.csv)"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb),
                    g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* tree.use-generator: back to the tree generator after an import. */
static void
generator_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  dln_tree_page_import_csv (DLN_TREE_PAGE (widget), NULL, NULL);
}

void
dln_tree_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "tree.import-csv", NULL,
                                   import_action);
  gtk_widget_class_install_action (widget_class, "tree.import-csv-from", "s",
                                   import_from_action);
  gtk_widget_class_install_action (widget_class, "tree.use-generator", NULL,
                                   generator_action);
}
