/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "evidence-fixtures.h"

/* parindex-cli end to end (FORMATS.md §6): the built program, found through
 * PARINDEX_CLI, run as a script would run it. Data go to standard output,
 * messages to standard error, and the exit status says what went wrong. */

enum
{
  EXIT_OK = 0,
  EXIT_USAGE = 1,
  EXIT_INVALID = 2,
  EXIT_IO = 3,
};

typedef struct
{
  char *dir;
  char *workspace;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("parindex-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->workspace = g_build_filename (f->dir, "Tiên Phước 2022.parindex", NULL);
}

static void
remove_tree (const char *top)
{
  g_autoptr(GDir) dir = g_dir_open (top, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (top, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (top), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);

  g_free (f->workspace);
  g_free (f->dir);
}

/* Runs parindex-cli with @args (NULL-terminated) in an English, C-locale
 * environment, with @env ("NAME=value", or "NAME=" to unset) on top. */
static Run
run_cli_env (const char * const *env,
             const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) environ = g_get_environ ();
  const char *cli = g_getenv ("PARINDEX_CLI");
  Run run = { -1, NULL, NULL };

  if (cli == NULL)
    g_error ("PARINDEX_CLI is not set; run the test through meson test");

  environ = g_environ_setenv (environ, "LC_ALL", "C.UTF-8", TRUE);
  environ = g_environ_setenv (environ, "LANGUAGE", "C", TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);
      if (pair[1] == NULL || pair[1][0] == '\0')
        environ = g_environ_unsetenv (environ, pair[0]);
      else
        environ = g_environ_setenv (environ, pair[0], pair[1], TRUE);
    }

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, environ);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &run.out, &run.err, &error));
  g_assert_no_error (error);

  /* a crash is never an answer */
  g_assert_true (g_subprocess_get_if_exited (process));
  run.status = g_subprocess_get_exit_status (process);
  return run;
}

#define run_cli(...) run_cli_env (NULL, (const char * const[]) { __VA_ARGS__, NULL })
#define run_cli_with(env, ...) \
  run_cli_env ((const char * const[]) { env, NULL }, (const char * const[]) { __VA_ARGS__, NULL })

/* Success: status 0, nothing on standard output for a command that
 * produces no data. */
static void
assert_done (Run *run)
{
  if (run->status != EXIT_OK)
    g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, EXIT_OK);
  g_assert_cmpstr (run->out, ==, "");
}

/* Failure: the given status, no data on standard output, and a message on
 * standard error. */
static void
assert_failed (Run *run,
               int  status)
{
  g_test_message ("exit %d, stderr: %s", run->status, run->err);
  g_assert_cmpint (run->status, ==, status);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpuint (strlen (run->err), >, 0);
}

/* init → add-year (two blocks) → add-units → import-scores */
static void
make_workspace (Fixture *f)
{
  g_autofree char *communes = fixture_path ("tien-phuoc.criteria.json");
  g_autofree char *departments = fixture_path ("departments.criteria.json");
  g_autofree char *units = fixture_path ("two-blocks.units.csv");
  g_autofree char *commune_scores = fixture_path ("tien-phuoc.scores.csv");
  g_autofree char *department_scores = fixture_path ("departments.scores.csv");

  {
    g_auto(Run) run = run_cli ("init", f->workspace);
    assert_done (&run);
    g_assert_nonnull (strstr (run.err, f->workspace));
    g_assert_true (g_file_test (f->workspace, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_auto(Run) run = run_cli ("add-year", f->workspace, "2022", "--criteria", communes,
                               "--block", "UBND xã");
    assert_done (&run);
  }
  {
    g_auto(Run) run = run_cli ("add-year", f->workspace, "2022", "--block", "Sở, ban, ngành",
                               "--criteria", departments);
    assert_done (&run);
  }
  {
    g_auto(Run) run = run_cli ("add-units", f->workspace, "2022", units);
    assert_done (&run);
    g_assert_nonnull (strstr (run.err, "4"));
  }
  {
    g_auto(Run) run = run_cli ("import-scores", f->workspace, "2022", commune_scores);
    assert_done (&run);
    g_assert_nonnull (strstr (run.err, "13"));
  }
  {
    g_auto(Run) run = run_cli ("import-scores", f->workspace, "2022", department_scores);
    assert_done (&run);
  }
}

static char *
results_json (Fixture *f)
{
  g_auto(Run) run = run_cli ("results", f->workspace, "2022", "--format", "json");

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
    g_auto(Run) run = run_cli ("results", f->workspace, "2022", "--format", "csv");
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
    g_auto(Run) run = run_cli ("results", f->workspace, "2022");

    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_nonnull (strstr (run.out, "85.82"));
    g_assert_nonnull (strstr (run.out, "74.30"));
    g_assert_nonnull (strstr (run.out, "UBND xã Tiên Châu"));
    g_assert_nonnull (strstr (run.out, "Sở, ban, ngành"));
    g_assert_null (strstr (run.out, "85,82"));
  }
  {
    g_auto(Run) run = run_cli ("results", f->workspace, "2022", "--format", "text");

    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "85.82"));
  }
}

