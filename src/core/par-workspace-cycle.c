/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "par-workspace-cycle"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "par-cycle-private.h"
#include "par-decision.h"
#include "par-error.h"
#include "par-evidence-private.h"
#include "par-progress-private.h"
#include "par-text.h"

/*
 * The cycle between desks, writing side (FORMATS.md §8): what a package
 * carries of a unit (its content, built here), `review` records the
 * office's verdicts, comments and explanation requests; `deadline` the
 * stages' closing dates and per-unit extensions. Every change is audited
 * with its origin. Packing (`submit`, `return`) is in par-cycle-submit.c,
 * receiving in par-cycle-receive.c, what is read back in
 * par-cycle-status.c.
 */

void
_par_package_row_free (ParPackageRow *row)
{
  if (row == NULL)
    return;
  g_free (row->sha256);
  g_free (row->at);
  g_free (row->content);
  g_free (row);
}

/* Every package of a unit in a year, oldest first. */
GPtrArray *
_par_cycle_list_packages (ParWorkspace  *self,
                          int            year,
                          gint64         unit_id,
                          GError       **error)
{
  g_autoptr(GPtrArray) rows =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _par_package_row_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _par_workspace_prepare (self,
                                 "SELECT id, kind, direction, round, sha256, at, content"
                                 " FROM package WHERE year = ? AND unit_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, unit_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ParPackageRow *row = g_new0 (ParPackageRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->kind = g_str_equal ((const char *) sqlite3_column_text (stmt, 1), "return")
                  ? PAR_PACKAGE_RETURN : PAR_PACKAGE_SUBMISSION;
      row->sent = g_str_equal ((const char *) sqlite3_column_text (stmt, 2), "sent");
      row->round = sqlite3_column_int (stmt, 3);
      row->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      row->at = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      row->content = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error), NULL;
  return g_steal_pointer (&rows);
}

/* The package of @kind and direction with the highest round (the latest
 * of that round), or NULL. */
const ParPackageRow *
_par_cycle_last_package (GPtrArray      *rows,
                         ParPackageKind  kind,
                         gboolean        sent)
{
  const ParPackageRow *last = NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      const ParPackageRow *row = g_ptr_array_index (rows, i);

      if (row->kind == kind && row->sent == sent && (last == NULL || row->round >= last->round))
        last = row;
    }
  return last;
}

/* The unit, in @out_unit, and its packages of @year, oldest first. */
GPtrArray *
_par_cycle_lookup_packages (ParWorkspace  *self,
                            int            year,
                            const char    *unit_code,
                            ParCycleUnit  *out_unit,
                            GError       **error)
{
  if (!_par_cycle_lookup_unit (self, year, unit_code, out_unit, error))
    return NULL;
  return _par_cycle_list_packages (self, year, out_unit->unit->id, error);
}

gboolean
_par_cycle_lookup_unit (ParWorkspace  *self,
                        int            year,
                        const char    *unit_code,
                        ParCycleUnit  *out_unit,
                        GError       **error)
{
  if (!(out_unit->unit = _par_workspace_lookup_unit (self, year, unit_code, &out_unit->context,
                                                     error)))
    return FALSE;
  out_unit->block = g_ptr_array_index (out_unit->context->blocks, out_unit->unit->block);
  return TRUE;
}

/* An ISO 8601 time in local time, in @format; NULL when it is not one. */
static char *
format_local (const char *iso8601,
              const char *format)
{
  g_autoptr(GDateTime) time = iso8601 != NULL ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;
  local = g_date_time_to_local (time);
  return g_date_time_format (local, format);
}

/* The local calendar date of an ISO 8601 time, YYYY-MM-DD. */
char *
_par_cycle_local_date (const char *iso8601)
{
  return format_local (iso8601, "%Y-%m-%d");
}

/* An ISO 8601 time as the user reads it: 20/11/2025 08:12, local time. */
char *
_par_cycle_local_time (const char *iso8601)
{
  return format_local (iso8601, "%d/%m/%Y %H:%M");
}

