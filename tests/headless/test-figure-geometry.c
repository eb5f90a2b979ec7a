/* Every catalogue figure at 640x480, 960x640 and 1600x1000, and the
 * figures of the pages that show items at the sizes the window gives
 * them at 1024x700, 1280x800 and 1366x768, checked from
 * the renderer's own geometry (dln_figure_record_attach ()): text is not
 * under the size floor, no two words overlap, legends cover no series,
 * categorical axes name every category. The same figures as PDF, read
 * back with `pdftotext -bbox` (poppler-utils): no overlapping words, none
 * under 6 pt, all eight item names wherever items are shown.
 * Set DLN_TEST_DUMP_DIR to keep the PNGs. */

#include "config.h"

#include "dln-figure-catalogue.h"
#include "dln-test-util.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Boxes may touch; ink boxes sharing less than this (device units) in
 * both directions are antialiasing, not an overlap. */
#define OVERLAP_SLACK 0.5

/* The PDF floor of the issue: no word under 6 pt. pdftotext's word box
 * is the font's ascent + descent, about 1.16 em for DejaVu Sans. */
#define PDF_MIN_WORD_HEIGHT (6.0 * 1.16)

typedef struct
{
  const char        *figure;
  int                w, h;
  const char *const *opts;   /* (nullable) name, value, ..., NULL */
  const char *const *items;  /* the eight item names it shows */
} Case;

static const int sizes[][2] = { { 640, 480 }, { 960, 640 }, { 1600, 1000 } };

static const char *const items[8] = {
  "Goldfish", "Tuna", "Robin", "Canary", "Rose", "Daisy", "Pine", "Oak",
};

/* D17's preset renames the first item */
static const char *const shark_items[8] = {
  "Shark", "Tuna", "Robin", "Canary", "Rose", "Daisy", "Pine", "Oak",
};

static const char *const table_opts[] = { "dataset", "tree-table", NULL };
static const char *const shark_opts[] = {
  "dataset", "tree-shark", "features", "10", NULL,
};
static const char *const svd_table_opts[] = { "dataset", "tree-table", NULL };

/* The sizes the pages draw these figures at (the figure view less its
 * export strip; G_MESSAGES_DEBUG=dln-figure-view prints them) in a
 * window of 1024x700, 1280x800 and 1366x768: the tree page's table and
 * hierarchy (three figures stacked, the table the tallest), the illusory page's side panel (the last 10
 * features, a quarter of the page) and Data SVD (the whole column). */
static const Case page_cases[] = {
  { "tree-data", 636, 243, table_opts, items },
  { "tree-data", 691, 276, table_opts, items },
  { "tree-data", 777, 265, table_opts, items },
  { "tree-diagram", 636, 182, NULL, items },
  { "tree-diagram", 691, 215, NULL, items },
  { "tree-diagram", 777, 205, NULL, items },
  { "tree-data", 300, 309, shark_opts, shark_items },
  { "tree-data", 322, 359, shark_opts, shark_items },
  { "tree-data", 366, 343, shark_opts, shark_items },
  { "data-svd", 636, 631, svd_table_opts, items },
  { "data-svd", 691, 731, svd_table_opts, items },
  { "data-svd", 636, 631, NULL, items },
};

/* Reports a failed check and goes on, so one run lists every defect of a
 * figure (at most a few per case). */
#define FAIL(...) G_STMT_START {                                         \
    if (n_fail++ < 6)                                                    \
      g_test_message (__VA_ARGS__);                                      \
    g_test_fail ();                                                      \
  } G_STMT_END

static bool
boxes_overlap (const DlnMark *a,
               const DlnMark *b)
{
  double ow = fmin (a->x1, b->x1) - fmax (a->x0, b->x0);
  double oh = fmin (a->y1, b->y1) - fmax (a->y0, b->y0);

  return ow > OVERLAP_SLACK && oh > OVERLAP_SLACK;
}

/* Distance from point (px, py) to segment (x0, y0)-(x1, y1). */
static double
point_segment (double px,
               double py,
               double x0,
               double y0,
               double x1,
               double y1)
{
  double dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy, t = 0;

  if (len2 > 0)
    t = CLAMP (((px - x0) * dx + (py - y0) * dy) / len2, 0, 1);
  return hypot (px - (x0 + t * dx), py - (y0 + t * dy));
}

