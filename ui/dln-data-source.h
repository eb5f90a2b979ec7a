#pragma once

#include <gtk/gtk.h>

#include "dln-dataset.h"

G_BEGIN_DECLS

/* --- DlnDataSource: the Tutorial 3 training data of one window ---
 * Either the tree generator (each page draws it with its own data seed)
 * or the user's own items × features, imported on the tree page: then
 * every Tutorial 3 page (dynamics, data SVD, RSA, illusory correlations)
 * trains on exactly those values, with the file's item and feature names.
 * One source belongs to each window (dln_data_source_for_widget ()); the
 * tree page writes it, the other pages read it and follow "changed". */

#define DLN_TYPE_DATA_SOURCE (dln_data_source_get_type ())
G_DECLARE_FINAL_TYPE (DlnDataSource, dln_data_source, DLN, DATA_SOURCE,
                      GObject)

DlnDataSource    *dln_data_source_for_widget   (GtkWidget        *widget);
const DlnDataset *dln_data_source_get_imported (DlnDataSource    *self);
guint             dln_data_source_get_serial   (DlnDataSource    *self);
gboolean          dln_data_source_set_imported (DlnDataSource    *self,
                                                const DlnDataset *dataset,
                                                const char       *origin,
                                                GError          **error);
char             *dln_data_source_describe     (DlnDataSource    *self);
DlnStatus         dln_data_source_build        (DlnDataSource    *self,
                                                guint64           seed,
                                                DlnDataset      **out,
                                                DlnMessage       *msg);

G_END_DECLS
