/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-csv"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-csv.h"
#include "par-error.h"
#include "par-limits.h"

/*
 * A streaming reader for the CSV files clerks export from spreadsheets:
 * UTF-8 with or without a BOM, "," or ";" as delimiter (taken from the
 * header line), RFC 4180 quoting (fields may hold delimiters, doubled
 * quotes and line breaks), LF, CRLF or CR line ends. One record at a time,
 * from bytes in memory or from a stream read a piece at a time, so that a
 * file of any size is read in bounded memory (a record is at most
 * PAR_LIMIT_CSV_RECORD_BYTES).
 */

#define CHUNK_SIZE (256 * 1024)

struct _ParCsv
{
  GInputStream *stream;     /* NULL: all the bytes are in @buffer or @data */
  GByteArray   *buffer;     /* what was read of @stream and not consumed */
  const char   *data;
  const char   *end;
  const char   *cursor;
  guint         line;
  char          delimiter;
  gboolean      eof;
  GError       *read_error;
  GPtrArray    *fields;
  GString      *field;
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

static ParCsv *
csv_new (void)
{
  ParCsv *self = g_new0 (ParCsv, 1);

  self->line = 1;
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->field = g_string_new (NULL);
  return self;
}

static void
skip_bom (ParCsv *self)
{
  if (self->end - self->cursor >= 3 && memcmp (self->cursor, "\xEF\xBB\xBF", 3) == 0)
    self->cursor += 3;
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
  ParCsv *self = csv_new ();

  self->data = data;
  self->end = data + length;
  self->cursor = data;
  self->eof = TRUE;
  skip_bom (self);
  self->delimiter = detect_delimiter (self->cursor, self->end);
  return self;
}

/* Reads more of the stream after what is not consumed yet. Returns
 * whether anything was read; at the end, or on an error (kept for
 * par_csv_next()), %FALSE. */
static gboolean
refill (ParCsv *self)
{
  gsize consumed = self->buffer->len > 0 ? (gsize) (self->cursor - (const char *) self->buffer->data) : 0;
  gsize kept;
  gssize n;

  if (self->eof)
    return FALSE;
  g_byte_array_remove_range (self->buffer, 0, consumed);
  kept = self->buffer->len;
  g_byte_array_set_size (self->buffer, kept + CHUNK_SIZE);
  n = g_input_stream_read (self->stream, self->buffer->data + kept, CHUNK_SIZE, NULL,
                           &self->read_error);
  g_byte_array_set_size (self->buffer, kept + MAX (n, 0));
  self->data = (const char *) self->buffer->data;
  self->cursor = self->data;
  self->end = self->data + self->buffer->len;
  if (n <= 0)
    {
      self->eof = TRUE;
      return FALSE;
    }
  return TRUE;
}

/**
 * par_csv_new_for_stream:
 * @stream: the file's contents
 *
 * A reader that reads @stream a piece at a time, as records are asked
 * for: memory stays bounded whatever the file's size.
 *
 * Returns: (transfer full): a reader positioned on the header line
 */
ParCsv *
par_csv_new_for_stream (GInputStream *stream)
{
  ParCsv *self = csv_new ();
  const char *newline;

  self->stream = g_object_ref (stream);
  self->buffer = g_byte_array_new ();
  self->data = self->cursor = self->end = (const char *) self->buffer->data;
  /* Enough to see the header line (and its delimiter) whole. */
  /* An empty buffer's data may be NULL, which memchr() must not see. */
  do
    newline = self->end > self->cursor ? memchr (self->cursor, '\n', self->end - self->cursor) : NULL;
  while (newline == NULL && self->end - self->cursor < PAR_LIMIT_CSV_RECORD_BYTES && refill (self));
  skip_bom (self);
  self->delimiter = detect_delimiter (self->cursor, self->end);
  return self;
}

void
par_csv_free (ParCsv *self)
{
  g_clear_object (&self->stream);
  if (self->buffer != NULL)
    g_byte_array_unref (self->buffer);
  g_clear_error (&self->read_error);
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
too_long (ParCsv  *self,
          guint    line,
          GError **error)
{
  g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
               _("line %u: a field is longer than %d bytes, the most a field may have"),
               line, PAR_LIMIT_CSV_FIELD_BYTES);
  return FALSE;
}

static gboolean
finish_field (ParCsv  *self,
              guint    line,
              GError **error)
{
  if (self->fields->len >= PAR_LIMIT_CSV_COLUMNS)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("line %u: the row has more than %d columns, the most a row may have"),
                   line, PAR_LIMIT_CSV_COLUMNS);
      return FALSE;
    }
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

