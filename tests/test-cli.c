/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cli-run.h"
#include "evidence-fixtures.h"

/* parindex-cli end to end (FORMATS.md §6): the built program, found through
 * PARINDEX_CLI, run as a script would run it. Data go to standard output,
 * messages to standard error, and the exit status says what went wrong. */

/* The workspace's path is f->path; f->path stays NULL. */
typedef WorkspaceFixture Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  workspace_fixture_init (f, "Tiên Phước 2022.parindex");
}

/* init → add-year (two blocks) → add-units → import-scores */
static void
make_workspace (Fixture *f)
{
  g_autofree char *communes = test_data_path ("tien-phuoc.criteria.json");
  g_autofree char *departments = test_data_path ("departments.criteria.json");
  g_autofree char *units = test_data_path ("two-blocks.units.csv");
  g_autofree char *commune_scores = test_data_path ("tien-phuoc.scores.csv");
  g_autofree char *department_scores = test_data_path ("departments.scores.csv");

  {
    g_auto(Run) run = run_cli ("init", f->path);
    assert_done (&run);
    g_assert_nonnull (strstr (run.err, f->path));
    g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  }
  RUN_DONE ("add-year", f->path, "2022", "--criteria", communes, "--block", "UBND xã");
  RUN_DONE ("add-year", f->path, "2022", "--block", "Sở, ban, ngành",
            "--criteria", departments);
  {
    g_auto(Run) run = run_cli ("add-units", f->path, "2022", units);
    assert_done (&run);
    g_assert_nonnull (strstr (run.err, "4"));
  }
  {
    g_auto(Run) run = run_cli ("import-scores", f->path, "2022", commune_scores);
    assert_done (&run);
    g_assert_nonnull (strstr (run.err, "13"));
  }
  RUN_DONE ("import-scores", f->path, "2022", department_scores);
}

static char *
results_json (Fixture *f)
{
  g_auto(Run) run = run_cli ("results", f->path, "2022", "--format", "json");

  g_assert_cmpint (run.status, ==, EXIT_OK);
  g_assert_cmpstr (run.err, ==, "");
  return g_steal_pointer (&run.out);
}

static void
test_full_flow (Fixture       *f,
                gconstpointer  data)
{
  const char *order[] = { "TCH", "TKY", "STP", "SNV" };
  const char *blocks[] = { "UBND xã", "UBND xã", "Sở, ban, ngành", "Sở, ban, ngành" };
  const char *bands[] = { "Tốt", "Yếu", "Tốt", "Khá" };
  const double indices[] = { 85.82, 0, 85, 74.3 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonObject *root;
  JsonArray *units;

  make_workspace (f);

  json = results_json (f);
  g_assert_nonnull (strstr (json, "\"index\": 85.82"));
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2022);
  units = json_object_get_array_member (root, "units");
  g_assert_cmpuint (json_array_get_length (units), ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      JsonObject *unit = json_array_get_object_element (units, i);

      g_assert_cmpstr (json_object_get_string_member (unit, "code"), ==, order[i]);
      g_assert_cmpstr (json_object_get_string_member (unit, "block"), ==, blocks[i]);
      g_assert_cmpstr (json_object_get_string_member (unit, "band"), ==, bands[i]);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (unit, "index"), indices[i],
                                      1e-9);
      g_assert_cmpint (json_object_get_int_member (unit, "rank"), ==, i % 2 + 1);
      g_assert_cmpint (json_object_get_int_member (unit, "of"), ==, 2);
    }

  {
    g_auto(Run) run = run_cli ("results", f->path, "2022", "--format", "csv");
    g_auto(GStrv) lines = NULL;

    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_cmpstr (run.err, ==, "");
    lines = g_strsplit (run.out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 6);
    g_assert_cmpstr (lines[0], ==,
                     "code,name,block,self_points,points,max,index,band,rank,of,provisional,"
                     "previous_year,previous_index,previous_rank,index_change,rank_change");
    g_assert_cmpstr (lines[1], ==,
                     "TCH,UBND xã Tiên Châu,UBND xã,9.5,85.82,100,85.82,Tốt,1,2,false,,,,,");
    g_assert_cmpstr (lines[3], ==,
                     "STP,Sở Tư pháp,\"Sở, ban, ngành\",0,85,100,85,Tốt,1,2,false,,,,,");
    g_assert_cmpstr (lines[4], ==,
                     "SNV,Sở Nội vụ,\"Sở, ban, ngành\",40,74.3,100,74.3,Khá,2,2,false,,,,,");
  }

  {
    /* text is the default format */
    g_auto(Run) run = run_cli ("results", f->path, "2022");

    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_nonnull (strstr (run.out, "85.82"));
    g_assert_nonnull (strstr (run.out, "74.30"));
    g_assert_nonnull (strstr (run.out, "UBND xã Tiên Châu"));
    g_assert_nonnull (strstr (run.out, "Sở, ban, ngành"));
    g_assert_null (strstr (run.out, "85,82"));
  }
  {
    g_auto(Run) run = run_cli ("results", f->path, "2022", "--format", "text");

    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "85.82"));
  }
}

