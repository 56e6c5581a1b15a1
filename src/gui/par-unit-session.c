/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-unit-session"

#include "config.h"

#include "par-unit-session.h"

#include <glib/gi18n.h>

#include "par-error.h"
#include "par-evidence.h"
#include "par-format.h"

/**
 * ParUnitSession:
 *
 * The selected unit as the criteria pane edits it: the criteria tree as
 * rows with the unit's stored entries, and the unit's live results in the
 * year's #ParYearModel. A keystroke is evaluated with par_rule_evaluate()
 * and applied to the results with par_year_results_update_entry()
 * (nothing is written; the model announces it); the end of an edit
 * commits it with par_workspace_set_score(), the one call through which
 * scores reach the workspace. When the model reads the unit again (after
 * a change made here or by another program), the rows show the stored
 * values again and the value being typed is applied again on top.
 */
struct _ParUnitSession
{
  GObject          parent_instance;

  ParYearModel    *model;
  ParWorkspace    *workspace;
  ParYearResults  *results;      /* borrowed: the model's, until its reset */
  ParUnitResult   *unit;         /* borrowed: from results */
  ParCriteriaSet  *set;
  ParCriterionRow *pending_row;  /* the value being typed, not yet saved */
  char            *pending_text;
  ParStage         pending_stage;
  GListStore      *fields;
  GListStore      *missing;      /* ParCriterionRow: leaves lacking evidence */
  GPtrArray       *leaf_rows;    /* by leaf_index, borrowed from the stores */
  GHashTable      *rows_by_code; /* code → row, borrowed */
  int              year;
  ParStage         stage;
  gboolean         editable;

  /* The cycle between desks: the unit's place in it, and its leaves as
   * the office reviewed them (by leaf index; the rows borrow them). */
  ParUnitCycle    *cycle;
  GPtrArray       *reviews;
  ParCriteriaSet  *review_set;   /* holds the reviews' leaves */
  guint            reviews_source;
};

G_DEFINE_FINAL_TYPE (ParUnitSession, par_unit_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STAGE,
  PROP_EDITABLE,
  N_PROPS
};

