/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-overview-page"

#include "config.h"

#include "par-overview-page.h"

#include <glib/gi18n.h>

#include "par-format.h"
#include "par-overview-sorter.h"
#include "par-text.h"

/**
 * ParOverviewPage:
 *
 * Every unit of the year at once (a page of the year, Ctrl+3): code, name,
 * block, self-assessed points, points, index, class, rank, change,
 * provisional, evidence given of the evidence expected, and where it
 * stands in the cycle between desks. A #GtkColumnView over a sorted,
 * filtered list of #ParOverviewRow, each column sorted by a
 * #ParOverviewSorter (values made once per row); a search (ignoring case
 * and Vietnamese diacritics) and filters by block, class, provisional and
 * incomplete units.
 *
 * The page observes the year's #ParYearModel (points, indices, classes and
 * ranks: #ParYearModel::block-changed, #ParYearModel::reset) and its
 * workspace (evidence, explanations, self entries and packages, whoever
 * made them): what changed is shown on the next idle, in place and sorted
 * again. The completeness and the cycle of every unit are read on a worker
 * (par_workspace_read_overview_async()); of one unit, at once. Activating
 * a row emits #ParOverviewPage::unit-activated.
 */
struct _ParOverviewPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *block_dropdown;
  GtkDropDown        *class_dropdown;
  GtkToggleButton    *provisional_button;
  GtkToggleButton    *incomplete_button;
  GtkLabel           *count_label;
  GtkColumnView      *column_view;

  /* Owned */
  ParYearModel       *model;
  GSignalGroup       *model_signals;
  GSignalGroup       *workspace_signals;
  GListStore         *store;        /* ParOverviewRow, in the year's order */
  GHashTable         *rows;         /* code → ParOverviewRow (borrowed) */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;
  GtkStringList      *blocks;       /* "All blocks", then the year's blocks */
  GtkStringList      *classes;      /* "All classes", then the sets' bands */
  GtkColumnViewColumn *columns[PAR_OVERVIEW_N_COLUMNS];
  GCancellable       *read_cancellable;
  char               *query;
  GHashTable         *pending;      /* unit codes whose completeness and cycle to read */
  GHashTable         *pending_blocks; /* blocks whose results changed */
  gboolean            pending_all;
  guint               refresh_source;
  gboolean            loading;
  gboolean            resorting;    /* rows changed, not the order asked for */
  gboolean            stale;        /* the year to be read anew once shown */
};

G_DEFINE_FINAL_TYPE (ParOverviewPage, par_overview_page, GTK_TYPE_WIDGET)

enum {
  UNIT_ACTIVATED,
  N_SIGNALS
};

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static guint signals [N_SIGNALS];
static GParamSpec *properties [N_PROPS];

static const struct
{
  const char *title;
  int         width;
  gboolean    number;
} column_info[PAR_OVERVIEW_N_COLUMNS] = {
  [PAR_OVERVIEW_CODE] = { NC_("overview column", "Code"), 120, FALSE },
  [PAR_OVERVIEW_NAME] = { NC_("overview column", "Unit"), 190, FALSE },
  [PAR_OVERVIEW_BLOCK] = { NC_("overview column", "Block"), 115, FALSE },
  [PAR_OVERVIEW_SELF_POINTS] = { NC_("overview column", "Self-assessed"), 75, TRUE },
  [PAR_OVERVIEW_POINTS] = { NC_("overview column", "Points"), 70, TRUE },
  [PAR_OVERVIEW_INDEX] = { NC_("overview column", "Index"), 60, TRUE },
  [PAR_OVERVIEW_CLASS] = { NC_("overview column", "Class"), 80, FALSE },
  [PAR_OVERVIEW_RANK] = { NC_("overview column", "Rank"), 50, TRUE },
  [PAR_OVERVIEW_CHANGE] = { NC_("overview column", "Change"), 220, FALSE },
  [PAR_OVERVIEW_PROVISIONAL] = { NC_("overview column", "Provisional"), 80, FALSE },
  [PAR_OVERVIEW_EVIDENCE] = { NC_("overview column", "Evidence"), 90, TRUE },
  [PAR_OVERVIEW_SUBMISSION] = { NC_("overview column", "Submission"), 130, FALSE },
};

