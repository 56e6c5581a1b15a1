/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-window"

#include "config.h"

#include "par-window-private.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "par-format.h"

G_DEFINE_FINAL_TYPE (ParWindow, par_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FILE,
  PROP_STAGE,
  PROP_PAGE,
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
  g_clear_object (&self->session);
  /* The year's pages are built when a year is first shown. */
  if (self->criteria_pane == NULL)
    return;
  par_criteria_pane_set_session (self->criteria_pane, NULL);
  par_detail_pane_set_row (self->detail_pane, NULL);
  par_missing_evidence_pane_set_session (self->missing_pane, NULL);
  par_totals_bar_set_unit (self->totals_bar, NULL, NULL);
  gtk_stack_set_visible_child_name (self->unit_stack, "none");
}

static void
clear_year (ParWindow *self)
{
  clear_session (self);
  if (self->units_pane != NULL)
    {
      par_units_pane_set_model (self->units_pane, NULL);
      par_submissions_board_set_model (self->board, NULL);
      par_overview_page_set_model (self->overview, NULL);
    }
  g_signal_group_set_target (self->model_signals, NULL);
  g_clear_object (&self->model);
}

/* Lets go of the workspace: the file alone then holds every change (its
 * log is written back into it), for a copy on a USB stick. */
static void
clear_workspace (ParWindow *self)
{
  g_clear_handle_id (&self->deferred_source, g_source_remove);
  clear_year (self);
  if (self->workspace != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->workspace, self);
      par_workspace_close (self->workspace);
    }
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->years, g_array_unref);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  _par_window_sync_publication (self);
}

/**
 * _par_window_get_results:
 *
 * Returns: (transfer none) (nullable): the shown year's results, valid
 *   until the year's model is reset
 */
ParYearResults *
_par_window_get_results (ParWindow *self)
{
  return self->model != NULL ? par_year_model_get_results (self->model) : NULL;
}

static void
par_window_dispose (GObject *object)
{
  ParWindow *self = (ParWindow *)object;

  /* Annexes being written are abandoned with the window. */
  g_cancellable_cancel (self->work_cancellable);
  g_clear_object (&self->work_cancellable);
  _par_window_cycle_dispose (self);
  /* Once only: dispose may run again, when undo is gone. */
  if (self->undo != NULL)
    clear_workspace (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_WINDOW);
  g_clear_object (&self->model_signals);

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
    case PROP_PAGE:
      g_value_set_string (value, _par_window_get_page (self));
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
  if (self->detail_pane != NULL)
    par_detail_pane_set_row (self->detail_pane,
                             par_criteria_pane_get_selected (self->criteria_pane));
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
    case PROP_PAGE:
      if (g_strcmp0 (g_value_get_string (value), _par_window_get_page (self)) != 0)
        {
          _par_window_set_page (self, g_value_get_string (value));
          g_object_notify_by_pspec (object, pspec);
        }
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

/* PARINDEX_PROFILE: from a keystroke to the totals shown (the panes
 * observing the year have followed it by now), then to the painted frame. */
static void
totals_changed_cb (ParWindow      *self,
                   ParUnitSession *session)
{
  gint64 preview;
  gint64 now;
  GdkFrameClock *clock;

  if (!profile_enabled)
    return;
  preview = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (session), "profile-start"));
  now = g_get_monotonic_time ();
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (preview != 0)
    {
      g_printerr ("PROFILE keystroke-to-totals %.3f ms\n", (now - preview) / 1000.0);
      keystroke_time = preview;
      if (clock != NULL)
        g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), self);
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
  _par_window_set_saved (self);
}

