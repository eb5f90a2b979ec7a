/* Axes: nice ticks, panel layout (labels never overlap), frame, grid and
 * the data <-> pixel mapping every series uses. (Over 800 lines: layout
 * needs the tick labels' sizes, so ticks and layout stay one module.) */

#include "config.h"

#include "dln-plot-axes.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Relative slack when deciding whether a tick lies inside the range, so
 * 0.1 + 0.2 style rounding does not drop an end tick (in tick steps). */
#define TICK_EPS 1e-9

/* --- Tick labels --- */

static const char *const superscript[10] = {
  "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹",
};

/* Appends 10^e as "10⁻⁵" to @buf (size 32). */
static void
append_power (char *buf,
              int   e)
{
  char digits[16];
  int n;

  strcat (buf, "10");
  if (e < 0)
    strcat (buf, "⁻");
  n = snprintf (digits, sizeof digits, "%d", e < 0 ? -e : e);
  for (int i = 0; i < n; i++)
    strcat (buf, superscript[digits[i] - '0']);
}

/* Replaces a leading ASCII '-' with U+2212 MINUS SIGN. */
static void
unicode_minus (char buf[32])
{
  if (buf[0] == '-')
    {
      char tmp[32];

      snprintf (tmp, sizeof tmp, "−%s", buf + 1);
      strcpy (buf, tmp);
    }
}

char *
dln_format_number (char   buf[32],
                   double v,
                   int    decimals)
{
  if (decimals < 0)
    decimals = 0;
  if (decimals > 12)
    decimals = 12;
  if (!isfinite (v))
    {
      strcpy (buf, isnan (v) ? "NaN" : v > 0 ? "∞" : "−∞");
      return buf;
    }
  snprintf (buf, 32, "%.*f", decimals, v);
  /* "-0" and "-0.00" read as noise: print zero plainly. */
  if (strspn (buf, "-0.") == strlen (buf))
    snprintf (buf, 32, "%.*f", decimals, 0.0);
  unicode_minus (buf);
  return buf;
}

static int
decimals_for_step (double step)
{
  int d = (int) -floor (log10 (step) + TICK_EPS);

  return d < 0 ? 0 : d;
}

/* --- Ticks --- */

static double
nice_step_at_least (double raw)
{
  double p = pow (10.0, floor (log10 (raw)));
  static const double m[] = { 1, 2, 5, 10 };

  for (size_t i = 0; i < 4; i++)
    if (m[i] * p >= raw * (1 - TICK_EPS))
      return m[i] * p;
  return 10 * p;
}

void
dln_ticks_linear (DlnTicks *ticks,
                  double    lo,
                  double    hi,
                  int       max_ticks)
{
  double step, first, amax;
  long i0, i1;
  bool sci;
  int dec, e = 0;

  memset (ticks, 0, sizeof *ticks);
  if (!(isfinite (lo) && isfinite (hi) && hi > lo))
    return;
  if (max_ticks < 2)
    max_ticks = 2;
  if (max_ticks > DLN_TICKS_MAX)
    max_ticks = DLN_TICKS_MAX;
  /* The smallest 1-2-5 step giving at most max_ticks ticks. A step s puts
   * at least floor (span / s) ticks in the range, so s > span /
   * (max_ticks + 1): start from there and step up the sequence (starting
   * from span / max_ticks can skip a step that fits, leaving one tick). */
  step = nice_step_at_least ((hi - lo) / (double) (max_ticks + 1));
  for (;;)
    {
      i0 = (long) ceil (lo / step - TICK_EPS);
      i1 = (long) floor (hi / step + TICK_EPS);
      if (i1 - i0 + 1 <= max_ticks)
        break;
      step = nice_step_at_least (step * 1.5);
    }
  ticks->step = step;
  amax = fmax (fabs (lo), fabs (hi));
  sci = amax >= 1e5 || step < 1e-4;
  if (sci)
    e = (int) floor (log10 (amax));
  dec = decimals_for_step (sci ? step / pow (10.0, e) : step);
  first = (double) i0 * step;
  (void) first;
  for (long i = i0; i <= i1 && ticks->n < DLN_TICKS_MAX; i++)
    {
      double v = (double) i * step;
      char *l = ticks->label[ticks->n];

      if (fabs (v) < step * TICK_EPS)
        v = 0.0;
      ticks->value[ticks->n] = v;
      if (!sci || v == 0.0)
        dln_format_number (l, v, sci ? 0 : dec);
      else
        {
          double mant = v / pow (10.0, e);

          if (fabs (fabs (mant) - 1.0) < TICK_EPS * 10)
            {
              l[0] = '\0';
              if (mant < 0)
                strcpy (l, "−");
              append_power (l, e);
            }
          else
            {
              dln_format_number (l, mant, dec);
              strcat (l, "×");
              append_power (l, e);
            }
        }
      ticks->n++;
    }
}

