/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-dossier-pdf"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "par-document-probe.h"
#include "par-dossier-private.h"
#include "par-error.h"
#include "par-poppler-private.h"

/*
 * The dossier as one PDF, in the format of administrative documents
 * (Nghị định 30/2020/NĐ-CP): A4, a Times New Roman-like serif, margins of
 * 20 mm top and bottom, 30 mm left, 15 mm right. A cover page, the
 * evidence list as a table (landscape: it is wide), then each criterion's
 * documents page by page — Poppler renders every page onto the output
 * surface, one page at a time — with each criterion
 * bookmarked in the outline; an explanation is printed where a criterion
 * has none.
 *
 * The document's own text is Vietnamese whatever the user's language: it
 * goes to the appraisal council.
 */

#define MM(x) ((x) * 72.0 / 25.4)
#define A4_SHORT 595.276
#define A4_LONG  841.890
#define MARGIN_TOP MM (20)
#define MARGIN_BOTTOM MM (20)
#define MARGIN_LEFT MM (30)
#define MARGIN_RIGHT MM (15)
#define FONT_FAMILY "Times New Roman"

typedef struct
{
  GOutputStream *output;
  GCancellable  *cancellable;
  GError        *error;
} WriteClosure;

typedef struct
{
  ParDossierData  *data;
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           width;
  double           height;
  int              page;          /* pages shown so far */
  gint64           pages_done;    /* document pages rendered, for progress */
} Pdf;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  WriteClosure *write = closure;

  if (write->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (write->output, data, length, NULL, write->cancellable,
                                  &write->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
set_font (cairo_t  *cr,
          double    size,
          gboolean  bold,
          gboolean  italic)
{
  cairo_select_font_face (cr, FONT_FAMILY,
                          italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

static double
text_width (cairo_t    *cr,
            const char *text)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  return extents.x_advance;
}

/* Breaks @text into lines no wider than @width, at spaces where it can,
 * inside a word where it must. */
static GPtrArray *
wrap_text (cairo_t    *cr,
           const char *text,
           double      width)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) paragraphs = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint p = 0; paragraphs[p] != NULL; p++)
    {
      g_auto(GStrv) words = g_strsplit (paragraphs[p], " ", -1);
      GString *line = g_string_new (NULL);

      for (guint w = 0; words[w] != NULL; w++)
        {
          g_autofree char *candidate = NULL;
          const char *word = words[w];

          if (word[0] == '\0')
            continue;
          candidate = line->len > 0 ? g_strconcat (line->str, " ", word, NULL) : g_strdup (word);
          if (text_width (cr, candidate) <= width)
            {
              g_string_assign (line, candidate);
              continue;
            }
          if (line->len > 0)
            {
              g_ptr_array_add (lines, g_strdup (line->str));
              g_string_truncate (line, 0);
            }
          /* A word wider than the column is cut between characters. */
          while (text_width (cr, word) > width)
            {
              const char *end = word;
              const char *next;

              for (next = g_utf8_next_char (end); *end != '\0'; next = g_utf8_next_char (next))
                {
                  g_autofree char *piece = g_strndup (word, next - word);

                  if (text_width (cr, piece) > width && end != word)
                    break;
                  end = next;
                  if (*next == '\0')
                    break;
                }
              if (*end == '\0')
                break;
              g_ptr_array_add (lines, g_strndup (word, end - word));
              word = end;
            }
          g_string_assign (line, word);
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  return lines;
}

typedef enum
{
  ALIGN_LEFT,
  ALIGN_CENTER,
  ALIGN_RIGHT,
} Align;

static void
show_line (cairo_t    *cr,
           const char *text,
           double      x,
           double      width,
           double      baseline,
           Align       align)
{
  double w = text_width (cr, text);

  if (align == ALIGN_CENTER)
    x += (width - w) / 2;
  else if (align == ALIGN_RIGHT)
    x += width - w;
  cairo_move_to (cr, x, baseline);
  cairo_show_text (cr, text);
}

/* Draws wrapped text from @top; returns the y below it. */
static double
show_paragraph (cairo_t    *cr,
                const char *text,
                double      x,
                double      width,
                double      top,
                double      size,
                Align       align)
{
  g_autoptr(GPtrArray) lines = wrap_text (cr, text, width);
  double line_height = size * 1.25;

  for (guint i = 0; i < lines->len; i++)
    show_line (cr, g_ptr_array_index (lines, i), x, width, top + size + i * line_height, align);
  return top + lines->len * line_height;
}

static gboolean
surface_ok (Pdf     *pdf,
            GError **error)
{
  cairo_status_t status = cairo_surface_status (pdf->surface);

  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_status (pdf->cr);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot write the PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static void
begin_page (Pdf    *pdf,
            double  width,
            double  height)
{
  pdf->width = width;
  pdf->height = height;
  cairo_pdf_surface_set_size (pdf->surface, width, height);
}

static void
end_page (Pdf *pdf)
{
  cairo_show_page (pdf->cr);
  pdf->page++;
}

static void
draw_cover (Pdf *pdf)
{
  ParDossierData *data = pdf->data;
  cairo_t *cr = pdf->cr;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *unit_upper = g_utf8_strup (data->unit_name, -1);
  g_autofree char *year_line = NULL;
  g_autofree char *unit_line = NULL;
  g_autofree char *set_line = NULL;
  g_autofree char *block_line = NULL;
  g_autofree char *count_line = NULL;
  g_autofree char *date_line = NULL;
  double content = A4_SHORT - MARGIN_LEFT - MARGIN_RIGHT;
  double left_width = content * 0.4;
  double right_x = MARGIN_LEFT + content * 0.4;
  double right_width = content * 0.6;
  double y;
  double motto_width;
  double motto_size;

  begin_page (pdf, A4_SHORT, A4_LONG);
  cairo_set_source_rgb (cr, 0, 0, 0);

  /* The issuing body top left, the national motto top right. */
  set_font (cr, 13, TRUE, FALSE);
  y = show_paragraph (cr, unit_upper, MARGIN_LEFT, left_width, MARGIN_TOP, 13, ALIGN_CENTER);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, MARGIN_LEFT + left_width * 0.3, y + 4);
  cairo_line_to (cr, MARGIN_LEFT + left_width * 0.7, y + 4);
  cairo_stroke (cr);

  /* The motto is one line: where the serif at hand is wider than Times
   * New Roman, it is set smaller rather than broken. */
  set_font (cr, 12, TRUE, FALSE);
  motto_width = text_width (cr, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  motto_size = motto_width > right_width ? 12 * right_width / motto_width : 12;
  set_font (cr, motto_size, TRUE, FALSE);
  y = show_paragraph (cr, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", right_x, right_width, MARGIN_TOP,
                      motto_size, ALIGN_CENTER);
  set_font (cr, 13, TRUE, FALSE);
  y = show_paragraph (cr, "Độc lập - Tự do - Hạnh phúc", right_x, right_width, y, 13, ALIGN_CENTER);
  motto_width = text_width (cr, "Độc lập - Tự do - Hạnh phúc");
  cairo_move_to (cr, right_x + (right_width - motto_width) / 2, y + 4);
  cairo_line_to (cr, right_x + (right_width + motto_width) / 2, y + 4);
  cairo_stroke (cr);

  set_font (cr, 13, FALSE, TRUE);
  date_line = g_strdup_printf ("ngày %02d tháng %02d năm %d", g_date_time_get_day_of_month (now),
                               g_date_time_get_month (now), g_date_time_get_year (now));
  show_paragraph (cr, date_line, right_x, right_width, y + 14, 13, ALIGN_CENTER);

  /* The title block. */
  y = A4_LONG * 0.33;
  set_font (cr, 18, TRUE, FALSE);
  y = show_paragraph (cr, "HỒ SƠ TÀI LIỆU KIỂM CHỨNG", MARGIN_LEFT, content, y, 18, ALIGN_CENTER);
  set_font (cr, 14, TRUE, FALSE);
  year_line = g_strdup_printf ("Chỉ số cải cách hành chính năm %d", data->year);
  y = show_paragraph (cr, year_line, MARGIN_LEFT, content, y + 10, 14, ALIGN_CENTER);

  set_font (cr, 14, FALSE, FALSE);
  y += 40;
  unit_line = g_strdup_printf ("Đơn vị: %s (%s)", data->unit_name, data->unit_code);
  y = show_paragraph (cr, unit_line, MARGIN_LEFT + 30, content - 60, y, 14, ALIGN_LEFT);
  block_line = g_strdup_printf ("Khối: %s", data->block_name);
  y = show_paragraph (cr, block_line, MARGIN_LEFT + 30, content - 60, y + 6, 14, ALIGN_LEFT);
  set_line = g_strdup_printf ("Bộ tiêu chí: %s%s%s%s", data->set->title,
                              data->set->source != NULL ? " (" : "",
                              data->set->source != NULL ? data->set->source : "",
                              data->set->source != NULL ? ")" : "");
  y = show_paragraph (cr, set_line, MARGIN_LEFT + 30, content - 60, y + 6, 14, ALIGN_LEFT);
  count_line = g_strdup_printf ("Gồm %u tài liệu kiểm chứng, %" G_GINT64_FORMAT " trang, "
                                "cho %u tiêu chí",
                                data->evidence->len, data->total_pages, data->sections->len);
  show_paragraph (cr, count_line, MARGIN_LEFT + 30, content - 60, y + 6, 14, ALIGN_LEFT);

  set_font (cr, 13, FALSE, TRUE);
  g_clear_pointer (&date_line, g_free);
  date_line = g_strdup_printf ("Lập ngày %02d/%02d/%d", g_date_time_get_day_of_month (now),
                               g_date_time_get_month (now), g_date_time_get_year (now));
  show_paragraph (cr, date_line, MARGIN_LEFT, content, A4_LONG - MARGIN_BOTTOM - 40, 13,
                  ALIGN_CENTER);

  end_page (pdf);
}

/* The evidence list, landscape. */
static const struct
{
  const char *heading;
  double      width;      /* share of the text width */
  Align       align;
} columns[] = {
  { "STT", 0.05, ALIGN_CENTER },
  { "Tiêu chí", 0.07, ALIGN_CENTER },
  { "Số, ký hiệu", 0.13, ALIGN_LEFT },
  { "Ngày ban hành", 0.12, ALIGN_CENTER },
  { "Cơ quan ban hành", 0.17, ALIGN_LEFT },
  { "Tên, trích yếu nội dung tài liệu", 0.36, ALIGN_LEFT },
  { "Trang", 0.10, ALIGN_CENTER },
};

#define N_COLUMNS G_N_ELEMENTS (columns)
#define CELL_PAD 4.0
#define TABLE_SIZE 12.0

static double
draw_row (Pdf         *pdf,
          const char **cells,
          double       top,
          gboolean     bold,
          gboolean     measure_only)
{
  cairo_t *cr = pdf->cr;
  double content = pdf->width - MARGIN_LEFT - MARGIN_RIGHT;
  GPtrArray *wrapped[N_COLUMNS];
  double line_height = TABLE_SIZE * 1.2;
  guint max_lines = 1;
  double height;
  double x = MARGIN_LEFT;

  set_font (cr, TABLE_SIZE, bold, FALSE);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      wrapped[c] = wrap_text (cr, cells[c], columns[c].width * content - 2 * CELL_PAD);
      max_lines = MAX (max_lines, wrapped[c]->len);
    }
  height = max_lines * line_height + 2 * CELL_PAD;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      double w = columns[c].width * content;

      if (!measure_only)
        {
          cairo_rectangle (cr, x, top, w, height);
          cairo_stroke (cr);
          for (guint l = 0; l < wrapped[c]->len; l++)
            show_line (cr, g_ptr_array_index (wrapped[c], l), x + CELL_PAD, w - 2 * CELL_PAD,
                       top + CELL_PAD + TABLE_SIZE * 0.95 + l * line_height,
                       bold ? ALIGN_CENTER : columns[c].align);
        }
      x += w;
      g_ptr_array_unref (wrapped[c]);
    }
  return height;
}

static double
begin_list_page (Pdf      *pdf,
                 gboolean  first)
{
  const char *headings[N_COLUMNS];
  double y = MARGIN_TOP;
  double content;

  begin_page (pdf, A4_LONG, A4_SHORT);
  content = pdf->width - MARGIN_LEFT - MARGIN_RIGHT;
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
  cairo_set_line_width (pdf->cr, 0.5);

  if (first)
    {
      g_autofree char *subtitle = g_strdup_printf ("(Kèm theo hồ sơ tự đánh giá Chỉ số CCHC năm %d "
                                                   "của %s)", pdf->data->year,
                                                   pdf->data->unit_name);

      set_font (pdf->cr, 14, TRUE, FALSE);
      y = show_paragraph (pdf->cr, "DANH MỤC TÀI LIỆU KIỂM CHỨNG", MARGIN_LEFT, content, y, 14,
                          ALIGN_CENTER);
      set_font (pdf->cr, 13, FALSE, TRUE);
      y = show_paragraph (pdf->cr, subtitle, MARGIN_LEFT, content, y + 2, 13, ALIGN_CENTER);
      y += 12;
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    headings[c] = columns[c].heading;
  return y + draw_row (pdf, headings, y, TRUE, FALSE);
}

static void
draw_list (Pdf *pdf)
{
  ParDossierData *data = pdf->data;
  double bottom = A4_SHORT - MARGIN_BOTTOM;
  double y = begin_list_page (pdf, TRUE);

  for (guint i = 0; i < data->evidence->len; i++)
    {
      ParEvidence *evidence = g_ptr_array_index (data->evidence, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *date = _par_dossier_format_date (evidence->document->date);
      g_autofree char *pages = _par_dossier_pages_text (evidence);
      const char *cells[N_COLUMNS] = {
        number, evidence->criterion_code,
        evidence->document->number != NULL ? evidence->document->number : "",
        date,
        evidence->document->issuer != NULL ? evidence->document->issuer : "",
        evidence->document->title, pages,
      };
      double height = draw_row (pdf, cells, y, FALSE, TRUE);

      if (y + height > bottom)
        {
          end_page (pdf);
          y = begin_list_page (pdf, FALSE);
        }
      y += draw_row (pdf, cells, y, FALSE, FALSE);
    }

  if (data->evidence->len == 0)
    {
      set_font (pdf->cr, 13, FALSE, TRUE);
      y = show_paragraph (pdf->cr, "Chưa có tài liệu kiểm chứng nào.", MARGIN_LEFT,
                          pdf->width - MARGIN_LEFT - MARGIN_RIGHT, y + 8, 13, ALIGN_LEFT);
    }

  if (data->missing->len > 0)
    {
      GString *codes = g_string_new ("Tiêu chí có điểm tự đánh giá nhưng chưa có tài liệu kiểm "
                                     "chứng và giải trình: ");
      double content = pdf->width - MARGIN_LEFT - MARGIN_RIGHT;
      g_autoptr(GPtrArray) lines = NULL;

      for (guint i = 0; i < data->missing->len; i++)
        g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "",
                                ((const ParCriterion *) g_ptr_array_index (data->missing, i))->code);
      g_string_append (codes, ".");
      set_font (pdf->cr, 13, FALSE, TRUE);
      lines = wrap_text (pdf->cr, codes->str, content);
      if (y + 10 + lines->len * 13 * 1.25 > bottom)
        {
          end_page (pdf);
          begin_page (pdf, A4_LONG, A4_SHORT);
          y = MARGIN_TOP;
          set_font (pdf->cr, 13, FALSE, TRUE);
        }
      show_paragraph (pdf->cr, codes->str, MARGIN_LEFT, content, y + 10, 13, ALIGN_LEFT);
      g_string_free (codes, TRUE);
    }

  end_page (pdf);
}

static void
add_outline (Pdf                     *pdf,
             const ParDossierSection *section)
{
  g_autofree char *title = g_strdup_printf ("%s. %s", section->leaf->code, section->leaf->title);
  g_autofree char *link = g_strdup_printf ("page=%d pos=[0 0]", pdf->page + 1);

  cairo_pdf_surface_add_outline (pdf->surface, CAIRO_PDF_OUTLINE_ROOT, title, link, 0);
}

static void
report (Pdf        *pdf,
        const char *text)
{
  ParDossierData *data = pdf->data;

  if (data->progress != NULL)
    data->progress (data->total_pages > 0 ? 0.02 + 0.97 * pdf->pages_done / data->total_pages
                                          : 0.5,
                    text, data->progress_data);
}

static gboolean
draw_pdf_document (Pdf           *pdf,
                   ParEvidence   *evidence,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = g_strdup_printf (_("Criterion %s: %s"), evidence->criterion_code,
                                           evidence->document->title);
  int n_pages;

  if (!(stream = par_workspace_read_document (pdf->data->workspace, evidence->document->id,
                                              error)))
    return FALSE;
  document = poppler_document_new_from_stream (stream, evidence->document->size, NULL,
                                               cancellable, &local_error);
  if (document == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("criterion %s: the stored document “%s” cannot be opened: %s"),
                   evidence->criterion_code, evidence->document->title, local_error->message);
      return FALSE;
    }

  n_pages = poppler_document_get_n_pages (document);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      double width = A4_SHORT, height = A4_LONG;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (page != NULL)
        poppler_page_get_size (page, &width, &height);
      if (width <= 0 || height <= 0)
        width = A4_SHORT, height = A4_LONG;

      begin_page (pdf, width, height);
      if (page != NULL)
        {
          /* Not poppler_page_render_for_printing(): in printing mode Poppler
           * tags images with their object number as cairo's unique id, and
           * cairo then reuses the first document's image for another
           * document's image of the same number. */
          cairo_save (pdf->cr);
          poppler_page_render (page, pdf->cr);
          cairo_restore (pdf->cr);
        }
      end_page (pdf);
      pdf->pages_done++;
      report (pdf, text);
      if (!surface_ok (pdf, error))
        return FALSE;
    }
  return TRUE;
}

