/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "par-i18n.h"
#include "par-text.h"

static gboolean
finds (const char *text,
       const char *query)
{
  g_autofree char *folded_text = par_text_fold (text);
  g_autofree char *folded_query = par_text_fold (query);

  return par_text_matches (folded_text, folded_query);
}

static void
test_fold (void)
{
  g_autofree char *a = par_text_fold ("UBND xã Tiên Châu");
  g_autofree char *b = par_text_fold ("  Đà   Nẵng ");
  g_autofree char *c = par_text_fold ("TRƯỜNG ĐẠI HỌC");

  g_assert_cmpstr (a, ==, "ubnd xa tien chau");
  g_assert_cmpstr (b, ==, "da nang");
  g_assert_cmpstr (c, ==, "truong dai hoc");
}

static void
test_matches (void)
{
  g_assert_true (finds ("UBND xã Tiên Châu", "tien chau"));
  g_assert_true (finds ("UBND xã Tiên Châu", "TIÊN"));
  g_assert_true (finds ("UBND xã Tiên Châu", "chau tien"));
  g_assert_true (finds ("Sở Tư pháp", "so tu phap"));
  g_assert_true (finds ("Phường Đông Hà", "dong ha"));
  g_assert_true (finds ("anything", ""));
  g_assert_false (finds ("UBND xã Tiên Kỳ", "tien chau"));
  /* Decomposed input (NFD) folds like composed input. */
  g_assert_true (finds ("Tie\xcc\x82n Cha\xcc\x82u", "tiên châu"));
}

/* The character ranges par_text_find() gives, as "first-end first-end". */
static char *
find_ranges (const char *text,
             const char *query)
{
  g_autoptr(GArray) found = par_text_find (text, query);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i + 1 < found->len; i += 2)
    g_string_append_printf (out, "%s%u-%u", i > 0 ? " " : "", g_array_index (found, guint, i),
                            g_array_index (found, guint, i + 1));
  return g_string_free (out, FALSE);
}

static void
test_find (void)
{
  const struct
  {
    const char *text;
    const char *query;
    const char *ranges;
  } cases[] = {
    /* ệ is Latin Extended Additional, whose marks Poppler keeps. */
    { "Quyết định phê duyệt kế hoạch", "phe duyet", "11-20" },
    { "Quyết định phê duyệt kế hoạch", "QUYET DINH", "0-10" },
    /* A line break is a space; the match ends where its last letter is. */
    { "phê\nduyệt; phê  duyệt", "phe duyet", "0-9 11-21" },
    { "Tie\xcc\x82n", "tien", "0-5" },
    { "phê duyệt", "phê duyệt", "0-9" },
    { "phê duyệt", "khong", "" },
    { "phê duyệt", "  ", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ranges = find_ranges (cases[i].text, cases[i].query);

      g_assert_cmpstr (ranges, ==, cases[i].ranges);
    }
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  g_autofree char *key_a = par_text_sort_key (*(const char * const *) a);
  g_autofree char *key_b = par_text_sort_key (*(const char * const *) b);

  return strcmp (key_a, key_b);
}

static char *
sorted (const char * const *names,
        guint               n_names)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; i < n_names; i++)
    g_ptr_array_add (list, (gpointer) names[i]);
  g_ptr_array_sort (list, compare_keys);
  g_ptr_array_add (list, NULL);
  return g_strjoinv ("|", (char **) list->pdata);
}

/* Numbers by their value in any locale; letters as Vietnamese orders them
 * under a Vietnamese locale (Â after A, Đ after D, before B and E). */
static void
test_sort_key (void)
{
  const char *numbered[] = { "UBND xã Số 10", "UBND xã Số 2", "UBND xã Số 1", "UBND xã Số 100" };
  const char *lettered[] = { "Bắc Lam", "Đông Xuân", "Ân Thi", "An Lão", "Dương Hòa", "Em" };
  g_autofree char *numbers = sorted (numbered, G_N_ELEMENTS (numbered));
  g_autofree char *saved = g_strdup (setlocale (LC_COLLATE, NULL));

  g_assert_cmpstr (numbers, ==, "UBND xã Số 1|UBND xã Số 2|UBND xã Số 10|UBND xã Số 100");

  if (setlocale (LC_COLLATE, "vi_VN.UTF-8") == NULL)
    {
      g_test_skip ("no vi_VN.UTF-8 locale");
      return;
    }
  {
    g_autofree char *letters = sorted (lettered, G_N_ELEMENTS (lettered));
    g_autofree char *vi_numbers = sorted (numbered, G_N_ELEMENTS (numbered));

    setlocale (LC_COLLATE, saved);
    g_assert_cmpstr (letters, ==, "An Lão|Ân Thi|Bắc Lam|Dương Hòa|Đông Xuân|Em");
    g_assert_cmpstr (vi_numbers, ==, numbers);
  }
}

int
main (int   argc,
      char *argv[])
{
  par_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/par/text/fold", test_fold);
  g_test_add_func ("/par/text/matches-without-diacritics", test_matches);
  g_test_add_func ("/par/text/find-without-diacritics", test_find);
  g_test_add_func ("/par/text/sort-key-natural", test_sort_key);

  return g_test_run ();
}
