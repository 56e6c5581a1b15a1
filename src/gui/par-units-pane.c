/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-units-pane"

#include "config.h"

#include "par-units-pane.h"

#include <string.h>

#include <glib/gi18n.h>

#include "par-text.h"

/**
 * ParUnitsPane:
 *
 * The units of the year, grouped by block, each with its live index,
 * class and rank; a search that ignores case and Vietnamese diacritics;
 * sorting by name, code or rank. The pane observes the year's
 * #ParYearModel: rows are built when the year's units are (again), and a
 * block's rows are read again when its results change. The selected unit
 * stays selected whatever moves it (a new rank, another sort order, the
 * year's units read again).
 */
struct _ParUnitsPane
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *sort_dropdown;
  GtkListView        *list_view;
  GtkLabel           *count_label;

  /* Owned */
  ParYearModel       *model;
  GSignalGroup       *model_signals;
  GListStore         *blocks;
  GPtrArray          *block_stores; /* GListStore of ParUnitRow, per block */
  GHashTable         *rows;         /* code → ParUnitRow (borrowed) */
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GtkSingleSelection *selection;
  char               *query;
  char               *selected_code;  /* the unit the selection follows */
  ParUnitRow         *notified;       /* the row last announced as selected */
  gboolean            moving;         /* rows are being rebuilt or re-sorted */
};

G_DEFINE_FINAL_TYPE (ParUnitsPane, par_units_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

enum {
  SORT_NAME,
  SORT_CODE,
  SORT_RANK,
};

static GParamSpec *properties [N_PROPS];

static void
par_units_pane_dispose (GObject *object)
{
  ParUnitsPane *self = (ParUnitsPane *)object;

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_UNITS_PANE);
  /* The template's top-level child is not bound: unparent it too. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->selection);
  g_clear_object (&self->model_signals);
  g_clear_object (&self->model);
  g_clear_pointer (&self->selected_code, g_free);
  self->notified = NULL;
  g_clear_object (&self->blocks);
  g_clear_pointer (&self->block_stores, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (par_units_pane_parent_class)->dispose (object);
}

static void
par_units_pane_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ParUnitsPane *self = PAR_UNITS_PANE (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_object (value, par_units_pane_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  ParUnitsPane *self = user_data;

  if (self->query == NULL || self->query[0] == '\0')
    return TRUE;
  return par_text_matches (par_unit_row_get_folded (item), self->query);
}

static int
sort_cb (gconstpointer a,
         gconstpointer b,
         gpointer      user_data)
{
  ParUnitsPane *self = user_data;
  ParUnitRow *row_a = (ParUnitRow *) a;
  ParUnitRow *row_b = (ParUnitRow *) b;
  ParUnitResult *ua = par_unit_row_get_result (row_a);
  ParUnitResult *ub = par_unit_row_get_result (row_b);
  int result = 0;

  switch (gtk_drop_down_get_selected (self->sort_dropdown))
    {
    case SORT_RANK:
      if (ua->rank != ub->rank)
        {
          /* Unranked units last. */
          if (ua->rank == 0 || ub->rank == 0)
            result = ua->rank == 0 ? 1 : -1;
          else
            result = ua->rank < ub->rank ? -1 : 1;
        }
      break;
    case SORT_NAME:
      /* Natural order, as the overview sorts names: Số 2 before Số 10. */
      result = strcmp (par_unit_row_get_name_key (row_a), par_unit_row_get_name_key (row_b));
      break;
    default:
      break;
    }
  if (result == 0)
    result = strcmp (ua->code, ub->code);
  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
update_count (ParUnitsPane *self)
{
  g_autofree char *text = NULL;
  guint n = par_units_pane_count_visible (self);

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit", "%u units", n), n);
  gtk_label_set_label (self->count_label, text);
}

static void
search_changed_cb (ParUnitsPane   *self,
                   GtkSearchEntry *entry)
{
  par_units_pane_set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static gboolean select_row (ParUnitsPane *self,
                            ParUnitRow   *target);

/* Enter in the search field opens the first unit it finds (the search
 * typed so far is applied at once, without waiting for the pause). */
static void
search_activate_cb (ParUnitsPane   *self,
                    GtkSearchEntry *entry)
{
  guint n;

  par_units_pane_set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
  if (self->selection == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) list_row = g_list_model_get_item (G_LIST_MODEL (self->selection), i);
      g_autoptr(ParUnitRow) row = gtk_tree_list_row_get_item (list_row);

      if (!par_unit_row_is_block (row))
        {
          select_row (self, row);
          return;
        }
    }
  gtk_widget_error_bell (GTK_WIDGET (entry));
}

