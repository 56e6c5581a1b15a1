/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-dossier-zip"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>

#include "par-decision.h"
#include "par-dossier-private.h"
#include "par-error.h"

/*
 * The dossier as a zip: one folder per criterion ("1.1/") holding its
 * documents named "<criterion>_<number>.pdf", an explanation file where a
 * criterion has no evidence, and the evidence list as a workbook at the
 * top. Documents are copied chunk by chunk from the workspace.
 */

#define LIST_NAME "danh-muc-tai-lieu-kiem-chung.xlsx"

/* Windows refuses these names whatever their suffix ("NUL.pdf" too). */
static gboolean
is_reserved_name (const char *name)
{
  static const char *const reserved[] = {
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
    "COM\u00b9", "COM\u00b2", "COM\u00b3",
    "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    "LPT\u00b9", "LPT\u00b2", "LPT\u00b3",
  };
  const char *dot = strchr (name, '.');
  g_autofree char *stem = g_ascii_strup (name, dot != NULL ? dot - name : -1);

  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    if (g_str_equal (stem, reserved[i]))
      return TRUE;
  return FALSE;
}

/* Invisible characters that change the order text is shown in, and other
 * format characters: a name with them shows as something it is not. */
static gboolean
is_hidden_control (gunichar c)
{
  return g_unichar_type (c) == G_UNICODE_FORMAT && c != 0x200D /* joins emoji */;
}

/**
 * _par_dossier_safe_name:
 * @text: a criterion's code, a document's number or title
 * @max_chars: the most characters to keep
 *
 * A file name that extracts the same on Windows, macOS and Linux: NFC;
 * characters those systems refuse, control and bidirectional characters
 * become '-', white space '_'; no trailing dot or space; not a name
 * Windows reserves. Letters of every script and emoji are kept.
 *
 * Returns: (transfer full): the name, never empty
 */
char *
_par_dossier_safe_name (const char *text,
                        gsize       max_chars)
{
  g_autofree char *normal = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_NFC);
  GString *name = g_string_new (NULL);
  gsize chars = 0;

  for (const char *p = normal != NULL ? normal : ""; *p != '\0' && chars < max_chars;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
          (c < 0x80 && strchr ("/\\:*?\"<>|", (int) c) != NULL) || is_hidden_control (c))
        g_string_append_c (name, '-');
      else if (g_unichar_isspace (c))
        g_string_append_c (name, '_');
      else
        g_string_append_unichar (name, c);
      chars++;
    }
  /* Neither "." nor ".." nor a name ending in a dot or a space. */
  while (name->len > 0 && (name->str[name->len - 1] == '.' || name->str[name->len - 1] == '_'))
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_append (name, "tai-lieu");
  if (is_reserved_name (name->str))
    g_string_prepend_c (name, '_');
  return g_string_free (name, FALSE);
}

