/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-criteria-pane"

#include "config.h"

#include "par-criteria-pane.h"

#include <glib/gi18n.h>

#include "par-score-cell.h"

/**
 * ParCriteriaPane:
 *
 * The criteria tree of the selected unit: a #GtkColumnView over a
 * #GtkTreeListModel of #ParCriterionRow, with the self and appraisal entry
 * cells, their points, the evidence count and a warning mark, and the
 * office's verdict. On the unit's side of the cycle between desks, a bar
 * says what the office asks it to answer, and filters the tree to those
 * leaves.
 */
struct _ParCriteriaPane
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkScrolledWindow   *scroller;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *code_column;
  GtkRevealer         *answer_bar;
  GtkLabel            *answer_label;
  GtkToggleButton     *answer_toggle;
  GtkButton           *send_button;

  /* Owned */
  ParUnitSession      *session;
  GtkSingleSelection  *selection;
  GtkCustomFilter     *answer_filter;  /* "needs my answer" */
  ParCriterionRow     *pending_focus;
  ParStage             pending_stage;
  guint                focus_source;
  guint                focus_tries;
};

G_DEFINE_FINAL_TYPE (ParCriteriaPane, par_criteria_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
par_criteria_pane_dispose (GObject *object)
{
  ParCriteriaPane *self = (ParCriteriaPane *)object;

  g_clear_handle_id (&self->focus_source, g_source_remove);
  g_clear_object (&self->pending_focus);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_CRITERIA_PANE);
  /* The template's top-level child is not bound: unparent it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->session);
  g_clear_object (&self->answer_filter);

  G_OBJECT_CLASS (par_criteria_pane_parent_class)->dispose (object);
}

static void
par_criteria_pane_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ParCriteriaPane *self = PAR_CRITERIA_PANE (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_object (value, par_criteria_pane_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* gtk_tree_list_row_get_item() returns a new reference; the row lives in
 * the session, so drop ours. */
static ParCriterionRow *
borrow (ParCriterionRow *row)
{
  if (row != NULL)
    g_object_unref (row);
  return row;
}

static ParCriterionRow *
row_at (ParCriteriaPane *self,
        guint            position)
{
  g_autoptr(GtkTreeListRow) list_row = NULL;

  if (self->selection == NULL)
    return NULL;
  list_row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (list_row == NULL)
    return NULL;
  return PAR_CRITERION_ROW (gtk_tree_list_row_get_item (list_row));
}

static guint
position_of (ParCriteriaPane *self,
             ParCriterionRow *row)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ParCriterionRow) item = row_at (self, i);
      if (item == row)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
focus_pending_cb (gpointer user_data)
{
  ParCriteriaPane *self = user_data;
  ParScoreCell *cell = par_score_cell_lookup (self->pending_focus, self->pending_stage);

  /* The row's widgets exist once the list has scrolled to it. */
  if (cell == NULL && ++self->focus_tries < 10)
    return G_SOURCE_CONTINUE;
  if (cell != NULL)
    par_score_cell_start_edit (cell);
  g_clear_object (&self->pending_focus);
  self->focus_source = 0;
  return G_SOURCE_REMOVE;
}