enum {
  TOTALS_CHANGED,
  COMMITTED,
  REVIEWS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

ParEdit *
par_edit_new (const char *unit_code,
              ParStage    stage)
{
  ParEdit *edit = g_new0 (ParEdit, 1);

  edit->unit_code = g_strdup (unit_code);
  edit->stage = stage;
  edit->codes = g_ptr_array_new_with_free_func (g_free);
  edit->old_values = g_ptr_array_new_with_free_func (g_free);
  edit->new_values = g_ptr_array_new_with_free_func (g_free);
  edit->notes = g_ptr_array_new_with_free_func (g_free);
  return edit;
}

void
par_edit_add (ParEdit    *edit,
              const char *code,
              const char *old_value,
              const char *new_value,
              const char *note)
{
  g_ptr_array_add (edit->codes, g_strdup (code));
  g_ptr_array_add (edit->old_values, g_strdup (old_value));
  g_ptr_array_add (edit->new_values, g_strdup (new_value));
  g_ptr_array_add (edit->notes, g_strdup (note));
}

void
par_edit_free (ParEdit *edit)
{
  if (edit == NULL)
    return;
  g_free (edit->unit_code);
  g_ptr_array_unref (edit->codes);
  g_ptr_array_unref (edit->old_values);
  g_ptr_array_unref (edit->new_values);
  g_ptr_array_unref (edit->notes);
  g_free (edit);
}

static void
par_unit_session_finalize (GObject *object)
{
  ParUnitSession *self = (ParUnitSession *)object;

  g_clear_handle_id (&self->reviews_source, g_source_remove);
  g_clear_pointer (&self->cycle, par_unit_cycle_free);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_clear_pointer (&self->review_set, par_criteria_set_unref);
  g_clear_pointer (&self->rows_by_code, g_hash_table_unref);
  g_clear_pointer (&self->leaf_rows, g_ptr_array_unref);
  g_clear_object (&self->fields);
  g_clear_object (&self->missing);
  g_clear_pointer (&self->set, par_criteria_set_unref);
  g_clear_object (&self->workspace);
  g_clear_object (&self->model);
  g_clear_object (&self->pending_row);
  g_free (self->pending_text);

  G_OBJECT_CLASS (par_unit_session_parent_class)->finalize (object);
}

static void
par_unit_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ParUnitSession *self = PAR_UNIT_SESSION (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_int (value, self->stage);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_unit_session_class_init (ParUnitSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = par_unit_session_finalize;
  object_class->get_property = par_unit_session_get_property;

  properties [PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL, PAR_STAGE_SELF, PAR_STAGE_APPRAISAL, PAR_STAGE_SELF,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ParUnitSession::totals-changed:
   *
   * Emitted when the unit's live results changed (on every valid keystroke).
   */
  signals [TOTALS_CHANGED] =
    g_signal_new ("totals-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * ParUnitSession::committed:
   * @edit: (type gpointer): the #ParEdit just saved
   *
   * Emitted after an edit was saved in the workspace.
   */
  signals [COMMITTED] =
    g_signal_new ("committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * ParUnitSession::reviews-changed:
   *
   * Emitted when the unit's place in the cycle between desks or the
   * office's review of its leaves were read again (a package sent or
   * received, a verdict, a request, an explanation).
   */
  signals [REVIEWS_CHANGED] =
    g_signal_new ("reviews-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
par_unit_session_init (ParUnitSession *self)
{
  self->editable = TRUE;
  self->leaf_rows = g_ptr_array_new ();
  self->rows_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->fields = g_list_store_new (PAR_TYPE_CRITERION_ROW);
  self->missing = g_list_store_new (PAR_TYPE_CRITERION_ROW);
}

static void
add_rows (ParUnitSession *self,
          GListStore     *store,
          GPtrArray      *nodes)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      const ParCriterion *node = g_ptr_array_index (nodes, i);
      g_autoptr(ParCriterionRow) row = par_criterion_row_new (node, self);

      g_list_store_append (store, row);
      g_hash_table_insert (self->rows_by_code, node->code, row);
      if (node->children != NULL)
        add_rows (self, G_LIST_STORE (par_criterion_row_get_children (row)), node->children);
      else
        self->leaf_rows->pdata[node->leaf_index] = row;
    }
}

/* A group shows, per stage, the sum of the points of the leaves below it
 * that have an entry. */
static void
sum_group (ParCriterionRow *row)
{
  GListModel *children = par_criterion_row_get_children (row);
  guint n = g_list_model_get_n_items (children);

  for (guint s = 0; s < PAR_N_STAGES; s++)
    {
      ParMilli points = 0;
      gboolean any = FALSE;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ParCriterionRow) child = g_list_model_get_item (children, i);
          if (par_criterion_row_has_entry (child, s))
            {
              any = TRUE;
              points += par_criterion_row_get_points (child, s);
            }
        }
      par_criterion_row_set_live (row, s, any, points);
    }
}

static void
sum_all_groups (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ParCriterionRow) row = g_list_model_get_item (model, i);
      if (par_criterion_row_is_group (row))
        {
          sum_all_groups (par_criterion_row_get_children (row));
          sum_group (row);
        }
    }
}

static void
sum_ancestors (ParUnitSession     *self,
               const ParCriterion *leaf)
{
  for (const ParCriterion *node = leaf->parent; node != NULL; node = node->parent)
    sum_group (g_hash_table_lookup (self->rows_by_code, node->code));
}

/* Brings the missing list to @leaves (in tree order, as the store is)
 * with the fewest removals and insertions, so that a view keeps its
 * scroll position and its selection. */
