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

/* Where the user guide's languages are: $PARINDEX_HELPDIR (an uninstalled
 * build: the source tree's help/), on Windows share\parindex\help of the
 * folder the program is installed in, else PKGDATADIR/help. */
static char *
help_dir (void)
{
  const char *variable = g_getenv ("PARINDEX_HELPDIR");

  if (variable != NULL && variable[0] != '\0')
    return g_strdup (variable);
#ifdef G_OS_WIN32
  {
    g_autofree char *top = g_win32_get_package_installation_directory_of_module (NULL);

    return g_build_filename (top, "share", "parindex", "help", NULL);
  }
#else
  return g_build_filename (PKGDATADIR, "help", NULL);
#endif
}

/**
 * par_i18n_get_help_file:
 *
 * The user guide in the user's language: the first of the languages the
 * user reads (g_get_language_names(): "vi_VN.UTF-8", "vi_VN", "vi", …,
 * "C") that the guide is written in. The guide is plain HTML, which every
 * system can open, Windows too.
 *
 * Returns: (transfer full) (nullable): the guide's `index.html`, %NULL
 *   when it is not installed
 */
char *
par_i18n_get_help_file (void)
{
  g_autofree char *dir = help_dir ();
  const char * const *languages = g_get_language_names ();

  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, languages[i], "index.html", NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

/* The user's decimal separator, read before the numeric locale is reset. */
static char user_decimal_separator;

/**
 * par_i18n_get_user_decimal_separator:
 *
 * Returns: the decimal separator of the user's numeric locale as
 *   par_i18n_init() found it ('.' or ','), or 0 before par_i18n_init()
 */
char
par_i18n_get_user_decimal_separator (void)
{
  return user_decimal_separator;
}

/**
 * par_i18n_init:
 *
 * Sets the C library's locale from the environment and binds the
 * program's message catalogues, in UTF-8, as a program's main() does first.
 *
 * Every category follows the user but LC_NUMERIC, which stays "C" for the
 * whole process: printf(), strtod() and the libraries that write files
 * with them (libxlsxwriter's XML, cairo's PDF) must write "89.574" in
 * every locale (FORMATS.md §6). Numbers shown to the user take the
 * separator remembered here (par_locale_decimal_separator()). A GTK
 * program must call gtk_disable_setlocale() too, or gtk_init() sets
 * LC_NUMERIC back from the environment.
 */
void
par_i18n_init (void)
{
  g_autofree char *locale_dir = par_i18n_get_locale_dir ();
  struct lconv *conv;

  setlocale (LC_ALL, "");
  conv = localeconv ();
  user_decimal_separator = conv != NULL && conv->decimal_point != NULL &&
                           conv->decimal_point[0] == ',' ? ',' : '.';
  setlocale (LC_NUMERIC, "C");

  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
