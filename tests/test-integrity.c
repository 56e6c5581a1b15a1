/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "cli-run.h"
#include "par-i18n.h"
#include "par-schema.h"
#include "par-workspace.h"

/* A published year that proves itself (FORMATS.md §7), through
 * parindex-cli: verify, and results, export and dossier refusing (exit 5,
 * nothing written) a published year whose data were changed in the file. */

/* The workspace's path is f->path; f->path stays NULL. */
typedef WorkspaceFixture Fixture;

static void
assert_run (Run        *run,
            int         status)
{
  if (run->status != status)
    g_test_message ("exit %d, stderr: %s", run->status, run->err);
  g_assert_cmpint (run->status, ==, status);
}

/* Tiên Phước 2022, published by decision 215/QĐ-UBND when @data says so. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  workspace_fixture_init (f, "Tiên Phước.parindex");
  make_tien_phuoc (f->path, "2022");
  if (GPOINTER_TO_INT (data))
    RUN_OK ("publish", f->path, "2022", "--decision-number", "215/QĐ-UBND",
            "--decision-date", "2023-01-12");
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
test_verify_whole (Fixture       *f,
                   gconstpointer  data)
{
  {
    g_auto(Run) run = run_cli ("verify", f->path);
    assert_run (&run, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "2022: published by decision 215/QĐ-UBND of 2023-01-12; "
                                       "2 units match fingerprint"));
    g_assert_nonnull (strstr (run.out, "audit log whole"));
  }
  {
    g_auto(Run) run = run_cli ("verify", f->path, "2022");
    assert_run (&run, EXIT_OK);
  }
  {
    g_auto(Run) run = run_cli ("verify", f->path, "2021");
    assert_run (&run, EXIT_INVALID);
  }
  /* Every record has its hash; the chain's head counts them. */
  g_assert_cmpint (test_query_int (f->path, "SELECT count(*) FROM audit WHERE hash IS NULL"), ==, 0);
  g_assert_cmpint (test_query_int (f->path, "SELECT count FROM audit_head WHERE year = 2022"), ==,
                   test_query_int (f->path, "SELECT count(*) FROM audit WHERE year = 2022"));
}

typedef struct
{
  const char *name;
  const char *sql;
  const char *message;   /* a part of what parindex-cli says */
  const char *or_message;  /* (nullable) or this, where two checks see it */
} Tampering;

static const Tampering tamperings[] = {
  { "score",
    "UPDATE score SET points = points + 500, value = 'x' WHERE year = 2022 AND stage = 1"
    " AND unit_id = (SELECT id FROM unit WHERE code = 'TCH')"
    " AND criterion_id = (SELECT min (criterion_id) FROM score WHERE year = 2022 AND stage = 1)",
    "are not what its score entries give" },
  { "total",
    "UPDATE unit_total SET points = points + 1000 WHERE year = 2022"
    " AND unit_id = (SELECT id FROM unit WHERE code = 'TCH')",
    "are not what its score entries give" },
  /* The unit's field sums (points, max) all zero; then cut short. */
  { "field-total",
    "UPDATE unit_total SET fields = zeroblob (length (fields)) WHERE year = 2022"
    " AND unit_id = (SELECT id FROM unit WHERE code = 'TCH')",
    "are not what its score entries give" },
  { "field-total-cut",
    "UPDATE unit_total SET fields = substr (fields, 1, length (fields) - 16) WHERE year = 2022"
    " AND unit_id = (SELECT id FROM unit WHERE code = 'TCH')",
    "are not what its score entries give" },
  { "published-flag",
    "UPDATE decision SET published_at = NULL, fingerprint = NULL WHERE year = 2022",
    "the workspace now says it is not" },
  { "fingerprint",
    "UPDATE decision SET fingerprint = '0000000000000000000000000000000000000000000000000000000000000000'"
    " WHERE year = 2022",
    "is not the one recorded when it was published" },
  { "audit-edit",
    "DROP TRIGGER audit_append_only_update;"
    "UPDATE audit SET new_value = '10' WHERE id = (SELECT min (id) FROM audit WHERE year = 2022)",
    "does not match its hash" },
  { "audit-delete",
    "DROP TRIGGER audit_append_only_delete;"
    "DELETE FROM audit WHERE id = (SELECT min (id) FROM audit WHERE year = 2022)",
    "does not match its hash" },
  { "audit-tail",
    "DROP TRIGGER audit_append_only_delete;"
    "DELETE FROM audit WHERE id = (SELECT max (id) FROM audit WHERE year = 2022)",
    /* The last record is the publication itself. */
    "records were removed", "holds no publication of it" },
  { "audit-forged",
    "INSERT INTO audit (at, user, year, unit_code, criterion_code, stage, old_value, new_value,"
    " origin) VALUES ('2023-02-01T00:00:00Z', 'x', 2022, 'TCH', '1.1', 1, '9.47', '10', 'cli:edit')",
    "does not match its hash" },
};

