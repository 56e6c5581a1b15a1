/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-cli-history"

#include "config.h"

#include "par-cli-history.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "par-cli.h"
#include "par-cli-private.h"
#include "par-decimal.h"
#include "par-history.h"
#include "par-workspace.h"

/* parindex-cli history WORKSPACE YEAR [UNIT [CRITERION]]: the audit log's
 * records, newest first, written out as they are read. */

typedef struct
{
  ParHistoryWriter *writer;
  gboolean          text;
  guint             pending;
} HistoryOutput;

static void
flush_output (HistoryOutput *output,
              char          *text)
{
  /* A text table follows the user's language and charset; files are UTF-8
   * whatever the locale (FORMATS.md §6). */
  if (output->text)
    g_print ("%s", text);
  else
    fputs (text, stdout);
  g_free (text);
  output->pending = 0;
}

static gboolean
print_record (const ParHistoryRecord *record,
              gpointer                user_data)
{
  HistoryOutput *output = user_data;

  par_history_writer_add (output->writer, record);
  if (++output->pending == 512)
    flush_output (output, par_history_writer_take (output->writer));
  return TRUE;
}

int
par_cli_run_history (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context =
    par_cli_command_context (_("WORKSPACE YEAR [UNIT [CRITERION]] [--format text|csv|json]"),
                             _("Show who changed what and when in a year, a unit or one of its "
                               "criteria, newest first: old and new values and notes, and where "
                               "the change came from."));
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text (default), csv or json"),
      N_("FORMAT") },
    { NULL }
  };
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParHistoryWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  HistoryOutput output = { NULL };
  ParHistoryFormat kind = PAR_HISTORY_TEXT;
  const char *unit = NULL;
  const char *criterion = NULL;
  int status;
  int year;

  if (!par_cli_parse_year_command (context, entries, &argc, &argv, 2, 4, &year, &status))
    return status;
  if (g_strcmp0 (format, "csv") == 0)
    kind = PAR_HISTORY_CSV;
  else if (g_strcmp0 (format, "json") == 0)
    kind = PAR_HISTORY_JSON;
  else if (format != NULL && !g_str_equal (format, "text"))
    return par_cli_usage_error (context, _("--format must be text, csv or json"));
  if (argc > 3)
    unit = argv[3];
  if (argc > 4)
    criterion = argv[4];

  if (!(workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_READ, &error)))
    return par_cli_report (error);

  writer = par_history_writer_new (kind, year, unit, criterion, par_locale_decimal_separator ());
  output.writer = writer;
  output.text = kind == PAR_HISTORY_TEXT;
  if (!par_workspace_foreach_history (workspace, year, unit, criterion, print_record, &output,
                                      NULL, &error))
    return par_cli_report (error);
  flush_output (&output, par_history_writer_finish (writer));
  return PAR_CLI_EXIT_OK;
}
