/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-evidence"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-document-stream.h"
#include "par-error.h"
#include "par-evidence-private.h"
#include "par-media-type.h"
#include "par-output-file.h"
#include "par-sha256.h"
#include "par-text.h"
#include "par-workspace-private.h"

/*
 * Evidence (tài liệu kiểm chứng) inside the workspace. A document is stored
 * once per SHA-256 of its content, in chunks of PAR_DOCUMENT_CHUNK_SIZE,
 * written while the file is read a second time through the hash, so a
 * 100 MB scan never sits in memory. Links tie a document to any number of
 * (year, unit, leaf); the schema deletes a document with its last link.
 * Every write path refuses a published year.
 */

#define DOCUMENT_COLUMNS \
  "d.id, d.sha256, d.media_type, d.size, d.page_count, d.file_name, d.title, d.number," \
  " d.date, d.issuer, d.added_at"
#define SELECT_DOCUMENTS "SELECT " DOCUMENT_COLUMNS " FROM document d"
/* What evidence_from_row() reads. */
#define SELECT_EVIDENCE \
  "SELECT l.id, l.year, u.code, c.code, c.leaf_index, l.pages, " DOCUMENT_COLUMNS \
  " FROM evidence_link l JOIN document d ON d.id = l.document_id" \
  " JOIN unit u ON u.id = l.unit_id JOIN criterion c ON c.id = l.criterion_id"

void
par_document_free (ParDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->sha256);
  g_free (document->media_type);
  g_free (document->file_name);
  g_free (document->title);
  g_free (document->number);
  g_free (document->date);
  g_free (document->issuer);
  g_free (document->added_at);
  g_free (document);
}

ParDocument *
par_document_copy (const ParDocument *document)
{
  ParDocument *copy;

  g_return_val_if_fail (document != NULL, NULL);

  copy = g_memdup2 (document, sizeof *document);
  copy->sha256 = g_strdup (document->sha256);
  copy->media_type = g_strdup (document->media_type);
  copy->file_name = g_strdup (document->file_name);
  copy->title = g_strdup (document->title);
  copy->number = g_strdup (document->number);
  copy->date = g_strdup (document->date);
  copy->issuer = g_strdup (document->issuer);
  copy->added_at = g_strdup (document->added_at);
  return copy;
}

void
par_evidence_free (ParEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->unit_code);
  g_free (evidence->criterion_code);
  g_free (evidence->pages);
  par_document_free (evidence->document);
  g_free (evidence);
}

ParEvidence *
par_evidence_copy (const ParEvidence *evidence)
{
  ParEvidence *copy;

  g_return_val_if_fail (evidence != NULL, NULL);

  copy = g_memdup2 (evidence, sizeof *evidence);
  copy->unit_code = g_strdup (evidence->unit_code);
  copy->criterion_code = g_strdup (evidence->criterion_code);
  copy->pages = g_strdup (evidence->pages);
  copy->document = par_document_copy (evidence->document);
  return copy;
}

/**
 * par_document_get_extension:
 * @document: a document
 *
 * Returns: the file name extension for its media type ("pdf", "png", "jpg",
 *   "docx", "xlsx", "odt", "ods")
 */
const char *
par_document_get_extension (const ParDocument *document)
{
  g_return_val_if_fail (document != NULL, NULL);

  return par_media_type_get_extension (document->media_type);
}

static ParDocument *
document_from_row (sqlite3_stmt *stmt,
                   int           first)
{
  ParDocument *document = g_new0 (ParDocument, 1);

#define TEXT(i) g_strdup ((const char *) sqlite3_column_text (stmt, first + (i)))
  document->id = sqlite3_column_int64 (stmt, first);
  document->sha256 = TEXT (1);
  document->media_type = TEXT (2);
  document->size = sqlite3_column_int64 (stmt, first + 3);
  document->page_count = sqlite3_column_int (stmt, first + 4);
  document->file_name = TEXT (5);
  document->title = TEXT (6);
  document->number = TEXT (7);
  document->date = TEXT (8);
  document->issuer = TEXT (9);
  document->added_at = TEXT (10);
#undef TEXT
  return document;
}

