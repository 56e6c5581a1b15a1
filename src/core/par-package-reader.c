/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-package-reader"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-cycle-content.h"
#include "par-decimal.h"
#include "par-error-private.h"
#include "par-package-reader.h"

/*
 * Reads a package (docs/package-format.md) as the hostile input it may be.
 * libarchive reads the zip (its central directory, so a cut file is no
 * zip at all); this reader takes nothing it was not told about: the first
 * entry is the manifest (at most 1 MiB, nesting at most 16 deep), and every
 * following entry must be the next part the manifest lists — a regular
 * file, never a link or a device, not encrypted, named plainly (no
 * absolute path, no `..`, no backslash), not twice, of the declared size
 * in the archive's header and in fact, with the declared SHA-256. A part
 * is streamed in blocks and refused the moment it exceeds its declared
 * size or the bytes it inflates to exceed %PAR_PACKAGE_MAX_RATIO times the
 * bytes read from the file, so a zip bomb costs one block. Missing parts,
 * extra entries and a truncated archive are refused at the end.
 *
 * The package's own SHA-256 is computed from the bytes libarchive reads
 * in file order; what it skipped or read out of order (the central
 * directory) is hashed at the end.
 */

#define READ_BUFFER_SIZE (1024 * 1024)

struct _ParPackageReader
{
  GFile               *file;
  GFileInputStream    *stream;
  GCancellable        *cancellable;
  char                *display_name;
  struct archive      *archive;
  struct archive_entry *entry;
  guint8              *buffer;
  gint64               size;
  gint64               position;
  gint64               hashed_to;
  gint64               delivered;
  gint64               inflated;
  ParSha256            file_hash;
  GError              *io_error;
  ParPackageManifest  *manifest;
  char                 manifest_sha256[PAR_SHA256_HEX_SIZE];
  GHashTable          *seen;        /* part names read so far */
  guint                next_part;   /* index in manifest->parts of the next entry */
  gboolean             part_open;   /* a document's header was read, its data not yet */
};

static void
hash_span (ParPackageReader *self,
           gint64            offset,
           const guint8     *data,
           gsize             length)
{
  if (offset <= self->hashed_to && offset + (gint64) length > self->hashed_to)
    {
      gsize skip = self->hashed_to - offset;

      par_sha256_update (&self->file_hash, data + skip, length - skip);
      self->hashed_to = offset + length;
    }
}

static la_ssize_t
read_callback (struct archive  *archive,
               void            *user_data,
               const void     **out_buffer)
{
  ParPackageReader *self = user_data;
  gssize n;

  n = g_input_stream_read (G_INPUT_STREAM (self->stream), self->buffer, READ_BUFFER_SIZE,
                           self->cancellable, self->io_error == NULL ? &self->io_error : NULL);
  if (n < 0)
    {
      archive_set_error (archive, EIO, "read failed");
      return -1;
    }
  hash_span (self, self->position, self->buffer, n);
  self->position += n;
  self->delivered += n;
  *out_buffer = self->buffer;
  return n;
}

static la_int64_t
seek_callback (struct archive *archive,
               void           *user_data,
               la_int64_t      offset,
               int             whence)
{
  ParPackageReader *self = user_data;
  GSeekType type = whence == SEEK_SET ? G_SEEK_SET : whence == SEEK_CUR ? G_SEEK_CUR : G_SEEK_END;

  if (!g_seekable_seek (G_SEEKABLE (self->stream), offset, type, self->cancellable,
                        self->io_error == NULL ? &self->io_error : NULL))
    {
      archive_set_error (archive, EIO, "seek failed");
      return ARCHIVE_FATAL;
    }
  self->position = g_seekable_tell (G_SEEKABLE (self->stream));
  return self->position;
}

static la_int64_t
skip_callback (struct archive *archive,
               void           *user_data,
               la_int64_t      request)
{
  ParPackageReader *self = user_data;
  gint64 from = self->position;

  if (seek_callback (archive, user_data, MIN (request, self->size - from), SEEK_CUR) < 0)
    return 0;
  return self->position - from;
}

/* The error of a failed libarchive call: the file's own read error, a
 * cancellation, or a damaged archive. */