static bool
segments_cross (double ax0,
                double ay0,
                double ax1,
                double ay1,
                double bx0,
                double by0,
                double bx1,
                double by1)
{
  double d1 = (bx1 - bx0) * (ay0 - by0) - (by1 - by0) * (ax0 - bx0);
  double d2 = (bx1 - bx0) * (ay1 - by0) - (by1 - by0) * (ax1 - bx0);
  double d3 = (ax1 - ax0) * (by0 - ay0) - (ay1 - ay0) * (bx0 - ax0);
  double d4 = (ax1 - ax0) * (by1 - ay0) - (ay1 - ay0) * (bx1 - ax0);

  return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0));
}

/* Does the segment @s, stroked @s->half_width wide, reach into box @b?
 * Yes when an end is inside, it crosses an edge, or it passes within its
 * half width of the box (less the antialiasing slack). */
static bool
segment_hits_box (const DlnMark *s,
                  const DlnMark *b)
{
  double cx[4] = { b->x0, b->x1, b->x1, b->x0 };
  double cy[4] = { b->y0, b->y0, b->y1, b->y1 };
  double reach = s->half_width - OVERLAP_SLACK;

  if ((s->x0 > b->x0 && s->x0 < b->x1 && s->y0 > b->y0 && s->y0 < b->y1)
      || (s->x1 > b->x0 && s->x1 < b->x1 && s->y1 > b->y0 && s->y1 < b->y1))
    return true;
  for (int k = 0; k < 4; k++)
    {
      int l = (k + 1) % 4;

      if (segments_cross (s->x0, s->y0, s->x1, s->y1, cx[k], cy[k], cx[l],
                          cy[l]))
        return true;
      if (reach > 0
          && point_segment (cx[k], cy[k], s->x0, s->y0, s->x1, s->y1) < reach)
        return true;
    }
  if (reach <= 0)
    return false;
  /* an end just outside an edge, within the stroke's reach */
  for (int e = 0; e < 2; e++)
    {
      double px = e == 0 ? s->x0 : s->x1, py = e == 0 ? s->y0 : s->y1;
      double dx = fmax (fmax (b->x0 - px, px - b->x1), 0);
      double dy = fmax (fmax (b->y0 - py, py - b->y1), 0);

      if (hypot (dx, dy) < reach)
        return true;
    }
  return false;
}

static void
build_with (const char        *name,
            const char *const *opts,
            DlnFigureInstance *fig)
{
  const DlnCatalogueEntry *e = dln_figure_catalogue_find (name);
  DlnFigureArgs args;
  DlnMessage msg = { 0 };

  g_assert_nonnull (e);
  dln_figure_args_init (&args, e);
  for (size_t i = 0; opts != NULL && opts[i] != NULL; i += 2)
    g_assert_cmpint (dln_figure_args_set (&args, opts[i], opts[i + 1], &msg),
                     ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_figure_build (e, &args, fig, &msg), ==,
                   DLN_STATUS_OK);
}

/* Draws catalogue figure @figure (options @opts, nullable) at @w x @h
 * in the light style scaled by @scale on @surface: @rec (nullable)
 * records its marks, @geom receives its panels. */
static void
render_on (cairo_surface_t   *surface,
           const char        *figure,
           const char *const *opts,
           double             w,
           double             h,
           double             scale,
           DlnFigureRecord   *rec,
           DlnFigureGeometry *geom)
{
  DlnFigureInstance fig = { 0 };
  DlnFigureStyle style;
  cairo_t *cr = cairo_create (surface);

  build_with (figure, opts, &fig);
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  dln_figure_style_scale (&style, scale);
  if (rec != NULL)
    dln_figure_record_attach (cr, rec);
  fig.render (cr, &style, fig.data, w, h, geom);
  if (rec != NULL)
    dln_figure_record_detach (cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  dln_figure_instance_clear (&fig);
}

/* render_on () a recording surface, which keeps no pixels. */
static void
render_recorded (const char        *figure,
                 const char *const *opts,
                 double             w,
                 double             h,
                 double             scale,
                 DlnFigureRecord   *rec,
                 DlnFigureGeometry *geom)
{
  cairo_surface_t *surface =
    cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);

  render_on (surface, figure, opts, w, h, scale, rec, geom);
  cairo_surface_destroy (surface);
}

