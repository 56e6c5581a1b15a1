/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-dossier-pdf"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <qpdf/qpdf-c.h>
#include <string.h>

#include "par-annex-document.h"
#include "par-document-probe.h"
#include "par-decision.h"
#include "par-dossier-private.h"
#include "par-error.h"
#include "par-poppler-private.h"

/*
 * The dossier as one PDF. The documents' own pages are copied as they are
 * (libqpdf: a scanned page stays the JPEG it was, so the dossier is the
 * size of its evidence); only what ParIndex says itself is drawn, with
 * cairo and Pango, in the format of administrative documents (Nghị định
 * 30/2020/NĐ-CP: A4, a Times New Roman-like serif, margins of 20 mm top
 * and bottom, 30 mm left, 15 mm right):
 *
 *   1. a cover page;
 *   2. the evidence list (landscape), one row per link, giving each
 *      document's pages in the dossier, each row a link to them;
 *   3. each criterion's documents in criterion order; a document linked to
 *      several criteria is included once, where it first appears, and the
 *      later criteria refer to the same pages;
 *   4. where a criterion has no evidence but an explanation, the
 *      explanation, on portrait pages shared by consecutive explanations.
 *
 * The outline has the cover, the list, each criterion and each document
 * under its criterion. Images are put on pages of their own first (a JPEG
 * is embedded as it is). Stored documents go to temporary files one at a
 * time, 1 MiB at a time, and libqpdf reads them lazily while it writes,
 * so memory does not grow with a document's size.
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

typedef enum
{
  ALIGN_LEFT = PANGO_ALIGN_LEFT,
  ALIGN_CENTER = PANGO_ALIGN_CENTER,
  ALIGN_RIGHT = PANGO_ALIGN_RIGHT,
} Align;

/* A run of pages in the dossier: a stored document's, or drawn ones. */
typedef struct
{
  ParEvidence *evidence;      /* the first link to the document; NULL for drawn pages */
  char        *path;          /* the document as a PDF file */
  qpdf_data    qpdf;
  int          n_pages;
  int          first_drawn;   /* drawn pages: the first in the drawn PDF */
  int          first_page;    /* 0-based, in the dossier */
  char        *note;          /* why a document has no pages here, in the list */
} Part;

/* Where a list row links to. */
typedef struct
{
  int    list_page;           /* 0-based, among the list pages */
  double x, y, width, height; /* cairo's coordinates, origin top left */
  int    target;              /* 0-based page in the dossier */
} Link;

typedef struct
{
  ParDossierData  *data;
  GCancellable    *cancellable;
  char            *workdir;
  GPtrArray       *parts;              /* Part */
  GHashTable      *part_by_document;   /* document id → Part */
  Part           **section_parts;      /* the part showing each section's first page */
  int             *section_pages;      /* explanations: page within their part */
  gint64           bytes_total;
  gint64           bytes_done;
  int              list_pages;
  int              drawn_pages;        /* pages in the drawn PDF */
  gint64           unique_pages;       /* pages of the documents, each once */
  GArray          *links;              /* Link */
  gint64           started;

  /* Drawing. */
  cairo_surface_t *surface;
  cairo_t         *cr;
  PangoContext    *pango;
  double           width;
  double           height;
} Dossier;

static void
part_free (gpointer pointer)
{
  Part *part = pointer;

  if (part->qpdf != NULL)
    qpdf_cleanup (&part->qpdf);
  if (part->path != NULL)
    g_unlink (part->path);
  g_free (part->path);
  g_free (part->note);
  g_free (part);
}

/* Text. */

static PangoLayout *
make_layout (Dossier    *dossier,
             const char *text,
             double      size,
             gboolean    bold,
             gboolean    italic,
             double      width,
             Align       align)
{
  PangoLayout *layout = pango_layout_new (dossier->pango);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, PAR_ANNEX_FONT_FAMILIES);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (font, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, (PangoAlignment) align);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* Draws wrapped text from @top (or only measures it when @draw is FALSE);
 * returns the y below it. */
static double
show_text (Dossier    *dossier,
           const char *text,
           double      x,
           double      width,
           double      top,
           double      size,
           gboolean    bold,
           gboolean    italic,
           Align       align,
           gboolean    draw)
{
  g_autoptr(PangoLayout) layout = make_layout (dossier, text, size, bold, italic, width, align);

  if (draw)
    {
      cairo_move_to (dossier->cr, x, top);
      pango_cairo_show_layout (dossier->cr, layout);
    }
  return top + layout_height (layout);
}

/* The width @text takes on one line. */
static double
text_width (Dossier    *dossier,
            const char *text,
            double      size,
            gboolean    bold)
{
  g_autoptr(PangoLayout) layout = make_layout (dossier, text, size, bold, FALSE, -1, ALIGN_LEFT);
  int width;

  pango_layout_set_width (layout, -1);
  pango_layout_get_size (layout, &width, NULL);
  return (double) width / PANGO_SCALE;
}

/* Drawn pages. */

static void
begin_page (Dossier *dossier,
            double   width,
            double   height)
{
  dossier->width = width;
  dossier->height = height;
  cairo_pdf_surface_set_size (dossier->surface, width, height);
  cairo_set_source_rgb (dossier->cr, 0, 0, 0);
  cairo_set_line_width (dossier->cr, 0.5);
}

static void
end_page (Dossier *dossier)
{
  cairo_show_page (dossier->cr);
  dossier->drawn_pages++;
}