static ParEvidence *
evidence_from_row (sqlite3_stmt *stmt)
{
  ParEvidence *evidence = g_new0 (ParEvidence, 1);

  evidence->link_id = sqlite3_column_int64 (stmt, 0);
  evidence->year = sqlite3_column_int (stmt, 1);
  evidence->unit_code = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  evidence->criterion_code = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  evidence->leaf_index = sqlite3_column_int (stmt, 4);
  evidence->pages = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  evidence->document = document_from_row (stmt, 6);
  return evidence;
}

/* What a clerk gives a document and a link, within the limits of names
 * (docs/limits.md), checked before anything normalises it. */
gboolean
_par_evidence_check_texts (const ParDocumentInfo  *info,
                           const char             *pages,
                           GError                **error)
{
  static const char *names[] = { "title", "number", "date", "issuer", "pages" };
  const char *texts[] = {
    info != NULL ? info->title : NULL, info != NULL ? info->number : NULL,
    info != NULL ? info->date : NULL, info != NULL ? info->issuer : NULL, pages,
  };

  return par_text_check_fields (names, texts, G_N_ELEMENTS (texts), PAR_TEXT_NAME, error);
}

gboolean
_par_evidence_check_date (const char  *date,
                          GError     **error)
{
  guint64 y, m, d;
  g_auto(GStrv) parts = NULL;

  if (date == NULL)
    return TRUE;
  parts = g_strsplit (date, "-", -1);
  if (g_strv_length (parts) != 3 || strlen (parts[0]) != 4 || strlen (parts[1]) != 2 ||
      strlen (parts[2]) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &y, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &d, NULL) ||
      !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” is not a date; write it as YYYY-MM-DD, e.g. 2025-01-15"), date);
      return FALSE;
    }
  return TRUE;
}

/* The unit and the leaf's criterion id, or 0 with @error set. */
gint64
_par_evidence_resolve_leaf (ParWorkspace        *self,
                            int                  year,
                            const char          *unit_code,
                            const char          *criterion_code,
                            ParYearUnit        **out_unit,
                            const ParCriterion **out_leaf,
                            GError             **error)
{
  ParYearContext *context;
  ParYearUnit *unit;
  ParYearBlock *block;
  const ParCriterion *leaf;

  if (!(unit = _par_workspace_lookup_unit (self, year, unit_code, &context, error)))
    return 0;
  if (!(leaf = _par_year_lookup_leaf (context, unit, criterion_code, error)))
    return 0;
  block = g_ptr_array_index (context->blocks, unit->block);
  if (out_unit != NULL)
    *out_unit = unit;
  if (out_leaf != NULL)
    *out_leaf = leaf;
  return block->leaf_ids[leaf->leaf_index];
}

/*
 * Sets PRAGMA cache_size (negative: KiB, positive: pages) and returns the
 * previous value, to restore later. Documents are written and read once:
 * a cache sized for imports would only fill with their pages.
 */
gint64
_par_workspace_set_cache_size (ParWorkspace *self,
                               gint64        value)
{
  g_autoptr(sqlite3_stmt) stmt = _par_workspace_prepare (self, "PRAGMA cache_size", NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, value);
  gint64 previous = value;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    previous = sqlite3_column_int64 (stmt, 0);
  _par_workspace_exec (self, sql, NULL);
  return previous;
}

