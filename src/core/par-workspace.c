/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "par-audit-private.h"
#include "par-error.h"
#include "par-schema.h"
#include "par-sqlite-locks.h"
#include "par-text.h"
#include "par-workspace-private.h"

/**
 * ParWorkspace:
 *
 * One `.parindex` file: an SQLite database holding every year, block,
 * criteria set, unit and score entry, with an append-only audit log.
 * Foreign keys are enforced, the journal is a WAL, and every write is one
 * transaction, so a crash or a kill loses no committed work.
 */
struct _ParWorkspace
{
  GObject     parent_instance;

  char           *path;
  sqlite3        *db;
  GHashTable     *sets;       /* set id → ParCriteriaSet */
  GHashTable     *years;      /* year → ParYearContext */
  ParAuditWriter *audit;      /* during a write transaction */
  gboolean        bulk;       /* a bulk write: foreign keys unchecked until its end */
  gint64          structure;  /* the years, blocks and units the contexts show */
  ParWorkspaceWatch *watch;   /* once par_workspace_watch() was called */
  char           *upgraded_copy;  /* read through a temporary copy brought up to date */
};

G_DEFINE_FINAL_TYPE (ParWorkspace, par_workspace, G_TYPE_OBJECT)

static void remove_upgraded_copy (ParWorkspace *self);

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

enum {
  SCORE_CHANGED,
  CHANGED,
  EVIDENCE_CHANGED,
  EXPLANATION_CHANGED,
  CYCLE_CHANGED,
  SETTING_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
year_block_free (gpointer data)
{
  ParYearBlock *block = data;

  g_free (block->name);
  g_clear_pointer (&block->set, par_criteria_set_unref);
  g_free (block->leaf_ids);
  g_clear_pointer (&block->leaf_index_by_id, g_hash_table_unref);
  g_free (block);
}

static void
year_unit_free (gpointer data)
{
  ParYearUnit *unit = data;

  g_free (unit->code);
  g_free (unit->name);
  g_free (unit);
}

static void
year_context_free (gpointer data)
{
  ParYearContext *context = data;

  g_hash_table_unref (context->blocks_by_name);
  g_hash_table_unref (context->units_by_code);
  g_ptr_array_unref (context->blocks);
  g_ptr_array_unref (context->units);
  g_free (context);
}

static void
par_workspace_finalize (GObject *object)
{
  ParWorkspace *self = (ParWorkspace *)object;

  g_clear_pointer (&self->audit, par_audit_writer_free);
  par_workspace_close (self);
  remove_upgraded_copy (self);
  g_clear_pointer (&self->watch, _par_workspace_watch_free);
  g_clear_pointer (&self->years, g_hash_table_unref);
  g_clear_pointer (&self->sets, g_hash_table_unref);
  g_free (self->path);

  G_OBJECT_CLASS (par_workspace_parent_class)->finalize (object);
}

static void
par_workspace_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ParWorkspace *self = PAR_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_workspace_class_init (ParWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = par_workspace_finalize;
  object_class->get_property = par_workspace_get_property;

  /**
   * ParWorkspace:path:
   *
   * The file the workspace lives in.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ParWorkspace::score-changed:
   * @self: the workspace
   * @year: the year
   * @unit: the unit's code
   * @criterion: the leaf's code
   * @stage: the #ParStage
   *
   * Emitted after one score entry was committed.
   */
  signals[SCORE_CHANGED] =
    g_signal_new ("score-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_INT, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT);

  /**
   * ParWorkspace::changed:
   * @self: the workspace
   * @year: the year whose data changed in bulk (an import, a new block)
   *
   * Emitted after a bulk change was committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * ParWorkspace::evidence-changed:
   * @self: the workspace
   * @year: the year
   * @unit: (nullable): the unit's code, %NULL when documents of several
   *   units changed (their details were edited)
   * @criterion: (nullable): the leaf's code, %NULL when several leaves changed
   *
   * Emitted after evidence was attached, linked, unlinked or edited.
   */
  signals[EVIDENCE_CHANGED] =
    g_signal_new ("evidence-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_INT, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * ParWorkspace::explanation-changed:
   * @self: the workspace
   * @year: the year
   * @unit: the unit's code
   * @criterion: the leaf's code
   *
   * Emitted after the explanation of a leaf (its text, or whether the
   * appraiser requested one) was saved.
   */
  signals[EXPLANATION_CHANGED] =
    g_signal_new ("explanation-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_INT, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * ParWorkspace::cycle-changed:
   * @self: the workspace
   * @year: the year
   * @unit: (nullable): the unit's code, %NULL when the year's deadlines changed
   *
   * Emitted after a package of the unit was written or received, or its
   * reviews, requests or extensions changed (par-cycle.h).
   */
  signals[CYCLE_CHANGED] =
    g_signal_new ("cycle-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);

  /**
   * ParWorkspace::setting-changed:
   * @self: the workspace
   * @key: the setting, e.g. %PAR_SETTING_ISSUER; also the signal's detail
   *
   * Emitted after a workspace setting was changed, here or by another
   * program (par_workspace_set_setting()).
   */
  signals[SETTING_CHANGED] =
    g_signal_new ("setting-changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
par_workspace_init (ParWorkspace *self)
{
  self->sets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) par_criteria_set_unref);
  self->years = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, year_context_free);
}

static gboolean
set_read_only_error (ParWorkspace  *self,
                     GError       **error)
{
  g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
               _("%s: the workspace cannot be written: the file or its folder is read-only "
                 "for you; reading it still works"), self->path);
  return FALSE;
}

gboolean
_par_workspace_set_io_error (ParWorkspace  *self,
                             GError       **error)
{
  if ((sqlite3_extended_errcode (self->db) & 0xff) == SQLITE_READONLY)
    return set_read_only_error (self, error);
  g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
               _("%s: cannot read or write the workspace: %s"),
               self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

sqlite3 *
_par_workspace_get_db (ParWorkspace *self)
{
  return self->db;
}

static gboolean
check_open (ParWorkspace  *self,
            GError       **error)
{
  if (self->db != NULL)
    return TRUE;
  g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: the workspace is closed"), self->path);
  return FALSE;
}

gboolean
_par_workspace_exec (ParWorkspace  *self,
                     const char    *sql,
                     GError       **error)
{
  if (!check_open (self, error))
    return FALSE;
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return _par_workspace_set_io_error (self, error);
  return TRUE;
}

sqlite3_stmt *
_par_workspace_prepare (ParWorkspace  *self,
                        const char    *sql,
                        GError       **error)
{
  sqlite3_stmt *stmt = NULL;

  if (!check_open (self, error))
    return NULL;
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _par_workspace_set_io_error (self, error);
      return NULL;
    }
  return stmt;
}

/* Prepares @sql, binds @year to its one parameter and steps once: the
 * statement on its first row (*@out_found %TRUE) or done (%FALSE); %NULL
 * with @error set when it cannot be read. */
sqlite3_stmt *
_par_workspace_query_year (ParWorkspace  *self,
                           const char    *sql,
                           int            year,
                           gboolean      *out_found,
                           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = _par_workspace_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;
  *out_found = rc == SQLITE_ROW;
  return g_steal_pointer (&stmt);
}

/* Steps @stmt, bound, once: a copy of the text in the first column of its
 * row; %NULL with @error unset when there is no row, set when reading
 * failed. */
char *
_par_workspace_step_text (ParWorkspace  *self,
                          sqlite3_stmt  *stmt,
                          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    _par_workspace_set_io_error (self, error);
  return NULL;
}

void
_par_workspace_emit_changed (ParWorkspace *self,
                             int           year)
{
  g_signal_emit (self, signals[CHANGED], 0, year);
}

void
_par_workspace_emit_score_changed (ParWorkspace *self,
                                   int           year,
                                   const char   *unit_code,
                                   const char   *criterion_code,
                                   ParStage      stage)
{
  g_signal_emit (self, signals[SCORE_CHANGED], 0, year, unit_code, criterion_code, (int) stage);
}

ParWorkspaceWatch *
_par_workspace_get_watch (ParWorkspace *self)
{
  return self->watch;
}

void
_par_workspace_set_watch (ParWorkspace      *self,
                          ParWorkspaceWatch *watch)
{
  g_assert (self->watch == NULL);
  self->watch = watch;
}

void
_par_workspace_emit_evidence_changed (ParWorkspace *self,
                                      int           year,
                                      const char   *unit_code,
                                      const char   *criterion_code)
{
  g_signal_emit (self, signals[EVIDENCE_CHANGED], 0, year, unit_code, criterion_code);
}

void
_par_workspace_emit_explanation_changed (ParWorkspace *self,
                                         int           year,
                                         const char   *unit_code,
                                         const char   *criterion_code)
{
  g_signal_emit (self, signals[EXPLANATION_CHANGED], 0, year, unit_code, criterion_code);
}

void
_par_workspace_emit_setting_changed (ParWorkspace *self,
                                     const char   *key)
{
  g_signal_emit (self, signals[SETTING_CHANGED], g_quark_from_string (key), key);
}

void
_par_workspace_emit_cycle_changed (ParWorkspace *self,
                                   int           year,
                                   const char   *unit_code)
{
  g_signal_emit (self, signals[CYCLE_CHANGED], 0, year, unit_code);
}

static gboolean rebuild_totals_if_needed (ParWorkspace  *self,
                                          GError       **error);
static gboolean read_structure           (ParWorkspace  *self,
                                          gint64        *out_structure,
                                          GError       **error);

/* A sandboxed (Flatpak) program reaches a file it was given through the
 * document portal's file system; before xdg-desktop-portal 1.18 it cannot
 * lock files there, and SQLite cannot open a database
 * (flatpak/xdg-desktop-portal#1117). */
static gboolean
on_document_portal (const char *path)
{
  return g_str_has_prefix (path, "/run/flatpak/doc/") ||
         (g_str_has_prefix (path, "/run/user/") && strstr (path, "/doc/") != NULL);
}

/* A workspace read-only to this user in a folder it cannot write: SQLite
 * cannot create the WAL's shared-memory file beside it, so it is read as
 * an immutable file (and every write is refused as read-only). */
static gboolean
reopen_immutable (ParWorkspace *self)
{
  g_autofree char *absolute = g_canonicalize_filename (self->path, NULL);
  g_autofree char *dir = g_path_get_dirname (absolute);
  g_autofree char *uri = NULL;
  g_autofree char *immutable = NULL;

  if (sqlite3_db_readonly (self->db, "main") != 1 || g_access (dir, W_OK) == 0 ||
      !(uri = g_filename_to_uri (absolute, NULL, NULL)))
    return FALSE;

  sqlite3_close_v2 (self->db);
  self->db = NULL;
  immutable = g_strconcat (uri, "?immutable=1", NULL);
  return sqlite3_open_v2 (immutable, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
                          SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK;
}

/* A workspace of an older schema opened only to read: the file stays as
 * it is (a command that reads changes nothing), and the reading goes
 * through a temporary copy of it brought up to date, removed at close. */
static gboolean
read_through_upgraded_copy (ParWorkspace  *self,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *copy_path = NULL;
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;

  fd = g_file_open_tmp ("parindex-upgrade-XXXXXX.parindex", &copy_path, &local_error);
  if (fd < 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot open the workspace: %s"),
                   self->path, local_error->message);
      return FALSE;
    }
  g_close (fd, NULL);
  self->upgraded_copy = g_steal_pointer (&copy_path);

  rc = sqlite3_open_v2 (self->upgraded_copy, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (copy, "main", self->db, "main");
      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
        }
      rc = sqlite3_errcode (copy);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot open the workspace: %s"),
                   self->path, copy != NULL ? sqlite3_errmsg (copy) : sqlite3_errstr (rc));
      sqlite3_close_v2 (copy);
      return FALSE;
    }
  sqlite3_close_v2 (self->db);
  self->db = copy;
  sqlite3_extended_result_codes (self->db, 1);
  return TRUE;
}

static void
remove_upgraded_copy (ParWorkspace *self)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  if (self->upgraded_copy == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (self->upgraded_copy, suffixes[i], NULL);

      g_remove (file);
    }
  g_clear_pointer (&self->upgraded_copy, g_free);
}

