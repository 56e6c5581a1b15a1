/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace-lineage"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-lineage.h"
#include "par-workspace-private.h"

/*
 * The predecessors of a year's units (schema 10): checked against the
 * workspace's units and every year's lineage, stored with an audit record,
 * and read back for the year's comparison with the year before.
 */

static GPtrArray *
new_predecessor_list (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) par_predecessor_free);
}

/* Every unit's predecessors in every year, but those of @year for the units
 * of @proposed, which take the proposed ones: code → GPtrArray of codes. */
static GHashTable *
lineage_graph (ParWorkspace  *self,
               int            year,
               GHashTable    *proposed,
               GError       **error)
{
  g_autoptr(GHashTable) graph = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  stmt = _par_workspace_prepare (self,
                                 "SELECT p.year, u.code, pu.code FROM predecessor p"
                                 " JOIN unit u ON u.id = p.unit_id"
                                 " JOIN unit pu ON pu.id = p.predecessor_id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 1);
      GPtrArray *edges;

      if (sqlite3_column_int (stmt, 0) == year && g_hash_table_contains (proposed, code))
        continue;
      if (!(edges = g_hash_table_lookup (graph, code)))
        g_hash_table_insert (graph, g_strdup (code),
                             edges = g_ptr_array_new_with_free_func (g_free));
      g_ptr_array_add (edges, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;

  g_hash_table_iter_init (&iter, proposed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *predecessors = value;
      GPtrArray *edges;

      if (!(edges = g_hash_table_lookup (graph, key)))
        g_hash_table_insert (graph, g_strdup (key),
                             edges = g_ptr_array_new_with_free_func (g_free));
      for (guint i = 0; i < predecessors->len; i++)
        g_ptr_array_add (edges, g_strdup (((ParPredecessor *) predecessors->pdata[i])->code));
    }
  return g_steal_pointer (&graph);
}

enum { VISITING = 1, DONE = 2 };

/* Depth first from @code; returns the unit found twice on the way, if any.
 * Every unit is walked once, however many start from it. */
static const char *
find_circle (GHashTable *graph,
             GHashTable *state,
             const char *code)
{
  GPtrArray *edges;
  int seen = GPOINTER_TO_INT (g_hash_table_lookup (state, code));

  if (seen == VISITING)
    return code;
  if (seen == DONE)
    return NULL;
  g_hash_table_insert (state, (gpointer) code, GINT_TO_POINTER (VISITING));
  edges = g_hash_table_lookup (graph, code);
  for (guint i = 0; edges != NULL && i < edges->len; i++)
    {
      const char *found = find_circle (graph, state, edges->pdata[i]);

      if (found != NULL)
        return found;
    }
  g_hash_table_insert (state, (gpointer) code, GINT_TO_POINTER (DONE));
  return NULL;
}

/**
 * _par_workspace_check_lineage:
 * @self: a #ParWorkspace
 * @year: the year the units are in
 * @proposed: unit code → #GPtrArray of #ParPredecessor, the lineages to set
 * @new_codes: (nullable): codes that the same change adds as units
 * @report: called with each problem: the unit's code and a message
 * @data: data for @report
 *
 * Checks that every predecessor is a unit (of the workspace, or added by
 * the same change), and that no unit becomes its own ancestor through the
 * lineages of every year. A unit's lineage in one year is not a claim
 * about the others, but a circle (A from B, B from A) makes none of them
 * mean anything. Walks each unit once.
 *
 * Returns: %TRUE when nothing was reported
 */
gboolean
_par_workspace_check_lineage (ParWorkspace       *self,
                              int                 year,
                              GHashTable         *proposed,
                              GHashTable         *new_codes,
                              ParLineageReport    report,
                              gpointer            data)
{
  g_autoptr(GHashTable) graph = NULL;
  g_autoptr(GHashTable) state = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean ok = TRUE;

  g_hash_table_iter_init (&iter, proposed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *predecessors = value;

      for (guint i = 0; i < predecessors->len; i++)
        {
          const char *code = ((ParPredecessor *) predecessors->pdata[i])->code;
          g_autofree char *message = NULL;

          if ((new_codes != NULL && g_hash_table_contains (new_codes, code)) ||
              _par_workspace_has_unit (self, code))
            continue;
          message = g_strdup_printf (_("the predecessor “%s” of unit “%s” is not a unit; add it "
                                       "to an earlier year first"), code, (const char *) key);
          report (key, message, data);
          ok = FALSE;
        }
    }
  if (!ok)
    return FALSE;

  if (!(graph = lineage_graph (self, year, proposed, &error)))
    {
      report ("", error->message, data);
      return FALSE;
    }
  g_hash_table_iter_init (&iter, proposed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *found = find_circle (graph, state, key);

      if (found != NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("the predecessors of unit “%s” lead back to “%s”: a unit cannot "
                               "come from itself"), (const char *) key, found);

          report (key, message, data);
          return FALSE;
        }
    }
  return TRUE;
}

/* The unit's predecessors in @year, as stored. */
static GPtrArray *
read_predecessors (ParWorkspace  *self,
                   int            year,
                   gint64         unit_id,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) predecessors = new_predecessor_list ();
  int rc;

  stmt = _par_workspace_prepare (self,
                                 "SELECT pu.code, p.relation, pu.name FROM predecessor p"
                                 " JOIN unit pu ON pu.id = p.predecessor_id"
                                 " WHERE p.year = ? AND p.unit_id = ? ORDER BY p.position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, unit_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ParRelation relation = PAR_RELATION_MERGED;
      ParPredecessor *predecessor;

      par_relation_from_string ((const char *) sqlite3_column_text (stmt, 1), &relation);
      predecessor = par_predecessor_new ((const char *) sqlite3_column_text (stmt, 0), relation);
      predecessor->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (predecessors, predecessor);
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;
  return g_steal_pointer (&predecessors);
}

/**
 * _par_workspace_store_lineage:
 * @self: a #ParWorkspace, inside a write transaction
 * @year: the year
 * @unit_code: a unit of @year (as the transaction sees it)
 * @predecessors: (element-type ParPredecessor): its predecessors, checked
 *   by _par_workspace_check_lineage()
 * @error: return location for a #GError
 *
 * Replaces the unit's predecessors in @year, with an audit record
 * ("predecessors", the lists before and after as the units CSV writes
 * them) when they change.
 *
 * Returns: %TRUE on success
 */
gboolean
_par_workspace_store_lineage (ParWorkspace  *self,
                              int            year,
                              const char    *unit_code,
                              GPtrArray     *predecessors,
                              GError       **error)
{
  g_autoptr(sqlite3_stmt) unit = NULL;
  g_autoptr(sqlite3_stmt) remove = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GPtrArray) old = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = par_predecessors_to_string (predecessors);
  gint64 unit_id;

  if (!(unit = _par_workspace_prepare (self, "SELECT id FROM unit WHERE code = ?", error)))
    return FALSE;
  sqlite3_bind_text (unit, 1, unit_code, -1, SQLITE_STATIC);
  if (sqlite3_step (unit) != SQLITE_ROW)
    return _par_workspace_set_io_error (self, error);
  unit_id = sqlite3_column_int64 (unit, 0);

  if (!(old = read_predecessors (self, year, unit_id, error)))
    return FALSE;
  old_text = par_predecessors_to_string (old);
  if (g_str_equal (old_text, new_text))
    return TRUE;

  remove = _par_workspace_prepare (self, "DELETE FROM predecessor WHERE year = ? AND unit_id = ?",
                                   error);
  insert = _par_workspace_prepare (self,
                                   "INSERT INTO predecessor (year, unit_id, predecessor_id,"
                                   " relation, position)"
                                   " VALUES (?, ?, (SELECT id FROM unit WHERE code = ?), ?, ?)",
                                   error);
  if (remove == NULL || insert == NULL)
    return FALSE;
  sqlite3_bind_int (remove, 1, year);
  sqlite3_bind_int64 (remove, 2, unit_id);
  if (sqlite3_step (remove) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);

  for (guint i = 0; i < predecessors->len; i++)
    {
      const ParPredecessor *predecessor = g_ptr_array_index (predecessors, i);

      sqlite3_reset (insert);
      sqlite3_bind_int (insert, 1, year);
      sqlite3_bind_int64 (insert, 2, unit_id);
      sqlite3_bind_text (insert, 3, predecessor->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, par_relation_to_string (predecessor->relation), -1,
                         SQLITE_STATIC);
      sqlite3_bind_int (insert, 5, i);
      if (sqlite3_step (insert) != SQLITE_DONE)
        return _par_workspace_set_io_error (self, error);
    }

  {
    ParAuditRecord record = { year, unit_code, "", -1, old_text[0] ? old_text : NULL,
                              new_text[0] ? new_text : NULL, NULL, NULL, "predecessors", NULL };

    return _par_workspace_audit (self, &record, error);
  }
}

