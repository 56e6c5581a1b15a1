/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "parindex-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "par-bench-data.h"
#include "par-bench-process.h"
#include "par-decimal.h"
#include "par-decision.h"
#include "par-i18n.h"
#include "par-results-format.h"
#include "par-workspace.h"

/*
 * The national-scale benchmark of the scoring core: 3,321 commune-level
 * units in one block, a 100-leaf set, two years, both stages. Prints the
 * import time of a year's scores, the time of the full results of a year
 * (with the year before), the time to recompute after one score change
 * (in memory, and committed to the workspace), and the peak memory.
 *
 *   parindex-bench [--units N] [--keep FILE.parindex]
 */

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(ParYearResults) results = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *keep = NULL;
  g_autofree char *json = NULL;
  g_autofree char *units = NULL;
  int n_units = 3321;
  int n_changes = 2000;
  double import_ms[2];
  double results_ms = G_MAXDOUBLE;
  double update_us;
  double load_us = 0;
  double edit_ms;
  double publish_ms;
  double verify_year_ms = G_MAXDOUBLE;
  double verify_ms = G_MAXDOUBLE;
  gint64 n_records = 0;
  guint n_rows[2] = { 0, 0 };
  GOptionEntry entries[] = {
    { "units", 0, 0, G_OPTION_ARG_INT, &n_units, "Number of units (default 3321)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep the workspace at FILE", "FILE" },
    { NULL }
  };
  gint64 start;

  par_i18n_init ();
  if (!par_bench_parse_options (entries, &argc, &argv, NULL))
    return 1;

  if (keep != NULL)
    {
      path = g_strdup (keep);
      g_unlink (path);
    }
  else
    {
      dir = g_dir_make_tmp ("parindex-bench-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "national.parindex", NULL);
    }

  json = par_bench_make_criteria_set ();
  set = par_criteria_set_new_from_data (json, -1, &error);
  g_assert_no_error (error);
  units = par_bench_make_units (n_units);

  workspace = par_workspace_open (path, PAR_WORKSPACE_CREATE_NEW, &error);
  g_assert_no_error (error);

  for (int y = 0; y < 2; y++)
    {
      g_autofree char *scores = par_bench_make_scores (n_units, 2024 + y);

      par_workspace_add_year (workspace, 2024 + y, "UBND cấp xã", set, &error);
      g_assert_no_error (error);
      par_workspace_import_units (workspace, 2024 + y, units, strlen (units), NULL, &error);
      g_assert_no_error (error);

      start = g_get_monotonic_time ();
      par_workspace_import_scores (workspace, 2024 + y, scores, strlen (scores), &n_rows[y], &error);
      g_assert_no_error (error);
      import_ms[y] = par_bench_elapsed_ms (start);
    }

  /* Full results of the second year, which includes computing the first
   * for the year-over-year columns. Best of five, after one warm-up. */
  for (int run = 0; run < 6; run++)
    {
      g_clear_pointer (&results, par_year_results_free);
      g_clear_object (&workspace);
      workspace = par_workspace_open (path, PAR_WORKSPACE_OPEN_EXISTING, &error);
      g_assert_no_error (error);

      start = g_get_monotonic_time ();
      results = par_workspace_compute_results (workspace, 2025, &error);
      g_assert_no_error (error);
      if (run > 0)
        results_ms = MIN (results_ms, par_bench_elapsed_ms (start));
    }

  /* One score change: the unit's sums and its block's ranks, in memory. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (7);
    ParCriteriaSet *block_set = par_year_results_get_block_set (results, 0);

    int n_loads = 0;

    start = g_get_monotonic_time ();
    for (int i = 0; i < n_changes; i++)
      {
        g_autofree char *code = g_strdup_printf ("X%05d", g_rand_int_range (rand, 0, n_units));
        const ParCriterion *leaf = g_ptr_array_index (block_set->leaves,
                                                      g_rand_int_range (rand, 0, block_set->leaves->len));
        ParUnitResult *unit = par_year_results_lookup (results, code);
        ParEntry entry = { PAR_ENTRY_VALUE, NULL, g_rand_int_range (rand, 0, leaf->max + 1), TRUE };

        /* The window loads a unit's entries when the clerk selects it. */
        if (!par_year_results_has_entries (results, unit))
          {
            gint64 load_start = g_get_monotonic_time ();
            par_workspace_load_unit_entries (workspace, results, unit, &error);
            g_assert_no_error (error);
            load_us += g_get_monotonic_time () - load_start;
            n_loads++;
          }

        par_year_results_update_entry (results, unit, leaf->leaf_index, PAR_STAGE_APPRAISAL, &entry);
      }
    update_us = (g_get_monotonic_time () - start - load_us) / (double) n_changes;
    load_us /= MAX (n_loads, 1);

    /* The same, committed: validate, write with its audit record in one
     * transaction (fsync included), then update the live results. */
    start = g_get_monotonic_time ();
    for (int i = 0; i < 50; i++)
      {
        g_autofree char *code = g_strdup_printf ("X%05d", g_rand_int_range (rand, 0, n_units));
        const ParCriterion *leaf = g_ptr_array_index (block_set->leaves, 0);
        g_autofree char *value = par_milli_to_string (g_rand_int_range (rand, 0, leaf->max + 1), '.');
        ParEntry entry = { 0 };
        ParUnitResult *unit = par_year_results_lookup (results, code);

        if (!par_year_results_has_entries (results, unit))
          par_workspace_load_unit_entries (workspace, results, unit, &error);
        g_assert_no_error (error);
        par_workspace_set_score (workspace, 2025, code, leaf->code, PAR_STAGE_APPRAISAL,
                                 value, NULL, &error);
        g_assert_no_error (error);
        par_rule_evaluate (leaf, PAR_STAGE_APPRAISAL, value, FALSE, &entry, &error);
        par_year_results_update_entry (results, unit, leaf->leaf_index, PAR_STAGE_APPRAISAL, &entry);
        par_entry_clear (&entry);
      }
    edit_ms = par_bench_elapsed_ms (start) / 50;
  }

  /* A published year that proves itself (FORMATS.md §7): publishing,
   * then verifying the year (its audit chain, totals and fingerprint), and
   * `parindex-cli verify WORKSPACE 2025` (with the file's quick_check).
   * Best of 3; reopened after, so that the kept workspace is not frozen. */
  {
    g_autoptr(ParDecision) decision = par_decision_new ();

    decision->number = g_strdup ("1/QĐ-UBND");
    decision->date = g_strdup ("2026-01-15");
    start = g_get_monotonic_time ();
    par_workspace_publish (workspace, 2025, decision, NULL, &error);
    g_assert_no_error (error);
    publish_ms = par_bench_elapsed_ms (start);
    for (int run = 0; run < 3; run++)
      {
        g_autoptr(ParYearCheck) check = NULL;
        g_autoptr(GPtrArray) checks = NULL;

        start = g_get_monotonic_time ();
        check = par_workspace_verify_year (workspace, 2025, &error);
        g_assert_no_error (error);
        verify_year_ms = MIN (verify_year_ms, par_bench_elapsed_ms (start));
        start = g_get_monotonic_time ();
        par_workspace_verify (workspace, 2025, &checks, &error);
        g_assert_no_error (error);
        verify_ms = MIN (verify_ms, par_bench_elapsed_ms (start));
        n_records = check->n_records;
      }
    par_workspace_reopen (workspace, 2025, "benchmark", &error);
    g_assert_no_error (error);
  }

  g_print ("parindex-bench: %d units × %u leaves, 2 years, both stages\n",
           n_units, set->leaves->len);
  g_print ("  import of a year's scores   %8.0f ms  (%u rows; %.0f ms for the first year)\n",
           import_ms[1], n_rows[1], import_ms[0]);
  g_print ("  full results of a year      %8.1f ms  (with the year before; best of 5)\n", results_ms);
  g_print ("  one change, in memory       %8.1f µs  (unit sums + block re-rank; mean of %d)\n",
           update_us, n_changes);
  g_print ("  loading a unit's entries    %8.1f µs  (when the clerk selects it)\n", load_us);
  g_print ("  one change, committed       %8.2f ms  (validate + transaction + audit + fsync; mean of 50)\n",
           edit_ms);
  g_print ("  publish a year              %8.0f ms  (totals checked against the entries, fingerprint)\n",
           publish_ms);
  g_print ("  verify a published year     %8.0f ms  (audit chain of %" G_GINT64_FORMAT " records, totals of 2 years,"
           " fingerprint; best of 3)\n", verify_year_ms, n_records);
  g_print ("  parindex-cli verify … 2025  %8.0f ms  (the same, and the file's quick_check; best of 3)\n",
           verify_ms);
  g_print ("  peak memory                 %8.0f MB  (maximum resident set size)\n", par_bench_peak_memory_mb ());
  g_print ("  workspace                   %s\n", path);

  g_clear_object (&workspace);
  if (dir != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  return 0;
}