static void
draw_cover (Dossier *dossier)
{
  ParDossierData *data = dossier->data;
  cairo_t *cr = dossier->cr;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *unit_upper = g_utf8_strup (data->unit_name, -1);
  g_autofree char *year_line = NULL;
  g_autofree char *unit_line = NULL;
  g_autofree char *set_line = NULL;
  g_autofree char *block_line = NULL;
  g_autofree char *count_line = NULL;
  g_autofree char *date_line = NULL;
  const char *motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  const char *slogan = "Độc lập - Tự do - Hạnh phúc";
  double content = A4_SHORT - MARGIN_LEFT - MARGIN_RIGHT;
  double left_width = content * 0.4;
  double right_x = MARGIN_LEFT + content * 0.4;
  double right_width = content * 0.6;
  double inner_x = MARGIN_LEFT + 30;
  double inner_width = content - 60;
  double motto_size = 12;
  double y;
  double w;

  begin_page (dossier, A4_SHORT, A4_LONG);

  /* The unit top left, the national motto top right, each underlined. */
  y = show_text (dossier, unit_upper, MARGIN_LEFT, left_width, MARGIN_TOP, 13, TRUE, FALSE,
                 ALIGN_CENTER, TRUE);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, MARGIN_LEFT + left_width * 0.3, y + 4);
  cairo_line_to (cr, MARGIN_LEFT + left_width * 0.7, y + 4);
  cairo_stroke (cr);

  /* The motto is one line: where the serif at hand is wider than Times
   * New Roman, it is set smaller rather than broken. */
  w = text_width (dossier, motto, 12, TRUE);
  if (w > right_width)
    motto_size = 12 * right_width / w;
  y = show_text (dossier, motto, right_x, right_width, MARGIN_TOP, motto_size, TRUE, FALSE,
                 ALIGN_CENTER, TRUE);
  y = show_text (dossier, slogan, right_x, right_width, y, 13, TRUE, FALSE, ALIGN_CENTER, TRUE);
  w = text_width (dossier, slogan, 13, TRUE);
  cairo_move_to (cr, right_x + (right_width - w) / 2, y + 4);
  cairo_line_to (cr, right_x + (right_width + w) / 2, y + 4);
  cairo_stroke (cr);

  date_line = g_strdup_printf ("ngày %02d tháng %02d năm %d", g_date_time_get_day_of_month (now),
                               g_date_time_get_month (now), g_date_time_get_year (now));
  show_text (dossier, date_line, right_x, right_width, y + 14, 13, FALSE, TRUE, ALIGN_CENTER,
             TRUE);

  /* The title block. */
  y = A4_LONG * 0.33;
  y = show_text (dossier, "HỒ SƠ TÀI LIỆU KIỂM CHỨNG", MARGIN_LEFT, content, y, 18, TRUE, FALSE,
                 ALIGN_CENTER, TRUE);
  year_line = g_strdup_printf ("Chỉ số cải cách hành chính năm %d", data->year);
  y = show_text (dossier, year_line, MARGIN_LEFT, content, y + 10, 14, TRUE, FALSE, ALIGN_CENTER,
                 TRUE);

  y += 40;
  unit_line = g_strdup_printf ("Đơn vị: %s (%s)", data->unit_name, data->unit_code);
  y = show_text (dossier, unit_line, inner_x, inner_width, y, 14, FALSE, FALSE, ALIGN_LEFT, TRUE);
  block_line = g_strdup_printf ("Khối: %s", data->block_name);
  y = show_text (dossier, block_line, inner_x, inner_width, y + 6, 14, FALSE, FALSE, ALIGN_LEFT,
                 TRUE);
  set_line = g_strdup_printf ("Bộ tiêu chí: %s%s%s%s", data->set->title,
                              data->set->source != NULL ? " (" : "",
                              data->set->source != NULL ? data->set->source : "",
                              data->set->source != NULL ? ")" : "");
  y = show_text (dossier, set_line, inner_x, inner_width, y + 6, 14, FALSE, FALSE, ALIGN_LEFT,
                 TRUE);
  count_line = g_strdup_printf ("Gồm %u tài liệu kiểm chứng (%" G_GINT64_FORMAT " trang), "
                                "cho %u tiêu chí",
                                g_hash_table_size (dossier->part_by_document),
                                dossier->unique_pages, data->sections->len);
  show_text (dossier, count_line, inner_x, inner_width, y + 6, 14, FALSE, FALSE, ALIGN_LEFT, TRUE);

  g_clear_pointer (&date_line, g_free);
  date_line = g_strdup_printf ("Lập ngày %02d/%02d/%d", g_date_time_get_day_of_month (now),
                               g_date_time_get_month (now), g_date_time_get_year (now));
  show_text (dossier, date_line, MARGIN_LEFT, content, A4_LONG - MARGIN_BOTTOM - 40, 13, FALSE,
             TRUE, ALIGN_CENTER, TRUE);

  end_page (dossier);
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
  { "Số, ký hiệu", 0.12, ALIGN_LEFT },
  { "Ngày ban hành", 0.10, ALIGN_CENTER },
  { "Cơ quan ban hành", 0.15, ALIGN_LEFT },
  { "Tên, trích yếu nội dung tài liệu", 0.31, ALIGN_LEFT },
  { "Trang kiểm chứng", 0.09, ALIGN_CENTER },
  { "Trang trong hồ sơ", 0.11, ALIGN_CENTER },
};

#define N_COLUMNS G_N_ELEMENTS (columns)
#define CELL_PAD 4.0
#define TABLE_SIZE 12.0
#define LIST_CONTENT (A4_LONG - MARGIN_LEFT - MARGIN_RIGHT)
#define LIST_BOTTOM (A4_SHORT - MARGIN_BOTTOM)

