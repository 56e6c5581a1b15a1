/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-file-chooser"

#include "config.h"

#include "par-file-chooser.h"

#include <glib/gi18n.h>

/* The native file choosers of the window and its dialogs: made modal
 * over their window, and answered once. */

/**
 * par_file_chooser_new:
 * @parent: (nullable): the window the chooser is modal over
 * @title: the chooser's title
 * @action: open or save
 * @accept_label: the label of the button that accepts
 *
 * Returns: (transfer full): a modal chooser with a Cancel button, not
 *   shown yet; par_file_chooser_take_file() destroys it
 */
GtkFileChooserNative *
par_file_chooser_new (GtkWindow            *parent,
                      const char           *title,
                      GtkFileChooserAction  action,
                      const char           *accept_label)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  return native;
}

/**
 * par_file_chooser_add_criteria_sets:
 * @chooser: a chooser
 *
 * Adds the filter of criteria sets, JSON files.
 */
void
par_file_chooser_add_criteria_sets (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Criteria Sets"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (chooser, filter);
}

/**
 * par_file_chooser_add_with_all_files:
 * @chooser: a chooser
 * @filter: the filter of the files the chooser is for
 *
 * Adds @filter, selected, and a filter of all files after it.
 */
void
par_file_chooser_add_with_all_files (GtkFileChooser *chooser,
                                     GtkFileFilter  *filter)
{
  g_autoptr(GtkFileFilter) all_files = gtk_file_filter_new ();

  gtk_file_filter_set_name (all_files, _("All Files"));
  gtk_file_filter_add_pattern (all_files, "*");
  gtk_file_chooser_add_filter (chooser, filter);
  gtk_file_chooser_add_filter (chooser, all_files);
  gtk_file_chooser_set_filter (chooser, filter);
}

/**
 * par_file_chooser_take_file:
 * @native: a chooser, answered
 * @response: its response
 *
 * Destroys the chooser (and drops the reference par_file_chooser_new()
 * gave) and says which file was chosen.
 *
 * Returns: (transfer full) (nullable): the file, %NULL when none was chosen
 */
GFile *
par_file_chooser_take_file (GtkNativeDialog *native,
                            int              response)
{
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  return file;
}
