/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-error.h"
#include "par-schema.h"
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

  char       *path;
  sqlite3    *db;
  GHashTable *sets;      /* set id → ParCriteriaSet */
  GHashTable *years;     /* year → ParYearContext */
};

G_DEFINE_FINAL_TYPE (ParWorkspace, par_workspace, G_TYPE_OBJECT)

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

  g_clear_pointer (&self->years, g_hash_table_unref);
  g_clear_pointer (&self->sets, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
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
}

static void
par_workspace_init (ParWorkspace *self)
{
  self->sets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) par_criteria_set_unref);
  self->years = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, year_context_free);
}

gboolean
_par_workspace_set_io_error (ParWorkspace  *self,
                             GError       **error)
{
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

gboolean
_par_workspace_exec (ParWorkspace  *self,
                     const char    *sql,
                     GError       **error)
{
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

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _par_workspace_set_io_error (self, error);
      return NULL;
    }
  return stmt;
}

void
_par_workspace_emit_changed (ParWorkspace *self,
                             int           year)
{
  g_signal_emit (self, signals[CHANGED], 0, year);
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

static gboolean rebuild_totals_if_needed (ParWorkspace  *self,
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

/* Opens the SQLite connection of @self and brings the schema up to date. */
static gboolean
open_connection (ParWorkspace  *self,
                 int            flags,
                 GError       **error)
{
  g_autofree char *utf8_path = NULL;

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

  if (!_par_workspace_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  if (!par_schema_migrate (self->db, par_schema_get_latest_version (), error))
    {
      g_prefix_error (error, "%s: ", self->path);
      return FALSE;
    }

  /* A 64 MiB page cache keeps a national-scale import off the disk until
   * its commit. */
  if (!_par_workspace_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                            " PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY", error))
    return FALSE;

  if (!rebuild_totals_if_needed (self, error))
    return FALSE;

  return TRUE;
}

/**
 * par_workspace_open:
 * @path: the workspace file (`*.parindex`), in the GLib filename encoding
 * @mode: whether to open an existing workspace or create a new one
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
  if (mode == PAR_WORKSPACE_OPEN_EXISTING && !exists)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("%s does not exist; create it with “parindex-cli init”"), path);
      return NULL;
    }
  if (mode == PAR_WORKSPACE_CREATE_NEW)
    flags |= SQLITE_OPEN_CREATE;

  self = g_object_new (PAR_TYPE_WORKSPACE, NULL);
  self->path = g_strdup (path);

  if (!open_connection (self, flags, &local_error))
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

const char *
par_workspace_get_path (ParWorkspace *self)
{
  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);

  return self->path;
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

static ParCriteriaSet *
lookup_set (ParWorkspace  *self,
            gint64         set_id,
            const char    *json,
            GError       **error)
{
  ParCriteriaSet *set = g_hash_table_lookup (self->sets, &set_id);

  if (set == NULL)
    {
      set = par_criteria_set_new_from_data (json, -1, error);
      if (set == NULL)
        return NULL;
      g_hash_table_insert (self->sets, g_memdup2 (&set_id, sizeof set_id), set);
    }
  return set;
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
  g_autoptr(sqlite3_stmt) exists = NULL;
  g_autoptr(sqlite3_stmt) blocks = NULL;
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autoptr(GHashTable) block_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  ParYearContext *context;
  int rc;

  if (!(exists = _par_workspace_prepare (self, "SELECT 1 FROM year WHERE year = ?", error)))
    return NULL;
  sqlite3_bind_int (exists, 1, year);
  rc = sqlite3_step (exists);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("the workspace has no year %d; add it with “parindex-cli add-year”"), year);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    return _par_workspace_set_io_error (self, error), NULL;

  context = g_new0 (ParYearContext, 1);
  context->year = year;
  context->blocks = g_ptr_array_new_with_free_func (year_block_free);
  context->blocks_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  context->units = g_ptr_array_new_with_free_func (year_unit_free);
  context->units_by_code = g_hash_table_new (g_str_hash, g_str_equal);

  blocks = _par_workspace_prepare (self,
                                   "SELECT b.id, b.name, b.set_id, s.json"
                                   " FROM block b JOIN criteria_set s ON s.id = b.set_id"
                                   " WHERE b.year = ? ORDER BY b.position", error);
  if (blocks == NULL)
    goto failed;
  sqlite3_bind_int (blocks, 1, year);

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

      set = lookup_set (self, set_id, (const char *) sqlite3_column_text (blocks, 3), error);
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

void
_par_workspace_forget_year (ParWorkspace *self,
                            int           year)
{
  g_hash_table_remove (self->years, GINT_TO_POINTER (year));
}

static gboolean
store_set (ParWorkspace    *self,
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

  name = g_utf8_normalize (block, -1, G_NORMALIZE_NFC);
  if (name == NULL || g_strstrip (name)[0] == '\0')
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
      !_par_workspace_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!store_set (self, set, &set_id, error) ||
      !insert_block (self, year, name, set_id, error) ||
      !_par_workspace_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
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
 */
typedef struct
{
  sqlite3_stmt *select_entries;
  sqlite3_stmt *upsert_unit;
  sqlite3_stmt *upsert_field;
  sqlite3_stmt *trim_fields;
} TotalsWriter;

static void
totals_writer_clear (TotalsWriter *writer)
{
  g_clear_pointer (&writer->select_entries, sqlite3_finalize);
  g_clear_pointer (&writer->upsert_unit, sqlite3_finalize);
  g_clear_pointer (&writer->upsert_field, sqlite3_finalize);
  g_clear_pointer (&writer->trim_fields, sqlite3_finalize);
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
                                                " points, max, self_points, provisional)"
                                                " VALUES (?, ?, ?, ?, ?, ?)", error);
  writer->upsert_field = _par_workspace_prepare (self,
                                                 "INSERT OR REPLACE INTO field_total (year, unit_id,"
                                                 " field, points, max) VALUES (?, ?, ?, ?, ?)", error);
  writer->trim_fields = _par_workspace_prepare (self,
                                                "DELETE FROM field_total"
                                                " WHERE year = ? AND unit_id = ? AND field >= ?",
                                                error);
  if (writer->select_entries == NULL || writer->upsert_unit == NULL ||
      writer->upsert_field == NULL || writer->trim_fields == NULL)
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

  /* Even a unit without entries gets its (empty) entry table. */
  par_year_results_load_entry (results, unit, 0, PAR_STAGE_SELF, PAR_ENTRY_EMPTY, 0, TRUE);

  while ((rc = sqlite3_step (select_entries)) == SQLITE_ROW)
    {
      gint64 criterion_id = sqlite3_column_int64 (select_entries, 0);
      gpointer leaf_index;

      if (!g_hash_table_lookup_extended (block->leaf_index_by_id, &criterion_id, NULL, &leaf_index))
        continue;
      par_year_results_load_entry (results, unit, GPOINTER_TO_UINT (leaf_index),
                                   sqlite3_column_int (select_entries, 1),
                                   par_entry_state_from_stored (sqlite3_column_int (select_entries, 2)),
                                   sqlite3_column_int64 (select_entries, 3),
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
  if (sqlite3_step (writer->upsert_unit) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);

  for (guint f = 0; f < block->set->fields->len; f++)
    {
      sqlite3_reset (writer->upsert_field);
      sqlite3_bind_int (writer->upsert_field, 1, context->year);
      sqlite3_bind_int64 (writer->upsert_field, 2, year_unit->id);
      sqlite3_bind_int (writer->upsert_field, 3, f);
      sqlite3_bind_int64 (writer->upsert_field, 4, unit->fields[f].points);
      sqlite3_bind_int64 (writer->upsert_field, 5, unit->fields[f].max);
      if (sqlite3_step (writer->upsert_field) != SQLITE_DONE)
        return _par_workspace_set_io_error (self, error);
    }

  /* A unit moved to a block whose set has fewer fields keeps none of the
   * old set's extra fields. */
  sqlite3_reset (writer->trim_fields);
  sqlite3_bind_int (writer->trim_fields, 1, context->year);
  sqlite3_bind_int64 (writer->trim_fields, 2, year_unit->id);
  sqlite3_bind_int (writer->trim_fields, 3, block->set->fields->len);
  if (sqlite3_step (writer->trim_fields) != SQLITE_DONE)
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

static gboolean
stage_write (ParWorkspace   *self,
             ParYearContext *context,
             ParScoreWrite  *write,
             sqlite3_stmt   *stage,
             GError        **error)
{
  ParYearBlock *block = g_ptr_array_index (context->blocks, write->unit->block);

  sqlite3_reset (stage);
  sqlite3_bind_int64 (stage, 1, write->unit->id);
  sqlite3_bind_int64 (stage, 2, block->leaf_ids[write->leaf->leaf_index]);
  sqlite3_bind_int (stage, 3, write->stage);
  sqlite3_bind_int (stage, 4, write->entry.state);
  sqlite3_bind_text (stage, 5, write->entry.value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stage, 6, write->entry.points);
  sqlite3_bind_int (stage, 7, write->entry.applicable ? 1 : 0);
  sqlite3_bind_text (stage, 8, write->note, -1, SQLITE_STATIC);
  if (sqlite3_step (stage) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);
  return TRUE;
}

static gboolean
run_bound (ParWorkspace  *self,
           const char    *sql,
           int            year,
           const char    *now,
           const char    *origin,
           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = _par_workspace_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count (stmt) >= 4)   /* the audit statement */
    {
      sqlite3_bind_text (stmt, 3, g_get_user_name (), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, origin, -1, SQLITE_STATIC);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);
  return TRUE;
}

/*
 * Writes validated entries in one transaction. The entries are staged in a
 * temporary table, then applied set-wise: first the audit records of the
 * entries that change (old and new value and note, time, OS user, origin),
 * then the deletions and the upserts, then the touched units' totals. All
 * or nothing; an entry written again with the same value and note is not a
 * change and leaves no audit record.
 */
gboolean
_par_workspace_write_scores (ParWorkspace    *self,
                             ParYearContext  *context,
                             ParScoreWrite   *writes,
                             guint            n_writes,
                             const char      *origin,
                             GError         **error)
{
  g_autoptr(sqlite3_stmt) stage = NULL;
  g_autoptr(GPtrArray) touched = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GDateTime) now_time = g_date_time_new_now_utc ();
  g_autofree char *now = g_date_time_format_iso8601 (now_time);
  gboolean ok = TRUE;

  if (!_par_workspace_exec (self,
                            "CREATE TEMP TABLE IF NOT EXISTS staged_score ("
                            "  unit_id INTEGER NOT NULL, criterion_id INTEGER NOT NULL,"
                            "  stage INTEGER NOT NULL, state INTEGER NOT NULL, value TEXT,"
                            "  points INTEGER NOT NULL, applicable INTEGER NOT NULL, note TEXT,"
                            "  PRIMARY KEY (unit_id, criterion_id, stage)) WITHOUT ROWID", error) ||
      !(stage = _par_workspace_prepare (self,
                                        "INSERT OR REPLACE INTO temp.staged_score VALUES"
                                        " (?, ?, ?, ?, ?, ?, ?, ?)", error)) ||
      !_par_workspace_exec (self, "BEGIN IMMEDIATE; DELETE FROM temp.staged_score", error))
    return FALSE;

  for (guint i = 0; ok && i < n_writes; i++)
    {
      ok = stage_write (self, context, &writes[i], stage, error);
      if (g_hash_table_add (seen, writes[i].unit))
        g_ptr_array_add (touched, writes[i].unit);
    }

  ok = ok &&
       run_bound (self,
                  "INSERT INTO audit (at, user, year, unit_code, criterion_code, stage,"
                  "                   old_value, new_value, old_note, new_note, origin)"
                  " SELECT ?2, ?3, ?1, u.code, c.code, r.stage, s.value, r.value, s.note, r.note, ?4"
                  " FROM temp.staged_score r"
                  " JOIN unit u ON u.id = r.unit_id"
                  " JOIN criterion c ON c.id = r.criterion_id"
                  " LEFT JOIN score s ON s.year = ?1 AND s.unit_id = r.unit_id"
                  "  AND s.criterion_id = r.criterion_id AND s.stage = r.stage"
                  " WHERE s.value IS NOT r.value OR s.note IS NOT r.note"
                  " ORDER BY r.unit_id, r.criterion_id, r.stage",
                  context->year, now, origin, error) &&
       run_bound (self,
                  "DELETE FROM score WHERE year = ?1"
                  " AND (unit_id, criterion_id, stage) IN"
                  "  (SELECT unit_id, criterion_id, stage FROM temp.staged_score WHERE value IS NULL)",
                  context->year, now, origin, error) &&
       run_bound (self,
                  "INSERT INTO score (year, unit_id, criterion_id, stage, state, value, points,"
                  "                   applicable, note, changed_at)"
                  " SELECT ?1, unit_id, criterion_id, stage, state, value, points, applicable, note, ?2"
                  " FROM temp.staged_score WHERE value IS NOT NULL"
                  " ON CONFLICT DO UPDATE SET state = excluded.state, value = excluded.value,"
                  "  points = excluded.points, applicable = excluded.applicable,"
                  "  note = excluded.note, changed_at = excluded.changed_at"
                  " WHERE value IS NOT excluded.value OR note IS NOT excluded.note",
                  context->year, now, origin, error) &&
       _par_workspace_store_totals (self, context, touched, error) &&
       _par_workspace_exec (self, "DELETE FROM temp.staged_score; COMMIT", error);

  if (!ok)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return ok;
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
 * The one call through which an edit reaches the workspace: validates
 * @value against the leaf's rule, writes it with its audit record in one
 * transaction and emits #ParWorkspace::score-changed. An invalid value
 * changes nothing.
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
  g_autoptr(GError) local_error = NULL;
  g_autofree char *trimmed_note = NULL;
  ParScoreWrite write = { 0 };
  ParYearContext *context;
  ParYearBlock *block;
  gboolean ok;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (unit_code != NULL && criterion_code != NULL, FALSE);

  if (!(context = _par_workspace_get_year (self, year, error)) ||
      !_par_workspace_check_writable (self, year, error))
    return FALSE;

  write.unit = g_hash_table_lookup (context->units_by_code, unit_code);
  if (write.unit == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("unit “%s” is not in year %d"), unit_code, year);
      return FALSE;
    }

  block = g_ptr_array_index (context->blocks, write.unit->block);
  write.leaf = par_criteria_set_lookup (block->set, criterion_code);
  if (write.leaf == NULL || write.leaf->children != NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("“%s” is not a sub-criterion of the criteria set of block “%s”"),
                   criterion_code, block->name);
      return FALSE;
    }

  if (!par_rule_evaluate (write.leaf, stage, value, TRUE, &write.entry, &local_error))
    {
      g_set_error (error, PAR_ERROR, local_error->code, "%s, %s: %s",
                   unit_code, criterion_code, local_error->message);
      return FALSE;
    }

  write.stage = stage;
  trimmed_note = note != NULL ? g_strstrip (g_strdup (note)) : NULL;
  write.note = trimmed_note != NULL && trimmed_note[0] != '\0' ? trimmed_note : NULL;

  ok = _par_workspace_write_scores (self, context, &write, 1, "edit", error);
  par_entry_clear (&write.entry);

  if (ok)
    g_signal_emit (self, signals[SCORE_CHANGED], 0, year, unit_code, criterion_code, (int) stage);

  return ok;
}

