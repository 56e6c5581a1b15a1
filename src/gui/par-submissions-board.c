/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-submissions-board"

#include "config.h"

#include "par-submissions-board.h"

#include <glib/gi18n.h>

#include "par-cycle.h"
#include "par-format.h"
#include "par-submission-row.h"
#include "par-text.h"

/**
 * ParSubmissionsBoard:
 *
 * Every unit of the year in the cycle between desks (FORMATS.md §8): the
 * round, when its last package was received and sent, where it stands
 * against its stage's deadline, how much is appraised, the verdicts and
 * the open explanation requests. A #GtkColumnView over a sorted, filtered
 * list of #ParSubmissionRow (one per #ParUnitCycle), each column sortable;
 * a search (ignoring case and Vietnamese diacritics) and a state filter.
 *
 * The board observes the workspace of the year's #ParYearModel: packages
 * received, reviews, requests, deadlines and appraisal entries, whoever
 * made them (the window, its workers, parindex-cli), are read again on
 * the next idle. Activating a row emits #ParSubmissionsBoard::unit-activated.
 */
struct _ParSubmissionsBoard
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *state_dropdown;
  GtkLabel           *count_label;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *code_column;

  /* Owned */
  ParYearModel       *model;
  GSignalGroup       *model_signals;
  GSignalGroup       *workspace_signals;
  GListStore         *store;        /* ParSubmissionRow, by code */
  GHashTable         *rows;         /* code → ParSubmissionRow (borrowed) */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  char               *query;
  GHashTable         *pending;      /* unit codes to read again */
  gboolean            pending_all;
  gboolean            unit_side;
  guint               refresh_source;
};

G_DEFINE_FINAL_TYPE (ParSubmissionsBoard, par_submissions_board, GTK_TYPE_WIDGET)

enum {
  FILTER_ALL,
  FILTER_TO_APPRAISE,
  FILTER_NO_PACKAGE,
  FILTER_RETURNED,
  FILTER_REQUESTS,
  FILTER_LATE,
  FILTER_EXTENDED,
};

enum {
  UNIT_ACTIVATED,
  N_SIGNALS
};

enum {
  PROP_0,
  PROP_UNIT_SIDE,
  N_PROPS
};

static guint signals [N_SIGNALS];
static GParamSpec *properties [N_PROPS];

static void
par_submissions_board_dispose (GObject *object)
{
  ParSubmissionsBoard *self = (ParSubmissionsBoard *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_SUBMISSIONS_BOARD);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->model_signals);
  g_clear_object (&self->workspace_signals);
  g_clear_object (&self->model);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (par_submissions_board_parent_class)->dispose (object);
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  ParSubmissionsBoard *self = user_data;
  ParSubmissionRow *row = item;
  ParDeadlineState deadline = par_submission_row_get_deadline_state (row);
  ParSubmissionState state = par_submission_row_get_state (row);
  gboolean shown;

  switch (gtk_drop_down_get_selected (self->state_dropdown))
    {
    case FILTER_TO_APPRAISE:
      shown = state == PAR_SUBMISSION_TO_APPRAISE;
      break;
    case FILTER_NO_PACKAGE:
      shown = state == PAR_SUBMISSION_NOT_RECEIVED;
      break;
    case FILTER_RETURNED:
      shown = state == PAR_SUBMISSION_RETURNED || state == PAR_SUBMISSION_APPRAISAL_RECEIVED;
      break;
    case FILTER_REQUESTS:
      shown = par_submission_row_get_requests (row) > 0;
      break;
    case FILTER_LATE:
      shown = deadline == PAR_DEADLINE_LATE || deadline == PAR_DEADLINE_OVERDUE;
      break;
    case FILTER_EXTENDED:
      shown = deadline == PAR_DEADLINE_EXTENDED;
      break;
    case FILTER_ALL:
    default:
      shown = TRUE;
    }
  return shown && (self->query == NULL || self->query[0] == '\0' ||
                   par_text_matches (par_submission_row_get_folded (row), self->query));
}

static void
update_count (ParSubmissionsBoard *self)
{
  g_autofree char *text =
    par_format_unit_count (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)),
                           g_list_model_get_n_items (G_LIST_MODEL (self->store)));

  gtk_label_set_label (self->count_label, text);
}