/* Each tampering: verify, results, export and dossier exit 5 and say
 * what no longer matches; nothing is written, an existing file stays. */
static void
assert_says (const Tampering *tampering,
             const char      *err)
{
  g_assert_true (strstr (err, tampering->message) != NULL ||
                 (tampering->or_message != NULL && strstr (err, tampering->or_message) != NULL));
}

static void
test_tampered (Fixture       *f,
               gconstpointer  data)
{
  const Tampering *tampering = data;
  g_autofree char *xlsx = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *zip = NULL;
  g_autofree char *kept = NULL;

  fixture_set_up (f, GINT_TO_POINTER (TRUE));
  xlsx = g_build_filename (f->dir, "annex.xlsx", NULL);
  pdf = g_build_filename (f->dir, "annex.pdf", NULL);
  zip = g_build_filename (f->dir, "dossier.zip", NULL);
  g_assert_true (g_file_set_contents (pdf, "an earlier annex", -1, NULL));
  exec_sql (f->path, tampering->sql);

  {
    g_auto(Run) run = run_cli ("verify", f->path);
    assert_run (&run, EXIT_INTEGRITY);
    assert_says (tampering, run.err);
  }
  {
    g_auto(Run) run = run_cli ("results", f->path, "2022", "--format", "json");
    assert_run (&run, EXIT_INTEGRITY);
    g_assert_cmpstr (run.out, ==, "");
    assert_says (tampering, run.err);
  }
  {
    g_auto(Run) run = run_cli ("export", f->path, "2022", "--out", xlsx);
    assert_run (&run, EXIT_INTEGRITY);
    g_assert_false (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) run = run_cli ("export", f->path, "2022", "--out", pdf);
    assert_run (&run, EXIT_INTEGRITY);
    g_assert_true (g_file_get_contents (pdf, &kept, NULL, NULL));
    g_assert_cmpstr (kept, ==, "an earlier annex");
  }
  {
    g_auto(Run) run = run_cli ("dossier", f->path, "2022", "TCH", "--out", zip);
    assert_run (&run, EXIT_INTEGRITY);
    g_assert_false (g_file_test (zip, G_FILE_TEST_EXISTS));
  }
}

static void
tampered_set_up (Fixture       *f,
                 gconstpointer  data)
{
  /* The fixture is made by the test, once it knows the tampering. */
  memset (f, 0, sizeof *f);
}

/* publish racing a large import (issue 10, point 9): either the import
 * commits first and the fingerprint covers it, or publish does and the
 * import is refused (exit 4) with nothing of it written; never an import
 * landing in a frozen year. */
static void
test_publish_races_import (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *units = g_build_filename (f->dir, "many.units.csv", NULL);
  g_autofree char *scores = g_build_filename (f->dir, "many.scores.csv", NULL);
  g_autoptr(GString) units_csv = g_string_new ("code,name,block\n");
  g_autoptr(GString) scores_csv = g_string_new ("unit,criterion,stage,value\n");
  const guint n_units = 3000;
  const guint delays_ms[] = { 0, 30, 80, 150, 250 };

  for (guint i = 0; i < n_units; i++)
    {
      g_string_append_printf (units_csv, "U%05u,UBND xã số %u,UBND xã\n", i, i);
      for (guint s = 0; s < 2; s++)
        {
          const char *stage = s == 0 ? "self" : "appraisal";
          g_string_append_printf (scores_csv,
                                  "U%05u,1.1,%s,%u.5\nU%05u,1.2,%s,Chậm\nU%05u,2.1,%s,có\n"
                                  "U%05u,3.1,%s,97\nU%05u,3.2,%s,%u\nU%05u,4.1,%s,1\n"
                                  "U%05u,6.1,%s,80\nU%05u,7.1,%s,5\nU%05u,7.2,%s,không\n",
                                  i, stage, i % 10, i, stage, i, stage, i, stage, i, stage,
                                  i % 12, i, stage, i, stage, i, stage, i, stage);
        }
    }
  g_assert_true (g_file_set_contents (units, units_csv->str, -1, NULL));
  g_assert_true (g_file_set_contents (scores, scores_csv->str, -1, NULL));

  for (guint round = 0; round < G_N_ELEMENTS (delays_ms); round++)
    {
      g_autofree char *workspace = g_strdup_printf ("%s/race-%u.parindex", f->dir, round);
      g_autofree char *criteria = test_data_path ("tien-phuoc.criteria.json");
      g_autoptr(GSubprocess) import = NULL;
      g_auto(Run) imported = { 0 };
      g_auto(Run) published = { 0 };
      g_auto(Run) verified = { 0 };

      RUN_OK ("init", workspace);
      RUN_OK ("add-year", workspace, "2022", "--criteria", criteria, "--block", "UBND xã");
      RUN_OK ("add-units", workspace, "2022", units);

      import = run_cli_spawn ((const char * const[]) { "import-scores", workspace, "2022", scores,
                                                       NULL });
      g_usleep (delays_ms[round] * 1000);
      published = run_cli ("publish", workspace, "2022", "--decision-number", "1/QĐ",
                           "--decision-date", "2023-01-12");
      imported = run_cli_wait (import);
      g_test_message ("round %u (%u ms): import exit %d, publish exit %d", round,
                      delays_ms[round], imported.status, published.status);

      assert_run (&published, EXIT_OK);
      g_assert_true (imported.status == EXIT_OK || imported.status == EXIT_FROZEN);
      if (imported.status == EXIT_FROZEN)
        g_assert_cmpint (test_query_int (workspace, "SELECT count(*) FROM score"), ==, 0);
      else
        g_assert_cmpint (test_query_int (workspace, "SELECT count(*) FROM score"), ==, n_units * 18);

      /* Whatever the order, the published fingerprint is the data's. */
      verified = run_cli ("verify", workspace, "2022");
      assert_run (&verified, EXIT_OK);
    }
}

