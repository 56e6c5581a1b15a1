/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cli-verify"

#include "config.h"

#include "par-cli-verify.h"

#include <glib/gi18n.h>

#include "par-cli.h"
#include "par-cli-private.h"
#include "par-workspace.h"

/* parindex-cli verify WORKSPACE [YEAR] (FORMATS.md §7): one line per year
 * that holds on standard output; what no longer matches on standard error,
 * with exit status 5. */

static void
print_check (const ParYearCheck *check)
{
  g_autofree char *records = g_strdup_printf ("%" G_GINT64_FORMAT, check->n_records);

  if (check->year == 0)
    /* Translators: the records of the audit log that belong to no single year */
    g_print (_("workspace: audit log whole (%s records of documents)\n"), records);
  else if (check->published)
    g_print (_("%d: published by decision %s of %s; %u units match fingerprint %.16s…; audit log "
               "whole (%s records)\n"),
             check->year, check->decision_number, check->decision_date, check->n_units,
             check->fingerprint, records);
  else
    g_print (_("%d: not published; audit log whole (%s records)\n"), check->year, records);
}

int
par_cli_verify (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE [YEAR]"),
                             _("Check the workspace file’s integrity, that each published year "
                               "still gives the fingerprint published with its decision, and "
                               "that the audit log is whole. Exit status 5 names what no longer "
                               "matches."));
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GError) error = NULL;
  gboolean whole;
  int status;
  int year = 0;

  if (!par_cli_parse_options_range (context, &argc, &argv, 1, 2, &status) ||
      (argc == 3 && !par_cli_parse_year (context, argv[2], &year, &status)))
    return status;

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_READ, &error)))
    return par_cli_report (error);

  whole = par_workspace_verify (workspace, year, &checks, &error);
  for (guint i = 0; checks != NULL && i < checks->len; i++)
    print_check (g_ptr_array_index (checks, i));
  if (!whole)
    return par_cli_report (error);
  return PAR_CLI_EXIT_OK;
}
