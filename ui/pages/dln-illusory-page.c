/* D17: illusory correlations. (Over 800 lines: the item/feature editor,
 * the presets, the user's imported data and three figures; the editor
 * and the dataset it builds change together.) */

#define G_LOG_DOMAIN "dln-illusory-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-illusory-page.h"

#include "dln-deep-page.h"
#include "dln-figure-dataset.h"
#include "dln-figure-dynamics.h"
#include "dln-figure-tree.h"
#include "dln-figure-view.h"
#include "dln-param-row.h"
#include "dln-ui-error.h"


#include <math.h>
#include <string.h>

/* docs/demos.md#d17: the D14 standard run (η 100, γ 1e-12, 250 epochs)
 * on a fresh tree draw plus one feature column; the tracked output is
 * (item, last column) from the forward pass before each step. */
#define EPOCHS       DLN_COURSE_EPOCHS
#define N            DLN_ILLUSORY_N_ITEMS
#define SHOWN_COLS   10   /* the D13 variant: the last 10 columns */

enum { PRESET_SHARK, PRESET_PARROT, PRESET_CUSTOM };

static const char *const tree_items[N] = {
  "Goldfish", "Tuna", "Robin", "Canary", "Rose", "Daisy", "Pine", "Oak"
};

typedef struct
{
  const char *replaced;   /* the item renamed, by index */
  int         index;
  const char *name;
  const char *feature;
  double      values[N];
} Preset;

static const Preset presets[2] = {
  { "Goldfish", 0, "Shark", "has_bones",
    { -1, +1, +1, +1, -1, -1, -1, -1 } },
  { "Canary", 3, "Parrot", "cannot_speak",
    { +1, +1, +1, -1, +1, +1, +1, +1 } },
};

struct _DlnIllusoryPage
{
  DlnDeepPage             parent_instance;

  /* template children (and the base's) */
  DlnFigureView          *data_view;
  DlnFigureView          *diagram_view;
  GtkDropDown            *preset_dropdown;
  GtkGrid                *editor_grid;
  GtkEntry               *feature_entry;
  GtkLabel               *modes_label;

  /* owned */
  GtkEntry               *name_entries[N];
  GtkToggleButton        *value_toggles[N];
  GtkCheckButton         *track_checks[N];
  DlnDatasetData          table;
  DlnTreeDiagramData      diagram;
  double                 *table_values;   /* [P, shown columns] */
  double                 *table_labels;   /* [P, P] identity */
  char                    primary_label[160];

  int                     preset;
  char                   *items[N + 1];    /* NULL-terminated */
  char                   *feature_name;
  double                  feature[N];
  int                     tracked;
  gboolean                syncing;         /* editor being filled in code */
  gboolean                editor_stale;    /* fields changed in code: the
                                            * editor shows them once the
                                            * run has started */
  gboolean                imported;        /* training on the user's data */
};

G_DEFINE_FINAL_TYPE (DlnIllusoryPage, dln_illusory_page, DLN_TYPE_DEEP_PAGE)

