/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-unit-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-csv-header.h"
#include "par-error.h"
#include "par-workspace-private.h"

/* Units CSV (FORMATS.md §2): code,name,block[,kind][,parent]. */

enum { COL_CODE, COL_NAME, COL_BLOCK, COL_KIND, COL_PARENT, N_COLUMNS };

typedef struct
{
  char         *code;
  char         *name;
  char         *kind;
  char         *parent;
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
  g_free (row);
}

static gboolean
unit_exists (ParWorkspace *self,
             const char   *code)
{
  g_autoptr(sqlite3_stmt) stmt = _par_workspace_prepare (self, "SELECT 1 FROM unit WHERE code = ?",
                                                          NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
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
  if (!(context = _par_workspace_get_year (self, year, error)) ||
      !_par_workspace_check_writable (self, year, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      UnitRow *row = g_ptr_array_index (rows, i);
      g_ptr_array_add (units, g_hash_table_lookup (context->units_by_code, row->code));
    }

  return _par_workspace_store_totals (self, context, units, error);
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
 * bad row.
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
  ParCsvColumn columns[N_COLUMNS] = {
    [COL_CODE] = { "code", TRUE, -1 },
    [COL_NAME] = { "name", TRUE, -1 },
    [COL_BLOCK] = { "block", TRUE, -1 },
    [COL_KIND] = { "kind", FALSE, -1 },
    [COL_PARENT] = { "parent", FALSE, -1 },
  };
  g_autoptr(ParCsv) csv = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (unit_row_free);
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GError) csv_error = NULL;
  GPtrArray *fields;
  ParYearContext *context;
  guint n_problems = 0;
  guint line;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!(context = _par_workspace_get_year (self, year, error)))
    return FALSE;

  csv = par_csv_new (data, length);
  if (!par_csv_read_header (csv, columns, N_COLUMNS, error))
    return FALSE;

  while (par_csv_next (csv, &line, &fields, &csv_error))
    {
      UnitRow *row = g_new0 (UnitRow, 1);
      g_autofree char *block_name = par_csv_field (fields, columns[COL_BLOCK].position);
      ParYearUnit *existing;

      row->code = par_csv_field (fields, columns[COL_CODE].position);
      row->name = par_csv_field (fields, columns[COL_NAME].position);
      row->kind = par_csv_field (fields, columns[COL_KIND].position);
      row->parent = par_csv_field (fields, columns[COL_PARENT].position);
      row->block = g_hash_table_lookup (context->blocks_by_name, block_name);
      row->line = line;
      g_ptr_array_add (rows, row);

      if (row->code[0] == '\0')
        {
          par_csv_add_problem (problems, &n_problems, line, _("the unit has no code"));
          continue;
        }
      if (row->name[0] == '\0')
        par_csv_add_problem (problems, &n_problems, line, _("unit “%s” has no name"), row->code);
      if (row->block == NULL)
        par_csv_add_problem (problems, &n_problems, line,
                             _("year %d has no block “%s”; add it with “parindex-cli add-year … --block”"),
                             year, block_name);
      if (!g_hash_table_add (codes, row->code))
        par_csv_add_problem (problems, &n_problems, line,
                             _("unit “%s” is listed twice in the file"), row->code);

      existing = g_hash_table_lookup (context->units_by_code, row->code);
      if (existing != NULL && row->block != NULL &&
          g_ptr_array_index (context->blocks, existing->block) != row->block &&
          has_scores (self, year, existing))
        par_csv_add_problem (problems, &n_problems, line,
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
        par_csv_add_problem (problems, &n_problems, row->line,
                             _("unit “%s” cannot be its own parent"), row->code);
      else if (!g_hash_table_contains (codes, row->parent) && !unit_exists (self, row->parent))
        par_csv_add_problem (problems, &n_problems, row->line,
                             _("the parent “%s” of unit “%s” is not a unit"), row->parent, row->code);
    }

  if (!par_csv_check_problems (problems, n_problems, error))
    return FALSE;

  if (rows->len == 0)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("the file lists no units"));
      return FALSE;
    }

  if (!_par_workspace_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!write_units (self, year, rows, error) || !store_totals (self, year, rows, error) ||
      !_par_workspace_exec (self, "COMMIT", error))
    {
      sqlite3_exec (_par_workspace_get_db (self), "ROLLBACK", NULL, NULL, NULL);
      _par_workspace_forget_year (self, year);
      return FALSE;
    }

  _par_workspace_emit_changed (self, year);

  if (out_count != NULL)
    *out_count = rows->len;
  return TRUE;
}
