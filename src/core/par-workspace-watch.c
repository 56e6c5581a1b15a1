/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace-watch"

#include "config.h"

#include <string.h>

#include "par-workspace-private.h"

/*
 * Changes made by other connections — parindex-cli, another window, a
 * worker of this program with a connection of its own — noticed and
 * announced with the workspace's own signals, as if made here.
 *
 * SQLite's data_version changes when another connection commits; it is
 * read when the workspace's folder changes (a file monitor on the file and
 * its -wal) and, for folders that send no events (network shares), every
 * second. What changed is read from the audit records written since the
 * last look: every change leaves one. Records this connection wrote were
 * announced when it wrote them, and are skipped.
 */

/* More score records than this for a year announce the year as changed
 * in bulk rather than entry by entry. */
#define MAX_SINGLE_CHANGES 64

struct _ParWorkspaceWatch
{
  ParWorkspace *workspace;      /* borrowed: owns the watch */
  GFileMonitor *monitor;
  char         *basename;
  char         *wal_basename;
  guint         poll_source;
  guint         check_source;
  gint64        data_version;
  gint64        last_seen;      /* the last record announced */
  GArray       *own;            /* gint64 pairs: records this connection wrote */
};

static gint64
query_int64 (ParWorkspace *self,
             const char   *sql)
{
  g_autoptr(sqlite3_stmt) stmt = _par_workspace_prepare (self, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
is_own (ParWorkspaceWatch *watch,
        gint64             id)
{
  for (guint i = 0; i + 1 < watch->own->len; i += 2)
    if (id >= g_array_index (watch->own, gint64, i) && id <= g_array_index (watch->own, gint64, i + 1))
      return TRUE;
  return FALSE;
}

static void
forget_own_up_to (ParWorkspaceWatch *watch,
                  gint64             id)
{
  guint kept = 0;

  for (guint i = 0; i + 1 < watch->own->len; i += 2)
    if (g_array_index (watch->own, gint64, i + 1) > id)
      {
        g_array_index (watch->own, gint64, kept) = g_array_index (watch->own, gint64, i);
        g_array_index (watch->own, gint64, kept + 1) = g_array_index (watch->own, gint64, i + 1);
        kept += 2;
      }
  g_array_set_size (watch->own, kept);
}

typedef struct
{
  int        year;
  gboolean   bulk;          /* more than single entries changed */
  gboolean   evidence;      /* documents of several units changed */
  GPtrArray *scores;        /* char* triples: unit, criterion, stage */
  GPtrArray *evidence_of;   /* char* pairs: unit, criterion */
  GPtrArray *explained;     /* char* pairs: unit, criterion */
  GPtrArray *cycled;        /* char*: units whose packages, reviews or
                             * extensions changed ("" the year's deadlines) */
} YearChanges;

static void
year_changes_free (gpointer data)
{
  YearChanges *changes = data;

  g_ptr_array_unref (changes->scores);
  g_ptr_array_unref (changes->evidence_of);
  g_ptr_array_unref (changes->explained);
  g_ptr_array_unref (changes->cycled);
  g_free (changes);
}

static YearChanges *
changes_for (GHashTable *by_year,
             int         year)
{
  YearChanges *changes = g_hash_table_lookup (by_year, GINT_TO_POINTER (year));

  if (changes == NULL)
    {
      changes = g_new0 (YearChanges, 1);
      changes->year = year;
      changes->scores = g_ptr_array_new_with_free_func (g_free);
      changes->evidence_of = g_ptr_array_new_with_free_func (g_free);
      changes->explained = g_ptr_array_new_with_free_func (g_free);
      changes->cycled = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (by_year, GINT_TO_POINTER (year), changes);
    }
  return changes;
}

static gboolean
is_action (const char *action,
           const char *name)
{
  return g_str_has_prefix (action, name) &&
         (action[strlen (name)] == '\0' || action[strlen (name)] == ' ');
}

/* Sorts one record into the changes of its year. */
static void
note_record (GHashTable *by_year,
             int         year,
             const char *unit,
             const char *criterion,
             int         stage,
             const char *origin)
{
  const char *colon = strchr (origin, ':');
  const char *action = colon != NULL ? colon + 1 : origin;
  YearChanges *changes = changes_for (by_year, year);

  if (is_action (action, "explanation"))
    {
      g_ptr_array_add (changes->explained, g_strdup (unit));
      g_ptr_array_add (changes->explained, g_strdup (criterion));
    }
  else if (is_action (action, "attach") || is_action (action, "link") ||
           is_action (action, "unlink") || is_action (action, "evidence-pages"))
    {
      g_ptr_array_add (changes->evidence_of, g_strdup (unit));
      g_ptr_array_add (changes->evidence_of, g_strdup (criterion));
    }
  else if (is_action (action, "document"))
    changes->evidence = TRUE;
  else if (is_action (action, "review") || is_action (action, "request") ||
           is_action (action, "deadline") || is_action (action, "extension") ||
           is_action (action, "submit") || is_action (action, "return") ||
           (is_action (action, "receive") && criterion[0] == '\0'))
    {
      /* The cycle between desks (par-cycle.h); a request is an
       * explanation's mark too. */
      if (!g_ptr_array_find_with_equal_func (changes->cycled, unit, g_str_equal, NULL))
        g_ptr_array_add (changes->cycled, g_strdup (unit));
      if (is_action (action, "request"))
        {
          g_ptr_array_add (changes->explained, g_strdup (unit));
          g_ptr_array_add (changes->explained, g_strdup (criterion));
        }
    }
  else if (stage >= 0 && criterion[0] != '\0' && !changes->bulk)
    {
      g_ptr_array_add (changes->scores, g_strdup (unit));
      g_ptr_array_add (changes->scores, g_strdup (criterion));
      g_ptr_array_add (changes->scores, g_strdup_printf ("%d", stage));
      if (changes->scores->len > 3 * MAX_SINGLE_CHANGES)
        changes->bulk = TRUE;
    }
  else
    /* Units, blocks, publication, imports of units: the year as a whole. */
    changes->bulk = TRUE;
}

static void
announce (ParWorkspace *self,
          YearChanges  *changes,
          GArray       *years)
{
  if (changes->year == 0)
    {
      /* Documents' details: every year that links them. */
      for (guint i = 0; years != NULL && i < years->len; i++)
        _par_workspace_emit_evidence_changed (self, g_array_index (years, int, i), NULL, NULL);
      return;
    }

  if (changes->bulk)
    _par_workspace_emit_changed (self, changes->year);
  else
    for (guint i = 0; i + 2 < changes->scores->len; i += 3)
      _par_workspace_emit_score_changed (self, changes->year, changes->scores->pdata[i],
                                         changes->scores->pdata[i + 1],
                                         atoi (changes->scores->pdata[i + 2]));

  if (changes->evidence)
    _par_workspace_emit_evidence_changed (self, changes->year, NULL, NULL);
  for (guint i = 0; i + 1 < changes->evidence_of->len; i += 2)
    _par_workspace_emit_evidence_changed (self, changes->year, changes->evidence_of->pdata[i],
                                          changes->evidence_of->pdata[i + 1]);
  for (guint i = 0; i + 1 < changes->explained->len; i += 2)
    _par_workspace_emit_explanation_changed (self, changes->year, changes->explained->pdata[i],
                                             changes->explained->pdata[i + 1]);
  for (guint i = 0; i < changes->cycled->len; i++)
    {
      const char *unit = changes->cycled->pdata[i];
      _par_workspace_emit_cycle_changed (self, changes->year, unit[0] != '\0' ? unit : NULL);
    }
}

/**
 * par_workspace_check_changes:
 * @self: a watched #ParWorkspace (par_workspace_watch())
 *
 * Looks at once whether another connection committed changes, and
 * announces them with the workspace's signals (#ParWorkspace::score-changed
 * for single entries, #ParWorkspace::changed for a year changed in bulk,
 * #ParWorkspace::evidence-changed, #ParWorkspace::explanation-changed,
 * #ParWorkspace::setting-changed).
 *
 * Returns: whether there were changes
 */
gboolean
par_workspace_check_changes (ParWorkspace *self)
{
  ParWorkspaceWatch *watch;
  g_autoptr(sqlite3_stmt) records = NULL;
  g_autoptr(GHashTable) by_year = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GPtrArray) settings = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;
  gboolean bulk = FALSE;
  gint64 version;
  gint64 last = -1;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);

  watch = _par_workspace_get_watch (self);
  if (watch == NULL || _par_workspace_get_db (self) == NULL)
    return FALSE;

  version = query_int64 (self, "PRAGMA data_version");
  if (version == watch->data_version)
    return FALSE;
  watch->data_version = version;

  by_year = g_hash_table_new_full (NULL, NULL, NULL, year_changes_free);
  records = _par_workspace_prepare (self,
                                    "SELECT id, year, unit_code, criterion_code, stage,"
                                    " origin, detail FROM audit WHERE id > ? ORDER BY id", NULL);
  if (records == NULL)
    return FALSE;
  sqlite3_bind_int64 (records, 1, watch->last_seen);
  while (sqlite3_step (records) == SQLITE_ROW)
    {
      const char *origin = (const char *) sqlite3_column_text (records, 5);
      const char *colon = strchr (origin, ':');

      last = sqlite3_column_int64 (records, 0);
      if (is_own (watch, last))
        continue;
      /* A workspace setting (par-workspace-settings.c): no year's data. */
      if (is_action (colon != NULL ? colon + 1 : origin, "setting"))
        {
          const char *key = (const char *) sqlite3_column_text (records, 6);

          if (key != NULL &&
              !g_ptr_array_find_with_equal_func (settings, key, g_str_equal, NULL))
            g_ptr_array_add (settings, g_strdup (key));
          continue;
        }
      note_record (by_year, sqlite3_column_int (records, 1),
                   (const char *) sqlite3_column_text (records, 2),
                   (const char *) sqlite3_column_text (records, 3),
                   sqlite3_column_int (records, 4),
                   origin);
    }
  g_clear_pointer (&records, sqlite3_finalize);
  if (last >= 0)
    {
      watch->last_seen = last;
      forget_own_up_to (watch, last);
    }
  for (guint i = 0; i < settings->len; i++)
    _par_workspace_emit_setting_changed (self, settings->pdata[i]);
  if (g_hash_table_size (by_year) == 0 && settings->len > 0)
    return TRUE;
  if (g_hash_table_size (by_year) == 0)
    {
      /* A commit that left no record was not made by ParIndex: every
       * published year is looked at again (its data may no longer match
       * what was published). */
      years = par_workspace_list_years (self, NULL);
      _par_workspace_forget_all (self);
      for (guint i = 0; years != NULL && i < years->len; i++)
        if (par_workspace_is_published (self, g_array_index (years, int, i), NULL))
          _par_workspace_emit_changed (self, g_array_index (years, int, i));
      return TRUE;
    }

  /* What the workspace keeps of a year changed in bulk is read again. */
  g_hash_table_iter_init (&iter, by_year);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    bulk = bulk || ((YearChanges *) value)->bulk;
  if (bulk)
    _par_workspace_forget_all (self);

  years = par_workspace_list_years (self, NULL);
  g_hash_table_iter_init (&iter, by_year);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    announce (self, value, years);
  return TRUE;
}