/* Opens the SQLite connection of @self and brings the schema up to date;
 * with %PAR_WORKSPACE_OPEN_READ, only a file that is already a workspace. */
static gboolean
open_connection (ParWorkspace          *self,
                 int                    flags,
                 ParWorkspaceOpenMode   mode,
                 GError               **error)
{
  g_autofree char *utf8_path = NULL;

  par_sqlite_locks_install ();

  /* SQLite takes UTF-8 file names on every platform. */
  utf8_path = g_filename_to_utf8 (self->path, -1, NULL, NULL, NULL);
  if (sqlite3_open_v2 (utf8_path != NULL ? utf8_path : self->path, &self->db, flags,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot open the workspace: %s"),
                   self->path, sqlite3_errmsg (self->db));
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* Nothing is written before the file is known to be a workspace (or,
   * unless only reading, an empty file to become one). */
  if (mode != PAR_WORKSPACE_CREATE_NEW)
    {
      gboolean allow_empty = mode != PAR_WORKSPACE_OPEN_READ;
      g_autoptr(GError) check_error = NULL;

      if (!par_schema_check_workspace (self->db, allow_empty, &check_error) &&
          (!reopen_immutable (self) ||
           !par_schema_check_workspace (self->db, allow_empty, NULL)))
        {
          g_set_error (error, PAR_ERROR, check_error->code, "%s: %s", self->path,
                       check_error->message);
          return FALSE;
        }
    }

  if (mode == PAR_WORKSPACE_OPEN_READ &&
      par_schema_is_older (self->db) &&
      !read_through_upgraded_copy (self, error))
    return FALSE;

  if (!_par_workspace_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  if (!par_schema_migrate (self->db, par_schema_get_latest_version (), error))
    {
      g_prefix_error (error, "%s: ", self->path);
      return FALSE;
    }

  /* A 64 MiB page cache keeps a national-scale import off the disk until
   * its commit. A read-only file keeps the journal mode it has. */
  if (sqlite3_db_readonly (self->db, "main") != 1 &&
      !_par_workspace_exec (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;
  if (!_par_workspace_exec (self, "PRAGMA synchronous = FULL;"
                            " PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY", error))
    return FALSE;

  if (!rebuild_totals_if_needed (self, error) ||
      !read_structure (self, &self->structure, error))
    return FALSE;

  return TRUE;
}

/**
 * par_workspace_open:
 * @path: the workspace file (`*.parindex`), in the GLib filename encoding
 * @mode: whether to open an existing workspace (to read only, or to
 *   change), or create a new one
 * @error: return location for a #GError
 *
 * Opens a workspace, bringing an older schema up to date.
 *
 * Returns: (transfer full) (nullable): the workspace, or %NULL with @error
 *   set (%PAR_ERROR_IO when the file cannot be opened or is not a
 *   workspace, %PAR_ERROR_INVALID when creating over an existing file)
 */
ParWorkspace *
par_workspace_open (const char            *path,
                    ParWorkspaceOpenMode   mode,
                    GError               **error)
{
  g_autoptr(ParWorkspace) self = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean exists;
  /* One connection per thread: workers open their own. */
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

  g_return_val_if_fail (path != NULL, NULL);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (mode == PAR_WORKSPACE_CREATE_NEW && exists)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("%s already exists; choose another name or open it"), path);
      return NULL;
    }
  if (mode != PAR_WORKSPACE_CREATE_NEW && !exists)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("%s does not exist; create it with “parindex-cli init”"), path);
      return NULL;
    }
  if (mode == PAR_WORKSPACE_CREATE_NEW)
    flags |= SQLITE_OPEN_CREATE;

  self = g_object_new (PAR_TYPE_WORKSPACE, NULL);
  self->path = g_strdup (path);

  if (!open_connection (self, flags, mode, &local_error))
    {
      if (!on_document_portal (path))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("%s: cannot open the workspace (%s). ParIndex runs in a sandbox and reaches "
                     "this file through the document portal, which cannot lock a database on "
                     "this system: move the workspace into your Documents folder and let "
                     "ParIndex use it with “flatpak override --user --filesystem=xdg-documents "
                     "io.github.parindex.ParIndex”"),
                   path, local_error->message);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * par_workspace_close:
 * @self: a #ParWorkspace
 *
 * Ends the use of the workspace: writes the write-ahead log back into the
 * workspace file and closes the connection, so that the `.parindex` file
 * alone holds every committed change (a clerk copies that one file to a
 * USB stick). When no other process has the workspace open, the `-wal`
 * and `-shm` files are removed. Every later call on @self fails with
 * %PAR_ERROR_IO. Closing twice does nothing.
 */
void
par_workspace_close (ParWorkspace *self)
{
  g_return_if_fail (PAR_IS_WORKSPACE (self));

  if (self->db == NULL)
    return;
  g_clear_pointer (&self->watch, _par_workspace_watch_free);
  /* TRUNCATE empties the log when no reader holds an older snapshot;
   * another process still reading keeps it, and its own close does this. */
  sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  sqlite3_close_v2 (self->db);
  self->db = NULL;
  remove_upgraded_copy (self);
  g_hash_table_remove_all (self->years);
}

const char *
par_workspace_get_path (ParWorkspace *self)
{
  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);

  return self->path;
}

