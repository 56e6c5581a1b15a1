/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace-revision"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-decimal.h"
#include "par-error.h"
#include "par-revision.h"
#include "par-workspace-private.h"

/*
 * Replacing a block's criteria set by a new version within its year:
 * par_workspace_plan_set_revision() says what would change, and
 * par_workspace_revise_set() makes that same plan in one audited
 * transaction. The block's units keep every entry, explanation, evidence
 * link and verdict of a leaf the new set keeps (by code); those of a leaf
 * it drops go, each into the audit log; entries the new rule scores
 * otherwise are re-evaluated, those it refuses dropped; totals are
 * recomputed.
 */

static ParYearBlock *
lookup_block (ParWorkspace    *self,
              int              year,
              const char      *block,
              ParYearContext **out_context,
              GError         **error)
{
  ParYearContext *context = _par_workspace_get_year (self, year, error);
  ParYearBlock *year_block;

  if (context == NULL)
    return NULL;
  if (block == NULL && context->blocks->len != 1)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("year %d has %u blocks; say which block’s criteria set to replace"), year,
                   context->blocks->len);
      return NULL;
    }
  year_block = block != NULL ? g_hash_table_lookup (context->blocks_by_name, block)
                             : g_ptr_array_index (context->blocks, 0);
  if (year_block == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("year %d has no block “%s”"), year,
                   block);
      return NULL;
    }
  *out_context = context;
  return year_block;
}

/* How many rows of @table hold a removed leaf of the block's units. */
static gboolean
count_removed (ParWorkspace  *self,
               const char    *table,
               ParYearBlock  *block,
               GArray        *removed,
               int            year,
               guint         *out_count,
               GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s t JOIN year_unit yu"
                                          " ON yu.year = t.year AND yu.unit_id = t.unit_id"
                                          " WHERE t.year = ? AND yu.block_id = ?"
                                          " AND t.criterion_id = ?", table);
  g_autoptr(sqlite3_stmt) stmt = _par_workspace_prepare (self, sql, error);

  *out_count = 0;
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < removed->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, year);
      sqlite3_bind_int64 (stmt, 2, block->id);
      sqlite3_bind_int64 (stmt, 3, g_array_index (removed, gint64, i));
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return _par_workspace_set_io_error (self, error);
      *out_count += sqlite3_column_int (stmt, 0);
    }
  return TRUE;
}

/* The criterion ids, in the set in use, of the leaves the new set drops. */
static GArray *
removed_leaf_ids (ParSetRevision *plan,
                  ParYearBlock   *block)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < plan->leaves->len; i++)
    {
      const ParLeafChange *change = g_ptr_array_index (plan->leaves, i);

      if (change->kind == PAR_LEAF_REMOVED)
        g_array_append_val (ids, block->leaf_ids[change->old_leaf->leaf_index]);
    }
  return ids;
}

