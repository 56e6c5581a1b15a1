/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "parindex"

#include "config.h"

#include <glib/gi18n.h>

#include "par-application.h"
#include "par-i18n.h"
#include "par-window.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ParApplication) app = NULL;

  par_window_profile_mark_start ();
  /* An uninstalled build keeps its catalogues in <builddir>/po: `meson devenv`
   * points PARINDEX_LOCALEDIR there so translations can be tried before installing.
   */
  par_i18n_init ();

  app = par_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
