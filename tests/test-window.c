/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "par-annex-content.h"
#include "par-annex-pages.h"
#include "par-annex-preview.h"
#include "par-audit.h"
#include "par-criteria-pane.h"
#include "par-detail-pane.h"
#include "par-error.h"
#include "par-history-item.h"
#include "par-history-window.h"
#include "par-i18n.h"
#include "par-pdf-view.h"
#include "par-revision-dialog.h"
#include "par-score-cell.h"
#include "par-totals-bar.h"
#include "par-unit-dialog.h"
#include "par-unit-session.h"
#include "par-units-pane.h"
#include "par-window.h"
#include "par-workspace.h"
#include "test-common.h"
#include "test-gui-common.h"

/* Widget tests of the main window over a workspace built from the
 * tests/data/tien-phuoc.* fixtures: year 2024 with unit TCH appraised, and
 * TKY with no entry yet. */

static GFile *
make_workspace (void)
{
  static int counter;
  g_autofree char *path = g_strdup_printf ("%s/window-%d.parindex", test_workdir (), counter++);

  make_tien_phuoc_file (path, 2024);
  return g_file_new_for_path (path);
}

typedef struct
{
  ParWindow      *window;
  ParWorkspace   *workspace;
  ParUnitSession *session;
  ParTotalsBar   *totals;
  ParUnitsPane   *units;
  GFile          *file;
  const char     *unit;
} Fixture;

/* The window shows @fixture->unit's criteria. */
static gboolean
shows_unit (gpointer data)
{
  Fixture *fixture = data;

  return window_shows_unit (fixture->window, fixture->unit);
}

static void
fixture_open (Fixture    *fixture,
              const char *unit_code)
{
  fixture->file = make_workspace ();
  fixture->window = g_object_new (PAR_TYPE_WINDOW, "default-width", 1366, "default-height", 768,
                                  NULL);
  g_object_ref_sink (fixture->window);
  par_window_open_file (fixture->window, fixture->file);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for_frame (GTK_WIDGET (fixture->window));

  fixture->workspace = par_window_get_workspace (fixture->window);
  g_assert_nonnull (fixture->workspace);
  fixture->units = PAR_UNITS_PANE (par_window_get_units_pane (fixture->window));
  fixture->totals = PAR_TOTALS_BAR (par_window_get_totals_bar (fixture->window));
  g_assert_true (par_units_pane_select (fixture->units, unit_code));
  fixture->unit = unit_code;
  wait_for (shows_unit, fixture, "the unit's criteria");
  fixture->session = PAR_UNIT_SESSION (par_window_get_session (fixture->window));
}

static void
fixture_close (Fixture *fixture)
{
  close_held_window (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->file);
}

static const char *
stored_value (ParWorkspace *workspace,
              const char   *unit,
              const char   *criterion,
              ParStage      stage)
{
  const ParStoredEntry *entry = test_stored_entry (workspace, 2024, unit, criterion, stage);

  return entry != NULL ? entry->value : NULL;
}

static void
commit (Fixture    *fixture,
        const char *code,
        ParStage    stage,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  ParCriterionRow *row = par_unit_session_lookup (fixture->session, code);

  g_assert_true (par_unit_session_commit (fixture->session, row, stage, text, &error));
  g_assert_no_error (error);
}

