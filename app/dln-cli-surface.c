/* dlnlab-cli commands: surfaces, descend, hessian (placeholder until implemented). */

#include "config.h"

#include "dln-cli.h"

int
dln_cli_surfaces (int    argc,
            char **argv)
{
  return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "'surfaces' is not implemented yet");
}

int
dln_cli_descend (int    argc,
            char **argv)
{
  return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "'descend' is not implemented yet");
}

int
dln_cli_hessian (int    argc,
            char **argv)
{
  return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "'hessian' is not implemented yet");
}
