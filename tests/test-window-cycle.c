/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "cli-run.h"
#include "evidence-fixtures.h"
#include "par-application.h"
#include "par-criteria-pane.h"
#include "par-cycle.h"
#include "par-decimal.h"
#include "par-detail-pane.h"
#include "par-document-review-button.h"
#include "par-package-receipt.h"
#include "par-receive-dialog.h"
#include "par-review-pane.h"
#include "par-rounds-dialog.h"
#include "par-score-cell.h"
#include "par-submissions-board.h"
#include "par-unit-session.h"
#include "par-units-pane.h"
#include "par-window.h"
#include "test-gui-common.h"

/* The cycle between desks through the window (issue 11): a unit's own
 * workspace and the office's, each in a window of the application, play
 * the whole round trip — the unit sends round 1 (what is missing shown
 * first), the office receives it, reviews a criterion and a document,
 * returns its appraisal; the unit receives it, sees the review and what
 * it must answer, answers and sends round 2; the office receives it, its
 * board shows round 2 and the rounds dialog what changed. Then several
 * packages at once with a bad one, and a cancelled batch. What the window
 * says is compared with the catalogue's words: the test runs in English
 * and in Vietnamese. */


#define YEAR 2022

typedef struct
{
  ParApplication *app;
  ParWindow      *unit;     /* TCH's own workspace */
  ParWindow      *office;   /* the office's */
  char           *unit_path;
  char           *office_path;
  char           *plan;     /* the PDF TCH attaches to 1.1 */
  char           *plan_sha256;
} Cycle;

static char *
in_workdir (const char *name)
{
  return g_build_filename (test_workdir (), name, NULL);
}

/* An expected text, kept until the end of the test (for assertions). */
G_GNUC_PRINTF (1, 2)
static const char *
expect (const char *format,
        ...)
{
  static GPtrArray *texts;
  va_list args;
  char *text;

  if (texts == NULL)
    texts = g_ptr_array_new_with_free_func (g_free);
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (texts, text);
  return text;
}

/* Through a macro, so that the compiler sees the literal formats. */
#define expect_plural(singular, plural, n) \
  expect (g_dngettext (GETTEXT_PACKAGE, singular, plural, n), n)

/* A decimal as the user's locale writes it (9,5 in Vietnamese). */
static const char *
decimal (const char *text)
{
  return par_locale_decimal_separator () == ','
         ? expect ("%.*s,%s", (int) (strchr (text, '.') - text), text, strchr (text, '.') + 1)
         : text;
}

static void
assert_received (ParReceiveDialog *dialog,
                 guint             position,
                 int               round,
                 guint             n_documents,
                 guint             n_stored)
{
  ParPackageReceipt *receipt;

  receipt = g_list_model_get_item (par_receive_dialog_get_receipts (dialog), position);
  g_object_unref (receipt);
  g_assert_cmpint (par_package_receipt_get_state (receipt), ==, PAR_RECEIPT_RECEIVED);
  g_assert_cmpstr (par_package_receipt_get_message (receipt), ==,
                   expect (g_dngettext (GETTEXT_PACKAGE,
                                        "Round %d of %s received: %u document, %u stored anew",
                                        "Round %d of %s received: %u documents, %u stored anew",
                                        n_documents), round, "TCH", n_documents, n_stored));
}

static gboolean
file_exists (gpointer      context,
             gconstpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static ParWindow *
open_window (Cycle      *cycle,
             const char *path)
{
  ParWindow *window = par_window_new (cycle->app);

  g_object_ref (window);
  show_window_on (window, path);
  return window;
}

static void
close_window (ParWindow **window)
{
  if (*window == NULL)
    return;
  gtk_window_destroy (GTK_WINDOW (*window));
  settle ();
  g_assert_finalize_object (*window);
  *window = NULL;
}

static ParUnitSession *
session_of (ParWindow *window)
{
  return PAR_UNIT_SESSION (par_window_get_session (window));
}

static void
select_unit (ParWindow  *window,
             const char *code)
{
  g_assert_true (par_units_pane_select (PAR_UNITS_PANE (par_window_get_units_pane (window)),
                                        code));
  window_wait_until (window_shows_unit, window, code, "the unit is shown");
}

static ParCriteriaPane *
criteria_of (ParWindow *window)
{
  return PAR_CRITERIA_PANE (par_window_get_criteria_pane (window));
}

static ParDetailPane *
detail_of (ParWindow *window)
{
  return PAR_DETAIL_PANE (par_window_get_detail_pane (window));
}

static ParSubmissionsBoard *
board_of (ParWindow *window)
{
  return PAR_SUBMISSIONS_BOARD (par_window_get_submissions_board (window));
}

/* Shown whole: mapped, and slid in to the window's edge. */
static gboolean
detail_shown (gpointer      window,
              gconstpointer data)
{
  graphene_rect_t bounds;

  return gtk_widget_get_mapped (GTK_WIDGET (detail_of (window))) &&
         gtk_widget_compute_bounds (GTK_WIDGET (detail_of (window)), window, &bounds) &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (window);
}

/* The side pane with the selected criterion, shown. */
static void
show_detail (ParWindow *window)
{
  wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpstr (par_window_get_side_page (window), ==, "detail");
  if (!detail_shown (window, NULL))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-detail", NULL);
  window_wait_until (detail_shown, window, NULL, "the criterion's details show");
}

static void
show_criterion (ParWindow  *window,
                const char *code)
{
  g_assert_true (par_criteria_pane_select (criteria_of (window), code));
  settle ();
}

/* Whether the window's action @action ("unit.send-for-appraisal") can be
 * activated now, as a menu item or a button naming it sees it (GTK 4.8
 * has no getter). */
static gboolean
action_enabled (ParWindow  *window,
                const char *action)
{
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  gtk_widget_set_visible (probe, FALSE);
  gtk_widget_set_parent (probe, GTK_WIDGET (window));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), action);
  settle ();
  enabled = gtk_widget_get_sensitive (probe);
  gtk_widget_unparent (probe);
  return enabled;
}

