/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-score-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-csv-header.h"
#include "par-error.h"
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

static void
clear_write (gpointer data)
{
  ParScoreWrite *write = data;

  par_entry_clear (&write->entry);
  g_free (write->note);
}

/* Where a (unit, leaf, stage) sits in a dense table of the year's slots. */
static gsize
slot_of (const ParYearContext *context,
         const ParScoreWrite  *write)
{
  return ((gsize) write->unit->position * context->max_leaves + write->leaf->leaf_index)
         * PAR_N_STAGES + write->stage;
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
 * Imports score entries in one transaction, each with its audit record. A
 * later row for the same unit, criterion and stage replaces an earlier one.
 * A file with any invalid row is refused whole and the workspace is left
 * exactly as it was; the message lists every bad row (line, value, why).
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
  ParCsvColumn columns[N_COLUMNS] = {
    [COL_UNIT] = { "unit", TRUE, -1 },
    [COL_CRITERION] = { "criterion", TRUE, -1 },
    [COL_STAGE] = { "stage", TRUE, -1 },
    [COL_VALUE] = { "value", TRUE, -1 },
    [COL_NOTE] = { "note", FALSE, -1 },
  };
  g_autoptr(ParCsv) csv = NULL;
  g_autoptr(GArray) writes = g_array_new (FALSE, TRUE, sizeof (ParScoreWrite));
  g_autofree guint *slots = NULL;   /* 1 + position in writes, 0 when free */
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GError) csv_error = NULL;
  GPtrArray *fields;
  ParYearContext *context;
  gboolean decimal_comma;
  guint n_problems = 0;
  guint n_rows = 0;
  guint line;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  g_array_set_clear_func (writes, clear_write);

  if (!(context = _par_workspace_get_year (self, year, error)) ||
      !_par_workspace_check_writable (self, year, error))
    return FALSE;

  slots = g_new0 (guint, (gsize) MAX (context->units->len, 1) * context->max_leaves * PAR_N_STAGES);
  csv = par_csv_new (data, length);
  decimal_comma = par_csv_get_delimiter (csv) == ';';
  if (!par_csv_read_header (csv, columns, N_COLUMNS, error))
    return FALSE;

  while (par_csv_next (csv, &line, &fields, &csv_error))
    {
      g_autofree char *unit_code = par_csv_field (fields, columns[COL_UNIT].position);
      g_autofree char *criterion = par_csv_field (fields, columns[COL_CRITERION].position);
      g_autofree char *stage_text = par_csv_field (fields, columns[COL_STAGE].position);
      g_autofree char *value = par_csv_field (fields, columns[COL_VALUE].position);
      g_autoptr(GError) value_error = NULL;
      ParScoreWrite write = { 0 };
      ParYearBlock *block;
      gsize slot;

      n_rows++;
      write.unit = g_hash_table_lookup (context->units_by_code, unit_code);
      if (write.unit == NULL)
        {
          par_csv_add_problem (problems, &n_problems, line,
                               _("unit “%s” is not in year %d; add it with “parindex-cli add-units”"),
                               unit_code, year);
          continue;
        }

      block = g_ptr_array_index (context->blocks, write.unit->block);
      write.leaf = par_criteria_set_lookup (block->set, criterion);
      if (write.leaf == NULL || write.leaf->children != NULL)
        {
          par_csv_add_problem (problems, &n_problems, line,
                               write.leaf == NULL
                               ? _("“%s” is not a criterion of the set of block “%s”")
                               : _("“%s” is a group, not a sub-criterion, in the set of block “%s”"),
                               criterion, block->name);
          continue;
        }

      if (!parse_stage (stage_text, &write.stage))
        {
          par_csv_add_problem (problems, &n_problems, line,
                               _("the stage “%s” is neither “self” nor “appraisal”"), stage_text);
          continue;
        }

      if (!par_rule_evaluate (write.leaf, write.stage, value, decimal_comma,
                              &write.entry, &value_error))
        {
          par_csv_add_problem (problems, &n_problems, line, "%s, %s: %s",
                               unit_code, criterion, value_error->message);
          continue;
        }

      write.note = par_csv_field (fields, columns[COL_NOTE].position);
      if (write.note[0] == '\0')
        g_clear_pointer (&write.note, g_free);

      slot = slot_of (context, &write);
      if (slots[slot] != 0)
        {
          ParScoreWrite *replaced = &g_array_index (writes, ParScoreWrite, slots[slot] - 1);
          clear_write (replaced);
          *replaced = write;
        }
      else
        {
          g_array_append_val (writes, write);
          slots[slot] = writes->len;
        }
    }
  if (csv_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&csv_error));
      return FALSE;
    }

  if (!par_csv_check_problems (problems, n_problems, error))
    return FALSE;

  if (!_par_workspace_write_scores (self, context, (ParScoreWrite *) writes->data, writes->len,
                                    "import", error))
    return FALSE;

  _par_workspace_emit_changed (self, year);

  if (out_count != NULL)
    *out_count = n_rows;
  return TRUE;
}