void
_par_window_push_edit (ParWindow *self,
                       ParEdit   *edit)
{
  edit->year = self->year;
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
  if (row == NULL || self->model == NULL)
    {
      _par_window_update_actions (self);
      return;
    }

  session = par_unit_session_new (self->model, par_unit_row_get_code (row), &error);
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
  g_signal_connect_object (session, "notify::editable", G_CALLBACK (_par_window_update_actions),
                           self, G_CONNECT_SWAPPED);
  /* What the cycle between desks allows depends on the unit's place in it. */
  g_signal_connect_object (session, "reviews-changed", G_CALLBACK (_par_window_update_actions),
                           self, G_CONNECT_SWAPPED);
  par_criteria_pane_set_session (self->criteria_pane, session);
  par_missing_evidence_pane_set_session (self->missing_pane, session);
  par_totals_bar_set_unit (self->totals_bar, self->model, par_unit_row_get_code (row));
  gtk_stack_set_visible_child_name (self->unit_stack, "unit");
  _par_window_update_actions (self);
}

/* The year's units were read anew: a session on a unit of the results
 * before is made again on the same unit, on the same criterion. */
static void
model_reset_cb (ParWindow *self)
{
  g_autofree char *criterion = NULL;
  ParCriterionRow *selected;

  /* The session's unit belonged to the results before, which are gone:
   * never look at it again. */
  if (self->session == NULL)
    return;
  selected = par_criteria_pane_get_selected (self->criteria_pane);
  if (selected != NULL)
    criterion = g_strdup (par_criterion_row_get_node (selected)->code);
  clear_session (self);
  unit_selected_cb (self);
  if (criterion != NULL)
    par_criteria_pane_select (self->criteria_pane, criterion);
}

static void
publication_changed_cb (ParWindow *self)
{
  _par_window_sync_publication (self);
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

/* The "Opening the Workspace…" spinner turns only while its page shows:
 * left spinning on a page not shown, it had GTK lay the window out again
 * every frame for as long as the window was open (some 50 times a second,
 * 2% of a core at rest). */
static void
stack_page_changed_cb (ParWindow *self)
{
  gtk_spinner_set_spinning (self->loading_spinner,
                            g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0);
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
 * _par_window_ensure_year_pages:
 *
 * Builds the pages of a year (ui/par-window-year.ui: the scores with the
 * units, criteria, detail and missing-evidence panes and the totals; the
 * submissions board; the overview) into the main stack, the first time
 * they are needed: when a year is first shown, or a pane is asked for. A
 * window starts without them, so that its first frame (the welcome or
 * loading page) is not held up by their construction.
 */
void
_par_window_ensure_year_pages (ParWindow *self)
{
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->units_pane != NULL)
    return;

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "unit_selected_cb", G_CALLBACK (unit_selected_cb),
                                           "criterion_selected_cb",
                                           G_CALLBACK (criterion_selected_cb),
                                           "missing_activated_cb",
                                           G_CALLBACK (missing_activated_cb),
                                           "board_unit_activated_cb",
                                           G_CALLBACK (_par_window_board_unit_activated_cb),
                                           NULL);
  builder = gtk_builder_new ();
  gtk_builder_set_scope (builder, scope);
  /* Swapped handlers receive the window. */
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  gtk_builder_add_from_resource (builder, "/io/github/parindex/ParIndex/ui/par-window-year.ui",
                                 NULL);

  self->units_pane = PAR_UNITS_PANE (gtk_builder_get_object (builder, "units_pane"));
  self->criteria_pane = PAR_CRITERIA_PANE (gtk_builder_get_object (builder, "criteria_pane"));
  self->detail_pane = PAR_DETAIL_PANE (gtk_builder_get_object (builder, "detail_pane"));
  self->missing_pane = PAR_MISSING_EVIDENCE_PANE (gtk_builder_get_object (builder, "missing_pane"));
  self->totals_bar = PAR_TOTALS_BAR (gtk_builder_get_object (builder, "totals_bar"));
  self->flap = ADW_FLAP (gtk_builder_get_object (builder, "flap"));
  self->unit_stack = GTK_STACK (gtk_builder_get_object (builder, "unit_stack"));
  self->side_stack = ADW_VIEW_STACK (gtk_builder_get_object (builder, "side_stack"));
  self->board = PAR_SUBMISSIONS_BOARD (gtk_builder_get_object (builder, "board"));
  self->overview = PAR_OVERVIEW_PAGE (gtk_builder_get_object (builder, "overview"));

  /* The detail pane beside the tree when both fit, else over it. */
  g_object_bind_property (self->detail_button, "active", self->flap, "reveal-flap",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_signal_connect_object (self->board, "notify::unit-side",
                           G_CALLBACK (_par_window_update_actions), self, G_CONNECT_SWAPPED);

  gtk_stack_add_named (self->main_stack,
                       GTK_WIDGET (gtk_builder_get_object (builder, "scores_page")), "scores");
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->board), "submissions");
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->overview), "overview");
  gtk_stack_set_visible_child_name (self->main_stack, "scores");
}

