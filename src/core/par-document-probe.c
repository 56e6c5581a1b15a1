/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-document-probe"

#include "config.h"

#include <archive.h>
#include <errno.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <zlib.h>

#include "par-document-probe.h"
#include "par-error.h"
#include "par-poppler-private.h"

/*
 * What may be attached as evidence: PDF documents that Poppler opens, PNG
 * and JPEG images whose structure is whole, and office documents (.docx,
 * .xlsx, .odt, .ods) whose zip package is whole. The checks read the file
 * as a stream and never decode a whole image, so a 100 MB scan costs no
 * more memory than a small one.
 */

/* memmem() is a GNU extension, absent on Windows. */
static gboolean
contains_bytes (const guint8 *haystack,
                gsize         length,
                const char   *needle,
                gsize         needle_length)
{
  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (haystack + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

/* A big-endian 32-bit number at any address (a cast to guint32 * reads
 * an unaligned one, which is undefined). */
static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static gboolean
read_exactly (GInputStream  *stream,
              void          *buffer,
              gsize          count,
              GCancellable  *cancellable,
              GError       **error)
{
  gsize done = 0;

  if (!g_input_stream_read_all (stream, buffer, count, &done, cancellable, error))
    return FALSE;
  if (done != count)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("the file ends too early"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
skip_exactly (GInputStream  *stream,
              gsize          count,
              GCancellable  *cancellable,
              GError       **error)
{
  while (count > 0)
    {
      gssize n = g_input_stream_skip (stream, count, cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("the file ends too early"));
          return FALSE;
        }
      count -= n;
    }
  return TRUE;
}

/* Walks every chunk of a PNG checking its CRC, up to IEND. */
static gboolean
check_png (GInputStream  *stream,
           int           *out_width,
           int           *out_height,
           gboolean       whole,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  guint8 header[8];
  gboolean first = TRUE;

  if (!read_exactly (stream, header, 8, cancellable, error))
    return FALSE;
  if (memcmp (header, png_signature, 8) != 0)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("not a PNG image"));
      return FALSE;
    }

  for (;;)
    {
      guint32 length;
      guint32 crc;
      guint8 crc_bytes[4];
      guint32 remaining;

      if (!read_exactly (stream, header, 8, cancellable, error))
        return FALSE;
      length = read_be32 (header);
      if (length > G_MAXINT32)
        {
          g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("a PNG chunk is too long"));
          return FALSE;
        }
      if (first)
        {
          guint8 ihdr[13];

          if (memcmp (header + 4, "IHDR", 4) != 0 || length != 13 ||
              !read_exactly (stream, ihdr, 13, cancellable, error))
            {
              g_clear_error (error);
              g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                                   _("the PNG image has no valid header"));
              return FALSE;
            }
          *out_width = read_be32 (ihdr);
          *out_height = read_be32 (ihdr + 4);
          if (*out_width <= 0 || *out_height <= 0)
            {
              g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                                   _("the PNG image has no pixels"));
              return FALSE;
            }
          if (!whole)
            return TRUE;
          crc = crc32 (crc32 (0, header + 4, 4), ihdr, 13);
          remaining = 0;
          first = FALSE;
        }
      else
        {
          crc = crc32 (0, header + 4, 4);
          remaining = length;
        }

      while (remaining > 0)
        {
          gsize n = MIN (remaining, 64 * 1024);

          if (!read_exactly (stream, buffer, n, cancellable, error))
            return FALSE;
          crc = crc32 (crc, buffer, n);
          remaining -= n;
        }
      if (!read_exactly (stream, crc_bytes, 4, cancellable, error))
        return FALSE;
      if (read_be32 (crc_bytes) != crc)
        {
          g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                               _("the PNG image is damaged (checksum mismatch)"));
          return FALSE;
        }
      if (memcmp (header + 4, "IEND", 4) == 0)
        return TRUE;
    }
}

