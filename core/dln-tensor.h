#pragma once

#include "dln-arena.h"

#include <stddef.h>

/* --- Dense tensors ---
 * Double precision, row-major, shape [rows, cols]; a vector is [n, 1] and a
 * scalar [1, 1]. The struct and its data live in an arena and die with it. */

typedef struct
{
  size_t  rows;
  size_t  cols;
  double *data;  /* rows * cols values, row-major, 64-byte aligned */
} DlnTensor;

/* dln_tensor_new:
 * @arena: owns the result; not NULL
 * Returns a zeroed [rows, cols] tensor, or NULL when @arena is full. */
DlnTensor *dln_tensor_new       (DlnArena        *arena,
                                 size_t           rows,
                                 size_t           cols);

/* dln_tensor_new_scalar:
 * Returns a [1, 1] tensor holding @value, or NULL when @arena is full. */
DlnTensor *dln_tensor_new_scalar (DlnArena       *arena,
                                  double          value);

/* dln_tensor_new_from:
 * Returns a copy of @values (rows * cols, row-major) in @arena, or NULL. */
DlnTensor *dln_tensor_new_from  (DlnArena        *arena,
                                 size_t           rows,
                                 size_t           cols,
                                 const double    *values);

/* dln_tensor_copy:
 * Returns a deep copy of @t in @arena, or NULL when it is full. */
DlnTensor *dln_tensor_copy      (DlnArena        *arena,
                                 const DlnTensor *t);

/* Element count (rows * cols). */
size_t     dln_tensor_size      (const DlnTensor *t);

/* Element access; indices out of range are caller bugs (DLN_ASSERT). */
double     dln_tensor_get       (const DlnTensor *t,
                                 size_t           row,
                                 size_t           col);
void       dln_tensor_set       (DlnTensor       *t,
                                 size_t           row,
                                 size_t           col,
                                 double           value);

/* dln_tensor_fill:
 * Sets every element of @t to @value. */
void       dln_tensor_fill      (DlnTensor       *t,
                                 double           value);

/* dln_tensor_same_shape:
 * Returns 1 when @a and @b have equal shapes, 0 otherwise. */
int        dln_tensor_same_shape (const DlnTensor *a,
                                  const DlnTensor *b);

/* dln_tensor_all_finite:
 * Returns 1 when no element of @t is NaN or infinite, 0 otherwise. */
int        dln_tensor_all_finite (const DlnTensor *t);
