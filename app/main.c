/* dlnlab: the Deep Linear Network Lab window. */

#include "config.h"

#include "dln-application.h"
#include "dln-linalg.h"

#include <glib/gi18n.h>
#include <locale.h>

int
main (int    argc,
      char **argv)
{
  g_autoptr (DlnApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* Small matrices: one BLAS thread is faster and steadier (dln-linalg.h). */
  dln_linalg_set_num_threads (1);
  app = dln_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
