/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-bench-packages"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "evidence-fixtures.h"
#include "par-bench-process.h"
#include "par-criteria-set.h"
#include "par-cycle.h"
#include "par-evidence.h"
#include "par-i18n.h"
#include "par-workspace.h"

/*
 * The packages benchmark (issue 11's budgets), in one run:
 *
 * 1. A unit with 200 MB of scanned evidence (10 incompressible 20 MB PDFs,
 *    one per criterion): copying those files, `parindex-cli submit` and
 *    `parindex-cli receive` (into a fresh copy of the office's workspace),
 *    interleaved A B C A B C … and reported as medians, each in a child
 *    process whose peak memory (wait4) is its own. The copy is done twice:
 *    as a file manager does (g_file_copy) and flushed to disk (fsync), since
 *    `receive` commits its transaction to disk.
 * 2. A province: 120 packages of about 20 MB each, every document distinct,
 *    received in one `parindex-cli receive OFFICE P1 … P120`; with --window
 *    (under Xvfb), then through the window's path into a fresh office
 *    (parindex-bench-receive-window: "Receive Packages…" with its progress,
 *    receipts and board).
 *
 *   ninja -C BUILDDIR bench/parindex-bench-packages
 *   BUILDDIR/bench/parindex-bench-packages [--runs 3] [--units 120] [--skip-province]
 *                                          [--skip-unit] [--window] [--page-size BYTES]
 *
 * It needs about 3 GB of free space in the temporary directory per 120
 * units, and removes everything when done.
 */

#define N_DOCUMENTS   10
#define PAGES         40      /* × 410² × 3 bytes of noise ≈ 20 MB per PDF */
#define IMAGE_SIDE    410

static const char *cli = PARINDEX_CLI;
static int page_size = 0;
static gboolean through_window = FALSE;

static char *
criteria_json (void)
{
  GString *json = g_string_new ("{ \"format\": \"parindex-criteria/1\", \"title\": "
                                "\"Bộ chỉ số đo hiệu năng gói hồ sơ\", \"nodes\": [ "
                                "{ \"code\": \"1\", \"title\": \"Lĩnh vực 1\", \"children\": [");

  for (int i = 1; i <= N_DOCUMENTS; i++)
    g_string_append_printf (json, "%s{ \"code\": \"1.%d\", \"title\": \"Tiêu chí 1.%d\", "
                            "\"max\": 10, \"evidence\": \"Bản quét\" }", i > 1 ? ", " : "", i, i);
  g_string_append (json, "] } ] }");
  return g_string_free (json, FALSE);
}

typedef struct
{
  double seconds;
  double peak_mb;
} Sample;

/* Runs @argv in a child process: wall time and the child's peak memory;
 * what it prints is shown unless @quiet. */
static Sample
run_child_full (const char * const *argv,
                gboolean            quiet)
{
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  GPid pid;
  int status;
  Sample sample;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | (quiet ? G_SPAWN_STDOUT_TO_DEV_NULL : 0) |
                 G_SPAWN_CHILD_INHERITS_STDIN | G_SPAWN_SEARCH_PATH,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  if (wait4 (pid, &status, 0, &usage) < 0)
    g_error ("wait4: %s", g_strerror (errno));
  sample.seconds = (g_get_monotonic_time () - start) / 1e6;
  sample.peak_mb = usage.ru_maxrss / 1024.0;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s failed (status %d)", argv[1], status);
  g_spawn_close_pid (pid);
  return sample;
}

static Sample
run_child (const char * const *argv)
{
  return run_child_full (argv, TRUE);
}

static double
median (GArray *values)
{
  return par_bench_sort_figures (values);
}

static void
remove_tree (const char *top)
{
  g_autoptr(GDir) dir = g_dir_open (top, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (top, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (top);
}

static void
copy_file (const char *from,
           const char *to,
           gboolean    sync)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  if (sync)
    {
      int fd = g_open (to, O_RDONLY, 0);

      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (fsync (fd), ==, 0);
      g_close (fd, NULL);
    }
}

/* The child of a copy phase: every PDF of @from into @to. */
static int
copy_phase (const char *from,
            const char *to,
            gboolean    sync)
{
  g_mkdir_with_parents (to, 0755);
  for (int i = 1; i <= N_DOCUMENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("scan-%02d.pdf", i);
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);

      copy_file (source, target, sync);
    }
  return 0;
}

