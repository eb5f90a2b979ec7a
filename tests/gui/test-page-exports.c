/* Every page parameter, end to end (run under Xvfb by the gui suite): a
 * page with one control set to a value must export the same CSV as the
 * figure catalogue (dlnlab-cli export) built with the matching option.
 * The catalogue's defaults and ranges are checked against the engines in
 * the headless suite (test-cli-options), so a page that passes a control
 * to the wrong parameter, or its own copy of a rule, shows up here as a
 * CSV that differs. Where one engine function runs the experiment for
 * all three, the page, the catalogue and dlnlab-cli export must agree
 * byte for byte. */

#include "config.h"

#include "dln-demo-page.h"
#include "dln-demos.h"
#include "dln-figure-catalogue.h"
#include "dln-linalg.h"
#include "dln-test-gui.h"
#include "dln-test-util.h"
#include "dln-ui.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

typedef struct
{
  const char *demo;       /* registry id */
  const char *control;    /* page property, or template child "<c>_row" */
  const char *value;      /* NULL: the page's default */
  const char *entry;      /* catalogue entry */
  const char *options;    /* "name=value ..." (nullable) */
  int         steps;      /* demo.step presses after setting the control */
  const char *check;      /* (nullable) label of a check button to tick */
  gboolean    whole;      /* every table, not only the first */
  const char *view;       /* (nullable) the view of this name, not the
                           * page's primary one */
  gboolean    bytes;      /* the page, the catalogue and dlnlab-cli export
                           * write the same bytes (one engine function
                           * behind all three, nothing reformatted) */
} ExportRow;

static const ExportRow rows[] = {
  /* D08-D12: one run (dln_chain_course_run) and one set of defaults
   * (dln-chain.h) behind the page, the catalogue and the CLI, byte for
   * byte, the defaults included */
  { "depth", NULL, NULL, "depth-loss", NULL, 0, NULL, TRUE, NULL, TRUE },
  { "depth", "depth", "15", "depth-loss", "depth=15", 0, NULL, TRUE, NULL,
    TRUE },
  { "learning-rate", NULL, NULL, "lr-loss", NULL, 0, NULL, TRUE, NULL,
    TRUE },
  { "learning-rate", "lr", "0.02", "lr-loss", "lr=0.02", 0, NULL, TRUE, NULL,
    TRUE },
  { "initialisation", NULL, NULL, "init-loss", NULL, 0, NULL, TRUE, NULL,
    TRUE },
  { "playground", NULL, NULL, "playground-loss", NULL, 0, NULL, TRUE, NULL,
    TRUE },
  { "playground", "depth", "30", "playground-loss", "depth=30", 0, NULL,
    TRUE, NULL, TRUE },
  { "playground", "init-weight", "0.5", "playground-loss", "init=0.5", 0,
    NULL, TRUE, NULL, TRUE },
  { "depth-lr-game", NULL, NULL, "register", "registered=none", 0, NULL,
    TRUE, NULL, TRUE },
  { "dynamics", NULL, NULL, "dynamics", NULL },
  { "dynamics", "log-gamma", "-6", "dynamics", "gamma=1e-6" },
  { "dynamics", "hidden", "16", "dynamics", "hidden=16" },
  { "rsa", NULL, NULL, "rsm", NULL },   /* the run (the epoch: below) */
  { "rsa", "epoch", "100", "rsm", "epoch=100" },
  { "rsa", "layer", "2", "rsm", NULL },   /* depth 2 has one hidden layer */
  { "depth-lr-game", "lr", "0.02", "register", "lr=0.02" },
  { "illusory", NULL, NULL, "illusory", NULL },
  { "illusory", "preset", "1", "illusory", "dataset=tree-parrot" },
  /* D05 and D04: one engine function (dln_narrow_run, dln_wide_net_setup)
   * behind the page, the catalogue and the CLI, byte for byte */
  { "shallow-net", NULL, NULL, "shallow-net", NULL, 0, NULL, TRUE, NULL,
    TRUE },
  { "shallow-net", "w2", "0.5", "shallow-net", "w2=0.5", 0, NULL, TRUE, NULL,
    TRUE },
  { "shallow-net", "seed", "7", "shallow-net", "seed=7", 0, NULL, TRUE,
    NULL, TRUE },
  /* D03: one graph (dln_graph_build_neuron) and one figure set-up
   * (dln_neuron_check_data_new) behind the page and the catalogue */
  { "single-neuron", NULL, NULL, "neuron-check", NULL, 0, NULL, TRUE, NULL,
    TRUE },
  { "single-neuron", "b", "1.5", "neuron-check", "b=1.5", 0, NULL, TRUE,
    NULL, TRUE },
  { "gradient-field", NULL, NULL, "gradient-field", NULL },
  { "wide-net", NULL, NULL, "wide-net-regression", "epochs=4", 4, NULL, TRUE,
    NULL, TRUE },
  { "wide-net", "momentum", "0.5", "wide-net-regression",
    "momentum=0.5 epochs=3", 3, NULL, TRUE, NULL, TRUE },
  { "wide-net", "seed", "7", "wide-net-regression", "seed=7 epochs=2", 2,
    NULL, TRUE, NULL, TRUE },
  { "loss-landscape", NULL, NULL, "loss-landscape-race", NULL, 0, NULL, TRUE,
    NULL, TRUE },
  { "loss-landscape", "momentum", "0.5", "loss-landscape-race",
    "optimizers=sgd,adam momentum=0.5", 0, "Adam" },
  /* D18: the 3 × 3 example, both runs' losses and the agreement */
  { "regression", NULL, NULL, "map-compare", NULL, 0, NULL, TRUE },
  /* D13: the hierarchy the tree page draws from its generator settings */
  { "tree-dataset", NULL, NULL, "tree-diagram", NULL, 0, NULL, TRUE,
    "tree-diagram" },
  { "tree-dataset", "levels", "2", "tree-diagram", "levels=2", 0, NULL, TRUE,
    "tree-diagram" },
  { "tree-dataset", "branches", "3", "tree-diagram", "branches=3", 0, NULL,
    TRUE, "tree-diagram" },
  /* D15: the Data SVD page's figure (every feature column) is the
   * catalogue's (dln_figure_data_svd_init), byte for byte */
  { "data-svd", NULL, NULL, "data-svd", "features=10000", 0, NULL, TRUE, NULL,
    TRUE },
  { "data-svd", "seed", "7", "data-svd", "seed=7 features=10000", 0, NULL,
    TRUE, NULL, TRUE },
  { "data-svd", "source", "1", "data-svd", "dataset=tree-table", 0, NULL, TRUE,
    NULL, TRUE },
  /* D16: the RSM the theory predicts, at the page's epoch */
  { "rsa", NULL, NULL, "rsm-predicted", NULL, 0, NULL, TRUE, "rsa-predicted" },
  { "rsa", "epoch", "100", "rsm-predicted", "epoch=100", 0, NULL, TRUE,
    "rsa-predicted" },
};