static void
test_exit_usage (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *communes = fixture_path ("tien-phuoc.criteria.json");

  make_workspace (f);

  {
    g_auto(Run) run = run_cli_env (NULL, (const char * const[]) { NULL });
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("frobnicate", f->workspace);
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("init");
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("results", f->workspace);
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("results", f->workspace, "2022", "extra");
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("results", f->workspace, "2022", "--bogus");
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("results", f->workspace, "2022", "--format", "xml");
    assert_failed (&run, EXIT_USAGE);
    g_assert_nonnull (strstr (run.err, "--format"));
  }
  {
    g_auto(Run) run = run_cli ("results", f->workspace, "hai nghìn");
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("add-year", f->workspace, "2023");
    assert_failed (&run, EXIT_USAGE);
    g_assert_nonnull (strstr (run.err, "--criteria"));
  }
  {
    g_auto(Run) run = run_cli ("add-year", f->workspace, "--criteria", communes);
    assert_failed (&run, EXIT_USAGE);
  }
  {
    g_auto(Run) run = run_cli ("import-scores", f->workspace, "2022");
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
  g_autofree char *bad_scores = fixture_path ("invalid.scores.csv");
  g_autofree char *bad_criteria = fixture_path ("invalid.criteria.json");
  g_autofree char *bad_units = fixture_path ("unknown-block.units.csv");
  g_autofree char *good_scores = fixture_path ("tien-phuoc.scores.csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_workspace (f);
  before = results_json (f);

  {
    g_auto(Run) run = run_cli ("import-scores", f->workspace, "2022", bad_scores);
    assert_failed (&run, EXIT_INVALID);
    /* what and where: the file, every bad line */
    g_assert_nonnull (strstr (run.err, "invalid.scores.csv"));
    g_assert_nonnull (strstr (run.err, "line 3"));
    g_assert_nonnull (strstr (run.err, "line 4"));
    g_assert_nonnull (strstr (run.err, "line 5"));
    g_assert_null (strstr (run.err, "line 2"));
  }
  {
    g_auto(Run) run = run_cli ("add-year", f->workspace, "2023", "--criteria", bad_criteria);
    assert_failed (&run, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err, "invalid.criteria.json"));
    g_assert_nonnull (strstr (run.err, "“1”"));
  }
  {
    g_auto(Run) run = run_cli ("add-units", f->workspace, "2022", bad_units);
    assert_failed (&run, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err, "line 3"));
    g_assert_nonnull (strstr (run.err, "UBND phường"));
  }
  {
    /* a year the workspace lacks */
    g_auto(Run) run = run_cli ("import-scores", f->workspace, "2030", good_scores);
    assert_failed (&run, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err, "2030"));
  }
  {
    /* the block a year already has */
    g_autofree char *communes = fixture_path ("tien-phuoc.criteria.json");
    g_auto(Run) run = run_cli ("add-year", f->workspace, "2022", "--criteria", communes,
                               "--block", "UBND xã");
    assert_failed (&run, EXIT_INVALID);
  }

  /* nothing was changed */
  after = results_json (f);
  g_assert_cmpstr (before, ==, after);
  {
    g_auto(Run) run = run_cli ("results", f->workspace, "2023");
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
  g_autofree char *scores = fixture_path ("tien-phuoc.scores.csv");
  g_autofree char *communes = fixture_path ("tien-phuoc.criteria.json");
  g_autofree char *missing_criteria = fixture_path ("missing.criteria.json");

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
    g_auto(Run) run = run_cli ("import-scores", f->workspace, "2022", missing_csv);
    assert_failed (&run, EXIT_IO);
    g_assert_nonnull (strstr (run.err, "missing.csv"));
  }
  {
    g_auto(Run) run = run_cli ("add-units", f->workspace, "2022", directory);
    assert_failed (&run, EXIT_IO);
  }
  {
    g_auto(Run) run = run_cli ("add-year", f->workspace, "2023", "--criteria", missing_criteria);
    assert_failed (&run, EXIT_IO);
    g_assert_nonnull (strstr (run.err, "missing.criteria.json"));
  }
}

