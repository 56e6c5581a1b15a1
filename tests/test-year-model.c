/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <sqlite3.h>
#include <string.h>

#include "cli-run.h"
#include "par-error.h"
#include "par-i18n.h"
#include "par-year-model.h"

/* The year as the window shows it follows the workspace, whoever changes
 * it: this connection, another connection in this process, parindex-cli
 * in another process (noticed by the watch, without being asked). */

typedef struct
{
  char         *dir;
  char         *path;
  ParWorkspace *workspace;
  ParYearModel *model;
  guint         block_changes;
  guint         resets;
  GPtrArray    *reloaded;
} Fixture;

static void
block_changed_cb (ParYearModel *model,
                  guint         block,
                  Fixture      *f)
{
  f->block_changes++;
}

static void
reset_cb (ParYearModel *model,
          Fixture      *f)
{
  f->resets++;
}

static void
unit_reloaded_cb (ParYearModel *model,
                  const char   *code,
                  Fixture      *f)
{
  g_ptr_array_add (f->reloaded, g_strdup (code));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_dir ();
  f->path = g_build_filename (f->dir, "Tiên Phước.parindex", NULL);
  f->reloaded = g_ptr_array_new_with_free_func (g_free);
  make_tien_phuoc (f->path, "2022");

  f->workspace = par_workspace_open (f->path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  par_workspace_watch (f->workspace);
  f->model = par_year_model_new (f->workspace, 2022, &error);
  g_assert_no_error (error);
  g_signal_connect (f->model, "block-changed", G_CALLBACK (block_changed_cb), f);
  g_signal_connect (f->model, "reset", G_CALLBACK (reset_cb), f);
  g_signal_connect (f->model, "unit-reloaded", G_CALLBACK (unit_reloaded_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* A check the model cancelled may still be running on its worker, which
   * holds the workspace until it ends. */
  release_object (f->model);
  par_workspace_close (f->workspace);
  release_object (f->workspace);
  remove_tree (f->dir);
  g_ptr_array_unref (f->reloaded);
  g_free (f->path);
  g_free (f->dir);
}

typedef struct
{
  guint *counter;
  guint  before;
} Change;

static gboolean
changed (gpointer data)
{
  Change *change = data;

  return *change->counter != change->before;
}

/* Runs the main loop until @counter moves past @before (wait_for()).
 * Returns how long it took, in milliseconds. */
static double
wait_for_change (guint *counter,
                 guint  before)
{
  gint64 start = g_get_monotonic_time ();
  Change change = { counter, before };

  wait_for (changed, &change, "the model to change");
  return (g_get_monotonic_time () - start) / 1000.0;
}

static ParMilli
points_of (Fixture    *f,
           const char *code)
{
  ParUnitResult *unit = par_year_model_lookup (f->model, code);

  g_assert_nonnull (unit);
  return unit->points;
}

/* An edit through this connection: the unit's totals and its block's
 * ranks follow at once. */
static void
test_own_edit (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ParMilli before = points_of (f, "TKY");
  guint changes = f->block_changes;

  g_assert_true (par_workspace_set_score (f->workspace, 2022, "TKY", "1.1", PAR_STAGE_APPRAISAL,
                                          "7", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->block_changes, >, changes);
  g_assert_cmpint (points_of (f, "TKY"), ==, before + 7000);
  g_assert_cmpuint (f->reloaded->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->reloaded, 0), ==, "TKY");
  g_assert_cmpuint (f->resets, ==, 0);
}

/* Another connection of this process (a worker's) writes: announced when
 * the workspace looks, as single entries. */
static void
test_other_connection (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParWorkspace) other = par_workspace_open (f->path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  ParMilli before = points_of (f, "TKY");

  g_assert_no_error (error);
  g_assert_true (par_workspace_set_score (other, 2022, "TKY", "3.2", PAR_STAGE_APPRAISAL, "10",
                                          NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (points_of (f, "TKY"), ==, before);

  g_assert_true (par_workspace_check_changes (f->workspace));
  g_assert_cmpint (points_of (f, "TKY"), ==, before + 10000);
  g_assert_cmpuint (f->reloaded->len, ==, 1);
  /* Nothing more to announce; the workspace's own changes are not
   * announced twice. */
  g_assert_false (par_workspace_check_changes (f->workspace));
  g_assert_true (par_workspace_set_score (f->workspace, 2022, "TKY", "3.2", PAR_STAGE_APPRAISAL,
                                          "9", NULL, &error));
  g_assert_cmpuint (f->reloaded->len, ==, 2);
  g_assert_false (par_workspace_check_changes (f->workspace));
  g_assert_cmpuint (f->reloaded->len, ==, 2);
  par_workspace_close (other);
}

/* parindex-cli in another process: noticed through the file monitor (or
 * the poll), without anyone asking; an import is one bulk change, a new
 * unit a reset. */
static void
test_cli_in_another_process (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *scores = g_build_filename (f->dir, "more.csv", NULL);
  g_autofree char *units = g_build_filename (f->dir, "new.csv", NULL);
  ParMilli before = points_of (f, "TKY");
  guint changes = f->block_changes;
  guint resets = f->resets;
  double ms;

  g_assert_true (g_file_set_contents (scores, "unit,criterion,stage,value\n"
                                      "TKY,1.1,appraisal,6\nTKY,7.1,appraisal,4\n", -1, NULL));
  {
    g_auto(Run) run = run_cli ("import-scores", f->path, "2022", scores);
    g_assert_cmpint (run.status, ==, 0);
  }
  ms = wait_for_change (&f->block_changes, changes);
  g_test_message ("the import was noticed %.1f ms after parindex-cli ended", ms);
  g_assert_cmpint (points_of (f, "TKY"), ==, before + 6000 + 4000);

  g_assert_true (g_file_set_contents (units, "code,name,block\nTLA,UBND xã Tiên Lãnh,UBND xã\n", -1,
                                      NULL));
  {
    g_auto(Run) run = run_cli ("add-units", f->path, "2022", units);
    g_assert_cmpint (run.status, ==, 0);
  }
  wait_for_change (&f->resets, resets);
  g_assert_nonnull (par_year_model_lookup (f->model, "TLA"));
}

static gboolean
verified (gpointer model)
{
  return !par_year_model_get_verifying (model);
}

static void
wait_for_verified (Fixture *f)
{
  wait_for (verified, f->model, "the year to be verified");
}

/* A year published elsewhere shows as published; once changed in the
 * file behind ParIndex, it says so. */
static void
test_published_elsewhere (Fixture       *f,
                          gconstpointer  data)
{
  guint resets = f->resets;
  guint changes = f->block_changes;
  sqlite3 *db = NULL;

  g_assert_false (par_year_model_get_published (f->model));
  {
    g_auto(Run) run = run_cli ("publish", f->path, "2022", "--decision-number", "215/QĐ-UBND",
                               "--decision-date", "2023-01-12");
    g_assert_cmpint (run.status, ==, 0);
  }
  wait_for_change (&f->block_changes, changes);
  g_assert_cmpuint (f->resets, ==, resets);
  g_assert_true (par_year_model_get_published (f->model));
  wait_for_verified (f);
  g_assert_null (par_year_model_get_integrity_error (f->model));

  /* A total changed behind ParIndex: no audit record says what changed,
   * so every published year is looked at again. */
  changes = f->block_changes;
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE unit_total SET points = points + 1000"
                                 " WHERE unit_id = (SELECT id FROM unit WHERE code = 'TCH')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  wait_for_change (&f->block_changes, changes);
  wait_for_verified (f);
  g_assert_nonnull (par_year_model_get_integrity_error (f->model));
  g_assert_nonnull (strstr (par_year_model_get_integrity_error (f->model), "TCH"));
}

int
main (int   argc,
      char *argv[])
{
  par_i18n_init ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/par/year-model/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("own-edit", test_own_edit);
  ADD ("other-connection", test_other_connection);
  ADD ("cli-in-another-process", test_cli_in_another_process);
  ADD ("published-elsewhere", test_published_elsewhere);

#undef ADD

  return g_test_run ();
}
