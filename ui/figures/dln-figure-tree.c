/* The hierarchy behind the tree data, drawn root left, items right. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-figure-tree.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>

/* Above this many items the leaf names would overlap: dots only. */
#define MAX_NAMED_LEAVES 24

static size_t
count_nodes (int levels,
             int branches,
             size_t *first_leaf)
{
  size_t n = 0, width = 1;

  for (int l = 0; l <= levels; l++)
    {
      if (l == levels && first_leaf != NULL)
        *first_leaf = n;
      n += width;
      width *= (size_t) branches;
    }
  return n;
}

static int
node_level (size_t k,
            int    branches)
{
  int l = 0;

  while (k > 0)
    {
      k = (k - 1) / (size_t) branches;
      l++;
    }
  return l;
}

void
dln_figure_tree_render (cairo_t                  *cr,
                         const DlnFigureStyle     *style,
                         const DlnTreeDiagramData *d,
                         double                    width,
                         double                    height,
                         DlnFigureGeometry        *geom)
{
  size_t first_leaf = 0;
  size_t n = count_nodes (d->levels, d->branches, &first_leaf);
  size_t n_leaves = n - first_leaf;
  g_autofree double *x = g_new0 (double, n);
  g_autofree double *y = g_new0 (double, n);
  double top = style->padding, bottom = height - style->padding;
  double left = style->padding + 8, right = width - style->padding - 8;
  double fs = style->font_size, leaf_w = 0;
  gboolean named = n_leaves <= MAX_NAMED_LEAVES;

  dln_figure_begin (cr, style, width, height, geom);
  dln_color_set_source (cr, style->foreground, 1.0);
  if (d->title != NULL)
    {
      double th = 0;

      dln_figure_text (cr, style, d->title, false, fs * style->title_scale,
                       true, width / 2, top, DLN_ANCHOR_CENTER,
                       DLN_ANCHOR_START, 0, true, NULL, &th);
      top += th + fs;
    }
  if (d->network != NULL)
    {
      double nh = 0;

      dln_figure_text_size (cr, style, d->network, false, fs, false, NULL,
                            &nh);
      dln_figure_text (cr, style, d->network, false, fs, false, width / 2,
                       bottom, DLN_ANCHOR_CENTER, DLN_ANCHOR_END, 0, true,
                       NULL, NULL);
      bottom -= nh + fs;
    }
  if (named)
    for (size_t i = 0; i < n_leaves; i++)
      {
        double w = 0;

        dln_figure_text_size (cr, style, d->leaf_names[i], false, fs, false,
                              &w, NULL);
        leaf_w = MAX (leaf_w, w);
      }
  right -= leaf_w + 6;

  /* leaves evenly down the right; parents at their children's mean */
  for (size_t i = 0; i < n_leaves; i++)
    {
      x[first_leaf + i] = right;
      y[first_leaf + i] = n_leaves > 1
        ? top + (bottom - top) * (double) i / (double) (n_leaves - 1)
        : (top + bottom) / 2;
    }
  for (size_t k = first_leaf; k-- > 0;)
    {
      double sum = 0;

      for (int c = 1; c <= d->branches; c++)
        sum += y[k * (size_t) d->branches + (size_t) c];
      y[k] = sum / d->branches;
      x[k] = left + (right - left) * node_level (k, d->branches)
                    / (double) d->levels;
    }

  cairo_set_line_width (cr, style->axis_width);
  dln_color_set_source (cr, style->muted, 1.0);
  for (size_t k = 1; k < n; k++)
    {
      size_t p = (k - 1) / (size_t) d->branches;

      cairo_move_to (cr, x[p], y[p]);
      cairo_line_to (cr, x[p] + (x[k] - x[p]) / 2, y[p]);
      cairo_line_to (cr, x[p] + (x[k] - x[p]) / 2, y[k]);
      cairo_line_to (cr, x[k], y[k]);
    }
  cairo_stroke (cr);
  for (size_t k = 0; k < n; k++)
    {
      DlnRgba c = dln_figure_style_color (style, k < first_leaf
                                                 ? DLN_COLOR_BLUE
                                                 : DLN_COLOR_PURPLE);

      dln_color_set_source (cr, c, 1.0);
      cairo_arc (cr, x[k], y[k], 3.5, 0, 2 * M_PI);
      cairo_fill (cr);
      dln_color_set_source (cr, style->foreground, 1.0);
      if (k >= first_leaf && named)
        dln_figure_text (cr, style, d->leaf_names[k - first_leaf], false, fs,
                         false, x[k] + 7, y[k], DLN_ANCHOR_START,
                         DLN_ANCHOR_CENTER, 0, true, NULL, NULL);
      else if (k < first_leaf && d->node_names != NULL
               && d->node_names[k] != NULL)
        dln_figure_text (cr, style, d->node_names[k], false, 0.9 * fs, false,
                         x[k] + 4, y[k] - 4, DLN_ANCHOR_START,
                         DLN_ANCHOR_END, 0, true, NULL, NULL);
    }
  cairo_restore (cr);
  /* one node-link panel over the tree, in pixels */
  if (geom != NULL)
    {
      DlnPlotPanel *p = &geom->panels[geom->n_panels++];

      p->kind = DLN_PANEL_GRAPH;
      snprintf (p->name, sizeof p->name, "tree");
      p->x = p->x_min = left;
      p->y = p->y_min = top;
      p->width = right - left;
      p->height = bottom - top;
      p->x_max = right;
      p->y_max = bottom;
    }
}

DlnStatus
dln_figure_tree_csv (FILE                     *out,
                      const DlnTreeDiagramData *d,
                      DlnMessage               *msg)
{
  size_t first_leaf = 0;
  size_t n = count_nodes (d->levels, d->branches, &first_leaf);

  fputs ("node,parent,level,name\n", out);
  for (size_t k = 0; k < n; k++)
    {
      const char *name = k >= first_leaf ? d->leaf_names[k - first_leaf]
                         : d->node_names != NULL ? d->node_names[k] : NULL;

      if (k == 0)
        fprintf (out, "0,,0,");
      else
        fprintf (out, "%zu,%zu,%d,", k, (k - 1) / (size_t) d->branches,
                 node_level (k, d->branches));
      dln_csv_write_string (out, name != NULL ? name : "");
      fputc ('\n', out);
    }
  return dln_csv_finish (out, "tree", msg);
}

const char *const dln_figure_tree_course_groups[7] = {
  N_("living things"), N_("animals"), N_("plants"), N_("fish"), N_("birds"),
  N_("flowers"), N_("trees"),
};

void
dln_figure_tree_fill (DlnTreeDiagramData *d,
                      int                 levels,
                      int                 branches,
                      const char *const  *leaf_names,
                      size_t              n_features,
                      size_t              hidden,
                      char               *network,
                      size_t              size)
{
  size_t n_items = 1;

  for (int l = 0; l < levels; l++)
    n_items *= (size_t) branches;
  d->levels = levels;
  d->branches = branches;
  d->leaf_names = leaf_names;
  d->node_names = levels == 3 && branches == 2 ? dln_figure_tree_course_groups
                                               : NULL;
  snprintf (network, size, _("Network from D14 on: %zu → %zu → %zu"), n_items,
            hidden, n_features);
  d->network = network;
}