/* The file the connection reads: the workspace's own, or the temporary
 * copy an older workspace opened to read is read through. Connections of
 * workers that only read open this one. */
const char *
_par_workspace_get_database_path (ParWorkspace *self)
{
  return self->upgraded_copy != NULL ? self->upgraded_copy : self->path;
}

/**
 * par_workspace_list_years:
 * @self: a #ParWorkspace
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type int): the years, ascending
 */
GArray *
par_workspace_list_years (ParWorkspace  *self,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);

  if (!(stmt = _par_workspace_prepare (self, "SELECT year FROM year ORDER BY year", error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      g_array_append_val (years, year);
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;

  return g_steal_pointer (&years);
}

/* The criteria set of a row of prepare_blocks (), parsed once per
 * workspace: its JSON is read only the first time. */
static ParCriteriaSet *
lookup_set (ParWorkspace  *self,
            sqlite3_stmt  *blocks,
            GError       **error)
{
  gint64 set_id = sqlite3_column_int64 (blocks, 2);
  ParCriteriaSet *set = g_hash_table_lookup (self->sets, &set_id);

  if (set == NULL)
    {
      const char *json = (const char *) sqlite3_column_text (blocks, 3);
      g_autoptr(GError) set_error = NULL;

      /* The set was checked when it was added: one that no longer reads
       * was damaged (or added by a ParIndex with looser limits). */
      set = json != NULL ? par_criteria_set_new_from_data (json, -1, &set_error) : NULL;
      if (set == NULL)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                       _("%s: the workspace is damaged: a stored criteria set cannot be read (%s)"),
                       self->path, set_error != NULL ? set_error->message : "NULL");
          return NULL;
        }
      g_hash_table_insert (self->sets, g_memdup2 (&set_id, sizeof set_id), set);
    }
  return set;
}

/* Whether the workspace has @year; %PAR_ERROR_NOT_FOUND if not. */
static gboolean
check_year_exists (ParWorkspace  *self,
                   int            year,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) exists = NULL;
  int rc;

  if (!(exists = _par_workspace_prepare (self, "SELECT 1 FROM year WHERE year = ?", error)))
    return FALSE;
  sqlite3_bind_int (exists, 1, year);
  rc = sqlite3_step (exists);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("the workspace has no year %d; add it with “parindex-cli add-year”"), year);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _par_workspace_set_io_error (self, error);
  return TRUE;
}

/* The year's blocks in order: id, name, set id, set JSON. */
static sqlite3_stmt *
prepare_blocks (ParWorkspace  *self,
                int            year,
                GError       **error)
{
  sqlite3_stmt *blocks = _par_workspace_prepare (self,
                                                 "SELECT b.id, b.name, b.set_id, s.json"
                                                 " FROM block b JOIN criteria_set s ON s.id = b.set_id"
                                                 " WHERE b.year = ? ORDER BY b.position", error);

  if (blocks != NULL)
    sqlite3_bind_int (blocks, 1, year);
  return blocks;
}

static gboolean
load_block_criteria (ParWorkspace  *self,
                     gint64         set_id,
                     ParYearBlock  *block,
                     GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n_leaves = block->set->leaves->len;
  int rc;

  stmt = _par_workspace_prepare (self,
                                 "SELECT id, leaf_index FROM criterion"
                                 " WHERE set_id = ? AND leaf_index IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, set_id);

  block->leaf_ids = g_new0 (gint64, n_leaves);
  block->leaf_index_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      int leaf_index = sqlite3_column_int (stmt, 1);

      if (leaf_index < 0 || (guint) leaf_index >= n_leaves)
        {
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
          g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                       _("%s: the workspace is damaged: criterion %s is out of its set"),
                       self->path, id_text);
          return FALSE;
        }
      block->leaf_ids[leaf_index] = id;
      g_hash_table_insert (block->leaf_index_by_id, g_memdup2 (&id, sizeof id),
                           GINT_TO_POINTER (leaf_index));
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);

  return TRUE;
}

static ParYearContext *
load_year (ParWorkspace  *self,
           int            year,
           GError       **error)
{
  g_autoptr(sqlite3_stmt) blocks = NULL;
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autoptr(GHashTable) block_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  ParYearContext *context;
  int rc;

  if (!check_year_exists (self, year, error))
    return NULL;

  context = g_new0 (ParYearContext, 1);
  context->year = year;
  context->blocks = g_ptr_array_new_with_free_func (year_block_free);
  context->blocks_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  context->units = g_ptr_array_new_with_free_func (year_unit_free);
  context->units_by_code = g_hash_table_new (g_str_hash, g_str_equal);

  if (!(blocks = prepare_blocks (self, year, error)))
    goto failed;

  while ((rc = sqlite3_step (blocks)) == SQLITE_ROW)
    {
      ParYearBlock *block = g_new0 (ParYearBlock, 1);
      gint64 set_id = sqlite3_column_int64 (blocks, 2);
      ParCriteriaSet *set;

      block->id = sqlite3_column_int64 (blocks, 0);
      block->name = g_strdup ((const char *) sqlite3_column_text (blocks, 1));
      g_ptr_array_add (context->blocks, block);
      g_hash_table_insert (context->blocks_by_name, block->name, block);
      g_hash_table_insert (block_by_id, &block->id, GUINT_TO_POINTER (context->blocks->len));

      set = lookup_set (self, blocks, error);
      if (set == NULL)
        goto failed;
      block->set = par_criteria_set_ref (set);
      context->max_leaves = MAX (context->max_leaves, set->leaves->len);
      if (!load_block_criteria (self, set_id, block, error))
        goto failed;
    }
  if (rc != SQLITE_DONE)
    {
      _par_workspace_set_io_error (self, error);
      goto failed;
    }

  units = _par_workspace_prepare (self,
                                  "SELECT u.id, u.code, u.name, yu.block_id"
                                  " FROM year_unit yu JOIN unit u ON u.id = yu.unit_id"
                                  " WHERE yu.year = ? ORDER BY u.code", error);
  if (units == NULL)
    goto failed;
  sqlite3_bind_int (units, 1, year);

  while ((rc = sqlite3_step (units)) == SQLITE_ROW)
    {
      ParYearUnit *unit = g_new0 (ParYearUnit, 1);
      gint64 block_id = sqlite3_column_int64 (units, 3);

      unit->id = sqlite3_column_int64 (units, 0);
      unit->code = g_strdup ((const char *) sqlite3_column_text (units, 1));
      unit->name = g_strdup ((const char *) sqlite3_column_text (units, 2));
      unit->block = GPOINTER_TO_UINT (g_hash_table_lookup (block_by_id, &block_id)) - 1;
      unit->position = context->units->len;
      g_ptr_array_add (context->units, unit);
      g_hash_table_insert (context->units_by_code, unit->code, unit);
    }
  if (rc != SQLITE_DONE)
    {
      _par_workspace_set_io_error (self, error);
      goto failed;
    }

  return context;

failed:
  year_context_free (context);
  return NULL;
}

