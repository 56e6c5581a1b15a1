/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cli-run.h"
#include "evidence-fixtures.h"
#include "par-error.h"
#include "par-evidence.h"
#include "par-i18n.h"
#include "par-workspace.h"

/* One workspace, many hands: a process that keeps a workspace open (the
 * window) and parindex-cli writing the same file. Nothing else in the
 * first process can take its locks away, and neither loses the other's
 * work. */

typedef WorkspaceFixture Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  workspace_fixture_init (f, "Sở Nội vụ.parindex");
  f->workspace = test_workspace_open (f->path, PAR_WORKSPACE_CREATE_NEW);
  load_tien_phuoc (f->workspace, 2022);
}

/* What any other part of the process may do to the workspace file at any
 * time: a file chooser showing its folder reads the first bytes to guess
 * its type, then closes it. With POSIX record locks, that close drops
 * every lock the process holds on the file. */
static void
glance_at_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_assert_nonnull (info);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 0);
}

/* The size of @path, or -1 when it does not exist. */
static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;
}

static char *
get_explanation (ParWorkspace *workspace,
                 const char   *criterion)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  gboolean requested;

  g_assert_true (par_workspace_get_explanation (workspace, 2022, "TCH", criterion, &requested,
                                                &text, &error));
  g_assert_no_error (error);
  return text;
}

/* The scenario of issue 10, point 6: with the workspace open here, its
 * file is glanced at, then parindex-cli attaches a document to the same
 * workspace; this process then saves an explanation. Nothing of either
 * is lost, the -wal and -shm this process uses are not deleted under it,
 * and after closing, the workspace file alone holds everything. */
static void
test_glance_then_cli_writes (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "Kế hoạch 15.pdf", NULL);
  g_autofree char *deleted = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  g_assert_true (par_workspace_set_explanation (f->workspace, 2022, "TCH", "1.1", FALSE,
                                                "Kế hoạch ban hành muộn", &error));
  g_assert_no_error (error);

  glance_at_file (f->path);
  evidence_fixture_pdf (pdf, 2, 595, 842, "Kế hoạch");
  {
    g_auto(Run) run = run_cli ("attach", f->path, "2022", "TCH", "1.2", pdf);
    g_assert_cmpint (run.status, ==, 0);
  }

  deleted = test_find_deleted_workspace_file (f->path);
  g_assert_null (deleted);

  g_assert_true (par_workspace_set_explanation (f->workspace, 2022, "TCH", "2.1", FALSE,
                                                "Báo cáo đã nộp", &error));
  g_assert_no_error (error);
  evidence = par_workspace_list_evidence (f->workspace, 2022, "TCH", "1.2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evidence->len, ==, 1);
  g_clear_pointer (&evidence, g_ptr_array_unref);

  /* A clean close leaves the workspace file complete on its own. */
  par_workspace_close (f->workspace);
  g_clear_object (&f->workspace);
  g_assert_cmpint (file_size (wal), <=, 0);

  f->workspace = par_workspace_open (f->path, PAR_WORKSPACE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  first = get_explanation (f->workspace, "1.1");
  second = get_explanation (f->workspace, "2.1");
  g_assert_cmpstr (first, ==, "Kế hoạch ban hành muộn");
  g_assert_cmpstr (second, ==, "Báo cáo đã nộp");
  evidence = par_workspace_list_evidence (f->workspace, 2022, "TCH", "1.2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evidence->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  par_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/par/sharing/glance-then-cli-writes", Fixture, NULL, fixture_set_up,
              test_glance_then_cli_writes, workspace_fixture_tear_down);

  return g_test_run ();
}
