/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "parindex-bench-import"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "par-bench-data.h"
#include "par-bench-process.h"
#include "par-i18n.h"

/*
 * The command line's import of a year's scores against the floor (issue
 * 13): `parindex-cli import-scores` of a national year's file (3,321 units
 * × 100 leaves, both stages: 650,916 rows) and of four times that, beside
 * the sqlite3 shell importing the same file (`.import --csv`) into a table
 * keyed like the score table, in one transaction. Runs interleave (floor,
 * ours, floor, ours…); each is a child process, timed from start to exit,
 * its peak memory read with wait4(). Medians.
 *
 *   parindex-bench-import [--scales 1,4] [--runs 3] [--keep DIR]
 */

static char *cli;

static void
bench_scale (const char *dir,
             guint       scale,
             int         runs,
             gboolean    keep)
{
  guint n_units = 3321 * scale;
  g_autofree char *set_path = g_build_filename (dir, "set.criteria.json", NULL);
  g_autofree char *units_path = g_strdup_printf ("%s/units-%u.csv", dir, scale);
  g_autofree char *scores_path = g_strdup_printf ("%s/scores-%u.csv", dir, scale);
  g_autofree char *prepared = g_strdup_printf ("%s/prepared-%u.parindex", dir, scale);
  g_autofree char *workspace = g_strdup_printf ("%s/import-%u.parindex", dir, scale);
  g_autofree char *floor_db = g_strdup_printf ("%s/floor-%u.sqlite", dir, scale);
  g_autofree char *floor_script = g_strdup_printf ("%s/floor-%u.sql", dir, scale);
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (ParBenchMeasure));
  g_autoptr(GArray) floors = g_array_new (FALSE, FALSE, sizeof (ParBenchMeasure));
  g_autofree char *scores = par_bench_make_scores (n_units, 2025);
  g_autofree char *units = par_bench_make_units (n_units);
  g_autofree char *script = NULL;
  guint n_rows = 0;
  ParBenchMeasure a, b;
  GStatBuf st;

  for (const char *p = scores; *p != '\0'; p++)
    n_rows += *p == '\n';
  par_bench_write_file (scores_path, scores);
  par_bench_write_file (units_path, units);
  g_clear_pointer (&scores, g_free);

  /* The workspace with the year and its units, copied before each run. */
  par_bench_remove_workspace (prepared);
  {
    const char *init[] = { cli, "init", prepared, NULL };
    const char *year[] = { cli, "add-year", prepared, "2025", "--criteria", set_path, "--block",
                           "UBND cấp xã", NULL };
    const char *add[] = { cli, "add-units", prepared, "2025", units_path, NULL };

    par_bench_run_measured (init, NULL);
    par_bench_run_measured (year, NULL);
    par_bench_run_measured (add, NULL);
  }

  script = g_strdup_printf ("CREATE TABLE score (unit TEXT NOT NULL, criterion TEXT NOT NULL,"
                            " stage TEXT NOT NULL, value TEXT,"
                            " PRIMARY KEY (unit, criterion, stage)) WITHOUT ROWID;\n"
                            "PRAGMA journal_mode = WAL;\n"
                            "BEGIN;\n.import --csv --skip 1 %s score\nCOMMIT;\n", scores_path);
  par_bench_write_file (floor_script, script);

  for (int run = 0; run < runs; run++)
    {
      const char *floor_argv[] = { "sqlite3", floor_db, NULL };
      const char *import_argv[] = { cli, "import-scores", workspace, "2025", scores_path, NULL };

      par_bench_remove_workspace (floor_db);
      a = par_bench_run_measured (floor_argv, floor_script);
      g_array_append_val (floors, a);

      par_bench_remove_workspace (workspace);
      par_bench_copy_file (prepared, workspace);
      b = par_bench_run_measured (import_argv, NULL);
      g_array_append_val (ours, b);
    }

  a = par_bench_median (floors);
  b = par_bench_median (ours);
  g_stat (scores_path, &st);
  g_print ("  %u× (%u units, %u rows, %.0f MB of CSV)\n", scale, n_units, n_rows - 1,
           st.st_size / 1e6);
  g_print ("    sqlite3 .import (floor)       %6.2f s  %6.2f s CPU  %5.0f MB peak\n", a.seconds,
           a.cpu_seconds, a.peak_mb);
  g_print ("    parindex-cli import-scores    %6.2f s  %6.2f s CPU  %5.0f MB peak"
           "   %.2f × the floor (%.2f × in CPU)\n",
           b.seconds, b.cpu_seconds, b.peak_mb, b.seconds / a.seconds,
           b.cpu_seconds / a.cpu_seconds);

  if (keep)
    return;
  par_bench_remove_workspace (prepared);
  par_bench_remove_workspace (workspace);
  par_bench_remove_workspace (floor_db);
  g_unlink (scores_path);
  g_unlink (units_path);
  g_unlink (floor_script);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scales = g_strdup ("1,4");
  g_autofree char *keep = NULL;
  g_autofree char *dir = NULL;
  g_auto(GStrv) scale_list = NULL;
  g_autofree char *set = NULL;
  g_autofree char *set_path = NULL;
  int runs = 3;
  GOptionEntry entries[] = {
    { "scales", 0, 0, G_OPTION_ARG_STRING, &scales, "Scales of the national year (default 1,4)", "LIST" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each (default 3)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Work in DIR", "DIR" },
    { NULL }
  };

  par_i18n_init ();
  if (!par_bench_parse_options (entries, &argc, &argv, NULL))
    return 1;

  cli = par_bench_find_cli (argv[0]);
  dir = keep != NULL ? g_strdup (keep) : g_dir_make_tmp ("parindex-bench-import-XXXXXX", &error);
  g_assert_no_error (error);
  g_mkdir_with_parents (dir, 0700);

  set = par_bench_make_criteria_set ();
  set_path = g_build_filename (dir, "set.criteria.json", NULL);
  par_bench_write_file (set_path, set);

  g_print ("parindex-bench-import: a year's scores, both stages, %d runs each, medians\n", runs);
  scale_list = g_strsplit (scales, ",", -1);
  for (guint i = 0; scale_list[i] != NULL; i++)
    bench_scale (dir, (guint) atoi (scale_list[i]), runs, keep != NULL);

  if (keep == NULL)
    {
      g_unlink (set_path);
      g_rmdir (dir);
    }
  return 0;
}
