/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>

#include "cli-run.h"
#include "par-bench-data.h"

/*
 * Nothing committed is lost, nothing half-done is kept (issue #13): an
 * import of a few hundred units' scores is killed with SIGKILL at moments
 * spread over its run, again and again, alternating between two files
 * that give every entry another value. After each kill the workspace
 * passes `parindex-cli verify` (the SQLite file, the audit chain), and
 * holds either every entry of the file before or every entry of the file
 * killed — never a mixture — with totals that agree (the results are
 * those of one whole file). The count of kills (PARINDEX_CRASH_KILLS,
 * default 12) keeps the test within seconds.
 */

#define N_UNITS 300
#define YEAR    "2025"

typedef struct
{
  char *dir;
  char *workspace;
  char *scores[2];
  char *entries[2];    /* what the score table holds after each whole file */
  char *results[2];    /* results --format json after each whole file */
} Fixture;

/* The score entries as text, in key order: every value, every point. */
static char *
read_entries (const char *workspace)
{
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (workspace, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT unit_id, criterion_id, stage, value, points,"
                                       " applicable FROM score ORDER BY 1, 2, 3", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (text, "%lld %lld %d %s %lld %d\n",
                            (long long) sqlite3_column_int64 (stmt, 0),
                            (long long) sqlite3_column_int64 (stmt, 1),
                            sqlite3_column_int (stmt, 2),
                            (const char *) sqlite3_column_text (stmt, 3),
                            (long long) sqlite3_column_int64 (stmt, 4),
                            sqlite3_column_int (stmt, 5));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_strdup (text->str);
}

static char *
read_results (const char *workspace)
{
  g_auto(Run) run = run_cli ("results", workspace, YEAR, "--format", "json");

  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
}

static void
import_whole (const char *workspace,
              const char *scores)
{
  g_auto(Run) run = run_cli ("import-scores", workspace, YEAR, scores);

  g_assert_cmpint (run.status, ==, 0);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *set = NULL;
  g_autofree char *units = NULL;
  g_autofree char *set_path = NULL;
  g_autofree char *units_path = NULL;

  f->dir = test_make_dir ();
  f->workspace = g_build_filename (f->dir, "office.parindex", NULL);
  set_path = g_build_filename (f->dir, "set.criteria.json", NULL);
  units_path = g_build_filename (f->dir, "units.csv", NULL);
  set = par_bench_make_criteria_set ();
  units = par_bench_make_units (N_UNITS);
  write_file (set_path, set);
  write_file (units_path, units);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("scores-%u.csv", i);
      g_autofree char *scores = par_bench_make_scores (N_UNITS, 7 + i);

      f->scores[i] = g_build_filename (f->dir, name, NULL);
      write_file (f->scores[i], scores);
    }

  {
    g_auto(Run) init = run_cli ("init", f->workspace);
    g_auto(Run) year = run_cli ("add-year", f->workspace, YEAR, "--criteria", set_path,
                                "--block", "UBND cấp xã");
    g_auto(Run) add = run_cli ("add-units", f->workspace, YEAR, units_path);

    g_assert_cmpint (init.status + year.status + add.status, ==, 0);
  }

  /* What each whole file leaves: file 1 over file 0 replaces every entry. */
  for (guint i = 0; i < 2; i++)
    {
      import_whole (f->workspace, f->scores[i]);
      f->entries[i] = read_entries (f->workspace);
      f->results[i] = read_results (f->workspace);
    }
  g_assert_cmpstr (f->entries[0], !=, f->entries[1]);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->workspace);
  for (guint i = 0; i < 2; i++)
    {
      g_free (f->scores[i]);
      g_free (f->entries[i]);
      g_free (f->results[i]);
    }
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
test_kill_during_import (Fixture       *f,
                         gconstpointer  data)
{
  const char *kills_text = g_getenv ("PARINDEX_CRASH_KILLS");
  guint n_kills = kills_text != NULL ? (guint) g_ascii_strtoull (kills_text, NULL, 10) : 12;
  guint holds = 1;            /* the file whose entries the workspace holds */
  guint killed_running = 0;
  guint kept_whole = 0;
  double duration;

  /* How long a whole import takes here: the quickest of three (files 0,
   * 1, 0, each over the other), so that a moment of load on the machine
   * while measuring does not put the kills after the imports' end. */
  duration = G_MAXDOUBLE;
  for (guint run = 0; run < 3; run++)
    {
      gint64 start = g_get_monotonic_time ();

      holds = run % 2;
      import_whole (f->workspace, f->scores[holds]);
      duration = MIN (duration, seconds_since (start));
    }
  g_test_message ("a whole import takes %.0f ms", duration * 1000);

  for (guint k = 0; k < n_kills; k++)
    {
      guint file = 1 - holds;
      const char *args[] = { "import-scores", f->workspace, YEAR, f->scores[file], NULL };
      g_autoptr(GSubprocess) process = run_cli_spawn (args);
      g_autoptr(GError) error = NULL;
      g_autofree char *entries = NULL;
      g_autofree char *results = NULL;
      /* From the start of the process to near its end: spread over
       * reading, writing, committing and closing. (A process here ends a
       * little sooner than a whole run_cli() measured above.) */
      double at = duration * (0.02 + 0.95 * (k + 0.5) / n_kills);

      g_usleep ((gulong) (at * G_USEC_PER_SEC));
      g_subprocess_force_exit (process);
      g_assert_true (g_subprocess_wait (process, NULL, &error));
      g_assert_no_error (error);
      if (g_subprocess_get_if_signaled (process))
        {
          g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
          killed_running++;
        }
      else
        g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

      /* The file and its log are whole. */
      {
        g_auto(Run) run = run_cli ("verify", f->workspace);

        g_test_message ("kill %u at %.0f ms: verify says %s%s", k, at * 1000, run.out, run.err);
        g_assert_cmpint (run.status, ==, 0);
      }

      /* One file's entries and totals, whole. */
      entries = read_entries (f->workspace);
      results = read_results (f->workspace);
      if (g_str_equal (entries, f->entries[file]))
        {
          g_assert_cmpstr (results, ==, f->results[file]);
          holds = file;
          kept_whole++;
        }
      else
        {
          g_assert_cmpstr (entries, ==, f->entries[holds]);
          g_assert_cmpstr (results, ==, f->results[holds]);
        }
    }

  g_test_message ("%u of %u kills hit a running import; %u imports were kept whole",
                  killed_running, n_kills, kept_whole);
  /* Most kills land while the import runs: the test tests something. */
  g_assert_cmpuint (killed_running, >=, n_kills / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#ifdef G_OS_UNIX
  g_test_add ("/par/crash/kill-during-import", Fixture, NULL, fixture_set_up,
              test_kill_during_import, fixture_tear_down);
#endif

  return g_test_run ();
}
