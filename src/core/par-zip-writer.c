/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-zip-writer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zlib.h>

#include "par-error.h"
#include "par-zip-writer.h"

/*
 * A streaming zip writer (PKWARE APPNOTE 6.3): each entry is written as it
 * is read — local header, data stored or deflated, then a data descriptor
 * with the CRC and sizes — so an entry of any size costs one buffer. Names
 * are UTF-8 (flag bit 11). Archives stay within the classic 4 GiB limits;
 * beyond them the writer refuses rather than write a zip64 archive.
 */

#define BUFFER_SIZE (256 * 1024)

typedef struct
{
  char    *name;
  guint32  crc;
  guint32  compressed;
  guint32  size;
  guint32  offset;
  guint16  method;
} ZipEntry;

struct _ParZipWriter
{
  GOutputStream *output;
  GArray        *entries;    /* ZipEntry */
  guint64        offset;
  guint16        dos_time;
  guint16        dos_date;
};

static void
zip_entry_clear (gpointer data)
{
  g_free (((ZipEntry *) data)->name);
}

ParZipWriter *
par_zip_writer_new (GOutputStream *output)
{
  ParZipWriter *self = g_new0 (ParZipWriter, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->output = g_object_ref (output);
  self->entries = g_array_new (FALSE, TRUE, sizeof (ZipEntry));
  g_array_set_clear_func (self->entries, zip_entry_clear);
  self->dos_time = (g_date_time_get_hour (now) << 11) | (g_date_time_get_minute (now) << 5) |
                   (g_date_time_get_second (now) / 2);
  self->dos_date = ((MAX (g_date_time_get_year (now), 1980) - 1980) << 9) |
                   (g_date_time_get_month (now) << 5) | g_date_time_get_day_of_month (now);
  return self;
}

void
par_zip_writer_free (ParZipWriter *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->output);
  g_array_unref (self->entries);
  g_free (self);
}

static gboolean
too_large (GError **error)
{
  g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("the zip archive would exceed 4 GiB; make a PDF dossier instead"));
  return FALSE;
}

static gboolean
write_bytes (ParZipWriter  *self,
             const void    *data,
             gsize          length,
             GCancellable  *cancellable,
             GError       **error)
{
  if (self->offset + length > G_MAXUINT32)
    return too_large (error);
  if (!g_output_stream_write_all (self->output, data, length, NULL, cancellable, error))
    return FALSE;
  self->offset += length;
  return TRUE;
}

static void
put16 (GByteArray *array,
       guint16     value)
{
  guint8 bytes[2] = { value & 0xff, value >> 8 };
  g_byte_array_append (array, bytes, 2);
}

static void
put32 (GByteArray *array,
       guint32     value)
{
  guint8 bytes[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };
  g_byte_array_append (array, bytes, 4);
}

