/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-i18n"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "par-i18n.h"

/**
 * par_i18n_get_locale_dir:
 *
 * Where the message catalogues are: `$PARINDEX_LOCALEDIR` when it is set
 * (an uninstalled build keeps them in BUILDDIR/po: the tests, `meson devenv`
 * and `build-aux/dev.sh run` point there); on Windows, share\locale of the
 * folder the program is installed in, wherever an installer put it; else
 * the compiled-in LOCALEDIR.
 *
 * Returns: (transfer full): a directory name, in the encoding
 *   bindtextdomain() takes
 */
char *
par_i18n_get_locale_dir (void)
{
  const char *variable = g_getenv ("PARINDEX_LOCALEDIR");
  g_autofree char *dir = NULL;

  if (variable != NULL && variable[0] != '\0')
    dir = g_strdup (variable);
  else
    {
#ifdef G_OS_WIN32
      g_autofree char *top = g_win32_get_package_installation_directory_of_module (NULL);

      dir = g_build_filename (top, "share", "locale", NULL);
#else
      dir = g_strdup (LOCALEDIR);
#endif
    }

#ifdef G_OS_WIN32
  /* GLib's names are UTF-8; libintl's bindtextdomain() takes the system
   * code page (a short 8.3 name where a character does not fit it). */
  {
    char *system_dir = g_win32_locale_filename_from_utf8 (dir);

    if (system_dir != NULL)
      return system_dir;
  }
#endif

  return g_steal_pointer (&dir);
}

/**
 * par_i18n_init:
 *
 * Sets the C library's locale from the environment and binds the
 * program's message catalogues, in UTF-8, as a program's main() does first.
 */
void
par_i18n_init (void)
{
  g_autofree char *locale_dir = par_i18n_get_locale_dir ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
