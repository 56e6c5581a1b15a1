/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace-overview"

#include "config.h"

#include "par-overview.h"

#include "par-cycle-private.h"
#include "par-sqlite-private.h"
#include "par-worker-private.h"

/*
 * What the overview of a year shows of every unit beside its results: how
 * complete its self-assessment is (evidence given, entries made), read for
 * the whole year in one query, and its place in the cycle between desks;
 * on a worker with a connection of its own for a whole year.
 */

void
par_unit_completeness_free (ParUnitCompleteness *completeness)
{
  if (completeness == NULL)
    return;
  g_free (completeness->unit_code);
  g_free (completeness);
}

/**
 * par_unit_completeness_is_complete:
 *
 * Returns: whether every sub-criterion expecting evidence has a document
 *   or an explanation and every sub-criterion the unit scores has a self
 *   entry
 */
gboolean
par_unit_completeness_is_complete (const ParUnitCompleteness *completeness)
{
  g_return_val_if_fail (completeness != NULL, FALSE);
  return completeness->n_given >= completeness->n_expected && completeness->n_unscored == 0;
}

void
par_year_overview_free (ParYearOverview *overview)
{
  if (overview == NULL)
    return;
  g_clear_pointer (&overview->cycles, g_ptr_array_unref);
  g_clear_pointer (&overview->completeness, g_ptr_array_unref);
  g_free (overview);
}

enum {
  MARK_NOT_APPLICABLE = 1 << 0,
  MARK_GIVEN = 1 << 1,
};

enum {
  ROW_NOT_APPLICABLE,
  ROW_GIVEN,
  ROW_SELF_ENTRIES,
};

/* The units with ids from ?2 to ?3 (one unit, or all): their leaves marked
 * not applicable at either stage, their leaves with a document or an
 * explanation text, and their numbers of self entries (a count in the
 * second column). Every part reads its table's primary key range. */
static const char completeness_sql[] =
  "SELECT unit_id, criterion_id, 0 FROM score"
  " WHERE year = ?1 AND unit_id BETWEEN ?2 AND ?3 AND applicable = 0"
  " UNION ALL"
  " SELECT unit_id, criterion_id, 1 FROM evidence_link"
  " WHERE year = ?1 AND unit_id BETWEEN ?2 AND ?3"
  " UNION ALL"
  " SELECT unit_id, criterion_id, 1 FROM explanation"
  " WHERE year = ?1 AND unit_id BETWEEN ?2 AND ?3 AND coalesce (text, '') != ''"
  " UNION ALL"
  " SELECT unit_id, count(*), 2 FROM score"
  " WHERE year = ?1 AND unit_id BETWEEN ?2 AND ?3 AND stage = 0 GROUP BY unit_id";