static GBytes *
read_all (GInputStream  *stream,
          gint64         size,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree guint8 *buffer = g_malloc (size);
  gsize done = 0;

  if (!g_input_stream_read_all (stream, buffer, size, &done, cancellable, error))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&buffer), done);
}

typedef struct
{
  GInputStream  *stream;
  GCancellable  *cancellable;
} PngRead;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngRead *read = closure;
  gsize done = 0;

  if (!g_input_stream_read_all (read->stream, data, length, &done, read->cancellable, NULL) ||
      done != length)
    return CAIRO_STATUS_READ_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* An image, scaled to fit an A4 page turned its way. */
static gboolean
draw_image_document (Pdf           *pdf,
                     ParEvidence   *evidence,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(cairo_surface_t) image = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *media_type = evidence->document->media_type;
  int width = 0, height = 0;
  double page_width, page_height, scale, margin = MM (10);

  if (!(stream = par_workspace_read_document (pdf->data->workspace, evidence->document->id,
                                              error)))
    return FALSE;

  if (g_str_equal (media_type, PAR_MEDIA_TYPE_JPEG))
    {
      g_autoptr(GBytes) bytes = NULL;
      gsize length;
      const guint8 *data;

      if (!par_image_read_header (stream, media_type, &width, &height, cancellable, &local_error) ||
          !g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, &local_error) ||
          !(bytes = read_all (stream, evidence->document->size, cancellable, &local_error)))
        goto failed;
      /* The PDF embeds the JPEG data as they are; the pixels are never
       * decoded (and the surface's memory never touched). */
      image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      data = g_bytes_get_data (bytes, &length);
      cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG, data, length,
                                   (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (bytes));
    }
  else
    {
      PngRead read = { stream, cancellable };

      image = cairo_image_surface_create_from_png_stream (read_png, &read);
      if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                       _("criterion %s: the stored image “%s” cannot be read"),
                       evidence->criterion_code, evidence->document->title);
          return FALSE;
        }
      width = cairo_image_surface_get_width (image);
      height = cairo_image_surface_get_height (image);
    }

  if (width > height)
    page_width = A4_LONG, page_height = A4_SHORT;
  else
    page_width = A4_SHORT, page_height = A4_LONG;
  scale = MIN ((page_width - 2 * margin) / width, (page_height - 2 * margin) / height);

  begin_page (pdf, page_width, page_height);
  cairo_save (pdf->cr);
  cairo_translate (pdf->cr, (page_width - width * scale) / 2, (page_height - height * scale) / 2);
  cairo_scale (pdf->cr, scale, scale);
  cairo_set_source_surface (pdf->cr, image, 0, 0);
  cairo_paint (pdf->cr);
  cairo_restore (pdf->cr);
  end_page (pdf);
  pdf->pages_done++;
  report (pdf, evidence->document->title);
  return surface_ok (pdf, error);

