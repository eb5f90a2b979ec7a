/* Catalogue entries of Tutorial 3 (D13-D18): the tree data, the deep
 * linear network's training, its singular-mode dynamics with theory, the
 * hidden-layer RSM (simulated and predicted), illusory correlations,
 * the tree diagram, the data SVD and the regression comparison.
 * Everything is computed by core (dln-dataset, dln-train, dln-analysis,
 * dln-theory); this file only arranges it. (Over 800 lines: nine
 * entries, each a build, render and CSV function over the same course
 * run.) */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dln-analysis.h"
#include "dln-course.h"
#include "dln-dataset.h"
#include "dln-figure-catalogue.h"
#include "dln-figure-catalogue-private.h"
#include "dln-figure-curves.h"
#include "dln-figure-data-svd.h"
#include "dln-figure-dataset.h"
#include "dln-figure-dynamics.h"
#include "dln-figure-map-compare.h"
#include "dln-figure-svd.h"
#include "dln-figure-tree.h"
#include "dln-linalg.h"
#include "dln-model.h"
#include "dln-rng.h"
#include "dln-theory.h"
#include "dln-train.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>


/* --- One course run (dln-course.h, with the demo's options) --- */

typedef struct
{
  DlnDataset      *ds;
  DlnCourseCache  *cache;
  DlnCourseResult  res;
  const DlnTrainRecord *rec;
  size_t           epochs;
} T3Run;

/* Sets the out-of-memory message; returns DLN_STATUS_NO_MEMORY. */
static DlnStatus
no_memory (DlnMessage *msg)
{
  dln_message_set (msg, 0, "out of memory");
  return DLN_STATUS_NO_MEMORY;
}

static void
t3_run_clear (T3Run *r)
{
  dln_course_cache_free (r->cache);
  dln_dataset_free (r->ds);
  memset (r, 0, sizeof *r);
}

/* The figure options as course parameters: one seed draws the data and
 * the weights (docs/demos.md#seeds); the dataset's own illusory pair is
 * tracked. */
static void
t3_params (const DlnFigureArgs *args,
           DlnCourseParams     *p)
{
  dln_course_params_init (p);
  p->init_seed = (uint64_t) dln_figure_args_int (args, "seed");
  p->hidden = (size_t) dln_figure_args_int (args, "hidden");
  p->epochs = (size_t) dln_figure_args_int (args, "epochs");
  p->lr = dln_figure_args_double (args, "lr");
  p->init_scale = dln_figure_args_double (args, "gamma");
}

static DlnStatus
t3_run (const DlnCourseParams *params,
        const char            *dataset,
        T3Run                 *r,
        DlnMessage            *msg)
{
  DlnCourseParams p = *params;
  DlnStatus status;

  memset (r, 0, sizeof *r);
  r->epochs = p.epochs;
  status = dln_dataset_new_builtin (dataset, p.init_seed, &r->ds, msg);
  if (status != DLN_STATUS_OK)
    return status;
  dln_course_params_track_dataset (&p, r->ds);
  r->cache = dln_course_cache_new ();
  if (r->cache == NULL)
    {
      t3_run_clear (r);
      return no_memory (msg);
    }
  /* A diverged run is drawn (it stops and is flagged), not refused. */
  status = dln_course_run (&p, r->ds, r->cache, &r->res, msg);
  if (status != DLN_STATUS_OK)
    {
      t3_run_clear (r);
      return status;
    }
  r->rec = r->res.record;
  return DLN_STATUS_OK;
}

/* A zeroed figure of @size bytes and the course run of @params on
 * @dataset; NULL with *@status set when either fails. */
static void *
t3_figure_new (size_t                 size,
               const DlnCourseParams *params,
               const char            *dataset,
               T3Run                 *r,
               DlnStatus             *status,
               DlnMessage            *msg)
{
  void *f = calloc (1, size);

  if (f == NULL)
    {
      *status = no_memory (msg);
      return NULL;
    }
  *status = t3_run (params, dataset, r, msg);
  if (*status != DLN_STATUS_OK)
    {
      free (f);
      return NULL;
    }
  return f;
}

/* The course's epoch e (0-based): loss of the forward pass before step e
 * (state e); NaN when not reached. */
static double
course_loss (const T3Run *r,
             size_t       e)
{
  return dln_course_result_course_loss (&r->res, e);
}

/* Its singular values, taken after step e (state e + 1). */
static void
course_sv (const T3Run *r,
           size_t       e,
           double      *out)
{
  size_t k = r->rec->n_sv;

  if (e + 1 < r->rec->n_states)
    memcpy (out, dln_train_record_sv (r->rec, e + 1), k * sizeof *out);
  else
    for (size_t i = 0; i < k; i++)
      out[i] = NAN;
}

/* The course run's theory in the course's convention: @sv_theory
 * [epochs, K] the discrete map's strengths after step e (state e + 1),
 * @loss_theory [epochs] its predicted loss of state e. */
