/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-annex-preview"

#include "config.h"

#include "par-annex-preview.h"

#include <glib/gi18n.h>

#include "par-pdf-view.h"

/*
 * ParAnnexPreview:
 *
 * The annexes as they will print, in a window of their own: the PDF that
 * par-annex-pages.c writes, shown page by page with thumbnails, zoom and
 * search, and a Print… button that opens the print dialog of the window
 * it came from. It does not depend on a previewer being installed (the
 * print dialog's own Preview runs Papers or Evince, which Windows lacks).
 * The PDF is a temporary file, deleted with the window.
 */

struct _ParAnnexPreview
{
  AdwWindow   parent_instance;

  GtkWindow  *parent;   /* weak */
  GFile      *pdf;
  GtkWidget  *view;
};

G_DEFINE_FINAL_TYPE (ParAnnexPreview, par_annex_preview, ADW_TYPE_WINDOW)

static void
print_clicked_cb (ParAnnexPreview *self)
{
  if (self->parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->parent), "win.print-annexes", NULL);
}

static void
par_annex_preview_dispose (GObject *object)
{
  ParAnnexPreview *self = PAR_ANNEX_PREVIEW (object);

  if (self->pdf != NULL)
    {
      g_file_delete (self->pdf, NULL, NULL);
      g_clear_object (&self->pdf);
    }
  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (par_annex_preview_parent_class)->dispose (object);
}

static void
par_annex_preview_class_init (ParAnnexPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_annex_preview_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
par_annex_preview_init (ParAnnexPreview *self)
{
}

/**
 * par_annex_preview_new:
 * @parent: the window whose annexes these are; its `win.print-annexes`
 *   prints them
 * @pdf: (transfer none): the annexes as a temporary PDF, which the window
 *   deletes when it closes
 * @subtitle: the window's subtitle, e.g. "Annexes of the PAR Index 2025"
 *
 * Returns: (transfer full): the preview window, not yet presented
 */
ParAnnexPreview *
par_annex_preview_new (GtkWindow  *parent,
                       GFile      *pdf,
                       const char *subtitle)
{
  ParAnnexPreview *self = g_object_new (PAR_TYPE_ANNEX_PREVIEW,
                                        "default-width", 1000,
                                        "default-height", 760,
                                        "transient-for", parent,
                                        "destroy-with-parent", TRUE,
                                        "title", _("Print Preview"),
                                        NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *print = gtk_button_new_with_mnemonic (_("_Print…"));

  g_set_weak_pointer (&self->parent, parent);
  self->pdf = g_object_ref (pdf);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Print Preview"), subtitle));
  gtk_widget_add_css_class (print, "suggested-action");
  gtk_widget_set_tooltip_text (print, _("Choose a printer, or print to a PDF file"));
  g_signal_connect_swapped (print, "clicked", G_CALLBACK (print_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), print);

  self->view = par_pdf_view_new ();
  gtk_widget_set_vexpand (self->view, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), self->view);
  adw_window_set_content (ADW_WINDOW (self), box);

  par_pdf_view_load (PAR_PDF_VIEW (self->view), pdf, "application/pdf");
  return self;
}

/**
 * par_annex_preview_get_view:
 *
 * Returns: (transfer none): the #ParPdfView showing the pages
 */
GtkWidget *
par_annex_preview_get_view (ParAnnexPreview *self)
{
  g_return_val_if_fail (PAR_IS_ANNEX_PREVIEW (self), NULL);

  return self->view;
}
