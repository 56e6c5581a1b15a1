/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <locale.h>
#include <stdio.h>

#include "par-cli-evidence.h"
#include "par-cli-export.h"
#include "par-cli.h"
#include "par-cli-private.h"
#include "par-criteria-set.h"
#include "par-decimal.h"
#include "par-decision.h"
#include "par-error.h"
#include "par-results-format.h"
#include "par-workspace.h"

/* parindex-cli: argument parsing and printing over the core. Data go to
 * standard output, messages to standard error in the user's language. */

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  const char  *arguments;
  const char  *summary;
  CommandFunc  run;
} Command;

static int
exit_for_error (const GError *error)
{
  if (error->domain == PAR_ERROR)
    {
      switch ((ParError) error->code)
        {
        case PAR_ERROR_INVALID:
        case PAR_ERROR_NOT_FOUND:
          return PAR_CLI_EXIT_INVALID;
        case PAR_ERROR_FROZEN:
          return PAR_CLI_EXIT_FROZEN;
        case PAR_ERROR_IO:
        case PAR_ERROR_VERSION:
        default:
          return PAR_CLI_EXIT_IO;
        }
    }
  return PAR_CLI_EXIT_IO;
}

int
par_cli_report (const GError *error)
{
  g_printerr ("parindex-cli: %s\n", error->message);
  return exit_for_error (error);
}

int
par_cli_usage_error (GOptionContext *context,
                     const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  if (message != NULL)
    g_printerr ("parindex-cli: %s\n\n", message);
  g_printerr ("%s", help);
  return PAR_CLI_EXIT_USAGE;
}

static gboolean
strv_is_utf8 (char **strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (!g_utf8_validate (strv[i], -1, NULL))
      return FALSE;
  return TRUE;
}

gboolean
par_cli_parse_options (GOptionContext  *context,
                       int             *argc,
                       char          ***argv,
                       int              n_positional,
                       int             *out_status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *saved_ctype = NULL;
  gboolean parsed;

#ifdef G_OS_UNIX
  /* GLib converts a string option from the locale's character set: in the
   * "C" locale of a cron job, "--block 'UBND xã'" would be refused as an
   * invalid byte sequence. Arguments that are all UTF-8 are taken as such. */
  if (!g_get_charset (NULL) && strv_is_utf8 (*argv))
    {
      saved_ctype = g_strdup (setlocale (LC_CTYPE, NULL));
      if (setlocale (LC_CTYPE, "C.UTF-8") == NULL)
        g_clear_pointer (&saved_ctype, g_free);
    }
#endif

  /* On Windows main() takes the arguments in UTF-8 from
   * g_win32_get_command_line(): parse_strv() keeps them so, where parse()
   * would read "--block 'UBND xã'" in the ANSI code page. Elsewhere the two
   * are the same. */
  parsed = g_option_context_parse_strv (context, argv, &error);
  if (saved_ctype != NULL)
    setlocale (LC_CTYPE, saved_ctype);
  if (!parsed)
    {
      *out_status = par_cli_usage_error (context, error->message);
      return FALSE;
    }
  *argc = g_strv_length (*argv);
  if (*argc != n_positional + 1)
    {
      *out_status = par_cli_usage_error (context, *argc < n_positional + 1
                                          ? _("missing arguments")
                                          : _("too many arguments"));
      return FALSE;
    }
  return TRUE;
}

gboolean
par_cli_parse_year (GOptionContext *context,
                    const char     *text,
                    int            *out_year,
                    int            *out_status)
{
  guint64 year;

  if (!g_ascii_string_to_unsigned (text, 10, 1900, 9999, &year, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a year"), text);
      *out_status = par_cli_usage_error (context, message);
      return FALSE;
    }
  *out_year = (int) year;
  return TRUE;
}

static char *
read_file (const char  *path,
           gsize       *out_length,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, out_length, &local_error))
    g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot read the file: %s"),
                 path, local_error->message);
  return contents;
}

GOptionContext *
par_cli_command_context (const char *arguments,
                         const char *summary)
{
  GOptionContext *context = g_option_context_new (arguments);

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

static int
run_init (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = par_cli_command_context (_("WORKSPACE"),
                                                       _("Create a new, empty workspace file."));
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!par_cli_parse_options (context, &argc, &argv, 1, &status))
    return status;

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_CREATE_NEW, &error)))
    return par_cli_report (error);

  g_printerr (_("Created %s\n"), argv[1]);
  return PAR_CLI_EXIT_OK;
}

