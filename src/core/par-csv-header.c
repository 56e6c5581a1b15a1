/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-csv-header"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-csv-header.h"
#include "par-error.h"
#include "par-import-line.h"
#include "par-limits.h"

/* What the units and scores imports share: finding named columns in the
 * header line, reading a trimmed NFC field, and collecting every bad row
 * into one message. */

/**
 * par_csv_read_header:
 * @csv: a reader on its first line
 * @columns: (array length=n_columns): the columns to find
 * @n_columns: the number of @columns
 * @ignored: (nullable) (element-type utf8): receives the header's names
 *   that are none of @columns (what the file has beyond the format)
 * @error: return location for a #GError
 *
 * Reads the header and finds each column by name (case and surrounding
 * space ignored).
 *
 * Returns: %TRUE when every required column is present
 */
gboolean
par_csv_read_header (ParCsv        *csv,
                     ParCsvColumn  *columns,
                     guint          n_columns,
                     GPtrArray     *ignored,
                     GError       **error)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  GPtrArray *fields = NULL;
  guint line;

  if (!par_csv_next (csv, &line, &fields, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("the file is empty"));
      return FALSE;
    }

  for (guint c = 0; c < n_columns; c++)
    {
      columns[c].position = -1;
      for (guint i = 0; i < fields->len; i++)
        {
          g_autofree char *name = g_strstrip (g_ascii_strdown (g_ptr_array_index (fields, i), -1));
          if (!g_str_equal (name, columns[c].name))
            continue;
          /* Which of two would be read is a guess: the file says neither. */
          if (columns[c].position >= 0)
            {
              g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("line 1: the header has the column “%s” twice (columns %d and %u); "
                             "keep one"), columns[c].name, columns[c].position + 1, i + 1);
              return FALSE;
            }
          columns[c].position = i;
        }
      if (columns[c].position < 0 && columns[c].required)
        g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "", columns[c].name);
    }

  if (missing->len > 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("line 1: the header lacks the column(s) %s"), missing->str);
      return FALSE;
    }

  for (guint i = 0; ignored != NULL && i < fields->len; i++)
    {
      gboolean known = FALSE;

      for (guint c = 0; c < n_columns && !known; c++)
        known = columns[c].position == (int) i;
      if (!known)
        g_ptr_array_add (ignored, g_strstrip (g_strdup (g_ptr_array_index (fields, i))));
    }
  return TRUE;
}

/**
 * par_csv_field:
 * @fields: a record's fields
 * @column: a column found by par_csv_read_header()
 * @error: return location for a #GError
 *
 * Takes one field out of a record (it reads as %NULL there afterwards),
 * checked against the limits of the column's kind (par_text_clean_take()).
 * A column the header lacks reads as "".
 *
 * Returns: (transfer full) (nullable): the field, trimmed and
 *   NFC-normalised; %NULL with @error set when the record ends before the
 *   column (a row missing its last fields is refused, never read as empty
 *   fields: an empty value clears an entry) or the text breaks a limit
 */
char *
par_csv_field (GPtrArray           *fields,
               const ParCsvColumn  *column,
               GError             **error)
{
  g_autoptr(GError) text_error = NULL;
  char *text;
  char *clean;

  if (column->position < 0)
    return g_strdup ("");

  if ((guint) column->position >= fields->len)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the row has %u fields and no “%s” column; an empty field still needs its "
                     "separator"), fields->len, column->name);
      return NULL;
    }

  /* The field is taken from the record: read once, never copied. */
  text = g_steal_pointer (&g_ptr_array_index (fields, column->position));
  clean = par_text_clean_take (text, column->kind, &text_error);
  if (clean == NULL)
    g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("column “%s”: %s"), column->name,
                 text_error->message);
  return clean;
}

/**
 * par_csv_read_row:
 * @fields: a record's fields, taken out of it as they are read
 * @columns: (array length=n_columns): the columns found by par_csv_read_header()
 * @n_columns: the number of @columns
 * @values: (out caller-allocates) (array length=n_columns): the fields read
 *   with par_csv_field(), one per column, to free with g_free()
 * @out_column: (out) (optional): the name of the first bad field's column
 * @error: return location for a #GError
 *
 * Returns: %TRUE when every field was read; otherwise every value is %NULL
 *   and @error says what was wrong with the first bad field
 */
gboolean
par_csv_read_row (GPtrArray           *fields,
                  const ParCsvColumn  *columns,
                  guint                n_columns,
                  char               **values,
                  const char         **out_column,
                  GError             **error)
{
  for (guint c = 0; c < n_columns; c++)
    {
      values[c] = par_csv_field (fields, &columns[c], error);
      if (values[c] == NULL)
        {
          if (out_column != NULL)
            *out_column = columns[c].name;
          for (guint i = 0; i < c; i++)
            g_clear_pointer (&values[i], g_free);
          return FALSE;
        }
    }
  return TRUE;
}