void
dln_ticks_log (DlnTicks *ticks,
               double    lo,
               double    hi,
               int       max_ticks)
{
  double a, b;
  int k0, k1, ndec, stride;

  memset (ticks, 0, sizeof *ticks);
  if (!(isfinite (lo) && isfinite (hi) && lo > 0 && hi > lo))
    return;
  if (max_ticks < 2)
    max_ticks = 2;
  a = log10 (lo);
  b = log10 (hi);
  k0 = (int) ceil (a - TICK_EPS);
  k1 = (int) floor (b + TICK_EPS);
  ndec = k1 - k0 + 1;
  if (ndec < 2 && b - a < 1.0)
    {
      /* Inside one decade, decades alone would leave the axis bare. */
      dln_ticks_linear (ticks, lo, hi, max_ticks);
      return;
    }
  stride = (ndec + max_ticks - 1) / max_ticks;
  if (stride < 1)
    stride = 1;
  ticks->step = stride;
  for (int k = k0; k <= k1 && ticks->n < DLN_TICKS_MAX; k++)
    {
      char *l;

      if ((k - k0) % stride != 0)
        {
          if (ticks->n_minor < DLN_TICKS_MAX)
            ticks->minor[ticks->n_minor++] = pow (10.0, k);
          continue;
        }
      l = ticks->label[ticks->n];
      ticks->value[ticks->n] = pow (10.0, k);
      if (k == 0)
        strcpy (l, "1");
      else if (k == 1)
        strcpy (l, "10");
      else if (k == -1)
        strcpy (l, "0.1");
      else
        {
          l[0] = '\0';
          append_power (l, k);
        }
      ticks->n++;
    }
  if (stride == 1 && b - a < 8.0)
    for (int k = k0 - 1; k <= k1; k++)
      for (int m = 2; m <= 9; m++)
        {
          double v = m * pow (10.0, k);

          if (v >= lo * (1 - TICK_EPS) && v <= hi * (1 + TICK_EPS)
              && ticks->n_minor < DLN_TICKS_MAX)
            ticks->minor[ticks->n_minor++] = v;
        }
}

/* --- Configuration --- */

static void
axis_init (DlnAxis *a)
{
  memset (a, 0, sizeof *a);
  a->lo = INFINITY;
  a->hi = -INFINITY;
  a->margin = 0.05;
}

void
dln_axes_init (DlnAxes              *ax,
               cairo_t              *cr,
               const DlnFigureStyle *style,
               DlnRect               outer)
{
  memset (ax, 0, sizeof *ax);
  ax->cr = cr;
  ax->style = style;
  ax->outer = outer;
  axis_init (&ax->x);
  axis_init (&ax->y);
  axis_init (&ax->y2);
  ax->frame = true;
}

void
dln_axes_init_square (DlnAxes              *ax,
                      cairo_t              *cr,
                      const DlnFigureStyle *style,
                      double                width,
                      double                height,
                      double                reserve_right)
{
  double ow = MIN (width, height + reserve_right);

  dln_axes_init (ax, cr, style, (DlnRect) { (width - ow) / 2, 0, ow, height });
  ax->reserve_right = reserve_right;
  ax->equal_aspect = true;
}

void
dln_axes_init_matrix (DlnAxes              *ax,
                      cairo_t              *cr,
                      const DlnFigureStyle *style,
                      DlnRect               outer,
                      size_t                rows,
                      size_t                cols)
{
  dln_axes_init (ax, cr, style, outer);
  ax->image = true;
  ax->equal_aspect = true;
  ax->x.integer = true;
  ax->y.integer = true;
  dln_axes_set_xrange (ax, -0.5, (double) cols - 0.5);
  dln_axes_set_yrange (ax, -0.5, (double) rows - 0.5);
}

/* Labels are translated here, before a long title is wrapped into lines
 * (dln_figure_text () translates whole strings only). */
static void
copy_label (char       *dst,
            size_t      size,
            const char *src)
{
  if (src != NULL && *src != '\0')
    src = g_dgettext (GETTEXT_PACKAGE, src);
  snprintf (dst, size, "%s", src != NULL ? src : "");
}

void
dln_axes_set_title (DlnAxes    *ax,
                    const char *markup)
{
  copy_label (ax->title, sizeof ax->title, markup);
}

void
dln_axes_set_xlabel (DlnAxes    *ax,
                     const char *markup)
{
  copy_label (ax->x.label, sizeof ax->x.label, markup);
}

void
dln_axes_set_ylabel (DlnAxes    *ax,
                     const char *markup)
{
  copy_label (ax->y.label, sizeof ax->y.label, markup);
}

void
dln_axes_set_y2label (DlnAxes    *ax,
                      const char *markup)
{
  copy_label (ax->y2.label, sizeof ax->y2.label, markup);
  ax->has_y2 = true;
}

void
dln_axes_set_xlog (DlnAxes *ax,
                   bool     log)
{
  ax->x.log = log;
}

void
dln_axes_set_ylog (DlnAxes *ax,
                   bool     log)
{
  ax->y.log = log;
}

static void
axis_set_range (DlnAxis *a,
                double   lo,
                double   hi)
{
  if (!(isfinite (lo) && isfinite (hi) && lo < hi))
    return;
  if (a->log && lo <= 0)
    return;
  a->lo = lo;
  a->hi = hi;
  a->fixed = true;
  a->fitted = true;
}

void
dln_axes_set_xrange (DlnAxes *ax,
                     double   lo,
                     double   hi)
{
  axis_set_range (&ax->x, lo, hi);
}

void
dln_axes_set_yrange (DlnAxes *ax,
                     double   lo,
                     double   hi)
{
  axis_set_range (&ax->y, lo, hi);
}

void
dln_axes_set_y2range (DlnAxes *ax,
                      double   lo,
                      double   hi)
{
  ax->has_y2 = true;
  axis_set_range (&ax->y2, lo, hi);
}

void
dln_axes_set_xcategories (DlnAxes           *ax,
                          const char *const *names,
                          size_t             n,
                          double             angle)
{
  ax->x.categories = names;
  ax->x.n_categories = n < DLN_AXES_MAX_CATEGORIES ? n
                                                   : DLN_AXES_MAX_CATEGORIES;
  ax->x.category_angle = angle;
}

