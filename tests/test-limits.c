/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "par-criteria-set.h"
#include "par-csv-header.h"
#include "par-decimal.h"
#include "par-error.h"
#include "par-json-check.h"
#include "par-limits.h"
#include "par-results.h"
#include "par-rule.h"
#include "par-text.h"
#include "test-common.h"

/* Hostile and extreme input (issue #13): every file, text and number from
 * outside is bounded (docs/limits.md), refused beyond its bound with a
 * message naming the limit, and the arithmetic on what is accepted cannot
 * overflow. */

#define SET_HEAD "{ \"format\": \"parindex-criteria/1\", \"title\": \"Bộ thử\", \"nodes\": ["

static ParCriteriaSet *
load_set (const char  *json,
          gssize       length,
          GError     **error)
{
  return par_criteria_set_new_from_data (json, length, error);
}

/* Refused as invalid input, with @needle in the message. */
static void
assert_refused (const char *json,
                gssize      length,
                const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParCriteriaSet) set = load_set (json, length, &error);

  g_assert_null (set);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_test_message ("%s", error->message);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, error->message);
}

/* A set of @n_leaves leaves of maximum @max under one field, each leaf
 * @depth levels below the top (a chain of groups above it). */
static char *
make_set (guint       n_leaves,
          const char *max,
          guint       depth)
{
  GString *json = g_string_new (SET_HEAD);

  for (guint d = 0; d < depth; d++)
    g_string_append_printf (json, "{ \"code\": \"G%u\", \"title\": \"Nhóm %u\", \"children\": [",
                            d, d);
  for (guint i = 0; i < n_leaves; i++)
    g_string_append_printf (json, "%s{ \"code\": \"L%u\", \"title\": \"Lá %u\", \"max\": %s }",
                            i > 0 ? ", " : "", i, i, max);
  for (guint d = 0; d < depth; d++)
    g_string_append (json, "] }");
  g_string_append (json, "] }");
  return g_string_free (json, FALSE);
}

/* --- JSON, strictly ---------------------------------------------------- */

static void
test_json_strict (void)
{
  static const struct { const char *json; const char *needle; } refused[] = {
    { "{'a': 1}", "single quotes" },
    { "{\"a\": 1}{\"b\": 2}", "one JSON value" },
    { "{\"a\": 1} x", "one JSON value" },
    { "{\"a\": \"1\\u0000x\"}", "\\u0000" },
    { "{\"a\": \"\\udfff\"}", "surrogate" },
    { "{\"a\": \"\\ud800\"}", "surrogate" },
    { "{\"a\": \"\\ud800\\u0041\"}", "surrogate" },
    { "{\"a\": [1, 2,]}", "value" },
    { "{\"a\": 1,}", "member name" },
    { "{\"a\": 01}", "number" },
    { "{\"a\": 1.}", "number" },
    { "{\"a\": .5}", "value" },
    { "{\"a\": NaN}", "value" },
    { "{\"a\": tru}", "double quotes" },
    { "{\"a\": \"x\ty\"}", "control character" },
    { "{\"a\": \"\\x41\"}", "escape" },
    { "/* c */ {}", "value" },
    { "{\"a\" 1}", "“:”" },
    { "[1 2]", "“,” or “]”" },
    { "{\"a\": \"open", "not closed" },
    { "", "ends early" },
    { "   ", "ends early" },
  };
  static const char *accepted[] = {
    "{}", "[]", " {\"a\": [1, -2.5e+3, 0, 0.25, true, false, null, \"\\u00e2\\ud83d\\ude00\\n\"]} ",
    "\"x\"", "0", "{\"a\": {\"b\": []}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (par_json_check (refused[i].json, strlen (refused[i].json), 64, &error));
      g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
      g_test_message ("%s → %s", refused[i].json, error->message);
      g_assert_nonnull (strstr (error->message, "line 1, column"));
      if (strstr (error->message, refused[i].needle) == NULL)
        g_error ("%s: “%s” not in “%s”", refused[i].json, refused[i].needle, error->message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (par_json_check (accepted[i], strlen (accepted[i]), 64, &error));
      g_assert_no_error (error);
    }
  /* Nothing at all, as an empty file's contents come (NULL): refused, with
   * no offset added to NULL (fuzz-package found it under UBSan). */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (par_json_check (NULL, 0, 64, &error));
    g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  }
}