enum
{
  PROP_PRESET = DLN_DEEP_PAGE_N_PROPS,
  PROP_ITEMS,
  PROP_FEATURE_NAME,
  PROP_FEATURE,
  PROP_TRACKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const DlnDataset *
dataset_of (DlnIllusoryPage *self)
{
  return dln_deep_page_get_dataset (DLN_DEEP_PAGE (self));
}

static DlnFigureView *
view_of (DlnIllusoryPage *self)
{
  return dln_demo_page_get_primary_view (DLN_DEMO_PAGE (self));
}

static GtkLabel *
status_of (DlnIllusoryPage *self)
{
  return dln_demo_page_get_status_label (DLN_DEMO_PAGE (self));
}

static DlnDynamicsData *
dynamics_of (DlnIllusoryPage *self)
{
  return dln_deep_page_get_dynamics (DLN_DEEP_PAGE (self));
}

/* The tracked item: with the user's data, the page's choice among the
 * items the editor lists (the file's first N). */
static size_t
tracked_item (DlnIllusoryPage *self)
{
  const DlnDataset *ds = dataset_of (self);

  if (self->imported && ds != NULL)
    return MIN ((size_t) self->tracked, ds->n_items - 1);
  return (size_t) self->tracked;
}

static const char *
tracked_item_name (DlnIllusoryPage *self)
{
  const DlnDataset *ds = dataset_of (self);

  if (self->imported && ds != NULL)
    return ds->item_names[tracked_item (self)];
  return self->items[self->tracked];
}

/* The tracked feature: the editor's new one, or the file's last. */
static const char *
tracked_feature_name (DlnIllusoryPage *self)
{
  const DlnDataset *ds = dataset_of (self);

  if (self->imported && ds != NULL)
    return ds->feature_names[ds->n_features - 1];
  return self->feature_name;
}

static void
update_figures (DlnIllusoryPage *self)
{
  const DlnDeepSnapshot *snap = dln_deep_page_get_snapshot (DLN_DEEP_PAGE (self));
  const DlnDataset *ds = dataset_of (self);
  DlnDynamicsData *f = dynamics_of (self);
  g_autoptr(GString) modes = g_string_new (NULL);
  double sum = 0.0;

  g_snprintf (self->primary_label, sizeof self->primary_label,
              _("Prediction for %s %s"), tracked_item_name (self),
              tracked_feature_name (self));
  if (snap == NULL || ds == NULL)
    return;
  f->n_epochs = snap->n_epochs;
  f->primary = snap->track;
  f->n_modes = snap->n_modes;
  f->sv = snap->sv;
  dln_figure_dynamics_set_overlay (f, DLN_OVERLAY_DISCRETE,
                                   snap->track_discrete, snap->theory_discrete,
                                   NULL, NULL, snap->theory_legend);
  f->sv_scale = dln_deep_snapshot_sv_max (snap);
  dln_figure_view_queue_render (view_of (self));

  /* what each mode says about the tracked pair once learned (a_k → s_k):
   * the broad modes come first and can have the wrong sign */
  g_string_append_printf (modes, _("Mode  s_eff   share   running sum\n"));
  for (size_t k = 0; k < snap->n_modes; k++)
    {
      double share = snap->s_eff[k] * snap->mode_track[k];

      if (!isfinite (share))
        continue;
      sum += share;
      g_string_append_printf (modes, "%4zu  %6.1f  %+6.2f  %+6.2f\n", k + 1,
                              snap->s_eff[k], share, sum);
    }
  g_string_append_printf (modes, _("True value %+.3g; the net says %+.2f at "
                          "epoch %zu."),
                          dln_tensor_get (ds->y, tracked_item (self),
                                          ds->n_features - 1),
                          snap->n_valid > 0
                          ? snap->track[snap->n_valid - 1] : NAN,
                          snap->n_valid > 0 ? snap->n_valid - 1 : 0);
  gtk_label_set_text (self->modes_label, modes->str);
}

static void
dln_illusory_page_update_status (DlnDeepPage *page)
{
  DlnIllusoryPage *self = DLN_ILLUSORY_PAGE (page);
  const DlnDeepSnapshot *snap = dln_deep_page_get_snapshot (page);
  const DlnDataset *ds = dataset_of (self);
  g_autofree char *text = NULL;

  if (snap == NULL || ds == NULL)
    return;
  if (snap->status != DLN_STATUS_OK)
    text = g_strdup_printf (_("Cannot train: %s"), snap->message);
  else if (snap->diverged_epoch >= 0)
    text = g_strdup_printf (_("Trained in %.1f ms; diverged at epoch %ld."),
                            snap->train_ms, snap->diverged_epoch);
  else
    text = g_strdup_printf (_("Trained in %.1f ms (%s path); theory %.1f ms."),
                            snap->train_ms,
                            snap->reduced ? _("exact reduced") : _("direct"),
                            snap->total_ms);
  if (self->imported)
    {
      g_autofree char *data = dln_data_source_describe (
        dln_demo_page_get_data_source (DLN_DEMO_PAGE (self)));
      g_autofree char *both = NULL;

      if (ds->n_items > N)
        both = g_strdup_printf (_("%s\nThe editor lists the first %d of its "
                                "%zu items: one of those is tracked.\n%s"),
                                data, N, ds->n_items, text);
      else
        both = g_strdup_printf ("%s\n%s", data, text);
      gtk_label_set_text (status_of (self), both);
      return;
    }
  gtk_label_set_text (status_of (self), text);
}

static void
dln_illusory_page_update_figure (DlnDeepPage *page)
{
  update_figures (DLN_ILLUSORY_PAGE (page));
}

/* The user's data as this page uses it: the file as it is, its last
 * column the feature tracked. Returns FALSE, saying why under the
 * figure, when it has no such structure. */
static gboolean
build_imported (DlnIllusoryPage  *self,
                DlnDataSource    *source,
                DlnDataset      **out)
{
  DlnMessage msg = { { 0 }, 0 };
  const DlnDataset *in = dln_data_source_get_imported (source);
  g_autofree char *text = NULL;

  if (in->n_items < 2 || in->n_features < 2)
    text = g_strdup_printf (_("Cannot show illusory correlations on your "
                            "data (%zu items × %zu features): the demo "
                            "tracks one item's value of the last feature "
                            "while the net learns it from the others, so "
                            "it needs at least 2 items and 2 features. "
                            "Import such a file, or use the generator."),
                            in->n_items, in->n_features);
  else if (dln_data_source_build (source, 0, out, &msg) != DLN_STATUS_OK)
    text = g_strdup_printf (_("Not applied: %s"), msg.text);
  if (text == NULL)
    return TRUE;
  gtk_label_set_text (status_of (self), text);
  gtk_label_set_text (self->modes_label, "");
  return FALSE;
}

/* build_dataset (): the tree draw with the items renamed and the
 * feature appended, or the user's data; on bad input (duplicate or empty
 * names, a shape the demo cannot use) says why and trains nothing. */
static gboolean
dln_illusory_page_build_dataset (DlnDeepPage  *page,
                                 DlnDataset  **out)
{
  DlnIllusoryPage *self = DLN_ILLUSORY_PAGE (page);
  DlnDataSource *source = dln_demo_page_get_data_source (DLN_DEMO_PAGE (self));
  DlnMessage msg = { { 0 }, 0 };
  DlnDataset *ds = NULL;
  DlnStatus status;
  size_t P, shown;

  self->imported = source != NULL
                   && dln_data_source_get_imported (source) != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->diagram_view), !self->imported);
  if (self->imported)
    {
      if (!build_imported (self, source, &ds))
        {
          /* nothing trained: the figures go blank, not stale */
          dln_deep_page_clear (page);
          dynamics_of (self)->n_epochs = 0;
          dynamics_of (self)->n_modes = 0;
          self->table.n_items = 0;
          dln_figure_view_queue_render (view_of (self));
          dln_figure_view_queue_render (self->data_view);
          return FALSE;
        }
      status = DLN_STATUS_OK;
    }
  else
    {
      status = dln_data_source_build (NULL, dln_deep_page_get_seed (page),
                                      &ds, &msg);
      /* all at once: each rebuild copies the 8 × 10 000 table */
      if (status == DLN_STATUS_OK)
        status = dln_dataset_rename_items (ds,
                                           (const char *const *) self->items,
                                           &msg);
      if (status == DLN_STATUS_OK)
        status = dln_dataset_append_feature (ds, self->feature_name,
                                             self->feature, &msg);
    }
  if (status != DLN_STATUS_OK)
    {
      g_autofree char *text = g_strdup_printf (_("Not applied: %s"), msg.text);

      gtk_label_set_text (status_of (self), text);
      dln_dataset_free (ds);
      return FALSE;
    }

  /* the D13 variant: the last 10 columns, the new one labelled; the
   * user's data keeps all its names */
  P = ds->n_items;
  shown = MIN ((size_t) SHOWN_COLS, ds->n_features);
  g_free (self->table_values);
  g_free (self->table_labels);
  self->table_values = g_new (double, P * shown);
  self->table_labels = g_new0 (double, P * P);
  for (size_t i = 0; i < P; i++)
    {
      self->table_labels[i * P + i] = 1.0;
      for (size_t j = 0; j < shown; j++)
        self->table_values[i * shown + j] =
          dln_tensor_get (ds->y, i, ds->n_features - shown + j);
    }
  self->table.n_items = P;
  self->table.n_features = shown;
  self->table.features = self->table_values;
  self->table.labels = self->table_labels;
  self->table.item_names = (const char *const *) ds->item_names;
  self->table.feature_names = self->imported
    ? (const char *const *) &ds->feature_names[ds->n_features - shown] : NULL;
  self->table.last_feature = self->imported ? NULL : self->feature_name;
  self->table.features_title = self->imported ? _("The last features")
                                              : _("The last 10 features");
  self->diagram.leaf_names = (const char *const *) self->items;
  dln_figure_view_queue_render (self->data_view);
  dln_figure_view_queue_render (self->diagram_view);
  *out = ds;
  return TRUE;
}