static void
sync_missing (ParUnitSession *self,
              GPtrArray      *leaves)
{
  guint position = 0;
  guint next = 0;

  while (position < g_list_model_get_n_items (G_LIST_MODEL (self->missing)) || next < leaves->len)
    {
      g_autoptr(ParCriterionRow) current = g_list_model_get_item (G_LIST_MODEL (self->missing),
                                                                  position);
      ParCriterionRow *wanted = next < leaves->len ? g_ptr_array_index (leaves, next) : NULL;

      if (current != NULL && current == wanted)
        {
          position++;
          next++;
        }
      else if (current != NULL &&
               (wanted == NULL || par_criterion_row_get_node (current)->leaf_index <
                                  par_criterion_row_get_node (wanted)->leaf_index))
        g_list_store_remove (self->missing, position);
      else
        {
          g_list_store_insert (self->missing, position++, wanted);
          next++;
        }
    }
}

static void queue_refresh_reviews (ParUnitSession *self);

/* The evidence column and the warning mark come from the core: the
 * number of documents linked to each leaf, and the leaves with a self
 * entry but neither evidence nor an explanation (what the dossier's
 * "missing evidence" list holds). */
static void
refresh_evidence (ParUnitSession *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GArray) missing = NULL;
  g_autoptr(GPtrArray) missing_rows = g_ptr_array_new ();
  g_autofree gboolean *warn = g_new0 (gboolean, self->set->leaves->len);

  counts = par_workspace_count_evidence (self->workspace, self->year, self->unit->code, &error);
  if (counts != NULL)
    missing = par_workspace_list_missing_evidence (self->workspace, self->year, self->unit->code,
                                                   NULL, &error);
  if (missing == NULL)
    {
      g_warning ("Cannot read the evidence of %s: %s", self->unit->code, error->message);
      return;
    }

  for (guint i = 0; i < missing->len; i++)
    {
      const ParCriterion *leaf = g_array_index (missing, ParMissingEvidence, i).leaf;

      warn[leaf->leaf_index] = TRUE;
      g_ptr_array_add (missing_rows, g_ptr_array_index (self->leaf_rows, leaf->leaf_index));
    }
  for (guint l = 0; l < self->set->leaves->len; l++)
    {
      ParCriterionRow *row = g_ptr_array_index (self->leaf_rows, l);
      const char *code = par_criterion_row_get_node (row)->code;

      par_criterion_row_set_evidence (row, GPOINTER_TO_UINT (g_hash_table_lookup (counts, code)),
                                      warn[l]);
    }
  sync_missing (self, missing_rows);
}

static void
evidence_changed_cb (ParUnitSession *self,
                     int             year,
                     const char     *unit_code,
                     const char     *criterion_code,
                     ParWorkspace   *workspace)
{
  if (year == self->year && (unit_code == NULL || g_str_equal (unit_code, self->unit->code)))
    {
      refresh_evidence (self);
      queue_refresh_reviews (self);
    }
}

/* A group needs an answer when a leaf below it does (the "needs my
 * answer" filter keeps the way down to it). */
static gboolean
mark_groups (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ParCriterionRow) row = g_list_model_get_item (model, i);

      if (par_criterion_row_is_group (row))
        par_criterion_row_set_needs_answer (row,
                                            mark_groups (par_criterion_row_get_children (row)));
      any = any || par_criterion_row_get_needs_answer (row);
    }
  return any;
}

/* The unit's place in the cycle and the office's review of each leaf,
 * read again (par-cycle.h). */