void
dln_axes_set_ycategories (DlnAxes           *ax,
                          const char *const *names,
                          size_t             n)
{
  ax->y.categories = names;
  ax->y.n_categories = n < DLN_AXES_MAX_CATEGORIES ? n
                                                   : DLN_AXES_MAX_CATEGORIES;
}

/* What a diverged run's blow-up must exceed, and the room above its head
 * the axis keeps (dln_axes_run_fit_cap). */
#define DIVERGED_BLOWUP   1e3
#define DIVERGED_HEADROOM 10.0

double
dln_axes_run_fit_cap (const double *v,
                      size_t        n)
{
  size_t last = n, start;
  double head = 0.0;

  if (v == NULL)
    return INFINITY;
  for (size_t i = n; i-- > 0;)
    if (isfinite (v[i]))
      {
        last = i;
        break;
      }
  /* no finite point, or it did not end non-finite: not a divergence */
  if (last == n || last + 1 == n)
    return INFINITY;
  start = last;
  while (start > 0 && isfinite (v[start - 1])
         && fabs (v[start - 1]) < fabs (v[start]))
    start--;
  for (size_t i = 0; i <= start; i++)
    if (isfinite (v[i]))
      head = fmax (head, fabs (v[i]));
  if (!(head > 0.0) || !(fabs (v[last]) > DIVERGED_BLOWUP * head))
    return INFINITY;
  return DIVERGED_HEADROOM * head;
}

static void
axis_fit_capped (DlnAxis      *a,
                 const double *v,
                 size_t        n,
                 double        cap)
{
  if (a->fixed || v == NULL)
    return;
  for (size_t i = 0; i < n; i++)
    {
      if (!isfinite (v[i]) || (a->log && v[i] <= 0) || fabs (v[i]) > cap)
        continue;
      a->lo = fmin (a->lo, v[i]);
      a->hi = fmax (a->hi, v[i]);
      a->fitted = true;
    }
}

/* The x axis over the indices @origin … @origin + @n − 1. */
static void
axis_fit_index (DlnAxis *a,
                double   origin,
                size_t   n)
{
  if (a->fixed || n == 0)
    return;
  a->lo = fmin (a->lo, a->log && origin < 1.0 ? 1.0 : origin);
  a->hi = fmax (a->hi, origin + (double) (n - 1));
  a->fitted = true;
}

/* Fits the x axis to @x (to the indices when only @y is given) and @ya to
 * @y; a run's curves (@run) only within their dln_axes_run_fit_cap (). */
static void
fit_xy (DlnAxes      *ax,
        DlnAxis      *ya,
        const double *x,
        const double *y,
        size_t        n,
        bool          run)
{
  if (x != NULL)
    axis_fit_capped (&ax->x, x, n,
                     run ? dln_axes_run_fit_cap (x, n) : INFINITY);
  else if (y != NULL)
    axis_fit_index (&ax->x, ax->index_origin, n);
  axis_fit_capped (ya, y, n, run ? dln_axes_run_fit_cap (y, n) : INFINITY);
}

void
dln_axes_fit (DlnAxes      *ax,
              const double *x,
              const double *y,
              size_t        n)
{
  fit_xy (ax, &ax->y, x, y, n, false);
}

void
dln_axes_fit_run (DlnAxes      *ax,
                  const double *x,
                  const double *y,
                  size_t        n)
{
  fit_xy (ax, &ax->y, x, y, n, true);
}

void
dln_axes_fit_y2 (DlnAxes      *ax,
                 const double *x,
                 const double *y2,
                 size_t        n)
{
  ax->has_y2 = true;
  fit_xy (ax, &ax->y2, x, y2, n, false);
}

/* --- Layout --- */

static void
axis_finalise (DlnAxis *a)
{
  if (a->fixed)
    return;
  if (!a->fitted)
    {
      a->lo = a->log ? 1.0 : 0.0;
      a->hi = a->log ? 10.0 : 1.0;
      return;
    }
  if (a->log)
    {
      double l = log10 (a->lo), h = log10 (a->hi), m;

      if (h - l < 1e-12)
        {
          l -= 0.5;
          h += 0.5;
        }
      m = a->margin * (h - l);
      a->lo = pow (10.0, l - m);
      a->hi = pow (10.0, h + m);
    }
  else
    {
      double m;

      if (a->hi - a->lo <= 1e-12 * fmax (1.0, fabs (a->hi)))
        {
          double d = a->hi != 0 ? 0.1 * fabs (a->hi) : 0.5;

          a->lo -= d;
          a->hi += d;
        }
      m = a->margin * (a->hi - a->lo);
      a->lo -= m;
      a->hi += m;
    }
}

static void
axis_ticks (DlnAxis *a,
            int      max_ticks)
{
  if (a->categories != NULL)
    {
      memset (&a->ticks, 0, sizeof a->ticks);
      for (size_t i = 0; i < a->n_categories; i++)
        {
          a->ticks.value[i] = (double) i;
          snprintf (a->ticks.label[i], sizeof a->ticks.label[i], "%s",
                    a->categories[i]);
        }
      a->ticks.n = a->n_categories;
      a->ticks.step = 1;
      return;
    }
  if (a->max_ticks > 0 && a->max_ticks < max_ticks)
    max_ticks = a->max_ticks;
  if (a->log)
    dln_ticks_log (&a->ticks, a->lo, a->hi, max_ticks);
  else
    dln_ticks_linear (&a->ticks, a->lo, a->hi, max_ticks);
  if (a->integer && !a->log && a->ticks.step < 1)
    {
      /* Cell indices: whole numbers only, every one if they fit. */
      dln_ticks_linear (&a->ticks, ceil (a->lo), floor (a->hi),
                        (int) fmin (max_ticks, floor (a->hi) - ceil (a->lo) + 1));
      if (a->ticks.step < 1)
        dln_ticks_linear (&a->ticks, ceil (a->lo), ceil (a->lo) + 1, 2);
    }
}