static void
test_exit_usage (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *communes = test_data_path ("tien-phuoc.criteria.json");

  make_workspace (f);

  {
    g_auto(Run) run = run_cli_env (NULL, (const char * const[]) { NULL });
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("frobnicate", f->path);
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("init");
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("results", f->path);
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("results", f->path, "2022", "extra");
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("results", f->path, "2022", "--bogus");
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("results", f->path, "2022", "--format", "xml");
    assert_failed (&run, EXIT_USAGE);
    g_assert_nonnull (strstr (run.err, "--format"));
  }
  {
    g_auto(Run) run = run_cli ("results", f->path, "hai nghìn");
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("add-year", f->path, "2023");
    assert_failed (&run, EXIT_USAGE);
    g_assert_nonnull (strstr (run.err, "--criteria"));
  }
  {
    g_auto(Run) run = run_cli ("add-year", f->path, "--criteria", communes);
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("import-scores", f->path, "2022");
    assert_failed (&run, EXIT_USAGE);
  }

  /* asked-for help is data, and no error */
  {
    g_auto(Run) run = run_cli ("--help");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "import-scores"));
  }
}

static void
test_exit_invalid (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *bad_scores = test_data_path ("invalid.scores.csv");
  g_autofree char *bad_criteria = test_data_path ("invalid.criteria.json");
  g_autofree char *bad_units = test_data_path ("unknown-block.units.csv");
  g_autofree char *good_scores = test_data_path ("tien-phuoc.scores.csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_workspace (f);
  before = results_json (f);

  {
    g_auto(Run) run = run_cli ("import-scores", f->path, "2022", bad_scores);
    assert_failed (&run, EXIT_INVALID);
    /* what and where: the file, every bad line */
    g_assert_nonnull (strstr (run.err, "invalid.scores.csv"));
    g_assert_nonnull (strstr (run.err, "line 3"));
    g_assert_nonnull (strstr (run.err, "line 4"));
    /* the unknown unit XXX, with the command that adds units */
    g_assert_nonnull (strstr (run.err, "“XXX”"));
    g_assert_nonnull (strstr (run.err, "“parindex-cli add-units”"));
    g_assert_nonnull (strstr (run.err, "line 5"));
    g_assert_null (strstr (run.err, "line 2"));
  }
  {
    g_auto(Run) run = run_cli ("add-year", f->path, "2023", "--criteria", bad_criteria);
    assert_failed (&run, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err, "invalid.criteria.json"));
    g_assert_nonnull (strstr (run.err, "“1”"));
  }
  {
    g_auto(Run) run = run_cli ("add-units", f->path, "2022", bad_units);
    assert_failed (&run, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err, "line 3"));
    g_assert_nonnull (strstr (run.err, "UBND phường"));
  }
  {
    /* a year the workspace lacks */
    g_auto(Run) run = run_cli ("import-scores", f->path, "2030", good_scores);
    assert_failed (&run, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err, "2030"));
  }
  {
    /* the block a year already has */
    g_autofree char *communes = test_data_path ("tien-phuoc.criteria.json");
    g_auto(Run) run = run_cli ("add-year", f->path, "2022", "--criteria", communes,
                               "--block", "UBND xã");
    assert_failed (&run, EXIT_INVALID);
  }

  /* nothing was changed */
  after = results_json (f);
  g_assert_cmpstr (before, ==, after);
  {
    g_auto(Run) run = run_cli ("results", f->path, "2023");
    assert_failed (&run, EXIT_INVALID);
  }
}