static double
draw_row (Dossier     *dossier,
          const char **cells,
          double       top,
          gboolean     heading,
          gboolean     draw)
{
  PangoLayout *layouts[N_COLUMNS];
  double height = 0;
  double x = MARGIN_LEFT;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      layouts[c] = make_layout (dossier, cells[c], TABLE_SIZE, heading, FALSE,
                                columns[c].width * LIST_CONTENT - 2 * CELL_PAD,
                                heading ? ALIGN_CENTER : columns[c].align);
      height = MAX (height, layout_height (layouts[c]));
    }
  height += 2 * CELL_PAD;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      double w = columns[c].width * LIST_CONTENT;

      if (draw)
        {
          cairo_rectangle (dossier->cr, x, top, w, height);
          cairo_stroke (dossier->cr);
          cairo_move_to (dossier->cr, x + CELL_PAD, top + CELL_PAD);
          pango_cairo_show_layout (dossier->cr, layouts[c]);
        }
      x += w;
      g_object_unref (layouts[c]);
    }
  return height;
}

static double
begin_list_page (Dossier  *dossier,
                 gboolean  first,
                 gboolean  draw)
{
  const char *headings[N_COLUMNS];
  double y = MARGIN_TOP;

  if (draw)
    begin_page (dossier, A4_LONG, A4_SHORT);
  if (first)
    {
      g_autofree char *subtitle = g_strdup_printf ("(Kèm theo hồ sơ tự đánh giá Chỉ số CCHC năm %d "
                                                   "của %s)", dossier->data->year,
                                                   dossier->data->unit_name);

      y = show_text (dossier, "DANH MỤC TÀI LIỆU KIỂM CHỨNG", MARGIN_LEFT, LIST_CONTENT, y, 14,
                     TRUE, FALSE, ALIGN_CENTER, draw);
      y = show_text (dossier, subtitle, MARGIN_LEFT, LIST_CONTENT, y + 2, 13, FALSE, TRUE,
                     ALIGN_CENTER, draw);
      y += 12;
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    headings[c] = columns[c].heading;
  return y + draw_row (dossier, headings, y, TRUE, draw);
}

/* Where a document starts: the list itself for one that is not included. */
static int
part_target (const Part *part)
{
  return part->n_pages > 0 ? part->first_page : 1;
}

static char *
dossier_pages_text (const Part *part)
{
  if (part->note != NULL)
    return g_strdup ("—");
  if (part->n_pages <= 1)
    return g_strdup_printf ("%d", part->first_page + 1);
  return g_strdup_printf ("%d–%d", part->first_page + 1, part->first_page + part->n_pages);
}

/* Lays out (and with @draw, draws) the list; returns its page count. */
static int
layout_list (Dossier  *dossier,
             gboolean  draw)
{
  ParDossierData *data = dossier->data;
  double y = begin_list_page (dossier, TRUE, draw);
  int page = 0;

  for (guint i = 0; i < data->evidence->len; i++)
    {
      ParEvidence *evidence = g_ptr_array_index (data->evidence, i);
      Part *part = g_hash_table_lookup (dossier->part_by_document, &evidence->document->id);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *date = par_date_format_short (evidence->document->date);
      g_autofree char *pages = evidence->pages == NULL && part->evidence != NULL &&
                               par_media_type_is_office (evidence->document->media_type) &&
                               part->n_pages > 0
        ? g_strdup_printf ("%d tr.", part->n_pages)    /* as LibreOffice laid it out */
        : _par_dossier_pages_text (evidence);
      g_autofree char *where = dossier_pages_text (part);
      /* A document not included says why under its title. */
      g_autofree char *title = part->note != NULL
        ? g_strdup_printf ("%s\n(%s)", evidence->document->title, part->note)
        : g_strdup (evidence->document->title);
      const char *cells[N_COLUMNS] = {
        number, evidence->criterion_code,
        evidence->document->number != NULL ? evidence->document->number : "",
        date,
        evidence->document->issuer != NULL ? evidence->document->issuer : "",
        title, pages, where,
      };
      double height = draw_row (dossier, cells, y, FALSE, FALSE);

      if (y + height > LIST_BOTTOM)
        {
          if (draw)
            end_page (dossier);
          page++;
          y = begin_list_page (dossier, FALSE, draw);
        }
      if (draw)
        {
          Link link = { page, MARGIN_LEFT, y, LIST_CONTENT, height, part->first_page };

          draw_row (dossier, cells, y, FALSE, TRUE);
          if (part->n_pages > 0)
            g_array_append_val (dossier->links, link);
        }
      y += height;
    }

  if (data->evidence->len == 0)
    y = show_text (dossier, "Chưa có tài liệu kiểm chứng nào.", MARGIN_LEFT, LIST_CONTENT, y + 8,
                   13, FALSE, TRUE, ALIGN_LEFT, draw);

  if (data->missing->len > 0)
    {
      g_autoptr(GString) codes = g_string_new ("Tiêu chí có điểm tự đánh giá nhưng chưa có tài "
                                               "liệu kiểm chứng và giải trình: ");
      double bottom;

      for (guint i = 0; i < data->missing->len; i++)
        g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "",
                                ((const ParCriterion *) g_ptr_array_index (data->missing, i))->code);
      g_string_append (codes, ".");
      bottom = show_text (dossier, codes->str, MARGIN_LEFT, LIST_CONTENT, y + 10, 13, FALSE, TRUE,
                          ALIGN_LEFT, FALSE);
      if (bottom > LIST_BOTTOM)
        {
          if (draw)
            {
              end_page (dossier);
              begin_page (dossier, A4_LONG, A4_SHORT);
            }
          page++;
          y = MARGIN_TOP - 10;
        }
      show_text (dossier, codes->str, MARGIN_LEFT, LIST_CONTENT, y + 10, 13, FALSE, TRUE,
                 ALIGN_LEFT, draw);
    }

  if (draw)
    end_page (dossier);
  return page + 1;
}

/* Explanations of criteria without evidence, packed on portrait pages:
 * those of sections [@first, @last) on pages of their own. Records on
 * which of them each explanation starts; returns how many there are. */
