/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-package-writer"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <unistd.h>
#endif
#ifdef G_OS_WIN32
#include <io.h>
#endif

#include "par-error.h"
#include "par-package-writer.h"

#ifndef O_BINARY
#define O_BINARY 0
#endif

/*
 * Writes a package (docs/package-format.md) with libarchive: a zip whose
 * JSON parts are deflated and whose documents are stored as they are
 * (scans do not compress). The archive goes to a temporary file beside the
 * destination, through SHA-256 as it is written, so that the package's own
 * hash costs no second read; it replaces the destination only when whole
 * and flushed to disk (par_package_writer_install()). Freeing a writer
 * that was not installed removes the temporary file.
 */

#define COPY_BUFFER_SIZE (1024 * 1024)

struct _ParPackageWriter
{
  struct archive *archive;
  FILE           *file;
  char           *temp_path;
  char           *path;
  char           *display_name;
  ParSha256       hash;
  gint64          size;
  time_t          mtime;
  gboolean        finished;
  gboolean        installed;
  GError         *write_error;
};

static la_ssize_t
write_callback (struct archive *archive,
                void           *user_data,
                const void     *buffer,
                size_t          length)
{
  ParPackageWriter *self = user_data;

  if (fwrite (buffer, 1, length, self->file) != length)
    {
      int saved_errno = errno;

      if (self->write_error == NULL)
        g_set_error (&self->write_error, PAR_ERROR, PAR_ERROR_IO,
                     _("%s: cannot write the file: %s"), self->display_name,
                     g_strerror (saved_errno));
      archive_set_error (archive, saved_errno, "write failed");
      return -1;
    }
  par_sha256_update (&self->hash, buffer, length);
  self->size += length;
  return length;
}

static gboolean
archive_failed (ParPackageWriter  *self,
                GError           **error)
{
  if (self->write_error != NULL)
    g_propagate_error (error, g_steal_pointer (&self->write_error));
  else
    g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the package: %s"),
                 self->display_name, archive_error_string (self->archive));
  return FALSE;
}

/**
 * par_package_writer_new:
 * @destination: the package to write (a local file; replaced when complete)
 * @created_at: the time stamped on every part
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a writer, or %NULL with
 *   %PAR_ERROR_IO when no file can be created beside @destination
 */
ParPackageWriter *
par_package_writer_new (GFile      *destination,
                        GDateTime  *created_at,
                        GError    **error)
{
  g_autoptr(ParPackageWriter) self = g_new0 (ParPackageWriter, 1);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;
  int fd;

  g_return_val_if_fail (G_IS_FILE (destination), NULL);
  g_return_val_if_fail (created_at != NULL, NULL);

  self->display_name = g_file_get_parse_name (destination);
  self->path = g_file_get_path (destination);
  if (self->path == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("%s: a package can only be written to a local file"), self->display_name);
      return NULL;
    }
  par_sha256_init (&self->hash);
  self->mtime = (time_t) g_date_time_to_unix (created_at);

  dir = g_path_get_dirname (self->path);
  base = g_path_get_basename (self->path);
  template = g_strdup_printf (".%s-XXXXXX.partial", base);
  self->temp_path = g_build_filename (dir, template, NULL);
  fd = g_mkstemp_full (self->temp_path, O_WRONLY | O_BINARY, 0666);
  if (fd < 0 || !(self->file = fdopen (fd, "wb")))
    {
      int saved_errno = errno;

      if (fd >= 0)
        {
          g_close (fd, NULL);
          g_unlink (self->temp_path);
        }
      g_clear_pointer (&self->temp_path, g_free);
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the file: %s"),
                   self->display_name, g_strerror (saved_errno));
      return NULL;
    }
  setvbuf (self->file, NULL, _IOFBF, 256 * 1024);

  self->archive = archive_write_new ();
  if (archive_write_set_format_zip (self->archive) != ARCHIVE_OK ||
      /* Write through at once (the FILE buffers), and never pad the end. */
      archive_write_set_bytes_per_block (self->archive, 0) != ARCHIVE_OK ||
      archive_write_open2 (self->archive, self, NULL, write_callback, NULL, NULL) != ARCHIVE_OK)
    {
      archive_failed (self, error);
      return NULL;
    }

  return g_steal_pointer (&self);
}

static struct archive_entry *
new_entry (ParPackageWriter *self,
           const char       *name,
           gint64            size)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname_utf8 (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  archive_entry_set_mtime (entry, self->mtime, 0);
  return entry;
}

/**
 * par_package_writer_add_data:
 * @self: a writer
 * @name: the part's name
 * @data: (array length=length): its bytes
 * @length: their number
 * @error: return location for a #GError
 *
 * Adds a part held in memory (the manifest, the content), deflated.
 *
 * Returns: %TRUE on success
 */
