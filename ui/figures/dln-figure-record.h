#pragma once

/* What a renderer drew, for tests that check its geometry: attach a
 * record to a cairo context and the text, legends and series drawn on it
 * are appended to it (dln-figure-record.c). */

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stddef.h>

typedef enum
{
  DLN_MARK_TEXT = 0,  /* a dln_figure_text () call: ink box, size, text */
  DLN_MARK_LEGEND,    /* a legend's box */
  DLN_MARK_SERIES,    /* one drawn segment of a series (or a point) */
  DLN_MARK_CATEGORIES,/* a categorical axis: its names, how many drawn */
} DlnMarkKind;

typedef struct
{
  DlnMarkKind kind;
  double      x0, y0, x1, y1;  /* device units: the box (TEXT, LEGEND) or
                                * the segment's ends (SERIES) */
  double      half_width;      /* SERIES: half the stroke, device units */
  double      size;            /* TEXT: font size, device units */
  char        text[64];        /* TEXT: the plain text (markup removed) */
  size_t      n_named;         /* CATEGORIES: names drawn ... */
  size_t      n_categories;    /* ... of this many */
} DlnMark;

typedef struct
{
  DlnMark *marks;
  size_t   n, capacity;
} DlnFigureRecord;

/* dln_figure_record_attach:
 * From now on, text, legends and series drawn on @cr are appended to
 * @rec (borrowed; detach before freeing it). Renderers stay pure: they
 * draw the same with or without a record. */
void    dln_figure_record_attach     (cairo_t              *cr,
                                      DlnFigureRecord      *rec);
void    dln_figure_record_detach     (cairo_t              *cr);
/* dln_figure_record_clear:
 * Frees @rec's marks and empties it. */
void    dln_figure_record_clear      (DlnFigureRecord      *rec);
/* dln_figure_record_text:
 * For text a renderer shows with its own Pango layout: records @text at
 * @size in the user-space box (@x0, @y0)-(@x1, @y1). */
void    dln_figure_record_text       (cairo_t              *cr,
                                      const char           *text,
                                      double                size,
                                      double                x0,
                                      double                y0,
                                      double                x1,
                                      double                y1);
/* dln_figure_record_mark:
 * Appends @mark to @cr's record, if any, converting its user-space
 * coordinates to device units first. */
void    dln_figure_record_mark       (cairo_t              *cr,
                                      const DlnMark        *mark);
/* dln_figure_record_layout:
 * Records the ink box of @layout, about to be shown at the current point
 * at font @size. */
void    dln_figure_record_layout     (cairo_t              *cr,
                                      PangoLayout          *layout,
                                      double                size);