static int
layout_explanations (Dossier  *dossier,
                     guint     first,
                     guint     last,
                     gboolean  draw)
{
  double content = A4_SHORT - MARGIN_LEFT - MARGIN_RIGHT;
  double y = MARGIN_TOP;
  int page = 0;

  if (draw)
    begin_page (dossier, A4_SHORT, A4_LONG);
  for (guint s = first; s < last; s++)
    {
      ParDossierSection *section = &g_array_index (dossier->data->sections, ParDossierSection, s);
      g_autofree char *heading = g_strdup_printf ("Tiêu chí %s. %s", section->leaf->code,
                                                  section->leaf->title);
      g_autofree char *body = g_strdup_printf ("Giải trình: %s", section->explanation);
      double needed = show_text (dossier, heading, MARGIN_LEFT, content, 0, 13, TRUE, FALSE,
                                 ALIGN_LEFT, FALSE) +
                      show_text (dossier, body, MARGIN_LEFT, content, 4, 13, FALSE, FALSE,
                                 ALIGN_LEFT, FALSE);

      if (s > first && y + needed > A4_LONG - MARGIN_BOTTOM)
        {
          if (draw)
            {
              end_page (dossier);
              begin_page (dossier, A4_SHORT, A4_LONG);
            }
          page++;
          y = MARGIN_TOP;
        }
      dossier->section_pages[s] = page;
      y = show_text (dossier, heading, MARGIN_LEFT, content, y, 13, TRUE, FALSE, ALIGN_LEFT, draw);
      y = show_text (dossier, body, MARGIN_LEFT, content, y + 4, 13, FALSE, FALSE, ALIGN_LEFT,
                     draw);
      y += 14;
    }
  if (draw)
    end_page (dossier);
  return page + 1;
}

/* Stored documents as PDF files. */

static void
report (Dossier    *dossier,
        double      fraction,
        const char *text)
{
  if (dossier->data->progress != NULL)
    dossier->data->progress (fraction, text, dossier->data->progress_data);
}

static char *
qpdf_message (qpdf_data qpdf)
{
  qpdf_error error = qpdf_get_error (qpdf);

  if (error == NULL)
    return g_strdup (_("unknown error"));
  return g_strdup (qpdf_get_error_message_detail (qpdf, error));
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

/* An image on a page of its own, scaled to fit an A4 page turned its way. */
static gboolean
write_image_pdf (Dossier      *dossier,
                 ParEvidence  *evidence,
                 const char   *path,
                 GError      **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(cairo_surface_t) image = NULL;
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *media_type = evidence->document->media_type;
  int width = 0, height = 0;
  double page_width, page_height, scale, margin = MM (10);

  if (!(stream = par_workspace_read_document (dossier->data->workspace, evidence->document->id,
                                              error)))
    return FALSE;

  if (g_str_equal (media_type, PAR_MEDIA_TYPE_JPEG))
    {
      g_autoptr(GBytes) bytes = NULL;
      gsize length;
      const guint8 *data;

      if (!par_image_read_header (stream, media_type, &width, &height, dossier->cancellable,
                                  &local_error) ||
          !g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, dossier->cancellable,
                            &local_error) ||
          !(bytes = read_all (stream, evidence->document->size, dossier->cancellable,
                              &local_error)))
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                       _("criterion %s: the stored image “%s” cannot be read: %s"),
                       evidence->criterion_code, evidence->document->title, local_error->message);
          return FALSE;
        }
      /* The PDF embeds the JPEG data as they are; the pixels are never
       * decoded (and the surface's memory never touched). */
      image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      data = g_bytes_get_data (bytes, &length);
      cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG, data, length,
                                   (cairo_destroy_func_t) g_bytes_unref, g_bytes_ref (bytes));
    }
  else
    {
      PngRead read = { stream, dossier->cancellable };

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

  surface = cairo_pdf_surface_create (path, page_width, page_height);
  cr = cairo_create (surface);
  cairo_translate (cr, (page_width - width * scale) / 2, (page_height - height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_show_page (cr);
  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot write the PDF: %s"),
                   cairo_status_to_string (cairo_surface_status (surface)));
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_part (Dossier  *dossier,
           Part     *part,
           GError  **error)
{
  part->qpdf = qpdf_init ();
  qpdf_silence_errors (part->qpdf);
  qpdf_set_suppress_warnings (part->qpdf, QPDF_TRUE);
  if (qpdf_read (part->qpdf, part->path, NULL) & QPDF_ERRORS)
    {
      g_autofree char *message = qpdf_message (part->qpdf);

      if (part->evidence == NULL)
        g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot write the PDF: %s"), message);
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                     _("criterion %s: the stored document “%s” cannot be opened: %s"),
                     part->evidence->criterion_code, part->evidence->document->title, message);
      return FALSE;
    }
  /* qpdf keeps the file open and reads it lazily: on systems that allow
   * it, the name goes now, so that its pages never need writing to disk
   * and nothing is left behind should the process die. */
#ifdef G_OS_UNIX
  if (g_unlink (part->path) == 0)
    g_clear_pointer (&part->path, g_free);
#endif
  if (part->evidence != NULL)
    {
      part->n_pages = qpdf_get_num_pages (part->qpdf);
      if (part->n_pages <= 0)
        {
          g_autofree char *message = part->n_pages < 0 ? qpdf_message (part->qpdf)
                                                       : g_strdup (_("it has no pages"));

          g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                       _("criterion %s: the stored document “%s” cannot be opened: %s"),
                       part->evidence->criterion_code, part->evidence->document->title, message);
          return FALSE;
        }
    }
  return TRUE;
}

/* Takes a stored document out to a file of the working folder. */
static gboolean
copy_document (Dossier      *dossier,
               ParDocument  *document,
               const char   *path,
               GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return par_workspace_save_document (dossier->data->workspace, document->id, file,
                                      dossier->cancellable, error);
}

