/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "par-cli-evidence.h"
#include "par-cli.h"
#include "par-cli-private.h"
#include "par-dossier.h"
#include "par-document-probe.h"
#include "par-error.h"
#include "par-evidence.h"
#include "par-workspace.h"

/* parindex-cli attach and dossier (FORMATS.md §6). */

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
  ParCliProgress progress;
  ParDocumentInfo info;
  int status;
  int year;

  if (!par_cli_parse_year_command (context, entries, &argc, &argv, 5, 5, &year, &status))
    return status;

  par_cli_progress_init (&progress);
  info.title = title;
  info.number = number;
  info.date = date;
  info.issuer = issuer;
  file = g_file_new_for_commandline_arg (argv[5]);

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error)) ||
      !(evidence = par_workspace_attach_evidence (workspace, year, argv[3], argv[4], file, &info,
                                                  pages, par_cli_print_progress, &progress, NULL,
                                                  &error)))
    {
      par_cli_progress_end (&progress);
      return par_cli_report (error);
    }

  if (par_media_type_is_office (evidence->document->media_type))
    g_printerr (_("Attached “%s” (.%s) to %s, criterion %s, year %d\n"),
                evidence->document->title, par_document_get_extension (evidence->document),
                evidence->unit_code, evidence->criterion_code, year);
  else
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "Attached “%s” (%d page) to %s, criterion %s, year %d\n",
                             "Attached “%s” (%d pages) to %s, criterion %s, year %d\n",
                             evidence->document->page_count),
                evidence->document->title, evidence->document->page_count, evidence->unit_code,
                evidence->criterion_code, year);
  /* The same content stored before keeps its details: say which of the
   * given ones were not applied. */
  {
    const char *fields[] = { N_("title"), N_("number/symbol"), N_("date"), N_("issuer") };
    const char *given[] = { title, number, date, issuer };
    const char *kept[] = {
      evidence->document->title, evidence->document->number, evidence->document->date,
      evidence->document->issuer,
    };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        g_autofree char *wanted = g_strstrip (g_strdup (given[i] != NULL ? given[i] : ""));

        if (wanted[0] != '\0' && g_strcmp0 (wanted, kept[i]) != 0)
          g_printerr (_("This document was stored already: its %s stays “%s”, not “%s”; change "
                        "it in the window’s Document Details\n"),
                      _(fields[i]), kept[i] != NULL ? kept[i] : "", wanted);
      }
  }
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
  ParCliProgress progress;
  ParDossierFormat format;
  int status;
  int year;

  if (!par_cli_parse_year_command (context, entries, &argc, &argv, 3, 3, &year, &status))
    return status;
  if (out == NULL)
    return par_cli_usage_error (context, _("--out is required"));
  if (!par_dossier_format_for_path (out, &format))
    return par_cli_usage_error (context, _("--out must name a .pdf or a .zip file"));

  par_cli_progress_init (&progress);
  file = g_file_new_for_commandline_arg (out);
  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_READ, &error)) ||
      !par_workspace_write_dossier (workspace, year, argv[3], file, format,
                                    par_cli_print_progress, &progress, NULL, &error))
    {
      par_cli_progress_end (&progress);
      return par_cli_report (error);
    }

  g_printerr (_("Wrote the evidence dossier of %s, year %d, to %s\n"), argv[3], year, out);
  return PAR_CLI_EXIT_OK;
}
