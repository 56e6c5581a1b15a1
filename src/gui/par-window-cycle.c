/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-window-cycle"

#include "config.h"

#include "par-window-private.h"

#include <glib/gi18n.h>

#include "par-cycle.h"
#include "par-decimal.h"
#include "par-decision.h"
#include "par-error.h"
#include "par-file-chooser.h"
#include "par-receive-dialog.h"
#include "par-rounds-dialog.h"

/*
 * The cycle between desks in the window (FORMATS.md §8, the core's
 * par-cycle.h): the unit sends its self-assessment for appraisal (what is
 * missing shown first), the office receives many packages at once, reviews
 * and returns its appraisal; the submissions board (a page of the year),
 * the stages' deadlines and a unit's extension, and what changed between
 * rounds. Long work runs on the core's workers with progress and Cancel.
 */

/* A toast saying where a package was written, with a button opening its
 * folder (the clerk sends the file on from there). */
static void
toast_written (ParWindow  *self,
               const char *text,
               GFile      *file)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 8);
  if (folder != NULL)
    {
      adw_toast_set_button_label (toast, _("Open _Folder"));
      g_object_set_data_full (G_OBJECT (toast), "uri", g_file_get_uri (folder), g_free);
      g_signal_connect (toast, "button-clicked", G_CALLBACK (_par_window_open_toast_uri), NULL);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
add_package_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) packages = gtk_file_filter_new ();

  gtk_file_filter_set_name (packages, _("ParIndex Packages"));
  gtk_file_filter_add_suffix (packages, "parpkg");
  par_file_chooser_add_with_all_files (chooser, packages);
}

/* A file to write a package to: the name is suggested, the suffix added. */
typedef void (*ChosenFunc) (ParWindow *self,
                            GFile     *file,
                            gpointer   data);

typedef struct
{
  ParWindow      *window;
  ChosenFunc      func;
  gpointer        data;
  GDestroyNotify  destroy;
} Choice;

static void
choice_free (Choice *choice)
{
  if (choice->destroy != NULL)
    choice->destroy (choice->data);
  g_object_unref (choice->window);
  g_free (choice);
}

static void
save_chosen_cb (GtkNativeDialog *native,
                int              response,
                Choice          *choice)
{
  g_autoptr(GFile) file = _par_window_take_saved_file (native, response, ".parpkg");

  if (file != NULL && choice->window->workspace != NULL)
    choice->func (choice->window, file, choice->data);
  choice_free (choice);
}

