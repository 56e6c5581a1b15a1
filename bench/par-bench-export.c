/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "parindex-bench-export"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "par-annex-content.h"
#include "par-workspace-export.h"
#include "par-bench-process.h"
#include "par-i18n.h"
#include "par-pdf-document.h"
#include "par-workspace.h"

/*
 * The annex export at national scale: the results of a year, the annex
 * workbook written from them and the same annexes printed to PDF, each
 * timed, with the peak memory.
 * Build the workspace with `parindex-bench --keep national.parindex`, then
 *
 *   parindex-bench-export national.parindex 2025 [--units CODE,CODE…] [--out FILE.xlsx]
 *
 * Without --units every unit has its score sheet: the national year's
 * 3,321, made and written one at a time. The peak memory is read after
 * each step (it only grows).
 */

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("WORKSPACE YEAR");
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(ParDecision) decision = par_decision_new ();
  g_autofree char *units = NULL;
  g_autofree char *out = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) unit_codes = NULL;
  GOptionEntry entries[] = {
    { "units", 0, 0, G_OPTION_ARG_STRING, &units, "Score sheets for these units", "CODE,CODE" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "Keep the workbook at FILE (and the PDF at FILE.pdf)",
      "FILE" },
    { NULL }
  };
  g_autoptr(ParAnnexDocument) document = NULL;
  g_autoptr(ParPdfDocument) written = NULL;
  g_autoptr(GFile) pdf_file = NULL;
  g_autofree char *pdf_path = NULL;
  double results_ms, build_ms, write_ms, pdf_ms;
  double peak_before, peak_workbook;
  GStatBuf info, pdf_info;
  gint64 start;
  guint64 year;
  guint n_units = 0;

  par_i18n_init ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3 ||
      !g_ascii_string_to_unsigned (argv[2], 10, 1900, 9999, &year, NULL))
    {
      g_printerr ("usage: parindex-bench-export WORKSPACE YEAR [--units CODE,CODE] [--out FILE]\n");
      return 1;
    }
  if (units != NULL)
    unit_codes = g_strsplit (units, ",", -1);

  if (out != NULL)
    path = g_strdup (out);
  else
    {
      dir = g_dir_make_tmp ("parindex-bench-export-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "annex.xlsx", NULL);
    }

  decision->number = g_strdup ("123/QĐ-UBND");
  decision->date = g_strdup ("2026-01-15");
  decision->issuer = g_strdup ("Bộ Nội vụ");
  decision->signer = g_strdup ("Nguyễn Văn A");

  workspace = par_workspace_open (argv[1], PAR_WORKSPACE_OPEN_EXISTING, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  results = par_workspace_compute_results (workspace, (int) year, &error);
  g_assert_no_error (error);
  results_ms = par_bench_elapsed_ms (start);

  start = g_get_monotonic_time ();
  document = par_annex_document_build (workspace, results, decision,
                                       "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                                       unit_codes, NULL, &error);
  g_assert_no_error (error);
  build_ms = par_bench_elapsed_ms (start);

  peak_before = par_bench_peak_memory_mb ();
  start = g_get_monotonic_time ();
  par_annex_document_write (document, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  write_ms = par_bench_elapsed_ms (start);
  peak_workbook = par_bench_peak_memory_mb ();
  g_assert_cmpint (g_stat (path, &info), ==, 0);

  /* The same annexes printed: laid out on A4 pages, written as a PDF. */
  pdf_path = g_strconcat (path, ".pdf", NULL);
  start = g_get_monotonic_time ();
  par_annex_document_write (document, pdf_path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  pdf_ms = par_bench_elapsed_ms (start);
  g_assert_cmpint (g_stat (pdf_path, &pdf_info), ==, 0);
  pdf_file = g_file_new_for_path (pdf_path);
  written = par_pdf_document_new_from_file (pdf_file, NULL, &error);
  g_assert_no_error (error);

  for (guint b = 0; b < par_year_results_get_n_blocks (results); b++)
    n_units += par_year_results_get_block_size (results, b);

  g_print ("parindex-bench-export: year %d, %u units, %u score sheets\n", (int) year, n_units,
           par_annex_document_count_unit_sheets (results, unit_codes));
  g_print ("  results of the year          %8.1f ms\n", results_ms);
  g_print ("  annexes (cells, widths)      %8.1f ms\n", build_ms);
  g_print ("  annex workbook               %8.1f ms  (%.1f MB)\n", write_ms,
           info.st_size / (1024.0 * 1024.0));
  g_print ("  export total (.xlsx)         %8.1f ms\n", results_ms + build_ms + write_ms);
  g_print ("  printed annexes (.pdf)       %8.1f ms  (%d pages, %.1f MB)\n", pdf_ms,
           par_pdf_document_get_n_pages (written), pdf_info.st_size / (1024.0 * 1024.0));
  g_print ("  peak memory: results %.0f MB, after the workbook %.0f MB, after the PDF %.0f MB "
           "(maximum resident set size)\n", peak_before, peak_workbook, par_bench_peak_memory_mb ());

  if (dir != NULL)
    {
      g_unlink (path);
      g_unlink (pdf_path);
      g_rmdir (dir);
    }
  return 0;
}
