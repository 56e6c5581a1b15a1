/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace-import"

#include "config.h"

#include "par-workspace-import.h"

#include <glib/gi18n-lib.h>

#include "par-csv.h"
#include "par-error.h"
#include "par-import-private.h"
#include "par-workspace-private.h"

/*
 * Units and scores files (FORMATS.md §2, §3) checked without writing, for
 * a preview, and imported all or nothing, each by the same code
 * (par-unit-import.c, par-score-import.c), with progress and cancellation,
 * and on a worker with a connection of its own for the window.
 */

/* Rows between two looks at the cancellable and two progress reports. */
#define STEP_ROWS 1024

/*
 * _par_import_run_begin:
 *
 * Reads the header; a run that only checks then has its #ParImportCheck,
 * which says how the file is read.
 */
gboolean
_par_import_run_begin (ParImportRun   *run,
                       ParImportKind   kind,
                       int             year,
                       ParCsv         *csv,
                       ParCsvColumn   *columns,
                       guint           n_columns,
                       GError        **error)
{
  g_autoptr(GPtrArray) ignored = g_ptr_array_new_with_free_func (g_free);

  if (!par_csv_read_header (csv, columns, n_columns, ignored, error))
    return FALSE;
  if (run->check_only)
    run->check = _par_import_check_new (kind, year, par_csv_get_delimiter (csv), columns,
                                        n_columns, ignored);
  return TRUE;
}

/*
 * _par_import_run_step:
 * @n_rows: the rows read so far
 *
 * Every %STEP_ROWS rows (and for 0): reports how far the file is read and
 * looks whether the run is cancelled.
 *
 * Returns: %FALSE with %G_IO_ERROR_CANCELLED when it is
 */
gboolean
_par_import_run_step (ParImportRun  *run,
                      guint          n_rows,
                      GError       **error)
{
  if (n_rows % STEP_ROWS != 0)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
    return FALSE;
  if (run->progress != NULL && run->size > 0)
    _par_progress_report (run->progress, run->progress_data,
                          (double) g_seekable_tell (run->seekable) / run->size, NULL);
  return TRUE;
}

/*
 * _par_import_run_preview:
 * @values: a row's fields, one per column of the format
 *
 * Returns: (nullable) (transfer none): the row kept for the preview of a
 *   check, while there is room
 */
ParImportLine *
_par_import_run_preview (ParImportRun       *run,
                         guint               line,
                         char * const       *values,
                         const ParCsvColumn *columns,
                         guint               n_columns)
{
  if (run->check == NULL)
    return NULL;
  return _par_import_check_add_preview (run->check, line, values, columns, n_columns);
}

/* The check is complete: the rows counted, the bad ones listed. */
void
_par_import_run_end (ParImportRun   *run,
                     guint           n_rows,
                     guint           n_added,
                     guint           n_changed,
                     ParCsvProblems *problems)
{
  g_assert (run->check != NULL);

  _par_import_check_finish (run->check, n_rows, n_added, n_changed, problems);
  _par_progress_report (run->progress, run->progress_data, 1.0, NULL);
}

