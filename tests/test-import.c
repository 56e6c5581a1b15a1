/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "par-criteria-set.h"
#include "par-decision.h"
#include "par-error.h"
#include "par-import-check.h"
#include "par-limits.h"
#include "par-workspace-import.h"
#include "par-workspace.h"
#include "test-common.h"

/* Units and scores files checked before they are imported (the window's
 * preview): the check reads every row as the import does and writes
 * nothing; what it finds bad is what the import refuses, line by line; the
 * imports run on a worker, report how far they are and stop, rolled back,
 * when cancelled. */

#define YEAR 2022

typedef struct
{
  char         *dir;
  char         *path;
  ParWorkspace *workspace;
} Fixture;

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json_path = data_path ("tien-phuoc.criteria.json");
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  g_autoptr(ParCriteriaSet) set = NULL;

  f->dir = g_dir_make_tmp ("parindex-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "Tiên Phước.parindex", NULL);
  f->workspace = par_workspace_open (f->path, PAR_WORKSPACE_CREATE_NEW, &error);
  g_assert_no_error (error);
  set = par_criteria_set_new_from_file (json, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (par_workspace_add_year (f->workspace, YEAR, "UBND xã", set, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->workspace);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->path);
  g_free (f->dir);
}

static GInputStream *
stream_of (const char *text)
{
  return g_memory_input_stream_new_from_data (g_strdup (text), strlen (text), g_free);
}

static void
add_units (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  const char *units = "code,name,block,kind\n"
                      "TCH,UBND xã Tiên Châu,UBND xã,xã\n"
                      "TKY,UBND xã Tiên Kỳ,UBND xã,xã\n";

  g_assert_true (par_workspace_import_units (f->workspace, YEAR, units, strlen (units), NULL,
                                             &error));
  g_assert_no_error (error);
}

/* Everything an import could change, read through a connection of its
 * own: equal before and after means nothing was written. */
static char *
snapshot (Fixture *f)
{
  const char *queries[] = {
    "SELECT count (*) FROM unit",
    "SELECT count (*) FROM year_unit",
    "SELECT count (*) FROM score",
    "SELECT coalesce (sum (points), 0) FROM score",
    "SELECT count (*) FROM audit",
    "SELECT coalesce (sum (points), 0) FROM unit_total",
  };
  GString *text = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[i], -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_string_append_printf (text, "%s;", (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (text, FALSE);
}

static ParImportCheck *
check_text (Fixture       *f,
            ParImportKind  kind,
            const char    *text)
{
  g_autoptr(GInputStream) stream = stream_of (text);
  g_autoptr(GError) error = NULL;
  ParImportCheck *check;

  check = par_workspace_check_import (f->workspace, kind, YEAR, stream, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (check);
  return check;
}

static ParImportLine *
line_at (GListModel *model,
         guint       position)
{
  ParImportLine *line = g_list_model_get_item (model, position);

  /* The model keeps it. */
  g_object_unref (line);
  return line;
}

/* A units file from a spreadsheet in Vietnamese: ';', a BOM, a column the
 * format does not have. The check says how it is read, shows its rows as
 * read (trimmed), and adds nothing. */
static void
test_check_units_preview (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ParImportCheck) check = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  const char * const *columns;
  ParImportLine *row;

  check = check_text (f, PAR_IMPORT_UNITS,
                      "\xEF\xBB\xBF" "code;name;block;Ghi chú;kind\n"
                      "TCH; UBND xã Tiên Châu ;UBND xã;mới;xã\n"
                      "\n"
                      "TKY;UBND xã Tiên Kỳ;UBND xã;;xã\n");

  g_assert_cmpint (par_import_check_get_kind (check), ==, PAR_IMPORT_UNITS);
  g_assert_cmpint (par_import_check_get_year (check), ==, YEAR);
  g_assert_cmpint (par_import_check_get_delimiter (check), ==, ';');
  g_assert_false (par_import_check_get_decimal_comma (check));
  columns = par_import_check_get_columns (check);
  g_assert_cmpstrv (columns, ((const char * const[]) { "code", "name", "block", "kind", NULL }));
  g_assert_cmpstrv (par_import_check_get_ignored_columns (check),
                    ((const char * const[]) { "Ghi chú", NULL }));
  g_assert_cmpuint (par_import_check_get_n_rows (check), ==, 2);
  g_assert_cmpuint (par_import_check_get_n_problems (check), ==, 0);
  g_assert_true (par_import_check_get_importable (check));

  g_assert_cmpuint (g_list_model_get_n_items (par_import_check_get_preview (check)), ==, 2);
  row = line_at (par_import_check_get_preview (check), 0);
  g_assert_cmpuint (par_import_line_get_line (row), ==, 2);
  g_assert_cmpuint (par_import_line_get_n_values (row), ==, 4);
  g_assert_cmpstr (par_import_line_get_value (row, 0), ==, "TCH");
  g_assert_cmpstr (par_import_line_get_value (row, 1), ==, "UBND xã Tiên Châu");
  g_assert_cmpstr (par_import_line_get_value (row, 2), ==, "UBND xã");
  g_assert_cmpstr (par_import_line_get_value (row, 3), ==, "xã");
  g_assert_null (par_import_line_get_problem (row));
  g_assert_false (par_import_line_get_entry (row, NULL, NULL));
  row = line_at (par_import_check_get_preview (check), 1);
  g_assert_cmpuint (par_import_line_get_line (row), ==, 4);

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

/* A scores file with bad rows: the check lists each (line and why), the
 * same lines and words as the import's refusal, and nothing is written by
 * either. */
static void
test_check_scores_lists_bad_rows (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(ParImportCheck) check = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *path = data_path ("invalid.scores.csv");
  g_autofree char *text = NULL;
  GListModel *problems;
  ParImportLine *row;
  ParEntryState state;
  ParMilli points;

  add_units (f);
  before = snapshot (f);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  check = check_text (f, PAR_IMPORT_SCORES, text);

  g_assert_cmpint (par_import_check_get_delimiter (check), ==, ',');
  g_assert_false (par_import_check_get_decimal_comma (check));
  g_assert_cmpuint (par_import_check_get_n_rows (check), ==, 4);
  g_assert_cmpuint (par_import_check_get_n_problems (check), ==, 3);
  g_assert_false (par_import_check_get_importable (check));
  problems = par_import_check_get_problems (check);
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 3);
  g_assert_cmpuint (par_import_line_get_line (line_at (problems, 0)), ==, 3);
  g_assert_nonnull (strstr (par_import_line_get_problem (line_at (problems, 0)), "10.5"));
  g_assert_cmpstr (par_import_line_get_column (line_at (problems, 0)), ==, "value");
  g_assert_cmpuint (par_import_line_get_line (line_at (problems, 1)), ==, 4);
  g_assert_nonnull (strstr (par_import_line_get_problem (line_at (problems, 1)), "“XXX”"));
  g_assert_cmpstr (par_import_line_get_column (line_at (problems, 1)), ==, "unit");
  g_assert_cmpuint (par_import_line_get_line (line_at (problems, 2)), ==, 5);
  g_assert_nonnull (strstr (par_import_line_get_problem (line_at (problems, 2)), "survey"));
  g_assert_cmpstr (par_import_line_get_column (line_at (problems, 2)), ==, "value");

  /* The good row, as it will be read: 9.5 points. */
  row = line_at (par_import_check_get_preview (check), 0);
  g_assert_cmpuint (par_import_line_get_line (row), ==, 2);
  g_assert_true (par_import_line_get_entry (row, &state, &points));
  g_assert_cmpint (state, ==, PAR_ENTRY_VALUE);
  g_assert_cmpint (points, ==, 9500);

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  /* The import refuses the same rows, with the same words. */
  stream = stream_of (text);
  g_assert_false (par_workspace_import (f->workspace, PAR_IMPORT_SCORES, YEAR, stream, NULL, NULL,
                                        NULL, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autofree char *expected = g_strdup_printf ("line %u: %s",
                                                   par_import_line_get_line (line_at (problems, i)),
                                                   par_import_line_get_problem (line_at (problems, i)));
      g_assert_nonnull (strstr (error->message, expected));
    }
  g_free (after);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

/* ';' lets numbers have a decimal comma, as the import reads them; an
 * empty value clears, NA is not applicable. */
static void
test_check_scores_decimal_comma (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(ParImportCheck) check = NULL;
  GListModel *preview;
  ParEntryState state;
  ParMilli points;

  add_units (f);
  check = check_text (f, PAR_IMPORT_SCORES,
                      "unit;criterion;stage;value;note;extra\n"
                      "TCH;1.1;self;9,5;\"Trừ 0,5; thiếu\";x\n"
                      "TCH;3.1;appraisal;96,5;;\n"
                      "TCH;1.2;self;chậm;;\n"
                      "TCH;6.1;self;NA;;\n"
                      "TKY;1.1;self;;;\n");
  g_assert_true (par_import_check_get_decimal_comma (check));
  g_assert_cmpstrv (par_import_check_get_columns (check),
                    ((const char * const[]) { "unit", "criterion", "stage", "value", "note",
                                              NULL }));
  g_assert_cmpstrv (par_import_check_get_ignored_columns (check),
                    ((const char * const[]) { "extra", NULL }));
  g_assert_true (par_import_check_get_importable (check));
  preview = par_import_check_get_preview (check);
  g_assert_cmpuint (g_list_model_get_n_items (preview), ==, 5);

  g_assert_cmpstr (par_import_line_get_value (line_at (preview, 0), 3), ==, "9,5");
  g_assert_cmpstr (par_import_line_get_value (line_at (preview, 0), 4), ==, "Trừ 0,5; thiếu");
  g_assert_true (par_import_line_get_entry (line_at (preview, 0), &state, &points));
  g_assert_cmpint (points, ==, 9500);
  g_assert_true (par_import_line_get_entry (line_at (preview, 1), &state, &points));
  g_assert_cmpint (points, ==, 7500);   /* the tier from 95 */
  g_assert_true (par_import_line_get_entry (line_at (preview, 2), &state, &points));
  g_assert_cmpint (points, ==, 2000);   /* "Chậm", case aside */
  g_assert_true (par_import_line_get_entry (line_at (preview, 3), &state, &points));
  g_assert_cmpint (state, ==, PAR_ENTRY_NA);
  g_assert_true (par_import_line_get_entry (line_at (preview, 4), &state, &points));
  g_assert_cmpint (state, ==, PAR_ENTRY_EMPTY);
}

/* The preview keeps the first rows; every row is counted and checked. */
static void
test_check_preview_is_bounded (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(ParImportCheck) check = NULL;
  g_autoptr(GString) text = g_string_new ("code,name,block\n");

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (text, "X%03u,UBND xã Số %u,UBND xã\n", i, i + 1);
  g_string_append (text, "X000,UBND xã trùng mã,UBND xã\n");
  check = check_text (f, PAR_IMPORT_UNITS, text->str);

  g_assert_cmpuint (par_import_check_get_n_rows (check), ==, 501);
  g_assert_cmpuint (g_list_model_get_n_items (par_import_check_get_preview (check)), ==,
                    PAR_IMPORT_PREVIEW_ROWS);
  g_assert_cmpuint (par_import_check_get_n_problems (check), ==, 1);
  g_assert_cmpuint (par_import_line_get_line (line_at (par_import_check_get_problems (check), 0)),
                    ==, 502);
  g_assert_nonnull (strstr (par_import_line_get_problem (line_at (par_import_check_get_problems (check), 0)),
                            "twice"));
}

/* Millions of bad rows make a bounded list: the first ones, and a count. */
static void
test_check_caps_the_list (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ParImportCheck) check = NULL;
  g_autoptr(GString) text = g_string_new ("unit,criterion,stage,value\n");
  guint n = PAR_LIMIT_CSV_PROBLEMS_LISTED + 50;

  add_units (f);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "TCH,1.1,self,%u\n", 11 + i);
  check = check_text (f, PAR_IMPORT_SCORES, text->str);

  g_assert_cmpuint (par_import_check_get_n_rows (check), ==, n);
  g_assert_cmpuint (par_import_check_get_n_problems (check), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (par_import_check_get_problems (check)), ==,
                    PAR_LIMIT_CSV_PROBLEMS_LISTED);
  g_assert_cmpuint (par_import_line_get_line (line_at (par_import_check_get_problems (check),
                                                       PAR_LIMIT_CSV_PROBLEMS_LISTED - 1)),
                    ==, PAR_LIMIT_CSV_PROBLEMS_LISTED + 1);
}

/* What keeps the rows from being read at all is an error, as for the
 * import: the header, a published year, an empty file. */
static void
test_check_refuses_unreadable (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParImportCheck) check = NULL;
  g_autoptr(GInputStream) header = stream_of ("unit,criterion,value\nTCH,1.1,9\n");
  g_autoptr(GInputStream) empty = stream_of ("");
  g_autoptr(GInputStream) missing_year = stream_of ("code,name,block\nA,B,C\n");
  g_autoptr(GInputStream) units = stream_of ("code,name,block\nA,B,UBND xã\n");
  ParDecision decision = { 0 };

  check = par_workspace_check_import (f->workspace, PAR_IMPORT_SCORES, YEAR, header, NULL, NULL,
                                      NULL, &error);
  g_assert_null (check);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "stage"));
  g_clear_error (&error);

  check = par_workspace_check_import (f->workspace, PAR_IMPORT_UNITS, YEAR, empty, NULL, NULL,
                                      NULL, &error);
  g_assert_null (check);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);

  check = par_workspace_check_import (f->workspace, PAR_IMPORT_UNITS, YEAR + 1, missing_year,
                                      NULL, NULL, NULL, &error);
  g_assert_null (check);
  g_assert_nonnull (error);
  g_clear_error (&error);

  add_units (f);
  decision.number = (char *) "12/QĐ-UBND";
  decision.date = (char *) "2023-01-12";
  g_assert_true (par_workspace_publish (f->workspace, YEAR, &decision, NULL, &error));
  g_assert_no_error (error);
  check = par_workspace_check_import (f->workspace, PAR_IMPORT_UNITS, YEAR, units, NULL, NULL,
                                      NULL, &error);
  g_assert_null (check);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FROZEN);
}

