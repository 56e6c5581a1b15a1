/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace"

#include "config.h"

#include "par-workspace-settings.h"

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-sqlite-private.h"
#include "par-workspace-private.h"

/*
 * The workspace's settings: text values by key, kept in the workspace
 * file so that every clerk opening it prints the same annexes.
 */

#define VALUE_MAX_CHARS 500

/**
 * par_workspace_get_setting:
 * @self: a #ParWorkspace
 * @key: the setting, e.g. %PAR_SETTING_ISSUER
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the value, or %NULL (with @error
 *   unset) when the setting has none
 */
char *
par_workspace_get_setting (ParWorkspace  *self,
                           const char    *key,
                           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!(stmt = _par_workspace_prepare (self, "SELECT value FROM setting WHERE key = ?", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  return _par_workspace_step_text (self, stmt, error);
}

/**
 * par_workspace_set_setting:
 * @self: a #ParWorkspace
 * @key: the setting
 * @value: (nullable): its new value; %NULL or only spaces removes it
 * @error: return location for a #GError
 *
 * Stores a setting, trimmed, in one transaction with its audit record
 * (action "setting", the key as its detail), and emits
 * #ParWorkspace::setting-changed when the value changed.
 *
 * Returns: %TRUE when stored; %FALSE with %PAR_ERROR_INVALID for a value
 *   of more than 500 characters or not UTF-8
 */
gboolean
par_workspace_set_setting (ParWorkspace  *self,
                           const char    *key,
                           const char    *value,
                           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *old = NULL;
  ParAuditRecord record = { 0, "", "", -1, NULL, NULL, NULL, NULL, "setting", NULL };

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("the setting “%s” is not UTF-8 text"),
                   key);
      return FALSE;
    }
  trimmed = g_strstrip (g_strdup (value != NULL ? value : ""));
  if (g_utf8_strlen (trimmed, -1) > VALUE_MAX_CHARS)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the setting “%s” is longer than %d characters"), key, VALUE_MAX_CHARS);
      return FALSE;
    }

  if (!_par_workspace_begin_write (self, 0, error))
    return FALSE;
  /* Read again under the write lock: unchanged is not a change. */
  old = par_workspace_get_setting (self, key, &local_error);
  if (local_error != NULL)
    {
      _par_workspace_rollback (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_strcmp0 (old, trimmed[0] != '\0' ? trimmed : NULL) == 0)
    {
      _par_workspace_rollback (self);
      return TRUE;
    }

  if (trimmed[0] == '\0')
    stmt = _par_workspace_prepare (self, "DELETE FROM setting WHERE key = ?", error);
  else
    stmt = _par_workspace_prepare (self, "INSERT OR REPLACE INTO setting (key, value)"
                                         " VALUES (?, ?)", error);
  if (stmt == NULL)
    {
      _par_workspace_rollback (self);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (trimmed[0] != '\0')
    sqlite3_bind_text (stmt, 2, trimmed, -1, SQLITE_STATIC);
  record.old_value = old;
  record.new_value = trimmed[0] != '\0' ? trimmed : NULL;
  record.detail = key;
  if (!_par_workspace_step_write (self, stmt, error) ||
      !_par_workspace_audit_commit (self, &record, error))
    return FALSE;
  _par_workspace_emit_setting_changed (self, key);
  return TRUE;
}
