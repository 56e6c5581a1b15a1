/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-document-probe"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zlib.h>

#include "par-document-probe.h"
#include "par-error.h"
#include "par-poppler-private.h"

/*
 * What may be attached as evidence: PDF documents that Poppler opens, and
 * PNG and JPEG images whose structure is whole. The checks read the file
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
      length = GUINT32_FROM_BE (*(guint32 *) header);
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
          *out_width = GUINT32_FROM_BE (*(guint32 *) ihdr);
          *out_height = GUINT32_FROM_BE (*(guint32 *) (ihdr + 4));
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
      if (GUINT32_FROM_BE (*(guint32 *) crc_bytes) != crc)
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
tail_contains (GFile         *file,
               goffset        size,
               const char    *needle,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  guint8 tail[1024];
  gsize n = MIN (size, (goffset) sizeof tail);
  gsize done = 0;

  if (!(stream = g_file_read (file, cancellable, error)) ||
      !g_seekable_seek (G_SEEKABLE (stream), size - n, G_SEEK_SET, cancellable, error) ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), tail, n, &done, cancellable, error))
    return FALSE;
  return contains_bytes (tail, done, needle, strlen (needle));
}

static gboolean
check_pdf (GFile         *file,
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
  if (!tail_contains (file, size, "%%EOF", cancellable, &local_error))
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

  document = poppler_document_new_from_gfile (file, NULL, cancellable, &local_error);
  if (document == NULL)
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

/**
 * par_document_probe:
 * @file: the file to attach
 * @out_media_type: (out) (transfer full): its media type
 * @out_page_count: (out): its number of pages
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Checks that @file is a PDF that Poppler opens, or a whole PNG or JPEG
 * image. Anything else is refused with %PAR_ERROR_INVALID and a message
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
  guint8 head[1024];
  gsize n = 0;
  goffset size;
  int width, height;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                  G_FILE_QUERY_INFO_NONE, cancellable, &local_error)) ||
      !(stream = g_file_read (file, cancellable, &local_error)) ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n, cancellable,
                                &local_error))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot read the file: %s"),
                   local_error->message);
      return FALSE;
    }
  size = g_file_info_get_size (info);

  if (n >= 5 && contains_bytes (head, n, "%PDF-", 5))
    {
      if (!check_pdf (file, size, out_page_count, cancellable, error))
        return FALSE;
      *out_media_type = g_strdup (PAR_MEDIA_TYPE_PDF);
      return TRUE;
    }

  if (n >= 8 && memcmp (head, png_signature, 8) == 0)
    {
      if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error) ||
          !check_png (G_INPUT_STREAM (stream), &width, &height, TRUE, cancellable, error))
        return FALSE;
      *out_media_type = g_strdup (PAR_MEDIA_TYPE_PNG);
      *out_page_count = 1;
      return TRUE;
    }

  if (n >= 3 && head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff)
    {
      if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error) ||
          !check_jpeg (G_INPUT_STREAM (stream), &width, &height, cancellable, error))
        return FALSE;
      /* A JPEG ends with EOI; one without it was cut short. */
      if (!tail_contains (file, size, "\xff\xd9", cancellable, &local_error))
        {
          g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                               _("the JPEG image is incomplete (it has no end marker)"));
          return FALSE;
        }
      *out_media_type = g_strdup (PAR_MEDIA_TYPE_JPEG);
      *out_page_count = 1;
      return TRUE;
    }

  g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("the file is not a PDF document, a PNG or a JPEG image; only these can "
                         "be attached as evidence"));
  return FALSE;
}