static char *
entry_name (ParEvidence *evidence,
            GHashTable  *used)
{
  g_autofree char *folder = _par_dossier_safe_name (evidence->criterion_code, 40);
  g_autofree char *stem = NULL;
  const char *extension = par_document_get_extension (evidence->document);
  char *name;

  stem = _par_dossier_safe_name (evidence->document->number != NULL ? evidence->document->number
                                                       : evidence->document->title, 60);
  name = g_strdup_printf ("%s/%s_%s.%s", folder, folder, stem, extension);
  for (guint n = 2; g_hash_table_contains (used, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s/%s_%s_%u.%s", folder, folder, stem, n, extension);
    }
  g_hash_table_add (used, g_strdup (name));
  return name;
}

static gboolean
write_list (ParDossierData  *data,
            GPtrArray       *names,
            const char      *path,
            GError         **error)
{
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *sheet;
  lxw_format *title, *header, *cell, *center;
  lxw_error status;
  static const char *headings[] = {
    "STT", "Tiêu chí", "Số, ký hiệu", "Ngày ban hành", "Cơ quan ban hành",
    "Tên, trích yếu nội dung tài liệu", "Trang", "Tệp",
  };
  static const double widths[] = { 6, 9, 18, 13, 24, 50, 10, 36 };
  g_autofree char *heading = NULL;
  lxw_row_t row = 3;

  if (workbook == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot create the evidence list workbook"));
      return FALSE;
    }

  sheet = workbook_add_worksheet (workbook, "Danh mục");
  title = workbook_add_format (workbook);
  format_set_bold (title);
  format_set_font_name (title, "Times New Roman");
  format_set_font_size (title, 14);
  format_set_align (title, LXW_ALIGN_CENTER);
  header = workbook_add_format (workbook);
  format_set_bold (header);
  format_set_font_name (header, "Times New Roman");
  format_set_font_size (header, 12);
  format_set_border (header, LXW_BORDER_THIN);
  format_set_text_wrap (header);
  format_set_align (header, LXW_ALIGN_CENTER);
  format_set_align (header, LXW_ALIGN_VERTICAL_CENTER);
  cell = workbook_add_format (workbook);
  format_set_font_name (cell, "Times New Roman");
  format_set_font_size (cell, 12);
  format_set_border (cell, LXW_BORDER_THIN);
  format_set_text_wrap (cell);
  format_set_align (cell, LXW_ALIGN_VERTICAL_TOP);
  center = workbook_add_format (workbook);
  format_set_font_name (center, "Times New Roman");
  format_set_font_size (center, 12);
  format_set_border (center, LXW_BORDER_THIN);
  format_set_align (center, LXW_ALIGN_CENTER);
  format_set_align (center, LXW_ALIGN_VERTICAL_TOP);

  worksheet_set_landscape (sheet);
  worksheet_set_paper (sheet, 9);
  worksheet_repeat_rows (sheet, 3, 3);
  for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
    worksheet_set_column (sheet, c, c, widths[c], NULL);

  heading = g_strdup_printf ("DANH MỤC TÀI LIỆU KIỂM CHỨNG CHỈ SỐ CCHC NĂM %d", data->year);
  worksheet_merge_range (sheet, 0, 0, 0, G_N_ELEMENTS (headings) - 1, heading, title);
  g_free (heading);
  heading = g_strdup_printf ("%s (%s)", data->unit_name, data->unit_code);
  worksheet_merge_range (sheet, 1, 0, 1, G_N_ELEMENTS (headings) - 1, heading, title);
  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    worksheet_write_string (sheet, 3, c, headings[c], header);

  for (guint i = 0; i < data->evidence->len; i++)
    {
      ParEvidence *evidence = g_ptr_array_index (data->evidence, i);
      g_autofree char *date = par_date_format_short (evidence->document->date);
      g_autofree char *pages = _par_dossier_pages_text (evidence);

      row++;
      worksheet_write_number (sheet, row, 0, i + 1, center);
      worksheet_write_string (sheet, row, 1, evidence->criterion_code, center);
      worksheet_write_string (sheet, row, 2, evidence->document->number != NULL
                                             ? evidence->document->number : "", cell);
      worksheet_write_string (sheet, row, 3, date, center);
      worksheet_write_string (sheet, row, 4, evidence->document->issuer != NULL
                                             ? evidence->document->issuer : "", cell);
      worksheet_write_string (sheet, row, 5, evidence->document->title, cell);
      worksheet_write_string (sheet, row, 6, pages, center);
      worksheet_write_string (sheet, row, 7, g_ptr_array_index (names, i), cell);
    }

  for (guint s = 0; s < data->sections->len; s++)
    {
      ParDossierSection *section = &g_array_index (data->sections, ParDossierSection, s);
      g_autofree char *text = NULL;

      if (section->explanation == NULL)
        continue;
      row++;
      text = g_strdup_printf ("Giải trình: %s", section->explanation);
      worksheet_write_string (sheet, row, 1, section->leaf->code, center);
      worksheet_merge_range (sheet, row, 2, row, 7, text, cell);
    }

  status = workbook_close (workbook);
  if (status != LXW_NO_ERROR)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot write the evidence list workbook: %s"),
                   lxw_strerror (status));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  struct archive *archive;
  GOutputStream  *output;
  GCancellable   *cancellable;
  GError         *error;
} Zip;

static la_ssize_t
zip_write (struct archive *archive,
           void           *user_data,
           const void     *buffer,
           size_t          length)
{
  Zip *zip = user_data;
  gsize written = 0;

  if (zip->error == NULL &&
      g_output_stream_write_all (zip->output, buffer, length, &written, zip->cancellable,
                                 &zip->error))
    return written;
  archive_set_error (archive, EIO, "%s", zip->error->message);
  return -1;
}

static int
zip_close (struct archive *archive,
           void           *user_data)
{
  Zip *zip = user_data;

  if (zip->error == NULL &&
      g_output_stream_close (zip->output, zip->cancellable, &zip->error))
    return ARCHIVE_OK;
  if (zip->error != NULL)
    archive_set_error (archive, EIO, "%s", zip->error->message);
  return ARCHIVE_FATAL;
}

/* What went wrong, from the stream when writing failed there. */
static gboolean
zip_failed (Zip     *zip,
            GError **error)
{
  if (zip->error != NULL)
    g_propagate_error (error, g_steal_pointer (&zip->error));
  else
    g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot write the zip: %s"),
                 archive_error_string (zip->archive) != NULL
                 ? archive_error_string (zip->archive) : g_strerror (EIO));
  return FALSE;
}

