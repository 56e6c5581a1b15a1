/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-schema"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-audit-private.h"
#include "par-error.h"
#include "par-schema.h"

/*
 * The workspace schema, as a list of migrations. Version N of a workspace
 * is the result of running steps 1..N in order; a step is never edited
 * once released, a change is a new step. PRAGMA user_version holds the
 * version, PRAGMA application_id marks the file as ours.
 *
 * Points are stored as integers in thousandths, never as REAL.
 */
typedef struct
{
  const char *sql;
  /* What SQL cannot do, run after @sql in the same transaction. */
  gboolean  (*after) (sqlite3  *db,
                      GError  **error);
} Migration;

static const Migration migrations[] = {
  /* 1: years, blocks with their criteria sets, units, score entries. */
  { "CREATE TABLE criteria_set ("
    "  id INTEGER PRIMARY KEY,"
    "  checksum TEXT NOT NULL UNIQUE,"
    "  title TEXT NOT NULL,"
    "  json TEXT NOT NULL);"
    "CREATE TABLE criterion ("
    "  id INTEGER PRIMARY KEY,"
    "  set_id INTEGER NOT NULL REFERENCES criteria_set (id) ON DELETE CASCADE,"
    "  code TEXT NOT NULL,"
    "  leaf_index INTEGER,"
    "  UNIQUE (set_id, code));"
    "CREATE TABLE year ("
    "  year INTEGER PRIMARY KEY);"
    "CREATE TABLE block ("
    "  id INTEGER PRIMARY KEY,"
    "  year INTEGER NOT NULL REFERENCES year (year),"
    "  name TEXT NOT NULL,"
    "  position INTEGER NOT NULL,"
    "  set_id INTEGER NOT NULL REFERENCES criteria_set (id),"
    "  UNIQUE (year, name));"
    "CREATE TABLE unit ("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  kind TEXT,"
    "  parent_code TEXT);"
    "CREATE TABLE year_unit ("
    "  year INTEGER NOT NULL REFERENCES year (year),"
    "  unit_id INTEGER NOT NULL REFERENCES unit (id),"
    "  block_id INTEGER NOT NULL REFERENCES block (id),"
    "  PRIMARY KEY (year, unit_id)) WITHOUT ROWID;"
    "CREATE INDEX year_unit_block ON year_unit (block_id);"
    "CREATE TABLE score ("
    "  year INTEGER NOT NULL,"
    "  unit_id INTEGER NOT NULL,"
    "  criterion_id INTEGER NOT NULL REFERENCES criterion (id),"
    "  stage INTEGER NOT NULL CHECK (stage IN (0, 1)),"
    "  state INTEGER NOT NULL CHECK (state BETWEEN 1 AND 3),"
    "  value TEXT NOT NULL,"
    "  points INTEGER NOT NULL CHECK (points >= 0),"
    "  applicable INTEGER NOT NULL CHECK (applicable IN (0, 1)),"
    "  note TEXT,"
    "  changed_at TEXT NOT NULL,"
    "  PRIMARY KEY (year, unit_id, criterion_id, stage),"
    "  FOREIGN KEY (year, unit_id) REFERENCES year_unit (year, unit_id)) WITHOUT ROWID;", NULL },

  /* 2: the append-only audit log of score changes. */
  { "CREATE TABLE audit ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  user TEXT NOT NULL,"
    "  year INTEGER NOT NULL,"
    "  unit_code TEXT NOT NULL,"
    "  criterion_code TEXT NOT NULL,"
    "  stage INTEGER NOT NULL,"
    "  old_value TEXT,"
    "  new_value TEXT,"
    "  old_note TEXT,"
    "  new_note TEXT,"
    "  origin TEXT NOT NULL);"
    "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit"
    "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
    "CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit"
    "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;", NULL },

  /* 3: each unit's totals per year, kept with the scores in the same
   * transaction, so that a year's results need not read every entry. The
   * workspace rebuilds them when the flag in meta says so. */
  { "CREATE TABLE meta ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT) WITHOUT ROWID;"
    "CREATE TABLE unit_total ("
    "  year INTEGER NOT NULL,"
    "  unit_id INTEGER NOT NULL,"
    "  points INTEGER NOT NULL,"
    "  max INTEGER NOT NULL,"
    "  self_points INTEGER NOT NULL,"
    "  provisional INTEGER NOT NULL,"
    "  PRIMARY KEY (year, unit_id),"
    "  FOREIGN KEY (year, unit_id) REFERENCES year_unit (year, unit_id)) WITHOUT ROWID;"
    "CREATE TABLE field_total ("
    "  year INTEGER NOT NULL,"
    "  unit_id INTEGER NOT NULL,"
    "  field INTEGER NOT NULL,"
    "  points INTEGER NOT NULL,"
    "  max INTEGER NOT NULL,"
    "  PRIMARY KEY (year, unit_id, field),"
    "  FOREIGN KEY (year, unit_id) REFERENCES year_unit (year, unit_id)) WITHOUT ROWID;"
    "INSERT INTO meta (key, value) VALUES ('rebuild-totals', '1');", NULL },

  /* 4: the decision that publishes a year. A row with published_at set
   * freezes the year; reopening clears it and is written to the audit log. */
  { "CREATE TABLE decision ("
    "  year INTEGER PRIMARY KEY REFERENCES year (year),"
    "  number TEXT NOT NULL,"
    "  date TEXT NOT NULL,"
    "  issuer TEXT,"
    "  signer TEXT,"
    "  title TEXT,"
    "  published_at TEXT,"
    "  fingerprint TEXT);", NULL },

  /* 5: per leaf of a unit, whether the appraiser requested an explanation
   * (giải trình) and the unit's explanation text. */
  { "CREATE TABLE explanation ("
    "  year INTEGER NOT NULL,"
    "  unit_id INTEGER NOT NULL,"
    "  criterion_id INTEGER NOT NULL REFERENCES criterion (id),"
    "  requested INTEGER NOT NULL CHECK (requested IN (0, 1)),"
    "  text TEXT,"
    "  changed_at TEXT NOT NULL,"
    "  PRIMARY KEY (year, unit_id, criterion_id),"
    "  FOREIGN KEY (year, unit_id) REFERENCES year_unit (year, unit_id)) WITHOUT ROWID;", NULL },

  /* 6: evidence (tài liệu kiểm chứng). A document is stored once per
   * content hash, in 1 MiB chunks, with its metadata; links tie it to any
   * number of (year, unit, leaf) with the pages that prove the leaf. The
   * document goes when its last link goes, whichever path removes the link
   * (unlinking, removing the unit from the year). */
  { "CREATE TABLE document ("
    "  id INTEGER PRIMARY KEY,"
    "  sha256 TEXT NOT NULL UNIQUE,"
    "  media_type TEXT NOT NULL,"
    "  size INTEGER NOT NULL CHECK (size >= 0),"
    "  page_count INTEGER NOT NULL CHECK (page_count >= 1),"
    "  file_name TEXT,"
    "  title TEXT NOT NULL,"
    "  number TEXT,"
    "  date TEXT,"
    "  issuer TEXT,"
    "  added_at TEXT NOT NULL);"
    "CREATE TABLE document_chunk ("
    "  id INTEGER PRIMARY KEY,"
    "  document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  data BLOB NOT NULL,"
    "  UNIQUE (document_id, seq));"
    "CREATE TABLE evidence_link ("
    "  id INTEGER PRIMARY KEY,"
    "  document_id INTEGER NOT NULL REFERENCES document (id),"
    "  year INTEGER NOT NULL,"
    "  unit_id INTEGER NOT NULL,"
    "  criterion_id INTEGER NOT NULL REFERENCES criterion (id),"
    "  pages TEXT,"
    "  added_at TEXT NOT NULL,"
    "  UNIQUE (year, unit_id, criterion_id, document_id),"
    "  FOREIGN KEY (year, unit_id) REFERENCES year_unit (year, unit_id) ON DELETE CASCADE);"
    "CREATE INDEX evidence_link_document ON evidence_link (document_id);"
    "CREATE TRIGGER evidence_link_last AFTER DELETE ON evidence_link"
    "  WHEN NOT EXISTS (SELECT 1 FROM evidence_link WHERE document_id = OLD.document_id)"
    "  BEGIN DELETE FROM document WHERE id = OLD.document_id; END;", NULL },

  /* 7: the audit log chained by hashes, per year (docs/audit-log.md): a
   * record's hash, the head of each year's chain (so that records removed
   * from its end are noticed), the records written before are chained once
   * here; a record that has its hash can no longer be updated. Records of
   * every kind of change (evidence, units, publication) carry a detail; an
   * index reads a year's chain without the other years', and a small one
   * finds a year's publish and reopen records. A counter of
   * changes to years, blocks and units tells a writer that what it
   * validated against changed under it. */
  { "ALTER TABLE audit ADD COLUMN detail TEXT;"
    "ALTER TABLE audit ADD COLUMN hash TEXT;"
    "CREATE TABLE audit_head ("
    "  year INTEGER PRIMARY KEY,"
    "  last_id INTEGER NOT NULL,"
    "  count INTEGER NOT NULL,"
    "  hash TEXT NOT NULL);"
    "DROP TRIGGER audit_append_only_update;"
    "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit WHEN OLD.hash IS NOT NULL"
    "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
    "CREATE INDEX audit_year ON audit (year, id);"
    "CREATE INDEX audit_events ON audit (year, id) WHERE stage < 0;"
    "INSERT OR REPLACE INTO meta (key, value) VALUES ('structure', 0);"
    "CREATE TRIGGER structure_year_insert AFTER INSERT ON year"
    "  BEGIN UPDATE meta SET value = value + 1 WHERE key = 'structure'; END;"
    "CREATE TRIGGER structure_block_insert AFTER INSERT ON block"
    "  BEGIN UPDATE meta SET value = value + 1 WHERE key = 'structure'; END;"
    "CREATE TRIGGER structure_block_update AFTER UPDATE ON block"
    "  BEGIN UPDATE meta SET value = value + 1 WHERE key = 'structure'; END;"
    "CREATE TRIGGER structure_block_delete AFTER DELETE ON block"
    "  BEGIN UPDATE meta SET value = value + 1 WHERE key = 'structure'; END;"
    "CREATE TRIGGER structure_unit_update AFTER UPDATE ON unit"
    "  BEGIN UPDATE meta SET value = value + 1 WHERE key = 'structure'; END;"
    "CREATE TRIGGER structure_year_unit_insert AFTER INSERT ON year_unit"
    "  BEGIN UPDATE meta SET value = value + 1 WHERE key = 'structure'; END;"
    "CREATE TRIGGER structure_year_unit_update AFTER UPDATE ON year_unit"
    "  BEGIN UPDATE meta SET value = value + 1 WHERE key = 'structure'; END;"
    "CREATE TRIGGER structure_year_unit_delete AFTER DELETE ON year_unit"
    "  BEGIN UPDATE meta SET value = value + 1 WHERE key = 'structure'; END;",
    par_audit_seal_unsealed },

  /* 8: the decision's signature block as Nghị định 30/2020 sets it (the
   * authority lines "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH", the signer's
   * title, the place of the "Quảng Nam, ngày …" line), and the workspace's
   * settings, such as the issuing body printed on the annexes before a
   * decision names it. */
  { "ALTER TABLE decision ADD COLUMN authority TEXT;"
    "ALTER TABLE decision ADD COLUMN signer_title TEXT;"
    "ALTER TABLE decision ADD COLUMN place TEXT;"
    "CREATE TABLE setting ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL) WITHOUT ROWID;", NULL },

  /* 9: the cycle between desks (FORMATS.md §8). Every package written or
   * received, by its SHA-256, with its content part (the JSON) kept for
   * comparing rounds; the office's verdict, comment and explanation request
   * per leaf (document '') and per evidence document (its SHA-256) — at the
   * unit's side, those of the last return received; the documents the
   * office said it holds, which the next round need not carry; deadlines per
   * stage and per-unit extensions with their reason. */
  { "CREATE TABLE package ("
    "  id INTEGER PRIMARY KEY,"
    "  year INTEGER NOT NULL,"
    "  unit_id INTEGER NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('submission', 'return')),"
    "  direction TEXT NOT NULL CHECK (direction IN ('sent', 'received')),"
    "  round INTEGER NOT NULL CHECK (round >= 1),"
    "  sha256 TEXT NOT NULL,"
    "  manifest_sha256 TEXT NOT NULL,"
    "  size INTEGER NOT NULL CHECK (size >= 0),"
    "  created_at TEXT NOT NULL,"
    "  at TEXT NOT NULL,"
    "  content TEXT NOT NULL,"
    "  UNIQUE (sha256, direction),"
    "  FOREIGN KEY (year, unit_id) REFERENCES year_unit (year, unit_id) ON DELETE CASCADE);"
    "CREATE INDEX package_unit ON package (year, unit_id, kind, direction, round);"
    "CREATE INDEX package_manifest ON package (manifest_sha256);"
    "CREATE TABLE review ("
    "  year INTEGER NOT NULL,"
    "  unit_id INTEGER NOT NULL,"
    "  criterion_id INTEGER NOT NULL REFERENCES criterion (id),"
    "  document TEXT NOT NULL DEFAULT '',"
    "  verdict TEXT CHECK (verdict IN ('accepted', 'insufficient', 'rejected')),"
    "  comment TEXT,"
    "  request TEXT,"
    "  round INTEGER NOT NULL CHECK (round >= 0),"
    "  changed_at TEXT NOT NULL,"
    "  PRIMARY KEY (year, unit_id, criterion_id, document),"
    "  FOREIGN KEY (year, unit_id) REFERENCES year_unit (year, unit_id) ON DELETE CASCADE)"
    "  WITHOUT ROWID;"
    "CREATE TABLE held_document ("
    "  year INTEGER NOT NULL,"
    "  unit_id INTEGER NOT NULL,"
    "  sha256 TEXT NOT NULL,"
    "  PRIMARY KEY (year, unit_id, sha256),"
    "  FOREIGN KEY (year, unit_id) REFERENCES year_unit (year, unit_id) ON DELETE CASCADE)"
    "  WITHOUT ROWID;"
    "CREATE TABLE deadline ("
    "  year INTEGER NOT NULL REFERENCES year (year),"
    "  stage TEXT NOT NULL CHECK (stage IN ('self', 'explanation')),"
    "  date TEXT NOT NULL,"
    "  changed_at TEXT NOT NULL,"
    "  PRIMARY KEY (year, stage)) WITHOUT ROWID;"
    "CREATE TABLE extension ("
    "  year INTEGER NOT NULL,"
    "  unit_id INTEGER NOT NULL,"
    "  stage TEXT NOT NULL CHECK (stage IN ('self', 'explanation')),"
    "  date TEXT NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  changed_at TEXT NOT NULL,"
    "  PRIMARY KEY (year, unit_id, stage),"
    "  FOREIGN KEY (year, unit_id) REFERENCES year_unit (year, unit_id) ON DELETE CASCADE)"
    "  WITHOUT ROWID;", NULL },

  /* 10: lineage across reorganisations. A unit of a year names the units
   * it was formed from (merged, renamed, split); that year's comparison
   * with the year before takes their average index where the unit itself
   * has none. The rows go with the unit's place in the year. */
  { "CREATE TABLE predecessor ("
    "  year INTEGER NOT NULL,"
    "  unit_id INTEGER NOT NULL,"
    "  predecessor_id INTEGER NOT NULL REFERENCES unit (id),"
    "  relation TEXT NOT NULL CHECK (relation IN ('merged', 'renamed', 'split')),"
    "  position INTEGER NOT NULL,"
    "  PRIMARY KEY (year, unit_id, predecessor_id),"
    "  CHECK (predecessor_id <> unit_id),"
    "  FOREIGN KEY (year, unit_id) REFERENCES year_unit (year, unit_id) ON DELETE CASCADE)"
    "  WITHOUT ROWID;", NULL },

  /* 11: a unit's field sums kept in its unit_total row (par-workspace.c:
   * the fields' points and maxima, 64-bit little-endian, in the set's
   * order), so that a year's results read one row per unit rather than
   * one per unit and field. Rebuilt from the score entries. */
  { "ALTER TABLE unit_total ADD COLUMN fields BLOB NOT NULL DEFAULT x'';"
    "DROP TABLE field_total;"
    "INSERT OR REPLACE INTO meta (key, value) VALUES ('rebuild-totals', '1');", NULL },
};