static void
test_edit_each_kind (void)
{
  Fixture fixture = { 0 };
  ParCriterionRow *row;
  ParScoreCell *cell;

  /* TKY has no entry: every edit shows in its totals. */
  fixture_open (&fixture, "TKY");
  g_assert_cmpstr (par_totals_bar_get_points (fixture.totals), ==, "0 / 100 points");
  g_assert_cmpstr (par_totals_bar_get_rank (fixture.totals), ==, "Rank 2/2");

  /* Manual, typed into the real cell: the totals follow the keystrokes
   * before anything is saved. */
  row = par_unit_session_lookup (fixture.session, "1.1");
  cell = par_score_cell_lookup (row, PAR_STAGE_SELF);
  g_assert_nonnull (cell);
  gtk_editable_set_text (par_score_cell_get_entry (cell), "9.5");
  g_assert_cmpstr (par_totals_bar_get_points (fixture.totals), ==, "9.5 / 100 points");
  g_assert_null (stored_value (fixture.workspace, "TKY", "1.1", PAR_STAGE_SELF));
  g_assert_null (par_window_get_saved_text (fixture.window));
  g_signal_emit_by_name (par_score_cell_get_entry (cell), "activate");
  g_assert_cmpstr (stored_value (fixture.workspace, "TKY", "1.1", PAR_STAGE_SELF), ==, "9.5");
  g_assert_nonnull (par_window_get_saved_text (fixture.window));

  /* Options, binary, tiers, deduction, not arising, ratio. */
  commit (&fixture, "1.2", PAR_STAGE_SELF, "Chậm");
  g_assert_cmpstr (par_criterion_row_get_points_text (par_unit_session_lookup (fixture.session, "1"),
                                                      PAR_STAGE_SELF), ==, "11.5");
  commit (&fixture, "2.1", PAR_STAGE_SELF, "yes");
  commit (&fixture, "3.1", PAR_STAGE_SELF, "96");
  g_assert_cmpstr (par_criterion_row_get_points_text (par_unit_session_lookup (fixture.session, "3.1"),
                                                      PAR_STAGE_SELF), ==, "7.5");
  commit (&fixture, "4.1", PAR_STAGE_SELF, "2");
  commit (&fixture, "5.1", PAR_STAGE_SELF, "NONE");
  commit (&fixture, "6.1", PAR_STAGE_SELF, "50");
  /* 9.5 + 2 + 3 + 7.5 + 5 + 9 + 2.5 */
  g_assert_cmpstr (par_totals_bar_get_points (fixture.totals), ==, "38.5 / 100 points");
  g_assert_cmpstr (par_criterion_row_get_points_text (par_unit_session_lookup (fixture.session, "4"),
                                                      PAR_STAGE_SELF), ==, "5");

  /* Survey: read-only at the self stage, entered at appraisal. */
  g_assert_false (par_unit_session_can_edit (fixture.session,
                                             par_unit_session_lookup (fixture.session, "8.1"),
                                             PAR_STAGE_SELF));
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.stage", "s", "appraisal");
  commit (&fixture, "8.1", PAR_STAGE_APPRAISAL, "100");
  commit (&fixture, "8.2", PAR_STAGE_APPRAISAL, "100");
  commit (&fixture, "3.2", PAR_STAGE_APPRAISAL, "11");
  commit (&fixture, "7.1", PAR_STAGE_APPRAISAL, "6");
  commit (&fixture, "7.2", PAR_STAGE_APPRAISAL, "yes");
  commit (&fixture, "1.1", PAR_STAGE_APPRAISAL, "10");

  /* 10 + 2 + 3 + 7.5 + 11 + 5 + 9 + 2.5 + 6 + 5 + 20 + 11.5 = 92.5 beats TCH. */
  g_assert_cmpstr (par_totals_bar_get_points (fixture.totals), ==, "92.5 / 100 points");
  g_assert_cmpstr (par_totals_bar_get_index (fixture.totals), ==, "Index 92.50");
  g_assert_cmpstr (par_totals_bar_get_rank (fixture.totals), ==, "Rank 1/2");
  g_assert_cmpstr (par_totals_bar_get_band (fixture.totals), ==, "Xuất sắc");
  g_assert_true (par_totals_bar_get_provisional (fixture.totals));

  /* Accepting the self-assessment fills the rest of the appraisal. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.accept-self", NULL);
  g_assert_cmpstr (stored_value (fixture.workspace, "TKY", "1.2", PAR_STAGE_APPRAISAL), ==, "Chậm");
  g_assert_false (par_totals_bar_get_provisional (fixture.totals));

  fixture_close (&fixture);
}

static void
test_invalid_refused (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  ParCriterionRow *row;
  ParScoreCell *cell;
  gint64 audit;

  fixture_open (&fixture, "TCH");
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.stage", "s", "appraisal");
  settle ();
  audit = par_workspace_count_audit (fixture.workspace, NULL);
  row = par_unit_session_lookup (fixture.session, "1.1");
  cell = par_score_cell_lookup (row, PAR_STAGE_APPRAISAL);
  g_assert_nonnull (cell);

  gtk_editable_set_text (par_score_cell_get_entry (cell), "12");
  g_assert_cmpstr (par_criterion_row_get_error (row, PAR_STAGE_APPRAISAL), ==, "at most 10 points");
  /* The totals keep the last valid value (9.47). */
  g_assert_cmpstr (par_criterion_row_get_points_text (row, PAR_STAGE_APPRAISAL), ==, "9.47");
  g_signal_emit_by_name (par_score_cell_get_entry (cell), "activate");
  g_assert_cmpstr (stored_value (fixture.workspace, "TCH", "1.1", PAR_STAGE_APPRAISAL), ==, "9.47");
  g_assert_cmpint (par_workspace_count_audit (fixture.workspace, NULL), ==, audit);

  g_assert_false (par_unit_session_commit (fixture.session, row, PAR_STAGE_APPRAISAL, "abc", &error));
  g_assert_error (error, g_quark_from_static_string ("par-error-quark"), 0);
  g_assert_cmpint (par_workspace_count_audit (fixture.workspace, NULL), ==, audit);

  fixture_close (&fixture);
}