ParEvidence *
_par_evidence_get (ParWorkspace  *self,
                   gint64         link_id,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = _par_workspace_prepare (self, SELECT_EVIDENCE " WHERE l.id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, link_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, link_id);

      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("the evidence link %s does not exist"), id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    return _par_workspace_set_io_error (self, error), NULL;
  return evidence_from_row (stmt);
}

/* Inserts the link, or finds the one that exists; inside a transaction. */
gint64
_par_workspace_insert_link (ParWorkspace  *self,
                            gint64         document_id,
                            int            year,
                            gint64         unit_id,
                            gint64         criterion_id,
                            const char    *pages,
                            const char    *now,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autofree char *clean_pages = par_text_clean (pages);

  insert = _par_workspace_prepare (self,
                                   "INSERT INTO evidence_link (document_id, year, unit_id,"
                                   " criterion_id, pages, added_at) VALUES (?, ?, ?, ?, ?, ?)"
                                   " ON CONFLICT DO UPDATE SET pages = coalesce (excluded.pages, pages)",
                                   error);
  select = _par_workspace_prepare (self,
                                   "SELECT id FROM evidence_link WHERE document_id = ? AND year = ?"
                                   " AND unit_id = ? AND criterion_id = ?", error);
  if (insert == NULL || select == NULL)
    return 0;

  sqlite3_bind_int64 (insert, 1, document_id);
  sqlite3_bind_int (insert, 2, year);
  sqlite3_bind_int64 (insert, 3, unit_id);
  sqlite3_bind_int64 (insert, 4, criterion_id);
  sqlite3_bind_text (insert, 5, clean_pages, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 6, now, -1, SQLITE_STATIC);
  if (sqlite3_step (insert) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), 0;

  sqlite3_bind_int64 (select, 1, document_id);
  sqlite3_bind_int (select, 2, year);
  sqlite3_bind_int64 (select, 3, unit_id);
  sqlite3_bind_int64 (select, 4, criterion_id);
  if (sqlite3_step (select) != SQLITE_ROW)
    return _par_workspace_set_io_error (self, error), 0;
  return sqlite3_column_int64 (select, 0);
}

gboolean
_par_evidence_apply_info (ParWorkspace           *self,
                          gint64                  document_id,
                          const ParDocumentInfo  *info,
                          ParApplyMode            mode,
                          GError                **error)
{
  static const char *columns[] = { "title", "number", "date", "issuer" };
  const char *values[4];

  if (info == NULL)
    return TRUE;
  values[0] = info->title;
  values[1] = info->number;
  values[2] = info->date;
  values[3] = info->issuer;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *value = par_text_clean (values[i]);
      g_autofree char *sql = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (mode != PAR_APPLY_ALL && value == NULL)
        continue;
      /* The title is required: an empty one keeps the old. */
      if (i == 0 && value == NULL)
        continue;
      if (mode == PAR_APPLY_MISSING)
        sql = g_strdup_printf ("UPDATE document SET %s = coalesce (%s, ?) WHERE id = ?",
                               columns[i], columns[i]);
      else
        sql = g_strdup_printf ("UPDATE document SET %s = ? WHERE id = ?", columns[i]);
      if (!(stmt = _par_workspace_prepare (self, sql, error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, document_id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _par_workspace_set_io_error (self, error);
    }
  return TRUE;
}

/*
 * A document's bytes going into the workspace, cut into chunks of
 * PAR_DOCUMENT_CHUNK_SIZE whatever the sizes they come in; inside the
 * caller's transaction.
 */
struct _ParDocumentSink
{
  ParWorkspace *workspace;
  sqlite3_stmt *insert;
  gint64        document_id;
  gint64        seq;
  guint8       *buffer;
  gsize         filled;
};

ParDocumentSink *
_par_document_sink_new (ParWorkspace  *self,
                        gint64         document_id,
                        GError       **error)
{
  ParDocumentSink *sink;
  sqlite3_stmt *insert;

  insert = _par_workspace_prepare (self, "INSERT INTO document_chunk (document_id, seq, data)"
                                   " VALUES (?, ?, ?)", error);
  if (insert == NULL)
    return NULL;
  sink = g_new0 (ParDocumentSink, 1);
  sink->workspace = self;
  sink->insert = insert;
  sink->document_id = document_id;
  return sink;
}

static gboolean
sink_store (ParDocumentSink  *sink,
            const guint8     *data,
            gsize             length,
            GError          **error)
{
  sqlite3_reset (sink->insert);
  sqlite3_bind_int64 (sink->insert, 1, sink->document_id);
  sqlite3_bind_int64 (sink->insert, 2, sink->seq);
  sqlite3_bind_blob (sink->insert, 3, data, length, SQLITE_STATIC);
  if (sqlite3_step (sink->insert) != SQLITE_DONE)
    return _par_workspace_set_io_error (sink->workspace, error);
  sink->seq++;
  return TRUE;
}

gboolean
_par_document_sink_write (ParDocumentSink  *sink,
                          const guint8     *data,
                          gsize             length,
                          GError          **error)
{
  while (length > 0)
    {
      gsize n;

      /* Whole chunks need no copy. */
      if (sink->filled == 0 && length >= PAR_DOCUMENT_CHUNK_SIZE)
        {
          if (!sink_store (sink, data, PAR_DOCUMENT_CHUNK_SIZE, error))
            return FALSE;
          data += PAR_DOCUMENT_CHUNK_SIZE;
          length -= PAR_DOCUMENT_CHUNK_SIZE;
          continue;
        }
      if (sink->buffer == NULL)
        sink->buffer = g_malloc (PAR_DOCUMENT_CHUNK_SIZE);
      n = MIN (length, PAR_DOCUMENT_CHUNK_SIZE - sink->filled);
      memcpy (sink->buffer + sink->filled, data, n);
      sink->filled += n;
      data += n;
      length -= n;
      if (sink->filled == PAR_DOCUMENT_CHUNK_SIZE)
        {
          if (!sink_store (sink, sink->buffer, sink->filled, error))
            return FALSE;
          sink->filled = 0;
        }
    }
  return TRUE;
}

gboolean
_par_document_sink_close (ParDocumentSink  *sink,
                          GError          **error)
{
  if (sink->filled > 0 && !sink_store (sink, sink->buffer, sink->filled, error))
    return FALSE;
  sink->filled = 0;
  return TRUE;
}

void
_par_document_sink_free (ParDocumentSink *sink)
{
  if (sink == NULL)
    return;
  sqlite3_finalize (sink->insert);
  g_free (sink->buffer);
  g_free (sink);
}

gint64
_par_workspace_find_document (ParWorkspace  *self,
                              const char    *sha256,
                              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = _par_workspace_prepare (self, "SELECT id FROM document WHERE sha256 = ?", error)))
    return -1;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), -1;
  return 0;
}

