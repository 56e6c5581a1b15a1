/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-year-model"

#include "config.h"

#include "par-year-model.h"

#include "par-error.h"
#include "par-worker-private.h"

/**
 * ParYearModel:
 *
 * One year of a workspace as the window shows it: its units' results, kept
 * equal to the workspace whoever changes it — an edit in the window, an
 * undo, parindex-cli or another window (the workspace announces what other
 * connections commit, par_workspace_watch()). The panes observe it:
 *
 * - #ParYearModel::block-changed: the totals, indices, classes or ranks of
 *   a block's units may have changed (a unit's data were read again, or a
 *   value being typed is previewed in the results);
 * - #ParYearModel::unit-reloaded: a unit's data were read again from the
 *   workspace (the unit being edited shows its new stored values);
 * - #ParYearModel::reset: the year's units themselves changed (added,
 *   removed, renamed, moved): every #ParUnitResult of the model before is
 *   gone;
 * - #ParYearModel:published and #ParYearModel:integrity-error: whether the
 *   year is published, and, once it was verified on a worker
 *   (par_workspace_check_year()), what no longer matches its fingerprint.
 */
struct _ParYearModel
{
  GObject         parent_instance;

  ParWorkspace   *workspace;
  ParYearResults *results;
  GCancellable   *verify_cancellable;
  char           *integrity_error;
  int             year;
  gboolean        published;
  gboolean        verifying;
};

G_DEFINE_FINAL_TYPE (ParYearModel, par_year_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_YEAR,
  PROP_PUBLISHED,
  PROP_INTEGRITY_ERROR,
  PROP_VERIFYING,
  N_PROPS
};