static ParSetRevision *
make_plan (ParWorkspace    *self,
           ParYearContext  *context,
           ParYearBlock    *block,
           ParCriteriaSet  *new_set,
           GError         **error)
{
  g_autoptr(ParSetRevision) plan = NULL;
  g_autoptr(sqlite3_stmt) entries = NULL;
  g_autoptr(GArray) removed = NULL;
  int rc;

  if (g_str_equal (block->set->checksum, new_set->checksum))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("block “%s” of year %d is already assessed by this criteria set"),
                   block->name, context->year);
      return NULL;
    }

  plan = par_set_revision_new (context->year, block->name, block->set, new_set);
  for (guint i = 0; i < context->units->len; i++)
    {
      ParYearUnit *unit = g_ptr_array_index (context->units, i);

      if (g_ptr_array_index (context->blocks, unit->block) == block)
        plan->n_units++;
    }

  entries = _par_workspace_prepare (self,
                                    "SELECT u.code, u.name, c.code, s.stage, s.state, s.value,"
                                    " s.points, s.applicable, s.note"
                                    " FROM score s JOIN year_unit yu"
                                    "  ON yu.year = s.year AND yu.unit_id = s.unit_id"
                                    " JOIN unit u ON u.id = s.unit_id"
                                    " JOIN criterion c ON c.id = s.criterion_id"
                                    " WHERE s.year = ? AND yu.block_id = ?"
                                    " ORDER BY u.code, c.leaf_index, s.stage", error);
  if (entries == NULL)
    return NULL;
  sqlite3_bind_int (entries, 1, context->year);
  sqlite3_bind_int64 (entries, 2, block->id);
  while ((rc = sqlite3_step (entries)) == SQLITE_ROW)
    par_set_revision_add_entry (plan,
                                (const char *) sqlite3_column_text (entries, 0),
                                (const char *) sqlite3_column_text (entries, 1),
                                (const char *) sqlite3_column_text (entries, 2),
                                sqlite3_column_int (entries, 3),
                                par_entry_state_from_stored (sqlite3_column_int (entries, 4)),
                                (const char *) sqlite3_column_text (entries, 5),
                                sqlite3_column_int64 (entries, 6),
                                sqlite3_column_int (entries, 7) != 0,
                                (const char *) sqlite3_column_text (entries, 8));
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;

  removed = removed_leaf_ids (plan, block);
  if (!count_removed (self, "explanation", block, removed, context->year, &plan->n_explanations,
                      error) ||
      !count_removed (self, "evidence_link", block, removed, context->year, &plan->n_links,
                      error) ||
      !count_removed (self, "review", block, removed, context->year, &plan->n_reviews, error))
    return NULL;
  return g_steal_pointer (&plan);
}

/**
 * par_workspace_plan_set_revision:
 * @self: a #ParWorkspace
 * @year: the year, not published
 * @block: (nullable): a block of @year; %NULL for its only block
 * @new_set: the new version of the block's criteria set
 * @error: return location for a #GError
 *
 * Says what replacing the block's set by @new_set would do, changing
 * nothing: the leaves added, removed and changed (title, maximum, rule,
 * not arising), and for each unit the entries the new rules re-evaluate
 * (points old → new) or drop (their leaf gone, or their value refused).
 *
 * Returns: (transfer full) (nullable): the plan; %NULL with
 *   %PAR_ERROR_FROZEN for a published year, %PAR_ERROR_NOT_FOUND, or
 *   %PAR_ERROR_INVALID when the block already has @new_set
 */
ParSetRevision *
par_workspace_plan_set_revision (ParWorkspace    *self,
                                 int              year,
                                 const char      *block,
                                 ParCriteriaSet  *new_set,
                                 GError         **error)
{
  ParYearContext *context = NULL;
  ParYearBlock *year_block;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (new_set != NULL, NULL);

  if (!(year_block = lookup_block (self, year, block, &context, error)) ||
      !_par_workspace_check_writable (self, year, error))
    return NULL;
  return make_plan (self, context, year_block, new_set, error);
}

/* Runs @sql bound to the year, the block and one criterion id, twice
 * bound for statements that take an old and a new id. */
static gboolean
run_for_leaf (ParWorkspace  *self,
              sqlite3_stmt  *stmt,
              int            year,
              gint64         block_id,
              gint64         old_id,
              gint64         new_id,
              GError       **error)
{
  sqlite3_reset (stmt);
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, block_id);
  sqlite3_bind_int64 (stmt, 3, old_id);
  if (sqlite3_bind_parameter_count (stmt) >= 4)
    sqlite3_bind_int64 (stmt, 4, new_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);
  return TRUE;
}

#define OF_BLOCK " AND unit_id IN (SELECT unit_id FROM year_unit WHERE year = ?1 AND block_id = ?2)"

/* The removed leaves' explanations, links and verdicts, each with its
 * record, then the rows themselves. */