/* The size tick labels of @a are drawn at. */
static double
tick_font (const DlnAxes *ax,
           const DlnAxis *a)
{
  return a->tick_font > 0 ? a->tick_font : ax->style->font_size;
}

/* Largest label width / height of an axis' ticks (rotation applied). */
static void
ticks_extent (const DlnAxes *ax,
              const DlnAxis *a,
              double         angle,
              double        *w_max,
              double        *h_max)
{
  const DlnFigureStyle *st = ax->style;

  *w_max = 0;
  *h_max = 0;
  if (a->hidden || a->no_tick_labels)
    return;
  for (size_t i = 0; i < a->ticks.n; i++)
    {
      double w, h;

      dln_figure_text_size (ax->cr, st, a->ticks.label[i], false,
                            tick_font (ax, a), false, &w, &h);
      if (fabs (angle) > 45)
        {
          double t = w;

          w = h;
          h = t;
        }
      *w_max = fmax (*w_max, w);
      *h_max = fmax (*h_max, h);
    }
}

static double
axis_map (const DlnAxis *a,
          double         v,
          double         p0,
          double         p1)
{
  double lo = a->lo, hi = a->hi;

  if (a->log)
    {
      if (!(v > 0))
        return NAN;
      v = log10 (v);
      lo = log10 (lo);
      hi = log10 (hi);
    }
  return p0 + (v - lo) / (hi - lo) * (p1 - p0);
}

/* True when the tick labels of @a overlap along the axis when placed on
 * [p0, p1] (horizontal: widths; vertical: heights), with a gap of half a
 * font size between neighbours. */
static bool
labels_overlap_gap (const DlnAxes *ax,
                    const DlnAxis *a,
                    double         p0,
                    double         p1,
                    bool           horizontal,
                    double         angle,
                    double         gap)
{
  const DlnFigureStyle *st = ax->style;
  double prev_end = -INFINITY;

  for (size_t i = 0; i < a->ticks.n; i++)
    {
      double w, h, ext, c;

      if (a->ticks.label[i][0] == '\0')
        continue;
      dln_figure_text_size (ax->cr, st, a->ticks.label[i], false,
                            tick_font (ax, a), false, &w, &h);
      ext = horizontal == (fabs (angle) <= 45) ? w : h;
      c = axis_map (a, a->ticks.value[i], p0, p1);
      if (!horizontal)
        c = -c;
      if (c - 0.5 * ext < prev_end + gap)
        return true;
      prev_end = c + 0.5 * ext;
    }
  return false;
}

static bool
labels_overlap (const DlnAxes *ax,
                const DlnAxis *a,
                double         p0,
                double         p1,
                bool           horizontal,
                double         angle)
{
  return labels_overlap_gap (ax, a, p0, p1, horizontal, angle,
                             0.5 * tick_font (ax, a));
}

/* Category names must all be drawn: for @len units, shrink them (to the
 * text floor), then turn x names vertical when @may_rotate, then close
 * the gaps between them. Only a span too short even for that (which the
 * layout engine's minimum cell size rules out) labels every stride-th
 * name, keeping a tick on every category. */
static void
thin_categories (DlnAxes *ax,
                 DlnAxis *a,
                 double   len,
                 bool     horizontal,
                 bool     may_rotate)
{
  const DlnFigureStyle *st = ax->style;
  double p1 = horizontal ? len : -len;
  DlnTicks all;

  axis_ticks (a, DLN_TICKS_MAX);
  for (int turn = 0; turn < 2; turn++)
    {
      for (a->tick_font = st->font_size;
           a->tick_font > DLN_FIGURE_MIN_TEXT;
           a->tick_font = fmax (DLN_FIGURE_MIN_TEXT, 0.92 * a->tick_font))
        if (!labels_overlap (ax, a, 0, p1, horizontal, a->category_angle))
          return;
      if (!labels_overlap (ax, a, 0, p1, horizontal, a->category_angle))
        return;
      if (!(horizontal && may_rotate && fabs (a->category_angle) <= 45))
        break;
      a->category_angle = 90;
    }
  if (!labels_overlap_gap (ax, a, 0, p1, horizontal, a->category_angle,
                           0.1 * a->tick_font))
    return;
  all = a->ticks;
  for (size_t stride = 2;
       stride < a->ticks.n
       && labels_overlap (ax, a, 0, horizontal ? len : -len, horizontal,
                          a->category_angle);
       stride++)
    {
      a->ticks = all;
      for (size_t i = 0; i < a->ticks.n; i++)
        if (i % stride != 0)
          a->ticks.label[i][0] = '\0';
    }
}

/* Ticks for @a on a span of @len user units, dropping density until the
 * labels do not overlap. */
static void
axis_ticks_fit (DlnAxes *ax,
                DlnAxis *a,
                double   len,
                bool     horizontal)
{
  const DlnFigureStyle *st = ax->style;
  double per = horizontal ? 5.0 * st->font_size : 2.6 * st->font_size;
  int max_ticks = (int) floor (len / per) + 1;

  if (max_ticks > 11)
    max_ticks = 11;
  if (max_ticks < 2)
    max_ticks = 2;
  axis_ticks (a, max_ticks);
  if (a->categories != NULL)
    {
      thin_categories (ax, a, len, horizontal, true);
      return;
    }
  while (max_ticks > 2
         && labels_overlap (ax, a, 0, horizontal ? len : -len, horizontal, 0))
    {
      max_ticks--;
      axis_ticks (a, max_ticks);
    }
}

