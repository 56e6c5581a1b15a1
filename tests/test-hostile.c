/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#ifdef G_OS_UNIX
#include <unistd.h>
#endif

#include "cli-run.h"
#include "evidence-fixtures.h"

/* Hostile and extreme input through parindex-cli (issue #13), one test per
 * finding of the probe: the program never crashes, refuses with exit 2 and
 * a message naming the limit, changes nothing it should not, and writes
 * its outputs whole or not at all. */

typedef struct
{
  char *dir;
  char *workspace;
  char *mount;    /* a tmpfs mounted by the test, or NULL */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_dir ();
  f->workspace = g_build_filename (f->dir, "Sở Nội vụ.parindex", NULL);
}

static gboolean
run_command (const char * const *argv)
{
  int status = -1;

  return g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                       G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

static void
unmount (Fixture *f)
{
  if (f->mount != NULL)
    {
      const char *argv[] = { "umount", f->mount, NULL };
      g_assert_true (run_command (argv));
      g_clear_pointer (&f->mount, g_free);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  unmount (f);
  remove_tree (f->dir);
  g_free (f->workspace);
  g_free (f->dir);
}

/* Mounts a tmpfs of @size at DIR/@name; only root can, elsewhere the test
 * is skipped. */
static char *
mount_tmpfs (Fixture    *f,
             const char *name,
             const char *size)
{
  g_autofree char *dir = g_build_filename (f->dir, name, NULL);
  g_autofree char *option = g_strdup_printf ("size=%s", size);
  const char *argv[] = { "mount", "-t", "tmpfs", "-o", option, "tmpfs", dir, NULL };

  unmount (f);
#ifdef G_OS_UNIX
  if (geteuid () != 0)
    return NULL;
#endif
  g_mkdir (dir, 0755);
  if (!run_command (argv))
    return NULL;
  f->mount = g_strdup (dir);
  return g_steal_pointer (&dir);
}

static char *
checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static char *
results_csv (Fixture *f)
{
  g_auto(Run) run = run_cli ("results", f->workspace, "2025", "--format", "csv");

  g_assert_cmpint (run.status, ==, EXIT_OK);
  return g_steal_pointer (&run.out);
}

/* The Tiên Phước set as block "UBND xã" of 2025, with two units. */
static void
make_workspace (Fixture *f)
{
  g_autofree char *criteria = test_data_path ("tien-phuoc.criteria.json");
  g_autofree char *units = test_write_file (f->dir, "units.csv",
                                            "code,name,block,parent\n"
                                            "TCH,UBND xã Tiên Châu,UBND xã,\n"
                                            "TKY,UBND xã Tiên Kỳ,UBND xã,\n", -1);
  g_autofree char *scores = test_write_file (f->dir, "scores.csv",
                                             "unit,criterion,stage,value,note\n"
                                             "TCH,1.1,self,9.5,\n"
                                             "TCH,3.1,appraisal,97,\n", -1);
  RUN_DONE ("init", f->workspace);
  RUN_DONE ("add-year", f->workspace, "2025", "--criteria", criteria, "--block", "UBND xã");
  RUN_DONE ("add-units", f->workspace, "2025", units);
  RUN_DONE ("import-scores", f->workspace, "2025", scores);
}

/* add-year with @json refused with exit 2, @needle in the message, and the
 * workspace unchanged. */
static void
assert_set_refused (Fixture    *f,
                    const char *json,
                    gssize      length,
                    const char *needle)
{
  g_autofree char *path = test_write_file (f->dir, "hostile.criteria.json", json, length);
  g_autofree char *before = checksum (f->workspace);
  g_autofree char *after = NULL;
  g_auto(Run) run = run_cli ("add-year", f->workspace, "2026", "--criteria", path);

  assert_failed (&run, EXIT_INVALID);
  if (strstr (run.err, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, run.err);
  after = checksum (f->workspace);
  g_assert_cmpstr (before, ==, after);
}

/* A set of @n leaves of maximum @max, ids L0…, one field. */
static char *
flat_set (guint       n,
          const char *max,
          const char *rule)
{
  GString *json = g_string_new ("{ \"format\": \"parindex-criteria/1\", \"title\": \"T\", "
                                "\"nodes\": [ { \"code\": \"1\", \"title\": \"F\", "
                                "\"children\": [");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{ \"code\": \"L%u\", \"title\": \"t\", \"max\": %s%s%s }",
                            i > 0 ? ", " : "", i, max, rule != NULL ? ", \"rule\": " : "",
                            rule != NULL ? rule : "");
  g_string_append (json, "] } ] }");
  return g_string_free (json, FALSE);
}

/* A criteria set of @levels groups, each in the one before, around one
 * leaf. */
static GString *
nested_set (guint levels)
{
  GString *set = g_string_new ("{ \"format\": \"parindex-criteria/1\", \"title\": \"T\", "
                               "\"nodes\": [");

  for (guint i = 0; i < levels; i++)
    g_string_append_printf (set, "{ \"code\": \"N%u\", \"title\": \"t\", \"children\": [", i);
  g_string_append (set, "{ \"code\": \"L\", \"title\": \"t\", \"max\": 1 }");
  for (guint i = 0; i < levels; i++)
    g_string_append (set, "] }");
  g_string_append (set, "] }");
  return set;
}

/* Stack overflow on nesting: 100,000 nested “[” and 40,000 nested nodes
 * crashed add-year inside JSON-GLib; a set 10,000 levels deep was accepted
 * and then crashed every export of its year. */
static void
test_deep_nesting (Fixture       *f,
                   gconstpointer  data)
{
  gsize n = 100000;
  g_autofree char *brackets = g_malloc (2 * n);
  GString *deep = nested_set (40000);
  /* 9 levels of criteria: within JSON's bound, beyond the tree's */
  GString *nine = nested_set (8);

  make_workspace (f);

  memset (brackets, '[', n);
  memset (brackets + n, ']', n);
  assert_set_refused (f, brackets, 2 * n, "nested more than 64 levels");
  assert_set_refused (f, deep->str, deep->len, "nested more than 64 levels");
  assert_set_refused (f, nine->str, nine->len, "nested more than 8 levels");

  g_string_free (deep, TRUE);
  g_string_free (nine, TRUE);
}

/* Signed overflow: a deduction leaf with a count of 10^12 stored garbage
 * points; 500 leaves of max 2147483647 at full marks gave an index of
 * 14.09. */
static void
test_overflow (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *deduction = flat_set (1, "1000", "{ \"kind\": \"deduction\", \"per\": 1000 }");
  g_autofree char *huge = flat_set (500, "2147483647", NULL);
  g_autofree char *largest = flat_set (500, "1000", NULL);
  g_autofree char *deduction_path = test_write_file (f->dir, "deduction.criteria.json",
                                                     deduction, -1);
  g_autofree char *largest_path = test_write_file (f->dir, "largest.criteria.json", largest, -1);
  g_autofree char *units = test_write_file (f->dir, "overflow.units.csv",
                                            "code,name,block\nU1,Một,ded\nU2,Hai,big\n", -1);
  g_autofree char *count = test_write_file (f->dir, "count.csv",
                                            "unit,criterion,stage,value\n"
                                            "U1,L0,appraisal,1000000000000\n", -1);
  g_autoptr(GString) full = g_string_new ("unit,criterion,stage,value\n");
  g_autofree char *full_path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_workspace (f);
  assert_set_refused (f, huge, -1, "1000000000");

  RUN_DONE ("add-year", f->workspace, "2026", "--criteria", deduction_path, "--block", "ded");
  RUN_DONE ("add-year", f->workspace, "2026", "--criteria", largest_path, "--block", "big");
  RUN_DONE ("add-units", f->workspace, "2026", units);

  before = checksum (f->workspace);
  {
    g_auto(Run) run = run_cli ("import-scores", f->workspace, "2026", count);
    assert_failed (&run, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err, "larger than 1000000000"));
  }
  after = checksum (f->workspace);
  g_assert_cmpstr (before, ==, after);

  /* 500 leaves of the largest maximum a leaf may have, at full marks */
  for (guint i = 0; i < 500; i++)
    g_string_append_printf (full, "U2,L%u,appraisal,1000\n", i);
  full_path = test_write_file (f->dir, "full.csv", full->str, full->len);
  RUN_DONE ("import-scores", f->workspace, "2026", full_path);
  {
    g_auto(Run) run = run_cli ("results", f->workspace, "2026", "--format", "csv");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "U2,Hai,big,0,500000,500000,100,Xuất sắc,1,1,false"));
  }
}