enum {
  BLOCK_CHANGED,
  UNIT_RELOADED,
  RESET,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
par_year_model_dispose (GObject *object)
{
  ParYearModel *self = (ParYearModel *)object;

  g_cancellable_cancel (self->verify_cancellable);
  g_clear_object (&self->verify_cancellable);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (par_year_model_parent_class)->dispose (object);
}

static void
par_year_model_finalize (GObject *object)
{
  ParYearModel *self = (ParYearModel *)object;

  g_clear_pointer (&self->results, par_year_results_free);
  g_free (self->integrity_error);

  G_OBJECT_CLASS (par_year_model_parent_class)->finalize (object);
}

static void
par_year_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ParYearModel *self = PAR_YEAR_MODEL (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_PUBLISHED:
      g_value_set_boolean (value, self->published);
      break;
    case PROP_INTEGRITY_ERROR:
      g_value_set_string (value, self->integrity_error);
      break;
    case PROP_VERIFYING:
      g_value_set_boolean (value, self->verifying);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_year_model_class_init (ParYearModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = par_year_model_dispose;
  object_class->finalize = par_year_model_finalize;
  object_class->get_property = par_year_model_get_property;

  properties [PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, 0, 9999, 0, flags);
  properties [PROP_PUBLISHED] = g_param_spec_boolean ("published", NULL, NULL, FALSE, flags);
  properties [PROP_INTEGRITY_ERROR] =
    g_param_spec_string ("integrity-error", NULL, NULL, NULL, flags);
  properties [PROP_VERIFYING] = g_param_spec_boolean ("verifying", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ParYearModel::block-changed:
   * @self: the model
   * @block: the block's position in the year
   *
   * The results of the block's units may have changed.
   */
  signals [BLOCK_CHANGED] =
    g_signal_new ("block-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * ParYearModel::unit-reloaded:
   * @self: the model
   * @code: the unit's code
   *
   * The unit's data were read again from the workspace, after a change
   * made here or elsewhere; #ParYearModel::block-changed follows.
   */
  signals [UNIT_RELOADED] =
    g_signal_new ("unit-reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * ParYearModel::reset:
   * @self: the model
   *
   * The year's units changed: the results were read anew, and every
   * #ParUnitResult taken from the model before is gone.
   */
  signals [RESET] =
    g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
par_year_model_init (ParYearModel *self)
{
}

static void
set_integrity_error (ParYearModel *self,
                     const char   *message)
{
  if (g_strcmp0 (message, self->integrity_error) == 0)
    return;
  g_free (self->integrity_error);
  self->integrity_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INTEGRITY_ERROR]);
}

static void
set_verifying (ParYearModel *self,
               gboolean      verifying)
{
  if (self->verifying == verifying)
    return;
  self->verifying = verifying;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VERIFYING]);
}

/* A published year is verified on a worker with a connection of its own
 * that only reads: at a national scale it reads every entry and audit
 * record of the year. */
typedef struct
{
  ParWorker worker;
  int       year;
} VerifyTask;

static void
verify_task_free (gpointer data)
{
  VerifyTask *verify_task = data;

  _par_worker_clear (&verify_task->worker);
  g_free (verify_task);
}

/* The year checked on a worker: "" when it holds, what is wrong when it
 * does not (an integrity error is the year's state, not the check's). */
static gpointer
verify_work (ParWorkspace  *workspace,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  VerifyTask *verify_task = task_data;
  g_autoptr(GError) local_error = NULL;

  if (par_workspace_check_year (workspace, verify_task->year, &local_error))
    return g_strdup ("");
  if (g_error_matches (local_error, PAR_ERROR, PAR_ERROR_INTEGRITY))
    return g_strdup (local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static void
verified_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GWeakRef *model_ref = user_data;
  g_autoptr(ParYearModel) self = g_weak_ref_get (model_ref);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = g_task_propagate_pointer (G_TASK (result), &error);

  g_weak_ref_clear (model_ref);
  g_free (model_ref);
  /* A check the model gave up on (another year, a newer check, the model
   * gone) says nothing, even when it ran to its end. */
  if (self == NULL ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  set_verifying (self, FALSE);
  if (error != NULL)
    {
      g_warning ("Cannot verify year %d: %s", self->year, error->message);
      return;
    }
  set_integrity_error (self, message[0] != '\0' ? message : NULL);
}

static void
verify (ParYearModel *self)
{
  VerifyTask *verify_task;
  GWeakRef *model_ref;

  g_cancellable_cancel (self->verify_cancellable);
  g_clear_object (&self->verify_cancellable);
  if (!self->published && self->integrity_error == NULL)
    {
      set_verifying (self, FALSE);
      return;
    }

  self->verify_cancellable = g_cancellable_new ();
  verify_task = g_new0 (VerifyTask, 1);
  verify_task->year = self->year;
  set_verifying (self, TRUE);
  /* A check still running on its worker does not keep the model alive: a
   * cancelled check can end after the model was let go of. */
  model_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (model_ref, self);
  _par_worker_start (self->workspace, PAR_WORKSPACE_OPEN_READ, NULL, NULL, NULL, verify_task,
                     verify_task_free, verify, verify_work, g_free, self->verify_cancellable,
                     verified_cb, model_ref);
}

/* Whether the year is published; an unpublished year whose decision row
 * disagrees with the audit log is found here at once (cheap). */
static void
read_publication (ParYearModel *self)
{
  g_autoptr(GError) error = NULL;
  gboolean published = par_workspace_is_published (self->workspace, self->year, &error);

  if (error != NULL)
    g_warning ("Cannot read whether year %d is published: %s", self->year, error->message);
  if (published != self->published)
    {
      self->published = published;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PUBLISHED]);
    }

  if (!published)
    {
      /* The cheap check of par_workspace_check_year(): the decision row
       * and the audit log agree that the year is not published. */
      g_autoptr(GError) check_error = NULL;

      par_workspace_check_year (self->workspace, self->year, &check_error);
      set_integrity_error (self, g_error_matches (check_error, PAR_ERROR, PAR_ERROR_INTEGRITY)
                                 ? check_error->message : NULL);
    }
  verify (self);
}

static ParYearResults *
compute (ParYearModel  *self,
         GError       **error)
{
  return par_workspace_compute_results (self->workspace, self->year, error);
}

/* Whether @a and @b have the same units, in the same blocks, with the
 * same names (so that the results can be updated in place). */
static gboolean
same_units (ParYearResults *a,
            ParYearResults *b)
{
  g_autoptr(GPtrArray) units = par_year_results_get_ordered (a);

  if (par_year_results_get_n_blocks (a) != par_year_results_get_n_blocks (b))
    return FALSE;
  for (guint block = 0; block < par_year_results_get_n_blocks (a); block++)
    if (par_year_results_get_block_size (a, block) != par_year_results_get_block_size (b, block) ||
        par_year_results_get_block_set (a, block) != par_year_results_get_block_set (b, block) ||
        g_strcmp0 (par_year_results_get_block_name (a, block),
                   par_year_results_get_block_name (b, block)) != 0)
      return FALSE;
  for (guint i = 0; i < units->len; i++)
    {
      ParUnitResult *unit = g_ptr_array_index (units, i);
      ParUnitResult *other = par_year_results_lookup (b, unit->code);

      if (other == NULL || other->block != unit->block || g_strcmp0 (other->name, unit->name) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Reads the whole year again: in place when its units are the same (a
 * unit being edited keeps its loaded entries, read again), else anew. */
static void
reload (ParYearModel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParYearResults) fresh = compute (self, &error);
  g_autoptr(GPtrArray) units = NULL;

  if (fresh == NULL)
    {
      g_warning ("Cannot read year %d again: %s", self->year, error->message);
      return;
    }

  if (!same_units (self->results, fresh))
    {
      g_clear_pointer (&self->results, par_year_results_free);
      self->results = g_steal_pointer (&fresh);
      g_signal_emit (self, signals [RESET], 0);
      read_publication (self);
      return;
    }

  units = par_year_results_get_ordered (self->results);
  for (guint i = 0; i < units->len; i++)
    {
      ParUnitResult *unit = g_ptr_array_index (units, i);

      if (par_year_results_has_entries (self->results, unit))
        {
          if (!par_workspace_reload_unit (self->workspace, self->results, unit, &error))
            g_warning ("Cannot read unit %s again: %s", unit->code, error->message);
          g_clear_error (&error);
          g_signal_emit (self, signals [UNIT_RELOADED], 0, unit->code);
        }
      else
        {
          ParUnitResult *stored = par_year_results_lookup (fresh, unit->code);

          par_year_results_set_totals (self->results, unit, stored->points, stored->max,
                                       stored->self_points, stored->provisional);
          for (guint f = 0; f < par_year_results_get_block_set (fresh, unit->block)->fields->len; f++)
            par_year_results_set_field_totals (self->results, unit, f, stored->fields[f].points,
                                               stored->fields[f].max);
        }
    }
  par_year_results_compute (self->results, FALSE);
  /* The year before as it is now. */
  par_year_results_copy_previous (self->results, fresh);
  for (guint block = 0; block < par_year_results_get_n_blocks (self->results); block++)
    g_signal_emit (self, signals [BLOCK_CHANGED], 0, block);
  read_publication (self);
}

static void
score_changed_cb (ParYearModel *self,
                  int           year,
                  const char   *unit_code,
                  const char   *criterion_code,
                  int           stage,
                  ParWorkspace *workspace)
{
  g_autoptr(GError) error = NULL;
  ParUnitResult *unit;

  if (year == self->year - 1)
    {
      /* The comparison with the year before. */
      reload (self);
      return;
    }
  if (year != self->year || !(unit = par_year_results_lookup (self->results, unit_code)))
    return;

  if (!par_workspace_reload_unit (workspace, self->results, unit, &error))
    {
      g_warning ("Cannot read unit %s again: %s", unit_code, error->message);
      return;
    }
  g_signal_emit (self, signals [UNIT_RELOADED], 0, unit_code);
  g_signal_emit (self, signals [BLOCK_CHANGED], 0, unit->block);
  if (self->published)
    verify (self);
}

static void
changed_cb (ParYearModel *self,
            int           year,
            ParWorkspace *workspace)
{
  if (year == self->year || year == self->year - 1)
    reload (self);
}

/**
 * par_year_model_new:
 * @workspace: the workspace
 * @year: one of its years
 * @error: return location for a #GError
 *
 * Computes the year's results (from the stored unit totals) and follows
 * the workspace from then on. A published year is verified on a worker.
 *
 * Returns: (transfer full) (nullable): the model
 */
ParYearModel *
par_year_model_new (ParWorkspace  *workspace,
                    int            year,
                    GError       **error)
{
  g_autoptr(ParYearModel) self = NULL;

  g_return_val_if_fail (PAR_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (PAR_TYPE_YEAR_MODEL, NULL);
  self->workspace = g_object_ref (workspace);
  self->year = year;
  if (!(self->results = compute (self, error)))
    return NULL;

  g_signal_connect_object (workspace, "score-changed", G_CALLBACK (score_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  read_publication (self);
  return g_steal_pointer (&self);
}

ParWorkspace *
par_year_model_get_workspace (ParYearModel *self)
{
  g_return_val_if_fail (PAR_IS_YEAR_MODEL (self), NULL);
  return self->workspace;
}

int
par_year_model_get_year (ParYearModel *self)
{
  g_return_val_if_fail (PAR_IS_YEAR_MODEL (self), 0);
  return self->year;
}

/**
 * par_year_model_get_results:
 *
 * Returns: (transfer none): the results, valid until #ParYearModel::reset
 */
ParYearResults *
par_year_model_get_results (ParYearModel *self)
{
  g_return_val_if_fail (PAR_IS_YEAR_MODEL (self), NULL);
  return self->results;
}

/**
 * par_year_model_lookup:
 *
 * Returns: (transfer none) (nullable): the unit's results, valid until
 *   #ParYearModel::reset
 */
ParUnitResult *
par_year_model_lookup (ParYearModel *self,
                       const char   *code)
{
  g_return_val_if_fail (PAR_IS_YEAR_MODEL (self), NULL);
  return code != NULL ? par_year_results_lookup (self->results, code) : NULL;
}

gboolean
par_year_model_get_published (ParYearModel *self)
{
  g_return_val_if_fail (PAR_IS_YEAR_MODEL (self), FALSE);
  return self->published;
}

/**
 * par_year_model_get_integrity_error:
 *
 * Returns: (nullable): what no longer matches what was published, or
 *   %NULL when nothing was found
 */
const char *
par_year_model_get_integrity_error (ParYearModel *self)
{
  g_return_val_if_fail (PAR_IS_YEAR_MODEL (self), NULL);
  return self->integrity_error;
}

gboolean
par_year_model_get_verifying (ParYearModel *self)
{
  g_return_val_if_fail (PAR_IS_YEAR_MODEL (self), FALSE);
  return self->verifying;
}

/**
 * par_year_model_block_changed:
 * @self: a #ParYearModel
 * @block: a block of the year
 *
 * Announces that the results of the block's units changed in memory: a
 * value being typed was applied to them (par_year_results_update_entry())
 * before it is saved.
 */
void
par_year_model_block_changed (ParYearModel *self,
                              guint         block)
{
  g_return_if_fail (PAR_IS_YEAR_MODEL (self));
  g_signal_emit (self, signals [BLOCK_CHANGED], 0, block);
}
