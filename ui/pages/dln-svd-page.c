#define G_LOG_DOMAIN "dln-svd-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-svd-page.h"

#include "dln-analysis.h"
#include "dln-dataset.h"
#include "dln-figure-python.h"
#include "dln-figure-svd.h"
#include "dln-figure-view.h"
#include "dln-ui-error.h"

#include <math.h>

/* An item weighs in a mode when |v_i| is at least this share of the
 * mode's largest |v|: the tree's modes are ±equal on the items they
 * split and ~0 elsewhere, so the split is clear-cut. */
#define MEMBER_SHARE 0.25
/* Singular values closer than this (relative) form a degenerate group,
 * whose basis LAPACK chooses arbitrarily (docs/theory.md#degenerate-modes). */
#define DEGENERATE_TOL 0.05
#define ARENA_BYTES (64u << 20)

/* The course's hierarchy (docs/demos.md#tree-generator): name of each subtree
 * by the set of items (bit i = item i) it holds. */
static const struct { guint mask; const char *name; } groups[] = {
  { 0xff, N_("all items (living things)") },
  { 0x0f, N_("animals") }, { 0xf0, N_("plants") },
  { 0x03, N_("fish") }, { 0x0c, N_("birds") }, { 0x30, N_("flowers") }, { 0xc0, N_("trees") },
};

struct _DlnSvdPage
{
  DlnDemoPage     parent_instance;

  /* template children */
  DlnFigureView  *view;
  GtkDropDown    *source_dropdown;
  GtkSpinButton  *seed_spin;
  GtkLabel       *modes_label;
  GtkLabel       *status_label;

  /* owned */
  DlnDataset     *dataset;
  DlnArena       *arena;
  DlnSvdData      data;
  double         *u;      /* [P, K] item modes (V of Σ_yx) */
  double         *s;      /* [K] singular values of Y */
  double         *vt;     /* [K, N] feature modes (Uᵀ of Σ_yx) */
  double         *s_ref;  /* [K] expected (tree) */
  char            title[96];

  int             source;
  guint64         seed;
  gboolean        constructed;
};

G_DEFINE_FINAL_TYPE (DlnSvdPage, dln_svd_page, DLN_TYPE_DEMO_PAGE)

enum
{
  PROP_0,
  PROP_SOURCE,
  PROP_SEED,
};

/* Names the items a mode puts on one side: a subtree's name when they
 * are exactly one, else the items themselves. */
static void
append_side (GString           *text,
             guint              mask,
             const DlnDataset  *ds,
             gboolean           course_tree)
{
  gboolean first = TRUE;

  if (course_tree)
    for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
      if (groups[g].mask == mask)
        {
          g_string_append (text, _(groups[g].name));
          return;
        }
  for (size_t i = 0; i < ds->n_items; i++)
    if (mask & (1u << i))
      {
        g_string_append_printf (text, "%s%s", first ? "" : ", ",
                                ds->item_names[i]);
        first = FALSE;
      }
}

static void
describe_modes (DlnSvdPage *self,
                size_t      P,
                size_t      K)
{
  g_autoptr(GString) text = g_string_new (NULL);
  /* the user's data has items of its own, not the course's groups */
  gboolean course_tree = P == 8
                         && (self->dataset->kind == DLN_DATASET_KIND_TREE
                             || self->dataset->kind
                                == DLN_DATASET_KIND_TREE_TABLE);

  for (size_t k = 0; k < K; k++)
    {
      guint pos = 0, neg = 0;
      double m = 0.0;

      for (size_t i = 0; i < P; i++)
        m = MAX (m, fabs (self->u[i * K + k]));
      for (size_t i = 0; i < P && i < 32; i++)
        {
          double v = self->u[i * K + k];

          if (fabs (v) < MEMBER_SHARE * m)
            continue;
          if (v > 0)
            pos |= 1u << i;
          else
            neg |= 1u << i;
        }
      g_string_append_printf (text, _("Mode %zu  s = %.1f"), k + 1, self->s[k]);
      if (isfinite (self->s_ref[k]))
        g_string_append_printf (text, _(" (expected %.1f)"), self->s_ref[k]);
      g_string_append (text, "\n   ");
      if (neg == 0 || pos == 0)
        {
          g_string_append (text, _("same sign on "));
          append_side (text, pos | neg, self->dataset, course_tree);
        }
      else
        {
          append_side (text, pos, self->dataset, course_tree);
          g_string_append (text, _(" vs "));
          append_side (text, neg, self->dataset, course_tree);
        }
      if ((k > 0 && fabs (self->s[k] - self->s[k - 1])
                    <= DEGENERATE_TOL * self->s[k])
          || (k + 1 < K && fabs (self->s[k] - self->s[k + 1])
                           <= DEGENERATE_TOL * self->s[k]))
        g_string_append (text, _("\n   (near-degenerate: any mix within its "
                         "group is equally valid)"));
      g_string_append_c (text, '\n');
    }
  gtk_label_set_text (self->modes_label, text->str);
}

