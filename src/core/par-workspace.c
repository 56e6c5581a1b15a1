/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

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
  g_autofree char *utf8_path = NULL;
  gboolean exists;
  int flags = SQLITE_OPEN_READWRITE;

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

  /* SQLite takes UTF-8 file names on every platform. */
  utf8_path = g_filename_to_utf8 (path, -1, NULL, NULL, NULL);
  if (sqlite3_open_v2 (utf8_path != NULL ? utf8_path : path, &self->db, flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot open the workspace: %s"),
                   path, sqlite3_errmsg (self->db));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (!_par_workspace_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  if (!par_schema_migrate (self->db, par_schema_get_latest_version (), error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  if (!_par_workspace_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", error))
    return NULL;

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
          g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                       _("%s: the workspace is damaged: criterion %" G_GINT64_FORMAT " is out of its set"),
                       self->path, id);
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

  if (!_par_workspace_exec (self, "BEGIN IMMEDIATE", error))
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

static gboolean
write_one (ParWorkspace   *self,
           ParYearContext *context,
           ParScoreWrite  *write,
           sqlite3_stmt   *select_old,
           sqlite3_stmt   *upsert,
           sqlite3_stmt   *delete,
           sqlite3_stmt   *audit,
           const char     *now,
           const char     *user,
           const char     *origin,
           GError        **error)
{
  ParYearBlock *block = g_ptr_array_index (context->blocks, write->unit->block);
  gint64 criterion_id = block->leaf_ids[write->leaf->leaf_index];
  g_autofree char *old_value = NULL;
  g_autofree char *old_note = NULL;
  int rc;

  sqlite3_reset (select_old);
  sqlite3_bind_int (select_old, 1, context->year);
  sqlite3_bind_int64 (select_old, 2, write->unit->id);
  sqlite3_bind_int64 (select_old, 3, criterion_id);
  sqlite3_bind_int (select_old, 4, write->stage);
  rc = sqlite3_step (select_old);
  if (rc == SQLITE_ROW)
    {
      old_value = g_strdup ((const char *) sqlite3_column_text (select_old, 0));
      old_note = g_strdup ((const char *) sqlite3_column_text (select_old, 1));
    }
  else if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);

  if (g_strcmp0 (old_value, write->entry.value) == 0 && g_strcmp0 (old_note, write->note) == 0)
    return TRUE;

  if (write->entry.state == PAR_ENTRY_EMPTY)
    {
      sqlite3_reset (delete);
      sqlite3_bind_int (delete, 1, context->year);
      sqlite3_bind_int64 (delete, 2, write->unit->id);
      sqlite3_bind_int64 (delete, 3, criterion_id);
      sqlite3_bind_int (delete, 4, write->stage);
      if (sqlite3_step (delete) != SQLITE_DONE)
        return _par_workspace_set_io_error (self, error);
    }
  else
    {
      sqlite3_reset (upsert);
      sqlite3_bind_int (upsert, 1, context->year);
      sqlite3_bind_int64 (upsert, 2, write->unit->id);
      sqlite3_bind_int64 (upsert, 3, criterion_id);
      sqlite3_bind_int (upsert, 4, write->stage);
      sqlite3_bind_int (upsert, 5, write->entry.state);
      sqlite3_bind_text (upsert, 6, write->entry.value, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (upsert, 7, write->entry.points);
      sqlite3_bind_int (upsert, 8, write->entry.applicable ? 1 : 0);
      sqlite3_bind_text (upsert, 9, write->note, -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert, 10, now, -1, SQLITE_STATIC);
      if (sqlite3_step (upsert) != SQLITE_DONE)
        return _par_workspace_set_io_error (self, error);
    }

  sqlite3_reset (audit);
  sqlite3_bind_text (audit, 1, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (audit, 2, user, -1, SQLITE_STATIC);
  sqlite3_bind_int (audit, 3, context->year);
  sqlite3_bind_text (audit, 4, write->unit->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (audit, 5, write->leaf->code, -1, SQLITE_STATIC);
  sqlite3_bind_int (audit, 6, write->stage);
  sqlite3_bind_text (audit, 7, old_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (audit, 8, write->entry.value, -1, SQLITE_STATIC);
  sqlite3_bind_text (audit, 9, old_note, -1, SQLITE_STATIC);
  sqlite3_bind_text (audit, 10, write->note, -1, SQLITE_STATIC);
  sqlite3_bind_text (audit, 11, origin, -1, SQLITE_STATIC);
  if (sqlite3_step (audit) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);

  return TRUE;
}

/*
 * Writes validated entries in one transaction, each with its audit record
 * (old and new value and note, time, OS user, origin). All or nothing.
 */
gboolean
_par_workspace_write_scores (ParWorkspace    *self,
                             ParYearContext  *context,
                             ParScoreWrite   *writes,
                             guint            n_writes,
                             const char      *origin,
                             GError         **error)
{
  g_autoptr(sqlite3_stmt) select_old = NULL;
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(sqlite3_stmt) delete = NULL;
  g_autoptr(sqlite3_stmt) audit = NULL;
  g_autoptr(GDateTime) now_time = g_date_time_new_now_utc ();
  g_autofree char *now = g_date_time_format_iso8601 (now_time);
  const char *user = g_get_user_name ();

  if (!(select_old = _par_workspace_prepare (self,
                                             "SELECT value, note FROM score WHERE year = ?"
                                             " AND unit_id = ? AND criterion_id = ? AND stage = ?",
                                             error)) ||
      !(upsert = _par_workspace_prepare (self,
                                         "INSERT INTO score (year, unit_id, criterion_id, stage,"
                                         " state, value, points, applicable, note, changed_at)"
                                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                         " ON CONFLICT DO UPDATE SET state = excluded.state,"
                                         " value = excluded.value, points = excluded.points,"
                                         " applicable = excluded.applicable,"
                                         " note = excluded.note, changed_at = excluded.changed_at",
                                         error)) ||
      !(delete = _par_workspace_prepare (self,
                                         "DELETE FROM score WHERE year = ? AND unit_id = ?"
                                         " AND criterion_id = ? AND stage = ?", error)) ||
      !(audit = _par_workspace_prepare (self,
                                        "INSERT INTO audit (at, user, year, unit_code,"
                                        " criterion_code, stage, old_value, new_value,"
                                        " old_note, new_note, origin)"
                                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;

  if (!_par_workspace_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < n_writes; i++)
    {
      if (!write_one (self, context, &writes[i], select_old, upsert, delete, audit,
                      now, user, origin, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  if (!_par_workspace_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
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

  if (!(context = _par_workspace_get_year (self, year, error)))
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) unit_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree ParUnitResult **unit_results = NULL;
  ParYearContext *context;
  gint64 last_unit_id = -1;
  ParUnitResult *unit = NULL;
  ParYearBlock *block = NULL;
  int rc;

  if (!(context = _par_workspace_get_year (self, year, error)))
    return NULL;

  for (guint b = 0; b < context->blocks->len; b++)
    {
      ParYearBlock *year_block = g_ptr_array_index (context->blocks, b);
      par_year_results_add_block (results, year_block->name, year_block->set);
    }

  unit_results = g_new0 (ParUnitResult *, context->units->len);
  for (guint i = 0; i < context->units->len; i++)
    {
      ParYearUnit *year_unit = g_ptr_array_index (context->units, i);
      unit_results[i] = par_year_results_add_unit (results, year_unit->block,
                                                   year_unit->code, year_unit->name);
      g_hash_table_insert (unit_by_id, &year_unit->id, GUINT_TO_POINTER (i + 1));
    }

  stmt = _par_workspace_prepare (self,
                                 "SELECT unit_id, criterion_id, stage, state, points, applicable"
                                 " FROM score WHERE year = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 unit_id = sqlite3_column_int64 (stmt, 0);
      gint64 criterion_id = sqlite3_column_int64 (stmt, 1);
      gpointer leaf_index;

      /* Rows come ordered by unit (the primary key), so the lookup runs
       * once per unit, not once per row. */
      if (unit_id != last_unit_id)
        {
          guint position = GPOINTER_TO_UINT (g_hash_table_lookup (unit_by_id, &unit_id));
          g_assert (position > 0);
          unit = unit_results[position - 1];
          block = g_ptr_array_index (context->blocks, unit->block);
          last_unit_id = unit_id;
        }

      if (!g_hash_table_lookup_extended (block->leaf_index_by_id, &criterion_id, NULL, &leaf_index))
        continue;

      par_year_results_load_entry (results, unit, GPOINTER_TO_UINT (leaf_index),
                                   sqlite3_column_int (stmt, 2),
                                   par_entry_state_from_stored (sqlite3_column_int (stmt, 3)),
                                   sqlite3_column_int64 (stmt, 4),
                                   sqlite3_column_int (stmt, 5) != 0);
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;

  par_year_results_compute (results);
  return g_steal_pointer (&results);
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
