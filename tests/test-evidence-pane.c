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

/* Runs the main loop until @done says so, failing after 20 s. */
static void
wait_for (gboolean (*done) (gpointer),
          gpointer   data,
          const char *what)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
}

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

static gboolean
drawn (gpointer data)
{
  return *(gboolean *) data;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  *(gboolean *) data = TRUE;
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

static void
test_attach_and_preview (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-evidence-pane-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "w.parindex", NULL);
  g_autofree char *pdf = g_build_filename (dir, "landscape-then-portrait.pdf", NULL);
  g_autofree char *criteria_path = g_test_build_filename (G_TEST_DIST, "data",
                                                          "tien-phuoc.criteria.json", NULL);
  g_autoptr(GFile) criteria_file = g_file_new_for_path (criteria_path);
  g_autoptr(GFile) pdf_file = NULL;
  g_autoptr(ParCriteriaSet) set = NULL;
  ParWorkspace *workspace;
  const char *units = "code,name,block\nTCH,UBND xã Tiên Châu,UBND xã\n";
  GtkWidget *window;
  GtkWidget *pane;
  ParPdfView *view;
  ShownPage shown;
  gboolean painted = FALSE;
  GtkWidget *next;

  g_assert_no_error (error);
  /* Page 1 landscape A5-ish, page 2 portrait: the preview must follow. */
  evidence_fixture_pdf (pdf, 2, 600, 400, "Fixture");
  pdf_file = g_file_new_for_path (pdf);

  workspace = par_workspace_open (path, PAR_WORKSPACE_CREATE_NEW, &error);
  g_assert_no_error (error);
  set = par_criteria_set_new_from_file (criteria_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (par_workspace_add_year (workspace, 2022, "UBND xã", set, &error));
  g_assert_true (par_workspace_import_units (workspace, 2022, units, strlen (units), NULL, &error));
  g_assert_no_error (error);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 800);
  pane = par_evidence_pane_new ();
  gtk_window_set_child (GTK_WINDOW (window), pane);
  par_evidence_pane_set_context (PAR_EVIDENCE_PANE (pane), workspace, 2022, "TCH", "1.1");
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), &painted);
  wait_for (drawn, &painted, "the first frame");

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

  /* Next page, through the button a user clicks. */
  next = gtk_widget_get_first_child (GTK_WIDGET (view));
  next = gtk_widget_get_first_child (next);       /* toolbar */
  next = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (gtk_widget_get_first_child (next)));
  g_assert_true (GTK_IS_BUTTON (next));
  gtk_widget_activate (next);
  shown.page = 1;
  wait_for (shows_page, &shown, "the second page in the preview");
  g_assert_false (gtk_widget_get_sensitive (next));

  /* Search finds the text on page 1 and goes back there. */
  par_pdf_view_search (view, "Fixture page 1");
  shown.page = 0;
  wait_for (shows_page, &shown, "the search hit's page");

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (workspace);

  {
    g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
    const char *name;

    while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }
}

static void
skip_without_display (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *cache = g_dir_make_tmp ("test-evidence-pane-cache-XXXXXX", NULL);

  /* Previews are copied to the cache folder: keep them out of the user's. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/par/evidence-pane/attach-preview-navigate", skip_without_display);
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/par/evidence-pane/attach-preview-navigate", test_attach_and_preview);

  return g_test_run ();
}
