#define G_LOG_DOMAIN "dln-lecture-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-lecture-page.h"

#include "dln-figure-card.h"
#include "dln-figure-view.h"

struct _DlnLecturePage
{
  DlnDemoPage    parent_instance;

  /* template children */
  DlnFigureView *view;
  GtkBox        *links_box;
};

G_DEFINE_FINAL_TYPE (DlnLecturePage, dln_lecture_page, DLN_TYPE_DEMO_PAGE)

static void
dln_lecture_page_class_init (DlnLecturePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  dln_demo_page_class_set_template (DLN_DEMO_PAGE_CLASS (klass),
                                    "dln-lecture-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlnLecturePage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnLecturePage, links_box);
}

static void
dln_lecture_page_init (DlnLecturePage *self)
{
  const DlnFigureCardData *card = dln_figure_card_bonus_lecture ();
  g_autofree char *description = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The card is a static record: the view only reads it. */
  dln_figure_view_set_figure (self->view,
                              (DlnFigureRenderFunc) dln_figure_card_render,
                              dln_figure_card_csv, (gpointer) card);
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->view);
  /* TRANSLATORS: the lecture's title, speaker and summary */
  description = g_strdup_printf (_("%s, by %s. %s"), _(card->title),
                                 card->speakers, _(card->summary));
  g_object_set (self->view, "title", _(card->title), NULL);
  dln_figure_view_set_description (self->view, description);

  for (size_t i = 0; i < card->n_links && i < DLN_CARD_MAX_LINKS; i++)
    {
      GtkWidget *button = gtk_link_button_new_with_label (card->links[i].url,
                                                          _(card->links[i].label));

      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (button, card->links[i].url);
      gtk_box_append (self->links_box, button);
    }
}