int
par_schema_get_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/* Reads one integer; %FALSE when the file cannot be read at all. */
static gboolean
get_int_pragma (sqlite3    *db,
                const char *sql,
                int        *out_value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out_value = sqlite3_column_int (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

/*
 * What the file is, read without writing anything: its schema version when
 * it is a ParIndex workspace (0 for an empty database when @allow_empty),
 * or an error that says what it is instead.
 */
/**
 * par_schema_is_older:
 * @db: a workspace, checked with par_schema_check_workspace()
 *
 * Returns: whether par_schema_migrate() would bring @db up to date
 */
gboolean
par_schema_is_older (sqlite3 *db)
{
  int version;

  return get_int_pragma (db, "PRAGMA user_version", &version) &&
         version < par_schema_get_latest_version ();
}

static gboolean
check_file (sqlite3   *db,
            gboolean   allow_empty,
            int       *out_version,
            GError   **error)
{
  int application_id;
  int version;
  int n_objects;

  if (!get_int_pragma (db, "PRAGMA application_id", &application_id) ||
      !get_int_pragma (db, "PRAGMA user_version", &version) ||
      !get_int_pragma (db, "SELECT count(*) FROM sqlite_schema", &n_objects))
    {
      int code = sqlite3_errcode (db);

      /* A file that SQLite cannot read as a database at all. */
      if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                     _("the file is not a ParIndex workspace (%s)"), sqlite3_errmsg (db));
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                     _("cannot read the workspace: %s"), sqlite3_errmsg (db));
      return FALSE;
    }

  if (application_id == 0 && version == 0 && n_objects == 0)
    {
      if (allow_empty)
        {
          *out_version = 0;
          return TRUE;
        }
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_IO,
                           _("the file is empty, not a ParIndex workspace; create a workspace "
                             "with “parindex-cli init”"));
      return FALSE;
    }

  if (application_id != PAR_SCHEMA_APPLICATION_ID)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_IO,
                           _("the file is an SQLite database but not a ParIndex workspace"));
      return FALSE;
    }

  if (version <= 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("the workspace is damaged: its schema version is %d"), version);
      return FALSE;
    }

  if (version > par_schema_get_latest_version ())
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_VERSION,
                   _("the workspace was written by a newer ParIndex (schema %d, this one knows %d); update ParIndex to open it"),
                   version, par_schema_get_latest_version ());
      return FALSE;
    }

  *out_version = version;
  return TRUE;
}

