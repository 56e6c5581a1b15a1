/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "cli-run.h"
#include "par-audit.h"
#include "par-error.h"
#include "par-history.h"
#include "par-workspace.h"

/* The history of a year, a unit and a criterion: read from the audit log
 * by the core (at once and on a worker thread), and printed by
 * `parindex-cli history` as text, CSV and JSON. */

typedef WorkspaceFixture Fixture;

/* The Tiên Phước workspace built by parindex-cli ("cli:" records), then
 * edited as the window edits it ("window:" records). */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  workspace_fixture_init (f, "Tiên Phước.parindex");
  make_tien_phuoc (f->path, "2022");
  f->workspace = test_workspace_open (f->path, PAR_WORKSPACE_OPEN_EXISTING);
  par_audit_set_program ("window");
  g_assert_true (par_workspace_set_score (f->workspace, 2022, "TCH", "1.1", PAR_STAGE_APPRAISAL,
                                          "9.75", "Bổ sung báo cáo", &error));
  g_assert_no_error (error);
  g_assert_true (par_workspace_set_score (f->workspace, 2022, "TKY", "1.1", PAR_STAGE_SELF, "8",
                                          NULL, &error));
  g_assert_no_error (error);
  g_assert_true (par_workspace_rename_unit (f->workspace, 2022, "TKY", "UBND xã Tiên Kỳ mới",
                                            &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  par_audit_set_program (NULL);
  workspace_fixture_tear_down (f, data);
}

static const ParHistoryRecord *
record_at (GPtrArray *records,
           guint      i)
{
  g_assert_cmpuint (i, <, records->len);
  return g_ptr_array_index (records, i);
}

/* Newest first; a unit's history has its entries and the unit's own
 * records; a criterion's only that criterion's; values and notes old and
 * new, user, time and origin as written. */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) year = NULL;
  g_autoptr(GPtrArray) unit = NULL;
  g_autoptr(GPtrArray) criterion = NULL;
  g_autoptr(GError) error = NULL;
  const ParHistoryRecord *record;

  year = par_workspace_list_history (f->workspace, 2022, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* The block, two units, the import's one record for the 13 entries it
   * created, two edits, the rename. */
  g_assert_cmpuint (year->len, ==, 7);
  for (guint i = 1; i < year->len; i++)
    g_assert_cmpint (record_at (year, i - 1)->id, >, record_at (year, i)->id);
  /* The newest: the rename. */
  record = record_at (year, 0);
  g_assert_cmpstr (record->unit_code, ==, "TKY");
  g_assert_cmpstr (record->criterion_code, ==, "");
  g_assert_cmpint (record->stage, ==, -1);
  g_assert_cmpstr (record->old_value, ==, "UBND xã Tiên Kỳ");
  g_assert_cmpstr (record->new_value, ==, "UBND xã Tiên Kỳ mới");
  g_assert_cmpstr (record->origin, ==, "window:rename-unit");
  g_assert_cmpstr (record->user, ==, g_get_user_name ());
  {
    g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (record->at, NULL);

    g_assert_nonnull (at);
  }
  record = record_at (year, 3);
  g_assert_cmpstr (record->origin, ==, "cli:import");
  g_assert_cmpstr (record->unit_code, ==, "");
  g_assert_cmpstr (record->new_value, ==, "13");
  {
    g_autofree char *change = par_history_describe_change (record, '.');

    g_assert_cmpstr (change, ==, "13 entries created");
  }
  /* The oldest: the block added by parindex-cli. */
  g_assert_cmpstr (record_at (year, year->len - 1)->origin, ==, "cli:add-block");

  unit = par_workspace_list_history (f->workspace, 2022, "TKY", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unit->len, ==, 3);   /* added, scored, renamed */
  g_assert_cmpstr (record_at (unit, 1)->criterion_code, ==, "1.1");
  g_assert_cmpstr (record_at (unit, 1)->new_value, ==, "8");
  g_assert_cmpstr (record_at (unit, 2)->origin, ==, "cli:import-units");
  for (guint i = 0; i < unit->len; i++)
    g_assert_cmpstr (record_at (unit, i)->unit_code, ==, "TKY");

  criterion = par_workspace_list_history (f->workspace, 2022, "TCH", "1.1", NULL, &error);
  g_assert_no_error (error);
  /* Imported where there were none (counted in the import's record), then
   * edited. */
  g_assert_cmpuint (criterion->len, ==, 1);
  record = record_at (criterion, 0);
  g_assert_cmpint (record->stage, ==, PAR_STAGE_APPRAISAL);
  g_assert_cmpstr (record->old_value, ==, "9.47");
  g_assert_cmpstr (record->new_value, ==, "9.75");
  g_assert_cmpstr (record->old_note, ==, "Trừ 0,03; thiếu báo cáo");
  g_assert_cmpstr (record->new_note, ==, "Bổ sung báo cáo");
  g_assert_cmpstr (record->origin, ==, "window:edit");
  for (guint i = 0; i < criterion->len; i++)
    g_assert_cmpstr (record_at (criterion, i)->criterion_code, ==, "1.1");
}

