/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "par-criteria-pane.h"
#include "par-score-cell.h"
#include "par-unit-row.h"
#include "par-unit-session.h"
#include "par-units-pane.h"
#include "par-window.h"
#include "test-common.h"
#include "test-gui-common.h"

/* The window at 1366×768 — the common office screen — in Vietnamese, on a
 * copy of the demo workspace (PARINDEX_DEMO_WORKSPACE): every unit name
 * and criterion title readable, the detail pane over the tree rather than
 * beside it when both do not fit, an option leaf's ⋮ menu within reach of
 * the mouse and the keyboard, Enter in the search opening a unit. Run
 * under Xvfb with a 1920×1080 screen, so that the window can be widened. */


typedef struct
{
  ParWindow       *window;
  ParUnitsPane    *units;
  ParCriteriaPane *criteria;
  char            *path;
} Fixture;

static gboolean
is_mapped (gpointer      context,
           gconstpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (((Fixture *) context)->window));
}

static gboolean
shows_unit (gpointer      context,
            gconstpointer code)
{
  return window_shows_unit (((Fixture *) context)->window, code);
}

static void
fixture_open (Fixture *fixture,
              int      width)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  static int counter;
  const char *demo = g_getenv ("PARINDEX_DEMO_WORKSPACE");

  g_assert_nonnull (demo);
  /* A copy: the build's demo stays as it was made. */
  fixture->path = g_strdup_printf ("%s/demo-%d.parindex", test_workdir (), counter++);
  g_assert_true (g_file_get_contents (demo, &contents, &length, &error));
  g_assert_true (g_file_set_contents (fixture->path, contents, length, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (fixture->path);

  fixture->window = g_object_new (PAR_TYPE_WINDOW, "default-width", width, "default-height", 768,
                                  NULL);
  g_object_ref_sink (fixture->window);
  par_window_open_file (fixture->window, file);
  gtk_window_present (GTK_WINDOW (fixture->window));
  window_wait_until (is_mapped, fixture, NULL, "the window is shown");
  fixture->units = PAR_UNITS_PANE (par_window_get_units_pane (fixture->window));
  fixture->criteria = PAR_CRITERIA_PANE (par_window_get_criteria_pane (fixture->window));
}

/* A painted frame, then what it queued handled: a flap folds in the
 * allocation after the frame that measured it. */
static void
frame_then_settle (GtkWidget *widget)
{
  wait_for_frame (widget);
  settle ();
  wait_for_frame (widget);
}

static void
fixture_select (Fixture    *fixture,
                const char *unit)
{
  g_assert_true (par_units_pane_select (fixture->units, unit));
  window_wait_until (shows_unit, fixture, unit, "the unit is shown");
  frame_then_settle (GTK_WIDGET (fixture->window));
}

static void
fixture_close (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  settle ();
  g_assert_finalize_object (fixture->window);
  g_unlink (fixture->path);
  g_clear_pointer (&fixture->path, g_free);
}

/* @type_name: the name of a #GType the widget is an instance of. */
static gboolean
is_of_type (GtkWidget  *widget,
            const char *type_name)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, g_type_from_name (type_name));
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  return find_widget (widget, is_of_type, g_type_name (type));
}

/* Every label on screen under @widget (outside score cells, whose option
 * labels are shortened on purpose, whole in their tooltip) shows its
 * whole text: none is ellipsized. Returns how many were looked at. */
static guint
check_labels_whole (GtkWidget *widget)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (widget) || PAR_IS_SCORE_CELL (widget))
    return 0;
  if (GTK_IS_LABEL (widget) && gtk_label_get_label (GTK_LABEL (widget))[0] != '\0')
    {
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (widget));

      if (pango_layout_is_ellipsized (layout))
        g_error ("“%s” is cut to %d px", gtk_label_get_label (GTK_LABEL (widget)),
                 gtk_widget_get_width (widget));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_labels_whole (child);
  return n;
}

/* At 1366×768 no criterion title and no unit name is cut to a stub. */
static void
test_titles_whole (void)
{
  Fixture fixture = { 0 };
  guint n;

  fixture_open (&fixture, 1366);
  fixture_select (&fixture, "XA-AN-HOA");

  n = check_labels_whole (GTK_WIDGET (fixture.criteria));
  /* Codes, titles and points of the rows on screen: not a vacuous check. */
  g_assert_cmpuint (n, >, 40);
  n = check_labels_whole (GTK_WIDGET (fixture.units));
  g_assert_cmpuint (n, >, 20);
  window_screenshot ("layout-criteria-1366");

  fixture_close (&fixture);
}

