/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-revision-dialog"

#include "config.h"

#include "par-revision-dialog.h"

#include <glib/gi18n.h>

#include "par-decimal.h"
#include "par-file-chooser.h"

/**
 * ParRevisionDialog:
 *
 * Replaces a block's criteria set by a new version within its year (a set
 * re-issued two months later). Choosing the file shows, before anything
 * changes, what par_workspace_plan_set_revision() says: the sub-criteria
 * added, removed and changed (title, maximum, rule), and per unit the
 * entries the new rules re-evaluate (points old → new) or drop. Replace
 * does exactly that in one transaction; a published year is refused.
 */
struct _ParRevisionDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwComboRow     *block_row;
  GtkStringList   *blocks;
  AdwActionRow    *file_row;
  GtkLabel        *error_label;
  GtkLabel        *summary_label;
  GtkWidget       *leaves_group;
  GtkListBox      *leaves_list;
  GtkWidget       *entries_group;
  GtkListBox      *entries_list;
  GtkWidget       *replace_button;

  /* Owned */
  ParWorkspace    *workspace;
  ParCriteriaSet  *set;
  ParSetRevision  *plan;
  int              year;
};

G_DEFINE_FINAL_TYPE (ParRevisionDialog, par_revision_dialog, ADW_TYPE_WINDOW)

enum {
  REVISED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (ParRevisionDialog *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle,
          const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (icon_name != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  return row;
}

static void
show_leaves (ParRevisionDialog *self,
             char               separator)
{
  for (guint i = 0; i < self->plan->leaves->len; i++)
    {
      const ParLeafChange *change = g_ptr_array_index (self->plan->leaves, i);
      const ParCriterion *leaf = change->new_leaf != NULL ? change->new_leaf : change->old_leaf;
      g_autofree char *title = g_strdup_printf ("%s %s", leaf->code, leaf->title);
      g_autofree char *what = par_leaf_change_describe (change, separator);
      const char *icon = change->kind == PAR_LEAF_ADDED ? "list-add-symbolic"
                       : change->kind == PAR_LEAF_REMOVED ? "list-remove-symbolic"
                       : "document-edit-symbolic";

      gtk_list_box_append (self->leaves_list, text_row (title, what, icon));
    }
  if (self->plan->leaves->len == 0)
    gtk_list_box_append (self->leaves_list,
                         text_row (_("No sub-criterion changes"),
                                   _("Titles, maxima and rules are the same; only the set’s "
                                     "other texts differ."), NULL));
}

static void
show_entries (ParRevisionDialog *self,
              char               separator)
{
  GtkWidget *unit_row = NULL;
  const char *unit = NULL;

  for (guint i = 0; i < self->plan->entries->len; i++)
    {
      const ParEntryRevision *entry = g_ptr_array_index (self->plan->entries, i);
      g_autofree char *what = par_entry_revision_describe (entry, separator);

      if (g_strcmp0 (unit, entry->unit_code) != 0)
        {
          unit = entry->unit_code;
          unit_row = adw_expander_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (unit_row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (unit_row), entry->unit_name);
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (unit_row), entry->unit_code);
          gtk_list_box_append (self->entries_list, unit_row);
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (unit_row),
                                text_row (what, NULL,
                                          entry->fate == PAR_ENTRY_REEVALUATED
                                          ? "view-refresh-symbolic" : "edit-delete-symbolic"));
    }
  /* With few units, each is open at once. */
  if (self->plan->entries->len <= 20)
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->entries_list));
         row != NULL; row = gtk_widget_get_next_sibling (row))
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
}

/* The plan for the block chosen and the set read, or why there is none. */
static void
update_plan (ParRevisionDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  char separator = par_locale_decimal_separator ();
  guint block = adw_combo_row_get_selected (self->block_row);

  g_clear_pointer (&self->plan, par_set_revision_free);
  clear_list (self->leaves_list);
  clear_list (self->entries_list);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
  gtk_widget_set_visible (self->leaves_group, FALSE);
  gtk_widget_set_visible (self->entries_group, FALSE);
  gtk_widget_set_sensitive (self->replace_button, FALSE);
  show_error (self, NULL);
  if (self->set == NULL || block == GTK_INVALID_LIST_POSITION)
    return;

  self->plan = par_workspace_plan_set_revision (self->workspace, self->year,
                                                gtk_string_list_get_string (self->blocks, block),
                                                self->set, &error);
  if (self->plan == NULL)
    {
      show_error (self, error->message);
      return;
    }

  summary = g_strdup_printf (_("“%s” replaces “%s” for the %u units of this block. Of the scores "
                               "already entered, %u are kept as they are, %u are re-evaluated by "
                               "the new rules and %u are dropped; with the removed sub-criteria "
                               "go their explanations (%u), evidence links (%u) and verdicts "
                               "(%u). Every change goes into the audit log."),
                             self->plan->new_set->title, self->plan->old_set->title,
                             self->plan->n_units, self->plan->n_kept, self->plan->n_reevaluated,
                             self->plan->n_dropped, self->plan->n_explanations,
                             self->plan->n_links, self->plan->n_reviews);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);
  show_leaves (self, separator);
  show_entries (self, separator);
  gtk_widget_set_visible (self->leaves_group, TRUE);
  gtk_widget_set_visible (self->entries_group, self->plan->entries->len > 0);
  gtk_widget_set_sensitive (self->replace_button, TRUE);
}

static void
block_changed_cb (ParRevisionDialog *self)
{
  update_plan (self);
}

