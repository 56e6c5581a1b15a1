/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "evidence-fixtures.h"
#include "par-criteria-set.h"
#include "par-cycle.h"
#include "par-document-probe.h"
#include "par-error.h"
#include "par-evidence.h"
#include "par-i18n.h"
#include "par-limits.h"
#include "par-package-reader.h"
#include "par-package-receipt.h"
#include "par-sha256.h"
#include "par-workspace.h"
#include "test-common.h"

/*
 * The cycle between desks in the core (FORMATS.md §8): the whole round
 * trip between a unit's own workspace and the office's, and every refusal
 * of a package — hostile zips built here with libarchive (links, escaping
 * names, duplicates, bombs, lying manifests, truncation, altered parts) —
 * each checked to leave the office's workspace file byte for byte as it
 * was.
 */

#define CRITERIA_FORMAT \
  "{ \"format\": \"parindex-criteria/1\", \"title\": \"%s\", \"nodes\": [" \
  "  { \"code\": \"1\", \"title\": \"Chỉ đạo điều hành\", \"children\": [" \
  "    { \"code\": \"1.1\", \"title\": \"Kế hoạch CCHC\", \"max\": 2," \
  "      \"evidence\": \"Kế hoạch CCHC năm\" }," \
  "    { \"code\": \"1.2\", \"title\": \"Báo cáo CCHC\", \"max\": 1," \
  "      \"rule\": { \"kind\": \"binary\" }, \"evidence\": \"Báo cáo quý\" }," \
  "    { \"code\": \"1.3\", \"title\": \"Tuyên truyền\", \"max\": 1," \
  "      \"rule\": { \"kind\": \"options\", \"options\": [" \
  "        { \"label\": \"Đúng hạn\", \"points\": 1 }," \
  "        { \"label\": \"Chậm\", \"points\": 0.5 } ] } } ] }," \
  "  { \"code\": \"2\", \"title\": \"Thủ tục hành chính\", \"children\": [" \
  "    { \"code\": \"2.1\", \"title\": \"Tỷ lệ hồ sơ đúng hạn\", \"max\": 3," \
  "      \"rule\": { \"kind\": \"ratio\" }, \"evidence\": \"Báo cáo TTHC\" }," \
  "    { \"code\": \"2.2\", \"title\": \"Mức độ hài lòng\", \"max\": 2," \
  "      \"rule\": { \"kind\": \"survey\" } }," \
  "    { \"code\": \"2.3\", \"title\": \"Công khai TTHC\", \"max\": 2," \
  "      \"evidence\": \"Ảnh chụp bảng công khai\" } ] } ] }"

typedef struct
{
  char *dir;
  char *office;
  char *unit;
  char *plan;       /* 2-page PDF */
  char *report;     /* 1-page PDF */
  char *png;
  char *package;    /* the unit's round 1 */
  char *sha256;     /* its hash */
} Fixture;

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static ParCriteriaSet *
make_set (const char *title)
{
  g_autofree char *json = g_strdup_printf (CRITERIA_FORMAT, title);
  g_autoptr(GError) error = NULL;
  ParCriteriaSet *set = par_criteria_set_new_from_data (json, -1, &error);

  g_assert_no_error (error);
  return set;
}

static ParWorkspace *
open_workspace (const char *path)
{
  g_autoptr(GError) error = NULL;
  ParWorkspace *workspace = par_workspace_open (path, PAR_WORKSPACE_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  return workspace;
}

static void
create_workspace (const char *path,
                  const char *set_title,
                  const char *units)
{
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParCriteriaSet) set = make_set (set_title);
  g_autoptr(GError) error = NULL;

  workspace = par_workspace_open (path, PAR_WORKSPACE_CREATE_NEW, &error);
  g_assert_no_error (error);
  g_assert_true (par_workspace_add_year (workspace, 2025, "all", set, &error));
  g_assert_no_error (error);
  g_assert_true (par_workspace_import_units (workspace, 2025, units, strlen (units), NULL, &error));
  g_assert_no_error (error);
}

static void
set_scores (ParWorkspace *workspace,
            const char   *csv)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (par_workspace_import_scores (workspace, 2025, csv, strlen (csv), NULL, &error));
  g_assert_no_error (error);
}

static ParEvidence *
attach (ParWorkspace *workspace,
        const char   *criterion,
        const char   *path,
        const char   *title)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ParDocumentInfo info = { title, "12/KH-UBND", "2025-01-10", "UBND xã Thử" };
  ParEvidence *evidence = par_workspace_attach_evidence (workspace, 2025, "U1", criterion, file,
                                                         &info, "tr. 1", NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return evidence;
}

static ParPackageSummary *
submit (const char *workspace_path,
        const char *package)
{
  g_autoptr(ParWorkspace) workspace = open_workspace (workspace_path);
  g_autoptr(GFile) file = g_file_new_for_path (package);
  g_autoptr(GError) error = NULL;
  ParPackageSummary *summary;

  summary = par_workspace_submit (workspace, 2025, "U1", file, PAR_SUBMIT_NONE, NULL, NULL, NULL,
                                  &error);
  g_assert_no_error (error);
  return summary;
}

static ParPackageSummary *
receive (const char *workspace_path,
         const char *package)
{
  g_autoptr(ParWorkspace) workspace = open_workspace (workspace_path);
  g_autoptr(GFile) file = g_file_new_for_path (package);
  g_autoptr(GError) error = NULL;
  ParPackageSummary *summary;

  summary = par_workspace_receive_package (workspace, file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return summary;
}

static void
count_signal (guint *count)
{
  (*count)++;
}

static ParPackageSummary *
return_to_unit (const char *office,
                const char *package)
{
  g_autoptr(ParWorkspace) workspace = open_workspace (office);
  g_autoptr(GFile) file = g_file_new_for_path (package);
  g_autoptr(GError) error = NULL;
  ParPackageSummary *summary;
  guint announced = 0;

  /* Who watches the office (its board) hears of the return. */
  g_signal_connect_swapped (workspace, "cycle-changed", G_CALLBACK (count_signal), &announced);
  summary = par_workspace_return (workspace, 2025, "U1", file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (announced, ==, 1);
  return summary;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) unit = NULL;
  g_autoptr(ParEvidence) plan = NULL;
  g_autoptr(ParEvidence) png = NULL;
  g_autoptr(ParEvidence) linked = NULL;
  g_autoptr(ParPackageSummary) summary = NULL;

  f->dir = test_make_dir ();
  f->office = path_in (f, "office.parindex");
  f->unit = path_in (f, "unit.parindex");
  f->plan = path_in (f, "plan.pdf");
  f->report = path_in (f, "report.pdf");
  f->png = path_in (f, "board.png");
  f->package = path_in (f, "U1-round1.parpkg");
  evidence_fixture_pdf (f->plan, 2, 595.276, 841.89, "Ke hoach");
  evidence_fixture_pdf (f->report, 1, 595.276, 841.89, "Bao cao");
  evidence_fixture_png (f->png, 120, 80);

  create_workspace (f->office, "Bộ chỉ số thử",
                    "code,name,block\nU1,UBND xã Một,all\nU2,UBND xã Hai,all\n");
  create_workspace (f->unit, "Bộ chỉ số thử", "code,name,block\nU1,UBND xã Một,all\n");

  unit = open_workspace (f->unit);
  set_scores (unit, "unit,criterion,stage,value,note\n"
                    "U1,1.1,self,1.5,Đã ban hành\n"
                    "U1,1.2,self,yes,\n"
                    "U1,1.3,self,Đúng hạn,\n"
                    "U1,2.1,self,80,\n"
                    "U1,2.3,self,1,\n");
  plan = attach (unit, "1.1", f->plan, "Kế hoạch CCHC năm 2025");
  linked = par_workspace_link_evidence (unit, 2025, "U1", "1.2", plan->document->id, "tr. 2",
                                        &error);
  g_assert_no_error (error);
  png = attach (unit, "2.1", f->png, "Bảng công khai");
  g_assert_true (par_workspace_set_explanation (unit, 2025, "U1", "2.3", FALSE,
                                                "Chưa có ảnh chụp, đã niêm yết", &error));
  g_assert_no_error (error);
  g_clear_object (&unit);

  summary = submit (f->unit, f->package);
  g_assert_cmpint (summary->round, ==, 1);
  g_assert_cmpuint (summary->n_documents, ==, 2);
  g_assert_cmpuint (summary->n_documents_carried, ==, 2);
  f->sha256 = g_strdup (summary->sha256);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->office);
  g_free (f->unit);
  g_free (f->plan);
  g_free (f->report);
  g_free (f->png);
  g_free (f->package);
  g_free (f->sha256);
}

static void
write_bytes (const char   *path,
             const guint8 *data,
             gsize         length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, length, &error);
  g_assert_no_error (error);
}

