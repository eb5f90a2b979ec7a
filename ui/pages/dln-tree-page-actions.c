#define G_LOG_DOMAIN "dln-tree-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-tree-page.h"

#include "dln-ui.h"

#include <adwaita.h>

static void
import_path (DlnTreePage *self,
             const char  *path)
{
  g_autoptr(GError) error = NULL;

  if (!dln_tree_page_import_csv (self, path, &error))
    {
      g_message ("Import failed: %s", error->message);
      dln_ui_show_error (GTK_WIDGET (self), _("Import Failed"), error->message);
      return;
    }
  g_message ("Imported %s", path);
}

static void
import_file (GFile    *file,
             gpointer  user_data)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    import_path (DLN_TREE_PAGE (user_data), path);
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

/* tree.import-csv (Ctrl+I): through a file chooser. */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlnUiFileChoice choice = {
    GTK_FILE_CHOOSER_ACTION_OPEN, _("Import a Dataset"), _("_Import"),
    _("CSV: items × features (*.csv)"), "*.csv", NULL
  };

  dln_ui_choose_file (widget, &choice, import_file, widget);
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
