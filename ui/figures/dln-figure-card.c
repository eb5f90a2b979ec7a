/* dln-figure-card: the title card of a part of the course with no demo. */

#include "config.h"

#include "dln-figure-card.h"

#include "dln-figure-catalogue.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

/* The course's bonus lecture (docs/demos.md#d19): a recorded talk after
 * the three tutorials of the linear deep learning day. Title, speaker and
 * addresses as the course's bonus-lecture notebook gives them
 * (Neuromatch Academy, Deep Learning, W1D2 "Linear Deep Learning"). */
static const DlnFigureCardData bonus_lecture = {
  N_("D19 · Bonus lecture of the linear deep learning day"),
  N_("Deep Learning for AI"),
  "Yoshua Bengio",
  N_("A recorded talk that closes the day, after Tutorial 3. The course "
     "attaches no code, figures or exercises to it, so this page is a card, "
     "not a demo."),
  N_("Where the tutorials take the simplest networks apart (gradients, depth, "
  "learning rate, the singular modes of deep linear nets), the talk steps "
  "back to deep learning as a whole: where it came from, what it can do "
  "now, and what it still lacks on the way to artificial intelligence. "
  "Watch it after the three tutorials; the slides are shared with it."),
  {
    { N_("Video (YouTube)"), "https://youtube.com/watch?v=2CjHGdu29ec" },
    { N_("Video (Bilibili)"), "https://www.bilibili.com/video/BV1cg411E77x" },
    { N_("Slides (OSF)"), "https://osf.io/bvwa9/" },
  },
  3,
};

const DlnFigureCardData *
dln_figure_card_bonus_lecture (void)
{
  return &bonus_lecture;
}

/* Draws @text wrapped to @width at (@x, @y); returns its height. */
static double
wrapped (cairo_t              *cr,
         const DlnFigureStyle *style,
         const char           *text,
         double                size,
         bool                  bold,
         double                x,
         double                y,
         double                width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (style->font_family);
  int w, h;

  /* translated here, as dln_figure_text () does: the card is static */
  if (text != NULL && *text != '\0')
    text = g_dgettext (GETTEXT_PACKAGE, text);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  dln_figure_record_text (cr, text, size, x, y, x + (double) w / PANGO_SCALE,
                          y + (double) h / PANGO_SCALE);
  pango_font_description_free (font);
  g_object_unref (layout);
  return (double) h / PANGO_SCALE;
}

void
dln_figure_card_render (cairo_t                 *cr,
                        const DlnFigureStyle    *style,
                        const DlnFigureCardData *data,
                        double                   width,
                        double                   height,
                        DlnFigureGeometry       *geom)
{
  double fs = style->font_size;
  double card_w = MIN (width - 2 * style->padding, 46 * fs);
  double x0 = (width - card_w) / 2, pad = 1.6 * fs, y, text_w;
  double card_h;

  dln_figure_begin (cr, style, width, height, geom);
  if (card_w <= 4 * pad)
    {
      cairo_restore (cr);
      return;
    }
  text_w = card_w - 2 * pad;

  /* Measure once (nothing is visible under a zero clip), then draw the
   * card centred vertically behind the text. */
  for (int pass = 0; pass < 2; pass++)
    {
      double top = pass == 0 ? 0 : MAX (style->padding, (height - card_h) / 2);

      cairo_save (cr);
      if (pass == 0)
        {
          cairo_rectangle (cr, 0, 0, 0, 0);
          cairo_clip (cr);
        }
      else
        {
          dln_figure_box (cr, style, x0, top, card_w, card_h);
          dln_color_set_source (cr, dln_figure_style_color (style, DLN_COLOR_BLUE), 1.0);
          cairo_rectangle (cr, x0, top, 0.35 * fs, card_h);
          cairo_fill (cr);
        }
      y = top + pad;
      dln_color_set_source (cr, style->muted, 1.0);
      y += wrapped (cr, style, data->kicker, 0.95 * fs, false, x0 + pad, y, text_w);
      y += 0.4 * fs;
      dln_color_set_source (cr, style->foreground, 1.0);
      y += wrapped (cr, style, data->title, 2.2 * fs, true, x0 + pad, y, text_w);
      y += 0.2 * fs;
      y += wrapped (cr, style, data->speakers, 1.3 * fs, false, x0 + pad, y, text_w);
      y += 0.9 * fs;
      dln_color_set_source (cr, style->muted, 1.0);
      y += wrapped (cr, style, data->context, fs, false, x0 + pad, y, text_w);
      y += 0.9 * fs;
      dln_color_set_source (cr, style->foreground, 1.0);
      y += wrapped (cr, style, N_("What it covers"), 1.05 * fs, true, x0 + pad, y, text_w);
      y += 0.3 * fs;
      y += wrapped (cr, style, data->summary, fs, false, x0 + pad, y, text_w);
      y += 0.9 * fs;
      y += wrapped (cr, style, N_("Where to watch"), 1.05 * fs, true, x0 + pad, y, text_w);
      y += 0.3 * fs;
      for (size_t i = 0; i < data->n_links && i < DLN_CARD_MAX_LINKS; i++)
        {
          g_autofree char *line = g_strdup_printf ("%s:  %s", _(data->links[i].label),
                                                   data->links[i].url);

          y += wrapped (cr, style, line, fs, false, x0 + pad, y, text_w);
          y += 0.2 * fs;
        }
      card_h = y + pad - top;
      cairo_restore (cr);
    }
  cairo_restore (cr);
}

DlnStatus
dln_figure_card_csv (FILE       *out,
                     const void *data,
                     DlnMessage *msg)
{
  const DlnFigureCardData *card = data;
  const char *fields[][2] = {
    { "kicker", card->kicker }, { "title", card->title },
    { "speakers", card->speakers }, { "context", card->context },
    { "summary", card->summary },
  };

  fputs ("field,value\n", out);
  for (size_t i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      dln_csv_write_string (out, fields[i][0]);
      fputc (',', out);
      dln_csv_write_string (out, fields[i][1]);
      fputc ('\n', out);
    }
  for (size_t i = 0; i < card->n_links && i < DLN_CARD_MAX_LINKS; i++)
    {
      dln_csv_write_string (out, card->links[i].label);
      fputc (',', out);
      dln_csv_write_string (out, card->links[i].url);
      fputc ('\n', out);
    }
  return dln_csv_finish (out, "card", msg);
}

/* --- Catalogue entry: the card has no options --- */

static void
render_card (cairo_t              *cr,
             const DlnFigureStyle *style,
             const void           *data,
             double                w,
             double                h,
             DlnFigureGeometry    *geom)
{
  dln_figure_card_render (cr, style, data, w, h, geom);
}

static DlnStatus
build_lecture_card (const DlnFigureArgs *args,
                    DlnFigureInstance   *out,
                    DlnMessage          *msg)
{
  out->data = (void *) dln_figure_card_bonus_lecture ();
  out->render = render_card;
  out->csv = dln_figure_card_csv;
  out->free = NULL;  /* static record */
  return DLN_STATUS_OK;
}

const DlnCatalogueEntry dln_catalogue_lecture_card = {
  "lecture-card", "D19", "the bonus lecture's title card (no demo)",
  NULL, 0, 960, 600, build_lecture_card,
};