/* The year selector, offering @year. */
static gboolean
is_year_selector (GtkWidget  *widget,
                  const char *year)
{
  GListModel *years = GTK_IS_DROP_DOWN (widget) ? gtk_drop_down_get_model (GTK_DROP_DOWN (widget))
                                                : NULL;

  for (guint i = 0; GTK_IS_STRING_LIST (years) && i < g_list_model_get_n_items (years); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (years), i), year))
      return TRUE;
  return FALSE;
}

static void
test_undo_redo (void)
{
  Fixture fixture = { 0 };
  const char *before;

  fixture_open (&fixture, "TCH");
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.stage", "s", "appraisal");
  before = par_totals_bar_get_rank (fixture.totals);
  g_assert_cmpstr (before, ==, "Rank 1/2");

  commit (&fixture, "3.1", PAR_STAGE_APPRAISAL, "50");
  g_assert_cmpstr (stored_value (fixture.workspace, "TCH", "3.1", PAR_STAGE_APPRAISAL), ==, "50");
  commit (&fixture, "1.2", PAR_STAGE_APPRAISAL, "Chậm");

  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL);
  g_assert_cmpstr (stored_value (fixture.workspace, "TCH", "1.2", PAR_STAGE_APPRAISAL), ==,
                   "Đúng thời hạn");
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL);
  g_assert_cmpstr (stored_value (fixture.workspace, "TCH", "3.1", PAR_STAGE_APPRAISAL), ==, "97");
  g_assert_cmpstr (par_criterion_row_get_value (par_unit_session_lookup (fixture.session, "3.1"),
                                                PAR_STAGE_APPRAISAL), ==, "97");
  g_assert_cmpstr (par_totals_bar_get_points (fixture.totals), ==, "85.82 / 100 points");

  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.redo", NULL);
  g_assert_cmpstr (stored_value (fixture.workspace, "TCH", "3.1", PAR_STAGE_APPRAISAL), ==, "50");

  /* A step undone in 2024 and redone while 2025 is shown is redone in
   * 2024, which the window shows again; 2025 is left as it was. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.undo", NULL);
  g_assert_cmpstr (stored_value (fixture.workspace, "TCH", "3.1", PAR_STAGE_APPRAISAL), ==, "97");
  load_tien_phuoc (fixture.workspace, 2025);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_widget (GTK_WIDGET (fixture.window),
                                                          is_year_selector, "2025")), 1);
  g_assert_cmpint (par_window_get_year (fixture.window), ==, 2025);
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.redo", NULL);
  g_assert_cmpint (par_window_get_year (fixture.window), ==, 2024);
  g_assert_cmpstr (stored_value (fixture.workspace, "TCH", "3.1", PAR_STAGE_APPRAISAL), ==, "50");
  g_assert_cmpstr (test_stored_entry (fixture.workspace, 2025, "TCH", "3.1",
                                      PAR_STAGE_APPRAISAL)->value, ==, "97");

  fixture_close (&fixture);
}

static gboolean
is_spinner (GtkWidget  *widget,
            const char *unused)
{
  return GTK_IS_SPINNER (widget);
}

/* At rest, nothing turns: the "Opening the Workspace…" spinner, spinning
 * on its page no longer shown, had the window laid out again every frame
 * for as long as it was open. */
static void
test_at_rest (void)
{
  Fixture fixture = { 0 };

  fixture_open (&fixture, "TCH");
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (find_widget (GTK_WIDGET (fixture.window),
                                                                       is_spinner, NULL))));
  fixture_close (&fixture);
}

static void
test_search (void)
{
  Fixture fixture = { 0 };

  fixture_open (&fixture, "TCH");
  g_assert_cmpuint (par_units_pane_count_visible (fixture.units), ==, 2);
  par_units_pane_set_search (fixture.units, "tien chau");
  g_assert_cmpuint (par_units_pane_count_visible (fixture.units), ==, 1);
  par_units_pane_set_search (fixture.units, "TIÊN");
  g_assert_cmpuint (par_units_pane_count_visible (fixture.units), ==, 2);
  par_units_pane_set_search (fixture.units, "ky tien");
  g_assert_cmpuint (par_units_pane_count_visible (fixture.units), ==, 1);
  par_units_pane_set_search (fixture.units, "đà nẵng");
  g_assert_cmpuint (par_units_pane_count_visible (fixture.units), ==, 0);
  par_units_pane_set_search (fixture.units, "");

  fixture_close (&fixture);
}

static gboolean
is_action_widget (GtkWidget  *widget,
                  const char *action_name)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

