/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-window"

#include "config.h"

#include "par-window-private.h"

#include <glib/gi18n.h>

#include "par-format.h"

G_DEFINE_FINAL_TYPE (ParWindow, par_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FILE,
  PROP_STAGE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* PARINDEX_PROFILE=1 prints the start-to-first-frame and keystroke-to-
 * totals timings on standard error. */
static gint64 profile_start;
static gboolean profile_enabled;

void
par_window_profile_mark_start (void)
{
  profile_start = g_get_monotonic_time ();
  profile_enabled = g_strcmp0 (g_getenv ("PARINDEX_PROFILE"), "1") == 0;
}

static void
clear_session (ParWindow *self)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  par_criteria_pane_set_session (self->criteria_pane, NULL);
  par_detail_pane_set_row (self->detail_pane, NULL);
  par_missing_evidence_pane_set_session (self->missing_pane, NULL);
  g_clear_object (&self->session);
  par_totals_bar_update (self->totals_bar, NULL, NULL);
  gtk_stack_set_visible_child_name (self->unit_stack, "none");
}

static void
clear_workspace (ParWindow *self)
{
  clear_session (self);
  par_units_pane_set_results (self->units_pane, NULL);
  g_clear_pointer (&self->results, par_year_results_free);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->years, g_array_unref);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  _par_window_sync_publication (self);
}

static void
par_window_dispose (GObject *object)
{
  ParWindow *self = (ParWindow *)object;

  /* Annexes being written are abandoned with the window. */
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  if (self->units_pane != NULL)
    clear_workspace (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_WINDOW);

  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->saved_text, g_free);

  G_OBJECT_CLASS (par_window_parent_class)->dispose (object);
}

static void
par_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ParWindow *self = PAR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, par_window_get_file (self));
      break;
    case PROP_STAGE:
      g_value_set_string (value, self->stage == PAR_STAGE_APPRAISAL ? "appraisal" : "self");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_stage (ParWindow *self,
           ParStage   stage)
{
  if (self->stage == stage)
    return;
  self->stage = stage;
  if (self->session != NULL)
    par_unit_session_set_stage (self->session, stage);
  par_detail_pane_set_row (self->detail_pane, par_criteria_pane_get_selected (self->criteria_pane));
  _par_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STAGE]);
}

static void
par_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  ParWindow *self = PAR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      set_stage (self, g_strcmp0 (g_value_get_string (value), "appraisal") == 0
                       ? PAR_STAGE_APPRAISAL : PAR_STAGE_SELF);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
_par_window_toast (ParWindow  *self,
                   const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

void
_par_window_show_error (ParWindow    *self,
                        const char   *what,
                        const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), what, error != NULL ? error->message : NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_subtitle (ParWindow *self)
{
  g_autofree char *basename = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *subtitle = NULL;

  if (self->file == NULL)
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
      return;
    }
  basename = g_file_get_basename (self->file);
  display_name = g_filename_display_name (basename);
  if (self->saved_text != NULL)
    subtitle = g_strdup_printf ("%s — %s", display_name, self->saved_text);
  else
    subtitle = g_strdup (display_name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), display_name);
}

/* Shown once the commit has returned: the edit is in the file. */
void
_par_window_set_saved (ParWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");

  g_free (self->saved_text);
  /* Translators: shown in the header bar after an edit was saved, with the time */
  self->saved_text = g_strdup_printf (_("Saved at %s"), time);
  update_subtitle (self);
}

const char *
par_window_get_saved_text (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);
  return self->saved_text;
}

static gint64 keystroke_time;

static void
after_paint_cb (GdkFrameClock *clock,
                ParWindow     *self)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, self);
  if (keystroke_time != 0)
    {
      g_printerr ("PROFILE keystroke-to-painted-frame %.2f ms\n",
                  (g_get_monotonic_time () - keystroke_time) / 1000.0);
      keystroke_time = 0;
    }
  else
    g_printerr ("PROFILE start-to-first-frame %.1f ms\n",
                (g_get_monotonic_time () - profile_start) / 1000.0);
}