/* Puts the document of @part in a file of the working folder. */
static gboolean
prepare_document (Dossier  *dossier,
                  Part     *part,
                  GError  **error)
{
  ParDocument *document = part->evidence->document;
  g_autofree char *name = g_strdup_printf ("document-%" G_GINT64_FORMAT ".pdf", document->id);
  g_autofree char *text = g_strdup_printf (_("Criterion %s: %s"), part->evidence->criterion_code,
                                           document->title);

  report (dossier, dossier->bytes_total > 0 ? 0.02 + 0.48 * dossier->bytes_done
                                                         / dossier->bytes_total : 0.02, text);
  part->path = g_build_filename (dossier->workdir, name, NULL);
  if (g_str_equal (document->media_type, PAR_MEDIA_TYPE_PDF))
    {
      if (!copy_document (dossier, document, part->path, error))
        return FALSE;
    }
  else if (par_media_type_is_office (document->media_type))
    {
      /* Converted with the others once all are out (convert_office ()). */
      g_autofree char *office = g_strdup_printf ("document-%" G_GINT64_FORMAT ".%s",
                                                 document->id,
                                                 par_document_get_extension (document));
      g_autofree char *office_path = g_build_filename (dossier->workdir, office, NULL);

      dossier->bytes_done += document->size;
      return copy_document (dossier, document, office_path, error);
    }
  else if (!write_image_pdf (dossier, part->evidence, part->path, error))
    return FALSE;
  dossier->bytes_done += document->size;
  return open_part (dossier, part, error);
}

/* Office documents become PDF through LibreOffice, when it is installed,
 * all in one run (it takes seconds to start) with a profile of its own
 * in the working folder. A document it cannot convert, or all of them
 * without it, is listed with a note instead of its pages. */
static gboolean
convert_office (Dossier  *dossier,
                GError  **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) office = g_ptr_array_new ();
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *profile = NULL;
  g_autofree char *profile_uri = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) local_error = NULL;

  for (guint p = 0; p < dossier->parts->len; p++)
    {
      Part *part = g_ptr_array_index (dossier->parts, p);

      if (part->evidence != NULL && par_media_type_is_office (part->evidence->document->media_type))
        g_ptr_array_add (office, part);
    }
  if (office->len == 0)
    return TRUE;

  if (soffice == NULL)
    soffice = g_find_program_in_path ("libreoffice");
  if (soffice != NULL)
    {
      profile = g_build_filename (dossier->workdir, "libreoffice-profile", NULL);
      profile_uri = g_filename_to_uri (profile, NULL, NULL);
      g_ptr_array_add (argv, g_strdup (soffice));
      g_ptr_array_add (argv, g_strdup ("--headless"));
      g_ptr_array_add (argv, g_strdup ("--norestore"));
      g_ptr_array_add (argv, g_strdup ("--nolockcheck"));
      g_ptr_array_add (argv, g_strconcat ("-env:UserInstallation=", profile_uri, NULL));
      g_ptr_array_add (argv, g_strdup ("--convert-to"));
      g_ptr_array_add (argv, g_strdup ("pdf"));
      g_ptr_array_add (argv, g_strdup ("--outdir"));
      g_ptr_array_add (argv, g_strdup (dossier->workdir));
      for (guint i = 0; i < office->len; i++)
        {
          Part *part = g_ptr_array_index (office, i);
          g_autofree char *name = g_strdup_printf ("document-%" G_GINT64_FORMAT ".%s",
                                                   part->evidence->document->id,
                                                   par_document_get_extension (part->evidence->document));

          g_ptr_array_add (argv, g_build_filename (dossier->workdir, name, NULL));
        }
      g_ptr_array_add (argv, NULL);

      report (dossier, 0.5, _("Converting office documents to PDF with LibreOffice"));
      process = g_subprocess_newv ((const char * const *) argv->pdata,
                                   G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                   G_SUBPROCESS_FLAGS_STDERR_SILENCE, &local_error);
      if (process != NULL && !g_subprocess_wait (process, dossier->cancellable, &local_error))
        {
          g_subprocess_force_exit (process);
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
      if (local_error != NULL)
        g_debug ("LibreOffice: %s", local_error->message);
    }

  for (guint i = 0; i < office->len; i++)
    {
      Part *part = g_ptr_array_index (office, i);
      const char *extension = par_document_get_extension (part->evidence->document);
      g_autoptr(GError) open_error = NULL;

      if (soffice != NULL && g_file_test (part->path, G_FILE_TEST_IS_REGULAR) &&
          open_part (dossier, part, &open_error))
        continue;
      if (part->qpdf != NULL)
        qpdf_cleanup (&part->qpdf);
      part->n_pages = 0;
      part->note = soffice == NULL
        ? g_strdup_printf ("không kèm trong tệp PDF: tệp .%s cần LibreOffice để chuyển sang "
                           "PDF; tệp gốc có trong hồ sơ dạng zip", extension)
        : g_strdup_printf ("không kèm trong tệp PDF: tệp .%s không chuyển được sang PDF; tệp "
                           "gốc có trong hồ sơ dạng zip", extension);
    }
  return TRUE;
}

/* Assembly with qpdf. */

static qpdf_oh
new_dest (qpdf_data qpdf,
          qpdf_oh   page)
{
  qpdf_oh dest = qpdf_oh_new_array (qpdf);

  qpdf_oh_append_item (qpdf, dest, page);
  qpdf_oh_append_item (qpdf, dest, qpdf_oh_new_name (qpdf, "/Fit"));
  return dest;
}