static void
test_exit_io (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.parindex", NULL);
  g_autofree char *missing_csv = g_build_filename (f->dir, "missing.csv", NULL);
  g_autofree char *not_workspace = g_build_filename (f->dir, "notes.parindex", NULL);
  g_autofree char *directory = g_build_filename (f->dir, "scores.csv", NULL);
  g_autofree char *scores = test_data_path ("tien-phuoc.scores.csv");
  g_autofree char *communes = test_data_path ("tien-phuoc.criteria.json");
  g_autofree char *missing_criteria = test_data_path ("missing.criteria.json");

  make_workspace (f);
  g_assert_cmpint (g_mkdir (directory, 0700), ==, 0);
  g_assert_true (g_file_set_contents (not_workspace,
                                      "Đây không phải là một tệp ParIndex, chỉ là ghi chú. "
                                      "Đây không phải là một tệp ParIndex, chỉ là ghi chú. ",
                                      -1, NULL));

  {
    g_auto(Run) run = run_cli ("results", missing, "2022");
    assert_failed (&run, EXIT_IO);
    g_assert_nonnull (strstr (run.err, "missing.parindex"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = run_cli ("import-scores", missing, "2022", scores);
    assert_failed (&run, EXIT_IO);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = run_cli ("add-year", missing, "2022", "--criteria", communes);
    assert_failed (&run, EXIT_IO);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = run_cli ("results", not_workspace, "2022");
    assert_failed (&run, EXIT_IO);
  }
  {
    g_auto(Run) run = run_cli ("import-scores", f->path, "2022", missing_csv);
    assert_failed (&run, EXIT_IO);
    g_assert_nonnull (strstr (run.err, "missing.csv"));
  }
  {
    g_auto(Run) run = run_cli ("add-units", f->path, "2022", directory);
    assert_failed (&run, EXIT_IO);
  }
  {
    g_auto(Run) run = run_cli ("add-year", f->path, "2023", "--criteria", missing_criteria);
    assert_failed (&run, EXIT_IO);
    g_assert_nonnull (strstr (run.err, "missing.criteria.json"));
  }
}

static void
test_semicolon_bom_crlf (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *communes = test_data_path ("tien-phuoc.criteria.json");
  g_autofree char *units = test_data_path ("tien-phuoc.units.csv");
  g_autofree char *fixture = test_data_path ("tien-phuoc.scores.csv");
  g_autofree char *scores = g_build_filename (f->dir, "điểm thẩm định.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *crlf = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) lines = NULL;

  /* the fixture as a Windows spreadsheet saves it: BOM, ";", "9,47", CRLF */
  g_assert_true (g_file_get_contents (fixture, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "unit;criterion;stage;value"));
  g_assert_nonnull (strstr (contents, "9,47"));
  lines = g_strsplit (contents, "\n", -1);
  crlf = g_strjoinv ("\r\n", lines);
  g_assert_true (g_file_set_contents (scores, crlf, -1, NULL));

  RUN_DONE ("init", f->path);
  RUN_DONE ("add-year", f->path, "2022", "--criteria", communes, "--block", "UBND xã");
  RUN_DONE ("add-units", f->path, "2022", units);
  RUN_DONE ("import-scores", f->path, "2022", scores);

  json = results_json (f);
  g_assert_nonnull (strstr (json, "\"code\": \"TCH\""));
  g_assert_nonnull (strstr (json, "\"points\": 85.82, \"max\": 100, \"index\": 85.82"));
  g_assert_nonnull (strstr (json, "\"points\": 12.97, \"max\": 13.5, \"index\": 96.07"));
}

static void
test_vietnamese_decimal_comma (Fixture       *f,
                               gconstpointer  data)
{
  make_workspace (f);

  {
    g_auto(Run) run = run_cli_with ("LANGUAGE=vi", "results", f->path, "2022");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "85,82"));
    g_assert_nonnull (strstr (run.out, "74,30"));
    g_assert_null (strstr (run.out, "85.82"));
  }
  {
    const char *env[] = { "LANGUAGE=vi", "LANG=C.UTF-8", "LC_ALL=", NULL };
    g_auto(Run) run = run_cli_env (env, (const char * const[]) { "results", f->path, "2022",
                                                                 NULL });
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "85,82"));
  }
  {
    /* JSON and CSV are for programs: always a decimal point */
    g_auto(Run) run = run_cli_with ("LANGUAGE=vi", "results", f->path, "2022", "--format",
                                    "json");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "\"index\": 85.82"));
    g_assert_null (strstr (run.out, "85,82"));
  }
  {
    g_auto(Run) run = run_cli_with ("LANGUAGE=vi", "results", f->path, "2022", "--format",
                                    "csv");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, ",85.82,"));
  }
}

static void
test_data_utf8_in_any_locale (Fixture       *f,
                              gconstpointer  data)
{
  /* A script run from cron, without a UTF-8 locale */
  const char *env[] = { "LC_ALL=C", "LANG=", "LANGUAGE=", NULL };

  make_workspace (f);

  {
    g_auto(Run) run = run_cli_env (env, (const char * const[]) { "results", f->path, "2022",
                                                                 "--format", "json", NULL });
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "\"name\": \"UBND xã Tiên Châu\""));
    g_assert_nonnull (strstr (run.out, "\"block\": \"Sở, ban, ngành\""));
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
    g_assert_no_error (error);
  }
  {
    g_auto(Run) run = run_cli_env (env, (const char * const[]) { "results", f->path, "2022",
                                                                 "--format", "csv", NULL });

    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "\nTCH,UBND xã Tiên Châu,UBND xã,9.5,85.82,"));
  }
  {
    /* Vietnamese option values too, though the locale is not UTF-8. */
    g_autofree char *communes = test_data_path ("tien-phuoc.criteria.json");
    g_auto(Run) run = run_cli_env (env, (const char * const[]) { "add-year", f->path,
                                                                 "2023", "--criteria", communes,
                                                                 "--block", "Khối xã", NULL });
    g_auto(Run) years = run_cli_env (env, (const char * const[]) { "results", f->path,
                                                                   "2023", "--format", "csv",
                                                                   NULL });

    if (run.status != EXIT_OK)
      g_test_message ("stderr: %s", run.err);
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_cmpint (years.status, ==, EXIT_OK);
  }
}

