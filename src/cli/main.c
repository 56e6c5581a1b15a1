/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "parindex-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "par-cli.h"

int
main (int    argc,
      char **argv)
{
  g_auto(GStrv) args = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* Running uninstalled (tests, the README's run command) the catalogues
   * are in the build tree. */
  localedir = g_getenv ("PARINDEX_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

#ifdef G_OS_WIN32
  args = g_win32_get_command_line ();
#else
  args = g_strdupv (argv);
#endif

  return par_cli_run (g_strv_length (args), args);
}