/* A good file: the check finds it importable, the import imports what the
 * check counted. */
static void
test_check_then_import (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *units_path = data_path ("tien-phuoc.units.csv");
  g_autofree char *scores_path = data_path ("tien-phuoc.scores.csv");
  const char *paths[] = { units_path, scores_path };
  ParImportKind kinds[] = { PAR_IMPORT_UNITS, PAR_IMPORT_SCORES };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GInputStream) first = NULL;
      g_autoptr(GInputStream) second = NULL;
      g_autoptr(ParImportCheck) check = NULL;
      g_autoptr(GError) error = NULL;
      guint count = 0;

      first = G_INPUT_STREAM (g_file_read (file, NULL, &error));
      check = par_workspace_check_import (f->workspace, kinds[i], YEAR, first, NULL, NULL, NULL,
                                          &error);
      g_assert_no_error (error);
      g_assert_true (par_import_check_get_importable (check));

      second = G_INPUT_STREAM (g_file_read (file, NULL, &error));
      g_assert_true (par_workspace_import (f->workspace, kinds[i], YEAR, second, NULL, NULL, NULL,
                                           &count, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count, ==, par_import_check_get_n_rows (check));
    }
}

static gint64
count_rows (Fixture    *f,
            const char *query)
{
  return test_query_int (f->path, query);
}

