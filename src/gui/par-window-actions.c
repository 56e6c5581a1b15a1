/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-window-actions"

#include "config.h"

#include "par-window-private.h"

#include <glib/gi18n.h>

#include "par-error.h"
#include "par-evidence-pane.h"
#include "par-file-chooser.h"
#include "par-history-window.h"
#include "par-revision-dialog.h"
#include "par-settings-dialog.h"
#include "par-unit-dialog.h"
#include "par-block-dialog.h"
#include "par-import-dialog.h"

/* A window still on its welcome page takes the workspace; any other workspace gets a
 * window of its own, like a file opened from the file manager.
 */
static void
open_workspace (ParWindow *self,
                GFile     *file)
{
  if (self->file == NULL)
    par_window_open_file (self, file);
  else
    g_application_open (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                        &file, 1, "");
}

static void
par_window_open_response_cb (ParWindow            *self,
                             int                   response,
                             GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = NULL;

  g_assert (PAR_IS_WINDOW (self));
  g_assert (GTK_IS_FILE_CHOOSER_NATIVE (native));

  file = par_file_chooser_take_file (GTK_NATIVE_DIALOG (native), response);
  if (file != NULL)
    open_workspace (self, file);
}

static void
add_workspace_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) workspaces = gtk_file_filter_new ();

  gtk_file_filter_set_name (workspaces, _("ParIndex Workspaces"));
  gtk_file_filter_add_mime_type (workspaces, "application/x-parindex-workspace");
  /* The MIME type is only known once the program is installed. */
  gtk_file_filter_add_pattern (workspaces, "*.parindex");
  par_file_chooser_add_with_all_files (chooser, workspaces);
}

static void
par_window_open_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  GtkFileChooserNative *native;

  g_assert (PAR_IS_WINDOW (self));

  native = par_file_chooser_new (GTK_WINDOW (self), _("Open Workspace"),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  add_workspace_filters (GTK_FILE_CHOOSER (native));

  g_signal_connect_object (native,
                           "response",
                           G_CALLBACK (par_window_open_response_cb),
                           self,
                           G_CONNECT_SWAPPED);

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
par_window_new_response_cb (ParWindow            *self,
                            int                   response,
                            GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autofree char *path = NULL;
  g_autofree char *folded = NULL;

  file = par_file_chooser_take_file (GTK_NATIVE_DIALOG (native), response);
  if (file == NULL || !(path = g_file_get_path (file)))
    return;

  /* Case aside: "Sở Nội vụ.PARINDEX" from a Windows folder is one too. */
  if (!g_str_has_suffix (folded = g_utf8_casefold (path, -1), ".parindex"))
    {
      char *with_suffix = g_strconcat (path, ".parindex", NULL);

      g_free (path);
      path = with_suffix;
      g_object_unref (file);
      file = g_file_new_for_path (path);
    }

  workspace = par_workspace_open (path, PAR_WORKSPACE_CREATE_NEW, &error);
  if (workspace == NULL)
    {
      _par_window_show_error (self, _("Could not create the workspace"), error);
      return;
    }
  g_clear_object (&workspace);

  open_workspace (self, file);
}

static void
par_window_new_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  GtkFileChooserNative *native;

  native = par_file_chooser_new (GTK_WINDOW (self), _("New Workspace"),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("Workspace.parindex"));
  add_workspace_filters (GTK_FILE_CHOOSER (native));
  g_signal_connect_object (native, "response", G_CALLBACK (par_window_new_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/*
 * The demo workspace: PARINDEX_DEMO_WORKSPACE (set by build-aux/dev.sh and
 * the tests) or the installed copy. The clerk gets a copy in the user's data
 * directory, so that trying things out never changes the original.
 */
/* The demo workspace installed with the program: under PKGDATADIR, or on
 * Windows under share\parindex of the folder the program was installed
 * in, wherever that is. */
static char *
installed_demo_path (void)
{
#ifdef G_OS_WIN32
  g_autofree char *top = g_win32_get_package_installation_directory_of_module (NULL);

  return g_build_filename (top, "share", "parindex", "demo", "demo.parindex", NULL);
#else
  return g_build_filename (PKGDATADIR, "demo", "demo.parindex", NULL);
#endif
}

static void
par_window_open_demo_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autofree char *installed = installed_demo_path ();
  g_autofree char *directory = g_build_filename (g_get_user_data_dir (), "parindex", NULL);
  g_autofree char *target = g_build_filename (directory, "demo.parindex", NULL);
  const char *path = g_getenv ("PARINDEX_DEMO_WORKSPACE");

  if (path == NULL || path[0] == '\0')
    path = installed;
  source = g_file_new_for_path (path);
  copy = g_file_new_for_path (target);

  if (!g_file_query_exists (copy, NULL))
    {
      if (g_mkdir_with_parents (directory, 0700) != 0 ||
          !g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
        {
          _par_window_show_error (self, _("Could not open the demo workspace"), error);
          return;
        }
    }

  open_workspace (self, copy);
}

static void
par_window_open_recent_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  open_workspace (self, file);
}

static void
recent_row_activated_cb (ParWindow     *self,
                         GtkListBoxRow *row)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-recent", "s", uri);
}

void
_par_window_update_recent (ParWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
  g_menu_remove_all (self->recent_menu);

  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (recent[i]);
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *name = g_filename_display_name (basename);
      g_autofree char *parse_name = g_file_get_parse_name (file);
      g_autoptr(GMenuItem) item = NULL;
      GtkWidget *row;

      if (!g_file_query_exists (file, NULL))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), parse_name);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (recent[i]), g_free);
      gtk_list_box_append (self->recent_list, row);

      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_menu, item);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list),
                          gtk_widget_get_first_child (GTK_WIDGET (self->recent_list)) != NULL);
}