/* An outline item under @parent (the outline's root or an item). */
static qpdf_oh
add_outline_item (qpdf_data   qpdf,
                  qpdf_oh     parent,
                  const char *title,
                  int         page_index)
{
  qpdf_oh item = qpdf_oh_new_dictionary (qpdf);
  qpdf_oh last;

  qpdf_oh_replace_key (qpdf, item, "/Title", qpdf_oh_new_unicode_string (qpdf, title));
  qpdf_oh_replace_key (qpdf, item, "/Dest", new_dest (qpdf, qpdf_get_page_n (qpdf, page_index)));
  qpdf_oh_replace_key (qpdf, item, "/Parent", parent);
  item = qpdf_make_indirect_object (qpdf, item);

  last = qpdf_oh_get_key (qpdf, parent, "/Last");
  if (qpdf_oh_is_dictionary (qpdf, last))
    {
      qpdf_oh_replace_key (qpdf, last, "/Next", item);
      qpdf_oh_replace_key (qpdf, item, "/Prev", last);
    }
  else
    qpdf_oh_replace_key (qpdf, parent, "/First", item);
  qpdf_oh_replace_key (qpdf, parent, "/Last", item);
  return item;
}

/* Open items: /Count is the number of items shown under each. */
static int
count_outline (qpdf_data qpdf,
               qpdf_oh   item)
{
  int count = 0;

  for (qpdf_oh child = qpdf_oh_get_key (qpdf, item, "/First");
       qpdf_oh_is_dictionary (qpdf, child);
       child = qpdf_oh_get_key (qpdf, child, "/Next"))
    count += 1 + count_outline (qpdf, child);
  if (count > 0)
    qpdf_oh_replace_key (qpdf, item, "/Count", qpdf_oh_new_integer (qpdf, count));
  return count;
}

static void
add_outline (Dossier   *dossier,
             qpdf_data  qpdf)
{
  ParDossierData *data = dossier->data;
  qpdf_oh root = qpdf_make_indirect_object (qpdf, qpdf_oh_new_dictionary (qpdf));

  qpdf_oh_replace_key (qpdf, root, "/Type", qpdf_oh_new_name (qpdf, "/Outlines"));
  add_outline_item (qpdf, root, "Bìa hồ sơ", 0);
  add_outline_item (qpdf, root, "Danh mục tài liệu kiểm chứng", 1);

  for (guint s = 0; s < data->sections->len; s++)
    {
      ParDossierSection *section = &g_array_index (data->sections, ParDossierSection, s);
      Part *part = dossier->section_parts[s];
      g_autofree char *title = g_strdup_printf ("%s. %s", section->leaf->code,
                                                section->leaf->title);
      qpdf_oh item = add_outline_item (qpdf, root, title,
                                       part_target (part) + dossier->section_pages[s]);

      for (guint i = 0; i < section->n_evidence; i++)
        {
          ParEvidence *evidence = g_ptr_array_index (data->evidence, section->first + i);
          Part *document = g_hash_table_lookup (dossier->part_by_document, &evidence->document->id);
          g_autofree char *entry = evidence->document->number != NULL
            ? g_strdup_printf ("%s — %s", evidence->document->number, evidence->document->title)
            : g_strdup (evidence->document->title);

          add_outline_item (qpdf, item, entry, part_target (document));
        }
    }
  count_outline (qpdf, root);
  qpdf_oh_replace_key (qpdf, qpdf_get_root (qpdf), "/Outlines", root);
  qpdf_oh_replace_key (qpdf, qpdf_get_root (qpdf), "/PageMode",
                       qpdf_oh_new_name (qpdf, "/UseOutlines"));
}

/* Each list row links to its document's first page. */
static void
add_links (Dossier   *dossier,
           qpdf_data  qpdf)
{
  for (guint i = 0; i < dossier->links->len; i++)
    {
      Link *link = &g_array_index (dossier->links, Link, i);
      qpdf_oh page = qpdf_get_page_n (qpdf, 1 + link->list_page);
      qpdf_oh annots = qpdf_oh_get_key (qpdf, page, "/Annots");
      qpdf_oh annot = qpdf_oh_new_dictionary (qpdf);
      qpdf_oh rect = qpdf_oh_new_array (qpdf);
      qpdf_oh border = qpdf_oh_new_array (qpdf);
      double page_height = A4_SHORT;

      qpdf_oh_append_item (qpdf, rect, qpdf_oh_new_real_from_double (qpdf, link->x, 2));
      qpdf_oh_append_item (qpdf, rect, qpdf_oh_new_real_from_double (qpdf, page_height - link->y
                                                                     - link->height, 2));
      qpdf_oh_append_item (qpdf, rect, qpdf_oh_new_real_from_double (qpdf, link->x + link->width,
                                                                     2));
      qpdf_oh_append_item (qpdf, rect, qpdf_oh_new_real_from_double (qpdf, page_height - link->y,
                                                                     2));
      for (int b = 0; b < 3; b++)
        qpdf_oh_append_item (qpdf, border, qpdf_oh_new_integer (qpdf, 0));

      qpdf_oh_replace_key (qpdf, annot, "/Type", qpdf_oh_new_name (qpdf, "/Annot"));
      qpdf_oh_replace_key (qpdf, annot, "/Subtype", qpdf_oh_new_name (qpdf, "/Link"));
      qpdf_oh_replace_key (qpdf, annot, "/Rect", rect);
      qpdf_oh_replace_key (qpdf, annot, "/Border", border);
      qpdf_oh_replace_key (qpdf, annot, "/Dest",
                           new_dest (qpdf, qpdf_get_page_n (qpdf, link->target)));
      if (!qpdf_oh_is_array (qpdf, annots))
        {
          annots = qpdf_oh_new_array (qpdf);
          qpdf_oh_replace_key (qpdf, page, "/Annots", annots);
          annots = qpdf_oh_get_key (qpdf, page, "/Annots");
        }
      qpdf_oh_append_item (qpdf, annots, qpdf_make_indirect_object (qpdf, annot));
    }
}

