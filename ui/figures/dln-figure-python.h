#pragma once

#include "dln-figure-catalogue.h"

#include <stdbool.h>
#include <stdint.h>

/* --- Python scripts ("show me the code") ---
 * For a catalogue entry and its options, a short, self-contained PyTorch
 * program that reruns the same computation on the CPU in float64 and, with
 * `--csv FILE`, writes the columns of the entry's CSV export. The script is
 * spliced from the fragments in ui/figures/python/ (embedded at build time)
 * after a header and a settings block generated from the options, so the
 * GUI and `dlnlab-cli export NAME --out run.py` write the same bytes for
 * the same options. Data and initial weights come from a transcription of
 * dlnlab's generator (core/dln-rng.c) in the script, or are embedded. */

/* dln_figure_python_supported:
 * Returns true when @entry has a script. */
bool        dln_figure_python_supported (const DlnCatalogueEntry *entry);

/* dln_figure_python_script:
 * @args: validated options of @entry (dln_figure_args_set)
 * Returns the script (free with g_free), or NULL with the reason in @msg
 * when @entry has none or @args asks for what it cannot reproduce. */
char       *dln_figure_python_script    (const DlnCatalogueEntry *entry,
                                         const DlnFigureArgs     *args,
                                         DlnMessage              *msg);

/* dln_figure_python_export:
 * Writes the script to @path atomically (a temporary, then renamed).
 * Returns DLN_STATUS_OK, DLN_STATUS_INVALID_INPUT (no script for @entry
 * and @args)
 * or DLN_STATUS_IO (@msg names the path and the reason). */
DlnStatus   dln_figure_python_export    (const char              *path,
                                         const DlnCatalogueEntry *entry,
                                         const DlnFigureArgs     *args,
                                         DlnMessage              *msg);

/* dln_figure_python_set_double:
 * Sets option @name of @args to @v written as the shortest decimal that
 * reads back as @v (1e-12, not 9.9999999999999998e-13), so a page's
 * computed value shows as the user would type it. Returns what
 * dln_figure_args_set () returns. */
DlnStatus   dln_figure_python_set_double (DlnFigureArgs          *args,
                                          const char             *name,
                                          double                  v,
                                          DlnMessage             *msg);

/* dln_figure_python_set_doubles:
 * Sets options @names[0 .. n-1] of @args to @values as
 * dln_figure_python_set_double () does (integers read as integers), up
 * to the first refusal. Returns what the last call returned. */
DlnStatus   dln_figure_python_set_doubles (DlnFigureArgs          *args,
                                           const char *const      *names,
                                           const double           *values,
                                           size_t                  n,
                                           DlnMessage             *msg);

/* dln_figure_python_set_run:
 * Sets options "epochs" and "seed" of @args, a training run's length and
 * seed. Returns what dln_figure_args_set () returns. */
DlnStatus   dln_figure_python_set_run     (DlnFigureArgs          *args,
                                           size_t                  epochs,
                                           uint64_t                seed,
                                           DlnMessage             *msg);

/* dln_figure_python_format_double:
 * Writes @v into @buf (G_ASCII_DTOSTR_BUF_SIZE bytes) as the shortest
 * decimal that reads back as @v, in the C locale. Returns @buf. */
char       *dln_figure_python_format_double (char                *buf,
                                             double               v);
