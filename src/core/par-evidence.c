/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-evidence"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-document-probe.h"
#include "par-document-stream.h"
#include "par-error.h"
#include "par-evidence-private.h"
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
 * Returns: the file name extension for its media type ("pdf", "png", "jpg")
 */
const char *
par_document_get_extension (const ParDocument *document)
{
  g_return_val_if_fail (document != NULL, NULL);

  if (g_strcmp0 (document->media_type, PAR_MEDIA_TYPE_PNG) == 0)
    return "png";
  if (g_strcmp0 (document->media_type, PAR_MEDIA_TYPE_JPEG) == 0)
    return "jpg";
  return "pdf";
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

static char *
clean_text (const char *text)
{
  char *normalized = text != NULL ? g_utf8_normalize (text, -1, G_NORMALIZE_NFC) : NULL;

  if (normalized == NULL)
    return NULL;
  g_strstrip (normalized);
  if (normalized[0] == '\0')
    g_clear_pointer (&normalized, g_free);
  return normalized;
}

static gboolean
check_date (const char  *date,
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
static gint64
resolve_leaf (ParWorkspace        *self,
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

  if (!(context = _par_workspace_get_year (self, year, error)))
    return 0;
  unit = g_hash_table_lookup (context->units_by_code, unit_code);
  if (unit == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("unit “%s” is not in year %d"),
                   unit_code, year);
      return 0;
    }
  block = g_ptr_array_index (context->blocks, unit->block);
  leaf = criterion_code != NULL ? par_criteria_set_lookup (block->set, criterion_code) : NULL;
  if (leaf == NULL || leaf->children != NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("“%s” is not a sub-criterion of the criteria set of block “%s”"),
                   criterion_code != NULL ? criterion_code : "", block->name);
      return 0;
    }
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

static void
rollback (ParWorkspace *self)
{
  sqlite3_exec (_par_workspace_get_db (self), "ROLLBACK", NULL, NULL, NULL);
}

static ParEvidence *
get_evidence (ParWorkspace  *self,
              gint64         link_id,
              GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  ParEvidence *evidence;
  int rc;

  stmt = _par_workspace_prepare (self,
                                 "SELECT l.id, l.year, u.code, c.code, c.leaf_index, l.pages, "
                                 DOCUMENT_COLUMNS
                                 " FROM evidence_link l JOIN document d ON d.id = l.document_id"
                                 " JOIN unit u ON u.id = l.unit_id"
                                 " JOIN criterion c ON c.id = l.criterion_id WHERE l.id = ?",
                                 error);
  if (stmt == NULL)
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

  evidence = g_new0 (ParEvidence, 1);
  evidence->link_id = sqlite3_column_int64 (stmt, 0);
  evidence->year = sqlite3_column_int (stmt, 1);
  evidence->unit_code = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  evidence->criterion_code = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  evidence->leaf_index = sqlite3_column_int (stmt, 4);
  evidence->pages = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  evidence->document = document_from_row (stmt, 6);
  return evidence;
}

/* Inserts the link, or finds the one that exists; inside a transaction. */
static gint64
insert_link (ParWorkspace  *self,
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
  g_autofree char *clean_pages = clean_text (pages);

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

static gboolean
apply_info (ParWorkspace           *self,
            gint64                  document_id,
            const ParDocumentInfo  *info,
            gboolean                only_given,
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
      g_autofree char *value = clean_text (values[i]);
      g_autofree char *sql = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (only_given && value == NULL)
        continue;
      /* The title is required: an empty one keeps the old. */
      if (i == 0 && value == NULL)
        continue;
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

static void
report_progress (ParProgressFunc  progress,
                 gpointer         progress_data,
                 double           fraction,
                 const char      *text)
{
  if (progress != NULL)
    progress (CLAMP (fraction, 0.0, 1.0), text, progress_data);
}

/* Reads @file through SHA-256; with @insert, stores each chunk too. */
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
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buffer = g_malloc (PAR_DOCUMENT_CHUNK_SIZE);
  gint64 seq = 0;
  goffset done = 0;
  const char *text = document_id != 0 ? _("Storing the document") : _("Checking the document");

  if (document_id != 0)
    {
      insert = _par_workspace_prepare (self,
                                       "INSERT INTO document_chunk (document_id, seq, data)"
                                       " VALUES (?, ?, ?)", error);
      if (insert == NULL)
        return NULL;
    }

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
      g_checksum_update (checksum, buffer, n);
      if (insert != NULL)
        {
          sqlite3_reset (insert);
          sqlite3_bind_int64 (insert, 1, document_id);
          sqlite3_bind_int64 (insert, 2, seq);
          sqlite3_bind_blob (insert, 3, buffer, n, SQLITE_STATIC);
          if (sqlite3_step (insert) != SQLITE_DONE)
            return _par_workspace_set_io_error (self, error), NULL;
        }
      seq++;
      done += n;
      report_progress (progress, progress_data,
                       from + (to - from) * (size > 0 ? (double) done / size : 1.0), text);
      if (n < PAR_DOCUMENT_CHUNK_SIZE)
        break;
    }

  if (done != size)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_IO,
                           _("the file changed while it was being attached; try again"));
      return NULL;
    }
  return g_strdup (g_checksum_get_string (checksum));

