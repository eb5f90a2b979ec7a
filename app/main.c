/* dlnlab: the Deep Linear Network Lab window. */

#include "config.h"

#include "dln-application.h"

#include <glib/gi18n.h>
#include <locale.h>

int
main (int    argc,
      char **argv)
{
  g_autoptr (DlnApplication) app = NULL;

  setlocale (LC_ALL, "");
  app = dln_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
