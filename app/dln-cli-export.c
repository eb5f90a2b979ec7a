/* dlnlab-cli commands: export (placeholder until implemented). */

#include "config.h"

#include "dln-cli.h"

int
dln_cli_export (int    argc,
            char **argv)
{
  return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "'export' is not implemented yet");
}