static void
par_overview_page_dispose (GObject *object)
{
  ParOverviewPage *self = (ParOverviewPage *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_OVERVIEW_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->model_signals);
  g_clear_object (&self->workspace_signals);
  g_clear_object (&self->model);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->blocks);
  g_clear_object (&self->classes);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->pending_blocks, g_hash_table_unref);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (par_overview_page_parent_class)->dispose (object);
}

/* The dropdown's entry, or NULL for its first ("All …"). */
static const char *
selected_string (GtkDropDown   *dropdown,
                 GtkStringList *list)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (list, selected);
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  ParOverviewPage *self = user_data;
  ParOverviewRow *row = item;
  const char *block = selected_string (self->block_dropdown, self->blocks);
  const char *band = selected_string (self->class_dropdown, self->classes);

  if (block != NULL && g_strcmp0 (par_overview_row_get_text (row, PAR_OVERVIEW_BLOCK), block) != 0)
    return FALSE;
  if (band != NULL && g_strcmp0 (par_overview_row_get_text (row, PAR_OVERVIEW_CLASS), band) != 0)
    return FALSE;
  if (gtk_toggle_button_get_active (self->provisional_button) &&
      !par_overview_row_get_provisional (row))
    return FALSE;
  if (gtk_toggle_button_get_active (self->incomplete_button) &&
      !par_overview_row_get_incomplete (row))
    return FALSE;
  return self->query == NULL || self->query[0] == '\0' ||
         par_text_matches (par_overview_row_get_folded (row), self->query);
}

static void
update_count (ParOverviewPage *self)
{
  g_autofree char *text =
    par_format_unit_count (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)),
                           g_list_model_get_n_items (G_LIST_MODEL (self->store)));

  gtk_label_set_label (self->count_label, text);
}

static void
filter_changed_cb (ParOverviewPage *self)
{
  /* The template's filters are set up before the list. */
  if (self->filter == NULL)
    return;
  g_free (self->query);
  self->query = par_text_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Enter in the search field opens the first unit shown. */
static void
search_activate_cb (ParOverviewPage *self)
{
  filter_changed_cb (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    par_overview_page_activate_row (self, 0);
}

static void
activate_cb (ParOverviewPage *self,
             guint            position)
{
  par_overview_page_activate_row (self, position);
}

/* Rows changed in place: sorted and filtered again. */
static void
rows_changed (ParOverviewPage *self)
{
  self->resorting = TRUE;
  gtk_sorter_changed (gtk_column_view_get_sorter (self->column_view), GTK_SORTER_CHANGE_DIFFERENT);
  self->resorting = FALSE;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
set_loading (ParOverviewPage *self,
             gboolean         loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static void
read_overview_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ParOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ParYearOverview) overview = NULL;

  overview = par_workspace_read_overview_finish (PAR_WORKSPACE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (overview == NULL)
    {
      g_warning ("Cannot read the overview of the year: %s", error->message);
      return;
    }
  if (self->model == NULL || overview->year != par_year_model_get_year (self->model))
    return;
  for (guint i = 0; i < overview->cycles->len; i++)
    {
      const ParUnitCycle *cycle = g_ptr_array_index (overview->cycles, i);
      ParOverviewRow *row = g_hash_table_lookup (self->rows, cycle->unit_code);

      if (row != NULL)
        par_overview_row_set_cycle (row, cycle);
    }
  for (guint i = 0; i < overview->completeness->len; i++)
    {
      const ParUnitCompleteness *completeness = g_ptr_array_index (overview->completeness, i);
      ParOverviewRow *row = g_hash_table_lookup (self->rows, completeness->unit_code);

      if (row != NULL)
        par_overview_row_set_completeness (row, completeness);
    }
  rows_changed (self);
}

/* Every unit's completeness and cycle, on a worker. */
static void
read_overview (ParOverviewPage *self)
{
  g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  if (self->model == NULL)
    return;
  self->read_cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  par_workspace_read_overview_async (par_year_model_get_workspace (self->model),
                                     par_year_model_get_year (self->model),
                                     self->read_cancellable, read_overview_cb,
                                     g_object_ref (self));
}

static void
add_band (GtkStringList *list,
          const char    *band)
{
  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    if (g_str_equal (gtk_string_list_get_string (list, i), band))
      return;
  gtk_string_list_append (list, band);
}

/* The filters' choices: the year's blocks, its sets' classes. */
static void
update_choices (ParOverviewPage *self,
                ParYearResults  *results)
{
  guint n_blocks = results != NULL ? par_year_results_get_n_blocks (results) : 0;
  guint n;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->blocks));
  gtk_string_list_splice (self->blocks, 1, n - 1, NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->classes));
  gtk_string_list_splice (self->classes, 1, n - 1, NULL);
  for (guint block = 0; block < n_blocks; block++)
    {
      ParCriteriaSet *set = par_year_results_get_block_set (results, block);

      gtk_string_list_append (self->blocks, par_year_results_get_block_name (results, block));
      for (guint i = 0; set->bands != NULL && i < set->bands->len; i++)
        add_band (self->classes, g_array_index (set->bands, ParBand, i).label);
    }
  gtk_drop_down_set_selected (self->block_dropdown, 0);
  gtk_drop_down_set_selected (self->class_dropdown, 0);
}

