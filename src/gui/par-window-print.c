/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-window-print"

#include "config.h"

#include "par-window-private.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "par-workspace-export.h"
#include "par-annex-preview.h"
#include "par-annex-print.h"
#include "par-file-chooser.h"
#include "par-pdf-document.h"

/*
 * The decision's annexes from the window: exported as a workbook, printed
 * through the print dialog (preview, printer, "Print to File"), or shown
 * in the print preview. Every way starts the same: the core writes the
 * annexes on a worker with a connection of its own
 * (par_workspace_export_annexes_async()) — every unit's score sheet, made
 * one at a time, so that a national year's 3,321 take flat memory — while
 * a banner shows how far it is and can cancel it. Printing and the preview
 * then show that PDF (par-pdf-document.c). A published year prints with its
 * decision and the fingerprint in every footer; a year not yet published
 * as a draft, "…" where the decision's number and date will go.
 */

typedef enum
{
  WORK_EXPORT,
  WORK_PRINT,
  WORK_PREVIEW,
} WorkKind;

typedef struct
{
  ParWindow *window;
  WorkKind   kind;
  GFile     *file;             /* what is written */
  char      *export_filename;  /* printing: a PDF to print to without a dialog */
  int        year;
} Work;

static void
work_free (Work *work)
{
  /* The window's last reference, if it was closed meanwhile, goes here on
   * the main thread. */
  g_clear_object (&work->window);
  g_clear_object (&work->file);
  g_free (work->export_filename);
  g_free (work);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Work, work_free)

static void
set_working (ParWindow    *self,
             GCancellable *cancellable,
             const char   *what)
{
  g_set_object (&self->work_cancellable, cancellable);
  if (what != NULL)
    gtk_label_set_label (self->work_label, what);
  gtk_progress_bar_set_fraction (self->work_progress, 0);
  gtk_progress_bar_set_text (self->work_progress, NULL);
  gtk_revealer_set_reveal_child (self->work_banner, cancellable != NULL);
  _par_window_update_actions (self);
}

static void
work_progress_cb (double      fraction,
                  const char *text,
                  gpointer    user_data)
{
  g_autoptr(ParWindow) self = g_weak_ref_get (user_data);

  if (self == NULL || self->work_cancellable == NULL)
    return;
  gtk_progress_bar_set_fraction (self->work_progress, fraction);
  gtk_progress_bar_set_text (self->work_progress, text);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
exported (ParWindow *self,
          Work      *work)
{
  g_autofree char *basename = g_file_get_basename (work->file);
  g_autofree char *name = g_filename_display_name (basename);
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *title = g_strdup_printf (_("Annexes saved as “%s”"), escaped);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "uri", g_file_get_uri (work->file), g_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (_par_window_open_toast_uri), NULL);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The written PDF through GtkPrintOperation, then gone. */
static void
print_written (ParWindow *self,
               Work      *work)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(ParPdfDocument) pdf = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (!(pdf = par_pdf_document_new_from_file (work->file, NULL, &error)))
    {
      _par_window_show_error (self, _("Could not print the annexes"), error);
      return;
    }
  operation = par_annex_print_operation_new (pdf, work->year);
  if (self->settings != NULL && work->export_filename == NULL)
    {
      g_autoptr(GVariant) stored = g_settings_get_value (self->settings, "print-settings");

      if (g_variant_n_children (stored) > 0)
        {
          g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new_from_gvariant (stored);

          gtk_print_operation_set_print_settings (operation, settings);
        }
    }

  if (work->export_filename != NULL)
    {
      gtk_print_operation_set_export_filename (operation, work->export_filename);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                        GTK_WINDOW (self), &error);
    }
  else
    result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                      GTK_WINDOW (self), &error);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    _par_window_show_error (self, _("Could not print the annexes"), error);
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY && self->settings != NULL &&
           work->export_filename == NULL)
    g_settings_set_value (self->settings, "print-settings",
                          gtk_print_settings_to_gvariant (
                            gtk_print_operation_get_print_settings (operation)));
}