/**
 * _par_window_load_year:
 *
 * Shows @year: its model computes the results once (from the stored unit
 * totals) and follows the workspace from then on; a unit's entries are
 * read when it is selected.
 */
void
_par_window_load_year (ParWindow *self,
                       int        year)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *selected_code = NULL;
  ParYearModel *model;
  ParUnitRow *row;

  _par_window_ensure_year_pages (self);
  if ((row = par_units_pane_get_selected (self->units_pane)) != NULL)
    selected_code = g_strdup (par_unit_row_get_code (row));

  model = par_year_model_new (self->workspace, year, &error);
  if (model == NULL)
    {
      _par_window_show_error (self, _("Could not read the year"), error);
      return;
    }
  clear_year (self);
  self->model = model;
  self->year = year;
  g_signal_group_set_target (self->model_signals, model);
  _par_window_sync_publication (self);
  par_units_pane_set_model (self->units_pane, model);
  par_submissions_board_set_model (self->board, model);
  par_overview_page_set_model (self->overview, model);
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
      clear_year (self);
      self->year = 0;
      _par_window_sync_publication (self);
      gtk_stack_set_visible_child_name (self->stack, "no-year");
      _par_window_update_actions (self);
      return;
    }
  _par_window_load_year (self, g_array_index (self->years, int, selected));
}

/**
 * _par_window_commit_pending:
 * @self: a #ParWindow
 * @out_problem: (out) (optional) (transfer full): what is typed and cannot
 *   be saved, and why
 *
 * Ends the edit in progress as leaving the field does: a value typed in a
 * score cell, a note or an explanation is saved.
 *
 * Returns: %TRUE when nothing typed is left unsaved; %FALSE when a typed
 *   value is refused (it stays in its cell, with its message)
 */
