/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace-cycle"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-cycle-private.h"
#include "par-error.h"
#include "par-evidence-private.h"
#include "par-progress-private.h"
#include "par-worker-private.h"
#include "par-package-writer.h"

/*
 * Packing the cycle between desks (FORMATS.md §8): `submit` packs a unit's
 * self-assessment, `return` the office's appraisal, each into a package
 * (docs/package-format.md, written with libarchive) that is logged with its
 * content once it is in place.
 */

static gboolean
has_package (GPtrArray      *rows,
             ParPackageKind  kind,
             gboolean        sent)
{
  return _par_cycle_last_package (rows, kind, sent) != NULL;
}

typedef struct
{
  ParProgressFunc progress;
  gpointer        progress_data;
  gint64          done;
  gint64          total;
  gint64          part_start;
} WriteProgress;

static void
report_written (gint64   written,
                gpointer user_data)
{
  WriteProgress *state = user_data;

  state->done = state->part_start + written;
  if (state->progress != NULL && state->total > 0)
    state->progress (0.05 + 0.9 * state->done / state->total, _("Writing the package"),
                     state->progress_data);
}

/*
 * Writes a package of @content to @destination and logs it: the file is
 * complete and flushed before the log's transaction puts it in place, so
 * the log and the file agree (a failure leaves neither).
 */
