/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-pdf-document"

#include "config.h"

#include "par-pdf-document.h"

#include <math.h>

#include "par-poppler-private.h"
#include "par-text.h"

/**
 * ParPdfDocument:
 *
 * A PDF as the program shows, searches and prints it, without GTK (as
 * Papers separates its document from its view): the page sizes read once
 * at loading, pages rendered into ARGB32 cairo surfaces with white behind
 * them (a PDF has no background), thumbnails, pages drawn for printing,
 * and text search that ignores diacritics the way the lists do ("phe
 * duyet" finds "phê duyệt"). Poppler is not thread-safe on one document:
 * every use of it holds the document's lock, so workers may render and
 * search at once. The page sizes are read without the lock.
 */
struct _ParPdfDocument
{
  GObject          parent_instance;

  GMutex           lock;
  PopplerDocument *document;
  int              n_pages;
  double          *sizes;      /* width, height of each page */
};

G_DEFINE_FINAL_TYPE (ParPdfDocument, par_pdf_document, G_TYPE_OBJECT)

static void
par_pdf_document_finalize (GObject *object)
{
  ParPdfDocument *self = (ParPdfDocument *)object;

  g_clear_object (&self->document);
  g_free (self->sizes);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (par_pdf_document_parent_class)->finalize (object);
}

static void
par_pdf_document_class_init (ParPdfDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = par_pdf_document_finalize;
}

static void
par_pdf_document_init (ParPdfDocument *self)
{
  g_mutex_init (&self->lock);
}

/**
 * par_pdf_document_new_from_file:
 * @file: a PDF file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Opens @file and reads the size of every page.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with
 *   Poppler's error
 */
ParPdfDocument *
par_pdf_document_new_from_file (GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(PopplerDocument) document = NULL;
  ParPdfDocument *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!(document = poppler_document_new_from_gfile (file, NULL, cancellable, error)))
    return NULL;

  self = g_object_new (PAR_TYPE_PDF_DOCUMENT, NULL);
  self->document = g_steal_pointer (&document);
  self->n_pages = poppler_document_get_n_pages (self->document);
  self->sizes = g_new0 (double, 2 * MAX (self->n_pages, 1));
  for (int i = 0; i < self->n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (self->document, i);

      poppler_page_get_size (page, &self->sizes[2 * i], &self->sizes[2 * i + 1]);
    }
  return self;
}

int
par_pdf_document_get_n_pages (ParPdfDocument *self)
{
  g_return_val_if_fail (PAR_IS_PDF_DOCUMENT (self), 0);

  return self->n_pages;
}

/**
 * par_pdf_document_get_page_size:
 * @self: a #ParPdfDocument
 * @index: a page (0-based); another gives A4
 * @out_width: (out): its width in points
 * @out_height: (out): its height in points
 */
void
par_pdf_document_get_page_size (ParPdfDocument *self,
                                int             index,
                                double         *out_width,
                                double         *out_height)
{
  g_return_if_fail (PAR_IS_PDF_DOCUMENT (self));

  *out_width = 595;
  *out_height = 842;
  if (index >= 0 && index < self->n_pages)
    {
      *out_width = self->sizes[2 * index];
      *out_height = self->sizes[2 * index + 1];
    }
}

/**
 * par_pdf_document_render:
 * @self: a #ParPdfDocument
 * @index: a page (0-based)
 * @scale: pixels per point
 * @highlights: (nullable) (element-type ParPdfRect): places to highlight
 *
 * Renders a page on white into an ARGB32 image surface of
 * ⌈size × @scale⌉ pixels. May run on any thread.
 *
 * Returns: (transfer full) (nullable): the surface, %NULL for a page out
 *   of range
 */
cairo_surface_t *
par_pdf_document_render (ParPdfDocument *self,
                         int             index,
                         double          scale,
                         GArray         *highlights)
{
  g_autoptr(PopplerPage) page = NULL;
  g_autoptr(cairo_t) cr = NULL;
  cairo_surface_t *surface;
  double width, height;

  g_return_val_if_fail (PAR_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (scale > 0, NULL);

  if (index < 0 || index >= self->n_pages)
    return NULL;
  par_pdf_document_get_page_size (self, index, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (1, (int) ceil (width * scale)),
                                        MAX (1, (int) ceil (height * scale)));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);

  g_mutex_lock (&self->lock);
  page = poppler_document_get_page (self->document, index);
  poppler_page_render (page, cr);
  g_clear_object (&page);
  g_mutex_unlock (&self->lock);

  for (guint i = 0; highlights != NULL && i < highlights->len; i++)
    {
      const ParPdfRect *rect = &g_array_index (highlights, ParPdfRect, i);

      cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
      cairo_set_source_rgba (cr, 1.0, 0.8, 0.0, 0.45);
      cairo_fill (cr);
    }
  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_flush (surface);
  return surface;
}

/**
 * par_pdf_document_render_thumbnail:
 * @self: a #ParPdfDocument
 * @index: a page (0-based)
 * @width: the thumbnail's width in pixels
 *
 * Returns: (transfer full) (nullable): the page @width pixels wide
 */