static void
copy_fixture (const char *name,
              const char *destination)
{
  g_autofree char *source = test_data_path (name);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (destination, contents, length, NULL));
}

static void
assert_file_starts_with (const char *path,
                         const char *magic)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, strlen (magic));
  g_assert_true (g_str_has_prefix (contents, magic));
}

/* A clerk's folders and files have Vietnamese names: every command reads
 * and writes them (on Windows through the UTF-8 code page of
 * build-aux/windows/parindex.manifest, for libxlsxwriter's fopen()). */
static void
test_vietnamese_paths (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *office = g_build_filename (f->dir, "Sở Nội vụ", NULL);
  g_autofree char *workspace = g_build_filename (office, "Chỉ số CCHC 2022.parindex", NULL);
  g_autofree char *criteria = g_build_filename (office, "Bộ tiêu chí cấp xã.criteria.json", NULL);
  g_autofree char *units = g_build_filename (office, "Danh sách đơn vị.csv", NULL);
  g_autofree char *scores = g_build_filename (office, "Điểm tự đánh giá.csv", NULL);
  g_autofree char *plan = g_build_filename (office, "Kế hoạch CCHC năm 2022.pdf", NULL);
  g_autofree char *annex = g_build_filename (office, "Phụ lục Quyết định công bố.xlsx", NULL);
  g_autofree char *dossier_pdf = g_build_filename (office, "Hồ sơ minh chứng TCH.pdf", NULL);
  g_autofree char *dossier_zip = g_build_filename (office, "Hồ sơ minh chứng TCH.zip", NULL);

  g_assert_cmpint (g_mkdir (office, 0700), ==, 0);
  copy_fixture ("tien-phuoc.criteria.json", criteria);
  copy_fixture ("tien-phuoc.units.csv", units);
  copy_fixture ("tien-phuoc.scores.csv", scores);
  evidence_fixture_pdf (plan, 2, 595, 842, "Kế hoạch CCHC năm 2022");

  {
    g_auto(Run) run = run_cli ("init", workspace);
    assert_done (&run);
    g_assert_nonnull (strstr (run.err, "Chỉ số CCHC 2022.parindex"));
  }
  RUN_DONE ("add-year", workspace, "2022", "--criteria", criteria, "--block", "UBND xã");
  RUN_DONE ("add-units", workspace, "2022", units);
  RUN_DONE ("import-scores", workspace, "2022", scores);
  {
    g_auto(Run) run = run_cli ("attach", workspace, "2022", "TCH", "1.1", plan);
    g_test_message ("stderr: %s", run.err);
    g_assert_cmpint (run.status, ==, EXIT_OK);
  }
  /* The same content again under another title: kept as it was, and said. */
  {
    g_auto(Run) run = run_cli ("attach", workspace, "2022", "TCH", "1.2", plan, "--title",
                               "Tên khác", "--number", "15/KH-UBND");

    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.err, "This document was stored already: its title stays "
                                       "“Kế hoạch CCHC năm 2022”, not “Tên khác”"));
    g_assert_null (strstr (run.err, "number/symbol"));
  }
  {
    g_auto(Run) run = run_cli ("results", workspace, "2022", "--format", "json");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "\"points\": 85.82, \"max\": 100, \"index\": 85.82"));
  }
  {
    g_auto(Run) run = run_cli ("export", workspace, "2022", "--out", annex);
    assert_done (&run);
    assert_file_starts_with (annex, "PK");
  }
  {
    g_auto(Run) run = run_cli ("dossier", workspace, "2022", "TCH", "--out", dossier_pdf);
    assert_done (&run);
    assert_file_starts_with (dossier_pdf, "%PDF");
  }
  {
    g_auto(Run) run = run_cli ("dossier", workspace, "2022", "TCH", "--out", dossier_zip);
    assert_done (&run);
    assert_file_starts_with (dossier_zip, "PK");
  }
}

/* The text of a PDF, read back with pdftotext. */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, text);
}

/* The issuing body as a workspace setting, printed before publication;
 * the signature block of Nghị định 30/2020 from export's and publish's
 * options, kept with the published decision; publishing provisional
 * results warns. */