static ParPackageSummary *
write_package (ParWorkspace      *self,
               ParCycleUnit      *unit,
               ParPackageKind     kind,
               int                round,
               const char        *answers,
               ParCycleContent   *content,
               GHashTable        *document_ids,
               GFile             *destination,
               ParProgressFunc    progress,
               gpointer           progress_data,
               GCancellable      *cancellable,
               GError           **error)
{
  g_autoptr(ParPackageManifest) manifest = par_package_manifest_new ();
  g_autoptr(ParPackageWriter) writer = NULL;
  g_autoptr(ParPackageSummary) summary = g_new0 (ParPackageSummary, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *content_json = par_cycle_content_to_json (content);
  g_autofree char *content_sha = par_sha256_hex_data (content_json, strlen (content_json));
  g_autofree char *manifest_json = NULL;
  g_autofree char *manifest_sha = NULL;
  WriteProgress state = { progress, progress_data, 0, 0, 0 };
  gint64 previous_cache;
  gboolean ok = TRUE;

  manifest->kind = kind;
  manifest->year = unit->context->year;
  manifest->unit_code = g_strdup (unit->unit->code);
  manifest->unit_name = g_strdup (unit->unit->name);
  manifest->block = g_strdup (unit->block->name);
  manifest->round = round;
  manifest->criteria_sha256 = g_strdup (unit->block->set->checksum);
  manifest->criteria_title = g_strdup (unit->block->set->title);
  manifest->created_at = g_date_time_format_iso8601 (now);
  manifest->generator = g_strdup ("ParIndex " PACKAGE_VERSION);
  manifest->answers = g_strdup (answers);
  par_package_manifest_add_part (manifest, par_package_content_name (kind),
                                 strlen (content_json), content_sha);
  for (guint i = 0; i < content->documents->len; i++)
    {
      ParCycleDocument *document = g_ptr_array_index (content->documents, i);
      g_autofree char *name = NULL;

      if (!document->carried)
        continue;
      name = par_package_document_name (document->sha256, document->media_type);
      par_package_manifest_add_part (manifest, name, document->size, document->sha256);
      state.total += document->size;
    }
  manifest_json = par_package_manifest_to_json (manifest);
  manifest_sha = par_sha256_hex_data (manifest_json, strlen (manifest_json));

  if (progress != NULL)
    progress (0.0, _("Writing the package"), progress_data);
  if (!(writer = par_package_writer_new (destination, now, error)) ||
      !par_package_writer_add_data (writer, PAR_PACKAGE_MANIFEST_NAME, manifest_json,
                                    strlen (manifest_json), error) ||
      !par_package_writer_add_data (writer, par_package_content_name (kind), content_json,
                                    strlen (content_json), error))
    return NULL;

  /* The documents are read once: a large page cache would only hold them. */
  previous_cache = _par_workspace_set_cache_size (self, -PAR_STREAMING_CACHE_KIB);
  for (guint i = 1; ok && i < manifest->parts->len; i++)
    {
      const ParPackagePart *part = par_package_manifest_get_part (manifest, i);
      g_autofree char *sha = g_strndup (par_package_document_sha256 (part->name), 64);
      gint64 *document_id = g_hash_table_lookup (document_ids, sha);
      g_autoptr(GInputStream) input = NULL;

      g_assert (document_id != NULL);
      state.part_start = state.done;
      ok = (input = par_workspace_read_document (self, *document_id, error)) != NULL &&
           par_package_writer_add_stream (writer, part->name, input, part->size, part->sha256,
                                          report_written, &state, cancellable, error);
    }
  _par_workspace_set_cache_size (self, previous_cache);
  if (!ok || !par_package_writer_finish (writer, summary->sha256, &summary->size, error))
    return NULL;

  /* Sending changes nothing of the year (a published one may be sent):
   * the log is not the year's data. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !_par_workspace_begin_write (self, 0, error))
    return NULL;
  if (!_par_cycle_log_package (self, unit->context->year, unit->unit, kind, TRUE, round,
                               summary->sha256, manifest_sha, summary->size, manifest->created_at,
                               content_json, error) ||
      !par_package_writer_install (writer, error) ||
      !_par_workspace_commit (self, error))
    {
      _par_workspace_rollback (self);
      return NULL;
    }

  /* The board and the unit's view follow what was sent. */
  _par_workspace_emit_cycle_changed (self, unit->context->year, unit->unit->code);

  summary->kind = kind;
  summary->year = unit->context->year;
  summary->unit_code = g_strdup (unit->unit->code);
  summary->round = round;
  summary->n_entries = content->entries->len;
  summary->n_documents = content->documents->len;
  summary->n_documents_carried = manifest->parts->len - 1;
  if (progress != NULL)
    progress (1.0, NULL, progress_data);
  return g_steal_pointer (&summary);
}

/**
 * par_workspace_submit:
 * @self: a #ParWorkspace, the unit's own
 * @year: the year
 * @unit_code: the unit's code
 * @destination: the package to write (`*.parpkg`, replaced when complete)
 * @flags: whether to carry every document
 * @progress: (nullable) (scope call): receives progress
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Packs the unit's self-assessment — self entries and notes, explanations,
 * every evidence document linked to its criteria with the links and the
 * metadata, and the checksum of the criteria set — into a package of the
 * next round (one more than the last return package received). A document
 * the office said it holds is listed but not carried, unless @flags has
 * %PAR_SUBMIT_FULL. The package is logged with its hash.
 *
 * Refused (%PAR_ERROR_INVALID) in a workspace that receives the unit's
 * submissions (the office's).
 *
 * Returns: (transfer full) (nullable): what the package holds
 */
ParPackageSummary *
par_workspace_submit (ParWorkspace     *self,
                      int               year,
                      const char       *unit_code,
                      GFile            *destination,
                      ParSubmitFlags    flags,
                      ParProgressFunc   progress,
                      gpointer          progress_data,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_autoptr(GPtrArray) packages = NULL;
  g_autoptr(ParCycleContent) content = NULL;
  g_autoptr(GHashTable) document_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              g_free);
  g_autoptr(GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) select_held = NULL;
  const ParPackageRow *last_return;
  ParCycleUnit unit;
  int round;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (unit_code != NULL && G_IS_FILE (destination), NULL);

  if (!(packages = _par_cycle_lookup_packages (self, year, unit_code, &unit, error)))
    return NULL;
  if (has_package (packages, PAR_PACKAGE_SUBMISSION, FALSE))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("this workspace receives the submissions of unit “%s” (it is the office’s); "
                     "submit from the unit’s own workspace"), unit_code);
      return NULL;
    }
  last_return = _par_cycle_last_package (packages, PAR_PACKAGE_RETURN, FALSE);
  round = last_return != NULL ? last_return->round + 1 : 1;
  if (round > PAR_PACKAGE_MAX_ROUND)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("a unit has at most %d rounds"),
                   PAR_PACKAGE_MAX_ROUND);
      return NULL;
    }

  if (!(content = _par_cycle_build_content (self, &unit, PAR_PACKAGE_SUBMISSION, document_ids,
                                            error)))
    return NULL;

  /* Evidence travels once: what the office said it holds stays home. */
  select_held = _par_workspace_prepare (self, "SELECT sha256 FROM held_document"
                                        " WHERE year = ? AND unit_id = ?", error);
  if (select_held == NULL)
    return NULL;
  sqlite3_bind_int (select_held, 1, year);
  sqlite3_bind_int64 (select_held, 2, unit.unit->id);
  while ((rc = sqlite3_step (select_held)) == SQLITE_ROW)
    g_hash_table_add (held, g_strdup ((const char *) sqlite3_column_text (select_held, 0)));
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;
  for (guint i = 0; i < content->documents->len; i++)
    {
      ParCycleDocument *document = g_ptr_array_index (content->documents, i);

      document->carried = round == 1 || (flags & PAR_SUBMIT_FULL) != 0 ||
                          !g_hash_table_contains (held, document->sha256);
    }

  return write_package (self, &unit, PAR_PACKAGE_SUBMISSION, round,
                        last_return != NULL ? last_return->sha256 : NULL, content, document_ids,
                        destination, progress, progress_data, cancellable, error);
}

