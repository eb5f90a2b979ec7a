/* In-process checks that pages show what the course shows (run under
 * Xvfb by the gui suite): the D09 slider reaches divergence, and the
 * other course-fidelity behaviours of docs/demos.md that a page,
 * not a figure, owns. */

#include "config.h"

#include "dln-arena.h"
#include "dln-chain-common.h"
#include "dln-demos.h"
#include "dln-expr.h"
#include "dln-figure-card.h"
#include "dln-graph.h"
#include "dln-learning-rate-page.h"
#include "dln-test-gui.h"
#include "dln-ui.h"

#include "dln-figure-view.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

static gboolean
label_starts (GtkWidget     *w,
              gconstpointer  prefix)
{
  return GTK_IS_LABEL (w)
         && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (w)), prefix);
}

static gboolean
names_action (GtkWidget     *w,
              gconstpointer  action)
{
  return GTK_IS_ACTIONABLE (w)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), action) == 0;
}

#define FIND_TYPE(root, T) \
  dln_test_find_widget ((root), dln_test_is_type, GSIZE_TO_POINTER (T))

/* The page's expression: the graph page edits programs in a text view,
 * the gradient-field page expressions in an entry. */
static char *
page_expression (GtkWidget *page)
{
  GtkWidget *view = FIND_TYPE (page, GTK_TYPE_TEXT_VIEW);
  GtkTextIter start, end;

  if (view == NULL)
    return g_strdup (gtk_editable_get_text (
                       GTK_EDITABLE (FIND_TYPE (page, GTK_TYPE_ENTRY))));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                              &start, &end);
  return gtk_text_iter_get_text (&start, &end);
}

static void
set_page_expression (GtkWidget  *page,
                     const char *text)
{
  GtkWidget *view = FIND_TYPE (page, GTK_TYPE_TEXT_VIEW);

  if (view == NULL)
    gtk_editable_set_text (GTK_EDITABLE (FIND_TYPE (page, GTK_TYPE_ENTRY)),
                           text);
  else
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                              text, -1);
}

/* --- D02: the course's graph, its names and its chain rule --- */

/* The label of the graph node computed by @op from inputs labelled @a
 * (and @b), or NULL. */
static const char *
node_of (const DlnGraph *g,
         DlnOp           op,
         const char     *a,
         const char     *b)
{
  for (int i = 0; i < dln_graph_n_nodes (g); i++)
    {
      const DlnNode *n = dln_graph_node (g, i);

      if (n->op != op
          || !g_str_equal (dln_graph_node (g, n->inputs[0])->label, a))
        continue;
      if (b == NULL || g_str_equal (dln_graph_node (g, n->inputs[1])->label, b))
        return n->label;
    }
  return NULL;
}

/* The page opens on the course's f typed as the course writes it, so the
 * graph names a = 2x, b = sin y, c = a/b, d = z·c; the chain rule for x
 * reads as the notebook's (1 − tanh² e)·1/(1 + d)·z·(1/b)·2 with this
 * graph's names (its e is 1 + d and g = ln e). */
static void
test_graph_course_names (void)
{
  GtkWindow *window = NULL;
  GtkWidget *page = dln_test_page_new ("computational-graph", &window);
  GtkWidget *chain;
  g_autofree char *text = page_expression (page);
  DlnArena *arena = dln_arena_new (1u << 20);
  DlnExpr *expr = NULL;
  DlnGraph *g = NULL;

  g_assert_cmpstr (text, ==, "tanh(ln(1 + z * (2*x / sin(y))))");
  g_assert_cmpint (dln_expr_parse (text, arena, &expr, NULL), ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_expr_to_graph (expr, arena, &g, NULL), ==, DLN_STATUS_OK);
  g_assert_cmpstr (node_of (g, DLN_OP_MUL, "2", "x"), ==, "a");
  g_assert_cmpstr (node_of (g, DLN_OP_SIN, "y", NULL), ==, "b");
  g_assert_cmpstr (node_of (g, DLN_OP_DIV, "a", "b"), ==, "c");
  g_assert_cmpstr (node_of (g, DLN_OP_MUL, "z", "c"), ==, "d");
  dln_arena_free (arena);

  chain = dln_test_find_widget (page, label_starts, "∂f/∂");
  g_assert_nonnull (chain);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (chain)),
                            "∂f/∂x = (1 − tanh² g) · (1/e) · z · (1/b) · 2\n"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (chain)),
                            "∂f/∂z = (1 − tanh² g) · (1/e) · c\n"));
  dln_test_page_close (page, window);
}

