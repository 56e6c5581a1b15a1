/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-run.h"
#include "par-annex-content.h"
#include "par-error.h"
#include "par-history.h"
#include "par-lineage.h"
#include "par-workspace.h"

/* Lineage across reorganisations: a unit of 2025 names the units of 2024
 * it was formed from (the units CSV's `predecessors` column, or the window's
 * add-unit dialog through par_workspace_add_unit_full()); without an index
 * of its own in 2024 its change is against their average index, said so in
 * the results (JSON `basis`, the text's †) and the annexes (PL I's (**)). */

typedef struct
{
  char *dir;
  char *path;
  char *criteria;
} Fixture;

/* 2024: TCH (index 10.00), TKY (5.00), TAN (8.00), TBI (no entry: 0.00);
 * 2025 with its block and TAN only. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *units = NULL;
  g_autofree char *scores = NULL;
  g_autofree char *units_2025 = NULL;

  f->dir = test_make_dir ();
  f->path = g_build_filename (f->dir, "Tiên Phước.parindex", NULL);
  f->criteria = test_data_path ("tien-phuoc.criteria.json");
  units = test_write_file (f->dir, "units-2024.csv",
                           "code,name,block\n"
                           "TCH,UBND xã Tiên Châu,UBND xã\n"
                           "TKY,UBND xã Tiên Kỳ,UBND xã\n"
                           "TAN,UBND xã Tiên An,UBND xã\n"
                           "TBI,UBND xã Tiên Bình,UBND xã\n", -1);
  scores = test_write_file (f->dir, "scores-2024.csv",
                            "unit,criterion,stage,value\n"
                            "TCH,1.1,appraisal,10\n"
                            "TKY,1.1,appraisal,5\n"
                            "TAN,1.1,appraisal,8\n", -1);
  units_2025 = test_write_file (f->dir, "units-2025.csv",
                                "code,name,block\nTAN,UBND xã Tiên An,UBND xã\n", -1);

  RUN_OK ("init", f->path);
  RUN_OK ("add-year", f->path, "2024", "--criteria", f->criteria, "--block", "UBND xã");
  RUN_OK ("add-year", f->path, "2025", "--criteria", f->criteria, "--block", "UBND xã");
  RUN_OK ("add-units", f->path, "2024", units);
  RUN_OK ("import-scores", f->path, "2024", scores);
  RUN_OK ("add-units", f->path, "2025", units_2025);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->criteria);
  g_free (f->dir);
}

/* The list as the CSV writes it: relations, the default one, refusals. */
static void
test_parse (void)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *refused[] = {
    "joined:A",      /* an unknown relation */
    "A||B",          /* an empty code */
    "A|merged:A",    /* twice */
    "TCK",           /* itself */
  };

  list = par_predecessors_parse (" merged:TCH | TKY|renamed:Cũ|split: TBI ", "TCK", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpint (((ParPredecessor *) list->pdata[1])->relation, ==, PAR_RELATION_MERGED);
  g_assert_cmpint (((ParPredecessor *) list->pdata[2])->relation, ==, PAR_RELATION_RENAMED);
  g_assert_cmpstr (((ParPredecessor *) list->pdata[3])->code, ==, "TBI");
  text = par_predecessors_to_string (list);
  g_assert_cmpstr (text, ==, "merged:TCH|merged:TKY|renamed:Cũ|split:TBI");
  g_clear_pointer (&list, g_ptr_array_unref);

  list = par_predecessors_parse ("", "TCK", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_null (par_predecessors_parse (refused[i], "TCK", &error));
      g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
      g_clear_error (&error);
    }

  {
    g_autoptr(GString) many = g_string_new ("A0");

    for (guint i = 1; i <= PAR_LINEAGE_MAX_PREDECESSORS; i++)
      g_string_append_printf (many, "|A%u", i);
    g_assert_null (par_predecessors_parse (many->str, "TCK", &error));
    g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  }
}

/* Through the units CSV: the merged unit is compared with its
 * predecessors' average (7.50), without a rank; a unit of its own keeps
 * its own comparison; the text marks it and says with what. */
