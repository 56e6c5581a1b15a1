/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-window-publication"

#include "config.h"

#include "par-window-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "par-annex-workbook.h"
#include "par-decision.h"

/*
 * Publication: the decision that publishes a year's results, the banner
 * over a published (frozen) year with its Reopen button, and the annex
 * workbook written on a worker — what `parindex-cli publish`, `reopen` and
 * `export` do (FORMATS.md §6).
 */

/* The banner: shown while the year is published. */

static char *
format_decision_date (const char *date)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *iso = NULL;

  if (date == NULL || !par_decision_validate_date (date, NULL))
    return g_strdup ("…");
  iso = g_strconcat (date, "T00:00:00Z", NULL);
  time = g_date_time_new_from_iso8601 (iso, NULL);
  /* Translators: the decision's date in the banner, for g_date_time_format (): "%d/%m/%Y" */
  /* xgettext:no-c-format */
  return time != NULL ? g_date_time_format (time, _("%Y-%m-%d")) : g_strdup (date);
}

/**
 * _par_window_sync_publication:
 *
 * Reads whether the shown year is published and its decision, and shows or
 * hides the banner; the caller updates the actions.
 */
void
_par_window_sync_publication (ParWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *number = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  g_clear_pointer (&self->decision, par_decision_free);
  self->published = FALSE;
  if (self->workspace != NULL && self->results != NULL)
    {
      self->published = par_workspace_is_published (self->workspace, self->year, &error);
      if (error == NULL)
        self->decision = par_workspace_get_decision (self->workspace, self->year, &fingerprint,
                                                     &error);
      if (error != NULL)
        g_warning ("Cannot read the decision of %d: %s", self->year, error->message);
    }

  if (self->published)
    {
      number = self->decision != NULL ? par_decision_format_number (self->decision)
                                       : g_strdup ("…");
      date = format_decision_date (self->decision != NULL ? self->decision->date : NULL);
      text = g_strdup_printf (_("Published by decision %s of %s — scores are read-only"),
                              number, date);
      if (fingerprint != NULL)
        tooltip = g_strdup_printf (_("Fingerprint of the published results: %s"), fingerprint);
    }
  gtk_label_set_label (self->publication_label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->publication_label), tooltip);
  gtk_revealer_set_reveal_child (self->publication_banner, self->published);
}

/* Publish and reopen: message dialogs whose main response is enabled only
 * when the fields are complete, so that a response always does something. */

static GtkWidget *
add_entry_row (GtkWidget  *list,
               const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static GtkWidget *
boxed_list_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

/* The trimmed text of a field, %NULL when empty. */
static char *
dup_field (AdwMessageDialog *dialog,
           const char       *key)
{
  GtkEditable *editable = g_object_get_data (G_OBJECT (dialog), key);
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static AdwMessageDialog *
publication_dialog_new (ParWindow  *self,
                        const char *heading,
                        const char *body,
                        const char *response,
                        const char *response_label,
                        GtkWidget  *extra)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), response, FALSE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), extra);
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
publish_changed_cb (AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = dup_field (dialog, "number");
  g_autofree char *date = dup_field (dialog, "date");
  GtkWidget *date_row = g_object_get_data (G_OBJECT (dialog), "date");
  GtkLabel *error_label = g_object_get_data (G_OBJECT (dialog), "error");
  gboolean date_valid = par_decision_validate_date (date, &error);
  /* A date being typed is only marked wrong once it has its ten characters. */
  gboolean date_wrong = !date_valid && date != NULL && strlen (date) >= 10;

  if (date_wrong)
    gtk_widget_add_css_class (date_row, "error");
  else
    gtk_widget_remove_css_class (date_row, "error");
  gtk_label_set_label (error_label, date_wrong ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (error_label), date_wrong);
  adw_message_dialog_set_response_enabled (dialog, "publish", number != NULL && date_valid);
}

static void
publish_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ParWindow        *self)
{
  g_autoptr(ParDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "year"));

  if (g_strcmp0 (response, "publish") != 0 || self->workspace == NULL)
    return;

  decision = par_decision_new ();
  decision->number = dup_field (dialog, "number");
  decision->date = dup_field (dialog, "date");
  decision->issuer = dup_field (dialog, "issuer");
  decision->signer = dup_field (dialog, "signer");
  decision->title = dup_field (dialog, "title");
  if (!par_workspace_publish (self->workspace, year, decision, NULL, &error))
    {
      _par_window_show_error (self, _("Could not publish the results"), error);
      return;
    }

  /* The year is frozen: its edits can no longer be undone. */
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  _par_window_load_year (self, year);
  message = g_strdup_printf (_("The results of %d are published"), year);
  _par_window_toast (self, message);
}

