#pragma once

#include <glib.h>
#include <time.h>

G_BEGIN_DECLS

/* dln_thread_cpu_us:
 * Returns: the calling thread's CPU time in µs (POSIX; 0 where the clock
 * is missing), for the debug logs that set a change's or a job's CPU cost
 * against its wall time. Inline so that GLib-only test builds of a module
 * need no further source. */
static inline gint64
dln_thread_cpu_us (void)
{
  struct timespec t;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t) != 0)
    return 0;
  return (gint64) t.tv_sec * G_USEC_PER_SEC + t.tv_nsec / 1000;
}

G_END_DECLS
