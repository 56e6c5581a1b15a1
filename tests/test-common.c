/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "test-common.h"

#include <errno.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <string.h>

/* The path of tests/data/@name. */
char *
test_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* The contents of tests/data/@name. */
char *
test_read_data (const char *name,
                gsize      *length)
{
  g_autofree char *path = test_data_path (name);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

/* A new temporary folder named after the test program. */
char *
test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_path_get_basename (g_get_prgname ());
  g_autofree char *template = g_strdup_printf ("parindex-%s-XXXXXX", program);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes a test's temporary folder with everything in it. */
void
remove_tree (const char *top)
{
  g_autoptr(GDir) dir = g_dir_open (top, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (top, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      /* A worker's connection, closed just before its task returned, may
       * still be removing its -wal and -shm files. */
      else if (g_remove (path) != 0)
        g_assert_cmpint (errno, ==, ENOENT);
    }
  g_assert_cmpint (g_rmdir (top), ==, 0);
}

static char *workdir;

/* One temporary folder for the whole test program, made on first use and
 * removed with everything in it by test_run(). */
const char *
test_workdir (void)
{
  if (workdir == NULL)
    workdir = test_make_dir ();
  return workdir;
}

/* g_test_run(), then the removal of test_workdir()'s folder: a test
 * program leaves nothing behind when it passes (a failed one keeps its
 * files to be looked at). */
int
test_run (void)
{
  int status = g_test_run ();

  if (workdir != NULL)
    {
      remove_tree (workdir);
      g_clear_pointer (&workdir, g_free);
    }
  return status;
}

/* A temporary folder and the path of a workspace named @file_name in it;
 * no workspace yet. */
void
workspace_fixture_init (WorkspaceFixture *f,
                        const char       *file_name)
{
  f->dir = test_make_dir ();
  f->path = g_build_filename (f->dir, file_name, NULL);
  f->workspace = NULL;
}

/* workspace_fixture_init() with "test.parindex", for g_test_add(). */
void
workspace_fixture_set_up (WorkspaceFixture *f,
                          gconstpointer     data)
{
  workspace_fixture_init (f, "test.parindex");
}

/* Closes the workspace, removes the folder. */
void
workspace_fixture_tear_down (WorkspaceFixture *f,
                             gconstpointer     data)
{
  g_clear_object (&f->workspace);
  remove_tree (f->dir);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

/* Opens or creates a workspace, failing the test on any error. */
ParWorkspace *
test_workspace_open (const char           *path,
                     ParWorkspaceOpenMode  mode)
{
  g_autoptr(GError) error = NULL;
  ParWorkspace *workspace = par_workspace_open (path, mode, &error);

  g_assert_no_error (error);
  g_assert_nonnull (workspace);
  return workspace;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @done says so, failing the test after a
 * generous 30 s. The loop wakes every few milliseconds to look again, for
 * what a thread or another process changes without telling the main
 * context. */
void
wait_for (gboolean  (*done) (gpointer),
          gpointer    data,
          const char *what)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (5, wake_cb, NULL);

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

/* For wait_for(): a gboolean (or an int set atomically) that a callback
 * sets. */
gboolean
flag_is_set (gpointer flag)
{
  return g_atomic_int_get ((int *) flag);
}

static gboolean
alone (gpointer object)
{
  return g_atomic_int_get (&G_OBJECT (object)->ref_count) == 1;
}

/* Drops the test's reference to @object once nothing else holds it (a
 * worker's task lets go of its source just after its callback, a window
 * of its widgets after a frame) and checks that it is finalized. */
void
release_object (gpointer object)
{
  wait_for (alone, object, "the last other reference to go");
  g_assert_finalize_object (object);
}

/* Closes a workspace and checks that nothing holds it any more. */
void
test_workspace_close (ParWorkspace *workspace)
{
  release_object (workspace);
}

static GPtrArray *
list_entries (ParWorkspace *workspace,
              int           year,
              const char   *unit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = par_workspace_list_unit_entries (workspace, year, unit, NULL, &error);

  g_assert_no_error (error);
  return entries;
}

static const ParStoredEntry *
find_entry (GPtrArray  *entries,
            const char *criterion,
            ParStage    stage)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const ParStoredEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->leaf->code, criterion) && entry->stage == stage)
        return entry;
    }
  return NULL;
}

/* The entry stored for @unit's @criterion at @stage in @year, or %NULL;
 * valid until the next call. */
