#pragma once

#include "dln-figure.h"

/* --- The hierarchy behind the tree data, as a diagram (D13, D17) ---
 * The complete tree of docs/demos.md#tree-generator drawn root left,
 * items right, each inner node named when its category is known, and the
 * network the data trains under it (catalogue entry "tree-diagram"). */

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

DLN_FIGURE_DECLARE_RENDER (tree, DlnTreeDiagramData);
DLN_FIGURE_DECLARE_CSV (tree, DlnTreeDiagramData);

/* The course's categories (docs/demos.md#d13), breadth first: the inner
 * nodes of its 3-level binary tree. */
extern const char *const dln_figure_tree_course_groups[7];

/* dln_figure_tree_fill:
 * @leaf_names: [branches^levels] the items, borrowed
 * @n_features: the data's features, @hidden the net's hidden width
 * @network:    receives the network line (@size bytes), borrowed by @d
 * Sets @d to the @levels x @branches tree of the generator's items, its
 * inner nodes named with the course's categories when the tree is the
 * course's (3 x 2), and the network the data trains under it. */
void      dln_figure_tree_fill   (DlnTreeDiagramData       *d,
                                  int                       levels,
                                  int                       branches,
                                  const char *const        *leaf_names,
                                  size_t                    n_features,
                                  size_t                    hidden,
                                  char                     *network,
                                  size_t                    size);