static gboolean
run_csv (ParWorkspace   *self,
         ParImportKind   kind,
         int             year,
         GInputStream   *stream,
         ParImportRun   *run,
         guint          *out_count,
         GError        **error)
{
  g_autoptr(ParCsv) csv = NULL;

  /* How far a file is read shows as the part of its size read. */
  if (G_IS_SEEKABLE (stream) && g_seekable_can_seek (G_SEEKABLE (stream)))
    {
      goffset start = g_seekable_tell (G_SEEKABLE (stream));

      if (g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_END, run->cancellable, NULL))
        {
          run->seekable = G_SEEKABLE (stream);
          run->size = g_seekable_tell (run->seekable);
          if (!g_seekable_seek (run->seekable, start, G_SEEK_SET, run->cancellable, error))
            return FALSE;
        }
    }

  csv = par_csv_new_for_stream (stream);
  switch (kind)
    {
    case PAR_IMPORT_UNITS:
      return _par_workspace_import_units_csv (self, year, csv, run, out_count, error);
    case PAR_IMPORT_SCORES:
      return _par_workspace_import_scores_csv (self, year, csv, run, out_count, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * par_workspace_check_import:
 * @self: a #ParWorkspace
 * @kind: what the file holds
 * @year: the year it would be imported into
 * @stream: the CSV file, read a piece at a time
 * @progress: (nullable): receives how far the file is read
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads and checks every row of @stream as par_workspace_import() would,
 * with the same code, and writes nothing: what the import would make of
 * the file, for a preview. Bad rows are not errors here: the check lists
 * them (par_import_check_get_problems()); a file the check finds
 * importable imports, unless the workspace changes meanwhile.
 *
 * Returns: (transfer full): the check; %NULL with @error set when the
 *   file cannot be read as such a file at all (a header without the
 *   format's columns, a malformed or unreadable file), the year is
 *   missing or closed, or @cancellable was cancelled
 */
ParImportCheck *
par_workspace_check_import (ParWorkspace     *self,
                            ParImportKind     kind,
                            int               year,
                            GInputStream     *stream,
                            ParProgressFunc   progress,
                            gpointer          progress_data,
                            GCancellable     *cancellable,
                            GError          **error)
{
  ParImportRun run = { TRUE, NULL, cancellable, progress, progress_data, NULL, 0 };

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  if (!run_csv (self, kind, year, stream, &run, NULL, error))
    {
      g_clear_object (&run.check);
      return NULL;
    }
  return run.check;
}

/**
 * par_workspace_import:
 * @self: a #ParWorkspace
 * @kind: what the file holds
 * @year: the year
 * @stream: the CSV file, read a piece at a time
 * @progress: (nullable): receives how far the file is read
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable: the import stops, rolled
 *   back, at the next thousand rows or before its commit
 * @out_count: (out) (optional): the number of rows imported
 * @error: return location for a #GError
 *
 * Imports a units file as par_workspace_import_units() does, or a scores
 * file as par_workspace_import_scores_stream() does: all or nothing, in
 * one transaction; a file with any bad row is refused whole with the
 * message listing them.
 *
 * Returns: %TRUE when every row was imported
 */
gboolean
par_workspace_import (ParWorkspace     *self,
                      ParImportKind     kind,
                      int               year,
                      GInputStream     *stream,
                      ParProgressFunc   progress,
                      gpointer          progress_data,
                      GCancellable     *cancellable,
                      guint            *out_count,
                      GError          **error)
{
  ParImportRun run = { FALSE, NULL, cancellable, progress, progress_data, NULL, 0 };

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  if (!run_csv (self, kind, year, stream, &run, out_count, error))
    return FALSE;
  _par_workspace_emit_changed (self, year);
  return TRUE;
}

/* par_workspace_import() of a file's bytes in memory. */
gboolean
_par_workspace_import_data (ParWorkspace   *self,
                            ParImportKind   kind,
                            int             year,
                            const char     *data,
                            gsize           length,
                            guint          *out_count,
                            GError        **error)
{
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (data != NULL, FALSE);

  stream = g_memory_input_stream_new_from_data (data, length, NULL);
  return par_workspace_import (self, kind, year, stream, NULL, NULL, NULL, out_count, error);
}

/* On a worker: the file, the workspace's path (the worker opens a
 * connection of its own), and what the caller holds. */
typedef struct
{
  ParWorkspace    *workspace;
  char            *path;
  ParImportKind    kind;
  int              year;
  GFile           *file;
  gboolean         check_only;
  ParProgressFunc  progress;
  gpointer         progress_data;
  GDestroyNotify   progress_destroy;
  GMainContext    *context;
  guint            count;
} ImportTask;

static void
import_task_free (gpointer data)
{
  ImportTask *task = data;

  g_free (task->path);
  g_clear_object (&task->file);
  /* What the caller holds goes on its thread. */
  _par_main_context_release (task->context, task->progress_destroy, task->progress_data);
  _par_main_context_release (task->context, g_object_unref, task->workspace);
  g_main_context_unref (task->context);
  g_free (task);
}

static GInputStream *
open_file (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GError) read_error = NULL;
  g_autofree char *name = NULL;
  GFileInputStream *stream = g_file_read (file, cancellable, &read_error);

  if (stream != NULL)
    return G_INPUT_STREAM (stream);
  if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return NULL;
    }
  name = g_file_get_parse_name (file);
  g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot read the file: %s"), name,
               read_error->message);
  return NULL;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportTask *import = task_data;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(ParImportCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  ParProgressFunc report = NULL;
  gpointer relay = NULL;
  gboolean ok = FALSE;

  if (import->progress != NULL)
    relay = _par_progress_relay_new (import->context, import->progress, import->progress_data,
                                     &report);

  if ((workspace = par_workspace_open (import->path,
                                       import->check_only ? PAR_WORKSPACE_OPEN_READ
                                                          : PAR_WORKSPACE_OPEN_EXISTING,
                                       &error)) &&
      (stream = open_file (import->file, cancellable, &error)))
    {
      if (import->check_only)
        ok = (check = par_workspace_check_import (workspace, import->kind, import->year, stream,
                                                  report, relay, cancellable, &error)) != NULL;
      else
        ok = par_workspace_import (workspace, import->kind, import->year, stream, report, relay,
                                   cancellable, &import->count, &error);
    }
  if (relay != NULL)
    _par_progress_relay_unref (relay);

  /* The connection is closed (its log written back) before the caller
   * hears that the import is done. */
  g_clear_object (&workspace);
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (import->check_only)
    g_task_return_pointer (task, g_steal_pointer (&check), g_object_unref);
  else
    g_task_return_boolean (task, TRUE);
}

static void
start (ParWorkspace        *self,
       gboolean             check_only,
       ParImportKind        kind,
       int                  year,
       GFile               *file,
       ParProgressFunc      progress,
       gpointer             progress_data,
       GDestroyNotify       progress_destroy,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data,
       gpointer             source_tag)
{
  g_autoptr(GTask) task = NULL;
  ImportTask *import = g_new0 (ImportTask, 1);

  import->workspace = g_object_ref (self);
  import->path = g_strdup (par_workspace_get_path (self));
  import->kind = kind;
  import->year = year;
  import->file = g_object_ref (file);
  import->check_only = check_only;
  import->progress = progress;
  import->progress_data = progress_data;
  import->progress_destroy = progress_destroy;
  import->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, import, import_task_free);
  /* An import cancelled too late to stop is done: its result says so. */
  g_task_set_check_cancellable (task, check_only);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, import_thread);
}