/* Quadratic normalisation: a 1.37 MB unit name took 11.5 s. */
static void
test_long_texts (Fixture       *f,
                 gconstpointer  data)
{
  GString *csv = g_string_new ("code,name,block\nTCH,a");
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *long_code = g_strnfill (65, 'C');
  g_autofree char *code_csv = g_strdup_printf ("code,name,block\n%s,UBND,UBND xã\n", long_code);
  g_autofree char *code_path = NULL;
  gint64 start;

  make_workspace (f);
  while (csv->len < 1370000)
    g_string_append (csv, "\xCC\x81\xCC\xA3");
  g_string_append (csv, ",UBND xã\n");
  path = test_write_file (f->dir, "long.units.csv", csv->str, csv->len);
  code_path = test_write_file (f->dir, "code.units.csv", code_csv, -1);
  g_string_free (csv, TRUE);

  before = checksum (f->workspace);
  start = g_get_monotonic_time ();
  {
    g_auto(Run) run = run_cli ("add-units", f->workspace, "2025", path);
    assert_failed (&run, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err, "line 2"));
    g_assert_nonnull (strstr (run.err, "65536 bytes"));
  }
  g_test_message ("refused in %.2f s", (g_get_monotonic_time () - start) / 1e6);
  {
    g_auto(Run) run = run_cli ("add-units", f->workspace, "2025", code_path);
    assert_failed (&run, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err, "more than 64"));
  }
  {
    g_autofree char *name = g_strnfill (501, 'n');
    g_autofree char *name_csv = g_strdup_printf ("code,name,block\nTCX,%s,UBND xã\n", name);
    g_autofree char *name_path = test_write_file (f->dir, "name.units.csv", name_csv, -1);
    g_auto(Run) run = run_cli ("add-units", f->workspace, "2025", name_path);
    assert_failed (&run, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err,
                              "column “name”: the text has 501 characters, more than 500"));
  }
  {
    GString *marks = g_string_new ("code,name,block\nTCX,a");
    g_autofree char *marks_path = NULL;

    for (guint i = 0; i < 16; i++)
      g_string_append (marks, "\xCC\x81\xCC\xA3");
    g_string_append (marks, ",UBND xã\n");
    marks_path = test_write_file (f->dir, "marks.units.csv", marks->str, marks->len);
    g_string_free (marks, TRUE);
    {
      g_auto(Run) run = run_cli ("add-units", f->workspace, "2025", marks_path);
      assert_failed (&run, EXIT_INVALID);
      g_assert_nonnull (strstr (run.err, "more than 30 combining marks"));
    }
  }
  after = checksum (f->workspace);
  g_assert_cmpstr (before, ==, after);
}

