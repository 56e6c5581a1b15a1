/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-rounds-dialog"

#include "config.h"

#include "par-rounds-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "par-cycle.h"
#include "par-format.h"

/**
 * ParRoundsDialog:
 *
 * What changed in a round of the cycle between desks, side by side: what
 * the unit changed since its previous submission (values, notes,
 * explanations, documents added or removed) and what the office changed
 * since its previous return (values, verdicts, comments, requests,
 * verdicts on documents), by sub-criterion — par_workspace_compare_rounds().
 */
struct _ParRoundsDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkDropDown    *round_dropdown;
  GtkStack       *stack;
  GtkGrid        *grid;
  AdwStatusPage  *empty_page;

  /* Owned */
  ParWorkspace   *workspace;
  char           *unit_code;
  GString        *text[2];      /* per ParRoundSide: the lines shown */
  int             year;
};

G_DEFINE_FINAL_TYPE (ParRoundsDialog, par_rounds_dialog, ADW_TYPE_WINDOW)

static void
par_rounds_dialog_dispose (GObject *object)
{
  ParRoundsDialog *self = (ParRoundsDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_ROUNDS_DIALOG);

  G_OBJECT_CLASS (par_rounds_dialog_parent_class)->dispose (object);
}

static void
par_rounds_dialog_finalize (GObject *object)
{
  ParRoundsDialog *self = (ParRoundsDialog *)object;

  g_clear_object (&self->workspace);
  g_free (self->unit_code);
  for (guint i = 0; i < G_N_ELEMENTS (self->text); i++)
    g_string_free (self->text[i], TRUE);

  G_OBJECT_CLASS (par_rounds_dialog_parent_class)->finalize (object);
}

/* A verdict's name in a change ("insufficient", or for a document
 * "insufficient: its comment") in the user's language. */
static char *
translate_verdict (const char *text)
{
  const char *colon = strstr (text, ": ");
  g_autofree char *name = colon != NULL ? g_strndup (text, colon - text) : g_strdup (text);
  ParVerdict verdict;

  if (name[0] == '\0' && colon != NULL)
    return g_strdup (colon + 2);
  if (!par_verdict_from_string (name, &verdict))
    return g_strdup (text);
  return colon != NULL ? g_strdup_printf ("%s: %s", par_verdict_get_label (verdict), colon + 2)
                       : g_strdup (par_verdict_get_label (verdict));
}

static char *
format_side (const ParRoundChange *change,
             const char           *text)
{
  if (text == NULL)
    return g_strdup ("—");
  switch (change->kind)
    {
    case PAR_ROUND_CHANGE_VALUE:
      return par_format_value (change->leaf, text);
    case PAR_ROUND_CHANGE_VERDICT:
    case PAR_ROUND_CHANGE_DOCUMENT_VERDICT:
      return translate_verdict (text);
    case PAR_ROUND_CHANGE_NOTE:
    case PAR_ROUND_CHANGE_EXPLANATION:
    case PAR_ROUND_CHANGE_EVIDENCE_ADDED:
    case PAR_ROUND_CHANGE_EVIDENCE_REMOVED:
    case PAR_ROUND_CHANGE_COMMENT:
    case PAR_ROUND_CHANGE_REQUEST:
    default:
      return g_strdup (text[0] != '\0' ? text : "—");
    }
}

/* "value: 9,5 → 9", "document added: Kế hoạch CCHC". */
static char *
format_change (const ParRoundChange *change)
{
  const char *label = par_round_change_kind_get_label (change->kind);
  g_autofree char *old_text = format_side (change, change->old_text);
  g_autofree char *new_text = format_side (change, change->new_text);

  if (change->kind == PAR_ROUND_CHANGE_EVIDENCE_ADDED)
    return g_strdup_printf ("%s: %s", label, new_text);
  if (change->kind == PAR_ROUND_CHANGE_EVIDENCE_REMOVED)
    return g_strdup_printf ("%s: %s", label, old_text);
  return g_strdup_printf ("%s: %s → %s", label, old_text, new_text);
}

