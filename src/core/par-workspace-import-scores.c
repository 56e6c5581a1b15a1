/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-score-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-csv-header.h"
#include "par-error.h"
#include "par-import-private.h"
#include "par-workspace-import.h"
#include "par-workspace-private.h"

/* Scores CSV (FORMATS.md §3): unit,criterion,stage,value[,note]. */

enum { COL_UNIT, COL_CRITERION, COL_STAGE, COL_VALUE, COL_NOTE, N_COLUMNS };

static gboolean
parse_stage (const char *text,
             ParStage   *out_stage)
{
  if (g_ascii_strcasecmp (text, "self") == 0)
    *out_stage = PAR_STAGE_SELF;
  else if (g_ascii_strcasecmp (text, "appraisal") == 0)
    *out_stage = PAR_STAGE_APPRAISAL;
  else
    return FALSE;
  return TRUE;
}

/* Reads, checks and (unless the run only checks) writes every row: see
 * par_workspace_import_scores_stream() and par_workspace_check_import(). */
gboolean
_par_workspace_import_scores_csv (ParWorkspace  *self,
                                  int            year,
                                  ParCsv        *csv,
                                  ParImportRun  *run,
                                  guint         *out_count,
                                  GError       **error)
{
  ParCsvColumn columns[N_COLUMNS] = {
    [COL_UNIT] = { "unit", TRUE, PAR_TEXT_CODE, -1 },
    [COL_CRITERION] = { "criterion", TRUE, PAR_TEXT_CODE, -1 },
    [COL_STAGE] = { "stage", TRUE, PAR_TEXT_NAME, -1 },
    [COL_VALUE] = { "value", TRUE, PAR_TEXT_NAME, -1 },
    [COL_NOTE] = { "note", FALSE, PAR_TEXT_NOTE, -1 },
  };
  g_autoptr(ParScoreWriter) writer = NULL;
  g_autoptr(ParCsvProblems) problems = par_csv_problems_new ();
  g_autoptr(GError) csv_error = NULL;
  g_autoptr(GError) write_error = NULL;
  GPtrArray *fields;
  ParYearContext *context;
  gboolean decimal_comma;
  guint n_rows = 0;
  guint line;

  if (!(context = _par_workspace_get_year (self, year, error)) ||
      !_par_workspace_check_writable (self, year, error))
    return FALSE;

  decimal_comma = par_csv_get_delimiter (csv) == ';';
  if (!_par_import_run_begin (run, PAR_IMPORT_SCORES, year, csv, columns, N_COLUMNS, error))
    return FALSE;
  /* A check writes too, with the same writer, and rolls back: what it
   * counts as added and changed is what the import will add and change. */
  if (!_par_workspace_begin_bulk_write (self, year, error))
    return FALSE;
  if (!(writer = _par_score_writer_new (self, context, "import", NULL, TRUE, error)))
    {
      _par_workspace_rollback (self);
      return FALSE;
    }

  while (write_error == NULL && _par_import_run_step (run, n_rows, &csv_error) &&
         par_csv_next (csv, &line, &fields, &csv_error))
    {
      char *values[N_COLUMNS];
      g_autofree char *unit_code = NULL;
      g_autofree char *criterion = NULL;
      g_autofree char *stage_text = NULL;
      g_autofree char *value = NULL;
      g_autofree char *note = NULL;
      g_autoptr(GError) value_error = NULL;
      const char *bad_column = NULL;
      ParScoreWrite write = { 0 };
      ParYearBlock *block;
      ParImportLine *preview;

      n_rows++;
      if (!par_csv_read_row (fields, columns, N_COLUMNS, values, &bad_column, &value_error))
        {
          par_csv_add_problem (problems, line, bad_column, "%s", value_error->message);
          continue;
        }
      unit_code = values[COL_UNIT];
      criterion = values[COL_CRITERION];
      stage_text = values[COL_STAGE];
      value = values[COL_VALUE];
      note = values[COL_NOTE];
      preview = _par_import_run_preview (run, line, values, columns, N_COLUMNS);

      write.unit = g_hash_table_lookup (context->units_by_code, unit_code);
      if (write.unit == NULL)
        {
          par_csv_add_problem (problems, line, "unit",
                               _("unit “%s” is not in year %d"), unit_code, year);
          par_csv_set_remedy (problems, PAR_IMPORT_REMEDY_ADD_UNIT);
          continue;
        }

      block = g_ptr_array_index (context->blocks, write.unit->block);
      write.leaf = par_criteria_set_lookup (block->set, criterion);
      if (write.leaf == NULL || write.leaf->children != NULL)
        {
          par_csv_add_problem (problems, line, "criterion",
                               write.leaf == NULL
                               ? _("“%s” is not a criterion of the set of block “%s”")
                               : _("“%s” is a group, not a sub-criterion, in the set of block “%s”"),
                               criterion, block->name);
          continue;
        }

      if (!parse_stage (stage_text, &write.stage))
        {
          par_csv_add_problem (problems, line, "stage",
                               _("the stage “%s” is neither “self” nor “appraisal”"), stage_text);
          continue;
        }

      if (!par_rule_evaluate (write.leaf, write.stage, value, decimal_comma,
                              &write.entry, &value_error))
        {
          par_csv_add_problem (problems, line, "value", "%s, %s: %s",
                               unit_code, criterion, value_error->message);
          continue;
        }
      if (preview != NULL)
        _par_import_line_set_entry (preview, &write.entry);

      /* Once a row is bad nothing will be kept: the rest is only checked
       * (a check goes on writing the good rows, to count them). */
      if (note[0] != '\0')
        write.note = note;
      if (run->check_only || par_csv_problems_get_count (problems) == 0)
        _par_score_writer_write (writer, &write, &write_error);
      par_entry_clear (&write.entry);
    }

  if (run->check_only)
    {
      guint n_added, n_changed;

      _par_score_writer_get_counts (writer, &n_added, &n_changed);
      _par_workspace_rollback (self);
      if (csv_error != NULL || write_error != NULL)
        {
          g_propagate_error (error, csv_error != NULL ? g_steal_pointer (&csv_error)
                                                      : g_steal_pointer (&write_error));
          return FALSE;
        }
      _par_import_run_end (run, n_rows, n_added, n_changed, problems);
      return TRUE;
    }

  if (csv_error != NULL || write_error != NULL ||
      !par_csv_check_problems (problems, error) ||
      !_par_score_writer_finish (writer, NULL, error) ||
      !_par_import_run_step (run, 0, error) ||
      !_par_workspace_commit (self, error))
    {
      _par_workspace_rollback (self);
      if (csv_error != NULL)
        g_propagate_error (error, g_steal_pointer (&csv_error));
      else if (write_error != NULL)
        g_propagate_error (error, g_steal_pointer (&write_error));
      return FALSE;
    }

  if (out_count != NULL)
    *out_count = n_rows;
  return TRUE;
}

