/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-annex-workbook"

#include "config.h"

#include "par-annex-workbook.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef G_OS_UNIX
#include <sys/resource.h>
#endif
#ifdef G_OS_WIN32
#include <stdio.h>
#endif

#include "par-annex-pages.h"
#include "par-error.h"
#include "par-output-file.h"
#include "par-xlsx-private.h"

/*
 * The annexes as one Excel workbook (par-annex-document.h): a worksheet
 * per sheet, A4, scaled to the page width, the decree's margins, header
 * rows repeated on every page, frozen panes and the page footer (the
 * fingerprint on the left, "Trang 1/3" on the right). Numbers become
 * doubles only here, at the last step, with a number format a Vietnamese
 * Excel shows with its decimal comma.
 */

#define POINTS_PER_INCH 72.0

typedef struct
{
  lxw_workbook *workbook;
  GHashTable   *formats;  /* style key → lxw_format */
  lxw_error     status;   /* the first error */
} Writer;

static void
record (Writer    *writer,
        lxw_error  status)
{
  if (status != LXW_NO_ERROR && writer->status == LXW_NO_ERROR)
    writer->status = status;
}

static const char *
number_format (ParAnnexFormat format)
{
  switch (format)
    {
    case PAR_ANNEX_FORMAT_POINTS: return "0.00#";
    case PAR_ANNEX_FORMAT_INDEX: return "0.00";
    case PAR_ANNEX_FORMAT_INTEGER: return "0";
    case PAR_ANNEX_FORMAT_INDEX_CHANGE: return "+0.00;-0.00;0.00";
    case PAR_ANNEX_FORMAT_RANK_CHANGE: return "+0;-0;0";
    case PAR_ANNEX_FORMAT_NONE:
    default:
      return NULL;
    }
}

/* Formats, created once per distinct style. */
static lxw_format *
get_format (Writer              *writer,
            const ParAnnexStyle *style)
{
  g_autofree char *key = NULL;
  lxw_format *format;

  key = g_strdup_printf ("%u/%d%d%d%d%d/%d/%u/%d", style->size, style->bold, style->italic,
                         style->underline, style->border, style->wrap, style->align,
                         style->indent, style->format);
  format = g_hash_table_lookup (writer->formats, key);
  if (format != NULL)
    return format;

  format = workbook_add_format (writer->workbook);
  format_set_font_name (format, PAR_ANNEX_FONT);
  format_set_font_size (format, style->size);
  if (style->bold)
    format_set_bold (format);
  if (style->italic)
    format_set_italic (format);
  if (style->underline)
    format_set_underline (format, LXW_UNDERLINE_SINGLE);
  if (style->border)
    format_set_border (format, LXW_BORDER_THIN);
  if (style->wrap)
    format_set_text_wrap (format);
  switch (style->align)
    {
    case PAR_ANNEX_ALIGN_LEFT: format_set_align (format, LXW_ALIGN_LEFT); break;
    case PAR_ANNEX_ALIGN_CENTER: format_set_align (format, LXW_ALIGN_CENTER); break;
    case PAR_ANNEX_ALIGN_RIGHT: format_set_align (format, LXW_ALIGN_RIGHT); break;
    default: g_assert_not_reached ();
    }
  format_set_align (format, LXW_ALIGN_VERTICAL_CENTER);
  if (style->indent > 0)
    format_set_indent (format, style->indent);
  if (number_format (style->format) != NULL)
    format_set_num_format (format, number_format (style->format));

  g_hash_table_insert (writer->formats, g_steal_pointer (&key), format);
  return format;
}

static double
cell_number (const ParAnnexCell *cell)
{
  double scale = 1.0;

  /* One division, so that 88980 / 1000.0 is the double nearest 88.98. */
  for (guint d = 0; d < cell->decimals; d++)
    scale *= 10.0;
  return (double) cell->value / scale;
}

