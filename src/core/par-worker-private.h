/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-workspace.h"

G_BEGIN_DECLS

/* The work a worker runs on its thread, on its own connection to the
 * workspace; it reports its progress to the worker's report and relay.
 * Returns its result, or %NULL with @error set. */
typedef gpointer (*ParWorkFunc) (ParWorkspace  *workspace,
                                 gpointer       task_data,
                                 GCancellable  *cancellable,
                                 GError       **error);

/* What every call of ParWorkspace on a worker thread shares: the worker
 * opens a connection of its own to the workspace's file (the caller keeps
 * using its connection), runs the work, relays its progress to the
 * caller's main context, closes the connection and returns the work's
 * result to the caller. A task's data starts with a ParWorker. */
typedef struct
{
  char                 *path;
  ParWorkspaceOpenMode  mode;
  GMainContext         *context;
  ParProgressFunc       progress;
  gpointer              progress_data;
  GDestroyNotify        progress_destroy;
  ParWorkFunc           work;
  GDestroyNotify        result_free;
  /* What the work is about, where it has them (_par_worker_set_subject()). */
  int                   year;
  char                 *unit_code;
  GFile                *file;
  /* On the worker thread, while the work runs: what it reports its
   * progress to. */
  ParProgressFunc       report;
  gpointer              relay;
} ParWorker;

/* What a work returns for %TRUE when the task's result is a boolean. */
#define PAR_WORK_DONE GINT_TO_POINTER (TRUE)

void      _par_worker_start             (ParWorkspace         *workspace,
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
                                         gpointer              user_data);
void      _par_worker_set_subject       (ParWorker            *worker,
                                         int                   year,
                                         const char           *unit_code,
                                         GFile                *file);
void      _par_worker_clear             (ParWorker            *worker);
void      _par_worker_free              (gpointer              task_data);
gboolean  _par_worker_propagate_boolean (ParWorkspace         *workspace,
                                         GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
