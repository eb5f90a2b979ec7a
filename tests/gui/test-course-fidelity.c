/* In-process checks that pages show what the course shows (run under
 * Xvfb by the gui suite): the D09 slider reaches divergence, and the
 * other course-fidelity behaviours of docs/curriculum.md that a page,
 * not a figure, owns. */

#include "config.h"

#include "dln-chain-common.h"
#include "dln-demos.h"
#include "dln-figure-card.h"
#include "dln-learning-rate-page.h"
#include "dln-ui.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

/* Lets pending idles and redraws run for @ms. */
static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

/* A page of demo @id in a window of its own; the caller holds a ref. */
static GtkWidget *
new_page (const char  *id,
          GtkWindow  **window)
{
  const DlnDemoInfo *info = dln_demos_find (id);
  GtkWidget *page;

  g_assert_nonnull (info);
  page = g_object_new (info->get_type (), NULL);
  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 1000, 700);
  gtk_window_set_child (*window, page);
  gtk_window_present (*window);
  g_object_ref (page);
  return page;
}

static void
close_page (GtkWidget *page,
            GtkWindow *window)
{
  gtk_window_destroy (window);
  settle (20);
  g_assert_finalize_object (page);
}

/* --- D09: the η slider reaches divergence --- */

/* η = 0.2 on the default data (seed 2021) diverges at epoch 32 (dlnlab-cli
 * chain --depth 50 --lr 0.2 --init-weight 0.9): the curve must end early,
 * in NaN, which the curves figure marks "diverged". */
static void
test_learning_rate_diverges (void)
{
  GtkWindow *window = NULL;
  GtkWidget *page = new_page ("learning-rate", &window);
  size_t n = 0, n_done = 0;
  const double *loss;

  g_object_set (page, "lr", 0.2, NULL);
  g_assert_cmpfloat (dln_learning_rate_page_get_lr (DLN_LEARNING_RATE_PAGE (page)),
                     ==, 0.2);
  loss = dln_learning_rate_page_get_loss (DLN_LEARNING_RATE_PAGE (page),
                                          &n, &n_done);
  g_assert_cmpuint (n, ==, 600);
  g_assert_cmpuint (n_done, <, n);
  g_assert_true (isnan (loss[n - 1]));
  close_page (page, window);
}

/* At η = 0.19 the default run does not overflow: a step overshoots,
 * every weight flips to −0.737, their product is −1.8e-7 and the loss
 * stays flat at 0.6746 ≈ mean (y²)/2.
 * The status says so; an ordinary run and a run that merely starts tiny
 * (0.5⁵¹) do not claim it. */
static void
test_chain_collapse_described (void)
{
  DlnChainPlot *plot = g_new (DlnChainPlot, 1);
  g_autofree char *collapsed = NULL, *fine = NULL, *tiny = NULL;

  dln_chain_plot_init (plot);
  dln_chain_plot_run (plot, DLN_CHAIN_DEFAULT_SEED, 50,
                      DLN_CHAIN_COUNT_DEPTH_PLUS_ONE, 0.19, 0.9, 600);
  collapsed = dln_chain_plot_describe (plot);
  dln_chain_plot_run (plot, DLN_CHAIN_DEFAULT_SEED, 50,
                      DLN_CHAIN_COUNT_DEPTH_PLUS_ONE, 0.005, 0.9, 600);
  fine = dln_chain_plot_describe (plot);
  dln_chain_plot_run (plot, DLN_CHAIN_DEFAULT_SEED, 50,
                      DLN_CHAIN_COUNT_DEPTH_PLUS_ONE, 0.01, 0.5, 600);
  tiny = dln_chain_plot_describe (plot);
  g_assert_nonnull (strstr (collapsed, "collapsed"));
  g_assert_null (strstr (fine, "collapsed"));
  g_assert_null (strstr (tiny, "collapsed"));
  g_free (plot);
}

/* --- D19: the bonus lecture is a page --- */

static void
collect_links (GtkWidget *widget,
               GPtrArray *uris)
{
  if (GTK_IS_LINK_BUTTON (widget))
    g_ptr_array_add (uris, (gpointer) gtk_link_button_get_uri (GTK_LINK_BUTTON (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_links (c, uris);
}

/* The registry (what `dlnlab --list-demos` prints) names it as D19; the
 * page shows the card and links to the talk and its slides. */
static void
test_bonus_lecture_page (void)
{
  const DlnDemoInfo *info = dln_demos_find ("bonus-lecture");
  const DlnFigureCardData *card = dln_figure_card_bonus_lecture ();
  g_autoptr (GPtrArray) uris = g_ptr_array_new ();
  GtkWindow *window = NULL;
  GtkWidget *page;

  g_assert_nonnull (info);
  g_assert_cmpstr (info->curriculum, ==, "D19");
  g_assert_cmpstr (card->title, ==, "Deep Learning for AI");
  g_assert_cmpstr (card->speakers, ==, "Yoshua Bengio");
  page = new_page ("bonus-lecture", &window);
  settle (50);
  g_assert_nonnull (dln_demo_page_get_primary_view (DLN_DEMO_PAGE (page)));
  collect_links (page, uris);
  g_assert_cmpuint (uris->len, ==, card->n_links);
  g_assert_cmpuint (uris->len, >=, 2);
  for (guint i = 0; i < uris->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (uris, i), "https://"));
  g_assert_cmpstr (g_ptr_array_index (uris, 0), ==,
                   "https://youtube.com/watch?v=2CjHGdu29ec");
  close_page (page, window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  dln_ui_init ();

  g_test_add_func ("/dln/gui/course/learning-rate/diverges",
                   test_learning_rate_diverges);
  g_test_add_func ("/dln/gui/course/chain/collapse-described",
                   test_chain_collapse_described);
  g_test_add_func ("/dln/gui/course/bonus-lecture/page",
                   test_bonus_lecture_page);
  return g_test_run ();
}
