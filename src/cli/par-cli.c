/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <locale.h>
#include <stdio.h>
#ifdef G_OS_UNIX
#include <unistd.h>
#endif

#include "par-cli-cycle.h"
#include "par-cli-documents.h"
#include "par-cli-history.h"
#include "par-cli.h"
#include "par-cli-private.h"
#include "par-cli-revise.h"
#include "par-cli-verify.h"
#include "par-criteria-set.h"
#include "par-decimal.h"
#include "par-decision.h"
#include "par-error.h"
#include "par-results-format.h"
#include "par-workspace-import.h"
#include "par-workspace.h"
#include "par-workspace-settings.h"

/* parindex-cli: argument parsing and printing over the core. Data go to
 * standard output, messages to standard error in the user's language. */

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  const char  *arguments;
  const char  *summary;
  CommandFunc  run;   /* NULL: a document command (par-cli-documents.h) */
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
        case PAR_ERROR_INTEGRITY:
          return PAR_CLI_EXIT_INTEGRITY;
        case PAR_ERROR_IO:
        case PAR_ERROR_VERSION:
        case PAR_ERROR_STALE:
        case PAR_ERROR_CONFLICT:
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

/* The criteria set in the file @path names, as given on the command line. */
ParCriteriaSet *
par_cli_load_criteria_set (const char  *path,
                           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return par_criteria_set_new_from_file (file, NULL, error);
}

#ifdef G_OS_UNIX
static gboolean
strv_is_utf8 (char **strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (!g_utf8_validate (strv[i], -1, NULL))
      return FALSE;
  return TRUE;
}
#endif

gboolean
par_cli_parse_options (GOptionContext  *context,
                       int             *argc,
                       char          ***argv,
                       int              n_positional,
                       int             *out_status)
{
  return par_cli_parse_options_range (context, argc, argv, n_positional, n_positional, out_status);
}

/* Like par_cli_parse_options(), for a command taking from @min to @max
 * positional arguments. */