static void
choose_package_file (ParWindow      *self,
                     const char     *title,
                     const char     *name,
                     ChosenFunc      func,
                     gpointer        data,
                     GDestroyNotify  destroy)
{
  GtkFileChooserNative *native;
  Choice *choice = g_new0 (Choice, 1);

  choice->window = g_object_ref (self);
  choice->func = func;
  choice->data = data;
  choice->destroy = destroy;
  native = par_file_chooser_new (GTK_WINDOW (self), title, GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Save"));
  add_package_filters (GTK_FILE_CHOOSER (native));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (save_chosen_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* "1.1, 1.2, 2.3, … (and 12 more)": the leaves a check found. */
static char *
list_codes (GPtrArray *leaves)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const guint shown = 12;

  for (guint i = 0; i < leaves->len && i < shown; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                            ((const ParCriterion *) g_ptr_array_index (leaves, i))->code);
  if (leaves->len > shown)
    /* Translators: after the first sub-criteria listed */
    g_string_append_printf (text, _(" and %u more"), leaves->len - shown);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
wrapped_label (const char *text,
               const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

/* Send for appraisal: what the self-assessment still lacks, then the
 * package, written on a worker with its progress. */

typedef struct
{
  ParWindow      *window;
  GtkWidget      *dialog;     /* weak: the progress dialog */
  GtkProgressBar *bar;        /* weak */
  GFile          *destination;
  char           *unit_code;
  int             year;
} SubmitJob;

static void
submit_job_clear (SubmitJob *job)
{
  g_clear_weak_pointer (&job->dialog);
  g_clear_weak_pointer (&job->bar);
  g_clear_object (&job->window);
  g_clear_object (&job->destination);
  g_free (job->unit_code);
}

static void
submit_job_unref (gpointer job)
{
  g_rc_box_release_full (job, (GDestroyNotify) submit_job_clear);
}

static void
submit_progress_cb (double      fraction,
                    const char *text,
                    gpointer    data)
{
  SubmitJob *job = data;

  if (job->bar == NULL)
    return;
  gtk_progress_bar_set_fraction (job->bar, CLAMP (fraction, 0.0, 1.0));
  if (text != NULL)
    gtk_progress_bar_set_text (job->bar, text);
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  SubmitJob *job = data;
  ParWindow *self = job->window;
  g_autoptr(ParPackageSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = par_workspace_submit_finish (PAR_WORKSPACE (object), result, &error);
  if (job->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (job->dialog));
  g_clear_object (&self->submit_cancellable);
  if (self->main_stack == NULL)
    {
      /* The window was closed meanwhile (which cancelled the package). */
      submit_job_unref (job);
      return;
    }
  _par_window_update_actions (self);
  if (summary == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _par_window_show_error (self, _("Could not write the package"), error);
      else
        _par_window_toast (self, _("Sending cancelled: no package was written"));
    }
  else
    {
      g_autofree char *basename = g_file_get_basename (job->destination);
      g_autofree char *name = g_filename_display_name (basename);
      g_autofree char *size = par_format_size (summary->size, G_FORMAT_SIZE_DEFAULT);
      g_autofree char *text =
        g_strdup_printf (_("Round %d saved as “%s” (%s), to send to the office"),
                         summary->round, name, size);

      toast_written (self, text, job->destination);
    }
  submit_job_unref (job);
}

static void
submit_dialog_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           ParWindow        *self)
{
  if (self->submit_cancellable != NULL)
    g_cancellable_cancel (self->submit_cancellable);
}

static void
submit_to (ParWindow *self,
           GFile     *destination,
           gpointer   data)
{
  const char *unit_code = data;
  SubmitJob *job;
  GtkWidget *bar;
  g_autofree char *body = NULL;
  g_autofree char *basename = g_file_get_basename (destination);

  if (self->submit_cancellable != NULL)
    return;
  job = g_rc_box_new0 (SubmitJob);
  job->window = g_object_ref (self);
  job->destination = g_object_ref (destination);
  job->unit_code = g_strdup (unit_code);
  job->year = self->year;

  body = g_strdup_printf (_("Writing “%s”"), basename);
  job->dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Sending for Appraisal"), body);
  g_object_add_weak_pointer (G_OBJECT (job->dialog), (gpointer *) &job->dialog);
  bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  job->bar = GTK_PROGRESS_BAR (bar);
  g_object_add_weak_pointer (G_OBJECT (bar), (gpointer *) &job->bar);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (job->dialog), bar);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (job->dialog), "cancel", _("_Cancel"));
  g_signal_connect_object (job->dialog, "response", G_CALLBACK (submit_dialog_response_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (job->dialog));

  self->submit_cancellable = g_cancellable_new ();
  _par_window_update_actions (self);
  par_workspace_submit_async (self->workspace, self->year, unit_code, destination,
                              PAR_SUBMIT_NONE, submit_progress_cb,
                              g_rc_box_acquire (job), submit_job_unref, self->submit_cancellable,
                              submitted_cb, job);
}

/* A package about to be written (sent for appraisal, or returned to the
 * unit): a message dialog saying what it holds, then the file, chosen
 * unless given. */
typedef struct
{
  const char *response;       /* the dialog's response that writes */
  const char *label;          /* its label when the file is given */
  const char *chooser_title;
  const char *name_round;     /* the file's name: unit-year-{this}round */
  ChosenFunc  write;
} PackageWriting;

static void return_to (ParWindow *self,
                       GFile     *destination,
                       gpointer   data);

/* The files keep a Vietnamese name (vòng = round, thẩm định = appraisal)
 * in every language, as the annexes do: they go to a Vietnamese office. */
static const PackageWriting sending = {
  "send", N_("_Send"), N_("Send for Appraisal"), "vong", submit_to,
};
static const PackageWriting returning = {
  "return", N_("_Return"), N_("Return Appraisal to Unit"), "tham-dinh-vong",
  return_to,
};

static void
package_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ParWindow        *self)
{
  const PackageWriting *writing = g_object_get_data (G_OBJECT (dialog), "writing");
  const char *unit_code = g_object_get_data (G_OBJECT (dialog), "unit-code");
  GFile *destination = g_object_get_data (G_OBJECT (dialog), "destination");
  int round = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "round"));
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, writing->response) != 0 || self->workspace == NULL)
    return;
  if (destination != NULL)
    {
      writing->write (self, destination, (gpointer) unit_code);
      return;
    }
  name = g_strdup_printf ("%s-%d-%s%d.parpkg", unit_code, self->year, writing->name_round, round);
  choose_package_file (self, _(writing->chooser_title), name, writing->write,
                       g_strdup (unit_code), g_free);
}

