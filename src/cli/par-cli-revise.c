/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cli-revise"

#include "config.h"

#include "par-cli-revise.h"

#include <glib/gi18n.h>

#include "par-cli.h"
#include "par-cli-private.h"
#include "par-decimal.h"
#include "par-revision.h"
#include "par-workspace.h"

/* parindex-cli revise-set WORKSPACE YEAR --criteria NEW.criteria.json
 * [--block BLOCK] [--dry-run]: a block's criteria set replaced by a new
 * version within its year. The plan — leaves added, removed and changed,
 * entries re-evaluated or dropped per unit — goes to standard output,
 * before anything changes. */

int
par_cli_run_revise_set (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE YEAR --criteria NEW.criteria.json [--block BLOCK] "
                               "[--dry-run]"),
                             _("Replace a block’s criteria set by a new version within its year. "
                               "Prints what changes — sub-criteria added, removed and changed, "
                               "entries re-evaluated by the new rules or dropped — and, without "
                               "--dry-run, does it in one transaction."));
  g_autofree char *criteria = NULL;
  g_autofree char *block = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "criteria", 0, 0, G_OPTION_ARG_FILENAME, &criteria, N_("The new version of the criteria set"),
      N_("FILE") },
    { "block", 0, 0, G_OPTION_ARG_STRING, &block,
      N_("The block (default: the year’s only block)"), N_("BLOCK") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Print what would change, change nothing"),
      NULL },
    { NULL }
  };
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(ParSetRevision) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int status;
  int year;

  if (!par_cli_parse_year_command (context, entries, &argc, &argv, 2, 2, &year, &status))
    return status;
  if (criteria == NULL)
    return par_cli_usage_error (context, _("--criteria is required"));

  if (!(set = par_cli_load_criteria_set (criteria, &error)) ||
      !(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)))
    return par_cli_report (error);

  if (dry_run)
    plan = par_workspace_plan_set_revision (workspace, year, block, set, &error);
  else if (!par_workspace_revise_set (workspace, year, block, set, &plan, &error))
    g_clear_pointer (&plan, par_set_revision_free);
  if (plan == NULL)
    return par_cli_report (error);

  text = par_set_revision_format_text (plan, par_locale_decimal_separator ());
  g_print ("%s", text);
  if (dry_run)
    g_printerr (_("Nothing was changed (--dry-run)\n"));
  else
    g_printerr (_("Year %d, block “%s”: the criteria set is now “%s”\n"), year, plan->block,
                set->title);
  return PAR_CLI_EXIT_OK;
}
