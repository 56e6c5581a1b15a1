/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "evidence-fixtures.h"
#include "par-criteria-set.h"
#include "par-cycle.h"
#include "par-error.h"
#include "par-evidence.h"
#include "par-i18n.h"
#include "par-overview.h"
#include "par-workspace.h"
#include "test-common.h"

typedef struct
{
  char         *dir;
  char         *path;
  ParWorkspace *workspace;
  char         *pdf_a;     /* 3 pages */
  char         *pdf_b;     /* 2 pages */
  char         *png;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "w.parindex", NULL);
  evidence_fixture_trio (fixture->dir, &fixture->pdf_a, &fixture->pdf_b, &fixture->png);

  fixture->workspace = test_workspace_open (fixture->path, PAR_WORKSPACE_CREATE_NEW);
  /* @data: a set, units and scores of the test's own instead of Tiên Phước's. */
  if (data != NULL)
    {
      const char * const *own = data;
      g_autoptr(GError) error = NULL;
      g_autoptr(ParCriteriaSet) set = par_criteria_set_new_from_data (own[0], -1, &error);

      g_assert_no_error (error);
      g_assert_true (par_workspace_add_year (fixture->workspace, 2022, "UBND xã", set, &error));
      g_assert_no_error (error);
      test_import_units (fixture->workspace, 2022, own[1]);
      test_import_scores (fixture->workspace, 2022, own[2]);
    }
  else
    load_tien_phuoc (fixture->workspace, 2022);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_workspace_close (fixture->workspace);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->pdf_a);
  g_free (fixture->pdf_b);
  g_free (fixture->png);
}

static ParEvidence *
attach (Fixture     *fixture,
        const char  *criterion,
        const char  *path,
        const char  *number,
        GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ParDocumentInfo info = { NULL, number, NULL, NULL };

  return par_workspace_attach_evidence (fixture->workspace, 2022, "TCH", criterion, file, &info,
                                        NULL, NULL, NULL, NULL, error);
}

static gint64
count_rows (Fixture    *fixture,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return test_query_int (fixture->path, sql);
}

static void
test_attach_dedup_unlink (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEvidence) first = NULL;
  g_autoptr(ParEvidence) second = NULL;
  g_autoptr(ParEvidence) other = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GHashTable) counts = NULL;

  first = attach (fixture, "1.1", fixture->pdf_a, "15/KH-UBND", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->document->media_type, ==, "application/pdf");
  g_assert_cmpint (first->document->page_count, ==, 3);
  g_assert_cmpstr (first->document->title, ==, "a");

  /* The same content for a second criterion: stored once, linked twice. */
  second = attach (fixture, "1.2", fixture->pdf_a, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->document->id, ==, first->document->id);
  g_assert_cmpint (second->link_id, !=, first->link_id);
  g_assert_cmpint (count_rows (fixture, "document"), ==, 1);

  /* Attached again under other details, it keeps its own (no silent
   * rename) and takes only those it lacks. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (fixture->pdf_a);
    ParDocumentInfo info = { "Kế hoạch khác", "99/KH-UBND", "2022-03-01", "UBND xã" };
    g_autoptr(ParEvidence) again = par_workspace_attach_evidence (fixture->workspace, 2022, "TCH",
                                                                  "2.1", file, &info, NULL, NULL,
                                                                  NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (again->document->id, ==, first->document->id);
    g_assert_cmpstr (again->document->title, ==, "a");
    g_assert_cmpstr (again->document->number, ==, "15/KH-UBND");
    g_assert_cmpstr (again->document->date, ==, "2022-03-01");
    g_assert_cmpstr (again->document->issuer, ==, "UBND xã");
    g_assert_true (par_workspace_unlink_evidence (fixture->workspace, again->link_id, &error));
    g_assert_no_error (error);
  }

  other = attach (fixture, "1.1", fixture->png, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other->document->media_type, ==, "image/png");
  g_assert_cmpint (count_rows (fixture, "document"), ==, 2);

  list = par_workspace_list_evidence (fixture->workspace, 2022, "TCH", "1.1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  counts = par_workspace_count_evidence (fixture->workspace, 2022, "TCH", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "1.1")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "1.2")), ==, 1);
  g_assert_false (g_hash_table_contains (counts, "2.1"));

  /* Unlinking one of two links keeps the document; the last one deletes it
   * with its chunks. */
  g_assert_true (par_workspace_unlink_evidence (fixture->workspace, first->link_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "document"), ==, 2);
  g_assert_true (par_workspace_unlink_evidence (fixture->workspace, second->link_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "document"), ==, 1);
  g_assert_null (par_workspace_get_document (fixture->workspace, first->document->id, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (par_workspace_unlink_evidence (fixture->workspace, other->link_id, &error));
  g_assert_cmpint (count_rows (fixture, "document"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "document_chunk"), ==, 0);
}

static void
test_read_back (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEvidence) evidence = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autofree char *original = NULL;
  gsize length;

  evidence = attach (fixture, "2.1", fixture->pdf_b, NULL, &error);
  g_assert_no_error (error);
  stream = par_workspace_read_document (fixture->workspace, evidence->document->id, &error);
  g_assert_no_error (error);
  g_assert_true (G_IS_SEEKABLE (stream));
  g_output_stream_splice (memory, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fixture->pdf_b, &original, &length, NULL));
  g_assert_cmpmem (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)),
                   original, length);
}

