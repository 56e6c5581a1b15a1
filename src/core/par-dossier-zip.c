/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-dossier-zip"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "par-dossier-private.h"
#include "par-error.h"
#include "par-zip-writer.h"

/*
 * The dossier as a zip: one folder per criterion ("1.1/") holding its
 * documents named "<criterion>_<number>.pdf", an explanation file where a
 * criterion has no evidence, and the evidence list as a workbook at the
 * top. Documents are copied chunk by chunk from the workspace.
 */

#define LIST_NAME "danh-muc-tai-lieu-kiem-chung.xlsx"

/* Characters that Windows, macOS or Linux refuse in a file name, and
 * spaces, become '-' or '_'. */
static char *
safe_name (const char *text,
           gsize       max_chars)
{
  GString *name = g_string_new (NULL);
  gsize chars = 0;

  for (const char *p = text; *p != '\0' && chars < max_chars; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || strchr ("/\\:*?\"<>|", c) != NULL)
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
  return g_string_free (name, FALSE);
}

static char *
entry_name (ParEvidence *evidence,
            GHashTable  *used)
{
  g_autofree char *folder = safe_name (evidence->criterion_code, 40);
  g_autofree char *stem = NULL;
  const char *extension = par_document_get_extension (evidence->document);
  char *name;

  stem = safe_name (evidence->document->number != NULL ? evidence->document->number
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
      g_autofree char *date = _par_dossier_format_date (evidence->document->date);
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

gboolean
_par_dossier_write_zip (ParDossierData  *data,
                        GOutputStream   *output,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(ParZipWriter) zip = par_zip_writer_new (output);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *list_path = NULL;
  gint64 bytes_total = 0;
  gint64 bytes_done = 0;
  gboolean ok;

  for (guint i = 0; i < data->evidence->len; i++)
    {
      ParEvidence *evidence = g_ptr_array_index (data->evidence, i);

      g_ptr_array_add (names, entry_name (evidence, used));
      bytes_total += evidence->document->size;
    }

  if (!(directory = g_dir_make_tmp ("parindex-dossier-XXXXXX", &local_error)))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot create a temporary folder: %s"),
                   local_error->message);
      return FALSE;
    }
  list_path = g_build_filename (directory, LIST_NAME, NULL);
  ok = write_list (data, names, list_path, error);
  if (ok)
    {
      g_autoptr(GFile) list_file = g_file_new_for_path (list_path);
      g_autoptr(GFileInputStream) list_stream = g_file_read (list_file, cancellable, error);

      ok = list_stream != NULL &&
           par_zip_writer_add_stream (zip, LIST_NAME, G_INPUT_STREAM (list_stream), FALSE,
                                      cancellable, error);
    }
  g_unlink (list_path);
  g_rmdir (directory);
  if (!ok)
    return FALSE;

  for (guint i = 0; i < data->evidence->len; i++)
    {
      ParEvidence *evidence = g_ptr_array_index (data->evidence, i);
      g_autoptr(GInputStream) stream = NULL;

      if (data->progress != NULL)
        data->progress (bytes_total > 0 ? 0.02 + 0.97 * bytes_done / bytes_total : 0.5,
                        evidence->document->title, data->progress_data);
      if (!(stream = par_workspace_read_document (data->workspace, evidence->document->id, error)) ||
          !par_zip_writer_add_stream (zip, g_ptr_array_index (names, i), stream, FALSE,
                                      cancellable, error))
        return FALSE;
      bytes_done += evidence->document->size;
    }

  for (guint s = 0; s < data->sections->len; s++)
    {
      ParDossierSection *section = &g_array_index (data->sections, ParDossierSection, s);
      g_autofree char *folder = NULL;
      g_autofree char *name = NULL;
      g_autofree char *text = NULL;

      if (section->explanation == NULL)
        continue;
      folder = safe_name (section->leaf->code, 40);
      name = g_strdup_printf ("%s/%s_giai-trinh.txt", folder, folder);
      text = g_strdup_printf ("Tiêu chí %s. %s\r\n\r\nGiải trình: %s\r\n", section->leaf->code,
                              section->leaf->title, section->explanation);
      if (!par_zip_writer_add_data (zip, name, text, strlen (text), TRUE, cancellable, error))
        return FALSE;
    }

  return par_zip_writer_finish (zip, cancellable, error);
}
