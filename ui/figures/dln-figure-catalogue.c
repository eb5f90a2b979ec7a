/* The figure catalogue: registry, option validation and instances. The
 * entries themselves live next to their builders (dln-figure-catalogue-*.c)
 * and are listed here, one block per area. */

#include "config.h"

#include "dln-figure-catalogue.h"

#include <errno.h>
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const DlnCatalogueEntry *const entries[] = {
  /* --- Tutorial 1 and Tutorial 2 sec. 1 --- */
  &dln_catalogue_gradient_field,
  &dln_catalogue_graph,
  &dln_catalogue_neuron_check,
  &dln_catalogue_regression,
  &dln_catalogue_shallow,
  &dln_catalogue_landscape,
  &dln_catalogue_surface3d,

  /* --- Tutorial 2 sec. 2 and Tutorial 3 --- */
  &dln_catalogue_depth_loss,
  &dln_catalogue_lr_loss,
  &dln_catalogue_init_loss,
  &dln_catalogue_playground_loss,
  &dln_catalogue_register,
  &dln_catalogue_tree_data,
  &dln_catalogue_tree_diagram,
  &dln_catalogue_training_loss,
  &dln_catalogue_dynamics,
  &dln_catalogue_rsm,
  &dln_catalogue_rsm_predicted,
  &dln_catalogue_illusory,
  &dln_catalogue_data_svd,
  &dln_catalogue_map_compare,

  /* --- D06/D07 optimizer race --- */
  &dln_catalogue_race,
  &dln_catalogue_race3d,

  /* D19 */
  &dln_catalogue_lecture_card,
};

const DlnCatalogueEntry *const *
dln_figure_catalogue (size_t *n)
{
  *n = sizeof entries / sizeof entries[0];
  return entries;
}

const DlnCatalogueEntry *
dln_figure_catalogue_find (const char *name)
{
  if (name == NULL)
    return NULL;
  for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++)
    if (strcmp (entries[i]->name, name) == 0)
      return entries[i];
  return NULL;
}

int
dln_figure_option_find (const DlnCatalogueEntry *entry,
                        const char              *name)
{
  for (size_t i = 0; i < entry->n_options; i++)
    if (name != NULL && strcmp (entry->options[i].name, name) == 0)
      return (int) i;
  return -1;
}

void
dln_figure_args_init (DlnFigureArgs           *args,
                      const DlnCatalogueEntry *entry)
{
  memset (args, 0, sizeof *args);
  args->entry = entry;
  for (size_t i = 0; i < entry->n_options && i < DLN_FIGURE_MAX_OPTIONS; i++)
    snprintf (args->values[i], sizeof args->values[i], "%s",
              entry->options[i].default_value);
}

/* Parses the whole of @text as a double in the C locale's format ('.' as
 * the decimal point whatever LC_NUMERIC says). */
static bool
parse_double (const char *text,
              double     *out)
{
  char buf[128], *end = NULL;
  double v;

  if (text == NULL || *text == '\0' || strlen (text) >= sizeof buf)
    return false;
  strcpy (buf, text);
  errno = 0;
  v = g_ascii_strtod (buf, &end);
  /* ERANGE also flags underflow, and a subnormal (1e-310) is a number. */
  if (end == buf || *end != '\0' || (errno == ERANGE && fabs (v) == HUGE_VAL)
      || !isfinite (v))
    return false;
  *out = v;
  return true;
}

static bool
in_choices (const char *choices,
            const char *value)
{
  size_t len = strlen (value);
  const char *p = choices;

  while (p != NULL && *p != '\0')
    {
      const char *bar = strchr (p, '|');
      size_t n = bar != NULL ? (size_t) (bar - p) : strlen (p);

      if (n == len && strncmp (p, value, n) == 0)
        return true;
      p = bar != NULL ? bar + 1 : NULL;
    }
  return false;
}

DlnStatus
dln_figure_args_set (DlnFigureArgs *args,
                     const char    *name,
                     const char    *value,
                     DlnMessage    *msg)
{
  int i = dln_figure_option_find (args->entry, name);
  const DlnFigureOption *o;
  double v;

  if (i < 0)
    {
      dln_message_set (msg, 0, "figure '%s' has no option '%s'",
                       args->entry->name, name != NULL ? name : "");
      return DLN_STATUS_INVALID_INPUT;
    }
  o = &args->entry->options[i];
  if (value == NULL || strlen (value) >= sizeof args->values[i])
    {
      dln_message_set (msg, 0, "option '%s' needs a value (at most 127 bytes)",
                       name);
      return DLN_STATUS_INVALID_INPUT;
    }
  switch (o->type)
    {
    case DLN_OPTION_DOUBLE:
    case DLN_OPTION_INT:
      if (!parse_double (value, &v))
        {
          dln_message_set (msg, 0, "option '%s': '%s' is not a number", name,
                           value);
          return DLN_STATUS_INVALID_INPUT;
        }
      if (o->type == DLN_OPTION_INT && v != floor (v))
        {
          dln_message_set (msg, 0, "option '%s': '%s' is not an integer",
                           name, value);
          return DLN_STATUS_INVALID_INPUT;
        }
      if (v < o->min || v > o->max)
        {
          dln_message_set (msg, 0, "option '%s': %s is outside %g ... %g",
                           name, value, o->min, o->max);
          return DLN_STATUS_INVALID_INPUT;
        }
      break;
    case DLN_OPTION_CHOICE:
      if (!in_choices (o->choices, value))
        {
          dln_message_set (msg, 0, "option '%s': '%s' is not one of %s", name,
                           value, o->choices);
          return DLN_STATUS_INVALID_INPUT;
        }
      break;
    case DLN_OPTION_STRING:
      break;
    }
  strcpy (args->values[i], value);
  return DLN_STATUS_OK;
}

double
dln_figure_args_double (const DlnFigureArgs *args,
                        const char          *name)
{
  int i = dln_figure_option_find (args->entry, name);
  double v = 0;

  if (i >= 0)
    parse_double (args->values[i], &v);
  return v;
}

long
dln_figure_args_int (const DlnFigureArgs *args,
                     const char          *name)
{
  return lround (dln_figure_args_double (args, name));
}

const char *
dln_figure_args_string (const DlnFigureArgs *args,
                        const char          *name)
{
  int i = dln_figure_option_find (args->entry, name);

  return i >= 0 ? args->values[i] : "";
}

DlnStatus
dln_figure_build (const DlnCatalogueEntry *entry,
                  const DlnFigureArgs     *args,
                  DlnFigureInstance       *out,
                  DlnMessage              *msg)
{
  DlnStatus status;

  memset (out, 0, sizeof *out);
  out->width = entry->width;
  out->height = entry->height;
  status = entry->build (args, out, msg);
  if (status != DLN_STATUS_OK)
    dln_figure_instance_clear (out);
  return status;
}

void
dln_figure_instance_clear (DlnFigureInstance *fig)
{
  if (fig->data != NULL && fig->free != NULL)
    fig->free (fig->data);
  memset (fig, 0, sizeof *fig);
}