/* An item of the primary menu (GtkModelButton is private). */
static gboolean
is_menu_item (GtkWidget  *widget,
              const char *label)
{
  g_autofree char *text = NULL;

  if (!g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
    return FALSE;
  g_object_get (widget, "text", &text, NULL);
  return g_strcmp0 (text, label) == 0;
}

static gboolean
is_entry_row (GtkWidget  *widget,
              const char *title)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* Whether the button or menu item can be clicked. */
static gboolean
offered (Fixture     *fixture,
         WidgetMatch  match,
         const char  *text)
{
  GtkWidget *widget = find_widget (GTK_WIDGET (fixture->window), match, text);

  g_assert_nonnull (widget);
  return gtk_widget_get_sensitive (widget);
}

static AdwMessageDialog *
window_dialog (Fixture *fixture)
{
  return (AdwMessageDialog *) find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (fixture->window));
}


static void
fill (AdwMessageDialog *dialog,
      const char       *title,
      const char       *text)
{
  GtkWidget *row = find_widget (GTK_WIDGET (dialog), is_entry_row, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The unit's session, the editing state and the evidence pane, as the
 * window shows them after the year was read again. */
static void
assert_writable (Fixture  *fixture,
                 gboolean  writable)
{
  ParDetailPane *detail = PAR_DETAIL_PANE (par_window_get_detail_pane (fixture->window));
  ParCriteriaPane *criteria = PAR_CRITERIA_PANE (par_window_get_criteria_pane (fixture->window));
  GtkRevealer *banner = GTK_REVEALER (par_window_get_publication_banner (fixture->window));
  GtkWidget *evidence;
  ParScoreCell *cell;

  fixture->session = PAR_UNIT_SESSION (par_window_get_session (fixture->window));
  g_assert_nonnull (fixture->session);
  wait_for_frame (GTK_WIDGET (fixture->window));
  cell = par_score_cell_lookup (par_unit_session_lookup (fixture->session, "1.1"),
                                PAR_STAGE_APPRAISAL);
  g_assert_nonnull (cell);
  g_assert_cmpint (par_score_cell_start_edit (cell), ==, writable);
  g_assert_cmpint (gtk_revealer_get_reveal_child (banner), ==, !writable);
  g_assert_cmpint (offered (fixture, is_action_widget, "win.reopen"), ==, !writable);
  g_assert_cmpint (offered (fixture, is_menu_item, "Publish Results…"), ==, writable);
  g_assert_cmpint (offered (fixture, is_action_widget, "win.accept-self"), ==, writable);
  g_assert_cmpint (offered (fixture, is_action_widget, "win.add-unit"), ==, writable);
  g_assert_cmpint (offered (fixture, is_action_widget, "win.rename-unit"), ==, writable);
  g_assert_cmpint (offered (fixture, is_action_widget, "win.remove-unit"), ==, writable);
  g_assert_true (offered (fixture, is_menu_item, "Export Annexes…"));
  g_assert_true (par_criteria_pane_select (criteria, "1.1"));
  wait_for_frame (GTK_WIDGET (fixture->window));
  evidence = GTK_WIDGET (par_detail_pane_get_evidence_pane (detail));
  g_assert_cmpint (gtk_widget_get_sensitive (find_widget (evidence, has_tooltip,
                                                          "Attach a document (PDF, PNG, JPEG, Word or spreadsheet)")),
                   ==, writable);
}

static void
test_publish_reopen (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParDecision) decision = NULL;
  GtkWidget *banner;
  AdwMessageDialog *dialog;

  fixture_open (&fixture, "TCH");
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.stage", "s", "appraisal");
  assert_writable (&fixture, TRUE);

  /* Publish is offered once the decision has a number and a valid date. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.publish", NULL);
  dialog = window_dialog (&fixture);
  g_assert_nonnull (dialog);
  fill (dialog, "Decision number", "");
  fill (dialog, "Date (YYYY-MM-DD)", "2025-01-15");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "publish"));
  fill (dialog, "Decision number", "123");
  fill (dialog, "Date (YYYY-MM-DD)", "2025-02-30");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "publish"));
  g_assert_true (gtk_widget_has_css_class (find_widget (GTK_WIDGET (dialog), is_entry_row,
                                                        "Date (YYYY-MM-DD)"), "error"));
  fill (dialog, "Date (YYYY-MM-DD)", "2025-01-15");
  fill (dialog, "Issuer", "UBND tỉnh Sông Lam");
  fill (dialog, "Signer", "Nguyễn Văn A");
  fill (dialog, "Place (as in “Quảng Nam, ngày …”)", "Sông Lam");
  fill (dialog, "Signing authority (lines separated by /)", "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH");
  fill (dialog, "Signer’s title", "PHÓ CHỦ TỊCH");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "publish"));
  respond (dialog, "publish");

  g_assert_true (par_workspace_is_published (fixture.workspace, 2024, &error));
  g_assert_no_error (error);
  decision = par_workspace_get_decision (fixture.workspace, 2024, NULL, &error);
  g_assert_cmpstr (decision->issuer, ==, "UBND tỉnh Sông Lam");
  g_assert_cmpstr (decision->signer, ==, "Nguyễn Văn A");
  g_assert_cmpstr (decision->place, ==, "Sông Lam");
  g_assert_cmpstr (decision->authority, ==, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH");
  g_assert_cmpstr (decision->signer_title, ==, "PHÓ CHỦ TỊCH");
  g_assert_null (decision->title);
  banner = par_window_get_publication_banner (fixture.window);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find_widget (banner, is_label, NULL))), ==,
                   "Published by decision 123/QĐ-UBND of 2025-01-15 — scores are read-only");
  assert_writable (&fixture, FALSE);

  /* Reopening needs a reason. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.reopen", NULL);
  dialog = window_dialog (&fixture);
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reopen"));
  fill (dialog, "Reason for reopening", "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reopen"));
  fill (dialog, "Reason for reopening", "Khiếu nại của xã về tiêu chí 3.1");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "reopen"));
  respond (dialog, "reopen");

  g_assert_false (par_workspace_is_published (fixture.workspace, 2024, &error));
  g_assert_no_error (error);
  assert_writable (&fixture, TRUE);
  fixture_close (&fixture);
}

static gboolean
work_done (gpointer window)
{
  return !par_window_get_working (window);
}

/* Until the worker's result has arrived, as a source on this main
 * context. */
static void
wait_for_work (Fixture *fixture)
{
  wait_for (work_done, fixture->window, "the window's work to end");
}

static void
test_export_annexes (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (test_workdir (), "Phu-luc-CCHC-2024.xlsx", NULL);
  g_autofree char *missing = g_build_filename (test_workdir (), "no-such-folder", "Phu-luc.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autofree char *data = NULL;
  AdwMessageDialog *dialog;
  gsize length;

  fixture_open (&fixture, "TCH");
  par_window_export_annexes (fixture.window, file);
  g_assert_true (par_window_get_working (fixture.window));
  g_assert_false (offered (&fixture, is_menu_item, "Export Annexes…"));
  g_assert_false (offered (&fixture, is_menu_item, "Print Annexes…"));
  wait_for_work (&fixture);
  g_assert_true (offered (&fixture, is_menu_item, "Export Annexes…"));
  g_assert_null (window_dialog (&fixture));
  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpmem (data, 2, "PK", 2);

  /* A folder that does not exist: the error is shown in a dialog. */
  par_window_export_annexes (fixture.window, missing_file);
  wait_for_work (&fixture);
  dialog = window_dialog (&fixture);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could not export the annexes");
  respond (dialog, "close");

  /* Cancelled at once: the worker may have finished first, but the file
   * is never half written, no partial file is left, and no error shows. */
  g_assert_true (g_file_set_contents (path, "before", -1, NULL));
  par_window_export_annexes (fixture.window, file);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (
    par_window_get_work_banner (fixture.window))));
  par_window_cancel_work (fixture.window);
  wait_for_work (&fixture);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (
    par_window_get_work_banner (fixture.window))));
  g_assert_null (window_dialog (&fixture));
  g_clear_pointer (&data, g_free);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_true (g_str_equal (data, "before") || (length > 4 && memcmp (data, "PK", 2) == 0));
  {
    g_autoptr(GDir) dir = g_dir_open (test_workdir (), 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_suffix (name, ".part.xlsx"));
  }
  fixture_close (&fixture);
}

