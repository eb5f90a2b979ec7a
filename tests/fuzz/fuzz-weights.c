/* Fuzz target: the weights JSON of dlnlab-cli train --init-weights
 * (app/dln-cli-weights.h) on arbitrary bytes. An accepted file must give
 * a model whose layers chain and hold only finite numbers. */

#include "fuzz-fail.h"

#include "dln-cli-weights.h"

#include "dln-core.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* The CLI's budget for a weights file of @size bytes (dln-cli-dlnet.c):
 * eight bytes of model per byte of text, plus 1 MiB. */
#define WEIGHTS_ARENA_BYTES(size) (8 * (size_t) (size) + (1u << 20))

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  DlnArena *arena = dln_arena_new (WEIGHTS_ARENA_BYTES (size));
  DlnModel *model = NULL;
  char *error = NULL;
  DlnStatus st;

  if (arena == NULL)
    abort ();
  st = dln_cli_weights_from_data ((const char *) data, (gssize) size,
                                  "fuzz.json", arena, &model, &error);
  if (st == DLN_STATUS_OK)
    {
      if (model == NULL || model->depth == 0 || error != NULL)
        fuzz_fail ("an accepted file gave no model", NULL);
      for (size_t l = 0; l < model->depth; l++)
        {
          const DlnTensor *w = model->layers[l];

          if (w->rows != model->dims[l + 1] || w->cols != model->dims[l])
            fuzz_fail ("layer shapes do not chain", NULL);
          for (size_t i = 0; i < w->rows * w->cols; i++)
            if (!isfinite (w->data[i]))
              fuzz_fail ("a non-finite weight was accepted", NULL);
        }
    }
  else if (st == DLN_STATUS_INVALID_INPUT && error == NULL)
    fuzz_fail ("a refused file without a message", NULL);
  g_free (error);
  dln_arena_free (arena);
  return 0;
}
