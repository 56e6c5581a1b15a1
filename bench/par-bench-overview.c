/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "parindex-bench-overview"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>
#include <time.h>

#include "par-bench-data.h"
#include "par-bench-process.h"
#include "par-i18n.h"
#include "par-overview-row.h"
#include "par-overview-sorter.h"
#include "par-workspace.h"
#include "par-year-model.h"

/*
 * The overview of the year (issue 14, budget: a sort ≤ 50 ms): the model
 * the window's overview shows is built on a national workspace — the
 * year's results (ParYearModel), every unit's completeness and cycle
 * (par_workspace_read_overview(), as the window's worker reads them) and
 * one ParOverviewRow per unit — then a GtkSortListModel over the rows,
 * laid in a shuffled order, is sorted by each column with the column's
 * ParOverviewSorter, as a click on its header does: median and maximum
 * of the runs, each sort checked. The workspace is built here with the
 * core (3,321 units, a 100-leaf set, the year and the year before, both
 * stages), or given.
 *
 *   parindex-bench-overview [--runs 20] [--workspace FILE.parindex] [--year 2025]
 */

#define N_UNITS 3321

/* This thread's processor time, in µs: steadier than the clock on a
 * machine shared with other work. */
static gint64
cpu_now (void)
{
  struct timespec time;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &time);
  return (gint64) time.tv_sec * G_USEC_PER_SEC + time.tv_nsec / 1000;
}

/* The national workspace with 2024 and 2025, built with the core. */
static char *
build_workspace (const char *dir)
{
  char *path = g_build_filename (dir, "national.parindex", NULL);
  g_autofree char *set_json = par_bench_make_criteria_set ();
  g_autofree char *units = par_bench_make_units (N_UNITS);
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(GError) error = NULL;

  if (!(workspace = par_workspace_open (path, PAR_WORKSPACE_CREATE_NEW, &error)) ||
      !(set = par_criteria_set_new_from_data (set_json, -1, &error)))
    g_error ("%s", error->message);
  for (int year = 2024; year <= 2025; year++)
    {
      g_autofree char *scores = par_bench_make_scores (N_UNITS, year);

      if (!par_workspace_add_year (workspace, year, "UBND cấp xã", set, &error) ||
          !par_workspace_import_units (workspace, year, units, strlen (units), NULL, &error) ||
          !par_workspace_import_scores (workspace, year, scores, strlen (scores), NULL, &error))
        g_error ("%s", error->message);
    }
  return path;
}