static void
dln_illusory_page_configure (DlnDeepPage     *page,
                             DlnCourseParams *params)
{
  DlnIllusoryPage *self = DLN_ILLUSORY_PAGE (page);

  params->n_track = 1;
  params->track_item = tracked_item (self);
  params->track_feature = dataset_of (self)->n_features - 1;
}

static void
rebuild (DlnIllusoryPage *self)
{
  dln_deep_page_rebuild (DLN_DEEP_PAGE (self));
  update_figures (self);
}

static void sync_editor (DlnIllusoryPage *self);

/* The fields changed in code: retrain, and fill the editor in while the
 * run trains (or now, when the data was refused and nothing trains). */
static void
rebuild_and_sync (DlnIllusoryPage *self)
{
  self->editor_stale = TRUE;
  rebuild (self);
  if (self->editor_stale)
    {
      self->editor_stale = FALSE;
      sync_editor (self);
    }
}

/* While a run trains: the editor, when the fields changed in code, and
 * the figures of the data, which do not need the run's result. */
static void
dln_illusory_page_while_training (DlnDeepPage *page)
{
  DlnIllusoryPage *self = DLN_ILLUSORY_PAGE (page);

  if (self->editor_stale)
    {
      self->editor_stale = FALSE;
      sync_editor (self);
    }
  dln_figure_view_render_now (self->data_view);
  dln_figure_view_render_now (self->diagram_view);
}

