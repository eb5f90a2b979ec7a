#pragma once

#include "dln-figure.h"

/* --- The hierarchy behind the tree data, as a diagram (D13) ---
 * A page-private figure (the catalogue has no tree diagram): the complete
 * tree of docs/demos.md#tree-generator drawn root left, items right, each inner
 * node named when the page knows its category, and the network the data
 * trains under it. Same contract as ui/figures renderers. */

typedef struct
{
  int                levels;       /* below the root, >= 1 */
  int                branches;     /* children per node, >= 2 */
  const char *const *leaf_names;   /* [branches^levels] */
  const char *const *node_names;   /* (nullable) [inner nodes], breadth
                                    * first; NULL entries unnamed */
  const char        *title;        /* (nullable) */
  const char        *network;      /* (nullable) one line under the tree */
} DlnTreeDiagramData;

void      dln_tree_diagram_render (cairo_t                  *cr,
                                   const DlnFigureStyle     *style,
                                   const DlnTreeDiagramData *data,
                                   double                    width,
                                   double                    height,
                                   DlnFigureGeometry        *geom);
DlnStatus dln_tree_diagram_csv    (FILE                     *out,
                                   const DlnTreeDiagramData *data,
                                   DlnMessage               *msg);