typedef enum
{
  PARSED,
  NO_MORE,
  INCOMPLETE,   /* the bytes end inside the record: read more */
  MALFORMED,
} ParseResult;

static ParseResult
parse_record (ParCsv   *self,
              guint    *out_line,
              GError  **error)
{
  const char *p;
  gboolean quoted = FALSE;
  gboolean was_quoted = FALSE;
  gboolean need_more = FALSE;
  guint start_line;

  /* Skip blank lines. */
  while (self->cursor < self->end && (*self->cursor == '\n' || *self->cursor == '\r'))
    {
      /* A CR at the end of what was read may be the first half of a CRLF. */
      if (*self->cursor == '\r' && self->cursor + 1 >= self->end && !self->eof)
        return INCOMPLETE;
      if (ends_line (self->cursor, self->end))
        self->line++;
      self->cursor++;
    }

  if (self->cursor >= self->end)
    return self->eof ? NO_MORE : INCOMPLETE;

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
              if (p + 1 >= self->end && !self->eof)
                {
                  need_more = TRUE;   /* a doubled quote or the closing one: see the next byte */
                  break;
                }
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
              if (c == '\r' && p + 1 >= self->end && !self->eof)
                {
                  need_more = TRUE;
                  break;
                }
              if (ends_line (p, self->end))
                self->line++;
              if (c != '\r' || p + 1 >= self->end || p[1] != '\n')
                g_string_append_c (self->field, c);
            }
          if (self->field->len > PAR_LIMIT_CSV_FIELD_BYTES)
            {
              too_long (self, start_line, error);
              return MALFORMED;
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
            return MALFORMED;
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
          return MALFORMED;
        }
      else
        {
          g_string_append_c (self->field, c);
          if (self->field->len > PAR_LIMIT_CSV_FIELD_BYTES)
            {
              too_long (self, start_line, error);
              return MALFORMED;
            }
        }
    }

  /* The record goes on past what was read: start it again with more. A
   * line break at the very end may be a CR before an LF not read yet. */
  if (!self->eof && (need_more || p >= self->end || (*p == '\r' && p + 1 >= self->end)))
    {
      self->line = start_line;
      return INCOMPLETE;
    }

  if (quoted)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("line %u: a quoted field is not closed"), start_line);
      return MALFORMED;
    }

  if (!finish_field (self, start_line, error))
    return MALFORMED;

  /* The line break: LF, CRLF, or a lone CR (old Mac files). */
  if (p < self->end)
    {
      self->line++;
      p += *p == '\r' && p + 1 < self->end && p[1] == '\n' ? 2 : 1;
    }
  self->cursor = p;
  *out_line = start_line;
  return PARSED;
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
 *   unset) or on malformed input or a read error (with @error set)
 */
gboolean
par_csv_next (ParCsv     *self,
              guint      *out_line,
              GPtrArray **out_fields,
              GError    **error)
{
  for (;;)
    {
      switch (parse_record (self, out_line, error))
        {
        case PARSED:
          *out_fields = self->fields;
          return TRUE;
        case NO_MORE:
          return FALSE;
        case MALFORMED:
          return FALSE;
        case INCOMPLETE:
          if (self->end - self->cursor >= PAR_LIMIT_CSV_RECORD_BYTES)
            {
              g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("line %u: a row is longer than %d bytes, the most a row may have"),
                           self->line, PAR_LIMIT_CSV_RECORD_BYTES);
              return FALSE;
            }
          if (!refill (self) && self->read_error != NULL)
            {
              g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot read the file: %s"),
                           self->read_error->message);
              return FALSE;
            }
          break;
        default:
          g_return_val_if_reached (FALSE);
        }
    }
}
