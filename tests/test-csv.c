/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "par-csv-header.h"
#include "par-csv.h"
#include "par-error.h"
#include "par-import-line.h"

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

/*
 * Every test runs twice: on bytes in memory, and on a stream that gives a
 * byte or two at a time, so that every record, quote, CR and CRLF is cut
 * where the streaming reader must read more.
 */
static gboolean from_stream;

#define TYPE_TRICKLE_STREAM (trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TrickleStream, trickle_stream, TRICKLE, STREAM, GInputStream)

struct _TrickleStream
{
  GInputStream  parent_instance;
  GBytes       *bytes;
  gsize         position;
};

G_DEFINE_FINAL_TYPE (TrickleStream, trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
trickle_stream_read (GInputStream  *stream,
                     void          *buffer,
                     gsize          count,
                     GCancellable  *cancellable,
                     GError       **error)
{
  TrickleStream *self = (TrickleStream *) stream;
  gsize size;
  const char *data = g_bytes_get_data (self->bytes, &size);
  gsize n = MIN (MIN (count, (self->position % 2) + 1), size - self->position);

  memcpy (buffer, data + self->position, n);
  self->position += n;
  return n;
}

static void
trickle_stream_finalize (GObject *object)
{
  g_bytes_unref (((TrickleStream *) object)->bytes);
  G_OBJECT_CLASS (trickle_stream_parent_class)->finalize (object);
}

static void
trickle_stream_class_init (TrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trickle_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = trickle_stream_read;
}

static void
trickle_stream_init (TrickleStream *self)
{
}

static ParCsv *
csv_for (const char *text)
{
  g_autoptr(TrickleStream) stream = NULL;

  if (!from_stream)
    return par_csv_new (text, strlen (text));
  stream = g_object_new (TYPE_TRICKLE_STREAM, NULL);
  stream->bytes = g_bytes_new (text, strlen (text));
  return par_csv_new_for_stream (G_INPUT_STREAM (stream));
}

/* A text and the records the reader makes of it, each as
 * "LINE:field|field…" (the line where it starts), and the delimiter it
 * finds (0: not asked). */
typedef struct
{
  const char *name;
  const char *text;
  char        delimiter;
  const char *records[4];
} ReadCase;

static const ReadCase read_cases[] = {
  { "comma-dialect", "unit,criterion,stage,value\nTCH,1.2,self,97.5\n", ',',
    { "1:unit|criterion|stage|value", "2:TCH|1.2|self|97.5" } },
  /* with ";" a comma is data */
  { "semicolon-dialect", "unit;criterion;stage;value;note\nTCH;1.2;self;97,5;a, b\n", ';',
    { "1:unit|criterion|stage|value|note", "2:TCH|1.2|self|97,5|a, b" } },
  /* A quoted comma in the header does not decide the dialect. */
  { "delimiter-from-header", "\"code, mã\";name\nA;B,C\n", ';',
    { "1:code, mã|name", "2:A|B,C" } },
  { "delimiter-from-header-comma", "code,name\nA;B,C\n", ',',
    { "1:code|name", "2:A;B|C" } },
  { "bom", "\xEF\xBB\xBF" "code;name\nTCH;Tiên Châu\n", ';',
    { "1:code|name", "2:TCH|Tiên Châu" } },
  { "quoted-delimiters", "code,name,block\nSNV,\"Sở Nội vụ\",\"Sở, ban, ngành\"\n\"\",x,\"\"\n", 0,
    { "1:code|name|block", "2:SNV|Sở Nội vụ|Sở, ban, ngành", "3:|x|" } },
  { "doubled-quotes", "a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n", 0,
    { "1:a|b", "2:say \"hi\"|\"" } },
  /* the next record starts after the three physical lines of the one
   * before */
  { "embedded-newlines",
    "unit,note\nTCH,\"first line\nsecond line\nthird\"\nTKY,\"crlf\r\ninside\"\r\nTPH,plain\n", 0,
    { "1:unit|note", "2:TCH|first line\nsecond line\nthird", "5:TKY|crlf\ninside",
      "7:TPH|plain" } },
  { "crlf", "a;b\r\n1;2\r\n3;\r\n", 0, { "1:a|b", "2:1|2", "3:3|" } },
  /* Old Mac files end lines with a lone CR: the line numbers still count,
   * so an error names the right line. */
  { "cr-only", "a,b\r1,\"x\ry\"\r\r3,4\r", 0, { "1:a|b", "2:1|x\ry", "5:3|4" } },
  { "blank-lines-skipped", "a,b\n\n1,2\r\n\r\n\n3,4\n\n", 0, { "1:a|b", "3:1|2", "6:3|4" } },
  { "no-final-newline", "a,b\n1,\"2\"", 0, { "1:a|b", "2:1|2" } },
  { "trailing-empty-fields", "unit,criterion,stage,value,note\nTCH,1.1,self,,\n", 0,
    { "1:unit|criterion|stage|value|note", "2:TCH|1.1|self||" } },
};

static void
test_read (const ReadCase *read)
{
  g_autoptr(ParCsv) csv = csv_for (read->text);

  if (read->delimiter != 0)
    g_assert_cmpint (par_csv_get_delimiter (csv), ==, read->delimiter);
  for (guint i = 0; i < G_N_ELEMENTS (read->records) && read->records[i] != NULL; i++)
    {
      char *fields = NULL;
      guint64 line = g_ascii_strtoull (read->records[i], &fields, 10);

      g_assert_cmpint (*fields, ==, ':');
      assert_record (csv, line, fields + 1);
    }
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
    { "unit", TRUE, PAR_TEXT_CODE, -1 },
    { "criterion", TRUE, PAR_TEXT_CODE, -1 },
    { "note", FALSE, PAR_TEXT_NOTE, -1 },
    { "value", TRUE, PAR_TEXT_NAME, -1 },
  };
  g_autoptr(ParCsv) csv = csv_for ("\xEF\xBB\xBF Value ;UNIT;criterion;extra\nTCH;1.1;x;y\n");
  g_autoptr(GError) error = NULL;

  g_assert_true (par_csv_read_header (csv, columns, G_N_ELEMENTS (columns), NULL, &error));
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
    { "code", TRUE, PAR_TEXT_CODE, -1 },
    { "name", TRUE, PAR_TEXT_NAME, -1 },
    { "block", TRUE, PAR_TEXT_NAME, -1 },
  };
  g_autoptr(ParCsv) csv = csv_for ("code,nme\nA,B\n");
  g_autoptr(ParCsv) empty = csv_for ("\n\n");
  g_autoptr(GError) error = NULL;

  g_assert_false (par_csv_read_header (csv, columns, G_N_ELEMENTS (columns), NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "name"));
  g_assert_nonnull (strstr (error->message, "block"));
  g_clear_error (&error);

  g_assert_false (par_csv_read_header (empty, columns, G_N_ELEMENTS (columns), NULL, &error));
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

  ParCsvColumn code = { "code", TRUE, PAR_TEXT_CODE, 0 };
  ParCsvColumn value = { "value", TRUE, PAR_TEXT_NAME, 1 };
  ParCsvColumn absent = { "note", FALSE, PAR_TEXT_NOTE, -1 };

  g_ptr_array_add (fields, g_strdup (" TCH\t"));
  g_ptr_array_add (fields, g_strdup (nfd));

  a = par_csv_field (fields, &code, NULL);
  b = par_csv_field (fields, &value, NULL);
  c = par_csv_field (fields, &absent, NULL);
  g_assert_cmpstr (a, ==, "TCH");
  g_assert_cmpstr (b, ==, "Chậm");
  g_assert_cmpstr (c, ==, "");
}