static void
t3_theory (const T3Run *r,
           double      *sv_theory,
           double      *primary_theory,
           bool         track)
{
  size_t k = r->res.n_modes;

  for (size_t e = 0; e < r->epochs; e++)
    {
      memcpy (sv_theory + e * k, r->res.theory_discrete + (e + 1) * k,
              k * sizeof (double));
      primary_theory[e] = track ? r->res.track_discrete[e]
                                : r->res.loss_discrete[e];
    }
}

/* --- Figure instances --- */

static void
free_names (char   **names,
            size_t   n)
{
  for (size_t i = 0; i < n; i++)
    free (names[i]);
  free (names);
}

typedef struct
{
  DlnDynamicsData data;
  char            ylabel[128], rsm_title[96];
  char            theory_legend[192];
  double         *primary;       /* [epochs]; the block the next three
                                  * point into */
  double         *primary_theory;
  double         *sv;            /* [epochs, K] */
  double         *sv_theory;
  double         *rsm;           /* [P, P] the epoch shown */
  char          **names;         /* [P] */
  size_t          n_names;
  size_t          n_run;         /* epochs of the run */
  /* RSM figure: every epoch's RSM, so any epoch is drawn from one run */
  double         *rsm_states;    /* [n_states, P, P] */
  size_t          n_states;
  long            diverged_epoch;
  bool            cosine;
} DynFigure;

static void
dyn_figure_free (void *p)
{
  DynFigure *f = p;

  free (f->primary);
  free (f->rsm);
  free (f->rsm_states);
  free_names (f->names, f->n_names);
  free (f);
}

DLN_CATALOGUE_WRAP_DATA (dyn, dynamics, DynFigure)

static char **
copy_names (char *const *names,
            size_t       n)
{
  char **out = calloc (n, sizeof *out);

  if (out == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++)
    {
      out[i] = strdup (names[i]);
      if (out[i] == NULL)
        {
          free_names (out, i);
          return NULL;
        }
    }
  return out;
}

/* The RSM panel at @epoch of the run: copied from the per-epoch record,
 * so that every epoch of an animation comes from one run. */
static DlnStatus
dyn_show_epoch (DynFigure  *f,
                long        epoch,
                DlnMessage *msg)
{
  size_t p = f->data.rsm.n_items;

  if (epoch < 0 || (size_t) epoch >= f->data.n_epochs)
    {
      dln_message_set (msg, 0, "option 'epoch': %ld is past the last "
                       "epoch (%zu)", epoch, f->data.n_epochs - 1);
      return DLN_STATUS_INVALID_INPUT;
    }
  if ((size_t) epoch < f->n_states)
    memcpy (f->rsm, f->rsm_states + (size_t) epoch * p * p,
            p * p * sizeof (double));
  else
    for (size_t i = 0; i < p * p; i++)
      f->rsm[i] = NAN;
  if (f->cosine)
    {
      /* Normalised view (an app option): H Hᵀ / (|h_i| |h_j|); the
       * diagonal holds |h_i|², read before it is overwritten. */
      double *d = malloc ((p > 0 ? p : 1) * sizeof *d);  /* |h_i| */

      if (d == NULL)
        return no_memory (msg);
      for (size_t i = 0; i < p; i++)
        d[i] = sqrt (fmax (f->rsm[i * p + i], 0));
      for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++)
          f->rsm[i * p + j] = d[i] > 0 && d[j] > 0
                                  ? f->rsm[i * p + j] / (d[i] * d[j]) : 0;
      free (d);
    }
  /* past a divergence the RSM is not finite: the panel says why it is
   * empty rather than drawing nothing */
  if ((size_t) epoch >= f->n_states && f->diverged_epoch >= 0)
    snprintf (f->rsm_title, sizeof f->rsm_title, _("RSM at epoch %ld: "
              "diverged at epoch %ld"), epoch, f->diverged_epoch);
  else
    snprintf (f->rsm_title, sizeof f->rsm_title, _("RSM at epoch %ld"), epoch);
  f->data.band_epoch = (double) epoch;
  return DLN_STATUS_OK;
}

/* Animation frames (DlnFigureFrameFunc): the RSM figure sweeps its
 * epoch; the others show the first @value epochs of the run, which are
 * the run of @value epochs (training is deterministic and nothing in it
 * depends on its length). */
static DlnStatus
dyn_frame_epoch (void       *data,
                 long        value,
                 DlnMessage *msg)
{
  return dyn_show_epoch (data, value, msg);
}

static DlnStatus
dyn_frame_epochs (void       *data,
                  long        value,
                  DlnMessage *msg)
{
  DynFigure *f = data;

  if (!dln_catalogue_frame_check (value, 1, f->n_run, msg))
    return DLN_STATUS_INVALID_INPUT;
  f->data.n_epochs = (size_t) value;
  /* the axis of a run of @value epochs (dln_figure_dynamics_init) */
  f->data.x_max = (double) value + 1;
  return DLN_STATUS_OK;
}

