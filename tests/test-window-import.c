/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "par-application.h"
#include "par-block-dialog.h"
#include "par-criteria-set.h"
#include "par-import-dialog.h"
#include "par-settings-dialog.h"
#include "par-window.h"
#include "par-workspace-settings.h"
#include "test-common.h"
#include "test-gui-common.h"

/* Importing from a file in the window (issue 14, "Setup in the window"):
 * the window's Import action opens the dialog; a scores file with bad rows
 * is checked and listed row by row (line, column, why) without anything
 * changing and without Import being offered; the corrected file is
 * previewed with what it adds, then imported all or nothing, and the
 * window says so. PARINDEX_TEST_SCREENSHOTS=DIR saves the preview. */

#define YEAR 2022


typedef struct
{
  ParApplication *app;
  ParWindow      *window;
  char           *path;
  guint           imported;
  guint           n_imported;
} Fixture;

static gboolean
is_idle (gpointer      dialog,
         gconstpointer data)
{
  return !par_import_dialog_get_busy (dialog);
}

static gboolean
is_true (gpointer      context,
         gconstpointer data)
{
  return *(const guint *) data > 0;
}

static gint64
count_rows (Fixture    *f,
            const char *query)
{
  return test_query_int (f->path, query);
}

static GFile *
write_file (const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (test_workdir (), name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return g_file_new_for_path (path);
}

static void
imported_cb (ParImportDialog *dialog,
             guint            count,
             Fixture         *f)
{
  f->imported++;
  f->n_imported = count;
}

/* A bad row of the preview, found by its problem. */
static gboolean
is_problem_row (GtkWidget  *widget,
                const char *problem)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), problem);
}

static ParImportDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (PAR_IS_IMPORT_DIALOG (window))
        return PAR_IMPORT_DIALOG (window);
    }
  return NULL;
}