static void
work_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Work) work = user_data;
  ParWindow *self = work->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  ParAnnexPreview *preview;
  gboolean ok = par_workspace_export_annexes_finish (PAR_WORKSPACE (object), result, &error);

  /* The window was closed meanwhile: nothing to show. */
  if (self->work_cancellable == NULL)
    {
      if (work->kind != WORK_EXPORT)
        g_file_delete (work->file, NULL, NULL);
      return;
    }
  if (!ok)
    {
      if (work->kind != WORK_EXPORT)
        g_file_delete (work->file, NULL, NULL);
      set_working (self, NULL, NULL);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          _par_window_toast (self, _("Cancelled: nothing was written"));
          return;
        }
      _par_window_show_error (self, work->kind == WORK_EXPORT ? _("Could not export the annexes")
                                    : work->kind == WORK_PRINT ? _("Could not print the annexes")
                                    : _("Could not prepare the print preview"), error);
      return;
    }

  set_working (self, NULL, NULL);
  switch (work->kind)
    {
    case WORK_EXPORT:
      exported (self, work);
      break;

    case WORK_PRINT:
      print_written (self, work);
      g_file_delete (work->file, NULL, NULL);
      break;

    case WORK_PREVIEW:
    default:
      /* The preview window deletes the temporary PDF when it closes. */
      subtitle = g_strdup_printf (_("Annexes of the PAR Index %d"), work->year);
      preview = par_annex_preview_new (GTK_WINDOW (self), work->file, subtitle);
      gtk_window_present (GTK_WINDOW (preview));
      break;
    }
}

/* A temporary PDF for printing or the preview. */
static GFile *
temporary_pdf (GError **error)
{
  g_autoptr(GFileIOStream) stream = NULL;
  GFile *file = g_file_new_tmp ("parindex-annexes-XXXXXX.pdf", &stream, error);

  if (file != NULL)
    g_io_stream_close (G_IO_STREAM (stream), NULL, NULL);
  return file;
}

static void
start_work (ParWindow  *self,
            Work       *work,
            const char *what)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_file_get_path (work->file);
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  work->window = g_object_ref (self);
  work->year = self->year;
  g_weak_ref_init (weak, self);
  set_working (self, cancellable, what);
  par_workspace_export_annexes_async (self->workspace, self->year, path, work_progress_cb, weak,
                                      weak_ref_free, cancellable, work_done_cb, work);
}

/**
 * par_window_export_annexes:
 * @self: a #ParWindow
 * @file: the workbook to write (`.xlsx`), a local file
 *
 * Writes the annexes of the shown year to @file on a worker — what
 * `win.export-annexes` does once the file is chosen — with the year's
 * stored decision and, while it is published, its fingerprint, and every
 * unit's score sheet. A banner shows the progress and can cancel it; a
 * toast says when it is written; an error is shown in a dialog.
 */
void
par_window_export_annexes (ParWindow *self,
                           GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Work *work;

  g_return_if_fail (PAR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->workspace != NULL && self->model != NULL);

  if (self->work_cancellable != NULL)
    return;
  if (!(path = g_file_get_path (file)))
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The annexes can only be saved to a local folder"));
      _par_window_show_error (self, _("Could not export the annexes"), error);
      return;
    }
  work = g_new0 (Work, 1);
  work->kind = WORK_EXPORT;
  work->file = g_object_ref (file);
  start_work (self, work, _("Writing the annexes…"));
}

/* The annexes written to a temporary PDF, to print or preview. */
static void
start_pdf_work (ParWindow  *self,
                WorkKind    kind,
                const char *export_filename,
                const char *error_what,
                const char *progress_text)
{
  g_autoptr(GError) error = NULL;
  Work *work;

  if (self->work_cancellable != NULL)
    return;
  work = g_new0 (Work, 1);
  work->kind = kind;
  work->export_filename = g_strdup (export_filename);
  if (!(work->file = temporary_pdf (&error)))
    {
      work_free (work);
      _par_window_show_error (self, error_what, error);
      return;
    }
  start_work (self, work, progress_text);
}

