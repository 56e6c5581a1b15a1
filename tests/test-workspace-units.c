/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>

#include "par-error.h"
#include "par-i18n.h"
#include "par-workspace.h"
#include "test-common.h"

/* Units, batch score writes, accepting a self-assessment and explanations,
 * on a workspace built from the tests/data/tien-phuoc.* fixtures. */

static ParWorkspace *
make_workspace (char **out_path)
{
  static int counter;
  char *path = g_strdup_printf ("%s/units-%d.parindex", test_workdir (), counter++);
  ParWorkspace *workspace = test_workspace_open (path, PAR_WORKSPACE_CREATE_NEW);

  load_tien_phuoc (workspace, 2024);
  if (out_path != NULL)
    *out_path = path;
  else
    g_free (path);
  return workspace;
}

static const char *
stored (ParWorkspace *workspace,
        int           year,
        const char   *unit,
        const char   *criterion,
        ParStage      stage)
{
  const ParStoredEntry *entry = test_stored_entry (workspace, year, unit, criterion, stage);

  return entry != NULL ? entry->value : NULL;
}

static void
test_add_rename_remove (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = make_workspace (NULL);
  g_autoptr(ParYearResults) results = NULL;
  gint64 audit;

  g_assert_true (par_workspace_add_unit (workspace, 2024, "TLA", "UBND xã Tiên Lãnh", "UBND xã",
                                         &error));
  g_assert_no_error (error);
  results = par_workspace_compute_results (workspace, 2024, &error);
  g_assert_nonnull (par_year_results_lookup (results, "TLA"));
  /* A new unit has no entry: 0 of the full maximum. */
  g_assert_cmpint (par_year_results_lookup (results, "TLA")->max, ==, 100000);
  g_clear_pointer (&results, par_year_results_free);

  g_assert_false (par_workspace_add_unit (workspace, 2024, "TLA", "again", "UBND xã", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (par_workspace_add_unit (workspace, 2024, "TXX", "x", "no such block", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (par_workspace_rename_unit (workspace, 2024, "TLA", "Xã Tiên Lãnh", &error));
  results = par_workspace_compute_results (workspace, 2024, &error);
  g_assert_cmpstr (par_year_results_lookup (results, "TLA")->name, ==, "Xã Tiên Lãnh");
  g_clear_pointer (&results, par_year_results_free);

  /* Removing a scored unit keeps its entries in the audit log, then the
   * unit's removal. */
  audit = par_workspace_count_audit (workspace, NULL);
  g_assert_true (par_workspace_remove_unit (workspace, 2024, "TCH", &error));
  g_assert_no_error (error);
  g_assert_cmpint (par_workspace_count_audit (workspace, NULL), ==, audit + 13 + 1);
  results = par_workspace_compute_results (workspace, 2024, &error);
  g_assert_null (par_year_results_lookup (results, "TCH"));
}

static void
test_copy_units (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = make_workspace (NULL);
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *path = test_data_path ("tien-phuoc.criteria.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ParCriteriaSet) set = par_criteria_set_new_from_file (file, NULL, NULL);
  guint count = 0;

  g_assert_true (par_workspace_add_year (workspace, 2025, "UBND xã", set, &error));
  g_assert_true (par_workspace_copy_units (workspace, 2024, 2025, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 2);
  /* Copying again adds nothing; scores are not copied. */
  g_assert_true (par_workspace_copy_units (workspace, 2024, 2025, &count, &error));
  g_assert_cmpuint (count, ==, 0);
  entries = par_workspace_list_unit_entries (workspace, 2025, "TCH", NULL, &error);
  g_assert_cmpuint (entries->len, ==, 0);
  results = par_workspace_compute_results (workspace, 2025, &error);
  g_assert_true (par_year_results_lookup (results, "TCH")->has_previous);
}

static void
test_set_scores_all_or_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = make_workspace (NULL);
  ParScoreChange changes[] = {
    { "TKY", "1.1", PAR_STAGE_SELF, "8", NULL },
    { "TKY", "2.1", PAR_STAGE_SELF, "maybe", NULL },
  };
  gint64 audit = par_workspace_count_audit (workspace, NULL);

  g_assert_false (par_workspace_set_scores (workspace, 2024, changes, 2, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (stored (workspace, 2024, "TKY", "1.1", PAR_STAGE_SELF));
  g_assert_cmpint (par_workspace_count_audit (workspace, NULL), ==, audit);

  changes[1].value = "no";
  g_assert_true (par_workspace_set_scores (workspace, 2024, changes, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stored (workspace, 2024, "TKY", "1.1", PAR_STAGE_SELF), ==, "8");
  g_assert_cmpstr (stored (workspace, 2024, "TKY", "2.1", PAR_STAGE_SELF), ==, "no");
  g_assert_cmpint (par_workspace_count_audit (workspace, NULL), ==, audit + 2);
}

/* A unit whose entries are loaded (the unit the window shows) and read
 * again after an entry was removed — Undo of its only score — drops that
 * entry from its totals, rather than keeping the removed points. */
static void
test_reload_after_removal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = make_workspace (NULL);
  g_autoptr(ParYearResults) results = NULL;
  ParUnitResult *unit;
  ParMilli before;

  results = par_workspace_compute_results (workspace, 2024, &error);
  g_assert_no_error (error);
  unit = par_year_results_lookup (results, "TKY");
  g_assert_true (par_workspace_load_unit_entries (workspace, results, unit, &error));
  g_assert_no_error (error);
  before = unit->points;

  g_assert_true (par_workspace_set_score (workspace, 2024, "TKY", "1.1", PAR_STAGE_APPRAISAL, "7",
                                          NULL, &error));
  g_assert_true (par_workspace_reload_unit (workspace, results, unit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (unit->points, !=, before);

  g_assert_true (par_workspace_set_score (workspace, 2024, "TKY", "1.1", PAR_STAGE_APPRAISAL, "",
                                          NULL, &error));
  g_assert_true (par_workspace_reload_unit (workspace, results, unit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (unit->points, ==, before);
}

/* An entry changed since it was left, by an import (whose audit record
 * names no sub-criterion): the refusal says what the value is now, without
 * a "?" for who changed it. */
static void
test_conflict_after_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = make_workspace (NULL);
  const ParStoredEntry *entry = test_stored_entry (workspace, 2024, "TCH", "3.1",
                                                   PAR_STAGE_APPRAISAL);
  ParScoreChange change = { "TCH", "3.1", PAR_STAGE_APPRAISAL, "50", NULL, TRUE, "1" };

  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->value, !=, "1");
  g_assert_false (par_workspace_set_scores (workspace, 2024, &change, 1, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_CONFLICT);
  g_assert_null (strstr (error->message, "?"));
  g_assert_nonnull (strstr (error->message, entry->value));
}

/* One path for an entry: set_score and set_scores check a value, a note
 * and a code alike — a note NFC-normalised and trimmed, a blank note is
 * none, a note with a control character refused with what it is. */
static void
test_one_score_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = make_workspace (NULL);
  /* "Tiến độ" with its marks as combining characters */
  const char *decomposed = "  Tie\xcc\x82\xcc\x81n \xc4\x91o\xcc\xa3\xcc\x82 ";
  ParScoreChange changes[] = {
    { "TKY", "1.1", PAR_STAGE_SELF, "8", decomposed },
    { "TKY", "2.1", PAR_STAGE_SELF, "yes", "   " },
  };

  g_assert_true (par_workspace_set_score (workspace, 2024, "TCH", "1.1", PAR_STAGE_SELF, "8",
                                          decomposed, &error));
  g_assert_no_error (error);
  g_assert_true (par_workspace_set_scores (workspace, 2024, changes, G_N_ELEMENTS (changes),
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpstr (test_stored_entry (workspace, 2024, "TCH", "1.1", PAR_STAGE_SELF)->note, ==,
                   "Tiến độ");
  g_assert_cmpstr (test_stored_entry (workspace, 2024, "TKY", "1.1", PAR_STAGE_SELF)->note, ==,
                   "Tiến độ");
  g_assert_null (test_stored_entry (workspace, 2024, "TKY", "2.1", PAR_STAGE_SELF)->note);

  changes[0].note = "a\033b";
  g_assert_false (par_workspace_set_scores (workspace, 2024, changes, 1, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "the note: "));
  g_clear_error (&error);
  g_assert_false (par_workspace_set_score (workspace, 2024, "TKY", "1.1", PAR_STAGE_SELF, "8",
                                           "a\033b", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "the note: "));
  g_clear_error (&error);

  /* The same words for an unknown unit or sub-criterion either way. */
  changes[0].unit_code = "XYZ";
  g_assert_false (par_workspace_set_scores (workspace, 2024, changes, 1, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "unit “XYZ” is not in year 2024");
  g_clear_error (&error);
  g_assert_false (par_workspace_set_score (workspace, 2024, "TKY", "1", PAR_STAGE_SELF, "8", NULL,
                                           &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "“1” is not a sub-criterion of the criteria set of block “UBND xã”");
}

static void
test_accept_self (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = make_workspace (NULL);
  g_autoptr(GPtrArray) codes = NULL;
  ParScoreChange changes[] = {
    { "TKY", "1.1", PAR_STAGE_SELF, "8,5", NULL },
    { "TKY", "1.2", PAR_STAGE_SELF, "Chậm", NULL },
    { "TKY", "2.1", PAR_STAGE_SELF, "yes", NULL },
    { "TKY", "2.1", PAR_STAGE_APPRAISAL, "no", NULL },
  };

  g_assert_true (par_workspace_set_scores (workspace, 2024, changes, G_N_ELEMENTS (changes), &error));

  /* Only group 1, and never over an appraisal score. */
  g_assert_true (par_workspace_accept_self (workspace, 2024, "TKY", "1", &codes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 2);
  g_assert_cmpstr (stored (workspace, 2024, "TKY", "1.1", PAR_STAGE_APPRAISAL), ==, "8.5");
  g_assert_cmpstr (stored (workspace, 2024, "TKY", "1.2", PAR_STAGE_APPRAISAL), ==, "Chậm");
  g_clear_pointer (&codes, g_ptr_array_unref);

  g_assert_true (par_workspace_accept_self (workspace, 2024, "TKY", NULL, &codes, &error));
  g_assert_cmpuint (codes->len, ==, 0);
  g_assert_cmpstr (stored (workspace, 2024, "TKY", "2.1", PAR_STAGE_APPRAISAL), ==, "no");
}

static void
test_explanation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = make_workspace (NULL);
  g_autofree char *text = NULL;
  gboolean requested = TRUE;
  gint64 audit = par_workspace_count_audit (workspace, NULL);

  g_assert_true (par_workspace_get_explanation (workspace, 2024, "TCH", "1.1", &requested, &text,
                                                &error));
  g_assert_false (requested);
  g_assert_null (text);
  g_assert_true (par_workspace_set_explanation (workspace, 2024, "TCH", "1.1", TRUE,
                                                "Báo cáo nộp bổ sung", &error));
  g_assert_true (par_workspace_get_explanation (workspace, 2024, "TCH", "1.1", &requested, &text,
                                                &error));
  g_assert_true (requested);
  g_assert_cmpstr (text, ==, "Báo cáo nộp bổ sung");
  g_assert_cmpint (par_workspace_count_audit (workspace, NULL), ==, audit + 1);
  /* Saving the same again is not a change. */
  g_assert_true (par_workspace_set_explanation (workspace, 2024, "TCH", "1.1", TRUE,
                                                "Báo cáo nộp bổ sung", &error));
  g_assert_cmpint (par_workspace_count_audit (workspace, NULL), ==, audit + 1);
  g_assert_false (par_workspace_set_explanation (workspace, 2024, "TCH", "9.9", TRUE, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
}

static void
test_frozen_year (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ParWorkspace) workspace = make_workspace (&path);
  ParScoreChange change = { "TKY", "1.1", PAR_STAGE_SELF, "8", NULL };
  sqlite3 *db = NULL;

  /* Publish 2024 as the decision would. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO decision (year, number, date, published_at)"
                                 " VALUES (2024, '1/QĐ', '2025-01-10', '2025-01-10T00:00:00Z')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_false (par_workspace_add_unit (workspace, 2024, "TLA", "x", "UBND xã", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (par_workspace_rename_unit (workspace, 2024, "TCH", "x", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (par_workspace_remove_unit (workspace, 2024, "TCH", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (par_workspace_set_scores (workspace, 2024, &change, 1, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (par_workspace_accept_self (workspace, 2024, "TCH", NULL, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (par_workspace_set_explanation (workspace, 2024, "TCH", "1.1", TRUE, "x", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
}

int
main (int   argc,
      char *argv[])
{
  par_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/par/workspace-units/add-rename-remove", test_add_rename_remove);
  g_test_add_func ("/par/workspace-units/copy-from-previous-year", test_copy_units);
  g_test_add_func ("/par/workspace-units/set-scores-all-or-nothing", test_set_scores_all_or_nothing);
  g_test_add_func ("/par/workspace-units/reload-after-removal", test_reload_after_removal);
  g_test_add_func ("/par/workspace-units/conflict-after-import", test_conflict_after_import);
  g_test_add_func ("/par/workspace-units/one-score-path", test_one_score_path);
  g_test_add_func ("/par/workspace-units/accept-self", test_accept_self);
  g_test_add_func ("/par/workspace-units/explanation", test_explanation);
  g_test_add_func ("/par/workspace-units/frozen-year", test_frozen_year);

  return test_run ();
}
