/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-score-cell"

#include "config.h"

#include "par-score-cell.h"

#include <glib/gi18n.h>

#include "par-criteria-pane.h"
#include "par-format.h"
#include "par-unit-session.h"

/**
 * ParScoreCell:
 *
 * The entry cell of one stage of a criterion row, fitting the leaf's rule:
 * a switch for binary leaves, a drop-down for options, a number field for
 * the others, and a menu for "not applicable", "not arising" and clearing.
 * Typing previews the value (the totals follow every keystroke); Enter,
 * Tab, ↑/↓ or leaving the cell commits it; Escape — and Ctrl+Z while
 * something is typed — cancels it: the text, the totals and the next
 * Enter all go back to the stored value. Ctrl+Z in a cell with nothing
 * typed undoes the last saved edit, as anywhere in the window; the text
 * field keeps no undo history of its own, so that no keystroke can bring
 * back a text that would then be saved.
 */
struct _ParScoreCell
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkWidget       *box;
  GtkStack        *stack;
  GtkLabel        *label;
  GtkEntry        *entry;
  GtkSwitch       *toggle;
  GtkDropDown     *dropdown;
  GtkLabel        *error_label;
  GtkMenuButton   *special_button;
  GtkPopover      *special_popover;
  GtkWidget       *none_button;

  /* Owned */
  ParCriterionRow *row;
  ParUnitSession  *session;
  gulong           row_handlers[2];
  gulong           session_handlers[2];

  ParStage         stage;
  gboolean         syncing;
};

G_DEFINE_FINAL_TYPE (ParScoreCell, par_score_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ROW,
  PROP_STAGE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];
static GQuark cell_quarks[PAR_N_STAGES];

static void refresh (ParScoreCell *self);

/**
 * par_score_cell_lookup:
 * @row: a criterion row
 * @stage: a stage
 *
 * Returns: (transfer none) (nullable): the cell showing @row's entry of
 *   @stage, if the row is on screen
 */
ParScoreCell *
par_score_cell_lookup (ParCriterionRow *row,
                       ParStage         stage)
{
  return g_object_get_qdata (G_OBJECT (row), cell_quarks[stage]);
}

static void
unbind (ParScoreCell *self)
{
  if (self->row == NULL)
    return;

  if (par_score_cell_lookup (self->row, self->stage) == self)
    g_object_set_qdata (G_OBJECT (self->row), cell_quarks[self->stage], NULL);
  for (guint i = 0; i < G_N_ELEMENTS (self->row_handlers); i++)
    g_clear_signal_handler (&self->row_handlers[i], self->row);
  for (guint i = 0; self->session != NULL && i < G_N_ELEMENTS (self->session_handlers); i++)
    g_clear_signal_handler (&self->session_handlers[i], self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->row);
}

static void
par_score_cell_dispose (GObject *object)
{
  ParScoreCell *self = (ParScoreCell *)object;

  unbind (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_SCORE_CELL);
  /* The template's top-level child is not bound: unparent it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (par_score_cell_parent_class)->dispose (object);
}

static void
par_score_cell_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ParScoreCell *self = PAR_SCORE_CELL (object);

  switch (prop_id)
    {
    case PROP_ROW:
      g_value_set_object (value, self->row);
      break;
    case PROP_STAGE:
      g_value_set_int (value, self->stage);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_score_cell_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ParScoreCell *self = PAR_SCORE_CELL (object);

  switch (prop_id)
    {
    case PROP_ROW:
      {
        GObject *row = g_value_get_object (value);
        /* Bound from a list item, whose items are plain objects. */
        par_score_cell_set_row (self, PAR_IS_CRITERION_ROW (row) ? PAR_CRITERION_ROW (row) : NULL);
      }
      break;
    case PROP_STAGE:
      self->stage = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static const char *
