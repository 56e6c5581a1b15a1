/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-import-check"

#include "config.h"

#include "par-import-check.h"

#include "par-import-private.h"

/**
 * ParImportCheck:
 *
 * What an import would make of a units or scores file, found by reading
 * and checking every row as the import does, without writing anything
 * (par_workspace_check_import()): how the file is read (its delimiter,
 * whether a decimal comma is accepted, the columns recognised and those
 * ignored), its first rows as they will be read, how many rows it has,
 * and every bad row with why (the first %PAR_LIMIT_CSV_PROBLEMS_LISTED
 * listed, all counted).
 */
struct _ParImportCheck
{
  GObject        parent_instance;

  ParImportKind  kind;
  int            year;
  char           delimiter;
  GStrv          columns;
  GStrv          ignored;
  GListStore    *preview;     /* ParImportLine */
  GListStore    *problems;    /* ParImportLine */
  GPtrArray     *listed;      /* the same */
  guint          n_rows;
  guint          n_added;
  guint          n_changed;
  guint          n_problems;
};

G_DEFINE_FINAL_TYPE (ParImportCheck, par_import_check, G_TYPE_OBJECT)

static void
par_import_check_finalize (GObject *object)
{
  ParImportCheck *self = (ParImportCheck *)object;

  g_strfreev (self->columns);
  g_strfreev (self->ignored);
  g_clear_object (&self->preview);
  g_clear_object (&self->problems);
  g_clear_pointer (&self->listed, g_ptr_array_unref);

  G_OBJECT_CLASS (par_import_check_parent_class)->finalize (object);
}

static void
par_import_check_class_init (ParImportCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = par_import_check_finalize;
}

static void
par_import_check_init (ParImportCheck *self)
{
  self->preview = g_list_store_new (PAR_TYPE_IMPORT_LINE);
  self->problems = g_list_store_new (PAR_TYPE_IMPORT_LINE);
}

ParImportCheck *
_par_import_check_new (ParImportKind       kind,
                       int                 year,
                       char                delimiter,
                       const ParCsvColumn *columns,
                       guint               n_columns,
                       GPtrArray          *ignored)
{
  ParImportCheck *self = g_object_new (PAR_TYPE_IMPORT_CHECK, NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) others = g_strv_builder_new ();

  self->kind = kind;
  self->year = year;
  self->delimiter = delimiter;
  for (guint c = 0; c < n_columns; c++)
    if (columns[c].position >= 0)
      g_strv_builder_add (names, columns[c].name);
  for (guint i = 0; ignored != NULL && i < ignored->len; i++)
    g_strv_builder_add (others, g_ptr_array_index (ignored, i));
  self->columns = g_strv_builder_end (names);
  self->ignored = g_strv_builder_end (others);
  return self;
}

/* Keeps a row for the preview while there is room: its fields of the
 * columns recognised, copied. Returns the row (borrowed), or NULL. */
ParImportLine *
_par_import_check_add_preview (ParImportCheck     *self,
                               guint               line,
                               char * const       *values,
                               const ParCsvColumn *columns,
                               guint               n_columns)
{
  g_autoptr(ParImportLine) row = NULL;
  char **copy;
  guint n = 0;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->preview)) >= PAR_IMPORT_PREVIEW_ROWS)
    return NULL;

  copy = g_new0 (char *, n_columns);
  for (guint c = 0; c < n_columns; c++)
    if (columns[c].position >= 0)
      copy[n++] = g_strdup (values[c]);
  row = par_import_line_new_row (line, copy, n);
  g_list_store_append (self->preview, row);
  return row;
}

void
_par_import_check_finish (ParImportCheck *self,
                          guint           n_rows,
                          guint           n_added,
                          guint           n_changed,
                          ParCsvProblems *problems)
{
  GPtrArray *listed = par_csv_problems_get_listed (problems);

  self->n_rows = n_rows;
  self->n_added = n_added;
  self->n_changed = n_changed;
  self->n_problems = par_csv_problems_get_count (problems);
  g_clear_pointer (&self->listed, g_ptr_array_unref);
  self->listed = g_ptr_array_ref (listed);
  g_list_store_splice (self->problems, 0, g_list_model_get_n_items (G_LIST_MODEL (self->problems)),
                       listed->pdata, listed->len);
}

