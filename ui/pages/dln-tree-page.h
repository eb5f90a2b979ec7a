#pragma once

#include "dln-demo-page.h"

G_BEGIN_DECLS

/* --- D13 Tree dataset viewer (docs/demos.md) ---
 * The Tutorial 3 task: the one-hot labels and the named 8 × 10 table
 * (illustration only), the sampled ±1 training matrix from the tree
 * generator with its parameters and seed, the empirical item correlation
 * Y·Yᵀ/N beside its expected value, and import of the user's own CSV
 * (items × features) with errors that name file, line and column.
 * Properties (saved in sessions): "levels", "branches", "p-flip",
 * "p-flip-root", "n-features", "seed" and "csv-path" (an imported file,
 * or empty for the generator). */

#define DLN_TYPE_TREE_PAGE (dln_tree_page_get_type ())
G_DECLARE_FINAL_TYPE (DlnTreePage, dln_tree_page, DLN, TREE_PAGE, DlnDemoPage)

gboolean dln_tree_page_import_csv (DlnTreePage *self,
                                   const char  *path,
                                   GError     **error);

/* --- Actions (dln-tree-page-actions.c) --- */
void     dln_tree_page_class_actions_init (GtkWidgetClass *widget_class);

G_END_DECLS