current_text (ParScoreCell *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

static void
show_error (ParScoreCell *self,
            const char   *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
}

static void
sync_error (ParScoreCell *self)
{
  show_error (self, self->row != NULL ? par_criterion_row_get_error (self->row, self->stage) : NULL);
}

static gboolean
commit (ParScoreCell *self,
        const char   *text)
{
  g_autoptr(GError) error = NULL;

  if (self->row == NULL || self->session == NULL)
    return FALSE;
  if (!par_unit_session_commit (self->session, self->row, self->stage, text, &error))
    {
      /* A refused value keeps the last valid one stored; the message stays
       * under the cell until the text is corrected. */
      if (par_criterion_row_get_error (self->row, self->stage) == NULL)
        show_error (self, error->message);
      else
        sync_error (self);
      return FALSE;
    }
  sync_error (self);
  return TRUE;
}

static gboolean
entry_is_dirty (ParScoreCell *self)
{
  g_autofree char *stored = NULL;

  if (self->row == NULL)
    return FALSE;
  stored = par_format_value (par_criterion_row_get_node (self->row),
                             par_criterion_row_get_value (self->row, self->stage));
  return g_strcmp0 (stored, current_text (self)) != 0;
}

static void
entry_changed_cb (ParScoreCell *self,
                  GtkEditable  *editable)
{
  if (self->syncing || self->session == NULL)
    return;
  par_unit_session_preview (self->session, self->row, self->stage, current_text (self));
  sync_error (self);
}

static void
entry_activate_cb (ParScoreCell *self,
                   GtkEntry     *entry)
{
  commit (self, current_text (self));
}

static void
revert (ParScoreCell *self)
{
  par_unit_session_revert (self->session, self->row, self->stage);
  refresh (self);
}

/* Escape: what was typed is dropped, the cell shows the stored value
 * again (and stays focused), the totals go back. */
static void
cancel (ParScoreCell *self)
{
  g_autofree char *stored = par_format_value (par_criterion_row_get_node (self->row),
                                              par_criterion_row_get_value (self->row, self->stage));

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), stored);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  self->syncing = FALSE;
  revert (self);
}

static gboolean
entry_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      ParScoreCell          *self)
{
  GtkWidget *pane;
  int delta = 0;

  if ((state & GDK_CONTROL_MASK) != 0 &&
      (keyval == GDK_KEY_z || keyval == GDK_KEY_Z || keyval == GDK_KEY_y || keyval == GDK_KEY_Y))
    {
      gboolean redo = keyval == GDK_KEY_y || keyval == GDK_KEY_Y || (state & GDK_SHIFT_MASK) != 0;

      if (self->row == NULL)
        return TRUE;
      /* What is typed is cancelled first; with nothing typed, the window's
       * undo (or redo) of the last saved edit. */
      if (entry_is_dirty (self) || par_criterion_row_get_error (self->row, self->stage) != NULL)
        cancel (self);
      else
        gtk_widget_activate_action (GTK_WIDGET (self), redo ? "win.redo" : "win.undo", NULL);
      return TRUE;
    }

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->row != NULL)
        cancel (self);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      delta = 1;
      break;
    case GDK_KEY_ISO_Left_Tab:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      delta = -1;
      break;
    default:
      return FALSE;
    }
  if (keyval == GDK_KEY_Tab && (state & GDK_SHIFT_MASK) != 0)
    delta = -1;

  if (self->row == NULL || !commit (self, current_text (self)))
    return TRUE;
  pane = gtk_widget_get_ancestor (GTK_WIDGET (self), PAR_TYPE_CRITERIA_PANE);
  if (pane != NULL)
    par_criteria_pane_move (PAR_CRITERIA_PANE (pane), self->row, delta);
  return TRUE;
}

static void
entry_leave_cb (GtkEventControllerFocus *controller,
                ParScoreCell            *self)
{
  /* Leaving the cell ends the edit, as Enter does. */
  if (self->row != NULL && gtk_widget_get_visible (GTK_WIDGET (self->entry)) &&
      (entry_is_dirty (self) || par_criterion_row_get_error (self->row, self->stage) != NULL))
    commit (self, current_text (self));
}

static void
toggle_active_cb (ParScoreCell *self,
                  GParamSpec   *pspec,
                  GtkSwitch    *toggle)
{
  if (self->syncing)
    return;
  commit (self, gtk_switch_get_active (toggle) ? "yes" : "no");
}

static void
dropdown_selected_cb (ParScoreCell *self,
                      GParamSpec   *pspec,
                      GtkDropDown  *dropdown)
{
  const ParRule *rule;
  guint selected;

  if (self->syncing || self->row == NULL)
    return;
  rule = &par_criterion_row_get_node (self->row)->rule;
  selected = gtk_drop_down_get_selected (dropdown);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > rule->options->len)
    commit (self, "");
  else
    commit (self, g_array_index (rule->options, ParRuleOption, selected - 1).label);
}

static void
special (ParScoreCell *self,
         const char   *value)
{
  gtk_popover_popdown (self->special_popover);
  if (commit (self, value))
    refresh (self);
}

static void
na_clicked_cb (ParScoreCell *self)
{
  special (self, "NA");
}

static void
none_clicked_cb (ParScoreCell *self)
{
  special (self, "NONE");
}

