/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace-units"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-text.h"
#include "par-workspace-private.h"

/*
 * What the window changes besides single scores: units of a year (add,
 * rename, remove, copy from the year before), several scores in one
 * transaction (accepting a self-assessment, undoing it), and the
 * explanation requested of a unit for one leaf. Every path checks first
 * that the year is not frozen.
 */

static gboolean
run_unit_statement (ParWorkspace  *self,
                    const char    *sql,
                    int            year,
                    gint64         unit_id,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = _par_workspace_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, unit_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);
  return TRUE;
}

/**
 * par_workspace_add_unit:
 * @self: a #ParWorkspace
 * @year: the year
 * @code: the unit's code (kept across years)
 * @name: the unit's name
 * @block: the name of a block of @year
 * @error: return location for a #GError
 *
 * Adds a unit to @year in @block. A code the workspace already knows keeps
 * its name from before.
 *
 * Returns: %TRUE when the unit was added
 */
gboolean
par_workspace_add_unit (ParWorkspace  *self,
                        int            year,
                        const char    *code,
                        const char    *name,
                        const char    *block,
                        GError       **error)
{
  return par_workspace_add_unit_full (self, year, code, name, block, NULL, error);
}

static void
report_to_error (const char *unit_code,
                 const char *message,
                 gpointer    data)
{
  GError **error = data;

  if (error != NULL && *error == NULL)
    g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, message);
}

/**
 * par_workspace_add_unit_full:
 * @self: a #ParWorkspace
 * @year: the year
 * @code: the unit's code (kept across years)
 * @name: the unit's name
 * @block: the name of a block of @year
 * @predecessors: (nullable) (element-type ParPredecessor): the units it
 *   was formed from (merged, renamed, split), from par_predecessors_parse()
 * @error: return location for a #GError
 *
 * Adds a unit to @year in @block, with the units it was formed from:
 * where it has no index the year before, its change is computed against
 * their average index then. Every predecessor must be a unit of the
 * workspace, and no unit may come from itself. All in one audited
 * transaction.
 *
 * Returns: %TRUE when the unit was added
 */
gboolean
par_workspace_add_unit_full (ParWorkspace  *self,
                             int            year,
                             const char    *code,
                             const char    *name,
                             const char    *block,
                             GPtrArray     *predecessors,
                             GError       **error)
{
  g_autofree char *clean_code = NULL;
  g_autofree char *clean_name = NULL;
  g_autoptr(sqlite3_stmt) insert_unit = NULL;
  g_autoptr(sqlite3_stmt) insert_year_unit = NULL;
  g_autoptr(GPtrArray) touched = g_ptr_array_new ();
  gboolean has_lineage = predecessors != NULL && predecessors->len > 0;
  ParYearContext *context;
  ParYearBlock *year_block;
  ParYearUnit *unit;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (block != NULL, FALSE);

  if (!par_text_clean_optional (code, PAR_TEXT_CODE, &clean_code, error) ||
      !par_text_clean_optional (name, PAR_TEXT_NAME, &clean_name, error))
    return FALSE;
  if (clean_code == NULL || clean_name == NULL)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("a unit needs a code and a name"));
      return FALSE;
    }

  if (!(context = _par_workspace_get_year (self, year, error)) ||
      !_par_workspace_check_writable (self, year, error))
    return FALSE;

  year_block = g_hash_table_lookup (context->blocks_by_name, block);
  if (year_block == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("year %d has no block “%s”"), year, block);
      return FALSE;
    }
  if (g_hash_table_contains (context->units_by_code, clean_code))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("year %d already has a unit with the code “%s”"), year, clean_code);
      return FALSE;
    }
  if (has_lineage)
    {
      g_autoptr(GHashTable) proposed = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_insert (proposed, clean_code, predecessors);
      if (!_par_workspace_check_lineage (self, year, proposed, NULL, report_to_error, error))
        return FALSE;
    }

  insert_unit = _par_workspace_prepare (self,
                                        "INSERT INTO unit (code, name) VALUES (?, ?)"
                                        " ON CONFLICT (code) DO NOTHING", error);
  insert_year_unit = _par_workspace_prepare (self,
                                             "INSERT INTO year_unit (year, unit_id, block_id)"
                                             " VALUES (?, (SELECT id FROM unit WHERE code = ?), ?)",
                                             error);
  if (insert_unit == NULL || insert_year_unit == NULL ||
      !_par_workspace_begin_write (self, year, error))
    return FALSE;

  sqlite3_bind_text (insert_unit, 1, clean_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert_unit, 2, clean_name, -1, SQLITE_STATIC);
  sqlite3_bind_int (insert_year_unit, 1, year);
  sqlite3_bind_text (insert_year_unit, 2, clean_code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert_year_unit, 3, year_block->id);

  if (sqlite3_step (insert_unit) != SQLITE_DONE ||
      sqlite3_step (insert_year_unit) != SQLITE_DONE)
    {
      _par_workspace_set_io_error (self, error);
      goto failed;
    }

  _par_workspace_forget_year (self, year);
  if (!(context = _par_workspace_get_year (self, year, error)))
    goto failed;
  unit = g_hash_table_lookup (context->units_by_code, clean_code);
  g_assert (unit != NULL);
  g_ptr_array_add (touched, unit);
  {
    ParAuditRecord record = { year, clean_code, "", -1, NULL, clean_name, NULL, NULL, "add-unit",
                              block };

    if (!_par_workspace_store_totals (self, context, touched, error) ||
        !_par_workspace_audit (self, &record, error) ||
        (has_lineage &&
         !_par_workspace_store_lineage (self, year, clean_code, predecessors, error)) ||
        !_par_workspace_commit (self, error))
      goto failed;
  }

  _par_workspace_emit_changed (self, year);
  return TRUE;

