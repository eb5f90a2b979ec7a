/* In-process checks that the user's own data (a CSV imported on the tree
 * page) is what every Tutorial 3 page trains on and names (run under Xvfb
 * by the gui suite). The pages sit in one window, as in dlnlab, so they
 * share its DlnDataSource. For a 5 × 7 file with unusual names:
 *   - the engine input: each trained page's weights map 5 inputs to 7
 *     outputs, and W_D ⋯ W_1 has learned Yᵀ (the values typed below, not
 *     read back through the loader);
 *   - the names: each page's exported CSV holds the file's item and
 *     feature names (as the loader defines them: spaces around a field are
 *     dropped);
 *   - a session saved with the data reopens it after the file is deleted;
 *   - a shape the illusory page cannot use (one feature) is refused there
 *     with a message while the other pages train on it. */

#include "config.h"

#include "dln-csv.h"
#include "dln-demo-page.h"
#include "dln-demos.h"
#include "dln-figure-view.h"
#include "dln-run.h"
#include "dln-session-ui.h"
#include "dln-test-gui.h"
#include "dln-ui.h"
#include "dln-ui-error.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#define P_ITEMS    5
#define N_FEATURES 7
/* η below the data's stability bound P·N/(2 s₁) (about 5.3 here, s₁ the
 * largest singular value of Σ_yx) and fast enough to fit Yᵀ in 250
 * epochs from γ = 1e-12. */
#define LR         5.0
/* After 250 epochs at LR the loss (mean square) is far below 1e-20;
 * 1e-6 per entry leaves room for a loaded machine's slower, not
 * different, arithmetic: the same code gives the same bits. */
#define FIT_TOL    1e-6

static const char user_csv[] =
  "# a user's own data: unusual names and shape\n"
  "thing,\"has \"\"quotes\"\"\",Ärmel,\"f, with comma\",🐟 fins,x²,"
  "  spaced name  ,zeta-last\n"
  "Ωmega,1,-1,1,1,-1,1,-1\n"
  "\"comma, item\",1,1,-1,1,-1,-1,1\n"
  "Ünïcode bird,-1,1,1,-1,0.5,1,1\n"
  "\"quote \"\"q\"\" item\",1,-1,-1,-1,1,-0.25,-1\n"
  "item five,-1,-1,1,1,1,-1,1\n";

static const char *const items[P_ITEMS] = {
  "Ωmega", "comma, item", "Ünïcode bird", "quote \"q\" item", "item five",
};
static const char *const features[N_FEATURES] = {
  "has \"quotes\"", "Ärmel", "f, with comma", "🐟 fins", "x²",
  "spaced name", "zeta-last",
};
static const double values[P_ITEMS][N_FEATURES] = {
  { 1, -1, 1, 1, -1, 1, -1 },
  { 1, 1, -1, 1, -1, -1, 1 },
  { -1, 1, 1, -1, 0.5, 1, 1 },
  { 1, -1, -1, -1, 1, -0.25, -1 },
  { -1, -1, 1, 1, 1, -1, 1 },
};

static const char *const t3_pages[] = {
  "tree-dataset", "dynamics", "data-svd", "rsa", "illusory",
};
#define N_T3 G_N_ELEMENTS (t3_pages)

typedef struct
{
  GtkWindow *window;
  GtkStack  *stack;
  GtkWidget *pages[N_T3];
} Lab;

/* The Tutorial 3 pages in one window's stack, as dlnlab holds them. */
static void
lab_open (Lab *lab)
{
  lab->window = GTK_WINDOW (gtk_window_new ());
  lab->stack = GTK_STACK (gtk_stack_new ());
  gtk_window_set_default_size (lab->window, 1200, 800);
  gtk_window_set_child (lab->window, GTK_WIDGET (lab->stack));
  for (guint i = 0; i < N_T3; i++)
    {
      const DlnDemoInfo *info = dln_demos_find (t3_pages[i]);

      g_assert_nonnull (info);
      lab->pages[i] = g_object_new (info->get_type (), NULL);
      gtk_stack_add_named (lab->stack, lab->pages[i], t3_pages[i]);
      g_object_ref (lab->pages[i]);
    }
  gtk_window_present (lab->window);
  dln_test_settle (50);
}

static void
lab_close (Lab *lab)
{
  gtk_window_destroy (lab->window);
  dln_test_settle (20);
  for (guint i = 0; i < N_T3; i++)
    g_assert_finalize_object (lab->pages[i]);
}

