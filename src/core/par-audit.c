/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-audit"

#include "config.h"

#include "par-audit.h"
#include "par-audit-private.h"

#include <glib/gi18n-lib.h>
#include <nettle/sha2.h>
#include <string.h>

#include "par-error.h"

/*
 * The audit log: one record per change, append-only, each record chained
 * to the previous record of its year by a SHA-256 hash (docs/audit-log.md
 * gives the exact bytes hashed, so that another program can check it).
 *
 * A writer serves one write transaction: holding the write lock, it knows
 * the next record's id, so every record is hashed and inserted once. The
 * head of each year's chain (last id, number of records, last hash) is
 * kept in audit_head, so that records removed from the end are noticed
 * too.
 */

static char *program_name;

/**
 * par_audit_set_program:
 * @program: what the program is, as records name it ("window", "cli")
 *
 * Names the program whose changes this process records: a record's origin
 * is "<program>:<action>" ("cli:import", "window:edit"). Called once from
 * main(); without it the program's name (g_get_prgname()) is used.
 */
void
par_audit_set_program (const char *program)
{
  g_free (program_name);
  program_name = g_strdup (program);
}

char *
par_audit_get_program (void)
{
  const char *name = program_name != NULL ? program_name : g_get_prgname ();

  return name != NULL ? g_path_get_basename (name) : g_strdup ("parindex");
}

typedef struct
{
  gint64 last_id;
  gint64 count;
  char   hash[PAR_AUDIT_HASH_LENGTH + 1];
  gboolean dirty;
} ChainHead;

struct _ParAuditWriter
{
  sqlite3      *db;
  sqlite3_stmt *insert;
  sqlite3_stmt *select_head;
  GHashTable   *heads;       /* year → ChainHead */
  char         *at;
  char         *user;
  char         *program;
  gint64        next_id;
  gint64        first_id;
};

/* The fields of a record in the order they are hashed; NULL for SQL NULL. */
typedef struct
{
  gint64      id;
  const char *at;
  const char *user;
  int         year;
  const char *unit_code;
  const char *criterion_code;
  int         stage;
  const char *old_value;
  const char *new_value;
  const char *old_note;
  const char *new_note;
  const char *origin;
  const char *detail;
} AuditRow;

/* A record's columns, in the order they are stored (AUDIT_COLUMNS, the
 * hash after them) and hashed. */
typedef enum
{
  COLUMN_INT64,
  COLUMN_INT,
  COLUMN_TEXT,    /* nullable */
} ColumnKind;

static const struct
{
  gsize      offset;
  ColumnKind kind;
} audit_columns[] = {
  { G_STRUCT_OFFSET (AuditRow, id), COLUMN_INT64 },
  { G_STRUCT_OFFSET (AuditRow, at), COLUMN_TEXT },
  { G_STRUCT_OFFSET (AuditRow, user), COLUMN_TEXT },
  { G_STRUCT_OFFSET (AuditRow, year), COLUMN_INT },
  { G_STRUCT_OFFSET (AuditRow, unit_code), COLUMN_TEXT },
  { G_STRUCT_OFFSET (AuditRow, criterion_code), COLUMN_TEXT },
  { G_STRUCT_OFFSET (AuditRow, stage), COLUMN_INT },
  { G_STRUCT_OFFSET (AuditRow, old_value), COLUMN_TEXT },
  { G_STRUCT_OFFSET (AuditRow, new_value), COLUMN_TEXT },
  { G_STRUCT_OFFSET (AuditRow, old_note), COLUMN_TEXT },
  { G_STRUCT_OFFSET (AuditRow, new_note), COLUMN_TEXT },
  { G_STRUCT_OFFSET (AuditRow, origin), COLUMN_TEXT },
  { G_STRUCT_OFFSET (AuditRow, detail), COLUMN_TEXT },
};