failed:
  _par_workspace_rollback (self);
  _par_workspace_forget_year (self, year);
  return FALSE;
}

/**
 * par_workspace_rename_unit:
 * @self: a #ParWorkspace
 * @year: the year the unit is renamed from (must not be frozen)
 * @code: the unit's code
 * @name: the new name
 * @error: return location for a #GError
 *
 * Renames a unit. Units are shared by the years, so the new name shows in
 * every year.
 *
 * Returns: %TRUE when the unit was renamed
 */
gboolean
par_workspace_rename_unit (ParWorkspace  *self,
                           int            year,
                           const char    *code,
                           const char    *name,
                           GError       **error)
{
  g_autofree char *clean_name = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GArray) years = NULL;
  ParYearContext *context;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!par_text_clean_optional (name, PAR_TEXT_NAME, &clean_name, error))
    return FALSE;
  if (clean_name == NULL)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("a unit needs a name"));
      return FALSE;
    }
  if (!(context = _par_workspace_get_year (self, year, error)) ||
      !_par_workspace_check_writable (self, year, error))
    return FALSE;
  if (!_par_year_lookup_unit (context, code, error))
    return FALSE;

  if (!(update = _par_workspace_prepare (self, "UPDATE unit SET name = ? WHERE code = ?", error)) ||
      !_par_workspace_begin_write (self, year, error))
    return FALSE;
  sqlite3_bind_text (update, 1, clean_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (update, 2, code, -1, SQLITE_STATIC);
  {
    ParYearUnit *unit = g_hash_table_lookup (context->units_by_code, code);
    ParAuditRecord record = { year, code, "", -1, unit->name, clean_name, NULL, NULL,
                              "rename-unit", NULL };

    if (!_par_workspace_step_write (self, update, error) ||
        !_par_workspace_audit_commit (self, &record, error))
      return FALSE;
  }

  if ((years = par_workspace_list_years (self, NULL)) != NULL)
    for (guint i = 0; i < years->len; i++)
      _par_workspace_forget_year (self, g_array_index (years, int, i));

  _par_workspace_emit_changed (self, year);
  return TRUE;
}

/**
 * par_workspace_remove_unit:
 * @self: a #ParWorkspace
 * @year: the year
 * @code: the unit's code
 * @error: return location for a #GError
 *
 * Removes a unit from @year with its entries and explanations of that
 * year; each removed entry is written to the audit log. The unit stays in
 * the other years.
 *
 * Returns: %TRUE when the unit was removed
 */