gboolean
par_cli_parse_options_range (GOptionContext  *context,
                             int             *argc,
                             char          ***argv,
                             int              min,
                             int              max,
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
  if (*argc < min + 1 || *argc > max + 1)
    {
      *out_status = par_cli_usage_error (context, *argc < min + 1
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

/* What a command on a year does first: its options (@entries, if any),
 * WORKSPACE YEAR and from @min - 2 to @max - 2 more arguments, and the
 * year read from argv[2]. */
gboolean
par_cli_parse_year_command (GOptionContext      *context,
                            const GOptionEntry  *entries,
                            int                 *argc,
                            char              ***argv,
                            int                  min,
                            int                  max,
                            int                 *out_year,
                            int                 *out_status)
{
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return par_cli_parse_options_range (context, argc, argv, min, max, out_status) &&
         par_cli_parse_year (context, (*argv)[2], out_year, out_status);
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

void
par_cli_progress_init (ParCliProgress *progress)
{
#ifdef G_OS_UNIX
  progress->tty = isatty (2);
#else
  progress->tty = FALSE;
#endif
  progress->last = -1;
  progress->start = 0;
}

void
par_cli_print_progress (double      fraction,
                        const char *text,
                        gpointer    user_data)
{
  ParCliProgress *progress = user_data;
  int percent = (int) (fraction * 100);

  /* Quick work says nothing. */
  if (progress->start == 0)
    progress->start = g_get_monotonic_time ();
  if (g_get_monotonic_time () - progress->start < G_USEC_PER_SEC)
    return;

  if (progress->tty)
    {
      if (percent == progress->last)
        return;
      g_printerr ("\r%3d%%", percent);
      if (percent >= 100)
        g_printerr ("\n");
    }
  else
    {
      if (percent / 10 == progress->last / 10 && progress->last >= 0)
        return;
      /* TRANSLATORS: progress of long work, e.g. "40% done" */
      g_printerr (_("%d%% done\n"), percent / 10 * 10);
    }
  progress->last = percent;
}

/* Ends a percentage left on the terminal's line by a failure. */
void
par_cli_progress_end (ParCliProgress *progress)
{
  if (progress->tty && progress->last >= 0 && progress->last < 100)
    g_printerr ("\n");
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

/**
 * par_cli_add_decision_options:
 * @context: a command's options
 * @decision: receives the decision's fields
 * @authority: receives the --authority lines
 *
 * The options that describe a decision and its signature block, shared by
 * `export` and `publish`.
 */
void
par_cli_add_decision_options (GOptionContext   *context,
                              ParDecision      *decision,
                              char           ***authority)
{
  GOptionEntry entries[] = {
    { "decision-number", 0, 0, G_OPTION_ARG_STRING, &decision->number,
      N_("The decision’s number and symbol, e.g. 123/QĐ-UBND"), N_("TEXT") },
    { "decision-date", 0, 0, G_OPTION_ARG_STRING, &decision->date,
      N_("The decision’s date"), N_("YYYY-MM-DD") },
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &decision->issuer,
      N_("The issuing body, e.g. “UBND tỉnh Sông Lam”"), N_("TEXT") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &decision->title, N_("The decision’s title"), N_("TEXT") },
    { "place", 0, 0, G_OPTION_ARG_STRING, &decision->place,
      N_("The place of the signature’s place and date line, e.g. “Quảng Nam”"), N_("TEXT") },
    { "authority", 0, 0, G_OPTION_ARG_STRING_ARRAY, authority,
      N_("An authority line of the signature block, e.g. “TM. ỦY BAN NHÂN DÂN” then "
         "“KT. CHỦ TỊCH” (repeat the option for each line)"), N_("TEXT") },
    { "signer-title", 0, 0, G_OPTION_ARG_STRING, &decision->signer_title,
      N_("The signer’s title, e.g. “PHÓ CHỦ TỊCH”"), N_("TEXT") },
    { "signer", 0, 0, G_OPTION_ARG_STRING, &decision->signer, N_("The signer’s name"), N_("TEXT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

/**
 * par_cli_finish_decision_options:
 * @decision: the decision the options filled
 * @authority: (nullable): the --authority lines
 * @out_status: (out): the exit status on failure
 *
 * Checks the date and the texts' limits, and puts the authority lines into
 * @decision.
 *
 * Returns: %TRUE when the options are usable
 */
gboolean
par_cli_finish_decision_options (ParDecision  *decision,
                                 char        **authority,
                                 int          *out_status)
{
  g_autoptr(GError) error = NULL;

  if (decision->date != NULL && !par_decision_validate_date (decision->date, &error))
    {
      g_prefix_error (&error, "--decision-date: ");
      *out_status = par_cli_report (error);
      return FALSE;
    }
  if (authority != NULL && authority[0] != NULL)
    {
      g_free (decision->authority);
      decision->authority = g_strjoinv ("\n", authority);
    }
  /* Printed in every annex: bounded as names are (docs/limits.md). */
  if (!par_decision_check_texts (decision, &error))
    {
      *out_status = par_cli_report (error);
      return FALSE;
    }
  return TRUE;
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
  g_autoptr(GError) error = NULL;
  int status;
  int year;

  if (!par_cli_parse_year_command (context, entries, &argc, &argv, 2, 2, &year, &status))
    return status;
  if (criteria == NULL)
    return par_cli_usage_error (context, _("--criteria is required"));

  if (!(set = par_cli_load_criteria_set (criteria, &error)))
    return par_cli_report (error);

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)) ||
      !par_workspace_add_year (workspace, year, block != NULL ? block : "all", set, &error))
    return par_cli_report (error);

  g_printerr (_("Year %d, block “%s”: %s (%u sub-criteria)\n"), year,
              block != NULL ? block : "all", set->title, set->leaves->len);
  return PAR_CLI_EXIT_OK;
}

/* What a file would add and change, or the rows its import would refuse
 * (exit 2), as `--dry-run` prints it. */
static int
report_check (ParWorkspace *workspace,
              gboolean      scores,
              int           year,
              GInputStream *stream,
              const char   *path)
{
  g_autoptr(ParImportCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows, n_added, n_changed;

  check = par_workspace_check_import (workspace, scores ? PAR_IMPORT_SCORES : PAR_IMPORT_UNITS,
                                      year, stream, NULL, NULL, NULL, &error);
  if (check == NULL || !par_import_check_check (check, &error))
    {
      g_prefix_error (&error, "%s: ", path);
      return par_cli_report (error);
    }
  n_rows = par_import_check_get_n_rows (check);
  n_added = par_import_check_get_n_added (check);
  n_changed = par_import_check_get_n_changed (check);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u row\n", "%u rows\n", n_rows), n_rows);
  if (scores)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u entry would be added\n",
                            "%u entries would be added\n", n_added), n_added);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u entry would change\n",
                            "%u entries would change\n", n_changed), n_changed);
    }
  else
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u unit would be added\n",
                            "%u units would be added\n", n_added), n_added);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u unit already in the year would be updated\n",
                            "%u units already in the year would be updated\n", n_changed),
               n_changed);
    }
  g_printerr (_("Nothing was changed (--dry-run)\n"));
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
  g_autoptr(GInputStream) stream = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check the file and print what it would add and change, change nothing"), NULL },
    { NULL }
  };
  gboolean ok;
  gsize length;
  guint count = 0;
  int status;
  int year;

  if (scores)
    context = par_cli_command_context (_("WORKSPACE YEAR SCORES.csv [--dry-run]"),
                               _("Import score entries (unit,criterion,stage,value[,note]). "
                                 "A file with any invalid row changes nothing."));
  else
    context = par_cli_command_context (_("WORKSPACE YEAR UNITS.csv [--dry-run]"),
                               _("Add units to a year (code,name,block[,kind][,parent])."));

  if (!par_cli_parse_year_command (context, entries, &argc, &argv, 3, 3, &year, &status))
    return status;

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)))
    return par_cli_report (error);

  /* Scores are read a piece at a time as they are imported: a file of any
   * size in bounded memory. */
  if (scores)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[3]);

      if (!(stream = G_INPUT_STREAM (g_file_read (file, NULL, &error))))
        {
          g_autoptr(GError) read_error = g_steal_pointer (&error);
          g_set_error (&error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot read the file: %s"),
                       argv[3], read_error->message);
          return par_cli_report (error);
        }
    }
  else if (!(contents = read_file (argv[3], &length, &error)))
    return par_cli_report (error);
  else
    stream = g_memory_input_stream_new_from_data (contents, length, NULL);

  /* The window's preview: the same check, nothing written. */
  if (dry_run)
    return report_check (workspace, scores, year, stream, argv[3]);

  ok = par_workspace_import (workspace, scores ? PAR_IMPORT_SCORES : PAR_IMPORT_UNITS, year,
                             stream, NULL, NULL, NULL, &count, &error);
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

  if (!par_cli_parse_year_command (context, entries, &argc, &argv, 2, 2, &year, &status))
    return status;

  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "csv") &&
      !g_str_equal (format, "text"))
    return par_cli_usage_error (context, _("--format must be json, csv or text"));

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_READ, &error)) ||
      !par_workspace_check_year (workspace, year, &error) ||
      !(results = par_workspace_compute_results (workspace, year, &error)))
    return par_cli_report (error);

  /* A national year's JSON (3.7 MB) goes out a chunk at a time, as bytes:
   * UTF-8 whatever the locale, like the CSV below. */
  if (g_strcmp0 (format, "json") == 0)
    {
      par_results_write_json (results, stdout);
      return PAR_CLI_EXIT_OK;
    }
  if (g_strcmp0 (format, "csv") == 0)
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
    par_cli_command_context (_("WORKSPACE YEAR --decision-number TEXT --decision-date YYYY-MM-DD [--signer TEXT] [--signer-title TEXT] [--authority TEXT…] [--place TEXT]"),
                     _("Publish the year’s results by a decision and freeze the year."));
  g_autoptr(ParDecision) decision = par_decision_new ();
  g_auto(GStrv) authority = NULL;
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  int status;
  int year;

  par_cli_add_decision_options (context, decision, &authority);
  if (!par_cli_parse_year_command (context, NULL, &argc, &argv, 2, 2, &year, &status))
    return status;
  if (decision->number == NULL || decision->date == NULL)
    return par_cli_usage_error (context, _("--decision-number and --decision-date are required"));
  if (!par_cli_finish_decision_options (decision, authority, &status))
    return status;

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)))
    return par_cli_report (error);
  /* The issuing body set for the workspace, where the options name none. */
  if (decision->issuer == NULL &&
      !(decision->issuer = par_workspace_get_setting (workspace, PAR_SETTING_ISSUER, &error)) &&
      error != NULL)
    return par_cli_report (error);
  /* Publishing provisional results is allowed (a unit may never be
   * appraised) but said. */
  if ((results = par_workspace_compute_results (workspace, year, NULL)) != NULL)
    {
      guint n = par_year_results_count_provisional (results);

      if (n > 0)
        g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                 "Warning: %u unit is still provisional (an applicable "
                                 "sub-criterion has no appraisal entry); its results are "
                                 "published as they are\n",
                                 "Warning: %u units are still provisional (an applicable "
                                 "sub-criterion has no appraisal entry); their results are "
                                 "published as they are\n", n), n);
    }
  if (!par_workspace_publish (workspace, year, decision, &fingerprint, &error))
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

  if (!par_cli_parse_year_command (context, entries, &argc, &argv, 2, 2, &year, &status))
    return status;

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)) ||
      !par_workspace_reopen (workspace, year, reason, &error))
    return par_cli_report (error);

  g_printerr (_("Year %d is reopened\n"), year);
  return PAR_CLI_EXIT_OK;
}