static void
import_text (Fixture       *f,
             ParImportKind  kind,
             const char    *text)
{
  g_autoptr(GInputStream) stream = stream_of (text);
  g_autoptr(GError) error = NULL;

  gboolean ok;

  ok = par_workspace_import (f->workspace, kind, YEAR, stream, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

/* What a check counts as added and changed is what the import then adds
 * and changes: the check writes with the import's code and rolls back. */
static void
test_check_counts_what_import_does (Fixture       *f,
                                    gconstpointer  data)
{
  const char *units = "code,name,block\n"
                      "TCH,UBND xã Tiên Châu (mới),UBND xã\n"
                      "TLP,UBND xã Tiên Lập,UBND xã\n"
                      "TAN,UBND xã Tiên An,UBND xã\n";
  const char *scores = "unit,criterion,stage,value\n"
                       "TCH,1.1,self,7\n"
                       "TKY,1.1,appraisal,4\n"
                       "TKY,1.1,self,5\n"
                       "TCH,1.1,appraisal,6\n";
  g_autoptr(ParImportCheck) units_check = NULL;
  g_autoptr(ParImportCheck) scores_check = NULL;
  g_autoptr(ParImportCheck) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 n_units, n_scores;

  add_units (f);
  /* One entry the file will change, one it holds already. */
  import_text (f, PAR_IMPORT_SCORES, "unit,criterion,stage,value\nTKY,1.1,self,0\nTKY,1.1,appraisal,4\n");

  before = snapshot (f);
  units_check = check_text (f, PAR_IMPORT_UNITS, units);
  scores_check = check_text (f, PAR_IMPORT_SCORES, scores);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpuint (par_import_check_get_n_added (units_check), ==, 2);
  g_assert_cmpuint (par_import_check_get_n_changed (units_check), ==, 1);
  /* TCH's two entries are new, TKY's self-assessment changes, its
   * appraisal holds 4 already. */
  g_assert_cmpuint (par_import_check_get_n_added (scores_check), ==, 2);
  g_assert_cmpuint (par_import_check_get_n_changed (scores_check), ==, 1);

  n_units = count_rows (f, "SELECT count (*) FROM year_unit");
  import_text (f, PAR_IMPORT_UNITS, units);
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM year_unit") - n_units, ==,
                   par_import_check_get_n_added (units_check));

  n_scores = count_rows (f, "SELECT count (*) FROM score");
  import_text (f, PAR_IMPORT_SCORES, scores);
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM score") - n_scores, ==,
                   par_import_check_get_n_added (scores_check));

  /* Imported, the same file adds and changes nothing more. */
  again = check_text (f, PAR_IMPORT_SCORES, scores);
  g_assert_cmpuint (par_import_check_get_n_added (again), ==, 0);
  g_assert_cmpuint (par_import_check_get_n_changed (again), ==, 0);
  g_assert_true (par_import_check_get_importable (again));
}