/* The visible dialog of @type in front of @window. */
static GtkWindow *
dialog_of (ParWindow *window,
           GType      type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return toplevel;
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer      window,
                    gconstpointer data)
{
  return dialog_of (window, ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static AdwMessageDialog *
wait_message_dialog (ParWindow *window)
{
  window_wait_until (has_message_dialog, window, NULL, "a dialog shows");
  return ADW_MESSAGE_DIALOG (dialog_of (window, ADW_TYPE_MESSAGE_DIALOG));
}

/* Every label's text under @widget, one a line. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static char *
dialog_text (AdwMessageDialog *dialog)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n%s\n", adw_message_dialog_get_heading (dialog),
                          adw_message_dialog_get_body (dialog));
  if (adw_message_dialog_get_extra_child (dialog) != NULL)
    collect_text (adw_message_dialog_get_extra_child (dialog), text);
  return g_string_free (text, FALSE);
}

static gboolean
is_closed_dialog (gpointer      window,
                  gconstpointer type)
{
  return dialog_of (window, GPOINTER_TO_SIZE (type)) == NULL;
}

static gboolean
batch_done (gpointer      dialog,
            gconstpointer data)
{
  return !par_receive_dialog_get_running (dialog);
}

/* Receives @files in @window; returns the receipts' dialog, done. */
static ParReceiveDialog *
receive (ParWindow     *window,
         GFile * const *files,
         guint          n_files)
{
  ParReceiveDialog *dialog;

  dialog = PAR_RECEIVE_DIALOG (par_window_receive_packages (window, files, n_files));
  g_assert_nonnull (dialog);
  g_assert_true (dialog_of (window, PAR_TYPE_RECEIVE_DIALOG) == GTK_WINDOW (dialog));
  window_wait_until (batch_done, dialog, NULL, "the packages are received");
  return dialog;
}

static ParPackageReceipt *
receipt_at (ParReceiveDialog *dialog,
            guint             position)
{
  g_autoptr(ParPackageReceipt) receipt = g_list_model_get_item (
                                           par_receive_dialog_get_receipts (dialog), position);

  return receipt;   /* the dialog's store holds it */
}

static void
close_receive_dialog (ParWindow        *window,
                      ParReceiveDialog *dialog)
{
  gtk_window_close (GTK_WINDOW (dialog));
  window_wait_until (is_closed_dialog, window, GSIZE_TO_POINTER (PAR_TYPE_RECEIVE_DIALOG),
                     "the receipts are closed");
}

static const ParLeafReview *
review_of (ParWindow  *window,
           const char *code)
{
  ParCriterionRow *row = par_unit_session_lookup (session_of (window), code);

  return row != NULL ? par_criterion_row_get_review (row) : NULL;
}

typedef struct
{
  const char *code;
  ParVerdict  verdict;
  const char *comment;
  const char *request;
} ExpectedReview;

static gboolean
review_is (gpointer      window,
           gconstpointer data)
{
  const ExpectedReview *expected = data;
  const ParLeafReview *review = review_of (window, expected->code);

  return review != NULL && review->verdict == expected->verdict &&
         (expected->comment == NULL || g_strcmp0 (review->comment, expected->comment) == 0) &&
         (expected->request == NULL ||
          (review->requested && g_strcmp0 (review->request, expected->request) == 0));
}

static gboolean
document_reviewed (gpointer      window,
                   gconstpointer verdict)
{
  const ParLeafReview *review = review_of (window, "1.1");

  for (guint i = 0; review != NULL && i < review->documents->len; i++)
    if (((ParDocumentReview *) g_ptr_array_index (review->documents, i))->verdict ==
        (ParVerdict) GPOINTER_TO_INT (verdict))
      return TRUE;
  return FALSE;
}

typedef struct
{
  const char        *code;
  ParSubmissionState state;
  int                round;
} ExpectedRow;

static gboolean
board_shows (gpointer      window,
             gconstpointer data)
{
  const ExpectedRow *expected = data;
  ParSubmissionRow *row = par_submissions_board_lookup (board_of (window), expected->code);

  return row != NULL && par_submission_row_get_state (row) == expected->state &&
         par_submission_row_get_round (row) == expected->round;
}

static gboolean
sent_round_is (gpointer      window,
               gconstpointer round)
{
  ParUnitSession *session = session_of (window);
  const ParUnitCycle *cycle = session != NULL ? par_unit_session_get_cycle (session) : NULL;

  return cycle != NULL && cycle->sent_round == GPOINTER_TO_INT (round);
}

static gboolean
needs_answer (gpointer      window,
              gconstpointer code)
{
  ParCriterionRow *row = par_unit_session_lookup (session_of (window), code);

  return row != NULL && par_criterion_row_get_needs_answer (row);
}

static gboolean
answered (gpointer      window,
          gconstpointer code)
{
  return !needs_answer (window, code);
}

static gboolean
explanation_is (gpointer      window,
                gconstpointer text)
{
  const ParLeafReview *review = review_of (window, "1.1");

  return review != NULL && g_strcmp0 (review->explanation, text) == 0;
}

static char *
stored_value (const char *path,
              const char *unit,
              const char *code,
              ParStage    stage)
{
  return test_read_stored_value (path, YEAR, unit, code, stage);
}

static gboolean
self_value_is (gpointer      cycle,
               gconstpointer value)
{
  g_autofree char *stored = stored_value (((Cycle *) cycle)->unit_path, "TCH", "1.1",
                                          PAR_STAGE_SELF);

  return g_strcmp0 (stored, value) == 0;
}

static gboolean
has_focus_in (gpointer      window,
              gconstpointer widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, (GtkWidget *) widget));
}