ParYearContext *
_par_workspace_get_year (ParWorkspace  *self,
                         int            year,
                         GError       **error)
{
  ParYearContext *context = g_hash_table_lookup (self->years, GINT_TO_POINTER (year));

  if (context == NULL)
    {
      context = load_year (self, year, error);
      if (context != NULL)
        g_hash_table_insert (self->years, GINT_TO_POINTER (year), context);
    }
  return context;
}

/**
 * _par_year_lookup_unit:
 * @context: a year's context
 * @unit_code: a unit's code
 * @error: return location for a #GError
 *
 * The one lookup of a unit in a year, with the one message for a unit
 * that is not there.
 *
 * Returns: (transfer none) (nullable): the unit, or %NULL with
 *   %PAR_ERROR_NOT_FOUND
 */
ParYearUnit *
_par_year_lookup_unit (ParYearContext  *context,
                       const char      *unit_code,
                       GError         **error)
{
  ParYearUnit *unit = g_hash_table_lookup (context->units_by_code, unit_code);

  if (unit == NULL)
    g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("unit “%s” is not in year %d"),
                 unit_code, context->year);
  return unit;
}

/**
 * _par_workspace_lookup_unit:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: a unit's code
 * @out_context: (out) (optional) (transfer none): the year's context
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the unit of @year, or %NULL with
 *   %PAR_ERROR_NOT_FOUND (the year or the unit missing)
 */
ParYearUnit *
_par_workspace_lookup_unit (ParWorkspace    *self,
                            int              year,
                            const char      *unit_code,
                            ParYearContext **out_context,
                            GError         **error)
{
  ParYearContext *context = _par_workspace_get_year (self, year, error);

  if (out_context != NULL)
    *out_context = context;
  return context != NULL ? _par_year_lookup_unit (context, unit_code, error) : NULL;
}

