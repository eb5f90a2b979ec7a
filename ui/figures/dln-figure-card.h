#pragma once

/* dln-figure-card: a title card for a part of the course that has no demo
 * (D19, the bonus lecture: a recorded talk with no code, figures or
 * exercises). The card names the talk, its speakers, what it covers and
 * where to watch it; the page and `dlnlab-cli export lecture-card` draw
 * the same card from the same record. */

#include "dln-figure.h"

#include <stddef.h>
#include <stdio.h>

typedef struct
{
  const char *label;  /* "Video (YouTube)" */
  const char *url;    /* https://… */
} DlnCardLink;

#define DLN_CARD_MAX_LINKS 4

typedef struct
{
  const char  *kicker;    /* small line above the title: "D19 · Bonus lecture" */
  const char  *title;
  const char  *speakers;  /* "Name, Name" */
  const char  *context;   /* where it sits in the course */
  const char  *summary;   /* what it covers; plain text, wrapped */
  DlnCardLink  links[DLN_CARD_MAX_LINKS];
  size_t       n_links;
} DlnFigureCardData;

/* dln_figure_card_bonus_lecture:
 * Returns the static record of the course's bonus lecture (D19). */
const DlnFigureCardData *dln_figure_card_bonus_lecture (void);

/* dln_figure_card_render:
 * Draws @data as a card centred in (0, 0, @width, @height): kicker,
 * title, speakers, context, the wrapped summary and one line per link.
 * @geom (nullable) gets no panels. Restores @cr. */
DLN_FIGURE_DECLARE_RENDER (card, DlnFigureCardData);

/* dln_figure_card_csv:
 * Writes the card as "field,value" rows (title, speakers, context,
 * summary, then one row per link: label,url). A DlnFigureCsvFunc. */
DLN_FIGURE_DECLARE_CSV (card, void);