static void
set_control (GtkWidget  *page,
             const char *name,
             const char *text)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (page),
                                                    name);
  g_autofree char *child = NULL;
  GObject *row;

  if (pspec != NULL)
    {
      g_auto (GValue) s = G_VALUE_INIT;
      g_auto (GValue) v = G_VALUE_INIT;
      double d = g_ascii_strtod (text, NULL);

      g_value_init (&v, pspec->value_type);
      switch (G_TYPE_FUNDAMENTAL (pspec->value_type))
        {
        case G_TYPE_INT: g_value_set_int (&v, (int) d); break;
        case G_TYPE_UINT: g_value_set_uint (&v, (guint) d); break;
        case G_TYPE_UINT64: g_value_set_uint64 (&v, (guint64) d); break;
        case G_TYPE_DOUBLE: g_value_set_double (&v, d); break;
        case G_TYPE_BOOLEAN: g_value_set_boolean (&v, d != 0); break;
        default: g_error ("%s: property type not handled", name);
        }
      g_object_set_property (G_OBJECT (page), name, &v);
      return;
    }
  /* pages without properties: the slider row in the template */
  child = g_strdup_printf ("%s_row", name);
  row = gtk_widget_get_template_child (page, G_OBJECT_TYPE (page), child);
  if (row == NULL)
    g_error ("page has no property or row '%s'", name);
  g_object_set (row, "value", g_ascii_strtod (text, NULL), NULL);
}

static gboolean
is_check_labelled (GtkWidget     *w,
                   gconstpointer  label)
{
  return GTK_IS_CHECK_BUTTON (w)
         && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (w)),
                       label) == 0;
}

static gboolean
is_view_named (GtkWidget     *w,
               gconstpointer  name)
{
  if (!DLN_IS_FIGURE_VIEW (w))
    return FALSE;
  return strcmp (dln_figure_view_get_name (DLN_FIGURE_VIEW (w)), name) == 0;
}