/**
 * par_workspace_check_import_async:
 * @self: a #ParWorkspace
 * @kind: what the file holds
 * @year: the year it would be imported into
 * @file: the CSV file
 * @progress: (nullable): receives how far the file is read, on the
 *   thread-default main context
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data, on that context
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the check is done
 * @user_data: data for @callback
 *
 * par_workspace_check_import() of @file on a worker thread with a
 * connection of its own: a national year's scores are checked while the
 * window goes on drawing.
 */
void
par_workspace_check_import_async (ParWorkspace        *self,
                                  ParImportKind        kind,
                                  int                  year,
                                  GFile               *file,
                                  ParProgressFunc      progress,
                                  gpointer             progress_data,
                                  GDestroyNotify       progress_destroy,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (PAR_IS_WORKSPACE (self));
  g_return_if_fail (G_IS_FILE (file));

  start (self, TRUE, kind, year, file, progress, progress_data, progress_destroy, cancellable,
         callback, user_data, par_workspace_check_import_async);
}

/**
 * par_workspace_check_import_finish:
 * @self: a #ParWorkspace
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the check, or %NULL as
 *   par_workspace_check_import() says (with %G_IO_ERROR_CANCELLED when
 *   cancelled)
 */
ParImportCheck *
par_workspace_check_import_finish (ParWorkspace  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        par_workspace_check_import_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * par_workspace_import_async:
 * @self: a #ParWorkspace
 * @kind: what the file holds
 * @year: the year
 * @file: the CSV file
 * @progress: (nullable): receives how far the file is read, on the
 *   thread-default main context
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data, on that context
 * @cancellable: (nullable): a #GCancellable: the import is rolled back
 *   unless it has already committed
 * @callback: called when the import is done
 * @user_data: data for @callback
 *
 * par_workspace_import() of @file on a worker thread with a connection of
 * its own. Once it has committed, @self announces the change with its
 * signals (#ParWorkspace::changed), as for an import made on @self.
 */
void
par_workspace_import_async (ParWorkspace        *self,
                            ParImportKind        kind,
                            int                  year,
                            GFile               *file,
                            ParProgressFunc      progress,
                            gpointer             progress_data,
                            GDestroyNotify       progress_destroy,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (PAR_IS_WORKSPACE (self));
  g_return_if_fail (G_IS_FILE (file));

  start (self, FALSE, kind, year, file, progress, progress_data, progress_destroy, cancellable,
         callback, user_data, par_workspace_import_async);
}

/**
 * par_workspace_import_finish:
 * @self: a #ParWorkspace
 * @result: the result
 * @out_count: (out) (optional): the number of rows imported
 * @error: return location for a #GError
 *
 * Returns: %TRUE when every row was imported (also when cancelled too
 *   late to stop); %FALSE with the import's error, %G_IO_ERROR_CANCELLED
 *   when it was cancelled and rolled back
 */
gboolean
par_workspace_import_finish (ParWorkspace  *self,
                             GAsyncResult  *result,
                             guint         *out_count,
                             GError       **error)
{
  ImportTask *import;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == par_workspace_import_async,
                        FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  import = g_task_get_task_data (G_TASK (result));
  if (out_count != NULL)
    *out_count = import->count;
  /* The worker's connection wrote. A watched workspace announces what its
   * watch has not yet seen (and never twice); another is told here. */
  if (_par_workspace_get_watch (self) == NULL)
    {
      _par_workspace_forget_year (self, import->year);
      _par_workspace_emit_changed (self, import->year);
    }
  else
    par_workspace_check_changes (self);
  return TRUE;
}