read_failed:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot read the file: %s"),
                 local_error->message);
  return NULL;
}

static gint64
find_document (ParWorkspace  *self,
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
 * is there already (then the given metadata update it), and links it to
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

  if (!_par_workspace_check_writable (self, year, error) ||
      !(criterion_id = resolve_leaf (self, year, unit_code, criterion_code, &unit, NULL, error)) ||
      !check_date (info != NULL ? info->date : NULL, error))
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  report_progress (progress, progress_data, 0.0, _("Checking the document"));
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

  if (!_par_workspace_exec (self, "BEGIN IMMEDIATE", error))
    return NULL;
  previous_cache = _par_workspace_set_cache_size (self, -PAR_STREAMING_CACHE_KIB);

  document_id = find_document (self, sha256, error);
  if (document_id < 0)
    goto failed;

  if (document_id > 0)
    {
      if (!apply_info (self, document_id, info, TRUE, error))
        goto failed;
    }
  else
    {
      g_autoptr(sqlite3_stmt) insert = NULL;
      char *dot;

      title = clean_text (info != NULL ? info->title : NULL);
      if (title == NULL)
        {
          title = g_strdup (basename);
          if ((dot = strrchr (title, '.')) != NULL && dot != title)
            *dot = '\0';
        }

      insert = _par_workspace_prepare (self,
                                       "INSERT INTO document (sha256, media_type, size, page_count,"
                                       " file_name, title, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                       error);
      if (insert == NULL)
        goto failed;
      sqlite3_bind_text (insert, 1, sha256, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, media_type, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 3, size);
      sqlite3_bind_int (insert, 4, page_count);
      sqlite3_bind_text (insert, 5, basename, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 6, title, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 7, now, -1, SQLITE_STATIC);
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          _par_workspace_set_io_error (self, error);
          goto failed;
        }
      document_id = sqlite3_last_insert_rowid (_par_workspace_get_db (self));

      if (!apply_info (self, document_id, info, TRUE, error) ||
          !(stored_sha256 = hash_file (self, file, document_id, size, 0.3, 0.98, progress,
                                       progress_data, cancellable, error)))
        goto failed;
      if (!g_str_equal (stored_sha256, sha256))
        {
          g_set_error_literal (error, PAR_ERROR, PAR_ERROR_IO,
                               _("the file changed while it was being attached; try again"));
          goto failed;
        }
    }

  if (!(link_id = insert_link (self, document_id, year, unit->id, criterion_id, pages, now,
                               error)))
    goto failed;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !_par_workspace_exec (self, "COMMIT", error))
    goto failed;
  _par_workspace_set_cache_size (self, previous_cache);

  report_progress (progress, progress_data, 1.0, NULL);
  _par_workspace_emit_evidence_changed (self, year, unit_code, criterion_code);
  return get_evidence (self, link_id, error);