gboolean
par_workspace_remove_unit (ParWorkspace  *self,
                           int            year,
                           const char    *code,
                           GError       **error)
{
  static const char *statements[] = {
    "DELETE FROM score WHERE year = ?1 AND unit_id = ?2",
    "DELETE FROM explanation WHERE year = ?1 AND unit_id = ?2",
    "DELETE FROM unit_total WHERE year = ?1 AND unit_id = ?2",
    "DELETE FROM year_unit WHERE year = ?1 AND unit_id = ?2",
  };
  g_autoptr(sqlite3_stmt) entries = NULL;
  ParYearContext *context;
  ParYearUnit *unit;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!(context = _par_workspace_get_year (self, year, error)) ||
      !_par_workspace_check_writable (self, year, error))
    return FALSE;
  if (!(unit = _par_year_lookup_unit (context, code, error)))
    return FALSE;

  entries = _par_workspace_prepare (self,
                                    "SELECT c.code, s.stage, s.value, s.note FROM score s"
                                    " JOIN criterion c ON c.id = s.criterion_id"
                                    " WHERE s.year = ? AND s.unit_id = ?"
                                    " ORDER BY s.criterion_id, s.stage", error);
  if (entries == NULL || !_par_workspace_begin_write (self, year, error))
    return FALSE;
  sqlite3_bind_int (entries, 1, year);
  sqlite3_bind_int64 (entries, 2, unit->id);

  /* Each removed entry is in the audit log, then the unit's removal. */
  while ((rc = sqlite3_step (entries)) == SQLITE_ROW)
    {
      ParAuditRecord record = {
        year, code, (const char *) sqlite3_column_text (entries, 0),
        sqlite3_column_int (entries, 1), (const char *) sqlite3_column_text (entries, 2), NULL,
        (const char *) sqlite3_column_text (entries, 3), NULL, "remove-unit", NULL,
      };

      if (!_par_workspace_audit (self, &record, error))
        goto failed;
    }
  if (rc != SQLITE_DONE)
    {
      _par_workspace_set_io_error (self, error);
      goto failed;
    }
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      if (!run_unit_statement (self, statements[i], year, unit->id, error))
        goto failed;
    }
  {
    ParAuditRecord record = { year, code, "", -1, unit->name, NULL, NULL, NULL, "remove-unit",
                              NULL };

    if (!_par_workspace_audit (self, &record, error) || !_par_workspace_commit (self, error))
      goto failed;
  }

  _par_workspace_forget_year (self, year);
  _par_workspace_emit_changed (self, year);
  return TRUE;

failed:
  _par_workspace_rollback (self);
  g_prefix_error (error, _("cannot remove unit “%s”: "), code);
  return FALSE;
}

/**
 * par_workspace_copy_units:
 * @self: a #ParWorkspace
 * @from_year: the year to copy the units from
 * @to_year: the year to copy them to
 * @out_count: (out) (optional): the number of units added to @to_year
 * @error: return location for a #GError
 *
 * Adds to @to_year every unit of @from_year whose block (by name) exists in
 * @to_year and which @to_year does not have yet. Scores are not copied.
 *
 * Returns: %TRUE on success
 */
gboolean
par_workspace_copy_units (ParWorkspace  *self,
                          int            from_year,
                          int            to_year,
                          guint         *out_count,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) copy = NULL;
  ParYearContext *context;
  guint count;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);

  if (!_par_workspace_get_year (self, from_year, error) ||
      !_par_workspace_get_year (self, to_year, error) ||
      !_par_workspace_check_writable (self, to_year, error))
    return FALSE;

  copy = _par_workspace_prepare (self,
                                 "INSERT OR IGNORE INTO year_unit (year, unit_id, block_id)"
                                 " SELECT ?2, yu.unit_id, nb.id FROM year_unit yu"
                                 " JOIN block ob ON ob.id = yu.block_id"
                                 " JOIN block nb ON nb.year = ?2 AND nb.name = ob.name"
                                 " WHERE yu.year = ?1", error);
  if (copy == NULL || !_par_workspace_begin_write (self, to_year, error))
    return FALSE;
  sqlite3_bind_int (copy, 1, from_year);
  sqlite3_bind_int (copy, 2, to_year);
  if (sqlite3_step (copy) != SQLITE_DONE)
    {
      _par_workspace_set_io_error (self, error);
      goto failed;
    }
  count = sqlite3_changes (_par_workspace_get_db (self));

  _par_workspace_forget_year (self, to_year);
  {
    g_autofree char *from_text = g_strdup_printf ("%d", from_year);
    g_autofree char *count_text = g_strdup_printf ("%u", count);
    ParAuditRecord record = { to_year, "", "", -1, NULL, count_text, NULL, NULL, "copy-units",
                              from_text };

    if (!(context = _par_workspace_get_year (self, to_year, error)) ||
        !_par_workspace_store_totals (self, context, NULL, error) ||
        !_par_workspace_audit (self, &record, error) ||
        !_par_workspace_commit (self, error))
      goto failed;
  }

  if (out_count != NULL)
    *out_count = count;
  _par_workspace_emit_changed (self, to_year);
  return TRUE;