/*
 * Inserts a document's row (its chunks come after); inside a transaction.
 * @info's number, date and issuer are kept when given.
 */
gint64
_par_workspace_insert_document (ParWorkspace           *self,
                                const char             *sha256,
                                const char             *media_type,
                                gint64                  size,
                                int                     page_count,
                                const char             *file_name,
                                const char             *title,
                                const ParDocumentInfo  *info,
                                const char             *now,
                                GError                **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  gint64 document_id;

  insert = _par_workspace_prepare (self,
                                   "INSERT INTO document (sha256, media_type, size, page_count,"
                                   " file_name, title, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   error);
  if (insert == NULL)
    return 0;
  sqlite3_bind_text (insert, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, media_type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 3, size);
  sqlite3_bind_int (insert, 4, page_count);
  sqlite3_bind_text (insert, 5, file_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 6, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 7, now, -1, SQLITE_STATIC);
  if (sqlite3_step (insert) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), 0;
  document_id = sqlite3_last_insert_rowid (_par_workspace_get_db (self));

  if (!_par_evidence_apply_info (self, document_id, info, PAR_APPLY_GIVEN, error))
    return 0;
  return document_id;
}

/* The audit record of an evidence link (its unit, leaf, document title
 * and content hash), written in the current transaction. */
gboolean
_par_workspace_audit_link (ParWorkspace  *self,
                           const char    *action,
                           gint64         link_id,
                           const char    *old_pages,
                           GError       **error)
{
  g_autoptr(ParEvidence) evidence = _par_evidence_get (self, link_id, error);
  ParAuditRecord record = { 0 };

  if (evidence == NULL)
    return FALSE;
  record.year = evidence->year;
  record.unit_code = evidence->unit_code;
  record.criterion_code = evidence->criterion_code;
  record.stage = -1;
  if (g_str_equal (action, "unlink"))
    record.old_value = evidence->document->title;
  else
    record.new_value = evidence->document->title;
  record.old_note = old_pages;
  record.new_note = g_str_equal (action, "unlink") ? NULL : evidence->pages;
  record.action = action;
  record.detail = evidence->document->sha256;
  return _par_workspace_audit (self, &record, error);
}

/**
 * par_workspace_link_evidence:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @criterion_code: a leaf's code
 * @document_id: a document already in the workspace
 * @pages: (nullable): the pages or section that prove the leaf
 * @error: return location for a #GError
 *
 * Links a stored document to one more leaf (one decision often proves
 * several criteria).
 *
 * Returns: (transfer full) (nullable): the link
 */
ParEvidence *
par_workspace_link_evidence (ParWorkspace  *self,
                             int            year,
                             const char    *unit_code,
                             const char    *criterion_code,
                             gint64         document_id,
                             const char    *pages,
                             GError       **error)
{
  g_autoptr(ParDocument) document = NULL;
  ParYearUnit *unit = NULL;
  gint64 criterion_id;
  gint64 link_id;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);

  if (!_par_evidence_check_texts (NULL, pages, error) ||
                                  !_par_workspace_check_writable (self, year, error) ||
                                  !(criterion_id = _par_evidence_resolve_leaf (self, year, unit_code, criterion_code, &unit, NULL, error)) ||
                                  !(document = par_workspace_get_document (self, document_id, error)) ||
                                  !_par_workspace_begin_write (self, year, error))
    return NULL;

  if (!(link_id = _par_workspace_insert_link (self, document_id, year, unit->id, criterion_id,
                                              pages, _par_workspace_get_write_time (self),
                                              error)) ||
      !_par_workspace_audit_link (self, "link", link_id, NULL, error) ||
      !_par_workspace_commit (self, error))
    {
      _par_workspace_rollback (self);
      return NULL;
    }

  _par_workspace_emit_evidence_changed (self, year, unit_code, criterion_code);
  return _par_evidence_get (self, link_id, error);
}

