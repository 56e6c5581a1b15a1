/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-dossier"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-dossier-private.h"
#include "par-error.h"
#include "par-evidence-private.h"
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
_par_dossier_format_date (const char *iso_date)
{
  g_auto(GStrv) parts = NULL;

  if (iso_date == NULL)
    return g_strdup ("");
  parts = g_strsplit (iso_date, "-", 3);
  if (g_strv_length (parts) != 3)
    return g_strdup (iso_date);
  return g_strdup_printf ("%s/%s/%s", parts[2], parts[1], parts[0]);
}

char *
_par_dossier_pages_text (const ParEvidence *evidence)
{
  if (evidence->pages != NULL)
    return g_strdup (evidence->pages);
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

  if (!(context = _par_workspace_get_year (workspace, year, error)))
    return FALSE;
  unit = g_hash_table_lookup (context->units_by_code, unit_code);
  if (unit == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("unit “%s” is not in year %d"),
                   unit_code, year);
      return FALSE;
    }
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
          data->total_pages += ((ParEvidence *) g_ptr_array_index (data->evidence, next))->document->page_count;
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
  g_autoptr(GFileOutputStream) output = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  gint64 previous_cache;
  gboolean ok;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (unit_code != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  if (!load_dossier (self, year, unit_code, &data, error))
    return FALSE;
  data.progress = progress;
  data.progress_data = progress_data;

  name = g_file_get_parse_name (destination);
  if (!(output = g_file_replace (destination, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                 cancellable, &local_error)))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the file: %s"),
                   name, local_error->message);
      return FALSE;
    }

  /* The documents are read once: a large page cache would only hold
   * hundreds of megabytes of them. */
  previous_cache = _par_workspace_set_cache_size (self, -PAR_STREAMING_CACHE_KIB);
  if (format == PAR_DOSSIER_FORMAT_ZIP)
    ok = _par_dossier_write_zip (&data, G_OUTPUT_STREAM (output), cancellable, &local_error);
  else
    ok = _par_dossier_write_pdf (&data, G_OUTPUT_STREAM (output), cancellable, &local_error);
  _par_workspace_set_cache_size (self, previous_cache);

  if (!ok)
    {
      /* Closing with a cancelled cancellable drops the temporary file and
       * leaves the destination as it was. */
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (output), abort, NULL);
      if (local_error->domain == PAR_ERROR ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the file: %s"),
                     name, local_error->message);
      return FALSE;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (output), cancellable, &local_error))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the file: %s"),
                   name, local_error->message);
      return FALSE;
    }

  if (progress != NULL)
    progress (1.0, NULL, progress_data);
  return TRUE;
}

typedef struct
{
  char            *path;
  int              year;
  char            *unit_code;
  GFile           *destination;
  ParDossierFormat format;
  ParProgressFunc  progress;
  gpointer         progress_data;
  GDestroyNotify   progress_destroy;
  GMainContext    *context;
} DossierTask;

static void
dossier_task_free (gpointer data)
{
  DossierTask *task = data;

  g_free (task->path);
  g_free (task->unit_code);
  g_clear_object (&task->destination);
  if (task->progress_destroy != NULL)
    task->progress_destroy (task->progress_data);
  g_main_context_unref (task->context);
  g_free (task);
}

static void
dossier_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  DossierTask *dossier = task_data;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  ParProgressFunc report = NULL;
  gpointer relay = NULL;
  gboolean ok;

  if (dossier->progress != NULL)
    relay = _par_progress_relay_new (dossier->context, dossier->progress, dossier->progress_data,
                                     &report);

  /* A connection of its own: the window keeps using its connection. */
  workspace = par_workspace_open (dossier->path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  ok = workspace != NULL &&
       par_workspace_write_dossier (workspace, dossier->year, dossier->unit_code,
                                    dossier->destination, dossier->format, report, relay,
                                    cancellable, &error);
  if (relay != NULL)
    _par_progress_relay_unref (relay);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
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
  g_autoptr(GTask) task = NULL;
  DossierTask *dossier;

  g_return_if_fail (PAR_IS_WORKSPACE (self));
  g_return_if_fail (unit_code != NULL);
  g_return_if_fail (G_IS_FILE (destination));

  dossier = g_new0 (DossierTask, 1);
  dossier->path = g_strdup (par_workspace_get_path (self));
  dossier->year = year;
  dossier->unit_code = g_strdup (unit_code);
  dossier->destination = g_object_ref (destination);
  dossier->format = format;
  dossier->progress = progress;
  dossier->progress_data = progress_data;
  dossier->progress_destroy = progress_destroy;
  dossier->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, par_workspace_write_dossier_async);
  g_task_set_task_data (task, dossier, dossier_task_free);
  g_task_run_in_thread (task, dossier_thread);
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
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