static void
test_signature_block (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "phụ lục.pdf", NULL);
  g_autofree char *communes = test_data_path ("tien-phuoc.criteria.json");
  g_autofree char *units = test_data_path ("tien-phuoc.units.csv");
  g_autofree char *only_self = g_build_filename (f->dir, "self.csv", NULL);

  make_workspace (f);
  {
    g_auto(Run) run = run_cli ("settings", f->path);

    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_cmpstr (run.out, ==, "issuer\t\n");
  }
  {
    g_auto(Run) run = run_cli ("settings", f->path, "--issuer", "  UBND tỉnh Quảng Nam ");

    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_cmpstr (run.out, ==, "issuer\tUBND tỉnh Quảng Nam\n");
  }

  /* A draft: the setting's issuing body, the block from the options. */
  {
    g_auto(Run) run = run_cli ("export", f->path, "2022", "--out", pdf,
                               "--place", "Quảng Nam", "--authority", "TM. ỦY BAN NHÂN DÂN",
                               "--authority", "KT. CHỦ TỊCH", "--signer-title", "PHÓ CHỦ TỊCH",
                               "--signer", "Nguyễn Văn Bình");
    g_autofree char *text = NULL;

    assert_done (&run);
    text = pdf_text (pdf);
    assert_contains (text, "UBND TỈNH QUẢNG NAM");
    assert_contains (text, "của UBND tỉnh Quảng Nam");
    assert_contains (text, "Quảng Nam, ngày … tháng … năm …");
    assert_contains (text, "TM. ỦY BAN NHÂN DÂN");
    assert_contains (text, "KT. CHỦ TỊCH");
    assert_contains (text, "PHÓ CHỦ TỊCH");
    assert_contains (text, "Nguyễn Văn Bình");
  }

  /* Published: the block is kept with the decision. */
  {
    g_auto(Run) run = run_cli ("publish", f->path, "2022", "--decision-number", "15",
                               "--decision-date", "2025-01-15", "--place", "Quảng Nam",
                               "--authority", "TM. ỦY BAN NHÂN DÂN", "--signer-title",
                               "CHỦ TỊCH", "--signer", "Lê Văn Dũng");

    g_assert_cmpint (run.status, ==, EXIT_OK);
    /* TKY has self entries only. */
    assert_contains (run.err, "Warning: 1 unit is still provisional");
  }
  {
    g_auto(Run) run = run_cli ("export", f->path, "2022", "--out", pdf);
    g_autofree char *text = NULL;

    assert_done (&run);
    text = pdf_text (pdf);
    assert_contains (text, "Quảng Nam, ngày 15 tháng 01 năm 2025");
    assert_contains (text, "TM. ỦY BAN NHÂN DÂN");
    assert_contains (text, "CHỦ TỊCH");
    assert_contains (text, "Lê Văn Dũng");
    assert_contains (text, "15/QĐ-UBND");
    g_assert_null (strstr (text, "KT. CHỦ TỊCH"));
  }

  /* Units without an appraisal: publishing says so. */
  g_assert_true (g_file_set_contents (only_self, "unit,criterion,stage,value\nTCH,1.1,self,9\n",
                                      -1, NULL));
  RUN_DONE ("add-year", f->path, "2023", "--criteria", communes, "--block", "UBND xã");
  RUN_DONE ("add-units", f->path, "2023", units);
  RUN_DONE ("import-scores", f->path, "2023", only_self);
  {
    g_auto(Run) run = run_cli ("publish", f->path, "2023", "--decision-number", "16",
                               "--decision-date", "2026-01-15");

    g_assert_cmpint (run.status, ==, EXIT_OK);
    assert_contains (run.err, "Warning: 2 units are still provisional");
  }
}

/* The cycle between desks (FORMATS.md §8), end to end through the
 * command line: the unit's own workspace and the office's. */

typedef struct
{
  char *unit;       /* the unit's own workspace */
  char *plan;       /* a PDF */
  char *package;    /* round 1 */
  char *sha256;
} Cycle;

static void
cycle_clear (Cycle *cycle)
{
  g_free (cycle->unit);
  g_free (cycle->plan);
  g_free (cycle->package);
  g_free (cycle->sha256);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cycle, cycle_clear)

/* The office's workspace (make_workspace ()) and the own workspace of
 * unit TCH, which submits round 1. */
static void
make_cycle (Fixture *f,
            Cycle   *cycle)
{
  make_workspace (f);
  cycle->unit = g_build_filename (f->dir, "UBND xã Tiên Châu.parindex", NULL);
  cycle->plan = g_build_filename (f->dir, "kế hoạch.pdf", NULL);
  cycle->package = g_build_filename (f->dir, "TCH vòng 1.parpkg", NULL);
  evidence_fixture_pdf (cycle->plan, 2, 595.276, 841.89, "Ke hoach");
  make_unit_workspace (cycle->unit, "2022", "TCH", "UBND xã Tiên Châu");
  {
    g_auto(Run) run = run_cli ("attach", cycle->unit, "2022", "TCH", "1.1", cycle->plan,
                               "--title", "Kế hoạch CCHC năm 2022");
    g_assert_cmpint (run.status, ==, EXIT_OK);
  }
  {
    g_auto(Run) run = run_cli ("submit", cycle->unit, "2022", "TCH", "--out", cycle->package);

    g_test_message ("stderr: %s", run.err);
    g_assert_cmpint (run.status, ==, EXIT_OK);
    /* What is still missing is listed before the package is written. */
    g_assert_nonnull (strstr (run.err, "without a self-assessment"));
    g_assert_nonnull (strstr (run.err, "Wrote round 1 of TCH"));
    g_assert_cmpuint (strlen (run.out), ==, 65);
    cycle->sha256 = g_strndup (run.out, 64);
  }
}