/* Gives @widget the keyboard. */
static void
focus_field (ParWindow *window,
             GtkWidget *widget)
{
  focus_toplevel (GTK_WINDOW (window));
  gtk_widget_grab_focus (widget);
  window_wait_until (has_focus_in, window, widget, "the field has the keyboard");
}

/* Only one window shows on the screen for its screenshot (there is no
 * window manager to stack them). */
static void
screenshot_of (ParWindow  *shown,
               ParWindow  *hidden,
               const char *name)
{
  if (g_getenv ("PARINDEX_TEST_SCREENSHOTS") == NULL)
    return;
  if (hidden != NULL)
    gtk_widget_set_visible (GTK_WIDGET (hidden), FALSE);
  window_screenshot (name);
  if (hidden != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (hidden), TRUE);
      window_wait_until (widget_is_mapped, hidden, NULL, "the window is shown again");
      gtk_window_present (GTK_WINDOW (shown));
    }
}

static void
cycle_open (Cycle *cycle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  static int counter;

  cycle->unit_path = g_strdup_printf ("%s/UBND xã Tiên Châu %d.parindex", test_workdir (), counter);
  cycle->office_path = g_strdup_printf ("%s/Sở Nội vụ %d.parindex", test_workdir (), counter);
  cycle->plan = g_strdup_printf ("%s/kế hoạch %d.pdf", test_workdir (), counter++);
  make_tien_phuoc (cycle->office_path, "2022");
  make_unit_workspace (cycle->unit_path, "2022", "TCH", "UBND xã Tiên Châu");
  evidence_fixture_pdf (cycle->plan, 2, 595.276, 841.89, "Ke hoach");
  {
    g_auto(Run) run = run_cli ("attach", cycle->unit_path, "2022", "TCH", "1.1", cycle->plan,
                               "--title", "Kế hoạch CCHC năm 2022");
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (cycle->plan, &contents, &length, NULL));
    cycle->plan_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents,
                                                      length);
  }

  cycle->app = par_application_new ();
  g_application_set_flags (G_APPLICATION (cycle->app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (cycle->app), NULL, &error));
  g_assert_no_error (error);
}

static void
cycle_close (Cycle *cycle)
{
  close_window (&cycle->unit);
  close_window (&cycle->office);
  g_clear_object (&cycle->app);
  g_clear_pointer (&cycle->unit_path, g_free);
  g_clear_pointer (&cycle->office_path, g_free);
  g_clear_pointer (&cycle->plan, g_free);
  g_clear_pointer (&cycle->plan_sha256, g_free);
}

/* The unit sends a round from its window: the check first, then the package. */
/* What the unit still lacks, as the check dialog says it. */
static char *
missing_text (Cycle *cycle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = par_workspace_open (cycle->unit_path,
                                                          PAR_WORKSPACE_OPEN_EXISTING, &error);
  g_autoptr(ParSubmissionCheck) check = NULL;

  g_assert_no_error (error);
  check = par_workspace_check_submission (workspace, YEAR, "TCH", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check->unscored->len, >, 1);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u sub-criterion has no self-assessment: %s",
                                       "%u sub-criteria have no self-assessment: %s",
                                       check->unscored->len), check->unscored->len,
                          ((ParCriterion *) g_ptr_array_index (check->unscored, 0))->code);
}

static void
send_round (Cycle      *cycle,
            int         round,
            const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *heading = g_strdup_printf (_("Send Round %d for Appraisal?"), round);
  g_autofree char *text = NULL;
  g_autofree char *missing = missing_text (cycle);
  AdwMessageDialog *dialog;

  g_assert_true (action_enabled (cycle->unit, "unit.send-for-appraisal"));
  par_window_send_for_appraisal (cycle->unit, file);
  dialog = wait_message_dialog (cycle->unit);
  text = dialog_text (dialog);
  g_test_message ("%s", text);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  /* What is missing is shown before anything is written. */
  g_assert_nonnull (strstr (text, missing));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  respond (dialog, "send");
  window_wait_until (file_exists, NULL, path, "the package is written");
  window_wait_until (sent_round_is, cycle->unit, GINT_TO_POINTER (round),
                     "the unit's window knows the round is sent");
}