/* Fills the editor from the page's fields. */
static void
sync_editor (DlnIllusoryPage *self)
{
  const DlnDataset *ds = self->imported ? dataset_of (self) : NULL;

  self->syncing = TRUE;
  for (int i = 0; i < N; i++)
    {
      gboolean row = ds == NULL || (size_t) i < ds->n_items;
      double v = ds == NULL ? self->feature[i]
                 : row ? dln_tensor_get (ds->y, (size_t) i,
                                         ds->n_features - 1) : 0.0;
      g_autofree char *value = ds == NULL ? g_strdup (v > 0 ? "+1" : "−1")
                                          : g_strdup_printf ("%+.3g", v);

      /* the user's data: its names and last column, shown, not edited;
       * only the tracked item is chosen here */
      gtk_editable_set_text (GTK_EDITABLE (self->name_entries[i]),
                             ds == NULL ? self->items[i]
                             : row ? ds->item_names[i] : "");
      gtk_toggle_button_set_active (self->value_toggles[i], v > 0);
      gtk_button_set_label (GTK_BUTTON (self->value_toggles[i]), value);
      gtk_check_button_set_active (self->track_checks[i],
                                   ds == NULL ? i == self->tracked
                                   : (size_t) i == tracked_item (self));
      gtk_widget_set_visible (GTK_WIDGET (self->name_entries[i]), row);
      gtk_widget_set_visible (GTK_WIDGET (self->value_toggles[i]), row);
      gtk_widget_set_visible (GTK_WIDGET (self->track_checks[i]), row);
      gtk_widget_set_sensitive (GTK_WIDGET (self->name_entries[i]),
                                ds == NULL);
      gtk_widget_set_sensitive (GTK_WIDGET (self->value_toggles[i]),
                                ds == NULL);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->feature_entry),
                         ds == NULL ? self->feature_name
                         : ds->feature_names[ds->n_features - 1]);
  gtk_widget_set_sensitive (GTK_WIDGET (self->feature_entry), ds == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preset_dropdown), ds == NULL);
  gtk_drop_down_set_selected (self->preset_dropdown, (guint) self->preset);
  self->syncing = FALSE;
}