static void
totals_changed_cb (ParWindow      *self,
                   ParUnitSession *session)
{
  ParUnitResult *unit = par_unit_session_get_unit (session);
  gint64 started = profile_enabled ? g_get_monotonic_time () : 0;

  par_totals_bar_update (self->totals_bar, self->results, unit);
  par_units_pane_sync_unit (self->units_pane, unit);

  if (profile_enabled)
    {
      gint64 preview = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (session), "profile-start"));
      gint64 now = g_get_monotonic_time ();
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      if (preview != 0)
        {
          g_printerr ("PROFILE keystroke-to-totals %.3f ms (core %.3f ms, widgets %.3f ms)\n",
                      (now - preview) / 1000.0, (started - preview) / 1000.0,
                      (now - started) / 1000.0);
          keystroke_time = preview;
          if (clock != NULL)
            g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), self);
        }
    }
}

static void
committed_cb (ParWindow      *self,
              ParEdit        *edit,
              ParUnitSession *session)
{
  ParEdit *copy = par_edit_new (edit->unit_code, edit->stage);

  for (guint i = 0; i < edit->codes->len; i++)
    par_edit_add (copy, edit->codes->pdata[i], edit->old_values->pdata[i],
                  edit->new_values->pdata[i], edit->notes->pdata[i]);
  _par_window_push_edit (self, copy);
  par_units_pane_sync_block (self->units_pane, par_unit_session_get_unit (session)->block);
  _par_window_set_saved (self);
}

void
_par_window_push_edit (ParWindow *self,
                       ParEdit   *edit)
{
  g_ptr_array_add (self->undo, edit);
  g_ptr_array_set_size (self->redo, 0);
  _par_window_update_actions (self);
}

static void
unit_selected_cb (ParWindow *self)
{
  g_autoptr(GError) error = NULL;
  ParUnitRow *row = par_units_pane_get_selected (self->units_pane);
  ParUnitSession *session;

  if (row != NULL && self->session != NULL &&
      par_unit_session_get_unit (self->session) == par_unit_row_get_result (row))
    return;
  clear_session (self);
  if (row == NULL || self->results == NULL)
    {
      _par_window_update_actions (self);
      return;
    }

  session = par_unit_session_new (self->workspace, self->results, par_unit_row_get_result (row),
                                  &error);
  if (session == NULL)
    {
      _par_window_show_error (self, _("Could not load the unit’s scores"), error);
      return;
    }
  self->session = session;
  par_unit_session_set_stage (session, self->stage);
  g_signal_connect_object (session, "totals-changed", G_CALLBACK (totals_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "committed", G_CALLBACK (committed_cb), self,
                           G_CONNECT_SWAPPED);
  par_criteria_pane_set_session (self->criteria_pane, session);
  par_missing_evidence_pane_set_session (self->missing_pane, session);
  par_totals_bar_update (self->totals_bar, self->results, par_unit_session_get_unit (session));
  par_units_pane_sync_unit (self->units_pane, par_unit_session_get_unit (session));
  gtk_stack_set_visible_child_name (self->unit_stack, "unit");
  _par_window_update_actions (self);
}

static void
criterion_selected_cb (ParWindow *self)
{
  ParCriterionRow *row = par_criteria_pane_get_selected (self->criteria_pane);

  /* The detail pane's evidence follows the selected leaf. */
  par_detail_pane_set_row (self->detail_pane, row);
}

/* Going to a leaf from the missing evidence: select it in the tree and show
 * its details, where evidence is attached or the explanation written. */
static void
missing_activated_cb (ParWindow       *self,
                      ParCriterionRow *row)
{
  if (!par_criteria_pane_select (self->criteria_pane, par_criterion_row_get_node (row)->code))
    return;
  /* Focus leaves the list before it is hidden, so that it does not land on
   * (and select the text of) the detail pane's first label. */
  par_criteria_pane_focus_tree (self->criteria_pane);
  adw_view_stack_set_visible_child_name (self->side_stack, "detail");
}

static void
year_selected_cb (ParWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_dropdown);

  if (self->loading_years || self->years == NULL || selected >= self->years->len)
    return;
  _par_window_load_year (self, g_array_index (self->years, int, selected));
}

/**
 * _par_window_load_year:
 *
 * Shows @year: its results are computed once (from the stored unit
 * totals); a unit's entries are read when it is selected.
 */
