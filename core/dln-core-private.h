#pragma once

/* Helpers shared by core's own .c files; nothing outside core includes this. */

#include "config.h"

#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>

/* _() marks a message a user of the window reads (a DlnMessage): it is
 * looked up in the app's own catalogue (po/), the usual gettext way for a
 * library without GLib, dgettext with the project's domain; plurals use
 * dngettext (GETTEXT_PACKAGE, ...). The window binds the domain and takes
 * LC_MESSAGES from the user's locale; dlnlab-cli sets LC_MESSAGES to "C",
 * where gettext returns the English text unchanged, so the CLI's output
 * never depends on the language. */
#define _(String) dgettext (GETTEXT_PACKAGE, String)

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