const ParStoredEntry *
test_stored_entry (ParWorkspace *workspace,
                   int           year,
                   const char   *unit,
                   const char   *criterion,
                   ParStage      stage)
{
  static GPtrArray *entries;

  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_entries (workspace, year, unit);
  return find_entry (entries, criterion, stage);
}

/* The value of @unit's @criterion at @stage in @year as the file at @path
 * holds it now, read by a connection of its own; %NULL for none. */
char *
test_read_stored_value (const char *path,
                        int         year,
                        const char *unit,
                        const char *criterion,
                        ParStage    stage)
{
  g_autoptr(ParWorkspace) workspace = test_workspace_open (path, PAR_WORKSPACE_OPEN_EXISTING);
  g_autoptr(GPtrArray) entries = list_entries (workspace, year, unit);
  const ParStoredEntry *entry = find_entry (entries, criterion, stage);

  return entry != NULL ? g_strdup (entry->value) : NULL;
}

/* The one number @sql reads from the workspace file at @path, on a
 * read-only connection of its own (a count, a sum, a pragma). */
gint64
test_query_int (const char *path,
                const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* A file of the workspace at @path that this process has open and that
 * was deleted under it (its -wal or -shm removed by a process that wrongly
 * thought it was the last one), or %NULL. */
char *
test_find_deleted_workspace_file (const char *path)
{
#ifdef __linux__
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  g_autofree char *base = g_path_get_basename (path);
  const char *name;

  while (fds != NULL && (name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && strstr (target, base) != NULL && g_str_has_suffix (target, "(deleted)"))
        return g_steal_pointer (&target);
    }
#endif
  return NULL;
}

/* The criteria set of tests/data/@name. */
ParCriteriaSet *
test_criteria_set (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_data_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ParCriteriaSet *set = par_criteria_set_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return set;
}

/* A year (or a block of it) with the criteria set of tests/data/@name. */
void
test_add_year (ParWorkspace *workspace,
               int           year,
               const char   *block,
               const char   *criteria_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParCriteriaSet) set = test_criteria_set (criteria_name);

  g_assert_true (par_workspace_add_year (workspace, year, block, set, &error));
  g_assert_no_error (error);
}

/* Units (FORMATS.md §2) into @year, from a CSV text. */
void
test_import_units (ParWorkspace *workspace,
                   int           year,
                   const char   *csv)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (par_workspace_import_units (workspace, year, csv, strlen (csv), NULL, &error));
  g_assert_no_error (error);
}

/* Score entries (FORMATS.md §3) into @year, from a CSV text. */
void
test_import_scores (ParWorkspace *workspace,
                    int           year,
                    const char   *csv)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (par_workspace_import_scores (workspace, year, csv, strlen (csv), NULL, &error));
  g_assert_no_error (error);
}

/* Writes @contents (@length bytes, -1 for up to its nul) to a file @name
 * in @dir, failing the test on any error. Returns the file's path. */
char *
test_write_file (const char *dir,
                 const char *name,
                 const char *contents,
                 gssize      length)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* The contents of the file at @path, failing the test on any error. */
GBytes *
test_file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* The results of @year, failing the test on any error. */
ParYearResults *
test_compute_results (ParWorkspace *workspace,
                      int           year)
{
  g_autoptr(GError) error = NULL;
  ParYearResults *results;

  results = par_workspace_compute_results (workspace, year, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

/* tests/data/@name into @year: units from a name ending in ".units.csv",
 * score entries from any other. */
void
test_import_file (ParWorkspace *workspace,
                  int           year,
                  const char   *name)
{
  gsize length;
  g_autofree char *contents = test_read_data (name, &length);

  if (g_str_has_suffix (name, ".units.csv"))
    test_import_units (workspace, year, contents);
  else
    test_import_scores (workspace, year, contents);
}

/* The Tiên Phước fixtures (tests/data/tien-phuoc.*) in @year of
 * @workspace through the core: the block "UBND xã", the units TCH
 * (appraised) and TKY (no entry yet). */
void
load_tien_phuoc (ParWorkspace *workspace,
                 int           year)
{
  test_add_year (workspace, year, "UBND xã", "tien-phuoc.criteria.json");
  test_import_file (workspace, year, "tien-phuoc.units.csv");
  test_import_file (workspace, year, "tien-phuoc.scores.csv");
}

/* A workspace file at @path with the Tiên Phước fixtures in @year
 * (load_tien_phuoc()), closed. */
void
make_tien_phuoc_file (const char *path,
                      int         year)
{
  g_autoptr(ParWorkspace) workspace = test_workspace_open (path, PAR_WORKSPACE_CREATE_NEW);

  load_tien_phuoc (workspace, year);
}
