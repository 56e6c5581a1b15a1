/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "par-application.h"
#include "par-format.h"
#include "par-overview-page.h"
#include "par-overview-row.h"
#include "par-units-pane.h"
#include "par-unit-row.h"
#include "par-window.h"
#include "par-workspace.h"
#include "par-year-model.h"
#include "test-common.h"
#include "test-gui-common.h"

/* The overview of the year in the window (issue 14): every unit of a year
 * of two blocks, its results, its evidence given of the evidence expected
 * and its place in the cycle, as the core reads them; sorted by each
 * column, filtered by block, class, provisional and incomplete units; a
 * unit opened from it by the keyboard; a score and an explanation written
 * by another connection shown in their row. In English and in Vietnamese. */

#define YEAR 2024


/* Four leaves, three expecting evidence; the default classes. */
static const char set_json[] =
  "{ \"format\": \"parindex-criteria/1\", \"title\": \"Bộ chỉ số kiểm thử\", \"nodes\": ["
  "  { \"code\": \"1\", \"title\": \"Chỉ đạo, điều hành\", \"children\": ["
  "    { \"code\": \"1.1\", \"title\": \"Kế hoạch CCHC\", \"max\": 30, \"evidence\": \"Kế hoạch\" },"
  "    { \"code\": \"1.2\", \"title\": \"Báo cáo CCHC\", \"max\": 20, \"rule\": { \"kind\": \"binary\" },"
  "      \"evidence\": \"Báo cáo\" } ] },"
  "  { \"code\": \"2\", \"title\": \"Thể chế\", \"children\": ["
  "    { \"code\": \"2.1\", \"title\": \"Rà soát văn bản\", \"max\": 40, \"evidence\": \"Quyết định\" },"
  "    { \"code\": \"2.2\", \"title\": \"Kiểm tra\", \"max\": 10 } ] } ] }";

#define N_COMMUNES 12
#define N_WARDS 4

