/* dlnlab-cli: the headless face of the engine (docs/cli.md); everything
 * but main () is in the dln-cli library, which the tests link for the
 * commands' option tables. */

#include "dln-cli.h"

int
main (int    argc,
      char **argv)
{
  return dln_cli_main (argc, argv);
}
