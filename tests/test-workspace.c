/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "par-criteria-set.h"
#include "par-decision.h"
#include "par-error.h"
#include "par-limits.h"
#include "par-results-format.h"
#include "par-results.h"
#include "par-schema.h"
#include "par-workspace-private.h"
#include "par-workspace-settings.h"
#include "par-workspace.h"
#include "test-common.h"

/* The workspace file: one SQLite database that keeps every year, unit and
 * score, refuses what is not a workspace, never half-applies an import and
 * keeps an append-only audit log. The file is inspected with sqlite3. */

typedef WorkspaceFixture Fixture;

static void
create_workspace (Fixture *f)
{
  f->workspace = test_workspace_open (f->path, PAR_WORKSPACE_CREATE_NEW);
}

static void
reopen_workspace (Fixture *f)
{
  g_clear_object (&f->workspace);
  f->workspace = test_workspace_open (f->path, PAR_WORKSPACE_OPEN_EXISTING);
}

/* A workspace with 2022, block "UBND xã", units TCH and TKY. */
static void
create_commune_year (Fixture *f)
{
  create_workspace (f);
  test_add_year (f->workspace, 2022, "UBND xã", "tien-phuoc.criteria.json");
  test_import_units (f->workspace, 2022, "code,name,block\nTCH,UBND xã Tiên Châu,UBND xã\n"
                         "TKY,UBND xã Tiên Kỳ,UBND xã\n");
}

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Opening the file at f->path in @mode is refused with @code and a
 * message naming the file, which is left byte for byte as it was. */
static void
assert_open_refused (Fixture              *f,
                     ParWorkspaceOpenMode  mode,
                     int                   code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = file_checksum (f->path);
  g_autofree char *after = NULL;

  g_assert_null (par_workspace_open (f->path, mode, &error));
  g_assert_error (error, PAR_ERROR, code);
  g_assert_nonnull (strstr (error->message, f->path));
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static char *
sidecar (Fixture    *f,
         const char *suffix)
{
  return g_strconcat (f->path, suffix, NULL);
}

static gint64
count_audit (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  gint64 count = par_workspace_count_audit (f->workspace, &error);
  gint64 entries;

  g_assert_no_error (error);
  g_assert_cmpint (count, >=, 0);
  /* The records of score entries; every other change (a block, units,
   * publication) has its record too, with stage -1. */
  db = open_db (f->path);
  entries = query_int (db, "SELECT count(*) FROM audit WHERE stage >= 0");
  sqlite3_close (db);
  return entries;
}

static void
test_create_and_reopen (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  create_commune_year (f);
  g_assert_cmpstr (par_workspace_get_path (f->workspace), ==, f->path);
  g_object_get (f->workspace, "path", &path, NULL);
  g_assert_cmpstr (path, ==, f->path);
  test_import_file (f->workspace, 2022, "tien-phuoc.scores.csv");
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));

  reopen_workspace (f);
  years = par_workspace_list_years (f->workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (years->len, ==, 1);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2022);

  results = test_compute_results (f->workspace, 2022);
  g_assert_cmpint (par_year_results_lookup (results, "TCH")->points, ==, 85820);
  g_assert_cmpuint (par_year_results_get_block_size (results, 0), ==, 2);
}

static void
test_create_refuses_existing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GArray) years = NULL;

  /* neither a stranger's file… */
  g_assert_true (g_file_set_contents (f->path, "Báo cáo tự đánh giá\n", -1, NULL));
  assert_open_refused (f, PAR_WORKSPACE_CREATE_NEW, PAR_ERROR_INVALID);
  g_assert_cmpint (g_remove (f->path), ==, 0);

  /* … nor an existing workspace is overwritten */
  create_commune_year (f);
  g_clear_object (&f->workspace);
  assert_open_refused (f, PAR_WORKSPACE_CREATE_NEW, PAR_ERROR_INVALID);
  reopen_workspace (f);
  years = par_workspace_list_years (f->workspace, NULL);
  g_assert_cmpuint (years->len, ==, 1);
}

static void
test_open_refuses_missing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (par_workspace_open (f->path, PAR_WORKSPACE_OPEN_EXISTING, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_IO);
  g_assert_nonnull (strstr (error->message, f->path));
  /* and does not create it */
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* A file handed to the sandboxed program through the document portal,
 * which older portals cannot lock: the message says what to do. (The
 * folder does not exist here, so SQLite fails as it does there.) */
static void
test_open_on_document_portal (Fixture       *f,
                              gconstpointer  data)
{
  const char *path = "/run/user/4242/doc/0a1b2c3d/Sở Nội vụ.parindex";
  const char *other = "/nonexistent-parindex-folder/Sở Nội vụ.parindex";
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) other_error = NULL;

  g_assert_null (par_workspace_open (path, PAR_WORKSPACE_CREATE_NEW, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "--filesystem=xdg-documents"));

  g_assert_null (par_workspace_open (other, PAR_WORKSPACE_CREATE_NEW, &other_error));
  g_assert_error (other_error, PAR_ERROR, PAR_ERROR_IO);
  g_assert_null (strstr (other_error->message, "xdg-documents"));
}

static void
test_open_refuses_non_sqlite (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("code,name,block\n");

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "U%u,UBND xã %u,UBND xã\n", i, i);
  g_assert_true (g_file_set_contents (f->path, text->str, text->len, NULL));
  assert_open_refused (f, PAR_WORKSPACE_OPEN_EXISTING, PAR_ERROR_IO);
}