static void
refresh_reviews (ParUnitSession *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(ParUnitCycle) cycle = NULL;
  GPtrArray *old_reviews;

  reviews = par_workspace_list_leaf_reviews (self->workspace, self->year, self->unit->code, &set,
                                             &error);
  if (reviews != NULL)
    cycle = par_workspace_get_unit_cycle (self->workspace, self->year, self->unit->code, &error);
  if (cycle == NULL)
    {
      g_warning ("Cannot read the review of %s: %s", self->unit->code, error->message);
      return;
    }

  /* The rows take the new reviews before the old ones go. */
  for (guint l = 0; l < self->set->leaves->len; l++)
    par_criterion_row_set_review (g_ptr_array_index (self->leaf_rows, l),
                                  l < reviews->len ? g_ptr_array_index (reviews, l) : NULL);
  mark_groups (G_LIST_MODEL (self->fields));
  old_reviews = g_steal_pointer (&self->reviews);
  self->reviews = g_steal_pointer (&reviews);
  g_clear_pointer (&old_reviews, g_ptr_array_unref);
  g_clear_pointer (&self->review_set, par_criteria_set_unref);
  self->review_set = g_steal_pointer (&set);
  g_clear_pointer (&self->cycle, par_unit_cycle_free);
  self->cycle = g_steal_pointer (&cycle);
  g_signal_emit (self, signals [REVIEWS_CHANGED], 0);
}

static gboolean
refresh_reviews_cb (gpointer data)
{
  ParUnitSession *self = data;

  self->reviews_source = 0;
  refresh_reviews (self);
  return G_SOURCE_REMOVE;
}

/* A package received announces many explanations at once: the reviews
 * are read again once they all are. */
static void
queue_refresh_reviews (ParUnitSession *self)
{
  if (self->reviews_source == 0)
    self->reviews_source = g_idle_add (refresh_reviews_cb, self);
}

static void
cycle_changed_cb (ParUnitSession *self,
                  int             year,
                  const char     *unit_code,
                  ParWorkspace   *workspace)
{
  if (year == self->year && (unit_code == NULL || g_str_equal (unit_code, self->unit->code)))
    queue_refresh_reviews (self);
}

/* The rows as the workspace stores the unit's entries; the unit's live
 * results were read by the model. */
static gboolean
read_rows (ParUnitSession  *self,
           GError         **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree ParStoredEntry **by_leaf = NULL;

  entries = par_workspace_list_unit_entries (self->workspace, self->year, self->unit->code,
                                             NULL, error);
  if (entries == NULL)
    return FALSE;

  by_leaf = g_new0 (ParStoredEntry *, self->set->leaves->len * PAR_N_STAGES);
  for (guint i = 0; i < entries->len; i++)
    {
      ParStoredEntry *entry = g_ptr_array_index (entries, i);
      by_leaf[entry->leaf->leaf_index * PAR_N_STAGES + entry->stage] = entry;
    }

  for (guint l = 0; l < self->set->leaves->len; l++)
    {
      ParCriterionRow *row = g_ptr_array_index (self->leaf_rows, l);

      for (guint s = 0; s < PAR_N_STAGES; s++)
        {
          ParStoredEntry *entry = by_leaf[l * PAR_N_STAGES + s];

          par_criterion_row_set_stored (row, s, entry != NULL ? entry->value : NULL,
                                        entry != NULL ? entry->note : NULL);
          par_criterion_row_set_live (row, s, entry != NULL && entry->state != PAR_ENTRY_EMPTY,
                                      entry != NULL ? entry->points : 0);
          /* The value being typed keeps its message. */
          if (row != self->pending_row || s != self->pending_stage)
            par_criterion_row_set_error (row, s, NULL);
        }
    }
  refresh_evidence (self);
  sum_all_groups (G_LIST_MODEL (self->fields));
  return TRUE;
}

static void apply_pending (ParUnitSession *self);

static void
unit_reloaded_cb (ParUnitSession *self,
                  const char     *code,
                  ParYearModel   *model)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (code, self->unit->code))
    return;
  if (!read_rows (self, &error))
    {
      g_warning ("Cannot read the entries of %s again: %s", code, error->message);
      return;
    }
  apply_pending (self);
  g_signal_emit (self, signals [TOTALS_CHANGED], 0);
}

static void
publication_changed_cb (ParUnitSession *self)
{
  gboolean editable = !par_year_model_get_published (self->model);

  if (editable != self->editable)
    {
      self->editable = editable;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EDITABLE]);
    }
}