/* The office refuses @package with @code and a message containing
 * @fragment, and its workspace file is byte for byte what it was. */
static void
assert_refused (Fixture    *f,
                const char *package,
                int         code,
                const char *fragment)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (package);
  g_autofree char *wal = g_strconcat (f->office, "-wal", NULL);
  ParPackageSummary *summary;
  ParWorkspace *workspace;

  /* Every connection closed: the file holds everything. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = test_file_bytes (f->office);

  workspace = open_workspace (f->office);
  summary = par_workspace_receive_package (workspace, file, NULL, NULL, NULL, &error);
  g_test_message ("refused: %s", error != NULL ? error->message : "(accepted)");
  g_assert_null (summary);
  g_assert_error (error, PAR_ERROR, code);
  if (fragment != NULL)
    g_assert_nonnull (strstr (error->message, fragment));
  g_assert_finalize_object (workspace);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  after = test_file_bytes (f->office);
  g_assert_true (g_bytes_equal (before, after));
}

/* The parts of a valid package, read back (trusted input) to build
 * hostile variants. */
typedef struct
{
  char   *name;
  GBytes *data;
  int     type;       /* AE_IFREG, AE_IFLNK, AE_IFDIR */
  char   *target;     /* a link's target */
  gboolean deflate;
} Part;

static void
part_free (gpointer data)
{
  Part *part = data;

  g_free (part->name);
  g_clear_pointer (&part->data, g_bytes_unref);
  g_free (part->target);
  g_free (part);
}

static Part *
part_new (const char *name,
          GBytes     *data)
{
  Part *part = g_new0 (Part, 1);

  part->name = g_strdup (name);
  part->data = data != NULL ? g_bytes_ref (data) : g_bytes_new (NULL, 0);
  part->type = AE_IFREG;
  part->deflate = !g_str_has_prefix (name, "documents/");
  return part;
}

static GPtrArray *
read_parts (const char *package)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (part_free);
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;

  archive_read_support_format_zip_seekable (archive);
  g_assert_cmpint (archive_read_open_filename (archive, package, 65536), ==, ARCHIVE_OK);
  while (archive_read_next_header (archive, &entry) == ARCHIVE_OK)
    {
      GByteArray *data = g_byte_array_new ();
      g_autoptr(GBytes) bytes = NULL;
      guint8 buffer[65536];
      la_ssize_t n;

      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        g_byte_array_append (data, buffer, n);
      g_assert_cmpint (n, ==, 0);
      g_assert_cmpint (data->len, ==, archive_entry_size (entry));
      bytes = g_byte_array_free_to_bytes (data);
      g_ptr_array_add (parts, part_new (archive_entry_pathname (entry), bytes));
    }
  archive_read_free (archive);
  return parts;
}

static Part *
find_part (GPtrArray  *parts,
           const char *prefix)
{
  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = g_ptr_array_index (parts, i);
      if (g_str_has_prefix (part->name, prefix))
        return part;
    }
  g_assert_not_reached ();
}

static Part *
find_pdf (GPtrArray *parts)
{
  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = g_ptr_array_index (parts, i);
      if (g_str_has_suffix (part->name, ".pdf"))
        return part;
    }
  g_assert_not_reached ();
}

static void
write_zip (const char *path,
           GPtrArray  *parts)
{
  struct archive *archive = archive_write_new ();

  archive_write_set_format_zip (archive);
  archive_write_set_bytes_in_last_block (archive, 1);
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = g_ptr_array_index (parts, i);
      struct archive_entry *entry = archive_entry_new ();
      gsize length = 0;
      const void *data = g_bytes_get_data (part->data, &length);

      archive_entry_set_pathname (entry, part->name);
      archive_entry_set_filetype (entry, part->type);
      archive_entry_set_perm (entry, part->type == AE_IFDIR ? 0755 : 0644);
      if (part->type == AE_IFLNK)
        archive_entry_set_symlink (entry, part->target);
      if (part->type == AE_IFREG)
        archive_entry_set_size (entry, length);
      if (part->deflate)
        archive_write_zip_set_compression_deflate (archive);
      else
        archive_write_zip_set_compression_store (archive);
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      if (part->type == AE_IFREG && length > 0)
        g_assert_cmpint (archive_write_data (archive, data, length), ==, length);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
}

static char *
sha256_of (GBytes *bytes)
{
  gsize length;
  const void *data = g_bytes_get_data (bytes, &length);

  return par_sha256_hex_data (data, length);
}

/* The manifest of @parts rewritten so that it lists each part (the content
 * first) with its true size and hash; @edit changes it after that. */
typedef void (*ManifestEdit) (JsonObject *manifest,
                              gpointer    data);

static void
rewrite_manifest (GPtrArray    *parts,
                  ManifestEdit  edit,
                  gpointer      edit_data)
{
  Part *manifest = find_part (parts, "manifest.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *list = json_array_new ();
  char *text;

  json_parser_load_from_data (parser, g_bytes_get_data (manifest->data, NULL),
                              g_bytes_get_size (manifest->data), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = g_ptr_array_index (parts, i);
      JsonObject *item;
      g_autofree char *sha = NULL;

      if (g_str_equal (part->name, "manifest.json") || part->type != AE_IFREG)
        continue;
      sha = sha256_of (part->data);
      item = json_object_new ();
      json_object_set_string_member (item, "name", part->name);
      json_object_set_int_member (item, "size", g_bytes_get_size (part->data));
      json_object_set_string_member (item, "sha256", sha);
      json_array_add_object_element (list, item);
    }
  json_object_set_array_member (root, "parts", list);
  if (edit != NULL)
    edit (root, edit_data);

  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, NULL);
  g_bytes_unref (manifest->data);
  manifest->data = g_bytes_new_take (text, strlen (text));
}