typedef enum
{
  DYN_LOSS,      /* D15 */
  DYN_RSM,       /* D16 */
  DYN_ILLUSORY,  /* D17 */
} DynKind;

static DlnStatus
build_dyn (const DlnFigureArgs *args,
           DlnFigureInstance   *out,
           DlnMessage          *msg,
           DynKind              kind)
{
  const char *dataset = kind == DYN_ILLUSORY
                            ? dln_figure_args_string (args, "dataset") : "tree";
  /* D17 always draws its theory, as the page does */
  bool theory = kind == DYN_ILLUSORY
                || strcmp (dln_figure_args_string (args, "theory"), "yes") == 0;
  DynFigure *f;
  DlnCourseParams params;
  DlnStatus status;
  size_t k, n;
  T3Run r;

  t3_params (args, &params);
  params.theory = theory;
  f = t3_figure_new (sizeof *f, &params, dataset, &r, &status, msg);
  if (f == NULL)
    return status;
  k = r.rec->n_sv;
  n = r.epochs;
  /* primary [n] and sv [n, k], then the theory's two, in one block */
  f->primary = malloc ((theory ? 2 : 1) * n * (1 + k) * sizeof (double));
  f->names = copy_names (r.ds->item_names, r.ds->n_items);
  f->n_names = f->names != NULL ? r.ds->n_items : 0;
  if (f->primary == NULL || f->names == NULL)
    {
      t3_run_clear (&r);
      dyn_figure_free (f);
      dln_message_set (msg, 0, "out of memory for %zu epochs", n);
      return DLN_STATUS_NO_MEMORY;
    }
  f->sv = f->primary + n;
  if (theory)
    {
      f->primary_theory = f->sv + n * k;
      f->sv_theory = f->primary_theory + n;
    }
  for (size_t e = 0; e < n; e++)
    {
      course_sv (&r, e, f->sv + e * k);
      if (kind == DYN_ILLUSORY)
        f->primary[e] = e < r.rec->n_states ? r.rec->track[e * r.rec->n_track]
                                            : NAN;
      else
        f->primary[e] = course_loss (&r, e);
    }
  if (theory)
    {
      if (!isnan (r.res.loss_floor))
        {
          dln_figure_dynamics_theory_legend (f->theory_legend,
                                             sizeof f->theory_legend,
                                             (int) r.res.init->depth,
                                             r.res.rank_bound, k,
                                             r.res.loss_floor);
        }
      t3_theory (&r, f->sv_theory, f->primary_theory, kind == DYN_ILLUSORY);
    }

  /* the pages' titles, labels and legend (dln_figure_dynamics_init) */
  if (kind == DYN_ILLUSORY)
    snprintf (f->ylabel, sizeof f->ylabel, _("Prediction for %s %s"),
              r.ds->item_names[r.ds->tracked_item],
              r.ds->feature_names[r.ds->tracked_feature]);
  dln_figure_dynamics_init (&f->data, n,
                            kind == DYN_ILLUSORY ? f->ylabel : NULL);
  dln_figure_dynamics_set_overlay (&f->data,
                                   theory ? DLN_OVERLAY_DISCRETE
                                          : DLN_OVERLAY_NONE,
                                   f->primary_theory, f->sv_theory, NULL,
                                   NULL, f->theory_legend[0] != '\0'
                                         ? f->theory_legend : NULL);
  f->data.n_epochs = n;
  f->data.primary = f->primary;
  f->data.n_modes = k;
  f->data.sv = f->sv;
  if (kind == DYN_RSM)
    {
      size_t p = r.ds->n_items;

      f->cosine = strcmp (dln_figure_args_string (args, "similarity"),
                          "cosine") == 0;
      f->n_states = r.rec->n_states;
      f->diverged_epoch = r.rec->diverged_epoch;
      f->rsm = calloc (p * p, sizeof (double));
      f->rsm_states = malloc ((f->n_states > 0 ? f->n_states : 1) * p * p
                              * sizeof (double));
      if (f->rsm == NULL || f->rsm_states == NULL)
        {
          t3_run_clear (&r);
          dyn_figure_free (f);
          return no_memory (msg);
        }
      for (size_t e = 0; e < f->n_states; e++)
        memcpy (f->rsm_states + e * p * p, dln_train_record_rsm (r.rec, e, 1),
                p * p * sizeof (double));
      f->data.rsm.rsm = f->rsm;
      /* docs/demos.md#recording: divided by the maximum over all epochs
       * and entries */
      f->data.rsm.scale = f->cosine ? 1
                          : dln_figure_rsm_scale (f->rsm_states,
                                                  f->n_states * p * p);
      f->data.rsm.n_items = p;
      f->data.rsm.item_names = (const char *const *) f->names;
      f->data.rsm.title = f->rsm_title;
      f->data.rsm.bar_label = f->cosine ? N_("Cosine similarity")
                                        : N_("Similarity (dot product)");
      f->data.x_min = -1;
      f->data.x_max = (double) n + 1;
      status = dyn_show_epoch (f, dln_figure_args_int (args, "epoch"), msg);
      if (status != DLN_STATUS_OK)
        {
          t3_run_clear (&r);
          dyn_figure_free (f);
          return status;
        }
    }
  f->n_run = n;
  t3_run_clear (&r);
  dln_catalogue_instance_set (out, args->entry, f, render_dyn, csv_dyn,
                              dyn_figure_free);
  out->frame = kind == DYN_RSM ? dyn_frame_epoch : dyn_frame_epochs;
  return DLN_STATUS_OK;
}