/**
 * par_zip_writer_add_stream:
 * @self: a writer
 * @name: the entry's path in the archive, '/'-separated, UTF-8
 * @input: the entry's content
 * @compress: deflate the content (stored otherwise: PDFs and images are
 *   compressed already)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
par_zip_writer_add_stream (ParZipWriter  *self,
                           const char    *name,
                           GInputStream  *input,
                           gboolean       compress,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GByteArray) header = g_byte_array_new ();
  g_autofree guint8 *in = g_malloc (BUFFER_SIZE);
  g_autofree guint8 *out = compress ? g_malloc (BUFFER_SIZE) : NULL;
  ZipEntry entry = { 0 };
  z_stream z = { 0 };
  guint64 size = 0;
  guint64 compressed = 0;
  gboolean ok = TRUE;
  gsize name_length = strlen (name);

  g_return_val_if_fail (self != NULL && name != NULL, FALSE);

  if (self->entries->len >= G_MAXUINT16 || name_length > G_MAXUINT16)
    return too_large (error);

  entry.offset = self->offset;
  entry.method = compress ? 8 : 0;
  entry.crc = crc32 (0, NULL, 0);

  put32 (header, 0x04034b50);
  put16 (header, 20);
  put16 (header, (1 << 3) | (1 << 11));
  put16 (header, entry.method);
  put16 (header, self->dos_time);
  put16 (header, self->dos_date);
  put32 (header, 0);
  put32 (header, 0);
  put32 (header, 0);
  put16 (header, name_length);
  put16 (header, 0);
  g_byte_array_append (header, (const guint8 *) name, name_length);
  if (!write_bytes (self, header->data, header->len, cancellable, error))
    return FALSE;

  if (compress && deflateInit2 (&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8,
                                Z_DEFAULT_STRATEGY) != Z_OK)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_IO, _("cannot start compression"));
      return FALSE;
    }

  for (;;)
    {
      gsize n = 0;
      int flush;

      if (!g_input_stream_read_all (input, in, BUFFER_SIZE, &n, cancellable, error))
        {
          ok = FALSE;
          break;
        }
      entry.crc = crc32 (entry.crc, in, n);
      size += n;
      flush = n < BUFFER_SIZE ? Z_FINISH : Z_NO_FLUSH;

      if (!compress)
        {
          if (n > 0 && !write_bytes (self, in, n, cancellable, error))
            {
              ok = FALSE;
              break;
            }
          compressed += n;
        }
      else
        {
          z.next_in = in;
          z.avail_in = n;
          do
            {
              gsize produced;

              z.next_out = out;
              z.avail_out = BUFFER_SIZE;
              deflate (&z, flush);
              produced = BUFFER_SIZE - z.avail_out;
              if (produced > 0 && !write_bytes (self, out, produced, cancellable, error))
                {
                  ok = FALSE;
                  break;
                }
              compressed += produced;
            }
          while (z.avail_out == 0);
          if (!ok)
            break;
        }

      if (flush == Z_FINISH)
        break;
    }

  if (compress)
    deflateEnd (&z);
  if (!ok)
    return FALSE;
  if (size > G_MAXUINT32 || compressed > G_MAXUINT32)
    return too_large (error);

  entry.size = size;
  entry.compressed = compressed;
  entry.name = g_strdup (name);

  g_byte_array_set_size (header, 0);
  put32 (header, 0x08074b50);
  put32 (header, entry.crc);
  put32 (header, entry.compressed);
  put32 (header, entry.size);
  if (!write_bytes (self, header->data, header->len, cancellable, error))
    {
      g_free (entry.name);
      return FALSE;
    }

  g_array_append_val (self->entries, entry);
  return TRUE;
}

gboolean
par_zip_writer_add_data (ParZipWriter  *self,
                         const char    *name,
                         const void    *data,
                         gsize          length,
                         gboolean       compress,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (data, length, NULL);

  return par_zip_writer_add_stream (self, name, input, compress, cancellable, error);
}

/**
 * par_zip_writer_finish:
 * @self: a writer
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the central directory. The output stream is left open.
 *
 * Returns: %TRUE on success
 */
gboolean
par_zip_writer_finish (ParZipWriter  *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GByteArray) directory = g_byte_array_new ();
  guint64 start = self->offset;
  guint32 central_size;

  for (guint i = 0; i < self->entries->len; i++)
    {
      ZipEntry *entry = &g_array_index (self->entries, ZipEntry, i);
      gsize name_length = strlen (entry->name);

      put32 (directory, 0x02014b50);
      put16 (directory, (3 << 8) | 20);       /* made by Unix, version 2.0 */
      put16 (directory, 20);
      put16 (directory, (1 << 3) | (1 << 11));
      put16 (directory, entry->method);
      put16 (directory, self->dos_time);
      put16 (directory, self->dos_date);
      put32 (directory, entry->crc);
      put32 (directory, entry->compressed);
      put32 (directory, entry->size);
      put16 (directory, name_length);
      put16 (directory, 0);
      put16 (directory, 0);
      put16 (directory, 0);
      put16 (directory, 0);
      put32 (directory, g_str_has_suffix (entry->name, "/") ? 0x41ed0010 : 0x81a40000);
      put32 (directory, entry->offset);
      g_byte_array_append (directory, (const guint8 *) entry->name, name_length);
    }

  central_size = directory->len;
  if (start + directory->len > G_MAXUINT32)
    return too_large (error);

  put32 (directory, 0x06054b50);
  put16 (directory, 0);
  put16 (directory, 0);
  put16 (directory, self->entries->len);
  put16 (directory, self->entries->len);
  put32 (directory, central_size);
  put32 (directory, start);
  put16 (directory, 0);

  return write_bytes (self, directory->data, directory->len, cancellable, error);
}
