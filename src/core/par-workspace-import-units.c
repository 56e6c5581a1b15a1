/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-unit-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-csv-header.h"
#include "par-error.h"
#include "par-import-private.h"
#include "par-workspace-import.h"
#include "par-workspace-private.h"

/* Units CSV (FORMATS.md §2): code,name,block[,kind][,parent], and the
 * optional `predecessors` column of lineage (par-lineage.c). */

enum { COL_CODE, COL_NAME, COL_BLOCK, COL_KIND, COL_PARENT, COL_PREDECESSORS, N_COLUMNS };

typedef struct
{
  char         *code;
  char         *name;
  char         *kind;
  char         *parent;
  char         *old_name;   /* the unit's name before, when it exists */
  GPtrArray    *predecessors;  /* ParPredecessor; NULL keeps the stored ones */
  ParYearBlock *block;
  guint         line;
} UnitRow;

static void
unit_row_free (gpointer data)
{
  UnitRow *row = data;

  g_free (row->code);
  g_free (row->name);
  g_free (row->kind);
  g_free (row->parent);
  g_free (row->old_name);
  g_clear_pointer (&row->predecessors, g_ptr_array_unref);
  g_free (row);
}

static gboolean
has_scores (ParWorkspace *self,
            int           year,
            ParYearUnit  *unit)
{
  g_autoptr(sqlite3_stmt) stmt =
    _par_workspace_prepare (self, "SELECT 1 FROM score WHERE year = ? AND unit_id = ? LIMIT 1",
                            NULL);

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, unit->id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Each unit's parent once the file is imported: the workspace's, replaced
 * by the file's where a row names one (an empty parent keeps the old). */
static GHashTable *
parents_after_import (ParWorkspace  *self,
                      GPtrArray     *rows)
{
  g_autoptr(sqlite3_stmt) stmt =
    _par_workspace_prepare (self,
                            "SELECT code, parent_code FROM unit WHERE parent_code IS NOT NULL",
                            NULL);
  GHashTable *parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (parents, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));

  for (guint i = 0; i < rows->len; i++)
    {
      UnitRow *row = g_ptr_array_index (rows, i);
      if (row->parent[0] != '\0')
        g_hash_table_insert (parents, g_strdup (row->code), g_strdup (row->parent));
    }
  return parents;
}

/* Finds every circle of parents (A → B → A) that a row of the file is part
 * of or leads into. Each unit is walked once: linear in the number of units. */
static void
check_parent_cycles (ParWorkspace   *self,
                     GPtrArray      *rows,
                     ParCsvProblems *problems)
{
  enum { VISITING = 1, DONE = 2 };
  g_autoptr(GHashTable) parents = parents_after_import (self, rows);
  g_autoptr(GHashTable) state = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) path = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      UnitRow *row = g_ptr_array_index (rows, i);
      const char *code = row->code;

      g_ptr_array_set_size (path, 0);
      while (code != NULL && g_hash_table_lookup (state, code) == NULL)
        {
          const char *parent = g_hash_table_lookup (parents, code);

          g_hash_table_insert (state, (gpointer) code, GINT_TO_POINTER (VISITING));
          g_ptr_array_add (path, (gpointer) code);
          /* A unit that is its own parent has its own message. */
          code = parent != NULL && !g_str_equal (parent, code) ? parent : NULL;
        }

      if (code != NULL && GPOINTER_TO_INT (g_hash_table_lookup (state, code)) == VISITING)
        {
          g_autoptr(GString) circle = g_string_new (NULL);
          guint start = 0;

          while (!g_str_equal (g_ptr_array_index (path, start), code))
            start++;
          for (guint j = start; j < path->len; j++)
            g_string_append_printf (circle, "%s → ", (const char *) g_ptr_array_index (path, j));
          g_string_append (circle, code);
          par_csv_add_problem (problems, row->line, "parent",
                               _("the parents of unit “%s” go round in a circle (%s); a unit "
                                 "cannot be above itself"), code, circle->str);
        }

      for (guint j = 0; j < path->len; j++)
        g_hash_table_insert (state, g_ptr_array_index (path, j), GINT_TO_POINTER (DONE));
    }
}