static JsonObject *
status_of (JsonParser *parser,
           const char *workspace,
           const char *code)
{
  g_auto(Run) run = run_cli ("status", workspace, "2022", "--format", "json");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run.status, ==, EXIT_OK);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  return json_unit_of (parser, code);
}

static void
test_cycle_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Cycle) cycle = { 0 };
  g_autofree char *returned = g_build_filename (f->dir, "TCH thẩm định 1.parpkg", NULL);
  g_autofree char *round2 = g_build_filename (f->dir, "TCH vòng 2.parpkg", NULL);
  g_autofree char *changed = NULL;
  g_autofree char *return_sha = NULL;
  g_autofree char *document = NULL;

  make_cycle (f, &cycle);

  /* The office receives, then the same package again. */
  {
    g_auto(Run) run = run_cli ("receive", f->path, cycle.package);
    assert_done (&run);
    g_assert_nonnull (strstr (run.err, "received round 1 of TCH, 2022"));
  }
  {
    g_auto(Run) run = run_cli ("receive", f->path, cycle.package);
    assert_done (&run);
    g_assert_nonnull (strstr (run.err, "was received before; nothing changed"));
  }
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *unit = status_of (parser, f->path, "TCH");
    JsonObject *received = json_object_get_object_member (unit, "received");

    g_assert_cmpstr (json_object_get_string_member (unit, "side"), ==, "office");
    g_assert_cmpint (json_object_get_int_member (received, "round"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (received, "package"), ==, cycle.sha256);
  }
  {
    g_auto(Run) run = run_cli ("results", f->path, "2022", "--format", "csv");
    g_assert_nonnull (strstr (run.out, "TCH,UBND xã Tiên Châu,UBND xã,"));
  }

  /* The office reviews the criterion and its document, sets the
   * explanations' deadline and returns its appraisal. */
  {
    g_autoptr(GBytes) pdf = test_file_bytes (cycle.plan);
    document = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  }
  RUN_DONE ("review", f->path, "2022", "TCH", "1.1", "--verdict",
            "insufficient", "--comment", "Thiếu kế hoạch số hoá",
            "--request-explanation", "Giải trình nội dung số hoá");
  {
    g_autofree char *prefix = g_strndup (document, 10);
    g_auto(Run) run = run_cli ("review", f->path, "2022", "TCH", "1.1", "--document", prefix,
                               "--verdict", "rejected", "--comment", "Bản chụp thiếu trang 2");
    assert_done (&run);
  }
  RUN_DONE ("deadline", f->path, "2022", "--stage", "explanation", "--date", "2999-12-31");
  {
    g_auto(Run) run = run_cli ("return", f->path, "2022", "TCH", "--out", returned);
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_cmpuint (strlen (run.out), ==, 65);
    return_sha = g_strndup (run.out, 64);
  }

  /* The unit receives it and sees what it must answer. */
  {
    g_auto(Run) run = run_cli ("receive", cycle.unit, returned);
    assert_done (&run);
    g_assert_nonnull (strstr (run.err, "received the appraisal of round 1 of TCH"));
  }
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *unit = status_of (parser, cycle.unit, "TCH");

    g_assert_cmpstr (json_object_get_string_member (unit, "side"), ==, "unit");
    g_assert_cmpint (json_object_get_int_member (unit, "open_requests"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (unit, "deadline"), ==, "2999-12-31");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (unit, "received"),
                                                    "package"), ==, return_sha);
  }

  /* It answers: a new value, an explanation; round 2 carries no document. */
  changed = test_write_file (f->dir, "tch.round2.csv",
                             "unit,criterion,stage,value\nTCH,1.1,self,9\n", -1);
  RUN_DONE ("import-scores", cycle.unit, "2022", changed);
  RUN_DONE ("explain", cycle.unit, "2022", "TCH", "1.1", "Đã bổ sung nội dung số hoá vào kế hoạch");
  {
    g_auto(Run) run = run_cli ("submit", cycle.unit, "2022", "TCH", "--out", round2);
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.err, "Wrote round 2 of TCH, 2022"));
    g_assert_nonnull (strstr (run.err, "(0 carried)"));
  }
  {
    g_auto(Run) run = run_cli ("receive", f->path, round2);
    assert_done (&run);
    g_assert_nonnull (strstr (run.err, "received round 2 of TCH, 2022"));
    g_assert_nonnull (strstr (run.err, "0 stored, 1 already held"));
  }

  /* Both sides see what changed in round 2. */
  {
    g_auto(Run) run = run_cli ("rounds", f->path, "2022", "TCH", "--round", "2", "--format",
                               "json");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "\"change\" : \"value\""));
    g_assert_nonnull (strstr (run.out, "\"old\" : \"9.5\""));
    g_assert_nonnull (strstr (run.out, "\"new\" : \"9\""));
    g_assert_nonnull (strstr (run.out, "Đã bổ sung nội dung số hoá vào kế hoạch"));
  }
  {
    g_auto(Run) run = run_cli ("rounds", f->path, "2022", "TCH", "--round", "2");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "9.5 → 9"));
  }
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *unit = status_of (parser, f->path, "TCH");

    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (unit, "received"),
                                                 "round"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (unit, "verdicts"),
                                                 "insufficient"), ==, 1);
    /* The request was answered by round 2. */
    g_assert_cmpint (json_object_get_int_member (unit, "open_requests"), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (unit, "deadline_state"), ==, "on-time");
  }
  {
    g_auto(Run) run = run_cli ("status", f->path, "2022", "--format", "csv");
    g_auto(GStrv) lines = g_strsplit (run.out, "\n", -1);

    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_true (g_str_has_prefix (lines[0], "code,name,block,side,received_kind,received_round,"));
    g_assert_nonnull (strstr (run.out, "TCH,UBND xã Tiên Châu,UBND xã,office,submission,2,"));
  }
  {
    g_auto(Run) run = run_cli ("status", f->path, "2022");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "round 2,"));
    g_assert_nonnull (strstr (run.out, "UBND xã Tiên Kỳ"));
  }
}