char *
_par_cycle_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* One audit record of the cycle, in the current write transaction. */
gboolean
_par_cycle_audit (ParWorkspace  *self,
                  int            year,
                  const char    *unit_code,
                  const char    *criterion_code,
                  int            stage,
                  const char    *old_value,
                  const char    *new_value,
                  const char    *old_note,
                  const char    *new_note,
                  const char    *action,
                  const char    *detail,
                  GError       **error)
{
  ParAuditRecord record = {
    year, unit_code != NULL ? unit_code : "", criterion_code != NULL ? criterion_code : "",
    stage, old_value, new_value, old_note, new_note, action, detail,
  };

  return _par_workspace_audit (self, &record, error);
}

/* The action of a change a received package makes: "<what> package:<first
 * 16 digits of its SHA-256> round <N>" (docs/audit-log.md). */
char *
_par_cycle_package_action (const char *what,
                           const char *sha256,
                           int         round)
{
  g_autofree char *origin = par_package_origin (sha256, round);

  return g_strdup_printf ("%s %s", what, origin);
}

/* Records a package sent or received, with an audit record naming it
 * (action "submit", "return" or "receive", the package's SHA-256 as its
 * detail); in the current write transaction. */
gboolean
_par_cycle_log_package (ParWorkspace    *self,
                        int              year,
                        ParYearUnit     *unit,
                        ParPackageKind   kind,
                        gboolean         sent,
                        int              round,
                        const char      *sha256,
                        const char      *manifest_sha256,
                        gint64           size,
                        const char      *created_at,
                        const char      *content,
                        GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *round_text = g_strdup_printf ("round %d", round);
  const char *action = !sent ? "receive" : kind == PAR_PACKAGE_RETURN ? "return" : "submit";

  stmt = _par_workspace_prepare (self,
                                 "INSERT INTO package (year, unit_id, kind, direction, round,"
                                 " sha256, manifest_sha256, size, created_at, at, content)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, unit->id);
  sqlite3_bind_text (stmt, 3, par_package_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, sent ? "sent" : "received", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, round);
  sqlite3_bind_text (stmt, 6, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, manifest_sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, size);
  sqlite3_bind_text (stmt, 9, created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, _par_workspace_get_write_time (self), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, content, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);

  return _par_cycle_audit (self, year, unit->code, NULL, -1, NULL,
                           par_package_kind_to_string (kind), NULL, round_text, action, sha256,
                           error);
}

char *
_par_cycle_get_extension (ParWorkspace   *self,
                          int             year,
                          gint64          unit_id,
                          ParCycleStage   stage,
                          char          **out_reason,
                          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (out_reason != NULL)
    *out_reason = NULL;
  stmt = _par_workspace_prepare (self, "SELECT date, reason FROM extension"
                                 " WHERE year = ? AND unit_id = ? AND stage = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, unit_id);
  sqlite3_bind_text (stmt, 3, par_cycle_stage_to_string (stage), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    return _par_workspace_set_io_error (self, error), NULL;
  if (out_reason != NULL)
    *out_reason = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/**
 * par_workspace_get_deadline:
 * @self: a #ParWorkspace
 * @year: the year
 * @stage: a stage
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the stage's closing date
 *   (YYYY-MM-DD, the last day on which packages are received), or %NULL
 *   when it has none (@error unset) or on error
 */
char *
par_workspace_get_deadline (ParWorkspace   *self,
                            int             year,
                            ParCycleStage   stage,
                            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), NULL);

  stmt = _par_workspace_prepare (self, "SELECT date FROM deadline WHERE year = ? AND stage = ?",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_text (stmt, 2, par_cycle_stage_to_string (stage), -1, SQLITE_STATIC);
  return _par_workspace_step_text (self, stmt, error);
}

/* Sets (or with @date NULL, removes) a stage's deadline, or @unit's
 * extension of it, with an audit record (action "deadline" or "extension",
 * the stage as its detail; with @package_origin, the package's); in the
 * current write transaction. */
gboolean
_par_cycle_store_deadline (ParWorkspace   *self,
                           int             year,
                           ParYearUnit    *unit,
                           ParCycleStage   stage,
                           const char     *date,
                           const char     *reason,
                           const char     *package_origin,
                           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *old_date = NULL;
  g_autofree char *old_reason = NULL;
  g_autofree char *action = NULL;
  const char *stage_name = par_cycle_stage_to_string (stage);
  const char *what = unit != NULL ? "extension" : "deadline";

  if (unit != NULL)
    {
      old_date = _par_cycle_get_extension (self, year, unit->id, stage, &old_reason, error);
      if (old_date == NULL && error != NULL && *error != NULL)
        return FALSE;
    }
  else
    {
      old_date = par_workspace_get_deadline (self, year, stage, error);
      if (old_date == NULL && error != NULL && *error != NULL)
        return FALSE;
    }
  if (g_strcmp0 (old_date, date) == 0 && (unit == NULL || g_strcmp0 (old_reason, reason) == 0))
    return TRUE;

  if (unit != NULL && date != NULL)
    stmt = _par_workspace_prepare (self, "INSERT OR REPLACE INTO extension (year, unit_id, stage,"
                                   " date, reason, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                   error);
  else if (unit != NULL)
    stmt = _par_workspace_prepare (self, "DELETE FROM extension WHERE year = ?1 AND unit_id = ?2"
                                   " AND stage = ?3", error);
  else if (date != NULL)
    stmt = _par_workspace_prepare (self, "INSERT OR REPLACE INTO deadline (year, stage, date,"
                                   " changed_at) VALUES (?1, ?3, ?4, ?6)", error);
  else
    stmt = _par_workspace_prepare (self, "DELETE FROM deadline WHERE year = ?1 AND stage = ?3",
                                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  if (unit != NULL)
    sqlite3_bind_int64 (stmt, 2, unit->id);
  sqlite3_bind_text (stmt, 3, stage_name, -1, SQLITE_STATIC);
  if (date != NULL)
    sqlite3_bind_text (stmt, 4, date, -1, SQLITE_STATIC);
  if (unit != NULL && date != NULL)
    sqlite3_bind_text (stmt, 5, reason, -1, SQLITE_STATIC);
  if (date != NULL)
    sqlite3_bind_text (stmt, 6, _par_workspace_get_write_time (self), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);

  action = package_origin != NULL ? g_strdup_printf ("%s %s", what, package_origin)
                                  : g_strdup (what);
  return _par_cycle_audit (self, year, unit != NULL ? unit->code : NULL, NULL, -1, old_date, date,
                           old_reason, reason, action, stage_name, error);
}

/* The unit's entries of @stage as content entries. */
static gboolean
add_entries (ParWorkspace     *self,
             ParCycleUnit     *unit,
             ParStage          stage,
             ParCycleContent  *content,
             GError          **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  if (!(entries = par_workspace_list_unit_entries (self, unit->context->year, unit->unit->code,
                                                   NULL, error)))
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      const ParStoredEntry *stored = g_ptr_array_index (entries, i);
      ParCycleEntry *entry;

      if (stored->stage != stage || stored->state == PAR_ENTRY_EMPTY)
        continue;
      entry = g_new0 (ParCycleEntry, 1);
      entry->criterion = g_strdup (stored->leaf->code);
      entry->value = g_strdup (stored->value);
      entry->note = g_strdup (stored->note);
      g_ptr_array_add (content->entries, entry);
    }
  return TRUE;
}

/* Adds one row of a query to a package's content. */
typedef void (*ContentRowFunc) (sqlite3_stmt    *stmt,
                                ParCycleContent *content);

/* Runs @sql over the unit (?1 its year, ?2 its id, ?3 its block, where the
 * query has them) and adds each row to @content with @add_row. */
static gboolean
add_rows (ParWorkspace     *self,
          ParCycleUnit     *unit,
          const char       *sql,
          ContentRowFunc    add_row,
          ParCycleContent  *content,
          GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = _par_workspace_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_int (stmt, 1, unit->context->year);
  sqlite3_bind_int64 (stmt, 2, unit->unit->id);
  if (sqlite3_bind_parameter_count (stmt) > 2)
    sqlite3_bind_int64 (stmt, 3, unit->block->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_row (stmt, content);
  if (rc != SQLITE_DONE)
    return _par_workspace_set_io_error (self, error);
  return TRUE;
}

static void
add_explanation_row (sqlite3_stmt    *stmt,
                     ParCycleContent *content)
{
  ParCycleExplanation *explanation = g_new0 (ParCycleExplanation, 1);

  explanation->criterion = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  explanation->text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  g_ptr_array_add (content->explanations, explanation);
}

static void
add_review_row (sqlite3_stmt    *stmt,
                ParCycleContent *content)
{
  ParCycleReview *review = g_new0 (ParCycleReview, 1);
  const char *document = (const char *) sqlite3_column_text (stmt, 1);
  const char *verdict = (const char *) sqlite3_column_text (stmt, 2);

  review->criterion = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  review->document = document != NULL && document[0] != '\0' ? g_strdup (document) : NULL;
  if (verdict != NULL)
    par_verdict_from_string (verdict, &review->verdict);
  review->comment = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  review->requested = sqlite3_column_int (stmt, 5) != 0;
  if (review->requested)
    review->request = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  g_ptr_array_add (content->reviews, review);
}

static void
add_held_row (sqlite3_stmt    *stmt,
              ParCycleContent *content)
{
  g_ptr_array_add (content->held, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
}

static gboolean
add_explanations (ParWorkspace     *self,
                  ParCycleUnit     *unit,
                  ParCycleContent  *content,
                  GError          **error)
{
  return add_rows (self, unit,
                   "SELECT c.code, e.text FROM explanation e"
                   " JOIN criterion c ON c.id = e.criterion_id"
                   " WHERE e.year = ? AND e.unit_id = ? AND coalesce (e.text, '') != ''"
                   " ORDER BY c.leaf_index", add_explanation_row, content, error);
}

static gboolean
add_evidence (ParWorkspace     *self,
              ParCycleUnit     *unit,
              ParCycleContent  *content,
              GHashTable       *document_ids,
              GError          **error)
{
  g_autoptr(GPtrArray) evidence = NULL;

  if (!(evidence = par_workspace_list_evidence (self, unit->context->year, unit->unit->code, NULL,
                                                error)))
    return FALSE;
  for (guint i = 0; i < evidence->len; i++)
    {
      const ParEvidence *item = g_ptr_array_index (evidence, i);
      const ParDocument *source = item->document;
      ParCycleLink *link = g_new0 (ParCycleLink, 1);

      if (par_cycle_content_find_document (content, source->sha256) == NULL)
        {
          ParCycleDocument *document = g_new0 (ParCycleDocument, 1);

          document->sha256 = g_strdup (source->sha256);
          document->media_type = g_strdup (source->media_type);
          document->size = source->size;
          document->page_count = source->page_count;
          document->file_name = g_strdup (source->file_name);
          document->title = g_strdup (source->title);
          document->number = g_strdup (source->number);
          document->date = g_strdup (source->date);
          document->issuer = g_strdup (source->issuer);
          g_ptr_array_add (content->documents, document);
          if (document_ids != NULL)
            g_hash_table_insert (document_ids, g_strdup (source->sha256),
                                 g_memdup2 (&source->id, sizeof source->id));
        }
      link->criterion = g_strdup (item->criterion_code);
      link->document = g_strdup (source->sha256);
      link->pages = g_strdup (item->pages);
      g_ptr_array_add (content->links, link);
    }
  return TRUE;
}

/* Each leaf with a review or a request, then each reviewed document. */
static const char review_sql[] =
  "SELECT c.code, '', r.verdict, r.comment, r.request, coalesce (e.requested, 0), c.leaf_index"
  " FROM criterion c"
  " LEFT JOIN review r ON r.criterion_id = c.id AND r.year = ?1 AND r.unit_id = ?2"
  "  AND r.document = ''"
  " LEFT JOIN explanation e ON e.criterion_id = c.id AND e.year = ?1 AND e.unit_id = ?2"
  " WHERE c.set_id = (SELECT set_id FROM block WHERE id = ?3)"
  "  AND (r.criterion_id IS NOT NULL OR e.requested = 1)"
  " UNION ALL"
  " SELECT c.code, r.document, r.verdict, r.comment, NULL, 0, c.leaf_index"
  " FROM review r JOIN criterion c ON c.id = r.criterion_id"
  " WHERE r.year = ?1 AND r.unit_id = ?2 AND r.document != '' ORDER BY 7, 2";

static const char held_sql[] =
  "SELECT DISTINCT d.sha256 FROM evidence_link l JOIN document d ON d.id = l.document_id"
  " WHERE l.year = ? AND l.unit_id = ? ORDER BY d.sha256";

/*
 * What a package of @kind would carry now: a submission, the unit's self
 * entries, explanations and evidence (with @document_ids filled, SHA-256 →
 * document id, when given); a return, the office's appraisal entries,
 * reviews, requests, the documents it holds and the explanation deadline.
 */
ParCycleContent *
_par_cycle_build_content (ParWorkspace    *self,
                          ParCycleUnit    *unit,
                          ParPackageKind   kind,
                          GHashTable      *document_ids,
                          GError         **error)
{
  g_autoptr(ParCycleContent) content = par_cycle_content_new (kind);

  if (kind == PAR_PACKAGE_SUBMISSION)
    {
      if (!add_entries (self, unit, PAR_STAGE_SELF, content, error) ||
          !add_explanations (self, unit, content, error) ||
          !add_evidence (self, unit, content, document_ids, error))
        return NULL;
    }
  else
    {
      g_autoptr(GError) local_error = NULL;

      if (!add_entries (self, unit, PAR_STAGE_APPRAISAL, content, error) ||
          !add_rows (self, unit, review_sql, add_review_row, content, error) ||
          !add_rows (self, unit, held_sql, add_held_row, content, error))
        return NULL;
      content->deadline = par_workspace_get_deadline (self, unit->context->year,
                                                      PAR_CYCLE_STAGE_EXPLANATION, &local_error);
      if (local_error == NULL)
        content->extension = _par_cycle_get_extension (self, unit->context->year, unit->unit->id,
                                                       PAR_CYCLE_STAGE_EXPLANATION,
                                                       &content->extension_reason, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return g_steal_pointer (&content);
}

static gint64
resolve_document (ParWorkspace  *self,
                  int            year,
                  const char    *unit_code,
                  const char    *criterion_code,
                  const char    *document,
                  char         **out_sha256,
                  GError       **error)
{
  g_autoptr(GPtrArray) evidence = NULL;
  g_autofree char *prefix = g_ascii_strdown (document, -1);
  const ParEvidence *found = NULL;

  if (!(evidence = par_workspace_list_evidence (self, year, unit_code, criterion_code, error)))
    return 0;
  if (strlen (prefix) < 8)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("name the document by at least the first 8 digits of its SHA-256"));
      return 0;
    }
  for (guint i = 0; i < evidence->len; i++)
    {
      const ParEvidence *item = g_ptr_array_index (evidence, i);

      if (!g_str_has_prefix (item->document->sha256, prefix))
        continue;
      if (found != NULL && found->document->id != item->document->id)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("“%s” names more than one document of criterion %s; give more digits"),
                       document, criterion_code);
          return 0;
        }
      found = item;
    }
  if (found == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("criterion %s of unit “%s” has no document whose SHA-256 begins with “%s”"),
                   criterion_code, unit_code, document);
      return 0;
    }
  *out_sha256 = g_strdup (found->document->sha256);
  return found->document->id;
}

/**
 * par_workspace_review:
 * @self: a #ParWorkspace, the office's
 * @year: the year
 * @unit_code: the unit's code
 * @criterion_code: a leaf's code
 * @document: (nullable): a document linked to the leaf, by its SHA-256 or
 *   its first digits (at least 8), for a verdict on that document; %NULL
 *   for the criterion
 * @change: what to change
 * @error: return location for a #GError
 *
 * Records the office's verdict and comment on a criterion of a unit, or
 * on one of its evidence documents, and the explanation the unit must give
 * (a request sets the leaf's "explanation requested" mark; withdrawing it
 * clears the mark). Audited (actions "review" and "request", a document's
 * SHA-256 as the detail); refused in a published year.
 *
 * Returns: %TRUE when saved
 */
gboolean
par_workspace_review (ParWorkspace           *self,
                      int                     year,
                      const char             *unit_code,
                      const char             *criterion_code,
                      const char             *document,
                      const ParReviewChange  *change,
                      GError                **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) write = NULL;
  g_autoptr(GPtrArray) packages = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *old_verdict = NULL;
  g_autofree char *old_comment = NULL;
  g_autofree char *old_request = NULL;
  g_autofree char *new_comment = NULL;
  g_autofree char *new_request = NULL;
  g_autofree char *explanation = NULL;
  const ParPackageRow *last;
  const ParCriterion *leaf;
  const char *new_verdict;
  gboolean requested = FALSE;
  gboolean new_requested;
  gboolean found;
  ParCycleUnit unit;
  int rc;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (unit_code != NULL && criterion_code != NULL && change != NULL, FALSE);

  if (!_par_cycle_lookup_unit (self, year, unit_code, &unit, error) ||
      !_par_workspace_check_writable (self, year, error))
    return FALSE;
  if (!(leaf = _par_year_lookup_leaf (unit.context, unit.unit, criterion_code, error)))
    return FALSE;
  if (document != NULL &&
      !resolve_document (self, year, unit_code, criterion_code, document, &sha256, error))
    return FALSE;
  if (document != NULL && change->set_request)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("an explanation is requested for a criterion, not for one document"));
      return FALSE;
    }
  if (change->set_verdict && change->verdict > PAR_VERDICT_REJECTED)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("unknown verdict"));
      return FALSE;
    }
  if (!par_workspace_get_explanation (self, year, unit_code, criterion_code, &requested,
                                      &explanation, error) ||
      !(packages = _par_cycle_list_packages (self, year, unit.unit->id, error)))
    return FALSE;
  last = _par_cycle_last_package (packages, PAR_PACKAGE_SUBMISSION, FALSE);

  select = _par_workspace_prepare (self, "SELECT verdict, comment, request FROM review"
                                   " WHERE year = ? AND unit_id = ? AND criterion_id = ?"
                                   " AND document = ?", error);
  if (select == NULL || !_par_workspace_begin_write (self, year, error))
    return FALSE;
  sqlite3_bind_int (select, 1, year);
  sqlite3_bind_int64 (select, 2, unit.unit->id);
  sqlite3_bind_int64 (select, 3, unit.block->leaf_ids[leaf->leaf_index]);
  sqlite3_bind_text (select, 4, sha256 != NULL ? sha256 : "", -1, SQLITE_STATIC);
  rc = sqlite3_step (select);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _par_workspace_set_io_error (self, error);
      goto failed;
    }
  found = rc == SQLITE_ROW;
  if (found)
    {
      old_verdict = g_strdup ((const char *) sqlite3_column_text (select, 0));
      old_comment = g_strdup ((const char *) sqlite3_column_text (select, 1));
      old_request = g_strdup ((const char *) sqlite3_column_text (select, 2));
    }

  new_verdict = change->set_verdict
                ? (change->verdict != PAR_VERDICT_NONE ? par_verdict_to_string (change->verdict)
                                                       : NULL)
                : old_verdict;
  /* A comment and a request are notes, within their limits (docs/limits.md). */
  if ((change->set_comment &&
       !par_text_clean_optional (change->comment, PAR_TEXT_NOTE, &new_comment, error)) ||
      (change->set_request &&
       !par_text_clean_optional (change->request, PAR_TEXT_NOTE, &new_request, error)))
    goto failed;
  if (!change->set_comment)
    new_comment = g_strdup (old_comment);
  if (!change->set_request)
    new_request = g_strdup (old_request);
  new_requested = change->set_request ? new_request != NULL : requested;

  if (new_verdict == NULL && new_comment == NULL && new_request == NULL)
    write = _par_workspace_prepare (self, "DELETE FROM review WHERE year = ?1 AND unit_id = ?2"
                                    " AND criterion_id = ?3 AND document = ?4", error);
  else
    write = _par_workspace_prepare (self, "INSERT OR REPLACE INTO review (year, unit_id,"
                                    " criterion_id, document, verdict, comment, request, round,"
                                    " changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                    error);
  if (write == NULL)
    goto failed;
  sqlite3_bind_int (write, 1, year);
  sqlite3_bind_int64 (write, 2, unit.unit->id);
  sqlite3_bind_int64 (write, 3, unit.block->leaf_ids[leaf->leaf_index]);
  sqlite3_bind_text (write, 4, sha256 != NULL ? sha256 : "", -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count (write) > 4)
    {
      sqlite3_bind_text (write, 5, new_verdict, -1, SQLITE_STATIC);
      sqlite3_bind_text (write, 6, new_comment, -1, SQLITE_STATIC);
      sqlite3_bind_text (write, 7, new_request, -1, SQLITE_STATIC);
      sqlite3_bind_int (write, 8, last != NULL ? last->round : 0);
      sqlite3_bind_text (write, 9, _par_workspace_get_write_time (self), -1, SQLITE_STATIC);
    }
  if (sqlite3_step (write) != SQLITE_DONE)
    {
      _par_workspace_set_io_error (self, error);
      goto failed;
    }

  if ((g_strcmp0 (old_verdict, new_verdict) != 0 || g_strcmp0 (old_comment, new_comment) != 0) &&
      !_par_cycle_audit (self, year, unit_code, criterion_code, PAR_STAGE_APPRAISAL, old_verdict,
                         new_verdict, old_comment, new_comment, "review", sha256, error))
    goto failed;
  if (change->set_request)
    {
      if ((g_strcmp0 (old_request, new_request) != 0 &&
           !_par_cycle_audit (self, year, unit_code, criterion_code, PAR_STAGE_APPRAISAL,
                              requested ? "requested" : NULL, new_requested ? "requested" : NULL,
                              old_request, new_request, "request", NULL, error)) ||
          !_par_workspace_apply_explanation (self, year, unit.unit, criterion_code,
                                             unit.block->leaf_ids[leaf->leaf_index],
                                             new_requested, explanation, "request", NULL, NULL,
                                             error))
        goto failed;
    }
  if (!_par_workspace_commit (self, error))
    goto failed;

  if (change->set_request)
    _par_workspace_emit_explanation_changed (self, year, unit_code, criterion_code);
  _par_workspace_emit_cycle_changed (self, year, unit_code);
  return TRUE;

failed:
  _par_workspace_rollback (self);
  return FALSE;
}

