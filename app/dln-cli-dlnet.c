/* dlnlab-cli commands: svd, train, chain (placeholder until implemented). */

#include "config.h"

#include "dln-cli.h"

int
dln_cli_svd (int    argc,
            char **argv)
{
  return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "'svd' is not implemented yet");
}

int
dln_cli_train (int    argc,
            char **argv)
{
  return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "'train' is not implemented yet");
}

int
dln_cli_chain (int    argc,
            char **argv)
{
  return dln_cli_error (DLN_CLI_EXIT_RUNTIME, "'chain' is not implemented yet");
}