/* A unit removed from the year keeps its history; a unit the workspace
 * never had, and a year it lacks, are said. */
static void
test_removed_and_unknown (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (par_workspace_remove_unit (f->workspace, 2022, "TKY", &error));
  g_assert_no_error (error);
  records = par_workspace_list_history (f->workspace, 2022, "TKY", "1.1", NULL, &error);
  g_assert_no_error (error);
  /* Scored, then removed with the unit. */
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (record_at (records, 0)->origin, ==, "window:remove-unit");
  g_assert_cmpstr (record_at (records, 0)->old_value, ==, "8");
  g_assert_null (record_at (records, 0)->new_value);

  none = par_workspace_list_history (f->workspace, 2022, "XYZ", NULL, NULL, &error);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_assert_null (none);
  g_clear_error (&error);
  none = par_workspace_list_history (f->workspace, 2031, NULL, NULL, NULL, &error);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_assert_null (none);
}

static void
history_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
result_ready (gpointer result)
{
  return *(GAsyncResult **) result != NULL;
}

static GPtrArray *
list_async (ParWorkspace  *workspace,
            const char    *unit,
            const char    *criterion,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  par_workspace_list_history_async (workspace, 2022, unit, criterion, cancellable,
                                    history_ready_cb, &result);
  wait_for (result_ready, &result, "the history");
  return par_workspace_list_history_finish (workspace, result, error);
}

/* On a worker thread with a connection of its own, the same records; a
 * cancelled read says so. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) direct = NULL;
  g_autoptr(GPtrArray) threaded = NULL;
  g_autoptr(GPtrArray) cancelled = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  direct = par_workspace_list_history (f->workspace, 2022, "TCH", NULL, NULL, &error);
  g_assert_no_error (error);
  threaded = list_async (f->workspace, "TCH", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (threaded->len, ==, direct->len);
  for (guint i = 0; i < direct->len; i++)
    {
      g_assert_cmpint (record_at (threaded, i)->id, ==, record_at (direct, i)->id);
      g_assert_cmpstr (record_at (threaded, i)->new_value, ==, record_at (direct, i)->new_value);
    }

  g_cancellable_cancel (cancellable);
  cancelled = list_async (f->workspace, NULL, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
}

/* Origins taken apart and said in words. */
static void
test_origin (void)
{
  g_auto(ParOrigin) package = { NULL };
  g_auto(ParOrigin) window = { NULL };
  g_auto(ParOrigin) legacy = { NULL };
  g_autofree char *package_text = NULL;
  g_autofree char *window_text = NULL;
  g_autofree char *legacy_text = NULL;

  par_origin_parse ("cli:receive package:9dd12e558dbafe45 round 2", &package);
  g_assert_cmpstr (package.program, ==, "cli");
  g_assert_cmpstr (package.action, ==, "receive");
  g_assert_cmpstr (package.package, ==, "9dd12e558dbafe45");
  g_assert_cmpint (package.round, ==, 2);
  package_text = par_origin_describe (&package);
  g_assert_cmpstr (package_text, ==, "package 9dd12e558dbafe45, round 2 (the command line)");

  par_origin_parse ("window:edit", &window);
  g_assert_cmpstr (window.program, ==, "window");
  g_assert_cmpstr (window.action, ==, "edit");
  g_assert_null (window.package);
  window_text = par_origin_describe (&window);
  g_assert_cmpstr (window_text, ==, "the window");
  g_assert_cmpstr (par_origin_describe_action (window.action), ==, "score edited");

  /* Records written before the chain keep their bare action. */
  par_origin_parse ("import", &legacy);
  g_assert_null (legacy.program);
  g_assert_cmpstr (legacy.action, ==, "import");
  legacy_text = par_origin_describe (&legacy);
  g_assert_cmpstr (legacy_text, ==, "");
}

/* The text in Vietnamese: the origin in words ("cửa sổ", "dòng lệnh",
 * "gói hồ sơ … vòng 2") and numbers with a decimal comma. */
static void
test_origin_vietnamese (void)
{
  g_autofree char *po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (po, "vi", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_auto(ParOrigin) package = { NULL };
  g_auto(ParOrigin) window = { NULL };
  g_autofree char *package_text = NULL;
  g_autofree char *window_text = NULL;
  g_autofree char *value = NULL;

  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the Vietnamese catalogue is not built");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", "vi", TRUE);

  par_origin_parse ("cli:link package:9dd12e558dbafe45 round 2", &package);
  par_origin_parse ("window:edit", &window);
  package_text = par_origin_describe (&package);
  window_text = par_origin_describe (&window);
  g_assert_cmpstr (package_text, ==, "gói hồ sơ 9dd12e558dbafe45, vòng 2 (dòng lệnh)");
  g_assert_cmpstr (window_text, ==, "cửa sổ");
  value = par_history_describe_value ("97.5", ',');
  g_assert_cmpstr (value, ==, "97,5");
  g_clear_pointer (&value, g_free);
  value = par_history_describe_value ("NA", ',');
  g_assert_cmpstr (value, ==, "không áp dụng");

  g_setenv ("LANGUAGE", "C", TRUE);
}