static void
focus_row (ParCriteriaPane *self,
           guint            position,
           ParCriterionRow *row)
{
  ParStage stage = par_unit_session_get_stage (self->session);
  ParScoreCell *cell;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  cell = par_score_cell_lookup (row, stage);
  if (cell != NULL && gtk_widget_get_mapped (GTK_WIDGET (cell)))
    {
      /* Focusing a widget in a list view scrolls the view to it. */
      par_score_cell_start_edit (cell);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", position);
  g_set_object (&self->pending_focus, row);
  self->pending_stage = stage;
  self->focus_tries = 0;
  g_clear_handle_id (&self->focus_source, g_source_remove);
  self->focus_source = g_timeout_add (16, focus_pending_cb, self);
}

/**
 * par_criteria_pane_move:
 * @self: a #ParCriteriaPane
 * @from: the row being left
 * @delta: 1 for the next editable entry, -1 for the previous one
 *
 * Moves the keyboard focus to the entry cell of the next (or previous)
 * leaf that can be edited at the current stage.
 */
void
par_criteria_pane_move (ParCriteriaPane *self,
                        ParCriterionRow *from,
                        int              delta)
{
  guint n;
  guint position;
  ParStage stage;

  g_return_if_fail (PAR_IS_CRITERIA_PANE (self));

  if (self->session == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  position = position_of (self, from);
  stage = par_unit_session_get_stage (self->session);
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  for (int i = (int) position + delta; i >= 0 && i < (int) n; i += delta)
    {
      g_autoptr(ParCriterionRow) row = row_at (self, i);

      if (par_unit_session_can_edit (self->session, row, stage))
        {
          focus_row (self, i, row);
          return;
        }
    }
}

/**
 * par_criteria_pane_edit_selected:
 *
 * Moves the keyboard focus into the entry cell of the selected row.
 *
 * Returns: whether the selected row can be edited
 */
gboolean
par_criteria_pane_edit_selected (ParCriteriaPane *self)
{
  guint position;
  g_autoptr(ParCriterionRow) row = NULL;

  g_return_val_if_fail (PAR_IS_CRITERIA_PANE (self), FALSE);

  if (self->selection == NULL)
    return FALSE;
  position = gtk_single_selection_get_selected (self->selection);
  row = row_at (self, position);
  if (row == NULL ||
      !par_unit_session_can_edit (self->session, row, par_unit_session_get_stage (self->session)))
    return FALSE;
  focus_row (self, position, row);
  return TRUE;
}

static void
column_view_activate_cb (ParCriteriaPane *self,
                         guint            position,
                         GtkColumnView   *column_view)
{
  gtk_single_selection_set_selected (self->selection, position);
  par_criteria_pane_edit_selected (self);
}

static void
selection_changed_cb (ParCriteriaPane *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED]);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  GListModel *children = par_criterion_row_get_children (item);

  return children != NULL ? g_object_ref (children) : NULL;
}

static gboolean
answer_filter_cb (gpointer item,
                  gpointer user_data)
{
  ParCriteriaPane *self = user_data;
  g_autoptr(ParCriterionRow) row = gtk_tree_list_row_get_item (item);

  return !gtk_toggle_button_get_active (self->answer_toggle) ||
         par_criterion_row_get_needs_answer (row);
}

/* The bar shows once the unit sent a round: while the office appraises
 * it, and once its appraisal came back, with what the unit must answer. */
