/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cli-run.h"
#include "evidence-fixtures.h"
#include "par-error.h"
#include "par-evidence.h"
#include "par-history.h"
#include "par-revision.h"
#include "par-workspace.h"

/* A criteria set revised within a year: tests/data/tien-phuoc-revised.
 * criteria.json re-issues the Tiên Phước set with 1.1's maximum 10 → 9,
 * option "Chậm" 2 → 1.5 points, tier 95 7.5 → 8, 3.2's title, 5.1's not
 * arising full → not applicable, 7.1 removed, 1.3 and 7.3 added. */

typedef struct
{
  char *dir;
  char *path;
  char *revised;
} Fixture;

/* Year 2025, block "UBND xã" (TCH appraised, TKY with "Chậm" and "not
 * arising" of its own), and block "UBND phường" with the same set and one
 * unit, PTA; TCH explains 7.1, the office accepts it, and a document proves
 * 3.1 and another 7.1. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *criteria = test_data_path ("tien-phuoc.criteria.json");
  g_autofree char *units = g_build_filename (f->dir = test_make_dir (), "units.csv", NULL);
  g_autofree char *scores = g_build_filename (f->dir, "scores.csv", NULL);
  g_autofree char *fixture_scores = test_data_path ("tien-phuoc.scores.csv");
  g_autofree char *kept_pdf = g_build_filename (f->dir, "Báo cáo 3.1.pdf", NULL);
  g_autofree char *gone_pdf = g_build_filename (f->dir, "Báo cáo 7.1.pdf", NULL);

  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "Tiên Phước.parindex", NULL);
  f->revised = test_data_path ("tien-phuoc-revised.criteria.json");
  g_assert_true (g_file_set_contents (units, "code,name,block\n"
                                             "TCH,UBND xã Tiên Châu,UBND xã\n"
                                             "TKY,UBND xã Tiên Kỳ,UBND xã\n"
                                             "PTA,UBND phường Tân An,UBND phường\n", -1, NULL));
  g_assert_true (g_file_set_contents (scores, "unit,criterion,stage,value\n"
                                              "TKY,1.2,self,Chậm\n"
                                              "TKY,5.1,self,NONE\n"
                                              "PTA,1.1,self,9.5\n"
                                              "PTA,7.1,self,3\n", -1, NULL));
  evidence_fixture_pdf (kept_pdf, 1, 595, 842, "3.1");
  evidence_fixture_pdf (gone_pdf, 1, 595, 842, "7.1");

  RUN_OK ("init", f->path);
  RUN_OK ("add-year", f->path, "2025", "--criteria", criteria, "--block", "UBND xã");
  RUN_OK ("add-year", f->path, "2025", "--criteria", criteria, "--block", "UBND phường");
  RUN_OK ("add-units", f->path, "2025", units);
  RUN_OK ("import-scores", f->path, "2025", fixture_scores);
  RUN_OK ("import-scores", f->path, "2025", scores);
  RUN_OK ("explain", f->path, "2025", "TCH", "7.1", "Đã ứng dụng");
  RUN_OK ("review", f->path, "2025", "TCH", "7.1", "--verdict", "accepted");
  RUN_OK ("attach", f->path, "2025", "TCH", "3.1", kept_pdf);
  RUN_OK ("attach", f->path, "2025", "TCH", "7.1", gone_pdf);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->revised);
  g_free (f->dir);
}

static ParCriteriaSet *
revised_set (Fixture *f)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->revised);
  g_autoptr(GError) error = NULL;
  ParCriteriaSet *set = par_criteria_set_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return set;
}

static const ParLeafChange *
leaf_change (ParSetRevision *plan,
             const char     *code)
{
  for (guint i = 0; i < plan->leaves->len; i++)
    {
      const ParLeafChange *change = g_ptr_array_index (plan->leaves, i);
      const ParCriterion *leaf = change->new_leaf != NULL ? change->new_leaf : change->old_leaf;

      if (g_str_equal (leaf->code, code))
        return change;
    }
  return NULL;
}

static const ParEntryRevision *
entry_revision (ParSetRevision *plan,
                const char     *unit,
                const char     *code,
                ParStage        stage)
{
  for (guint i = 0; i < plan->entries->len; i++)
    {
      const ParEntryRevision *entry = g_ptr_array_index (plan->entries, i);

      if (g_str_equal (entry->unit_code, unit) && g_str_equal (entry->criterion_code, code) &&
          entry->stage == stage)
        return entry;
    }
  return NULL;
}

/* The plan: every difference of the sets and what happens to each entry
 * already made, changing nothing. */
