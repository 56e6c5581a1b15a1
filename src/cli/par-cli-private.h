/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

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
gboolean         par_cli_parse_year      (GOptionContext  *context,
                                          const char      *text,
                                          int             *out_year,
                                          int             *out_status);
GOptionContext  *par_cli_command_context (const char      *arguments,
                                          const char      *summary);

G_END_DECLS
