/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-annex-document"

#include "config.h"

#include "par-annex-document.h"

#include "par-decimal.h"

static void
cell_clear (gpointer data)
{
  ParAnnexCell *cell = data;

  g_clear_pointer (&cell->text, g_free);
  g_clear_pointer (&cell->formula, g_free);
}

void
par_annex_sheet_free (ParAnnexSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->name);
  g_free (sheet->widths);
  g_array_unref (sheet->heights);
  g_array_unref (sheet->cells);
  g_array_unref (sheet->page_breaks);
  g_free (sheet);
}

ParAnnexDocument *
par_annex_document_new (void)
{
  ParAnnexDocument *self = g_new0 (ParAnnexDocument, 1);

  self->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) par_annex_sheet_free);
  return self;
}

void
par_annex_document_free (ParAnnexDocument *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->sheets);
  if (self->make_data_free != NULL)
    self->make_data_free (self->make_data);
  g_free (self->title);
  g_free (self->subject);
  g_free (self->author);
  g_free (self->fingerprint);
  g_free (self);
}

/**
 * par_annex_document_add_sheet:
 * @self: a document
 * @name: the sheet's name, already valid for Excel
 * @n_columns: the number of columns
 *
 * Returns: (transfer none): the new, empty sheet, portrait, no header
 *   rows repeated
 */
ParAnnexSheet *
par_annex_document_add_sheet (ParAnnexDocument *self,
                              const char       *name,
                              guint             n_columns)
{
  ParAnnexSheet *sheet = par_annex_sheet_new (name, n_columns);

  if (sheet != NULL)
    g_ptr_array_add (self->sheets, sheet);
  return sheet;
}

/**
 * par_annex_sheet_new:
 * @name: the sheet's name
 * @n_columns: its number of columns
 *
 * Returns: (transfer full): an empty sheet, belonging to no document
 */
ParAnnexSheet *
par_annex_sheet_new (const char *name,
                     guint       n_columns)
{
  ParAnnexSheet *sheet;

  g_return_val_if_fail (n_columns > 0, NULL);

  sheet = g_new0 (ParAnnexSheet, 1);
  sheet->name = g_strdup (name);
  sheet->n_columns = n_columns;
  sheet->widths = g_new0 (double, n_columns);
  sheet->heights = g_array_new (FALSE, TRUE, sizeof (double));
  sheet->cells = g_array_new (FALSE, TRUE, sizeof (ParAnnexCell));
  g_array_set_clear_func (sheet->cells, cell_clear);
  sheet->page_breaks = g_array_new (FALSE, FALSE, sizeof (guint));
  return sheet;
}

/**
 * par_annex_document_set_maker:
 * @self: a #ParAnnexDocument
 * @n_made: how many sheets follow the document's own, made on demand
 * @make_sheet: makes one of them
 * @data: (transfer full): the maker's data
 * @data_free: (nullable): frees @data with the document
 *
 * Lets the document have more sheets than it holds: the writers make each
 * when they come to it and free it once written.
 */
void
par_annex_document_set_maker (ParAnnexDocument  *self,
                              guint              n_made,
                              ParAnnexSheetFunc  make_sheet,
                              gpointer           data,
                              GDestroyNotify     data_free)
{
  g_return_if_fail (self->make_sheet == NULL);

  self->n_made = n_made;
  self->make_sheet = make_sheet;
  self->make_data = data;
  self->make_data_free = data_free;
}

/**
 * par_annex_document_get_n_sheets:
 * @self: a #ParAnnexDocument
 *
 * Returns: its sheets, those it holds and those made on demand
 */
guint
par_annex_document_get_n_sheets (ParAnnexDocument *self)
{
  return self->sheets->len + self->n_made;
}

/**
 * par_annex_document_get_sheet:
 * @self: a #ParAnnexDocument
 * @index: a sheet, from 0 to par_annex_document_get_n_sheets()
 * @out_made: (out) (transfer full): the sheet when it was made for the
 *   call (free it after use), else %NULL
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the sheet, %NULL when it could not
 *   be made
 */
const ParAnnexSheet *
par_annex_document_get_sheet (ParAnnexDocument  *self,
                              guint              index,
                              ParAnnexSheet    **out_made,
                              GError           **error)
{
  g_return_val_if_fail (index < par_annex_document_get_n_sheets (self), NULL);

  *out_made = NULL;
  if (index < self->sheets->len)
    return g_ptr_array_index (self->sheets, index);
  *out_made = self->make_sheet (self->make_data, index - self->sheets->len, error);
  return *out_made;
}

/**
 * par_annex_sheet_add_cell:
 * @self: a sheet
 * @row: the first row
 * @col: the first column
 * @last_row: the last row of a merged range, or @row
 * @last_col: the last column of a merged range, or @col
 * @kind: what the cell holds; the caller fills its text or value
 * @style: the cell's style
 *
 * Returns: (transfer none): the new cell, valid until the next cell is
 *   added
 */