static void
test_round_trip (void)
{
  Cycle cycle = { 0 };
  g_autofree char *round1 = in_workdir ("TCH-2022-vong1.parpkg");
  g_autofree char *round2 = in_workdir ("TCH-2022-vong2.parpkg");
  g_autofree char *returned = in_workdir ("TCH-2022-tham-dinh-vong1.parpkg");
  g_autoptr(GFile) round1_file = g_file_new_for_path (round1);
  g_autoptr(GFile) round2_file = g_file_new_for_path (round2);
  g_autoptr(GFile) returned_file = g_file_new_for_path (returned);
  ParReceiveDialog *receipts;
  ParReviewPane *review_pane;
  ParEvidencePane *evidence;
  GtkWidget *button;
  AdwMessageDialog *dialog;
  g_autofree char *text = NULL;

  cycle_open (&cycle);

  /* 1. The unit sends round 1 from its own window. */
  cycle.unit = open_window (&cycle, cycle.unit_path);
  select_unit (cycle.unit, "TCH");
  g_assert_false (action_enabled (cycle.unit, "unit.return-appraisal"));
  g_assert_true (action_enabled (cycle.unit, "win.deadlines"));
  send_round (&cycle, 1, round1);
  g_assert_true (par_unit_session_get_unit_side (session_of (cycle.unit)));
  /* Its deadlines are the office's. */
  g_assert_false (action_enabled (cycle.unit, "win.deadlines"));

  /* 2. The office receives it: its receipt says so, its board shows it. */
  cycle.office = open_window (&cycle, cycle.office_path);
  g_object_set (cycle.office, "page", "submissions", NULL);
  window_wait_until (board_shows, cycle.office,
                     &(ExpectedRow) { "TKY", PAR_SUBMISSION_NOT_RECEIVED, 0 }, "the board shows");
  receipts = receive (cycle.office, (GFile *[]) { round1_file }, 1);
  g_assert_cmpint (par_package_receipt_get_state (receipt_at (receipts, 0)), ==,
                   PAR_RECEIPT_RECEIVED);
  assert_received (receipts, 0, 1, 1, 1);
  g_assert_true (g_str_has_prefix (par_receive_dialog_get_summary (receipts),
                                   expect_plural ("%u package received", "%u packages received",
                                                  1)));
  close_receive_dialog (cycle.office, receipts);
  window_wait_until (board_shows, cycle.office,
                     &(ExpectedRow) { "TCH", PAR_SUBMISSION_TO_APPRAISE, 1 },
                     "the board shows round 1 to appraise");

  /* 3. It opens the unit from the board, and reviews criterion 1.1 at the
   * appraisal stage: a verdict, a comment typed, an explanation request,
   * and a verdict on the document. */
  gtk_widget_activate_action (GTK_WIDGET (cycle.office), "cycle.open-unit", "s", "TCH");
  window_wait_until (window_shows_unit, cycle.office, "TCH", "the unit is shown");
  {
    g_autofree char *page = NULL;

    g_object_get (cycle.office, "page", &page, NULL);
    g_assert_cmpstr (page, ==, "scores");
  }
  gtk_widget_activate_action (GTK_WIDGET (cycle.office), "win.stage", "s", "appraisal");
  g_assert_true (action_enabled (cycle.office, "unit.return-appraisal"));
  g_assert_false (action_enabled (cycle.office, "unit.send-for-appraisal"));
  /* The criterion first, then its details: at 1366 px the details are an
   * overlay, which a choice in the tree behind it closes. */
  show_criterion (cycle.office, "1.1");
  show_detail (cycle.office);
  review_pane = par_detail_pane_get_review_pane (detail_of (cycle.office));
  g_assert_true (par_review_pane_get_editing (review_pane));

  adw_combo_row_set_selected (par_review_pane_get_verdict_row (review_pane),
                              PAR_VERDICT_INSUFFICIENT);
  window_wait_until (review_is, cycle.office,
                     &(ExpectedReview) { "1.1", PAR_VERDICT_INSUFFICIENT, NULL, NULL },
                     "the verdict is saved");
  /* The comment as an input method leaves it in the field (xdotool types
   * no Vietnamese letters); Return, a real key, saves it. */
  focus_field (cycle.office, GTK_WIDGET (par_review_pane_get_comment_entry (review_pane)));
  gtk_editable_set_text (par_review_pane_get_comment_entry (review_pane),
                         "Thiếu kế hoạch số hoá");
  XDOTOOL ("key", "Return");
  window_wait_until (review_is, cycle.office,
                     &(ExpectedReview) { "1.1", PAR_VERDICT_INSUFFICIENT,
                                         "Thiếu kế hoạch số hoá", NULL },
                     "the comment is saved");
  gtk_editable_set_text (par_review_pane_get_request_entry (review_pane),
                         "Giải trình nội dung số hoá");
  g_signal_emit_by_name (par_review_pane_get_request_entry (review_pane), "entry-activated");
  window_wait_until (review_is, cycle.office,
                     &(ExpectedReview) { "1.1", PAR_VERDICT_INSUFFICIENT, NULL,
                                         "Giải trình nội dung số hoá" },
                     "the request is saved");

  evidence = par_detail_pane_get_evidence_pane (detail_of (cycle.office));
  button = par_evidence_pane_lookup_review_button (evidence, cycle.plan_sha256);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (par_document_review_button_save (PAR_DOCUMENT_REVIEW_BUTTON (button),
                                                    PAR_VERDICT_REJECTED,
                                                    "Bản chụp thiếu trang 2", &error));
    g_assert_no_error (error);
  }
  window_wait_until (document_reviewed, cycle.office, GINT_TO_POINTER (PAR_VERDICT_REJECTED),
                     "the document's verdict is read again");
  g_assert_cmpint (par_document_review_button_get_verdict (PAR_DOCUMENT_REVIEW_BUTTON (
                     par_evidence_pane_lookup_review_button (evidence, cycle.plan_sha256))), ==,
                   PAR_VERDICT_REJECTED);

  screenshot_of (cycle.office, cycle.unit, "office-review");
  g_object_set (cycle.office, "page", "submissions", NULL);
  settle ();
  {
    ParSubmissionRow *row = par_submissions_board_lookup (board_of (cycle.office), "TCH");

    g_assert_cmpstr (par_submission_row_get_verdicts_text (row), ==, "0/1/0");
    g_assert_cmpint (par_submission_row_get_requests (row), ==, 1);
  }

  /* 4. The office returns its appraisal. */
  par_window_return_appraisal (cycle.office, "TCH", returned_file);
  dialog = wait_message_dialog (cycle.office);
  text = dialog_text (dialog);
  g_test_message ("%s", text);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   expect (_("Return the Appraisal of Round %d?"), 1));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ParUnitCycle) tch = par_workspace_get_unit_cycle (par_window_get_workspace (
                                                                  cycle.office), YEAR, "TCH",
                                                                &error);
    g_autofree char *requests = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (tch->n_insufficient, ==, 1);
    g_assert_cmpuint (tch->n_open_requests, ==, 1);
    /* The requests in their own plural (par-window-cycle.c). */
    requests = g_strdup_printf (ngettext ("%u explanation request", "%u explanation requests",
                                          tch->n_open_requests),
                                tch->n_open_requests);
    g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                     expect (_("%s (%s): %u of %u sub-criteria appraised; verdicts: %u accepted, "
                               "%u insufficient, %u rejected; %s. The unit sees them once it "
                               "receives the package."),
                             tch->unit_name, tch->unit_code, tch->n_appraised, tch->n_leaves,
                             tch->n_accepted, tch->n_insufficient, tch->n_rejected, requests));
  }
  respond (dialog, "return");
  g_assert_true (g_file_test (returned, G_FILE_TEST_EXISTS));
  window_wait_until (board_shows, cycle.office,
                     &(ExpectedRow) { "TCH", PAR_SUBMISSION_RETURNED, 1 },
                     "the board shows the appraisal returned");

  /* 5. The unit receives it, and sees the review on the criterion and
   * what it must answer. */
  receipts = receive (cycle.unit, (GFile *[]) { returned_file }, 1);
  g_assert_cmpint (par_package_receipt_get_state (receipt_at (receipts, 0)), ==,
                   PAR_RECEIPT_RECEIVED);
  g_assert_cmpstr (par_package_receipt_get_message (receipt_at (receipts, 0)), ==,
                   expect (_("Appraisal of round %d for %s received"), 1, "TCH"));
  close_receive_dialog (cycle.unit, receipts);
  window_wait_until (needs_answer, cycle.unit, "1.1", "1.1 needs the unit's answer");
  g_assert_false (needs_answer (cycle.unit, "2.1"));
  g_assert_cmpstr (par_criteria_pane_get_answer_text (criteria_of (cycle.unit)), ==,
                   expect (g_dngettext (GETTEXT_PACKAGE,
                                        "The appraisal of round %d came back: %u sub-criterion "
                                        "needs your answer before round %d is sent.",
                                        "The appraisal of round %d came back: %u sub-criteria "
                                        "need your answer before round %d is sent.", 1), 1, 1, 2));
  g_assert_cmpstr (par_criterion_row_get_verdict_icon (par_unit_session_lookup (
                     session_of (cycle.unit), "1.1")), ==, "emblem-important-symbolic");
  g_assert_true (review_is (cycle.unit, &(ExpectedReview) { "1.1", PAR_VERDICT_INSUFFICIENT,
                                                            "Thiếu kế hoạch số hoá",
                                                            "Giải trình nội dung số hoá" }));
  g_assert_true (document_reviewed (cycle.unit, GINT_TO_POINTER (PAR_VERDICT_REJECTED)));

  /* "Needs my answer": the tree keeps 1.1 and the way down to it. */
  {
    guint all = par_criteria_pane_get_n_rows (criteria_of (cycle.unit));

    par_criteria_pane_set_needs_answer_only (criteria_of (cycle.unit), TRUE);
    settle ();
    screenshot_of (cycle.unit, cycle.office, "unit-needs-answer");
    g_assert_cmpuint (par_criteria_pane_get_n_rows (criteria_of (cycle.unit)), <, all);
    g_assert_cmpuint (par_criteria_pane_get_n_rows (criteria_of (cycle.unit)), ==, 2);
  }
  show_criterion (cycle.unit, "1.1");
  show_detail (cycle.unit);
  review_pane = par_detail_pane_get_review_pane (detail_of (cycle.unit));
  g_assert_false (par_review_pane_get_editing (review_pane));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (review_pane)));
  {
    g_autofree char *shown = par_review_pane_dup_text (review_pane);

    g_test_message ("%s", shown);
    g_assert_nonnull (strstr (shown, expect (_("%s — round %d"),
                                             par_verdict_get_label (PAR_VERDICT_INSUFFICIENT), 1)));
    g_assert_nonnull (strstr (shown, "Thiếu kế hoạch số hoá"));
    g_assert_nonnull (strstr (shown, "Giải trình nội dung số hoá"));
    g_assert_nonnull (strstr (shown, _("Needs your answer: write your explanation below, attach "
                                       "what is missing, then send the next round.")));
  }
  evidence = par_detail_pane_get_evidence_pane (detail_of (cycle.unit));
  button = par_evidence_pane_lookup_review_button (evidence, cycle.plan_sha256);
  g_assert_nonnull (button);
  g_assert_cmpint (par_document_review_button_get_verdict (PAR_DOCUMENT_REVIEW_BUTTON (button)),
                   ==, PAR_VERDICT_REJECTED);
  screenshot_of (cycle.unit, cycle.office, "unit-reviewed-criterion");

  /* 6. It answers: an explanation typed, a new self value; then round 2. */
  {
    GtkTextView *view = par_detail_pane_get_explanation_view (detail_of (cycle.unit));

    focus_field (cycle.unit, GTK_WIDGET (view));
    gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view),
                                      "Đã bổ sung nội dung số hoá vào kế hoạch", -1);
    /* Leaving the field saves it. */
    XDOTOOL ("key", "ctrl+Tab");
  }
  window_wait_until (explanation_is, cycle.unit, "Đã bổ sung nội dung số hoá vào kế hoạch",
                     "the explanation is saved");
  {
    ParScoreCell *cell = par_score_cell_lookup (par_unit_session_lookup (session_of (cycle.unit),
                                                                         "1.1"), PAR_STAGE_SELF);

    g_assert_nonnull (cell);
    focus_toplevel (GTK_WINDOW (cycle.unit));
    g_assert_true (par_score_cell_start_edit (cell));
    window_wait_until (has_focus_in, cycle.unit, par_score_cell_get_entry (cell),
                       "the cell has the keyboard");
    XDOTOOL ("key", "ctrl+a");
    XDOTOOL ("type", "9");
    XDOTOOL ("key", "Return");
    window_wait_until (self_value_is, &cycle, "9", "the new self value is saved");
  }
  send_round (&cycle, 2, round2);
  /* Sent, the answer is no longer awaited. */
  window_wait_until (answered, cycle.unit, "1.1", "1.1 is answered");

  /* 7. The office receives round 2: the board shows it; the rounds dialog
   * what changed on either side. */
  receipts = receive (cycle.office, (GFile *[]) { round2_file }, 1);
  g_assert_cmpint (par_package_receipt_get_state (receipt_at (receipts, 0)), ==,
                   PAR_RECEIPT_RECEIVED);
  /* Evidence travels once: the document the office holds stayed home. */
  assert_received (receipts, 0, 2, 1, 0);
  close_receive_dialog (cycle.office, receipts);
  window_wait_until (board_shows, cycle.office,
                     &(ExpectedRow) { "TCH", PAR_SUBMISSION_TO_APPRAISE, 2 },
                     "the board shows round 2");
  screenshot_of (cycle.office, cycle.unit, "office-board");
  {
    ParRoundsDialog *rounds = PAR_ROUNDS_DIALOG (par_window_show_rounds (cycle.office, "TCH"));
    const char *unit_side = par_rounds_dialog_get_text (rounds, PAR_ROUND_SIDE_UNIT);
    const char *office_side = par_rounds_dialog_get_text (rounds, PAR_ROUND_SIDE_OFFICE);

    g_test_message ("unit:\n%s\noffice:\n%s", unit_side, office_side);
    g_assert_nonnull (strstr (unit_side,
                              expect ("1.1 %s: %s → 9\n",
                                      par_round_change_kind_get_label (PAR_ROUND_CHANGE_VALUE),
                                      decimal ("9.5"))));
    g_assert_nonnull (strstr (unit_side,
                              expect ("1.1 %s: — → Đã bổ sung nội dung số hoá vào kế hoạch\n",
                                      par_round_change_kind_get_label (
                                        PAR_ROUND_CHANGE_EXPLANATION))));
    g_assert_nonnull (strstr (office_side,
                              expect ("1.1 %s: Giải trình nội dung số hoá → —",
                                      par_round_change_kind_get_label (
                                        PAR_ROUND_CHANGE_REQUEST))));
    screenshot_of (cycle.office, cycle.unit, "office-rounds");
    gtk_window_destroy (GTK_WINDOW (rounds));
  }
  cycle_close (&cycle);
}

