#pragma once

#include "dln-figure-export.h"

#include <glib.h>

G_BEGIN_DECLS

/* --- Figure summaries: a figure's key numbers in words ---
 * What a screen reader says about a figure (its accessible description),
 * built from the data its CSV writer writes, so it covers every figure
 * and always agrees with what is drawn and exported. The writer's numbers
 * reach it as doubles (dln_figure_summary_take_double), never printed and
 * parsed back. */

/* dln_figure_summary:
 * @title: (nullable) what the figure shows, said first
 * @csv:   (nullable) the figure's CSV writer; NULL gives the title alone
 * @data:  what @csv writes
 * @max_columns: sentences at most (one per numeric column described)
 * Each block of the CSV (a header row and its rows, up to a blank line)
 * is read as series against its first increasing column (a text first
 * column names the series), or as a table of values.
 * Returns: (transfer full) sentences, e.g. "Training loss. loss falls in
 * four stages: 0.695 at epoch 90, 0.41 at epoch 200, 0.16 at epoch 320,
 * 0.05 at epoch 480; it ends at 0.0123 at epoch 999." Never NULL; a
 * failed CSV says so. */
char *dln_figure_summary (const char       *title,
                          DlnFigureCsvFunc  csv,
                          const void       *data,
                          guint             max_columns);

/* dln_figure_summary_take_double:
 * For dln_csv_write_double (): when @out is the stream a summary is
 * reading (on this thread), hands @v over as a number and returns TRUE;
 * otherwise FALSE (write it as text). */
gboolean dln_figure_summary_take_double (FILE   *out,
                                         double  v);

G_END_DECLS