/* Sizes measured while laying a panel out, which drawing reuses: fonts,
 * the label gap, tick-label extents and the room kept for axis labels. */
typedef struct
{
  double fs, lfs, tfs, gap;     /* tick, label, title font sizes; gap */
  double ylw, y2w, xlh;         /* widest y / y2 tick label, tallest x */
  double ylabel_w, y2label_w;   /* room for the rotated y / y2 labels */
  double x_angle;               /* x tick-label rotation, degrees */
} AxesLayout;

void
dln_axes_reserve_legend_above (DlnAxes           *ax,
                               const char *const *labels,
                               size_t             n)
{
  double fs = fmax (0.92 * ax->style->font_size, DLN_FIGURE_MIN_TEXT);

  ax->legend_above_n = n;
  ax->legend_above_text_w = 0;
  for (size_t i = 0; i < n; i++)
    {
      double w;

      dln_figure_text_size (ax->cr, ax->style, labels[i], true, fs, false,
                            &w, NULL);
      ax->legend_above_text_w = fmax (ax->legend_above_text_w, w);
    }
}

double
dln_axes_legend_above_grid (const DlnAxes *ax,
                            double         plot_width,
                            size_t        *cols,
                            size_t        *rows)
{
  double fs0 = fmax (0.92 * ax->style->font_size, DLN_FIGURE_MIN_TEXT);
  double fs = fs0, col_w;
  size_t n = ax->legend_above_n > 0 ? ax->legend_above_n : 1;

  /* a column: sample 2.2 fs, gap 0.5 fs, text, pad 0.45 fs; box pad */
  for (;;)
    {
      col_w = 2.7 * fs + ax->legend_above_text_w * fs / fs0 + 0.45 * fs;
      if (0.45 * fs + col_w <= plot_width || fs <= DLN_FIGURE_MIN_TEXT)
        break;
      fs = fmax (DLN_FIGURE_MIN_TEXT, 0.9 * fs);
    }
  *cols = (size_t) fmax (1, floor ((plot_width - 0.45 * fs) / col_w));
  if (*cols > n)
    *cols = n;
  *rows = (n + *cols - 1) / *cols;
  return fs;
}

/* Height of the reserved legend rows over a plot area @plot_width wide
 * (dln-plot-series.c draws them with the same measures: rows of 1.15
 * lines, padded by 0.45 font sizes, and a gap of 0.3 to the plot). */
static double
legend_above_height (const DlnAxes *ax,
                     double         plot_width)
{
  size_t cols, rows;
  double fs, h;

  if (ax->legend_above_n == 0)
    return 0;
  fs = dln_axes_legend_above_grid (ax, plot_width, &cols, &rows);
  dln_figure_text_size (ax->cr, ax->style, "Ag", false, fs, false, NULL, &h);
  return 1.15 * h * (double) rows + 0.9 * fs
         + 0.3 * fmax (0.92 * ax->style->font_size, DLN_FIGURE_MIN_TEXT);
}

/* Measures titles and labels, then places the plot area: two passes,
 * since tick density depends on the plot size, which depends on the tick
 * label sizes; finally shrinks it to an equal aspect if asked. */