static gboolean
receiving (gpointer      dialog,
           gconstpointer data)
{
  return par_package_receipt_get_state (receipt_at (dialog, 0)) == PAR_RECEIPT_RECEIVING;
}

/* Units TCH and TKY of the office each send round 1 from their own
 * workspaces (through parindex-cli). */
static void
submit_both (Cycle      *cycle,
             const char *tch_package,
             const char *tky_package)
{
  g_autofree char *tky = g_strconcat (cycle->unit_path, ".TKY.parindex", NULL);

  make_unit_workspace (tky, "2022", "TKY", "UBND xã Tiên Kỳ");
  {
    g_auto(Run) run = run_cli ("submit", cycle->unit_path, "2022", "TCH", "--out", tch_package);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = run_cli ("submit", tky, "2022", "TKY", "--out", tky_package);
    g_assert_cmpint (run.status, ==, 0);
  }
}

/* Several packages at once, one of them not a package: each file says how
 * it went; the good ones are received. */
static void
test_several_with_a_bad_one (void)
{
  Cycle cycle = { 0 };
  g_autofree char *tch = in_workdir ("several-TCH.parpkg");
  g_autofree char *tky = in_workdir ("several-TKY.parpkg");
  g_autofree char *bad = in_workdir ("several-bad.parpkg");
  g_autoptr(GFile) tch_file = g_file_new_for_path (tch);
  g_autoptr(GFile) tky_file = g_file_new_for_path (tky);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  ParReceiveDialog *receipts;

  cycle_open (&cycle);
  submit_both (&cycle, tch, tky);
  g_assert_true (g_file_set_contents (bad, "Báo cáo CCHC, không phải hồ sơ\n", -1, NULL));

  cycle.office = open_window (&cycle, cycle.office_path);
  g_object_set (cycle.office, "page", "submissions", NULL);
  receipts = receive (cycle.office, (GFile *[]) { tch_file, bad_file, tky_file }, 3);
  for (guint i = 0; i < 3; i++)
    g_test_message ("%u: %s", i, par_package_receipt_get_message (receipt_at (receipts, i)));
  g_assert_cmpint (par_package_receipt_get_state (receipt_at (receipts, 0)), ==,
                   PAR_RECEIPT_RECEIVED);
  g_assert_cmpint (par_package_receipt_get_state (receipt_at (receipts, 1)), ==,
                   PAR_RECEIPT_REFUSED);
  g_assert_nonnull (par_package_receipt_get_error (receipt_at (receipts, 1)));
  /* Why, in words (the row names the file). */
  g_assert_cmpstr (par_package_receipt_get_message (receipt_at (receipts, 1)), ==,
                   par_package_receipt_get_error (receipt_at (receipts, 1))->message);
  g_assert_cmpint (par_package_receipt_get_state (receipt_at (receipts, 2)), ==,
                   PAR_RECEIPT_RECEIVED);
  g_assert_true (g_str_has_prefix (par_receive_dialog_get_summary (receipts),
                                   expect ("%s%s", expect_plural ("%u package received",
                                                                  "%u packages received", 2),
                                           expect_plural (", %u refused", ", %u refused", 1))));
  screenshot_of (cycle.office, NULL, "office-receipts");
  close_receive_dialog (cycle.office, receipts);
  window_wait_until (board_shows, cycle.office,
                     &(ExpectedRow) { "TKY", PAR_SUBMISSION_TO_APPRAISE, 1 },
                     "the board shows TKY's round 1");
  window_wait_until (board_shows, cycle.office,
                     &(ExpectedRow) { "TCH", PAR_SUBMISSION_TO_APPRAISE, 1 },
                     "the board shows TCH's round 1");

  /* The board filters by state and sorts by any column. */
  par_submissions_board_set_filter (board_of (cycle.office), NULL, 1 /* To appraise */);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (par_submissions_board_get_rows (
                                                board_of (cycle.office))), ==, 2);
  par_submissions_board_set_filter (board_of (cycle.office), "tien ky", 0);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (par_submissions_board_get_rows (
                                                board_of (cycle.office))), ==, 1);
  par_submissions_board_set_filter (board_of (cycle.office), NULL, 0);
  par_submissions_board_sort_by (board_of (cycle.office), "code", TRUE);
  settle ();
  {
    g_autoptr(ParSubmissionRow) first = g_list_model_get_item (
                                          par_submissions_board_get_rows (board_of (cycle.office)),
                                          0);

    g_assert_cmpstr (par_submission_row_get_code (first), ==, "TKY");
  }
  cycle_close (&cycle);
}