/* Whether a unit with @code was ever added to the workspace, in any year. */
gboolean
_par_workspace_has_unit (ParWorkspace *self,
                         const char   *code)
{
  g_autoptr(sqlite3_stmt) stmt = _par_workspace_prepare (self, "SELECT 1 FROM unit WHERE code = ?",
                                                         NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * _par_year_lookup_leaf:
 * @context: a year's context
 * @unit: a unit of the year
 * @criterion_code: (nullable): a criterion's code
 * @error: return location for a #GError
 *
 * The one lookup of a sub-criterion (a leaf) in a unit's set, with the one
 * message for a code that is not one.
 *
 * Returns: (transfer none) (nullable): the leaf, or %NULL with
 *   %PAR_ERROR_NOT_FOUND
 */
const ParCriterion *
_par_year_lookup_leaf (ParYearContext  *context,
                       ParYearUnit     *unit,
                       const char      *criterion_code,
                       GError         **error)
{
  ParYearBlock *block = g_ptr_array_index (context->blocks, unit->block);
  const ParCriterion *leaf = criterion_code != NULL
                             ? par_criteria_set_lookup (block->set, criterion_code) : NULL;

  if (leaf == NULL || leaf->children != NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("“%s” is not a sub-criterion of the criteria set of block “%s”"),
                   criterion_code != NULL ? criterion_code : "", block->name);
      return NULL;
    }
  return leaf;
}

void
_par_workspace_forget_year (ParWorkspace *self,
                            int           year)
{
  g_hash_table_remove (self->years, GINT_TO_POINTER (year));
}

/* The counter of changes to years, blocks and units (schema 7's triggers). */
static gboolean
read_structure (ParWorkspace  *self,
                gint64        *out_structure,
                GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = _par_workspace_prepare (self, "SELECT CAST (value AS INTEGER) FROM meta"
                                       " WHERE key = 'structure'", error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);
  *out_structure = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/**
 * _par_workspace_forget_all:
 *
 * Drops what the workspace keeps of its years, after another program
 * changed the file; the next call reads them again.
 */
void
_par_workspace_forget_all (ParWorkspace *self)
{
  g_hash_table_remove_all (self->years);
  if (self->db != NULL)
    read_structure (self, &self->structure, NULL);
}

/* The foreign keys checked again after a bulk write. */
static void
end_bulk (ParWorkspace *self)
{
  if (!self->bulk)
    return;
  self->bulk = FALSE;
  if (self->db != NULL)
    sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
}

/**
 * _par_workspace_begin_write:
 * @self: a #ParWorkspace
 * @year: the year the change belongs to, which must not be published; 0
 *   for a change that belongs to no single year (the caller then checks
 *   the years it touches with _par_workspace_check_writable())
 * @error: return location for a #GError
 *
 * Starts the write transaction of one change. The transaction shuts out
 * every other writer (BEGIN IMMEDIATE), so the checks made inside it —
 * the year is not published, the years, blocks and units the caller
 * validated against are still those of the file — hold until the commit.
 * The change's audit records go through _par_workspace_audit().
 *
 * Returns: %TRUE inside the transaction; %FALSE with nothing started and
 *   %PAR_ERROR_FROZEN, %PAR_ERROR_STALE or %PAR_ERROR_IO
 */
gboolean
_par_workspace_begin_write (ParWorkspace  *self,
                            int            year,
                            GError       **error)
{
  gint64 structure = 0;

  g_return_val_if_fail (self->audit == NULL, FALSE);

  /* A read-only file, folder or mount: said before anything is tried. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    return set_read_only_error (self, error);
  if (!_par_workspace_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!read_structure (self, &structure, error))
    goto failed;
  if (structure != self->structure)
    {
      /* What the caller validated against may have changed. */
      _par_workspace_forget_all (self);
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_STALE,
                           _("another program changed the workspace’s years, blocks or units "
                             "meanwhile; nothing was saved, try again"));
      goto failed;
    }
  if ((year > 0 && !_par_workspace_check_writable (self, year, error)) ||
      !(self->audit = par_audit_writer_new (self->db, error)))
    goto failed;
  return TRUE;

failed:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/*
 * _par_workspace_begin_bulk_write:
 *
 * _par_workspace_begin_write () for a writer of many rows (an import of a
 * national year) whose keys all come from the year's context: SQLite then
 * need not look each row's unit and criterion up again. The context is
 * the one under the write lock (the structure counter is checked, and a
 * criteria set never changes), so the keys cannot be dangling. The checks
 * are back on at the commit or the rollback.
 */
gboolean
_par_workspace_begin_bulk_write (ParWorkspace  *self,
                                 int            year,
                                 GError       **error)
{
  if (!_par_workspace_exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  self->bulk = TRUE;
  if (_par_workspace_begin_write (self, year, error))
    return TRUE;
  end_bulk (self);
  return FALSE;
}

/**
 * _par_workspace_audit:
 *
 * Adds one record to the audit log, in the current write transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
_par_workspace_audit (ParWorkspace          *self,
                      const ParAuditRecord  *record,
                      GError               **error)
{
  g_return_val_if_fail (self->audit != NULL, FALSE);

  return par_audit_writer_append (self->audit, record, error);
}

/* The time stamped on the current transaction's records and rows. */
const char *
_par_workspace_get_write_time (ParWorkspace *self)
{
  g_return_val_if_fail (self->audit != NULL, NULL);

  return par_audit_writer_get_time (self->audit);
}

/**
 * _par_workspace_commit:
 *
 * Ends the write transaction: stores the heads of the audit chains it
 * extended and commits. On failure everything is rolled back.
 *
 * Returns: %TRUE when committed
 */
gboolean
_par_workspace_commit (ParWorkspace  *self,
                       GError       **error)
{
  g_autoptr(ParAuditWriter) audit = g_steal_pointer (&self->audit);
  gint64 structure = self->structure;

  g_return_val_if_fail (audit != NULL, FALSE);

  if (!par_audit_writer_finish (audit, error) ||
      !read_structure (self, &structure, error) ||
      !_par_workspace_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      end_bulk (self);
      return FALSE;
    }
  end_bulk (self);
  /* Announced by the caller: the watch does not announce them again. */
  _par_workspace_watch_note_own (self->watch, par_audit_writer_get_first (audit),
                                 par_audit_writer_get_next (audit) - 1);
  /* This change's own changes to years, blocks and units are known. */
  self->structure = structure;
  return TRUE;
}

/**
 * _par_workspace_rollback:
 *
 * Abandons the write transaction.
 */
void
_par_workspace_rollback (ParWorkspace *self)
{
  g_clear_pointer (&self->audit, par_audit_writer_free);
  if (self->db != NULL)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  end_bulk (self);
}

/* Steps @stmt, bound, a write inside the write transaction: on failure
 * the transaction is rolled back. */
gboolean
_par_workspace_step_write (ParWorkspace  *self,
                           sqlite3_stmt  *stmt,
                           GError       **error)
{
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  _par_workspace_set_io_error (self, error);
  _par_workspace_rollback (self);
  return FALSE;
}

/* Writes @record to the audit log and commits; on failure the transaction
 * is rolled back. */
gboolean
_par_workspace_audit_commit (ParWorkspace          *self,
                             const ParAuditRecord  *record,
                             GError               **error)
{
  if (_par_workspace_audit (self, record, error) && _par_workspace_commit (self, error))
    return TRUE;
  _par_workspace_rollback (self);
  return FALSE;
}

/*
 * Stores @set (once per checksum) with a criterion row per node, inside
 * the caller's transaction.
 */
gboolean
_par_workspace_store_set (ParWorkspace    *self,
                          ParCriteriaSet  *set,
                          gint64          *out_set_id,
                          GError         **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) insert_set = NULL;
  g_autoptr(sqlite3_stmt) insert_node = NULL;
  int rc;

  if (!(find = _par_workspace_prepare (self, "SELECT id FROM criteria_set WHERE checksum = ?", error)))
    return FALSE;
  sqlite3_bind_text (find, 1, set->checksum, -1, SQLITE_STATIC);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    {
      *out_set_id = sqlite3_column_int64 (find, 0);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);

  insert_set = _par_workspace_prepare (self,
                                       "INSERT INTO criteria_set (checksum, title, json)"
                                       " VALUES (?, ?, ?)", error);
  if (insert_set == NULL)
    return FALSE;
  sqlite3_bind_text (insert_set, 1, set->checksum, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert_set, 2, set->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert_set, 3, set->json, -1, SQLITE_STATIC);
  if (sqlite3_step (insert_set) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);
  *out_set_id = sqlite3_last_insert_rowid (self->db);

  insert_node = _par_workspace_prepare (self,
                                        "INSERT INTO criterion (set_id, code, leaf_index)"
                                        " VALUES (?, ?, ?)", error);
  if (insert_node == NULL)
    return FALSE;

  for (guint i = 0; i < set->nodes->len; i++)
    {
      const ParCriterion *node = g_ptr_array_index (set->nodes, i);

      sqlite3_reset (insert_node);
      sqlite3_bind_int64 (insert_node, 1, *out_set_id);
      sqlite3_bind_text (insert_node, 2, node->code, -1, SQLITE_STATIC);
      if (node->leaf_index >= 0)
        sqlite3_bind_int (insert_node, 3, node->leaf_index);
      else
        sqlite3_bind_null (insert_node, 3);
      if (sqlite3_step (insert_node) != SQLITE_DONE)
        return _par_workspace_set_io_error (self, error);
    }

  return TRUE;
}

static gboolean
insert_block (ParWorkspace    *self,
              int              year,
              const char      *block,
              gint64           set_id,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) insert_year = NULL;
  g_autoptr(sqlite3_stmt) exists = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  if (!(insert_year = _par_workspace_prepare (self, "INSERT OR IGNORE INTO year (year) VALUES (?)",
                                              error)))
    return FALSE;
  sqlite3_bind_int (insert_year, 1, year);
  if (sqlite3_step (insert_year) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);

  if (!(exists = _par_workspace_prepare (self, "SELECT 1 FROM block WHERE year = ? AND name = ?",
                                         error)))
    return FALSE;
  sqlite3_bind_int (exists, 1, year);
  sqlite3_bind_text (exists, 2, block, -1, SQLITE_STATIC);
  if (sqlite3_step (exists) == SQLITE_ROW)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("year %d already has a block “%s”; a block’s criteria set is chosen once"),
                   year, block);
      return FALSE;
    }

  insert = _par_workspace_prepare (self,
                                   "INSERT INTO block (year, name, position, set_id)"
                                   " VALUES (?1, ?2, (SELECT count(*) FROM block WHERE year = ?1), ?3)",
                                   error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int (insert, 1, year);
  sqlite3_bind_text (insert, 2, block, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 3, set_id);
  if (sqlite3_step (insert) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);

  return TRUE;
}

/**
 * par_workspace_add_year:
 * @self: a #ParWorkspace
 * @year: the assessment year
 * @block: the block's name ("all" when the year has one block)
 * @set: the criteria set the block's units are assessed by
 * @error: return location for a #GError
 *
 * Adds @block to @year (adding the year when it is new) with @set.
 *
 * Returns: %TRUE when the block was added
 */
gboolean
par_workspace_add_year (ParWorkspace    *self,
                        int              year,
                        const char      *block,
                        ParCriteriaSet  *set,
                        GError         **error)
{
  g_autofree char *name = NULL;
  gint64 set_id = 0;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (block != NULL && set != NULL, FALSE);

  if (!(name = par_text_clean_limited (block, -1, PAR_TEXT_NAME, error)))
    {
      g_prefix_error (error, _("the block’s name: "));
      return FALSE;
    }
  if (name[0] == '\0')
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("the block needs a name"));
      return FALSE;
    }
  if (year < 1900 || year > 9999)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("%d is not a year"), year);
      return FALSE;
    }

  if (!_par_workspace_check_writable (self, year, error) ||
      !_par_workspace_begin_write (self, year, error))
    return FALSE;

  {
    ParAuditRecord record = { year, "", "", -1, NULL, name, NULL, set->title, "add-block",
                              set->checksum };

    if (!_par_workspace_store_set (self, set, &set_id, error) ||
        !insert_block (self, year, name, set_id, error) ||
        !_par_workspace_audit (self, &record, error) ||
        !_par_workspace_commit (self, error))
      {
        _par_workspace_rollback (self);
        return FALSE;
      }
  }

  _par_workspace_forget_year (self, year);
  _par_workspace_emit_changed (self, year);
  return TRUE;
}