static GtkWidget *
lab_show (Lab        *lab,
          const char *id)
{
  for (guint i = 0; i < N_T3; i++)
    if (g_str_equal (t3_pages[i], id))
      {
        gtk_stack_set_visible_child (lab->stack, lab->pages[i]);
        dln_test_settle (20);
        return lab->pages[i];
      }
  g_assert_not_reached ();
  return NULL;
}

/* Waits until @page's trained weights map @n_in inputs to @n_out outputs
 * and returns them (or NULL after 60 s). */
static GVariant *
wait_weights (GtkWidget *page,
              gsize      n_in,
              gsize      n_out)
{
  gint64 limit = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < limit)
    {
      GVariant *w = NULL;

      dln_test_settle (20);
      g_object_get (page, "weights", &w, NULL);
      if (w != NULL && g_variant_n_children (w) > 0)
        {
          gsize D = g_variant_n_children (w);
          g_autoptr(GVariant) first = g_variant_get_child_value (w, 0);
          g_autoptr(GVariant) last = g_variant_get_child_value (w, D - 1);
          g_autoptr(GVariant) row = g_variant_get_child_value (first, 0);

          if (g_variant_n_children (row) == n_in
              && g_variant_n_children (last) == n_out)
            return w;
        }
      g_clear_pointer (&w, g_variant_unref);
    }
  return NULL;
}

/* max |(W_D ⋯ W_1)[f, i] − Y[i, f]|: how far the trained map is from the
 * typed-in data. */
static double
fit_error (GVariant *weights)
{
  gsize D = g_variant_n_children (weights);
  g_autofree double *m = NULL;   /* running product [rows, P_ITEMS] */
  gsize rows = 0;
  double worst = 0.0;

  for (gsize l = 0; l < D; l++)
    {
      g_autoptr(GVariant) layer = g_variant_get_child_value (weights, l);
      gsize r = g_variant_n_children (layer);
      double *next = g_new0 (double, r * P_ITEMS);

      for (gsize a = 0; a < r; a++)
        {
          g_autoptr(GVariant) row = g_variant_get_child_value (layer, a);
          gsize c = 0;
          const double *w = g_variant_get_fixed_array (row, &c,
                                                       sizeof (double));

          for (gsize i = 0; i < P_ITEMS; i++)
            for (gsize b = 0; b < c; b++)
              next[a * P_ITEMS + i] += w[b] * (l == 0 ? (b == i ? 1.0 : 0.0)
                                               : m[b * P_ITEMS + i]);
        }
      g_free (m);
      m = next;
      rows = r;
    }
  g_assert_cmpuint (rows, ==, N_FEATURES);
  for (gsize f = 0; f < N_FEATURES; f++)
    for (gsize i = 0; i < P_ITEMS; i++)
      worst = fmax (worst, fabs (m[f * P_ITEMS + i] - values[i][f]));
  return worst;
}

/* The view's CSV export, as the user gets it. */
static char *
export_csv (DlnFigureView *view,
            const char    *dir,
            const char    *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_assert_nonnull (view);
  g_unlink (path);
  dln_figure_view_export_to (view, path);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* @csv holds @name as one CSV field (quoted as dln_csv_write_string
 * quotes it). */
static gboolean
has_field (const char *csv,
           const char *name)
{
  g_autoptr(GString) field = g_string_new (NULL);

  if (strpbrk (name, ",\"\n") != NULL)
    {
      g_string_append_c (field, '"');
      for (const char *c = name; *c != '\0'; c++)
        {
          if (*c == '"')
            g_string_append_c (field, '"');
          g_string_append_c (field, *c);
        }
      g_string_append_c (field, '"');
    }
  else
    g_string_append (field, name);
  return strstr (csv, field->str) != NULL;
}

static void
assert_names (const char *csv,
              gboolean    with_features,
              const char *where)
{
  for (gsize i = 0; i < P_ITEMS; i++)
    if (!has_field (csv, items[i]))
      g_error ("%s: the export lacks item %s:\n%s", where, items[i], csv);
  for (gsize f = 0; with_features && f < N_FEATURES; f++)
    if (!has_field (csv, features[f]))
      g_error ("%s: the export lacks feature %s:\n%s", where, features[f],
               csv);
}

typedef struct
{
  GType      type;
  GPtrArray *found;
} Collect;

static void
collect (GtkWidget *w,
         Collect   *c)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (w, c->type))
    g_ptr_array_add (c->found, w);
  for (GtkWidget *k = gtk_widget_get_first_child (w); k != NULL;
       k = gtk_widget_get_next_sibling (k))
    collect (k, c);
}