static void
set_info (Dossier   *dossier,
          qpdf_data  qpdf)
{
  g_autofree char *title = g_strdup_printf ("Hồ sơ tài liệu kiểm chứng năm %d — %s",
                                            dossier->data->year, dossier->data->unit_name);
  qpdf_oh info = qpdf_oh_new_dictionary (qpdf);

  qpdf_oh_replace_key (qpdf, info, "/Title", qpdf_oh_new_unicode_string (qpdf, title));
  qpdf_oh_replace_key (qpdf, info, "/Author",
                       qpdf_oh_new_unicode_string (qpdf, dossier->data->unit_name));
  qpdf_oh_replace_key (qpdf, info, "/Creator", qpdf_oh_new_unicode_string (qpdf, "ParIndex"));
  qpdf_oh_replace_key (qpdf, qpdf_get_trailer (qpdf), "/Info",
                       qpdf_make_indirect_object (qpdf, info));
}

static void
write_progress (int      percent,
                gpointer user_data)
{
  Dossier *dossier = user_data;

  report (dossier, 0.5 + 0.49 * percent / 100.0, _("Writing the dossier"));
}

/* qpdf does not report every failed write (a full disk shows only when
 * its file is closed, and it does not look): the file is read back, without
 * recovery, so that a truncated one is caught. */
static gboolean
verify_written (const char  *path,
                int          n_pages,
                GError     **error)
{
  qpdf_data qpdf = qpdf_init ();
  gboolean ok;

  qpdf_silence_errors (qpdf);
  qpdf_set_suppress_warnings (qpdf, QPDF_TRUE);
  qpdf_set_attempt_recovery (qpdf, QPDF_FALSE);
  ok = !(qpdf_read (qpdf, path, NULL) & QPDF_ERRORS) && qpdf_get_num_pages (qpdf) == n_pages;
  qpdf_cleanup (&qpdf);
  if (!ok)
    g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                 _("cannot write the PDF: the file written is incomplete; is the disk full?"));
  return ok;
}

static gboolean
assemble (Dossier     *dossier,
          Part        *drawn,
          const char  *path,
          GError     **error)
{
  qpdf_data qpdf = qpdf_init ();
  gboolean ok = FALSE;
  int page = 0;

  qpdf_silence_errors (qpdf);
  qpdf_set_suppress_warnings (qpdf, QPDF_TRUE);
  if (qpdf_empty_pdf (qpdf) & QPDF_ERRORS)
    goto failed;

  /* The cover and the list, then the parts in order. */
  for (int i = 0; i < 1 + dossier->list_pages; i++)
    if (qpdf_add_page (qpdf, drawn->qpdf, qpdf_get_page_n (drawn->qpdf, i), QPDF_FALSE)
        & QPDF_ERRORS)
      goto failed;
  page = 1 + dossier->list_pages;
  for (guint p = 0; p < dossier->parts->len; p++)
    {
      Part *part = g_ptr_array_index (dossier->parts, p);
      qpdf_data source = part->evidence != NULL ? part->qpdf : drawn->qpdf;
      int first = part->evidence != NULL ? 0 : part->first_drawn;

      g_assert (part->first_page == page);
      if (g_cancellable_is_cancelled (dossier->cancellable))
        break;
      for (int i = 0; i < part->n_pages; i++)
        if (qpdf_add_page (qpdf, source, qpdf_get_page_n (source, first + i), QPDF_FALSE)
            & QPDF_ERRORS)
          goto failed;
      page += part->n_pages;
    }
  if (g_cancellable_set_error_if_cancelled (dossier->cancellable, error))
    {
      qpdf_cleanup (&qpdf);
      return FALSE;
    }

  g_debug ("pages added: %.3f s", (g_get_monotonic_time () - dossier->started) / 1e6);
  add_outline (dossier, qpdf);
  add_links (dossier, qpdf);
  set_info (dossier, qpdf);
  g_debug ("outline and links: %.3f s", (g_get_monotonic_time () - dossier->started) / 1e6);
  if (qpdf_has_error (qpdf))
    goto failed;

  if (qpdf_init_write (qpdf, path) & QPDF_ERRORS)
    goto failed;
  qpdf_register_progress_reporter (qpdf, write_progress, dossier);
  if (qpdf_write (qpdf) & QPDF_ERRORS)
    goto failed;
  g_debug ("written: %.3f s", (g_get_monotonic_time () - dossier->started) / 1e6);
  ok = verify_written (path, page, error);
  qpdf_cleanup (&qpdf);
  return ok;

failed:
  if (!ok)
    {
      g_autofree char *message = qpdf_message (qpdf);

      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot write the PDF: %s"), message);
    }
  qpdf_cleanup (&qpdf);
  return ok;
}

/* Decides which pages go where: the parts, in criterion order. */
static void
plan_parts (Dossier *dossier)
{
  ParDossierData *data = dossier->data;
  guint s = 0;

  while (s < data->sections->len)
    {
      ParDossierSection *section = &g_array_index (data->sections, ParDossierSection, s);

      if (section->n_evidence == 0)
        {
          /* Consecutive explanations share pages. */
          Part *part = g_new0 (Part, 1);
          guint last = s;

          while (last < data->sections->len &&
                 g_array_index (data->sections, ParDossierSection, last).n_evidence == 0)
            dossier->section_parts[last++] = part;
          part->first_drawn = s;         /* the first section, until drawn */
          part->n_pages = layout_explanations (dossier, s, last, FALSE);
          g_ptr_array_add (dossier->parts, part);
          s = last;
          continue;
        }

      for (guint i = 0; i < section->n_evidence; i++)
        {
          ParEvidence *evidence = g_ptr_array_index (data->evidence, section->first + i);
          Part *part = g_hash_table_lookup (dossier->part_by_document, &evidence->document->id);

          if (part == NULL)
            {
              part = g_new0 (Part, 1);
              part->evidence = evidence;
              g_hash_table_insert (dossier->part_by_document, &evidence->document->id, part);
              g_ptr_array_add (dossier->parts, part);
              dossier->bytes_total += evidence->document->size;
            }
          if (i == 0)
            dossier->section_parts[s] = part;
        }
      s++;
    }
}