static gboolean
archive_failed (ParPackageReader  *self,
                GError           **error)
{
  if (self->io_error != NULL)
    {
      /* A copy: the reader keeps its read error for its next calls. */
      _par_error_take_read_error (error, g_error_copy (self->io_error));
      return FALSE;
    }
  g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
               _("the package is damaged or truncated (%s)"),
               archive_error_string (self->archive) != NULL
               ? archive_error_string (self->archive) : "?");
  return FALSE;
}

/* The current entry is a plain, readable file with a plain name. */
static const char *
check_entry (ParPackageReader  *self,
             GError           **error)
{
  const char *name = archive_entry_pathname_utf8 (self->entry);

  if (name == NULL)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("the package holds a part whose name is not UTF-8"));
      return NULL;
    }
  if (!par_package_check_name (name, error))
    return NULL;

  if (archive_entry_filetype (self->entry) == AE_IFLNK ||
      archive_entry_symlink (self->entry) != NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the package holds a symbolic link (“%s”); a package holds only files"), name);
      return NULL;
    }
  if (archive_entry_hardlink (self->entry) != NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the package holds a hard link (“%s”); a package holds only files"), name);
      return NULL;
    }
  if (archive_entry_filetype (self->entry) != AE_IFREG)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the package holds “%s”, which is not a plain file"), name);
      return NULL;
    }
  if (archive_entry_is_encrypted (self->entry))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("part “%s” of the package is encrypted"), name);
      return NULL;
    }
  return name;
}

/* Reads the next entry's header and checks it is the part @part (or the
 * manifest when @part is NULL). */
static gboolean
read_entry_header (ParPackageReader      *self,
                   const ParPackagePart  *part,
                   GError               **error)
{
  const char *expected = part != NULL ? part->name : PAR_PACKAGE_MANIFEST_NAME;
  const char *name;
  int rc;

  rc = archive_read_next_header (self->archive, &self->entry);
  if (rc == ARCHIVE_EOF)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the package is incomplete: part “%s” is missing"), expected);
      return FALSE;
    }
  if (rc != ARCHIVE_OK)
    return archive_failed (self, error);
  if (!(name = check_entry (self, error)))
    return FALSE;

  if (!g_str_equal (name, expected))
    {
      gboolean listed = FALSE;

      if (g_hash_table_contains (self->seen, name))
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("the package holds part “%s” twice"), name);
          return FALSE;
        }
      for (guint i = 0; self->manifest != NULL && i < self->manifest->parts->len; i++)
        listed |= g_str_equal (g_array_index (self->manifest->parts, ParPackagePart, i).name, name);
      if (listed)
        g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                     _("the package’s parts are not in the manifest’s order: “%s” comes where "
                       "“%s” should"), name, expected);
      else if (self->manifest == NULL)
        g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                     _("the file is not a ParIndex package: its first part is “%s”, not “%s”"),
                     name, PAR_PACKAGE_MANIFEST_NAME);
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                     _("the package holds “%s”, which its manifest does not list"), name);
      return FALSE;
    }
  g_hash_table_add (self->seen, g_strdup (name));

  if (part != NULL && archive_entry_size_is_set (self->entry) &&
      archive_entry_size (self->entry) != part->size)
    {
      g_autofree char *in_archive = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                     (gint64) archive_entry_size (self->entry));
      g_autofree char *in_manifest = g_strdup_printf ("%" G_GINT64_FORMAT, part->size);

      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("part “%s” has %s bytes in the archive but %s in the manifest"), name,
                   in_archive, in_manifest);
      return FALSE;
    }
  return TRUE;
}

/* Streams the current entry's data: at most @limit bytes, checked against
 * @part's size and hash when @part is given. */
