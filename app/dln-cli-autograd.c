/* dlnlab-cli commands: grad, graph (placeholder until implemented). */

#include "config.h"

#include "dln-cli.h"

int
dln_cli_grad (int    argc,
            char **argv)
{
  return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "'grad' is not implemented yet");
}

int
dln_cli_graph (int    argc,
            char **argv)
{
  return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "'graph' is not implemented yet");
}
