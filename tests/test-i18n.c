/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "par-i18n.h"

/* Without PARINDEX_LOCALEDIR: the installed catalogues. */
static void
assert_installed_locale_dir (void)
{
  g_autofree char *found = par_i18n_get_locale_dir ();

#ifdef G_OS_WIN32
  g_assert_true (g_str_has_suffix (found, "locale"));
#else
  g_assert_cmpstr (found, ==, LOCALEDIR);
#endif
}

/* Where the catalogues are looked for: PARINDEX_LOCALEDIR (an uninstalled
 * build), else the installed ones. */
static void
test_locale_dir (void)
{
#ifdef G_OS_WIN32
  /* bindtextdomain() takes the system code page: ASCII passes unchanged. */
  const char *dir = "C:\\ParIndex\\share\\locale";
#else
  const char *dir = "/srv/Sở Nội vụ/Chỉ số CCHC/locale";
#endif

  g_setenv ("PARINDEX_LOCALEDIR", dir, TRUE);
  {
    g_autofree char *found = par_i18n_get_locale_dir ();
    g_assert_cmpstr (found, ==, dir);
  }

  g_setenv ("PARINDEX_LOCALEDIR", "", TRUE);
  assert_installed_locale_dir ();

  g_unsetenv ("PARINDEX_LOCALEDIR");
  assert_installed_locale_dir ();
}

/* par_i18n_init() binds the build tree's catalogues: the messages come
 * out in Vietnamese, in UTF-8. */
static void
test_init (void)
{
  g_autofree char *po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (po, "vi", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  const char *message;

  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the Vietnamese catalogue is not built");
      return;
    }

  g_setenv ("PARINDEX_LOCALEDIR", po, TRUE);
  g_setenv ("LANGUAGE", "vi", TRUE);
  par_i18n_init ();

  g_assert_cmpstr (bindtextdomain (GETTEXT_PACKAGE, NULL), ==, po);
  message = _("%s does not exist; create it with “parindex-cli init”");
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_cmpstr (message, !=, "%s does not exist; create it with “parindex-cli init”");
  g_assert_nonnull (strstr (message, "parindex-cli init"));

  g_setenv ("LANGUAGE", "C", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/par/i18n/locale-dir", test_locale_dir);
  g_test_add_func ("/par/i18n/init", test_init);

  return g_test_run ();
}