/* Every unit of the year anew, its results at once, the rest on a worker. */
static void
rebuild (ParOverviewPage *self)
{
  ParYearResults *results = self->model != NULL ? par_year_model_get_results (self->model) : NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  self->stale = FALSE;
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->pending);
  g_hash_table_remove_all (self->pending_blocks);
  self->pending_all = FALSE;
  if (results != NULL)
    {
      units = par_year_results_get_ordered (results);
      for (guint i = 0; i < units->len; i++)
        {
          const ParUnitResult *unit = g_ptr_array_index (units, i);
          ParOverviewRow *row = par_overview_row_new (unit->code);

          par_overview_row_set_result (row, results, unit);
          g_hash_table_insert (self->rows, g_strdup (unit->code), row);
          g_ptr_array_add (rows, row);
        }
    }
  update_choices (self, results);
  /* One change of the list, not 3,321. */
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       rows->pdata, rows->len);
  update_count (self);
  read_overview (self);
}

/* Hidden (another page of the year shown), the page reads nothing: the
 * window opens without it, and a value typed on the scores page, which
 * previews its block's results at every key, costs it nothing. It catches
 * up once shown. */
static void
rebuild_when_shown (ParOverviewPage *self)
{
  if (self->model != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_cancellable_cancel (self->read_cancellable);
      g_clear_handle_id (&self->refresh_source, g_source_remove);
      set_loading (self, FALSE);
      self->stale = TRUE;
      return;
    }
  rebuild (self);
}

static void
refresh_block (ParOverviewPage *self,
               guint            block)
{
  ParYearResults *results = par_year_model_get_results (self->model);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ParOverviewRow) row = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      const ParUnitResult *unit;

      if (par_overview_row_get_block (row) != block)
        continue;
      unit = par_year_results_lookup (results, par_overview_row_get_code (row));
      if (unit != NULL)
        par_overview_row_set_result (row, results, unit);
    }
}

static void
refresh_unit (ParOverviewPage *self,
              const char      *code)
{
  ParWorkspace *workspace = par_year_model_get_workspace (self->model);
  int year = par_year_model_get_year (self->model);
  ParOverviewRow *row = g_hash_table_lookup (self->rows, code);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParUnitCompleteness) completeness = NULL;
  g_autoptr(ParUnitCycle) cycle = NULL;

  if (row == NULL)
    return;
  if (!(completeness = par_workspace_get_completeness (workspace, year, code, &error)) ||
      !(cycle = par_workspace_get_unit_cycle (workspace, year, code, &error)))
    {
      /* A unit removed meanwhile: the model's reset reads every unit again. */
      g_debug ("Cannot read unit %s again: %s", code, error->message);
      return;
    }
  par_overview_row_set_completeness (row, completeness);
  par_overview_row_set_cycle (row, cycle);
}