/* parindex-cli history as text, CSV and JSON; the files read the same in
 * every locale, the text follows the user's language and decimal sign. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *root;
  JsonArray *records;
  JsonObject *newest;

  g_clear_object (&f->workspace);
  {
    g_auto(Run) run = run_cli ("history", f->path, "2022", "TCH", "1.1");

    g_assert_cmpint (run.status, ==, 0);
    lines = g_strsplit (run.out, "\n", -1);
    g_assert_cmpstr (lines[0], ==, "History of criterion 1.1 of unit TCH in 2022, newest first");
    g_assert_nonnull (strstr (lines[1], "appraisal"));
    g_assert_nonnull (strstr (lines[1], "9.47 → 9.75; note “Trừ 0,03; thiếu báo cáo” → "
                                        "“Bổ sung báo cáo”  [score edited, the window]"));
    g_assert_cmpuint (g_strv_length (lines), ==, 3);  /* the record, the title, "" */
  }
  {
    /* The year's: the import's one record for the entries it created. */
    g_auto(Run) run = run_cli ("history", f->path, "2022");

    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "13 entries created  [scores imported from a file, "
                                       "the command line]\n"));
  }
  if (setlocale (LC_ALL, "vi_VN.UTF-8") != NULL)
    {
      /* In Vietnamese: the origin in words, numbers with a decimal comma. */
      g_autofree char *po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
      g_autofree char *localedir = g_strconcat ("PARINDEX_LOCALEDIR=", po, NULL);
      g_auto(Run) run = run_cli_env ((const char * const[]) { "LC_ALL=vi_VN.UTF-8", "LANGUAGE=vi",
                                                              localedir, NULL },
                                     (const char * const[]) { "history", f->path, "2022", "TCH",
                                                              "1.1", NULL });

      setlocale (LC_ALL, "C.UTF-8");
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "9,47 → 9,75"));
      g_assert_nonnull (strstr (run.out, "[sửa điểm, cửa sổ]"));
      g_assert_nonnull (strstr (run.out, "thẩm định"));
    }
  {
    g_auto(Run) run = run_cli ("history", f->path, "2022", "TCH", "--format", "csv");
    g_auto(GStrv) rows = NULL;

    g_assert_cmpint (run.status, ==, 0);
    rows = g_strsplit (run.out, "\n", -1);
    g_assert_cmpstr (rows[0], ==, "id,at,user,year,unit,criterion,stage,old_value,new_value,"
                                  "old_note,new_note,origin,program,action,package,round,detail");
    g_assert_nonnull (strstr (rows[1], ",2022,TCH,1.1,appraisal,9.47,9.75,"
                                       "\"Trừ 0,03; thiếu báo cáo\",Bổ sung báo cáo,window:edit,"
                                       "window,edit,,,"));
  }
  {
    g_auto(Run) run = run_cli_with ("LC_ALL=vi_VN.UTF-8", "history", f->path, "2022", "TCH",
                                    "1.1", "--format", "json");

    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2022);
    g_assert_cmpstr (json_object_get_string_member (root, "unit"), ==, "TCH");
    g_assert_cmpstr (json_object_get_string_member (root, "criterion"), ==, "1.1");
    records = json_object_get_array_member (root, "records");
    g_assert_cmpuint (json_array_get_length (records), ==, 1);
    newest = json_array_get_object_element (records, 0);
    g_assert_cmpstr (json_object_get_string_member (newest, "stage"), ==, "appraisal");
    g_assert_cmpstr (json_object_get_string_member (newest, "old_value"), ==, "9.47");
    g_assert_cmpstr (json_object_get_string_member (newest, "new_value"), ==, "9.75");
    g_assert_cmpstr (json_object_get_string_member (newest, "program"), ==, "window");
    g_assert_cmpstr (json_object_get_string_member (newest, "action"), ==, "edit");
    g_assert_true (json_object_get_null_member (newest, "package"));
  }
  {
    g_auto(Run) run = run_cli ("history", f->path, "2022", "--format", "json");

    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_true (json_object_get_null_member (root, "unit"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "records")), ==,
                      7);
  }
  {
    g_auto(Run) unknown = run_cli ("history", f->path, "2022", "XYZ");
    g_auto(Run) format = run_cli ("history", f->path, "2022", "--format", "xml");
    g_auto(Run) extra = run_cli ("history", f->path, "2022", "TCH", "1.1", "more");

    g_assert_cmpint (unknown.status, ==, 2);
    g_assert_nonnull (strstr (unknown.err, "XYZ"));
    g_assert_cmpstr (unknown.out, ==, "");
    g_assert_cmpint (format.status, ==, 1);
    g_assert_cmpint (extra.status, ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/par/history/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/par/history/removed-and-unknown", Fixture, NULL, fixture_set_up,
              test_removed_and_unknown, fixture_tear_down);
  g_test_add ("/par/history/async", Fixture, NULL, fixture_set_up, test_async, fixture_tear_down);
  g_test_add_func ("/par/history/origin", test_origin);
  g_test_add_func ("/par/history/origin-vietnamese", test_origin_vietnamese);
  g_test_add ("/par/history/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}