static void
test_geometry (gconstpointer user_data)
{
  const Case *c = user_data;
  DlnFigureRecord rec = { 0 };
  DlnFigureGeometry geom;
  cairo_surface_t *surface =
    cairo_image_surface_create (CAIRO_FORMAT_ARGB32, c->w, c->h);
  const char *dir = g_getenv ("DLN_TEST_DUMP_DIR");
  size_t n_text = 0;
  int n_fail = 0;

  render_on (surface, c->figure, c->opts, c->w, c->h, 1.0, &rec, &geom);
  if (dir != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s%s-%dx%d.png", dir,
                                               c->figure,
                                               c->opts != NULL ? "-page" : "",
                                               c->w, c->h);

      cairo_surface_write_to_png (surface, path);
    }

  for (size_t i = 0; i < rec.n; i++)
    {
      const DlnMark *a = &rec.marks[i];

      switch (a->kind)
        {
        case DLN_MARK_TEXT:
          n_text++;
          /* a title shrunk to fit stops at the floor: rounding */
          if (a->size < DLN_FIGURE_MIN_TEXT - 1e-3)
            FAIL ("%s %dx%d: \"%s\" at %.2f units, under the %.2f floor",
                     c->figure, c->w, c->h, a->text, a->size,
                     DLN_FIGURE_MIN_TEXT);
          for (size_t j = i + 1; j < rec.n; j++)
            if (rec.marks[j].kind == DLN_MARK_TEXT
                && boxes_overlap (a, &rec.marks[j]))
              FAIL ("%s %dx%d: \"%s\" [%.1f %.1f %.1f %.1f] overlaps "
                       "\"%s\" [%.1f %.1f %.1f %.1f]", c->figure, c->w, c->h,
                       a->text, a->x0, a->y0, a->x1, a->y1,
                       rec.marks[j].text, rec.marks[j].x0, rec.marks[j].y0,
                       rec.marks[j].x1, rec.marks[j].y1);
          break;
        case DLN_MARK_LEGEND:
          for (size_t j = 0; j < rec.n; j++)
            {
              const DlnMark *b = &rec.marks[j];

              if (b->kind == DLN_MARK_SERIES && segment_hits_box (b, a))
                FAIL ("%s %dx%d: the legend [%.1f %.1f %.1f %.1f] covers "
                         "a series at (%.1f, %.1f)-(%.1f, %.1f)", c->figure,
                         c->w, c->h, a->x0, a->y0, a->x1, a->y1, b->x0,
                         b->y0, b->x1, b->y1);
              if (b->kind == DLN_MARK_LEGEND && j != i
                  && boxes_overlap (a, b))
                FAIL ("%s %dx%d: two legends overlap", c->figure, c->w,
                         c->h);
            }
          break;
        case DLN_MARK_CATEGORIES:
          if (a->n_named != a->n_categories)
            FAIL ("%s %dx%d: panel %s names %zu of its %zu categories",
                     c->figure, c->w, c->h, a->text, a->n_named,
                     a->n_categories);
          break;
        case DLN_MARK_SERIES:
        default:
          break;
        }
    }
  /* every figure has words, so an empty record means a broken recorder */
  g_assert_cmpuint (n_text, >, 0);
  dln_figure_record_clear (&rec);
  cairo_surface_destroy (surface);
}

/* The key picture of each multi-panel figure and its stated weight among
 * the panels' (the DlnPanelSpec weights of the figures on the layout
 * engine; equal weights for the others). At every size the key gets at
 * least KEY_SHARE_SLACK of its weight's share of the summed plot areas:
 * aspect limits and decorations may cost it a quarter of it. */
#define KEY_SHARE_SLACK 0.75

typedef struct
{
  const char *figure;
  const char *panel;
  double      weight, total;
} KeyShare;

static const KeyShare key_shares[] = {
  { "rsm", "rsm", 2, 3 },                   /* the RSM, beside its curves */
  { "data-svd", "u", 2, 4.5 },              /* item modes; S 1, Vᵀ 1.5 */
  { "tree-data", "features", 1.5, 2.5 },    /* the features; labels 1 */
  { "map-compare", "estimate", 1.5, 4 },    /* a map; the other 1.5, loss 1 */
  { "wide-net-regression", "fit", 1, 2 },   /* the fit; the loss */
  { "shallow-net", "loss", 1, 3 },          /* the loss; fit, weights */
  { "register", "loss", 1, 3 },             /* the loss; time, lr */
};

