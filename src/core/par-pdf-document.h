/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "par-types.h"

G_BEGIN_DECLS

#define PAR_TYPE_PDF_DOCUMENT (par_pdf_document_get_type ())

G_DECLARE_FINAL_TYPE (ParPdfDocument, par_pdf_document, PAR, PDF_DOCUMENT, GObject)

/**
 * ParPdfRect:
 * @x: left edge, in points from the page's left
 * @y: top edge, in points from the page's top
 * @width: width in points
 * @height: height in points
 *
 * A place on a page.
 */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} ParPdfRect;

ParPdfDocument  *par_pdf_document_new_from_file      (GFile           *file,
                                                      GCancellable    *cancellable,
                                                      GError         **error);
int              par_pdf_document_get_n_pages        (ParPdfDocument  *self);
void             par_pdf_document_get_page_size      (ParPdfDocument  *self,
                                                      int              index,
                                                      double          *out_width,
                                                      double          *out_height);
cairo_surface_t *par_pdf_document_render             (ParPdfDocument  *self,
                                                      int              index,
                                                      double           scale,
                                                      GArray          *highlights);
cairo_surface_t *par_pdf_document_render_thumbnail   (ParPdfDocument  *self,
                                                      int              index,
                                                      int              width);
gboolean         par_pdf_document_render_for_printing (ParPdfDocument *self,
                                                      int              index,
                                                      cairo_t         *cr);
GArray          *par_pdf_document_find               (ParPdfDocument  *self,
                                                      const char      *text,
                                                      int              start,
                                                      int             *out_page,
                                                      GCancellable    *cancellable);

G_END_DECLS
