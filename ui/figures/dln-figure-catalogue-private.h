#pragma once

/* Helpers shared by the catalogue builders (dln-figure-catalogue-*.c,
 * defined in dln-figure-catalogue-gradients.c unless said otherwise) and
 * the animation's step plan. */

#include "dln-arena.h"
#include "dln-expr.h"
#include "dln-graph.h"
#include "dln-figure-catalogue.h"
#include "dln-figure-curves.h"

/* Arena for one figure's engine run: the largest user is a surface
 * expression (a 4 KiB expression's tape) or the D04 network (1 537
 * weights, momentum and 32 × 512 activations): far below 16 MiB. */
#define DLN_CATALOGUE_ARENA_BYTES (16u << 20)

/* A render wrapper with the catalogue's type-erased signature. */
#define DLN_CATALOGUE_WRAP(kind, Type)                                      \
  static void                                                               \
  render_##kind (cairo_t *cr, const DlnFigureStyle *style,                  \
                 const void *data, double w, double h,                      \
                 DlnFigureGeometry *geom)                                   \
  {                                                                         \
    dln_figure_##kind##_render (cr, style, (const Type *) data, w, h,       \
                                geom);                                      \
  }

/* A render and a CSV wrapper, render_@name and csv_@name, for a figure
 * struct @Figure whose member "data" is what dln_figure_@kind_render ()
 * and dln_figure_@kind_csv () draw. */
#define DLN_CATALOGUE_WRAP_DATA(name, kind, Figure)                         \
  static void                                                               \
  render_##name (cairo_t *cr, const DlnFigureStyle *style,                  \
                 const void *data, double w, double h,                      \
                 DlnFigureGeometry *geom)                                   \
  {                                                                         \
    dln_figure_##kind##_render (cr, style, &((const Figure *) data)->data,  \
                                w, h, geom);                                \
  }                                                                         \
  static DlnStatus                                                          \
  csv_##name (FILE *out, const void *data, DlnMessage *msg)                 \
  {                                                                         \
    return dln_figure_##kind##_csv (out, &((const Figure *) data)->data,    \
                                    msg);                                   \
  }

/* dln_catalogue_parse_assignments:
 * Parses "NAME=VALUE,NAME=VALUE" (C locale numbers) into @names / @values
 * (at most @max). Returns the count, or -1 with @msg naming --@option. */
int        dln_catalogue_parse_assignments (const char  *text,
                                            const char  *option,
                                            char         names[][DLN_EXPR_MAX_NAME + 1],
                                            double      *values,
                                            int          max,
                                            DlnMessage  *msg);

/* dln_catalogue_parse_points:
 * Parses "X,Y;X,Y;..." into at most @max points. Returns the count, or -1
 * with @msg naming --@option and the bad point. */
int        dln_catalogue_parse_points      (const char  *text,
                                            const char  *option,
                                            double      *px,
                                            double      *py,
                                            int          max,
                                            DlnMessage  *msg);

/* dln_catalogue_build_arena:
 * A DLN_CATALOGUE_ARENA_BYTES arena, or NULL with @msg set. */
DlnArena  *dln_catalogue_build_arena       (DlnMessage  *msg);

/* dln_catalogue_expr_graph:
 * A dln_catalogue_build_arena () arena holding @text parsed into *@expr
 * and its graph *@g; NULL with *@status and @msg set when either fails. */
DlnArena  *dln_catalogue_expr_graph        (const char  *text,
                                            DlnExpr    **expr,
                                            DlnGraph   **g,
                                            DlnStatus   *status,
                                            DlnMessage  *msg);

/* dln_catalogue_frame_check:
 * For an animation frame (DlnFigureFrameFunc): whether @value is within
 * the built run's @first ... @last epochs; FALSE with @msg saying so. */
bool       dln_catalogue_frame_check       (long         value,
                                            long         first,
                                            size_t       last,
                                            DlnMessage  *msg);

/* dln_catalogue_instance_set:
 * Fills @out with @data, its functions and @entry's default size. */
void       dln_catalogue_instance_set      (DlnFigureInstance       *out,
                                            const DlnCatalogueEntry *entry,
                                            void                    *data,
                                            DlnFigureRenderFunc      render,
                                            DlnFigureCsvFunc         csv,
                                            void                   (*free_fn) (void *));

/* --- Learning curves (defined in dln-figure-catalogue-depth.c) --- */

#define DLN_CATALOGUE_MAX_CURVES 8

/* Loss curves of runs over their epochs, the losses in the figure's own
 * block: the D08-D12 chains and the D14 course run. */
typedef struct
{
  DlnCurvesData data;
  DlnCurve      curves[DLN_CATALOGUE_MAX_CURVES];
  char          title[192];
  char          labels[DLN_CATALOGUE_MAX_CURVES][64];
  size_t        n_run;   /* epochs of the runs */
  double        loss[];  /* [n_curves, epochs] */
} DlnCatalogueCurves;

/* dln_catalogue_curves_frame:
 * A DlnCatalogueCurves' animation frame (DlnFigureFrameFunc): the runs'
 * first @value epochs, which are the runs of @value epochs (the same
 * data, seed and steps). */
DlnStatus  dln_catalogue_curves_frame      (void        *data,
                                            long         value,
                                            DlnMessage  *msg);