failed:
  g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
               _("criterion %s: the stored image “%s” cannot be read: %s"),
               evidence->criterion_code, evidence->document->title, local_error->message);
  return FALSE;
}

/* Explanations of criteria without evidence, packed on portrait pages. */
static double
draw_explanation (Pdf                     *pdf,
                  const ParDossierSection *section,
                  double                   y)
{
  double content = A4_SHORT - MARGIN_LEFT - MARGIN_RIGHT;
  g_autofree char *heading = g_strdup_printf ("Tiêu chí %s. %s", section->leaf->code,
                                              section->leaf->title);
  g_autofree char *body = g_strdup_printf ("Giải trình: %s", section->explanation);
  g_autoptr(GPtrArray) heading_lines = NULL;
  g_autoptr(GPtrArray) body_lines = NULL;
  double needed;

  set_font (pdf->cr, 13, TRUE, FALSE);
  heading_lines = wrap_text (pdf->cr, heading, content);
  set_font (pdf->cr, 13, FALSE, FALSE);
  body_lines = wrap_text (pdf->cr, body, content);
  needed = (heading_lines->len + body_lines->len) * 13 * 1.25 + 18;

  if (y < 0 || y + needed > A4_LONG - MARGIN_BOTTOM)
    {
      if (y >= 0)
        end_page (pdf);
      begin_page (pdf, A4_SHORT, A4_LONG);
      cairo_set_source_rgb (pdf->cr, 0, 0, 0);
      y = MARGIN_TOP;
    }

  add_outline (pdf, section);
  set_font (pdf->cr, 13, TRUE, FALSE);
  y = show_paragraph (pdf->cr, heading, MARGIN_LEFT, content, y, 13, ALIGN_LEFT);
  set_font (pdf->cr, 13, FALSE, FALSE);
  y = show_paragraph (pdf->cr, body, MARGIN_LEFT, content, y + 4, 13, ALIGN_LEFT);
  return y + 14;
}

