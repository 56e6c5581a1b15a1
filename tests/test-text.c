/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

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

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/par/text/fold", test_fold);
  g_test_add_func ("/par/text/matches-without-diacritics", test_matches);

  return g_test_run ();
}
