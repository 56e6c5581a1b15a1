/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-bench-evidence"

#include "config.h"

#include <glib/gstdio.h>
#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "evidence-fixtures.h"
#include "par-bench-process.h"
#include "par-criteria-set.h"
#include "par-dossier.h"
#include "par-evidence.h"
#include "par-i18n.h"
#include "par-workspace.h"

/*
 * The evidence benchmark: attach generated scans (PDFs of incompressible
 * image data, about 0.5 MB a page) one per criterion, then build the PDF
 * dossier and, side by side in the same run, merge the same scans with
 * `qpdf --empty --pages … --` (the floor: a merge and nothing else),
 * interleaved A B A B and reported as medians. Each run is a child process
 * of its own, so that its peak memory (wait4's rusage) is its own. Then the
 * zip dossier once.
 *
 * Budgets (issue #12): the dossier at most 1.05 × the evidence plus the
 * drawn pages (cover, list, explanations); its time at most 2 × qpdf's;
 * peak memory at most 150 MB whatever the size of a single document
 * (try --links 1 --pages 2000: one 1 GB document).
 *
 *   ninja -C BUILDDIR bench/parindex-bench-evidence
 *   BUILDDIR/bench/parindex-bench-evidence [--pages 200] [--links 5] [--rounds 3]
 */

static const char *criteria_json =
  "{ \"format\": \"parindex-criteria/1\", \"title\": \"Bộ chỉ số thử\", \"nodes\": ["
  "  { \"code\": \"1\", \"title\": \"Lĩnh vực 1\", \"children\": ["
  "    { \"code\": \"1.1\", \"title\": \"Tiêu chí 1.1\", \"max\": 20 },"
  "    { \"code\": \"1.2\", \"title\": \"Tiêu chí 1.2\", \"max\": 20 },"
  "    { \"code\": \"1.3\", \"title\": \"Tiêu chí 1.3\", \"max\": 20 },"
  "    { \"code\": \"1.4\", \"title\": \"Tiêu chí 1.4\", \"max\": 20 },"
  "    { \"code\": \"1.5\", \"title\": \"Tiêu chí 1.5\", \"max\": 20 } ] } ] }";

typedef struct
{
  double seconds;
  double peak_mb;
} Run;

/* Runs @argv as a child and measures it: wall time, and its own peak
 * resident memory. */
static Run
run_child (const char * const *argv,
           gboolean             quiet)
{
  struct rusage usage;
  gint64 start;
  Run run = { 0, 0 };
  int status = 0;
  pid_t pid;

  /* Each run starts with the data of the runs before it on disk, so that
   * none pays for another's writing. */
  sync ();
  start = g_get_monotonic_time ();
  pid = fork ();

  if (pid == 0)
    {
      if (quiet)
        {
          int null = open ("/dev/null", O_WRONLY);

          dup2 (null, 1);
          dup2 (null, 2);
        }
      execvp (argv[0], (char **) argv);
      _exit (127);
    }
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  run.seconds = (g_get_monotonic_time () - start) / 1e6;
  run.peak_mb = usage.ru_maxrss / 1024.0;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("%s failed (status %d)\n", argv[0], status);
      exit (1);
    }
  return run;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_double);
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1) +
          g_array_index (values, double, values->len / 2)) / 2;
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? buf.st_size : -1;
}

static void
print_progress (double      fraction,
                const char *text,
                gpointer    user_data)
{
  int *last = user_data;
  int percent = (int) (fraction * 100);

  if (percent / 20 != *last / 20)
    g_printerr ("  %d%%\n", percent);
  *last = percent;
}