static int
run_settings (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE [--issuer TEXT]"),
                             _("Show the workspace’s settings, or change them. The issuing body "
                               "is printed on the annexes until a decision names one; an empty "
                               "value removes it."));
  g_autofree char *issuer = NULL;
  GOptionEntry entries[] = {
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer,
      N_("The issuing body, e.g. “UBND tỉnh Sông Lam”"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!par_cli_parse_options (context, &argc, &argv, 1, &status))
    return status;

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)))
    return par_cli_report (error);
  if (issuer != NULL && !par_workspace_set_setting (workspace, PAR_SETTING_ISSUER, issuer, &error))
    return par_cli_report (error);
  if (!(value = par_workspace_get_setting (workspace, PAR_SETTING_ISSUER, &error)) &&
      error != NULL)
    return par_cli_report (error);
  /* "key<TAB>value", UTF-8 whatever the locale, like the results. */
  printf ("issuer\t%s\n", value != NULL ? value : "");
  return PAR_CLI_EXIT_OK;
}

static const Command commands[] = {
  { "init", N_("WORKSPACE"), N_("Create a new workspace file"), run_init },
  { "add-year", N_("WORKSPACE YEAR --criteria SET.criteria.json [--block BLOCK]"),
    N_("Add a year or a block with its criteria set"), run_add_year },
  { "add-units", N_("WORKSPACE YEAR UNITS.csv [--dry-run]"), N_("Add units to a year"), run_add_units },
  { "import-scores", N_("WORKSPACE YEAR SCORES.csv [--dry-run]"), N_("Import score entries"), run_import_scores },
  { "results", N_("WORKSPACE YEAR [--format json|csv|text]"), N_("Print the results"), run_results },
  { "attach", N_("WORKSPACE YEAR UNIT CRITERION FILE [--title TEXT] [--number TEXT] [--date YYYY-MM-DD] [--issuer TEXT] [--pages TEXT]"),
    N_("Attach a document as evidence"), NULL },
  { "dossier", N_("WORKSPACE YEAR UNIT --out FILE.pdf|FILE.zip"), N_("Write a unit’s evidence dossier"),
    NULL },
  { "export", N_("WORKSPACE YEAR --out ANNEX.xlsx|ANNEX.pdf [--decision-number TEXT] [--decision-date YYYY-MM-DD] [--issuer TEXT] [--signer TEXT] [--signer-title TEXT] [--authority TEXT…] [--place TEXT] [--units CODE,CODE]"),
    N_("Write the decision’s annex tables as an Excel workbook or a PDF"), NULL },
  { "publish", N_("WORKSPACE YEAR --decision-number TEXT --decision-date YYYY-MM-DD [--signer TEXT] [--signer-title TEXT] [--authority TEXT…] [--place TEXT]"),
    N_("Publish a year by its decision and freeze it"), run_publish },
  { "reopen", N_("WORKSPACE YEAR --reason TEXT"), N_("Reopen a published year"), run_reopen },
  { "settings", N_("WORKSPACE [--issuer TEXT]"), N_("Show or change the workspace’s settings"),
    run_settings },
  { "verify", N_("WORKSPACE [YEAR]"),
    N_("Check the file, the published years against their fingerprints, and the audit log"),
    par_cli_verify },
  { "submit", N_("WORKSPACE YEAR UNIT --out FILE.parpkg [--full]"),
    N_("Pack a unit’s self-assessment for the appraising office"), NULL },
  { "receive", N_("WORKSPACE FILE.parpkg…"), N_("Receive packages (self-assessments or appraisals)"),
    NULL },
  { "review", N_("WORKSPACE YEAR UNIT CRITERION [--verdict accepted|insufficient|rejected] [--comment TEXT] [--request-explanation TEXT] [--document SHA256]"),
    N_("Record the office’s verdict, comment and explanation request"), par_cli_run_review },
  { "return", N_("WORKSPACE YEAR UNIT --out FILE.parpkg"),
    N_("Pack the office’s appraisal of a unit for the unit"), NULL },
  { "deadline", N_("WORKSPACE YEAR --stage self|explanation --date YYYY-MM-DD [--unit CODE --reason TEXT]"),
    N_("Set a stage’s deadline or a unit’s extension"), par_cli_run_deadline },
  { "status", N_("WORKSPACE YEAR [--format json|csv|text]"),
    N_("Show where each unit stands in the cycle"), par_cli_run_status },
  { "explain", N_("WORKSPACE YEAR UNIT CRITERION TEXT"),
    N_("Write a unit’s explanation of a sub-criterion"), par_cli_run_explain },
  { "rounds", N_("WORKSPACE YEAR UNIT --round N [--format json|text]"),
    N_("Show what the unit and the office changed in a round"), par_cli_run_rounds },
  { "revise-set", N_("WORKSPACE YEAR --criteria NEW.criteria.json [--block BLOCK] [--dry-run]"),
    N_("Replace a block’s criteria set by a new version"), par_cli_run_revise_set },
  { "history", N_("WORKSPACE YEAR [UNIT [CRITERION]] [--format text|csv|json]"),
    N_("Show who changed what and when"), par_cli_run_history },
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
          CommandFunc run = commands[i].run;

          if (run == NULL)
            run = par_cli_documents_command (commands[i].name);
          g_set_prgname (prgname);
          return run (argc - 1, argv + 1);
        }
    }

  g_printerr (_("parindex-cli: unknown command “%s”\n\n"), argv[1]);
  return print_usage (TRUE);
}