/* One member, copied from @input as it comes. */
static gboolean
zip_add (Zip           *zip,
         const char    *name,
         GInputStream  *input,
         gint64         size,
         GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  struct archive_entry *entry = archive_entry_new ();
  g_autofree guint8 *buffer = g_malloc (PAR_DOCUMENT_CHUNK_SIZE);
  gint64 done = 0;
  int status;

#ifdef G_OS_WIN32
  /* libarchive on Windows takes names in UTF-16: from UTF-8 it would go
   * through the C runtime's code page, which has no Vietnamese letters, and
   * lose the name (libarchive 3.6 then reads a NULL name and crashes). */
  {
    g_autofree gunichar2 *wide = g_utf8_to_utf16 (name, -1, NULL, NULL, NULL);

    archive_entry_copy_pathname_w (entry, (const wchar_t *) wide);
  }
#else
  archive_entry_set_pathname_utf8 (entry, name);
#endif
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  archive_entry_set_mtime (entry, g_date_time_to_unix (now), 0);
  status = archive_write_header (zip->archive, entry);
  archive_entry_free (entry);
  if (status != ARCHIVE_OK)
    return zip_failed (zip, error);

  while (done < size)
    {
      gssize n = g_input_stream_read (input, buffer, MIN (PAR_DOCUMENT_CHUNK_SIZE, size - done),
                                      zip->cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                       _("cannot write the zip: “%s” ended early"), name);
          return FALSE;
        }
      if (archive_write_data (zip->archive, buffer, n) != n)
        return zip_failed (zip, error);
      done += n;
    }
  if (archive_write_finish_entry (zip->archive) != ARCHIVE_OK)
    return zip_failed (zip, error);
  return TRUE;
}

static gboolean
zip_add_text (Zip         *zip,
              const char  *name,
              const char  *text,
              GError     **error)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (text, strlen (text), NULL);

  return zip_add (zip, name, input, strlen (text), error);
}

gboolean
_par_dossier_write_zip (ParDossierData  *data,
                        const char      *path,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) output = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *list_path = NULL;
  Zip zip = { NULL, NULL, cancellable, NULL };
  gint64 bytes_total = 0;
  gint64 bytes_done = 0;
  gboolean ok;

  for (guint i = 0; i < data->evidence->len; i++)
    {
      ParEvidence *evidence = g_ptr_array_index (data->evidence, i);

      g_ptr_array_add (names, entry_name (evidence, used));
      bytes_total += evidence->document->size;
    }

  /* The partial file exists and is empty: appending writes it in place. */
  if (!(output = g_file_append_to (file, G_FILE_CREATE_NONE, cancellable, error)))
    return FALSE;
  zip.output = G_OUTPUT_STREAM (output);
  zip.archive = archive_write_new ();
  archive_write_set_format_zip (zip.archive);
  /* Names are UTF-8 and flagged so, whatever the locale. */
  archive_write_set_format_option (zip.archive, "zip", "hdrcharset", "UTF-8");
  /* Members are stored as they are: documents and the workbook are
   * compressed already, and the explanations are short. */
  archive_write_set_format_option (zip.archive, "zip", "compression", "store");
  archive_write_set_bytes_in_last_block (zip.archive, 1);
  if (archive_write_open2 (zip.archive, &zip, NULL, zip_write, zip_close, NULL) != ARCHIVE_OK)
    {
      ok = zip_failed (&zip, error);
      goto out;
    }

  if (!(directory = g_dir_make_tmp ("parindex-dossier-XXXXXX", &local_error)))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot create a temporary folder: %s"),
                   local_error->message);
      ok = FALSE;
      goto out;
    }
  list_path = g_build_filename (directory, LIST_NAME, NULL);
  ok = write_list (data, names, list_path, error);
  if (ok)
    {
      g_autoptr(GFile) list_file = g_file_new_for_path (list_path);
      g_autoptr(GFileInfo) info = g_file_query_info (list_file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NONE, cancellable, error);
      g_autoptr(GFileInputStream) list_stream = info != NULL
        ? g_file_read (list_file, cancellable, error) : NULL;

      ok = list_stream != NULL &&
           zip_add (&zip, LIST_NAME, G_INPUT_STREAM (list_stream), g_file_info_get_size (info),
                    error);
    }
  g_unlink (list_path);
  g_rmdir (directory);

  for (guint i = 0; ok && i < data->evidence->len; i++)
    {
      ParEvidence *evidence = g_ptr_array_index (data->evidence, i);
      g_autoptr(GInputStream) stream = NULL;

      if (data->progress != NULL)
        data->progress (bytes_total > 0 ? 0.02 + 0.97 * bytes_done / bytes_total : 0.5,
                        evidence->document->title, data->progress_data);
      ok = (stream = par_workspace_read_document (data->workspace, evidence->document->id,
                                                  error)) != NULL &&
           zip_add (&zip, g_ptr_array_index (names, i), stream, evidence->document->size,
                    error);
      bytes_done += evidence->document->size;
    }

  for (guint s = 0; ok && s < data->sections->len; s++)
    {
      ParDossierSection *section = &g_array_index (data->sections, ParDossierSection, s);
      g_autofree char *folder = NULL;
      g_autofree char *name = NULL;
      g_autofree char *text = NULL;

      if (section->explanation == NULL)
        continue;
      folder = _par_dossier_safe_name (section->leaf->code, 40);
      name = g_strdup_printf ("%s/%s_giai-trinh.txt", folder, folder);
      text = g_strdup_printf ("Tiêu chí %s. %s\r\n\r\nGiải trình: %s\r\n", section->leaf->code,
                              section->leaf->title, section->explanation);
      ok = zip_add_text (&zip, name, text, error);
    }

  if (ok && archive_write_close (zip.archive) != ARCHIVE_OK)
    ok = zip_failed (&zip, error);

out:
  archive_write_free (zip.archive);
  g_clear_error (&zip.error);
  return ok;
}