/* The detail pane beside the tree when both fit, over it (revealed on
 * demand) when they do not: the tree keeps its width. */
static void
test_detail_overlay (void)
{
  Fixture fixture = { 0 };
  AdwFlap *flap;
  GtkWidget *tree;
  int width;

  fixture_open (&fixture, 1900);
  fixture_select (&fixture, "XA-AN-HOA");
  flap = ADW_FLAP (find_type (GTK_WIDGET (fixture.window), ADW_TYPE_FLAP));
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  fixture_close (&fixture);

  fixture_open (&fixture, 1366);
  fixture_select (&fixture, "XA-AN-HOA");
  flap = ADW_FLAP (find_type (GTK_WIDGET (fixture.window), ADW_TYPE_FLAP));
  g_assert_true (adw_flap_get_folded (flap));
  tree = GTK_WIDGET (fixture.criteria);
  width = gtk_widget_get_width (tree);
  /* Folding hid it; F9 (the header's detail button) shows it over the
   * tree. */
  g_assert_false (adw_flap_get_reveal_flap (flap));
  focus_toplevel (GTK_WINDOW (fixture.window));
  XDOTOOL ("key", "F9");
  frame_then_settle (GTK_WIDGET (fixture.window));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_cmpint (gtk_widget_get_width (tree), ==, width);
  window_screenshot ("layout-detail-overlay-1366");
  fixture_close (&fixture);
}

static ParCriterionRow *
first_option_leaf (ParUnitSession *session)
{
  ParCriteriaSet *set = par_unit_session_get_set (session);

  for (guint i = 0; i < set->leaves->len; i++)
    {
      const ParCriterion *leaf = g_ptr_array_index (set->leaves, i);

      if (leaf->rule.kind == PAR_RULE_OPTIONS)
        return par_unit_session_lookup (session, leaf->code);
    }
  g_assert_not_reached ();
}

static gboolean
popover_shown (gpointer      context,
               gconstpointer data)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (context);

  return gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (button)));
}

static gboolean
popover_hidden (gpointer      context,
                gconstpointer data)
{
  return !popover_shown (context, data);
}

/* An option leaf's cell shows the ⋮ menu within its column, the chosen
 * option whole in a tooltip; Shift+F10 in the tree opens the menu. */