static gboolean
has_dialog (gpointer      context,
            gconstpointer data)
{
  ParImportDialog *dialog = find_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
has_no_dialog (gpointer      context,
               gconstpointer data)
{
  return find_dialog () == NULL;
}

/* The window's Import action run, and the dialog it opens once shown. */
static ParImportDialog *
open_import_dialog (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import", NULL));
  window_wait_until (has_dialog, NULL, NULL, "the import dialog is shown");
  return find_dialog ();
}

static void
fixture_set_up (Fixture *f)
{
  g_autofree char *json_path = g_test_build_filename (G_TEST_DIST, "data",
                                                      "tien-phuoc.criteria.json", NULL);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  const char *units = "code,name,block,kind\n"
                      "TCH,UBND xã Tiên Châu,UBND xã,xã\n"
                      "TKY,UBND xã Tiên Kỳ,UBND xã,xã\n"
                      "TLP,UBND xã Tiên Lập,UBND xã,xã\n";

  f->path = g_build_filename (test_workdir (), "Tiên Phước.parindex", NULL);
  workspace = par_workspace_open (f->path, PAR_WORKSPACE_CREATE_NEW, &error);
  g_assert_no_error (error);
  set = par_criteria_set_new_from_file (json, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (par_workspace_add_year (workspace, YEAR, "UBND xã", set, &error));
  g_assert_true (par_workspace_import_units (workspace, YEAR, units, strlen (units), NULL,
                                             &error));
  g_assert_no_error (error);
  g_clear_object (&workspace);

  f->app = par_application_new ();
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  g_assert_no_error (error);

  f->window = g_object_ref (par_window_new (f->app));
  show_window_on (f->window, f->path);
}

static void
fixture_tear_down (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  settle ();
  g_assert_finalize_object (f->window);
  g_clear_object (&f->app);
  g_remove (f->path);
  g_free (f->path);
}

static void
test_scores_import_dialog (void)
{
  Fixture f = { 0 };
  g_autoptr(GFile) bad = NULL;
  g_autoptr(GFile) good = NULL;
  ParImportDialog *dialog;
  ParImportCheck *check;
  ParImportLine *line;
  gint64 before;

  fixture_set_up (&f);
  /* A clerk's file saved from a spreadsheet with a “;” and decimal commas,
   * three rows of it bad. */
  bad = write_file ("điểm.csv",
                    "unit;criterion;stage;value;ghi chú\n"
                    "TCH;1.1;self;9,5;\n"
                    "TCH;1.1;appraisal;10,5;\n"
                    "TXX;1.1;self;8;\n"
                    "TKY;1.2;self;Đúng thời hạn;\n"
                    "TKY;1.1;khảo sát;7;\n"
                    "TLP;1.1;self;6,25;\n");
  good = write_file ("điểm-đã-sửa.csv",
                     "unit;criterion;stage;value\n"
                     "TCH;1.1;self;9,5\n"
                     "TCH;1.1;appraisal;9\n"
                     "TKY;1.2;self;Đúng thời hạn\n"
                     "TKY;1.1;self;7\n"
                     "TLP;1.1;self;6,25\n");

  dialog = open_import_dialog (&f);
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &f);

  before = count_rows (&f, "SELECT count (*) FROM score");
  par_import_dialog_check_file (dialog, PAR_IMPORT_SCORES, bad);
  window_wait_until (is_idle, dialog, NULL, "the file is checked");
  check = par_import_dialog_get_check (dialog);
  g_assert_nonnull (check);
  g_assert_cmpuint (par_import_check_get_n_rows (check), ==, 6);
  g_assert_cmpuint (par_import_check_get_n_problems (check), ==, 3);
  g_assert_false (par_import_check_get_importable (check));
  g_assert_true (par_import_check_get_decimal_comma (check));
  g_assert_cmpstr (par_import_check_get_ignored_columns (check)[0], ==, "ghi chú");
  line = g_list_model_get_item (par_import_check_get_problems (check), 1);
  g_assert_cmpuint (par_import_line_get_line (line), ==, 4);
  g_assert_cmpstr (par_import_line_get_column (line), ==, "unit");
  /* An unknown unit: the window says what to do in the window, the
   * command line's message names its command. */
  g_assert_cmpint (par_import_line_get_remedy (line), ==, PAR_IMPORT_REMEDY_ADD_UNIT);
  {
    g_autoptr(GError) error = NULL;
    GtkWidget *row = find_widget (GTK_WIDGET (dialog), is_problem_row,
                                  par_import_line_get_problem (line));
    const char *subtitle;

    g_assert_nonnull (row);
    subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
    g_assert_null (strstr (subtitle, "parindex-cli"));
    g_assert_cmpuint (strlen (subtitle), >, strlen (par_import_line_get_problem (line)) + 20);
    g_assert_false (par_import_check_check (check, &error));
    g_assert_nonnull (strstr (error->message, "“TXX”"));
    g_assert_nonnull (strstr (error->message, "“parindex-cli add-units”"));
  }
  g_object_unref (line);
  window_screenshot ("import-preview-bad-rows");
  /* Checked, nothing changed. */
  g_assert_cmpint (count_rows (&f, "SELECT count (*) FROM score"), ==, before);

  par_import_dialog_check_file (dialog, PAR_IMPORT_SCORES, good);
  window_wait_until (is_idle, dialog, NULL, "the corrected file is checked");
  check = par_import_dialog_get_check (dialog);
  g_assert_true (par_import_check_get_importable (check));
  g_assert_cmpuint (par_import_check_get_n_added (check), ==, 5);
  g_assert_cmpint (count_rows (&f, "SELECT count (*) FROM score"), ==, before);
  window_screenshot ("import-preview-good");

  par_import_dialog_import (dialog);
  window_wait_until (is_true, NULL, &f.imported, "the file is imported");
  window_wait_until (has_no_dialog, NULL, NULL, "the dialog is closed");
  g_assert_cmpuint (f.n_imported, ==, 5);
  g_assert_cmpint (count_rows (&f, "SELECT count (*) FROM score"), ==, before + 5);

  fixture_tear_down (&f);
}

/* A units file with a bad row is refused by the check as the import would
 * refuse it; closing the dialog changes nothing. */
static void
test_units_refused_then_closed (void)
{
  Fixture f = { 0 };
  g_autoptr(GFile) units = NULL;
  ParImportDialog *dialog;
  ParImportCheck *check;

  fixture_set_up (&f);
  units = write_file ("đơn-vị.csv",
                      "code,name,block\n"
                      "TAN,UBND xã Tiên An,UBND xã\n"
                      "TCH,UBND xã Tiên Châu,Khối không có\n");
  dialog = open_import_dialog (&f);
  par_import_dialog_check_file (dialog, PAR_IMPORT_UNITS, units);
  window_wait_until (is_idle, dialog, NULL, "the file is checked");
  check = par_import_dialog_get_check (dialog);
  g_assert_cmpuint (par_import_check_get_n_problems (check), ==, 1);
  g_assert_cmpuint (par_import_check_get_n_added (check), ==, 1);
  gtk_window_close (GTK_WINDOW (dialog));
  window_wait_until (has_no_dialog, NULL, NULL, "the dialog is closed");
  g_assert_cmpint (count_rows (&f, "SELECT count (*) FROM unit WHERE code = 'TAN'"), ==, 0);

  fixture_tear_down (&f);
}

static ParBlockDialog *
find_block_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (PAR_IS_BLOCK_DIALOG (window) && gtk_widget_get_mapped (window))
        return PAR_BLOCK_DIALOG (window);
    }
  return NULL;
}

