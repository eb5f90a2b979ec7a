/* What a renderer drew (text boxes, legends, series segments), recorded
 * on a cairo context for the tests that check a figure's geometry. */

#include "config.h"

#include "dln-figure-record.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cairo_user_data_key_t record_key;

void
dln_figure_record_attach (cairo_t         *cr,
                          DlnFigureRecord *rec)
{
  cairo_set_user_data (cr, &record_key, rec, NULL);
}

void
dln_figure_record_detach (cairo_t *cr)
{
  cairo_set_user_data (cr, &record_key, NULL, NULL);
}

void
dln_figure_record_clear (DlnFigureRecord *rec)
{
  free (rec->marks);
  memset (rec, 0, sizeof *rec);
}

/* Device-space bounding box of the user-space box (x0, y0)-(x1, y1). */
static void
box_to_device (cairo_t *cr,
               DlnMark *m)
{
  double xs[4] = { m->x0, m->x1, m->x1, m->x0 };
  double ys[4] = { m->y0, m->y0, m->y1, m->y1 };

  m->x0 = m->y0 = INFINITY;
  m->x1 = m->y1 = -INFINITY;
  for (int i = 0; i < 4; i++)
    {
      cairo_user_to_device (cr, &xs[i], &ys[i]);
      m->x0 = fmin (m->x0, xs[i]);
      m->y0 = fmin (m->y0, ys[i]);
      m->x1 = fmax (m->x1, xs[i]);
      m->y1 = fmax (m->y1, ys[i]);
    }
}

void
dln_figure_record_mark (cairo_t       *cr,
                        const DlnMark *mark)
{
  DlnFigureRecord *rec = cairo_get_user_data (cr, &record_key);
  DlnMark m;

  if (rec == NULL)
    return;
  {
    double cx0, cy0, cx1, cy1;

    /* drawn under an empty clip (measuring passes): never seen */
    cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
    if (cx1 <= cx0 || cy1 <= cy0)
      return;
  }
  if (rec->n == rec->capacity)
    {
      size_t cap = rec->capacity > 0 ? 2 * rec->capacity : 256;
      DlnMark *grown = realloc (rec->marks, cap * sizeof *grown);

      if (grown == NULL)
        return;
      rec->marks = grown;
      rec->capacity = cap;
    }
  m = *mark;
  if (m.kind == DLN_MARK_SERIES)
    {
      double hw = m.half_width, zero = 0;

      cairo_user_to_device (cr, &m.x0, &m.y0);
      cairo_user_to_device (cr, &m.x1, &m.y1);
      cairo_user_to_device_distance (cr, &hw, &zero);
      m.half_width = hypot (hw, zero);
    }
  else
    {
      double sz = m.size, zero = 0;

      box_to_device (cr, &m);
      cairo_user_to_device_distance (cr, &sz, &zero);
      m.size = hypot (sz, zero);
    }
  rec->marks[rec->n++] = m;
}

void
dln_figure_record_text (cairo_t    *cr,
                        const char *text,
                        double      size,
                        double      x0,
                        double      y0,
                        double      x1,
                        double      y1)
{
  DlnMark m = { DLN_MARK_TEXT };

  m.x0 = x0;
  m.y0 = y0;
  m.x1 = x1;
  m.y1 = y1;
  m.size = size;
  snprintf (m.text, sizeof m.text, "%s", text);
  dln_figure_record_mark (cr, &m);
}

void
dln_figure_record_layout (cairo_t     *cr,
                          PangoLayout *layout,
                          double       size)
{
  PangoRectangle ink;
  double x, y, x0, y0;

  if (cairo_get_user_data (cr, &record_key) == NULL)
    return;
  pango_layout_get_extents (layout, &ink, NULL);
  cairo_get_current_point (cr, &x, &y);
  x0 = x + (double) ink.x / PANGO_SCALE;
  y0 = y + (double) ink.y / PANGO_SCALE;
  dln_figure_record_text (cr, pango_layout_get_text (layout), size, x0, y0,
                          x0 + (double) ink.width / PANGO_SCALE,
                          y0 + (double) ink.height / PANGO_SCALE);
}
