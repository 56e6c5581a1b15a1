/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-dossier"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-decision.h"
#include "par-document-probe.h"
#include "par-dossier-private.h"
#include "par-error.h"
#include "par-evidence-private.h"
#include "par-progress-private.h"
#include "par-output-file.h"
#include "par-worker-private.h"
#include "par-workspace-private.h"

/*
 * The evidence dossier (hồ sơ tài liệu kiểm chứng) of one unit and year,
 * as a PDF (par-dossier-pdf.c) or a zip (par-dossier-zip.c). Both read the
 * documents one at a time, so memory stays flat however large the dossier.
 * The file is written next to the destination and replaces it only when
 * complete: a failed or cancelled dossier leaves what was there.
 */

/**
 * par_dossier_format_for_path:
 * @path: the destination's name
 * @out_format: (out): the format its suffix names
 *
 * Returns: %TRUE when @path ends in `.pdf` or `.zip` (any case)
 */
gboolean
par_dossier_format_for_path (const char       *path,
                             ParDossierFormat *out_format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL && out_format != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".pdf"))
    *out_format = PAR_DOSSIER_FORMAT_PDF;
  else if (g_str_has_suffix (lower, ".zip"))
    *out_format = PAR_DOSSIER_FORMAT_ZIP;
  else
    return FALSE;
  return TRUE;
}

char *
_par_dossier_pages_text (const ParEvidence *evidence)
{
  if (evidence->pages != NULL)
    return g_strdup (evidence->pages);
  /* An office document's pages are those LibreOffice lays out. */
  if (par_media_type_is_office (evidence->document->media_type))
    return g_strdup ("");
  return g_strdup_printf ("%d tr.", evidence->document->page_count);
}

static void
section_clear (gpointer data)
{
  g_free (((ParDossierSection *) data)->explanation);
}

