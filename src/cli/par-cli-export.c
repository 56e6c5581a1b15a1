/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cli"

#include "config.h"

#include "par-cli-export.h"

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "par-annex-pages.h"
#include "par-annex-workbook.h"
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
 * TEXT] [--decision-date YYYY-MM-DD] [--issuer TEXT] [--signer TEXT]
 * [--units CODE,CODE…]`
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
                               "classes, and a score sheet per unit. Without --units, score "
                               "sheets are written for every unit when the year has at most "
                               "200 units, and for none otherwise. An output file ending in "
                               ".pdf gets the annexes as printed: A4, header rows on every "
                               "page, page numbers."));
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
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The workbook (.xlsx) or the printed annexes (.pdf) to write"), N_("ANNEX.xlsx|ANNEX.pdf") },
    { "decision-number", 0, 0, G_OPTION_ARG_STRING, &decision->number,
      N_("The decision’s number and symbol, e.g. 123/QĐ-UBND"), N_("TEXT") },
    { "decision-date", 0, 0, G_OPTION_ARG_STRING, &decision->date,
      N_("The decision’s date"), N_("YYYY-MM-DD") },
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &decision->issuer,
      N_("The issuing body, e.g. “UBND tỉnh Sông Lam”"), N_("TEXT") },
    { "signer", 0, 0, G_OPTION_ARG_STRING, &decision->signer, N_("The signer’s name"), N_("TEXT") },
    { "units", 0, 0, G_OPTION_ARG_STRING, &units,
      N_("Score sheets for these units only (codes separated by commas)"), N_("CODE,CODE…") },
    { NULL }
  };
  int year;
  int status;
  guint n_units = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!par_cli_parse_options (context, &argc, &argv, 2, &status) ||
      !par_cli_parse_year (context, argv[2], &year, &status))
    return status;
  if (out == NULL)
    return par_cli_usage_error (context, _("--out is required"));

  if (decision->date != NULL && !par_decision_validate_date (decision->date, &error))
    {
      g_prefix_error (&error, "--decision-date: ");
      return par_cli_report (error);
    }
  if (units != NULL)
    {
      unit_codes = g_strsplit (units, ",", -1);
      for (guint i = 0; unit_codes[i] != NULL; i++)
        g_strstrip (unit_codes[i]);
    }

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)))
    return par_cli_report (error);

  /* A published year's stored decision fills what the options leave out,
   * and its fingerprint goes into the footer. */
  stored = par_workspace_get_decision (workspace, year, &fingerprint, &error);
  if (error != NULL)
    return par_cli_report (error);
  if (stored != NULL)
    {
      if (decision->number == NULL)
        decision->number = g_strdup (stored->number);
      if (decision->date == NULL)
        decision->date = g_strdup (stored->date);
      if (decision->issuer == NULL)
        decision->issuer = g_strdup (stored->issuer);
      if (decision->signer == NULL)
        decision->signer = g_strdup (stored->signer);
      if (decision->title == NULL)
        decision->title = g_strdup (stored->title);
    }

  if (!(results = par_workspace_compute_results (workspace, year, &error)) ||
      !(document = par_annex_document_build (workspace, results, decision, fingerprint,
                                             unit_codes, NULL, &error)))
    return par_cli_report (error);
  if (g_str_has_suffix (out, ".pdf") || g_str_has_suffix (out, ".PDF"))
    {
      g_autoptr(ParAnnexPages) pages = par_annex_pages_new (g_steal_pointer (&document));

      if (!par_annex_pages_write_pdf (pages, out, NULL, &error))
        return par_cli_report (error);
    }
  else if (!par_annex_workbook_write_document (document, out, NULL, &error))
    return par_cli_report (error);

  for (guint b = 0; b < par_year_results_get_n_blocks (results); b++)
    n_units += par_year_results_get_block_size (results, b);
  if (unit_codes == NULL && n_units > PAR_ANNEX_UNIT_SHEETS_MAX)
    g_printerr (_("Year %d has %u units, more than %d: the workbook has no score sheet per unit; "
                  "choose units with --units\n"), year, n_units, PAR_ANNEX_UNIT_SHEETS_MAX);
  g_printerr (_("Wrote the annexes of year %d to %s\n"), year, out);
  return PAR_CLI_EXIT_OK;
}
