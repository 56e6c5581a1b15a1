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
 * cells, their points, the evidence count and a warning mark.
 */
struct _ParCriteriaPane
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkScrolledWindow   *scroller;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *code_column;

  /* Owned */
  ParUnitSession      *session;
  GtkSingleSelection  *selection;
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
  g_clear_object (&self->selection);
  g_clear_object (&self->session);

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

  g_return_if_fail (PAR_IS_CRITERIA_PANE (self));

  if (!g_set_object (&self->session, session))
    return;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
  g_clear_object (&self->selection);
  if (session != NULL)
    {
      tree = gtk_tree_list_model_new (g_object_ref (par_unit_session_get_model (session)),
                                      FALSE, TRUE, create_children_cb, NULL, NULL);
      self->selection = gtk_single_selection_new (G_LIST_MODEL (tree));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      g_signal_connect_swapped (self->selection, "notify::selected",
                                G_CALLBACK (selection_changed_cb), self);
      fit_code_column (self, par_unit_session_get_set (session));
    }
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
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);

  g_type_ensure (PAR_TYPE_CRITERION_ROW);
  g_type_ensure (PAR_TYPE_SCORE_CELL);
}

static void
par_criteria_pane_init (ParCriteriaPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
