/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "parindex-bench-results"

#include "config.h"

#include <glib/gstdio.h>

#include "par-bench-data.h"
#include "par-bench-process.h"
#include "par-i18n.h"

/*
 * `parindex-cli results --format json` of a national year as a whole
 * process, beside the floor (issue #13): the sqlite3 shell printing the
 * stored unit totals as JSON (`sqlite3 -readonly -json`). Runs interleave
 * (floor, ours, …); medians of the time from start to exit and of the
 * processor time. The workspace is built with parindex-cli (3,321 units,
 * a 100-leaf set, the year and the year before, both stages), or given.
 *
 *   parindex-bench-results [--runs 20] [--workspace FILE.parindex]
 */

#define N_UNITS 3321

static const char floor_query[] =
  "SELECT u.code, u.name, t.self_points, t.points, t.max, t.provisional"
  " FROM unit_total t JOIN unit u ON u.id = t.unit_id WHERE t.year = 2025";

static void
run_or_die (const char * const *argv)
{
  par_bench_run_measured (argv, NULL);
}

/* The national workspace with 2024 and 2025, in @dir. */
static char *
build_workspace (const char *cli,
                 const char *dir)
{
  char *path = g_build_filename (dir, "national.parindex", NULL);
  g_autofree char *set_path = g_build_filename (dir, "set.criteria.json", NULL);
  g_autofree char *units_path = g_build_filename (dir, "units.csv", NULL);
  g_autofree char *set = par_bench_make_criteria_set ();
  g_autofree char *units = par_bench_make_units (N_UNITS);

  par_bench_write_file (set_path, set);
  par_bench_write_file (units_path, units);
  run_or_die ((const char *[]) { cli, "init", path, NULL });
  for (int year = 2024; year <= 2025; year++)
    {
      g_autofree char *year_text = g_strdup_printf ("%d", year);
      g_autofree char *scores_path = g_strdup_printf ("%s/scores-%d.csv", dir, year);
      g_autofree char *scores = par_bench_make_scores (N_UNITS, year);

      par_bench_write_file (scores_path, scores);
      run_or_die ((const char *[]) { cli, "add-year", path, year_text, "--criteria", set_path,
                                     "--block", "UBND cấp xã", NULL });
      run_or_die ((const char *[]) { cli, "add-units", path, year_text, units_path, NULL });
      run_or_die ((const char *[]) { cli, "import-scores", path, year_text, scores_path, NULL });
      g_unlink (scores_path);
    }
  g_unlink (set_path);
  g_unlink (units_path);
  return path;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) floors = g_array_new (FALSE, FALSE, sizeof (ParBenchMeasure));
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (ParBenchMeasure));
  g_autofree char *cli = NULL;
  g_autofree char *workspace = NULL;
  g_autofree char *dir = NULL;
  ParBenchMeasure a, b;
  int runs = 20;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each (default 20)", "N" },
    { "workspace", 0, 0, G_OPTION_ARG_FILENAME, &workspace,
      "A workspace with the year 2025 (default: one built here)", "FILE" },
    { NULL }
  };

  par_i18n_init ();
  if (!par_bench_parse_options (entries, &argc, &argv, &runs))
    return 1;

  cli = par_bench_find_cli (argv[0]);
  if (workspace == NULL)
    {
      dir = g_dir_make_tmp ("parindex-bench-results-XXXXXX", &error);
      g_assert_no_error (error);
      g_print ("Building the national workspace (%d units, 2 years)…\n", N_UNITS);
      workspace = build_workspace (cli, dir);
    }

  {
    const char *floor_argv[] = { "sqlite3", "-readonly", "-json", workspace, floor_query, NULL };
    const char *ours_argv[] = { cli, "results", workspace, "2025", "--format", "json", NULL };

    /* Once each first, so that both read a warm file. */
    par_bench_run_measured (floor_argv, NULL);
    par_bench_run_measured (ours_argv, NULL);
    for (int run = 0; run < runs; run++)
      {
        a = par_bench_run_measured (floor_argv, NULL);
        g_array_append_val (floors, a);
        b = par_bench_run_measured (ours_argv, NULL);
        g_array_append_val (ours, b);
      }
  }

  a = par_bench_median (floors);
  b = par_bench_median (ours);
  g_print ("parindex-bench-results: a year's results as JSON, %d runs each, medians\n", runs);
  g_print ("  sqlite3 -json of the unit totals (floor)  %6.1f ms  %6.1f ms CPU  %5.1f MB peak\n",
           a.seconds * 1000, a.cpu_seconds * 1000, a.peak_mb);
  g_print ("  parindex-cli results --format json        %6.1f ms  %6.1f ms CPU  %5.1f MB peak"
           "   %.2f × the floor (%.2f × in CPU)\n",
           b.seconds * 1000, b.cpu_seconds * 1000, b.peak_mb, b.seconds / a.seconds,
           b.cpu_seconds / a.cpu_seconds);

  if (dir != NULL)
    {
      par_bench_remove_workspace (workspace);
      g_rmdir (dir);
    }
  return 0;
}