/**
 * _par_workspace_load_lineage:
 * @self: a #ParWorkspace
 * @year: the year
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): unit code → #GPtrArray of
 *   #ParPredecessor (with their names), for the units of @year that name
 *   predecessors
 */
GHashTable *
_par_workspace_load_lineage (ParWorkspace  *self,
                             int            year,
                             GError       **error)
{
  g_autoptr(GHashTable) lineage = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _par_workspace_prepare (self,
                                 "SELECT u.code, pu.code, p.relation, pu.name FROM predecessor p"
                                 " JOIN unit u ON u.id = p.unit_id"
                                 " JOIN unit pu ON pu.id = p.predecessor_id"
                                 " WHERE p.year = ? ORDER BY u.code, p.position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      GPtrArray *predecessors = g_hash_table_lookup (lineage, code);
      ParRelation relation = PAR_RELATION_MERGED;
      ParPredecessor *predecessor;

      if (predecessors == NULL)
        g_hash_table_insert (lineage, g_strdup (code), predecessors = new_predecessor_list ());
      par_relation_from_string ((const char *) sqlite3_column_text (stmt, 2), &relation);
      predecessor = par_predecessor_new ((const char *) sqlite3_column_text (stmt, 1), relation);
      predecessor->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (predecessors, predecessor);
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;
  return g_steal_pointer (&lineage);
}

/**
 * par_workspace_get_predecessors:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: a unit of @year
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type ParPredecessor) (nullable): the
 *   units the unit was formed from, as its year names them (empty when
 *   none)
 */
GPtrArray *
par_workspace_get_predecessors (ParWorkspace  *self,
                                int            year,
                                const char    *unit_code,
                                GError       **error)
{
  ParYearUnit *unit;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  if (!(unit = _par_workspace_lookup_unit (self, year, unit_code, NULL, error)))
    return NULL;
  return read_predecessors (self, year, unit->id, error);
}