struct _ParCsvProblems
{
  GPtrArray *listed;    /* ParImportLine */
  guint      count;
};

/**
 * par_csv_problems_new:
 *
 * Returns: (transfer full): an empty list of bad rows
 */
ParCsvProblems *
par_csv_problems_new (void)
{
  ParCsvProblems *problems = g_new0 (ParCsvProblems, 1);

  problems->listed = g_ptr_array_new_with_free_func (g_object_unref);
  return problems;
}

void
par_csv_problems_free (ParCsvProblems *problems)
{
  g_ptr_array_unref (problems->listed);
  g_free (problems);
}

/**
 * par_csv_problems_get_count:
 *
 * Returns: how many bad rows were found, listed or not
 */
guint
par_csv_problems_get_count (ParCsvProblems *problems)
{
  return problems->count;
}

/**
 * par_csv_problems_get_listed:
 *
 * Returns: (transfer none) (element-type ParImportLine): the first
 *   %PAR_LIMIT_CSV_PROBLEMS_LISTED bad rows, in the order they were found
 */
GPtrArray *
par_csv_problems_get_listed (ParCsvProblems *problems)
{
  return problems->listed;
}

void
par_csv_add_problem (ParCsvProblems *problems,
                     guint           line,
                     const char     *column,
                     const char     *format,
                     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  /* Every bad row is counted; the first ones are listed, so that a file
   * of millions of bad rows makes a message of bounded size. */
  if (problems->count++ >= PAR_LIMIT_CSV_PROBLEMS_LISTED)
    return;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems->listed, par_import_line_new_problem (line, column, text));
}

/**
 * par_csv_set_remedy:
 * @problems: the bad rows found
 * @remedy: what can be done about the last one added
 *
 * Tells what the clerk can do about the problem just added, besides
 * correcting the row; each program says it in its own terms.
 */
void
par_csv_set_remedy (ParCsvProblems  *problems,
                    ParImportRemedy  remedy)
{
  if (problems->count > PAR_LIMIT_CSV_PROBLEMS_LISTED || problems->listed->len == 0)
    return;
  _par_import_line_set_remedy (g_ptr_array_index (problems->listed, problems->listed->len - 1),
                               remedy);
}

/**
 * par_csv_check_problems:
 * @problems: the bad rows found
 * @error: return location for a #GError
 *
 * Returns: %TRUE when there were no problems; otherwise sets @error to a
 *   message listing them all
 */
gboolean
par_csv_check_problems (ParCsvProblems  *problems,
                        GError         **error)
{
  return par_csv_report_problems (problems->listed, problems->count, error);
}

/**
 * par_csv_report_problems:
 * @listed: (element-type ParImportLine): the bad rows listed
 * @n_problems: how many bad rows there are, listed or not
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @n_problems is 0; otherwise sets @error to the
 *   message of a refused import listing them (par_csv_check_problems()),
 *   with each row's remedy as the command line says it
 */
gboolean
par_csv_report_problems (GPtrArray  *listed,
                         guint       n_problems,
                         GError    **error)
{
  g_autoptr(GString) text = NULL;

  if (n_problems == 0)
    return TRUE;

  text = g_string_new (NULL);
  for (guint i = 0; i < listed->len; i++)
    {
      ParImportLine *line = g_ptr_array_index (listed, i);
      const char *remedy =
        par_import_remedy_for_command_line (par_import_line_get_remedy (line));
      g_autofree char *problem = NULL;

      if (remedy != NULL)
        /* TRANSLATORS: a bad row's problem, then what to do about it */
        problem = g_strdup_printf (_("%s; %s"), par_import_line_get_problem (line), remedy);
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("line %u: %s"), par_import_line_get_line (line),
                              problem != NULL ? problem : par_import_line_get_problem (line));
    }

  if (n_problems > PAR_LIMIT_CSV_PROBLEMS_LISTED)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE, "… and %u more invalid row",
                                           "… and %u more invalid rows",
                                           n_problems - PAR_LIMIT_CSV_PROBLEMS_LISTED),
                              n_problems - PAR_LIMIT_CSV_PROBLEMS_LISTED);
    }

  g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "%u invalid row; nothing was imported, correct it and import the file again:%s",
                            "%u invalid rows; nothing was imported, correct them and import the file again:%s",
                            n_problems),
               n_problems, text->str);
  return FALSE;
}