static void
filter_changed_cb (ParSubmissionsBoard *self)
{
  g_free (self->query);
  self->query = par_text_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
activate_cb (ParSubmissionsBoard *self,
             guint                position)
{
  g_autoptr(ParSubmissionRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                           position);

  if (row != NULL)
    g_signal_emit (self, signals [UNIT_ACTIVATED], 0, par_submission_row_get_code (row));
}

static void
update_row (ParSubmissionsBoard *self,
            const ParUnitCycle  *cycle,
            gboolean             published)
{
  ParSubmissionRow *row = g_hash_table_lookup (self->rows, cycle->unit_code);

  if (row != NULL)
    {
      par_submission_row_update (row, cycle, published);
      return;
    }
  row = par_submission_row_new (cycle, published);
  g_hash_table_insert (self->rows, g_strdup (cycle->unit_code), row);
  g_list_store_append (self->store, row);
  g_object_unref (row);
}

/* Every unit of the year read again: rows kept (so that the selection and
 * the scroll position stay), added, or removed. */
static void
refresh_all (ParSubmissionsBoard *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cycles = NULL;
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  ParWorkspace *workspace = par_year_model_get_workspace (self->model);
  gboolean published = par_year_model_get_published (self->model);

  cycles = par_workspace_list_cycle (workspace, par_year_model_get_year (self->model), &error);
  if (cycles == NULL)
    {
      g_warning ("Cannot read the submissions of %d: %s", par_year_model_get_year (self->model),
                 error->message);
      return;
    }
  for (guint i = 0; i < cycles->len; i++)
    {
      const ParUnitCycle *cycle = g_ptr_array_index (cycles, i);

      update_row (self, cycle, published);
      g_hash_table_add (present, cycle->unit_code);
    }
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->store)); i > 0; i--)
    {
      g_autoptr(ParSubmissionRow) row = g_list_model_get_item (G_LIST_MODEL (self->store), i - 1);
      const char *code = par_submission_row_get_code (row);

      if (!g_hash_table_contains (present, code))
        {
          g_hash_table_remove (self->rows, code);
          g_list_store_remove (self->store, i - 1);
        }
    }
}

static void
refresh_unit (ParSubmissionsBoard *self,
              const char          *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParUnitCycle) cycle = NULL;

  cycle = par_workspace_get_unit_cycle (par_year_model_get_workspace (self->model),
                                        par_year_model_get_year (self->model), code, &error);
  if (cycle == NULL)
    {
      /* A unit removed meanwhile: the year's reset reads every unit again. */
      g_debug ("Cannot read the submissions of %s: %s", code, error->message);
      return;
    }
  update_row (self, cycle, par_year_model_get_published (self->model));
}

static void
update_unit_side (ParSubmissionsBoard *self)
{
  gboolean unit_side = FALSE;
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->rows);
  while (!unit_side && g_hash_table_iter_next (&iter, NULL, &row))
    unit_side = par_submission_row_get_unit_side (row);
  if (unit_side != self->unit_side)
    {
      self->unit_side = unit_side;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UNIT_SIDE]);
    }
}

/**
 * par_submissions_board_get_unit_side:
 *
 * Returns: whether the year's workspace is a unit's own (it sent a unit's
 *   submissions): deadlines and extensions are the office's, not its own
 */
gboolean
par_submissions_board_get_unit_side (ParSubmissionsBoard *self)
{
  g_return_val_if_fail (PAR_IS_SUBMISSIONS_BOARD (self), FALSE);
  return self->unit_side;
}