/**
 * par_unit_session_new:
 * @model: the year
 * @unit_code: one of its units
 * @error: return location for a #GError
 *
 * Loads the unit's entries into the year's results, which then follow
 * every edit of the unit live.
 *
 * Returns: (transfer full) (nullable): the session
 */
ParUnitSession *
par_unit_session_new (ParYearModel  *model,
                      const char    *unit_code,
                      GError       **error)
{
  g_autoptr(ParUnitSession) self = NULL;

  g_return_val_if_fail (PAR_IS_YEAR_MODEL (model), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  self = g_object_new (PAR_TYPE_UNIT_SESSION, NULL);
  self->model = g_object_ref (model);
  self->workspace = g_object_ref (par_year_model_get_workspace (model));
  self->results = par_year_model_get_results (model);
  self->year = par_year_model_get_year (model);
  self->unit = par_year_model_lookup (model, unit_code);
  if (self->unit == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("unit “%s” is not in year %d"),
                   unit_code, self->year);
      return NULL;
    }
  self->set = par_criteria_set_ref (par_year_results_get_block_set (self->results,
                                                                   self->unit->block));
  g_ptr_array_set_size (self->leaf_rows, self->set->leaves->len);
  add_rows (self, self->fields, self->set->fields);
  self->editable = !par_year_model_get_published (model);

  /* The unit's sums now come from its entries, read here. */
  if (!par_workspace_load_unit_entries (self->workspace, self->results, self->unit, error) ||
      !read_rows (self, error))
    return NULL;
  par_year_results_refresh_unit (self->results, self->unit);
  par_year_model_block_changed (model, self->unit->block);
  refresh_reviews (self);

  g_signal_connect_object (model, "unit-reloaded", G_CALLBACK (unit_reloaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::published", G_CALLBACK (publication_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "evidence-changed", G_CALLBACK (evidence_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "explanation-changed",
                           G_CALLBACK (evidence_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "cycle-changed", G_CALLBACK (cycle_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return g_steal_pointer (&self);
}

ParYearModel *
par_unit_session_get_year_model (ParUnitSession *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), NULL);
  return self->model;
}

ParWorkspace *
par_unit_session_get_workspace (ParUnitSession *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), NULL);
  return self->workspace;
}

ParUnitResult *
par_unit_session_get_unit (ParUnitSession *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), NULL);
  return self->unit;
}

ParYearResults *
par_unit_session_get_results (ParUnitSession *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), NULL);
  return self->results;
}

ParCriteriaSet *
par_unit_session_get_set (ParUnitSession *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), NULL);
  return self->set;
}

int
par_unit_session_get_year (ParUnitSession *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), 0);
  return self->year;
}

/**
 * par_unit_session_get_model:
 *
 * Returns: (transfer none): the rows of the top-level nodes
 */
GListModel *
par_unit_session_get_model (ParUnitSession *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), NULL);
  return G_LIST_MODEL (self->fields);
}

/**
 * par_unit_session_get_missing:
 *
 * The unit's "missing evidence" list, kept up to date as evidence,
 * explanations and self entries change.
 *
 * Returns: (transfer none): the rows of the applicable leaves with a self
 *   entry but neither evidence nor an explanation, in tree order
 */
GListModel *
par_unit_session_get_missing (ParUnitSession *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), NULL);
  return G_LIST_MODEL (self->missing);
}

/**
 * par_unit_session_lookup:
 *
 * Returns: (transfer none) (nullable): the row of the node @code
 */
ParCriterionRow *
par_unit_session_lookup (ParUnitSession *self,
                         const char     *code)
{
  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), NULL);
  return g_hash_table_lookup (self->rows_by_code, code);
}

ParStage
par_unit_session_get_stage (ParUnitSession *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), PAR_STAGE_SELF);
  return self->stage;
}