static void
reviews_changed_cb (ParCriteriaPane *self)
{
  const ParUnitCycle *cycle = self->session != NULL ? par_unit_session_get_cycle (self->session)
                                                    : NULL;
  gboolean shown = cycle != NULL && cycle->unit_side;
  gboolean returned = shown && cycle->received_round >= cycle->sent_round;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  if (returned)
    {
      guint n = par_unit_session_count_needs_answer (self->session);

      text = n > 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "The appraisal of round %d came back: %u sub-criterion "
                                        "needs your answer before round %d is sent.",
                                        "The appraisal of round %d came back: %u sub-criteria "
                                        "need your answer before round %d is sent.", n),
                           cycle->received_round, n, cycle->received_round + 1)
        : g_strdup_printf (_("The appraisal of round %d came back: nothing needs your answer."),
                           cycle->received_round);
      label = g_strdup_printf (_("_Send Round %d…"), cycle->received_round + 1);
      gtk_button_set_label (self->send_button, label);
    }
  else if (shown)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (cycle->sent_at, NULL);
      g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;
      g_autofree char *when = local != NULL ? g_date_time_format (local, "%d/%m/%Y %H:%M")
                                            : g_strdup ("—");

      text = g_strdup_printf (_("Round %d was sent for appraisal on %s; the office’s appraisal "
                                "has not come back yet."), cycle->sent_round, when);
    }
  if (!returned && gtk_toggle_button_get_active (self->answer_toggle))
    gtk_toggle_button_set_active (self->answer_toggle, FALSE);
  gtk_label_set_label (self->answer_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->answer_toggle), returned);
  gtk_widget_set_visible (GTK_WIDGET (self->send_button), returned);
  gtk_revealer_set_reveal_child (self->answer_bar, shown);
  if (gtk_toggle_button_get_active (self->answer_toggle))
    gtk_filter_changed (GTK_FILTER (self->answer_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
answer_toggled_cb (ParCriteriaPane *self)
{
  gtk_filter_changed (GTK_FILTER (self->answer_filter),
                      gtk_toggle_button_get_active (self->answer_toggle)
                      ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
}

/**
 * par_criteria_pane_set_needs_answer_only:
 * @self: a #ParCriteriaPane
 * @only: whether to show only the leaves that need the unit's answer
 *
 * The "needs my answer" filter (its toggle in the bar).
 */
void
par_criteria_pane_set_needs_answer_only (ParCriteriaPane *self,
                                         gboolean         only)
{
  g_return_if_fail (PAR_IS_CRITERIA_PANE (self));
  gtk_toggle_button_set_active (self->answer_toggle, only);
}

gboolean
par_criteria_pane_get_needs_answer_only (ParCriteriaPane *self)
{
  g_return_val_if_fail (PAR_IS_CRITERIA_PANE (self), FALSE);
  return gtk_toggle_button_get_active (self->answer_toggle);
}

/**
 * par_criteria_pane_get_n_rows:
 *
 * Returns: the rows shown (after the "needs my answer" filter)
 */
guint
par_criteria_pane_get_n_rows (ParCriteriaPane *self)
{
  g_return_val_if_fail (PAR_IS_CRITERIA_PANE (self), 0);
  return self->selection != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->selection)) : 0;
}

/**
 * par_criteria_pane_get_answer_text:
 *
 * Returns: (nullable): what the bar over the tree says, when it shows
 */
const char *
par_criteria_pane_get_answer_text (ParCriteriaPane *self)
{
  g_return_val_if_fail (PAR_IS_CRITERIA_PANE (self), NULL);
  return gtk_revealer_get_reveal_child (self->answer_bar)
         ? gtk_label_get_label (self->answer_label) : NULL;
}

/* GtkTreeExpander (GTK 4.8) indents each level by the width of its
 * expander arrow, 16 px; the code column is as wide as the deepest code
 * with its indent needs, so that "3.1.2" never shows as "3.…". */
#define EXPANDER_WIDTH 16
#define CELL_PADDING   18

static void
fit_code_column (ParCriteriaPane *self,
                 ParCriteriaSet  *set)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  int widest = 0;

  for (guint i = 0; set != NULL && i < set->nodes->len; i++)
    {
      const ParCriterion *node = g_ptr_array_index (set->nodes, i);
      int width;

      pango_layout_set_text (layout, node->code, -1);
      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, ((int) node->depth + 1) * EXPANDER_WIDTH + width + CELL_PADDING);
    }
  if (widest > 0)
    gtk_column_view_column_set_fixed_width (self->code_column, widest);
}

/**
 * par_criteria_pane_set_session:
 * @self: a #ParCriteriaPane
 * @session: (nullable): the selected unit's session
 *
 * Shows the criteria tree of @session's unit, every group expanded.
 */