static void
par_window_publish_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *heading = NULL;
  const ParDecision *stored = self->decision;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = boxed_list_new ();
  GtkWidget *error_label = gtk_label_new (NULL);
  AdwMessageDialog *dialog;
  static const char *keys[] = { "number", "date", "issuer", "signer", "title" };
  const char *titles[] = {
    _("Decision number"),
    _("Date (YYYY-MM-DD)"),
    _("Issuer"),
    _("Signer"),
    _("Title"),
  };
  const char *texts[] = {
    stored != NULL ? stored->number : NULL,
    stored != NULL && stored->date != NULL ? stored->date : today,
    stored != NULL ? stored->issuer : NULL,
    stored != NULL ? stored->signer : NULL,
    stored != NULL ? stored->title : NULL,
  };

  if (self->results == NULL || self->published)
    return;

  heading = g_strdup_printf (_("Publish the Results of %d?"), self->year);
  gtk_box_append (GTK_BOX (box), list);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  /* A long message wraps instead of widening the dialog. */
  gtk_label_set_max_width_chars (GTK_LABEL (error_label), 30);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_box_append (GTK_BOX (box), error_label);
  dialog = publication_dialog_new (self, heading,
                                   _("The decision’s number and date go into the heading of the "
                                     "annexes. Once published, the year’s scores, units and "
                                     "evidence cannot be changed until the year is reopened "
                                     "with a reason."),
                                   "publish", _("_Publish"), box);
  adw_message_dialog_set_response_appearance (dialog, "publish", ADW_RESPONSE_SUGGESTED);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *row = add_entry_row (list, titles[i], texts[i]);

      g_object_set_data (G_OBJECT (dialog), keys[i], row);
      g_signal_connect_object (row, "changed", G_CALLBACK (publish_changed_cb), dialog,
                               G_CONNECT_SWAPPED);
    }
  g_object_set_data (G_OBJECT (dialog), "error", error_label);
  g_object_set_data (G_OBJECT (dialog), "year", GINT_TO_POINTER (self->year));
  publish_changed_cb (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (publish_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reopen_changed_cb (AdwMessageDialog *dialog)
{
  g_autofree char *reason = dup_field (dialog, "reason");

  adw_message_dialog_set_response_enabled (dialog, "reopen", reason != NULL);
}

static void
reopen_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ParWindow        *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *message = NULL;
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "year"));

  if (g_strcmp0 (response, "reopen") != 0 || self->workspace == NULL)
    return;

  reason = dup_field (dialog, "reason");
  if (!par_workspace_reopen (self->workspace, year, reason, &error))
    {
      _par_window_show_error (self, _("Could not reopen the year"), error);
      return;
    }
  _par_window_load_year (self, year);
  message = g_strdup_printf (_("Year %d is reopened: its scores can be changed"), year);
  _par_window_toast (self, message);
}

