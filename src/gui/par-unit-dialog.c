/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-unit-dialog"

#include "config.h"

#include "par-unit-dialog.h"

#include <glib/gi18n.h>

#include "par-lineage.h"

/**
 * ParUnitDialog:
 *
 * Adds a unit to a year: its code, name and block, and — after a
 * reorganisation — the units of the year before it was formed from and
 * how (merged, renamed, split off). A refusal (a code already in the year,
 * a predecessor that is not a unit, a unit coming from itself) is said in
 * the dialog, which stays open with what was typed. Emits
 * #ParUnitDialog::unit-added once the unit is in the workspace.
 */
struct _ParUnitDialog
{
  AdwWindow      parent_instance;

  /* Template widgets */
  AdwEntryRow   *code_row;
  AdwEntryRow   *name_row;
  AdwComboRow   *block_row;
  GtkStringList *blocks;
  AdwEntryRow   *predecessors_row;
  AdwComboRow   *relation_row;
  GtkLabel      *error_label;
  GtkWidget     *add_button;

  /* Owned */
  ParWorkspace  *workspace;
  int            year;
};

G_DEFINE_FINAL_TYPE (ParUnitDialog, par_unit_dialog, ADW_TYPE_WINDOW)

enum {
  UNIT_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (ParUnitDialog *self,
            const char    *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
changed_cb (ParUnitDialog *self)
{
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->code_row));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  show_error (self, NULL);
  gtk_widget_set_sensitive (self->add_button, code[0] != '\0' && name[0] != '\0');
}

/* The codes as typed, separated by commas (or the CSV's "|"), with the
 * relation chosen: the units CSV's form, read by par_predecessors_parse(). */
static char *
predecessors_text (ParUnitDialog *self)
{
  const char *relation = par_relation_to_string (adw_combo_row_get_selected (self->relation_row));
  g_auto(GStrv) codes = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (self->predecessors_row)),
                                        ",|", -1);
  GString *text = g_string_new (NULL);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      const char *code = g_strstrip (codes[i]);

      if (code[0] != '\0')
        g_string_append_printf (text, "%s%s:%s", text->len > 0 ? "|" : "", relation, code);
    }
  return g_string_free (text, FALSE);
}

/**
 * par_unit_dialog_add:
 * @self: a #ParUnitDialog
 *
 * Adds the unit as the dialog describes it; on success emits
 * #ParUnitDialog::unit-added and closes, else shows why.
 *
 * Returns: %TRUE when the unit was added
 */
gboolean
par_unit_dialog_add (ParUnitDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) predecessors = NULL;
  g_autofree char *lineage = predecessors_text (self);
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));
  guint block = adw_combo_row_get_selected (self->block_row);

  g_return_val_if_fail (PAR_IS_UNIT_DIALOG (self), FALSE);

  if (!(predecessors = par_predecessors_parse (lineage, code, &error)) ||
      !par_workspace_add_unit_full (self->workspace, self->year, code,
                                    gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                    gtk_string_list_get_string (self->blocks, block),
                                    predecessors, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  g_signal_emit (self, signals[UNIT_ADDED], 0, code);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
add_clicked_cb (ParUnitDialog *self)
{
  par_unit_dialog_add (self);
}

static void
par_unit_dialog_dispose (GObject *object)
{
  ParUnitDialog *self = (ParUnitDialog *)object;

  g_clear_object (&self->workspace);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_UNIT_DIALOG);

  G_OBJECT_CLASS (par_unit_dialog_parent_class)->dispose (object);
}

static void
par_unit_dialog_class_init (ParUnitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_unit_dialog_dispose;

  /**
   * ParUnitDialog::unit-added:
   * @self: the dialog
   * @code: the new unit's code
   *
   * Emitted after the unit was added to the workspace.
   */
  signals[UNIT_ADDED] =
    g_signal_new ("unit-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/par-unit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, block_row);
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, blocks);
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, predecessors_row);
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, relation_row);
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
par_unit_dialog_init (ParUnitDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_sensitive (self->add_button, FALSE);
}

/**
 * par_unit_dialog_new:
 * @parent: the main window
 * @workspace: the workspace
 * @year: the year the unit is added to
 * @blocks: (array zero-terminated=1): the year's blocks
 *
 * Returns: (transfer full): the dialog; present it
 */
ParUnitDialog *
par_unit_dialog_new (GtkWindow     *parent,
                     ParWorkspace  *workspace,
                     int            year,
                     const char   **blocks)
{
  ParUnitDialog *self;

  g_return_val_if_fail (PAR_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (PAR_TYPE_UNIT_DIALOG, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  self->year = year;
  gtk_string_list_splice (self->blocks, 0, 0, blocks);
  return self;
}

/**
 * par_unit_dialog_fill:
 * @self: a #ParUnitDialog
 * @code: the code to show
 * @name: the name to show
 * @predecessors: (nullable): the codes of the predecessors, separated by
 *   commas
 *
 * Fills the dialog as a clerk would type it.
 */
void
par_unit_dialog_fill (ParUnitDialog *self,
                      const char    *code,
                      const char    *name,
                      const char    *predecessors)
{
  g_return_if_fail (PAR_IS_UNIT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->code_row), code);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->predecessors_row),
                         predecessors != NULL ? predecessors : "");
}

/**
 * par_unit_dialog_get_error:
 * @self: a #ParUnitDialog
 *
 * Returns: (nullable): the refusal shown, if any
 */
const char *
par_unit_dialog_get_error (ParUnitDialog *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
    ? gtk_label_get_text (self->error_label) : NULL;
}
