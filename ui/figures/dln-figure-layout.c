/* The panel layout engine: dln-figure-layout.h. */

#include "config.h"

#include "dln-figure-layout.h"

#include <math.h>
#include <string.h>

/* Sizes within this many user units count as met (rounding). */
#define FIT_SLACK 0.5

/* Gives each of @n items a length in [@min[i], @max[i]] proportional to
 * its weight where no bound binds (len = clamp (t·w, min, max), t found
 * by bisection), using at most @avail in all (@w > 0). When the minimums
 * alone exceed @avail, every item gets less than its minimum. */
static void
share_line (const double *min,
            const double *max,
            const double *w,
            size_t        n,
            double        avail,
            double       *len)
{
  double sum_min = 0, sum_max = 0, w_min = INFINITY, lo = 0, hi;

  for (size_t i = 0; i < n; i++)
    {
      sum_min += min[i];
      sum_max += max[i];
      w_min = fmin (w_min, w[i]);
    }
  if (sum_min >= avail)
    {
      /* Too small for every minimum: each gives up a factor c^(1/w), so
       * the heavier (key) panels shrink least; c by bisection. */
      double c_lo = 0, c_hi = 1;

      avail = fmax (avail, 0);
      for (int it = 0; it < 60; it++)
        {
          double c = 0.5 * (c_lo + c_hi), sum = 0;

          for (size_t i = 0; i < n; i++)
            sum += min[i] * pow (c, 1 / w[i]);
          if (sum > avail)
            c_hi = c;
          else
            c_lo = c;
        }
      for (size_t i = 0; i < n; i++)
        len[i] = min[i] * pow (c_lo, 1 / w[i]);
      return;
    }
  if (sum_max <= avail)
    {
      memcpy (len, max, n * sizeof *len);
      return;
    }
  /* At t = hi every unbounded item alone would take all of @avail. */
  hi = avail / w_min;
  for (int it = 0; it < 60; it++)
    {
      double t = 0.5 * (lo + hi), sum = 0;

      for (size_t i = 0; i < n; i++)
        sum += fmin (fmax (t * w[i], min[i]), max[i]);
      if (sum > avail)
        hi = t;
      else
        lo = t;
    }
  for (size_t i = 0; i < n; i++)
    len[i] = fmin (fmax (lo * w[i], min[i]), max[i]);
}

/* Lays @n panels out in one line across @r (side by side when
 * @horizontal, else stacked): @cell[i] receives each panel's cell (plot
 * and decorations, full cross length) and @plot[i] its plot area. Room
 * nobody can use (every panel at its aspect limit) widens the gaps. */