static gboolean
has_block_dialog (gpointer      context,
                  gconstpointer data)
{
  return (find_block_dialog () != NULL) == GPOINTER_TO_INT (data);
}

/* The window's Add Block action run, and the dialog it opens once shown. */
static ParBlockDialog *
open_block_dialog (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-block", NULL));
  window_wait_until (has_block_dialog, NULL, GINT_TO_POINTER (TRUE), "the block dialog is shown");
  return find_block_dialog ();
}

/* A block added to the year with its criteria set: a file that is not a
 * set is refused with where and why, a valid one is shown and added, and
 * a units file naming the new block then imports. */
static void
test_add_block (void)
{
  Fixture f = { 0 };
  g_autofree char *json_path = g_test_build_filename (G_TEST_DIST, "data",
                                                      "tien-phuoc.criteria.json", NULL);
  g_autoptr(GFile) set = g_file_new_for_path (json_path);
  g_autoptr(GFile) broken = NULL;
  g_autoptr(GFile) units = NULL;
  ParBlockDialog *dialog;
  ParImportDialog *import;
  ParImportCheck *check;

  fixture_set_up (&f);
  broken = write_file ("hỏng.criteria.json", "{\"format\": \"parindex-criteria/1\", \"nodes\": [");
  units = write_file ("phường.csv", "code,name,block\nPAN,UBND phường An,UBND phường\n");

  dialog = open_block_dialog (&f);
  par_block_dialog_set_name (dialog, "UBND phường");
  g_assert_false (par_block_dialog_choose_set (dialog, broken));
  g_assert_nonnull (par_block_dialog_get_error (dialog));
  g_assert_nonnull (strstr (par_block_dialog_get_error (dialog), "hỏng.criteria.json"));
  g_assert_false (par_block_dialog_add (dialog));
  g_assert_cmpint (count_rows (&f, "SELECT count (*) FROM block"), ==, 1);

  g_assert_true (par_block_dialog_choose_set (dialog, set));
  g_assert_null (par_block_dialog_get_error (dialog));
  window_screenshot ("add-block");
  g_assert_true (par_block_dialog_add (dialog));
  window_wait_until (has_block_dialog, NULL, GINT_TO_POINTER (FALSE), "the block dialog is closed");
  g_assert_cmpint (count_rows (&f, "SELECT count (*) FROM block"), ==, 2);

  /* The same block twice is refused, and the dialog says why. */
  dialog = open_block_dialog (&f);
  par_block_dialog_set_name (dialog, "UBND phường");
  g_assert_true (par_block_dialog_choose_set (dialog, set));
  g_assert_false (par_block_dialog_add (dialog));
  g_assert_nonnull (par_block_dialog_get_error (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  window_wait_until (has_block_dialog, NULL, GINT_TO_POINTER (FALSE), "the block dialog is closed");
  g_assert_cmpint (count_rows (&f, "SELECT count (*) FROM block"), ==, 2);

  import = open_import_dialog (&f);
  par_import_dialog_check_file (import, PAR_IMPORT_UNITS, units);
  window_wait_until (is_idle, import, NULL, "the file is checked");
  check = par_import_dialog_get_check (import);
  g_assert_true (par_import_check_get_importable (check));
  g_assert_cmpuint (par_import_check_get_n_added (check), ==, 1);
  gtk_window_close (GTK_WINDOW (import));
  window_wait_until (has_no_dialog, NULL, NULL, "the dialog is closed");

  fixture_tear_down (&f);
}

static gboolean
settings_closed (gpointer      context,
                 gconstpointer data)
{
  return find_toplevel (PAR_TYPE_SETTINGS_DIALOG, NULL) == NULL;
}

static gboolean
shows_issuer (gpointer      dialog,
              gconstpointer data)
{
  return g_str_equal (par_settings_dialog_get_issuer (dialog), data);
}

static char *
stored_issuer (Fixture *f)
{
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  char *value;

  workspace = par_workspace_open (f->path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  value = par_workspace_get_setting (workspace, PAR_SETTING_ISSUER, &error);
  g_assert_no_error (error);
  return value;
}

/* The window's Workspace Settings action run, and the dialog it opens. */
static ParSettingsDialog *
open_settings_dialog (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.workspace-settings",
                                             NULL));
  return PAR_SETTINGS_DIALOG (wait_for_toplevel (PAR_TYPE_SETTINGS_DIALOG,
                                                 GTK_WINDOW (f->window),
                                                 "the settings dialog is shown"));
}

/* The issuing body printed on the annexes, set in the window as
 * `parindex-cli settings --issuer` sets it: bounded the same way, stored
 * trimmed, and a change made by another program shown in the dialog. */
static void
test_workspace_settings (void)
{
  Fixture f = { 0 };
  g_autoptr(ParWorkspace) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *too_long = g_strnfill (501, 'x');
  g_autofree char *stored = NULL;
  ParSettingsDialog *dialog;

  fixture_set_up (&f);
  dialog = open_settings_dialog (&f);
  g_assert_cmpstr (par_settings_dialog_get_issuer (dialog), ==, "");

  /* Refused as the command line refuses it; the dialog stays open. */
  par_settings_dialog_set_issuer (dialog, too_long);
  g_assert_false (par_settings_dialog_save (dialog));
  g_assert_nonnull (par_settings_dialog_get_error (dialog));
  g_assert_nonnull (strstr (par_settings_dialog_get_error (dialog), "500"));
  g_assert_null ((stored = stored_issuer (&f)));

  par_settings_dialog_set_issuer (dialog, "  UBND tỉnh Quảng Nam ");
  g_assert_null (par_settings_dialog_get_error (dialog));
  window_screenshot ("workspace-settings");
  g_assert_true (par_settings_dialog_save (dialog));
  window_wait_until (settings_closed, NULL, NULL, "the settings dialog is closed");
  stored = stored_issuer (&f);
  g_assert_cmpstr (stored, ==, "UBND tỉnh Quảng Nam");
  g_assert_cmpint (count_rows (&f, "SELECT count (*) FROM audit WHERE origin = 'window:setting'"
                                   " AND detail = 'issuer'"), ==, 1);

  /* Another program changes it while the dialog is open: it shows. */
  dialog = open_settings_dialog (&f);
  g_assert_cmpstr (par_settings_dialog_get_issuer (dialog), ==, "UBND tỉnh Quảng Nam");
  other = par_workspace_open (f.path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (par_workspace_set_setting (other, PAR_SETTING_ISSUER, "UBND tỉnh Sông Lam",
                                            &error));
  g_assert_no_error (error);
  g_clear_object (&other);
  window_wait_until (shows_issuer, dialog, "UBND tỉnh Sông Lam",
                     "the other program's issuing body is shown");
  gtk_window_close (GTK_WINDOW (dialog));
  window_wait_until (settings_closed, NULL, NULL, "the settings dialog is closed");

  fixture_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  static const TestGuiCase cases[] = {
    { "/par/window-import/scores", test_scores_import_dialog },
    { "/par/window-import/units-refused", test_units_refused_then_closed },
    { "/par/window-import/add-block", test_add_block },
    { "/par/window-import/workspace-settings", test_workspace_settings },
  };

  return test_gui_main (argc, argv, NULL, cases, G_N_ELEMENTS (cases));
}