static gboolean
read_entry_data (ParPackageReader      *self,
                 const char            *name,
                 const ParPackagePart  *part,
                 gint64                 limit,
                 ParPackageSink         sink,
                 gpointer               sink_data,
                 GError               **error)
{
  char actual[PAR_SHA256_HEX_SIZE];
  ParSha256 hash;
  gint64 done = 0;

  par_sha256_init (&hash);
  for (;;)
    {
      const void *block;
      size_t length;
      la_int64_t offset;
      int rc;

      if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
        return FALSE;

      rc = archive_read_data_block (self->archive, &block, &length, &offset);
      if (rc == ARCHIVE_EOF)
        break;
      if (rc != ARCHIVE_OK)
        return archive_failed (self, error);
      if (offset != done)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("the package is damaged: part “%s” has a hole"), name);
          return FALSE;
        }
      if (done + (gint64) length > limit)
        {
          g_autofree char *shown = par_format_size (limit, G_FORMAT_SIZE_LONG_FORMAT);

          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("part “%s” of the package is larger than declared (more than %s)"),
                       name, shown);
          return FALSE;
        }
      self->inflated += length;
      if (self->inflated > PAR_PACKAGE_RATIO_FLOOR &&
          self->inflated > PAR_PACKAGE_MAX_RATIO * self->delivered)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("part “%s” of the package inflates to more than %d times its size "
                         "in the file; the package is refused as a zip bomb"),
                       name, PAR_PACKAGE_MAX_RATIO);
          return FALSE;
        }
      par_sha256_update (&hash, block, length);
      if (sink != NULL && !sink (block, length, sink_data, error))
        return FALSE;
      done += length;
    }

  if (part != NULL)
    {
      if (done != part->size)
        {
          g_autofree char *read = g_strdup_printf ("%" G_GINT64_FORMAT, done);
          g_autofree char *declared = g_strdup_printf ("%" G_GINT64_FORMAT, part->size);

          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("part “%s” of the package is truncated: %s bytes of %s"), name, read,
                       declared);
          return FALSE;
        }
      par_sha256_finish_hex (&hash, actual);
      if (!g_str_equal (actual, part->sha256))
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("part “%s” of the package was altered: its SHA-256 is %s, the manifest "
                         "says %s"), name, actual, part->sha256);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
append_to_array (const guint8  *data,
                 gsize          length,
                 gpointer       user_data,
                 GError       **error)
{
  g_byte_array_append (user_data, data, length);
  return TRUE;
}

/**
 * par_package_reader_open:
 * @file: a package file
 * @cancellable: (nullable): a #GCancellable, kept for every later read
 * @error: return location for a #GError
 *
 * Opens a package and reads and checks its manifest.
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with
 *   %PAR_ERROR_INVALID (not a package, a bad manifest) or %PAR_ERROR_IO
 *   (the file cannot be read)
 */
ParPackageReader *
par_package_reader_open (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(ParPackageReader) self = g_new0 (ParPackageReader, 1);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GByteArray) manifest = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *manifest_hash = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self->file = g_object_ref (file);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->display_name = g_file_get_parse_name (file);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  par_sha256_init (&self->file_hash);

  if (!(info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                  G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                                  cancellable, &local_error)) ||
      !(self->stream = g_file_read (file, cancellable, &local_error)))
    {
      _par_error_take_read_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  self->size = g_file_info_get_size (info);
  if (self->size == 0)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("the file is empty; it is not a ParIndex package"));
      return NULL;
    }
  if (self->size > PAR_PACKAGE_MAX_TOTAL_SIZE + PAR_PACKAGE_MAX_MANIFEST_SIZE)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("the file is larger than a ParIndex package may be"));
      return NULL;
    }

  self->buffer = g_malloc (READ_BUFFER_SIZE);
  self->archive = archive_read_new ();
  archive_read_support_format_zip_seekable (self->archive);
  archive_read_set_read_callback (self->archive, read_callback);
  archive_read_set_seek_callback (self->archive, seek_callback);
  archive_read_set_skip_callback (self->archive, skip_callback);
  archive_read_set_callback_data (self->archive, self);
  if (archive_read_open1 (self->archive) != ARCHIVE_OK)
    {
      if (self->io_error != NULL)
        return archive_failed (self, error), NULL;
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the file is not a ParIndex package: it is not a whole zip archive (%s)"),
                   archive_error_string (self->archive) != NULL
                   ? archive_error_string (self->archive) : "?");
      return NULL;
    }

  if (!read_entry_header (self, NULL, error))
    return NULL;
  if (archive_entry_size_is_set (self->entry) &&
      archive_entry_size (self->entry) > PAR_PACKAGE_MAX_MANIFEST_SIZE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the package’s manifest is invalid: it is larger than %d KiB"),
                   PAR_PACKAGE_MAX_MANIFEST_SIZE / 1024);
      return NULL;
    }
  manifest = g_byte_array_new ();
  if (!read_entry_data (self, PAR_PACKAGE_MANIFEST_NAME, NULL, PAR_PACKAGE_MAX_MANIFEST_SIZE,
                        append_to_array, manifest, error))
    return NULL;
  if (!(self->manifest = par_package_manifest_parse ((const char *) manifest->data, manifest->len,
                                                     error)))
    return NULL;
  manifest_hash = par_sha256_hex_data (manifest->data, manifest->len);
  memcpy (self->manifest_sha256, manifest_hash, PAR_SHA256_HEX_SIZE);

  return g_steal_pointer (&self);
}