/* What pdftotext (poppler-utils, an independent reader) reads in @pdf;
 * the size of its first page in @first_page. */
static char *
pdf_text (const char  *pdf,
          char       **first_page)
{
  const char *text_argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  const char *info_argv[] = { "pdfinfo", "-f", "1", "-l", "1", pdf, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *info = NULL;
  char *text = NULL;
  char *size;
  int status;

  g_spawn_sync (NULL, (char **) text_argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_spawn_sync (NULL, (char **) info_argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &info, NULL, &status, &error);
  g_assert_no_error (error);
  size = strstr (info, "Page    1 size: ");
  g_assert_nonnull (size);
  *first_page = g_strstrip (g_strndup (size + strlen ("Page    1 size: "),
                                       strcspn (size, "\n") - strlen ("Page    1 size: ")));
  return text;
}

/* Printing through GtkPrintOperation to a PDF ("Print to File"): the
 * annexes of a draft, then of the published year with its decision and
 * fingerprint, Vietnamese text intact, A4 landscape for the ranking. */
static void
test_print_annexes (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParDecision) decision = par_decision_new ();
  g_autofree char *path = g_build_filename (test_workdir (), "Phụ lục CCHC 2024.pdf", NULL);
  g_autofree char *draft = NULL;
  g_autofree char *published = NULL;
  g_autofree char *first_page = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *footer = NULL;
  const char *in_draft[] = {
    "PHỤ LỤC I",
    "KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024",
    "(Kèm theo Quyết định số …/QĐ-UBND ngày … tháng … năm …",
    "UBND xã Tiên Châu",
    "85,82",
    "PHỤ LỤC IV",
    "Trang 1/",
  };

  fixture_open (&fixture, "TCH");
  g_assert_true (offered (&fixture, is_menu_item, "Print Annexes…"));
  par_window_print_annexes (fixture.window, path);
  wait_for_work (&fixture);
  g_assert_null (window_dialog (&fixture));
  draft = pdf_text (path, &first_page);
  for (guint i = 0; i < G_N_ELEMENTS (in_draft); i++)
    if (strstr (draft, in_draft[i]) == NULL)
      g_error ("“%s” is not in the draft", in_draft[i]);
  g_assert_null (strstr (draft, "Mã kiểm tra"));
  g_assert_cmpstr (first_page, ==, "841.89 x 595.276 pts (A4)");

  decision->number = g_strdup ("123");
  decision->date = g_strdup ("2025-01-15");
  decision->issuer = g_strdup ("UBND tỉnh Quảng Nam");
  g_assert_true (par_workspace_publish (fixture.workspace, 2024, decision, &fingerprint, &error));
  g_assert_no_error (error);
  g_clear_pointer (&first_page, g_free);
  par_window_print_annexes (fixture.window, path);
  wait_for_work (&fixture);
  published = pdf_text (path, &first_page);
  g_assert_nonnull (strstr (published, "(Kèm theo Quyết định số 123/QĐ-UBND ngày 15 tháng 01 năm "
                                       "2025 của UBND tỉnh Quảng Nam)"));
  g_assert_nonnull (strstr (published, "UBND TỈNH QUẢNG NAM"));
  footer = g_strdup_printf ("Mã kiểm tra: %s", fingerprint);
  g_assert_nonnull (strstr (published, footer));
  fixture_close (&fixture);
}

static gboolean
has_pages (gpointer view)
{
  return par_pdf_view_get_n_pages (view) > 0;
}

/* Print Preview: the pages made on a worker, shown in a window of their
 * own; the temporary PDF goes with the window. */
static void
test_preview_annexes (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) toplevels = NULL;
  g_autoptr(GFile) pdf = NULL;
  g_autoptr(ParAnnexPages) pages = NULL;
  ParAnnexPreview *preview = NULL;
  ParPdfView *view;
  ParAnnexDocument *document;

  fixture_open (&fixture, "TCH");
  g_assert_true (offered (&fixture, is_menu_item, "Print Preview"));
  document = par_annex_document_build_for_year (fixture.workspace, 2024, NULL, &error);
  g_assert_no_error (error);
  pages = par_annex_pages_new (document);

  par_window_preview_annexes (fixture.window);
  g_assert_true (par_window_get_working (fixture.window));
  g_assert_false (offered (&fixture, is_menu_item, "Print Preview"));
  wait_for_work (&fixture);
  g_assert_null (window_dialog (&fixture));

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (PAR_IS_ANNEX_PREVIEW (l->data))
      preview = l->data;
  g_assert_nonnull (preview);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preview)) == GTK_WINDOW (fixture.window));

  /* The viewer loads the PDF on its own worker. */
  view = PAR_PDF_VIEW (par_annex_preview_get_view (preview));
  wait_for (has_pages, view, "the preview's pages");
  g_assert_cmpint (par_pdf_view_get_n_pages (view), ==, par_annex_pages_get_n_pages (pages));
  pdf = g_object_ref (par_pdf_view_get_file (view));
  g_assert_true (g_file_query_exists (pdf, NULL));

  destroy_window (GTK_WINDOW (preview));
  g_assert_false (g_file_query_exists (pdf, NULL));
  g_assert_true (offered (&fixture, is_menu_item, "Print Preview"));
  fixture_close (&fixture);
}

