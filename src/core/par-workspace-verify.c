/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace-verify"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-decimal.h"
#include "par-error.h"
#include "par-results-format.h"
#include "par-workspace-private.h"

/*
 * A published year that proves itself (FORMATS.md §7). What is checked:
 *
 * - the audit log's chain of the year is whole (par-audit.c);
 * - the year is published exactly when its last publish or reopen record
 *   says so, with the fingerprint that record holds;
 * - for a published year, the stored totals of every unit of the year and
 *   of the year before (whose figures the published comparison shows) are
 *   those its score entries give, and the canonical results built from
 *   them hash to the published fingerprint.
 *
 * All of it inside one read transaction, so that a writer committing
 * meanwhile cannot make a whole workspace look broken, or a broken one
 * whole.
 */

/*
 * The checks that read much run beside each other, each on a read-only
 * connection of its own: the SQLite file's quick_check and a year's audit
 * chain on workers, the totals and the fingerprint on the caller's
 * connection.
 */
typedef enum
{
  SIDE_QUICK_CHECK,
  SIDE_AUDIT_CHAIN,
} SideKind;

typedef struct
{
  SideKind  kind;
  char     *path;
  int       year;
  gint64    n_records;
  GError   *error;
  GThread  *thread;
} SideCheck;

static gboolean
quick_check (sqlite3  *db,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *verdict = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    verdict = (const char *) sqlite3_column_text (stmt, 0);
  if (verdict != NULL && g_str_equal (verdict, "ok"))
    return TRUE;
  g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY, _("the workspace file is damaged: %s"),
               verdict != NULL ? verdict : sqlite3_errmsg (db));
  return FALSE;
}

static gpointer
side_check_run (gpointer data)
{
  SideCheck *side = data;
  g_autofree char *utf8_path = g_filename_to_utf8 (side->path, -1, NULL, NULL, NULL);
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (utf8_path != NULL ? utf8_path : side->path, &db,
                       SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    g_set_error (&side->error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot open the workspace: %s"),
                 side->path, sqlite3_errmsg (db));
  else
    {
      sqlite3_busy_timeout (db, 30000);
      if (side->kind == SIDE_QUICK_CHECK)
        quick_check (db, &side->error);
      else
        par_audit_verify_chain (db, side->year, &side->n_records, &side->error);
    }
  sqlite3_close_v2 (db);
  return NULL;
}

static SideCheck *
side_check_start (ParWorkspace *self,
                  SideKind      kind,
                  int           year)
{
  SideCheck *side = g_new0 (SideCheck, 1);

  side->kind = kind;
  side->path = g_strdup (_par_workspace_get_database_path (self));
  side->year = year;
  side->thread = g_thread_new ("par-verify", side_check_run, side);
  return side;
}

/* Waits for @side; %FALSE with its error when its check failed. */
static gboolean
side_check_finish (SideCheck  *side,
                   gint64     *out_records,
                   GError    **error)
{
  gboolean ok;

  g_thread_join (side->thread);
  ok = side->error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&side->error));
  else if (out_records != NULL)
    *out_records = side->n_records;
  g_free (side->path);
  g_free (side);
  return ok;
}

/**
 * par_year_check_free:
 */
void
par_year_check_free (ParYearCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->decision_number);
  g_free (check->decision_date);
  g_free (check->fingerprint);
  g_free (check);
}

static gboolean
integrity_error (GError     **error,
                 const char  *format,
                 ...) G_GNUC_PRINTF (2, 3);

static gboolean
integrity_error (GError     **error,
                 const char  *format,
                 ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  g_return_val_if_fail (*error == NULL, FALSE);
  va_start (args, format);
  *error = g_error_new_valist (PAR_ERROR, PAR_ERROR_INTEGRITY, format, args);
  va_end (args);
  return FALSE;
}

/* The year's last publish or reopen record: @out_published says which
 * (FALSE when there is none), @out_fingerprint the fingerprint a publish
 * record keeps (NULL for records older than the chained log). */
