/* Fuzz target: the CSV dataset reader (core/dln-dataset.h,
 * dln_dataset_parse_csv) on arbitrary bytes, then what every loaded
 * dataset must satisfy (sizes, names, finite values) and a save/reload
 * round trip through a temporary file. */

#include "fuzz-fail.h"

#include "dln-core.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Each of the @n names (of items or of features: @what) is not empty,
 * fits, and is found at its own index by @find: no two are alike. */
static void
check_names (const DlnDataset *ds,
             char *const      *names,
             size_t            n,
             long            (*find) (const DlnDataset *, const char *),
             const char       *what)
{
  for (size_t i = 0; i < n; i++)
    {
      size_t len = strlen (names[i]);

      if (len == 0 || len >= DLN_DATASET_NAME_MAX)
        fuzz_fail ("a name is empty or too long", what);
      if (find (ds, names[i]) != (long) i)
        fuzz_fail ("names are not unique", what);
    }
}

static void
check_dataset (const DlnDataset *ds)
{
  if (ds->n_items == 0 || ds->n_features == 0
      || ds->n_items > DLN_DATASET_MAX_ITEMS
      || ds->n_features > DLN_DATASET_MAX_FEATURES
      || ds->n_items * ds->n_features > DLN_DATASET_MAX_CELLS)
    fuzz_fail ("a loaded dataset is outside the documented limits", NULL);
  if (ds->y->rows != ds->n_items || ds->y->cols != ds->n_features
      || ds->x->rows != ds->n_items || ds->x->cols != ds->n_inputs)
    fuzz_fail ("tensor shapes disagree with the counts", NULL);
  for (size_t i = 0; i < ds->n_items * ds->n_features; i++)
    if (!isfinite (ds->y->data[i]))
      fuzz_fail ("a non-finite value was accepted", NULL);
  check_names (ds, ds->item_names, ds->n_items, dln_dataset_find_item,
               "item");
  check_names (ds, ds->feature_names, ds->n_features,
               dln_dataset_find_feature, "feature");
}

/* What the reader accepted, the writer must write so that the reader
 * gives back the same names and the same doubles. */
static void
check_round_trip (const DlnDataset *ds)
{
  char path[] = "/tmp/fuzz-csv-XXXXXX";
  DlnDataset *back = NULL;
  DlnMessage msg;
  int fd = mkstemp (path);

  if (fd < 0)
    return;
  close (fd);
  if (dln_dataset_save_csv (ds, path, &msg) != DLN_STATUS_OK)
    fuzz_fail ("could not save a dataset the reader accepted", NULL);
  if (dln_dataset_load_csv (path, &back, &msg) != DLN_STATUS_OK)
    {
      fprintf (stderr, "fuzz-csv: reload: %s\n", msg.text);
      fuzz_fail ("the reader refused what the writer wrote", NULL);
    }
  unlink (path);
  if (back->n_items != ds->n_items || back->n_features != ds->n_features
      || memcmp (back->y->data, ds->y->data,
                 ds->n_items * ds->n_features * sizeof (double)) != 0)
    fuzz_fail ("the round trip changed the values", NULL);
  for (size_t i = 0; i < ds->n_items; i++)
    if (strcmp (back->item_names[i], ds->item_names[i]) != 0)
      fuzz_fail ("the round trip changed an item name", NULL);
  for (size_t j = 0; j < ds->n_features; j++)
    if (strcmp (back->feature_names[j], ds->feature_names[j]) != 0)
      fuzz_fail ("the round trip changed a feature name", NULL);
  dln_dataset_free (back);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  DlnDataset *ds = NULL;
  DlnMessage msg = { { 0 }, 0 };
  DlnStatus st;

  st = dln_dataset_parse_csv ((const char *) data, size, "fuzz.csv", &ds,
                              &msg);
  if (st != DLN_STATUS_OK)
    {
      if (ds != NULL)
        fuzz_fail ("a failed parse returned a dataset", NULL);
      if (msg.text[0] == '\0' || memchr (msg.text, '\0', sizeof msg.text)
                                 == NULL)
        fuzz_fail ("a failed parse without a message", NULL);
      return 0;
    }
  check_dataset (ds);
  check_round_trip (ds);
  dln_dataset_free (ds);
  return 0;
}