static void
test_open_refuses_foreign_sqlite (Fixture       *f,
                                  gconstpointer  data)
{
  sqlite3 *db = NULL;

  /* another application's database */
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  exec_ok (db, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Lan')");
  sqlite3_close (db);
  assert_open_refused (f, PAR_WORKSPACE_OPEN_EXISTING, PAR_ERROR_IO);

  /* one that marks itself as another application's */
  db = open_db (f->path);
  exec_ok (db, "PRAGMA application_id = 1179993927");
  sqlite3_close (db);
  assert_open_refused (f, PAR_WORKSPACE_OPEN_EXISTING, PAR_ERROR_IO);
}

static void
test_pragmas (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *journal = NULL;
  sqlite3 *db;
  sqlite3 *own;
  int rc;

  create_commune_year (f);

  /* the workspace's own connection enforces foreign keys */
  own = _par_workspace_get_db (f->workspace);
  g_assert_cmpint (query_int (own, "PRAGMA foreign_keys"), ==, 1);
  rc = sqlite3_exec (own, "INSERT INTO year_unit (year, unit_id, block_id) VALUES (2022, 999, 999)",
                     NULL, NULL, NULL);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_extended_errcode (own), ==, SQLITE_CONSTRAINT_FOREIGNKEY);

  /* the file is a WAL-journalled ParIndex workspace of the latest schema */
  db = open_db (f->path);
  journal = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, PAR_SCHEMA_APPLICATION_ID);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, par_schema_get_latest_version ());
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM year_unit"), ==, 2);
  sqlite3_close (db);
}

static void
test_audit_records (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  struct {
    const char *old_value;
    const char *new_value;
    const char *old_note;
    const char *new_note;
  } expected[] = {
    { NULL, "9.5", NULL, NULL },
    { "9.5", "9.47", NULL, "Trừ 0,03" },
    { "9.47", "9.47", "Trừ 0,03", "Thiếu báo cáo" },
    { "9.47", NULL, "Thiếu báo cáo", NULL },
  };
  guint i = 0;

  create_commune_year (f);
  g_assert_cmpint (count_audit (f), ==, 0);

  g_assert_true (par_workspace_set_score (f->workspace, 2022, "TCH", "1.1", PAR_STAGE_SELF,
                                          "9,5", NULL, &error));
  g_assert_true (par_workspace_set_score (f->workspace, 2022, "TCH", "1.1", PAR_STAGE_SELF,
                                          "9.47", "Trừ 0,03", &error));
  /* the same value and note again is no change */
  g_assert_true (par_workspace_set_score (f->workspace, 2022, "TCH", "1.1", PAR_STAGE_SELF,
                                          "9,470", " Trừ 0,03 ", &error));
  g_assert_cmpint (count_audit (f), ==, 2);
  /* a note alone is a change; clearing too */
  g_assert_true (par_workspace_set_score (f->workspace, 2022, "TCH", "1.1", PAR_STAGE_SELF,
                                          "9.47", "Thiếu báo cáo", &error));
  g_assert_true (par_workspace_set_score (f->workspace, 2022, "TCH", "1.1", PAR_STAGE_SELF,
                                          "", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (f), ==, 4);

  db = open_db (f->path);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT at, user, year, unit_code, criterion_code, stage,"
                                       " old_value, new_value, old_note, new_note, origin"
                                       " FROM audit WHERE stage >= 0 ORDER BY id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (expected));
      g_assert_cmpuint (strlen ((const char *) sqlite3_column_text (stmt, 0)), >=, 19);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, g_get_user_name ());
      g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 2022);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "TCH");
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "1.1");
      g_assert_cmpint (sqlite3_column_int (stmt, 5), ==, PAR_STAGE_SELF);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 6), ==, expected[i].old_value);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 7), ==, expected[i].new_value);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 8), ==, expected[i].old_note);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 9), ==, expected[i].new_note);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 10), ==, "test-workspace:edit");
      i++;
    }
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected));
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* an import: the 13 entries it creates where there were none in one
   * record, so that a national import does not double the file */
  test_import_file (f->workspace, 2022, "tien-phuoc.scores.csv");
  g_assert_cmpint (count_audit (f), ==, 4);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit WHERE origin = 'test-workspace:import'"),
                   ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit WHERE origin = 'test-workspace:import'"
                                  " AND stage = -1 AND unit_code = '' AND new_value = '13'"), ==, 1);
  /* importing the same file again changes nothing */
  test_import_file (f->workspace, 2022, "tien-phuoc.scores.csv");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit WHERE origin = 'test-workspace:import'"),
                   ==, 1);
  /* an import that changes entries records each change */
  {
    const char *csv = "unit,criterion,stage,value\nTCH,1.1,self,8\nTCH,1.1,appraisal,\n";

    g_assert_true (par_workspace_import_scores (f->workspace, 2022, csv, strlen (csv), NULL,
                                                &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (count_audit (f), ==, 4 + 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit WHERE origin = 'test-workspace:import'"
                                  " AND unit_code = 'TCH' AND criterion_code = '1.1'"
                                  " AND ((stage = 0 AND old_value = '9.5' AND new_value = '8')"
                                  "   OR (stage = 1 AND old_value = '9.47' AND new_value IS NULL))"),
                   ==, 2);
  sqlite3_close (db);
}

static void
test_audit_append_only (Fixture       *f,
                        gconstpointer  data)
{
  sqlite3 *db;

  create_commune_year (f);
  test_import_file (f->workspace, 2022, "tien-phuoc.scores.csv");
  g_clear_object (&f->workspace);

  /* the block, the 2 units, then one record for the 13 entries imported */
  db = open_db (f->path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit"), ==, 3 + 1);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET new_value = 'tampered' WHERE id = 1",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET user = 'someone else'",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit WHERE id = 1", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit"), ==, 3 + 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit WHERE new_value = 'tampered'"),
                   ==, 0);
  sqlite3_close (db);
}

