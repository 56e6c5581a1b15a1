/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#ifdef G_OS_UNIX
#include <sys/wait.h>
#endif
#include <locale.h>
#ifdef G_OS_UNIX
#include <unistd.h>
#endif

#include "evidence-fixtures.h"
#include "par-annex-pages.h"
#include "par-annex-workbook.h"
#include "par-decision.h"
#include "par-error.h"
#include "par-evidence.h"
#include "par-i18n.h"
#include "par-workspace-export.h"
#include "par-workspace.h"
#include "test-common.h"

/* The decision's annexes as a workbook (issue 5). The workspace is built
 * from tests/data (two years, two blocks, ties, a provisional unit, a unit
 * without an index, units that rose, fell or are new, names that are not
 * valid sheet names); the workbook is written through the core and through
 * parindex-cli export, then read back by tests/check-annex.py with openpyxl
 * and LibreOffice — independent readers — against `results --format json`.
 * The checker needs /usr/bin/python3 with python3-openpyxl and LibreOffice;
 * without them the test fails, it does not skip. */

#define DECISION_NUMBER "123"
#define DECISION_DATE   "2025-02-05"
#define ISSUER          "UBND tỉnh Sông Lam"
#define SIGNER          "Nguyễn Văn A"
#define FINGERPRINT     "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

#define LONG_CODE_1 "DONVI-THU-NGHIEM-TEN-DAI-QUA-GIOI-HAN-1"
#define LONG_CODE_2 "DONVI-THU-NGHIEM-TEN-DAI-QUA-GIOI-HAN-2"

typedef WorkspaceFixture Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  workspace_fixture_init (f, "Sông Lam.parindex");
  f->workspace = test_workspace_open (f->path, PAR_WORKSPACE_CREATE_NEW);
  for (int year = 2024; year <= 2025; year++)
    {
      g_autofree char *units = g_strdup_printf ("annex-%d.units.csv", year);
      g_autofree char *scores = g_strdup_printf ("annex-%d.scores.csv", year);

      test_add_year (f->workspace, year, "Sở, ban, ngành", "departments.criteria.json");
      test_add_year (f->workspace, year, "UBND xã", "tien-phuoc.criteria.json");
      test_import_file (f->workspace, year, units);
      test_import_file (f->workspace, year, scores);
    }
  test_import_file (f->workspace, 2025, "tien-phuoc.scores.csv");
  test_import_file (f->workspace, 2025, "departments.scores.csv");

  /* Evidence: two documents for TCH 1.1, one of them also for HXM 3.2. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("ke-hoach-%u.pdf", i + 1);
      g_autofree char *pdf = g_build_filename (f->dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (pdf);
      g_autoptr(ParEvidence) evidence = NULL;
      g_autoptr(ParEvidence) link = NULL;
      ParDocumentInfo info = { "Kế hoạch CCHC năm 2025", "15/KH-UBND", "2025-01-10", "UBND xã" };

      evidence_fixture_pdf (pdf, 1 + i, 595, 842, name);
      evidence = par_workspace_attach_evidence (f->workspace, 2025, "TCH", "1.1", file, &info, NULL,
                                                NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_remove (pdf), ==, 0);
      if (i == 0)
        {
          link = par_workspace_link_evidence (f->workspace, 2025, "HXM", "3.2",
                                              evidence->document->id, "tr. 2", &error);
          g_assert_no_error (error);
        }
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The files in @path whose names end in @suffix (all of them for %NULL),
 * sorted, joined by spaces; a partial file the writer left behind
 * (".parindex-….part.xlsx") counts too. */
