/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-block-dialog"

#include "config.h"

#include "par-block-dialog.h"

#include <glib/gi18n.h>

#include "par-criteria-set.h"
#include "par-file-chooser.h"
#include "par-format.h"

/**
 * ParBlockDialog:
 *
 * Adds a block to a year with its criteria set, as `parindex-cli add-year
 * WORKSPACE YEAR --criteria SET.criteria.json --block BLOCK` does and
 * through the same functions (par_criteria_set_new_from_file(),
 * par_workspace_add_year()). The set chosen is read and checked at once
 * and shown (its title, source, fields, sub-criteria and maximum) before
 * anything changes; a file that is not a valid set is said with where and
 * why, and Add is offered only for a name and a valid set. A refusal (a
 * block the year has already, a published year) is said in the dialog,
 * which stays open. Emits #ParBlockDialog::block-added once the block is
 * in the workspace.
 */
struct _ParBlockDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  AdwEntryRow    *name_row;
  AdwActionRow   *set_row;
  GtkWidget      *set_group;
  AdwActionRow   *title_row;
  AdwActionRow   *size_row;
  GtkLabel       *error_label;
  GtkWidget      *add_button;

  /* Owned */
  ParWorkspace   *workspace;
  int             year;
  ParCriteriaSet *set;
  char           *error;
};

G_DEFINE_FINAL_TYPE (ParBlockDialog, par_block_dialog, ADW_TYPE_WINDOW)

enum {
  BLOCK_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (ParBlockDialog *self,
            const char     *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_add (ParBlockDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  gtk_widget_set_sensitive (self->add_button, self->set != NULL && name[0] != '\0');
}

static void
changed_cb (ParBlockDialog *self)
{
  if (self->set != NULL)
    show_error (self, NULL);
  update_add (self);
}

/**
 * par_block_dialog_choose_set:
 * @self: a #ParBlockDialog
 * @file: a criteria set file (FORMATS.md §1)
 *
 * Reads and checks @file and shows the set, or why it is not one.
 *
 * Returns: %TRUE when @file is a valid criteria set
 */
gboolean
par_block_dialog_choose_set (ParBlockDialog *self,
                             GFile          *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  ParCriteriaSet *set;

  g_return_val_if_fail (PAR_IS_BLOCK_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  adw_action_row_set_subtitle (self->set_row, name);
  g_clear_pointer (&self->set, par_criteria_set_unref);
  set = par_criteria_set_new_from_file (file, NULL, &error);
  if (set == NULL)
    {
      gtk_widget_set_visible (self->set_group, FALSE);
      show_error (self, error->message);
      update_add (self);
      return FALSE;
    }

  self->set = set;
  {
    g_autofree char *max = par_format_points (par_criteria_set_get_max (set));
    g_autofree char *fields = g_strdup_printf (ngettext ("%u field", "%u fields", set->fields->len),
                                               set->fields->len);
    g_autofree char *leaves = g_strdup_printf (ngettext ("%u sub-criterion", "%u sub-criteria",
                                                         set->leaves->len), set->leaves->len);
    g_autofree char *size = NULL;

    /* TRANSLATORS: “8 fields, 41 sub-criteria”, then the set's maximum */
    size = g_strdup_printf (_("%s, %s"), fields, leaves);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), set->title);
    adw_action_row_set_subtitle (self->title_row, set->source != NULL ? set->source : "");
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->size_row), size);
    {
      g_autofree char *points = g_strdup_printf (_("%s points at most"), max);

      adw_action_row_set_subtitle (self->size_row, points);
    }
  }
  gtk_widget_set_visible (self->set_group, TRUE);
  show_error (self, NULL);
  update_add (self);
  return TRUE;
}

/**
 * par_block_dialog_set_name:
 *
 * Fills in the block's name.
 */
void
par_block_dialog_set_name (ParBlockDialog *self,
                           const char     *name)
{
  g_return_if_fail (PAR_IS_BLOCK_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
}

/**
 * par_block_dialog_add:
 * @self: a #ParBlockDialog
 *
 * Adds the block as the dialog describes it, in one transaction; on
 * success emits #ParBlockDialog::block-added and closes, else shows why.
 *
 * Returns: %TRUE when the block was added
 */
gboolean
par_block_dialog_add (ParBlockDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PAR_IS_BLOCK_DIALOG (self), FALSE);

  if (self->set == NULL)
    return FALSE;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (!par_workspace_add_year (self->workspace, self->year, name, self->set, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  g_signal_emit (self, signals[BLOCK_ADDED], 0, name);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
add_clicked_cb (ParBlockDialog *self)
{
  par_block_dialog_add (self);
}

static void
chosen_cb (GtkNativeDialog *native,
           int              response,
           gpointer         user_data)
{
  ParBlockDialog *self = user_data;
  g_autoptr(GFile) file = par_file_chooser_take_file (native, response);

  if (file != NULL)
    par_block_dialog_choose_set (self, file);
}

static void
choose_clicked_cb (ParBlockDialog *self)
{
  GtkFileChooserNative *native;

  native = par_file_chooser_new (GTK_WINDOW (self), _("Choose a Criteria Set"),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"));
  par_file_chooser_add_criteria_sets (GTK_FILE_CHOOSER (native));
  g_signal_connect_object (native, "response", G_CALLBACK (chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
par_block_dialog_dispose (GObject *object)
{
  ParBlockDialog *self = (ParBlockDialog *)object;

  g_clear_object (&self->workspace);
  g_clear_pointer (&self->set, par_criteria_set_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_BLOCK_DIALOG);

  G_OBJECT_CLASS (par_block_dialog_parent_class)->dispose (object);
}

static void
par_block_dialog_finalize (GObject *object)
{
  ParBlockDialog *self = (ParBlockDialog *)object;

  g_free (self->error);

  G_OBJECT_CLASS (par_block_dialog_parent_class)->finalize (object);
}

static void
par_block_dialog_class_init (ParBlockDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_block_dialog_dispose;
  object_class->finalize = par_block_dialog_finalize;

  /**
   * ParBlockDialog::block-added:
   * @self: the dialog
   * @name: the new block's name
   *
   * The block is in the workspace.
   */
  signals[BLOCK_ADDED] = g_signal_new ("block-added", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/"
                                               "par-block-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ParBlockDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ParBlockDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, ParBlockDialog, set_row);
  gtk_widget_class_bind_template_child (widget_class, ParBlockDialog, set_group);
  gtk_widget_class_bind_template_child (widget_class, ParBlockDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, ParBlockDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, ParBlockDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ParBlockDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
par_block_dialog_init (ParBlockDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * par_block_dialog_new:
 * @parent: the window
 * @workspace: the workspace
 * @year: the year the block is added to
 *
 * Returns: (transfer none): the dialog, shown; destroyed with @parent or
 *   when closed
 */
ParBlockDialog *
par_block_dialog_new (GtkWindow    *parent,
                      ParWorkspace *workspace,
                      int           year)
{
  ParBlockDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (PAR_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (PAR_TYPE_BLOCK_DIALOG, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  self->year = year;
  title = g_strdup_printf (_("Add a Block to %d"), year);
  adw_window_title_set_title (self->window_title, title);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * par_block_dialog_get_error:
 *
 * Returns: (nullable): why the set chosen or the block was refused
 */
const char *
par_block_dialog_get_error (ParBlockDialog *self)
{
  g_return_val_if_fail (PAR_IS_BLOCK_DIALOG (self), NULL);
  return self->error;
}