/*
 * Undo and redo. Each step is itself a committed edit, written through
 * par_workspace_set_scores() in one transaction, and only while every
 * entry still holds the value this window left there: a value changed
 * since (by parindex-cli, another window) is never overwritten, and the
 * clerk is told why. The panes follow the workspace's announcement; the
 * window then shows the unit and criterion the step changed.
 */
gboolean
_par_window_apply_edit (ParWindow  *self,
                        ParEdit    *edit,
                        gboolean    backwards,
                        GError    **error)
{
  g_autofree ParScoreChange *changes = g_new0 (ParScoreChange, edit->codes->len);

  for (guint i = 0; i < edit->codes->len; i++)
    {
      changes[i].unit_code = edit->unit_code;
      changes[i].criterion_code = edit->codes->pdata[i];
      changes[i].stage = edit->stage;
      changes[i].value = backwards ? edit->old_values->pdata[i] : edit->new_values->pdata[i];
      changes[i].note = changes[i].value != NULL ? edit->notes->pdata[i] : NULL;
      changes[i].check_current = TRUE;
      changes[i].current = backwards ? edit->new_values->pdata[i] : edit->old_values->pdata[i];
    }
  /* The step is applied in its own year, which the window shows first
   * when the clerk has moved to another since. */
  if (edit->year != self->year)
    for (guint i = 0; self->years != NULL && i < self->years->len; i++)
      if (g_array_index (self->years, int, i) == edit->year)
        gtk_drop_down_set_selected (self->year_dropdown, i);
  if (!par_workspace_set_scores (self->workspace, edit->year, changes, edit->codes->len, error))
    return FALSE;

  _par_window_ensure_year_pages (self);
  par_units_pane_select (self->units_pane, edit->unit_code);
  if (self->session != NULL && edit->codes->len == 1)
    par_criteria_pane_select (self->criteria_pane, edit->codes->pdata[0]);
  _par_window_set_saved (self);
  return TRUE;
}

/* win.undo and win.redo */
static void
par_window_undo_redo_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  gboolean undo = g_str_equal (action_name, "win.undo");
  g_autoptr(GError) error = NULL;
  GPtrArray *from = undo ? self->undo : self->redo;
  GPtrArray *to = undo ? self->redo : self->undo;
  ParEdit *edit;

  if (from->len == 0)
    return;
  edit = g_ptr_array_steal_index (from, from->len - 1);
  if (!_par_window_apply_edit (self, edit, undo, &error))
    {
      /* A step whose entry changed since can never be applied: it goes. */
      if (g_error_matches (error, PAR_ERROR, PAR_ERROR_CONFLICT))
        par_edit_free (edit);
      else
        g_ptr_array_add (from, edit);
      _par_window_show_error (self, undo ? _("Could not undo") : _("Could not redo"), error);
      _par_window_update_actions (self);
      return;
    }
  g_ptr_array_add (to, edit);
  _par_window_update_actions (self);
}