/**
 * par_workspace_import_scores_stream:
 * @self: a #ParWorkspace
 * @year: the year
 * @stream: the CSV file, read a piece at a time
 * @out_count: (out) (optional): the number of rows imported
 * @error: return location for a #GError
 *
 * Imports score entries in one transaction, each change with its audit
 * record (the entries created where there were none in one record of
 * their own). A later row for the same unit, criterion and stage replaces
 * an earlier one. Rows are checked and written as they are read, so that
 * a file of any size is imported in bounded memory; a file with any
 * invalid row is refused whole — the transaction is rolled back and the
 * workspace is left exactly as it was — and the message lists every bad
 * row (line, value, why). par_workspace_import() is the same with progress
 * and cancellation, par_workspace_check_import() the same check without
 * writing.
 *
 * Returns: %TRUE when every row was imported
 */
gboolean
par_workspace_import_scores_stream (ParWorkspace  *self,
                                    int            year,
                                    GInputStream  *stream,
                                    guint         *out_count,
                                    GError       **error)
{
  return par_workspace_import (self, PAR_IMPORT_SCORES, year, stream, NULL, NULL, NULL,
                               out_count, error);
}

/**
 * par_workspace_import_scores:
 * @self: a #ParWorkspace
 * @year: the year
 * @data: the CSV file's bytes
 * @length: the length of @data
 * @out_count: (out) (optional): the number of rows imported
 * @error: return location for a #GError
 *
 * par_workspace_import_scores_stream() of bytes in memory.
 *
 * Returns: %TRUE when every row was imported
 */
gboolean
par_workspace_import_scores (ParWorkspace  *self,
                             int            year,
                             const char    *data,
                             gsize          length,
                             guint         *out_count,
                             GError       **error)
{
  return _par_workspace_import_data (self, PAR_IMPORT_SCORES, year, data, length, out_count,
                                     error);
}