static gboolean
write_units (ParWorkspace  *self,
             int            year,
             GPtrArray     *rows,
             GError       **error)
{
  g_autoptr(sqlite3_stmt) upsert_unit = NULL;
  g_autoptr(sqlite3_stmt) upsert_year_unit = NULL;

  upsert_unit = _par_workspace_prepare (self,
                                        "INSERT INTO unit (code, name, kind, parent_code)"
                                        " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (code) DO UPDATE"
                                        " SET name = ?2, kind = coalesce (?3, kind),"
                                        " parent_code = coalesce (?4, parent_code)", error);
  /* An upsert, not INSERT OR REPLACE: replacing deletes the row first, and
   * the delete cascades to the unit's evidence links. */
  upsert_year_unit = _par_workspace_prepare (self,
                                             "INSERT INTO year_unit (year, unit_id, block_id)"
                                             " VALUES (?, (SELECT id FROM unit WHERE code = ?), ?)"
                                             " ON CONFLICT (year, unit_id)"
                                             " DO UPDATE SET block_id = excluded.block_id",
                                             error);
  if (upsert_unit == NULL || upsert_year_unit == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      UnitRow *row = g_ptr_array_index (rows, i);

      sqlite3_reset (upsert_unit);
      sqlite3_bind_text (upsert_unit, 1, row->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert_unit, 2, row->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert_unit, 3, row->kind[0] ? row->kind : NULL, -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert_unit, 4, row->parent[0] ? row->parent : NULL, -1, SQLITE_STATIC);
      if (sqlite3_step (upsert_unit) != SQLITE_DONE)
        return _par_workspace_set_io_error (self, error);

      sqlite3_reset (upsert_year_unit);
      sqlite3_bind_int (upsert_year_unit, 1, year);
      sqlite3_bind_text (upsert_year_unit, 2, row->code, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (upsert_year_unit, 3, row->block->id);
      if (sqlite3_step (upsert_year_unit) != SQLITE_DONE)
        return _par_workspace_set_io_error (self, error);
    }

  return TRUE;
}

/* A unit added or moved to another block gets its totals (its block's
 * maximum, no points) at once, so a year's results never miss a unit. */
static gboolean
store_totals (ParWorkspace  *self,
              int            year,
              GPtrArray     *rows,
              GError       **error)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  ParYearContext *context;

  _par_workspace_forget_year (self, year);
  if (!(context = _par_workspace_get_year (self, year, error)))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      UnitRow *row = g_ptr_array_index (rows, i);
      g_ptr_array_add (units, g_hash_table_lookup (context->units_by_code, row->code));
    }

  return _par_workspace_store_totals (self, context, units, error);
}

/* The predecessors named by the file, with their own records. */
static gboolean
store_lineage (ParWorkspace  *self,
               int            year,
               GPtrArray     *rows,
               GError       **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      UnitRow *row = g_ptr_array_index (rows, i);

      if (row->predecessors != NULL &&
          !_par_workspace_store_lineage (self, year, row->code, row->predecessors, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GHashTable     *lines;     /* code → line */
  ParCsvProblems *problems;
} LineageProblems;

static void
report_lineage (const char *unit_code,
                const char *message,
                gpointer    data)
{
  LineageProblems *problems = data;

  par_csv_add_problem (problems->problems,
                       GPOINTER_TO_UINT (g_hash_table_lookup (problems->lines, unit_code)),
                       "predecessors", "%s", message);
}

/* Every predecessor a unit, and no unit coming from itself. */
static void
check_lineage (ParWorkspace  *self,
               int            year,
               GPtrArray     *rows,
               GHashTable     *codes,
               ParCsvProblems *problems)
{
  g_autoptr(GHashTable) proposed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) lines = g_hash_table_new (g_str_hash, g_str_equal);
  LineageProblems report = { lines, problems };

  for (guint i = 0; i < rows->len; i++)
    {
      UnitRow *row = g_ptr_array_index (rows, i);

      if (row->predecessors == NULL || row->predecessors->len == 0)
        continue;
      g_hash_table_insert (proposed, row->code, row->predecessors);
      g_hash_table_insert (lines, row->code, GUINT_TO_POINTER (row->line));
    }
  if (g_hash_table_size (proposed) > 0)
    _par_workspace_check_lineage (self, year, proposed, codes, report_lineage, &report);
}

/* One record per unit the file adds or changes. */
static gboolean
audit_units (ParWorkspace  *self,
             int            year,
             GPtrArray     *rows,
             GError       **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      UnitRow *row = g_ptr_array_index (rows, i);
      ParAuditRecord record = { year, row->code, "", -1, row->old_name, row->name, NULL, NULL,
                                "import-units", row->block->name };

      if (!_par_workspace_audit (self, &record, error))
        return FALSE;
    }
  return TRUE;
}