static void
test_option_menu (void)
{
  Fixture fixture = { 0 };
  ParUnitSession *session;
  ParCriterionRow *row;
  ParScoreCell *cell;
  GtkWidget *button;
  GtkWidget *column_cell;
  graphene_rect_t bounds;
  const ParCriterion *leaf;

  fixture_open (&fixture, 1366);
  fixture_select (&fixture, "XA-AN-HOA");
  session = PAR_UNIT_SESSION (par_window_get_session (fixture.window));
  row = first_option_leaf (session);
  leaf = par_criterion_row_get_node (row);
  g_assert_true (par_criteria_pane_select (fixture.criteria, leaf->code));
  frame_then_settle (GTK_WIDGET (fixture.window));

  cell = par_score_cell_lookup (row, par_unit_session_get_stage (session));
  g_assert_nonnull (cell);
  button = par_score_cell_get_menu_button (cell);
  g_assert_true (gtk_widget_get_mapped (button));
  /* Within its column (the cell's parent), not pushed out of it by a long
   * option. */
  column_cell = gtk_widget_get_parent (GTK_WIDGET (cell));
  g_assert_true (gtk_widget_compute_bounds (button, column_cell, &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (column_cell));

  /* Chosen, the option's whole label is the tooltip of the shortened one. */
  g_assert_true (par_unit_session_commit (session, row, par_unit_session_get_stage (session),
                                          g_array_index (leaf->rule.options, ParRuleOption,
                                                         0).label, NULL));
  frame_then_settle (GTK_WIDGET (fixture.window));
  {
    g_autofree char *tooltip = NULL;
    GtkWidget *dropdown = find_type (GTK_WIDGET (cell), GTK_TYPE_DROP_DOWN);

    g_assert_true (gtk_widget_get_mapped (dropdown));
    tooltip = gtk_widget_get_tooltip_text (dropdown) != NULL
              ? g_strdup (gtk_widget_get_tooltip_text (dropdown)) : NULL;
    g_assert_cmpstr (tooltip, ==, g_array_index (leaf->rule.options, ParRuleOption, 0).label);
  }

  /* From the keyboard, in the tree. */
  focus_toplevel (GTK_WINDOW (fixture.window));
  par_criteria_pane_focus_tree (fixture.criteria);
  settle ();
  XDOTOOL ("key", "--clearmodifiers", "shift+F10");
  window_wait_until (popover_shown, button, NULL, "the ⋮ menu opens");
  window_screenshot ("layout-option-menu-1366");
  /* Closed and its surface gone before the window goes: a window destroyed
   * with the menu's surface still unmapping let a pointer query reach the
   * destroyed surface (seen after the screenshot's wait). */
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  window_wait_until (popover_hidden, button, NULL, "the ⋮ menu closes");
  frame_then_settle (GTK_WIDGET (fixture.window));

  fixture_close (&fixture);
}

/* Enter in the search field opens the first unit found. */
static void
test_search_enter (void)
{
  Fixture fixture = { 0 };
  GtkWidget *entry;

  fixture_open (&fixture, 1366);
  entry = find_type (GTK_WIDGET (fixture.units), GTK_TYPE_SEARCH_ENTRY);
  focus_toplevel (GTK_WINDOW (fixture.window));
  gtk_widget_grab_focus (entry);
  settle ();
  XDOTOOL ("type", "--delay", "20", "dong xuan");
  XDOTOOL ("key", "Return");
  window_wait_until (shows_unit, &fixture, "XA-DONG-XUAN", "Enter opens the unit found");
  g_assert_cmpuint (par_units_pane_count_visible (fixture.units), ==, 1);

  fixture_close (&fixture);
}

/* The window's stack of pages: welcome, loading, no-year, workspace. */
static gboolean
is_pages (GtkWidget  *widget,
          const char *unused)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "loading") != NULL;
}

static gboolean
shows_year (gpointer      context,
            gconstpointer data)
{
  return par_window_get_year (((Fixture *) context)->window) != 0;
}

/* At the program's start the window is painted first — saying that the
 * workspace is being opened — and reads the year right after. */
static void
test_open_when_shown (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GFile) file = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  GtkWidget *stack;

  g_assert_true (g_file_get_contents (g_getenv ("PARINDEX_DEMO_WORKSPACE"), &contents, &length,
                                      NULL));
  fixture.path = g_build_filename (test_workdir (), "shown.parindex", NULL);
  g_assert_true (g_file_set_contents (fixture.path, contents, length, NULL));
  file = g_file_new_for_path (fixture.path);
  fixture.window = g_object_new (PAR_TYPE_WINDOW, "default-width", 1366, "default-height", 768,
                                 NULL);
  g_object_ref_sink (fixture.window);
  par_window_open_when_shown (fixture.window);
  par_window_open_file (fixture.window, file);
  /* The file is held at once; the year waits for the first frame. */
  g_assert_nonnull (par_window_get_workspace (fixture.window));
  g_assert_cmpint (par_window_get_year (fixture.window), ==, 0);
  stack = find_widget (GTK_WIDGET (fixture.window), is_pages, NULL);
  g_assert_nonnull (stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "loading");
  gtk_window_present (GTK_WINDOW (fixture.window));
  window_wait_until (shows_year, &fixture, NULL, "the year is read after the first frame");
  g_assert_cmpint (par_window_get_year (fixture.window), ==, 2025);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "workspace");
  fixture.units = PAR_UNITS_PANE (par_window_get_units_pane (fixture.window));
  g_assert_cmpuint (par_units_pane_count_visible (fixture.units), >, 0);
  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  static const TestGuiCase cases[] = {
    { "/par/window-layout/titles-whole", test_titles_whole },
    { "/par/window-layout/detail-overlay", test_detail_overlay },
    { "/par/window-layout/option-menu", test_option_menu },
    { "/par/window-layout/search-enter", test_search_enter },
    { "/par/window-layout/open-when-shown", test_open_when_shown },
  };

  return test_gui_main (argc, argv, NULL, cases, G_N_ELEMENTS (cases));
}
