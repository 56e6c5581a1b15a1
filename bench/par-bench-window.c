/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "parindex-bench-window"

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "par-bench-process.h"
#include "par-i18n.h"
#include "par-totals-bar.h"
#include "par-units-pane.h"
#include "par-window.h"
#include "par-workspace.h"

/*
 * How fast the window shows a change another program commits (issue 10):
 * the window is open on a workspace (the national one, kept with
 * `parindex-bench --keep FILE`) with a unit selected; a second process
 * opens the workspace, changes a score of that unit and prints the
 * monotonic time at which its commit returned; the window notices the
 * commit (file monitor and data_version), reads the unit again and paints
 * its new totals. The figure is from the commit to the end of that paint,
 * both clocks being the machine's monotonic clock.
 *
 *   parindex-bench-window WORKSPACE [--year YEAR] [--unit CODE] [--runs N]
 *
 * Under Xvfb: `xvfb-run -a -s '-screen 0 1366x768x24' parindex-bench-window …`.
 */

typedef struct
{
  ParWindow *window;
  gint64     painted;
  gint64     committed;
  gboolean   writer_done;
  char      *before;
} Run;

static gboolean
timed_out_cb (gpointer data)
{
  g_error ("timed out");
  return G_SOURCE_REMOVE;
}

static void
iterate_until (gboolean *flag)
{
  guint source = g_timeout_add_seconds (30, timed_out_cb, NULL);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (source);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Run           *run)
{
  const char *now = par_totals_bar_get_points (PAR_TOTALS_BAR (par_window_get_totals_bar (run->window)));

  if (run->painted == 0 && g_strcmp0 (now, run->before) != 0)
    run->painted = g_get_monotonic_time ();
}

static void
writer_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &out, NULL, &error))
    g_error ("%s", error->message);
  run->committed = g_ascii_strtoll (out, NULL, 10);
  if (run->committed == 0)
    g_error ("the other program could not write");
  run->writer_done = TRUE;
}

static char *
stored_value (ParWorkspace *workspace,
              int           year,
              const char   *unit,
              const char   *criterion)
{
  g_autoptr(GPtrArray) entries = par_workspace_list_unit_entries (workspace, year, unit, NULL, NULL);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      ParStoredEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->leaf->code, criterion) && entry->stage == PAR_STAGE_APPRAISAL)
        return g_strdup (entry->value);
    }
  return NULL;
}

/* --write: the other program. */
static int
write_score (const char *path,
             int         year,
             const char *unit,
             const char *criterion,
             const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = par_workspace_open (path, PAR_WORKSPACE_OPEN_EXISTING, &error);

  if (workspace == NULL ||
      !par_workspace_set_score (workspace, year, unit, criterion, PAR_STAGE_APPRAISAL, value, NULL,
                                &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("WORKSPACE");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) figures = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *unit = g_strdup ("X00042");
  gboolean write = FALSE;
  int year = 2025;
  int runs = 11;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, "The year (default 2025)", "YEAR" },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, "The unit shown (default X00042)", "CODE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Number of changes (default 11)", "N" },
    { "write", 0, 0, G_OPTION_ARG_NONE, &write, "Be the other program", NULL },
    { NULL }
  };
  ParWindow *window;
  GdkFrameClock *clock;
  gint64 start;
  double first_frame_ms;

  par_window_profile_mark_start ();
  par_i18n_init ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2)
    {
      g_printerr ("usage: parindex-bench-window WORKSPACE [--year YEAR] [--unit CODE] [--runs N]\n");
      return 1;
    }
  if (write)
    return write_score (argv[1], year, unit, argv[2], argv[3]);

  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      g_printerr ("parindex-bench-window: no display (run it under xvfb-run)\n");
      return 1;
    }
  adw_init ();

  start = g_get_monotonic_time ();
  file = g_file_new_for_commandline_arg (argv[1]);
  window = g_object_new (PAR_TYPE_WINDOW, "default-width", 1366, "default-height", 768, NULL);
  par_window_open_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  if (!par_units_pane_select (PAR_UNITS_PANE (par_window_get_units_pane (window)), unit))
    g_error ("no unit %s in the workspace", unit);
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  first_frame_ms = (g_get_monotonic_time () - start) / 1000.0;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  for (int i = 0; i < runs; i++)
    {
      /* Leaf 1.1 (manual, at most 0.75 in the national set), never its
       * value of before. */
      static const char *values[] = { "0.25", "0.5", "0.75" };
      g_autofree char *current = stored_value (par_window_get_workspace (window), year, unit, "1.1");
      const char *value = values[i % 3];
      g_autofree char *year_text = g_strdup_printf ("%d", year);
      g_autoptr(GSubprocess) writer = NULL;
      Run run = { window, 0, 0, FALSE, NULL };
      gulong handler;
      double figure;

      if (g_strcmp0 (value, current) == 0)
        value = values[(i + 1) % 3];
      run.before = g_strdup (par_totals_bar_get_points (PAR_TOTALS_BAR (par_window_get_totals_bar (window))));
      handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &run);
      writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, argv[0], "--write",
                                 "--year", year_text, "--unit", unit, argv[1],
                                 "1.1", value, NULL);
      if (writer == NULL)
        g_error ("%s", error->message);
      g_subprocess_communicate_utf8_async (writer, NULL, NULL, writer_done_cb, &run);
      iterate_until (&run.writer_done);
      while (run.painted == 0)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handler_disconnect (clock, handler);
      figure = (run.painted - run.committed) / 1000.0;
      g_array_append_val (figures, figure);
      g_free (run.before);
      /* The next change starts from a window at rest. */
      for (int j = 0; j < 20; j++)
        g_main_context_iteration (NULL, FALSE);
    }

  par_bench_sort_figures (figures);
  g_print ("parindex-bench-window: %s, year %d, unit %s selected\n", argv[1], year, unit);
  g_print ("  window open on the workspace     %8.0f ms\n", first_frame_ms);
  g_print ("  another process's commit → totals repainted: median %.1f ms, min %.1f ms, max %.1f ms"
           " (%d changes)\n",
           g_array_index (figures, double, figures->len / 2), g_array_index (figures, double, 0),
           g_array_index (figures, double, figures->len - 1), runs);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
