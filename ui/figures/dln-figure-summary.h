#pragma once

#include "dln-figure-export.h"

#include <glib.h>

G_BEGIN_DECLS

/* --- Figure summaries: a figure's key numbers in words ---
 * What a screen reader says about a figure (its accessible description),
 * built from the data its CSV export writes, so it covers every figure
 * and always agrees with what is drawn and exported. */

/* dln_figure_summary:
 * @title: (nullable) what the figure shows, said first
 * @csv:   (nullable) the figure's CSV writer; NULL gives the title alone
 * @data:  what @csv writes
 * @max_columns: numeric columns described at most (the first ones)
 * Returns: (transfer full) e.g. "Training loss. 250 data rows. epoch: 0
 * rising to 249 (lowest 0, highest 249); loss: 0.695 falling to 0.0123
 * (lowest 0.0123, highest 0.695)." Never NULL; a failed CSV says so. */
char *dln_figure_summary (const char       *title,
                          DlnFigureCsvFunc  csv,
                          const void       *data,
                          guint             max_columns);

G_END_DECLS
