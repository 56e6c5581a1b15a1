/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "par-decimal.h"
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

/* F1's guide: the user's language where the guide is written in it, else
 * English; both languages have the same sections. */
static void
test_help (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "help", NULL);
  g_autofree char *english = NULL;
  g_autofree char *vietnamese = NULL;
  g_autofree char *guide = NULL;
  g_autofree char *text_en = NULL;
  g_autofree char *text_vi = NULL;
  const char *sections[] = { "start", "units", "scoring", "evidence", "history", "revision",
                             "publishing", "exporting", "cycle", "verify", "keys", "cli" };

  g_setenv ("PARINDEX_HELPDIR", dir, TRUE);
  g_setenv ("LANGUAGE", "vi", TRUE);
  vietnamese = par_i18n_get_help_file ();
  g_assert_nonnull (vietnamese);
  g_assert_true (g_str_has_suffix (vietnamese, G_DIR_SEPARATOR_S "vi" G_DIR_SEPARATOR_S
                                               "index.html"));
  g_setenv ("LANGUAGE", "fr:de", TRUE);
  english = par_i18n_get_help_file ();
  g_assert_true (g_str_has_suffix (english, G_DIR_SEPARATOR_S "C" G_DIR_SEPARATOR_S
                                            "index.html"));
  g_setenv ("LANGUAGE", "C", TRUE);

  g_assert_true (g_file_get_contents (english, &text_en, NULL, NULL));
  g_assert_true (g_file_get_contents (vietnamese, &text_vi, NULL, NULL));
  g_assert_true (g_utf8_validate (text_vi, -1, NULL));
  g_assert_nonnull (strstr (text_vi, "<html lang=\"vi\">"));
  g_assert_nonnull (strstr (text_vi, "Hướng dẫn sử dụng"));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *anchor = g_strdup_printf ("<h2 id=\"%s\">", sections[i]);
      g_autofree char *link = g_strdup_printf ("<a href=\"#%s\">", sections[i]);

      g_assert_nonnull (strstr (text_en, anchor));
      g_assert_nonnull (strstr (text_vi, anchor));
      g_assert_nonnull (strstr (text_en, link));
      g_assert_nonnull (strstr (text_vi, link));
    }

  /* Not installed where it is looked for: none. */
  g_setenv ("PARINDEX_HELPDIR", "/nonexistent", TRUE);
  guide = par_i18n_get_help_file ();
  g_assert_null (guide);
  g_unsetenv ("PARINDEX_HELPDIR");
}

/* Under a locale with a decimal comma (vi_VN.UTF-8) the process writes
 * numbers with a point (files read the same in every locale, FORMATS.md
 * §6), while numbers shown to the user keep the user's comma. */
static void
test_numeric_locale (void)
{
  g_autofree char *printed = NULL;
  const char *saved = setlocale (LC_ALL, NULL);
  g_autofree char *restore = g_strdup (saved);

  g_setenv ("LC_ALL", "vi_VN.UTF-8", TRUE);
  if (setlocale (LC_ALL, "vi_VN.UTF-8") == NULL)
    {
      g_test_skip ("the vi_VN.UTF-8 locale is not installed (build-aux/dev.sh test installs it)");
      return;
    }
  setlocale (LC_ALL, restore);

  par_i18n_init ();
  printed = g_strdup_printf ("%.3f|%g", 89.574, 6.7109375);
  g_assert_cmpstr (printed, ==, "89.574|6.71094");
  g_assert_cmpfloat (g_ascii_strtod ("1.5", NULL), ==, strtod ("1.5", NULL));
  g_assert_cmpint (par_i18n_get_user_decimal_separator (), ==, ',');
  g_assert_cmpint (par_locale_decimal_separator (), ==, ',');
  {
    g_autofree char *shown = par_milli_to_string (89574, par_locale_decimal_separator ());
    g_assert_cmpstr (shown, ==, "89,574");
  }
  g_assert_cmpstr (setlocale (LC_NUMERIC, NULL), ==, "C");

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  par_i18n_init ();
  g_assert_cmpint (par_i18n_get_user_decimal_separator (), ==, '.');
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/par/i18n/locale-dir", test_locale_dir);
  g_test_add_func ("/par/i18n/init", test_init);
  g_test_add_func ("/par/i18n/numeric-locale", test_numeric_locale);
  g_test_add_func ("/par/i18n/help", test_help);

  return g_test_run ();
}
