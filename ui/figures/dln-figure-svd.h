#pragma once

/* The SVD of a data matrix A = U S Vᵀ as three panels (D15's "data SVD"
 * app addition): U with row names, the singular values, Vᵀ with column
 * names; signed entries in the diverging map, symmetric about 0. */

#include "dln-figure.h"

typedef struct
{
  const char        *title;        /* (nullable) figure title */
  size_t             m, n, k;      /* A is [m, n]; k modes shown */
  const double      *u;            /* [m, k] */
  const double      *s;            /* [k] descending */
  const double      *vt;           /* [k, n] */
  const double      *s_reference;  /* (nullable) [k] expected values, × */
  const char *const *row_names;    /* (nullable) [m] */
  const char *const *col_names;    /* (nullable) [n]; unlabelled if n > 64 */
  const char        *u_title;      /* (nullable) */
  const char        *vt_title;     /* (nullable) */
} DlnSvdData;

/* dln_figure_svd_render:
 * Panels "u", "s", "vt" and a colour bar for U and Vᵀ (shared range
 * ±max |entry|). Renderer contract: dln-figure.h. */
DLN_FIGURE_DECLARE_RENDER (svd, DlnSvdData);

/* dln_figure_svd_drawn_column:
 * The data's column drawn at position @drawn of the Vᵀ panel: more than
 * DLN_AXES_MAX_CATEGORIES columns are drawn sorted by their signs on the
 * modes (an honest summary of thousands of features), fewer in order.
 * Returns FALSE when @drawn is out of range (or out of memory). */
bool       dln_figure_svd_drawn_column (const DlnSvdData *data,
                                        size_t            drawn,
                                        size_t           *column);

/* dln_figure_svd_csv:
 * Three blocks separated by blank lines: "mode,s[,reference]"; "row,u1..uk";
 * "mode,<columns>" (Vᵀ). */
DLN_FIGURE_DECLARE_CSV (svd, DlnSvdData);