/* Every refusal exits with its status and leaves the office's workspace
 * file as it was. */
static void
assert_receive_refused (Fixture    *f,
                        const char *package,
                        int         status,
                        const char *fragment)
{
  g_autoptr(GBytes) before = test_file_bytes (f->path);
  g_autoptr(GBytes) after = NULL;
  g_auto(Run) run = run_cli ("receive", f->path, package);

  assert_failed (&run, status);
  if (fragment != NULL)
    g_assert_nonnull (strstr (run.err, fragment));
  after = test_file_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_cycle_refusals (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Cycle) cycle = { 0 };
  g_autofree char *notes = NULL;
  g_autofree char *cut = g_build_filename (f->dir, "cut.parpkg", NULL);

  make_cycle (f, &cycle);

  notes = test_write_file (f->dir, "notes.parpkg", "not a package", -1);
  assert_receive_refused (f, notes, EXIT_INVALID, "not a ParIndex package");
  {
    g_autoptr(GBytes) whole = test_file_bytes (cycle.package);
    g_autoptr(GError) error = NULL;

    g_file_set_contents (cut, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole) - 100,
                         &error);
    g_assert_no_error (error);
  }
  assert_receive_refused (f, cut, EXIT_INVALID, NULL);

  /* The self-assessment closed: exit 4 until the unit gets an extension. */
  RUN_DONE ("deadline", f->path, "2022", "--stage", "self", "--date", "2022-11-15");
  assert_receive_refused (f, cycle.package, EXIT_FROZEN, "closed on 2022-11-15");
  {
    g_auto(Run) run = run_cli ("deadline", f->path, "2022", "--stage", "self", "--date",
                               "2999-01-31", "--unit", "TCH");
    assert_failed (&run, EXIT_USAGE);
  }
  RUN_DONE ("deadline", f->path, "2022", "--stage", "self", "--date",
            "2999-01-31", "--unit", "TCH", "--reason", "Bão số 9");
  {
    g_auto(Run) run = run_cli ("receive", f->path, notes, cycle.package);

    /* Several files: each on its own; the first failure's status. */
    g_assert_cmpint (run.status, ==, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err, "received round 1 of TCH"));
  }
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *unit = status_of (parser, f->path, "TCH");

    g_assert_cmpstr (json_object_get_string_member (unit, "deadline_state"), ==, "extended");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (unit, "extension"),
                                                    "reason"), ==, "Bão số 9");
  }

  /* review: usage and input errors. */
  {
    g_auto(Run) run = run_cli ("review", f->path, "2022", "TCH", "1.1");
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("review", f->path, "2022", "TCH", "1.1", "--verdict", "good");
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("review", f->path, "2022", "TCH", "9.9", "--verdict",
                               "accepted");
    assert_failed (&run, EXIT_INVALID);
  }
  {
    g_auto(Run) run = run_cli ("return", f->path, "2022", "TKY", "--out", cut);
    assert_failed (&run, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err, "nothing to return"));
  }

  /* A published year receives nothing: exit 4. */
  {
    g_auto(Run) run = run_cli ("publish", f->path, "2022", "--decision-number", "12/QĐ-UBND",
                               "--decision-date", "2023-01-10");
    g_assert_cmpint (run.status, ==, EXIT_OK);
  }
  {
    g_autofree char *again = g_build_filename (f->dir, "TCH again.parpkg", NULL);
    g_auto(Run) run = run_cli ("submit", cycle.unit, "2022", "TCH", "--out", again);

    g_assert_cmpint (run.status, ==, EXIT_OK);
    assert_receive_refused (f, again, EXIT_FROZEN, "published");
  }
  {
    g_auto(Run) run = run_cli ("review", f->path, "2022", "TCH", "1.1", "--verdict",
                               "accepted");
    assert_failed (&run, EXIT_FROZEN);
  }
}

/* parindex-cli hands the document commands to parindex-cli-full (beside
 * it here): without it, they fail with a message that says what is
 * missing, while every other command works on its own. */
