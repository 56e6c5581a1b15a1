/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-evidence"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-document-probe.h"
#include "par-error-private.h"
#include "par-evidence-private.h"
#include "par-progress-private.h"
#include "par-worker-private.h"
#include "par-sha256.h"
#include "par-text.h"
#include "par-workspace-private.h"

/*
 * Attaching a file as evidence: the file is probed (a PDF Poppler opens, a
 * whole PNG or JPEG image), read once through SHA-256, and — unless the
 * workspace holds that content already — read again into the workspace's
 * chunks inside the write transaction (par-workspace-evidence.c keeps the documents
 * and their links). The only part of the workspace that needs Poppler.
 */

/* Reads @file through SHA-256; with @document_id, stores each chunk too. */
static char *
hash_file (ParWorkspace     *self,
           GFile            *file,
           gint64            document_id,
           goffset           size,
           double            from,
           double            to,
           ParProgressFunc   progress,
           gpointer          progress_data,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(ParDocumentSink) sink = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buffer = g_malloc (PAR_DOCUMENT_CHUNK_SIZE);
  char digest[PAR_SHA256_HEX_SIZE];
  ParSha256 checksum;
  goffset done = 0;
  const char *text = document_id != 0 ? _("Storing the document") : _("Checking the document");

  par_sha256_init (&checksum);
  if (document_id != 0 && !(sink = _par_document_sink_new (self, document_id, error)))
    return NULL;

  if (!(stream = g_file_read (file, cancellable, &local_error)))
    goto read_failed;

  for (;;)
    {
      gsize n = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, PAR_DOCUMENT_CHUNK_SIZE, &n,
                                    cancellable, &local_error))
        goto read_failed;
      if (n == 0)
        break;
      par_sha256_update (&checksum, buffer, n);
      if (sink != NULL && !_par_document_sink_write (sink, buffer, n, error))
        return NULL;
      done += n;
      _par_progress_report (progress, progress_data,
                       from + (to - from) * (size > 0 ? (double) done / size : 1.0), text);
      if (n < PAR_DOCUMENT_CHUNK_SIZE)
        break;
    }
  if (sink != NULL && !_par_document_sink_close (sink, error))
    return NULL;

  if (done != size)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_IO,
                           _("the file changed while it was being attached; try again"));
      return NULL;
    }
  par_sha256_finish_hex (&checksum, digest);
  return g_strdup (digest);

read_failed:
  _par_error_take_read_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/**
 * par_workspace_attach_evidence:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @criterion_code: a leaf's code in the set of the unit's block
 * @file: a PDF document, a PNG or a JPEG image
 * @info: (nullable): the document's metadata
 * @pages: (nullable): the pages or section that prove the leaf
 * @progress: (nullable) (scope call): receives progress
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Stores @file in the workspace, unless a document with the same content
 * is there already (then it keeps its metadata, and only those it lacks
 * are taken from @info: compare the returned document's), and links it to
 * the leaf. A file that is neither a PDF Poppler opens nor a whole PNG or
 * JPEG image is refused (%PAR_ERROR_INVALID) and nothing is stored; a
 * published year gives %PAR_ERROR_FROZEN.
 *
 * Returns: (transfer full) (nullable): the new link
 */
ParEvidence *
par_workspace_attach_evidence (ParWorkspace           *self,
                               int                     year,
                               const char             *unit_code,
                               const char             *criterion_code,
                               GFile                  *file,
                               const ParDocumentInfo  *info,
                               const char             *pages,
                               ParProgressFunc         progress,
                               gpointer                progress_data,
                               GCancellable           *cancellable,
                               GError                **error)
{
  g_autoptr(GDateTime) now_time = g_date_time_new_now_utc ();
  g_autofree char *now = g_date_time_format_iso8601 (now_time);
  g_autofree char *media_type = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *stored_sha256 = NULL;
  g_autofree char *title = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GFileInfo) file_info = NULL;
  g_autoptr(GError) local_error = NULL;
  ParYearUnit *unit = NULL;
  gint64 criterion_id;
  gint64 document_id;
  gint64 link_id;
  gint64 previous_cache;
  goffset size;
  int page_count = 0;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (unit_code != NULL && criterion_code != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!_par_evidence_check_texts (info, pages, error) ||
      !_par_workspace_check_writable (self, year, error) ||
      !(criterion_id = _par_evidence_resolve_leaf (self, year, unit_code, criterion_code, &unit, NULL, error)) ||
      !_par_evidence_check_date (info != NULL ? info->date : NULL, error))
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  _par_progress_report (progress, progress_data, 0.0, _("Checking the document"));
  if (!(file_info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                       G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                       G_FILE_QUERY_INFO_NONE, cancellable, &local_error)))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot read the file: %s"),
                   name, local_error->message);
      return NULL;
    }
  size = g_file_info_get_size (file_info);
  basename = g_strdup (g_file_info_get_display_name (file_info));

  if (!par_document_probe (file, &media_type, &page_count, cancellable, error))
    {
      g_prefix_error (error, "%s: ", basename);
      return NULL;
    }

  if (!(sha256 = hash_file (self, file, 0, size, 0.05, 0.3, progress, progress_data,
                            cancellable, error)))
    return NULL;

  if (!_par_workspace_begin_write (self, year, error))
    return NULL;
  previous_cache = _par_workspace_set_cache_size (self, -PAR_STREAMING_CACHE_KIB);

  document_id = _par_workspace_find_document (self, sha256, error);
  if (document_id < 0)
    goto failed;

  if (document_id > 0)
    {
      /* The same content attached again keeps its details: a second file
       * name or title never renames it silently (the caller compares and
       * says what was kept); what it lacks is filled in. */
      if (!_par_evidence_apply_info (self, document_id, info, PAR_APPLY_MISSING, error))
        goto failed;
    }
  else
    {
      char *dot;

      title = par_text_clean (info != NULL ? info->title : NULL);
      if (title == NULL)
        {
          title = g_strdup (basename);
          if ((dot = strrchr (title, '.')) != NULL && dot != title)
            *dot = '\0';
        }

      if (!(document_id = _par_workspace_insert_document (self, sha256, media_type, size,
                                                          page_count, basename, title, info, now,
                                                          error)))
        goto failed;
      if (!(stored_sha256 = hash_file (self, file, document_id, size, 0.3, 0.98, progress,
                                       progress_data, cancellable, error)))
        goto failed;
      if (!g_str_equal (stored_sha256, sha256))
        {
          g_set_error_literal (error, PAR_ERROR, PAR_ERROR_IO,
                               _("the file changed while it was being attached; try again"));
          goto failed;
        }
    }

  if (!(link_id = _par_workspace_insert_link (self, document_id, year, unit->id, criterion_id,
                                              pages, now, error)) ||
      !_par_workspace_audit_link (self, "attach", link_id, NULL, error))
    goto failed;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !_par_workspace_commit (self, error))
    goto failed;
  _par_workspace_set_cache_size (self, previous_cache);

  _par_progress_report (progress, progress_data, 1.0, NULL);
  _par_workspace_emit_evidence_changed (self, year, unit_code, criterion_code);
  return _par_evidence_get (self, link_id, error);