static void
axes_layout (DlnAxes    *ax,
             AxesLayout *lo)
{
  const DlnFigureStyle *st = ax->style;
  cairo_t *cr = ax->cr;
  double top, bottom, left, right, w, h, tw, th;
  double ylh, y2h, xlw, xlabel_h = 0, title_h = 0;

  lo->fs = st->font_size;
  lo->lfs = lo->fs * st->label_scale;
  lo->tfs = lo->fs * st->title_scale;
  lo->gap = 0.4 * lo->fs;
  lo->ylabel_w = 0;
  lo->y2label_w = 0;
  lo->x_angle = ax->x.category_angle;

  if (ax->title[0] != '\0')
    {
      double room = ax->outer.width - 2 * st->padding;

      dln_figure_text_size (cr, st, ax->title, true, lo->tfs, true, &tw, &th);
      if (tw * DLN_FIGURE_MIN_TEXT / lo->tfs > room)
        {
          /* Too wide even at the text floor: two lines, broken at the
           * space nearest the middle (outside markup tags). */
          size_t len = strlen (ax->title), best = 0;
          int depth = 0;

          for (size_t i = 0; i < len; i++)
            {
              depth += ax->title[i] == '<' ? 1 : ax->title[i] == '>' ? -1 : 0;
              if (ax->title[i] == ' ' && depth == 0
                  && (best == 0
                      || fabs ((double) i - 0.5 * (double) len)
                         < fabs ((double) best - 0.5 * (double) len)))
                best = i;
            }
          if (best > 0)
            ax->title[best] = '\n';
          dln_figure_text_size (cr, st, ax->title, true, lo->tfs, true, &tw,
                                &th);
        }
      title_h = th + lo->gap;
    }
  if (ax->x.label[0] != '\0' && !ax->x.hidden)
    {
      dln_figure_text_size (cr, st, ax->x.label, true, lo->lfs, false, &tw,
                            &th);
      xlabel_h = th + 0.25 * lo->gap;
    }
  if (ax->y.label[0] != '\0' && !ax->y.hidden)
    {
      dln_figure_text_size (cr, st, ax->y.label, true, lo->lfs, false, &tw,
                            &th);
      lo->ylabel_w = th + lo->gap;
    }
  if (ax->has_y2 && ax->y2.label[0] != '\0' && !ax->y2.hidden)
    {
      dln_figure_text_size (cr, st, ax->y2.label, true, lo->lfs, false, &tw,
                            &th);
      lo->y2label_w = th + lo->gap;
    }

  top = st->padding + title_h;
  w = ax->outer.width - 2 * st->padding - lo->ylabel_w - 4 * lo->fs
      - lo->y2label_w - ax->reserve_right;
  h = ax->outer.height - top - st->padding - xlabel_h - 2 * lo->fs;
  for (int pass = 0; pass < 2; pass++)
    {
      w = fmax (w, 4 * lo->fs);
      h = fmax (h, 3 * lo->fs);
      axis_ticks_fit (ax, &ax->y, h, false);
      if (ax->has_y2)
        axis_ticks_fit (ax, &ax->y2, h, false);
      axis_ticks_fit (ax, &ax->x, w, true);
      ticks_extent (ax, &ax->y, 0, &lo->ylw, &ylh);
      lo->y2w = 0;
      if (ax->has_y2)
        ticks_extent (ax, &ax->y2, 0, &lo->y2w, &y2h);
      lo->x_angle = ax->x.category_angle;  /* names may have turned */
      ticks_extent (ax, &ax->x, lo->x_angle, &xlw, &lo->xlh);
      left = st->padding + lo->ylabel_w
             + (ax->y.hidden ? 0 : lo->ylw + st->tick_length + lo->gap);
      if (ax->has_y2)
        right = st->padding + lo->y2label_w
                + (ax->y2.hidden ? 0 : lo->y2w + st->tick_length + lo->gap);
      else
        /* Room for half of the last x label, which centres on the edge. */
        right = st->padding + (fabs (lo->x_angle) > 45 ? 0 : 0.5 * xlw);
      right += ax->reserve_right;
      bottom = st->padding + xlabel_h
               + (ax->x.hidden ? 0 : lo->xlh + st->tick_length + 0.5 * lo->gap);
      w = ax->outer.width - left - right;
      /* the legend's rows above depend on the width just found */
      top = st->padding + title_h + legend_above_height (ax, fmax (w, 1.0));
      h = ax->outer.height - top - bottom;
    }
  w = fmax (w, 1.0);
  h = fmax (h, 1.0);
  ax->plot.x = ax->outer.x + left;
  ax->plot.y = ax->outer.y + top;
  ax->plot.width = w;
  ax->plot.height = h;
  if (ax->equal_aspect)
    {
      double sx = w / (ax->x.hi - ax->x.lo), sy = h / (ax->y.hi - ax->y.lo);
      double s = fmin (sx, sy);
      double nw = s * (ax->x.hi - ax->x.lo), nh = s * (ax->y.hi - ax->y.lo);

      ax->plot.x += 0.5 * (w - nw);
      ax->plot.y += 0.5 * (h - nh);
      ax->plot.width = nw;
      ax->plot.height = nh;
      /* Category names must fit the final, smaller span. */
      if (ax->x.categories != NULL)
        thin_categories (ax, &ax->x, nw, true, false);
      if (ax->y.categories != NULL)
        thin_categories (ax, &ax->y, nh, false, false);
    }
}

/* Grid lines at the major ticks, inside the plot area (not on images). */
static void
draw_grid (DlnAxes *ax)
{
  const DlnFigureStyle *st = ax->style;
  cairo_t *cr = ax->cr;
  DlnRect p = ax->plot;

  if (!st->grid_lines || ax->image)
    return;
  dln_color_set_source (cr, st->grid, 1.0);
  cairo_set_line_width (cr, st->axis_width);
  for (size_t i = 0; i < ax->x.ticks.n && !ax->x.hidden; i++)
    {
      double px = dln_axes_px (ax, ax->x.ticks.value[i]);

      if (px > p.x + 0.5 && px < p.x + p.width - 0.5)
        {
          cairo_move_to (cr, px, p.y);
          cairo_line_to (cr, px, p.y + p.height);
        }
    }
  for (size_t i = 0; i < ax->y.ticks.n && !ax->y.hidden; i++)
    {
      double py = dln_axes_py (ax, ax->y.ticks.value[i], false);

      if (py > p.y + 0.5 && py < p.y + p.height - 0.5)
        {
          cairo_move_to (cr, p.x, py);
          cairo_line_to (cr, p.x + p.width, py);
        }
    }
  cairo_stroke (cr);
}

/* For geometry tests: how many of a categorical axis' names are drawn. */
static void
record_categories (DlnAxes       *ax,
                   const DlnAxis *a)
{
  DlnMark m = { DLN_MARK_CATEGORIES };

  if (a->categories == NULL)
    return;
  m.x0 = ax->plot.x;
  m.y0 = ax->plot.y;
  m.x1 = ax->plot.x + ax->plot.width;
  m.y1 = ax->plot.y + ax->plot.height;
  /* a blank name (D17 names only its appended feature) is not shown */
  for (size_t i = 0; i < a->n_categories; i++)
    m.n_categories += a->categories[i] != NULL && a->categories[i][0] != '\0';
  for (size_t i = 0; i < a->ticks.n; i++)
    m.n_named += a->ticks.label[i][0] != '\0';
  /* "rsm x": the panel and its axis */
  snprintf (m.text, sizeof m.text, "%s %s", ax->name,
            a == &ax->x ? "x" : "y");
  dln_figure_record_mark (ax->cr, &m);
}