static void
par_window_accept_self_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autofree char *message = NULL;
  ParCriterionRow *row;
  const char *group = NULL;
  ParUnitResult *unit;
  ParEdit *edit;

  if (self->session == NULL)
    return;
  row = par_criteria_pane_get_selected (self->criteria_pane);
  unit = par_unit_session_get_unit (self->session);
  if (row != NULL && par_criterion_row_is_group (row))
    group = par_criterion_row_get_node (row)->code;

  if (!par_workspace_accept_self (self->workspace, self->year, unit->code, group, &codes, &error))
    {
      _par_window_show_error (self, _("Could not accept the self-assessment"), error);
      return;
    }

  if (codes->len > 0)
    {
      edit = par_edit_new (unit->code, PAR_STAGE_APPRAISAL);
      for (guint i = 0; i < codes->len; i++)
        {
          ParCriterionRow *leaf = par_unit_session_lookup (self->session, codes->pdata[i]);
          par_edit_add (edit, codes->pdata[i], NULL,
                        par_criterion_row_get_value (leaf, PAR_STAGE_APPRAISAL), NULL);
        }
      _par_window_push_edit (self, edit);
      _par_window_set_saved (self);
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u score accepted for appraisal",
                                          "%u scores accepted for appraisal", codes->len),
                             codes->len);
  _par_window_toast (self, message);
}

static void
par_window_find_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  _par_window_ensure_year_pages (self);
  if (g_str_equal (_par_window_get_page (self), "submissions"))
    par_submissions_board_focus_search (self->board);
  else if (g_str_equal (_par_window_get_page (self), "overview"))
    par_overview_page_focus_search (self->overview);
  else
    par_units_pane_focus_search (self->units_pane);
}

static void
par_window_edit_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  _par_window_ensure_year_pages (self);
  par_criteria_pane_edit_selected (self->criteria_pane);
}

static void
par_window_toggle_detail_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  gtk_toggle_button_set_active (self->detail_button,
                                !gtk_toggle_button_get_active (self->detail_button));
}

static void
par_window_show_missing_evidence_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  _par_window_ensure_year_pages (self);
  adw_view_stack_set_visible_child_name (self->side_stack, "missing");
  gtk_toggle_button_set_active (self->detail_button, TRUE);
}

static void
par_window_make_dossier_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  if (self->session == NULL)
    return;
  par_evidence_pane_make_dossier (GTK_WINDOW (self), self->workspace, self->year,
                                  par_unit_session_get_unit (self->session)->code);
}

/* The history of the unit shown (unit.history), or of one of its criteria
 * (unit.criterion-history, by code): par-history-window.c. */
static void
par_window_history_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  const char *criterion_code = parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL;
  ParHistoryWindow *window;
  ParUnitResult *unit;

  if (self->session == NULL)
    return;
  unit = par_unit_session_get_unit (self->session);
  window = par_history_window_new (GTK_WINDOW (self), self->workspace, self->year, unit->code,
                                   unit->name, criterion_code);
  gtk_window_present (GTK_WINDOW (window));
}

/* Units: add, rename, remove, each confirmed in a message dialog. */

static GtkWidget *
labelled_entry (GtkWidget  *box,
                const char *placeholder,
                const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  return entry;
}

static void
units_changed (ParWindow  *self,
               const char *select_code)
{
  /* The year's model has read its units again; the edits before were of
   * units as they were. */
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  _par_window_update_actions (self);
  if (select_code != NULL && self->units_pane != NULL)
    par_units_pane_select (self->units_pane, select_code);
  _par_window_set_saved (self);
}

static void
unit_dialog_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         ParWindow        *self)
{
  g_autoptr(GError) error = NULL;
  const char *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  GtkEditable *name_entry = g_object_get_data (G_OBJECT (dialog), "name");
  const char *unit_code = g_object_get_data (G_OBJECT (dialog), "unit-code");
  g_autofree char *select_code = NULL;
  gboolean ok;

  if (g_strcmp0 (response, "apply") != 0 || self->workspace == NULL)
    return;

  if (g_str_equal (kind, "rename"))
    {
      select_code = g_strdup (unit_code);
      ok = par_workspace_rename_unit (self->workspace, self->year, unit_code,
                                      gtk_editable_get_text (name_entry), &error);
    }
  else
    ok = par_workspace_remove_unit (self->workspace, self->year, unit_code, &error);

  if (!ok)
    {
      _par_window_show_error (self, _("Could not change the units"), error);
      return;
    }
  units_changed (self, select_code);
}

