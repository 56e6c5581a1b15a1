/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "par-types.h"

G_BEGIN_DECLS

#define PAR_TYPE_PDF_VIEW (par_pdf_view_get_type ())

G_DECLARE_FINAL_TYPE (ParPdfView, par_pdf_view, PAR, PDF_VIEW, GtkWidget)

/**
 * ParPdfZoom:
 * @PAR_PDF_ZOOM_FIT_WIDTH: the page fills the view's width
 * @PAR_PDF_ZOOM_FIT_PAGE: the whole page fits the view
 * @PAR_PDF_ZOOM_FIXED: a fixed scale (50–400 %)
 */
typedef enum
{
  PAR_PDF_ZOOM_FIT_WIDTH,
  PAR_PDF_ZOOM_FIT_PAGE,
  PAR_PDF_ZOOM_FIXED,
} ParPdfZoom;

GtkWidget    *par_pdf_view_new            (void);
void          par_pdf_view_load           (ParPdfView  *self,
                                           GFile       *file,
                                           const char  *media_type);
GFile        *par_pdf_view_get_file       (ParPdfView  *self);
int           par_pdf_view_get_n_pages    (ParPdfView  *self);
int           par_pdf_view_get_page       (ParPdfView  *self);
void          par_pdf_view_set_page       (ParPdfView  *self,
                                           int          page);
void          par_pdf_view_set_zoom       (ParPdfView  *self,
                                           ParPdfZoom   mode,
                                           double       scale);
GdkPaintable *par_pdf_view_get_paintable  (ParPdfView  *self);
int           par_pdf_view_get_shown_page (ParPdfView  *self);
void          par_pdf_view_search         (ParPdfView  *self,
                                           const char  *text);
guint         par_pdf_view_get_n_hits      (ParPdfView    *self);
void          par_pdf_view_show_message    (ParPdfView    *self,
                                            const char    *title,
                                            const char    *description);

G_END_DECLS