failed:
  rollback (self);
  _par_workspace_set_cache_size (self, previous_cache);
  return NULL;
}

typedef struct
{
  int              year;
  char            *unit_code;
  char            *criterion_code;
  GFile           *file;
  char            *title;
  char            *number;
  char            *date;
  char            *issuer;
  char            *pages;
  char            *path;
  ParProgressFunc  progress;
  gpointer         progress_data;
  GDestroyNotify   progress_destroy;
  GMainContext    *context;
} AttachData;

static void
attach_data_free (gpointer data)
{
  AttachData *attach = data;

  g_free (attach->unit_code);
  g_free (attach->criterion_code);
  g_clear_object (&attach->file);
  g_free (attach->title);
  g_free (attach->number);
  g_free (attach->date);
  g_free (attach->issuer);
  g_free (attach->pages);
  g_free (attach->path);
  if (attach->progress_destroy != NULL)
    attach->progress_destroy (attach->progress_data);
  g_main_context_unref (attach->context);
  g_free (attach);
}

/*
 * Progress from a worker, passed to the caller's main context. Reports
 * are dropped while one is pending, so a fast worker does not flood it.
 */
typedef struct
{
  GMainContext    *context;
  ParProgressFunc  func;
  gpointer         data;
  gint             pending;
  double           fraction;
  char            *text;
  GMutex           mutex;
  gatomicrefcount  ref_count;
} ProgressRelay;

static ProgressRelay *
progress_relay_new (GMainContext    *context,
                    ParProgressFunc  func,
                    gpointer         data)
{
  ProgressRelay *relay = g_new0 (ProgressRelay, 1);

  relay->context = g_main_context_ref (context);
  relay->func = func;
  relay->data = data;
  g_mutex_init (&relay->mutex);
  g_atomic_ref_count_init (&relay->ref_count);
  return relay;
}

static void
progress_relay_unref (gpointer data)
{
  ProgressRelay *relay = data;

  if (g_atomic_ref_count_dec (&relay->ref_count))
    {
      g_main_context_unref (relay->context);
      g_free (relay->text);
      g_mutex_clear (&relay->mutex);
      g_free (relay);
    }
}

static gboolean
progress_relay_dispatch (gpointer data)
{
  ProgressRelay *relay = data;
  g_autofree char *text = NULL;
  double fraction;

  g_mutex_lock (&relay->mutex);
  fraction = relay->fraction;
  text = g_steal_pointer (&relay->text);
  g_atomic_int_set (&relay->pending, 0);
  g_mutex_unlock (&relay->mutex);

  relay->func (fraction, text, relay->data);
  return G_SOURCE_REMOVE;
}

static void
progress_relay_report (double      fraction,
                       const char *text,
                       gpointer    data)
{
  ProgressRelay *relay = data;

  g_mutex_lock (&relay->mutex);
  relay->fraction = fraction;
  g_free (relay->text);
  relay->text = g_strdup (text);
  g_mutex_unlock (&relay->mutex);

  if (g_atomic_int_compare_and_exchange (&relay->pending, 0, 1))
    {
      g_atomic_ref_count_inc (&relay->ref_count);
      g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT, progress_relay_dispatch,
                                  relay, progress_relay_unref);
    }
}

/**
 * _par_progress_relay_new: (skip)
 *
 * Returns a function and data that pass a worker's progress to @func on
 * @context; free the data with _par_progress_relay_unref().
 */
gpointer
_par_progress_relay_new (GMainContext     *context,
                         ParProgressFunc   func,
                         gpointer          data,
                         ParProgressFunc  *out_report)
{
  *out_report = progress_relay_report;
  return progress_relay_new (context, func, data);
}

void
_par_progress_relay_unref (gpointer relay)
{
  progress_relay_unref (relay);
}

