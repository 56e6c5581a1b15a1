/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-window-print"

#include "config.h"

#include "par-window-private.h"

#include <glib/gi18n.h>

#include "par-annex-content.h"
#include "par-annex-pages.h"
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
}
