/* dlnlab: the Deep Linear Network Lab window. */

#include "config.h"

#include "dln-application.h"
#include "dln-linalg.h"

#include <glib/gi18n.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* The installed catalogues; a development build (make run) uses the ones
 * compiled into the build tree instead, as it does the GSettings schema. */
static const char *
dln_locale_dir (void)
{
#ifdef DLN_BUILD_LOCALE_DIR
  return DLN_BUILD_LOCALE_DIR;
#else
  return LOCALEDIR;
#endif
}

#ifdef __GLIBC__
/* Large buffers come and go many times a second: a figure's pixels, the
 * copies of a run's loss history, the CSV an accessible description reads
 * (megabytes, and more as the history grows). glibc serves them from its
 * heap once it has freed one that large (its mmap threshold follows the
 * largest block freed), and gives the heap back only from its top. Wide-net
 * Train pressed for 4 minutes grew the idle RSS from 73 to 97 MB that way
 * while the live heap stayed at 13-14 MB (make soak; malloc_trim gave
 * 17 MB back). Mapping every large block apart instead (a fixed threshold)
 * kept memory flat but doubled a frame's render time (fresh pages for the
 * pixels each frame), so freed pages are handed back now and then. */
#define TRIM_SECONDS 5

static gboolean
trim_heap_cb (gpointer user_data)
{
  malloc_trim (0);
  return G_SOURCE_CONTINUE;
}
#endif

int
main (int    argc,
      char **argv)
{
  g_autoptr (DlnApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dln_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Small matrices: one BLAS thread is faster and steadier (dln-linalg.h). */
  dln_linalg_set_num_threads (1);
#ifdef __GLIBC__
  g_timeout_add_seconds_full (G_PRIORITY_LOW, TRIM_SECONDS, trim_heap_cb,
                              NULL, NULL);
#endif
  app = dln_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