static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *units =
    test_write_file (f->dir, "units-2025-merged.csv",
                     "code,name,block,predecessors\n"
                     "TCK,UBND xã Tiên Châu Kỳ,UBND xã,merged:TCH|merged:TKY\n"
                     "TAN,UBND xã Tiên An,UBND xã,\n"
                     "TBM,UBND xã Tiên Bình Mới,UBND xã,renamed:TBI\n", -1);
  g_autofree char *scores = test_write_file (f->dir, "scores-2025.csv",
                                             "unit,criterion,stage,value\n"
                                             "TCK,1.1,appraisal,9\n"
                                             "TAN,1.1,appraisal,8\n"
                                             "TBM,1.1,appraisal,1\n", -1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *previous;
  JsonArray *predecessors;

  RUN_OK ("add-units", f->path, "2025", units);
  RUN_OK ("import-scores", f->path, "2025", scores);

  {
    g_auto(Run) run = run_cli ("results", f->path, "2025", "--format", "json");

    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
    g_assert_no_error (error);
  }
  previous = json_object_get_object_member (json_unit_of (parser, "TCK"), "previous");
  g_assert_cmpint (json_object_get_int_member (previous, "year"), ==, 2024);
  g_assert_cmpfloat (json_object_get_double_member (previous, "index"), ==, 7.5);
  g_assert_cmpfloat (json_object_get_double_member (previous, "index_change"), ==, 1.5);
  g_assert_true (json_object_get_null_member (previous, "rank"));
  g_assert_true (json_object_get_null_member (previous, "rank_change"));
  g_assert_cmpstr (json_object_get_string_member (previous, "basis"), ==, "predecessors");
  predecessors = json_object_get_array_member (previous, "predecessors");
  g_assert_cmpuint (json_array_get_length (predecessors), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (predecessors, 1),
                                                  "code"), ==, "TKY");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (predecessors,
                                                                                   1),
                                                    "index"), ==, 5);
  /* The unit of its own: FORMATS.md §5's keys only, as before. */
  previous = json_object_get_object_member (json_unit_of (parser, "TAN"), "previous");
  g_assert_false (json_object_has_member (previous, "basis"));
  g_assert_cmpint (json_object_get_int_member (previous, "rank"), ==, 2);
  /* Renamed from a unit that had an index (0.00). */
  previous = json_object_get_object_member (json_unit_of (parser, "TBM"), "previous");
  g_assert_cmpfloat (json_object_get_double_member (previous, "index"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (previous, "predecessors"), 0), "relation"),
                   ==, "renamed");

  {
    g_auto(Run) run = run_cli ("results", f->path, "2025");

    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "+1.50 †"));
    g_assert_nonnull (strstr (run.out, "† TCK: compared with 7.50, the average index in 2024 of "
                                       "the units it was formed from (TCH 10.00, TKY 5.00)"));
  }
  {
    g_auto(Run) run = run_cli ("results", f->path, "2025", "--format", "csv");

    g_assert_cmpint (run.status, ==, 0);
    /* previous_rank and rank_change empty: no rank to compare with. */
    g_assert_nonnull (strstr (run.out, "\nTCK,UBND xã Tiên Châu Kỳ,UBND xã,0,9,100,9,Yếu,1,3,"
                                       "true,2024,7.5,,1.5,\n"));
  }
  {
    g_auto(Run) run = run_cli ("history", f->path, "2025", "TCK", "--format", "csv");

    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, ",,merged:TCH|merged:TKY,,,cli:predecessors,cli,"
                                       "predecessors,,,"));
  }
}

/* A file with any bad lineage changes nothing, and lists every bad row. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *bad = test_write_file (f->dir, "bad.csv",
                                          "code,name,block,predecessors\n"
                                          "TCK,UBND xã Tiên Châu Kỳ,UBND xã,merged:TCH|joined:TKY\n"
                                          "TCX,UBND xã Tiên Cẩm,UBND xã,XYZ\n"
                                          "TCY,UBND xã Tiên Cảnh,UBND xã,TCY\n", -1);
  g_autofree char *first = test_write_file (f->dir, "first.csv",
                                            "code,name,block,predecessors\n"
                                            "TCK,UBND xã Tiên Châu Kỳ,UBND xã,TCH\n", -1);
  g_autofree char *circle = test_write_file (f->dir, "circle.csv",
                                             "code,name,block,predecessors\n"
                                             "TCH,UBND xã Tiên Châu,UBND xã,TCK\n", -1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_get_contents (f->path, &before, NULL, NULL));
  {
    g_auto(Run) run = run_cli ("add-units", f->path, "2025", bad);

    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "line 2: unit “TCK”: “joined” is not a relation to a "
                                       "predecessor; write merged, renamed or split"));
    g_assert_nonnull (strstr (run.err, "line 4: unit “TCY” cannot be its own predecessor"));
  }
  {
    /* The unknown code is found once the rows themselves are right. */
    g_autofree char *unknown = test_write_file (f->dir, "unknown.csv",
                                                "code,name,block,predecessors\n"
                                                "TCX,UBND xã Tiên Cẩm,UBND xã,XYZ\n", -1);
    g_auto(Run) run = run_cli ("add-units", f->path, "2025", unknown);

    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "line 2: the predecessor “XYZ” of unit “TCX” is not a "
                                       "unit"));
  }
  g_assert_true (g_file_get_contents (f->path, &after, NULL, NULL));
  g_assert_true (g_str_equal (before, after));

  /* TCK from TCH in 2025; then TCH from TCK in 2025 would close a circle. */
  RUN_OK ("add-units", f->path, "2025", first);
  {
    g_auto(Run) run = run_cli ("add-units", f->path, "2025", circle);

    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "line 2: the predecessors of unit “TCH” lead back to "));
  }
}

