/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-annex-print"

#include "config.h"

#include "par-annex-print.h"

#include <glib/gi18n.h>

/*
 * Printing the annexes through GtkPrintOperation: the print dialog with
 * its preview, a printer, or "Print to File" as PDF. The pages are the
 * ones par-annex-pages.c lays out for `parindex-cli export --out X.pdf`:
 * A4, each annex in its own orientation, drawn on the whole sheet of
 * paper in points.
 */

static void
on_request_page_setup (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page_nr,
                       GtkPageSetup      *setup,
                       ParAnnexPages     *pages)
{
  gtk_page_setup_set_orientation (setup, par_annex_pages_is_landscape (pages, (guint) page_nr)
                                         ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                         : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              ParAnnexPages     *pages)
{
  par_annex_pages_draw (pages, (guint) page_nr, gtk_print_context_get_cairo_context (context));
}

/**
 * par_annex_print_operation_new:
 * @pages: (transfer full): the annexes laid out on pages
 * @year: the year of the results, for the job's name
 *
 * Returns: (transfer full): a print operation for the annexes, A4, with
 *   the number of pages set; run it with the print dialog, or with an
 *   export file name for a PDF
 */
GtkPrintOperation *
par_annex_print_operation_new (ParAnnexPages *pages,
                               int            year)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *job = g_strdup_printf (_("Annexes of the PAR Index %d"), year);

  g_return_val_if_fail (pages != NULL, NULL);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, par_annex_pages_is_landscape (pages, 0)
                                         ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                         : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, job);
  gtk_print_operation_set_n_pages (operation, (int) par_annex_pages_get_n_pages (pages));
  /* The pages carry their own margins, as the decree sets them. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, FALSE);

  g_signal_connect (operation, "request-page-setup", G_CALLBACK (on_request_page_setup), pages);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), pages);
  g_object_set_data_full (G_OBJECT (operation), "par-annex-pages", pages,
                          (GDestroyNotify) par_annex_pages_free);
  return operation;
}