const ParPackageManifest *
par_package_reader_get_manifest (ParPackageReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->manifest;
}

/**
 * par_package_reader_get_manifest_sha256:
 * @self: a reader
 *
 * Returns: the SHA-256 of the manifest's bytes (a package received once is
 *   found again by it before its whole file is hashed)
 */
const char *
par_package_reader_get_manifest_sha256 (ParPackageReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->manifest_sha256;
}

gint64
par_package_reader_get_size (ParPackageReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size;
}

/**
 * par_package_reader_get_fraction:
 * @self: a reader
 *
 * Returns: how much of the file was read, from 0 to 1
 */
double
par_package_reader_get_fraction (ParPackageReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size > 0 ? CLAMP ((double) self->hashed_to / self->size, 0.0, 1.0) : 1.0;
}

/**
 * par_package_reader_read_content:
 * @self: a reader after par_package_reader_open()
 * @error: return location for a #GError
 *
 * Reads the content part (the first part), checking its size and hash.
 *
 * Returns: (transfer full) (nullable): its bytes
 */
GBytes *
par_package_reader_read_content (ParPackageReader  *self,
                                 GError           **error)
{
  g_autoptr(GByteArray) content = g_byte_array_new ();
  const ParPackagePart *part;

  g_return_val_if_fail (self != NULL && self->next_part == 0, NULL);

  part = par_package_manifest_get_part (self->manifest, 0);
  if (!read_entry_header (self, part, error) ||
      !read_entry_data (self, part->name, part, part->size, append_to_array, content, error))
    return NULL;
  self->next_part = 1;
  return g_byte_array_free_to_bytes (g_steal_pointer (&content));
}

/**
 * par_package_reader_next_document:
 * @self: a reader whose content part was read
 * @error: return location for a #GError
 *
 * Moves to the next document part and checks its header; read its data
 * with par_package_reader_read_document() before asking for the next.
 *
 * Returns: (nullable) (transfer none): the part, or %NULL after the last
 *   one (@error unset) or on error
 */
const ParPackagePart *
par_package_reader_next_document (ParPackageReader  *self,
                                  GError           **error)
{
  const ParPackagePart *part;

  g_return_val_if_fail (self != NULL && self->next_part > 0 && !self->part_open, NULL);

  part = par_package_manifest_get_part (self->manifest, self->next_part);
  if (part == NULL || !read_entry_header (self, part, error))
    return NULL;
  self->part_open = TRUE;
  return part;
}

/**
 * par_package_reader_read_document:
 * @self: a reader positioned by par_package_reader_next_document()
 * @sink: (nullable) (scope call): receives the bytes as they are read
 * @sink_data: data for @sink
 * @error: return location for a #GError
 *
 * Streams the current document part to @sink (or only checks it), then
 * checks its size and SHA-256 against the manifest.
 *
 * Returns: %TRUE when the part is whole and unaltered
 */
gboolean
par_package_reader_read_document (ParPackageReader  *self,
                                  ParPackageSink     sink,
                                  gpointer           sink_data,
                                  GError           **error)
{
  const ParPackagePart *part;

  g_return_val_if_fail (self != NULL && self->part_open, FALSE);

  part = par_package_manifest_get_part (self->manifest, self->next_part);
  self->part_open = FALSE;
  self->next_part++;
  return read_entry_data (self, part->name, part, part->size, sink, sink_data, error);
}

/**
 * par_package_reader_finish:
 * @self: a reader that read every part
 * @out_sha256: (out caller-allocates): the SHA-256 of the whole file
 *   (%PAR_SHA256_HEX_SIZE bytes)
 * @error: return location for a #GError
 *
 * Checks that no part is missing and no entry follows the last part, and
 * computes the package's SHA-256.
 *
 * Returns: %TRUE when the package is whole
 */