void
par_unit_session_set_stage (ParUnitSession *self,
                            ParStage        stage)
{
  g_return_if_fail (PAR_IS_UNIT_SESSION (self));

  if (self->stage != stage)
    {
      self->stage = stage;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STAGE]);
    }
}

gboolean
par_unit_session_get_editable (ParUnitSession *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), FALSE);
  return self->editable;
}

/**
 * par_unit_session_can_edit:
 *
 * Returns: whether @row's entry of @stage can be typed in now: a leaf, of
 *   the current stage, in a year that is not published, and not a survey
 *   leaf at the self stage
 */
gboolean
par_unit_session_can_edit (ParUnitSession  *self,
                           ParCriterionRow *row,
                           ParStage         stage)
{
  const ParCriterion *node;

  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), FALSE);

  node = par_criterion_row_get_node (row);
  return self->editable && stage == self->stage && node->children == NULL &&
         !(node->rule.kind == PAR_RULE_SURVEY && stage == PAR_STAGE_SELF);
}

static void
apply (ParUnitSession  *self,
       ParCriterionRow *row,
       ParStage         stage,
       const ParEntry  *entry)
{
  const ParCriterion *leaf = par_criterion_row_get_node (row);

  par_year_results_update_entry (self->results, self->unit, leaf->leaf_index, stage, entry);
  par_criterion_row_set_live (row, stage, entry->state != PAR_ENTRY_EMPTY, entry->points);
  sum_ancestors (self, leaf);
  par_year_model_block_changed (self->model, self->unit->block);
  g_signal_emit (self, signals [TOTALS_CHANGED], 0);
}

static void
apply_stored (ParUnitSession  *self,
              ParCriterionRow *row,
              ParStage         stage)
{
  ParEntry entry = { PAR_ENTRY_EMPTY, NULL, 0, TRUE };

  /* The stored value was valid when it was written. */
  if (!par_rule_evaluate (par_criterion_row_get_node (row), stage,
                          par_criterion_row_get_value (row, stage), TRUE, &entry, NULL))
    return;
  apply (self, row, stage, &entry);
  par_entry_clear (&entry);
}

static gboolean
evaluate (ParUnitSession  *self,
          ParCriterionRow *row,
          ParStage         stage,
          const char      *text,
          ParEntry        *out_entry,
          GError         **error)
{
  const ParCriterion *leaf = par_criterion_row_get_node (row);
  g_autofree char *canonical = par_format_parse_value (text);
  g_autoptr(GError) local_error = NULL;

  if (!par_rule_evaluate (leaf, stage, canonical, TRUE, out_entry, &local_error))
    {
      g_autofree char *message = par_format_short_error (leaf, canonical, local_error->message);

      par_criterion_row_set_error (row, stage, message);
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, message);
      return FALSE;
    }
  par_criterion_row_set_error (row, stage, NULL);
  return TRUE;
}

static void
set_pending (ParUnitSession  *self,
             ParCriterionRow *row,
             ParStage         stage,
             const char      *text)
{
  g_set_object (&self->pending_row, row);
  self->pending_stage = stage;
  g_free (self->pending_text);
  self->pending_text = g_strdup (text);
}

static void
clear_pending (ParUnitSession  *self,
               ParCriterionRow *row,
               ParStage         stage)
{
  if (self->pending_row == row && self->pending_stage == stage)
    {
      g_clear_object (&self->pending_row);
      g_clear_pointer (&self->pending_text, g_free);
    }
}

/* The value being typed, applied again on top of entries read again. */
static void
apply_pending (ParUnitSession *self)
{
  ParEntry entry = { PAR_ENTRY_EMPTY, NULL, 0, TRUE };

  if (self->pending_row == NULL)
    return;
  if (evaluate (self, self->pending_row, self->pending_stage, self->pending_text, &entry, NULL))
    apply (self, self->pending_row, self->pending_stage, &entry);
  par_entry_clear (&entry);
}