static void
set_preset_fields (DlnIllusoryPage *self,
                   int              preset)
{
  const Preset *p = &presets[preset];

  for (int i = 0; i < N; i++)
    {
      g_free (self->items[i]);
      self->items[i] = g_strdup (i == p->index ? p->name : tree_items[i]);
      self->feature[i] = p->values[i];
    }
  g_free (self->feature_name);
  self->feature_name = g_strdup (p->feature);
  self->tracked = p->index;
}

static void
notify_all_fields (DlnIllusoryPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESET]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEATURE_NAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEATURE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACKED]);
}

/* dln_illusory_page_set_preset:
 * @preset: 0 (sharks have bones), 1 (parrots cannot speak) or 2 (custom:
 *          keeps the editor's current contents)
 * Loads the preset into the editor and retrains. */
void
dln_illusory_page_set_preset (DlnIllusoryPage *self,
                              int              preset)
{
  g_return_if_fail (DLN_IS_ILLUSORY_PAGE (self));
  g_return_if_fail (preset >= PRESET_SHARK && preset <= PRESET_CUSTOM);

  if (preset != PRESET_CUSTOM)
    set_preset_fields (self, preset);
  self->preset = preset;
  rebuild_and_sync (self);
  notify_all_fields (self);
}

/* An edit in the custom editor: the page becomes "custom". */
static void
editor_changed_cb (DlnIllusoryPage *self)
{
  int tracked = self->tracked;

  if (self->syncing)
    return;
  if (self->imported)
    {
      for (int i = 0; i < N; i++)
        if (gtk_check_button_get_active (self->track_checks[i]))
          tracked = i;
      if (tracked != self->tracked)
        {
          self->tracked = tracked;
          update_figures (self);
          dln_deep_page_retrain (DLN_DEEP_PAGE (self));
          g_object_notify_by_pspec (G_OBJECT (self),
                                    properties[PROP_TRACKED]);
        }
      return;
    }
  for (int i = 0; i < N; i++)
    {
      const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entries[i]));

      if (g_strcmp0 (name, self->items[i]) != 0)
        {
          g_free (self->items[i]);
          self->items[i] = g_strdup (name);
        }
      self->feature[i] = gtk_toggle_button_get_active (self->value_toggles[i])
                         ? 1.0 : -1.0;
      gtk_button_set_label (GTK_BUTTON (self->value_toggles[i]),
                            self->feature[i] > 0 ? "+1" : "−1");
      if (gtk_check_button_get_active (self->track_checks[i]))
        tracked = i;
    }
  self->tracked = tracked;
  g_free (self->feature_name);
  self->feature_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->feature_entry)));
  self->preset = PRESET_CUSTOM;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->preset_dropdown, PRESET_CUSTOM);
  self->syncing = FALSE;
  rebuild (self);
  notify_all_fields (self);
}

static void
preset_selected_cb (DlnIllusoryPage *self)
{
  guint i = gtk_drop_down_get_selected (self->preset_dropdown);

  if (!self->syncing && (int) i != self->preset)
    dln_illusory_page_set_preset (self, (int) i);
}

static GVariant *
feature_variant (DlnIllusoryPage *self)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, self->feature, N,
                                    sizeof (double));
}

static void
dln_illusory_page_finalize (GObject *object)
{
  DlnIllusoryPage *self = DLN_ILLUSORY_PAGE (object);

  for (int i = 0; i < N; i++)
    g_free (self->items[i]);
  g_free (self->feature_name);
  g_free (self->table_values);
  g_free (self->table_labels);

  G_OBJECT_CLASS (dln_illusory_page_parent_class)->finalize (object);
}