/* Reads JPEG markers up to the frame header (SOFn) for the size. */
static gboolean
check_jpeg (GInputStream  *stream,
            int           *out_width,
            int           *out_height,
            GCancellable  *cancellable,
            GError       **error)
{
  guint8 bytes[8];

  if (!read_exactly (stream, bytes, 2, cancellable, error))
    return FALSE;
  if (bytes[0] != 0xff || bytes[1] != 0xd8)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("not a JPEG image"));
      return FALSE;
    }

  for (;;)
    {
      guint8 marker;
      guint16 length;

      if (!read_exactly (stream, bytes, 1, cancellable, error))
        return FALSE;
      if (bytes[0] != 0xff)
        {
          g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                               _("the JPEG image is damaged (bad marker)"));
          return FALSE;
        }
      do
        {
          if (!read_exactly (stream, &marker, 1, cancellable, error))
            return FALSE;
        }
      while (marker == 0xff);

      if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01)
        continue;
      if (marker == 0xd9 || marker == 0xda)
        {
          g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                               _("the JPEG image has no frame header"));
          return FALSE;
        }

      if (!read_exactly (stream, bytes, 2, cancellable, error))
        return FALSE;
      length = (bytes[0] << 8) | bytes[1];
      if (length < 2)
        {
          g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                               _("the JPEG image is damaged (bad segment)"));
          return FALSE;
        }

      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (length < 8 || !read_exactly (stream, bytes, 5, cancellable, error))
            {
              g_clear_error (error);
              g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                                   _("the JPEG image is damaged (bad frame header)"));
              return FALSE;
            }
          *out_height = (bytes[1] << 8) | bytes[2];
          *out_width = (bytes[3] << 8) | bytes[4];
          if (*out_width <= 0 || *out_height <= 0)
            {
              g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                                   _("the JPEG image has no pixels"));
              return FALSE;
            }
          return TRUE;
        }

      if (!skip_exactly (stream, length - 2, cancellable, error))
        return FALSE;
    }
}

/**
 * par_image_read_header:
 * @stream: a stream at the start of a PNG or JPEG image
 * @media_type: %PAR_MEDIA_TYPE_PNG or %PAR_MEDIA_TYPE_JPEG
 * @out_width: (out): the width in pixels
 * @out_height: (out): the height in pixels
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the size of an image without decoding it.
 *
 * Returns: %TRUE on success
 */
gboolean
par_image_read_header (GInputStream  *stream,
                       const char    *media_type,
                       int           *out_width,
                       int           *out_height,
                       GCancellable  *cancellable,
                       GError       **error)
{
  if (g_strcmp0 (media_type, PAR_MEDIA_TYPE_PNG) == 0)
    return check_png (stream, out_width, out_height, FALSE, cancellable, error);
  return check_jpeg (stream, out_width, out_height, cancellable, error);
}

static gboolean
tail_contains (GInputStream  *stream,
               goffset        size,
               const char    *needle,
               GCancellable  *cancellable,
               GError       **error)
{
  guint8 tail[1024];
  gsize n = MIN (size, (goffset) sizeof tail);
  gsize done = 0;

  if (!g_seekable_seek (G_SEEKABLE (stream), size - n, G_SEEK_SET, cancellable, error) ||
      !g_input_stream_read_all (stream, tail, n, &done, cancellable, error))
    return FALSE;
  return contains_bytes (tail, done, needle, strlen (needle));
}

static gboolean
check_pdf (GInputStream  *stream,
           goffset        size,
           int           *out_page_count,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  int n_pages;

  /* A PDF ends with %%EOF in its last kilobyte; a file cut short in a copy
   * or a download does not, even when Poppler could rebuild part of it. */
  if (!tail_contains (stream, size, "%%EOF", cancellable, &local_error))
    {
      if (local_error != NULL)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot read the file: %s"),
                       local_error->message);
          return FALSE;
        }
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("the PDF file is damaged or incomplete (it has no end marker)"));
      return FALSE;
    }

  if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, &local_error) ||
      !(document = poppler_document_new_from_stream (stream, size, NULL, cancellable,
                                                     &local_error)))
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                             _("the PDF file is protected by a password; attach an unprotected copy"));
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                     _("the PDF file is damaged and cannot be opened (%s)"),
                     local_error != NULL ? local_error->message : "?");
      return FALSE;
    }

  n_pages = poppler_document_get_n_pages (document);
  if (n_pages < 1)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("the PDF file has no pages"));
      return FALSE;
    }
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      double width = 0, height = 0;

      if (page != NULL)
        poppler_page_get_size (page, &width, &height);
      if (page == NULL || width <= 0 || height <= 0)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("the PDF file is damaged: page %d cannot be read"), i + 1);
          return FALSE;
        }
    }

  *out_page_count = n_pages;
  return TRUE;
}

