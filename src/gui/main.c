/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "parindex"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "par-application.h"
#include "par-window.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ParApplication) app = NULL;
  const char *localedir;

  /* An uninstalled build keeps its catalogues in <builddir>/po: `meson devenv`
   * points PARINDEX_LOCALEDIR there so translations can be tried before installing.
   */
  localedir = g_getenv ("PARINDEX_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;

  par_window_profile_mark_start ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = par_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
