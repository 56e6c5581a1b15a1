/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-score-writer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-workspace-private.h"

/*
 * The one path through which validated score entries reach the
 * workspace, inside the caller's write transaction: an edit in the window,
 * undo and redo, accepting a self-assessment, a received package, an
 * import of any size. One entry at a time, so that memory stays bounded:
 *
 * - an entry that holds already the same value and note is no change;
 * - an entry that must still hold what its writer expects (undo) is
 *   checked first (%PAR_ERROR_CONFLICT);
 * - a change gets its audit record (old and new value and note); a large
 *   import records the entries it creates where there were none in one
 *   record of its own ("N entries created"), the entries it changes or
 *   clears one by one, so that the audit log does not end larger than the
 *   scores;
 * - at the end, the totals of every unit written are stored again.
 */

struct _ParScoreWriter
{
  ParWorkspace   *workspace;
  ParYearContext *context;
  char           *action;
  char           *detail;
  sqlite3_stmt   *select_old;
  sqlite3_stmt   *insert;        /* where there is no entry */
  sqlite3_stmt   *upsert;
  sqlite3_stmt   *remove;
  guint8         *had_entries;   /* per unit position; NULL: look every entry up */
  guint8         *written;       /* a bit per slot (unit, leaf, stage) written here */
  guint8         *touched;       /* per unit position */
  GPtrArray      *touched_units;
  guint           n_created;
  guint           n_changed;
  gboolean        summarize;
};

void
_par_score_writer_free (ParScoreWriter *writer)
{
  if (writer == NULL)
    return;
  g_clear_pointer (&writer->select_old, sqlite3_finalize);
  g_clear_pointer (&writer->insert, sqlite3_finalize);
  g_clear_pointer (&writer->upsert, sqlite3_finalize);
  g_clear_pointer (&writer->remove, sqlite3_finalize);
  g_clear_pointer (&writer->touched_units, g_ptr_array_unref);
  g_free (writer->had_entries);
  g_free (writer->written);
  g_free (writer->touched);
  g_free (writer->action);
  g_free (writer->detail);
  g_free (writer);
}

/* Where an entry sits among the year's slots, a bit each: the entries
 * written by this writer. */
static gsize
slot_count (const ParYearContext *context)
{
  return (gsize) MAX (context->units->len, 1) * context->max_leaves * PAR_N_STAGES;
}

static gsize
slot_of (const ParScoreWriter *writer,
         const ParScoreWrite  *write)
{
  return ((gsize) write->unit->position * writer->context->max_leaves + write->leaf->leaf_index)
         * PAR_N_STAGES + write->stage;
}

/* Which units of the year have any entry now: an import into an empty
 * year (or unit) then need not look each entry up. */
static gboolean
read_units_with_entries (ParScoreWriter  *writer,
                         GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) position_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  int rc;

  stmt = _par_workspace_prepare (writer->workspace,
                                 "SELECT DISTINCT unit_id FROM score WHERE year = ?", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < writer->context->units->len; i++)
    {
      ParYearUnit *unit = g_ptr_array_index (writer->context->units, i);
      g_hash_table_insert (position_by_id, &unit->id, unit);
    }
  writer->had_entries = g_new0 (guint8, MAX (writer->context->units->len, 1));
  writer->written = g_new0 (guint8, slot_count (writer->context) / 8 + 1);
  sqlite3_bind_int (stmt, 1, writer->context->year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      ParYearUnit *unit = g_hash_table_lookup (position_by_id, &id);

      if (unit != NULL)
        writer->had_entries[unit->position] = 1;
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (writer->workspace, error);
  return TRUE;
}

/**
 * _par_score_writer_new:
 * @self: a workspace inside a write transaction (_par_workspace_begin_write())
 * @context: the year written
 * @action: what the records say was done ("edit", "import", …)
 * @detail: (nullable): the records' detail (a package's origin)
 * @summarize: whether the entries created where there were none are
 *   recorded in one record rather than one each (large imports)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a writer for this transaction
 */
