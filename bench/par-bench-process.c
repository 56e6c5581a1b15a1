/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef G_OS_UNIX
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "par-bench-process.h"

void
par_bench_write_file (const char *path,
                      const char *contents)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, contents, -1, &error))
    g_error ("%s", error->message);
}

/* Runs @argv (with @input on standard input when given) and measures it. */
ParBenchMeasure
par_bench_run_measured (const char * const *argv,
                        const char         *input)
{
  ParBenchMeasure measure = { 0, 0, 0 };
#ifdef G_OS_UNIX
  gint64 start = g_get_monotonic_time ();
  struct rusage usage;
  int status;
  pid_t pid = fork ();

  if (pid == 0)
    {
      if (input != NULL && freopen (input, "r", stdin) == NULL)
        _exit (127);
      if (freopen ("/dev/null", "w", stdout) == NULL)
        _exit (127);
      execvp (argv[0], (char * const *) argv);
      _exit (127);
    }
  if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s failed (status %d)", argv[0], status);
  measure.seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  measure.cpu_seconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
                        (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  measure.peak_mb = usage.ru_maxrss / 1024.0;
#endif
  return measure;
}

void
par_bench_copy_file (const char *from,
                     const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
}

void
par_bench_remove_workspace (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static int
compare_measures (gconstpointer a,
                  gconstpointer b)
{
  double x = ((const ParBenchMeasure *) a)->seconds;
  double y = ((const ParBenchMeasure *) b)->seconds;

  return x < y ? -1 : x > y;
}

static int
compare_cpu (gconstpointer a,
             gconstpointer b)
{
  double x = ((const ParBenchMeasure *) a)->cpu_seconds;
  double y = ((const ParBenchMeasure *) b)->cpu_seconds;

  return x < y ? -1 : x > y;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/**
 * par_bench_sort_figures:
 * @figures: (element-type double): figures measured
 *
 * Sorts @figures, smallest first.
 *
 * Returns: the median
 */
double
par_bench_sort_figures (GArray *figures)
{
  g_array_sort (figures, compare_doubles);
  return g_array_index (figures, double, figures->len / 2);
}

/* The median time, the median processor time, the highest peak. */
ParBenchMeasure
par_bench_median (GArray *measures)
{
  ParBenchMeasure result;
  double peak = 0;

  for (guint i = 0; i < measures->len; i++)
    peak = MAX (peak, g_array_index (measures, ParBenchMeasure, i).peak_mb);
  g_array_sort (measures, compare_cpu);
  result.cpu_seconds = g_array_index (measures, ParBenchMeasure, measures->len / 2).cpu_seconds;
  g_array_sort (measures, compare_measures);
  result.seconds = g_array_index (measures, ParBenchMeasure, measures->len / 2).seconds;
  result.peak_mb = peak;
  return result;
}


/* parindex-cli: PARINDEX_CLI, or beside this program's build folder. */
char *
par_bench_find_cli (const char *argv0)
{
  g_autofree char *self_dir = NULL;

  if (g_getenv ("PARINDEX_CLI") != NULL)
    return g_strdup (g_getenv ("PARINDEX_CLI"));
  self_dir = g_path_get_dirname (argv0);
  return g_build_filename (self_dir, "..", "src", "cli", "parindex-cli", NULL);
}

double
par_bench_peak_memory_mb (void)
{
#ifdef G_OS_UNIX
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    return usage.ru_maxrss / 1024.0;
#endif
  return -1;
}

double
par_bench_elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

/* Parses a benchmark's options (@entries, no positional arguments named):
 * %FALSE after saying why on standard error, also when @runs (nullable)
 * is below 1. */
gboolean
par_bench_parse_options (const GOptionEntry   *entries,
                         int                  *argc,
                         char               ***argv,
                         const int            *runs)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error) || (runs != NULL && *runs < 1))
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--runs must be at least 1");
      return FALSE;
    }
  return TRUE;
}