static void
assert_refused (Fixture    *fixture,
                const char *name,
                const char *contents,
                gsize       length,
                const char *message_part)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(ParEvidence) evidence = NULL;

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  before = test_file_bytes (fixture->path);

  evidence = attach (fixture, "1.1", path, NULL, &error);
  g_assert_null (evidence);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_test_message ("%s: %s", name, error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, message_part));

  after = test_file_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (count_rows (fixture, "document"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "evidence_link"), ==, 0);
}

static void
test_refuse_fake_and_damaged (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *good = NULL;
  g_autofree char *damaged = NULL;
  gsize length;

  /* The workspace file must be the whole state: fold the WAL in first. */
  g_clear_object (&fixture->workspace);
  fixture->workspace = par_workspace_open (fixture->path, PAR_WORKSPACE_OPEN_EXISTING, NULL);

  assert_refused (fixture, "note.pdf", "just some text\n", 15, "not a PDF");
  assert_refused (fixture, "header-only.pdf", "%PDF-1.5\n%%EOF\n", 15, "damaged");

  g_assert_true (g_file_get_contents (fixture->pdf_a, &good, &length, NULL));
  /* Cut short, as by an interrupted copy. */
  assert_refused (fixture, "truncated.pdf", good, length / 2, "damaged");
  /* Its objects overwritten, its end marker intact. */
  damaged = g_memdup2 (good, length);
  memset (damaged + 9, 'x', length - 9 - 64);
  assert_refused (fixture, "damaged.pdf", damaged, length, "damaged");
  /* A PNG whose data were altered. */
  {
    g_autofree char *png = NULL;
    gsize png_length;

    g_assert_true (g_file_get_contents (fixture->png, &png, &png_length, NULL));
    png[png_length / 2] ^= 0x55;
    assert_refused (fixture, "altered.png", png, png_length, "damaged");
  }
  /* Zip packages: a cut one, one that is no office document, one whose
   * member was altered (its CRC no longer matches). */
  assert_refused (fixture, "table.xlsx", "PK\003\004rest", 8, "damaged zip");
  {
    g_autofree char *zip_path = g_build_filename (fixture->dir, "archive.zip", NULL);
    g_autofree char *docx_path = g_build_filename (fixture->dir, "good.docx", NULL);
    g_autofree char *zip = NULL;
    g_autofree char *docx = NULL;
    gsize zip_length, docx_length;

    evidence_fixture_zip (zip_path);
    g_assert_true (g_file_get_contents (zip_path, &zip, &zip_length, NULL));
    assert_refused (fixture, "readme.zip", zip, zip_length, "not an office document");
    evidence_fixture_docx (docx_path, "Nội dung văn bản");
    g_assert_true (g_file_get_contents (docx_path, &docx, &docx_length, NULL));
    assert_refused (fixture, "cut.docx", docx, docx_length / 2, "damaged zip");
    /* A byte of the main part's compressed data, after its local header. */
    {
      char *name = NULL;
      guint8 *header;
      gsize offset;

      for (gsize i = 30; name == NULL && i + 17 <= docx_length; i++)
        if (memcmp (docx + i, "word/document.xml", 17) == 0)
          name = docx + i;
      g_assert_nonnull (name);
      header = (guint8 *) name - 30;
      offset = (name - docx) + 17 + (header[28] | header[29] << 8);

      g_assert_cmpmem (header, 4, "PK\003\004", 4);
      docx[offset + 8] ^= 0x55;
    }
    assert_refused (fixture, "altered.docx", docx, docx_length, "damaged zip");
  }
}