ParScoreWriter *
_par_score_writer_new (ParWorkspace    *self,
                       ParYearContext  *context,
                       const char      *action,
                       const char      *detail,
                       gboolean         summarize,
                       GError         **error)
{
  g_autoptr(ParScoreWriter) writer = g_new0 (ParScoreWriter, 1);

  writer->workspace = self;
  writer->context = context;
  writer->action = g_strdup (action);
  writer->detail = g_strdup (detail);
  writer->summarize = summarize;
  writer->touched = g_new0 (guint8, MAX (context->units->len, 1));
  writer->touched_units = g_ptr_array_new ();

  writer->select_old = _par_workspace_prepare (self,
                                               "SELECT value, note FROM score WHERE year = ?"
                                               " AND unit_id = ? AND criterion_id = ? AND stage = ?",
                                               error);
#define INSERT_SCORE "INSERT INTO score (year, unit_id, criterion_id, stage, state, value," \
                     " points, applicable, note, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
  writer->insert = _par_workspace_prepare (self, INSERT_SCORE, error);
  writer->upsert = _par_workspace_prepare (self,
                                           INSERT_SCORE
                                           " ON CONFLICT DO UPDATE SET state = excluded.state,"
                                           "  value = excluded.value, points = excluded.points,"
                                           "  applicable = excluded.applicable,"
                                           "  note = excluded.note, changed_at = excluded.changed_at",
                                           error);
  writer->remove = _par_workspace_prepare (self,
                                           "DELETE FROM score WHERE year = ? AND unit_id = ?"
                                           " AND criterion_id = ? AND stage = ?", error);
  if (writer->select_old == NULL || writer->insert == NULL || writer->upsert == NULL || writer->remove == NULL ||
      (summarize && !read_units_with_entries (writer, error)))
    return NULL;
  return g_steal_pointer (&writer);
}

static void
bind_key (sqlite3_stmt   *stmt,
          ParScoreWriter *writer,
          ParScoreWrite  *write,
          gint64          criterion_id)
{
  sqlite3_reset (stmt);
  sqlite3_bind_int (stmt, 1, writer->context->year);
  sqlite3_bind_int64 (stmt, 2, write->unit->id);
  sqlite3_bind_int64 (stmt, 3, criterion_id);
  sqlite3_bind_int (stmt, 4, write->stage);
}

