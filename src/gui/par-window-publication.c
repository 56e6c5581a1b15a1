/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-window-publication"

#include "config.h"

#include "par-window-private.h"
#include "par-workspace-settings.h"

#include <glib/gi18n.h>
#include <string.h>

#include "par-annex-workbook.h"
#include "par-decision.h"
#include "par-file-chooser.h"

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

  const char *integrity = self->model != NULL
    ? par_year_model_get_integrity_error (self->model) : NULL;

  g_clear_pointer (&self->decision, par_decision_free);
  self->published = self->model != NULL && par_year_model_get_published (self->model);
  if (self->published)
    {
      self->decision = par_workspace_get_decision (self->workspace, self->year, &fingerprint,
                                                   &error);
      if (error != NULL)
        g_warning ("Cannot read the decision of %d: %s", self->year, error->message);
    }

  /* A year whose data no longer match what was published says so above
   * everything, for as long as it holds. */
  if (integrity != NULL)
    {
      g_autofree char *warning =
        g_strdup_printf (_("The data of %d no longer match what was published: %s. Its results, "
                           "annexes and dossiers are withheld; run “parindex-cli verify” for the "
                           "whole report."), self->year, integrity);
      gtk_label_set_label (self->integrity_label, warning);
    }
  gtk_revealer_set_reveal_child (self->integrity_banner, integrity != NULL);

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

/**
 * _par_window_add_field:
 * @dialog: the message dialog asking for the field
 * @list: its boxed list
 * @key: the field's name, for _par_window_dup_field()
 * @title: the row's title
 * @text: (nullable): the text it starts with
 * @changed_cb: called with @dialog each time the text changes
 *
 * Adds an entry row to @list.
 */
void
_par_window_add_field (AdwMessageDialog *dialog,
                       GtkWidget        *list,
                       const char       *key,
                       const char       *title,
                       const char       *text,
                       GCallback         changed_cb)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_object_set_data (G_OBJECT (dialog), key, row);
  g_signal_connect_object (row, "changed", changed_cb, dialog, G_CONNECT_SWAPPED);
}

GtkWidget *
_par_window_boxed_list_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

/* The trimmed text of a field, %NULL when empty. */
char *
_par_window_dup_field (AdwMessageDialog *dialog,
                       const char       *key)
{
  GtkEditable *editable = g_object_get_data (G_OBJECT (dialog), key);
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/**
 * _par_window_question_new:
 * @self: a #ParWindow
 * @heading: the question
 * @body: (nullable): what it means
 * @response: the response that goes ahead, the default
 * @response_label: its label
 * @extra: (nullable): the fields asked for
 *
 * Returns: (transfer none): a message dialog over @self, not shown yet,
 *   whose other response, "cancel", is also that of Escape
 */
AdwMessageDialog *
_par_window_question_new (ParWindow  *self,
                          const char *heading,
                          const char *body,
                          const char *response,
                          const char *response_label,
                          GtkWidget  *extra)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                         heading, body));

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_default_response (dialog, response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (extra != NULL)
    adw_message_dialog_set_extra_child (dialog, extra);
  return dialog;
}