gboolean
par_package_reader_finish (ParPackageReader  *self,
                           char              *out_sha256,
                           GError           **error)
{
  int rc;

  g_return_val_if_fail (self != NULL && self->next_part > 0 && !self->part_open, FALSE);

  if (self->next_part < self->manifest->parts->len)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("the package is incomplete: part “%s” is missing"),
                   par_package_manifest_get_part (self->manifest, self->next_part)->name);
      return FALSE;
    }
  rc = archive_read_next_header (self->archive, &self->entry);
  if (rc == ARCHIVE_OK)
    {
      const char *name = check_entry (self, error);

      if (name == NULL)
        return FALSE;
      if (g_hash_table_contains (self->seen, name))
        g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                     _("the package holds part “%s” twice"), name);
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                     _("the package holds “%s”, which its manifest does not list"), name);
      return FALSE;
    }
  if (rc != ARCHIVE_EOF)
    return archive_failed (self, error);

  /* What libarchive did not read in order: hash it now. */
  if (self->hashed_to < self->size)
    {
      if (!g_seekable_seek (G_SEEKABLE (self->stream), self->hashed_to, G_SEEK_SET,
                            self->cancellable, &self->io_error))
        return archive_failed (self, error);
      self->position = self->hashed_to;
      for (;;)
        {
          gssize n = g_input_stream_read (G_INPUT_STREAM (self->stream), self->buffer,
                                          READ_BUFFER_SIZE, self->cancellable, &self->io_error);

          if (n < 0)
            return archive_failed (self, error);
          if (n == 0)
            break;
          hash_span (self, self->position, self->buffer, n);
          self->position += n;
        }
    }
  if (self->hashed_to != self->size)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_IO,
                           _("the file changed while it was being read; try again"));
      return FALSE;
    }
  par_sha256_finish_hex (&self->file_hash, out_sha256);
  return TRUE;
}

void
par_package_reader_free (ParPackageReader *self)
{
  if (self == NULL)
    return;
  if (self->archive != NULL)
    archive_read_free (self->archive);
  g_clear_object (&self->stream);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->io_error);
  g_clear_pointer (&self->manifest, par_package_manifest_free);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_free (self->buffer);
  g_free (self->display_name);
  g_free (self);
}

/**
 * par_package_hash_file:
 * @file: a file
 * @out_sha256: (out caller-allocates): its SHA-256 (%PAR_SHA256_HEX_SIZE bytes)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, %FALSE with %PAR_ERROR_IO
 */
gboolean
par_package_hash_file (GFile         *file,
                       char          *out_sha256,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buffer = g_malloc (READ_BUFFER_SIZE);
  ParSha256 hash;

  par_sha256_init (&hash);
  if (!(stream = g_file_read (file, cancellable, &local_error)))
    goto failed;
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, READ_BUFFER_SIZE,
                                      cancellable, &local_error);
      if (n < 0)
        goto failed;
      if (n == 0)
        break;
      par_sha256_update (&hash, buffer, n);
    }
  par_sha256_finish_hex (&hash, out_sha256);
  return TRUE;

failed:
  _par_error_take_read_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * par_package_check_file:
 * @path: a file that may be a package
 * @error: return location for a #GError
 *
 * Reads a whole package the way a workspace receives one, without a
 * workspace: the manifest, the content part (parsed as the format says)
 * and every document's size and hash. A fuzzer can call this on any file.
 *
 * Returns: %TRUE when @path is a well-formed package
 */
gboolean
par_package_check_file (const char  *path,
                        GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(ParPackageReader) reader = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(ParCycleContent) parsed = NULL;
  g_autoptr(GError) local_error = NULL;
  const ParPackagePart *part;
  char sha256[PAR_SHA256_HEX_SIZE];

  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  if (!(reader = par_package_reader_open (file, NULL, error)) ||
      !(content = par_package_reader_read_content (reader, error)) ||
      !(parsed = par_cycle_content_parse (par_package_reader_get_manifest (reader)->kind,
                                          g_bytes_get_data (content, NULL),
                                          g_bytes_get_size (content), error)))
    return FALSE;
  while ((part = par_package_reader_next_document (reader, &local_error)) != NULL)
    if (!par_package_reader_read_document (reader, NULL, NULL, error))
      return FALSE;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return par_package_reader_finish (reader, sha256, error);
}