static ParYearResults *
load_results (ParWorkspace  *self,
              int            year,
              GError       **error)
{
  g_autoptr(ParYearResults) results = par_year_results_new (year);
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autoptr(sqlite3_stmt) fields = NULL;
  g_autoptr(GHashTable) unit_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  ParYearContext *context;
  int rc;

  if (!(context = _par_workspace_get_year (self, year, error)))
    return NULL;

  for (guint b = 0; b < context->blocks->len; b++)
    {
      ParYearBlock *year_block = g_ptr_array_index (context->blocks, b);
      par_year_results_add_block (results, year_block->name, year_block->set);
    }

  for (guint i = 0; i < context->units->len; i++)
    {
      ParYearUnit *year_unit = g_ptr_array_index (context->units, i);
      ParUnitResult *unit = par_year_results_add_unit (results, year_unit->block,
                                                       year_unit->code, year_unit->name);
      g_hash_table_insert (unit_by_id, &year_unit->id, unit);
    }

  units = _par_workspace_prepare (self,
                                  "SELECT unit_id, points, max, self_points, provisional"
                                  " FROM unit_total WHERE year = ?", error);
  fields = _par_workspace_prepare (self,
                                   "SELECT unit_id, field, points, max"
                                   " FROM field_total WHERE year = ?", error);
  if (units == NULL || fields == NULL)
    return NULL;
  sqlite3_bind_int (units, 1, year);
  sqlite3_bind_int (fields, 1, year);

  while ((rc = sqlite3_step (units)) == SQLITE_ROW)
    {
      gint64 unit_id = sqlite3_column_int64 (units, 0);
      ParUnitResult *unit = g_hash_table_lookup (unit_by_id, &unit_id);

      if (unit != NULL)
        par_year_results_set_totals (results, unit,
                                     sqlite3_column_int64 (units, 1),
                                     sqlite3_column_int64 (units, 2),
                                     sqlite3_column_int64 (units, 3),
                                     sqlite3_column_int (units, 4) != 0);
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;

  while ((rc = sqlite3_step (fields)) == SQLITE_ROW)
    {
      gint64 unit_id = sqlite3_column_int64 (fields, 0);
      ParUnitResult *unit = g_hash_table_lookup (unit_by_id, &unit_id);

      if (unit != NULL)
        par_year_results_set_field_totals (results, unit,
                                           sqlite3_column_int (fields, 1),
                                           sqlite3_column_int64 (fields, 2),
                                           sqlite3_column_int64 (fields, 3));
    }
  if (rc != SQLITE_DONE)
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

  if (!(context = _par_workspace_get_year (self, par_year_results_get_year (results), error)))
    return FALSE;

  year_unit = g_hash_table_lookup (context->units_by_code, unit->code);
  if (year_unit == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("unit “%s” is not in year %d"),
                   unit->code, context->year);
      return FALSE;
    }

  if (!(select_entries = prepare_select_entries (self, error)))
    return FALSE;

  return load_entries (self, g_ptr_array_index (context->blocks, year_unit->block), context->year,
                       year_unit->id, results, unit, select_entries, error);
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

  if (!(results = load_results (self, year, error)))
    return NULL;

  previous = load_results (self, year - 1, &previous_error);
  if (previous == NULL && !g_error_matches (previous_error, PAR_ERROR, PAR_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&previous_error));
      return NULL;
    }

  par_year_results_set_previous (results, previous);
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