static AdwMessageDialog *
package_dialog_new (ParWindow            *self,
                    const PackageWriting *writing,
                    const char           *heading,
                    const char           *body,
                    const char           *unit_code,
                    int                   round,
                    GFile                *destination)
{
  AdwMessageDialog *dialog;

  dialog = _par_window_question_new (self, heading, body, writing->response,
                                     destination != NULL ? _(writing->label)
                                                         : _("_Save Package…"),
                                     NULL);
  adw_message_dialog_set_response_appearance (dialog, writing->response, ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "writing", (gpointer) writing);
  g_object_set_data_full (G_OBJECT (dialog), "unit-code", g_strdup (unit_code), g_free);
  g_object_set_data (G_OBJECT (dialog), "round", GINT_TO_POINTER (round));
  if (destination != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "destination", g_object_ref (destination),
                            g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (package_response_cb), self, 0);
  return dialog;
}

/**
 * par_window_send_for_appraisal:
 * @self: a #ParWindow
 * @destination: (nullable): the package to write; %NULL asks for it
 *
 * "Send for Appraisal…": shows what the selected unit's self-assessment
 * still lacks (sub-criteria without a self entry; those expecting evidence
 * with neither a document nor an explanation), then writes the package of
 * its next round on a worker, with progress and Cancel.
 */
void
par_window_send_for_appraisal (ParWindow *self,
                               GFile     *destination)
{
  g_autoptr(ParSubmissionCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *problem = NULL;
  ParUnitResult *unit;
  GtkWidget *box;
  AdwMessageDialog *dialog;

  g_return_if_fail (PAR_IS_WINDOW (self));
  g_return_if_fail (destination == NULL || G_IS_FILE (destination));

  if (self->session == NULL || self->submit_cancellable != NULL)
    return;
  /* What is being typed goes with the package. */
  if (!_par_window_commit_pending (self, &problem))
    {
      g_set_error_literal (&error, PAR_ERROR, PAR_ERROR_INVALID, problem);
      _par_window_show_error (self, _("Correct the typed value before sending"), error);
      return;
    }
  unit = par_unit_session_get_unit (self->session);
  check = par_workspace_check_submission (self->workspace, self->year, unit->code, &error);
  if (check == NULL)
    {
      _par_window_show_error (self, _("Could not check the self-assessment"), error);
      return;
    }

  heading = g_strdup_printf (_("Send Round %d for Appraisal?"), check->round);
  body = g_strdup_printf (_("%s (%s) sends its self-assessment of %d — self entries, notes, "
                            "explanations and evidence documents — in one package file for the "
                            "appraising office."), unit->name, unit->code, self->year);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  if (check->unscored->len > 0)
    {
      g_autofree char *codes = list_codes (check->unscored);
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u sub-criterion has no self-assessment: %s",
                                      "%u sub-criteria have no self-assessment: %s",
                                      check->unscored->len), check->unscored->len, codes);

      gtk_box_append (GTK_BOX (box), wrapped_label (text, "warning"));
    }
  if (check->unproven->len > 0)
    {
      g_autofree char *codes = list_codes (check->unproven);
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u sub-criterion expects evidence but has neither a "
                                      "document nor an explanation: %s",
                                      "%u sub-criteria expect evidence but have neither a "
                                      "document nor an explanation: %s",
                                      check->unproven->len), check->unproven->len, codes);

      gtk_box_append (GTK_BOX (box), wrapped_label (text, "warning"));
    }
  if (check->unscored->len == 0 && check->unproven->len == 0)
    gtk_box_append (GTK_BOX (box),
                    wrapped_label (_("Nothing is missing: every sub-criterion has a "
                                     "self-assessment, and evidence or an explanation."),
                                   "success"));
  else
    gtk_box_append (GTK_BOX (box),
                    wrapped_label (_("The package can be sent as it is; the office will see "
                                     "what is missing."), "dim-label"));

  dialog = package_dialog_new (self, &sending, heading, body, unit->code, check->round,
                               destination);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