static void
dossier_data_clear (ParDossierData *data)
{
  g_clear_object (&data->workspace);
  g_free (data->unit_code);
  g_free (data->unit_name);
  g_free (data->block_name);
  g_clear_pointer (&data->set, par_criteria_set_unref);
  g_clear_pointer (&data->evidence, g_ptr_array_unref);
  g_clear_pointer (&data->sections, g_array_unref);
  g_clear_pointer (&data->missing, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ParDossierData, dossier_data_clear)

static gboolean
load_dossier (ParWorkspace    *workspace,
              int              year,
              const char      *unit_code,
              ParDossierData  *data,
              GError         **error)
{
  g_autoptr(GHashTable) explanations = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                              g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) missing = NULL;
  ParYearContext *context;
  ParYearUnit *unit;
  ParYearBlock *block;
  guint next = 0;
  int rc;

  if (!(unit = _par_workspace_lookup_unit (workspace, year, unit_code, &context, error)))
    return FALSE;
  block = g_ptr_array_index (context->blocks, unit->block);

  data->workspace = g_object_ref (workspace);
  data->year = year;
  data->unit_code = g_strdup (unit->code);
  data->unit_name = g_strdup (unit->name);
  data->block_name = g_strdup (block->name);
  data->set = par_criteria_set_ref (block->set);
  data->sections = g_array_new (FALSE, TRUE, sizeof (ParDossierSection));
  g_array_set_clear_func (data->sections, section_clear);
  data->missing = g_ptr_array_new ();

  if (!(data->evidence = par_workspace_list_evidence (workspace, year, unit_code, NULL, error)))
    return FALSE;

  stmt = _par_workspace_prepare (workspace,
                                 "SELECT c.code, e.text FROM explanation e"
                                 " JOIN criterion c ON c.id = e.criterion_id"
                                 " WHERE e.year = ? AND e.unit_id = ? AND coalesce (e.text, '') <> ''",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, unit->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (explanations, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (workspace, error);

  for (guint i = 0; i < data->set->leaves->len; i++)
    {
      const ParCriterion *leaf = g_ptr_array_index (data->set->leaves, i);
      ParDossierSection section = { leaf, next, 0, NULL };
      const char *explanation = g_hash_table_lookup (explanations, leaf->code);

      while (next < data->evidence->len &&
             ((ParEvidence *) g_ptr_array_index (data->evidence, next))->leaf_index == leaf->leaf_index)
        {
          next++;
          section.n_evidence++;
        }
      /* An explanation is printed where evidence is missing. */
      if (section.n_evidence == 0 && explanation != NULL)
        section.explanation = g_strdup (explanation);
      if (section.n_evidence > 0 || section.explanation != NULL)
        g_array_append_val (data->sections, section);
    }

  if (!(missing = par_workspace_list_missing_evidence (workspace, year, unit_code, NULL, error)))
    return FALSE;
  for (guint i = 0; i < missing->len; i++)
    g_ptr_array_add (data->missing, (gpointer) g_array_index (missing, ParMissingEvidence, i).leaf);

  return TRUE;
}

/**
 * par_workspace_write_dossier:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @destination: the file to write (replaced when complete)
 * @format: PDF or zip
 * @progress: (nullable) (scope call): receives progress
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the unit's evidence dossier for @year.
 *
 * Returns: %TRUE on success
 */
gboolean
par_workspace_write_dossier (ParWorkspace      *self,
                             int                year,
                             const char        *unit_code,
                             GFile             *destination,
                             ParDossierFormat   format,
                             ParProgressFunc    progress,
                             gpointer           progress_data,
                             GCancellable      *cancellable,
                             GError           **error)
{
  g_auto(ParDossierData) data = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *partial = NULL;
  gint64 previous_cache;
  gboolean ok;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (unit_code != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  /* A published year whose data no longer match its fingerprint gives out
   * nothing (FORMATS.md §7). */
  if (!par_workspace_check_year (self, year, error) ||
      !load_dossier (self, year, unit_code, &data, error))
    return FALSE;
  data.progress = progress;
  data.progress_data = progress_data;

  name = g_file_get_parse_name (destination);
  if (!(path = g_file_get_path (destination)))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("%s: cannot write the file: choose a folder on this computer"), name);
      return FALSE;
    }
  if (!(partial = par_output_file_begin (path, format == PAR_DOSSIER_FORMAT_ZIP ? ".zip" : ".pdf",
                                         &local_error)))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the file: %s"),
                   name, local_error->message);
      return FALSE;
    }

  /* The documents are read once: a large page cache would only hold
   * hundreds of megabytes of them. */
  previous_cache = _par_workspace_set_cache_size (self, -PAR_STREAMING_CACHE_KIB);
  if (format == PAR_DOSSIER_FORMAT_ZIP)
    ok = _par_dossier_write_zip (&data, partial, cancellable, &local_error);
  else
    ok = _par_dossier_write_pdf (&data, partial, cancellable, &local_error);
  _par_workspace_set_cache_size (self, previous_cache);

  /* Written whole or not at all: the partial file replaces the destination
   * only when complete, and is removed otherwise. */
  if (ok && !par_output_file_commit (partial, path, &local_error))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the file: %s"),
                   name, local_error->message);
      return FALSE;
    }
  if (!ok)
    {
      par_output_file_abandon (partial);
      par_output_file_propagate_error (error, name, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (progress != NULL)
    progress (1.0, NULL, progress_data);
  return TRUE;
}

typedef struct
{
  ParWorker        worker;
  ParDossierFormat format;
} DossierTask;

static gpointer
dossier_work (ParWorkspace  *workspace,
              gpointer       task_data,
              GCancellable  *cancellable,
              GError       **error)
{
  DossierTask *dossier = task_data;
  ParWorker *worker = &dossier->worker;

  if (!par_workspace_write_dossier (workspace, worker->year, worker->unit_code, worker->file,
                                    dossier->format, worker->report, worker->relay, cancellable,
                                    error))
    return NULL;
  return PAR_WORK_DONE;
}

/**
 * par_workspace_write_dossier_async:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @destination: the file to write
 * @format: PDF or zip
 * @progress: (nullable): receives progress on the thread-default main context
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * par_workspace_write_dossier() on a worker thread with a connection of
 * its own.
 */
void
par_workspace_write_dossier_async (ParWorkspace        *self,
                                   int                  year,
                                   const char          *unit_code,
                                   GFile               *destination,
                                   ParDossierFormat     format,
                                   ParProgressFunc      progress,
                                   gpointer             progress_data,
                                   GDestroyNotify       progress_destroy,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  DossierTask *dossier;

  g_return_if_fail (PAR_IS_WORKSPACE (self));
  g_return_if_fail (unit_code != NULL);
  g_return_if_fail (G_IS_FILE (destination));

  dossier = g_new0 (DossierTask, 1);
  _par_worker_set_subject (&dossier->worker, year, unit_code, destination);
  dossier->format = format;
  _par_worker_start (self, PAR_WORKSPACE_OPEN_READ, progress, progress_data, progress_destroy,
                     dossier, _par_worker_free, par_workspace_write_dossier_async,
                     dossier_work, NULL, cancellable, callback, user_data);
}

/**
 * par_workspace_write_dossier_finish:
 * @self: a #ParWorkspace
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the dossier was written
 */
gboolean
par_workspace_write_dossier_finish (ParWorkspace  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _par_worker_propagate_boolean (self, result, error);
}