/* Typing anything but a preset's expression leaves no preset named;
 * typing one back names it again (D02 and D01). */
static void
check_preset_follows_entry (const char *id,
                            const char *preset0)
{
  GtkWindow *window = NULL;
  GtkWidget *page = dln_test_page_new (id, &window);
  GtkDropDown *presets = GTK_DROP_DOWN (FIND_TYPE (page, GTK_TYPE_DROP_DOWN));

  g_assert_cmpuint (gtk_drop_down_get_selected (presets), ==, 0);
  set_page_expression (page, "x*y + 1");
  dln_test_settle (20);
  g_assert_cmpuint (gtk_drop_down_get_selected (presets), ==,
                    GTK_INVALID_LIST_POSITION);
  set_page_expression (page, "x*y +");  /* a parse error */
  dln_test_settle (20);
  g_assert_cmpuint (gtk_drop_down_get_selected (presets), ==,
                    GTK_INVALID_LIST_POSITION);
  set_page_expression (page, preset0);
  dln_test_settle (20);
  g_assert_cmpuint (gtk_drop_down_get_selected (presets), ==, 0);
  dln_test_page_close (page, window);
}

static void
test_graph_preset_follows_entry (void)
{
  check_preset_follows_entry ("computational-graph",
                              "tanh(ln(1 + z * (2*x / sin(y))))");
  check_preset_follows_entry ("gradient-field", "sin(x^2 + y^2)");
}

/* "Step back" undoes a step: after steps 1..k+1 and one step back, the
 * page says what it said after step k. Pages that cannot undo show no
 * step-back button. */
static void
test_graph_step_back (void)
{
  GtkWindow *window = NULL, *w2 = NULL;
  GtkWidget *page = dln_test_page_new ("computational-graph", &window);
  GtkWidget *caption = dln_test_find_widget (page, dln_test_has_css_class,
                                             "step-caption");
  GtkWidget *back = dln_test_find_widget (page, names_action, "demo.step-back");
  GtkWidget *other, *other_back;
  g_autofree char *after3 = NULL, *after4 = NULL;

  g_assert_nonnull (caption);
  g_assert_nonnull (back);
  g_assert_true (gtk_widget_get_visible (back));
  for (int i = 0; i < 4; i++)  /* stage 0, then three forward steps */
    gtk_widget_activate_action (page, "demo.step", NULL);
  after3 = g_strdup (gtk_label_get_text (GTK_LABEL (caption)));
  gtk_widget_activate_action (page, "demo.step", NULL);
  after4 = g_strdup (gtk_label_get_text (GTK_LABEL (caption)));
  g_assert_cmpstr (after3, !=, after4);
  gtk_widget_activate_action (page, "demo.step-back", NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (caption)), ==, after3);
  /* through the backward pass and back again */
  for (int i = 0; i < 12; i++)
    gtk_widget_activate_action (page, "demo.step", NULL);
  g_clear_pointer (&after3, g_free);
  after3 = g_strdup (gtk_label_get_text (GTK_LABEL (caption)));
  gtk_widget_activate_action (page, "demo.step", NULL);
  gtk_widget_activate_action (page, "demo.step-back", NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (caption)), ==, after3);
  dln_test_page_close (page, window);

  other = dln_test_page_new ("shallow-net", &w2);
  other_back = dln_test_find_widget (other, names_action, "demo.step-back");
  g_assert_nonnull (other_back);
  g_assert_false (gtk_widget_get_visible (other_back));
  dln_test_page_close (other, w2);
}

/* A program of named values on the graph page (issue 14): typed over
 * several lines, its backward step-through adds to ∂y/∂z once per use of
 * z (relu(z), z·x and both sides of z·z: four "+=" lines in three steps),
 * ending at 25 for x = 2 (by hand: ∂y/∂h·2z + ∂y/∂q·(relu'(z) + x) = 16 +
 * 3·3); a parse error names its line. */
