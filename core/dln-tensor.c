#include "dln-tensor.h"

#include "dln-core-private.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

DlnTensor *
dln_tensor_new (DlnArena *arena,
                size_t    rows,
                size_t    cols)
{
  DlnTensor *t;

  DLN_ASSERT (arena != NULL);
  if (cols != 0 && rows > SIZE_MAX / sizeof (double) / cols)
    return NULL;
  t = dln_arena_alloc (arena, sizeof *t);
  if (t == NULL)
    return NULL;
  t->data = dln_arena_alloc (arena, rows * cols * sizeof (double));
  if (t->data == NULL)
    return NULL;
  t->rows = rows;
  t->cols = cols;
  return t;
}

DlnTensor *
dln_tensor_new_scalar (DlnArena *arena,
                       double    value)
{
  DlnTensor *t = dln_tensor_new (arena, 1, 1);

  if (t != NULL)
    t->data[0] = value;
  return t;
}

DlnTensor *
dln_tensor_new_from (DlnArena     *arena,
                     size_t        rows,
                     size_t        cols,
                     const double *values)
{
  DlnTensor *t = dln_tensor_new (arena, rows, cols);

  DLN_ASSERT (values != NULL || rows * cols == 0);
  if (t != NULL && rows * cols > 0)
    memcpy (t->data, values, rows * cols * sizeof (double));
  return t;
}

DlnTensor *
dln_tensor_copy (DlnArena        *arena,
                 const DlnTensor *t)
{
  DLN_ASSERT (t != NULL);
  return dln_tensor_new_from (arena, t->rows, t->cols, t->data);
}

size_t
dln_tensor_size (const DlnTensor *t)
{
  DLN_ASSERT (t != NULL);
  return t->rows * t->cols;
}

double
dln_tensor_get (const DlnTensor *t,
                size_t           row,
                size_t           col)
{
  DLN_ASSERT (t != NULL);
  DLN_ASSERT (row < t->rows && col < t->cols);
  return t->data[row * t->cols + col];
}

void
dln_tensor_set (DlnTensor *t,
                size_t     row,
                size_t     col,
                double     value)
{
  DLN_ASSERT (t != NULL);
  DLN_ASSERT (row < t->rows && col < t->cols);
  t->data[row * t->cols + col] = value;
}

void
dln_tensor_fill (DlnTensor *t,
                 double     value)
{
  size_t n = dln_tensor_size (t);

  for (size_t i = 0; i < n; i++)
    t->data[i] = value;
}

int
dln_tensor_same_shape (const DlnTensor *a,
                       const DlnTensor *b)
{
  DLN_ASSERT (a != NULL && b != NULL);
  return a->rows == b->rows && a->cols == b->cols;
}

int
dln_tensor_all_finite (const DlnTensor *t)
{
  size_t n = dln_tensor_size (t);

  for (size_t i = 0; i < n; i++)
    if (!isfinite (t->data[i]))
      return 0;
  return 1;
}