void
_par_window_load_year (ParWindow *self,
                       int        year)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *selected_code = NULL;
  ParYearResults *results;
  ParUnitRow *row;

  if ((row = par_units_pane_get_selected (self->units_pane)) != NULL)
    selected_code = g_strdup (par_unit_row_get_code (row));

  results = par_workspace_compute_results (self->workspace, year, &error);
  if (results == NULL)
    {
      _par_window_show_error (self, _("Could not read the year"), error);
      return;
    }
  clear_session (self);
  par_units_pane_set_results (self->units_pane, NULL);
  g_clear_pointer (&self->results, par_year_results_free);
  self->results = results;
  self->year = year;
  _par_window_sync_publication (self);
  par_units_pane_set_results (self->units_pane, results);
  if (selected_code != NULL)
    par_units_pane_select (self->units_pane, selected_code);
  gtk_stack_set_visible_child_name (self->stack, "workspace");
  _par_window_update_actions (self);
}

/**
 * _par_window_reload_years:
 * @select_year: the year to show, or 0 for the latest
 *
 * Reads the workspace's years again into the year selector.
 */
void
_par_window_reload_years (ParWindow *self,
                          int        select_year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  g_clear_pointer (&self->years, g_array_unref);
  self->years = par_workspace_list_years (self->workspace, &error);
  if (self->years == NULL)
    {
      _par_window_show_error (self, _("Could not read the workspace"), error);
      return;
    }
  for (guint i = 0; i < self->years->len; i++)
    {
      int year = g_array_index (self->years, int, i);
      g_autofree char *text = g_strdup_printf ("%d", year);

      gtk_string_list_append (list, text);
      if (year == select_year || select_year == 0)
        selected = i;
    }

  self->loading_years = TRUE;
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->year_dropdown, selected);
  self->loading_years = FALSE;

  if (self->years->len == 0)
    {
      /* Nothing of a year shown before stays behind, for the actions to
       * act on. */
      clear_session (self);
      par_units_pane_set_results (self->units_pane, NULL);
      g_clear_pointer (&self->results, par_year_results_free);
      self->year = 0;
      _par_window_sync_publication (self);
      gtk_stack_set_visible_child_name (self->stack, "no-year");
      _par_window_update_actions (self);
      return;
    }
  _par_window_load_year (self, g_array_index (self->years, int, selected));
}

static void
par_window_class_init (ParWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_window_dispose;
  object_class->get_property = par_window_get_property;
  object_class->set_property = par_window_set_property;

  /**
   * ParWindow:file: (getter get_file)
   *
   * The workspace file shown in the window, or %NULL while the welcome page is shown.
   */
  properties [PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * ParWindow:stage:
   *
   * The stage being entered: "self" or "appraisal".
   */
  properties [PROP_STAGE] =
    g_param_spec_string ("stage", NULL, NULL, "self",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/par-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ParWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, stage_box);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, detail_button);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, accept_button);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, undo_box);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, unit_stack);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, units_pane);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, criteria_pane);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, missing_pane);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, totals_bar);
  gtk_widget_class_bind_template_callback (widget_class, unit_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, criterion_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, missing_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, year_selected_cb);

  _par_window_class_actions_init (klass);
  _par_window_publication_actions_init (klass);
  _par_window_print_actions_init (klass);

  g_type_ensure (PAR_TYPE_UNITS_PANE);
  g_type_ensure (PAR_TYPE_CRITERIA_PANE);
  g_type_ensure (PAR_TYPE_DETAIL_PANE);
  g_type_ensure (PAR_TYPE_MISSING_EVIDENCE_PANE);
  g_type_ensure (PAR_TYPE_TOTALS_BAR);
}

static void
first_frame_cb (GdkFrameClock *clock,
                ParWindow     *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  g_printerr ("PROFILE start-to-first-frame %.1f ms\n",
              (g_get_monotonic_time () - profile_start) / 1000.0);
}

static void
realize_cb (ParWindow *self)
{
  if (profile_enabled)
    g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                      G_CALLBACK (first_frame_cb), self);
}