/**
 * par_workspace_set_deadline:
 * @self: a #ParWorkspace, the office's
 * @year: the year
 * @stage: the stage
 * @date: (nullable): its closing date, YYYY-MM-DD (the last day packages
 *   are received); %NULL removes the deadline
 * @error: return location for a #GError
 *
 * Sets a stage's deadline, audited. Refused in a published year.
 *
 * Returns: %TRUE when saved
 */
gboolean
par_workspace_set_deadline (ParWorkspace   *self,
                            int             year,
                            ParCycleStage   stage,
                            const char     *date,
                            GError        **error)
{
  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);

  if (!_par_workspace_get_year (self, year, error) ||
      !_par_workspace_check_writable (self, year, error) ||
      (date != NULL && !par_decision_validate_date (date, error)) ||
      !_par_workspace_begin_write (self, year, error))
    return FALSE;
  if (!_par_cycle_store_deadline (self, year, NULL, stage, date, NULL, NULL, error) ||
      !_par_workspace_commit (self, error))
    {
      _par_workspace_rollback (self);
      return FALSE;
    }
  _par_workspace_emit_cycle_changed (self, year, NULL);
  return TRUE;
}

/**
 * par_workspace_set_extension:
 * @self: a #ParWorkspace, the office's
 * @year: the year
 * @unit_code: the unit's code
 * @stage: the stage
 * @date: (nullable): the last day the unit's package is received; %NULL
 *   withdraws the extension
 * @reason: (nullable): why (required with a date)
 * @error: return location for a #GError
 *
 * Grants one unit an extension of a stage's deadline, with its reason,
 * audited. An extension ends after the stage's deadline. Refused in a
 * published year.
 *
 * Returns: %TRUE when saved
 */
