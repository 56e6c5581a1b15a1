/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A program run as a child process, measured from its start to its exit:
 * what the benchmarks that set parindex-cli beside another program share. */

typedef struct
{
  double seconds;
  double cpu_seconds;   /* user and system: steadier than the clock on a busy machine */
  double peak_mb;
} ParBenchMeasure;

ParBenchMeasure  par_bench_run_measured    (const char * const  *argv,
                                            const char          *input);
ParBenchMeasure  par_bench_median          (GArray              *measures);
double           par_bench_sort_figures    (GArray              *figures);
char            *par_bench_find_cli        (const char          *argv0);
void             par_bench_write_file      (const char          *path,
                                            const char          *contents);
void             par_bench_copy_file       (const char          *from,
                                            const char          *to);
void             par_bench_remove_workspace (const char         *path);

/* The benchmark's own process: its peak memory so far (the maximum
 * resident set size, MB; -1 where unknown) and the milliseconds since a
 * g_get_monotonic_time(). */
double           par_bench_peak_memory_mb  (void);
double           par_bench_elapsed_ms      (gint64               since);

gboolean         par_bench_parse_options   (const GOptionEntry   *entries,
                                            int                  *argc,
                                            char               ***argv,
                                            const int            *runs);

G_END_DECLS