static void
test_graph_program (void)
{
  GtkWindow *window = NULL;
  GtkWidget *page = dln_test_page_new ("computational-graph", &window);
  GtkWidget *caption = dln_test_find_widget (page, dln_test_has_css_class,
                                             "step-caption");
  GtkDropDown *presets = GTK_DROP_DOWN (FIND_TYPE (page, GTK_TYPE_DROP_DOWN));
  g_autoptr (GString) all = g_string_new (NULL);
  GtkWidget *error;
  const char *p;
  guint n_presets, adds = 0;

  n_presets = g_list_model_get_n_items (gtk_drop_down_get_model (presets));
  gtk_drop_down_set_selected (presets, n_presets - 1);
  dln_test_settle (20);
  {
    g_autofree char *text = page_expression (page);

    g_assert_nonnull (strstr (text, "\nq = relu(z) + z*x\n"));
  }
  for (int i = 0; i < 1 + 11 + 11; i++)  /* begin, 11 forward, 11 backward */
    {
      gtk_widget_activate_action (page, "demo.step", NULL);
      g_string_append (all, gtk_label_get_text (GTK_LABEL (caption)));
      g_string_append_c (all, '\n');
    }
  for (p = all->str; (p = strstr (p, "∂y/∂z += ")) != NULL; p++)
    adds++;
  g_assert_cmpuint (adds, ==, 4);
  g_assert_nonnull (strstr (all->str, "(∂y/∂z is now 25)"));
  g_assert_nonnull (strstr (all->str, "(∂y/∂x is now 123)"));

  set_page_expression (page, "z = 2*x\ny = z*z + * 3");
  dln_test_settle (20);
  error = dln_test_find_widget (page, label_starts, "Line 2, column 11: ");
  g_assert_nonnull (error);
  g_assert_true (gtk_widget_get_visible (error));
  dln_test_page_close (page, window);
}

/* --- D07: the 3-D view draws the course's own runs --- */

/* On the shallow net the landscape page's 3-D view holds the course's two
 * runs, η = 0.02 for 240 epochs from (−1.8, 1.7) and (1.5, −1.5), not the
 * D06 race (η = 0.15, 40 epochs). The first point is the weights after
 * one step, by hand: L = mean ((x − w₁w₂x)²) on x = 0, 1/9, …, 1, so
 * ∂L/∂w₁ = −2 w₂ (1 − w₁w₂) Sxx and ∂L/∂w₂ = −2 w₁ (1 − w₁w₂) Sxx. */
static void
test_landscape_3d_course_runs (void)
{
  GtkWindow *window = NULL;
  GtkWidget *page = dln_test_page_new ("loss-landscape", &window);
  GtkWidget *first = FIND_TYPE (page, DLN_TYPE_FIGURE_VIEW);
  GtkWidget *view3d = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "dln-course-3d.csv", NULL);
  g_autofree char *csv = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  int n0 = 0, n1 = 0;
  double sxx = 0, w1, w2, r, e1, e2;
  char **row0 = NULL;

  /* the 3-D view is the 2-D view's next figure-view sibling */
  for (GtkWidget *w = gtk_widget_get_next_sibling (first);
       w != NULL && view3d == NULL; w = gtk_widget_get_next_sibling (w))
    view3d = FIND_TYPE (w, DLN_TYPE_FIGURE_VIEW);
  g_assert_nonnull (view3d);
  g_assert_true (dln_figure_view_write (DLN_FIGURE_VIEW (view3d), path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_remove (path);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "kind,index,w1,w2,z");
  for (int i = 0; lines[i] != NULL; i++)
    {
      n0 += g_str_has_prefix (lines[i], "path0,");
      n1 += g_str_has_prefix (lines[i], "path1,");
      if (g_str_has_prefix (lines[i], "path0,0,"))
        row0 = g_strsplit (lines[i], ",", -1);
    }
  g_assert_cmpint (n0, ==, 240);
  g_assert_cmpint (n1, ==, 240);
  g_assert_nonnull (row0);
  for (int i = 0; i < 10; i++)
    sxx += (i / 9.0) * (i / 9.0) / 10.0;
  w1 = -1.8;
  w2 = 1.7;
  r = (1 - w1 * w2) * sxx;
  e1 = w1 + 0.02 * 2 * w2 * r;
  e2 = w2 + 0.02 * 2 * w1 * r;
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row0[2], NULL), e1, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row0[3], NULL), e2, 1e-12);
  g_strfreev (row0);
  dln_test_page_close (page, window);
}

/* --- D13: the 10000 sampled columns, summarised --- */

/* The sampled-data view groups the generator's 10000 columns into ±1
 * patterns, most common first, each headed by its count ("571×"); not
 * the first 40 columns (headed f1, f2, …). */