/* Shows @dialog, which asks to @kind ("rename", "remove") the unit of @row. */
static void
present_unit_dialog (ParWindow        *self,
                     AdwMessageDialog *dialog,
                     const char       *kind,
                     ParUnitRow       *row)
{
  g_object_set_data (G_OBJECT (dialog), "kind", (gpointer) kind);
  g_object_set_data_full (G_OBJECT (dialog), "unit-code", g_strdup (par_unit_row_get_code (row)),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (unit_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The names of the year's blocks, %NULL-terminated, for the dialogs that
 * offer a choice of block. */
static GPtrArray *
dup_block_names (ParWindow *self)
{
  ParYearResults *results = _par_window_get_results (self);
  GPtrArray *blocks = g_ptr_array_new ();

  for (guint b = 0; b < par_year_results_get_n_blocks (results); b++)
    g_ptr_array_add (blocks, (gpointer) par_year_results_get_block_name (results, b));
  g_ptr_array_add (blocks, NULL);
  return blocks;
}

static void
unit_added_cb (ParWindow  *self,
               const char *code)
{
  units_changed (self, code);
}

static void
par_window_add_unit_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  g_autoptr(GPtrArray) blocks = dup_block_names (self);
  ParUnitDialog *dialog;

  dialog = par_unit_dialog_new (GTK_WINDOW (self), self->workspace, self->year,
                                (const char **) blocks->pdata);
  g_signal_connect_object (dialog, "unit-added", G_CALLBACK (unit_added_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
par_window_rename_unit_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  ParUnitRow *row = self->units_pane != NULL ? par_units_pane_get_selected (self->units_pane) : NULL;
  GtkWidget *box;
  GtkWidget *name;
  AdwMessageDialog *dialog;

  if (row == NULL)
    return;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  name = labelled_entry (box, _("Name"), par_unit_row_get_name (row));
  dialog = _par_window_question_new (self, _("Rename the Unit"), par_unit_row_get_code (row),
                                     "apply", _("_Rename"), box);
  g_object_set_data (G_OBJECT (dialog), "name", name);
  present_unit_dialog (self, dialog, "rename", row);
}

static void
par_window_remove_unit_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  ParUnitRow *row = self->units_pane != NULL ? par_units_pane_get_selected (self->units_pane) : NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (row == NULL)
    return;
  heading = g_strdup_printf (_("Remove “%s” from %d?"), par_unit_row_get_name (row), self->year);
  dialog = _par_window_question_new (self, heading,
                                     _("Its scores and explanations of this year are removed "
                                       "too; the audit log keeps them. The unit stays in the "
                                       "other years."),
                                     "apply", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  present_unit_dialog (self, dialog, "remove", row);
}

/* A block's criteria set replaced by a new version, its plan shown first
 * (par-revision-dialog.c). */
static void
set_revised_cb (ParWindow  *self,
                const char *block,
                const char *title)
{
  g_autofree char *message = g_strdup_printf (_("Block “%s” is now assessed by “%s”"), block,
                                              title);

  /* The edits before were of entries as the old set scored them. */
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  _par_window_update_actions (self);
  _par_window_toast (self, message);
}

static void
par_window_revise_set_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  g_autoptr(GPtrArray) blocks = dup_block_names (self);
  ParRevisionDialog *dialog;

  dialog = par_revision_dialog_new (GTK_WINDOW (self), self->workspace, self->year,
                                    (const char **) blocks->pdata);
  g_signal_connect_object (dialog, "revised", G_CALLBACK (set_revised_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* New year: a criteria set per block (by default the current year's), and
 * optionally the units of the current year. */

typedef struct
{
  GtkWidget      *button;
  GtkWidget      *name_entry;
  char           *block;
  ParCriteriaSet *set;
} NewYearBlock;

static void
new_year_block_free (gpointer data)
{
  NewYearBlock *block = data;

  g_free (block->block);
  g_clear_pointer (&block->set, par_criteria_set_unref);
  g_free (block);
}

static void
set_chosen_cb (GtkFileChooserNative *native,
               int                   response,
               NewYearBlock         *block)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  ParCriteriaSet *set;

  file = par_file_chooser_take_file (GTK_NATIVE_DIALOG (native), response);
  if (file == NULL)
    return;

  set = par_criteria_set_new_from_file (file, NULL, &error);
  if (set == NULL)
    {
      gtk_button_set_label (GTK_BUTTON (block->button), error->message);
      return;
    }
  g_clear_pointer (&block->set, par_criteria_set_unref);
  block->set = set;
  gtk_button_set_label (GTK_BUTTON (block->button), set->title);
}

static void
choose_set_clicked_cb (GtkButton    *button,
                       NewYearBlock *block)
{
  GtkFileChooserNative *native;

  native = par_file_chooser_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))),
                                 _("Choose a Criteria Set"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Choose"));
  par_file_chooser_add_criteria_sets (GTK_FILE_CHOOSER (native));
  g_signal_connect (native, "response", G_CALLBACK (set_chosen_cb), block);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
new_year_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      ParWindow        *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *blocks = g_object_get_data (G_OBJECT (dialog), "blocks");
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (dialog), "year");
  GtkCheckButton *copy = g_object_get_data (G_OBJECT (dialog), "copy");
  int year = gtk_spin_button_get_value_as_int (spin);
  int from = self->year;
  guint added = 0;

  if (g_strcmp0 (response, "apply") != 0)
    return;

  for (guint i = 0; i < blocks->len; i++)
    {
      NewYearBlock *block = g_ptr_array_index (blocks, i);
      const char *name = block->name_entry != NULL
        ? gtk_editable_get_text (GTK_EDITABLE (block->name_entry)) : block->block;

      if (block->set == NULL)
        continue;
      if (!par_workspace_add_year (self->workspace, year, name, block->set, &error))
        {
          _par_window_show_error (self, _("Could not add the year"), error);
          _par_window_reload_years (self, year);
          return;
        }
      added++;
    }
  if (added == 0)
    {
      _par_window_toast (self, _("Choose a criteria set for at least one block"));
      return;
    }
  if (copy != NULL && gtk_check_button_get_active (copy) &&
      !par_workspace_copy_units (self->workspace, from, year, NULL, &error))
    _par_window_show_error (self, _("Could not copy the units"), error);
  _par_window_reload_years (self, year);
}

static void
par_window_new_year_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  GPtrArray *blocks = g_ptr_array_new_with_free_func (new_year_block_free);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *spin;
  GtkWidget *dialog;
  ParYearResults *results = _par_window_get_results (self);
  int next_year;

  next_year = self->years != NULL && self->years->len > 0
    ? g_array_index (self->years, int, self->years->len - 1) + 1
    : g_date_time_get_year (g_date_time_new_now_local ());
  spin = gtk_spin_button_new_with_range (1900, 9999, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), next_year);
  gtk_box_append (GTK_BOX (box), spin);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_box_append (GTK_BOX (box), grid);

  if (results != NULL)
    {
      for (guint b = 0; b < par_year_results_get_n_blocks (results); b++)
        {
          NewYearBlock *block = g_new0 (NewYearBlock, 1);
          ParCriteriaSet *set = par_year_results_get_block_set (results, b);

          block->block = g_strdup (par_year_results_get_block_name (results, b));
          block->set = par_criteria_set_ref (set);
          block->button = gtk_button_new_with_label (set->title);
          gtk_widget_set_hexpand (block->button, TRUE);
          gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (block->button))),
                                   PANGO_ELLIPSIZE_END);
          g_signal_connect (block->button, "clicked", G_CALLBACK (choose_set_clicked_cb), block);
          gtk_grid_attach (GTK_GRID (grid), gtk_label_new (block->block), 0, b, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), block->button, 1, b, 1, 1);
          g_ptr_array_add (blocks, block);
        }
    }
  else
    {
      NewYearBlock *block = g_new0 (NewYearBlock, 1);

      block->name_entry = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (block->name_entry), _("Block name"));
      block->button = gtk_button_new_with_label (_("Choose a Criteria Set…"));
      g_signal_connect (block->button, "clicked", G_CALLBACK (choose_set_clicked_cb), block);
      gtk_grid_attach (GTK_GRID (grid), block->name_entry, 0, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), block->button, 1, 0, 1, 1);
      g_ptr_array_add (blocks, block);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("New Assessment Year"),
                                   _("Each block of units is assessed by its criteria set."));
  if (results != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Copy the units of %d"), self->year);
      GtkWidget *copy = gtk_check_button_new_with_label (label);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (copy), TRUE);
      gtk_box_append (GTK_BOX (box), copy);
      g_object_set_data (G_OBJECT (dialog), "copy", copy);
    }
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Add Year"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data_full (G_OBJECT (dialog), "blocks", blocks, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data (G_OBJECT (dialog), "year", spin);
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_year_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
imported_cb (ParWindow *self,
             guint      count)
{
  g_autofree char *text = g_strdup_printf (ngettext ("%u row imported", "%u rows imported", count),
                                           count);

  _par_window_toast (self, text);
}

