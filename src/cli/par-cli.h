/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of FORMATS.md §6. */
typedef enum
{
  PAR_CLI_EXIT_OK = 0,
  PAR_CLI_EXIT_USAGE = 1,
  PAR_CLI_EXIT_INVALID = 2,
  PAR_CLI_EXIT_IO = 3,
  PAR_CLI_EXIT_FROZEN = 4,
  PAR_CLI_EXIT_INTEGRITY = 5,
} ParCliExit;

int par_cli_run (int    argc,
                 char **argv);

G_END_DECLS
