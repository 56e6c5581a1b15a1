/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace-freeze"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-decision-private.h"
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
  gboolean found;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);

  stmt = _par_workspace_query_year (self,
                                    "SELECT 1 FROM decision"
                                    " WHERE year = ? AND published_at IS NOT NULL",
                                    year, &found, error);
  return stmt != NULL && found;
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
                                   " fingerprint = NULL WHERE year = ? AND published_at IS NOT NULL",
                                   error);
  if (reopen == NULL || !_par_workspace_begin_write (self, 0, error))
    return FALSE;
  sqlite3_bind_int (reopen, 1, year);

  {
    ParAuditRecord record = { year, "", "", -1, "published", "reopened", NULL, trimmed, "reopen",
                              NULL };

    /* Published when the transaction began, not only when it was asked. */
    if (!_par_workspace_step_write (self, reopen, error))
      return FALSE;
    if (sqlite3_changes (_par_workspace_get_db (self)) == 0)
      {
        g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("year %d is not published"), year);
        _par_workspace_rollback (self);
        return FALSE;
      }
    if (!_par_workspace_audit_commit (self, &record, error))
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
  g_autofree char *fingerprint = NULL;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (decision != NULL, FALSE);

  /* Typed in the window or given on the command line: within the limits
   * of names (docs/limits.md) before anything is stored. */
  if (!par_decision_check_texts (decision, error))
    return FALSE;
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

  store = _par_workspace_prepare (self,
                                  "INSERT OR REPLACE INTO decision (year, number, date, issuer,"
                                  " signer, title, published_at, fingerprint)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  /* One transaction that shuts out every other writer: no entry can
   * change between the results taken here and the freeze. */
  if (store == NULL || !_par_workspace_check_writable (self, year, error) ||
      !_par_workspace_begin_write (self, year, error))
    return FALSE;

  if (!_par_workspace_check_totals (self, year, error) ||
      !(results = par_workspace_compute_results (self, year, error)))
    {
      _par_workspace_rollback (self);
      return FALSE;
    }
  fingerprint = _par_workspace_fingerprint (results);

  sqlite3_bind_int (store, 1, year);
  sqlite3_bind_text (store, 2, decision->number, -1, SQLITE_STATIC);
  sqlite3_bind_text (store, 3, decision->date, -1, SQLITE_STATIC);
  sqlite3_bind_text (store, 4, decision->issuer, -1, SQLITE_STATIC);
  sqlite3_bind_text (store, 5, decision->signer, -1, SQLITE_STATIC);
  sqlite3_bind_text (store, 6, decision->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (store, 7, _par_workspace_get_write_time (self), -1, SQLITE_STATIC);
  sqlite3_bind_text (store, 8, fingerprint, -1, SQLITE_STATIC);

  {
    ParAuditRecord record = { year, "", "", -1, NULL, "published", NULL, decision->number,
                              "publish", fingerprint };

    if (!_par_workspace_step_write (self, store, error))
      return FALSE;
    /* The signature block, beside the decision's row (par-decision.c). */
    if (!_par_decision_store_signature (self, year, decision, error))
      {
        _par_workspace_rollback (self);
        return FALSE;
      }
    if (!_par_workspace_audit_commit (self, &record, error))
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
  gboolean found;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);

  if (out_fingerprint != NULL)
    *out_fingerprint = NULL;

  stmt = _par_workspace_query_year (self,
                                    "SELECT number, date, issuer, signer, title, fingerprint"
                                    " FROM decision WHERE year = ?", year, &found, error);
  if (stmt == NULL || !found)
    return NULL;

  decision = par_decision_new ();
  decision->number = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  decision->date = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  decision->issuer = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  decision->signer = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  decision->title = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  if (out_fingerprint != NULL)
    *out_fingerprint = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!_par_decision_load_signature (self, year, decision, error))
    {
      par_decision_free (decision);
      return NULL;
    }
  return decision;
}
