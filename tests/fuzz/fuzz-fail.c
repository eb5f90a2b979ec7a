/* The fuzz targets' report of a finding (fuzz-fail.h). */

#include "fuzz-fail.h"

#include <stdio.h>
#include <stdlib.h>

void
fuzz_fail (const char *what,
           const char *detail)
{
  if (detail != NULL)
    fprintf (stderr, "fuzz: %s\n  in: %.200s\n", what, detail);
  else
    fprintf (stderr, "fuzz: %s\n", what);
  abort ();
}