static void
attach_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AttachData *attach = task_data;
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  ParEvidence *evidence;
  ParDocumentInfo info = { attach->title, attach->number, attach->date, attach->issuer };
  ProgressRelay *relay = NULL;

  if (attach->progress != NULL)
    relay = progress_relay_new (attach->context, attach->progress, attach->progress_data);

  /* A connection of its own: the window keeps using its connection. */
  workspace = par_workspace_open (attach->path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  evidence = workspace == NULL ? NULL
             : par_workspace_attach_evidence (workspace, attach->year, attach->unit_code,
                                              attach->criterion_code, attach->file, &info,
                                              attach->pages,
                                              relay != NULL ? progress_relay_report : NULL,
                                              relay, cancellable, &error);
  if (relay != NULL)
    progress_relay_unref (relay);

  if (evidence == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, evidence, (GDestroyNotify) par_evidence_free);
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
  g_autoptr(GTask) task = NULL;
  AttachData *attach;

  g_return_if_fail (PAR_IS_WORKSPACE (self));
  g_return_if_fail (G_IS_FILE (file));

  attach = g_new0 (AttachData, 1);
  attach->year = year;
  attach->unit_code = g_strdup (unit_code);
  attach->criterion_code = g_strdup (criterion_code);
  attach->file = g_object_ref (file);
  if (info != NULL)
    {
      attach->title = g_strdup (info->title);
      attach->number = g_strdup (info->number);
      attach->date = g_strdup (info->date);
      attach->issuer = g_strdup (info->issuer);
    }
  attach->pages = g_strdup (pages);
  attach->path = g_strdup (par_workspace_get_path (self));
  attach->progress = progress;
  attach->progress_data = progress_data;
  attach->progress_destroy = progress_destroy;
  attach->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, par_workspace_attach_evidence_async);
  g_task_set_task_data (task, attach, attach_data_free);
  g_task_run_in_thread (task, attach_thread);
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
  g_autoptr(GDateTime) now_time = g_date_time_new_now_utc ();
  g_autofree char *now = g_date_time_format_iso8601 (now_time);
  g_autoptr(ParDocument) document = NULL;
  ParYearUnit *unit = NULL;
  gint64 criterion_id;
  gint64 link_id;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);

  if (!_par_workspace_check_writable (self, year, error) ||
      !(criterion_id = resolve_leaf (self, year, unit_code, criterion_code, &unit, NULL, error)) ||
      !(document = par_workspace_get_document (self, document_id, error)) ||
      !_par_workspace_exec (self, "BEGIN IMMEDIATE", error))
    return NULL;

  if (!(link_id = insert_link (self, document_id, year, unit->id, criterion_id, pages, now,
                               error)) ||
      !_par_workspace_exec (self, "COMMIT", error))
    {
      rollback (self);
      return NULL;
    }

  _par_workspace_emit_evidence_changed (self, year, unit_code, criterion_code);
  return get_evidence (self, link_id, error);
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
  g_autoptr(ParEvidence) evidence = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);

  if (!(evidence = get_evidence (self, link_id, error)) ||
      !_par_workspace_check_writable (self, evidence->year, error) ||
      !(stmt = _par_workspace_prepare (self, "DELETE FROM evidence_link WHERE id = ?", error)) ||
      !_par_workspace_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, link_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _par_workspace_set_io_error (self, error);
      rollback (self);
      return FALSE;
    }
  if (!_par_workspace_exec (self, "COMMIT", error))
    {
      rollback (self);
      return FALSE;
    }

  _par_workspace_emit_evidence_changed (self, evidence->year, evidence->unit_code,
                                        evidence->criterion_code);
  return TRUE;
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
  g_autoptr(ParEvidence) evidence = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean_pages = clean_text (pages);

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);

  if (!(evidence = get_evidence (self, link_id, error)) ||
      !_par_workspace_check_writable (self, evidence->year, error) ||
      !(stmt = _par_workspace_prepare (self, "UPDATE evidence_link SET pages = ? WHERE id = ?",
                                       error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, clean_pages, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, link_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);

  _par_workspace_emit_evidence_changed (self, evidence->year, evidence->unit_code,
                                        evidence->criterion_code);
  return TRUE;
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

  if (!(document = par_workspace_get_document (self, document_id, error)) ||
      !check_date (info->date, error) ||
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

  if (!_par_workspace_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!apply_info (self, document_id, info, FALSE, error) ||
      !_par_workspace_exec (self, "COMMIT", error))
    {
      rollback (self);
      return FALSE;
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
  ParYearContext *context;
  ParYearUnit *unit;
  gint64 criterion_id = 0;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  if (criterion_code != NULL &&
      !(criterion_id = resolve_leaf (self, year, unit_code, criterion_code, NULL, NULL, error)))
    return NULL;
  if (!(context = _par_workspace_get_year (self, year, error)))
    return NULL;
  unit = g_hash_table_lookup (context->units_by_code, unit_code);
  if (unit == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("unit “%s” is not in year %d"),
                   unit_code, year);
      return NULL;
    }

  stmt = _par_workspace_prepare (self,
                                 "SELECT l.id, c.code, c.leaf_index, l.pages, " DOCUMENT_COLUMNS
                                 " FROM evidence_link l JOIN document d ON d.id = l.document_id"
                                 " JOIN criterion c ON c.id = l.criterion_id"
                                 " WHERE l.year = ?1 AND l.unit_id = ?2"
                                 " AND (?3 = 0 OR l.criterion_id = ?3)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, unit->id);
  sqlite3_bind_int64 (stmt, 3, criterion_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ParEvidence *evidence = g_new0 (ParEvidence, 1);

      evidence->link_id = sqlite3_column_int64 (stmt, 0);
      evidence->year = year;
      evidence->unit_code = g_strdup (unit->code);
      evidence->criterion_code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      evidence->leaf_index = sqlite3_column_int (stmt, 2);
      evidence->pages = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      evidence->document = document_from_row (stmt, 4);
      g_ptr_array_add (list, evidence);
    }
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

  if (!(stmt = _par_workspace_prepare (self, "SELECT " DOCUMENT_COLUMNS " FROM document d"
                                       " ORDER BY d.added_at DESC, d.id DESC", error)))
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

  if (!(stmt = _par_workspace_prepare (self, "SELECT " DOCUMENT_COLUMNS " FROM document d"
                                       " WHERE d.id = ?", error)))
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
  ParYearContext *context;
  ParYearUnit *unit;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  if (!(context = _par_workspace_get_year (self, year, error)))
    return NULL;
  unit = g_hash_table_lookup (context->units_by_code, unit_code);
  if (unit == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("unit “%s” is not in year %d"),
                   unit_code, year);
      return NULL;
    }

  stmt = _par_workspace_prepare (self,
                                 "SELECT c.code, count(*) FROM evidence_link l"
                                 " JOIN criterion c ON c.id = l.criterion_id"
                                 " WHERE l.year = ? AND l.unit_id = ? GROUP BY c.code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, unit->id);
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
  ParYearContext *context;
  ParYearUnit *unit;
  ParYearBlock *block;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  if (!(context = _par_workspace_get_year (self, year, error)))
    return NULL;
  unit = g_hash_table_lookup (context->units_by_code, unit_code);
  if (unit == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("unit “%s” is not in year %d"),
                   unit_code, year);
      return NULL;
    }
  block = g_ptr_array_index (context->blocks, unit->block);

  stmt = _par_workspace_prepare (self,
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
                                 " AND coalesce (e.text, '') = ''", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, unit->id);

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
      g_output_stream_splice (G_OUTPUT_STREAM (output), input,
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                              G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              cancellable, &local_error) < 0)
    {
      g_autofree char *name = g_file_get_parse_name (destination);

      if (local_error->domain == PAR_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot write the file: %s"),
                     name, local_error->message);
      return FALSE;
    }
  return TRUE;
}