/* What JSON-GLib alone let through now refuses the whole set. */
static void
test_criteria_lenient_json_refused (void)
{
  assert_refused ("{'format': 'parindex-criteria/1', 'title': 'T', "
                  "'nodes': [{'code': '1', 'title': 'A', 'max': 1}]}", -1, "single quotes");
  assert_refused (SET_HEAD "{ \"code\": \"1\", \"title\": \"A\", \"max\": 1 } ] }"
                  "{ \"format\": \"parindex-criteria/1\" }", -1, "one JSON value");
  /* \u0000 used to cut the code short: "1\u0000x" read as "1" */
  assert_refused (SET_HEAD "{ \"code\": \"1\\u0000x\", \"title\": \"A\", \"max\": 1 } ] }", -1,
                  "\\u0000");
  /* a lone surrogate made the workbook's sharedStrings.xml ill-formed */
  assert_refused (SET_HEAD "{ \"code\": \"1\", \"title\": \"A\\udfff\", \"max\": 1 } ] }", -1,
                  "surrogate");
}

static void
test_json_depth (void)
{
  gsize n = 100000;
  g_autofree char *brackets = g_malloc (2 * n);
  g_autoptr(GError) error = NULL;
  GString *deep;

  memset (brackets, '[', n);
  memset (brackets + n, ']', n);
  g_assert_false (par_json_check (brackets, 2 * n, PAR_LIMIT_JSON_DEPTH, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "64 levels"));
  g_clear_error (&error);

  /* 64 levels pass, 65 do not */
  g_assert_true (par_json_check (brackets + n - 64, 128, PAR_LIMIT_JSON_DEPTH, &error));
  g_assert_no_error (error);
  g_assert_false (par_json_check (brackets + n - 65, 130, PAR_LIMIT_JSON_DEPTH, &error));
  g_clear_error (&error);

  /* the same as a criteria set: refused before JSON-GLib recurses */
  assert_refused (brackets, 2 * n, "64 levels");

  /* 40,000 nested nodes */
  deep = g_string_new (NULL);
  for (guint i = 0; i < 40000; i++)
    g_string_append_printf (deep, "{ \"code\": \"N%u\", \"title\": \"t\", \"children\": [", i);
  g_string_append (deep, "{ \"code\": \"L\", \"title\": \"t\", \"max\": 1 }");
  for (guint i = 0; i < 40000; i++)
    g_string_append (deep, "] }");
  g_string_prepend (deep, SET_HEAD);
  g_string_append (deep, "] }");
  assert_refused (deep->str, deep->len, "64 levels");
  g_string_free (deep, TRUE);
}

/* --- The criteria tree ------------------------------------------------- */

static void
test_tree_depth (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *deepest = make_set (1, "1", PAR_LIMIT_TREE_DEPTH - 1);
  g_autofree char *too_deep = make_set (1, "1", PAR_LIMIT_TREE_DEPTH);
  g_autoptr(ParCriteriaSet) set = NULL;

  /* a field, 6 groups and a leaf: 8 levels */
  set = load_set (deepest, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((const ParCriterion *) g_ptr_array_index (set->leaves, 0))->depth, ==,
                    PAR_LIMIT_TREE_DEPTH - 1);

  /* 9 levels: the leaf is named */
  assert_refused (too_deep, -1, "“L0” is nested more than 8 levels deep");
}