cairo_surface_t *
par_pdf_document_render_thumbnail (ParPdfDocument *self,
                                   int             index,
                                   int             width)
{
  double page_width, page_height;

  g_return_val_if_fail (PAR_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (width > 0, NULL);

  par_pdf_document_get_page_size (self, index, &page_width, &page_height);
  return par_pdf_document_render (self, index, width / page_width, NULL);
}

/**
 * par_pdf_document_render_for_printing:
 * @self: a #ParPdfDocument
 * @index: a page (0-based)
 * @cr: a printing context, in points
 *
 * Draws a page as it prints: vectors and text as they are, no background.
 *
 * Returns: %FALSE for a page out of range
 */
gboolean
par_pdf_document_render_for_printing (ParPdfDocument *self,
                                      int             index,
                                      cairo_t        *cr)
{
  g_autoptr(PopplerPage) page = NULL;

  g_return_val_if_fail (PAR_IS_PDF_DOCUMENT (self), FALSE);

  if (index < 0 || index >= self->n_pages)
    return FALSE;
  g_mutex_lock (&self->lock);
  page = poppler_document_get_page (self->document, index);
  poppler_page_render_for_printing (page, cr);
  g_clear_object (&page);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

/* The places of @query in the page's text compared without diacritics
 * (par_text_find()), as poppler_page_find_text() gives them: a rectangle
 * per line of a match, y counted from the bottom of the page. */
static GList *
find_folded (PopplerPage *page,
             const char  *query)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  g_autoptr(GArray) found = NULL;
  GList *matches = NULL;
  double width, height;
  guint n_rects = 0;

  if (text == NULL || !poppler_page_get_text_layout (page, &rects, &n_rects))
    return NULL;
  poppler_page_get_size (page, &width, &height);
  found = par_text_find (text, query);
  for (guint m = 0; m + 1 < found->len; m += 2)
    {
      guint first = g_array_index (found, guint, m);
      guint end = MIN (g_array_index (found, guint, m + 1), n_rects);
      PopplerRectangle *line = NULL;

      /* The layout's rectangles count y from the top. */
      for (guint c = first; c < end; c++)
        {
          PopplerRectangle *r = &rects[c];

          if (line != NULL && fabs (r->y1 - (height - line->y2)) < 1.0)
            {
              line->x1 = MIN (line->x1, r->x1);
              line->x2 = MAX (line->x2, r->x2);
              line->y1 = MIN (line->y1, height - r->y2);
              continue;
            }
          line = poppler_rectangle_new ();
          line->x1 = r->x1;
          line->x2 = r->x2;
          line->y1 = height - r->y2;
          line->y2 = height - r->y1;
          matches = g_list_append (matches, line);
        }
    }
  return matches;
}

/**
 * par_pdf_document_find:
 * @self: a #ParPdfDocument
 * @text: what to find, in any case, with or without diacritics
 * @start: the page to look at first; the search goes round to it
 * @out_page: (out): the page found on
 * @cancellable: (nullable): a #GCancellable, looked at before each page
 *
 * Finds the first page from @start holding @text. Poppler's search
 * ignores the marks of Latin-1 letters (ê) but not those of Vietnamese
 * ones (ệ, đ): a page where it finds nothing is searched again with the
 * text folded as the lists fold it. May run on any thread.
 *
 * Returns: (transfer full) (element-type ParPdfRect) (nullable): the
 *   places of the hits on that page, %NULL when none was found (or the
 *   search was cancelled)
 */
GArray *
par_pdf_document_find (ParPdfDocument *self,
                       const char     *text,
                       int             start,
                       int            *out_page,
                       GCancellable   *cancellable)
{
  g_return_val_if_fail (PAR_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (text != NULL && out_page != NULL, NULL);

  for (int i = 0; i < self->n_pages; i++)
    {
      int index = (MAX (start, 0) + i) % self->n_pages;
      g_autoptr(PopplerPage) page = NULL;
      GArray *hits;
      GList *matches;
      double height = self->sizes[2 * index + 1];

      if (g_cancellable_is_cancelled (cancellable))
        return NULL;

      g_mutex_lock (&self->lock);
      page = poppler_document_get_page (self->document, index);
      matches = poppler_page_find_text_with_options (page, text, POPPLER_FIND_IGNORE_DIACRITICS);
      if (matches == NULL)
        matches = find_folded (page, text);
      g_clear_object (&page);
      g_mutex_unlock (&self->lock);
      if (matches == NULL)
        continue;

      /* Poppler counts y from the bottom of the page. */
      hits = g_array_new (FALSE, FALSE, sizeof (ParPdfRect));
      for (GList *l = matches; l != NULL; l = l->next)
        {
          PopplerRectangle *r = l->data;
          ParPdfRect rect = { MIN (r->x1, r->x2), height - MAX (r->y1, r->y2),
                              fabs (r->x2 - r->x1), fabs (r->y2 - r->y1) };

          g_array_append_val (hits, rect);
        }
      g_list_free_full (matches, (GDestroyNotify) poppler_rectangle_free);
      *out_page = index;
      return hits;
    }
  return NULL;
}
