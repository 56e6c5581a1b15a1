/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace-freeze"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-decision.h"
#include "par-error.h"
#include "par-results-format.h"
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

/**
 * par_workspace_publish:
 * @self: a #ParWorkspace
 * @year: the year to publish
 * @decision: the decision (number and date required)
 * @out_fingerprint: (out) (optional) (transfer full): SHA-256 of the
 *   year's canonical results (their JSON form)
 * @error: return location for a #GError
 *
 * Stores the decision and freezes the year. The fingerprint is stored too,
 * so a printed annex can be checked against the workspace later.
 *
 * Returns: %TRUE when the year was published
 */
gboolean
par_workspace_publish (ParWorkspace       *self,
                       int                 year,
                       const ParDecision  *decision,
                       char              **out_fingerprint,
                       GError            **error)
{
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(sqlite3_stmt) store = NULL;
  g_autoptr(sqlite3_stmt) audit = NULL;
  g_autoptr(GDateTime) now_time = g_date_time_new_now_utc ();
  g_autofree char *now = g_date_time_format_iso8601 (now_time);
  g_autofree char *json = NULL;
  g_autofree char *fingerprint = NULL;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (decision != NULL, FALSE);

  if (decision->number == NULL || decision->number[0] == '\0')
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("the decision needs a number"));
      return FALSE;
    }
  if (decision->date == NULL || !par_decision_validate_date (decision->date, error))
    {
      if (decision->date == NULL)
        g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("the decision needs a date"));
      return FALSE;
    }

  if (!_par_workspace_check_writable (self, year, error) ||
      !(results = par_workspace_compute_results (self, year, error)))
    return FALSE;

  json = par_results_format_json (results);
  fingerprint = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);

  store = _par_workspace_prepare (self,
                                  "INSERT OR REPLACE INTO decision (year, number, date, issuer,"
                                  " signer, title, published_at, fingerprint)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  audit = _par_workspace_prepare (self,
                                  "INSERT INTO audit (at, user, year, unit_code, criterion_code,"
                                  " stage, old_value, new_value, old_note, new_note, origin)"
                                  " VALUES (?, ?, ?, '', '', -1, NULL, 'published', NULL, ?,"
                                  " 'publish')", error);
  if (store == NULL || audit == NULL || !_par_workspace_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  sqlite3_bind_int (store, 1, year);
  sqlite3_bind_text (store, 2, decision->number, -1, SQLITE_STATIC);
  sqlite3_bind_text (store, 3, decision->date, -1, SQLITE_STATIC);
  sqlite3_bind_text (store, 4, decision->issuer, -1, SQLITE_STATIC);
  sqlite3_bind_text (store, 5, decision->signer, -1, SQLITE_STATIC);
  sqlite3_bind_text (store, 6, decision->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (store, 7, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (store, 8, fingerprint, -1, SQLITE_STATIC);
  sqlite3_bind_text (audit, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (audit, 2, g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (audit, 3, year);
  sqlite3_bind_text (audit, 4, decision->number, -1, SQLITE_STATIC);

  if (sqlite3_step (store) != SQLITE_DONE || sqlite3_step (audit) != SQLITE_DONE)
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
  if (out_fingerprint != NULL)
    *out_fingerprint = g_steal_pointer (&fingerprint);
  return TRUE;
}

/**
 * par_workspace_get_decision:
 * @self: a #ParWorkspace
 * @year: a year
 * @out_fingerprint: (out) (optional) (nullable) (transfer full): the
 *   stored fingerprint while the year is published, else %NULL
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the stored decision, or %NULL (with
 *   @error unset) when the year has none
 */
ParDecision *
par_workspace_get_decision (ParWorkspace  *self,
                            int            year,
                            char         **out_fingerprint,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  ParDecision *decision;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);

  if (out_fingerprint != NULL)
    *out_fingerprint = NULL;

  stmt = _par_workspace_prepare (self,
                                 "SELECT number, date, issuer, signer, title, fingerprint"
                                 " FROM decision WHERE year = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    return _par_workspace_set_io_error (self, error), NULL;

  decision = par_decision_new ();
  decision->number = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  decision->date = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  decision->issuer = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  decision->signer = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  decision->title = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  if (out_fingerprint != NULL)
    *out_fingerprint = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  return decision;
}