/* Units or score entries from a file, checked and previewed before
 * anything changes (par-import-dialog.c). */
static void
par_window_import_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  ParImportDialog *dialog;

  if (self->workspace == NULL || self->model == NULL)
    return;
  dialog = par_import_dialog_new (GTK_WINDOW (self), self->workspace, self->year);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, G_CONNECT_SWAPPED);
}

static void
block_added_cb (ParWindow  *self,
                const char *name)
{
  g_autofree char *text = g_strdup_printf (_("Block “%s” added"), name);

  _par_window_reload_years (self, self->year);
  _par_window_toast (self, text);
}

/* A block with its criteria set, added to the year shown
 * (par-block-dialog.c). */
static void
par_window_add_block_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  ParBlockDialog *dialog;

  if (self->workspace == NULL || self->model == NULL)
    return;
  dialog = par_block_dialog_new (GTK_WINDOW (self), self->workspace, self->year);
  g_signal_connect_object (dialog, "block-added", G_CALLBACK (block_added_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
settings_saved_cb (ParWindow *self)
{
  _par_window_toast (self, _("Workspace settings saved"));
}

/* The workspace's settings: the issuing body printed on the annexes
 * (par-settings-dialog.c). */
static void
par_window_workspace_settings_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  ParSettingsDialog *dialog;

  if (self->workspace == NULL)
    return;
  dialog = par_settings_dialog_new (GTK_WINDOW (self), self->workspace);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (settings_saved_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Which actions can run now: computed in one place. */
void
_par_window_update_actions (ParWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_workspace = self->workspace != NULL;
  gboolean has_year = self->model != NULL;
  gboolean has_unit = self->session != NULL;
  gboolean editable = has_unit && par_unit_session_get_editable (self->session);
  /* A published year is frozen until it is reopened. */
  gboolean writable = has_year && !self->published;
  /* The cycle between desks: the office receives a unit's submissions and
   * returns its appraisal; any other workspace may send the unit's. */
  gboolean office_side = has_unit && par_unit_session_get_office_side (self->session);
  gboolean in_cycle = has_unit && par_unit_session_get_cycle (self->session) != NULL &&
                      (par_unit_session_get_cycle (self->session)->received_round > 0 ||
                       par_unit_session_get_cycle (self->session)->sent_round > 0);
  gboolean scores_page = g_str_equal (_par_window_get_page (self), "scores");
  /* The board is built with the year's pages, when a year is first shown. */
  gboolean unit_side = self->board != NULL && par_submissions_board_get_unit_side (self->board);

  gtk_widget_action_set_enabled (widget, "win.new-year", has_workspace);
  gtk_widget_action_set_enabled (widget, "win.revise-set", writable);
  gtk_widget_action_set_enabled (widget, "win.find", has_year);
  gtk_widget_action_set_enabled (widget, "win.add-unit", writable);
  gtk_widget_action_set_enabled (widget, "win.import", writable);
  gtk_widget_action_set_enabled (widget, "win.add-block", writable);
  gtk_widget_action_set_enabled (widget, "win.workspace-settings", has_workspace);
  gtk_widget_action_set_enabled (widget, "win.rename-unit", has_unit && writable);
  gtk_widget_action_set_enabled (widget, "win.remove-unit", has_unit && writable);
  gtk_widget_action_set_enabled (widget, "win.undo", writable && self->undo->len > 0);
  gtk_widget_action_set_enabled (widget, "win.redo", writable && self->redo->len > 0);
  gtk_widget_action_set_enabled (widget, "win.accept-self",
                                 editable && self->stage == PAR_STAGE_APPRAISAL);
  gtk_widget_action_set_enabled (widget, "win.edit", has_unit);
  gtk_widget_action_set_enabled (widget, "win.toggle-detail", has_year && scores_page);
  gtk_widget_action_set_enabled (widget, "unit.show-missing-evidence", has_unit);
  gtk_widget_action_set_enabled (widget, "unit.make-dossier", has_unit);
  gtk_widget_action_set_enabled (widget, "unit.history", has_unit);
  gtk_widget_action_set_enabled (widget, "unit.criterion-history", has_unit);
  gtk_widget_action_set_enabled (widget, "win.publish", writable);
  gtk_widget_action_set_enabled (widget, "win.reopen", has_year && self->published);
  gtk_widget_action_set_enabled (widget, "win.export-annexes",
                                 has_year && self->work_cancellable == NULL);
  gtk_widget_action_set_enabled (widget, "win.print-annexes",
                                 has_year && self->work_cancellable == NULL);
  gtk_widget_action_set_enabled (widget, "win.preview-annexes",
                                 has_year && self->work_cancellable == NULL);
  gtk_widget_action_set_enabled (widget, "win.cancel-work", self->work_cancellable != NULL);
  gtk_widget_action_set_enabled (widget, "unit.send-for-appraisal",
                                 has_unit && !office_side && self->submit_cancellable == NULL);
  gtk_widget_action_set_enabled (widget, "unit.return-appraisal", office_side);
  gtk_widget_action_set_enabled (widget, "unit.show-rounds", in_cycle);
  gtk_widget_action_set_enabled (widget, "win.receive-packages",
                                 has_year && self->receive_dialog == NULL);
  /* A unit's own workspace keeps the office's deadlines as they came. */
  gtk_widget_action_set_enabled (widget, "win.deadlines", writable && !unit_side);
  gtk_widget_action_set_enabled (widget, "cycle.extend", writable && !unit_side);
  gtk_widget_action_set_enabled (widget, "win.page", has_year);

  gtk_widget_set_visible (GTK_WIDGET (self->year_dropdown), has_year);
  gtk_widget_set_visible (self->page_box, has_year);
  gtk_widget_set_visible (self->stage_box, has_year && scores_page);
  gtk_widget_set_visible (self->undo_box, has_year);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_button), has_year && scores_page);
  gtk_widget_set_visible (self->accept_button,
                          has_year && scores_page && self->stage == PAR_STAGE_APPRAISAL);
}

/* The shortcuts window (Ctrl+?) is built when first asked for, not with
 * the window as GtkApplicationWindow does with a gtk/help-overlay.ui
 * resource: it is no part of the window's first frame. */
static void
par_window_show_help_overlay_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/parindex/ParIndex/ui/par-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

void
_par_window_class_actions_init (ParWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, par_window_open_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, par_window_new_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL,
                                   par_window_open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s",
                                   par_window_open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.new-year", NULL, par_window_new_year_action);
  gtk_widget_class_install_action (widget_class, "win.revise-set", NULL,
                                   par_window_revise_set_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, par_window_undo_redo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, par_window_undo_redo_action);
  gtk_widget_class_install_action (widget_class, "win.accept-self", NULL,
                                   par_window_accept_self_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, par_window_find_action);
  gtk_widget_class_install_action (widget_class, "win.edit", NULL, par_window_edit_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-detail", NULL,
                                   par_window_toggle_detail_action);
  gtk_widget_class_install_action (widget_class, "win.add-unit", NULL, par_window_add_unit_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, par_window_import_action);
  gtk_widget_class_install_action (widget_class, "win.add-block", NULL,
                                   par_window_add_block_action);
  gtk_widget_class_install_action (widget_class, "win.workspace-settings", NULL,
                                   par_window_workspace_settings_action);
  gtk_widget_class_install_action (widget_class, "win.rename-unit", NULL,
                                   par_window_rename_unit_action);
  gtk_widget_class_install_action (widget_class, "win.remove-unit", NULL,
                                   par_window_remove_unit_action);
  gtk_widget_class_install_action (widget_class, "unit.show-missing-evidence", NULL,
                                   par_window_show_missing_evidence_action);
  gtk_widget_class_install_action (widget_class, "unit.make-dossier", NULL,
                                   par_window_make_dossier_action);
  gtk_widget_class_install_action (widget_class, "unit.history", NULL,
                                   par_window_history_action);
  gtk_widget_class_install_action (widget_class, "unit.criterion-history", "s",
                                   par_window_history_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   par_window_show_help_overlay_action);
  gtk_widget_class_install_property_action (widget_class, "win.stage", "stage");

  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-detail", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.stage", "s", "self");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.stage", "s", "appraisal");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.accept-self", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_A, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.accept-self", NULL);
}