par_window_send_for_appraisal_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  par_window_send_for_appraisal (PAR_WINDOW (widget), NULL);
}

/* Receive packages: many files at once, a receipt per file. */

static void
receive_dialog_running_cb (ParWindow *self)
{
  _par_window_update_actions (self);
}

/**
 * par_window_receive_packages:
 * @self: a #ParWindow
 * @files: (array length=n_files): package files
 * @n_files: how many
 *
 * "Receive Packages…" once the files are chosen: they are received on a
 * worker, each all or nothing, in a dialog saying how each went.
 *
 * Returns: (transfer none) (nullable): the receipts' dialog
 */
GtkWindow *
par_window_receive_packages (ParWindow     *self,
                             GFile * const *files,
                             guint          n_files)
{
  ParReceiveDialog *dialog;

  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);

  if (self->workspace == NULL || n_files == 0 || self->receive_dialog != NULL)
    return NULL;
  dialog = par_receive_dialog_new (GTK_WINDOW (self), self->workspace, files, n_files);
  g_set_weak_pointer (&self->receive_dialog, GTK_WINDOW (dialog));
  g_signal_connect_object (dialog, "notify::running", G_CALLBACK (receive_dialog_running_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (receive_dialog_running_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  _par_window_update_actions (self);
  return GTK_WINDOW (dialog);
}

static void
receive_chosen_cb (ParWindow       *self,
                   int              response,
                   GtkNativeDialog *native)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));
  par_window_receive_packages (self, (GFile * const *) array->pdata, array->len);
}