static void
write_cell (Writer             *writer,
            lxw_worksheet      *ws,
            const ParAnnexCell *cell)
{
  lxw_format *format = get_format (writer, &cell->style);

  if (cell->last_row > cell->row || cell->last_col > cell->col)
    {
      record (writer, worksheet_merge_range (ws, cell->row, cell->col, cell->last_row,
                                             cell->last_col,
                                             cell->text != NULL ? cell->text : "", format));
      return;
    }

  switch (cell->kind)
    {
    case PAR_ANNEX_CELL_BLANK:
      record (writer, worksheet_write_blank (ws, cell->row, cell->col, format));
      break;
    case PAR_ANNEX_CELL_TEXT:
      record (writer, worksheet_write_string (ws, cell->row, cell->col,
                                              cell->text != NULL ? cell->text : "", format));
      break;
    case PAR_ANNEX_CELL_NUMBER:
      if (cell->formula != NULL)
        record (writer, worksheet_write_formula_num (ws, cell->row, cell->col, cell->formula,
                                                     format, cell_number (cell)));
      else
        record (writer, worksheet_write_number (ws, cell->row, cell->col, cell_number (cell),
                                                format));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The page footer: the fingerprint in small type on the left, the page
 * number on the right. "&" is the footer's escape character. */
static char *
make_footer (const char *fingerprint)
{
  GString *footer = g_string_new (NULL);

  if (fingerprint != NULL && fingerprint[0] != '\0')
    {
      g_autofree char *escaped = NULL;
      g_auto(GStrv) parts = g_strsplit (fingerprint, "&", -1);

      escaped = g_strjoinv ("&&", parts);
      g_string_append_printf (footer, "&L&\"" PAR_ANNEX_FONT ",Regular\"&7Mã kiểm tra: %s",
                              escaped);
    }
  g_string_append (footer, "&R&\"" PAR_ANNEX_FONT ",Regular\"&11Trang &P/&N");
  return g_string_free (footer, FALSE);
}

/* Cells in the order a constant-memory workbook takes them: by row, a
 * merge reaching into the rows below last in its row (it writes blanks
 * there, which starts the next row), else in the order written (a number
 * over the first cell of a merged range comes after the range). */
static int
compare_cells (gconstpointer a,
               gconstpointer b)
{
  const ParAnnexCell *x = *(const ParAnnexCell **) a;
  const ParAnnexCell *y = *(const ParAnnexCell **) b;
  gboolean x_down = x->last_row > x->row;
  gboolean y_down = y->last_row > y->row;

  if (x->row != y->row)
    return x->row < y->row ? -1 : 1;
  if (x_down != y_down)
    return x_down ? 1 : -1;
  return x < y ? -1 : x > y ? 1 : 0;
}

static void
write_sheet (Writer              *writer,
             const ParAnnexSheet *sheet,
             const char          *footer)
{
  g_autoptr(GArray) page_breaks = par_annex_pages_get_sheet_breaks (sheet);
  g_autofree const ParAnnexCell **sorted = g_new (const ParAnnexCell *, sheet->cells->len + 1);
  guint next = 0;
  lxw_worksheet *ws = workbook_add_worksheet (writer->workbook, sheet->name);
  lxw_header_footer_options footer_options = { 0.3 };

  if (ws == NULL)
    {
      record (writer, LXW_ERROR_SHEETNAME_ALREADY_USED);
      return;
    }

  for (guint c = 0; c < sheet->n_columns; c++)
    record (writer, worksheet_set_column (ws, c, c, sheet->widths[c], NULL));

  /* Row by row: the workbook keeps one row in memory at a time. */
  for (guint i = 0; i < sheet->cells->len; i++)
    sorted[i] = &g_array_index (sheet->cells, ParAnnexCell, i);
  qsort (sorted, sheet->cells->len, sizeof (const ParAnnexCell *), compare_cells);
  for (guint r = 0; r < sheet->n_rows; r++)
    {
      if (r < sheet->heights->len && g_array_index (sheet->heights, double, r) > 0)
        record (writer, worksheet_set_row (ws, r, g_array_index (sheet->heights, double, r),
                                           NULL));
      for (; next < sheet->cells->len && sorted[next]->row == r; next++)
        write_cell (writer, ws, sorted[next]);
    }

  if (sheet->repeat)
    record (writer, worksheet_repeat_rows (ws, sheet->repeat_first, sheet->repeat_last));
  if (sheet->freeze_row > 0 || sheet->freeze_col > 0)
    worksheet_freeze_panes (ws, sheet->freeze_row, sheet->freeze_col);
  /* The pages as printed (par-annex-pages.c): the sheet's own breaks, and
   * where a page is full or a table would leave a few rows alone. */
  if (page_breaks->len > 0)
    {
      g_autofree lxw_row_t *breaks = g_new0 (lxw_row_t, page_breaks->len + 1);

      for (guint i = 0; i < page_breaks->len; i++)
        breaks[i] = g_array_index (page_breaks, guint, i);
      record (writer, worksheet_set_h_pagebreaks (ws, breaks));
    }

  if (sheet->landscape)
    worksheet_set_landscape (ws);
  else
    worksheet_set_portrait (ws);
  worksheet_set_paper (ws, 9);  /* A4 */
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_set_margins (ws, PAR_ANNEX_MARGIN_LEFT / POINTS_PER_INCH,
                         PAR_ANNEX_MARGIN_RIGHT / POINTS_PER_INCH,
                         PAR_ANNEX_MARGIN_TOP / POINTS_PER_INCH,
                         PAR_ANNEX_MARGIN_BOTTOM / POINTS_PER_INCH);
  worksheet_center_horizontally (ws);
  record (writer, worksheet_set_footer_opt (ws, footer, &footer_options));
}

/*
 * A workbook of thousands of sheets (a national year's score sheets) in
 * flat memory. libxlsxwriter's constant memory keeps one row in memory,
 * but a temporary file open for every worksheet until the workbook is
 * closed, and a 128 KiB table of columns per worksheet, which it allocates
 * zeroed: memory a system gives lazily when the allocation is a mapping of
 * its own. Two things follow:
 *
 * - the process may open as many files as there are sheets: the soft limit
 *   is raised towards the hard one (Windows's C library: its stream limit);
 * - with glibc, allocations from 128 KiB up stay mappings (glibc otherwise
 *   moves the threshold up once such a block is freed, and the tables then
 *   come from the heap, every page of them touched: 3,321 sheets took
 *   390 MB instead of 135 MB).
 */
static gboolean
allow_sheets (guint        n_sheets,
              const char  *path,
              GError     **error)
{
  guint64 wanted = (guint64) n_sheets + 256;
  guint64 allowed = wanted;

#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
#endif
#ifdef G_OS_UNIX
  {
    struct rlimit limit;

    if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
        limit.rlim_cur < wanted)
      {
        allowed = limit.rlim_max == RLIM_INFINITY ? wanted : MIN (wanted, limit.rlim_max);
        limit.rlim_cur = allowed;
        if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
          allowed = 0;
      }
  }
#elif defined (G_OS_WIN32)
  allowed = _setmaxstdio ((int) MIN (wanted, 8192)) == -1 ? 512 : MIN (wanted, 8192);
#endif
  if (allowed < wanted)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("%s: a workbook of %u sheets needs as many files open at once, more than "
                     "this system allows; write the annexes as a PDF, or choose fewer units"),
                   path, n_sheets);
      return FALSE;
    }
  return TRUE;
}