/* The add-unit dialog names the units a unit was formed from; a refusal
 * (a predecessor that is not a unit) is said in the dialog, which keeps
 * what was typed; once added, the unit is selected. */
static void
test_add_unit (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GPtrArray) predecessors = NULL;
  g_autoptr(GError) error = NULL;
  ParUnitDialog *dialog;

  fixture_open (&fixture, "TCH");
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.add-unit", NULL);
  dialog = PAR_UNIT_DIALOG (find_toplevel (PAR_TYPE_UNIT_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  par_unit_dialog_fill (dialog, "TCK", "UBND xã Tiên Châu Kỳ", "TCH, NOPE");
  g_assert_false (par_unit_dialog_add (dialog));
  g_assert_cmpstr (par_unit_dialog_get_error (dialog), ==,
                   "the predecessor “NOPE” of unit “TCK” is not a unit; add it to an earlier "
                   "year first");
  g_assert_null (par_workspace_get_predecessors (fixture.workspace, 2024, "TCK", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  par_unit_dialog_fill (dialog, "TCK", "UBND xã Tiên Châu Kỳ", "TCH, TKY");
  g_assert_true (par_unit_dialog_add (dialog));
  wait_for_cleared ((gpointer *) &dialog, "the dialog to close");

  predecessors = par_workspace_get_predecessors (fixture.workspace, 2024, "TCK", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (predecessors->len, ==, 2);
  g_assert_cmpstr (((ParPredecessor *) predecessors->pdata[1])->code, ==, "TKY");
  g_assert_cmpint (((ParPredecessor *) predecessors->pdata[1])->relation, ==,
                   PAR_RELATION_MERGED);
  g_assert_cmpstr (par_unit_row_get_code (par_units_pane_get_selected (fixture.units)), ==,
                   "TCK");

  fixture_close (&fixture);
}

static gboolean
revise_set_off (gpointer window)
{
  return !g_action_group_get_action_enabled (G_ACTION_GROUP (window), "revise-set");
}

/* Replace the Criteria Set…: the plan shows before anything changes; a
 * published year cannot be revised. */
static void
test_revise_set (void)
{
  Fixture fixture = { 0 };
  g_autofree char *path = test_data_path ("tien-phuoc-revised.criteria.json");
  g_autoptr(GFile) revised = g_file_new_for_path (path);
  ParRevisionDialog *dialog;
  ParSetRevision *plan;

  fixture_open (&fixture, "TCH");
  g_assert_cmpstr (par_totals_bar_get_points (fixture.totals), ==, "85.82 / 100 points");
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.revise-set", NULL);
  dialog = PAR_REVISION_DIALOG (find_toplevel (PAR_TYPE_REVISION_DIALOG, NULL));
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  par_revision_dialog_set_file (dialog, revised);
  plan = par_revision_dialog_get_plan (dialog);
  g_assert_nonnull (plan);
  g_assert_null (par_revision_dialog_get_error (dialog));
  g_assert_cmpuint (plan->leaves->len, ==, 8);
  g_assert_cmpuint (plan->n_reevaluated, ==, 1);
  g_assert_cmpuint (plan->n_dropped, ==, 3);
  /* Nothing has changed yet. */
  g_assert_cmpstr (stored_value (fixture.workspace, "TCH", "1.1", PAR_STAGE_APPRAISAL), ==, "9.47");

  g_assert_true (par_revision_dialog_apply (dialog));
  wait_for_cleared ((gpointer *) &dialog, "the dialog to close");
  g_assert_null (stored_value (fixture.workspace, "TCH", "1.1", PAR_STAGE_APPRAISAL));
  g_assert_cmpstr (par_totals_bar_get_points (fixture.totals), ==, "73.07 / 100 points");

  /* Published: the action is off. */
  {
    g_autoptr(ParDecision) decision = par_decision_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *fingerprint = NULL;

    decision->number = g_strdup ("1/QĐ-UBND");
    decision->date = g_strdup ("2025-01-15");
    g_assert_true (par_workspace_publish (fixture.workspace, 2024, decision, &fingerprint, &error));
    g_assert_no_error (error);
    wait_for (revise_set_off, fixture.window, "the window to follow the publication");
    gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.revise-set", NULL);
    g_assert_null (find_toplevel (PAR_TYPE_REVISION_DIALOG, NULL));
  }
  fixture_close (&fixture);
}

/* The history window opened from the criteria pane's ⋮ menu
 * (unit.criterion-history) and the unit's menu (unit.history), read on a
 * worker thread: the criterion's records newest first, the origin in
 * words. */
static gboolean
history_loaded (gpointer history)
{
  return !par_history_window_is_loading (history);
}

static ParHistoryWindow *
open_history (Fixture    *fixture,
              const char *action,
              const char *criterion)
{
  ParHistoryWindow *history;

  if (criterion != NULL)
    gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, "s", criterion);
  else
    gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL);
  history = PAR_HISTORY_WINDOW (find_toplevel (PAR_TYPE_HISTORY_WINDOW, NULL));
  g_assert_nonnull (history);
  wait_for (history_loaded, history, "the worker to read the records");
  return history;
}

static ParHistoryItem *
history_item (ParHistoryWindow *history,
              guint             i)
{
  GListModel *items = par_history_window_get_items (history);
  ParHistoryItem *item;

  g_assert_cmpuint (i, <, g_list_model_get_n_items (items));
  item = g_list_model_get_item (items, i);
  g_object_unref (item);
  return item;
}

static void
test_history (void)
{
  Fixture fixture = { 0 };
  ParHistoryWindow *history;
  ParHistoryItem *item;

  par_audit_set_program ("window");
  fixture_open (&fixture, "TCH");
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.stage", "s", "appraisal");
  {
    g_autoptr(GError) error = NULL;
    ParCriterionRow *row = par_unit_session_lookup (fixture.session, "1.1");

    g_assert_true (par_unit_session_set_note (fixture.session, row, PAR_STAGE_APPRAISAL,
                                           "Bổ sung báo cáo", &error));
    g_assert_no_error (error);
  }
  commit (&fixture, "1.1", PAR_STAGE_APPRAISAL, "9.75");

  history = open_history (&fixture, "unit.criterion-history", "1.1");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (history)), ==, "History of 1.1");
  /* The note, then the points; the import's entries are counted in a
   * record of the year. */
  g_assert_cmpuint (g_list_model_get_n_items (par_history_window_get_items (history)), ==, 2);
  item = history_item (history, 0);
  g_assert_cmpstr (par_history_item_get_text (item, "stage"), ==, "appraisal");
  g_assert_cmpstr (par_history_item_get_text (item, "change"), ==, "9.47 → 9.75");
  g_assert_cmpstr (par_history_item_get_text (item, "note"), ==, "Bổ sung báo cáo");
  g_assert_cmpstr (par_history_item_get_text (item, "action"), ==, "score edited");
  g_assert_cmpstr (par_history_item_get_text (item, "origin"), ==, "the window");
  item = history_item (history, 1);
  g_assert_cmpstr (par_history_item_get_text (item, "note"), ==,
                   "Trừ 0,03; thiếu báo cáo → Bổ sung báo cáo");
  destroy_window (GTK_WINDOW (history));

  /* The unit's: its import and the two edits. */
  history = open_history (&fixture, "unit.history", NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (history)), ==, "History of the Unit");
  g_assert_cmpstr (par_history_item_get_text (history_item (history, 0), "criterion"), ==, "1.1");
  destroy_window (GTK_WINDOW (history));

  fixture_close (&fixture);
  par_audit_set_program (NULL);
}