static void
test_tree_feature_summary (void)
{
  GtkWindow *window = NULL;
  GtkWidget *page = dln_test_page_new ("tree-dataset", &window);
  g_autoptr (GPtrArray) views = g_ptr_array_new ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "dln-tree-views.csv", NULL);
  gboolean found = FALSE;

  dln_test_settle (100);
  dln_test_collect_widgets (page, dln_test_is_type,
                            GSIZE_TO_POINTER (DLN_TYPE_FIGURE_VIEW), views);
  for (guint v = 0; v < views->len && !found; v++)
    {
      g_autofree char *csv = NULL;
      g_auto (GStrv) lines = NULL, head = NULL;
      size_t prev = G_MAXSIZE;

      if (!dln_figure_view_write (g_ptr_array_index (views, v), path, NULL)
          || !g_file_get_contents (path, &csv, NULL, NULL))
        continue;
      lines = g_strsplit (csv, "\n", 2);
      if (strstr (lines[0], "×") == NULL)
        continue;
      found = TRUE;
      head = g_strsplit (lines[0], ",", -1);
      g_assert_cmpuint (g_strv_length (head), ==, 1 + 24);
      for (guint k = 1; head[k] != NULL; k++)
        {
          size_t n = (size_t) g_ascii_strtoull (head[k], NULL, 10);

          g_assert_true (g_str_has_suffix (head[k], "×"));
          g_assert_cmpuint (n, >, 0);
          g_assert_cmpuint (n, <=, prev);
          prev = n;
        }
    }
  g_remove (path);
  g_assert_true (found);
  dln_test_page_close (page, window);
}

/* --- D09: the η slider reaches divergence --- */

/* η = 0.2 on the default data (seed 2021) diverges at epoch 32 (dlnlab-cli
 * chain --depth 50 --lr 0.2 --init-weight 0.9): the curve must end early,
 * in NaN, which the curves figure marks "diverged". */
static void
test_learning_rate_diverges (void)
{
  GtkWindow *window = NULL;
  GtkWidget *page = dln_test_page_new ("learning-rate", &window);
  const DlnChainPlot *run;

  g_object_set (page, "lr", 0.2, NULL);
  g_assert_cmpfloat (dln_chain_page_get_input (DLN_CHAIN_PAGE (page),
                                               DLN_CHAIN_INPUT_LR), ==, 0.2);
  run = dln_chain_page_get_run (DLN_CHAIN_PAGE (page), 0);
  g_assert_cmpuint (run->epochs, ==, 600);
  g_assert_cmpuint (run->n_done, <, run->epochs);
  g_assert_true (isnan (run->loss[run->epochs - 1]));
  dln_test_page_close (page, window);
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
  DlnChainCourse course;

  dln_chain_plot_init (plot);
  dln_chain_course_init (&course);
  course.depth = 50;
  course.count = DLN_CHAIN_COUNT_DEPTH_PLUS_ONE;
  course.lr = 0.19;
  dln_chain_plot_run (plot, &course);
  collapsed = dln_chain_plot_describe (plot);
  course.lr = 0.005;
  dln_chain_plot_run (plot, &course);
  fine = dln_chain_plot_describe (plot);
  course.lr = 0.01;
  course.init_weight = 0.5;
  dln_chain_plot_run (plot, &course);
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
  page = dln_test_page_new ("bonus-lecture", &window);
  dln_test_settle (50);
  g_assert_nonnull (dln_demo_page_get_primary_view (DLN_DEMO_PAGE (page)));
  collect_links (page, uris);
  g_assert_cmpuint (uris->len, ==, card->n_links);
  g_assert_cmpuint (uris->len, >=, 2);
  for (guint i = 0; i < uris->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (uris, i), "https://"));
  g_assert_cmpstr (g_ptr_array_index (uris, 0), ==,
                   "https://youtube.com/watch?v=2CjHGdu29ec");
  dln_test_page_close (page, window);
}

int
main (int   argc,
      char *argv[])
{
  dln_test_ui_init (&argc, &argv);

  g_test_add_func ("/dln/gui/course/learning-rate/diverges",
                   test_learning_rate_diverges);
  g_test_add_func ("/dln/gui/course/chain/collapse-described",
                   test_chain_collapse_described);
  g_test_add_func ("/dln/gui/course/graph/course-names",
                   test_graph_course_names);
  g_test_add_func ("/dln/gui/course/graph/preset-follows-entry",
                   test_graph_preset_follows_entry);
  g_test_add_func ("/dln/gui/course/graph/program", test_graph_program);
  g_test_add_func ("/dln/gui/course/graph/step-back",
                   test_graph_step_back);
  g_test_add_func ("/dln/gui/course/landscape/3d-course-runs",
                   test_landscape_3d_course_runs);
  g_test_add_func ("/dln/gui/course/tree/feature-summary",
                   test_tree_feature_summary);
  g_test_add_func ("/dln/gui/course/bonus-lecture/page",
                   test_bonus_lecture_page);
  return g_test_run ();
}