static void
par_window_receive_packages_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  GtkFileChooserNative *native;

  native = par_file_chooser_new (GTK_WINDOW (self), _("Receive Packages"),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Receive"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  add_package_filters (GTK_FILE_CHOOSER (native));
  g_signal_connect_object (native, "response", G_CALLBACK (receive_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Return to the unit: the appraisal of the round last received. */

static void
return_to (ParWindow *self,
           GFile     *destination,
           gpointer   data)
{
  const char *unit_code = data;
  g_autoptr(ParPackageSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (destination);
  g_autofree char *name = g_filename_display_name (basename);
  g_autofree char *text = NULL;

  /* No document travels back: the package is small, written at once. */
  summary = par_workspace_return (self->workspace, self->year, unit_code, destination, NULL,
                                  &error);
  if (summary == NULL)
    {
      _par_window_show_error (self, _("Could not return the appraisal"), error);
      return;
    }
  text = g_strdup_printf (_("Appraisal of round %d saved as “%s”, to send to %s"),
                          summary->round, name, summary->unit_code);
  toast_written (self, text, destination);
}

/**
 * par_window_return_appraisal:
 * @self: a #ParWindow
 * @unit_code: the unit
 * @destination: (nullable): the package to write; %NULL asks for it
 *
 * "Return Appraisal to Unit…": says what goes back (appraised
 * sub-criteria, verdicts, requests), then writes the return package of
 * the round last received from the unit.
 */
void
par_window_return_appraisal (ParWindow  *self,
                             const char *unit_code,
                             GFile      *destination)
{
  g_autoptr(ParUnitCycle) cycle = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *requests = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (PAR_IS_WINDOW (self));
  g_return_if_fail (unit_code != NULL);

  if (self->workspace == NULL || self->model == NULL)
    return;
  _par_window_commit_pending (self, NULL);
  cycle = par_workspace_get_unit_cycle (self->workspace, self->year, unit_code, &error);
  if (cycle != NULL && (cycle->unit_side || cycle->received_round == 0))
    g_set_error (&error, PAR_ERROR, PAR_ERROR_INVALID,
                 _("No self-assessment of %s was received for %d: there is nothing to return "
                   "yet."), unit_code, self->year);
  if (error != NULL)
    {
      _par_window_show_error (self, _("Could not return the appraisal"), error);
      return;
    }

  heading = g_strdup_printf (_("Return the Appraisal of Round %d?"), cycle->received_round);
  requests = g_strdup_printf (ngettext ("%u explanation request", "%u explanation requests",
                                        cycle->n_open_requests),
                              cycle->n_open_requests);
  /* TRANSLATORS: the last %s is "%u explanation request(s)" */
  body = g_strdup_printf (_("%s (%s): %u of %u sub-criteria appraised; verdicts: %u accepted, "
                            "%u insufficient, %u rejected; %s. The unit sees them once it "
                            "receives the package."),
                          cycle->unit_name, cycle->unit_code, cycle->n_appraised, cycle->n_leaves,
                          cycle->n_accepted, cycle->n_insufficient, cycle->n_rejected, requests);
  dialog = package_dialog_new (self, &returning, heading, body, unit_code, cycle->received_round,
                               destination);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *
selected_unit_code (ParWindow *self)
{
  return self->session != NULL ? par_unit_session_get_unit (self->session)->code : NULL;
}

/* The unit an action is about: its parameter (a board's row menu), or
 * the selected unit. */
static const char *
action_unit_code (ParWindow *self,
                  GVariant  *parameter)
{
  return parameter != NULL ? g_variant_get_string (parameter, NULL) : selected_unit_code (self);
}

static void
par_window_return_appraisal_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  const char *code = action_unit_code (PAR_WINDOW (widget), parameter);

  if (code != NULL)
    par_window_return_appraisal (PAR_WINDOW (widget), code, NULL);
}

/* What changed between rounds. */

/**
 * par_window_show_rounds:
 * @self: a #ParWindow
 * @unit_code: a unit
 *
 * Shows what changed in the unit's last round, side by side.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWindow *
par_window_show_rounds (ParWindow  *self,
                        const char *unit_code)
{
  g_autoptr(ParUnitCycle) cycle = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  if (self->workspace == NULL)
    return NULL;
  cycle = par_workspace_get_unit_cycle (self->workspace, self->year, unit_code, &error);
  if (cycle == NULL)
    {
      _par_window_show_error (self, _("Could not read the rounds"), error);
      return NULL;
    }
  return GTK_WINDOW (par_rounds_dialog_new (GTK_WINDOW (self), self->workspace, self->year,
                                            cycle->unit_code, cycle->unit_name,
                                            MAX (cycle->received_round, cycle->sent_round)));
}

static void
par_window_show_rounds_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  const char *code = action_unit_code (PAR_WINDOW (widget), parameter);

  if (code != NULL)
    par_window_show_rounds (PAR_WINDOW (widget), code);
}

/* Deadlines: the two stages' closing dates; a unit's extension. */

static char *
short_date (const char *iso_date)
{
  return iso_date != NULL ? par_date_format_short (iso_date) : NULL;
}

/* Whether every date field of @dialog (named in @keys) holds a date or
 * nothing; the first problem goes to the dialog's error label. */
static gboolean
check_dates (AdwMessageDialog   *dialog,
             const char * const *keys)
{
  GtkLabel *error_label = g_object_get_data (G_OBJECT (dialog), "error");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; keys[i] != NULL && error == NULL; i++)
    {
      g_autofree char *text = _par_window_dup_field (dialog, keys[i]);
      g_autofree char *date = NULL;
      GtkWidget *row = g_object_get_data (G_OBJECT (dialog), keys[i]);

      if (par_date_parse_user (text, &date, &error))
        gtk_widget_remove_css_class (row, "error");
      else
        gtk_widget_add_css_class (row, "error");
    }
  gtk_label_set_label (error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (error_label), error != NULL);
  return error == NULL;
}

static GtkWidget *
error_label_new (void)
{
  GtkWidget *label = wrapped_label (NULL, "error");

  gtk_widget_set_visible (label, FALSE);
  return label;
}

static const char * const deadline_keys[] = { "self", "explanation", NULL };

static void
deadlines_changed_cb (AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "save", check_dates (dialog, deadline_keys));
}

static void
deadlines_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       ParWindow        *self)
{
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "year"));

  if (g_strcmp0 (response, "save") != 0 || self->workspace == NULL)
    return;
  for (ParCycleStage stage = PAR_CYCLE_STAGE_SELF; stage <= PAR_CYCLE_STAGE_EXPLANATION; stage++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = _par_window_dup_field (dialog, deadline_keys[stage]);
      g_autofree char *date = NULL;
      g_autofree char *stored = par_workspace_get_deadline (self->workspace, year, stage, &error);

      if (error == NULL && par_date_parse_user (text, &date, &error) &&
          g_strcmp0 (date, stored) != 0)
        par_workspace_set_deadline (self->workspace, year, stage, date, &error);
      if (error != NULL)
        {
          _par_window_show_error (self, _("Could not set the deadline"), error);
          return;
        }
    }
  _par_window_toast (self, _("Deadlines saved"));
}