static void
test_key_share (gconstpointer user_data)
{
  const Case *c = user_data;
  DlnFigureGeometry geom;
  const KeyShare *k = NULL;
  double total = 0, key = -1;

  render_recorded (c->figure, c->opts, c->w, c->h, 1.0, NULL, &geom);
  for (size_t i = 0; i < G_N_ELEMENTS (key_shares); i++)
    if (key_shares[i].figure != NULL
        && strcmp (key_shares[i].figure, c->figure) == 0)
      k = &key_shares[i];
  for (size_t i = 0; i < geom.n_panels; i++)
    {
      const DlnPlotPanel *p = &geom.panels[i];

      total += p->width * p->height;
      g_test_message ("%s %dx%d: panel %s %.0f x %.0f", c->figure, c->w,
                      c->h, p->name, p->width, p->height);
      if (k != NULL && strcmp (p->name, k->panel) == 0)
        key = p->width * p->height;
    }
  /* one panel (a figure that gave its other panels' room to the key
   * at this size) holds the whole area */
  if (geom.n_panels < 2)
    return;
  if (k == NULL)
    {
      g_test_message ("%s: a figure of %zu panels with no key picture "
                      "stated", c->figure, geom.n_panels);
      g_test_fail ();
      return;
    }
  g_assert_cmpfloat (key, >=, 0);
  g_test_message ("%s %dx%d: key %s holds %.2f of the plot area (its "
                  "weight's share %.2f)", c->figure, c->w, c->h, k->panel,
                  key / total, k->weight / k->total);
  if (key / total < KEY_SHARE_SLACK * k->weight / k->total)
    {
      g_test_message ("%s %dx%d: the key picture %s holds %.2f, under "
                      "%.2f", c->figure, c->w, c->h, k->panel, key / total,
                      KEY_SHARE_SLACK * k->weight / k->total);
      g_test_fail ();
    }
}

/* Data SVD's feature modes (Vᵀ) of named columns (the tree draw's f1,
 * f2, ...) show their first columns with their names at every size:
 * as many as the strip holds in readable cells, eight at least, each
 * named, rather than unnamed numbered columns. */
static void
test_vt_names (gconstpointer user_data)
{
  const Case *c = user_data;
  DlnFigureRecord rec = { 0 };
  DlnFigureGeometry geom;
  const DlnMark *names = NULL;

  render_recorded (c->figure, c->opts, c->w, c->h, 1.0, &rec, &geom);
  for (size_t i = 0; i < rec.n; i++)
    if (rec.marks[i].kind == DLN_MARK_CATEGORIES
        && strcmp (rec.marks[i].text, "vt x") == 0)
      names = &rec.marks[i];
  g_assert_nonnull (names);
  g_test_message ("%s %dx%d: Vᵀ names %zu of its first %zu columns",
                  c->figure, c->w, c->h, names->n_named,
                  names->n_categories);
  g_assert_cmpuint (names->n_categories, >=, 8);
  g_assert_cmpuint (names->n_named, ==, names->n_categories);
  dln_figure_record_clear (&rec);
}

typedef struct
{
  double x0, y0, x1, y1;
  char  *word;
} Word;

/* Reads `pdftotext -bbox` XHTML: <word xMin=".." yMin=".." xMax=".."
 * yMax="..">text</word>. */
static GArray *
read_words (const char *html)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (Word));
  const char *p = html;

  while ((p = strstr (p, "<word ")) != NULL)
    {
      Word w;
      const char *gt = strchr (p, '>'), *end;

      g_assert_nonnull (gt);
      g_assert_cmpint (sscanf (p, "<word xMin=\"%lf\" yMin=\"%lf\" "
                               "xMax=\"%lf\" yMax=\"%lf\"", &w.x0, &w.y0,
                               &w.x1, &w.y1), ==, 4);
      end = strstr (gt, "</word>");
      g_assert_nonnull (end);
      w.word = g_strndup (gt + 1, (gsize) (end - gt - 1));
      g_array_append_val (words, w);
      p = end;
    }
  return words;
}