static gboolean
last_publication_event (ParWorkspace  *self,
                        int            year,
                        gboolean      *out_published,
                        char         **out_fingerprint,
                        GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean found;

  stmt = _par_workspace_query_year (self,
                                    "SELECT origin, detail FROM audit"
                                    " WHERE year = ? AND stage < 0"
                                    "  AND (origin IN ('publish', 'reopen')"
                                    "       OR origin LIKE '%:publish' OR origin LIKE '%:reopen')"
                                    " ORDER BY id DESC LIMIT 1", year, &found, error);
  if (stmt == NULL)
    return FALSE;

  *out_published = found &&
                   g_str_has_suffix ((const char *) sqlite3_column_text (stmt, 0), "publish");
  *out_fingerprint = *out_published ? g_strdup ((const char *) sqlite3_column_text (stmt, 1))
                                    : NULL;
  return TRUE;
}

/* Whether the decision row and the audit log agree on whether @year is
 * published. */
static gboolean
check_publication (ParWorkspace  *self,
                   int            year,
                   ParYearCheck  *check,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *recorded_fingerprint = NULL;
  gboolean recorded = FALSE;
  gboolean published;
  gboolean found;

  if (!last_publication_event (self, year, &recorded, &recorded_fingerprint, error))
    return FALSE;

  stmt = _par_workspace_query_year (self,
                                    "SELECT published_at IS NOT NULL, number, date, fingerprint"
                                    " FROM decision WHERE year = ?", year, &found, error);
  if (stmt == NULL)
    return FALSE;
  published = found && sqlite3_column_int (stmt, 0) != 0;

  if (published != recorded)
    return integrity_error (error, recorded
                            ? _("year %d was published (the audit log says so), but the workspace "
                                "now says it is not: the file was changed outside ParIndex")
                            : _("year %d is marked as published, but the audit log holds no "
                                "publication of it: the file was changed outside ParIndex"),
                            year);
  check->published = published;
  if (!published)
    return TRUE;

  check->decision_number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  check->decision_date = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  check->fingerprint = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  if (check->fingerprint == NULL ||
      (recorded_fingerprint != NULL && !g_str_equal (recorded_fingerprint, check->fingerprint)))
    return integrity_error (error, _("the fingerprint stored for year %d is not the one recorded "
                                     "when it was published: the file was changed outside "
                                     "ParIndex"), year);
  return TRUE;
}

/* The year's units' totals recomputed from their score entries in one
 * pass; @unit_by_id maps a unit's id to its result. */