/* Every label text of @page, joined. */
static char *
page_text (GtkWidget *page)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  Collect c = { GTK_TYPE_LABEL, labels };
  GString *text = g_string_new (NULL);

  collect (page, &c);
  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (text, "%s\n",
                            gtk_label_get_text (labels->pdata[i]));
  return g_string_free (text, FALSE);
}

/* The page's figure views, in widget order. */
static GPtrArray *
page_views (GtkWidget *page)
{
  GPtrArray *views = g_ptr_array_new ();
  Collect c = { DLN_TYPE_FIGURE_VIEW, views };

  collect (page, &c);
  return views;
}

/* The course's Python scripts train on the tree draw: a page on the
 * user's data refuses to export one rather than write the wrong run. */
static void
assert_python_refused (GtkWidget  *page,
                       const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "run.py", NULL);
  g_autoptr(GError) error = NULL;
  DlnFigureView *view = dln_demo_page_get_primary_view (DLN_DEMO_PAGE (page));

  g_assert_false (dln_figure_view_write (view, path, &error));
  g_assert_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "imported data"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Every trained Tutorial 3 page of @lab uses the 5 × 7 data: weights
 * 5 → 7 that fit Yᵀ, the names in each export. */
static void
check_pages_use_data (Lab        *lab,
                      const char *dir)
{
  static const char *const trained[] = { "dynamics", "rsa", "illusory" };
  GtkWidget *page;
  g_autofree char *csv = NULL;

  for (gsize t = 0; t < G_N_ELEMENTS (trained); t++)
    {
      g_autoptr(GVariant) w = NULL;
      double err;

      page = lab_show (lab, trained[t]);
      w = wait_weights (page, P_ITEMS, N_FEATURES);
      if (w == NULL)
        g_error ("%s: never trained on the 5 × 7 data", trained[t]);
      assert_python_refused (page, dir);
      err = fit_error (w);
      g_test_message ("%s: max |W_tot − Yᵀ| = %.3g", trained[t], err);
      g_assert_cmpfloat (err, <, FIT_TOL);
    }

  /* dynamics: one curve per mode of the data, min (5, 7) */
  page = lab_show (lab, "dynamics");
  csv = export_csv (dln_demo_page_get_primary_view (DLN_DEMO_PAGE (page)),
                    dir, "dynamics.csv");
  g_assert_nonnull (strstr (csv, ",sv5"));
  g_assert_null (strstr (csv, ",sv6"));
  g_clear_pointer (&csv, g_free);

  /* RSA: the item names label the RSM */
  page = lab_show (lab, "rsa");
  csv = export_csv (dln_demo_page_get_primary_view (DLN_DEMO_PAGE (page)),
                    dir, "rsa.csv");
  assert_names (csv, FALSE, "rsa");
  g_clear_pointer (&csv, g_free);

  /* illusory: the file's last feature is the one tracked, its names
   * label the data view */
  page = lab_show (lab, "illusory");
  {
    g_autoptr(GPtrArray) views = page_views (page);
    gboolean data_view = FALSE;

    for (guint i = 0; i < views->len; i++)
      {
        g_autofree char *name = g_strdup_printf ("illusory-%u.csv", i);
        g_autofree char *v = export_csv (views->pdata[i], dir, name);

        if (has_field (v, "zeta-last") && has_field (v, items[0]))
          {
            assert_names (v, TRUE, "illusory data view");
            data_view = TRUE;
          }
      }
    g_assert_true (data_view);
  }
  /* the tracked output is item 0's value of the last feature, learned */
  csv = export_csv (dln_demo_page_get_primary_view (DLN_DEMO_PAGE (page)),
                    dir, "illusory.csv");
  {
    g_auto(GStrv) lines = g_strsplit (g_strstrip (csv), "\n", -1);
    guint n = g_strv_length (lines);
    g_auto(GStrv) cells = NULL;
    guint last = 0;

    /* the curve's rows end at the first blank line */
    while (last + 1 < n && lines[last + 1][0] != '\0')
      last++;
    cells = g_strsplit (lines[last], ",", -1);
    g_assert_cmpstr (cells[0], ==, "249");
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (cells[1], NULL),
                                    values[0][N_FEATURES - 1], FIT_TOL);
  }
  g_clear_pointer (&csv, g_free);

  /* data SVD: Y's modes, named; Σ s² = ‖Y‖²_F (the typed values) */
  page = lab_show (lab, "data-svd");
  csv = export_csv (dln_demo_page_get_primary_view (DLN_DEMO_PAGE (page)),
                    dir, "svd.csv");
  assert_names (csv, TRUE, "data-svd");
  assert_python_refused (page, dir);
  {
    g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
    double sum_s2 = 0.0, frob = 0.0;
    int n_modes = 0;

    for (int i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
      {
        g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);
        double s = g_ascii_strtod (cells[1], NULL);

        sum_s2 += s * s;
        n_modes++;
      }
    for (gsize i = 0; i < P_ITEMS; i++)
      for (gsize f = 0; f < N_FEATURES; f++)
        frob += values[i][f] * values[i][f];
    g_assert_cmpint (n_modes, ==, P_ITEMS);
    g_assert_cmpfloat_with_epsilon (sum_s2, frob, 1e-9 * frob);
  }
}