/* A workspace of schema 6, whose audit records were not chained: opening
 * it to change chains them once, in the order they were written (a
 * command that only reads checks the chain of an up-to-date copy), and
 * from then on an edited old record is found. */
static void
test_migration_chains_old_records (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *old = g_build_filename (f->dir, "schema-6.parindex", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (old, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  g_assert_true (par_schema_migrate (db, 6, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO year VALUES (2021);"
                                 "INSERT INTO audit (at, user, year, unit_code, criterion_code, stage,"
                                 " old_value, new_value, origin) VALUES"
                                 " ('2022-01-05T08:00:00Z', 'clerk', 2021, 'TCH', '1.1', 0, NULL, '9', 'edit'),"
                                 " ('2022-01-05T08:01:00Z', 'clerk', 2021, 'TCH', '1.1', 0, '9', '8', 'edit'),"
                                 " ('2022-01-06T09:00:00Z', 'clerk', 2021, 'TCH', '1.2', 1, NULL, 'Chậm', 'import')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* verify only reads: it checks the chain the migration makes, and the
   * file stays as it was */
  {
    g_auto(Run) run = run_cli ("verify", old);
    assert_run (&run, EXIT_OK);
    g_assert_nonnull (strstr (run.out, "2021: not published; audit log whole (3 records)"));
  }
  g_assert_cmpint (test_query_int (old, "PRAGMA user_version"), ==, 6);

  /* opened to change, it is brought up to date */
  {
    g_autoptr(ParWorkspace) workspace = par_workspace_open (old, PAR_WORKSPACE_OPEN_EXISTING,
                                                            &error);

    g_assert_no_error (error);
    par_workspace_close (workspace);
  }
  g_assert_cmpint (test_query_int (old, "SELECT count(*) FROM audit WHERE hash IS NULL"), ==, 0);

  /* A record with its hash can no longer be changed through SQL... */
  db = NULL;
  g_assert_cmpint (sqlite3_open_v2 (old, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET new_value = '10' WHERE id = 2", NULL, NULL,
                                 NULL), !=, SQLITE_OK);
  sqlite3_close (db);

  /* ...and one changed behind the triggers is found. */
  exec_sql (old, "DROP TRIGGER audit_append_only_update; UPDATE audit SET new_value = '10' WHERE id = 2");
  {
    g_auto(Run) run = run_cli ("verify", old, "2021");
    assert_run (&run, EXIT_INTEGRITY);
    g_assert_nonnull (strstr (run.err, "record 2 ("));
  }
}

int
main (int   argc,
      char *argv[])
{
  par_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/par/integrity/verify-whole", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_verify_whole, workspace_fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (tamperings); i++)
    {
      g_autofree char *path = g_strdup_printf ("/par/integrity/tampered/%s", tamperings[i].name);
      g_test_add (path, Fixture, &tamperings[i], tampered_set_up, test_tampered,
                  workspace_fixture_tear_down);
    }
  g_test_add ("/par/integrity/publish-races-import", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_publish_races_import, workspace_fixture_tear_down);
  g_test_add ("/par/integrity/migration-chains-old-records", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_migration_chains_old_records, workspace_fixture_tear_down);

  return g_test_run ();
}