/* Office documents are zip packages: read with libarchive, every member
 * decompressed (so that its CRC is checked) within bounds, the kind
 * told by the ODF "mimetype" member or the OOXML main part. */
#define OFFICE_MAX_MEMBERS 20000
#define OFFICE_MAX_BYTES (G_GINT64_CONSTANT (2) << 30)

typedef struct
{
  GInputStream  *stream;
  GCancellable  *cancellable;
  guint8         buffer[65536];
} ArchiveRead;

static la_ssize_t
archive_read_cb (struct archive  *archive,
                 void            *user_data,
                 const void     **out_buffer)
{
  ArchiveRead *read = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read (read->stream, read->buffer, sizeof read->buffer,
                                  read->cancellable, &error);

  if (n < 0)
    {
      archive_set_error (archive, EIO, "%s", error->message);
      return -1;
    }
  *out_buffer = read->buffer;
  return n;
}

static gboolean
check_office (GInputStream  *stream,
              char         **out_media_type,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree ArchiveRead *read = g_new0 (ArchiveRead, 1);
  g_autofree char *odf_type = NULL;
  struct archive *archive;
  struct archive_entry *entry;
  gboolean content_types = FALSE, word = FALSE, workbook = FALSE;
  gint64 total = 0;
  guint members = 0;
  const char *problem = NULL;
  int status = ARCHIVE_OK;

  if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error))
    return FALSE;
  read->stream = stream;
  read->cancellable = cancellable;
  archive = archive_read_new ();
  archive_read_support_format_zip (archive);
  archive_read_support_filter_none (archive);
  if (archive_read_open (archive, read, NULL, archive_read_cb, NULL) != ARCHIVE_OK)
    problem = archive_error_string (archive);

  while (problem == NULL && (status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      gboolean is_mimetype = g_strcmp0 (name, "mimetype") == 0;
      GString *content = is_mimetype ? g_string_new (NULL) : NULL;
      guint8 buffer[16384];
      la_ssize_t n;

      if (++members > OFFICE_MAX_MEMBERS)
        {
          problem = _("it has too many parts");
          break;
        }
      content_types |= g_strcmp0 (name, "[Content_Types].xml") == 0;
      word |= g_strcmp0 (name, "word/document.xml") == 0;
      workbook |= g_strcmp0 (name, "xl/workbook.xml") == 0;
      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        {
          total += n;
          if (content != NULL && content->len < 100)
            g_string_append_len (content, (const char *) buffer, MIN (n, 100));
          if (total > OFFICE_MAX_BYTES)
            break;
        }
      if (content != NULL)
        {
          g_free (odf_type);
          odf_type = g_strndup (content->str, MIN (content->len, 100));
          g_string_free (content, TRUE);
        }
      if (n < 0)
        problem = archive_error_string (archive);
      else if (total > OFFICE_MAX_BYTES)
        problem = _("it unpacks to more than 2 GiB");
    }
  if (problem == NULL && status != ARCHIVE_EOF)
    problem = archive_error_string (archive);

  if (problem != NULL)
    g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                 _("the file is a damaged zip package, not an office document that can be "
                   "attached: %s"), problem);
  else if (g_strcmp0 (odf_type, PAR_MEDIA_TYPE_ODT) == 0 ||
           g_strcmp0 (odf_type, PAR_MEDIA_TYPE_ODS) == 0)
    *out_media_type = g_strdup (odf_type);
  else if (content_types && word)
    *out_media_type = g_strdup (PAR_MEDIA_TYPE_DOCX);
  else if (content_types && workbook)
    *out_media_type = g_strdup (PAR_MEDIA_TYPE_XLSX);
  else
    g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                         _("the file is a zip archive, not an office document (.docx, .xlsx, "
                           ".odt, .ods); only these, PDF documents and PNG or JPEG images can "
                           "be attached as evidence"));
  archive_read_free (archive);
  return problem == NULL && *out_media_type != NULL;
}

