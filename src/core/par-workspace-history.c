/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-history.h"
#include "par-worker-private.h"
#include "par-workspace-private.h"

/*
 * The history of a year, of one unit in it, or of one of the unit's
 * criteria: the audit records of that year, newest first, read through the
 * audit log's index on (year, id).
 */

static gboolean
unit_is_known (ParWorkspace *self,
               const char   *unit_code)
{
  g_autoptr(sqlite3_stmt) stmt = _par_workspace_prepare (self, "SELECT 1 FROM unit WHERE code = ?",
                                                         NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, unit_code, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * par_workspace_foreach_history:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: (nullable): only the records of this unit
 * @criterion_code: (nullable): only the records of this criterion (with
 *   @unit_code, of the unit's)
 * @func: called with each record, newest first
 * @user_data: data for @func
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the year's audit records one at a time: a national year's hundreds
 * of thousands of records are never all in memory. A unit no longer in the
 * year still has its history there.
 *
 * Returns: %TRUE on success (also when @func stopped early); %FALSE with
 *   %PAR_ERROR_NOT_FOUND for a year the workspace lacks or a unit it never
 *   had, %G_IO_ERROR_CANCELLED, or %PAR_ERROR_IO
 */
gboolean
par_workspace_foreach_history (ParWorkspace    *self,
                               int              year,
                               const char      *unit_code,
                               const char      *criterion_code,
                               ParHistoryFunc   func,
                               gpointer         user_data,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT id, at, user, year, unit_code, criterion_code,"
                                         " stage, old_value, new_value, old_note, new_note,"
                                         " origin, detail FROM audit WHERE year = ?1");
  guint n = 0;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!_par_workspace_get_year (self, year, error))
    return FALSE;
  if (unit_code != NULL && !unit_is_known (self, unit_code))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("the workspace has no unit “%s”"), unit_code);
      return FALSE;
    }

  if (unit_code != NULL)
    g_string_append (sql, " AND unit_code = ?2");
  if (criterion_code != NULL)
    g_string_append (sql, " AND criterion_code = ?3");
  g_string_append (sql, " ORDER BY id DESC");

  if (!(stmt = _par_workspace_prepare (self, sql->str, error)))
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  if (unit_code != NULL)
    sqlite3_bind_text (stmt, 2, unit_code, -1, SQLITE_STATIC);
  if (criterion_code != NULL)
    sqlite3_bind_text (stmt, 3, criterion_code, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ParHistoryRecord record = {
        sqlite3_column_int64 (stmt, 0),
        (char *) sqlite3_column_text (stmt, 1),
        (char *) sqlite3_column_text (stmt, 2),
        sqlite3_column_int (stmt, 3),
        (char *) sqlite3_column_text (stmt, 4),
        (char *) sqlite3_column_text (stmt, 5),
        sqlite3_column_int (stmt, 6),
        (char *) sqlite3_column_text (stmt, 7),
        (char *) sqlite3_column_text (stmt, 8),
        (char *) sqlite3_column_text (stmt, 9),
        (char *) sqlite3_column_text (stmt, 10),
        (char *) sqlite3_column_text (stmt, 11),
        (char *) sqlite3_column_text (stmt, 12),
      };

      /* Looking at the cancellable costs; every thousand records is enough. */
      if (++n % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!func (&record, user_data))
        return TRUE;
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
collect_record (const ParHistoryRecord *record,
                gpointer                user_data)
{
  g_ptr_array_add (user_data, par_history_record_copy (record));
  return TRUE;
}

/**
 * par_workspace_list_history:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: (nullable): only the records of this unit
 * @criterion_code: (nullable): only the records of this criterion
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type ParHistoryRecord) (nullable): the
 *   records, newest first
 */
GPtrArray *
par_workspace_list_history (ParWorkspace  *self,
                            int            year,
                            const char    *unit_code,
                            const char    *criterion_code,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) par_history_record_free);

  if (!par_workspace_foreach_history (self, year, unit_code, criterion_code, collect_record,
                                      records, cancellable, error))
    return NULL;
  return g_steal_pointer (&records);
}

typedef struct
{
  ParWorker  worker;
  int        year;
  char      *unit_code;
  char      *criterion_code;
} HistoryTask;

static void
history_task_free (gpointer data)
{
  HistoryTask *history = data;

  _par_worker_clear (&history->worker);
  g_free (history->unit_code);
  g_free (history->criterion_code);
  g_free (history);
}

static gpointer
history_work (ParWorkspace  *workspace,
              gpointer       task_data,
              GCancellable  *cancellable,
              GError       **error)
{
  HistoryTask *history = task_data;

  return par_workspace_list_history (workspace, history->year, history->unit_code,
                                     history->criterion_code, cancellable, error);
}

/**
 * par_workspace_list_history_async:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: (nullable): only the records of this unit
 * @criterion_code: (nullable): only the records of this criterion
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * par_workspace_list_history() on a worker thread with a connection of its
 * own, so that a long history never holds up the window.
 */
void
par_workspace_list_history_async (ParWorkspace        *self,
                                  int                  year,
                                  const char          *unit_code,
                                  const char          *criterion_code,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  HistoryTask *history;

  g_return_if_fail (PAR_IS_WORKSPACE (self));

  history = g_new0 (HistoryTask, 1);
  history->year = year;
  history->unit_code = g_strdup (unit_code);
  history->criterion_code = g_strdup (criterion_code);
  _par_worker_start (self, PAR_WORKSPACE_OPEN_READ, NULL, NULL, NULL, history, history_task_free,
                     par_workspace_list_history_async, history_work,
                     (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * par_workspace_list_history_finish:
 * @self: a #ParWorkspace
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type ParHistoryRecord) (nullable): the
 *   records, newest first
 */
GPtrArray *
par_workspace_list_history_finish (ParWorkspace  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