static DlnStatus
build_dynamics (const DlnFigureArgs *args,
                DlnFigureInstance   *out,
                DlnMessage          *msg)
{
  return build_dyn (args, out, msg, DYN_LOSS);
}

static DlnStatus
build_rsm (const DlnFigureArgs *args,
           DlnFigureInstance   *out,
           DlnMessage          *msg)
{
  return build_dyn (args, out, msg, DYN_RSM);
}

static DlnStatus
build_illusory (const DlnFigureArgs *args,
                DlnFigureInstance   *out,
                DlnMessage          *msg)
{
  return build_dyn (args, out, msg, DYN_ILLUSORY);
}

/* --- D16: the RSM the theory predicts --- */

typedef struct
{
  DlnRsmData data;
  double    *rsm;      /* [P, P] */
  char     **names;    /* [P] */
  size_t     n_names;
  char       title[96];
} PredictedFigure;

static void
predicted_figure_free (void *p)
{
  PredictedFigure *f = p;

  free (f->rsm);
  free_names (f->names, f->n_names);
  free (f);
}

DLN_CATALOGUE_WRAP (rsm, DlnRsmData)

static DlnStatus
csv_predicted (FILE       *out,
               const void *data,
               DlnMessage *msg)
{
  return dln_figure_rsm_csv (out, data, msg);
}

/* The RSA page's right view: the theory's RSM at an epoch, divided by
 * its largest entry over the run (docs/demos.md#d16). */
static DlnStatus
build_rsm_predicted (const DlnFigureArgs *args,
                     DlnFigureInstance   *out,
                     DlnMessage          *msg)
{
  long epoch = dln_figure_args_int (args, "epoch");
  PredictedFigure *f;
  DlnCourseParams params;
  DlnStatus status;
  size_t p;
  T3Run r;

  t3_params (args, &params);
  params.theory = true;
  f = t3_figure_new (sizeof *f, &params, "tree", &r, &status, msg);
  if (f == NULL)
    return status;
  if ((size_t) epoch >= r.epochs)
    {
      dln_message_set (msg, 0, "option 'epoch': %ld is past the last "
                       "epoch (%zu)", epoch, r.epochs - 1);
      t3_run_clear (&r);
      free (f);
      return DLN_STATUS_INVALID_INPUT;
    }
  p = r.ds->n_items;
  f->rsm = malloc (p * p * sizeof *f->rsm);
  f->names = copy_names (r.ds->item_names, p);
  f->n_names = f->names != NULL ? p : 0;
  if (f->rsm == NULL || f->names == NULL)
    {
      t3_run_clear (&r);
      predicted_figure_free (f);
      return no_memory (msg);
    }
  memcpy (f->rsm, r.res.rsm_predicted + (size_t) epoch * p * p,
          p * p * sizeof *f->rsm);
  f->data.name = "predicted";
  f->data.rsm = f->rsm;
  f->data.scale = dln_figure_rsm_scale (r.res.rsm_predicted, r.epochs * p * p);
  f->data.n_items = p;
  f->data.item_names = (const char *const *) f->names;
  snprintf (f->title, sizeof f->title, "Predicted RSM at epoch %ld (theory)",
            epoch);
  f->data.title = f->title;
  f->data.bar_label = "Similarity";
  t3_run_clear (&r);
  dln_catalogue_instance_set (out, args->entry, f, render_rsm, csv_predicted,
                              predicted_figure_free);
  return DLN_STATUS_OK;
}

/* --- D13: the hierarchy behind the tree data --- */

typedef struct
{
  DlnTreeDiagramData data;
  DlnDataset        *ds;
  char               network[96];
} DiagramFigure;

static void
diagram_figure_free (void *p)
{
  DiagramFigure *f = p;

  dln_dataset_free (f->ds);
  free (f);
}

DLN_CATALOGUE_WRAP_DATA (diagram, tree, DiagramFigure)