/*
 * Unit totals. Each unit's points, applicable maximum, self points,
 * provisional flag and field sums are stored per year and rewritten, in the
 * same transaction, whenever one of its entries changes, by summing its
 * entries with the same code that computes live results.
 *
 * The field sums are kept in the unit's row (unit_total.fields), so that a
 * year's results read one row per unit: for each field of its block's set
 * in order, its points then its maximum, each a 64-bit little-endian
 * integer.
 */
#define FIELD_SUMS_BYTES 16

static guint64 *
encode_field_sums (const ParFieldResult *fields,
                   guint                 n_fields,
                   gsize                *out_size)
{
  guint64 *blob = g_new (guint64, (gsize) n_fields * 2 + 1);

  for (guint f = 0; f < n_fields; f++)
    {
      blob[2 * f] = GUINT64_TO_LE ((guint64) fields[f].points);
      blob[2 * f + 1] = GUINT64_TO_LE ((guint64) fields[f].max);
    }
  *out_size = (gsize) n_fields * FIELD_SUMS_BYTES;
  return blob;
}

/**
 * _par_workspace_decode_field_sums:
 * @stmt: a statement on a row of unit_total
 * @column: the column of its field sums
 * @fields: (out caller-allocates): @n_fields sums
 * @n_fields: the number of fields of the unit's set
 *
 * Returns: %FALSE when the stored sums are not @n_fields pairs (the file
 *   was changed outside ParIndex)
 */
gboolean
_par_workspace_decode_field_sums (sqlite3_stmt   *stmt,
                                  int             column,
                                  ParFieldResult *fields,
                                  guint           n_fields)
{
  const guchar *blob = sqlite3_column_blob (stmt, column);
  int size = sqlite3_column_bytes (stmt, column);

  if (size < 0 || (gsize) size != (gsize) n_fields * FIELD_SUMS_BYTES)
    return FALSE;
  for (guint f = 0; f < n_fields; f++)
    {
      guint64 points, max;

      memcpy (&points, blob + f * FIELD_SUMS_BYTES, sizeof points);
      memcpy (&max, blob + f * FIELD_SUMS_BYTES + sizeof points, sizeof max);
      fields[f].points = (ParMilli) GUINT64_FROM_LE (points);
      fields[f].max = (ParMilli) GUINT64_FROM_LE (max);
    }
  return TRUE;
}

typedef struct
{
  sqlite3_stmt *select_entries;
  sqlite3_stmt *upsert_unit;
} TotalsWriter;

static void
totals_writer_clear (TotalsWriter *writer)
{
  g_clear_pointer (&writer->select_entries, sqlite3_finalize);
  g_clear_pointer (&writer->upsert_unit, sqlite3_finalize);
}

static sqlite3_stmt *
prepare_select_entries (ParWorkspace  *self,
                        GError       **error)
{
  return _par_workspace_prepare (self,
                                 "SELECT criterion_id, stage, state, points, applicable"
                                 " FROM score WHERE year = ? AND unit_id = ?", error);
}

