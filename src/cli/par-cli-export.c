/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cli"

#include "config.h"

#include "par-cli-export.h"

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "par-annex-content.h"
#include "par-workspace-export.h"
#include "par-cli.h"
#include "par-cli-private.h"
#include "par-decision.h"
#include "par-error.h"
#include "par-workspace.h"

/* parindex-cli export (FORMATS.md §6): the annexes of the decision that
 * publishes a year, as one .xlsx workbook or as printed pages (.pdf). */

/**
 * par_cli_export:
 * @argc: the number of arguments
 * @argv: the arguments, `argv[0]` the command's name
 *
 * `parindex-cli export WORKSPACE YEAR --out ANNEX.xlsx|ANNEX.pdf [--decision-number
 * TEXT] [--decision-date YYYY-MM-DD] [--issuer TEXT] [--title TEXT] [--place TEXT]
 * [--authority TEXT…] [--signer-title TEXT] [--signer TEXT] [--units CODE,CODE…]`
 *
 * Returns: the exit status
 */
int
par_cli_export (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE YEAR --out ANNEX.xlsx|ANNEX.pdf"),
                             _("Write the annexes of the decision publishing the year’s results "
                               "as one Excel workbook: the ranking, the points per field, the "
                               "classes, and a score sheet per unit (every unit, or those "
                               "named by --units). An output file ending in .pdf gets the "
                               "annexes as printed: A4, header rows on every page, page "
                               "numbers."));
  g_autoptr(ParDecision) decision = par_decision_new ();
  g_autoptr(ParDecision) stored = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(ParAnnexDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *units = NULL;
  g_auto(GStrv) unit_codes = NULL;
  g_auto(GStrv) authority = NULL;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The workbook (.xlsx) or the printed annexes (.pdf) to write"), N_("ANNEX.xlsx|ANNEX.pdf") },
    { "units", 0, 0, G_OPTION_ARG_STRING, &units,
      N_("Score sheets for these units only (codes separated by commas)"), N_("CODE,CODE…") },
    { NULL }
  };
  ParCliProgress progress;
  int year;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  par_cli_add_decision_options (context, decision, &authority);
  if (!par_cli_parse_year_command (context, NULL, &argc, &argv, 2, 2, &year, &status))
    return status;
  if (out == NULL)
    return par_cli_usage_error (context, _("--out is required"));

  if (!par_cli_finish_decision_options (decision, authority, &status))
    return status;
  if (units != NULL)
    {
      unit_codes = g_strsplit (units, ",", -1);
      for (guint i = 0; unit_codes[i] != NULL; i++)
        g_strstrip (unit_codes[i]);
    }

  /* A published year whose data no longer match its fingerprint is not
   * printed under that fingerprint (exit 5). */
  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_READ, &error)) ||
      !par_workspace_check_year (workspace, year, &error))
    return par_cli_report (error);

  /* A published year's stored decision fills what the options leave out,
   * and its fingerprint goes into the footer. */
  stored = par_workspace_get_decision (workspace, year, &fingerprint, &error);
  if (error != NULL)
    return par_cli_report (error);
  par_decision_fill (decision, stored);

  if (!(results = par_workspace_compute_results (workspace, year, &error)) ||
      !(document = par_annex_document_build (workspace, results, decision, fingerprint,
                                             unit_codes, NULL, &error)))
    return par_cli_report (error);
  /* Thousands of score sheets take a while: the percentage shows. */
  par_cli_progress_init (&progress);
  if (!par_annex_document_write (document, out, par_cli_print_progress, &progress, NULL, &error))
    {
      par_cli_progress_end (&progress);
      return par_cli_report (error);
    }
  g_printerr (_("Wrote the annexes of year %d to %s\n"), year, out);
  return PAR_CLI_EXIT_OK;
}