static void
solve_line (DlnRect             r,
            bool                horizontal,
            const DlnPanelSpec *spec,
            size_t              n,
            double              gap,
            DlnRect            *cell,
            DlnRect            *plot)
{
  double min[DLN_LAYOUT_MAX_PANELS], max[DLN_LAYOUT_MAX_PANELS];
  double w[DLN_LAYOUT_MAX_PANELS], len[DLN_LAYOUT_MAX_PANELS];
  double cross_plot[DLN_LAYOUT_MAX_PANELS], ratio[DLN_LAYOUT_MAX_PANELS];
  double main_len = horizontal ? r.width : r.height;
  double cross_len = horizontal ? r.height : r.width;
  double avail = main_len - gap * (double) (n - 1), used = 0, spare, pos;

  for (size_t i = 0; i < n; i++)
    {
      const DlnPanelSpec *s = &spec[i];
      double deco_main = horizontal ? s->deco.left + s->deco.right
                                    : s->deco.top + s->deco.bottom;
      double deco_cross = horizontal ? s->deco.top + s->deco.bottom
                                     : s->deco.left + s->deco.right;
      double min_cross = horizontal ? s->min_height : s->min_width;

      avail -= deco_main;
      cross_plot[i] = fmax (0, cross_len - deco_cross);
      /* main / cross length of the plot area */
      ratio[i] = s->aspect > 0 ? (horizontal ? s->aspect : 1 / s->aspect) : 0;
      min[i] = horizontal ? s->min_width : s->min_height;
      max[i] = INFINITY;
      if (ratio[i] > 0)
        {
          min[i] = fmax (min[i], min_cross * ratio[i]);
          max[i] = cross_plot[i] * ratio[i];
          /* A cross length too short for the minimum: no point taking
           * room along the line that the aspect cannot use. */
          min[i] = fmin (min[i], max[i]);
        }
      w[i] = s->weight > 0 ? s->weight : 1;
    }
  share_line (min, max, w, n, fmax (avail, 0), len);
  for (size_t i = 0; i < n; i++)
    used += len[i];
  spare = fmax (0, avail - used) / (double) n;
  pos = horizontal ? r.x : r.y;
  for (size_t i = 0; i < n; i++)
    {
      const DlnPanelSpec *s = &spec[i];
      double deco_main = horizontal ? s->deco.left + s->deco.right
                                    : s->deco.top + s->deco.bottom;
      double cell_main = len[i] + deco_main + spare;
      double pc = ratio[i] > 0 ? fmin (cross_plot[i], len[i] / ratio[i])
                               : cross_plot[i];
      double lead_main = horizontal ? s->deco.left : s->deco.top;
      double lead_cross = horizontal ? s->deco.top : s->deco.left;
      double cross_room = cross_plot[i] - pc;
      DlnRect c, p;

      if (horizontal)
        {
          c = (DlnRect) { pos, r.y, cell_main, r.height };
          p = (DlnRect) { pos + 0.5 * spare + lead_main,
                          r.y + lead_cross + 0.5 * cross_room, len[i], pc };
        }
      else
        {
          c = (DlnRect) { r.x, pos, r.width, cell_main };
          p = (DlnRect) { r.x + lead_cross + 0.5 * cross_room,
                          pos + 0.5 * spare + lead_main, pc, len[i] };
        }
      cell[i] = c;
      plot[i] = p;
      pos += cell_main + gap;
    }
}

/* The key panel in one cell and the others in a line beside it: @key_first
 * along @horizontal, the group solved across. */
static void
solve_key_group (DlnRect             r,
                 bool                horizontal,
                 const DlnPanelSpec *spec,
                 size_t              n,
                 size_t              key,
                 double              gap,
                 DlnRect            *plot)
{
  DlnPanelSpec pair[2], rest[DLN_LAYOUT_MAX_PANELS] = { { 0 } };
  DlnRect cell2[2], plot2[2], cells[DLN_LAYOUT_MAX_PANELS];
  DlnRect plots[DLN_LAYOUT_MAX_PANELS];
  size_t m = 0;

  memset (&pair[1], 0, sizeof pair[1]);
  pair[0] = spec[key];
  for (size_t i = 0; i < n; i++)
    {
      const DlnPanelSpec *s = &spec[i];

      if (i == key)
        continue;
      rest[m++] = *s;
      pair[1].weight += s->weight > 0 ? s->weight : 1;
      /* the group's smallest extent along the line: its widest member;
       * across it, the members' sum */
      if (horizontal)
        pair[1].min_width = fmax (pair[1].min_width, s->min_width
                                  + s->deco.left + s->deco.right);
      else
        pair[1].min_height = fmax (pair[1].min_height, s->min_height
                                   + s->deco.top + s->deco.bottom);
    }
  solve_line (r, horizontal, pair, 2, gap, cell2, plot2);
  plot[key] = plot2[0];
  solve_line (cell2[1], !horizontal, rest, m, gap, cells, plots);
  m = 0;
  for (size_t i = 0; i < n; i++)
    if (i != key)
      plot[i] = plots[m++];
}

/* Weighted log-area, and how far the panels fall short of their minimums
 * (0 when all fit, else negative). */
