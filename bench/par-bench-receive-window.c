/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "parindex-bench-receive-window"

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "par-application.h"
#include "par-audit.h"
#include "par-i18n.h"
#include "par-package-receipt.h"
#include "par-receive-dialog.h"
#include "par-submissions-board.h"
#include "par-window.h"

/*
 * A province's packages through the window's path (issue 11): the window is
 * open on the office's workspace, its submissions board shown, and receives
 * every package given in one go, as "Receive Packages…" does once the files
 * are chosen — the core's batch on a worker, the receipts and the progress
 * on the window's thread, the board following each unit received. It prints
 * the time from the start to the dialog saying it is done, then to the
 * board showing every unit's round, the packages received, and how well the
 * window kept answering meanwhile: the longest time its main loop went
 * without turning (a 10 ms timer measures the gaps) and the frames painted.
 *
 *   parindex-bench-receive-window OFFICE.parindex PACKAGE.parpkg…
 *
 * Under Xvfb (parindex-bench-packages --window runs it so, on the province's
 * 120 packages): `xvfb-run -a -s '-screen 0 1366x768x24' …`.
 */

typedef struct
{
  GMainLoop        *loop;
  ParWindow        *window;
  ParReceiveDialog *dialog;
  GPtrArray        *files;
  gint64            started;
  gint64            received;     /* the dialog says it is done */
  gint64            shown;        /* the board shows every unit's round */
  gint64            last_tick;
  gint64            longest_gap;
  guint             late_ticks;   /* gaps over 100 ms */
  guint             frames;
  guint             progress_changes;
} Bench;

static gboolean
tick_cb (gpointer data)
{
  Bench *bench = data;
  gint64 now = g_get_monotonic_time ();

  if (bench->started != 0 && bench->shown == 0 && bench->last_tick != 0)
    {
      bench->longest_gap = MAX (bench->longest_gap, now - bench->last_tick);
      if (now - bench->last_tick > 100 * 1000)
        {
          bench->late_ticks++;
          if (g_getenv ("PARINDEX_BENCH_GAPS") != NULL)
            g_printerr ("gap of %.0f ms at %.2f s (dialog %s)\n",
                        (now - bench->last_tick) / 1e3, (now - bench->started) / 1e6,
                        bench->received != 0 ? "done" : "running");
        }
    }
  bench->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  if (bench->started != 0 && bench->shown == 0)
    bench->frames++;
}

static gboolean
board_complete (Bench *bench)
{
  ParSubmissionsBoard *board =
    PAR_SUBMISSIONS_BOARD (par_window_get_submissions_board (bench->window));
  GListModel *receipts = par_receive_dialog_get_receipts (bench->dialog);

  for (guint i = 0; i < g_list_model_get_n_items (receipts); i++)
    {
      g_autoptr(ParPackageReceipt) receipt = g_list_model_get_item (receipts, i);
      const ParPackageSummary *summary = par_package_receipt_get_summary (receipt);
      ParSubmissionRow *row;

      if (summary == NULL)
        continue;
      row = par_submissions_board_lookup (board, summary->unit_code);
      if (row == NULL || par_submission_row_get_round (row) != summary->round)
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_board_cb (gpointer data)
{
  Bench *bench = data;

  if (!board_complete (bench))
    return G_SOURCE_CONTINUE;
  bench->shown = g_get_monotonic_time ();
  g_main_loop_quit (bench->loop);
  return G_SOURCE_REMOVE;
}

static void
running_cb (Bench *bench)
{
  if (par_receive_dialog_get_running (bench->dialog) || bench->received != 0)
    return;
  bench->received = g_get_monotonic_time ();
  g_timeout_add (5, check_board_cb, bench);
}

static void
progress_cb (Bench *bench)
{
  bench->progress_changes++;
}

static gboolean
start_cb (gpointer data)
{
  Bench *bench = data;
  GListModel *receipts;

  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (bench->window)), "after-paint",
                    G_CALLBACK (after_paint_cb), bench);
  bench->started = g_get_monotonic_time ();
  bench->dialog = PAR_RECEIVE_DIALOG (par_window_receive_packages (bench->window,
                                                                   (GFile **) bench->files->pdata,
                                                                   bench->files->len));
  if (bench->dialog == NULL)
    g_error ("the window did not start receiving");
  g_signal_connect_swapped (bench->dialog, "notify::running", G_CALLBACK (running_cb), bench);
  receipts = par_receive_dialog_get_receipts (bench->dialog);
  for (guint i = 0; i < g_list_model_get_n_items (receipts); i++)
    {
      g_autoptr(ParPackageReceipt) receipt = g_list_model_get_item (receipts, i);

      g_signal_connect_swapped (receipt, "notify::state", G_CALLBACK (progress_cb), bench);
    }
  return G_SOURCE_REMOVE;
}

static void
mapped_cb (Bench *bench)
{
  g_object_set (bench->window, "page", "submissions", NULL);
  /* The first frames of the window are not the batch's. */
  g_timeout_add (500, start_cb, bench);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ParApplication) app = NULL;
  g_autoptr(GFile) office = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  Bench bench = { 0 };
  guint received = 0;
  guint refused = 0;
  guint n_files;
  GListModel *receipts;

  par_i18n_init ();
  par_audit_set_program ("window");
  gtk_disable_setlocale ();
  if (argc < 3)
    {
      g_printerr ("usage: %s OFFICE.parindex PACKAGE.parpkg…\n", argv[0]);
      return 1;
    }
  if (!gtk_init_check ())
    {
      g_printerr ("no display: run it under Xvfb\n");
      return 1;
    }
  adw_init ();

  bench.files = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (bench.files, g_file_new_for_commandline_arg (argv[i]));
  loop = g_main_loop_new (NULL, FALSE);
  bench.loop = loop;

  app = par_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  bench.window = par_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1366, 768);
  office = g_file_new_for_commandline_arg (argv[1]);
  par_window_open_file (bench.window, office);
  if (par_window_get_workspace (bench.window) == NULL)
    g_error ("cannot open %s", argv[1]);
  g_signal_connect_swapped (bench.window, "map", G_CALLBACK (mapped_cb), &bench);
  g_timeout_add (10, tick_cb, &bench);
  gtk_window_present (GTK_WINDOW (bench.window));
  /* The application's main loop owns the main context, as in the program. */
  g_main_loop_run (loop);

  receipts = par_receive_dialog_get_receipts (bench.dialog);
  for (guint i = 0; i < g_list_model_get_n_items (receipts); i++)
    {
      g_autoptr(ParPackageReceipt) receipt = g_list_model_get_item (receipts, i);

      received += par_package_receipt_get_state (receipt) == PAR_RECEIPT_RECEIVED;
      refused += par_package_receipt_get_state (receipt) == PAR_RECEIPT_REFUSED;
    }
  g_print ("  through the window       %6.1f s to the dialog's end, %.1f s to the board   "
           "(%u received, %u refused)\n",
           (bench.received - bench.started) / 1e6, (bench.shown - bench.started) / 1e6,
           received, refused);
  g_print ("  window kept answering    longest main-loop gap %.0f ms, %u gaps over 100 ms, "
           "%u frames painted, %u receipts shown\n",
           bench.longest_gap / 1e3, bench.late_ticks, bench.frames, bench.progress_changes);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  n_files = bench.files->len;
  g_ptr_array_unref (bench.files);
  return received == n_files ? 0 : 2;
}