static int
run_add_year (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE YEAR --criteria SET.criteria.json [--block BLOCK]"),
                     _("Add a year, or a block to a year, assessed by a criteria set."));
  g_autofree char *criteria = NULL;
  g_autofree char *block = NULL;
  GOptionEntry entries[] = {
    { "criteria", 0, 0, G_OPTION_ARG_FILENAME, &criteria, N_("The criteria set file"), N_("FILE") },
    { "block", 0, 0, G_OPTION_ARG_STRING, &block, N_("The block (default “all”)"), N_("BLOCK") },
    { NULL }
  };
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  int year;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!par_cli_parse_options (context, &argc, &argv, 2, &status) ||
      !par_cli_parse_year (context, argv[2], &year, &status))
    return status;
  if (criteria == NULL)
    return par_cli_usage_error (context, _("--criteria is required"));

  file = g_file_new_for_commandline_arg (criteria);
  if (!(set = par_criteria_set_new_from_file (file, NULL, &error)))
    return par_cli_report (error);

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)) ||
      !par_workspace_add_year (workspace, year, block != NULL ? block : "all", set, &error))
    return par_cli_report (error);

  g_printerr (_("Year %d, block “%s”: %s (%u sub-criteria)\n"), year,
              block != NULL ? block : "all", set->title, set->leaves->len);
  return PAR_CLI_EXIT_OK;
}

static int
run_import (int       argc,
            char    **argv,
            gboolean  scores)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gboolean ok;
  gsize length;
  guint count = 0;
  int status;
  int year;

  if (scores)
    context = par_cli_command_context (_("WORKSPACE YEAR SCORES.csv"),
                               _("Import score entries (unit,criterion,stage,value[,note]). "
                                 "A file with any invalid row changes nothing."));
  else
    context = par_cli_command_context (_("WORKSPACE YEAR UNITS.csv"),
                               _("Add units to a year (code,name,block[,kind][,parent])."));

  if (!par_cli_parse_options (context, &argc, &argv, 3, &status) ||
      !par_cli_parse_year (context, argv[2], &year, &status))
    return status;

  if (!(contents = read_file (argv[3], &length, &error)) ||
      !(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)))
    return par_cli_report (error);

  if (scores)
    ok = par_workspace_import_scores (workspace, year, contents, length, &count, &error);
  else
    ok = par_workspace_import_units (workspace, year, contents, length, &count, &error);

  if (!ok)
    {
      g_prefix_error (&error, "%s: ", argv[3]);
      return par_cli_report (error);
    }

  if (scores)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "Imported %u score row into year %d\n",
                             "Imported %u score rows into year %d\n", count), count, year);
  else
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "Added %u unit to year %d\n",
                             "Added %u units to year %d\n", count), count, year);
  return PAR_CLI_EXIT_OK;
}

static int
run_add_units (int    argc,
               char **argv)
{
  return run_import (argc, argv, FALSE);
}

static int
run_import_scores (int    argc,
                   char **argv)
{
  return run_import (argc, argv, TRUE);
}

static int
run_results (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE YEAR [--format json|csv|text]"),
                     _("Print the year’s results: points, index, class, rank per unit."));
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("json, csv or text (default)"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  int status;
  int year;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!par_cli_parse_options (context, &argc, &argv, 2, &status) ||
      !par_cli_parse_year (context, argv[2], &year, &status))
    return status;

  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "csv") &&
      !g_str_equal (format, "text"))
    return par_cli_usage_error (context, _("--format must be json, csv or text"));

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)) ||
      !(results = par_workspace_compute_results (workspace, year, &error)))
    return par_cli_report (error);

  if (g_strcmp0 (format, "json") == 0)
    output = par_results_format_json (results);
  else if (g_strcmp0 (format, "csv") == 0)
    output = par_results_format_csv (results);
  else
    output = par_results_format_text (results, par_locale_decimal_separator ());

  /* JSON and CSV are UTF-8 whatever the locale (FORMATS.md): g_print ()
   * would convert them to the locale's charset, "Tiên" to "Ti?n". */
  if (format != NULL && !g_str_equal (format, "text"))
    fputs (output, stdout);
  else
    g_print ("%s", output);
  return PAR_CLI_EXIT_OK;
}