failed:
  _par_workspace_rollback (self);
  _par_workspace_forget_year (self, to_year);
  return FALSE;
}

static void
clear_writes (ParScoreWrite *writes,
              guint          n_writes)
{
  for (guint i = 0; i < n_writes; i++)
    {
      par_entry_clear (&writes[i].entry);
      g_free (writes[i].note);
    }
  g_free (writes);
}

static gboolean
write_and_notify (ParWorkspace   *self,
                  ParYearContext *context,
                  ParScoreWrite  *writes,
                  guint           n_writes,
                  const char     *origin,
                  GError        **error)
{
  if (n_writes > 0 && !_par_workspace_write_scores (self, context, writes, n_writes, origin, error))
    return FALSE;

  for (guint i = 0; i < n_writes; i++)
    g_signal_emit_by_name (self, "score-changed", context->year, writes[i].unit->code,
                           writes[i].leaf->code, (int) writes[i].stage);
  return TRUE;
}

/* The one check of an entry written by par_workspace_set_score() and
 * par_workspace_set_scores(): the unit and the leaf, the value by the
 * leaf's rule, the note cleaned (NFC, trimmed, bounded; blank is none). */
static gboolean
prepare_write (ParYearContext        *context,
               const ParScoreChange  *change,
               ParScoreWrite         *write,
               GError               **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!(write->unit = _par_year_lookup_unit (context, change->unit_code, error)) ||
      !(write->leaf = _par_year_lookup_leaf (context, write->unit, change->criterion_code, error)))
    return FALSE;
  if (!par_rule_evaluate (write->leaf, change->stage, change->value, TRUE, &write->entry,
                          &local_error))
    {
      g_set_error (error, PAR_ERROR, local_error->code, "%s, %s: %s",
                   change->unit_code, change->criterion_code, local_error->message);
      return FALSE;
    }
  write->stage = change->stage;
  if (!par_text_clean_optional (change->note, PAR_TEXT_NOTE, &write->note, error))
    {
      g_prefix_error (error, _("the note: "));
      return FALSE;
    }
  write->check = change->check_current;
  write->expected = change->current;
  return TRUE;
}

/**
 * par_workspace_set_scores:
 * @self: a #ParWorkspace
 * @year: the year
 * @changes: (array length=n_changes): the entries to write
 * @n_changes: the number of @changes
 * @error: return location for a #GError
 *
 * Writes several entries in one transaction, each checked as
 * par_workspace_set_score() says: if any is invalid, nothing is written.
 * A frozen year says so before any complaint about a value.
 *
 * Returns: %TRUE when every entry was saved
 */
gboolean
par_workspace_set_scores (ParWorkspace          *self,
                          int                    year,
                          const ParScoreChange  *changes,
                          guint                  n_changes,
                          GError               **error)
{
  ParScoreWrite *writes;
  ParYearContext *context;
  gboolean ok;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (changes != NULL || n_changes == 0, FALSE);

  if (!(context = _par_workspace_get_year (self, year, error)) ||
      !_par_workspace_check_writable (self, year, error))
    return FALSE;

  writes = g_new0 (ParScoreWrite, MAX (n_changes, 1));
  for (guint i = 0; i < n_changes; i++)
    if (!prepare_write (context, &changes[i], &writes[i], error))
      {
        clear_writes (writes, n_changes);
        return FALSE;
      }

  ok = write_and_notify (self, context, writes, n_changes, "edit", error);
  clear_writes (writes, n_changes);
  return ok;
}

static gboolean
is_below (const ParCriterion *leaf,
          const char         *group_code)
{
  if (group_code == NULL)
    return TRUE;
  for (const ParCriterion *node = leaf; node != NULL; node = node->parent)
    if (g_str_equal (node->code, group_code))
      return TRUE;
  return FALSE;
}

/**
 * par_workspace_accept_self:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @group_code: (nullable): a node of the unit's set, or %NULL for the whole set
 * @out_changes: (out) (optional) (transfer full) (element-type utf8): the
 *   codes of the leaves written
 * @error: return location for a #GError
 *
 * Accepts the unit's self-assessment below @group_code: every leaf there
 * with a self entry and no appraisal entry gets the self value (and its
 * points) as its appraisal entry, all in one audited transaction.
 *
 * Returns: %TRUE on success (also when there was nothing to accept)
 */
