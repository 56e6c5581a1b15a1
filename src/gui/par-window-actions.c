/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-window-actions"

#include "config.h"

#include "par-window-private.h"

#include <glib/gi18n.h>

static void
par_window_open_response_cb (ParWindow            *self,
                             int                   response,
                             GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = NULL;

  g_assert (PAR_IS_WINDOW (self));
  g_assert (GTK_IS_FILE_CHOOSER_NATIVE (native));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  g_object_unref (native);

  if (file == NULL)
    return;

  /* A window still on its welcome page takes the workspace; any other workspace gets a
   * window of its own, like a file opened from the file manager.
   */
  if (self->file == NULL)
    par_window_open_file (self, file);
  else
    g_application_open (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                        &file, 1, "");
}

static void
par_window_open_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ParWindow *self = (ParWindow *)widget;
  g_autoptr(GtkFileFilter) workspaces = NULL;
  g_autoptr(GtkFileFilter) all_files = NULL;
  GtkFileChooserNative *native;

  g_assert (PAR_IS_WINDOW (self));

  workspaces = gtk_file_filter_new ();
  gtk_file_filter_set_name (workspaces, _("ParIndex Workspaces"));
  gtk_file_filter_add_mime_type (workspaces, "application/x-parindex-workspace");
  /* The MIME type is only known once the program is installed. */
  gtk_file_filter_add_pattern (workspaces, "*.parindex");

  all_files = gtk_file_filter_new ();
  gtk_file_filter_set_name (all_files, _("All Files"));
  gtk_file_filter_add_pattern (all_files, "*");

  native = gtk_file_chooser_native_new (_("Open Workspace"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), workspaces);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all_files);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), workspaces);

  g_signal_connect_object (native,
                           "response",
                           G_CALLBACK (par_window_open_response_cb),
                           self,
                           G_CONNECT_SWAPPED);

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
_par_window_class_actions_init (ParWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, par_window_open_action);
}