static gint64
row_integer (const AuditRow *row,
             guint           column)
{
  const guint8 *member = (const guint8 *) row + audit_columns[column].offset;

  /* Copied out rather than read through a cast pointer: the offset comes
   * from the table, and clang's -Wcast-align does not know it is aligned. */
  if (audit_columns[column].kind == COLUMN_INT)
    {
      int value;

      memcpy (&value, member, sizeof value);
      return value;
    }
  else
    {
      gint64 value;

      memcpy (&value, member, sizeof value);
      return value;
    }
}

static const char *
row_text (const AuditRow *row,
          guint           column)
{
  const char *text;

  memcpy (&text, (const guint8 *) row + audit_columns[column].offset, sizeof text);
  return text;
}

/* @value in decimal, at the end of @buffer; returns where it starts.
 * (printf costs a third of a chain's check.) */
static char *
format_integer (gint64  value,
                char   *buffer_end)
{
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;
  char *p = buffer_end;

  do
    {
      *--p = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  return p;
}

static void
hash_bytes (struct sha256_ctx *ctx,
            const char        *text,
            gsize              length)
{
  char prefix[24];
  char *start;

  prefix[sizeof prefix - 1] = ':';
  start = format_integer ((gint64) length, prefix + sizeof prefix - 1);
  sha256_update (ctx, prefix + sizeof prefix - start, (const guint8 *) start);
  sha256_update (ctx, length, (const guint8 *) text);
  sha256_update (ctx, 1, (const guint8 *) "\n");
}

static void
hash_field (struct sha256_ctx *ctx,
            const char        *text)
{
  if (text == NULL)
    sha256_update (ctx, 2, (const guint8 *) "-\n");
  else
    hash_bytes (ctx, text, strlen (text));
}

static void
hash_integer (struct sha256_ctx *ctx,
              gint64             value)
{
  char text[24];
  char *start = format_integer (value, text + sizeof text);

  hash_bytes (ctx, start, text + sizeof text - start);
}

/* SHA-256 of "parindex-audit/1\n", the previous hash (empty for a year's
 * first record), "\n", then every field as "<bytes>:<text>\n" ("-\n" for
 * NULL), as lower-case hex in @out. */
static void
hash_row (const char     *previous,
          const AuditRow *row,
          char            out[PAR_AUDIT_HASH_LENGTH + 1])
{
  static const char hex[] = "0123456789abcdef";
  struct sha256_ctx ctx;
  guint8 digest[SHA256_DIGEST_SIZE];

  sha256_init (&ctx);
  sha256_update (&ctx, strlen ("parindex-audit/1\n"), (const guint8 *) "parindex-audit/1\n");
  sha256_update (&ctx, strlen (previous), (const guint8 *) previous);
  sha256_update (&ctx, 1, (const guint8 *) "\n");
  for (guint c = 0; c < G_N_ELEMENTS (audit_columns); c++)
    {
      if (audit_columns[c].kind == COLUMN_TEXT)
        hash_field (&ctx, row_text (row, c));
      else
        hash_integer (&ctx, row_integer (row, c));
    }
  sha256_digest (&ctx, sizeof digest, digest);

  for (guint i = 0; i < sizeof digest; i++)
    {
      out[2 * i] = hex[digest[i] >> 4];
      out[2 * i + 1] = hex[digest[i] & 0xf];
    }
  out[PAR_AUDIT_HASH_LENGTH] = '\0';
}

static gboolean
set_db_error (sqlite3  *db,
              GError  **error)
{
  g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("cannot write the audit log: %s"),
               sqlite3_errmsg (db));
  return FALSE;
}

void
par_audit_writer_free (ParAuditWriter *writer)
{
  if (writer == NULL)
    return;
  g_clear_pointer (&writer->insert, sqlite3_finalize);
  g_clear_pointer (&writer->select_head, sqlite3_finalize);
  g_clear_pointer (&writer->heads, g_hash_table_unref);
  g_free (writer->at);
  g_free (writer->user);
  g_free (writer->program);
  g_free (writer);
}