/**
 * par_revision_dialog_set_file:
 * @self: a #ParRevisionDialog
 * @file: the new version of the criteria set
 *
 * Reads the set and shows what replacing the chosen block's set by it
 * would do, or why it cannot.
 */
void
par_revision_dialog_set_file (ParRevisionDialog *self,
                              GFile             *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);

  g_return_if_fail (PAR_IS_REVISION_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_clear_pointer (&self->set, par_criteria_set_unref);
  self->set = par_criteria_set_new_from_file (file, NULL, &error);
  if (self->set == NULL)
    {
      update_plan (self);
      adw_action_row_set_subtitle (self->file_row, name);
      show_error (self, error->message);
      return;
    }
  {
    g_autofree char *subtitle = g_strdup_printf ("%s — %s", self->set->title, name);

    adw_action_row_set_subtitle (self->file_row, subtitle);
  }
  update_plan (self);
}

static void
file_chosen_cb (ParRevisionDialog    *self,
                int                   response,
                GtkFileChooserNative *native)
{
  g_autoptr(GFile) file = par_file_chooser_take_file (GTK_NATIVE_DIALOG (native), response);

  if (file != NULL)
    par_revision_dialog_set_file (self, file);
}

static void
choose_clicked_cb (ParRevisionDialog *self)
{
  GtkFileChooserNative *native;

  native = par_file_chooser_new (GTK_WINDOW (self),
                                 _("Choose the New Version of the Criteria Set"),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"));
  par_file_chooser_add_criteria_sets (GTK_FILE_CHOOSER (native));
  g_signal_connect_object (native, "response", G_CALLBACK (file_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/**
 * par_revision_dialog_apply:
 * @self: a #ParRevisionDialog showing a plan
 *
 * Replaces the set as shown; on success emits
 * #ParRevisionDialog::revised and closes, else says why.
 *
 * Returns: %TRUE when the set was replaced
 */
gboolean
par_revision_dialog_apply (ParRevisionDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParSetRevision) done = NULL;

  g_return_val_if_fail (PAR_IS_REVISION_DIALOG (self), FALSE);
  g_return_val_if_fail (self->plan != NULL, FALSE);

  if (!par_workspace_revise_set (self->workspace, self->year, self->plan->block, self->set,
                                 &done, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  g_signal_emit (self, signals[REVISED], 0, done->block, done->new_set->title);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
replace_clicked_cb (ParRevisionDialog *self)
{
  par_revision_dialog_apply (self);
}

static void
par_revision_dialog_dispose (GObject *object)
{
  ParRevisionDialog *self = (ParRevisionDialog *)object;

  g_clear_object (&self->workspace);
  g_clear_pointer (&self->set, par_criteria_set_unref);
  g_clear_pointer (&self->plan, par_set_revision_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_REVISION_DIALOG);

  G_OBJECT_CLASS (par_revision_dialog_parent_class)->dispose (object);
}

static void
par_revision_dialog_class_init (ParRevisionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_revision_dialog_dispose;

  /**
   * ParRevisionDialog::revised:
   * @self: the dialog
   * @block: the block whose set was replaced
   * @title: the new set's title
   *
   * Emitted after the set was replaced.
   */
  signals[REVISED] =
    g_signal_new ("revised", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/par-revision-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ParRevisionDialog, block_row);
  gtk_widget_class_bind_template_child (widget_class, ParRevisionDialog, blocks);
  gtk_widget_class_bind_template_child (widget_class, ParRevisionDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, ParRevisionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ParRevisionDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ParRevisionDialog, leaves_group);
  gtk_widget_class_bind_template_child (widget_class, ParRevisionDialog, leaves_list);
  gtk_widget_class_bind_template_child (widget_class, ParRevisionDialog, entries_group);
  gtk_widget_class_bind_template_child (widget_class, ParRevisionDialog, entries_list);
  gtk_widget_class_bind_template_child (widget_class, ParRevisionDialog, replace_button);
  gtk_widget_class_bind_template_callback (widget_class, block_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, replace_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
par_revision_dialog_init (ParRevisionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * par_revision_dialog_new:
 * @parent: the main window
 * @workspace: the workspace
 * @year: the year
 * @blocks: (array zero-terminated=1): the year's blocks
 *
 * Returns: (transfer full): the dialog; present it
 */
ParRevisionDialog *
par_revision_dialog_new (GtkWindow     *parent,
                         ParWorkspace  *workspace,
                         int            year,
                         const char   **blocks)
{
  ParRevisionDialog *self;

  g_return_val_if_fail (PAR_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (PAR_TYPE_REVISION_DIALOG, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  self->year = year;
  gtk_string_list_splice (self->blocks, 0, 0, blocks);
  gtk_widget_set_visible (GTK_WIDGET (self->block_row), g_strv_length ((GStrv) blocks) > 1);
  return self;
}

/**
 * par_revision_dialog_get_plan:
 * @self: a #ParRevisionDialog
 *
 * Returns: (transfer none) (nullable): the plan shown
 */
ParSetRevision *
par_revision_dialog_get_plan (ParRevisionDialog *self)
{
  g_return_val_if_fail (PAR_IS_REVISION_DIALOG (self), NULL);

  return self->plan;
}

/**
 * par_revision_dialog_get_error:
 * @self: a #ParRevisionDialog
 *
 * Returns: (nullable): the refusal shown, if any
 */
const char *
par_revision_dialog_get_error (ParRevisionDialog *self)
{
  g_return_val_if_fail (PAR_IS_REVISION_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
    ? gtk_label_get_text (self->error_label) : NULL;
}
