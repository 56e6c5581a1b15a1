/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-annex-export"

#include "config.h"

#include "par-workspace-export.h"

#include "par-annex-content.h"
#include "par-annex-pages.h"
#include "par-annex-workbook.h"
#include "par-worker-private.h"
#include "par-workspace-private.h"

/*
 * Writing the annexes to a file, as a workbook or as printed pages (PDF),
 * however many score sheets they hold: the sheets are made and written one
 * at a time, with progress and cancellation. The window writes them on a
 * worker with a connection of its own (par_workspace_export_annexes_async()),
 * to the file the clerk chose or to the PDF it prints and previews.
 */

static gboolean
is_pdf (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".pdf");
}

/**
 * par_annex_document_write:
 * @document: the annexes
 * @path: the file to write: a PDF when its name ends in `.pdf` (any case),
 *   else an Excel workbook
 * @progress: (nullable): told after each sheet
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the annexes whole or not at all (the file is put in place when
 * complete).
 *
 * Returns: %TRUE when written
 */
gboolean
par_annex_document_write (ParAnnexDocument  *document,
                          const char        *path,
                          ParProgressFunc    progress,
                          gpointer           progress_data,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (is_pdf (path))
    {
      g_autoptr(ParAnnexPages) pages = par_annex_pages_new_borrowed (document);

      return par_annex_pages_write_pdf (pages, path, progress, progress_data, cancellable, error);
    }
  return par_annex_workbook_write_document (document, path, progress, progress_data, cancellable,
                                            error);
}

typedef struct
{
  ParWorker  worker;
  char      *path;
} ExportTask;

static void
export_task_free (gpointer data)
{
  ExportTask *export = data;

  _par_worker_clear (&export->worker);
  g_free (export->path);
  g_free (export);
}

static gpointer
export_work (ParWorkspace  *workspace,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  ExportTask *export = task_data;
  g_autoptr(ParAnnexDocument) document = NULL;

  /* Like `parindex-cli export`, the stored decision fills the heading, and
   * the fingerprint the footer while the year is published. */
  if ((document = par_annex_document_build_for_year (workspace, export->worker.year, cancellable,
                                                     error)) == NULL ||
      !par_annex_document_write (document, export->path, export->worker.report,
                                 export->worker.relay, cancellable, error))
    return NULL;
  return PAR_WORK_DONE;
}

/**
 * par_workspace_export_annexes_async:
 * @self: a #ParWorkspace
 * @year: the year
 * @path: the workbook or PDF to write (par_annex_document_write())
 * @progress: (nullable): told after each sheet, on the caller's
 *   thread-default main context
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Writes the year's annexes — with the decision stored for a published
 * year, and every unit's score sheet — on a worker thread with a
 * connection of its own.
 */
void
par_workspace_export_annexes_async (ParWorkspace        *self,
                                    int                  year,
                                    const char          *path,
                                    ParProgressFunc      progress,
                                    gpointer             progress_data,
                                    GDestroyNotify       progress_destroy,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  ExportTask *export;

  g_return_if_fail (PAR_IS_WORKSPACE (self));
  g_return_if_fail (path != NULL);

  export = g_new0 (ExportTask, 1);
  _par_worker_set_subject (&export->worker, year, NULL, NULL);
  export->path = g_strdup (path);
  _par_worker_start (self, PAR_WORKSPACE_OPEN_READ, progress, progress_data, progress_destroy,
                     export, export_task_free, par_workspace_export_annexes_async, export_work,
                     NULL, cancellable, callback, user_data);
}

/**
 * par_workspace_export_annexes_finish:
 * @self: a #ParWorkspace
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the annexes were written
 */
gboolean
par_workspace_export_annexes_finish (ParWorkspace  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _par_worker_propagate_boolean (self, result, error);
}
