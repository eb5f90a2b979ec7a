/* Fuzz target: the CSV dataset reader (core/dln-dataset.h,
 * dln_dataset_parse_csv) on arbitrary bytes, then what every loaded
 * dataset must satisfy (sizes, names, finite values) and a save/reload
 * round trip through a temporary file. */

#include "dln-core.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
fail (const char *what)
{
  fprintf (stderr, "fuzz-csv: %s\n", what);
  abort ();
}

static void
check_dataset (const DlnDataset *ds)
{
  if (ds->n_items == 0 || ds->n_features == 0
      || ds->n_items > DLN_DATASET_MAX_ITEMS
      || ds->n_features > DLN_DATASET_MAX_FEATURES
      || ds->n_items * ds->n_features > DLN_DATASET_MAX_CELLS)
    fail ("a loaded dataset is outside the documented limits");
  if (ds->y->rows != ds->n_items || ds->y->cols != ds->n_features
      || ds->x->rows != ds->n_items || ds->x->cols != ds->n_inputs)
    fail ("tensor shapes disagree with the counts");
  for (size_t i = 0; i < ds->n_items * ds->n_features; i++)
    if (!isfinite (ds->y->data[i]))
      fail ("a non-finite value was accepted");
  for (size_t i = 0; i < ds->n_items; i++)
    {
      size_t len = strlen (ds->item_names[i]);

      if (len == 0 || len >= DLN_DATASET_NAME_MAX)
        fail ("an item name is empty or too long");
      if (dln_dataset_find_item (ds, ds->item_names[i]) != (long) i)
        fail ("item names are not unique");
    }
  for (size_t j = 0; j < ds->n_features; j++)
    {
      size_t len = strlen (ds->feature_names[j]);

      if (len == 0 || len >= DLN_DATASET_NAME_MAX)
        fail ("a feature name is empty or too long");
      if (dln_dataset_find_feature (ds, ds->feature_names[j]) != (long) j)
        fail ("feature names are not unique");
    }
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
    fail ("could not save a dataset the reader accepted");
  if (dln_dataset_load_csv (path, &back, &msg) != DLN_STATUS_OK)
    {
      fprintf (stderr, "fuzz-csv: reload: %s\n", msg.text);
      fail ("the reader refused what the writer wrote");
    }
  unlink (path);
  if (back->n_items != ds->n_items || back->n_features != ds->n_features
      || memcmp (back->y->data, ds->y->data,
                 ds->n_items * ds->n_features * sizeof (double)) != 0)
    fail ("the round trip changed the values");
  for (size_t i = 0; i < ds->n_items; i++)
    if (strcmp (back->item_names[i], ds->item_names[i]) != 0)
      fail ("the round trip changed an item name");
  for (size_t j = 0; j < ds->n_features; j++)
    if (strcmp (back->feature_names[j], ds->feature_names[j]) != 0)
      fail ("the round trip changed a feature name");
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
        fail ("a failed parse returned a dataset");
      if (msg.text[0] == '\0' || memchr (msg.text, '\0', sizeof msg.text)
                                 == NULL)
        fail ("a failed parse without a message");
      return 0;
    }
  check_dataset (ds);
  check_round_trip (ds);
  dln_dataset_free (ds);
  return 0;
}