static void
score_layout (const DlnPanelSpec *spec,
              size_t              n,
              const DlnRect      *plot,
              double             *score,
              double             *shortfall)
{
  *score = 0;
  *shortfall = 0;
  for (size_t i = 0; i < n; i++)
    {
      double w = spec[i].weight > 0 ? spec[i].weight : 1;
      double fw = spec[i].min_width > 0
                  ? (plot[i].width + FIT_SLACK) / spec[i].min_width : 1;
      double fh = spec[i].min_height > 0
                  ? (plot[i].height + FIT_SLACK) / spec[i].min_height : 1;

      *score += w * log (fmax (plot[i].width * plot[i].height, 1.0));
      *shortfall += w * log (fmax (fmin (fw, 1) * fmin (fh, 1), 1e-6));
    }
}

bool
dln_panel_layout_solve (DlnRect             area,
                        const DlnPanelSpec *spec,
                        size_t              n,
                        size_t              key,
                        unsigned            arrangements,
                        double              gap,
                        DlnPanelLayout     *out)
{
  static const DlnArrangement order[] = {
    DLN_ARRANGE_ROW, DLN_ARRANGE_COLUMN, DLN_ARRANGE_KEY_LEFT,
    DLN_ARRANGE_KEY_TOP,
  };
  double best_short = -INFINITY, best_score = -INFINITY;

  memset (out, 0, sizeof *out);
  if (n == 0)
    return true;
  if (n > DLN_LAYOUT_MAX_PANELS)
    n = DLN_LAYOUT_MAX_PANELS;
  if (key >= n)
    key = 0;
  if (arrangements == 0)
    arrangements = DLN_ARRANGE_ROW;
  /* With two panels the key arrangements are the row and the column. */
  if (n <= 2)
    arrangements &= ~(unsigned) (DLN_ARRANGE_KEY_LEFT | DLN_ARRANGE_KEY_TOP);
  if (arrangements == 0)
    arrangements = DLN_ARRANGE_ROW;

  for (size_t a = 0; a < sizeof order / sizeof order[0]; a++)
    {
      DlnRect plot[DLN_LAYOUT_MAX_PANELS], cell[DLN_LAYOUT_MAX_PANELS];
      double score, shortfall;

      if (!(arrangements & order[a]))
        continue;
      switch (order[a])
        {
        case DLN_ARRANGE_ROW:
          solve_line (area, true, spec, n, gap, cell, plot);
          break;
        case DLN_ARRANGE_COLUMN:
          solve_line (area, false, spec, n, gap, cell, plot);
          break;
        case DLN_ARRANGE_KEY_LEFT:
          solve_key_group (area, true, spec, n, key, gap, plot);
          break;
        case DLN_ARRANGE_KEY_TOP:
        case DLN_ARRANGE_ALL:
        default:
          solve_key_group (area, false, spec, n, key, gap, plot);
          break;
        }
      score_layout (spec, n, plot, &score, &shortfall);
      if (shortfall > best_short
          || (shortfall == best_short && score > best_score))
        {
          best_short = shortfall;
          best_score = score;
          out->arrangement = order[a];
          out->fits = shortfall >= 0;
          out->score = score;
          for (size_t i = 0; i < n; i++)
            {
              const DlnInsets *d = &spec[i].deco;

              out->plot[i] = plot[i];
              out->outer[i] = (DlnRect) {
                plot[i].x - d->left, plot[i].y - d->top,
                plot[i].width + d->left + d->right,
                plot[i].height + d->top + d->bottom };
            }
        }
    }
  return out->fits;
}

double
dln_panel_layout_share (const DlnPanelLayout *lay,
                        size_t                n,
                        size_t                i)
{
  double total = 0;

  if (i >= n || n > DLN_LAYOUT_MAX_PANELS)
    return 0;
  for (size_t j = 0; j < n; j++)
    total += lay->plot[j].width * lay->plot[j].height;
  return total > 0 ? lay->plot[i].width * lay->plot[i].height / total : 0;
}