/**
 * par_audit_writer_new:
 * @db: a connection inside a write transaction (BEGIN IMMEDIATE)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a writer for the records of this
 *   transaction, all stamped with the same time and user
 */
ParAuditWriter *
par_audit_writer_new (sqlite3  *db,
                      GError  **error)
{
  g_autoptr(ParAuditWriter) writer = g_new0 (ParAuditWriter, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(sqlite3_stmt) last = NULL;

  writer->db = db;
  writer->at = g_date_time_format_iso8601 (now);
  writer->user = g_strdup (g_get_user_name ());
  writer->program = par_audit_get_program ();
  writer->heads = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  if (sqlite3_prepare_v2 (db, "SELECT coalesce (max (id), 0) FROM audit", -1, &last, NULL) != SQLITE_OK ||
      sqlite3_step (last) != SQLITE_ROW ||
      sqlite3_prepare_v2 (db,
                          "INSERT INTO audit (id, at, user, year, unit_code, criterion_code, stage,"
                          " old_value, new_value, old_note, new_note, origin, detail, hash)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          -1, &writer->insert, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT last_id, count, hash FROM audit_head WHERE year = ?",
                          -1, &writer->select_head, NULL) != SQLITE_OK)
    {
      set_db_error (db, error);
      return NULL;
    }
  writer->next_id = sqlite3_column_int64 (last, 0) + 1;
  writer->first_id = writer->next_id;
  return g_steal_pointer (&writer);
}

const char *
par_audit_writer_get_time (ParAuditWriter *writer)
{
  return writer->at;
}

/* The id of the first record this writer adds (or would add). */
gint64
par_audit_writer_get_first (ParAuditWriter *writer)
{
  return writer->first_id;
}

/* The id the next record would take. */
gint64
par_audit_writer_get_next (ParAuditWriter *writer)
{
  return writer->next_id;
}

static ChainHead *
load_head (sqlite3       *db,
           sqlite3_stmt  *select_head,
           GHashTable    *heads,
           int            year,
           GError       **error)
{
  ChainHead *head = g_hash_table_lookup (heads, GINT_TO_POINTER (year));
  int rc;

  if (head != NULL)
    return head;

  head = g_new0 (ChainHead, 1);
  sqlite3_reset (select_head);
  sqlite3_bind_int (select_head, 1, year);
  rc = sqlite3_step (select_head);
  if (rc == SQLITE_ROW)
    {
      const char *hash = (const char *) sqlite3_column_text (select_head, 2);

      head->last_id = sqlite3_column_int64 (select_head, 0);
      head->count = sqlite3_column_int64 (select_head, 1);
      g_strlcpy (head->hash, hash != NULL ? hash : "", sizeof head->hash);
    }
  else if (rc != SQLITE_DONE)
    {
      g_free (head);
      set_db_error (db, error);
      return NULL;
    }
  g_hash_table_insert (heads, GINT_TO_POINTER (year), head);
  return head;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
}

/**
 * par_audit_writer_append:
 * @writer: a #ParAuditWriter
 * @record: the change
 * @error: return location for a #GError
 *
 * Inserts @record, chained to the last record of its year.
 *
 * Returns: %TRUE on success
 */
gboolean
par_audit_writer_append (ParAuditWriter        *writer,
                         const ParAuditRecord  *record,
                         GError               **error)
{
  g_autofree char *origin = g_strconcat (writer->program, ":", record->action, NULL);
  ChainHead *head = load_head (writer->db, writer->select_head, writer->heads, record->year, error);
  AuditRow row = {
    writer->next_id, writer->at, writer->user, record->year,
    record->unit_code != NULL ? record->unit_code : "",
    record->criterion_code != NULL ? record->criterion_code : "",
    record->stage, record->old_value, record->new_value, record->old_note, record->new_note,
    origin, record->detail,
  };
  char hash[PAR_AUDIT_HASH_LENGTH + 1];

  if (head == NULL)
    return FALSE;

  hash_row (head->hash, &row, hash);

  sqlite3_reset (writer->insert);
  for (guint c = 0; c < G_N_ELEMENTS (audit_columns); c++)
    {
      if (audit_columns[c].kind == COLUMN_TEXT)
        bind_text (writer->insert, c + 1, row_text (&row, c));
      else
        sqlite3_bind_int64 (writer->insert, c + 1, row_integer (&row, c));
    }
  bind_text (writer->insert, G_N_ELEMENTS (audit_columns) + 1, hash);
  if (sqlite3_step (writer->insert) != SQLITE_DONE)
    return set_db_error (writer->db, error);

  head->last_id = row.id;
  head->count++;
  memcpy (head->hash, hash, sizeof hash);
  head->dirty = TRUE;
  writer->next_id++;
  return TRUE;
}

static gboolean
store_heads (sqlite3     *db,
             GHashTable  *heads,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) store = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO audit_head (year, last_id, count, hash)"
                          " VALUES (?, ?, ?, ?)", -1, &store, NULL) != SQLITE_OK)
    return set_db_error (db, error);

  g_hash_table_iter_init (&iter, heads);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ChainHead *head = value;

      if (!head->dirty)
        continue;
      sqlite3_reset (store);
      sqlite3_bind_int (store, 1, GPOINTER_TO_INT (key));
      sqlite3_bind_int64 (store, 2, head->last_id);
      sqlite3_bind_int64 (store, 3, head->count);
      bind_text (store, 4, head->hash);
      if (sqlite3_step (store) != SQLITE_DONE)
        return set_db_error (db, error);
      head->dirty = FALSE;
    }
  return TRUE;
}