static void
par_window_init (ParWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) par_edit_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) par_edit_free);
  self->settings = g_settings_new (APP_ID);

  /* Every window starts at the size last saved, but windows do not follow each other
   * around: a setting changed by another window is not applied back to this one.
   */
  g_settings_bind (self->settings, "window-width",
                   self, "default-width",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "window-height",
                   self, "default-height",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "window-maximized",
                   self, "maximized",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);

  g_signal_connect (self, "realize", G_CALLBACK (realize_cb), NULL);
  _par_window_update_recent (self);
  _par_window_update_actions (self);
}

/**
 * par_window_new:
 * @application: the application the window belongs to
 *
 * Creates a window showing the welcome page.
 *
 * Returns: (transfer none): a new #ParWindow, owned by @application
 */
ParWindow *
par_window_new (ParApplication *application)
{
  g_return_val_if_fail (PAR_IS_APPLICATION (application), NULL);

  return g_object_new (PAR_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * par_window_get_file:
 * @self: a #ParWindow
 *
 * Gets the workspace file shown in the window.
 *
 * Returns: (transfer none) (nullable): the file, or %NULL if none was opened
 */
GFile *
par_window_get_file (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);

  return self->file;
}

static void
remember (ParWindow *self,
          GFile     *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, uri);
  for (guint i = 0; recent[i] != NULL && n < 10; i++)
    if (!g_str_equal (recent[i], uri))
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-workspaces", (const char * const *) updated);
  g_settings_set_string (self->settings, "last-workspace", uri);
}

/**
 * par_window_open_file:
 * @self: a #ParWindow
 * @file: a workspace file (`*.parindex`)
 *
 * Opens the workspace in @file and shows its latest year; an error is
 * shown in a dialog and the window stays as it was.
 */
void
par_window_open_file (ParWindow *self,
                      GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ParWorkspace *workspace;

  g_return_if_fail (PAR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->file != NULL && g_file_equal (self->file, file))
    return;

  path = g_file_get_path (file);
  workspace = path != NULL ? par_workspace_open (path, PAR_WORKSPACE_OPEN_EXISTING, &error) : NULL;
  if (workspace == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Only local files can be opened"));
      _par_window_show_error (self, _("Could not open the workspace"), error);
      return;
    }

  clear_workspace (self);
  self->workspace = workspace;
  g_set_object (&self->file, file);
  g_clear_pointer (&self->saved_text, g_free);
  update_subtitle (self);
  remember (self, file);
  _par_window_update_recent (self);

  _par_window_reload_years (self, 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILE]);
}

/**
 * par_window_restore_last:
 *
 * Opens the workspace that was open last, if it still exists.
 *
 * Returns: whether a workspace was opened
 */
gboolean
par_window_restore_last (ParWindow *self)
{
  g_autofree char *uri = g_settings_get_string (self->settings, "last-workspace");
  g_autoptr(GFile) file = NULL;

  if (uri == NULL || uri[0] == '\0')
    return FALSE;
  file = g_file_new_for_uri (uri);
  if (!g_file_query_exists (file, NULL))
    return FALSE;
  par_window_open_file (self, file);
  return self->workspace != NULL;
}

ParWorkspace *
par_window_get_workspace (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);
  return self->workspace;
}

int
par_window_get_year (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), 0);
  return self->year;
}

GtkWidget *
par_window_get_units_pane (ParWindow *self)
{
  return GTK_WIDGET (self->units_pane);
}

GtkWidget *
par_window_get_criteria_pane (ParWindow *self)
{
  return GTK_WIDGET (self->criteria_pane);
}

GtkWidget *
par_window_get_detail_pane (ParWindow *self)
{
  return GTK_WIDGET (self->detail_pane);
}

GtkWidget *
par_window_get_missing_evidence_pane (ParWindow *self)
{
  return GTK_WIDGET (self->missing_pane);
}

/**
 * par_window_get_side_page:
 *
 * Returns: the page shown beside the criteria: "detail" or "missing"
 */
const char *
par_window_get_side_page (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->side_stack);
}

GtkWidget *
par_window_get_totals_bar (ParWindow *self)
{
  return GTK_WIDGET (self->totals_bar);
}

/**
 * par_window_get_session:
 *
 * Returns: (transfer none) (nullable): the selected unit's #ParUnitSession
 */
GObject *
par_window_get_session (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);
  return (GObject *) self->session;
}