gboolean
_par_window_commit_pending (ParWindow  *self,
                            char      **out_problem)
{
  ParCriterionRow *row;
  ParStage stage;

  /* Every field saves what it holds when the focus leaves it. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);

  if (self->session == NULL ||
      !(row = par_unit_session_get_pending (self->session, &stage)) ||
      par_criterion_row_get_error (row, stage) == NULL)
    return TRUE;
  if (out_problem != NULL)
    *out_problem = g_strdup_printf ("%s, %s: %s",
                                    par_unit_session_get_unit (self->session)->code,
                                    par_criterion_row_get_node (row)->code,
                                    par_criterion_row_get_error (row, stage));
  return FALSE;
}

/**
 * par_window_commit_pending:
 * @self: a #ParWindow
 *
 * Saves what is being typed, as leaving the field does.
 *
 * Returns: %TRUE when nothing typed is left unsaved
 */
gboolean
par_window_commit_pending (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), FALSE);
  return _par_window_commit_pending (self, NULL);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ParWindow        *self)
{
  ParCriterionRow *row;
  ParStage stage;

  if (self->session == NULL || !(row = par_unit_session_get_pending (self->session, &stage)))
    return;
  if (g_strcmp0 (response, "discard") == 0)
    {
      par_unit_session_revert (self->session, row, stage);
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  /* Back to the value, to correct it. */
  if (par_criteria_pane_select (self->criteria_pane, par_criterion_row_get_node (row)->code))
    par_criteria_pane_edit_selected (self->criteria_pane);
}

/* Closing (✕, Ctrl+W, Ctrl+Q) saves what is typed; a typed value that
 * cannot be saved is never dropped unasked. The workspace is then closed,
 * which writes its log back into the file. */
static gboolean
par_window_close_request (GtkWindow *window)
{
  ParWindow *self = (ParWindow *)window;
  g_autofree char *problem = NULL;
  GtkWidget *dialog;

  if (self->close_confirmed || _par_window_commit_pending (self, &problem))
    {
      /* Closed, the window lets go of its workspace at once (whoever else
       * still holds the window). */
      clear_workspace (self);
      return GTK_WINDOW_CLASS (par_window_parent_class)->close_request (window);
    }

  dialog = adw_message_dialog_new (window, _("A Typed Value Cannot Be Saved"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s\n\nCorrect it, or discard it and close."), problem);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "back", _("_Go Back"),
                                    "discard", _("_Discard and Close"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "back");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "back");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
par_window_class_init (ParWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = par_window_dispose;
  window_class->close_request = par_window_close_request;
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

  /**
   * ParWindow:page:
   *
   * The page of the year shown: "scores" (the selected unit's),
   * "submissions" (the board of the cycle between desks) or "overview"
   * (every unit at once).
   */
  properties [PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, "scores",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/par-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ParWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, loading_spinner);
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
  gtk_widget_class_bind_template_callback (widget_class, year_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_page_changed_cb);

  _par_window_class_actions_init (klass);
  _par_window_publication_actions_init (klass);
  _par_window_print_actions_init (klass);
  _par_window_cycle_actions_init (klass);

  g_type_ensure (PAR_TYPE_UNITS_PANE);
  g_type_ensure (PAR_TYPE_CRITERIA_PANE);
  g_type_ensure (PAR_TYPE_DETAIL_PANE);
  g_type_ensure (PAR_TYPE_MISSING_EVIDENCE_PANE);
  g_type_ensure (PAR_TYPE_TOTALS_BAR);
  g_type_ensure (PAR_TYPE_SUBMISSIONS_BOARD);
  g_type_ensure (PAR_TYPE_OVERVIEW_PAGE);
}

static gboolean
destroy_idle_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* PARINDEX_BENCH_FIRST_FRAME=1 (bench/par-bench-first-frame.c): the
 * window prints on standard output the monotonic time (µs) at which its
 * first frame was painted ("first-frame T"), then that of the first frame
 * showing the workspace's year ("year-frame T", when a workspace was
 * given), and quits. */
static void
first_frame_cb (GdkFrameClock *clock,
                ParWindow     *self)
{
  gint64 now = g_get_monotonic_time ();
  gboolean bench = g_object_get_data (G_OBJECT (self), "bench-first-frame") != NULL;

  if (g_object_get_data (G_OBJECT (self), "first-frame-painted") == NULL)
    {
      g_object_set_data (G_OBJECT (self), "first-frame-painted", GINT_TO_POINTER (TRUE));
      if (profile_enabled)
        g_printerr ("PROFILE start-to-first-frame %.1f ms\n", (now - profile_start) / 1000.0);
      if (bench)
        g_print ("first-frame %" G_GINT64_FORMAT "\n", now);
    }
  if (!bench)
    {
      g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
      return;
    }
  if (self->file != NULL && self->model == NULL)
    return;   /* the year is not shown yet */
  if (self->file != NULL)
    g_print ("year-frame %" G_GINT64_FORMAT "\n", now);
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_idle_cb, g_object_ref (self), g_object_unref);
}

static gboolean
deferred_load_cb (gpointer data)
{
  ParWindow *self = data;

  self->deferred_source = 0;
  if (self->workspace != NULL)
    _par_window_reload_years (self, 0);
  return G_SOURCE_REMOVE;
}

static void
shown_cb (GdkFrameClock *clock,
          ParWindow     *self)
{
  g_signal_handlers_disconnect_by_func (clock, shown_cb, self);
  self->shown = TRUE;
  /* After this frame: an idle runs once the painting is done. At the
   * default priority, not the idles' own: an animation (the loading page's
   * spinner) asks for frame after frame, and with a slow renderer (GL on
   * llvmpipe under Xvfb) the painting never left a lower priority its turn,
   * so the year was never read. */
  if (self->workspace != NULL && self->years == NULL && self->deferred_source == 0)
    self->deferred_source = g_idle_add_full (G_PRIORITY_DEFAULT, deferred_load_cb, self, NULL);
}

static void
realize_cb (ParWindow *self)
{
  if (self->open_when_shown)
    g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                      G_CALLBACK (shown_cb), self);
  if (g_strcmp0 (g_getenv ("PARINDEX_BENCH_FIRST_FRAME"), "1") == 0)
    g_object_set_data (G_OBJECT (self), "bench-first-frame", GINT_TO_POINTER (TRUE));
  if (profile_enabled || g_object_get_data (G_OBJECT (self), "bench-first-frame") != NULL)
    g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                      G_CALLBACK (first_frame_cb), self);
}