/**
 * par_workspace_return:
 * @self: a #ParWorkspace, the office's
 * @year: the year
 * @unit_code: the unit's code
 * @destination: the package to write (`*.parpkg`, replaced when complete)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Packs the office's appraisal of a unit — appraisal entries and notes,
 * verdicts and comments per criterion and per evidence document,
 * explanation requests, the documents it holds, the explanation deadline
 * and the unit's extension — into a package of the round last received
 * from the unit. Refused (%PAR_ERROR_INVALID) when no submission of the
 * unit was received.
 *
 * Returns: (transfer full) (nullable): what the package holds
 */
ParPackageSummary *
par_workspace_return (ParWorkspace  *self,
                      int            year,
                      const char    *unit_code,
                      GFile         *destination,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GPtrArray) packages = NULL;
  g_autoptr(ParCycleContent) content = NULL;
  const ParPackageRow *last_submission;
  ParCycleUnit unit;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (unit_code != NULL && G_IS_FILE (destination), NULL);

  if (!(packages = _par_cycle_lookup_packages (self, year, unit_code, &unit, error)))
    return NULL;
  last_submission = _par_cycle_last_package (packages, PAR_PACKAGE_SUBMISSION, FALSE);
  if (last_submission == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("no self-assessment of unit “%s” for %d was received; there is nothing to "
                     "return yet"), unit_code, year);
      return NULL;
    }
  if (!(content = _par_cycle_build_content (self, &unit, PAR_PACKAGE_RETURN, NULL, error)))
    return NULL;

  return write_package (self, &unit, PAR_PACKAGE_RETURN, last_submission->round, NULL, content,
                        NULL, destination, NULL, NULL, cancellable, error);
}

typedef struct
{
  ParWorker       worker;
  ParSubmitFlags  flags;
} SubmitTask;

static gpointer
submit_work (ParWorkspace  *workspace,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  SubmitTask *submit = task_data;
  ParWorker *worker = &submit->worker;

  return par_workspace_submit (workspace, worker->year, worker->unit_code, worker->file,
                               submit->flags, worker->report, worker->relay, cancellable, error);
}

/**
 * par_workspace_submit_async:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @destination: the package to write
 * @flags: whether to carry every document
 * @progress: (nullable): receives progress on the thread-default main context
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * par_workspace_submit() on a worker thread with a connection of its own.
 */
void
par_workspace_submit_async (ParWorkspace         *self,
                            int                   year,
                            const char           *unit_code,
                            GFile                *destination,
                            ParSubmitFlags        flags,
                            ParProgressFunc       progress,
                            gpointer              progress_data,
                            GDestroyNotify        progress_destroy,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  SubmitTask *submit;

  g_return_if_fail (PAR_IS_WORKSPACE (self));
  g_return_if_fail (unit_code != NULL && G_IS_FILE (destination));

  submit = g_new0 (SubmitTask, 1);
  _par_worker_set_subject (&submit->worker, year, unit_code, destination);
  submit->flags = flags;
  _par_worker_start (self, PAR_WORKSPACE_OPEN_EXISTING, progress, progress_data,
                     progress_destroy, submit, _par_worker_free, par_workspace_submit_async,
                     submit_work, (GDestroyNotify) par_package_summary_free, cancellable, callback, user_data);
}

/**
 * par_workspace_submit_finish:
 * @self: a #ParWorkspace
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what the package holds
 */
ParPackageSummary *
par_workspace_submit_finish (ParWorkspace  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  ParPackageSummary *summary;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  summary = g_task_propagate_pointer (G_TASK (result), error);
  if (summary != NULL)
    _par_workspace_emit_cycle_changed (self, summary->year, summary->unit_code);
  return summary;
}
