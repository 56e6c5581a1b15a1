/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "par-decimal.h"
#include "par-error.h"

/* Exact decimals: what clerks type, what the results print. */

static ParMilli
parse_ok (const char *text,
          gboolean    allow_decimal_comma)
{
  g_autoptr(GError) error = NULL;
  ParMilli value = G_MININT64;

  g_assert_true (par_milli_parse (text, allow_decimal_comma, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
assert_parse_refused (const char *text,
                      gboolean    allow_decimal_comma)
{
  g_autoptr(GError) error = NULL;
  ParMilli value = 42;

  g_assert_false (par_milli_parse (text, allow_decimal_comma, &value, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  /* The message quotes what was typed. */
  g_assert_nonnull (strstr (error->message, text));
  g_assert_cmpint (value, ==, 42);
}

static void
test_parse_decimal_point (void)
{
  g_assert_cmpint (parse_ok ("97.5", FALSE), ==, 97500);
  g_assert_cmpint (parse_ok ("97.5", TRUE), ==, 97500);
  g_assert_cmpint (parse_ok ("0.001", FALSE), ==, 1);
  g_assert_cmpint (parse_ok ("100", FALSE), ==, 100000);
  g_assert_cmpint (parse_ok ("85.82", FALSE), ==, 85820);
  g_assert_cmpint (parse_ok ("87.565", FALSE), ==, 87565);
  g_assert_cmpint (parse_ok ("0", FALSE), ==, 0);
  g_assert_cmpint (parse_ok ("007.50", FALSE), ==, 7500);
  g_assert_cmpint (parse_ok ("-2.5", FALSE), ==, -2500);
}

static void
test_parse_decimal_comma_only_when_allowed (void)
{
  g_assert_cmpint (parse_ok ("97,5", TRUE), ==, 97500);
  g_assert_cmpint (parse_ok ("9,47", TRUE), ==, 9470);
  g_assert_cmpint (parse_ok ("0,001", TRUE), ==, 1);

  assert_parse_refused ("97,5", FALSE);
  assert_parse_refused ("1,000", FALSE);
  /* One separator only, even where a comma is allowed. */
  assert_parse_refused ("1,000.5", TRUE);
}

static void
test_parse_refuses_four_decimals (void)
{
  assert_parse_refused ("1.2345", FALSE);
  assert_parse_refused ("1,2345", TRUE);
  assert_parse_refused ("0.0001", FALSE);
}

static void
test_parse_refuses_text (void)
{
  assert_parse_refused ("abc", FALSE);
  assert_parse_refused ("12abc", FALSE);
  assert_parse_refused ("1.2.3", FALSE);
  assert_parse_refused ("1 000", FALSE);
  assert_parse_refused ("-", FALSE);
  assert_parse_refused (".", FALSE);
  assert_parse_refused ("97%", FALSE);
  assert_parse_refused ("", FALSE);
  assert_parse_refused ("   ", FALSE);
}

static void
test_parse_whitespace (void)
{
  g_assert_cmpint (parse_ok ("  97.5", FALSE), ==, 97500);
  g_assert_cmpint (parse_ok ("97.5  ", FALSE), ==, 97500);
  g_assert_cmpint (parse_ok ("\t 3 \r\n", FALSE), ==, 3000);
  g_assert_cmpint (parse_ok (" 9,47 ", TRUE), ==, 9470);
}

static void
test_parse_too_large (void)
{
  assert_parse_refused ("99999999999999999999", FALSE);
}

static void
test_from_double (void)
{
  ParMilli value = 0;

  /* JSON numbers: recovered exactly when they have at most 3 decimals. */
  g_assert_true (par_milli_from_double (1.5, &value));
  g_assert_cmpint (value, ==, 1500);
  g_assert_true (par_milli_from_double (0.1, &value));
  g_assert_cmpint (value, ==, 100);
  g_assert_true (par_milli_from_double (87.565, &value));
  g_assert_cmpint (value, ==, 87565);
  g_assert_true (par_milli_from_double (13.5, &value));
  g_assert_cmpint (value, ==, 13500);
  g_assert_false (par_milli_from_double (1.2345, &value));
  g_assert_false (par_milli_from_double (0.0005, &value));
}

static void
assert_milli_text (ParMilli    value,
                   char        separator,
                   const char *expected)
{
  g_autofree char *text = par_milli_to_string (value, separator);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_to_string_minimal (void)
{
  assert_milli_text (85820, '.', "85.82");
  assert_milli_text (100000, '.', "100");
  assert_milli_text (97500, '.', "97.5");
  assert_milli_text (97500, ',', "97,5");
  assert_milli_text (1, '.', "0.001");
  assert_milli_text (10, '.', "0.01");
  assert_milli_text (0, '.', "0");
  assert_milli_text (10069, '.', "10.069");
  assert_milli_text (-2500, '.', "-2.5");
  assert_milli_text (-1, '.', "-0.001");
  /* the ends of the range fit the buffer */
  assert_milli_text (G_MAXINT64, '.', "9223372036854775.807");
  assert_milli_text (G_MININT64, ',', "-9223372036854775,808");
  g_assert_cmpuint (strlen ("-9223372036854775,808") + 1, <=, PAR_DECIMAL_BUFFER);
}

static void
assert_centi_text (ParCenti    value,
                   char        separator,
                   gboolean    fixed,
                   const char *expected)
{
  g_autofree char *text = par_centi_to_string (value, separator, fixed);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_centi_fixed (void)
{
  /* Published indices always show two decimals… */
  assert_centi_text (8133, '.', TRUE, "81.33");
  assert_centi_text (8600, '.', TRUE, "86.00");
  assert_centi_text (8610, '.', TRUE, "86.10");
  assert_centi_text (8619, ',', TRUE, "86,19");
  assert_centi_text (0, '.', TRUE, "0.00");
  assert_centi_text (10000, '.', TRUE, "100.00");
  assert_centi_text (5, '.', TRUE, "0.05");
  assert_centi_text (-272, '.', TRUE, "-2.72");

  /* … JSON as few as needed. */
  assert_centi_text (8600, '.', FALSE, "86");
  assert_centi_text (8610, '.', FALSE, "86.1");
  assert_centi_text (8582, '.', FALSE, "85.82");
  assert_centi_text (-1000, '.', FALSE, "-10");
  assert_centi_text (-5, '.', FALSE, "-0.05");

  /* Whole parts written two digits a step: odd and even digit counts. */
  assert_centi_text (100, '.', TRUE, "1.00");
  assert_centi_text (99900, '.', TRUE, "999.00");
  assert_centi_text (123456789, ',', TRUE, "1234567,89");
  assert_centi_text (-987654321, '.', FALSE, "-9876543.21");
  assert_centi_text (G_MAXINT64, '.', TRUE, "92233720368547758.07");
  assert_centi_text (G_MININT64, '.', TRUE, "-92233720368547758.08");
}

static void
test_round_half_up (void)
{
  /* 68.32 / 84 × 100 = 81.3333… → 81.33 */
  g_assert_cmpint (par_div_round_half_up (68320 * 10000, 84000), ==, 8133);
  /* exactly half goes up: 8133.5 → 8134, 2.5 → 3, 1.5 → 2 */
  g_assert_cmpint (par_div_round_half_up (81335, 10), ==, 8134);
  g_assert_cmpint (par_div_round_half_up (5, 2), ==, 3);
  g_assert_cmpint (par_div_round_half_up (3, 2), ==, 2);
  /* just below half goes down */
  g_assert_cmpint (par_div_round_half_up (81334, 10), ==, 8133);
  g_assert_cmpint (par_div_round_half_up (4999, 10000), ==, 0);
  g_assert_cmpint (par_div_round_half_up (5000, 10000), ==, 1);
  g_assert_cmpint (par_div_round_half_up (1, 3), ==, 0);
  g_assert_cmpint (par_div_round_half_up (2, 3), ==, 1);
  g_assert_cmpint (par_div_round_half_up (6, 3), ==, 2);
  g_assert_cmpint (par_div_round_half_up (0, 7), ==, 0);
  /* negative halves round away from zero, symmetric with positive ones */
  g_assert_cmpint (par_div_round_half_up (-5, 2), ==, -3);
  g_assert_cmpint (par_div_round_half_up (-81334, 10), ==, -8133);
}

static void
test_index_compute (void)
{
  /* Thanh Hóa 2023: 68.32 points over an applicable maximum of 84. */
  g_assert_cmpint (par_index_compute (68320, 84000), ==, 8133);
  /* A full set of 100: points and percent coincide. */
  g_assert_cmpint (par_index_compute (86190, 100000), ==, 8619);
  g_assert_cmpint (par_index_compute (85820, 100000), ==, 8582);
  g_assert_cmpint (par_index_compute (100000, 100000), ==, 10000);
  g_assert_cmpint (par_index_compute (0, 100000), ==, 0);
  /* 162.67 / 200 = 81.335 % → 81.34; 32.534 / 40 = 81.335 % → 81.34 */
  g_assert_cmpint (par_index_compute (162670, 200000), ==, 8134);
  g_assert_cmpint (par_index_compute (32534, 40000), ==, 8134);
  /* 75.596 / 84 = 89.9952… % → 90.00 */
  g_assert_cmpint (par_index_compute (75596, 84000), ==, 9000);
  /* No applicable maximum, no index. */
  g_assert_cmpint (par_index_compute (0, 0), ==, PAR_CENTI_NONE);
  g_assert_cmpint (par_index_compute (5000, 0), ==, PAR_CENTI_NONE);
}

/* Sizes in messages take the user's decimal separator, not GLib's C
 * numeric locale's point (the window said "8.1 kB" in Vietnamese). */
static void
test_format_size (void)
{
  g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *point = NULL;
  g_autofree char *comma = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *long_comma = NULL;

  g_setenv ("LANGUAGE", "en", TRUE);
  if (par_locale_decimal_separator () != '.')
    {
      g_test_skip ("the user's numeric locale writes a decimal comma");
      return;
    }
  point = par_format_size (8123, G_FORMAT_SIZE_DEFAULT);
  g_setenv ("LANGUAGE", "vi", TRUE);
  comma = par_format_size (8123, G_FORMAT_SIZE_DEFAULT);
  whole = par_format_size (900, G_FORMAT_SIZE_DEFAULT);
  long_comma = par_format_size (8123, G_FORMAT_SIZE_LONG_FORMAT);
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");

  g_assert_cmpstr (point, ==, "8.1\u00A0kB");
  g_assert_cmpstr (comma, ==, "8,1\u00A0kB");
  g_assert_cmpstr (whole, ==, "900 bytes");
  g_assert_true (g_str_has_prefix (long_comma, "8,1\u00A0kB ("));
  g_assert_nonnull (strstr (long_comma, "8123"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/par/decimal/format-size", test_format_size);

  g_test_add_func ("/par/decimal/parse-decimal-point", test_parse_decimal_point);
  g_test_add_func ("/par/decimal/parse-decimal-comma-only-when-allowed",
                   test_parse_decimal_comma_only_when_allowed);
  g_test_add_func ("/par/decimal/parse-refuses-four-decimals", test_parse_refuses_four_decimals);
  g_test_add_func ("/par/decimal/parse-refuses-text", test_parse_refuses_text);
  g_test_add_func ("/par/decimal/parse-ignores-surrounding-space", test_parse_whitespace);
  g_test_add_func ("/par/decimal/parse-refuses-huge", test_parse_too_large);
  g_test_add_func ("/par/decimal/from-json-double", test_from_double);
  g_test_add_func ("/par/decimal/to-string-minimal-digits", test_to_string_minimal);
  g_test_add_func ("/par/decimal/centi-fixed-or-minimal", test_centi_fixed);
  g_test_add_func ("/par/decimal/div-round-half-up", test_round_half_up);
  g_test_add_func ("/par/decimal/index-compute", test_index_compute);

  return g_test_run ();
}