static char *
hostile (Fixture    *f,
         const char *name,
         GPtrArray  *parts)
{
  char *path = path_in (f, name);

  write_zip (path, parts);
  return path;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ParPackageSummary) received = NULL;
  g_autoptr(ParPackageSummary) returned = NULL;
  g_autoptr(ParPackageSummary) back = NULL;
  g_autoptr(ParPackageSummary) second = NULL;
  g_autoptr(ParPackageSummary) received2 = NULL;
  g_autoptr(ParWorkspace) office = NULL;
  g_autoptr(ParWorkspace) unit = NULL;
  g_autoptr(GPtrArray) office_entries = NULL;
  g_autoptr(GPtrArray) unit_entries = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GPtrArray) cycles = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(ParEvidence) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *return_path = path_in (f, "U1-return1.parpkg");
  g_autofree char *round2 = path_in (f, "U1-round2.parpkg");
  g_autofree char *origin = NULL;
  g_autofree char *sql = NULL;
  ParReviewChange change = { 0 };
  const ParLeafReview *review;
  const ParUnitCycle *cycle;
  const ParEvidence *first;
  gboolean requested;
  gboolean found_value = FALSE, found_added = FALSE, found_removed = FALSE;
  gboolean found_explanation = FALSE, found_request = FALSE;

  /* The unit submits; the office receives. */
  received = receive (f->office, f->package);
  g_assert_false (received->already_received);
  g_assert_cmpint (received->round, ==, 1);
  g_assert_cmpstr (received->sha256, ==, f->sha256);
  g_assert_cmpuint (received->n_documents_stored, ==, 2);

  office = open_workspace (f->office);
  unit = open_workspace (f->unit);
  office_entries = par_workspace_list_unit_entries (office, 2025, "U1", NULL, &error);
  unit_entries = par_workspace_list_unit_entries (unit, 2025, "U1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (office_entries->len, ==, 5);
  g_assert_cmpuint (office_entries->len, ==, unit_entries->len);
  for (guint i = 0; i < office_entries->len; i++)
    {
      ParStoredEntry *a = g_ptr_array_index (office_entries, i);
      ParStoredEntry *b = g_ptr_array_index (unit_entries, i);

      g_assert_cmpstr (a->leaf->code, ==, b->leaf->code);
      g_assert_cmpstr (a->value, ==, b->value);
      g_assert_cmpstr (a->note, ==, b->note);
      g_assert_cmpint (a->points, ==, b->points);
    }
  evidence = par_workspace_list_evidence (office, 2025, "U1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evidence->len, ==, 3);
  g_assert_cmpstr (((ParEvidence *) g_ptr_array_index (evidence, 0))->document->title, ==,
                   "Kế hoạch CCHC năm 2025");
  g_assert_cmpstr (((ParEvidence *) g_ptr_array_index (evidence, 0))->document->number, ==,
                   "12/KH-UBND");
  g_assert_cmpint (((ParEvidence *) g_ptr_array_index (evidence, 0))->document->page_count, ==, 2);
  g_assert_cmpstr (((ParEvidence *) g_ptr_array_index (evidence, 1))->pages, ==, "tr. 2");
  g_assert_true (par_workspace_get_explanation (office, 2025, "U1", "2.3", &requested, &text,
                                               &error));
  g_assert_cmpstr (text, ==, "Chưa có ảnh chụp, đã niêm yết");
  g_clear_pointer (&text, g_free);

  /* Every change carries the package as its origin. */
  origin = par_package_origin (f->sha256, 1);
  sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE origin = 'test-package:receive %s'"
                         " AND unit_code = 'U1'"
                         " AND stage = 0", origin);
  g_assert_cmpint (test_query_int (f->office, sql), ==, 5);
  g_clear_pointer (&sql, g_free);

  /* The office appraises, reviews, requests, sets the deadline, returns. */
  set_scores (office, "unit,criterion,stage,value\nU1,1.1,appraisal,1\nU1,1.2,appraisal,yes\n"
                      "U1,2.2,appraisal,90\n");
  change.set_verdict = TRUE;
  change.verdict = PAR_VERDICT_INSUFFICIENT;
  change.set_comment = TRUE;
  change.comment = "Kế hoạch thiếu nội dung số hoá";
  change.set_request = TRUE;
  change.request = "Giải trình nội dung số hoá";
  g_assert_true (par_workspace_review (office, 2025, "U1", "1.1", NULL, &change, &error));
  g_assert_no_error (error);
  memset (&change, 0, sizeof change);
  change.set_verdict = TRUE;
  change.verdict = PAR_VERDICT_REJECTED;
  change.set_comment = TRUE;
  change.comment = "Bản chụp thiếu trang";
  first = g_ptr_array_index (evidence, 0);
  g_assert_true (par_workspace_review (office, 2025, "U1", "1.1", first->document->sha256,
                                       &change, &error));
  g_assert_no_error (error);
  memset (&change, 0, sizeof change);
  change.set_verdict = TRUE;
  change.verdict = PAR_VERDICT_ACCEPTED;
  g_assert_true (par_workspace_review (office, 2025, "U1", "1.2", NULL, &change, &error));
  g_assert_true (par_workspace_set_deadline (office, 2025, PAR_CYCLE_STAGE_EXPLANATION,
                                             "2999-12-31", &error));
  g_assert_no_error (error);
  g_clear_object (&office);
  returned = return_to_unit (f->office, return_path);
  g_assert_cmpint (returned->round, ==, 1);
  g_assert_cmpuint (returned->n_entries, ==, 3);

  back = receive (f->unit, return_path);
  g_assert_cmpint (back->kind, ==, PAR_PACKAGE_RETURN);

  /* The unit sees each criterion as reviewed. */
  g_clear_object (&unit);
  unit = open_workspace (f->unit);
  reviews = par_workspace_list_leaf_reviews (unit, 2025, "U1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reviews->len, ==, 6);
  review = g_ptr_array_index (reviews, 0);
  g_assert_cmpstr (review->leaf->code, ==, "1.1");
  g_assert_cmpstr (review->self_value, ==, "1.5");
  g_assert_cmpstr (review->appraisal_value, ==, "1");
  g_assert_cmpint (review->appraisal_points, ==, 1000);
  g_assert_cmpint (review->verdict, ==, PAR_VERDICT_INSUFFICIENT);
  g_assert_cmpstr (review->comment, ==, "Kế hoạch thiếu nội dung số hoá");
  g_assert_true (review->requested);
  g_assert_cmpstr (review->request, ==, "Giải trình nội dung số hoá");
  g_assert_true (review->needs_answer);
  g_assert_cmpuint (review->documents->len, ==, 1);
  g_assert_cmpint (((ParDocumentReview *) g_ptr_array_index (review->documents, 0))->verdict, ==,
                   PAR_VERDICT_REJECTED);
  g_assert_cmpstr (((ParDocumentReview *) g_ptr_array_index (review->documents, 0))->title, ==,
                   "Kế hoạch CCHC năm 2025");
  review = g_ptr_array_index (reviews, 1);
  g_assert_cmpint (review->verdict, ==, PAR_VERDICT_ACCEPTED);
  g_assert_false (review->needs_answer);
  review = g_ptr_array_index (reviews, 4);
  g_assert_cmpstr (review->leaf->code, ==, "2.2");
  g_assert_cmpstr (review->appraisal_value, ==, "90");
  g_assert_null (review->self_value);

  cycles = par_workspace_list_cycle (unit, 2025, &error);
  g_assert_no_error (error);
  cycle = g_ptr_array_index (cycles, 0);
  g_assert_true (cycle->unit_side);
  g_assert_cmpint (cycle->received_round, ==, 1);
  g_assert_cmpint (cycle->sent_round, ==, 1);
  g_assert_cmpuint (cycle->n_open_requests, ==, 1);
  g_assert_cmpuint (cycle->n_appraised, ==, 3);
  g_assert_cmpint (cycle->stage, ==, PAR_CYCLE_STAGE_EXPLANATION);
  g_assert_cmpstr (cycle->deadline, ==, "2999-12-31");
  g_assert_cmpint (cycle->deadline_state, ==, PAR_DEADLINE_OPEN);
  {
    /* One unit's row, as the window reads it, is the board's. */
    g_autoptr(ParUnitCycle) one = par_workspace_get_unit_cycle (unit, 2025, "U1", &error);

    g_assert_no_error (error);
    g_assert_true (one->unit_side);
    g_assert_cmpint (one->received_round, ==, cycle->received_round);
    g_assert_cmpstr (one->received_sha256, ==, cycle->received_sha256);
    g_assert_cmpint (one->sent_round, ==, cycle->sent_round);
    g_assert_cmpuint (one->n_open_requests, ==, cycle->n_open_requests);
    g_assert_cmpuint (one->n_insufficient, ==, cycle->n_insufficient);
    g_assert_cmpint (one->deadline_state, ==, cycle->deadline_state);
    g_assert_null (par_workspace_get_unit_cycle (unit, 2025, "NOPE", &error));
    g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_clear_pointer (&cycles, g_ptr_array_unref);
  g_clear_pointer (&reviews, g_ptr_array_unref);

  /* The unit answers: a new value, an explanation, a document added, a
   * link removed; round 2 carries only the new document. */
  set_scores (unit, "unit,criterion,stage,value\nU1,1.1,self,2\n");
  g_assert_true (par_workspace_set_explanation (unit, 2025, "U1", "1.1", TRUE,
                                                "Đã bổ sung nội dung số hoá", &error));
  g_assert_no_error (error);
  report = attach (unit, "1.1", f->report, "Báo cáo bổ sung");
  g_clear_pointer (&evidence, g_ptr_array_unref);
  evidence = par_workspace_list_evidence (unit, 2025, "U1", "1.2", &error);
  g_assert_no_error (error);
  first = g_ptr_array_index (evidence, 0);
  g_assert_true (par_workspace_unlink_evidence (unit, first->link_id, &error));
  g_assert_no_error (error);
  g_clear_object (&unit);

  second = submit (f->unit, round2);
  g_assert_cmpint (second->round, ==, 2);
  g_assert_cmpuint (second->n_documents, ==, 3);
  g_assert_cmpuint (second->n_documents_carried, ==, 1);

  unit = open_workspace (f->unit);
  reviews = par_workspace_list_leaf_reviews (unit, 2025, "U1", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (((ParLeafReview *) g_ptr_array_index (reviews, 0))->needs_answer);
  g_clear_object (&unit);

  /* The office links a document of its own; a new round leaves it. */
  office = open_workspace (f->office);
  {
    g_autoptr(GFile) png = g_file_new_for_path (f->png);
    g_autoptr(ParEvidence) own = par_workspace_attach_evidence (office, 2025, "U1", "2.3", png,
                                                                NULL, NULL, NULL, NULL, NULL,
                                                                &error);
    g_assert_no_error (error);
    g_assert_nonnull (own);
  }
  g_clear_object (&office);

  /* The office receives round 2: one document stored, two held already. */
  received2 = receive (f->office, round2);
  g_assert_cmpint (received2->round, ==, 2);
  g_assert_cmpuint (received2->n_documents_stored, ==, 1);
  g_assert_cmpint (test_query_int (f->office, "SELECT count(*) FROM document"), ==, 3);

  office = open_workspace (f->office);
  g_clear_pointer (&evidence, g_ptr_array_unref);
  evidence = par_workspace_list_evidence (office, 2025, "U1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evidence->len, ==, 4);
  g_assert_cmpstr (((ParEvidence *) g_ptr_array_index (evidence, 1))->document->title, ==,
                   "Báo cáo bổ sung");
  g_assert_cmpstr (((ParEvidence *) g_ptr_array_index (evidence, 2))->criterion_code, ==, "2.1");
  g_assert_cmpstr (((ParEvidence *) g_ptr_array_index (evidence, 3))->criterion_code, ==, "2.3");
  g_assert_true (par_workspace_get_explanation (office, 2025, "U1", "1.1", &requested, &text,
                                               &error));
  g_assert_cmpstr (text, ==, "Đã bổ sung nội dung số hoá");
  /* The request was answered. */
  g_assert_false (requested);

  changes = par_workspace_compare_rounds (office, 2025, "U1", 2, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      const ParRoundChange *c = g_ptr_array_index (changes, i);

      if (c->side == PAR_ROUND_SIDE_UNIT && c->kind == PAR_ROUND_CHANGE_VALUE &&
          g_str_equal (c->leaf->code, "1.1"))
        found_value = g_strcmp0 (c->old_text, "1.5") == 0 && g_strcmp0 (c->new_text, "2") == 0;
      if (c->side == PAR_ROUND_SIDE_UNIT && c->kind == PAR_ROUND_CHANGE_EVIDENCE_ADDED)
        found_added = g_str_equal (c->leaf->code, "1.1") &&
                      g_strcmp0 (c->new_text, "Báo cáo bổ sung") == 0;
      if (c->side == PAR_ROUND_SIDE_UNIT && c->kind == PAR_ROUND_CHANGE_EVIDENCE_REMOVED)
        found_removed = g_str_equal (c->leaf->code, "1.2");
      if (c->side == PAR_ROUND_SIDE_UNIT && c->kind == PAR_ROUND_CHANGE_EXPLANATION)
        found_explanation = g_str_equal (c->leaf->code, "1.1");
      if (c->side == PAR_ROUND_SIDE_OFFICE && c->kind == PAR_ROUND_CHANGE_REQUEST)
        found_request = g_str_equal (c->leaf->code, "1.1");
    }
  g_assert_true (found_value && found_added && found_removed && found_explanation && found_request);

  g_clear_pointer (&origin, g_free);
  origin = par_package_origin (received2->sha256, 2);
  sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE origin = 'test-package:receive %s'"
                         " AND criterion_code = '1.1'", origin);
  g_assert_cmpint (test_query_int (f->office, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE origin IN"
                         " ('test-package:link %s', 'test-package:unlink %s')", origin, origin);
  g_assert_cmpint (test_query_int (f->office, sql), ==, 2);

  cycles = par_workspace_list_cycle (office, 2025, &error);
  g_assert_no_error (error);
  cycle = g_ptr_array_index (cycles, 0);
  g_assert_false (cycle->unit_side);
  g_assert_cmpint (cycle->received_round, ==, 2);
  g_assert_cmpstr (cycle->received_sha256, ==, received2->sha256);
  g_assert_cmpint (cycle->sent_round, ==, 1);
  g_assert_cmpuint (cycle->n_insufficient, ==, 1);
  g_assert_cmpuint (cycle->n_accepted, ==, 1);
  g_assert_cmpuint (cycle->n_open_requests, ==, 0);
  g_assert_cmpint (cycle->deadline_state, ==, PAR_DEADLINE_ON_TIME);
  cycle = g_ptr_array_index (cycles, 1);
  g_assert_cmpstr (cycle->unit_code, ==, "U2");
  g_assert_cmpint (cycle->received_round, ==, 0);
}

static void
test_same_package_twice (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ParPackageSummary) first = receive (f->office, f->package);
  g_autoptr(ParPackageSummary) again = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  gint64 audit = test_query_int (f->office, "SELECT count(*) FROM audit");

  g_assert_false (first->already_received);
  before = test_file_bytes (f->office);
  again = receive (f->office, f->package);
  g_assert_true (again->already_received);
  g_assert_cmpstr (again->sha256, ==, f->sha256);
  after = test_file_bytes (f->office);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (test_query_int (f->office, "SELECT count(*) FROM audit"), ==, audit);
}

/* A document the office holds already (another unit attached the same
 * content) is not stored again. */
static void
test_evidence_travels_once (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(ParWorkspace) office = open_workspace (f->office);
  g_autoptr(GFile) file = g_file_new_for_path (f->plan);
  g_autoptr(ParEvidence) evidence = NULL;
  g_autoptr(ParPackageSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  evidence = par_workspace_attach_evidence (office, 2025, "U2", "1.1", file, NULL, NULL, NULL, NULL,
                                            NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&office);
  g_assert_cmpint (test_query_int (f->office, "SELECT count(*) FROM document"), ==, 1);

  summary = receive (f->office, f->package);
  g_assert_cmpuint (summary->n_documents, ==, 2);
  g_assert_cmpuint (summary->n_documents_stored, ==, 1);
  g_assert_cmpint (test_query_int (f->office, "SELECT count(*) FROM document"), ==, 2);
}

/* Office documents travel as the others do, under their own extension,
 * and are checked on arrival as attach checks them. */
static void
test_office_documents (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *docx = path_in (f, "báo cáo.docx");
  g_autofree char *xlsx = path_in (f, "số liệu.xlsx");
  g_autofree char *package = path_in (f, "office-documents.parpkg");
  g_autoptr(ParWorkspace) unit = open_workspace (f->unit);
  g_autoptr(ParEvidence) word = NULL;
  g_autoptr(ParEvidence) sheet = NULL;
  g_autoptr(ParPackageSummary) submitted = NULL;
  g_autoptr(ParPackageSummary) received = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *docx_part = NULL;
  g_autofree char *xlsx_part = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GBytes) original = NULL;

  evidence_fixture_docx (docx, "Báo cáo kết quả CCHC");
  evidence_fixture_xlsx (xlsx, "Số liệu TTHC");
  word = attach (unit, "1.3", docx, "Báo cáo kết quả");
  sheet = attach (unit, "2.1", xlsx, "Số liệu thủ tục hành chính");
  g_assert_true (par_media_type_is_office (word->document->media_type));
  g_clear_object (&unit);

  submitted = submit (f->unit, package);
  g_assert_cmpuint (submitted->n_documents, ==, 4);
  parts = read_parts (package);
  docx_part = g_strconcat ("documents/", word->document->sha256, ".docx", NULL);
  xlsx_part = g_strconcat ("documents/", sheet->document->sha256, ".xlsx", NULL);
  original = test_file_bytes (docx);
  g_assert_true (g_bytes_equal (find_part (parts, docx_part)->data, original));
  find_part (parts, xlsx_part);

  received = receive (f->office, package);
  g_assert_cmpuint (received->n_documents_stored, ==, 4);
  sql = g_strdup_printf ("SELECT count(*) FROM document WHERE sha256 = '%s'"
                         " AND media_type = '%s' AND page_count = 1", word->document->sha256,
                         PAR_MEDIA_TYPE_DOCX);
  g_assert_cmpint (test_query_int (f->office, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM document WHERE sha256 = '%s'"
                         " AND media_type = '%s'", sheet->document->sha256, PAR_MEDIA_TYPE_XLSX);
  g_assert_cmpint (test_query_int (f->office, sql), ==, 1);
}

static void
test_refuse_not_a_package (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *text = path_in (f, "notes.parpkg");
  g_autofree char *empty = path_in (f, "empty.parpkg");
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (part_free);
  g_autoptr(GBytes) hello = g_bytes_new_static ("hello", 5);
  g_autofree char *zip = NULL;

  write_bytes (text, (const guint8 *) "code,name\n", 10);
  write_bytes (empty, NULL, 0);
  assert_refused (f, text, PAR_ERROR_INVALID, "not a ParIndex package");
  assert_refused (f, empty, PAR_ERROR_INVALID, "empty");
  assert_refused (f, f->plan, PAR_ERROR_INVALID, "not a ParIndex package");

  /* A zip, but not a package: a dossier's folder of documents. */
  g_ptr_array_add (parts, part_new ("1.1/ke-hoach.pdf", hello));
  zip = hostile (f, "dossier.zip", parts);
  assert_refused (f, zip, PAR_ERROR_INVALID, "not a ParIndex package");
}

static void
test_refuse_truncated (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) bytes = test_file_bytes (f->package);
  g_autofree char *cut = path_in (f, "cut.parpkg");
  gsize length;
  const guint8 *whole = g_bytes_get_data (bytes, &length);

  write_bytes (cut, whole, length / 2);
  assert_refused (f, cut, PAR_ERROR_INVALID, NULL);
  write_bytes (cut, whole, length - 10);
  assert_refused (f, cut, PAR_ERROR_INVALID, NULL);
}

static void
test_refuse_altered (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) bytes = test_file_bytes (f->package);
  g_autoptr(GPtrArray) parts = read_parts (f->package);
  g_autofree char *flipped = path_in (f, "flipped.parpkg");
  g_autofree char *other = NULL;
  g_autofree guint8 *copy = NULL;
  Part *document;
  const guint8 *pdf;
  gsize length;
  gsize offset = 0;

  /* A byte changed inside a stored document, its zip CRC left alone. */
  pdf = g_bytes_get_data (bytes, &length);
  copy = g_memdup2 (pdf, length);
  document = find_pdf (parts);
  pdf = g_bytes_get_data (document->data, NULL);
  for (gsize i = 0; i + 16 < length; i++)
    if (memcmp (copy + i, pdf + 100, 16) == 0)
      offset = i;
  g_assert_cmpuint (offset, >, 0);
  copy[offset] ^= 0x20;
  write_bytes (flipped, copy, length);
  assert_refused (f, flipped, PAR_ERROR_INVALID, NULL);

  /* One byte of the document changed in a consistent zip (its CRC
   * recomputed), the manifest unchanged: its SHA-256 no longer matches. */
  {
    gsize size;
    const guint8 *original = g_bytes_get_data (document->data, &size);
    guint8 *changed = g_memdup2 (original, size);

    changed[size / 2] ^= 0x01;
    g_bytes_unref (document->data);
    document->data = g_bytes_new_take (changed, size);
  }
  other = hostile (f, "other-document.parpkg", parts);
  assert_refused (f, other, PAR_ERROR_INVALID, "altered");
}

static void
test_refuse_links_and_names (Fixture       *f,
                             gconstpointer  data)
{
  const char *names[] = { "../escape.pdf", "/etc/passwd", "documents\\evil.pdf", "a//b",
                          "documents/./x.pdf" };

  /* A symbolic link among the parts. */
  {
    g_autoptr(GPtrArray) parts = read_parts (f->package);
    g_autofree char *path = NULL;
    Part *link = part_new ("documents/link.pdf", NULL);

    link->type = AE_IFLNK;
    link->target = g_strdup ("/etc/passwd");
    g_ptr_array_add (parts, link);
    path = hostile (f, "symlink.parpkg", parts);
    assert_refused (f, path, PAR_ERROR_INVALID, "symbolic link");
  }
  /* A directory entry. */
  {
    g_autoptr(GPtrArray) parts = read_parts (f->package);
    g_autofree char *path = NULL;
    Part *dir = part_new ("documents/", NULL);

    dir->type = AE_IFDIR;
    g_ptr_array_insert (parts, 2, dir);
    path = hostile (f, "directory.parpkg", parts);
    assert_refused (f, path, PAR_ERROR_INVALID, NULL);
  }
  /* Names that would leave a folder or mean something else elsewhere,
   * listed in the manifest too. */
  for (guint i = 0; i < 2 * G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GPtrArray) parts = read_parts (f->package);
      g_autoptr(GBytes) hello = g_bytes_new_static ("hello", 5);
      g_autofree char *file = g_strdup_printf ("name-%u.parpkg", i);
      g_autofree char *path = NULL;
      gboolean listed = i >= G_N_ELEMENTS (names);

      g_ptr_array_add (parts, part_new (names[i % G_N_ELEMENTS (names)], hello));
      if (listed)
        rewrite_manifest (parts, NULL, NULL);
      path = hostile (f, file, parts);
      /* libarchive reads a backslash as a folder separator: then the name
       * is refused as unlisted. */
      assert_refused (f, path, PAR_ERROR_INVALID,
                      strchr (names[i % G_N_ELEMENTS (names)], '\\') != NULL ? NULL : "refused");
    }
}

static void
test_refuse_duplicates_and_extras (Fixture       *f,
                                   gconstpointer  data)
{
  /* The same part twice. */
  {
    g_autoptr(GPtrArray) parts = read_parts (f->package);
    Part *document = find_part (parts, "documents/");
    g_autofree char *path = NULL;

    g_ptr_array_add (parts, part_new (document->name, document->data));
    path = hostile (f, "duplicate.parpkg", parts);
    assert_refused (f, path, PAR_ERROR_INVALID, "twice");
  }
  /* An entry the manifest does not list. */
  {
    g_autoptr(GPtrArray) parts = read_parts (f->package);
    g_autoptr(GBytes) extra = g_bytes_new_static ("%PDF-1.4", 8);
    g_autofree char *path = NULL;

    g_ptr_array_add (parts, part_new ("documents/extra.pdf", extra));
    path = hostile (f, "extra.parpkg", parts);
    assert_refused (f, path, PAR_ERROR_INVALID, "does not list");
  }
  /* A part the manifest lists, missing. */
  {
    g_autoptr(GPtrArray) parts = read_parts (f->package);
    g_autofree char *path = NULL;

    g_ptr_array_remove_index (parts, parts->len - 1);
    path = hostile (f, "missing.parpkg", parts);
    assert_refused (f, path, PAR_ERROR_INVALID, "missing");
  }
  /* The manifest not first. */
  {
    g_autoptr(GPtrArray) parts = read_parts (f->package);
    g_autofree char *path = NULL;
    Part *manifest = g_ptr_array_steal_index (parts, 0);

    g_ptr_array_add (parts, manifest);
    path = hostile (f, "manifest-last.parpkg", parts);
    assert_refused (f, path, PAR_ERROR_INVALID, "not a ParIndex package");
  }
}

static void
set_last_part_size (JsonObject *manifest,
                     gpointer    data)
{
  JsonArray *parts = json_object_get_array_member (manifest, "parts");
  JsonObject *document = json_array_get_object_element (parts, json_array_get_length (parts) - 1);

  json_object_set_int_member (document, "size", GPOINTER_TO_INT (data));
}

static void
nest_deeply (JsonObject *manifest,
             gpointer    data)
{
  JsonArray *inner = json_array_new ();

  for (int i = 0; i < 40; i++)
    {
      JsonArray *outer = json_array_new ();
      json_array_add_array_element (outer, inner);
      inner = outer;
    }
  json_object_set_array_member (manifest, "nested", inner);
}

static void
newer_format (JsonObject *manifest,
              gpointer    data)
{
  json_object_set_string_member (manifest, "format", "parindex-package/2");
}

/* The last document's size, declared @delta bytes off in the manifest and
 * in the content alike. */
static Part *
misdeclare_size (GPtrArray *parts,
                 int        delta)
{
  Part *document = g_ptr_array_index (parts, parts->len - 1);
  Part *content = find_part (parts, "submission.json");
  g_autofree char *text = g_strndup (g_bytes_get_data (content->data, NULL),
                                     g_bytes_get_size (content->data));
  g_autofree char *size = g_strdup_printf ("\"size\" : %" G_GSIZE_FORMAT,
                                           g_bytes_get_size (document->data));
  g_autofree char *lie = g_strdup_printf ("\"size\" : %" G_GSIZE_FORMAT,
                                          g_bytes_get_size (document->data) + delta);
  GString *edited = g_string_new (text);

  g_assert_cmpuint (g_string_replace (edited, size, lie, 1), ==, 1);
  g_bytes_unref (content->data);
  content->data = g_string_free_to_bytes (edited);
  rewrite_manifest (parts, set_last_part_size,
                    GINT_TO_POINTER ((int) g_bytes_get_size (document->data) + delta));
  return document;
}

static void
put_le32 (guint8  *at,
          guint32  value)
{
  at[0] = value & 0xff;
  at[1] = (value >> 8) & 0xff;
  at[2] = (value >> 16) & 0xff;
  at[3] = value >> 24;
}

/* Sets the uncompressed size of @name in the zip's local header and
 * central directory. */
static void
patch_sizes (guint8     *zip,
             gsize       length,
             const char *name,
             guint32     size)
{
  guint name_length = strlen (name);
  guint patched = 0;

  for (gsize i = 0; i + 46 + name_length <= length; i++)
    {
      if (memcmp (zip + i, "PK\x03\x04", 4) == 0 &&
          (guint) (zip[i + 26] | zip[i + 27] << 8) == name_length &&
          memcmp (zip + i + 30, name, name_length) == 0)
        {
          put_le32 (zip + i + 22, size);
          patched++;
        }
      if (memcmp (zip + i, "PK\x01\x02", 4) == 0 &&
          (guint) (zip[i + 28] | zip[i + 29] << 8) == name_length &&
          memcmp (zip + i + 46, name, name_length) == 0)
        {
          put_le32 (zip + i + 24, size);
          patched++;
        }
    }
  g_assert_cmpuint (patched, ==, 2);
}

static void
test_refuse_lying_manifests (Fixture       *f,
                             gconstpointer  data)
{
  /* A document larger, then smaller, than the manifest declares (the
   * archive's header says otherwise). */
  for (int delta = -1; delta <= 1; delta += 2)
    {
      g_autoptr(GPtrArray) parts = read_parts (f->package);
      g_autofree char *path = NULL;
      g_autofree char *name = g_strdup_printf ("size%+d.parpkg", delta);

      misdeclare_size (parts, delta);
      path = hostile (f, name, parts);
      assert_refused (f, path, PAR_ERROR_INVALID, "in the archive but");
    }
  /* The archive's headers lie too: the bytes run past the declared size. */
  {
    g_autoptr(GPtrArray) parts = read_parts (f->package);
    g_autoptr(GBytes) bytes = NULL;
    g_autofree char *path = NULL;
    g_autofree guint8 *zip = NULL;
    Part *document = misdeclare_size (parts, -100);
    gsize length;

    path = hostile (f, "central-lie.parpkg", parts);
    bytes = test_file_bytes (path);
    zip = g_memdup2 (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    length = g_bytes_get_size (bytes);
    patch_sizes (zip, length, document->name, g_bytes_get_size (document->data) - 100);
    write_bytes (path, zip, length);
    assert_refused (f, path, PAR_ERROR_INVALID, "larger than declared");
  }
  /* Not JSON; nested too deep; larger than 1 MiB; another format. */
  {
    g_autoptr(GPtrArray) parts = read_parts (f->package);
    Part *manifest = find_part (parts, "manifest.json");
    g_autofree char *path = NULL;

    g_bytes_unref (manifest->data);
    manifest->data = g_bytes_new_static ("{ \"format\": \"parindex-package/1\", ", 34);
    path = hostile (f, "broken-json.parpkg", parts);
    assert_refused (f, path, PAR_ERROR_INVALID, "manifest");
  }
  {
    g_autoptr(GPtrArray) parts = read_parts (f->package);
    g_autofree char *path = NULL;

    rewrite_manifest (parts, nest_deeply, NULL);
    path = hostile (f, "deep.parpkg", parts);
    assert_refused (f, path, PAR_ERROR_INVALID, "nested more than 16 levels deep");
  }
  {
    g_autoptr(GPtrArray) parts = read_parts (f->package);
    Part *manifest = find_part (parts, "manifest.json");
    g_autofree char *path = NULL;
    GString *big = g_string_new ("{\"format\": \"parindex-package/1\", \"padding\": \"");

    while (big->len < 2 * 1024 * 1024)
      g_string_append (big, "xxxxxxxxxxxxxxxx");
    g_string_append (big, "\"}");
    g_bytes_unref (manifest->data);
    manifest->data = g_string_free_to_bytes (big);
    path = hostile (f, "big-manifest.parpkg", parts);
    assert_refused (f, path, PAR_ERROR_INVALID, "manifest");
  }
  {
    g_autoptr(GPtrArray) parts = read_parts (f->package);
    g_autofree char *path = NULL;

    rewrite_manifest (parts, newer_format, NULL);
    path = hostile (f, "newer.parpkg", parts);
    assert_refused (f, path, PAR_ERROR_INVALID, "newer ParIndex");
  }
}

/* 100 MiB of zeros deflate to about 100 KiB: refused as soon as what it
 * inflates to passes PAR_PACKAGE_MAX_RATIO times what was read. */
static void
test_refuse_zip_bomb (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) parts = read_parts (f->package);
  gsize size = 100 * 1024 * 1024;
  g_autoptr(GBytes) zeros = g_bytes_new_take (g_malloc0 (size), size);
  g_autofree char *sha = sha256_of (zeros);
  g_autofree char *name = g_strconcat ("documents/", sha, ".pdf", NULL);
  g_autofree char *path = NULL;
  Part *content = find_part (parts, "submission.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonArray *documents;
  JsonObject *bomb = json_object_new ();
  Part *part;
  char *text;

  /* The content lists the bomb as a document, so that only its bytes are
   * wrong. */
  json_parser_load_from_data (parser, g_bytes_get_data (content->data, NULL),
                              g_bytes_get_size (content->data), NULL);
  documents = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "documents");
  json_object_set_string_member (bomb, "sha256", sha);
  json_object_set_string_member (bomb, "media_type", "application/pdf");
  json_object_set_int_member (bomb, "size", size);
  json_object_set_int_member (bomb, "pages", 1);
  json_object_set_string_member (bomb, "title", "Bomb");
  json_array_add_object_element (documents, bomb);
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, NULL);
  g_bytes_unref (content->data);
  content->data = g_bytes_new_take (text, strlen (text));

  part = part_new (name, zeros);
  part->deflate = TRUE;
  g_ptr_array_add (parts, part);
  rewrite_manifest (parts, NULL, NULL);
  path = hostile (f, "bomb.parpkg", parts);
  assert_refused (f, path, PAR_ERROR_INVALID, "zip bomb");
}

