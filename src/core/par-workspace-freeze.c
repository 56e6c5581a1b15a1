/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace-freeze"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-workspace-private.h"

/*
 * Frozen years. Once its decision is published a year refuses every
 * change — scores, units, blocks and criteria sets, evidence links — until
 * the clerk reopens it with a reason, which the audit log keeps.
 */

/**
 * par_workspace_is_published:
 * @self: a #ParWorkspace
 * @year: a year
 * @error: return location for a #GError
 *
 * Returns: whether @year is published (frozen); %FALSE with @error set when
 *   the workspace cannot be read
 */
gboolean
par_workspace_is_published (ParWorkspace  *self,
                            int            year,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);

  stmt = _par_workspace_prepare (self,
                                 "SELECT 1 FROM decision WHERE year = ? AND published_at IS NOT NULL",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);
  return rc == SQLITE_ROW;
}

/*
 * Every write path calls this first: %FALSE with %PAR_ERROR_FROZEN when the
 * year is published.
 */
gboolean
_par_workspace_check_writable (ParWorkspace  *self,
                               int            year,
                               GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (par_workspace_is_published (self, year, &local_error))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_FROZEN,
                   _("year %d is published and frozen; reopen it (with a reason) to change it"),
                   year);
      return FALSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * par_workspace_reopen:
 * @self: a #ParWorkspace
 * @year: a published year
 * @reason: why the year is reopened (kept in the audit log)
 * @error: return location for a #GError
 *
 * Lifts the freeze of a published year. The decision's metadata stay; the
 * year must be published again to freeze it.
 *
 * Returns: %TRUE when the year was reopened
 */
gboolean
par_workspace_reopen (ParWorkspace  *self,
                      int            year,
                      const char    *reason,
                      GError       **error)
{
  g_autoptr(sqlite3_stmt) reopen = NULL;
  g_autoptr(sqlite3_stmt) audit = NULL;
  g_autoptr(GDateTime) now_time = g_date_time_new_now_utc ();
  g_autofree char *now = g_date_time_format_iso8601 (now_time);
  g_autofree char *trimmed = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  gboolean published;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);

  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("a reason is needed to reopen a published year"));
      return FALSE;
    }

  published = par_workspace_is_published (self, year, error);
  if (error != NULL && *error != NULL)
    return FALSE;
  if (!published)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("year %d is not published"), year);
      return FALSE;
    }

  reopen = _par_workspace_prepare (self, "UPDATE decision SET published_at = NULL,"
                                   " fingerprint = NULL WHERE year = ?", error);
  audit = _par_workspace_prepare (self,
                                  "INSERT INTO audit (at, user, year, unit_code, criterion_code,"
                                  " stage, old_value, new_value, old_note, new_note, origin)"
                                  " VALUES (?, ?, ?, '', '', -1, 'published', 'reopened', NULL, ?,"
                                  " 'reopen')", error);
  if (reopen == NULL || audit == NULL || !_par_workspace_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  sqlite3_bind_int (reopen, 1, year);
  sqlite3_bind_text (audit, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (audit, 2, g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (audit, 3, year);
  sqlite3_bind_text (audit, 4, trimmed, -1, SQLITE_STATIC);

  if (sqlite3_step (reopen) != SQLITE_DONE || sqlite3_step (audit) != SQLITE_DONE)
    {
      _par_workspace_set_io_error (self, error);
      sqlite3_exec (_par_workspace_get_db (self), "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  if (!_par_workspace_exec (self, "COMMIT", error))
    {
      sqlite3_exec (_par_workspace_get_db (self), "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  _par_workspace_emit_changed (self, year);
  return TRUE;
}