static void
par_submissions_board_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ParSubmissionsBoard *self = PAR_SUBMISSIONS_BOARD (object);

  switch (prop_id)
    {
    case PROP_UNIT_SIDE:
      g_value_set_boolean (value, self->unit_side);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The rows whose units changed are read again once the changes are all
 * announced: a batch of packages announces many units, one by one. */
static gboolean
refresh_cb (gpointer data)
{
  ParSubmissionsBoard *self = data;
  GHashTableIter iter;
  gpointer code;

  self->refresh_source = 0;
  if (self->model != NULL)
    {
      if (self->pending_all)
        refresh_all (self);
      else
        {
          g_hash_table_iter_init (&iter, self->pending);
          while (g_hash_table_iter_next (&iter, &code, NULL))
            refresh_unit (self, code);
        }
    }
  self->pending_all = FALSE;
  g_hash_table_remove_all (self->pending);
  /* A row's state may now put it in or out of the filter. */
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
  update_unit_side (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (ParSubmissionsBoard *self,
               const char          *code)
{
  if (code == NULL)
    self->pending_all = TRUE;
  else
    g_hash_table_add (self->pending, g_strdup (code));
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_cb, self);
}

static gboolean
is_shown_year (ParSubmissionsBoard *self,
               int                  year)
{
  return self->model != NULL && year == par_year_model_get_year (self->model);
}

static void
cycle_changed_cb (ParSubmissionsBoard *self,
                  int                  year,
                  const char          *unit_code,
                  ParWorkspace        *workspace)
{
  if (is_shown_year (self, year))
    queue_refresh (self, unit_code);
}

/* Requests are explanations' marks; appraisal entries are counted. */
static void
unit_changed_cb (ParSubmissionsBoard *self,
                 int                  year,
                 const char          *unit_code,
                 const char          *criterion_code,
                 ParWorkspace        *workspace)
{
  if (is_shown_year (self, year) && unit_code != NULL)
    queue_refresh (self, unit_code);
}

static void
score_changed_cb (ParSubmissionsBoard *self,
                  int                  year,
                  const char          *unit_code,
                  const char          *criterion_code,
                  int                  stage,
                  ParWorkspace        *workspace)
{
  if (is_shown_year (self, year) && stage == PAR_STAGE_APPRAISAL)
    queue_refresh (self, unit_code);
}

static void
year_changed_cb (ParSubmissionsBoard *self,
                 int                  year,
                 ParWorkspace        *workspace)
{
  if (is_shown_year (self, year))
    queue_refresh (self, NULL);
}

static void
model_changed_cb (ParSubmissionsBoard *self)
{
  queue_refresh (self, NULL);
}

/**
 * par_submissions_board_set_model:
 * @self: a #ParSubmissionsBoard
 * @model: (nullable): the year shown
 *
 * Shows every unit of @model's year, and follows the workspace from then on.
 */
void
par_submissions_board_set_model (ParSubmissionsBoard *self,
                                 ParYearModel        *model)
{
  g_return_if_fail (PAR_IS_SUBMISSIONS_BOARD (self));
  g_return_if_fail (model == NULL || PAR_IS_YEAR_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;
  g_signal_group_set_target (self->model_signals, model);
  g_signal_group_set_target (self->workspace_signals,
                             model != NULL ? par_year_model_get_workspace (model) : NULL);
  g_hash_table_remove_all (self->rows);
  g_list_store_remove_all (self->store);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_hash_table_remove_all (self->pending);
  self->pending_all = FALSE;
  if (model != NULL)
    {
      self->pending_all = TRUE;
      refresh_cb (self);
    }
  update_count (self);
  update_unit_side (self);
}

/**
 * par_submissions_board_get_rows:
 *
 * Returns: (transfer none): the rows shown, filtered and sorted as shown
 */
GListModel *
par_submissions_board_get_rows (ParSubmissionsBoard *self)
{
  g_return_val_if_fail (PAR_IS_SUBMISSIONS_BOARD (self), NULL);
  return G_LIST_MODEL (self->selection);
}

/**
 * par_submissions_board_lookup:
 *
 * Returns: (transfer none) (nullable): the row of unit @code
 */
ParSubmissionRow *
par_submissions_board_lookup (ParSubmissionsBoard *self,
                              const char          *code)
{
  g_return_val_if_fail (PAR_IS_SUBMISSIONS_BOARD (self), NULL);
  return g_hash_table_lookup (self->rows, code);
}

/**
 * par_submissions_board_get_selected_code:
 *
 * Returns: (nullable): the code of the selected row's unit
 */
const char *
par_submissions_board_get_selected_code (ParSubmissionsBoard *self)
{
  ParSubmissionRow *row;

  g_return_val_if_fail (PAR_IS_SUBMISSIONS_BOARD (self), NULL);

  row = gtk_single_selection_get_selected_item (self->selection);
  return row != NULL ? par_submission_row_get_code (row) : NULL;
}

/**
 * par_submissions_board_set_filter:
 * @self: a #ParSubmissionsBoard
 * @search: (nullable): the search
 * @state: the state filter's entry (0: every unit)
 *
 * What the search field and the state filter do.
 */
void
par_submissions_board_set_filter (ParSubmissionsBoard *self,
                                  const char          *search,
                                  guint                state)
{
  g_return_if_fail (PAR_IS_SUBMISSIONS_BOARD (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search != NULL ? search : "");
  gtk_drop_down_set_selected (self->state_dropdown, state);
  /* Without waiting for the search's delay. */
  filter_changed_cb (self);
}

/**
 * par_submissions_board_sort_by:
 * @self: a #ParSubmissionsBoard
 * @column: a column's id in the template ("round", "received", …)
 * @descending: the order
 */
void
par_submissions_board_sort_by (ParSubmissionsBoard *self,
                               const char          *column,
                               gboolean             descending)
{
  g_autofree char *name = g_strconcat (column, "_column", NULL);
  GObject *found;

  g_return_if_fail (PAR_IS_SUBMISSIONS_BOARD (self));

  found = gtk_widget_get_template_child (GTK_WIDGET (self), PAR_TYPE_SUBMISSIONS_BOARD, name);
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (found));
  gtk_column_view_sort_by_column (self->column_view, GTK_COLUMN_VIEW_COLUMN (found),
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

/**
 * par_submissions_board_focus_search:
 *
 * Moves the keyboard focus to the search field.
 */
void
par_submissions_board_focus_search (ParSubmissionsBoard *self)
{
  g_return_if_fail (PAR_IS_SUBMISSIONS_BOARD (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
filtered_changed_cb (ParSubmissionsBoard *self)
{
  update_count (self);
}

static void
par_submissions_board_class_init (ParSubmissionsBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_submissions_board_dispose;
  object_class->get_property = par_submissions_board_get_property;

  /**
   * ParSubmissionsBoard:unit-side: (getter get_unit_side)
   *
   * Whether the year's workspace is a unit's own.
   */
  properties [PROP_UNIT_SIDE] =
    g_param_spec_boolean ("unit-side", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ParSubmissionsBoard::unit-activated:
   * @code: the unit's code
   *
   * A unit's row was activated (double click, Enter): its scores are to
   * be shown.
   */
  signals [UNIT_ACTIVATED] =
    g_signal_new ("unit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parindex/ParIndex/ui/"
                                               "par-submissions-board.ui");
  gtk_widget_class_bind_template_child (widget_class, ParSubmissionsBoard, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ParSubmissionsBoard, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ParSubmissionsBoard, count_label);
  gtk_widget_class_bind_template_child (widget_class, ParSubmissionsBoard, column_view);
  gtk_widget_class_bind_template_child (widget_class, ParSubmissionsBoard, code_column);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  g_type_ensure (PAR_TYPE_SUBMISSION_ROW);
}

static void
par_submissions_board_init (ParSubmissionsBoard *self)
{
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->store = g_list_store_new (PAR_TYPE_SUBMISSION_ROW);
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->code_column, GTK_SORT_ASCENDING);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (filtered_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->model_signals = g_signal_group_new (PAR_TYPE_YEAR_MODEL);
  g_signal_group_connect_swapped (self->model_signals, "reset", G_CALLBACK (model_changed_cb),
                                  self);
  g_signal_group_connect_swapped (self->model_signals, "notify::published",
                                  G_CALLBACK (model_changed_cb), self);
  self->workspace_signals = g_signal_group_new (PAR_TYPE_WORKSPACE);
  g_signal_group_connect_swapped (self->workspace_signals, "cycle-changed",
                                  G_CALLBACK (cycle_changed_cb), self);
  g_signal_group_connect_swapped (self->workspace_signals, "explanation-changed",
                                  G_CALLBACK (unit_changed_cb), self);
  g_signal_group_connect_swapped (self->workspace_signals, "score-changed",
                                  G_CALLBACK (score_changed_cb), self);
  g_signal_group_connect_swapped (self->workspace_signals, "changed",
                                  G_CALLBACK (year_changed_cb), self);
  update_count (self);
}