/* A new, empty file beside @path for the workbook to be written to. Its
 * creation reports a folder that cannot be written with the system's
 * reason, before any work. */
/**
 * par_annex_workbook_write_document:
 * @document: the annexes
 * @path: the .xlsx file to write
 * @progress: (nullable): told after each sheet
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes @document as one workbook. The workbook keeps one row in memory
 * at a time (libxlsxwriter's constant memory), and the sheets made on
 * demand (score sheets) are made, written and freed one at a time: memory
 * stays flat whatever their number. The file is written beside @path and
 * moved over it when complete, so a failure leaves an existing file as it
 * was.
 *
 * Returns: %TRUE when the workbook was written; %FALSE with
 *   %PAR_ERROR_IO when the file cannot be written, or
 *   %G_IO_ERROR_CANCELLED
 */
gboolean
par_annex_workbook_write_document (ParAnnexDocument  *document,
                                   const char        *path,
                                   ParProgressFunc    progress,
                                   gpointer           progress_data,
                                   GCancellable      *cancellable,
                                   GError           **error)
{
  g_autoptr(lxw_workbook) workbook = NULL;
  g_autoptr(GHashTable) formats = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *temp_path = NULL;
  g_autofree char *footer = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_doc_properties properties = { 0 };
  /* libxlsxwriter takes its texts as char *, never writing them. */
  static char program_name[] = "ParIndex";
  guint n_sheets = par_annex_document_get_n_sheets (document);
  Writer writer = { 0 };
  lxw_error status;

  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !allow_sheets (n_sheets, path, error))
    return FALSE;
  if (!(temp_path = par_output_file_begin (path, ".xlsx", &local_error)))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the annex: %s"), path,
                   local_error->message);
      return FALSE;
    }

  workbook = workbook_new_opt (temp_path, &options);
  if (workbook == NULL)
    {
      g_unlink (temp_path);
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the annex"), path);
      return FALSE;
    }

  formats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  writer.workbook = workbook;
  writer.formats = formats;
  footer = make_footer (document->fingerprint);

  properties.title = document->title;
  properties.subject = document->subject;
  properties.author = document->author;
  properties.comments = program_name;
  record (&writer, workbook_set_properties (workbook, &properties));

  for (guint i = 0; i < n_sheets && writer.status == LXW_NO_ERROR; i++)
    {
      g_autoptr(ParAnnexSheet) made = NULL;
      const ParAnnexSheet *sheet;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !(sheet = par_annex_document_get_sheet (document, i, &made, error)))
        {
          g_unlink (temp_path);
          return FALSE;
        }
      write_sheet (&writer, sheet, footer);
      if (progress != NULL)
        progress ((double) (i + 1) / n_sheets, sheet->name, progress_data);
    }
  if (writer.status != LXW_NO_ERROR)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the annex: %s"), path,
                   lxw_strerror (writer.status));
      g_unlink (temp_path);
      return FALSE;
    }

  errno = 0;
  status = workbook_close (g_steal_pointer (&workbook));
  if (status != LXW_NO_ERROR)
    {
      int saved_errno = errno;

      /* libxlsxwriter's text says "Zip generic error"; the system's says
       * what to do ("No space left on device"). */
      if (saved_errno != 0)
        g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the annex: %s (%s)"),
                     path, g_strerror (saved_errno), lxw_strerror (status));
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the annex: %s"), path,
                     lxw_strerror (status));
      g_unlink (temp_path);
      return FALSE;
    }

  if (!par_output_file_commit (temp_path, path, &local_error))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the annex: %s"), path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
