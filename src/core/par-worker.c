/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "par-worker-private.h"

#include "par-progress-private.h"
#include "par-workspace-private.h"

/* On the worker thread: relays the progress, opens the worker's own
 * connection, runs the work and returns its result. */
static void
worker_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ParWorker *worker = task_data;
  g_autoptr(GError) error = NULL;
  ParWorkspace *workspace;
  gpointer result = NULL;

  if (worker->progress != NULL)
    worker->relay = _par_progress_relay_new (worker->context, worker->progress,
                                             worker->progress_data, &worker->report);
  workspace = par_workspace_open (worker->path, worker->mode, &error);
  if (workspace != NULL)
    result = worker->work (workspace, task_data, cancellable, &error);
  g_clear_pointer (&worker->relay, _par_progress_relay_unref);
  worker->report = NULL;
  /* The connection is closed (its log written back) before the caller
   * hears that the work is done. */
  g_clear_object (&workspace);

  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (worker->result_free == NULL)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_pointer (task, result, worker->result_free);
}

/**
 * _par_worker_start: (skip)
 * @workspace: the caller's workspace
 * @mode: how the worker opens it: %PAR_WORKSPACE_OPEN_READ opens the
 *   file the caller's connection reads (the up-to-date copy of an older
 *   workspace), any other mode the workspace's own file
 * @progress: (nullable): receives progress on the caller's thread-default
 *   main context
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data
 * @task_data: the task's data, beginning with a #ParWorker filled here
 * @task_data_free: frees @task_data, calling _par_worker_clear()
 * @source_tag: the task's source tag (the _async function)
 * @work: the work, on a worker thread
 * @result_free: (nullable): frees the work's result, returned as the
 *   task's pointer; %NULL: the task's result is a boolean, %TRUE where the
 *   work returned %PAR_WORK_DONE
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Runs @work on a worker thread in a #GTask whose source is @workspace.
 */
void
_par_worker_start (ParWorkspace         *workspace,
                   ParWorkspaceOpenMode  mode,
                   ParProgressFunc       progress,
                   gpointer              progress_data,
                   GDestroyNotify        progress_destroy,
                   gpointer              task_data,
                   GDestroyNotify        task_data_free,
                   gpointer              source_tag,
                   ParWorkFunc           work,
                   GDestroyNotify        result_free,
                   GCancellable         *cancellable,
                   GAsyncReadyCallback   callback,
                   gpointer              user_data)
{
  ParWorker *worker = task_data;
  g_autoptr(GTask) task = g_task_new (workspace, cancellable, callback, user_data);

  worker->path = g_strdup (mode == PAR_WORKSPACE_OPEN_READ
                           ? _par_workspace_get_database_path (workspace)
                           : par_workspace_get_path (workspace));
  worker->mode = mode;
  worker->context = g_main_context_ref_thread_default ();
  worker->progress = progress;
  worker->progress_data = progress_data;
  worker->progress_destroy = progress_destroy;
  worker->work = work;
  worker->result_free = result_free;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, task_data, task_data_free);
  g_task_run_in_thread (task, worker_thread);
}

/* Keeps what the work is about, once: @year, a copy of @unit_code, a
 * reference to @file (each may be unset). */
void
_par_worker_set_subject (ParWorker  *worker,
                         int         year,
                         const char *unit_code,
                         GFile      *file)
{
  g_assert (worker->unit_code == NULL && worker->file == NULL);

  worker->year = year;
  worker->unit_code = g_strdup (unit_code);
  worker->file = file != NULL ? g_object_ref (file) : NULL;
}

/* Frees what _par_worker_start() and _par_worker_set_subject() set; the
 * caller's progress data go on its thread. */
void
_par_worker_clear (ParWorker *worker)
{
  g_clear_pointer (&worker->path, g_free);
  g_clear_pointer (&worker->unit_code, g_free);
  g_clear_object (&worker->file);
  _par_main_context_release (worker->context, worker->progress_destroy, worker->progress_data);
  worker->progress_destroy = NULL;
  g_clear_pointer (&worker->context, g_main_context_unref);
}

/* Frees the data of a task that owns nothing beyond its #ParWorker. */
void
_par_worker_free (gpointer task_data)
{
  _par_worker_clear (task_data);
  g_free (task_data);
}

/* The result of a task whose work returns %PAR_WORK_DONE, for its _finish
 * function. */
gboolean
_par_worker_propagate_boolean (ParWorkspace  *workspace,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, workspace), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