/* Announces the selection when it is another row than last announced. */
static void
notify_selected (ParUnitsPane *self)
{
  ParUnitRow *row = par_units_pane_get_selected (self);

  if (row == self->notified)
    return;
  self->notified = row;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED]);
}

static void
selection_changed_cb (ParUnitsPane *self)
{
  ParUnitRow *row;

  /* A selection lost while rows move is put back afterwards. */
  if (self->moving)
    return;
  row = par_units_pane_get_selected (self);
  g_free (self->selected_code);
  self->selected_code = row != NULL ? g_strdup (par_unit_row_get_code (row)) : NULL;
  notify_selected (self);
}

/* Re-sorting takes rows out of the list and puts them back: the selected
 * unit is found again and stays selected. */
static void
resort (ParUnitsPane *self)
{
  ParUnitRow *selected;

  if (self->sorter == NULL)
    return;
  self->moving = TRUE;
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  self->moving = FALSE;
  selected = self->selected_code != NULL ? g_hash_table_lookup (self->rows, self->selected_code)
                                         : NULL;
  if (selected != NULL && par_units_pane_get_selected (self) != selected)
    {
      self->moving = TRUE;
      select_row (self, selected);
      self->moving = FALSE;
    }
  notify_selected (self);
}

static void
sort_changed_cb (ParUnitsPane *self)
{
  resort (self);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  GListModel *children = par_unit_row_get_children (item);

  return children != NULL ? g_object_ref (children) : NULL;
}

/* (Re)builds the rows from the model's results, selecting the unit that
 * was selected if it is still there. */
static void
build_rows (ParUnitsPane *self)
{
  ParYearResults *results = self->model != NULL ? par_year_model_get_results (self->model) : NULL;
  g_autoptr(GPtrArray) units = NULL;
  GtkTreeListModel *tree;

  self->moving = TRUE;
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_list_store_remove_all (self->blocks);
  g_ptr_array_set_size (self->block_stores, 0);
  g_hash_table_remove_all (self->rows);
  self->notified = NULL;

  if (results != NULL)
    {
      for (guint b = 0; b < par_year_results_get_n_blocks (results); b++)
        {
          GListStore *store = g_list_store_new (PAR_TYPE_UNIT_ROW);
          GtkFilterListModel *filtered;
          GtkSortListModel *sorted;
          g_autoptr(ParUnitRow) block_row = NULL;

          g_ptr_array_add (self->block_stores, store);
          filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                                g_object_ref (GTK_FILTER (self->filter)));
          sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                            g_object_ref (GTK_SORTER (self->sorter)));
          block_row = par_unit_row_new_block (par_year_results_get_block_name (results, b),
                                              G_LIST_MODEL (sorted));
          g_object_unref (sorted);
          g_list_store_append (self->blocks, block_row);
        }

      /* One splice per block: the store emits items-changed once. */
      units = par_year_results_get_ordered (results);
      {
        g_autoptr(GPtrArray) per_block = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

        for (guint b = 0; b < self->block_stores->len; b++)
          g_ptr_array_add (per_block, g_ptr_array_new_with_free_func (g_object_unref));
        for (guint i = 0; i < units->len; i++)
          {
            ParUnitResult *unit = g_ptr_array_index (units, i);
            ParUnitRow *row = par_unit_row_new_unit (unit,
                                                     par_year_results_get_ranked (results, unit->block));

            g_ptr_array_add (g_ptr_array_index (per_block, unit->block), row);
            g_hash_table_insert (self->rows, unit->code, row);
          }
        for (guint b = 0; b < self->block_stores->len; b++)
          {
            GPtrArray *rows = g_ptr_array_index (per_block, b);
            g_list_store_splice (g_ptr_array_index (self->block_stores, b), 0, 0,
                                 rows->pdata, rows->len);
          }
      }

      tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->blocks)), FALSE, TRUE,
                                      create_children_cb, NULL, NULL);
      self->selection = gtk_single_selection_new (G_LIST_MODEL (tree));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      g_signal_connect_swapped (self->selection, "notify::selected",
                                G_CALLBACK (selection_changed_cb), self);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
      if (self->selected_code != NULL && g_hash_table_contains (self->rows, self->selected_code))
        select_row (self, g_hash_table_lookup (self->rows, self->selected_code));
    }
  self->moving = FALSE;

  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED]);
  self->notified = par_units_pane_get_selected (self);
  if (self->notified == NULL)
    g_clear_pointer (&self->selected_code, g_free);
}

static void
block_changed_cb (ParUnitsPane *self,
                  guint         block)
{
  ParYearResults *results = par_year_model_get_results (self->model);
  GListModel *store;
  guint n;
  guint ranked;

  if (block >= self->block_stores->len)
    return;
  store = g_ptr_array_index (self->block_stores, block);
  n = g_list_model_get_n_items (store);
  ranked = par_year_results_get_ranked (results, block);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ParUnitRow) row = g_list_model_get_item (store, i);
      par_unit_row_sync (row, ranked);
    }
  if (gtk_drop_down_get_selected (self->sort_dropdown) == SORT_RANK)
    resort (self);
}