static ParYearResults *
recompute_from_entries (ParWorkspace    *self,
                        ParYearContext  *context,
                        GHashTable      *unit_by_id,
                        GError         **error)
{
  g_autoptr(ParYearResults) results = par_year_results_new (context->year);
  g_autoptr(sqlite3_stmt) entries = NULL;
  int rc;

  for (guint b = 0; b < context->blocks->len; b++)
    {
      ParYearBlock *block = g_ptr_array_index (context->blocks, b);
      par_year_results_add_block (results, block->name, block->set);
    }
  for (guint i = 0; i < context->units->len; i++)
    {
      ParYearUnit *year_unit = g_ptr_array_index (context->units, i);
      ParUnitResult *unit = par_year_results_add_unit (results, year_unit->block, year_unit->code,
                                                       year_unit->name);

      /* Even a unit without entries gets its (empty) entry table. */
      par_year_results_load_entry (results, unit, 0, PAR_STAGE_SELF, PAR_ENTRY_EMPTY, 0, TRUE);
      g_hash_table_insert (unit_by_id, &year_unit->id, year_unit);
    }

  entries = _par_workspace_prepare (self,
                                    "SELECT unit_id, criterion_id, stage, state, points, applicable"
                                    " FROM score WHERE year = ?", error);
  if (entries == NULL)
    return NULL;
  sqlite3_bind_int (entries, 1, context->year);

  while ((rc = sqlite3_step (entries)) == SQLITE_ROW)
    {
      gint64 unit_id = sqlite3_column_int64 (entries, 0);
      gint64 criterion_id = sqlite3_column_int64 (entries, 1);
      ParYearUnit *year_unit = g_hash_table_lookup (unit_by_id, &unit_id);
      ParYearBlock *block;
      gpointer leaf_index;

      if (year_unit == NULL)
        continue;
      block = g_ptr_array_index (context->blocks, year_unit->block);
      if (!g_hash_table_lookup_extended (block->leaf_index_by_id, &criterion_id, NULL, &leaf_index))
        return integrity_error (error, _("year %d: unit “%s” has an entry for a criterion outside "
                                         "the criteria set of its block"),
                                context->year, year_unit->code), NULL;
      par_year_results_load_entry (results,
                                   par_year_results_lookup (results, year_unit->code),
                                   GPOINTER_TO_UINT (leaf_index),
                                   sqlite3_column_int (entries, 2),
                                   par_entry_state_from_stored (sqlite3_column_int (entries, 3)),
                                   sqlite3_column_int64 (entries, 4),
                                   sqlite3_column_int (entries, 5) != 0);
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;

  par_year_results_compute (results, TRUE);
  return g_steal_pointer (&results);
}

static gboolean
totals_mismatch (GError         **error,
                 int              year,
                 const char      *unit_code,
                 ParMilli         stored,
                 ParMilli         computed)
{
  g_autofree char *stored_text = par_milli_to_string (stored, par_locale_decimal_separator ());
  g_autofree char *computed_text = par_milli_to_string (computed, par_locale_decimal_separator ());

  return integrity_error (error, _("year %d: the stored totals of unit “%s” (%s points) are not "
                                   "what its score entries give (%s points): the file was changed "
                                   "outside ParIndex"),
                          year, unit_code, stored_text, computed_text);
}

/* Whether the stored totals of the year's units are those their entries
 * give. */
static gboolean
check_totals (ParWorkspace  *self,
              int            year,
              GError       **error)
{
  g_autoptr(GHashTable) unit_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(ParYearResults) computed = NULL;
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autofree ParFieldResult *stored_fields = NULL;
  ParYearContext *context;
  guint max_fields = 0;
  guint n_stored = 0;
  int rc;

  if (!(context = _par_workspace_get_year (self, year, error)) ||
      !(computed = recompute_from_entries (self, context, unit_by_id, error)))
    return FALSE;

  units = _par_workspace_prepare (self,
                                  "SELECT unit_id, points, max, self_points, provisional, fields"
                                  " FROM unit_total WHERE year = ?", error);
  if (units == NULL)
    return FALSE;
  sqlite3_bind_int (units, 1, year);
  for (guint b = 0; b < context->blocks->len; b++)
    max_fields = MAX (max_fields,
                      ((ParYearBlock *) g_ptr_array_index (context->blocks, b))->set->fields->len);
  stored_fields = g_new0 (ParFieldResult, max_fields + 1);

  while ((rc = sqlite3_step (units)) == SQLITE_ROW)
    {
      gint64 unit_id = sqlite3_column_int64 (units, 0);
      ParYearUnit *year_unit = g_hash_table_lookup (unit_by_id, &unit_id);
      ParYearBlock *block;
      ParUnitResult *unit;
      guint n_fields;

      if (year_unit == NULL)
        continue;
      block = g_ptr_array_index (context->blocks, year_unit->block);
      n_fields = block->set->fields->len;
      unit = par_year_results_lookup (computed, year_unit->code);
      n_stored++;
      if (sqlite3_column_int64 (units, 1) != unit->points ||
          sqlite3_column_int64 (units, 2) != unit->max ||
          sqlite3_column_int64 (units, 3) != unit->self_points ||
          (sqlite3_column_int (units, 4) != 0) != (unit->provisional != FALSE))
        return totals_mismatch (error, year, unit->code, sqlite3_column_int64 (units, 1),
                                unit->points);
      if (!_par_workspace_decode_field_sums (units, 5, stored_fields, n_fields))
        return totals_mismatch (error, year, unit->code, sqlite3_column_int64 (units, 1),
                                unit->points);
      for (guint f = 0; f < n_fields; f++)
        if (stored_fields[f].points != unit->fields[f].points ||
            stored_fields[f].max != unit->fields[f].max)
          return totals_mismatch (error, year, unit->code, stored_fields[f].points,
                                  unit->fields[f].points);
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);
  if (n_stored != context->units->len)
    return integrity_error (error, _("year %d: the stored totals of some units are missing: the "
                                     "file was changed outside ParIndex"), year);

  return TRUE;
}

/* Whether the canonical results of @year hash to the published
 * fingerprint. */
static gboolean
check_fingerprint (ParWorkspace  *self,
                   ParYearCheck  *check,
                   GError       **error)
{
  g_autoptr(ParYearResults) results = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autofree char *fingerprint = NULL;

  if (!(results = par_workspace_compute_results (self, check->year, error)) ||
      !(fingerprint = _par_workspace_fingerprint (results)))
    return FALSE;
  units = par_year_results_get_ordered (results);
  check->n_units = units->len;
  if (!g_str_equal (fingerprint, check->fingerprint))
    return integrity_error (error, _("year %d’s results no longer match the fingerprint "
                                     "published with decision %s (published %.16s…, now "
                                     "%.16s…): the file was changed outside ParIndex"),
                            check->year, check->decision_number, check->fingerprint, fingerprint);
  return TRUE;
}

/**
 * _par_workspace_fingerprint:
 * @results: a year's results
 *
 * Returns: (transfer full): SHA-256 of the results' canonical form (their
 *   JSON, FORMATS.md §5), hexadecimal
 */
char *
_par_workspace_fingerprint (ParYearResults *results)
{
  g_autofree char *json = par_results_format_json (results);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
}

/**
 * _par_workspace_check_totals:
 *
 * Whether the stored totals of @year (inside the caller's transaction)
 * are what its score entries give. Publishing checks it before it takes
 * the fingerprint.
 *
 * Returns: %TRUE when they are; %FALSE with %PAR_ERROR_INTEGRITY
 */
gboolean
_par_workspace_check_totals (ParWorkspace  *self,
                             int            year,
                             GError       **error)
{
  return check_totals (self, year, error);
}

/* Everything but the audit chain, on the caller's connection. */
static gboolean
verify_year_data (ParWorkspace  *self,
                  ParYearCheck  *check,
                  GError       **error)
{
  g_autoptr(GArray) years = NULL;

  if (!check_publication (self, check->year, check, error))
    return FALSE;
  if (!check->published)
    return TRUE;

  if (!check_totals (self, check->year, error) || !check_fingerprint (self, check, error))
    return FALSE;

  /* The published comparison shows the year before as it is stored. */
  if (!(years = par_workspace_list_years (self, error)))
    return FALSE;
  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, int, i) == check->year - 1)
      return check_totals (self, check->year - 1, error);
  return TRUE;
}