static char *
read_file (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* Numbers in the two CSVs agree to this relative tolerance: the page and
 * the catalogue run the same engine, but may format a double with a
 * different number of digits (shortest round trip or %.17g), and the
 * theory columns integrate from a start computed along two paths (they
 * agree to ~1e-13). A control passed to the wrong parameter moves the
 * numbers by far more. */
#define CSV_REL_TOL 1e-9

static gboolean
same_field (const char *x,
            const char *y)
{
  char *ex = NULL, *ey = NULL;
  double dx, dy;

  if (strcmp (x, y) == 0)
    return TRUE;
  dx = g_ascii_strtod (x, &ex);
  dy = g_ascii_strtod (y, &ey);
  if (ex == x || ey == y || *ex != '\0' || *ey != '\0')
    return FALSE;
  return fabs (dx - dy) <= CSV_REL_TOL * fmax (1.0, fmax (fabs (dx),
                                                           fabs (dy)));
}

/* Compares the first table (up to the first blank line) of two CSVs on
 * the columns both have (a page view may show fewer series than the
 * catalogue's figure, or the other way round); every row must match. */
static void
compare_csv (const ExportRow *r,
             const char      *page,
             const char      *cat)
{
  g_auto (GStrv) la = g_strsplit (page, "\n", -1);
  g_auto (GStrv) lb = g_strsplit (cat, "\n", -1);
  g_auto (GStrv) ha = g_strsplit (la[0], ",", -1);
  g_auto (GStrv) hb = g_strsplit (lb[0], ",", -1);
  int map[256];
  guint n_common = 0, i;

  for (i = 0; ha[i] != NULL && i < G_N_ELEMENTS (map); i++)
    {
      map[i] = -1;
      for (guint j = 0; hb[j] != NULL; j++)
        if (strcmp (ha[i], hb[j]) == 0)
          {
            map[i] = (int) j;
            n_common++;
            break;
          }
    }
  if (n_common < 2)
    g_error ("%s: page CSV (%s) and export %s (%s) share fewer than two "
             "columns", r->demo, la[0], r->entry, lb[0]);
  for (i = 1; la[i] != NULL && lb[i] != NULL && la[i][0] != '\0'; i++)
    {
      g_auto (GStrv) fa = g_strsplit (la[i], ",", -1);
      g_auto (GStrv) fb = g_strsplit (lb[i], ",", -1);

      for (guint k = 0; fa[k] != NULL && k < G_N_ELEMENTS (map); k++)
        {
          if (map[k] < 0)
            continue;
          if ((guint) map[k] >= g_strv_length (fb)
              || !same_field (fa[k], fb[map[k]]))
            g_error ("%s %s=%s: the page's CSV differs from export %s %s at "
                     "line %u, column %s:\n  page:      %.120s\n  "
                     "catalogue: %.120s", r->demo,
                     r->control != NULL ? r->control : "(defaults)",
                     r->value != NULL ? r->value : "", r->entry,
                     r->options != NULL ? r->options : "", i + 1, ha[k],
                     la[i], lb[i]);
        }
    }
  /* both tables end together */
  if ((la[i] == NULL || la[i][0] == '\0')
      != (lb[i] == NULL || lb[i][0] == '\0'))
    g_error ("%s %s=%s: the page's CSV has %s rows than export %s %s (line "
             "%u)", r->demo, r->control != NULL ? r->control : "(defaults)",
             r->value != NULL ? r->value : "",
             la[i] == NULL || la[i][0] == '\0' ? "fewer" : "more", r->entry,
             r->options != NULL ? r->options : "", i + 1);
}

/* Every line of both CSVs, field by field (the page and the figure draw
 * the same tables). */
static void
compare_whole (const ExportRow *r,
               const char      *page,
               const char      *cat)
{
  g_auto (GStrv) la = g_strsplit (page, "\n", -1);
  g_auto (GStrv) lb = g_strsplit (cat, "\n", -1);
  guint i;

  for (i = 0; la[i] != NULL && lb[i] != NULL; i++)
    {
      g_auto (GStrv) fa = g_strsplit (la[i], ",", -1);
      g_auto (GStrv) fb = g_strsplit (lb[i], ",", -1);
      guint k;

      for (k = 0; fa[k] != NULL && fb[k] != NULL; k++)
        if (!same_field (fa[k], fb[k]))
          break;
      if (fa[k] != NULL || fb[k] != NULL)
        g_error ("%s: the page's CSV differs from export %s at line %u:\n"
                 "  page:      %.120s\n  catalogue: %.120s", r->demo,
                 r->entry, i + 1, la[i], lb[i]);
    }
  if (la[i] != NULL || lb[i] != NULL)
    g_error ("%s: the page's CSV has %s lines than export %s", r->demo,
             la[i] != NULL ? "more" : "fewer", r->entry);
}

static void
test_export (gconstpointer data)
{
  const ExportRow *r = data;
  const DlnCatalogueEntry *e = dln_figure_catalogue_find (r->entry);
  g_autofree char *dir = g_dir_make_tmp ("dlnlab-page-export-XXXXXX", NULL);
  g_autofree char *page_csv = g_build_filename (dir, "page.csv", NULL);
  g_autofree char *cat_csv = g_build_filename (dir, "catalogue.csv", NULL);
  g_autofree char *a = NULL, *b = NULL;
  g_autoptr (GError) error = NULL;
  DlnFigureInstance fig = { 0 };
  DlnFigureArgs args;
  DlnMessage msg = { { 0 }, 0 };
  GtkWindow *window;
  GtkWidget *page;
  DlnFigureView *view;

  g_assert_nonnull (e);
  page = dln_test_page_new (r->demo, &window);
  dln_test_settle (300);
  if (r->control != NULL)
    {
      set_control (page, r->control, r->value);
      dln_test_settle (300);
    }
  if (r->check != NULL)
    {
      GtkWidget *check = dln_test_find_widget (page, is_check_labelled,
                                               r->check);

      if (check == NULL)
        g_error ("%s: no check button '%s'", r->demo, r->check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    }
  for (int k = 0; k < r->steps; k++)
    gtk_widget_activate_action (page, "demo.step", NULL);
  view = r->view != NULL
         ? DLN_FIGURE_VIEW (dln_test_find_widget (page, is_view_named, r->view))
         : dln_demo_page_get_primary_view (DLN_DEMO_PAGE (page));
  g_assert_nonnull (view);
  /* a retrain runs on a worker: export until two exports agree */
  for (int k = 0; k < 40; k++)
    {
      g_free (a);
      a = b;
      if (!dln_figure_view_write (view, page_csv, &error))
        g_error ("%s: %s", r->demo, error->message);
      b = read_file (page_csv);
      /* stable, and past the header (a run not started yet exports an
       * empty table) */
      if (a != NULL && strcmp (a, b) == 0 && strchr (b, '\n') != NULL
          && strchr (b, '\n')[1] != '\0')
        break;
      dln_test_settle (250);
    }
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);

  dln_figure_args_init (&args, e);
  if (r->options != NULL)
    {
      g_auto (GStrv) opts = g_strsplit (r->options, " ", -1);

      for (int i = 0; opts[i] != NULL; i++)
        {
          g_auto (GStrv) kv = g_strsplit (opts[i], "=", 2);

          g_assert_cmpint (dln_figure_args_set (&args, kv[0], kv[1], &msg), ==,
                           DLN_STATUS_OK);
        }
    }
  g_assert_cmpint (dln_figure_build (e, &args, &fig, &msg), ==, DLN_STATUS_OK);
  g_assert_cmpint (dln_figure_export_csv (cat_csv, fig.csv, fig.data, &msg),
                   ==, DLN_STATUS_OK);
  dln_figure_instance_clear (&fig);

  a = read_file (page_csv);
  b = read_file (cat_csv);
  if (r->bytes)
    {
      g_autofree char *cli_csv = g_build_filename (dir, "cli.csv", NULL);
      g_autofree char *c = NULL;
      g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (argv, g_strdup ("export"));
      g_ptr_array_add (argv, g_strdup (r->entry));
      g_ptr_array_add (argv, g_strdup ("--out"));
      g_ptr_array_add (argv, g_strdup (cli_csv));
      if (r->options != NULL)
        {
          g_auto (GStrv) opts = g_strsplit (r->options, " ", -1);

          for (int i = 0; opts[i] != NULL; i++)
            {
              g_auto (GStrv) kv = g_strsplit (opts[i], "=", 2);

              g_ptr_array_add (argv, g_strconcat ("--", kv[0], NULL));
              g_ptr_array_add (argv, g_strdup (kv[1]));
            }
        }
      g_ptr_array_add (argv, NULL);
      g_assert_cmpint (dln_test_run_cliv (NULL, NULL,
                                          (const char *const *) argv->pdata),
                       ==, 0);
      c = read_file (cli_csv);
      g_unlink (cli_csv);
      if (strcmp (a, b) != 0)
        compare_whole (r, a, b);   /* says where */
      g_assert_cmpstr (a, ==, b);
      g_assert_cmpstr (c, ==, b);
    }
  else if (r->whole)
    compare_whole (r, a, b);
  else
    compare_csv (r, a, b);

  dln_test_page_close (page, window);
  g_unlink (page_csv);
  g_unlink (cat_csv);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  dln_test_ui_init (&argc, &argv);
  /* as the app's main () does: sums do not depend on the thread count */
  dln_linalg_set_num_threads (1);
  for (size_t i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dln/gui/page-export/%s/%zu",
                                               rows[i].demo, i);

      g_test_add_data_func (path, &rows[i], test_export);
    }
  return g_test_run ();
}