/**
 * par_unit_session_get_pending:
 * @self: a #ParUnitSession
 * @out_stage: (out) (optional): the stage of the value being typed
 *
 * Returns: (transfer none) (nullable): the row of the value being typed and
 *   not yet saved (shown in the totals, or refused with a message)
 */
ParCriterionRow *
par_unit_session_get_pending (ParUnitSession *self,
                              ParStage       *out_stage)
{
  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), NULL);

  if (out_stage != NULL)
    *out_stage = self->pending_stage;
  return self->pending_row;
}

/**
 * par_unit_session_preview:
 * @self: a #ParUnitSession
 * @row: a leaf's row
 * @stage: the stage being edited
 * @text: the text in the cell
 *
 * Shows what @text would give, without writing it: the row's points, the
 * group sums and the unit's totals. Invalid text shows its error on the
 * row and the totals of the last valid value.
 *
 * Returns: whether @text is valid
 */
gboolean
par_unit_session_preview (ParUnitSession  *self,
                          ParCriterionRow *row,
                          ParStage         stage,
                          const char      *text)
{
  ParEntry entry = { PAR_ENTRY_EMPTY, NULL, 0, TRUE };

  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), FALSE);
  g_return_val_if_fail (PAR_IS_CRITERION_ROW (row), FALSE);

  /* For PARINDEX_PROFILE: when the keystroke started to be handled. */
  g_object_set_data (G_OBJECT (self), "profile-start", GSIZE_TO_POINTER (g_get_monotonic_time ()));
  set_pending (self, row, stage, text);
  if (!evaluate (self, row, stage, text, &entry, NULL))
    {
      apply_stored (self, row, stage);
      g_object_set_data (G_OBJECT (self), "profile-start", NULL);
      return FALSE;
    }
  apply (self, row, stage, &entry);
  par_entry_clear (&entry);
  g_object_set_data (G_OBJECT (self), "profile-start", NULL);
  return TRUE;
}

/**
 * par_unit_session_revert:
 *
 * Drops a preview: the row and the totals show the stored value again.
 */
void
par_unit_session_revert (ParUnitSession  *self,
                         ParCriterionRow *row,
                         ParStage         stage)
{
  g_return_if_fail (PAR_IS_UNIT_SESSION (self));

  clear_pending (self, row, stage);
  par_criterion_row_set_error (row, stage, NULL);
  apply_stored (self, row, stage);
}

/**
 * par_unit_session_commit:
 * @self: a #ParUnitSession
 * @row: a leaf's row
 * @stage: the stage
 * @text: the text in the cell
 * @error: return location for a #GError
 *
 * Saves @text through par_workspace_set_score(). Invalid text is not
 * written: the row shows the error and the last valid value stays.
 *
 * Returns: %TRUE when the value is saved (or was already)
 */