ParImportKind
par_import_check_get_kind (ParImportCheck *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_CHECK (self), PAR_IMPORT_UNITS);
  return self->kind;
}

int
par_import_check_get_year (ParImportCheck *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_CHECK (self), 0);
  return self->year;
}

/**
 * par_import_check_get_delimiter:
 *
 * Returns: the delimiter, taken from the header line: ',' or ';'
 */
char
par_import_check_get_delimiter (ParImportCheck *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_CHECK (self), ',');
  return self->delimiter;
}

/**
 * par_import_check_get_decimal_comma:
 *
 * Returns: whether numbers may be written with a decimal comma (“97,5”):
 *   in a scores file delimited by ';'
 */
gboolean
par_import_check_get_decimal_comma (ParImportCheck *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_CHECK (self), FALSE);
  return self->kind == PAR_IMPORT_SCORES && self->delimiter == ';';
}

/**
 * par_import_check_get_columns:
 *
 * Returns: (transfer none): the format's columns the header has, in the
 *   format's order (the order of a preview row's values)
 */
const char * const *
par_import_check_get_columns (ParImportCheck *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_CHECK (self), NULL);
  return (const char * const *) self->columns;
}

/**
 * par_import_check_get_ignored_columns:
 *
 * Returns: (transfer none): the header's other columns, which the import
 *   does not read
 */
const char * const *
par_import_check_get_ignored_columns (ParImportCheck *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_CHECK (self), NULL);
  return (const char * const *) self->ignored;
}

/**
 * par_import_check_get_preview:
 *
 * Returns: (transfer none): a #GListModel of #ParImportLine: the first
 *   %PAR_IMPORT_PREVIEW_ROWS rows whose fields could be read, as they
 *   will be read
 */
GListModel *
par_import_check_get_preview (ParImportCheck *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_CHECK (self), NULL);
  return G_LIST_MODEL (self->preview);
}

/**
 * par_import_check_get_n_rows:
 *
 * Returns: the number of rows below the header, good or bad
 */
guint
par_import_check_get_n_rows (ParImportCheck *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_CHECK (self), 0);
  return self->n_rows;
}

/**
 * par_import_check_get_n_added:
 *
 * Returns: what the file's good rows add: units new to the year, or
 *   entries where a unit had none (found by writing them as the import
 *   does, then rolling back)
 */
guint
par_import_check_get_n_added (ParImportCheck *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_CHECK (self), 0);
  return self->n_added;
}

/**
 * par_import_check_get_n_changed:
 *
 * Returns: what the file's good rows change: units already in the year
 *   (their name, kind, parent and block written again), or entries whose
 *   value or note differs from the one stored; rows that hold what is
 *   stored already are neither added nor changed
 */
guint
par_import_check_get_n_changed (ParImportCheck *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_CHECK (self), 0);
  return self->n_changed;
}

/**
 * par_import_check_get_n_problems:
 *
 * Returns: the number of bad rows, listed or not
 */
guint
par_import_check_get_n_problems (ParImportCheck *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_CHECK (self), 0);
  return self->n_problems;
}

/**
 * par_import_check_get_problems:
 *
 * Returns: (transfer none): a #GListModel of #ParImportLine: the first
 *   %PAR_LIMIT_CSV_PROBLEMS_LISTED bad rows, each with why
 */
GListModel *
par_import_check_get_problems (ParImportCheck *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_CHECK (self), NULL);
  return G_LIST_MODEL (self->problems);
}

/**
 * par_import_check_get_importable:
 *
 * Returns: whether the file would be imported: it has rows, none bad
 */
gboolean
par_import_check_get_importable (ParImportCheck *self)
{
  g_return_val_if_fail (PAR_IS_IMPORT_CHECK (self), FALSE);
  return self->n_rows > 0 && self->n_problems == 0;
}

/**
 * par_import_check_check:
 * @self: a #ParImportCheck
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file has no bad row; otherwise sets @error to
 *   the message its import would refuse it with, listing them
 */
gboolean
par_import_check_check (ParImportCheck  *self,
                        GError         **error)
{
  g_return_val_if_fail (PAR_IS_IMPORT_CHECK (self), FALSE);

  if (self->listed == NULL)
    return TRUE;
  return par_csv_report_problems (self->listed, self->n_problems, error);
}