static GtkWidget *
cell_label (const char *text,
            const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static void
clear_grid (ParRoundsDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  for (guint i = 0; i < G_N_ELEMENTS (self->text); i++)
    g_string_truncate (self->text[i], 0);
}

static void
show_round (ParRoundsDialog *self,
            int              round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  const ParCriterion *leaf = NULL;
  GtkWidget *sides[2] = { NULL, NULL };
  int row = 0;

  clear_grid (self);
  changes = par_workspace_compare_rounds (self->workspace, self->year, self->unit_code, round,
                                          &error);
  if (changes == NULL || changes->len == 0)
    {
      adw_status_page_set_description (self->empty_page, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  gtk_grid_attach (self->grid, cell_label (_("Sub-criterion"), "heading"), 0, row, 1, 1);
  gtk_grid_attach (self->grid, cell_label (_("What the unit changed"), "heading"), 1, row, 1, 1);
  gtk_grid_attach (self->grid, cell_label (_("What the office changed"), "heading"), 2, row, 1, 1);
  for (guint i = 0; i < changes->len; i++)
    {
      const ParRoundChange *change = g_ptr_array_index (changes, i);
      g_autofree char *line = format_change (change);

      if (change->leaf != leaf)
        {
          g_autofree char *title = g_strdup_printf ("%s %s", change->leaf->code,
                                                    change->leaf->title);

          leaf = change->leaf;
          row++;
          gtk_grid_attach (self->grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, row++,
                           3, 1);
          gtk_grid_attach (self->grid, cell_label (title, NULL), 0, row, 1, 1);
          for (guint s = 0; s < 2; s++)
            {
              sides[s] = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
              gtk_widget_set_hexpand (sides[s], TRUE);
              gtk_grid_attach (self->grid, sides[s], 1 + s, row, 1, 1);
            }
        }
      gtk_box_append (GTK_BOX (sides[change->side]), cell_label (line, NULL));
      g_string_append_printf (self->text[change->side], "%s %s\n", leaf->code, line);
    }
  gtk_stack_set_visible_child_name (self->stack, "changes");
}

static void
round_selected_cb (ParRoundsDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->round_dropdown);

  if (self->workspace != NULL && selected != GTK_INVALID_LIST_POSITION)
    show_round (self, selected + 1);
}

static void
par_rounds_dialog_class_init (ParRoundsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_rounds_dialog_dispose;
  object_class->finalize = par_rounds_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/"
                                               "par-rounds-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ParRoundsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ParRoundsDialog, round_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ParRoundsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ParRoundsDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, ParRoundsDialog, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, round_selected_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
par_rounds_dialog_init (ParRoundsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (self->text); i++)
    self->text[i] = g_string_new (NULL);
}

/**
 * par_rounds_dialog_new:
 * @parent: the window
 * @workspace: the workspace
 * @year: the year
 * @unit_code: the unit's code
 * @unit_name: its name, for the title
 * @last_round: the last round of the unit (the one shown first)
 *
 * Shows what changed in @last_round; the rounds before can be chosen.
 *
 * Returns: (transfer none): the dialog, destroyed when closed
 */
ParRoundsDialog *
par_rounds_dialog_new (GtkWindow    *parent,
                       ParWorkspace *workspace,
                       int           year,
                       const char   *unit_code,
                       const char   *unit_name,
                       int           last_round)
{
  g_autoptr(GtkStringList) rounds = gtk_string_list_new (NULL);
  g_autofree char *subtitle = g_strdup_printf ("%s — %s, %d", unit_code, unit_name, year);
  ParRoundsDialog *self;

  g_return_val_if_fail (PAR_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  self = g_object_new (PAR_TYPE_ROUNDS_DIALOG, "transient-for", parent, NULL);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  for (int round = 1; round <= MAX (last_round, 1); round++)
    {
      g_autofree char *label = round == 1
        ? g_strdup (_("Round 1 (first)"))
        /* Translators: a round of the cycle between desks, compared with the round before */
        : g_strdup_printf (_("Round %d, since round %d"), round, round - 1);

      gtk_string_list_append (rounds, label);
    }
  gtk_drop_down_set_model (self->round_dropdown, G_LIST_MODEL (rounds));
  self->workspace = g_object_ref (workspace);
  self->year = year;
  self->unit_code = g_strdup (unit_code);
  if (gtk_drop_down_get_selected (self->round_dropdown) == (guint) MAX (last_round, 1) - 1)
    show_round (self, MAX (last_round, 1));
  else
    gtk_drop_down_set_selected (self->round_dropdown, MAX (last_round, 1) - 1);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * par_rounds_dialog_set_round:
 *
 * Shows what changed in @round.
 */
void
par_rounds_dialog_set_round (ParRoundsDialog *self,
                             int              round)
{
  g_return_if_fail (PAR_IS_ROUNDS_DIALOG (self));
  gtk_drop_down_set_selected (self->round_dropdown, round - 1);
}

/**
 * par_rounds_dialog_get_text:
 * @self: a #ParRoundsDialog
 * @side: whose changes
 *
 * Returns: the changes shown in @side's column, one a line, after the
 *   sub-criterion's code
 */
const char *
par_rounds_dialog_get_text (ParRoundsDialog *self,
                            ParRoundSide     side)
{
  g_return_val_if_fail (PAR_IS_ROUNDS_DIALOG (self), NULL);
  g_return_val_if_fail (side <= PAR_ROUND_SIDE_OFFICE, NULL);
  return self->text[side]->str;
}