/* par_workspace_add_unit_full(), as the window's dialog calls it. */
static void
test_add_unit (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) predecessors = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) unknown = NULL;
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(GError) error = NULL;
  ParUnitResult *unit;

  workspace = par_workspace_open (f->path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  g_assert_no_error (error);

  unknown = par_predecessors_parse ("TCH|NOPE", "TCK", &error);
  g_assert_no_error (error);
  g_assert_false (par_workspace_add_unit_full (workspace, 2025, "TCK", "UBND xã Tiên Châu Kỳ",
                                               "UBND xã", unknown, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  /* Refused whole: the unit is not there. */
  g_assert_null (par_workspace_get_predecessors (workspace, 2025, "TCK", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  predecessors = par_predecessors_parse ("merged:TCH|merged:TKY|merged:TBI", "TCK", &error);
  g_assert_true (par_workspace_add_unit_full (workspace, 2025, "TCK", "UBND xã Tiên Châu Kỳ",
                                              "UBND xã", predecessors, &error));
  g_assert_no_error (error);
  stored = par_workspace_get_predecessors (workspace, 2025, "TCK", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 3);
  g_assert_cmpstr (((ParPredecessor *) stored->pdata[0])->name, ==, "UBND xã Tiên Châu");

  g_assert_true (par_workspace_set_score (workspace, 2025, "TCK", "1.1", PAR_STAGE_APPRAISAL,
                                          "9", NULL, &error));
  results = test_compute_results (workspace, 2025);
  unit = par_year_results_lookup (results, "TCK");
  g_assert_true (unit->has_previous);
  /* (10.00 + 5.00 + 0.00) / 3 = 5.00 */
  g_assert_cmpint (unit->previous_index, ==, 500);
  g_assert_cmpuint (unit->previous_rank, ==, 0);
  g_assert_nonnull (unit->previous_predecessors);

  /* PL I marks it and says under the table with what it is compared. */
  {
    g_autoptr(ParAnnexDocument) document = NULL;
    gboolean marked = FALSE, noted = FALSE;
    ParAnnexSheet *ranking;

    document = par_annex_document_build (workspace, results, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    ranking = g_ptr_array_index (document->sheets, 0);
    for (guint i = 0; i < ranking->cells->len; i++)
      {
        const ParAnnexCell *cell = &g_array_index (ranking->cells, ParAnnexCell, i);

        marked |= g_strcmp0 (cell->text, "UBND xã Tiên Châu Kỳ (*) (**)") == 0;
        noted |= cell->text != NULL &&
                 g_str_has_prefix (cell->text, "(**) UBND xã Tiên Châu Kỳ: so sánh với bình "
                                               "quân Chỉ số CCHC năm 2024 của các đơn vị trước "
                                               "sắp xếp (5,00): UBND xã Tiên Châu (10,00), ");
      }
    g_assert_true (marked);
    g_assert_true (noted);
  }
}

/* Predecessors without an index: nothing to compare with. A unit with an
 * index of its own keeps its own comparison whatever it names. */
static void
test_no_index (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) predecessors = NULL;
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *units = test_write_file (f->dir, "units.csv",
                                            "code,name,block\n"
                                            "TNW,UBND xã Tiên Mới,UBND xã\n", -1);
  ParUnitResult *unit;

  /* TNW exists in the workspace only from 2025: no index in 2024. */
  RUN_OK ("add-units", f->path, "2025", units);
  workspace = par_workspace_open (f->path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  predecessors = par_predecessors_parse ("TNW", "TCK", &error);
  g_assert_true (par_workspace_add_unit_full (workspace, 2025, "TCK", "UBND xã Tiên Châu Kỳ",
                                              "UBND xã", predecessors, &error));
  g_assert_no_error (error);
  results = test_compute_results (workspace, 2025);
  unit = par_year_results_lookup (results, "TCK");
  g_assert_false (unit->has_previous);
  g_assert_null (unit->previous_predecessors);
  unit = par_year_results_lookup (results, "TAN");
  g_assert_true (unit->has_previous);
  g_assert_cmpint (unit->previous_index, ==, 800);
  g_assert_null (unit->previous_predecessors);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/par/lineage/parse", test_parse);
  g_test_add ("/par/lineage/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/par/lineage/refused", Fixture, NULL, fixture_set_up, test_refused,
              fixture_tear_down);
  g_test_add ("/par/lineage/add-unit", Fixture, NULL, fixture_set_up, test_add_unit,
              fixture_tear_down);
  g_test_add ("/par/lineage/no-index", Fixture, NULL, fixture_set_up, test_no_index,
              fixture_tear_down);

  return g_test_run ();
}
