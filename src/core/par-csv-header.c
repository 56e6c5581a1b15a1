/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-csv-header"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-csv-header.h"
#include "par-error.h"

/* What the units and scores imports share: finding named columns in the
 * header line, reading a trimmed NFC field, and collecting every bad row
 * into one message. */

/**
 * par_csv_read_header:
 * @csv: a reader on its first line
 * @columns: (array length=n_columns): the columns to find
 * @n_columns: the number of @columns
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
          if (g_str_equal (name, columns[c].name))
            {
              columns[c].position = i;
              break;
            }
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
  return TRUE;
}

/**
 * par_csv_field:
 * @fields: a record's fields
 * @position: a column position, or -1
 *
 * Returns: (transfer full): the field, trimmed and NFC-normalised; "" when
 *   the column is absent or the record is short
 */
char *
par_csv_field (GPtrArray *fields,
               int        position)
{
  const char *text;
  char *normalized;

  if (position < 0 || (guint) position >= fields->len)
    return g_strdup ("");

  text = g_ptr_array_index (fields, position);
  if (g_str_is_ascii (text))
    return g_strstrip (g_strdup (text));   /* ASCII is its own NFC form */

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  return g_strstrip (normalized != NULL ? normalized : g_strdup (""));
}

void
par_csv_add_problem (GString    *problems,
                     guint      *n_problems,
                     guint       line,
                     const char *format,
                     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_string_append_printf (problems, "\n");
  g_string_append_printf (problems, _("line %u: %s"), line, text);
  (*n_problems)++;
}

/**
 * par_csv_check_problems:
 * @problems: the collected lines
 * @n_problems: how many
 * @error: return location for a #GError
 *
 * Returns: %TRUE when there were no problems; otherwise sets @error to a
 *   message listing them all
 */
gboolean
par_csv_check_problems (GString  *problems,
                        guint     n_problems,
                        GError  **error)
{
  if (n_problems == 0)
    return TRUE;

  g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "%u invalid row; nothing was imported, correct it and import the file again:%s",
                            "%u invalid rows; nothing was imported, correct them and import the file again:%s",
                            n_problems),
               n_problems, problems->str);
  return FALSE;
}