gboolean
par_package_writer_add_data (ParPackageWriter  *self,
                             const char        *name,
                             const void        *data,
                             gsize              length,
                             GError           **error)
{
  struct archive_entry *entry;
  gboolean ok;

  g_return_val_if_fail (self != NULL && !self->finished, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  entry = new_entry (self, name, length);
  archive_write_zip_set_compression_deflate (self->archive);
  ok = archive_write_header (self->archive, entry) == ARCHIVE_OK &&
       (length == 0 || archive_write_data (self->archive, data, length) == (la_ssize_t) length) &&
       archive_write_finish_entry (self->archive) == ARCHIVE_OK;
  archive_entry_free (entry);
  return ok || archive_failed (self, error);
}

/**
 * par_package_writer_add_stream:
 * @self: a writer
 * @name: the part's name
 * @input: the part's bytes
 * @size: their number, as the manifest declares it
 * @sha256: their SHA-256, as the manifest declares it
 * @progress: (nullable) (scope call): told the bytes written so far
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds a document, stored without compression. The bytes are hashed as
 * they are copied: a document whose size or hash is not what the manifest
 * says (a damaged workspace) fails with %PAR_ERROR_IO.
 *
 * Returns: %TRUE on success
 */
gboolean
par_package_writer_add_stream (ParPackageWriter          *self,
                               const char                *name,
                               GInputStream              *input,
                               gint64                     size,
                               const char                *sha256,
                               ParPackageWriterProgress   progress,
                               gpointer                   progress_data,
                               GCancellable              *cancellable,
                               GError                   **error)
{
  g_autofree guint8 *buffer = g_malloc (COPY_BUFFER_SIZE);
  struct archive_entry *entry;
  char actual[PAR_SHA256_HEX_SIZE];
  ParSha256 hash;
  gint64 done = 0;
  int rc;

  g_return_val_if_fail (self != NULL && !self->finished, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), FALSE);
  g_return_val_if_fail (par_sha256_is_hex (sha256), FALSE);

  par_sha256_init (&hash);
  entry = new_entry (self, name, size);
  archive_write_zip_set_compression_store (self->archive);
  rc = archive_write_header (self->archive, entry);
  archive_entry_free (entry);
  if (rc != ARCHIVE_OK)
    return archive_failed (self, error);

  for (;;)
    {
      gssize n = g_input_stream_read (input, buffer, COPY_BUFFER_SIZE, cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (done + n > size)
        break;
      par_sha256_update (&hash, buffer, n);
      if (archive_write_data (self->archive, buffer, n) != n)
        return archive_failed (self, error);
      done += n;
      if (progress != NULL)
        progress (done, progress_data);
    }

  par_sha256_finish_hex (&hash, actual);
  if (done != size || !g_str_equal (actual, sha256))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("the workspace’s copy of document %.16s is damaged (its content no longer "
                     "matches its SHA-256); attach the document again"), sha256);
      return FALSE;
    }
  if (archive_write_finish_entry (self->archive) != ARCHIVE_OK)
    return archive_failed (self, error);
  return TRUE;
}

static gboolean
sync_file (FILE *file)
{
#ifdef G_OS_WIN32
  return _commit (_fileno (file)) == 0;
#else
  return fsync (fileno (file)) == 0;
#endif
}

/**
 * par_package_writer_finish:
 * @self: a writer
 * @out_sha256: (out caller-allocates): the package’s SHA-256
 *   (%PAR_SHA256_HEX_SIZE bytes)
 * @out_size: (out) (optional): its size in bytes
 * @error: return location for a #GError
 *
 * Ends the archive and flushes it to disk. The destination is not touched
 * yet: par_package_writer_install() puts the package in place.
 *
 * Returns: %TRUE on success
 */
gboolean
par_package_writer_finish (ParPackageWriter  *self,
                           char              *out_sha256,
                           gint64            *out_size,
                           GError           **error)
{
  int saved_errno;

  g_return_val_if_fail (self != NULL && !self->finished, FALSE);

  if (archive_write_close (self->archive) != ARCHIVE_OK)
    return archive_failed (self, error);
  self->finished = TRUE;

  if (fflush (self->file) != 0 || !sync_file (self->file))
    goto failed;
  if (fclose (g_steal_pointer (&self->file)) != 0)
    goto failed;

  par_sha256_finish_hex (&self->hash, out_sha256);
  if (out_size != NULL)
    *out_size = self->size;
  return TRUE;

failed:
  saved_errno = errno;
  g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the file: %s"),
               self->display_name, g_strerror (saved_errno));
  return FALSE;
}

/**
 * par_package_writer_install:
 * @self: a finished writer
 * @error: return location for a #GError
 *
 * Moves the finished package over the destination (replacing a file of the
 * same name in one step).
 *
 * Returns: %TRUE on success
 */
gboolean
par_package_writer_install (ParPackageWriter  *self,
                            GError           **error)
{
  g_return_val_if_fail (self != NULL && self->finished && !self->installed, FALSE);

  if (g_rename (self->temp_path, self->path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the file: %s"),
                   self->display_name, g_strerror (saved_errno));
      return FALSE;
    }
  self->installed = TRUE;
  return TRUE;
}

void
par_package_writer_free (ParPackageWriter *self)
{
  if (self == NULL)
    return;
  if (self->archive != NULL)
    {
      /* A writer given up midway leaves no archive end behind. */
      if (!self->finished)
        archive_write_fail (self->archive);
      archive_write_free (self->archive);
    }
  if (self->file != NULL)
    fclose (self->file);
  if (self->temp_path != NULL && !self->installed)
    g_unlink (self->temp_path);
  g_clear_error (&self->write_error);
  g_free (self->temp_path);
  g_free (self->path);
  g_free (self->display_name);
  g_free (self);
}