static void
set_lr (Lab *lab)
{
  g_object_set (lab->pages[1], "lr", LR, NULL);
  g_object_set (lab->pages[3], "lr", LR, NULL);
  g_object_set (lab->pages[4], "lr", LR, NULL);
}

static void
test_user_data_every_page (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dlnlab-user-data-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "my items.csv", NULL);
  g_autofree char *session = g_build_filename (dir, "lecture.json", NULL);
  g_autoptr(GFile) session_file = g_file_new_for_path (session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) data = NULL;
  Lab lab, reopened;

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (path, user_csv, -1, NULL));
  lab_open (&lab);
  set_lr (&lab);
  gtk_widget_activate_action (lab.pages[0], "tree.import-csv-from", "s",
                              path);
  dln_test_settle (50);
  check_pages_use_data (&lab, dir);

  /* the session keeps the content; the file goes */
  g_assert_true (dln_session_ui_save_to (lab.stack, NULL, session_file,
                                         &error));
  g_assert_no_error (error);
  lab_close (&lab);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  lab_open (&reopened);
  g_assert_true (dln_session_ui_open_from (reopened.stack, session_file,
                                           NULL, &error));
  g_assert_no_error (error);
  dln_test_settle (50);
  g_object_get (reopened.pages[0], "csv-data", &data, NULL);
  g_assert_nonnull (data);
  check_pages_use_data (&reopened, dir);
  lab_close (&reopened);

  g_unlink (session);
  for (guint i = 0; ; i++)
    {
      g_autofree char *name = g_strdup_printf ("illusory-%u.csv", i);
      g_autofree char *p = g_build_filename (dir, name, NULL);

      if (g_unlink (p) != 0)
        break;
    }
  for (guint i = 0; i < 4; i++)
    {
      static const char *const names[] = { "dynamics.csv", "rsa.csv",
                                           "svd.csv", "illusory.csv" };
      g_autofree char *p = g_build_filename (dir, names[i], NULL);

      g_unlink (p);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* One feature: nothing for the illusory page to track against, said in
 * words; the other pages train on it (3 inputs → 1 output). */
static void
test_user_data_illusory_refuses_shape (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dlnlab-user-data-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "one.csv", NULL);
  g_autoptr(GVariant) w = NULL;
  g_autofree char *text = NULL;
  GtkWidget *page;
  Lab lab;

  g_assert_true (g_file_set_contents (path, "item,only\na,1\nb,-1\nc,1\n",
                                      -1, NULL));
  lab_open (&lab);
  gtk_widget_activate_action (lab.pages[0], "tree.import-csv-from", "s",
                              path);
  g_object_set (lab.pages[1], "lr", 1.0, NULL);
  page = lab_show (&lab, "illusory");
  text = page_text (page);
  g_assert_nonnull (strstr (text, "Cannot show illusory correlations on "
                                  "your data (3 items × 1 features)"));
  w = wait_weights (lab_show (&lab, "dynamics"), 3, 1);
  g_assert_nonnull (w);
  lab_close (&lab);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  dln_test_ui_init (&argc, &argv);

  g_test_add_func ("/dln/gui/user-data/every-page",
                   test_user_data_every_page);
  g_test_add_func ("/dln/gui/user-data/illusory-refuses-shape",
                   test_user_data_illusory_refuses_shape);
  return g_test_run ();
}
