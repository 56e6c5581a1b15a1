/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "par-criteria-set.h"
#include "par-decision.h"

G_BEGIN_DECLS

/* What every parindex-cli command shares: reporting an error with the exit
 * status of FORMATS.md §6, usage errors, and parsing the common arguments. */
int              par_cli_report          (const GError    *error);
int              par_cli_usage_error     (GOptionContext  *context,
                                          const char      *message);
gboolean         par_cli_parse_options   (GOptionContext  *context,
                                          int             *argc,
                                          char          ***argv,
                                          int              n_positional,
                                          int             *out_status);
gboolean         par_cli_parse_options_range (GOptionContext  *context,
                                              int             *argc,
                                              char          ***argv,
                                              int              min,
                                              int              max,
                                              int             *out_status);
gboolean         par_cli_parse_year      (GOptionContext  *context,
                                          const char      *text,
                                          int             *out_year,
                                          int             *out_status);
gboolean         par_cli_parse_year_command (GOptionContext  *context,
                                             const GOptionEntry *entries,
                                             int             *argc,
                                             char          ***argv,
                                             int              min,
                                             int              max,
                                             int             *out_year,
                                             int             *out_status);
ParCriteriaSet  *par_cli_load_criteria_set (const char    *path,
                                            GError       **error);
GOptionContext  *par_cli_command_context (const char      *arguments,
                                          const char      *summary);
void             par_cli_add_decision_options (GOptionContext *context,
                                               ParDecision    *decision,
                                               char         ***authority);
gboolean         par_cli_finish_decision_options (ParDecision  *decision,
                                                  char        **authority,
                                                  int          *out_status);

/* Progress of long work on standard error: a percentage rewritten in place
 * on a terminal, a line per tenth otherwise; quick work says nothing. */
typedef struct
{
  gboolean tty;
  int      last;
  gint64   start;
} ParCliProgress;

void             par_cli_progress_init   (ParCliProgress  *progress);
void             par_cli_progress_end    (ParCliProgress  *progress);
void             par_cli_print_progress  (double           fraction,
                                          const char      *text,
                                          gpointer         user_data);

G_END_DECLS