static void
number_pages (Dossier *dossier)
{
  int page = 1 + dossier->list_pages;

  dossier->unique_pages = 0;
  for (guint p = 0; p < dossier->parts->len; p++)
    {
      Part *part = g_ptr_array_index (dossier->parts, p);

      part->first_page = page;
      page += part->n_pages;
      if (part->evidence != NULL)
        dossier->unique_pages += part->n_pages;
    }
}

/* Draws the cover, the list and the explanations on the drawn PDF. */
static gboolean
draw_pages (Dossier  *dossier,
            GError  **error)
{
  ParDossierData *data = dossier->data;
  cairo_status_t status;
  int pages;

  /* The list's length decides where the documents start, which the list
   * gives: laid out until it keeps its length. */
  dossier->list_pages = 1;
  for (int attempt = 0; attempt < 4; attempt++)
    {
      number_pages (dossier);
      pages = layout_list (dossier, FALSE);
      if (pages == dossier->list_pages)
        break;
      dossier->list_pages = pages;
    }
  number_pages (dossier);

  draw_cover (dossier);
  layout_list (dossier, TRUE);
  if (dossier->drawn_pages != 1 + dossier->list_pages)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("cannot write the PDF: the evidence list changed length while drawn"));
      return FALSE;
    }
  for (guint p = 0; p < dossier->parts->len; p++)
    {
      Part *part = g_ptr_array_index (dossier->parts, p);
      guint first, last;

      if (part->evidence != NULL)
        continue;
      first = part->first_drawn;
      for (last = first; last < data->sections->len &&
                         dossier->section_parts[last] == part; last++)
        ;
      part->first_drawn = dossier->drawn_pages;
      layout_explanations (dossier, first, last, TRUE);
    }

  cairo_destroy (g_steal_pointer (&dossier->cr));
  cairo_surface_finish (dossier->surface);
  status = cairo_surface_status (dossier->surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot write the PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* Removes the temporary folder with everything in it, LibreOffice's
 * profile folder too (symbolic links are removed, never followed). */
static void
remove_workdir (const char *workdir)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (workdir == NULL)
    return;
  dir = g_dir_open (workdir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (workdir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_workdir (path);
      else
        g_unlink (path);
    }
  g_rmdir (workdir);
}

gboolean
_par_dossier_write_pdf (ParDossierData  *data,
                        const char      *path,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *drawn_path = NULL;
  cairo_font_options_t *options;
  Dossier dossier = { 0 };
  Part drawn = { 0 };
  gboolean ok = FALSE;
  gint64 started = g_get_monotonic_time ();

  dossier.data = data;
  dossier.cancellable = cancellable;
  dossier.started = started;
  dossier.parts = g_ptr_array_new_with_free_func (part_free);
  dossier.part_by_document = g_hash_table_new (g_int64_hash, g_int64_equal);
  dossier.section_parts = g_new0 (Part *, data->sections->len + 1);
  dossier.section_pages = g_new0 (int, data->sections->len + 1);
  dossier.links = g_array_new (FALSE, FALSE, sizeof (Link));

  if (!(dossier.workdir = g_dir_make_tmp ("parindex-dossier-XXXXXX", &local_error)))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot create a temporary folder: %s"),
                   local_error->message);
      goto out;
    }
  drawn_path = g_build_filename (dossier.workdir, "drawn.pdf", NULL);

  /* Text is measured as it will be drawn: on the PDF surface, metrics
   * unhinted. */
  dossier.surface = cairo_pdf_surface_create (drawn_path, A4_SHORT, A4_LONG);
  dossier.cr = cairo_create (dossier.surface);
  dossier.pango = pango_cairo_create_context (dossier.cr);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (dossier.pango, options);
  cairo_font_options_destroy (options);

  report (&dossier, 0.0, _("Writing the cover and the evidence list"));
  plan_parts (&dossier);
  for (guint p = 0; p < dossier.parts->len; p++)
    {
      Part *part = g_ptr_array_index (dossier.parts, p);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (part->evidence != NULL && !prepare_document (&dossier, part, error))
        goto out;
    }
  if (!convert_office (&dossier, error))
    goto out;

  g_debug ("documents extracted: %.3f s", (g_get_monotonic_time () - started) / 1e6);
  if (!draw_pages (&dossier, error))
    goto out;
  g_debug ("pages drawn: %.3f s", (g_get_monotonic_time () - started) / 1e6);
  drawn.path = g_steal_pointer (&drawn_path);
  if (!open_part (&dossier, &drawn, error))
    goto out;

  ok = assemble (&dossier, &drawn, path, error);
  g_debug ("assembled: %.3f s", (g_get_monotonic_time () - started) / 1e6);

out:
  if (drawn.qpdf != NULL)
    qpdf_cleanup (&drawn.qpdf);
  g_free (drawn.path);
  g_clear_object (&dossier.pango);
  g_clear_pointer (&dossier.cr, cairo_destroy);
  g_clear_pointer (&dossier.surface, cairo_surface_destroy);
  g_ptr_array_unref (dossier.parts);
  g_hash_table_unref (dossier.part_by_document);
  g_free (dossier.section_parts);
  g_free (dossier.section_pages);
  g_array_unref (dossier.links);
  remove_workdir (dossier.workdir);
  g_free (dossier.workdir);
  return ok;
}
