#pragma once

/* Helpers shared by core's own .c files; nothing outside core includes this. */

#include <stdio.h>
#include <stdlib.h>

/* DLN_ASSERT: caller bugs (wrong shape, forbidden NULL, bad index). Always
 * compiled in, whatever NDEBUG says; the only thing in core that writes to
 * stderr (docs/architecture.md#core-conventions). */
#define DLN_ASSERT(cond)                                                     \
  do                                                                         \
    {                                                                        \
      if (!(cond))                                                           \
        {                                                                    \
          fprintf (stderr, "%s:%d: assertion failed: %s\n",                  \
                   __FILE__, __LINE__, #cond);                               \
          abort ();                                                          \
        }                                                                    \
    }                                                                        \
  while (0)

#define DLN_MIN(a, b) ((a) < (b) ? (a) : (b))
#define DLN_MAX(a, b) ((a) > (b) ? (a) : (b))
