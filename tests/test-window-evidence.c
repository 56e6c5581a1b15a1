/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "evidence-fixtures.h"
#include "par-criteria-pane.h"
#include "par-detail-pane.h"
#include "par-evidence-pane.h"
#include "par-evidence.h"
#include "par-i18n.h"
#include "par-missing-evidence-pane.h"
#include "par-pdf-view.h"
#include "par-unit-session.h"
#include "par-units-pane.h"
#include "par-window.h"
#include "par-workspace.h"
#include "test-common.h"
#include "test-gui-common.h"

/* Evidence in the main window, over the tests/data/tien-phuoc.* workspace
 * (year 2024; unit TCH has one self entry, on 1.1): the criteria tree's
 * evidence count and warning mark, the unit's missing evidence, and the
 * confirmation before evidence is removed. */

static GFile *
make_workspace (void)
{
  g_autofree char *path = g_build_filename (test_workdir (), "evidence.parindex", NULL);

  make_tien_phuoc_file (path, 2024);
  return g_file_new_for_path (path);
}

static gboolean
shows_session (gpointer window)
{
  return par_window_get_session (window) != NULL;
}

static gboolean
has_evidence (gpointer data)
{
  gint64 count;

  g_object_get (data, "evidence-count", &count, NULL);
  return count > 0;
}

static gboolean
has_no_evidence (gpointer data)
{
  return !has_evidence (data);
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

static void
test_evidence_count_and_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = make_workspace ();
  g_autofree char *pdf = g_build_filename (test_workdir (), "ke-hoach.pdf", NULL);
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
  AdwMessageDialog *dialog;

  evidence_fixture_pdf (pdf, 1, 595, 842, "Kế hoạch CCHC");
  pdf_file = g_file_new_for_path (pdf);

  window = g_object_new (PAR_TYPE_WINDOW, "default-width", 1366, "default-height", 768, NULL);
  g_object_ref_sink (window);
  par_window_open_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (GTK_WIDGET (window));

  workspace = par_window_get_workspace (window);
  criteria = PAR_CRITERIA_PANE (par_window_get_criteria_pane (window));
  missing = PAR_MISSING_EVIDENCE_PANE (par_window_get_missing_evidence_pane (window));
  detail = PAR_DETAIL_PANE (par_window_get_detail_pane (window));
  evidence = par_detail_pane_get_evidence_pane (detail);
  units = PAR_UNITS_PANE (par_window_get_units_pane (window));
  g_assert_true (par_units_pane_select (units, "TCH"));
  wait_for (shows_session, window, "the unit's criteria");
  session = PAR_UNIT_SESSION (par_window_get_session (window));

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
  wait_for_frame (GTK_WIDGET (window));
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
  dialog = ADW_MESSAGE_DIALOG (click_for_window (GTK_WIDGET (evidence), is_icon_button,
                                                 "user-trash-symbolic", ADW_TYPE_MESSAGE_DIALOG));
  respond (dialog, "cancel");
  g_assert_true (has_evidence (leaf));

  dialog = ADW_MESSAGE_DIALOG (click_for_window (GTK_WIDGET (evidence), is_icon_button,
                                                 "user-trash-symbolic", ADW_TYPE_MESSAGE_DIALOG));
  respond (dialog, "remove");
  wait_for (has_no_evidence, leaf, "the evidence removed");
  g_assert_true (row_warns (leaf));
  g_assert_cmpuint (par_missing_evidence_pane_get_n_missing (missing), ==, 1);
  g_assert_cmpuint (core_missing (workspace), ==, 1);

  close_held_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!test_gui_init (&argc, &argv, NULL))
    return 77;

  g_test_add_func ("/par/window/evidence-count-and-missing", test_evidence_count_and_missing);
  return test_run ();
}