/* What changed is shown once every change is announced: a batch of
 * packages or an import announces many units, one by one. */
static gboolean
refresh_cb (gpointer data)
{
  ParOverviewPage *self = data;
  GHashTableIter iter;
  gpointer key;

  self->refresh_source = 0;
  if (self->model != NULL && !self->stale)
    {
      g_hash_table_iter_init (&iter, self->pending_blocks);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        refresh_block (self, GPOINTER_TO_UINT (key));
      if (self->pending_all)
        read_overview (self);
      else
        {
          g_hash_table_iter_init (&iter, self->pending);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            refresh_unit (self, key);
        }
    }
  self->pending_all = FALSE;
  g_hash_table_remove_all (self->pending);
  g_hash_table_remove_all (self->pending_blocks);
  rows_changed (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (ParOverviewPage *self)
{
  if (self->refresh_source == 0 && !self->stale && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->refresh_source = g_idle_add (refresh_cb, self);
}

static void
queue_unit (ParOverviewPage *self,
            int              year,
            const char      *code)
{
  if (self->model == NULL || year != par_year_model_get_year (self->model))
    return;
  if (code == NULL)
    self->pending_all = TRUE;
  else
    g_hash_table_add (self->pending, g_strdup (code));
  queue_refresh (self);
}

static void
block_changed_cb (ParOverviewPage *self,
                  guint            block)
{
  g_hash_table_add (self->pending_blocks, GUINT_TO_POINTER (block));
  queue_refresh (self);
}

static void
cycle_changed_cb (ParOverviewPage *self,
                  int              year,
                  const char      *unit_code,
                  ParWorkspace    *workspace)
{
  queue_unit (self, year, unit_code);
}

/* Evidence and explanations make the evidence given; self entries the
 * entries made; an appraiser's "not applicable" the evidence expected. */
static void
unit_changed_cb (ParOverviewPage *self,
                 int              year,
                 const char      *unit_code,
                 const char      *criterion_code,
                 ParWorkspace    *workspace)
{
  queue_unit (self, year, unit_code);
}

static void
score_changed_cb (ParOverviewPage *self,
                  int              year,
                  const char      *unit_code,
                  const char      *criterion_code,
                  int              stage,
                  ParWorkspace    *workspace)
{
  queue_unit (self, year, unit_code);
}

static void
year_changed_cb (ParOverviewPage *self,
                 int              year,
                 ParWorkspace    *workspace)
{
  queue_unit (self, year, NULL);
}

/**
 * par_overview_page_set_model:
 * @self: a #ParOverviewPage
 * @model: (nullable): the year shown
 *
 * Shows every unit of @model's year, and follows it from then on.
 */
void
par_overview_page_set_model (ParOverviewPage *self,
                             ParYearModel    *model)
{
  g_return_if_fail (PAR_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (model == NULL || PAR_IS_YEAR_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;
  g_signal_group_set_target (self->model_signals, model);
  g_signal_group_set_target (self->workspace_signals,
                             model != NULL ? par_year_model_get_workspace (model) : NULL);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (model == NULL)
    set_loading (self, FALSE);
  rebuild_when_shown (self);
}

/**
 * par_overview_page_get_rows:
 *
 * Returns: (transfer none): the rows shown, filtered and sorted as shown
 */
GListModel *
par_overview_page_get_rows (ParOverviewPage *self)
{
  g_return_val_if_fail (PAR_IS_OVERVIEW_PAGE (self), NULL);
  return G_LIST_MODEL (self->selection);
}

/**
 * par_overview_page_lookup:
 *
 * Returns: (transfer none) (nullable): the row of unit @code
 */
ParOverviewRow *
par_overview_page_lookup (ParOverviewPage *self,
                          const char      *code)
{
  g_return_val_if_fail (PAR_IS_OVERVIEW_PAGE (self), NULL);
  return g_hash_table_lookup (self->rows, code);
}

/**
 * par_overview_page_get_loading:
 *
 * Returns: whether the units' completeness and cycle are being read
 */
gboolean
par_overview_page_get_loading (ParOverviewPage *self)
{
  g_return_val_if_fail (PAR_IS_OVERVIEW_PAGE (self), FALSE);
  return self->loading;
}

/**
 * par_overview_page_sort_by:
 * @self: a #ParOverviewPage
 * @column: the column
 * @descending: the order
 *
 * What clicking a column's header does.
 */
void
par_overview_page_sort_by (ParOverviewPage   *self,
                           ParOverviewColumn  column,
                           gboolean           descending)
{
  g_return_if_fail (PAR_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (column < PAR_OVERVIEW_N_COLUMNS);

  gtk_column_view_sort_by_column (self->column_view, self->columns[column],
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

static guint
find_string (GtkStringList *list,
             const char    *text)
{
  if (text == NULL)
    return 0;
  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    if (g_str_equal (gtk_string_list_get_string (list, i), text))
      return i;
  return 0;
}

/**
 * par_overview_page_set_filter:
 * @self: a #ParOverviewPage
 * @search: (nullable): the search
 * @block: (nullable): the block shown, %NULL for every block
 * @band: (nullable): the class shown, %NULL for every class
 * @provisional: only the units whose results are provisional
 * @incomplete: only the units whose self-assessment is incomplete
 *
 * What the search field and the filters do.
 */
void
par_overview_page_set_filter (ParOverviewPage *self,
                              const char      *search,
                              const char      *block,
                              const char      *band,
                              gboolean         provisional,
                              gboolean         incomplete)
{
  g_return_if_fail (PAR_IS_OVERVIEW_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search != NULL ? search : "");
  gtk_drop_down_set_selected (self->block_dropdown, find_string (self->blocks, block));
  gtk_drop_down_set_selected (self->class_dropdown, find_string (self->classes, band));
  gtk_toggle_button_set_active (self->provisional_button, provisional);
  gtk_toggle_button_set_active (self->incomplete_button, incomplete);
  /* Without waiting for the search's delay. */
  filter_changed_cb (self);
}

/**
 * par_overview_page_activate_row:
 * @self: a #ParOverviewPage
 * @position: a row's position as shown
 *
 * Opens the unit of the row (double click or Enter on it).
 */
void
par_overview_page_activate_row (ParOverviewPage *self,
                                guint            position)
{
  g_autoptr(ParOverviewRow) row = NULL;

  g_return_if_fail (PAR_IS_OVERVIEW_PAGE (self));

  row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (row != NULL)
    g_signal_emit (self, signals [UNIT_ACTIVATED], 0, par_overview_row_get_code (row));
}

/**
 * par_overview_page_focus_search:
 *
 * Moves the keyboard focus to the search field.
 */
void
par_overview_page_focus_search (ParOverviewPage *self)
{
  g_return_if_fail (PAR_IS_OVERVIEW_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
par_overview_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ParOverviewPage *self = PAR_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
filtered_changed_cb (ParOverviewPage *self)
{
  update_count (self);
}

/* A column sorted anew (its header clicked) shows the first rows, not the
 * row that was at the top before, wherever it went. The column view keeps
 * its list in a GtkListView child, whose "list.scroll-to-item" does it. */
static void
sort_changed_cb (ParOverviewPage *self)
{
  GtkWidget *child;

  if (self->resorting || self->column_view == NULL ||
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
}

/* A cell: the row's text in its column, followed as the row changes. */
static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  ParOverviewColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);
  GtkExpression *row = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  /* A text cut short is read whole in its tooltip. */
  const char *tooltip = column == PAR_OVERVIEW_EVIDENCE ? "evidence-tooltip"
                        : column_info[column].number ? NULL : par_overview_column_get_id (column);

  gtk_label_set_xalign (GTK_LABEL (label), column_info[column].number ? 1.0f : 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column_info[column].number)
    gtk_widget_add_css_class (label, "numeric");
  if (tooltip != NULL)
    gtk_expression_bind (gtk_property_expression_new (PAR_TYPE_OVERVIEW_ROW,
                                                      gtk_expression_ref (row), tooltip),
                         label, "tooltip-text", item);
  gtk_expression_bind (gtk_property_expression_new (PAR_TYPE_OVERVIEW_ROW, row,
                                                    par_overview_column_get_id (column)),
                       label, "label", item);
  gtk_list_item_set_child (item, label);
}

static void
add_columns (ParOverviewPage *self)
{
  for (guint i = 0; i < PAR_OVERVIEW_N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(ParOverviewSorter) sorter = par_overview_sorter_new (i);
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "overview column",
                                                         column_info[i].title),
                                           factory);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, column_info[i].width);
      gtk_column_view_column_set_expand (column, i == PAR_OVERVIEW_NAME);
      gtk_column_view_append_column (self->column_view, column);
      self->columns[i] = column;
      g_object_unref (column);
    }
}

static void
par_overview_page_map (GtkWidget *widget)
{
  ParOverviewPage *self = PAR_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (par_overview_page_parent_class)->map (widget);

  if (self->stale)
    rebuild (self);
  else if (self->pending_all || g_hash_table_size (self->pending) > 0 ||
           g_hash_table_size (self->pending_blocks) > 0)
    queue_refresh (self);
}

static void
par_overview_page_class_init (ParOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_overview_page_dispose;
  object_class->get_property = par_overview_page_get_property;
  widget_class->map = par_overview_page_map;

  /**
   * ParOverviewPage:loading: (getter get_loading)
   *
   * Whether the units' completeness and cycle are being read.
   */
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ParOverviewPage::unit-activated:
   * @code: the unit's code
   *
   * A unit's row was activated: its scores are to be shown.
   */
  signals [UNIT_ACTIVATED] =
    g_signal_new ("unit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/"
                                               "par-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, block_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, class_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, provisional_button);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, incomplete_button);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
}

static void
par_overview_page_init (ParOverviewPage *self)
{
  const char * const all_blocks[] = { C_("overview filter", "All blocks"), NULL };
  const char * const all_classes[] = { C_("overview filter", "All classes"), NULL };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending_blocks = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->blocks = gtk_string_list_new (all_blocks);
  self->classes = gtk_string_list_new (all_classes);
  gtk_drop_down_set_model (self->block_dropdown, G_LIST_MODEL (self->blocks));
  gtk_drop_down_set_model (self->class_dropdown, G_LIST_MODEL (self->classes));

  add_columns (self);
  self->store = g_list_store_new (PAR_TYPE_OVERVIEW_ROW);
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->columns[PAR_OVERVIEW_NAME],
                                  GTK_SORT_ASCENDING);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (filtered_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sort_changed_cb), self, G_CONNECT_SWAPPED);

  self->model_signals = g_signal_group_new (PAR_TYPE_YEAR_MODEL);
  g_signal_group_connect_swapped (self->model_signals, "block-changed",
                                  G_CALLBACK (block_changed_cb), self);
  g_signal_group_connect_swapped (self->model_signals, "reset", G_CALLBACK (rebuild_when_shown),
                                  self);
  self->workspace_signals = g_signal_group_new (PAR_TYPE_WORKSPACE);
  g_signal_group_connect_swapped (self->workspace_signals, "cycle-changed",
                                  G_CALLBACK (cycle_changed_cb), self);
  g_signal_group_connect_swapped (self->workspace_signals, "evidence-changed",
                                  G_CALLBACK (unit_changed_cb), self);
  g_signal_group_connect_swapped (self->workspace_signals, "explanation-changed",
                                  G_CALLBACK (unit_changed_cb), self);
  g_signal_group_connect_swapped (self->workspace_signals, "score-changed",
                                  G_CALLBACK (score_changed_cb), self);
  g_signal_group_connect_swapped (self->workspace_signals, "changed",
                                  G_CALLBACK (year_changed_cb), self);
  update_count (self);
}
