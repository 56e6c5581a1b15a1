/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <stdio.h>

#include "par-cli-cycle.h"
#include "par-cli.h"
#include "par-cli-private.h"
#include "par-cycle-format.h"
#include "par-cycle.h"
#include "par-error.h"
#include "par-workspace.h"

/* parindex-cli review, deadline, status (FORMATS.md §8), and explain and
 * rounds, which the round trip needs on the command line: the unit
 * answers, both sides see what changed. The packages that carry the cycle
 * between desks (submit, return, receive) are in par-cli-packages.c. */

int
par_cli_run_review (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE YEAR UNIT CRITERION "
                               "[--verdict accepted|insufficient|rejected] [--comment TEXT] "
                               "[--request-explanation TEXT] [--document SHA256]"),
                             _("Record the office’s verdict and comment on a unit’s criterion "
                               "(or, with --document, on one of its documents) and the "
                               "explanation the unit must give. An empty text clears a comment "
                               "or withdraws a request; --verdict none clears the verdict."));
  g_autofree char *verdict = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *request = NULL;
  g_autofree char *document = NULL;
  GOptionEntry entries[] = {
    { "verdict", 0, 0, G_OPTION_ARG_STRING, &verdict,
      N_("accepted, insufficient, rejected or none"), N_("VERDICT") },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("The office’s comment"), N_("TEXT") },
    { "request-explanation", 0, 0, G_OPTION_ARG_STRING, &request,
      N_("What the unit must explain"), N_("TEXT") },
    { "document", 0, 0, G_OPTION_ARG_STRING, &document,
      N_("A document of the criterion, by the first digits of its SHA-256"), N_("SHA256") },
    { NULL }
  };
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  ParReviewChange change = { 0 };
  int status;
  int year;

  if (!par_cli_parse_year_command (context, entries, &argc, &argv, 4, 4, &year, &status))
    return status;
  if (verdict == NULL && comment == NULL && request == NULL)
    return par_cli_usage_error (context, _("give --verdict, --comment or --request-explanation"));
  if (verdict != NULL)
    {
      change.set_verdict = TRUE;
      if (g_str_equal (verdict, "none"))
        change.verdict = PAR_VERDICT_NONE;
      else if (!par_verdict_from_string (verdict, &change.verdict))
        return par_cli_usage_error (context, _("--verdict must be accepted, insufficient, "
                                               "rejected or none"));
    }
  change.set_comment = comment != NULL;
  change.comment = comment;
  change.set_request = request != NULL;
  change.request = request;

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)) ||
      !par_workspace_review (workspace, year, argv[3], argv[4], document, &change, &error))
    return par_cli_report (error);

  g_printerr (_("Reviewed %s, criterion %s, year %d\n"), argv[3], argv[4], year);
  return PAR_CLI_EXIT_OK;
}

int
par_cli_run_deadline (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE YEAR --stage self|explanation --date YYYY-MM-DD "
                               "[--unit CODE --reason TEXT]"),
                             _("Set a stage’s closing date (the last day packages are "
                               "received), or one unit’s extension with its reason. --clear "
                               "removes the deadline or the extension."));
  g_autofree char *stage_name = NULL;
  g_autofree char *date = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *reason = NULL;
  gboolean clear = FALSE;
  GOptionEntry entries[] = {
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_name, N_("self or explanation"), N_("STAGE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The closing date"), N_("YYYY-MM-DD") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit granted an extension"),
      N_("CODE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the unit is granted an extension"),
      N_("TEXT") },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Remove the deadline or the extension"),
      NULL },
    { NULL }
  };
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  ParCycleStage stage;
  gboolean ok;
  int status;
  int year;

  if (!par_cli_parse_year_command (context, entries, &argc, &argv, 2, 2, &year, &status))
    return status;
  if (!par_cycle_stage_from_string (stage_name, &stage))
    return par_cli_usage_error (context, _("--stage must be self or explanation"));
  if ((date == NULL) == !clear)
    return par_cli_usage_error (context, _("give --date, or --clear"));
  if (reason != NULL && unit == NULL)
    return par_cli_usage_error (context, _("--reason goes with --unit"));
  if (unit != NULL && reason == NULL && !clear)
    return par_cli_usage_error (context, _("an extension needs a reason (--reason)"));

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)))
    return par_cli_report (error);
  if (unit != NULL)
    ok = par_workspace_set_extension (workspace, year, unit, stage, date, reason, &error);
  else
    ok = par_workspace_set_deadline (workspace, year, stage, date, &error);
  if (!ok)
    return par_cli_report (error);

  if (unit != NULL && date != NULL)
    g_printerr (stage == PAR_CYCLE_STAGE_SELF
                ? _("Unit %s may send its self-assessment of %d until %s\n")
                : _("Unit %s may send its explanations of %d until %s\n"), unit, year, date);
  else if (unit != NULL)
    g_printerr (_("The extension of unit %s is withdrawn\n"), unit);
  else if (date != NULL)
    g_printerr (stage == PAR_CYCLE_STAGE_SELF
                ? _("The self-assessment of %d closes on %s\n")
                : _("The explanations of %d close on %s\n"), year, date);
  else
    g_printerr (stage == PAR_CYCLE_STAGE_SELF
                ? _("The self-assessment of %d has no deadline\n")
                : _("The explanations of %d have no deadline\n"), year);
  return PAR_CLI_EXIT_OK;
}