static gboolean
totals_writer_init (ParWorkspace  *self,
                    TotalsWriter  *writer,
                    GError       **error)
{
  writer->select_entries = prepare_select_entries (self, error);
  writer->upsert_unit = _par_workspace_prepare (self,
                                                "INSERT OR REPLACE INTO unit_total (year, unit_id,"
                                                " points, max, self_points, provisional, fields)"
                                                " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (writer->select_entries == NULL || writer->upsert_unit == NULL)
    {
      totals_writer_clear (writer);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_entries (ParWorkspace    *self,
              ParYearBlock    *block,
              int              year,
              gint64           unit_id,
              ParYearResults  *results,
              ParUnitResult   *unit,
              sqlite3_stmt    *select_entries,
              GError         **error)
{
  int rc;

  sqlite3_reset (select_entries);
  sqlite3_bind_int (select_entries, 1, year);
  sqlite3_bind_int64 (select_entries, 2, unit_id);

  /* Even a unit without entries gets its (empty) entry table; read again,
   * a unit's table starts empty, so that an entry removed since (Undo of
   * a unit's only score) is gone from it too. */
  par_year_results_clear_entries (results, unit);

  while ((rc = sqlite3_step (select_entries)) == SQLITE_ROW)
    {
      gint64 criterion_id = sqlite3_column_int64 (select_entries, 0);
      ParMilli points = sqlite3_column_int64 (select_entries, 3);
      const ParCriterion *leaf;
      gpointer leaf_index;

      if (!g_hash_table_lookup_extended (block->leaf_index_by_id, &criterion_id, NULL, &leaf_index))
        continue;
      /* Sums stay exact only for points within the leaf's max. */
      leaf = g_ptr_array_index (block->set->leaves, GPOINTER_TO_UINT (leaf_index));
      if (points < 0 || points > leaf->max)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                       _("%s: the workspace is damaged: an entry of criterion %s has points "
                         "outside 0 to its maximum"), self->path, leaf->code);
          return FALSE;
        }
      par_year_results_load_entry (results, unit, GPOINTER_TO_UINT (leaf_index),
                                   sqlite3_column_int (select_entries, 1),
                                   par_entry_state_from_stored (sqlite3_column_int (select_entries, 2)),
                                   points,
                                   sqlite3_column_int (select_entries, 4) != 0);
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);
  return TRUE;
}

static gboolean
store_unit_totals (ParWorkspace    *self,
                   ParYearContext  *context,
                   ParYearUnit     *year_unit,
                   TotalsWriter    *writer,
                   GError         **error)
{
  ParYearBlock *block = g_ptr_array_index (context->blocks, year_unit->block);
  g_autoptr(ParYearResults) scratch = par_year_results_new (context->year);
  ParUnitResult *unit;
  g_autofree guint64 *field_sums = NULL;
  gsize field_sums_size;

  par_year_results_add_block (scratch, block->name, block->set);
  unit = par_year_results_add_unit (scratch, 0, year_unit->code, year_unit->name);
  if (!load_entries (self, block, context->year, year_unit->id, scratch, unit,
                     writer->select_entries, error))
    return FALSE;
  par_year_results_compute (scratch, TRUE);

  sqlite3_reset (writer->upsert_unit);
  sqlite3_bind_int (writer->upsert_unit, 1, context->year);
  sqlite3_bind_int64 (writer->upsert_unit, 2, year_unit->id);
  sqlite3_bind_int64 (writer->upsert_unit, 3, unit->points);
  sqlite3_bind_int64 (writer->upsert_unit, 4, unit->max);
  sqlite3_bind_int64 (writer->upsert_unit, 5, unit->self_points);
  sqlite3_bind_int (writer->upsert_unit, 6, unit->provisional ? 1 : 0);
  /* The row holds the fields of the unit's set now: a unit moved to a
   * block whose set has fewer fields keeps none of the old set's. */
  field_sums = encode_field_sums (unit->fields, block->set->fields->len, &field_sums_size);
  sqlite3_bind_blob64 (writer->upsert_unit, 7, field_sums, field_sums_size, SQLITE_STATIC);
  if (sqlite3_step (writer->upsert_unit) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);

  return TRUE;
}

/*
 * Rewrites the totals of the given units (all of the year's when @units is
 * NULL). Runs inside the caller's transaction.
 */
gboolean
_par_workspace_store_totals (ParWorkspace    *self,
                             ParYearContext  *context,
                             GPtrArray       *units,
                             GError         **error)
{
  TotalsWriter writer = { NULL };
  GPtrArray *list = units != NULL ? units : context->units;
  gboolean ok = TRUE;

  if (!totals_writer_init (self, &writer, error))
    return FALSE;

  for (guint i = 0; ok && i < list->len; i++)
    ok = store_unit_totals (self, context, g_ptr_array_index (list, i), &writer, error);

  totals_writer_clear (&writer);
  return ok;
}

static gboolean
rebuild_totals_if_needed (ParWorkspace  *self,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) flag = NULL;
  g_autoptr(GArray) years = NULL;

  if (!(flag = _par_workspace_prepare (self, "SELECT 1 FROM meta WHERE key = 'rebuild-totals'",
                                       error)))
    return FALSE;
  if (sqlite3_step (flag) != SQLITE_ROW)
    return TRUE;

  if (!(years = par_workspace_list_years (self, error)) ||
      !_par_workspace_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < years->len; i++)
    {
      ParYearContext *context = _par_workspace_get_year (self, g_array_index (years, int, i), error);

      if (context == NULL || !_par_workspace_store_totals (self, context, NULL, error))
        goto failed;
    }

  if (!_par_workspace_exec (self, "DELETE FROM meta WHERE key = 'rebuild-totals'; COMMIT", error))
    goto failed;
  return TRUE;

failed:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/*
 * Writes validated entries inside the caller's write transaction
 * (_par_workspace_begin_write ()) through the one score writer
 * (par-score-writer.c): each change with its audit record (old and new
 * value and note, time, OS user, origin), then the touched units' totals.
 * An entry written again with the same value and note is not a change and
 * leaves no audit record. @action names the change in the records' origin
 * ("edit", "import", …), @detail (nullable) is kept with each record.
 */
gboolean
_par_workspace_apply_scores (ParWorkspace    *self,
                             ParYearContext  *context,
                             ParScoreWrite   *writes,
                             guint            n_writes,
                             const char      *action,
                             const char      *detail,
                             GError         **error)
{
  g_autoptr(ParScoreWriter) writer = _par_score_writer_new (self, context, action, detail, FALSE,
                                                            error);

  if (writer == NULL)
    return FALSE;
  for (guint i = 0; i < n_writes; i++)
    if (!_par_score_writer_write (writer, &writes[i], error))
      return FALSE;
  return _par_score_writer_finish (writer, NULL, error);
}

/*
 * _par_workspace_apply_scores () in one transaction of its own: all or
 * nothing.
 */
gboolean
_par_workspace_write_scores (ParWorkspace    *self,
                             ParYearContext  *context,
                             ParScoreWrite   *writes,
                             guint            n_writes,
                             const char      *action,
                             GError         **error)
{
  if (!_par_workspace_begin_write (self, context->year, error))
    return FALSE;
  if (!_par_workspace_apply_scores (self, context, writes, n_writes, action, NULL, error) ||
      !_par_workspace_commit (self, error))
    {
      _par_workspace_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/**
 * par_workspace_set_score:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @criterion_code: a leaf's code in the set of the unit's block
 * @stage: the stage
 * @value: (nullable): the value as entered (FORMATS.md §3); empty or
 *   %NULL clears the entry
 * @note: (nullable): the note kept with the entry
 * @error: return location for a #GError
 *
 * An edit of one entry: par_workspace_set_scores() with one change.
 * Validates @value against the leaf's rule, cleans @note, writes the entry
 * with its audit record in one transaction and emits
 * #ParWorkspace::score-changed. An invalid value changes nothing.
 *
 * Returns: %TRUE when the entry was saved
 */
gboolean
par_workspace_set_score (ParWorkspace  *self,
                         int            year,
                         const char    *unit_code,
                         const char    *criterion_code,
                         ParStage       stage,
                         const char    *value,
                         const char    *note,
                         GError       **error)
{
  ParScoreChange change = { unit_code, criterion_code, stage, value, note, FALSE, NULL };

  g_return_val_if_fail (unit_code != NULL && criterion_code != NULL, FALSE);

  return par_workspace_set_scores (self, year, &change, 1, error);
}

static gboolean
damaged_field_sums (ParWorkspace  *self,
                   const char    *unit_code,
                   GError       **error)
{
  g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
               _("%s: the workspace is damaged: the stored field sums of unit “%s” cannot be read"),
               self->path, unit_code);
  return FALSE;
}

/* A year's results from the stored totals, read straight from the tables
 * (the year's context, with its leaves and lookups, is not needed): the
 * year's blocks, then one row per unit with its totals. The year before
 * needs no field totals (only its indices and ranks are compared). */
static ParYearResults *
load_results (ParWorkspace  *self,
              int            year,
              gboolean       with_fields,
              GError       **error)
{
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(sqlite3_stmt) blocks = NULL;
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autoptr(GHashTable) block_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                             g_free, NULL);
  g_autoptr(sqlite3_stmt) totals = NULL;
  int rc, rc_totals;

  if (!check_year_exists (self, year, error) || !(blocks = prepare_blocks (self, year, error)))
    return NULL;

  results = par_year_results_new (year);
  while ((rc = sqlite3_step (blocks)) == SQLITE_ROW)
    {
      gint64 block_id = sqlite3_column_int64 (blocks, 0);
      ParCriteriaSet *set = lookup_set (self, blocks, error);
      guint index;

      if (set == NULL)
        return NULL;
      index = par_year_results_add_block (results, (const char *) sqlite3_column_text (blocks, 1),
                                          set);
      g_hash_table_insert (block_by_id, g_memdup2 (&block_id, sizeof block_id),
                           GUINT_TO_POINTER (index + 1));
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;

  /* The units and their totals are read in their tables' key order (year,
   * unit id): merged unit by unit, without a lookup per row. A unit
   * without stored totals (none yet) has 0 of 0. */
  units = _par_workspace_prepare (self,
                                  "SELECT yu.unit_id, u.code, u.name, yu.block_id"
                                  " FROM year_unit yu JOIN unit u ON u.id = yu.unit_id"
                                  " WHERE yu.year = ? ORDER BY yu.unit_id", error);
  totals = _par_workspace_prepare (self,
                                   "SELECT unit_id, points, max, self_points, provisional, fields"
                                   " FROM unit_total WHERE year = ? ORDER BY unit_id", error);
  if (units == NULL || totals == NULL)
    return NULL;
  sqlite3_bind_int (units, 1, year);
  sqlite3_bind_int (totals, 1, year);

  rc_totals = sqlite3_step (totals);
  while ((rc = sqlite3_step (units)) == SQLITE_ROW)
    {
      gint64 unit_id = sqlite3_column_int64 (units, 0);
      gint64 block_id = sqlite3_column_int64 (units, 3);
      guint block = GPOINTER_TO_UINT (g_hash_table_lookup (block_by_id, &block_id));
      ParUnitResult *unit = NULL;

      if (block != 0)
        unit = par_year_results_add_unit (results, block - 1,
                                          (const char *) sqlite3_column_text (units, 1),
                                          (const char *) sqlite3_column_text (units, 2));

      while (rc_totals == SQLITE_ROW && sqlite3_column_int64 (totals, 0) < unit_id)
        rc_totals = sqlite3_step (totals);
      if (unit == NULL || rc_totals != SQLITE_ROW || sqlite3_column_int64 (totals, 0) != unit_id)
        continue;
      par_year_results_set_totals (results, unit,
                                   sqlite3_column_int64 (totals, 1),
                                   sqlite3_column_int64 (totals, 2),
                                   sqlite3_column_int64 (totals, 3),
                                   sqlite3_column_int (totals, 4) != 0);
      if (with_fields &&
          !_par_workspace_decode_field_sums (totals, 5, unit->fields,
                                             par_year_results_get_block_set (results,
                                                                             unit->block)->fields->len))
        return damaged_field_sums (self, unit->code, error), NULL;
    }
  if (rc != SQLITE_DONE || (rc_totals != SQLITE_ROW && rc_totals != SQLITE_DONE))
    return _par_workspace_set_io_error (self, error), NULL;

  par_year_results_compute (results, FALSE);
  return g_steal_pointer (&results);
}

/**
 * par_workspace_load_unit_entries:
 * @self: a #ParWorkspace
 * @results: results computed by par_workspace_compute_results()
 * @unit: a unit of @results
 * @error: return location for a #GError
 *
 * Loads the unit's leaf entries into @results, so that edits to the unit
 * can be applied live with par_year_results_update_entry().
 *
 * Returns: %TRUE on success
 */
gboolean
par_workspace_load_unit_entries (ParWorkspace    *self,
                                 ParYearResults  *results,
                                 ParUnitResult   *unit,
                                 GError         **error)
{
  g_autoptr(sqlite3_stmt) select_entries = NULL;
  ParYearContext *context;
  ParYearUnit *year_unit;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (results != NULL && unit != NULL, FALSE);

  if (!(year_unit = _par_workspace_lookup_unit (self, par_year_results_get_year (results), unit->code, &context, error)))
    return FALSE;

  if (!(select_entries = prepare_select_entries (self, error)))
    return FALSE;

  return load_entries (self, g_ptr_array_index (context->blocks, year_unit->block), context->year,
                       year_unit->id, results, unit, select_entries, error);
}

/**
 * par_workspace_reload_unit:
 * @self: a #ParWorkspace
 * @results: results computed by par_workspace_compute_results()
 * @unit: a unit of @results
 * @error: return location for a #GError
 *
 * Reads the unit's data again after it changed in the workspace: its
 * entries when they are loaded (par_workspace_load_unit_entries()), else
 * its stored totals; then redoes its index and its block's ranks.
 *
 * Returns: %TRUE on success
 */
gboolean
par_workspace_reload_unit (ParWorkspace    *self,
                           ParYearResults  *results,
                           ParUnitResult   *unit,
                           GError         **error)
{
  g_autoptr(sqlite3_stmt) totals = NULL;
  ParYearContext *context;
  ParYearUnit *year_unit;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (results != NULL && unit != NULL, FALSE);

  if (par_year_results_has_entries (results, unit))
    {
      if (!par_workspace_load_unit_entries (self, results, unit, error))
        return FALSE;
      par_year_results_refresh_unit (results, unit);
      return TRUE;
    }

  if (!(year_unit = _par_workspace_lookup_unit (self, par_year_results_get_year (results), unit->code, &context, error)))
    return FALSE;

  totals = _par_workspace_prepare (self,
                                   "SELECT points, max, self_points, provisional, fields"
                                   " FROM unit_total WHERE year = ? AND unit_id = ?", error);
  if (totals == NULL)
    return FALSE;
  sqlite3_bind_int (totals, 1, context->year);
  sqlite3_bind_int64 (totals, 2, year_unit->id);

  rc = sqlite3_step (totals);
  if (rc == SQLITE_ROW)
    {
      par_year_results_set_totals (results, unit, sqlite3_column_int64 (totals, 0),
                                   sqlite3_column_int64 (totals, 1),
                                   sqlite3_column_int64 (totals, 2),
                                   sqlite3_column_int (totals, 3) != 0);
      if (!_par_workspace_decode_field_sums (totals, 4, unit->fields,
                                             par_year_results_get_block_set (results,
                                                                             unit->block)->fields->len))
        return damaged_field_sums (self, unit->code, error);
    }
  else if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);

  par_year_results_refresh_unit (results, unit);
  return TRUE;
}

/**
 * par_workspace_compute_results:
 * @self: a #ParWorkspace
 * @year: the year
 * @error: return location for a #GError
 *
 * Computes the year's results (FORMATS.md §4), with each unit's index and
 * rank in the year before where it had one.
 *
 * Returns: (transfer full) (nullable): the results
 */
ParYearResults *
par_workspace_compute_results (ParWorkspace  *self,
                               int            year,
                               GError       **error)
{
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(ParYearResults) previous = NULL;
  g_autoptr(GError) previous_error = NULL;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);

  if (!(results = load_results (self, year, TRUE, error)))
    return NULL;

  previous = load_results (self, year - 1, FALSE, &previous_error);
  if (previous == NULL && !g_error_matches (previous_error, PAR_ERROR, PAR_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&previous_error));
      return NULL;
    }

  par_year_results_set_previous (results, previous);
  if (previous != NULL)
    {
      g_autoptr(GHashTable) lineage = _par_workspace_load_lineage (self, year, error);

      if (lineage == NULL)
        return NULL;
      par_year_results_set_lineage (results, previous, lineage);
    }
  return g_steal_pointer (&results);
}