/**
 * par_schema_check_workspace:
 * @db: an open connection
 * @allow_empty: whether an empty file or database passes (it becomes a
 *   workspace when migrated)
 * @error: return location for a #GError
 *
 * Checks, without writing anything, that @db is a ParIndex workspace that
 * this ParIndex can open.
 *
 * Returns: %TRUE when it is
 */
gboolean
par_schema_check_workspace (sqlite3   *db,
                            gboolean   allow_empty,
                            GError   **error)
{
  int version;

  return check_file (db, allow_empty, &version, error);
}

/**
 * par_schema_migrate:
 * @db: an open connection
 * @target_version: the version to reach (at most the latest)
 * @error: return location for a #GError
 *
 * Brings an empty database or an older workspace up to @target_version in
 * one transaction. A file that is not a ParIndex workspace, or one from a
 * newer ParIndex, is refused and left untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
par_schema_migrate (sqlite3  *db,
                    int       target_version,
                    GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  int version;
  char *message = NULL;

  g_return_val_if_fail (target_version > 0 && target_version <= par_schema_get_latest_version (),
                        FALSE);

  if (!check_file (db, TRUE, &version, error))
    return FALSE;

  if (version >= target_version)
    return TRUE;

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, &message) != SQLITE_OK)
    goto failed;

  for (; version < target_version; version++)
    {
      if (sqlite3_exec (db, migrations[version].sql, NULL, NULL, &message) != SQLITE_OK)
        goto rollback;
      if (migrations[version].after != NULL && !migrations[version].after (db, &local_error))
        {
          message = sqlite3_mprintf ("%s", local_error->message);
          goto rollback;
        }
    }

  {
    g_autofree char *pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                                PAR_SCHEMA_APPLICATION_ID, target_version);
    if (sqlite3_exec (db, pragmas, NULL, NULL, &message) != SQLITE_OK)
      goto rollback;
  }

  if (sqlite3_exec (db, "COMMIT", NULL, NULL, &message) != SQLITE_OK)
    goto rollback;

  return TRUE;

rollback:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
failed:
  g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
               _("cannot update the workspace to schema version %d: %s"),
               target_version, message != NULL ? message : sqlite3_errmsg (db));
  sqlite3_free (message);
  return FALSE;
}
