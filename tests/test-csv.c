/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "par-csv-header.h"
#include "par-csv.h"
#include "par-error.h"

/* The CSV files clerks save from spreadsheets (FORMATS.md §2, §3). */

/* Reads the next record, asserting its line and fields ("|"-separated). */
static void
assert_record (ParCsv     *csv,
               guint       expected_line,
               const char *expected_fields)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) expected = g_strsplit (expected_fields, "|", -1);
  GPtrArray *fields = NULL;
  guint line = 0;

  g_assert_true (par_csv_next (csv, &line, &fields, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (line, ==, expected_line);
  g_assert_cmpuint (fields->len, ==, g_strv_length (expected));
  for (guint i = 0; i < fields->len; i++)
    g_assert_cmpstr (g_ptr_array_index (fields, i), ==, expected[i]);
}

static void
assert_end (ParCsv *csv)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;
  guint line = 0;

  g_assert_false (par_csv_next (csv, &line, &fields, &error));
  g_assert_no_error (error);
  /* and it stays at the end */
  g_assert_false (par_csv_next (csv, &line, &fields, &error));
  g_assert_no_error (error);
}

static ParCsv *
csv_for (const char *text)
{
  return par_csv_new (text, strlen (text));
}

static void
test_comma_dialect (void)
{
  g_autoptr(ParCsv) csv = csv_for ("unit,criterion,stage,value\nTCH,1.2,self,97.5\n");

  g_assert_cmpint (par_csv_get_delimiter (csv), ==, ',');
  assert_record (csv, 1, "unit|criterion|stage|value");
  assert_record (csv, 2, "TCH|1.2|self|97.5");
  assert_end (csv);
}

static void
test_semicolon_dialect (void)
{
  g_autoptr(ParCsv) csv = csv_for ("unit;criterion;stage;value;note\n"
                                   "TCH;1.2;self;97,5;a, b\n");

  g_assert_cmpint (par_csv_get_delimiter (csv), ==, ';');
  assert_record (csv, 1, "unit|criterion|stage|value|note");
  /* with ";" a comma is data */
  assert_record (csv, 2, "TCH|1.2|self|97,5|a, b");
  assert_end (csv);
}

static void
test_delimiter_from_header (void)
{
  /* A quoted comma in the header does not decide the dialect. */
  g_autoptr(ParCsv) csv = csv_for ("\"code, mã\";name\nA;B,C\n");
  g_autoptr(ParCsv) comma = csv_for ("code,name\nA;B,C\n");

  g_assert_cmpint (par_csv_get_delimiter (csv), ==, ';');
  assert_record (csv, 1, "code, mã|name");
  assert_record (csv, 2, "A|B,C");
  assert_end (csv);

  g_assert_cmpint (par_csv_get_delimiter (comma), ==, ',');
  assert_record (comma, 1, "code|name");
  assert_record (comma, 2, "A;B|C");
  assert_end (comma);
}

static void
test_bom (void)
{
  g_autoptr(ParCsv) csv = csv_for ("\xEF\xBB\xBF" "code;name\nTCH;Tiên Châu\n");

  g_assert_cmpint (par_csv_get_delimiter (csv), ==, ';');
  assert_record (csv, 1, "code|name");
  assert_record (csv, 2, "TCH|Tiên Châu");
  assert_end (csv);
}

static void
test_quoted_delimiters (void)
{
  g_autoptr(ParCsv) csv = csv_for ("code,name,block\n"
                                   "SNV,\"Sở Nội vụ\",\"Sở, ban, ngành\"\n"
                                   "\"\",x,\"\"\n");

  assert_record (csv, 1, "code|name|block");
  assert_record (csv, 2, "SNV|Sở Nội vụ|Sở, ban, ngành");
  assert_record (csv, 3, "|x|");
  assert_end (csv);
}

static void
test_doubled_quotes (void)
{
  g_autoptr(ParCsv) csv = csv_for ("a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n");

  assert_record (csv, 1, "a|b");
  assert_record (csv, 2, "say \"hi\"|\"");
  assert_end (csv);
}