failed:
  _par_workspace_rollback (self);
  _par_workspace_set_cache_size (self, previous_cache);
  return NULL;
}

typedef struct
{
  ParWorker  worker;
  char      *criterion_code;
  char      *title;
  char      *number;
  char      *date;
  char      *issuer;
  char      *pages;
} AttachData;

static void
attach_data_free (gpointer data)
{
  AttachData *attach = data;

  g_free (attach->criterion_code);
  g_free (attach->title);
  g_free (attach->number);
  g_free (attach->date);
  g_free (attach->issuer);
  g_free (attach->pages);
  _par_worker_clear (&attach->worker);
  g_free (attach);
}

static gpointer
attach_work (ParWorkspace  *workspace,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  AttachData *attach = task_data;
  ParWorker *worker = &attach->worker;
  ParDocumentInfo info = { attach->title, attach->number, attach->date, attach->issuer };

  return par_workspace_attach_evidence (workspace, worker->year, worker->unit_code,
                                        attach->criterion_code, worker->file, &info,
                                        attach->pages, worker->report, worker->relay, cancellable,
                                        error);
}

/**
 * par_workspace_attach_evidence_async:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @criterion_code: a leaf's code
 * @file: the file to attach
 * @info: (nullable): the document's metadata (copied)
 * @pages: (nullable): the pages or section that prove the leaf
 * @progress: (nullable): receives progress on the thread-default main context
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * par_workspace_attach_evidence() on a worker thread with a connection of
 * its own. #ParWorkspace::evidence-changed is emitted on @self when done.
 */
void
par_workspace_attach_evidence_async (ParWorkspace           *self,
                                     int                     year,
                                     const char             *unit_code,
                                     const char             *criterion_code,
                                     GFile                  *file,
                                     const ParDocumentInfo  *info,
                                     const char             *pages,
                                     ParProgressFunc         progress,
                                     gpointer                progress_data,
                                     GDestroyNotify          progress_destroy,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  AttachData *attach;

  g_return_if_fail (PAR_IS_WORKSPACE (self));
  g_return_if_fail (G_IS_FILE (file));

  attach = g_new0 (AttachData, 1);
  _par_worker_set_subject (&attach->worker, year, unit_code, file);
  attach->criterion_code = g_strdup (criterion_code);
  if (info != NULL)
    {
      attach->title = g_strdup (info->title);
      attach->number = g_strdup (info->number);
      attach->date = g_strdup (info->date);
      attach->issuer = g_strdup (info->issuer);
    }
  attach->pages = g_strdup (pages);
  _par_worker_start (self, PAR_WORKSPACE_OPEN_EXISTING, progress, progress_data,
                     progress_destroy, attach, attach_data_free,
                     par_workspace_attach_evidence_async, attach_work,
                     (GDestroyNotify) par_evidence_free, cancellable, callback, user_data);
}

/**
 * par_workspace_attach_evidence_finish:
 * @self: a #ParWorkspace
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the new link
 */
ParEvidence *
par_workspace_attach_evidence_finish (ParWorkspace  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  ParEvidence *evidence;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  evidence = g_task_propagate_pointer (G_TASK (result), error);
  if (evidence != NULL)
    {
      /* The worker's connection wrote it: this one's cached year is fine,
       * only listeners need to know. */
      _par_workspace_emit_evidence_changed (self, evidence->year, evidence->unit_code,
                                            evidence->criterion_code);
    }
  return evidence;
}
