/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "parindex-bench-first-frame"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "par-bench-process.h"

/*
 * The window's first frame on a national workspace against an empty GTK 4
 * window's, in the same run (issue 14: at most 1.5 times). Under the
 * current DISPLAY, runs alternate: parindex-bench-empty-window, then
 * `parindex WORKSPACE` (on a copy of the workspace) with
 * PARINDEX_BENCH_FIRST_FRAME=1; each process prints the monotonic time at
 * which its first frame was painted (GdkFrameClock "after-paint") and
 * quits; the figure is from just before the process is started to that
 * time. The window also prints when the first frame showing the year's
 * units was painted. Medians, and the ratio of the first frames.
 *
 *   parindex-bench-first-frame WORKSPACE [--runs 7]
 *
 * Under Xvfb: `xvfb-run -a -s '-screen 0 1366x768x24' parindex-bench-first-frame …`.
 */

typedef struct
{
  double first_ms;
  double year_ms;
} Frames;

static gint64
read_time (const char *output,
           const char *key)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  gsize key_length = strlen (key);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], key) && lines[i][key_length] == ' ')
      return g_ascii_strtoll (lines[i] + key_length + 1, NULL, 10);
  return 0;
}

static Frames
run_once (const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  gint64 start;
  gint64 first;
  gint64 year;
  Frames frames;

  g_subprocess_launcher_setenv (launcher, "PARINDEX_BENCH_FIRST_FRAME", "1", TRUE);
  /* Neither remembers anything in the user's settings. */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    g_error ("%s failed", argv[0]);
  first = read_time (output, "first-frame");
  year = read_time (output, "year-frame");
  if (first == 0)
    g_error ("%s printed no first frame", argv[0]);
  frames.first_ms = (first - start) / 1000.0;
  frames.year_ms = year != 0 ? (year - start) / 1000.0 : 0;
  return frames;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("WORKSPACE");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) year = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;
  double ratio;
  int runs = 7;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each program (default 7)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1)
    {
      g_printerr ("usage: parindex-bench-first-frame WORKSPACE [--runs N]\n");
      return EXIT_FAILURE;
    }
  /* The window of this build, uninstalled: its settings' schema. */
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", PARINDEX_SCHEMA_DIR, TRUE);

  /* A copy: opening it writes (the log, the audit of the session). */
  dir = g_dir_make_tmp ("parindex-bench-first-frame-XXXXXX", &error);
  g_assert_no_error (error);
  copy = g_build_filename (dir, "national.parindex", NULL);
  par_bench_copy_file (argv[1], copy);

  for (int i = -1; i < runs; i++)
    {
      Frames a = run_once ((const char *[]) { PARINDEX_BENCH_EMPTY_WINDOW, NULL });
      Frames b = run_once ((const char *[]) { PARINDEX_GUI, copy, NULL });

      /* The first round warms the caches (libraries, the file). */
      if (i < 0)
        continue;
      g_array_append_val (empty, a.first_ms);
      g_array_append_val (first, b.first_ms);
      g_array_append_val (year, b.year_ms);
    }
  ratio = median (first) / median (empty);
  g_print ("first frame, median of %d runs each (from the process's start)\n", runs);
  g_print ("  empty GTK 4 window                 %8.0f ms\n", median (empty));
  g_print ("  parindex on the workspace          %8.0f ms   (%.2f times the empty window)\n",
           median (first), ratio);
  g_print ("  parindex, the year's units shown   %8.0f ms\n", median (year));
  g_print ("budget, at most 1.5 times: %s\n", ratio <= 1.5 ? "met" : "NOT met");

  par_bench_remove_workspace (copy);
  g_rmdir (dir);
  return EXIT_SUCCESS;
}