static void
test_embedded_newlines (void)
{
  g_autoptr(ParCsv) csv = csv_for ("unit,note\n"
                                   "TCH,\"first line\nsecond line\nthird\"\n"
                                   "TKY,\"crlf\r\ninside\"\r\n"
                                   "TPH,plain\n");

  assert_record (csv, 1, "unit|note");
  assert_record (csv, 2, "TCH|first line\nsecond line\nthird");
  /* the next record starts after the three physical lines above */
  assert_record (csv, 5, "TKY|crlf\ninside");
  assert_record (csv, 7, "TPH|plain");
  assert_end (csv);
}

static void
test_crlf (void)
{
  g_autoptr(ParCsv) csv = csv_for ("a;b\r\n1;2\r\n3;\r\n");

  assert_record (csv, 1, "a|b");
  assert_record (csv, 2, "1|2");
  assert_record (csv, 3, "3|");
  assert_end (csv);
}

/* Old Mac files end lines with a lone CR: the line numbers still count,
 * so an error names the right line. */
static void
test_cr_only (void)
{
  g_autoptr(ParCsv) csv = csv_for ("a,b\r1,\"x\ry\"\r\r3,4\r");

  assert_record (csv, 1, "a|b");
  assert_record (csv, 2, "1|x\ry");
  assert_record (csv, 5, "3|4");
  assert_end (csv);
}

static void
test_blank_lines_skipped (void)
{
  g_autoptr(ParCsv) csv = csv_for ("a,b\n\n1,2\r\n\r\n\n3,4\n\n");

  assert_record (csv, 1, "a|b");
  assert_record (csv, 3, "1|2");
  assert_record (csv, 6, "3|4");
  assert_end (csv);
}

static void
test_no_final_newline (void)
{
  g_autoptr(ParCsv) csv = csv_for ("a,b\n1,\"2\"");

  assert_record (csv, 1, "a|b");
  assert_record (csv, 2, "1|2");
  assert_end (csv);
}

static void
test_trailing_empty_fields (void)
{
  g_autoptr(ParCsv) csv = csv_for ("unit,criterion,stage,value,note\nTCH,1.1,self,,\n");

  assert_record (csv, 1, "unit|criterion|stage|value|note");
  assert_record (csv, 2, "TCH|1.1|self||");
  assert_end (csv);
}

static void
assert_error_at_line (const char *text,
                      guint       good_records,
                      const char *line_text)
{
  g_autoptr(ParCsv) csv = csv_for (text);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;
  guint line = 0;

  for (guint i = 0; i < good_records; i++)
    {
      g_assert_true (par_csv_next (csv, &line, &fields, &error));
      g_assert_no_error (error);
    }

  g_assert_false (par_csv_next (csv, &line, &fields, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, line_text));
}

static void
test_unterminated_quote (void)
{
  assert_error_at_line ("a,b\n1,2\n3,\"open\n4,5\n6,7\n", 2, "line 3");
  assert_error_at_line ("a,b\n\"x\ny\",1\n3,\"open", 2, "line 4");
}

static void
test_text_after_quote (void)
{
  assert_error_at_line ("a,b\n\"x\"y,1\n", 1, "line 2");
}

static void
test_invalid_utf8 (void)
{
  /* "Tiên" saved as Windows-1258 / Latin-1 bytes */
  assert_error_at_line ("code,name\nTCH,Ti\xea" "n Ch\xe2u\n", 1, "line 2");
  assert_error_at_line ("code,name\nA,b\n\n\"B\xff\",c\n", 2, "line 4");
}