/* Reads and checks every row, then (unless the run only checks) writes
 * them all: see par_workspace_import_units() and
 * par_workspace_check_import(). */
gboolean
_par_workspace_import_units_csv (ParWorkspace  *self,
                                 int            year,
                                 ParCsv        *csv,
                                 ParImportRun  *run,
                                 guint         *out_count,
                                 GError       **error)
{
  ParCsvColumn columns[N_COLUMNS] = {
    [COL_CODE] = { "code", TRUE, PAR_TEXT_CODE, -1 },
    [COL_NAME] = { "name", TRUE, PAR_TEXT_NAME, -1 },
    [COL_BLOCK] = { "block", TRUE, PAR_TEXT_NAME, -1 },
    [COL_KIND] = { "kind", FALSE, PAR_TEXT_NAME, -1 },
    [COL_PARENT] = { "parent", FALSE, PAR_TEXT_CODE, -1 },
    /* Up to 64 codes: longer than a name may be. */
    [COL_PREDECESSORS] = { "predecessors", FALSE, PAR_TEXT_NOTE, -1 },
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (unit_row_free);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(ParCsvProblems) problems = par_csv_problems_new ();
  g_autoptr(GError) csv_error = NULL;
  GPtrArray *fields;
  ParYearContext *context;
  guint n_rows = 0;
  guint n_added = 0;
  guint n_updated = 0;
  guint line;

  if (!(context = _par_workspace_get_year (self, year, error)) ||
      !_par_workspace_check_writable (self, year, error))
    return FALSE;

  if (!_par_import_run_begin (run, PAR_IMPORT_UNITS, year, csv, columns, N_COLUMNS, error))
    return FALSE;

  while (_par_import_run_step (run, n_rows, &csv_error) &&
         par_csv_next (csv, &line, &fields, &csv_error))
    {
      char *values[N_COLUMNS];
      g_autoptr(GError) row_error = NULL;
      const char *bad_column = NULL;
      g_autofree char *block_name = NULL;
      UnitRow *row;
      ParYearUnit *existing;

      n_rows++;
      if (!par_csv_read_row (fields, columns, N_COLUMNS, values, &bad_column, &row_error))
        {
          par_csv_add_problem (problems, line, bad_column, "%s", row_error->message);
          continue;
        }
      _par_import_run_preview (run, line, values, columns, N_COLUMNS);

      row = g_new0 (UnitRow, 1);
      row->code = values[COL_CODE];
      row->name = values[COL_NAME];
      block_name = values[COL_BLOCK];
      row->kind = values[COL_KIND];
      row->parent = values[COL_PARENT];
      row->block = g_hash_table_lookup (context->blocks_by_name, block_name);
      row->line = line;
      g_ptr_array_add (rows, row);
      {
        g_autofree char *lineage = values[COL_PREDECESSORS];
        g_autoptr(GError) lineage_error = NULL;

        /* An empty field keeps the predecessors stored before. */
        if (lineage[0] != '\0' && row->code[0] != '\0' &&
            !(row->predecessors = par_predecessors_parse (lineage, row->code, &lineage_error)))
          par_csv_add_problem (problems, line, "predecessors", "%s", lineage_error->message);
      }

      if (row->code[0] == '\0')
        {
          par_csv_add_problem (problems, line, "code", _("the unit has no code"));
          continue;
        }
      if (row->name[0] == '\0')
        par_csv_add_problem (problems, line, "name", _("unit “%s” has no name"), row->code);
      if (row->block == NULL)
        par_csv_add_problem (problems, line, "block",
                             _("year %d has no block “%s”; add it with “parindex-cli add-year … --block”"),
                             year, block_name);
      if (!g_hash_table_add (codes, row->code))
        par_csv_add_problem (problems, line, "code",
                             _("unit “%s” is listed twice in the file"), row->code);

      existing = g_hash_table_lookup (context->units_by_code, row->code);
      if (existing != NULL)
        row->old_name = g_strdup (existing->name);
      if (existing != NULL)
        n_updated++;
      else
        n_added++;
      if (existing != NULL && row->block != NULL &&
          g_ptr_array_index (context->blocks, existing->block) != row->block &&
          has_scores (self, year, existing))
        par_csv_add_problem (problems, line, "block",
                             _("unit “%s” already has scores in block “%s” this year and cannot move to “%s”"),
                             row->code,
                             ((ParYearBlock *) g_ptr_array_index (context->blocks, existing->block))->name,
                             row->block->name);
    }
  if (csv_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&csv_error));
      return FALSE;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      UnitRow *row = g_ptr_array_index (rows, i);

      if (row->parent[0] == '\0')
        continue;
      if (g_str_equal (row->parent, row->code))
        par_csv_add_problem (problems, row->line, "parent",
                             _("unit “%s” cannot be its own parent"), row->code);
      else if (!g_hash_table_contains (codes, row->parent) && !_par_workspace_has_unit (self, row->parent))
        par_csv_add_problem (problems, row->line, "parent",
                             _("the parent “%s” of unit “%s” is not a unit"), row->parent, row->code);
    }

  if (par_csv_problems_get_count (problems) == 0)
    {
      check_parent_cycles (self, rows, problems);
      check_lineage (self, year, rows, codes, problems);
    }

  if (run->check_only)
    {
      _par_import_run_end (run, n_rows, n_added, n_updated, problems);
      return TRUE;
    }

  if (!par_csv_check_problems (problems, error))
    return FALSE;

  if (rows->len == 0)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("the file lists no units"));
      return FALSE;
    }

  if (!_par_workspace_begin_write (self, year, error))
    return FALSE;
  /* store_totals() reloads the year: the rows' blocks are used before. */
  if (!write_units (self, year, rows, error) || !audit_units (self, year, rows, error) ||
      !store_lineage (self, year, rows, error) || !store_totals (self, year, rows, error) ||
      !_par_import_run_step (run, 0, error) ||
      !_par_workspace_commit (self, error))
    {
      _par_workspace_rollback (self);
      _par_workspace_forget_year (self, year);
      return FALSE;
    }

  if (out_count != NULL)
    *out_count = rows->len;
  return TRUE;
}

/**
 * par_workspace_import_units:
 * @self: a #ParWorkspace
 * @year: the year the units are assessed in
 * @data: the CSV file's bytes
 * @length: the length of @data
 * @out_count: (out) (optional): the number of units imported
 * @error: return location for a #GError
 *
 * Adds units to @year, or updates their name, kind, parent and block.
 * A file with any invalid row is refused whole; the message lists every
 * bad row. par_workspace_import() is the same from a stream, with
 * progress and cancellation; par_workspace_check_import() the same check
 * without writing.
 *
 * Returns: %TRUE when every row was imported
 */
gboolean
par_workspace_import_units (ParWorkspace  *self,
                            int            year,
                            const char    *data,
                            gsize          length,
                            guint         *out_count,
                            GError       **error)
{
  return _par_workspace_import_data (self, PAR_IMPORT_UNITS, year, data, length, out_count,
                                     error);
}