static void
test_refuse_workspace_mismatch (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *other_unit = path_in (f, "other.parindex");
  g_autofree char *other_package = path_in (f, "other.parpkg");
  g_autofree char *stranger = path_in (f, "stranger.parindex");
  g_autofree char *stranger_package = path_in (f, "stranger.parpkg");
  g_autofree char *elsewhere = path_in (f, "elsewhere.parindex");
  g_autoptr(ParPackageSummary) a = NULL;
  g_autoptr(ParPackageSummary) b = NULL;
  g_autoptr(ParWorkspace) workspace = NULL;

  /* Made against another criteria set. */
  create_workspace (other_unit, "Bộ chỉ số khác", "code,name,block\nU1,UBND xã Một,all\n");
  workspace = open_workspace (other_unit);
  set_scores (workspace, "unit,criterion,stage,value\nU1,1.1,self,1\n");
  g_clear_object (&workspace);
  a = submit (other_unit, other_package);
  assert_refused (f, other_package, PAR_ERROR_INVALID, "another criteria set");

  /* For a unit the office lacks. */
  create_workspace (stranger, "Bộ chỉ số thử", "code,name,block\nU9,UBND xã Chín,all\n");
  {
    g_autoptr(ParWorkspace) w = open_workspace (stranger);
    g_autoptr(GFile) file = g_file_new_for_path (stranger_package);
    g_autoptr(GError) error = NULL;

    b = par_workspace_submit (w, 2025, "U9", file, PAR_SUBMIT_NONE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  assert_refused (f, stranger_package, PAR_ERROR_INVALID, "U9");

  /* For a year the office lacks: the office of another year. */
  g_assert_cmpint (g_rename (f->office, elsewhere), ==, 0);
  {
    g_autoptr(ParWorkspace) w = NULL;
    g_autoptr(ParCriteriaSet) set = make_set ("Bộ chỉ số thử");
    g_autoptr(GError) error = NULL;

    w = par_workspace_open (f->office, PAR_WORKSPACE_CREATE_NEW, &error);
    g_assert_no_error (error);
    g_assert_true (par_workspace_add_year (w, 2024, "all", set, &error));
    g_assert_no_error (error);
  }
  assert_refused (f, f->package, PAR_ERROR_INVALID, "2025");
}

static void
test_refuse_content (Fixture       *f,
                     gconstpointer  data)
{
  /* A value the rule refuses, and a criterion the set lacks. */
  {
    g_autoptr(GPtrArray) parts = read_parts (f->package);
    Part *content = find_part (parts, "submission.json");
    g_autofree char *text = g_strndup (g_bytes_get_data (content->data, NULL),
                                       g_bytes_get_size (content->data));
    g_autofree char *path = NULL;
    GString *edited = g_string_new (text);

    g_string_replace (edited, "\"value\" : \"1.5\"", "\"value\" : \"5\"", 1);
    g_string_replace (edited, "\"criterion\" : \"1.3\"", "\"criterion\" : \"9.9\"", 1);
    g_bytes_unref (content->data);
    content->data = g_string_free_to_bytes (edited);
    rewrite_manifest (parts, NULL, NULL);
    path = hostile (f, "values.parpkg", parts);
    assert_refused (f, path, PAR_ERROR_INVALID, "9.9");
  }
  /* Texts beyond what the workspace takes typed (docs/limits.md): a value
   * carrying a long run of combining marks (normalising it would take time
   * that grows with the square of its length), a value longer than a name. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GPtrArray) parts = read_parts (f->package);
      Part *content = find_part (parts, "submission.json");
      g_autofree char *text = g_strndup (g_bytes_get_data (content->data, NULL),
                                         g_bytes_get_size (content->data));
      g_autofree char *file = g_strdup_printf ("texts-%u.parpkg", i);
      g_autofree char *path = NULL;
      GString *value = g_string_new ("\"value\" : \"1.5");
      GString *edited = g_string_new (text);

      for (guint n = 0; n < (i == 0 ? 40 : 501); n++)
        g_string_append (value, i == 0 ? "\xcc\x81" : "x");
      g_string_append_c (value, '"');
      g_assert_cmpuint (g_string_replace (edited, "\"value\" : \"1.5\"", value->str, 1), ==, 1);
      g_string_free (value, TRUE);
      g_bytes_unref (content->data);
      content->data = g_string_free_to_bytes (edited);
      rewrite_manifest (parts, NULL, NULL);
      path = hostile (f, file, parts);
      assert_refused (f, path, PAR_ERROR_INVALID,
                      i == 0 ? "combining marks in a row" : "the most a name or title may have");
    }
  /* A document that is no PDF, consistently hashed. */
  {
    g_autoptr(GPtrArray) parts = read_parts (f->package);
    Part *document = find_part (parts, "documents/");
    Part *content = find_part (parts, "submission.json");
    g_autoptr(GBytes) junk = g_bytes_new_static ("%PDF-1.4 this is not a PDF at all", 33);
    g_autofree char *old_sha = sha256_of (document->data);
    g_autofree char *new_sha = sha256_of (junk);
    g_autofree char *text = g_strndup (g_bytes_get_data (content->data, NULL),
                                       g_bytes_get_size (content->data));
    g_autofree char *size = g_strdup_printf ("\"size\" : %" G_GSIZE_FORMAT,
                                             g_bytes_get_size (document->data));
    g_autofree char *path = NULL;
    GString *edited = g_string_new (text);

    g_string_replace (edited, old_sha, new_sha, 0);
    g_string_replace (edited, size, "\"size\" : 33", 1);
    g_bytes_unref (content->data);
    content->data = g_string_free_to_bytes (edited);
    g_bytes_unref (document->data);
    document->data = g_bytes_ref (junk);
    g_free (document->name);
    document->name = g_strconcat ("documents/", new_sha, ".pdf", NULL);
    rewrite_manifest (parts, NULL, NULL);
    path = hostile (f, "junk.parpkg", parts);
    assert_refused (f, path, PAR_ERROR_INVALID, "cannot be used as evidence");
  }
  /* A zip that is no office document, said to be one. */
  {
    g_autoptr(GPtrArray) parts = read_parts (f->package);
    Part *document = find_pdf (parts);
    Part *content = find_part (parts, "submission.json");
    g_autofree char *zip_path = path_in (f, "plain.zip");
    g_autoptr(GBytes) zip = NULL;
    g_autofree char *old_sha = sha256_of (document->data);
    g_autofree char *new_sha = NULL;
    g_autofree char *text = g_strndup (g_bytes_get_data (content->data, NULL),
                                       g_bytes_get_size (content->data));
    g_autofree char *old_size = g_strdup_printf ("\"size\" : %" G_GSIZE_FORMAT,
                                                 g_bytes_get_size (document->data));
    g_autofree char *new_size = NULL;
    g_autofree char *path = NULL;
    GString *edited = g_string_new (text);

    evidence_fixture_zip (zip_path);
    zip = test_file_bytes (zip_path);
    new_sha = sha256_of (zip);
    new_size = g_strdup_printf ("\"size\" : %" G_GSIZE_FORMAT, g_bytes_get_size (zip));
    g_string_replace (edited, old_sha, new_sha, 0);
    g_string_replace (edited, old_size, new_size, 1);
    g_assert_cmpuint (g_string_replace (edited, "\"media_type\" : \"application/pdf\"",
                                        "\"media_type\" : \"" PAR_MEDIA_TYPE_DOCX "\"", 1), ==, 1);
    g_bytes_unref (content->data);
    content->data = g_string_free_to_bytes (edited);
    g_bytes_unref (document->data);
    document->data = g_bytes_ref (zip);
    g_free (document->name);
    document->name = g_strconcat ("documents/", new_sha, ".docx", NULL);
    rewrite_manifest (parts, NULL, NULL);
    path = hostile (f, "not-office.parpkg", parts);
    assert_refused (f, path, PAR_ERROR_INVALID, "not an office document");
  }
}

static void
test_refuse_older_round (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *copy = path_in (f, "unit-copy.parindex");
  g_autofree char *stale = path_in (f, "stale-round1.parpkg");
  g_autofree char *returned = path_in (f, "return.parpkg");
  g_autofree char *round2 = path_in (f, "round2.parpkg");
  g_autoptr(GBytes) bytes = test_file_bytes (f->unit);
  g_autoptr(ParPackageSummary) s1 = NULL;
  g_autoptr(ParPackageSummary) s2 = NULL;
  g_autoptr(ParPackageSummary) s3 = NULL;
  g_autoptr(ParPackageSummary) s4 = NULL;
  g_autoptr(ParPackageSummary) s5 = NULL;
  g_autoptr(ParPackageSummary) s6 = NULL;

  /* A copy of the unit's workspace as it was before the return. */
  write_bytes (copy, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  s1 = receive (f->office, f->package);
  s2 = return_to_unit (f->office, returned);
  s3 = receive (f->unit, returned);
  s4 = submit (f->unit, round2);
  g_assert_cmpint (s4->round, ==, 2);
  s5 = receive (f->office, round2);

  /* Round 1 again, written anew: older than round 2. */
  s6 = submit (copy, stale);
  g_assert_cmpint (s6->round, ==, 1);
  assert_refused (f, stale, PAR_ERROR_INVALID, "older than round 2");

  /* A return package is not for the office's workspace. */
  assert_refused (f, returned, PAR_ERROR_INVALID, "own workspace");
}

static void
test_refuse_closed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParPackageSummary) summary = NULL;

  /* The self-assessment closed yesterday or earlier, no extension. */
  {
    g_autoptr(ParWorkspace) office = open_workspace (f->office);
    g_assert_true (par_workspace_set_deadline (office, 2025, PAR_CYCLE_STAGE_SELF, "2020-11-15",
                                               &error));
    g_assert_no_error (error);
  }
  assert_refused (f, f->package, PAR_ERROR_FROZEN, "no extension");

  /* An extension for another unit changes nothing for U1. */
  {
    g_autoptr(ParWorkspace) office = open_workspace (f->office);
    g_assert_true (par_workspace_set_extension (office, 2025, "U2", PAR_CYCLE_STAGE_SELF,
                                                "2999-01-01", "Bão lũ", &error));
    g_assert_no_error (error);
    /* An extension needs a reason and ends after the deadline. */
    g_assert_false (par_workspace_set_extension (office, 2025, "U1", PAR_CYCLE_STAGE_SELF,
                                                 "2999-01-01", "  ", &error));
    g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (par_workspace_set_extension (office, 2025, "U1", PAR_CYCLE_STAGE_SELF,
                                                 "2020-11-01", "Lý do", &error));
    g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
    g_clear_error (&error);
  }
  assert_refused (f, f->package, PAR_ERROR_FROZEN, NULL);

  /* With an extension for U1, received; audited with its reason. */
  {
    g_autoptr(ParWorkspace) office = open_workspace (f->office);
    g_assert_true (par_workspace_set_extension (office, 2025, "U1", PAR_CYCLE_STAGE_SELF,
                                                "2999-01-01", "Mất điện kéo dài", &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (test_query_int (f->office, "SELECT count(*) FROM audit WHERE origin ="
                               " 'test-package:extension' AND detail = 'self' AND unit_code = 'U1'"
                               " AND new_note ="
                               " 'Mất điện kéo dài'"), ==, 1);
  summary = receive (f->office, f->package);
  g_assert_cmpint (summary->round, ==, 1);
  {
    g_autoptr(ParWorkspace) office = open_workspace (f->office);
    g_autoptr(GPtrArray) cycles = par_workspace_list_cycle (office, 2025, &error);
    const ParUnitCycle *u1 = g_ptr_array_index (cycles, 0);
    const ParUnitCycle *u2 = g_ptr_array_index (cycles, 1);

    g_assert_no_error (error);
    g_assert_cmpint (u1->deadline_state, ==, PAR_DEADLINE_EXTENDED);
    g_assert_cmpstr (u1->extension_reason, ==, "Mất điện kéo dài");
    g_assert_cmpint (u2->deadline_state, ==, PAR_DEADLINE_EXTENDED);
  }
}

static void
test_refuse_published (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(ParWorkspace) office = open_workspace (f->office);
    g_autoptr(ParDecision) decision = par_decision_new ();
    g_autofree char *fingerprint = NULL;

    decision->number = g_strdup ("12/QĐ-UBND");
    decision->date = g_strdup ("2026-01-10");
    g_assert_true (par_workspace_publish (office, 2025, decision, &fingerprint, &error));
    g_assert_no_error (error);
  }
  assert_refused (f, f->package, PAR_ERROR_FROZEN, "published");
}

/* Documents listed but not carried must be held by the receiver. */
static void
test_refuse_document_not_held (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) parts = read_parts (f->package);
  g_autofree char *path = NULL;

  g_ptr_array_remove (parts, find_part (parts, "documents/"));
  rewrite_manifest (parts, NULL, NULL);
  path = hostile (f, "reference.parpkg", parts);
  /* A first round carries every document. */
  assert_refused (f, path, PAR_ERROR_INVALID, "carries every document");
}

/* The reader alone, as a fuzzer calls it. */
static void
test_check_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cut = path_in (f, "cut.parpkg");
  g_autoptr(GBytes) bytes = test_file_bytes (f->package);
  char sha[PAR_SHA256_HEX_SIZE];
  g_autoptr(GFile) file = g_file_new_for_path (f->package);

  g_assert_true (par_package_check_file (f->package, &error));
  g_assert_no_error (error);
  g_assert_true (par_package_hash_file (file, sha, NULL, &error));
  g_assert_cmpstr (sha, ==, f->sha256);

  write_bytes (cut, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) - 1);
  g_assert_false (par_package_check_file (cut, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
}

/* A window watching the office's workspace hears of a package received by
 * another connection (parindex-cli), and of a review. */
static void
note_cycle (ParWorkspace *workspace,
            int           year,
            const char   *unit,
            gpointer      user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%d %s", year, unit != NULL ? unit : "-"));
}

static void
test_watched (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ParWorkspace) window = open_workspace (f->office);
  g_autoptr(GPtrArray) heard = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ParPackageSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  ParReviewChange change = { TRUE, PAR_VERDICT_ACCEPTED };

  par_workspace_watch (window);
  g_signal_connect (window, "cycle-changed", G_CALLBACK (note_cycle), heard);

  summary = receive (f->office, f->package);
  g_assert_true (par_workspace_check_changes (window));
  g_assert_cmpuint (heard->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (heard, 0), ==, "2025 U1");

  {
    g_autoptr(ParWorkspace) other = open_workspace (f->office);

    g_assert_true (par_workspace_set_deadline (other, 2025, PAR_CYCLE_STAGE_SELF, "2999-11-15",
                                               &error));
    g_assert_no_error (error);
  }
  g_assert_true (par_workspace_check_changes (window));
  g_assert_cmpuint (heard->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (heard, 1), ==, "2025 -");

  /* A comment longer than a note is refused, and nothing is announced. */
  {
    g_autofree char *long_comment = g_strnfill (PAR_LIMIT_NOTE_CHARS + 1, 'x');
    ParReviewChange too_long = { FALSE, PAR_VERDICT_NONE, TRUE, long_comment };

    g_assert_false (par_workspace_review (window, 2025, "U1", "1.2", NULL, &too_long, &error));
    g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (par_workspace_check_changes (window));
    g_assert_cmpuint (heard->len, ==, 2);
  }

  /* Its own review it announces itself, once. */
  g_assert_true (par_workspace_review (window, 2025, "U1", "1.2", NULL, &change, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (heard->len, ==, 3);
  g_assert_false (par_workspace_check_changes (window));
  g_assert_cmpuint (heard->len, ==, 3);
}

static void
note_finalized (gpointer  data,
                GObject  *where_the_object_was)
{
  g_atomic_int_set ((int *) data, TRUE);
}

/* Drops @workspace and waits until it is closed: the batch's task may let
 * go of it last, on its worker thread. */
static void
close_workspace (ParWorkspace *workspace)
{
  int finalized = FALSE;

  g_object_weak_ref (G_OBJECT (workspace), note_finalized, &finalized);
  g_object_unref (workspace);
  wait_for (flag_is_set, &finalized, "the workspace to be finalized");
}

/* Many packages at once, through the batch the window uses. */
static void
batch_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (par_workspace_receive_packages_finish (PAR_WORKSPACE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_batch (Fixture       *f,
            gconstpointer  data)
{
  ParWorkspace *office = open_workspace (f->office);
  g_autoptr(GListStore) receipts = g_list_store_new (PAR_TYPE_PACKAGE_RECEIPT);
  g_autofree char *junk = path_in (f, "junk.parpkg");
  const char *files[] = { f->package, junk, f->package };
  gboolean done = FALSE;

  write_bytes (junk, (const guint8 *) "junk", 4);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (files[i]);
      g_autoptr(ParPackageReceipt) receipt = par_package_receipt_new (file);
      g_list_store_append (receipts, receipt);
    }
  par_workspace_receive_packages_async (office, G_LIST_MODEL (receipts), NULL, NULL, NULL, NULL,
                                        batch_done, &done);
  wait_for (flag_is_set, &done, "the batch");

  {
    g_autoptr(ParPackageReceipt) first = g_list_model_get_item (G_LIST_MODEL (receipts), 0);
    g_autoptr(ParPackageReceipt) second = g_list_model_get_item (G_LIST_MODEL (receipts), 1);
    g_autoptr(ParPackageReceipt) third = g_list_model_get_item (G_LIST_MODEL (receipts), 2);

    g_assert_cmpint (par_package_receipt_get_state (first), ==, PAR_RECEIPT_RECEIVED);
    g_assert_cmpint (par_package_receipt_get_summary (first)->round, ==, 1);
    g_assert_cmpint (par_package_receipt_get_state (second), ==, PAR_RECEIPT_REFUSED);
    g_assert_nonnull (strstr (par_package_receipt_get_message (second), "not a ParIndex package"));
    g_assert_cmpint (par_package_receipt_get_state (third), ==, PAR_RECEIPT_ALREADY_RECEIVED);
  }
  close_workspace (office);
}

/* Cancelling stops the package being received and rolls it back. */
static void
cancel_on_documents (double      fraction,
                     const char *text,
                     gpointer    user_data)
{
  if (g_strcmp0 (text, "Receiving the documents") == 0)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *scan = path_in (f, "scan.pdf");
  g_autofree char *big = path_in (f, "big.parpkg");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (big);
  ParPackageSummary *summary;
  ParWorkspace *office;

  /* A unit with a 5 MB scan, so that the documents report progress. */
  {
    g_autofree char *unit = path_in (f, "scanning.parindex");
    g_autoptr(ParWorkspace) workspace = NULL;
    g_autoptr(ParEvidence) evidence = NULL;
    g_autoptr(ParPackageSummary) sent = NULL;

    create_workspace (unit, "Bộ chỉ số thử", "code,name,block\nU1,UBND xã Một,all\n");
    evidence_fixture_image_pdf (scan, 10, 410, 3);
    workspace = open_workspace (unit);
    evidence = attach (workspace, "1.1", scan, "Bản quét");
    g_clear_object (&workspace);
    sent = submit (unit, big);
  }

  before = test_file_bytes (f->office);
  office = open_workspace (f->office);
  summary = par_workspace_receive_package (office, file, cancel_on_documents, cancellable,
                                           cancellable, &error);
  g_assert_null (summary);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_finalize_object (office);
  after = test_file_bytes (f->office);
  g_assert_true (g_bytes_equal (before, after));
}

static void
batch_cancelled (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_false (par_workspace_receive_packages_finish (PAR_WORKSPACE (source), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

static void
test_batch_cancelled (Fixture       *f,
                      gconstpointer  data)
{
  ParWorkspace *office = open_workspace (f->office);
  g_autoptr(GListStore) receipts = g_list_store_new (PAR_TYPE_PACKAGE_RECEIPT);
  g_autoptr(GFile) file = g_file_new_for_path (f->package);
  g_autoptr(ParPackageReceipt) receipt = par_package_receipt_new (file);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean done = FALSE;

  g_list_store_append (receipts, receipt);
  g_cancellable_cancel (cancellable);
  par_workspace_receive_packages_async (office, G_LIST_MODEL (receipts), NULL, NULL, NULL,
                                        cancellable, batch_cancelled, &done);
  wait_for (flag_is_set, &done, "the cancelled batch");
  g_assert_cmpint (par_package_receipt_get_state (receipt), ==, PAR_RECEIPT_CANCELLED);
  close_workspace (office);
  g_assert_cmpint (test_query_int (f->office, "SELECT count(*) FROM package"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  par_i18n_init ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/par/package/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("same-package-twice", test_same_package_twice);
  ADD ("evidence-travels-once", test_evidence_travels_once);
  ADD ("office-documents", test_office_documents);
  ADD ("check-file", test_check_file);
  ADD ("batch", test_batch);
  ADD ("batch-cancelled", test_batch_cancelled);
  ADD ("watched", test_watched);
  ADD ("cancel", test_cancel);
  ADD ("refuse/not-a-package", test_refuse_not_a_package);
  ADD ("refuse/truncated", test_refuse_truncated);
  ADD ("refuse/altered", test_refuse_altered);
  ADD ("refuse/links-and-names", test_refuse_links_and_names);
  ADD ("refuse/duplicates-and-extras", test_refuse_duplicates_and_extras);
  ADD ("refuse/lying-manifests", test_refuse_lying_manifests);
  ADD ("refuse/zip-bomb", test_refuse_zip_bomb);
  ADD ("refuse/workspace-mismatch", test_refuse_workspace_mismatch);
  ADD ("refuse/content", test_refuse_content);
  ADD ("refuse/older-round", test_refuse_older_round);
  ADD ("refuse/closed", test_refuse_closed);
  ADD ("refuse/published", test_refuse_published);
  ADD ("refuse/document-not-held", test_refuse_document_not_held);
#undef ADD

  return g_test_run ();
}