static void
remove_workspace (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static ParWorkspace *
new_workspace (const char *path,
               const char *units)
{
  g_autofree char *json = criteria_json ();
  g_autoptr(ParCriteriaSet) set = NULL;
  g_autoptr(GError) error = NULL;
  ParWorkspace *workspace;

  set = par_criteria_set_new_from_data (json, -1, &error);
  g_assert_no_error (error);
  if (page_size > 0)
    {
      /* An empty database with that page size: the workspace's schema is
       * then created in it (--page-size, to measure what it buys). */
      g_autofree char *sql = g_strdup_printf ("PRAGMA page_size = %d; VACUUM;", page_size);
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      workspace = par_workspace_open (path, PAR_WORKSPACE_OPEN_EXISTING, &error);
    }
  else
    workspace = par_workspace_open (path, PAR_WORKSPACE_CREATE_NEW, &error);
  g_assert_no_error (error);
  par_workspace_add_year (workspace, 2025, "UBND cấp xã", set, &error);
  g_assert_no_error (error);
  par_workspace_import_units (workspace, 2025, units, strlen (units), NULL, &error);
  g_assert_no_error (error);
  return workspace;
}

static ParWorkspace *
open_or_die (const char *path)
{
  g_autoptr(GError) error = NULL;
  ParWorkspace *workspace = par_workspace_open (path, PAR_WORKSPACE_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  return workspace;
}

static void
attach (ParWorkspace *workspace,
        const char   *unit,
        const char   *criterion,
        const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ParDocumentInfo info = { NULL, "01/BC-UBND", "2025-10-01", "UBND xã" };
  ParEvidence *evidence;

  evidence = par_workspace_attach_evidence (workspace, 2025, unit, criterion, file, &info, NULL,
                                            NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  par_evidence_free (evidence);
}

static void
set_self_scores (ParWorkspace *workspace,
                 const char   *unit)
{
  GString *csv = g_string_new ("unit,criterion,stage,value\n");
  g_autoptr(GError) error = NULL;

  for (int i = 1; i <= N_DOCUMENTS; i++)
    g_string_append_printf (csv, "%s,1.%d,self,%d\n", unit, i, 5 + i % 5);
  par_workspace_import_scores (workspace, 2025, csv->str, csv->len, NULL, &error);
  g_assert_no_error (error);
  g_string_free (csv, TRUE);
}

static gint64
tree_size (const char *dir)
{
  gint64 total = 0;

  for (int i = 1; i <= N_DOCUMENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("scan-%02d.pdf", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      total += st.st_size;
    }
  return total;
}

static void
copy_bytes (const char *from,
            const char *to)
{
  copy_file (from, to, FALSE);
}

/* Part 1: a unit with 200 MB of scans. */
static void
bench_unit (const char *self,
            const char *dir,
            int         runs)
{
  g_autofree char *scans = g_build_filename (dir, "scans", NULL);
  g_autofree char *unit_path = g_build_filename (dir, "unit.parindex", NULL);
  g_autofree char *office_path = g_build_filename (dir, "office.parindex", NULL);
  g_autofree char *office_run = g_build_filename (dir, "office-run.parindex", NULL);
  g_autofree char *package = g_build_filename (dir, "unit.parpkg", NULL);
  g_autofree char *copies = g_build_filename (dir, "copies", NULL);
  g_autoptr(ParWorkspace) unit = NULL;
  g_autoptr(ParWorkspace) office = NULL;
  g_autoptr(GArray) copy_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cp_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sync_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) submit_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) receive_times = g_array_new (FALSE, FALSE, sizeof (double));
  double copy_peak = 0, submit_peak = 0, receive_peak = 0;
  gint64 start = g_get_monotonic_time ();
  gint64 total;
  GStatBuf st;

  g_mkdir_with_parents (scans, 0755);
  for (int i = 1; i <= N_DOCUMENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("scan-%02d.pdf", i);
      g_autofree char *path = g_build_filename (scans, name, NULL);

      evidence_fixture_image_pdf (path, PAGES, IMAGE_SIDE, 1000 + i);
    }
  total = tree_size (scans);
  g_print ("generate    %8.1f s   %d scans, %.1f MB of incompressible PDF\n",
           (g_get_monotonic_time () - start) / 1e6, N_DOCUMENTS, total / 1048576.0);

  start = g_get_monotonic_time ();
  unit = new_workspace (unit_path, "code,name,block\nXA-THU,UBND xã Thử,UBND cấp xã\n");
  set_self_scores (unit, "XA-THU");
  for (int i = 1; i <= N_DOCUMENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("scan-%02d.pdf", i);
      g_autofree char *path = g_build_filename (scans, name, NULL);
      g_autofree char *code = g_strdup_printf ("1.%d", i);

      attach (unit, "XA-THU", code, path);
    }
  g_clear_object (&unit);
  office = new_workspace (office_path, "code,name,block\nXA-THU,UBND xã Thử,UBND cấp xã\n");
  g_clear_object (&office);
  g_print ("attach      %8.1f s   (setup, not part of the budget)\n\n",
           (g_get_monotonic_time () - start) / 1e6);

  for (int run = 0; run < runs; run++)
    {
      g_autofree char *copy_arg = g_strdup_printf ("--phase=copy");
      const char *copy_argv[] = { self, copy_arg, "--from", scans, "--to", copies, NULL };
      const char *sync_argv[] = { self, "--phase=copy-sync", "--from", scans, "--to", copies, NULL };
      const char *cp_argv[] = { "cp", "-r", scans, copies, NULL };
      const char *submit_argv[] = { cli, "submit", unit_path, "2025", "XA-THU", "--out", package,
                                    "--full", NULL };
      const char *receive_argv[] = { cli, "receive", office_run, package, NULL };
      Sample sample;

      /* A: copying the files. */
      remove_tree (copies);
      sample = run_child (copy_argv);
      g_array_append_val (copy_times, sample.seconds);
      copy_peak = MAX (copy_peak, sample.peak_mb);
      remove_tree (copies);
      sample = run_child (sync_argv);
      g_array_append_val (sync_times, sample.seconds);
      remove_tree (copies);
      sample = run_child (cp_argv);
      g_array_append_val (cp_times, sample.seconds);
      remove_tree (copies);

      /* B: submit. */
      g_unlink (package);
      sample = run_child (submit_argv);
      g_array_append_val (submit_times, sample.seconds);
      submit_peak = MAX (submit_peak, sample.peak_mb);

      /* C: receive, into a fresh copy of the office's workspace. */
      remove_workspace (office_run);
      copy_bytes (office_path, office_run);
      sample = run_child (receive_argv);
      g_array_append_val (receive_times, sample.seconds);
      receive_peak = MAX (receive_peak, sample.peak_mb);

      g_print ("run %d       copy %.2f s, copy+fsync %.2f s, cp -r %.2f s, submit %.2f s,"
               " receive %.2f s\n", run + 1, g_array_index (copy_times, double, run),
               g_array_index (sync_times, double, run), g_array_index (cp_times, double, run),
               g_array_index (submit_times, double, run),
               g_array_index (receive_times, double, run));
    }

  g_assert_cmpint (g_stat (package, &st), ==, 0);
  {
    double copy = median (copy_times);
    double sync = median (sync_times);
    double cp = median (cp_times);
    double submit = median (submit_times);
    double receive = median (receive_times);

    g_print ("\nmedians of %d interleaved runs (%.1f MB of scans, package %.1f MB):\n", runs,
             total / 1048576.0, st.st_size / 1048576.0);
    g_print ("  copy the files            %6.2f s   %6.1f MB peak\n", copy, copy_peak);
    g_print ("  copy the files + fsync    %6.2f s\n", sync);
    g_print ("  cp -r                     %6.2f s\n", cp);
    g_print ("  submit                    %6.2f s   %6.1f MB peak   %.2f× copy, %.2f× copy+fsync\n",
             submit, submit_peak, submit / copy, submit / sync);
    g_print ("  receive                   %6.2f s   %6.1f MB peak   %.2f× copy, %.2f× copy+fsync\n",
             receive, receive_peak, receive / copy, receive / sync);
  }
  remove_workspace (office_run);
  remove_workspace (office_path);
  remove_workspace (unit_path);
  g_unlink (package);
  remove_tree (scans);
}

/* Part 2: a province's 120 packages of about 20 MB, received in one go. */
static void
bench_province (const char *dir,
                int         n_units)
{
  g_autofree char *scan = g_build_filename (dir, "province-scan.pdf", NULL);
  g_autofree char *variant = g_build_filename (dir, "province-variant.pdf", NULL);
  g_autofree char *units_path = g_build_filename (dir, "units.parindex", NULL);
  g_autofree char *office_path = g_build_filename (dir, "province.parindex", NULL);
  g_autoptr(GString) units = g_string_new ("code,name,block\n");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ParWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 bytes = 0;
  gsize length;
  Sample sample;

  for (int i = 1; i <= n_units; i++)
    g_string_append_printf (units, "XA-%03d,UBND xã số %d,UBND cấp xã\n", i, i);

  /* One 20 MB scan, made distinct per unit by a comment after its end. */
  evidence_fixture_image_pdf (scan, PAGES, IMAGE_SIDE, 7);
  g_file_get_contents (scan, &pdf, &length, &error);
  g_assert_no_error (error);

  workspace = new_workspace (units_path, units->str);
  for (int i = 1; i <= n_units; i++)
    {
      g_autofree char *code = g_strdup_printf ("XA-%03d", i);
      g_autofree char *trailer = g_strdup_printf ("%%%s\n", code);
      g_autoptr(GString) data = g_string_new_len (pdf, length);

      g_string_append (data, trailer);
      g_file_set_contents (variant, data->str, data->len, &error);
      g_assert_no_error (error);
      set_self_scores (workspace, code);
      attach (workspace, code, "1.1", variant);
    }
  g_clear_object (&workspace);
  g_unlink (variant);
  g_unlink (scan);

  g_ptr_array_add (argv, g_strdup (cli));
  g_ptr_array_add (argv, g_strdup ("receive"));
  g_ptr_array_add (argv, g_strdup (office_path));
  workspace = open_or_die (units_path);
  for (int i = 1; i <= n_units; i++)
    {
      g_autofree char *code = g_strdup_printf ("XA-%03d", i);
      g_autofree char *name = g_strdup_printf ("%s.parpkg", code);
      char *package = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (package);
      g_autoptr(ParPackageSummary) summary = NULL;

      summary = par_workspace_submit (workspace, 2025, code, file, PAR_SUBMIT_NONE, NULL, NULL,
                                      NULL, &error);
      g_assert_no_error (error);
      bytes += summary->size;
      g_ptr_array_add (argv, package);
    }
  g_ptr_array_add (argv, NULL);
  g_clear_object (&workspace);
  remove_workspace (units_path);
  workspace = new_workspace (office_path, units->str);
  g_clear_object (&workspace);
  g_print ("\nprovince    %d packages, %.1f MB in all, made in %.1f s (setup)\n", n_units,
           bytes / 1048576.0, (g_get_monotonic_time () - start) / 1e6);

  sample = run_child ((const char * const *) argv->pdata);
  g_print ("  receive all in one go   %6.1f s   %6.1f MB peak   (%.0f MB/s)\n", sample.seconds,
           sample.peak_mb, bytes / 1048576.0 / sample.seconds);

  if (through_window)
    {
#ifdef PARINDEX_BENCH_RECEIVE_WINDOW
      /* The same packages into a fresh office, through the window. */
      remove_workspace (office_path);
      workspace = new_workspace (office_path, units->str);
      g_clear_object (&workspace);
      g_free (argv->pdata[0]);
      argv->pdata[0] = g_strdup (PARINDEX_BENCH_RECEIVE_WINDOW);
      g_ptr_array_remove_index (argv, 1);   /* "receive" */
      sample = run_child_full ((const char * const *) argv->pdata, FALSE);
      g_print ("  window process          %6.1f s   %6.1f MB peak\n", sample.seconds,
               sample.peak_mb);
      g_ptr_array_insert (argv, 1, g_strdup ("receive"));
#else
      g_print ("  (built without the window: no --window figures)\n");
#endif
    }

  for (guint i = 3; i + 1 < argv->len; i++)
    g_unlink (g_ptr_array_index (argv, i));
  remove_workspace (office_path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *phase = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *self = NULL;
  gboolean skip_province = FALSE;
  gboolean skip_unit = FALSE;
  int runs = 3;
  int n_units = 120;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Interleaved runs (default 3)", "N" },
    { "units", 0, 0, G_OPTION_ARG_INT, &n_units, "Packages of the province (default 120)", "N" },
    { "skip-province", 0, 0, G_OPTION_ARG_NONE, &skip_province, "Only the 200 MB unit", NULL },
    { "skip-unit", 0, 0, G_OPTION_ARG_NONE, &skip_unit, "Only the province", NULL },
    { "window", 0, 0, G_OPTION_ARG_NONE, &through_window,
      "The province through the window's path too (under Xvfb)", NULL },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size,
      "Create the workspaces with this SQLite page size (default: ParIndex's)", "BYTES" },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { "from", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &from, NULL, NULL },
    { "to", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &to, NULL, NULL },
    { NULL }
  };

  par_i18n_init ();
  if (!par_bench_parse_options (entries, &argc, &argv, NULL))
    return 1;
  if (phase != NULL)
    return copy_phase (from, to, g_str_equal (phase, "copy-sync"));

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);
  dir = g_dir_make_tmp ("parindex-bench-packages-XXXXXX", &error);
  g_assert_no_error (error);
  if (page_size > 0)
    g_print ("workspaces with SQLite pages of %d bytes\n", page_size);

  if (!skip_unit)
    bench_unit (self, dir, MAX (runs, 1));
  if (!skip_province)
    bench_province (dir, CLAMP (n_units, 1, 500));
  remove_tree (dir);
  return 0;
}