/**
 * par_workspace_verify_year:
 * @self: a #ParWorkspace
 * @year: a year of the workspace
 * @error: return location for a #GError
 *
 * Checks @year as FORMATS.md §7 says (not the SQLite file as a whole: see
 * par_workspace_verify()): its audit chain, that it is published exactly
 * when the audit log says so, and, when published, that its data still
 * give the published fingerprint. `results`, `export` and `dossier` of a
 * published year refuse to go on when this fails; the window shows it.
 *
 * Returns: (transfer full) (nullable): what was checked, or %NULL with
 *   %PAR_ERROR_INTEGRITY naming what no longer matches (or another error
 *   when the workspace cannot be read)
 */
ParYearCheck *
par_workspace_verify_year (ParWorkspace  *self,
                           int            year,
                           GError       **error)
{
  g_autoptr(ParYearCheck) check = g_new0 (ParYearCheck, 1);
  g_autoptr(GError) local_error = NULL;
  SideCheck *chain;
  gboolean ok;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);

  check->year = year;
  chain = side_check_start (self, SIDE_AUDIT_CHAIN, year);
  /* One snapshot for the data's checks. */
  ok = _par_workspace_exec (self, "BEGIN", &local_error);
  if (ok)
    {
      ok = verify_year_data (self, check, &local_error);
      _par_workspace_exec (self, "COMMIT", NULL);
    }
  /* A broken chain is said first: it is what changed first. */
  if (!side_check_finish (chain, &check->n_records, error))
    return NULL;
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&check);
}