gboolean
par_unit_session_commit (ParUnitSession   *self,
                         ParCriterionRow  *row,
                         ParStage          stage,
                         const char       *text,
                         GError          **error)
{
  const ParCriterion *leaf;
  ParEntry entry = { PAR_ENTRY_EMPTY, NULL, 0, TRUE };
  g_autoptr(ParEdit) edit = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *note = NULL;

  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), FALSE);
  g_return_val_if_fail (PAR_IS_CRITERION_ROW (row), FALSE);

  leaf = par_criterion_row_get_node (row);
  if (!par_unit_session_can_edit (self, row, stage))
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           self->editable ? _("This entry cannot be edited at this stage")
                                          : _("The year is published: its scores are frozen"));
      return FALSE;
    }
  if (!evaluate (self, row, stage, text, &entry, error))
    {
      /* Refused, the text is still pending: corrected, or cancelled. */
      set_pending (self, row, stage, text);
      apply_stored (self, row, stage);
      return FALSE;
    }

  /* Copies: saving makes the workspace announce the change, and the row
   * may be read again (its note freed) before the edit is recorded. */
  old_value = g_strdup (par_criterion_row_get_value (row, stage));
  note = g_strdup (par_criterion_row_get_note (row, stage));
  if (g_strcmp0 (old_value, entry.value) == 0)
    {
      clear_pending (self, row, stage);
      apply (self, row, stage, &entry);
      par_entry_clear (&entry);
      return TRUE;
    }

  /* Saved, the value is no longer pending: the workspace's announcement
   * reads the unit again without applying it on top. */
  clear_pending (self, row, stage);
  if (!par_workspace_set_score (self->workspace, self->year, self->unit->code, leaf->code, stage,
                                entry.value, entry.value != NULL ? note : NULL, error))
    {
      par_criterion_row_set_error (row, stage, NULL);
      apply_stored (self, row, stage);
      par_entry_clear (&entry);
      return FALSE;
    }

  edit = par_edit_new (self->unit->code, stage);
  par_edit_add (edit, leaf->code, old_value, entry.value, note);
  par_criterion_row_set_stored (row, stage, entry.value, entry.value != NULL ? note : NULL);
  apply (self, row, stage, &entry);
  /* A self entry (or an appraisal "not applicable") changes what is missing. */
  refresh_evidence (self);
  par_entry_clear (&entry);

  g_signal_emit (self, signals [COMMITTED], 0, edit);
  return TRUE;
}

/**
 * par_unit_session_set_note:
 *
 * Saves the note kept with an entry (the entry must have a value).
 *
 * Returns: %TRUE when saved
 */
gboolean
par_unit_session_set_note (ParUnitSession   *self,
                           ParCriterionRow  *row,
                           ParStage          stage,
                           const char       *note,
                           GError          **error)
{
  const char *value;
  const ParCriterion *leaf;

  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), FALSE);

  leaf = par_criterion_row_get_node (row);
  value = par_criterion_row_get_value (row, stage);
  if (g_strcmp0 (note != NULL && note[0] != '\0' ? note : NULL,
                 par_criterion_row_get_note (row, stage)) == 0)
    return TRUE;
  if (value == NULL)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("Enter a score before writing a note"));
      return FALSE;
    }
  if (!par_workspace_set_score (self->workspace, self->year, self->unit->code, leaf->code, stage,
                                value, note, error))
    return FALSE;
  par_criterion_row_set_stored (row, stage, value, note != NULL && note[0] != '\0' ? note : NULL);
  return TRUE;
}

/**
 * par_unit_session_get_cycle:
 *
 * Returns: (transfer none) (nullable): the unit's place in the cycle
 *   between desks, as last read
 */
const ParUnitCycle *
par_unit_session_get_cycle (ParUnitSession *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), NULL);
  return self->cycle;
}

/**
 * par_unit_session_get_office_side:
 *
 * Returns: whether this workspace receives the unit's submissions (it is
 *   the office's): the office reviews the unit and returns its appraisal
 */
gboolean
par_unit_session_get_office_side (ParUnitSession *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), FALSE);
  return self->cycle != NULL && !self->cycle->unit_side &&
         self->cycle->received_kind == PAR_PACKAGE_SUBMISSION && self->cycle->received_round > 0;
}

/**
 * par_unit_session_get_unit_side:
 *
 * Returns: whether this workspace is the unit's own (it sent the unit's
 *   self-assessment for appraisal)
 */
gboolean
par_unit_session_get_unit_side (ParUnitSession *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), FALSE);
  return self->cycle != NULL && self->cycle->unit_side;
}

/**
 * par_unit_session_count_needs_answer:
 *
 * Returns: the leaves the unit must still answer (the "needs my answer"
 *   filter shows them)
 */
guint
par_unit_session_count_needs_answer (ParUnitSession *self)
{
  guint count = 0;

  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), 0);

  for (guint i = 0; self->reviews != NULL && i < self->reviews->len; i++)
    if (((ParLeafReview *) g_ptr_array_index (self->reviews, i))->needs_answer)
      count++;
  return count;
}