/*
 * A stream that cancels @cancellable once @after bytes were read from it:
 * an import cancelled in its middle, at a point known beforehand.
 */
typedef struct
{
  GFilterInputStream  parent_instance;
  GCancellable       *cancellable;
  gsize               after;
  gsize               read;
} CancellingStream;

typedef GFilterInputStreamClass CancellingStreamClass;

static GType cancelling_stream_get_type (void);
G_DEFINE_TYPE (CancellingStream, cancelling_stream, G_TYPE_FILTER_INPUT_STREAM)

static gssize
cancelling_stream_read (GInputStream  *stream,
                        void          *buffer,
                        gsize          count,
                        GCancellable  *cancellable,
                        GError       **error)
{
  CancellingStream *self = (CancellingStream *) stream;
  GInputStream *base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (stream));
  gssize n = g_input_stream_read (base, buffer, MIN (count, 4096), cancellable, error);

  if (n > 0)
    self->read += n;
  if (self->read >= self->after)
    g_cancellable_cancel (self->cancellable);
  return n;
}

static void
cancelling_stream_class_init (CancellingStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = cancelling_stream_read;
}

static void
cancelling_stream_init (CancellingStream *self)
{
}

static char *
make_scores (guint n_rows)
{
  GString *text = g_string_new ("unit,criterion,stage,value\n");

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "%s,1.1,%s,%u.%u\n", i % 2 ? "TKY" : "TCH",
                            i % 4 < 2 ? "self" : "appraisal", i % 10, i % 1000);
  return g_string_free (text, FALSE);
}