static void
publish_changed_cb (AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = _par_window_dup_field (dialog, "number");
  g_autofree char *date = _par_window_dup_field (dialog, "date");
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

/* The authority lines ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH") one a line. */
static char *
authority_from_field (AdwMessageDialog *dialog)
{
  g_autofree char *text = _par_window_dup_field (dialog, "authority");
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();

  if (text == NULL)
    return NULL;
  parts = g_strsplit (text, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_strstrip (parts[i])[0] != '\0')
      g_ptr_array_add (lines, parts[i]);
  g_ptr_array_add (lines, NULL);
  return lines->len > 1 ? g_strjoinv ("\n", (char **) lines->pdata) : NULL;
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
  decision->number = _par_window_dup_field (dialog, "number");
  decision->date = _par_window_dup_field (dialog, "date");
  decision->issuer = _par_window_dup_field (dialog, "issuer");
  decision->signer = _par_window_dup_field (dialog, "signer");
  decision->title = _par_window_dup_field (dialog, "title");
  decision->place = _par_window_dup_field (dialog, "place");
  decision->signer_title = _par_window_dup_field (dialog, "signer-title");
  decision->authority = authority_from_field (dialog);
  if (!par_workspace_publish (self->workspace, year, decision, NULL, &error))
    {
      _par_window_show_error (self, _("Could not publish the results"), error);
      return;
    }

  /* The year is frozen: its edits can no longer be undone. */
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
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
  GtkWidget *list = _par_window_boxed_list_new ();
  GtkWidget *error_label = gtk_label_new (NULL);
  AdwMessageDialog *dialog;
  static const char *keys[] = {
    "number", "date", "issuer", "title", "place", "authority", "signer-title", "signer",
  };
  g_autofree char *setting = NULL;
  g_autofree char *authority = NULL;
  const char *titles[] = {
    _("Decision number"),
    _("Date (YYYY-MM-DD)"),
    _("Issuer"),
    _("Title"),
    _("Place (as in “Quảng Nam, ngày …”)"),
    _("Signing authority (lines separated by /)"),
    _("Signer’s title"),
    _("Signer"),
  };
  const char *texts[G_N_ELEMENTS (keys)] = { NULL };
  guint n_provisional;

  if (self->model == NULL || self->published)
    return;

  /* The stored decision's fields; before one, today and the workspace's
   * issuing body. */
  if (stored != NULL && stored->authority != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (stored->authority, "\n", -1);

      authority = g_strjoinv (" / ", lines);
    }
  if (stored == NULL || stored->issuer == NULL)
    setting = par_workspace_get_setting (self->workspace, PAR_SETTING_ISSUER, NULL);
  texts[0] = stored != NULL ? stored->number : NULL;
  texts[1] = stored != NULL && stored->date != NULL ? stored->date : today;
  texts[2] = stored != NULL && stored->issuer != NULL ? stored->issuer : setting;
  texts[3] = stored != NULL ? stored->title : NULL;
  texts[4] = stored != NULL ? stored->place : NULL;
  texts[5] = authority;
  texts[6] = stored != NULL ? stored->signer_title : NULL;
  texts[7] = stored != NULL ? stored->signer : NULL;

  heading = g_strdup_printf (_("Publish the Results of %d?"), self->year);
  n_provisional = par_year_results_count_provisional (_par_window_get_results (self));
  if (n_provisional > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u unit is still provisional: an "
                                                         "applicable sub-criterion has no "
                                                         "appraisal entry. Its results will be "
                                                         "published as they are.",
                                                         "%u units are still provisional: an "
                                                         "applicable sub-criterion has no "
                                                         "appraisal entry. Their results will be "
                                                         "published as they are.",
                                                         n_provisional), n_provisional);
      GtkWidget *warning = gtk_label_new (text);

      gtk_label_set_wrap (GTK_LABEL (warning), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (warning), 30);
      gtk_label_set_xalign (GTK_LABEL (warning), 0);
      gtk_widget_add_css_class (warning, "warning");
      g_object_set_data (G_OBJECT (box), "provisional", warning);
      gtk_box_append (GTK_BOX (box), warning);
    }
  gtk_box_append (GTK_BOX (box), list);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  /* A long message wraps instead of widening the dialog. */
  gtk_label_set_max_width_chars (GTK_LABEL (error_label), 30);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_box_append (GTK_BOX (box), error_label);
  dialog = _par_window_question_new (self, heading,
                                     _("The decision’s number and date go into the heading of "
                                       "the annexes. Once published, the year’s scores, units "
                                       "and evidence cannot be changed until the year is "
                                       "reopened with a reason."),
                                     "publish", _("_Publish"), box);
  /* Until the fields are valid. */
  adw_message_dialog_set_response_enabled (dialog, "publish", FALSE);
  adw_message_dialog_set_response_appearance (dialog, "publish", ADW_RESPONSE_SUGGESTED);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    _par_window_add_field (dialog, list, keys[i], titles[i], texts[i],
                           G_CALLBACK (publish_changed_cb));
  g_object_set_data (G_OBJECT (dialog), "error", error_label);
  g_object_set_data (G_OBJECT (dialog), "year", GINT_TO_POINTER (self->year));
  publish_changed_cb (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (publish_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reopen_changed_cb (AdwMessageDialog *dialog)
{
  g_autofree char *reason = _par_window_dup_field (dialog, "reason");

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

  reason = _par_window_dup_field (dialog, "reason");
  if (!par_workspace_reopen (self->workspace, year, reason, &error))
    {
      _par_window_show_error (self, _("Could not reopen the year"), error);
      return;
    }
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
  GtkWidget *list = _par_window_boxed_list_new ();
  AdwMessageDialog *dialog;

  if (self->model == NULL || !self->published)
    return;

  heading = g_strdup_printf (_("Reopen %d?"), self->year);
  dialog = _par_window_question_new (self, heading,
                                     _("The scores can be changed again, and the year must be "
                                       "published again to freeze it. The reason is kept in the "
                                       "audit log."),
                                     "reopen", _("_Reopen"), list);
  /* Until a reason is given. */
  adw_message_dialog_set_response_enabled (dialog, "reopen", FALSE);
  adw_message_dialog_set_response_appearance (dialog, "reopen", ADW_RESPONSE_DESTRUCTIVE);
  _par_window_add_field (dialog, list, "reason", _("Reason for reopening"), NULL,
                         G_CALLBACK (reopen_changed_cb));
  g_object_set_data (G_OBJECT (dialog), "year", GINT_TO_POINTER (self->year));
  g_signal_connect_object (dialog, "response", G_CALLBACK (reopen_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A toast's button opening the URI kept as its "uri" data. */
void
_par_window_open_toast_uri (AdwToast *toast)
{
  g_autoptr(GError) error = NULL;
  const char *uri = g_object_get_data (G_OBJECT (toast), "uri");

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("Cannot open %s: %s", uri, error->message);
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

/**
 * par_window_get_integrity_banner:
 *
 * Returns: (transfer none): the red banner over a year whose data no
 *   longer match what was published
 */
GtkWidget *
par_window_get_integrity_banner (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->integrity_banner);
}

/**
 * _par_window_take_saved_file:
 * @native: a save chooser, answered
 * @response: its response
 * @suffix: the suffix the file must have (".xlsx")
 *
 * Destroys the chooser and says which file to write: the chosen one, with
 * @suffix added when the name lacks it.
 *
 * Returns: (transfer full) (nullable): the file, %NULL when none was chosen
 */
GFile *
_par_window_take_saved_file (GtkNativeDialog *native,
                             int              response,
                             const char      *suffix)
{
  g_autoptr(GFile) file = par_file_chooser_take_file (native, response);
  g_autofree char *path = NULL;

  if (file == NULL)
    return NULL;

  path = g_file_get_path (file);
  if (path != NULL && !g_str_has_suffix (path, suffix))
    {
      g_autofree char *with_suffix = g_strconcat (path, suffix, NULL);

      return g_file_new_for_path (with_suffix);
    }
  return g_steal_pointer (&file);
}

void
_par_window_publication_actions_init (ParWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_child (widget_class, ParWindow, publication_banner);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, publication_label);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, integrity_banner);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, integrity_label);
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, par_window_publish_action);
  gtk_widget_class_install_action (widget_class, "win.reopen", NULL, par_window_reopen_action);
}