/* Who changed an entry last, for the message of a conflict. */
static gboolean
conflict (ParScoreWriter  *writer,
          ParScoreWrite   *write,
          const char      *value,
          GError         **error)
{
  g_autoptr(sqlite3_stmt) last = NULL;
  int rc;

  last = _par_workspace_prepare (writer->workspace, "SELECT origin, at FROM audit WHERE year = ?"
                                 " AND unit_code = ? AND criterion_code = ? AND stage = ?"
                                 " ORDER BY id DESC LIMIT 1", error);
  if (last == NULL)
    return FALSE;
  sqlite3_bind_int (last, 1, writer->context->year);
  sqlite3_bind_text (last, 2, write->unit->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (last, 3, write->leaf->code, -1, SQLITE_STATIC);
  sqlite3_bind_int (last, 4, write->stage);
  rc = sqlite3_step (last);
  if (rc == SQLITE_ROW && sqlite3_column_text (last, 0) != NULL && sqlite3_column_text (last, 1) != NULL)
    g_set_error (error, PAR_ERROR, PAR_ERROR_CONFLICT,
                 _("%s, %s: the value is now “%s” (changed by %s at %s), no longer “%s” as it "
                   "was left here; undoing would overwrite that change, so nothing was changed"),
                 write->unit->code, write->leaf->code,
                 value != NULL ? value : _("no entry"),
                 (const char *) sqlite3_column_text (last, 0),
                 (const char *) sqlite3_column_text (last, 1),
                 write->expected != NULL ? write->expected : _("no entry"));
  else
    /* Changed by a whole import (its audit record names no sub-criterion). */
    g_set_error (error, PAR_ERROR, PAR_ERROR_CONFLICT,
                 _("%s, %s: the value is now “%s”, no longer “%s” as it was left here; undoing "
                   "would overwrite that change, so nothing was changed"),
                 write->unit->code, write->leaf->code,
                 value != NULL ? value : _("no entry"),
                 write->expected != NULL ? write->expected : _("no entry"));
  return FALSE;
}

/**
 * _par_score_writer_write:
 * @writer: a #ParScoreWriter
 * @write: a validated entry (a %NULL value clears it)
 * @error: return location for a #GError
 *
 * Writes one entry with its audit record, unless it holds that already.
 *
 * Returns: %TRUE on success
 */
gboolean
_par_score_writer_write (ParScoreWriter  *writer,
                         ParScoreWrite   *write,
                         GError         **error)
{
  ParYearBlock *block = g_ptr_array_index (writer->context->blocks, write->unit->block);
  gint64 criterion_id = block->leaf_ids[write->leaf->leaf_index];
  const char *value = write->entry.value;
  const char *note = value != NULL ? write->note : NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *old_note = NULL;
  guint position = write->unit->position;
  gboolean looked_up = TRUE;
  sqlite3_stmt *stmt;

  /* What the entry holds now: nothing, in a unit that had no entry when
   * the entry was not written yet. */
  if (writer->had_entries != NULL)
    {
      gsize slot = slot_of (writer, write);

      if (!writer->had_entries[position] && !(writer->written[slot / 8] & (1u << (slot % 8))))
        looked_up = FALSE;
      writer->written[slot / 8] |= 1u << (slot % 8);
    }
  if (looked_up)
    {
      int rc;

      bind_key (writer->select_old, writer, write, criterion_id);
      rc = sqlite3_step (writer->select_old);
      if (rc == SQLITE_ROW)
        {
          old_value = g_strdup ((const char *) sqlite3_column_text (writer->select_old, 0));
          old_note = g_strdup ((const char *) sqlite3_column_text (writer->select_old, 1));
        }
      else if (rc != SQLITE_DONE)
        return _par_workspace_set_io_error (writer->workspace, error);
    }

  if (write->check && g_strcmp0 (old_value, write->expected) != 0)
    return conflict (writer, write, old_value, error);
  if (g_strcmp0 (old_value, value) == 0 && g_strcmp0 (old_note, note) == 0)
    return TRUE;

  if (value == NULL)
    {
      stmt = writer->remove;
      bind_key (stmt, writer, write, criterion_id);
    }
  else
    {
      stmt = looked_up ? writer->upsert : writer->insert;
      bind_key (stmt, writer, write, criterion_id);
      sqlite3_bind_int (stmt, 5, write->entry.state);
      sqlite3_bind_text (stmt, 6, value, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, write->entry.points);
      sqlite3_bind_int (stmt, 8, write->entry.applicable ? 1 : 0);
      sqlite3_bind_text (stmt, 9, note, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, _par_workspace_get_write_time (writer->workspace), -1,
                         SQLITE_STATIC);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _par_workspace_set_io_error (writer->workspace, error);

  if (!writer->touched[position])
    {
      writer->touched[position] = 1;
      g_ptr_array_add (writer->touched_units, write->unit);
    }

  if (writer->summarize && old_value == NULL)
    {
      writer->n_created++;
      return TRUE;
    }
  writer->n_changed++;
  {
    ParAuditRecord record = {
      writer->context->year, write->unit->code, write->leaf->code, write->stage,
      old_value, value, old_note, note, writer->action, writer->detail,
    };

    return _par_workspace_audit (writer->workspace, &record, error);
  }
}

/* What the writer has done so far: the entries it created where there
 * were none, and those it changed or cleared. */
void
_par_score_writer_get_counts (ParScoreWriter *writer,
                              guint          *out_created,
                              guint          *out_changed)
{
  *out_created = writer->n_created;
  *out_changed = writer->n_changed;
}

/**
 * _par_score_writer_finish:
 * @writer: a #ParScoreWriter
 * @out_changes: (out) (optional): the entries created, changed or cleared
 * @error: return location for a #GError
 *
 * Records the entries created in one record (when summarizing) and stores
 * the totals of the units written.
 *
 * Returns: %TRUE on success
 */
gboolean
_par_score_writer_finish (ParScoreWriter  *writer,
                          guint           *out_changes,
                          GError         **error)
{
  if (writer->n_created > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", writer->n_created);
      ParAuditRecord record = {
        writer->context->year, "", "", -1, NULL, count, NULL, NULL, writer->action, writer->detail,
      };

      if (!_par_workspace_audit (writer->workspace, &record, error))
        return FALSE;
    }
  if (out_changes != NULL)
    *out_changes = writer->n_created + writer->n_changed;
  return _par_workspace_store_totals (writer->workspace, writer->context, writer->touched_units,
                                      error);
}