/* The tree page's diagram: the generator's items at these settings. */
static DlnStatus
build_tree_diagram (const DlnFigureArgs *args,
                    DlnFigureInstance   *out,
                    DlnMessage          *msg)
{
  DiagramFigure *f = calloc (1, sizeof *f);
  DlnTreeParams tree;
  DlnStatus status;

  if (f == NULL)
    return no_memory (msg);
  dln_tree_params_init (&tree);
  tree.levels = (int) dln_figure_args_int (args, "levels");
  tree.branches = (int) dln_figure_args_int (args, "branches");
  tree.n_features = (size_t) dln_figure_args_int (args, "n-features");
  tree.seed = (uint64_t) dln_figure_args_int (args, "seed");
  status = dln_dataset_new_tree (&tree, &f->ds, msg);
  if (status != DLN_STATUS_OK)
    {
      free (f);
      return status;
    }
  dln_figure_tree_fill (&f->data, tree.levels, tree.branches,
                        (const char *const *) f->ds->item_names,
                        f->ds->n_features, DLN_COURSE_HIDDEN, f->network,
                        sizeof f->network);
  dln_catalogue_instance_set (out, args->entry, f, render_diagram, csv_diagram,
                              diagram_figure_free);
  return DLN_STATUS_OK;
}

/* --- D14: the training loss --- */

DLN_CATALOGUE_WRAP_DATA (loss, curves, DlnCatalogueCurves)

static DlnStatus
build_training_loss (const DlnFigureArgs *args,
                     DlnFigureInstance   *out,
                     DlnMessage          *msg)
{
  DlnCatalogueCurves *f;
  DlnCourseParams params;
  DlnStatus status;
  T3Run r;

  t3_params (args, &params);
  f = t3_figure_new (sizeof *f + params.epochs * sizeof (double), &params,
                     "tree", &r, &status, msg);
  if (f == NULL)
    return status;
  for (size_t e = 0; e < r.epochs; e++)
    f->loss[e] = course_loss (&r, e);
  f->curves[0].y = f->loss;
  f->curves[0].n = r.epochs;
  f->n_run = r.epochs;
  f->curves[0].color = DLN_COLOR_VERMILLION;
  f->curves[0].line_width = 3;
  f->data.curves = f->curves;
  f->data.n_curves = 1;
  f->data.title = N_("Training loss (Mean Squared Error)");
  f->data.xlabel = N_("Epoch");
  f->data.ylabel = N_("MSE");
  f->data.log_y = strcmp (dln_figure_args_string (args, "log"), "yes") == 0;
  f->data.legend = DLN_LEGEND_NONE;
  t3_run_clear (&r);
  dln_catalogue_instance_set (out, args->entry, f, render_loss, csv_loss,
                              free);
  out->frame = dln_catalogue_curves_frame;
  return DLN_STATUS_OK;
}

/* A zeroed figure of @size bytes whose DlnDataset pointer, at @ds_offset,
 * holds the builtin dataset of the "dataset" option drawn with the "seed"
 * option (the named table as ±1, as the figures draw it); NULL with
 * *@status set. */
static void *
dataset_figure_new (size_t               size,
                    size_t               ds_offset,
                    const DlnFigureArgs *args,
                    DlnStatus           *status,
                    DlnMessage          *msg)
{
  const char *name = dln_figure_args_string (args, "dataset");
  char *f = calloc (1, size);
  DlnDataset **ds;

  if (f == NULL)
    {
      *status = no_memory (msg);
      return NULL;
    }
  ds = (DlnDataset **) (f + ds_offset);
  *status = dln_dataset_new_builtin (name,
                                     (uint64_t) dln_figure_args_int (args,
                                                                     "seed"),
                                     ds, msg);
  if (*status != DLN_STATUS_OK)
    {
      free (f);
      return NULL;
    }
  if (strcmp (name, "tree-table") == 0)
    dln_dataset_binary_to_pm1 (*ds);  /* the figure draws 0 as −1 */
  return f;
}

/* --- D13: the tree data --- */

typedef struct
{
  DlnDatasetData data;
  DlnDataset    *ds;
  double        *labels;
  double        *features;   /* [P, n_shown] */
  char           last[DLN_DATASET_NAME_MAX];
} TreeFigure;

static void
tree_figure_free (void *p)
{
  TreeFigure *f = p;

  dln_dataset_free (f->ds);
  free (f->labels);
  free (f->features);
  free (f);
}

DLN_CATALOGUE_WRAP_DATA (tree, dataset, TreeFigure)