static void
test_header_columns (void)
{
  ParCsvColumn columns[] = {
    { "unit", TRUE, -1 },
    { "criterion", TRUE, -1 },
    { "note", FALSE, -1 },
    { "value", TRUE, -1 },
  };
  g_autoptr(ParCsv) csv = csv_for ("\xEF\xBB\xBF Value ;UNIT;criterion;extra\nTCH;1.1;x;y\n");
  g_autoptr(GError) error = NULL;

  g_assert_true (par_csv_read_header (csv, columns, G_N_ELEMENTS (columns), &error));
  g_assert_no_error (error);
  g_assert_cmpint (columns[0].position, ==, 1);
  g_assert_cmpint (columns[1].position, ==, 2);
  g_assert_cmpint (columns[2].position, ==, -1);
  g_assert_cmpint (columns[3].position, ==, 0);
}

static void
test_header_missing_columns (void)
{
  ParCsvColumn columns[] = {
    { "code", TRUE, -1 },
    { "name", TRUE, -1 },
    { "block", TRUE, -1 },
  };
  g_autoptr(ParCsv) csv = csv_for ("code,nme\nA,B\n");
  g_autoptr(ParCsv) empty = csv_for ("\n\n");
  g_autoptr(GError) error = NULL;

  g_assert_false (par_csv_read_header (csv, columns, G_N_ELEMENTS (columns), &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "name"));
  g_assert_nonnull (strstr (error->message, "block"));
  g_clear_error (&error);

  g_assert_false (par_csv_read_header (empty, columns, G_N_ELEMENTS (columns), &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
}

static void
test_field_trimmed_nfc (void)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *nfd = g_utf8_normalize ("  Chậm ", -1, G_NORMALIZE_NFD);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_ptr_array_add (fields, g_strdup (" TCH\t"));
  g_ptr_array_add (fields, g_strdup (nfd));

  a = par_csv_field (fields, 0);
  b = par_csv_field (fields, 1);
  c = par_csv_field (fields, 4);
  g_assert_cmpstr (a, ==, "TCH");
  g_assert_cmpstr (b, ==, "Chậm");
  g_assert_cmpstr (c, ==, "");
}

static void
test_problems_list_every_line (void)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint n_problems = 0;

  g_assert_true (par_csv_check_problems (problems, n_problems, &error));
  g_assert_no_error (error);

  par_csv_add_problem (problems, &n_problems, 3, "bad “%s”", "x");
  par_csv_add_problem (problems, &n_problems, 7, "bad “%s”", "y");
  g_assert_cmpuint (n_problems, ==, 2);
  g_assert_false (par_csv_check_problems (problems, n_problems, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 3: bad “x”"));
  g_assert_nonnull (strstr (error->message, "line 7: bad “y”"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/par/csv/comma-dialect", test_comma_dialect);
  g_test_add_func ("/par/csv/semicolon-dialect", test_semicolon_dialect);
  g_test_add_func ("/par/csv/delimiter-from-header", test_delimiter_from_header);
  g_test_add_func ("/par/csv/bom", test_bom);
  g_test_add_func ("/par/csv/quoted-delimiters", test_quoted_delimiters);
  g_test_add_func ("/par/csv/doubled-quotes", test_doubled_quotes);
  g_test_add_func ("/par/csv/embedded-newlines", test_embedded_newlines);
  g_test_add_func ("/par/csv/crlf", test_crlf);
  g_test_add_func ("/par/csv/cr-only", test_cr_only);
  g_test_add_func ("/par/csv/blank-lines-skipped", test_blank_lines_skipped);
  g_test_add_func ("/par/csv/no-final-newline", test_no_final_newline);
  g_test_add_func ("/par/csv/trailing-empty-fields", test_trailing_empty_fields);
  g_test_add_func ("/par/csv/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/par/csv/text-after-closing-quote", test_text_after_quote);
  g_test_add_func ("/par/csv/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/par/csv/header-columns", test_header_columns);
  g_test_add_func ("/par/csv/header-missing-columns", test_header_missing_columns);
  g_test_add_func ("/par/csv/field-trimmed-nfc", test_field_trimmed_nfc);
  g_test_add_func ("/par/csv/problems-list-every-line", test_problems_list_every_line);

  return g_test_run ();
}
