/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "evidence-fixtures.h"
#include "par-criteria-set.h"
#include "par-evidence-pane.h"
#include "par-evidence.h"
#include "par-pdf-view.h"
#include "par-workspace.h"
#include "test-common.h"
#include "test-gui-common.h"

static gboolean
has_one_row (gpointer data)
{
  return g_list_model_get_n_items (par_evidence_pane_get_model (data)) == 1;
}

typedef struct
{
  ParPdfView *view;
  int         page;
} ShownPage;

static gboolean
shows_page (gpointer data)
{
  ShownPage *shown = data;

  return par_pdf_view_get_shown_page (shown->view) == shown->page &&
         par_pdf_view_get_paintable (shown->view) != NULL;
}

static void
assert_aspect (ParPdfView *view,
               double      width,
               double      height)
{
  GdkPaintable *paintable = par_pdf_view_get_paintable (view);
  double ratio = gdk_paintable_get_intrinsic_aspect_ratio (paintable);

  g_assert_nonnull (paintable);
  g_test_message ("paintable %dx%d", gdk_paintable_get_intrinsic_width (paintable),
                  gdk_paintable_get_intrinsic_height (paintable));
  g_assert_cmpfloat_with_epsilon (ratio, width / height, 0.01);
}

static gboolean
has_hits (gpointer data)
{
  return par_pdf_view_get_n_hits (data) > 0;
}

/* Thumbnails drawn in the strip: pictures "Page N" with their page. */
static guint
count_thumbnails (GtkWidget *widget)
{
  guint count = 0;
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_PICTURE (widget) && tooltip != NULL && g_str_has_prefix (tooltip, "Page ") &&
      gtk_picture_get_paintable (GTK_PICTURE (widget)) != NULL)
    count++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count += count_thumbnails (child);
  return count;
}

static gboolean
has_two_thumbnails (gpointer data)
{
  return count_thumbnails (data) == 2;
}

/* The search label says so. */
static gboolean
not_found (gpointer data)
{
  GtkWidget *label = find_widget (GTK_WIDGET (data), is_label, "Not found");

  return label != NULL;
}

/* The entry that a label with @mnemonic names. */
static GtkEditable *
find_entry (GtkWidget  *widget,
            const char *mnemonic)
{
  GtkWidget *label = find_widget (widget, is_label, mnemonic);

  return label != NULL ? GTK_EDITABLE (gtk_label_get_mnemonic_widget (GTK_LABEL (label))) : NULL;
}

static AdwMessageDialog *
details_dialog (void)
{
  GtkWindow *window = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL);

  if (window == NULL ||
      g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                 "Document Details") != 0)
    return NULL;
  return ADW_MESSAGE_DIALOG (window);
}

static gboolean
has_details_dialog (gpointer data)
{
  return details_dialog () != NULL;
}

/* The details dialog takes dates as the list shows them, refuses an
 * impossible one without losing what was typed, and stores the date. */
static void
check_details_dialog (GtkWidget    *pane,
                      ParWorkspace *workspace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *edit = find_widget (pane, has_tooltip, "Edit the document’s details");
  GtkEditable *date, *title;

  g_assert_nonnull (edit);
  gtk_widget_activate (edit);
  wait_for (has_details_dialog, NULL, "the details dialog");
  dialog = details_dialog ();
  date = find_entry (GTK_WIDGET (dialog), "_Date");
  title = find_entry (GTK_WIDGET (dialog), "_Title");
  g_assert_nonnull (date);
  gtk_editable_set_text (title, "Quyết định phê duyệt");
  gtk_editable_set_text (date, "31/02/2025");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (date), "error"));
  g_assert_cmpstr (gtk_editable_get_text (title), ==, "Quyết định phê duyệt");
  gtk_editable_set_text (date, "15/01/2025");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (date), "error"));
  adw_message_dialog_response (dialog, "save");
  gtk_window_close (GTK_WINDOW (dialog));

  list = par_workspace_list_evidence (workspace, 2022, "TCH", "1.1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((ParEvidence *) g_ptr_array_index (list, 0))->document->date, ==,
                   "2025-01-15");
  g_assert_cmpstr (((ParEvidence *) g_ptr_array_index (list, 0))->document->title, ==,
                   "Quyết định phê duyệt");
}

