/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "parindex-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "par-cli.h"
#include "par-audit.h"
#include "par-i18n.h"

#ifdef G_OS_WIN32
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#endif

int
main (int    argc,
      char **argv)
{
  g_auto(GStrv) args = NULL;

  /* Running uninstalled (tests, the README's run command) the catalogues
   * are in the build tree: PARINDEX_LOCALEDIR points there. */
  par_i18n_init ();
  /* The audit log's records of this program say "cli:<action>". */
  par_audit_set_program ("cli");

#ifdef G_OS_WIN32
  /* The data on standard output (JSON, CSV, evidence ids) are the same bytes as on Linux: no
   * "\r" before each "\n" from the C runtime's text mode. */
  _setmode (_fileno (stdout), _O_BINARY);
  args = g_win32_get_command_line ();
#else
  args = g_strdupv (argv);
#endif

  return par_cli_run (g_strv_length (args), args);
}