static void
par_window_deadlines_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  g_autofree char *heading = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = _par_window_boxed_list_new ();
  GtkWidget *error_label = error_label_new ();
  AdwMessageDialog *dialog;
  const char *titles[] = {
    _("Self-assessments close on (DD/MM/YYYY)"),
    _("Explanations close on (DD/MM/YYYY)"),
  };

  if (self->model == NULL)
    return;
  heading = g_strdup_printf (_("Deadlines of %d"), self->year);
  dialog = _par_window_question_new (self, heading,
                                     _("The last day a unit’s package is received at each "
                                       "stage; a later package is refused unless the unit was "
                                       "granted an extension. Leave a date empty for no "
                                       "deadline."),
                                     "save", _("_Save"), box);
  for (ParCycleStage stage = PAR_CYCLE_STAGE_SELF; stage <= PAR_CYCLE_STAGE_EXPLANATION; stage++)
    {
      g_autofree char *stored = par_workspace_get_deadline (self->workspace, self->year, stage,
                                                            NULL);
      g_autofree char *date = short_date (stored);

      _par_window_add_field (dialog, list, deadline_keys[stage], titles[stage], date,
                             G_CALLBACK (deadlines_changed_cb));
    }
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), error_label);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "error", error_label);
  g_object_set_data (G_OBJECT (dialog), "year", GINT_TO_POINTER (self->year));
  g_signal_connect_object (dialog, "response", G_CALLBACK (deadlines_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char * const extension_keys[] = { "date", NULL };

static void
extension_changed_cb (AdwMessageDialog *dialog)
{
  g_autofree char *date = _par_window_dup_field (dialog, "date");
  g_autofree char *reason = _par_window_dup_field (dialog, "reason");

  adw_message_dialog_set_response_enabled (dialog, "grant",
                                           check_dates (dialog, extension_keys) &&
                                           date != NULL && reason != NULL);
}

static void
extension_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       ParWindow        *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = _par_window_dup_field (dialog, "date");
  g_autofree char *reason = _par_window_dup_field (dialog, "reason");
  g_autofree char *date = NULL;
  const char *unit_code = g_object_get_data (G_OBJECT (dialog), "unit-code");
  ParCycleStage stage = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "stage"));
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "year"));
  gboolean grant = g_strcmp0 (response, "grant") == 0;

  if ((!grant && g_strcmp0 (response, "withdraw") != 0) || self->workspace == NULL)
    return;
  if ((grant && !par_date_parse_user (text, &date, &error)) ||
      !par_workspace_set_extension (self->workspace, year, unit_code, stage,
                                    grant ? date : NULL, grant ? reason : NULL, &error))
    {
      _par_window_show_error (self, _("Could not change the extension"), error);
      return;
    }
  _par_window_toast (self, grant ? _("Extension granted") : _("Extension withdrawn"));
}