gboolean
par_workspace_accept_self (ParWorkspace  *self,
                           int            year,
                           const char    *unit_code,
                           const char    *group_code,
                           GPtrArray    **out_changes,
                           GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *appraised = NULL;
  ParYearContext *context;
  ParYearUnit *unit;
  ParScoreWrite *writes;
  guint n_writes = 0;
  gboolean ok;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (unit_code != NULL, FALSE);

  if (!(context = _par_workspace_get_year (self, year, error)) ||
      !_par_workspace_check_writable (self, year, error) ||
      !(entries = par_workspace_list_unit_entries (self, year, unit_code, &set, error)))
    return FALSE;
  if (group_code != NULL && par_criteria_set_lookup (set, group_code) == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("“%s” is not in the criteria set of unit “%s”"), group_code, unit_code);
      return FALSE;
    }
  unit = g_hash_table_lookup (context->units_by_code, unit_code);

  appraised = g_new0 (gboolean, set->leaves->len);
  for (guint i = 0; i < entries->len; i++)
    {
      const ParStoredEntry *entry = g_ptr_array_index (entries, i);
      if (entry->stage == PAR_STAGE_APPRAISAL && entry->state != PAR_ENTRY_EMPTY)
        appraised[entry->leaf->leaf_index] = TRUE;
    }

  writes = g_new0 (ParScoreWrite, MAX (entries->len, 1));
  for (guint i = 0; i < entries->len; i++)
    {
      const ParStoredEntry *entry = g_ptr_array_index (entries, i);
      ParScoreWrite *write = &writes[n_writes];

      if (entry->stage != PAR_STAGE_SELF || entry->state == PAR_ENTRY_EMPTY ||
          appraised[entry->leaf->leaf_index] || !is_below (entry->leaf, group_code))
        continue;
      /* The self value was valid for the leaf; it is for the appraisal too. */
      if (!par_rule_evaluate (entry->leaf, PAR_STAGE_APPRAISAL, entry->value, TRUE,
                              &write->entry, NULL))
        continue;
      write->unit = unit;
      write->leaf = entry->leaf;
      write->stage = PAR_STAGE_APPRAISAL;
      g_ptr_array_add (codes, g_strdup (entry->leaf->code));
      n_writes++;
    }

  ok = write_and_notify (self, context, writes, n_writes, "accept-self", error);
  clear_writes (writes, entries->len);

  if (ok && out_changes != NULL)
    *out_changes = g_steal_pointer (&codes);
  return ok;
}

static gint64
lookup_criterion_id (ParYearContext  *context,
                     const char      *unit_code,
                     const char      *criterion_code,
                     ParYearUnit    **out_unit,
                     GError         **error)
{
  ParYearUnit *unit;
  ParYearBlock *block;
  const ParCriterion *leaf;

  if (!(unit = _par_year_lookup_unit (context, unit_code, error)) ||
      !(leaf = _par_year_lookup_leaf (context, unit, criterion_code, error)))
    return 0;
  block = g_ptr_array_index (context->blocks, unit->block);
  *out_unit = unit;
  return block->leaf_ids[leaf->leaf_index];
}

/**
 * par_workspace_get_explanation:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @criterion_code: a leaf's code
 * @out_requested: (out): whether the appraiser requested an explanation
 * @out_text: (out) (transfer full) (nullable): the unit's explanation
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
par_workspace_get_explanation (ParWorkspace  *self,
                               int            year,
                               const char    *unit_code,
                               const char    *criterion_code,
                               gboolean      *out_requested,
                               char         **out_text,
                               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  ParYearContext *context;
  ParYearUnit *unit = NULL;
  gint64 criterion_id;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (out_requested != NULL && out_text != NULL, FALSE);

  if (!(context = _par_workspace_get_year (self, year, error)) ||
      !(criterion_id = lookup_criterion_id (context, unit_code, criterion_code, &unit, error)))
    return FALSE;

  stmt = _par_workspace_prepare (self,
                                 "SELECT requested, text FROM explanation"
                                 " WHERE year = ? AND unit_id = ? AND criterion_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, unit->id);
  sqlite3_bind_int64 (stmt, 3, criterion_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);

  *out_requested = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  *out_text = rc == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (stmt, 1)) : NULL;
  return TRUE;
}

/*
 * Stores one leaf's explanation state inside the caller's write transaction
 * (_par_workspace_begin_write ()), with an audit record of @action and
 * @detail when it changes. @unit and @criterion_id are the year's. Sets
 * @out_changed when something changed.
 */