static int
run_phase (const char *phase,
           const char *dir,
           int         links)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "bench.parindex", NULL);
  g_autoptr(ParWorkspace) workspace = NULL;
  gint64 start = g_get_monotonic_time ();
  int last = -1;

  workspace = par_workspace_open (path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  g_assert_no_error (error);

  if (g_str_equal (phase, "attach"))
    {
      ParDocumentInfo info = { "Bản quét 200 trang", "01/BC-UBND", "2025-01-02", "UBND xã" };

      for (int i = 0; i < links; i++)
        {
          g_autofree char *code = g_strdup_printf ("1.%d", i + 1);
          g_autofree char *name = g_strdup_printf ("scan-%d.pdf", i + 1);
          g_autofree char *scan = g_build_filename (dir, name, NULL);
          g_autoptr(GFile) file = g_file_new_for_path (scan);
          ParEvidence *evidence = par_workspace_attach_evidence (workspace, 2025, "X1", code, file,
                                                                 &info, NULL,
                                                                 i == 0 ? print_progress : NULL,
                                                                 &last, NULL, &error);
          g_assert_no_error (error);
          if (i == 0)
            g_print ("attach\t%.0f ms\t%.1f MB peak\t(%" G_GINT64_FORMAT " bytes, %d pages)\n",
                     par_bench_elapsed_ms (start), par_bench_peak_memory_mb (),
                     evidence->document->size, evidence->document->page_count);
          par_evidence_free (evidence);
        }
    }
  else
    {
      g_autofree char *out = g_build_filename (dir, phase, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (out);
      g_autoptr(GFileInfo) info = NULL;
      ParDossierFormat format;

      g_assert_true (par_dossier_format_for_path (out, &format));
      par_workspace_write_dossier (workspace, 2025, "X1", file, format, print_progress, &last,
                                   NULL, &error);
      g_assert_no_error (error);
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, &error);
      g_assert_no_error (error);
      if (g_str_equal (phase, "dossier.zip"))
        g_print ("%s\t%.0f ms\t%.1f MB peak\t(%.1f MB written)\n", phase,
                 par_bench_elapsed_ms (start), par_bench_peak_memory_mb (),
                 g_file_info_get_size (info) / 1048576.0);
    }
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *phase = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *self = NULL;
  g_autofree char *dir_arg = NULL;
  g_autofree char *links_arg = NULL;
  g_autofree char *ours_out = NULL;
  g_autofree char *qpdf_out = NULL;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(GPtrArray) qpdf_argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ours_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) qpdf_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ours_peaks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) qpdf_peaks = g_array_new (FALSE, FALSE, sizeof (double));
  int pages = 200;
  int links = 5;
  int rounds = 3;
  GOptionEntry entries[] = {
    { "pages", 0, 0, G_OPTION_ARG_INT, &pages, "Pages of each scan (default 200, about 100 MB)", "N" },
    { "links", 0, 0, G_OPTION_ARG_INT, &links, "Scans, one per criterion (default 5)", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Dossiers and qpdf merges, interleaved (default 3)", "N" },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { "dir", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &dir, NULL, NULL },
    { NULL }
  };
  const char *units = "code,name,block\nX1,UBND xã Thử,all\n";
  gint64 evidence = 0;
  gint64 start;
  double ours_time, qpdf_time;

  par_i18n_init ();
  if (!par_bench_parse_options (entries, &argc, &argv, NULL))
    return 1;
  links = CLAMP (links, 1, 5);
  rounds = CLAMP (rounds, 1, 15);

  if (phase != NULL)
    return run_phase (phase, dir, links);

  if (g_find_program_in_path ("qpdf") == NULL)
    {
      g_printerr ("qpdf is needed for the side-by-side merge: apt-get install qpdf\n");
      return 1;
    }

  dir = g_dir_make_tmp ("parindex-bench-evidence-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.parindex", NULL);
  qpdf_out = g_build_filename (dir, "qpdf.pdf", NULL);
  ours_out = g_build_filename (dir, "dossier.pdf", NULL);

  start = g_get_monotonic_time ();
  g_ptr_array_add (qpdf_argv, g_strdup ("qpdf"));
  g_ptr_array_add (qpdf_argv, g_strdup ("--empty"));
  g_ptr_array_add (qpdf_argv, g_strdup ("--pages"));
  for (int i = 0; i < links; i++)
    {
      g_autofree char *name = g_strdup_printf ("scan-%d.pdf", i + 1);
      g_autofree char *scan = g_build_filename (dir, name, NULL);

      evidence_fixture_image_pdf (scan, pages, 410, 42 + i);
      evidence += file_size (scan);
      g_ptr_array_add (qpdf_argv, g_strdup (scan));
    }
  g_ptr_array_add (qpdf_argv, g_strdup ("--"));
  g_ptr_array_add (qpdf_argv, g_strdup (qpdf_out));
  g_ptr_array_add (qpdf_argv, NULL);
  g_print ("generate\t%.0f ms\t(%d scans of %d pages, %.1f MB of evidence)\n",
           par_bench_elapsed_ms (start), links, pages, evidence / 1048576.0);

  set = par_criteria_set_new_from_data (criteria_json, -1, &error);
  g_assert_no_error (error);
  workspace = par_workspace_open (path, PAR_WORKSPACE_CREATE_NEW, &error);
  g_assert_no_error (error);
  par_workspace_add_year (workspace, 2025, "all", set, &error);
  g_assert_no_error (error);
  par_workspace_import_units (workspace, 2025, units, strlen (units), NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&workspace);

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);
  dir_arg = g_strdup_printf ("--dir=%s", dir);
  links_arg = g_strdup_printf ("--links=%d", links);

  {
    const char *child[] = { self, "--phase=attach", dir_arg, links_arg, NULL };

    run_child (child, FALSE);
  }

  /* Side by side: A B A B … */
  for (int r = 0; r < rounds; r++)
    {
      const char *child[] = { self, "--phase=dossier.pdf", dir_arg, links_arg, NULL };
      Run qpdf = run_child ((const char * const *) qpdf_argv->pdata, TRUE);
      Run ours = run_child (child, g_getenv ("BENCH_VERBOSE") == NULL);

      g_print ("round %d\tqpdf %.2f s %.1f MB peak\tdossier %.2f s %.1f MB peak\n", r + 1,
               qpdf.seconds, qpdf.peak_mb, ours.seconds, ours.peak_mb);
      g_array_append_val (qpdf_times, qpdf.seconds);
      g_array_append_val (qpdf_peaks, qpdf.peak_mb);
      g_array_append_val (ours_times, ours.seconds);
      g_array_append_val (ours_peaks, ours.peak_mb);
    }
  qpdf_time = median (qpdf_times);
  ours_time = median (ours_times);
  g_print ("evidence\t%.1f MB (%" G_GINT64_FORMAT " bytes in %d documents)\n",
           evidence / 1048576.0, evidence, links);
  g_print ("qpdf --empty --pages\t%.2f s median\t%.1f MB peak\t(%.1f MB written)\n", qpdf_time,
           median (qpdf_peaks), file_size (qpdf_out) / 1048576.0);
  g_print ("dossier.pdf\t%.2f s median\t%.1f MB peak\t(%.1f MB written)\n", ours_time,
           median (ours_peaks), file_size (ours_out) / 1048576.0);
  g_print ("budgets\tsize %.3f × evidence (drawn pages %.0f KB)\ttime %.2f × qpdf\t"
           "peak %.1f MB (≤ 150)\n",
           (double) file_size (ours_out) / evidence, (file_size (ours_out) - evidence) / 1024.0,
           ours_time / qpdf_time, median (ours_peaks));

  {
    const char *child[] = { self, "--phase=dossier.zip", dir_arg, links_arg, NULL };

    run_child (child, FALSE);
  }

  if (g_getenv ("BENCH_KEEP") != NULL)
    {
      g_print ("kept %s\n", dir);
      return 0;
    }
  {
    g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
    const char *name;

    while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (dir);
  return 0;
}
