/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-schema"

#include "config.h"

#include <glib/gi18n-lib.h>

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
static const char *migrations[] = {
  /* 1: years, blocks with their criteria sets, units, score entries. */
  "CREATE TABLE criteria_set ("
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
  "  FOREIGN KEY (year, unit_id) REFERENCES year_unit (year, unit_id)) WITHOUT ROWID;",

  /* 2: the append-only audit log of score changes. */
  "CREATE TABLE audit ("
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
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;",

  /* 3: each unit's totals per year, kept with the scores in the same
   * transaction, so that a year's results need not read every entry. The
   * workspace rebuilds them when the flag in meta says so. */
  "CREATE TABLE meta ("
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
  "INSERT INTO meta (key, value) VALUES ('rebuild-totals', '1');",

  /* 4: the decision that publishes a year. A row with published_at set
   * freezes the year; reopening clears it and is written to the audit log. */
  "CREATE TABLE decision ("
  "  year INTEGER PRIMARY KEY REFERENCES year (year),"
  "  number TEXT NOT NULL,"
  "  date TEXT NOT NULL,"
  "  issuer TEXT,"
  "  signer TEXT,"
  "  title TEXT,"
  "  published_at TEXT,"
  "  fingerprint TEXT);",

  /* 5: per leaf of a unit, whether the appraiser requested an explanation
   * (giải trình) and the unit's explanation text. */
  "CREATE TABLE explanation ("
  "  year INTEGER NOT NULL,"
  "  unit_id INTEGER NOT NULL,"
  "  criterion_id INTEGER NOT NULL REFERENCES criterion (id),"
  "  requested INTEGER NOT NULL CHECK (requested IN (0, 1)),"
  "  text TEXT,"
  "  changed_at TEXT NOT NULL,"
  "  PRIMARY KEY (year, unit_id, criterion_id),"
  "  FOREIGN KEY (year, unit_id) REFERENCES year_unit (year, unit_id)) WITHOUT ROWID;",

  /* 6: evidence (tài liệu kiểm chứng). A document is stored once per
   * content hash, in 1 MiB chunks, with its metadata; links tie it to any
   * number of (year, unit, leaf) with the pages that prove the leaf. The
   * document goes when its last link goes, whichever path removes the link
   * (unlinking, removing the unit from the year). */
  "CREATE TABLE document ("
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
  "  BEGIN DELETE FROM document WHERE id = OLD.document_id; END;",
};

int
par_schema_get_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

static int
get_int_pragma (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
is_empty_database (sqlite3 *db)
{
  return get_int_pragma (db, "SELECT count(*) FROM sqlite_schema") == 0;
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
  int application_id;
  int version;
  char *message = NULL;

  g_return_val_if_fail (target_version > 0 && target_version <= par_schema_get_latest_version (),
                        FALSE);

  application_id = get_int_pragma (db, "PRAGMA application_id");
  version = get_int_pragma (db, "PRAGMA user_version");

  if (application_id < 0 || version < 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("the file is not a ParIndex workspace (%s)"), sqlite3_errmsg (db));
      return FALSE;
    }

  if (application_id != PAR_SCHEMA_APPLICATION_ID && !(application_id == 0 && is_empty_database (db)))
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_IO,
                           _("the file is an SQLite database but not a ParIndex workspace"));
      return FALSE;
    }

  if (version > par_schema_get_latest_version ())
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_VERSION,
                   _("the workspace was written by a newer ParIndex (schema %d, this one knows %d); update ParIndex to open it"),
                   version, par_schema_get_latest_version ());
      return FALSE;
    }

  if (version >= target_version)
    return TRUE;

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, &message) != SQLITE_OK)
    goto failed;

  for (; version < target_version; version++)
    {
      if (sqlite3_exec (db, migrations[version], NULL, NULL, &message) != SQLITE_OK)
        goto rollback;
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