/**
 * par_document_probe_stream:
 * @stream: a seekable stream over the document
 * @size: the document's size in bytes
 * @out_media_type: (out) (transfer full): its media type
 * @out_page_count: (out): its number of pages
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * par_document_probe() on a stream: a document stored in a workspace, or
 * received in a package, is checked where it is.
 *
 * Returns: %TRUE when the document is a PDF, a PNG or a JPEG image that
 *   can be shown, or an office document
 */
gboolean
par_document_probe_stream (GInputStream   *stream,
                           goffset         size,
                           char          **out_media_type,
                           int            *out_page_count,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  guint8 head[1024];
  gsize n = 0;
  int width, height;

  g_return_val_if_fail (G_IS_SEEKABLE (stream), FALSE);

  if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, &local_error) ||
      !g_input_stream_read_all (stream, head, sizeof head, &n, cancellable, &local_error))
    {
      if (local_error->domain == PAR_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot read the file: %s"),
                     local_error->message);
      return FALSE;
    }

  if (n >= 5 && contains_bytes (head, n, "%PDF-", 5))
    {
      if (!check_pdf (stream, size, out_page_count, cancellable, error))
        return FALSE;
      *out_media_type = g_strdup (PAR_MEDIA_TYPE_PDF);
      return TRUE;
    }

  if (n >= 8 && memcmp (head, png_signature, 8) == 0)
    {
      if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error) ||
          !check_png (stream, &width, &height, TRUE, cancellable, error))
        return FALSE;
      *out_media_type = g_strdup (PAR_MEDIA_TYPE_PNG);
      *out_page_count = 1;
      return TRUE;
    }

  if (n >= 3 && head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff)
    {
      if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error) ||
          !check_jpeg (stream, &width, &height, cancellable, error))
        return FALSE;
      /* A JPEG ends with EOI; one without it was cut short. */
      if (!tail_contains (stream, size, "\xff\xd9", cancellable, &local_error))
        {
          g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                               _("the JPEG image is incomplete (it has no end marker)"));
          return FALSE;
        }
      *out_media_type = g_strdup (PAR_MEDIA_TYPE_JPEG);
      *out_page_count = 1;
      return TRUE;
    }

  if (n >= 4 && memcmp (head, "PK\003\004", 4) == 0)
    {
      if (!check_office (stream, out_media_type, cancellable, error))
        return FALSE;
      /* The pages are known once LibreOffice lays the document out. */
      *out_page_count = 1;
      return TRUE;
    }

  g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("the file is not a PDF document, a PNG or a JPEG image, nor an office "
                         "document (.docx, .xlsx, .odt, .ods); only these can be attached as "
                         "evidence"));
  return FALSE;
}

/**
 * par_document_probe:
 * @file: the file to attach
 * @out_media_type: (out) (transfer full): its media type
 * @out_page_count: (out): its number of pages
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Checks that @file is a PDF that Poppler opens, a whole PNG or JPEG
 * image, or a whole office document (.docx, .xlsx, .odt, .ods). Anything else is refused with %PAR_ERROR_INVALID and a message
 * saying why; a file that cannot be read gives %PAR_ERROR_IO.
 *
 * Returns: %TRUE when the file can be attached
 */
gboolean
par_document_probe (GFile          *file,
                    char          **out_media_type,
                    int            *out_page_count,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                  G_FILE_QUERY_INFO_NONE, cancellable, &local_error)) ||
      !(stream = g_file_read (file, cancellable, &local_error)))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot read the file: %s"),
                   local_error->message);
      return FALSE;
    }
  return par_document_probe_stream (G_INPUT_STREAM (stream), g_file_info_get_size (info),
                                    out_media_type, out_page_count, cancellable, error);
}