/* What the extension question says of the unit's current deadline. */
static char *
extension_body (const ParUnitCycle *cycle)
{
  g_autofree char *deadline = short_date (cycle->deadline);

  return g_strdup_printf (cycle->stage == PAR_CYCLE_STAGE_EXPLANATION
                          ? _("The explanations close on %s. The unit’s package is received "
                              "until the date below; the reason is kept in the audit log.")
                          : _("The self-assessments close on %s. The unit’s package is received "
                              "until the date below; the reason is kept in the audit log."),
                          deadline != NULL ? deadline : _("no date yet"));
}

/**
 * par_window_grant_extension:
 * @self: a #ParWindow
 * @unit_code: a unit
 *
 * Asks for a date and a reason to extend the deadline of the unit's
 * current stage (audited), or withdraws its extension.
 */
void
par_window_grant_extension (ParWindow  *self,
                            const char *unit_code)
{
  g_autoptr(ParUnitCycle) cycle = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *extension = NULL;
  GtkWidget *box;
  GtkWidget *list;
  GtkWidget *error_label;
  GtkWidget *dialog;

  g_return_if_fail (PAR_IS_WINDOW (self));
  g_return_if_fail (unit_code != NULL);

  if (self->workspace == NULL)
    return;
  cycle = par_workspace_get_unit_cycle (self->workspace, self->year, unit_code, &error);
  if (cycle == NULL)
    {
      _par_window_show_error (self, _("Could not change the extension"), error);
      return;
    }

  extension = short_date (cycle->extension);
  heading = g_strdup_printf (_("Extend the Deadline of %s?"), cycle->unit_name);
  body = extension_body (cycle);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = _par_window_boxed_list_new ();
  error_label = error_label_new ();
  _par_window_add_field (ADW_MESSAGE_DIALOG (dialog), list, "date",
                         _("Received until (DD/MM/YYYY)"), extension,
                         G_CALLBACK (extension_changed_cb));
  _par_window_add_field (ADW_MESSAGE_DIALOG (dialog), list, "reason", _("Reason"),
                         cycle->extension_reason, G_CALLBACK (extension_changed_cb));
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), error_label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (cycle->extension != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "withdraw",
                                       _("_Withdraw Extension"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "withdraw",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "grant", _("_Grant"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "grant",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "grant");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "error", error_label);
  g_object_set_data_full (G_OBJECT (dialog), "unit-code", g_strdup (unit_code), g_free);
  g_object_set_data (G_OBJECT (dialog), "stage", GINT_TO_POINTER (cycle->stage));
  g_object_set_data (G_OBJECT (dialog), "year", GINT_TO_POINTER (self->year));
  extension_changed_cb (ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (extension_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
par_window_extend_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  par_window_grant_extension (PAR_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* The pages of the year: the selected unit's scores, the board, and the
 * overview of every unit. */

const char *
_par_window_get_page (ParWindow *self)
{
  const char *page = self->main_stack != NULL
                     ? gtk_stack_get_visible_child_name (self->main_stack) : NULL;

  return page != NULL ? page : "scores";
}

void
_par_window_set_page (ParWindow  *self,
                      const char *page)
{
  if (self->main_stack == NULL)
    return;
  _par_window_ensure_year_pages (self);
  if (g_strcmp0 (page, "submissions") != 0 && g_strcmp0 (page, "overview") != 0)
    page = "scores";
  gtk_stack_set_visible_child_name (self->main_stack, page);
  _par_window_update_actions (self);
}

static void
open_unit (ParWindow  *self,
           const char *unit_code)
{
  g_object_set (self, "page", "scores", NULL);
  _par_window_ensure_year_pages (self);
  par_units_pane_select (self->units_pane, unit_code);
}

/* "unit-activated" of the board and of the overview. */
void
_par_window_board_unit_activated_cb (ParWindow  *self,
                                     const char *unit_code)
{
  open_unit (self, unit_code);
}

static void
par_window_open_unit_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  open_unit (PAR_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/**
 * par_window_get_submissions_board:
 *
 * Returns: (transfer none): the board of the cycle between desks
 */
GtkWidget *
par_window_get_submissions_board (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);
  _par_window_ensure_year_pages (self);
  return GTK_WIDGET (self->board);
}

/**
 * par_window_get_overview_page:
 *
 * Returns: (transfer none): the overview of every unit of the year
 */
GtkWidget *
par_window_get_overview_page (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);
  _par_window_ensure_year_pages (self);
  return GTK_WIDGET (self->overview);
}

void
_par_window_cycle_dispose (ParWindow *self)
{
  /* A package being written is abandoned with the window (its temporary
   * file removed); packages being received too (the one in progress rolled
   * back), and their dialog goes. */
  if (self->submit_cancellable != NULL)
    g_cancellable_cancel (self->submit_cancellable);
  if (self->receive_dialog != NULL)
    {
      /* Its batch keeps it until it has stopped, maybe after this window
       * is gone: it must not point at it then. */
      g_signal_handlers_disconnect_by_data (self->receive_dialog, self);
      par_receive_dialog_cancel (PAR_RECEIVE_DIALOG (self->receive_dialog));
      gtk_window_set_transient_for (self->receive_dialog, NULL);
      gtk_window_destroy (self->receive_dialog);
    }
  g_clear_weak_pointer (&self->receive_dialog);
}

void
_par_window_cycle_actions_init (ParWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_child (widget_class, ParWindow, page_box);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, main_stack);

  gtk_widget_class_install_action (widget_class, "unit.send-for-appraisal", NULL,
                                   par_window_send_for_appraisal_action);
  gtk_widget_class_install_action (widget_class, "unit.return-appraisal", NULL,
                                   par_window_return_appraisal_action);
  gtk_widget_class_install_action (widget_class, "unit.show-rounds", NULL,
                                   par_window_show_rounds_action);
  gtk_widget_class_install_action (widget_class, "win.receive-packages", NULL,
                                   par_window_receive_packages_action);
  gtk_widget_class_install_action (widget_class, "win.deadlines", NULL,
                                   par_window_deadlines_action);
  gtk_widget_class_install_action (widget_class, "cycle.open-unit", "s",
                                   par_window_open_unit_action);
  gtk_widget_class_install_action (widget_class, "cycle.return", "s",
                                   par_window_return_appraisal_action);
  gtk_widget_class_install_action (widget_class, "cycle.rounds", "s",
                                   par_window_show_rounds_action);
  gtk_widget_class_install_action (widget_class, "cycle.extend", "s", par_window_extend_action);
  gtk_widget_class_install_property_action (widget_class, "win.page", "page");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "win.page", "s", "scores");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "win.page", "s", "submissions");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK,
                                       "win.page", "s", "overview");
}