/**
 * par_audit_writer_finish:
 *
 * Stores the new head of every chain the writer extended; called before
 * the transaction commits.
 *
 * Returns: %TRUE on success
 */
gboolean
par_audit_writer_finish (ParAuditWriter  *writer,
                         GError         **error)
{
  return store_heads (writer->db, writer->heads, error);
}

#define AUDIT_COLUMNS \
  "id, at, user, year, unit_code, criterion_code, stage, old_value, new_value, old_note," \
  " new_note, origin, detail, hash"

static void
read_row (sqlite3_stmt *stmt,
          AuditRow     *row)
{
  for (guint c = 0; c < G_N_ELEMENTS (audit_columns); c++)
    {
      gpointer member = (guint8 *) row + audit_columns[c].offset;

      switch (audit_columns[c].kind)
        {
        case COLUMN_INT64:
          *(gint64 *) member = sqlite3_column_int64 (stmt, c);
          break;
        case COLUMN_INT:
          *(int *) member = sqlite3_column_int (stmt, c);
          break;
        case COLUMN_TEXT:
        default:
          *(const char **) member = (const char *) sqlite3_column_text (stmt, c);
          break;
        }
    }
}

/**
 * par_audit_seal_unsealed:
 * @db: a connection inside a write transaction
 * @error: return location for a #GError
 *
 * Chains the records written before the log was chained (schema 7), in
 * the order they were written. Run once, by the migration that adds the
 * chain; a record without a hash found later is a record that ParIndex
 * did not write.
 *
 * Returns: %TRUE on success
 */
gboolean
par_audit_seal_unsealed (sqlite3  *db,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) seal = NULL;
  g_autoptr(sqlite3_stmt) select_head = NULL;
  g_autoptr(GHashTable) heads = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT " AUDIT_COLUMNS " FROM audit WHERE hash IS NULL ORDER BY id",
                          -1, &select, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "UPDATE audit SET hash = ? WHERE id = ?", -1, &seal, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT last_id, count, hash FROM audit_head WHERE year = ?",
                          -1, &select_head, NULL) != SQLITE_OK)
    return set_db_error (db, error);

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      AuditRow row;
      ChainHead *head;
      char hash[PAR_AUDIT_HASH_LENGTH + 1];

      read_row (select, &row);
      if (!(head = load_head (db, select_head, heads, row.year, error)))
        return FALSE;
      hash_row (head->hash, &row, hash);
      sqlite3_reset (seal);
      bind_text (seal, 1, hash);
      sqlite3_bind_int64 (seal, 2, row.id);
      if (sqlite3_step (seal) != SQLITE_DONE)
        return set_db_error (db, error);
      head->last_id = row.id;
      head->count++;
      memcpy (head->hash, hash, sizeof hash);
      head->dirty = TRUE;
    }
  if (rc != SQLITE_DONE)
    return set_db_error (db, error);

  return store_heads (db, heads, error);
}

