/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "parindex"

#include "config.h"

#include <glib/gi18n.h>

#include "par-application.h"
#include "par-audit.h"
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
  /* The audit log's records of this program say "window:<action>". */
  par_audit_set_program ("window");
  /* par_i18n_init() set the locale, with LC_NUMERIC "C": gtk_init() must
   * not set it again from the environment. */
  gtk_disable_setlocale ();

  app = par_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