gboolean
_par_workspace_apply_explanation (ParWorkspace  *self,
                                  int            year,
                                  ParYearUnit   *unit,
                                  const char    *criterion_code,
                                  gint64         criterion_id,
                                  gboolean       requested,
                                  const char    *text,
                                  const char    *action,
                                  const char    *detail,
                                  gboolean      *out_changed,
                                  GError       **error)
{
  g_autofree char *clean_text = NULL;
  g_autofree char *old_text = NULL;
  g_autoptr(sqlite3_stmt) upsert = NULL;
  gboolean old_requested;

  if (out_changed != NULL)
    *out_changed = FALSE;
  /* From the window or from a unit's package: a note's limits either way. */
  if (!par_text_clean_optional (text, PAR_TEXT_NOTE, &clean_text, error))
    return FALSE;
  if (!par_workspace_get_explanation (self, year, unit->code, criterion_code,
                                      &old_requested, &old_text, error))
    return FALSE;
  if (old_requested == (requested != FALSE) && g_strcmp0 (old_text, clean_text) == 0)
    return TRUE;

  upsert = _par_workspace_prepare (self,
                                   "INSERT OR REPLACE INTO explanation (year, unit_id,"
                                   " criterion_id, requested, text, changed_at)"
                                   " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (upsert == NULL)
    return FALSE;

  {
    /* An explanation belongs to the appraisal conversation: stage 1. */
    ParAuditRecord record = { year, unit->code, criterion_code, PAR_STAGE_APPRAISAL,
                              old_requested ? "requested" : NULL, requested ? "requested" : NULL,
                              old_text, clean_text, action, detail };

    sqlite3_bind_int (upsert, 1, year);
    sqlite3_bind_int64 (upsert, 2, unit->id);
    sqlite3_bind_int64 (upsert, 3, criterion_id);
    sqlite3_bind_int (upsert, 4, requested ? 1 : 0);
    sqlite3_bind_text (upsert, 5, clean_text, -1, SQLITE_STATIC);
    sqlite3_bind_text (upsert, 6, _par_workspace_get_write_time (self), -1, SQLITE_STATIC);
    if (sqlite3_step (upsert) != SQLITE_DONE)
      return _par_workspace_set_io_error (self, error);
    if (!_par_workspace_audit (self, &record, error))
      return FALSE;
  }
  if (out_changed != NULL)
    *out_changed = TRUE;
  return TRUE;
}

/**
 * par_workspace_set_explanation:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @criterion_code: a leaf's code
 * @requested: whether the appraiser requests an explanation
 * @text: (nullable): the unit's explanation
 * @error: return location for a #GError
 *
 * Stores the explanation state of one leaf of a unit; a change is written
 * to the audit log (action "explanation") and announced with
 * #ParWorkspace::explanation-changed.
 *
 * Returns: %TRUE when saved
 */
gboolean
par_workspace_set_explanation (ParWorkspace  *self,
                               int            year,
                               const char    *unit_code,
                               const char    *criterion_code,
                               gboolean       requested,
                               const char    *text,
                               GError       **error)
{
  g_autofree char *clean_text = NULL;
  g_autofree char *old_text = NULL;
  ParYearContext *context;
  ParYearUnit *unit = NULL;
  gboolean old_requested;
  gboolean changed = FALSE;
  gint64 criterion_id;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);

  if (!par_text_clean_optional (text, PAR_TEXT_NOTE, &clean_text, error) ||
      !(context = _par_workspace_get_year (self, year, error)) ||
      !_par_workspace_check_writable (self, year, error) ||
      !(criterion_id = lookup_criterion_id (context, unit_code, criterion_code, &unit, error)) ||
      !par_workspace_get_explanation (self, year, unit_code, criterion_code,
                                      &old_requested, &old_text, error))
    return FALSE;
  if (old_requested == (requested != FALSE) && g_strcmp0 (old_text, clean_text) == 0)
    return TRUE;
  if (!_par_workspace_begin_write (self, year, error))
    return FALSE;

  if (!_par_workspace_apply_explanation (self, year, unit, criterion_code, criterion_id, requested,
                                         text, "explanation", NULL, &changed, error) ||
      !_par_workspace_commit (self, error))
    {
      _par_workspace_rollback (self);
      return FALSE;
    }
  if (changed)
    _par_workspace_emit_explanation_changed (self, year, unit_code, criterion_code);
  return TRUE;
}