static void
test_document_commands_need_full (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *bin = g_build_filename (f->dir, "bin", NULL);
  g_autofree char *alone = g_build_filename (bin, "parindex-cli", NULL);
  g_autofree char *out = g_build_filename (f->dir, "annex.xlsx", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (g_getenv ("PARINDEX_CLI"));
  g_autoptr(GFile) target = g_file_new_for_path (alone);
  g_autoptr(GError) error = NULL;
  g_autofree char *built = NULL;

  make_tien_phuoc (f->path, "2022");
  g_assert_cmpint (g_mkdir (bin, 0755), ==, 0);
  g_assert_true (g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (alone, 0755), ==, 0);

  /* The copy alone in its folder is the parindex-cli the runs start. */
  built = g_strdup (g_getenv ("PARINDEX_CLI"));
  g_setenv ("PARINDEX_CLI", alone, TRUE);
  {
    g_auto(Run) run = run_cli ("results", f->path, "2022", "--format", "csv");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "TCH,"));
  }
  {
    g_auto(Run) run = run_cli ("export", f->path, "2022", "--out", out);
    assert_failed (&run, EXIT_IO);
    g_assert_nonnull (strstr (run.err, "parindex-cli-full"));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  g_setenv ("PARINDEX_CLI", built, TRUE);
  /* Beside it, the same command works, its exit status and output passed on. */
  {
    g_auto(Run) run = run_cli ("export", f->path, "2022", "--out", out);
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = run_cli ("export", f->path, "2022");
    assert_failed (&run, EXIT_USAGE);
    g_assert_nonnull (strstr (run.err, "--out"));
  }
}

/* --dry-run: the window's check from the command line. It prints what
 * the file would add and change, or refuses it as the import would
 * (exit 2, every bad row), and changes nothing. */
static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *commune_scores = test_data_path ("tien-phuoc.scores.csv");
  g_autofree char *changed = g_build_filename (f->dir, "điểm sửa.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "điểm sai.csv", NULL);
  g_autofree char *units = g_build_filename (f->dir, "đơn vị.csv", NULL);
  g_autofree char *before = NULL;

  make_workspace (f);
  g_assert_true (g_file_set_contents (changed, "unit,criterion,stage,value\n"
                                      "TCH,1.1,self,7.25\nTCH,1.1,self,7.25\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "unit,criterion,stage,value\n"
                                      "TCH,1.1,self,11\nXX,1.1,self,1\n", -1, NULL));
  g_assert_true (g_file_set_contents (units, "code,name,block\n"
                                      "TCH,UBND xã Tiên Châu,UBND xã\n"
                                      "TAN,UBND xã Tiên An,UBND xã\n", -1, NULL));
  {
    g_auto(Run) run = run_cli ("results", f->path, "2022", "--format", "json");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    before = g_strdup (run.out);
  }
  {
    /* Imported already: nothing more to add or change. */
    g_auto(Run) run = run_cli ("import-scores", f->path, "2022", commune_scores, "--dry-run");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_cmpstr (run.out, ==, "13 rows\n0 entries would be added\n0 entries would change\n");
    g_assert_nonnull (strstr (run.err, "--dry-run"));
  }
  {
    g_auto(Run) run = run_cli ("import-scores", f->path, "2022", changed, "--dry-run");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_cmpstr (run.out, ==, "2 rows\n0 entries would be added\n1 entry would change\n");
  }
  {
    g_auto(Run) run = run_cli ("import-scores", f->path, "2022", bad, "--dry-run");
    assert_failed (&run, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err, "line 2: TCH, 1.1"));
    g_assert_nonnull (strstr (run.err, "line 3: unit “XX”"));
  }
  {
    g_auto(Run) run = run_cli ("add-units", f->path, "2022", units, "--dry-run");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_cmpstr (run.out, ==, "2 rows\n1 unit would be added\n"
                                  "1 unit already in the year would be updated\n");
  }
  {
    g_auto(Run) run = run_cli ("results", f->path, "2022", "--format", "json");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_cmpstr (run.out, ==, before);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/par/cli/" path, Fixture, NULL, fixture_set_up, func, workspace_fixture_tear_down)

  ADD ("full-flow", test_full_flow);
  ADD ("dry-run", test_dry_run);
  ADD ("exit-usage", test_exit_usage);
  ADD ("exit-invalid-input", test_exit_invalid);
  ADD ("exit-io", test_exit_io);
  ADD ("semicolon-bom-crlf", test_semicolon_bom_crlf);
  ADD ("vietnamese-decimal-comma", test_vietnamese_decimal_comma);
  ADD ("data-utf8-in-any-locale", test_data_utf8_in_any_locale);
  ADD ("vietnamese-paths", test_vietnamese_paths);
  ADD ("signature-block-issuer-setting", test_signature_block);
  ADD ("cycle-round-trip", test_cycle_round_trip);
  ADD ("cycle-refusals", test_cycle_refusals);
  ADD ("document-commands-need-full", test_document_commands_need_full);

#undef ADD

  return g_test_run ();
}
