/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-document-stream"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-document-stream.h"
#include "par-error.h"
#include "par-evidence.h"
#include "par-workspace-private.h"

/**
 * ParDocumentStream:
 *
 * A seekable input stream over a document's chunks in the workspace, so
 * that Poppler, a zip writer or a file copy read a 100 MB scan one chunk
 * at a time. It reads through the workspace's connection: use it on the
 * thread that uses that workspace.
 */
struct _ParDocumentStream
{
  GInputStream  parent_instance;

  ParWorkspace *workspace;
  sqlite3_stmt *select_chunk;
  gint64        document_id;
  gint64        size;
  gint64        position;
  gint64        chunk_seq;      /* the chunk in @chunk, -1 for none */
  guint8       *chunk;
  gsize         chunk_length;
};

static void par_document_stream_seekable_init (GSeekableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ParDocumentStream, par_document_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_SEEKABLE,
                                                      par_document_stream_seekable_init))

static gboolean
load_chunk (ParDocumentStream  *self,
            gint64              seq,
            GError            **error)
{
  const void *data;
  int rc;

  if (self->select_chunk == NULL)
    {
      self->select_chunk = _par_workspace_prepare (self->workspace,
                                                   "SELECT data FROM document_chunk"
                                                   " WHERE document_id = ? AND seq = ?", error);
      if (self->select_chunk == NULL)
        return FALSE;
    }

  sqlite3_reset (self->select_chunk);
  sqlite3_bind_int64 (self->select_chunk, 1, self->document_id);
  sqlite3_bind_int64 (self->select_chunk, 2, seq);
  rc = sqlite3_step (self->select_chunk);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        {
          g_autofree char *part = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
          g_autofree char *document = g_strdup_printf ("%" G_GINT64_FORMAT, self->document_id);

          g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                       _("%s: the workspace is damaged: part %s of document %s is missing"),
                       par_workspace_get_path (self->workspace), part, document);
        }
      else
        _par_workspace_set_io_error (self->workspace, error);
      sqlite3_reset (self->select_chunk);
      return FALSE;
    }

  data = sqlite3_column_blob (self->select_chunk, 0);
  self->chunk_length = MIN ((gsize) sqlite3_column_bytes (self->select_chunk, 0),
                            (gsize) PAR_DOCUMENT_CHUNK_SIZE);
  if (self->chunk == NULL)
    self->chunk = g_malloc (PAR_DOCUMENT_CHUNK_SIZE);
  if (self->chunk_length > 0)
    memcpy (self->chunk, data, self->chunk_length);
  self->chunk_seq = seq;
  sqlite3_reset (self->select_chunk);
  return TRUE;
}

static gssize
par_document_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  ParDocumentStream *self = (ParDocumentStream *)stream;
  gsize done = 0;

  while (done < count && self->position < self->size)
    {
      gint64 seq = self->position / PAR_DOCUMENT_CHUNK_SIZE;
      gsize offset = self->position % PAR_DOCUMENT_CHUNK_SIZE;
      gsize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return done > 0 ? (gssize) done : -1;

      if (seq != self->chunk_seq && !load_chunk (self, seq, error))
        return done > 0 ? (gssize) done : -1;
      if (offset >= self->chunk_length)
        break;

      n = MIN (count - done, self->chunk_length - offset);
      memcpy ((guint8 *) buffer + done, self->chunk + offset, n);
      done += n;
      self->position += n;
    }
  return done;
}

static gboolean
par_document_stream_close (GInputStream  *stream,
                           GCancellable  *cancellable,
                           GError       **error)
{
  ParDocumentStream *self = (ParDocumentStream *)stream;

  g_clear_pointer (&self->select_chunk, sqlite3_finalize);
  g_clear_pointer (&self->chunk, g_free);
  self->chunk_seq = -1;
  return TRUE;
}

static goffset
par_document_stream_tell (GSeekable *seekable)
{
  return ((ParDocumentStream *) seekable)->position;
}

static gboolean
par_document_stream_can_seek (GSeekable *seekable)
{
  return TRUE;
}

static gboolean
par_document_stream_seek (GSeekable     *seekable,
                          goffset        offset,
                          GSeekType      type,
                          GCancellable  *cancellable,
                          GError       **error)
{
  ParDocumentStream *self = (ParDocumentStream *)seekable;
  goffset target;

  switch (type)
    {
    case G_SEEK_CUR:
      target = self->position + offset;
      break;
    case G_SEEK_END:
      target = self->size + offset;
      break;
    case G_SEEK_SET:
    default:
      target = offset;
      break;
    }

  if (target < 0 || target > self->size)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Invalid seek in a stored document"));
      return FALSE;
    }
  self->position = target;
  return TRUE;
}

static gboolean
par_document_stream_can_truncate (GSeekable *seekable)
{
  return FALSE;
}

static gboolean
par_document_stream_truncate (GSeekable     *seekable,
                              goffset        offset,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("A stored document cannot be truncated"));
  return FALSE;
}

static void
par_document_stream_seekable_init (GSeekableIface *iface)
{
  iface->tell = par_document_stream_tell;
  iface->can_seek = par_document_stream_can_seek;
  iface->seek = par_document_stream_seek;
  iface->can_truncate = par_document_stream_can_truncate;
  iface->truncate_fn = par_document_stream_truncate;
}

static void
par_document_stream_finalize (GObject *object)
{
  ParDocumentStream *self = (ParDocumentStream *)object;

  g_clear_pointer (&self->select_chunk, sqlite3_finalize);
  g_clear_pointer (&self->chunk, g_free);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (par_document_stream_parent_class)->finalize (object);
}

static void
par_document_stream_class_init (ParDocumentStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = par_document_stream_finalize;
  stream_class->read_fn = par_document_stream_read;
  stream_class->close_fn = par_document_stream_close;
}

static void
par_document_stream_init (ParDocumentStream *self)
{
  self->chunk_seq = -1;
}

/**
 * par_document_stream_new:
 * @workspace: the workspace holding the document
 * @document_id: the document's id
 * @size: the document's size in bytes
 *
 * Returns: (transfer full): a seekable stream over the document
 */
GInputStream *
par_document_stream_new (ParWorkspace *workspace,
                         gint64        document_id,
                         gint64        size)
{
  ParDocumentStream *self = g_object_new (PAR_TYPE_DOCUMENT_STREAM, NULL);

  self->workspace = g_object_ref (workspace);
  self->document_id = document_id;
  self->size = size;
  return G_INPUT_STREAM (self);
}

gint64
par_document_stream_get_size (ParDocumentStream *self)
{
  g_return_val_if_fail (PAR_IS_DOCUMENT_STREAM (self), -1);

  return self->size;
}