static void
test_attach_and_preview (void)
{
  g_autofree char *path = g_build_filename (test_workdir (), "w.parindex", NULL);
  g_autofree char *pdf = g_build_filename (test_workdir (), "landscape-then-portrait.pdf", NULL);
  g_autoptr(GFile) pdf_file = NULL;
  ParWorkspace *workspace;
  GtkWidget *window;
  GtkWidget *pane;
  ParPdfView *view;
  ShownPage shown;
  GtkWidget *next;

  /* Page 1 landscape A5-ish, page 2 portrait: the preview must follow. */
  evidence_fixture_pdf (pdf, 2, 600, 400, "Fixture phê duyệt");
  pdf_file = g_file_new_for_path (pdf);

  workspace = test_workspace_open (path, PAR_WORKSPACE_CREATE_NEW);
  test_add_year (workspace, 2022, "UBND xã", "tien-phuoc.criteria.json");
  test_import_units (workspace, 2022, "code,name,block\nTCH,UBND xã Tiên Châu,UBND xã\n");

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 800);
  pane = par_evidence_pane_new ();
  gtk_window_set_child (GTK_WINDOW (window), pane);
  par_evidence_pane_set_context (PAR_EVIDENCE_PANE (pane), workspace, 2022, "TCH", "1.1");
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (window);

  /* Attach as a drop or the button would: on a worker, then listed. */
  par_evidence_pane_attach_file (PAR_EVIDENCE_PANE (pane), pdf_file);
  wait_for (has_one_row, pane, "the attached document in the list");

  view = PAR_PDF_VIEW (par_evidence_pane_get_preview (PAR_EVIDENCE_PANE (pane)));
  shown.view = view;
  shown.page = 0;
  wait_for (shows_page, &shown, "the first page in the preview");
  g_assert_cmpint (par_pdf_view_get_n_pages (view), ==, 2);
  /* The first page is 600 × 400 points. */
  assert_aspect (view, 600, 400);
  /* The strip draws the thumbnails of the pages in view, on workers. */
  wait_for (has_two_thumbnails, view, "the thumbnails of both pages");

  /* Next page, through the button a user clicks. */
  next = gtk_widget_get_first_child (GTK_WIDGET (view));
  next = gtk_widget_get_first_child (next);       /* toolbar */
  next = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (gtk_widget_get_first_child (next)));
  g_assert_true (GTK_IS_BUTTON (next));
  gtk_widget_activate (next);
  shown.page = 1;
  wait_for (shows_page, &shown, "the second page in the preview");
  g_assert_false (gtk_widget_get_sensitive (next));

  /* Search finds the text on page 1 and goes back there, without minding
   * case or Vietnamese diacritics. */
  par_pdf_view_search (view, "FIXTURE PHE DUYET page 1");
  shown.page = 0;
  wait_for (shows_page, &shown, "the search hit's page");
  wait_for (has_hits, view, "the hit highlighted");

  /* Text found nowhere: the old highlight goes. */
  par_pdf_view_search (view, "nowhere to be found");
  g_assert_cmpuint (par_pdf_view_get_n_hits (view), ==, 0);
  wait_for (not_found, view, "“Not found”");
  g_assert_cmpuint (par_pdf_view_get_n_hits (view), ==, 0);

  check_details_dialog (pane, workspace);

  destroy_window (GTK_WINDOW (window));
  test_workspace_close (workspace);
}

int
main (int    argc,
      char **argv)
{
  if (!test_gui_init (&argc, &argv, NULL))
    return 77;

  g_test_add_func ("/par/evidence-pane/attach-preview-navigate", test_attach_and_preview);

  return test_run ();
}