void
par_criteria_pane_set_session (ParCriteriaPane *self,
                               ParUnitSession  *session)
{
  GtkTreeListModel *tree;
  GtkFilterListModel *filtered;

  g_return_if_fail (PAR_IS_CRITERIA_PANE (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
  g_clear_object (&self->selection);
  if (session != NULL)
    {
      tree = gtk_tree_list_model_new (g_object_ref (par_unit_session_get_model (session)),
                                      FALSE, TRUE, create_children_cb, NULL, NULL);
      filtered = gtk_filter_list_model_new (G_LIST_MODEL (tree),
                                            g_object_ref (GTK_FILTER (self->answer_filter)));
      self->selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      g_signal_connect_swapped (self->selection, "notify::selected",
                                G_CALLBACK (selection_changed_cb), self);
      fit_code_column (self, par_unit_session_get_set (session));
      g_signal_connect_object (session, "reviews-changed", G_CALLBACK (reviews_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  reviews_changed_cb (self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED]);
}

/**
 * par_criteria_pane_get_selected:
 *
 * Returns: (transfer none) (nullable): the selected row
 */
ParCriterionRow *
par_criteria_pane_get_selected (ParCriteriaPane *self)
{
  GtkTreeListRow *list_row;

  g_return_val_if_fail (PAR_IS_CRITERIA_PANE (self), NULL);

  if (self->selection == NULL)
    return NULL;
  list_row = gtk_single_selection_get_selected_item (self->selection);
  return list_row != NULL ? borrow (gtk_tree_list_row_get_item (list_row)) : NULL;
}

/**
 * par_criteria_pane_select:
 *
 * Selects the row of the node @code.
 *
 * Returns: whether it was found
 */
gboolean
par_criteria_pane_select (ParCriteriaPane *self,
                          const char      *code)
{
  ParCriterionRow *row;
  guint position;

  g_return_val_if_fail (PAR_IS_CRITERIA_PANE (self), FALSE);

  if (self->session == NULL || !(row = par_unit_session_lookup (self->session, code)))
    return FALSE;
  position = position_of (self, row);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", position);
  return TRUE;
}

/**
 * par_criteria_pane_focus_tree:
 *
 * Moves the keyboard focus to the tree (its selected row).
 */
void
par_criteria_pane_focus_tree (ParCriteriaPane *self)
{
  g_return_if_fail (PAR_IS_CRITERIA_PANE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/**
 * par_criteria_pane_popup_menu:
 *
 * Opens the ⋮ menu of the selected leaf at the stage being entered
 * (Shift+F10 or the Menu key in the tree), scrolling to it first.
 *
 * Returns: whether the selected row has the menu
 */
gboolean
par_criteria_pane_popup_menu (ParCriteriaPane *self)
{
  ParCriterionRow *row;
  ParScoreCell *cell;

  g_return_val_if_fail (PAR_IS_CRITERIA_PANE (self), FALSE);

  if (self->session == NULL || !(row = par_criteria_pane_get_selected (self)))
    return FALSE;
  cell = par_score_cell_lookup (row, par_unit_session_get_stage (self->session));
  return cell != NULL && gtk_widget_get_mapped (GTK_WIDGET (cell)) &&
         par_score_cell_popup_menu (cell);
}

static void
leaf_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  if (!par_criteria_pane_popup_menu (PAR_CRITERIA_PANE (widget)))
    gtk_widget_error_bell (widget);
}

static void
par_criteria_pane_class_init (ParCriteriaPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_criteria_pane_dispose;
  object_class->get_property = par_criteria_pane_get_property;

  properties [PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, PAR_TYPE_CRITERION_ROW,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/par-criteria-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, ParCriteriaPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, ParCriteriaPane, column_view);
  gtk_widget_class_bind_template_child (widget_class, ParCriteriaPane, code_column);
  gtk_widget_class_bind_template_child (widget_class, ParCriteriaPane, answer_bar);
  gtk_widget_class_bind_template_child (widget_class, ParCriteriaPane, answer_label);
  gtk_widget_class_bind_template_child (widget_class, ParCriteriaPane, answer_toggle);
  gtk_widget_class_bind_template_child (widget_class, ParCriteriaPane, send_button);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, answer_toggled_cb);

  /* The ⋮ menu of the selected leaf, from the keyboard; a field being
   * typed in keeps these keys for its own menu. */
  gtk_widget_class_install_action (widget_class, "criteria.leaf-menu", NULL, leaf_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "criteria.leaf-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "criteria.leaf-menu", NULL);

  g_type_ensure (PAR_TYPE_CRITERION_ROW);
  g_type_ensure (PAR_TYPE_SCORE_CELL);
}

static void
par_criteria_pane_init (ParCriteriaPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->answer_filter = gtk_custom_filter_new (answer_filter_cb, self, NULL);
}
