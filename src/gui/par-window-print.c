/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-window-print"

#include "config.h"

#include "par-window-private.h"

#include <glib/gi18n.h>

#include "par-annex-content.h"
#include "par-annex-pages.h"
#include "par-annex-preview.h"
#include "par-annex-print.h"

/* Printing the decision's annexes from the window: the same pages as
 * `parindex-cli export --out FILE.pdf`, through the print dialog (preview,
 * printer, "Print to File"). A published year prints with its decision and
 * the fingerprint in every footer; a year not yet published prints as a
 * draft, "…" where the decision's number and date will go. */

static GtkPrintOperation *
make_operation (ParWindow  *self,
                GError    **error)
{
  ParAnnexDocument *document;

  document = par_annex_document_build_for_year (self->workspace, self->year, NULL, error);
  if (document == NULL)
    return NULL;
  return par_annex_print_operation_new (par_annex_pages_new (document), self->year);
}

/**
 * par_window_print_annexes:
 * @self: a #ParWindow with a year open
 * @export_filename: (nullable): a PDF file to print to without a dialog,
 *   or %NULL for the print dialog
 * @error: return location for a #GError
 *
 * Prints the annexes of the open year: PL I the ranking, PL II the points
 * per field, PL III the classes and a score sheet per unit (as many as
 * the workbook has).
 *
 * Returns: %TRUE unless the annexes could not be made or printed
 */
gboolean
par_window_print_annexes (ParWindow   *self,
                          const char  *export_filename,
                          GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (PAR_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->workspace != NULL && self->year > 0, FALSE);

  if (!(operation = make_operation (self, error)))
    return FALSE;
  if (self->settings != NULL && export_filename == NULL)
    {
      g_autoptr(GVariant) stored = g_settings_get_value (self->settings, "print-settings");

      if (g_variant_n_children (stored) > 0)
        {
          g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new_from_gvariant (stored);

          gtk_print_operation_set_print_settings (operation, settings);
        }
    }

  if (export_filename != NULL)
    {
      gtk_print_operation_set_export_filename (operation, export_filename);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                        GTK_WINDOW (self), error);
    }
  else
    result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                      GTK_WINDOW (self), error);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    return FALSE;
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY && self->settings != NULL &&
      export_filename == NULL)
    g_settings_set_value (self->settings, "print-settings",
                          gtk_print_settings_to_gvariant (
                            gtk_print_operation_get_print_settings (operation)));
  return TRUE;
}

/* The print preview: the pages written to a temporary PDF on a worker,
 * then shown in a ParAnnexPreview. */

typedef struct
{
  ParAnnexPages *pages;
  GFile         *pdf;
  int            year;
} PreviewTask;

static void
preview_task_free (gpointer data)
{
  PreviewTask *preview = data;

  g_clear_pointer (&preview->pages, par_annex_pages_free);
  g_clear_object (&preview->pdf);
  g_free (preview);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewTask *preview = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (preview->pdf);

  if (par_annex_pages_write_pdf (preview->pages, path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ParWindow *self = PAR_WINDOW (object);
  PreviewTask *preview = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  ParAnnexPreview *window;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_file_delete (preview->pdf, NULL, NULL);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;   /* The window was closed. */
      g_clear_object (&self->preview_cancellable);
      _par_window_update_actions (self);
      _par_window_show_error (self, _("Could not prepare the print preview"), error);
      return;
    }

  g_clear_object (&self->preview_cancellable);
  _par_window_update_actions (self);
  subtitle = g_strdup_printf (_("Annexes of the PAR Index %d"), preview->year);
  window = par_annex_preview_new (GTK_WINDOW (self), preview->pdf, subtitle);
  gtk_window_present (GTK_WINDOW (window));
}

/**
 * par_window_preview_annexes:
 * @self: a #ParWindow with a year open
 *
 * Shows the annexes of the open year as they will print, in a preview
 * window of their own, once a worker has laid them out — what
 * `win.preview-annexes` does. An error is shown in a dialog.
 */
void
par_window_preview_annexes (ParWindow *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  ParAnnexDocument *document;
  PreviewTask *preview;
  GFile *pdf = NULL;

  g_return_if_fail (PAR_IS_WINDOW (self));
  g_return_if_fail (self->workspace != NULL && self->year > 0);

  if (self->preview_cancellable != NULL)
    return;
  document = par_annex_document_build_for_year (self->workspace, self->year, NULL, &error);
  if (document != NULL)
    pdf = g_file_new_tmp ("parindex-annexes-XXXXXX.pdf", &stream, &error);
  if (pdf == NULL)
    {
      g_clear_pointer (&document, par_annex_document_free);
      _par_window_show_error (self, _("Could not prepare the print preview"), error);
      return;
    }
  g_io_stream_close (G_IO_STREAM (stream), NULL, NULL);

  preview = g_new0 (PreviewTask, 1);
  preview->pages = par_annex_pages_new (document);
  preview->pdf = pdf;
  preview->year = self->year;
  self->preview_cancellable = g_cancellable_new ();
  _par_window_update_actions (self);

  task = g_task_new (self, self->preview_cancellable, preview_done_cb, NULL);
  g_task_set_source_tag (task, par_window_preview_annexes);
  g_task_set_task_data (task, preview, preview_task_free);
  g_task_run_in_thread (task, preview_thread);
}

/**
 * par_window_get_preparing_preview:
 *
 * Returns: whether a print preview is being made
 */
gboolean
par_window_get_preparing_preview (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), FALSE);

  return self->preview_cancellable != NULL;
}

static void
par_window_preview_annexes_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  if (self->workspace != NULL && self->year > 0)
    par_window_preview_annexes (self);
}

static void
par_window_print_annexes_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->workspace == NULL || self->year <= 0)
    return;
  if (!par_window_print_annexes (self, NULL, &error))
    _par_window_show_error (self, _("Could not print the annexes"), error);
}

void
_par_window_print_actions_init (ParWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.print-annexes", NULL,
                                   par_window_print_annexes_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print-annexes", NULL);
  gtk_widget_class_install_action (widget_class, "win.preview-annexes", NULL,
                                   par_window_preview_annexes_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.preview-annexes", NULL);
}