/**
 * par_window_print_annexes:
 * @self: a #ParWindow with a year open
 * @export_filename: (nullable): a PDF file to print to without a dialog,
 *   or %NULL for the print dialog
 *
 * Prints the annexes of the open year: PL I the ranking, PL II the points
 * per field, PL III the classes, PL IV a score sheet per unit. The pages
 * are written first, on a worker, with the progress in a banner; the print
 * dialog (or the export to @export_filename) follows.
 */
void
par_window_print_annexes (ParWindow  *self,
                          const char *export_filename)
{
  g_return_if_fail (PAR_IS_WINDOW (self));
  g_return_if_fail (self->workspace != NULL && self->year > 0);

  start_pdf_work (self, WORK_PRINT, export_filename, _("Could not print the annexes"),
                  _("Preparing the pages to print…"));
}

/**
 * par_window_preview_annexes:
 * @self: a #ParWindow with a year open
 *
 * Writes the annexes to a temporary PDF on a worker, then shows it in a
 * window of its own (par-annex-preview.c), which deletes it when it
 * closes.
 */
void
par_window_preview_annexes (ParWindow *self)
{
  g_return_if_fail (PAR_IS_WINDOW (self));
  g_return_if_fail (self->workspace != NULL && self->year > 0);

  start_pdf_work (self, WORK_PREVIEW, NULL, _("Could not prepare the print preview"),
                  _("Preparing the print preview…"));
}

/**
 * par_window_get_working:
 * @self: a #ParWindow
 *
 * Returns: whether the annexes are being written (to export, print or
 *   preview them)
 */
gboolean
par_window_get_working (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), FALSE);

  return self->work_cancellable != NULL;
}

/**
 * par_window_get_work_banner:
 * @self: a #ParWindow
 *
 * Returns: (transfer none): the banner showing the annexes being written
 *   (a #GtkRevealer)
 */
GtkWidget *
par_window_get_work_banner (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->work_banner);
}

/**
 * par_window_cancel_work:
 * @self: a #ParWindow
 *
 * Stops the annexes being written; nothing is left of them.
 */
void
par_window_cancel_work (ParWindow *self)
{
  g_return_if_fail (PAR_IS_WINDOW (self));

  if (self->work_cancellable != NULL)
    g_cancellable_cancel (self->work_cancellable);
}

static void
export_response_cb (ParWindow            *self,
                    int                   response,
                    GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = _par_window_take_saved_file (GTK_NATIVE_DIALOG (native), response,
                                                       ".xlsx");

  if (file != NULL && self->model != NULL)
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

  if (self->model == NULL)
    return;

  native = par_file_chooser_new (GTK_WINDOW (self), _("Export the Annexes"),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
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

/* win.print-annexes and win.preview-annexes */
static void
par_window_print_annexes_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  if (self->workspace == NULL || self->year <= 0)
    return;
  if (g_str_equal (action_name, "win.preview-annexes"))
    par_window_preview_annexes (self);
  else
    par_window_print_annexes (self, NULL);
}

static void
par_window_cancel_work_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  par_window_cancel_work (PAR_WINDOW (widget));
}

void
_par_window_print_actions_init (ParWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_child (widget_class, ParWindow, work_banner);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, work_label);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, work_progress);

  gtk_widget_class_install_action (widget_class, "win.export-annexes", NULL,
                                   par_window_export_annexes_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-annexes", NULL);
  gtk_widget_class_install_action (widget_class, "win.print-annexes", NULL,
                                   par_window_print_annexes_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print-annexes", NULL);
  gtk_widget_class_install_action (widget_class, "win.preview-annexes", NULL,
                                   par_window_print_annexes_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.preview-annexes", NULL);
  gtk_widget_class_install_action (widget_class, "win.cancel-work", NULL,
                                   par_window_cancel_work_action);
}