/* An editor field changed from outside (a session): custom data. */
static void
edited (DlnIllusoryPage *self,
        guint            prop_id)
{
  self->preset = PRESET_CUSTOM;
  rebuild_and_sync (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_preset (DlnIllusoryPage *self,
            int              preset)
{
  if (preset != self->preset)
    dln_illusory_page_set_preset (self, preset);
}

static char **
get_items (DlnIllusoryPage *self)
{
  return self->items;
}

/* exactly eight non-empty names, else ignored (the session checked the
 * type; the dataset checks uniqueness) */
static void
set_items (DlnIllusoryPage    *self,
           const char *const  *items)
{
  if (items == NULL || g_strv_length ((char **) items) != N
      || g_strv_equal ((const char *const *) self->items, items))
    return;
  for (int i = 0; i < N; i++)
    {
      g_free (self->items[i]);
      self->items[i] = g_strdup (items[i]);
    }
  edited (self, PROP_ITEMS);
}

static void
set_feature_name (DlnIllusoryPage *self,
                  const char      *name)
{
  if (name == NULL || g_strcmp0 (name, self->feature_name) == 0)
    return;
  g_free (self->feature_name);
  self->feature_name = g_strdup (name);
  edited (self, PROP_FEATURE_NAME);
}

static void
set_feature (DlnIllusoryPage *self,
             GVariant        *feature)
{
  gsize n = 0;
  const double *v = feature != NULL
    ? g_variant_get_fixed_array (feature, &n, sizeof (double)) : NULL;
  gboolean same = n == N;

  for (gsize i = 0; same && i < n; i++)
    same = (v[i] > 0) == (self->feature[i] > 0);
  if (n != N || same)
    return;
  for (int i = 0; i < N; i++)
    self->feature[i] = v[i] > 0 ? 1.0 : -1.0;
  edited (self, PROP_FEATURE);
}

static void
set_tracked (DlnIllusoryPage *self,
             int              tracked)
{
  if (self->tracked == tracked)
    return;
  self->tracked = tracked;
  if (!self->imported)
    {
      edited (self, PROP_TRACKED);
      return;
    }
  /* the user's data: only the tracked item changes */
  sync_editor (self);
  update_figures (self);
  dln_deep_page_retrain (DLN_DEEP_PAGE (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACKED]);
}

static void
dln_illusory_page_data_changed (DlnDemoPage *page)
{
  DlnIllusoryPage *self = DLN_ILLUSORY_PAGE (page);

  rebuild (self);
  sync_editor (self);
}

/* The preset writes the editor's fields; then the base takes every
 * property back to its pspec default. */
static void
dln_illusory_page_reset (DlnDemoPage *page)
{
  dln_illusory_page_set_preset (DLN_ILLUSORY_PAGE (page),
    G_PARAM_SPEC_INT (properties[PROP_PRESET])->default_value);
  DLN_DEMO_PAGE_CLASS (dln_illusory_page_parent_class)->reset (page);
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
  DlnIllusoryPage *self = user_data;
  const DlnDeepSnapshot *snap = dln_deep_page_get_snapshot (user_data);
  long e;

  if (snap == NULL || panel < 0 || !isfinite (x))
    return NULL;
  if (view == self->data_view)
    return NULL;
  e = lround (x);
  if (e < 0 || (size_t) e >= snap->n_epochs)
    return NULL;
  return g_strdup_printf (_("epoch %ld: %s %s = %+.3f (theory %+.3f)"), e,
                          tracked_item_name (self),
                          tracked_feature_name (self),
                          snap->track[e], snap->track_discrete[e]);
}

static void
dln_illusory_page_constructed (GObject *object)
{
  DlnIllusoryPage *self = DLN_ILLUSORY_PAGE (object);

  G_OBJECT_CLASS (dln_illusory_page_parent_class)->constructed (object);

  update_figures (self);
}

/* "Export as Python script": the catalogue's "illusory" options; the
 * script knows the two presets, not an edited feature. */
static gboolean
python_args_cb (DlnFigureView  *view,
                DlnFigureArgs  *args,
                gpointer        user_data,
                GError        **error)
{
  DlnIllusoryPage *self = user_data;

  if (self->preset != 0 && self->preset != 1)
    {
      g_set_error (error, DLN_ERROR, DLN_ERROR_INVALID_INPUT,
                   _("The Python script knows the two presets (sharks, "
                   "parrots), not an edited feature: choose a preset to "
                   "export it"));
      return FALSE;
    }
  return dln_deep_page_python_args (DLN_DEEP_PAGE (self), args, 2, error)
         && dln_demo_page_python_printf (args, error, "dataset", "%s",
                                         self->preset == 0 ? "tree-shark"
                                                           : "tree-parrot");
}

/* illusory.preset (i): 0 sharks have bones (Alt+1), 1 parrots cannot
 * speak (Alt+2). */
static void
preset_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  dln_illusory_page_set_preset (DLN_ILLUSORY_PAGE (widget),
                                CLAMP (g_variant_get_int32 (parameter), 0, 1));
}

static void
dln_illusory_page_class_init (DlnIllusoryPageClass *klass)
{
  static const DlnPropertyDecl decls[N_PROPS] = {
    [PROP_PRESET] = { G_STRUCT_OFFSET (DlnIllusoryPage, preset), NULL,
                      G_CALLBACK (set_preset) },
    [PROP_ITEMS] = { DLN_PROPERTY_NO_FIELD, G_CALLBACK (get_items),
                     G_CALLBACK (set_items) },
    [PROP_FEATURE_NAME] = { G_STRUCT_OFFSET (DlnIllusoryPage, feature_name),
                            NULL, G_CALLBACK (set_feature_name) },
    [PROP_FEATURE] = { DLN_PROPERTY_NO_FIELD, G_CALLBACK (feature_variant),
                       G_CALLBACK (set_feature) },
    [PROP_TRACKED] = { G_STRUCT_OFFSET (DlnIllusoryPage, tracked), NULL,
                       G_CALLBACK (set_tracked) },
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlnDemoPageClass *page_class = DLN_DEMO_PAGE_CLASS (klass);
  DlnDeepPageClass *deep_class = DLN_DEEP_PAGE_CLASS (klass);

  object_class->finalize = dln_illusory_page_finalize;
  object_class->constructed = dln_illusory_page_constructed;
  page_class->reset = dln_illusory_page_reset;
  page_class->data_changed = dln_illusory_page_data_changed;
  deep_class->configure = dln_illusory_page_configure;
  deep_class->update_figure = dln_illusory_page_update_figure;
  deep_class->update_status = dln_illusory_page_update_status;
  deep_class->build_dataset = dln_illusory_page_build_dataset;
  deep_class->while_training = dln_illusory_page_while_training;

  dln_deep_page_class_set_template (deep_class, "dln-illusory-page.ui");

  properties[PROP_PRESET] =
    g_param_spec_int ("preset", NULL, NULL, PRESET_SHARK, PRESET_CUSTOM,
                      PRESET_SHARK, DLN_PARAM_RW);
  properties[PROP_ITEMS] =
    g_param_spec_boxed ("items", NULL, NULL, G_TYPE_STRV, DLN_PARAM_RW);
  properties[PROP_FEATURE_NAME] =
    g_param_spec_string ("feature-name", NULL, NULL, "has_bones", DLN_PARAM_RW);
  properties[PROP_FEATURE] =
    g_param_spec_variant ("feature", NULL, NULL, G_VARIANT_TYPE ("ad"), NULL,
                          DLN_PARAM_RW);
  properties[PROP_TRACKED] =
    g_param_spec_int ("tracked", NULL, NULL, 0, N - 1, 0, DLN_PARAM_RW);
  dln_object_class_install_properties (object_class, N_PROPS, properties,
                                       decls);

  gtk_widget_class_bind_template_child (widget_class, DlnIllusoryPage,
                                        data_view);
  gtk_widget_class_bind_template_child (widget_class, DlnIllusoryPage,
                                        diagram_view);
  gtk_widget_class_bind_template_child (widget_class, DlnIllusoryPage,
                                        preset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlnIllusoryPage,
                                        editor_grid);
  gtk_widget_class_bind_template_child (widget_class, DlnIllusoryPage,
                                        feature_entry);
  gtk_widget_class_bind_template_child (widget_class, DlnIllusoryPage,
                                        modes_label);

  gtk_widget_class_install_action (widget_class, "illusory.preset", "i",
                                   preset_action);
}

static void
dln_illusory_page_init (DlnIllusoryPage *self)
{
  GtkCheckButton *group = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->preset = PRESET_SHARK;
  set_preset_fields (self, PRESET_SHARK);
  self->table_values = g_new0 (double, N * SHOWN_COLS);

  /* the custom editor: name, ±1 value, tracked? for each item */
  for (int i = 0; i < N; i++)
    {
      g_autofree char *entry_name =
        g_strdup_printf (_("Name of item %d"), i + 1);
      g_autofree char *track_name = g_strdup_printf (_("Track item %d"), i + 1);

      self->name_entries[i] = GTK_ENTRY (gtk_entry_new ());
      /* the column headings (Item, Track) do not name a row's controls
       * for a screen reader */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_entries[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      entry_name, -1);
      gtk_editable_set_width_chars (GTK_EDITABLE (self->name_entries[i]), 9);
      gtk_widget_set_hexpand (GTK_WIDGET (self->name_entries[i]), TRUE);
      self->value_toggles[i] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->value_toggles[i]),
                                   _("The new feature's value for this item"));
      /* one tracked item: a radio group, Tab stops at the chosen one and
       * the arrow keys move along the group */
      self->track_checks[i] = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                            "accessible-role",
                                            GTK_ACCESSIBLE_ROLE_RADIO, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->track_checks[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      track_name, -1);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->track_checks[i]),
                                   _("Track this item's prediction"));
      if (group != NULL)
        gtk_check_button_set_group (self->track_checks[i], group);
      group = self->track_checks[i];
      gtk_grid_attach (self->editor_grid, GTK_WIDGET (self->name_entries[i]),
                       0, i + 1, 1, 1);
      gtk_grid_attach (self->editor_grid, GTK_WIDGET (self->value_toggles[i]),
                       1, i + 1, 1, 1);
      gtk_grid_attach (self->editor_grid, GTK_WIDGET (self->track_checks[i]),
                       2, i + 1, 1, 1);
      g_signal_connect_swapped (self->name_entries[i], "activate",
                                G_CALLBACK (editor_changed_cb), self);
      g_signal_connect_swapped (self->value_toggles[i], "toggled",
                                G_CALLBACK (editor_changed_cb), self);
      g_signal_connect_swapped (self->track_checks[i], "toggled",
                                G_CALLBACK (editor_changed_cb), self);
    }
  g_signal_connect_swapped (self->feature_entry, "activate",
                            G_CALLBACK (editor_changed_cb), self);
  g_signal_connect_swapped (self->preset_dropdown, "notify::selected",
                            G_CALLBACK (preset_selected_cb), self);
  sync_editor (self);

  dln_figure_dynamics_init (dynamics_of (self), EPOCHS, self->primary_label);
  self->table.n_items = N;
  self->table.n_features = SHOWN_COLS;
  self->table.features = self->table_values;
  self->table.features_title = _("The last 10 features");
  self->table_labels = g_new0 (double, N * N);
  for (int i = 0; i < N; i++)
    self->table_labels[i * N + i] = 1.0;
  self->table.labels = self->table_labels;
  dln_figure_view_set_figure (self->data_view,
                              (DlnFigureRenderFunc) dln_figure_dataset_render,
                              (DlnFigureCsvFunc) dln_figure_dataset_csv,
                              &self->table);
  self->diagram.levels = 3;
  self->diagram.branches = 2;
  self->diagram.leaf_names = (const char *const *) self->items;
  self->diagram.node_names = dln_figure_tree_course_groups;
  dln_figure_view_set_figure (self->diagram_view,
                              (DlnFigureRenderFunc) dln_figure_tree_render,
                              (DlnFigureCsvFunc) dln_figure_tree_csv,
                              &self->diagram);
  dln_figure_view_set_readout_func (view_of (self), readout_cb, self, NULL);
  dln_figure_view_set_python (view_of (self), "illusory", python_args_cb,
                              self);
}