gboolean
par_workspace_set_extension (ParWorkspace   *self,
                             int             year,
                             const char     *unit_code,
                             ParCycleStage   stage,
                             const char     *date,
                             const char     *reason,
                             GError        **error)
{
  g_autofree char *clean_reason = NULL;
  g_autofree char *deadline = NULL;
  g_autoptr(GError) local_error = NULL;
  ParCycleUnit unit;

  g_return_val_if_fail (PAR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (unit_code != NULL, FALSE);

  if (!par_text_clean_optional (reason, PAR_TEXT_NOTE, &clean_reason, error) ||
      !_par_cycle_lookup_unit (self, year, unit_code, &unit, error) ||
      !_par_workspace_check_writable (self, year, error) ||
      (date != NULL && !par_decision_validate_date (date, error)))
    return FALSE;
  if (date != NULL && clean_reason == NULL)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("an extension needs a reason (--reason)"));
      return FALSE;
    }
  deadline = par_workspace_get_deadline (self, year, stage, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (date != NULL && deadline != NULL && g_strcmp0 (date, deadline) <= 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("an extension must end after the deadline of the stage (%s)"), deadline);
      return FALSE;
    }

  if (!_par_workspace_begin_write (self, year, error))
    return FALSE;
  if (!_par_cycle_store_deadline (self, year, unit.unit, stage, date,
                                  date != NULL ? clean_reason : NULL, NULL, error) ||
      !_par_workspace_commit (self, error))
    {
      _par_workspace_rollback (self);
      return FALSE;
    }
  _par_workspace_emit_cycle_changed (self, year, unit_code);
  return TRUE;
}