static void
test_vietnamese (void)
{
  Fixture fixture = { 0 };
  ParDetailPane *detail;
  ParCriteriaPane *criteria;

  fixture_open (&fixture, "TCH");
  /* Vietnamese words and the decimal comma. */
  g_assert_cmpstr (par_totals_bar_get_points (fixture.totals), ==, "85,82 / 100 điểm");
  g_assert_cmpstr (par_totals_bar_get_index (fixture.totals), ==, "Chỉ số 85,82");
  criteria = PAR_CRITERIA_PANE (par_window_get_criteria_pane (fixture.window));
  detail = PAR_DETAIL_PANE (par_window_get_detail_pane (fixture.window));
  g_assert_true (par_criteria_pane_select (criteria, "3.1"));
  wait_for_frame (GTK_WIDGET (fixture.window));
  g_assert_cmpstr (par_detail_pane_get_rule_text (detail), ==,
                   "từ 100: 10 điểm\ntừ 95 đến dưới 100: 7,5 điểm\n"
                   "từ 80 đến dưới 95: 5 điểm\ndưới 80: 0 điểm");

  /* The workbook exported from the window under a locale with a decimal
   * comma holds numbers with a point, and openpyxl reads it. */
  {
    g_autofree char *path = g_build_filename (test_workdir (), "Phụ lục 2024.xlsx", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *check = g_test_build_filename (G_TEST_DIST, "check-xlsx-numbers.py", NULL);
    const char *argv[] = { "/usr/bin/python3", check, path, NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *errors = NULL;
    int status;

    g_assert_cmpint (par_i18n_get_user_decimal_separator (), ==,
                     g_str_has_prefix (setlocale (LC_CTYPE, NULL), "vi_VN") ? ',' : '.');
    par_window_export_annexes (fixture.window, file);
    wait_for_work (&fixture);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                 NULL, NULL, &errors, &status, &error));
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("the exported workbook is not locale-independent: %s", errors);
  }
  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  const char *language = g_getenv ("LANGUAGE");

  if (!test_gui_init (&argc, &argv, NULL))
    return 77;

  if (language != NULL && g_str_has_prefix (language, "vi"))
    g_test_add_func ("/par/window/vietnamese", test_vietnamese);
  else
    {
      g_test_add_func ("/par/window/edit-each-kind", test_edit_each_kind);
      g_test_add_func ("/par/window/invalid-refused", test_invalid_refused);
      g_test_add_func ("/par/window/undo-redo", test_undo_redo);
      g_test_add_func ("/par/window/search", test_search);
  g_test_add_func ("/par/window/at-rest", test_at_rest);
      g_test_add_func ("/par/window/publish-reopen", test_publish_reopen);
      g_test_add_func ("/par/window/export-annexes", test_export_annexes);
      g_test_add_func ("/par/window/print-annexes", test_print_annexes);
      g_test_add_func ("/par/window/preview-annexes", test_preview_annexes);
      g_test_add_func ("/par/window/history", test_history);
      g_test_add_func ("/par/window/add-unit", test_add_unit);
      g_test_add_func ("/par/window/revise-set", test_revise_set);
    }
  return test_run ();
}