/* Runs @sql (?1 the link, ?2 @pages) on an evidence link and audits it as
 * @action, in a transaction of its own. */
static gboolean
change_link (ParWorkspace  *self,
             gint64         link_id,
             const char    *sql,
             const char    *pages,
             const char    *action,
             GError       **error)
{
  g_autoptr(ParEvidence) evidence = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean unlink = g_str_equal (action, "unlink");

  if (!(evidence = _par_evidence_get (self, link_id, error)) ||
      !_par_workspace_check_writable (self, evidence->year, error) ||
      !(stmt = _par_workspace_prepare (self, sql, error)) ||
      !_par_workspace_begin_write (self, evidence->year, error))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, link_id);
  if (!unlink)
    sqlite3_bind_text (stmt, 2, pages, -1, SQLITE_STATIC);
  /* An unlink is recorded while the link (and its document) still exist. */
  if ((unlink && !_par_workspace_audit_link (self, action, link_id, NULL, error)) ||
      (sqlite3_step (stmt) != SQLITE_DONE && !_par_workspace_set_io_error (self, error)) ||
      (!unlink && !_par_workspace_audit_link (self, action, link_id, evidence->pages, error)) ||
      !_par_workspace_commit (self, error))
    {
      _par_workspace_rollback (self);
      return FALSE;
    }

  _par_workspace_emit_evidence_changed (self, evidence->year, evidence->unit_code,
                                        evidence->criterion_code);
  return TRUE;
}

/**
 * par_workspace_unlink_evidence:
 * @self: a #ParWorkspace
 * @link_id: the link
 * @error: return location for a #GError
 *
 * Removes a link; the document is deleted with its last link.
 *
 * Returns: %TRUE on success
 */
gboolean
par_workspace_unlink_evidence (ParWorkspace  *self,
                               gint64         link_id,
                               GError       **error)
{
  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);

  return change_link (self, link_id, "DELETE FROM evidence_link WHERE id = ?1", NULL, "unlink",
                      error);
}