static void
clear_clicked_cb (ParScoreCell *self)
{
  special (self, "");
}

/* The criterion's history, for the unit shown (par-window-actions.c). */
static void
history_clicked_cb (ParScoreCell *self)
{
  gtk_popover_popdown (self->special_popover);
  if (self->row != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "unit.criterion-history", "s",
                                par_criterion_row_get_node (self->row)->code);
}

static void
set_options (ParScoreCell       *self,
             const ParCriterion *leaf)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const char *value = par_criterion_row_get_value (self->row, self->stage);
  guint selected = 0;

  gtk_string_list_append (list, "—");
  for (guint i = 0; i < leaf->rule.options->len; i++)
    {
      const ParRuleOption *option = &g_array_index (leaf->rule.options, ParRuleOption, i);

      gtk_string_list_append (list, option->label);
      if (g_strcmp0 (value, option->label) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_model (self->dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->dropdown, selected);
}

static gboolean
entry_has_focus (ParScoreCell *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (self->entry) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->entry)));
}

static void
refresh (ParScoreCell *self)
{
  const ParCriterion *node;
  const char *value;
  g_autofree char *text = NULL;
  gboolean editable;
  gboolean special_value;

  if (self->row == NULL)
    return;

  self->syncing = TRUE;
  node = par_criterion_row_get_node (self->row);
  value = par_criterion_row_get_value (self->row, self->stage);
  text = par_format_value (node, value);
  editable = self->session != NULL && par_unit_session_can_edit (self->session, self->row, self->stage);
  special_value = value != NULL && (g_str_equal (value, "NA") || g_str_equal (value, "NONE"));

  gtk_widget_set_visible (self->box, node->children == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->special_button), editable);
  gtk_widget_set_sensitive (self->none_button, node->not_arising != PAR_NOT_ARISING_REFUSED);
  gtk_label_set_label (self->label, text);
  if (!editable && node->rule.kind == PAR_RULE_SURVEY && self->stage == PAR_STAGE_SELF)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->label), _("Scored from the survey at appraisal"));
  else
    /* An option's label may be longer than the column: whole in the tooltip. */
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->label),
                                 node->rule.kind == PAR_RULE_OPTIONS && text[0] != '\0'
                                 ? text : NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->dropdown),
                               node->rule.kind == PAR_RULE_OPTIONS && text[0] != '\0'
                               ? text : NULL);

  if (!editable || special_value)
    gtk_stack_set_visible_child_name (self->stack, "label");
  else if (node->rule.kind == PAR_RULE_BINARY)
    {
      gtk_switch_set_active (self->toggle, g_strcmp0 (value, "yes") == 0);
      gtk_stack_set_visible_child_name (self->stack, "switch");
    }
  else if (node->rule.kind == PAR_RULE_OPTIONS)
    {
      set_options (self, node);
      gtk_stack_set_visible_child_name (self->stack, "dropdown");
    }
  else
    {
      /* Do not overwrite what is being typed, valid or not. */
      if (!entry_has_focus (self) && par_criterion_row_get_error (self->row, self->stage) == NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
      gtk_stack_set_visible_child_name (self->stack, "entry");
    }
  if (!editable || special_value)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  sync_error (self);
  self->syncing = FALSE;
}

static void
row_value_changed_cb (ParScoreCell *self)
{
  g_autofree char *text = NULL;

  if (self->row == NULL)
    return;
  /* A value stored from elsewhere (undo, accept) replaces the cell's text. */
  text = par_format_value (par_criterion_row_get_node (self->row),
                           par_criterion_row_get_value (self->row, self->stage));
  self->syncing = TRUE;
  if (par_criterion_row_get_error (self->row, self->stage) == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  self->syncing = FALSE;
  refresh (self);
}

void
par_score_cell_set_row (ParScoreCell    *self,
                        ParCriterionRow *row)
{
  static const char *value_signals[] = { "notify::self-value", "notify::appraisal-value" };
  static const char *error_signals[] = { "notify::self-error", "notify::appraisal-error" };

  g_return_if_fail (PAR_IS_SCORE_CELL (self));

  if (self->row == row)
    return;

  unbind (self);
  if (row != NULL)
    {
      self->row = g_object_ref (row);
      self->session = g_object_ref (par_criterion_row_get_session (row));
      g_object_set_qdata (G_OBJECT (row), cell_quarks[self->stage], self);
      self->row_handlers[0] = g_signal_connect_swapped (row, value_signals[self->stage],
                                                        G_CALLBACK (row_value_changed_cb), self);
      self->row_handlers[1] = g_signal_connect_swapped (row, error_signals[self->stage],
                                                        G_CALLBACK (sync_error), self);
      self->session_handlers[0] = g_signal_connect_swapped (self->session, "notify::stage",
                                                            G_CALLBACK (refresh), self);
      /* Published or reopened, here or elsewhere. */
      self->session_handlers[1] = g_signal_connect_swapped (self->session, "notify::editable",
                                                            G_CALLBACK (refresh), self);
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->entry),
                             "");
      self->syncing = FALSE;
      row_value_changed_cb (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ROW]);
}