/* Accepted when it should have been refused. */
static void
test_refused_input (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { const char *name; const char *csv; const char *needle; } units[] = {
    { "self-parent", "code,name,block,parent\nTCH,A,UBND xã,TCH\n", "its own parent" },
    { "two-cycle", "code,name,block,parent\nTCH,A,UBND xã,TKY\nTKY,B,UBND xã,TCH\n",
      "go round in a circle" },
    { "three-cycle", "code,name,block,parent\nA1,A,UBND xã,A2\nA2,B,UBND xã,A3\n"
      "A3,C,UBND xã,A1\n", "A1 → A2 → A3 → A1" },
    /* TKY's parent becomes TCH; TCH already points at … nothing yet, then at TKY */
    { "cycle-through-workspace", "code,name,block,parent\nTCH,A,UBND xã,TKY\n",
      NULL },
    { "duplicate-column", "code,name,block,name\nTCX,A,UBND xã,B\n", "“name” twice" },
    { "control-in-name", "code,name,block\nTCX,UBND\x1b[2J xã,UBND xã\n", "U+001B" },
  };
  static const struct { const char *name; const char *csv; const char *needle; } scores[] = {
    /* a row without its value column used to clear the score */
    { "missing-value-column", "unit,criterion,stage,value\nTCH,1.1,self\n", "no “value” column" },
    { "duplicate-column", "unit,criterion,stage,value,value\nTCH,1.1,self,9,8\n",
      "“value” twice" },
  };
  g_autofree char *results_before = NULL;

  make_workspace (f);

  /* criteria sets JSON-GLib alone accepted */
  assert_set_refused (f, "{ \"format\": \"parindex-criteria/1\", \"title\": \"T\\udfff\", "
                      "\"nodes\": [ { \"code\": \"1\", \"title\": \"A\", \"max\": 1 } ] }", -1,
                      "surrogate");
  assert_set_refused (f, "{ \"format\": \"parindex-criteria/1\", \"title\": \"T\", "
                      "\"nodes\": [ { \"code\": \"1\", \"title\": \"A\", \"max\": 1 } ] }"
                      "{ \"format\": \"parindex-criteria/1\" }", -1, "one JSON value");
  assert_set_refused (f, "{'format': 'parindex-criteria/1', 'title': 'T', "
                      "'nodes': [ { 'code': '1', 'title': 'A', 'max': 1 } ] }", -1,
                      "single quotes");
  assert_set_refused (f, "{ \"format\": \"parindex-criteria/1\", \"title\": \"T\", "
                      "\"nodes\": [ { \"code\": \"1\\u0000x\", \"title\": \"A\", \"max\": 1 } ] }",
                      -1, "\\u0000");

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *path = test_write_file (f->dir, "hostile.units.csv", units[i].csv, -1);
      g_autofree char *before = checksum (f->workspace);
      g_autofree char *after = NULL;

      if (units[i].needle == NULL)
        {
          /* first TKY under TCH (accepted), then TCH under TKY: a circle
           * with a unit the file does not list */
          g_autofree char *first =
            test_write_file (f->dir, "first.units.csv",
                             "code,name,block,parent\nTKY,B,UBND xã,TCH\n", -1);
          g_auto(Run) ok = run_cli ("add-units", f->workspace, "2025", first);
          assert_done (&ok);
          g_free (before);
          before = checksum (f->workspace);
        }
      {
        g_auto(Run) run = run_cli ("add-units", f->workspace, "2025", path);
        g_test_message ("units %s", units[i].name);
        assert_failed (&run, EXIT_INVALID);
        if (strstr (run.err, units[i].needle != NULL ? units[i].needle : "TCH → TKY → TCH") == NULL)
          g_error ("%s: “%s” not in “%s”", units[i].name, units[i].needle, run.err);
      }
      after = checksum (f->workspace);
      g_assert_cmpstr (before, ==, after);
    }

  results_before = results_csv (f);
  g_assert_nonnull (strstr (results_before, "TCH,UBND xã Tiên Châu,UBND xã,9.5,"));
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    {
      g_autofree char *path = test_write_file (f->dir, "hostile.scores.csv", scores[i].csv, -1);
      g_autofree char *after = NULL;
      g_auto(Run) run = run_cli ("import-scores", f->workspace, "2025", path);

      g_test_message ("scores %s", scores[i].name);
      assert_failed (&run, EXIT_INVALID);
      if (strstr (run.err, scores[i].needle) == NULL)
        g_error ("%s: “%s” not in “%s”", scores[i].name, scores[i].needle, run.err);
      after = results_csv (f);
      g_assert_cmpstr (results_before, ==, after);
    }
}