static DlnStatus
build_tree_data (const DlnFigureArgs *args,
                 DlnFigureInstance   *out,
                 DlnMessage          *msg)
{
  size_t shown = (size_t) dln_figure_args_int (args, "features");
  TreeFigure *f;
  DlnStatus status;
  size_t p, first;

  f = dataset_figure_new (sizeof *f, offsetof (TreeFigure, ds), args,
                          &status, msg);
  if (f == NULL)
    return status;
  p = f->ds->n_items;
  if (shown > f->ds->n_features)
    shown = f->ds->n_features;
  /* The table shows all its columns; the variants their last columns
   * (D17: the appended feature is last). */
  first = strcmp (f->ds->name, "tree-table") == 0 ? 0
                                                  : f->ds->n_features - shown;
  f->labels = malloc (p * p * sizeof (double));
  f->features = malloc (p * shown * sizeof (double));
  if (f->labels == NULL || f->features == NULL)
    {
      tree_figure_free (f);
      return no_memory (msg);
    }
  for (size_t i = 0; i < p; i++)
    {
      for (size_t j = 0; j < p; j++)
        /* one-hot 0 / 1 drawn as no / yes, like the table */
        f->labels[i * p + j] = 2 * f->ds->x->data[i * f->ds->n_inputs + j] - 1;
      for (size_t j = 0; j < shown; j++)
        f->features[i * shown + j]
          = f->ds->y->data[i * f->ds->n_features + first + j];
    }
  f->data.n_items = p;
  f->data.item_names = (const char *const *) f->ds->item_names;
  f->data.labels = f->labels;
  f->data.n_features = shown;
  f->data.features = f->features;
  if (strcmp (f->ds->name, "tree-table") == 0)
    {
      f->data.feature_names = (const char *const *) f->ds->feature_names;
      f->data.features_title = N_("10 random Features");
    }
  else
    {
      snprintf (f->last, sizeof f->last, "%s",
                f->ds->feature_names[f->ds->n_features - 1]);
      f->data.last_feature = f->last;
      f->data.features_title = N_("Last features of the sampled data");
    }
  dln_catalogue_instance_set (out, args->entry, f, render_tree, csv_tree,
                              tree_figure_free);
  return DLN_STATUS_OK;
}

/* --- Data SVD --- */

typedef struct
{
  DlnDataSvd  svd;     /* first: the render and CSV wrappers read it */
  DlnDataset *ds;
  char       *title;
} SvdFigure;

static void
svd_figure_free (void *p)
{
  SvdFigure *f = p;

  dln_figure_data_svd_clear (&f->svd);
  dln_dataset_free (f->ds);
  free (f->title);
  free (f);
}

/* SvdFigure starts with its DlnDataSvd, whose "data" the figure draws */
DLN_CATALOGUE_WRAP_DATA (svd, svd, DlnDataSvd)

static DlnStatus
build_data_svd (const DlnFigureArgs *args,
                DlnFigureInstance   *out,
                DlnMessage          *msg)
{
  SvdFigure *f;
  DlnStatus status;

  f = dataset_figure_new (sizeof *f, offsetof (SvdFigure, ds), args,
                          &status, msg);
  if (f == NULL)
    return status;
  status = dln_figure_data_svd_init (&f->svd, f->ds,
                                     (size_t) dln_figure_args_int (args,
                                                                   "features"),
                                     msg);
  if (status != DLN_STATUS_OK)
    {
      svd_figure_free (f);
      return status;
    }
  f->title = malloc (160);
  if (f->title != NULL)
    snprintf (f->title, 160, _("SVD of the data Y (%zu items × %zu features)"),
              f->ds->n_items, f->ds->n_features);
  f->svd.data.title = f->title;
  dln_catalogue_instance_set (out, args->entry, f, render_svd, csv_svd,
                              svd_figure_free);
  return DLN_STATUS_OK;
}

/* --- D18: regression vs zero depth vs deep --- */

typedef struct
{
  DlnMapCompareData data;
  double            w_true[9], w_est[9];
  double            loss[];  /* [zero-epochs + epochs]: the zero-depth
                              * run's, then the deep run's; in the
                              * figure's block */
} RegFigure;

DLN_CATALOGUE_WRAP_DATA (reg, map_compare, RegFigure)

static double
max_abs_diff (const DlnTensor *a,
              const DlnTensor *b)
{
  double m = 0;

  for (size_t i = 0; i < dln_tensor_size (a); i++)
    m = fmax (m, fabs (a->data[i] - b->data[i]));
  return m;
}

