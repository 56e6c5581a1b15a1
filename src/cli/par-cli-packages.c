/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <stdio.h>

#include "par-cli-packages.h"
#include "par-cli-private.h"
#include "par-cli.h"
#include "par-cycle.h"
#include "par-decimal.h"
#include "par-error.h"
#include "par-workspace.h"

/* parindex-cli submit, return and receive (FORMATS.md §8): the packages
 * that carry the cycle between desks. */

#define MAX_LISTED 12

static void
list_leaves (const char *title,
             GPtrArray  *leaves)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  if (leaves->len == 0)
    return;
  for (guint i = 0; i < leaves->len && i < MAX_LISTED; i++)
    {
      const ParCriterion *leaf = g_ptr_array_index (leaves, i);
      g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "", leaf->code);
    }
  if (leaves->len > MAX_LISTED)
    g_string_append (codes, ", …");
  g_printerr ("%s (%u): %s\n", title, leaves->len, codes->str);
}

static char *
entries_text (guint n_entries)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", n_entries),
                          n_entries);
}

static char *
format_size (gint64 size)
{
  return par_format_size (size, G_FORMAT_SIZE_DEFAULT);
}

int
par_cli_run_submit (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE YEAR UNIT --out FILE.parpkg [--full]"),
                             _("Pack the unit’s self-assessment — entries, notes, explanations "
                               "and evidence — into a package for the appraising office. What "
                               "is still missing is listed first; the package is written anyway."));
  g_autofree char *out = NULL;
  gboolean full = FALSE;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The package to write (.parpkg)"),
      N_("FILE") },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full,
      N_("Carry every document, even those the office said it holds"), NULL },
    { NULL }
  };
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParSubmissionCheck) check = NULL;
  g_autoptr(ParPackageSummary) summary = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *entry_count = NULL;
  g_autofree char *documents = NULL;
  ParCliProgress progress;
  int status;
  int year;

  if (!par_cli_parse_year_command (context, entries, &argc, &argv, 3, 3, &year, &status))
    return status;
  if (out == NULL)
    return par_cli_usage_error (context, _("--out is required"));

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)) ||
      !(check = par_workspace_check_submission (workspace, year, argv[3], &error)))
    return par_cli_report (error);
  list_leaves (_("Sub-criteria without a self-assessment"), check->unscored);
  list_leaves (_("Sub-criteria without evidence or explanation"), check->unproven);

  par_cli_progress_init (&progress);
  file = g_file_new_for_commandline_arg (out);
  if (!(summary = par_workspace_submit (workspace, year, argv[3], file,
                                        full ? PAR_SUBMIT_FULL : PAR_SUBMIT_NONE,
                                        par_cli_print_progress, &progress, NULL, &error)))
    {
      par_cli_progress_end (&progress);
      return par_cli_report (error);
    }

  size = format_size (summary->size);
  origin = par_package_origin (summary->sha256, summary->round);
  entry_count = entries_text (summary->n_entries);
  documents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document (%u carried)",
                                            "%u documents (%u carried)", summary->n_documents),
                               summary->n_documents, summary->n_documents_carried);
  /* TRANSLATORS: "Wrote round 1 of TCH, 2022: 12 entries, 3 documents (3
   * carried), 1.9 MB, to TCH.parpkg (package:bd5d151e1d5bbca1 round 1)" */
  g_printerr (_("Wrote round %d of %s, %d: %s, %s, %s, to %s (%s)\n"), summary->round,
              summary->unit_code, year, entry_count, documents, size, out, origin);
  g_print ("%s\n", summary->sha256);
  return PAR_CLI_EXIT_OK;
}

int
par_cli_run_return (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE YEAR UNIT --out FILE.parpkg"),
                             _("Pack the office’s appraisal of a unit — appraisal entries, "
                               "verdicts, comments and explanation requests — into a package "
                               "for the unit."));
  g_autofree char *out = NULL;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The package to write (.parpkg)"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParPackageSummary) summary = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *entry_count = NULL;
  int status;
  int year;

  if (!par_cli_parse_year_command (context, entries, &argc, &argv, 3, 3, &year, &status))
    return status;
  if (out == NULL)
    return par_cli_usage_error (context, _("--out is required"));

  file = g_file_new_for_commandline_arg (out);
  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)) ||
      !(summary = par_workspace_return (workspace, year, argv[3], file, NULL, &error)))
    return par_cli_report (error);

  origin = par_package_origin (summary->sha256, summary->round);
  entry_count = entries_text (summary->n_entries);
  g_printerr (_("Wrote the appraisal of round %d of %s, %d: %s, to %s (%s)\n"),
              summary->round, summary->unit_code, year, entry_count, out, origin);
  g_print ("%s\n", summary->sha256);
  return PAR_CLI_EXIT_OK;
}

static int
exit_status (const GError *error)
{
  if (g_error_matches (error, PAR_ERROR, PAR_ERROR_FROZEN))
    return PAR_CLI_EXIT_FROZEN;
  if (g_error_matches (error, PAR_ERROR, PAR_ERROR_INVALID) ||
      g_error_matches (error, PAR_ERROR, PAR_ERROR_NOT_FOUND))
    return PAR_CLI_EXIT_INVALID;
  return PAR_CLI_EXIT_IO;
}

int
par_cli_run_receive (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE FILE.parpkg…"),
                             _("Receive packages: at the office, units’ self-assessments; at a "
                               "unit, the office’s appraisal. Each package is taken whole or "
                               "not at all; one received before changes nothing."));
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  int result = PAR_CLI_EXIT_OK;
  int status;

  if (!par_cli_parse_options_range (context, &argc, &argv, 2, G_MAXINT - 1, &status))
    return status;
  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)))
    return par_cli_report (error);

  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(ParPackageSummary) summary = NULL;
      g_autoptr(GError) package_error = NULL;
      g_autofree char *origin = NULL;
      g_autofree char *entry_count = NULL;
      ParCliProgress progress;

      par_cli_progress_init (&progress);
      summary = par_workspace_receive_package (workspace, file, par_cli_print_progress, &progress,
                                               NULL, &package_error);
      if (summary == NULL)
        {
          par_cli_progress_end (&progress);
          /* TRANSLATORS: "FILE: refused: why" */
          g_printerr (_("%s: refused: %s\n"), argv[i], package_error->message);
          if (result == PAR_CLI_EXIT_OK)
            result = exit_status (package_error);
          continue;
        }
      origin = par_package_origin (summary->sha256, summary->round);
      entry_count = entries_text (summary->n_entries);
      if (summary->already_received)
        g_printerr (_("%s: this package (%s) was received before; nothing changed\n"), argv[i],
                    origin);
      else if (summary->kind == PAR_PACKAGE_RETURN)
        g_printerr (_("%s: received the appraisal of round %d of %s, %d: %s (%s)\n"), argv[i],
                    summary->round, summary->unit_code, summary->year, entry_count, origin);
      else
        {
          g_autofree char *documents =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u document (%u stored, %u already held)",
                                          "%u documents (%u stored, %u already held)",
                                          summary->n_documents),
                             summary->n_documents, summary->n_documents_stored,
                             summary->n_documents - summary->n_documents_stored);

          g_printerr (_("%s: received round %d of %s, %d: %s, %s (%s)\n"), argv[i],
                      summary->round, summary->unit_code, summary->year, entry_count, documents,
                      origin);
        }
    }
  return result;
}
