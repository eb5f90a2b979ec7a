#pragma once

/* The figure catalogue: every figure dlnlab can draw, by name, with its
 * options and a function that computes its data from the core engines.
 * `dlnlab-cli export` and the GUI's export dialog both go through it:
 *
 *   const DlnCatalogueEntry *e = dln_figure_catalogue_find ("depth-loss");
 *   DlnFigureArgs args;
 *   DlnFigureInstance fig;
 *   dln_figure_args_init (&args, e);
 *   dln_figure_args_set (&args, "depth", "20", &msg);       validated
 *   dln_figure_build (e, &args, &fig, &msg);                runs the engine
 *   dln_figure_export (path, fmt, fig.width, fig.height, 1, fig.render,
 *                      &style, fig.data, &msg);
 *   dln_figure_instance_clear (&fig);
 */

#include "dln-figure.h"

typedef enum
{
  DLN_OPTION_DOUBLE = 0,  /* finite, within [min, max] */
  DLN_OPTION_INT,         /* integer within [min, max] */
  DLN_OPTION_CHOICE,      /* one of the '|'-separated @choices */
  DLN_OPTION_STRING,      /* any text (names, labels) */
} DlnFigureOptionType;

typedef struct
{
  const char         *name;           /* "depth": the CLI flag --depth */
  DlnFigureOptionType type;
  const char         *default_value;  /* valid for the type; not NULL */
  double              min, max;       /* DOUBLE / INT bounds, inclusive */
  const char         *choices;        /* CHOICE: "a|b|c" */
  const char         *help;           /* one line */
} DlnFigureOption;

#define DLN_FIGURE_MAX_OPTIONS 16

typedef struct DlnCatalogueEntry DlnCatalogueEntry;

typedef struct
{
  const DlnCatalogueEntry *entry;
  /* Values by option index; owned copies (at most 127 bytes each). */
  char values[DLN_FIGURE_MAX_OPTIONS][128];
} DlnFigureArgs;

/* Shows @value of the entry's animated option (dln-figure-animation.h)
 * in @data, which was built with that option at its last value (the
 * run's full length, or any epoch of it): afterwards @data draws and
 * writes exactly what a build with @value would, without running the
 * engine again. Returns DLN_STATUS_OK or DLN_STATUS_INVALID_INPUT (a
 * value outside the built run; @msg says which). */
typedef DlnStatus (*DlnFigureFrameFunc) (void       *data,
                                         long        value,
                                         DlnMessage *msg);

typedef struct
{
  void                *data;    /* owned; freed by @free */
  DlnFigureRenderFunc  render;  /* draws @data */
  DlnFigureCsvFunc     csv;     /* writes the data behind it */
  void               (*free) (void *data);
  DlnFigureFrameFunc   frame;   /* (nullable) animated figures that draw
                                 * any frame from one run */
  double               width;   /* default size, user units */
  double               height;
} DlnFigureInstance;

typedef DlnStatus (*DlnFigureBuildFunc) (const DlnFigureArgs *args,
                                         DlnFigureInstance   *out,
                                         DlnMessage          *msg);

struct DlnCatalogueEntry
{
  const char            *name;         /* "depth-loss" */
  const char            *demo;         /* "D08" */
  const char            *description;  /* one line */
  const DlnFigureOption *options;
  size_t                 n_options;    /* <= DLN_FIGURE_MAX_OPTIONS */
  double                 width;        /* default size, user units */
  double                 height;
  DlnFigureBuildFunc     build;
};

/* dln_figure_catalogue:
 * Returns the static array of all entries and its length in @n. */
const DlnCatalogueEntry *const *dln_figure_catalogue (size_t             *n);

/* dln_figure_catalogue_find:
 * Returns the entry called @name, or NULL. */
const DlnCatalogueEntry *dln_figure_catalogue_find  (const char              *name);

/* dln_figure_option_find:
 * Returns the index of option @name of @entry, or -1. */
int         dln_figure_option_find      (const DlnCatalogueEntry *entry,
                                         const char              *name);

/* dln_figure_args_init:
 * Fills @args with @entry's defaults. */
void        dln_figure_args_init        (DlnFigureArgs           *args,
                                         const DlnCatalogueEntry *entry);

/* dln_figure_args_set:
 * Validates @value for option @name and stores it. Returns DLN_STATUS_OK
 * or DLN_STATUS_INVALID_INPUT (unknown option, not a number, out of range,
 * not a choice; @msg names option, value and the allowed range). */
DlnStatus   dln_figure_args_set         (DlnFigureArgs           *args,
                                         const char              *name,
                                         const char              *value,
                                         DlnMessage              *msg);

/* Typed access to validated values; @name must be an option of the entry
 * (a wrong name is a caller bug: returns 0 / ""). */
double      dln_figure_args_double      (const DlnFigureArgs     *args,
                                         const char              *name);
long        dln_figure_args_int         (const DlnFigureArgs     *args,
                                         const char              *name);
const char *dln_figure_args_string      (const DlnFigureArgs     *args,
                                         const char              *name);

/* dln_figure_build:
 * Runs @entry's engine with @args into @out (cleared first). Returns
 * DLN_STATUS_OK or the engine's status (@msg says why). */
DlnStatus   dln_figure_build            (const DlnCatalogueEntry *entry,
                                         const DlnFigureArgs     *args,
                                         DlnFigureInstance       *out,
                                         DlnMessage              *msg);

/* dln_figure_instance_clear:
 * Frees @fig's data and zeroes it; safe on a zeroed instance. */
void        dln_figure_instance_clear   (DlnFigureInstance       *fig);

/* --- Entries, one block per area (defined in the figure files) --- */

/* Tutorial 1 and Tutorial 2 sec. 1 */
extern const DlnCatalogueEntry dln_catalogue_gradient_field;
extern const DlnCatalogueEntry dln_catalogue_graph;
extern const DlnCatalogueEntry dln_catalogue_neuron_check;
extern const DlnCatalogueEntry dln_catalogue_regression;
extern const DlnCatalogueEntry dln_catalogue_shallow;
extern const DlnCatalogueEntry dln_catalogue_landscape;
extern const DlnCatalogueEntry dln_catalogue_surface3d;

/* Tutorial 2 sec. 2 and Tutorial 3 */
extern const DlnCatalogueEntry dln_catalogue_depth_loss;
extern const DlnCatalogueEntry dln_catalogue_lr_loss;
extern const DlnCatalogueEntry dln_catalogue_init_loss;
extern const DlnCatalogueEntry dln_catalogue_playground_loss;
extern const DlnCatalogueEntry dln_catalogue_register;
extern const DlnCatalogueEntry dln_catalogue_tree_data;
extern const DlnCatalogueEntry dln_catalogue_tree_diagram;
extern const DlnCatalogueEntry dln_catalogue_training_loss;
extern const DlnCatalogueEntry dln_catalogue_dynamics;
extern const DlnCatalogueEntry dln_catalogue_rsm;
extern const DlnCatalogueEntry dln_catalogue_rsm_predicted;
extern const DlnCatalogueEntry dln_catalogue_illusory;
extern const DlnCatalogueEntry dln_catalogue_data_svd;
extern const DlnCatalogueEntry dln_catalogue_map_compare;

/* D06/D07 optimizer race */
extern const DlnCatalogueEntry dln_catalogue_race;
extern const DlnCatalogueEntry dln_catalogue_race3d;

/* D19, the bonus lecture's title card */
extern const DlnCatalogueEntry dln_catalogue_lecture_card;