/* A read that writes: results on a 0-byte file or an empty SQLite file
 * turned it into a workspace. No reading command (results, export,
 * dossier, verify, status, rounds) changes a file that is not already a
 * workspace. */
static void
test_read_never_writes (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *empty = test_write_file (f->dir, "empty.parindex", "", 0);
  g_autofree char *database = g_build_filename (f->dir, "database.parindex", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out.xlsx", NULL);
  g_autofree char *out_pdf = g_build_filename (f->dir, "out.pdf", NULL);
  const char *files[] = { empty, database };
  sqlite3 *db = NULL;

  /* an empty SQLite database: a header and nothing else */
  g_assert_cmpint (sqlite3_open (database, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); DROP TABLE t; VACUUM", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *before = checksum (files[i]);
      g_autofree char *wal = g_strconcat (files[i], "-wal", NULL);
      const char * const commands[][7] = {
        { "results", files[i], "2025", NULL },
        { "results", files[i], "2025", "--format", "json", NULL },
        { "export", files[i], "2025", "--out", out, NULL },
        { "export", files[i], "2025", "--out", out_pdf, NULL },
        { "dossier", files[i], "2025", "TCH", "--out", out_pdf },
        { "verify", files[i], NULL },
        { "verify", files[i], "2025", NULL },
        { "status", files[i], "2025", NULL },
        { "rounds", files[i], "2025", "TCH", "--round", "1", NULL },
        { "history", files[i], "2025", NULL },
        { "history", files[i], "2025", "TCH", "--format", "json", NULL },
      };

      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          g_autofree char *after = NULL;
          g_auto(Run) run = run_cli_env (NULL, commands[c]);

          assert_failed (&run, EXIT_IO);
          g_assert_nonnull (strstr (run.err, "not a ParIndex workspace"));
          after = checksum (files[i]);
          g_assert_cmpstr (before, ==, after);
          g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
          g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
        }
    }
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Messages and statuses. */
static void
test_messages (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (f->dir, "copy.parindex", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  make_workspace (f);
  g_assert_true (g_file_get_contents (f->workspace, &contents, &length, NULL));

  /* corrupt stored JSON: the workspace is damaged (3), not the input (2) */
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  exec_sql (copy, "UPDATE criteria_set SET json = '{\"format\": 1'");
  {
    g_auto(Run) run = run_cli ("results", copy, "2025");
    assert_failed (&run, EXIT_IO);
    g_assert_nonnull (strstr (run.err, "damaged"));
  }

  /* user_version = -1 */
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  exec_sql (copy, "PRAGMA user_version = -1");
  {
    g_auto(Run) run = run_cli ("results", copy, "2025");
    assert_failed (&run, EXIT_IO);
    g_assert_null (strstr (run.err, "not an error"));
    g_assert_nonnull (strstr (run.err, "-1"));
  }

  /* ESC and BEL in a name written by an older ParIndex never reach the
   * terminal; JSON escapes them */
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  exec_sql (copy, "UPDATE unit SET name = 'UBND' || char (27) || '[2J' || char (7) || char (155) "
            "|| ' xã' WHERE code = 'TCH'");
  {
    g_auto(Run) text = run_cli ("results", copy, "2025");
    g_auto(Run) csv = run_cli ("results", copy, "2025", "--format", "csv");
    g_auto(Run) json = run_cli ("results", copy, "2025", "--format", "json");

    g_assert_cmpint (text.status, ==, EXIT_OK);
    g_assert_cmpint (csv.status, ==, EXIT_OK);
    g_assert_cmpint (json.status, ==, EXIT_OK);
    for (const char *p = text.out; *p != '\0'; p++)
      g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
    for (const char *p = csv.out; *p != '\0'; p++)
      g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
    g_assert_null (strstr (text.out, "\xC2\x9B"));
    g_assert_null (strstr (csv.out, "\xC2\x9B"));
    g_assert_nonnull (strstr (text.out, "UBND\xEF\xBF\xBD[2J\xEF\xBF\xBD\xEF\xBF\xBD xã"));
    g_assert_nonnull (strstr (csv.out, "UBND\xEF\xBF\xBD[2J\xEF\xBF\xBD\xEF\xBF\xBD xã"));
    g_assert_nonnull (strstr (json.out, "UBND\\u001b[2J\\u0007"));
  }
}

/* A read-only workspace (a read-only mount as root, where permissions do
 * not bind; file and folder without write permission otherwise): reading
 * commands work, a writing command says the file cannot be written. */
static void
test_read_only_workspace (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *mounted = NULL;
  g_autofree char *path = NULL;
  g_autofree char *scores = test_write_file (f->dir, "more.csv",
                                             "unit,criterion,stage,value\n"
                                             "TKY,1.1,self,5\n", -1);
  g_autofree char *out = g_build_filename (f->dir, "annex.xlsx", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  gsize length;

  make_workspace (f);
  expected = results_csv (f);
  g_assert_true (g_file_get_contents (f->workspace, &contents, &length, NULL));

  if ((mounted = mount_tmpfs (f, "ro", "4m")) != NULL)
    {
      const char *argv[] = { "mount", "-o", "remount,ro", mounted, NULL };

      path = g_build_filename (mounted, "Sở Nội vụ.parindex", NULL);
      g_assert_true (g_file_set_contents (path, contents, length, NULL));
      g_assert_true (run_command (argv));
    }
  else
    {
#ifdef G_OS_UNIX
      g_autofree char *dir = g_build_filename (f->dir, "ro", NULL);

      if (geteuid () == 0)
        {
          g_test_skip ("no read-only mount can be made here");
          return;
        }
      g_mkdir (dir, 0755);
      path = g_build_filename (dir, "Sở Nội vụ.parindex", NULL);
      g_assert_true (g_file_set_contents (path, contents, length, NULL));
      g_chmod (path, 0444);
      g_chmod (dir, 0555);
#else
      g_test_skip ("read-only files are tested on Unix");
      return;
#endif
    }

  {
    g_auto(Run) run = run_cli ("results", path, "2025", "--format", "csv");
    g_assert_cmpint (run.status, ==, EXIT_OK);
    g_assert_cmpstr (run.out, ==, expected);
  }
  RUN_DONE ("export", path, "2025", "--out", out);
  {
    g_auto(Run) run = run_cli ("import-scores", path, "2025", scores);
    assert_failed (&run, EXIT_IO);
    g_assert_null (strstr (run.err, "not a ParIndex workspace"));
    g_assert_nonnull (strstr (run.err, "cannot be written"));
  }

  if (f->mount == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_chmod (dir, 0755);
    }
}

/* Disk full: the PDF export crashed in cairo_surface_finish, or left a
 * truncated file, or reported success. Whatever the room left, the export
 * now fails with exit 3 and leaves the folder as it was. */
static void
test_export_disk_full (Fixture       *f,
                       gconstpointer  data)
{
  const char *names[] = { "annex.pdf", "annex.xlsx" };

  make_workspace (f);

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autofree char *whole = g_build_filename (f->dir, names[n], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (whole);
      g_autoptr(GFileInfo) info = NULL;
      guint64 sizes[3];

      RUN_DONE ("export", f->workspace, "2025", "--out", whole);
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                NULL, NULL);
      /* one page, half the file, the file but its last page (tmpfs counts
       * 4 KiB pages) */
      sizes[0] = 4096;
      sizes[1] = g_file_info_get_size (info) / 2 / 4096 * 4096;
      sizes[2] = (g_file_info_get_size (info) - 1) / 4096 * 4096;

      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        for (guint existing = 0; existing < 2; existing++)
          {
            g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, MAX (sizes[s], 4096)
                                                     + (existing ? 4096 : 0));
            g_autofree char *mounted = mount_tmpfs (f, "full", size);
            g_autofree char *out = NULL;
            g_autoptr(GDir) dir = NULL;
            guint n_files = 0;

            if (mounted == NULL)
              {
                g_test_skip ("mounting a small tmpfs needs root");
                return;
              }
            out = g_build_filename (mounted, names[n], NULL);
            if (existing)
              g_assert_true (g_file_set_contents (out, "the previous annex", -1, NULL));

            {
              g_auto(Run) run = run_cli ("export", f->workspace, "2025", "--out", out);
              g_test_message ("%s on %s bytes", names[n], size);
              assert_failed (&run, EXIT_IO);
              g_assert_nonnull (strstr (run.err, "No space left on device"));
            }

            dir = g_dir_open (mounted, 0, NULL);
            while (g_dir_read_name (dir) != NULL)
              n_files++;
            g_assert_cmpuint (n_files, ==, existing ? 1 : 0);
            if (existing)
              {
                g_autofree char *kept = NULL;
                g_assert_true (g_file_get_contents (out, &kept, NULL, NULL));
                g_assert_cmpstr (kept, ==, "the previous annex");
              }
          }
    }
}

/* Texts given as options are bounded like texts in files. */
static void
test_option_texts (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "Kế hoạch.pdf", NULL);
  g_autofree char *out = g_build_filename (f->dir, "annex.xlsx", NULL);
  g_autofree char *long_text = g_strnfill (501, 't');
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_workspace (f);
  evidence_fixture_pdf (pdf, 1, 595, 842, "Kế hoạch");
  before = checksum (f->workspace);
  {
    g_auto(Run) run = run_cli ("attach", f->workspace, "2025", "TCH", "1.1", pdf,
                               "--title", long_text);
    assert_failed (&run, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err, "title: the text has 501 characters, more than 500"));
  }
  {
    g_auto(Run) run = run_cli ("attach", f->workspace, "2025", "TCH", "1.1", pdf,
                               "--pages", "1\x1b[2J");
    assert_failed (&run, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err, "U+001B"));
  }
  {
    g_auto(Run) run = run_cli ("publish", f->workspace, "2025", "--decision-number", long_text,
                               "--decision-date", "2026-01-15");
    assert_failed (&run, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err, "--decision-number: the text has 501 characters"));
  }
  after = checksum (f->workspace);
  g_assert_cmpstr (before, ==, after);
  {
    g_auto(Run) run = run_cli ("export", f->workspace, "2025", "--out", out, "--signer", long_text);
    assert_failed (&run, EXIT_INVALID);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }
  {
    g_autofree char *criteria = test_data_path ("tien-phuoc.criteria.json");
    g_auto(Run) run = run_cli ("add-year", f->workspace, "2026", "--criteria", criteria,
                               "--block", long_text);
    assert_failed (&run, EXIT_INVALID);
    g_assert_nonnull (strstr (run.err, "the block’s name: the text has 501 characters"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/par/hostile/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("deep-nesting", test_deep_nesting);
  ADD ("overflow", test_overflow);
  ADD ("long-texts", test_long_texts);
  ADD ("refused-input", test_refused_input);
  ADD ("read-never-writes", test_read_never_writes);
  ADD ("messages", test_messages);
  ADD ("read-only-workspace", test_read_only_workspace);
  ADD ("export-disk-full", test_export_disk_full);
  ADD ("option-texts", test_option_texts);

#undef ADD

  return g_test_run ();
}