static char *
list_files (const char *path,
            const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (suffix == NULL || g_str_has_suffix (name, suffix))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
list_workbooks (const char *path)
{
  return list_files (path, ".xlsx");
}

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static Run
run_argv (GPtrArray *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { -1, NULL, NULL };

  g_ptr_array_add (argv, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* The test's own locale (C.UTF-8, or vi_VN.UTF-8 in annex-vi_VN): the
   * workbooks parindex-cli writes read the same in both (FORMATS.md §6). */
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &run.out, &run.err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run.status = g_subprocess_get_exit_status (process);
  return run;
}

static const char *
cli_path (void)
{
  const char *cli = g_getenv ("PARINDEX_CLI");

  if (cli == NULL)
    g_error ("PARINDEX_CLI is not set; run the test through meson test");
  return cli;
}

static Run
run_cli (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) cli_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  return run_argv (argv);
}

#define CLI(...) run_cli ((const char * const[]) { __VA_ARGS__, NULL })

/* Runs @checker (tests/check-annex.py with the fixture's criteria sets
 * on a workbook, tests/check-annex-pdf.py on printed pages) on @path with
 * @extra arguments (NULL-terminated); returns its exit status. */
static int
run_checker (Fixture            *f,
             int                 year,
             const char         *checker,
             const char         *path,
             const char * const *extra)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, checker, NULL);
  gboolean pdf = g_str_has_suffix (path, ".pdf");
  g_autofree char *year_text = g_strdup_printf ("%d", year);
  g_autofree char *departments = test_data_path ("departments.criteria.json");
  g_autofree char *communes = test_data_path ("tien-phuoc.criteria.json");
  g_autofree char *departments_arg = g_strconcat ("Sở, ban, ngành=", departments, NULL);
  g_autofree char *communes_arg = g_strconcat ("UBND xã=", communes, NULL);
  g_auto(Run) run = { 0 };
  const char *python = "/usr/bin/python3";

  if (!g_file_test (python, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_fail_printf ("%s is missing: the annex needs Debian's python3 with python3-openpyxl "
                          "(apt-get install python3-openpyxl libreoffice-calc-nogui)", python);
      return -1;
    }

  g_ptr_array_add (argv, (gpointer) python);
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (gpointer) "--cli");
  g_ptr_array_add (argv, (gpointer) cli_path ());
  g_ptr_array_add (argv, (gpointer) "--workspace");
  g_ptr_array_add (argv, f->path);
  g_ptr_array_add (argv, (gpointer) "--year");
  g_ptr_array_add (argv, year_text);
  g_ptr_array_add (argv, (gpointer) (pdf ? "--pdf" : "--xlsx"));
  g_ptr_array_add (argv, (gpointer) path);
  if (!pdf)
    {
      g_ptr_array_add (argv, (gpointer) "--criteria");
      g_ptr_array_add (argv, departments_arg);
      g_ptr_array_add (argv, (gpointer) "--criteria");
      g_ptr_array_add (argv, communes_arg);
    }
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);

  run = run_argv (argv);
  if (run.status != 0)
    g_test_message ("%s (status %d):\n%s%s", checker, run.status, run.out, run.err);
  return run.status;
}

#define CHECK(f, year, xlsx, ...) \
  run_checker (f, year, "check-annex.py", xlsx, (const char * const[]) { __VA_ARGS__, NULL })
#define CHECK_PDF(f, year, pdf, ...) \
  run_checker (f, year, "check-annex-pdf.py", pdf, (const char * const[]) { __VA_ARGS__, NULL })

/* The annexes of @results built and written as a workbook at @path. */
static gboolean
write_workbook (ParWorkspace       *workspace,
                ParYearResults     *results,
                const ParDecision  *decision,
                const char         *fingerprint,
                GStrv               unit_codes,
                const char         *path,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autoptr(ParAnnexDocument) document = NULL;

  document = par_annex_document_build (workspace, results, decision, fingerprint, unit_codes,
                                       cancellable, error);
  return document != NULL &&
         par_annex_workbook_write_document (document, path, NULL, NULL, cancellable, error);
}

