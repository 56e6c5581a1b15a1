/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#ifdef G_OS_UNIX
#include <unistd.h>
#endif

#include "par-cli-evidence.h"
#include "par-cli.h"
#include "par-cli-private.h"
#include "par-dossier.h"
#include "par-error.h"
#include "par-evidence.h"
#include "par-workspace.h"

/* parindex-cli attach and dossier (FORMATS.md §6). */

/* Progress on standard error: a percentage rewritten in place on a
 * terminal, a line per tenth otherwise. */
typedef struct
{
  gboolean tty;
  int      last;
  gint64   start;
} Progress;

static void
print_progress (double      fraction,
                const char *text,
                gpointer    user_data)
{
  Progress *progress = user_data;
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

static gboolean
stderr_is_tty (void)
{
#ifdef G_OS_UNIX
  return isatty (2);
#else
  return FALSE;
#endif
}

int
par_cli_run_attach (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE YEAR UNIT CRITERION FILE"),
                     _("Attach a document (PDF, PNG or JPEG) as evidence for a sub-criterion of a "
                       "unit. A document already in the workspace is stored once and linked again."));
  g_autofree char *title = NULL;
  g_autofree char *number = NULL;
  g_autofree char *date = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *pages = NULL;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The document’s title (default: the file name)"),
      N_("TEXT") },
    { "number", 0, 0, G_OPTION_ARG_STRING, &number, N_("The number/symbol, e.g. 15/KH-UBND"),
      N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The date of issue"), N_("YYYY-MM-DD") },
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer, N_("The issuing body"), N_("TEXT") },
    { "pages", 0, 0, G_OPTION_ARG_STRING, &pages,
      N_("The pages or section that prove the sub-criterion"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParEvidence) evidence = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { stderr_is_tty (), -1, 0 };
  ParDocumentInfo info;
  int status;
  int year;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!par_cli_parse_options (context, &argc, &argv, 5, &status) ||
      !par_cli_parse_year (context, argv[2], &year, &status))
    return status;

  info.title = title;
  info.number = number;
  info.date = date;
  info.issuer = issuer;
  file = g_file_new_for_commandline_arg (argv[5]);

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)) ||
      !(evidence = par_workspace_attach_evidence (workspace, year, argv[3], argv[4], file, &info,
                                                  pages, print_progress, &progress, NULL,
                                                  &error)))
    {
      if (progress.tty && progress.last >= 0)
        g_printerr ("\n");
      return par_cli_report (error);
    }

  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "Attached “%s” (%d page) to %s, criterion %s, year %d\n",
                           "Attached “%s” (%d pages) to %s, criterion %s, year %d\n",
                           evidence->document->page_count),
              evidence->document->title, evidence->document->page_count, evidence->unit_code,
              evidence->criterion_code, year);
  /* The data: the link and the document, for scripts. */
  g_print ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\n", evidence->link_id,
           evidence->document->id, evidence->document->sha256);
  return PAR_CLI_EXIT_OK;
}

int
par_cli_run_dossier (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE YEAR UNIT --out FILE.pdf|FILE.zip"),
                     _("Write a unit’s evidence dossier: one PDF (cover, evidence list, every "
                       "document bookmarked by criterion) or a zip (a folder per criterion and "
                       "the list as a workbook)."));
  g_autofree char *out = NULL;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The dossier to write (.pdf or .zip)"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { stderr_is_tty (), -1, 0 };
  ParDossierFormat format;
  int status;
  int year;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!par_cli_parse_options (context, &argc, &argv, 3, &status) ||
      !par_cli_parse_year (context, argv[2], &year, &status))
    return status;
  if (out == NULL)
    return par_cli_usage_error (context, _("--out is required"));
  if (!par_dossier_format_for_path (out, &format))
    return par_cli_usage_error (context, _("--out must name a .pdf or a .zip file"));

  file = g_file_new_for_commandline_arg (out);
  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)) ||
      !par_workspace_write_dossier (workspace, year, argv[3], file, format, print_progress,
                                    &progress, NULL, &error))
    {
      if (progress.tty && progress.last >= 0 && progress.last < 100)
        g_printerr ("\n");
      return par_cli_report (error);
    }

  g_printerr (_("Wrote the evidence dossier of %s, year %d, to %s\n"), argv[3], year, out);
  return PAR_CLI_EXIT_OK;
}