static gboolean
parse_format (GOptionContext *context,
              const char     *format,
              gboolean        csv_allowed,
              int            *out_status)
{
  if (format == NULL || g_str_equal (format, "json") || g_str_equal (format, "text") ||
      (csv_allowed && g_str_equal (format, "csv")))
    return TRUE;
  *out_status = par_cli_usage_error (context, csv_allowed ? _("--format must be json, csv or text")
                                                          : _("--format must be json or text"));
  return FALSE;
}

/* JSON and CSV are UTF-8 whatever the locale: g_print () would convert
 * them to the locale's charset. */
static void
print_data (const char *format,
            const char *output)
{
  if (format != NULL && !g_str_equal (format, "text"))
    fputs (output, stdout);
  else
    g_print ("%s", output);
}

int
par_cli_run_status (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE YEAR [--format json|csv|text]"),
                             _("List, per unit, the last round received and when, its package’s "
                               "hash, what was sent back, the appraisal, verdicts, open "
                               "explanation requests and the deadline."));
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("json, csv or text (default)"),
      N_("FORMAT") },
    { NULL }
  };
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *self_deadline = NULL;
  g_autofree char *explanation_deadline = NULL;
  g_autofree char *output = NULL;
  ParCycleDeadlines deadlines;
  int status;
  int year;

  if (!par_cli_parse_year_command (context, entries, &argc, &argv, 2, 2, &year, &status) ||
      !parse_format (context, format, TRUE, &status))
    return status;

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_READ, &error)) ||
      !(units = par_workspace_list_cycle (workspace, year, &error)))
    return par_cli_report (error);
  self_deadline = par_workspace_get_deadline (workspace, year, PAR_CYCLE_STAGE_SELF, &error);
  if (error == NULL)
    explanation_deadline = par_workspace_get_deadline (workspace, year,
                                                       PAR_CYCLE_STAGE_EXPLANATION, &error);
  if (error != NULL)
    return par_cli_report (error);
  deadlines.self = self_deadline;
  deadlines.explanation = explanation_deadline;

  if (g_strcmp0 (format, "json") == 0)
    output = par_cycle_format_json (year, &deadlines, units);
  else if (g_strcmp0 (format, "csv") == 0)
    output = par_cycle_format_csv (units);
  else
    output = par_cycle_format_text (year, &deadlines, units);
  print_data (format, output);
  return PAR_CLI_EXIT_OK;
}

int
par_cli_run_explain (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE YEAR UNIT CRITERION TEXT"),
                             _("Write the unit’s explanation (giải trình) of a sub-criterion; "
                               "an empty text removes it."));
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean requested;
  int status;
  int year;

  if (!par_cli_parse_year_command (context, NULL, &argc, &argv, 5, 5, &year, &status))
    return status;

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)) ||
      !par_workspace_get_explanation (workspace, year, argv[3], argv[4], &requested, &text,
                                      &error) ||
      !par_workspace_set_explanation (workspace, year, argv[3], argv[4], requested, argv[5],
                                      &error))
    return par_cli_report (error);

  g_printerr (_("Saved the explanation of %s, criterion %s, year %d\n"), argv[3], argv[4], year);
  return PAR_CLI_EXIT_OK;
}

int
par_cli_run_rounds (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE YEAR UNIT --round N [--format json|text]"),
                             _("Show what changed in a round, side by side: what the unit "
                               "changed since its previous round and what the office changed "
                               "since its previous appraisal."));
  g_autofree char *format = NULL;
  int round = 0;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_INT, &round, N_("The round"), N_("N") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("json or text (default)"),
      N_("FORMAT") },
    { NULL }
  };
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  int status;
  int year;

  if (!par_cli_parse_year_command (context, entries, &argc, &argv, 3, 3, &year, &status) ||
      !parse_format (context, format, FALSE, &status))
    return status;
  if (round < 1)
    return par_cli_usage_error (context, _("--round must be 1 or more"));

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_READ, &error)) ||
      !(changes = par_workspace_compare_rounds (workspace, year, argv[3], round, &error)))
    return par_cli_report (error);

  output = par_cycle_format_changes (changes, g_strcmp0 (format, "json") == 0);
  print_data (format, output);
  return PAR_CLI_EXIT_OK;
}