static DlnStatus
build_regression (const DlnFigureArgs *args,
                  DlnFigureInstance   *out,
                  DlnMessage          *msg)
{
  uint64_t seed = (uint64_t) dln_figure_args_int (args, "seed");
  size_t zero_epochs = (size_t) dln_figure_args_int (args, "zero-epochs");
  double zero_lr = dln_figure_args_double (args, "zero-lr");
  RegFigure *f;
  DlnTensor *w_true, *x3, *y3, *w3, *xi, *yt, *w_star, *w_deep;
  DlnCourseParams params;
  DlnArena *arena = NULL;
  DlnStatus status;
  DlnRng rng;
  T3Run r, z;
  size_t p, nf;

  memset (&z, 0, sizeof z);
  /* The deep route: D14's standard run on a fresh tree draw. */
  t3_params (args, &params);
  params.keep_weights = true;
  f = t3_figure_new (sizeof *f + (zero_epochs + params.epochs)
                     * sizeof (double), &params, "tree", &r, &status, msg);
  if (f == NULL)
    return status;
  p = r.ds->n_items;
  nf = r.ds->n_features;
  /* 3x3 example; I and Yᵀ [N, P]; the regression's solve (a few
   * [N, P]); the zero-depth model and its copy; the deep W_tot and the
   * two rebuilt models: about 12 [N, P] plus 2 [N, H]. */
  arena = dln_arena_new (sizeof (double) * nf * (12 * p + 2 * 64)
                         + (1u << 20));
  if (arena == NULL)
    {
      status = no_memory (msg);
      goto out;
    }
  for (size_t e = 0; e < r.epochs; e++)
    f->loss[zero_epochs + e] = course_loss (&r, e);

  /* docs/demos.md#regression-example: the 3 × 3 example and its closed-form
   * estimate. */
  dln_rng_init (&rng, seed);
  status = dln_dataset_regression_3x3 (&rng, DLN_MAP_COMPARE_SAMPLES, arena,
                                       &w_true, &x3, &y3);
  if (status == DLN_STATUS_OK)
    status = dln_analysis_regression (x3, y3, arena, &w3, msg);
  if (status != DLN_STATUS_OK)
    goto out;
  memcpy (f->w_true, w_true->data, 9 * sizeof (double));
  memcpy (f->w_est, w3->data, 9 * sizeof (double));

  /* Analytic: samples as columns, X = I_P, Y = the features (Yᵀ [N, P]). */
  xi = dln_tensor_new (arena, p, p);
  yt = dln_linalg_transpose (arena, r.ds->y);
  if (xi == NULL || yt == NULL)
    {
      status = no_memory (msg);
      goto out;
    }
  for (size_t i = 0; i < p; i++)
    dln_tensor_set (xi, i, i, 1.0);
  status = dln_analysis_regression (xi, yt, arena, &w_star, msg);
  if (status != DLN_STATUS_OK)
    goto out;

  /* Zero depth: Linear (P, N) without bias, PyTorch's default
   * U(±1/√fan_in) (docs/demos.md#initialisation; the course's γ is not used),
   * SGD at zero-lr: the D18 page's second run. */
  dln_course_params_zero_depth (&params);
  params.lr = zero_lr;
  params.epochs = zero_epochs;
  status = t3_run (&params, "tree", &z, msg);
  if (status != DLN_STATUS_OK)
    goto out;
  for (size_t e = 0; e < zero_epochs; e++)
    f->loss[e] = course_loss (&z, e);
  f->data.diff_zero = z.res.trained != NULL
                        ? max_abs_diff (w_star, z.res.trained->layers[0])
                        : NAN;

  /* The deep map W_tot = W₂ W₁. */
  w_deep = dln_tensor_new (arena, nf, p);
  if (w_deep == NULL)
    {
      status = no_memory (msg);
      goto out;
    }
  status = dln_model_product (r.res.trained, w_deep, arena);
  if (status != DLN_STATUS_OK)
    goto out;
  f->data.diff_deep = max_abs_diff (w_star, w_deep);

  f->data.rows = 3;
  f->data.cols = 3;
  f->data.w_true = f->w_true;
  f->data.w_est = f->w_est;
  f->data.loss_zero = f->loss;
  f->data.n_zero = zero_epochs;
  f->data.loss_deep = f->loss + zero_epochs;
  f->data.n_deep = r.epochs;
  f->data.tolerance = DLN_MAP_COMPARE_TOLERANCE;

out:
  dln_arena_free (arena);
  t3_run_clear (&z);
  t3_run_clear (&r);
  if (status != DLN_STATUS_OK)
    {
      free (f);
      return status;
    }
  dln_catalogue_instance_set (out, args->entry, f, render_reg, csv_reg,
                              free);
  return DLN_STATUS_OK;
}

/* --- Entries --- */

/* the defaults are the course run's (dln-course.h), printed */
#define T3_SEED \
  { "seed", DLN_OPTION_INT, G_STRINGIFY (DLN_COURSE_SEED), 0, 4294967295.0, \
    NULL, "seed of the tree draw and of the initial weights" }
#define T3_RUN_OPTIONS \
  { "lr", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_COURSE_LR), 0.001, 10000, NULL, \
    "learning rate η (slider 1 ... 200)" }, \
  { "gamma", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_COURSE_INIT_SCALE), 0, 100, \
    NULL, "initialisation scale γ (slider 1e-15 ... 10 in decades)" }, \
  { "epochs", DLN_OPTION_INT, G_STRINGIFY (DLN_COURSE_EPOCHS), 1, 100000, \
    NULL, "training epochs" }, \
  { "hidden", DLN_OPTION_INT, G_STRINGIFY (DLN_COURSE_HIDDEN), 1, 1000, NULL, \
    "hidden width H" }, \
  T3_SEED

static const DlnFigureOption loss_options[] = {
  T3_RUN_OPTIONS,
  { "log", DLN_OPTION_CHOICE, "no", 0, 0, "no|yes", "log y axis" },
};

const DlnCatalogueEntry dln_catalogue_training_loss = {
  "training-loss", "D14",
  "training loss of the 8-30-10000 deep linear net (staged plateaus)",
  loss_options, 6, 960, 480, build_training_loss,
};

static const DlnFigureOption dynamics_options[] = {
  T3_RUN_OPTIONS,
  { "theory", DLN_OPTION_CHOICE, "yes", 0, 0, "yes|no",
    "dashed theory overlays (exact discrete mode dynamics)" },
};

