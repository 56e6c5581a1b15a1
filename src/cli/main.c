/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "parindex-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "par-cli.h"
#include "par-i18n.h"

int
main (int    argc,
      char **argv)
{
  g_auto(GStrv) args = NULL;

  /* Running uninstalled (tests, the README's run command) the catalogues
   * are in the build tree: PARINDEX_LOCALEDIR points there. */
  par_i18n_init ();

#ifdef G_OS_WIN32
  args = g_win32_get_command_line ();
#else
  args = g_strdupv (argv);
#endif

  return par_cli_run (g_strv_length (args), args);
}
