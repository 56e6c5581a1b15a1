/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-csv"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-csv.h"
#include "par-error.h"

/*
 * A streaming reader for the CSV files clerks export from spreadsheets:
 * UTF-8 with or without a BOM, "," or ";" as delimiter (taken from the
 * header line), RFC 4180 quoting (fields may hold delimiters, doubled
 * quotes and line breaks), LF, CRLF or CR line ends. One record at a time, so
 * a national-scale file is never held twice.
 */
struct _ParCsv
{
  const char *data;
  const char *end;
  const char *cursor;
  guint       line;
  char        delimiter;
  GPtrArray  *fields;
  GString    *field;
};

/* Whether the character at @p ends a line: an LF, or a CR that is not
 * the first half of a CRLF. */
static gboolean
ends_line (const char *p,
           const char *end)
{
  return *p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n'));
}

static char
detect_delimiter (const char *data,
                  const char *end)
{
  gboolean quoted = FALSE;

  for (const char *p = data; p < end && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == ';')
        return ';';
      else if (!quoted && *p == ',')
        return ',';
    }
  return ',';
}

/**
 * par_csv_new:
 * @data: the file's bytes; must outlive the reader
 * @length: the length of @data
 *
 * Returns: (transfer full): a reader positioned on the header line
 */
ParCsv *
par_csv_new (const char *data,
             gsize       length)
{
  ParCsv *self = g_new0 (ParCsv, 1);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  self->data = data;
  self->end = data + length;
  self->cursor = data;
  self->line = 1;
  self->delimiter = detect_delimiter (data, self->end);
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->field = g_string_new (NULL);
  return self;
}

void
par_csv_free (ParCsv *self)
{
  g_ptr_array_unref (self->fields);
  g_string_free (self->field, TRUE);
  g_free (self);
}

char
par_csv_get_delimiter (ParCsv *self)
{
  return self->delimiter;
}

static gboolean
finish_field (ParCsv  *self,
              guint    line,
              GError **error)
{
  if (!g_utf8_validate_len (self->field->str, self->field->len, NULL))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("line %u: the text is not UTF-8; save the file as “CSV UTF-8”"), line);
      return FALSE;
    }
  g_ptr_array_add (self->fields, g_strndup (self->field->str, self->field->len));
  g_string_truncate (self->field, 0);
  return TRUE;
}

/**
 * par_csv_next:
 * @self: a #ParCsv
 * @out_line: (out): the line the record starts on (1 for the header)
 * @out_fields: (out) (transfer none): the record's fields, valid until the
 *   next call
 * @error: return location for a #GError
 *
 * Reads the next record. Blank lines are skipped.
 *
 * Returns: %TRUE when a record was read; %FALSE at the end (with @error
 *   unset) or on malformed input (with @error set)
 */
gboolean
par_csv_next (ParCsv     *self,
              guint      *out_line,
              GPtrArray **out_fields,
              GError    **error)
{
  const char *p;
  gboolean quoted = FALSE;
  gboolean was_quoted = FALSE;
  guint start_line;

  /* Skip blank lines. */
  while (self->cursor < self->end && (*self->cursor == '\n' || *self->cursor == '\r'))
    {
      if (ends_line (self->cursor, self->end))
        self->line++;
      self->cursor++;
    }

  if (self->cursor >= self->end)
    return FALSE;

  g_ptr_array_set_size (self->fields, 0);
  g_string_truncate (self->field, 0);
  start_line = self->line;

  for (p = self->cursor; p < self->end; p++)
    {
      char c = *p;

      if (quoted)
        {
          if (c == '"')
            {
              if (p + 1 < self->end && p[1] == '"')
                {
                  g_string_append_c (self->field, '"');
                  p++;
                }
              else
                quoted = FALSE;
            }
          else
            {
              if (ends_line (p, self->end))
                self->line++;
              if (c != '\r' || p + 1 >= self->end || p[1] != '\n')
                g_string_append_c (self->field, c);
            }
          continue;
        }

      if (c == '"' && self->field->len == 0 && !was_quoted)
        {
          quoted = TRUE;
          was_quoted = TRUE;
        }
      else if (c == self->delimiter)
        {
          if (!finish_field (self, start_line, error))
            return FALSE;
          was_quoted = FALSE;
        }
      else if (c == '\n' || c == '\r')
        {
          break;
        }
      else if (was_quoted)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("line %u: text after a closing quote; a quote inside a field must be doubled (\"\")"),
                       start_line);
          return FALSE;
        }
      else
        {
          g_string_append_c (self->field, c);
        }
    }

  if (quoted)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("line %u: a quoted field is not closed"), start_line);
      return FALSE;
    }

  if (!finish_field (self, start_line, error))
    return FALSE;

  /* The line break: LF, CRLF, or a lone CR (old Mac files). */
  if (p < self->end)
    {
      self->line++;
      p += *p == '\r' && p + 1 < self->end && p[1] == '\n' ? 2 : 1;
    }
  self->cursor = p;

  *out_line = start_line;
  *out_fields = self->fields;
  return TRUE;
}
