/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "evidence-fixtures.h"
#include "par-criteria-pane.h"
#include "par-detail-pane.h"
#include "par-evidence-pane.h"
#include "par-evidence.h"
#include "par-missing-evidence-pane.h"
#include "par-pdf-view.h"
#include "par-units-pane.h"
#include "par-unit-session.h"
#include "par-window.h"
#include "par-workspace.h"

/* Evidence in the main window, over the tests/data/tien-phuoc.* workspace
 * (year 2024; unit TCH has one self entry, on 1.1): the criteria tree's
 * evidence count and warning mark, the unit's missing evidence, and the
 * confirmation before evidence is removed. */

static char *workdir;

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, length, NULL));
  return data;
}

static GFile *
make_workspace (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(GFile) criteria = NULL;
  g_autofree char *criteria_path = g_test_build_filename (G_TEST_DIST, "data",
                                                          "tien-phuoc.criteria.json", NULL);
  g_autofree char *units = NULL;
  g_autofree char *scores = NULL;
  g_autofree char *path = g_build_filename (workdir, "evidence.parindex", NULL);
  gsize units_length, scores_length;

  workspace = par_workspace_open (path, PAR_WORKSPACE_CREATE_NEW, &error);
  g_assert_no_error (error);
  criteria = g_file_new_for_path (criteria_path);
  set = par_criteria_set_new_from_file (criteria, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (par_workspace_add_year (workspace, 2024, "UBND xã", set, &error));
  units = read_fixture ("tien-phuoc.units.csv", &units_length);
  g_assert_true (par_workspace_import_units (workspace, 2024, units, units_length, NULL, &error));
  scores = read_fixture ("tien-phuoc.scores.csv", &scores_length);
  g_assert_true (par_workspace_import_scores (workspace, 2024, scores, scores_length, NULL,
                                              &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
iterate (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* Runs the main loop until @done says so, failing after 20 s. */
static void
wait_for (gboolean  (*done) (gpointer),
          gpointer    data,
          const char *what)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
has_evidence (gpointer data)
{
  gint64 count;

  g_object_get (data, "evidence-count", &count, NULL);
  return count > 0;
}

static gboolean
previewed (gpointer data)
{
  return par_pdf_view_get_paintable (data) != NULL;
}

static gboolean
row_warns (ParCriterionRow *row)
{
  gboolean warning;

  g_object_get (row, "warning", &warning, NULL);
  return warning;
}

static char *
evidence_text (ParCriterionRow *row)
{
  char *text;

  g_object_get (row, "evidence-text", &text, NULL);
  return text;
}

static guint
core_missing (ParWorkspace *workspace)
{
  g_autoptr(GArray) missing = par_workspace_list_missing_evidence (workspace, 2024, "TCH", NULL,
                                                                   NULL);

  g_assert_nonnull (missing);
  return missing->len;
}

/* The remove button a user clicks in the evidence list. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *icon_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), icon_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, icon_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
test_evidence_count_and_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = make_workspace ();
  g_autofree char *pdf = g_build_filename (workdir, "ke-hoach.pdf", NULL);
  g_autoptr(GFile) pdf_file = NULL;
  g_autofree char *text = NULL;
  ParWindow *window;
  ParWorkspace *workspace;
  ParUnitSession *session;
  ParCriteriaPane *criteria;
  ParDetailPane *detail;
  ParEvidencePane *evidence;
  ParUnitsPane *units;
  ParMissingEvidencePane *missing;
  ParCriterionRow *leaf;
  GtkWidget *remove;
  AdwMessageDialog *dialog;

  evidence_fixture_pdf (pdf, 1, 595, 842, "Kế hoạch CCHC");
  pdf_file = g_file_new_for_path (pdf);

  window = g_object_new (PAR_TYPE_WINDOW, "default-width", 1366, "default-height", 768, NULL);
  g_object_ref_sink (window);
  par_window_open_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 200 && !gtk_widget_get_mapped (GTK_WIDGET (window)); i++)
    iterate (5);
  iterate (100);

  workspace = par_window_get_workspace (window);
  criteria = PAR_CRITERIA_PANE (par_window_get_criteria_pane (window));
  missing = PAR_MISSING_EVIDENCE_PANE (par_window_get_missing_evidence_pane (window));
  detail = PAR_DETAIL_PANE (par_window_get_detail_pane (window));
  evidence = par_detail_pane_get_evidence_pane (detail);
  units = PAR_UNITS_PANE (par_window_get_units_pane (window));
  g_assert_true (par_units_pane_select (units, "TCH"));
  iterate (50);
  session = PAR_UNIT_SESSION (par_window_get_session (window));
  g_assert_nonnull (session);

  /* A second self entry: the unit now owes evidence for 1.1 and 2.1. */
  g_assert_true (par_unit_session_commit (session, par_unit_session_lookup (session, "2.1"),
                                          PAR_STAGE_SELF, "yes", &error));
  g_assert_no_error (error);
  leaf = par_unit_session_lookup (session, "1.1");
  text = evidence_text (leaf);
  g_assert_cmpstr (text, ==, "0");
  g_assert_true (row_warns (leaf));
  g_assert_true (row_warns (par_unit_session_lookup (session, "2.1")));
  g_assert_false (row_warns (par_unit_session_lookup (session, "3.1")));   /* appraisal only */
  g_assert_cmpuint (par_missing_evidence_pane_get_n_missing (missing), ==, 2);
  g_assert_cmpuint (core_missing (workspace), ==, 2);

  /* The missing evidence beside the tree; a row leads to its criterion. */
  gtk_widget_activate_action (GTK_WIDGET (window), "unit.show-missing-evidence", NULL);
  g_assert_cmpstr (par_window_get_side_page (window), ==, "missing");
  iterate (50);
  g_signal_emit_by_name (par_missing_evidence_pane_get_list (missing), "activate", 0);
  g_assert_true (par_criteria_pane_get_selected (criteria) == leaf);
  g_assert_cmpstr (par_window_get_side_page (window), ==, "detail");

  /* Attaching a PDF to the selected leaf, as a drop does. */
  par_evidence_pane_attach_file (evidence, pdf_file);
  wait_for (has_evidence, leaf, "the evidence count of 1.1");
  g_clear_pointer (&text, g_free);
  text = evidence_text (leaf);
  g_assert_cmpstr (text, ==, "1");
  g_assert_false (row_warns (leaf));
  g_assert_cmpuint (g_list_model_get_n_items (par_evidence_pane_get_model (evidence)), ==, 1);
  g_assert_cmpuint (par_missing_evidence_pane_get_n_missing (missing), ==, 1);
  g_assert_cmpuint (core_missing (workspace), ==, 1);
  wait_for (previewed, par_evidence_pane_get_preview (evidence), "the preview");

  /* An explanation stands in for evidence. */
  g_assert_true (par_workspace_set_explanation (workspace, 2024, "TCH", "2.1", FALSE,
                                                "Văn bản đang trình ký", &error));
  g_assert_no_error (error);
  g_assert_false (row_warns (par_unit_session_lookup (session, "2.1")));
  g_assert_cmpuint (par_missing_evidence_pane_get_n_missing (missing), ==, 0);

  /* Removing asks first: cancelling keeps the evidence. */
  iterate (50);
  remove = find_button (GTK_WIDGET (evidence), "user-trash-symbolic");
  g_assert_nonnull (remove);
  /* A button emits "clicked" once its pressed look has shown. */
  gtk_widget_activate (remove);
  iterate (400);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  iterate (50);
  g_assert_true (has_evidence (leaf));

  gtk_widget_activate (find_button (GTK_WIDGET (evidence), "user-trash-symbolic"));
  iterate (400);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "remove");
  iterate (50);
  g_assert_false (has_evidence (leaf));
  g_assert_true (row_warns (leaf));
  g_assert_cmpuint (par_missing_evidence_pane_get_n_missing (missing), ==, 1);
  g_assert_cmpuint (core_missing (workspace), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (50);
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;

  workdir = g_dir_make_tmp ("par-window-evidence-XXXXXX", NULL);
  cache = g_build_filename (workdir, "cache", NULL);
  /* Previews are copied to the cache folder: keep them out of the user's. */
  g_setenv ("XDG_DATA_HOME", workdir, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/par/window/evidence-count-and-missing", test_evidence_count_and_missing);
  return g_test_run ();
}