static gboolean
check_cb (gpointer data)
{
  ParWorkspace *self = data;
  ParWorkspaceWatch *watch = _par_workspace_get_watch (self);

  watch->check_source = 0;
  par_workspace_check_changes (self);
  return G_SOURCE_REMOVE;
}

static gboolean
poll_cb (gpointer data)
{
  par_workspace_check_changes (data);
  return G_SOURCE_CONTINUE;
}

static void
folder_changed_cb (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other,
                   GFileMonitorEvent  event,
                   gpointer           data)
{
  ParWorkspace *self = data;
  ParWorkspaceWatch *watch = _par_workspace_get_watch (self);
  g_autofree char *basename = g_file_get_basename (file);

  if (!g_str_equal (basename, watch->basename) && !g_str_equal (basename, watch->wal_basename))
    return;
  /* A commit writes several times: look once they are done. */
  if (watch->check_source == 0)
    watch->check_source = g_timeout_add (5, check_cb, self);
}

/**
 * par_workspace_watch:
 * @self: a #ParWorkspace
 *
 * Starts announcing the changes other connections commit to the
 * workspace, on the thread-default main context (the window does this).
 */
void
par_workspace_watch (ParWorkspace *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  ParWorkspaceWatch *watch;

  g_return_if_fail (PAR_IS_WORKSPACE (self));

  if (_par_workspace_get_watch (self) != NULL)
    return;

  watch = g_new0 (ParWorkspaceWatch, 1);
  watch->workspace = self;
  watch->own = g_array_new (FALSE, FALSE, sizeof (gint64));
  watch->data_version = query_int64 (self, "PRAGMA data_version");
  watch->last_seen = MAX (query_int64 (self, "SELECT coalesce (max (id), 0) FROM audit"), 0);
  _par_workspace_set_watch (self, watch);

  file = g_file_new_for_path (par_workspace_get_path (self));
  folder = g_file_get_parent (file);
  watch->basename = g_file_get_basename (file);
  watch->wal_basename = g_strconcat (watch->basename, "-wal", NULL);
  watch->monitor = folder != NULL ? g_file_monitor_directory (folder, G_FILE_MONITOR_NONE, NULL,
                                                              NULL) : NULL;
  if (watch->monitor != NULL)
    {
      g_file_monitor_set_rate_limit (watch->monitor, 0);
      g_signal_connect (watch->monitor, "changed", G_CALLBACK (folder_changed_cb), self);
    }
  watch->poll_source = g_timeout_add_seconds (1, poll_cb, self);
}

/* Records this connection wrote, from @first to @last: already announced. */
void
_par_workspace_watch_note_own (ParWorkspaceWatch *watch,
                               gint64             first,
                               gint64             last)
{
  if (watch == NULL || last < first)
    return;
  g_array_append_val (watch->own, first);
  g_array_append_val (watch->own, last);
}

void
_par_workspace_watch_free (ParWorkspaceWatch *watch)
{
  if (watch == NULL)
    return;
  if (watch->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (watch->monitor, watch->workspace);
      g_file_monitor_cancel (watch->monitor);
      g_object_unref (watch->monitor);
    }
  g_clear_handle_id (&watch->poll_source, g_source_remove);
  g_clear_handle_id (&watch->check_source, g_source_remove);
  g_array_unref (watch->own);
  g_free (watch->basename);
  g_free (watch->wal_basename);
  g_free (watch);
}
