/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-annex-print"

#include "config.h"

#include "par-annex-print.h"

#include <glib/gi18n.h>

/*
 * Printing the annexes through GtkPrintOperation: the print dialog with
 * its preview, a printer, or "Print to File" as PDF. The pages are the PDF
 * the core wrote (par-annex-pages.c, as `parindex-cli export --out X.pdf`
 * writes it): A4, each annex in its own orientation, drawn as they are on
 * the whole sheet of paper in points, one page at a time — a national
 * year's score sheets print with flat memory.
 */

static gboolean
is_landscape (ParPdfDocument *pdf,
              int             page)
{
  double width, height;

  par_pdf_document_get_page_size (pdf, page, &width, &height);
  return width > height;
}

static void
on_request_page_setup (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page_nr,
                       GtkPageSetup      *setup,
                       ParPdfDocument    *pdf)
{
  gtk_page_setup_set_orientation (setup, is_landscape (pdf, page_nr)
                                         ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                         : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              ParPdfDocument    *pdf)
{
  par_pdf_document_render_for_printing (pdf, page_nr, gtk_print_context_get_cairo_context (context));
}

/**
 * par_annex_print_operation_new:
 * @pdf: the annexes as written to a PDF
 * @year: the year of the results, for the job's name
 *
 * Returns: (transfer full): a print operation for the annexes, A4, with
 *   the number of pages set; run it with the print dialog, or with an
 *   export file name for a PDF
 */
GtkPrintOperation *
par_annex_print_operation_new (ParPdfDocument *pdf,
                               int             year)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *job = g_strdup_printf (_("Annexes of the PAR Index %d"), year);

  g_return_val_if_fail (PAR_IS_PDF_DOCUMENT (pdf), NULL);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, is_landscape (pdf, 0) ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                                : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, job);
  gtk_print_operation_set_n_pages (operation, par_pdf_document_get_n_pages (pdf));
  /* The pages carry their own margins, as the decree sets them. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, FALSE);

  g_signal_connect_object (operation, "request-page-setup", G_CALLBACK (on_request_page_setup),
                           pdf, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (on_draw_page), pdf, 0);
  g_object_set_data_full (G_OBJECT (operation), "par-pdf-document", g_object_ref (pdf),
                          g_object_unref);
  return operation;
}