static char *
make_workspace (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(GString) units = g_string_new ("code,name,block\n");
  g_autoptr(GString) scores = g_string_new ("unit,criterion,stage,value\n");
  char *path = g_build_filename (test_workdir (), "overview.parindex", NULL);

  workspace = par_workspace_open (path, PAR_WORKSPACE_CREATE_NEW, &error);
  g_assert_no_error (error);
  set = par_criteria_set_new_from_data (set_json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (par_workspace_add_year (workspace, YEAR, "UBND xã", set, &error));
  g_assert_true (par_workspace_add_year (workspace, YEAR, "UBND phường", set, &error));
  g_assert_no_error (error);
  /* Names numbered so that only a natural order puts Số 2 before Số 10. */
  for (guint i = 1; i <= N_COMMUNES + N_WARDS; i++)
    {
      gboolean ward = i > N_COMMUNES;

      g_string_append_printf (units, "U%02u,UBND %s Số %u,UBND %s\n", i, ward ? "phường" : "xã",
                              ward ? i - N_COMMUNES : i, ward ? "phường" : "xã");
      g_string_append_printf (scores, "U%02u,1.1,self,%u\nU%02u,1.2,self,yes\nU%02u,2.2,self,8\n",
                              i, 10 + i, i, i);
      /* Every fourth unit lacks a self entry. */
      if (i % 4 != 0)
        g_string_append_printf (scores, "U%02u,2.1,self,%u\n", i, 20 + i);
      /* Every third one is not appraised on 2.1: provisional. */
      g_string_append_printf (scores, "U%02u,1.1,appraisal,%u\nU%02u,1.2,appraisal,%s\n"
                              "U%02u,2.2,appraisal,%u\n", i, 9 + i, i, i % 5 == 0 ? "no" : "yes",
                              i, 5 + i % 5);
      if (i % 3 != 0)
        g_string_append_printf (scores, "U%02u,2.1,appraisal,%u\n", i, 18 + i);
    }
  g_assert_true (par_workspace_import_units (workspace, YEAR, units->str, units->len, NULL,
                                             &error));
  g_assert_no_error (error);
  g_assert_true (par_workspace_import_scores (workspace, YEAR, scores->str, scores->len, NULL,
                                              &error));
  g_assert_no_error (error);
  /* Evidence given: an explanation of U01's plan. */
  g_assert_true (par_workspace_set_explanation (workspace, YEAR, "U01", "1.1", FALSE,
                                                "Kế hoạch số 5/KH-UBND", &error));
  g_assert_no_error (error);
  return path;
}

/* A window of @app showing the workspace at @path, at 1366×768. */
static ParWindow *
open_window (ParApplication *app,
             const char     *path)
{
  g_autoptr(GError) error = NULL;
  ParWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  window = g_object_ref (par_window_new (app));
  show_window_on (window, path);
  return window;
}

static gboolean
on_page (gpointer      window,
         gconstpointer page)
{
  g_autofree char *shown = NULL;

  g_object_get (window, "page", &shown, NULL);
  return g_strcmp0 (shown, page) == 0;
}

static gboolean
loaded (gpointer      page,
        gconstpointer n_units)
{
  return !par_overview_page_get_loading (page) &&
         g_list_model_get_n_items (par_overview_page_get_rows (page)) == GPOINTER_TO_UINT (n_units);
}

static gboolean
row_shows (gpointer      row,
           gconstpointer data)
{
  const char * const *column_text = data;
  ParOverviewColumn column;

  g_assert_true (par_overview_column_from_id (column_text[0], &column));
  return g_strcmp0 (par_overview_row_get_text (row, column), column_text[1]) == 0;
}

static gboolean
unit_selected (gpointer      pane,
               gconstpointer code)
{
  ParUnitRow *row = par_units_pane_get_selected (pane);

  return row != NULL && g_strcmp0 (par_unit_row_get_code (row), code) == 0;
}

static void
wait_row_shows (ParOverviewRow    *row,
                ParOverviewColumn  column,
                const char        *text)
{
  const char *column_text[] = { par_overview_column_get_id (column), text };

  window_wait_until (row_shows, row, column_text, text);
}

/* Every row as the core reads the year: results, completeness, cycle. */
static void
assert_rows_match_core (ParOverviewPage *page,
                        const char      *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = par_workspace_open (path, PAR_WORKSPACE_OPEN_EXISTING,
                                                          &error);
  g_autoptr(ParYearModel) model = par_year_model_new (workspace, YEAR, &error);
  g_autoptr(GPtrArray) completeness = par_workspace_list_completeness (workspace, YEAR, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < completeness->len; i++)
    {
      const ParUnitCompleteness *unit = g_ptr_array_index (completeness, i);
      const ParUnitResult *result = par_year_model_lookup (model, unit->unit_code);
      ParOverviewRow *row = par_overview_page_lookup (page, unit->unit_code);
      g_autofree char *evidence = g_strdup_printf ("%u/%u", unit->n_given, unit->n_expected);
      g_autofree char *points = par_format_points (result->points);
      g_autofree char *self_points = par_format_points (result->self_points);
      g_autofree char *index = par_format_index (result->index);
      g_autofree char *rank = g_strdup_printf ("%u", result->rank);

      g_assert_nonnull (row);
      g_assert_cmpstr (par_overview_row_get_text (row, PAR_OVERVIEW_NAME), ==, result->name);
      g_assert_cmpstr (par_overview_row_get_text (row, PAR_OVERVIEW_EVIDENCE), ==, evidence);
      g_assert_cmpstr (par_overview_row_get_text (row, PAR_OVERVIEW_POINTS), ==, points);
      g_assert_cmpstr (par_overview_row_get_text (row, PAR_OVERVIEW_SELF_POINTS), ==, self_points);
      g_assert_cmpstr (par_overview_row_get_text (row, PAR_OVERVIEW_INDEX), ==, index);
      g_assert_cmpstr (par_overview_row_get_text (row, PAR_OVERVIEW_CLASS), ==,
                       result->band != NULL ? result->band : "—");
      if (result->rank > 0)
        g_assert_cmpstr (par_overview_row_get_text (row, PAR_OVERVIEW_RANK), ==, rank);
      g_assert_true (par_overview_row_get_provisional (row) == result->provisional);
      g_assert_true (par_overview_row_get_incomplete (row) ==
                     !par_unit_completeness_is_complete (unit));
      g_assert_cmpstr (par_overview_row_get_text (row, PAR_OVERVIEW_SUBMISSION), ==,
                       g_dpgettext2 (GETTEXT_PACKAGE, "submission", "No package yet"));
    }
}

static GPtrArray *
shown_rows (ParOverviewPage *page)
{
  GListModel *rows = par_overview_page_get_rows (page);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    g_ptr_array_add (list, g_list_model_get_item (rows, i));
  return list;
}

static void
assert_sorted (ParOverviewPage   *page,
               ParOverviewColumn  column,
               gboolean           descending)
{
  g_autoptr(GPtrArray) rows = NULL;

  par_overview_page_sort_by (page, column, descending);
  rows = shown_rows (page);
  g_assert_cmpuint (rows->len, ==, N_COMMUNES + N_WARDS);
  for (guint i = 1; i < rows->len; i++)
    {
      int order = par_overview_row_compare (rows->pdata[i - 1], rows->pdata[i], column);

      g_assert_cmpint (descending ? -order : order, <, 0);
    }
}

static void
test_overview (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_workspace ();
  g_autoptr(ParApplication) app = par_application_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(ParWorkspace) other = NULL;
  ParWindow *window;
  ParOverviewPage *page;
  ParOverviewRow *row;
  guint n_provisional = 0;
  guint n_incomplete = 0;
  const char *band;

  window = open_window (app, path);
  page = PAR_OVERVIEW_PAGE (par_window_get_overview_page (window));

  /* Ctrl+3 shows the overview, every unit of the year in it. */
  focus_toplevel (GTK_WINDOW (window));
  XDOTOOL ("key", "--clearmodifiers", "ctrl+3");
  window_wait_until (on_page, window, "overview", "the overview is shown");
  window_wait_until (loaded, page, GUINT_TO_POINTER (N_COMMUNES + N_WARDS),
                     "every unit is in the overview");
  assert_rows_match_core (page, path);
  window_screenshot ("overview");

  /* Names in natural order, at first. */
  rows = shown_rows (page);
  g_assert_cmpstr (par_overview_row_get_code (rows->pdata[0]), ==, "U13");   /* phường Số 1 */
  g_assert_cmpstr (par_overview_row_get_code (rows->pdata[4]), ==, "U01");   /* xã Số 1 */
  g_assert_cmpstr (par_overview_row_get_code (rows->pdata[5]), ==, "U02");   /* xã Số 2 */
  g_assert_cmpstr (par_overview_row_get_code (rows->pdata[13]), ==, "U10");  /* xã Số 10 */
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Every column sorts, both ways. */
  for (ParOverviewColumn column = 0; column < PAR_OVERVIEW_N_COLUMNS; column++)
    {
      assert_sorted (page, column, FALSE);
      assert_sorted (page, column, TRUE);
    }
  par_overview_page_sort_by (page, PAR_OVERVIEW_INDEX, TRUE);
  rows = shown_rows (page);
  for (guint i = 0; i < rows->len; i++)
    {
      n_provisional += par_overview_row_get_provisional (rows->pdata[i]);
      n_incomplete += par_overview_row_get_incomplete (rows->pdata[i]);
    }
  band = par_overview_row_get_text (rows->pdata[0], PAR_OVERVIEW_CLASS);
  g_assert_cmpuint (n_provisional, ==, (N_COMMUNES + N_WARDS) / 3);
  g_assert_cmpuint (n_incomplete, ==, N_COMMUNES + N_WARDS);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Filters: a block, a class, provisional units, incomplete units. */
  par_overview_page_set_filter (page, NULL, "UBND phường", NULL, FALSE, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (par_overview_page_get_rows (page)), ==, N_WARDS);
  par_overview_page_set_filter (page, NULL, NULL, band, FALSE, FALSE);
  rows = shown_rows (page);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (par_overview_row_get_text (rows->pdata[i], PAR_OVERVIEW_CLASS), ==, band);
  g_clear_pointer (&rows, g_ptr_array_unref);
  par_overview_page_set_filter (page, NULL, NULL, NULL, TRUE, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (par_overview_page_get_rows (page)), ==,
                    n_provisional);
  par_overview_page_set_filter (page, NULL, "UBND xã", NULL, TRUE, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (par_overview_page_get_rows (page)), ==,
                    N_COMMUNES / 3);
  par_overview_page_set_filter (page, "so 10", NULL, NULL, FALSE, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (par_overview_page_get_rows (page)), ==, 1);
  par_overview_page_set_filter (page, NULL, NULL, NULL, FALSE, FALSE);

  /* Another connection (parindex-cli, another window) appraises U03's
   * 2.1 and explains U05's 1.1: both rows follow, sorted again. */
  row = par_overview_page_lookup (page, "U03");
  g_assert_true (par_overview_row_get_provisional (row));
  other = par_workspace_open (path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (par_workspace_set_score (other, YEAR, "U03", "2.1", PAR_STAGE_APPRAISAL, "40",
                                          NULL, &error));
  g_assert_no_error (error);
  g_assert_true (par_workspace_set_explanation (other, YEAR, "U05", "1.1", FALSE,
                                                "Kế hoạch số 7/KH-UBND", &error));
  g_assert_no_error (error);
  {
    g_autoptr(ParYearModel) model = par_year_model_new (other, YEAR, &error);
    g_autofree char *points = par_format_points (par_year_model_lookup (model, "U03")->points);

    g_assert_no_error (error);
    wait_row_shows (row, PAR_OVERVIEW_POINTS, points);
  }
  g_assert_false (par_overview_row_get_provisional (row));
  wait_row_shows (par_overview_page_lookup (page, "U05"), PAR_OVERVIEW_EVIDENCE, "1/3");
  assert_rows_match_core (page, path);
  rows = shown_rows (page);
  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpint (par_overview_row_compare (rows->pdata[i - 1], rows->pdata[i],
                                               PAR_OVERVIEW_INDEX), >, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The search field's Enter opens the first unit shown in the scores. */
  XDOTOOL ("key", "--clearmodifiers", "ctrl+f");
  XDOTOOL ("type", "--delay", "20", "so 10");
  XDOTOOL ("key", "Return");
  window_wait_until (on_page, window, "scores", "the unit's scores are shown");
  window_wait_until (unit_selected, par_window_get_units_pane (window), "U10",
                     "the unit is selected");

  /* A change made while the overview is hidden shows once it is shown. */
  g_assert_true (par_workspace_set_score (other, YEAR, "U07", "1.1", PAR_STAGE_APPRAISAL, "30",
                                          NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ParYearModel) model = par_year_model_new (other, YEAR, &error);
    g_autofree char *points = par_format_points (par_year_model_lookup (model, "U07")->points);

    g_assert_no_error (error);
    XDOTOOL ("key", "--clearmodifiers", "ctrl+3");
    window_wait_until (on_page, window, "overview", "the overview is shown");
    wait_row_shows (par_overview_page_lookup (page, "U07"), PAR_OVERVIEW_POINTS, points);
  }

  /* Activating a row (double click, Enter in the list) does the same. */
  g_object_set (window, "page", "overview", NULL);
  par_overview_page_set_filter (page, NULL, NULL, NULL, FALSE, FALSE);
  par_overview_page_sort_by (page, PAR_OVERVIEW_CODE, FALSE);
  par_overview_page_activate_row (page, 2);
  window_wait_until (on_page, window, "scores", "the unit's scores are shown");
  window_wait_until (unit_selected, par_window_get_units_pane (window), "U03",
                     "the unit is selected");

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  g_assert_finalize_object (window);
}

/* The units list, not the sort menu's list of its drop-down. */
static GtkListView *
find_list_view (GtkWidget *widget)
{
  if (GTK_IS_DROP_DOWN (widget))
    return NULL;
  if (GTK_IS_LIST_VIEW (widget))
    return GTK_LIST_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListView *found = find_list_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The codes of the units the Scores page's list shows, in its order. */
static GPtrArray *
listed_units (GtkWidget *pane)
{
  GtkListView *list = find_list_view (pane);
  GListModel *model = list != NULL ? G_LIST_MODEL (gtk_list_view_get_model (list)) : NULL;
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) tree_row = g_list_model_get_item (model, i);
      g_autoptr(ParUnitRow) row = gtk_tree_list_row_get_item (tree_row);

      if (!par_unit_row_is_block (row))
        g_ptr_array_add (codes, g_strdup (par_unit_row_get_code (row)));
    }
  return codes;
}

static gboolean
all_listed (gpointer      pane,
            gconstpointer data)
{
  g_autoptr(GPtrArray) codes = listed_units (pane);

  return codes->len == GPOINTER_TO_UINT (data);
}

/* The Scores page's units list sorts names as the overview does, in
 * natural order: UBND xã Số 2 before UBND xã Số 10. */
static void
test_units_natural_order (void)
{
  g_autofree char *path = make_workspace ();
  g_autoptr(ParApplication) app = par_application_new ();
  g_autoptr(GPtrArray) codes = NULL;
  ParWindow *window;
  GtkWidget *pane;
  guint n = 0;

  window = open_window (app, path);
  pane = par_window_get_units_pane (window);
  window_wait_until (all_listed, pane, GUINT_TO_POINTER (N_COMMUNES + N_WARDS),
                     "every unit is listed");

  /* Sorted by name (the default): U01 … U12 are xã Số 1 … Số 12. */
  codes = listed_units (pane);
  for (guint i = 0; i < codes->len; i++)
    if (atoi ((const char *) codes->pdata[i] + 1) <= N_COMMUNES)
      {
        g_autofree char *expected = g_strdup_printf ("U%02u", ++n);

        g_assert_cmpstr (codes->pdata[i], ==, expected);
      }
  g_assert_cmpuint (n, ==, N_COMMUNES);

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  g_assert_finalize_object (window);
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  static const TestGuiCase cases[] = {
    { "/par/window/units-natural-order", test_units_natural_order },
    { "/par/window/overview", test_overview },
  };

  return test_gui_main (argc, argv, NULL, cases, G_N_ELEMENTS (cases));
}