static gboolean
altered (GError     **error,
         int          year,
         const char  *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
altered (GError     **error,
         int          year,
         const char  *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  if (year == 0)
    g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                 _("the audit log of the workspace was altered: %s"), what);
  else
    g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                 _("the audit log of year %d was altered: %s"), year, what);
  return FALSE;
}

/**
 * par_audit_verify_chain:
 * @db: a connection (a read transaction keeps what it reads consistent)
 * @year: the year whose chain is checked (0: the workspace-wide records)
 * @out_count: (out) (optional): the number of records checked
 * @error: return location for a #GError
 *
 * Recomputes the year's chain from its first record and compares it with
 * the stored hashes and the stored head.
 *
 * Returns: %TRUE when the chain is whole; %FALSE with %PAR_ERROR_INTEGRITY
 *   naming the first record that does not match, or %PAR_ERROR_IO
 */
gboolean
par_audit_verify_chain (sqlite3  *db,
                        int       year,
                        gint64   *out_count,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) select_head = NULL;
  char previous[PAR_AUDIT_HASH_LENGTH + 1] = "";
  gint64 last_id = 0;
  gint64 count = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT " AUDIT_COLUMNS " FROM audit WHERE year = ? ORDER BY id",
                          -1, &select, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT last_id, count, hash FROM audit_head WHERE year = ?",
                          -1, &select_head, NULL) != SQLITE_OK)
    return set_db_error (db, error);
  sqlite3_bind_int (select, 1, year);
  sqlite3_bind_int (select_head, 1, year);

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *stored = (const char *) sqlite3_column_text (select, 13);
      g_autofree char *id_text = NULL;
      AuditRow row;

      read_row (select, &row);
      hash_row (previous, &row, previous);
      if (stored == NULL || strcmp (stored, previous) != 0)
        {
          g_autoptr(GString) what = g_string_new (row.origin);

          id_text = g_strdup_printf ("%" G_GINT64_FORMAT, row.id);
          g_string_append_printf (what, ", %s", row.at != NULL ? row.at : "");
          if (row.unit_code != NULL && row.unit_code[0] != '\0')
            g_string_append_printf (what, ", %s %s", row.unit_code,
                                    row.criterion_code != NULL ? row.criterion_code : "");
          return altered (error, year,
                          _("record %s (%s) does not match its hash: it was edited, or a record "
                            "before it was removed"),
                          id_text, what->str);
        }
      last_id = row.id;
      count++;
    }
  if (rc != SQLITE_DONE)
    return set_db_error (db, error);

  rc = sqlite3_step (select_head);
  if (rc == SQLITE_ROW)
    {
      const char *head_hash = (const char *) sqlite3_column_text (select_head, 2);

      if (sqlite3_column_int64 (select_head, 0) != last_id ||
          sqlite3_column_int64 (select_head, 1) != count ||
          g_strcmp0 (head_hash, previous) != 0)
        {
          g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                       (gint64) sqlite3_column_int64 (select_head, 1));
          g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, count);

          return altered (error, year,
                          _("it should hold %s records and holds %s: records were removed"),
                          expected, found);
        }
    }
  else if (rc == SQLITE_DONE)
    {
      if (count > 0)
        return altered (error, year, _("the head of its chain is missing"));
    }
  else
    return set_db_error (db, error);

  if (out_count != NULL)
    *out_count = count;
  return TRUE;
}