static void
test_semicolon_bom_crlf (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *communes = fixture_path ("tien-phuoc.criteria.json");
  g_autofree char *units = fixture_path ("tien-phuoc.units.csv");
  g_autofree char *fixture = fixture_path ("tien-phuoc.scores.csv");
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

  {
    g_auto(Run) run = run_cli ("init", f->workspace);
    assert_done (&run);
  }
  {
    g_auto(Run) run = run_cli ("add-year", f->workspace, "2022", "--criteria", communes,
                               "--block", "UBND xã");
    assert_done (&run);
  }
  {
    g_auto(Run) run = run_cli ("add-units", f->workspace, "2022", units);
    assert_done (&run);
  }
  {
    g_auto(Run) run = run_cli ("import-scores", f->workspace, "2022", scores);
    assert_done (&run);
  }

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
    g_auto(Run) run = run_cli_with ("LANGUAGE=vi", "results", f->workspace, "2022");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "85,82"));
    g_assert_nonnull (strstr (run.out, "74,30"));
    g_assert_null (strstr (run.out, "85.82"));
  }
  {
    const char *env[] = { "LANGUAGE=vi", "LANG=C.UTF-8", "LC_ALL=", NULL };
    g_auto(Run) run = run_cli_env (env, (const char * const[]) { "results", f->workspace, "2022",
                                                                 NULL });
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "85,82"));
  }
  {
    /* JSON and CSV are for programs: always a decimal point */
    g_auto(Run) run = run_cli_with ("LANGUAGE=vi", "results", f->workspace, "2022", "--format",
                                    "json");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "\"index\": 85.82"));
    g_assert_null (strstr (run.out, "85,82"));
  }
  {
    g_auto(Run) run = run_cli_with ("LANGUAGE=vi", "results", f->workspace, "2022", "--format",
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
    g_auto(Run) run = run_cli_env (env, (const char * const[]) { "results", f->workspace, "2022",
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
    g_auto(Run) run = run_cli_env (env, (const char * const[]) { "results", f->workspace, "2022",
                                                                 "--format", "csv", NULL });

    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "\nTCH,UBND xã Tiên Châu,UBND xã,9.5,85.82,"));
  }
  {
    /* Vietnamese option values too, though the locale is not UTF-8. */
    g_autofree char *communes = fixture_path ("tien-phuoc.criteria.json");
    g_auto(Run) run = run_cli_env (env, (const char * const[]) { "add-year", f->workspace,
                                                                 "2023", "--criteria", communes,
                                                                 "--block", "Khối xã", NULL });
    g_auto(Run) years = run_cli_env (env, (const char * const[]) { "results", f->workspace,
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
  g_autofree char *source = fixture_path (name);
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
  {
    g_auto(Run) run = run_cli ("add-year", workspace, "2022", "--criteria", criteria,
                               "--block", "UBND xã");
    assert_done (&run);
  }
  {
    g_auto(Run) run = run_cli ("add-units", workspace, "2022", units);
    assert_done (&run);
  }
  {
    g_auto(Run) run = run_cli ("import-scores", workspace, "2022", scores);
    assert_done (&run);
  }
  {
    g_auto(Run) run = run_cli ("attach", workspace, "2022", "TCH", "1.1", plan);
    g_test_message ("stderr: %s", run.err);
    g_assert_cmpint (run.status, ==, EXIT_OK);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/par/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("full-flow", test_full_flow);
  ADD ("exit-usage", test_exit_usage);
  ADD ("exit-invalid-input", test_exit_invalid);
  ADD ("exit-io", test_exit_io);
  ADD ("semicolon-bom-crlf", test_semicolon_bom_crlf);
  ADD ("vietnamese-decimal-comma", test_vietnamese_decimal_comma);
  ADD ("data-utf8-in-any-locale", test_data_utf8_in_any_locale);
  ADD ("vietnamese-paths", test_vietnamese_paths);

#undef ADD

  return g_test_run ();
}
