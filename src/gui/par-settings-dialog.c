/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-settings-dialog"

#include "config.h"

#include "par-settings-dialog.h"

#include <glib/gi18n.h>

#include "par-workspace-settings.h"

/**
 * ParSettingsDialog:
 *
 * The workspace's settings, as `parindex-cli settings WORKSPACE --issuer
 * TEXT` shows and changes them and through the same function
 * (par_workspace_set_setting(), which trims, bounds and stores the value
 * in one transaction with its audit record). Today the one setting is the
 * issuing body printed on the annexes until a decision names one; an
 * empty value removes it. A change made meanwhile by another program (the
 * command line, another window) is shown at once unless the clerk has
 * started editing; a refusal is said in the dialog, which stays open.
 * Emits #ParSettingsDialog::saved once the settings are in the workspace.
 */
struct _ParSettingsDialog
{
  AdwWindow     parent_instance;

  /* Template widgets */
  AdwEntryRow  *issuer_row;
  GtkLabel     *error_label;
  GtkWidget    *save_button;

  /* Owned */
  ParWorkspace *workspace;
  char         *stored;     /* the issuing body in the workspace, "" when none */
  char         *error;
};

G_DEFINE_FINAL_TYPE (ParSettingsDialog, par_settings_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (ParSettingsDialog *self,
            const char        *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_save (ParSettingsDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (par_settings_dialog_get_issuer (self)));

  gtk_widget_set_sensitive (self->save_button, g_strcmp0 (text, self->stored) != 0);
}

/* Reads the stored value again; the entry follows it unless edited. */
static void
load (ParSettingsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = par_workspace_get_setting (self->workspace, PAR_SETTING_ISSUER,
                                                      &error);
  gboolean edited = self->stored != NULL &&
                    g_strcmp0 (par_settings_dialog_get_issuer (self), self->stored) != 0;

  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_free (self->stored);
  self->stored = value != NULL ? g_steal_pointer (&value) : g_strdup ("");
  if (!edited)
    gtk_editable_set_text (GTK_EDITABLE (self->issuer_row), self->stored);
  update_save (self);
}

static void
setting_changed_cb (ParSettingsDialog *self,
                    const char        *key)
{
  load (self);
}

static void
changed_cb (ParSettingsDialog *self)
{
  show_error (self, NULL);
  update_save (self);
}

/**
 * par_settings_dialog_get_issuer:
 *
 * Returns: the issuing body as the dialog shows it
 */
const char *
par_settings_dialog_get_issuer (ParSettingsDialog *self)
{
  g_return_val_if_fail (PAR_IS_SETTINGS_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->issuer_row));
}

/**
 * par_settings_dialog_set_issuer:
 *
 * Fills in the issuing body, as typing it would.
 */
void
par_settings_dialog_set_issuer (ParSettingsDialog *self,
                                const char        *issuer)
{
  g_return_if_fail (PAR_IS_SETTINGS_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->issuer_row), issuer);
}

/**
 * par_settings_dialog_save:
 * @self: a #ParSettingsDialog
 *
 * Stores the settings as the dialog shows them, in one transaction; on
 * success emits #ParSettingsDialog::saved and closes, else shows why.
 *
 * Returns: %TRUE when saved
 */
gboolean
par_settings_dialog_save (ParSettingsDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PAR_IS_SETTINGS_DIALOG (self), FALSE);

  if (!par_workspace_set_setting (self->workspace, PAR_SETTING_ISSUER,
                                  par_settings_dialog_get_issuer (self), &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_cb (ParSettingsDialog *self)
{
  if (gtk_widget_get_sensitive (self->save_button))
    par_settings_dialog_save (self);
}

static void
par_settings_dialog_dispose (GObject *object)
{
  ParSettingsDialog *self = (ParSettingsDialog *)object;

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_SETTINGS_DIALOG);

  G_OBJECT_CLASS (par_settings_dialog_parent_class)->dispose (object);
}

static void
par_settings_dialog_finalize (GObject *object)
{
  ParSettingsDialog *self = (ParSettingsDialog *)object;

  g_free (self->stored);
  g_free (self->error);

  G_OBJECT_CLASS (par_settings_dialog_parent_class)->finalize (object);
}

static void
par_settings_dialog_class_init (ParSettingsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_settings_dialog_dispose;
  object_class->finalize = par_settings_dialog_finalize;

  /**
   * ParSettingsDialog::saved:
   * @self: the dialog
   *
   * The settings are in the workspace.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/"
                                               "par-settings-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ParSettingsDialog, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, ParSettingsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ParSettingsDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
par_settings_dialog_init (ParSettingsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * par_settings_dialog_new:
 * @parent: the window
 * @workspace: the workspace, watched (par_workspace_watch()) for changes
 *   made by other programs to show
 *
 * Returns: (transfer none): the dialog, shown; destroyed with @parent or
 *   when closed
 */
ParSettingsDialog *
par_settings_dialog_new (GtkWindow    *parent,
                         ParWorkspace *workspace)
{
  ParSettingsDialog *self;

  g_return_val_if_fail (PAR_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (PAR_TYPE_SETTINGS_DIALOG, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  g_signal_connect_swapped (workspace, "setting-changed::" PAR_SETTING_ISSUER,
                            G_CALLBACK (setting_changed_cb), self);
  load (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * par_settings_dialog_get_error:
 *
 * Returns: (nullable): why the settings were refused
 */
const char *
par_settings_dialog_get_error (ParSettingsDialog *self)
{
  g_return_val_if_fail (PAR_IS_SETTINGS_DIALOG (self), NULL);
  return self->error;
}