static gboolean
drop_removed (ParWorkspace  *self,
              int            year,
              ParYearBlock  *block,
              GArray        *removed,
              GError       **error)
{
  static const char *audited =
    "SELECT u.code, c.code, x.stage, x.old_value, x.old_note, x.detail FROM ("
    "  SELECT unit_id, criterion_id, 1 AS stage, CASE requested WHEN 1 THEN 'requested' END"
    "   AS old_value, text AS old_note, NULL AS detail, 0 AS kind"
    "   FROM explanation WHERE year = ?1 AND criterion_id = ?3" OF_BLOCK
    "  UNION ALL SELECT l.unit_id, l.criterion_id, -1, d.title, l.pages, d.sha256, 1"
    "   FROM evidence_link l JOIN document d ON d.id = l.document_id"
    "   WHERE l.year = ?1 AND l.criterion_id = ?3"
    "   AND l.unit_id IN (SELECT unit_id FROM year_unit WHERE year = ?1 AND block_id = ?2)"
    "  UNION ALL SELECT unit_id, criterion_id, 1, verdict, coalesce (comment, request),"
    "   nullif (document, ''), 2 FROM review WHERE year = ?1 AND criterion_id = ?3" OF_BLOCK
    " ) x JOIN unit u ON u.id = x.unit_id JOIN criterion c ON c.id = x.criterion_id"
    " ORDER BY x.kind, u.code";
  static const char *deletes[] = {
    "DELETE FROM explanation WHERE year = ?1 AND criterion_id = ?3" OF_BLOCK,
    "DELETE FROM evidence_link WHERE year = ?1 AND criterion_id = ?3" OF_BLOCK,
    "DELETE FROM review WHERE year = ?1 AND criterion_id = ?3" OF_BLOCK,
  };
  g_autoptr(sqlite3_stmt) select = _par_workspace_prepare (self, audited, error);

  if (select == NULL)
    return FALSE;
  for (guint i = 0; i < removed->len; i++)
    {
      gint64 id = g_array_index (removed, gint64, i);
      int rc;

      sqlite3_reset (select);
      sqlite3_bind_int (select, 1, year);
      sqlite3_bind_int64 (select, 2, block->id);
      sqlite3_bind_int64 (select, 3, id);
      while ((rc = sqlite3_step (select)) == SQLITE_ROW)
        {
          ParAuditRecord record = {
            year, (const char *) sqlite3_column_text (select, 0),
            (const char *) sqlite3_column_text (select, 1), sqlite3_column_int (select, 2),
            (const char *) sqlite3_column_text (select, 3), NULL,
            (const char *) sqlite3_column_text (select, 4), NULL, "revise-set",
            (const char *) sqlite3_column_text (select, 5),
          };

          if (!_par_workspace_audit (self, &record, error))
            return FALSE;
        }
      if (rc != SQLITE_DONE)
        return _par_workspace_set_io_error (self, error);

      for (guint d = 0; d < G_N_ELEMENTS (deletes); d++)
        {
          g_autoptr(sqlite3_stmt) stmt = _par_workspace_prepare (self, deletes[d], error);

          if (stmt == NULL || !run_for_leaf (self, stmt, year, block->id, id, 0, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Every row of the block's units that names a leaf the new set keeps now
 * names the new set's leaf of that code. */
static gboolean
repoint_kept (ParWorkspace    *self,
              int              year,
              ParYearBlock    *block,
              ParCriteriaSet  *new_set,
              gint64           new_set_id,
              GError         **error)
{
  static const char *tables[] = { "score", "explanation", "evidence_link", "review" };
  g_autoptr(sqlite3_stmt) find = NULL;
  sqlite3_stmt *updates[G_N_ELEMENTS (tables)] = { NULL };
  gboolean ok = TRUE;

  find = _par_workspace_prepare (self, "SELECT id FROM criterion WHERE set_id = ? AND code = ?",
                                 error);
  if (find == NULL)
    return FALSE;
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET criterion_id = ?4 WHERE year = ?1"
                                              " AND criterion_id = ?3" OF_BLOCK, tables[t]);
      if (!(updates[t] = _par_workspace_prepare (self, sql, error)))
        ok = FALSE;
    }

  for (guint i = 0; ok && i < block->set->leaves->len; i++)
    {
      const ParCriterion *leaf = g_ptr_array_index (block->set->leaves, i);
      const ParCriterion *kept = par_criteria_set_lookup (new_set, leaf->code);
      gint64 new_id;

      if (kept == NULL || kept->children != NULL)
        continue;
      sqlite3_reset (find);
      sqlite3_bind_int64 (find, 1, new_set_id);
      sqlite3_bind_text (find, 2, leaf->code, -1, SQLITE_STATIC);
      if (sqlite3_step (find) != SQLITE_ROW)
        {
          ok = _par_workspace_set_io_error (self, error);
          break;
        }
      new_id = sqlite3_column_int64 (find, 0);
      for (guint t = 0; ok && t < G_N_ELEMENTS (tables); t++)
        ok = run_for_leaf (self, updates[t], year, block->id, block->leaf_ids[leaf->leaf_index],
                           new_id, error);
    }

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    g_clear_pointer (&updates[t], sqlite3_finalize);
  return ok;
}

/* The entries the plan re-evaluates or drops, each with its record, while
 * they still name the leaves of the set in use. */
static gboolean
apply_entries (ParWorkspace    *self,
               ParSetRevision  *plan,
               ParYearContext  *context,
               ParYearBlock    *block,
               GError         **error)
{
  g_autoptr(sqlite3_stmt) drop = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;

  drop = _par_workspace_prepare (self,
                                 "DELETE FROM score WHERE year = ?1 AND unit_id = ?2"
                                 " AND criterion_id = ?3 AND stage = ?4", error);
  update = _par_workspace_prepare (self,
                                   "UPDATE score SET state = ?5, value = ?6, points = ?7,"
                                   " applicable = ?8, changed_at = ?9 WHERE year = ?1"
                                   " AND unit_id = ?2 AND criterion_id = ?3 AND stage = ?4",
                                   error);
  if (drop == NULL || update == NULL)
    return FALSE;

  for (guint i = 0; i < plan->entries->len; i++)
    {
      const ParEntryRevision *entry = g_ptr_array_index (plan->entries, i);
      const ParCriterion *old_leaf = par_criteria_set_lookup (plan->old_set, entry->criterion_code);
      ParYearUnit *unit = g_hash_table_lookup (context->units_by_code, entry->unit_code);
      gboolean dropped = entry->fate != PAR_ENTRY_REEVALUATED;
      g_autofree char *detail = NULL;
      sqlite3_stmt *stmt = dropped ? drop : update;

      g_assert (old_leaf != NULL && unit != NULL);
      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, context->year);
      sqlite3_bind_int64 (stmt, 2, unit->id);
      sqlite3_bind_int64 (stmt, 3, block->leaf_ids[old_leaf->leaf_index]);
      sqlite3_bind_int (stmt, 4, entry->stage);
      if (dropped)
        detail = g_strdup (entry->fate == PAR_ENTRY_DROPPED_LEAF_GONE
                           ? "the sub-criterion is not in the new set" : entry->reason);
      else
        {
          g_autofree char *before = par_milli_to_string (entry->old_points, '.');
          g_autofree char *after = par_milli_to_string (entry->new_points, '.');

          sqlite3_bind_int (stmt, 5, entry->new_state);
          sqlite3_bind_text (stmt, 6, entry->new_value, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 7, entry->new_points);
          sqlite3_bind_int (stmt, 8, entry->new_applicable ? 1 : 0);
          sqlite3_bind_text (stmt, 9, _par_workspace_get_write_time (self), -1, SQLITE_STATIC);
          detail = g_strdup_printf ("points %s → %s", before, after);
        }
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _par_workspace_set_io_error (self, error);

      {
        ParAuditRecord record = {
          context->year, entry->unit_code, entry->criterion_code, entry->stage, entry->value,
          dropped ? NULL : entry->new_value, entry->note, dropped ? NULL : entry->note,
          "revise-set", detail,
        };

        if (!_par_workspace_audit (self, &record, error))
          return FALSE;
      }
    }
  return TRUE;
}

/**
 * par_workspace_revise_set:
 * @self: a #ParWorkspace
 * @year: the year, not published
 * @block: (nullable): a block of @year; %NULL for its only block
 * @new_set: the new version of the block's criteria set
 * @out_plan: (out) (optional) (transfer full): what was done
 * @error: return location for a #GError
 *
 * Replaces the block's criteria set by @new_set, doing what
 * par_workspace_plan_set_revision() says, in one transaction: the entries,
 * explanations, evidence links and verdicts of the leaves @new_set keeps
 * follow them; those of removed leaves go, and entries refused by a new
 * rule, each written to the audit log (action "revise-set"); entries
 * scored otherwise are re-evaluated; the block's totals are recomputed.
 * The plan is made again inside the transaction, so that what is done is
 * what the file held at that moment.
 *
 * Returns: %TRUE when the set was replaced
 */
gboolean
par_workspace_revise_set (ParWorkspace     *self,
                          int               year,
                          const char       *block,
                          ParCriteriaSet   *new_set,
                          ParSetRevision  **out_plan,
                          GError          **error)
{
  g_autoptr(ParSetRevision) plan = NULL;
  g_autoptr(sqlite3_stmt) update_block = NULL;
  g_autoptr(GArray) removed = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  ParYearContext *context = NULL;
  ParYearBlock *year_block;
  gint64 new_set_id = 0;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (new_set != NULL, FALSE);

  if (!_par_workspace_check_writable (self, year, error) ||
      !_par_workspace_begin_write (self, year, error))
    return FALSE;

  if (!(year_block = lookup_block (self, year, block, &context, error)) ||
      !(plan = make_plan (self, context, year_block, new_set, error)) ||
      !(update_block = _par_workspace_prepare (self, "UPDATE block SET set_id = ? WHERE id = ?",
                                               error)) ||
      !_par_workspace_store_set (self, new_set, &new_set_id, error))
    goto failed;

  removed = removed_leaf_ids (plan, year_block);
  if (!drop_removed (self, year, year_block, removed, error) ||
      !apply_entries (self, plan, context, year_block, error) ||
      !repoint_kept (self, year, year_block, new_set, new_set_id, error))
    goto failed;

  sqlite3_bind_int64 (update_block, 1, new_set_id);
  sqlite3_bind_int64 (update_block, 2, year_block->id);
  if (sqlite3_step (update_block) != SQLITE_DONE)
    {
      _par_workspace_set_io_error (self, error);
      goto failed;
    }

  {
    ParAuditRecord record = { year, "", "", -1, plan->old_set->title, new_set->title,
                              plan->old_set->checksum, new_set->checksum, "revise-set",
                              plan->block };

    if (!_par_workspace_audit (self, &record, error))
      goto failed;
  }

  /* The year with its new set, and the block's units' totals by it. */
  _par_workspace_forget_year (self, year);
  if (!(context = _par_workspace_get_year (self, year, error)))
    goto failed;
  year_block = g_hash_table_lookup (context->blocks_by_name, plan->block);
  for (guint i = 0; i < context->units->len; i++)
    {
      ParYearUnit *unit = g_ptr_array_index (context->units, i);

      if (g_ptr_array_index (context->blocks, unit->block) == year_block)
        g_ptr_array_add (units, unit);
    }
  if (!_par_workspace_store_totals (self, context, units, error) ||
      !_par_workspace_commit (self, error))
    goto failed;

  _par_workspace_emit_changed (self, year);
  if (out_plan != NULL)
    *out_plan = g_steal_pointer (&plan);
  return TRUE;

failed:
  _par_workspace_rollback (self);
  _par_workspace_forget_year (self, year);
  return FALSE;
}