static void
test_plan (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParCriteriaSet) set = revised_set (f);
  g_autoptr(ParSetRevision) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const ParLeafChange *change;
  const ParEntryRevision *entry;

  g_assert_true (g_file_get_contents (f->path, &before, NULL, NULL));
  workspace = par_workspace_open (f->path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  plan = par_workspace_plan_set_revision (workspace, 2025, "UBND xã", set, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (plan->leaves->len, ==, 8);
  change = leaf_change (plan, "1.1");
  g_assert_cmpint (change->kind, ==, PAR_LEAF_CHANGED);
  g_assert_cmpint (change->changes, ==, PAR_LEAF_CHANGE_MAX);
  g_assert_cmpint (leaf_change (plan, "1.2")->changes, ==, PAR_LEAF_CHANGE_RULE);
  g_assert_cmpint (leaf_change (plan, "3.1")->changes, ==, PAR_LEAF_CHANGE_RULE);
  g_assert_cmpint (leaf_change (plan, "3.2")->changes, ==, PAR_LEAF_CHANGE_TITLE);
  g_assert_cmpint (leaf_change (plan, "5.1")->changes, ==, PAR_LEAF_CHANGE_NOT_ARISING);
  g_assert_cmpint (leaf_change (plan, "7.1")->kind, ==, PAR_LEAF_REMOVED);
  g_assert_cmpint (leaf_change (plan, "1.3")->kind, ==, PAR_LEAF_ADDED);
  g_assert_cmpint (leaf_change (plan, "7.3")->kind, ==, PAR_LEAF_ADDED);
  g_assert_null (leaf_change (plan, "2.1"));

  /* The block's two units, not PTA of the other block. */
  g_assert_cmpuint (plan->n_units, ==, 2);
  g_assert_cmpuint (plan->n_kept, ==, 9);
  g_assert_cmpuint (plan->n_reevaluated, ==, 3);
  g_assert_cmpuint (plan->n_dropped, ==, 3);
  g_assert_cmpuint (plan->n_explanations, ==, 1);
  g_assert_cmpuint (plan->n_links, ==, 1);
  g_assert_cmpuint (plan->n_reviews, ==, 1);
  entry = entry_revision (plan, "TCH", "3.1", PAR_STAGE_APPRAISAL);
  g_assert_cmpint (entry->fate, ==, PAR_ENTRY_REEVALUATED);
  g_assert_cmpint (entry->old_points, ==, 7500);
  g_assert_cmpint (entry->new_points, ==, 8000);
  entry = entry_revision (plan, "TCH", "1.1", PAR_STAGE_APPRAISAL);
  g_assert_cmpint (entry->fate, ==, PAR_ENTRY_DROPPED_INVALID);
  g_assert_cmpstr (entry->reason, ==, "“9.47” is outside 0–9");
  g_assert_cmpint (entry_revision (plan, "TCH", "7.1", PAR_STAGE_APPRAISAL)->fate, ==,
                   PAR_ENTRY_DROPPED_LEAF_GONE);
  g_assert_cmpint (entry_revision (plan, "TKY", "1.2", PAR_STAGE_SELF)->new_points, ==, 1500);
  entry = entry_revision (plan, "TKY", "5.1", PAR_STAGE_SELF);
  g_assert_false (entry->new_applicable);
  {
    g_autofree char *text = par_set_revision_format_text (plan, ',');

    g_assert_nonnull (strstr (text, "  ~ 1.2 Ban hành kế hoạch CCHC năm\n      rule: options: "
                                    "Đúng thời hạn 3,5, Chậm 2, Không ban hành 0 → options: "
                                    "Đúng thời hạn 3,5, Chậm 1,5, Không ban hành 0\n"));
    g_assert_nonnull (strstr (text, "  TCH UBND xã Tiên Châu\n    1.1 self-assessment (9.5) "
                                    "9,5: dropped, “9.5” is outside 0–9\n"));
    g_assert_nonnull (strstr (text, "    3.1 appraisal (97) 7,5 → 8 points\n"));
    g_assert_nonnull (strstr (text, "    5.1 self-assessment (NONE) 9 → not applicable\n"));
  }

  g_clear_object (&workspace);
  g_assert_true (g_file_get_contents (f->path, &after, NULL, NULL));
  g_assert_true (g_str_equal (before, after));
}

/* Replacing does what the plan said, in one audited transaction, and only
 * in the block named: the other block keeps its set and its entries. */
static void
test_revise (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParCriteriaSet) set = revised_set (f);
  g_autoptr(ParSetRevision) plan = NULL;
  g_autoptr(ParCriteriaSet) now = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(ParDecision) decision = par_decision_new ();
  gboolean requested = TRUE;
  char *explanation = NULL;

  workspace = par_workspace_open (f->path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (par_workspace_revise_set (workspace, 2025, "UBND xã", set, &plan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (plan->n_dropped, ==, 3);

  entries = par_workspace_list_unit_entries (workspace, 2025, "TCH", &now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (now->checksum, ==, set->checksum);
  for (guint i = 0; i < entries->len; i++)
    {
      const ParStoredEntry *entry = g_ptr_array_index (entries, i);

      g_assert_cmpstr (entry->leaf->code, !=, "1.1");
      g_assert_cmpstr (entry->leaf->code, !=, "7.1");
      if (g_str_equal (entry->leaf->code, "3.1"))
        g_assert_cmpint (entry->points, ==, 8000);
    }
  /* 13 entries of the fixture, 3 gone. */
  g_assert_cmpuint (entries->len, ==, 10);

  /* The other block: the old set, its entries as they were. */
  g_clear_pointer (&now, par_criteria_set_unref);
  other = par_workspace_list_unit_entries (workspace, 2025, "PTA", &now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (now->checksum, !=, set->checksum);
  g_assert_cmpuint (other->len, ==, 2);

  /* The kept leaf's document follows it; the removed leaf's goes. */
  kept = par_workspace_list_evidence (workspace, 2025, "TCH", "3.1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept->len, ==, 1);
  gone = par_workspace_list_evidence (workspace, 2025, "TCH", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gone->len, ==, 1);

  /* The explanation of a leaf that no longer exists cannot be asked for. */
  g_assert_false (par_workspace_get_explanation (workspace, 2025, "TCH", "7.1", &requested,
                                                 &explanation, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Every removal and re-evaluation is in the audit log. */
  history = par_workspace_list_history (workspace, 2025, "TCH", "7.1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((ParHistoryRecord *) history->pdata[0])->origin, ==,
                   "test-revision:revise-set");
  g_clear_pointer (&history, g_ptr_array_unref);
  history = par_workspace_list_history (workspace, 2025, NULL, NULL, NULL, &error);
  g_assert_cmpstr (((ParHistoryRecord *) history->pdata[0])->detail, ==, "UBND xã");
  g_assert_cmpstr (((ParHistoryRecord *) history->pdata[0])->new_value, ==, set->title);

  /* The totals are those the new entries give: publishing checks them. */
  results = test_compute_results (workspace, 2025);
  g_assert_cmpint (par_year_results_lookup (results, "TCH")->points, ==, 73070);
  g_assert_cmpint (par_year_results_lookup (results, "TKY")->max, ==, 91000);
  decision->number = g_strdup ("12/QĐ-UBND");
  decision->date = g_strdup ("2026-01-15");
  g_assert_true (par_workspace_publish (workspace, 2025, decision, &fingerprint, &error));
  g_assert_no_error (error);
  g_assert_true (par_workspace_verify (workspace, 2025, NULL, &error));
  g_assert_no_error (error);

  /* A published year keeps its set. */
  g_assert_null (par_workspace_plan_set_revision (workspace, 2025, "UBND phường", set, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
  g_clear_error (&error);
  g_assert_false (par_workspace_revise_set (workspace, 2025, "UBND phường", set, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
}

/* Refusals: the same set, a block the year lacks, a year with several
 * blocks and none named. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParCriteriaSet) set = revised_set (f);
  g_autoptr(GError) error = NULL;

  workspace = par_workspace_open (f->path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_null (par_workspace_plan_set_revision (workspace, 2025, "UBND huyện", set, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (par_workspace_plan_set_revision (workspace, 2025, NULL, set, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (par_workspace_revise_set (workspace, 2025, "UBND xã", set, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (par_workspace_revise_set (workspace, 2025, "UBND xã", set, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
}

/* parindex-cli revise-set: --dry-run prints the plan and changes nothing;
 * without it the set is replaced; a published year exits with 4. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_get_contents (f->path, &before, NULL, NULL));
  {
    g_auto(Run) run = run_cli ("revise-set", f->path, "2025", "--criteria", f->revised,
                               "--block", "UBND xã", "--dry-run");

    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "8 sub-criteria change:\n"));
    g_assert_nonnull (strstr (run.out, "  − 7.1 Ứng dụng CNTT trong xử lý văn bản\n      "
                                       "removed: max 6\n"));
    g_assert_nonnull (strstr (run.out, "Entries already made in the block’s 2 units: 9 kept as "
                                       "they are, 3 re-evaluated, 3 dropped.\n"));
    g_assert_cmpstr (run.err, ==, "Nothing was changed (--dry-run)\n");
  }
  g_assert_true (g_file_get_contents (f->path, &after, NULL, NULL));
  g_assert_true (g_str_equal (before, after));
  {
    g_auto(Run) run = run_cli ("revise-set", f->path, "2025", "--criteria", f->revised);

    /* Two blocks, none named. */
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(Run) run = run_cli ("revise-set", f->path, "2025", "--criteria", f->revised,
                               "--block", "UBND xã");

    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "the criteria set is now"));
  }
  {
    g_auto(Run) results = run_cli ("results", f->path, "2025");

    g_assert_nonnull (strstr (results.out, "73.07"));
  }
  RUN_OK ("publish", f->path, "2025", "--decision-number", "12/QĐ-UBND",
                                   "--decision-date", "2026-01-15");
  {
    g_auto(Run) run = run_cli ("revise-set", f->path, "2025", "--criteria", f->revised,
                               "--block", "UBND phường", "--dry-run");

    g_assert_cmpint (run.status, ==, 4);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/par/revision/plan", Fixture, NULL, fixture_set_up, test_plan, fixture_tear_down);
  g_test_add ("/par/revision/revise", Fixture, NULL, fixture_set_up, test_revise,
              fixture_tear_down);
  g_test_add ("/par/revision/refused", Fixture, NULL, fixture_set_up, test_refused,
              fixture_tear_down);
  g_test_add ("/par/revision/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}