/* Cancelled in its middle, the import stops and is rolled back: the
 * workspace is exactly as it was. */
static void
test_import_cancelled_midway (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInputStream) memory = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = make_scores (20000);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CancellingStream *cancelling;

  add_units (f);
  before = snapshot (f);
  memory = g_memory_input_stream_new_from_data (text, strlen (text), NULL);
  stream = g_object_new (cancelling_stream_get_type (), "base-stream", memory, NULL);
  cancelling = (CancellingStream *) stream;
  cancelling->cancellable = cancellable;
  cancelling->after = strlen (text) / 2;

  g_assert_false (par_workspace_import (f->workspace, PAR_IMPORT_SCORES, YEAR, stream, NULL, NULL,
                                        cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* It stopped in the middle, not at the end. */
  g_assert_cmpuint (cancelling->read, <, strlen (text));
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);

  /* The workspace takes the same file afterwards. */
  g_clear_object (&stream);
  g_clear_object (&memory);
  g_clear_error (&error);
  memory = g_memory_input_stream_new_from_data (text, strlen (text), NULL);
  g_assert_true (par_workspace_import (f->workspace, PAR_IMPORT_SCORES, YEAR, memory, NULL, NULL,
                                       NULL, NULL, &error));
  g_assert_no_error (error);
}