/* Expected singular values of the course's 2 × 3 tree, √(N λ) with the
 * eigenvalues of E[y yᵀ] (docs/demos.md#tree-generator, q = 1 − 2p). */
static void
expected_values (DlnSvdPage *self,
                 size_t      K)
{
  DlnDataset *ds = self->dataset;
  double q = 1.0 - 2.0 * ds->tree.p_flip, N = (double) ds->n_features;
  double lambda[8];

  for (size_t k = 0; k < K; k++)
    self->s_ref[k] = NAN;
  if (ds->kind != DLN_DATASET_KIND_TREE || ds->tree.levels != 3
      || ds->tree.branches != 2 || K != 8)
    return;
  lambda[0] = 1 + q * q + 2 * pow (q, 4) + 4 * pow (q, 6);
  lambda[1] = 1 + q * q + 2 * pow (q, 4) - 4 * pow (q, 6);
  lambda[2] = lambda[3] = 1 + q * q - 2 * pow (q, 4);
  lambda[4] = lambda[5] = lambda[6] = lambda[7] = 1 - q * q;
  for (size_t k = 0; k < 8; k++)
    self->s_ref[k] = sqrt (N * lambda[k]);
}

static void
recompute (DlnSvdPage *self)
{
  DlnMessage msg = { { 0 }, 0 };
  DlnDataset *ds = NULL;
  DlnModes modes;
  DlnStatus status;
  size_t P, K, N;
  gint64 t0 = g_get_monotonic_time ();
  g_autofree char *text = NULL;
  g_autofree char *data = NULL;

  if (!self->constructed)
    return;
  if (self->source == 1)
    {
      status = dln_dataset_new_tree_table (&ds, &msg);
      if (status == DLN_STATUS_OK)
        dln_dataset_binary_to_pm1 (ds);
    }
  else
    status = dln_data_source_build (
      dln_demo_page_get_data_source (DLN_DEMO_PAGE (self)), self->seed, &ds,
      &msg);
  if (status == DLN_STATUS_OK)
    {
      dln_arena_reset (self->arena);
      status = dln_analysis_dataset_modes (ds, self->arena, &modes, &msg);
    }
  if (status != DLN_STATUS_OK)
    {
      gtk_label_set_text (self->status_label, msg.text);
      dln_dataset_free (ds);
      return;
    }
  dln_dataset_free (self->dataset);
  self->dataset = ds;
  P = ds->n_items;
  K = modes.rank;
  N = ds->n_features;
  g_free (self->u);
  g_free (self->s);
  g_free (self->vt);
  g_free (self->s_ref);
  self->u = g_new (double, P * K);
  self->s = g_new (double, K);
  self->vt = g_new (double, K * N);
  self->s_ref = g_new (double, K);
  /* Σ_yx = Yᵀ/P = U S Vᵀ, so Y = V (P S) Uᵀ: items on the left */
  for (size_t k = 0; k < K; k++)
    {
      self->s[k] = dln_tensor_get (modes.s, k, 0) * (double) P;
      for (size_t i = 0; i < P; i++)
        self->u[i * K + k] = dln_tensor_get (modes.v, i, k);
      for (size_t f = 0; f < N; f++)
        self->vt[k * N + f] = dln_tensor_get (modes.u, f, k);
    }
  expected_values (self, K);
  self->data.m = P;
  self->data.n = N;
  self->data.k = K;
  self->data.u = self->u;
  self->data.s = self->s;
  self->data.vt = self->vt;
  self->data.s_reference = self->source == 0 ? self->s_ref : NULL;
  self->data.row_names = (const char *const *) ds->item_names;
  self->data.col_names = (const char *const *) ds->feature_names;
  g_snprintf (self->title, sizeof self->title, _("SVD of the %s: Y = V S Uᵀ"),
              self->source == 1 ? _("named 8 × 10 table")
              : ds->kind == DLN_DATASET_KIND_TREE ? _("training data")
              : _("your data"));
  describe_modes (self, P, K);
  data = self->source == 1 ? NULL : dln_data_source_describe (
    dln_demo_page_get_data_source (DLN_DEMO_PAGE (self)));
  text = g_strdup_printf (_("%s%sY is %zu items × %zu features; SVD in %.1f ms "
                          "(LAPACK dgesdd)."), data != NULL ? data : "",
                          data != NULL ? "\n" : "", P, N,
                          (double) (g_get_monotonic_time () - t0) / 1000.0);
  gtk_label_set_text (self->status_label, text);
  dln_figure_view_queue_render (self->view);
}

static void
recompute_cb (DlnDemoPage *page)
{
  recompute (DLN_SVD_PAGE (page));
}