/**
 * par_workspace_set_evidence_pages:
 * @self: a #ParWorkspace
 * @link_id: the link
 * @pages: (nullable): the pages or section that prove the leaf
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
par_workspace_set_evidence_pages (ParWorkspace  *self,
                                  gint64         link_id,
                                  const char    *pages,
                                  GError       **error)
{
  g_autofree char *clean_pages = NULL;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);

  if (!_par_evidence_check_texts (NULL, pages, error))
    return FALSE;
  clean_pages = par_text_clean (pages);
  return change_link (self, link_id, "UPDATE evidence_link SET pages = ?2 WHERE id = ?1",
                      clean_pages, "evidence-pages", error);
}

/**
 * par_workspace_update_document:
 * @self: a #ParWorkspace
 * @document_id: a stored document
 * @info: the new metadata; a %NULL or empty title keeps the old one, other
 *   %NULL or empty fields are cleared
 * @error: return location for a #GError
 *
 * Refused (%PAR_ERROR_FROZEN) when any year the document is linked to is
 * published.
 *
 * Returns: %TRUE on success
 */
gboolean
par_workspace_update_document (ParWorkspace           *self,
                               gint64                  document_id,
                               const ParDocumentInfo  *info,
                               GError                **error)
{
  g_autoptr(ParDocument) document = NULL;
  g_autoptr(sqlite3_stmt) years = NULL;
  g_autoptr(GArray) linked = g_array_new (FALSE, FALSE, sizeof (int));
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (!_par_evidence_check_texts (info, NULL, error) ||
                                  !(document = par_workspace_get_document (self, document_id, error)) ||
                                  !_par_evidence_check_date (info->date, error) ||
                                  !(years = _par_workspace_prepare (self,
                                  "SELECT DISTINCT year FROM evidence_link"
                                  " WHERE document_id = ?", error)))
    return FALSE;

  sqlite3_bind_int64 (years, 1, document_id);
  while ((rc = sqlite3_step (years)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (years, 0);
      g_array_append_val (linked, year);
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);
  for (guint i = 0; i < linked->len; i++)
    if (!_par_workspace_check_writable (self, g_array_index (linked, int, i), error))
      return FALSE;

  if (!_par_workspace_begin_write (self, 0, error))
    return FALSE;
  /* Again inside the transaction: no year is published meanwhile. */
  for (guint i = 0; i < linked->len; i++)
    if (!_par_workspace_check_writable (self, g_array_index (linked, int, i), error))
      {
        _par_workspace_rollback (self);
        return FALSE;
      }
  {
    ParAuditRecord record = { 0, "", "", -1, document->title,
                              info->title != NULL && info->title[0] != '\0' ? info->title
                                                                            : document->title,
                              NULL, NULL, "document", document->sha256 };

    if (!_par_evidence_apply_info (self, document_id, info, PAR_APPLY_ALL, error) ||
                                   !_par_workspace_audit (self, &record, error) ||
                                   !_par_workspace_commit (self, error))
      {
        _par_workspace_rollback (self);
        return FALSE;
      }
  }

  for (guint i = 0; i < linked->len; i++)
    _par_workspace_emit_evidence_changed (self, g_array_index (linked, int, i), NULL, NULL);
  return TRUE;
}

static int
compare_evidence (gconstpointer a,
                  gconstpointer b)
{
  const ParEvidence *ea = *(const ParEvidence **) a;
  const ParEvidence *eb = *(const ParEvidence **) b;
  int cmp = g_strcmp0 (ea->unit_code, eb->unit_code);

  if (cmp != 0)
    return cmp;
  if (ea->leaf_index != eb->leaf_index)
    return ea->leaf_index < eb->leaf_index ? -1 : 1;
  return ea->link_id < eb->link_id ? -1 : ea->link_id > eb->link_id;
}

/* @sql prepared with ?1 bound to @year and ?2 to the unit's id; the
 * unit's block in @out_block. */
static sqlite3_stmt *
prepare_for_unit (ParWorkspace   *self,
                  int             year,
                  const char     *unit_code,
                  const char     *sql,
                  ParYearBlock  **out_block,
                  GError        **error)
{
  ParYearContext *context;
  ParYearUnit *unit;
  sqlite3_stmt *stmt;

  if (!(unit = _par_workspace_lookup_unit (self, year, unit_code, &context, error)) ||
      !(stmt = _par_workspace_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, unit->id);
  if (out_block != NULL)
    *out_block = g_ptr_array_index (context->blocks, unit->block);
  return stmt;
}

/**
 * par_workspace_list_evidence:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @criterion_code: (nullable): a leaf's code, or %NULL for every leaf
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type ParEvidence): the unit's
 *   evidence in criterion order, then in the order it was attached
 */
GPtrArray *
par_workspace_list_evidence (ParWorkspace  *self,
                             int            year,
                             const char    *unit_code,
                             const char    *criterion_code,
                             GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) par_evidence_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 criterion_id = 0;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  if (criterion_code != NULL &&
      !(criterion_id = _par_evidence_resolve_leaf (self, year, unit_code, criterion_code, NULL, NULL, error)))
    return NULL;
  if (!(stmt = prepare_for_unit (self, year, unit_code,
                                 SELECT_EVIDENCE " WHERE l.year = ?1 AND l.unit_id = ?2"
                                 " AND (?3 = 0 OR l.criterion_id = ?3)", NULL, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 3, criterion_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, evidence_from_row (stmt));
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;

  g_ptr_array_sort (list, compare_evidence);
  return g_steal_pointer (&list);
}

/**
 * par_workspace_list_documents:
 * @self: a #ParWorkspace
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type ParDocument): every stored
 *   document, newest first (for "link existing document")
 */
GPtrArray *
par_workspace_list_documents (ParWorkspace  *self,
                              GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) par_document_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);

  if (!(stmt = _par_workspace_prepare (self,
                                       SELECT_DOCUMENTS " ORDER BY d.added_at DESC, d.id DESC",
                                       error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, document_from_row (stmt, 0));
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;
  return g_steal_pointer (&list);
}

/**
 * par_workspace_get_document:
 * @self: a #ParWorkspace
 * @document_id: a document's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the document
 */
ParDocument *
par_workspace_get_document (ParWorkspace  *self,
                            gint64         document_id,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);

  if (!(stmt = _par_workspace_prepare (self, SELECT_DOCUMENTS " WHERE d.id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, document_id);

      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("the workspace has no document %s"), id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    return _par_workspace_set_io_error (self, error), NULL;
  return document_from_row (stmt, 0);
}

/**
 * par_workspace_count_evidence:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type utf8 guint): the number of
 *   documents linked to each leaf of the unit that has any, by leaf code
 *   (use GPOINTER_TO_UINT on the values)
 */
GHashTable *
par_workspace_count_evidence (ParWorkspace  *self,
                              int            year,
                              const char    *unit_code,
                              GError       **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  if (!(stmt = prepare_for_unit (self, year, unit_code,
                                 "SELECT c.code, count(*) FROM evidence_link l"
                                 " JOIN criterion c ON c.id = l.criterion_id"
                                 " WHERE l.year = ?1 AND l.unit_id = ?2 GROUP BY c.code", NULL,
                                 error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GUINT_TO_POINTER ((guint) sqlite3_column_int (stmt, 1)));
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;
  return g_steal_pointer (&counts);
}

/**
 * par_workspace_list_missing_evidence:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @out_set: (out) (optional) (transfer full): the criteria set the leaves
 *   belong to
 * @error: return location for a #GError
 *
 * The unit's "missing evidence" list: every applicable leaf (its self
 * entry and any appraisal entry not "not applicable") that has a self
 * entry but neither evidence nor an explanation text.
 *
 * Returns: (transfer full) (element-type ParMissingEvidence): the leaves,
 *   in tree order
 */
GArray *
par_workspace_list_missing_evidence (ParWorkspace     *self,
                                     int               year,
                                     const char       *unit_code,
                                     ParCriteriaSet  **out_set,
                                     GError          **error)
{
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (ParMissingEvidence));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  ParYearBlock *block;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  stmt = prepare_for_unit (self, year, unit_code,
                           "SELECT s.criterion_id, coalesce (e.requested, 0)"
                           " FROM score s"
                           " LEFT JOIN explanation e ON e.year = s.year"
                           "  AND e.unit_id = s.unit_id AND e.criterion_id = s.criterion_id"
                           " WHERE s.year = ?1 AND s.unit_id = ?2 AND s.stage = 0"
                           " AND s.applicable = 1"
                           " AND NOT EXISTS (SELECT 1 FROM score a WHERE a.year = s.year"
                           "  AND a.unit_id = s.unit_id AND a.criterion_id = s.criterion_id"
                           "  AND a.stage = 1 AND a.applicable = 0)"
                           " AND NOT EXISTS (SELECT 1 FROM evidence_link l"
                           "  WHERE l.year = s.year AND l.unit_id = s.unit_id"
                           "  AND l.criterion_id = s.criterion_id)"
                           " AND coalesce (e.text, '') = ''", &block, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 criterion_id = sqlite3_column_int64 (stmt, 0);
      gpointer leaf_index;
      ParMissingEvidence item;

      if (!g_hash_table_lookup_extended (block->leaf_index_by_id, &criterion_id, NULL, &leaf_index))
        continue;
      item.leaf = g_ptr_array_index (block->set->leaves, GPOINTER_TO_UINT (leaf_index));
      item.requested = sqlite3_column_int (stmt, 1) != 0;
      g_array_append_val (missing, item);
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;

  for (guint i = 1; i < missing->len; i++)
    for (guint j = i; j > 0 &&
         g_array_index (missing, ParMissingEvidence, j - 1).leaf->leaf_index >
         g_array_index (missing, ParMissingEvidence, j).leaf->leaf_index; j--)
      {
        ParMissingEvidence swap = g_array_index (missing, ParMissingEvidence, j);
        g_array_index (missing, ParMissingEvidence, j) = g_array_index (missing, ParMissingEvidence, j - 1);
        g_array_index (missing, ParMissingEvidence, j - 1) = swap;
      }

  if (out_set != NULL)
    *out_set = par_criteria_set_ref (block->set);
  return g_steal_pointer (&missing);
}

/**
 * par_workspace_read_document:
 * @self: a #ParWorkspace
 * @document_id: a stored document
 * @error: return location for a #GError
 *
 * Opens a stored document for reading, one chunk at a time. The stream
 * is seekable (Poppler can open it with poppler_document_new_from_stream())
 * and reads through @self's connection: use it on @self's thread.
 *
 * Returns: (transfer full) (nullable): a seekable #GInputStream
 */
GInputStream *
par_workspace_read_document (ParWorkspace  *self,
                             gint64         document_id,
                             GError       **error)
{
  g_autoptr(ParDocument) document = NULL;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);

  if (!(document = par_workspace_get_document (self, document_id, error)))
    return NULL;
  return par_document_stream_new (self, document_id, document->size);
}

/* Copies a chunk at a time (a splice goes 8 KiB at a time). */
static gboolean
copy_stream (GInputStream   *input,
             GOutputStream  *output,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autofree guint8 *buffer = g_malloc (PAR_DOCUMENT_CHUNK_SIZE);

  for (;;)
    {
      gsize n = 0;

      if (!g_input_stream_read_all (input, buffer, PAR_DOCUMENT_CHUNK_SIZE, &n, cancellable,
                                    error))
        return FALSE;
      if (n == 0)
        return TRUE;
      if (!g_output_stream_write_all (output, buffer, n, NULL, cancellable, error))
        return FALSE;
    }
}

/**
 * par_workspace_save_document:
 * @self: a #ParWorkspace
 * @document_id: a stored document
 * @destination: the file to write (replaced if it exists)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes a stored document out to a file.
 *
 * Returns: %TRUE on success
 */
gboolean
par_workspace_save_document (ParWorkspace  *self,
                             gint64         document_id,
                             GFile         *destination,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GFileOutputStream) output = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  if (!(input = par_workspace_read_document (self, document_id, error)))
    return FALSE;
  if (!(output = g_file_replace (destination, NULL, FALSE, G_FILE_CREATE_NONE, cancellable,
                                 &local_error)) ||
      !copy_stream (input, G_OUTPUT_STREAM (output), cancellable, &local_error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (output), cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (destination);

      par_output_file_propagate_error (error, name, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
