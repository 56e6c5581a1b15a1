/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "parindex-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#ifdef G_OS_UNIX
#include <sys/resource.h>
#endif

#include "par-decimal.h"
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

#define N_FIELDS 8

static const double field_max[N_FIELDS] = { 13.5, 3, 21, 6, 9, 5, 11, 31.5 };
static const int field_leaves[N_FIELDS] = { 14, 6, 20, 8, 10, 6, 12, 24 };   /* 100 leaves */

static const char *kinds[] = { "manual", "binary", "options", "tiers", "ratio", "deduction" };

/* The impact field opens with four survey leaves (entered at appraisal
 * only); every other leaf cycles through the other rule kinds. */
static const char *
leaf_kind (int field,
           int leaf)
{
  if (field == N_FIELDS - 1 && leaf < 4)
    return "survey";
  return kinds[leaf % G_N_ELEMENTS (kinds)];
}

static int
leaves_in_field (int field)
{
  return field_leaves[field];
}

/* Leaf maxima: a field's maximum spread over its leaves in multiples of
 * 0.25, the remainder on the last leaf. */
static ParMilli
leaf_max (int field,
          int leaf)
{
  ParMilli total = (ParMilli) (field_max[field] * 1000);
  int n = leaves_in_field (field);
  ParMilli each = (total / n) / 250 * 250;

  if (each == 0)
    each = 250;
  if (leaf < n - 1)
    return each;
  return total - each * (n - 1);
}

static char *
make_criteria_set (void)
{
  GString *json = g_string_new ("{ \"format\": \"parindex-criteria/1\", "
                                "\"title\": \"Bộ chỉ số đo hiệu năng (100 tiêu chí thành phần)\", "
                                "\"nodes\": [\n");

  for (int f = 0; f < N_FIELDS; f++)
    {
      g_string_append_printf (json, "%s{ \"code\": \"%d\", \"title\": \"Lĩnh vực %d\", \"children\": [\n",
                              f > 0 ? ",\n" : "", f + 1, f + 1);
      for (int l = 0; l < leaves_in_field (f); l++)
        {
          g_autofree char *max = par_milli_to_string (leaf_max (f, l), '.');
          const char *kind = leaf_kind (f, l);

          g_string_append_printf (json, "%s  { \"code\": \"%d.%d\", \"title\": \"Tiêu chí thành phần %d.%d\", "
                                  "\"max\": %s, \"rule\": { \"kind\": \"%s\"",
                                  l > 0 ? ",\n" : "", f + 1, l + 1, f + 1, l + 1, max, kind);
          if (g_str_equal (kind, "options"))
            g_string_append_printf (json, ", \"options\": [ { \"label\": \"Đúng thời hạn\", \"points\": %s }, "
                                    "{ \"label\": \"Chậm\", \"points\": 0 } ]", max);
          else if (g_str_equal (kind, "tiers"))
            g_string_append_printf (json, ", \"tiers\": [ { \"min\": 95, \"points\": %s }, "
                                    "{ \"min\": 80, \"points\": 0 } ]", max);
          else if (g_str_equal (kind, "deduction"))
            g_string_append (json, ", \"per\": 0.25");
          g_string_append (json, " }, \"not_arising\": \"na\" }");
        }
      g_string_append (json, " ] }");
    }
  g_string_append (json, "\n] }\n");
  return g_string_free (json, FALSE);
}

static char *
make_units (guint n_units)
{
  GString *csv = g_string_new ("code,name,block,kind\n");

  for (guint i = 0; i < n_units; i++)
    g_string_append_printf (csv, "X%05u,UBND xã Số %u,UBND cấp xã,xã\n", i, i + 1);
  return g_string_free (csv, FALSE);
}

static void
append_value (GString *csv,
              const char *kind,
              ParMilli    max,
              guint32     random)
{
  if (g_str_equal (kind, "manual"))
    {
      g_autofree char *text = par_milli_to_string (max - (random % 3) * (max / 4), '.');
      g_string_append (csv, text);
    }
  else if (g_str_equal (kind, "binary"))
    g_string_append (csv, random % 5 == 0 ? "no" : "yes");
  else if (g_str_equal (kind, "options"))
    g_string_append (csv, random % 4 == 0 ? "Chậm" : "Đúng thời hạn");
  else if (g_str_equal (kind, "deduction"))
    g_string_append_printf (csv, "%u", random % 3);
  else
    g_string_append_printf (csv, "%u.%u", 70 + random % 30, random % 10);
}

static char *
make_scores (guint   n_units,
             guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *csv = g_string_sized_new (n_units * 200 * 24);

  g_string_append (csv, "unit,criterion,stage,value\n");
  for (guint u = 0; u < n_units; u++)
    for (int f = 0; f < N_FIELDS; f++)
      for (int l = 0; l < leaves_in_field (f); l++)
        {
          const char *kind = leaf_kind (f, l);

          if (!g_str_equal (kind, "survey"))
            {
              g_string_append_printf (csv, "X%05u,%d.%d,self,", u, f + 1, l + 1);
              append_value (csv, kind, leaf_max (f, l), g_rand_int (rand));
              g_string_append_c (csv, '\n');
            }
          g_string_append_printf (csv, "X%05u,%d.%d,appraisal,", u, f + 1, l + 1);
          if (g_rand_int_range (rand, 0, 50) == 0)
            g_string_append (csv, "NA");
          else
            append_value (csv, kind, leaf_max (f, l), g_rand_int (rand));
          g_string_append_c (csv, '\n');
        }
  return g_string_free (csv, FALSE);
}

static double
peak_memory_mb (void)
{
#ifdef G_OS_UNIX
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    return usage.ru_maxrss / 1024.0;
#endif
  return -1;
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
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
  guint n_rows[2] = { 0, 0 };
  GOptionEntry entries[] = {
    { "units", 0, 0, G_OPTION_ARG_INT, &n_units, "Number of units (default 3321)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep the workspace at FILE", "FILE" },
    { NULL }
  };
  gint64 start;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

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

  json = make_criteria_set ();
  set = par_criteria_set_new_from_data (json, -1, &error);
  g_assert_no_error (error);
  units = make_units (n_units);

  workspace = par_workspace_open (path, PAR_WORKSPACE_CREATE_NEW, &error);
  g_assert_no_error (error);

  for (int y = 0; y < 2; y++)
    {
      g_autofree char *scores = make_scores (n_units, 2024 + y);

      par_workspace_add_year (workspace, 2024 + y, "UBND cấp xã", set, &error);
      g_assert_no_error (error);
      par_workspace_import_units (workspace, 2024 + y, units, strlen (units), NULL, &error);
      g_assert_no_error (error);

      start = g_get_monotonic_time ();
      par_workspace_import_scores (workspace, 2024 + y, scores, strlen (scores), &n_rows[y], &error);
      g_assert_no_error (error);
      import_ms[y] = elapsed_ms (start);
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
        results_ms = MIN (results_ms, elapsed_ms (start));
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
    edit_ms = elapsed_ms (start) / 50;
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
  g_print ("  peak memory                 %8.0f MB  (maximum resident set size)\n", peak_memory_mb ());
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