static void
check_sorted (GListModel        *model,
              ParOverviewColumn  column)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(ParOverviewRow) a = g_list_model_get_item (model, i - 1);
      g_autoptr(ParOverviewRow) b = g_list_model_get_item (model, i);

      if (par_overview_row_compare (a, b, column) > 0)
        g_error ("not sorted by %s at %u", par_overview_column_get_id (column), i);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParYearModel) model = NULL;
  g_autoptr(ParYearOverview) overview = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GListStore) store = g_list_store_new (PAR_TYPE_OVERVIEW_ROW);
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  double worst = 0;
  int runs = 20;
  int year = 2025;
  gint64 start;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Sorts by each column (default 20)", "N" },
    { "workspace", 0, 0, G_OPTION_ARG_FILENAME, &path,
      "A workspace (default: a national one built here)", "FILE" },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, "The year (default 2025)", "YEAR" },
    { NULL }
  };

  par_i18n_init ();
  if (!par_bench_parse_options (entries, &argc, &argv, &runs))
    return 1;
  if (path == NULL)
    {
      dir = g_dir_make_tmp ("parindex-bench-overview-XXXXXX", &error);
      g_assert_no_error (error);
      g_print ("Building the national workspace (%d units, 2 years)…\n", N_UNITS);
      path = build_workspace (dir);
    }

  if (!(workspace = par_workspace_open (path, PAR_WORKSPACE_OPEN_EXISTING, &error)))
    g_error ("%s", error->message);

  /* The model, as the window builds it. */
  start = g_get_monotonic_time ();
  if (!(model = par_year_model_new (workspace, year, &error)))
    g_error ("%s", error->message);
  g_print ("parindex-bench-overview: %s, year %d\n", path, year);
  g_print ("  the year's results (ParYearModel)            %7.1f ms\n",
           par_bench_elapsed_ms (start));
  /* What par_workspace_read_overview() reads on the window's worker. */
  overview = g_new0 (ParYearOverview, 1);
  start = g_get_monotonic_time ();
  if (!(overview->completeness = par_workspace_list_completeness (workspace, year, &error)))
    g_error ("%s", error->message);
  g_print ("  every unit's completeness (worker)           %7.1f ms\n",
           par_bench_elapsed_ms (start));
  start = g_get_monotonic_time ();
  if (!(overview->cycles = par_workspace_list_cycle (workspace, year, &error)))
    g_error ("%s", error->message);
  g_print ("  every unit's place in the cycle (worker)     %7.1f ms\n",
           par_bench_elapsed_ms (start));
  start = g_get_monotonic_time ();
  units = par_year_results_get_ordered (par_year_model_get_results (model));
  for (guint i = 0; i < units->len; i++)
    {
      const ParUnitResult *unit = g_ptr_array_index (units, i);
      ParOverviewRow *row = par_overview_row_new (unit->code);

      par_overview_row_set_result (row, par_year_model_get_results (model), unit);
      g_hash_table_insert (by_code, (gpointer) par_overview_row_get_code (row), row);
      g_ptr_array_add (rows, row);
    }
  for (guint i = 0; i < overview->cycles->len; i++)
    {
      const ParUnitCycle *cycle = g_ptr_array_index (overview->cycles, i);

      par_overview_row_set_cycle (g_hash_table_lookup (by_code, cycle->unit_code), cycle);
    }
  for (guint i = 0; i < overview->completeness->len; i++)
    {
      const ParUnitCompleteness *completeness = g_ptr_array_index (overview->completeness, i);

      par_overview_row_set_completeness (g_hash_table_lookup (by_code, completeness->unit_code),
                                         completeness);
    }
  g_print ("  %u rows made (texts and sort keys)         %7.1f ms\n",
           rows->len, par_bench_elapsed_ms (start));

  /* Laid in a shuffled order: no column starts sorted. */
  for (guint i = rows->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      gpointer swap = rows->pdata[i - 1];

      rows->pdata[i - 1] = rows->pdata[j];
      rows->pdata[j] = swap;
    }
  g_list_store_splice (store, 0, 0, rows->pdata, rows->len);
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (store)), NULL);

  g_print ("  sorting %u rows by each column, %d runs\n", rows->len, runs);
  g_print ("                                 time: median      max    CPU: median      max\n");
  for (ParOverviewColumn column = 0; column < PAR_OVERVIEW_N_COLUMNS; column++)
    {
      g_autoptr(ParOverviewSorter) sorter = par_overview_sorter_new (column);

      double median;
      double slowest;
      double cpu_median;
      double cpu_slowest;

      g_array_set_size (times, 0);
      g_array_set_size (cpu_times, 0);
      for (int run = 0; run < runs; run++)
        {
          double time;
          double cpu_time;
          gint64 cpu_start;

          gtk_sort_list_model_set_sorter (sorted, NULL);
          start = g_get_monotonic_time ();
          cpu_start = cpu_now ();
          gtk_sort_list_model_set_sorter (sorted, GTK_SORTER (sorter));
          /* The first row, as the view asks for it. */
          g_object_unref (g_list_model_get_item (G_LIST_MODEL (sorted), 0));
          cpu_time = (cpu_now () - cpu_start) / 1000.0;
          time = par_bench_elapsed_ms (start);
          g_array_append_val (times, time);
          g_array_append_val (cpu_times, cpu_time);
        }
      check_sorted (G_LIST_MODEL (sorted), column);
      median = par_bench_sort_figures (times);
      slowest = g_array_index (times, double, times->len - 1);
      cpu_median = par_bench_sort_figures (cpu_times);
      cpu_slowest = g_array_index (cpu_times, double, cpu_times->len - 1);
      worst = MAX (worst, slowest);
      g_print ("    %-12s                 %7.2f ms %7.2f ms   %7.2f ms %7.2f ms\n",
               par_overview_column_get_id (column), median, slowest, cpu_median, cpu_slowest);
    }
  g_print ("  slowest sort %.2f ms (budget 50 ms)\n", worst);

  gtk_sort_list_model_set_sorter (sorted, NULL);
  g_clear_object (&sorted);
  g_clear_object (&model);
  g_clear_object (&workspace);
  if (dir != NULL)
    {
      par_bench_remove_workspace (path);
      g_rmdir (dir);
    }
  return 0;
}