static int
compare_stored_entries (gconstpointer a,
                        gconstpointer b)
{
  const ParStoredEntry *ea = *(const ParStoredEntry **) a;
  const ParStoredEntry *eb = *(const ParStoredEntry **) b;

  if (ea->leaf->leaf_index != eb->leaf->leaf_index)
    return ea->leaf->leaf_index < eb->leaf->leaf_index ? -1 : 1;
  return (int) ea->stage - (int) eb->stage;
}

static void
stored_entry_free (gpointer data)
{
  ParStoredEntry *entry = data;

  g_free (entry->value);
  g_free (entry->note);
  g_free (entry->changed_at);
  g_free (entry);
}

/**
 * par_workspace_list_unit_entries:
 * @self: a #ParWorkspace
 * @year: the year
 * @unit_code: the unit's code
 * @out_set: (out) (optional) (transfer full): the criteria set of the
 *   unit's block
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type ParStoredEntry): the unit's
 *   entries in tree order, self before appraisal
 */
GPtrArray *
par_workspace_list_unit_entries (ParWorkspace     *self,
                                 int               year,
                                 const char       *unit_code,
                                 ParCriteriaSet  **out_set,
                                 GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (stored_entry_free);
  ParYearContext *context;
  ParYearUnit *unit;
  ParYearBlock *block;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (unit_code != NULL, NULL);

  if (!(unit = _par_workspace_lookup_unit (self, year, unit_code, &context, error)))
    return NULL;
  block = g_ptr_array_index (context->blocks, unit->block);

  stmt = _par_workspace_prepare (self,
                                 "SELECT criterion_id, stage, state, value, points, applicable,"
                                 " note, changed_at FROM score WHERE year = ? AND unit_id = ?",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, unit->id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 criterion_id = sqlite3_column_int64 (stmt, 0);
      ParStoredEntry *entry;
      gpointer leaf_index;

      if (!g_hash_table_lookup_extended (block->leaf_index_by_id, &criterion_id, NULL, &leaf_index))
        continue;

      entry = g_new0 (ParStoredEntry, 1);
      entry->leaf = g_ptr_array_index (block->set->leaves, GPOINTER_TO_UINT (leaf_index));
      entry->stage = sqlite3_column_int (stmt, 1);
      entry->state = par_entry_state_from_stored (sqlite3_column_int (stmt, 2));
      entry->value = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->points = sqlite3_column_int64 (stmt, 4);
      entry->applicable = sqlite3_column_int (stmt, 5) != 0;
      entry->note = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      entry->changed_at = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;

  g_ptr_array_sort (entries, compare_stored_entries);

  if (out_set != NULL)
    *out_set = par_criteria_set_ref (block->set);
  return g_steal_pointer (&entries);
}

/**
 * par_workspace_count_audit:
 * @self: a #ParWorkspace
 * @error: return location for a #GError
 *
 * Returns: the number of records in the audit log, or -1 on error
 */
gint64
par_workspace_count_audit (ParWorkspace  *self,
                           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = _par_workspace_prepare (self, "SELECT count(*) FROM audit", error)))
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _par_workspace_set_io_error (self, error), -1;
  return sqlite3_column_int64 (stmt, 0);
}