static void
par_window_init (ParWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  stack_page_changed_cb (self);

  /* The panes observe the year's model; the window, its publication and
   * whether its units were read anew. */
  self->model_signals = g_signal_group_new (PAR_TYPE_YEAR_MODEL);
  /* After the units pane has made its rows anew: the rows before point into
   * the results the reset freed. */
  g_signal_group_connect_data (self->model_signals, "reset", G_CALLBACK (model_reset_cb), self,
                               NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_group_connect_swapped (self->model_signals, "notify::published",
                                  G_CALLBACK (publication_changed_cb), self);
  g_signal_group_connect_swapped (self->model_signals, "notify::integrity-error",
                                  G_CALLBACK (publication_changed_cb), self);

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

/* A year added elsewhere (parindex-cli add-year) joins the year selector. */
static void
workspace_changed_cb (ParWindow    *self,
                      int           year,
                      ParWorkspace *workspace)
{
  if (self->years != NULL)
    for (guint i = 0; i < self->years->len; i++)
      if (g_array_index (self->years, int, i) == year)
        return;
  _par_window_reload_years (self, self->year != 0 ? self->year : year);
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
  /* Changes by other programs (parindex-cli, another window) show at once. */
  par_workspace_watch (workspace);
  g_signal_connect_object (workspace, "changed", G_CALLBACK (workspace_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_object (&self->file, file);
  g_clear_pointer (&self->saved_text, g_free);
  update_subtitle (self);
  remember (self, file);
  _par_window_update_recent (self);

  if (self->open_when_shown && !self->shown)
    {
      /* The year is read once the window is on screen (shown_cb()). */
      gtk_stack_set_visible_child_name (self->stack, "loading");
      _par_window_update_actions (self);
    }
  else
    _par_window_reload_years (self, 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILE]);
}

/**
 * par_window_open_when_shown:
 * @self: a #ParWindow not shown yet
 *
 * At the program's start: a workspace opened before the window is shown
 * is opened at once (the file is held), but its year is read only after
 * the window's first frame was painted, the window showing meanwhile that
 * the workspace is being opened — a national year takes a moment.
 */
void
par_window_open_when_shown (ParWindow *self)
{
  g_return_if_fail (PAR_IS_WINDOW (self));
  g_return_if_fail (!gtk_widget_get_realized (GTK_WIDGET (self)));
  self->open_when_shown = TRUE;
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
  _par_window_ensure_year_pages (self);
  return GTK_WIDGET (self->units_pane);
}

GtkWidget *
par_window_get_criteria_pane (ParWindow *self)
{
  _par_window_ensure_year_pages (self);
  return GTK_WIDGET (self->criteria_pane);
}

GtkWidget *
par_window_get_detail_pane (ParWindow *self)
{
  _par_window_ensure_year_pages (self);
  return GTK_WIDGET (self->detail_pane);
}

GtkWidget *
par_window_get_missing_evidence_pane (ParWindow *self)
{
  _par_window_ensure_year_pages (self);
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
  _par_window_ensure_year_pages (self);
  return adw_view_stack_get_visible_child_name (self->side_stack);
}

GtkWidget *
par_window_get_totals_bar (ParWindow *self)
{
  _par_window_ensure_year_pages (self);
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