gboolean
_par_dossier_write_pdf (ParDossierData  *data,
                        GOutputStream   *output,
                        GCancellable    *cancellable,
                        GError         **error)
{
  WriteClosure write = { output, cancellable, NULL };
  g_autofree char *title = g_strdup_printf ("Hồ sơ tài liệu kiểm chứng năm %d — %s", data->year,
                                            data->unit_name);
  Pdf pdf = { data, NULL, NULL, 0, 0, 0, 0 };
  double explanation_y = -1;
  gboolean ok = TRUE;

  pdf.surface = cairo_pdf_surface_create_for_stream (write_to_stream, &write, A4_SHORT, A4_LONG);
  pdf.cr = cairo_create (pdf.surface);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_AUTHOR, data->unit_name);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_CREATOR, "ParIndex");

  if (data->progress != NULL)
    data->progress (0.0, _("Writing the cover and the evidence list"), data->progress_data);
  draw_cover (&pdf);
  draw_list (&pdf);
  ok = surface_ok (&pdf, error);

  for (guint s = 0; ok && s < data->sections->len; s++)
    {
      ParDossierSection *section = &g_array_index (data->sections, ParDossierSection, s);

      if (section->n_evidence == 0)
        {
          explanation_y = draw_explanation (&pdf, section, explanation_y);
          continue;
        }
      if (explanation_y >= 0)
        {
          end_page (&pdf);
          explanation_y = -1;
        }

      add_outline (&pdf, section);
      for (guint i = 0; ok && i < section->n_evidence; i++)
        {
          ParEvidence *evidence = g_ptr_array_index (data->evidence, section->first + i);

          if (g_str_equal (evidence->document->media_type, PAR_MEDIA_TYPE_PDF))
            ok = draw_pdf_document (&pdf, evidence, cancellable, error);
          else
            ok = draw_image_document (&pdf, evidence, cancellable, error);
        }
    }
  if (ok && explanation_y >= 0)
    end_page (&pdf);

  cairo_destroy (pdf.cr);
  cairo_surface_finish (pdf.surface);
  if (ok && cairo_surface_status (pdf.surface) != CAIRO_STATUS_SUCCESS)
    {
      if (write.error != NULL)
        g_propagate_error (error, g_steal_pointer (&write.error));
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot write the PDF: %s"),
                     cairo_status_to_string (cairo_surface_status (pdf.surface)));
      ok = FALSE;
    }
  else if (ok && write.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&write.error));
      ok = FALSE;
    }
  g_clear_error (&write.error);
  cairo_surface_destroy (pdf.surface);
  return ok;
}