static void
test_problems_list_every_line (void)
{
  g_autoptr(ParCsvProblems) problems = par_csv_problems_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *listed = par_csv_problems_get_listed (problems);

  g_assert_true (par_csv_check_problems (problems, &error));
  g_assert_no_error (error);

  par_csv_add_problem (problems, 3, "value", "bad “%s”", "x");
  par_csv_add_problem (problems, 7, NULL, "bad “%s”", "y");
  g_assert_cmpuint (par_csv_problems_get_count (problems), ==, 2);
  g_assert_false (par_csv_check_problems (problems, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 3: bad “x”"));
  g_assert_nonnull (strstr (error->message, "line 7: bad “y”"));

  /* The same, one by one, for a list in the window. */
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpuint (par_import_line_get_line (listed->pdata[0]), ==, 3);
  g_assert_cmpstr (par_import_line_get_problem (listed->pdata[0]), ==, "bad “x”");
  g_assert_cmpstr (par_import_line_get_column (listed->pdata[0]), ==, "value");
  g_assert_cmpuint (par_import_line_get_line (listed->pdata[1]), ==, 7);
  g_assert_null (par_import_line_get_column (listed->pdata[1]));
  g_assert_cmpstr (par_import_line_get_problem (listed->pdata[1]), ==, "bad “y”");
}

/* A test (a function, or a case of read_cases) on memory or a stream. */
typedef struct
{
  GTestFunc       func;
  const ReadCase *read;
  gboolean        stream;
} Variant;

static void
run_test (gconstpointer data)
{
  const Variant *variant = data;

  from_stream = variant->stream;
  if (variant->read != NULL)
    test_read (variant->read);
  else
    variant->func ();
}

static void
add_variant (gboolean        stream,
             const char     *name,
             GTestFunc       func,
             const ReadCase *read)
{
  g_autofree char *path = g_strdup_printf ("/par/csv/%s/%s", stream ? "stream" : "memory", name);
  Variant *variant = g_new0 (Variant, 1);

  variant->func = func;
  variant->read = read;
  variant->stream = stream;
  g_test_add_data_func_full (path, variant, run_test, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (int stream = 0; stream < 2; stream++)
    {
      static const struct { const char *name; GTestFunc func; } tests[] = {
        { "unterminated-quote", test_unterminated_quote },
        { "text-after-closing-quote", test_text_after_quote },
        { "invalid-utf8", test_invalid_utf8 },
        { "header-columns", test_header_columns },
        { "header-missing-columns", test_header_missing_columns },
        { "field-trimmed-nfc", test_field_trimmed_nfc },
        { "problems-list-every-line", test_problems_list_every_line },
      };

      for (guint i = 0; i < G_N_ELEMENTS (read_cases); i++)
        add_variant (stream, read_cases[i].name, NULL, &read_cases[i]);
      for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
        add_variant (stream, tests[i].name, tests[i].func, NULL);
    }

  return g_test_run ();
}