static void
assert_set_score_refused (Fixture    *f,
                          int         year,
                          const char *unit,
                          const char *criterion,
                          ParStage    stage,
                          const char *value,
                          int         code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (par_workspace_set_score (f->workspace, year, unit, criterion, stage, value,
                                           "ghi chú", &error));
  g_assert_error (error, PAR_ERROR, code);
}

static void
test_set_score_invalid (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ParCriteriaSet) set = NULL;
  ParStoredEntry *entry;

  create_commune_year (f);
  g_assert_true (par_workspace_set_score (f->workspace, 2022, "TCH", "1.1", PAR_STAGE_SELF,
                                          "9.5", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (f), ==, 1);

  g_assert_false (par_workspace_set_score (f->workspace, 2022, "TCH", "1.1", PAR_STAGE_SELF,
                                           "abc", NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  /* the message says where: unit and criterion */
  g_assert_nonnull (strstr (error->message, "TCH"));
  g_assert_nonnull (strstr (error->message, "1.1"));
  g_assert_nonnull (strstr (error->message, "abc"));
  g_clear_error (&error);

  assert_set_score_refused (f, 2022, "TCH", "1.1", PAR_STAGE_SELF, "10.5", PAR_ERROR_INVALID);
  assert_set_score_refused (f, 2022, "TCH", "1.1", PAR_STAGE_SELF, "NONE", PAR_ERROR_INVALID);
  assert_set_score_refused (f, 2022, "TCH", "8.1", PAR_STAGE_SELF, "80", PAR_ERROR_INVALID);
  assert_set_score_refused (f, 2022, "TCH", "1.2", PAR_STAGE_SELF, "Sớm", PAR_ERROR_INVALID);
  assert_set_score_refused (f, 2022, "XXX", "1.1", PAR_STAGE_SELF, "1", PAR_ERROR_NOT_FOUND);
  assert_set_score_refused (f, 2022, "TCH", "1", PAR_STAGE_SELF, "1", PAR_ERROR_NOT_FOUND);
  assert_set_score_refused (f, 2022, "TCH", "9.9", PAR_STAGE_SELF, "1", PAR_ERROR_NOT_FOUND);
  assert_set_score_refused (f, 2021, "TCH", "1.1", PAR_STAGE_SELF, "1", PAR_ERROR_NOT_FOUND);

  /* nothing was written */
  g_assert_cmpint (count_audit (f), ==, 1);
  entries = par_workspace_list_unit_entries (f->workspace, 2022, "TCH", &set, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->leaf->code, ==, "1.1");
  g_assert_cmpstr (entry->value, ==, "9.5");
  g_assert_null (entry->note);
  g_assert_cmpint (entry->points, ==, 9500);
  /* the set of the unit's block comes along */
  g_assert_cmpuint (set->leaves->len, ==, 12);
  g_assert_true (par_criteria_set_lookup (set, "1.1") == entry->leaf);
}

static const char mixed_scores[] =
  "unit,criterion,stage,value,note\n"    /* 1 */
  "TCH,1.1,self,9.5,\n"                  /* 2: valid */
  "XXX,1.1,self,1,\n"                    /* 3: unknown unit */
  "TCH,9.9,self,1,\n"                    /* 4: unknown criterion */
  "TCH,1.1,review,1,\n"                  /* 5: unknown stage */
  "TCH,1.1,self,12,\n"                   /* 6: above the maximum */
  "TCH,8.1,self,80,\n"                   /* 7: survey at the self stage */
  "TCH,\"1\",appraisal,1\n"              /* 8: a group */
  "TCH,1.2,appraisal,\"Multi\n"          /* 9: not an option, over two lines */
  "line\",\n"                            /* 10 */
  "TCH,4.1,appraisal,1.5,\n"             /* 11: not a whole count */
  "TKY,2.1,appraisal,yes,\n";            /* 12: valid */

static void
test_invalid_import_lists_every_row (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *bad_lines[] = { "line 3:", "line 4:", "line 5:", "line 6:", "line 7:", "line 8:",
                              "line 9:", "line 11:" };

  create_commune_year (f);
  g_assert_false (par_workspace_import_scores (f->workspace, 2022, mixed_scores,
                                               strlen (mixed_scores), NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_test_message ("%s", error->message);

  for (guint i = 0; i < G_N_ELEMENTS (bad_lines); i++)
    g_assert_nonnull (strstr (error->message, bad_lines[i]));
  g_assert_null (strstr (error->message, "line 2:"));
  g_assert_null (strstr (error->message, "line 10:"));
  g_assert_null (strstr (error->message, "line 12:"));
  g_assert_nonnull (strstr (error->message, "8 invalid rows"));
  /* the values are quoted */
  g_assert_nonnull (strstr (error->message, "XXX"));
  g_assert_nonnull (strstr (error->message, "9.9"));
  g_assert_nonnull (strstr (error->message, "review"));
  g_assert_nonnull (strstr (error->message, "“12”"));
  g_assert_nonnull (strstr (error->message, "“1.5”"));
}

static gint64
foreign_keys_on (Fixture *f)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_par_workspace_get_db (f->workspace),
                                       "PRAGMA foreign_keys", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* An import skips SQLite's foreign-key lookups (its keys come from the
 * year under the write lock): the checks are back after it, whether it
 * was kept or refused, and it left no dangling key. */
static void
test_import_keeps_foreign_keys (Fixture       *f,
                                gconstpointer  data)
{
  const char *invalid = "unit,criterion,stage,value\nTCH,1.1,self,11\n";
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  create_commune_year (f);
  g_assert_cmpint (foreign_keys_on (f), ==, 1);
  test_import_file (f->workspace, 2022, "tien-phuoc.scores.csv");
  g_assert_cmpint (foreign_keys_on (f), ==, 1);
  g_assert_false (par_workspace_import_scores (f->workspace, 2022, invalid, strlen (invalid),
                                               NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpint (foreign_keys_on (f), ==, 1);
  g_clear_object (&f->workspace);

  db = open_db (f->path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM score"), >, 0);
  sqlite3_close (db);
}

static void
test_invalid_import_leaves_file_unchanged (Fixture       *f,
                                           gconstpointer  data)
{
  const char *invalid_only = "unit,criterion,stage,value\nTCH,1.1,self,11\nTKY,8.2,self,50\n";
  const char *broken_csv = "unit,criterion,stage,value\nTCH,1.1,self,\"9\n";
  const char *no_header = "unit,criterion,value\nTCH,1.1,9\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = sidecar (f, "-wal");
  gint64 audit;

  create_commune_year (f);
  test_import_file (f->workspace, 2022, "tien-phuoc.scores.csv");
  audit = count_audit (f);
  g_clear_object (&f->workspace);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = file_checksum (f->path);

  reopen_workspace (f);
  g_assert_false (par_workspace_import_scores (f->workspace, 2022, invalid_only,
                                               strlen (invalid_only), NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (par_workspace_import_scores (f->workspace, 2022, mixed_scores,
                                               strlen (mixed_scores), NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (par_workspace_import_scores (f->workspace, 2022, broken_csv,
                                               strlen (broken_csv), NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (par_workspace_import_scores (f->workspace, 2022, no_header,
                                               strlen (no_header), NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_audit (f), ==, audit);
  g_clear_object (&f->workspace);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_later_row_replaces (Fixture       *f,
                         gconstpointer  data)
{
  const char *first = "unit,criterion,stage,value,note\n"
                      "TCH,1.1,self,5,đầu\n"
                      "TCH,1.1,appraisal,6,\n"
                      "TCH,1.1,self,7,sau\n";
  const char *second = "unit,criterion,stage,value\nTCH,1.1,self,8\n";
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  ParStoredEntry *entry;
  guint count = 0;
  sqlite3 *db;

  create_commune_year (f);
  g_assert_true (par_workspace_import_scores (f->workspace, 2022, first, strlen (first), &count,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 3);

  entries = par_workspace_list_unit_entries (f->workspace, 2022, "TCH", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->stage, ==, PAR_STAGE_SELF);
  g_assert_cmpstr (entry->value, ==, "7");
  g_assert_cmpstr (entry->note, ==, "sau");
  g_assert_cmpint (entry->points, ==, 7000);
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpint (entry->stage, ==, PAR_STAGE_APPRAISAL);
  g_assert_cmpstr (entry->value, ==, "6");
  /* entries created are counted in one record (stage -1); the later row
   * for the same slot is a change of its own */
  g_assert_cmpint (count_audit (f), ==, 1);

  /* a later file replaces the stored entry */
  g_assert_true (par_workspace_import_scores (f->workspace, 2022, second, strlen (second), NULL,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (f), ==, 2);
  db = open_db (f->path);
  old_value = query_text (db, "SELECT old_value FROM audit ORDER BY id DESC LIMIT 1");
  new_value = query_text (db, "SELECT new_value FROM audit ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (old_value, ==, "7");
  g_assert_cmpstr (new_value, ==, "8");
  sqlite3_close (db);
}

static void
assert_units_refused (Fixture    *f,
                      const char *csv,
                      const char *mentions1,
                      const char *mentions2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParYearResults) results = NULL;
  gint64 audit = count_audit (f);

  g_assert_false (par_workspace_import_units (f->workspace, 2022, csv, strlen (csv), NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_test_message ("%s", error->message);
  if (mentions1 != NULL)
    g_assert_nonnull (strstr (error->message, mentions1));
  if (mentions2 != NULL)
    g_assert_nonnull (strstr (error->message, mentions2));
  g_clear_error (&error);

  /* no unit of the file was added, not even the valid ones */
  results = test_compute_results (f->workspace, 2022);
  g_assert_cmpuint (par_year_results_get_block_size (results, 0), ==, 0);
  g_assert_cmpint (count_audit (f), ==, audit);
}

static void
test_units_import_errors (Fixture       *f,
                          gconstpointer  data)
{
  create_workspace (f);
  test_add_year (f->workspace, 2022, "UBND xã", "tien-phuoc.criteria.json");

  assert_units_refused (f, "code,name,block\nTCH,UBND xã Tiên Châu,UBND xã\n"
                           "TKY,UBND xã Tiên Kỳ,Khối lạ\n", "line 3:", "Khối lạ");
  assert_units_refused (f, "code,name,block\nTCH,a,UBND xã\nTKY,b,UBND xã\nTCH,c,UBND xã\n",
                        "line 4:", "TCH");
  assert_units_refused (f, "code,name\nTCH,a\n", "block", NULL);
  assert_units_refused (f, "name,block\nTCH,UBND xã\n", "code", NULL);
  assert_units_refused (f, "code,name,block\nTCH,,UBND xã\nTKY,b,UBND xã\n", "line 2:", "TCH");
  assert_units_refused (f, "code,name,block\n,a,UBND xã\n", "line 2:", NULL);
  assert_units_refused (f, "code,name,block,parent\nTCH,a,UBND xã,HUY\n", "line 2:", "HUY");
  assert_units_refused (f, "code,name,block\n", NULL, NULL);
  assert_units_refused (f, "", NULL, NULL);
}

static void
test_unit_cannot_leave_scored_block (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *move = "code,name,block\nTCH,UBND xã Tiên Châu,Phường\n";

  create_commune_year (f);
  test_add_year (f->workspace, 2022, "Phường", "tien-phuoc.criteria.json");
  g_assert_true (par_workspace_set_score (f->workspace, 2022, "TCH", "1.1", PAR_STAGE_SELF,
                                          "9", NULL, &error));
  g_assert_false (par_workspace_import_units (f->workspace, 2022, move, strlen (move), NULL,
                                              &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "TCH"));
}

static void
test_units_reimport_keeps_linked_rows (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;
  ParUnitResult *unit;
  sqlite3 *db;

  create_commune_year (f);
  test_add_year (f->workspace, 2022, "Phường", "tien-phuoc.criteria.json");
  test_import_file (f->workspace, 2022, "tien-phuoc.scores.csv");

  /* rows hanging off a unit's year as evidence links do, deleted with it */
  db = open_db (f->path);
  exec_ok (db, "PRAGMA foreign_keys = ON;"
               "CREATE TABLE test_linked ("
               "  year INTEGER NOT NULL, unit_id INTEGER NOT NULL,"
               "  FOREIGN KEY (year, unit_id) REFERENCES year_unit (year, unit_id)"
               "    ON DELETE CASCADE);"
               "INSERT INTO test_linked SELECT year, unit_id FROM year_unit;");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM test_linked"), ==, 2);

  /* the clerk imports the list again, renaming one unit and moving the
   * other (which has no scores yet) to another block */
  test_import_units (f->workspace, 2022, "code,name,block\nTCH,UBND xã Tiên Châu (mới),UBND xã\n"
                         "TKY,UBND xã Tiên Kỳ,Phường\n");

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM test_linked"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM score"), ==, 13);
  sqlite3_close (db);

  results = test_compute_results (f->workspace, 2022);
  unit = par_year_results_lookup (results, "TCH");
  g_assert_cmpstr (unit->name, ==, "UBND xã Tiên Châu (mới)");
  g_assert_cmpint (unit->points, ==, 85820);
  unit = par_year_results_lookup (results, "TKY");
  g_assert_cmpstr (par_year_results_get_block_name (results, unit->block), ==, "Phường");
}

static void
test_unit_moves_to_smaller_set (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(GError) error = NULL;
  ParUnitResult *unit;
  sqlite3 *db;

  create_commune_year (f);
  test_add_year (f->workspace, 2022, "Sở, ban, ngành", "departments.criteria.json");

  /* TKY (8 fields) moves to a block whose set has 2 */
  test_import_units (f->workspace, 2022, "code,name,block\nTKY,UBND xã Tiên Kỳ,\"Sở, ban, ngành\"\n");
  g_assert_true (par_workspace_set_score (f->workspace, 2022, "TKY", "2.1", PAR_STAGE_APPRAISAL,
                                          "50", NULL, &error));
  g_assert_no_error (error);

  db = open_db (f->path);
  /* two fields' sums, 16 bytes each, in its unit_total row */
  g_assert_cmpint (query_int (db, "SELECT length (t.fields) FROM unit_total t"
                                  " JOIN unit u ON u.id = t.unit_id"
                                  " WHERE u.code = 'TKY' AND t.year = 2022"), ==, 2 * 16);
  sqlite3_close (db);

  /* its results have the new set's fields only (and no warning) */
  reopen_workspace (f);
  results = test_compute_results (f->workspace, 2022);
  unit = par_year_results_lookup (results, "TKY");
  g_assert_cmpstr (par_year_results_get_block_name (results, unit->block), ==, "Sở, ban, ngành");
  g_assert_cmpint (unit->fields[0].max, ==, 40000);
  g_assert_cmpint (unit->fields[1].points, ==, 30000);
  g_assert_cmpint (unit->fields[1].max, ==, 60000);
  g_assert_cmpint (unit->points, ==, 30000);
}

/* Field sums that are not one pair per field of the unit's set (the file
 * changed outside ParIndex) are refused, not read as zeros. */
static void
test_damaged_field_sums (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  create_commune_year (f);
  db = open_db (f->path);
  exec_ok (db, "UPDATE unit_total SET fields = substr (fields, 1, 24)"
               " WHERE year = 2022 AND unit_id = (SELECT id FROM unit WHERE code = 'TKY')");
  sqlite3_close (db);

  reopen_workspace (f);
  results = par_workspace_compute_results (f->workspace, 2022, &error);
  g_assert_null (results);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "the stored field sums of unit “TKY” cannot be read"));
}

static void
test_unit_keeps_code_across_years (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(ParYearResults) results_2023 = NULL;
  g_autoptr(ParYearResults) results_2024 = NULL;
  g_autoptr(GError) error = NULL;
  ParUnitResult *unit;
  sqlite3 *db;

  create_workspace (f);
  test_add_year (f->workspace, 2023, "Huyện Tiên Phước", "tien-phuoc.criteria.json");
  test_add_year (f->workspace, 2023, "UBND xã", "tien-phuoc.criteria.json");
  test_add_year (f->workspace, 2024, "UBND xã", "tien-phuoc.criteria.json");
  test_add_year (f->workspace, 2024, "Tỉnh Quảng Nam", "tien-phuoc.criteria.json");
  test_import_units (f->workspace, 2023, "code,name,block\nTCH,UBND xã Tiên Châu,Huyện Tiên Phước\n");
  test_import_units (f->workspace, 2024, "code,name,block\nTCH,UBND xã Tiên Châu,Tỉnh Quảng Nam\n"
                         "TKY,UBND xã Tiên Kỳ,UBND xã\n");
  g_assert_true (par_workspace_set_score (f->workspace, 2023, "TCH", "3.2", PAR_STAGE_APPRAISAL,
                                          "11", NULL, &error));
  g_assert_no_error (error);

  db = open_db (f->path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM unit WHERE code = 'TCH'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM year_unit"), ==, 3);
  sqlite3_close (db);

  results_2023 = test_compute_results (f->workspace, 2023);
  unit = par_year_results_lookup (results_2023, "TCH");
  g_assert_cmpstr (par_year_results_get_block_name (results_2023, unit->block), ==,
                   "Huyện Tiên Phước");
  g_assert_cmpint (unit->points, ==, 11000);
  g_assert_null (par_year_results_lookup (results_2023, "TKY"));

  results_2024 = test_compute_results (f->workspace, 2024);
  unit = par_year_results_lookup (results_2024, "TCH");
  g_assert_cmpstr (par_year_results_get_block_name (results_2024, unit->block), ==,
                   "Tỉnh Quảng Nam");
  g_assert_cmpint (unit->points, ==, 0);
  /* the same unit, whatever its block */
  g_assert_true (unit->has_previous);
  g_assert_cmpint (unit->previous_index, ==, 1100);
  g_assert_false (par_year_results_lookup (results_2024, "TKY")->has_previous);
}

static void
test_migrate_from_v1 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ParCriteriaSet) set = test_criteria_set ("tien-phuoc.criteria.json");
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GError) error = NULL;
  ParUnitResult *unit;
  sqlite3 *db = NULL;

  /* a workspace as the first release wrote it */
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  g_assert_true (par_schema_migrate (db, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 1);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO criteria_set (id, checksum, title, json)"
                                           " VALUES (1, ?, ?, ?)", -1, &insert, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (insert, 1, set->checksum, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, set->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, set->json, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
  g_clear_pointer (&insert, sqlite3_finalize);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO criterion (set_id, code, leaf_index)"
                                           " VALUES (1, ?, ?)", -1, &insert, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < set->nodes->len; i++)
    {
      const ParCriterion *node = g_ptr_array_index (set->nodes, i);

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, node->code, -1, SQLITE_STATIC);
      if (node->leaf_index >= 0)
        sqlite3_bind_int (insert, 2, node->leaf_index);
      else
        sqlite3_bind_null (insert, 2);
      g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
    }
  g_clear_pointer (&insert, sqlite3_finalize);

  exec_ok (db,
           "INSERT INTO year (year) VALUES (2021);"
           "INSERT INTO block (id, year, name, position, set_id) VALUES (1, 2021, 'UBND xã', 0, 1);"
           "INSERT INTO unit (id, code, name, kind) VALUES (1, 'TCH', 'UBND xã Tiên Châu', 'xã'),"
           "  (2, 'TKY', 'UBND xã Tiên Kỳ', 'xã');"
           "INSERT INTO year_unit (year, unit_id, block_id) VALUES (2021, 1, 1), (2021, 2, 1);"
           "INSERT INTO score (year, unit_id, criterion_id, stage, state, value, points,"
           "  applicable, note, changed_at) VALUES"
           "  (2021, 1, (SELECT id FROM criterion WHERE code = '1.1'), 1, 1, '9.47', 9470, 1,"
           "   'Thiếu báo cáo', '2022-01-10T08:00:00Z'),"
           "  (2021, 2, (SELECT id FROM criterion WHERE code = '3.2'), 1, 1, '11', 11000, 1,"
           "   NULL, '2022-01-10T08:00:00Z'),"
           "  (2021, 2, (SELECT id FROM criterion WHERE code = '4.1'), 0, 2, 'NA', 0, 0,"
           "   NULL, '2022-01-10T08:00:00Z');");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  /* a command that only reads leaves the old file as it was: it reads
   * through a copy brought up to date, gone once closed */
  {
    g_autoptr(ParWorkspace) reader = NULL;
    g_autoptr(ParYearResults) read_results = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    gsize before_len, after_len;

    g_assert_true (g_file_get_contents (f->path, &before, &before_len, NULL));
    reader = par_workspace_open (f->path, PAR_WORKSPACE_OPEN_READ, &error);
    g_assert_no_error (error);
    read_results = test_compute_results (reader, 2021);
    g_assert_cmpint (par_year_results_lookup (read_results, "TCH")->points, ==, 9470);
    par_workspace_close (reader);
    g_assert_true (g_file_get_contents (f->path, &after, &after_len, NULL));
    g_assert_cmpmem (before, before_len, after, after_len);
  }

  /* opening to change brings it up to date */
  reopen_workspace (f);
  db = open_db (f->path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, par_schema_get_latest_version ());
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, PAR_SCHEMA_APPLICATION_ID);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM score"), ==, 3);
  sqlite3_close (db);

  /* with its data, and results computed from it */
  results = test_compute_results (f->workspace, 2021);
  unit = par_year_results_lookup (results, "TCH");
  g_assert_cmpint (unit->points, ==, 9470);
  g_assert_cmpint (unit->max, ==, 100000);
  g_assert_cmpint (unit->index, ==, 947);
  g_assert_cmpuint (unit->rank, ==, 2);
  g_assert_true (unit->provisional);
  unit = par_year_results_lookup (results, "TKY");
  g_assert_cmpint (unit->points, ==, 11000);
  g_assert_cmpint (unit->max, ==, 94000);
  g_assert_cmpint (unit->index, ==, 1170);
  g_assert_cmpuint (unit->rank, ==, 1);

  entries = par_workspace_list_unit_entries (f->workspace, 2021, "TCH", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((ParStoredEntry *) g_ptr_array_index (entries, 0))->note, ==, "Thiếu báo cáo");

  /* and the newer tables work: an edit is audited */
  g_assert_true (par_workspace_set_score (f->workspace, 2021, "TCH", "1.1", PAR_STAGE_APPRAISAL,
                                          "10", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (f), ==, 1);

  /* a second opening has nothing left to do */
  reopen_workspace (f);
  g_clear_pointer (&results, par_year_results_free);
  results = test_compute_results (f->workspace, 2021);
  g_assert_cmpint (par_year_results_lookup (results, "TCH")->points, ==, 10000);
}

static void
test_newer_schema_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *sql = NULL;
  sqlite3 *db;

  create_commune_year (f);
  g_clear_object (&f->workspace);

  db = open_db (f->path);
  sql = g_strdup_printf ("PRAGMA user_version = %d", par_schema_get_latest_version () + 1);
  exec_ok (db, sql);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  assert_open_refused (f, PAR_WORKSPACE_OPEN_EXISTING, PAR_ERROR_VERSION);
}

static void
test_unknown_year (Fixture       *f,
                   gconstpointer  data)
{
  const char *scores = "unit,criterion,stage,value\nTCH,1.1,self,1\n";
  g_autoptr(GError) error = NULL;

  create_commune_year (f);
  g_assert_false (par_workspace_import_scores (f->workspace, 2019, scores, strlen (scores), NULL,
                                               &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "2019"));
  g_clear_error (&error);
  g_assert_null (par_workspace_compute_results (f->workspace, 2019, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
}

static void
test_publish_freezes_and_reopen_is_audited (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr(ParDecision) decision = par_decision_new ();
  g_autoptr(ParDecision) stored = NULL;
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *stored_fingerprint = NULL;
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;
  gint64 audit_before;

  create_commune_year (f);
  test_import_file (f->workspace, 2022, "tien-phuoc.scores.csv");

  /* A decision without a date is refused and nothing is frozen. */
  decision->number = g_strdup ("215/QĐ-UBND");
  g_assert_false (par_workspace_publish (f->workspace, 2022, decision, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (par_workspace_is_published (f->workspace, 2022, NULL));

  decision->date = g_strdup ("2023-01-12");
  /* A title longer than a name, as the window could send it, is refused
   * by the workspace itself. */
  decision->title = g_strnfill (PAR_LIMIT_NAME_CHARS + 1, 'x');
  g_assert_false (par_workspace_publish (f->workspace, 2022, decision, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (par_workspace_is_published (f->workspace, 2022, NULL));
  g_clear_pointer (&decision->title, g_free);

  decision->signer = g_strdup ("Nguyễn Văn A");
  g_assert_true (par_workspace_publish (f->workspace, 2022, decision, &fingerprint, &error));
  g_assert_no_error (error);
  g_assert_true (par_workspace_is_published (f->workspace, 2022, NULL));

  /* The fingerprint is SHA-256 of the canonical (JSON) results. */
  results = test_compute_results (f->workspace, 2022);
  json = par_results_format_json (results);
  expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
  g_assert_cmpstr (fingerprint, ==, expected);

  stored = par_workspace_get_decision (f->workspace, 2022, &stored_fingerprint, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->number, ==, "215/QĐ-UBND");
  g_assert_cmpstr (stored->signer, ==, "Nguyễn Văn A");
  g_assert_cmpstr (stored_fingerprint, ==, fingerprint);

  /* Every write path refuses a published year. */
  audit_before = par_workspace_count_audit (f->workspace, NULL);
  g_assert_false (par_workspace_set_score (f->workspace, 2022, "TCH", "1.1", PAR_STAGE_SELF,
                                           "5", NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (par_workspace_import_scores (f->workspace, 2022,
                                               "unit,criterion,stage,value\nTCH,1.1,self,5\n",
                                               -1 + sizeof "unit,criterion,stage,value\nTCH,1.1,self,5\n",
                                               NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (par_workspace_import_units (f->workspace, 2022,
                                              "code,name,block\nNEW,UBND xã Mới,UBND xã\n",
                                              -1 + sizeof "code,name,block\nNEW,UBND xã Mới,UBND xã\n",
                                              NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (par_workspace_publish (f->workspace, 2022, decision, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_cmpint (par_workspace_count_audit (f->workspace, NULL), ==, audit_before);

  /* Reopening needs a reason and is written to the audit log. */
  g_assert_false (par_workspace_reopen (f->workspace, 2022, "  ", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (par_workspace_reopen (f->workspace, 2022, "Sửa sai sót", &error));
  g_assert_no_error (error);
  g_assert_cmpint (par_workspace_count_audit (f->workspace, NULL), ==, audit_before + 1);
  g_assert_false (par_workspace_is_published (f->workspace, 2022, NULL));
  g_assert_true (par_workspace_set_score (f->workspace, 2022, "TCH", "1.1", PAR_STAGE_SELF,
                                          "5", NULL, &error));
  g_assert_no_error (error);
}

static void
setting_changed_cb (ParWorkspace *workspace,
                    const char   *key,
                    guint        *count)
{
  g_assert_cmpstr (key, ==, PAR_SETTING_ISSUER);
  (*count)++;
}

/* The issuing body (parindex-cli settings, the window's Workspace
 * Settings): stored trimmed with one audit record per real change,
 * bounded, and announced here and to another program watching the file. */
static void
test_setting_audited_and_announced (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) other = NULL;
  g_autofree char *value = NULL;
  g_autofree char *too_long = NULL;
  g_autofree char *origin = NULL;
  guint here = 0;
  guint there = 0;
  sqlite3 *db;

  create_commune_year (f);
  g_signal_connect (f->workspace, "setting-changed::" PAR_SETTING_ISSUER,
                    G_CALLBACK (setting_changed_cb), &here);
  g_assert_true (par_workspace_set_setting (f->workspace, PAR_SETTING_ISSUER,
                                            "  UBND tỉnh Quảng Nam ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (here, ==, 1);
  /* The same value again is no change. */
  g_assert_true (par_workspace_set_setting (f->workspace, PAR_SETTING_ISSUER,
                                            "UBND tỉnh Quảng Nam", &error));
  g_assert_cmpuint (here, ==, 1);
  db = open_db (f->path);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM audit WHERE year = 0"), ==, 1);
  sqlite3_close (db);

  /* Too long: refused, nothing changes. */
  too_long = g_strnfill (501, 'x');
  g_assert_false (par_workspace_set_setting (f->workspace, PAR_SETTING_ISSUER, too_long, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  value = par_workspace_get_setting (f->workspace, PAR_SETTING_ISSUER, &error);
  g_assert_cmpstr (value, ==, "UBND tỉnh Quảng Nam");
  g_clear_pointer (&value, g_free);

  db = open_db (f->path);
  origin = query_text (db, "SELECT origin || ' ' || detail || ' ' || new_value FROM audit"
                           " WHERE year = 0");
  g_assert_true (g_str_has_suffix (origin, ":setting issuer UBND tỉnh Quảng Nam"));
  sqlite3_close (db);

  /* Another program changes it: the watching workspace announces it. */
  par_workspace_watch (f->workspace);
  other = test_workspace_open (f->path, PAR_WORKSPACE_OPEN_EXISTING);
  g_signal_connect (other, "setting-changed", G_CALLBACK (setting_changed_cb), &there);
  g_assert_true (par_workspace_set_setting (other, PAR_SETTING_ISSUER, "UBND tỉnh Sông Lam",
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (there, ==, 1);
  g_assert_true (par_workspace_check_changes (f->workspace));
  g_assert_cmpuint (here, ==, 2);
  value = par_workspace_get_setting (f->workspace, PAR_SETTING_ISSUER, &error);
  g_assert_cmpstr (value, ==, "UBND tỉnh Sông Lam");
  g_clear_pointer (&value, g_free);

  /* Removed with an empty value. */
  g_assert_true (par_workspace_set_setting (other, PAR_SETTING_ISSUER, " ", &error));
  g_assert_true (par_workspace_check_changes (f->workspace));
  g_assert_cmpuint (here, ==, 3);
  value = par_workspace_get_setting (f->workspace, PAR_SETTING_ISSUER, &error);
  g_assert_no_error (error);
  g_assert_null (value);
  /* The records belong to the chain of no year, which still holds. */
  g_assert_true (par_workspace_verify (f->workspace, 0, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/par/workspace/" path, Fixture, NULL, workspace_fixture_set_up, func, workspace_fixture_tear_down)

  ADD ("create-and-reopen", test_create_and_reopen);
  ADD ("publish-freezes-and-reopen-is-audited", test_publish_freezes_and_reopen_is_audited);
  ADD ("create-refuses-existing-file", test_create_refuses_existing);
  ADD ("open-refuses-missing-file", test_open_refuses_missing);
  ADD ("open-refuses-non-sqlite-file", test_open_refuses_non_sqlite);
  ADD ("open-on-document-portal-says-what-to-do", test_open_on_document_portal);
  ADD ("open-refuses-foreign-sqlite-file", test_open_refuses_foreign_sqlite);
  ADD ("foreign-keys-and-wal", test_pragmas);
  ADD ("audit-one-record-per-change", test_audit_records);
  ADD ("audit-append-only", test_audit_append_only);
  ADD ("setting-audited-and-announced", test_setting_audited_and_announced);
  ADD ("set-score-invalid-writes-nothing", test_set_score_invalid);
  ADD ("invalid-import-lists-every-row", test_invalid_import_lists_every_row);
  ADD ("invalid-import-leaves-file-unchanged", test_invalid_import_leaves_file_unchanged);
  ADD ("import-keeps-foreign-keys", test_import_keeps_foreign_keys);
  ADD ("later-row-replaces-earlier", test_later_row_replaces);
  ADD ("units-import-errors", test_units_import_errors);
  ADD ("unit-cannot-leave-scored-block", test_unit_cannot_leave_scored_block);
  ADD ("units-reimport-keeps-linked-rows", test_units_reimport_keeps_linked_rows);
  ADD ("unit-moves-to-smaller-set", test_unit_moves_to_smaller_set);
  ADD ("damaged-field-sums", test_damaged_field_sums);
  ADD ("unit-keeps-code-across-years", test_unit_keeps_code_across_years);
  ADD ("migrate-from-schema-1", test_migrate_from_v1);
  ADD ("newer-schema-refused", test_newer_schema_refused);
  ADD ("unknown-year", test_unknown_year);

#undef ADD

  return g_test_run ();
}
