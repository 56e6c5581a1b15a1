/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cli"

#include "config.h"

#include "par-cli-documents.h"
#include "par-cli-evidence.h"
#include "par-cli-export.h"
#include "par-cli-packages.h"

/* parindex-cli-full: the document commands run here. */

static const struct
{
  const char *name;
  ParCliRun   run;
} documents[] = {
  { "attach", par_cli_run_attach },
  { "dossier", par_cli_run_dossier },
  { "export", par_cli_export },
  { "submit", par_cli_run_submit },
  { "return", par_cli_run_return },
  { "receive", par_cli_run_receive },
};

/**
 * par_cli_documents_command:
 * @name: a command of the document commands
 *
 * Returns: (nullable): what runs it, %NULL for another name
 */
ParCliRun
par_cli_documents_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    if (g_str_equal (documents[i].name, name))
      return documents[i].run;
  return NULL;
}