static void
dln_svd_page_finalize (GObject *object)
{
  DlnSvdPage *self = DLN_SVD_PAGE (object);

  dln_dataset_free (self->dataset);
  dln_arena_free (self->arena);
  g_free (self->u);
  g_free (self->s);
  g_free (self->vt);
  g_free (self->s_ref);

  G_OBJECT_CLASS (dln_svd_page_parent_class)->finalize (object);
}

static char *
readout_cb (DlnFigureView           *view,
            const DlnFigureGeometry *geom,
            int                      panel,
            double                   x,
            double                   y,
            double                   px,
            double                   py,
            gpointer                 user_data)
{
  DlnSvdPage *self = user_data;
  const char *name;
  long i = lround (y), j = lround (x);
  size_t column;

  if (self->dataset == NULL || panel < 0 || panel >= (int) geom->n_panels
      || !isfinite (x) || !isfinite (y) || i < 0 || j < 0)
    return NULL;
  name = geom->panels[panel].name;
  if (g_strcmp0 (name, "u") == 0 && (size_t) i < self->data.m
      && (size_t) j < self->data.k)
    return g_strdup_printf (_("%s, mode %ld: %+.3f"), self->data.row_names[i],
                            j + 1, self->u[i * self->data.k + j]);
  /* the panel draws thousands of columns sorted: read the one under
   * the pointer */
  if (g_strcmp0 (name, "vt") == 0 && (size_t) i < self->data.k
      && dln_figure_svd_drawn_column (&self->data, (size_t) j, &column))
    return g_strdup_printf (_("mode %ld, %s: %+.4f"), i + 1,
                            self->data.col_names[column],
                            self->vt[i * self->data.n + column]);
  return NULL;
}

static void
dln_svd_page_constructed (GObject *object)
{
  DlnSvdPage *self = DLN_SVD_PAGE (object);

  G_OBJECT_CLASS (dln_svd_page_parent_class)->constructed (object);

  self->constructed = TRUE;
  recompute (self);
}

static void
dln_svd_page_class_init (DlnSvdPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);

  object_class->finalize = dln_svd_page_finalize;
  object_class->constructed = dln_svd_page_constructed;
  /* back to each property's pspec default */
  page_class->reset = dln_demo_page_reset_properties;
  page_class->data_changed = recompute_cb;

  dln_demo_page_class_set_template (page_class, "dln-svd-page.ui");
  /* 0: the tree draw (or the user's data), 1: the named table */
  dln_demo_page_class_add_setting (page_class, PROP_SOURCE,
    g_param_spec_int ("source", NULL, NULL, 0, 1, 0, DLN_PARAM_RW),
    G_STRUCT_OFFSET (DlnSvdPage, source),
    DLN_DEMO_PAGE_CONTROL (DlnSvdPage, source_dropdown), recompute_cb);
  dln_demo_page_class_add_setting (page_class, PROP_SEED,
    dln_demo_page_seed_param ("seed"), G_STRUCT_OFFSET (DlnSvdPage, seed),
    DLN_DEMO_PAGE_CONTROL (DlnSvdPage, seed_spin), recompute_cb);
  gtk_widget_class_bind_template_child (widget_class, DlnSvdPage, view);
  gtk_widget_class_bind_template_child (widget_class, DlnSvdPage,
                                        modes_label);
  gtk_widget_class_bind_template_child (widget_class, DlnSvdPage,
                                        status_label);

  /* svd.resample: a new tree draw (the next seed) */
  dln_demo_page_class_install_step_action (page_class, "svd.resample", "seed",
                                           FALSE);
}

/* "Export as Python script": the catalogue's "data-svd" options. */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnSvdPage *self = user_data;

  if (self->source == 0 && self->dataset != NULL
      && self->dataset->kind != DLN_DATASET_KIND_TREE)
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   _("The Python script decomposes the course's tree draw or "
                   "named table, not imported data: choose “Use the "
                   "generator” on the tree page to export it"));
      return FALSE;
    }
  return dln_demo_page_python_printf (args, error, "dataset", "%s",
                                      self->source == 1 ? "tree-table"
                                                        : "tree")
         && dln_demo_page_python_printf (args, error, "seed",
                                         "%" G_GUINT64_FORMAT, self->seed);
}

static void
dln_svd_page_init (DlnSvdPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->arena = dln_arena_new (ARENA_BYTES);
  self->data.title = self->title;
  self->data.u_title = _("Item modes (V)");
  self->data.vt_title = _("Feature modes (Uᵀ)");
  dln_figure_view_set_figure (self->view,
                              (DlnFigureRenderFunc) dln_figure_svd_render,
                              (DlnFigureCsvFunc) dln_figure_svd_csv,
                              &self->data);
  dln_figure_view_set_readout_func (self->view, readout_cb, self, NULL);
  dln_demo_page_set_primary_view (DLN_DEMO_PAGE (self), self->view);
  dln_figure_view_set_python (self->view, "data-svd", python_args_cb, self);
}