/**
 * par_workspace_check_year:
 * @self: a #ParWorkspace
 * @year: a year
 * @error: return location for a #GError
 *
 * What reading a year's results for output checks first: whether the
 * year is published (its decision row and the audit log agreeing), and if
 * it is, par_workspace_verify_year(). An unpublished year costs one
 * indexed look-up.
 *
 * Returns: %TRUE when the year's data can be given out; %FALSE with
 *   %PAR_ERROR_INTEGRITY when they no longer match what was published
 */
gboolean
par_workspace_check_year (ParWorkspace  *self,
                          int            year,
                          GError       **error)
{
  g_autoptr(ParYearCheck) check = g_new0 (ParYearCheck, 1);
  g_autoptr(ParYearCheck) verified = NULL;
  gboolean ok;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);

  check->year = year;
  if (!_par_workspace_exec (self, "BEGIN", error))
    return FALSE;
  ok = check_publication (self, year, check, error);
  _par_workspace_exec (self, "COMMIT", NULL);
  if (!ok || !check->published)
    return ok;

  verified = par_workspace_verify_year (self, year, error);
  return verified != NULL;
}

/**
 * par_workspace_verify:
 * @self: a #ParWorkspace
 * @year: a year, or 0 for every year
 * @out_checks: (out) (transfer full) (element-type ParYearCheck): what was
 *   checked of each year that holds
 * @error: return location for a #GError
 *
 * `parindex-cli verify`: the SQLite file's integrity, then each year as
 * par_workspace_verify_year() checks it, and the chain of the records
 * that belong to no year. Every year is checked even after one fails.
 *
 * Returns: %TRUE when everything holds; %FALSE with %PAR_ERROR_INTEGRITY
 *   listing what no longer matches, one line each
 */
gboolean
par_workspace_verify (ParWorkspace  *self,
                      int            year,
                      GPtrArray    **out_checks,
                      GError       **error)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new_with_free_func ((GDestroyNotify) par_year_check_free);
  g_autoptr(GString) failures = g_string_new (NULL);
  g_autoptr(GArray) years = NULL;
  g_autoptr(GError) local_error = NULL;
  SideCheck *file_check;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);

  if (!(years = par_workspace_list_years (self, error)))
    return FALSE;
  if (year != 0)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < years->len; i++)
        found = found || g_array_index (years, int, i) == year;
      if (!found)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("the workspace has no year %d"),
                       year);
          return FALSE;
        }
      g_array_set_size (years, 0);
      g_array_append_val (years, year);
    }
  else
    {
      /* The records that belong to no single year (evidence documents). */
      int none = 0;
      g_array_prepend_val (years, none);
    }

  /* The whole file's check runs beside the years' checks. */
  file_check = side_check_start (self, SIDE_QUICK_CHECK, 0);
  for (guint i = 0; i < years->len; i++)
    {
      int y = g_array_index (years, int, i);
      ParYearCheck *check = NULL;

      if (y == 0)
        {
          check = g_new0 (ParYearCheck, 1);
          if (!side_check_finish (side_check_start (self, SIDE_AUDIT_CHAIN, 0), &check->n_records,
                                  &local_error))
            g_clear_pointer (&check, par_year_check_free);
        }
      else
        check = par_workspace_verify_year (self, y, &local_error);

      if (check != NULL)
        g_ptr_array_add (checks, check);
      else if (g_error_matches (local_error, PAR_ERROR, PAR_ERROR_INTEGRITY))
        {
          g_string_append_printf (failures, "%s%s", failures->len > 0 ? "\n" : "",
                                  local_error->message);
          g_clear_error (&local_error);
        }
      else
        {
          side_check_finish (file_check, NULL, NULL);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  if (!side_check_finish (file_check, NULL, &local_error))
    {
      if (!g_error_matches (local_error, PAR_ERROR, PAR_ERROR_INTEGRITY))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* A damaged file comes first: the rest may follow from it. */
      g_string_prepend (failures, failures->len > 0 ? "\n" : "");
      g_string_prepend (failures, local_error->message);
    }

  if (out_checks != NULL)
    *out_checks = g_steal_pointer (&checks);
  if (failures->len > 0)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INTEGRITY, failures->str);
      return FALSE;
    }
  return TRUE;
}