static void
test_decision_date (void)
{
  const char *valid[] = { "2025-01-15", "2024-02-29", "1999-12-31" };
  const char *invalid[] = { "2025-02-30", "2025-1-5", "15/01/2025", "2025-13-01", "2025-00-10",
                            "20250115", "2025-01-15x", "", " 2025-01-15" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (par_decision_validate_date (valid[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (par_decision_validate_date (invalid[i], &error));
      g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
      g_assert_null (par_decision_format_date (invalid[i]));
    }
  g_assert_false (par_decision_validate_date (NULL, NULL));
}

/* Nghị định 30/2020: a leading zero for days below 10 and for the months 1
 * and 2 only. */
static void
test_decision_format_date (void)
{
  const struct { const char *iso; const char *text; } cases[] = {
    { "2025-01-15", "ngày 15 tháng 01 năm 2025" },
    { "2025-02-05", "ngày 05 tháng 02 năm 2025" },
    { "2025-03-05", "ngày 05 tháng 3 năm 2025" },
    { "2021-09-24", "ngày 24 tháng 9 năm 2021" },
    { "2024-12-31", "ngày 31 tháng 12 năm 2024" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = par_decision_format_date (cases[i].iso);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_decision_reference (void)
{
  g_autoptr(ParDecision) decision = par_decision_new ();
  g_autoptr(ParDecision) copy = NULL;
  g_autofree char *draft = par_decision_format_reference (decision);
  g_autofree char *full = NULL;
  g_autofree char *symbol = NULL;

  /* A draft shows where the text goes. */
  g_assert_cmpstr (draft, ==, "(Kèm theo Quyết định số …/QĐ-UBND ngày … tháng … năm … của …)");

  decision->number = g_strdup ("123");
  decision->date = g_strdup ("2025-01-15");
  decision->issuer = g_strdup (" UBND tỉnh Sông Lam ");
  copy = par_decision_copy (decision);
  g_clear_pointer (&decision->issuer, g_free);
  full = par_decision_format_reference (copy);
  g_assert_cmpstr (full, ==, "(Kèm theo Quyết định số 123/QĐ-UBND ngày 15 tháng 01 năm 2025 "
                             "của UBND tỉnh Sông Lam)");

  g_free (copy->number);
  copy->number = g_strdup ("45/QĐ-CT");
  symbol = par_decision_format_number (copy);
  g_assert_cmpstr (symbol, ==, "45/QĐ-CT");
}

/* Through the core, with a fingerprint: every sheet, value and layout
 * rule; per-unit sheets for every unit (the year has fewer than 200). */
static void
test_annex_core (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(ParDecision) decision = par_decision_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *xlsx = g_build_filename (f->dir, "Phụ lục 2025.xlsx", NULL);
  g_autofree char *listing = NULL;

  decision->number = g_strdup (DECISION_NUMBER);
  decision->date = g_strdup (DECISION_DATE);
  decision->issuer = g_strdup (ISSUER);
  decision->signer = g_strdup (SIGNER);
  decision->title = g_strdup ("Về việc phê duyệt và công bố Chỉ số CCHC năm 2025");

  results = test_compute_results (f->workspace, 2025);
  g_assert_cmpuint (par_annex_document_count_unit_sheets (results, NULL), ==, 9);

  g_assert_true (write_workbook (f->workspace, results, decision, FINGERPRINT, NULL, xlsx, NULL,
                                 &error));
  g_assert_no_error (error);

  /* Nothing but the workbook is left beside it. */
  listing = list_workbooks (f->dir);
  g_assert_cmpstr (listing, ==, "Phụ lục 2025.xlsx");

  g_assert_cmpint (CHECK (f, 2025, xlsx, "--decision-number", DECISION_NUMBER, "--decision-date",
                          DECISION_DATE, "--issuer", ISSUER, "--signer", SIGNER,
                          "--fingerprint", FINGERPRINT, "--evidence", "TCH:1.1=2",
                          "--evidence", "HXM:3.2=1"), ==, 0);

  /* The checker can fail: the same workbook is not the year before, nor
   * another decision's annex. */
  g_assert_cmpint (CHECK (f, 2024, xlsx, "--decision-number", DECISION_NUMBER, "--decision-date",
                          DECISION_DATE, "--issuer", ISSUER, "--signer", SIGNER,
                          "--fingerprint", FINGERPRINT), !=, 0);
  g_assert_cmpint (CHECK (f, 2025, xlsx, "--decision-number", "124", "--decision-date",
                          DECISION_DATE, "--issuer", ISSUER, "--signer", SIGNER,
                          "--fingerprint", FINGERPRINT), !=, 0);
}

/* Through parindex-cli export, with score sheets for some units only, and
 * a draft decision (no number or date yet). */
static void
test_annex_cli (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *xlsx = g_build_filename (f->dir, "annex.xlsx", NULL);
  g_autofree char *units = g_strdup_printf ("TKY, HXM,%s,%s,SYT", LONG_CODE_1, LONG_CODE_2);
  g_auto(Run) run = CLI ("export", f->path, "2025", "--out", xlsx, "--issuer", ISSUER,
                         "--units", units);

  if (run.status != 0)
    g_test_message ("stderr: %s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, xlsx));

  g_assert_cmpint (CHECK (f, 2025, xlsx, "--issuer", ISSUER, "--units", units,
                          "--evidence", "HXM:3.2=1"), ==, 0);
}

/* The annexes printed to PDF through the core, with a fingerprint: read
 * back with pdftotext, every heading, footer and unit's figures. */
static void
test_annex_pdf_core (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(ParDecision) decision = par_decision_new ();
  g_autoptr(ParAnnexPages) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "Phụ lục 2025.pdf", NULL);
  ParAnnexDocument *document;

  decision->number = g_strdup (DECISION_NUMBER);
  decision->date = g_strdup (DECISION_DATE);
  decision->issuer = g_strdup (ISSUER);
  decision->signer = g_strdup (SIGNER);

  results = test_compute_results (f->workspace, 2025);
  document = par_annex_document_build (f->workspace, results, decision, FINGERPRINT, NULL, NULL,
                                       &error);
  g_assert_no_error (error);
  pages = par_annex_pages_new (document);
  /* PL I, PL II for each of the two blocks, PL III, nine score sheets. */
  g_assert_cmpuint (par_annex_pages_get_n_pages (pages), >=, 13);
  g_assert_cmpstr (par_annex_pages_get_sheet_name (pages, 0), ==, "PL I - Xếp hạng");
  g_assert_true (par_annex_pages_is_landscape (pages, 0));

  g_assert_true (par_annex_pages_write_pdf (pages, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (CHECK_PDF (f, 2025, pdf, "--decision-number", DECISION_NUMBER,
                              "--decision-date", DECISION_DATE, "--issuer", ISSUER,
                              "--fingerprint", FINGERPRINT), ==, 0);

  /* The checker can fail: these pages are not the year before's, nor
   * another decision's, nor published with another fingerprint. */
  g_assert_cmpint (CHECK_PDF (f, 2024, pdf, "--decision-number", DECISION_NUMBER,
                              "--decision-date", DECISION_DATE, "--issuer", ISSUER), !=, 0);
  g_assert_cmpint (CHECK_PDF (f, 2025, pdf, "--decision-number", "124", "--decision-date",
                              DECISION_DATE, "--issuer", ISSUER), !=, 0);
  g_assert_cmpint (CHECK_PDF (f, 2025, pdf, "--decision-number", DECISION_NUMBER,
                              "--decision-date", DECISION_DATE, "--issuer", ISSUER,
                              "--fingerprint", "0123"), !=, 0);
}

/* parindex-cli export to a .pdf: the printed annexes of a draft, score
 * sheets for some units; a folder that cannot be written is an error
 * that names the file. */
static void
test_annex_pdf_cli (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "annex.pdf", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "no such folder", "annex.pdf", NULL);
  g_autofree char *units = g_strdup_printf ("TKY,%s,SYT", LONG_CODE_1);
  g_auto(Run) run = CLI ("export", f->path, "2025", "--out", pdf, "--issuer", ISSUER,
                         "--units", units);
  g_auto(Run) failed = CLI ("export", f->path, "2025", "--out", nowhere);

  if (run.status != 0)
    g_test_message ("stderr: %s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, pdf));
  g_assert_cmpint (CHECK_PDF (f, 2025, pdf, "--issuer", ISSUER, "--units", units), ==, 0);

  g_assert_cmpint (failed.status, !=, 0);
  g_assert_nonnull (strstr (failed.err, nowhere));
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
}

static void
test_annex_cli_errors (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *xlsx = g_build_filename (f->dir, "annex.xlsx", NULL);
  g_autofree char *missing_dir = g_build_filename (f->dir, "no such folder", "annex.xlsx", NULL);
  g_autofree char *missing_workspace = g_build_filename (f->dir, "none.parindex", NULL);
  g_autofree char *listing = NULL;
  struct { int status; const char *args[9]; const char *message; } cases[] = {
    { 1, { "export", f->path, "2025", NULL }, "--out" },
    { 1, { "export", f->path, "year", "--out", xlsx, NULL }, "not a year" },
    { 1, { "export", f->path, "--out", xlsx, NULL }, "missing arguments" },
    { 2, { "export", f->path, "2025", "--out", xlsx, "--decision-date", "2025-02-30", NULL },
      "YYYY-MM-DD" },
    { 2, { "export", f->path, "2025", "--out", xlsx, "--units", "TCH,NOPE", NULL }, "NOPE" },
    { 2, { "export", f->path, "2031", "--out", xlsx, NULL }, "2031" },
    { 3, { "export", f->path, "2025", "--out", missing_dir, NULL }, "annex.xlsx" },
    { 3, { "export", missing_workspace, "2025", "--out", xlsx, NULL }, "none.parindex" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_auto(Run) run = { 0 };

      g_ptr_array_add (argv, (gpointer) cli_path ());
      for (guint a = 0; cases[i].args[a] != NULL; a++)
        g_ptr_array_add (argv, (gpointer) cases[i].args[a]);
      run = run_argv (argv);

      if (run.status != cases[i].status)
        g_test_message ("case %u: stderr: %s", i, run.err);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, cases[i].message));
    }

  /* No workbook, and no half-written file, after any of them. */
  listing = list_workbooks (f->dir);
  g_assert_cmpstr (listing, ==, "");
}

/* Cancelled: an error, and a workbook already at the path stays as it was. */
typedef struct
{
  GCancellable *cancellable;
  guint         after;
  guint         reports;
  double        last;
} CancelAfter;

/* Progress that cancels after so many sheets, and checks it grows. */
static void
cancel_after_cb (double      fraction,
                 const char *text,
                 gpointer    user_data)
{
  CancelAfter *cancel = user_data;

  g_assert_cmpfloat (fraction, >, cancel->last);
  g_assert_nonnull (text);
  cancel->last = fraction;
  if (++cancel->reports == cancel->after)
    g_cancellable_cancel (cancel->cancellable);
}

static void
test_annex_cancelled (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ParAnnexDocument) document = NULL;
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *xlsx = g_build_filename (f->dir, "annex.xlsx", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;

  g_file_set_contents (xlsx, "the annex printed last week", -1, &error);
  g_assert_no_error (error);

  results = test_compute_results (f->workspace, 2025);
  document = par_annex_document_build (f->workspace, results, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (par_annex_workbook_write_document (document, xlsx, NULL, NULL, cancellable,
                                                     &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_file_get_contents (xlsx, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "the annex printed last week");
  listing = list_workbooks (f->dir);
  g_assert_cmpstr (listing, ==, "annex.xlsx");

  /* Cancelled in the middle of the score sheets, as a workbook and as a
   * PDF: the file as it was, nothing else left. */
  for (guint format = 0; format < 2; format++)
    {
      g_autofree char *path = g_build_filename (f->dir, format == 0 ? "annex.xlsx" : "annex.pdf",
                                                NULL);
      g_autoptr(GCancellable) midway = g_cancellable_new ();
      CancelAfter cancel = { midway, 5, 0, 0 };

      g_file_set_contents (path, "the annex printed last week", -1, &error);
      g_assert_no_error (error);
      g_assert_false (par_annex_document_write (document, path, cancel_after_cb, &cancel, midway,
                                                &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_cmpuint (cancel.reports, ==, 5);
      g_assert_cmpfloat (cancel.last, <, 1.0);
      g_clear_pointer (&contents, g_free);
      g_file_get_contents (path, &contents, NULL, NULL);
      g_assert_cmpstr (contents, ==, "the annex printed last week");
    }
  g_clear_pointer (&listing, g_free);
  listing = list_files (f->dir, ".pdf");
  g_assert_cmpstr (listing, ==, "annex.pdf");
  g_clear_pointer (&listing, g_free);
  listing = list_workbooks (f->dir);
  g_assert_cmpstr (listing, ==, "annex.xlsx");
}


/* A full disk (a small tmpfs, as root) or a folder that cannot be written
 * (as anyone else): neither the workbook nor the PDF replaces the annexes
 * there, and nothing else is left. */
static void
test_annex_failure_keeps_existing (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(ParAnnexDocument) document = NULL;
  g_autoptr(ParAnnexPages) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "full", NULL);
  g_autofree char *xlsx = g_build_filename (folder, "Phụ lục.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (folder, "Phụ lục.pdf", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  gboolean mounted = FALSE;

  results = test_compute_results (f->workspace, 2025);
  document = par_annex_document_build (f->workspace, results, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);

#ifdef G_OS_UNIX
  if (geteuid () == 0)
    {
      const char *mount[] = { "mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", folder, NULL };
      int status;

      mounted = g_spawn_sync (NULL, (char **) mount, NULL, G_SPAWN_SEARCH_PATH |
                              G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                              NULL, NULL, NULL, &status, NULL) &&
                g_spawn_check_wait_status (status, NULL);
      if (!mounted)
        {
          g_rmdir (folder);
          g_test_skip ("cannot mount a small tmpfs here");
          return;
        }
    }
#endif
  g_assert_true (g_file_set_contents (xlsx, "last week's workbook", -1, NULL));
  g_assert_true (g_file_set_contents (pdf, "last week's PDF", -1, NULL));
  if (!mounted)
    g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  before = list_files (folder, NULL);

  g_assert_false (par_annex_workbook_write_document (document, xlsx, NULL, NULL, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_IO);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  pages = par_annex_pages_new (g_steal_pointer (&document));
  g_assert_false (par_annex_pages_write_pdf (pages, pdf, NULL, NULL, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_IO);
  g_test_message ("%s", error->message);

  g_assert_true (g_file_get_contents (xlsx, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "last week's workbook");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "last week's PDF");
  after = list_files (folder, NULL);
  g_assert_cmpstr (after, ==, before);

  g_chmod (folder, 0755);
  g_unlink (xlsx);
  g_unlink (pdf);
#ifdef G_OS_UNIX
  if (mounted)
    {
      const char *umount[] = { "umount", folder, NULL };
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) umount, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
#endif
  g_rmdir (folder);
}

/* However many units, a score sheet for each (or for the units listed);
 * the summary annexes hold every unit. The sheets are made one at a time
 * as the workbook is written. */
static void
test_annex_unit_sheet_limit (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(ParCriteriaSet) communes = test_criteria_set ("tien-phuoc.criteria.json");
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) units = g_string_new ("code,name,block\n");
  g_autoptr(GString) scores = g_string_new ("unit,criterion,stage,value\n");
  g_autofree char *xlsx = g_build_filename (f->dir, "many.xlsx", NULL);
  g_auto(GStrv) listed = g_strsplit ("C0007,C0150,NOPE", ",", -1);
  const int year = 2026;

  par_workspace_add_year (f->workspace, year, "UBND xã", communes, &error);
  g_assert_no_error (error);
  for (guint i = 0; i <= 200; i++)
    {
      g_string_append_printf (units, "C%04u,UBND xã Thử Nghiệm %u,UBND xã\n", i, i + 1);
      g_string_append_printf (scores, "C%04u,1.1,appraisal,%u.%u\n", i, i % 10, i % 7);
      g_string_append_printf (scores, "C%04u,8.1,appraisal,%u\n", i, 50 + i % 50);
    }
  test_import_units (f->workspace, year, units->str);
  test_import_scores (f->workspace, year, scores->str);

  results = test_compute_results (f->workspace, year);
  g_assert_cmpuint (par_annex_document_count_unit_sheets (results, NULL), ==, 201);
  g_assert_cmpuint (par_annex_document_count_unit_sheets (results, listed), ==, 2);

  /* An unknown code is an error, not a silently missing sheet. */
  g_assert_false (write_workbook (f->workspace, results, NULL, NULL, listed, xlsx, NULL,
                                  &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (write_workbook (f->workspace, results, NULL, NULL, NULL, xlsx, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (CHECK (f, year, xlsx, "--issuer", ""), ==, 0);

#ifdef G_OS_UNIX
  /* A workbook keeps a file open per sheet while it is written: where the
   * system allows fewer, parindex-cli says so and writes nothing; the PDF
   * needs no more than one. */
  {
    g_autofree char *script = g_strdup_printf ("ulimit -n 128 && exec \"$0\" export \"$1\" %d "
                                               "--out \"$2\"", year);
    g_autofree char *limited = g_build_filename (f->dir, "limited.xlsx", NULL);
    g_autofree char *pdf = g_build_filename (f->dir, "limited.pdf", NULL);
    const char *xlsx_argv[] = { "sh", "-c", script, g_getenv ("PARINDEX_CLI"), f->path, limited,
                                NULL };
    const char *pdf_argv[] = { "sh", "-c", script, g_getenv ("PARINDEX_CLI"), f->path, pdf,
                               NULL };
    g_autofree char *err = NULL;
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **) xlsx_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (WEXITSTATUS (status), ==, 3);
    g_assert_nonnull (strstr (err, "needs as many files open at once"));
    g_assert_false (g_file_test (limited, G_FILE_TEST_EXISTS));
    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) pdf_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, &err, &status, &error));
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }
#endif
}

/* Whether @row of @sheet holds a table's cell (a bordered one). */
static gboolean
is_table_row (const ParAnnexSheet *sheet,
              guint                row)
{
  for (guint i = 0; i < sheet->cells->len; i++)
    {
      const ParAnnexCell *cell = &g_array_index (sheet->cells, ParAnnexCell, i);

      if (cell->row == row && cell->style.border)
        return TRUE;
    }
  return FALSE;
}

/* Whatever the number of units, no page holds one to three rows of a table
 * alone, in the PDF as in the workbook (which gets the same breaks). */
static void
test_annex_no_lone_rows (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ParCriteriaSet) communes = test_criteria_set ("tien-phuoc.criteria.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) units = g_string_new ("code,name,block\n");
  g_autoptr(GString) scores = g_string_new ("unit,criterion,stage,value\n");
  g_auto(GStrv) listed = g_strsplit ("C0000", ",", -1);

  for (guint n = 1; n <= 70; n++)
    {
      g_autoptr(ParYearResults) results = NULL;
      g_autoptr(ParAnnexDocument) document = NULL;
      g_autoptr(ParAnnexPages) pages = NULL;
      int year = 2100 + n;

      g_string_append_printf (units, "C%04u,UBND xã Thử Nghiệm %u,UBND xã\n", n - 1, n);
      g_string_append_printf (scores, "C%04u,1.1,appraisal,%u.%u\n", n - 1, n % 10, n % 7);
      par_workspace_add_year (f->workspace, year, "UBND xã", communes, &error);
      g_assert_no_error (error);
      test_import_units (f->workspace, year, units->str);
      test_import_scores (f->workspace, year, scores->str);
      results = test_compute_results (f->workspace, year);
      document = par_annex_document_build (f->workspace, results, NULL, NULL, listed, NULL,
                                           &error);
      g_assert_no_error (error);
      pages = par_annex_pages_new_borrowed (document);

      for (guint p = 0; p < par_annex_pages_get_n_pages (pages); p++)
        {
          g_autoptr(ParAnnexSheet) made = NULL;
          g_autoptr(GArray) sheet_breaks = NULL;
          const ParAnnexSheet *sheet;
          guint index, first, last, rows = 0;

          par_annex_pages_get_rows (pages, p, &index, &first, &last);
          sheet = par_annex_document_get_sheet (document, index, &made, &error);
          g_assert_no_error (error);
          sheet_breaks = par_annex_pages_get_sheet_breaks (sheet);
          for (guint r = first; r <= last; r++)
            rows += is_table_row (sheet, r);
          /* A table short enough to be whole on its page is no concern. */
          if (rows > 0 && rows < 4 && sheet_breaks->len > 0)
            g_error ("%u units: page %u (%s, rows %u–%u) holds %u rows of a table alone", n,
                     p + 1, sheet->name, first, last, rows);
          /* The workbook breaks where the PDF does. */
          if (first > 0)
            {
              gboolean found = FALSE;

              for (guint b = 0; b < sheet_breaks->len; b++)
                found |= g_array_index (sheet_breaks, guint, b) == first;
              g_assert_true (found);
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  par_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/par/decision/validate-date", test_decision_date);
  g_test_add_func ("/par/decision/format-date", test_decision_format_date);
  g_test_add_func ("/par/decision/reference", test_decision_reference);

#define ADD(path, func) \
  g_test_add ("/par/annex/" path, Fixture, NULL, fixture_set_up, func, workspace_fixture_tear_down)
  ADD ("core-with-fingerprint", test_annex_core);
  ADD ("cli-some-units-draft", test_annex_cli);
  ADD ("pdf-core-with-fingerprint", test_annex_pdf_core);
  ADD ("pdf-cli-some-units-draft", test_annex_pdf_cli);
  ADD ("cli-errors", test_annex_cli_errors);
  ADD ("cancelled-keeps-existing-file", test_annex_cancelled);
  ADD ("failure-keeps-existing", test_annex_failure_keeps_existing);
  ADD ("no-lone-rows", test_annex_no_lone_rows);
  ADD ("unit-sheet-limit", test_annex_unit_sheet_limit);

  return g_test_run ();
}