static void
par_window_reopen_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  g_autofree char *heading = NULL;
  GtkWidget *list = boxed_list_new ();
  GtkWidget *row;
  AdwMessageDialog *dialog;

  if (self->results == NULL || !self->published)
    return;

  heading = g_strdup_printf (_("Reopen %d?"), self->year);
  row = add_entry_row (list, _("Reason for reopening"), NULL);
  dialog = publication_dialog_new (self, heading,
                                   _("The scores can be changed again, and the year must be "
                                     "published again to freeze it. The reason is kept in the "
                                     "audit log."),
                                   "reopen", _("_Reopen"), list);
  adw_message_dialog_set_response_appearance (dialog, "reopen", ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data (G_OBJECT (dialog), "reason", row);
  g_object_set_data (G_OBJECT (dialog), "year", GINT_TO_POINTER (self->year));
  g_signal_connect_object (row, "changed", G_CALLBACK (reopen_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reopen_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The annex workbook: a save dialog, then the writing on a worker with a
 * connection of its own, the header's spinner turning meanwhile. */

typedef struct
{
  char  *workspace_path;
  GFile *file;
  int    year;
} ExportTask;

static void
export_task_free (gpointer data)
{
  ExportTask *export = data;

  g_free (export->workspace_path);
  g_clear_object (&export->file);
  g_free (export);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportTask *export = task_data;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(ParAnnexDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (export->file);

  /* A connection of its own: the window keeps using its connection. Like
   * `parindex-cli export`, the stored decision fills the heading, and the
   * fingerprint the footer while the year is published. */
  workspace = par_workspace_open (export->workspace_path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  if (workspace != NULL)
    document = par_annex_document_build_for_year (workspace, export->year, cancellable, &error);

  if (document != NULL &&
      par_annex_workbook_write_document (document, path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
set_exporting (ParWindow    *self,
               GCancellable *cancellable)
{
  g_set_object (&self->export_cancellable, cancellable);
  gtk_spinner_set_spinning (self->export_spinner, cancellable != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->export_spinner), cancellable != NULL);
  _par_window_update_actions (self);
}

static void
open_exported_cb (AdwToast *toast)
{
  g_autoptr(GError) error = NULL;
  const char *uri = g_object_get_data (G_OBJECT (toast), "uri");

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("Cannot open %s: %s", uri, error->message);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ParWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  ExportTask *export = g_task_get_task_data (G_TASK (result));
  AdwToast *toast;
  guint n_units = 0;

  g_assert (PAR_IS_WINDOW (self));

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* The window was closed. */

  set_exporting (self, NULL);
  if (error != NULL)
    {
      _par_window_show_error (self, _("Could not export the annexes"), error);
      return;
    }

  basename = g_file_get_basename (export->file);
  name = g_filename_display_name (basename);
  escaped = g_markup_escape_text (name, -1);
  /* Thousands of score sheets are neither printable nor quick to write:
   * say why they are missing, and where to get some. */
  for (guint b = 0; self->results != NULL && b < par_year_results_get_n_blocks (self->results); b++)
    n_units += par_year_results_get_block_size (self->results, b);
  if (n_units > PAR_ANNEX_UNIT_SHEETS_MAX)
    title = g_strdup_printf (_("Annexes saved as “%s”, without a score sheet per unit (more than "
                               "%d units: choose units with parindex-cli export --units)"),
                             escaped, PAR_ANNEX_UNIT_SHEETS_MAX);
  else
    title = g_strdup_printf (_("Annexes saved as “%s”"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "uri", g_file_get_uri (export->file), g_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (open_exported_cb), NULL);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * par_window_export_annexes:
 * @self: a #ParWindow
 * @file: the workbook to write (`.xlsx`), a local file
 *
 * Writes the annexes of the shown year to @file on a worker — what
 * `win.export-annexes` does once the file is chosen — with the year's
 * stored decision and, while it is published, its fingerprint. A toast
 * says when it is written; an error is shown in a dialog.
 */
void
par_window_export_annexes (ParWindow *self,
                           GFile     *file)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ExportTask *export;

  g_return_if_fail (PAR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->workspace != NULL && self->results != NULL);

  if (self->export_cancellable != NULL)
    return;
  if (!(path = g_file_get_path (file)))
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The annexes can only be saved to a local folder"));
      _par_window_show_error (self, _("Could not export the annexes"), error);
      return;
    }

  export = g_new0 (ExportTask, 1);
  export->workspace_path = g_strdup (par_workspace_get_path (self->workspace));
  export->file = g_object_ref (file);
  export->year = self->year;

  cancellable = g_cancellable_new ();
  /* The window is the callback's data, not the task's source: its last
   * reference, if the window was closed meanwhile, is then dropped here
   * on the main thread. */
  task = g_task_new (NULL, cancellable, export_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, par_window_export_annexes);
  g_task_set_task_data (task, export, export_task_free);
  set_exporting (self, cancellable);
  g_task_run_in_thread (task, export_thread);
}

/**
 * par_window_get_exporting:
 *
 * Returns: whether annexes are being written
 */
gboolean
par_window_get_exporting (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), FALSE);
  return self->export_cancellable != NULL;
}

/**
 * par_window_get_publication_banner:
 *
 * Returns: (transfer none): the banner over a published year (a
 *   #GtkRevealer showing its child while the year is published)
 */
GtkWidget *
par_window_get_publication_banner (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->publication_banner);
}

static void
export_response_cb (ParWindow            *self,
                    int                   response,
                    GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);
  if (file == NULL || self->results == NULL)
    return;

  path = g_file_get_path (file);
  if (path != NULL && !g_str_has_suffix (path, ".xlsx"))
    {
      g_autofree char *with_suffix = g_strconcat (path, ".xlsx", NULL);

      g_object_unref (file);
      file = g_file_new_for_path (with_suffix);
    }
  par_window_export_annexes (self, file);
}

static void
par_window_export_annexes_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;

  if (self->results == NULL)
    return;

  native = gtk_file_chooser_native_new (_("Export the Annexes"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, _("Excel Workbooks"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  /* The annexes are a Vietnamese state document: their file keeps its
   * Vietnamese name (phụ lục = annex) in every language. */
  name = g_strdup_printf ("Phu-luc-CCHC-%d.xlsx", self->year);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect_object (native, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
_par_window_publication_actions_init (ParWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_child (widget_class, ParWindow, publication_banner);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, publication_label);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, export_spinner);

  gtk_widget_class_install_action (widget_class, "win.export-annexes", NULL,
                                   par_window_export_annexes_action);
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, par_window_publish_action);
  gtk_widget_class_install_action (widget_class, "win.reopen", NULL, par_window_reopen_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-annexes", NULL);
}