/**
 * par_units_pane_set_model:
 * @self: a #ParUnitsPane
 * @model: (nullable): the year
 *
 * Shows the units of @model's year and follows it.
 */
void
par_units_pane_set_model (ParUnitsPane *self,
                          ParYearModel *model)
{
  g_return_if_fail (PAR_IS_UNITS_PANE (self));

  if (g_set_object (&self->model, model))
    {
      g_signal_group_set_target (self->model_signals, model);
      build_rows (self);
    }
}

/**
 * par_units_pane_get_selected:
 *
 * Returns: (transfer none) (nullable): the selected unit's row (never a block's)
 */
ParUnitRow *
par_units_pane_get_selected (ParUnitsPane *self)
{
  GtkTreeListRow *list_row;
  ParUnitRow *row;

  g_return_val_if_fail (PAR_IS_UNITS_PANE (self), NULL);

  if (self->selection == NULL ||
      !(list_row = gtk_single_selection_get_selected_item (self->selection)))
    return NULL;
  row = gtk_tree_list_row_get_item (list_row);
  g_object_unref (row);   /* the store keeps it */
  return par_unit_row_is_block (row) ? NULL : row;
}

/**
 * par_units_pane_select:
 *
 * Selects the unit @code, clearing a search that hides it.
 *
 * Returns: whether the unit was found
 */
gboolean
par_units_pane_select (ParUnitsPane *self,
                       const char   *code)
{
  ParUnitRow *target;

  g_return_val_if_fail (PAR_IS_UNITS_PANE (self), FALSE);

  if (self->selection == NULL || !(target = g_hash_table_lookup (self->rows, code)))
    return FALSE;
  if (self->query != NULL && !par_text_matches (par_unit_row_get_folded (target), self->query))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (self->query != NULL && !par_text_matches (par_unit_row_get_folded (target), self->query))
    par_units_pane_set_search (self, "");

  return select_row (self, target);
}

static gboolean
select_row (ParUnitsPane *self,
            ParUnitRow   *target)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) list_row = g_list_model_get_item (G_LIST_MODEL (self->selection), i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (list_row);

      if (item == (GObject *) target)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * par_units_pane_set_search:
 *
 * Shows only the units whose code or name contains every word of @text,
 * ignoring case and diacritics.
 */
void
par_units_pane_set_search (ParUnitsPane *self,
                           const char   *text)
{
  g_autofree char *query = NULL;

  g_return_if_fail (PAR_IS_UNITS_PANE (self));

  query = par_text_fold (text != NULL ? text : "");
  if (g_strcmp0 (query, self->query) == 0)
    return;
  g_free (self->query);
  self->query = g_steal_pointer (&query);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

/**
 * par_units_pane_count_visible:
 *
 * Returns: the number of units shown (matching the search)
 */
guint
par_units_pane_count_visible (ParUnitsPane *self)
{
  guint n = 0;

  g_return_val_if_fail (PAR_IS_UNITS_PANE (self), 0);

  for (guint b = 0; b < g_list_model_get_n_items (G_LIST_MODEL (self->blocks)); b++)
    {
      g_autoptr(ParUnitRow) block = g_list_model_get_item (G_LIST_MODEL (self->blocks), b);
      n += g_list_model_get_n_items (par_unit_row_get_children (block));
    }
  return n;
}

void
par_units_pane_focus_search (ParUnitsPane *self)
{
  g_return_if_fail (PAR_IS_UNITS_PANE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
par_units_pane_class_init (ParUnitsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_units_pane_dispose;
  object_class->get_property = par_units_pane_get_property;

  properties [PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, PAR_TYPE_UNIT_ROW,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/par-units-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, ParUnitsPane, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ParUnitsPane, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ParUnitsPane, list_view);
  gtk_widget_class_bind_template_child (widget_class, ParUnitsPane, count_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);

  g_type_ensure (PAR_TYPE_UNIT_ROW);
}

static void
par_units_pane_init (ParUnitsPane *self)
{
  self->blocks = g_list_store_new (PAR_TYPE_UNIT_ROW);
  self->block_stores = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_cb, self, NULL);
  self->model_signals = g_signal_group_new (PAR_TYPE_YEAR_MODEL);
  g_signal_group_connect_swapped (self->model_signals, "block-changed",
                                  G_CALLBACK (block_changed_cb), self);
  g_signal_group_connect_swapped (self->model_signals, "reset", G_CALLBACK (build_rows), self);

  gtk_widget_init_template (GTK_WIDGET (self));
}