/* Word processor and spreadsheet documents are evidence too. */
static void
test_office_documents (Fixture       *fixture,
                       gconstpointer  data)
{
  const struct
  {
    const char *name;
    const char *media_type;
  } cases[] = {
    { "báo-cáo.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
    { "số-liệu.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (fixture->dir, cases[i].name, NULL);
      g_autoptr(ParEvidence) evidence = NULL;

      if (i == 0)
        evidence_fixture_docx (path, "Báo cáo kết quả");
      else
        evidence_fixture_xlsx (path, "Số liệu");
      evidence = attach (fixture, "1.1", path, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (evidence->document->media_type, ==, cases[i].media_type);
      g_assert_cmpstr (par_document_get_extension (evidence->document), ==,
                       i == 0 ? "docx" : "xlsx");
    }
}

static void
test_metadata_round_trip (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (fixture->pdf_a);
  ParDocumentInfo info = { "Kế hoạch cải cách hành chính năm 2022", "15/KH-UBND", "2022-01-15",
                           "Ủy ban nhân dân xã Tiên Châu" };
  ParDocumentInfo edit = { "Kế hoạch CCHC 2022 (sửa đổi)", "16/KH-UBND", NULL, "UBND xã Tiên Châu" };
  ParDocumentInfo bad_date = { NULL, NULL, "15/01/2022", NULL };
  g_autoptr(ParEvidence) evidence = NULL;
  g_autoptr(GPtrArray) list = NULL;
  ParEvidence *listed;

  evidence = par_workspace_attach_evidence (fixture->workspace, 2022, "TCH", "1.1", file, &info,
                                            "tr. 2, mục II", NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Read back through a second connection, as a worker would. */
  {
    g_autoptr(ParWorkspace) again = par_workspace_open (fixture->path, PAR_WORKSPACE_OPEN_EXISTING,
                                                        &error);
    g_assert_no_error (error);
    list = par_workspace_list_evidence (again, 2022, "TCH", NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (list->len, ==, 1);
  listed = g_ptr_array_index (list, 0);
  g_assert_cmpstr (listed->criterion_code, ==, "1.1");
  g_assert_cmpstr (listed->pages, ==, "tr. 2, mục II");
  g_assert_cmpstr (listed->document->title, ==, info.title);
  g_assert_cmpstr (listed->document->number, ==, info.number);
  g_assert_cmpstr (listed->document->date, ==, info.date);
  g_assert_cmpstr (listed->document->issuer, ==, info.issuer);
  g_assert_cmpstr (listed->document->file_name, ==, "a.pdf");
  g_assert_cmpint (listed->document->size, >, 0);
  g_assert_cmpuint (strlen (listed->document->sha256), ==, 64);

  g_assert_true (par_workspace_update_document (fixture->workspace, evidence->document->id, &edit,
                                                &error));
  g_assert_no_error (error);
  g_assert_true (par_workspace_set_evidence_pages (fixture->workspace, evidence->link_id, "tr. 3",
                                                   &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = par_workspace_list_evidence (fixture->workspace, 2022, "TCH", "1.1", &error);
  listed = g_ptr_array_index (list, 0);
  g_assert_cmpstr (listed->document->title, ==, edit.title);
  g_assert_cmpstr (listed->document->number, ==, edit.number);
  g_assert_null (listed->document->date);
  g_assert_cmpstr (listed->pages, ==, "tr. 3");

  g_assert_false (par_workspace_update_document (fixture->workspace, evidence->document->id,
                                                 &bad_date, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
}

static void
test_missing_and_explanation (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(ParEvidence) evidence = NULL;
  gboolean has_11 = FALSE;

  /* The fixture's scores give TCH a self entry for 1.1 only. */
  before = par_workspace_list_missing_evidence (fixture->workspace, 2022, "TCH", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < before->len; i++)
    if (g_str_equal (g_array_index (before, ParMissingEvidence, i).leaf->code, "1.1"))
      has_11 = TRUE;
  g_assert_true (has_11);

  evidence = attach (fixture, "1.1", fixture->pdf_a, NULL, &error);
  g_assert_no_error (error);
  after = par_workspace_list_missing_evidence (fixture->workspace, 2022, "TCH", NULL, &error);
  g_assert_cmpuint (after->len, ==, before->len - 1);

  g_assert_true (par_workspace_unlink_evidence (fixture->workspace, evidence->link_id, &error));
  g_assert_true (par_workspace_set_explanation (fixture->workspace, 2022, "TCH", "1.1", TRUE,
                                                "Kế hoạch đang trình ký", &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_array_unref);
  after = par_workspace_list_missing_evidence (fixture->workspace, 2022, "TCH", NULL, &error);
  g_assert_cmpuint (after->len, ==, before->len - 1);
}

static void
test_frozen_year (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEvidence) evidence = NULL;
  g_autoptr(ParEvidence) refused = NULL;
  ParDocumentInfo info = { "Tên mới", NULL, NULL, NULL };
  sqlite3 *db = NULL;

  evidence = attach (fixture, "1.1", fixture->pdf_a, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO decision (year, number, date, published_at)"
                                 " VALUES (2022, '1/QĐ-UBND', '2023-01-10', '2023-01-10')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  refused = attach (fixture, "1.2", fixture->pdf_b, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (par_workspace_unlink_evidence (fixture->workspace, evidence->link_id, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (par_workspace_update_document (fixture->workspace, evidence->document->id,
                                                 &info, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_null (par_workspace_link_evidence (fixture->workspace, 2022, "TCH", "1.2",
                                              evidence->document->id, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
}

typedef struct
{
  GMainLoop   *loop;
  ParEvidence *evidence;
  GError      *error;
  guint        reports;
  double       last;
} AsyncState;

static void
progress_cb (double      fraction,
             const char *text,
             gpointer    user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_cmpfloat (fraction, >=, state->last);
  state->last = fraction;
  state->reports++;
}

static void
attach_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncState *state = user_data;

  state->evidence = par_workspace_attach_evidence_finish (PAR_WORKSPACE (object), result,
                                                          &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_attach_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *scan = g_build_filename (fixture->dir, "scan.pdf", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0, 0 };

  /* Three chunks and more. */
  evidence_fixture_image_pdf (scan, 8, 400, 1);
  file = g_file_new_for_path (scan);

  par_workspace_attach_evidence_async (fixture->workspace, 2022, "TCH", "3.1", file, NULL, "toàn văn",
                                       progress_cb, &state, NULL, NULL, attach_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.evidence);
  g_assert_cmpint (state.evidence->document->page_count, ==, 8);
  g_assert_cmpuint (state.reports, >, 0);
  g_assert_cmpint (count_rows (fixture, "document_chunk"), ==,
                   (state.evidence->document->size + PAR_DOCUMENT_CHUNK_SIZE - 1) / PAR_DOCUMENT_CHUNK_SIZE);
  g_clear_pointer (&state.evidence, par_evidence_free);

  /* Cancelled before it starts: nothing more is stored. */
  g_cancellable_cancel (cancellable);
  par_workspace_attach_evidence_async (fixture->workspace, 2022, "TCH", "3.2", file, NULL, NULL,
                                       NULL, NULL, NULL, cancellable, attach_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count_rows (fixture, "evidence_link"), ==, 1);
  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);
}

/* A set naming the evidence expected of three of its five leaves (one
 * survey), and three units: A scored most of it and marked 2.1 not
 * applicable; B entered 1.1 only, and its appraiser marked 1.2 not
 * applicable; C entered nothing. */
static const char * const completeness_data[] = {
  "{ \"format\": \"parindex-criteria/1\", \"title\": \"Bộ có tài liệu kiểm chứng\", \"nodes\": ["
  "  { \"code\": \"1\", \"title\": \"Chỉ đạo, điều hành\", \"children\": ["
  "    { \"code\": \"1.1\", \"title\": \"Kế hoạch\", \"max\": 5, \"evidence\": \"Kế hoạch CCHC\" },"
  "    { \"code\": \"1.2\", \"title\": \"Báo cáo\", \"max\": 5, \"rule\": { \"kind\": \"binary\" },"
  "      \"evidence\": \"Báo cáo CCHC\" },"
  "    { \"code\": \"1.3\", \"title\": \"Kiểm tra\", \"max\": 5 } ] },"
  "  { \"code\": \"2\", \"title\": \"Thể chế và tác động\", \"children\": ["
  "    { \"code\": \"2.1\", \"title\": \"Rà soát văn bản\", \"max\": 5, \"not_arising\": \"na\","
  "      \"evidence\": \"Quyết định rà soát\" },"
  "    { \"code\": \"2.2\", \"title\": \"Sự hài lòng\", \"max\": 80, \"rule\": { \"kind\": \"survey\" } } ] } ] }",
  "code,name,block\nA,UBND xã Số 2,UBND xã\nB,UBND xã Số 10,UBND xã\nC,UBND xã Số 1,UBND xã\n",
  "unit,criterion,stage,value\n"
  "A,1.1,self,5\nA,1.2,self,yes\nA,2.1,self,NA\nA,1.1,appraisal,4\n"
  "B,1.1,self,3\nB,1.2,appraisal,NA\n",
};

static void
assert_completeness (Fixture    *fixture,
                     const char *unit,
                     guint       n_expected,
                     guint       n_given,
                     guint       n_unscored)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParUnitCompleteness) one = NULL;
  g_autoptr(GPtrArray) all = NULL;
  const ParUnitCompleteness *listed = NULL;

  one = par_workspace_get_completeness (fixture->workspace, 2022, unit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (one->unit_code, ==, unit);
  g_assert_cmpuint (one->n_expected, ==, n_expected);
  g_assert_cmpuint (one->n_given, ==, n_given);
  g_assert_cmpuint (one->n_unscored, ==, n_unscored);
  g_assert_true (par_unit_completeness_is_complete (one) ==
                 (n_given == n_expected && n_unscored == 0));

  /* The year at once counts the same. */
  all = par_workspace_list_completeness (fixture->workspace, 2022, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (((ParUnitCompleteness *) all->pdata[i])->unit_code, unit))
      listed = all->pdata[i];
  g_assert_nonnull (listed);
  g_assert_cmpuint (listed->n_expected, ==, n_expected);
  g_assert_cmpuint (listed->n_given, ==, n_given);
  g_assert_cmpuint (listed->n_unscored, ==, n_unscored);
}

static void
read_overview_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ParYearOverview **overview = user_data;
  g_autoptr(GError) error = NULL;

  *overview = par_workspace_read_overview_finish (PAR_WORKSPACE (object), result, &error);
  g_assert_no_error (error);
}

/* How complete each unit's self-assessment is: evidence expected by the
 * set (not applicable leaves aside) given as a document or an explanation
 * text, entries the unit has not made (survey leaves aside); the same for
 * one unit, the year at once, on a worker, and as "Send for appraisal…"
 * counts it. */
static void
test_completeness (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEvidence) evidence = NULL;
  g_autoptr(ParEvidence) not_applicable = NULL;
  g_autoptr(ParSubmissionCheck) check = NULL;
  g_autoptr(ParYearOverview) overview = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (fixture->pdf_a);

  assert_completeness (fixture, "A", 2, 0, 1);
  assert_completeness (fixture, "B", 2, 0, 3);
  assert_completeness (fixture, "C", 3, 0, 4);

  /* A document, then an explanation; an explanation requested but not
   * written yet gives nothing; evidence of a leaf not applicable counts for
   * nothing. */
  evidence = par_workspace_attach_evidence (fixture->workspace, 2022, "A", "1.1", file, NULL,
                                            NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_completeness (fixture, "A", 2, 1, 1);
  g_assert_true (par_workspace_set_explanation (fixture->workspace, 2022, "A", "1.2", FALSE,
                                                "Báo cáo gửi kèm công văn số 12", &error));
  g_assert_no_error (error);
  assert_completeness (fixture, "A", 2, 2, 1);
  g_assert_true (par_workspace_set_explanation (fixture->workspace, 2022, "B", "1.1", TRUE, NULL,
                                                &error));
  g_assert_no_error (error);
  not_applicable = par_workspace_attach_evidence (fixture->workspace, 2022, "B", "1.2", file, NULL,
                                                  NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_completeness (fixture, "B", 2, 0, 3);

  /* A's last entry: complete. */
  g_assert_true (par_workspace_set_score (fixture->workspace, 2022, "A", "1.3", PAR_STAGE_SELF,
                                          "4", NULL, &error));
  g_assert_no_error (error);
  assert_completeness (fixture, "A", 2, 2, 0);
  g_assert_true (par_workspace_unlink_evidence (fixture->workspace, evidence->link_id, &error));
  assert_completeness (fixture, "A", 2, 1, 0);

  /* As the check before sending counts them. */
  check = par_workspace_check_submission (fixture->workspace, 2022, "C", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->unscored->len, ==, 4);

  par_workspace_read_overview_async (fixture->workspace, 2022, NULL, read_overview_cb, &overview);
  while (overview == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (overview->year, ==, 2022);
  g_assert_cmpuint (overview->cycles->len, ==, 3);
  g_assert_cmpuint (overview->completeness->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      ParUnitCycle *cycle = overview->cycles->pdata[i];
      ParUnitCompleteness *completeness = overview->completeness->pdata[i];

      g_assert_cmpstr (cycle->unit_code, ==, completeness->unit_code);
      if (g_str_equal (completeness->unit_code, "A"))
        g_assert_cmpuint (completeness->n_given, ==, 1);
    }
}

int
main (int    argc,
      char **argv)
{
  par_i18n_init ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/par/evidence/attach-dedup-unlink", test_attach_dedup_unlink);
  ADD ("/par/evidence/read-back-stream", test_read_back);
  ADD ("/par/evidence/refuse-fake-and-damaged", test_refuse_fake_and_damaged);
  ADD ("/par/evidence/office-documents", test_office_documents);
  ADD ("/par/evidence/metadata-round-trip", test_metadata_round_trip);
  ADD ("/par/evidence/missing-and-explanation", test_missing_and_explanation);
  ADD ("/par/evidence/frozen-year", test_frozen_year);
  ADD ("/par/evidence/attach-async", test_attach_async);
#undef ADD
  g_test_add ("/par/evidence/completeness", Fixture, completeness_data, fixture_set_up,
              test_completeness, fixture_tear_down);

  return g_test_run ();
}