static void
test_pdf_words (gconstpointer user_data)
{
  const Case *c = user_data;
  DlnFigureInstance fig = { 0 };
  DlnFigureStyle style;
  DlnMessage msg = { 0 };
  g_autofree char *pdf = g_strdup_printf ("%s/%s-%p-%dx%d.pdf",
                                          dln_test_tmpdir (), c->figure,
                                          (const void *) c, c->w, c->h);
  g_autofree char *html = g_strdup_printf ("%s.html", pdf);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "pdftotext", "-bbox", pdf, html, NULL };
  GArray *words;
  int status = -1, n_fail = 0;
  bool shows_items = false;

  build_with (c->figure, c->opts, &fig);
  dln_figure_style_init (&style, DLN_THEME_LIGHT);
  g_assert_cmpint (dln_figure_export (pdf, DLN_FIGURE_FORMAT_PDF, c->w, c->h, 1,
                                      fig.render, &style, fig.data, &msg),
                   ==, DLN_STATUS_OK);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (html, &text, NULL, NULL));
  words = read_words (text);
  g_assert_cmpuint (words->len, >, 0);
  for (guint i = 0; i < words->len; i++)
    {
      const Word *a = &g_array_index (words, Word, i);

      double bw = a->x1 - a->x0, bh = a->y1 - a->y0;
      /* the line height: a rotated word's box is turned (taller than
       * wide, from three letters on); a word of one or two letters may
       * be narrower than its line whichever way it reads */
      double line = g_utf8_strlen (a->word, -1) <= 2 ? fmax (bw, bh)
                    : bh > bw ? bw : bh;

      /* a sub- or superscript (w<sub>i</sub>) is its own word, set
       * against the end of the word before it */
      bool script = i > 0
                    && fabs (a->x0 - g_array_index (words, Word, i - 1).x1) < 1
                    && bh < g_array_index (words, Word, i - 1).y1
                            - g_array_index (words, Word, i - 1).y0;

      if (line < PDF_MIN_WORD_HEIGHT && !script)
        FAIL ("%s %dx%d PDF: \"%s\" is %.2f pt tall", c->figure, c->w,
                 c->h, a->word, line);
      for (guint j = i + 1; j < words->len; j++)
        {
          const Word *b = &g_array_index (words, Word, j);
          double ow = fmin (a->x1, b->x1) - fmax (a->x0, b->x0);
          double oh = fmin (a->y1, b->y1) - fmax (a->y0, b->y0);

          /* pdftotext's boxes are font boxes (ascent + descent), taller
           * than the ink: neighbouring lines may share a little. */
          if (ow > OVERLAP_SLACK && oh > 0.25 * fmin (a->y1 - a->y0,
                                                     b->y1 - b->y0))
            FAIL ("%s %dx%d PDF: \"%s\" overlaps \"%s\"", c->figure,
                     c->w, c->h, a->word, b->word);
        }
      for (int k = 0; k < 8; k++)
        shows_items |= strcmp (a->word, c->items[k]) == 0;
    }
  if (shows_items)
    for (int k = 0; k < 8; k++)
      {
        bool found = false;

        for (guint i = 0; i < words->len && !found; i++)
          found = strcmp (g_array_index (words, Word, i).word,
                          c->items[k]) == 0;
        if (!found)
          FAIL ("%s %dx%d PDF: shows items but not \"%s\"", c->figure,
                   c->w, c->h, c->items[k]);
      }
  for (guint i = 0; i < words->len; i++)
    g_free (g_array_index (words, Word, i).word);
  g_array_unref (words);
  dln_figure_instance_clear (&fig);
}

/* Records @figure at @w x @h with the light style at type scale @scale
 * (dln_figure_style_scale). Returns whether it draws a node-link
 * diagram. */
static gboolean
record_scaled (const char      *figure,
               double           w,
               double           h,
               double           scale,
               DlnFigureRecord *rec)
{
  DlnFigureGeometry geom;
  gboolean graph = FALSE;

  render_recorded (figure, NULL, w, h, scale, rec, &geom);
  for (size_t i = 0; i < geom.n_panels; i++)
    graph |= geom.panels[i].kind == DLN_PANEL_GRAPH;
  return graph;
}

/* Text sizes of @rec, ascending; count in @n. */
static double *
text_sizes (const DlnFigureRecord *rec,
            size_t                *n)
{
  double *sizes = g_new (double, MAX (rec->n, 1));

  *n = 0;
  for (size_t i = 0; i < rec->n; i++)
    if (rec->marks[i].kind == DLN_MARK_TEXT)
      sizes[(*n)++] = rec->marks[i].size;
  qsort (sizes, *n, sizeof *sizes, dln_test_cmp_double);
  return sizes;
}

/* Presentation mode's type scale: a figure at twice the size with its
 * style scaled twice is the usual figure, twice as large: about as many
 * words, the largest exactly twice as large and the typical (median)
 * one at least twice (Pango's metrics do not scale exactly, nor do tick
 * choices, so a crowded axis may shrink its names a step more or less;
 * the text floor, DLN_FIGURE_MIN_TEXT, does not scale). */