/* x ticks below the plot (outwards), minor ticks, tick labels. */
static void
draw_x_ticks (DlnAxes          *ax,
              const AxesLayout *lo)
{
  const DlnFigureStyle *st = ax->style;
  cairo_t *cr = ax->cr;
  DlnRect p = ax->plot;
  double tl = st->tick_length;

  if (ax->x.hidden)
    return;
  for (size_t i = 0; i < ax->x.ticks.n; i++)
    {
      double px = dln_axes_px (ax, ax->x.ticks.value[i]);

      if (!(px >= p.x - 0.5 && px <= p.x + p.width + 0.5))
        continue;
      cairo_move_to (cr, px, p.y + p.height);
      cairo_line_to (cr, px, p.y + p.height + tl);
    }
  for (size_t i = 0; i < ax->x.ticks.n_minor; i++)
    {
      double px = dln_axes_px (ax, ax->x.ticks.minor[i]);

      if (!(px >= p.x - 0.5 && px <= p.x + p.width + 0.5))
        continue;
      cairo_move_to (cr, px, p.y + p.height);
      cairo_line_to (cr, px, p.y + p.height + 0.5 * tl);
    }
  cairo_stroke (cr);
  if (ax->x.no_tick_labels)
    return;
  record_categories (ax, &ax->x);
  for (size_t i = 0; i < ax->x.ticks.n; i++)
    {
      double px = dln_axes_px (ax, ax->x.ticks.value[i]);
      bool rot = fabs (lo->x_angle) > 45;

      if (!(px >= p.x - 0.5 && px <= p.x + p.width + 0.5))
        continue;
      dln_figure_text (cr, st, ax->x.ticks.label[i], false,
                       tick_font (ax, &ax->x), false,
                       px, p.y + p.height + tl + 0.25 * lo->gap,
                       rot ? DLN_ANCHOR_END : DLN_ANCHOR_CENTER,
                       rot ? DLN_ANCHOR_CENTER : DLN_ANCHOR_START,
                       lo->x_angle, true, NULL, NULL);
    }
}

/* y ticks on the left (@side 0) or y2 ticks on the right (@side 1). */
static void
draw_y_ticks (DlnAxes          *ax,
              const AxesLayout *lo,
              int               side)
{
  const DlnFigureStyle *st = ax->style;
  cairo_t *cr = ax->cr;
  DlnRect p = ax->plot;
  double tl = st->tick_length;
  DlnAxis *a = side == 0 ? &ax->y : &ax->y2;
  double edge = side == 0 ? p.x : p.x + p.width;
  double dir = side == 0 ? -1.0 : 1.0;

  if (a->hidden)
    return;
  for (size_t i = 0; i < a->ticks.n; i++)
    {
      double py = dln_axes_py (ax, a->ticks.value[i], side == 1);

      if (!(py >= p.y - 0.5 && py <= p.y + p.height + 0.5))
        continue;
      cairo_move_to (cr, edge, py);
      cairo_line_to (cr, edge + dir * tl, py);
    }
  for (size_t i = 0; i < a->ticks.n_minor; i++)
    {
      double py = dln_axes_py (ax, a->ticks.minor[i], side == 1);

      if (!(py >= p.y - 0.5 && py <= p.y + p.height + 0.5))
        continue;
      cairo_move_to (cr, edge, py);
      cairo_line_to (cr, edge + dir * 0.5 * tl, py);
    }
  cairo_stroke (cr);
  if (a->no_tick_labels)
    return;
  record_categories (ax, a);
  for (size_t i = 0; i < a->ticks.n; i++)
    {
      double py = dln_axes_py (ax, a->ticks.value[i], side == 1);

      if (!(py >= p.y - 0.5 && py <= p.y + p.height + 0.5))
        continue;
      dln_figure_text (cr, st, a->ticks.label[i], false, tick_font (ax, a),
                       false,
                       edge + dir * (tl + 0.5 * lo->gap), py,
                       side == 0 ? DLN_ANCHOR_END : DLN_ANCHOR_START,
                       DLN_ANCHOR_CENTER, 0, true, NULL, NULL);
    }
}

/* Axis labels, centred on the plot area. They hug the tick labels (not
 * the panel's edge), so a plot area shrunk to an equal aspect keeps them
 * close. */
static void
draw_axis_labels (DlnAxes          *ax,
                  const AxesLayout *lo)
{
  const DlnFigureStyle *st = ax->style;
  cairo_t *cr = ax->cr;
  DlnRect p = ax->plot;
  double tl = st->tick_length;

  if (ax->x.label[0] != '\0' && !ax->x.hidden)
    dln_figure_text (cr, st, ax->x.label, true, lo->lfs, false,
                     p.x + 0.5 * p.width,
                     p.y + p.height + tl + 0.5 * lo->gap + lo->xlh
                     + 0.25 * lo->gap,
                     DLN_ANCHOR_CENTER, DLN_ANCHOR_START, 0, true, NULL,
                     NULL);
  if (ax->y.label[0] != '\0' && !ax->y.hidden)
    dln_figure_text (cr, st, ax->y.label, true, lo->lfs, false,
                     p.x - (lo->ylw + tl + lo->gap) - lo->ylabel_w,
                     p.y + 0.5 * p.height, DLN_ANCHOR_CENTER,
                     DLN_ANCHOR_START, 90, true, NULL, NULL);
  if (ax->has_y2 && ax->y2.label[0] != '\0' && !ax->y2.hidden)
    dln_figure_text (cr, st, ax->y2.label, true, lo->lfs, false,
                     p.x + p.width + lo->y2w + tl + lo->gap + lo->y2label_w,
                     p.y + 0.5 * p.height, DLN_ANCHOR_CENTER,
                     DLN_ANCHOR_END, 90, true, NULL, NULL);
}