static int
run_publish (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE YEAR --decision-number TEXT --decision-date YYYY-MM-DD [--signer TEXT]"),
                     _("Publish the year’s results by a decision and freeze the year."));
  g_autoptr(ParDecision) decision = par_decision_new ();
  GOptionEntry entries[] = {
    { "decision-number", 0, 0, G_OPTION_ARG_STRING, &decision->number,
      N_("The decision’s number and symbol, e.g. 123/QĐ-UBND"), N_("TEXT") },
    { "decision-date", 0, 0, G_OPTION_ARG_STRING, &decision->date,
      N_("The decision’s date"), N_("YYYY-MM-DD") },
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &decision->issuer,
      N_("The issuing body, e.g. “UBND tỉnh Sông Lam”"), N_("TEXT") },
    { "signer", 0, 0, G_OPTION_ARG_STRING, &decision->signer, N_("The signer’s name"), N_("TEXT") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &decision->title, N_("The decision’s title"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  int status;
  int year;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!par_cli_parse_options (context, &argc, &argv, 2, &status) ||
      !par_cli_parse_year (context, argv[2], &year, &status))
    return status;
  if (decision->number == NULL || decision->date == NULL)
    return par_cli_usage_error (context, _("--decision-number and --decision-date are required"));

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)) ||
      !par_workspace_publish (workspace, year, decision, &fingerprint, &error))
    return par_cli_report (error);

  g_print ("%s\n", fingerprint);
  g_printerr (_("Year %d is published and frozen; results fingerprint %s\n"), year, fingerprint);
  return PAR_CLI_EXIT_OK;
}

static int
run_reopen (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE YEAR --reason TEXT"),
                     _("Reopen a published year for changes; the reason is kept in the audit log."));
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the year is reopened"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  int year;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!par_cli_parse_options (context, &argc, &argv, 2, &status) ||
      !par_cli_parse_year (context, argv[2], &year, &status))
    return status;

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)) ||
      !par_workspace_reopen (workspace, year, reason, &error))
    return par_cli_report (error);

  g_printerr (_("Year %d is reopened\n"), year);
  return PAR_CLI_EXIT_OK;
}

static const Command commands[] = {
  { "init", N_("WORKSPACE"), N_("Create a new workspace file"), run_init },
  { "add-year", N_("WORKSPACE YEAR --criteria SET.criteria.json [--block BLOCK]"),
    N_("Add a year or a block with its criteria set"), run_add_year },
  { "add-units", N_("WORKSPACE YEAR UNITS.csv"), N_("Add units to a year"), run_add_units },
  { "import-scores", N_("WORKSPACE YEAR SCORES.csv"), N_("Import score entries"), run_import_scores },
  { "results", N_("WORKSPACE YEAR [--format json|csv|text]"), N_("Print the results"), run_results },
  { "attach", N_("WORKSPACE YEAR UNIT CRITERION FILE [--title TEXT] [--number TEXT] [--date YYYY-MM-DD] [--issuer TEXT] [--pages TEXT]"),
    N_("Attach a document as evidence"), par_cli_run_attach },
  { "dossier", N_("WORKSPACE YEAR UNIT --out FILE.pdf|FILE.zip"), N_("Write a unit’s evidence dossier"),
    par_cli_run_dossier },
  { "export", N_("WORKSPACE YEAR --out ANNEX.xlsx|ANNEX.pdf [--decision-number TEXT] [--decision-date YYYY-MM-DD] [--issuer TEXT] [--signer TEXT] [--units CODE,CODE]"),
    N_("Write the decision’s annex tables as an Excel workbook or a PDF"), par_cli_export },
  { "publish", N_("WORKSPACE YEAR --decision-number TEXT --decision-date YYYY-MM-DD [--signer TEXT]"),
    N_("Publish a year by its decision and freeze it"), run_publish },
  { "reopen", N_("WORKSPACE YEAR --reason TEXT"), N_("Reopen a published year"), run_reopen },
};

static int
print_usage (gboolean to_stderr)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n  parindex-cli %s\n\n%s\n", _("Usage:"), _("COMMAND ARGUMENTS…"),
                          _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-14s %s\n  %14s   %s\n", commands[i].name,
                            _(commands[i].summary), "", _(commands[i].arguments));
  g_string_append_printf (text, "\n%s\n", _("Run “parindex-cli COMMAND --help” for a command’s options."));

  if (to_stderr)
    g_printerr ("%s", text->str);
  else
    g_print ("%s", text->str);
  g_string_free (text, TRUE);
  return to_stderr ? PAR_CLI_EXIT_USAGE : PAR_CLI_EXIT_OK;
}

/**
 * par_cli_run:
 * @argc: the number of arguments
 * @argv: the arguments, `argv[1]` the command
 *
 * Returns: the exit status
 */
int
par_cli_run (int    argc,
             char **argv)
{
  if (argc < 2)
    return print_usage (TRUE);

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    return print_usage (FALSE);

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("parindex-cli %s\n", PACKAGE_VERSION);
      return PAR_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        {
          g_autofree char *prgname = g_strdup_printf ("parindex-cli %s", commands[i].name);
          g_set_prgname (prgname);
          return commands[i].run (argc - 1, argv + 1);
        }
    }

  g_printerr (_("parindex-cli: unknown command “%s”\n\n"), argv[1]);
  return print_usage (TRUE);
}