static gboolean
has_package_logged (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = par_workspace_open (path, PAR_WORKSPACE_OPEN_EXISTING,
                                                          &error);
  g_autoptr(GPtrArray) cycles = NULL;
  gboolean any = FALSE;

  g_assert_no_error (error);
  cycles = par_workspace_list_cycle (workspace, YEAR, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cycles->len; i++)
    any = any || ((ParUnitCycle *) g_ptr_array_index (cycles, i))->received_round > 0;
  return any;
}

/* The office's window starts receiving round 1 of TCH and of TKY while
 * another program holds the workspace's write lock (returned in @out_db):
 * the first package waits to be written. */
static ParReceiveDialog *
start_held_batch (Cycle       *cycle,
                  const char  *name,
                  GFile      **out_tky,
                  sqlite3    **out_db)
{
  g_autofree char *tch_name = g_strdup_printf ("%s-TCH.parpkg", name);
  g_autofree char *tky_name = g_strdup_printf ("%s-TKY.parpkg", name);
  g_autofree char *tch = in_workdir (tch_name);
  g_autofree char *tky = in_workdir (tky_name);
  g_autoptr(GFile) tch_file = g_file_new_for_path (tch);
  ParReceiveDialog *receipts;

  cycle_open (cycle);
  submit_both (cycle, tch, tky);
  cycle->office = open_window (cycle, cycle->office_path);
  *out_tky = g_file_new_for_path (tky);

  g_assert_cmpint (sqlite3_open (cycle->office_path, out_db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (*out_db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  receipts = PAR_RECEIVE_DIALOG (par_window_receive_packages (cycle->office,
                                                              (GFile *[]) { tch_file, *out_tky },
                                                              2));
  window_wait_until (receiving, receipts, NULL, "the first package is being received");
  return receipts;
}

/* A batch cancelled while its first package waits to be written (another
 * program holds the workspace's write lock): nothing is received, every
 * file says it was cancelled, and the window answered all along. */
static void
test_cancel_batch (void)
{
  Cycle cycle = { 0 };
  g_autoptr(GFile) tky_file = NULL;
  ParReceiveDialog *receipts;
  sqlite3 *db = NULL;

  receipts = start_held_batch (&cycle, "cancel", &tky_file, &db);
  g_assert_true (par_receive_dialog_get_running (receipts));
  /* Another batch waits for this one. */
  g_assert_null (par_window_receive_packages (cycle.office, (GFile *[]) { tky_file }, 1));
  par_receive_dialog_cancel (receipts);
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  window_wait_until (batch_done, receipts, NULL, "the batch stops");

  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (par_package_receipt_get_state (receipt_at (receipts, i)), ==,
                     PAR_RECEIPT_CANCELLED);
  g_assert_nonnull (strstr (par_receive_dialog_get_summary (receipts),
                            expect_plural (", %u not received (cancelled)",
                                           ", %u not received (cancelled)", 2)));
  g_assert_false (has_package_logged (cycle.office_path));
  close_receive_dialog (cycle.office, receipts);
  cycle_close (&cycle);
}

static gboolean
is_finalized (gpointer      context,
              gconstpointer data)
{
  return *(const gpointer *) data == NULL;
}

/* Closing the window while its packages are received stops the batch with
 * the package in progress rolled back: nothing of it is received. */
static void
test_close_while_receiving (void)
{
  Cycle cycle = { 0 };
  g_autoptr(GFile) tky_file = NULL;
  ParReceiveDialog *receipts;
  gpointer watched;
  sqlite3 *db = NULL;

  receipts = start_held_batch (&cycle, "closing", &tky_file, &db);
  watched = receipts;
  g_object_add_weak_pointer (G_OBJECT (receipts), &watched);
  close_window (&cycle.office);
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  /* The batch holds its dialog until it has stopped. */
  window_wait_until (is_finalized, NULL, &watched, "the batch stops");
  g_assert_false (has_package_logged (cycle.office_path));
  cycle_close (&cycle);
}

static void
set_field (AdwMessageDialog *dialog,
           const char       *key,
           const char       *text)
{
  GtkEditable *field = g_object_get_data (G_OBJECT (dialog), key);

  g_assert_nonnull (field);
  gtk_editable_set_text (field, text);
  settle ();
}

static gboolean
deadline_shows (gpointer      window,
                gconstpointer state)
{
  ParSubmissionRow *row = par_submissions_board_lookup (board_of (window), "TCH");

  return row != NULL &&
         par_submission_row_get_deadline_state (row) == (ParDeadlineState) GPOINTER_TO_INT (state);
}

/* The stages' deadlines and a unit's extension from the window: a package
 * after the deadline is refused, and received once the unit has an
 * extension; the board shows where the unit stands. */
static void
test_deadlines (void)
{
  Cycle cycle = { 0 };
  g_autofree char *tch = in_workdir ("deadline-TCH.parpkg");
  g_autofree char *tky = in_workdir ("deadline-TKY.parpkg");
  g_autofree char *deadline = NULL;
  g_autoptr(GFile) tch_file = g_file_new_for_path (tch);
  g_autoptr(GError) error = NULL;
  ParReceiveDialog *receipts;
  AdwMessageDialog *dialog;

  cycle_open (&cycle);
  submit_both (&cycle, tch, tky);
  cycle.office = open_window (&cycle, cycle.office_path);
  g_object_set (cycle.office, "page", "submissions", NULL);

  /* The self-assessments closed on 15/01/2020; a wrong date is refused
   * before anything is saved. */
  gtk_widget_activate_action (GTK_WIDGET (cycle.office), "win.deadlines", NULL);
  dialog = wait_message_dialog (cycle.office);
  set_field (dialog, "self", "31/02/2020");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  set_field (dialog, "self", "15/01/2020");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  respond (dialog, "save");
  deadline = par_workspace_get_deadline (par_window_get_workspace (cycle.office), YEAR,
                                         PAR_CYCLE_STAGE_SELF, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (deadline, ==, "2020-01-15");
  window_wait_until (deadline_shows, cycle.office, GINT_TO_POINTER (PAR_DEADLINE_OVERDUE),
                     "the board shows TCH overdue");

  receipts = receive (cycle.office, (GFile *[]) { tch_file }, 1);
  g_assert_cmpint (par_package_receipt_get_state (receipt_at (receipts, 0)), ==,
                   PAR_RECEIPT_REFUSED);
  close_receive_dialog (cycle.office, receipts);

  /* An extension needs a date and a reason. */
  par_window_grant_extension (cycle.office, "TCH");
  dialog = wait_message_dialog (cycle.office);
  set_field (dialog, "date", "31/12/2999");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "grant"));
  set_field (dialog, "reason", "Mưa lũ kéo dài, mất điện");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "grant"));
  respond (dialog, "grant");
  window_wait_until (deadline_shows, cycle.office, GINT_TO_POINTER (PAR_DEADLINE_EXTENDED),
                     "the board shows TCH's extension");

  receipts = receive (cycle.office, (GFile *[]) { tch_file }, 1);
  assert_received (receipts, 0, 1, 1, 1);
  close_receive_dialog (cycle.office, receipts);
  window_wait_until (board_shows, cycle.office,
                     &(ExpectedRow) { "TCH", PAR_SUBMISSION_TO_APPRAISE, 1 },
                     "the board shows TCH's round 1");
  g_assert_true (deadline_shows (cycle.office, GINT_TO_POINTER (PAR_DEADLINE_EXTENDED)));
  cycle_close (&cycle);
}

int
main (int   argc,
      char *argv[])
{
  static const TestGuiCase cases[] = {
    { "/par/window-cycle/round-trip", test_round_trip },
    { "/par/window-cycle/several-with-a-bad-one", test_several_with_a_bad_one },
    { "/par/window-cycle/cancel-batch", test_cancel_batch },
    { "/par/window-cycle/close-while-receiving", test_close_while_receiving },
    { "/par/window-cycle/deadlines", test_deadlines },
  };

  return test_gui_main (argc, argv, NULL, cases, G_N_ELEMENTS (cases));
}