const DlnCatalogueEntry dln_catalogue_dynamics = {
  "dynamics", "D15",
  "loss and singular values of W_tot (twin axis) with theory overlays",
  dynamics_options, 6, 960, 480, build_dynamics,
};

static const DlnFigureOption rsm_options[] = {
  T3_RUN_OPTIONS,
  { "theory", DLN_OPTION_CHOICE, "no", 0, 0, "yes|no",
    "dashed theory overlays" },
  { "epoch", DLN_OPTION_INT, G_STRINGIFY (DLN_COURSE_RSM_EPOCH), 0, 100000,
    NULL, "epoch shown (slider 10 ... 241; the default: two modes learned)" },
  { "similarity", DLN_OPTION_CHOICE, "dot", 0, 0, "dot|cosine",
    "plain dot product H Hᵀ (the course) or cosine" },
};

const DlnCatalogueEntry dln_catalogue_rsm = {
  "rsm", "D16",
  "learning dynamics with an epoch band and the hidden-layer RSM",
  rsm_options, 8, 1344, 480, build_rsm,
};

static const DlnFigureOption predicted_options[] = {
  T3_RUN_OPTIONS,
  { "epoch", DLN_OPTION_INT, G_STRINGIFY (DLN_COURSE_RSM_EPOCH), 0, 100000,
    NULL, "epoch shown (slider 10 ... 241)" },
};

const DlnCatalogueEntry dln_catalogue_rsm_predicted = {
  "rsm-predicted", "D16",
  "the hidden-layer RSM the theory predicts at an epoch",
  predicted_options, 6, 640, 560, build_rsm_predicted,
};

static const DlnFigureOption illusory_options[] = {
  T3_RUN_OPTIONS,
  { "dataset", DLN_OPTION_CHOICE, "tree-shark", 0, 0,
    "tree-shark|tree-parrot", "preset: sharks have bones, or parrots speak" },
};

const DlnCatalogueEntry dln_catalogue_illusory = {
  "illusory", "D17",
  "the tracked prediction (illusory correlation) with the singular values",
  illusory_options, 6, 960, 480, build_illusory,
};

static const DlnFigureOption tree_options[] = {
  { "dataset", DLN_OPTION_CHOICE, "tree-table", 0, 0,
    "tree-table|tree|tree-shark|tree-parrot",
    "the named 8 x 10 table, or a sampled variant (last columns)" },
  { "features", DLN_OPTION_INT, "10", 1, 64, NULL, "feature columns shown" },
  T3_SEED,
};

const DlnCatalogueEntry dln_catalogue_tree_data = {
  "tree-data", "D13", "labels and features of the tree items (no / yes)",
  tree_options, 3, 1152, 672, build_tree_data,
};

/* the tree page's generator settings (ranges keep the items on screen) */
static const DlnFigureOption diagram_options[] = {
  { "levels", DLN_OPTION_INT, G_STRINGIFY (DLN_TREE_LEVELS), 1, 6, NULL,
    "levels below the root" },
  { "branches", DLN_OPTION_INT, G_STRINGIFY (DLN_TREE_BRANCHES), 2, 4, NULL,
    "children per node" },
  { "n-features", DLN_OPTION_INT, G_STRINGIFY (DLN_TREE_N_FEATURES), 10,
    100000, NULL, "features sampled (the network line)" },
  T3_SEED,
};

const DlnCatalogueEntry dln_catalogue_tree_diagram = {
  "tree-diagram", "D13", "the hierarchy behind the tree data, items named",
  diagram_options, 4, 960, 560, build_tree_diagram,
};

static const DlnFigureOption svd_options[] = {
  { "dataset", DLN_OPTION_CHOICE, "tree", 0, 0,
    "tree|tree-table|tree-shark|tree-parrot", "dataset" },
  { "features", DLN_OPTION_INT, "40", 1, 10000, NULL,
    "feature columns of the feature modes shown" },
  T3_SEED,
};

const DlnCatalogueEntry dln_catalogue_data_svd = {
  "data-svd", "D15",
  "SVD of the data: item modes, singular values (vs expected), feature modes",
  svd_options, 3, 1152, 480, build_data_svd,
};

static const DlnFigureOption regression_options[] = {
  T3_RUN_OPTIONS,
  { "zero-lr", DLN_OPTION_DOUBLE, G_STRINGIFY (DLN_COURSE_ZERO_DEPTH_LR), 0.001,
    100000, NULL, "SGD step of the zero-depth net" },
  { "zero-epochs", DLN_OPTION_INT, G_STRINGIFY (DLN_COURSE_EPOCHS), 1, 100000,
    NULL, "epochs of the zero-depth net" },
};

const DlnCatalogueEntry dln_catalogue_map_compare = {
  "map-compare", "D18",
  "closed form vs zero-depth net vs deep net: weights, loss, agreement",
  regression_options, 7, 1152, 432, build_regression,
};
