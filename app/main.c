/* dlnlab: the Deep Linear Network Lab window. */

#include "config.h"

#include "dln-application.h"
#include "dln-linalg.h"

#include <glib/gi18n.h>
#include <locale.h>

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
  app = dln_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