typedef struct
{
  GMainLoop      *loop;
  GAsyncResult   *result;
  GArray         *fractions;
  guint           changed;
  guint           progress_freed;
} AsyncState;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;

  state->result = g_object_ref (result);
  g_main_loop_quit (state->loop);
}

static void
progress_cb (double      fraction,
             const char *text,
             gpointer    user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_array_append_val (state->fractions, fraction);
}

static void
progress_destroy_cb (gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  state->progress_freed++;
}

static void
changed_cb (ParWorkspace *workspace,
            int           year,
            AsyncState   *state)
{
  g_assert_cmpint (year, ==, YEAR);
  state->changed++;
}

static void
async_state_init (AsyncState *state)
{
  state->loop = g_main_loop_new (NULL, FALSE);
  state->fractions = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
async_state_clear (AsyncState *state)
{
  g_main_loop_unref (state->loop);
  g_clear_object (&state->result);
  g_array_unref (state->fractions);
}

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  g_autofree char *path = test_write_file (f->dir, name, text, -1);

  return g_file_new_for_path (path);
}

/* On a worker: the check, then the import of a file of 20,000 rows, with
 * progress on this thread, the workspace here telling its listeners once
 * the worker's connection has committed. */
static void
test_async_check_and_import (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *text = make_scores (20000);
  g_autoptr(GFile) file = write_file (f, "scores.csv", text);
  g_autoptr(ParImportCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AsyncState state = { 0 };
  guint count = 0;

  add_units (f);
  before = snapshot (f);
  async_state_init (&state);
  g_signal_connect (f->workspace, "changed", G_CALLBACK (changed_cb), &state);

  par_workspace_check_import_async (f->workspace, PAR_IMPORT_SCORES, YEAR, file, progress_cb,
                                    &state, progress_destroy_cb, NULL, done_cb, &state);
  g_main_loop_run (state.loop);
  check = par_workspace_check_import_finish (f->workspace, state.result, &error);
  g_assert_no_error (error);
  g_assert_true (par_import_check_get_importable (check));
  g_assert_cmpuint (par_import_check_get_n_rows (check), ==, 20000);
  g_assert_cmpuint (state.changed, ==, 0);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  /* The progress data is let go on this thread, once, with the task. */
  g_clear_object (&state.result);
  while (state.progress_freed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (state.progress_freed, ==, 1);
  g_assert_cmpuint (state.fractions->len, >, 0);
  for (guint i = 0; i < state.fractions->len; i++)
    {
      g_assert_cmpfloat (g_array_index (state.fractions, double, i), >=, 0.0);
      g_assert_cmpfloat (g_array_index (state.fractions, double, i), <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (g_array_index (state.fractions, double, i), >=,
                           g_array_index (state.fractions, double, i - 1));
    }

  g_array_set_size (state.fractions, 0);
  par_workspace_import_async (f->workspace, PAR_IMPORT_SCORES, YEAR, file, progress_cb, &state,
                              progress_destroy_cb, NULL, done_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_true (par_workspace_import_finish (f->workspace, state.result, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 20000);
  g_assert_cmpuint (state.changed, ==, 1);
  g_assert_cmpuint (state.fractions->len, >, 0);
  g_free (after);
  after = snapshot (f);
  g_assert_cmpstr (before, !=, after);

  /* This connection reads what the worker's wrote. */
  {
    g_autoptr(GPtrArray) entries = par_workspace_list_unit_entries (f->workspace, YEAR, "TCH",
                                                                    NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 2);
  }

  /* The import's progress data too, before the state goes. */
  g_clear_object (&state.result);
  while (state.progress_freed < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (state.progress_freed, ==, 2);
  g_signal_handlers_disconnect_by_data (f->workspace, &state);
  async_state_clear (&state);
}

/* A watched workspace (the window's) announces the worker's import once,
 * whether its watch or the finish sees it first. */
static void
test_async_import_watched (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *text = make_scores (2000);
  g_autoptr(GFile) file = write_file (f, "scores.csv", text);
  g_autoptr(GError) error = NULL;
  AsyncState state = { 0 };
  gint64 until;

  add_units (f);
  async_state_init (&state);
  par_workspace_watch (f->workspace);
  g_signal_connect (f->workspace, "changed", G_CALLBACK (changed_cb), &state);

  par_workspace_import_async (f->workspace, PAR_IMPORT_SCORES, YEAR, file, NULL, NULL, NULL, NULL,
                              done_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_true (par_workspace_import_finish (f->workspace, state.result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (state.changed, ==, 1);
  /* The watch's next looks (it looks every second) find nothing new. */
  until = g_get_monotonic_time () + 1500 * 1000;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (state.changed, ==, 1);

  g_signal_handlers_disconnect_by_data (f->workspace, &state);
  async_state_clear (&state);
}

/* Cancelled before it starts, or given a file that cannot be read, the
 * import on a worker changes nothing and says why. */
static void
test_async_import_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *text = make_scores (100);
  g_autoptr(GFile) file = write_file (f, "scores.csv", text);
  g_autoptr(GFile) bad = write_file (f, "bad.csv", "unit,criterion,stage,value\nXXX,1.1,self,1\n");
  g_autofree char *missing_path = g_build_filename (f->dir, "missing.csv", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AsyncState state = { 0 };

  add_units (f);
  before = snapshot (f);
  async_state_init (&state);
  g_signal_connect (f->workspace, "changed", G_CALLBACK (changed_cb), &state);

  g_cancellable_cancel (cancellable);
  par_workspace_import_async (f->workspace, PAR_IMPORT_SCORES, YEAR, file, NULL, NULL, NULL,
                              cancellable, done_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_false (par_workspace_import_finish (f->workspace, state.result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&state.result);

  par_workspace_import_async (f->workspace, PAR_IMPORT_SCORES, YEAR, bad, NULL, NULL, NULL,
                              NULL, done_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_false (par_workspace_import_finish (f->workspace, state.result, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 2: "));
  g_clear_error (&error);
  g_clear_object (&state.result);

  par_workspace_check_import_async (f->workspace, PAR_IMPORT_UNITS, YEAR, missing, NULL, NULL,
                                    NULL, NULL, done_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_null (par_workspace_check_import_finish (f->workspace, state.result, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "missing.csv"));

  g_assert_cmpuint (state.changed, ==, 0);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
  g_signal_handlers_disconnect_by_data (f->workspace, &state);
  async_state_clear (&state);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/par/import/check-units-preview", test_check_units_preview);
  ADD ("/par/import/check-scores-lists-bad-rows", test_check_scores_lists_bad_rows);
  ADD ("/par/import/check-scores-decimal-comma", test_check_scores_decimal_comma);
  ADD ("/par/import/check-preview-is-bounded", test_check_preview_is_bounded);
  ADD ("/par/import/check-caps-the-list", test_check_caps_the_list);
  ADD ("/par/import/check-refuses-unreadable", test_check_refuses_unreadable);
  ADD ("/par/import/check-then-import", test_check_then_import);
  ADD ("/par/import/check-counts-what-import-does", test_check_counts_what_import_does);
  ADD ("/par/import/import-cancelled-midway", test_import_cancelled_midway);
  ADD ("/par/import/async-check-and-import", test_async_check_and_import);
  ADD ("/par/import/async-import-watched", test_async_import_watched);
  ADD ("/par/import/async-import-refused", test_async_import_refused);

  return g_test_run ();
}