ParAnnexCell *
par_annex_sheet_add_cell (ParAnnexSheet       *self,
                          guint                row,
                          guint                col,
                          guint                last_row,
                          guint                last_col,
                          ParAnnexCellKind     kind,
                          const ParAnnexStyle *style)
{
  ParAnnexCell cell = {
    .row = row, .col = col, .last_row = MAX (row, last_row), .last_col = MAX (col, last_col),
    .kind = kind, .style = *style,
  };

  g_return_val_if_fail (cell.last_col < self->n_columns, NULL);

  g_array_append_val (self->cells, cell);
  self->n_rows = MAX (self->n_rows, cell.last_row + 1);
  return &g_array_index (self->cells, ParAnnexCell, self->cells->len - 1);
}

void
par_annex_sheet_set_height (ParAnnexSheet *self,
                            guint          row,
                            double         points)
{
  if (row >= self->heights->len)
    g_array_set_size (self->heights, row + 1);
  g_array_index (self->heights, double, row) = points;
  self->n_rows = MAX (self->n_rows, row + 1);
}

/* The height of @row in points: as set, or the default. */
double
par_annex_sheet_get_height (const ParAnnexSheet *self,
                            guint                row)
{
  double height = row < self->heights->len ? g_array_index (self->heights, double, row) : 0;

  return height > 0 ? height : PAR_ANNEX_DEFAULT_HEIGHT;
}

/**
 * par_annex_column_points:
 * @units: a column width in Excel's units (the width of "0" in the
 *   default Calibri 11, 7 pixels, plus 5 pixels of padding)
 *
 * Returns: the usable width in points of the column, less a margin for a
 *   font that sets a little wider than measured
 */
double
par_annex_column_points (double units)
{
  return ((units * 7.0 + 5.0) - 8.0) * 72.0 / 96.0 / 1.04;
}

/**
 * par_annex_cell_format:
 * @cell: a cell
 * @decimal_separator: '.' or ','
 *
 * The text a spreadsheet shows for @cell under its number format: "85,82"
 * or "85,825" for points, "85,80" for an index, "+2" for a rank change.
 *
 * Returns: (transfer full): the text; empty for a blank cell
 */
char *
par_annex_cell_format (const ParAnnexCell *cell,
                       char                decimal_separator)
{
  gint64 value = cell->value;
  gint64 centi;
  const char *sign = "";
  g_autofree char *digits = NULL;

  switch (cell->kind)
    {
    case PAR_ANNEX_CELL_BLANK:
      return g_strdup ("");
    case PAR_ANNEX_CELL_TEXT:
      return g_strdup (cell->text != NULL ? cell->text : "");
    case PAR_ANNEX_CELL_NUMBER:
      break;
    default:
      g_assert_not_reached ();
    }

  /* The value in hundredths and in thousandths, exact where it can be. */
  switch (cell->decimals)
    {
    case 0: centi = value * 100; break;
    case 1: centi = value * 10; break;
    case 2: centi = value; break;
    default:
      {
        gint64 scale = 1;

        for (guint d = 2; d < cell->decimals; d++)
          scale *= 10;
        centi = par_div_round_half_up (value, scale);
      }
    }

  if (cell->style.format == PAR_ANNEX_FORMAT_INDEX_CHANGE ||
      cell->style.format == PAR_ANNEX_FORMAT_RANK_CHANGE)
    {
      sign = centi > 0 ? "+" : centi < 0 ? "-" : "";
      centi = ABS (centi);
    }

  switch (cell->style.format)
    {
    case PAR_ANNEX_FORMAT_POINTS:
      if (cell->decimals == 3 && value % 10 != 0)
        return par_milli_to_string (value, decimal_separator);
      return par_centi_to_string (centi, decimal_separator, TRUE);
    case PAR_ANNEX_FORMAT_INDEX:
      return par_centi_to_string (centi, decimal_separator, TRUE);
    case PAR_ANNEX_FORMAT_INDEX_CHANGE:
      digits = par_centi_to_string (centi, decimal_separator, TRUE);
      return g_strconcat (sign, digits, NULL);
    case PAR_ANNEX_FORMAT_INTEGER:
    case PAR_ANNEX_FORMAT_RANK_CHANGE:
      return g_strdup_printf ("%s%" G_GINT64_FORMAT, sign, par_div_round_half_up (centi, 100));
    case PAR_ANNEX_FORMAT_NONE:
    default:
      if (cell->decimals == 3)
        return par_milli_to_string (value, decimal_separator);
      if (cell->decimals == 2)
        return par_centi_to_string (value, decimal_separator, FALSE);
      return g_strdup_printf ("%" G_GINT64_FORMAT, value);
    }
}