static void
test_type_scale (gconstpointer user_data)
{
  const char *figure = user_data;
  DlnFigureRecord small = { 0 }, large = { 0 };
  g_autofree double *a = NULL, *b = NULL;
  size_t na, nb;

  if (record_scaled (figure, 960, 540, 1.0, &small))
    {
      /* Graphviz lays a diagram out once, when it is built, measuring
       * its text at the style of that time; the page that shows it lays
       * it out again at its view's type scale (dln-graph-page.c). */
      dln_figure_record_clear (&small);
      g_test_skip ("a diagram laid out when built");
      return;
    }
  record_scaled (figure, 1920, 1080, 2.0, &large);
  a = text_sizes (&small, &na);
  b = text_sizes (&large, &nb);
  g_assert_cmpuint (na, >, 0);
  g_assert_cmpfloat (fabs ((double) nb - (double) na), <=, 0.25 * na + 2);
  g_assert_cmpfloat (b[nb / 2], >=, 2.0 * a[na / 2] * 0.95);
  /* the largest (titles) exactly twice: they never shrink */
  g_assert_cmpfloat (fabs (b[nb - 1] - 2.0 * a[na - 1]), <=, 1e-9 * b[nb - 1]);
  dln_figure_record_clear (&small);
  dln_figure_record_clear (&large);
}

int
main (int    argc,
      char **argv)
{
  const DlnCatalogueEntry *const *all;
  /* each case is shared by two tests: freed after the run (LSan) */
  g_autoptr (GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  size_t n;

  g_test_init (&argc, &argv, NULL);
  all = dln_figure_catalogue (&n);
  for (size_t i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/dln/figures/type-scale/%s",
                                               all[i]->name);

      g_test_add_data_func (path, all[i]->name, test_type_scale);
    }
  for (size_t i = 0; i < n; i++)
    for (size_t s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        Case *c = g_new (Case, 1);
        g_autofree char *geo = NULL, *pdf = NULL, *key = NULL;

        g_ptr_array_add (cases, c);
        *c = (Case) { all[i]->name, sizes[s][0], sizes[s][1], NULL, items };
        geo = g_strdup_printf ("/dln/figures/geometry/%s/%dx%d", c->figure,
                               c->w, c->h);
        pdf = g_strdup_printf ("/dln/figures/pdf-words/%s/%dx%d", c->figure,
                               c->w, c->h);
        g_test_add_data_func_full (geo, c, test_geometry, NULL);
        g_test_add_data_func_full (pdf, c, test_pdf_words, NULL);
        key = g_strdup_printf ("/dln/figures/key-share/%s/%dx%d", c->figure,
                               c->w, c->h);
        g_test_add_data_func_full (key, c, test_key_share, NULL);
        if (strcmp (c->figure, "data-svd") == 0)
          {
            g_autofree char *vt = g_strdup_printf ("/dln/figures/vt-names/%dx%d",
                                                   c->w, c->h);

            g_test_add_data_func_full (vt, c, test_vt_names, NULL);
          }
      }
  for (size_t i = 0; i < G_N_ELEMENTS (page_cases); i++)
    {
      const Case *c = &page_cases[i];
      g_autofree char *opts = c->opts != NULL
                              ? g_strjoinv ("-", (char **) c->opts + 1)
                              : g_strdup ("defaults");
      g_autofree char *tag = g_strdup_printf ("%s/%s/%dx%d", c->figure, opts,
                                              c->w, c->h);
      g_autofree char *geo = g_strdup_printf ("/dln/figures/geometry-page/%s",
                                              tag);
      g_autofree char *pdf = g_strdup_printf ("/dln/figures/pdf-words-page/%s",
                                              tag);

      g_autofree char *key = g_strdup_printf ("/dln/figures/key-share-page/%s",
                                              tag);

      g_test_add_data_func (geo, c, test_geometry);
      g_test_add_data_func (pdf, c, test_pdf_words);
      g_test_add_data_func (key, c, test_key_share);
      if (strcmp (c->figure, "data-svd") == 0)
        {
          g_autofree char *vt = g_strdup_printf (
            "/dln/figures/vt-names-page/%s", tag);

          g_test_add_data_func (vt, c, test_vt_names);
        }
    }
  return g_test_run ();
}