/* The completeness of @units (ParYearUnit of @context), in their order. */
static GPtrArray *
count_completeness (ParWorkspace    *self,
                    ParYearContext  *context,
                    GPtrArray       *units,
                    GError         **error)
{
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_full (units->len, (GDestroyNotify) par_unit_completeness_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree guint8 *marks = NULL;
  g_autofree guint *self_entries = NULL;
  guint stride = MAX (context->max_leaves, 1);
  gint64 first_id = G_MAXINT64;
  gint64 last_id = G_MININT64;
  int rc;

  for (guint i = 0; i < units->len; i++)
    {
      ParYearUnit *unit = g_ptr_array_index (units, i);

      g_hash_table_insert (by_id, &unit->id, GUINT_TO_POINTER (i));
      first_id = MIN (first_id, unit->id);
      last_id = MAX (last_id, unit->id);
    }
  if (units->len == 0)
    return g_steal_pointer (&list);

  marks = g_new0 (guint8, (gsize) units->len * stride);
  self_entries = g_new0 (guint, units->len);
  if (!(stmt = _par_workspace_prepare (self, completeness_sql, error)))
    return NULL;
  sqlite3_bind_int (stmt, 1, context->year);
  sqlite3_bind_int64 (stmt, 2, first_id);
  sqlite3_bind_int64 (stmt, 3, last_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 unit_id = sqlite3_column_int64 (stmt, 0);
      gint64 criterion_id = sqlite3_column_int64 (stmt, 1);
      int kind = sqlite3_column_int (stmt, 2);
      gpointer position;
      gpointer leaf_index;
      ParYearUnit *unit;
      ParYearBlock *block;

      if (!g_hash_table_lookup_extended (by_id, &unit_id, NULL, &position))
        continue;
      if (kind == ROW_SELF_ENTRIES)
        {
          self_entries[GPOINTER_TO_UINT (position)] = (guint) criterion_id;
          continue;
        }
      unit = g_ptr_array_index (units, GPOINTER_TO_UINT (position));
      block = g_ptr_array_index (context->blocks, unit->block);
      /* A leaf of another set (the unit moved between blocks) is not the
       * unit's any more. */
      if (!g_hash_table_lookup_extended (block->leaf_index_by_id, &criterion_id, NULL, &leaf_index))
        continue;
      marks[(gsize) GPOINTER_TO_UINT (position) * stride + GPOINTER_TO_UINT (leaf_index)] |=
        kind == ROW_NOT_APPLICABLE ? MARK_NOT_APPLICABLE : MARK_GIVEN;
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;

  for (guint i = 0; i < units->len; i++)
    {
      ParYearUnit *unit = g_ptr_array_index (units, i);
      ParCriteriaSet *set = ((ParYearBlock *) g_ptr_array_index (context->blocks, unit->block))->set;
      ParUnitCompleteness *completeness = g_new0 (ParUnitCompleteness, 1);
      const guint8 *unit_marks = marks + (gsize) i * stride;
      guint n_scored_by_unit = 0;

      completeness->unit_code = g_strdup (unit->code);
      for (guint l = 0; l < set->leaves->len; l++)
        {
          const ParCriterion *leaf = g_ptr_array_index (set->leaves, l);

          if (leaf->rule.kind != PAR_RULE_SURVEY)
            n_scored_by_unit++;
          if (leaf->evidence == NULL || (unit_marks[l] & MARK_NOT_APPLICABLE) != 0)
            continue;
          completeness->n_expected++;
          if ((unit_marks[l] & MARK_GIVEN) != 0)
            completeness->n_given++;
        }
      /* Survey leaves take no self entry: the count is of the others. */
      completeness->n_unscored = n_scored_by_unit > self_entries[i]
                                 ? n_scored_by_unit - self_entries[i] : 0;
      g_ptr_array_add (list, completeness);
    }
  return g_steal_pointer (&list);
}

/**
 * par_workspace_list_completeness:
 * @self: a #ParWorkspace
 * @year: the year
 * @error: return location for a #GError
 *
 * How complete every unit's self-assessment is, read in one query: the
 * sub-criteria whose set names the evidence expected (those marked not
 * applicable aside) and how many of them have a document or an
 * explanation, and the sub-criteria without a self entry — as "Send for
 * appraisal…" counts them for one unit.
 *
 * Returns: (transfer full) (element-type ParUnitCompleteness): one per
 *   unit, by code
 */
GPtrArray *
par_workspace_list_completeness (ParWorkspace  *self,
                                 int            year,
                                 GError       **error)
{
  ParYearContext *context;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);

  if (!(context = _par_workspace_get_year (self, year, error)))
    return NULL;
  return count_completeness (self, context, context->units, error);
}

/**
 * par_workspace_get_completeness:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @error: return location for a #GError
 *
 * One unit's completeness, as par_workspace_list_completeness() gives it
 * for every unit.
 *
 * Returns: (transfer full) (nullable): the unit's completeness
 */
ParUnitCompleteness *
par_workspace_get_completeness (ParWorkspace  *self,
                                int            year,
                                const char    *unit_code,
                                GError       **error)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  g_autoptr(GPtrArray) list = NULL;
  ParCycleUnit unit;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  if (!_par_cycle_lookup_unit (self, year, unit_code, &unit, error))
    return NULL;
  g_ptr_array_add (units, unit.unit);
  if (!(list = count_completeness (self, unit.context, units, error)))
    return NULL;
  return g_steal_pointer (&list->pdata[0]);
}

/**
 * par_workspace_read_overview:
 * @self: a #ParWorkspace
 * @year: the year
 * @error: return location for a #GError
 *
 * Every unit's place in the cycle (par_workspace_list_cycle()) and
 * completeness (par_workspace_list_completeness()).
 *
 * Returns: (transfer full) (nullable): the year's overview
 */
ParYearOverview *
par_workspace_read_overview (ParWorkspace  *self,
                             int            year,
                             GError       **error)
{
  g_autoptr(ParYearOverview) overview = g_new0 (ParYearOverview, 1);

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);

  overview->year = year;
  if (!(overview->cycles = par_workspace_list_cycle (self, year, error)) ||
      !(overview->completeness = par_workspace_list_completeness (self, year, error)))
    return NULL;
  return g_steal_pointer (&overview);
}

typedef struct
{
  ParWorker worker;
  int       year;
} OverviewTask;

static void
overview_task_free (gpointer data)
{
  OverviewTask *overview = data;

  _par_worker_clear (&overview->worker);
  g_free (overview);
}

static gpointer
read_overview_work (ParWorkspace  *workspace,
                    gpointer       task_data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  OverviewTask *overview = task_data;

  return par_workspace_read_overview (workspace, overview->year, error);
}

/**
 * par_workspace_read_overview_async:
 * @self: a #ParWorkspace
 * @year: the year
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * par_workspace_read_overview() on a worker thread with a connection of its
 * own: a year of 3,321 units takes a few hundred milliseconds.
 */
void
par_workspace_read_overview_async (ParWorkspace        *self,
                                   int                  year,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  OverviewTask *overview;

  g_return_if_fail (PAR_IS_WORKSPACE (self));

  /* A connection of its own: the window keeps using its connection. */
  overview = g_new0 (OverviewTask, 1);
  overview->year = year;
  _par_worker_start (self, PAR_WORKSPACE_OPEN_READ, NULL, NULL, NULL, overview,
                     overview_task_free, par_workspace_read_overview_async, read_overview_work,
                     (GDestroyNotify) par_year_overview_free, cancellable, callback, user_data);
}

/**
 * par_workspace_read_overview_finish:
 * @self: a #ParWorkspace
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the year's overview
 */
ParYearOverview *
par_workspace_read_overview_finish (ParWorkspace  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
