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
 * rows with the unit's stored entries, and the unit's live results. A
 * keystroke is evaluated with par_rule_evaluate() and applied to the
 * results with par_year_results_update_entry() (nothing is written); the
 * end of an edit commits it with par_workspace_set_score(), the one call
 * through which scores reach the workspace.
 */
struct _ParUnitSession
{
  GObject          parent_instance;

  ParWorkspace    *workspace;
  ParYearResults  *results;      /* borrowed: the window's, outlives the session */
  ParUnitResult   *unit;         /* borrowed: from results */
  ParCriteriaSet  *set;
  GListStore      *fields;
  GListStore      *missing;      /* ParCriterionRow: leaves lacking evidence */
  GPtrArray       *leaf_rows;    /* by leaf_index, borrowed from the stores */
  GHashTable      *rows_by_code; /* code → row, borrowed */
  int              year;
  ParStage         stage;
  gboolean         editable;
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

  g_clear_pointer (&self->rows_by_code, g_hash_table_unref);
  g_clear_pointer (&self->leaf_rows, g_ptr_array_unref);
  g_clear_object (&self->fields);
  g_clear_object (&self->missing);
  g_clear_pointer (&self->set, par_criteria_set_unref);
  g_clear_object (&self->workspace);

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
    refresh_evidence (self);
}

static gboolean
load (ParUnitSession  *self,
      GError         **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree ParStoredEntry **by_leaf = NULL;
  ParEntry recompute = { PAR_ENTRY_EMPTY, NULL, 0, TRUE };

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
          ParEntryState state = entry != NULL ? entry->state : PAR_ENTRY_EMPTY;

          par_year_results_load_entry (self->results, self->unit, l, s, state,
                                       entry != NULL ? entry->points : 0,
                                       entry != NULL ? entry->applicable : TRUE);
          par_criterion_row_set_stored (row, s, entry != NULL ? entry->value : NULL,
                                        entry != NULL ? entry->note : NULL);
          par_criterion_row_set_live (row, s, state != PAR_ENTRY_EMPTY,
                                      entry != NULL ? entry->points : 0);
          par_criterion_row_set_error (row, s, NULL);
        }
    }
  refresh_evidence (self);

  /* Re-applying one entry as it is recomputes the unit's sums, index, band
   * and its block's ranks. */
  par_year_results_get_entry (self->results, self->unit, 0, PAR_STAGE_SELF,
                              &recompute.state, &recompute.points);
  recompute.applicable = by_leaf[0] != NULL ? by_leaf[0]->applicable : TRUE;
  par_year_results_update_entry (self->results, self->unit, 0, PAR_STAGE_SELF, &recompute);

  sum_all_groups (G_LIST_MODEL (self->fields));
  return TRUE;
}

/**
 * par_unit_session_new:
 * @workspace: the workspace
 * @results: (transfer none): the year's results, which must outlive the session
 * @unit: (transfer none): a unit of @results
 * @error: return location for a #GError
 *
 * Loads the unit's entries.
 *
 * Returns: (transfer full) (nullable): the session
 */
ParUnitSession *
par_unit_session_new (ParWorkspace    *workspace,
                      ParYearResults  *results,
                      ParUnitResult   *unit,
                      GError         **error)
{
  g_autoptr(ParUnitSession) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PAR_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (results != NULL && unit != NULL, NULL);

  self = g_object_new (PAR_TYPE_UNIT_SESSION, NULL);
  self->workspace = g_object_ref (workspace);
  self->results = results;
  self->unit = unit;
  self->year = par_year_results_get_year (results);
  self->set = par_criteria_set_ref (par_year_results_get_block_set (results, unit->block));
  g_ptr_array_set_size (self->leaf_rows, self->set->leaves->len);
  add_rows (self, self->fields, self->set->fields);

  self->editable = !par_workspace_is_published (workspace, self->year, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!load (self, error))
    return NULL;
  g_signal_connect_object (workspace, "evidence-changed", G_CALLBACK (evidence_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "explanation-changed", G_CALLBACK (evidence_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return g_steal_pointer (&self);
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
  const char *note;

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
      apply_stored (self, row, stage);
      return FALSE;
    }

  old_value = g_strdup (par_criterion_row_get_value (row, stage));
  note = par_criterion_row_get_note (row, stage);
  if (g_strcmp0 (old_value, entry.value) == 0)
    {
      apply (self, row, stage, &entry);
      par_entry_clear (&entry);
      return TRUE;
    }

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
 * par_unit_session_reload:
 *
 * Reads the unit's entries again, after a change made elsewhere (undo,
 * accepting the self-assessment).
 *
 * Returns: %TRUE on success
 */
gboolean
par_unit_session_reload (ParUnitSession  *self,
                         GError         **error)
{
  g_return_val_if_fail (PAR_IS_UNIT_SESSION (self), FALSE);

  if (!load (self, error))
    return FALSE;
  g_signal_emit (self, signals [TOTALS_CHANGED], 0);
  return TRUE;
}