ParCriterionRow *
par_score_cell_get_row (ParScoreCell *self)
{
  g_return_val_if_fail (PAR_IS_SCORE_CELL (self), NULL);
  return self->row;
}

/**
 * par_score_cell_get_entry:
 *
 * Returns: (transfer none): the number field (also for tests)
 */
GtkEditable *
par_score_cell_get_entry (ParScoreCell *self)
{
  g_return_val_if_fail (PAR_IS_SCORE_CELL (self), NULL);
  return GTK_EDITABLE (self->entry);
}

/**
 * par_score_cell_start_edit:
 *
 * Moves the keyboard focus into the cell's editor.
 *
 * Returns: whether the cell can be edited
 */
gboolean
par_score_cell_start_edit (ParScoreCell *self)
{
  const char *page;

  g_return_val_if_fail (PAR_IS_SCORE_CELL (self), FALSE);

  if (self->row == NULL || self->session == NULL ||
      !par_unit_session_can_edit (self->session, self->row, self->stage))
    return FALSE;
  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "entry") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  if (g_strcmp0 (page, "switch") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->toggle));
  if (g_strcmp0 (page, "dropdown") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->dropdown));
  return gtk_widget_grab_focus (GTK_WIDGET (self->special_button));
}

/**
 * par_score_cell_popup_menu:
 *
 * Opens the cell's ⋮ menu (not applicable, not arising, clear, history),
 * as Shift+F10 or the Menu key does on the selected leaf.
 *
 * Returns: whether the cell has the menu (it can be edited)
 */
gboolean
par_score_cell_popup_menu (ParScoreCell *self)
{
  g_return_val_if_fail (PAR_IS_SCORE_CELL (self), FALSE);

  if (!gtk_widget_get_visible (self->box) ||
      !gtk_widget_get_visible (GTK_WIDGET (self->special_button)))
    return FALSE;
  gtk_menu_button_popup (self->special_button);
  return TRUE;
}

/**
 * par_score_cell_get_menu_button:
 *
 * Returns: (transfer none): the ⋮ menu's button (for tests)
 */
GtkWidget *
par_score_cell_get_menu_button (ParScoreCell *self)
{
  g_return_val_if_fail (PAR_IS_SCORE_CELL (self), NULL);
  return GTK_WIDGET (self->special_button);
}

static void
par_score_cell_class_init (ParScoreCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_score_cell_dispose;
  object_class->get_property = par_score_cell_get_property;
  object_class->set_property = par_score_cell_set_property;

  properties [PROP_ROW] =
    g_param_spec_object ("row", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL, PAR_STAGE_SELF, PAR_STAGE_APPRAISAL, PAR_STAGE_SELF,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  cell_quarks[PAR_STAGE_SELF] = g_quark_from_static_string ("par-score-cell-self");
  cell_quarks[PAR_STAGE_APPRAISAL] = g_quark_from_static_string ("par-score-cell-appraisal");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/par-score-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, ParScoreCell, box);
  gtk_widget_class_bind_template_child (widget_class, ParScoreCell, stack);
  gtk_widget_class_bind_template_child (widget_class, ParScoreCell, label);
  gtk_widget_class_bind_template_child (widget_class, ParScoreCell, entry);
  gtk_widget_class_bind_template_child (widget_class, ParScoreCell, toggle);
  gtk_widget_class_bind_template_child (widget_class, ParScoreCell, dropdown);
  gtk_widget_class_bind_template_child (widget_class, ParScoreCell, error_label);
  gtk_widget_class_bind_template_child (widget_class, ParScoreCell, special_button);
  gtk_widget_class_bind_template_child (widget_class, ParScoreCell, special_popover);
  gtk_widget_class_bind_template_child (widget_class, ParScoreCell, none_button);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, toggle_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, na_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, none_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_clicked_cb);
}

static void
par_score_cell_init (ParScoreCell *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Undo belongs to the window (saved edits), not to the text field. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->entry), FALSE);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (entry_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);
}