/* The title above the plot area: centred on it but kept inside the
 * panel, and shrunk rather than overlapping a neighbour when too wide. */
static void
draw_title (DlnAxes          *ax,
            const AxesLayout *lo)
{
  const DlnFigureStyle *st = ax->style;
  cairo_t *cr = ax->cr;
  DlnRect p = ax->plot;
  double size = lo->tfs, tw, th, half, cx;

  if (ax->title[0] == '\0')
    return;
  dln_figure_text_size (cr, st, ax->title, true, lo->tfs, true, &tw, &th);
  if (tw > ax->outer.width - 2 * st->padding && tw > 0)
    size = fmax (size * (ax->outer.width - 2 * st->padding) / tw,
                 fmin (DLN_FIGURE_MIN_TEXT, size));
  half = 0.5 * fmin (tw, ax->outer.width - 2 * st->padding);
  cx = p.x + 0.5 * p.width;
  cx = fmin (cx, ax->outer.x + ax->outer.width - st->padding - half);
  cx = fmax (cx, ax->outer.x + st->padding + half);
  dln_figure_text (cr, st, ax->title, true, size, true, cx,
                   p.y - lo->gap - legend_above_height (ax, p.width),
                   DLN_ANCHOR_CENTER, DLN_ANCHOR_END, 0, true, NULL, NULL);
}

void
dln_axes_measure (const DlnAxes *ax,
                  DlnInsets     *insets)
{
  /* On a copy: finalising adds the autoscale margins, once. */
  DlnAxes *tmp = malloc (sizeof *tmp);
  AxesLayout lo;

  memset (insets, 0, sizeof *insets);
  if (tmp == NULL)
    return;
  *tmp = *ax;
  tmp->equal_aspect = false;
  axis_finalise (&tmp->x);
  axis_finalise (&tmp->y);
  if (tmp->has_y2)
    axis_finalise (&tmp->y2);
  axes_layout (tmp, &lo);
  insets->left = tmp->plot.x - tmp->outer.x;
  insets->top = tmp->plot.y - tmp->outer.y;
  insets->right = tmp->outer.x + tmp->outer.width
                  - (tmp->plot.x + tmp->plot.width);
  insets->bottom = tmp->outer.y + tmp->outer.height
                   - (tmp->plot.y + tmp->plot.height);
  free (tmp);
}

void
dln_axes_begin (DlnAxes *ax)
{
  const DlnFigureStyle *st = ax->style;
  cairo_t *cr = ax->cr;
  AxesLayout lo;

  axis_finalise (&ax->x);
  axis_finalise (&ax->y);
  if (ax->has_y2)
    axis_finalise (&ax->y2);
  axes_layout (ax, &lo);
  ax->begun = true;

  /* Draw: grid, frame, ticks, tick labels, axis labels, title. */
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  draw_grid (ax);
  dln_color_set_source (cr, st->foreground, 1.0);
  cairo_set_line_width (cr, st->axis_width);
  if (ax->frame)
    {
      cairo_rectangle (cr, ax->plot.x, ax->plot.y, ax->plot.width,
                       ax->plot.height);
      cairo_stroke (cr);
    }
  draw_x_ticks (ax, &lo);
  for (int side = 0; side < (ax->has_y2 ? 2 : 1); side++)
    draw_y_ticks (ax, &lo, side);
  draw_axis_labels (ax, &lo);
  draw_title (ax, &lo);
  cairo_restore (cr);
}

double
dln_axes_px (const DlnAxes *ax,
             double         x)
{
  return axis_map (&ax->x, x, ax->plot.x, ax->plot.x + ax->plot.width);
}

double
dln_axes_py (const DlnAxes *ax,
             double         y,
             bool           y2)
{
  const DlnAxis *a = y2 && ax->has_y2 ? &ax->y2 : &ax->y;

  if (ax->image)
    return axis_map (a, y, ax->plot.y, ax->plot.y + ax->plot.height);
  return axis_map (a, y, ax->plot.y + ax->plot.height, ax->plot.y);
}

void
dln_axes_clip_plot (const DlnAxes *ax)
{
  cairo_rectangle (ax->cr, ax->plot.x, ax->plot.y, ax->plot.width,
                   ax->plot.height);
  cairo_clip (ax->cr);
}

void
dln_axes_panel (const DlnAxes *ax,
                DlnPlotPanel  *panel)
{
  memset (panel, 0, sizeof *panel);
  panel->kind = ax->image ? DLN_PANEL_IMAGE : DLN_PANEL_XY;
  snprintf (panel->name, sizeof panel->name, "%s", ax->name);
  panel->x = ax->plot.x;
  panel->y = ax->plot.y;
  panel->width = ax->plot.width;
  panel->height = ax->plot.height;
  panel->x_min = ax->x.lo;
  panel->x_max = ax->x.hi;
  panel->y_min = ax->y.lo;
  panel->y_max = ax->y.hi;
  panel->x_log = ax->x.log;
  panel->y_log = ax->y.log;
  panel->has_y2 = ax->has_y2;
  if (ax->has_y2)
    {
      panel->y2_min = ax->y2.lo;
      panel->y2_max = ax->y2.hi;
      panel->y2_log = ax->y2.log;
    }
}

void
dln_axes_end (DlnAxes           *ax,
              DlnFigureGeometry *geom)
{
  if (geom != NULL && geom->n_panels < DLN_FIGURE_MAX_PANELS && ax->begun)
    dln_axes_panel (ax, &geom->panels[geom->n_panels++]);
}