static void
test_tree_size (void)
{
  g_autofree char *most = make_set (PAR_LIMIT_LEAVES, "1000", 0);
  g_autofree char *too_many = make_set (PAR_LIMIT_LEAVES + 1, "1", 0);
  g_autofree char *too_large = make_set (1, "1000.001", 0);
  g_autofree char *huge = make_set (1, "2147483647", 0);
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(GError) error = NULL;
  GString *nodes;
  GString *options;
  GString *bands;

  set = load_set (most, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (par_criteria_set_get_max (set), ==, PAR_LIMIT_LEAVES * PAR_LIMIT_LEAF_MAX);

  assert_refused (too_many, -1, "more than 1000 sub-criteria");
  assert_refused (too_large, -1, "above 1000, the largest maximum a leaf may have");
  assert_refused (huge, -1, "larger than 1000000000");

  /* more than 2000 nodes: groups of one leaf each */
  nodes = g_string_new (SET_HEAD);
  for (guint i = 0; i < PAR_LIMIT_NODES / 2 + 1; i++)
    g_string_append_printf (nodes, "%s{ \"code\": \"G%u\", \"title\": \"t\", \"children\": ["
                            "{ \"code\": \"L%u\", \"title\": \"t\", \"max\": 0.001 } ] }",
                            i > 0 ? ", " : "", i, i);
  g_string_append (nodes, "] }");
  assert_refused (nodes->str, nodes->len, "more than 2000 nodes");
  g_string_free (nodes, TRUE);

  options = g_string_new (SET_HEAD "{ \"code\": \"1\", \"title\": \"A\", \"max\": 1, "
                          "\"rule\": { \"kind\": \"options\", \"options\": [");
  for (guint i = 0; i <= PAR_LIMIT_CHOICES; i++)
    g_string_append_printf (options, "%s{ \"label\": \"O%u\", \"points\": 0 }",
                            i > 0 ? ", " : "", i);
  g_string_append (options, "] } } ] }");
  assert_refused (options->str, options->len, "101 options, more than 100");
  g_string_free (options, TRUE);

  bands = g_string_new ("{ \"format\": \"parindex-criteria/1\", \"title\": \"T\", \"bands\": [");
  for (guint i = 0; i <= PAR_LIMIT_BANDS; i++)
    g_string_append_printf (bands, "%s{ \"label\": \"B%u\", \"min\": %u }",
                            i > 0 ? ", " : "", i, i);
  g_string_append (bands, "], \"nodes\": [ { \"code\": \"1\", \"title\": \"A\", \"max\": 1 } ] }");
  assert_refused (bands->str, bands->len, "21 bands, more than 20");
  g_string_free (bands, TRUE);
}

static void
test_numbers_bounded (void)
{
  /* a tier's lower bound beyond every number a score may hold */
  assert_refused (SET_HEAD "{ \"code\": \"1\", \"title\": \"A\", \"max\": 1, \"rule\": "
                  "{ \"kind\": \"tiers\", \"tiers\": [ { \"min\": 1e12, \"points\": 1 } ] } } ] }",
                  -1, "larger than 1000000000");
  assert_refused (SET_HEAD "{ \"code\": \"1\", \"title\": \"A\", \"max\": 1, \"rule\": "
                  "{ \"kind\": \"tiers\", \"tiers\": [ { \"min\": 9223372036854775807, "
                  "\"points\": 1 } ] } } ] }", -1, "larger than 1000000000");
}

/* Found by fuzz-criteria: a "kind" that is not a text made JSON-GLib's
 * string getter critical (fatal in the tests). */
static void
test_rule_kind_not_text (void)
{
  assert_refused (SET_HEAD "{ \"code\": \"1\", \"title\": \"A\", \"max\": 1, "
                  "\"rule\": { \"kind\": { \"x\": 1 } } } ] }", -1, "“kind” must be a text");
  assert_refused (SET_HEAD "{ \"code\": \"1\", \"title\": \"A\", \"max\": 1, "
                  "\"rule\": { \"kind\": [ \"binary\" ] } } ] }", -1, "“kind” must be a text");
}

static void
test_file_size (void)
{
  g_autoptr(GString) json = g_string_new (SET_HEAD "{ \"code\": \"1\", \"title\": \"A\", "
                                          "\"max\": 1, \"note\": \"");
  g_autofree char *path = g_build_filename (test_workdir (), "large.criteria.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  while (json->len <= PAR_LIMIT_CRITERIA_FILE_BYTES)
    g_string_append (json, "                                ");
  g_string_append (json, "\" } ] }");
  assert_refused (json->str, json->len, "larger than 4 MiB");

  g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
  g_assert_null (par_criteria_set_new_from_file (file, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "large.criteria.json"));
  g_assert_nonnull (strstr (error->message, "4 MiB"));
}

static void
test_criteria_texts (void)
{
  g_autofree char *long_code = g_strnfill (PAR_LIMIT_CODE_CHARS + 1, '9');
  g_autofree char *long_title = g_strnfill (PAR_LIMIT_NAME_CHARS + 1, 'a');
  g_autofree char *json = NULL;
  GString *marks;

  json = g_strdup_printf (SET_HEAD "{ \"code\": \"%s\", \"title\": \"A\", \"max\": 1 } ] }",
                          long_code);
  assert_refused (json, -1, "more than 64");
  g_free (json);
  json = g_strdup_printf (SET_HEAD "{ \"code\": \"1\", \"title\": \"%s\", \"max\": 1 } ] }",
                          long_title);
  assert_refused (json, -1, "more than 500");

  /* ESC in a title would reach the terminal */
  assert_refused (SET_HEAD "{ \"code\": \"1\", \"title\": \"A\\u001b[31m\", \"max\": 1 } ] }", -1,
                  "U+001B");

  marks = g_string_new (SET_HEAD "{ \"code\": \"1\", \"title\": \"a");
  for (guint i = 0; i <= PAR_LIMIT_COMBINING_RUN; i++)
    g_string_append (marks, "\xCC\x81");   /* U+0301 */
  g_string_append (marks, "\", \"max\": 1 } ] }");
  assert_refused (marks->str, marks->len, "30 combining marks");
  g_string_free (marks, TRUE);
}

/* --- Texts ------------------------------------------------------------- */

/* Composed Vietnamese is kept as it is; whatever NFC changes is changed:
 * decomposed letters, a letter and a combining mark typed apart, the
 * singletons that normalise to another character (the Ohm and Ångström
 * signs). */
static void
test_text_clean_nfc (void)
{
  const char *cases[][2] = {
    { "Đúng thời hạn, Trưởng phòng Nội vụ", "Đúng thời hạn, Trưởng phòng Nội vụ" },
    { "a\xcc\x81", "\xc3\xa1" },                              /* a + U+0301 → á */
    { "\xe1\xba\xa1\xcc\x82", "\xe1\xba\xad" },                /* ạ + U+0302 → ậ */
    { "\xe2\x84\xa6 \xe2\x84\xab", "\xce\xa9 \xc3\x85" },        /* Ω Å signs → letters */
    { "\xc6\xb0\xcc\x9b", "\xc6\xb0\xcc\x9b" },                /* ư + horn: stays (ccc 216 after a composed letter) */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *clean = par_text_clean_limited (cases[i][0], -1, PAR_TEXT_NAME, &error);
      g_autofree char *expected = g_utf8_normalize (cases[i][0], -1, G_NORMALIZE_NFC);

      g_assert_no_error (error);
      g_assert_cmpstr (clean, ==, expected);
      g_assert_cmpstr (clean, ==, cases[i][1]);
    }
}

static void
test_text_clean (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nfd = g_utf8_normalize ("  Tiên Châu\t", -1, G_NORMALIZE_NFD);
  g_autofree char *clean = par_text_clean_limited (nfd, -1, PAR_TEXT_NAME, &error);
  g_autofree char *most = g_strnfill (PAR_LIMIT_NAME_CHARS, 'x');
  g_autofree char *one_more = g_strnfill (PAR_LIMIT_NAME_CHARS + 1, 'x');
  g_autofree char *result = NULL;
  GString *vietnamese = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (clean, ==, "Tiên Châu");

  result = par_text_clean_limited (most, -1, PAR_TEXT_NAME, &error);
  g_assert_no_error (error);
  g_clear_pointer (&result, g_free);
  g_assert_null (par_text_clean_limited (one_more, -1, PAR_TEXT_NAME, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "501 characters, more than 500"));
  g_clear_error (&error);

  /* the limit counts characters, not bytes: 500 "ệ" (3 bytes each) pass */
  for (guint i = 0; i < PAR_LIMIT_NAME_CHARS; i++)
    g_string_append (vietnamese, "ệ");
  result = par_text_clean_limited (vietnamese->str, -1, PAR_TEXT_NAME, &error);
  g_assert_no_error (error);
  g_clear_pointer (&result, g_free);
  g_string_free (vietnamese, TRUE);

  /* controls: refused in a name, tabs and line breaks kept in a note */
  g_assert_null (par_text_clean_limited ("UBND\a xã", -1, PAR_TEXT_NAME, &error));
  g_assert_nonnull (strstr (error->message, "U+0007"));
  g_clear_error (&error);
  g_assert_null (par_text_clean_limited ("UBND\txã", -1, PAR_TEXT_NAME, &error));
  g_clear_error (&error);
  g_assert_null (par_text_clean_limited ("a\xC2\x9B" "b", -1, PAR_TEXT_NAME, &error));   /* C1 CSI */
  g_assert_nonnull (strstr (error->message, "U+009B"));
  g_clear_error (&error);
  result = par_text_clean_limited ("Dòng 1\nDòng 2\tx", -1, PAR_TEXT_NOTE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result, ==, "Dòng 1\nDòng 2\tx");
  g_clear_pointer (&result, g_free);
  g_assert_null (par_text_clean_limited ("a\x1b" "b", -1, PAR_TEXT_NOTE, &error));
  g_clear_error (&error);

  /* invalid UTF-8 and a nul byte inside the length */
  g_assert_null (par_text_clean_limited ("Ti\xea" "n", -1, PAR_TEXT_NAME, &error));
  g_clear_error (&error);
  g_assert_null (par_text_clean_limited ("a\0b", 3, PAR_TEXT_CODE, &error));
  g_clear_error (&error);
}

/* The 1.37 MB unit name that took 11.5 s to normalise: refused by its
 * length before it is normalised, and a long run of combining marks (what
 * makes normalising quadratic) is refused however short the text. */
static void
test_text_quadratic_refused (void)
{
  GString *marks = g_string_new ("a");
  g_autoptr(GError) error = NULL;
  gint64 start;

  while (marks->len < 1370000)
    g_string_append (marks, "\xCC\x81\xCC\xA3");   /* U+0301 U+0323, alternating classes */

  start = g_get_monotonic_time ();
  g_assert_null (par_text_clean_limited (marks->str, marks->len, PAR_TEXT_NOTE, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "10000"));
  g_clear_error (&error);

  g_string_truncate (marks, 1 + 2 * 2 * 16);   /* 32 marks */
  g_assert_null (par_text_clean_limited (marks->str, marks->len, PAR_TEXT_NAME, &error));
  g_assert_nonnull (strstr (error->message, "more than 30 combining marks"));
  g_test_message ("refused in %" G_GINT64_FORMAT " µs", g_get_monotonic_time () - start);
  g_string_free (marks, TRUE);
}

static void
test_text_printable (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  par_text_append_printable (out, "UBND \x1b[2Jxã\a Tiên\x7f\xC2\x9B" "A\tB\nC", FALSE);
  g_assert_cmpstr (out->str, ==, "UBND \xEF\xBF\xBD[2Jxã\xEF\xBF\xBD Tiên\xEF\xBF\xBD\xEF\xBF\xBD"
                   "A\xEF\xBF\xBD" "B\xEF\xBF\xBD" "C");
  g_string_truncate (out, 0);
  par_text_append_printable (out, "A\tB\nC\x1b", TRUE);
  g_assert_cmpstr (out->str, ==, "A\tB\nC\xEF\xBF\xBD");
}

/* --- CSV --------------------------------------------------------------- */

static void
test_csv_limits (void)
{
  g_autoptr(GString) data = g_string_new ("code,name\nA,");
  g_autoptr(GError) error = NULL;
  g_autoptr(ParCsv) csv = NULL;
  g_autoptr(ParCsv) wide_csv = NULL;
  g_autoptr(GString) wide = g_string_new ("a");
  GPtrArray *fields;
  guint line;

  for (guint i = 0; i <= PAR_LIMIT_CSV_FIELD_BYTES; i++)
    g_string_append_c (data, 'x');
  g_string_append (data, "\n");
  csv = par_csv_new (data->str, data->len);
  g_assert_true (par_csv_next (csv, &line, &fields, &error));
  g_assert_false (par_csv_next (csv, &line, &fields, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_nonnull (strstr (error->message, "65536 bytes"));
  g_clear_error (&error);

  for (guint i = 0; i < PAR_LIMIT_CSV_COLUMNS; i++)
    g_string_append (wide, ",a");
  wide_csv = par_csv_new (wide->str, wide->len);
  g_assert_false (par_csv_next (wide_csv, &line, &fields, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "more than 256 columns"));
}

static void
test_csv_duplicate_column (void)
{
  ParCsvColumn columns[] = {
    { "unit", TRUE, PAR_TEXT_CODE, -1 },
    { "value", TRUE, PAR_TEXT_NAME, -1 },
  };
  g_autoptr(ParCsv) csv = par_csv_new ("unit,value,Value\nA,1,2\n", 22);
  g_autoptr(GError) error = NULL;

  g_assert_false (par_csv_read_header (csv, columns, G_N_ELEMENTS (columns), NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“value” twice (columns 2 and 3)"));
}

static void
test_csv_short_row (void)
{
  ParCsvColumn columns[] = {
    { "unit", TRUE, PAR_TEXT_CODE, 0 },
    { "value", TRUE, PAR_TEXT_NAME, 3 },
    { "note", FALSE, PAR_TEXT_NOTE, -1 },
  };
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  char *values[3];

  g_ptr_array_add (fields, g_strdup ("TCH"));
  g_ptr_array_add (fields, g_strdup ("1.1"));
  g_ptr_array_add (fields, g_strdup ("self"));
  g_assert_false (par_csv_read_row (fields, columns, 3, values, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no “value” column"));
  g_assert_null (values[0]);
  g_clear_error (&error);

  /* an empty value with its separator is an empty field (the fields read
   * were taken from the record) */
  g_free (g_ptr_array_index (fields, 0));
  g_ptr_array_index (fields, 0) = g_strdup ("TCH");
  g_ptr_array_add (fields, g_strdup (""));
  g_assert_true (par_csv_read_row (fields, columns, 3, values, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (values[0], ==, "TCH");
  g_assert_cmpstr (values[1], ==, "");
  g_assert_cmpstr (values[2], ==, "");
  for (guint i = 0; i < 3; i++)
    g_free (values[i]);
}

/* --- Arithmetic -------------------------------------------------------- */

static void
test_decimal_extremes (void)
{
  g_assert_cmpint (par_div_round_half_up (G_MAXINT64, 1), ==, G_MAXINT64);
  g_assert_cmpint (par_div_round_half_up (G_MAXINT64, 2), ==, G_MAXINT64 / 2 + 1);
  g_assert_cmpint (par_div_round_half_up (G_MAXINT64 - 1, G_MAXINT64), ==, 1);
  g_assert_cmpint (par_div_round_half_up (-G_MAXINT64, 2), ==, -(G_MAXINT64 / 2 + 1));
  g_assert_cmpint (par_div_round_half_up (G_MININT64 + 1, G_MAXINT64), ==, -1);
  g_assert_cmpint (par_div_round_half_up (5, 10), ==, 1);
  g_assert_cmpint (par_div_round_half_up (-5, 10), ==, -1);
  g_assert_cmpint (par_div_round_half_up (4, 10), ==, 0);

  /* beyond every limit: no index rather than a wrong one */
  g_assert_cmpint (par_index_compute (G_MAXINT64 / 2, G_MAXINT64 / 2), ==, PAR_CENTI_NONE);
  g_assert_cmpint (par_index_compute (PAR_LIMIT_LEAVES * PAR_LIMIT_LEAF_MAX,
                                      PAR_LIMIT_LEAVES * PAR_LIMIT_LEAF_MAX), ==, 10000);
}

/* Full marks on every leaf of the largest allowed maximum give 100: 500
 * leaves of max 2147483647 used to give 14.09. */
static void
test_full_marks_index_100 (void)
{
  const guint counts[] = { 500, PAR_LIMIT_LEAVES };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autofree char *json = make_set (counts[c], "1000", 2);
      g_autoptr(GError) error = NULL;
      g_autoptr(ParCriteriaSet) set = load_set (json, -1, &error);
      g_autoptr(ParYearResults) results = par_year_results_new (2025);
      ParUnitResult *unit;

      g_assert_no_error (error);
      par_year_results_add_block (results, "all", set);
      unit = par_year_results_add_unit (results, 0, "U1", "Đơn vị");
      for (guint i = 0; i < set->leaves->len; i++)
        {
          const ParCriterion *leaf = g_ptr_array_index (set->leaves, i);
          ParEntry entry = { 0 };

          g_assert_true (par_rule_evaluate (leaf, PAR_STAGE_APPRAISAL, "1000", FALSE, &entry,
                                            &error));
          g_assert_no_error (error);
          par_year_results_load_entry (results, unit, i, PAR_STAGE_APPRAISAL, entry.state,
                                       entry.points, entry.applicable);
          par_entry_clear (&entry);
        }
      par_year_results_compute (results, TRUE);

      g_assert_cmpint (unit->points, ==, counts[c] * PAR_LIMIT_LEAF_MAX);
      g_assert_cmpint (unit->max, ==, counts[c] * PAR_LIMIT_LEAF_MAX);
      g_assert_cmpint (unit->index, ==, 10000);
      g_assert_cmpstr (unit->band, ==, "Xuất sắc");
    }
}

/* A deduction leaf (max 1000, per 1000) with a count of 10^12 stored
 * garbage points and an index of −198,510,323.48. */
static void
test_deduction_count_bounded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParCriteriaSet) set =
    load_set (SET_HEAD "{ \"code\": \"1\", \"title\": \"A\", \"max\": 1000, \"rule\": "
              "{ \"kind\": \"deduction\", \"per\": 1000 } },"
              "{ \"code\": \"2\", \"title\": \"B\", \"max\": 1000, \"rule\": "
              "{ \"kind\": \"deduction\", \"per\": 0.001 } } ] }", -1, &error);
  const ParCriterion *whole = par_criteria_set_lookup (set, "1");
  const ParCriterion *fine = par_criteria_set_lookup (set, "2");
  ParEntry entry = { 0 };

  g_assert_no_error (error);
  g_assert_false (par_rule_evaluate (whole, PAR_STAGE_SELF, "1000000000000", FALSE, &entry,
                                     &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "larger than 1000000000"));
  g_clear_error (&error);

  /* the largest count: no overflow, the floor at 0 */
  g_assert_true (par_rule_evaluate (whole, PAR_STAGE_SELF, "1000000000", FALSE, &entry, &error));
  g_assert_cmpint (entry.points, ==, 0);
  par_entry_clear (&entry);
  g_assert_true (par_rule_evaluate (fine, PAR_STAGE_SELF, "1000000000", FALSE, &entry, &error));
  g_assert_cmpint (entry.points, ==, 0);
  par_entry_clear (&entry);
  g_assert_true (par_rule_evaluate (fine, PAR_STAGE_SELF, "999999", FALSE, &entry, &error));
  g_assert_cmpint (entry.points, ==, 1);
  par_entry_clear (&entry);

  /* a tiers value beyond every number */
  g_assert_false (par_rule_evaluate (whole, PAR_STAGE_SELF, "1000000001", FALSE, &entry, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/par/limits/json-strict", test_json_strict);
  g_test_add_func ("/par/limits/criteria-lenient-json-refused", test_criteria_lenient_json_refused);
  g_test_add_func ("/par/limits/json-depth", test_json_depth);
  g_test_add_func ("/par/limits/tree-depth", test_tree_depth);
  g_test_add_func ("/par/limits/tree-size", test_tree_size);
  g_test_add_func ("/par/limits/numbers-bounded", test_numbers_bounded);
  g_test_add_func ("/par/limits/rule-kind-not-text", test_rule_kind_not_text);
  g_test_add_func ("/par/limits/criteria-file-size", test_file_size);
  g_test_add_func ("/par/limits/criteria-texts", test_criteria_texts);
  g_test_add_func ("/par/limits/text-clean-nfc", test_text_clean_nfc);
  g_test_add_func ("/par/limits/text-clean", test_text_clean);
  g_test_add_func ("/par/limits/text-quadratic-refused", test_text_quadratic_refused);
  g_test_add_func ("/par/limits/text-printable", test_text_printable);
  g_test_add_func ("/par/limits/csv-limits", test_csv_limits);
  g_test_add_func ("/par/limits/csv-duplicate-column", test_csv_duplicate_column);
  g_test_add_func ("/par/limits/csv-short-row", test_csv_short_row);
  g_test_add_func ("/par/limits/decimal-extremes", test_decimal_extremes);
  g_test_add_func ("/par/limits/full-marks-index-100", test_full_marks_index_100);
  g_test_add_func ("/par/limits/deduction-count-bounded", test_deduction_count_bounded);

  return test_run ();
}
